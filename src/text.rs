//! The bundled fonts and the one text measurer and line wrapper every painter relies on.
//!
//! Text is wrapped here once, with the bundled font's advances; the canvas, PNG and SVG then
//! draw exactly these lines, so a title never breaks differently on a slide than on screen.

use foldhash::{HashMap, HashMapExt};
use skrifa::instance::{LocationRef, Size};
use skrifa::{FontRef, GlyphId, MetadataProvider};
use std::sync::OnceLock;
use unicode_linebreak::{BreakClass, BreakOpportunity, break_property, linebreaks};

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

/// Unbreakable segments of `paragraph` (which holds no '\n'), by UAX #14: byte ranges, each
/// with the spaces that follow it, and whether the line must end after it (U+2028, a lone CR…).
///
/// UAX #14 keeps words and numbers whole, allows a break between two ideographs, and allows
/// none before closing punctuation (，。）」” …) or after opening punctuation (（「“ …), even
/// across spaces: the rules Chinese and English typesetting expect, kept up to date by Unicode.
///
/// A hyphen with a word of three letters or fewer on either side keeps its words together:
/// "(as-" / "is)" or "follow-" / "up" read as a broken word, "small-" / "business" does not.
fn segments(paragraph: &str) -> impl Iterator<Item = (usize, usize, bool)> + '_ {
    let breaks: Vec<(usize, BreakOpportunity)> = linebreaks(paragraph).collect();
    let letters = |text: &str| text.chars().filter(|c| c.is_alphanumeric()).count();
    let mut start = 0;
    let mut kept = Vec::with_capacity(breaks.len());
    for (k, &(end, kind)) in breaks.iter().enumerate() {
        let next = breaks.get(k + 1).map_or(paragraph.len(), |b| b.0);
        let short_hyphen = kind == BreakOpportunity::Allowed
            && paragraph[..end].ends_with(['-', '\u{2010}'])
            && (letters(&paragraph[start..end]) <= 3 || letters(&paragraph[end..next]) <= 3);
        if short_hyphen {
            continue;
        }
        if end > start {
            kept.push((start, end, kind == BreakOpportunity::Mandatory));
        }
        start = end;
    }
    kept.into_iter()
}

/// Whether a line may be cut between `before` and `after` when a segment is too wide for any
/// line: never before closing punctuation or a combining mark, never after opening punctuation,
/// never on either side of a quote or a joiner.
fn may_cut_between(before: char, after: char) -> bool {
    use BreakClass::{
        CloseParenthesis, ClosePunctuation, CombiningMark, Exclamation, InfixSeparator, Inseparable, NonBreakingGlue,
        NonStarter, OpenPunctuation, Quotation, WordJoiner, ZeroWidthJoiner,
    };
    let glued_after = matches!(
        break_property(before as u32),
        OpenPunctuation | Quotation | NonBreakingGlue | WordJoiner | ZeroWidthJoiner
    );
    let glued_before = matches!(
        break_property(after as u32),
        ClosePunctuation
            | CloseParenthesis
            | Exclamation
            | InfixSeparator
            | NonStarter
            | Inseparable
            | Quotation
            | CombiningMark
            | ZeroWidthJoiner
            | NonBreakingGlue
            | WordJoiner
    );
    !glued_after && !glued_before
}

/// The width of the widest unbreakable segment of `text` at `size` (a word, a number, an
/// ideograph with the punctuation that clings to it): the narrowest `max_width` at which
/// [`wrap`] breaks only where Unicode line breaking allows.
///
/// [`wrap`] still fits narrower boxes by cutting such a segment between characters, because a
/// card title has a fixed width. Where the box can grow (flow labels, channel widths), make it
/// at least this wide instead, so "deliveries" is never drawn as "deliver / ies".
pub fn min_content_width(text: &str, weight: Weight, size: f32) -> f32 {
    let face = fonts().face(weight);
    text.split('\n')
        .flat_map(|paragraph| {
            let paragraph = paragraph.trim_end();
            segments(paragraph).map(move |(start, end, _)| face.width(paragraph[start..end].trim_end(), size))
        })
        .fold(0.0, f32::max)
}

