//! The look of a blueprint: colours, sizes and the texts drawn besides the user's own.
//! One style feeds the canvas and every export, so they match.

use crate::i18n::Lang;
use crate::model::{LaneKind, Line, MarkerKind, ServiceState};

/// An sRGB colour with straight (not premultiplied) alpha.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Color(pub [u8; 4]);

impl Color {
    /// Opaque colour from `0xRRGGBB`.
    pub const fn hex(rgb: u32) -> Color {
        Color([(rgb >> 16) as u8, (rgb >> 8) as u8, rgb as u8, 255])
    }
    /// Fully transparent.
    pub const TRANSPARENT: Color = Color([0, 0, 0, 0]);
    /// White.
    pub const WHITE: Color = Color::hex(0xFFFFFF);

    /// `#rrggbb` for SVG.
    pub fn to_hex(self) -> String {
        let [r, g, b, _] = self.0;
        format!("#{r:02x}{g:02x}{b:02x}")
    }

    /// Parses `#RRGGBB` or `RRGGBB`.
    pub fn parse_hex(text: &str) -> Option<Color> {
        let digits = text.strip_prefix('#').unwrap_or(text);
        if digits.len() != 6 || !digits.chars().all(|c| c.is_ascii_hexdigit()) {
            return None;
        }
        u32::from_str_radix(digits, 16).ok().map(Color::hex)
    }

    /// The alpha channel as 0…1.
    pub fn alpha(self) -> f32 {
        f32::from(self.0[3]) / 255.0
    }
}

/// Colours of one lane kind.
#[derive(Clone, Copy, Debug)]
pub struct LaneColors {
    /// Band background.
    pub band: Color,
    /// Header cell background at the left.
    pub header: Color,
    /// Card border and accents.
    pub accent: Color,
}

/// Sizes in blueprint units and colours; the light slide theme is [`Style::default`].
#[derive(Clone, Debug)]
pub struct Style {
    /// Outer margin around the drawing.
    pub margin: f32,
    /// Width of the lane-name column at the left.
    pub lane_header_width: f32,
    /// Card width.
    pub card_width: f32,
    /// Smallest card height.
    pub card_min_height: f32,
    /// Space between a column's edge and its cards (half the gutter between columns).
    pub cell_pad_x: f32,
    /// Space between a lane's edge and its cards.
    pub cell_pad_y: f32,
    /// Space between cards stacked in one cell.
    pub card_gap: f32,
    /// Padding inside a card.
    pub card_pad: f32,
    /// Smallest lane height.
    pub lane_min_height: f32,
    /// Card title font size.
    pub card_font: f32,
    /// Card detail line (time) font size.
    pub meta_font: f32,
    /// Lane and stage header font size.
    pub header_font: f32,
    /// Blueprint title font size.
    pub title_font: f32,
    /// Subtitle, legend and line label font size.
    pub small_font: f32,
    /// Most lines a card title wraps to.
    pub card_max_lines: usize,
    /// Most lines the name of one of the three lines wraps to in its pill.
    pub line_label_lines: usize,
    /// Stages whose cards are narrower and shorter: a deck's stub columns, which hold only
    /// pointers to other slides.
    pub narrow_stages: NarrowStages,
    /// Side of a marker badge.
    pub badge_size: f32,
    /// Page background.
    pub background: Color,
    /// Main text colour.
    pub text: Color,
    /// Secondary text colour.
    pub muted_text: Color,
    /// Card background.
    pub card_fill: Color,
    /// Stage header background.
    pub stage_header: Color,
    /// Grid lines between cells.
    pub grid: Color,
    /// The three lines.
    pub line_color: Color,
    /// Flow arrows.
    pub flow_color: Color,
    /// Critical path highlight: its flows drawn thick and its steps outlined in this.
    pub critical_path: Color,
    /// Visibility handoff highlight: dots where those flows cross the line of visibility.
    pub handoff: Color,
    /// Waits highlight: the clock badge's fill.
    pub wait: Color,
    /// Text and clock hands on the wait badge.
    pub wait_text: Color,
    /// Pain heat of a stage with no pain, the light end of the scale.
    pub heat_low: Color,
    /// Pain heat of the most painful stage, the dark end of the scale.
    pub heat_high: Color,
    /// Selection outline (editor only).
    pub selection: Color,
}

