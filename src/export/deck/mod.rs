//! Slide decks for teaching: an overview slide, then content slides of consecutive stages whose
//! smallest text stays readable from the back of a room (a stage too big for one slide goes on
//! several, `split`). Every slide repeats the lane headers, the three lines and the legend; flows
//! to stages on other slides end in labelled stubs.

use super::marks::Marks;
use super::{Background, Frame, Slide};
use crate::analysis::HighlightSpec;
use crate::geom::{Rect, pt};
use crate::i18n::Lang;
use crate::layout::{Layout, LayoutOptions, layout_with};
use crate::model::{Blueprint, Flow, FlowId, LaneId, Line, MarkerKind, MarkerTarget, Stage, StageId, Step, StepId};
use crate::scene::{Highlights, Role, Scene, Shape, Stroke, build};
use crate::style::{Color, DrawingTexts, NarrowStages, Style, drawing_lang};
use crate::text::{Weight, fonts, min_content_width, wrap};
use split::{part_name, part_number, part_of, split_stages, stage_label};
use std::collections::{HashMap, HashSet};

mod split;

/// Default smallest text height on content slides, in pixels of a 1080-pixel-high slide
/// (about 10 pt projected).
pub const DEFAULT_MIN_TEXT: f32 = 20.0;
/// Accepted `--min-text` values.
pub const MIN_TEXT_RANGE: std::ops::RangeInclusive<f32> = 8.0..=60.0;
/// Most cards packed side by side in one cell.
const MAX_PACK: usize = 4;
/// Most lines of a stub's text.
const STUB_LINES: usize = 3;
/// The most slides one stage is spread over.
const MAX_PARTS: usize = 4;
/// How many times stages too big for a slide are spread further before the text shrinks.
const SPLIT_ATTEMPTS: usize = 4;
/// How low, against a card, a lane with no card on a slide may be in a dense deck.
const COMPACT_LANES: f32 = 2.0 / 3.0;
/// Lane heights, against the slide style's, a slide too sparse to cover [`MIN_FILL`] may take.
const TALLER_LANES: [f32; 6] = [1.15, 1.3, 1.5, 1.75, 2.0, 2.5];
/// Space around the slide's content, in pixels at 1080p.
const SLIDE_PAD: f32 = 16.0;
/// Slide title size, pixels at 1080p.
const TITLE_PX: f32 = 30.0;
/// Ids of the stub columns; a `~` keeps them apart from the ids people give stages.
const BEFORE: &str = "~before";
const AFTER: &str = "~after";
/// Card widths tried on a slide, as multiples of the slide style's: wider cards wrap their titles
/// into fewer lines, so a slide of few stages trades the width it has to spare for height.
const WIDEN: [f32; 7] = [1.0, 1.25, 1.5, 1.8, 2.2, 2.7, 3.3];
/// The share of the slide a content slide's drawing should cover.
pub const MIN_FILL: f32 = 0.6;

/// How to make a deck.
#[derive(Clone, Debug, PartialEq)]
pub struct DeckOptions {
    /// 16:9 or 4:3.
    pub aspect: Slide,
    /// Smallest text height on content slides, pixels at 1080p.
    pub min_text: f32,
    /// Analysis results drawn on every slide.
    pub highlight: HighlightSpec,
    /// Page colour.
    pub background: Background,
}

impl Default for DeckOptions {
    fn default() -> Self {
        DeckOptions {
            aspect: Slide::Wide,
            min_text: DEFAULT_MIN_TEXT,
            highlight: HighlightSpec::default(),
            background: Background::White,
        }
    }
}

/// One slide, ready for any painter.
#[derive(Clone, Debug)]
pub struct DeckSlide {
    /// The short title at the top ("Bank loan · Application → Approval").
    pub title: String,
    /// The whole slide: title, page number, drawing and legend.
    pub scene: Scene,
    /// The slide's pixel frame.
    pub frame: Frame,
    /// The stages shown (0-based, inclusive); `None` on the overview.
    pub stages: Option<(usize, usize)>,
    /// The steps drawn on the slide (stubs of other slides' steps not counted).
    pub steps: Vec<StepId>,
    /// Flows that lead to or come from another slide, drawn as stubs here.
    pub stubs: Vec<FlowId>,
    /// Talking points: the steps with owner and times, then the marker notes.
    pub notes: Vec<String>,
    /// Where the title text sits, in pixels (for formats that write it as text of their own).
    pub title_rect: Rect,
    /// The scene items that draw the title, so such formats can leave them out of a picture.
    pub title_items: std::ops::Range<usize>,
    /// The drawing's area on the slide, in pixels, legend included.
    pub drawing_rect: Rect,
}

impl DeckSlide {
    /// Height in pixels of the smallest text on the slide.
    pub fn min_text_px(&self) -> f32 {
        let smallest = self
            .scene
            .items
            .iter()
            .filter_map(|item| match &item.shape {
                Shape::Text { size, text, .. } if !text.trim().is_empty() => Some(*size),
                _ => None,
            })
            .fold(f32::INFINITY, f32::min);
        smallest * self.frame.scale
    }

    /// The share of the slide the drawing covers.
    pub fn fill(&self) -> f32 {
        self.drawing_rect.width() * self.drawing_rect.height() / (self.frame.width as f32 * self.frame.height as f32)
    }
}

/// A planned deck.
#[derive(Clone, Debug)]
pub struct Deck {
    /// The overview first, then the content slides.
    pub slides: Vec<DeckSlide>,
    /// What could not be met (text smaller than asked, when a blueprint is too tall).
    pub warnings: Vec<String>,
}

/// The slide's body, where the drawing goes, in pixels.
#[derive(Clone, Copy)]
struct Body {
    /// Pixels per unit of a 1080-pixel-high slide.
    px: f32,
    width: f32,
    height: f32,
}

impl Body {
    fn of(options: &DeckOptions) -> Body {
        let (width, height) = options.aspect.size();
        let px = height as f32 / 1080.0;
        Body {
            px,
            width: width as f32 - 2.0 * SLIDE_PAD * px,
            height: height as f32 - 2.0 * SLIDE_PAD * px,
        }
    }

    /// Height left below a title of `lines` lines.
    fn below_title(&self, lines: usize) -> f32 {
        self.height - title_height(lines) * self.px
    }

    /// Pixels per unit at which a composed drawing fills the body.
    fn fit(&self, slide: &Composed) -> f32 {
        (self.width / slide.size.0).min(self.below_title(slide.title_lines) / slide.size.1)
    }
}

