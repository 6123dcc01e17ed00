//! Analysis checked against answers worked out by hand, and against what the samples' stories say.

mod common;

use common::cli;

use blueprint_studio::analysis::{HighlightSpec, analyse, compare, highlights};
use blueprint_studio::file;
use blueprint_studio::model::MarkerTarget;
use std::path::Path;

fn open(path: &str) -> blueprint_studio::model::Blueprint {
    file::open(Path::new(path)).unwrap_or_else(|e| panic!("{e}"))
}

fn ids(steps: &[blueprint_studio::analysis::StepRef]) -> Vec<&str> {
    steps.iter().map(|s| s.id.as_str()).collect()
}

#[test]
fn handoffs_lead_time_loops_and_gaps_of_a_hand_checked_blueprint() {
    let r = analyse(&open("tests/fixtures/analysis-asis.ron"));
    // Handoffs: fa and ff cross the line of interaction; fb and fe the line of visibility;
    // the two-way fc the line of internal interaction (counted once).
    let flows = |h: &[blueprint_studio::analysis::Handoff]| h.iter().map(|h| h.flow.clone()).collect::<Vec<_>>();
    assert_eq!(flows(&r.handoffs.interaction), ["fa", "ff"]);
    assert_eq!(flows(&r.handoffs.visibility), ["fb", "fe"]);
    assert_eq!(flows(&r.handoffs.internal), ["fc"]);
    // Longest path c1 → f1 → b1 → f2 → c2: (2+10) + 5 + (20+30) + 3 + 1 = 71 min, of which
    // 10 + 30 = 40 waiting; the short cut f1 → f2 (21 min) loses; the redo f2 → f1 is rework.
    assert_eq!(ids(&r.critical_path), ["c1", "f1", "b1", "f2", "c2"]);
    assert_eq!(r.lead_time_minutes, Some(71.0));
    assert_eq!(r.wait_minutes, Some(40.0));
    assert!((r.wait_share.expect("share") - 40.0 / 71.0).abs() < 1e-9);
    assert_eq!(r.value_adding_minutes, Some(20.0), "only b1 adds value");
    // One rework loop f1 → b1 → f2 → f1; the two-way exchange b1 ↔ p1 is not a loop.
    assert_eq!(r.loops.len(), 1);
    assert_eq!(ids(&r.loops[0]), ["f1", "b1", "f2"]);
    // x1 has no flow; evidence cards are not expected to have any.
    assert_eq!(ids(&r.orphans), ["x1"]);
    assert_eq!(
        ids(&r.customer_steps_without_evidence),
        ["c2"],
        "stage Leave shows no evidence"
    );
    assert_eq!(ids(&r.fail_points_without_owner), ["b1"]);
    assert_eq!(r.markers_by_kind["pain_point"], 2);
    assert_eq!(
        r.stages.iter().map(|s| s.steps).collect::<Vec<_>>(),
        [2, 3, 2],
        "the evidence item of stage one apart"
    );
    assert_eq!(r.stages.iter().map(|s| s.pain_severity).collect::<Vec<_>>(), [4, 2, 0]);
    assert_eq!(
        r.stages.iter().map(|s| s.wait_minutes).collect::<Vec<_>>(),
        [10.0, 30.0, 0.0]
    );
}

#[test]
fn comparing_the_fixture_pair_finds_the_known_differences() {
    let c = compare(
        &open("tests/fixtures/analysis-asis.ron"),
        &open("tests/fixtures/analysis-tobe.ron"),
    );
    assert_eq!(ids(&c.added), ["n1"]);
    assert_eq!(ids(&c.removed), ["x1"]);
    assert_eq!(c.changed.len(), 1);
    assert_eq!(c.changed[0].after.id, "b1");
    assert_eq!(c.changed[0].fields, ["duration_min", "wait_min"]);
    // f1 became "greet": matched by lane and title, and otherwise the same.
    assert_eq!(c.unchanged, 6);
    let metric = |key: &str| {
        c.metrics
            .iter()
            .find(|m| m.key == key)
            .unwrap_or_else(|| panic!("{key}"))
    };
    // To-be path c1 → greet → b1 → f2 → c2 = 12 + 5 + 10 + 3 + 1 = 31 min.
    assert_eq!(
        (metric("lead_time_minutes").before, metric("lead_time_minutes").after),
        (Some(71.0), Some(31.0))
    );
    assert_eq!(metric("lead_time_minutes").change, Some(-40.0));
    assert_eq!(metric("wait_minutes").change, Some(-30.0));
    assert_eq!(metric("handoffs_visibility").change, Some(0.0));
    assert_eq!(
        (metric("pain_points").before, metric("pain_points").after),
        (Some(2.0), Some(0.0))
    );
    assert_eq!(metric("steps_customer").change, Some(1.0));
}

