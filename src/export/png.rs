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

fn polyline(points: &[crate::geom::Point], closed: bool) -> BezPath {
    let mut path = BezPath::new();
    for (i, p) in points.iter().enumerate() {
        let p = (f64::from(p.x), f64::from(p.y));
        if i == 0 { path.move_to(p) } else { path.line_to(p) }
    }
    if closed {
        path.close_path();
    }
    path
}

fn set_stroke(ctx: &mut RenderContext, stroke: &Stroke) {
    let mut k = kurbo::Stroke::new(f64::from(stroke.width)).with_join(kurbo::Join::Miter);
    if let Some((on, off)) = stroke.dash {
        k = k.with_dashes(0.0, [f64::from(on), f64::from(off)]);
    }
    ctx.set_stroke(k);
    ctx.set_paint(paint(stroke.color));
}

/// Draws one item; the context's transform maps scene units to band pixels.
fn draw(ctx: &mut RenderContext, resources: &mut Resources, shape: &Shape) {
    match shape {
        Shape::Rect {
            rect,
            radius,
            fill,
            stroke,
        } => {
            let r = kurbo::RoundedRect::new(
                f64::from(rect.min.x),
                f64::from(rect.min.y),
                f64::from(rect.max.x),
                f64::from(rect.max.y),
                f64::from(*radius),
            );
            let path = r.to_path(0.05);
            if fill.0[3] > 0 {
                ctx.set_paint(paint(*fill));
                ctx.fill_path(&path);
            }
            if let Some(stroke) = stroke {
                set_stroke(ctx, stroke);
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
            let path = polyline(points, *closed);
            if let Some(fill) = fill {
                ctx.set_paint(paint(*fill));
                ctx.fill_path(&path);
            }
            if let Some(stroke) = stroke {
                set_stroke(ctx, stroke);
                ctx.stroke_path(&path);
            }
        }
        Shape::Text {
            origin,
            text,
            size,
            weight,
            color,
            ..
        } => {
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
/// or RGB when `opaque`) to `sink` with the number of rows.
fn rasterize(
    scene: &Scene,
    frame: &Frame,
    background: Background,
    opaque: bool,
    sink: &mut BandSink<'_>,
) -> Result<(), ExportError> {
    super::check_size(frame)?;
    let (width, height) = (frame.width, frame.height);
    let band_rows = (BAND_BYTES / (width as usize * 4)).clamp(1, height as usize) as u32;
    let mut resources = Resources::new();
    let mut ctx = RenderContext::new(width as u16, band_rows as u16);
    let mut pixmap = Pixmap::new(width as u16, band_rows as u16);
    let mut row_bytes = Vec::with_capacity(width as usize * 4 * band_rows as usize);
    let mut band_top = 0u32;
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
                draw(&mut ctx, &mut resources, &item.shape);
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
    Ok(())
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
        progress(done as f32 / frame.height as f32);
        Ok(())
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