/// Plans the deck of `blueprint`.
pub fn plan(blueprint: &Blueprint, options: &DeckOptions) -> Deck {
    let (width, height) = options.aspect.size();
    let body = Body::of(options);
    let px = body.px;
    let lang = drawing_lang(blueprint);
    let lane_names: Vec<&str> = blueprint.lanes.iter().map(|l| l.name.as_str()).collect();
    let style = slide_style(options.min_text, lang, options.aspect, &lane_names);
    let mut warnings = Vec::new();

    let full_size = |c: &Content| c.full_size(px);
    let job = Job {
        options,
        lang,
        marks: Marks::of(blueprint, options.highlight),
    };
    let mut tried = spread_search(blueprint, &style, &job, &[style.lane_min_height]);
    // Lanes with no card on a slide may be lower than a card when that lets a dense deck keep
    // its text larger; each slide still takes the lane height that fills it most.
    if !tried.iter().any(full_size) {
        let lanes = [style.lane_min_height, style.lane_min_height * COMPACT_LANES];
        tried.extend(spread_search(blueprint, &style, &job, &lanes));
    }
    // The fewest slides among the plans whose text is full size or, when none is, the largest
    // text for the slides: each slide more must make the text a hundredth larger.
    let any_full_size = tried.iter().any(full_size);
    let plans = tried.into_iter();
    let best = if any_full_size {
        plans.filter(|c| full_size(c)).min_by_key(|c| c.slides.len())
    } else {
        let worth = |c: &Content| c.scale * 0.99f32.powi(c.slides.len() as i32);
        plans.max_by(|a, b| worth(a).total_cmp(&worth(b)))
    }
    .expect("one plan at least");
    let scale = best.scale;
    if !best.full_size(px) && !best.slides.is_empty() {
        warnings.push(format!(
            "the blueprint is too large for {} px text on a {}×{} slide; content slides use {:.1} px",
            options.min_text,
            width,
            height,
            options.min_text * scale / px
        ));
    }

    let overview = compose_overview(blueprint, &style, &job);
    let total = best.slides.len() + 1;
    let overview_scale = body.fit(&overview);
    let mut slides = vec![finish(overview, overview_scale, 1, total, (width, height))];
    for (i, mut composed) in best.slides.into_iter().enumerate() {
        composed.stages = composed.stages.map(|(from, to)| (best.origin[from], best.origin[to]));
        slides.push(finish(composed, scale, i + 2, total, (width, height)));
    }
    Deck { slides, warnings }
}

/// Every plan tried for the content slides: a stage too big for full-size text even on a slide
/// of its own is spread over two to four slides, each with a share of its steps, rather than
/// shrinking every slide. `lanes` are the heights a lane with no card may take.
fn spread_search(blueprint: &Blueprint, style: &Style, job: &Job<'_>, lanes: &[f32]) -> Vec<Content> {
    let px = Body::of(job.options).px;
    let full_size = |c: &Content| c.full_size(px);
    let spread_over = |parts: &[usize]| {
        let (spread, origin) = split_stages(blueprint, parts);
        content_slides(&spread, origin, style, job, lanes)
    };
    let first = content_slides(blueprint, (0..blueprint.stages.len()).collect(), style, job, lanes);
    let mut parts = vec![1; blueprint.stages.len()];
    let mut too_big: Vec<usize> = first.too_big.clone();
    let mut tried = vec![(first, parts.clone())];
    let largest = |tried: &[(Content, Vec<usize>)]| {
        (0..tried.len())
            .max_by(|&a, &b| tried[a].0.scale.total_cmp(&tried[b].0.scale))
            .unwrap_or(0)
    };
    for _ in 0..SPLIT_ATTEMPTS {
        let mut more = false;
        for &j in &too_big {
            if parts[j] < MAX_PARTS {
                parts[j] += 1;
                more = true;
            }
        }
        if full_size(&tried[largest(&tried)].0) || !more {
            break;
        }
        let plan = spread_over(&parts);
        too_big = plan.too_big.iter().map(|&j| plan.origin[j]).collect();
        tried.push((plan, parts.clone()));
    }
    // Spread together, the stages too big may lose more on one than they gain on another: from
    // the best spread, try each of them with one part more alone.
    let (top, top_parts) = &tried[largest(&tried)];
    if !full_size(top) {
        let limiting: Vec<usize> = top.too_big.iter().map(|&j| top.origin[j]).collect();
        let top_parts = top_parts.clone();
        for j in limiting {
            if top_parts[j] < MAX_PARTS {
                let mut more_parts = top_parts.clone();
                more_parts[j] += 1;
                tried.push((spread_over(&more_parts), more_parts));
            }
        }
    }
    tried.into_iter().map(|(plan, _)| plan).collect()
}

/// The content slides of a deck.
struct Content {
    slides: Vec<Composed>,
    /// Pixels per unit of them all.
    scale: f32,
    /// Stages too big for full size on a slide of their own.
    too_big: Vec<usize>,
    /// For each stage of the blueprint planned, the stage of the user's blueprint it shows.
    origin: Vec<usize>,
}

impl Content {
    /// Whether its text is as large as asked, at `px` pixels per unit of a 1080p slide.
    fn full_size(&self, px: f32) -> bool {
        self.scale >= px * 0.999
    }
}

/// As few content slides as keep the text at full size, each of consecutive stages, or, when a
/// stage is too big for that, the fewest at the largest size the biggest stage allows. `origin`
/// tells, for each stage, the stage of the user's blueprint it is (a part of).
fn content_slides(blueprint: &Blueprint, origin: Vec<usize>, style: &Style, job: &Job<'_>, lanes: &[f32]) -> Content {
    let body = Body::of(job.options);
    let px = body.px;
    let stage_count = blueprint.stages.len();
    let mut content = Content {
        slides: Vec::new(),
        scale: px,
        too_big: Vec::new(),
        origin,
    };
    if stage_count == 0 {
        return content;
    }
    // Pack tall cells until the drawing fits the slide's height at full size.
    let full_height = body.below_title(1) / px;
    let mut best: Option<(Vec<usize>, Layout)> = None;
    for pack in 1..=MAX_PACK {
        let (packed, owner) = pack_cells(blueprint, pack);
        let layout = layout_with(&packed, style, LAYOUT, &Highlights::default());
        let fits = layout.bounds.height() <= full_height;
        let better = best
            .as_ref()
            .is_none_or(|(_, b)| layout.bounds.height() < b.bounds.height());
        if better {
            best = Some((owner, layout));
        }
        if fits {
            break;
        }
    }
    let Some((owner, whole)) = best else {
        return content;
    };
    let mut stage_widths = vec![0.0f32; stage_count];
    for (column, stage) in whole.stages.iter().zip(&owner) {
        stage_widths[*stage] += column.column.width();
    }
    let fixed = whole.columns_x + style.margin + 2.0 * (stub_width(style) + 2.0 * style.cell_pad_x);
    // Every way of drawing each range of stages tried so far.
    let mut variants: HashMap<(usize, usize), Vec<Composed>> = HashMap::new();
    let mut best_fit = |range: (usize, usize)| {
        variants
            .entry(range)
            .or_insert_with(|| compose_content(blueprint, range, &content.origin, style, job, lanes))
            .iter()
            .map(|c| body.fit(c))
            .fold(0.0, f32::max)
    };
    // As few slides as keep the text at full size: more slides hold fewer stages each, and
    // their cards widen into the width that frees, which makes them shorter.
    let mut chosen: Option<(f32, Vec<(usize, usize)>)> = None;
    let mut too_big = Vec::new();
    for count in slides_needed(&stage_widths, body.width / px - fixed)..=stage_count {
        let ranges = partition(&stage_widths, count);
        let fits: Vec<f32> = ranges.iter().map(|&r| best_fit(r)).collect();
        let worst = fits.iter().copied().fold(f32::INFINITY, f32::min);
        if chosen.as_ref().is_none_or(|(f, _)| worst > f * 1.02) {
            chosen = Some((worst, ranges.clone()));
        }
        // A single stage too big for full size bounds every finer split.
        too_big = ranges
            .iter()
            .zip(&fits)
            .filter(|(r, f)| r.0 == r.1 && **f < px * 0.999)
            .map(|(r, _)| r.0)
            .collect();
        if worst >= px * 0.999 || !too_big.is_empty() {
            break;
        }
    }
    let (worst, mut ranges) = chosen.unwrap_or_default();
    let scale = worst.min(px);
    // When the scale had to drop for one slide, its neighbours may now hold more stages:
    // join neighbours that still fit at that scale, so no slide is left mostly empty.
    let mut i = 0;
    while i + 1 < ranges.len() {
        let joined = (ranges[i].0, ranges[i + 1].1);
        if best_fit(joined) >= scale {
            ranges[i] = joined;
            ranges.remove(i + 1);
        } else {
            i += 1;
        }
    }
    let slide_area = {
        let (width, height) = job.options.aspect.size();
        width as f32 * height as f32
    };
    // Each slide drawn the way that fills most of it at that scale: columns widen into the
    // width a slide of few stages leaves.
    for range in ranges {
        let mut drawn = variants.remove(&range).unwrap_or_default();
        let fill = |c: &Composed| {
            let (w, h) = (c.size.0 * scale, c.size.1 * scale);
            if w <= body.width + 0.5 && h <= body.below_title(c.title_lines) + 0.5 {
                w * h
            } else {
                -1.0 / body.fit(c)
            }
        };
        let best_fill = |drawn: &[Composed]| drawn.iter().map(&fill).fold(f32::NEG_INFINITY, f32::max);
        // A sparse slide's lanes grow into the height it leaves, as its columns widen into the
        // width, as little as takes its grid to the share of the slide it should cover.
        for k in TALLER_LANES {
            if best_fill(&drawn) >= MIN_FILL * slide_area {
                break;
            }
            let lane = [style.lane_min_height * k];
            drawn.extend(compose_content(blueprint, range, &content.origin, style, job, &lane));
        }
        let pick = (0..drawn.len()).max_by(|&x, &y| fill(&drawn[x]).total_cmp(&fill(&drawn[y])));
        if let Some(k) = pick {
            content.slides.push(drawn.swap_remove(k));
        }
    }
    content.scale = scale;
    content.too_big = too_big;
    content
}