/// Lines being collected, up to a limit.
struct Lines<'a> {
    /// What is collected so far.
    lines: Vec<WrappedLine>,
    /// The face measuring them.
    face: &'a Face,
    /// Font size.
    size: f32,
    /// At most this many lines.
    max_lines: usize,
}

impl Lines<'_> {
    /// Adds a line (trailing spaces trimmed) unless `max_lines` are already there; says
    /// whether it did.
    fn push(&mut self, text: &str) -> bool {
        if self.lines.len() >= self.max_lines {
            return false;
        }
        let text = text.trim_end().to_owned();
        let width = self.face.width(&text, self.size);
        self.lines.push(WrappedLine { text, width });
        true
    }

    /// Width of `text` without its trailing spaces, as the line would be drawn.
    fn width(&self, text: &str) -> f32 {
        self.face.width(text.trim_end(), self.size)
    }
}

/// Cuts `text`, wider than `max_width` and without a break opportunity, into lines between
/// characters; pushes all but the last piece and returns the byte offset where that piece
/// starts (it stays open for what follows). `None` when `max_lines` ran out.
fn cut_between_characters(text: &str, lines: &mut Lines<'_>, max_width: f32) -> Option<usize> {
    let mut start = 0;
    while lines.width(&text[start..]) > max_width {
        let rest = &text[start..];
        // Longest prefix that fits, preferring cuts that keep punctuation with its neighbour
        // (spaces at the cut vanish, so the characters either side of them are what count).
        let mut any_fit = None;
        let mut good_fit = None;
        for (at, _) in rest.char_indices().skip(1) {
            let (line, next_line) = (rest[..at].trim_end(), rest[at..].trim_start());
            let (Some(before), Some(after)) = (line.chars().last(), next_line.chars().next()) else {
                continue;
            };
            if lines.width(line) > max_width {
                break;
            }
            any_fit = Some(at);
            if may_cut_between(before, after) {
                good_fit = Some(at);
            }
        }
        // Not even one character fits: it gets a line of its own.
        let first_len = rest.chars().next().map_or(rest.len(), char::len_utf8);
        let cut = good_fit.or(any_fit).unwrap_or(first_len);
        if !lines.push(&rest[..cut]) {
            return None;
        }
        start += cut + (rest[cut..].len() - rest[cut..].trim_start().len());
    }
    Some(start)
}

/// Whether wrapped `lines` were cut short: the last ends in "…".
pub fn cut_short(lines: &[WrappedLine]) -> bool {
    lines.last().is_some_and(|l| l.text.ends_with('…'))
}

/// Han, kana, Hangul and the CJK punctuation and full-width blocks.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x11FF
        | 0x2E80..=0x2FDF
        | 0x3000..=0x30FF
        | 0x3100..=0x31FF
        | 0x3200..=0x9FFF
        | 0xA960..=0xA97F
        | 0xAC00..=0xD7FF
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFFEF
        | 0x20000..=0x3FFFF)
}

/// `line` as it is drawn: Latin text cut short ends in three full stops on the baseline
/// ("plans..."), since the bundled font draws "…" centred, as Chinese sets it ("审批…").
pub fn drawn_ellipsis(line: &str) -> std::borrow::Cow<'_, str> {
    match line.strip_suffix('…') {
        Some(kept) if kept.chars().last().is_some_and(|c| !is_cjk(c)) => std::borrow::Cow::Owned(format!("{kept}...")),
        _ => std::borrow::Cow::Borrowed(line),
    }
}

/// `text` with the curly quotes of Latin text made straight: the bundled CJK font draws ‘ ’ “ ”
/// full-width, as Chinese sets them, which tears "day’s" apart. Quotes beside Chinese stay.
pub fn latin_quotes(text: &str) -> std::borrow::Cow<'_, str> {
    let is_quote = |c: char| matches!(c, '‘' | '’' | '“' | '”');
    if !text.chars().any(is_quote) {
        return std::borrow::Cow::Borrowed(text);
    }
    let cjk = |c: Option<char>| c.is_some_and(|c| c >= '\u{2E80}' && !is_quote(c));
    let chars: Vec<char> = text.chars().collect();
    let straight = chars
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            let beside_chinese = cjk(i.checked_sub(1).map(|p| chars[p])) || cjk(chars.get(i + 1).copied());
            match c {
                '‘' | '’' if !beside_chinese => '\'',
                '“' | '”' if !beside_chinese => '"',
                c => c,
            }
        })
        .collect();
    std::borrow::Cow::Owned(straight)
}

