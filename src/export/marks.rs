//! Analysis highlights worked out once on the whole blueprint and carried by id to what a slide
//! draws of it (some stages, a deck's slide with its stub cards): an analysis of the part alone
//! finds another critical path (or none, with a lead time of 0 min) and scales the heat to the
//! part's own worst stage, so slides contradicted the overview and `stats`.

use crate::analysis::{HighlightSpec, analyse, highlights, waiting_steps};
use crate::model::{Blueprint, FlowId, StageId, StepId};
use crate::scene::{CriticalPath, Highlights};
use std::collections::{HashMap, HashSet};

/// The whole blueprint's highlights, by the ids of what they mark.
#[derive(Debug, Default)]
pub(crate) struct Marks {
    /// The critical path's steps and flows and its lead time.
    critical: Option<(HashSet<StepId>, HashSet<FlowId>, Option<f64>)>,
    /// Flows across the line of visibility.
    handoffs: Option<HashSet<FlowId>>,
    /// Whether waits are marked (each step's own wait, wherever it is drawn).
    waits: bool,
    /// Pain-point heat of each stage, against the worst stage of the whole blueprint.
    heat: Option<HashMap<StageId, f32>>,
}

impl Marks {
    /// The highlights `spec` asks for of the whole of `blueprint`.
    pub(crate) fn of(blueprint: &Blueprint, spec: HighlightSpec) -> Marks {
        if !spec.any() {
            return Marks::default();
        }
        let whole = highlights(blueprint, &analyse(blueprint), spec);
        let step_ids =
            |steps: &std::collections::BTreeSet<usize>| steps.iter().map(|&i| blueprint.steps[i].id.clone()).collect();
        let flow_ids =
            |flows: &std::collections::BTreeSet<usize>| flows.iter().map(|&f| blueprint.flows[f].id.clone()).collect();
        Marks {
            critical: whole
                .critical_path
                .map(|path| (step_ids(&path.steps), flow_ids(&path.flows), path.minutes)),
            handoffs: whole.handoffs.map(|flows| flow_ids(&flows)),
            waits: whole.waits.is_some(),
            heat: whole
                .stage_heat
                .map(|heat| blueprint.stages.iter().map(|s| s.id.clone()).zip(heat).collect()),
        }
    }

    /// The highlights of `part`, drawn from the whole blueprint: its steps and flows
    /// keep their ids (a flow to a stub card keeps the id of the flow it stands for, so a
    /// critical path leaving the slide is drawn to the stub), and a stage column's id is its
    /// stage's, or that with `~…` suffixes for the parts and columns a stage is spread over.
    pub(crate) fn on(&self, part: &Blueprint) -> Highlights {
        let critical_path = self.critical.as_ref().map(|(steps, flows, minutes)| CriticalPath {
            steps: (0..part.steps.len())
                .filter(|&i| steps.contains(&part.steps[i].id))
                .collect(),
            flows: (0..part.flows.len())
                .filter(|&f| flows.contains(&part.flows[f].id))
                .collect(),
            minutes: *minutes,
        });
        let handoffs = self.handoffs.as_ref().map(|flows| {
            (0..part.flows.len())
                .filter(|&f| flows.contains(&part.flows[f].id))
                .collect()
        });
        let waits = self.waits.then(|| waiting_steps(part));
        let stage_heat = self.heat.as_ref().map(|heat| {
            part.stages
                .iter()
                .map(|stage| {
                    let mut id = stage.id.as_str();
                    loop {
                        if let Some(&h) = heat.get(&StageId::from(id)) {
                            break h;
                        }
                        match id.rsplit_once('~') {
                            Some((stem, _)) => id = stem,
                            // The stub columns before and after the slide's stages.
                            None => break 0.0,
                        }
                    }
                })
                .collect()
        });
        Highlights {
            critical_path,
            handoffs,
            waits,
            stage_heat,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Stage;

    #[test]
    fn the_whole_blueprint_gets_its_own_highlights_and_a_column_the_heat_of_its_stage() {
        let whole = crate::file::load(std::path::Path::new("samples/en/bank-loan.ron")).expect("sample");
        let spec = HighlightSpec {
            critical_path: true,
            visibility_handoffs: true,
            pain_heat: true,
            waits: true,
        };
        let marks = Marks::of(&whole, spec);
        let expected = highlights(&whole, &analyse(&whole), spec);
        assert_eq!(marks.on(&whole), expected);
        let heat = expected.stage_heat.expect("heat");
        let hottest = (0..heat.len())
            .max_by(|&a, &b| heat[a].total_cmp(&heat[b]))
            .expect("stages");
        assert!(heat[hottest] > 0.0);
        // A slide's columns: the stub columns, then the stage's second part packed into two.
        let id = whole.stages[hottest].id.as_str();
        let mut part = whole.clone();
        part.stages = ["~before", &format!("{id}~part2"), &format!("{id}~part2~2"), "~after"]
            .map(|s| Stage {
                id: StageId::from(s),
                name: String::new(),
            })
            .to_vec();
        let h = heat[hottest];
        assert_eq!(marks.on(&part).stage_heat, Some(vec![0.0, h, h, 0.0]));
    }
}