/// The layout options of every slide: the slide draws its own title.
const LAYOUT: LayoutOptions = LayoutOptions {
    title: false,
    legend: true,
};

/// The drawing style of slides, in pixels of a 1080-pixel-high slide: the default proportions
/// with every text at least `min_text`, cards wider so titles wrap less, and tighter padding,
/// since a slide has more width than height to spare.
fn slide_style(min_text: f32, lang: Lang, aspect: Slide, lane_names: &[&str]) -> Style {
    let d = Style::default();
    // The smallest text the default style draws is 0.95 of the meta font (badge tags).
    let k = min_text / (d.meta_font * 0.95);
    // Card titles and headers only a little larger than the smallest text: every extra pixel
    // of them costs a line somewhere, and the slide has no height to spare.
    let title = min_text * 1.2;
    // Lane names wrap onto two lines in a narrow header column; the names of the three lines
    // sit in pills there, so the column is as wide as the widest of them needs. At 4:3 they take
    // two lines: the width that frees is what such a slide lacks most, while at 16:9 the height
    // their taller pills would take from the lanes is.
    let small_font = min_text / 0.95;
    // At 4:3 the header column also gives up what lane names can spare: they wrap onto more
    // lines, never inside a word.
    let (line_label_lines, header_share) = match aspect {
        Slide::Standard => (2, 0.45),
        _ => (1, 0.6),
    };
    let widest_lane_word = lane_names
        .iter()
        .map(|name| min_content_width(name, Weight::Bold, title))
        .fold(0.0, f32::max);
    let lines = DrawingTexts::new(lang);
    let widest_line = [Line::Interaction, Line::Visibility, Line::Internal]
        .into_iter()
        .map(|line| narrowest(lines.line(line), small_font, line_label_lines))
        .fold(0.0, f32::max);
    Style {
        card_font: title,
        meta_font: d.meta_font * k,
        header_font: title,
        title_font: d.title_font * k,
        small_font,
        badge_size: d.badge_size * k,
        card_width: d.card_width * k * 1.1,
        card_min_height: d.card_min_height * k * 0.8,
        card_pad: d.card_pad * k * 0.8,
        lane_header_width: (d.lane_header_width * k * header_share)
            .max(widest_line + 28.0)
            .max(widest_lane_word + 24.0),
        // A slide shows every word of a title: a narrow card grows instead.
        card_max_lines: 8,
        line_label_lines,
        lane_min_height: d.lane_min_height * k * 0.6,
        cell_pad_x: d.cell_pad_x * 0.7,
        cell_pad_y: d.cell_pad_y * 0.6,
        card_gap: d.card_gap * 0.6,
        margin: d.margin * 0.6,
        ..d
    }
}

/// The least width at which `text`, in bold at `size`, wraps into `lines` lines with every word
/// whole.
fn narrowest(text: &str, size: f32, lines: usize) -> f32 {
    let face = fonts().face(Weight::Bold);
    let longest_word = text.split_whitespace().map(|w| face.width(w, size)).fold(0.0, f32::max);
    let mut width = face.width(text, size);
    while width - 4.0 >= longest_word {
        let wrapped = crate::text::wrap_once(text, Weight::Bold, size, width - 4.0, lines);
        if crate::text::cut_short(&wrapped) {
            break;
        }
        width -= 4.0;
    }
    width
}

/// Height of a slide title of `lines` lines, padding below included, in pixels at 1080p.
fn title_height(lines: usize) -> f32 {
    lines as f32 * TITLE_PX * crate::text::LINE_HEIGHT + 12.0
}

/// How many slides the stages need at least, filled one after another up to `room` each.
fn slides_needed(widths: &[f32], room: f32) -> usize {
    let mut count = 0;
    let mut used = f32::INFINITY;
    for &w in widths {
        if used + w > room {
            count += 1;
            used = 0.0;
        }
        used += w;
    }
    count.clamp(1, widths.len().max(1))
}

/// Splits stages into `count` consecutive groups, as even as can be: the least maximum width,
/// by dynamic programming, so no slide is much emptier than the others.
fn partition(widths: &[f32], count: usize) -> Vec<(usize, usize)> {
    let n = widths.len();
    let count = count.clamp(1, n.max(1));
    let prefix: Vec<f32> = std::iter::once(0.0)
        .chain(widths.iter().scan(0.0, |sum, w| {
            *sum += w;
            Some(*sum)
        }))
        .collect();
    // best[k][i]: the least maximum width splitting the first i stages into k groups.
    let mut best = vec![vec![f32::INFINITY; n + 1]; count + 1];
    let mut cut = vec![vec![0usize; n + 1]; count + 1];
    best[0][0] = 0.0;
    for k in 1..=count {
        for i in k..=n {
            for j in (k - 1)..i {
                let cost = best[k - 1][j].max(prefix[i] - prefix[j]);
                if cost < best[k][i] {
                    best[k][i] = cost;
                    cut[k][i] = j;
                }
            }
        }
    }
    let mut ranges = Vec::with_capacity(count);
    let mut end = n;
    for k in (1..=count).rev() {
        let start = cut[k][end];
        ranges.push((start, end - 1));
        end = start;
    }
    ranges.reverse();
    ranges
}

/// A slide's drawing before it is scaled onto the slide.
/// What a deck is asked for, and what is known of the whole blueprint while its slides are
/// planned.
struct Job<'a> {
    options: &'a DeckOptions,
    /// The drawing's language.
    lang: Lang,
    /// The whole blueprint's analysis highlights, which every slide shows its part of.
    marks: Marks,
}

struct Composed {
    /// The legend, when it goes in the title row.
    legend: Option<LegendPart>,
    title: String,
    stages: Option<(usize, usize)>,
    scene: Scene,
    /// The drawing's size in style units.
    size: (f32, f32),
    title_lines: usize,
    steps: Vec<StepId>,
    stubs: Vec<FlowId>,
    notes: Vec<String>,
}

