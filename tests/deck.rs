//! Decks: every sample's slides hold every step once, stubs for flows between slides, readable
//! text and a full slide; the CLI writes the same deck as PNG, SVG, PDF and PowerPoint.

mod common;

use blueprint_studio::export::Slide;
use blueprint_studio::export::deck::{DeckOptions, MIN_FILL, plan};
use blueprint_studio::scene::{Role, Shape};
use common::{cli, temp_dir};
use std::collections::{HashMap, HashSet};
use std::io::Read;
use std::path::PathBuf;

fn samples() -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = ["samples/en", "samples/zh"]
        .iter()
        .flat_map(|dir| std::fs::read_dir(dir).expect("samples"))
        .map(|entry| entry.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    paths.sort();
    paths
}

#[test]
fn every_sample_deck_holds_each_step_once_with_stubs_readable_text_and_a_full_slide() {
    for path in samples() {
        let blueprint = blueprint_studio::file::load(&path).expect("sample loads");
        for aspect in [Slide::Wide, Slide::Standard] {
            let options = DeckOptions {
                aspect,
                ..DeckOptions::default()
            };
            let deck = plan(&blueprint, &options);
            let name = format!("{} {:?}", path.display(), aspect);
            assert!(deck.slides.len() >= 2, "{name}: an overview and content slides");
            assert_eq!(deck.slides[0].stages, None, "{name}: the overview comes first");
            let mut seen: HashMap<&str, usize> = HashMap::new();
            let mut next_stage = 0;
            let mut last_range = None;
            let scale = deck.slides[1].frame.scale;
            for (i, slide) in deck.slides.iter().enumerate() {
                assert_eq!((slide.frame.width, slide.frame.height), aspect.size(), "{name}");
                let page = format!("{} / {}", i + 1, deck.slides.len());
                assert!(
                    slide.scene.items.iter().any(|item| matches!(
                        &item.shape,
                        blueprint_studio::scene::Shape::Text { text, .. } if *text == page
                    )),
                    "{name}: slide {} says {page}",
                    i + 1
                );
                let Some((from, to)) = slide.stages else {
                    continue;
                };
                // Consecutive stages; a stage too big for one slide goes on several in a row.
                assert!(
                    from == next_stage || last_range.map(|(_, last)| last) == Some(from),
                    "{name}: slide {} shows stages {from}–{to} after {last_range:?}",
                    i + 1
                );
                next_stage = to + 1;
                last_range = Some((from, to));
                assert_eq!(slide.frame.scale, scale, "{name}: one scale for all content slides");
                for step in &slide.steps {
                    *seen.entry(step.as_str()).or_default() += 1;
                }
                // Every word of every card: a slide never cuts a title short. A stub may: it
                // points to its step, shown in full on the other slide.
                let stubs: Vec<std::ops::Range<usize>> = slide
                    .scene
                    .groups
                    .iter()
                    .filter(|g| g.id.contains("~stub~"))
                    .map(|g| g.start..g.end)
                    .collect();
                // A stub says where it points on its first line, and the step it points to
                // keeps at least its first words after that.
                for group in slide.scene.groups.iter().filter(|g| g.id.contains("~stub~")) {
                    let lines: Vec<&str> = slide.scene.items[group.start..group.end]
                        .iter()
                        .filter_map(|item| match (&item.role, &item.shape) {
                            (Role::CardText(_), Shape::Text { text, .. }) => Some(text.as_str()),
                            _ => None,
                        })
                        .collect();
                    let id = group.id.rsplit("~stub~").next().unwrap_or_default();
                    let step = blueprint.steps.iter().find(|s| s.id.as_str() == id);
                    let title = step.map(|s| s.title.as_str()).unwrap_or_default();
                    // Letters alone: the drawing sets typographic quotes.
                    let letters = |s: &str| s.chars().filter(|c| c.is_alphanumeric()).collect::<String>();
                    // (Where a narrow stub has no room to say which stage, the arrow leads the
                    // step.)
                    let names_step = (0..lines.len()).any(|k| {
                        let shown = letters(&lines[k..].concat());
                        !shown.is_empty() && letters(title).starts_with(&shown)
                    });
                    assert!(
                        lines.first().is_some_and(|l| l.starts_with(['→', '←'])) && names_step,
                        "{name}: slide {}: stub of {id} reads {lines:?}",
                        i + 1
                    );
                    // Cut short, English ends on the baseline ("plans..."), Chinese keeps its
                    // centred "…".
                    for line in &lines {
                        if let Some(kept) = line.strip_suffix('…') {
                            assert!(
                                kept.chars().last().is_none_or(blueprint_studio::text::is_cjk),
                                "{name}: slide {}: “{line}” ends in a centred ellipsis",
                                i + 1
                            );
                        }
                    }
                    // A line ends between words, never inside one ("Compare / s plans"); Chinese
                    // breaks between any two characters.
                    let latin = |c: char| c.is_alphanumeric() && !blueprint_studio::text::is_cjk(c);
                    let words: HashSet<&str> = std::iter::once(title)
                        .chain(blueprint.stages.iter().map(|s| s.name.as_str()))
                        .flat_map(|t| t.split(|c: char| !latin(c)))
                        .collect();
                    for line in &lines[..lines.len().saturating_sub(1)] {
                        let last = line.rsplit(|c: char| !latin(c)).next().unwrap_or_default();
                        assert!(
                            last.is_empty() || last.chars().all(|c| c.is_numeric()) || words.contains(last),
                            "{name}: slide {}: stub of {id} breaks a word: {lines:?}",
                            i + 1
                        );
                    }
                }
                for (k, item) in slide.scene.items.iter().enumerate() {
                    if stubs.iter().any(|r| r.contains(&k)) {
                        continue;
                    }
                    if let (
                        blueprint_studio::scene::Role::CardText(_),
                        blueprint_studio::scene::Shape::Text { text, .. },
                    ) = (&item.role, &item.shape)
                    {
                        assert!(
                            !text.ends_with('…') && !text.ends_with("..."),
                            "{name}: slide {} cuts “{text}” short",
                            i + 1
                        );
                    }
                }
                // Labels never collide: a flow's label covers no card, no other text and no
                // other label.
                let is_label = |item: &&blueprint_studio::scene::Item| {
                    matches!(item.role, Role::FlowLabel(_)) && matches!(item.shape, Shape::Rect { .. })
                };
                let labels: Vec<_> = slide.scene.items.iter().filter(is_label).collect();
                // Where a label found no free place on a crowded slide, another flow's line
                // passes under its pill, never over its text.
                let last_line = slide
                    .scene
                    .items
                    .iter()
                    .rposition(|item| matches!((&item.role, &item.shape), (Role::Flow(_), Shape::Path { .. })));
                let first_label = slide.scene.items.iter().position(|item| is_label(&item));
                assert!(
                    last_line < first_label || first_label.is_none(),
                    "{name}: slide {}: a flow's line is drawn over a label",
                    i + 1
                );
                for (k, label) in labels.iter().enumerate() {
                    let inner = label.bbox.expand(-1.0);
                    let covered = slide.scene.items.iter().find(|item| match (&item.role, &item.shape) {
                        (Role::Card(_), Shape::Rect { .. }) => inner.intersects(&item.bbox),
                        (Role::FlowLabel(_), _) => false,
                        (_, Shape::Text { .. }) => inner.intersects(&item.bbox.expand(-1.0)),
                        _ => false,
                    });
                    assert!(covered.is_none(), "{name}: slide {}: a label covers {covered:?}", i + 1);
                    assert!(
                        labels[k + 1..]
                            .iter()
                            .all(|other| !inner.intersects(&other.bbox.expand(-1.0))),
                        "{name}: slide {}: two labels overlap",
                        i + 1
                    );
                }
                // The names of the three lines, in their pills, keep clear of the lane names.
                for pill in slide
                    .scene
                    .items
                    .iter()
                    .filter(|item| matches!((&item.role, &item.shape), (Role::LineLabel, Shape::Rect { .. })))
                {
                    let clash = slide.scene.items.iter().find(|item| {
                        matches!((&item.role, &item.shape), (Role::LaneHeader, Shape::Text { .. }))
                            && pill.bbox.intersects(&item.bbox)
                    });
                    assert!(
                        clash.is_none(),
                        "{name}: slide {}: a line's name covers {clash:?}",
                        i + 1
                    );
                    // Its words stay inside the pill's round ends: the corners of every line's
                    // capitals and baseline are within the rounded shape.
                    let Shape::Rect { rect, radius, .. } = &pill.shape else {
                        continue;
                    };
                    for item in &slide.scene.items {
                        let (
                            Role::LineLabel,
                            Shape::Text {
                                origin, size, width, ..
                            },
                        ) = (&item.role, &item.shape)
                        else {
                            continue;
                        };
                        if !rect.contains(*origin) {
                            continue;
                        }
                        let cap = origin.y - 0.7 * size;
                        for (x, y) in [
                            (origin.x, cap),
                            (origin.x + width, cap),
                            (origin.x, origin.y),
                            (origin.x + width, origin.y),
                        ] {
                            let cx = x.clamp(rect.min.x + radius, rect.max.x - radius);
                            let cy = y.clamp(rect.min.y + radius, rect.max.y - radius);
                            assert!(
                                (x - cx).hypot(y - cy) <= radius + 0.5,
                                "{name}: slide {}: the pill's round end cuts into its words",
                                i + 1
                            );
                        }
                    }
                }
                // Readable: the warning says so whenever the text had to shrink.
                let text = slide.min_text_px();
                assert!(
                    text >= options.min_text - 0.05 || !deck.warnings.is_empty(),
                    "{name}: slide {} has {text:.1} px text and no warning",
                    i + 1
                );
                // At 16:9 all samples keep the asked size, at 4:3 all but one; its densest
                // stage still needs a little less (docs/DRAWING.md, "Decks"), so this guards
                // against regressions.
                let least = match aspect {
                    Slide::Wide => 19.9,
                    _ => 19.0,
                };
                assert!(text >= least, "{name}: slide {} text is {text:.1} px", i + 1);
                assert!(
                    slide.fill() >= MIN_FILL,
                    "{name}: slide {} covers {:.0} %",
                    i + 1,
                    slide.fill() * 100.0
                );
            }
            assert_eq!(next_stage, blueprint.stages.len(), "{name}: every stage shown");
            for step in &blueprint.steps {
                assert_eq!(seen.get(step.id.as_str()), Some(&1), "{name}: {} on one slide", step.id);
            }
            // A flow whose ends are on different slides is a stub on both.
            let slide_of: HashMap<&str, usize> = deck
                .slides
                .iter()
                .enumerate()
                .skip(1)
                .flat_map(|(i, s)| s.steps.iter().map(move |id| (id.as_str(), i)))
                .collect();
            for flow in &blueprint.flows {
                let (a, b) = (slide_of[flow.from.as_str()], slide_of[flow.to.as_str()]);
                if a != b {
                    for side in [a, b] {
                        assert!(
                            deck.slides[side].stubs.contains(&flow.id),
                            "{name}: flow {} is a stub on slide {}",
                            flow.id,
                            side + 1
                        );
                    }
                }
            }
        }
    }
}

