//! `blueprint-studio`: opens the editor, or runs a headless command.

use blueprint_studio::cli::{Cli, run_command};
use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match &cli.command {
        Some(command) => run_command(command, &mut std::io::stdout(), &mut std::io::stderr()),
        None => {
            eprintln!("the editor is not built yet; use `blueprint-studio check FILE...`");
            ExitCode::from(blueprint_studio::cli::EXIT_USAGE)
        }
    }
}
