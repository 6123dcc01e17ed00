//! The SVG export stands alone and carries meaning: groups for every step, flow and marker with
//! valid ids, the glyphs it uses embedded as web fonts (or outlines on request), and an
//! independent renderer (resvg, with no system fonts) draws it like our own PNG.

mod common;

use base64::Engine as _;
use blueprint_studio::export::{
    Background, EMBEDDED_FAMILY, ExportOptions, Frame, SvgText, export_scene, render_rgba, write_svg,
};
use blueprint_studio::file;
use blueprint_studio::layout::{Layout, layout};
use blueprint_studio::model::{Blueprint, MarkerTarget, StepId};
use blueprint_studio::scene::Scene;
use blueprint_studio::style::Style;
use common::{cli, temp_dir};
use resvg::{tiny_skia, usvg};
use skrifa::MetadataProvider;
use std::collections::{HashMap, HashSet};
use std::path::Path;

fn sample(name: &str) -> Blueprint {
    file::open(Path::new(name)).unwrap_or_else(|e| panic!("{e}"))
}

fn options() -> ExportOptions {
    ExportOptions {
        scale: 1.0,
        ..ExportOptions::default()
    }
}

fn svg_of(b: &Blueprint, text: SvgText) -> (String, Scene, Frame) {
    let options = options();
    let scene = export_scene(b, &options).expect("scene");
    let frame = Frame::new(scene.bounds, &options);
    let mut bytes = Vec::new();
    write_svg(&scene, &frame, Background::White, text, &mut bytes).expect("svg");
    (String::from_utf8(bytes).expect("utf-8"), scene, frame)
}

fn layout_of(b: &Blueprint) -> Layout {
    layout(b, &Style::default(), options().layout)
}

/// The `<g>` elements by id.
fn groups<'a>(doc: &'a roxmltree::Document<'a>) -> HashMap<&'a str, roxmltree::Node<'a, 'a>> {
    doc.descendants()
        .filter(|n| n.has_tag_name("g"))
        .filter_map(|n| n.attribute("id").map(|id| (id, n)))
        .collect()
}

fn classes<'a>(node: &roxmltree::Node<'a, '_>) -> Vec<&'a str> {
    node.attribute("class").unwrap_or("").split_whitespace().collect()
}

fn title_of(node: &roxmltree::Node<'_, '_>) -> Option<String> {
    node.first_element_child()
        .filter(|c| c.has_tag_name("title"))
        .and_then(|c| c.text().map(str::to_owned))
}

