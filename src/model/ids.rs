//! Stable string ids. Files and edits refer to things by these, never by index.

use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! string_id {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default)]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl $name {
            /// The id as text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                Self(s.to_owned())
            }
        }
    };
}

string_id!(
    /// Identifies a lane (a row of the blueprint).
    LaneId
);
string_id!(
    /// Identifies a journey stage (a column of the blueprint).
    StageId
);
string_id!(
    /// Identifies a step (a card).
    StepId
);
string_id!(
    /// Identifies a flow between two steps.
    FlowId
);
string_id!(
    /// Identifies a marker (pain point, fail point, …).
    MarkerId
);
string_id!(
    /// Identifies a review note.
    NoteId
);

/// Hands out ids `prefix1`, `prefix2`, … that none of the taken ones use.
///
/// New things get short readable ids so files stay pleasant to diff. Numbering continues above
/// the highest `prefixN` in use, so an id removed and undone is never handed to something else.
pub struct FreshIds {
    prefix: String,
    next: u64,
}

impl FreshIds {
    /// Fresh ids with `prefix`, avoiding `taken`.
    pub fn new<'a>(prefix: &str, taken: impl IntoIterator<Item = &'a str>) -> FreshIds {
        let max = taken
            .into_iter()
            .filter_map(|id| id.strip_prefix(prefix)?.parse::<u64>().ok())
            .max()
            .unwrap_or(0);
        FreshIds {
            prefix: prefix.to_owned(),
            next: max + 1,
        }
    }

    /// The next fresh id.
    pub fn next_id(&mut self) -> String {
        let id = format!("{}{}", self.prefix, self.next);
        self.next += 1;
        id
    }
}

/// One fresh id with `prefix` that none of `taken` uses.
pub fn fresh_id<'a>(prefix: &str, taken: impl IntoIterator<Item = &'a str>) -> String {
    FreshIds::new(prefix, taken).next_id()
}
