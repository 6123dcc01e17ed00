//! Orthogonal flow routing. Cards sit in a grid whose gutters (between columns) and lane
//! margins (above the cards of each lane) are kept free of cards, so a route that runs
//! through them never crosses a card.

use super::{Align, CardBox, FlowRoute, TextBlock};
use crate::geom::{Point, Rect, pt};
use crate::model::Blueprint;
use crate::style::Style;
use crate::text::{Weight, min_content_width, wrap};
use std::collections::HashMap;

/// Offsets of parallel routes sharing a gutter, so they stay apart.
const TRACKS: [f32; 5] = [0.0, -6.0, 6.0, -12.0, 12.0];

struct Router<'a> {
    cards: &'a [CardBox],
    /// Card indices per stage column.
    by_column: Vec<Vec<usize>>,
    columns_x: f32,
    column_width: f32,
    lane_tops: &'a [f32],
    /// How many routes already use each gutter (keyed by its column boundary).
    gutter_use: HashMap<usize, usize>,
}

impl Router<'_> {
    /// x of the boundary left of column `j` (the middle of the gutter), moved to a free track.
    fn gutter(&mut self, boundary: usize) -> f32 {
        let last = boundary == self.by_column.len();
        let count = self.gutter_use.entry(boundary).or_insert(0);
        // The right edge of the grid has only its inner half: keep routes inside the lanes.
        let offset = if last {
            -8.0 - 5.0 * (*count % 3) as f32
        } else {
            TRACKS[*count % TRACKS.len()]
        };
        *count += 1;
        self.columns_x + boundary as f32 * self.column_width + offset
    }

    /// The stage columns a rectangle touches.
    fn columns_of(&self, r: &Rect) -> std::ops::RangeInclusive<usize> {
        let last = self.by_column.len().saturating_sub(1);
        let column = |x: f32| (((x - self.columns_x) / self.column_width).floor().max(0.0) as usize).min(last);
        column(r.min.x)..=column(r.max.x)
    }

    /// Whether a horizontal run at `y` between `x1` and `x2` passes through a card other than
    /// the two it joins.
    fn blocked_horizontal(&self, y: f32, x1: f32, x2: f32, skip: [usize; 2]) -> bool {
        let run = Rect {
            min: pt(x1.min(x2), y - 1.0),
            max: pt(x1.max(x2), y + 1.0),
        };
        let first = ((run.min.x - self.columns_x) / self.column_width).floor().max(0.0) as usize;
        let last = ((run.max.x - self.columns_x) / self.column_width).floor().max(0.0) as usize;
        (first..=last.min(self.by_column.len().saturating_sub(1))).any(|j| {
            self.by_column[j]
                .iter()
                .any(|&c| !skip.contains(&c) && self.cards[c].rect.intersects(&run))
        })
    }

    /// Whether a vertical run at `x` in column `j` passes through another card.
    fn blocked_vertical(&self, x: f32, y1: f32, y2: f32, column: usize, skip: [usize; 2]) -> bool {
        let run = Rect {
            min: pt(x - 1.0, y1.min(y2)),
            max: pt(x + 1.0, y1.max(y2)),
        };
        self.by_column[column]
            .iter()
            .any(|&c| !skip.contains(&c) && self.cards[c].rect.intersects(&run))
    }

    fn route(&mut self, a: usize, b: usize) -> Vec<Point> {
        let (ca, cb) = (&self.cards[a], &self.cards[b]);
        let (ra, rb) = (ca.rect, cb.rect);
        let (ya, yb) = (ra.center().y, rb.center().y);
        let skip = [a, b];
        if ca.stage == cb.stage {
            let x = ra.center().x;
            let (start, end) = if rb.min.y >= ra.max.y {
                (pt(x, ra.max.y), pt(x, rb.min.y))
            } else {
                (pt(x, ra.min.y), pt(x, rb.max.y))
            };
            if !self.blocked_vertical(x, start.y, end.y, ca.stage, skip) {
                return vec![start, end];
            }
            // Around the other cards, through the gutter at the right.
            let gx = self.gutter(ca.stage + 1);
            return vec![pt(ra.max.x, ya), pt(gx, ya), pt(gx, yb), pt(rb.max.x, yb)];
        }
        let forward = cb.stage > ca.stage;
        let (exit_x, enter_x) = if forward {
            (ra.max.x, rb.min.x)
        } else {
            (ra.min.x, rb.max.x)
        };
        // The gutter beside the target, on the side the route comes from.
        let target_boundary = if forward { cb.stage } else { cb.stage + 1 };
        let source_boundary = if forward { ca.stage + 1 } else { ca.stage };
        if (ya - yb).abs() < 0.5 && !self.blocked_horizontal(ya, exit_x, enter_x, skip) {
            return vec![pt(exit_x, ya), pt(enter_x, yb)];
        }
        let gx = self.gutter(target_boundary);
        if !self.blocked_horizontal(ya, exit_x, gx, skip) {
            return vec![pt(exit_x, ya), pt(gx, ya), pt(gx, yb), pt(enter_x, yb)];
        }
        // Cards in between: leave through the source's gutter, run along the lane's free margin
        // (above the cards going forward, below them going back, so loops read as loops).
        let sx = self.gutter(source_boundary);
        let lane = ca.lane;
        let channel_y = if forward {
            self.lane_tops[lane] + 6.0
        } else {
            self.lane_tops[lane + 1] - 6.0
        };
        vec![
            pt(exit_x, ya),
            pt(sx, ya),
            pt(sx, channel_y),
            pt(gx, channel_y),
            pt(gx, yb),
            pt(enter_x, yb),
        ]
    }
}

