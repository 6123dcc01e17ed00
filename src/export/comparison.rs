//! The before/after table of an as-is / to-be comparison, as a 16:9 slide.

use crate::analysis::{Better, Comparison, Metric};
use crate::geom::{Point, Rect, pt};
use crate::i18n::Lang;
use crate::model::{Blueprint, LaneKind};
use crate::scene::{Role, Scene, Shape, Stroke, emotion_color};
use crate::style::{Color, DrawingTexts, Style};
use crate::text::{Weight, fonts, wrap};
use std::collections::HashMap;

/// Height the emotion chart needs below the table at least, gap above it included.
const CHART_ROOM: f32 = 290.0;
/// The slide's bottom margin.
const BOTTOM: f32 = 40.0;
/// The to-be curve's colour; the as-is curve is grey and dashed, as in the editor's compare.
const TO_BE_LINE: Color = Color::hex(0x1864AB);

fn in_lang(text: String, lang: Lang) -> String {
    match lang {
        Lang::En => text,
        Lang::Zh => crate::style::localise_units(&text),
    }
}

/// A 1920 × 1080 slide with the metrics before and after, and below them the customer's
/// emotion curves of both versions when either has one.
pub fn comparison_slide(c: &Comparison, (before_bp, after_bp): (&Blueprint, &Blueprint), lang: Lang) -> Scene {
    let style = Style::default();
    let (w, h) = (1920.0, 1080.0);
    let mut scene = Scene::new(Rect::from_xywh(0.0, 0.0, w, h), Color::WHITE);
    let margin = 96.0;
    let (heading, before, after, change, metric_head) = match lang {
        Lang::En => ("Before and after", "As-is", "To-be", "Change", "Metric"),
        Lang::Zh => ("优化前后对比", "现状", "未来", "变化", "指标"),
    };
    put(&mut scene, heading, pt(margin, 110.0), (52.0, Weight::Bold), style.text);
    let subtitle = format!("{}  →  {}", c.before_title, c.after_title);
    let line = wrap(&subtitle, Weight::Regular, 26.0, w - 2.0 * margin, 1)
        .into_iter()
        .next()
        .map(|l| l.text)
        .unwrap_or_default();
    put(
        &mut scene,
        &line,
        pt(margin, 160.0),
        (26.0, Weight::Regular),
        style.muted_text,
    );

    let rows: Vec<&Metric> = c
        .metrics
        .iter()
        .filter(|m| m.before.is_some() || m.after.is_some())
        .filter(|m| !m.kind.is_detail())
        .collect();
    let columns = [margin, 1020.0, 1290.0, 1560.0];
    let curves = [curve(before_bp), curve(after_bp)];
    let chart = curves.iter().any(|c| !c.is_empty());
    let (top, below) = if chart {
        (200.0, CHART_ROOM + BOTTOM)
    } else {
        (220.0, 130.0)
    };
    let row_height = ((h - top - below) / (rows.len() as f32 + 1.0)).min(64.0);
    let size = (row_height * 0.47).min(28.0);
    let full_row = |y: f32| Rect::from_xywh(margin - 16.0, y, w - 2.0 * margin + 32.0, row_height);
    scene.push(Role::Chrome, Shape::rect(full_row(top), style.stage_header));
    for (x, head) in columns.iter().zip([metric_head, before, after, change]) {
        put(
            &mut scene,
            head,
            pt(*x, top + row_height * 0.66),
            (size, Weight::Bold),
            Color::WHITE,
        );
    }
    for (r, metric) in rows.iter().enumerate() {
        let y = top + (r as f32 + 1.0) * row_height;
        if r % 2 == 1 {
            scene.push(Role::Chrome, Shape::rect(full_row(y), Color::hex(0xF1F3F5)));
        }
        let baseline = y + row_height * 0.66;
        let cells = [
            (metric.kind.label(lang), Weight::Regular, style.text),
            (
                in_lang(metric.kind.value_text(metric.before), lang),
                Weight::Regular,
                style.text,
            ),
            (
                in_lang(metric.kind.value_text(metric.after), lang),
                Weight::Bold,
                style.text,
            ),
            (
                in_lang(metric.change_text(), lang),
                Weight::Bold,
                change_color(metric, &style),
            ),
        ];
        for (x, (cell, weight, color)) in columns.iter().zip(cells) {
            put(&mut scene, &cell, pt(*x, baseline), (size, weight), color);
        }
    }
    let bottom = top + (rows.len() as f32 + 1.0) * row_height;
    scene.push(
        Role::Chrome,
        Shape::line(
            pt(margin - 16.0, bottom),
            pt(w - margin + 16.0, bottom),
            Stroke::solid(2.0, style.grid),
        ),
    );
    put(
        &mut scene,
        &footer(c, lang),
        pt(margin, bottom + if chart { 44.0 } else { 56.0 }),
        (24.0, Weight::Regular),
        style.muted_text,
    );
    if chart {
        let area = Rect {
            min: pt(margin, bottom + 76.0),
            max: pt(w - margin, h - BOTTOM),
        };
        let stages = journey(before_bp, after_bp);
        let words = (before, after);
        emotion_chart(&mut scene, &stages, &curves, area, words, lang, &style);
    }
    scene
}

