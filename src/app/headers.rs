//! Lane and stage headers pinned to the canvas edges: they stay in view while panning, never
//! grow past their full size when zooming in, and stay readable when zooming out, where a
//! stage too narrow for its name shows its step count and marker heat instead.

use super::document::Drawing;
use super::paint::{Detail, PaintCache, PaintFilter, Transform, color};
use super::state::{Viewport, ZOOM_RANGE};
use crate::geom::{Rect, pt};
use crate::layout::{EmotionCurve, Layout};
use crate::scene::Role;
use crate::style::Style;
use egui::{Align2, Color32, FontFamily, FontId, Painter, Pos2, Stroke, pos2};

/// Largest scale of pinned headers: zoomed in further, the cards grow and the headers keep
/// their full size, so at 300 % the lane names do not take half the canvas.
pub const HEADER_MAX_ZOOM: f32 = 1.0;
/// Smallest scale of pinned headers: names at 16 × 0.7 ≈ 11 px, still readable on an overview.
pub const HEADER_MIN_ZOOM: f32 = 0.7;
/// A stage column narrower than this on screen shows its counts instead of its name.
const SUMMARY_BELOW_PX: f32 = 56.0;
/// A lane band lower than this on screen shows its colour without its name.
const LANE_NAME_MIN_PX: f32 = 16.0;

/// Where the headers are drawn this frame. A side is pinned when its headers' place in the
/// drawing has scrolled out of view or when the zoom is outside the headers' own range.
#[derive(Clone, Copy, Debug)]
pub struct Pins {
    /// The drawing's transform.
    pub t: Transform,
    /// Screen points per scene unit of pinned headers.
    pub scale: f32,
    /// Left edge of the pinned lane column on screen, when pinned.
    pub lanes_x: Option<f32>,
    /// Top edge of the pinned stage row on screen, when pinned.
    pub stages_y: Option<f32>,
    /// The canvas on screen.
    canvas: egui::Rect,
}

impl Pins {
    /// The pins for the drawing at `t` in `canvas`.
    pub fn new(layout: &Layout, t: Transform, canvas: egui::Rect) -> Pins {
        let scale = t.zoom.clamp(HEADER_MIN_ZOOM, HEADER_MAX_ZOOM);
        let own_size = scale == t.zoom;
        let grid = t.to_screen(layout.grid.min);
        let cells = t.to_screen(pt(layout.columns_x, layout.lanes_y));
        let (width, height) = header_size(layout, scale);
        // Headers end where the first column and the first lane begin, so where there is room
        // before them they hide no cards; without room they sit at the canvas edge.
        Pins {
            t,
            scale,
            lanes_x: (grid.x < canvas.left() || !own_size).then_some((cells.x - width).max(canvas.left())),
            stages_y: (grid.y < canvas.top() || !own_size).then_some((cells.y - height).max(canvas.top())),
            canvas,
        }
    }

    /// Width of the pinned lane column on screen.
    fn lane_width(&self, layout: &Layout) -> f32 {
        header_size(layout, self.scale).0
    }

    /// Height of the pinned stage row on screen.
    fn stage_height(&self, layout: &Layout) -> f32 {
        header_size(layout, self.scale).1
    }

    /// The pinned lane column on screen, from the top of the lanes to the bottom of the grid.
    pub fn lane_column(&self, layout: &Layout) -> Option<egui::Rect> {
        let x = self.lanes_x?;
        let top = self.t.to_screen(pt(0.0, layout.lanes_y)).y;
        let bottom = self.t.to_screen(pt(0.0, layout.grid.max.y)).y;
        Some(egui::Rect::from_min_max(
            pos2(x, top),
            pos2(x + self.lane_width(layout), bottom),
        ))
    }

    /// The pinned stage row on screen, from the first stage to the last.
    pub fn stage_row(&self, layout: &Layout) -> Option<egui::Rect> {
        let y = self.stages_y?;
        let left = self.t.to_screen(pt(layout.columns_x, 0.0)).x;
        let right = self.t.to_screen(pt(layout.grid.max.x, 0.0)).x;
        Some(egui::Rect::from_min_max(
            pos2(left, y),
            pos2(right, y + self.stage_height(layout)),
        ))
    }

