//! The bundled fonts and the one text measurer and line wrapper every painter relies on.
//!
//! Text is wrapped here once, with the bundled font's advances; the canvas, PNG and SVG then
//! draw exactly these lines, so a title never breaks differently on a slide than on screen.

use skrifa::instance::{LocationRef, Size};
use skrifa::{FontRef, GlyphId, MetadataProvider};
use std::collections::HashMap;
use std::sync::OnceLock;

/// The regular weight of the bundled Noto Sans CJK SC subset.
pub const REGULAR_OTF: &[u8] = include_bytes!("../assets/fonts/NotoSansCJKsc-Regular-subset.otf");
/// The bold weight of the bundled Noto Sans CJK SC subset.
pub const BOLD_OTF: &[u8] = include_bytes!("../assets/fonts/NotoSansCJKsc-Bold-subset.otf");

/// Line height as a multiple of the font size.
pub const LINE_HEIGHT: f32 = 1.32;

/// Which bundled face.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Weight {
    /// Body text.
    Regular,
    /// Titles and headers.
    Bold,
}

/// One bundled face with its advances looked up once.
pub struct Face {
    /// The font file.
    pub bytes: &'static [u8],
    /// Glyph id and advance (in ems) for each Basic Multilingual Plane character; id 0 = missing.
    bmp: Vec<(u16, f32)>,
    /// The same for characters beyond the BMP.
    astral: HashMap<char, (u16, f32)>,
    /// Advance of the missing-glyph box, in ems.
    notdef_advance: f32,
    /// Ascent above the baseline, in ems.
    pub ascent: f32,
    /// Descent below the baseline, in ems (positive).
    pub descent: f32,
}

impl Face {
    fn load(bytes: &'static [u8]) -> Face {
        // The bundled fonts are part of the binary and checked by tests, so failing to parse
        // them is a build defect, not a user error.
        let font = FontRef::new(bytes).expect("the bundled font parses");
        let metrics = font.metrics(Size::unscaled(), LocationRef::default());
        let upem = f32::from(metrics.units_per_em);
        let glyph_metrics = font.glyph_metrics(Size::unscaled(), LocationRef::default());
        let advance = |gid: GlyphId| glyph_metrics.advance_width(gid).unwrap_or(0.0) / upem;
        let mut bmp = vec![(0u16, f32::NAN); 0x10000];
        let mut astral = HashMap::new();
        for (codepoint, gid) in font.charmap().mappings() {
            let entry = (gid.to_u32() as u16, advance(gid));
            match char::from_u32(codepoint) {
                Some(c) if (c as u32) < 0x10000 => bmp[c as usize] = entry,
                Some(c) => {
                    astral.insert(c, entry);
                }
                None => {}
            }
        }
        Face {
            bytes,
            bmp,
            astral,
            notdef_advance: advance(GlyphId::new(0)),
            ascent: metrics.ascent / upem,
            descent: -metrics.descent / upem,
        }
    }

    /// Glyph id (0 when the font lacks the character) and advance in ems.
    pub fn glyph(&self, c: char) -> (u16, f32) {
        let entry = if (c as u32) < 0x10000 {
            self.bmp[c as usize]
        } else {
            self.astral.get(&c).copied().unwrap_or((0, f32::NAN))
        };
        if entry.1.is_nan() {
            (0, self.notdef_advance)
        } else {
            entry
        }
    }

    /// Whether the font draws `c` (whitespace and control characters need no glyph).
    pub fn covers(&self, c: char) -> bool {
        c.is_whitespace() || c.is_control() || self.glyph(c).0 != 0
    }

    /// Width of `text` at `size`, without kerning (as every painter draws it).
    pub fn width(&self, text: &str, size: f32) -> f32 {
        text.chars().map(|c| self.glyph(c).1).sum::<f32>() * size
    }

    /// Glyph ids and their x offsets from the start of the run, at `size`.
    pub fn layout_glyphs<'a>(&'a self, text: &'a str, size: f32) -> impl Iterator<Item = (u16, f32)> + 'a {
        let mut x = 0.0;
        text.chars().filter(|c| !c.is_control()).map(move |c| {
            let (id, advance) = self.glyph(c);
            let at = x;
            x += advance * size;
            (id, at)
        })
    }
}