#[test]
fn the_samples_reports_match_their_stories() {
    // Clinic: booking to visit cut from 3.2 days to 1.1 days, mostly waiting.
    let before = analyse(&open("samples/en/clinic-visit.ron"));
    let after = analyse(&open("samples/en/clinic-visit-to-be.ron"));
    let days = |m: Option<f64>| m.expect("lead time") / 1440.0;
    assert!(
        (days(before.lead_time_minutes) - 3.2).abs() < 0.05,
        "{:?}",
        before.lead_time_minutes
    );
    assert!(
        (days(after.lead_time_minutes) - 1.1).abs() < 0.05,
        "{:?}",
        after.lead_time_minutes
    );
    assert!(
        before.wait_share.expect("share") > 0.9,
        "the as-is clinic journey is mostly waiting"
    );
    // Bank loan: front and back office out of sync; the redesign removes the re-submission loop
    // and handoffs across the line of visibility.
    let bank = analyse(&open("samples/en/bank-loan.ron"));
    let bank_to_be = analyse(&open("samples/en/bank-loan-to-be.ron"));
    assert!(!bank.loops.is_empty() && bank_to_be.loops.is_empty());
    assert!(bank_to_be.handoffs.visibility.len() < bank.handoffs.visibility.len());
    assert!(bank_to_be.lead_time_minutes < bank.lead_time_minutes);
    // Coffee shop: the waits cluster at ordering and drink making.
    let coffee = analyse(&open("samples/en/coffee-shop.ron"));
    let mut stages = coffee.stages.clone();
    stages.sort_by(|a, b| b.wait_minutes.total_cmp(&a.wait_minutes));
    let top: Vec<&str> = stages.iter().take(2).map(|s| s.stage.as_str()).collect();
    assert!(top.contains(&"order") && top.contains(&"make"), "{top:?}");
    // Every sample has a lead time and no orphan process steps.
    for lang in ["en", "zh"] {
        for entry in std::fs::read_dir(format!("samples/{lang}")).expect("samples") {
            let path = entry.expect("entry").path();
            let r = analyse(&file::open(&path).expect("sample"));
            assert!(r.lead_time_minutes.is_some(), "{}", path.display());
            assert!(r.orphans.is_empty(), "{}: {:?}", path.display(), ids(&r.orphans));
        }
    }
}

#[test]
fn highlights_mark_the_critical_path_and_the_visibility_handoffs() {
    let b = open("tests/fixtures/analysis-asis.ron");
    let r = analyse(&b);
    let h = highlights(
        &b,
        &r,
        HighlightSpec {
            critical_path: true,
            ..HighlightSpec::default()
        },
    );
    let path = h.critical_path.expect("critical path on");
    let steps: Vec<&str> = path.steps.iter().map(|&i| b.steps[i].id.as_str()).collect();
    assert_eq!(steps, ["c1", "f1", "b1", "f2", "c2"]);
    let mut flows: Vec<&str> = path.flows.iter().map(|&f| b.flows[f].id.as_str()).collect();
    flows.sort_unstable();
    assert_eq!(flows, ["fa", "fb", "fe", "ff"]);
    assert_eq!(path.minutes, r.lead_time_minutes, "the legend shows the lead time");
    assert!(h.handoffs.is_none() && h.waits.is_none() && h.stage_heat.is_none());
    let h = highlights(
        &b,
        &r,
        HighlightSpec {
            visibility_handoffs: true,
            pain_heat: true,
            ..HighlightSpec::default()
        },
    );
    let mut flows: Vec<&str> = h
        .handoffs
        .as_ref()
        .expect("handoffs on")
        .iter()
        .map(|&f| b.flows[f].id.as_str())
        .collect();
    flows.sort_unstable();
    assert_eq!(flows, ["fb", "fe"]);
    assert_eq!(h.stage_heat, Some(vec![1.0, 0.5, 0.0]));
    assert!(h.critical_path.is_none());
    assert_eq!(
        HighlightSpec::parse("critical-path,heat").expect("parses"),
        HighlightSpec {
            critical_path: true,
            pain_heat: true,
            ..HighlightSpec::default()
        }
    );
    assert!(HighlightSpec::parse("sparkles").is_err());
}

