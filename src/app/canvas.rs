//! The interactive canvas: paints the scene and turns pointer input into commands.

use super::actions::{Action, Command};
use super::document::Drawing;
use super::headers::{Pins, paint_pins, pinned_role};
use super::paint::{Detail, PaintCache, PaintFilter, Transform, color};
use super::state::{ContextTarget, Echo, EditorState, Gesture, InlineEdit, InlineTarget, Selection};
use super::texts::tr;
use crate::edit::Edit;
use crate::geom::{Point, Rect, distance_to_segment, pt};
use crate::i18n::Lang;
use crate::layout::Layout;
use crate::model::{Blueprint, LaneId, MarkerKind, MarkerTarget, StageId, Step, StepId};
use crate::style::{DrawingTexts, Style};
use egui::{Color32, CursorIcon, Key, PointerButton, Pos2, Response, Sense, Shape, Stroke, StrokeKind, Ui, vec2};
use std::collections::HashMap;

/// Radius of the connect handle on a card's right edge, in screen points.
const HANDLE_RADIUS: f32 = 7.0;

/// What the canvas needs to draw and hit-test.
pub struct CanvasInput<'a> {
    /// The blueprint the drawing shows.
    pub blueprint: &'a Blueprint,
    /// Its layout and scene.
    pub drawing: &'a Drawing,
    /// The document's blueprint as it is now, which edits start from: `blueprint` itself, or
    /// a newer revision while its drawing is built in the background.
    pub edited: &'a Blueprint,
    /// The style it was laid out with.
    pub style: &'a Style,
    /// UI language.
    pub lang: Lang,
}

impl CanvasInput<'_> {
    /// Whether the drawing shows an older revision than the document's.
    fn is_behind(&self) -> bool {
        !std::ptr::eq(self.blueprint, self.edited)
    }
}

struct Hits<'a> {
    layout: &'a Layout,
    t: Transform,
    pins: Pins,
}

impl Hits<'_> {
    fn card_at(&self, p: Point) -> Option<usize> {
        self.layout.cards.iter().position(|c| c.rect.contains(p))
    }

    /// The point of the emotion curve under `screen`, as an index into its points.
    fn emotion_point_at(&self, screen: Pos2) -> Option<usize> {
        let curve = self.layout.emotion.as_ref()?;
        let reach = crate::scene::EMOTION_DOT_RADIUS * self.t.zoom + 5.0;
        curve
            .points
            .iter()
            .position(|p| self.t.to_screen(p.at).distance(screen) <= reach)
    }

    fn flow_at(&self, p: Point) -> Option<usize> {
        let tolerance = 6.0 / self.t.zoom;
        self.layout
            .flows
            .iter()
            .filter(|r| {
                r.points
                    .windows(2)
                    .any(|w| distance_to_segment(p, w[0], w[1]) <= tolerance)
            })
            .map(|r| r.flow)
            .next()
    }

    fn stage_header_at(&self, screen: Pos2) -> Option<usize> {
        self.pins.stage_at(self.layout, screen)
    }

    fn lane_header_at(&self, screen: Pos2) -> Option<usize> {
        self.pins.lane_at(self.layout, screen)
    }

    /// Lane and stage of the grid cell under `p`.
    fn cell_at(&self, p: Point) -> Option<(usize, usize)> {
        let lane = self
            .layout
            .lanes
            .iter()
            .position(|l| p.y >= l.band.min.y && p.y < l.band.max.y && p.x >= self.layout.columns_x)?;
        let stage = self
            .layout
            .stages
            .iter()
            .position(|s| p.x >= s.column.min.x && p.x < s.column.max.x)?;
        Some((lane, stage))
    }

    /// Where in a cell a card dropped at `y` goes, counting the cards that stay.
    fn slot_at(&self, lane: usize, stage: usize, y: f32, moving: &[usize]) -> usize {
        self.layout
            .cards
            .iter()
            .enumerate()
            .filter(|(i, c)| c.lane == lane && c.stage == stage && !moving.contains(i) && c.rect.center().y < y)
            .count()
    }

    /// Screen rectangle of a card's connect handle.
    fn handle_center(&self, card: usize) -> Pos2 {
        let r = self.layout.cards[card].rect;
        self.t.to_screen(pt(r.max.x, r.center().y))
    }

    fn marker_at(&self, p: Point, screen: Pos2) -> Option<usize> {
        let on_cards = self
            .layout
            .cards
            .iter()
            .flat_map(|c| c.badges.iter())
            .find(|b| b.rect.contains(p));
        let on_stages = || {
            let j = self.stage_header_at(screen)?;
            let header_p = self.pins.stage_transform(self.layout, j).to_scene(screen);
            self.layout.stages[j].badges.iter().find(|b| b.rect.contains(header_p))
        };
        on_cards.or_else(on_stages).map(|b| b.marker)
    }
}

/// Zoom factor of one ctrl+wheel line event: small enough to aim, large enough that a few
/// notches go from overview to reading. On X11, winit reports a wheel that sends button
/// presses (and xdotool's clicks) as two events per notch, press and release: 1.21× a notch
/// there, 1.1× where the wheel is read as one scroll motion.
pub const ZOOM_PER_NOTCH: f32 = 1.1;

/// Points of pixel-precise scrolling (touchpads) that count as one notch; egui's own line height.
const POINTS_PER_NOTCH: f32 = 40.0;

/// This frame's zoom factor from ctrl+wheel and pinch events, applied whole in the frame it
/// arrives: egui's own ctrl+wheel zoom is smoothed over many frames, and each of those frames
/// changes the zoom and so re-tessellates every card on screen.
fn wheel_zoom(input: &egui::InputState) -> f32 {
    input
        .events
        .iter()
        .map(|event| match event {
            egui::Event::MouseWheel {
                unit, delta, modifiers, ..
            } if modifiers.command || modifiers.ctrl => {
                let notches = match unit {
                    egui::MouseWheelUnit::Point => (delta.x + delta.y) / POINTS_PER_NOTCH,
                    egui::MouseWheelUnit::Line | egui::MouseWheelUnit::Page => (delta.x + delta.y).clamp(-3.0, 3.0),
                };
                ZOOM_PER_NOTCH.powf(notches)
            }
            egui::Event::Zoom(factor) => *factor,
            _ => 1.0,
        })
        .product()
}