/// A customer step on a curve: its stage, its place among the stage's points, and its emotion.
struct CurvePoint<'a> {
    stage: &'a str,
    order: u32,
    emotion: i8,
}

/// The emotions of `b`'s customer steps, in journey order.
fn curve(b: &Blueprint) -> Vec<CurvePoint<'_>> {
    let index = b.index();
    let stage_of = |id| index.stage(id).unwrap_or(usize::MAX);
    let mut points: Vec<(usize, CurvePoint)> = b
        .steps
        .iter()
        .filter(|s| {
            index
                .lane(&s.lane)
                .is_some_and(|l| b.lanes[l].kind == LaneKind::Customer)
        })
        .filter_map(|s| {
            let point = CurvePoint {
                stage: s.stage.as_str(),
                order: s.order,
                emotion: s.emotion?,
            };
            Some((stage_of(&s.stage), point))
        })
        .collect();
    points.sort_by_key(|(stage, p)| (*stage, p.order));
    points.into_iter().map(|(_, p)| p).collect()
}

/// The stages of both versions as one journey, `(id, name)`: the as-is stages in order, each
/// to-be stage of its own just before the next stage both versions share.
fn journey<'a>(before: &'a Blueprint, after: &'a Blueprint) -> Vec<(&'a str, &'a str)> {
    let mut stages: Vec<(&str, &str)> = before.stages.iter().map(|s| (s.id.as_str(), s.name.as_str())).collect();
    let mut pending = Vec::new();
    for stage in &after.stages {
        match stages.iter().position(|(id, _)| *id == stage.id.as_str()) {
            Some(at) => {
                for (k, stage) in pending.drain(..).enumerate() {
                    stages.insert(at + k, stage);
                }
            }
            None => pending.push((stage.id.as_str(), stage.name.as_str())),
        }
    }
    stages.extend(pending);
    stages
}