    /// How lane `i`'s header is drawn: at the header scale, its name where the drawing puts it
    /// in its band (below the emotion band, clear of the lines), moved with the band's middle
    /// to the part of it in view.
    pub fn lane_transform(&self, layout: &Layout, i: usize) -> Transform {
        let Some(x) = self.lanes_x else {
            return self.t;
        };
        let lane = &layout.lanes[i];
        let band = self.t.rect_to_screen(lane.band);
        let band_y = middle_in_view(
            band.y_range(),
            self.canvas.y_range(),
            (lane.name.lines.len() as f32 * lane.name.size * crate::text::LINE_HEIGHT + 8.0) * self.scale,
        );
        let middle = lane.band.center().y;
        let (name, height) = lane
            .name
            .bounds()
            .map_or((middle, 0.0), |r| (r.center().y, r.height() * self.scale));
        // The name's offset from the band's middle at the drawing's zoom: at the headers' larger
        // scale of an overview it carried the name onto the line below.
        let mut name_y = band_y + (name - middle) * self.t.zoom;
        // Clear of the labels of the lines along the band's edges, which keep the headers' scale.
        let (mut lo, mut hi) = (band.top(), band.bottom());
        for line in layout.lines.iter().filter(|line| self.shows_line_label(layout, line)) {
            let at = self.t.to_screen(pt(0.0, line.y)).y;
            let half = line.label_rect.height() / 2.0 * self.scale + 1.0;
            if (band.top() - 1.0..=band.center().y).contains(&at) {
                lo = lo.max(at + half);
            } else if (band.center().y..=band.bottom() + 1.0).contains(&at) {
                hi = hi.min(at - half);
            }
        }
        name_y = if hi - lo >= height {
            name_y.clamp(lo + height / 2.0, hi - height / 2.0)
        } else {
            (lo + hi) / 2.0
        };
        Transform {
            origin: pos2(x - layout.grid.min.x * self.scale, name_y - name * self.scale),
            zoom: self.scale,
        }
    }

    /// Whether `line`'s label is drawn in the pinned lane column: only where the lanes on both
    /// sides of it have room for their names beside it. Far out over a large blueprint the
    /// lanes are a few pixels high, and the names, which say more, go first.
    pub fn shows_line_label(&self, layout: &Layout, line: &crate::layout::LineBox) -> bool {
        let pill = line.label_rect.height() * self.scale;
        let room = |i: usize| self.lane_cell(layout, i).height() >= LANE_NAME_MIN_PX + pill;
        let below = layout
            .lanes
            .iter()
            .position(|lane| (lane.band.min.y - line.y).abs() < 1.0);
        below.is_none_or(|i| room(i) && (i == 0 || room(i - 1)))
    }

    /// How the label of `line` is drawn in the pinned lane column: at the header scale, on the
    /// line.
    pub fn line_transform(&self, layout: &Layout, line: &crate::layout::LineBox) -> Transform {
        let Some(x) = self.lanes_x else {
            return self.t;
        };
        let at = self.t.to_screen(pt(0.0, line.y)).y;
        Transform {
            origin: pos2(
                x - layout.grid.min.x * self.scale,
                at - line.label_rect.center().y * self.scale,
            ),
            zoom: self.scale,
        }
    }

    /// How stage `j`'s header is drawn: at the header scale, centred on its column.
    pub fn stage_transform(&self, layout: &Layout, j: usize) -> Transform {
        let Some(y) = self.stages_y else {
            return self.t;
        };
        let stage = &layout.stages[j];
        let column = self.t.rect_to_screen(stage.column);
        let left = self.lanes_x.map_or(self.canvas.left(), |x| x + self.lane_width(layout));
        let column_x = middle_in_view(
            column.x_range(),
            egui::Rangef::new(left, self.canvas.right()),
            (stage.name.lines.iter().map(|l| l.width).fold(0.0, f32::max) + 8.0) * self.scale,
        );
        Transform {
            origin: pos2(
                column_x - stage.header.center().x * self.scale,
                y - layout.grid.min.y * self.scale,
            ),
            zoom: self.scale,
        }
    }