/// Shows the canvas; pushes what the user asked for onto `out`.
pub fn canvas_ui(
    ui: &mut Ui,
    input: &CanvasInput<'_>,
    state: &mut EditorState,
    cache: &mut PaintCache,
    out: &mut Vec<Command>,
) -> Response {
    let (rect, response) = ui.allocate_exact_size(ui.available_size(), Sense::click_and_drag());
    state.canvas_id = Some(response.id);
    let viewport_before = state.viewport;
    let layout = &input.drawing.layout;
    if !input.is_behind() {
        state.echo = Default::default();
    }
    if rect.size() != state.canvas_rect.size() {
        // A side panel opened or closed, or the window changed size: a fitted view fits again,
        // any other keeps what was at the centre of the canvas at its centre.
        if state.fitted == Some(state.viewport) {
            state.fit_pending = true;
        } else {
            state.viewport.pan += (rect.size() - state.canvas_rect.size()) / 2.0;
        }
    }
    state.canvas_rect = rect;
    let anchor = state.anchor.take().filter(|_| !state.fit_pending);
    if state.fit_pending && rect.width() > 50.0 {
        match state.remembered_zoom.take() {
            Some(zoom) => state.viewport.show_top_left(layout.bounds, zoom),
            None => {
                super::headers::fit(&mut state.viewport, layout, rect.size());
                state.fitted = Some(state.viewport);
            }
        }
        state.fit_pending = false;
    }

    // Wheel pans, ctrl+wheel and pinch zoom at the pointer.
    if let Some(hover) = response.hover_pos() {
        state.last_pointer = Some(hover);
        let (scroll, zoom) = ui.input(|i| (i.smooth_scroll_delta, wheel_zoom(i)));
        if zoom != 1.0 {
            state
                .viewport
                .zoom_at(zoom_anchor(hover, state.pinned_headers) - rect.min, zoom);
        }
        state.viewport.pan += scroll;
    }

    // A new drawing keeps the selected card (or, just moved, the cards of its new cell) where
    // it was on screen: the full layout of a large blueprint moves whole columns when one
    // gutter widens, and the view followed the drawing away from the card just dropped or joined.
    if let Some(anchor) = anchor
        && anchor.serial != input.drawing.serial
        && anchor.zoom == state.viewport.zoom
        && let Some((corner, at)) = anchor_corner(layout, input.blueprint, &anchor)
    {
        let now = rect.min + state.viewport.pan + vec2(corner.x, corner.y) * state.viewport.zoom;
        state.viewport.pan += at - now;
    }

    // Bring a step picked in the analysis panel into view.
    // A step whose drawing is still being built is brought into view when it is drawn.
    let reveal = state.reveal.take();
    let card = reveal.as_ref().and_then(|id| layout.card_of(id));
    if card.is_none() && input.is_behind() {
        state.reveal = reveal;
    }
    if let Some(card) = card {
        let zoom = state.viewport.zoom;
        let on_screen = egui::Rect::from_min_max(
            rect.min + state.viewport.pan + vec2(card.rect.min.x, card.rect.min.y) * zoom,
            rect.min + state.viewport.pan + vec2(card.rect.max.x, card.rect.max.y) * zoom,
        );
        if !rect.shrink(40.0).contains_rect(on_screen) {
            let center = card.rect.center();
            state.viewport.pan = rect.size() / 2.0 - vec2(center.x, center.y) * zoom;
        }
    }
    let t = Transform {
        origin: rect.min + state.viewport.pan,
        zoom: state.viewport.zoom,
    };
    let pins = Pins::new(layout, t, rect);
    state.pinned_headers = (pins.lane_column(layout), pins.stage_row(layout));
    let hits = Hits { layout, t, pins };
    let pointer = ui.input(|i| i.pointer.interact_pos());

    handle_drag(ui, &response, &hits, input, state, out);
    handle_clicks(ui, &response, &hits, input, state, out);

    // Paint.
    let painter = ui.painter_at(rect);
    painter.rect_filled(
        rect,
        0.0,
        Color32::from_gray(if ui.visuals().dark_mode { 40 } else { 226 }),
    );
    painter.rect_filled(
        t.rect_to_screen(layout.bounds),
        0.0,
        color(input.drawing.scene.background),
    );
    let detail = Detail::for_zoom(t.zoom, input.style);
    let visible = t.rect_to_scene(rect);
    cache.paint(
        &painter,
        input.drawing,
        t,
        &PaintFilter {
            visible,
            detail,
            skip: &|role| pinned_role(&pins, role),
        },
    );
    paint_overlays(&painter, &hits, input, state, pointer, rect);
    paint_pins(&painter, &pins, input.drawing, input.style, cache, rect);

    inline_editor(ui, &hits, input, state, out);
    context_menu(&response, input, state, out);
    marker_tooltip(&response, &hits, input, pointer);
    cursor(ui, &response, &hits, state, pointer);
    if state.viewport != viewport_before {
        // The toolbar above showed last frame's zoom: one more frame brings it up to date.
        ui.ctx().request_repaint();
    }
    state.anchor = anchor_now(input, state);
    response
}

/// Where the cards of the cell of lane `lane` and stage `stage` start in `layout` (of `b`): the
/// left of its stage's cards (the column's, when it has none; a wide gutter before them moves
/// them well right of it), the top of its lane.
fn cell_corner(layout: &Layout, b: &Blueprint, lane: &LaneId, stage: &StageId) -> Option<Point> {
    let (i, j) = (b.lane_index(lane)?, b.stage_index(stage)?);
    let x = layout
        .cards
        .iter()
        .find(|card| card.stage == j)
        .map_or(layout.stages.get(j)?.column.min.x, |card| card.rect.min.x);
    Some(pt(x, layout.lanes.get(i)?.band.min.y))
}

/// The corner `anchor` keeps still, in `layout` (of `b`), and where on screen it stays: the
/// card's, while it is in the cell it was seen in; else the cell's. A card moved with the
/// keyboard is seen in its old cell the frame before: keeping the card still slid the whole
/// drawing under it.
fn anchor_corner(layout: &Layout, b: &Blueprint, anchor: &super::state::Anchor) -> Option<(Point, egui::Pos2)> {
    let card = layout.card_of(&anchor.step).filter(|card| {
        anchor.card
            && b.steps
                .get(card.step)
                .is_some_and(|s| s.lane == anchor.lane && s.stage == anchor.stage)
    });
    match card {
        Some(card) => Some((card.rect.min, anchor.at)),
        None => Some((cell_corner(layout, b, &anchor.lane, &anchor.stage)?, anchor.cell_at)),
    }
}

