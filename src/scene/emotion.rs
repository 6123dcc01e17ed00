//! The customer's emotion curve: a zero line, a line through the steps' emotions and a dot per
//! step, red below zero and green above, in its own group (SVG class `emotion`).

use super::{Role, Scene, Shape, Stroke};
use crate::geom::pt;
use crate::layout::EmotionCurve;
use crate::model::Blueprint;
use crate::style::{Color, DrawingTexts, Style};

/// Dot colours: the low, neutral and high end; the same as the pain-point red and proposed green.
const LOW: Color = Color::hex(0xC92A2A);
const NEUTRAL: Color = Color::hex(0x868E96);
const HIGH: Color = Color::hex(0x2B8A3E);
/// Dot radius, with a white ring around it so crossing flows do not hide it.
pub const DOT_RADIUS: f32 = 6.0;

/// The colour of a dot at `emotion`.
pub fn emotion_color(emotion: i8) -> Color {
    match emotion {
        ..0 => LOW,
        0 => NEUTRAL,
        _ => HIGH,
    }
}

/// Draws `curve` of `blueprint`.
pub(super) fn draw_emotion(
    scene: &mut Scene,
    blueprint: &Blueprint,
    curve: &EmotionCurve,
    style: &Style,
    texts: &DrawingTexts,
) {
    let band = curve.band;
    scene.begin_group(
        "emotion".to_owned(),
        "emotion".to_owned(),
        Some(texts.emotion_label().to_owned()),
    );
    scene.text(Role::EmotionScale, &curve.label, style.muted_text);
    for tick in &curve.scale {
        scene.text(Role::EmotionScale, tick, style.muted_text);
    }
    scene.push(
        Role::Background,
        Shape::line(
            pt(band.min.x, band.max.y),
            pt(band.max.x, band.max.y),
            Stroke::solid(1.0, style.grid),
        ),
    );
    scene.push(
        Role::Background,
        Shape::line(
            pt(band.min.x, curve.zero_y),
            pt(band.max.x, curve.zero_y),
            Stroke {
                width: 1.0,
                color: NEUTRAL,
                dash: Some((4.0, 4.0)),
            },
        ),
    );
    if curve.points.len() > 1 {
        scene.push(
            Role::Line,
            Shape::Path {
                points: curve.points.iter().map(|p| p.at).collect(),
                closed: false,
                fill: None,
                stroke: Some(Stroke::solid(2.5, style.muted_text)),
            },
        );
    }
    for point in &curve.points {
        let step = &blueprint.steps[point.step];
        scene.begin_group(
            format!("emotion-{}", step.id),
            "emotion-point".to_owned(),
            Some(format!("{}: {:+}", step.title, point.emotion)),
        );
        scene.push(
            Role::Line,
            Shape::Circle {
                center: point.at,
                radius: DOT_RADIUS + 2.0,
                fill: Color::WHITE,
            },
        );
        scene.push(
            Role::Line,
            Shape::Circle {
                center: point.at,
                radius: DOT_RADIUS,
                fill: emotion_color(point.emotion),
            },
        );
        scene.end_group();
    }
    scene.end_group();
}
