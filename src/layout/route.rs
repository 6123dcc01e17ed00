//! Orthogonal flow routing with one track per flow (channel routing).
//!
//! Cards sit in a grid whose gutters (between stage columns) and lane margins (above and below the
//! cards of a lane) hold no cards: they are the channels. A route leaves its card through a port
//! on one side, runs in tracks of the channels and enters the other card through a port of its
//! own, so it never crosses a card. Every run in a channel gets a track to itself
//! ([`super::tracks`]), ordered to avoid crossings, and the channel grows to hold its tracks and
//! the labels on them: the layout asks for that room with [`Needs`] and lays out again.
//! The rules in words: docs/DRAWING.md.

use super::tracks::{Run, Tracks, assign};
use super::{Align, CardBox, FlowRoute, TextBlock};
use crate::geom::{Point, Rect, pt};
use crate::model::{Blueprint, StepId};
use crate::style::Style;
use crate::text::{LINE_HEIGHT, LinesMemo, Weight, WrappedLine, cut_short, wrap, wrap_once};
use foldhash::{HashMap, HashMapExt};

/// Room between the centres of neighbouring tracks of plain flows.
pub(super) const TRACK: f32 = 8.0;
/// Room kept free beside a card's edge: an arrowhead's length and a little air.
const HEAD_ROOM: f32 = 12.0;
/// Room kept free beside one of the three dashed lines.
const LINE_ROOM: f32 = 6.0;
/// Least distance between parallel runs of different flows: closer, two lines read as one.
const SEPARATION: f32 = 6.0;
/// Room between a label in a gutter and the cards either side.
const LABEL_AIR: f32 = 4.0;
/// How far a label moved off the middle of its own line still reaches past it.
const LABEL_OVER: f32 = 6.0;
/// Radius of a line jump.
pub const JUMP: f32 = 4.0;

/// The geometry routing needs from the layout.
pub(super) struct Grid<'a> {
    /// Every card.
    pub cards: &'a [CardBox],
    /// x-range of each gutter, from the one left of the first stage to the one right of the last.
    pub gutters: &'a [(f32, f32)],
    /// Per lane: top, bottom, height of the top margin, height of the bottom margin.
    pub lanes: &'a [LaneSpan],
    /// Left and right of the card area of each stage column.
    pub columns: &'a [(f32, f32)],
}

impl Grid<'_> {
    /// The gutter beside `face` (left or right) of card `card`.
    fn gutter_beside(&self, card: usize, face: Face) -> usize {
        self.cards[card].stage + usize::from(face == Face::Right)
    }
}

/// A lane's extent and its margins (the horizontal channels).
#[derive(Clone, Copy, Debug)]
pub(super) struct LaneSpan {
    /// Top edge (the line above it, if any, runs here).
    pub top: f32,
    /// Bottom edge.
    pub bottom: f32,
    /// Height of the channel above the cards.
    pub margin_top: f32,
    /// Height of the channel below the cards.
    pub margin_bottom: f32,
}

/// The room the channels need for the routes and labels they hold.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Needs {
    /// Width of each gutter.
    pub gutters: Vec<f32>,
    /// Height of each lane's top margin.
    pub margin_top: Vec<f32>,
    /// Height of each lane's bottom margin.
    pub margin_bottom: Vec<f32>,
}

impl Needs {
    /// Whether `self` asks for more room anywhere than `have` gives.
    pub fn exceeds(&self, have: &Needs) -> bool {
        let more = |a: &[f32], b: &[f32]| a.iter().zip(b).any(|(x, y)| *x > *y + 0.5);
        more(&self.gutters, &have.gutters)
            || more(&self.margin_top, &have.margin_top)
            || more(&self.margin_bottom, &have.margin_bottom)
    }

    /// The larger of both, channel by channel.
    pub fn max(&self, other: &Needs) -> Needs {
        let max = |a: &[f32], b: &[f32]| a.iter().zip(b).map(|(x, y)| x.max(*y)).collect();
        Needs {
            gutters: max(&self.gutters, &other.gutters),
            margin_top: max(&self.margin_top, &other.margin_top),
            margin_bottom: max(&self.margin_bottom, &other.margin_bottom),
        }
    }
}

/// Which side of a card a port is on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Face {
    Left,
    Right,
    Top,
    Bottom,
}

/// The shape of one route.
#[derive(Clone, Copy, Debug)]
enum Plan {
    /// Straight down or up within a stage column, from `upper`'s bottom to `lower`'s top.
    Vertical { upper: usize, lower: usize },
    /// Out of a side into gutter `g`, along it, into a side of the other card (straight across
    /// when the two ports line up).
    Gutter { g: usize, face_a: Face, face_b: Face },
    /// Out into gutter `gs`, along a margin of `lane` (above its cards if `top`), down or up
    /// gutter `gt`, into the other card.
    Margin {
        gs: usize,
        gt: usize,
        lane: usize,
        top: bool,
        face_a: Face,
        face_b: Face,
    },
}

/// Where a flow's label goes, decided with its plan so that its channel makes room.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum LabelSpot {
    /// On the vertical run in the gutter (its track is as wide as the label).
    GutterRun,
    /// On a straight horizontal across a gutter (a track-wide band is kept free there).
    GutterCrossing,
    /// On the margin run (its track is as tall as the label).
    MarginRun,
    /// Between two cards of one column (a band in the lower lane's top margin).
    Between,
    /// Anywhere free on the route.
    Anywhere,
}

struct Flow {
    index: usize,
    a: usize,
    b: usize,
    plan: Plan,
    /// Port positions: y on left/right faces, x on top/bottom faces.
    port_a: f32,
    port_b: f32,
    label: Option<LabelBox>,
    /// Other shapes of the label, tried where the first finds no free place.
    label_alternatives: Vec<LabelBox>,
    spot: LabelSpot,
}

/// A label's lines and its pill's width and height.
type LabelBox = (Vec<crate::text::WrappedLine>, f32, f32);