/// Where the card of the selected step (or of the selected flow's first step) is on screen
/// now, or its cell where the step has just moved to another one.
fn anchor_now(input: &CanvasInput<'_>, state: &EditorState) -> Option<super::state::Anchor> {
    let edited = input.edited;
    let id = match (state.selection.steps.first(), &state.selection.flow) {
        (Some(id), _) => id,
        (None, Some(flow)) => &edited.flows.iter().find(|f| &f.id == flow)?.from,
        (None, None) => return None,
    };
    // By the drawing's id map: a scan of 20,000 steps each frame would show in the frame time.
    let layout = &input.drawing.layout;
    let card = layout.card_of(id);
    let shown = card.and_then(|card| input.blueprint.steps.get(card.step));
    let step = match shown {
        Some(step) if !input.is_behind() => step,
        _ => edited.step(id)?,
    };
    let card = card.filter(|_| shown.is_some_and(|s| s.lane == step.lane && s.stage == step.stage));
    let cell = match card {
        // Cards of a stage line up on its left: no search through the cards each frame.
        Some(card) => pt(
            card.rect.min.x,
            layout.lanes.get(input.blueprint.lane_index(&step.lane)?)?.band.min.y,
        ),
        None => cell_corner(layout, input.blueprint, &step.lane, &step.stage)?,
    };
    let screen = |p: Point| state.canvas_rect.min + state.viewport.pan + vec2(p.x, p.y) * state.viewport.zoom;
    Some(super::state::Anchor {
        step: id.clone(),
        card: card.is_some(),
        lane: step.lane.clone(),
        stage: step.stage.clone(),
        at: screen(card.map_or(cell, |card| card.rect.min)),
        cell_at: screen(cell),
        zoom: state.viewport.zoom,
        serial: input.drawing.serial,
    })
}

fn handle_drag(
    ui: &Ui,
    response: &Response,
    hits: &Hits<'_>,
    input: &CanvasInput<'_>,
    state: &mut EditorState,
    out: &mut Vec<Command>,
) {
    let layout = hits.layout;
    let b = input.blueprint;
    if response.drag_started() {
        let press = ui
            .input(|i| i.pointer.press_origin())
            .or(response.interact_pointer_pos())
            .unwrap_or_default();
        let p = hits.t.to_scene(press);
        let (shift, command) = ui.input(|i| (i.modifiers.shift, i.modifiers.command));
        let space = ui.input(|i| i.key_down(Key::Space));
        let handle = hovered_handle(hits, press);
        state.inline = None;
        state.gesture =
            if response.dragged_by(PointerButton::Middle) || response.dragged_by(PointerButton::Secondary) || space {
                Gesture::Pan
            } else if let Some(card) = handle {
                Gesture::Connect {
                    from: b.steps[layout.cards[card].step].id.clone(),
                }
            } else if let Some(stage) = hits.stage_header_at(press) {
                Gesture::MoveStage {
                    id: b.stages[stage].id.clone(),
                }
            } else if let Some((k, curve)) = hits.emotion_point_at(press).zip(layout.emotion.as_ref()) {
                Gesture::Emotion {
                    id: b.steps[curve.points[k].step].id.clone(),
                }
            } else if let Some(card) = hits.card_at(p) {
                let id = b.steps[layout.cards[card].step].id.clone();
                if !state.selection.has_step(&id) {
                    if shift || command {
                        state.selection.toggle_step(id.clone());
                    } else {
                        state.selection = super::state::Selection::only_step(id.clone());
                    }
                }
                // The grabbed card first, then the others in layout order.
                let mut ids = vec![id.clone()];
                ids.extend(
                    layout
                        .cards
                        .iter()
                        .map(|c| &b.steps[c.step].id)
                        .filter(|s| **s != id && state.selection.has_step(s))
                        .cloned(),
                );
                let r = layout.cards[card].rect;
                Gesture::MoveCards {
                    ids,
                    grab: vec2(p.x - r.min.x, p.y - r.min.y),
                }
            } else if shift || command {
                Gesture::BoxSelect { start: p, add: true }
            } else {
                Gesture::Pan
            };
    }
    if response.dragged() && state.gesture == Gesture::Pan {
        state.viewport.pan += response.drag_delta();
    }
    if response.drag_stopped() {
        let gesture = std::mem::take(&mut state.gesture);
        let Some(end) = response.interact_pointer_pos().or(state.last_pointer) else {
            return;
        };
        let p = hits.t.to_scene(end);
        match gesture {
            Gesture::MoveCards { ids, grab } => {
                // Drop where the grabbed card's centre is.
                let Some(first) = ids.first().and_then(|id| layout.card_of(id)) else {
                    return;
                };
                let center = pt(
                    p.x - grab.x + first.rect.width() / 2.0,
                    p.y - grab.y + first.rect.height() / 2.0,
                );
                if let Some((lane, stage)) = hits.cell_at(center) {
                    let moving = moving_cards(layout, &ids);
                    let slot = hits.slot_at(lane, stage, center.y, &moving);
                    state.echo.cards = carried(layout, &moving, first.rect, grab, p).collect();
                    out.push(Command::MoveSteps {
                        ids,
                        lane: b.lanes[lane].id.clone(),
                        stage: b.stages[stage].id.clone(),
                        slot,
                    });
                }
            }
            Gesture::Connect { from } => {
                if let Some(card) = hits.card_at(p) {
                    let to = b.steps[layout.cards[card].step].id.clone();
                    if to != from {
                        state.echo.flow = Some((from.clone(), to.clone()));
                        out.push(Command::Connect { from, to });
                    }
                }
            }
            Gesture::BoxSelect { start, add } => {
                let area = Rect::from_points(&[start, p]);
                if !add {
                    state.selection = Default::default();
                }
                state.selection.flow = None;
                for card in layout.cards.iter().filter(|c| c.rect.intersects(&area)) {
                    let id = &b.steps[card.step].id;
                    state.selection.steps.insert(id.clone());
                }
            }
            Gesture::Emotion { id } => {
                let (Some(curve), Some(step)) = (&layout.emotion, input.edited.step(&id)) else {
                    return;
                };
                let emotion = Some(curve.emotion_at(p.y));
                if step.emotion != emotion {
                    out.push(Command::Apply {
                        edit: Edit::SetStep(Step {
                            emotion,
                            ..step.clone()
                        }),
                        label: "Change emotion",
                    });
                }
            }
            Gesture::MoveStage { id } => {
                let to = stage_drop_index(layout, p.x);
                if let Some(from) = b.stage_index(&id) {
                    let to = if to > from { to - 1 } else { to };
                    if to != from {
                        out.push(Command::MoveStage { id, to });
                    }
                }
            }
            Gesture::Pan | Gesture::None => {}
        }
    }
}

/// Where a zoom at the pointer `hover` holds still. Over the pinned headers, or the title above
/// them, what lies under the pointer is not what they name (in an overview, the page far above
/// or left of the drawing, and zooming in there showed an empty canvas): there the zoom holds
/// the edge of the cells they head.
fn zoom_anchor(hover: Pos2, (lanes, stages): (Option<egui::Rect>, Option<egui::Rect>)) -> Pos2 {
    let mut anchor = hover;
    if let Some(row) = stages.filter(|row| hover.y < row.bottom()) {
        anchor.y = row.bottom();
    }
    if let Some(column) = lanes.filter(|column| hover.x < column.right()) {
        anchor.x = column.right();
    }
    anchor
}

