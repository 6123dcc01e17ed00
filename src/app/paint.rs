//! Paints the scene with egui: the same display list as the exports, culled to the view and
//! with less detail when cards are too small to read.

use crate::geom::{Point, Rect};
use crate::scene::{Role, Scene, Shape, Stroke};
use crate::style::Color;
use crate::text::Weight;
use egui::{
    Color32, CornerRadius, FontFamily, FontId, Painter, Pos2, Shape as EShape, Stroke as EStroke, StrokeKind, pos2,
    vec2,
};

/// egui font families that hold the bundled faces.
pub const REGULAR_FAMILY: &str = "bp-regular";
/// See [`REGULAR_FAMILY`].
pub const BOLD_FAMILY: &str = "bp-bold";

/// Maps scene units to screen points.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Transform {
    /// Screen position of scene (0, 0).
    pub origin: Pos2,
    /// Screen points per scene unit.
    pub zoom: f32,
}

impl Transform {
    /// Scene → screen.
    pub fn to_screen(&self, p: Point) -> Pos2 {
        pos2(self.origin.x + p.x * self.zoom, self.origin.y + p.y * self.zoom)
    }

    /// Screen → scene.
    pub fn to_scene(&self, p: Pos2) -> Point {
        Point {
            x: (p.x - self.origin.x) / self.zoom,
            y: (p.y - self.origin.y) / self.zoom,
        }
    }

    /// A scene rectangle on screen.
    pub fn rect_to_screen(&self, r: Rect) -> egui::Rect {
        egui::Rect::from_min_max(self.to_screen(r.min), self.to_screen(r.max))
    }

    /// A screen rectangle in the scene.
    pub fn rect_to_scene(&self, r: egui::Rect) -> Rect {
        Rect {
            min: self.to_scene(r.min),
            max: self.to_scene(r.max),
        }
    }
}

/// How much detail to draw, from the zoom. Flow labels go first, then card text turns into
/// grey bars, then cards into blocks; stage and lane names stay readable in the pinned headers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Detail {
    /// Cards as plain blocks: too small for anything else.
    Blocks,
    /// Cards with borders and badges; each line of card text a grey bar where it would be.
    Bars,
    /// Cards with their text; no flow labels.
    Titles,
    /// Everything.
    Full,
}

/// Smallest card title, in screen pixels, drawn as glyphs: below it a title only shows where
/// it is, as in the PNG export.
pub const TITLE_MIN_PX: f32 = 5.0;
/// Smallest flow label, in screen pixels: labels are read after the cards they join, so they
/// go while the titles are still legible.
pub const FLOW_LABEL_MIN_PX: f32 = 8.0;
/// Cards shorter than this on screen are plain blocks.
const BLOCK_MAX_PX: f32 = 12.0;

impl Detail {
    /// The detail for a zoom, judged by what the style's smallest card and its text measure on
    /// screen.
    pub fn for_zoom(zoom: f32, style: &crate::style::Style) -> Detail {
        if style.card_min_height * zoom < BLOCK_MAX_PX {
            Detail::Blocks
        } else if style.card_font * zoom < TITLE_MIN_PX {
            Detail::Bars
        } else if style.small_font * zoom < FLOW_LABEL_MIN_PX {
            Detail::Titles
        } else {
            Detail::Full
        }
    }
}

/// The outline of `r` with corners of `radius`, closed, for a dashed border that keeps the
/// rounded corners of the solid ones (and of the exports).
fn rounded_ring(r: egui::Rect, radius: f32) -> Vec<Pos2> {
    let radius = radius.min(r.width() / 2.0).min(r.height() / 2.0).max(0.0);
    const STEPS: usize = 6;
    // Corner centres, each with the angle its quarter turn starts at (y grows downwards).
    let corners = [
        (pos2(r.right() - radius, r.top() + radius), -std::f32::consts::FRAC_PI_2),
        (pos2(r.right() - radius, r.bottom() - radius), 0.0),
        (
            pos2(r.left() + radius, r.bottom() - radius),
            std::f32::consts::FRAC_PI_2,
        ),
        (pos2(r.left() + radius, r.top() + radius), std::f32::consts::PI),
    ];
    let mut ring = vec![pos2(r.left() + radius, r.top())];
    for (center, start) in corners {
        for k in 0..=STEPS {
            let a = start + std::f32::consts::FRAC_PI_2 * k as f32 / STEPS as f32;
            ring.push(center + vec2(a.cos(), a.sin()) * radius);
        }
    }
    ring.push(pos2(r.left() + radius, r.top()));
    ring
}

