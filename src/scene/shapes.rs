//! The display list's plain data.

use crate::geom::{Point, Rect, pt};
use crate::style::Color;
use crate::text::{Weight, fonts};

/// A stroke: width, colour and an optional dash (on, off).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Stroke {
    /// Width in blueprint units.
    pub width: f32,
    /// Colour.
    pub color: Color,
    /// Dash lengths (on, off), or solid.
    pub dash: Option<(f32, f32)>,
}

impl Stroke {
    /// A solid stroke.
    pub fn solid(width: f32, color: Color) -> Stroke {
        Stroke {
            width,
            color,
            dash: None,
        }
    }
}

/// One thing to draw.
#[derive(Clone, Debug, PartialEq)]
pub enum Shape {
    /// A rectangle, optionally rounded, filled and outlined.
    Rect {
        /// Where.
        rect: Rect,
        /// Corner radius.
        radius: f32,
        /// Fill colour (transparent for none).
        fill: Color,
        /// Outline.
        stroke: Option<Stroke>,
    },
    /// A filled circle.
    Circle {
        /// Centre.
        center: Point,
        /// Radius.
        radius: f32,
        /// Fill colour.
        fill: Color,
    },
    /// A polyline or polygon.
    Path {
        /// Vertices.
        points: Vec<Point>,
        /// Whether the last point joins the first.
        closed: bool,
        /// Fill for closed paths.
        fill: Option<Color>,
        /// Outline.
        stroke: Option<Stroke>,
    },
    /// One line of text, already wrapped and placed.
    Text {
        /// Left end of the baseline.
        origin: Point,
        /// The characters.
        text: String,
        /// Font size.
        size: f32,
        /// Face.
        weight: Weight,
        /// Colour.
        color: Color,
        /// Width measured with the bundled font.
        width: f32,
    },
}

impl Shape {
    /// A filled rectangle.
    pub fn rect(rect: Rect, fill: Color) -> Shape {
        Shape::Rect {
            rect,
            radius: 0.0,
            fill,
            stroke: None,
        }
    }

    /// A straight line.
    pub fn line(a: Point, b: Point, stroke: Stroke) -> Shape {
        Shape::Path {
            points: vec![a, b],
            closed: false,
            fill: None,
            stroke: Some(stroke),
        }
    }

    /// The area the shape may paint.
    pub fn bbox(&self) -> Rect {
        match self {
            Shape::Rect { rect, stroke, .. } => rect.expand(stroke.map_or(0.0, |s| s.width)),
            Shape::Circle { center, radius, .. } => Rect {
                min: pt(center.x - radius, center.y - radius),
                max: pt(center.x + radius, center.y + radius),
            },
            Shape::Path { points, stroke, .. } => Rect::from_points(points).expand(stroke.map_or(0.0, |s| s.width)),
            Shape::Text {
                origin,
                size,
                weight,
                width,
                ..
            } => {
                let face = fonts().face(*weight);
                Rect {
                    min: pt(origin.x, origin.y - face.ascent * size),
                    max: pt(origin.x + width, origin.y + face.descent * size),
                }
            }
        }
    }
}

/// What an item belongs to: lets the canvas cull, skip detail when zoomed out, and find
/// what to redraw.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Role {
    /// Lane bands and grid.
    Background,
    /// Lane header cells and names (pinned at the left when panning).
    LaneHeader,
    /// Stage header cells, names and stage markers (pinned at the top when panning).
    StageHeader,
    /// The three lines.
    Line,
    /// The lines' labels (pinned with the lane headers).
    LineLabel,
    /// The emotion band's name and scale in the lane header column (pinned with the lane
    /// headers, at the band's height rather than scaled with the header).
    EmotionScale,
    /// The body of card `n` (index into `layout.cards`).
    Card(usize),
    /// Small details of card `n` (accent bar, badges): dropped when tiny.
    CardDetail(usize),
    /// The text of card `n`: dropped when too small to read.
    CardText(usize),
    /// Flow `n` (index into `blueprint.flows`).
    Flow(usize),
    /// The label of flow `n` and its pill: dropped before card titles when small.
    FlowLabel(usize),
    /// Title block and legend.
    Chrome,
}