/// Index among the stages a header dropped at scene `x` goes to (0 = before the first).
fn stage_drop_index(layout: &Layout, x: f32) -> usize {
    layout.stages.iter().filter(|s| s.column.center().x < x).count()
}

fn moving_cards(layout: &Layout, ids: &[StepId]) -> Vec<usize> {
    ids.iter().filter_map(|id| layout.card_index(id)).collect()
}

/// The card whose connect handle is under `screen`.
fn hovered_handle(hits: &Hits<'_>, screen: Pos2) -> Option<usize> {
    hits.layout.cards.iter().enumerate().map(|(i, _)| i).find(|&i| {
        let center = hits.handle_center(i);
        center.distance(screen) <= HANDLE_RADIUS + 3.0 && handle_visible(hits, i, screen)
    })
}

/// The handle shows while the pointer is on or just beside the card.
fn handle_visible(hits: &Hits<'_>, card: usize, pointer: Pos2) -> bool {
    hits.t
        .rect_to_screen(hits.layout.cards[card].rect)
        .expand(HANDLE_RADIUS + 4.0)
        .contains(pointer)
}

fn handle_clicks(
    ui: &Ui,
    response: &Response,
    hits: &Hits<'_>,
    input: &CanvasInput<'_>,
    state: &mut EditorState,
    out: &mut Vec<Command>,
) {
    let modifiers = ui.input(|i| i.modifiers);
    let layout = hits.layout;
    let b = input.blueprint;
    let Some(screen) = response.interact_pointer_pos() else {
        return;
    };
    let p = hits.t.to_scene(screen);
    if (response.clicked() || response.secondary_clicked())
        && let Some((lane, stage)) = hits.cell_at(p)
    {
        state.paste_cell = Some((b.lanes[lane].id.clone(), b.stages[stage].id.clone()));
    }
    if response.secondary_clicked() {
        state.inline = None;
        state.context = Some(context_target(hits, b, screen, p));
        if let Some(ContextTarget::Step(id)) = &state.context
            && !state.selection.has_step(id)
        {
            state.selection = super::state::Selection::only_step(id.clone());
        }
        if let Some(ContextTarget::Flow(id)) = &state.context {
            state.selection = super::state::Selection::only_flow(id.clone());
        }
    }
    if response.double_clicked() {
        if let Some(stage) = hits.stage_header_at(screen) {
            out.push(Command::RenameStage(b.stages[stage].id.clone()));
        } else if let Some(lane) = hits.lane_header_at(screen) {
            out.push(Command::RenameLane(b.lanes[lane].id.clone()));
        } else if let Some(card) = hits.card_at(p) {
            // The title as it is now, which a drawing still being built may not show yet.
            let Some(step) = input.edited.step(&b.steps[layout.cards[card].step].id) else {
                return;
            };
            state.selection = super::state::Selection::only_step(step.id.clone());
            state.inline = Some(InlineEdit {
                target: InlineTarget::StepTitle(step.id.clone()),
                text: step.title.clone(),
                fresh: true,
                new_step: false,
            });
        } else if let Some(flow) = hits.flow_at(p) {
            out.push(Command::EditFlowLabel(b.flows[flow].id.clone()));
        } else if let Some((lane, stage)) = hits.cell_at(p) {
            let slot = hits.slot_at(lane, stage, p.y, &[]);
            out.push(Command::AddStepAt {
                lane: b.lanes[lane].id.clone(),
                stage: b.stages[stage].id.clone(),
                slot,
            });
        }
        return;
    }
    if response.clicked() {
        if let Some(card) = hits.card_at(p) {
            let id = b.steps[layout.cards[card].step].id.clone();
            if modifiers.shift || modifiers.command {
                state.selection.toggle_step(id);
            } else {
                state.selection = super::state::Selection::only_step(id);
            }
        } else if let Some(flow) = hits.flow_at(p) {
            state.selection = super::state::Selection::only_flow(b.flows[flow].id.clone());
        } else if !(modifiers.shift || modifiers.command) {
            state.selection = Default::default();
        }
    }
}

fn context_target(hits: &Hits<'_>, b: &Blueprint, screen: Pos2, p: Point) -> ContextTarget {
    if let Some(stage) = hits.stage_header_at(screen) {
        ContextTarget::Stage(b.stages[stage].id.clone())
    } else if let Some(lane) = hits.lane_header_at(screen) {
        ContextTarget::Lane(b.lanes[lane].id.clone())
    } else if let Some(card) = hits.card_at(p) {
        ContextTarget::Step(b.steps[hits.layout.cards[card].step].id.clone())
    } else if let Some(flow) = hits.flow_at(p) {
        ContextTarget::Flow(b.flows[flow].id.clone())
    } else if let Some((lane, stage)) = hits.cell_at(p) {
        ContextTarget::Cell {
            lane: b.lanes[lane].id.clone(),
            stage: b.stages[stage].id.clone(),
            slot: hits.slot_at(lane, stage, p.y, &[]),
        }
    } else {
        ContextTarget::Empty
    }
}

/// Below this height on screen a selected card's outline is drawn plain, without halo or rounding.
const SMALL_CARD_PX: f32 = 24.0;

