//! The command line: `blueprint-studio [FILE]` opens the editor; subcommands run headless.

mod analysis;
mod check;
mod export;
mod import;

pub use export::ExportArgs;

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

/// Command-line arguments.
#[derive(Debug, Parser)]
#[command(
    name = "blueprint-studio",
    version,
    about = "Draw, check, export and analyse service blueprints.",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// A blueprint (.ron) to open in the editor.
    pub file: Option<PathBuf>,
    /// A headless command instead of the editor.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Headless commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Load and validate blueprint files; print every problem with its place.
    Check {
        /// Files to check.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Export a blueprint as a slide or deck (PNG, SVG, PDF, PowerPoint), or its steps as a
    /// table (.csv), headless.
    Export(ExportArgs),
    /// Build a blueprint from a table of steps (.csv in UTF-8 or GBK, or .xlsx) with columns
    /// title, lane, stage and optionally id, order, owner, duration_min, flows_to, … (docs/FORMAT.md).
    Import {
        /// The table.
        table: PathBuf,
        /// The blueprint to write (.ron).
        #[arg(short, long)]
        output: PathBuf,
        /// Replace the output file if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Analyse a blueprint: handoffs across the lines, lead time, waiting, loops, gaps.
    Stats {
        /// The blueprint.
        file: PathBuf,
        /// Print JSON (keys documented in docs/ANALYSIS.md).
        #[arg(long)]
        json: bool,
    },
    /// Compare an as-is blueprint with a to-be one: steps added, removed, changed; metric deltas.
    Compare {
        /// The current (as-is) blueprint.
        before: PathBuf,
        /// The redesigned (to-be) blueprint.
        after: PathBuf,
        /// Print JSON (keys documented in docs/ANALYSIS.md).
        #[arg(long)]
        json: bool,
        /// Also write the before/after table, with both emotion curves, as a 1920×1080 slide (.png or .svg).
        #[arg(long, value_name = "OUT")]
        slide: Option<PathBuf>,
    },
}

/// Exit status for success.
pub const EXIT_OK: u8 = 0;
/// Exit status when an input file is bad.
pub const EXIT_BAD_INPUT: u8 = 1;
/// Exit status for usage errors (as clap uses).
pub const EXIT_USAGE: u8 = 2;

/// Runs a headless command, writing its report to `out` and problems to `err`.
pub fn run_command(command: &Command, out: &mut dyn std::io::Write, err: &mut dyn std::io::Write) -> ExitCode {
    match command {
        Command::Check { files } => check::run(files, out, err),
        Command::Export(args) => export::run(args, out, err),
        Command::Import { table, output, force } => import::run(table, output, *force, out, err),
        Command::Stats { file, json } => analysis::stats(file, *json, out, err),
        Command::Compare {
            before,
            after,
            json,
            slide,
        } => analysis::run_compare(before, after, *json, slide.as_ref(), out, err),
    }
}