/// Routes every flow whose two steps have cards; returns the routes and the room they need.
/// When they need more than `room` and this is not the `last_try`, returns no routes: the layout
/// will be done again with more room.
#[allow(clippy::too_many_arguments)]
pub(super) fn route_flows(
    blueprint: &Blueprint,
    style: &Style,
    grid: &Grid<'_>,
    card_of_step: &[Option<usize>],
    index: &crate::model::Index<'_>,
    obstacles: &[Rect],
    room: &Needs,
    last_try: bool,
) -> (Vec<FlowRoute>, Needs) {
    let n_stages = grid.columns.len();
    let mut by_column: Vec<Vec<usize>> = vec![Vec::new(); n_stages];
    for (c, card) in grid.cards.iter().enumerate() {
        by_column[card.stage].push(c);
    }
    for column in &mut by_column {
        column.sort_by(|&x, &y| grid.cards[x].rect.min.y.total_cmp(&grid.cards[y].rect.min.y));
    }
    let card_for = |id: &StepId| index.step(id).and_then(|i| card_of_step[i]);

    // 1. The shape of each route.
    let mut flows = plan_flows(blueprint, grid, &card_for, &by_column);

    // 2. Ports: the flows on one side of a card spread along it, ordered by where they go.
    assign_ports(grid, &mut flows);
    size_labels(blueprint, style, grid, &mut flows);

    // 3. Tracks in the gutters and margins.
    let label_band = label_bands(grid, &flows);
    let windows = free_label_windows(grid, &flows, obstacles);
    let (gutter_tracks, gutter_runs, label_room) = gutter_tracks(grid, &flows, &windows);
    let (margin_tracks, margin_runs) = margin_tracks(grid, &flows);
    let gutter_x = |g: usize, track: usize| {
        let (lo, hi) = grid.gutters[g];
        let tracks = &gutter_tracks[g];
        (lo + hi) / 2.0 - tracks.total / 2.0 + tracks.centre[track]
    };
    let margin_y = |lane: usize, top: bool, track: usize| {
        let span = &grid.lanes[lane];
        let tracks = &margin_tracks[usize::from(!top)][lane];
        if top {
            span.top + span.margin_top - HEAD_ROOM - label_band[lane] - tracks.centre[track]
        } else {
            span.bottom - span.margin_bottom + HEAD_ROOM + tracks.centre[track]
        }
    };

    // The room all this needs; when it is more than this pass has, the layout is done again
    // with that room, so the rest of this pass would be thrown away.
    let mut needs = needs_of(grid, &gutter_tracks, &margin_tracks, &label_band);
    for (need, room) in needs.gutters.iter_mut().zip(label_room) {
        *need = need.max(room);
    }
    if !last_try && needs.exceeds(room) {
        return (Vec::new(), needs);
    }

    separate_stubs(grid, &mut flows, &gutter_runs, &gutter_x);

    // 4. The points of each route, and where labels of straight crossings go.
    let mut anchors: HashMap<usize, Point> = HashMap::new();
    let mut routes: Vec<FlowRoute> = Vec::with_capacity(flows.len());
    for (k, flow) in flows.iter().enumerate() {
        let (ra, rb) = (grid.cards[flow.a].rect, grid.cards[flow.b].rect);
        let side = |r: Rect, face: Face, at: f32| match face {
            Face::Left => pt(r.min.x, at),
            Face::Right => pt(r.max.x, at),
            Face::Top => pt(at, r.min.y),
            Face::Bottom => pt(at, r.max.y),
        };
        let points = match flow.plan {
            Plan::Vertical { .. } => {
                let (fa, fb) = if ra.center().y < rb.center().y {
                    (Face::Bottom, Face::Top)
                } else {
                    (Face::Top, Face::Bottom)
                };
                vec![side(ra, fa, flow.port_a), side(rb, fb, flow.port_b)]
            }
            Plan::Gutter { g, face_a, face_b } => {
                let (pa, pb) = (side(ra, face_a, flow.port_a), side(rb, face_b, flow.port_b));
                match gutter_runs.get(&(k, 0)) {
                    // Straight across: the track only keeps the label's place free.
                    Some(&track) if (pa.y - pb.y).abs() < 0.5 => {
                        anchors.insert(k, pt(gutter_x(g, track), pa.y));
                        vec![pa, pt(pb.x, pa.y)]
                    }
                    Some(&track) => {
                        let x = gutter_x(g, track);
                        if let (Some(&y), Some((_, w, _))) = (windows.get(&k), &flow.label) {
                            // Keeping stubs apart may have moved the run's ends a little since.
                            let y = y.clamp(pa.y.min(pb.y), pa.y.max(pb.y));
                            let (lo, hi) = grid.gutters[g];
                            let reach = w / 2.0 + LABEL_AIR;
                            let x = if lo + reach <= hi - reach {
                                x.clamp(lo + reach, hi - reach)
                            } else {
                                x
                            };
                            anchors.insert(k, pt(x, y));
                        }
                        vec![pa, pt(x, pa.y), pt(x, pb.y), pb]
                    }
                    // Straight: ports within half a unit are one height.
                    None => vec![pa, pt(pb.x, pa.y)],
                }
            }
            Plan::Margin {
                gs,
                gt,
                lane,
                top,
                face_a,
                face_b,
            } => {
                let (pa, pb) = (side(ra, face_a, flow.port_a), side(rb, face_b, flow.port_b));
                let xs = gutter_x(gs, gutter_runs.get(&(k, 0)).copied().unwrap_or(0));
                let xt = gutter_x(gt, gutter_runs.get(&(k, 1)).copied().unwrap_or(0));
                let y = margin_y(lane, top, margin_runs.get(&k).copied().unwrap_or(0));
                vec![pa, pt(xs, pa.y), pt(xs, y), pt(xt, y), pt(xt, pb.y), pb]
            }
        };
        let flow_model = &blueprint.flows[flow.index];
        routes.push(FlowRoute {
            flow: flow.index,
            points,
            two_way: flow_model.two_way,
            crosses: blueprint.lines_between(grid.cards[flow.a].lane, grid.cards[flow.b].lane),
            label: None,
            jumps: Vec::new(),
        });
    }

    // 5. Line jumps where one route crosses another.
    add_jumps(&mut routes);

    // 6. Labels, on their own route where nothing else is.
    place_labels(grid, style, &flows, &mut routes, obstacles, &anchors);

    (routes, needs)
}

/// The shape of each flow's route between its cards, with where its label would go.
fn plan_flows(
    blueprint: &Blueprint,
    grid: &Grid<'_>,
    card_for: &dyn Fn(&StepId) -> Option<usize>,
    by_column: &[Vec<usize>],
) -> Vec<Flow> {
    let mut reserved: HashMap<usize, Vec<(f32, f32)>> = HashMap::new();
    // Flows between one pair of cards: straight verticals stand side by side, and beyond two
    // their labels no longer fit between them.
    let mut between: HashMap<(usize, usize), usize> = HashMap::new();
    for flow in &blueprint.flows {
        if let (Some(a), Some(b)) = (card_for(&flow.from), card_for(&flow.to)) {
            *between.entry((a.min(b), a.max(b))).or_default() += 1;
        }
    }
    let mut flows: Vec<Flow> = Vec::new();
    for (f, flow) in blueprint.flows.iter().enumerate() {
        let (Some(a), Some(b)) = (card_for(&flow.from), card_for(&flow.to)) else {
            continue;
        };
        if a == b {
            continue;
        }
        let labelled = !flow.label.trim().is_empty();
        let crowded = between.get(&(a.min(b), a.max(b))).copied().unwrap_or(0) > 2;
        let (plan, spot) = plan(grid, by_column, &mut reserved, a, b, labelled, crowded);
        flows.push(Flow {
            index: f,
            a,
            b,
            plan,
            port_a: 0.0,
            port_b: 0.0,
            label: None,
            label_alternatives: Vec::new(),
            spot: if labelled { spot } else { LabelSpot::Anywhere },
        });
    }
    flows
}

/// Each labelled flow's label, wrapped for where it goes and for the places it may move to.
fn size_labels(blueprint: &Blueprint, style: &Style, grid: &Grid<'_>, flows: &mut [Flow]) {
    // Straight verticals between one pair of cards stand side by side: their labels share the width.
    let mut pairs: HashMap<(usize, usize), usize> = HashMap::new();
    for flow in flows.iter() {
        if let Plan::Vertical { upper, lower } = flow.plan {
            *pairs.entry((upper, lower)).or_default() += 1;
        }
    }
    for flow in flows.iter_mut() {
        let text = &blueprint.flows[flow.index].label;
        if text.trim().is_empty() {
            continue;
        }
        // A route that turned out straight along a row has no vertical run: its label lies
        // along the row, wrapped wide.
        if let Plan::Gutter { .. } = flow.plan
            && flow.spot == LabelSpot::GutterRun
            && (flow.port_a - flow.port_b).abs() < 0.5
        {
            flow.spot = LabelSpot::Anywhere;
        }
        let width = match flow.plan {
            Plan::Vertical { upper, lower } => {
                let n = pairs.get(&(upper, lower)).copied().unwrap_or(1) as f32;
                grid.cards[upper].rect.width() / (n + 1.0) * if n > 1.0 { 1.0 } else { 2.0 } - 2.0 * TRACK
            }
            _ => f32::INFINITY,
        };
        flow.label = Some(label_lines(text, style, flow.spot, width));
        flow.label_alternatives = [LabelSpot::MarginRun, LabelSpot::GutterRun]
            .into_iter()
            .filter(|&spot| spot != flow.spot)
            .map(|spot| label_lines(text, style, spot, width))
            .chain(std::iter::once(label_lines(text, style, LabelSpot::Between, 0.0)))
            .collect();
    }
}

