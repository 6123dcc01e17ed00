//! Steps: the cards of a blueprint.

use super::ids::{LaneId, StageId, StepId};
use serde::{Deserialize, Serialize};

/// How sure the team is that a step happens as drawn.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Basis {
    /// Seen in research or in the service itself.
    #[default]
    Observed,
    /// Believed, not yet checked.
    Assumed,
    /// A change the team proposes (typical of a to-be blueprint).
    Proposed,
}

impl Basis {
    /// All values, in menu order.
    pub const ALL: [Basis; 3] = [Basis::Observed, Basis::Assumed, Basis::Proposed];

    /// Its name as the file writes it, and the English label the interface translates.
    pub fn name(self) -> &'static str {
        match self {
            Basis::Observed => "Observed",
            Basis::Assumed => "Assumed",
            Basis::Proposed => "Proposed",
        }
    }
}

/// Lean classification of a step.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ValueClass {
    /// The customer would pay for it.
    ValueAdding,
    /// Adds no value but cannot be dropped today (regulation, safety, …).
    Necessary,
    /// Could go.
    Waste,
}

impl ValueClass {
    /// All values, in menu order.
    pub const ALL: [ValueClass; 3] = [ValueClass::ValueAdding, ValueClass::Necessary, ValueClass::Waste];
}

/// A card: one step of the service, in one lane and one stage.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    /// Stable id.
    pub id: StepId,
    /// The lane (row) the card sits in.
    pub lane: LaneId,
    /// The stage (column) the card sits in.
    pub stage: StageId,
    /// Position within its lane × stage cell, top to bottom; ties keep file order.
    #[serde(default)]
    pub order: u32,
    /// Short text shown on the card.
    pub title: String,
    /// Longer explanation, shown in the inspector.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Who does it (role or team).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub owner: String,
    /// Channel or touchpoint (in store, app, phone, …).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub channel: String,
    /// Time the step takes, in minutes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration_min: Option<f64>,
    /// Time the customer (or the work) waits before the step, in minutes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wait_min: Option<f64>,
    /// Service standard or KPI the step is held to.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub standard: String,
    /// How sure the team is of this step.
    #[serde(default, skip_serializing_if = "is_default")]
    pub basis: Basis,
    /// Lean classification, where the team made one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<ValueClass>,
    /// The customer's feeling at this step, −2 (very bad) … +2 (delighted).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub emotion: Option<i8>,
}

fn is_default<T: Default + PartialEq>(value: &T) -> bool {
    *value == T::default()
}

impl Step {
    /// A step with a title and nothing else filled in.
    pub fn new(id: StepId, lane: LaneId, stage: StageId, title: impl Into<String>) -> Self {
        Step {
            id,
            lane,
            stage,
            order: 0,
            title: title.into(),
            description: String::new(),
            owner: String::new(),
            channel: String::new(),
            duration_min: None,
            wait_min: None,
            standard: String::new(),
            basis: Basis::Observed,
            value: None,
            emotion: None,
        }
    }
}
