//! The display list: shapes and text runs built from the layout and a style. The canvas
//! paints it with egui; PNG and SVG export draw the very same list.

mod emotion;
mod highlight;
mod meaning;
mod shapes;

pub use crate::layout::{CriticalPath, HighlightKind, Highlights};
pub use emotion::{DOT_RADIUS as EMOTION_DOT_RADIUS, emotion_color};
pub use highlight::highlight_color;
pub use shapes::{Group, Item, Role, Scene, Shape, Stroke};

use crate::geom::{Point, Rect, pt};
use crate::layout::{Badge, Layout, TextBlock};
use crate::model::{Basis, Blueprint, Line, StepId};
use crate::style::{BadgeShape, Color, DrawingTexts, Style, badge_letter, badge_shape};
use crate::text::{Weight, fonts};

/// Builds the display list of `layout`. The layout should have been made with the same
/// `highlights` (`layout_with`), so their badges, strips and legend entries have room.
pub fn build(blueprint: &Blueprint, layout: &Layout, style: &Style, highlights: &Highlights) -> Scene {
    let mut scene = Scene::new(layout.bounds, style.background);
    // Room for what cards and flows usually take, so a large drawing's list is not copied as
    // it grows.
    scene.items.reserve(layout.cards.len() * 6 + layout.flows.len() * 3);
    scene.groups.reserve(layout.cards.len() + layout.flows.len());
    let texts = DrawingTexts::new(layout.lang);

    draw_lanes(&mut scene, blueprint, layout, style);
    draw_stage_headers(&mut scene, blueprint, layout, style, highlights, &texts);
    draw_lines(&mut scene, layout, style, &texts);
    if let Some(curve) = &layout.emotion {
        emotion::draw_emotion(&mut scene, blueprint, curve, style, &texts);
    }
    draw_cards(&mut scene, blueprint, layout, style, highlights, &texts);
    draw_flows(&mut scene, blueprint, layout, style, highlights);
    draw_title_and_legend(&mut scene, layout, style);
    scene
}

/// Draws card `c` again after [`Layout::relayout_card`] changed that card alone, with the
/// descriptions of its flows, which name its title. Returns false, leaving `scene` as it was,
/// when the new card does not take the place of the old item for item (its title gained or
/// lost a line within the same height): build the scene again then.
pub fn redraw_card(
    scene: &mut Scene,
    blueprint: &Blueprint,
    layout: &Layout,
    style: &Style,
    highlights: &Highlights,
    c: usize,
) -> bool {
    let Some(card) = layout.cards.get(c) else {
        return false;
    };
    let step = &blueprint.steps[card.step];
    let mut part = Scene::new(scene.bounds, scene.background);
    draw_card(
        &mut part,
        blueprint,
        layout,
        style,
        highlights,
        &DrawingTexts::new(layout.lang),
        c,
    );
    let id = format!("step-{}", step.id);
    let Some(g) = scene.groups.iter().position(|g| g.id == id) else {
        return false;
    };
    let (start, end, depth) = (scene.groups[g].start, scene.groups[g].end, scene.groups[g].depth);
    let nested = scene.groups[g..]
        .iter()
        .take_while(|h| h.start < end || h.depth > depth)
        .count();
    if end - start != part.items.len()
        || nested != part.groups.len()
        || part
            .items
            .iter()
            .zip(&scene.items[start..end])
            .any(|(new, old)| new.role != old.role)
    {
        return false;
    }
    for (old, new) in scene.items[start..end].iter_mut().zip(part.items) {
        *old = new;
    }
    for (old, new) in scene.groups[g..g + nested].iter_mut().zip(part.groups) {
        *old = Group {
            start: new.start + start,
            end: new.end + start,
            depth: new.depth + depth,
            ..new
        };
    }
    let step_of = |id: &StepId| layout.card_of(id).map(|c| &blueprint.steps[c.step]);
    for flow in blueprint.flows.iter().filter(|f| f.from == step.id || f.to == step.id) {
        scene.retitle_flow(flow, step_of);
    }
    true
}