#[test]
fn every_step_flow_marker_lane_stage_and_line_has_its_group() {
    for path in ["samples/zh/coffee-shop.ron", "samples/en/bank-loan.ron"] {
        let b = sample(path);
        let l = layout_of(&b);
        let (svg, _, _) = svg_of(&b, SvgText::EmbeddedFont);
        let doc = roxmltree::Document::parse(&svg).expect("XML");
        let groups = groups(&doc);
        for card in &l.cards {
            let step = &b.steps[card.step];
            let id = format!("step-{}", step.id);
            let g = groups
                .get(id.as_str())
                .unwrap_or_else(|| panic!("{path}: no <g id={id:?}>"));
            let lane = l.lanes[card.lane].kind.key().to_ascii_lowercase();
            assert_eq!(classes(g)[..2], ["step", lane.as_str()], "{path}: {id}");
            let title = title_of(g).unwrap_or_else(|| panic!("{path}: {id} has no <title>"));
            assert!(title.starts_with(&step.title), "{path}: {id}: {title:?}");
            if !step.owner.is_empty() {
                assert!(title.contains(&step.owner), "{path}: {id}: owner missing in {title:?}");
            }
            // The card's own drawing is inside its group: the body and the title text.
            assert!(g.children().any(|c| c.has_tag_name("rect")), "{path}: {id} has no card");
            assert!(g.children().any(|c| c.has_tag_name("text")), "{path}: {id} has no text");
        }
        for route in &l.flows {
            let flow = &b.flows[route.flow];
            let id = format!("flow-{}", flow.id);
            let g = groups
                .get(id.as_str())
                .unwrap_or_else(|| panic!("{path}: no <g id={id:?}>"));
            let classes = classes(g);
            assert_eq!(classes[0], "flow");
            assert_eq!(classes.contains(&"two-way"), flow.two_way, "{path}: {id}");
            for line in &route.crosses {
                assert!(
                    classes.contains(&format!("crosses-{}", line.key()).as_str()),
                    "{path}: {id}"
                );
            }
            assert!(title_of(g).is_some(), "{path}: {id} has no <title>");
            assert!(
                g.children().any(|c| c.has_tag_name("polyline")),
                "{path}: {id} has no line"
            );
            // Its label is drawn later, over every flow's line, in a group named for the flow.
            if !flow.label.is_empty() {
                let id = format!("label-{}", flow.id);
                let label = groups
                    .get(id.as_str())
                    .unwrap_or_else(|| panic!("{path}: no <g id={id:?}>"));
                assert_eq!(label.attribute("class"), Some("flow-label"), "{path}: {id}");
                assert!(
                    label.children().any(|c| c.has_tag_name("text")),
                    "{path}: {id} has no text"
                );
            }
        }
        let mut markers = 0;
        for marker in &b.markers {
            let id = format!("marker-{}", marker.id);
            let Some(g) = groups.get(id.as_str()) else {
                panic!("{path}: no <g id={id:?}>");
            };
            markers += 1;
            assert_eq!(classes(g), ["marker", &marker.kind.key().replace('_', "-")]);
            let parent = g.parent_element().and_then(|p| p.attribute("id")).unwrap_or("");
            let expected = match &marker.target {
                MarkerTarget::Step(step) => format!("step-{step}"),
                MarkerTarget::Stage(stage) => format!("stage-{stage}"),
            };
            assert_eq!(parent, expected, "{path}: {id} sits in its step's or stage's group");
        }
        assert!(markers > 0, "{path}: the sample has markers");
        for lane in &b.lanes {
            assert!(
                groups.contains_key(format!("lane-{}", lane.id).as_str()),
                "{path}: lane {}",
                lane.id
            );
        }
        for stage in &b.stages {
            let g = groups
                .get(format!("stage-{}", stage.id).as_str())
                .unwrap_or_else(|| panic!("{path}: stage {}", stage.id));
            assert_eq!(title_of(g).as_deref(), Some(stage.name.as_str()));
        }
        for line in ["interaction", "visibility", "internal"] {
            let g = groups
                .get(format!("line-{line}").as_str())
                .unwrap_or_else(|| panic!("{path}: line-{line}"));
            assert_eq!(classes(g), ["line", line]);
        }
        assert!(groups.contains_key("title") && groups.contains_key("legend"), "{path}");
    }
}

#[test]
fn highlights_are_classed() {
    let b = sample("samples/en/bank-loan.ron");
    let options = ExportOptions {
        highlight: blueprint_studio::analysis::HighlightSpec::parse("critical-path,heat").expect("spec"),
        ..options()
    };
    let scene = export_scene(&b, &options).expect("scene");
    let mut bytes = Vec::new();
    write_svg(
        &scene,
        &Frame::new(scene.bounds, &options),
        Background::White,
        SvgText::EmbeddedFont,
        &mut bytes,
    )
    .expect("svg");
    let svg = String::from_utf8(bytes).expect("utf-8");
    let doc = roxmltree::Document::parse(&svg).expect("XML");
    let classed = |class: &str| {
        doc.descendants()
            .filter(|n| n.has_tag_name("g") && classes(n).contains(&class))
            .count()
    };
    assert!(classed("highlighted") > 1, "critical path steps and flows");
    assert!(classed("heat") > 0, "pain-point heat strips");
}

/// A path with `old` renamed to `new` wherever it is used.
fn rename_step(b: &mut Blueprint, old: &str, new: &str) {
    let new = StepId::from(new);
    for step in b.steps.iter_mut().filter(|s| s.id.as_str() == old) {
        step.id = new.clone();
    }
    for flow in &mut b.flows {
        if flow.from.as_str() == old {
            flow.from = new.clone();
        }
        if flow.to.as_str() == old {
            flow.to = new.clone();
        }
    }
    for marker in &mut b.markers {
        if matches!(&marker.target, MarkerTarget::Step(id) if id.as_str() == old) {
            marker.target = MarkerTarget::Step(new.clone());
        }
    }
}