/// The room the tracks and label bands ask of the gutters and margins.
fn needs_of(grid: &Grid<'_>, gutter_tracks: &[Tracks], margin_tracks: &[Vec<Tracks>; 2], label_band: &[f32]) -> Needs {
    let n_stages = grid.columns.len();
    let gutters = gutter_tracks
        .iter()
        .enumerate()
        .map(|(g, t)| {
            let edge = g == 0 || g == n_stages;
            let need = 2.0 * HEAD_ROOM + t.total;
            // An outer gutter has cards on one side only; keep its tracks clear of the grid's edge.
            if edge { need + LINE_ROOM } else { need }
        })
        .collect();
    let margin_need = |tracks: &[Tracks], band: &[f32]| -> Vec<f32> {
        tracks
            .iter()
            .zip(band)
            .map(|(t, band)| {
                if t.total == 0.0 && *band == 0.0 {
                    0.0
                } else {
                    HEAD_ROOM + band + t.total + LINE_ROOM
                }
            })
            .collect()
    };
    Needs {
        gutters,
        margin_top: margin_need(&margin_tracks[0], label_band),
        margin_bottom: margin_need(&margin_tracks[1], &vec![0.0; grid.lanes.len()]),
    }
}

/// Chooses the shape of the route from card `a` to card `b`, and where its label will go.
fn plan(
    grid: &Grid<'_>,
    by_column: &[Vec<usize>],
    reserved: &mut HashMap<usize, Vec<(f32, f32)>>,
    a: usize,
    b: usize,
    labelled: bool,
    crowded: bool,
) -> (Plan, LabelSpot) {
    let (ca, cb) = (&grid.cards[a], &grid.cards[b]);
    let (ra, rb) = (ca.rect, cb.rect);
    if ca.stage == cb.stage {
        let (upper, lower) = if ra.min.y < rb.min.y { (a, b) } else { (b, a) };
        // Cards of one column never overlap and are sorted by top: another card lies between
        // the two exactly when they are not neighbours in that order.
        let column = &by_column[ca.stage];
        let at = |card: usize| column.partition_point(|&c| grid.cards[c].rect.min.y < grid.cards[card].rect.min.y);
        let between = at(lower) > at(upper) + 1;
        // A label needs a lane margin between the two cards (stacked cards of one cell have
        // none) and room beside its neighbours.
        if !between && !(labelled && (ca.lane == cb.lane || crowded)) {
            return (Plan::Vertical { upper, lower }, LabelSpot::Between);
        }
        // Round the cards in between, through the gutter at the right.
        return (
            Plan::Gutter {
                g: ca.stage + 1,
                face_a: Face::Right,
                face_b: Face::Right,
            },
            LabelSpot::GutterRun,
        );
    }
    let forward = cb.stage > ca.stage;
    let (face_a, face_b) = if forward {
        (Face::Right, Face::Left)
    } else {
        (Face::Left, Face::Right)
    };
    let gs = if forward { ca.stage + 1 } else { ca.stage };
    let gt = if forward { cb.stage } else { cb.stage + 1 };
    if gs == gt {
        let overlap = ra.max.y.min(rb.max.y) - ra.min.y.max(rb.min.y);
        let spot = if overlap > 2.0 * TRACK {
            LabelSpot::GutterCrossing
        } else {
            LabelSpot::GutterRun
        };
        return (Plan::Gutter { g: gs, face_a, face_b }, spot);
    }
    // Straight along the source's row to the target's gutter, when nothing is in the way: no
    // card of the columns between overlaps the source's height, nor a run already taken there or
    // in the gutters it passes (slot 2j + 1 is column j, slot 2g is gutter g).
    let (first, last) = if forward { (gs, gt) } else { (gt, gs) };
    let columns = first..last;
    let slots: Vec<usize> = (2 * first..=2 * last).collect();
    let (y0, y1) = (ra.min.y, ra.max.y);
    let clear = columns.clone().all(|j| {
        by_column[j]
            .iter()
            .all(|&c| grid.cards[c].rect.max.y < y0 - TRACK || grid.cards[c].rect.min.y > y1 + TRACK)
    }) && slots.iter().all(|slot| {
        reserved
            .get(slot)
            .is_none_or(|taken| taken.iter().all(|&(t0, t1)| t1 < y0 - TRACK || t0 > y1 + TRACK))
    });
    if clear {
        for slot in slots {
            reserved.entry(slot).or_default().push((y0, y1));
        }
        return (Plan::Gutter { g: gt, face_a, face_b }, LabelSpot::GutterRun);
    }
    // Round the cards: above them in the source's lane going forward, below them going back, so
    // loops read as loops.
    (
        Plan::Margin {
            gs,
            gt,
            lane: ca.lane,
            top: forward,
            face_a,
            face_b,
        },
        LabelSpot::MarginRun,
    )
}

/// The label's lines and its pill's size, wrapped for where it will sit: narrow on a vertical
/// run, wide on a horizontal one, within `room` beside straight neighbours. Never narrower than
/// its longest word.
fn label_lines(text: &str, style: &Style, spot: LabelSpot, room: f32) -> LabelBox {
    let size = style.meta_font;
    let widest_word = crate::text::min_content_width(text, Weight::Regular, size);
    // Labels that lie along a horizontal run cost height with every line, so larger text (a
    // slide's) gets proportionally wider room and wraps into as many lines as on the canvas.
    // Labels in a gutter cost its width instead: they keep their width and take more lines.
    let em = size / Style::default().meta_font;
    let (width, max_lines) = match spot {
        // Narrow room: as many lines as the words need, never an ellipsis (one Chinese
        // character a line would hide most of a label in four).
        LabelSpot::Between if room < 110.0 * em => (room.max(widest_word), 8),
        LabelSpot::GutterRun => (84.0f32.max(widest_word), 4),
        // Across a gutter the label lies along the line: wide and low keeps clear of the stubs.
        LabelSpot::GutterCrossing => (120.0f32.max(widest_word), 3),
        LabelSpot::Between => ((110.0 * em).max(widest_word), 3),
        LabelSpot::MarginRun | LabelSpot::Anywhere => ((150.0 * em).max(widest_word), 2),
    };
    let lines = balanced(text, size, (widest_word, width), max_lines);
    let w = lines.iter().map(|l| l.width).fold(0.0, f32::max) + 8.0;
    let h = lines.len() as f32 * size * LINE_HEIGHT + 3.0;
    (lines, w, h)
}

/// `text` wrapped into as few lines as fit `widths.1`, as even as they can be: at the narrowest
/// width from `widths.0` up that needs no more lines, with the room left shared over them all,
/// so a label reads "一周没 / 有音讯" rather than "一周没有音 / 讯", and its pill is no wider
/// than its lines need.
fn balanced(text: &str, size: f32, (narrowest, width): (f32, f32), max_lines: usize) -> Vec<WrappedLine> {
    // A deck is planned from hundreds of layouts of the same labels at the same few widths.
    type Measure = ([u32; 3], usize);
    thread_local! {
        static KNOWN: std::cell::RefCell<LinesMemo<Measure>> = Default::default();
    }
    let measure = ([size, narrowest, width].map(f32::to_bits), max_lines);
    LinesMemo::lines(&KNOWN, 4096, measure, text, || {
        even_lines(text, size, (narrowest, width), max_lines)
    })
}

/// What [`balanced`] remembers.
fn even_lines(text: &str, size: f32, (narrowest, width): (f32, f32), max_lines: usize) -> Vec<WrappedLine> {
    let lines = wrap(text, Weight::Regular, size, width, max_lines);
    if lines.len() < 2 || cut_short(&lines) {
        return lines;
    }
    let count = lines.len();
    let fits = |w: f32| {
        let tried = wrap_once(text, Weight::Regular, size, w, max_lines);
        (tried.len() == count && !cut_short(&tried)).then_some(tried)
    };
    // Bisection to half a unit, from the width the lines would have if they were exactly
    // even: the line count only grows as the width shrinks.
    let total: f32 = lines.iter().map(|l| l.width).sum();
    let (mut low, mut high) = (narrowest.max(total / count as f32 - 1.0), width);
    let mut best = lines;
    while high - low > 0.5 {
        let mid = (low + high) / 2.0;
        match fits(mid) {
            Some(tried) => {
                best = tried;
                high = mid;
            }
            None => low = mid,
        }
    }
    // At that width greedy filling may still leave the last line short ("询与评 / 分"): share
    // the room out over all of them.
    crate::text::wrap_evenly(text, Weight::Regular, size, high, count).unwrap_or(best)
}

