//! Lanes (rows), stages (columns) and the three lines that the standard lanes define.

use super::ids::{LaneId, StageId};
use serde::{Deserialize, Serialize};

/// What a lane holds. The five standard kinds appear once each, in this order,
/// so the three lines between them keep their meaning.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum LaneKind {
    /// 有形展示: what the customer sees or touches.
    Evidence,
    /// 客户行为: the customer's steps and decisions.
    Customer,
    /// 前台行为: what staff or self-service do in front of the customer.
    Frontstage,
    /// 后台行为: what staff and systems do out of the customer's sight.
    Backstage,
    /// 支持流程: internal systems, IT, suppliers, other departments.
    Support,
    /// A lane of the team's own (emotion, metrics, policy, notes, …).
    Custom,
}

impl LaneKind {
    /// The five standard kinds, top to bottom.
    pub const STANDARD: [LaneKind; 5] = [
        LaneKind::Evidence,
        LaneKind::Customer,
        LaneKind::Frontstage,
        LaneKind::Backstage,
        LaneKind::Support,
    ];

    /// Whether a lane of this kind can be deleted: the five standard lanes define the three
    /// lines, so only the team's own lanes can go.
    pub fn is_removable(self) -> bool {
        self == LaneKind::Custom
    }

    /// The file spelling, used in messages.
    pub fn key(self) -> &'static str {
        match self {
            LaneKind::Evidence => "Evidence",
            LaneKind::Customer => "Customer",
            LaneKind::Frontstage => "Frontstage",
            LaneKind::Backstage => "Backstage",
            LaneKind::Support => "Support",
            LaneKind::Custom => "Custom",
        }
    }
}

/// A row of the blueprint.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lane {
    /// Stable id.
    pub id: LaneId,
    /// What the lane holds.
    pub kind: LaneKind,
    /// Name shown at the left of the lane.
    pub name: String,
}

/// A journey stage: a column of the blueprint. Time runs left to right.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stage {
    /// Stable id.
    pub id: StageId,
    /// Name shown in the column header.
    pub name: String,
}

/// The three lines of a service blueprint.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Line {
    /// 互动线: between the customer and the frontstage.
    Interaction,
    /// 可见线: between frontstage and backstage; below it the customer does not see.
    Visibility,
    /// 内部互动线: between backstage and support processes.
    Internal,
}

impl Line {
    /// All three lines, top to bottom.
    pub const ALL: [Line; 3] = [Line::Interaction, Line::Visibility, Line::Internal];

    /// The standard lane directly below the line: the line runs along its top edge.
    pub fn lane_below(self) -> LaneKind {
        match self {
            Line::Interaction => LaneKind::Frontstage,
            Line::Visibility => LaneKind::Backstage,
            Line::Internal => LaneKind::Support,
        }
    }

    /// Stable key used in JSON reports.
    pub fn key(self) -> &'static str {
        match self {
            Line::Interaction => "interaction",
            Line::Visibility => "visibility",
            Line::Internal => "internal",
        }
    }
}
