//! The editor while its drawing is worked out in the background, with the worker thread held
//! so that what it shows meanwhile can be looked at.

use super::*;
use crate::geom::Rect;
use egui::{Pos2, vec2};
use egui_kittest::Harness;

/// An editor on `file` that works out every drawing in the background, once its first
/// drawing is there.
fn editor_in_background(name: &str, file: &str) -> Harness<'static, EditorApp> {
    let recovery = std::env::temp_dir().join(format!("blueprint-studio-{name}-{}", std::process::id()));
    let file = PathBuf::from(file);
    let mut h = Harness::builder()
        .with_size(vec2(1400.0, 900.0))
        .with_step_dt(1.0 / 60.0)
        .build_eframe(move |cc| {
            let options = AppOptions {
                file: Some(file),
                lang: Some(Lang::En),
                native_dialogs: false,
                recovery_dir: Some(recovery),
                background_from: Some(0),
            };
            EditorApp::with_settings(&cc.egui_ctx, options, Settings::default())
        });
    settle(&mut h);
    h
}

/// Steps until the drawing is of the document as it is.
fn settle(h: &mut Harness<'_, EditorApp>) {
    let start = std::time::Instant::now();
    h.run_steps(2);
    while h.state().doc.is_drawing_behind() {
        assert!(start.elapsed().as_secs() < 30, "the drawing arrives");
        std::thread::sleep(std::time::Duration::from_millis(2));
        h.step();
    }
}

fn drag(h: &mut Harness<'_, EditorApp>, from: Pos2, to: Pos2) {
    h.hover_at(from);
    h.step();
    h.drag_at(from);
    h.step();
    for i in 1..=6 {
        h.hover_at(from + (to - from) * (i as f32 / 6.0));
        h.step();
    }
    h.drop_at(to);
    h.run_steps(2);
}

/// The middle of the backstage cell in `step`'s stage, on screen.
fn backstage_of(h: &Harness<'_, EditorApp>, step: &crate::model::Step) -> Pos2 {
    h.state()
        .cell_screen_rect(&LaneId::from("backstage"), &step.stage)
        .expect("cell")
        .center()
}

fn card(h: &Harness<'_, EditorApp>, id: &str) -> egui::Rect {
    h.state().card_screen_rect(&StepId::from(id)).expect("card on screen")
}

#[test]
fn a_new_flow_shows_as_an_arrow_between_its_cards_until_its_drawing_arrives() {
    let mut h = editor_in_background("pending-flow", "tests/fixtures/minimal.ron");
    let (a, c) = (card(&h, "a"), card(&h, "c"));
    let held = worker::hold();
    drag(&mut h, Pos2::new(a.right(), a.center().y), c.center());
    let ends = (StepId::from("a"), StepId::from("c"));
    assert!(
        h.state()
            .doc
            .blueprint()
            .flows
            .iter()
            .any(|f| (&f.from, &f.to) == (&ends.0, &ends.1)),
        "connected"
    );
    assert!(h.state().doc.is_drawing_behind(), "the worker is held");
    assert_eq!(h.state().state.echo.flow, Some(ends.clone()), "shown meanwhile");
    drop(held);
    settle(&mut h);
    assert_eq!(h.state().state.echo, Default::default(), "gone with the drawing");
    let layout = &h.state().doc.current_drawing().expect("drawn").layout;
    let b = h.state().doc.blueprint();
    assert!(
        layout
            .flows
            .iter()
            .any(|r| (&b.flows[r.flow].from, &b.flows[r.flow].to) == (&ends.0, &ends.1)),
        "routed"
    );
}

#[test]
fn a_dropped_card_shows_where_it_was_dropped_until_its_drawing_arrives() {
    let mut h = editor_in_background("pending-card", "samples/en/coffee-shop.ron");
    let step = h.state().doc.blueprint().steps[0].clone();
    let from = card(&h, step.id.as_str());
    let target = backstage_of(&h, &step);
    let held = worker::hold();
    drag(&mut h, from.center(), target);
    let moved = h.state().doc.blueprint().step(&step.id).expect("step").clone();
    assert_eq!(moved.lane.as_str(), "backstage");
    let cards = h.state().state.echo.cards.clone();
    let t = h.state().screen_transform();
    let ghost = t.rect_to_screen(*cards.first().expect("a ghost"));
    assert_eq!(cards.len(), 1);
    assert!(
        ghost.center().distance(target) < 1.0,
        "{ghost:?} is centred on {target:?}"
    );
    assert!((ghost.size() - from.size()).length() < 0.5, "the card's size");
    drop(held);
    settle(&mut h);
    assert_eq!(h.state().state.echo.cards, Vec::<Rect>::new());
    let landed = card(&h, step.id.as_str());
    assert!(
        h.state()
            .cell_screen_rect(&LaneId::from("backstage"), &step.stage)
            .expect("cell")
            .contains_rect(landed),
        "in its new cell"
    );
}