fn paint_overlays(
    painter: &egui::Painter,
    hits: &Hits<'_>,
    input: &CanvasInput<'_>,
    state: &EditorState,
    pointer: Option<Pos2>,
    canvas: egui::Rect,
) {
    let layout = hits.layout;
    let b = input.blueprint;
    let t = hits.t;
    let accent = color(input.style.selection);
    let selection = Stroke::new(2.0, accent);
    // A soft halo around a thin line: a different shape from the critical path's crisp thick
    // outline, so a selected card on that path still reads as selected.
    let halo = Stroke::new(7.0, accent.gamma_multiply(0.3));
    // The empty cell last clicked, which Ctrl+V pastes into.
    if state.selection.is_empty()
        && let Some((lane, stage)) = &state.paste_cell
        && let (Some(i), Some(j)) = (b.lane_index(lane), b.stage_index(stage))
        && let (Some(lane), Some(stage)) = (layout.lanes.get(i), layout.stages.get(j))
    {
        let cell = Rect {
            min: pt(stage.column.min.x, lane.band.min.y),
            max: pt(stage.column.max.x, lane.band.max.y),
        };
        painter.rect_stroke(
            t.rect_to_screen(cell).shrink(2.0),
            4.0,
            Stroke::new(1.5, accent.gamma_multiply(0.6)),
            StrokeKind::Inside,
        );
    }
    // Found by id, so a frame costs the same with one card selected or five thousand in view.
    for card in state.selection.steps.iter().filter_map(|id| layout.card_of(id)) {
        let r = t.rect_to_screen(card.rect).expand(3.0);
        if !r.intersects(canvas) {
            continue;
        }
        if r.height() < SMALL_CARD_PX {
            // An overview of thousands of selected cards: a square outline reads the same at this
            // size and costs a fraction of a rounded halo to tessellate.
            painter.rect_stroke(r, 0.0, selection, StrokeKind::Inside);
        } else {
            painter.rect_stroke(r, 8.0, halo, StrokeKind::Outside);
            painter.rect_stroke(r, 8.0, selection, StrokeKind::Inside);
        }
    }
    if let Some(flow) = &state.selection.flow
        && let Some(route) = layout.flows.iter().find(|r| &b.flows[r.flow].id == flow)
    {
        let points: Vec<Pos2> = route.points.iter().map(|p| t.to_screen(*p)).collect();
        painter.add(Shape::line(points, Stroke::new(4.0, accent.gamma_multiply(0.7))));
    }
    compared_emotions(painter, layout, b, state.compare_emotions.as_ref(), t);
    // Comparison marks: new in this version (green), gone in the later one (red), changed
    // (purple).
    for (id, mark) in &state.compare_marks {
        if let Some(card) = layout.card_of(id) {
            let color = match mark {
                super::analysis_panel::CompareMark::Added => Color32::from_rgb(0x2B, 0x8A, 0x3E),
                super::analysis_panel::CompareMark::Dropped => Color32::from_rgb(0xC9, 0x2A, 0x2A),
                super::analysis_panel::CompareMark::Changed => Color32::from_rgb(0x9C, 0x36, 0xB5),
            };
            let r = t.rect_to_screen(card.rect).expand(5.0);
            painter.rect_stroke(r, 9.0, Stroke::new(3.0, color), StrokeKind::Outside);
        }
    }
    // Wherever the pointer went since.
    paint_echo(painter, hits, &state.echo, accent);
    let Some(pointer) = pointer.filter(|p| canvas.contains(*p)) else {
        return;
    };
    let p = t.to_scene(pointer);
    // Hover outline and the connect handle.
    if state.gesture == Gesture::None
        && let Some(card) = hits.card_at(p).or_else(|| hovered_handle(hits, pointer))
    {
        let r = t.rect_to_screen(layout.cards[card].rect);
        painter.rect_stroke(
            r.expand(1.0),
            7.0,
            Stroke::new(1.5, accent.gamma_multiply(0.6)),
            StrokeKind::Outside,
        );
        let handle = hits.handle_center(card);
        painter.circle(handle, HANDLE_RADIUS, Color32::WHITE, Stroke::new(2.0, accent));
        painter.circle_filled(handle, 2.5, accent);
    }
    gesture_preview(painter, hits, input, state, pointer);
}

/// Where the cards `moving` are carried to when the first of them, at `first`, is held at
/// `grab` from its corner and the pointer is at `p` (scene units).
fn carried<'a>(
    layout: &'a Layout,
    moving: &'a [usize],
    first: Rect,
    grab: egui::Vec2,
    p: Point,
) -> impl Iterator<Item = Rect> + 'a {
    let (dx, dy) = (p.x - grab.x - first.min.x, p.y - grab.y - first.min.y);
    moving.iter().map(move |&c| {
        let r = layout.cards[c].rect;
        Rect {
            min: pt(r.min.x + dx, r.min.y + dy),
            max: pt(r.max.x + dx, r.max.y + dy),
        }
    })
}

/// A card being carried or just dropped: see-through, in the selection's colour.
fn paint_card_ghost(painter: &egui::Painter, r: egui::Rect, accent: Color32) {
    painter.rect(
        r,
        6.0,
        accent.gamma_multiply(0.18),
        Stroke::new(2.0, accent),
        StrokeKind::Inside,
    );
}

/// The edit a gesture just made, until its drawing arrives: dropped cards where they landed,
/// a new flow as an arrow from its card's handle to the side of the other card facing it.
fn paint_echo(painter: &egui::Painter, hits: &Hits<'_>, echo: &Echo, accent: Color32) {
    for &r in &echo.cards {
        paint_card_ghost(painter, hits.t.rect_to_screen(r), accent);
    }
    let Some((from, to)) = &echo.flow else {
        return;
    };
    let (Some(a), Some(b)) = (hits.layout.card_index(from), hits.layout.card_index(to)) else {
        return;
    };
    let start = hits.handle_center(a);
    let target = hits.t.rect_to_screen(hits.layout.cards[b].rect);
    let end = if start.x < target.left() {
        target.left_center()
    } else if start.x > target.right() {
        target.right_center()
    } else if start.y < target.top() {
        target.center_top()
    } else {
        target.center_bottom()
    };
    painter.arrow(start, end - start, Stroke::new(2.5, accent));
}