/// The two emotion curves over the stages of the journey, in `area`: a column per stage, named
/// below, a zero line, the as-is curve dashed and grey, the to-be curve solid.
fn emotion_chart(
    scene: &mut Scene,
    stages: &[(&str, &str)],
    curves: &[Vec<CurvePoint>; 2],
    area: Rect,
    (before, after): (&str, &str),
    lang: Lang,
    style: &Style,
) {
    const TEXT: f32 = 22.0;
    const SCALE_WIDTH: f32 = 56.0;
    let label = DrawingTexts::new(lang).emotion_label();
    scene.begin_group("emotion".to_owned(), "emotion".to_owned(), Some(label.to_owned()));
    put(
        scene,
        label,
        pt(area.min.x, area.min.y + 24.0),
        (24.0, Weight::Bold),
        style.text,
    );
    // The key, at the right of the chart's title: a stretch of each line and its version.
    let mut x = area.max.x;
    for (word, stroke) in [(after, to_be_stroke()), (before, as_is_stroke(style))].into_iter() {
        let width = fonts().face(Weight::Regular).width(word, TEXT);
        x -= width;
        put(
            scene,
            word,
            pt(x, area.min.y + 22.0),
            (TEXT, Weight::Regular),
            style.text,
        );
        x -= 64.0;
        scene.push(
            Role::Line,
            Shape::line(pt(x, area.min.y + 15.0), pt(x + 52.0, area.min.y + 15.0), stroke),
        );
        x -= 40.0;
    }
    let plot = Rect {
        min: pt(area.min.x + SCALE_WIDTH, area.min.y + 48.0),
        max: pt(area.max.x, area.max.y - TEXT * 1.6),
    };
    let y_of = |emotion: f32| crate::layout::emotion_y(plot, emotion);
    for (emotion, text) in crate::layout::EMOTION_SCALE {
        let width = fonts().face(Weight::Regular).width(text, TEXT);
        let y = y_of(emotion);
        put(
            scene,
            text,
            pt(plot.min.x - 12.0 - width, y + TEXT * 0.3),
            (TEXT, Weight::Regular),
            style.muted_text,
        );
        let stroke = if emotion == 0.0 {
            Stroke {
                width: 1.5,
                color: style.muted_text,
                dash: Some((6.0, 6.0)),
            }
        } else {
            Stroke::solid(1.0, style.grid)
        };
        scene.push(
            Role::Background,
            Shape::line(pt(plot.min.x, y), pt(plot.max.x, y), stroke),
        );
    }
    let column = plot.width() / stages.len().max(1) as f32;
    let columns: HashMap<&str, usize> = stages.iter().enumerate().map(|(i, (id, _))| (*id, i)).collect();
    for (i, (_, name)) in stages.iter().enumerate() {
        let left = plot.min.x + i as f32 * column;
        if i > 0 {
            scene.push(
                Role::Background,
                Shape::line(
                    pt(left, plot.min.y),
                    pt(left, plot.max.y),
                    Stroke::solid(1.0, style.grid),
                ),
            );
        }
        if let Some(line) = wrap(name, Weight::Regular, TEXT, column - 12.0, 1).into_iter().next() {
            let at = pt(left + (column - line.width) / 2.0, area.max.y - 4.0);
            put(scene, &line.text, at, (TEXT, Weight::Regular), style.text);
        }
    }
    for (k, (points, stroke)) in curves.iter().zip([as_is_stroke(style), to_be_stroke()]).enumerate() {
        let mut per_stage: HashMap<&str, usize> = HashMap::new();
        for p in points {
            *per_stage.entry(p.stage).or_default() += 1;
        }
        let mut seen: HashMap<&str, usize> = HashMap::new();
        let at: Vec<(Point, i8)> = points
            .iter()
            .filter_map(|p| {
                let i = *columns.get(p.stage)?;
                let n = seen.entry(p.stage).or_default();
                let x = plot.min.x + (i as f32 + (*n as f32 + 0.5) / per_stage[p.stage] as f32) * column;
                *n += 1;
                Some((pt(x, y_of(f32::from(p.emotion))), p.emotion))
            })
            .collect();
        let (id, word) = if k == 0 {
            ("emotion-as-is", before)
        } else {
            ("emotion-to-be", after)
        };
        scene.begin_group(id.to_owned(), "emotion-curve".to_owned(), Some(word.to_owned()));
        if at.len() > 1 {
            scene.push(
                Role::Line,
                Shape::Path {
                    points: at.iter().map(|(p, _)| *p).collect(),
                    closed: false,
                    fill: None,
                    stroke: Some(stroke),
                },
            );
        }
        let radius = if k == 0 { 6.0 } else { 8.0 };
        for (center, emotion) in at {
            for (r, fill) in [(radius + 2.5, Color::WHITE), (radius, emotion_color(emotion))] {
                scene.push(
                    Role::Line,
                    Shape::Circle {
                        center,
                        radius: r,
                        fill,
                    },
                );
            }
        }
        scene.end_group();
    }
    scene.end_group();
}

/// The as-is curve: grey and dashed.
fn as_is_stroke(style: &Style) -> Stroke {
    Stroke {
        width: 3.0,
        color: style.muted_text,
        dash: Some((10.0, 7.0)),
    }
}

/// The to-be curve: solid.
fn to_be_stroke() -> Stroke {
    Stroke::solid(3.5, TO_BE_LINE)
}

/// One line of text with its baseline's left end at `at`.
fn put(scene: &mut Scene, s: &str, at: Point, (size, weight): (f32, Weight), color: Color) {
    let width = fonts().face(weight).width(s, size);
    scene.push(
        Role::Chrome,
        Shape::Text {
            origin: at,
            text: s.to_owned(),
            size,
            weight,
            color,
            width,
        },
    );
}

/// Green when the metric moved the better way, red when the worse, grey when neither.
fn change_color(metric: &Metric, style: &Style) -> Color {
    // An unchanged value, or one that shows as ±0, is neither better nor worse.
    let sign = metric
        .change
        .filter(|_| metric.change_text() != "±0")
        .map_or(0, |c| if c > 0.0 { 1 } else { -1 });
    let direction = sign
        * match metric.kind.better() {
            Better::Lower => -1,
            Better::Higher => 1,
            Better::Neither => 0,
        };
    match direction {
        1 => Color::hex(0x2B8A3E),
        -1 => Color::hex(0xC92A2A),
        _ => style.muted_text,
    }
}

/// How many steps were added, removed, changed and kept.
fn footer(c: &Comparison, lang: Lang) -> String {
    let counts = (c.added.len(), c.removed.len(), c.changed.len(), c.unchanged);
    match lang {
        Lang::En => format!(
            "Steps added {} · removed {} · changed {} · unchanged {}",
            counts.0, counts.1, counts.2, counts.3
        ),
        Lang::Zh => format!(
            "新增步骤 {} · 删除 {} · 修改 {} · 未变 {}",
            counts.0, counts.1, counts.2, counts.3
        ),
    }
}