/// Spreads the cards of each cell over up to `pack` side-by-side columns of their stage (extra
/// stages that share the header of the first), so a stack of cards becomes a row. Returns the
/// packed blueprint and, for each of its stages, the original stage it belongs to.
fn pack_cells(blueprint: &Blueprint, pack: usize) -> (Blueprint, Vec<usize>) {
    let mut packed = blueprint.clone();
    let mut cells: HashMap<(&StageId, &LaneId), Vec<usize>> = HashMap::new();
    for (i, step) in blueprint.steps.iter().enumerate() {
        cells.entry((&step.stage, &step.lane)).or_default().push(i);
    }
    let mut columns = vec![1usize; blueprint.stages.len()];
    let index = blueprint.index();
    for ((stage, _), steps) in cells.iter_mut() {
        steps.sort_by_key(|&i| blueprint.steps[i].order);
        // Stub columns stay stacks: they are narrow, and a row of them says nothing more.
        if let Some(j) = index.stage(stage)
            && stage.as_str() != BEFORE
            && stage.as_str() != AFTER
        {
            columns[j] = columns[j].max(steps.len().min(pack));
        }
    }
    let mut stages = Vec::new();
    let mut owner = Vec::new();
    for (j, stage) in blueprint.stages.iter().enumerate() {
        for k in 0..columns[j] {
            stages.push(Stage {
                id: sub_stage(&stage.id, k),
                name: if k == 0 { stage.name.clone() } else { String::new() },
            });
            owner.push(j);
        }
    }
    for ((stage, _), steps) in &cells {
        let Some(j) = index.stage(stage) else {
            continue;
        };
        for (n, &i) in steps.iter().enumerate() {
            let k = n % columns[j];
            packed.steps[i].stage = sub_stage(&blueprint.stages[j].id, k);
            packed.steps[i].order = (n / columns[j]) as u32;
        }
    }
    packed.stages = stages;
    (packed, owner)
}

/// The id of the `k`-th side-by-side column of a stage: the stage's own for the first, so
/// stage markers and the SVG's ids stay with it.
fn sub_stage(id: &StageId, k: usize) -> StageId {
    if k == 0 {
        id.clone()
    } else {
        StageId::from(format!("{}~{}", id.as_str(), k + 1).as_str())
    }
}

/// Width of a stub card: about two thirds of a step card.
fn stub_width(style: &Style) -> f32 {
    style.card_width * 0.65
}

/// Words of the stubs, in the drawing's language.
fn stub_words(lang: Lang) -> (&'static str, &'static str) {
    match lang {
        Lang::En => ("Before", "After"),
        Lang::Zh => ("此前", "此后"),
    }
}

/// How the stub columns of a slide are named: in the drawing's language, and after a stage only
/// where its name fits on one line of `room` at `size` (bold).
struct StubNames {
    lang: Lang,
    size: f32,
    room: f32,
}

/// Adds to `part`, stages `from..=to` of `blueprint`, a stub card for each step on another
/// slide that a flow joins to them: in that step's lane, in a column before or after the
/// stages. A column whose stubs all point to one stage is named after it ("← Apply (1/2)")
/// where the name fits, and its stubs then give their steps all their room; otherwise each
/// stub names its stage on a line of its own. Returns the stubs' step ids and the flows that
/// lead to them.
fn add_stubs(
    part: &mut Blueprint,
    blueprint: &Blueprint,
    (from, to): (usize, usize),
    origin: &[usize],
    names: &StubNames,
) -> (HashSet<StepId>, Vec<FlowId>) {
    let lang = names.lang;
    let on_slide: HashSet<&str> = blueprint.stages[from..=to].iter().map(|s| s.id.as_str()).collect();
    let index = blueprint.index();
    let step_at = |id: &StepId| index.step(id).map(|i| &blueprint.steps[i]);
    // The steps stubs stand for, in the order their flows come, with where they point.
    let mut pointed: Vec<(&Step, bool, String, String)> = Vec::new();
    let mut seen: HashSet<&StepId> = HashSet::new();
    let mut stubs = Vec::new();
    let mut stub_flows = Vec::new();
    for flow in &blueprint.flows {
        let (Some(a), Some(b)) = (step_at(&flow.from), step_at(&flow.to)) else {
            continue;
        };
        let (a_in, b_in) = (on_slide.contains(a.stage.as_str()), on_slide.contains(b.stage.as_str()));
        if a_in == b_in {
            continue;
        }
        let other = if a_in { b } else { a };
        let Some(other_stage) = index.stage(&other.stage) else {
            continue;
        };
        if seen.insert(&other.id) {
            // Another part of a stage on this slide goes by its number alone.
            let stage_name = match part_number(origin, other_stage) {
                Some(number) if (from..=to).any(|j| origin.get(j) == origin.get(other_stage)) => number,
                _ => stage_label(blueprint, origin, other_stage, lang),
            };
            let label = stage_label(blueprint, origin, other_stage, lang);
            pointed.push((other, other_stage > to, stage_name, label));
        }
        let mut stub_flow: Flow = flow.clone();
        let stub_id = stub_id(&other.id);
        if a_in {
            stub_flow.to = stub_id;
        } else {
            stub_flow.from = stub_id;
        }
        stub_flows.push(stub_flow);
        stubs.push(flow.id.clone());
    }
    let (before_word, after_word) = stub_words(lang);
    for (after, id, word) in [(false, BEFORE, before_word), (true, AFTER, after_word)] {
        let side: Vec<_> = pointed.iter().filter(|p| p.1 == after).collect();
        let Some((_, _, _, first_stage)) = side.first() else {
            continue;
        };
        let arrow = if after { "→" } else { "←" };
        let column_name = if after {
            format!("{first_stage} {arrow}")
        } else {
            format!("{arrow} {first_stage}")
        };
        let fits = || {
            crate::text::wrap_once(&column_name, Weight::Bold, names.size, f32::INFINITY, 1)
                .first()
                .is_some_and(|line| line.width <= names.room)
        };
        let one_stage = side.iter().all(|p| p.3 == *first_stage) && fits();
        for (other, _, stage_name, _) in &side {
            let title = if one_stage {
                format!("{arrow} {}", other.title)
            } else {
                // Where it points on a line of its own, then the step.
                format!("{arrow} {stage_name}\n{}", other.title)
            };
            let mut step = Step::new(stub_id(&other.id), other.lane.clone(), StageId::from(id), title);
            step.order = other.order;
            part.steps.push(step);
        }
        let stage = Stage {
            id: StageId::from(id),
            name: match (one_stage, after) {
                (true, _) => column_name,
                (false, true) => format!("{word} {arrow}"),
                (false, false) => format!("{arrow} {word}"),
            },
        };
        if after {
            part.stages.push(stage);
        } else {
            part.stages.insert(0, stage);
        }
    }
    part.flows.extend(stub_flows);
    (pointed.iter().map(|p| stub_id(&p.0.id)).collect(), stubs)
}

/// The id of the stub card standing for step `id`.
fn stub_id(id: &StepId) -> StepId {
    StepId::from(format!("~stub~{}", id.as_str()).as_str())
}

