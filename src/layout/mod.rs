//! Where everything sits, in blueprint units: a pure function of the blueprint and the style.
//!
//! The one source of geometry: the canvas hit-tests against it, and the scene (hence the canvas,
//! PNG and SVG) draws from it.

mod cards;
mod emotion;
mod grid;
mod highlight;
mod route;
mod strip;
mod tracks;

pub use emotion::{EmotionCurve, EmotionPoint, SCALE as EMOTION_SCALE, y_in as emotion_y};
use highlight::LegendCursor;
pub use highlight::{
    CriticalPath, HANDOFF_DOT_RADIUS, HighlightKind, Highlights, LegendHighlight, WaitBadge, crossings,
};
pub use route::JUMP;
use route::{Grid, LaneSpan, Needs};

use crate::geom::{Point, Rect, pt};
use crate::i18n::Lang;
use crate::model::{Blueprint, Index, LaneKind, Line, MarkerKind, MarkerTarget, ServiceState, StepId};
use crate::style::{DrawingTexts, Style, drawing_lang};
use crate::text::{LINE_HEIGHT, Weight, WrappedLine, wrap};
use cards::{CardMaker, CardText};
use foldhash::{HashMap, HashMapExt};

/// Space between the top edge of a card and its badge strip: less than the text padding, as
/// the badges bring their own white pill.
const CARD_STRIP_INSET: f32 = 6.0;
/// Space between a badge strip and the text after it.
const STRIP_GAP: f32 = 6.0;
/// Height of the pain-heat strip under each stage header, gaps included.
const HEAT_STRIP: f32 = 12.0;

/// What to include besides the grid.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct LayoutOptions {
    /// The title block above the grid.
    pub title: bool,
    /// The legend below the grid.
    pub legend: bool,
}

impl Default for LayoutOptions {
    fn default() -> Self {
        LayoutOptions {
            title: true,
            legend: true,
        }
    }
}

/// A wrapped text, its lines already placed.
#[derive(Clone, Debug, PartialEq)]
pub struct TextBlock {
    /// The lines with their baselines.
    pub lines: Vec<PlacedLine>,
    /// Font size.
    pub size: f32,
    /// Face.
    pub weight: Weight,
}

/// One line of a [`TextBlock`].
#[derive(Clone, Debug, PartialEq)]
pub struct PlacedLine {
    /// The characters.
    pub text: String,
    /// Left end of the baseline.
    pub origin: Point,
    /// Width at the block's size.
    pub width: f32,
}

/// How a text block sits in its box.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    /// Flush left.
    Left,
    /// Centred.
    Center,
}

impl TextBlock {
    /// Wrapped lines placed top-down from `top`, aligned within `[x, x + width]`.
    pub fn place(
        lines: Vec<WrappedLine>,
        size: f32,
        weight: Weight,
        x: f32,
        top: f32,
        width: f32,
        align: Align,
    ) -> TextBlock {
        let line_height = size * LINE_HEIGHT;
        let baseline_offset = baseline_offset(size, weight);
        let lines = lines
            .into_iter()
            .enumerate()
            .map(|(i, line)| {
                let left = match align {
                    Align::Left => x,
                    Align::Center => x + (width - line.width) / 2.0,
                };
                PlacedLine {
                    origin: pt(left, top + i as f32 * line_height + baseline_offset),
                    text: line.text,
                    width: line.width,
                }
            })
            .collect();
        TextBlock { lines, size, weight }
    }

    /// Height of `n` lines at `size`.
    pub fn height_of(n: usize, size: f32) -> f32 {
        n as f32 * size * LINE_HEIGHT
    }

    /// The boxes of its lines together; `None` when it has none.
    pub fn bounds(&self) -> Option<Rect> {
        let first = self.lines.first()?;
        let top = first.origin.y - baseline_offset(self.size, self.weight);
        let left = self.lines.iter().map(|l| l.origin.x).fold(f32::INFINITY, f32::min);
        let right = self
            .lines
            .iter()
            .map(|l| l.origin.x + l.width)
            .fold(f32::NEG_INFINITY, f32::max);
        Some(Rect {
            min: pt(left, top),
            max: pt(right, top + Self::height_of(self.lines.len(), self.size)),
        })
    }
}

