//! Edits that change several things at once, built as one [`Edit::Batch`] so they undo as one.

use super::Edit;
use crate::model::{Blueprint, LaneId, MarkerTarget, NoteTarget, StageId, Step, StepId};
use std::collections::{BTreeMap, HashSet};

/// Deletes steps with their flows, markers and notes.
pub fn delete_steps(b: &Blueprint, ids: &HashSet<StepId>) -> Edit {
    let mut edits = Vec::new();
    for flow in &b.flows {
        if ids.contains(&flow.from) || ids.contains(&flow.to) {
            edits.push(Edit::RemoveFlow(flow.id.clone()));
        }
    }
    for marker in &b.markers {
        if matches!(&marker.target, MarkerTarget::Step(s) if ids.contains(s)) {
            edits.push(Edit::RemoveMarker(marker.id.clone()));
        }
    }
    for note in &b.notes {
        if matches!(&note.target, NoteTarget::Step(s) if ids.contains(s)) {
            edits.push(Edit::RemoveNote(note.id.clone()));
        }
    }
    let mut cells = HashSet::new();
    for step in b.steps.iter().filter(|s| ids.contains(&s.id)) {
        edits.push(Edit::RemoveStep(step.id.clone()));
        cells.insert((step.lane.clone(), step.stage.clone()));
    }
    // Close the gaps the deleted cards leave in their cells.
    for (lane, stage) in cells {
        edits.extend(renumber_cell(b, &lane, &stage, &cell_without(b, &lane, &stage, ids)));
    }
    Edit::Batch(edits)
}

/// Steps of a cell in display order, leaving out `skip`.
fn cell_without(b: &Blueprint, lane: &LaneId, stage: &StageId, skip: &HashSet<StepId>) -> Vec<StepId> {
    b.cell_steps(lane, stage)
        .filter(|s| !skip.contains(&s.id))
        .map(|s| s.id.clone())
        .collect()
}

/// Edits that give the steps `ordered` of a cell the orders 0, 1, 2, … (only those that change).
pub fn renumber_cell(b: &Blueprint, lane: &LaneId, stage: &StageId, ordered: &[StepId]) -> Vec<Edit> {
    let positions = b.index();
    ordered
        .iter()
        .enumerate()
        .filter_map(|(order, id)| {
            let step = &b.steps[positions.step(id)?];
            (step.order != order as u32 || &step.lane != lane || &step.stage != stage).then(|| {
                let mut moved = step.clone();
                moved.order = order as u32;
                moved.lane = lane.clone();
                moved.stage = stage.clone();
                Edit::SetStep(moved)
            })
        })
        .collect()
}

/// Moves steps into the cell (`lane`, `stage`) at position `slot` among the cards that stay
/// there, keeping their relative order; the cells they leave close up.
pub fn move_steps(b: &Blueprint, ids: &[StepId], lane: &LaneId, stage: &StageId, slot: usize) -> Edit {
    let moving: HashSet<StepId> = ids.iter().cloned().collect();
    let index = b.index();
    let mut moved: Vec<&crate::model::Step> = b.steps.iter().filter(|s| moving.contains(&s.id)).collect();
    moved.sort_by_key(|s| (index.stage(&s.stage), index.lane(&s.lane), s.order));

    let mut target = cell_without(b, lane, stage, &moving);
    let at = slot.min(target.len());
    target.splice(at..at, moved.iter().map(|s| s.id.clone()));
    let mut edits = renumber_cell(b, lane, stage, &target);
    let sources: HashSet<(&LaneId, &StageId)> = moved
        .iter()
        .map(|s| (&s.lane, &s.stage))
        .filter(|&(l, s)| (l, s) != (lane, stage))
        .collect();
    let mut sources: Vec<_> = sources.into_iter().collect();
    sources.sort();
    for (l, s) in sources {
        edits.extend(renumber_cell(b, l, s, &cell_without(b, l, s, &moving)));
    }
    Edit::Batch(edits)
}

/// Moves each of the steps `ids` from its own cell by `by` (lanes down, stages right), so
/// cards picked in several cells keep their places relative to each other. They go to the end
/// of the cell they land in; into the cell `lead` (a step and a slot) lands in, at that slot
/// among the cards that stay there. A step that would leave the grid stops at its edge when
/// `clamp`, else the move is `None`; `None` too when no step of `ids` is in the grid.
pub fn shift_steps(
    b: &Blueprint,
    ids: &[StepId],
    by: (isize, isize),
    lead: Option<(&StepId, usize)>,
    clamp: bool,
) -> Option<Edit> {
    let index = b.index();
    let picked: HashSet<&StepId> = ids.iter().collect();
    let mut moving: Vec<&Step> = b.steps.iter().filter(|s| picked.contains(&s.id)).collect();
    moving.sort_by_key(|s| (index.stage(&s.stage), index.lane(&s.lane), s.order));
    let along = |from: usize, by: isize, len: usize| {
        let to = from.checked_add_signed(by).filter(|&k| k < len);
        if clamp {
            Some(to.unwrap_or(if by < 0 { 0 } else { len - 1 }))
        } else {
            to
        }
    };
    // Each cell a move leaves or enters, with the steps arriving there.
    let mut cells: BTreeMap<(usize, usize), Vec<StepId>> = BTreeMap::new();
    let mut lead_cell = None;
    for step in &moving {
        let (Some(lane), Some(stage)) = (index.lane(&step.lane), index.stage(&step.stage)) else {
            continue;
        };
        let to = (along(lane, by.0, b.lanes.len())?, along(stage, by.1, b.stages.len())?);
        if lead.is_some_and(|(id, _)| id == &step.id) {
            lead_cell = Some(to);
        }
        cells.entry((lane, stage)).or_default();
        cells.entry(to).or_default().push(step.id.clone());
    }
    if cells.is_empty() {
        return None;
    }
    let leaving: HashSet<StepId> = moving.iter().map(|s| s.id.clone()).collect();
    let mut edits = Vec::new();
    for (at, arriving) in cells {
        let (lane, stage) = (&b.lanes[at.0].id, &b.stages[at.1].id);
        let mut cell = cell_without(b, lane, stage, &leaving);
        let slot = match lead {
            Some((_, slot)) if lead_cell == Some(at) => slot.min(cell.len()),
            _ => cell.len(),
        };
        cell.splice(slot..slot, arriving);
        edits.extend(renumber_cell(b, lane, stage, &cell));
    }
    Some(Edit::Batch(edits))
}
