//! Synthetic blueprints of any size, for benchmarks and stress tests.

use crate::i18n::Lang;
use crate::model::{
    Blueprint, Flow, FlowId, LaneId, Marker, MarkerId, MarkerKind, MarkerTarget, Stage, StageId, Step, StepId, template,
};

const WORDS: [&str; 16] = [
    "checks", "order", "customer", "confirms", "payment", "staff", "records", "system", "sends", "receipt", "waits",
    "for", "approval", "updates", "queue", "status",
];

/// A valid blueprint with `steps` steps spread over `stages` stages and the five standard lanes,
/// a chain of flows through each stage crossing the lines, and a marker on every seventh step.
pub fn synthetic(steps: usize, stages: usize) -> Blueprint {
    let mut b = template(Lang::En);
    b.title = format!("Synthetic service, {steps} steps");
    b.stages = (0..stages.max(1))
        .map(|j| Stage {
            id: StageId(format!("st{j}")),
            name: format!("Stage {}", j + 1),
        })
        .collect();
    let lanes: Vec<LaneId> = b.lanes.iter().map(|l| l.id.clone()).collect();
    let stages = b.stages.len();
    // Lanes take turns, so every stage has every lane and cells stack a few cards deep.
    let per_stage = steps.div_ceil(stages);
    for i in 0..steps {
        let stage = i / per_stage.max(1);
        let k = i % per_stage.max(1);
        let lane = k % lanes.len();
        let words = 3 + (i * 7) % 6;
        let title: Vec<&str> = (0..words).map(|w| WORDS[(i * 3 + w * 5) % WORDS.len()]).collect();
        let mut step = Step::new(
            StepId(format!("s{i}")),
            lanes[lane].clone(),
            b.stages[stage.min(stages - 1)].id.clone(),
            title.join(" "),
        );
        step.order = (k / lanes.len()) as u32;
        step.duration_min = Some(1.0 + (i % 9) as f64);
        step.wait_min = (i % 4 == 0).then_some((i % 13) as f64);
        b.steps.push(step);
    }
    // Chain each stage's steps customer → frontstage → backstage → support and on to the next stage.
    for i in 1..steps {
        if i % per_stage.max(1) == 0 && i % 3 != 0 {
            continue;
        }
        b.flows.push(Flow {
            id: FlowId(format!("f{i}")),
            from: StepId(format!("s{}", i - 1)),
            to: StepId(format!("s{i}")),
            two_way: i % 11 == 0,
            label: if i % 5 == 0 {
                "hand-off".to_owned()
            } else {
                String::new()
            },
        });
    }
    for (m, i) in (0..steps).step_by(7).enumerate() {
        b.markers.push(Marker {
            id: MarkerId(format!("m{m}")),
            kind: MarkerKind::ALL[m % MarkerKind::ALL.len()],
            target: MarkerTarget::Step(StepId(format!("s{i}"))),
            severity: Some((1 + m % 5) as u8),
            note: "Synthetic marker".to_owned(),
        });
    }
    b
}

#[cfg(test)]
mod tests {
    #[test]
    fn synthetic_blueprints_are_valid_at_every_size() {
        for (steps, stages) in [(0, 1), (1, 1), (12, 4), (1000, 40), (5000, 100)] {
            let b = super::synthetic(steps, stages);
            assert_eq!(b.steps.len(), steps);
            assert!(
                crate::model::validate(&b).is_empty(),
                "{steps} steps: {:?}",
                crate::model::validate(&b)
            );
        }
    }
}
