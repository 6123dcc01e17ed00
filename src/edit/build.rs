//! The editor's commands as edits built from the blueprint they apply to: pure functions, so
//! what a command does is tested without a window, and the UI only picks which one to run.

use super::{Edit, delete_steps, renumber_cell, shift_steps};
use crate::model::{
    Blueprint, Flow, FlowId, FreshIds, Lane, LaneId, LaneKind, Marker, MarkerId, MarkerKind, MarkerTarget, Stage,
    StageId, Step, StepId, fresh_id,
};
use std::collections::HashSet;

/// Adds a step titled `title` to the cell (`lane`, `stage`) at `slot` (its end for
/// `usize::MAX`), renumbering the cell, and with a flow from `flow_from` when given. Returns the
/// edit and the new step's id; `None` when the lane or stage does not exist.
pub fn add_step(
    b: &Blueprint,
    (lane, stage): (&LaneId, &StageId),
    slot: usize,
    title: &str,
    flow_from: Option<&StepId>,
) -> Option<(Edit, StepId)> {
    b.lane(lane)?;
    b.stage(stage)?;
    let id = StepId(fresh_id("s", b.steps.iter().map(|s| s.id.as_str())));
    let mut cell: Vec<StepId> = b.cell_steps(lane, stage).map(|s| s.id.clone()).collect();
    let at = slot.min(cell.len());
    let step = Step {
        order: at as u32,
        ..Step::new(id.clone(), lane.clone(), stage.clone(), title)
    };
    let mut edits = vec![Edit::InsertStep(usize::MAX, step)];
    cell.insert(at, id.clone());
    // Renumber the others around the new card (the new one already has its order).
    edits.extend(renumber_cell(b, lane, stage, &cell));
    if let Some(from) = flow_from {
        let flow_id = FlowId(fresh_id("f", b.flows.iter().map(|f| f.id.as_str())));
        edits.push(Edit::InsertFlow(
            usize::MAX,
            new_flow(flow_id, from.clone(), id.clone()),
        ));
    }
    Some((Edit::Batch(edits), id))
}

/// Where Tab puts the step that follows `after`: the same lane in the next stage, or just
/// below it in the last stage.
pub fn next_step_place(b: &Blueprint, after: &StepId) -> Option<(LaneId, StageId, usize)> {
    let step = b.step(after)?;
    let index = b.stage_index(&step.stage)?;
    Some(match b.stages.get(index + 1) {
        Some(next) => (step.lane.clone(), next.id.clone(), usize::MAX),
        None => (step.lane.clone(), step.stage.clone(), step.order as usize + 1),
    })
}

/// What connecting two steps does.
#[derive(Clone, Debug, PartialEq)]
pub enum Connection {
    /// A new flow.
    New(Edit, FlowId),
    /// The flow that runs the other way becomes two-way.
    TwoWay(Edit, FlowId),
    /// They are joined that way already: nothing to change.
    Exists(FlowId),
}

/// Joins `from` to `to` with a flow, unless one joins them already.
pub fn connect(b: &Blueprint, from: &StepId, to: &StepId) -> Connection {
    let existing = b
        .flows
        .iter()
        .find(|f| (&f.from == from && &f.to == to) || (&f.from == to && &f.to == from));
    match existing {
        Some(flow) if &flow.from == to && !flow.two_way => Connection::TwoWay(
            Edit::SetFlow(Flow {
                two_way: true,
                ..flow.clone()
            }),
            flow.id.clone(),
        ),
        Some(flow) => Connection::Exists(flow.id.clone()),
        None => {
            let id = FlowId(fresh_id("f", b.flows.iter().map(|f| f.id.as_str())));
            Connection::New(
                Edit::InsertFlow(usize::MAX, new_flow(id.clone(), from.clone(), to.clone())),
                id,
            )
        }
    }
}

fn new_flow(id: FlowId, from: StepId, to: StepId) -> Flow {
    Flow {
        id,
        from,
        to,
        two_way: false,
        label: String::new(),
    }
}

/// Adds a marker of `kind` on `target`.
pub fn add_marker(b: &Blueprint, kind: MarkerKind, target: MarkerTarget) -> Edit {
    let id = MarkerId(fresh_id("m", b.markers.iter().map(|m| m.id.as_str())));
    Edit::InsertMarker(usize::MAX, new_marker(id, kind, target))
}

fn new_marker(id: MarkerId, kind: MarkerKind, target: MarkerTarget) -> Marker {
    Marker {
        id,
        kind,
        target,
        severity: kind.default_severity(),
        note: String::new(),
    }
}