/// Stages whose cards are narrower than the rest and wrap their titles to fewer lines.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NarrowStages {
    /// Their ids.
    pub stages: Vec<crate::model::StageId>,
    /// Their cards' width.
    pub width: f32,
    /// Most lines their cards' titles wrap to; the rest ends in "…".
    pub max_lines: usize,
}

impl Default for Style {
    fn default() -> Self {
        Style {
            margin: 24.0,
            lane_header_width: 196.0,
            card_width: 184.0,
            card_min_height: 56.0,
            cell_pad_x: 24.0,
            cell_pad_y: 22.0,
            card_gap: 24.0,
            card_pad: 10.0,
            lane_min_height: 96.0,
            card_font: 15.0,
            meta_font: 12.0,
            header_font: 16.0,
            title_font: 30.0,
            small_font: 13.0,
            card_max_lines: 4,
            line_label_lines: 1,
            narrow_stages: NarrowStages::default(),
            badge_size: 20.0,
            background: Color::WHITE,
            text: Color::hex(0x1B1F24),
            muted_text: Color::hex(0x4A5360),
            card_fill: Color::WHITE,
            stage_header: Color::hex(0x2F3B4C),
            grid: Color::hex(0xC9D1DB),
            line_color: Color::hex(0x1B1F24),
            flow_color: Color::hex(0x3A4350),
            // Highlights take Okabe–Ito colours, which colour-blind readers tell apart, and none
            // near a marker colour: blue, reddish purple, yellow (with dark text) and a grey to
            // black scale, so each reads on its own and with the others.
            critical_path: Color::hex(0x0072B2),
            handoff: Color::hex(0xCC79A7),
            wait: Color::hex(0xF0E442),
            wait_text: Color::hex(0x1B1F24),
            heat_low: Color::hex(0xEEEEEE),
            heat_high: Color::hex(0x000000),
            // Lighter than the critical path's blue; the canvas also draws it with a halo.
            selection: Color::hex(0x0D99FF),
        }
    }
}

impl Style {
    /// Width of one stage column.
    pub fn column_width(&self) -> f32 {
        self.card_width + 2.0 * self.cell_pad_x
    }

    /// Colours of a lane kind: told apart by hue and lightness, so grey-scale still separates
    /// neighbours.
    pub fn lane_colors(&self, kind: LaneKind) -> LaneColors {
        let (band, header, accent) = match kind {
            LaneKind::Evidence => (0xF1F3F5, 0xDEE2E6, 0x495057),
            LaneKind::Customer => (0xFFF4D6, 0xFFE08A, 0xB07C00),
            LaneKind::Frontstage => (0xE3F4E8, 0xB2E0BF, 0x2B8A3E),
            LaneKind::Backstage => (0xE1ECFA, 0xB3CDF0, 0x1864AB),
            LaneKind::Support => (0xEFE8F7, 0xD3C2EA, 0x6741D9),
            LaneKind::Custom => (0xF8F9FA, 0xE9ECEF, 0x868E96),
        };
        LaneColors {
            band: Color::hex(band),
            header: Color::hex(header),
            accent: Color::hex(accent),
        }
    }

    /// Fill colour of a marker badge.
    pub fn marker_color(&self, kind: MarkerKind) -> Color {
        match kind {
            MarkerKind::PainPoint => Color::hex(0xE03131),
            MarkerKind::FailPoint => Color::hex(0xE8590C),
            MarkerKind::WaitPoint => Color::hex(0xF08C00),
            MarkerKind::MomentOfTruth => Color::hex(0x862E9C),
            MarkerKind::Opportunity => Color::hex(0x2B8A3E),
        }
    }
}

impl Style {
    /// Colour of pain-point heat `heat` (0 … 1) on the light-to-dark scale.
    pub fn heat_color(&self, heat: f32) -> Color {
        let t = heat.clamp(0.0, 1.0);
        let [a, b] = [self.heat_low.0, self.heat_high.0];
        let lerp = |i: usize| (f32::from(a[i]) + (f32::from(b[i]) - f32::from(a[i])) * t).round() as u8;
        Color([lerp(0), lerp(1), lerp(2), 255])
    }
}

/// The shape of a marker badge: shape and letter tell kinds apart without colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BadgeShape {
    /// Pain point.
    Circle,
    /// Fail point.
    Triangle,
    /// Wait point.
    Square,
    /// Moment of truth.
    Diamond,
    /// Opportunity.
    Hexagon,
}

