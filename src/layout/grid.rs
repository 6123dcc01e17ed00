//! The grid of one layout pass, step by step: columns across, stage headers, cells, lanes down,
//! cards in their cells, and stage boxes. Each step is a function of the ones before it.

use super::cards::{CardMaker, CardText};
use super::route::Needs;
use super::strip::Strip;
use super::{Align, CardBox, HEAT_STRIP, LaneBox, LineBox, STRIP_GAP, StageBox, TextBlock, card_width_in};
use crate::geom::{Rect, pt};
use crate::model::{Blueprint, Index, MarkerTarget};
use crate::style::Style;
use crate::text::{Weight, WrappedLine, wrap};
use foldhash::{HashMap, HashMapExt};

/// Space inside stage and lane headers around their names.
pub(super) const HEADER_PAD: f32 = 10.0;
/// Space between a lane name and the pill of a line that reaches into its header.
const PILL_GAP: f32 = 6.0;

/// The columns across: the lane header column, then one per stage holding its cards and half
/// of the gutter on either side (all of an outer one).
pub(super) struct Columns {
    /// Left edge of the grid.
    pub(super) x0: f32,
    /// Left edge of the first stage column.
    pub(super) columns_x: f32,
    /// Width of the whole grid, header column included.
    pub(super) width: f32,
    /// Card width per stage.
    pub(super) card_width: Vec<f32>,
    /// Stage column edges, one more than stages.
    pub(super) edges: Vec<f32>,
    /// Left and right edge of the cards per stage.
    pub(super) cards: Vec<(f32, f32)>,
    /// Each gutter's free span, before the first stage, between stages and after the last.
    pub(super) gutters: Vec<(f32, f32)>,
}

/// The columns with the gutters `room` asks for.
pub(super) fn columns(blueprint: &Blueprint, style: &Style, room: &Needs) -> Columns {
    let n_stages = blueprint.stages.len();
    let x0 = style.margin;
    let columns_x = x0 + style.lane_header_width;
    let gutter_share = |g: usize| {
        if g == 0 || g == n_stages {
            room.gutters[g]
        } else {
            room.gutters[g] / 2.0
        }
    };
    let card_width: Vec<f32> = blueprint
        .stages
        .iter()
        .map(|stage| card_width_in(style, stage))
        .collect();
    let mut edges = Vec::with_capacity(n_stages + 1);
    let mut cards = Vec::with_capacity(n_stages);
    let mut x = columns_x;
    for (j, width) in card_width.iter().enumerate() {
        edges.push(x);
        let card_x = x + gutter_share(j);
        cards.push((card_x, card_x + width));
        x = card_x + width + gutter_share(j + 1);
    }
    edges.push(x);
    let gutters = (0..=n_stages)
        .map(|g| {
            let left = if g == 0 { columns_x } else { cards[g - 1].1 };
            let right = if g == n_stages { x } else { cards[g].0 };
            (left, right)
        })
        .collect();
    Columns {
        x0,
        columns_x,
        width: x - x0,
        card_width,
        edges,
        cards,
        gutters,
    }
}

/// The markers of each step and of each stage, in file order.
pub(super) fn markers_by_target(blueprint: &Blueprint, index: &Index<'_>) -> (Vec<Vec<usize>>, Vec<Vec<usize>>) {
    let mut steps: Vec<Vec<usize>> = vec![Vec::new(); blueprint.steps.len()];
    let mut stages: Vec<Vec<usize>> = vec![Vec::new(); blueprint.stages.len()];
    for (m, marker) in blueprint.markers.iter().enumerate() {
        match &marker.target {
            MarkerTarget::Step(id) => {
                if let Some(i) = index.step(id) {
                    steps[i].push(m);
                }
            }
            MarkerTarget::Stage(id) => {
                if let Some(j) = index.stage(id) {
                    stages[j].push(m);
                }
            }
        }
    }
    (steps, stages)
}

/// The stage header row: one height for all, enough for the longest name (two lines at most)
/// with its badge rows under it, and the heat strip when that is on.
pub(super) struct Headers {
    /// Each stage's name, wrapped.
    names: Vec<Vec<WrappedLine>>,
    /// Each stage's badge strip.
    strips: Vec<Strip>,
    /// Height of the part that holds names and badges.
    name_area: f32,
    /// Height of the heat strip under it (0 without).
    heat_height: f32,
    /// Top of the row.
    pub(super) top: f32,
}

impl Headers {
    /// The row's height.
    pub(super) fn height(&self) -> f32 {
        self.name_area + self.heat_height
    }
}

/// Height of a header's name and badge rows.
fn header_content(style: &Style, tag_height: f32, name_lines: usize, strip: &Strip) -> f32 {
    let badges = if strip.rows() > 0 {
        STRIP_GAP + strip.height(tag_height)
    } else {
        0.0
    };
    TextBlock::height_of(name_lines, style.header_font) + badges
}