/// The content slide of stages `from..=to`: those stages packed by `pack`, with a stub column on
/// each side holding the other ends of flows that leave the slide.
fn compose_content(
    blueprint: &Blueprint,
    (from, to): (usize, usize),
    origin: &[usize],
    style: &Style,
    job: &Job<'_>,
    lanes: &[f32],
) -> Vec<Composed> {
    let mut part = super::crop_stages(blueprint, from, to).unwrap_or_else(|_| blueprint.clone());
    for (j, stage) in (from..=to).zip(part.stages.iter_mut()) {
        stage.name = stage_label(blueprint, origin, j, job.lang);
    }
    // Stubs as narrow as can be read, or as wide as a card where their text would otherwise
    // make a lane taller.
    let narrowest_stub = match job.options.aspect {
        Slide::Standard => 0.4,
        _ => 0.5,
    };
    let stub_widths = [style.card_width * narrowest_stub, stub_width(style), style.card_width];
    // A stub column named after its stage keeps the header row one line high, however narrow.
    let names = StubNames {
        lang: job.lang,
        size: style.header_font,
        room: crate::layout::header_name_width(style, stub_widths[0]),
    };
    let (stub_ids, stubs) = add_stubs(&mut part, blueprint, (from, to), origin, &names);
    let steps: Vec<StepId> = part
        .steps
        .iter()
        .filter(|s| !stub_ids.contains(&s.id))
        .map(|s| s.id.clone())
        .collect();
    let range = match (part_of(origin, from), part_of(origin, to)) {
        _ if from == to => stage_label(blueprint, origin, from, job.lang),
        // Parts of one stage: "Review (2–3/3)".
        (Some((first, count)), Some((last, _))) if origin.get(from) == origin.get(to) => part_name(
            &blueprint.stages[from].name,
            &format!("{first}–{last}/{count}"),
            job.lang,
        ),
        _ => format!(
            "{} → {}",
            stage_label(blueprint, origin, from, job.lang),
            stage_label(blueprint, origin, to, job.lang)
        ),
    };
    let title = format!("{} · {range}", blueprint.title);
    let title_lines = title_lines(&title, job.options);
    let room = title_room(&title, job.options);
    let notes = talking_points(blueprint, &part, &steps, (from, to), job.lang);
    // Every width of card and packing of cells: which one suits the slide depends on the
    // scale the whole deck can have, decided from all of them.
    let mut variants = Vec::new();
    // Never so narrow that the first word of a stub's step is cut ("Compar…").
    let first_words = part
        .steps
        .iter()
        .filter(|s| stub_ids.contains(&s.id))
        .filter_map(|s| s.title.split_once('\n')?.1.split_whitespace().next())
        .map(|word| min_content_width(word, Weight::Regular, style.card_font) + 2.0 * style.card_pad + 1.0)
        .fold(0.0, f32::max);
    let shapes = WIDEN
        .into_iter()
        .flat_map(|w| stub_widths.map(|s| (w, s)))
        .flat_map(|(w, s)| lanes.iter().map(move |&lane| (w, s, lane)));
    for (widen, stub, lane_min_height) in shapes {
        let style = widened(style, widen);
        let style = Style {
            lane_min_height,
            narrow_stages: NarrowStages {
                stages: vec![StageId::from(BEFORE), StageId::from(AFTER)],
                width: (stub * widen).max(first_words),
                // A stub only points to its step, which the other slide shows in full.
                max_lines: STUB_LINES,
            },
            ..style
        };
        let mut tallest = f32::INFINITY;
        for pack in 1..=MAX_PACK {
            let (scene, size, legend) = draw(&pack_cells(&part, pack), &style, job, &stub_ids, room);
            // Packing further only helps while it makes the drawing shorter.
            if size.1 >= tallest - 0.5 {
                break;
            }
            tallest = size.1;
            variants.push(Composed {
                legend,
                title: title.clone(),
                stages: Some((from, to)),
                scene,
                size,
                title_lines,
                steps: steps.clone(),
                stubs: stubs.clone(),
                notes: notes.clone(),
            });
        }
    }
    variants
}

/// `style` with cards `widen` times as wide.
fn widened(style: &Style, widen: f32) -> Style {
    Style {
        card_width: style.card_width * widen,
        ..style.clone()
    }
}

/// The overview slide: the whole blueprint, its cells packed and its cards widened so its
/// shape comes closest to the slide's.
fn compose_overview(blueprint: &Blueprint, style: &Style, job: &Job<'_>) -> Composed {
    let (width, height) = job.options.aspect.size();
    let aspect = width as f32 / height as f32;
    let mut best: Option<(f32, f32, usize)> = None;
    for widen in WIDEN {
        let style = widened(style, widen);
        for pack in 1..=MAX_PACK {
            let (packed, _) = pack_cells(blueprint, pack);
            let layout = layout_with(&packed, &style, LAYOUT, &Highlights::default());
            let (w, h) = (layout.bounds.width(), layout.bounds.height());
            // The scale at which it fills the slide: higher is easier to read.
            let fit = (aspect / w).min(1.0 / h);
            if best.is_none_or(|(f, _, _)| fit > f) {
                best = Some((fit, widen, pack));
            }
        }
    }
    let (_, widen, pack) = best.unwrap_or((0.0, 1.0, 1));
    let title = blueprint.title.clone();
    let (scene, size, legend) = draw(
        &pack_cells(blueprint, pack),
        &widened(style, widen),
        job,
        &HashSet::new(),
        title_room(&title, job.options),
    );
    Composed {
        legend,
        title_lines: title_lines(&title, job.options),
        title,
        stages: None,
        scene,
        size,
        steps: blueprint.steps.iter().map(|s| s.id.clone()).collect(),
        stubs: Vec::new(),
        notes: overview_points(blueprint, job.lang),
    }
}

/// What a trainer says over the overview: the scenario and persona, the stages in order, and
/// the figures the course comes back to (lead time and waiting, handoffs across the line of
/// visibility, pain points).
fn overview_points(blueprint: &Blueprint, lang: Lang) -> Vec<String> {
    let texts = DrawingTexts::new(lang);
    let report = crate::analysis::analyse(blueprint);
    let zh = lang == Lang::Zh;
    let mut points = Vec::new();
    for text in [&blueprint.scenario, &blueprint.persona] {
        if !text.trim().is_empty() {
            points.push(text.trim().to_owned());
        }
    }
    let stages: Vec<&str> = blueprint.stages.iter().map(|s| s.name.as_str()).collect();
    points.push(format!(
        "{}{}",
        if zh { "阶段：" } else { "Stages: " },
        stages.join(" → ")
    ));
    if let Some(lead) = report.lead_time_minutes {
        let waiting = report.wait_share.unwrap_or(0.0) * 100.0;
        points.push(match lang {
            Lang::En => format!("Lead time {}, {waiting:.0} % of it waiting", texts.minutes(lead)),
            Lang::Zh => format!("总用时 {}，其中等待占 {waiting:.0} %", texts.minutes(lead)),
        });
    }
    let handoffs = report.handoffs.across(Line::Visibility).len();
    let pains = report
        .markers_by_kind
        .get(MarkerKind::PainPoint.key())
        .copied()
        .unwrap_or(0);
    points.push(match lang {
        Lang::En => format!("Handoffs across the line of visibility: {handoffs} · pain points: {pains}"),
        Lang::Zh => format!("穿越可见线的交接：{handoffs} · 痛点：{pains}"),
    });
    points
}

