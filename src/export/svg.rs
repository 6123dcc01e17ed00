//! SVG export: the same scene as vector shapes, grouped and classed by what they draw (steps,
//! flows, markers, lanes, stages, the three lines), so the file can be styled, scripted and read
//! by screen readers. Text stays text in the bundled font, which the file carries (only the
//! glyphs it uses), pinned to the font's widths so it lines up wherever it is opened; or, on
//! request, text becomes glyph outlines for programs that ignore web fonts.

use super::outline::Outliner;
use super::webfont::{data_url, subset_font};
use super::{Background, Frame};
use crate::geom::Point;
use crate::scene::{Group, Scene, Shape, Stroke};
use crate::style::Color;
use crate::text::{BOLD_OTF, REGULAR_OTF, Weight};
use std::collections::{BTreeSet, HashSet};
use std::fmt::Write as _;

/// The family name of the embedded fonts: one no installed font has, so a viewer cannot pick
/// a different font of the same name instead of ours.
pub const EMBEDDED_FAMILY: &str = "Blueprint Studio Sans";

/// Families to fall back to where web fonts are off: the bundled font's own name first, then
/// common CJK system fonts.
const FALLBACK_FAMILIES: &str =
    "'Noto Sans CJK SC','Noto Sans SC','Source Han Sans SC','PingFang SC','Microsoft YaHei',sans-serif";

