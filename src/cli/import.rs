//! `blueprint-studio import STEPS.csv|STEPS.xlsx -o NEW.ron`

use super::{EXIT_BAD_INPUT, EXIT_OK, EXIT_USAGE};
use crate::file;
use crate::i18n::counted;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

/// Runs `import`.
pub fn run(table: &Path, output: &Path, force: bool, out: &mut dyn Write, err: &mut dyn Write) -> ExitCode {
    if output.exists() && !force {
        let _ = writeln!(
            err,
            "error: {} exists; choose another name or pass --force to replace it",
            output.display()
        );
        return ExitCode::from(EXIT_USAGE);
    }
    let blueprint = match crate::table::import(table) {
        Ok(crate::table::Imported { blueprint, ignored }) => {
            for column in ignored {
                let header = if column.header.is_empty() {
                    "no header"
                } else {
                    &column.header
                };
                let _ = writeln!(
                    err,
                    "{}: warning: column {} ({header}) is not a field of a step and was not read",
                    table.display(),
                    column.letter
                );
            }
            blueprint
        }
        Err(error) => {
            let _ = writeln!(err, "{}: {error}", table.display());
            return ExitCode::from(EXIT_BAD_INPUT);
        }
    };
    if let Err(error) = file::save(output, &blueprint) {
        let _ = writeln!(err, "{error}");
        return ExitCode::from(EXIT_BAD_INPUT);
    }
    let _ = writeln!(
        out,
        "{}: {} in {}, {}",
        output.display(),
        counted(blueprint.steps.len(), "step"),
        counted(blueprint.stages.len(), "stage"),
        counted(blueprint.flows.len(), "flow")
    );
    ExitCode::from(EXIT_OK)
}
