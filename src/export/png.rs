//! PNG export: the scene rasterised on the CPU with vello_cpu, in horizontal bands streamed to
//! the encoder, so memory stays at one band whatever the image size.

use super::{Background, ExportError, Frame};
use crate::geom::Rect;
use crate::scene::{Scene, Shape, Stroke};
use crate::style::Color;
use crate::text::{BOLD_OTF, REGULAR_OTF, Weight, fonts};
use std::io::Write;
use std::sync::{Arc, OnceLock};
use vello_cpu::kurbo::{self, Affine, BezPath, Shape as _};
use vello_cpu::peniko::{Blob, FontData};
use vello_cpu::{Glyph, Pixmap, RenderContext, Resources};

/// Bytes of RGBA a band may hold: a 1080p slide is one band, a 30,000 px wide one about 140 rows.
const BAND_BYTES: usize = 16 * 1024 * 1024;

/// Text whose font size comes out below this many output pixels is drawn as a grey bar, not as
/// glyphs (PNG only: an SVG keeps its text, a viewer can zoom into it).
///
/// At 4 px a lowercase letter is 2 px tall and a Chinese character's ten-odd strokes share four
/// rows of pixels: anti-aliasing turns every glyph into a grey smudge, and nobody reads it. Yet
/// the outlines cost as much as legible text, and a slide of thousands of cards is almost all of
/// them (at 5,000 steps, 95 % of the export time). From about 6 px Latin text becomes readable
/// again, so 4 px leaves a margin and only replaces what was already illegible.
pub const MIN_GLYPH_PX: f32 = 4.0;

/// Where the bar of a run too small for glyphs sits, in font sizes above the baseline: it covers
/// the band where lowercase letters and the bodies of ideographs put most of their ink.
const BAR_TOP: f32 = 0.62;
/// The bar's height, in font sizes.
const BAR_HEIGHT: f32 = 0.5;
/// The bar's opacity relative to the text colour: about the share of the bar's area that glyphs
/// cover (measured by `bars_carry_as_much_ink_as_the_glyphs_they_replace`: 0.37 for English,
/// 0.56 for Chinese), so the slide keeps its tone where the threshold falls.
const BAR_INK: f32 = 0.45;

/// How many text runs one raster pass drew as glyphs and how many as bars.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Drawn {
    /// Runs drawn glyph by glyph.
    glyph_runs: usize,
    /// Runs too small to read, drawn as one bar each.
    text_bars: usize,
}

fn font_data(weight: Weight) -> &'static FontData {
    static REGULAR: OnceLock<FontData> = OnceLock::new();
    static BOLD: OnceLock<FontData> = OnceLock::new();
    let (cell, bytes) = match weight {
        Weight::Regular => (&REGULAR, REGULAR_OTF),
        Weight::Bold => (&BOLD, BOLD_OTF),
    };
    cell.get_or_init(|| FontData::new(Blob::new(Arc::new(bytes)), 0))
}

fn paint(color: Color) -> vello_cpu::color::AlphaColor<vello_cpu::color::Srgb> {
    let [r, g, b, a] = color.0;
    vello_cpu::color::AlphaColor::from_rgba8(r, g, b, a)
}

/// The path through `points`, leaving out vertices within `min_step` of the last one kept: detail
/// under half a pixel (a line jump on a slide of thousands of steps) costs stroking and shows
/// nothing.
fn polyline(points: &[crate::geom::Point], closed: bool, min_step: f32) -> BezPath {
    let mut path = BezPath::new();
    let mut last: Option<crate::geom::Point> = None;
    for (i, p) in points.iter().enumerate() {
        let is_last = i + 1 == points.len();
        if let Some(l) = last
            && !is_last
            && l.distance(*p) < min_step
        {
            continue;
        }
        last = Some(*p);
        let p = (f64::from(p.x), f64::from(p.y));
        if i == 0 { path.move_to(p) } else { path.line_to(p) }
    }
    if closed {
        path.close_path();
    }
    path
}