fn key(h: &mut Harness<'_, EditorApp>, modifiers: egui::Modifiers, key: egui::Key) {
    h.key_press_modifiers(modifiers, key);
    h.run_steps(2);
}

/// The cell of step `id` in the drawing shown, by lane and stage id.
fn drawn_cell(h: &Harness<'_, EditorApp>, id: &str) -> (String, String) {
    let (b, drawing) = h.state().doc.parts();
    let card = drawing.layout.card_of(&StepId::from(id)).expect("drawn");
    (b.lanes[card.lane].id.0.clone(), b.stages[card.stage].id.0.clone())
}

#[test]
fn undoing_a_move_before_its_drawing_arrives_ends_with_the_card_back_in_its_cell() {
    let mut h = editor_in_background("undo-pending", "samples/en/coffee-shop.ron");
    let step = h.state().doc.blueprint().steps[0].clone();
    let before = drawn_cell(&h, step.id.as_str());
    let target = backstage_of(&h, &step);
    let from = card(&h, step.id.as_str()).center();
    let held = worker::hold();
    drag(&mut h, from, target);
    key(&mut h, egui::Modifiers::COMMAND, egui::Key::Z);
    assert_eq!(h.state().doc.blueprint().step(&step.id), Some(&step), "undone");
    drop(held);
    settle(&mut h);
    assert_eq!(drawn_cell(&h, step.id.as_str()), before, "drawn where it was");
    assert_eq!(h.state().state.echo, Default::default());
    // Redo draws it in the cell it was dropped in.
    key(&mut h, egui::Modifiers::COMMAND | egui::Modifiers::SHIFT, egui::Key::Z);
    settle(&mut h);
    assert_eq!(drawn_cell(&h, step.id.as_str()).0, "backstage");
}

#[test]
fn a_click_while_the_drawing_is_behind_selects_the_card_under_the_pointer() {
    // Deleting a step shifts the index of every step after it: the canvas must hit-test the
    // drawing shown against the blueprint it was made from.
    let mut h = editor_in_background("click-behind", "samples/en/coffee-shop.ron");
    let b = h.state().doc.blueprint().clone();
    let (first, last) = (b.steps[0].id.clone(), b.steps[b.steps.len() - 1].id.clone());
    let (first_card, last_card) = (card(&h, first.as_str()), card(&h, last.as_str()));
    let held = worker::hold();
    h.hover_at(first_card.center());
    h.step();
    h.event(egui::Event::PointerButton {
        pos: first_card.center(),
        button: egui::PointerButton::Primary,
        pressed: true,
        modifiers: egui::Modifiers::NONE,
    });
    h.event(egui::Event::PointerButton {
        pos: first_card.center(),
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: egui::Modifiers::NONE,
    });
    h.run_steps(2);
    key(&mut h, egui::Modifiers::NONE, egui::Key::Delete);
    assert!(h.state().doc.blueprint().step(&first).is_none(), "deleted");
    assert!(h.state().doc.is_drawing_behind(), "the worker is held");
    h.hover_at(last_card.center());
    h.step();
    h.event(egui::Event::PointerButton {
        pos: last_card.center(),
        button: egui::PointerButton::Primary,
        pressed: true,
        modifiers: egui::Modifiers::NONE,
    });
    h.event(egui::Event::PointerButton {
        pos: last_card.center(),
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: egui::Modifiers::NONE,
    });
    h.run_steps(2);
    let selected: Vec<StepId> = h.state().state.selection.steps.iter().cloned().collect();
    assert_eq!(selected, [last], "the card clicked, not the one after it");
    drop(held);
    settle(&mut h);
    assert!(
        h.state()
            .doc
            .current_drawing()
            .expect("drawn")
            .layout
            .card_of(&first)
            .is_none()
    );
}

