//! The command line, as clap derive types only.

use clap::{Parser, Subcommand};
use std::path::PathBuf;

/// Chinese city-commerce policy documents as structured briefs.
#[derive(Debug, Parser)]
#[command(name = "brief", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Interface language (default: from the locale).
    #[arg(long, global = true, value_parser = ["zh", "en"])]
    pub lang: Option<String>,
    /// No colour (also when NO_COLOR is set).
    #[arg(long, global = true)]
    pub no_color: bool,
    /// How the terminal draws East Asian ambiguous characters (“ … — ①): narrow or
    /// wide (default: BRIEF_AMBIGUOUS, else from the locale).
    #[arg(long, global = true, value_parser = ["narrow", "wide"])]
    pub ambiguous: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Open the viewer (the default): on PATHS (a directory or brief files), else on
    /// ./briefs, else on the briefs built into the program.
    View { paths: Vec<PathBuf> },
    /// Convert source documents (.txt) into YAML briefs.
    Convert {
        /// Source files; default: every seeds/*.txt.
        files: Vec<PathBuf>,
        /// Where to write the briefs; source paths are recorded relative to its parent.
        #[arg(short, long, default_value = "briefs")]
        output: PathBuf,
        /// Print what was recognised in FILE (headings, measures, figures, metadata,
        /// dropped artifacts) with line numbers, and write nothing.
        #[arg(long, value_name = "FILE", conflicts_with = "files")]
        explain: Option<PathBuf>,
    },
    /// Verify every brief in DIR against its source and the format's rules.
    Check {
        /// Directory of briefs.
        #[arg(default_value = "briefs")]
        dir: PathBuf,
    },
    /// Write N generated documents of the genre (.txt) into DIR, for benchmarks and
    /// tests; the same seed gives byte-identical files. DIR must be new, empty, or hold
    /// only files of an earlier `synth`. Turn them into briefs with `brief convert`.
    Synth {
        /// How many documents.
        #[arg(long, value_name = "N")]
        docs: usize,
        /// Where to write them.
        #[arg(short, long, value_name = "DIR")]
        output: PathBuf,
        /// The generator's seed.
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn command_line_is_consistent() {
        Cli::command().debug_assert();
    }
}
