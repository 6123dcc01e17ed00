//! The before/after table of an as-is / to-be comparison, as a 16:9 slide.

use crate::analysis::{Better, Comparison, Metric};
use crate::geom::{Point, Rect, pt};
use crate::i18n::Lang;
use crate::scene::{Role, Scene, Shape, Stroke};
use crate::style::{Color, Style};
use crate::text::{Weight, fonts, wrap};

fn in_lang(text: String, lang: Lang) -> String {
    match lang {
        Lang::En => text,
        Lang::Zh => crate::style::localise_units(&text),
    }
}

/// A 1920 × 1080 slide with the metrics before and after.
pub fn comparison_slide(c: &Comparison, lang: Lang) -> Scene {
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
    let top = 220.0;
    let row_height = ((h - top - 130.0) / (rows.len() as f32 + 1.0)).min(64.0);
    let size = (row_height * 0.45).min(28.0);
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
                in_lang(metric.kind.change_text(metric.change), lang),
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
        pt(margin, bottom + 56.0),
        (24.0, Weight::Regular),
        style.muted_text,
    );
    scene
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
    // f64::signum(0.0) is 1: an unchanged value is neither better nor worse.
    let sign = metric
        .change
        .filter(|c| *c != 0.0)
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
