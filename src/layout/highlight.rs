//! Analysis highlights as the layout sees them: which are on (the legend lists only those), the
//! wait badges that take room in the cards' badge strips, and the geometry their looks are drawn
//! from (where a flow crosses a line, where a text line's glyphs sit).

use super::{Align, FlowRoute, Layout, TextBlock};
use crate::geom::{Point, Rect, pt};
use crate::model::Line;
use crate::text::{LINE_HEIGHT, Weight, fonts, wrap};
use std::collections::{BTreeMap, BTreeSet};

/// Analysis highlights that can be drawn (and exported). Each is `None` when switched off, so
/// "on but nothing to mark" (still listed in the legend) differs from "off".
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Highlights {
    /// The longest customer path: outlined steps, thick flows, its lead time in the legend.
    pub critical_path: Option<CriticalPath>,
    /// Flows across the line of visibility (indices into `blueprint.flows`), dotted where they
    /// cross it.
    pub handoffs: Option<BTreeSet<usize>>,
    /// Minutes waited before each waiting step (indices into `blueprint.steps`), drawn as a
    /// clock badge in the step's badge strip.
    pub waits: Option<BTreeMap<usize, f64>>,
    /// Pain-point heat per stage (0 … 1), drawn as a strip under each stage header.
    pub stage_heat: Option<Vec<f32>>,
}

/// The critical path of a blueprint.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CriticalPath {
    /// Indices into `blueprint.steps` of the steps on it.
    pub steps: BTreeSet<usize>,
    /// Indices into `blueprint.flows` of the flows between them.
    pub flows: BTreeSet<usize>,
    /// Its lead time (duration and waiting), when the analysis found one.
    pub minutes: Option<f64>,
}

/// One kind of highlight, in the order the legend lists them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum HighlightKind {
    /// The longest customer path.
    CriticalPath,
    /// Flows across the line of visibility.
    Handoffs,
    /// Steps where someone waits.
    Waits,
    /// Pain-point severity per stage.
    PainHeat,
}

impl HighlightKind {
    /// Every kind, in legend order.
    pub const ALL: [HighlightKind; 4] = [
        HighlightKind::CriticalPath,
        HighlightKind::Handoffs,
        HighlightKind::Waits,
        HighlightKind::PainHeat,
    ];
}

impl Highlights {
    /// Whether `kind` is switched on.
    pub fn is_on(&self, kind: HighlightKind) -> bool {
        match kind {
            HighlightKind::CriticalPath => self.critical_path.is_some(),
            HighlightKind::Handoffs => self.handoffs.is_some(),
            HighlightKind::Waits => self.waits.is_some(),
            HighlightKind::PainHeat => self.stage_heat.is_some(),
        }
    }

    /// The kinds switched on, in legend order.
    pub fn in_use(&self) -> Vec<HighlightKind> {
        HighlightKind::ALL.into_iter().filter(|&k| self.is_on(k)).collect()
    }

    /// Whether step `step` is on the critical path (and that highlight is on).
    pub fn on_critical_path(&self, step: usize) -> bool {
        self.critical_path.as_ref().is_some_and(|p| p.steps.contains(&step))
    }

    /// Whether flow `flow` is part of the critical path (and that highlight is on).
    pub fn critical_flow(&self, flow: usize) -> bool {
        self.critical_path.as_ref().is_some_and(|p| p.flows.contains(&flow))
    }

    /// Whether flow `flow` is a visibility handoff (and that highlight is on).
    pub fn handoff(&self, flow: usize) -> bool {
        self.handoffs.as_ref().is_some_and(|h| h.contains(&flow))
    }

    /// Minutes waited before step `step`, when the waits highlight is on and it waits.
    pub fn wait_of(&self, step: usize) -> Option<f64> {
        self.waits.as_ref().and_then(|w| w.get(&step)).copied()
    }

    /// Heat of stage `stage` (0 when unknown), when the heat highlight is on.
    pub fn heat_of(&self, stage: usize) -> Option<f32> {
        self.stage_heat
            .as_ref()
            .map(|h| h.get(stage).copied().unwrap_or(0.0).clamp(0.0, 1.0))
    }
}

/// A wait badge: a clock and the minutes waited, in a step's badge strip.
#[derive(Clone, Debug)]
pub struct WaitBadge {
    /// The whole pill.
    pub rect: Rect,
    /// Centre of the clock face.
    pub clock: Point,
    /// Radius of the clock face.
    pub clock_radius: f32,
    /// The minutes, in the drawing's language.
    pub text: TextBlock,
}

/// One highlight in the legend: a sample of its look and its name.
#[derive(Clone, Debug)]
pub struct LegendHighlight {
    /// Which highlight.
    pub kind: HighlightKind,
    /// Where the sample is drawn.
    pub swatch: Rect,
    /// Its name (with the lead time for the critical path).
    pub label: TextBlock,
}