fn set_stroke(ctx: &mut RenderContext, stroke: &Stroke, scale: f32) {
    let mut k = kurbo::Stroke::new(f64::from(stroke.width)).with_join(kurbo::Join::Miter);
    // A dash pattern shorter than two pixels reads as a lighter solid line, and costs a segment
    // per dash.
    if let Some((on, off)) = stroke.dash
        && (on + off) * scale >= 2.0
    {
        k = k.with_dashes(0.0, [f64::from(on), f64::from(off)]);
    }
    ctx.set_stroke(k);
    ctx.set_paint(paint(stroke.color));
}

/// Draws one item; the context's transform maps scene units to band pixels, `scale` pixels a unit.
fn draw(ctx: &mut RenderContext, resources: &mut Resources, shape: &Shape, scale: f32, drawn: &mut Drawn) {
    match shape {
        Shape::Rect {
            rect,
            radius,
            fill,
            stroke,
        } => {
            // A corner rounded by less than half a pixel looks square, and stroking its curve
            // costs more than the rest of a small card (the cubic offsets of the outline).
            let radius = if radius * scale < 0.5 { 0.0 } else { *radius };
            let r = kurbo::RoundedRect::new(
                f64::from(rect.min.x),
                f64::from(rect.min.y),
                f64::from(rect.max.x),
                f64::from(rect.max.y),
                f64::from(radius),
            );
            let path = r.to_path(0.05);
            if fill.0[3] > 0 {
                ctx.set_paint(paint(*fill));
                ctx.fill_path(&path);
            }
            if let Some(stroke) = stroke {
                set_stroke(ctx, stroke, scale);
                ctx.stroke_path(&path);
            }
        }
        Shape::Circle { center, radius, fill } => {
            let circle = kurbo::Circle::new((f64::from(center.x), f64::from(center.y)), f64::from(*radius));
            ctx.set_paint(paint(*fill));
            ctx.fill_path(&circle.to_path(0.05));
        }
        Shape::Path {
            points,
            closed,
            fill,
            stroke,
        } => {
            let path = polyline(points, *closed, 0.5 / scale);
            if let Some(fill) = fill {
                ctx.set_paint(paint(*fill));
                ctx.fill_path(&path);
            }
            if let Some(stroke) = stroke {
                set_stroke(ctx, stroke, scale);
                ctx.stroke_path(&path);
            }
        }
        Shape::Text {
            origin,
            text,
            size,
            weight,
            color,
            width,
        } => {
            if size * scale < MIN_GLYPH_PX {
                if !text.trim().is_empty() {
                    let [r, g, b, a] = color.0;
                    ctx.set_paint(paint(Color([r, g, b, (f32::from(a) * BAR_INK).round() as u8])));
                    let top = f64::from(origin.y - BAR_TOP * size);
                    ctx.fill_rect(&kurbo::Rect::new(
                        f64::from(origin.x),
                        top,
                        f64::from(origin.x + width),
                        top + f64::from(BAR_HEIGHT * size),
                    ));
                    drawn.text_bars += 1;
                }
                return;
            }
            drawn.glyph_runs += 1;
            let face = fonts().face(*weight);
            ctx.set_paint(paint(*color));
            let glyphs: Vec<Glyph> = face
                .layout_glyphs(text, *size)
                .map(|(id, x)| Glyph {
                    id: u32::from(id),
                    x: origin.x + x,
                    y: origin.y,
                })
                .collect();
            ctx.glyph_run(resources, font_data(*weight))
                .font_size(*size)
                .hint(false)
                .fill_glyphs(glyphs.into_iter());
        }
    }
}

/// Receives each band's rows and their count.
type BandSink<'a> = dyn FnMut(&[u8], u32) -> Result<(), ExportError> + 'a;