/// The faces a flow's two ends use.
fn faces(flow: &Flow) -> (Face, Face) {
    match flow.plan {
        Plan::Vertical { upper, .. } => {
            if flow.a == upper {
                (Face::Bottom, Face::Top)
            } else {
                (Face::Top, Face::Bottom)
            }
        }
        Plan::Gutter { face_a, face_b, .. } | Plan::Margin { face_a, face_b, .. } => (face_a, face_b),
    }
}

/// One end of a flow on a side of a card.
struct End {
    /// Index into the routed flows.
    flow: usize,
    /// Whether it is the flow's start.
    is_a: bool,
    /// Where the route heads from here, along the side: the order of the ports.
    toward: f32,
    /// A position fixed beforehand (the ends of a straight crossing).
    pin: Option<f32>,
}

/// A horizontal run between a card's side and a track in a gutter (or across the gutter).
#[derive(Clone)]
struct Stub {
    /// Its height, moved by the overlap removal.
    y: f32,
    /// How far it may move: its card's side (a fixed stub has `lo == hi == y`).
    lo: f32,
    hi: f32,
    /// Where it runs along the gutter.
    x0: f32,
    x1: f32,
    /// Half-height of a label that sits on it.
    reach: f32,
    /// Index into the routed flows.
    flow: usize,
    /// Which port it moves: `Some(true)` the start, `Some(false)` the end, `None` neither.
    end: Option<bool>,
}

/// Spreads the ends on each side of each card along it.
fn assign_ports(grid: &Grid<'_>, flows: &mut [Flow]) {
    // (card, face) → its ends.
    let mut sides: HashMap<(usize, Face), Vec<End>> = HashMap::new();
    // Straight crossings of one gutter between cards side by side: both ends at one height.
    let mut pairs: HashMap<(usize, usize), Vec<usize>> = HashMap::new();
    for (k, flow) in flows.iter().enumerate() {
        if let (Plan::Gutter { .. }, LabelSpot::GutterCrossing | LabelSpot::Anywhere) = (flow.plan, flow.spot)
            && grid.cards[flow.a].stage.abs_diff(grid.cards[flow.b].stage) == 1
        {
            let (ra, rb) = (grid.cards[flow.a].rect, grid.cards[flow.b].rect);
            if ra.max.y.min(rb.max.y) - ra.min.y.max(rb.min.y) > 2.0 * TRACK {
                pairs
                    .entry((flow.a.min(flow.b), flow.a.max(flow.b)))
                    .or_default()
                    .push(k);
            }
        }
    }
    let mut pinned: HashMap<usize, f32> = HashMap::new();
    for ((x, y), ks) in &pairs {
        let (rx, ry) = (grid.cards[*x].rect, grid.cards[*y].rect);
        let (lo, hi) = (rx.min.y.max(ry.min.y) + 6.0, rx.max.y.min(ry.max.y) - 6.0);
        // As many as fit a track apart go straight; the others turn in the gutter.
        let fit = (((hi - lo) / TRACK).floor().max(0.0) as usize + 1).min(ks.len());
        let step = if fit > 1 {
            (12.0f32).min((hi - lo) / (fit - 1) as f32)
        } else {
            0.0
        };
        let mid = (lo + hi) / 2.0;
        for (i, &k) in ks.iter().take(fit).enumerate() {
            pinned.insert(k, mid + (i as f32 - (fit as f32 - 1.0) / 2.0) * step);
        }
    }
    for (k, flow) in flows.iter().enumerate() {
        let (fa, fb) = faces(flow);
        let (ca, cb) = (&grid.cards[flow.a], &grid.cards[flow.b]);
        // Where each end heads next: the other card, or the margin the route runs along.
        let toward = |face: Face, other: &CardBox| -> f32 {
            match (flow.plan, face) {
                (Plan::Margin { top, .. }, Face::Left | Face::Right) => {
                    if top {
                        f32::NEG_INFINITY
                    } else {
                        f32::INFINITY
                    }
                }
                (_, Face::Left | Face::Right) => other.rect.center().y,
                _ => k as f32,
            }
        };
        let pin = pinned.get(&k).copied();
        sides.entry((flow.a, fa)).or_default().push(End {
            flow: k,
            is_a: true,
            toward: toward(fa, cb),
            pin,
        });
        sides.entry((flow.b, fb)).or_default().push(End {
            flow: k,
            is_a: false,
            toward: toward(fb, ca),
            pin,
        });
    }
    let mut keys: Vec<(usize, Face)> = sides.keys().copied().collect();
    keys.sort_by_key(|&(c, face)| (c, face as u8));
    for key in keys {
        let Some(ends) = sides.get_mut(&key) else {
            continue;
        };
        let (card, face) = key;
        let r = grid.cards[card].rect;
        ends.sort_by(|x, y| x.toward.total_cmp(&y.toward).then(x.flow.cmp(&y.flow)));
        let positions: Vec<f32> = match face {
            Face::Top | Face::Bottom => {
                // The two ends of a straight vertical share a side each, in flow order, so
                // spreading both evenly lines them up.
                let n = ends.len() as f32;
                (0..ends.len())
                    .map(|i| r.min.x + (i as f32 + 1.0) * r.width() / (n + 1.0))
                    .collect()
            }
            Face::Left | Face::Right => spread(r.min.y + 6.0, r.max.y - 6.0, ends),
        };
        for (end, position) in ends.iter().zip(positions) {
            if end.is_a {
                flows[end.flow].port_a = position;
            } else {
                flows[end.flow].port_b = position;
            }
        }
    }
}

/// Positions along one side for `ends` (sorted by where they head): pinned ends keep their
/// place, the rest take the free slots nearest the middle, in order.
fn spread(lo: f32, hi: f32, ends: &[End]) -> Vec<f32> {
    let n = ends.len();
    let step = (12.0f32).min((hi - lo) / n.max(1) as f32).max(2.0);
    let pins: Vec<f32> = ends.iter().filter_map(|e| e.pin).collect();
    let mid = (lo + hi) / 2.0;
    let free = n - pins.len();
    let mut slots: Vec<f32> = Vec::with_capacity(free);
    let mut i = 0i32;
    while slots.len() < free && i < 4 * n as i32 + 8 {
        // 0, +1, -1, +2, -2, … steps from the middle.
        let offset = if i % 2 == 1 { (i + 1) / 2 } else { -(i / 2) };
        let at = mid + offset as f32 * step;
        i += 1;
        if pins.iter().any(|p| (p - at).abs() < step * 0.9) {
            continue;
        }
        slots.push(at);
    }
    while slots.len() < free {
        slots.push(mid);
    }
    slots.sort_by(f32::total_cmp);
    let mut slots = slots.into_iter();
    ends.iter()
        .map(|e| e.pin.unwrap_or_else(|| slots.next().unwrap_or(mid)))
        .collect()
}

