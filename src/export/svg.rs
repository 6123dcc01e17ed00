//! SVG export: the same scene as vector shapes; text stays text, pinned to the bundled font's
//! widths so it lines up wherever it is opened.

use super::{Background, Frame};
use crate::geom::Point;
use crate::scene::{Scene, Shape, Stroke};
use crate::style::Color;
use crate::text::Weight;
use std::fmt::Write as _;

/// Families to ask for: the bundled font's own name first, then common CJK system fonts.
const FONT_FAMILY: &str =
    "'Noto Sans CJK SC','Noto Sans SC','Source Han Sans SC','PingFang SC','Microsoft YaHei',sans-serif";

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            // Characters XML 1.0 forbids are dropped rather than making the file unreadable.
            c if (c as u32) < 0x20 && c != '\t' && c != '\n' && c != '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Numbers short and exact enough: two decimals, no trailing zeros.
fn n(v: f32) -> String {
    let s = format!("{v:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { "0".to_owned() } else { s.to_owned() }
}

fn fill_attr(color: Color) -> String {
    let mut s = format!(r#"fill="{}""#, color.to_hex());
    if color.0[3] < 255 {
        let _ = write!(s, r#" fill-opacity="{}""#, n(color.alpha()));
    }
    s
}

fn stroke_attr(stroke: &Stroke) -> String {
    let mut s = format!(
        r#"stroke="{}" stroke-width="{}""#,
        stroke.color.to_hex(),
        n(stroke.width)
    );
    if let Some((on, off)) = stroke.dash {
        let _ = write!(s, r#" stroke-dasharray="{} {}""#, n(on), n(off));
    }
    s
}

fn points_attr(points: &[Point]) -> String {
    points
        .iter()
        .map(|p| format!("{},{}", n(p.x), n(p.y)))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Writes `scene` as a standalone SVG document of `frame`'s size.
pub fn write_svg(scene: &Scene, frame: &Frame, background: Background, out: &mut Vec<u8>) -> std::io::Result<()> {
    let mut s = String::with_capacity(scene.items.len() * 120);
    let _ = writeln!(s, r#"<?xml version="1.0" encoding="UTF-8"?>"#);
    let _ = writeln!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="{FONT_FAMILY}">"#,
        w = frame.width,
        h = frame.height
    );
    let bg = background.color();
    if bg.0[3] > 0 {
        let _ = writeln!(s, r#"<rect width="100%" height="100%" {}/>"#, fill_attr(bg));
    }
    let _ = writeln!(
        s,
        r#"<g transform="translate({} {}) scale({})">"#,
        n(frame.dx),
        n(frame.dy),
        frame.scale
    );
    for item in &scene.items {
        match &item.shape {
            Shape::Rect {
                rect,
                radius,
                fill,
                stroke,
            } => {
                let _ = write!(
                    s,
                    r#"<rect x="{}" y="{}" width="{}" height="{}""#,
                    n(rect.min.x),
                    n(rect.min.y),
                    n(rect.width()),
                    n(rect.height())
                );
                if *radius > 0.0 {
                    let _ = write!(s, r#" rx="{}""#, n(*radius));
                }
                let _ = write!(
                    s,
                    " {}",
                    if fill.0[3] > 0 {
                        fill_attr(*fill)
                    } else {
                        r#"fill="none""#.to_owned()
                    }
                );
                if let Some(stroke) = stroke {
                    let _ = write!(s, " {}", stroke_attr(stroke));
                }
                s.push_str("/>\n");
            }
            Shape::Circle { center, radius, fill } => {
                let _ = writeln!(
                    s,
                    r#"<circle cx="{}" cy="{}" r="{}" {}/>"#,
                    n(center.x),
                    n(center.y),
                    n(*radius),
                    fill_attr(*fill)
                );
            }
            Shape::Path {
                points,
                closed,
                fill,
                stroke,
            } => {
                let tag = if *closed { "polygon" } else { "polyline" };
                let _ = write!(s, r#"<{tag} points="{}""#, points_attr(points));
                let _ = write!(
                    s,
                    " {}",
                    fill.map(fill_attr).unwrap_or_else(|| r#"fill="none""#.to_owned())
                );
                if let Some(stroke) = stroke {
                    let _ = write!(s, r#" {} stroke-linejoin="miter""#, stroke_attr(stroke));
                }
                s.push_str("/>\n");
            }
            Shape::Text {
                origin,
                text,
                size,
                weight,
                color,
                width,
            } => {
                let bold = if *weight == Weight::Bold {
                    r#" font-weight="bold""#
                } else {
                    ""
                };
                // textLength pins the run to the bundled font's width, so a viewer with another
                // font still fits each line where the canvas and PNG put it.
                let _ = writeln!(
                    s,
                    r#"<text x="{}" y="{}" font-size="{}"{bold} {} textLength="{}" lengthAdjust="spacingAndGlyphs" xml:space="preserve">{}</text>"#,
                    n(origin.x),
                    n(origin.y),
                    n(*size),
                    fill_attr(*color),
                    n(*width),
                    escape(text)
                );
            }
        }
    }
    s.push_str("</g>\n</svg>\n");
    out.extend_from_slice(s.as_bytes());
    Ok(())
}