/// Shape of a marker kind's badge.
pub fn badge_shape(kind: MarkerKind) -> BadgeShape {
    match kind {
        MarkerKind::PainPoint => BadgeShape::Circle,
        MarkerKind::FailPoint => BadgeShape::Triangle,
        MarkerKind::WaitPoint => BadgeShape::Square,
        MarkerKind::MomentOfTruth => BadgeShape::Diamond,
        MarkerKind::Opportunity => BadgeShape::Hexagon,
    }
}

/// The letter in a marker kind's badge (F and W are the method's own).
pub fn badge_letter(kind: MarkerKind) -> &'static str {
    match kind {
        MarkerKind::PainPoint => "P",
        MarkerKind::FailPoint => "F",
        MarkerKind::WaitPoint => "W",
        MarkerKind::MomentOfTruth => "M",
        MarkerKind::Opportunity => "O",
    }
}

/// Words the drawing itself uses (legend, line labels, card times), in the drawing's language.
pub struct DrawingTexts {
    lang: Lang,
}

impl DrawingTexts {
    /// Texts in `lang`.
    pub fn new(lang: Lang) -> Self {
        DrawingTexts { lang }
    }

    /// Label of one of the three lines.
    pub fn line(&self, line: Line) -> &'static str {
        match (self.lang, line) {
            (Lang::En, Line::Interaction) => "Line of interaction",
            (Lang::En, Line::Visibility) => "Line of visibility",
            (Lang::En, Line::Internal) => "Line of internal interaction",
            (Lang::Zh, Line::Interaction) => "互动线",
            (Lang::Zh, Line::Visibility) => "可见线",
            (Lang::Zh, Line::Internal) => "内部互动线",
        }
    }

    /// Name of a marker kind.
    pub fn marker(&self, kind: MarkerKind) -> &'static str {
        match (self.lang, kind) {
            (Lang::En, MarkerKind::PainPoint) => "Pain point",
            (Lang::En, MarkerKind::FailPoint) => "Fail point",
            (Lang::En, MarkerKind::WaitPoint) => "Wait point",
            (Lang::En, MarkerKind::MomentOfTruth) => "Moment of truth",
            (Lang::En, MarkerKind::Opportunity) => "Opportunity",
            (Lang::Zh, MarkerKind::PainPoint) => "痛点",
            (Lang::Zh, MarkerKind::FailPoint) => "失误点",
            (Lang::Zh, MarkerKind::WaitPoint) => "等待点",
            (Lang::Zh, MarkerKind::MomentOfTruth) => "关键时刻",
            (Lang::Zh, MarkerKind::Opportunity) => "机会点",
        }
    }

    /// "As-is" / "To-be" badge text.
    pub fn state(&self, state: ServiceState) -> &'static str {
        match (self.lang, state) {
            (Lang::En, ServiceState::AsIs) => "As-is",
            (Lang::En, ServiceState::ToBe) => "To-be",
            (Lang::Zh, ServiceState::AsIs) => "现状",
            (Lang::Zh, ServiceState::ToBe) => "未来",
        }
    }

    /// A card's time line: "4 min · waits 6 min".
    pub fn card_times(&self, duration: Option<f64>, wait: Option<f64>) -> Option<String> {
        let d = duration.filter(|d| *d > 0.0).map(format_minutes);
        let w = wait.filter(|w| *w > 0.0).map(format_minutes);
        match (self.lang, d, w) {
            (_, None, None) => None,
            (Lang::En, Some(d), None) => Some(d),
            (Lang::En, None, Some(w)) => Some(format!("waits {w}")),
            (Lang::En, Some(d), Some(w)) => Some(format!("{d} · waits {w}")),
            (Lang::Zh, Some(d), None) => Some(format!("用时 {d}")),
            (Lang::Zh, None, Some(w)) => Some(format!("等待 {w}")),
            (Lang::Zh, Some(d), Some(w)) => Some(format!("用时 {d} · 等待 {w}")),
        }
        .map(|text| {
            if self.lang == Lang::Zh {
                localise_units(&text)
            } else {
                text
            }
        })
    }

    /// A duration in the drawing's language: "2.5 h" or "2.5 小时".
    pub fn minutes(&self, minutes: f64) -> String {
        match self.lang {
            Lang::En => format_minutes(minutes),
            Lang::Zh => localise_units(&format_minutes(minutes)),
        }
    }

    /// Legend entry of the critical path, with its lead time when known: "Critical path · 2.9 d".
    pub fn critical_path_legend(&self, minutes: Option<f64>) -> String {
        let name = match self.lang {
            Lang::En => "Critical path",
            Lang::Zh => "关键路径",
        };
        match minutes {
            Some(m) => format!("{name} · {}", self.minutes(m)),
            None => name.to_owned(),
        }
    }

    /// Legend entry of the handoffs across the line of visibility.
    pub fn handoff_legend(&self) -> &'static str {
        match self.lang {
            Lang::En => "Handoff across the line of visibility",
            Lang::Zh => "跨可见线的交接",
        }
    }

    /// Legend entry of the wait badges.
    pub fn wait_legend(&self) -> &'static str {
        match self.lang {
            Lang::En => "Waiting time",
            Lang::Zh => "等待时间",
        }
    }

    /// The label of the emotion curve's band.
    pub fn emotion_label(&self) -> &'static str {
        match self.lang {
            Lang::En => "Customer emotion",
            Lang::Zh => "顾客情绪",
        }
    }

    /// Legend entry of the pain heat scale.
    pub fn heat_legend(&self) -> &'static str {
        match self.lang {
            Lang::En => "Pain-point heat, low → high",
            Lang::Zh => "痛点热度：低 → 高",
        }
    }
}