/// What the gesture under way will do: cards where they would land, the flow being drawn, the
/// rubber band, the stage's new place, the feeling a dragged point snaps to.
fn gesture_preview(
    painter: &egui::Painter,
    hits: &Hits<'_>,
    input: &CanvasInput<'_>,
    state: &EditorState,
    pointer: Pos2,
) {
    let layout = hits.layout;
    let t = hits.t;
    let accent = color(input.style.selection);
    let p = t.to_scene(pointer);
    match &state.gesture {
        Gesture::MoveCards { ids, grab } => {
            let moving = moving_cards(layout, ids);
            let Some(first) = ids.first().and_then(|id| layout.card_index(id)) else {
                return;
            };
            for r in carried(layout, &moving, layout.cards[first].rect, *grab, p) {
                paint_card_ghost(painter, t.rect_to_screen(r), accent);
            }
            let first_rect = layout.cards[first].rect;
            let center = pt(
                p.x - grab.x + first_rect.width() / 2.0,
                p.y - grab.y + first_rect.height() / 2.0,
            );
            if let Some((lane, stage)) = hits.cell_at(center) {
                let cell = Rect {
                    min: pt(layout.stages[stage].column.min.x, layout.lanes[lane].band.min.y),
                    max: pt(layout.stages[stage].column.max.x, layout.lanes[lane].band.max.y),
                };
                painter.rect_stroke(
                    t.rect_to_screen(cell).shrink(2.0),
                    4.0,
                    Stroke::new(2.0, accent),
                    StrokeKind::Inside,
                );
                let slot = hits.slot_at(lane, stage, center.y, &moving);
                let staying: Vec<&crate::layout::CardBox> = layout
                    .cards
                    .iter()
                    .enumerate()
                    .filter(|(i, c)| c.lane == lane && c.stage == stage && !moving.contains(i))
                    .map(|(_, c)| c)
                    .collect();
                let y = match (staying.get(slot.wrapping_sub(1)), staying.get(slot)) {
                    (_, Some(next)) if slot == 0 => next.rect.min.y - input.style.card_gap / 2.0,
                    (Some(prev), _) => prev.rect.max.y + input.style.card_gap / 2.0,
                    _ => cell.min.y + input.style.cell_pad_y / 2.0,
                };
                let x0 = layout.stages[stage].card_left;
                painter.line_segment(
                    [t.to_screen(pt(x0, y)), t.to_screen(pt(x0 + input.style.card_width, y))],
                    Stroke::new(3.0, accent),
                );
            }
        }
        Gesture::Connect { from } => {
            if let Some(card) = layout.card_index(from) {
                let start = hits.handle_center(card);
                painter.arrow(start, pointer - start, Stroke::new(2.5, accent));
                if let Some(target) = hits.card_at(p).filter(|&c| c != card) {
                    painter.rect_stroke(
                        t.rect_to_screen(layout.cards[target].rect).expand(3.0),
                        8.0,
                        Stroke::new(3.0, accent),
                        StrokeKind::Outside,
                    );
                }
            }
        }
        Gesture::BoxSelect { start, .. } => {
            let r = egui::Rect::from_two_pos(t.to_screen(*start), pointer);
            painter.rect(
                r,
                0.0,
                accent.gamma_multiply(0.1),
                Stroke::new(1.0, accent),
                StrokeKind::Inside,
            );
        }
        Gesture::Emotion { id } => {
            // Where the point will land: snapped to a whole feeling, in its colour.
            let (Some(curve), Some(i)) = (&layout.emotion, layout.card_of(id).map(|c| c.step)) else {
                return;
            };
            if let Some(point) = curve.points.iter().find(|q| q.step == i) {
                let emotion = curve.emotion_at(p.y);
                let at = t.to_screen(pt(point.at.x, curve.y_of(f32::from(emotion))));
                let radius = crate::scene::EMOTION_DOT_RADIUS * t.zoom + 2.0;
                painter.circle(
                    at,
                    radius,
                    color(crate::scene::emotion_color(emotion)),
                    Stroke::new(2.0, accent),
                );
            }
        }
        Gesture::MoveStage { .. } => {
            let index = stage_drop_index(layout, p.x);
            let x = layout.stages.get(index).map_or_else(
                || layout.stages.last().map_or(layout.columns_x, |s| s.column.max.x),
                |s| s.column.min.x,
            );
            let top = t.to_screen(pt(x, layout.grid.min.y));
            let bottom = t.to_screen(pt(x, layout.grid.max.y));
            painter.line_segment([top, bottom], Stroke::new(4.0, accent));
        }
        Gesture::Pan | Gesture::None => {}
    }
}

/// The other version's feelings, when comparing: hollow dots joined by a dashed line at the
/// steps both versions have, so the two curves read together.
fn compared_emotions(
    painter: &egui::Painter,
    layout: &Layout,
    b: &Blueprint,
    other: Option<&(String, HashMap<StepId, i8>)>,
    t: Transform,
) {
    let (Some(curve), Some((name, other))) = (layout.emotion.as_ref(), other) else {
        return;
    };
    // Dark and dashed: apart from the solid grey curve and from the compare outlines' colours.
    let ghost = Color32::from_rgb(0x34, 0x3A, 0x40);
    let points: Vec<Pos2> = curve
        .points
        .iter()
        .filter_map(|p| {
            other
                .get(&b.steps[p.step].id)
                .map(|&e| t.to_screen(pt(p.at.x, curve.y_of(f32::from(e)))))
        })
        .collect();
    let stroke = Stroke::new(2.0, ghost);
    for pair in points.windows(2) {
        painter.extend(Shape::dashed_line(pair, stroke, 6.0, 4.0));
    }
    let radius = crate::scene::EMOTION_DOT_RADIUS * t.zoom;
    for &p in &points {
        painter.circle(p, radius, Color32::WHITE, stroke);
    }
    if !points.is_empty() {
        let corner = t.to_screen(pt(curve.band.max.x, curve.band.min.y));
        let size = (11.0 * t.zoom).clamp(9.0, 13.0);
        painter.text(
            corner + vec2(-8.0, 4.0),
            egui::Align2::RIGHT_TOP,
            format!("┄ ○ {name}"),
            egui::FontId::proportional(size),
            ghost,
        );
    }
}

