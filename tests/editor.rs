//! The editor driven through its real UI with egui_kittest: no window, no GPU.

mod common;

use common::temp_dir;

use blueprint_studio::app::settings::Settings;
use blueprint_studio::app::{AppOptions, Dialog, EditorApp};
use blueprint_studio::i18n::Lang;
use blueprint_studio::model::{LaneId, MarkerKind, MarkerTarget, StageId, StepId};
use egui::{Event, Key, Modifiers, PointerButton, Pos2, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use std::path::{Path, PathBuf};

fn editor(name: &str, file: Option<PathBuf>) -> Harness<'static, EditorApp> {
    editor_in(name, file, Lang::En)
}

fn editor_in(name: &str, file: Option<PathBuf>, lang: Lang) -> Harness<'static, EditorApp> {
    editor_with(name, file, lang, None)
}

/// An editor that builds drawings on a worker thread from `background_from` steps.
fn editor_with(
    name: &str,
    file: Option<PathBuf>,
    lang: Lang,
    background_from: Option<usize>,
) -> Harness<'static, EditorApp> {
    let recovery = temp_dir(&format!("{name}-recovery"));
    let mut harness = Harness::builder()
        .with_size(vec2(1400.0, 900.0))
        .with_step_dt(1.0 / 60.0)
        .build_eframe(move |cc| {
            let options = AppOptions {
                file,
                lang: Some(lang),
                native_dialogs: false,
                recovery_dir: Some(recovery),
                background_from,
            };
            EditorApp::with_settings(&cc.egui_ctx, options, Settings::default())
        });
    harness.run_steps(3);
    harness
}

/// A copy of a sample in a temp folder, so saving does not touch the repository.
fn sample_copy(name: &str, sample: &str) -> PathBuf {
    let dir = temp_dir(name);
    let path = dir.join("plan.ron");
    std::fs::copy(sample, &path).expect("copy sample");
    path
}

fn card_center(h: &Harness<'_, EditorApp>, id: &str) -> Pos2 {
    h.state()
        .card_screen_rect(&StepId::from(id))
        .expect("card on screen")
        .center()
}

fn drag(h: &mut Harness<'_, EditorApp>, from: Pos2, to: Pos2) {
    h.hover_at(from);
    h.step();
    h.drag_at(from);
    h.step();
    for i in 1..=6 {
        let t = i as f32 / 6.0;
        h.hover_at(from + (to - from) * t);
        h.step();
    }
    h.drop_at(to);
    h.run_steps(2);
}

fn click_at(h: &mut Harness<'_, EditorApp>, pos: Pos2, button: PointerButton) {
    h.hover_at(pos);
    h.step();
    h.event(Event::PointerButton {
        pos,
        button,
        pressed: true,
        modifiers: Modifiers::NONE,
    });
    h.event(Event::PointerButton {
        pos,
        button,
        pressed: false,
        modifiers: Modifiers::NONE,
    });
    h.run_steps(2);
}

fn double_click_at(h: &mut Harness<'_, EditorApp>, pos: Pos2) {
    h.hover_at(pos);
    h.step();
    for _ in 0..2 {
        h.event(Event::PointerButton {
            pos,
            button: PointerButton::Primary,
            pressed: true,
            modifiers: Modifiers::NONE,
        });
        h.step();
        h.event(Event::PointerButton {
            pos,
            button: PointerButton::Primary,
            pressed: false,
            modifiers: Modifiers::NONE,
        });
        h.step();
    }
    h.run_steps(2);
}

fn key(h: &mut Harness<'_, EditorApp>, modifiers: Modifiers, key: Key) {
    h.key_press_modifiers(modifiers, key);
    h.run_steps(2);
}

#[test]
fn the_analysis_panel_reports_on_the_file_opened_next_even_at_the_same_revision() {
    // Both unedited: the same revision number, which must not pass for the same report.
    let mut h = editor("report-next", Some(PathBuf::from("samples/en/coffee-shop.ron")));
    h.get_by_label("Analysis").click();
    h.run_steps(3);
    // The status bar and the panel's report both count flows and markers.
    let summary = |h: &Harness<'_, EditorApp>| {
        let b = h.state().blueprint();
        format!("{} flows · {} markers", b.flows.len(), b.markers.len())
    };
    let coffee = summary(&h);
    assert_eq!(
        h.query_all_by_label_contains(&coffee).count(),
        2,
        "the coffee shop's report"
    );
    open_sample(&mut h, "Clinic visit: booking to follow-up (as-is)");
    h.run_steps(1);
    assert_eq!(
        h.state().blueprint().title,
        "Clinic visit: booking to follow-up (as-is)"
    );
    assert_eq!(
        h.query_all_by_label_contains(&coffee).count(),
        0,
        "no coffee shop report left"
    );
    assert_eq!(
        h.query_all_by_label_contains(&summary(&h)).count(),
        2,
        "the clinic's report"
    );
}

/// Opens the sample called `title` from the File menu.
fn open_sample(h: &mut Harness<'_, EditorApp>, title: &str) {
    h.get_by_label("File").click();
    h.run_steps(2);
    h.get_by_label("Open sample").click();
    h.run_steps(2);
    h.get_by_label(title).click();
    h.run_steps(3);
}

#[test]
fn opens_a_sample_from_the_file_menu() {
    let mut h = editor("sample", None);
    open_sample(&mut h, "Clinic visit: booking to follow-up (as-is)");
    let b = h.state().blueprint();
    assert_eq!(b.title, "Clinic visit: booking to follow-up (as-is)");
    assert!(b.steps.len() >= 12);
    assert!(!h.state().document().is_dirty());
    // Its to-be version is one click away in the analysis panel.
    h.get_by_label("Analysis").click();
    h.run_steps(2);
    let pair = "Compare with “Clinic visit: booking to follow-up (to-be)”";
    h.get_by_label(pair).scroll_to_me();
    h.run_steps(3);
    h.get_by_label(pair).click();
    h.run_steps(3);
    assert!(
        h.state()
            .state
            .compare_emotions
            .as_ref()
            .is_some_and(|(name, _)| name == "To-be"),
        "the pair is compared"
    );
    // And the to-be version opens from the menu, beside its as-is one.
    h.get_by_label("File").click();
    h.run_steps(2);
    h.get_by_label("Open sample").click();
    h.run_steps(2);
    h.get_all_by_label("To-be")
        .next()
        .expect("a to-be version listed")
        .click();
    h.run_steps(3);
    assert_eq!(h.state().blueprint().state, blueprint_studio::model::ServiceState::ToBe);
}