/// Wraps `text` to `max_width` at `size`, at most `max_lines` lines (the last ending in "…"
/// when text is cut). Newlines in the text start new lines.
///
/// Lines break where Unicode line breaking (UAX #14) allows: between words, between Chinese
/// characters, but never inside a word or number, never before closing punctuation and never
/// after opening punctuation. A segment wider than `max_width` on its own is the exception: it
/// is cut between characters (see [`min_content_width`] for how to avoid that).
pub fn wrap(text: &str, weight: Weight, size: f32, max_width: f32, max_lines: usize) -> Vec<WrappedLine> {
    remembered(text, weight, size, max_width, max_lines, true)
}

/// Like [`wrap`], but worked out afresh and not remembered: for probes at many widths, which
/// would only crowd out what is worth remembering.
pub fn wrap_once(text: &str, weight: Weight, size: f32, max_width: f32, max_lines: usize) -> Vec<WrappedLine> {
    wrap_as(text, weight, size, max_width, max_lines, true)
}

/// The longest text a [`LinesMemo`] keeps, in bytes: longer than a card or label could show,
/// so a file of huge texts cannot double its memory in one.
const REMEMBERED_LEN: usize = 1024;

/// Wrapped lines remembered per measure and text, for one thread (in a `thread_local!`): a
/// layout wraps every title and label again after any edit, and all but the edited few come out
/// as they did. Everything is forgotten at once when it holds its `cap` of texts.
pub struct LinesMemo<M> {
    count: usize,
    known: HashMap<M, HashMap<String, Vec<WrappedLine>>>,
}

impl<M> Default for LinesMemo<M> {
    fn default() -> Self {
        LinesMemo {
            count: 0,
            known: HashMap::default(),
        }
    }
}

impl<M: std::hash::Hash + Eq> LinesMemo<M> {
    /// The lines of `text` at `measure` from `memo`, or from `work` (then kept, up to `cap`
    /// texts). `work` runs with `memo` free, so it may use other memos.
    pub fn lines(
        memo: &'static std::thread::LocalKey<std::cell::RefCell<Self>>,
        cap: usize,
        measure: M,
        text: &str,
        work: impl FnOnce() -> Vec<WrappedLine>,
    ) -> Vec<WrappedLine> {
        if text.len() > REMEMBERED_LEN {
            return work();
        }
        if let Some(lines) = memo.with_borrow(|m| m.known.get(&measure)?.get(text).cloned()) {
            return lines;
        }
        let lines = work();
        memo.with_borrow_mut(|m| {
            if m.count >= cap {
                m.known.clear();
                m.count = 0;
            }
            m.count += 1;
            m.known
                .entry(measure)
                .or_default()
                .insert(text.to_owned(), lines.clone());
        });
        lines
    }
}

/// Font, size, width, lines and whether words may split: what a wrap depends on besides the text.
type Measure = (Weight, u32, u32, usize, bool);

thread_local! {
    /// What [`remembered`] knows on this thread.
    static KNOWN: std::cell::RefCell<LinesMemo<Measure>> = Default::default();
}

/// [`wrap_as`], remembered for up to 65,536 texts: more than the largest blueprints wrap in one
/// layout.
fn remembered(
    text: &str,
    weight: Weight,
    size: f32,
    max_width: f32,
    max_lines: usize,
    split_words: bool,
) -> Vec<WrappedLine> {
    let measure = (weight, size.to_bits(), max_width.to_bits(), max_lines, split_words);
    LinesMemo::lines(&KNOWN, 1 << 16, measure, text, || {
        wrap_as(text, weight, size, max_width, max_lines, split_words)
    })
}

/// Like [`wrap`], but a segment too wide for a line of its own ends the text there, cut with
/// "…", rather than running on at the start of the next line: for boxes that show the start of
/// a text and stop, where "Compare / s plans" would read as two other words.
pub fn wrap_cut(text: &str, weight: Weight, size: f32, max_width: f32, max_lines: usize) -> Vec<WrappedLine> {
    remembered(text, weight, size, max_width, max_lines, false)
}

