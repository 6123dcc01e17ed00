//! What can go wrong reading or writing a blueprint file.

use crate::model::Problem;
use std::fmt;
use std::path::PathBuf;

/// Why a text could not be read as a blueprint.
#[derive(Debug, thiserror::Error)]
pub enum ParseError {
    /// The file could not be read at all.
    #[error("cannot read the file: {0}")]
    Io(#[from] std::io::Error),
    /// Larger than any blueprint we would write; refused before reading it whole.
    #[error("the file is {size_mb:.1} MB; blueprints larger than {limit_mb} MB are refused (is this the right file?)")]
    TooLarge {
        /// File size in MB.
        size_mb: f64,
        /// The limit in MB.
        limit_mb: u64,
    },
    /// Not UTF-8 text: binary data or another encoding.
    #[error("this is not a text file (byte {offset} is not UTF-8); blueprints are RON text files saved as UTF-8")]
    NotText {
        /// Byte offset of the first invalid byte.
        offset: usize,
    },
    /// Text in GBK, the encoding Chinese Windows saves in, rather than UTF-8.
    #[error(
        "this file is in GBK (byte {offset} is not UTF-8), the encoding Chinese Windows saves in; blueprints are UTF-8: open it in a text editor and save it as UTF-8"
    )]
    Gbk {
        /// Byte offset of the first byte that is not UTF-8.
        offset: usize,
    },
    /// Nothing but whitespace.
    #[error("the file is empty")]
    Empty,
    /// RON that does not parse, or does not fit the blueprint's shape.
    #[error("{line}:{col}: {message}{}", hint.map(|h| format!(" (hint: {h})")).unwrap_or_default())]
    Syntax {
        /// 1-based line.
        line: usize,
        /// 1-based column, in characters.
        col: usize,
        /// What the parser found wrong.
        message: String,
        /// What usually causes it.
        hint: Option<&'static str>,
    },
    /// Written by a newer Blueprint Studio.
    #[error(
        "{line}:{col}: the file has format version {found}, but this program reads versions up to {supported}; open it with a newer Blueprint Studio"
    )]
    FutureVersion {
        /// 1-based line of the version field.
        line: usize,
        /// 1-based column of the version field.
        col: usize,
        /// The version in the file.
        found: u32,
        /// The newest version this build reads.
        supported: u32,
    },
    /// A version number no Blueprint Studio ever wrote.
    #[error("{line}:{col}: format version {found} does not exist; versions start at 1")]
    UnknownVersion {
        /// 1-based line of the version field.
        line: usize,
        /// 1-based column of the version field.
        col: usize,
        /// The version in the file.
        found: u32,
    },
}

impl ParseError {
    /// Whether the message starts with `LINE:COL:`.
    pub fn has_position(&self) -> bool {
        matches!(
            self,
            ParseError::Syntax { .. } | ParseError::FutureVersion { .. } | ParseError::UnknownVersion { .. }
        )
    }
}

/// A file that could not be opened as a valid blueprint, with its path.
#[derive(Debug)]
pub enum OpenError {
    /// It could not be read or parsed.
    Parse {
        /// The file.
        path: PathBuf,
        /// Why.
        error: ParseError,
    },
    /// It parsed, but breaks the blueprint's rules.
    Invalid {
        /// The file.
        path: PathBuf,
        /// Every problem found, in document order.
        problems: Vec<Problem>,
    },
}

impl fmt::Display for OpenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            // Errors with a place read `FILE:LINE:COL: …`, the others `FILE: …`.
            OpenError::Parse { path, error } if error.has_position() => {
                write!(f, "{}:{error}", path.display())
            }
            OpenError::Parse { path, error } => write!(f, "{}: {error}", path.display()),
            OpenError::Invalid { path, problems } => {
                for (i, problem) in problems.iter().enumerate() {
                    if i > 0 {
                        writeln!(f)?;
                    }
                    match problem.place {
                        Some((line, col)) => write!(f, "{}:{line}:{col}: {problem}", path.display())?,
                        None => write!(f, "{}: {problem}", path.display())?,
                    }
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for OpenError {}

/// Why a blueprint could not be saved. The file on disk is untouched when this happens.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    /// Writing, syncing or renaming failed.
    #[error("cannot save {path}: {source}")]
    Io {
        /// The file being saved.
        path: PathBuf,
        /// The system's reason.
        source: std::io::Error,
    },
    /// The blueprint could not be turned into RON (a bug, not a user error).
    #[error("cannot write the blueprint as RON: {0}")]
    Encode(#[from] ron::Error),
}
