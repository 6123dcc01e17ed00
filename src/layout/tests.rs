use super::*;
use crate::geom::distance_to_segment;
use crate::model::{LaneId, StageId, Step};

fn samples() -> Vec<Blueprint> {
    ["en", "zh"]
        .iter()
        .flat_map(|lang| std::fs::read_dir(format!("samples/{lang}")).expect("samples"))
        .map(|e| crate::file::open(&e.expect("entry").path()).expect("sample opens"))
        .collect()
}

#[test]
fn cards_sit_in_their_cell_and_never_overlap() {
    let style = Style::default();
    for b in samples() {
        let l = layout(&b, &style, LayoutOptions::default());
        assert_eq!(l.cards.len(), b.steps.len(), "{}: every step has a card", b.title);
        for card in &l.cards {
            let lane = &l.lanes[card.lane].band;
            let column = &l.stages[card.stage].column;
            assert!(
                card.rect.min.y >= lane.min.y && card.rect.max.y <= lane.max.y,
                "{}: card outside its lane",
                b.title
            );
            assert!(
                card.rect.min.x >= column.min.x && card.rect.max.x <= column.max.x,
                "{}: card outside its stage",
                b.title
            );
            for line in &card.title.lines {
                assert!(
                    line.width <= card.rect.width() - 2.0 * style.card_pad + 0.01,
                    "{}: title overflows its card",
                    b.title
                );
            }
        }
        for (i, a) in l.cards.iter().enumerate() {
            for c in &l.cards[i + 1..] {
                assert!(!a.rect.intersects(&c.rect), "{}: cards overlap", b.title);
            }
        }
    }
}

#[test]
fn lanes_grow_to_fit_their_tallest_cell() {
    let mut b = crate::model::template(Lang::En);
    let style = Style::default();
    let empty = layout(&b, &style, LayoutOptions::default());
    for i in 0..6 {
        b.steps.push(Step::new(
            StepId(format!("s{i}")),
            LaneId::from("customer"),
            StageId::from("use"),
            format!("Step {i}"),
        ));
    }
    let full = layout(&b, &style, LayoutOptions::default());
    let customer = 1;
    assert!(full.lanes[customer].band.height() > 6.0 * style.card_min_height);
    assert_eq!(
        full.lanes[0].band.height(),
        empty.lanes[0].band.height(),
        "other lanes keep their height"
    );
    let last = full.cards.iter().map(|c| c.rect.max.y).fold(0.0, f32::max);
    assert!(last + style.cell_pad_y <= full.lanes[customer].band.max.y + 0.01);
}

#[test]
fn the_three_lines_run_along_the_tops_of_their_lanes() {
    let b = crate::model::template(Lang::Zh);
    let l = layout(&b, &Style::default(), LayoutOptions::default());
    assert_eq!(l.lines.len(), 3);
    for (line, lane) in l.lines.iter().zip([2, 3, 4]) {
        assert_eq!(line.y, l.lanes[lane].band.min.y);
        assert!(line.x1 - line.x0 >= l.grid.width() - 0.01);
    }
    assert_eq!(l.lines[1].label.lines[0].text, "可见线");
}

#[test]
fn flow_routes_are_orthogonal_start_and_end_on_their_cards_and_cross_no_other_card() {
    let style = Style::default();
    for b in samples() {
        let l = layout(&b, &style, LayoutOptions::default());
        assert_eq!(l.flows.len(), b.flows.len(), "{}", b.title);
        let positions = b.index();
        for route in &l.flows {
            let flow = &b.flows[route.flow];
            let from = l.card_of_step[positions.step(&flow.from).expect("step")].expect("card");
            let to = l.card_of_step[positions.step(&flow.to).expect("step")].expect("card");
            // Found by id, the same cards.
            assert_eq!(l.card_index(&flow.from), Some(from));
            assert_eq!(l.card_index(&flow.to), Some(to));
            let on_edge = |p: Point, r: Rect| r.expand(0.5).contains(p) && !r.expand(-0.5).contains(p);
            assert!(
                on_edge(route.points[0], l.cards[from].rect),
                "{}: {} starts off its card",
                b.title,
                flow.id
            );
            assert!(
                on_edge(*route.points.last().expect("points"), l.cards[to].rect),
                "{}: {} ends off its card",
                b.title,
                flow.id
            );
            for w in route.points.windows(2) {
                assert!(
                    w[0].x == w[1].x || w[0].y == w[1].y,
                    "{}: {} has a diagonal segment",
                    b.title,
                    flow.id
                );
                for (c, card) in l.cards.iter().enumerate() {
                    if c == from || c == to {
                        continue;
                    }
                    let inner = card.rect.expand(-1.0);
                    let mid = pt((w[0].x + w[1].x) / 2.0, (w[0].y + w[1].y) / 2.0);
                    let crosses = if w[0].x == w[1].x {
                        w[0].x > inner.min.x
                            && w[0].x < inner.max.x
                            && w[0].y.min(w[1].y) < inner.max.y
                            && w[0].y.max(w[1].y) > inner.min.y
                    } else {
                        w[0].y > inner.min.y
                            && w[0].y < inner.max.y
                            && w[0].x.min(w[1].x) < inner.max.x
                            && w[0].x.max(w[1].x) > inner.min.x
                    };
                    assert!(
                        !crosses,
                        "{}: flow {} runs through card {} near {mid:?}",
                        b.title, flow.id, b.steps[card.step].id
                    );
                }
            }
        }
    }
}

