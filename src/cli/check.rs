//! `blueprint-studio check FILE...`

use super::{EXIT_BAD_INPUT, EXIT_OK};
use crate::file;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Checks every file, keeps going past bad ones, and fails if any was bad.
pub fn run(files: &[PathBuf], out: &mut dyn Write, _err: &mut dyn Write) -> ExitCode {
    let mut any_bad = false;
    for path in files {
        // A closed pipe (`check … | head`) is no reason to stop checking or to panic.
        let _ = match file::open(path) {
            Ok(blueprint) => writeln!(
                out,
                "{}: ok ({} lanes, {} stages, {} steps, {} flows, {} markers)",
                path.display(),
                blueprint.lanes.len(),
                blueprint.stages.len(),
                blueprint.steps.len(),
                blueprint.flows.len(),
                blueprint.markers.len()
            )
            .and_then(|()| {
                // Warnings do not make the file bad: it opens and exports as it is.
                crate::model::warnings(&blueprint)
                    .iter()
                    .try_for_each(|warning| writeln!(out, "{}: warning: {warning}", path.display()))
            }),
            Err(error) => {
                any_bad = true;
                writeln!(out, "{error}")
            }
        };
    }
    ExitCode::from(if any_bad { EXIT_BAD_INPUT } else { EXIT_OK })
}
