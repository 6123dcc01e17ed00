//! The drawing rules of docs/DRAWING.md, measured on the geometry every painter draws from:
//! flows never share a segment, labels cover nothing but their own line, no route crosses a
//! card, and no word is broken inside.

mod common;

use blueprint_studio::geom::{Point, Rect};
use blueprint_studio::layout::{Layout, LayoutOptions, TextBlock, layout};
use blueprint_studio::model::Blueprint;
use blueprint_studio::style::Style;
use common::arbitrary_blueprint;
use proptest::prelude::*;

/// Parallel runs of different flows must be at least this far apart.
const SEPARATION: f32 = 6.0;

fn samples() -> Vec<(String, Blueprint)> {
    let mut out = Vec::new();
    for lang in ["en", "zh"] {
        let mut paths: Vec<_> = std::fs::read_dir(format!("samples/{lang}"))
            .expect("samples")
            .map(|e| e.expect("entry").path())
            .collect();
        paths.sort();
        for path in paths {
            let b = blueprint_studio::file::open(&path).unwrap_or_else(|e| panic!("{e}"));
            out.push((path.display().to_string(), b));
        }
    }
    out
}

fn segments(l: &Layout) -> Vec<(usize, Point, Point)> {
    l.flows
        .iter()
        .flat_map(|r| r.points.windows(2).map(move |w| (r.flow, w[0], w[1])))
        .filter(|(_, a, b)| a.distance(*b) > 0.01)
        .collect()
}

/// Where a label line or card title breaks inside a word: the text on both sides of the break
/// is a letter or digit that stood side by side in the original.
fn broken_words(text: &str, block: &TextBlock) -> Vec<String> {
    let lines: Vec<&str> = block.lines.iter().map(|l| l.text.as_str()).collect();
    if lines.iter().any(|l| l.ends_with('…')) {
        return Vec::new(); // cut short: the ellipsis says so
    }
    let source: Vec<char> = text.chars().collect();
    let mut at = 0;
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        for c in line.chars() {
            while at < source.len() && source[at] != c {
                at += 1;
            }
            at += 1;
        }
        if i + 1 < lines.len()
            && let (Some(&before), Some(&after)) = (source.get(at.wrapping_sub(1)), source.get(at))
            && before.is_ascii_alphanumeric()
            && after.is_ascii_alphanumeric()
        {
            out.push(format!("“{}” / “{}”", line, lines[i + 1]));
        }
    }
    out
}

/// Every drawing rule the geometry can show broken, in words.
fn problems(b: &Blueprint, l: &Layout) -> Vec<String> {
    let mut out = Vec::new();
    let name = |f: usize| b.flows[f].id.0.clone();
    let segs = segments(l);
    // 1. No two flows share a segment; parallel runs keep their distance.
    for (i, &(f, a, c)) in segs.iter().enumerate() {
        for &(g, p, q) in &segs[i + 1..] {
            if f == g {
                continue;
            }
            let both_h = a.y == c.y && p.y == q.y;
            let both_v = a.x == c.x && p.x == q.x;
            let (gap, lo, hi) = if both_h {
                (
                    (a.y - p.y).abs(),
                    a.x.min(c.x).max(p.x.min(q.x)),
                    a.x.max(c.x).min(p.x.max(q.x)),
                )
            } else if both_v {
                (
                    (a.x - p.x).abs(),
                    a.y.min(c.y).max(p.y.min(q.y)),
                    a.y.max(c.y).min(p.y.max(q.y)),
                )
            } else {
                continue;
            };
            if hi - lo > 0.5 && gap < SEPARATION - 0.01 {
                out.push(format!(
                    "flows {} and {} run {gap:.1} apart over {:.0} units near {a:?}",
                    name(f),
                    name(g),
                    hi - lo
                ));
            }
        }
    }
    // 2. No route passes through a card other than its own two.
    let index = b.index();
    for route in &l.flows {
        let flow = &b.flows[route.flow];
        let ends = [index.step(&flow.from), index.step(&flow.to)].map(|i| i.and_then(|i| l.card_of_step[i]));
        for w in route.points.windows(2) {
            for (c, card) in l.cards.iter().enumerate() {
                if ends.contains(&Some(c)) {
                    continue;
                }
                let inner = card.rect.expand(-1.0);
                if Rect::from_points(&[w[0], w[1]]).intersects(&inner) {
                    out.push(format!("flow {} runs through card {}", flow.id, b.steps[card.step].id));
                }
            }
        }
    }
    // 3. A label covers no card, badge, header, other label or other flow's line.
    let badges: Vec<Rect> = l
        .cards
        .iter()
        .flat_map(|c| c.badges.iter().map(|b| b.rect))
        .chain(l.stages.iter().flat_map(|s| s.badges.iter().map(|b| b.rect)))
        .collect();
    let headers: Vec<Rect> = l
        .stages
        .iter()
        .map(|s| s.header)
        .chain(l.lanes.iter().map(|lane| lane.header))
        .collect();
    let labels: Vec<(usize, Rect)> = l
        .flows
        .iter()
        .filter_map(|r| r.label.as_ref().map(|(rect, _)| (r.flow, *rect)))
        .collect();
    for (k, &(f, rect)) in labels.iter().enumerate() {
        let inner = rect.expand(-0.5);
        for &(g, other) in &labels[k + 1..] {
            if inner.intersects(&other.expand(-0.5)) {
                out.push(format!("labels of {} and {} overlap", name(f), name(g)));
            }
        }
        for card in &l.cards {
            if inner.intersects(&card.rect) {
                out.push(format!("label of {} covers card {}", name(f), b.steps[card.step].id));
            }
        }
        if badges.iter().any(|badge| inner.intersects(badge)) {
            out.push(format!("label of {} covers a badge", name(f)));
        }
        if headers.iter().any(|h| inner.intersects(h)) {
            out.push(format!("label of {} covers a header", name(f)));
        }
        for &(g, p, q) in &segs {
            if g != f && inner.intersects(&Rect::from_points(&[p, q])) {
                out.push(format!("label of {} covers the line of {}", name(f), name(g)));
                break;
            }
        }
    }
    // 4. No word broken inside, in labels or card titles.
    for route in &l.flows {
        if let Some((_, block)) = &route.label {
            for broken in broken_words(&b.flows[route.flow].label, block) {
                out.push(format!("label of {} breaks a word: {broken}", name(route.flow)));
            }
        }
    }
    for card in &l.cards {
        for broken in broken_words(&b.steps[card.step].title, &card.title) {
            out.push(format!("title of {} breaks a word: {broken}", b.steps[card.step].id));
        }
    }
    out
}

