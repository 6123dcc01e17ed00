//! Edits: every change the UI makes is an [`Edit`] applied to the blueprint; applying one
//! returns its exact inverse, which is what undo applies. [`History`] keeps both.

pub mod build;
mod fragment;
mod history;
mod ops;

pub use fragment::Fragment;
pub use history::{History, Merge, StepChange};
pub use ops::{delete_steps, move_steps, renumber_cell, shift_steps};

use crate::model::{
    Blueprint, Flow, FlowId, Lane, LaneId, Marker, MarkerId, NoteId, ReviewNote, ServiceState, Stage, StageId, Step,
    StepId,
};
use serde::{Deserialize, Serialize};

/// The blueprint's own fields (not its lanes, stages or contents).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Info {
    /// Title.
    pub title: String,
    /// Description.
    pub description: String,
    /// Scenario.
    pub scenario: String,
    /// Persona.
    pub persona: String,
    /// As-is or to-be.
    pub state: ServiceState,
}

impl Info {
    /// The info of a blueprint.
    pub fn of(b: &Blueprint) -> Info {
        Info {
            title: b.title.clone(),
            description: b.description.clone(),
            scenario: b.scenario.clone(),
            persona: b.persona.clone(),
            state: b.state,
        }
    }
}

/// One change to a blueprint. Things are named by id; positions only say where to insert.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// Insert a step at a position in `steps`.
    InsertStep(usize, Step),
    /// Remove a step (only the step: remove its flows and markers first, see [`delete_steps`]).
    RemoveStep(StepId),
    /// Replace a step's fields (its id stays).
    SetStep(Step),
    /// Insert a flow.
    InsertFlow(usize, Flow),
    /// Remove a flow.
    RemoveFlow(FlowId),
    /// Replace a flow's fields.
    SetFlow(Flow),
    /// Insert a marker.
    InsertMarker(usize, Marker),
    /// Remove a marker.
    RemoveMarker(MarkerId),
    /// Replace a marker's fields.
    SetMarker(Marker),
    /// Insert a review note.
    InsertNote(usize, ReviewNote),
    /// Remove a review note.
    RemoveNote(NoteId),
    /// Replace a review note.
    SetNote(ReviewNote),
    /// Insert a lane.
    InsertLane(usize, Lane),
    /// Remove a lane.
    RemoveLane(LaneId),
    /// Rename or change a lane.
    SetLane(Lane),
    /// Insert a stage.
    InsertStage(usize, Stage),
    /// Remove a stage.
    RemoveStage(StageId),
    /// Rename a stage.
    SetStage(Stage),
    /// Move a stage to a new position.
    MoveStage(StageId, usize),
    /// Change title, description, scenario, persona or state.
    SetInfo(Info),
    /// Several edits as one: applied in order, undone in reverse.
    Batch(Vec<Edit>),
}

/// Why an edit could not be applied; the blueprint is unchanged when this is returned.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    /// The edit names something that is not there.
    #[error("nothing with id {0} to change")]
    Missing(String),
    /// The edit would add an id that is already used.
    #[error("the id {0} is already used")]
    Duplicate(String),
}

/// Things with a stable id, kept in a list.
trait Keyed {
    type Id: PartialEq + std::fmt::Display;
    fn key(&self) -> &Self::Id;
}

macro_rules! keyed {
    ($($t:ty => $id:ty),*) => {$(
        impl Keyed for $t {
            type Id = $id;
            fn key(&self) -> &$id {
                &self.id
            }
        }
    )*};
}
keyed!(Step => StepId, Flow => FlowId, Marker => MarkerId, ReviewNote => NoteId, Lane => LaneId, Stage => StageId);

fn find<T: Keyed>(items: &[T], id: &T::Id) -> Result<usize, EditError> {
    items
        .iter()
        .position(|x| x.key() == id)
        .ok_or_else(|| EditError::Missing(id.to_string()))
}

/// Inserts `item` at `index` (clamped), refusing a duplicate id.
fn insert<T: Keyed>(items: &mut Vec<T>, index: usize, item: T) -> Result<(), EditError> {
    if items.iter().any(|x| x.key() == item.key()) {
        return Err(EditError::Duplicate(item.key().to_string()));
    }
    items.insert(index.min(items.len()), item);
    Ok(())
}

/// Removes the item with `id`; returns where it was and what it was.
fn remove<T: Keyed>(items: &mut Vec<T>, id: &T::Id) -> Result<(usize, T), EditError> {
    let i = find(items, id)?;
    Ok((i, items.remove(i)))
}