/// Moves ports apart where two flows would enter one gutter at the same height from its two
/// sides and run into each other before reaching their tracks.
fn separate_stubs(
    grid: &Grid<'_>,
    flows: &mut [Flow],
    gutter_runs: &HashMap<(usize, usize), usize>,
    gutter_x: &dyn Fn(usize, usize) -> f32,
) {
    let mut stubs: HashMap<usize, Vec<Stub>> = HashMap::new();
    for (k, flow) in flows.iter().enumerate() {
        let (ra, rb) = (grid.cards[flow.a].rect, grid.cards[flow.b].rect);
        let edge = |r: Rect, face: Face| if face == Face::Left { r.min.x } else { r.max.x };
        let reach = match (&flow.label, flow.spot) {
            (Some((_, _, h)), LabelSpot::GutterCrossing) => h / 2.0 + 2.0,
            _ => 0.0,
        };
        let mut add = |g: usize, y: f32, x1: f32, x2: f32, end: Option<bool>, reach: f32| {
            let card = match end {
                Some(true) => Some(ra),
                Some(false) => Some(rb),
                None => None,
            };
            let (lo, hi) = card.map_or((y, y), |r| (r.min.y + 4.0, r.max.y - 4.0));
            stubs.entry(g).or_default().push(Stub {
                y,
                lo,
                hi,
                x0: x1.min(x2),
                x1: x1.max(x2),
                reach,
                flow: k,
                end,
            });
        };
        match flow.plan {
            Plan::Vertical { .. } => {}
            Plan::Gutter { g, face_a, face_b } => match gutter_runs.get(&(k, 0)) {
                Some(&t) if (flow.port_a - flow.port_b).abs() >= 0.5 => {
                    let x = gutter_x(g, t);
                    let (ga, gb) = (grid.gutters[g].0, grid.gutters[g].1);
                    let from_a = edge(ra, face_a).clamp(ga, gb);
                    // A run along the row from a card further away holds its height in both the
                    // gutter it leaves by and the one it turns in: the others make way.
                    let gs = grid.gutter_beside(flow.a, face_a);
                    let end_a = if gs == g {
                        Some(true)
                    } else {
                        let (sa, sb) = grid.gutters[gs];
                        add(gs, flow.port_a, sa, sb, None, 0.0);
                        None
                    };
                    add(g, flow.port_a, from_a, x, end_a, 0.0);
                    add(g, flow.port_b, edge(rb, face_b), x, Some(false), 0.0);
                }
                _ => add(g, flow.port_a, edge(ra, face_a), edge(rb, face_b), None, reach),
            },
            Plan::Margin {
                gs, gt, face_a, face_b, ..
            } => {
                let xs = gutter_x(gs, gutter_runs.get(&(k, 0)).copied().unwrap_or(0));
                let xt = gutter_x(gt, gutter_runs.get(&(k, 1)).copied().unwrap_or(0));
                add(gs, flow.port_a, edge(ra, face_a), xs, Some(true), 0.0);
                add(gt, flow.port_b, edge(rb, face_b), xt, Some(false), 0.0);
            }
        }
    }
    let mut gutters: Vec<usize> = stubs.keys().copied().collect();
    gutters.sort_unstable();
    for g in gutters {
        // One-dimensional overlap removal: every stub entering this gutter keeps a track's
        // distance from the next one down, within its card's side; order is kept, so ports on
        // one side stay sorted by where they head.
        let Some(mut items) = stubs.remove(&g) else {
            continue;
        };
        // A crowded side may have spread its ports past its ends: bring them back on the card.
        for item in &mut items {
            item.y = item.y.clamp(item.lo, item.hi.max(item.lo));
        }
        relax(&mut items);
        // A stub pushed against the end of its card's side can still sit too close to a stub
        // that cannot move (a run along the row from a card further away): try it on the other
        // side of that one, and keep the change when fewer stubs clash.
        for _ in 0..8 {
            let clashes = clashing(&items);
            let Some(&(i, j)) = clashes.first() else {
                break;
            };
            let mut tried = items.clone();
            let gap = TRACK + tried[i].reach + tried[j].reach;
            if tried[j].lo < tried[j].hi {
                tried[j].y = (tried[i].y - gap).clamp(tried[j].lo, tried[j].hi);
            } else if tried[i].lo < tried[i].hi {
                tried[i].y = (tried[j].y + gap).clamp(tried[i].lo, tried[i].hi);
            } else {
                break;
            }
            relax(&mut tried);
            if clashing(&tried).len() < clashes.len() {
                items = tried;
            } else {
                break;
            }
        }
        for item in items {
            match item.end {
                Some(true) => flows[item.flow].port_a = item.y,
                Some(false) => flows[item.flow].port_b = item.y,
                None => {}
            }
        }
    }
}

/// Only stubs that run side by side along the gutter need to keep apart, and only near
/// neighbours in height can meet: a window keeps this linear in a long gutter.
const STUB_WINDOW: usize = 64;

/// Whether two stubs run side by side along the gutter.
fn stubs_meet(a: &Stub, b: &Stub) -> bool {
    a.x1.min(b.x1) - a.x0.max(b.x0) > 0.5
}

/// One-dimensional overlap removal: every stub keeps a track's distance from the next one
/// down, within its card's side; order is kept, so ports on one side stay sorted by where they
/// head. Leaves `items` sorted by height.
fn relax(items: &mut [Stub]) {
    items.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.flow.cmp(&b.flow)));
    if !settled(items) {
        sweep(items);
        items.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.flow.cmp(&b.flow)));
    }
}

/// Three sweeps down and up, each pushing a stub off the one before it, within its side.
fn sweep(items: &mut [Stub]) {
    for _ in 0..3 {
        for i in 1..items.len() {
            let least = (i.saturating_sub(STUB_WINDOW)..i)
                .filter(|&j| stubs_meet(&items[j], &items[i]))
                .map(|j| items[j].y + TRACK + items[j].reach + items[i].reach)
                .fold(f32::NEG_INFINITY, f32::max);
            if items[i].y < least {
                items[i].y = least.min(items[i].hi);
            }
        }
        for i in (0..items.len()).rev() {
            let most = (i + 1..items.len().min(i + 1 + STUB_WINDOW))
                .filter(|&j| stubs_meet(&items[j], &items[i]))
                .map(|j| items[j].y - TRACK - items[j].reach - items[i].reach)
                .fold(f32::INFINITY, f32::min);
            if items[i].y > most {
                items[i].y = most.max(items[i].lo);
            }
        }
    }
}

/// Whether [`relax`] would move none of `items` (sorted by height): no two stubs that meet
/// within its window are closer than it keeps them, by the very sums it compares. Most gutters
/// are, and one sweep that stops at the first stub too far up to matter costs less than its six.
fn settled(items: &[Stub]) -> bool {
    let reach = items.iter().map(|s| s.reach).fold(0.0, f32::max);
    let far = TRACK + 2.0 * reach + 1.0;
    (1..items.len()).all(|i| {
        let lower = &items[i];
        (i.saturating_sub(STUB_WINDOW)..i)
            .rev()
            .map(|j| &items[j])
            .take_while(|upper| lower.y - upper.y <= far)
            .filter(|upper| stubs_meet(upper, lower))
            .all(|upper| {
                lower.y >= upper.y + TRACK + upper.reach + lower.reach
                    && upper.y <= lower.y - TRACK - lower.reach - upper.reach
            })
    })
}

/// Pairs `(upper, lower)` of sorted stubs of different flows that meet closer than a line's
/// separation.
fn clashing(items: &[Stub]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for i in 0..items.len() {
        for j in i + 1..items.len().min(i + 1 + STUB_WINDOW) {
            let (a, b) = (&items[i], &items[j]);
            if a.flow != b.flow && stubs_meet(a, b) && b.y - a.y < SEPARATION - 0.01 {
                out.push((i, j));
            }
        }
    }
    out
}

/// Height of the label band each lane keeps in its top margin for labels of straight verticals
/// that enter it from above or leave it upwards.
fn label_bands(grid: &Grid<'_>, flows: &[Flow]) -> Vec<f32> {
    let mut band = vec![0.0f32; grid.lanes.len()];
    for flow in flows {
        if let (Plan::Vertical { lower, .. }, LabelSpot::Between, Some((_, _, h))) = (flow.plan, flow.spot, &flow.label)
        {
            let lane = grid.cards[lower].lane;
            band[lane] = band[lane].max(h + 4.0);
        }
    }
    band
}

/// `(flow, 0 | 1)` → track of that flow's first or second gutter run.
type RunTracks = HashMap<(usize, usize), usize>;