/// Lays out and draws a slide's blueprint: the whole blueprint's highlights on what is drawn, stage
/// columns of one stage drawn as one, stub cards dashed and muted, and the legend naming only
/// the markers in use.
fn draw(
    (blueprint, owner): &(Blueprint, Vec<usize>),
    style: &Style,
    job: &Job<'_>,
    stub_ids: &HashSet<StepId>,
    title_room: Option<f32>,
) -> (Scene, (f32, f32), Option<LegendPart>) {
    let highlights = job.marks.on(blueprint);
    let mut layout = layout_with(blueprint, style, LAYOUT, &highlights);
    let joins = join_sub_stages(owner, &mut layout);
    keep_used_legend_items(blueprint, &mut layout);
    let mut scene = build(blueprint, &layout, style, &highlights);
    for item in &mut scene.items {
        let hidden = match (&item.role, &item.shape) {
            // The separators between columns of one stage.
            (Role::Background, Shape::Path { points, .. }) => {
                points.len() == 2 && points[0].x == points[1].x && joins.contains(&points[0].x)
            }
            // The emptied headers of those columns.
            (Role::StageHeader, Shape::Rect { rect, .. }) => rect.width() <= 0.0,
            _ => false,
        };
        if hidden {
            hide(&mut item.shape);
        }
    }
    let stub_cards: HashSet<usize> = layout
        .cards
        .iter()
        .enumerate()
        .filter(|(_, card)| stub_ids.contains(&blueprint.steps[card.step].id))
        .map(|(c, _)| c)
        .collect();
    restyle_stubs(&mut scene, &stub_cards, style);
    let mut size = (layout.bounds.width(), layout.bounds.height());
    // The legend moves up into the title row where it fits beside the title: the drawing is
    // then shorter by the legend's row, and the slide's height is what it lacks most.
    let mut legend = None;
    if let (Some(room), Some(placed)) = (title_room, &layout.legend)
        && let Some(group) = scene.groups.iter().find(|g| g.id == "legend")
    {
        let items = group.start..group.end;
        let rect = scene.items[items.clone()]
            .iter()
            .map(|item| item.bbox)
            .fold(Rect::NOTHING, |a, b| a.union(&b));
        let row = TITLE_PX * crate::text::LINE_HEIGHT;
        if !items.is_empty() && rect.width() <= room && rect.height() <= row {
            size.1 -= placed.rect.max.y - layout.grid.max.y;
            legend = Some(LegendPart { items, rect });
        } else if let Some(corner) = corner(&layout, style)
            && rect.width() <= corner.width()
            && rect.height() <= corner.height()
        {
            // Otherwise into the empty cell above the lane names, where a table keeps its key.
            size.1 -= placed.rect.max.y - layout.grid.max.y;
            let target = pt(corner.min.x, corner.center().y - rect.height() / 2.0);
            let delta = pt(target.x - rect.min.x, target.y - rect.min.y);
            shift(&mut scene.items[items], delta);
        }
    }
    (scene, size, legend)
}

/// The empty cell left of the stage headers and above the lane names, a gap short of the headers.
fn corner(layout: &Layout, style: &Style) -> Option<Rect> {
    let header = layout.stages.first()?.header;
    let left = layout.lanes.first()?.header.min.x;
    let rect = Rect::from_xywh(
        left,
        header.min.y,
        layout.columns_x - style.card_gap - left,
        header.height(),
    );
    (rect.width() > 0.0).then_some(rect)
}

/// A legend drawn in the title row instead of below the drawing.
struct LegendPart {
    /// Its scene items.
    items: std::ops::Range<usize>,
    /// Where they are before the move, in scene units.
    rect: Rect,
}

/// Room for the legend in the title row beside `title`, in pixels at 1080p; none when the
/// title takes two lines.
fn title_room(title: &str, options: &DeckOptions) -> Option<f32> {
    let (width, height) = options.aspect.size();
    let px = height as f32 / 1080.0;
    let room = (width as f32 / px) - 2.0 * SLIDE_PAD - page_number_room();
    let lines = wrap(title, Weight::Bold, TITLE_PX, room, 2);
    match lines.as_slice() {
        [line] => Some(room - line.width - 32.0),
        _ => None,
    }
}

/// Moves scene items (the legend's) by `delta`, their bounding boxes with them.
fn shift(items: &mut [crate::scene::Item], delta: crate::geom::Point) {
    let by = |p: &mut crate::geom::Point| {
        p.x += delta.x;
        p.y += delta.y;
    };
    for item in items {
        match &mut item.shape {
            Shape::Rect { rect, .. } => {
                by(&mut rect.min);
                by(&mut rect.max);
            }
            Shape::Circle { center, .. } => by(center),
            Shape::Path { points, .. } => points.iter_mut().for_each(by),
            Shape::Text { origin, .. } => by(origin),
        }
        item.bbox = item.shape.bbox();
    }
}

/// Draws the side-by-side columns of one stage under one header; returns where the separators
/// between them were, to leave them out.
fn join_sub_stages(owner: &[usize], layout: &mut Layout) -> Vec<f32> {
    let mut joins = Vec::new();
    let mut j = 0;
    while j < layout.stages.len() {
        let mut last = j;
        while last + 1 < layout.stages.len() && owner.get(last + 1) == owner.get(j) {
            last += 1;
        }
        if last > j {
            let right = layout.stages[last].header.max.x;
            let column_right = layout.stages[last].column.max.x;
            let old_center = layout.stages[j].header.center().x;
            let first = &mut layout.stages[j];
            first.header.max.x = right;
            first.column.max.x = column_right;
            if let Some(heat) = &mut first.heat {
                heat.max.x = right;
            }
            let dx = first.header.center().x - old_center;
            for line in &mut first.name.lines {
                line.origin.x += dx;
            }
            for k in j + 1..=last {
                let stage = &mut layout.stages[k];
                joins.push(stage.column.min.x);
                stage.header = Rect {
                    min: stage.header.min,
                    max: stage.header.min,
                };
                stage.heat = None;
            }
        }
        j = last + 1;
    }
    joins
}

/// Leaves in the legend only the marker kinds the slide shows, closing the gaps.
fn keep_used_legend_items(blueprint: &Blueprint, layout: &mut Layout) {
    let used: HashSet<MarkerKind> = blueprint.markers.iter().map(|m| m.kind).collect();
    let Some(legend) = &mut layout.legend else {
        return;
    };
    let row_of = |y: f32| (y * 10.0).round() as i64;
    let mut shift = 0.0;
    let mut row = None;
    let mut kept = Vec::new();
    for (mut badge, mut label) in std::mem::take(&mut legend.items) {
        let this_row = row_of(badge.rect.min.y);
        if row != Some(this_row) {
            row = Some(this_row);
            shift = 0.0;
        }
        let right = label
            .lines
            .iter()
            .map(|l| l.origin.x + l.width)
            .fold(badge.rect.max.x, f32::max);
        if !used.contains(&badge.kind) {
            shift += right - badge.rect.min.x + 14.0;
            continue;
        }
        badge.rect.min.x -= shift;
        badge.rect.max.x -= shift;
        badge.center.x -= shift;
        for line in &mut label.lines {
            line.origin.x -= shift;
        }
        kept.push((badge, label));
    }
    // The highlights come after the markers, on their row.
    for entry in &mut legend.highlights {
        if row == Some(row_of(entry.swatch.min.y)) {
            entry.swatch.min.x -= shift;
            entry.swatch.max.x -= shift;
            for line in &mut entry.label.lines {
                line.origin.x -= shift;
            }
        }
    }
    legend.items = kept;
}

