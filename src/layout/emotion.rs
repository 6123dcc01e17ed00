//! The customer's emotion curve: a band at the top of the customer lane with a line through the
//! emotions (−2 … 2) of the customer steps, stage by stage, over a zero line. Absent when no
//! customer step has an emotion.

use super::grid::Columns;
use super::{Align, TextBlock};
use crate::geom::{Point, Rect, pt};
use crate::model::{Blueprint, Index, LaneKind};
use crate::style::Style;
use crate::text::{Weight, wrap};
use foldhash::HashMap;

/// Height of the band, in blueprint units.
pub const BAND_HEIGHT: f32 = 80.0;
/// Room above +2 and below −2 inside the band.
const PAD: f32 = 12.0;
/// The feelings the band's scale names, with their labels.
pub const SCALE: [(f32, &str); 3] = [(2.0, "+2"), (0.0, "0"), (-2.0, "−2")];
/// Room at the right of the lane header for the scale ("+2", "0", "−2").
const SCALE_WIDTH: f32 = 26.0;

/// The curve as laid out.
#[derive(Clone, Debug)]
pub struct EmotionCurve {
    /// The band across the stage columns (the lane header is not part of it).
    pub band: Rect,
    /// Where emotion 0 runs.
    pub zero_y: f32,
    /// The customer steps that have an emotion, left to right.
    pub points: Vec<EmotionPoint>,
    /// "Customer emotion", in the band's part of the lane header.
    pub label: TextBlock,
    /// "+2", "0" and "−2" flush right at the end of the lane header, at their heights.
    pub scale: Vec<TextBlock>,
}

/// One step on the curve.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct EmotionPoint {
    /// Index into `blueprint.steps`.
    pub step: usize,
    /// Its emotion, −2 … 2.
    pub emotion: i8,
    /// Where it is drawn.
    pub at: Point,
}

impl EmotionCurve {
    /// The y of `emotion` in the band.
    pub fn y_of(&self, emotion: f32) -> f32 {
        y_in(self.band, emotion)
    }

    /// The emotion nearest to height `y`, for dragging a point.
    pub fn emotion_at(&self, y: f32) -> i8 {
        let span = self.band.height() - 2.0 * PAD;
        let e = 2.0 - (y - self.band.min.y - PAD) / span * 4.0;
        e.round().clamp(-2.0, 2.0) as i8
    }
}

/// The height of `emotion` (−2 … 2) in `band`, +2 at the top: the emotion band's scale, which
/// the comparison slide's chart uses too.
pub fn y_in(band: Rect, emotion: f32) -> f32 {
    band.min.y + PAD + (2.0 - emotion) / 4.0 * (band.height() - 2.0 * PAD)
}

/// The lane (its index) that carries the band, when a customer step has an emotion.
pub(super) fn lane(blueprint: &Blueprint, index: &Index<'_>) -> Option<usize> {
    let customer = blueprint.lanes.iter().position(|l| l.kind == LaneKind::Customer)?;
    blueprint
        .steps
        .iter()
        .any(|s| s.emotion.is_some() && index.lane(&s.lane) == Some(customer))
        .then_some(customer)
}

/// The curve in the band at the top of lane `lane`, which starts at `top`; `cells` lists each
/// cell's steps in order.
pub(super) fn curve(
    blueprint: &Blueprint,
    style: &Style,
    (lane, top): (usize, f32),
    cells: &HashMap<(usize, usize), Vec<usize>>,
    columns: &Columns,
    label: &str,
) -> EmotionCurve {
    let band = Rect {
        min: pt(columns.columns_x, top),
        max: pt(columns.x0 + columns.width, top + BAND_HEIGHT),
    };
    let mut points = Vec::new();
    for (stage, &(left, right)) in columns.cards.iter().enumerate() {
        let felt: Vec<(usize, i8)> = cells
            .get(&(lane, stage))
            .into_iter()
            .flatten()
            .filter_map(|&i| blueprint.steps[i].emotion.map(|e| (i, e.clamp(-2, 2))))
            .collect();
        // Several steps in one stage share the column, spread across it in their order.
        for (k, &(step, emotion)) in felt.iter().enumerate() {
            let x = left + (right - left) * (k as f32 + 1.0) / (felt.len() as f32 + 1.0);
            points.push(EmotionPoint {
                step,
                emotion,
                at: pt(x, y_in(band, f32::from(emotion))),
            });
        }
    }
    let size = style.small_font;
    let width = style.lane_header_width - 20.0 - SCALE_WIDTH;
    let lines = wrap(label, Weight::Bold, size, width, 2);
    let height = TextBlock::height_of(lines.len(), size);
    let label = TextBlock::place(
        lines,
        size,
        Weight::Bold,
        columns.x0 + 10.0,
        top + (BAND_HEIGHT - height) / 2.0,
        width,
        Align::Left,
    );
    let scale = SCALE
        .into_iter()
        .map(|(e, text)| {
            let lines = wrap(text, Weight::Regular, size, SCALE_WIDTH, 1);
            let width = lines.first().map_or(0.0, |l| l.width);
            TextBlock::place(
                lines,
                size,
                Weight::Regular,
                columns.columns_x - 6.0 - width,
                y_in(band, e) - TextBlock::height_of(1, size) / 2.0,
                width,
                Align::Left,
            )
        })
        .collect();
    EmotionCurve {
        band,
        zero_y: y_in(band, 0.0),
        points,
        label,
        scale,
    }
}
