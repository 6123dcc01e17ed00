//! PDF export: slides as vector pages, for decks and handouts. Shapes stay shapes and text stays
//! text in the bundled font, which the file carries (krilla embeds only the glyphs used), so a
//! reader can select, search and copy every word, Chinese included, at any zoom.
//!
//! Glyphs are placed one by one with the advances every other painter uses
//! ([`crate::text::Face::layout_glyphs`]), not re-shaped, so each line sits exactly where the
//! canvas, the PNG and the SVG put it.

use super::{Background, Frame};
use crate::geom::Point;
use crate::scene::{Scene, Shape, Stroke};
use crate::style::Color;
use crate::text::{BOLD_OTF, LINE_HEIGHT, REGULAR_OTF, Weight, wrap};
use krilla::Document;
use krilla::color::rgb;
use krilla::destination::XyzDestination;
use krilla::error::KrillaError;
use krilla::geom::{self as kgeom, PathBuilder, Transform};
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla::paint::{Fill, FillRule, LineCap, LineJoin, StrokeDash};
use krilla::surface::Surface;
use krilla::text::{Font, GlyphId, KrillaGlyph};

/// Points per output pixel: a 1920 × 1080 px slide becomes a 960 × 540 pt page, PowerPoint's
/// 16:9 size, so slides open at their natural size in slide and PDF software alike.
pub const PT_PER_PX: f32 = 0.5;

/// A4 portrait in whole points, the size printers and viewers round it to.
const A4: (f32, f32) = (595.0, 842.0);
/// Handout page margin on every side, in points (about 17 mm: inside any printer's reach).
const MARGIN: f32 = 48.0;
/// The tallest a slide may be on a handout page, in points, so a portrait slide still leaves
/// room for its notes.
const MAX_SLIDE_HEIGHT: f32 = 400.0;
/// Running header: the slide title above the slide, small and grey.
const HEADER_SIZE: f32 = 9.0;
/// Talking points' size in points: body text of printed handouts.
const NOTE_SIZE: f32 = 11.0;
/// Extra space between two talking points, in points.
const NOTE_GAP: f32 = 6.0;
/// How far talking points' text sits right of the margin, leaving room for the bullet.
const NOTE_INDENT: f32 = 14.0;
/// Header and slide border colour: light enough not to compete with the slide.
const HEADER_COLOR: Color = Color::hex(0x6A737D);
/// Talking points' colour: near black, softer on paper than pure black.
const NOTE_COLOR: Color = Color::hex(0x1F2328);
/// The frame around a slide on a handout page, which shows where a white slide ends.
const BORDER_COLOR: Color = Color::hex(0xC8CDD2);

/// One slide of a PDF.
pub struct PdfSlide<'a> {
    /// The drawing.
    pub scene: &'a Scene,
    /// Where it goes: the page is frame.width × frame.height pixels, at 0.5 pt per pixel (1920 × 1080 px → 960 × 540 pt, PowerPoint's 16:9 size).
    pub frame: Frame,
    /// Page colour.
    pub background: Background,
    /// Outline (bookmark) title of the page.
    pub title: String,
    /// Talking points: printed on a handout page after the slide when `handouts` is true.
    pub notes: Vec<String>,
}

/// Why a PDF could not be written.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    /// Nothing to write: a PDF needs at least one page.
    #[error("there are no slides to write: a PDF needs at least one page")]
    NoSlides,
    /// A slide's frame has no area (or is not a finite size).
    #[error("slide {slide} is {width} × {height} px: a PDF page needs a width and a height")]
    EmptyPage {
        /// The slide, 1-based.
        slide: usize,
        /// Frame width in pixels.
        width: u32,
        /// Frame height in pixels.
        height: u32,
    },
    /// krilla could not read the bundled font (a build defect, but reported, not a panic).
    #[error("the bundled {0:?} font cannot be read for the PDF")]
    Font(Weight),
    /// krilla failed to assemble the file (font embedding, PDF size limits).
    #[error("cannot write the PDF: {0}")]
    Serialize(#[from] KrillaError),
}