fn inline_editor(
    ui: &mut Ui,
    hits: &Hits<'_>,
    input: &CanvasInput<'_>,
    state: &mut EditorState,
    out: &mut Vec<Command>,
) {
    let Some(inline) = state.inline.as_mut() else {
        return;
    };
    let layout = hits.layout;
    let b = input.blueprint;
    // The field writes as large as the text it edits is drawn, so what is typed does not
    // shrink or jump when it lands; never smaller than the interface's own text.
    let style = input.style;
    let target = match &inline.target {
        InlineTarget::StepTitle(id) => layout
            .card_of(id)
            .map(|card| (hits.t.rect_to_screen(card.rect), style.card_font * hits.t.zoom)),
        InlineTarget::StageName(id) => b.stage_index(id).map(|j| {
            let t = hits.pins.stage_transform(layout, j);
            (
                t.rect_to_screen(layout.stages[j].header),
                layout.stages[j].name.size * t.zoom,
            )
        }),
        InlineTarget::LaneName(id) => b.lane_index(id).map(|i| {
            let t = hits.pins.lane_transform(layout, i);
            (
                t.rect_to_screen(layout.lanes[i].header),
                layout.lanes[i].name.size * t.zoom,
            )
        }),
        InlineTarget::FlowLabel(id) => layout.flows.iter().find(|r| &b.flows[r.flow].id == id).map(|r| {
            let mid = r.points[r.points.len() / 2];
            let size = style.small_font * hits.t.zoom;
            let area =
                egui::Rect::from_center_size(hits.t.to_screen(mid), vec2(180.0, 36.0).max(vec2(12.0, 2.4) * size));
            (area, size)
        }),
    };
    let font_size = target
        .map_or(style.card_font * hits.t.zoom, |(_, size)| size)
        .clamp(14.0, 32.0);
    let area = target.map(|(area, _)| area);
    // A step just added has no card until its drawing is built: the field waits over its cell,
    // so what is typed meanwhile goes into it, and the card is brought into view when drawn.
    let waiting = match &inline.target {
        InlineTarget::StepTitle(id) if area.is_none() && input.is_behind() => input.edited.step(id),
        _ => None,
    };
    let area = area.or_else(|| {
        let step = waiting?;
        let (lane, stage) = (b.lane_index(&step.lane)?, b.stage_index(&step.stage)?);
        let (lane, column) = (layout.lanes[lane].band, layout.stages[stage].column);
        let cell = crate::geom::Rect {
            min: crate::geom::pt(column.min.x, lane.min.y),
            max: crate::geom::pt(column.max.x, lane.min.y + 60.0),
        };
        Some(hits.t.rect_to_screen(cell))
    });
    let Some(mut area) = area else {
        state.inline = None;
        return;
    };
    // A field off the canvas loses the keyboard at once, and the next letters typed would fire
    // shortcuts: a card edited out of view (Tab adds one in the next stage) is brought into
    // view, and a cell not drawn yet is stood in for by a place in view.
    let canvas = state.canvas_rect.shrink(8.0);
    if let Some(step) = waiting {
        state.reveal = Some(step.id.clone());
        let min = egui::pos2(
            area.min
                .x
                .clamp(canvas.min.x, (canvas.max.x - area.width()).max(canvas.min.x)),
            area.min
                .y
                .clamp(canvas.min.y, (canvas.max.y - area.height()).max(canvas.min.y)),
        );
        area = area.translate(min - area.min);
    } else if inline.fresh && !canvas.contains_rect(area) {
        // As far as brings it into view, and no further: centring a new stage's header (pinned
        // at the top) pushed the whole drawing down and away.
        let into = |lo: f32, hi: f32, min: f32, max: f32| {
            if lo < min || hi - lo > max - min {
                min - lo
            } else if hi > max {
                max - hi
            } else {
                0.0
            }
        };
        let shift = vec2(
            into(area.min.x, area.max.x, canvas.min.x, canvas.max.x),
            into(area.min.y, area.max.y, canvas.min.y, canvas.max.y),
        );
        state.viewport.pan += shift;
        area = area.translate(shift);
        ui.ctx().request_repaint();
    }
    // Room for two lines of what is typed, however small the card is drawn.
    let area = egui::Rect::from_min_size(
        area.min,
        vec2(
            area.width().max(11.0 * font_size),
            area.height().max(2.0 * font_size * 1.35 + 8.0),
        ),
    );
    let id = ui.make_persistent_id("inline-edit");
    // Focus before the field is shown, so it takes the keys of the frame it opens in (typing
    // that went on after a Tab).
    let opening = std::mem::take(&mut inline.fresh);
    if opening {
        ui.memory_mut(|m| m.request_focus(id));
    }
    // Tab and Enter end the edit where they come: what was typed after them in the same frame
    // is for the next card's editor, or the canvas, not for this field.
    let ending = if ui.memory(|m| m.has_focus(id)) {
        ui.input_mut(|i| {
            let at = i.events.iter().position(|e| {
                matches!(e, egui::Event::Key { key: Key::Tab, pressed: true, modifiers, .. } if !modifiers.any())
                    || matches!(e, egui::Event::Key { key: Key::Enter, pressed: true, modifiers, .. } if !modifiers.shift)
            })?;
            let mut rest = i.events.split_off(at);
            let Some(egui::Event::Key { key, .. }) = rest.first().cloned() else {
                return None;
            };
            rest.remove(0);
            Some((key, rest))
        })
    } else {
        None
    };
    let font = egui::FontId::new(font_size, egui::FontFamily::Proportional);
    let mut layouter = super::quotes::layouter(true, Some(font.clone()));
    let edit = egui::TextEdit::multiline(&mut inline.text)
        .id(id)
        .layouter(&mut layouter)
        // Tab never moves focus out of the field (to the menu bar, where the next letters typed
        // would fire shortcuts): it is taken above.
        .lock_focus(true)
        .desired_width(area.width() - 8.0)
        .desired_rows(2)
        .hint_text(tr(input.lang, "Type a title, Enter to finish"))
        .font(font);
    let response = ui
        .scope(|ui| {
            // The drawing is light in either theme, and so is the field written on it: a dark
            // one was a black box on a white card.
            *ui.visuals_mut() = egui::Visuals::light();
            ui.put(area, edit)
        })
        .inner;
    if opening {
        // A double-click that opens the field is a click where no field was last frame: egui
        // takes the focus away from the new field for it, and the letters typed next went
        // nowhere.
        response.request_focus();
        if let Some(mut edit_state) = egui::TextEdit::load_state(ui.ctx(), id) {
            // One field serves every title and name: Ctrl+Z in it takes back this edit's
            // typing, never bringing back the text of the name edited before.
            edit_state.clear_undoer();
            // A name or label is renamed, so what is typed replaces it ("Stage 6" after Add
            // stage); a card's title opens to be added to, as it does on a double-click.
            if !matches!(inline.target, InlineTarget::StepTitle(_)) {
                let all = egui::text::CCursorRange::select_all_str(&inline.text);
                edit_state.cursor.set_char_range(Some(all));
            }
            egui::TextEdit::store_state(ui.ctx(), id, edit_state);
        }
    }
    response.widget_info(|| {
        egui::WidgetInfo::labeled(
            egui::Role::MultilineTextInput,
            true,
            tr(input.lang, "Text on the canvas"),
        )
    });
    let escape = ui.input(|i| i.key_pressed(Key::Escape));
    if escape {
        // A step just added and never named was a slip: it goes, with no undo step left behind.
        if let (true, InlineTarget::StepTitle(id)) = (inline.new_step && inline.text.trim().is_empty(), &inline.target)
        {
            out.push(Command::DiscardNewStep(id.clone()));
        }
        state.inline = None;
        return;
    }
    if ending.is_some() || response.lost_focus() {
        let text = inline.text.trim().to_owned();
        if let Some(edit) = inline_commit(input.edited, &inline.target, text) {
            out.push(Command::Apply {
                edit,
                label: "Edit text",
            });
        }
        if let Some((key, rest)) = ending {
            if key == Key::Tab
                && let InlineTarget::StepTitle(id) = &inline.target
            {
                state.selection = Selection::only_step(id.clone());
                out.push(Command::Action(Action::AddNextStep));
            }
            state.deferred_events = rest;
            ui.ctx().request_repaint();
        }
        state.inline = None;
    }
}

