//! What the editor shows and is doing, apart from the blueprint itself: selection, viewport,
//! the gesture in progress, the text being edited in place. Owned by the app, so tests and
//! commands can see it.

use crate::geom::{Point, Rect};
use crate::model::{Blueprint, FlowId, LaneId, StageId, StepId};
use egui::{Pos2, Vec2};
use indexmap::IndexSet;
use std::collections::HashMap;

/// What is selected.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Selection {
    /// Selected steps, in the order they were selected.
    pub steps: IndexSet<StepId>,
    /// The selected flow (only when no step is selected).
    pub flow: Option<FlowId>,
}

impl Selection {
    /// Nothing.
    pub fn is_empty(&self) -> bool {
        self.steps.is_empty() && self.flow.is_none()
    }

    /// Just this step.
    pub fn only_step(id: StepId) -> Selection {
        Selection::of_steps([id])
    }

    /// Just this flow.
    pub fn only_flow(id: FlowId) -> Selection {
        Selection {
            steps: IndexSet::new(),
            flow: Some(id),
        }
    }

    /// These steps.
    pub fn of_steps(ids: impl IntoIterator<Item = StepId>) -> Selection {
        Selection {
            steps: ids.into_iter().collect(),
            flow: None,
        }
    }

    /// Adds or removes a step (shift/ctrl-click).
    pub fn toggle_step(&mut self, id: StepId) {
        self.flow = None;
        if !self.steps.shift_remove(&id) {
            self.steps.insert(id);
        }
    }

    /// Whether a step is selected.
    pub fn has_step(&self, id: &StepId) -> bool {
        self.steps.contains(id)
    }

    /// Drops ids that no longer exist (after undo, delete, open).
    pub fn retain_existing(&mut self, b: &Blueprint) {
        let positions = b.index();
        self.steps.retain(|s| positions.step(s).is_some());
        if let Some(flow) = &self.flow
            && !b.flows.iter().any(|f| &f.id == flow)
        {
            self.flow = None;
        }
    }
}

/// The view onto the scene: screen position of scene (0, 0) relative to the canvas, and zoom.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Viewport {
    /// Offset of the scene origin from the canvas' top-left corner, in screen points.
    pub pan: Vec2,
    /// Screen points per scene unit.
    pub zoom: f32,
}

impl Default for Viewport {
    fn default() -> Self {
        Viewport {
            pan: Vec2::new(0.0, 0.0),
            zoom: 1.0,
        }
    }
}

/// Zoom limits: far enough out that Fit shows all 200 stages of the 20,000-step bench
/// blueprint (363,600 units wide) in a canvas 600 pixels wide.
pub const ZOOM_RANGE: std::ops::RangeInclusive<f32> = 0.0015..=4.0;

impl Viewport {
    /// Zooms by `factor` keeping the scene point under `anchor` (relative to the canvas) still.
    pub fn zoom_at(&mut self, anchor: Vec2, factor: f32) {
        let new_zoom = (self.zoom * factor).clamp(*ZOOM_RANGE.start(), *ZOOM_RANGE.end());
        let scene = (anchor - self.pan) / self.zoom;
        self.zoom = new_zoom;
        self.pan = anchor - scene * new_zoom;
    }

    /// Shows the top-left of `bounds` at `zoom`, with a small margin.
    pub fn show_top_left(&mut self, bounds: Rect, zoom: f32) {
        self.zoom = zoom.clamp(*ZOOM_RANGE.start(), *ZOOM_RANGE.end());
        self.pan = Vec2::new(16.0, 16.0) - Vec2::new(bounds.min.x, bounds.min.y) * self.zoom;
    }