/// From the top of a line's box to its baseline: the glyphs' ascent and descent centred in it.
fn baseline_offset(size: f32, weight: Weight) -> f32 {
    let face = crate::text::fonts().face(weight);
    (size * LINE_HEIGHT - (face.ascent + face.descent) * size) / 2.0 + face.ascent * size
}

/// A journey stage's column.
#[derive(Clone, Debug)]
pub struct StageBox {
    /// The whole column, header included.
    pub column: Rect,
    /// The header cell.
    pub header: Rect,
    /// The stage name in the header.
    pub name: TextBlock,
    /// Markers attached to the stage, in rows under its name.
    pub badges: Vec<Badge>,
    /// Left edge of the column's cards (the gutters beside them grow with their flows).
    pub card_left: f32,
    /// The pain-heat strip at the bottom of the header, when that highlight is on.
    pub heat: Option<Rect>,
}

/// A lane's band.
#[derive(Clone, Debug)]
pub struct LaneBox {
    /// What it holds.
    pub kind: LaneKind,
    /// The whole row, header cell included.
    pub band: Rect,
    /// The header cell at the left.
    pub header: Rect,
    /// The lane name in the header.
    pub name: TextBlock,
}

/// One of the three lines.
#[derive(Clone, Debug)]
pub struct LineBox {
    /// Which line.
    pub line: Line,
    /// Where it runs.
    pub y: f32,
    /// Left end.
    pub x0: f32,
    /// Right end.
    pub x1: f32,
    /// The label's pill.
    pub label_rect: Rect,
    /// The label.
    pub label: TextBlock,
}

/// A marker badge.
#[derive(Clone, Debug)]
pub struct Badge {
    /// Index into `blueprint.markers`.
    pub marker: usize,
    /// Its kind.
    pub kind: MarkerKind,
    /// Severity 1–5, drawn beside the shape.
    pub severity: u8,
    /// The whole tag (shape and severity).
    pub rect: Rect,
    /// Centre of the shape.
    pub center: Point,
}

/// A step's card.
#[derive(Clone, Debug)]
pub struct CardBox {
    /// Index into `blueprint.steps`.
    pub step: usize,
    /// Lane index.
    pub lane: usize,
    /// Stage index.
    pub stage: usize,
    /// Position within its cell.
    pub slot: usize,
    /// The card.
    pub rect: Rect,
    /// The height its text and badges need, before room for ports: an edit that leaves it the
    /// same leaves the card where it is.
    pub content_height: f32,
    /// Title text.
    pub title: TextBlock,
    /// Duration and wait line.
    pub meta: Option<TextBlock>,
    /// Markers on the card, in its badge strip.
    pub badges: Vec<Badge>,
    /// The wait badge after the markers, when the waits highlight is on and the step waits.
    pub wait: Option<WaitBadge>,
}

/// A flow's route.
#[derive(Clone, Debug)]
pub struct FlowRoute {
    /// Index into `blueprint.flows`.
    pub flow: usize,
    /// Orthogonal polyline from the source card's edge to the target card's edge.
    pub points: Vec<Point>,
    /// Arrowheads at both ends.
    pub two_way: bool,
    /// The lines it crosses.
    pub crosses: Vec<Line>,
    /// Label and its pill.
    pub label: Option<(Rect, TextBlock)>,
    /// Where this route hops over another flow's line (on its horizontal runs).
    pub jumps: Vec<Point>,
}

/// The title block.
#[derive(Clone, Debug)]
pub struct TitleBlock {
    /// Its area.
    pub rect: Rect,
    /// Blueprint title.
    pub title: TextBlock,
    /// As-is / to-be pill.
    pub state: (Rect, TextBlock, ServiceState),
    /// Scenario or description line.
    pub subtitle: Option<TextBlock>,
}

impl TitleBlock {
    /// What it shows: its title, the as-is or to-be pill and the scenario, without the room
    /// around them.
    pub fn shown(&self) -> Rect {
        [&self.title, &self.state.1]
            .into_iter()
            .chain(&self.subtitle)
            .flat_map(|text| text.line_boxes())
            .fold(self.state.0, |r, line| r.union(&line))
    }
}