/// An egui colour from a scene colour.
pub fn color(c: Color) -> Color32 {
    let [r, g, b, a] = c.0;
    Color32::from_rgba_unmultiplied(r, g, b, a)
}

fn stroke(s: &Stroke, zoom: f32) -> EStroke {
    EStroke::new((s.width * zoom).max(0.6), color(s.color))
}

/// Which items to paint.
pub struct PaintFilter<'a> {
    /// Items outside this scene rectangle are skipped.
    pub visible: Rect,
    /// Level of detail.
    pub detail: Detail,
    /// Roles to leave out (drawn separately, e.g. pinned headers).
    pub skip: &'a dyn Fn(Role) -> bool,
}

/// Converts one scene shape to egui shapes.
pub fn push_shape(painter: &Painter, out: &mut Vec<EShape>, shape: &Shape, t: Transform) {
    let z = t.zoom;
    match shape {
        Shape::Rect {
            rect,
            radius,
            fill,
            stroke: s,
        } => {
            let r = t.rect_to_screen(*rect);
            let corner = CornerRadius::same((radius * z).round().clamp(0.0, 255.0) as u8);
            match s {
                Some(s) if s.dash.is_some() => {
                    out.push(EShape::rect_filled(r, corner, color(*fill)));
                    let (on, off) = s.dash.unwrap_or_default();
                    let ring = rounded_ring(r.shrink(s.width * z / 2.0), f32::from(corner.nw));
                    out.extend(EShape::dashed_line(&ring, stroke(s, z), on * z, off * z));
                }
                Some(s) => out.push(EShape::Rect(egui::epaint::RectShape::new(
                    r,
                    corner,
                    color(*fill),
                    stroke(s, z),
                    StrokeKind::Inside,
                ))),
                None => out.push(EShape::rect_filled(r, corner, color(*fill))),
            }
        }
        Shape::Circle { center, radius, fill } => {
            out.push(EShape::circle_filled(t.to_screen(*center), radius * z, color(*fill)))
        }
        Shape::Path {
            points,
            closed,
            fill,
            stroke: s,
        } => {
            let pts: Vec<Pos2> = points.iter().map(|p| t.to_screen(*p)).collect();
            if *closed {
                let outline = s.as_ref().map_or(EStroke::NONE, |s| stroke(s, z));
                out.push(EShape::convex_polygon(
                    pts,
                    fill.map_or(Color32::TRANSPARENT, color),
                    outline,
                ));
            } else if let Some(s) = s {
                match s.dash {
                    Some((on, off)) => out.extend(EShape::dashed_line(&pts, stroke(s, z), on * z, off * z)),
                    None => out.push(EShape::line(pts, stroke(s, z))),
                }
            }
        }
        Shape::Text {
            origin,
            text,
            size,
            weight,
            color: c,
            ..
        } => {
            // Half-pixel steps: zooming then reuses rasterised glyphs instead of drawing every
            // CJK glyph anew at each of a gesture's sizes.
            let px = (size * z * 2.0).round() / 2.0;
            if px < 4.0 {
                return;
            }
            let family = FontFamily::Name(match weight {
                Weight::Regular => REGULAR_FAMILY.into(),
                Weight::Bold => BOLD_FAMILY.into(),
            });
            let galley = painter.layout_no_wrap(text.clone(), FontId::new(px, family), color(*c));
            // Put the galley's baseline on the scene's baseline.
            let baseline = galley
                .rows
                .first()
                .and_then(|row| row.row.glyphs.first().map(|g| row.pos.y + g.pos.y))
                .unwrap_or(px * 0.88);
            let at = t.to_screen(*origin) - vec2(0.0, baseline);
            out.push(EShape::galley(at, galley, color(*c)));
        }
    }
}