#[test]
fn a_legend_in_the_title_row_or_the_corner_covers_no_text_and_saves_the_slide_a_row() {
    let (mut lifted, mut cornered) = (0, 0);
    for aspect in [Slide::Wide, Slide::Standard] {
        let options = DeckOptions {
            aspect,
            ..DeckOptions::default()
        };
        for path in samples() {
            let blueprint = blueprint_studio::file::load(&path).expect("sample loads");
            let deck = plan(&blueprint, &options);
            for (i, slide) in deck.slides.iter().enumerate() {
                let Some(group) = slide.scene.groups.iter().find(|g| g.id == "legend") else {
                    continue;
                };
                let f = &slide.frame;
                let to_px = |r: blueprint_studio::geom::Rect| {
                    blueprint_studio::geom::Rect::from_xywh(
                        f.dx + r.min.x * f.scale,
                        f.dy + r.min.y * f.scale,
                        r.width() * f.scale,
                        r.height() * f.scale,
                    )
                };
                let Some(legend) = slide.scene.items[group.start..group.end]
                    .iter()
                    .map(|item| to_px(item.bbox))
                    .reduce(|a, b| a.union(&b))
                else {
                    continue;
                };
                let name = format!("{aspect:?} {} slide {}", path.display(), i + 1);
                // The stage headers' row: the corner is the cell left of it.
                let headers = slide
                    .scene
                    .items
                    .iter()
                    .filter(|item| item.role == Role::StageHeader && matches!(item.shape, Shape::Rect { .. }))
                    .map(|item| to_px(item.bbox))
                    .filter(|r| r.width() > 0.0)
                    .reduce(|a, b| a.union(&b))
                    .expect("stage headers");
                if legend.max.y <= slide.drawing_rect.min.y {
                    lifted += 1;
                } else if legend.max.x <= headers.min.x {
                    cornered += 1;
                    assert!(
                        legend.min.y >= headers.min.y - 0.5 && legend.max.y <= headers.max.y + 0.5,
                        "{name}: the legend sits beside the stage headers"
                    );
                } else {
                    continue;
                }
                assert!(
                    legend.min.x >= 0.0 && legend.max.x <= f.width as f32,
                    "{name}: the legend is on the slide"
                );
                for (k, item) in slide.scene.items.iter().enumerate() {
                    if (group.start..group.end).contains(&k) {
                        continue;
                    }
                    if let Shape::Text { text, .. } = &item.shape
                        && !text.trim().is_empty()
                    {
                        assert!(
                            !legend.intersects(&to_px(item.bbox)),
                            "{name}: the legend covers “{text}”"
                        );
                    }
                }
            }
        }
    }
    // Most slides have room for it beside their title; at 4:3 some of the others in the corner.
    assert!(lifted > 50, "only {lifted} legends in a title row");
    assert!(cornered > 0, "no legend in the corner");
}