/// Adds a marker of `kind` to each of the steps `ids` that lacks one, or, when all have one,
/// removes theirs. Returns the edit and whether it adds. Ids of no step are passed over: a
/// marker on nothing would make the file one that no longer opens.
pub fn toggle_marker(b: &Blueprint, ids: &[StepId], kind: MarkerKind) -> (Edit, bool) {
    let index = b.index();
    let ids: Vec<StepId> = ids.iter().filter(|id| index.step(id).is_some()).cloned().collect();
    if ids.is_empty() {
        return (Edit::Batch(Vec::new()), false);
    }
    let ids = ids.as_slice();
    let on = |m: &Marker| m.kind == kind && matches!(&m.target, MarkerTarget::Step(s) if ids.contains(s));
    let marked: HashSet<&StepId> = b
        .markers
        .iter()
        .filter(|m| on(m))
        .filter_map(|m| match &m.target {
            MarkerTarget::Step(s) => Some(s),
            MarkerTarget::Stage(_) => None,
        })
        .collect();
    if ids.iter().all(|id| marked.contains(id)) {
        let removals = b
            .markers
            .iter()
            .filter(|m| on(m))
            .map(|m| Edit::RemoveMarker(m.id.clone()));
        return (Edit::Batch(removals.collect()), false);
    }
    let mut marker_ids = FreshIds::new("m", b.markers.iter().map(|m| m.id.as_str()));
    let mut seen = HashSet::new();
    let additions = ids
        .iter()
        .filter(|id| !marked.contains(id) && seen.insert(*id))
        .map(|id| {
            let marker = new_marker(MarkerId(marker_ids.next_id()), kind, MarkerTarget::Step(id.clone()));
            Edit::InsertMarker(usize::MAX, marker)
        });
    (Edit::Batch(additions.collect()), true)
}

/// A direction to nudge steps in: to the neighbouring stage or lane.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Nudge {
    /// The stage before.
    Left,
    /// The stage after.
    Right,
    /// The lane above.
    Up,
    /// The lane below.
    Down,
}

/// Moves each of the steps `ids` one stage or lane over from its own cell, to the end of the
/// cell there: steps picked in several lanes keep their lanes when they move a stage on.
/// `None` when one of them would leave the grid, or with no such step.
pub fn nudge(b: &Blueprint, ids: &[StepId], direction: Nudge) -> Option<Edit> {
    let by = match direction {
        Nudge::Left => (0, -1),
        Nudge::Right => (0, 1),
        Nudge::Up => (-1, 0),
        Nudge::Down => (1, 0),
    };
    shift_steps(b, ids, by, None, false)
}

/// Adds a stage named `name` at `index`; returns the edit and its id.
pub fn add_stage(b: &Blueprint, index: usize, name: &str) -> (Edit, StageId) {
    let id = StageId(fresh_id("stage", b.stages.iter().map(|s| s.id.as_str())));
    let stage = Stage {
        id: id.clone(),
        name: name.to_owned(),
    };
    (Edit::InsertStage(index, stage), id)
}

/// Deletes a stage with its steps (their flows, markers and notes) and its own markers.
pub fn remove_stage(b: &Blueprint, id: &StageId) -> Edit {
    let steps: HashSet<StepId> = b
        .steps
        .iter()
        .filter(|s| &s.stage == id)
        .map(|s| s.id.clone())
        .collect();
    let mut edits = vec![delete_steps(b, &steps)];
    edits.extend(
        b.markers
            .iter()
            .filter(|m| matches!(&m.target, MarkerTarget::Stage(s) if s == id))
            .map(|m| Edit::RemoveMarker(m.id.clone())),
    );
    edits.push(Edit::RemoveStage(id.clone()));
    Edit::Batch(edits)
}

/// Adds a custom lane named `name` at `index`; returns the edit and its id.
pub fn add_lane(b: &Blueprint, index: usize, name: &str) -> (Edit, LaneId) {
    let id = LaneId(fresh_id("lane", b.lanes.iter().map(|l| l.id.as_str())));
    let lane = Lane {
        id: id.clone(),
        kind: LaneKind::Custom,
        name: name.to_owned(),
    };
    (Edit::InsertLane(index, lane), id)
}