/// Tracks of every gutter, the track of each run, and the width each gutter needs for the labels
/// that sit in `windows` of their own.
fn gutter_tracks(grid: &Grid<'_>, flows: &[Flow], windows: &HashMap<usize, f32>) -> (Vec<Tracks>, RunTracks, Vec<f32>) {
    let mut runs: Vec<Vec<(Run, (usize, usize))>> = vec![Vec::new(); grid.gutters.len()];
    let gutter_mid = |g: usize| (grid.gutters[g].0 + grid.gutters[g].1) / 2.0;
    for (k, flow) in flows.iter().enumerate() {
        let (ra, rb) = (grid.cards[flow.a].rect, grid.cards[flow.b].rect);
        let label_w = flow.label.as_ref().map_or(0.0, |l| l.1 + 8.0);
        let label_h = flow.label.as_ref().map_or(0.0, |l| l.2);
        match flow.plan {
            Plan::Vertical { .. } => {}
            Plan::Gutter { g, .. } => {
                let (ya, yb) = (flow.port_a, flow.port_b);
                if (ya - yb).abs() < 0.5 {
                    // Straight across: a labelled one keeps a band of the gutter free for its label.
                    if flow.spot == LabelSpot::GutterCrossing && flow.label.is_some() {
                        runs[g].push((
                            Run {
                                lo: ya - label_h / 2.0,
                                hi: ya + label_h / 2.0,
                                key: (1, 0.0, k),
                                thickness: label_w,
                            },
                            (k, 0),
                        ));
                    }
                    continue;
                }
                let x = gutter_mid(g);
                let dir = |r: Rect| r.center().x < x;
                let key = run_key((ya, dir(ra)), (yb, dir(rb)), k);
                let thickness = if windows.contains_key(&k) {
                    TRACK
                } else if matches!(flow.spot, LabelSpot::GutterRun | LabelSpot::GutterCrossing) {
                    label_w.max(TRACK)
                } else {
                    TRACK
                };
                runs[g].push((
                    Run {
                        lo: ya.min(yb),
                        hi: ya.max(yb),
                        key,
                        thickness,
                    },
                    (k, 0),
                ));
            }
            Plan::Margin { gs, gt, lane, top, .. } => {
                let span = grid.lanes[lane];
                let ym = if top { span.top } else { span.bottom };
                for (which, g, y, r, toward_left) in
                    [(0, gs, flow.port_a, ra, gt < gs), (1, gt, flow.port_b, rb, gs < gt)]
                {
                    let x = gutter_mid(g);
                    let key = run_key((y, r.center().x < x), (ym, toward_left), k);
                    runs[g].push((
                        Run {
                            lo: y.min(ym),
                            hi: y.max(ym),
                            key,
                            thickness: TRACK,
                        },
                        (k, which),
                    ));
                }
            }
        }
    }
    let mut of_flow = HashMap::new();
    // A label in a window of its own still has to fit between the gutter's cards, and to cover
    // its own line: it moves towards the gutter's middle as far as that allows.
    let mut label_room = vec![0.0f32; grid.gutters.len()];
    let tracks = runs
        .iter()
        .zip(&mut label_room)
        .map(|(runs, room)| {
            let plain: Vec<Run> = runs.iter().map(|(r, _)| r.clone()).collect();
            let t = assign(&plain);
            for ((_, owner), &track) in runs.iter().zip(&t.of_run) {
                of_flow.insert(*owner, track);
                if let (true, Some((_, w, _))) = (windows.contains_key(&owner.0), &flows[owner.0].label) {
                    let off = (t.centre[track] - t.total / 2.0).abs();
                    *room = room
                        .max(w + 2.0 * LABEL_AIR)
                        .max(2.0 * off + 2.0 * (LABEL_AIR + LABEL_OVER));
                }
            }
            t
        })
        .collect();
    (tracks, of_flow, label_room)
}

/// Where on its vertical run the label of each labelled flow through a gutter can sit with no
/// other flow's line near it: such a label takes only the gutter's width, not a track as wide
/// as itself, so labelled runs side by side no longer widen a gutter by a label each. Flow →
/// the label's centre height.
fn free_label_windows(grid: &Grid<'_>, flows: &[Flow], obstacles: &[Rect]) -> HashMap<usize, f32> {
    // What each flow holds of each gutter's height: its runs along it, and the heights at which
    // it crosses it; and what labels keep clear of there (the three lines, the emotion band).
    let mut busy: Vec<Vec<(f32, f32, usize)>> = grid
        .gutters
        .iter()
        .map(|&(x0, x1)| {
            obstacles
                .iter()
                .filter(|r| r.min.x < x1 && r.max.x > x0)
                .map(|r| (r.min.y, r.max.y, usize::MAX))
                .collect()
        })
        .collect();
    let across = |busy: &mut Vec<Vec<(f32, f32, usize)>>, from: usize, to: usize, lo: f32, hi: f32, k: usize| {
        for gutter in &mut busy[from.min(to)..=from.max(to)] {
            gutter.push((lo, hi, k));
        }
    };
    for (k, flow) in flows.iter().enumerate() {
        let (ya, yb) = (flow.port_a, flow.port_b);
        match flow.plan {
            Plan::Vertical { .. } => {}
            Plan::Gutter { g, face_a, face_b } => {
                let half = match (&flow.label, flow.spot) {
                    (Some((_, _, h)), LabelSpot::GutterCrossing) => h / 2.0,
                    _ => 0.0,
                };
                across(
                    &mut busy,
                    grid.gutter_beside(flow.a, face_a),
                    g,
                    ya - half,
                    ya + half,
                    k,
                );
                across(&mut busy, grid.gutter_beside(flow.b, face_b), g, yb, yb, k);
                busy[g].push((ya.min(yb), ya.max(yb), k));
            }
            Plan::Margin { gs, gt, lane, top, .. } => {
                let span = grid.lanes[lane];
                let (m0, m1) = if top {
                    (span.top, span.top + span.margin_top)
                } else {
                    (span.bottom - span.margin_bottom, span.bottom)
                };
                across(&mut busy, gs, gt, m0, m1, k);
                busy[gs].push((ya.min(m0), ya.max(m1), k));
                busy[gt].push((yb.min(m0), yb.max(m1), k));
            }
        }
    }
    let mut windows = HashMap::new();
    for (k, flow) in flows.iter().enumerate() {
        let (Plan::Gutter { g, .. }, LabelSpot::GutterRun, Some((_, _, h))) = (flow.plan, flow.spot, &flow.label)
        else {
            continue;
        };
        if (flow.port_a - flow.port_b).abs() < 0.5 {
            continue;
        }
        // Centres that keep the label off the run's ends and a track and a clearance away from
        // every other flow's line (ports may still move that much when stubs are kept apart).
        let reach = h / 2.0 + 4.0;
        let (lo, hi) = (
            flow.port_a.min(flow.port_b) + reach,
            flow.port_a.max(flow.port_b) - reach,
        );
        if lo > hi {
            continue;
        }
        let keep = h / 2.0 + TRACK + 2.0 * SEPARATION;
        let mut blocked: Vec<(f32, f32)> = busy[g]
            .iter()
            .filter(|&&(_, _, other)| other != k)
            .map(|&(b0, b1, _)| (b0 - keep, b1 + keep))
            .filter(|&(b0, b1)| b1 > lo && b0 < hi)
            .collect();
        blocked.sort_by(|x, y| x.0.total_cmp(&y.0));
        // The free stretches of centres, and the one nearest the run's middle.
        let mid = (lo + hi) / 2.0;
        let mut best: Option<f32> = None;
        let mut start = lo;
        for (b0, b1) in blocked.into_iter().chain(std::iter::once((hi, hi))) {
            if b0 >= start {
                let centre = mid.clamp(start, b0.min(hi));
                if best.is_none_or(|c| (centre - mid).abs() < (c - mid).abs()) {
                    best = Some(centre);
                }
            }
            start = start.max(b1);
        }
        if let Some(centre) = best {
            windows.insert(k, centre);
        }
    }
    windows
}