/// `text` in exactly `count` lines no wider than `max_width`, broken only where [`wrap`] may
/// break, with the room left on the lines shared out as evenly as can be (the least sum of its
/// squares): "征信查 / 询与 / 评分" rather than "征信查 / 询与评 / 分". `None` when it cannot be
/// done (a word wider than the lines, a forced line break, too few or too many lines).
pub fn wrap_evenly(text: &str, weight: Weight, size: f32, max_width: f32, count: usize) -> Option<Vec<WrappedLine>> {
    let text = &latin_quotes(text);
    if text.contains('\n') {
        return None;
    }
    let face = fonts().face(weight);
    let mut ends = vec![0];
    for (_, end, forced) in segments(text) {
        if forced && end < text.len() {
            return None;
        }
        ends.push(end);
    }
    let width = |i: usize, j: usize| face.width(text[ends[i]..ends[j]].trim_end(), size);
    // cost[k][j]: the least cost of the text up to `ends[j]` in `k` lines; `from` where the
    // last of them starts.
    let n = ends.len();
    let mut cost = vec![vec![f32::INFINITY; n]; count + 1];
    let mut from = vec![vec![0; n]; count + 1];
    cost[0][0] = 0.0;
    for k in 1..=count {
        for j in 1..n {
            for i in (0..j).rev() {
                let w = width(i, j);
                if w > max_width {
                    break;
                }
                let c = cost[k - 1][i] + (max_width - w).powi(2);
                if c < cost[k][j] {
                    cost[k][j] = c;
                    from[k][j] = i;
                }
            }
        }
    }
    if count == 0 || !cost[count][n - 1].is_finite() {
        return None;
    }
    let mut lines = Vec::with_capacity(count);
    let mut j = n - 1;
    for k in (1..=count).rev() {
        let i = from[k][j];
        let line = text[ends[i]..ends[j]].trim().to_owned();
        lines.push(WrappedLine {
            width: face.width(&line, size),
            text: line,
        });
        j = i;
    }
    lines.reverse();
    Some(lines)
}

