//! Text runs as glyph outlines (SVG path data), for programs that ignore web fonts: the
//! letters then are shapes and look the same everywhere, at the cost of no longer being text.

use crate::geom::Point;
use crate::text::{BOLD_OTF, REGULAR_OTF, Weight, fonts};
use skrifa::instance::{LocationRef, Size};
use skrifa::outline::{DrawSettings, OutlinePen};
use skrifa::{FontRef, GlyphId, MetadataProvider};
use std::collections::HashMap;
use std::fmt::Write as _;

/// One outline command in font units (y up).
#[derive(Clone, Copy, Debug)]
enum Command {
    Move(f32, f32),
    Line(f32, f32),
    Quad(f32, f32, f32, f32),
    Cubic(f32, f32, f32, f32, f32, f32),
    Close,
}

/// Collects a glyph's outline as it is drawn.
#[derive(Default)]
struct Recorder(Vec<Command>);

impl OutlinePen for Recorder {
    fn move_to(&mut self, x: f32, y: f32) {
        self.0.push(Command::Move(x, y));
    }
    fn line_to(&mut self, x: f32, y: f32) {
        self.0.push(Command::Line(x, y));
    }
    fn quad_to(&mut self, cx0: f32, cy0: f32, x: f32, y: f32) {
        self.0.push(Command::Quad(cx0, cy0, x, y));
    }
    fn curve_to(&mut self, cx0: f32, cy0: f32, cx1: f32, cy1: f32, x: f32, y: f32) {
        self.0.push(Command::Cubic(cx0, cy0, cx1, cy1, x, y));
    }
    fn close(&mut self) {
        self.0.push(Command::Close);
    }
}

/// Glyph outlines of the bundled faces, each decoded once per export.
pub struct Outliner {
    regular: Option<FontRef<'static>>,
    bold: Option<FontRef<'static>>,
    cache: HashMap<(Weight, u16), Vec<Command>>,
}

impl Default for Outliner {
    fn default() -> Self {
        Outliner {
            regular: FontRef::new(REGULAR_OTF).ok(),
            bold: FontRef::new(BOLD_OTF).ok(),
            cache: HashMap::new(),
        }
    }
}

impl Outliner {
    /// Appends to `d` the path data of `text` set from `origin` (left end of the baseline) at
    /// `size`, glyph by glyph at the same advances the PNG and the canvas use.
    pub fn text_path(&mut self, d: &mut String, text: &str, origin: Point, size: f32, weight: Weight) {
        let face = fonts().face(weight);
        let font = match weight {
            Weight::Regular => self.regular.as_ref(),
            Weight::Bold => self.bold.as_ref(),
        };
        let Some(font) = font else { return };
        let upem = f32::from(font.metrics(Size::unscaled(), LocationRef::default()).units_per_em).max(1.0);
        let k = size / upem;
        for (gid, x) in face.layout_glyphs(text, size) {
            let commands = self.cache.entry((weight, gid)).or_insert_with(|| {
                let mut recorder = Recorder::default();
                if let Some(glyph) = font.outline_glyphs().get(GlyphId::new(u32::from(gid))) {
                    // Font units: one outline serves every size.
                    let _ = glyph.draw(
                        DrawSettings::unhinted(Size::unscaled(), LocationRef::default()),
                        &mut recorder,
                    );
                }
                recorder.0
            });
            let (ox, oy) = (origin.x + x, origin.y);
            let px = |v: f32| ox + v * k;
            let py = |v: f32| oy - v * k;
            for command in commands.iter() {
                let _ = match *command {
                    Command::Move(x, y) => write!(d, "M{} {}", n(px(x)), n(py(y))),
                    Command::Line(x, y) => write!(d, "L{} {}", n(px(x)), n(py(y))),
                    Command::Quad(cx, cy, x, y) => {
                        write!(d, "Q{} {} {} {}", n(px(cx)), n(py(cy)), n(px(x)), n(py(y)))
                    }
                    Command::Cubic(c0x, c0y, c1x, c1y, x, y) => write!(
                        d,
                        "C{} {} {} {} {} {}",
                        n(px(c0x)),
                        n(py(c0y)),
                        n(px(c1x)),
                        n(py(c1y)),
                        n(px(x)),
                        n(py(y))
                    ),
                    Command::Close => write!(d, "Z"),
                };
            }
        }
    }
}

/// Coordinates to a hundredth of a unit, a fraction of a pixel at any export scale we allow.
fn n(v: f32) -> String {
    super::svg::number(v)
}