/// The legend.
#[derive(Clone, Debug)]
pub struct Legend {
    /// Its area.
    pub rect: Rect,
    /// One sample badge and label per marker kind.
    pub items: Vec<(Badge, TextBlock)>,
    /// One sample and label per highlight in use, after the markers.
    pub highlights: Vec<LegendHighlight>,
}

/// Where everything sits.
#[derive(Clone, Debug)]
pub struct Layout {
    /// The whole drawing, margins included; starts at (0, 0).
    pub bounds: Rect,
    /// Lanes × stages, headers included.
    pub grid: Rect,
    /// Left edge of the first stage column.
    pub columns_x: f32,
    /// Top edge of the first lane.
    pub lanes_y: f32,
    /// Title block, if asked for.
    pub title: Option<TitleBlock>,
    /// One per `blueprint.stages`, same order.
    pub stages: Vec<StageBox>,
    /// One per `blueprint.lanes`, same order.
    pub lanes: Vec<LaneBox>,
    /// The lines whose lanes exist.
    pub lines: Vec<LineBox>,
    /// One per step that sits in an existing lane and stage.
    pub cards: Vec<CardBox>,
    /// `card_of_step[i]` is the card of `blueprint.steps[i]`.
    pub card_of_step: Vec<Option<usize>>,
    /// The card of each step id, so the canvas finds a card without scanning the steps.
    card_by_id: HashMap<StepId, usize>,
    /// One per flow whose steps have cards.
    pub flows: Vec<FlowRoute>,
    /// Legend, if asked for.
    pub legend: Option<Legend>,
    /// The customer's emotion curve, when a customer step has an emotion.
    pub emotion: Option<EmotionCurve>,
    /// Language of the drawing's own words.
    pub lang: Lang,
}

impl Layout {
    /// Lays out again the card of step `i` after an edit that changed that step alone (its
    /// title, times, owner…). Returns false, leaving the layout as it was, when the change reaches
    /// further — the card needs another height, cell or place in its cell, or the drawing's
    /// language changes — and only a full layout will do.
    pub fn relayout_card(&mut self, blueprint: &Blueprint, style: &Style, highlights: &Highlights, i: usize) -> bool {
        let (Some(step), Some(&Some(c))) = (blueprint.steps.get(i), self.card_of_step.get(i)) else {
            return false;
        };
        let old = &self.cards[c];
        let (Some(lane), Some(stage)) = (blueprint.lanes.get(old.lane), blueprint.stages.get(old.stage)) else {
            return false;
        };
        let same_cell = |other: &CardBox| other.lane == old.lane && other.stage == old.stage;
        let key = |card: &CardBox| (blueprint.steps[card.step].order, card.step);
        let in_order = c
            .checked_sub(1)
            .map(|p| &self.cards[p])
            .filter(|p| same_cell(p))
            .is_none_or(|p| key(p) < key(old))
            && self
                .cards
                .get(c + 1)
                .filter(|n| same_cell(n))
                .is_none_or(|n| key(old) < key(n));
        if step.lane != lane.id || step.stage != stage.id || !in_order || drawing_lang(blueprint) != self.lang {
            return false;
        }
        let markers: Vec<usize> = blueprint
            .markers
            .iter()
            .enumerate()
            .filter(|(_, m)| matches!(&m.target, MarkerTarget::Step(id) if *id == step.id))
            .map(|(m, _)| m)
            .collect();
        let texts = DrawingTexts::new(self.lang);
        let maker = CardMaker::new(blueprint, style, &texts, highlights);
        let inner_width = card_width_in(style, stage) - 2.0 * style.card_pad;
        let text = maker.text(i, step, &markers, inner_width);
        if text.content_height != old.content_height {
            return false;
        }
        self.cards[c] = maker.place(i, &text, &markers, old.rect, (old.lane, old.stage, old.slot));
        true
    }

    /// The card of a step id.
    pub fn card_of(&self, id: &StepId) -> Option<&CardBox> {
        self.cards.get(self.card_index(id)?)
    }

    /// The index in `cards` of a step id's card.
    pub fn card_index(&self, id: &StepId) -> Option<usize> {
        self.card_by_id.get(id).copied()
    }
}

