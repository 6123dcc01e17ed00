//! The RON file format: samples load clean and round-trip byte for byte; broken and hostile
//! files give precise errors, never panics; random blueprints survive save → load.

use blueprint_studio::file::{self, OpenError, ParseError};
use blueprint_studio::model::*;
use proptest::prelude::*;
use std::path::{Path, PathBuf};

fn samples() -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = ["samples/en", "samples/zh"]
        .iter()
        .flat_map(|dir| std::fs::read_dir(dir).expect("samples folder exists"))
        .map(|entry| entry.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    paths.sort();
    paths
}

fn fixture(name: &str) -> PathBuf {
    Path::new("tests/fixtures").join(name)
}

fn parse_error(name: &str) -> ParseError {
    match file::open(&fixture(name)) {
        Err(OpenError::Parse { error, .. }) => error,
        other => panic!("{name}: expected a parse error, got {other:?}"),
    }
}

fn problems(name: &str) -> Vec<Problem> {
    match file::open(&fixture(name)) {
        Err(OpenError::Invalid { problems, .. }) => problems,
        other => panic!("{name}: expected validation problems, got {other:?}"),
    }
}

#[test]
fn every_sample_loads_validates_and_round_trips_byte_for_byte() {
    let samples = samples();
    assert!(
        samples.len() >= 14,
        "seven cases in two languages, found {}",
        samples.len()
    );
    for path in samples {
        let text = std::fs::read_to_string(&path).expect("sample readable");
        let blueprint = file::open(&path).unwrap_or_else(|e| panic!("{e}"));
        let saved = file::to_ron(&blueprint).expect("serialises");
        assert_eq!(saved, text, "{} does not round-trip byte for byte", path.display());
        assert_eq!(file::parse(&saved).expect("reparses"), blueprint);
    }
}

#[test]
fn samples_tell_full_cases() {
    for path in samples() {
        let b = file::open(&path).unwrap_or_else(|e| panic!("{e}"));
        let name = path.display();
        for kind in LaneKind::STANDARD {
            assert!(
                b.steps.iter().any(|s| b.lane(&s.lane).is_some_and(|l| l.kind == kind)),
                "{name}: no step in lane {kind:?}"
            );
        }
        assert!(b.stages.len() >= 4, "{name}: {} stages", b.stages.len());
        assert!(b.steps.len() >= 12, "{name}: {} steps", b.steps.len());
        let index = b.index();
        let lane_of = |id: &StepId| {
            let step = &b.steps[index.step(id).expect("step exists")];
            index.lane(&step.lane).expect("lane exists")
        };
        for line in Line::ALL {
            assert!(
                b.flows
                    .iter()
                    .any(|f| b.lines_between(lane_of(&f.from), lane_of(&f.to)).contains(&line)),
                "{name}: no flow crosses the {line:?} line"
            );
        }
        assert!(
            b.steps.iter().filter(|s| s.duration_min.is_some()).count() >= 8,
            "{name}: too few durations"
        );
        assert!(b.markers.len() >= 4, "{name}: {} markers", b.markers.len());
        let kinds: std::collections::HashSet<_> = b.markers.iter().map(|m| m.kind).collect();
        assert!(kinds.len() >= 3, "{name}: marker kinds {kinds:?}");
        assert!(
            b.markers.iter().all(|m| m.note.chars().count() >= 10),
            "{name}: a marker without a real note"
        );
    }
}

#[test]
fn english_and_chinese_samples_pair_up() {
    for path in samples().into_iter().filter(|p| p.starts_with("samples/en")) {
        let zh = Path::new("samples/zh").join(path.file_name().expect("file name"));
        let (en, zh) = (
            file::open(&path).expect("en loads"),
            file::open(&zh).expect("zh twin loads"),
        );
        assert_eq!(
            blueprint_studio::style::drawing_lang(&en),
            blueprint_studio::i18n::Lang::En,
            "{}",
            path.display()
        );
        assert_eq!(
            blueprint_studio::style::drawing_lang(&zh),
            blueprint_studio::i18n::Lang::Zh,
            "{}",
            path.display()
        );
    }
}