/// Minutes as a short duration: "45 s", "12 min", "2.5 h", "3.2 d".
pub fn format_minutes(minutes: f64) -> String {
    let trim = |v: f64| {
        // Whole numbers, the usual case, skip the exact decimal rounding of `{:.1}`, which is
        // slow enough to show when every card of a large blueprint is drawn.
        if v.fract() == 0.0 && v.abs() < 1e15 {
            return (v as i64).to_string();
        }
        let s = format!("{v:.1}");
        s.strip_suffix(".0").map(str::to_owned).unwrap_or(s)
    };
    if minutes <= 0.0 {
        "0 min".to_owned()
    } else if minutes < 1.0 {
        format!("{} s", (minutes * 60.0).round())
    } else if minutes < 120.0 {
        format!("{} min", trim(minutes))
    } else if minutes < 2880.0 {
        format!("{} h", trim(minutes / 60.0))
    } else {
        format!("{} d", trim(minutes / 1440.0))
    }
}

/// English units in a number text put into Chinese.
pub fn localise_units(text: &str) -> String {
    text.replace(" pts", " 个百分点")
        .replace(" pt", " 个百分点")
        .replace(" min", " 分钟")
        .replace(" s", " 秒")
        .replace(" h", " 小时")
        .replace(" d", " 天")
}

/// The language a blueprint is written in: Chinese if its texts use ideographs.
pub fn drawing_lang(blueprint: &crate::model::Blueprint) -> Lang {
    let texts = std::iter::once(blueprint.title.as_str())
        .chain(blueprint.lanes.iter().map(|l| l.name.as_str()))
        .chain(blueprint.stages.iter().map(|s| s.name.as_str()))
        .chain(blueprint.steps.iter().take(50).map(|s| s.title.as_str()));
    let (mut cjk, mut latin) = (0usize, 0usize);
    for c in texts.flat_map(str::chars) {
        if ('\u{4E00}'..='\u{9FFF}').contains(&c) {
            cjk += 1;
        } else if c.is_ascii_alphabetic() {
            latin += 1;
        }
    }
    // A Chinese text counts one character per word; English about five letters.
    if cjk * 4 >= latin && cjk > 0 {
        Lang::Zh
    } else {
        Lang::En
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minutes_read_naturally() {
        assert_eq!(format_minutes(0.5), "30 s");
        assert_eq!(format_minutes(4.0), "4 min");
        assert_eq!(format_minutes(2.5), "2.5 min");
        assert_eq!(format_minutes(180.0), "3 h");
        assert_eq!(format_minutes(4608.0), "3.2 d");
        let zh = DrawingTexts::new(Lang::Zh);
        assert_eq!(
            zh.card_times(Some(4.0), Some(180.0)).as_deref(),
            Some("用时 4 分钟 · 等待 3 小时")
        );
        let en = DrawingTexts::new(Lang::En);
        assert_eq!(en.card_times(None, Some(6.0)).as_deref(), Some("waits 6 min"));
        assert_eq!(en.card_times(None, None), None);
    }

    #[test]
    fn hex_colours_parse() {
        assert_eq!(Color::parse_hex("#FF8000"), Some(Color([255, 128, 0, 255])));
        assert_eq!(Color::parse_hex("12345"), None);
        assert_eq!(Color::parse_hex("#GG0000"), None);
    }
}