/// The order key of a vertical run whose ends turn left (`true`) or right at the given heights.
///
/// Runs that turn left at both ends go nearest the left, innermost first; runs that turn right
/// at both ends nearest the right, innermost last; a run that comes in on one side and leaves on
/// the other is ordered by height so that neighbours' turns do not cross it.
fn run_key(end1: (f32, bool), end2: (f32, bool), k: usize) -> (u8, f32, usize) {
    let (top, bottom) = if end1.0 <= end2.0 { (end1, end2) } else { (end2, end1) };
    let length = bottom.0 - top.0;
    match (top.1, bottom.1) {
        (true, true) => (0, length, k),
        (false, false) => (3, -length, k),
        // In from the left above, out to the right below: the lower ones go left.
        (true, false) => (1, -top.0, k),
        (false, true) => (2, top.0, k),
    }
}

/// Tracks of every lane margin ([0] above the cards, [1] below); flow → its margin track.
fn margin_tracks(grid: &Grid<'_>, flows: &[Flow]) -> ([Vec<Tracks>; 2], HashMap<usize, usize>) {
    let lanes = grid.lanes.len();
    let mut runs: [Vec<Vec<(Run, usize)>>; 2] = [vec![Vec::new(); lanes], vec![Vec::new(); lanes]];
    for (k, flow) in flows.iter().enumerate() {
        if let Plan::Margin { gs, gt, lane, top, .. } = flow.plan {
            let (lo, hi) = (grid.gutters[gs.min(gt)].0, grid.gutters[gs.max(gt)].1);
            let thickness = if flow.spot == LabelSpot::MarginRun {
                flow.label.as_ref().map_or(TRACK, |l| (l.2 + 4.0).max(TRACK))
            } else {
                TRACK
            };
            // Both ends turn towards the cards: the shortest runs nearest them.
            runs[usize::from(!top)][lane].push((
                Run {
                    lo,
                    hi,
                    key: (0, hi - lo, k),
                    thickness,
                },
                k,
            ));
        }
    }
    let mut of_flow = HashMap::new();
    let tracks = runs.map(|per_lane| {
        per_lane
            .iter()
            .map(|runs| {
                let plain: Vec<Run> = runs.iter().map(|(r, _)| r.clone()).collect();
                let t = assign(&plain);
                for ((_, k), &track) in runs.iter().zip(&t.of_run) {
                    of_flow.insert(*k, track);
                }
                t
            })
            .collect()
    });
    (tracks, of_flow)
}

/// Marks where each route hops over another one: a horizontal run of one flow crossing a
/// vertical run of another gets a small arc, so a crossing never reads as a junction.
fn add_jumps(routes: &mut [FlowRoute]) {
    // Vertical runs, by x: (x, y0, y1, route).
    let mut verticals: Vec<(f32, f32, f32, usize)> = Vec::new();
    for (r, route) in routes.iter().enumerate() {
        for w in route.points.windows(2) {
            if (w[0].x - w[1].x).abs() < 0.01 && (w[0].y - w[1].y).abs() > 0.01 {
                verticals.push((w[0].x, w[0].y.min(w[1].y), w[0].y.max(w[1].y), r));
            }
        }
    }
    verticals.sort_by(|a, b| a.0.total_cmp(&b.0));
    for (r, route) in routes.iter_mut().enumerate() {
        let mut jumps = Vec::new();
        for w in route.points.windows(2) {
            if (w[0].y - w[1].y).abs() > 0.01 {
                continue;
            }
            let (x0, x1, y) = (w[0].x.min(w[1].x), w[0].x.max(w[1].x), w[0].y);
            let from = verticals.partition_point(|v| v.0 <= x0 + JUMP);
            for v in verticals[from..].iter().take_while(|v| v.0 < x1 - JUMP) {
                if v.3 != r && v.1 + JUMP < y && y < v.2 - JUMP {
                    jumps.push(pt(v.0, y));
                }
            }
        }
        route.jumps = jumps;
    }
}

/// A spatial index of rectangles in a dense grid of cells over the drawing, so checking a label
/// against everything stays local and cheap.
struct Index {
    cell: f32,
    origin: Point,
    columns: usize,
    rows: usize,
    buckets: Vec<Vec<usize>>,
    /// The rectangle and the route it belongs to (`usize::MAX` for cards, badges and labels).
    items: Vec<(Rect, usize)>,
}

impl Index {
    /// An empty index over `bounds` (rectangles beyond it fall in the border cells).
    fn new(bounds: Rect) -> Index {
        // Cells of 128 units, larger on huge drawings so the grid stays within 1,024 a side
        // (and every cell holds a fair share, rather than the border cells holding the rest).
        let finite = bounds.width().is_finite() && bounds.height().is_finite();
        let cell = if finite {
            (bounds.width().max(bounds.height()) / 1024.0).max(128.0)
        } else {
            128.0
        };
        let size = |extent: f32| ((extent / cell).ceil().max(1.0) as usize).min(1024);
        let (columns, rows) = if finite {
            (size(bounds.width()), size(bounds.height()))
        } else {
            (1, 1)
        };
        Index {
            cell,
            origin: if bounds.min.x.is_finite() {
                bounds.min
            } else {
                pt(0.0, 0.0)
            },
            columns,
            rows,
            buckets: vec![Vec::new(); columns * rows],
            items: Vec::new(),
        }
    }

    fn cells(&self, r: &Rect) -> impl Iterator<Item = usize> + use<> {
        let (c, o) = (self.cell, self.origin);
        let clamp = |v: f32, n: usize| (((v / c).floor().max(0.0)) as usize).min(n - 1);
        let (x0, x1) = (clamp(r.min.x - o.x, self.columns), clamp(r.max.x - o.x, self.columns));
        let (y0, y1) = (clamp(r.min.y - o.y, self.rows), clamp(r.max.y - o.y, self.rows));
        let columns = self.columns;
        (y0..=y1).flat_map(move |y| (x0..=x1).map(move |x| y * columns + x))
    }

    fn add(&mut self, r: Rect, owner: usize) {
        let id = self.items.len();
        self.items.push((r, owner));
        for cell in self.cells(&r) {
            self.buckets[cell].push(id);
        }
    }

    /// Whether `r` meets anything but the runs of route `own`.
    fn hits(&self, r: &Rect, own: usize) -> bool {
        self.cells(r).any(|cell| {
            self.buckets[cell].iter().any(|&id| {
                let (item, owner) = self.items[id];
                owner != own && item.intersects(r)
            })
        })
    }
}