#[test]
fn every_slide_has_talking_points_the_overview_the_whole_and_content_slides_their_steps() {
    let blueprint = blueprint_studio::file::load(std::path::Path::new("samples/en/bank-loan.ron")).expect("loads");
    let deck = plan(&blueprint, &DeckOptions::default());
    // The overview's: the scenario, the stages in order, the figures of the whole.
    let overview = &deck.slides[0].notes;
    assert_eq!(overview.first(), Some(&blueprint.scenario));
    let stages: Vec<&str> = blueprint.stages.iter().map(|s| s.name.as_str()).collect();
    assert!(
        overview.contains(&format!("Stages: {}", stages.join(" → "))),
        "{overview:?}"
    );
    assert!(overview.iter().any(|n| n.starts_with("Lead time 19 d")), "{overview:?}");
    assert!(
        overview.iter().any(|n| n.contains("line of visibility: 9")),
        "{overview:?}"
    );
    for slide in deck.slides.iter().skip(1) {
        for id in &slide.steps {
            let step = blueprint.step(id).expect("step");
            assert!(
                slide.notes.iter().any(|n| n.starts_with(&step.title)),
                "a talking point for {}",
                step.title
            );
        }
    }
}

#[test]
fn the_cli_writes_one_deck_as_png_svg_pdf_and_pptx() {
    let dir = temp_dir("deck-cli");
    let blueprint = blueprint_studio::file::load(std::path::Path::new("samples/zh/bank-loan.ron")).expect("loads");
    let deck = plan(&blueprint, &DeckOptions::default());
    let slides = deck.slides.len();
    let run = |name: &str, extra: &[&str]| {
        let out = dir.join(name);
        let out = out.to_str().expect("utf-8").to_owned();
        let mut args = vec!["export", "samples/zh/bank-loan.ron", "--deck", "-o", out.as_str()];
        args.extend_from_slice(extra);
        let (code, _, err) = cli(&args);
        assert_eq!(code, 0, "{err}");
    };
    run("d.png", &[]);
    for i in 1..=slides {
        let image = image::open(dir.join(format!("d-{i:02}.png"))).expect("slide PNG");
        assert_eq!((image.width(), image.height()), (1920, 1080));
    }
    assert!(!dir.join(format!("d-{:02}.png", slides + 1)).exists());
    run("d.svg", &[]);
    let ids: HashSet<String> = (1..=slides)
        .flat_map(|i| {
            let svg = std::fs::read_to_string(dir.join(format!("d-{i:02}.svg"))).expect("slide SVG");
            svg.match_indices("id=\"step-")
                .map(|(at, _)| svg[at + 9..].split('"').next().unwrap_or_default().to_owned())
                .collect::<Vec<_>>()
        })
        .collect();
    for step in &blueprint.steps {
        assert!(
            ids.iter().any(|id| id.contains(step.id.as_str())),
            "{} in the SVG deck",
            step.id
        );
    }
    run("d.pdf", &[]);
    let pdf = lopdf::Document::load(dir.join("d.pdf")).expect("PDF parses");
    assert_eq!(pdf.get_pages().len(), slides);
    run("h.pdf", &["--notes"]);
    let handout = lopdf::Document::load(dir.join("h.pdf")).expect("PDF parses");
    assert!(
        handout.get_pages().len() >= 2 * slides,
        "a handout page after each slide"
    );
    run("d.pptx", &[]);
    let file = std::fs::File::open(dir.join("d.pptx")).expect("pptx");
    let mut zip = zip::ZipArchive::new(file).expect("zip");
    let names: Vec<String> = (0..zip.len())
        .map(|i| zip.by_index(i).expect("entry").name().expect("UTF-8 name").into_owned())
        .collect();
    let count = |prefix: &str| {
        names
            .iter()
            .filter(|n| n.starts_with(prefix) && n.ends_with(".xml"))
            .count()
    };
    assert_eq!(count("ppt/slides/slide"), slides);
    assert_eq!(count("ppt/notesSlides/notesSlide"), slides);
    let mut xml = String::new();
    zip.by_name("ppt/slides/slide2.xml")
        .expect("slide 2")
        .read_to_string(&mut xml)
        .expect("utf-8");
    assert!(
        xml.contains(&deck.slides[1].title.replace('&', "&amp;")),
        "the title is text"
    );
}