#[test]
fn every_sample_follows_the_drawing_rules() {
    let style = Style::default();
    let mut report = Vec::new();
    for (path, b) in samples() {
        let l = layout(&b, &style, LayoutOptions::default());
        assert_eq!(l.flows.len(), b.flows.len(), "{path}: every flow is drawn");
        report.extend(problems(&b, &l).into_iter().map(|p| format!("{path}: {p}")));
    }
    assert!(report.is_empty(), "{} problems:\n{}", report.len(), report.join("\n"));
}

#[test]
fn random_blueprints_that_once_broke_a_rule_follow_them() {
    // Found by exploring other seeds: a port pushed against the end of a full card side next to
    // a run along the row, and a label whose own line had a neighbour a track away all along it.
    for name in ["crowded-card-side", "parallel-labelled-row"] {
        let path = format!("tests/fixtures/{name}.ron");
        let b = blueprint_studio::file::open(std::path::Path::new(&path)).expect("fixture");
        let l = layout(&b, &Style::default(), LayoutOptions::default());
        let found = problems(&b, &l);
        assert!(found.is_empty(), "{name}: {}", found.join("\n"));
    }
}

#[test]
fn the_checker_sees_a_shared_segment_and_a_broken_word() {
    // The rules above must be able to fail: two flows on one line, a label over a card.
    let b = blueprint_studio::file::open(std::path::Path::new("tests/fixtures/minimal.ron")).expect("fixture");
    let mut l = layout(&b, &Style::default(), LayoutOptions::default());
    let copy = l.flows[0].points.clone();
    l.flows[1].points = copy;
    assert!(
        problems(&b, &l).iter().any(|p| p.contains("apart")),
        "{:?}",
        problems(&b, &l)
    );
    let block = TextBlock::place(
        vec![
            blueprint_studio::text::WrappedLine {
                text: "comple".into(),
                width: 10.0,
            },
            blueprint_studio::text::WrappedLine {
                text: "te first time".into(),
                width: 10.0,
            },
        ],
        12.0,
        blueprint_studio::text::Weight::Regular,
        0.0,
        0.0,
        100.0,
        blueprint_studio::layout::Align::Left,
    );
    assert_eq!(broken_words("complete first time", &block).len(), 1);
}

proptest! {
    // A fixed seed: the same 512 blueprints on every run, so CI is repeatable; change the seed to
    // explore (a failing case is written out, see below).
    #![proptest_config(ProptestConfig {
        cases: 512,
        rng_seed: proptest::test_runner::RngSeed::Fixed(0x5EED_B1E5),
        ..ProptestConfig::default()
    })]

    #[test]
    fn random_blueprints_follow_the_drawing_rules(b in arbitrary_blueprint(8, 60, 80)) {
        let l = layout(&b, &Style::default(), LayoutOptions::default());
        let found = problems(&b, &l);
        if !found.is_empty() {
            // Keep the case, to open it in the editor or export it and look.
            let path = std::env::temp_dir().join("blueprint-drawing-failure.ron");
            let _ = std::fs::write(&path, blueprint_studio::file::to_ron(&b).unwrap_or_default());
        }
        prop_assert!(found.is_empty(), "{} problems:\n{}", found.len(), found.join("\n"));
    }
}
