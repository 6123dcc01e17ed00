//! Helpers shared by the integration tests.

use std::path::PathBuf;
use std::process::Command;

/// Runs the program with `args`; returns its exit status, stdout and stderr.
#[allow(dead_code)] // not every test file runs the program
pub fn cli(args: &[&str]) -> (i32, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_blueprint-studio"))
        .args(args)
        .output()
        .expect("runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// Runs the program like [`cli`], but fails the test if it has not finished within `seconds`:
/// a hang shows as a failure with the arguments, not as a test run that never ends.
#[allow(dead_code)] // not every test file runs the program
pub fn cli_within(seconds: u64, args: &[&str]) -> (i32, String, String) {
    use std::io::Read;
    let mut child = Command::new(env!("CARGO_BIN_EXE_blueprint-studio"))
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("runs");
    // Read the pipes on threads, so a chatty child cannot block on a full pipe.
    let mut stdout = child.stdout.take().expect("piped");
    let mut stderr = child.stderr.take().expect("piped");
    let out = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = stdout.read_to_string(&mut s);
        s
    });
    let err = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = stderr.read_to_string(&mut s);
        s
    });
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(seconds);
    let status = loop {
        if let Some(status) = child.try_wait().expect("waits") {
            break status;
        }
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "`blueprint-studio {}` did not finish within {seconds} s",
                args.join(" ")
            );
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    (
        status.code().unwrap_or(-1),
        out.join().unwrap_or_default(),
        err.join().unwrap_or_default(),
    )
}

/// A fresh, empty folder for one test.
#[allow(dead_code)] // not every test file needs one
pub fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("bp-test-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// Random valid blueprints: custom lanes anywhere, 1–`max_stages` stages, crowded cells, long
/// Chinese and emoji titles, zero and huge minutes, and flows in every direction — repeated,
/// two-way and circular ones included, as the format allows.
#[allow(dead_code)] // not every test file needs one
pub fn arbitrary_blueprint(
    max_stages: usize,
    max_steps: usize,
    max_flows: usize,
) -> impl proptest::strategy::Strategy<Value = blueprint_studio::model::Blueprint> {
    use blueprint_studio::model::{
        Flow, FlowId, Lane, LaneId, LaneKind, Marker, MarkerId, MarkerKind, MarkerTarget, Stage, StageId, Step, StepId,
    };
    use proptest::prelude::*;
    const TITLES: [&str; 8] = [
        "Checks",
        "Customer confirms the order and waits for the receipt to print",
        "顾客在柜台前排队等候点单，高峰期排队超过十分钟（现状）",
        "🙂 Smiles",
        "",
        "审核",
        "A-very-long-unbreakable-reference-number-0123456789",
        "Staff\nrecords",
    ];
    const MINUTES: [Option<f64>; 6] = [None, Some(0.0), Some(1.0), Some(45.5), Some(1e6), Some(1e9)];
    let custom = proptest::collection::vec(0usize..6, 0..3);
    let stages = 1..=max_stages.max(1);
    (custom, stages).prop_flat_map(move |(custom, stages)| {
        let lanes = 5 + custom.len();
        let step = (
            0..lanes,
            0..stages,
            0u32..4,
            0..TITLES.len(),
            0..MINUTES.len(),
            0..MINUTES.len(),
        );
        let steps = proptest::collection::vec(step, 1..=max_steps.max(1));
        (Just(custom), Just(stages), steps).prop_flat_map(move |(custom, stages, steps)| {
            let n = steps.len();
            let flow = (0..n, 0..n, any::<bool>(), any::<bool>());
            let flows = proptest::collection::vec(flow, 0..=max_flows);
            let markers = proptest::collection::vec((0..n, 0..5usize, 1u8..=5), 0..8);
            (Just(custom.clone()), Just(stages), Just(steps), flows, markers).prop_map(
                |(custom, stages, steps, flows, markers)| {
                    let mut b = blueprint_studio::model::template(blueprint_studio::i18n::Lang::En);
                    b.title = "Random blueprint（随机）".to_owned();
                    for (k, &at) in custom.iter().enumerate() {
                        let lane = Lane {
                            id: LaneId(format!("custom{k}")),
                            kind: LaneKind::Custom,
                            name: format!("Custom lane {k} 自定义"),
                        };
                        b.lanes.insert(at.min(b.lanes.len()), lane);
                    }
                    b.stages = (0..stages)
                        .map(|j| Stage {
                            id: StageId(format!("st{j}")),
                            name: format!("Stage {j} 阶段"),
                        })
                        .collect();
                    for (i, &(lane, stage, order, title, duration, wait)) in steps.iter().enumerate() {
                        let mut s = Step::new(
                            StepId(format!("s{i}")),
                            b.lanes[lane].id.clone(),
                            b.stages[stage].id.clone(),
                            TITLES[title],
                        );
                        s.order = order;
                        s.duration_min = MINUTES[duration];
                        s.wait_min = MINUTES[wait];
                        b.steps.push(s);
                    }
                    for (f, &(from, to, two_way, labelled)) in flows.iter().enumerate() {
                        if from == to {
                            continue;
                        }
                        b.flows.push(Flow {
                            id: FlowId(format!("f{f}")),
                            from: StepId(format!("s{from}")),
                            to: StepId(format!("s{to}")),
                            two_way,
                            label: if labelled {
                                "hands over 交接".to_owned()
                            } else {
                                String::new()
                            },
                        });
                    }
                    for (m, &(step, kind, severity)) in markers.iter().enumerate() {
                        b.markers.push(Marker {
                            id: MarkerId(format!("m{m}")),
                            kind: MarkerKind::ALL[kind],
                            target: MarkerTarget::Step(StepId(format!("s{step}"))),
                            severity: Some(severity),
                            note: "note".to_owned(),
                        });
                    }
                    b
                },
            )
        })
    })
}
