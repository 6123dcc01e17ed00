//! `blueprint-studio stats FILE [--json]` and `blueprint-studio compare ASIS TOBE [--json]`.

use super::{EXIT_BAD_INPUT, EXIT_OK, EXIT_USAGE};
use crate::analysis::{analyse, compare, comparison_text, report_text};
use crate::export::{ExportOptions, Format, Slide, export_to_file};
use crate::file;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn open(path: &Path, err: &mut dyn Write) -> Option<crate::model::Blueprint> {
    match file::open(path) {
        Ok(b) => Some(b),
        Err(error) => {
            let _ = writeln!(err, "{error}");
            None
        }
    }
}

fn json<T: serde::Serialize>(value: &T, out: &mut dyn Write) {
    match serde_json::to_string_pretty(value) {
        Ok(text) => {
            let _ = writeln!(out, "{text}");
        }
        Err(error) => {
            let _ = writeln!(out, "{{\"error\": \"{error}\"}}");
        }
    }
}

/// Runs `stats`.
pub fn stats(path: &Path, as_json: bool, out: &mut dyn Write, err: &mut dyn Write) -> ExitCode {
    let Some(blueprint) = open(path, err) else {
        return ExitCode::from(EXIT_BAD_INPUT);
    };
    let report = analyse(&blueprint);
    if as_json {
        json(&report, out);
    } else {
        // In the blueprint's language, as its slides are.
        let lang = crate::style::drawing_lang(&blueprint);
        let _ = write!(out, "{}", report_text(&report, lang));
    }
    ExitCode::from(EXIT_OK)
}

/// Runs `compare`, optionally writing the before/after table as a slide.
pub fn run_compare(
    before: &Path,
    after: &Path,
    as_json: bool,
    slide: Option<&PathBuf>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> ExitCode {
    let (Some(a), Some(b)) = (open(before, err), open(after, err)) else {
        return ExitCode::from(EXIT_BAD_INPUT);
    };
    let comparison = compare(&a, &b);
    if let Some(path) = slide {
        let Some(format) = Format::from_path(path) else {
            let _ = writeln!(
                err,
                "error: cannot tell the format of {}: use one of {}",
                path.display(),
                Format::KNOWN
            );
            return ExitCode::from(EXIT_USAGE);
        };
        let scene = crate::export::comparison_slide(&comparison, (&a, &b), crate::style::drawing_lang(&a));
        let options = ExportOptions {
            slide: Some(Slide::Wide),
            ..ExportOptions::default()
        };
        if let Err(error) = export_to_file(&scene, &options, format, path, &mut |_| {}) {
            let _ = writeln!(err, "error: {error}");
            return ExitCode::from(EXIT_BAD_INPUT);
        }
    }
    if as_json {
        json(&comparison, out);
    } else {
        let _ = write!(out, "{}", comparison_text(&comparison, crate::style::drawing_lang(&a)));
    }
    ExitCode::from(EXIT_OK)
}