/// Lane bands with their header cells, and the thin grid between stages and lanes.
fn draw_lanes(scene: &mut Scene, blueprint: &Blueprint, layout: &Layout, style: &Style) {
    let grid = layout.grid;
    // Lane bands and their header cells.
    for (i, lane) in layout.lanes.iter().enumerate() {
        let colors = style.lane_colors(lane.kind);
        scene.begin_lane(blueprint, i, lane.kind);
        scene.push(Role::Background, Shape::rect(lane.band, colors.band));
        scene.push(Role::LaneHeader, Shape::rect(lane.header, colors.header));
        scene.text(Role::LaneHeader, &lane.name, style.text);
        scene.end_group();
    }
    // Cell grid: thin separators between stages and lanes.
    scene.begin_group("grid".to_owned(), "grid".to_owned(), None);
    for stage in layout.stages.iter().skip(1) {
        let x = stage.column.min.x;
        scene.push(
            Role::Background,
            Shape::line(pt(x, layout.lanes_y), pt(x, grid.max.y), Stroke::solid(1.0, style.grid)),
        );
    }
    for lane in layout.lanes.iter().skip(1) {
        let y = lane.band.min.y;
        scene.push(
            Role::Background,
            Shape::line(pt(grid.min.x, y), pt(grid.max.x, y), Stroke::solid(1.0, style.grid)),
        );
    }
    scene.push(
        Role::Background,
        Shape::line(
            pt(layout.columns_x, grid.min.y),
            pt(layout.columns_x, grid.max.y),
            Stroke::solid(1.0, style.grid),
        ),
    );
    scene.end_group();
}

/// Stage headers, each with its heat strip and marker badges.
fn draw_stage_headers(
    scene: &mut Scene,
    blueprint: &Blueprint,
    layout: &Layout,
    style: &Style,
    highlights: &Highlights,
    texts: &DrawingTexts,
) {
    // Stage headers.
    for (j, stage) in layout.stages.iter().enumerate() {
        scene.begin_stage(blueprint, j);
        // The heat strip has the bottom of the header to itself, on the page colour, so its
        // dark end does not vanish into the dark header.
        let cell = match stage.heat {
            Some(strip) => Rect {
                min: stage.header.min,
                max: pt(stage.header.max.x, strip.min.y),
            },
            None => stage.header,
        };
        scene.push(
            Role::StageHeader,
            Shape::Rect {
                rect: cell.expand(-1.0),
                radius: 3.0,
                fill: style.stage_header,
                stroke: None,
            },
        );
        scene.text(Role::StageHeader, &stage.name, Color::WHITE);
        if let Some(strip) = stage.heat {
            let heat = highlights.heat_of(j).unwrap_or(0.0);
            scene.begin_heat(blueprint, j);
            highlight::draw_heat_strip(scene, strip, heat, style, Role::StageHeader);
            scene.end_group();
        }
        for badge in &stage.badges {
            scene.begin_marker(blueprint, badge.marker, texts);
            draw_badge(scene, badge, style, Role::StageHeader);
            scene.end_group();
        }
        scene.end_group();
    }
}

/// The three lines, each with its name.
fn draw_lines(scene: &mut Scene, layout: &Layout, style: &Style, texts: &DrawingTexts) {
    // The three lines: dashed, strong, labelled at the left (the labels sit over the lane
    // headers, which nothing else reaches, so they can be drawn with their line).
    for line in &layout.lines {
        scene.begin_line(line.line, texts);
        let width = if line.line == Line::Visibility { 2.5 } else { 2.0 };
        let stroke = Stroke {
            width,
            color: style.line_color,
            dash: Some((10.0, 6.0)),
        };
        scene.push(
            Role::Line,
            Shape::line(pt(line.x0, line.y), pt(line.x1, line.y), stroke),
        );
        scene.push(
            Role::LineLabel,
            Shape::Rect {
                rect: line.label_rect,
                // A pill of two lines keeps one line's round ends, which would otherwise cut
                // into its words.
                radius: line.label_rect.height().min(crate::layout::line_pill_height(style, 1)) / 2.0,
                fill: style.line_color,
                stroke: None,
            },
        );
        scene.text(Role::LineLabel, &line.label, Color::WHITE);
        scene.end_group();
    }
}

/// Cards, each with its text and badges, so a step is one run of items (one SVG group).
fn draw_cards(
    scene: &mut Scene,
    blueprint: &Blueprint,
    layout: &Layout,
    style: &Style,
    highlights: &Highlights,
    texts: &DrawingTexts,
) {
    for c in 0..layout.cards.len() {
        draw_card(scene, blueprint, layout, style, highlights, texts, c);
    }
}

