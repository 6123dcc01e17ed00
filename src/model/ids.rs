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

/// Makes a fresh id with `prefix` that none of `taken` uses: `prefix1`, `prefix2`, …
///
/// New things get short readable ids so files stay pleasant to diff.
pub fn fresh_id<'a>(prefix: &str, taken: impl IntoIterator<Item = &'a str>) -> String {
    // The smallest free number above every `prefixN` in use keeps ids growing, so an id
    // removed and undone is never handed to something else in between.
    let max = taken
        .into_iter()
        .filter_map(|id| id.strip_prefix(prefix)?.parse::<u64>().ok())
        .max()
        .unwrap_or(0);
    format!("{prefix}{}", max + 1)
}