/// Stub cards: dashed outline on the page colour, muted text, no accent bar or badges. Items
/// are changed in place, not removed, since the SVG's groups point at them by position.
fn restyle_stubs(scene: &mut Scene, stub_cards: &HashSet<usize>, style: &Style) {
    for item in &mut scene.items {
        match (&item.role, &mut item.shape) {
            (Role::Card(c), Shape::Rect { fill, stroke, .. }) if stub_cards.contains(c) => {
                *fill = style.background;
                *stroke = Some(Stroke {
                    width: 1.5,
                    color: style.muted_text,
                    dash: Some((6.0, 4.0)),
                });
            }
            (Role::CardText(c), Shape::Text { color, .. }) if stub_cards.contains(c) => *color = style.muted_text,
            (Role::CardDetail(c), shape) if stub_cards.contains(c) => hide(shape),
            _ => {}
        }
    }
}

/// Makes a shape draw nothing.
fn hide(shape: &mut Shape) {
    match shape {
        Shape::Rect { fill, stroke, .. } => {
            *fill = Color::TRANSPARENT;
            *stroke = None;
        }
        Shape::Circle { fill, .. } => *fill = Color::TRANSPARENT,
        Shape::Path { fill, stroke, .. } => {
            *fill = None;
            *stroke = None;
        }
        Shape::Text { text, .. } => text.clear(),
    }
}

/// Lines the title takes at its size within the slide's width.
fn title_lines(title: &str, options: &DeckOptions) -> usize {
    let (width, height) = options.aspect.size();
    let px = height as f32 / 1080.0;
    let room = (width as f32 / px) - 2.0 * SLIDE_PAD - page_number_room();
    wrap(title, Weight::Bold, TITLE_PX, room, 2).len().max(1)
}

/// Room kept at the right of the title for "12 / 12".
fn page_number_room() -> f32 {
    fonts().face(Weight::Regular).width("00 / 00", TITLE_PX * 0.7) + 24.0
}

/// Places a composed drawing on its slide at `scale` pixels per unit, with its title and page
/// number.
fn finish(composed: Composed, scale: f32, page: usize, total: usize, (width, height): (u32, u32)) -> DeckSlide {
    let px = height as f32 / 1080.0;
    let Composed {
        legend,
        title,
        stages,
        mut scene,
        size,
        title_lines,
        steps,
        stubs,
        notes,
    } = composed;
    let top = (SLIDE_PAD + title_height(title_lines)) * px;
    let room_height = height as f32 - top - SLIDE_PAD * px;
    let drawn = (size.0 * scale, size.1 * scale);
    let dx = (width as f32 - drawn.0) / 2.0;
    let dy = top + (room_height - drawn.1).max(0.0) / 2.0;
    let frame = Frame {
        width,
        height,
        scale,
        dx,
        dy,
    };
    // Title and page number, in scene units so every painter draws them with the rest.
    let unit = |pixels: f32| pixels / scale;
    let to_scene = |x: f32, y: f32| pt((x - dx) / scale, (y - dy) / scale);
    let text_color = Style::default().text;
    let title_size = unit(TITLE_PX * px);
    let room = (width as f32 / px) - 2.0 * SLIDE_PAD - page_number_room();
    let lines = wrap(&title, Weight::Bold, TITLE_PX, room, 2);
    let face = fonts().face(Weight::Bold);
    let line_px = TITLE_PX * px * crate::text::LINE_HEIGHT;
    let first = scene.items.len();
    for (i, line) in lines.iter().enumerate() {
        let baseline = SLIDE_PAD * px + i as f32 * line_px + face.ascent * TITLE_PX * px;
        scene.push(
            Role::Chrome,
            Shape::Text {
                origin: to_scene(SLIDE_PAD * px, baseline),
                text: line.text.clone(),
                size: title_size,
                weight: Weight::Bold,
                color: text_color,
                width: line.width * px / scale,
            },
        );
    }
    let title_items = first..scene.items.len();
    let mut title_right = width as f32 - SLIDE_PAD * px - page_number_room() * px;
    if let Some(LegendPart { items, rect }) = legend {
        // Right-aligned before the page number, centred on the title's line.
        let right = title_right - 8.0 * px;
        let centre = SLIDE_PAD * px + line_px / 2.0;
        let left = right - rect.width() * scale;
        let target = to_scene(left, centre - rect.height() * scale / 2.0);
        let delta = pt(target.x - rect.min.x, target.y - rect.min.y);
        shift(&mut scene.items[items], delta);
        title_right = left - 16.0 * px;
    }
    let title_rect = Rect::from_xywh(
        SLIDE_PAD * px,
        SLIDE_PAD * px,
        title_right - SLIDE_PAD * px,
        lines.len().max(1) as f32 * line_px,
    );
    let page_text = format!("{page} / {total}");
    let page_size = TITLE_PX * 0.7 * px;
    let regular = fonts().face(Weight::Regular);
    let page_width = regular.width(&page_text, page_size);
    scene.push(
        Role::Chrome,
        Shape::Text {
            origin: to_scene(
                width as f32 - SLIDE_PAD * px - page_width,
                SLIDE_PAD * px + regular.ascent * page_size,
            ),
            text: page_text,
            size: unit(page_size),
            weight: Weight::Regular,
            color: Style::default().muted_text,
            width: page_width / scale,
        },
    );
    scene.bounds = Rect {
        min: to_scene(0.0, 0.0),
        max: to_scene(width as f32, height as f32),
    };
    DeckSlide {
        title,
        scene,
        frame,
        stages,
        steps,
        stubs,
        notes,
        title_rect,
        title_items,
        drawing_rect: Rect::from_xywh(dx, dy, drawn.0, drawn.1),
    }
}

/// What a trainer says over a content slide: each step (title, owner, time, wait) in stage and
/// lane order, then the notes of the markers on those steps and stages.
fn talking_points(
    blueprint: &Blueprint,
    part: &Blueprint,
    steps: &[StepId],
    (from, to): (usize, usize),
    lang: Lang,
) -> Vec<String> {
    let texts = DrawingTexts::new(lang);
    let index = blueprint.index();
    let on: HashSet<&StepId> = steps.iter().collect();
    let mut ordered: Vec<&Step> = part.steps.iter().filter(|s| on.contains(&s.id)).collect();
    ordered.sort_by_key(|s| {
        (
            index.stage(&s.stage).unwrap_or(usize::MAX),
            index.lane(&s.lane).unwrap_or(usize::MAX),
            s.order,
        )
    });
    let mut points = Vec::new();
    for step in ordered {
        let mut parts = Vec::new();
        if !step.owner.is_empty() {
            parts.push(step.owner.clone());
        }
        if let Some(d) = step.duration_min.filter(|d| *d > 0.0) {
            parts.push(texts.minutes(d));
        }
        if let Some(w) = step.wait_min.filter(|w| *w > 0.0) {
            parts.push(match lang {
                Lang::En => format!("waits {}", texts.minutes(w)),
                Lang::Zh => format!("等待 {}", texts.minutes(w)),
            });
        }
        let sep = if lang == Lang::Zh { "，" } else { ", " };
        if parts.is_empty() {
            points.push(step.title.clone());
        } else {
            points.push(format!("{} — {}", step.title, parts.join(sep)));
        }
    }
    let stages: HashSet<&StageId> = blueprint.stages[from..=to].iter().map(|s| &s.id).collect();
    for marker in &blueprint.markers {
        let here = match &marker.target {
            MarkerTarget::Step(id) => on.contains(id),
            MarkerTarget::Stage(id) => stages.contains(id),
        };
        if here && !marker.note.trim().is_empty() {
            let colon = if lang == Lang::Zh { "：" } else { ": " };
            points.push(format!("{}{colon}{}", texts.marker(marker.kind), marker.note.trim()));
        }
    }
    points
}