/// How an SVG carries its text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum SvgText {
    /// `<text>` elements, with the glyphs they use embedded as web fonts: selectable and
    /// searchable, and the same letters in every browser.
    #[default]
    EmbeddedFont,
    /// Glyph outlines as `<path>`s: for programs that ignore web fonts (some slide and
    /// drawing programs); the words are kept only as labels.
    Paths,
}

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
pub(super) fn number(v: f32) -> String {
    let s = format!("{v:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { "0".to_owned() } else { s.to_owned() }
}

fn n(v: f32) -> String {
    number(v)
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

/// Writes `scene` as a standalone SVG document of `frame`'s size, its text as `text` asks.
pub fn write_svg(
    scene: &Scene,
    frame: &Frame,
    background: Background,
    text: SvgText,
    out: &mut Vec<u8>,
) -> std::io::Result<()> {
    let mut s = String::with_capacity(scene.items.len() * 120);
    let _ = writeln!(s, r#"<?xml version="1.0" encoding="UTF-8"?>"#);
    let _ = writeln!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="'{EMBEDDED_FAMILY}',{FALLBACK_FAMILIES}">"#,
        w = frame.width,
        h = frame.height
    );
    let mut outliner = None;
    match text {
        SvgText::EmbeddedFont => match font_faces(scene) {
            Ok(css) if !css.is_empty() => {
                let _ = writeln!(s, "<style>\n{css}</style>");
            }
            Ok(_) => {}
            // The subsetter is a third party's: should it refuse our text, outlines still give
            // a file that looks right everywhere.
            Err(_) => outliner = Some(Outliner::default()),
        },
        SvgText::Paths => outliner = Some(Outliner::default()),
    }
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
    let mut ids = HashSet::new();
    let mut open: Vec<&Group> = Vec::new();
    let mut next = 0;
    let mut items = |s: &mut String, upto: usize, next: &mut usize| {
        for item in scene.items.get(*next..upto).unwrap_or_default() {
            write_shape(s, &item.shape, outliner.as_mut());
        }
        *next = upto.max(*next);
    };
    for group in &scene.groups {
        while open.len() > group.depth {
            if let Some(done) = open.pop() {
                items(&mut s, done.end, &mut next);
                s.push_str("</g>\n");
            }
        }
        items(&mut s, group.start, &mut next);
        let _ = write!(
            s,
            r#"<g id="{}" class="{}">"#,
            unique_id(&group.id, &mut ids),
            escape(&group.class)
        );
        if let Some(title) = &group.title {
            let _ = write!(s, "<title>{}</title>", escape(title));
        }
        s.push('\n');
        open.push(group);
    }
    while let Some(done) = open.pop() {
        items(&mut s, done.end, &mut next);
        s.push_str("</g>\n");
    }
    items(&mut s, scene.items.len(), &mut next);
    s.push_str("</g>\n</svg>\n");
    out.extend_from_slice(s.as_bytes());
    Ok(())
}

/// `@font-face` rules embedding, for each weight the scene uses, the glyphs of its text.
fn font_faces(scene: &Scene) -> Result<String, super::webfont::WebFontError> {
    let mut regular = BTreeSet::new();
    let mut bold = BTreeSet::new();
    for item in &scene.items {
        if let Shape::Text { text, weight, .. } = &item.shape {
            let chars = match weight {
                Weight::Regular => &mut regular,
                Weight::Bold => &mut bold,
            };
            chars.extend(text.chars().filter(|c| !c.is_control()));
        }
    }
    let mut css = String::new();
    for (chars, bytes, weight) in [(regular, REGULAR_OTF, 400), (bold, BOLD_OTF, 700)] {
        if chars.is_empty() {
            continue;
        }
        let font = subset_font(bytes, chars)?;
        let _ = writeln!(
            css,
            "@font-face {{ font-family: '{EMBEDDED_FAMILY}'; font-weight: {weight}; src: url({}) format('opentype'); }}",
            data_url(&font)
        );
    }
    Ok(css)
}

/// `raw` as a valid, unused XML id (an NCName): characters a name cannot hold, and `_`
/// itself, become `_HEX_`, so different raw ids stay different; a repeat (only an invalid
/// blueprint has one) gets `-2`, `-3`, ….
fn unique_id(raw: &str, used: &mut HashSet<String>) -> String {
    let mut id = String::with_capacity(raw.len());
    for (i, c) in raw.chars().enumerate() {
        if c != '_' && (is_name_start_char(c) || (i > 0 && is_name_char(c))) {
            id.push(c);
        } else {
            let _ = write!(id, "_{:x}_", c as u32);
        }
    }
    if id.is_empty() || id.starts_with('_') {
        id.insert(0, 'g');
    }
    let mut unique = id.clone();
    let mut k = 2;
    while used.contains(&unique) {
        unique = format!("{id}-{k}");
        k += 1;
    }
    used.insert(unique.clone());
    unique
}

/// XML 1.0 NameStartChar, less `:` (ids are NCNames).
fn is_name_start_char(c: char) -> bool {
    matches!(c,
        'A'..='Z' | '_' | 'a'..='z' | '\u{C0}'..='\u{D6}' | '\u{D8}'..='\u{F6}' | '\u{F8}'..='\u{2FF}'
        | '\u{370}'..='\u{37D}' | '\u{37F}'..='\u{1FFF}' | '\u{200C}'..='\u{200D}'
        | '\u{2070}'..='\u{218F}' | '\u{2C00}'..='\u{2FEF}' | '\u{3001}'..='\u{D7FF}'
        | '\u{F900}'..='\u{FDCF}' | '\u{FDF0}'..='\u{FFFD}' | '\u{10000}'..='\u{EFFFF}')
}

/// XML 1.0 NameChar, less `:`.
fn is_name_char(c: char) -> bool {
    is_name_start_char(c)
        || matches!(c, '-' | '.' | '0'..='9' | '\u{B7}' | '\u{300}'..='\u{36F}' | '\u{203F}'..='\u{2040}')
}

/// Writes one shape; text as outlines when an `outliner` is given.
fn write_shape(s: &mut String, shape: &Shape, outliner: Option<&mut Outliner>) {
    match shape {
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
            if let Some(outliner) = outliner {
                let mut d = String::new();
                outliner.text_path(&mut d, text, *origin, *size, *weight);
                if !d.is_empty() {
                    let _ = writeln!(
                        s,
                        r#"<path d="{d}" {} aria-label="{}"/>"#,
                        fill_attr(*color),
                        escape(text)
                    );
                }
                return;
            }
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