/// The width a stage's name has in the header of a column of cards `card_width` wide.
pub fn header_name_width(style: &Style, card_width: f32) -> f32 {
    card_width + 2.0 * style.cell_pad_x - 2.0 * grid::HEADER_PAD
}

/// The width of the cards in `stage`.
fn card_width_in(style: &Style, stage: &crate::model::Stage) -> f32 {
    if style.narrow_stages.stages.contains(&stage.id) {
        style.narrow_stages.width
    } else {
        style.card_width
    }
}

/// Cards grow to give every flow on one side a port of its own, a track apart.
fn make_room_for_ports(blueprint: &Blueprint, index: &Index<'_>, mut cards: Vec<CardText>) -> Vec<CardText> {
    let stage_of = |i: usize| {
        let step = &blueprint.steps[i];
        index.lane(&step.lane)?;
        index.stage(&step.stage)
    };
    // [left, right] ends per step: forward flows leave right and arrive left, backward ones the
    // other way; flows within a stage may detour by the right.
    let mut sides = vec![[0u32; 2]; blueprint.steps.len()];
    for flow in &blueprint.flows {
        let (Some(a), Some(b)) = (index.step(&flow.from), index.step(&flow.to)) else {
            continue;
        };
        let (Some(sa), Some(sb)) = (stage_of(a), stage_of(b)) else {
            continue;
        };
        let (side_a, side_b) = match sa.cmp(&sb) {
            std::cmp::Ordering::Less => (1, 0),
            std::cmp::Ordering::Greater => (0, 1),
            std::cmp::Ordering::Equal => (1, 1),
        };
        sides[a][side_a] += 1;
        sides[b][side_b] += 1;
    }
    // A gutter's two sides share its heights: ports of cards facing each other across it (in one
    // lane, the neighbouring stage) must not meet, so each side makes room for both.
    let cell_of = |i: usize| {
        let step = &blueprint.steps[i];
        Some((index.lane(&step.lane)?, stage_of(i)?))
    };
    let mut facing: HashMap<(usize, usize), [u32; 2]> = HashMap::new();
    for (i, ends) in sides.iter().enumerate() {
        if let Some(cell) = cell_of(i) {
            let sum = facing.entry(cell).or_default();
            sum[0] += ends[0];
            sum[1] += ends[1];
        }
    }
    for (i, card) in cards.iter_mut().enumerate() {
        let Some((lane, stage)) = cell_of(i) else {
            continue;
        };
        let left = sides[i][0]
            + stage
                .checked_sub(1)
                .and_then(|j| facing.get(&(lane, j)))
                .map_or(0, |s| s[1]);
        let right = sides[i][1] + facing.get(&(lane, stage + 1)).map_or(0, |s| s[0]);
        // One track more than the ends: a run along the row may pass in front of the side.
        card.height = card.height.max((left.max(right) + 1) as f32 * route::TRACK + 12.0);
    }
    cards
}

/// Lays out `blueprint` with `style`, without highlights. Tolerates invalid blueprints: steps in
/// missing lanes or stages get no card, flows to them no route.
pub fn layout(blueprint: &Blueprint, style: &Style, options: LayoutOptions) -> Layout {
    layout_with(blueprint, style, options, &Highlights::default())
}

/// Lays out `blueprint` with `style` and the analysis `highlights` that take room: wait badges
/// in the cards' badge strips, the heat strip under the stage headers, their legend entries.
///
/// Gutters and lane margins grow to hold the flows' tracks and labels: a first pass with the
/// style's spacing finds the room the routes need, a second lays out with that room. Growing a
/// channel shifts whole columns and lanes without changing which cards face which, so the
/// routes of the second pass fit the room the first asked for.
pub fn layout_with(blueprint: &Blueprint, style: &Style, options: LayoutOptions, highlights: &Highlights) -> Layout {
    let n_stages = blueprint.stages.len();
    let mut room = Needs {
        gutters: (0..=n_stages)
            .map(|g| {
                if g == 0 || g == n_stages {
                    style.cell_pad_x
                } else {
                    2.0 * style.cell_pad_x
                }
            })
            .collect(),
        margin_top: vec![style.cell_pad_y; blueprint.lanes.len()],
        margin_bottom: vec![style.cell_pad_y; blueprint.lanes.len()],
    };
    let cards = card_texts(blueprint, style, highlights);
    let mut result = layout_pass(blueprint, style, options, highlights, &cards, &room, false);
    for round in 1..=2 {
        let (_, needs) = &result;
        if !needs.exceeds(&room) {
            break;
        }
        room = room.max(needs);
        result = layout_pass(blueprint, style, options, highlights, &cards, &room, round == 2);
    }
    result.0
}