/// Sizes the stage header row starting at `top`.
pub(super) fn headers(blueprint: &Blueprint, maker: &CardMaker<'_>, stage_markers: &[Vec<usize>], top: f32) -> Headers {
    let style = maker.style;
    let name_width = style.column_width() - 2.0 * HEADER_PAD;
    // A narrow column (a slide's stubs) wraps its name at its own width.
    let names: Vec<Vec<WrappedLine>> = blueprint
        .stages
        .iter()
        .map(|s| {
            let width = super::header_name_width(style, card_width_in(style, s));
            wrap(&s.name, Weight::Bold, style.header_font, width, 2)
        })
        .collect();
    let strips: Vec<Strip> = stage_markers
        .iter()
        .map(|markers| {
            let widths: Vec<f32> = markers.iter().map(|&m| maker.tag_width_of(m)).collect();
            Strip::pack(&widths, name_width)
        })
        .collect();
    let content_height = names
        .iter()
        .zip(&strips)
        .map(|(lines, strip)| header_content(style, maker.tag_height, lines.len().max(1), strip))
        .fold(0.0, f32::max)
        .max(TextBlock::height_of(1, style.header_font));
    Headers {
        names,
        strips,
        name_area: (content_height + 2.0 * HEADER_PAD).max(48.0),
        heat_height: if maker.highlights.stage_heat.is_some() {
            HEAT_STRIP
        } else {
            0.0
        },
        top,
    }
}

/// The steps of each cell (lane, stage), in `order` then file order.
pub(super) fn cells(blueprint: &Blueprint, index: &Index<'_>) -> HashMap<(usize, usize), Vec<usize>> {
    let mut cells: HashMap<(usize, usize), Vec<usize>> = HashMap::new();
    for (i, step) in blueprint.steps.iter().enumerate() {
        if let (Some(lane), Some(stage)) = (index.lane(&step.lane), index.stage(&step.stage)) {
            cells.entry((lane, stage)).or_default().push(i);
        }
    }
    for steps in cells.values_mut() {
        steps.sort_by_key(|&i| (blueprint.steps[i].order, i));
    }
    cells
}

/// The lanes down from `lanes_y`: each as tall as its tallest cell with the margins `room` asks
/// for, or its name, whichever needs more. Returns the wrapped names and the lanes' top edges
/// with the grid's bottom last.
pub(super) fn lane_rows(
    blueprint: &Blueprint,
    style: &Style,
    cells: &HashMap<(usize, usize), Vec<usize>>,
    card_texts: &[CardText],
    room: &Needs,
    lanes_y: f32,
    edges: &LaneEdges<'_>,
) -> (Vec<Vec<WrappedLine>>, Vec<f32>) {
    let LaneEdges { band_above, reach } = *edges;
    let name_width = style.lane_header_width - 2.0 * HEADER_PAD;
    let names: Vec<Vec<WrappedLine>> = blueprint
        .lanes
        .iter()
        .map(|l| wrap(&l.name, Weight::Bold, style.header_font, name_width, 3))
        .collect();
    let mut heights: Vec<f32> = names
        .iter()
        .zip(reach)
        .map(|(lines, &(top, bottom))| {
            let (above, below) = name_clearance(top, bottom);
            (TextBlock::height_of(lines.len(), style.header_font) + above + below).max(style.lane_min_height)
        })
        .collect();
    for (&(lane, _), steps) in cells {
        let stack: f32 =
            steps.iter().map(|&i| card_texts[i].height).sum::<f32>() + style.card_gap * (steps.len() as f32 - 1.0);
        heights[lane] = heights[lane].max(stack + room.margin_top[lane] + room.margin_bottom[lane]);
    }
    for (lane, height) in heights.iter_mut().enumerate() {
        *height += band_above(lane);
    }
    let mut tops = Vec::with_capacity(blueprint.lanes.len() + 1);
    let mut y = lanes_y;
    for h in &heights {
        tops.push(y);
        y += h;
    }
    tops.push(y);
    (names, tops)
}

/// What takes room at a lane's edges besides its cards.
#[derive(Clone, Copy)]
pub(super) struct LaneEdges<'a> {
    /// The height of the band at the top of a lane (the emotion curve's).
    pub band_above: &'a dyn Fn(usize) -> f32,
    /// How far the lines' pills reach into each lane's header, from its top and its bottom.
    pub reach: &'a [(f32, f32)],
}

/// Room a lane name keeps above and below it: the header's padding, or, where the pill of a
/// line reaches further into the header, that far and a gap.
fn name_clearance(pill_top: f32, pill_bottom: f32) -> (f32, f32) {
    let clear = |pill: f32| if pill > HEADER_PAD { pill + PILL_GAP } else { HEADER_PAD };
    (clear(pill_top), clear(pill_bottom))
}

