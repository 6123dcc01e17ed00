//! Undo and redo over [`Edit`]s, with "unsaved" as a position in the history.

use super::{Edit, EditError};
use crate::model::{Blueprint, Step, StepId};
use indexmap::IndexSet;
use std::time::{Duration, Instant};

/// How an edit joins the one before it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Merge {
    /// A step of its own.
    Never,
    /// Joins the previous edit if that had the same key and came within a second or two: a
    /// stream of typing in one field is one undo step.
    Key(String),
}

struct Entry {
    /// What redo applies.
    forward: Edit,
    /// What undo applies.
    inverse: Edit,
    /// Short description, shown in the Edit menu.
    label: String,
    merge: Merge,
    at: Instant,
    /// Identifies this history position, for "unsaved".
    serial: u64,
}

/// One step as it was and as it is after a change that touched nothing else.
#[derive(Clone, Debug)]
pub struct StepChange {
    /// Before the change.
    pub before: Step,
    /// After it.
    pub after: Step,
}

/// Applies `edit` and returns its inverse, with the step it changed when that is all it did.
fn apply_noting_step(edit: Edit, b: &mut Blueprint) -> Result<(Edit, Option<StepChange>), EditError> {
    let at = edit.only_step().and_then(|id| b.steps.iter().position(|s| &s.id == id));
    let before = at.map(|i| b.steps[i].clone());
    let inverse = edit.apply(b)?;
    let change = before.zip(at).and_then(|(before, i)| {
        let after = b.steps.get(i).filter(|s| s.id == before.id)?.clone();
        Some(StepChange { before, after })
    });
    Ok((inverse, change))
}

/// The steps `edit` inserts or replaces, each once, in order.
fn placed_steps(edit: &Edit, out: &mut IndexSet<StepId>) {
    match edit {
        Edit::InsertStep(_, step) | Edit::SetStep(step) => {
            out.insert(step.id.clone());
        }
        Edit::Batch(edits) => edits.iter().for_each(|e| placed_steps(e, out)),
        _ => {}
    }
}

/// Undo and redo stacks.
#[derive(Default)]
pub struct History {
    undo: Vec<Entry>,
    redo: Vec<Entry>,
    next_serial: u64,
    saved_serial: u64,
    /// Bumped on every change to the blueprint; caches compare it.
    revision: u64,
    /// The change to `revision`, when it touched one step's fields alone.
    step_change: Option<StepChange>,
    /// The steps the last undo or redo was about.
    subjects: Vec<StepId>,
}

/// Typing pauses longer than this start a new undo step.
const MERGE_WINDOW: Duration = Duration::from_millis(1500);

impl History {
    /// Applies `edit` to `b` and records it. Returns `Ok(false)` if it changed nothing.
    pub fn apply(
        &mut self,
        b: &mut Blueprint,
        edit: Edit,
        label: impl Into<String>,
        merge: Merge,
    ) -> Result<bool, EditError> {
        if edit.is_empty() {
            return Ok(false);
        }
        let forward = edit.clone();
        let (inverse, change) = apply_noting_step(edit, b)?;
        self.revision += 1;
        self.step_change = change;
        self.redo.clear();
        let now = Instant::now();
        if let Merge::Key(key) = &merge
            && let Some(top) = self.undo.last_mut()
            && top.merge == Merge::Key(key.clone())
            && now.duration_since(top.at) < MERGE_WINDOW
            && top.serial != self.saved_serial
        {
            // Same field, still typing: keep the oldest inverse, take the newest forward.
            top.forward = Edit::Batch(vec![
                std::mem::replace(&mut top.forward, Edit::Batch(Vec::new())),
                forward,
            ]);
            top.inverse = Edit::Batch(vec![
                inverse,
                std::mem::replace(&mut top.inverse, Edit::Batch(Vec::new())),
            ]);
            top.at = now;
            return Ok(true);
        }
        self.next_serial += 1;
        self.undo.push(Entry {
            forward,
            inverse,
            label: label.into(),
            merge,
            at: now,
            serial: self.next_serial,
        });
        Ok(true)
    }

