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
        None => library(Path::new("briefs")),
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

/// Until the viewer lands: the briefs of `dir` as a table, one line each.
fn library(dir: &Path) -> Result<ExitCode> {
    let (briefs, errors) = brief::brief::load::load_dir(dir);
    if briefs.is_empty() && errors.is_empty() {
        bail!("no briefs in {} (run `brief convert` first)", dir.display());
    }
    let header = [
        "id", "city", "kind", "date", "sections", "measures", "figures",
    ]
    .map(String::from);
    let mut rows = vec![header];
    for (_, b) in &briefs {
        rows.push([
            b.id.clone(),
            b.city.clone().unwrap_or_else(|| "?".to_owned()),
            b.kind.as_str().to_owned(),
            b.date.clone().unwrap_or_else(|| "?".to_owned()),
            b.sections_in_order().len().to_string(),
            b.measures.len().to_string(),
            b.figures.len().to_string(),
        ]);
    }
    print!("{}", brief::text::table(&rows));
    for error in &errors {
        eprintln!("brief: {error}");
    }
    eprintln!("(the terminal viewer is in progress; see `brief --help` for convert and check)");
    Ok(if errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
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
