use super::*;
use crate::i18n::Lang;
use crate::model::{Basis, MarkerKind, MarkerTarget, template};
use proptest::prelude::*;
use std::collections::HashSet;

fn sample() -> Blueprint {
    crate::file::open(std::path::Path::new("samples/en/coffee-shop.ron")).expect("sample")
}

#[test]
fn every_edit_returns_its_inverse() {
    let mut b = sample();
    let original = b.clone();
    let mut step = b.steps[0].clone();
    step.title = "Changed".into();
    let inverse = Edit::SetStep(step).apply(&mut b).expect("applies");
    assert_eq!(b.steps[0].title, "Changed");
    inverse.apply(&mut b).expect("undoes");
    assert_eq!(b, original);
}

#[test]
fn a_failed_batch_changes_nothing() {
    let mut b = sample();
    let original = b.clone();
    let first = b.steps[0].id.clone();
    let error = Edit::Batch(vec![Edit::RemoveStep(first), Edit::RemoveStep(StepId::from("ghost"))]).apply(&mut b);
    assert_eq!(error, Err(EditError::Missing("ghost".into())));
    assert_eq!(b, original);
}

#[test]
fn deleting_a_step_takes_its_flows_markers_and_notes_and_undo_restores_them_in_place() {
    let mut b = sample();
    let original = b.clone();
    let busy = b
        .steps
        .iter()
        .max_by_key(|s| b.flows.iter().filter(|f| f.from == s.id || f.to == s.id).count())
        .expect("steps")
        .id
        .clone();
    let mut history = History::default();
    history.mark_saved();
    history
        .apply(
            &mut b,
            delete_steps(&original, &HashSet::from([busy.clone()])),
            "Delete",
            Merge::Never,
        )
        .expect("deletes");
    assert!(b.step(&busy).is_none());
    assert!(b.flows.iter().all(|f| f.from != busy && f.to != busy));
    assert!(
        crate::model::validate(&b).is_empty(),
        "{:?}",
        crate::model::validate(&b)
    );
    assert!(history.is_dirty());
    history.undo(&mut b);
    assert_eq!(b, original);
    assert!(!history.is_dirty(), "undo back to the saved state is clean");
    assert_eq!(
        history.subjects(),
        std::slice::from_ref(&busy),
        "undo is about the step it brings back"
    );
    history.redo(&mut b);
    assert_eq!(history.subjects(), [] as [StepId; 0], "redo took it away again");
}

#[test]
fn cards_dragged_together_move_as_the_one_held_and_stop_at_the_edge_of_the_grid() {
    let b = sample();
    let cell = |b: &Blueprint, id: &StepId| {
        let s = b.step(id).expect("step");
        (
            b.lane_index(&s.lane).expect("lane"),
            b.stage_index(&s.stage).expect("stage"),
        )
    };
    // A customer step and a backstage step in different stages.
    let customer = b
        .steps
        .iter()
        .find(|s| s.lane.as_str() == "customer")
        .expect("customer")
        .id
        .clone();
    let backstage = b
        .steps
        .iter()
        .find(|s| s.lane.as_str() == "backstage" && cell(&b, &s.id).1 != cell(&b, &customer).1)
        .expect("backstage")
        .id
        .clone();
    let ids = [customer.clone(), backstage.clone()];
    let mut moved = b.clone();
    shift_steps(&b, &ids, (1, 1), Some((&customer, 0)), true)
        .expect("a move")
        .apply(&mut moved)
        .expect("applies");
    let last = b.stages.len() - 1;
    for id in &ids {
        let ((lane, stage), now) = (cell(&b, id), cell(&moved, id));
        assert_eq!(now, (lane + 1, (stage + 1).min(last)), "{id}");
    }
    let (lane, stage) = cell(&moved, &customer);
    let first = moved
        .cell_steps(&moved.lanes[lane].id, &moved.stages[stage].id)
        .next()
        .expect("a card");
    assert_eq!(first.id, customer, "the card held goes to the slot it was dropped at");
    assert!(crate::model::validate(&moved).is_empty());
    assert_eq!(
        shift_steps(&b, &ids, (-9, 0), None, false),
        None,
        "off the grid, a nudge does nothing"
    );
    // One card into one cell is a plain move.
    let target = (b.lanes[4].id.clone(), b.stages[0].id.clone());
    let (from, to) = (cell(&b, &customer), (4, 0));
    let by = (to.0 as isize - from.0 as isize, to.1 as isize - from.1 as isize);
    assert_eq!(
        shift_steps(&b, std::slice::from_ref(&customer), by, Some((&customer, 1)), true),
        Some(move_steps(&b, std::slice::from_ref(&customer), &target.0, &target.1, 1))
    );
}