/// Card `c` with its text and badges, as one group.
fn draw_card(
    scene: &mut Scene,
    blueprint: &Blueprint,
    layout: &Layout,
    style: &Style,
    highlights: &Highlights,
    texts: &DrawingTexts,
    c: usize,
) {
    let card = &layout.cards[c];
    let step = &blueprint.steps[card.step];
    let lane_kind = layout.lanes[card.lane].kind;
    let accent = style.lane_colors(lane_kind).accent;
    let critical = highlights.on_critical_path(card.step);
    scene.begin_step(blueprint, card.step, lane_kind, critical, texts);
    let (border, dash) = match step.basis {
        Basis::Observed => (accent, None),
        Basis::Assumed => (accent, Some((5.0, 4.0))),
        Basis::Proposed => (Color::hex(0x2B8A3E), Some((8.0, 4.0))),
    };
    let (border, width) = if critical {
        (style.critical_path, highlight::CRITICAL_OUTLINE_WIDTH)
    } else {
        (border, 1.5)
    };
    scene.push(
        Role::Card(c),
        Shape::Rect {
            rect: card.rect,
            radius: 6.0,
            fill: style.card_fill,
            stroke: Some(Stroke {
                width,
                color: border,
                dash,
            }),
        },
    );
    let bar = Rect {
        min: pt(card.rect.min.x + 1.5, card.rect.min.y + 6.0),
        max: pt(card.rect.min.x + 5.0, card.rect.max.y - 6.0),
    };
    scene.push(Role::CardDetail(c), Shape::rect(bar, accent));
    scene.text(Role::CardText(c), &card.title, style.text);
    if let Some(meta) = &card.meta {
        scene.text(Role::CardText(c), meta, style.muted_text);
    }
    for badge in &card.badges {
        scene.begin_marker(blueprint, badge.marker, texts);
        draw_badge(scene, badge, style, Role::CardDetail(c));
        scene.end_group();
    }
    if let Some(wait) = &card.wait {
        scene.begin_group(format!("wait-{}", step.id), "highlight wait".to_owned(), None);
        highlight::draw_wait_badge(scene, wait, style, Role::CardDetail(c));
        scene.end_group();
    }
    scene.end_group();
}

/// Flows, over the grid and beside the cards, then their labels over every flow's line (as the
/// canvas draws them): where a label found no free place, a line passes under its pill rather
/// than through its text.
fn draw_flows(scene: &mut Scene, blueprint: &Blueprint, layout: &Layout, style: &Style, highlights: &Highlights) {
    let positions = blueprint.index();
    for route in &layout.flows {
        let critical = highlights.critical_flow(route.flow);
        scene.begin_flow(
            blueprint,
            &positions,
            route.flow,
            &route.crosses,
            critical || highlights.handoff(route.flow),
        );
        let (color, width) = if critical {
            (style.critical_path, highlight::CRITICAL_FLOW_WIDTH)
        } else {
            (style.flow_color, 1.6)
        };
        draw_arrow(
            scene,
            &route.points,
            &route.jumps,
            route.two_way,
            color,
            width,
            Role::Flow(route.flow),
        );
        scene.end_group();
    }
    let id_of = |route: &crate::layout::FlowRoute| {
        blueprint
            .flows
            .get(route.flow)
            .map_or_else(|| route.flow.to_string(), |f| f.id.as_str().to_owned())
    };
    for route in &layout.flows {
        if let Some((rect, text)) = &route.label {
            scene.begin_group(format!("label-{}", id_of(route)), "flow-label".to_owned(), None);
            scene.push(
                Role::FlowLabel(route.flow),
                Shape::Rect {
                    rect: *rect,
                    radius: 4.0,
                    fill: style.background,
                    stroke: Some(Stroke::solid(1.0, style.grid)),
                },
            );
            scene.text(Role::FlowLabel(route.flow), text, style.muted_text);
            scene.end_group();
        }
    }
    // Handoff dots over lines and label pills, whose text the layout keeps them off.
    for route in layout.flows.iter().filter(|r| highlights.handoff(r.flow)) {
        scene.begin_group(format!("handoff-{}", id_of(route)), "handoff".to_owned(), None);
        for dot in layout.handoff_dots(route) {
            highlight::draw_handoff_dot(scene, dot, style, Role::Flow(route.flow));
        }
        scene.end_group();
    }
}