#[test]
fn saving_twice_gives_the_same_bytes() {
    // minimal.ron is written by hand, compactly; once saved, it stays byte-stable.
    let b = file::open(&fixture("minimal.ron")).expect("loads");
    let first = file::to_ron(&b).expect("ron");
    assert_eq!(first, file::to_ron(&b.clone()).expect("ron"));
    let again = file::to_ron(&file::parse(&first).expect("reparses")).expect("ron");
    assert_eq!(first, again);
    assert!(!first.contains("notes"), "empty lists are left out");
}

#[test]
fn version_1_files_open_as_the_same_blueprint_and_save_as_version_2() {
    for (old, current) in [
        ("v1/bank-loan-to-be.ron", "samples/en/bank-loan-to-be.ron"),
        ("v1/clinic-visit-to-be.zh.ron", "samples/zh/clinic-visit-to-be.ron"),
    ] {
        let text = std::fs::read_to_string(fixture(old)).expect("fixture");
        assert!(
            text.contains("version: 1,") && text.contains("evidence: Proposed"),
            "{old} is version 1"
        );
        let upgraded = file::open(&fixture(old)).expect("a version-1 file opens");
        let b = file::open(Path::new(current)).expect("sample");
        assert_eq!(upgraded, b, "{old}: read as the version-2 sample is");
        assert!(upgraded.steps.iter().any(|s| s.basis == Basis::Proposed));
        assert_eq!(
            upgraded.steps.iter().filter(|s| s.basis == Basis::Assumed).count(),
            text.matches("evidence: Assumed").count(),
            "{old}"
        );
        let saved = file::to_ron(&upgraded).expect("saves");
        assert!(
            saved.contains("version: 2,") && saved.contains("basis: Proposed"),
            "{old}"
        );
        assert!(!saved.contains("evidence: "), "{old}: no version-1 field left");
        assert_eq!(saved, std::fs::read_to_string(current).expect("sample"), "{old}");
    }
}

#[test]
fn errors_in_a_version_1_file_point_at_its_own_lines() {
    // A wrong value on the line after a renamed field: the column counts from the file on disk.
    let text = std::fs::read_to_string(fixture("v1/bank-loan-to-be.ron")).expect("fixture");
    let broken = text.replacen(
        "evidence: Proposed,\n                value: ValueAdding",
        "evidence: Proposed, value: Nope",
        1,
    );
    let line = broken.lines().position(|l| l.contains("value: Nope")).expect("edited") + 1;
    let col = broken.lines().nth(line - 1).expect("line").find("Nope").expect("value") + 1;
    match file::parse(&broken) {
        Err(ParseError::Syntax { line: l, col: c, .. }) => assert_eq!((l, c), (line, col)),
        other => panic!("{other:?}"),
    }
    // A version-2 file that still says `evidence` is told the new name.
    let current = std::fs::read_to_string("samples/en/bank-loan-to-be.ron").expect("sample");
    match file::parse(&current.replacen("basis: Proposed", "evidence: Proposed", 1)) {
        Err(ParseError::Syntax { hint, .. }) => assert!(hint.expect("hint").contains("`basis`")),
        other => panic!("{other:?}"),
    }
}

