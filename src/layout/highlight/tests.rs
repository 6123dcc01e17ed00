use super::*;
use crate::analysis::{HighlightSpec, analyse, highlights};
use crate::i18n::Lang;
use crate::layout::{Layout, LayoutOptions, layout, layout_with};
use crate::model::{Blueprint, LaneId, Marker, MarkerId, MarkerKind, MarkerTarget, StageId, Step, StepId};
use crate::style::{DrawingTexts, Style};

fn samples() -> Vec<(String, Blueprint)> {
    let mut paths: Vec<_> = ["en", "zh"]
        .iter()
        .flat_map(|lang| std::fs::read_dir(format!("samples/{lang}")).expect("samples"))
        .map(|e| e.expect("entry").path())
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|p| (p.display().to_string(), crate::file::open(&p).expect("sample opens")))
        .collect()
}

const ALL: HighlightSpec = HighlightSpec {
    critical_path: true,
    visibility_handoffs: true,
    pain_heat: true,
    waits: true,
};

fn with(b: &Blueprint, spec: HighlightSpec) -> Highlights {
    highlights(b, &analyse(b), spec)
}

fn boxes(block: Option<&TextBlock>) -> Vec<Rect> {
    block.map(TextBlock::line_boxes).unwrap_or_default()
}

/// Every badge (markers and waits) of a layout, named for messages.
fn all_badges(l: &Layout) -> Vec<(String, Rect)> {
    let mut out = Vec::new();
    for (c, card) in l.cards.iter().enumerate() {
        for badge in &card.badges {
            out.push((format!("card {c} marker {}", badge.marker), badge.rect));
        }
        if let Some(wait) = &card.wait {
            out.push((format!("card {c} wait"), wait.rect));
        }
    }
    for (j, stage) in l.stages.iter().enumerate() {
        for badge in &stage.badges {
            out.push((format!("stage {j} marker {}", badge.marker), badge.rect));
        }
    }
    out
}

#[test]
fn badges_never_cover_text_or_each_other_in_any_sample() {
    let style = Style::default();
    for (name, b) in samples() {
        for h in [Highlights::default(), with(&b, ALL)] {
            let l = layout_with(&b, &style, LayoutOptions::default(), &h);
            for card in &l.cards {
                let text: Vec<Rect> = boxes(Some(&card.title))
                    .into_iter()
                    .chain(boxes(card.meta.as_ref()))
                    .collect();
                let rects = card
                    .badges
                    .iter()
                    .map(|b| b.rect)
                    .chain(card.wait.as_ref().map(|w| w.rect));
                for rect in rects {
                    assert!(
                        card.rect.expand(-1.0).contains(rect.min) && card.rect.expand(-1.0).contains(rect.max),
                        "{name}: a badge of {} sticks out of its card",
                        b.steps[card.step].id
                    );
                    for line in &text {
                        assert!(
                            !rect.intersects(line),
                            "{name}: a badge covers text of {}: {rect:?} over {line:?}",
                            b.steps[card.step].id
                        );
                    }
                }
            }
            for stage in &l.stages {
                for badge in &stage.badges {
                    assert!(
                        stage.header.contains(badge.rect.min) && stage.header.contains(badge.rect.max),
                        "{name}: a stage badge sticks out of its header"
                    );
                    for line in stage.name.line_boxes() {
                        assert!(!badge.rect.intersects(&line), "{name}: a badge covers a stage name");
                    }
                    if let Some(strip) = stage.heat {
                        assert!(!badge.rect.intersects(&strip), "{name}: a badge covers the heat strip");
                    }
                }
            }
            let badges = all_badges(&l);
            for (i, (a, ra)) in badges.iter().enumerate() {
                for (c, rc) in &badges[i + 1..] {
                    assert!(!ra.intersects(rc), "{name}: {a} sits over {c}");
                }
            }
        }
    }
}

#[test]
fn every_waiting_step_gets_a_wait_badge_only_when_waits_are_on() {
    let style = Style::default();
    for (name, b) in samples() {
        let off = layout(&b, &style, LayoutOptions::default());
        assert!(off.cards.iter().all(|c| c.wait.is_none()), "{name}");
        let h = with(&b, ALL);
        let on = layout_with(&b, &style, LayoutOptions::default(), &h);
        let waiting = b.steps.iter().filter(|s| s.wait_min.is_some_and(|w| w > 0.0)).count();
        assert_eq!(on.cards.iter().filter(|c| c.wait.is_some()).count(), waiting, "{name}");
        assert!(on.stages.iter().all(|s| s.heat.is_some()), "{name}: heat strips");
        assert!(off.stages.iter().all(|s| s.heat.is_none()), "{name}: no heat strips");
    }
}

fn marker(id: &str, kind: MarkerKind, target: MarkerTarget) -> Marker {
    Marker {
        id: MarkerId::from(id),
        kind,
        target,
        severity: Some(3),
        note: String::new(),
    }
}

