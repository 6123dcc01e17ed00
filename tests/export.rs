//! Exports checked on their pixels and structure: size, lane colours where the layout puts
//! them, the three lines, transparency, per-stage files, a golden image, SVG text.

mod common;

use common::cli;
use common::temp_dir;

use blueprint_studio::analysis::{HighlightSpec, analyse, highlights};
use blueprint_studio::export::{
    Background, ExportOptions, Format, Frame, Slide, SvgText, export_scene, export_to_file, write_png, write_svg,
};
use blueprint_studio::file;
use blueprint_studio::geom::{Point, Rect, pt};
use blueprint_studio::layout::{Layout, LayoutOptions, crossings, layout, layout_with};
use blueprint_studio::model::{Blueprint, Line};
use blueprint_studio::scene::{HighlightKind, Highlights, highlight_color};
use blueprint_studio::style::{Color, Style};
use blueprint_studio::text::missing_chars;
use std::path::{Path, PathBuf};

fn sample(name: &str) -> Blueprint {
    file::open(Path::new(name)).unwrap_or_else(|e| panic!("{e}"))
}

fn all_samples() -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = ["samples/en", "samples/zh"]
        .iter()
        .flat_map(|d| std::fs::read_dir(d).expect("samples"))
        .map(|e| e.expect("entry").path())
        .collect();
    paths.sort();
    paths
}

fn render(b: &Blueprint, options: &ExportOptions) -> (image::RgbaImage, Frame) {
    let scene = export_scene(b, options).expect("scene");
    let frame = Frame::new(scene.bounds, options);
    let mut bytes = Vec::new();
    write_png(&scene, &frame, options.background, &mut bytes, &mut |_| {}).expect("png");
    let image = image::load_from_memory_with_format(&bytes, image::ImageFormat::Png)
        .expect("decodes")
        .to_rgba8();
    (image, frame)
}

fn close(a: [u8; 4], b: Color, tolerance: u8) -> bool {
    a.iter().zip(b.0).all(|(x, y)| x.abs_diff(y) <= tolerance)
}

#[test]
fn slide_export_has_the_slide_size_and_lane_colours_where_the_layout_puts_them() {
    let b = sample("samples/zh/coffee-shop.ron");
    let options = ExportOptions {
        slide: Some(Slide::Wide),
        ..ExportOptions::default()
    };
    let (image, frame) = render(&b, &options);
    assert_eq!((image.width(), image.height()), (1920, 1080));
    let style = Style::default();
    let l = layout(&b, &style, LayoutOptions::default());
    let to_px = |x: f32, y: f32| ((frame.dx + x * frame.scale) as u32, (frame.dy + y * frame.scale) as u32);
    for lane in &l.lanes {
        let colors = style.lane_colors(lane.kind);
        // Bottom-left of the header cell and bottom-right of the band hold no card or text.
        let (x, y) = to_px(lane.header.min.x + 4.0, lane.header.max.y - 4.0);
        assert!(
            close(image.get_pixel(x, y).0, colors.header, 2),
            "{:?} header at {x},{y}: {:?}",
            lane.kind,
            image.get_pixel(x, y)
        );
        let (x, y) = to_px(lane.band.max.x - 4.0, lane.band.max.y - 4.0);
        assert!(
            close(image.get_pixel(x, y).0, colors.band, 2),
            "{:?} band at {x},{y}: {:?}",
            lane.kind,
            image.get_pixel(x, y)
        );
    }
    // The three lines: dark dashes along their whole length.
    assert_eq!(l.lines.len(), 3);
    for line in &l.lines {
        let (x0, y) = to_px(l.columns_x, line.y);
        let (x1, _) = to_px(line.x1, line.y);
        let dark = (x0..x1)
            .filter(|&x| image.get_pixel(x, y).0[..3].iter().all(|&c| c < 90))
            .count();
        let share = dark as f32 / (x1 - x0) as f32;
        assert!(
            (0.4..0.9).contains(&share),
            "{:?}: {share:.2} of the line is dark (dashed expected)",
            line.line
        );
    }
    // Cards are white with text: a card centre row has both white and dark pixels.
    let card = &l.cards[0];
    let (cx0, cy) = to_px(card.rect.min.x + 8.0, card.title.lines[0].origin.y - 4.0);
    let (cx1, _) = to_px(card.rect.max.x - 8.0, 0.0);
    let row: Vec<[u8; 4]> = (cx0..cx1).map(|x| image.get_pixel(x, cy).0).collect();
    assert!(row.iter().any(|p| close(*p, Color::WHITE, 0)));
    assert!(row.iter().any(|p| p[0] < 100), "card title drawn");
}