/// Rasterises `scene` into `frame` band by band, handing each band's rows (straight-alpha RGBA,
/// or RGB when `opaque`) to `sink` with the number of rows. Says how text was drawn.
fn rasterize(
    scene: &Scene,
    frame: &Frame,
    background: Background,
    opaque: bool,
    sink: &mut BandSink<'_>,
) -> Result<Drawn, ExportError> {
    super::check_size(frame)?;
    let (width, height) = (frame.width, frame.height);
    let band_rows = (BAND_BYTES / (width as usize * 4)).clamp(1, height as usize) as u32;
    let mut resources = Resources::new();
    let mut ctx = RenderContext::new(width as u16, band_rows as u16);
    let mut pixmap = Pixmap::new(width as u16, band_rows as u16);
    let mut row_bytes = Vec::with_capacity(width as usize * 4 * band_rows as usize);
    let mut band_top = 0u32;
    let mut drawn = Drawn::default();
    while band_top < height {
        let rows = band_rows.min(height - band_top);
        if rows != band_rows {
            ctx.reset_and_resize(width as u16, rows as u16);
            pixmap = Pixmap::new(width as u16, rows as u16);
        } else {
            ctx.reset();
        }
        ctx.reset_transform();
        let bg = background.color();
        if bg.0[3] > 0 {
            ctx.set_paint(paint(bg));
            ctx.fill_rect(&kurbo::Rect::new(0.0, 0.0, f64::from(width), f64::from(rows)));
        }
        let transform = Affine::translate((f64::from(frame.dx), f64::from(frame.dy) - f64::from(band_top)))
            * Affine::scale(f64::from(frame.scale));
        ctx.set_transform(transform);
        // Only items that reach into this band (in scene units, with a pixel of slack).
        let slack = 2.0 / frame.scale;
        let band = Rect::from_xywh(
            -frame.dx / frame.scale,
            (band_top as f32 - frame.dy) / frame.scale - slack,
            width as f32 / frame.scale,
            rows as f32 / frame.scale + 2.0 * slack,
        );
        for item in &scene.items {
            if item.bbox.intersects(&band) {
                draw(&mut ctx, &mut resources, &item.shape, frame.scale, &mut drawn);
            }
        }
        ctx.flush();
        ctx.render(&mut pixmap, &mut resources);

        row_bytes.clear();
        for pixel in pixmap.data() {
            let [r, g, b, a] = [pixel.r, pixel.g, pixel.b, pixel.a];
            if opaque {
                row_bytes.extend_from_slice(&[r, g, b]);
            } else if a == 0 {
                row_bytes.extend_from_slice(&[0, 0, 0, 0]);
            } else {
                // The rasteriser works premultiplied; PNG and egui images want straight alpha.
                let un = |c: u8| ((u32::from(c) * 255 + u32::from(a) / 2) / u32::from(a)).min(255) as u8;
                row_bytes.extend_from_slice(&[un(r), un(g), un(b), a]);
            }
        }
        sink(&row_bytes, rows)?;
        band_top += rows;
    }
    Ok(drawn)
}

/// Rasterises `scene` into `frame` and writes it as PNG to `out`. Opaque backgrounds give an RGB
/// file, transparent ones RGBA with straight alpha. `progress` gets 0…1 as bands complete.
pub fn write_png(
    scene: &Scene,
    frame: &Frame,
    background: Background,
    out: &mut dyn Write,
    progress: &mut dyn FnMut(f32),
) -> Result<(), ExportError> {
    write_png_until(scene, frame, background, out, &mut |done| {
        progress(done);
        true
    })
}

/// [`write_png`] whose `progress` answers whether to go on: `false` stops between bands with
/// [`ExportError::Cancelled`], so a very large image can be cancelled part way.
pub(crate) fn write_png_until(
    scene: &Scene,
    frame: &Frame,
    background: Background,
    out: &mut dyn Write,
    progress: &mut dyn FnMut(f32) -> bool,
) -> Result<(), ExportError> {
    super::check_size(frame)?;
    let opaque = background.color().0[3] == 255;
    let mut encoder = ::png::Encoder::new(out, frame.width, frame.height);
    encoder.set_color(if opaque {
        ::png::ColorType::Rgb
    } else {
        ::png::ColorType::Rgba
    });
    encoder.set_depth(::png::BitDepth::Eight);
    encoder.set_compression(::png::Compression::Balanced);
    // Say the pixel density, so slide software places it at its intended size (96 dpi × scale).
    let pixels_per_metre = (96.0 / 0.0254 * frame.scale.max(0.01)).round() as u32;
    encoder.set_pixel_dims(Some(::png::PixelDimensions {
        xppu: pixels_per_metre,
        yppu: pixels_per_metre,
        unit: ::png::Unit::Meter,
    }));
    let mut header = encoder.write_header()?;
    let mut writer = header.stream_writer()?;
    let mut done = 0u32;
    rasterize(scene, frame, background, opaque, &mut |rows, n| {
        writer.write_all(rows).map_err(::png::EncodingError::from)?;
        done += n;
        if progress(done as f32 / frame.height as f32) {
            Ok(())
        } else {
            Err(ExportError::Cancelled)
        }
    })?;
    writer.finish()?;
    header.finish()?;
    Ok(())
}