    /// Screen extent of lane `i`'s header cell.
    pub fn lane_cell(&self, layout: &Layout, i: usize) -> egui::Rect {
        let lane = &layout.lanes[i];
        match self.lanes_x {
            Some(x) => {
                let band = self.t.rect_to_screen(lane.band);
                egui::Rect::from_x_y_ranges(x..=x + self.lane_width(layout), band.y_range())
            }
            None => self.t.rect_to_screen(lane.header),
        }
    }

    /// Screen extent of stage `j`'s header cell.
    pub fn stage_cell(&self, layout: &Layout, j: usize) -> egui::Rect {
        let stage = &layout.stages[j];
        match self.stages_y {
            Some(y) => {
                let column = self.t.rect_to_screen(stage.column);
                egui::Rect::from_x_y_ranges(column.x_range(), y..=y + self.stage_height(layout))
            }
            None => self.t.rect_to_screen(stage.header),
        }
    }

    /// The lane whose header is under `screen`.
    pub fn lane_at(&self, layout: &Layout, screen: Pos2) -> Option<usize> {
        (0..layout.lanes.len()).find(|&i| self.lane_cell(layout, i).contains(screen))
    }

    /// The stage whose header is under `screen`.
    pub fn stage_at(&self, layout: &Layout, screen: Pos2) -> Option<usize> {
        let j = match self.stages_y {
            // Columns are in order: find the one under the pointer without testing each.
            Some(_) => {
                let x = self.t.to_scene(screen).x;
                layout.stages.partition_point(|s| s.column.max.x <= x)
            }
            None => layout
                .stages
                .iter()
                .position(|s| self.t.rect_to_screen(s.header).contains(screen))?,
        };
        (j < layout.stages.len() && self.stage_cell(layout, j).contains(screen)).then_some(j)
    }

    /// How the title block is drawn: like the headers, at their scale, right above the pinned
    /// stage row while that row is larger than the drawing's own (an overview), where the
    /// drawing's title at its own size would be hidden under the row and cut by the canvas's
    /// top. Also gives the strip above the row it is shown in.
    pub fn title_transform(&self, layout: &Layout) -> Option<(Transform, egui::Rect)> {
        let y = self.stages_y.filter(|_| self.scale > self.t.zoom)?;
        let title = layout.title.as_ref()?;
        let left = self.lanes_x.unwrap_or(self.t.to_screen(layout.grid.min).x);
        // As wide as the drawing below it, from the lane column on.
        let right = self.t.to_screen(layout.bounds.max).x;
        let strip = egui::Rect::from_x_y_ranges(left..=right, self.canvas.top()..=y).intersect(self.canvas);
        // Smaller than the headers where a long title would run past the canvas.
        let reach = title.shown().max.x - layout.grid.min.x;
        let scale = self.scale.min((self.canvas.right() - left) / reach.max(1.0));
        let t = Transform {
            origin: pos2(left - layout.grid.min.x * scale, y - layout.grid.min.y * scale),
            zoom: scale,
        };
        strip.is_positive().then_some((t, strip))
    }

    /// Whether stage `j` shows its counts instead of its name: its column is too narrow for
    /// the name's longest line, which would otherwise be cut at both ends.
    fn summarised(&self, layout: &Layout, j: usize) -> bool {
        let name = &layout.stages[j].name;
        let longest = name.lines.iter().map(|l| l.width).fold(0.0, f32::max);
        let width = self.stage_cell(layout, j).width();
        self.stages_y.is_some() && (width < SUMMARY_BELOW_PX || width < longest * self.scale + 4.0)
    }
}

/// Width of the lane header column and height of the stage header row on screen at `scale`.
fn header_size(layout: &Layout, scale: f32) -> (f32, f32) {
    (
        (layout.columns_x - layout.grid.min.x) * scale,
        (layout.lanes_y - layout.grid.min.y) * scale,
    )
}