/// The title block and the legend.
fn draw_title_and_legend(scene: &mut Scene, layout: &Layout, style: &Style) {
    if let Some(title) = &layout.title {
        scene.begin_group("title".to_owned(), "title".to_owned(), None);
        scene.text(Role::Chrome, &title.title, style.text);
        let (pill, text, state) = &title.state;
        let fill = match state {
            crate::model::ServiceState::AsIs => Color::hex(0x495057),
            crate::model::ServiceState::ToBe => Color::hex(0x2B8A3E),
        };
        scene.push(
            Role::Chrome,
            Shape::Rect {
                rect: *pill,
                radius: pill.height() / 2.0,
                fill,
                stroke: None,
            },
        );
        scene.text(Role::Chrome, text, Color::WHITE);
        if let Some(subtitle) = &title.subtitle {
            scene.text(Role::Chrome, subtitle, style.muted_text);
        }
        scene.end_group();
    }
    if let Some(legend) = &layout.legend {
        scene.begin_group("legend".to_owned(), "legend".to_owned(), None);
        for (badge, label) in &legend.items {
            draw_badge(scene, badge, style, Role::Chrome);
            scene.text(Role::Chrome, label, style.text);
        }
        for entry in &legend.highlights {
            highlight::draw_legend_entry(scene, entry, style);
        }
        scene.end_group();
    }
}

/// A polyline with arrowheads; the line stops short of each head so it never pokes through, and
/// hops over the lines it crosses at `jumps`.
fn draw_arrow(
    scene: &mut Scene,
    points: &[Point],
    jumps: &[Point],
    two_way: bool,
    color: Color,
    width: f32,
    role: Role,
) {
    if points.len() < 2 {
        return;
    }
    let head_length = 7.0 + width * 2.0;
    let mut line: Vec<Point> = points.to_vec();
    let mut heads = vec![(points[points.len() - 2], points[points.len() - 1])];
    if two_way {
        heads.push((points[1], points[0]));
    }
    let shorten = |from: Point, to: Point| {
        let length = from.distance(to).max(0.001);
        let t = (length - head_length * 0.8).max(0.0) / length;
        pt(from.x + (to.x - from.x) * t, from.y + (to.y - from.y) * t)
    };
    let n = line.len();
    line[n - 1] = shorten(line[n - 2], line[n - 1]);
    if two_way {
        line[0] = shorten(line[1], line[0]);
    }
    scene.push(
        role,
        Shape::Path {
            points: with_jumps(&line, jumps),
            closed: false,
            fill: None,
            stroke: Some(Stroke::solid(width, color)),
        },
    );
    for (from, tip) in heads {
        let length = from.distance(tip).max(0.001);
        let (ux, uy) = ((tip.x - from.x) / length, (tip.y - from.y) / length);
        let half = head_length * 0.45;
        let base = pt(tip.x - ux * head_length, tip.y - uy * head_length);
        let head = vec![
            tip,
            pt(base.x - uy * half, base.y + ux * half),
            pt(base.x + uy * half, base.y - ux * half),
        ];
        scene.push(
            role,
            Shape::Path {
                points: head,
                closed: true,
                fill: Some(color),
                stroke: None,
            },
        );
    }
}

/// Cosine and sine of the nine points of a hop's half circle, worked out once rather than at
/// every hop of every route.
static ARC: std::sync::LazyLock<[(f32, f32); 9]> = std::sync::LazyLock::new(|| {
    std::array::from_fn(|k| {
        let a = std::f32::consts::PI * k as f32 / 8.0;
        (a.cos(), a.sin())
    })
});

/// The polyline with a small half-circle hop at each jump on its horizontal runs.
fn with_jumps(points: &[Point], jumps: &[Point]) -> Vec<Point> {
    if jumps.is_empty() {
        return points.to_vec();
    }
    let r = crate::layout::JUMP;
    let mut out = Vec::with_capacity(points.len() + jumps.len() * 9);
    for w in points.windows(2) {
        out.push(w[0]);
        if (w[0].y - w[1].y).abs() > 0.01 {
            continue;
        }
        let dir = if w[1].x >= w[0].x { 1.0 } else { -1.0 };
        let mut here: Vec<Point> = jumps
            .iter()
            .copied()
            .filter(|j| (j.y - w[0].y).abs() < 0.01 && (j.x - w[0].x) * dir > r && (w[1].x - j.x) * dir > r)
            .collect();
        here.sort_by(|a, b| ((a.x - w[0].x) * dir).total_cmp(&((b.x - w[0].x) * dir)));
        for j in here {
            for &(cos, sin) in ARC.iter() {
                out.push(pt(j.x - dir * r * cos, j.y - r * sin));
            }
        }
    }
    if let Some(last) = points.last() {
        out.push(*last);
    }
    out
}