/// The bundled faces as krilla fonts; krilla subsets them to the glyphs drawn.
struct PdfFonts {
    /// Body text.
    regular: Font,
    /// Titles and headers.
    bold: Font,
}

impl PdfFonts {
    fn load() -> Result<PdfFonts, PdfError> {
        let load = |bytes: &'static [u8], weight| Font::new(bytes.into(), 0).ok_or(PdfError::Font(weight));
        Ok(PdfFonts {
            regular: load(REGULAR_OTF, Weight::Regular)?,
            bold: load(BOLD_OTF, Weight::Bold)?,
        })
    }

    fn get(&self, weight: Weight) -> &Font {
        match weight {
            Weight::Regular => &self.regular,
            Weight::Bold => &self.bold,
        }
    }
}

/// Writes `slides` as one PDF; with `handouts`, each slide is followed by an A4 portrait page with the slide scaled to the page width at the top and its talking points below (wrapped, continued on further pages if long).
pub fn write_pdf(slides: &[PdfSlide<'_>], handouts: bool, out: &mut Vec<u8>) -> Result<(), PdfError> {
    if slides.is_empty() {
        return Err(PdfError::NoSlides);
    }
    let fonts = PdfFonts::load()?;
    let mut document = Document::new();
    let mut outline = Outline::new();
    let mut page_index = 0;
    for (i, slide) in slides.iter().enumerate() {
        let (width, height) = (
            slide.frame.width as f32 * PT_PER_PX,
            slide.frame.height as f32 * PT_PER_PX,
        );
        let settings = PageSettings::from_wh(width, height).ok_or(PdfError::EmptyPage {
            slide: i + 1,
            width: slide.frame.width,
            height: slide.frame.height,
        })?;
        {
            let mut page = document.start_page_with(settings);
            let mut surface = page.surface();
            fill_rect(&mut surface, 0.0, 0.0, width, height, slide.background.color());
            surface.push_transform(&Transform::from_scale(PT_PER_PX, PT_PER_PX));
            draw_scene(&mut surface, &fonts, slide.scene, &slide.frame);
            surface.pop();
            surface.finish();
            page.finish();
        }
        let title = if slide.title.trim().is_empty() {
            // A bookmark without text cannot be clicked in most viewers; the number at least can.
            (i + 1).to_string()
        } else {
            slide.title.clone()
        };
        outline.push_child(OutlineNode::new(
            title,
            XyzDestination::new(page_index, kgeom::Point::from_xy(0.0, 0.0)),
        ));
        page_index += 1;
        if handouts {
            page_index += write_handout(&mut document, &fonts, slide);
        }
    }
    document.set_outline(outline);
    let mut metadata = Metadata::new().creator("Blueprint Studio".to_owned());
    if let Some(first) = slides.first()
        && !first.title.trim().is_empty()
    {
        metadata = metadata.title(first.title.clone());
    }
    document.set_metadata(metadata);
    out.extend_from_slice(&document.finish()?);
    Ok(())
}

/// Adds the handout pages of `slide` (the slide on top, its talking points below and on as
/// many pages as they need); returns how many pages it added.
fn write_handout(document: &mut Document, fonts: &PdfFonts, slide: &PdfSlide<'_>) -> usize {
    let (page_w, page_h) = A4;
    let content_w = page_w - 2.0 * MARGIN;
    let bottom = page_h - MARGIN;
    let header_face = crate::text::fonts().face(Weight::Bold);
    // The header is one line, cut to the width: a running head, not the place for a long title.
    let header = wrap(&slide.title, Weight::Bold, HEADER_SIZE, content_w, 1)
        .into_iter()
        .next()
        .map(|line| line.text)
        .unwrap_or_default();
    let header_baseline = MARGIN + header_face.ascent * HEADER_SIZE;
    let below_header = header_baseline + header_face.descent * HEADER_SIZE + 8.0;

    // The slide at the content width, or narrower and centred if that would make it too tall.
    let (frame_w, frame_h) = (slide.frame.width.max(1) as f32, slide.frame.height.max(1) as f32);
    let fit = (content_w / frame_w).min(MAX_SLIDE_HEIGHT / frame_h);
    let (slide_w, slide_h) = (frame_w * fit, frame_h * fit);
    let slide_x = MARGIN + (content_w - slide_w) / 2.0;
    let slide_y = below_header;

    let face = crate::text::fonts().face(Weight::Regular);
    let line_height = LINE_HEIGHT * NOTE_SIZE;
    let text_x = MARGIN + NOTE_INDENT;
    let text_w = content_w - NOTE_INDENT;
    // Each talking point as its wrapped lines.
    let points: Vec<Vec<String>> = slide
        .notes
        .iter()
        .filter(|note| !note.trim().is_empty())
        .map(|note| {
            wrap(note, Weight::Regular, NOTE_SIZE, text_w, usize::MAX)
                .into_iter()
                .map(|line| line.text)
                .collect()
        })
        .collect();
    let line_bottom = |top: f32| top + (face.ascent + face.descent) * NOTE_SIZE;
    // A point is kept whole on one page when it fits on a fresh one: a lone last line at the
    // top of a page reads as a stray fragment.
    let fits_on_fresh_page =
        |lines: usize| line_bottom(below_header + lines.saturating_sub(1) as f32 * line_height) <= bottom;

    let Some(settings) = PageSettings::from_wh(page_w, page_h) else {
        return 0;
    };
    let mut pages = 0;
    // The next point and line within it to place.
    let (mut point, mut line) = (0, 0);
    loop {
        let mut page = document.start_page_with(settings.clone());
        let mut surface = page.surface();
        pages += 1;
        if !header.is_empty() {
            draw_text(
                &mut surface,
                fonts,
                Point {
                    x: MARGIN,
                    y: header_baseline,
                },
                &header,
                HEADER_SIZE,
                Weight::Bold,
                HEADER_COLOR,
            );
        }
        // Top of the next line's em box.
        let mut top = below_header;
        if pages == 1 {
            draw_slide_at(&mut surface, fonts, slide, slide_x, slide_y, fit);
            top = slide_y + slide_h + 20.0;
        }
        let mut placed_any = false;
        while let Some(lines) = points.get(point) {
            let Some(text) = lines.get(line) else {
                point += 1;
                line = 0;
                continue;
            };
            let starts_point = line == 0;
            let gap = if starts_point && placed_any { NOTE_GAP } else { 0.0 };
            let rest = if starts_point && fits_on_fresh_page(lines.len()) {
                lines.len()
            } else {
                1
            };
            let last_top = top + gap + (rest - 1) as f32 * line_height;
            // A fresh continuation page always takes a line, so nothing can loop forever.
            let fresh = pages > 1 && !placed_any;
            if line_bottom(last_top) > bottom && !fresh {
                break;
            }
            top += gap;
            let baseline = top + face.ascent * NOTE_SIZE;
            if starts_point {
                // A drawn dot rather than "•": the bundled subset need not carry the character.
                let center = Point {
                    x: MARGIN + 4.0,
                    y: baseline - 0.32 * NOTE_SIZE,
                };
                fill_path(&mut surface, circle(center, 1.8), NOTE_COLOR);
            }
            draw_text(
                &mut surface,
                fonts,
                Point { x: text_x, y: baseline },
                text,
                NOTE_SIZE,
                Weight::Regular,
                NOTE_COLOR,
            );
            top += line_height;
            placed_any = true;
            line += 1;
        }
        surface.finish();
        page.finish();
        if point >= points.len() {
            return pages;
        }
    }
}

/// Draws `slide` with its top-left corner at (`x`, `y`) points, `fit` points per frame pixel,
/// clipped to its frame and outlined so a white slide shows where it ends on white paper.
fn draw_slide_at(surface: &mut Surface<'_>, fonts: &PdfFonts, slide: &PdfSlide<'_>, x: f32, y: f32, fit: f32) {
    let (w, h) = (slide.frame.width as f32 * fit, slide.frame.height as f32 * fit);
    let Some(clip) = rect_path(x, y, w, h, 0.0) else {
        return;
    };
    surface.push_clip_path(&clip, &FillRule::NonZero);
    fill_rect(surface, x, y, w, h, slide.background.color());
    surface.push_transform(&Transform::from_row(fit, 0.0, 0.0, fit, x, y));
    draw_scene(surface, fonts, slide.scene, &slide.frame);
    surface.pop();
    surface.pop();
    if let Some(border) = rect_path(x, y, w, h, 0.0) {
        surface.set_fill(None);
        surface.set_stroke(Some(stroke(&Stroke::solid(0.75, BORDER_COLOR))));
        surface.draw_path(&border);
        surface.set_stroke(None);
    }
}

/// Paints `scene` in `frame`'s pixel space (the caller maps pixels to points).
fn draw_scene(surface: &mut Surface<'_>, fonts: &PdfFonts, scene: &Scene, frame: &Frame) {
    surface.push_transform(&Transform::from_row(
        frame.scale,
        0.0,
        0.0,
        frame.scale,
        frame.dx,
        frame.dy,
    ));
    for item in &scene.items {
        draw_shape(surface, fonts, &item.shape);
    }
    surface.pop();
}

/// Draws one shape as the SVG writer does: fill under stroke, miter joins, butt caps.
fn draw_shape(surface: &mut Surface<'_>, fonts: &PdfFonts, shape: &Shape) {
    match shape {
        Shape::Rect {
            rect,
            radius,
            fill,
            stroke: outline,
        } => {
            let Some(path) = rect_path(rect.min.x, rect.min.y, rect.width(), rect.height(), *radius) else {
                return;
            };
            paint_path(surface, &path, Some(*fill), outline.as_ref());
        }
        Shape::Circle { center, radius, fill } => {
            if let Some(path) = circle(*center, *radius) {
                paint_path(surface, &path, Some(*fill), None);
            }
        }
        Shape::Path {
            points,
            closed,
            fill,
            stroke: outline,
        } => {
            let mut builder = PathBuilder::new();
            for (i, p) in points.iter().enumerate() {
                if i == 0 {
                    builder.move_to(p.x, p.y);
                } else {
                    builder.line_to(p.x, p.y);
                }
            }
            if *closed {
                builder.close();
            }
            // An open path's fill is ignored, as in the other painters.
            let fill = if *closed { *fill } else { None };
            if let Some(path) = builder.finish() {
                paint_path(surface, &path, fill, outline.as_ref());
            }
        }
        Shape::Text {
            origin,
            text,
            size,
            weight,
            color,
            ..
        } => draw_text(surface, fonts, *origin, text, *size, *weight, *color),
    }
}

/// One line of text with its baseline starting at `origin`, glyph by glyph at the bundled
/// font's advances; each glyph keeps the characters it draws, so the text can be copied.
fn draw_text(
    surface: &mut Surface<'_>,
    fonts: &PdfFonts,
    origin: Point,
    text: &str,
    size: f32,
    weight: Weight,
    color: Color,
) {
    if color.0[3] == 0 || text.trim().is_empty() {
        return;
    }
    let face = crate::text::fonts().face(weight);
    // The same characters layout_glyphs draws (controls dropped), with their byte ranges.
    let glyphs: Vec<KrillaGlyph> = text
        .char_indices()
        .filter(|(_, c)| !c.is_control())
        .map(|(at, c)| {
            let (id, advance) = face.glyph(c);
            KrillaGlyph::new(
                GlyphId::new(u32::from(id)),
                advance,
                0.0,
                0.0,
                0.0,
                at..at + c.len_utf8(),
                None,
            )
        })
        .collect();
    surface.set_stroke(None);
    surface.set_fill(Some(fill(color)));
    surface.draw_glyphs(
        kgeom::Point::from_xy(origin.x, origin.y),
        &glyphs,
        fonts.get(weight).clone(),
        text,
        size,
        false,
    );
}

/// Fills and strokes `path`; a transparent fill or stroke is left out.
fn paint_path(surface: &mut Surface<'_>, path: &kgeom::Path, fill_color: Option<Color>, outline: Option<&Stroke>) {
    let fill = fill_color.filter(|c| c.0[3] > 0).map(fill);
    let outline = outline.filter(|s| s.color.0[3] > 0 && s.width > 0.0).map(stroke);
    if fill.is_none() && outline.is_none() {
        return;
    }
    surface.set_fill(fill);
    surface.set_stroke(outline);
    surface.draw_path(path);
}

fn fill_path(surface: &mut Surface<'_>, path: Option<kgeom::Path>, color: Color) {
    if let Some(path) = path {
        paint_path(surface, &path, Some(color), None);
    }
}

fn fill_rect(surface: &mut Surface<'_>, x: f32, y: f32, w: f32, h: f32, color: Color) {
    fill_path(surface, rect_path(x, y, w, h, 0.0), color);
}

fn opacity(color: Color) -> NormalizedF32 {
    NormalizedF32::new(color.alpha()).unwrap_or(NormalizedF32::ONE)
}

fn fill(color: Color) -> Fill {
    let [r, g, b, _] = color.0;
    Fill {
        paint: rgb::Color::new(r, g, b).into(),
        opacity: opacity(color),
        rule: FillRule::NonZero,
    }
}

fn stroke(stroke: &Stroke) -> krilla::paint::Stroke {
    let [r, g, b, _] = stroke.color.0;
    krilla::paint::Stroke {
        paint: rgb::Color::new(r, g, b).into(),
        width: stroke.width,
        // SVG's default, which the SVG writer relies on: sharp arrowheads, no spikes at
        // the near-reversals of a routed flow.
        miter_limit: 4.0,
        line_cap: LineCap::Butt,
        line_join: LineJoin::Miter,
        opacity: opacity(stroke.color),
        dash: stroke.dash.map(|(on, off)| StrokeDash {
            array: vec![on, off],
            offset: 0.0,
        }),
    }
}

/// A rectangle with corners rounded by `radius` (clamped to half the shorter side, as SVG and
/// kurbo do); `None` when it has no area to draw.
fn rect_path(x: f32, y: f32, w: f32, h: f32, radius: f32) -> Option<kgeom::Path> {
    if !(w > 0.0 && h > 0.0) {
        return None;
    }
    let r = radius.clamp(0.0, w.min(h) / 2.0);
    let mut b = PathBuilder::new();
    if r <= 0.0 {
        b.move_to(x, y);
        b.line_to(x + w, y);
        b.line_to(x + w, y + h);
        b.line_to(x, y + h);
        b.close();
        return b.finish();
    }
    // Quarter circles as cubics with the usual 0.5523 handle length.
    let k = r * (1.0 - KAPPA);
    let (x1, y1) = (x + w, y + h);
    b.move_to(x + r, y);
    b.line_to(x1 - r, y);
    b.cubic_to(x1 - k, y, x1, y + k, x1, y + r);
    b.line_to(x1, y1 - r);
    b.cubic_to(x1, y1 - k, x1 - k, y1, x1 - r, y1);
    b.line_to(x + r, y1);
    b.cubic_to(x + k, y1, x, y1 - k, x, y1 - r);
    b.line_to(x, y + r);
    b.cubic_to(x, y + k, x + k, y, x + r, y);
    b.close();
    b.finish()
}

/// Handle length of a cubic Bézier approximating a quarter circle, in radii.
const KAPPA: f32 = 0.552_284_8;

fn circle(center: Point, radius: f32) -> Option<kgeom::Path> {
    let (cx, cy, r) = (center.x, center.y, radius);
    if r.is_nan() || r <= 0.0 {
        return None;
    }
    let k = r * KAPPA;
    let mut b = PathBuilder::new();
    b.move_to(cx + r, cy);
    b.cubic_to(cx + r, cy + k, cx + k, cy + r, cx, cy + r);
    b.cubic_to(cx - k, cy + r, cx - r, cy + k, cx - r, cy);
    b.cubic_to(cx - r, cy - k, cx - k, cy - r, cx, cy - r);
    b.cubic_to(cx + k, cy - r, cx + r, cy - k, cx + r, cy);
    b.close();
    b.finish()
}