/// Tessellated meshes of each card (with its text and badges) and each flow, kept while the
/// drawing, zoom and detail stay the same: panning and dragging then only copy the vertices of
/// what is on screen instead of tessellating every card's text again.
#[derive(Default)]
pub struct PaintCache {
    key: Option<CacheKey>,
    atlas: AtlasWatch,
    drawing: u64,
    /// One per chunk of the drawing's [`Chunks`].
    meshes: Vec<Option<std::sync::Arc<egui::Mesh>>>,
    /// How many of the drawing's patched cards the meshes have caught up with.
    patches_seen: usize,
    builds: u64,
}

/// A scene's items grouped for painting: each card and each flow a chunk of its own, which the
/// paint cache tessellates once; the few others (headers, lines, chrome) painted directly.
/// Worked out with the drawing — on the worker thread for a large blueprint — so that a new
/// drawing costs the frame it arrives in nothing to index.
#[derive(Default)]
pub struct Chunks {
    /// Cards and flows, each with the scene items it is drawn from, in three passes: cards,
    /// flows, then card items a scene puts on top of flows (the built-in scene has none: badges
    /// paint with their card).
    chunks: Vec<Chunk>,
    direct_before: Vec<usize>,
    direct_after: Vec<usize>,
    /// The chunk of each (pass, card or flow).
    index: foldhash::HashMap<(usize, usize), usize>,
}

impl Chunks {
    /// Groups the items of `scene`.
    pub fn of(scene: &Scene) -> Chunks {
        let first_flow = scene
            .items
            .iter()
            .position(|i| matches!(i.role, Role::Flow(_)))
            .unwrap_or(scene.items.len());
        let flows_end = scene
            .items
            .iter()
            .rposition(|i| matches!(i.role, Role::Flow(_)) && !matches!(i.shape, Shape::Circle { .. }))
            .map_or(scene.items.len(), |i| i + 1);
        let phase = |i: usize| (i < first_flow, i >= flows_end);
        let first_chunked = scene
            .items
            .iter()
            .position(|i| chunk_of(i.role, (true, false)).is_some())
            .unwrap_or(scene.items.len());
        let mut index: foldhash::HashMap<(usize, usize), usize> = foldhash::HashMap::default();
        let mut chunks: Vec<Chunk> = Vec::new();
        let (mut direct_before, mut direct_after) = (Vec::new(), Vec::new());
        for (i, item) in scene.items.iter().enumerate() {
            match chunk_of(item.role, phase(i)) {
                Some(key) => {
                    let c = *index.entry(key).or_insert_with(|| {
                        chunks.push(Chunk {
                            key,
                            bbox: Rect::NOTHING,
                            items: Vec::new(),
                        });
                        chunks.len() - 1
                    });
                    chunks[c].bbox = chunks[c].bbox.union(&item.bbox);
                    chunks[c].items.push(i);
                }
                None if i < first_chunked => direct_before.push(i),
                None => direct_after.push(i),
            }
        }
        // Paint order: all cards, then all flows, then what sits on top of flows.
        chunks.sort_by_key(|c| c.key.0);
        let index = chunks.iter().enumerate().map(|(k, c)| (c.key, k)).collect();
        Chunks {
            chunks,
            direct_before,
            direct_after,
            index,
        }
    }

    /// The chunks of card `c`, after its items were drawn again in place: their bounds are
    /// worked out again, and the cache forgets their meshes.
    pub fn refit_card(&mut self, scene: &Scene, c: usize) {
        let card: Vec<usize> = self.of_card(c).collect();
        for k in card {
            let chunk = &mut self.chunks[k];
            chunk.bbox = chunk
                .items
                .iter()
                .fold(Rect::NOTHING, |b, &i| b.union(&scene.items[i].bbox));
        }
    }

    /// The chunks card `c` is painted in.
    fn of_card(&self, c: usize) -> impl Iterator<Item = usize> + '_ {
        [0, 3]
            .into_iter()
            .filter_map(move |pass| self.index.get(&(pass, c)).copied())
    }
}

#[derive(Clone, Copy, PartialEq)]
struct CacheKey {
    drawing: u64,
    zoom: u32,
    detail: Detail,
    pixels_per_point: u32,
    atlas: [usize; 2],
    /// Glyph rasterisation options: the light and dark themes differ here, and egui starts its
    /// atlas over when they change.
    text_options: egui::epaint::text::TextOptions,
    /// See [`AtlasWatch`].
    atlas_generation: u64,
}