/// Both bundled faces.
pub struct Fonts {
    /// Body text.
    pub regular: Face,
    /// Titles and headers.
    pub bold: Face,
}

impl Fonts {
    /// The face for a weight.
    pub fn face(&self, weight: Weight) -> &Face {
        match weight {
            Weight::Regular => &self.regular,
            Weight::Bold => &self.bold,
        }
    }
}

/// The bundled fonts, loaded on first use.
pub fn fonts() -> &'static Fonts {
    static FONTS: OnceLock<Fonts> = OnceLock::new();
    FONTS.get_or_init(|| Fonts {
        regular: Face::load(REGULAR_OTF),
        bold: Face::load(BOLD_OTF),
    })
}

/// Characters in `text` that neither bundled face draws, in order of first appearance.
pub fn missing_chars(text: &str) -> Vec<char> {
    let fonts = fonts();
    let mut missing = Vec::new();
    for c in text.chars() {
        if !fonts.regular.covers(c) && !missing.contains(&c) {
            missing.push(c);
        }
    }
    missing
}

/// One wrapped line.
#[derive(Clone, Debug, PartialEq)]
pub struct WrappedLine {
    /// The characters on the line, without trailing spaces.
    pub text: String,
    /// Its width at the wrap's size.
    pub width: f32,
}

/// Punctuation that may not begin a line (kinsoku): it sticks to what precedes it.
fn no_line_start(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '、'
            | '；'
            | '：'
            | '？'
            | '！'
            | '）'
            | '」'
            | '』'
            | '》'
            | '〉'
            | '】'
            | '”'
            | '’'
            | '…'
            | '·'
            | ','
            | '.'
            | ';'
            | ':'
            | '?'
            | '!'
            | ')'
            | ']'
            | '}'
            | '%'
            | '％'
    )
}

/// Punctuation that may not end a line: it sticks to what follows it.
fn no_line_end(c: char) -> bool {
    matches!(c, '（' | '「' | '『' | '《' | '〈' | '【' | '“' | '‘' | '(' | '[' | '{')
}

/// Characters after which a line may break even without a space.
fn is_ideographic(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x2FFF | 0x3000..=0x303F | 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF | 0x20000..=0x3FFFF)
}

/// Splits text into unbreakable pieces: a Latin word with its trailing spaces, or one
/// ideograph, with kinsoku punctuation attached to its neighbour.
fn pieces(text: &str) -> Vec<String> {
    let mut pieces: Vec<String> = Vec::new();
    let mut glue_next = false;
    for c in text.chars() {
        let last_char = pieces.last().and_then(|p| p.chars().last());
        let join = match last_char {
            None => false,
            Some(_) if glue_next => true,
            Some(_) if no_line_start(c) => true,
            Some(_) if c == ' ' => true,
            Some(last) => !is_ideographic(c) && !is_ideographic(last) && last != ' ' && last != '-',
        };
        if join {
            if let Some(piece) = pieces.last_mut() {
                piece.push(c);
            }
        } else {
            pieces.push(c.to_string());
        }
        glue_next = no_line_end(c);
    }
    pieces
}

