//! Paints the scene with egui: the same display list as the exports, culled to the view and
//! with less detail when cards are too small to read.

use crate::geom::{Point, Rect};
use crate::scene::{Role, Scene, Shape, Stroke};
use crate::style::Color;
use crate::text::Weight;
use egui::{
    Color32, CornerRadius, FontFamily, FontId, Painter, Pos2, Shape as EShape, Stroke as EStroke,
    StrokeKind, pos2, vec2,
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
        pos2(
            self.origin.x + p.x * self.zoom,
            self.origin.y + p.y * self.zoom,
        )
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

/// How much detail to draw, from the zoom.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Detail {
    /// Cards as plain blocks: too small for anything else.
    Blocks,
    /// Cards with borders and badges, no card text.
    NoText,
    /// Everything.
    Full,
}

impl Detail {
    /// The detail for a zoom, judged by the smallest card's height on screen.
    pub fn for_zoom(zoom: f32, card_min_height: f32) -> Detail {
        let height = card_min_height * zoom;
        if height < 12.0 {
            Detail::Blocks
        } else if height < 30.0 {
            Detail::NoText
        } else {
            Detail::Full
        }
    }
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

/// Paints the scene's items that pass `filter`; returns how many were painted.
pub fn paint_scene(
    painter: &Painter,
    scene: &Scene,
    t: Transform,
    filter: &PaintFilter<'_>,
) -> usize {
    let mut shapes = Vec::with_capacity(1024);
    for item in &scene.items {
        if !item.bbox.intersects(&filter.visible) || (filter.skip)(item.role) {
            continue;
        }
        match (filter.detail, item.role) {
            (Detail::Blocks | Detail::NoText, Role::CardText(_)) => continue,
            (Detail::Blocks, Role::CardDetail(_)) => continue,
            (Detail::Blocks, Role::Card(_)) => {
                if let Shape::Rect {
                    rect, stroke: s, ..
                } = &item.shape
                {
                    let accent = s.map_or(Color32::GRAY, |s| color(s.color));
                    shapes.push(EShape::rect_filled(
                        t.rect_to_screen(*rect),
                        0.0,
                        accent.gamma_multiply(0.55),
                    ));
                }
                continue;
            }
            _ => {}
        }
        push_shape(painter, &mut shapes, &item.shape, t);
    }
    let count = shapes.len();
    painter.extend(shapes);
    count
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
                    let ring = [
                        r.left_top(),
                        r.right_top(),
                        r.right_bottom(),
                        r.left_bottom(),
                        r.left_top(),
                    ];
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
        Shape::Circle {
            center,
            radius,
            fill,
        } => out.push(EShape::circle_filled(
            t.to_screen(*center),
            radius * z,
            color(*fill),
        )),
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
                    Some((on, off)) => {
                        out.extend(EShape::dashed_line(&pts, stroke(s, z), on * z, off * z))
                    }
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
            let px = size * z;
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