/// The edit that saves in-place text, if it changed anything.
fn inline_commit(b: &Blueprint, target: &InlineTarget, text: String) -> Option<Edit> {
    match target {
        InlineTarget::StepTitle(id) => {
            let mut step = b.step(id)?.clone();
            // Enter on an empty field keeps the title it had ("New step" on a new card).
            (step.title != text && !text.is_empty()).then(|| {
                step.title = text;
                Edit::SetStep(step)
            })
        }
        InlineTarget::StageName(id) => {
            let mut stage = b.stage(id)?.clone();
            (stage.name != text && !text.is_empty()).then(|| {
                stage.name = text;
                Edit::SetStage(stage)
            })
        }
        InlineTarget::LaneName(id) => {
            let mut lane = b.lane(id)?.clone();
            (lane.name != text && !text.is_empty()).then(|| {
                lane.name = text;
                Edit::SetLane(lane)
            })
        }
        InlineTarget::FlowLabel(id) => {
            let mut flow = b.flows.iter().find(|f| &f.id == id)?.clone();
            (flow.label != text).then(|| {
                flow.label = text;
                Edit::SetFlow(flow)
            })
        }
    }
}

fn context_menu(response: &Response, input: &CanvasInput<'_>, state: &EditorState, out: &mut Vec<Command>) {
    let lang = input.lang;
    let b = input.blueprint;
    let Some(target) = state.context.clone() else {
        return;
    };
    response.context_menu(|ui| {
        let mut item = |ui: &mut Ui, label: &str, command: Command| {
            if ui.button(tr(lang, label)).clicked() {
                out.push(command);
                ui.close();
            }
        };
        match &target {
            ContextTarget::Step(_) => {
                item(ui, "Edit title", Command::Action(Action::EditTitle));
                item(ui, "Add next step", Command::Action(Action::AddNextStep));
                ui.menu_button(tr(lang, "Add marker"), |ui| {
                    for kind in MarkerKind::ALL {
                        item(
                            ui,
                            Action::AddMarker(kind).label(),
                            Command::Action(Action::AddMarker(kind)),
                        );
                    }
                });
                ui.separator();
                item(ui, "Cut", Command::Action(Action::Cut));
                item(ui, "Copy", Command::Action(Action::Copy));
                item(ui, "Duplicate", Command::Action(Action::Duplicate));
                item(ui, "Delete", Command::Action(Action::Delete));
            }
            ContextTarget::Flow(id) => {
                item(ui, "Edit label", Command::EditFlowLabel(id.clone()));
                item(ui, "One-way / two-way", Command::Action(Action::ToggleTwoWay));
                item(ui, "Delete", Command::Action(Action::Delete));
            }
            ContextTarget::Stage(id) => {
                let index = b.stage_index(id).unwrap_or(0);
                item(ui, "Rename stage", Command::RenameStage(id.clone()));
                item(ui, "Add stage before", Command::AddStage(index));
                item(ui, "Add stage after", Command::AddStage(index + 1));
                ui.menu_button(tr(lang, "Add marker"), |ui| {
                    for kind in MarkerKind::ALL {
                        item(
                            ui,
                            Action::AddMarker(kind).label(),
                            Command::AddStageMarker(id.clone(), kind),
                        );
                    }
                });
                item(ui, "Delete stage", Command::RemoveStage(id.clone()));
            }
            ContextTarget::Lane(id) => {
                let index = b.lane_index(id).unwrap_or(0);
                item(ui, "Rename lane", Command::RenameLane(id.clone()));
                item(ui, "Add custom lane above", Command::AddLane(index));
                item(ui, "Add custom lane below", Command::AddLane(index + 1));
                let custom = b.lane(id).is_some_and(|l| l.kind.is_removable());
                ui.add_enabled_ui(custom, |ui| item(ui, "Delete lane", Command::RemoveLane(id.clone())))
                    .response
                    .on_disabled_hover_text(tr(
                        lang,
                        "The five standard lanes define the three lines; they can be renamed, not deleted.",
                    ));
            }
            ContextTarget::Cell { lane, stage, slot } => {
                item(
                    ui,
                    "Add step here",
                    Command::AddStepAt {
                        lane: lane.clone(),
                        stage: stage.clone(),
                        slot: *slot,
                    },
                );
                item(ui, "Paste", Command::Action(Action::Paste));
                item(ui, "Select all", Command::Action(Action::SelectAll));
                item(ui, "Zoom to fit", Command::Action(Action::ZoomFit));
            }
            ContextTarget::Empty => {
                item(ui, "Paste", Command::Action(Action::Paste));
                item(ui, "Select all", Command::Action(Action::SelectAll));
                item(ui, "Zoom to fit", Command::Action(Action::ZoomFit));
            }
        }
    });
}

fn marker_tooltip(response: &Response, hits: &Hits<'_>, input: &CanvasInput<'_>, pointer: Option<Pos2>) {
    let Some(pointer) = pointer else {
        return;
    };
    let Some(m) = hits.marker_at(hits.t.to_scene(pointer), pointer) else {
        return;
    };
    let Some(marker) = input.blueprint.markers.get(m) else {
        return;
    };
    let names = DrawingTexts::new(input.lang);
    let place = match &marker.target {
        MarkerTarget::Step(id) => input.blueprint.step(id).map(|s| s.title.clone()),
        MarkerTarget::Stage(id) => input.blueprint.stage(id).map(|s| s.name.clone()),
    };
    response.clone().on_hover_ui_at_pointer(|ui| {
        ui.strong(match marker.severity {
            Some(severity) => format!(
                "{} · {} {severity}",
                names.marker(marker.kind),
                tr(input.lang, "severity"),
            ),
            None => names.marker(marker.kind).to_owned(),
        });
        if let Some(place) = place {
            ui.weak(place);
        }
        if !marker.note.is_empty() {
            ui.label(&marker.note);
        }
    });
}

fn cursor(ui: &Ui, response: &Response, hits: &Hits<'_>, state: &EditorState, pointer: Option<Pos2>) {
    let icon = match &state.gesture {
        Gesture::Pan => Some(CursorIcon::Grabbing),
        Gesture::MoveCards { .. } => Some(CursorIcon::Grabbing),
        Gesture::Connect { .. } => Some(CursorIcon::Crosshair),
        Gesture::MoveStage { .. } => Some(CursorIcon::ResizeHorizontal),
        Gesture::Emotion { .. } => Some(CursorIcon::ResizeVertical),
        Gesture::BoxSelect { .. } => Some(CursorIcon::Crosshair),
        Gesture::None => pointer.filter(|_| response.hovered()).and_then(|screen| {
            if hovered_handle(hits, screen).is_some() {
                Some(CursorIcon::Crosshair)
            } else if hits.emotion_point_at(screen).is_some() {
                Some(CursorIcon::ResizeVertical)
            } else if hits.card_at(hits.t.to_scene(screen)).is_some() {
                Some(CursorIcon::Grab)
            } else if hits.stage_header_at(screen).is_some() {
                Some(CursorIcon::ResizeHorizontal)
            } else {
                None
            }
        }),
    };
    if let Some(icon) = icon {
        ui.ctx().set_cursor_icon(icon);
    }
}