/// Shows the whole blueprint in a canvas of `size`. Below the headers' smallest scale the
/// headers are pinned at that scale, so the cells are fitted into what the headers leave.
pub fn fit(viewport: &mut Viewport, layout: &Layout, size: egui::Vec2) {
    viewport.fit(layout.bounds, size);
    if viewport.zoom >= HEADER_MIN_ZOOM {
        return;
    }
    let margin = 16.0;
    let (width, height) = header_size(layout, HEADER_MIN_ZOOM);
    let cells = crate::geom::Rect {
        min: pt(layout.columns_x, layout.lanes_y),
        max: layout.bounds.max,
    };
    // The title goes above the stage row, at the headers' scale (`Pins::title_transform`).
    let title = layout
        .title
        .as_ref()
        .map_or(0.0, |title| (layout.grid.min.y - title.rect.min.y) * HEADER_MIN_ZOOM);
    let room = size - egui::vec2(2.0 * margin + width, 2.0 * margin + title + height);
    let zoom = (room.x / cells.width().max(1.0))
        .min(room.y / cells.height().max(1.0))
        .clamp(*ZOOM_RANGE.start(), HEADER_MIN_ZOOM);
    let spare_x = (room.x - cells.width() * zoom).max(0.0);
    viewport.zoom = zoom;
    viewport.pan = egui::vec2(margin + width + spare_x / 2.0, margin + title + height)
        - egui::vec2(cells.min.x, cells.min.y) * zoom;
}

/// Which roles the drawing leaves to the pinned headers.
pub fn pinned_role(pins: &Pins, role: Role) -> bool {
    match role {
        Role::LaneHeader | Role::LineLabel | Role::EmotionScale => pins.lanes_x.is_some(),
        Role::StageHeader => pins.stages_y.is_some(),
        _ => false,
    }
}

/// The emotion band's name and its scale in the pinned lane column: at the heights of the band
/// as the canvas shows it (the header's own scale would put "+2" beside another feeling).
fn paint_emotion_scale(painter: &Painter, pins: &Pins, curve: &EmotionCurve, style: &Style, column: egui::Rect) {
    let band = pins.t.rect_to_screen(curve.band);
    let size = (style.small_font * pins.scale).min(band.height() / 5.0);
    if size < 6.0 {
        return;
    }
    let ink = color(style.muted_text);
    let painter = painter.with_clip_rect(column);
    painter.text(
        pos2(column.min.x + 8.0, band.center().y),
        Align2::LEFT_CENTER,
        curve
            .label
            .lines
            .iter()
            .map(|l| l.text.as_str())
            .collect::<Vec<_>>()
            .join(" "),
        FontId::proportional(size),
        ink,
    );
    for (emotion, text) in crate::layout::EMOTION_SCALE {
        let y = pins.t.to_screen(pt(0.0, curve.y_of(emotion))).y;
        painter.text(
            pos2(column.max.x - 6.0, y),
            Align2::RIGHT_CENTER,
            text,
            FontId::proportional(size),
            ink,
        );
    }
}

/// Where a pinned header of `size` goes along a lane or stage spanning `span` on screen: in the
/// middle of the part of it in `view`, so a lane or column larger than the canvas keeps its name
/// in sight, but never past its ends.
fn middle_in_view(span: egui::Rangef, view: egui::Rangef, size: f32) -> f32 {
    let (lo, hi) = (span.min.max(view.min), span.max.min(view.max));
    if lo >= hi || span.span() <= size {
        return span.center();
    }
    ((lo + hi) / 2.0).clamp(span.min + size / 2.0, span.max - size / 2.0)
}