#[test]
fn transparent_background_leaves_the_corners_clear_and_colours_fill_them() {
    let b = sample("tests/fixtures/minimal.ron");
    let (image, _) = render(
        &b,
        &ExportOptions {
            background: Background::Transparent,
            scale: 1.0,
            ..ExportOptions::default()
        },
    );
    for (x, y) in [
        (0, 0),
        (image.width() - 1, 0),
        (0, image.height() - 1),
        (image.width() - 1, image.height() - 1),
    ] {
        assert_eq!(image.get_pixel(x, y).0[3], 0, "corner {x},{y}");
    }
    // Inside a lane the band is opaque, with its colour un-premultiplied exactly.
    let l = layout(&b, &Style::default(), LayoutOptions::default());
    let band = l.lanes[1].band;
    let p = image.get_pixel(band.max.x as u32 - 4, band.max.y as u32 - 4).0;
    assert!(close(p, Style::default().lane_colors(l.lanes[1].kind).band, 1), "{p:?}");

    let teal = Color::hex(0x008080);
    let (image, _) = render(
        &b,
        &ExportOptions {
            background: Background::Color(teal),
            border: 10,
            scale: 1.0,
            ..ExportOptions::default()
        },
    );
    assert!(close(image.get_pixel(0, 0).0, teal, 0));
    assert_eq!(image.width(), l.bounds.width().ceil() as u32 + 20);
}

#[test]
fn scale_re_renders_the_vector_drawing() {
    let b = sample("tests/fixtures/minimal.ron");
    let (one, _) = render(
        &b,
        &ExportOptions {
            scale: 1.0,
            ..ExportOptions::default()
        },
    );
    let (three, _) = render(
        &b,
        &ExportOptions {
            scale: 3.0,
            ..ExportOptions::default()
        },
    );
    assert!(three.width().abs_diff(one.width() * 3) <= 3);
    // Crisp, not upscaled: a 3× render has far more distinct grey levels along text edges
    // than a 1× one has pixels to give, and its line edges stay sharp (few mid-greys per edge).
    let edge_greys = |img: &image::RgbaImage| {
        img.pixels()
            .filter(|p| (60..200).contains(&p.0[0]) && p.0[0] == p.0[1] && p.0[1] == p.0[2])
            .count()
    };
    let ratio = edge_greys(&three) as f32 / edge_greys(&one).max(1) as f32;
    assert!(
        ratio < 6.0,
        "anti-aliased edges grow with the outline length (×3), not with the area (×9): {ratio}"
    );
}

#[test]
fn golden_image_of_a_small_blueprint_matches() {
    let b = sample("tests/fixtures/minimal.ron");
    let (image, _) = render(
        &b,
        &ExportOptions {
            scale: 1.0,
            ..ExportOptions::default()
        },
    );
    let golden_path = Path::new("tests/golden/minimal.png");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all("tests/golden").expect("golden dir");
        image.save(golden_path).expect("write golden");
    }
    let golden = image::open(golden_path)
        .expect("tests/golden/minimal.png exists; regenerate with UPDATE_GOLDEN=1 cargo test --test export golden")
        .to_rgba8();
    assert_eq!(
        golden.dimensions(),
        image.dimensions(),
        "the layout changed size; if on purpose, regenerate the golden image"
    );
    let differing = golden
        .pixels()
        .zip(image.pixels())
        .filter(|(a, b)| a.0.iter().zip(b.0).any(|(x, y)| x.abs_diff(y) > 40))
        .count();
    let share = differing as f32 / (golden.width() * golden.height()) as f32;
    assert!(
        share < 0.002,
        "{:.3} % of pixels differ from the golden image; if the look changed on purpose, run UPDATE_GOLDEN=1 cargo test --test export golden",
        share * 100.0
    );
}