    /// Applies an undo's or redo's `edit`, noting its subjects (see [`History::subjects`]).
    fn reapply(&mut self, edit: Edit, b: &mut Blueprint) -> Result<(), EditError> {
        let mut ids = IndexSet::new();
        placed_steps(&edit, &mut ids);
        let before: Vec<Option<Step>> = {
            let index = b.index();
            ids.iter()
                .map(|id| index.step(id).map(|i| b.steps[i].clone()))
                .collect()
        };
        let (_, change) = apply_noting_step(edit, b)?;
        self.revision += 1;
        self.step_change = change;
        let index = b.index();
        self.subjects = ids
            .into_iter()
            .zip(before)
            .filter(|(id, before)| {
                let Some(now) = index.step(id).map(|i| &b.steps[i]) else {
                    return false;
                };
                // A neighbour renumbered in its cell is a side effect, not what the edit was about.
                before.as_ref().is_none_or(|before| {
                    let mut before = before.clone();
                    before.order = now.order;
                    &before != now
                })
            })
            .map(|(id, _)| id)
            .collect();
        Ok(())
    }

    /// The steps the last undo or redo brought back or changed, other than by their place in a
    /// cell: what the editor selects, so the user sees what came back.
    pub fn subjects(&self) -> &[StepId] {
        &self.subjects
    }

    /// Undoes the last step; returns its label.
    pub fn undo(&mut self, b: &mut Blueprint) -> Option<String> {
        let mut entry = self.undo.pop()?;
        match self.reapply(entry.inverse.clone(), b) {
            Ok(()) => {
                entry.merge = Merge::Never;
                let label = entry.label.clone();
                self.redo.push(entry);
                Some(label)
            }
            Err(_) => {
                // Cannot happen when every change goes through the history; drop rather than loop.
                self.redo.clear();
                None
            }
        }
    }

    /// Undoes the last step and forgets it, so redo cannot bring it back: for a change the user
    /// abandoned before it was made (a step added and left untitled with Escape).
    pub fn retract(&mut self, b: &mut Blueprint) -> Option<String> {
        let label = self.undo(b)?;
        self.redo.pop();
        Some(label)
    }

    /// Redoes the last undone step; returns its label.
    pub fn redo(&mut self, b: &mut Blueprint) -> Option<String> {
        let entry = self.redo.pop()?;
        match self.reapply(entry.forward.clone(), b) {
            Ok(()) => {
                let label = entry.label.clone();
                self.undo.push(entry);
                Some(label)
            }
            Err(_) => {
                self.redo.clear();
                None
            }
        }
    }

    /// Label of the step undo would revert.
    pub fn undo_label(&self) -> Option<&str> {
        self.undo.last().map(|e| e.label.as_str())
    }

    /// Label of the step redo would apply.
    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|e| e.label.as_str())
    }

    /// Remembers the current position as what is on disk.
    pub fn mark_saved(&mut self) {
        self.saved_serial = self.position();
    }

    /// Forgets the saved position (the document has never been saved, or was restored).
    pub fn mark_unsaved(&mut self) {
        self.saved_serial = u64::MAX;
    }

    /// Whether the blueprint differs from what was last saved.
    pub fn is_dirty(&self) -> bool {
        self.position() != self.saved_serial
    }

    fn position(&self) -> u64 {
        self.undo.last().map_or(0, |e| e.serial)
    }

    /// The change to the current revision (an edit, undo or redo), when all it did was change
    /// one step's fields: what lets the drawing and the analysis patch instead of rebuild.
    pub fn step_change(&self) -> Option<&StepChange> {
        self.step_change.as_ref()
    }

    /// Changes whenever the blueprint changes through this history.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// Number of steps that can be undone.
    pub fn undo_len(&self) -> usize {
        self.undo.len()
    }
}