#[test]
fn undoing_a_move_is_about_the_step_moved_not_the_neighbours_renumbered() {
    let mut b = template(Lang::En);
    for i in 0..3 {
        let mut s = Step::new(
            StepId(format!("s{i}")),
            LaneId::from("customer"),
            StageId::from("use"),
            format!("S{i}"),
        );
        s.order = i;
        b.steps.push(s);
    }
    let mut history = History::default();
    let to = (LaneId::from("frontstage"), StageId::from("use"));
    let edit = move_steps(&b, &[StepId::from("s0")], &to.0, &to.1, 0);
    history.apply(&mut b, edit, "Move", Merge::Never).expect("moves");
    assert_eq!(b.steps[1].order, 0, "s1 moved up in its cell");
    history.undo(&mut b);
    assert_eq!(history.subjects(), [StepId::from("s0")]);
    history.redo(&mut b);
    assert_eq!(history.subjects(), [StepId::from("s0")]);
}

#[test]
fn moving_steps_renumbers_both_cells() {
    let mut b = template(Lang::En);
    for (i, lane) in ["customer", "customer", "customer", "frontstage"].iter().enumerate() {
        let mut s = Step::new(
            StepId(format!("s{i}")),
            LaneId::from(*lane),
            StageId::from("use"),
            format!("S{i}"),
        );
        s.order = i as u32;
        b.steps.push(s);
    }
    let edit = move_steps(
        &b,
        &[StepId::from("s0")],
        &LaneId::from("frontstage"),
        &StageId::from("use"),
        1,
    );
    edit.apply(&mut b).expect("moves");
    let cell = |lane: &str| {
        b.cell_steps(&LaneId::from(lane), &StageId::from("use"))
            .map(|s| (s.id.0.clone(), s.order))
            .collect::<Vec<_>>()
    };
    assert_eq!(cell("customer"), vec![("s1".into(), 0), ("s2".into(), 1)]);
    assert_eq!(cell("frontstage"), vec![("s3".into(), 0), ("s0".into(), 1)]);
}

#[test]
fn typing_in_one_field_is_one_undo_step_and_saving_splits_it() {
    let mut b = sample();
    let original = b.clone();
    let mut history = History::default();
    let mut step = b.steps[0].clone();
    for c in "Hello".chars() {
        step.title.push(c);
        history
            .apply(
                &mut b,
                Edit::SetStep(step.clone()),
                "Edit title",
                Merge::Key("title s0".into()),
            )
            .expect("types");
    }
    assert_eq!(history.undo_len(), 1);
    history.mark_saved();
    step.title.push('!');
    history
        .apply(
            &mut b,
            Edit::SetStep(step.clone()),
            "Edit title",
            Merge::Key("title s0".into()),
        )
        .expect("types");
    assert_eq!(history.undo_len(), 2, "an edit after a save starts a new step");
    history.undo(&mut b);
    assert!(!history.is_dirty());
    history.undo(&mut b);
    assert_eq!(b, original);
    assert!(history.is_dirty());
    history.redo(&mut b);
    assert!(!history.is_dirty());
}

/// A random edit, chosen against the blueprint as it is when it is applied.
#[derive(Clone, Debug)]
struct Seed {
    kind: u8,
    a: usize,
    b: usize,
    text: String,
}