#[test]
fn pptx_needs_a_deck_and_bad_deck_options_are_usage_errors() {
    let dir = temp_dir("deck-errors");
    let out = dir.join("x.pptx");
    let (code, _, err) = cli(&[
        "export",
        "samples/en/coffee-shop.ron",
        "-o",
        out.to_str().expect("utf-8"),
    ]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("--deck"), "{err}");
    let (code, _, err) = cli(&["export", "samples/en/coffee-shop.ron", "--deck", "5:4", "-o", "x.png"]);
    assert_eq!(code, 2);
    assert!(err.contains("16:9 or 4:3"), "{err}");
    let (code, _, err) = cli(&[
        "export",
        "samples/en/coffee-shop.ron",
        "--deck",
        "--min-text",
        "200",
        "-o",
        "x.png",
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("px is outside"), "{err}");
}

#[test]
fn the_cli_says_how_many_slides_a_deck_holds_and_when_it_needs_smaller_text_than_asked() {
    let dir = temp_dir("deck-warning");
    let out = dir.join("d.pdf");
    let out = out.to_str().expect("utf-8");
    let (code, _, err) = cli(&[
        "export",
        "samples/en/telecom-plan-change.ron",
        "--deck",
        "4:3",
        "-o",
        out,
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("warning: the blueprint is too large for 20 px text"),
        "{err}"
    );
    let (code, stdout, err) = cli(&["export", "samples/en/telecom-plan-change.ron", "--deck", "-o", out]);
    assert_eq!(code, 0, "{err}");
    let slides = plan(
        &blueprint_studio::file::load(std::path::Path::new("samples/en/telecom-plan-change.ron")).expect("sample"),
        &DeckOptions::default(),
    )
    .slides
    .len();
    assert!(
        stdout.contains(&format!("d.pdf: {slides} slides of 1920 × 1080 px")),
        "a deck says how many slides it holds: {stdout}"
    );
    // One slide of a whole blueprint says when its titles are too small for a room; an image
    // at its own scale does not.
    let slide = std::path::Path::new(out).with_file_name("slide.png");
    let slide = slide.to_str().expect("utf-8");
    let (code, _, err) = cli(&["export", "samples/en/bank-loan.ron", "--slide", "16:9", "-o", slide]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("warning: card titles on this slide are as small as 11 px"),
        "{err}"
    );
    let (_, _, err) = cli(&["export", "samples/en/bank-loan.ron", "-o", slide]);
    assert!(!err.contains("card titles"), "{err}");
    // A large image, drawn in bands that report progress.
    let big = std::path::Path::new(out).with_file_name("big.png");
    let (code, _, err) = cli(&[
        "export",
        "samples/en/order-delivery.ron",
        "--scale",
        "4",
        "-o",
        big.to_str().expect("utf-8"),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(
        !err.contains("exporting"),
        "no progress line where no one watches: {err}"
    );
    let (code, _, err) = cli(&[
        "export",
        "samples/en/telecom-plan-change.ron",
        "--deck",
        "4:3",
        "--min-text",
        "12",
        "-o",
        out,
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("warning"), "12 px fits: {err}");
}

#[test]
fn a_stage_too_big_for_one_slide_goes_on_several_numbered_in_their_titles() {
    let blueprint = blueprint_studio::file::load(std::path::Path::new("samples/en/bank-loan.ron")).expect("sample");
    let deck = plan(&blueprint, &DeckOptions::default());
    assert!(deck.warnings.is_empty(), "{:?}", deck.warnings);
    // Slides that show one stage between them: "Document review (1/3)", then "(2/3)" or, joined,
    // "(2–3/3)".
    let content = &deck.slides[1..];
    let pair = content
        .windows(2)
        .find(|w| w[0].stages == w[1].stages && w[0].stages.is_some_and(|(a, b)| a == b))
        .expect("a stage on two slides");
    let (j, _) = pair[0].stages.expect("stages");
    let name = &blueprint.stages[j].name;
    assert!(pair[0].title.contains(&format!("· {name} (1/")), "{}", pair[0].title);
    assert!(pair[1].title.contains(&format!("· {name} (2")), "{}", pair[1].title);
    // Each part's steps are on its slide alone, and a flow between the parts is a stub on both.
    let crossing = blueprint.flows.iter().find(|f| {
        pair[0].steps.contains(&f.from) && pair[1].steps.contains(&f.to)
            || pair[1].steps.contains(&f.from) && pair[0].steps.contains(&f.to)
    });
    if let Some(flow) = crossing {
        assert!(
            pair[0].stubs.contains(&flow.id) && pair[1].stubs.contains(&flow.id),
            "{}",
            flow.id
        );
    }
}

#[test]
fn every_slide_marks_the_critical_path_and_lead_time_of_the_whole_blueprint() {
    use blueprint_studio::analysis::{HighlightSpec, analyse};
    use blueprint_studio::style::{DrawingTexts, drawing_lang};
    // The English bank loan spreads a stage over several slides; the Chinese one does not.
    for path in ["samples/en/bank-loan.ron", "samples/zh/bank-loan.ron"] {
        let blueprint = blueprint_studio::file::load(std::path::Path::new(path)).expect("sample");
        let report = analyse(&blueprint);
        let on_path: HashSet<String> = report.critical_path.iter().map(|s| format!("step-{}", s.id)).collect();
        let legend = DrawingTexts::new(drawing_lang(&blueprint)).critical_path_legend(report.lead_time_minutes);
        let options = DeckOptions {
            highlight: HighlightSpec {
                critical_path: true,
                ..HighlightSpec::default()
            },
            ..DeckOptions::default()
        };
        let deck = plan(&blueprint, &options);
        let mut marked_on_content_slides = 0;
        for (i, slide) in deck.slides.iter().enumerate() {
            assert!(
                slide
                    .scene
                    .items
                    .iter()
                    .any(|item| matches!(&item.shape, Shape::Text { text, .. } if *text == legend)),
                "{path}: slide {} says “{legend}”",
                i + 1
            );
            let drawn: HashSet<String> = slide.steps.iter().map(|id| format!("step-{id}")).collect();
            for group in slide.scene.groups.iter().filter(|g| drawn.contains(&g.id)) {
                let marked = group.class.split(' ').any(|c| c == "highlighted");
                assert_eq!(
                    marked,
                    on_path.contains(&group.id),
                    "{path}: slide {} marks {} as on the critical path: {marked}",
                    i + 1,
                    group.id
                );
                if marked && slide.stages.is_some() {
                    marked_on_content_slides += 1;
                }
            }
        }
        assert_eq!(
            marked_on_content_slides,
            on_path.len(),
            "{path}: each step of the path on its slide"
        );
    }
}

#[test]
fn a_stub_column_whose_stubs_point_to_one_stage_is_named_after_it() {
    let (mut named, mut several) = (0, 0);
    for path in samples() {
        let blueprint = blueprint_studio::file::load(&path).expect("sample loads");
        let deck = plan(&blueprint, &DeckOptions::default());
        let stage_of = |id: &str| {
            let step = blueprint.steps.iter().find(|s| s.id.as_str() == id)?;
            blueprint
                .stages
                .iter()
                .find(|s| s.id == step.stage)
                .map(|s| s.name.as_str())
        };
        for (i, slide) in deck.slides.iter().enumerate().skip(1) {
            let texts = |range: std::ops::Range<usize>| -> Vec<&str> {
                slide.scene.items[range]
                    .iter()
                    .filter_map(|item| match &item.shape {
                        Shape::Text { text, .. } => Some(text.as_str()),
                        _ => None,
                    })
                    .collect()
            };
            let headers = texts(0..slide.scene.items.len());
            for arrow in ['←', '→'] {
                let Some(header) = headers
                    .iter()
                    .find(|t| t.starts_with(arrow) && arrow == '←' || t.ends_with(arrow) && arrow == '→')
                else {
                    continue;
                };
                // The stubs on that side, by the stage of the step each stands for.
                let stubs: Vec<(Vec<&str>, &str, &str)> = slide
                    .scene
                    .groups
                    .iter()
                    .filter_map(|g| {
                        let id = g.id.split("~stub~").nth(1)?;
                        let lines = texts(g.start..g.end);
                        let title = blueprint.steps.iter().find(|s| s.id.as_str() == id)?.title.as_str();
                        lines
                            .first()?
                            .starts_with(arrow)
                            .then_some((lines, stage_of(id)?, title))
                    })
                    .collect();
                let Some((_, first, _)) = stubs.first() else {
                    continue;
                };
                let name = format!("{} slide {}: {header}", path.display(), i + 1);
                let letters = |s: &str| s.chars().filter(|c| c.is_alphanumeric()).collect::<String>();
                // "← Before", "After →" and their Chinese: stubs of several stages (or parts).
                let generic = ["← Before", "After →", "← 此前", "此后 →"].contains(header);
                if !generic {
                    named += 1;
                    assert!(
                        stubs.iter().all(|(_, stage, _)| stage == first),
                        "{name}: stubs of one stage"
                    );
                    assert!(header.contains(first), "{name} names the stage {first}");
                    // Its stubs give their steps all their room, right after the arrow.
                    for (lines, _, title) in &stubs {
                        let shown = letters(&lines.concat());
                        assert!(
                            !shown.is_empty() && letters(title).starts_with(&shown),
                            "{name}: the stub {lines:?} reads its step “{title}”"
                        );
                    }
                } else if !stubs.iter().all(|(_, stage, _)| stage == first) {
                    several += 1;
                }
            }
        }
    }
    assert!(named > 20, "{named} stub columns named after their stage");
    assert!(several > 5, "{several} stub columns of several stages");
}