fn wrap_as(
    text: &str,
    weight: Weight,
    size: f32,
    max_width: f32,
    max_lines: usize,
    split_words: bool,
) -> Vec<WrappedLine> {
    let text = &latin_quotes(text);
    let face = fonts().face(weight);
    let mut lines = Lines {
        lines: Vec::new(),
        face,
        size,
        max_lines,
    };
    let mut truncated = false;
    'paragraphs: for paragraph in text.split('\n') {
        let paragraph = paragraph.trim_end();
        // The open line is paragraph[start..end]; `end` is where its last whole segment ends.
        let (mut start, mut end) = (0, 0);
        for (segment_start, segment_end, forced) in segments(paragraph) {
            let has_content = !paragraph[start..end].trim().is_empty();
            if has_content && lines.width(&paragraph[start..segment_end]) > max_width {
                if !lines.push(&paragraph[start..end]) {
                    truncated = true;
                    break 'paragraphs;
                }
                start = segment_start;
            }
            if lines.width(&paragraph[start..segment_end]) > max_width {
                if !split_words {
                    lines.push(&paragraph[start..segment_end]);
                    truncated = true;
                    break 'paragraphs;
                }
                // Alone on its line and still too wide: the last resort.
                match cut_between_characters(&paragraph[start..segment_end], &mut lines, max_width) {
                    Some(rest) => start += rest,
                    None => {
                        truncated = true;
                        break 'paragraphs;
                    }
                }
            }
            end = segment_end;
            if forced && end < paragraph.len() {
                if !lines.push(&paragraph[start..end]) {
                    truncated = true;
                    break 'paragraphs;
                }
                start = end;
            }
        }
        if !lines.push(&paragraph[start..]) {
            truncated = true;
            break;
        }
    }
    let mut lines = lines.lines;
    if truncated && let Some(last) = lines.last_mut() {
        let mut text = last.text.clone();
        let whole = text.len();
        while !text.is_empty() && face.width(&format!("{text}…"), size) > max_width {
            text.pop();
        }
        // Cut inside a word, the line goes back to the end of the word before, if it has one,
        // and leaves no dangling "&" or ",": "opens…", not "opens t…"; "Triage…", not
        // "Triage &…".
        if !split_words {
            let latin = |c: char| c.is_alphanumeric() && !is_cjk(c);
            let inside_word = text.len() < whole
                && text.chars().last().is_some_and(latin)
                && last.text[text.len()..].chars().next().is_some_and(latin);
            let kept = if inside_word {
                text.trim_end_matches(latin)
            } else {
                &text
            }
            .trim_end_matches(|c: char| c.is_whitespace() || c.is_ascii_punctuation());
            if kept.chars().count() > 1 {
                text.truncate(kept.len());
            }
        }
        last.text = format!("{}…", text.trim_end());
        last.width = face.width(&last.text, size);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn curly_quotes_in_latin_text_are_drawn_straight_and_chinese_ones_stay() {
        assert_eq!(latin_quotes("the day’s ‘last’ “call”"), "the day's 'last' \"call\"");
        assert_eq!(latin_quotes("回电：“批了，来签约吧”"), "回电：“批了，来签约吧”");
        let lines = wrap("SMS: ‘credited’", Weight::Regular, 14.0, 500.0, 1);
        assert_eq!(lines[0].text, "SMS: 'credited'");
        // A straight apostrophe is narrower than the full-width one it replaces.
        let face = fonts().face(Weight::Regular);
        assert!(face.width("day's", 14.0) < face.width("day’s", 14.0) - 4.0);
    }
    use proptest::prelude::*;

    /// Punctuation that may not begin a line: closing brackets and quotes, and marks that end a
    /// clause. Listed by hand, so the tests check the line breaker rather than repeat it.
    fn no_line_start(c: char) -> bool {
        "，。、；：？！）」』》〉】”’…,.;:?!)]}".contains(c)
    }

    /// Punctuation that may not end a line: opening brackets and quotes.
    fn no_line_end(c: char) -> bool {
        "（「『《〈【“‘([{".contains(c)
    }

    fn texts(lines: &[WrappedLine]) -> Vec<&str> {
        lines.iter().map(|l| l.text.as_str()).collect()
    }

    /// Every width from `from` to `to` in steps of a quarter unit.
    fn widths(from: f32, to: f32) -> impl Iterator<Item = f32> {
        (0..).map(move |i| from + i as f32 * 0.25).take_while(move |w| *w <= to)
    }

    #[test]
    fn a_hyphen_beside_a_short_word_keeps_both_words_on_one_line() {
        let text = "Bank: small-business loan (as-is), follow-up";
        let mut long_break = false;
        for width in widths(90.0, 400.0) {
            let lines = wrap(text, Weight::Bold, 20.0, width, 4);
            for line in texts(&lines) {
                assert!(
                    !line.ends_with("(as-") && !line.ends_with("follow-"),
                    "at {width}: {:?}",
                    texts(&lines)
                );
            }
            long_break |= texts(&lines).iter().any(|l| l.ends_with("small-"));
        }
        assert!(long_break, "two long words still break at their hyphen");
    }

    #[test]
    fn a_remembered_wrap_is_the_wrap_of_its_own_measure() {
        let text = "Compares plans, explains penalty fees";
        let narrow = fonts().face(Weight::Regular).width("Compares", 20.0) - 2.0;
        // The second round finds every measure remembered: each must get its own lines.
        for _ in 0..2 {
            for weight in [Weight::Regular, Weight::Bold] {
                for size in [14.0, 20.0] {
                    for width in [narrow, 400.0] {
                        for (lines, split) in [(1, true), (3, true), (3, false)] {
                            assert_eq!(
                                remembered(text, weight, size, width, lines, split),
                                wrap_as(text, weight, size, width, lines, split),
                                "{weight:?} {size} {width} {lines} {split}"
                            );
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn a_text_longer_than_a_card_shows_is_wrapped_but_not_kept() {
        let known = || KNOWN.with_borrow(|m| m.count);
        let long = "x ".repeat(REMEMBERED_LEN);
        let before = known();
        assert_eq!(
            remembered(&long, Weight::Regular, 20.0, 100.0, 3, true),
            wrap_as(&long, Weight::Regular, 20.0, 100.0, 3, true)
        );
        assert_eq!(known(), before);
        remembered("a text of its own", Weight::Regular, 20.0, 100.0, 3, true);
        assert_eq!(known(), before + 1);
    }

    #[test]
    fn a_cut_text_stops_at_a_word_too_wide_and_ends_between_words() {
        let face = fonts().face(Weight::Regular);
        let size = 20.0;
        // Narrower than "Compares": `wrap` carries the rest of the word onto the next line,
        // `wrap_cut` stops there.
        let narrow = face.width("Compares", size) - 2.0;
        let split = wrap("Compares plans, explains penalty", Weight::Regular, size, narrow, 3);
        assert!(split[1].text.starts_with('s'), "{:?}", texts(&split));
        let cut = wrap_cut("Compares plans, explains penalty", Weight::Regular, size, narrow, 3);
        assert_eq!(texts(&cut).len(), 1);
        assert!(
            cut[0].text.starts_with("Comp") && cut[0].text.ends_with('…'),
            "{:?}",
            texts(&cut)
        );
        assert!(cut[0].width <= narrow);
        // Wide enough for every word: the same lines as `wrap` until the last.
        let width = face.width("Compares plans,", size) + 1.0;
        let cut = wrap_cut("Compares plans, explains penalty fees", Weight::Regular, size, width, 2);
        assert_eq!(cut[0].text, "Compares plans,");
        assert!(
            ["explains…", "explains penalty…"].contains(&cut[1].text.as_str()),
            "{:?}",
            texts(&cut)
        );
        // The last line goes back to the word before rather than end inside one or on "&".
        let width = face.width("opens the…", size) - 1.0;
        assert_eq!(
            texts(&wrap_cut("opens the file", Weight::Regular, size, width, 1)),
            ["opens…"]
        );
        let width = face.width("Triage & t…", size);
        assert_eq!(
            texts(&wrap_cut("Triage & treatment", Weight::Regular, size, width, 1)),
            ["Triage…"]
        );
        // Chinese breaks between characters, so it is cut where the line is full.
        let width = face.width("授信审批通…", size) + 0.5;
        let cut = wrap_cut("授信审批通过后签约", Weight::Regular, size, width, 1);
        assert_eq!(texts(&cut), ["授信审批通…"]);
    }

    #[test]
    fn even_lines_share_the_room_and_break_only_where_wrap_may() {
        let face = fonts().face(Weight::Regular);
        let size = 14.0;
        let width = face.width("征信查", size) + 0.5;
        let greedy = wrap("征信查询与评分", Weight::Regular, size, width, 4);
        assert_eq!(texts(&greedy), ["征信查", "询与评", "分"]);
        let even = wrap_evenly("征信查询与评分", Weight::Regular, size, width, 3).expect("three lines");
        assert_eq!(texts(&even).iter().map(|l| l.chars().count()).max(), Some(3));
        assert_eq!(texts(&even).iter().map(|l| l.chars().count()).min(), Some(2));
        assert_eq!(texts(&even).concat(), "征信查询与评分");
        // Words stay whole and closing punctuation keeps to its line.
        let width = face.width("one two three", size) + 0.5;
        let greedy = wrap("one two three four", Weight::Regular, size, width, 2);
        assert_eq!(texts(&greedy), ["one two three", "four"]);
        let even = wrap_evenly("one two three four", Weight::Regular, size, width, 2).expect("two lines");
        assert_eq!(texts(&even), ["one two", "three four"]);
        let width = face.width("到哪了", size) + 0.5;
        let even = wrap_evenly("申请到哪了？", Weight::Regular, size, width, 2).expect("two lines");
        assert!(texts(&even).iter().all(|l| !l.starts_with('？')), "{:?}", texts(&even));
        // What cannot be done is said so.
        assert!(wrap_evenly("unbreakable", Weight::Regular, size, 10.0, 2).is_none());
        assert!(wrap_evenly("one two", Weight::Regular, size, 400.0, 3).is_none());
        assert!(wrap_evenly("one\ntwo", Weight::Regular, size, 400.0, 2).is_none());
    }

    #[test]
    fn latin_text_cut_short_is_drawn_with_full_stops_and_chinese_with_its_ellipsis() {
        assert_eq!(drawn_ellipsis("Compares plans…"), "Compares plans...");
        assert_eq!(drawn_ellipsis("→ 审批…"), "→ 审批…");
        assert_eq!(drawn_ellipsis("Whole title"), "Whole title");
        assert_eq!(drawn_ellipsis("…"), "…");
        // Never wider than what the line was wrapped to fit.
        let face = fonts().face(Weight::Regular);
        assert!(face.width("plans...", 20.0) <= face.width("plans…", 20.0));
    }

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

    #[test]
    fn words_never_split_when_the_line_is_at_least_as_wide_as_the_word() {
        for text in [
            "complete first time",
            "deliveries",
            "medicine",
            "Deliveries of medicine complete first time",
        ] {
            for size in [11.0, 15.0] {
                let narrowest = min_content_width(text, Weight::Regular, size);
                let full = fonts().regular.width(text, size);
                for width in widths(narrowest, full + 2.0) {
                    let lines = wrap(text, Weight::Regular, size, width, 20);
                    assert_eq!(texts(&lines).join(" "), text, "width {width}");
                    for line in &lines {
                        assert!(line.width <= width, "{line:?} at width {width}");
                    }
                }
            }
        }
        // The widest word decides the narrowest width, and single words stay whole at it.
        let face = &fonts().regular;
        assert_eq!(
            min_content_width("complete first time", Weight::Regular, 15.0),
            face.width("complete", 15.0)
        );
        assert_eq!(
            min_content_width("deliveries", Weight::Regular, 15.0),
            face.width("deliveries", 15.0)
        );
    }

    #[test]
    fn a_word_wider_than_any_line_is_cut_between_characters_as_a_last_resort() {
        let width = fonts().regular.width("medi", 15.0);
        let lines = wrap("medicine deliveries", Weight::Regular, 15.0, width, 20);
        assert!(lines.len() >= 4, "{lines:?}");
        assert!(lines.iter().all(|l| l.width <= width), "{lines:?}");
        assert_eq!(texts(&lines).concat(), "medicinedeliveries");
    }

    #[test]
    fn brackets_stay_with_the_characters_they_enclose() {
        for text in [
            "（现状）",
            "顾客排队点单（现状）",
            "顾客下单（现状）：排队等候「十分钟」，然后取餐。“满意”吗？",
            "【关键时刻】咖啡《制作》完成！",
        ] {
            let narrowest = min_content_width(text, Weight::Regular, 15.0);
            let full = fonts().regular.width(text, 15.0);
            for width in widths(narrowest, full + 2.0) {
                let lines = wrap(text, Weight::Regular, 15.0, width, 20);
                assert_eq!(texts(&lines).concat(), text, "width {width}");
                for line in &lines {
                    let (Some(first), Some(last)) = (line.text.chars().next(), line.text.chars().last()) else {
                        panic!("empty line at width {width}: {lines:?}");
                    };
                    assert!(
                        !no_line_start(first),
                        "line starts with {first} at width {width}: {lines:?}"
                    );
                    assert!(!no_line_end(last), "line ends with {last} at width {width}: {lines:?}");
                }
            }
        }
        // "（现" and "状）" are the pieces: the brackets cling to the ideograph beside them.
        let face = &fonts().regular;
        let expected = face.width("（现", 15.0).max(face.width("状）", 15.0));
        assert_eq!(min_content_width("（现状）", Weight::Regular, 15.0), expected);
        let lines = wrap("（现状）", Weight::Regular, 15.0, expected, 5);
        assert_eq!(texts(&lines), ["（现", "状）"]);
    }

    #[test]
    fn mixed_chinese_and_english_breaks_between_ideographs_and_at_spaces_only() {
        let text = "顾客用App下单，staff在counter确认order status后出餐";
        let words = ["App", "staff", "counter", "order", "status"];
        let narrowest = min_content_width(text, Weight::Regular, 15.0);
        assert_eq!(narrowest, fonts().regular.width("counter", 15.0));
        let full = fonts().regular.width(text, 15.0);
        for width in widths(narrowest, full + 2.0) {
            let lines = wrap(text, Weight::Regular, 15.0, width, 30);
            assert!(lines.iter().all(|l| l.width <= width), "{lines:?}");
            let joined = texts(&lines).concat();
            assert_eq!(joined.replace(' ', ""), text.replace(' ', ""));
            for line in &lines {
                // Every Latin run on a line is one of the words, whole.
                for run in line
                    .text
                    .split(|c: char| !c.is_ascii_alphabetic())
                    .filter(|r| !r.is_empty())
                {
                    assert!(
                        words.contains(&run),
                        "{run:?} is a broken word at width {width}: {lines:?}"
                    );
                }
                assert!(!no_line_start(line.text.chars().next().unwrap_or('x')), "{lines:?}");
            }
        }
    }

    #[test]
    fn unicode_line_separators_also_start_new_lines() {
        let lines = wrap("one\u{2028}two\r\nthree", Weight::Regular, 15.0, 500.0, 5);
        assert_eq!(texts(&lines), ["one", "two", "three"]);
    }

    /// Words of Latin letters and runs of Chinese with its punctuation, as card titles have them.
    fn mixed_text() -> impl Strategy<Value = String> {
        let token = prop_oneof![
            "[a-zA-Z]{1,12}".prop_map(|w| format!(" {w} ")),
            "[0-9]{1,5}".prop_map(|w| format!(" {w} ")),
            proptest::collection::vec(
                proptest::sample::select(
                    "服务蓝图顾客等待排队点单咖啡制作（）「」《》，。、：！？“”"
                        .chars()
                        .collect::<Vec<_>>()
                ),
                1..8
            )
            .prop_map(|cs| cs.into_iter().collect::<String>()),
        ];
        proptest::collection::vec(token, 1..16).prop_map(|tokens| {
            let text = tokens.concat();
            text.split(' ').filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
        })
    }

    proptest! {
        #[test]
        fn wrapped_lines_fit_and_give_back_the_text(text in mixed_text(), width in 12.0f32..320.0, bold in any::<bool>()) {
            let weight = if bold { Weight::Bold } else { Weight::Regular };
            // What is drawn, Latin quotes straightened (see `latin_quotes`).
            let text = latin_quotes(&text).into_owned();
            let lines = wrap(&text, weight, 15.0, width, 1000);
            let face = fonts().face(weight);
            for line in &lines {
                let one_segment = segments(&line.text).count() <= 1;
                prop_assert!(line.width <= width || one_segment, "{line:?} wider than {width}");
                // Cut words too: only a character wider than the whole line may overflow it.
                prop_assert!(line.width <= width || line.text.chars().count() == 1, "{line:?}");
                prop_assert_eq!(line.width, face.width(&line.text, 15.0));
                prop_assert!(!line.text.starts_with(' ') && !line.text.ends_with(' '));
            }
            let joined = texts(&lines).concat();
            prop_assert_eq!(joined.replace(' ', ""), text.replace(' ', ""));
            // Where every segment fits, lines end only at UAX #14 break opportunities.
            if width >= min_content_width(&text, weight, 15.0) {
                let allowed: Vec<usize> = segments(&text).map(|(_, end, _)| end).collect();
                let mut at = 0;
                for line in &lines {
                    prop_assert!(text[at..].starts_with(&line.text), "{:?} not at {at} of {text:?}", line.text);
                    at += line.text.len();
                    while text[at..].starts_with(' ') {
                        at += 1;
                    }
                    prop_assert!(allowed.contains(&at), "break at {at} in {text:?}: {lines:?}");
                }
                prop_assert_eq!(at, text.len());
            }
        }

        #[test]
        fn cut_lines_fit_and_end_only_where_a_line_may_break(
            text in mixed_text(),
            width in 12.0f32..320.0,
            max_lines in 1usize..5,
        ) {
            let text = latin_quotes(&text).into_owned();
            let lines = wrap_cut(&text, Weight::Regular, 15.0, width, max_lines);
            prop_assert!(lines.len() <= max_lines);
            let allowed: Vec<usize> = segments(&text).map(|(_, end, _)| end).collect();
            let mut at = 0;
            for (i, line) in lines.iter().enumerate() {
                let last = i + 1 == lines.len();
                // Every line fits, the cut one too, unless a lone "…" is wider than the box.
                prop_assert!(line.width <= width || line.text == "…", "{line:?} wider than {width}");
                if last && line.text.ends_with('…') {
                    break;
                }
                // A whole line is text from where the last one ended, up to a break.
                prop_assert!(text[at..].starts_with(&line.text), "{:?} not at {at} of {text:?}", line.text);
                at += line.text.len();
                while text[at..].starts_with(' ') {
                    at += 1;
                }
                prop_assert!(allowed.contains(&at), "break at {at} in {text:?}: {lines:?}");
            }
        }
    }
}