/// Replaces the item with the same id; returns the old one.
fn replace<T: Keyed>(items: &mut [T], item: T) -> Result<T, EditError> {
    let i = find(items, item.key())?;
    Ok(std::mem::replace(&mut items[i], item))
}

impl Edit {
    /// Applies the edit and returns the edit that undoes it. On error nothing changed.
    pub fn apply(self, b: &mut Blueprint) -> Result<Edit, EditError> {
        Ok(match self {
            Edit::InsertStep(index, item) => {
                let id = item.id.clone();
                insert(&mut b.steps, index, item)?;
                Edit::RemoveStep(id)
            }
            Edit::RemoveStep(id) => {
                let (i, item) = remove(&mut b.steps, &id)?;
                Edit::InsertStep(i, item)
            }
            Edit::SetStep(item) => Edit::SetStep(replace(&mut b.steps, item)?),
            Edit::InsertFlow(index, item) => {
                let id = item.id.clone();
                insert(&mut b.flows, index, item)?;
                Edit::RemoveFlow(id)
            }
            Edit::RemoveFlow(id) => {
                let (i, item) = remove(&mut b.flows, &id)?;
                Edit::InsertFlow(i, item)
            }
            Edit::SetFlow(item) => Edit::SetFlow(replace(&mut b.flows, item)?),
            Edit::InsertMarker(index, item) => {
                let id = item.id.clone();
                insert(&mut b.markers, index, item)?;
                Edit::RemoveMarker(id)
            }
            Edit::RemoveMarker(id) => {
                let (i, item) = remove(&mut b.markers, &id)?;
                Edit::InsertMarker(i, item)
            }
            Edit::SetMarker(item) => Edit::SetMarker(replace(&mut b.markers, item)?),
            Edit::InsertNote(index, item) => {
                let id = item.id.clone();
                insert(&mut b.notes, index, item)?;
                Edit::RemoveNote(id)
            }
            Edit::RemoveNote(id) => {
                let (i, item) = remove(&mut b.notes, &id)?;
                Edit::InsertNote(i, item)
            }
            Edit::SetNote(item) => Edit::SetNote(replace(&mut b.notes, item)?),
            Edit::InsertLane(index, item) => {
                let id = item.id.clone();
                insert(&mut b.lanes, index, item)?;
                Edit::RemoveLane(id)
            }
            Edit::RemoveLane(id) => {
                let (i, item) = remove(&mut b.lanes, &id)?;
                Edit::InsertLane(i, item)
            }
            Edit::SetLane(item) => Edit::SetLane(replace(&mut b.lanes, item)?),
            Edit::InsertStage(index, item) => {
                let id = item.id.clone();
                insert(&mut b.stages, index, item)?;
                Edit::RemoveStage(id)
            }
            Edit::RemoveStage(id) => {
                let (i, item) = remove(&mut b.stages, &id)?;
                Edit::InsertStage(i, item)
            }
            Edit::SetStage(item) => Edit::SetStage(replace(&mut b.stages, item)?),
            Edit::MoveStage(id, to) => {
                let from = find(&b.stages, &id)?;
                let stage = b.stages.remove(from);
                b.stages.insert(to.min(b.stages.len()), stage);
                Edit::MoveStage(id, from)
            }
            Edit::SetInfo(info) => {
                let old = Info::of(b);
                b.title = info.title;
                b.description = info.description;
                b.scenario = info.scenario;
                b.persona = info.persona;
                b.state = info.state;
                Edit::SetInfo(old)
            }
            Edit::Batch(edits) => {
                let mut inverses = Vec::with_capacity(edits.len());
                for edit in edits {
                    match edit.apply(b) {
                        Ok(inverse) => inverses.push(inverse),
                        Err(error) => {
                            // Roll back what this batch already did, so a failed batch changes nothing.
                            for inverse in inverses.into_iter().rev() {
                                let _ = inverse.apply(b);
                            }
                            return Err(error);
                        }
                    }
                }
                inverses.reverse();
                Edit::Batch(inverses)
            }
        })
    }

    /// The step whose fields this edit changes, when that is all it changes: what lets a drawing
    /// patch one card instead of laying everything out again.
    pub fn only_step(&self) -> Option<&StepId> {
        match self {
            Edit::SetStep(step) => Some(&step.id),
            Edit::Batch(edits) => {
                let mut ids = edits.iter().map(Edit::only_step);
                let first = ids.next()??;
                ids.all(|id| id == Some(first)).then_some(first)
            }
            _ => None,
        }
    }

    /// Whether the edit changes nothing (an empty batch).
    pub fn is_empty(&self) -> bool {
        matches!(self, Edit::Batch(edits) if edits.iter().all(Edit::is_empty))
    }
}

#[cfg(test)]
mod tests;
