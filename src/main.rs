//! `blueprint-studio`: opens the editor, or runs a headless command.

use blueprint_studio::app::{APP_ID, AppOptions, EditorApp};
use blueprint_studio::cli::{Cli, EXIT_BAD_INPUT, run_command};
use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match &cli.command {
        Some(command) => run_command(command, &mut std::io::stdout(), &mut std::io::stderr()),
        None => run_editor(cli.file),
    }
}

fn run_editor(file: Option<std::path::PathBuf>) -> ExitCode {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Blueprint Studio")
            .with_app_id(APP_ID)
            .with_inner_size([1440.0, 900.0])
            .with_min_inner_size([720.0, 480.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    let app_options = AppOptions {
        file,
        native_dialogs: true,
        ..AppOptions::default()
    };
    match eframe::run_native(
        APP_ID,
        options,
        Box::new(|cc| Ok(Box::new(EditorApp::new(cc, app_options)))),
    ) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: cannot open the editor window: {error}");
            eprintln!("(headless commands still work: blueprint-studio check|export …)");
            ExitCode::from(EXIT_BAD_INPUT)
        }
    }
}
