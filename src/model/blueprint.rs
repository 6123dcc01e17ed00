//! The blueprint: the whole document.

use super::flow::Flow;
use super::ids::{LaneId, StageId, StepId};
use super::lane::{Lane, LaneKind, Line, Stage};
use super::marker::{Marker, ReviewNote};
use super::step::Step;
use serde::{Deserialize, Serialize};

/// Whether a blueprint draws the service as it is or as it should be.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ServiceState {
    /// The current service (现状).
    #[default]
    AsIs,
    /// A redesigned service (未来).
    ToBe,
}

/// A service blueprint.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Blueprint {
    /// Name of the service, shown in the title block.
    pub title: String,
    /// What the blueprint covers and why it was drawn.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// The scenario: where the service starts and ends.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub scenario: String,
    /// The customer the journey follows.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub persona: String,
    /// As-is or to-be.
    #[serde(default)]
    pub state: ServiceState,
    /// Rows, top to bottom.
    pub lanes: Vec<Lane>,
    /// Columns, left to right.
    pub stages: Vec<Stage>,
    /// The cards.
    #[serde(default)]
    pub steps: Vec<Step>,
    /// Arrows between cards.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub flows: Vec<Flow>,
    /// Pain points, fail points, wait points, moments of truth, opportunities.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub markers: Vec<Marker>,
    /// Reviewers' notes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<ReviewNote>,
}

impl Blueprint {
    /// A blueprint with the five standard lanes, named in `names`, and no stages.
    pub fn with_standard_lanes(title: impl Into<String>, names: [&str; 5]) -> Self {
        let ids = ["evidence", "customer", "frontstage", "backstage", "support"];
        let lanes = LaneKind::STANDARD
            .iter()
            .zip(ids)
            .zip(names)
            .map(|((&kind, id), name)| Lane {
                id: LaneId::from(id),
                kind,
                name: name.to_owned(),
            })
            .collect();
        Blueprint {
            title: title.into(),
            description: String::new(),
            scenario: String::new(),
            persona: String::new(),
            state: ServiceState::AsIs,
            lanes,
            stages: Vec::new(),
            steps: Vec::new(),
            flows: Vec::new(),
            markers: Vec::new(),
            notes: Vec::new(),
        }
    }

    /// Position of a lane, top to bottom.
    pub fn lane_index(&self, id: &LaneId) -> Option<usize> {
        self.lanes.iter().position(|lane| &lane.id == id)
    }

    /// Position of a stage, left to right.
    pub fn stage_index(&self, id: &StageId) -> Option<usize> {
        self.stages.iter().position(|stage| &stage.id == id)
    }

    /// The lane with this id.
    pub fn lane(&self, id: &LaneId) -> Option<&Lane> {
        self.lanes.iter().find(|lane| &lane.id == id)
    }

    /// The stage with this id.
    pub fn stage(&self, id: &StageId) -> Option<&Stage> {
        self.stages.iter().find(|stage| &stage.id == id)
    }

    /// The step with this id. Linear: use [`Blueprint::step_positions`] in loops.
    pub fn step(&self, id: &StepId) -> Option<&Step> {
        self.steps.iter().find(|step| &step.id == id)
    }

    /// Positions of its lanes, stages and steps by id.
    pub fn index(&self) -> super::Index<'_> {
        super::Index::of(self)
    }

    /// The first lane of a kind.
    pub fn lane_of_kind(&self, kind: LaneKind) -> Option<&Lane> {
        self.lanes.iter().find(|lane| lane.kind == kind)
    }

    /// Lane index that a line runs directly above, if the lane it follows from exists.
    pub fn line_lane_index(&self, line: Line) -> Option<usize> {
        self.lanes.iter().position(|lane| lane.kind == line.lane_below())
    }

    /// The lines a move between two lanes crosses, given as lane indices, top to bottom.
    pub fn lines_between(&self, lane_a: usize, lane_b: usize) -> Vec<Line> {
        let (top, bottom) = (lane_a.min(lane_b), lane_a.max(lane_b));
        Line::ALL
            .into_iter()
            .filter(|&line| {
                self.line_lane_index(line)
                    .is_some_and(|below| top < below && below <= bottom)
            })
            .collect()
    }

    /// The steps of one lane × stage cell, in display order.
    pub fn cell_steps<'a>(&'a self, lane: &'a LaneId, stage: &'a StageId) -> impl Iterator<Item = &'a Step> + 'a {
        let mut steps: Vec<&Step> = self
            .steps
            .iter()
            .filter(|step| &step.lane == lane && &step.stage == stage)
            .collect();
        steps.sort_by_key(|step| step.order);
        steps.into_iter()
    }
}