/// One shape with its bounding box and role.
#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    /// What to draw.
    pub shape: Shape,
    /// Where it may paint.
    pub bbox: Rect,
    /// What it belongs to.
    pub role: Role,
}

/// A run of consecutive items that draw one thing of the blueprint (a step, a flow, a marker,
/// a lane…), so that an SVG can say what its shapes mean; painters ignore it.
#[derive(Clone, Debug, PartialEq)]
pub struct Group {
    /// First item.
    pub start: usize,
    /// One past the last item.
    pub end: usize,
    /// How many groups enclose it: tells nesting apart from mere adjacency when a group is empty.
    pub depth: usize,
    /// What it is, e.g. `step-order`: kind and model id, not yet made a valid XML id.
    pub id: String,
    /// Space-separated classes, e.g. `step customer assumed`.
    pub class: String,
    /// A description for tooltips and screen readers.
    pub title: Option<String>,
}

/// The display list, in paint order.
#[derive(Clone, Debug, PartialEq)]
pub struct Scene {
    /// The drawing's extent, from (0, 0).
    pub bounds: Rect,
    /// Page colour behind everything.
    pub background: Color,
    /// Items, back to front.
    pub items: Vec<Item>,
    /// Groups in the order they begin (an enclosing group before those within it).
    pub groups: Vec<Group>,
    /// Groups begun and not yet ended, innermost last.
    open: Vec<usize>,
}

impl Scene {
    /// An empty scene.
    pub fn new(bounds: Rect, background: Color) -> Scene {
        Scene {
            bounds,
            background,
            items: Vec::new(),
            groups: Vec::new(),
            open: Vec::new(),
        }
    }

    /// Starts a group: the items pushed until the matching [`Scene::end_group`] belong to it.
    pub fn begin_group(&mut self, id: String, class: String, title: Option<String>) {
        self.groups.push(Group {
            start: self.items.len(),
            end: self.items.len(),
            depth: self.open.len(),
            id,
            class,
            title,
        });
        self.open.push(self.groups.len() - 1);
    }

    /// Ends the innermost open group.
    pub fn end_group(&mut self) {
        if let Some(g) = self.open.pop()
            && let Some(group) = self.groups.get_mut(g)
        {
            group.end = self.items.len();
        }
    }

    /// Appends a shape on top.
    pub fn push(&mut self, role: Role, mut shape: Shape) {
        // Every text drawn, whoever wrapped it: cut Latin text ends on the baseline.
        if let Shape::Text {
            text,
            size,
            weight,
            width,
            ..
        } = &mut shape
            && let std::borrow::Cow::Owned(drawn) = crate::text::drawn_ellipsis(text)
        {
            *width = fonts().face(*weight).width(&drawn, *size);
            *text = drawn;
        }
        let bbox = shape.bbox();
        self.items.push(Item { shape, bbox, role });
    }

    /// Every character drawn as text, for font coverage checks.
    pub fn all_text(&self) -> String {
        self.items
            .iter()
            .filter_map(|item| match &item.shape {
                Shape::Text { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect::<Vec<_>>()
            .join("\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_text_pushed_cut_short_in_latin_ends_on_the_baseline() {
        let black = Color([0, 0, 0, 255]);
        let mut scene = Scene::new(Rect::from_xywh(0.0, 0.0, 100.0, 100.0), black);
        let text = |text: &str| Shape::Text {
            origin: pt(0.0, 0.0),
            text: text.to_owned(),
            size: 20.0,
            weight: Weight::Bold,
            color: black,
            width: fonts().face(Weight::Bold).width(text, 20.0),
        };
        // A slide title, say, wrapped by the deck rather than by a text block.
        scene.push(Role::Chrome, text("Manufacturer: made-to-order equipment…"));
        scene.push(Role::Chrome, text("银行：小微企业经营贷…"));
        let drawn: Vec<(&str, f32)> = scene
            .items
            .iter()
            .filter_map(|item| match &item.shape {
                Shape::Text { text, width, .. } => Some((text.as_str(), *width)),
                _ => None,
            })
            .collect();
        assert_eq!(drawn[0].0, "Manufacturer: made-to-order equipment...");
        assert_eq!(drawn[0].1, fonts().face(Weight::Bold).width(drawn[0].0, 20.0));
        assert_eq!(drawn[1].0, "银行：小微企业经营贷…");
    }
}