#[test]
fn odd_step_ids_become_valid_unique_xml_ids_deterministically() {
    let mut b = sample("samples/en/coffee-shop.ron");
    let odd = [
        "order coffee",
        "order_20_coffee",
        "1st <step> & \"more\"",
        "下单:咖啡",
        "order coffee!",
    ];
    assert!(b.steps.len() >= odd.len());
    let old: Vec<String> = b.steps.iter().take(odd.len()).map(|s| s.id.to_string()).collect();
    for (old, new) in old.iter().zip(odd) {
        rename_step(&mut b, old, new);
    }
    let (svg, _, _) = svg_of(&b, SvgText::EmbeddedFont);
    let (again, _, _) = svg_of(&b, SvgText::EmbeddedFont);
    assert_eq!(svg, again, "the same blueprint gives the same bytes");
    let doc = roxmltree::Document::parse(&svg).expect("XML");
    let ids: Vec<&str> = doc.descendants().filter_map(|n| n.attribute("id")).collect();
    let unique: HashSet<&str> = ids.iter().copied().collect();
    assert_eq!(unique.len(), ids.len(), "ids are unique");
    for id in &ids {
        let mut chars = id.chars();
        let first = chars.next().expect("non-empty");
        assert!(first.is_alphabetic() || first == '_', "{id:?} starts a name");
        assert!(
            chars.all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.')),
            "{id:?} is an XML name without colons or spaces"
        );
    }
    let steps: Vec<&&str> = ids.iter().filter(|id| id.starts_with("step-")).collect();
    assert_eq!(steps.len(), b.steps.len(), "one group per step: {steps:?}");
    assert!(ids.contains(&"step-下单_3a_咖啡"), "{steps:?}");
    assert!(ids.contains(&"step-order_20_coffee"), "{steps:?}");
    assert!(ids.contains(&"step-order_5f_20_5f_coffee"), "{steps:?}");
}

/// The embedded fonts, by CSS weight.
fn embedded_fonts(svg: &str) -> Vec<(u16, Vec<u8>)> {
    let doc = roxmltree::Document::parse(svg).expect("XML");
    let css: String = doc
        .descendants()
        .filter(|n| n.has_tag_name("style"))
        .filter_map(|n| n.text())
        .collect();
    css.split("@font-face")
        .skip(1)
        .map(|rule| {
            assert!(
                rule.contains(&format!("font-family: '{EMBEDDED_FAMILY}'")),
                "{rule:.80}"
            );
            let weight = if rule.contains("font-weight: 700") { 700 } else { 400 };
            let start = rule.find("data:font/otf;base64,").expect("a data URL") + "data:font/otf;base64,".len();
            let end = start + rule[start..].find(')').expect("url(…) closes");
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(&rule[start..end])
                .expect("base64");
            (weight, bytes)
        })
        .collect()
}

#[test]
fn the_svg_embeds_a_font_subset_with_a_glyph_for_every_character() {
    let b = sample("samples/zh/coffee-shop.ron");
    let (svg, _, _) = svg_of(&b, SvgText::EmbeddedFont);
    let root_family = roxmltree::Document::parse(&svg)
        .expect("XML")
        .root_element()
        .attribute("font-family")
        .map(str::to_owned)
        .unwrap_or_default();
    assert!(
        root_family.starts_with(&format!("'{EMBEDDED_FAMILY}',")),
        "{root_family}"
    );
    let fonts = embedded_fonts(&svg);
    assert_eq!(
        fonts.iter().map(|(w, _)| *w).collect::<Vec<_>>(),
        [400, 700],
        "both weights are used"
    );
    let doc = roxmltree::Document::parse(&svg).expect("XML");
    for (weight, bytes) in &fonts {
        assert!(
            bytes.len() < 400_000,
            "a subset, not the 2 MB font: {} bytes",
            bytes.len()
        );
        let font = skrifa::FontRef::new(bytes).expect("the embedded font parses");
        let charmap = font.charmap();
        let outlines = font.outline_glyphs();
        let bold = *weight == 700;
        let mut checked = 0;
        for text in doc
            .descendants()
            .filter(|n| n.has_tag_name("text") && (n.attribute("font-weight") == Some("bold")) == bold)
        {
            for c in text.text().unwrap_or("").chars().filter(|c| !c.is_whitespace()) {
                let gid = charmap
                    .map(c)
                    .unwrap_or_else(|| panic!("weight {weight}: no glyph for {c:?}"));
                assert!(outlines.get(gid).is_some(), "weight {weight}: {c:?} has no outline");
                checked += 1;
            }
        }
        assert!(checked > 20, "weight {weight}: {checked} characters checked");
    }
}

