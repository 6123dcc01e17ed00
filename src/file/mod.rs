//! Blueprint files: versioned RON, read with precise errors, written atomically and byte-stably.
//!
//! A file is `(version: N, blueprint: (…))`. The version is read first, on its own, so a file
//! from a newer program gets a clear message rather than a confusing field error.

mod error;
mod save;

pub use error::{OpenError, ParseError, SaveError};
pub(crate) use save::write_atomically;
pub use save::{backup_path, save};

use crate::model::{Blueprint, validate};
use ron::extensions::Extensions;
use serde::{Deserialize, Serialize};
use std::io::Read;
use std::path::Path;

/// The file format version this build writes and the newest it reads.
pub const CURRENT_VERSION: u32 = 1;

/// Files larger than this are refused unread; 20,000 steps take about 6 MB.
pub const MAX_FILE_BYTES: u64 = 32 * 1024 * 1024;

/// The file's top level.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Document {
    version: u32,
    blueprint: Blueprint,
}

/// The file's top level as far as the version, so the version is checked before the rest.
#[derive(Deserialize)]
struct VersionProbe {
    version: Option<u32>,
}

fn ron_options() -> ron::Options {
    // Files written by hand may leave `Some(…)` out; ours always do.
    ron::Options::default().with_default_extension(Extensions::IMPLICIT_SOME)
}

/// Parses a blueprint from RON text. Does not validate: see [`crate::model::validate`].
pub fn parse(text: &str) -> Result<Blueprint, ParseError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(ParseError::Empty);
    }
    let options = ron_options();
    let probe: VersionProbe = options.from_str(text).map_err(syntax_error)?;
    let (line, col) = version_position(text);
    match probe.version {
        None => {
            return Err(ParseError::Syntax {
                line,
                col,
                message: "there is no `version` field".to_owned(),
                hint: Some("a blueprint file starts with `(version: 1, blueprint: (…))`"),
            });
        }
        Some(0) => {
            return Err(ParseError::UnknownVersion { line, col, found: 0 });
        }
        Some(found) if found > CURRENT_VERSION => {
            return Err(ParseError::FutureVersion {
                line,
                col,
                found,
                supported: CURRENT_VERSION,
            });
        }
        Some(_) => {}
    }
    let document: Document = options.from_str(text).map_err(syntax_error)?;
    Ok(document.blueprint)
}

/// Where the `version` field is, for messages about it; the start of the file if absent.
fn version_position(text: &str) -> (usize, usize) {
    text.lines()
        .enumerate()
        .find_map(|(i, line)| {
            line.find("version")
                .map(|byte| (i + 1, line[..byte].chars().count() + 1))
        })
        .unwrap_or((1, 1))
}

fn syntax_error(error: ron::error::SpannedError) -> ParseError {
    use ron::Error as E;
    let hint = match &error.code {
        E::Eof => Some("the file ends too early: it may be truncated or miss closing brackets"),
        E::ExpectedComma | E::ExpectedArrayEnd | E::ExpectedStructLikeEnd | E::ExpectedMapEnd => {
            Some("a comma or a closing bracket may be missing just before this point")
        }
        E::ExpectedString | E::ExpectedStringEnd => {
            Some("text values go in double quotes, like title: \"Order coffee\"")
        }
        E::NoSuchStructField { .. } => Some("check the field's spelling; docs/FORMAT.md lists them"),
        E::MissingStructField { .. } => Some("this field is required; docs/FORMAT.md lists them"),
        E::NoSuchEnumVariant { .. } => Some("docs/FORMAT.md lists the allowed values"),
        E::ExceededRecursionLimit => Some("the file nests far deeper than any blueprint does"),
        _ => None,
    };
    let message = match &error.code {
        E::ExceededRecursionLimit => "the file nests brackets deeper than 128 levels".to_owned(),
        E::Eof => "unexpected end of file".to_owned(),
        code => code.to_string(),
    };
    ParseError::Syntax {
        line: error.span.start.line,
        col: error.span.start.col,
        message,
        hint,
    }
}

/// Reads and parses a file, refusing huge or binary files before parsing.
pub fn load(path: &Path) -> Result<Blueprint, ParseError> {
    let file = std::fs::File::open(path)?;
    let size = file.metadata()?.len();
    if size > MAX_FILE_BYTES {
        return Err(too_large(size));
    }
    let mut bytes = Vec::with_capacity(size as usize);
    // `take` guards against a file that grows while we read it.
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    let text = String::from_utf8(bytes).map_err(|e| ParseError::NotText {
        offset: e.utf8_error().valid_up_to(),
    })?;
    parse(&text)
}

fn too_large(size: u64) -> ParseError {
    ParseError::TooLarge {
        size_mb: size as f64 / (1024.0 * 1024.0),
        limit_mb: MAX_FILE_BYTES / (1024 * 1024),
    }
}

/// Loads and validates a file: what `check` and the editor's Open do.
pub fn open(path: &Path) -> Result<Blueprint, OpenError> {
    let blueprint = load(path).map_err(|error| OpenError::Parse {
        path: path.to_owned(),
        error,
    })?;
    let problems = validate(&blueprint);
    if problems.is_empty() {
        Ok(blueprint)
    } else {
        Err(OpenError::Invalid {
            path: path.to_owned(),
            problems,
        })
    }
}

/// The blueprint as the RON text we save: same blueprint, same bytes.
pub fn to_ron(blueprint: &Blueprint) -> Result<String, ron::Error> {
    let config = ron::ser::PrettyConfig::new()
        .indentor("    ")
        .new_line("\n")
        .struct_names(false)
        .escape_strings(true)
        .extensions(Extensions::IMPLICIT_SOME);
    let document = DocumentRef {
        version: CURRENT_VERSION,
        blueprint,
    };
    let mut text = ron::ser::to_string_pretty(&document, config)?;
    text.push('\n');
    Ok(text)
}

/// [`Document`] borrowing its blueprint, so saving does not clone it.
#[derive(Serialize)]
struct DocumentRef<'a> {
    version: u32,
    blueprint: &'a Blueprint,
}