fn concrete(b: &Blueprint, seed: &Seed, serial: usize) -> Edit {
    let n = b.steps.len();
    let pick = |k: usize| b.steps[k % n].id.clone();
    let lane = b.lanes[seed.a % b.lanes.len()].id.clone();
    let stage = b.stages[seed.b % b.stages.len()].id.clone();
    match (seed.kind % 10, n) {
        (0, _) | (_, 0) => Edit::InsertStep(
            seed.a % (n + 1),
            Step::new(StepId(format!("new{serial}")), lane, stage, seed.text.clone()),
        ),
        (1, _) => delete_steps(b, &HashSet::from([pick(seed.a)])),
        (2, _) => {
            let mut step = b.steps[seed.a % n].clone();
            step.title = seed.text.clone();
            step.basis = Basis::Assumed;
            step.duration_min = Some(seed.b as f64);
            Edit::SetStep(step)
        }
        (3, _) => move_steps(b, &[pick(seed.a), pick(seed.b)], &lane, &stage, seed.a % 3),
        (4, _) if n >= 2 && pick(seed.a) != pick(seed.b) => Edit::InsertFlow(
            seed.b % (b.flows.len() + 1),
            crate::model::Flow {
                id: FlowId(format!("fl{serial}")),
                from: pick(seed.a),
                to: pick(seed.b),
                two_way: seed.a.is_multiple_of(2),
                label: seed.text.clone(),
            },
        ),
        (5, _) => Edit::InsertMarker(
            0,
            crate::model::Marker {
                id: MarkerId(format!("mk{serial}")),
                kind: MarkerKind::ALL[seed.a % 5],
                target: MarkerTarget::Step(pick(seed.b)),
                severity: Some(1 + (seed.b % 5) as u8),
                note: seed.text.clone(),
            },
        ),
        (6, _) if !b.markers.is_empty() => Edit::RemoveMarker(b.markers[seed.a % b.markers.len()].id.clone()),
        (7, _) => Edit::MoveStage(b.stages[seed.a % b.stages.len()].id.clone(), seed.b % b.stages.len()),
        (8, _) => Edit::SetInfo(Info {
            title: seed.text.clone(),
            ..Info::of(b)
        }),
        _ if !b.flows.is_empty() => Edit::RemoveFlow(b.flows[seed.b % b.flows.len()].id.clone()),
        _ => Edit::Batch(Vec::new()),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]
    #[test]
    fn long_random_edit_sequences_undo_to_the_original_and_redo_to_the_final(
        seeds in prop::collection::vec((any::<u8>(), 0usize..100, 0usize..100, "[a-z ]{0,8}").prop_map(|(kind, a, b, text)| Seed { kind, a, b, text }), 1..120)
    ) {
        let mut b = sample();
        let original = b.clone();
        let mut history = History::default();
        for (serial, seed) in seeds.iter().enumerate() {
            let edit = concrete(&b, seed, serial);
            history.apply(&mut b, edit, "random", Merge::Never).expect("a concrete edit applies");
            prop_assert!(crate::model::validate(&b).is_empty(), "{:?}", crate::model::validate(&b));
        }
        let last = b.clone();
        while history.undo(&mut b).is_some() {}
        prop_assert_eq!(&b, &original);
        while history.redo(&mut b).is_some() {}
        prop_assert_eq!(&b, &last);
    }
}

#[test]
fn retracting_an_edit_restores_the_blueprint_and_leaves_nothing_to_redo() {
    let mut b = sample();
    let original = b.clone();
    let mut history = History::default();
    history.mark_saved();
    let first = b.steps[0].id.clone();
    history
        .apply(
            &mut b,
            delete_steps(&original, &HashSet::from([first])),
            "Delete",
            Merge::Never,
        )
        .expect("deletes");
    assert_eq!(history.retract(&mut b).as_deref(), Some("Delete"));
    assert_eq!(b, original);
    assert_eq!((history.undo_len(), history.redo_label()), (0, None));
    assert!(!history.is_dirty());
}