    /// Shows all of `bounds` in a canvas of `size`, centred, never above 100 %.
    pub fn fit(&mut self, bounds: Rect, size: Vec2) {
        let margin = 16.0;
        let zx = (size.x - 2.0 * margin) / bounds.width().max(1.0);
        let zy = (size.y - 2.0 * margin) / bounds.height().max(1.0);
        self.zoom = zx.min(zy).clamp(*ZOOM_RANGE.start(), 1.0);
        let drawn = Vec2::new(bounds.width(), bounds.height()) * self.zoom;
        self.pan = (size - drawn) / 2.0 - Vec2::new(bounds.min.x, bounds.min.y) * self.zoom;
        self.pan.y = self.pan.y.min(margin);
    }
}

/// A drag in progress on the canvas.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Gesture {
    /// Nothing.
    #[default]
    None,
    /// Moving the view.
    Pan,
    /// Moving cards: `grab` is where on the first card the pointer took hold (scene units).
    MoveCards {
        /// The cards.
        ids: Vec<StepId>,
        /// Pointer position minus the first card's top-left, in scene units.
        grab: Vec2,
    },
    /// Drawing a flow from a card's handle.
    Connect {
        /// The card it starts from.
        from: StepId,
    },
    /// Rubber-band selection from a scene point.
    BoxSelect {
        /// Where the drag started, in scene units.
        start: Point,
        /// Whether to add to the selection.
        add: bool,
    },
    /// Dragging a stage header to reorder.
    MoveStage {
        /// The stage.
        id: StageId,
    },
    /// Dragging a point of the emotion curve up or down.
    Emotion {
        /// The customer step whose feeling it is.
        id: StepId,
    },
}

/// What is being edited in place on the canvas.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum InlineTarget {
    /// A card's title.
    StepTitle(StepId),
    /// A stage name.
    StageName(StageId),
    /// A lane name.
    LaneName(LaneId),
    /// A flow's label.
    FlowLabel(FlowId),
}

/// Text being edited in place.
#[derive(Clone, Debug, PartialEq)]
pub struct InlineEdit {
    /// What.
    pub target: InlineTarget,
    /// The text so far.
    pub text: String,
    /// Whether it was just opened: focus it and bring it into view; a name or label opens
    /// selected, to be typed over.
    pub fresh: bool,
    /// Whether it names a step just added: leaving it untouched with Escape takes the step back.
    pub new_step: bool,
}

/// The selected step's card (or, when the card is about to move, its cell) where it was on
/// screen, kept there when a new drawing replaces the one it was seen in.
#[derive(Clone, Debug, PartialEq)]
pub struct Anchor {
    /// The step.
    pub step: crate::model::StepId,
    /// Whether its card is kept still; else its cell (it has just been moved there).
    pub card: bool,
    /// The cell's lane.
    pub lane: crate::model::LaneId,
    /// The cell's stage.
    pub stage: crate::model::StageId,
    /// The card's or the cell's top left corner on screen.
    pub at: egui::Pos2,
    /// The cell's top left corner on screen: what stays still when the card turns out to have
    /// left it in the new drawing (moved in the frame this was seen in).
    pub cell_at: egui::Pos2,
    /// The zoom it was seen at: a view zoomed since keeps no cell still.
    pub zoom: f32,
    /// The drawing it was seen in.
    pub serial: u64,
}

/// What a right-click was on.
#[derive(Clone, Debug, PartialEq)]
pub enum ContextTarget {
    /// A card.
    Step(StepId),
    /// A flow.
    Flow(FlowId),
    /// A stage header.
    Stage(StageId),
    /// A lane header.
    Lane(LaneId),
    /// An empty cell.
    Cell {
        /// Lane.
        lane: LaneId,
        /// Stage.
        stage: StageId,
        /// Slot under the pointer.
        slot: usize,
    },
    /// Outside the grid.
    Empty,
}

