//! No valid blueprint can make the analysis, `stats`, `export` or `compare` hang, run out of
//! memory or panic: repeated, two-way and circular flows included.

mod common;

use blueprint_studio::analysis::{HighlightSpec, analyse, compare, highlights};
use blueprint_studio::model::{Blueprint, validate};
use common::{arbitrary_blueprint, cli_within, temp_dir};
use proptest::prelude::*;
use std::collections::HashSet;

const ALL_HIGHLIGHTS: HighlightSpec = HighlightSpec {
    critical_path: true,
    visibility_handoffs: true,
    pain_heat: true,
    waits: true,
};

/// What a user may rely on in any report: paths visit a step once, numbers are finite.
fn assert_sound(b: &Blueprint) {
    let report = analyse(b);
    let path: Vec<&str> = report.critical_path.iter().map(|s| s.id.as_str()).collect();
    let distinct: HashSet<&str> = path.iter().copied().collect();
    assert_eq!(
        distinct.len(),
        path.len(),
        "a step repeats on the critical path: {path:?}"
    );
    if let Some(lead) = report.lead_time_minutes {
        assert!(lead.is_finite() && lead >= 0.0, "lead time {lead}");
        let longest_step = report
            .critical_path
            .iter()
            .filter_map(|s| b.steps.iter().find(|x| x.id.as_str() == s.id))
            .map(|s| s.duration_min.unwrap_or(0.0) + s.wait_min.unwrap_or(0.0))
            .fold(0.0, f64::max);
        assert!(
            lead >= longest_step,
            "lead time {lead} < one of its steps ({longest_step})"
        );
        assert!(report.wait_minutes.is_some_and(|w| w.is_finite() && w <= lead));
    } else {
        assert!(path.is_empty());
    }
    for group in &report.loops {
        let ids: HashSet<&str> = group.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids.len(), group.len(), "a step repeats in a loop");
    }
    let drawn = highlights(b, &report, ALL_HIGHLIGHTS);
    let critical = drawn.critical_path.expect("asked for");
    assert!(critical.steps.iter().all(|&i| i < b.steps.len()));
    assert!(critical.flows.iter().all(|&f| f < b.flows.len()));
    assert!(critical.minutes.is_none_or(f64::is_finite));
    assert!(drawn.handoffs.expect("asked for").iter().all(|&f| f < b.flows.len()));
    assert!(drawn.waits.expect("asked for").values().all(|m| m.is_finite()));
    assert!(drawn.stage_heat.expect("asked for").iter().all(|h| h.is_finite()));
}

#[test]
fn parallel_two_way_and_circular_flows_give_a_finite_report() {
    let b = blueprint_studio::file::open(std::path::Path::new("tests/fixtures/parallel-flows.ron")).expect("valid");
    assert_sound(&b);
    let report = analyse(&b);
    // c1 → f1 → b1 → c2 is the longest way to the last customer step: (2+5) + 3 + (10+20) + 1.
    let path: Vec<&str> = report.critical_path.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(path, ["c1", "f1", "b1", "c2"]);
    assert_eq!(report.lead_time_minutes, Some(41.0));
    // Repeats: a1/a2; a4 one-way next to the two-way a5 is not a repeat; a6/a7; a8/a9 (two-way
    // both ways); a10/a11; a13/a14.
    let groups: Vec<Vec<&str>> = report
        .duplicate_flows
        .iter()
        .map(|d| d.flows.iter().map(String::as_str).collect())
        .collect();
    assert_eq!(
        groups,
        [
            vec!["a1", "a2"],
            vec!["a6", "a7"],
            vec!["a8", "a9"],
            vec!["a10", "a11"],
            vec!["a13", "a14"]
        ]
    );
}