#[test]
fn many_badges_wrap_to_a_second_strip_row_and_the_card_and_header_grow() {
    let style = Style::default();
    let mut b = crate::model::template(Lang::En);
    b.steps.push(Step::new(
        StepId::from("s"),
        LaneId::from("customer"),
        StageId::from("use"),
        "A step with many markers",
    ));
    let plain = layout(&b, &style, LayoutOptions::default());
    for (k, kind) in MarkerKind::ALL.iter().cycle().take(6).enumerate() {
        let id = format!("m{k}");
        b.markers
            .push(marker(&id, *kind, MarkerTarget::Step(StepId::from("s"))));
        let id = format!("n{k}");
        b.markers
            .push(marker(&id, *kind, MarkerTarget::Stage(StageId::from("use"))));
    }
    let marked = layout(&b, &style, LayoutOptions::default());
    let card = &marked.cards[0];
    let rows = |badges: &[crate::layout::Badge]| {
        let mut tops: Vec<i32> = badges.iter().map(|b| b.rect.min.y.round() as i32).collect();
        tops.dedup();
        tops.len()
    };
    assert_eq!(card.badges.len(), 6);
    assert_eq!(rows(&card.badges), 2, "six tags do not fit one card row");
    assert!(card.rect.height() > plain.cards[0].rect.height() + 2.0 * style.badge_size);
    let last_badge = card.badges.iter().map(|b| b.rect.max.y).fold(0.0, f32::max);
    let title_top = card.title.line_boxes()[0].min.y;
    assert!(title_top > last_badge, "the title starts below the strip");

    let stage = &marked.stages[3];
    assert_eq!(stage.badges.len(), 6);
    assert_eq!(rows(&stage.badges), 2, "six tags do not fit one header row");
    assert!(marked.stages[0].header.height() > plain.stages[0].header.height());
    let name_bottom = stage.name.line_boxes().iter().map(|r| r.max.y).fold(0.0, f32::max);
    assert!(
        stage.badges.iter().all(|b| b.rect.min.y > name_bottom),
        "badges sit under the name"
    );
    // Lanes grow with their cards.
    assert!(marked.lanes[1].band.height() >= card.rect.height() + 2.0 * style.cell_pad_y - 0.01);
}

#[test]
fn legend_lists_one_entry_per_highlight_in_use_and_none_when_off() {
    let style = Style::default();
    let b = crate::file::open(std::path::Path::new("samples/en/clinic-visit.ron")).expect("sample");
    let kinds = |l: &Layout| -> Vec<HighlightKind> {
        l.legend
            .as_ref()
            .expect("legend")
            .highlights
            .iter()
            .map(|e| e.kind)
            .collect()
    };
    assert!(kinds(&layout(&b, &style, LayoutOptions::default())).is_empty());
    let single = [
        (
            HighlightKind::CriticalPath,
            HighlightSpec {
                critical_path: true,
                ..HighlightSpec::default()
            },
        ),
        (
            HighlightKind::Handoffs,
            HighlightSpec {
                visibility_handoffs: true,
                ..HighlightSpec::default()
            },
        ),
        (
            HighlightKind::Waits,
            HighlightSpec {
                waits: true,
                ..HighlightSpec::default()
            },
        ),
        (
            HighlightKind::PainHeat,
            HighlightSpec {
                pain_heat: true,
                ..HighlightSpec::default()
            },
        ),
    ];
    for (kind, spec) in single {
        let l = layout_with(&b, &style, LayoutOptions::default(), &with(&b, spec));
        assert_eq!(kinds(&l), vec![kind]);
    }
    let l = layout_with(&b, &style, LayoutOptions::default(), &with(&b, ALL));
    assert_eq!(kinds(&l), HighlightKind::ALL.to_vec());
    let legend = l.legend.as_ref().expect("legend");
    // The critical path's entry says how long it takes.
    let lead = analyse(&b).lead_time_minutes.expect("lead time");
    let critical = &legend.highlights[0].label.lines[0].text;
    assert_eq!(
        critical,
        &format!("Critical path · {}", DrawingTexts::new(Lang::En).minutes(lead))
    );
    // The bundled font draws every legend word in both languages.
    for lang in [Lang::En, Lang::Zh] {
        let t = DrawingTexts::new(lang);
        let words = [
            t.critical_path_legend(Some(4608.0)),
            t.handoff_legend().to_owned(),
            t.wait_legend().to_owned(),
            t.heat_legend().to_owned(),
        ]
        .concat();
        assert!(crate::text::missing_chars(&words).is_empty(), "{lang:?}: {words}");
    }
    // No entry covers another, and all stay within the drawing.
    let mut rects: Vec<Rect> = legend
        .items
        .iter()
        .flat_map(|(badge, label)| std::iter::once(badge.rect).chain(label.line_boxes()))
        .collect();
    rects.extend(
        legend
            .highlights
            .iter()
            .flat_map(|e| std::iter::once(e.swatch).chain(e.label.line_boxes())),
    );
    for (i, a) in rects.iter().enumerate() {
        assert!(a.max.x <= l.grid.max.x + 0.01 && a.max.y <= l.bounds.max.y);
        for c in &rects[i + 1..] {
            assert!(!a.intersects(c), "legend entries overlap: {a:?} {c:?}");
        }
    }
}

#[test]
fn crossings_count_each_passage_once() {
    assert_eq!(
        crossings(&[pt(0.0, 0.0), pt(0.0, 10.0), pt(5.0, 10.0)], 5.0),
        vec![pt(0.0, 5.0)]
    );
    // Touching the line and turning back is no crossing.
    assert!(crossings(&[pt(0.0, 0.0), pt(0.0, 5.0), pt(5.0, 5.0), pt(5.0, 0.0)], 5.0).is_empty());
    // Running along the line, then on across it: one crossing, where it reached the line.
    assert_eq!(
        crossings(&[pt(0.0, 0.0), pt(0.0, 5.0), pt(5.0, 5.0), pt(5.0, 9.0)], 5.0),
        vec![pt(0.0, 5.0)]
    );
    // Down and back up: two.
    assert_eq!(
        crossings(&[pt(0.0, 0.0), pt(0.0, 10.0), pt(5.0, 10.0), pt(5.0, 0.0)], 5.0).len(),
        2
    );
}
