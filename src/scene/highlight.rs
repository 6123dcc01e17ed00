//! The looks of the analysis highlights: each its own colour and shape, so they combine on one
//! step or flow and still read apart (critical path: thick line and outline; handoffs: dots on
//! the line of visibility; waits: a clock badge; pain heat: a light-to-dark strip).

use super::{Role, Scene, Shape, Stroke, draw_arrow};
use crate::geom::{Point, Rect, pt};
use crate::layout::{HANDOFF_DOT_RADIUS, HighlightKind, LegendHighlight, WaitBadge};
use crate::style::{Color, Style};

/// Width of a flow on the critical path (others are 1.6).
pub(super) const CRITICAL_FLOW_WIDTH: f32 = 4.0;
/// Width of the outline of a step on the critical path.
pub(super) const CRITICAL_OUTLINE_WIDTH: f32 = 3.0;

/// The colour that identifies a highlight (for the heat scale, its dark end).
pub fn highlight_color(style: &Style, kind: HighlightKind) -> Color {
    match kind {
        HighlightKind::CriticalPath => style.critical_path,
        HighlightKind::Handoffs => style.handoff,
        HighlightKind::Waits => style.wait,
        HighlightKind::PainHeat => style.heat_high,
    }
}

/// A handoff dot: a white ring keeps it apart from the dashed line and the flow under it.
pub(super) fn draw_handoff_dot(scene: &mut Scene, center: Point, style: &Style, role: Role) {
    scene.push(
        role,
        Shape::Circle {
            center,
            radius: HANDOFF_DOT_RADIUS + 1.5,
            fill: Color::WHITE,
        },
    );
    scene.push(
        role,
        Shape::Circle {
            center,
            radius: HANDOFF_DOT_RADIUS,
            fill: style.handoff,
        },
    );
}

/// A clock face: a dark rim, the badge colour inside, and two hands.
fn draw_clock(scene: &mut Scene, center: Point, radius: f32, style: &Style, role: Role) {
    scene.push(
        role,
        Shape::Circle {
            center,
            radius,
            fill: style.wait_text,
        },
    );
    scene.push(
        role,
        Shape::Circle {
            center,
            radius: radius - 1.5,
            fill: style.wait,
        },
    );
    let hands = Shape::Path {
        points: vec![
            pt(center.x, center.y - radius * 0.6),
            center,
            pt(center.x + radius * 0.45, center.y),
        ],
        closed: false,
        fill: None,
        stroke: Some(Stroke::solid(1.4, style.wait_text)),
    };
    scene.push(role, hands);
}

/// A wait badge: a yellow pill with a dark edge (yellow alone hardly shows on a white card),
/// the clock and the minutes in dark text.
pub(super) fn draw_wait_badge(scene: &mut Scene, wait: &WaitBadge, style: &Style, role: Role) {
    scene.push(
        role,
        Shape::Rect {
            rect: wait.rect,
            radius: wait.rect.height() / 2.0,
            fill: style.wait,
            stroke: Some(Stroke::solid(1.0, style.wait_text)),
        },
    );
    draw_clock(scene, wait.clock, wait.clock_radius, style, role);
    scene.text(role, &wait.text, style.wait_text);
}

/// The heat strip of one stage, outlined so that a stage without pain still shows its strip.
pub(super) fn draw_heat_strip(scene: &mut Scene, strip: Rect, heat: f32, style: &Style, role: Role) {
    scene.push(
        role,
        Shape::Rect {
            rect: strip,
            radius: 2.0,
            fill: style.heat_color(heat),
            stroke: Some(Stroke::solid(1.0, style.grid)),
        },
    );
}

/// A legend entry's sample of the highlight's look, then its label.
pub(super) fn draw_legend_entry(scene: &mut Scene, entry: &LegendHighlight, style: &Style) {
    let role = Role::Chrome;
    let r = entry.swatch;
    let y = r.center().y;
    match entry.kind {
        HighlightKind::CriticalPath => draw_arrow(
            scene,
            &[pt(r.min.x, y), pt(r.max.x, y)],
            &[],
            false,
            style.critical_path,
            CRITICAL_FLOW_WIDTH,
            role,
        ),
        HighlightKind::Handoffs => {
            scene.push(
                role,
                Shape::line(
                    pt(r.min.x, y),
                    pt(r.max.x, y),
                    Stroke {
                        width: 2.5,
                        color: style.line_color,
                        dash: Some((6.0, 4.0)),
                    },
                ),
            );
            draw_handoff_dot(scene, r.center(), style, role);
        }
        HighlightKind::Waits => {
            scene.push(
                role,
                Shape::Rect {
                    rect: r,
                    radius: r.height() / 2.0,
                    fill: style.wait,
                    stroke: Some(Stroke::solid(1.0, style.wait_text)),
                },
            );
            let radius = (r.width() - 10.0) / 2.0;
            draw_clock(scene, r.center(), radius, style, role);
        }
        HighlightKind::PainHeat => {
            const STEPS: usize = 5;
            let cell = r.width() / STEPS as f32;
            let height = r.height() * 0.6;
            for k in 0..STEPS {
                let rect = Rect::from_xywh(r.min.x + k as f32 * cell, y - height / 2.0, cell, height);
                scene.push(
                    role,
                    Shape::Rect {
                        rect,
                        radius: 0.0,
                        fill: style.heat_color(k as f32 / (STEPS - 1) as f32),
                        stroke: Some(Stroke::solid(1.0, style.grid)),
                    },
                );
            }
        }
    }
    scene.text(role, &entry.label, style.text);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::MarkerKind;

    fn distance(a: Color, b: Color) -> f32 {
        a.0[..3]
            .iter()
            .zip(&b.0[..3])
            .map(|(&x, &y)| (f32::from(x) - f32::from(y)).powi(2))
            .sum::<f32>()
            .sqrt()
    }

    #[test]
    fn highlight_colours_differ_from_each_other_and_from_every_marker_colour() {
        let style = Style::default();
        let colors: Vec<Color> = HighlightKind::ALL.iter().map(|&k| highlight_color(&style, k)).collect();
        for (i, &a) in colors.iter().enumerate() {
            for &b in &colors[i + 1..] {
                assert!(distance(a, b) >= 100.0, "{a:?} and {b:?} are too alike");
            }
            for kind in MarkerKind::ALL {
                let m = style.marker_color(kind);
                assert!(distance(a, m) >= 100.0, "{a:?} is too like the {kind:?} marker {m:?}");
            }
            // Nor like the plain flows and lines they are drawn among.
            assert!(distance(a, style.flow_color) >= 100.0, "{a:?} is too like a plain flow");
        }
        // The wait badge's text reads on its yellow (WCAG contrast ≥ 7).
        let luminance = |c: Color| {
            let channel = |v: u8| {
                let v = f32::from(v) / 255.0;
                if v <= 0.039_28 {
                    v / 12.92
                } else {
                    ((v + 0.055) / 1.055).powf(2.4)
                }
            };
            0.2126 * channel(c.0[0]) + 0.7152 * channel(c.0[1]) + 0.0722 * channel(c.0[2])
        };
        let contrast = (luminance(style.wait) + 0.05) / (luminance(style.wait_text) + 0.05);
        assert!(contrast >= 7.0, "{contrast}");
        // The heat scale runs light to dark.
        assert!(luminance(style.heat_color(0.0)) > luminance(style.heat_color(0.5)));
        assert!(luminance(style.heat_color(0.5)) > luminance(style.heat_color(1.0)));
    }
}