#[test]
fn the_command_line_finishes_on_parallel_flows_and_check_warns_about_repeats() {
    let fixture = "tests/fixtures/parallel-flows.ron";
    let (code, out, err) = cli_within(60, &["check", fixture]);
    assert_eq!(code, 0, "warnings do not fail check: {out}{err}");
    assert!(out.contains(": ok ("), "{out}");
    assert!(
        out.contains("warning: a1: flows a1, a2 all go c1 → f1"),
        "names the repeated flows: {out}"
    );
    assert_eq!(out.matches("warning:").count(), 5, "{out}");

    let (code, out, err) = cli_within(60, &["stats", fixture]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Warning: flows a1, a2"), "{out}");
    let (code, out, _) = cli_within(60, &["stats", fixture, "--json"]);
    assert_eq!(code, 0);
    let json: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(json["lead_time_minutes"], 41.0);
    assert_eq!(json["duplicate_flows"].as_array().map(Vec::len), Some(5));

    let dir = temp_dir("parallel-flows");
    let png = dir.join("x.png");
    let (code, _, err) = cli_within(
        60,
        &[
            "export",
            fixture,
            "-o",
            png.to_str().expect("utf-8 path"),
            "--highlight",
            "critical-path,visibility,heat,waits",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(std::fs::metadata(&png).expect("written").len() > 1000);
    let (code, _, err) = cli_within(60, &["compare", fixture, fixture]);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn check_says_a_cut_off_file_ends_early_and_names_control_characters_with_their_place() {
    let (code, out, err) = cli_within(
        60,
        &[
            "check",
            "tests/fixtures/truncated-in-text.ron",
            "tests/fixtures/truncated-in-word.ron",
            "tests/fixtures/control-chars.ron",
            "tests/fixtures/dangling-flow.ron",
        ],
    );
    assert_eq!(code, 1, "{out}{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines,
        [
            "tests/fixtures/truncated-in-text.ron:7:60: unexpected end of file (hint: the file ends inside a text \
             value — was it cut off while copying or saving, or is a closing \" missing?)",
            "tests/fixtures/truncated-in-word.ron:7:47: unexpected end of file (hint: the file ends before the \
             blueprint is complete — was it cut off while copying or saving?)",
            "tests/fixtures/control-chars.ron:19:88: b: step description contains 64 control characters (U+0000)",
            // Broken references read as they always have: `check` does not repair.
            "tests/fixtures/dangling-flow.ron: f2: flow to step \"ghost\", which does not exist",
        ]
    );
}

/// Random multigraphs of up to a few hundred steps: parallel flows, two-way flows, cycles of
/// every length and disconnected parts.
fn multigraph() -> impl Strategy<Value = Blueprint> {
    (1usize..300, 0usize..4).prop_flat_map(|(n, chains)| {
        let flows = proptest::collection::vec((0..n, 0..n, any::<bool>()), 0..(n * 3).min(600));
        (Just(n), Just(chains), flows).prop_map(|(n, chains, flows)| {
            let mut b = blueprint_studio::generate::synthetic(n, 1 + n / 20);
            // Long cycles through everything, besides the random flows.
            for c in 0..chains {
                for i in 0..n {
                    let j = (i * (c + 1) + 1) % n;
                    if i != j {
                        b.flows.push(flow(&format!("chain{c}-{i}"), i, j, c % 2 == 1));
                    }
                }
            }
            for (k, (from, to, two_way)) in flows.into_iter().enumerate() {
                if from != to {
                    b.flows.push(flow(&format!("r{k}"), from, to, two_way));
                }
            }
            b
        })
    })
}

fn flow(id: &str, from: usize, to: usize, two_way: bool) -> blueprint_studio::model::Flow {
    use blueprint_studio::model::{Flow, FlowId, StepId};
    Flow {
        id: FlowId(id.to_owned()),
        from: StepId(format!("s{from}")),
        to: StepId(format!("s{to}")),
        two_way,
        label: String::new(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn analysis_of_any_multigraph_is_finite_and_visits_each_step_once(b in multigraph()) {
        prop_assert!(validate(&b).is_empty(), "{:?}", validate(&b));
        assert_sound(&b);
        let mut other = b.clone();
        other.flows.truncate(other.flows.len() / 2);
        let comparison = compare(&b, &other);
        prop_assert!(comparison.metrics.iter().all(|m| m.before.is_none_or(f64::is_finite) && m.after.is_none_or(f64::is_finite)));
    }

    #[test]
    fn analysis_of_any_valid_blueprint_is_finite(b in arbitrary_blueprint(40, 60, 80)) {
        prop_assert!(validate(&b).is_empty(), "{:?}", validate(&b));
        assert_sound(&b);
    }
}

proptest! {
    // Each case runs the program a dozen times: few cases, extreme ones.
    #![proptest_config(ProptestConfig { cases: 4, ..ProptestConfig::default() })]

    #[test]
    fn every_command_finishes_on_extreme_blueprints_with_a_documented_exit_code(
        b in arbitrary_blueprint(40, 120, 160),
        case in 0u32..1_000_000,
    ) {
        let dir = temp_dir(&format!("extreme-{case}"));
        let file = dir.join("b.ron");
        std::fs::write(&file, blueprint_studio::file::to_ron(&b).expect("serialises")).expect("written");
        let file = file.to_str().expect("utf-8 path").to_owned();
        let out = |name: &str| dir.join(name).to_str().expect("utf-8 path").to_owned();
        let runs: Vec<Vec<String>> = vec![
            vec!["check".into(), file.clone()],
            vec!["stats".into(), file.clone()],
            vec!["stats".into(), file.clone(), "--json".into()],
            vec!["export".into(), file.clone(), "-o".into(), out("a.png")],
            vec!["export".into(), file.clone(), "-o".into(), out("a.svg")],
            vec!["export".into(), file.clone(), "-o".into(), out("s.png"), "--slide".into(), "16:9".into()],
            vec!["export".into(), file.clone(), "-o".into(), out("h.png"), "--slide".into(), "4:3".into(),
                 "--highlight".into(), "critical-path,visibility,heat,waits".into()],
            vec!["export".into(), file.clone(), "-o".into(), out("h.svg"),
                 "--highlight".into(), "critical-path".into()],
            vec!["export".into(), file.clone(), "-o".into(), out("w.png"), "--highlight".into(), "waits".into(),
                 "--per-stage".into()],
            vec!["compare".into(), file.clone(), file.clone(), "--json".into()],
            vec!["compare".into(), file.clone(), file.clone(), "--slide".into(), out("c.png")],
        ];
        for args in runs {
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let (code, stdout, stderr) = cli_within(120, &args);
            // 0 = done; 1 = the input cannot be drawn (said on stderr); never a crash (101) or a signal (-1).
            prop_assert!(code == 0 || (code == 1 && !stderr.is_empty()), "{args:?} → {code}\n{stdout}\n{stderr}");
            prop_assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
}