#[test]
fn text_as_paths_writes_outlines_and_no_text_or_font() {
    let dir = temp_dir("svg-paths");
    let out = dir.join("paths.svg");
    let (code, _, err) = cli(&[
        "export",
        "samples/zh/coffee-shop.ron",
        "-o",
        out.to_str().expect("path"),
        "--text-as-paths",
    ]);
    assert_eq!(code, 0, "{err}");
    let svg = std::fs::read_to_string(&out).expect("svg");
    let doc = roxmltree::Document::parse(&svg).expect("XML");
    assert_eq!(doc.descendants().filter(|n| n.has_tag_name("text")).count(), 0);
    assert!(!svg.contains("@font-face"));
    let b = sample("samples/zh/coffee-shop.ron");
    let labels: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("path"))
        .filter_map(|n| n.attribute("aria-label"))
        .collect();
    // Each text run keeps its words as the outline's label; a title may wrap over two runs.
    let joined: String = labels.concat();
    for step in &b.steps {
        let squashed: String = step.title.chars().filter(|c| !c.is_whitespace()).collect();
        let head: String = squashed.chars().take(3).collect();
        assert!(joined.contains(&head), "{:?} is labelled", step.title);
    }
    std::fs::remove_dir_all(&dir).ok();
}

/// Renders `svg` with resvg, whose font database is `fontdb` (no system fonts).
fn resvg_render(svg: &str, frame: &Frame, fontdb: usvg::fontdb::Database) -> Vec<u8> {
    let options = usvg::Options {
        fontdb: std::sync::Arc::new(fontdb),
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(svg, &options).expect("usvg parses our SVG");
    let mut pixmap = tiny_skia::Pixmap::new(frame.width, frame.height).expect("pixmap");
    resvg::render(&tree, tiny_skia::Transform::default(), &mut pixmap.as_mut());
    // Opaque white page: premultiplied and straight alpha are the same.
    pixmap.data().to_vec()
}

fn mean_difference(a: &[u8], b: &[u8]) -> f64 {
    assert_eq!(a.len(), b.len());
    let sum: u64 = a.iter().zip(b).map(|(x, y)| u64::from(x.abs_diff(*y))).sum();
    sum as f64 / a.len() as f64
}

/// Dark pixels in the first line of every card title, in `rgba` (`width` px wide).
fn ink_in_card_titles(l: &Layout, rgba: &[u8], width: u32) -> Vec<usize> {
    l.cards
        .iter()
        .map(|card| {
            let line = &card.title.lines[0];
            let size = card.title.size;
            let (x0, x1) = (line.origin.x as u32, (line.origin.x + line.width) as u32);
            let (y0, y1) = ((line.origin.y - 0.8 * size) as u32, (line.origin.y + 0.2 * size) as u32);
            (y0..y1)
                .flat_map(|y| (x0..x1).map(move |x| ((y * width + x) * 4) as usize))
                .filter(|&i| rgba[i..i + 3].iter().all(|&c| c < 140))
                .count()
        })
        .collect()
}

fn assert_renders_like_png(svg: &str, scene: &Scene, frame: &Frame, l: &Layout, fontdb: usvg::fontdb::Database) {
    let ours = render_rgba(scene, frame, Background::White).expect("png pixels");
    let theirs = resvg_render(svg, frame, fontdb);
    // Measured 0.48: anti-aliasing differs between the two rasterisers, nothing else.
    let difference = mean_difference(&ours, &theirs);
    assert!(
        difference < 1.0,
        "mean channel difference between our PNG and resvg's rendering: {difference:.2}"
    );
    let (a, b) = (
        ink_in_card_titles(l, &ours, frame.width),
        ink_in_card_titles(l, &theirs, frame.width),
    );
    for (card, (a, b)) in l.cards.iter().zip(a.iter().zip(&b)) {
        assert!(
            *a > 5 && *b > 5 && (*a as f32 / *b as f32 - 1.0).abs() < 0.5,
            "{:?}: {a} dark pixels in our PNG, {b} in resvg's",
            card.title.lines[0].text
        );
    }
}

#[test]
fn resvg_without_system_fonts_draws_the_outline_svg_like_our_png() {
    let b = sample("samples/zh/coffee-shop.ron");
    let (svg, scene, frame) = svg_of(&b, SvgText::Paths);
    assert_renders_like_png(&svg, &scene, &frame, &layout_of(&b), usvg::fontdb::Database::new());
}

#[test]
fn resvg_draws_the_embedded_font_svg_like_our_png_once_given_the_embedded_fonts() {
    let b = sample("samples/zh/coffee-shop.ron");
    let (svg, scene, frame) = svg_of(&b, SvgText::EmbeddedFont);
    let l = layout_of(&b);
    // usvg reads no @font-face rules: with no fonts of its own it draws no text at all. This
    // checks that is still so (if it changes, usvg can test the embedded fonts by itself).
    let blank = resvg_render(&svg, &frame, usvg::fontdb::Database::new());
    assert!(
        ink_in_card_titles(&l, &blank, frame.width).iter().all(|&ink| ink == 0),
        "usvg now draws text from @font-face: test it without loading the fonts by hand"
    );
    // What a browser does with the @font-face rules: load the data URLs under the rule's family.
    let mut fontdb = usvg::fontdb::Database::new();
    for (_, bytes) in embedded_fonts(&svg) {
        fontdb.load_font_data(bytes);
    }
    let faces: Vec<_> = fontdb.faces().cloned().collect();
    assert_eq!(faces.len(), 2, "both embedded fonts load");
    for mut face in faces {
        fontdb.remove_face(face.id);
        face.families = vec![(EMBEDDED_FAMILY.to_owned(), usvg::fontdb::Language::English_UnitedStates)];
        fontdb.push_face_info(face);
    }
    assert_renders_like_png(&svg, &scene, &frame, &l, fontdb);
}

#[test]
fn an_unrated_opportunity_has_no_number_and_a_narrower_tag() {
    let mut b = sample("samples/en/coffee-shop.ron");
    let i = b
        .markers
        .iter()
        .position(|m| !m.kind.needs_severity())
        .expect("the sample has an opportunity or a moment of truth");
    b.markers[i].severity = None;
    let rated = b
        .markers
        .iter()
        .position(|m| m.severity.is_some())
        .expect("a rated marker");
    let (svg, _, _) = svg_of(&b, SvgText::EmbeddedFont);
    let doc = roxmltree::Document::parse(&svg).expect("xml");
    let groups = groups(&doc);
    let texts = |m: usize| -> Vec<String> {
        let g = groups[format!("marker-{}", b.markers[m].id).as_str()];
        g.descendants()
            .filter(|n| n.has_tag_name("text"))
            .filter_map(|n| n.text().map(str::to_owned))
            .collect()
    };
    assert!(
        texts(i).iter().all(|t| !t.chars().any(|c| c.is_ascii_digit())),
        "{:?}",
        texts(i)
    );
    assert!(texts(rated).iter().any(|t| t.chars().any(|c| c.is_ascii_digit())));
    let title = title_of(&groups[format!("marker-{}", b.markers[i].id).as_str()]).expect("title");
    assert!(!title.contains("/5"), "{title}");
    let layout = layout_of(&b);
    let width = |m: usize| {
        layout
            .cards
            .iter()
            .flat_map(|c| &c.badges)
            .chain(layout.stages.iter().flat_map(|s| &s.badges))
            .find(|badge| badge.marker == m)
            .map(|badge| badge.rect.width())
            .expect("drawn")
    };
    assert!(width(i) < width(rated) * 0.8, "{} against {}", width(i), width(rated));
}

#[test]
fn on_every_sample_the_emotion_band_holds_one_dot_per_feeling_and_nothing_else_covers_it() {
    use blueprint_studio::model::LaneKind;
    let paths: Vec<_> = ["samples/en", "samples/zh"]
        .iter()
        .flat_map(|dir| std::fs::read_dir(dir).expect("samples"))
        .map(|e| e.expect("entry").path())
        .collect();
    assert!(paths.len() >= 40);
    for path in paths {
        let b = sample(path.to_str().expect("path"));
        let layout = layout_of(&b);
        let customer = b.lane_of_kind(LaneKind::Customer).expect("lane").id.clone();
        let felt = b
            .steps
            .iter()
            .filter(|s| s.lane == customer && s.emotion.is_some())
            .count();
        let Some(curve) = layout.emotion.as_ref() else {
            assert_eq!(felt, 0, "{}", path.display());
            continue;
        };
        assert_eq!(curve.points.len(), felt, "{}", path.display());
        for p in &curve.points {
            assert!(curve.band.contains(p.at), "{}: {p:?}", path.display());
        }
        for card in &layout.cards {
            assert!(
                !card.rect.intersects(&curve.band),
                "{}: a card on the band",
                path.display()
            );
        }
        for route in &layout.flows {
            if let Some((rect, _)) = &route.label {
                assert!(
                    !rect.intersects(&curve.band),
                    "{}: a flow label on the band",
                    path.display()
                );
            }
        }
    }
}

#[test]
fn the_emotion_curve_shows_each_customer_feeling_above_the_cards_and_only_when_there_is_one() {
    use blueprint_studio::model::LaneKind;
    let b = sample("samples/en/coffee-shop.ron");
    let (svg, _, _) = svg_of(&b, SvgText::EmbeddedFont);
    let doc = roxmltree::Document::parse(&svg).expect("xml");
    let groups = groups(&doc);
    assert_eq!(classes(&groups["emotion"]), ["emotion"]);
    let layout = layout_of(&b);
    let curve = layout.emotion.as_ref().expect("the sample has emotions");
    let customer = b.lane_of_kind(LaneKind::Customer).expect("lane").id.clone();
    let felt: Vec<_> = b
        .steps
        .iter()
        .filter(|s| s.lane == customer && s.emotion.is_some())
        .collect();
    assert_eq!(curve.points.len(), felt.len());
    for step in &felt {
        let g = groups[format!("emotion-{}", step.id).as_str()];
        assert_eq!(classes(&g), ["emotion-point"]);
        assert!(title_of(&g).is_some_and(|t| t.starts_with(&step.title)));
    }
    // Higher feelings sit higher; the zero line is where 0 is; left to right by stage.
    for pair in curve.points.windows(2) {
        assert!(pair[0].at.x < pair[1].at.x, "{pair:?}");
        let (a, b) = (pair[0], pair[1]);
        assert_eq!(a.emotion.cmp(&b.emotion), b.at.y.total_cmp(&a.at.y), "{a:?} {b:?}");
    }
    for p in curve.points.iter().filter(|p| p.emotion == 0) {
        assert!((p.at.y - curve.zero_y).abs() < 0.01);
    }
    // The band is above every customer card, and none overlaps it.
    let lane = b.lanes.iter().position(|l| l.id == customer).expect("lane");
    for card in layout.cards.iter().filter(|c| c.lane == lane) {
        assert!(
            card.rect.min.y >= curve.band.max.y,
            "{:?} under {:?}",
            card.rect,
            curve.band
        );
    }
    // Without feelings, no band and a shorter lane.
    let mut flat = b.clone();
    for step in &mut flat.steps {
        step.emotion = None;
    }
    let (svg, _, _) = svg_of(&flat, SvgText::EmbeddedFont);
    assert!(!svg.contains("class=\"emotion\""));
    let without = layout_of(&flat);
    assert!(without.emotion.is_none());
    let height = |l: &Layout| l.lanes[lane].band.height();
    assert!(
        (height(&layout) - height(&without) - 80.0).abs() < 0.5,
        "{} {}",
        height(&layout),
        height(&without)
    );
}