/// The lane bands with their header cells and names.
pub(super) fn lane_boxes(
    blueprint: &Blueprint,
    style: &Style,
    names: Vec<Vec<WrappedLine>>,
    tops: &[f32],
    edges: &LaneEdges<'_>,
    columns: &Columns,
) -> Vec<LaneBox> {
    let LaneEdges { band_above, reach } = *edges;
    let name_width = style.lane_header_width - 2.0 * HEADER_PAD;
    blueprint
        .lanes
        .iter()
        .zip(names)
        .enumerate()
        .map(|(i, (lane, lines))| {
            let band = Rect {
                min: pt(columns.x0, tops[i]),
                max: pt(columns.x0 + columns.width, tops[i + 1]),
            };
            let header = Rect {
                min: band.min,
                max: pt(columns.columns_x, band.max.y),
            };
            let text_height = TextBlock::height_of(lines.len(), style.header_font);
            // Centred in the part below an emotion band, which has its own label, and clear of
            // the pills of the lines at the lane's edges.
            let (above, below) = name_clearance(reach[i].0, reach[i].1);
            let band_top = band.min.y + band_above(i).max(above - HEADER_PAD);
            let room_bottom = band.max.y - (below - HEADER_PAD);
            let name = TextBlock::place(
                lines,
                style.header_font,
                Weight::Bold,
                columns.x0 + HEADER_PAD,
                band_top + (room_bottom - band_top - text_height) / 2.0,
                name_width,
                Align::Left,
            );
            LaneBox {
                kind: lane.kind,
                band,
                header,
                name,
            }
        })
        .collect()
}

/// The cards, stacked in their cells from the lane's top margin down, cells in (lane, stage)
/// order. Returns them and the card of each step.
pub(super) fn place_cards(
    maker: &CardMaker<'_>,
    cells: &HashMap<(usize, usize), Vec<usize>>,
    card_texts: &[CardText],
    step_markers: &[Vec<usize>],
    (lane_tops, band_above, room): (&[f32], &dyn Fn(usize) -> f32, &Needs),
    columns: &Columns,
) -> (Vec<CardBox>, Vec<Option<usize>>) {
    let mut cards = Vec::with_capacity(card_texts.len());
    let mut card_of_step = vec![None; card_texts.len()];
    let mut keys: Vec<&(usize, usize)> = cells.keys().collect();
    keys.sort();
    for key in keys {
        let (lane, stage) = *key;
        let mut top = lane_tops[lane] + band_above(lane) + room.margin_top[lane];
        let left = columns.cards[stage].0;
        for (slot, &i) in cells[key].iter().enumerate() {
            let text = &card_texts[i];
            let rect = Rect::from_xywh(left, top, columns.card_width[stage], text.height);
            card_of_step[i] = Some(cards.len());
            cards.push(maker.place(i, text, &step_markers[i], rect, (lane, stage, slot)));
            top += text.height + maker.style.card_gap;
        }
    }
    (cards, card_of_step)
}

/// The stage columns with their headers: name and badge rows centred together above the heat
/// strip.
pub(super) fn stage_boxes(
    maker: &CardMaker<'_>,
    headers: Headers,
    stage_markers: &[Vec<usize>],
    columns: &Columns,
    grid_bottom: f32,
) -> Vec<StageBox> {
    let style = maker.style;
    let (top, height, name_area, heat_height) = (headers.top, headers.height(), headers.name_area, headers.heat_height);
    headers
        .names
        .into_iter()
        .zip(headers.strips)
        .enumerate()
        .map(|(j, (lines, strip))| {
            let left = columns.edges[j];
            let header = Rect::from_xywh(left, top, columns.edges[j + 1] - left, height);
            let text_height = TextBlock::height_of(lines.len(), style.header_font);
            let content = header_content(style, maker.tag_height, lines.len(), &strip);
            let content_top = top + (name_area - content) / 2.0;
            let name = TextBlock::place(
                lines,
                style.header_font,
                Weight::Bold,
                left + HEADER_PAD,
                content_top,
                header.width() - 2.0 * HEADER_PAD,
                Align::Center,
            );
            let strip_top = content_top + text_height + STRIP_GAP;
            let badges = stage_markers[j]
                .iter()
                .zip(&strip.slots)
                .map(|(&m, &(row, x))| {
                    let row_left = left + (header.width() - strip.row_widths[row]) / 2.0;
                    maker.badge(m, row_left + x, strip_top + Strip::row_top(row, maker.tag_height))
                })
                .collect();
            let heat = maker.highlights.stage_heat.is_some().then_some(Rect {
                min: pt(left + 1.0, header.max.y - heat_height + 1.0),
                max: pt(header.max.x - 1.0, header.max.y - 1.0),
            });
            StageBox {
                column: Rect {
                    min: header.min,
                    max: pt(header.max.x, grid_bottom),
                },
                header,
                name,
                badges,
                card_left: columns.cards[j].0,
                heat,
            }
        })
        .collect()
}

/// What flow labels must keep off besides cards (which the router adds itself): badges, and
/// the three lines, since a label on a line would hide where a flow crosses it.
pub(super) fn label_obstacles(
    cards: &[CardBox],
    stages: &[StageBox],
    lines: &[LineBox],
    emotion_band: Option<Rect>,
) -> Vec<Rect> {
    cards
        .iter()
        .flat_map(|c| c.badges.iter().map(|b| b.rect))
        .chain(stages.iter().flat_map(|s| s.badges.iter().map(|b| b.rect)))
        .chain(lines.iter().map(|l| Rect {
            min: pt(l.x0, l.y - 1.5),
            max: pt(l.x1, l.y + 1.5),
        }))
        .chain(emotion_band)
        .collect()
}