/// Routes every flow whose two steps have cards.
pub(super) fn route_flows(
    blueprint: &Blueprint,
    style: &Style,
    cards: &[CardBox],
    card_of_step: &[Option<usize>],
    step_index: &HashMap<&str, usize>,
    columns_x: f32,
    lane_tops: &[f32],
) -> Vec<FlowRoute> {
    let mut by_column = vec![Vec::new(); blueprint.stages.len()];
    for (c, card) in cards.iter().enumerate() {
        by_column[card.stage].push(c);
    }
    let mut router = Router {
        cards,
        by_column,
        columns_x,
        column_width: style.column_width(),
        lane_tops,
        gutter_use: HashMap::new(),
    };
    let card_for = |id: &str| step_index.get(id).and_then(|&i| card_of_step[i]);
    let mut placed_labels = PlacedLabels::default();
    blueprint
        .flows
        .iter()
        .enumerate()
        .filter_map(|(f, flow)| {
            let (a, b) = (card_for(flow.from.as_str())?, card_for(flow.to.as_str())?);
            if a == b {
                return None;
            }
            let points = router.route(a, b);
            let crosses = blueprint.lines_between(cards[a].lane, cards[b].lane);
            let label = (!flow.label.trim().is_empty())
                .then(|| label_box(&flow.label, &points, style, &router, &mut placed_labels));
            Some(FlowRoute {
                flow: f,
                points,
                two_way: flow.two_way,
                crosses,
                label,
            })
        })
        .collect()
}

/// Labels placed so far, filed by the stage columns they touch, so checking a new one only
/// looks nearby.
#[derive(Default)]
struct PlacedLabels {
    by_column: HashMap<usize, Vec<Rect>>,
}

impl PlacedLabels {
    fn overlaps(&self, r: &Rect, columns: std::ops::RangeInclusive<usize>) -> bool {
        columns.into_iter().any(|j| {
            self.by_column
                .get(&j)
                .is_some_and(|v| v.iter().any(|p| p.intersects(r)))
        })
    }

    fn add(&mut self, r: Rect, columns: std::ops::RangeInclusive<usize>) {
        for j in columns {
            self.by_column.entry(j).or_default().push(r);
        }
    }
}

/// A label pill on the route: on the longest segment where it covers no card and no other
/// label, else on the longest segment.
fn label_box(
    text: &str,
    points: &[Point],
    style: &Style,
    router: &Router<'_>,
    placed: &mut PlacedLabels,
) -> (Rect, TextBlock) {
    let size = style.meta_font;
    let mut segments: Vec<(Point, Point)> = points.windows(2).map(|w| (w[0], w[1])).collect();
    segments.sort_by(|x, y| y.0.distance(y.1).total_cmp(&x.0.distance(x.1)));
    let free = |r: &Rect| {
        let columns = router.columns_of(r);
        !columns.clone().any(|j| {
            router.by_column[j]
                .iter()
                .any(|&c| router.cards[c].rect.expand(2.0).intersects(r))
        }) && !placed.overlaps(r, columns)
    };
    // Wide first; then narrow enough to sit in a gutter between columns.
    let narrow = 2.0 * style.cell_pad_x - 2.0;
    let mut fallback = None;
    for (wrap_width, max_lines) in [(120.0, 2), (narrow, 4)] {
        // Wider than a gutter rather than cut a word in two.
        let wrap_width = f32::max(wrap_width, min_content_width(text, Weight::Regular, size));
        let lines = wrap(text, Weight::Regular, size, wrap_width, max_lines);
        let width = lines.iter().map(|l| l.width).fold(0.0, f32::max) + 6.0;
        let height = TextBlock::height_of(lines.len(), size) + 2.0;
        let at = |a: Point, b: Point, t: f32| {
            let c = pt(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t);
            Rect::from_xywh(c.x - width / 2.0, c.y - height / 2.0, width, height)
        };
        let found = segments
            .iter()
            .flat_map(|&(a, b)| [0.5, 0.3, 0.7].map(|t| at(a, b, t)))
            .find(|r| free(r));
        match found {
            Some(rect) => return pill(rect, lines, size, placed, router),
            None => {
                let (a, b) = segments.first().copied().unwrap_or((points[0], points[0]));
                fallback = Some((at(a, b, 0.5), lines));
            }
        }
    }
    // Nowhere free: the narrow form on the longest segment.
    let (rect, lines) = fallback.unwrap_or_else(|| (Rect::NOTHING, Vec::new()));
    pill(rect, lines, size, placed, router)
}

/// Places a label's lines in its pill and files the pill as taken.
fn pill(
    rect: Rect,
    lines: Vec<crate::text::WrappedLine>,
    size: f32,
    placed: &mut PlacedLabels,
    router: &Router<'_>,
) -> (Rect, TextBlock) {
    placed.add(rect, router.columns_of(&rect));
    let block = TextBlock::place(
        lines,
        size,
        Weight::Regular,
        rect.min.x + 3.0,
        rect.min.y + 1.0,
        rect.width() - 6.0,
        Align::Center,
    );
    (rect, block)
}
