//! Plain 2-D geometry in blueprint units (1 unit = 1 px at export scale 1).

use serde::{Deserialize, Serialize};

/// A point.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Point {
    /// Left to right.
    pub x: f32,
    /// Top to bottom.
    pub y: f32,
}

/// Shorthand for [`Point`].
pub const fn pt(x: f32, y: f32) -> Point {
    Point { x, y }
}

impl Point {
    /// Distance to another point.
    pub fn distance(self, other: Point) -> f32 {
        ((self.x - other.x).powi(2) + (self.y - other.y).powi(2)).sqrt()
    }
}

/// An axis-aligned rectangle, `min` top-left, `max` bottom-right.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Rect {
    /// Top-left corner.
    pub min: Point,
    /// Bottom-right corner.
    pub max: Point,
}

impl Rect {
    /// From the top-left corner and a size.
    pub fn from_xywh(x: f32, y: f32, w: f32, h: f32) -> Rect {
        Rect {
            min: pt(x, y),
            max: pt(x + w, y + h),
        }
    }

    /// Empty rectangle that any union grows from.
    pub const NOTHING: Rect = Rect {
        min: pt(f32::INFINITY, f32::INFINITY),
        max: pt(f32::NEG_INFINITY, f32::NEG_INFINITY),
    };

    /// Width.
    pub fn width(&self) -> f32 {
        self.max.x - self.min.x
    }

    /// Height.
    pub fn height(&self) -> f32 {
        self.max.y - self.min.y
    }

    /// Centre point.
    pub fn center(&self) -> Point {
        pt((self.min.x + self.max.x) / 2.0, (self.min.y + self.max.y) / 2.0)
    }

    /// Whether `p` lies inside or on the edge.
    pub fn contains(&self, p: Point) -> bool {
        p.x >= self.min.x && p.x <= self.max.x && p.y >= self.min.y && p.y <= self.max.y
    }

    /// Whether the two overlap (touching edges count).
    pub fn intersects(&self, other: &Rect) -> bool {
        self.min.x <= other.max.x && other.min.x <= self.max.x && self.min.y <= other.max.y && other.min.y <= self.max.y
    }

    /// Grown by `d` on every side (shrunk when negative).
    pub fn expand(&self, d: f32) -> Rect {
        Rect {
            min: pt(self.min.x - d, self.min.y - d),
            max: pt(self.max.x + d, self.max.y + d),
        }
    }

    /// The smallest rectangle holding both.
    pub fn union(&self, other: &Rect) -> Rect {
        Rect {
            min: pt(self.min.x.min(other.min.x), self.min.y.min(other.min.y)),
            max: pt(self.max.x.max(other.max.x), self.max.y.max(other.max.y)),
        }
    }

    /// The smallest rectangle holding all points.
    pub fn from_points(points: &[Point]) -> Rect {
        points.iter().fold(Rect::NOTHING, |r, p| Rect {
            min: pt(r.min.x.min(p.x), r.min.y.min(p.y)),
            max: pt(r.max.x.max(p.x), r.max.y.max(p.y)),
        })
    }
}

/// Distance from `p` to the segment `a`–`b`.
pub fn distance_to_segment(p: Point, a: Point, b: Point) -> f32 {
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let length_sq = dx * dx + dy * dy;
    let t = if length_sq == 0.0 {
        0.0
    } else {
        (((p.x - a.x) * dx + (p.y - a.y) * dy) / length_sq).clamp(0.0, 1.0)
    };
    p.distance(pt(a.x + t * dx, a.y + t * dy))
}