#[test]
fn truncated_file_points_at_the_end_and_says_so() {
    match parse_error("truncated.ron") {
        ParseError::Syntax { line, hint, .. } => {
            assert!(line >= 18, "line {line}");
            assert!(hint.expect("a hint").contains("ends before the blueprint is complete"));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn wrong_type_names_line_and_column() {
    match parse_error("wrong-type.ron") {
        ParseError::Syntax { line, col, message, .. } => {
            assert_eq!(line, 19, "{message}");
            assert!(col > 50, "col {col}");
            assert!(message.contains("float"), "{message}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn unknown_lane_kind_lists_the_allowed_ones() {
    let error = parse_error("unknown-lane-kind.ron");
    let text = error.to_string();
    assert!(text.starts_with("10:"), "{text}");
    assert!(text.contains("Backroom") && text.contains("Backstage"), "{text}");
}

#[test]
fn misspelt_field_and_missing_comma_are_located() {
    let text = parse_error("misspelt-field.ron").to_string();
    assert!(
        text.starts_with("18:55:") && text.contains("titel") && text.contains("`title`"),
        "{text}"
    );
    let text = parse_error("missing-comma.ron").to_string();
    assert!(text.starts_with("6:9:"), "{text}");
    assert!(text.contains("comma"), "{text}");
}

#[test]
fn step_in_a_missing_lane_is_reported_by_id() {
    let problems = problems("unknown-lane.ron");
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].id, "c");
    assert!(problems[0].message.contains("kitchen"));
}

#[test]
fn dangling_flow_is_reported_by_id() {
    let problems = problems("dangling-flow.ron");
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].id, "f2");
    assert!(problems[0].message.contains("ghost"));
}

#[test]
fn duplicate_ids_are_all_reported() {
    let problems = problems("duplicate-ids.ron");
    assert!(
        problems
            .iter()
            .any(|p| p.id == "a" && p.message.contains("duplicate step")),
        "{problems:?}"
    );
}

#[test]
fn severity_out_of_range_is_reported() {
    let problems = problems("bad-severity.ron");
    assert_eq!(problems[0].id, "m1");
    assert!(problems[0].message.contains("between 1 and 5"), "{problems:?}");
}

#[test]
fn severity_is_needed_on_pain_fail_and_wait_points_only() {
    let text = std::fs::read_to_string(fixture("minimal.ron")).expect("fixture");
    let without = text.replace("severity: 3, ", "");
    match file::parse(&without).map(|b| validate(&b)) {
        Ok(problems) => {
            assert_eq!(problems.len(), 1, "{problems:?}");
            assert_eq!(problems[0].id, "m1");
            assert!(
                problems[0]
                    .message
                    .contains("a wait point needs a severity from 1 to 5"),
                "{problems:?}"
            );
        }
        other => panic!("{other:?}"),
    }
    for kind in ["MomentOfTruth", "Opportunity"] {
        let b = file::parse(&without.replace("WaitPoint", kind)).expect("parses");
        assert_eq!(validate(&b), [], "{kind}");
        assert_eq!(b.markers[0].severity, None);
        // Saved without the field, and read back the same.
        let saved = file::to_ron(&b).expect("saves");
        assert!(!saved.contains("severity"), "{saved}");
        assert_eq!(file::parse(&saved).expect("reads back"), b);
    }
}

#[test]
fn future_version_asks_for_a_newer_program() {
    match parse_error("future-version.ron") {
        ParseError::FutureVersion {
            found: 7,
            supported: file::CURRENT_VERSION,
            line: 3,
            ..
        } => {}
        other => panic!("{other:?}"),
    }
    assert!(parse_error("future-version.ron").to_string().contains("newer"));
}

#[test]
fn empty_binary_and_deeply_nested_files_are_refused_cleanly() {
    assert!(matches!(parse_error("empty.ron"), ParseError::Empty));
    assert!(matches!(parse_error("garbage.ron"), ParseError::NotText { offset: 0 }));
    // A Chinese blueprint saved as GBK is named as such, with what to do.
    let text = std::fs::read_to_string("samples/zh/coffee-shop.ron").expect("sample");
    let (gbk, _, _) = encoding_rs::GBK.encode(&text);
    let path = std::env::temp_dir().join(format!("bp-gbk-{}.ron", std::process::id()));
    std::fs::write(&path, &gbk).expect("write");
    match file::open(&path) {
        Err(OpenError::Parse {
            error: error @ ParseError::Gbk { .. },
            ..
        }) => assert!(error.to_string().contains("save it as UTF-8"), "{error}"),
        other => panic!("{other:?}"),
    }
    std::fs::remove_file(&path).ok();
    match parse_error("deeply-nested.ron") {
        ParseError::Syntax { hint, .. } => assert!(hint.expect("hint").contains("nests")),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_50_mb_file_is_refused_before_it_is_read() {
    let dir = std::env::temp_dir().join(format!("bp-huge-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("huge.ron");
    let file = std::fs::File::create(&path).expect("create");
    file.set_len(50 * 1024 * 1024).expect("50 MB sparse file");
    let result = file::open(&path);
    std::fs::remove_dir_all(&dir).ok();
    match result {
        Err(OpenError::Parse {
            error: ParseError::TooLarge { size_mb, limit_mb },
            ..
        }) => {
            assert!((size_mb - 50.0).abs() < 0.1);
            assert_eq!(limit_mb, 32);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_large_valid_file_under_the_limit_still_loads() {
    // 20,000 steps: the size the editor is built for must not hit the size guard.
    let mut b = template(blueprint_studio::i18n::Lang::En);
    for i in 0..20_000 {
        b.steps.push(Step::new(
            StepId(format!("s{i}")),
            LaneId::from("customer"),
            StageId::from("use"),
            format!("Step number {i} with a longer title"),
        ));
    }
    let text = file::to_ron(&b).expect("ron");
    assert!(text.len() > 1_000_000);
    assert_eq!(file::parse(&text).expect("parses"), b);
}

#[test]
fn save_is_atomic_and_keeps_a_backup() {
    let dir = std::env::temp_dir().join(format!("bp-save-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("plan.ron");
    let mut b = file::open(&fixture("minimal.ron")).expect("loads");
    file::save(&path, &b).expect("first save");
    b.title = "Second".into();
    file::save(&path, &b).expect("second save");
    assert_eq!(file::load(&path).expect("reload").title, "Second");
    assert_eq!(file::load(&file::backup_path(&path)).expect("backup").title, "Minimal");
    let leftovers: Vec<_> = std::fs::read_dir(&dir)
        .expect("list")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name())
        .collect();
    assert_eq!(leftovers.len(), 2, "only the file and its backup: {leftovers:?}");
    // A save into a folder that does not exist fails and says where.
    let error = file::save(&dir.join("missing/plan.ron"), &b).expect_err("no such folder");
    assert!(error.to_string().contains("missing/plan.ron"), "{error}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_file_cut_off_inside_a_word_or_a_text_says_it_ends_early() {
    // Cut mid-word the parser wanted a colon; cut inside a text it wanted a closing quote.
    for (name, wording) in [
        ("truncated-in-word.ron", "ends before the blueprint is complete"),
        ("truncated-in-text.ron", "ends inside a text value"),
        ("truncated.ron", "ends before the blueprint is complete"),
    ] {
        let text = std::fs::read_to_string(fixture(name)).expect("fixture");
        let last_line = text.lines().count();
        match parse_error(name) {
            ParseError::Syntax {
                line, message, hint, ..
            } => {
                assert_eq!(line, last_line, "{name}: points at where the file stops");
                assert_eq!(message, "unexpected end of file", "{name}");
                let hint = hint.expect("a hint");
                assert!(hint.contains(wording) && hint.contains("cut off"), "{name}: {hint}");
                assert!(!hint.contains("double quotes"), "{name}: {hint}");
            }
            other => panic!("{name}: {other:?}"),
        }
    }
}

#[test]
fn a_cut_inside_an_enum_value_is_a_cut_but_a_whole_file_missing_a_field_is_not() {
    let text = std::fs::read_to_string(fixture("minimal.ron")).expect("fixture");
    let cut = &text[..text.find("kind: Evidence").expect("there") + "kind: Evid".len()];
    match file::parse(cut) {
        Err(ParseError::Syntax { hint, .. }) => assert!(hint.expect("hint").contains("ends before"), "{hint:?}"),
        other => panic!("{other:?}"),
    }
    match file::parse("(version: 1)\n") {
        Err(ParseError::Syntax { message, hint, .. }) => {
            assert!(message.contains("blueprint"), "{message}");
            assert_eq!(hint, Some("this field is required; docs/FORMAT.md lists them"));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn open_repaired_keeps_the_valid_parts_and_lists_the_dropped_ones_by_line() {
    let repaired = file::open_repaired(&fixture("dangling-flow.ron")).expect("repairable");
    assert_eq!(repaired.blueprint.flows.len(), 1);
    assert_eq!(repaired.blueprint.flows[0].id.as_str(), "f1");
    assert_eq!(repaired.blueprint.markers.len(), 1, "the marker on b stays");
    assert!(validate(&repaired.blueprint).is_empty());
    let listed: Vec<String> = repaired.dropped.iter().map(ToString::to_string).collect();
    assert_eq!(
        listed,
        ["line 24: flow f2: the step \"ghost\" it goes to does not exist"]
    );

    let repaired = file::open_repaired(&fixture("broken-references.ron")).expect("repairable");
    let listed: Vec<String> = repaired.dropped.iter().map(ToString::to_string).collect();
    assert_eq!(
        listed,
        [
            "line 20: step c: its lane \"kitchen\" does not exist",
            "line 24: flow f2: the step \"c\" it goes to does not exist",
            "line 25: flow f1: another flow earlier in the file has the id \"f1\"",
            "line 28: marker m1: its step \"nobody\" does not exist",
        ]
    );
    assert_eq!(repaired.blueprint.steps.len(), 2);
    assert_eq!(repaired.blueprint.flows[0].from.as_str(), "a", "the first f1 stays");
}

#[test]
fn open_repaired_refuses_what_it_cannot_repair_and_what_does_not_parse() {
    assert!(matches!(
        file::open_repaired(&fixture("truncated.ron")),
        Err(OpenError::Parse { .. })
    ));
    let dir = std::env::temp_dir().join(format!("bp-norepair-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("no-stages.ron");
    let mut b = file::open(&fixture("minimal.ron")).expect("loads");
    b.stages.clear();
    std::fs::write(&path, file::to_ron(&b).expect("ron")).expect("write");
    match file::open_repaired(&path) {
        Err(OpenError::Invalid { problems, .. }) => {
            assert!(
                problems.iter().any(|p| p.message.contains("at least one stage")),
                "{problems:?}"
            )
        }
        other => panic!("{other:?}"),
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn control_characters_are_reported_with_id_field_and_place() {
    // 64 raw NUL bytes in step b's description, as a cut-off write leaves them.
    let found = problems("control-chars.ron");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(
        found[0].to_string(),
        "b: step description contains 64 control characters (U+0000)"
    );
    assert_eq!(found[0].place, Some((19, 88)));
    let message = file::open(&fixture("control-chars.ron"))
        .expect_err("reported")
        .to_string();
    assert!(
        message.starts_with("tests/fixtures/control-chars.ron:19:88: b: step description"),
        "{message}"
    );
    // Written as RON escapes, in the blueprint's own title and in a marker's note.
    let found = problems("control-escapes.ron");
    let listed: Vec<(String, Option<(usize, usize)>)> = found.iter().map(|p| (p.to_string(), p.place)).collect();
    assert_eq!(
        listed,
        [
            (
                "blueprint: title contains 1 control character (U+0007)".to_owned(),
                Some((5, 24))
            ),
            (
                "m1: marker note contains 2 control characters (U+0000)".to_owned(),
                Some((27, 85))
            ),
        ]
    );
    let repaired = file::open_repaired(&fixture("control-chars.ron")).expect("repairable");
    let step = repaired.blueprint.step(&StepId::from("b")).expect("b stays");
    assert_eq!(step.description, "Card or cash");
    assert_eq!(
        repaired.dropped[0].to_string(),
        "line 19: step b: 64 control characters removed from its description"
    );
}

#[test]
fn nul_bytes_outside_text_are_a_syntax_error_not_a_panic() {
    let text = std::fs::read_to_string(fixture("minimal.ron")).expect("fixture");
    let broken = text.replace("version: 1,", "version: 1,\0\0");
    match file::parse(&broken) {
        Err(ParseError::Syntax { line, .. }) => assert_eq!(line, 3),
        other => panic!("{other:?}"),
    }
}

#[test]
fn saving_a_repaired_file_keeps_the_original_without_overwriting_a_backup() {
    let dir = std::env::temp_dir().join(format!("bp-keep-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("plan.ron");
    let original = std::fs::read(fixture("dangling-flow.ron")).expect("fixture");
    std::fs::write(&path, &original).expect("copy");
    let repaired = file::open_repaired(&path).expect("repairable");
    let kept = file::save_keeping_original(&path, &repaired.blueprint).expect("saved");
    assert_eq!(kept.as_deref(), Some(file::backup_path(&path).as_path()));
    assert_eq!(std::fs::read(file::backup_path(&path)).expect("kept"), original);
    assert_eq!(file::open(&path).expect("clean now"), repaired.blueprint);
    // A second repair of another broken copy keeps the first backup and takes the next name.
    std::fs::write(&path, &original).expect("broken again");
    let kept = file::save_keeping_original(&path, &repaired.blueprint).expect("saved");
    assert_eq!(kept, Some(dir.join("plan.ron.1.bak")));
    assert_eq!(std::fs::read(dir.join("plan.ron.1.bak")).expect("kept"), original);
    assert_eq!(std::fs::read(file::backup_path(&path)).expect("untouched"), original);
    std::fs::remove_dir_all(&dir).ok();
}

fn arb_text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z0-9 ,.'()-]{0,30}",
        "[\u{4e00}-\u{9fa5}，。、]{0,12}",
        Just("quote \" backslash \\ newline \n tab \t".to_owned()),
    ]
}

prop_compose! {
    fn arb_blueprint()(
        title in arb_text(),
        description in arb_text(),
        n_stages in 1usize..6,
        custom_lane in any::<bool>(),
        steps in prop::collection::vec((0usize..6, 0usize..6, arb_text(), prop::option::of(0.0f64..10_000.0), prop::option::of(-2i8..=2), 0u32..4, any::<bool>()), 0..25),
        flows in prop::collection::vec((0usize..25, 0usize..25, any::<bool>(), arb_text()), 0..30),
        markers in prop::collection::vec((0usize..25, 0usize..5, 1u8..=5, arb_text(), any::<bool>()), 0..10),
        state in any::<bool>(),
    ) -> Blueprint {
        let mut b = template(blueprint_studio::i18n::Lang::En);
        b.title = title;
        b.description = description;
        b.state = if state { ServiceState::ToBe } else { ServiceState::AsIs };
        b.stages.truncate(n_stages);
        if custom_lane {
            b.lanes.insert(2, Lane { id: LaneId::from("custom"), kind: LaneKind::Custom, name: "Emotion".into() });
        }
        let lanes: Vec<LaneId> = b.lanes.iter().map(|l| l.id.clone()).collect();
        for (i, (lane, stage, title, minutes, emotion, order, assumed)) in steps.into_iter().enumerate() {
            let mut step = Step::new(StepId(format!("s{i}")), lanes[lane % lanes.len()].clone(), b.stages[stage % n_stages].id.clone(), title);
            step.duration_min = minutes;
            step.wait_min = minutes.map(|m| m / 3.0);
            step.emotion = emotion;
            step.order = order;
            step.basis = if assumed { Basis::Assumed } else { Basis::Observed };
            step.value = assumed.then_some(ValueClass::Waste);
            b.steps.push(step);
        }
        let n = b.steps.len();
        if n >= 2 {
            for (i, (from, to, two_way, label)) in flows.into_iter().enumerate() {
                let (from, to) = (from % n, to % n);
                if from != to {
                    b.flows.push(Flow { id: FlowId(format!("f{i}")), from: b.steps[from].id.clone(), to: b.steps[to].id.clone(), two_way, label });
                }
            }
        }
        for (i, (step, kind, severity, note, on_stage)) in markers.into_iter().enumerate() {
            let target = if on_stage || n == 0 { MarkerTarget::Stage(b.stages[0].id.clone()) } else { MarkerTarget::Step(b.steps[step % n].id.clone()) };
            let kind = MarkerKind::ALL[kind];
            // Moments of truth and opportunities may go without a number.
            let severity = (kind.needs_severity() || severity % 2 == 0).then_some(severity);
            b.markers.push(Marker { id: MarkerId(format!("m{i}")), kind, target, severity, note });
        }
        b
    }
}

proptest! {
    #[test]
    fn random_valid_blueprints_survive_save_and_load(b in arb_blueprint()) {
        prop_assert!(validate(&b).is_empty(), "{:?}", validate(&b));
        let text = file::to_ron(&b).expect("serialises");
        let back = file::parse(&text).expect("parses");
        prop_assert_eq!(&back, &b);
        prop_assert_eq!(file::to_ron(&back).expect("serialises"), text);
    }
}

#[test]
fn the_annotated_example_in_the_format_doc_reads_as_the_current_version() {
    let doc = std::fs::read_to_string("docs/FORMAT.md").expect("doc");
    let example = doc
        .split("```ron")
        .nth(2)
        .and_then(|block| block.split("```").next())
        .expect("the annotated example");
    let b = file::parse(example).unwrap_or_else(|e| panic!("{e}"));
    assert!(example.contains(&format!("version: {},", file::CURRENT_VERSION)));
    assert_eq!(
        b.steps[0].lane.as_str(),
        "evidence",
        "it shows a physical-evidence item"
    );
    assert_eq!(b.steps[1].basis, Basis::Assumed);
}

#[test]
fn a_file_that_is_not_a_blueprint_says_so_and_a_table_points_to_import() {
    for (text, hint) in [
        ("id,lane,stage,title\na,Customer,Visit,Walks in\n", "Import steps"),
        ("hello world\n", "(version: 2, blueprint:"),
    ] {
        match file::parse(text) {
            Err(error) => {
                let said = error.to_string();
                assert!(said.contains("not a blueprint file"), "{said}");
                assert!(said.contains(hint), "{said}");
                assert!(!said.contains("VersionProbe"), "{said}");
            }
            Ok(_) => panic!("{text} parsed"),
        }
    }
}