#[test]
fn a_title_typed_while_comparing_with_highlights_on_shows_before_the_comparison_is_done() {
    let mut h = editor_in_background("typing-comparing", "samples/en/clinic-visit-to-be.ron");
    h.state_mut().settings.highlight.critical_path = true;
    let other = crate::file::open(std::path::Path::new("samples/en/clinic-visit.ron")).expect("sample");
    h.state_mut()
        .analysis
        .compare_with(PathBuf::from("samples/en/clinic-visit.ron"), other);
    let start = std::time::Instant::now();
    let drawn = |h: &Harness<'_, EditorApp>| {
        h.state()
            .doc
            .current_drawing()
            .is_some_and(|d| d.highlights() == &h.state().highlights && d.highlights().critical_path.is_some())
    };
    while h.state().analysis.comparison().is_none() || !drawn(&h) {
        assert!(start.elapsed().as_secs() < 30, "compared and drawn with the highlights");
        std::thread::sleep(std::time::Duration::from_millis(2));
        h.step();
    }
    // A short title, so one more character keeps the card's height: the card alone is drawn again.
    let id = h
        .state()
        .doc
        .blueprint()
        .steps
        .iter()
        .find(|s| s.title == "Sees the doctor")
        .expect("step")
        .id
        .clone();
    let at = card(&h, id.as_str()).center();
    let held = worker::hold();
    // Typed in place: the card takes the title at once; the comparison waits for the worker.
    h.hover_at(at);
    h.step();
    for _ in 0..2 {
        for pressed in [true, false] {
            h.event(egui::Event::PointerButton {
                pos: at,
                button: egui::PointerButton::Primary,
                pressed,
                modifiers: egui::Modifiers::NONE,
            });
            h.step();
        }
    }
    h.run_steps(2);
    assert!(h.state().state.inline.is_some(), "the title's editor is open");
    h.event(egui::Event::Key {
        key: egui::Key::End,
        physical_key: None,
        pressed: true,
        repeat: false,
        modifiers: egui::Modifiers::NONE,
    });
    h.event(egui::Event::Text("!".into()));
    h.run_steps(2);
    key(&mut h, egui::Modifiers::NONE, egui::Key::Enter);
    let title = h.state().doc.blueprint().step(&id).expect("step").title.clone();
    assert!(title.ends_with('!'), "{title}");
    assert!(drawn(&h), "the card drawn again at once, with the highlights");
    let drawing = h.state().doc.current_drawing().expect("drawn");
    let card = drawing.layout.card_of(&id).expect("card");
    let shown: String = card
        .title
        .lines
        .iter()
        .map(|l| l.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    assert!(shown.ends_with('!'), "{shown}");
    drop(held);
    // Then the comparison of the new title.
    let as_is = crate::file::open(std::path::Path::new("samples/en/clinic-visit.ron")).expect("sample");
    let expected = crate::analysis::compare(&as_is, h.state().doc.blueprint());
    let start = std::time::Instant::now();
    while h.state().analysis.comparison() != Some((&expected, false)) {
        assert!(start.elapsed().as_secs() < 30, "compared again");
        std::thread::sleep(std::time::Duration::from_millis(2));
        h.step();
    }
}

#[test]
fn a_highlight_switched_on_for_a_large_blueprint_is_drawn() {
    // Its drawing is worked out again in the background at the same revision: it must be taken
    // when it arrives (it was thrown away as not newer, and worked out again, frame after frame).
    let mut h = editor_in_background("highlight-on", "samples/en/clinic-visit-to-be.ron");
    let before = h.state().doc.parts().1.serial;
    h.state_mut().settings.highlight.critical_path = true;
    let start = std::time::Instant::now();
    loop {
        h.step();
        let drawing = h.state().doc.current_drawing().expect("current");
        if drawing.highlights().critical_path.is_some() {
            assert_ne!(drawing.serial, before, "drawn again");
            break;
        }
        assert!(start.elapsed().as_secs() < 30, "the critical path is drawn");
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    // And left alone once drawn.
    let serial = h.state().doc.parts().1.serial;
    for _ in 0..20 {
        std::thread::sleep(std::time::Duration::from_millis(2));
        h.step();
    }
    assert_eq!(h.state().doc.parts().1.serial, serial, "no more builds");
}