/// Notices when egui starts its font atlas over. Cached meshes hold texture coordinates into
/// the atlas, so after a reset they point at other glyphs or at nothing. egui resets it when
/// the text options change (theme), when fonts are replaced, and when it fills up (many CJK
/// glyphs at many zooms) — without telling anyone. What it does do each time is empty its
/// galley cache, since galleys hold the same coordinates: so a small text laid out every
/// frame comes back as the same galley until the atlas is reset, and as a new one after.
#[derive(Default)]
struct AtlasWatch {
    /// The text laid out last frame. Holding it keeps its allocation alive, so a new galley
    /// can never reuse its address.
    canary: Option<std::sync::Arc<egui::Galley>>,
    /// Incremented at each reset seen.
    generation: u64,
}

impl AtlasWatch {
    /// The atlas generation as of this frame.
    fn check(&mut self, painter: &Painter) -> u64 {
        let galley = painter.layout_no_wrap(
            "Ag中".to_owned(),
            FontId::new(13.0, FontFamily::Proportional),
            Color32::BLACK,
        );
        if !self
            .canary
            .as_ref()
            .is_some_and(|old| std::sync::Arc::ptr_eq(old, &galley))
        {
            self.generation += 1;
            self.canary = Some(galley);
        }
        self.generation
    }
}

struct Chunk {
    /// Pass and card or flow, as [`chunk_of`] gives them.
    key: (usize, usize),
    bbox: Rect,
    items: Vec<usize>,
}

/// Which pass and which card or flow a scene item belongs to; headers, lines and chrome are
/// few and painted directly. Labels, and the handoff dots drawn after them, come in a pass of
/// their own over every flow's line, as the scene orders them.
fn chunk_of(role: Role, (before_flows, after_labels): (bool, bool)) -> Option<(usize, usize)> {
    match role {
        Role::Card(c) | Role::CardText(c) | Role::CardDetail(c) => Some((if before_flows { 0 } else { 3 }, c)),
        Role::Flow(f) => Some((if after_labels { 2 } else { 1 }, f)),
        Role::FlowLabel(f) => Some((2, f)),
        _ => None,
    }
}

impl PaintCache {
    /// Starts over for a new drawing, or forgets the meshes of cards patched since.
    fn prepare(&mut self, drawing: &super::document::Drawing) {
        if self.drawing == drawing.serial {
            let new = drawing.patched.get(self.patches_seen..).unwrap_or_default();
            for &c in new {
                for k in drawing.chunks.of_card(c) {
                    self.meshes[k] = None;
                }
            }
        } else {
            self.meshes = vec![None; drawing.chunks.chunks.len()];
            self.drawing = drawing.serial;
        }
        self.patches_seen = drawing.patched.len();
    }

    /// Paints the drawing at `t` within `filter.visible`, reusing cached meshes.
    pub fn paint(
        &mut self,
        painter: &Painter,
        drawing: &super::document::Drawing,
        t: Transform,
        filter: &PaintFilter<'_>,
    ) {
        self.prepare(drawing);
        let ctx = painter.ctx();
        let pixels_per_point = ctx.pixels_per_point();
        let (atlas, text_options) = ctx.fonts(|f| (f.font_image_size(), *f.options()));
        let key = CacheKey {
            drawing: drawing.serial,
            zoom: t.zoom.to_bits(),
            detail: filter.detail,
            pixels_per_point: pixels_per_point.to_bits(),
            atlas,
            text_options,
            atlas_generation: self.atlas.check(painter),
        };
        if self.key != Some(key) {
            self.meshes.iter_mut().for_each(|m| *m = None);
            self.key = Some(key);
            self.builds += 1;
        }
        let (scene, chunks) = (&drawing.scene, &drawing.chunks);
        paint_items(painter, scene, &chunks.direct_before, t, filter);
        // Meshes are built with the scene origin at (0, 0) and moved by whole pixels, so text
        // stays as crisp as it was tessellated.
        let offset = (t.origin.to_vec2() * pixels_per_point).round() / pixels_per_point;
        let at_origin = Transform {
            origin: Pos2::ZERO,
            zoom: t.zoom,
        };
        let mut tessellator = None;
        let mut combined = egui::Mesh::default();
        for (chunk, cached) in chunks.chunks.iter().zip(self.meshes.iter_mut()) {
            if !chunk.bbox.intersects(&filter.visible) {
                continue;
            }
            let mesh = cached.get_or_insert_with(|| {
                let tessellator = tessellator.get_or_insert_with(|| {
                    egui::epaint::Tessellator::new(
                        pixels_per_point,
                        ctx.tessellation_options(|o| *o),
                        atlas,
                        Vec::new(),
                    )
                });
                let mut shapes = Vec::new();
                for &i in &chunk.items {
                    let item = &scene.items[i];
                    if !(filter.skip)(item.role) {
                        push_detail(painter, &mut shapes, item, at_origin, filter.detail);
                    }
                }
                let mut mesh = egui::Mesh::default();
                for shape in shapes {
                    tessellator.tessellate_shape(shape, &mut mesh);
                }
                std::sync::Arc::new(mesh)
            });
            // One mesh for everything on screen keeps egui's per-shape work to a minimum; split
            // well below the 32-bit index limit.
            if combined.vertices.len() + mesh.vertices.len() > 1 << 20 {
                combined.translate(offset);
                painter.add(EShape::mesh(std::mem::take(&mut combined)));
            }
            combined.append_ref(mesh);
        }
        if !combined.is_empty() {
            combined.translate(offset);
            painter.add(EShape::mesh(combined));
        }
        paint_items(painter, scene, &chunks.direct_after, t, filter);
    }
}

