//! Flows: arrows between steps.

use super::ids::{FlowId, StepId};
use serde::{Deserialize, Serialize};

/// An arrow from one step to another.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Flow {
    /// Stable id.
    pub id: FlowId,
    /// Where the arrow starts.
    pub from: StepId,
    /// Where the arrow points.
    pub to: StepId,
    /// An exchange both ways (arrowheads at both ends).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub two_way: bool,
    /// Optional text on the arrow.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub label: String,
}