#[test]
fn stats_json_has_the_documented_keys_and_values() {
    let (code, out, err) = cli(&["stats", "tests/fixtures/analysis-asis.ron", "--json"]);
    assert_eq!(code, 0, "{err}");
    let json: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    for key in [
        "steps",
        "flows",
        "markers",
        "handoffs",
        "lead_time_minutes",
        "wait_minutes",
        "critical_path",
        "loops",
        "orphans",
    ] {
        assert!(json.get(key).is_some(), "missing key {key}");
    }
    assert_eq!((&json["steps"], &json["evidence_items"]), (&7.into(), &1.into()));
    assert_eq!(json["lead_time_minutes"], 71.0);
    assert_eq!(json["handoffs"]["visibility"].as_array().expect("list").len(), 2);
    assert_eq!(json["handoffs"]["internal"][0]["flow"], "fc");
    assert_eq!(json["critical_path"][2]["id"], "b1");
    let (code, out, _) = cli(&["stats", "samples/zh/clinic-visit.ron"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("总用时：3.2 天（4608 分钟）"),
        "a Chinese blueprint's report is in Chinese: {out}"
    );
    // A title that names its state is not followed by the state a second time.
    let (_, out, _) = cli(&["stats", "samples/en/bank-loan.ron"]);
    let mut lines = out.lines();
    assert_eq!(lines.next(), Some("Bank: small-business loan (as-is)"));
    assert!(
        lines
            .next()
            .is_some_and(|l| l.starts_with("as-is: 25 steps + 6 evidence items, 28 flows")),
        "{out}"
    );
    let (code, _, err) = cli(&["stats", "tests/fixtures/truncated.ron"]);
    assert_eq!(code, 1);
    assert!(err.contains("truncated.ron:18:47"), "{err}");
}

#[test]
fn compare_prints_deltas_and_writes_the_table_slide() {
    let dir = std::env::temp_dir().join(format!("bp-compare-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let slide = dir.join("table.png");
    let (code, out, err) = cli(&[
        "compare",
        "tests/fixtures/analysis-asis.ron",
        "tests/fixtures/analysis-tobe.ron",
        "--slide",
        slide.to_str().expect("path"),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Lead time") && out.contains("−40 min"), "{out}");
    assert!(
        out.contains("Added steps: 1") && out.contains("Removed steps: 1"),
        "{out}"
    );
    let image = image::open(&slide).expect("slide written");
    assert_eq!((image.width(), image.height()), (1920, 1080));
    let (code, out, _) = cli(&[
        "compare",
        "samples/en/bank-loan.ron",
        "samples/en/bank-loan-to-be.ron",
        "--json",
    ]);
    assert_eq!(code, 0);
    let json: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    let lead = json["metrics"]
        .as_array()
        .expect("metrics")
        .iter()
        .find(|m| m["key"] == "lead_time_minutes")
        .expect("lead time");
    assert!(lead["change"].as_f64().expect("number") < -20_000.0, "{lead}");
    std::fs::remove_dir_all(&dir).ok();
}

/// Every sample file, both languages.
fn samples() -> Vec<std::path::PathBuf> {
    let mut paths: Vec<_> = ["samples/en", "samples/zh"]
        .iter()
        .flat_map(|dir| {
            std::fs::read_dir(dir)
                .expect("samples")
                .map(|e| e.expect("entry").path())
        })
        .collect();
    paths.sort();
    paths
}

#[test]
fn the_steps_per_stage_add_up_to_the_steps_the_summary_counts() {
    for path in samples() {
        let r = analyse(&file::open(&path).expect("sample"));
        let per_stage: usize = r.stages.iter().map(|s| s.steps).sum();
        assert_eq!(per_stage, r.steps, "{}: evidence items apart in both", path.display());
        assert!(r.evidence_items > 0, "{}: the samples show evidence", path.display());
    }
}

#[test]
fn renaming_a_step_in_the_report_gives_the_report_of_the_renamed_blueprint() {
    use blueprint_studio::analysis::same_for_analysis;
    for path in samples() {
        let b = file::open(&path).unwrap_or_else(|e| panic!("{e}"));
        let report = analyse(&b);
        // Every step a list names, so each list is tried where a sample fills it.
        for i in 0..b.steps.len() {
            let mut renamed = b.clone();
            let step = &mut renamed.steps[i];
            step.title.push_str(" (renamed)");
            step.description.push_str(" and more");
            step.channel = "a channel".into();
            step.emotion = Some(-2);
            assert!(same_for_analysis(&b.steps[i], &renamed.steps[i]));
            let mut patched = report.clone();
            patched.retitle(renamed.steps[i].id.as_str(), &renamed.steps[i].title);
            assert!(
                patched == analyse(&renamed),
                "{}: step {} renamed, the report is the one worked out again",
                path.display(),
                b.steps[i].id
            );
        }
    }
}

#[test]
fn a_change_that_analysis_reads_is_not_patched() {
    use blueprint_studio::analysis::same_for_analysis;
    let b = open("samples/en/bank-loan.ron");
    let step = &b.steps[0];
    use blueprint_studio::model::{Basis, ValueClass};
    let changes: [&dyn Fn(&mut blueprint_studio::model::Step); 6] = [
        &|s| s.duration_min = Some(s.duration_min.unwrap_or(0.0) + 1.0),
        &|s| s.wait_min = Some(s.wait_min.unwrap_or(0.0) + 1.0),
        &|s| s.owner.push('x'),
        &|s| s.order += 1,
        &|s| {
            s.value = Some(if s.value == Some(ValueClass::Waste) {
                ValueClass::Necessary
            } else {
                ValueClass::Waste
            })
        },
        &|s| {
            s.basis = if s.basis == Basis::Assumed {
                Basis::Observed
            } else {
                Basis::Assumed
            }
        },
    ];
    for (k, change) in changes.iter().enumerate() {
        let mut after = step.clone();
        change(&mut after);
        assert!(!same_for_analysis(step, &after), "change {k} is one analysis reads");
    }
}

#[test]
fn stats_never_say_minus_zero_or_zero_for_unclassified_value_and_count_evidence_apart() {
    // The minimal fixture: no waits on the path once b's is gone, no value classes at all.
    let mut b = open("tests/fixtures/minimal.ron");
    b.steps[1].wait_min = None;
    let mut evidence = b.steps[0].clone();
    evidence.id = "ev".into();
    evidence.lane = "evidence".into();
    b.steps.push(evidence);
    let r = analyse(&b);
    assert_eq!((r.steps, r.evidence_items), (3, 1));
    assert_eq!(r.wait_minutes, Some(0.0));
    assert!(r.wait_minutes.is_some_and(f64::is_sign_positive), "not -0");
    assert_eq!((r.value_adding_minutes, r.value_adding_share), (None, None));
    let json = serde_json::to_string(&r).expect("json");
    assert!(!json.contains("-0.0"), "{json}");
    let text = blueprint_studio::analysis::report_text(&r, blueprint_studio::i18n::Lang::En);
    assert!(text.contains("3 steps + 1 evidence item, 2 flows"), "{text}");
    assert!(
        text.contains("waiting 0 min (0 %), value-adding not classified"),
        "{text}"
    );
    assert!(!text.contains("-0"), "{text}");
    // Once a step is classified, the share is a number again.
    b.steps[0].value = Some(blueprint_studio::model::ValueClass::ValueAdding);
    let r = analyse(&b);
    assert_eq!(r.value_adding_minutes, Some(1.0));
}

/// Handoffs by the steps they join, as flow ids are not kept by a table.
fn handoff_ends(r: &blueprint_studio::analysis::Report) -> Vec<Vec<(String, String)>> {
    blueprint_studio::model::Line::ALL
        .iter()
        .map(|&line| {
            let mut ends: Vec<_> = r
                .handoffs
                .across(line)
                .iter()
                .map(|h| (h.from.id.clone(), h.to.id.clone()))
                .collect();
            ends.sort();
            ends
        })
        .collect()
}

#[test]
fn a_steps_table_round_trip_keeps_steps_flows_and_the_analysis_of_every_sample() {
    use blueprint_studio::table::{import_rows, write_csv};
    let dir = common::temp_dir("table");
    for path in samples() {
        let sample = file::open(&path).expect("sample");
        // The standard lanes under names of the team's own, which do not say their kind.
        let mut renamed = sample.clone();
        for (lane, name) in renamed
            .lanes
            .iter_mut()
            .zip(["Touchpoints", "Guests", "Crew", "Kitchen", "Systems"])
        {
            lane.name = name.to_owned();
        }
        for b in [sample, renamed] {
            let csv = write_csv(&b).expect("csv");
            assert!(csv.starts_with(b"\xef\xbb\xbf"), "a BOM, so Excel reads UTF-8");
            let out = dir.join("steps.csv");
            std::fs::write(&out, &csv).expect("write");
            let rows = blueprint_studio::table::read_rows(&out).expect("reads back");
            assert_eq!(
                rows.len(),
                b.steps.len() + 1,
                "{}: a header and a row per step",
                path.display()
            );
            let imported = import_rows(&rows, &b.title).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            assert_eq!(
                imported.ignored,
                [],
                "{}: the export writes only columns it reads",
                path.display()
            );
            let back = imported.blueprint;
            let name = path.display();
            for step in &b.steps {
                let other = back
                    .step(&step.id)
                    .unwrap_or_else(|| panic!("{name}: {} kept", step.id));
                let lane = |x: &blueprint_studio::model::Blueprint, s: &blueprint_studio::model::Step| {
                    x.lanes
                        .iter()
                        .find(|l| l.id == s.lane)
                        .map(|l| (l.kind, l.name.clone()))
                };
                let stage = |x: &blueprint_studio::model::Blueprint, s: &blueprint_studio::model::Step| {
                    x.stages.iter().find(|k| k.id == s.stage).map(|k| k.name.clone())
                };
                assert_eq!(lane(&back, other), lane(&b, step), "{name}: {}", step.id);
                assert_eq!(stage(&back, other), stage(&b, step), "{name}: {}", step.id);
                let same = |s: &blueprint_studio::model::Step| {
                    (
                        s.order,
                        s.title.clone(),
                        s.description.clone(),
                        s.owner.clone(),
                        s.channel.clone(),
                        s.duration_min,
                        s.wait_min,
                        s.standard.clone(),
                        s.value,
                        s.emotion,
                        s.basis,
                    )
                };
                assert_eq!(same(other), same(step), "{name}: {}", step.id);
            }
            let flows = |x: &blueprint_studio::model::Blueprint| {
                let mut f: Vec<_> = x
                    .flows
                    .iter()
                    .map(|f| (f.from.clone(), f.to.clone(), f.two_way, f.label.clone()))
                    .collect();
                f.sort_by(|a, b| format!("{a:?}").cmp(&format!("{b:?}")));
                f
            };
            assert_eq!(flows(&back), flows(&b), "{name}");
            let on_steps = b
                .markers
                .iter()
                .filter(|m| matches!(m.target, MarkerTarget::Step(_)))
                .count();
            assert_eq!(back.markers.len(), on_steps, "{name}: the markers on steps");
            let (r, r_back) = (analyse(&b), analyse(&back));
            assert_eq!(handoff_ends(&r_back), handoff_ends(&r), "{name}");
            assert_eq!(r_back.lead_time_minutes, r.lead_time_minutes, "{name}");
            assert_eq!(r_back.wait_minutes, r.wait_minutes, "{name}");
        }
    }
}

#[test]
fn import_reads_gbk_csv_and_xlsx_and_names_the_row_and_column_of_a_mistake() {
    let dir = common::temp_dir("import");
    // A GBK file as Chinese Excel saves "CSV (逗号分隔)".
    let text = "编号,标题,泳道,阶段,用时（分钟）,流向\r\n\
                a,到店排队,顾客行为,到店,5,b\r\n\
                b,点单收银,前台员工,到店,2,\r\n";
    let (gbk, _, _) = encoding_rs::GBK.encode(text);
    let table = dir.join("步骤.csv");
    std::fs::write(&table, &gbk).expect("write");
    let out = dir.join("new.ron");
    let (code, stdout, err) = cli(&[
        "import",
        table.to_str().expect("path"),
        "-o",
        out.to_str().expect("path"),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(stdout.contains("2 steps in 1 stage, 1 flow"), "{stdout}");
    let b = file::open(&out).expect("the written blueprint opens");
    assert_eq!(b.title, "步骤");
    assert_eq!(b.steps[0].title, "到店排队");
    // Not over an existing file unless asked.
    let (code, _, err) = cli(&[
        "import",
        table.to_str().expect("path"),
        "-o",
        out.to_str().expect("path"),
    ]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("--force"), "{err}");
    // A workbook saved by Excel.
    let xlsx = "tests/fixtures/steps.xlsx";
    let out = dir.join("from-xlsx.ron");
    let (code, stdout, err) = cli(&["import", xlsx, "-o", out.to_str().expect("path")]);
    assert_eq!(code, 0, "{err}");
    assert!(stdout.contains("3 steps in 2 stages, 2 flows"), "{stdout}");
    let b = file::open(&out).expect("opens");
    assert_eq!(
        b.steps.iter().map(|s| s.duration_min).collect::<Vec<_>>(),
        [Some(3.0), Some(1.5), None]
    );
    // A mistake names its row and column as the spreadsheet shows them.
    let broken = dir.join("broken.csv");
    std::fs::write(
        &broken,
        "title,lane,stage,emotion\nA,Customer,One,1\nB,Customer,One,very bad\n",
    )
    .expect("write");
    let (code, _, err) = cli(&[
        "import",
        broken.to_str().expect("path"),
        "-o",
        dir.join("x.ron").to_str().expect("p"),
    ]);
    assert_eq!(code, 1);
    assert!(
        err.contains("broken.csv: row 3, column D (emotion): “very bad” is not an emotion from -2 to 2"),
        "{err}"
    );
    // And `export` writes the table.
    let csv = dir.join("out.csv");
    let (code, stdout, err) = cli(&[
        "export",
        "samples/zh/coffee-shop.ron",
        "-o",
        csv.to_str().expect("path"),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(stdout.contains("steps"), "{stdout}");
    let b = file::open(Path::new("samples/zh/coffee-shop.ron")).expect("sample");
    let left_out = blueprint_studio::table::LeftOut::of(&b);
    assert!(left_out.stage_markers > 0, "the sample marks a stage");
    assert!(
        err.contains(&format!("no stage markers ({})", left_out.stage_markers)),
        "what the table cannot keep is said: {err}"
    );
    let text = std::fs::read_to_string(&csv).expect("utf-8");
    assert!(
        text.starts_with("\u{feff}id,lane,lane_kind,stage,order,title,"),
        "{}",
        &text[..60]
    );
}

/// The customer steps of `b` that carry an emotion.
fn felt_steps(b: &blueprint_studio::model::Blueprint) -> usize {
    let customer: Vec<&str> = b
        .lanes
        .iter()
        .filter(|l| l.kind == blueprint_studio::model::LaneKind::Customer)
        .map(|l| l.id.as_str())
        .collect();
    b.steps
        .iter()
        .filter(|s| s.emotion.is_some() && customer.contains(&s.lane.as_str()))
        .count()
}

#[test]
fn the_comparison_slide_draws_both_emotion_curves_below_a_readable_table() {
    use blueprint_studio::scene::Shape;
    let (a, b) = (
        file::open(Path::new("samples/en/insurance-enquiry.ron")).expect("as-is"),
        file::open(Path::new("samples/en/insurance-enquiry-to-be.ron")).expect("to-be"),
    );
    let scene =
        blueprint_studio::export::comparison_slide(&compare(&a, &b), (&a, &b), blueprint_studio::i18n::Lang::En);
    let group = |id: &str| {
        scene
            .groups
            .iter()
            .find(|g| g.id == id)
            .unwrap_or_else(|| panic!("no {id}"))
    };
    let chart = group("emotion");
    assert_eq!(chart.class, "emotion");
    for (id, version, dashed) in [("emotion-as-is", &a, true), ("emotion-to-be", &b, false)] {
        let g = group(id);
        let items = &scene.items[g.start..g.end];
        // Each point is a dot in a white ring.
        let dots = items.iter().filter(|i| matches!(i.shape, Shape::Circle { .. })).count();
        assert_eq!(dots, 2 * felt_steps(version), "{id}");
        let line = items
            .iter()
            .find_map(|i| match &i.shape {
                Shape::Path { stroke: Some(s), .. } => Some(s),
                _ => None,
            })
            .expect("a line through the points");
        assert_eq!(
            line.dash.is_some(),
            dashed,
            "{id}: the as-is curve is dashed, the to-be one solid"
        );
    }
    // The chart sits below every row of the table, and all of it on the slide.
    let chart_top = scene.items[chart.start..chart.end]
        .iter()
        .map(|i| i.bbox.min.y)
        .fold(f32::INFINITY, f32::min);
    let table_bottom = scene.items[..chart.start]
        .iter()
        .map(|i| i.bbox.max.y)
        .fold(0.0, f32::max);
    assert!(
        chart_top > table_bottom,
        "chart at {chart_top}, table down to {table_bottom}"
    );
    assert!(scene.items.iter().all(|i| i.bbox.max.y <= 1080.0));
    // Readable from the back of the room: no text under 20 px.
    let smallest = scene
        .items
        .iter()
        .filter_map(|i| match &i.shape {
            Shape::Text { size, .. } => Some(*size),
            _ => None,
        })
        .fold(f32::INFINITY, f32::min);
    assert!(smallest >= 20.0, "{smallest} px");

    // Without emotions there is no chart, and the table keeps the room.
    let (a, b) = (
        file::open(Path::new("tests/fixtures/analysis-asis.ron")).expect("as-is"),
        file::open(Path::new("tests/fixtures/analysis-tobe.ron")).expect("to-be"),
    );
    assert_eq!(felt_steps(&a) + felt_steps(&b), 0, "the fixtures carry no emotion");
    let scene =
        blueprint_studio::export::comparison_slide(&compare(&a, &b), (&a, &b), blueprint_studio::i18n::Lang::En);
    assert!(scene.groups.iter().all(|g| g.class != "emotion"));
}

#[test]
fn compare_text_gives_minutes_in_brackets_only_after_hours_or_days() {
    let (code, text, _) = cli(&[
        "compare",
        "samples/en/insurance-enquiry.ron",
        "samples/en/insurance-enquiry-to-be.ron",
    ]);
    assert_eq!(code, 0);
    let lead = text
        .lines()
        .find(|l| l.starts_with("Lead time"))
        .expect("lead time row");
    assert!(lead.contains("27.1 h (1625 min)"), "{lead}");
    assert!(lead.contains("20.5 min") && !lead.contains("(20 min)"), "{lead}");
}