/// Every step's card contents and height, before positions: the same in every pass, as the
/// room in the channels changes where cards go, not their width.
fn card_texts(blueprint: &Blueprint, style: &Style, highlights: &Highlights) -> Vec<CardText> {
    let texts = DrawingTexts::new(drawing_lang(blueprint));
    let index = blueprint.index();
    let (step_markers, _) = grid::markers_by_target(blueprint, &index);
    let maker = CardMaker::new(blueprint, style, &texts, highlights);
    let contents = blueprint
        .steps
        .iter()
        .zip(&step_markers)
        .enumerate()
        .map(|(i, (step, markers))| {
            let width = index
                .stage(&step.stage)
                .map_or(style.card_width, |j| card_width_in(style, &blueprint.stages[j]));
            maker.text(i, step, markers, width - 2.0 * style.card_pad)
        })
        .collect();
    make_room_for_ports(blueprint, &index, contents)
}

/// One layout with the given room in the channels and the cards' contents; returns it and the
/// room its routes need.
#[allow(clippy::too_many_arguments)]
fn layout_pass(
    blueprint: &Blueprint,
    style: &Style,
    options: LayoutOptions,
    highlights: &Highlights,
    card_texts: &[CardText],
    room: &Needs,
    last_try: bool,
) -> (Layout, Needs) {
    let lang = drawing_lang(blueprint);
    let texts = DrawingTexts::new(lang);
    let index = blueprint.index();
    let columns = grid::columns(blueprint, style, room);
    let (x0, grid_width) = (columns.x0, columns.width);

    let mut y = style.margin;
    let title = options.title.then(|| {
        let block = title_block(blueprint, style, &texts, x0, y, grid_width);
        y = block.rect.max.y + 20.0;
        block
    });

    let (step_markers, stage_markers) = grid::markers_by_target(blueprint, &index);
    let maker = CardMaker::new(blueprint, style, &texts, highlights);
    let headers = grid::headers(blueprint, &maker, &stage_markers, y);
    let lanes_y = headers.top + headers.height();

    let cells = grid::cells(blueprint, &index);

    // The emotion band sits at the top of its lane, above the channel the flows use there.
    let emotion_lane = emotion::lane(blueprint, &index);
    let band_above = |lane: usize| {
        if emotion_lane == Some(lane) {
            emotion::BAND_HEIGHT
        } else {
            0.0
        }
    };
    let reach = pill_reach(blueprint, style);
    let edges = grid::LaneEdges {
        band_above: &band_above,
        reach: &reach,
    };
    let (lane_names, lane_tops) = grid::lane_rows(blueprint, style, &cells, card_texts, room, lanes_y, &edges);
    let grid_bottom = lane_tops[blueprint.lanes.len()];
    let grid = Rect {
        min: pt(x0, headers.top),
        max: pt(x0 + grid_width, grid_bottom),
    };
    let lanes = grid::lane_boxes(blueprint, style, lane_names, &lane_tops, &edges, &columns);
    let (cards, card_of_step) = grid::place_cards(
        &maker,
        &cells,
        card_texts,
        &step_markers,
        (&lane_tops, &band_above, room),
        &columns,
    );
    let emotion = emotion_lane.map(|lane| {
        emotion::curve(
            blueprint,
            style,
            (lane, lane_tops[lane]),
            &cells,
            &columns,
            texts.emotion_label(),
        )
    });
    let stages = grid::stage_boxes(&maker, headers, &stage_markers, &columns, grid_bottom);
    // The three lines, along the top edges of their lanes, labelled in the header column.
    let lines = line_boxes(blueprint, style, &texts, &lane_tops, x0, grid_width);

    let spans: Vec<LaneSpan> = (0..blueprint.lanes.len())
        .map(|i| LaneSpan {
            top: lane_tops[i] + band_above(i),
            bottom: lane_tops[i + 1],
            margin_top: room.margin_top[i],
            margin_bottom: room.margin_bottom[i],
        })
        .collect();
    let (flows, needs) = route::route_flows(
        blueprint,
        style,
        &Grid {
            cards: &cards,
            gutters: &columns.gutters,
            lanes: &spans,
            columns: &columns.cards,
        },
        &card_of_step,
        &index,
        &grid::label_obstacles(&cards, &stages, &lines, emotion.as_ref().map(|e| e.band)),
        room,
        last_try,
    );

    let mut bottom = grid_bottom;
    let legend = options.legend.then(|| {
        let legend = legend(
            &texts,
            style,
            highlights,
            (x0, grid_width),
            grid_bottom,
            (maker.tag_height, maker.clock_radius),
        );
        bottom = legend.rect.max.y;
        legend
    });

    let bounds = Rect {
        min: pt(0.0, 0.0),
        max: pt(x0 + grid_width + style.margin, bottom + style.margin),
    };
    let card_by_id = cards
        .iter()
        .enumerate()
        .map(|(i, card)| (blueprint.steps[card.step].id.clone(), i))
        .collect();
    let layout = Layout {
        card_by_id,
        bounds,
        grid,
        columns_x: columns.columns_x,
        lanes_y,
        title,
        stages,
        lanes,
        lines,
        cards,
        card_of_step,
        flows,
        legend,
        emotion,
        lang,
    };
    (layout, needs)
}