/// Rasterises `scene` into straight-alpha RGBA pixels, row by row (for the clipboard and
/// previews).
pub fn render_rgba(scene: &Scene, frame: &Frame, background: Background) -> Result<Vec<u8>, ExportError> {
    let mut pixels = Vec::with_capacity(frame.width as usize * frame.height as usize * 4);
    rasterize(scene, frame, background, false, &mut |rows, _| {
        pixels.extend_from_slice(rows);
        Ok(())
    })?;
    Ok(pixels)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::{ExportOptions, Slide, export_scene};
    use crate::geom::pt;
    use crate::scene::Role;

    /// A scene holding one black run of `text` at `size`, framed at `scale` pixels a unit.
    fn one_run(text: &str, size: f32, scale: f32) -> (Scene, Frame) {
        let width = fonts().regular.width(text, size);
        let mut scene = Scene::new(Rect::from_xywh(0.0, 0.0, width + 2.0 * size, 2.0 * size), Color::WHITE);
        scene.push(
            Role::Chrome,
            Shape::Text {
                origin: pt(size, 1.4 * size),
                text: text.to_owned(),
                size,
                weight: Weight::Regular,
                color: Color::hex(0x000000),
                width,
            },
        );
        let frame = Frame {
            width: (scene.bounds.width() * scale).ceil() as u32,
            height: (scene.bounds.height() * scale).ceil() as u32,
            scale,
            dx: 0.0,
            dy: 0.0,
        };
        (scene, frame)
    }

    /// Rasterises on white; RGBA pixels and what was drawn.
    fn render(scene: &Scene, frame: &Frame) -> (Vec<u8>, Drawn) {
        let mut pixels = Vec::new();
        let drawn = rasterize(scene, frame, Background::White, false, &mut |rows, _| {
            pixels.extend_from_slice(rows);
            Ok(())
        })
        .expect("renders");
        (pixels, drawn)
    }

    /// Darkness summed over all pixels, in pixels' worth of full black.
    fn ink(pixels: &[u8]) -> f32 {
        pixels.chunks(4).map(|p| f32::from(255 - p[1]) / 255.0).sum()
    }

    #[test]
    fn bars_carry_as_much_ink_as_the_glyphs_they_replace() {
        for text in ["Customer orders at the counter", "顾客排队点单，等候咖啡制作"] {
            for px in [4.0, 6.0, 8.0] {
                let size = 14.0;
                let scale = px / size;
                let (scene, frame) = one_run(text, size, scale);
                let (pixels, drawn) = render(&scene, &frame);
                assert_eq!(drawn.glyph_runs, 1);
                let bar_area = fonts().regular.width(text, size) * scale * BAR_HEIGHT * size * scale;
                let coverage = ink(&pixels) / bar_area;
                assert!((coverage / BAR_INK - 1.0).abs() < 0.3, "{text} at {px} px: {coverage}");
            }
        }
    }

    #[test]
    fn a_run_under_the_threshold_is_one_even_bar() {
        let text = "Customer orders 顾客点单";
        let size = 14.0;
        let scale = 3.5 / size;
        let (scene, frame) = one_run(text, size, scale);
        let (pixels, drawn) = render(&scene, &frame);
        assert_eq!(
            drawn,
            Drawn {
                glyph_runs: 0,
                text_bars: 1
            }
        );
        let width = frame.width as usize;
        let row = |y: usize| &pixels[y * width * 4..(y + 1) * width * 4];
        // Inside the run's extent (away from its anti-aliased ends) every row is one colour.
        let run_width = fonts().regular.width(text, size);
        let (left, right) = (
            (size * scale).ceil() as usize + 1,
            ((size + run_width) * scale).floor() as usize - 1,
        );
        assert!(right > left + 10, "the bar is long enough to test");
        let mut dark_rows = 0;
        for y in 0..frame.height as usize {
            let pixels = &row(y)[left * 4..right * 4];
            assert!(
                pixels.chunks(4).all(|p| p == &pixels[..4]),
                "row {y} is not even: {pixels:?}"
            );
            if pixels[1] < 200 {
                dark_rows += 1;
            }
        }
        assert!(dark_rows >= 1, "the bar shows");
        // The same run at a readable size is glyphs, with gaps between them.
        let (scene, frame) = one_run(text, size, 12.0 / size);
        let (pixels, drawn) = render(&scene, &frame);
        assert_eq!(
            drawn,
            Drawn {
                glyph_runs: 1,
                text_bars: 0
            }
        );
        let width = frame.width as usize;
        let y = (1.4 * size - 0.35 * size) * frame.scale;
        let middle = &pixels[y as usize * width * 4..(y as usize + 1) * width * 4];
        let distinct: std::collections::HashSet<&[u8]> = middle.chunks(4).collect();
        assert!(distinct.len() > 8, "glyphs vary along the line: {}", distinct.len());
    }

    #[test]
    fn a_slide_of_5000_steps_draws_its_text_as_bars() {
        let blueprint = crate::generate::synthetic(5000, 100);
        let options = ExportOptions {
            slide: Some(Slide::Wide),
            ..ExportOptions::default()
        };
        let scene = export_scene(&blueprint, &options).expect("scene");
        let frame = Frame::new(scene.bounds, &options);
        let runs = scene
            .items
            .iter()
            .filter(|item| matches!(&item.shape, Shape::Text { text, .. } if !text.trim().is_empty()))
            .count();
        let (_, drawn) = render(&scene, &frame);
        assert!(runs > 5000, "{runs} text runs");
        assert_eq!(
            drawn,
            Drawn {
                glyph_runs: 0,
                text_bars: runs
            }
        );
    }

    #[test]
    fn a_slide_of_a_real_blueprint_draws_its_text_as_glyphs() {
        let blueprint = crate::file::open(std::path::Path::new("samples/zh/coffee-shop.ron")).expect("sample");
        let options = ExportOptions {
            slide: Some(Slide::Wide),
            ..ExportOptions::default()
        };
        let scene = export_scene(&blueprint, &options).expect("scene");
        let frame = Frame::new(scene.bounds, &options);
        let (pixels, drawn) = render(&scene, &frame);
        assert_eq!(drawn.text_bars, 0);
        assert!(drawn.glyph_runs > 24, "{drawn:?}");
        // The first card title: across its middle the pixels vary, as glyphs do and a bar would not.
        let Some((bbox, width)) = scene.items.iter().find_map(|item| match (&item.role, &item.shape) {
            (Role::CardText(_), Shape::Text { width, .. }) => Some((item.bbox, *width)),
            _ => None,
        }) else {
            panic!("the sample has card titles");
        };
        let to_px = |x: f32, y: f32| {
            (
                (frame.dx + x * frame.scale) as usize,
                (frame.dy + y * frame.scale) as usize,
            )
        };
        let (x0, y) = to_px(bbox.min.x, bbox.center().y);
        let (x1, _) = to_px(bbox.min.x + width, bbox.center().y);
        let row = &pixels[(y * frame.width as usize + x0) * 4..(y * frame.width as usize + x1) * 4];
        let distinct: std::collections::HashSet<&[u8]> = row.chunks(4).collect();
        assert!(distinct.len() > 8, "{} colours across a title", distinct.len());
    }
}