/// Places each label on its own route where it covers no card, badge, header, other label or
/// other flow's line; the channels were made wide enough for that in the first place.
fn place_labels(
    grid: &Grid<'_>,
    style: &Style,
    flows: &[Flow],
    routes: &mut [FlowRoute],
    obstacles: &[Rect],
    anchors: &HashMap<usize, Point>,
) {
    let bounds = grid
        .cards
        .iter()
        .map(|c| c.rect)
        .chain(obstacles.iter().copied())
        .chain(routes.iter().map(|r| Rect::from_points(&r.points)))
        .fold(Rect::NOTHING, |a, b| a.union(&b))
        .expand(256.0);
    let mut index = Index::new(bounds);
    for card in grid.cards {
        index.add(card.rect.expand(2.0), usize::MAX);
    }
    for r in obstacles {
        index.add(r.expand(1.0), usize::MAX);
    }
    for (r, route) in routes.iter().enumerate() {
        for w in route.points.windows(2) {
            index.add(Rect::from_points(&[w[0], w[1]]).expand(1.5), r);
        }
    }
    for (r, flow) in flows.iter().enumerate() {
        let Some(first_shape) = &flow.label else {
            continue;
        };
        let points = &routes[r].points;
        // Where the room was made first, then along every run of the route, longest first; in
        // the shape wrapped for that room first, then in the others.
        let mut runs: Vec<(Point, Point)> = points.windows(2).map(|p| (p[0], p[1])).collect();
        runs.sort_by(|x, y| y.0.distance(y.1).total_cmp(&x.0.distance(x.1)));
        let tries_for = |(_, w, h): &LabelBox| {
            let mut tries: Vec<Point> = anchors.get(&r).copied().into_iter().collect();
            if let Plan::Vertical { lower, .. } = flow.plan {
                // The band kept in the lower lane's top margin, just above the arrowhead's room.
                let top = grid.cards[lower].rect.min.y;
                tries.push(pt(points[0].x, top - HEAD_ROOM - 2.0 - h / 2.0));
            }
            if let Some((p, q)) = preferred_run(flow, points) {
                tries.extend(candidates(p, q, *w, *h));
            }
            tries.extend(runs.iter().flat_map(|&(p, q)| candidates(p, q, *w, *h)));
            tries
        };
        // Where no place on the route is free (a neighbour's line runs a track away along all of
        // it), the label sits just beside its own line, touching it.
        let beside_for = |shape: &LabelBox| {
            let (_, w, h) = shape;
            runs.iter()
                .flat_map(|&(p, q)| {
                    let horizontal = (p.y - q.y).abs() < (p.x - q.x).abs();
                    let off = if horizontal {
                        pt(0.0, h / 2.0 + 2.0)
                    } else {
                        pt(w / 2.0 + 2.0, 0.0)
                    };
                    candidates(p, q, *w, *h)
                        .into_iter()
                        .flat_map(move |c| [pt(c.x - off.x, c.y - off.y), pt(c.x + off.x, c.y + off.y)])
                })
                .collect::<Vec<Point>>()
        };
        let box_at = |c: Point, (_, w, h): &LabelBox| Rect::from_xywh(c.x - w / 2.0, c.y - h / 2.0, *w, *h);
        let shapes = || std::iter::once(first_shape).chain(&flow.label_alternatives);
        let free = |tries: &dyn Fn(&LabelBox) -> Vec<Point>| {
            shapes().find_map(|shape| {
                tries(shape)
                    .into_iter()
                    .map(|c| box_at(c, shape))
                    .find(|rect| !index.hits(rect, r))
                    .map(|rect| (rect, shape))
            })
        };
        let found = free(&tries_for).or_else(|| free(&beside_for));
        let (rect, (lines, _, _)) = found.unwrap_or_else(|| {
            let first = tries_for(first_shape).first().copied().unwrap_or(points[0]);
            (box_at(first, first_shape), first_shape)
        });
        index.add(rect, usize::MAX);
        let block = TextBlock::place(
            lines.clone(),
            style.meta_font,
            Weight::Regular,
            rect.min.x + 4.0,
            rect.min.y + 1.5,
            rect.width() - 8.0,
            Align::Center,
        );
        routes[r].label = Some((rect, block));
    }
}

/// The run a label was given room on.
fn preferred_run(flow: &Flow, points: &[Point]) -> Option<(Point, Point)> {
    let run = |i: usize| points.get(i).zip(points.get(i + 1)).map(|(a, b)| (*a, *b));
    match (flow.plan, flow.spot) {
        (Plan::Gutter { .. }, _) if points.len() == 4 => run(1),
        (Plan::Margin { .. }, _) => run(2),
        _ => run(0),
    }
}

/// Centres to try along the run from `p` to `q`: the middle first, then outwards, keeping the
/// label off the ends (where arrowheads and turns are).
fn candidates(p: Point, q: Point, w: f32, h: f32) -> Vec<Point> {
    let horizontal = (p.y - q.y).abs() < (p.x - q.x).abs();
    let (lo, hi) = if horizontal {
        (p.x.min(q.x) + w / 2.0 + 4.0, p.x.max(q.x) - w / 2.0 - 4.0)
    } else {
        (p.y.min(q.y) + h / 2.0 + 4.0, p.y.max(q.y) - h / 2.0 - 4.0)
    };
    // Fine steps on short runs (where a free place is narrow), at most ~50 places on long ones.
    let along = ((hi - lo) / 48.0).max(4.0);
    let at = |v: f32| if horizontal { pt(v, p.y) } else { pt(p.x, v) };
    if hi < lo {
        // Shorter than the label: its middle is the only place, if any.
        return vec![at((lo + hi) / 2.0)];
    }
    let mid = (lo + hi) / 2.0;
    let steps = ((hi - lo) / 2.0 / along).floor() as i32;
    let mut out = vec![at(mid)];
    for i in 1..=steps {
        out.push(at(mid - i as f32 * along));
        out.push(at(mid + i as f32 * along));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{STUB_WINDOW, Stub, TRACK, balanced, relax, settled, sweep};
    use crate::text::{Weight, fonts, wrap};
    use proptest::prelude::*;

    fn texts(text: &str, size: f32, width: f32) -> (Vec<String>, Vec<String>) {
        let greedy = wrap(text, Weight::Regular, size, width, 4);
        let even = balanced(text, size, (0.0, width), 4);
        let strings = |lines: Vec<crate::text::WrappedLine>| lines.into_iter().map(|l| l.text).collect();
        (strings(greedy), strings(even))
    }

    #[test]
    fn a_label_of_several_lines_takes_them_evenly_and_no_more_of_them() {
        let size = 14.0;
        let face = fonts().face(Weight::Regular);
        // Greedy filling leaves one character, or "in 5)", on a line of its own.
        let width = face.width("一周没有音", size) + 1.0;
        let (greedy, even) = texts("一周没有音讯", size, width);
        assert_eq!(greedy, ["一周没有音", "讯"]);
        assert_eq!(even, ["一周没", "有音讯"]);
        let width = face.width("still incomplete (1", size) + 1.0;
        let (greedy, even) = texts("still incomplete (1 in 5)", size, width);
        assert_eq!(greedy, ["still incomplete (1", "in 5)"]);
        assert_eq!(even, ["still incomplete", "(1 in 5)"]);
        // One line, or a text cut short, stays as it is.
        let (greedy, even) = texts("all papers again", size, 400.0);
        assert_eq!(greedy, even);
        let long = "a long label ".repeat(20);
        let cut = balanced(&long, size, (0.0, 90.0), 2);
        assert!(cut[1].text.ends_with('…'));
        assert_eq!(cut, wrap(&long, Weight::Regular, size, 90.0, 2));
    }

    fn stub(y: f32, reach: f32, flow: usize) -> Stub {
        Stub {
            y,
            lo: y - 40.0,
            hi: y + 40.0,
            x0: 0.0,
            x1: 10.0,
            reach,
            flow,
            end: Some(true),
        }
    }

    #[test]
    fn stubs_a_track_apart_are_left_where_they_are_and_closer_ones_are_pushed_apart() {
        let mut apart: Vec<Stub> = (0..5).map(|k| stub(k as f32 * TRACK, 0.0, k)).collect();
        assert!(settled(&apart));
        relax(&mut apart);
        assert_eq!(
            apart.iter().map(|s| s.y).collect::<Vec<_>>(),
            [0.0, 8.0, 16.0, 24.0, 32.0]
        );
        let mut close = vec![stub(0.0, 0.0, 0), stub(3.0, 0.0, 1), stub(40.0, 0.0, 2)];
        assert!(!settled(&close));
        relax(&mut close);
        assert!(
            close[1].y - close[0].y >= TRACK,
            "{:?}",
            close.iter().map(|s| s.y).collect::<Vec<_>>()
        );
    }

    proptest! {
        /// The shortcut may only skip sweeps that would have moved nothing.
        #[test]
        fn a_gutter_called_settled_is_one_the_sweeps_leave_alone(
            stubs in proptest::collection::vec(
                // Gaps around a track's width, so that gutters come both settled and not.
                (-3.0f32..24.0, prop_oneof![3 => Just(0.0f32), 1 => 0.0f32..8.0], 0.0f32..20.0, 0.0f32..20.0),
                1..(STUB_WINDOW + 40),
            )
        ) {
            let mut y = 0.0;
            let mut items: Vec<Stub> = stubs
                .iter()
                .enumerate()
                .map(|(k, &(gap, reach, x0, len))| {
                    y += gap.max(0.0);
                    Stub { x0, x1: x0 + len, ..stub(y, reach, k) }
                })
                .collect();
            items.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.flow.cmp(&b.flow)));
            let mut swept = items.clone();
            sweep(&mut swept);
            let moved = items.iter().zip(&swept).any(|(a, b)| a.y.to_bits() != b.y.to_bits());
            prop_assert!(!(settled(&items) && moved));
        }
    }
}