/// The title, the as-is / to-be pill beside it and the scenario under it, from `(x0, y)` across
/// `grid_width`.
fn title_block(
    blueprint: &Blueprint,
    style: &Style,
    texts: &DrawingTexts,
    x0: f32,
    y: f32,
    grid_width: f32,
) -> TitleBlock {
    let state_text = texts.state(blueprint.state);
    let state_width = crate::text::fonts().bold.width(state_text, style.small_font) + 16.0;
    let title_lines = wrap(
        &blueprint.title,
        Weight::Bold,
        style.title_font,
        (grid_width - state_width - 16.0).max(200.0),
        2,
    );
    let title_height = TextBlock::height_of(title_lines.len(), style.title_font);
    let title_width = title_lines.iter().map(|l| l.width).fold(0.0, f32::max);
    let title = TextBlock::place(
        title_lines,
        style.title_font,
        Weight::Bold,
        x0,
        y,
        grid_width,
        Align::Left,
    );
    let pill_height = style.small_font * LINE_HEIGHT + 6.0;
    let pill = Rect::from_xywh(
        x0 + title_width + 16.0,
        y + (style.title_font * LINE_HEIGHT - pill_height) / 2.0,
        state_width,
        pill_height,
    );
    let pill_text = TextBlock::place(
        wrap(state_text, Weight::Bold, style.small_font, state_width, 1),
        style.small_font,
        Weight::Bold,
        pill.min.x,
        pill.min.y + 3.0,
        state_width,
        Align::Center,
    );
    let sub = if blueprint.scenario.is_empty() {
        &blueprint.description
    } else {
        &blueprint.scenario
    };
    let mut bottom = y + title_height;
    let subtitle = (!sub.trim().is_empty()).then(|| {
        let lines = wrap(sub, Weight::Regular, style.header_font, grid_width, 2);
        let block = TextBlock::place(
            lines.clone(),
            style.header_font,
            Weight::Regular,
            x0,
            bottom + 4.0,
            grid_width,
            Align::Left,
        );
        bottom += 4.0 + TextBlock::height_of(lines.len(), style.header_font);
        block
    });
    let rect = Rect {
        min: pt(x0, y),
        max: pt(x0 + grid_width, bottom),
    };
    TitleBlock {
        rect,
        title,
        state: (pill, pill_text, blueprint.state),
        subtitle,
    }
}

/// Height of a line's name pill of `lines` lines.
pub(crate) fn line_pill_height(style: &Style, lines: usize) -> f32 {
    lines.max(1) as f32 * style.small_font * LINE_HEIGHT + 4.0
}