/// Wraps `text` to `max_width` at `size`, at most `max_lines` lines (the last ending in "…"
/// when text is cut). Newlines in the text start new lines.
pub fn wrap(text: &str, weight: Weight, size: f32, max_width: f32, max_lines: usize) -> Vec<WrappedLine> {
    let face = fonts().face(weight);
    let mut lines: Vec<WrappedLine> = Vec::new();
    let mut truncated = false;
    'paragraphs: for paragraph in text.split('\n') {
        let mut current = String::new();
        for piece in pieces(paragraph.trim_end()) {
            let candidate = format!("{current}{piece}");
            if face.width(candidate.trim_end(), size) <= max_width || current.is_empty() {
                if current.is_empty() && face.width(piece.trim_end(), size) > max_width {
                    // A word longer than the line: break it between characters.
                    for c in piece.chars() {
                        let next = format!("{current}{c}");
                        if face.width(next.trim_end(), size) > max_width && !current.is_empty() {
                            if !push_line(&mut lines, &current, face, size, max_lines) {
                                truncated = true;
                                break 'paragraphs;
                            }
                            current.clear();
                        }
                        current.push(c);
                    }
                } else {
                    current = candidate;
                }
            } else {
                if !push_line(&mut lines, &current, face, size, max_lines) {
                    truncated = true;
                    break 'paragraphs;
                }
                current = piece.trim_start().to_owned();
            }
        }
        if !push_line(&mut lines, &current, face, size, max_lines) {
            truncated = true;
            break;
        }
    }
    if truncated && let Some(last) = lines.last_mut() {
        let mut text = last.text.clone();
        while !text.is_empty() && face.width(&format!("{text}…"), size) > max_width {
            text.pop();
        }
        last.text = format!("{}…", text.trim_end());
        last.width = face.width(&last.text, size);
    }
    lines
}

/// Width of the widest piece of `text` that [`wrap`] keeps on one line: callers that can make
/// room (flow labels, channels) wrap at least this wide, so no word is ever broken.
pub fn min_content_width(text: &str, weight: Weight, size: f32) -> f32 {
    let face = fonts().face(weight);
    text.split('\n')
        .flat_map(pieces)
        .map(|piece| face.width(piece.trim_end(), size))
        .fold(0.0, f32::max)
}

/// Adds a line unless `max_lines` are already there; says whether it did.
fn push_line(lines: &mut Vec<WrappedLine>, text: &str, face: &Face, size: f32, max_lines: usize) -> bool {
    if lines.len() >= max_lines {
        return false;
    }
    let text = text.trim_end().to_owned();
    let width = face.width(&text, size);
    lines.push(WrappedLine { text, width });
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_breaks_at_spaces_and_fits() {
        let lines = wrap("Barista calls the name and hands over", Weight::Regular, 15.0, 120.0, 5);
        assert!(lines.len() > 1);
        for line in &lines {
            assert!(line.width <= 120.0, "{line:?}");
            assert!(!line.text.starts_with(' ') && !line.text.ends_with(' '));
        }
        let joined: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(joined.join(" "), "Barista calls the name and hands over");
    }

    #[test]
    fn chinese_breaks_between_characters_but_not_before_closing_punctuation() {
        let lines = wrap(
            "顾客排队等候点单，高峰期排队超过十分钟。",
            Weight::Regular,
            15.0,
            100.0,
            9,
        );
        assert!(lines.len() >= 2);
        for line in &lines {
            assert!(line.width <= 100.0 + 15.0, "{line:?}");
            let first = line.text.chars().next().unwrap_or(' ');
            assert!(!no_line_start(first), "line starts with {first}: {line:?}");
        }
        let joined: String = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(joined, "顾客排队等候点单，高峰期排队超过十分钟。");
    }

    #[test]
    fn too_many_lines_end_in_an_ellipsis_within_the_width() {
        let lines = wrap(
            "one two three four five six seven eight nine ten",
            Weight::Regular,
            15.0,
            60.0,
            2,
        );
        assert_eq!(lines.len(), 2);
        assert!(lines[1].text.ends_with('…'));
        assert!(lines[1].width <= 60.0);
    }

    #[test]
    fn explicit_newlines_start_new_lines() {
        let lines = wrap("a\nb", Weight::Regular, 15.0, 500.0, 5);
        assert_eq!(lines.iter().map(|l| l.text.as_str()).collect::<Vec<_>>(), ["a", "b"]);
    }

    #[test]
    fn bundled_font_covers_chinese_and_latin_and_reports_what_it_lacks() {
        assert!(missing_chars("服务蓝图 Service blueprint：等待时间 ≥ 5 分钟").is_empty());
        assert_eq!(missing_chars("OK 🙂"), vec!['🙂']);
        let face = &fonts().regular;
        assert!(face.width("服务", 10.0) > face.width("ab", 10.0));
    }
}