/// A marker tag: white pill, the kind's shape with its letter, and the severity.
fn draw_badge(scene: &mut Scene, badge: &Badge, style: &Style, role: Role) {
    let color = style.marker_color(badge.kind);
    let s = style.badge_size;
    let r = s / 2.0;
    let c = badge.center;
    if badge.severity > 0 {
        scene.push(
            role,
            Shape::Rect {
                rect: badge.rect,
                radius: badge.rect.height() / 2.0,
                fill: Color::WHITE,
                stroke: Some(Stroke::solid(1.5, color)),
            },
        );
    }
    let polygon = |points: Vec<Point>| Shape::Path {
        points,
        closed: true,
        fill: Some(color),
        stroke: None,
    };
    let shape = match badge_shape(badge.kind) {
        BadgeShape::Circle => Shape::Circle {
            center: c,
            radius: r,
            fill: color,
        },
        BadgeShape::Square => Shape::Rect {
            rect: Rect::from_xywh(c.x - r * 0.9, c.y - r * 0.9, s * 0.9, s * 0.9),
            radius: 2.0,
            fill: color,
            stroke: None,
        },
        BadgeShape::Triangle => polygon(vec![
            pt(c.x, c.y - r * 1.05),
            pt(c.x + r * 1.1, c.y + r * 0.85),
            pt(c.x - r * 1.1, c.y + r * 0.85),
        ]),
        BadgeShape::Diamond => polygon(vec![
            pt(c.x, c.y - r * 1.1),
            pt(c.x + r * 1.1, c.y),
            pt(c.x, c.y + r * 1.1),
            pt(c.x - r * 1.1, c.y),
        ]),
        BadgeShape::Hexagon => polygon(
            (0..6)
                .map(|k| {
                    let a = std::f32::consts::PI / 3.0 * k as f32;
                    pt(c.x + r * a.cos(), c.y + r * a.sin())
                })
                .collect(),
        ),
    };
    scene.push(role, shape);
    let letter_size = s * 0.62;
    let letter_y = if badge_shape(badge.kind) == BadgeShape::Triangle {
        c.y + r * 0.2
    } else {
        c.y
    };
    scene.centered_text(
        role,
        badge_letter(badge.kind),
        pt(c.x, letter_y),
        letter_size,
        Weight::Bold,
        Color::WHITE,
    );
    if badge.severity > 0 {
        let digit_x = c.x + r + (badge.rect.max.x - (c.x + r)) / 2.0 - 1.0;
        scene.centered_text(
            role,
            &badge.severity.to_string(),
            pt(digit_x, c.y),
            style.small_font * 0.95,
            Weight::Bold,
            style.text,
        );
    }
}

impl Scene {
    /// Adds every line of a text block.
    fn text(&mut self, role: Role, block: &TextBlock, color: Color) {
        for line in block.lines.iter().filter(|l| !l.text.is_empty()) {
            self.push(
                role,
                Shape::Text {
                    origin: line.origin,
                    text: line.text.clone(),
                    size: block.size,
                    weight: block.weight,
                    color,
                    width: line.width,
                },
            );
        }
    }

    /// Adds a one-line text centred on `center` (vertically on the glyphs' ink box).
    fn centered_text(&mut self, role: Role, text: &str, center: Point, size: f32, weight: Weight, color: Color) {
        let face = fonts().face(weight);
        let width = face.width(text, size);
        // Cap height of Latin capitals and digits is about 0.73 em in Noto Sans CJK.
        let origin = pt(center.x - width / 2.0, center.y + 0.365 * size);
        self.push(
            role,
            Shape::Text {
                origin,
                text: text.to_owned(),
                size,
                weight,
                color,
                width,
            },
        );
    }
}
