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
