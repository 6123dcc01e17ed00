//! Where each lane, stage and step of a blueprint sits in its list, by id: built once per pass
//! and shared by layout, edits and analysis, so none of them makes maps of its own.

use super::{Blueprint, LaneId, StageId, StepId};
use foldhash::HashMap;

/// Positions by id. With repeated ids (an invalid file), the last one counts.
#[derive(Clone, Debug)]
pub struct Index<'a> {
    lanes: HashMap<&'a str, usize>,
    stages: HashMap<&'a str, usize>,
    steps: HashMap<&'a str, usize>,
}

impl<'a> Index<'a> {
    /// The index of `b`.
    pub fn of(b: &'a Blueprint) -> Index<'a> {
        fn positions<'a, T>(items: &'a [T], id: impl Fn(&'a T) -> &'a str) -> HashMap<&'a str, usize> {
            items.iter().enumerate().map(|(i, item)| (id(item), i)).collect()
        }
        Index {
            lanes: positions(&b.lanes, |l| l.id.as_str()),
            stages: positions(&b.stages, |s| s.id.as_str()),
            steps: positions(&b.steps, |s| s.id.as_str()),
        }
    }

    /// Position of a lane in `lanes`.
    pub fn lane(&self, id: &LaneId) -> Option<usize> {
        self.lanes.get(id.as_str()).copied()
    }

    /// Position of a stage in `stages`.
    pub fn stage(&self, id: &StageId) -> Option<usize> {
        self.stages.get(id.as_str()).copied()
    }

    /// Position of a step in `steps`.
    pub fn step(&self, id: &StepId) -> Option<usize> {
        self.steps.get(id.as_str()).copied()
    }

    /// Position of a step given its id as text.
    pub fn step_named(&self, id: &str) -> Option<usize> {
        self.steps.get(id).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_index_finds_everything_where_it_is_and_nothing_that_is_not_there() {
        let b = crate::file::open(std::path::Path::new("samples/en/bank-loan.ron")).expect("sample");
        let index = b.index();
        for (i, lane) in b.lanes.iter().enumerate() {
            assert_eq!(index.lane(&lane.id), Some(i));
        }
        for (j, stage) in b.stages.iter().enumerate() {
            assert_eq!(index.stage(&stage.id), Some(j));
        }
        for (k, step) in b.steps.iter().enumerate() {
            assert_eq!(index.step(&step.id), Some(k));
            assert_eq!(index.step_named(step.id.as_str()), Some(k));
        }
        assert_eq!(index.step(&StepId::from("no-such-step")), None);
        assert_eq!(
            index.lane(&LaneId::from(b.stages[0].id.as_str())),
            None,
            "kinds of id do not mix"
        );
    }
}
