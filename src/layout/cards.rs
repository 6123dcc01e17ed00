//! One card's text, badge strip and height, and the card placed at a position: shared by the
//! full layout and by [`super::Layout::relayout_card`], which patches one card in place.

use super::highlight::{Highlights, WaitBadge};
use super::strip::Strip;
use super::{Align, Badge, CARD_STRIP_INSET, CardBox, STRIP_GAP, TextBlock};
use crate::geom::{Rect, pt};
use crate::model::{Blueprint, Step};
use crate::style::{DrawingTexts, Style};
use crate::text::{LINE_HEIGHT, Weight, WrappedLine, cut_short, wrap, wrap_cut};

/// A card's wrapped text, its badge strip and the height it needs.
pub(super) struct CardText {
    pub(super) title: Vec<WrappedLine>,
    pub(super) meta: Option<Vec<WrappedLine>>,
    /// The badge strip: the markers, then the wait badge.
    pub(super) strip: Strip,
    /// The wait badge's text and its width.
    pub(super) wait: Option<(Vec<WrappedLine>, f32)>,
    /// Where the title starts, from the card's top.
    pub(super) title_top: f32,
    /// What the text and badges need, before room for ports.
    pub(super) content_height: f32,
    /// The card's height: the content's, or more to give each flow a port of its own.
    pub(super) height: f32,
}

/// Sizes and places cards and badges with one style, language and set of highlights.
pub(super) struct CardMaker<'a> {
    pub(super) blueprint: &'a Blueprint,
    pub(super) style: &'a Style,
    pub(super) texts: &'a DrawingTexts,
    pub(super) highlights: &'a Highlights,
    /// A marker badge's pill with its severity; see [`CardMaker::tag_width_of`].
    pub(super) tag_width: f32,
    /// See `tag_width`.
    pub(super) tag_height: f32,
    /// The wait badge's clock.
    pub(super) clock_radius: f32,
}

/// The title of a card in a narrow stage, in at most `max_lines`: a first paragraph (a stub's
/// "→ Review") is cut short before the rest (the step it points to) gets fewer than two lines,
/// since the step's name is what the reader looks for. Only its first word (the arrow) stays,
/// leading the rest, when it is cut inside the word after that, or when dropping it lets the
/// rest be read whole.
fn narrow_title(title: &str, size: f32, width: f32, max_lines: usize) -> Vec<WrappedLine> {
    let Some((head, rest)) = title.split_once('\n') else {
        return wrap_cut(title, Weight::Regular, size, width, max_lines);
    };
    let rest_needs = wrap_cut(rest, Weight::Regular, size, width, max_lines).len().min(2);
    let mut lines = wrap_cut(
        head,
        Weight::Regular,
        size,
        width,
        max_lines.saturating_sub(rest_needs).max(1),
    );
    let mut words = head.split_whitespace();
    let first_word = words.next().unwrap_or_default();
    let led = || wrap_cut(&format!("{first_word} {rest}"), Weight::Regular, size, width, max_lines);
    // Cut inside its second word, the first paragraph says nothing a reader can use
    // ("→ Approva…"). Chinese has no spaces; two characters of it name a stage.
    let name = words.next().unwrap_or_default();
    let name_chars = match name.chars().next() {
        Some(c) if crate::text::is_cjk(c) => name.chars().count().min(2),
        _ => name.chars().count(),
    };
    let head_cut = cut_short(&lines);
    if let [only] = lines.as_slice()
        && head_cut
        && only.text.trim_end_matches('…').trim().chars().count() < first_word.chars().count() + 1 + name_chars
    {
        return led();
    }
    let left = max_lines.saturating_sub(lines.len());
    if left > 0 {
        lines.extend(wrap_cut(rest, Weight::Regular, size, width, left));
    }
    if head_cut && cut_short(&lines) {
        let whole = led();
        if !cut_short(&whole) {
            return whole;
        }
    }
    lines
}