/// Deletes a lane with its steps (their flows, markers and notes); `None` for a lane that does
/// not exist or may not be deleted (the standard lanes define the three lines).
pub fn remove_lane(b: &Blueprint, id: &LaneId) -> Option<Edit> {
    if !b.lane(id)?.kind.is_removable() {
        return None;
    }
    let steps: HashSet<StepId> = b.steps.iter().filter(|s| &s.lane == id).map(|s| s.id.clone()).collect();
    Some(Edit::Batch(vec![delete_steps(b, &steps), Edit::RemoveLane(id.clone())]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    /// The template with two steps in the customer lane's first stage and one in the next.
    fn blueprint() -> (Blueprint, [StepId; 3]) {
        let mut b = crate::model::template(Lang::En);
        let lane = b.lanes[1].id.clone();
        let (first, second) = (b.stages[0].id.clone(), b.stages[1].id.clone());
        let mut ids = Vec::new();
        for (stage, title) in [(&first, "One"), (&first, "Two"), (&second, "Three")] {
            let (edit, id) = add_step(&b, (&lane, stage), usize::MAX, title, None).expect("a cell");
            edit.apply(&mut b).expect("valid");
            ids.push(id);
        }
        (b, ids.try_into().expect("three"))
    }

    fn applied(b: &Blueprint, edit: Edit) -> Blueprint {
        let mut b = b.clone();
        edit.apply(&mut b).expect("valid");
        b
    }

    fn titles_in_order(b: &Blueprint, lane: &LaneId, stage: &StageId) -> Vec<String> {
        b.cell_steps(lane, stage).map(|s| s.title.clone()).collect()
    }

    #[test]
    fn a_step_added_at_the_top_of_a_cell_pushes_the_others_down_and_can_bring_its_flow() {
        let (b, [one, ..]) = blueprint();
        let (lane, stage) = (b.lanes[1].id.clone(), b.stages[0].id.clone());
        let (edit, id) = add_step(&b, (&lane, &stage), 0, "Zero", Some(&one)).expect("a cell");
        let after = applied(&b, edit);
        assert_eq!(titles_in_order(&after, &lane, &stage), ["Zero", "One", "Two"]);
        let orders: Vec<u32> = after.cell_steps(&lane, &stage).map(|s| s.order).collect();
        assert_eq!(orders, [0, 1, 2]);
        assert!(after.flows.iter().any(|f| f.from == one && f.to == id));
        assert!(add_step(&b, (&LaneId::from("nowhere"), &stage), 0, "x", None).is_none());
    }

    #[test]
    fn tab_places_the_next_step_in_the_next_stage_or_below_in_the_last() {
        let (mut b, [one, ..]) = blueprint();
        let lane = b.lanes[1].id.clone();
        assert_eq!(
            next_step_place(&b, &one),
            Some((lane.clone(), b.stages[1].id.clone(), usize::MAX))
        );
        let last = b.stages.last().expect("stages").id.clone();
        let (edit, late) = add_step(&b, (&lane, &last), usize::MAX, "Late", None).expect("a cell");
        edit.apply(&mut b).expect("valid");
        assert_eq!(next_step_place(&b, &late), Some((lane, last, 1)));
    }

    #[test]
    fn connecting_makes_a_flow_then_a_two_way_flow_then_nothing_more() {
        let (b, [one, two, _]) = blueprint();
        let Connection::New(edit, id) = connect(&b, &one, &two) else {
            panic!("a new flow");
        };
        let b = applied(&b, edit);
        assert_eq!(connect(&b, &one, &two), Connection::Exists(id.clone()), "same way");
        let Connection::TwoWay(edit, same) = connect(&b, &two, &one) else {
            panic!("the other way makes it two-way");
        };
        assert_eq!(same, id);
        let b = applied(&b, edit);
        assert!(b.flows.iter().all(|f| f.two_way));
        assert_eq!(connect(&b, &two, &one), Connection::Exists(id));
    }

    #[test]
    fn toggling_a_marker_adds_it_where_missing_then_removes_it_from_all() {
        let (b, [one, two, _]) = blueprint();
        let b = applied(
            &b,
            add_marker(&b, MarkerKind::PainPoint, MarkerTarget::Step(one.clone())),
        );
        let pains = |b: &Blueprint, id: &StepId| {
            b.markers
                .iter()
                .filter(|m| m.kind == MarkerKind::PainPoint && m.target == MarkerTarget::Step(id.clone()))
                .count()
        };
        let ids = [one.clone(), two.clone()];
        let (edit, adds) = toggle_marker(&b, &ids, MarkerKind::PainPoint);
        assert!(adds);
        let b = applied(&b, edit);
        assert_eq!(
            (pains(&b, &one), pains(&b, &two)),
            (1, 1),
            "only the step without one gets one"
        );
        let unique: HashSet<&MarkerId> = b.markers.iter().map(|m| &m.id).collect();
        assert_eq!(unique.len(), b.markers.len(), "fresh marker ids");
        let (edit, adds) = toggle_marker(&b, &ids, MarkerKind::PainPoint);
        assert!(!adds);
        let b = applied(&b, edit);
        assert_eq!((pains(&b, &one), pains(&b, &two)), (0, 0));
        let gone = [one.clone(), StepId::from("undone")];
        let b = applied(&b, toggle_marker(&b, &gone, MarkerKind::PainPoint).0);
        assert_eq!(pains(&b, &one), 1);
        assert!(
            crate::model::validate(&b).is_empty(),
            "no marker on a step that is not there"
        );
    }

    #[test]
    fn nudging_moves_one_cell_over_and_stops_at_the_edges() {
        let (b, [one, two, _]) = blueprint();
        let ids = [one.clone(), two.clone()];
        assert_eq!(nudge(&b, &ids, Nudge::Left), None, "first stage");
        let right = applied(&b, nudge(&b, &ids, Nudge::Right).expect("a stage to the right"));
        let (lane, second) = (&b.lanes[1].id, &b.stages[1].id);
        assert_eq!(titles_in_order(&right, lane, second), ["Three", "One", "Two"]);
        let up = applied(&b, nudge(&b, &ids, Nudge::Up).expect("a lane above"));
        assert_eq!(titles_in_order(&up, &b.lanes[0].id, &b.stages[0].id), ["One", "Two"]);
        assert_eq!(nudge(&up, &ids, Nudge::Up), None, "top lane");
    }

    #[test]
    fn steps_picked_in_several_lanes_and_stages_each_move_one_cell_from_their_own() {
        let b = crate::file::open(std::path::Path::new("samples/en/bank-loan.ron")).expect("sample");
        let cell = |b: &Blueprint, id: &StepId| {
            let s = b.step(id).expect("step");
            (
                b.lane_index(&s.lane).expect("lane"),
                b.stage_index(&s.stage).expect("stage"),
            )
        };
        // One step from each lane, in the stages before the last.
        let last = b.stages.len() - 1;
        let mut ids: Vec<StepId> = Vec::new();
        for lane in &b.lanes {
            if let Some(s) = b.steps.iter().find(|s| s.lane == lane.id && cell(&b, &s.id).1 < last) {
                ids.push(s.id.clone());
            }
        }
        assert!(ids.len() >= 3, "steps in several lanes");
        let moved = applied(&b, nudge(&b, &ids, Nudge::Right).expect("a stage to the right for all"));
        for id in &ids {
            let ((lane, stage), (lane_now, stage_now)) = (cell(&b, id), cell(&moved, id));
            assert_eq!((lane_now, stage_now), (lane, stage + 1), "{id} keeps its lane");
        }
        assert!(crate::model::validate(&moved).is_empty());
        for cells in b
            .stages
            .iter()
            .flat_map(|st| b.lanes.iter().map(move |l| (&l.id, &st.id)))
        {
            let orders: Vec<u32> = moved.cell_steps(cells.0, cells.1).map(|s| s.order).collect();
            assert_eq!(
                orders,
                (0..orders.len() as u32).collect::<Vec<_>>(),
                "cells numbered 0, 1, 2, …"
            );
        }
        let with_last: Vec<StepId> = b
            .steps
            .iter()
            .filter(|s| cell(&b, &s.id).1 == last)
            .map(|s| s.id.clone())
            .take(1)
            .chain(ids.iter().cloned())
            .collect();
        assert_eq!(
            nudge(&b, &with_last, Nudge::Right),
            None,
            "one at the edge holds them all"
        );
    }

    #[test]
    fn deleting_a_stage_or_a_custom_lane_takes_what_is_in_it_and_standard_lanes_stay() {
        let (b, [one, _, three]) = blueprint();
        let b = applied(
            &b,
            Edit::Batch(vec![
                match connect(&b, &one, &three) {
                    Connection::New(edit, _) => edit,
                    other => panic!("{other:?}"),
                },
                add_marker(&b, MarkerKind::Opportunity, MarkerTarget::Stage(b.stages[1].id.clone())),
            ]),
        );
        let second = b.stages[1].id.clone();
        let after = applied(&b, remove_stage(&b, &second));
        assert!(after.stage(&second).is_none());
        assert!(after.step(&three).is_none() && after.flows.is_empty() && after.markers.is_empty());
        assert!(after.step(&one).is_some());

        assert_eq!(remove_lane(&b, &b.lanes[1].id), None, "a standard lane stays");
        let (edit, custom) = add_lane(&b, 5, "Partners");
        let b = applied(&b, edit);
        let (edit, partner) = add_step(&b, (&custom, &second), 0, "Deliver", None).expect("a cell");
        let b = applied(&b, edit);
        let after = applied(&b, remove_lane(&b, &custom).expect("a custom lane"));
        assert!(after.lane(&custom).is_none() && after.step(&partner).is_none());
        assert_eq!(after.steps.len(), 3);
    }
}
