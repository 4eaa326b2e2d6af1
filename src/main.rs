//! The `brief` binary: parse the command line, dispatch, map errors to exit codes.

mod cli;

use anyhow::{Context, Result, bail};
use brief::convert::batch;
use brief::themes::Taxonomy;
use clap::Parser;
use cli::{Cli, Command};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let (lang, no_color, ambiguous) = (cli.lang.clone(), cli.no_color, cli.ambiguous.clone());
    let result = match cli.command {
        Some(Command::Convert {
            files,
            output,
            explain,
        }) => match explain {
            Some(file) => explain_one(&file, &output),
            None => convert(files, &output),
        },
        Some(Command::Check { dir }) => check(&dir),
        Some(Command::Synth { docs, output, seed }) => synth(docs, &output, seed),
        Some(Command::View { paths }) => view(paths, &lang, no_color, &ambiguous),
        None => view(Vec::new(), &lang, no_color, &ambiguous),
    };
    match result {
        Ok(code) => code,
        Err(error) => {
            eprintln!("brief: {error:#}");
            ExitCode::FAILURE
        }
    }
}

/// The taxonomy the briefs in `output` use: its `themes.yaml` if there is one, else
/// the built-in copy.
fn taxonomy_for(output: &Path) -> Result<Taxonomy> {
    let path = output.join("themes.yaml");
    if !path.exists() {
        return Ok(Taxonomy::builtin());
    }
    Taxonomy::load(&path).map_err(|e| anyhow::anyhow!("{e}"))
}

fn root_of(output: &Path) -> PathBuf {
    match output.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

fn convert(files: Vec<PathBuf>, output: &Path) -> Result<ExitCode> {
    let sources = if files.is_empty() {
        batch::sources_in(Path::new("seeds"))
            .context("reading seeds/ (run from the repository root, or name the files)")?
    } else {
        files
    };
    if sources.is_empty() {
        bail!("no source files to convert");
    }
    std::fs::create_dir_all(output).with_context(|| format!("creating {}", output.display()))?;
    let taxonomy = taxonomy_for(output)?;
    let outcomes = batch::convert_all(&sources, &root_of(output), &taxonomy);
    let mut failed = 0;
    for outcome in outcomes {
        match outcome
            .result
            .and_then(|(brief, _)| batch::write_brief(&brief, output).map(|p| (brief, p)))
        {
            Ok((brief, path)) => println!(
                "{} → {} ({} sections, {} measures, {} figures)",
                outcome.source.display(),
                path.display(),
                brief.sections_in_order().len(),
                brief.measures.len(),
                brief.figures.len()
            ),
            Err(message) => {
                failed += 1;
                eprintln!("brief: {message}");
            }
        }
    }
    Ok(if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

fn explain_one(file: &Path, output: &Path) -> Result<ExitCode> {
    let taxonomy = taxonomy_for(output)?;
    let (_, explain) = batch::convert_file(file, &root_of(output), &taxonomy, true)
        .map_err(|e| anyhow::anyhow!(e))?;
    print!("{}", explain.render());
    Ok(ExitCode::SUCCESS)
}

/// The viewer, on `paths` (a directory or brief files), else `./briefs`, else the
/// briefs built into the program.
fn view(
    paths: Vec<PathBuf>,
    lang: &Option<String>,
    no_color: bool,
    ambiguous: &Option<String>,
) -> Result<ExitCode> {
    use brief::text::{AmbiguousWidth, detect_ambiguous};
    use brief::tui::{self, Source, app::Settings, i18n::Lang};
    if !tui::terminal::is_interactive() {
        bail!(
            "the viewer needs a terminal (stdin and stdout are not one); for scripts use `brief convert`, `brief check`"
        );
    }
    let env = |key: &str| std::env::var(key).ok();
    let source = match paths.as_slice() {
        [] if Path::new("briefs").is_dir() => Source::Dir(PathBuf::from("briefs")),
        [] => Source::Embedded,
        [dir] if dir.is_dir() => Source::Dir(dir.clone()),
        _ => Source::Files(paths),
    };
    let loaded = tui::load(&source);
    if loaded.briefs.is_empty() {
        for error in &loaded.errors {
            eprintln!("brief: {error}");
        }
        bail!("no briefs to show");
    }
    let settings = Settings {
        lang: lang
            .as_deref()
            .and_then(Lang::parse)
            .unwrap_or_else(|| Lang::detect(env)),
        color: !no_color && env("NO_COLOR").is_none_or(|v| v.is_empty()),
        ambiguous: match ambiguous.as_deref() {
            Some("wide") => AmbiguousWidth::Wide,
            Some(_) => AmbiguousWidth::Narrow,
            None => detect_ambiguous(env),
        },
    };
    let files = tui::Files {
        state: tui::state::state_path(env),
        points: brief::points::default_path(loaded.root.as_deref(), env),
    };
    tui::run(loaded, settings, files).context("running the viewer")?;
    Ok(ExitCode::SUCCESS)
}

fn synth(docs: usize, output: &Path, seed: u64) -> Result<ExitCode> {
    let written = brief::synth::write_corpus(output, seed, docs)?;
    let bytes: u64 = written
        .iter()
        .filter_map(|p| std::fs::metadata(p).ok())
        .map(|m| m.len())
        .sum();
    println!(
        "wrote {} document(s), {bytes} bytes, into {} (seed {seed})",
        written.len(),
        output.display()
    );
    Ok(ExitCode::SUCCESS)
}

fn check(dir: &Path) -> Result<ExitCode> {
    let report = brief::brief::check::check_dir(dir);
    for problem in &report.problems {
        println!("{problem}");
    }
    eprintln!(
        "checked {} brief(s): {} problem(s) in {} file(s)",
        report.files_checked,
        report.problems.len(),
        report.files_with_problems()
    );
    Ok(if report.problems.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