impl<'a> CardMaker<'a> {
    /// A maker for `blueprint` drawn with `style`.
    pub(super) fn new(
        blueprint: &'a Blueprint,
        style: &'a Style,
        texts: &'a DrawingTexts,
        highlights: &'a Highlights,
    ) -> CardMaker<'a> {
        CardMaker {
            blueprint,
            style,
            texts,
            highlights,
            tag_width: style.badge_size + style.small_font * 0.9 + 6.0,
            tag_height: style.badge_size + 2.0,
            clock_radius: style.badge_size * 0.35,
        }
    }

    /// The width of marker `m`'s pill: narrower when it has no severity to show.
    pub(super) fn tag_width_of(&self, m: usize) -> f32 {
        match self.blueprint.markers[m].severity {
            Some(_) => self.tag_width,
            None => self.style.badge_size + 2.0,
        }
    }

    /// The badge of marker `m` with its top left corner at `(x, top)`.
    pub(super) fn badge(&self, m: usize, x: f32, top: f32) -> Badge {
        let rect = Rect::from_xywh(x, top, self.tag_width_of(m), self.tag_height);
        Badge {
            marker: m,
            kind: self.blueprint.markers[m].kind,
            severity: self.blueprint.markers[m].severity.unwrap_or(0),
            rect,
            center: pt(rect.min.x + 1.0 + self.style.badge_size / 2.0, rect.center().y),
        }
    }

    fn wait_width(&self, text_width: f32) -> f32 {
        5.0 + 2.0 * self.clock_radius + 4.0 + text_width + 7.0
    }

    /// The text, strip and height of step `i` carrying `markers`, `inner_width` wide.
    pub(super) fn text(&self, i: usize, step: &Step, markers: &[usize], inner_width: f32) -> CardText {
        let style = self.style;
        let title = if style.narrow_stages.stages.contains(&step.stage) {
            narrow_title(&step.title, style.card_font, inner_width, style.narrow_stages.max_lines)
        } else {
            wrap(
                &step.title,
                Weight::Regular,
                style.card_font,
                inner_width,
                style.card_max_lines,
            )
        };
        let meta = self
            .texts
            .card_times(step.duration_min, step.wait_min)
            .map(|t| wrap(&t, Weight::Regular, style.meta_font, inner_width, 1));
        let wait = self.highlights.wait_of(i).map(|minutes| {
            let lines = wrap(
                &self.texts.minutes(minutes),
                Weight::Bold,
                style.small_font,
                inner_width,
                1,
            );
            let width = lines.first().map_or(0.0, |l| l.width);
            (lines, width)
        });
        let mut widths: Vec<f32> = markers.iter().map(|&m| self.tag_width_of(m)).collect();
        widths.extend(wait.as_ref().map(|(_, width)| self.wait_width(*width)));
        let strip = Strip::pack(&widths, inner_width);
        // The strip is reserved above the title, so the card grows rather than its badges
        // covering the text.
        let title_top = if strip.rows() > 0 {
            CARD_STRIP_INSET + strip.height(self.tag_height) + STRIP_GAP
        } else {
            style.card_pad
        };
        let mut height = title_top + style.card_pad + TextBlock::height_of(title.len().max(1), style.card_font);
        if meta.is_some() {
            height += 2.0 + TextBlock::height_of(1, style.meta_font);
        }
        let height = height.max(style.card_min_height);
        CardText {
            title,
            meta,
            strip,
            wait,
            title_top,
            content_height: height,
            height,
        }
    }

    /// The card of step `i` with `text` at `rect`, in cell `(lane, stage)` at `slot`.
    pub(super) fn place(
        &self,
        i: usize,
        text: &CardText,
        markers: &[usize],
        rect: Rect,
        (lane, stage, slot): (usize, usize, usize),
    ) -> CardBox {
        let style = self.style;
        let (left, top) = (rect.min.x, rect.min.y);
        let inner_width = rect.width() - 2.0 * style.card_pad;
        let title = TextBlock::place(
            text.title.clone(),
            style.card_font,
            Weight::Regular,
            left + style.card_pad,
            top + text.title_top,
            inner_width,
            Align::Left,
        );
        let meta = text.meta.clone().map(|lines| {
            let meta_top = rect.max.y - style.card_pad - TextBlock::height_of(1, style.meta_font);
            TextBlock::place(
                lines,
                style.meta_font,
                Weight::Regular,
                left + style.card_pad,
                meta_top,
                inner_width,
                Align::Left,
            )
        });
        let strip_left = left + style.card_pad;
        let strip_top = top + CARD_STRIP_INSET;
        let slot_at = |k: usize| {
            let (row, x) = text.strip.slots[k];
            (strip_left + x, strip_top + Strip::row_top(row, self.tag_height))
        };
        let badges = markers
            .iter()
            .enumerate()
            .map(|(k, &m)| {
                let (x, y) = slot_at(k);
                self.badge(m, x, y)
            })
            .collect();
        let wait = text.wait.as_ref().map(|(lines, width)| {
            let (x, y) = slot_at(markers.len());
            let rect = Rect::from_xywh(x, y, self.wait_width(*width), self.tag_height);
            let text_left = x + 5.0 + 2.0 * self.clock_radius + 4.0;
            WaitBadge {
                rect,
                clock: pt(x + 5.0 + self.clock_radius, rect.center().y),
                clock_radius: self.clock_radius,
                text: TextBlock::place(
                    lines.clone(),
                    style.small_font,
                    Weight::Bold,
                    text_left,
                    y + (self.tag_height - style.small_font * LINE_HEIGHT) / 2.0,
                    *width,
                    Align::Left,
                ),
            }
        });
        CardBox {
            step: i,
            lane,
            stage,
            slot,
            rect,
            content_height: text.content_height,
            title,
            meta,
            badges,
            wait,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::narrow_title;

    fn texts(title: &str, width: f32) -> Vec<String> {
        narrow_title(title, 20.0, width, 3)
            .into_iter()
            .map(|l| l.text)
            .collect()
    }

    #[test]
    fn a_stub_keeps_two_lines_for_its_step_and_drops_a_stage_it_cannot_name() {
        // Room for where it points on one line, then the step.
        let wide = texts("→ Payment & medicine (1/2)\nPushes the bill to the phone", 170.0);
        assert_eq!(wide.len(), 3, "{wide:?}");
        assert!(wide[0].starts_with("→ Pay") && wide[0].ends_with('…'), "{wide:?}");
        assert!(wide[1].starts_with("Pushes"), "{wide:?}");
        // Too narrow to say more of the stage than a letter: the arrow leads the step.
        let narrow = texts("← Document review\nChecks the file is complete", 100.0);
        assert_eq!(narrow, ["← Checks", "the file is", "complete"]);
        // So it does where the step would be cut and can be read whole without the stage.
        let cut = texts(
            "→ Approval and activation (2/4)\nBack office approves the exception",
            130.0,
        );
        assert_eq!(cut, ["→ Back office", "approves the", "exception"]);
        // Two characters name a Chinese stage, kept where the step is too long anyway.
        let zh = texts("→ 审批与开通（2/4）\n后台审批例外申请并登记到客户关系管理系统", 100.0);
        assert!(zh[0].starts_with("→ 审批") && zh[0].ends_with('…'), "{zh:?}");
        assert!(zh[1].starts_with("后台"), "{zh:?}");
        // A short step leaves the stage two lines.
        let short = texts("→ Payment & medicine (1/2)\nPays", 170.0);
        assert_eq!(short.last().map(String::as_str), Some("Pays"), "{short:?}");
        assert!(!short[..short.len() - 1].concat().ends_with('…'), "{short:?}");
    }
}