/// Paints the pinned headers over the drawing.
pub fn paint_pins(
    painter: &Painter,
    pins: &Pins,
    drawing: &Drawing,
    style: &Style,
    cache: &mut PaintCache,
    canvas: egui::Rect,
) {
    let layout = &drawing.layout;
    let background = color(drawing.scene.background);
    if let Some(column) = pins.lane_column(layout) {
        let column = column.intersect(canvas);
        painter.rect_filled(column, 0.0, background);
        for (i, lane) in layout.lanes.iter().enumerate() {
            let cell = pins.lane_cell(layout, i).intersect(column);
            if !cell.is_positive() {
                continue;
            }
            painter.rect_filled(cell, 0.0, color(style.lane_colors(lane.kind).header));
            if cell.height() >= LANE_NAME_MIN_PX {
                let t = pins.lane_transform(layout, i);
                paint_role(
                    cache,
                    painter,
                    drawing,
                    t,
                    cell,
                    lane.header.expand(-2.0),
                    Role::LaneHeader,
                );
            }
        }
        for line in layout.lines.iter().filter(|line| pins.shows_line_label(layout, line)) {
            let t = pins.line_transform(layout, line);
            paint_role(
                cache,
                painter,
                drawing,
                t,
                column,
                line.label_rect.expand(-1.0),
                Role::LineLabel,
            );
        }
        if let Some(curve) = &layout.emotion {
            paint_emotion_scale(painter, pins, curve, style, column);
        }
        // The column's edge, along the lanes only: not through the stage row or the legend.
        painter.line_segment(
            [column.right_top(), column.right_bottom()],
            Stroke::new(1.0, Color32::from_gray(150)),
        );
    }
    if let Some(row) = pins.stage_row(layout) {
        let row = row.intersect(canvas);
        painter.rect_filled(row, 0.0, background);
        let visible = pins.t.rect_to_scene(row);
        let first = layout.stages.partition_point(|s| s.column.max.x < visible.min.x);
        let heat = StageCounts::of(drawing);
        for j in first..layout.stages.len() {
            let stage = &layout.stages[j];
            if stage.column.min.x > visible.max.x {
                break;
            }
            let cell = pins.stage_cell(layout, j).intersect(row);
            if !cell.is_positive() {
                continue;
            }
            if pins.summarised(layout, j) {
                paint_summary(painter, cell, &heat, j, style);
                continue;
            }
            if pins.scale < pins.t.zoom {
                // Zoomed in past the headers' full size: the header spans its column as it
                // does at full size, its name at full size in the middle.
                painter.rect_filled(cell.shrink(1.0), 3.0, color(style.stage_header));
            }
            let t = pins.stage_transform(layout, j);
            paint_role(
                cache,
                painter,
                drawing,
                t,
                cell,
                stage.header.expand(-1.5),
                Role::StageHeader,
            );
        }
        if let Some(x) = pins.lanes_x {
            let corner = egui::Rect::from_min_max(pos2(x, row.top()), pos2(x + pins.lane_width(layout), row.bottom()));
            painter.rect_filled(corner.intersect(canvas), 0.0, background);
        }
    }
    if let (Some((t, strip)), Some(title)) = (pins.title_transform(layout), &layout.title) {
        painter.rect_filled(strip, 0.0, background);
        paint_role(cache, painter, drawing, t, strip, title.rect, Role::Chrome);
    }
}

/// Paints the scene's items of one role inside `visible` (scene units) with `t`, clipped to
/// `clip` on screen: how a pinned header shows its own name and nothing else.
fn paint_role(
    cache: &mut PaintCache,
    painter: &Painter,
    drawing: &Drawing,
    t: Transform,
    clip: egui::Rect,
    visible: Rect,
    role: Role,
) {
    let skip = |r: Role| r != role;
    let filter = PaintFilter {
        visible,
        detail: Detail::Full,
        skip: &skip,
    };
    cache.paint_fixed(&painter.with_clip_rect(clip), drawing, t, &filter);
}

/// Per stage: how many steps it holds, and its share of the markers relative to the stage with
/// the most.
struct StageCounts<'a> {
    steps: &'a [usize],
    markers: &'a [usize],
    most_markers: usize,
}