impl PaintCache {
    /// How many times the cached meshes were thrown away to be built again (new drawing, zoom,
    /// detail, scale, or font atlas): tests watch it.
    pub fn builds(&self) -> u64 {
        self.builds
    }

    /// How many font atlas resets the cache has seen.
    pub fn atlas_generation(&self) -> u64 {
        self.atlas.generation
    }

    /// Paints only the few items that are never cached (headers, lines, labels, chrome) that
    /// pass `filter`: what stays pinned at the edges while panning.
    pub fn paint_fixed(
        &mut self,
        painter: &Painter,
        drawing: &super::document::Drawing,
        t: Transform,
        filter: &PaintFilter<'_>,
    ) {
        self.prepare(drawing);
        paint_items(painter, &drawing.scene, &drawing.chunks.direct_before, t, filter);
        paint_items(painter, &drawing.scene, &drawing.chunks.direct_after, t, filter);
    }
}

/// Paints the scene items at `indices` that pass `filter`, as they are (no level of detail).
fn paint_items(painter: &Painter, scene: &Scene, indices: &[usize], t: Transform, filter: &PaintFilter<'_>) {
    let mut shapes = Vec::new();
    for &i in indices {
        let item = &scene.items[i];
        if item.bbox.intersects(&filter.visible) && !(filter.skip)(item.role) {
            push_shape(painter, &mut shapes, &item.shape, t);
        }
    }
    painter.extend(shapes);
}

/// One item at the given level of detail.
fn push_detail(painter: &Painter, out: &mut Vec<EShape>, item: &crate::scene::Item, t: Transform, detail: Detail) {
    match (detail, item.role) {
        (Detail::Blocks, Role::CardText(_) | Role::CardDetail(_)) => {}
        (Detail::Blocks | Detail::Bars | Detail::Titles, Role::FlowLabel(_)) => {}
        (Detail::Bars, Role::CardText(_)) => push_bar(out, &item.shape, t),
        // Flows thinner than a pixel apart only add noise; the cells and blocks tell the shape.
        (Detail::Blocks, Role::Flow(_)) if t.zoom < 0.12 => {}
        (Detail::Blocks, Role::Card(_)) => {
            if let Shape::Rect { rect, stroke: s, .. } = &item.shape {
                let accent = s.map_or(Color32::GRAY, |s| color(s.color));
                out.push(EShape::rect_filled(
                    t.rect_to_screen(*rect),
                    0.0,
                    accent.gamma_multiply(0.55),
                ));
            }
        }
        _ => push_shape(painter, out, &item.shape, t),
    }
}

/// Where a bar of text sits, in font sizes above the baseline, and how tall it is: the band
/// where lowercase letters and ideographs put most of their ink (as in the PNG export).
const BAR_TOP: f32 = 0.62;
/// See [`BAR_TOP`].
const BAR_HEIGHT: f32 = 0.5;
/// The bar's opacity relative to the text colour: about the share of that band glyphs cover.
const BAR_INK: f32 = 0.45;