/// Where a route's polyline crosses the horizontal line at `y`: once per passage from one side
/// to the other. A route that only touches the line, or runs along it and turns back, does not
/// cross it.
pub fn crossings(points: &[Point], y: f32) -> Vec<Point> {
    let mut out = Vec::new();
    // The last vertex off the line, and the first vertex on the line after it.
    let mut last_off: Option<Point> = None;
    let mut reached: Option<Point> = None;
    for &p in points {
        if p.y == y {
            reached = reached.or(Some(p));
            continue;
        }
        if let Some(a) = last_off
            && (a.y < y) != (p.y < y)
        {
            out.push(reached.unwrap_or_else(|| {
                let t = (y - a.y) / (p.y - a.y);
                pt(a.x + (p.x - a.x) * t, y)
            }));
        }
        last_off = Some(p);
        reached = None;
    }
    out
}

/// Radius of a handoff dot, without the white ring (1.5 wide) around it.
pub const HANDOFF_DOT_RADIUS: f32 = 5.5;

impl Layout {
    /// Where `route`'s handoff dots go: where it crosses the line of visibility, unless that
    /// would cover a flow label's text; then just past the text along the flow.
    pub fn handoff_dots(&self, route: &FlowRoute) -> Vec<Point> {
        let Some(line) = self.lines.iter().find(|l| l.line == Line::Visibility) else {
            return Vec::new();
        };
        // The dot, its white ring and a hair of air.
        let clearance = HANDOFF_DOT_RADIUS + 1.5 + 1.0;
        let pills: Vec<Rect> = self
            .flows
            .iter()
            .filter_map(|r| r.label.as_ref())
            .flat_map(|(_, text)| text.line_boxes())
            .map(|text| text.expand(clearance))
            .collect();
        let free = |p: Point| !pills.iter().any(|pill| pill.contains(p));
        crossings(&route.points, line.y)
            .into_iter()
            .map(|dot| {
                if free(dot) {
                    return dot;
                }
                // Routes are orthogonal: a run across a horizontal line is vertical, so slide
                // along it, to the nearer free end of the pill that still lies on the run.
                let run = route.points.windows(2).find(|w| {
                    w[0].x == dot.x && w[1].x == dot.x && w[0].y.min(w[1].y) <= dot.y && w[0].y.max(w[1].y) >= dot.y
                });
                let Some(run) = run else {
                    return dot;
                };
                let (top, bottom) = (run[0].y.min(run[1].y), run[0].y.max(run[1].y));
                let mut candidates: Vec<Point> = pills
                    .iter()
                    .filter(|pill| pill.contains(dot))
                    .flat_map(|pill| [pt(dot.x, pill.min.y - 0.5), pt(dot.x, pill.max.y + 0.5)])
                    .filter(|p| p.y >= top && p.y <= bottom && free(*p))
                    .collect();
                candidates.sort_by(|a, b| (a.y - dot.y).abs().total_cmp(&(b.y - dot.y).abs()));
                candidates.first().copied().unwrap_or(dot)
            })
            .collect()
    }
}

impl TextBlock {
    /// The box of each drawn line's glyphs (ascent to descent), for keeping things off text.
    pub fn line_boxes(&self) -> Vec<Rect> {
        let face = fonts().face(self.weight);
        self.lines
            .iter()
            .filter(|l| !l.text.is_empty())
            .map(|l| Rect {
                min: pt(l.origin.x, l.origin.y - face.ascent * self.size),
                max: pt(l.origin.x + l.width, l.origin.y + face.descent * self.size),
            })
            .collect()
    }
}

/// Places legend entries (a sample, then its label) left to right, wrapping to a new row rather
/// than run past the drawing's right edge.
pub(super) struct LegendCursor {
    /// Where the next entry starts.
    pub x: f32,
    /// Top of the current row.
    pub row_top: f32,
    /// Left edge of every row.
    pub left: f32,
    /// Right edge no entry passes.
    pub right: f32,
    /// Distance between row tops.
    pub row_height: f32,
    /// Height of every sample.
    pub swatch_height: f32,
    /// Label font size.
    pub font: f32,
}

impl LegendCursor {
    /// Places one entry: the sample's area `swatch_width` wide and the label after it.
    pub fn entry(&mut self, swatch_width: f32, text: &str) -> (Rect, TextBlock) {
        let lines = wrap(text, Weight::Regular, self.font, 360.0, 1);
        let label_width = lines.first().map_or(0.0, |l| l.width);
        if self.x > self.left && self.x + swatch_width + 8.0 + label_width > self.right {
            self.x = self.left;
            self.row_top += self.row_height;
        }
        let swatch = Rect::from_xywh(self.x, self.row_top, swatch_width, self.swatch_height);
        let label_x = swatch.max.x + 8.0;
        let label = TextBlock::place(
            lines,
            self.font,
            Weight::Regular,
            label_x,
            self.row_top + (self.swatch_height - self.font * LINE_HEIGHT) / 2.0,
            label_width,
            Align::Left,
        );
        self.x = label_x + label_width + 24.0;
        (swatch, label)
    }
}

#[cfg(test)]
mod tests;