impl<'a> StageCounts<'a> {
    fn of(drawing: &'a Drawing) -> StageCounts<'a> {
        StageCounts {
            steps: &drawing.stage_steps,
            markers: &drawing.stage_markers,
            most_markers: drawing.stage_markers.iter().copied().max().unwrap_or(0),
        }
    }
}

/// A stage too narrow for its name: its header colour, its step count and a strip of marker
/// heat at the bottom.
fn paint_summary(painter: &Painter, cell: egui::Rect, counts: &StageCounts<'_>, j: usize, style: &Style) {
    let cell = cell.shrink2(egui::vec2(0.5, 1.0));
    painter.rect_filled(cell, 1.0, color(style.stage_header));
    let markers = counts.markers.get(j).copied().unwrap_or(0);
    if counts.most_markers > 0 {
        let heat = markers as f32 / counts.most_markers as f32;
        let strip = egui::Rect::from_min_max(pos2(cell.left(), cell.bottom() - cell.height() * 0.3), cell.max);
        painter.rect_filled(strip, 0.0, color(style.heat_color(heat)));
    }
    let steps = counts.steps.get(j).copied().unwrap_or(0).to_string();
    let font = FontId::new(11.0, FontFamily::Proportional);
    let galley = painter.layout_no_wrap(steps, font, Color32::WHITE);
    if galley.size().x + 2.0 <= cell.width() {
        let top = egui::Rect::from_min_max(cell.min, pos2(cell.right(), cell.bottom() - cell.height() * 0.3));
        let at = Align2::CENTER_CENTER.anchor_size(top.center(), galley.size()).min;
        painter.galley(at, galley, Color32::WHITE);
    }
}

/// Steps and markers per stage of `layout`, for the summaries of an overview.
pub fn stage_counts(blueprint: &crate::model::Blueprint, layout: &Layout) -> (Vec<usize>, Vec<usize>) {
    let mut steps = vec![0; layout.stages.len()];
    for card in &layout.cards {
        if let Some(n) = steps.get_mut(card.stage) {
            *n += 1;
        }
    }
    let mut markers = vec![0; layout.stages.len()];
    let positions = blueprint.index();
    for marker in &blueprint.markers {
        let stage = match &marker.target {
            crate::model::MarkerTarget::Step(id) => positions
                .step(id)
                .and_then(|i| blueprint.stage_index(&blueprint.steps[i].stage)),
            crate::model::MarkerTarget::Stage(id) => blueprint.stage_index(id),
        };
        if let Some(n) = stage.and_then(|j| markers.get_mut(j)) {
            *n += 1;
        }
    }
    (steps, markers)
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::Rangef;

    /// Every sample in both languages, laid out with its title and legend, fitted into `canvas`:
    /// its path, layout and transform.
    fn fitted_samples(canvas: egui::Rect) -> Vec<(std::path::PathBuf, Layout, Transform)> {
        ["en", "zh"]
            .iter()
            .flat_map(|lang| std::fs::read_dir(format!("samples/{lang}")).expect("samples"))
            .map(|entry| {
                let path = entry.expect("entry").path();
                let b = crate::file::open(&path).expect("sample");
                let (layout, t) = fitted(&b, canvas);
                (path, layout, t)
            })
            .collect()
    }

    /// `b` laid out with its title and legend, and fitted into `canvas`.
    fn fitted(b: &crate::model::Blueprint, canvas: egui::Rect) -> (Layout, Transform) {
        let options = crate::layout::LayoutOptions {
            title: true,
            legend: true,
        };
        let layout = crate::layout::layout(b, &Style::default(), options);
        let mut viewport = Viewport::default();
        fit(&mut viewport, &layout, canvas.size());
        let t = Transform {
            origin: canvas.min + viewport.pan,
            zoom: viewport.zoom,
        };
        (layout, t)
    }

    #[test]
    fn pinned_lane_names_of_an_overview_stay_in_their_lanes_clear_of_the_lines() {
        let mut checked = 0;
        // The window's canvas, and what is left of it beside the analysis panel.
        for size in [egui::vec2(900.0, 640.0), egui::vec2(700.0, 640.0)] {
            let canvas = egui::Rect::from_min_size(pos2(0.0, 60.0), size);
            // And a blueprint so wide that, fitted, its lanes are a few pixels high.
            let (wide, t) = fitted(&crate::generate::synthetic(1_800, 50), canvas);
            let mut fitted = fitted_samples(canvas);
            fitted.push(("1,800 steps in 50 stages".into(), wide, t));
            for (path, layout, t) in fitted {
                let pins = Pins::new(&layout, t, canvas);
                if pins.lanes_x.is_none() {
                    continue;
                }
                let pills: Vec<egui::Rect> = layout
                    .lines
                    .iter()
                    .filter(|line| pins.shows_line_label(&layout, line))
                    .map(|line| pins.line_transform(&layout, line).rect_to_screen(line.label_rect))
                    .collect();
                for (i, lane) in layout.lanes.iter().enumerate() {
                    let cell = pins.lane_cell(&layout, i);
                    let Some(bounds) = lane.name.bounds() else {
                        continue;
                    };
                    if cell.height() < LANE_NAME_MIN_PX {
                        continue;
                    }
                    checked += 1;
                    let name = pins.lane_transform(&layout, i).rect_to_screen(bounds);
                    let at = format!(
                        "{} at {:.0} %: {}",
                        path.display(),
                        t.zoom * 100.0,
                        lane.name.lines[0].text
                    );
                    assert!(
                        name.top() >= cell.top() - 0.5 && name.bottom() <= cell.bottom() + 0.5,
                        "{at}: {name:?} in its lane {cell:?}"
                    );
                    for pill in &pills {
                        assert!(
                            !name.intersects(*pill),
                            "{at}: {name:?} clear of the line's label {pill:?}"
                        );
                    }
                }
            }
        }
        assert!(checked > 100, "{checked} lane names");
    }

    #[test]
    fn an_overview_shows_the_title_whole_above_the_pinned_stage_names() {
        let canvas = egui::Rect::from_min_size(pos2(0.0, 60.0), egui::vec2(900.0, 640.0));
        let mut overviews = 0;
        for (path, layout, t) in fitted_samples(canvas) {
            if t.zoom >= HEADER_MIN_ZOOM {
                continue;
            }
            overviews += 1;
            let pins = Pins::new(&layout, t, canvas);
            let block = layout.title.as_ref().expect("title");
            let t_title = pins.title_transform(&layout).expect("the title pinned").0;
            let title = t_title.rect_to_screen(block.shown());
            let row = pins.stage_row(&layout).expect("pinned stage names");
            let name = path.display();
            assert!(canvas.contains_rect(title), "{name}: {title:?} whole in {canvas:?}");
            assert!(
                title.bottom() <= row.top() + 0.5,
                "{name}: {title:?} clear of the stage names at {row:?}"
            );
            // As large as the headers where it fits, and never as small as the cards.
            let fits = (block.shown().max.x - layout.grid.min.x) * HEADER_MIN_ZOOM <= canvas.width() - 16.0;
            if fits {
                assert_eq!(t_title.zoom, HEADER_MIN_ZOOM, "{name}");
            }
            assert!(t_title.zoom > t.zoom, "{name}: {} at {}", t_title.zoom, t.zoom);
        }
        assert!(overviews >= 20, "most samples open as an overview here: {overviews}");
    }

    #[test]
    fn a_pinned_name_stays_in_view_along_a_lane_taller_than_the_canvas_and_inside_its_lane() {
        let view = Rangef::new(100.0, 900.0);
        // A lane in view: its name in its middle, as drawn.
        assert_eq!(middle_in_view(Rangef::new(200.0, 400.0), view, 20.0), 300.0);
        // A lane running past both edges of the canvas: its name in the middle of the canvas,
        // where its own middle would be off screen.
        assert_eq!(middle_in_view(Rangef::new(-5_000.0, 3_000.0), view, 20.0), 500.0);
        // Its last points in view: the name in them; fewer than the name needs, the name ends
        // with its lane rather than running into the next.
        assert_eq!(middle_in_view(Rangef::new(-5_000.0, 130.0), view, 20.0), 115.0);
        assert_eq!(middle_in_view(Rangef::new(-5_000.0, 110.0), view, 20.0), 100.0);
        // Out of view, or lower than its name: where it was.
        assert_eq!(middle_in_view(Rangef::new(1_000.0, 1_200.0), view, 20.0), 1_100.0);
        assert_eq!(middle_in_view(Rangef::new(200.0, 210.0), view, 20.0), 205.0);
    }
}