/// How far the pills of the three lines reach into the lane headers above and below them, for
/// each lane: `(from its top, from its bottom)`.
fn pill_reach(blueprint: &Blueprint, style: &Style) -> Vec<(f32, f32)> {
    let mut reach = vec![(0.0, 0.0); blueprint.lanes.len()];
    // A pill of one line stays within the header's padding, as drawings have always had it.
    if style.line_label_lines < 2 {
        return reach;
    }
    let half = line_pill_height(style, style.line_label_lines) / 2.0;
    for line in Line::ALL {
        if let Some(lane) = blueprint.line_lane_index(line) {
            reach[lane].0 = half;
            if lane > 0 {
                reach[lane - 1].1 = half;
            }
        }
    }
    reach
}

/// The three lines, along the top edges of their lanes (`lane_tops`), each named in a pill over
/// the header column.
fn line_boxes(
    blueprint: &Blueprint,
    style: &Style,
    texts: &DrawingTexts,
    lane_tops: &[f32],
    x0: f32,
    grid_width: f32,
) -> Vec<LineBox> {
    Line::ALL
        .into_iter()
        .filter_map(|line| {
            let lane = blueprint.line_lane_index(line)?;
            let y = lane_tops[lane];
            let label_text = texts.line(line);
            let lines = wrap(
                label_text,
                Weight::Bold,
                style.small_font,
                style.lane_header_width - 12.0,
                style.line_label_lines,
            );
            let width = lines.iter().map(|l| l.width).fold(0.0, f32::max) + 12.0;
            let height = line_pill_height(style, lines.len());
            let label_rect = Rect::from_xywh(x0 + 4.0, y - height / 2.0, width, height);
            let label = TextBlock::place(
                lines,
                style.small_font,
                Weight::Bold,
                label_rect.min.x + 6.0,
                label_rect.min.y + 2.0,
                width - 12.0,
                Align::Left,
            );
            Some(LineBox {
                line,
                y,
                x0,
                x1: x0 + grid_width,
                label_rect,
                label,
            })
        })
        .collect()
}

/// The legend under the grid: a sample of every marker kind, then the highlights in use.
fn legend(
    texts: &DrawingTexts,
    style: &Style,
    highlights: &Highlights,
    (x0, grid_width): (f32, f32),
    grid_bottom: f32,
    (tag_height, clock_radius): (f32, f32),
) -> Legend {
    let top = grid_bottom + 16.0;
    let mut cursor = LegendCursor {
        x: x0,
        row_top: top,
        left: x0,
        right: x0 + grid_width,
        row_height: tag_height + 8.0,
        swatch_height: tag_height,
        font: style.small_font,
    };
    let items = MarkerKind::ALL
        .iter()
        .map(|&kind| {
            let (swatch, label) = cursor.entry(style.badge_size, texts.marker(kind));
            let badge = Badge {
                marker: usize::MAX,
                kind,
                severity: 0,
                rect: Rect::from_xywh(swatch.min.x, swatch.min.y, style.badge_size + 2.0, tag_height),
                center: pt(swatch.min.x + 1.0 + style.badge_size / 2.0, swatch.center().y),
            };
            (badge, label)
        })
        .collect();
    // The highlights in use, after a wider gap so they read as a group of their own.
    cursor.x += 16.0;
    let highlight_entries = highlights
        .in_use()
        .into_iter()
        .map(|kind| {
            let (width, text) = match kind {
                HighlightKind::CriticalPath => (
                    36.0,
                    texts.critical_path_legend(highlights.critical_path.as_ref().and_then(|p| p.minutes)),
                ),
                HighlightKind::Handoffs => (36.0, texts.handoff_legend().to_owned()),
                HighlightKind::Waits => (2.0 * clock_radius + 10.0, texts.wait_legend().to_owned()),
                HighlightKind::PainHeat => (60.0, texts.heat_legend().to_owned()),
            };
            let (swatch, label) = cursor.entry(width, &text);
            LegendHighlight { kind, swatch, label }
        })
        .collect();
    let rect = Rect {
        min: pt(x0, top),
        max: pt(x0 + grid_width, cursor.row_top + tag_height),
    };
    Legend {
        rect,
        items,
        highlights: highlight_entries,
    }
}

#[cfg(test)]
mod tests;