/// A run of text too small to read, as a bar of its length.
fn push_bar(out: &mut Vec<EShape>, shape: &Shape, t: Transform) {
    if let Shape::Text {
        origin,
        text,
        size,
        color: c,
        width,
        ..
    } = shape
        && !text.trim().is_empty()
    {
        let top = crate::geom::pt(origin.x, origin.y - BAR_TOP * size);
        let rect = Rect {
            min: top,
            max: crate::geom::pt(origin.x + width, top.y + BAR_HEIGHT * size),
        };
        out.push(EShape::rect_filled(
            t.rect_to_screen(rect),
            0.0,
            color(*c).gamma_multiply(BAR_INK),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::document::{Document, Drawing};

    fn drawing() -> Document {
        let blueprint = crate::file::open(std::path::Path::new("samples/en/bank-loan.ron")).expect("sample");
        let mut doc = Document::new(blueprint, None, "test");
        doc.ensure_drawing(&crate::scene::Highlights::default());
        doc
    }

    /// One frame painting the whole drawing at 100 %, plus whatever else `extra` lays out.
    fn frame(ctx: &egui::Context, cache: &mut PaintCache, drawing: &Drawing, extra: &dyn Fn(&egui::Ui)) {
        let input = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(Pos2::ZERO, vec2(1600.0, 1000.0))),
            ..Default::default()
        };
        let mut output = ctx.run_ui(input, |ui| {
            extra(ui);
            let filter = PaintFilter {
                visible: drawing.layout.bounds,
                detail: Detail::Full,
                skip: &|_| false,
            };
            let t = Transform {
                origin: Pos2::ZERO,
                zoom: 1.0,
            };
            cache.paint(ui.painter(), drawing, t, &filter);
        });
        output.textures_delta.clear();
    }

    #[test]
    fn labels_and_handoff_dots_are_painted_over_every_flows_line() {
        let mut doc = drawing();
        let highlights = crate::analysis::highlights(
            doc.blueprint(),
            &crate::analysis::analyse(doc.blueprint()),
            crate::analysis::HighlightSpec {
                visibility_handoffs: true,
                ..Default::default()
            },
        );
        doc.ensure_drawing(&highlights);
        let (_, drawing) = doc.parts();
        let (scene, chunks) = (&drawing.scene, &drawing.chunks.chunks);
        let kind = |i: usize| match (scene.items[i].role, &scene.items[i].shape) {
            (Role::FlowLabel(_), _) => "label",
            (Role::Flow(_), Shape::Circle { .. }) => "dot",
            (Role::Flow(_), _) => "line",
            _ => "other",
        };
        let has = |chunk: &Chunk, k: &str| chunk.items.iter().any(|&i| kind(i) == k);
        let line_chunks: Vec<usize> = (0..chunks.len()).filter(|&c| has(&chunks[c], "line")).collect();
        let over_chunks: Vec<usize> = (0..chunks.len())
            .filter(|&c| has(&chunks[c], "label") || has(&chunks[c], "dot"))
            .collect();
        assert!(
            line_chunks.last() < over_chunks.first(),
            "a flow's line is painted over a label or a dot"
        );
        assert!(chunks.iter().any(|c| has(c, "dot")), "the handoffs are highlighted");
        // Dots follow the labels in the scene, so no label pill hides one.
        let kinds: Vec<&str> = (0..scene.items.len()).map(kind).collect();
        let last = |k: &str| kinds.iter().rposition(|x| *x == k);
        let first = |k: &str| kinds.iter().position(|x| *x == k);
        assert!(
            last("line") < first("label") && last("label") < first("dot"),
            "{kinds:?}"
        );
    }

    /// The cached meshes, held so that a rebuilt mesh cannot reuse an old one's address.
    fn meshes(cache: &PaintCache) -> Vec<std::sync::Arc<egui::Mesh>> {
        cache.meshes.iter().flatten().cloned().collect()
    }

    fn none_reused(new: &[std::sync::Arc<egui::Mesh>], old: &[std::sync::Arc<egui::Mesh>]) -> bool {
        new.iter().all(|m| !old.iter().any(|o| std::sync::Arc::ptr_eq(m, o)))
    }

    fn fresh_context() -> egui::Context {
        let ctx = egui::Context::default();
        crate::app::fonts::install(&ctx);
        ctx.set_visuals(egui::Visuals::light());
        ctx
    }

    #[test]
    fn switching_the_theme_rebuilds_the_cached_card_meshes() {
        let (ctx, doc) = (fresh_context(), drawing());
        let (_, drawing) = doc.parts();
        let mut cache = PaintCache::default();
        // The menus and panels lay out their text before the canvas, so the atlas has grown
        // back to its old size by the time the canvas looks at it.
        let hanzi: String = (0x4E00..0x4E00 + 350).filter_map(char::from_u32).collect();
        let ui_text = |ui: &egui::Ui| {
            let _laid_out = ui
                .painter()
                .layout(hanzi.clone(), FontId::proportional(40.0), Color32::BLACK, 2000.0);
        };
        for _ in 0..3 {
            frame(&ctx, &mut cache, drawing, &ui_text);
        }
        let light = meshes(&cache);
        let size = ctx.fonts(|f| f.font_image_size());
        assert!(!light.is_empty());
        frame(&ctx, &mut cache, drawing, &ui_text);
        let again = meshes(&cache);
        assert!(
            again.iter().zip(&light).all(|(a, b)| std::sync::Arc::ptr_eq(a, b)),
            "an unchanged frame reuses the meshes"
        );
        ctx.set_visuals(egui::Visuals::dark());
        frame(&ctx, &mut cache, drawing, &ui_text);
        frame(&ctx, &mut cache, drawing, &ui_text);
        assert_eq!(
            ctx.fonts(|f| f.font_image_size()),
            size,
            "the atlas looks the same size"
        );
        let dark = meshes(&cache);
        assert_eq!(dark.len(), light.len());
        assert!(
            none_reused(&dark, &light),
            "every mesh is tessellated again against the new atlas"
        );
    }

    #[test]
    fn a_dashed_card_border_keeps_its_rounded_corners() {
        let r = egui::Rect::from_min_size(pos2(10.0, 20.0), vec2(180.0, 60.0));
        let ring = rounded_ring(r, 6.0);
        assert_eq!(ring.first(), ring.last(), "the outline is closed");
        // A rounded corner stays (√2 − 1) × radius away from the square corner.
        let clearance = 6.0 * (std::f32::consts::SQRT_2 - 1.0) - 0.01;
        for corner in [r.left_top(), r.right_top(), r.right_bottom(), r.left_bottom()] {
            let nearest = ring.iter().map(|p| p.distance(corner)).fold(f32::MAX, f32::min);
            assert!(nearest >= clearance, "{corner:?} is cut: nearest point {nearest}");
            assert!(nearest <= clearance + 0.1, "{corner:?}: the border follows the corner");
        }
        assert!(
            ring.iter().all(|p| r.expand(0.01).contains(*p)),
            "the outline stays on the card"
        );
    }

    #[test]
    fn typing_into_one_card_tessellates_that_card_again_and_nothing_else() {
        let (ctx, mut doc) = (fresh_context(), drawing());
        let mut cache = PaintCache::default();
        for _ in 0..2 {
            frame(&ctx, &mut cache, doc.parts().1, &|_| ());
        }
        let before: Vec<_> = cache.meshes.clone();
        let builds = cache.builds();
        let mut step = doc.blueprint().steps[3].clone();
        step.title.push('!');
        let c = doc.parts().1.layout.card_index(&step.id).expect("a card");
        doc.apply(crate::edit::Edit::SetStep(step), "type", crate::edit::Merge::Never)
            .expect("valid");
        doc.ensure_drawing(&crate::scene::Highlights::default());
        frame(&ctx, &mut cache, doc.parts().1, &|_| ());
        assert_eq!(cache.builds(), builds, "the cache was not thrown away");
        let card_chunk = doc.parts().1.chunks.index[&(0, c)];
        for (k, (new, old)) in cache.meshes.iter().zip(&before).enumerate() {
            let (Some(new), Some(old)) = (new, old) else {
                panic!("chunk {k} has a mesh before and after");
            };
            assert_eq!(
                std::sync::Arc::ptr_eq(new, old),
                k != card_chunk,
                "chunk {k}: only the edited card is tessellated again"
            );
        }
        let text = |mesh: &egui::Mesh| mesh.vertices.len();
        assert_ne!(
            text(cache.meshes[card_chunk].as_ref().expect("mesh")),
            text(before[card_chunk].as_ref().expect("mesh")),
            "the card's mesh holds the new character"
        );
    }

    #[test]
    fn a_full_font_atlas_that_egui_starts_over_rebuilds_the_cached_meshes() {
        let (ctx, doc) = (fresh_context(), drawing());
        let (_, drawing) = doc.parts();
        let mut cache = PaintCache::default();
        for _ in 0..3 {
            frame(&ctx, &mut cache, drawing, &|_| {});
        }
        let before = meshes(&cache);
        let generation = cache.atlas_generation();
        // Two thousand large ideographs fill the atlas past the point where egui resets it.
        let hanzi: String = (0x4E00..0x4E00 + 2000).filter_map(char::from_u32).collect();
        let fill = |ui: &egui::Ui| {
            let _laid_out = ui
                .painter()
                .layout(hanzi.clone(), FontId::proportional(72.0), Color32::BLACK, 4000.0);
        };
        frame(&ctx, &mut cache, drawing, &fill);
        let full = ctx.fonts(|f| f.font_atlas_fill_ratio());
        assert!(full > 0.8, "the atlas is full: {full}");
        frame(&ctx, &mut cache, drawing, &|_| {});
        assert!(
            ctx.fonts(|f| f.font_atlas_fill_ratio()) < 0.5,
            "egui started the atlas over"
        );
        assert!(cache.atlas_generation() > generation);
        let after = meshes(&cache);
        assert!(none_reused(&after, &before), "every mesh is built again");
    }

    /// Shapes of the items with roles that `pick` accepts, at `zoom`'s level of detail.
    fn shapes_at(zoom: f32, pick: &dyn Fn(Role) -> bool) -> (Detail, Vec<EShape>) {
        let (ctx, doc) = (fresh_context(), drawing());
        let (_, drawing) = doc.parts();
        let style = crate::style::Style::default();
        let detail = Detail::for_zoom(zoom, &style);
        let mut shapes = Vec::new();
        let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
            let t = Transform {
                origin: Pos2::ZERO,
                zoom,
            };
            for item in drawing.scene.items.iter().filter(|i| pick(i.role)) {
                push_detail(ui.painter(), &mut shapes, item, t, detail);
            }
        });
        output.textures_delta.clear();
        (detail, shapes)
    }

    fn texts(shapes: &[EShape]) -> usize {
        shapes.iter().filter(|s| matches!(s, EShape::Text(_))).count()
    }

    #[test]
    fn flow_labels_go_before_card_titles_and_titles_stay_down_to_five_pixels() {
        let style = crate::style::Style::default();
        let card_text = |r: Role| matches!(r, Role::CardText(_));
        let flow_label = |r: Role| matches!(r, Role::FlowLabel(_));
        // Titles of 5.5 px are still drawn as text.
        let zoom = 5.5 / style.card_font;
        let (detail, shapes) = shapes_at(zoom, &card_text);
        assert_eq!(detail, Detail::Titles);
        assert!(
            texts(&shapes) > 10,
            "card titles at {:.1} px are drawn",
            style.card_font * zoom
        );
        let (_, labels) = shapes_at(zoom, &flow_label);
        assert!(labels.is_empty(), "while the flow labels are gone");
        // At half size both show; a little smaller, the labels go first.
        assert_eq!(Detail::for_zoom(0.65, &style), Detail::Full);
        let (_, labels) = shapes_at(0.65, &flow_label);
        assert!(texts(&labels) > 0);
        assert_eq!(Detail::for_zoom(0.55, &style), Detail::Titles);
        // Below five pixels a title shows where it is, as a bar.
        let zoom = 4.5 / style.card_font;
        let (detail, shapes) = shapes_at(zoom, &card_text);
        assert_eq!(detail, Detail::Bars);
        assert_eq!(texts(&shapes), 0);
        assert!(
            shapes.iter().any(|s| matches!(s, EShape::Rect(_))),
            "bars in place of the text"
        );
        assert_eq!(Detail::for_zoom(0.1, &style), Detail::Blocks);
    }
}
