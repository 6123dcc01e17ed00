//! Markers (pain point, fail point, …) and review notes.

use super::ids::{MarkerId, NoteId, StageId, StepId};
use serde::{Deserialize, Serialize};

/// What a marker says about the place it is attached to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum MarkerKind {
    /// 痛点: the customer or staff suffer here.
    PainPoint,
    /// F: things often go wrong here.
    FailPoint,
    /// W: the customer waits here.
    WaitPoint,
    /// 关键时刻: a peak or low that decides satisfaction.
    MomentOfTruth,
    /// 机会: an improvement idea.
    Opportunity,
}

impl MarkerKind {
    /// All kinds, in toolbar order.
    pub const ALL: [MarkerKind; 5] = [
        MarkerKind::PainPoint,
        MarkerKind::FailPoint,
        MarkerKind::WaitPoint,
        MarkerKind::MomentOfTruth,
        MarkerKind::Opportunity,
    ];

    /// Whether a marker of this kind must say how bad it is: a moment of truth or an opportunity
    /// is not a problem, so a number is optional there.
    pub fn needs_severity(self) -> bool {
        matches!(
            self,
            MarkerKind::PainPoint | MarkerKind::FailPoint | MarkerKind::WaitPoint
        )
    }

    /// The severity a new marker of this kind starts with: none where none is needed.
    pub fn default_severity(self) -> Option<u8> {
        self.needs_severity().then_some(DEFAULT_SEVERITY)
    }

    /// Stable key used in JSON reports.
    pub fn key(self) -> &'static str {
        match self {
            MarkerKind::PainPoint => "pain_point",
            MarkerKind::FailPoint => "fail_point",
            MarkerKind::WaitPoint => "wait_point",
            MarkerKind::MomentOfTruth => "moment_of_truth",
            MarkerKind::Opportunity => "opportunity",
        }
    }
}

/// Where a marker is attached.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum MarkerTarget {
    /// On one step's card.
    Step(StepId),
    /// On a whole stage (shown in its header).
    Stage(StageId),
}

/// The middle of [`SEVERITY_RANGE`]: what a new marker starts with, and what a missing one
/// becomes when a file is repaired.
pub const DEFAULT_SEVERITY: u8 = 3;

/// Lowest and highest marker severity.
pub const SEVERITY_RANGE: std::ops::RangeInclusive<u8> = 1..=5;

/// A pain point, fail point, wait point, moment of truth or opportunity.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Marker {
    /// Stable id.
    pub id: MarkerId,
    /// What it marks.
    pub kind: MarkerKind,
    /// Where it is attached.
    pub target: MarkerTarget,
    /// 1 (minor) … 5 (critical). Pain, fail and wait points need one; a moment of truth or an
    /// opportunity may go without (see [`MarkerKind::needs_severity`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub severity: Option<u8>,
    /// What the team knows about it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// Where a review note is attached.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum NoteTarget {
    /// On the blueprint as a whole.
    Blueprint,
    /// On one step.
    Step(StepId),
}

/// A reviewer's note, for stakeholders who read rather than draw.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReviewNote {
    /// Stable id.
    pub id: NoteId,
    /// Where it is attached.
    pub target: NoteTarget,
    /// Who wrote it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub author: String,
    /// What they wrote.
    pub text: String,
}
