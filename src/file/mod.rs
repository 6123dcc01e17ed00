//! Blueprint files: versioned RON, read with precise errors, written atomically and byte-stably.
//!
//! A file is `(version: N, blueprint: (…))`. The version is read first, on its own, so a file
//! from a newer program gets a clear message rather than a confusing field error.

mod error;
mod locate;
mod save;
mod stamp;
mod upgrade;

pub use error::{OpenError, ParseError, SaveError};
pub use locate::id_line;
pub(crate) use save::write_atomically;
pub use save::{backup_path, free_backup_path, save, save_keeping_original, save_over_backup_kept};
pub use stamp::{DiskStamp, stamp};

use crate::model::{Blueprint, Dropped, Problem, control_chars, repair, validate};
use ron::extensions::Extensions;
use serde::{Deserialize, Serialize};
use std::io::Read;
use std::path::Path;

/// The file format version this build writes and the newest it reads.
pub const CURRENT_VERSION: u32 = 2;

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
    let probe: VersionProbe = options
        .from_str(text)
        .map_err(|e| not_a_blueprint(text, &e).unwrap_or_else(|| syntax_error(text, e)))?;
    let (line, col) = version_position(text);
    match probe.version {
        None => {
            return Err(ParseError::Syntax {
                line,
                col,
                message: "there is no `version` field".to_owned(),
                hint: Some("a blueprint file starts with `(version: 2, blueprint: (…))`"),
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
    let upgraded = upgrade::upgrade(text, probe.version.unwrap_or(CURRENT_VERSION));
    // The upgrade keeps every position, so errors point into the file as it is on disk.
    let document: Document = options.from_str(&upgraded).map_err(|e| syntax_error(&upgraded, e))?;
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

/// Said of a file that stops before the blueprint does, whatever the parser expected next.
const CUT_OFF: &str = "the file ends before the blueprint is complete — was it cut off while copying or saving?";

/// Said of a file that stops inside a text value: cut off, or a closing quote is missing.
const CUT_OFF_IN_TEXT: &str =
    "the file ends inside a text value — was it cut off while copying or saving, or is a closing \" missing?";

/// A file that is not a blueprint at all (a table of steps, a note), told as such rather than
/// by the parser's name for what it looked for ("Expected struct `VersionProbe`").
fn not_a_blueprint(text: &str, error: &ron::error::SpannedError) -> Option<ParseError> {
    if !error.code.to_string().contains("VersionProbe") {
        return None;
    }
    let first_line = text.lines().next().unwrap_or_default();
    let table = first_line.matches([',', ';', '\t']).count() >= 2;
    Some(ParseError::Syntax {
        line: error.span.start.line,
        col: error.span.start.col,
        message: "this is not a blueprint file".to_owned(),
        hint: Some(if table {
            "it looks like a table of steps: File → Import steps… (or `blueprint-studio import`) builds a blueprint from it"
        } else {
            "a blueprint file starts with `(version: 2, blueprint: (…))`"
        }),
    })
}

fn syntax_error(text: &str, error: ron::error::SpannedError) -> ParseError {
    use ron::Error as E;
    // A file cut off mid-word makes the parser expect whatever would have come next (a colon,
    // a closing quote, a known enum value); what the reader needs to hear is that the file stops
    // there. An error at the very end with brackets still open is such a cut; with all brackets
    // closed it is a real mistake in a whole file (a missing field) and keeps its own message.
    let at_end = {
        let end = locate::offset_of(text, error.span.end.line, error.span.end.col);
        text[end..].trim().is_empty()
    };
    let cut_off = at_end && !matches!(error.code, E::ExceededRecursionLimit) && locate::brackets_left_open(text);
    if matches!(error.code, E::ExpectedStringEnd) || cut_off {
        // Just after the last thing written, where the rest should have followed.
        let (line, col) = locate::line_col(text, text.trim_end().len());
        let in_text = matches!(error.code, E::ExpectedStringEnd);
        return ParseError::Syntax {
            line,
            col,
            message: "unexpected end of file".to_owned(),
            hint: Some(if in_text { CUT_OFF_IN_TEXT } else { CUT_OFF }),
        };
    }
    let hint = match &error.code {
        E::Eof => Some(CUT_OFF),
        E::ExpectedComma | E::ExpectedArrayEnd | E::ExpectedStructLikeEnd | E::ExpectedMapEnd => {
            Some("a comma or a closing bracket may be missing just before this point")
        }
        E::ExpectedString => Some("text values go in double quotes, like title: \"Order coffee\""),
        E::NoSuchStructField { found, .. } if found == "evidence" => {
            Some("since format version 2 this field is called `basis`")
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
    parse(&read_text(path)?)
}

/// Reads a file as text, refusing huge or binary files.
fn read_text(path: &Path) -> Result<String, ParseError> {
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
    String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        // Chinese text that is not UTF-8 is almost always GBK: say so, and what to do.
        let (text, _, had_errors) = encoding_rs::GB18030.decode(e.as_bytes());
        if !had_errors && text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)) {
            ParseError::Gbk { offset }
        } else {
            ParseError::NotText { offset }
        }
    })
}

fn too_large(size: u64) -> ParseError {
    ParseError::TooLarge {
        size_mb: size as f64 / (1024.0 * 1024.0),
        limit_mb: MAX_FILE_BYTES / (1024 * 1024),
    }
}

/// Reads and parses a file, keeping its text for messages that point into it.
fn read_and_parse(path: &Path) -> Result<(String, Blueprint), OpenError> {
    let as_open_error = |error| OpenError::Parse {
        path: path.to_owned(),
        error,
    };
    let text = read_text(path).map_err(as_open_error)?;
    let blueprint = parse(&text).map_err(as_open_error)?;
    Ok((text, blueprint))
}

/// Structural problems, then control characters in text, each with its place in `text`.
fn problems_in(text: &str, blueprint: &Blueprint) -> Vec<Problem> {
    let mut problems = validate(blueprint);
    problems.extend(control_chars(blueprint).iter().map(|found| Problem {
        place: locate::control_place(text, &found.id, found.field),
        ..found.problem()
    }));
    problems
}

/// Loads and validates a file: what `check` and the editor's Open do.
pub fn open(path: &Path) -> Result<Blueprint, OpenError> {
    let (text, blueprint) = read_and_parse(path)?;
    let problems = problems_in(&text, &blueprint);
    if problems.is_empty() {
        Ok(blueprint)
    } else {
        Err(OpenError::Invalid {
            path: path.to_owned(),
            problems,
        })
    }
}

/// A blueprint opened by dropping what was broken, and what was dropped.
#[derive(Clone, Debug, PartialEq)]
pub struct Repaired {
    /// What was sound.
    pub blueprint: Blueprint,
    /// What was dropped or cleaned and why, with the line each starts on where it was found.
    pub dropped: Vec<Dropped>,
}

/// Opens a file whose syntax is sound but whose references or values are not, keeping what is
/// valid: the editor's "Open anyway". Fails as [`open`] does when the file does not parse, or
/// when what is wrong is not a thing that can be left out (a missing standard lane, no stage).
pub fn open_repaired(path: &Path) -> Result<Repaired, OpenError> {
    let (text, mut blueprint) = read_and_parse(path)?;
    let mut dropped = repair(&mut blueprint);
    for item in &mut dropped {
        item.line = if item.kind == "blueprint" {
            None
        } else {
            id_line(&text, &item.id, item.occurrence)
        };
    }
    // Read top to bottom, like the file; things with no line (the blueprint's own) come first.
    dropped.sort_by_key(|item| item.line.unwrap_or(0));
    let problems = validate(&blueprint);
    if problems.is_empty() {
        Ok(Repaired { blueprint, dropped })
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