/// The editor's view state.
#[derive(Clone, Debug)]
pub struct EditorState {
    /// What is selected.
    pub selection: Selection,
    /// The view.
    pub viewport: Viewport,
    /// Fit the view on the next frame (after opening a file).
    pub fit_pending: bool,
    /// The view the last Fit made, while the user has not moved it: it fits again when the
    /// canvas changes size.
    pub fitted: Option<Viewport>,
    /// Zoom of the last session, used instead of fitting for the first view.
    pub remembered_zoom: Option<f32>,
    /// The drag in progress.
    pub gesture: Gesture,
    /// In-place text editing.
    pub inline: Option<InlineEdit>,
    /// Target of the open context menu.
    pub context: Option<ContextTarget>,
    /// Last pointer position over the canvas (screen), for paste and zoom anchors.
    pub last_pointer: Option<Pos2>,
    /// Where the canvas was last frame (screen).
    pub canvas_rect: egui::Rect,
    /// The canvas's widget id: the canvas may hold the keyboard focus for its shortcuts, any
    /// other widget holds it for itself.
    pub canvas_id: Option<egui::Id>,
    /// The selected step's cell as last shown.
    pub anchor: Option<Anchor>,
    /// Where the pinned lane column and stage row were drawn last frame (screen), if pinned.
    pub pinned_headers: (Option<egui::Rect>, Option<egui::Rect>),
    /// A step to bring into view on the next frame.
    pub reveal: Option<StepId>,
    /// What the last gesture on the canvas did, shown while its drawing is built in the
    /// background, so that the edit does not seem lost meanwhile.
    pub echo: Echo,
    /// Steps that differ from the blueprint being compared with.
    pub compare_marks: Vec<(StepId, super::analysis_panel::CompareMark)>,
    /// The feelings of the steps in the blueprint being compared with, drawn as a second curve,
    /// with that version's name ("As-is").
    pub compare_emotions: Option<(String, HashMap<StepId, i8>)>,
    /// The cell last clicked (a card's or an empty one): where Paste puts the clipboard's steps.
    pub paste_cell: Option<(LaneId, StageId)>,
    /// Input that came in the same frame after a key that ended an in-place edit (Tab, Enter):
    /// it belongs to what comes next (the next card's editor), so it is replayed next frame.
    pub deferred_events: Vec<egui::Event>,
}

/// An edit made on the canvas whose drawing is not there yet.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Echo {
    /// Where cards just dropped land (scene units), so they do not seem to have snapped back.
    pub cards: Vec<crate::geom::Rect>,
    /// A flow just drawn from one step's card to another's.
    pub flow: Option<(StepId, StepId)>,
}

impl Default for EditorState {
    fn default() -> Self {
        EditorState {
            selection: Selection::default(),
            viewport: Viewport::default(),
            fit_pending: false,
            fitted: None,
            remembered_zoom: None,
            gesture: Gesture::None,
            inline: None,
            context: None,
            last_pointer: None,
            canvas_rect: egui::Rect::from_min_size(egui::Pos2::ZERO, Vec2::new(1280.0, 800.0)),
            canvas_id: None,
            anchor: None,
            pinned_headers: (None, None),
            reveal: None,
            echo: Echo::default(),
            compare_marks: Vec::new(),
            compare_emotions: None,
            paste_cell: None,
            deferred_events: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_shows_the_whole_of_a_very_wide_drawing() {
        let mut view = Viewport::default();
        let (bounds, size) = (Rect::from_xywh(0.0, 0.0, 363_600.0, 36_500.0), Vec2::new(600.0, 700.0));
        view.fit(bounds, size);
        let right = bounds.max.x * view.zoom + view.pan.x;
        assert!(
            view.pan.x >= 0.0 && right <= size.x,
            "drawn from {} to {right}",
            view.pan.x
        );
    }

    #[test]
    fn a_selection_holds_each_step_once_in_the_order_picked() {
        let id = |s: &str| StepId::from(s);
        let mut selection = Selection::of_steps([id("a"), id("b"), id("a")]);
        assert_eq!(selection.steps.len(), 2);
        selection.toggle_step(id("c"));
        selection.toggle_step(id("a"));
        let picked: Vec<&str> = selection.steps.iter().map(|s| s.as_str()).collect();
        assert_eq!(
            picked,
            ["b", "c"],
            "toggling removes a step and keeps the others' order"
        );
        assert!(selection.has_step(&id("c")) && !selection.has_step(&id("a")));
    }
}