/// `OUT.png` → `OUT-03.png`: slide 3 of a deck written as one file per slide.
pub fn slide_path(path: &std::path::Path, index: usize) -> std::path::PathBuf {
    super::numbered_path(path, index, "")
}

/// The text of every slide, for the font check of a one-file deck.
fn all_text(deck: &Deck) -> String {
    deck.slides
        .iter()
        .map(|s| s.scene.all_text())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Writes `deck` to `output`: one file per slide for PNG and SVG (`OUT-01.png`, …), one file
/// for PDF (with a handout page after each content slide when `handouts`) and PowerPoint.
///
/// `progress` is told before each slide and once more when every slide is rendered (see
/// [`super::Progress::is_complete`]); answering `false` stops with
/// [`super::ExportError::Cancelled`]. The files are moved into place together at the end, so a
/// cancelled or failed export leaves no part of a deck behind.
pub fn write_deck(
    deck: &Deck,
    options: &DeckOptions,
    format: super::Format,
    output: &std::path::Path,
    text: super::SvgText,
    handouts: bool,
    progress: &mut dyn FnMut(super::Progress) -> bool,
) -> Result<super::Report, super::ExportError> {
    let total = deck.slides.len();
    let mut go_on = |done: usize| {
        if progress(super::Progress { done, total, part: 0.0 }) {
            Ok(())
        } else {
            Err(super::ExportError::Cancelled)
        }
    };
    let mut staging = super::Staging::default();
    let mut report = super::Report::default();
    let io = |path: &std::path::Path| {
        let path = path.to_owned();
        move |source| super::ExportError::Io { path, source }
    };
    let written = |path: &std::path::Path, slide: &DeckSlide, slides: usize| super::Written {
        path: path.to_owned(),
        width: slide.frame.width,
        height: slide.frame.height,
        slides,
    };
    // What the bundled font cannot draw, once per file written.
    let mut note_missing = |path: &std::path::Path, text: &str| {
        let missing = crate::text::missing_chars(text);
        if !missing.is_empty() {
            report.missing.push((path.to_owned(), missing));
        }
    };
    let mut files = Vec::new();
    match format {
        super::Format::Png | super::Format::Svg => {
            for (i, slide) in deck.slides.iter().enumerate() {
                go_on(i)?;
                let path = slide_path(output, i);
                let mut bytes = Vec::new();
                if format == super::Format::Png {
                    super::write_png(&slide.scene, &slide.frame, options.background, &mut bytes, &mut |_| {})?;
                } else {
                    super::write_svg(&slide.scene, &slide.frame, options.background, text, &mut bytes)
                        .map_err(io(&path))?;
                }
                staging.write(&path, &bytes)?;
                note_missing(&path, &slide.scene.all_text());
                files.push(written(&path, slide, 1));
            }
        }
        super::Format::Pdf => {
            let pages: Vec<super::PdfSlide<'_>> = deck
                .slides
                .iter()
                .map(|slide| super::PdfSlide {
                    scene: &slide.scene,
                    frame: slide.frame,
                    background: options.background,
                    title: slide.title.clone(),
                    notes: slide.notes.clone(),
                })
                .collect();
            // One document written at once (a fraction of a second even for large decks).
            go_on(0)?;
            let mut bytes = Vec::new();
            super::write_pdf(&pages, handouts, &mut bytes)?;
            staging.write(output, &bytes)?;
            note_missing(output, &all_text(deck));
            if let Some(first) = deck.slides.first() {
                files.push(written(output, first, deck.slides.len()));
            }
        }
        super::Format::Pptx => {
            let mut slides = Vec::with_capacity(deck.slides.len());
            for (i, slide) in deck.slides.iter().enumerate() {
                go_on(i)?;
                // The title is PowerPoint's own text, so the picture leaves it out.
                let mut scene = slide.scene.clone();
                for item in &mut scene.items[slide.title_items.clone()] {
                    hide(&mut item.shape);
                }
                let mut picture = Vec::new();
                super::write_png(&scene, &slide.frame, options.background, &mut picture, &mut |_| {})?;
                let (w, h) = (slide.frame.width as f32, slide.frame.height as f32);
                let r = slide.title_rect;
                slides.push(super::PptxSlide {
                    title: slide.title.clone(),
                    title_box: [r.min.x / w, r.min.y / h, r.width() / w, r.height() / h],
                    // Points on a slide 7.5 inches (540 pt) high.
                    title_size: TITLE_PX * 540.0 / 1080.0,
                    picture,
                    picture_box: [0.0, 0.0, 1.0, 1.0],
                    notes: slide.notes.clone(),
                });
            }
            note_missing(output, &all_text(deck));
            let size = options.aspect.size();
            let title = deck.slides.first().map_or("", |s| s.title.as_str());
            let mut bytes = Vec::new();
            super::write_pptx(&slides, size, title, &mut bytes).map_err(io(output))?;
            staging.write(output, &bytes)?;
            if let Some(first) = deck.slides.first() {
                files.push(written(output, first, deck.slides.len()));
            }
        }
    }
    go_on(total)?;
    staging.commit()?;
    report.written = files;
    Ok(report)
}

#[cfg(test)]
mod write_tests {
    use super::*;
    use crate::export::staging::tests::{dir, names};
    use crate::export::{ExportError, Format, Progress, SvgText};

    #[test]
    fn write_deck_stops_when_the_callback_says_so_and_leaves_no_files() {
        let options = DeckOptions::default();
        let deck = plan(&crate::generate::synthetic(40, 6), &options);
        let total = deck.slides.len();
        assert!(total >= 3, "an overview and content slides: {total}");
        for (format, ext) in [
            (Format::Png, "png"),
            (Format::Svg, "svg"),
            (Format::Pdf, "pdf"),
            (Format::Pptx, "pptx"),
        ] {
            // Part way, and at the last moment, with every slide rendered.
            for stop_at in [1, total] {
                let dir = dir(&format!("deck-stop-{ext}-{stop_at}"));
                let mut asked = Vec::new();
                let result = write_deck(
                    &deck,
                    &options,
                    format,
                    &dir.join(format!("deck.{ext}")),
                    SvgText::EmbeddedFont,
                    false,
                    &mut |step: Progress| {
                        asked.push(step);
                        step.done < stop_at
                    },
                );
                assert!(
                    matches!(result, Err(ExportError::Cancelled)),
                    "{ext}, stopped at {stop_at}: {result:?}"
                );
                assert!(asked.iter().all(|p| p.total == total));
                assert!(names(&dir).is_empty(), "{ext}: left behind {:?}", names(&dir));
            }
        }
    }

    #[test]
    fn write_deck_reports_each_slide_then_the_end() {
        let options = DeckOptions::default();
        let deck = plan(&crate::generate::synthetic(40, 6), &options);
        let total = deck.slides.len();
        let dir = dir("deck-progress");
        let mut asked = Vec::new();
        let report = write_deck(
            &deck,
            &options,
            Format::Png,
            &dir.join("deck.png"),
            SvgText::EmbeddedFont,
            false,
            &mut |step: Progress| {
                asked.push(step.done);
                true
            },
        )
        .expect("written");
        assert_eq!(asked, (0..=total).collect::<Vec<_>>());
        assert_eq!(report.written.len(), total);
        let expected: Vec<String> = (1..=total).map(|i| format!("deck-{i:02}.png")).collect();
        assert_eq!(names(&dir), expected, "every slide, and no temporary file");
    }
}