#[test]
fn flows_know_which_lines_they_cross() {
    let b = crate::file::open(std::path::Path::new("tests/fixtures/minimal.ron")).expect("fixture");
    let l = layout(&b, &Style::default(), LayoutOptions::default());
    // a (customer) ↔ b (frontstage) crosses the line of interaction; b → c back again.
    assert_eq!(l.flows[0].crosses, vec![Line::Interaction]);
    assert!(l.flows[0].two_way);
    assert_eq!(l.flows[1].crosses, vec![Line::Interaction]);
    let p = l.flows[0].points[0];
    assert!(distance_to_segment(p, l.flows[0].points[0], l.flows[0].points[1]) < 0.01);
}

#[test]
fn title_and_legend_are_optional() {
    let b = crate::model::template(Lang::En);
    let style = Style::default();
    let full = layout(&b, &style, LayoutOptions::default());
    let bare = layout(
        &b,
        &style,
        LayoutOptions {
            title: false,
            legend: false,
        },
    );
    assert!(full.title.is_some() && full.legend.is_some());
    assert!(bare.title.is_none() && bare.legend.is_none());
    assert!(bare.bounds.height() < full.bounds.height());
    assert_eq!(bare.bounds.width(), full.bounds.width());
}

#[test]
fn labelled_runs_side_by_side_share_their_gutters_width_where_each_label_has_room_of_its_own() {
    // A long run from physical evidence down to support, and a short one from backstage up to
    // frontstage beside it: the long one's label fits above the short run (and above the line
    // of interaction), so the gutter needs one label's width and a track, not both labels side
    // by side.
    let mut b = crate::model::template(Lang::En);
    for (id, lane, stage) in [
        ("a1", "evidence", "use"),
        ("a2", "backstage", "use"),
        ("b1", "frontstage", "loyalty"),
        ("b2", "support", "loyalty"),
    ] {
        b.steps.push(Step::new(
            StepId::from(id),
            LaneId::from(lane),
            StageId::from(stage),
            id.to_owned(),
        ));
    }
    for (id, from, to, label) in [
        ("f1", "a1", "b2", "the long way down"),
        ("f2", "a2", "b1", "a short hop up"),
    ] {
        b.flows.push(crate::model::Flow {
            id: crate::model::FlowId::from(id),
            from: StepId::from(from),
            to: StepId::from(to),
            two_way: false,
            label: label.to_owned(),
        });
    }
    let l = layout(&b, &Style::default(), LayoutOptions::default());
    // The room between the cards of the two stages.
    let card = |id: &str| l.card_of(&StepId::from(id)).expect("card").rect;
    let gutter = card("b1").min.x - card("a1").max.x;
    let labels: Vec<Rect> = l.flows.iter().map(|f| f.label.as_ref().expect("labelled").0).collect();
    assert!(
        gutter < labels[0].width() + labels[1].width(),
        "a gutter of {gutter:.0} for labels {:.0} and {:.0} wide",
        labels[0].width(),
        labels[1].width()
    );
    // Each label covers no line of the other flow.
    for (k, label) in labels.iter().enumerate() {
        let other = &l.flows[1 - k];
        for w in other.points.windows(2) {
            assert!(
                !label.intersects(&Rect::from_points(&[w[0], w[1]]).expand(1.0)),
                "label {k} covers the other line"
            );
        }
    }
}