#[test]
fn dragging_a_step_to_another_lane_moves_it_and_undo_redo_take_it_back_and_forth() {
    let mut h = editor("drag", Some(PathBuf::from("samples/en/coffee-shop.ron")));
    let b = h.state().blueprint();
    let step = b
        .steps
        .iter()
        .find(|s| s.lane.as_str() == "customer")
        .expect("customer step")
        .clone();
    let target = h
        .state()
        .cell_screen_rect(&LaneId::from("backstage"), &step.stage)
        .expect("cell");
    let from = card_center(&h, step.id.as_str());
    drag(&mut h, from, target.center());
    let moved = h.state().blueprint().step(&step.id).expect("still there").clone();
    assert_eq!(moved.lane.as_str(), "backstage", "the card moved to the backstage lane");
    assert_eq!(moved.stage, step.stage);

    key(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(
        h.state().blueprint().step(&step.id).expect("step").lane.as_str(),
        "customer",
        "undo"
    );
    key(&mut h, Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    assert_eq!(
        h.state().blueprint().step(&step.id).expect("step").lane.as_str(),
        "backstage",
        "redo"
    );
    key(&mut h, Modifiers::COMMAND, Key::Z);
    key(&mut h, Modifiers::COMMAND, Key::Y);
    assert_eq!(
        h.state().blueprint().step(&step.id).expect("step").lane.as_str(),
        "backstage",
        "ctrl+y redoes too"
    );
}

#[test]
fn undo_selects_what_it_brings_back_and_what_it_moves() {
    let mut h = editor("undo-selects", Some(PathBuf::from("tests/fixtures/minimal.ron")));
    let selected = |h: &Harness<'_, EditorApp>| -> Vec<String> {
        h.state().state.selection.steps.iter().map(|s| s.to_string()).collect()
    };
    let p = card_center(&h, "c");
    click_at(&mut h, p, PointerButton::Primary);
    key(&mut h, Modifiers::NONE, Key::Delete);
    h.run_steps(2);
    assert_eq!(selected(&h), [] as [String; 0], "the deleted step is gone");
    key(&mut h, Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert!(h.state().blueprint().step(&StepId::from("c")).is_some());
    assert_eq!(selected(&h), ["c"], "the step undo brought back is selected");
    // Moved away with the keyboard, then the other card picked: undo selects the moved one.
    key(&mut h, Modifiers::NONE, Key::ArrowDown);
    h.run_steps(2);
    let p = card_center(&h, "a");
    click_at(&mut h, p, PointerButton::Primary);
    assert_eq!(selected(&h), ["a"]);
    key(&mut h, Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert_eq!(selected(&h), ["c"], "undoing the move selects the card moved back");
}

#[test]
fn f8_hides_the_inspector_to_give_the_drawing_its_room_and_brings_it_back() {
    let mut h = editor("inspector-toggle", Some(PathBuf::from("tests/fixtures/minimal.ron")));
    let canvas = |h: &Harness<'_, EditorApp>| h.state().state.canvas_rect.width();
    let (with, persona) = (canvas(&h), h.query_all_by_label("Persona").count());
    assert!(persona > 0, "the inspector shows the blueprint's fields");
    key(&mut h, Modifiers::NONE, Key::F8);
    h.run_steps(3);
    assert_eq!(h.query_all_by_label("Persona").count(), 0, "hidden");
    assert!(
        canvas(&h) > with + 200.0,
        "the canvas took its room: {with} → {}",
        canvas(&h)
    );
    assert!(h.state().settings.hide_inspector, "and it is remembered");
    key(&mut h, Modifiers::NONE, Key::F8);
    h.run_steps(3);
    assert_eq!(h.query_all_by_label("Persona").count(), persona, "back");
}

#[test]
fn dragging_a_card_within_its_cell_reorders_the_cell() {
    let mut h = editor("reorder", Some(PathBuf::from("tests/fixtures/minimal.ron")));
    // Put a second customer step in stage one, then drag it above the first.
    let a = h.state().card_screen_rect(&StepId::from("a")).expect("card a");
    // Below card a, left of the flow that runs down from its middle.
    double_click_at(&mut h, Pos2::new(a.left() + 10.0, a.bottom() + 12.0));
    h.run_steps(2);
    let new_id = h.state().state.selection.steps[0].clone();
    key(&mut h, Modifiers::NONE, Key::Enter);
    let new = h.state().card_screen_rect(&new_id).expect("new card");
    assert!(new.top() > a.bottom(), "added below a");
    drag(&mut h, new.center(), Pos2::new(a.center().x, a.top() + 4.0));
    let b = h.state().blueprint();
    let (lane, stage) = (LaneId::from("customer"), StageId::from("one"));
    let order: Vec<&str> = b.cell_steps(&lane, &stage).map(|s| s.id.as_str()).collect();
    assert_eq!(order, vec![new_id.as_str(), "a"]);
}

#[test]
fn dragging_from_a_cards_handle_to_another_card_connects_them() {
    let mut h = editor("connect", Some(PathBuf::from("tests/fixtures/minimal.ron")));
    let from = h.state().card_screen_rect(&StepId::from("a")).expect("a");
    let handle = Pos2::new(from.right(), from.center().y);
    let to = card_center(&h, "c");
    assert!(
        !h.state()
            .blueprint()
            .flows
            .iter()
            .any(|f| f.from.as_str() == "a" && f.to.as_str() == "c")
    );
    drag(&mut h, handle, to);
    let b = h.state().blueprint();
    let flow = b
        .flows
        .iter()
        .find(|f| f.from.as_str() == "a" && f.to.as_str() == "c")
        .expect("a new flow a → c");
    assert!(!flow.two_way);
    assert_eq!(
        h.state().state.selection.flow.as_ref(),
        Some(&flow.id),
        "the new flow is selected"
    );
    key(&mut h, Modifiers::NONE, Key::T);
    assert!(
        h.state()
            .blueprint()
            .flows
            .iter()
            .any(|f| f.from.as_str() == "a" && f.to.as_str() == "c" && f.two_way),
        "T makes it two-way"
    );
    key(&mut h, Modifiers::NONE, Key::Delete);
    assert!(
        !h.state()
            .blueprint()
            .flows
            .iter()
            .any(|f| f.from.as_str() == "a" && f.to.as_str() == "c"),
        "Delete removes the flow"
    );
}

#[test]
fn markers_are_added_from_the_context_menu_and_the_keyboard() {
    let mut h = editor("marker", Some(PathBuf::from("tests/fixtures/minimal.ron")));
    let p = card_center(&h, "a");
    click_at(&mut h, p, PointerButton::Secondary);
    h.get_by_label("Add marker").click();
    h.run_steps(2);
    h.get_by_label("Pain point").click();
    h.run_steps(2);
    let on_a = |h: &Harness<'_, EditorApp>, kind| {
        h.state()
            .blueprint()
            .markers
            .iter()
            .filter(|m| m.kind == kind && m.target == MarkerTarget::Step(StepId::from("a")))
            .count()
    };
    assert_eq!(on_a(&h, MarkerKind::PainPoint), 1);
    // The inspector shows it with severity and note.
    assert!(h.query_all_by_label("severity").next().is_some());
    let p = card_center(&h, "a");
    click_at(&mut h, p, PointerButton::Primary);
    key(&mut h, Modifiers::NONE, Key::W);
    assert_eq!(
        on_a(&h, MarkerKind::WaitPoint),
        1,
        "W adds a wait point to the selected step"
    );
    key(&mut h, Modifiers::NONE, Key::W);
    assert_eq!(on_a(&h, MarkerKind::WaitPoint), 0, "W again takes it off");
}

#[test]
fn an_opportunity_starts_without_a_severity_and_can_be_rated_and_unrated_with_undo() {
    let mut h = editor("rate", Some(PathBuf::from("tests/fixtures/minimal.ron")));
    let p = card_center(&h, "a");
    click_at(&mut h, p, PointerButton::Primary);
    key(&mut h, Modifiers::NONE, Key::O);
    let severity = |h: &Harness<'_, EditorApp>| {
        let b = h.state().blueprint();
        let opportunity = b.markers.iter().find(|m| m.kind == MarkerKind::Opportunity);
        opportunity.expect("added").severity
    };
    assert_eq!(severity(&h), None, "no number until the designer gives one");
    h.get_by_label("Rate this marker").click();
    h.run_steps(2);
    assert_eq!(severity(&h), Some(3));
    key(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(severity(&h), None, "undo takes the rating back");
}

#[test]
fn dragging_a_point_of_the_emotion_curve_changes_that_feeling_in_one_undo_step() {
    let mut h = editor("emotion", Some(PathBuf::from("samples/en/coffee-shop.ron")));
    let b = h.state().blueprint().clone();
    let step = b
        .steps
        .iter()
        .find(|s| s.emotion == Some(-1))
        .expect("a step at -1")
        .id
        .clone();
    let (from, to) = h.state().emotion_screen_point(&step, 2).expect("on the curve");
    assert!(to.y < from.y, "+2 is higher up");
    drag(&mut h, from, to + vec2(0.0, 3.0));
    let feeling = |h: &Harness<'_, EditorApp>| h.state().blueprint().step(&step).and_then(|s| s.emotion);
    assert_eq!(feeling(&h), Some(2), "the point lands on the nearest whole feeling");
    assert_eq!(
        h.state()
            .blueprint()
            .steps
            .iter()
            .filter(|s| s.emotion != b.step(&s.id).and_then(|o| o.emotion))
            .count(),
        1,
        "one step changed"
    );
    key(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(feeling(&h), Some(-1), "one undo takes it back");
}

#[test]
fn renaming_a_stage_in_place() {
    let mut h = editor("rename", Some(PathBuf::from("tests/fixtures/minimal.ron")));
    let header = h
        .state()
        .stage_header_screen_rect(&StageId::from("two"))
        .expect("header");
    double_click_at(&mut h, header.center());
    replace_text(&mut h, "Pay");
    key(&mut h, Modifiers::NONE, Key::Enter);
    assert_eq!(
        h.state().blueprint().stage(&StageId::from("two")).expect("stage").name,
        "Pay"
    );
    key(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(
        h.state().blueprint().stage(&StageId::from("two")).expect("stage").name,
        "Two"
    );
}

#[test]
fn double_clicking_an_empty_cell_adds_a_step_and_edits_its_title() {
    let mut h = editor("add", Some(PathBuf::from("tests/fixtures/minimal.ron")));
    let cell = h
        .state()
        .cell_screen_rect(&LaneId::from("support"), &StageId::from("two"))
        .expect("cell");
    double_click_at(&mut h, cell.center());
    assert_eq!(h.state().blueprint().steps.len(), 4);
    h.event(Event::Text("Ships the parcel".into()));
    h.run_steps(2);
    key(&mut h, Modifiers::NONE, Key::Enter);
    let b = h.state().blueprint();
    let new = b
        .steps
        .iter()
        .find(|s| s.lane.as_str() == "support")
        .expect("new step in support");
    assert_eq!(new.title, "Ships the parcel");
    assert_eq!(new.stage.as_str(), "two");
    assert!(h.state().document().is_dirty());
}

#[test]
fn double_clicking_a_card_edits_its_title_in_place_with_the_keyboard_in_the_field() {
    let mut h = editor("edit-title", Some(PathBuf::from("tests/fixtures/minimal.ron")));
    let markers = h.state().blueprint().markers.len();
    let a = card_center(&h, "a");
    double_click_at(&mut h, a);
    assert!(h.state().is_editing_in_place(), "the title's editor opened");
    // The click that opened the field must not take the keyboard away from it again.
    type_keys(&mut h, " more");
    key(&mut h, Modifiers::NONE, Key::Enter);
    let b = h.state().blueprint();
    assert_eq!(b.step(&StepId::from("a")).expect("a").title, "Asks more");
    assert_eq!(b.markers.len(), markers, "no shortcut fired by the typing");
    assert!(!h.state().is_editing_in_place(), "Enter ends the edit");
}

/// At `zoom`, the size in screen pixels of card `a`'s title as drawn, and of the text in the
/// in-place editor a double-click on it opens.
fn title_and_editor_text_at(zoom: f32) -> (f32, f32) {
    let mut h = editor("edit-title-zoom", Some(PathBuf::from("tests/fixtures/minimal.ron")));
    {
        let state = &mut h.state_mut().state;
        let factor = zoom / state.viewport.zoom;
        state.viewport.zoom_at(egui::Vec2::ZERO, factor);
    }
    h.run_steps(2);
    let a = card_center(&h, "a");
    double_click_at(&mut h, a);
    assert!(h.state().is_editing_in_place());
    let layout = &h.state().document().current_drawing().expect("drawing").layout;
    let drawn = layout.card_of(&StepId::from("a")).expect("card").title.size * zoom;
    // Cards are painted as meshes: the text shape holding the title inside the field is the
    // field's own (the inspector shows it too).
    let field = h.get_by_label("Text on the canvas").rect();
    let typed = h
        .output()
        .shapes
        .iter()
        .find_map(|clipped| match &clipped.shape {
            egui::Shape::Text(text) if text.galley.text() == "Asks" && field.contains(text.pos) => {
                Some(text.galley.job.sections[0].format.font_id.size)
            }
            _ => None,
        })
        .expect("the field shows the title");
    (drawn, typed)
}

#[test]
fn the_title_editor_writes_as_large_as_the_card_and_stays_readable_zoomed_out() {
    for zoom in [1.0, 1.33, 2.0] {
        let (drawn, typed) = title_and_editor_text_at(zoom);
        assert!(
            (typed - drawn).abs() < 0.5,
            "at {zoom}× the title is {drawn:.1} px, typed {typed:.1} px"
        );
    }
    let (drawn, typed) = title_and_editor_text_at(0.4);
    assert!(typed >= 14.0 && typed > drawn, "at 40 % the field writes {typed:.1} px");
}

#[test]
fn tab_adds_the_next_step_in_the_same_lane_joined_by_a_flow() {
    let mut h = editor("tab", Some(PathBuf::from("tests/fixtures/minimal.ron")));
    let p = card_center(&h, "a");
    click_at(&mut h, p, PointerButton::Primary);
    key(&mut h, Modifiers::NONE, Key::Tab);
    let b = h.state().blueprint();
    let new = b.steps.last().expect("new step");
    assert_eq!((new.lane.as_str(), new.stage.as_str()), ("customer", "two"));
    assert!(b.flows.iter().any(|f| f.from.as_str() == "a" && f.to == new.id));
}

/// A key going down and up, as part of a burst of input delivered in one frame.
fn tap(h: &mut Harness<'_, EditorApp>, key: Key) {
    for pressed in [true, false] {
        h.event(Event::Key {
            key,
            physical_key: None,
            pressed,
            repeat: false,
            modifiers: Modifiers::NONE,
        });
    }
}

#[test]
fn typing_a_title_tab_and_the_next_title_at_full_speed_adds_two_steps_joined_by_a_flow() {
    let mut h = editor("tab-burst", Some(PathBuf::from("tests/fixtures/minimal.ron")));
    let cell = h
        .state()
        .cell_screen_rect(&LaneId::from("support"), &StageId::from("one"))
        .expect("cell");
    double_click_at(&mut h, cell.center());
    // All in one frame, as a fast typist's keys arrive: none of it may reach a shortcut
    // (W is a wait point, O an opportunity, Space the menu under focus).
    h.event(Event::Text("One".into()));
    tap(&mut h, Key::Tab);
    h.event(Event::Text("Two words".into()));
    tap(&mut h, Key::Enter);
    h.run_steps(4);
    check_two_steps(&h);
}

#[test]
fn typing_a_title_tab_and_the_next_title_key_by_key_adds_two_steps_joined_by_a_flow() {
    let mut h = editor("tab-keys", Some(PathBuf::from("tests/fixtures/minimal.ron")));
    let cell = h
        .state()
        .cell_screen_rect(&LaneId::from("support"), &StageId::from("one"))
        .expect("cell");
    double_click_at(&mut h, cell.center());
    // One frame per key, as a window delivers them.
    for c in "One".chars() {
        h.event(Event::Text(c.to_string()));
        h.step();
    }
    tap(&mut h, Key::Tab);
    h.step();
    for c in "Two words".chars() {
        h.event(Event::Text(c.to_string()));
        h.step();
    }
    tap(&mut h, Key::Enter);
    h.run_steps(4);
    check_two_steps(&h);
}

/// Typing as a window delivers it: each character as its key going down, the text, the key
/// going up (the key is what shortcuts listen for).
fn type_keys(h: &mut Harness<'_, EditorApp>, text: &str) {
    for c in text.chars() {
        let name = if c == ' ' {
            "Space".to_owned()
        } else {
            c.to_ascii_uppercase().to_string()
        };
        let key = Key::from_name(&name).expect("a key");
        let event = |pressed| Event::Key {
            key,
            physical_key: None,
            pressed,
            repeat: false,
            modifiers: Modifiers::NONE,
        };
        h.event(event(true));
        h.event(Event::Text(c.to_string()));
        h.event(event(false));
    }
}

#[test]
fn tab_on_a_selected_card_then_titles_at_full_speed_go_into_the_new_cards() {
    // Drawn at once, and drawn in the background as large blueprints are: there the new
    // cards have no place on the canvas yet while their titles are typed.
    for background_from in [None, Some(0)] {
        let mut h = editor_with(
            "tab-card",
            Some(PathBuf::from("tests/fixtures/minimal.ron")),
            Lang::En,
            background_from,
        );
        let p = card_center(&h, "b");
        click_at(&mut h, p, PointerButton::Primary);
        // One frame: Tab adds the next step; the title after it is that step's, not
        // shortcuts (O is an opportunity, the space the File menu's button when Tab gave
        // it the focus).
        tap(&mut h, Key::Tab);
        type_keys(&mut h, "One");
        tap(&mut h, Key::Tab);
        type_keys(&mut h, "Two words");
        tap(&mut h, Key::Enter);
        type_keys(&mut h, " ");
        for _ in 0..600 {
            h.step();
            if !h.state().document().is_drawing_behind() && !h.state().is_editing_in_place() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        h.run_steps(2);
        let b = h.state().blueprint();
        assert_eq!(
            titles_in(b, "front"),
            ["Answers", "One", "Two words"],
            "{background_from:?}: each title in its card"
        );
        assert_eq!(b.markers.len(), 1, "{background_from:?}: no marker added by the typing");
        assert!(
            h.query_by_label("Quit").is_none(),
            "{background_from:?}: the File menu stays shut"
        );
        let two = b.steps.iter().find(|s| s.title == "Two words").expect("Two");
        assert!(
            h.state().card_screen_rect(&two.id).is_some(),
            "{background_from:?}: drawn"
        );
    }
}

#[test]
fn tab_with_nothing_selected_leaves_the_keyboard_focus_off_the_menus() {
    let mut h = editor("tab-nothing", Some(PathBuf::from("tests/fixtures/minimal.ron")));
    // Tab asks for a step first; the space typed next must not open the File menu.
    tap(&mut h, Key::Tab);
    h.run_steps(2);
    assert!(
        !h.get_by_label("File").is_focused(),
        "the File menu did not take the focus"
    );
    type_keys(&mut h, " ");
    h.run_steps(2);
    assert!(h.query_by_label("Quit").is_none(), "the File menu stays shut");
}

/// The titles of the steps in `lane`, in the blueprint's order.
fn titles_in<'a>(b: &'a blueprint_studio::model::Blueprint, lane: &str) -> Vec<&'a str> {
    b.steps
        .iter()
        .filter(|s| s.lane.as_str() == lane)
        .map(|s| s.title.as_str())
        .collect()
}

fn check_two_steps(h: &Harness<'_, EditorApp>) {
    let b = h.state().blueprint();
    assert_eq!(
        titles_in(b, "support"),
        ["One", "Two words"],
        "two steps, each with its own title"
    );
    let one = b.steps.iter().find(|s| s.title == "One").expect("One");
    let two = b.steps.iter().find(|s| s.title == "Two words").expect("Two");
    assert_eq!(two.stage.as_str(), "two", "Tab adds the next step in the next stage");
    assert!(
        b.flows.iter().any(|f| f.from == one.id && f.to == two.id),
        "joined by a flow"
    );
    assert_eq!(b.flows.len(), 3, "one new flow");
    assert_eq!(b.markers.len(), 1, "no marker added by the typing");
    assert!(!h.state().is_editing_in_place(), "the second editor closed on Enter");
}

#[test]
fn escape_on_a_new_step_never_named_takes_it_back_without_an_undo_step() {
    let mut h = editor("escape-new", Some(PathBuf::from("tests/fixtures/minimal.ron")));
    let undo_before = h.state().document().history.undo_len();
    let cell = h
        .state()
        .cell_screen_rect(&LaneId::from("support"), &StageId::from("two"))
        .expect("cell");
    double_click_at(&mut h, cell.center());
    assert_eq!(h.state().blueprint().steps.len(), 4, "double-click adds a step");
    key(&mut h, Modifiers::NONE, Key::Escape);
    assert_eq!(h.state().blueprint().steps.len(), 3, "Escape takes it back");
    let history = &h.state().document().history;
    assert_eq!(history.undo_len(), undo_before, "no undo step left behind");
    assert_eq!(history.redo_label(), None, "nor a redo step");
    assert!(!h.state().document().is_dirty());
    assert_eq!(h.state().status(), "No step added", "the status says what came of it");
    // A step whose title was typed stays when Escape leaves its editor.
    h.run_steps(30);
    double_click_at(&mut h, cell.center());
    assert_eq!(h.state().blueprint().steps.len(), 4, "double-click adds a step again");
    h.event(Event::Text("Ships".into()));
    h.run_steps(2);
    key(&mut h, Modifiers::NONE, Key::Escape);
    assert_eq!(h.state().blueprint().steps.len(), 4, "a named step stays");
}

#[test]
fn save_writes_the_file_and_clears_the_unsaved_mark() {
    let path = sample_copy("save", "tests/fixtures/minimal.ron");
    let mut h = editor("save", Some(path.clone()));
    let p = card_center(&h, "a");
    click_at(&mut h, p, PointerButton::Primary);
    key(&mut h, Modifiers::NONE, Key::Delete);
    assert!(h.state().document().is_dirty());
    h.run_steps(2);
    assert!(
        h.state().window_title().starts_with("● plan.ron"),
        "{}",
        h.state().window_title()
    );
    key(&mut h, Modifiers::COMMAND, Key::S);
    assert!(!h.state().document().is_dirty());
    h.run_steps(2);
    assert_eq!(h.state().window_title(), "plan.ron — Blueprint Studio");
    let saved = blueprint_studio::file::open(&path).expect("saved file opens");
    assert!(saved.step(&StepId::from("a")).is_none(), "the deletion is on disk");
    assert!(
        blueprint_studio::file::backup_path(&path).exists(),
        "the previous version is kept"
    );
}

#[test]
fn save_as_on_a_new_blueprint_asks_for_a_path() {
    let dir = temp_dir("save-as");
    let mut h = editor("save-as", None);
    key(&mut h, Modifiers::NONE, Key::Tab); // nothing selected: nothing happens
    h.get_by_label("Insert").click();
    h.run_steps(2);
    h.get_by_label("Add step").click();
    h.run_steps(2);
    key(&mut h, Modifiers::NONE, Key::Enter);
    key(&mut h, Modifiers::COMMAND, Key::S);
    assert!(
        matches!(h.state().dialog(), Some(Dialog::PathPrompt { .. })),
        "{:?}",
        h.state().dialog()
    );
    let target = dir.join("fresh.ron");
    match h.state().dialog() {
        Some(Dialog::PathPrompt { text, .. }) => assert!(text.ends_with("Untitled.ron"), "a name is suggested: {text}"),
        other => panic!("{other:?}"),
    }
    replace_text(&mut h, &target.display().to_string());
    key(&mut h, Modifiers::NONE, Key::Enter);
    h.run_steps(2);
    assert!(h.state().dialog().is_none(), "{:?}", h.state().dialog());
    assert_eq!(blueprint_studio::file::open(&target).expect("written").steps.len(), 1);
    assert_eq!(h.state().document().path.as_deref(), Some(target.as_path()));
}

#[test]
fn the_path_field_starts_with_the_suggestion_selected_and_a_name_typed_alone_goes_in_its_folder() {
    let file = sample_copy("save-as-name", "tests/fixtures/minimal.ron");
    let dir = file.parent().expect("folder").to_owned();
    let mut h = editor("save-as-name", Some(file));
    key(&mut h, Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    h.run_steps(2);
    // Typed straight away, without selecting first: it replaces the suggestion.
    h.event(Event::Text("second".into()));
    h.run_steps(2);
    match h.state().dialog() {
        Some(Dialog::PathPrompt { text, .. }) => assert_eq!(text, "second"),
        other => panic!("{other:?}"),
    }
    key(&mut h, Modifiers::NONE, Key::Enter);
    h.run_steps(2);
    let saved = dir.join("second.ron");
    assert!(h.state().dialog().is_none(), "{:?}", h.state().dialog());
    assert_eq!(h.state().document().path.as_deref(), Some(saved.as_path()));
    assert_eq!(blueprint_studio::file::open(&saved).expect("written").steps.len(), 3);
    // A whole path typed over the suggestion is taken as it is.
    let elsewhere = temp_dir("save-as-elsewhere").join("third.ron");
    key(&mut h, Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    h.run_steps(2);
    h.event(Event::Text(elsewhere.display().to_string()));
    h.run_steps(2);
    key(&mut h, Modifiers::NONE, Key::Enter);
    h.run_steps(2);
    assert_eq!(h.state().document().path.as_deref(), Some(elsewhere.as_path()));
    assert!(elsewhere.exists());
}

/// Selects all of the focused field's text and types `text` over it.
fn replace_text(h: &mut Harness<'_, EditorApp>, text: &str) {
    h.event(Event::Key {
        key: Key::A,
        physical_key: None,
        pressed: true,
        repeat: false,
        modifiers: Modifiers::COMMAND,
    });
    h.event(Event::Text(text.to_owned()));
    h.run_steps(2);
}

/// Types `path` into the open path prompt, replacing what it suggests, and presses Enter.
fn enter_path(h: &mut Harness<'_, EditorApp>, path: &std::path::Path) {
    assert!(
        matches!(h.state().dialog(), Some(Dialog::PathPrompt { .. })),
        "{:?}",
        h.state().dialog()
    );
    replace_text(h, &path.display().to_string());
    key(h, Modifiers::NONE, Key::Enter);
    h.run_steps(2);
}

#[test]
fn file_menu_exports_the_steps_as_a_table_and_imports_one_as_a_new_unsaved_blueprint() {
    let dir = temp_dir("steps-io");
    let mut h = editor("steps-io", Some(PathBuf::from("samples/en/coffee-shop.ron")));
    let steps = h.state().blueprint().steps.len();
    h.get_by_label("File").click();
    h.run_steps(2);
    h.get_by_label("Export steps…").click();
    h.run_steps(2);
    let table = dir.join("coffee.csv");
    enter_path(&mut h, &table);
    let rows = blueprint_studio::table::read_rows(&table).expect("written");
    assert_eq!(rows.len(), steps + 1, "a header and a row per step");
    assert!(!h.state().document().is_dirty(), "exporting changes nothing");

    h.get_by_label("File").click();
    h.run_steps(2);
    h.get_by_label("Import steps…").click();
    h.run_steps(2);
    enter_path(&mut h, &table);
    assert!(h.state().dialog().is_none(), "{:?}", h.state().dialog());
    assert_eq!(h.state().blueprint().steps.len(), steps);
    assert_eq!(h.state().blueprint().title, "coffee");
    assert!(h.state().document().path.is_none(), "a new blueprint, not the table");
    assert!(h.state().document().is_dirty(), "unsaved until saved as a blueprint");
    // Saving it suggests a blueprint beside the table, under its name.
    key(&mut h, Modifiers::COMMAND, Key::S);
    match h.state().dialog() {
        Some(Dialog::PathPrompt { text, .. }) => assert_eq!(Path::new(text), dir.join("coffee.ron")),
        other => panic!("{other:?}"),
    }
    key(&mut h, Modifiers::NONE, Key::Escape);
    h.run_steps(2);

    // A table with a mistake says where, and leaves the document alone.
    let broken = dir.join("broken.csv");
    std::fs::write(&broken, "title,lane,stage,wait_min\nA,Customer,One,soon\n").expect("write");
    key(&mut h, Modifiers::COMMAND, Key::S); // save the import first, so no unsaved prompt
    enter_path(&mut h, &dir.join("coffee.ron"));
    h.get_by_label("File").click();
    h.run_steps(2);
    h.get_by_label("Import steps…").click();
    h.run_steps(2);
    enter_path(&mut h, &broken);
    match h.state().dialog() {
        Some(Dialog::Error { message, .. }) => assert!(message.contains("row 2, column D (wait_min)"), "{message}"),
        other => panic!("{other:?}"),
    }
    assert_eq!(h.state().blueprint().steps.len(), steps);
}

#[test]
fn unsaved_changes_prompt_guards_new_and_cancel_keeps_the_work() {
    let mut h = editor("prompt", Some(PathBuf::from("tests/fixtures/minimal.ron")));
    let p = card_center(&h, "c");
    click_at(&mut h, p, PointerButton::Primary);
    key(&mut h, Modifiers::NONE, Key::Delete);
    key(&mut h, Modifiers::COMMAND, Key::N);
    assert!(matches!(h.state().dialog(), Some(Dialog::Unsaved { .. })));
    assert!(h.query_by_label("Discard").is_some() && h.query_by_label("Cancel").is_some());
    h.get_by_label("Cancel").click();
    h.run_steps(2);
    assert!(h.state().dialog().is_none());
    assert_eq!(h.state().blueprint().title, "Minimal", "cancel keeps the document");
    key(&mut h, Modifiers::COMMAND, Key::N);
    h.get_by_label("Discard").click();
    h.run_steps(2);
    assert_eq!(
        h.state().blueprint().title,
        "Untitled service",
        "discard opens the template"
    );
    assert_eq!(h.state().blueprint().stages.len(), 5);
    assert!(!h.state().document().is_dirty());
}

#[test]
fn enter_takes_a_dialogs_default_button_and_escape_cancels() {
    let path = sample_copy("dialog-keys", "tests/fixtures/minimal.ron");
    let mut h = editor("dialog-keys", Some(path.clone()));
    let p = card_center(&h, "c");
    click_at(&mut h, p, PointerButton::Primary);
    key(&mut h, Modifiers::NONE, Key::Delete);
    // Escape: the unsaved-changes question goes away and nothing else happens.
    key(&mut h, Modifiers::COMMAND, Key::N);
    assert!(matches!(h.state().dialog(), Some(Dialog::Unsaved { .. })));
    h.run_steps(3);
    key(&mut h, Modifiers::NONE, Key::Escape);
    assert!(h.state().dialog().is_none(), "Escape cancels");
    assert_eq!(h.state().blueprint().title, "Minimal", "and keeps the work");
    assert!(h.state().document().is_dirty());
    // Enter: Save, the default, then on to the new blueprint.
    key(&mut h, Modifiers::COMMAND, Key::N);
    h.run_steps(3);
    key(&mut h, Modifiers::NONE, Key::Enter);
    h.run_steps(2);
    assert!(h.state().dialog().is_none(), "{:?}", h.state().dialog());
    let saved = blueprint_studio::file::open(&path).expect("saved");
    assert!(saved.step(&StepId::from("c")).is_none(), "Enter saved the change");
    assert_eq!(h.state().blueprint().title, "Untitled service", "then went on");
    // A confirmation: Enter takes the action asked for (it can be undone).
    let mut h = editor("dialog-keys-confirm", Some(PathBuf::from("tests/fixtures/minimal.ron")));
    let header = h
        .state()
        .stage_header_screen_rect(&StageId::from("two"))
        .expect("header");
    click_at(&mut h, header.center(), PointerButton::Secondary);
    h.get_by_label("Delete stage").click();
    h.run_steps(4);
    assert!(matches!(h.state().dialog(), Some(Dialog::ConfirmRemoveStage { .. })));
    key(&mut h, Modifiers::NONE, Key::Enter);
    assert!(h.state().dialog().is_none());
    assert_eq!(h.state().blueprint().stages.len(), 1, "Enter deletes");
}

#[test]
fn a_broken_file_shows_an_error_with_line_and_column() {
    let h = editor("broken", Some(PathBuf::from("tests/fixtures/wrong-type.ron")));
    match h.state().dialog() {
        Some(Dialog::Error { message, .. }) => {
            assert!(message.contains("wrong-type.ron:19:83"), "{message}")
        }
        other => panic!("{other:?}"),
    }
    assert!(
        h.query_by_label_contains("wrong-type.ron:19:83").is_some(),
        "the message is on screen"
    );
    assert_eq!(h.state().blueprint().title, "Untitled service", "nothing half-loaded");
}

#[test]
fn copy_and_paste_duplicates_steps_with_new_ids() {
    let mut h = editor("paste", Some(PathBuf::from("tests/fixtures/minimal.ron")));
    let p = card_center(&h, "b");
    click_at(&mut h, p, PointerButton::Primary);
    h.event(Event::Copy);
    h.step();
    let copied = h.output().platform_output.commands.iter().find_map(|c| match c {
        egui::OutputCommand::CopyText(text) => Some(text.clone()),
        _ => None,
    });
    let text = copied.expect("RON text put on the clipboard");
    assert!(text.contains("Answers"));
    h.event(Event::Paste(text));
    h.run_steps(2);
    let b = h.state().blueprint();
    assert_eq!(b.steps.iter().filter(|s| s.title == "Answers").count(), 2);
    assert_eq!(b.markers.len(), 2, "the marker came along");
    key(&mut h, Modifiers::COMMAND, Key::D);
    assert_eq!(
        h.state()
            .blueprint()
            .steps
            .iter()
            .filter(|s| s.title == "Answers")
            .count(),
        3,
        "ctrl+d duplicates"
    );
}

#[test]
fn paste_goes_into_the_cell_last_clicked_not_where_the_copy_came_from() {
    let mut h = editor("paste-target", Some(PathBuf::from("tests/fixtures/minimal.ron")));
    let p = card_center(&h, "b");
    click_at(&mut h, p, PointerButton::Primary);
    h.event(Event::Copy);
    h.step();
    let text = h
        .output()
        .platform_output
        .commands
        .iter()
        .find_map(|c| match c {
            egui::OutputCommand::CopyText(text) => Some(text.clone()),
            _ => None,
        })
        .expect("copied");
    // Click an empty cell elsewhere, then paste with the pointer moved away over the menu bar.
    let cell = h
        .state()
        .cell_screen_rect(&LaneId::from("support"), &StageId::from("two"))
        .expect("cell");
    click_at(&mut h, cell.center(), PointerButton::Primary);
    h.hover_at(Pos2::new(5.0, 5.0));
    h.event(Event::Paste(text));
    h.run_steps(2);
    let b = h.state().blueprint();
    let pasted: Vec<(&str, &str)> = b
        .steps
        .iter()
        .filter(|s| s.title == "Answers" && s.id.as_str() != "b")
        .map(|s| (s.lane.as_str(), s.stage.as_str()))
        .collect();
    assert_eq!(pasted, [("support", "two")], "into the clicked cell");
    // Duplicate keeps copies beside their originals.
    let p = card_center(&h, "a");
    click_at(&mut h, p, PointerButton::Primary);
    key(&mut h, Modifiers::COMMAND, Key::D);
    let b = h.state().blueprint();
    let copies: Vec<(&str, &str)> = b
        .steps
        .iter()
        .filter(|s| s.title == "Asks" && s.id.as_str() != "a")
        .map(|s| (s.lane.as_str(), s.stage.as_str()))
        .collect();
    assert_eq!(copies, [("customer", "one")], "ctrl+d duplicates in place");
}

#[test]
fn shift_drag_on_empty_canvas_box_selects() {
    let mut h = editor("box", Some(PathBuf::from("tests/fixtures/minimal.ron")));
    let a = h.state().card_screen_rect(&StepId::from("a")).expect("a");
    let b = h.state().card_screen_rect(&StepId::from("b")).expect("b");
    let from = a.left_top() - vec2(12.0, 12.0);
    let to = b.right_bottom() + vec2(4.0, 4.0);
    h.event(Event::PointerMoved(from));
    h.step();
    h.event(Event::PointerButton {
        pos: from,
        button: PointerButton::Primary,
        pressed: true,
        modifiers: Modifiers::SHIFT,
    });
    h.event(Event::ModifiersChanged(Modifiers::SHIFT));
    h.step();
    for i in 1..=5 {
        h.event(Event::PointerMoved(from + (to - from) * (i as f32 / 5.0)));
        h.step();
    }
    h.event(Event::PointerButton {
        pos: to,
        button: PointerButton::Primary,
        pressed: false,
        modifiers: Modifiers::SHIFT,
    });
    h.run_steps(2);
    let mut selected: Vec<&str> = h.state().state.selection.steps.iter().map(|s| s.as_str()).collect();
    selected.sort();
    assert_eq!(selected, vec!["a", "b"]);
}

#[test]
fn the_ui_switches_to_chinese() {
    let mut h = editor("lang", None);
    h.get_by_label("View").click();
    h.run_steps(2);
    h.get_by_label("中文 / English").click();
    h.run_steps(3);
    assert!(h.query_by_label("文件").is_some(), "the File menu reads 文件");
    assert_eq!(h.state().settings.lang, Some(Lang::Zh), "the choice is remembered");
}

#[test]
fn opening_a_file_from_the_path_field() {
    let mut h = editor("open", None);
    key(&mut h, Modifiers::COMMAND, Key::O);
    assert!(matches!(h.state().dialog(), Some(Dialog::PathPrompt { .. })));
    h.event(Event::Text(Path::new("samples/zh/bank-loan.ron").display().to_string()));
    h.run_steps(2);
    h.get_by_label("Open").click();
    h.run_steps(3);
    assert!(
        h.state().blueprint().title.contains("经营贷"),
        "{}",
        h.state().blueprint().title
    );
    assert_eq!(h.state().settings.recent.len(), 1, "recent files remember it");
}

#[test]
fn closing_with_unsaved_changes_asks_first() {
    let mut h = editor("close", Some(PathBuf::from("tests/fixtures/minimal.ron")));
    let p = card_center(&h, "c");
    click_at(&mut h, p, PointerButton::Primary);
    key(&mut h, Modifiers::NONE, Key::Delete);
    h.input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .events
        .push(egui::ViewportEvent::Close);
    h.run_steps(2);
    assert!(
        matches!(h.state().dialog(), Some(Dialog::Unsaved { .. })),
        "{:?}",
        h.state().dialog()
    );
    h.get_by_label("Cancel").click();
    h.run_steps(2);
    assert!(h.state().dialog().is_none());
    assert!(
        h.state().blueprint().step(&StepId::from("c")).is_none(),
        "the work is still there, unsaved"
    );
}

#[test]
fn work_left_by_a_crash_is_offered_back() {
    let recovery = temp_dir("crash-recovery");
    let mut b = blueprint_studio::file::open(Path::new("tests/fixtures/minimal.ron")).expect("fixture");
    b.title = "Work in progress".into();
    blueprint_studio::file::save(&recovery.join("recovery-4000000000.ron"), &b).expect("write recovery file");
    std::fs::write(recovery.join("recovery-4000000000.origin"), "/tmp/plan.ron\nplan.ron\n").expect("origin");
    let dir = recovery.clone();
    let mut h = Harness::builder()
        .with_size(vec2(1400.0, 900.0))
        .with_step_dt(1.0 / 60.0)
        .build_eframe(move |cc| {
            let options = AppOptions {
                file: None,
                lang: Some(Lang::En),
                native_dialogs: false,
                recovery_dir: Some(dir),
                background_from: None,
            };
            EditorApp::with_settings(&cc.egui_ctx, options, Settings::default())
        });
    h.run_steps(3);
    assert!(matches!(h.state().dialog(), Some(Dialog::Restore(found)) if found.len() == 1));
    h.get_by_label("Restore").click();
    h.run_steps(3);
    assert_eq!(h.state().blueprint().title, "Work in progress");
    assert!(h.state().document().is_dirty(), "restored work still needs saving");
    assert_eq!(h.state().document().path.as_deref(), Some(Path::new("/tmp/plan.ron")));
    assert!(
        !recovery.join("recovery-4000000000.ron").exists(),
        "the recovery file is consumed"
    );
}

#[test]
fn the_export_dialog_writes_a_slide_and_remembers_its_settings() {
    let dir = temp_dir("export-dialog");
    let out = dir.join("slide.png");
    let mut h = editor("export-dialog", Some(PathBuf::from("samples/en/coffee-shop.ron")));
    key(&mut h, Modifiers::COMMAND, Key::E);
    h.run_steps(3);
    // The path field is labelled "File"; replace its text.
    set_export_path(&mut h, &out);
    h.get_by_label("4K (3840×2160)").click();
    h.run_steps(3);
    click_export_when_previewed(&mut h);
    wait_for_export(&mut h);
    let image = image::open(&out).expect("the slide was written");
    assert_eq!((image.width(), image.height()), (3840, 2160));
    assert_eq!(
        h.state().settings.export.options.slide,
        Some(blueprint_studio::export::Slide::Uhd),
        "the choice is remembered"
    );
}

/// Steps until the deck presented is planned.
fn wait_for_slides(h: &mut Harness<'_, EditorApp>) {
    let mut rounds = 0;
    while h
        .state()
        .presented_highlights()
        .is_some_and(|(_, replanning)| replanning)
    {
        assert!(rounds < 3000, "the deck is planned within a minute");
        std::thread::sleep(std::time::Duration::from_millis(20));
        h.run_steps(1);
        rounds += 1;
    }
}

#[test]
fn f5_on_a_large_blueprint_presents_at_once_while_its_slides_are_planned_and_escape_leaves() {
    let dir = temp_dir("present-large");
    let path = dir.join("large.ron");
    blueprint_studio::file::save(&path, &blueprint_studio::generate::synthetic(1_000, 20)).expect("save");
    let mut h = editor("present-large", Some(path));
    key(&mut h, Modifiers::NONE, Key::F5);
    h.run_steps(2);
    assert_eq!(
        h.state().presentation().map(|p| p.1),
        Some(0),
        "presenting, no slide yet"
    );
    assert_eq!(
        h.state().presented_highlights().map(|p| p.1),
        Some(true),
        "being planned"
    );
    key(&mut h, Modifiers::NONE, Key::Escape);
    h.run_steps(2);
    assert_eq!(h.state().presentation(), None, "Escape leaves meanwhile");
}

#[test]
fn every_press_of_a_clicker_counts_also_quick_ones_and_those_made_while_the_slides_are_planned() {
    let mut h = editor("present-presses", Some(PathBuf::from("samples/en/bank-loan.ron")));
    key(&mut h, Modifiers::NONE, Key::F5);
    // Two presses before the deck is planned, in the frame F5 starts it.
    h.key_press(Key::ArrowRight);
    h.key_press(Key::PageDown);
    h.run_steps(1);
    wait_for_slides(&mut h);
    assert_eq!(
        h.state().presentation().map(|p| p.0),
        Some(2),
        "both presses made while planning"
    );
    // Three in one frame.
    for _ in 0..3 {
        h.key_press(Key::ArrowRight);
    }
    h.run_steps(1);
    assert_eq!(h.state().presentation().map(|p| p.0), Some(5), "three quick presses");
    h.key_press(Key::ArrowLeft);
    h.key_press(Key::ArrowLeft);
    h.run_steps(1);
    assert_eq!(h.state().presentation().map(|p| p.0), Some(3));
}

#[test]
fn f5_presents_the_deck_arrows_move_and_escape_returns_with_nothing_changed() {
    let mut h = editor("present", Some(PathBuf::from("samples/en/bank-loan.ron")));
    let before = h.state().blueprint().clone();
    key(&mut h, Modifiers::NONE, Key::F5);
    h.run_steps(2);
    wait_for_slides(&mut h);
    let (index, count, _) = h.state().presentation().expect("presenting");
    assert_eq!(index, 0, "starts at the overview");
    assert!(count >= 3, "an overview and content slides: {count}");
    key(&mut h, Modifiers::NONE, Key::ArrowRight);
    h.run_steps(1);
    assert_eq!(h.state().presentation().map(|p| p.0), Some(1), "→ advances");
    key(&mut h, Modifiers::NONE, Key::Space);
    h.run_steps(1);
    assert_eq!(h.state().presentation().map(|p| p.0), Some(2), "Space advances");
    key(&mut h, Modifiers::NONE, Key::ArrowLeft);
    h.run_steps(1);
    assert_eq!(h.state().presentation().map(|p| p.0), Some(1), "← goes back");
    // P adds a pain point in the editor; while presenting it must do nothing.
    key(&mut h, Modifiers::NONE, Key::P);
    key(&mut h, Modifiers::NONE, Key::N);
    h.run_steps(1);
    assert_eq!(
        h.state().presentation().map(|p| p.2),
        Some(true),
        "N shows the talking points"
    );
    // 1 toggles the critical path: the slide stays on screen while the deck is planned again.
    key(&mut h, Modifiers::NONE, Key::Num1);
    let (spec, _) = h.state().presented_highlights().expect("presenting");
    assert!(spec.critical_path, "1 turns the critical path on");
    wait_for_slides(&mut h);
    assert_eq!(
        h.state().presentation().map(|p| p.0),
        Some(1),
        "still on the same slide"
    );
    key(&mut h, Modifiers::NONE, Key::Num1);
    assert!(
        !h.state().presented_highlights().expect("presenting").0.critical_path,
        "and off again"
    );
    key(&mut h, Modifiers::NONE, Key::Escape);
    h.run_steps(2);
    assert_eq!(h.state().presentation(), None, "Escape leaves");
    assert_eq!(h.state().blueprint(), &before, "presenting changed nothing");
    assert!(!h.state().document().is_dirty());
}

#[test]
fn long_talking_points_scroll_with_the_arrow_keys_and_a_new_slide_shows_the_top_of_its_own() {
    let path = temp_dir("present-notes").join("steps.ron");
    let blueprint = blueprint_studio::generate::synthetic(120, 4);
    blueprint_studio::file::save(&path, &blueprint).expect("save");
    let deck =
        blueprint_studio::export::deck::plan(&blueprint, &blueprint_studio::export::deck::DeckOptions::default());
    let (k, slide) = deck
        .slides
        .iter()
        .enumerate()
        .max_by_key(|(_, s)| s.notes.len())
        .expect("slides");
    assert!(
        slide.notes.len() >= 8,
        "notes longer than the notes area: {}",
        slide.notes.len()
    );
    let mut h = editor("present-notes", Some(path));
    key(&mut h, Modifiers::NONE, Key::F5);
    h.run_steps(2);
    wait_for_slides(&mut h);
    for _ in 0..k {
        key(&mut h, Modifiers::NONE, Key::ArrowRight);
    }
    key(&mut h, Modifiers::NONE, Key::N);
    h.run_steps(5);
    let top = |h: &Harness<'_, EditorApp>| h.get_by_label_contains(&slide.notes[0]).rect().min.y;
    let start = top(&h);
    key(&mut h, Modifiers::NONE, Key::ArrowDown);
    h.run_steps(2);
    assert!(top(&h) < start - 40.0, "↓ scrolls the notes: {start} → {}", top(&h));
    assert_eq!(h.state().presentation().map(|p| p.0), Some(k), "and stays on the slide");
    key(&mut h, Modifiers::NONE, Key::ArrowLeft);
    key(&mut h, Modifiers::NONE, Key::ArrowRight);
    h.run_steps(5);
    // Within a few points: egui eases a scroll area back from where it was.
    assert!(
        (top(&h) - start).abs() < 8.0,
        "back on slide {k}, its notes start at the top: {start} → {}",
        top(&h)
    );
}

#[test]
fn the_export_dialog_shows_analysis_highlights_unticked_while_none_is_switched_on() {
    use egui::accesskit::Toggled;
    use egui_kittest::kittest::NodeT;
    let mut h = editor("export-highlights", Some(PathBuf::from("samples/en/coffee-shop.ron")));
    key(&mut h, Modifiers::COMMAND, Key::E);
    h.run_steps(3);
    let toggled = |h: &Harness<'_, EditorApp>| h.get_by_label("Analysis highlights").accesskit_node().toggled();
    assert!(!h.state().settings.highlight.any());
    assert_eq!(toggled(&h), Some(Toggled::False), "no highlight to include");
    assert!(
        h.state().settings.export.highlights,
        "the choice is kept for when there are"
    );
    h.state_mut().settings.highlight.critical_path = true;
    h.run_steps(3);
    assert_eq!(toggled(&h), Some(Toggled::True));
}

#[test]
fn the_export_dialog_writes_a_powerpoint_deck_and_shows_its_slides() {
    let dir = temp_dir("export-deck");
    let out = dir.join("deck.pptx");
    let mut h = editor("export-deck", Some(PathBuf::from("samples/en/coffee-shop.ron")));
    key(&mut h, Modifiers::COMMAND, Key::E);
    h.run_steps(3);
    h.get_by_label("PowerPoint").click();
    h.run_steps(3);
    assert!(h.state().settings.export.deck, "PowerPoint turns the deck on");
    let deck = blueprint_studio::export::deck::plan(
        h.state().blueprint(),
        &blueprint_studio::export::deck::DeckOptions::default(),
    );
    let summary = format!("{} slides", deck.slides.len());
    step_until(&mut h, "the deck's preview", |h| {
        h.query_by_label_contains(&summary).is_some()
    });
    set_export_path(&mut h, &out);
    h.get_by_role_and_label(egui::accesskit::Role::Button, "Export").click();
    wait_for_export(&mut h);
    let bytes = std::fs::read(&out).expect("the deck was written");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    let slides = (0..zip.len())
        .filter(|&i| {
            let name = zip.by_index(i).expect("entry").name().expect("UTF-8").into_owned();
            name.starts_with("ppt/slides/slide") && name.ends_with(".xml")
        })
        .count();
    assert_eq!(slides, deck.slides.len());
}

/// Steps the editor until `done` holds, for what the export dialog does on worker threads; fails
/// after a minute rather than hang.
fn step_until(h: &mut Harness<'_, EditorApp>, what: &str, done: impl Fn(&Harness<'_, EditorApp>) -> bool) {
    let start = std::time::Instant::now();
    while !done(h) {
        assert!(
            start.elapsed() < std::time::Duration::from_secs(60),
            "gave up waiting for {what}"
        );
        std::thread::sleep(std::time::Duration::from_millis(5));
        h.step();
    }
}

/// Steps until the export started by a click on Export has ended (its Close button is back).
fn wait_for_export(h: &mut Harness<'_, EditorApp>) {
    h.step();
    step_until(h, "the export", |h| {
        h.query_by_role_and_label(egui::accesskit::Role::Button, "Close")
            .is_some()
    });
}

/// Whether some text on screen (the dialog or the status bar) contains `text`.
fn shows(h: &Harness<'_, EditorApp>, text: &str) -> bool {
    h.query_all_by_label_contains(text).next().is_some()
}

/// The file names in `dir`, sorted.
fn file_names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("read dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Opens the export dialog with the deck chosen and its preview rendered; returns the number
/// of slides.
fn open_deck_export(h: &mut Harness<'_, EditorApp>, out: &Path) -> usize {
    key(h, Modifiers::COMMAND, Key::E);
    h.get_by_label("Deck: an overview, then the stages a few at a time")
        .click();
    h.run_steps(2);
    set_export_path(h, out);
    let deck = blueprint_studio::export::deck::plan(
        h.state().blueprint(),
        &blueprint_studio::export::deck::DeckOptions::default(),
    );
    let summary = format!("{} slides", deck.slides.len());
    step_until(h, "the deck's preview", |h| {
        h.query_by_label_contains(&summary).is_some()
    });
    // The window grows with the thumbnails and settles a frame later.
    h.run_steps(2);
    deck.slides.len()
}

#[test]
fn the_export_dialog_opens_before_its_preview_is_ready() {
    // A preview of 3,000 steps takes far longer than a frame, so whether it is drawn in the
    // frame that opens the dialog cannot depend on how busy the machine is.
    let dir = temp_dir("export-preview");
    let path = dir.join("big.ron");
    blueprint_studio::file::save(&path, &blueprint_studio::generate::synthetic(3_000, 60)).expect("save");
    let mut h = editor("export-preview", Some(path));
    let images = |h: &Harness<'_, EditorApp>| h.query_all_by_role(egui::accesskit::Role::Image).count();
    let before = images(&h);
    h.key_press_modifiers(Modifiers::COMMAND, Key::E);
    h.step();
    // The frame that opens the dialog only starts the preview: nothing is drawn yet.
    assert!(h.query_by_label("Format").is_some(), "the dialog is open");
    assert!(h.query_by_label("Rendering preview…").is_some(), "a spinner says so");
    assert_eq!(images(&h), before, "no picture yet");
}

#[test]
fn choosing_the_deck_in_the_export_dialog_previews_a_thumbnail_per_slide() {
    let mut h = editor("deck-preview", Some(PathBuf::from("samples/en/bank-loan.ron")));
    let images = |h: &Harness<'_, EditorApp>| h.query_all_by_role(egui::accesskit::Role::Image).count();
    let before = images(&h);
    h.key_press_modifiers(Modifiers::COMMAND, Key::E);
    step_until(&mut h, "the dialog", |h| h.query_by_label("Format").is_some());
    step_until(&mut h, "the picture's preview", |h| {
        h.query_by_label("Rendering preview…").is_none() && images(h) > before
    });
    // The dialog answers while a preview renders: choosing the deck asks for another preview,
    // and the frame of the click says it is coming.
    h.get_by_label("Deck: an overview, then the stages a few at a time")
        .click();
    h.step();
    assert!(h.state().settings.export.deck);
    assert!(h.query_by_label("Rendering preview…").is_some());
    let deck = blueprint_studio::export::deck::plan(
        h.state().blueprint(),
        &blueprint_studio::export::deck::DeckOptions::default(),
    );
    let summary = format!("{} slides", deck.slides.len());
    step_until(&mut h, "the deck's preview", |h| {
        h.query_by_label_contains(&summary).is_some()
    });
    assert_eq!(images(&h), before + deck.slides.len(), "a thumbnail per slide");
    assert!(h.query_by_label("Rendering preview…").is_none());
}

#[test]
fn a_deck_export_shows_its_progress_and_writes_every_slide() {
    let dir = temp_dir("export-progress");
    let out = dir.join("deck.png");
    let mut h = editor("export-progress", Some(PathBuf::from("samples/en/bank-loan.ron")));
    let slides = open_deck_export(&mut h, &out);
    h.get_by_role_and_label(egui::accesskit::Role::Button, "Export").click();
    h.step();
    // Running: a progress bar, a Cancel button, and the choices locked.
    let bar = |h: &Harness<'_, EditorApp>| {
        h.query_by_role(egui::accesskit::Role::ProgressIndicator)
            .and_then(|bar| bar.accesskit_node().label())
    };
    assert!(bar(&h).is_some(), "a progress bar");
    assert!(
        h.query_by_role_and_label(egui::accesskit::Role::Button, "Cancel")
            .is_some()
    );
    // The choices above the button were drawn before the click; from the next frame on they
    // are locked (and the files cannot be in place before the end of that frame).
    h.step();
    assert!(
        h.get_by_label("PNG").accesskit_node().is_disabled(),
        "the choices wait for the export"
    );
    // Every frame until the end: the bar counts the slides. The files move into place only
    // after a frame has shown them all rendered, so "Slide N of N" is always seen.
    let mut seen = Vec::new();
    let start = std::time::Instant::now();
    while h
        .query_by_role_and_label(egui::accesskit::Role::Button, "Close")
        .is_none()
    {
        assert!(start.elapsed() < std::time::Duration::from_secs(60), "the export hangs");
        seen.extend(bar(&h));
        std::thread::sleep(std::time::Duration::from_millis(5));
        h.step();
    }
    assert!(
        seen.contains(&format!("Slide {slides} of {slides}")),
        "the bar counted the slides: {seen:?}"
    );
    assert!(bar(&h).is_none(), "the bar goes when the export ends");
    let expected: Vec<String> = (1..=slides).map(|i| format!("deck-{i:02}.png")).collect();
    assert_eq!(file_names(&dir), expected, "every slide, and no temporary file");
    assert!(h.state().status().starts_with("Exported"), "{}", h.state().status());
    // Five files are named by the first and last, so a deck of a hundred still fits.
    assert!(
        shows(&h, &format!("Exported {slides} files: /")),
        "{}",
        h.state().status()
    );
}

#[test]
fn cancelling_a_deck_export_leaves_no_files_behind() {
    let dir = temp_dir("export-cancel");
    let out = dir.join("deck.png");
    let mut h = editor("export-cancel", Some(PathBuf::from("samples/en/bank-loan.ron")));
    open_deck_export(&mut h, &out);
    h.get_by_role_and_label(egui::accesskit::Role::Button, "Export").click();
    h.step();
    // However far the worker has got, the files only move into place once the dialog has
    // shown the end and the user has had a frame to cancel: this click always wins.
    h.get_by_role_and_label(egui::accesskit::Role::Button, "Cancel").click();
    h.step();
    step_until(&mut h, "the cancelled export", |h| shows(h, "Export cancelled"));
    assert_eq!(
        file_names(&dir),
        Vec::<String>::new(),
        "nothing written, nothing left over"
    );
    assert_eq!(h.state().status(), "Export cancelled");
    // The dialog is ready for another go.
    assert!(!h.get_by_label("PNG").accesskit_node().is_disabled());
}

#[test]
fn escape_cancels_an_export_but_keeps_the_dialog() {
    let dir = temp_dir("export-escape");
    let out = dir.join("deck.pptx");
    let mut h = editor("export-escape", Some(PathBuf::from("samples/en/bank-loan.ron")));
    open_deck_export(&mut h, &out);
    h.get_by_role_and_label(egui::accesskit::Role::Button, "Export").click();
    h.step();
    h.key_press(Key::Escape);
    h.step();
    step_until(&mut h, "the cancelled export", |h| shows(h, "Export cancelled"));
    assert!(
        h.query_by_label("Format").is_some(),
        "Escape cancels the export, not the dialog"
    );
    assert_eq!(file_names(&dir), Vec::<String>::new());
}

#[test]
fn closing_the_dialog_cancels_its_export() {
    let dir = temp_dir("export-close");
    let out = dir.join("deck.pdf");
    let mut h = editor("export-close", Some(PathBuf::from("samples/en/bank-loan.ron")));
    open_deck_export(&mut h, &out);
    h.get_by_role_and_label(egui::accesskit::Role::Button, "Export").click();
    h.step();
    h.get_by_label("Close window").click();
    h.run_steps(2);
    assert!(h.query_by_label("Format").is_none(), "the dialog is closed");
    assert_eq!(h.state().status(), "Export cancelled");
    // The worker goes on alone just long enough to remove what it wrote.
    let start = std::time::Instant::now();
    while !file_names(&dir).is_empty() && start.elapsed() < std::time::Duration::from_secs(60) {
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    assert_eq!(file_names(&dir), Vec::<String>::new());
}

/// Clicks the export dialog's Export button once its preview is in: the preview arrives from
/// the background and the lines under it push the button down, away from a click aimed earlier.
fn click_export_when_previewed(h: &mut Harness<'_, EditorApp>) {
    step_until(h, "the preview", |h| h.query_by_label("Rendering preview…").is_none());
    h.run_steps(2);
    h.get_by_role_and_label(egui::accesskit::Role::Button, "Export").click();
}

/// Replaces the text of the export dialog's "File" field.
fn set_export_path(h: &mut Harness<'_, EditorApp>, path: &Path) {
    h.get_by_role_and_label(egui::accesskit::Role::TextInput, "File")
        .focus();
    h.run_steps(1);
    replace_text(h, &path.display().to_string());
}

#[test]
fn the_export_dialog_can_write_svg_text_as_outlines() {
    let dir = temp_dir("export-outlines");
    let out = dir.join("outlined.svg");
    let mut h = editor("export-outlines", Some(PathBuf::from("samples/en/coffee-shop.ron")));
    key(&mut h, Modifiers::COMMAND, Key::E);
    h.run_steps(3);
    h.get_by_label("SVG").click();
    h.run_steps(2);
    h.get_by_label("As outlines (for tools without web fonts)").click();
    h.run_steps(2);
    set_export_path(&mut h, &out);
    click_export_when_previewed(&mut h);
    wait_for_export(&mut h);
    let svg = std::fs::read_to_string(&out).expect("the SVG was written");
    assert!(!svg.contains("<text"), "no text elements left for a tool to miss");
    assert!(!svg.contains("@font-face"), "no web font needed");
    assert!(svg.matches("<path").count() > 100, "the words are drawn as outlines");
    assert!(
        h.state().settings.export.options.text_as_paths,
        "the choice is remembered"
    );
}

#[test]
fn copy_as_image_puts_a_picture_on_the_clipboard() {
    let mut h = editor("copy-image", Some(PathBuf::from("tests/fixtures/minimal.ron")));
    let modifiers = Modifiers::COMMAND | Modifiers::SHIFT;
    h.event(Event::Key {
        key: Key::C,
        physical_key: None,
        pressed: true,
        repeat: false,
        modifiers,
    });
    h.step();
    let image = h.output().platform_output.commands.iter().find_map(|c| match c {
        egui::OutputCommand::CopyImage(image) => Some(image.size),
        _ => None,
    });
    let [w, h_px] = image.expect("an image on the clipboard");
    assert!(w > 1000 && h_px > 800, "rendered at 2x: {w}×{h_px}");
}

#[test]
fn dragging_a_stage_header_reorders_the_stages() {
    let mut h = editor("stage-drag", Some(PathBuf::from("tests/fixtures/minimal.ron")));
    let one = h
        .state()
        .stage_header_screen_rect(&StageId::from("one"))
        .expect("header one");
    let two = h
        .state()
        .stage_header_screen_rect(&StageId::from("two"))
        .expect("header two");
    drag(&mut h, one.center(), Pos2::new(two.right() - 10.0, two.center().y));
    let order: Vec<&str> = h.state().blueprint().stages.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(order, vec!["two", "one"]);
}

#[test]
fn deleting_a_stage_that_holds_steps_asks_first_and_can_be_undone() {
    let mut h = editor("stage-delete", Some(PathBuf::from("tests/fixtures/minimal.ron")));
    let header = h
        .state()
        .stage_header_screen_rect(&StageId::from("two"))
        .expect("header");
    click_at(&mut h, header.center(), PointerButton::Secondary);
    h.get_by_label("Delete stage").click();
    h.run_steps(2);
    assert!(
        matches!(h.state().dialog(), Some(Dialog::ConfirmRemoveStage { steps: 1, .. })),
        "{:?}",
        h.state().dialog()
    );
    h.run_steps(3); // the dialog fades in
    h.get_by_role_and_label(egui::accesskit::Role::Button, "Delete stage")
        .click();
    h.run_steps(2);
    let b = h.state().blueprint();
    assert_eq!(b.stages.len(), 1);
    assert!(
        b.step(&StepId::from("c")).is_none() && b.flows.len() == 1,
        "the stage's step and its flow went with it"
    );
    key(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(h.state().blueprint().stages.len(), 2);
    assert!(h.state().blueprint().step(&StepId::from("c")).is_some());
}

#[test]
fn arrow_keys_move_the_selection_between_cells() {
    let mut h = editor("nudge", Some(PathBuf::from("tests/fixtures/minimal.ron")));
    let p = card_center(&h, "a");
    click_at(&mut h, p, PointerButton::Primary);
    key(&mut h, Modifiers::NONE, Key::ArrowRight);
    assert_eq!(
        h.state()
            .blueprint()
            .step(&StepId::from("a"))
            .expect("a")
            .stage
            .as_str(),
        "two"
    );
    key(&mut h, Modifiers::NONE, Key::ArrowDown);
    assert_eq!(
        h.state().blueprint().step(&StepId::from("a")).expect("a").lane.as_str(),
        "front"
    );
    key(&mut h, Modifiers::NONE, Key::ArrowLeft);
    key(&mut h, Modifiers::NONE, Key::ArrowLeft);
    assert_eq!(
        h.state()
            .blueprint()
            .step(&StepId::from("a"))
            .expect("a")
            .stage
            .as_str(),
        "one",
        "stops at the first stage"
    );
}

#[test]
fn the_analysis_panel_reports_selects_highlights_and_compares() {
    let mut h = editor("analysis", Some(PathBuf::from("samples/en/clinic-visit-to-be.ron")));
    key(&mut h, Modifiers::NONE, Key::F9);
    h.run_steps(2);
    assert!(h.query_by_label("27.2 h").is_some(), "the lead time is shown");
    // Clicking a handoff selects its two steps.
    h.get_by_label_contains("Line of visibility: ").click();
    h.run_steps(2);
    let first_handoff = h
        .get_all_by_role(egui::accesskit::Role::Link)
        .next()
        .expect("a handoff link");
    first_handoff.click();
    h.run_steps(2);
    assert_eq!(
        h.state().state.selection.steps.len(),
        2,
        "both ends of the handoff are selected"
    );
    // Highlight the critical path.
    assert!(h.state().highlights.critical_path.is_none());
    h.get_by_role_and_label(egui::accesskit::Role::CheckBox, "Critical path")
        .click();
    h.run_steps(2);
    assert_eq!(
        h.state().highlights.critical_path.as_ref().map(|p| p.steps.len()),
        Some(15),
        "the 15 steps of the critical path"
    );
    // Compare with the as-is version.
    compare_with(&mut h, "samples/en/clinic-visit.ron");
    h.run_steps(1);
    assert!(h.query_by_label("Stop comparing").is_some(), "the comparison is shown");
    assert_eq!(added_steps(&h).len(), 14);
    // The as-is feelings join the to-be curve, at the steps both versions have.
    let before = blueprint_studio::file::open(std::path::Path::new("samples/en/clinic-visit.ron")).expect("as-is");
    let felt: std::collections::HashMap<_, _> = before
        .steps
        .iter()
        .filter_map(|s| s.emotion.map(|e| (s.id.clone(), e)))
        .collect();
    assert!(!felt.is_empty());
    assert_eq!(h.state().state.compare_emotions, Some(("As-is".to_owned(), felt)));
    // The table slide carries both curves, the as-is one from the other file.
    let slide = temp_dir("compare-slide").join("table.svg");
    h.get_by_label("Export table slide…").scroll_to_me();
    h.run_steps(3);
    h.get_by_label("Export table slide…").click();
    h.run_steps(2);
    enter_path(&mut h, &slide);
    h.run_steps(1);
    let svg = std::fs::read_to_string(&slide).expect("the slide is written");
    assert!(
        svg.contains("class=\"emotion\"") && svg.contains("emotion-as-is") && svg.contains("emotion-to-be"),
        "both curves on the slide"
    );
}

/// Compares the open blueprint with the file at `path`, from the analysis panel.
fn compare_with(h: &mut Harness<'_, EditorApp>, path: &str) {
    h.get_by_label("Compare with…").scroll_to_me();
    h.run_steps(3);
    h.get_by_label("Compare with…").click();
    h.run_steps(2);
    h.event(Event::Text(path.into()));
    h.run_steps(2);
    key(h, Modifiers::NONE, Key::Enter);
    h.run_steps(2);
}

/// The steps marked on the canvas as not in the blueprint compared with.
fn added_steps(h: &Harness<'_, EditorApp>) -> Vec<StepId> {
    h.state()
        .state
        .compare_marks
        .iter()
        .filter(|(_, m)| *m == blueprint_studio::app::analysis_panel::CompareMark::Added)
        .map(|(id, _)| id.clone())
        .collect()
}

#[test]
fn comparing_the_as_is_with_its_to_be_marks_its_steps_as_gone_and_the_to_be_with_the_as_is_as_new() {
    use blueprint_studio::app::analysis_panel::CompareMark;
    let marks = |h: &Harness<'_, EditorApp>, mark: CompareMark| {
        h.state().state.compare_marks.iter().filter(|(_, m)| *m == mark).count()
    };
    let file = sample_copy("compare-as-is", "samples/en/clinic-visit.ron");
    let mut h = editor("compare-as-is", Some(file));
    key(&mut h, Modifiers::NONE, Key::F9);
    h.run_steps(3);
    compare_with(&mut h, "samples/en/clinic-visit-to-be.ron");
    step_until(&mut h, "the comparison", |h| !h.state().state.compare_marks.is_empty());
    assert!(marks(&h, CompareMark::Dropped) > 0, "steps the to-be drops");
    assert_eq!(
        marks(&h, CompareMark::Added),
        0,
        "nothing is new in the earlier version"
    );
    assert!(h.query_by_label_contains("Gone in the other version").is_some());
    assert!(
        h.query_by_label_contains("red outline = gone").is_some(),
        "the legend says so"
    );

    let mut h = editor(
        "compare-to-be",
        Some(sample_copy("compare-to-be", "samples/en/clinic-visit-to-be.ron")),
    );
    key(&mut h, Modifiers::NONE, Key::F9);
    h.run_steps(3);
    compare_with(&mut h, "samples/en/clinic-visit.ron");
    step_until(&mut h, "the comparison", |h| !h.state().state.compare_marks.is_empty());
    assert!(marks(&h, CompareMark::Added) > 0, "steps new in the to-be");
    assert_eq!(marks(&h, CompareMark::Dropped), 0);
    assert!(h.query_by_label_contains("New in this version").is_some());
}

#[test]
fn compare_never_offers_the_file_open_now_and_new_says_so_in_the_status_bar() {
    let file = sample_copy("compare-offers", "samples/en/clinic-visit.ron");
    let mut h = editor("compare-offers", Some(file.clone()));
    assert_eq!(
        h.state().settings.recent.len(),
        1,
        "the file open now is the one recent file"
    );
    key(&mut h, Modifiers::NONE, Key::F9);
    h.run_steps(3);
    h.get_by_label("Compare with…").scroll_to_me();
    h.run_steps(3);
    h.get_by_label("Compare with…").click();
    h.run_steps(3);
    assert!(
        h.query_by_label("Recent files").is_none(),
        "its one recent file is not offered: it is the file open now"
    );
    key(&mut h, Modifiers::NONE, Key::Escape);
    h.run_steps(2);
    assert!(h.state().status().starts_with("Opened"));
    assert_eq!(
        h.query_all_by_label_contains("24 steps + 6 evidence items").count(),
        2,
        "the status bar counts steps as the analysis panel does"
    );
    key(&mut h, Modifiers::COMMAND, Key::N);
    h.run_steps(3);
    assert_eq!(h.state().status(), "New blueprint");
}

#[test]
fn a_step_picked_in_the_analysis_panel_is_shown_near_enough_to_read() {
    let mut h = editor("panel-reveal", Some(PathBuf::from("samples/en/bank-loan.ron")));
    key(&mut h, Modifiers::NONE, Key::F9);
    h.run_steps(3);
    key(&mut h, Modifiers::COMMAND, Key::Num0);
    h.run_steps(3);
    assert!(h.state().state.viewport.zoom < 0.75, "fitted, too far out to read");
    let path = blueprint_studio::analysis::analyse(h.state().blueprint()).critical_path;
    let last = path.last().expect("a critical path").clone();
    h.get_by_label_contains("Critical path (").click();
    h.run_steps(3);
    let link = format!("{} · {}", last.title, last.stage);
    h.get_by_label(&link).scroll_to_me();
    step_until(&mut h, "the link scrolled into view", |h| {
        h.get_by_label(&link).rect().bottom() < 860.0
    });
    h.get_by_label(&link).click();
    h.run_steps(3);
    let state = h.state();
    assert_eq!(
        state
            .state
            .selection
            .steps
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>(),
        [last.id.as_str()]
    );
    assert!(
        state.state.viewport.zoom >= 0.75,
        "zoomed in to {}",
        state.state.viewport.zoom
    );
    let card = state.card_screen_rect(&StepId::from(last.id.as_str())).expect("card");
    assert!(state.state.canvas_rect.contains_rect(card), "{card:?} in view");
}

#[test]
fn the_analysis_panel_wraps_its_texts_short_of_its_scroll_bar() {
    let mut h = editor_in("panel-wrap", Some(PathBuf::from("samples/zh/bank-loan.ron")), Lang::Zh);
    key(&mut h, Modifiers::NONE, Key::F9);
    h.run_steps(4);
    let canvas = h.state().state.canvas_rect;
    // The panel's summary, not the status bar's.
    let summary = h
        .query_all_by_label_contains("个标记")
        .map(|n| n.rect())
        .min_by(|a, b| a.left().total_cmp(&b.left()))
        .expect("the summary");
    let caveat = h.get_by_label_contains("各阶段的等待").rect();
    for text in [summary, caveat] {
        assert!(
            text.right() <= canvas.left() - 12.0,
            "{text:?} ends clear of the scroll bar along the panel's edge at {}",
            canvas.left()
        );
    }
}

#[test]
fn a_large_blueprint_is_compared_in_the_background_and_its_marks_follow_its_edits() {
    // Every blueprint counts as large here: its drawing, report and comparison are worked out
    // on the worker thread.
    let file = sample_copy("compare-background", "samples/en/clinic-visit-to-be.ron");
    let mut h = editor_with("compare-background", Some(file), Lang::En, Some(0));
    key(&mut h, Modifiers::NONE, Key::F9);
    step_until(&mut h, "the report", |h| h.query_by_label("Compare with…").is_some());
    compare_with(&mut h, "samples/en/clinic-visit.ron");
    step_until(&mut h, "the comparison", |h| added_steps(h).len() == 14);
    // Deleting a step the as-is version lacks takes its mark away.
    let gone = added_steps(&h)
        .into_iter()
        .find(|id| {
            h.state()
                .card_screen_rect(id)
                .is_some_and(|r| h.state().state.canvas_rect.contains_rect(r))
        })
        .expect("an added step in view");
    delete_card(&mut h, gone.as_str());
    assert!(h.state().blueprint().step(&gone).is_none(), "deleted");
    step_until(&mut h, "the comparison of the edit", |h| added_steps(h).len() == 13);
    assert!(!added_steps(&h).contains(&gone));
}

#[test]
fn duplicate_flows_are_named_on_open_and_in_the_analysis_panel() {
    let mut h = editor(
        "duplicate-flows",
        Some(PathBuf::from("tests/fixtures/parallel-flows.ron")),
    );
    assert!(
        h.state().status().contains("Duplicate flows") && h.state().status().contains("a1, a2"),
        "{}",
        h.state().status()
    );
    // F9 opens the analysis at once: the walk over repeated and circular flows is linear.
    key(&mut h, Modifiers::NONE, Key::F9);
    h.run_steps(2);
    h.get_by_label("⚠ Duplicate flows (5)");
    h.get_by_label("Asks → Answers ×2");
}

fn delete_card(h: &mut Harness<'_, EditorApp>, id: &str) {
    let p = card_center(h, id);
    click_at(h, p, PointerButton::Primary);
    key(h, Modifiers::NONE, Key::Delete);
}

fn flow_ids(h: &Harness<'_, EditorApp>) -> Vec<String> {
    h.state().blueprint().flows.iter().map(|f| f.id.0.clone()).collect()
}

#[test]
fn enter_opens_a_broken_file_anyway_and_closes_the_list_of_what_was_left_out() {
    let path = sample_copy("open-anyway-enter", "tests/fixtures/dangling-flow.ron");
    let mut h = editor("open-anyway-enter", Some(path));
    assert!(matches!(h.state().dialog(), Some(Dialog::CannotOpen { .. })));
    h.run_steps(3);
    key(&mut h, Modifiers::NONE, Key::Enter);
    h.run_steps(2);
    assert_eq!(h.state().blueprint().title, "Minimal", "Open anyway is the default");
    assert!(matches!(h.state().dialog(), Some(Dialog::Repaired { .. })));
    h.run_steps(3);
    key(&mut h, Modifiers::NONE, Key::Enter);
    h.run_steps(2);
    assert!(h.state().dialog().is_none(), "OK closes the list");
}

#[test]
fn a_dangling_flow_opens_anyway_without_it_and_the_first_save_keeps_the_original() {
    let path = sample_copy("open-anyway", "tests/fixtures/dangling-flow.ron");
    let original = std::fs::read(&path).expect("copied");
    let mut h = editor("open-anyway", Some(path.clone()));
    assert!(
        matches!(h.state().dialog(), Some(Dialog::CannotOpen { .. })),
        "{:?}",
        h.state().dialog()
    );
    assert!(h.query_by_label_contains("f2: flow to step \"ghost\"").is_some());
    assert_eq!(h.state().blueprint().title, "Untitled service", "nothing opened yet");

    h.get_by_label("Open anyway").click();
    h.run_steps(3);
    let b = h.state().blueprint();
    assert_eq!(b.title, "Minimal");
    assert_eq!(flow_ids(&h), ["f1"]);
    assert_eq!((b.steps.len(), b.markers.len()), (3, 1), "the sound parts all open");
    assert!(h.state().document().is_dirty(), "the repair is not on disk yet");
    assert!(matches!(h.state().dialog(), Some(Dialog::Repaired { .. })));
    assert!(
        h.query_by_label("line 24: flow f2: the step \"ghost\" it goes to does not exist")
            .is_some(),
        "what was left out is listed, with its line"
    );
    assert!(
        h.state().window_title().starts_with("● plan.ron"),
        "{}",
        h.state().window_title()
    );
    assert_eq!(
        std::fs::read(&path).expect("untouched"),
        original,
        "opening writes nothing"
    );
    h.get_by_label("OK").click();
    h.run_steps(2);
    assert!(h.state().dialog().is_none());

    key(&mut h, Modifiers::COMMAND, Key::S);
    assert!(!h.state().document().is_dirty());
    let backup = blueprint_studio::file::backup_path(&path);
    assert_eq!(
        std::fs::read(&backup).expect("kept"),
        original,
        "the original is kept whole"
    );
    let saved = blueprint_studio::file::open(&path).expect("the saved file is clean");
    assert_eq!(saved.flows.len(), 1);
    assert!(h.state().status().contains("plan.ron.bak"), "{}", h.state().status());

    // Later saves leave the kept original alone.
    delete_card(&mut h, "c");
    key(&mut h, Modifiers::COMMAND, Key::S);
    assert!(!h.state().document().is_dirty());
    assert_eq!(std::fs::read(&backup).expect("kept"), original);
    assert!(
        blueprint_studio::file::open(&path)
            .expect("clean")
            .step(&StepId::from("c"))
            .is_none()
    );
}

#[test]
fn an_existing_backup_is_not_overwritten_by_the_original_of_a_repaired_file() {
    let path = sample_copy("open-anyway-bak", "tests/fixtures/dangling-flow.ron");
    let backup = blueprint_studio::file::backup_path(&path);
    std::fs::write(&backup, "an older backup").expect("backup");
    let mut h = editor("open-anyway-bak", Some(path.clone()));
    h.get_by_label("Open anyway").click();
    h.run_steps(2);
    // The dialog sizes itself to its list over a frame or two before it is clicked.
    h.run_steps(3);
    h.get_by_label("OK").click();
    h.run_steps(2);
    key(&mut h, Modifiers::COMMAND, Key::S);
    assert_eq!(
        std::fs::read_to_string(&backup).expect("still there"),
        "an older backup"
    );
    let kept = path.with_file_name("plan.ron.1.bak");
    assert_eq!(
        std::fs::read(&kept).expect("the original, under the next free name"),
        std::fs::read("tests/fixtures/dangling-flow.ron").expect("fixture")
    );
}

#[test]
fn control_characters_are_named_on_open_and_open_anyway_strips_them() {
    let path = sample_copy("control-chars", "tests/fixtures/control-chars.ron");
    let mut h = editor("control-chars", Some(path));
    assert!(
        h.query_by_label_contains("plan.ron:19:88: b: step description contains 64 control characters (U+0000)")
            .is_some()
    );
    h.get_by_label("Open anyway").click();
    h.run_steps(2);
    let step = h.state().blueprint().step(&StepId::from("b")).expect("b").clone();
    assert_eq!(step.description, "Card or cash");
    assert!(
        h.query_by_label("line 19: step b: 64 control characters removed from its description")
            .is_some()
    );
}

#[test]
fn a_cut_off_file_says_it_ends_early_and_offers_no_open_anyway() {
    let h = editor("cut-off", Some(PathBuf::from("tests/fixtures/truncated-in-text.ron")));
    match h.state().dialog() {
        Some(Dialog::Error { message, .. }) => {
            assert!(message.contains("truncated-in-text.ron:7:60"), "{message}");
            assert!(message.contains("the file ends inside a text value"), "{message}");
            assert!(!message.contains("double quotes"), "{message}");
        }
        other => panic!("{other:?}"),
    }
    assert!(
        h.query_by_label_contains("was it cut off while copying or saving")
            .is_some()
    );
    assert!(h.query_by_label("Open anyway").is_none());
}

/// Another program writes the file: here, a new title.
fn write_theirs(path: &Path) {
    let text = std::fs::read_to_string(path).expect("readable");
    std::fs::write(path, text.replace("\"Minimal\"", "\"Changed elsewhere\"")).expect("their write");
}

fn focus_window(h: &mut Harness<'_, EditorApp>) {
    h.event(Event::WindowFocused(true));
    // A dialog's first frame only measures it: it is on screen from the third.
    h.run_steps(3);
}

#[test]
fn a_file_changed_on_disk_offers_reload_and_our_own_saves_do_not() {
    let path = sample_copy("disk-reload", "tests/fixtures/minimal.ron");
    let mut h = editor("disk-reload", Some(path.clone()));
    delete_card(&mut h, "c");
    key(&mut h, Modifiers::COMMAND, Key::S);
    focus_window(&mut h);
    assert!(h.state().dialog().is_none(), "our own save: {:?}", h.state().dialog());

    write_theirs(&path);
    focus_window(&mut h);
    assert!(matches!(h.state().dialog(), Some(Dialog::ChangedOnDisk { .. })));
    assert!(h.query_by_label_contains("plan.ron” has changed on disk").is_some());
    assert!(h.query_by_label("Ignore").is_some() && h.query_by_label("Keep mine").is_none());
    h.get_by_label("Reload").click();
    h.run_steps(2);
    assert!(h.state().dialog().is_none(), "{:?}", h.state().dialog());
    assert_eq!(h.state().blueprint().title, "Changed elsewhere");
    assert!(!h.state().document().is_dirty());
    focus_window(&mut h);
    assert!(h.state().dialog().is_none(), "asked once per change");
}

#[test]
fn with_unsaved_edits_keep_mine_keeps_them_and_saving_over_theirs_asks_first() {
    let path = sample_copy("disk-keep", "tests/fixtures/minimal.ron");
    let mut h = editor("disk-keep", Some(path.clone()));
    delete_card(&mut h, "c");
    write_theirs(&path);
    focus_window(&mut h);
    assert!(matches!(h.state().dialog(), Some(Dialog::ChangedOnDisk { .. })));
    assert!(h.query_by_label("Take theirs").is_some() && h.query_by_label("Reload").is_none());
    h.get_by_label("Keep mine").click();
    h.run_steps(2);
    assert!(h.state().dialog().is_none());
    assert!(
        h.state().blueprint().step(&StepId::from("c")).is_none(),
        "my edit stays"
    );
    assert!(h.state().document().is_dirty());
    focus_window(&mut h);
    assert!(h.state().dialog().is_none(), "not asked again for the same change");

    key(&mut h, Modifiers::COMMAND, Key::S);
    assert!(matches!(h.state().dialog(), Some(Dialog::ConfirmOverwrite { .. })));
    assert!(
        std::fs::read_to_string(&path)
            .expect("theirs")
            .contains("Changed elsewhere"),
        "nothing written before the answer"
    );
    h.get_by_label("Save anyway").click();
    h.run_steps(2);
    let saved = blueprint_studio::file::open(&path).expect("mine");
    assert_eq!(saved.title, "Minimal");
    assert!(saved.step(&StepId::from("c")).is_none());
    assert!(!h.state().document().is_dirty());
}

#[test]
fn with_unsaved_edits_take_theirs_loads_the_file_from_disk() {
    let path = sample_copy("disk-take", "tests/fixtures/minimal.ron");
    let mut h = editor("disk-take", Some(path.clone()));
    delete_card(&mut h, "c");
    write_theirs(&path);
    focus_window(&mut h);
    assert!(
        h.query_by_label_contains("your changes are lost").is_some(),
        "says what is lost"
    );
    h.get_by_label("Take theirs").click();
    h.run_steps(2);
    assert_eq!(h.state().blueprint().title, "Changed elsewhere");
    assert!(h.state().blueprint().step(&StepId::from("c")).is_some());
    assert!(!h.state().document().is_dirty());
}

#[test]
fn a_file_that_cannot_open_is_answered_before_crashed_work_is_offered() {
    let recovery = temp_dir("open-anyway-then-restore");
    let b = blueprint_studio::file::open(Path::new("tests/fixtures/minimal.ron")).expect("fixture");
    blueprint_studio::file::save(&recovery.join("recovery-4000000001.ron"), &b).expect("write recovery file");
    std::fs::write(recovery.join("recovery-4000000001.origin"), "/tmp/plan.ron\nplan.ron\n").expect("origin");
    let path = sample_copy("open-anyway-then-restore-file", "tests/fixtures/dangling-flow.ron");
    let mut h = Harness::builder()
        .with_size(vec2(1400.0, 900.0))
        .with_step_dt(1.0 / 60.0)
        .build_eframe(move |cc| {
            let options = AppOptions {
                file: Some(path),
                lang: Some(Lang::En),
                native_dialogs: false,
                recovery_dir: Some(recovery),
                background_from: None,
            };
            EditorApp::with_settings(&cc.egui_ctx, options, Settings::default())
        });
    h.run_steps(3);
    assert!(matches!(h.state().dialog(), Some(Dialog::CannotOpen { .. })));
    h.get_by_label("Cancel").click();
    h.run_steps(4);
    assert!(
        matches!(h.state().dialog(), Some(Dialog::Restore(found)) if found.len() == 1),
        "{:?}",
        h.state().dialog()
    );
}

#[test]
fn saving_before_new_asks_about_the_change_on_disk_then_goes_on() {
    let path = sample_copy("disk-then-new", "tests/fixtures/minimal.ron");
    let mut h = editor("disk-then-new", Some(path.clone()));
    delete_card(&mut h, "c");
    write_theirs(&path);
    focus_window(&mut h);
    h.get_by_label("Keep mine").click();
    h.run_steps(2);
    key(&mut h, Modifiers::COMMAND, Key::N);
    // The dialog's Save, drawn after the toolbar's.
    h.get_all_by_label("Save").last().expect("the dialog's Save").click();
    h.run_steps(3);
    assert!(
        matches!(h.state().dialog(), Some(Dialog::ConfirmOverwrite { then: Some(_) })),
        "{:?}",
        h.state().dialog()
    );
    h.get_by_label("Save anyway").click();
    h.run_steps(2);
    assert_eq!(
        h.state().blueprint().title,
        "Untitled service",
        "New goes on after the save"
    );
    assert_eq!(blueprint_studio::file::open(&path).expect("mine").steps.len(), 2);
}

#[test]
fn one_ctrl_wheel_notch_zooms_a_little_and_settles_at_once() {
    let mut h = editor("wheel-zoom", Some(PathBuf::from("samples/en/bank-loan.ron")));
    let canvas = h.state().state.canvas_rect;
    h.hover_at(canvas.center());
    h.run_steps(2);
    let before = h.state().state.viewport.zoom;
    h.event(Event::MouseWheel {
        unit: egui::MouseWheelUnit::Line,
        delta: vec2(0.0, 1.0),
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Wheel,
        modifiers: Modifiers::COMMAND,
    });
    h.step();
    let after_one = h.state().state.viewport.zoom;
    h.run_steps(4);
    let settled = h.state().state.viewport.zoom;
    let ratio = settled / before;
    assert!((1.09..=1.2).contains(&ratio), "one notch zooms {ratio:.3}×");
    assert_eq!(after_one, settled, "the zoom settles in the frame the notch arrives");
    h.run_steps(30);
    assert_eq!(h.state().state.viewport.zoom, settled, "and stays there");
}

/// A copy of a sample with only its first flow and first marker.
fn one_flow_file(name: &str) -> PathBuf {
    let mut b = blueprint_studio::file::open(Path::new("samples/en/bank-loan.ron")).expect("sample");
    b.flows.truncate(1);
    b.markers.truncate(1);
    let path = temp_dir(name).join("one-flow.ron");
    blueprint_studio::file::save(&path, &b).expect("save");
    path
}

#[test]
fn the_status_bar_counts_one_flow_in_the_singular() {
    let h = editor("one-flow", Some(one_flow_file("one-flow")));
    // The bank loan's 25 steps and 6 evidence items, counted apart as the analysis does.
    h.get_by_label("25 steps + 6 evidence items · 1 flow · 1 marker");
}

#[test]
fn the_status_bar_speaks_chinese_after_switching_and_when_started_in_chinese() {
    let mut h = editor("status-switch", Some(PathBuf::from("samples/en/bank-loan.ron")));
    assert!(h.state().status().starts_with("Opened "), "{}", h.state().status());
    h.get_by_label("View").click();
    h.run_steps(2);
    h.get_by_label("中文 / English").click();
    h.run_steps(3);
    assert_eq!(h.state().lang(), Lang::Zh);
    let status = h.state().status().to_owned();
    assert!(status.starts_with("已打开 "), "{status}");
    assert!(!status.contains("Opened"), "{status}");
    h.get_by_label(&status);

    let h = editor_in("status-zh", Some(one_flow_file("status-zh")), Lang::Zh);
    assert!(h.state().status().starts_with("已打开 "), "{}", h.state().status());
    h.get_by_label("25 个步骤 + 6 项有形展示 · 1 条流程线 · 1 个标记");
}

#[test]
fn stage_rows_ten_and_up_line_up_with_rows_one_to_nine_in_the_inspector() {
    let mut b = blueprint_studio::file::open(Path::new("samples/en/bank-loan.ron")).expect("sample");
    while b.stages.len() < 11 {
        let n = b.stages.len() + 1;
        b.stages.push(blueprint_studio::model::Stage {
            id: StageId::from(format!("extra{n}").as_str()),
            name: format!("Extra {n}"),
        });
    }
    let path = temp_dir("eleven-stages").join("eleven.ron");
    blueprint_studio::file::save(&path, &b).expect("save");
    let h = editor("eleven-stages", Some(path));
    let nine = h.get_by_label("9.").rect();
    let ten = h.get_by_label("10.").rect();
    let eight = h.get_by_label("8.").rect();
    assert!(ten.top() > nine.top(), "row 10 is below row 9");
    assert_eq!(
        nine.left(),
        ten.left(),
        "the name fields of rows 9 and 10 start at the same x"
    );
    assert_eq!(eight.left(), ten.left());
}

#[test]
fn fit_uses_the_space_the_side_panels_leave() {
    let mut h = editor("fit-panels", Some(PathBuf::from("samples/en/bank-loan.ron")));
    // Every card in the canvas, clear of the pinned headers.
    let inside = |h: &Harness<'_, EditorApp>| {
        let canvas = h.state().state.canvas_rect;
        assert!(
            canvas.left() > 200.0,
            "the analysis panel is open at the left: {canvas:?}"
        );
        let (lanes, stages) = h.state().state.pinned_headers;
        for step in &h.state().blueprint().steps {
            let card = h.state().card_screen_rect(&step.id).expect("card");
            assert!(
                canvas.expand(0.5).contains_rect(card),
                "card {} at {card:?} lies inside the canvas {canvas:?}",
                step.id
            );
            for header in [lanes, stages].into_iter().flatten() {
                assert!(!header.intersects(card), "card {} is under a pinned header", step.id);
            }
        }
    };
    // Opened fitted: opening the panel fits the drawing into what is left.
    key(&mut h, Modifiers::NONE, Key::F9);
    h.run_steps(3);
    inside(&h);
    // Zoomed in, then Fit.
    ctrl_wheel(&mut h, 3.0);
    key(&mut h, Modifiers::COMMAND, Key::Num0);
    h.run_steps(3);
    inside(&h);
}

/// Ctrl+wheel by `notches` over the middle of the canvas.
fn ctrl_wheel(h: &mut Harness<'_, EditorApp>, notches: f32) {
    ctrl_wheel_at(h, h.state().state.canvas_rect.center(), notches);
}

fn ctrl_wheel_at(h: &mut Harness<'_, EditorApp>, at: Pos2, notches: f32) {
    h.hover_at(at);
    h.run_steps(2);
    h.event(Event::MouseWheel {
        unit: egui::MouseWheelUnit::Line,
        delta: vec2(0.0, notches),
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Wheel,
        modifiers: Modifiers::COMMAND,
    });
    h.run_steps(2);
}

#[test]
fn zooming_in_over_the_pinned_stage_names_of_an_overview_zooms_into_that_stage() {
    let dir = temp_dir("zoom-pinned");
    let path = dir.join("big.ron");
    blueprint_studio::file::save(&path, &blueprint_studio::generate::synthetic(800, 40)).expect("save");
    let stage = StageId::from("st20");
    // Over a pinned stage name, and over the title strip above the names.
    for above in [false, true] {
        let mut h = editor("zoom-pinned", Some(path.clone()));
        let row = h.state().state.pinned_headers.1.expect("stage names pinned");
        let x = h.state().stage_header_screen_rect(&stage).expect("stage").center().x;
        let y = if above { row.top() - 10.0 } else { row.center().y };
        while h.state().state.viewport.zoom < 1.0 {
            ctrl_wheel_at(&mut h, Pos2::new(x, y), 1.0);
        }
        // The view shows the top of that stage's column, not the empty page above the drawing.
        let canvas = h.state().state.canvas_rect;
        let cell = h
            .state()
            .cell_screen_rect(&LaneId::from("evidence"), &stage)
            .expect("cell");
        assert!(
            canvas.intersects(cell) && (cell.left()..=cell.right()).contains(&x),
            "above the names: {above}, {cell:?} in {canvas:?}"
        );
    }
}

#[test]
fn opening_the_analysis_panel_keeps_the_centre_of_the_view_in_the_centre() {
    let mut h = editor("panel-centre", Some(PathBuf::from("samples/en/bank-loan.ron")));
    ctrl_wheel(&mut h, 2.0);
    let zoom = h.state().state.viewport.zoom;
    let before = h.state().state.canvas_rect;
    let drawing = h.state().drawing_screen_rect().expect("drawing");
    // The scene point at the centre of the canvas, as a fraction of the drawing.
    let at = |canvas: egui::Rect, drawing: egui::Rect| (canvas.center() - drawing.min) / drawing.size();
    let centre = at(before, drawing);
    key(&mut h, Modifiers::NONE, Key::F9);
    h.run_steps(3);
    let after = h.state().state.canvas_rect;
    assert!(after.width() < before.width() - 100.0, "the panel took room");
    assert_eq!(h.state().state.viewport.zoom, zoom);
    let moved = at(after, h.state().drawing_screen_rect().expect("drawing")) - centre;
    assert!(
        moved.length() < 0.01,
        "the view's centre stays in the centre: moved by {moved:?}"
    );
}

#[test]
fn pinned_headers_keep_their_full_size_when_zoomed_in_to_335_percent() {
    let mut h = editor("headers-335", Some(PathBuf::from("samples/en/bank-loan.ron")));
    let canvas = h.state().state.canvas_rect;
    {
        let state = &mut h.state_mut().state;
        let factor = 3.35 / state.viewport.zoom;
        state.viewport.zoom_at(canvas.center() - canvas.min, factor);
    }
    h.run_steps(2);
    assert!((h.state().state.viewport.zoom - 3.35).abs() < 1e-3);
    let (lanes, stages) = h.state().state.pinned_headers;
    let (lanes, stages) = (lanes.expect("lane names pinned"), stages.expect("stage names pinned"));
    let layout = &h.state().document().current_drawing().expect("drawing").layout;
    let full_width = layout.columns_x - layout.grid.min.x;
    let full_height = layout.lanes_y - layout.grid.min.y;
    assert!(
        lanes.width() <= full_width + 0.5,
        "the lane column is {:.0} px wide, at most its full size {full_width:.0}",
        lanes.width()
    );
    assert!(lanes.width() < canvas.width() / 4.0);
    assert!(
        stages.height() <= full_height + 0.5,
        "stage row {:.0} px",
        stages.height()
    );
    // Right of the column, a right-click is on the lane's cells, not on its name.
    let lane = h
        .state()
        .cell_screen_rect(&LaneId::from("customer"), &StageId::from("apply"));
    let y = lane.map_or(canvas.center().y, |r| {
        r.center().y.clamp(canvas.top() + 200.0, canvas.bottom() - 50.0)
    });
    click_at(&mut h, Pos2::new(lanes.right() + 40.0, y), PointerButton::Secondary);
    assert!(
        h.query_by_label("Rename lane").is_none(),
        "no lane menu beside the column"
    );
}

#[test]
fn an_overview_keeps_stage_and_lane_names_at_a_readable_size() {
    let dir = temp_dir("overview");
    let path = dir.join("big.ron");
    blueprint_studio::file::save(&path, &blueprint_studio::generate::synthetic(800, 40)).expect("save");
    let mut h = editor("overview", Some(path));
    key(&mut h, Modifiers::COMMAND, Key::Num0);
    h.run_steps(2);
    let zoom = h.state().state.viewport.zoom;
    assert!(zoom < 0.3, "a large blueprint fits at a small zoom: {zoom}");
    let (lanes, stages) = h.state().state.pinned_headers;
    let (lanes, stages) = (lanes.expect("lane names pinned"), stages.expect("stage names pinned"));
    let layout = &h.state().document().current_drawing().expect("drawing").layout;
    let scale = stages.height() / (layout.lanes_y - layout.grid.min.y);
    assert!(scale >= 0.7 - 1e-3, "stage names drawn at {scale:.2} of full size");
    assert!(lanes.width() / (layout.columns_x - layout.grid.min.x) >= 0.7 - 1e-3);
    // Fit leaves the pinned headers their room: no card is under them or off the canvas.
    let canvas = h.state().state.canvas_rect;
    for step in &h.state().blueprint().steps {
        let card = h.state().card_screen_rect(&step.id).expect("card");
        assert!(
            canvas.expand(0.5).contains_rect(card),
            "card {} off the canvas",
            step.id
        );
        assert!(
            !lanes.intersects(card) && !stages.intersects(card),
            "card {} under a header",
            step.id
        );
    }
    // The pinned row still names its stages: a right-click on it offers to rename one.
    let at = Pos2::new(stages.center().x, stages.center().y);
    click_at(&mut h, at, PointerButton::Secondary);
    assert!(h.query_by_label("Rename stage").is_some());
}

#[test]
fn typing_in_the_inspector_redraws_the_card_in_place_with_the_analysis_panel_open() {
    let mut h = editor("inspector-typing", Some(PathBuf::from("samples/en/coffee-shop.ron")));
    // A short title, so three more letters keep it on one line.
    let b = h.state().blueprint();
    let step = b.steps.iter().min_by_key(|s| s.title.len()).expect("steps").clone();
    let at = card_center(&h, step.id.as_str());
    click_at(&mut h, at, PointerButton::Primary);
    h.run_steps(2);
    h.state_mut().settings.show_analysis = true;
    h.run_steps(2);
    let serial = h.state().document().current_drawing().expect("drawn").serial;
    h.get_by_label("Title").click();
    h.run_steps(2);
    for c in "ABC".chars() {
        h.event(Event::Text(c.to_string()));
        h.step();
    }
    h.run_steps(2);
    let typed = h.state().blueprint().step(&step.id).expect("step").title.clone();
    assert!(typed.contains("ABC"), "the letters reached the title: {typed}");
    let drawing = h.state().document().current_drawing().expect("drawn");
    let card = drawing.layout.card_of(&step.id).expect("card");
    let shown: String = card
        .title
        .lines
        .iter()
        .map(|l| l.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    assert_eq!(
        shown.split_whitespace().collect::<Vec<_>>(),
        typed.split_whitespace().collect::<Vec<_>>()
    );
    assert_eq!(
        drawing.serial, serial,
        "the card was redrawn in place, not the whole drawing"
    );
    assert_eq!(h.state().document().history.undo_label(), Some("Edit step"));
}

#[test]
fn the_analysis_panel_shows_latin_quotes_straight_as_the_drawing_does() {
    // The CJK font sets ’ full-width, which reads "Asks’ s"; the panel shows it as the drawing.
    let dir = temp_dir("panel-quotes");
    let path = dir.join("quotes.ron");
    let text = std::fs::read_to_string("tests/fixtures/parallel-flows.ron").expect("fixture");
    std::fs::write(&path, text.replace("title: \"Asks\"", "title: \"Customer’s ask\"")).expect("written");
    let mut h = editor("panel-quotes", Some(path));
    key(&mut h, Modifiers::NONE, Key::F9);
    h.run_steps(2);
    h.get_by_label("Customer's ask → Answers ×2");
    assert!(h.query_by_label("Customer’s ask → Answers ×2").is_none());
    // The blueprint keeps what was written.
    assert!(h.state().blueprint().steps.iter().any(|s| s.title == "Customer’s ask"));
}

#[test]
fn a_new_stage_or_lane_is_named_by_typing_over_its_default_name_and_the_view_moves_only_to_show_it() {
    let mut h = editor("add-stage-name", Some(PathBuf::from("samples/en/coffee-shop.ron")));
    {
        let state = &mut h.state_mut().state;
        let factor = 1.5 / state.viewport.zoom;
        state.viewport.zoom_at(egui::Vec2::ZERO, factor);
    }
    h.run_steps(2);
    let pan = h.state().state.viewport.pan;
    h.get_by_label("Add stage").click();
    h.run_steps(3);
    let canvas = h.state().state.canvas_rect;
    let header = h.get_by_label("Text on the canvas").rect();
    assert!(
        canvas.contains_rect(header),
        "the new stage's name field {header:?} is in view"
    );
    assert_eq!(h.state().state.viewport.pan.y, pan.y, "scrolled sideways only");
    type_keys(&mut h, "Pickup");
    key(&mut h, Modifiers::NONE, Key::Enter);
    let stages = &h.state().blueprint().stages;
    assert_eq!(stages.last().expect("a stage").name, "Pickup");

    // A lane added from a lane header's menu, in a view of the whole blueprint.
    let mut h = editor("add-lane-name", Some(PathBuf::from("samples/en/coffee-shop.ron")));
    let cell = h
        .state()
        .cell_screen_rect(&LaneId::from("customer"), &StageId::from("arrive"))
        .expect("cell");
    click_at(
        &mut h,
        Pos2::new(cell.left() - 30.0, cell.center().y),
        PointerButton::Secondary,
    );
    h.get_by_label("Add custom lane below").click();
    h.run_steps(3);
    type_keys(&mut h, "IT");
    key(&mut h, Modifiers::NONE, Key::Enter);
    let lanes: Vec<&str> = h.state().blueprint().lanes.iter().map(|l| l.name.as_str()).collect();
    assert!(lanes.contains(&"IT"), "{lanes:?}");
}

#[test]
fn the_export_dialogs_rows_keep_apart_in_both_languages() {
    for (lang, [uhd, highlights, file, white]) in [
        (Lang::En, ["4K (3840×2160)", "Analysis highlights", "File", "White"]),
        (Lang::Zh, ["4K（3840×2160）", "分析标注", "文件", "白色"]),
    ] {
        let mut h = editor_in("export-rows", Some(PathBuf::from("samples/en/bank-loan.ron")), lang);
        h.key_press_modifiers(Modifiers::COMMAND, Key::E);
        h.run_steps(4);
        let rect = |h: &Harness<'_, EditorApp>, label: &str| h.get_by_label(label).rect();
        let field = h.get_by_role_and_label(egui::accesskit::Role::TextInput, file).rect();
        let (highlights, uhd, white) = (rect(&h, highlights), rect(&h, uhd), rect(&h, white));
        assert!(
            highlights.bottom() <= field.top(),
            "{lang:?}: {highlights:?} above the field {field:?}"
        );
        assert!(
            uhd.bottom() <= white.top(),
            "{lang:?}: the sizes {uhd:?} above the backgrounds {white:?}"
        );
    }
}

#[test]
fn shortcuts_are_written_with_the_keys_symbols() {
    let mut h = editor("shortcut-names", Some(PathBuf::from("tests/fixtures/minimal.ron")));
    h.get_by_label("Help").click();
    h.run_steps(2);
    for written in ["Ctrl+=", "Ctrl+\u{2212}", "↑", "F5", "Delete"] {
        assert!(
            h.query_all_by_label(written).next().is_some(),
            "the Help menu lists {written}"
        );
    }
    for name in ["Ctrl+Equals", "Ctrl+Minus", "Up"] {
        assert!(h.query_by_label(name).is_none(), "not {name}");
    }
}

#[test]
fn a_file_with_its_to_be_version_beside_it_compares_with_it_in_one_click() {
    let dir = temp_dir("pair-on-disk");
    for name in ["bank-loan.ron", "bank-loan-to-be.ron"] {
        std::fs::copy(Path::new("samples/en").join(name), dir.join(name)).expect("copy");
    }
    for (open, other) in [
        ("bank-loan.ron", "bank-loan-to-be.ron"),
        ("bank-loan-to-be.ron", "bank-loan.ron"),
    ] {
        let mut h = editor("pair-on-disk", Some(dir.join(open)));
        h.get_by_label("Analysis").click();
        h.run_steps(2);
        let pair = format!("Compare with “{other}”");
        h.get_by_label(&pair).scroll_to_me();
        h.run_steps(3);
        h.get_by_label(&pair).click();
        h.run_steps(3);
        let compared = h.state().state.compare_emotions.as_ref().map(|(name, _)| name.clone());
        let expected = if open == "bank-loan.ron" { "To-be" } else { "As-is" };
        assert_eq!(compared.as_deref(), Some(expected), "{open} compared with {other}");
    }
    // A file without a pair beside it offers none.
    std::fs::remove_file(dir.join("bank-loan-to-be.ron")).expect("remove");
    let mut h = editor("pair-on-disk", Some(dir.join("bank-loan.ron")));
    h.get_by_label("Analysis").click();
    h.run_steps(2);
    assert!(h.query_by_label("Compare with “bank-loan-to-be.ron”").is_none());
    assert!(h.query_by_label("Compare with…").is_some());
}

#[test]
fn a_typed_path_asks_before_it_replaces_a_file_and_never_writes_a_table_over_a_blueprint() {
    let dir = temp_dir("replace");
    let blueprint = dir.join("shop.ron");
    std::fs::copy("samples/en/coffee-shop.ron", &blueprint).expect("copy");
    let before = std::fs::read(&blueprint).expect("read");
    let table = dir.join("steps.csv");
    std::fs::write(&table, "kept").expect("write");
    let mut h = editor("replace", Some(blueprint.clone()));
    let export_steps = |h: &mut Harness<'_, EditorApp>| {
        h.get_by_label("File").click();
        h.run_steps(2);
        h.get_by_label("Export steps…").click();
        h.run_steps(2);
    };
    // The table's name, typed again: asked first; Cancel goes back to the path.
    export_steps(&mut h);
    enter_path(&mut h, &table);
    assert!(
        matches!(h.state().dialog(), Some(Dialog::ConfirmReplace { .. })),
        "{:?}",
        h.state().dialog()
    );
    h.get_by_label("Cancel").click();
    h.run_steps(2);
    match h.state().dialog() {
        Some(Dialog::PathPrompt { text, .. }) => assert!(text.ends_with("steps.csv"), "{text}"),
        other => panic!("back to the path: {other:?}"),
    }
    assert_eq!(std::fs::read_to_string(&table).expect("read"), "kept");
    // Replace writes it.
    enter_path(&mut h, &table);
    h.get_by_label("Replace").click();
    h.run_steps(2);
    assert!(
        std::fs::read_to_string(&table)
            .expect("read")
            .contains("id,lane,lane_kind,stage"),
        "the table is written"
    );
    // The open blueprint's own name: a table would replace it.
    export_steps(&mut h);
    enter_path(&mut h, &blueprint);
    if matches!(h.state().dialog(), Some(Dialog::ConfirmReplace { .. })) {
        h.get_by_label("Replace").click();
        h.run_steps(2);
    }
    assert!(
        matches!(h.state().dialog(), Some(Dialog::Error { .. })),
        "{:?}",
        h.state().dialog()
    );
    assert_eq!(
        std::fs::read(&blueprint).expect("read"),
        before,
        "the blueprint is untouched"
    );
}

#[test]
fn keys_go_to_the_inspector_widget_tab_moved_to_not_to_the_canvas() {
    let mut h = editor("inspector-tab", Some(PathBuf::from("tests/fixtures/minimal.ron")));
    let a = card_center(&h, "a");
    click_at(&mut h, a, PointerButton::Primary);
    h.run_steps(2);
    let (steps, markers) = (h.state().blueprint().steps.len(), h.state().blueprint().markers.len());
    h.get_by_label("Title").click();
    h.run_steps(2);
    // Tab leaves the title for the next widget of the inspector (a list, not a text field).
    key(&mut h, Modifiers::NONE, Key::Tab);
    assert!(h.state().state.inline.is_none());
    for k in [Key::P, Key::F, Key::W, Key::Tab, Key::Delete, Key::ArrowRight] {
        key(&mut h, Modifiers::NONE, k);
    }
    let b = h.state().blueprint();
    assert_eq!(b.markers.len(), markers, "no marker added");
    assert_eq!(b.steps.len(), steps, "no step added or deleted");
    assert_eq!(
        b.step(&StepId::from("a")).expect("a").stage.as_str(),
        "one",
        "not moved"
    );
    // A click on the canvas gives its keys back.
    click_at(&mut h, a, PointerButton::Primary);
    key(&mut h, Modifiers::NONE, Key::P);
    assert_eq!(h.state().blueprint().markers.len(), markers + 1, "P marks the step");
}

#[test]
fn the_selected_card_stays_where_it_was_on_screen_when_the_drawing_reflows_around_it() {
    let mut h = editor("anchor", Some(PathBuf::from("tests/fixtures/minimal.ron")));
    let c = card_center(&h, "c");
    click_at(&mut h, c, PointerButton::Primary);
    h.run_steps(2);
    let before = h.state().card_screen_rect(&StepId::from("c")).expect("card");
    // The stage left of it goes: its column moves a column to the left in the drawing.
    let header = h
        .state()
        .stage_header_screen_rect(&StageId::from("one"))
        .expect("header");
    click_at(&mut h, header.center(), PointerButton::Secondary);
    h.get_by_label("Delete stage").click();
    h.run_steps(3);
    h.get_by_role_and_label(egui::accesskit::Role::Button, "Delete stage")
        .click();
    h.run_steps(3);
    assert_eq!(h.state().blueprint().stages.len(), 1);
    let after = h.state().card_screen_rect(&StepId::from("c")).expect("card");
    assert!(
        (after.min - before.min).length() < 1.0,
        "the card stayed at {before:?}, not {after:?}"
    );
}

#[test]
fn a_card_moved_with_the_arrow_keys_moves_on_screen_while_the_rest_stays_still() {
    let mut h = editor("anchor-move", Some(PathBuf::from("tests/fixtures/minimal.ron")));
    let c = card_center(&h, "c");
    click_at(&mut h, c, PointerButton::Primary);
    h.run_steps(2);
    let rect = |h: &Harness<'_, EditorApp>, id: &str| h.state().card_screen_rect(&StepId::from(id)).expect("card");
    let (a, c) = (rect(&h, "a"), rect(&h, "c"));
    key(&mut h, Modifiers::NONE, Key::ArrowDown);
    h.run_steps(3);
    assert_eq!(
        h.state().blueprint().step(&StepId::from("c")).map(|s| s.lane.as_str()),
        Some("front")
    );
    assert!(
        (rect(&h, "a").min - a.min).length() < 1.0,
        "the other card stayed at {a:?}"
    );
    assert!(rect(&h, "c").min.y > c.max.y, "the moved card went down a lane");
}

#[test]
fn work_restored_after_a_crash_is_not_saved_over_a_file_written_since_without_asking() {
    let recovery = temp_dir("restore-newer");
    let dir = temp_dir("restore-newer-file");
    let plan = dir.join("plan.ron");
    let b = blueprint_studio::file::open(Path::new("tests/fixtures/minimal.ron")).expect("fixture");
    blueprint_studio::file::save(&recovery.join("recovery-4000000002.ron"), &b).expect("write recovery file");
    std::fs::write(
        recovery.join("recovery-4000000002.origin"),
        format!("{}\nplan.ron\n", plan.display()),
    )
    .expect("origin");
    // A colleague's version, written after the work was put aside.
    std::thread::sleep(std::time::Duration::from_millis(20));
    let mut theirs = b.clone();
    theirs.title = "Changed elsewhere".into();
    blueprint_studio::file::save(&plan, &theirs).expect("theirs");
    let on_disk = std::fs::read(&plan).expect("read");
    let mut h = Harness::builder()
        .with_size(vec2(1400.0, 900.0))
        .with_step_dt(1.0 / 60.0)
        .build_eframe(move |cc| {
            let options = AppOptions {
                file: None,
                lang: Some(Lang::En),
                native_dialogs: false,
                recovery_dir: Some(recovery),
                background_from: None,
            };
            EditorApp::with_settings(&cc.egui_ctx, options, Settings::default())
        });
    h.run_steps(3);
    h.get_by_label("Restore").click();
    h.run_steps(3);
    assert_eq!(h.state().document().path.as_deref(), Some(plan.as_path()));
    if matches!(h.state().dialog(), Some(Dialog::ChangedOnDisk { .. })) {
        h.get_by_label("Keep mine").click();
        h.run_steps(2);
    }
    key(&mut h, Modifiers::COMMAND, Key::S);
    assert!(
        matches!(h.state().dialog(), Some(Dialog::ConfirmOverwrite { .. })),
        "{:?}",
        h.state().dialog()
    );
    assert_eq!(std::fs::read(&plan).expect("read"), on_disk, "theirs is still there");
}