#[test]
fn every_sample_exports_to_png_and_svg_and_the_svg_keeps_every_title_as_text() {
    let dir = temp_dir("all");
    for path in all_samples() {
        let b = sample(path.to_str().expect("utf-8 path"));
        let options = ExportOptions {
            scale: 1.0,
            ..ExportOptions::default()
        };
        let scene = export_scene(&b, &options).expect("scene");
        let stem = path.file_stem().expect("stem").to_string_lossy().into_owned();
        let lang = path
            .parent()
            .and_then(|p| p.file_name())
            .expect("lang")
            .to_string_lossy()
            .into_owned();
        let png = dir.join(format!("{lang}-{stem}.png"));
        let written = export_to_file(&scene, &options, Format::Png, &png, &mut |_| {}).expect("png export");
        let decoded = image::open(&png).expect("valid png");
        assert_eq!((decoded.width(), decoded.height()), (written.width, written.height));

        let mut svg = Vec::new();
        write_svg(
            &scene,
            &Frame::new(scene.bounds, &options),
            Background::White,
            SvgText::EmbeddedFont,
            &mut svg,
        )
        .expect("svg");
        let svg = String::from_utf8(svg).expect("utf-8");
        let doc =
            roxmltree::Document::parse(&svg).unwrap_or_else(|e| panic!("{}: SVG is not XML: {e}", path.display()));
        assert_eq!(doc.root_element().tag_name().name(), "svg");
        let text: String = doc
            .descendants()
            .filter(|n| n.has_tag_name("text"))
            .filter_map(|n| n.text())
            .collect::<Vec<_>>()
            .join("");
        let squash = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        let text = squash(&text);
        for step in &b.steps {
            // As drawn: Latin text's curly quotes straightened.
            assert!(
                text.contains(&squash(&blueprint_studio::text::latin_quotes(&step.title))),
                "{}: SVG lacks the title {:?}",
                path.display(),
                step.title
            );
        }
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn every_character_in_the_samples_has_a_glyph_in_the_bundled_font() {
    for path in all_samples() {
        let text = std::fs::read_to_string(&path).expect("read");
        // Every string in the file, not only what is drawn: descriptions show in the editor.
        let missing = missing_chars(&text);
        assert!(missing.is_empty(), "{}: no glyph for {missing:?}", path.display());
    }
}

#[test]
fn per_stage_writes_one_slide_per_stage_with_the_lane_names_repeated() {
    let dir = temp_dir("per-stage");
    let out = dir.join("deck.png");
    let (code, stdout, stderr) = cli(&[
        "export",
        "samples/en/coffee-shop.ron",
        "-o",
        out.to_str().expect("path"),
        "--per-stage",
        "--slide",
        "16:9",
    ]);
    assert_eq!(code, 0, "{stderr}");
    let b = sample("samples/en/coffee-shop.ron");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    let expected: Vec<String> = b
        .stages
        .iter()
        .enumerate()
        .map(|(i, s)| format!("deck-{:02}-{}.png", i + 1, s.id))
        .collect();
    assert_eq!(files, expected, "{stdout}");
    // Each slide repeats the lane headers at the left: the customer header colour is there.
    let style = Style::default();
    for name in &files {
        let image = image::open(dir.join(name)).expect("png").to_rgba8();
        assert_eq!(image.dimensions(), (1920, 1080));
        let header = style.lane_colors(blueprint_studio::model::LaneKind::Customer).header;
        assert!(
            image.pixels().filter(|p| close(p.0, header, 1)).count() > 2000,
            "{name}: no customer lane header"
        );
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn stage_ranges_crop_and_bad_ranges_are_usage_errors() {
    let dir = temp_dir("stages");
    let out = dir.join("part.svg");
    let (code, _, stderr) = cli(&[
        "export",
        "samples/en/coffee-shop.ron",
        "-o",
        out.to_str().expect("path"),
        "--stages",
        "2..3",
    ]);
    assert_eq!(code, 0, "{stderr}");
    let svg = std::fs::read_to_string(&out).expect("svg");
    let b = sample("samples/en/coffee-shop.ron");
    assert!(
        svg.contains(&b.stages[1].name.replace('&', "&amp;")) && svg.contains(&b.stages[2].name.replace('&', "&amp;"))
    );
    assert!(
        !svg.contains(&format!(">{}<", b.stages[0].name)),
        "stage 1 is cropped away"
    );
    let (code, _, stderr) = cli(&[
        "export",
        "samples/en/coffee-shop.ron",
        "-o",
        out.to_str().expect("path"),
        "--stages",
        "4..9",
    ]);
    assert_eq!(code, 2);
    assert!(stderr.contains("stage 9 does not exist"), "{stderr}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn cli_errors_have_the_right_exit_status_and_message() {
    let (code, _, stderr) = cli(&["export", "samples/en/coffee-shop.ron", "-o", "slide.jpg"]);
    assert_eq!(code, 2);
    assert!(stderr.contains(".png, .svg"), "{stderr}");
    let (code, _, stderr) = cli(&["export", "tests/fixtures/dangling-flow.ron", "-o", "x.png"]);
    assert_eq!(code, 1);
    assert!(stderr.contains("f2: flow to step \"ghost\""), "{stderr}");
    let (code, _, stderr) = cli(&["export", "samples/en/coffee-shop.ron", "-o", "x.png", "--scale", "12"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("outside 0.25–8"), "{stderr}");
    let (code, _, stderr) = cli(&["export", "samples/en/coffee-shop.ron", "-o", "x.png", "--slide", "21:9"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("16:9, 4:3 or 4k"), "{stderr}");
    let (code, _, _) = cli(&["check", "samples/en/coffee-shop.ron", "tests/fixtures/truncated.ron"]);
    assert_eq!(code, 1);
    let (code, _, _) = cli(&["check"]);
    assert_eq!(code, 2);
}

#[test]
fn an_image_beyond_the_limits_is_refused_with_a_message() {
    let mut b = sample("samples/en/coffee-shop.ron");
    // 60 stages at scale 8 would be far wider than 65,535 px.
    for i in 0..60 {
        b.stages.push(blueprint_studio::model::Stage {
            id: format!("x{i}").as_str().into(),
            name: format!("Extra {i}"),
        });
    }
    let options = ExportOptions {
        scale: 8.0,
        ..ExportOptions::default()
    };
    let scene = export_scene(&b, &options).expect("scene");
    let dir = temp_dir("huge");
    let error =
        export_to_file(&scene, &options, Format::Png, &dir.join("huge.png"), &mut |_| {}).expect_err("too large");
    assert!(error.to_string().contains("65535 px a side"), "{error}");
    assert!(
        std::fs::read_dir(&dir).expect("list").next().is_none(),
        "no half-written file is left"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn wide_exports_render_in_bands_that_join_seamlessly() {
    // Tall enough for several bands at this width; a band seam would show as a row that
    // differs from both neighbours along a vertical line.
    let b = sample("samples/en/clinic-visit.ron");
    let options = ExportOptions {
        scale: 6.0,
        ..ExportOptions::default()
    };
    let (image, frame) = render(&b, &options);
    let rows_per_band = (16 * 1024 * 1024 / (frame.width as usize * 4)) as u32;
    assert!(
        image.height() > 2 * rows_per_band,
        "the test needs at least three bands"
    );
    let l = layout(&b, &Style::default(), LayoutOptions::default());
    let x = (frame.dx + (l.columns_x - 0.5) * frame.scale) as u32;
    for seam in (rows_per_band..image.height()).step_by(rows_per_band as usize) {
        let above = image.get_pixel(x, seam - 1).0;
        let at = image.get_pixel(x, seam).0;
        let below = image.get_pixel(x, (seam + 1).min(image.height() - 1)).0;
        let near = |p: [u8; 4], q: [u8; 4]| p.iter().zip(q).all(|(a, b)| a.abs_diff(b) < 12);
        // A drawn edge may fall on a seam; then the row goes on like the one below it, or its
        // anti-aliased end shades from the row above to the one below.
        let between = (0..4).all(|c| at[c] >= above[c].min(below[c]) && at[c] <= above[c].max(below[c]));
        assert!(
            near(above, at) || near(at, below) || between,
            "seam at row {seam}: {above:?} vs {at:?} vs {below:?}"
        );
    }
}

#[test]
fn highlights_appear_in_the_export() {
    let dir = temp_dir("highlight");
    let plain = dir.join("plain.png");
    let marked = dir.join("marked.png");
    let (code, _, err) = cli(&[
        "export",
        "samples/en/bank-loan.ron",
        "-o",
        plain.to_str().expect("path"),
        "--scale",
        "1",
    ]);
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = cli(&[
        "export",
        "samples/en/bank-loan.ron",
        "-o",
        marked.to_str().expect("path"),
        "--scale",
        "1",
        "--highlight",
        "critical-path,visibility",
    ]);
    assert_eq!(code, 0, "{err}");
    let highlight = Style::default().critical_path;
    let count = |p: &Path| {
        image::open(p)
            .expect("png")
            .to_rgba8()
            .pixels()
            .filter(|px| close(px.0, highlight, 6))
            .count()
    };
    let (before, after) = (count(&plain), count(&marked));
    assert!(
        after > before + 2000,
        "highlight colour: {before} px plain, {after} px highlighted"
    );
    let (code, _, err) = cli(&[
        "export",
        "samples/en/bank-loan.ron",
        "-o",
        marked.to_str().expect("path"),
        "--highlight",
        "glitter",
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("critical-path, visibility, heat or waits"), "{err}");
    std::fs::remove_dir_all(&dir).ok();
}

const ALL_HIGHLIGHTS: HighlightSpec = HighlightSpec {
    critical_path: true,
    visibility_handoffs: true,
    pain_heat: true,
    waits: true,
};

/// A sample exported with every highlight on, with the layout and highlights it was drawn from.
struct Highlighted {
    layout: Layout,
    highlights: Highlights,
    image: image::RgbaImage,
    frame: Frame,
}

impl Highlighted {
    fn new(b: &Blueprint) -> Highlighted {
        let options = ExportOptions {
            scale: 2.0,
            highlight: ALL_HIGHLIGHTS,
            ..ExportOptions::default()
        };
        let (image, frame) = render(b, &options);
        let highlights = highlights(b, &analyse(b), ALL_HIGHLIGHTS);
        let layout = layout_with(b, &Style::default(), options.layout, &highlights);
        Highlighted {
            layout,
            highlights,
            image,
            frame,
        }
    }

    fn at(&self, p: Point) -> [u8; 4] {
        let x = (self.frame.dx + p.x * self.frame.scale) as u32;
        let y = (self.frame.dy + p.y * self.frame.scale) as u32;
        self.image.get_pixel(x, y).0
    }

    /// Share of the pixels inside `rect` (blueprint units) that are `color`.
    fn share_in(&self, rect: Rect, color: Color) -> f32 {
        let to_px = |v: f32, d: f32| (d + v * self.frame.scale) as u32;
        let (x0, x1) = (to_px(rect.min.x, self.frame.dx), to_px(rect.max.x, self.frame.dx));
        let (y0, y1) = (to_px(rect.min.y, self.frame.dy), to_px(rect.max.y, self.frame.dy));
        let total = ((x1 - x0) * (y1 - y0)).max(1);
        let hits = (y0..y1)
            .flat_map(|y| (x0..x1).map(move |x| (x, y)))
            .filter(|&(x, y)| close(self.image.get_pixel(x, y).0, color, 12))
            .count();
        hits as f32 / total as f32
    }

    /// Share of points around a card's edge (just outside its middle) in `color`.
    fn outline_share(&self, rect: Rect, color: Color) -> f32 {
        let r = rect.expand(0.75);
        let mut points = Vec::new();
        for k in 1..20 {
            let t = k as f32 / 20.0;
            let x = r.min.x + (r.max.x - r.min.x) * t;
            let y = r.min.y + 8.0 + (r.max.y - r.min.y - 16.0) * t;
            points.extend([pt(x, r.min.y), pt(x, r.max.y), pt(r.min.x, y), pt(r.max.x, y)]);
        }
        let hits = points.iter().filter(|&&p| close(self.at(p), color, 12)).count();
        hits as f32 / points.len() as f32
    }
}

#[test]
fn each_highlight_shows_in_its_own_colour_where_the_layout_puts_it() {
    let b = sample("samples/en/clinic-visit.ron");
    let h = Highlighted::new(&b);
    let (l, style) = (&h.layout, Style::default());

    // Critical path: points along the critical flows are its colour, and so are its steps' outlines.
    let path = h.highlights.critical_path.as_ref().expect("critical path on");
    let (mut on, mut total) = (0, 0);
    for route in l.flows.iter().filter(|r| path.flows.contains(&r.flow)) {
        for w in route.points.windows(2) {
            for k in 1..8 {
                let t = k as f32 / 8.0;
                let p = pt(w[0].x + (w[1].x - w[0].x) * t, w[0].y + (w[1].y - w[0].y) * t);
                total += 1;
                on += usize::from(close(h.at(p), style.critical_path, 12));
            }
        }
    }
    assert!(
        total > 0 && on as f32 >= 0.8 * total as f32,
        "critical flows: {on} of {total} points"
    );
    for card in l.cards.iter().filter(|c| path.steps.contains(&c.step)) {
        let share = h.outline_share(card.rect, style.critical_path);
        assert!(
            share > 0.4,
            "{}: {share:.2} of its outline is the critical colour",
            b.steps[card.step].id
        );
    }

    // Handoffs: a dot of their colour where each crosses the line of visibility.
    let visibility = l.lines.iter().find(|x| x.line == Line::Visibility).expect("line");
    let handoffs = h.highlights.handoffs.as_ref().expect("handoffs on");
    let dots: Vec<Point> = l
        .flows
        .iter()
        .filter(|r| handoffs.contains(&r.flow))
        .flat_map(|r| l.handoff_dots(r))
        .collect();
    assert!(!dots.is_empty(), "the sample has visibility handoffs");
    // Each dot is where its flow crosses the line, or (when a flow label sits there) just past
    // the label's text along the flow.
    for route in l.flows.iter().filter(|r| handoffs.contains(&r.flow)) {
        for (dot, crossing) in l.handoff_dots(route).iter().zip(crossings(&route.points, visibility.y)) {
            assert!(
                dot.x == crossing.x && (dot.y - crossing.y).abs() <= 24.0,
                "{}: dot {dot:?} strays from its crossing {crossing:?}",
                b.flows[route.flow].id
            );
        }
    }
    for dot in &dots {
        assert!(
            close(h.at(*dot), style.handoff, 12),
            "no handoff dot at {dot:?}: {:?}",
            h.at(*dot)
        );
    }
    // A flow that is no handoff gets no dot where it crosses.
    for route in l.flows.iter().filter(|r| !handoffs.contains(&r.flow)) {
        for p in crossings(&route.points, visibility.y) {
            assert!(!close(h.at(p), style.handoff, 40), "a dot on a flow that is no handoff");
        }
    }

    // Waits: a wait badge, mostly its colour, on each waiting step.
    let waits = h.highlights.waits.as_ref().expect("waits on");
    assert!(!waits.is_empty());
    for &step in waits.keys() {
        let card = l.cards.iter().find(|c| c.step == step).expect("card");
        let wait = card.wait.as_ref().expect("wait badge");
        let share = h.share_in(wait.rect, style.wait);
        assert!(
            share > 0.3,
            "{}: {share:.2} of the wait badge is its colour",
            b.steps[step].id
        );
    }

    // Pain heat: the strip under each header, darkest where the pain is greatest.
    let heat = h.highlights.stage_heat.as_ref().expect("heat on");
    for (j, stage) in l.stages.iter().enumerate() {
        let strip = stage.heat.expect("heat strip");
        let want = style.heat_color(heat[j]);
        assert!(
            close(h.at(strip.center()), want, 3),
            "stage {j}: {:?} vs {want:?}",
            h.at(strip.center())
        );
    }
    assert!(heat.contains(&1.0));

    // The legend shows a sample of each.
    let legend = l.legend.as_ref().expect("legend");
    assert_eq!(legend.highlights.len(), 4);
    for entry in &legend.highlights {
        let color = highlight_color(&style, entry.kind);
        assert!(h.share_in(entry.swatch, color) > 0.05, "{:?} legend sample", entry.kind);
    }
}

#[test]
fn a_waiting_step_on_the_critical_path_shows_both_looks() {
    let style = Style::default();
    let mut found = 0;
    for name in ["samples/en/clinic-visit.ron", "samples/zh/coffee-shop.ron"] {
        let b = sample(name);
        let h = Highlighted::new(&b);
        let path = h.highlights.critical_path.as_ref().expect("critical path on");
        for card in &h.layout.cards {
            if !path.steps.contains(&card.step) || h.highlights.wait_of(card.step).is_none() {
                continue;
            }
            found += 1;
            let id = &b.steps[card.step].id;
            let outline = h.outline_share(card.rect, style.critical_path);
            assert!(
                outline > 0.4,
                "{name} {id}: {outline:.2} of the outline is the critical colour"
            );
            let wait = card.wait.as_ref().expect("wait badge");
            assert!(
                h.share_in(wait.rect, style.wait) > 0.3,
                "{name} {id}: the wait badge shows"
            );
        }
    }
    assert!(found > 0, "the samples have waiting steps on the critical path");
}

#[test]
fn no_highlight_colour_appears_when_highlights_are_off() {
    let b = sample("samples/en/clinic-visit.ron");
    let (image, _) = render(
        &b,
        &ExportOptions {
            scale: 1.0,
            ..ExportOptions::default()
        },
    );
    let style = Style::default();
    for kind in [
        HighlightKind::CriticalPath,
        HighlightKind::Handoffs,
        HighlightKind::Waits,
    ] {
        let color = highlight_color(&style, kind);
        let count = image.pixels().filter(|p| close(p.0, color, 6)).count();
        assert!(count < 50, "{kind:?}: {count} px of its colour with highlights off");
    }
}
