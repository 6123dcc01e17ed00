//! Copy and paste of steps as RON text, so cards move between windows (and into a text editor).

use super::Edit;
use crate::model::{
    Blueprint, Flow, FlowId, FreshIds, LaneId, LaneKind, Marker, MarkerId, MarkerTarget, StageId, Step, StepId,
};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

/// First line of copied steps, so a paste knows the text is ours.
const HEADER: &str = "// Blueprint Studio steps";

/// Steps with the flows between them and their markers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Fragment {
    /// Lane kind of each step, to place it in another blueprint whose lane ids differ.
    pub lane_kinds: Vec<LaneKind>,
    /// The steps.
    pub steps: Vec<Step>,
    /// Flows with both ends among the steps.
    pub flows: Vec<Flow>,
    /// Markers on the steps.
    pub markers: Vec<Marker>,
    /// How many stages right of the fragment's first stage each step was, so cards copied from
    /// side by side stages are pasted side by side (none in text copied before this was kept).
    #[serde(default)]
    pub stage_offsets: Vec<usize>,
}

impl Fragment {
    /// The selected steps of `b` with what hangs on them.
    pub fn copy<'a>(b: &Blueprint, ids: impl IntoIterator<Item = &'a StepId>) -> Fragment {
        let set: HashSet<&StepId> = ids.into_iter().collect();
        let steps: Vec<Step> = b.steps.iter().filter(|s| set.contains(&s.id)).cloned().collect();
        let lane_kinds = steps
            .iter()
            .map(|s| b.lane(&s.lane).map_or(LaneKind::Custom, |l| l.kind))
            .collect();
        let index = b.index();
        let stages: Vec<Option<usize>> = steps.iter().map(|s| index.stage(&s.stage)).collect();
        let first = stages.iter().flatten().min().copied().unwrap_or_default();
        Fragment {
            lane_kinds,
            stage_offsets: stages.iter().map(|j| j.map_or(0, |j| j - first)).collect(),
            flows: b
                .flows
                .iter()
                .filter(|f| set.contains(&f.from) && set.contains(&f.to))
                .cloned()
                .collect(),
            markers: b
                .markers
                .iter()
                .filter(|m| matches!(&m.target, MarkerTarget::Step(s) if set.contains(s)))
                .cloned()
                .collect(),
            steps,
        }
    }

    /// RON text for the clipboard.
    pub fn to_text(&self) -> String {
        let body = ron::ser::to_string_pretty(self, ron::ser::PrettyConfig::new().indentor("  ")).unwrap_or_default();
        format!("{HEADER}\n{body}\n")
    }

    /// Reads clipboard text; `None` if it is not copied steps.
    pub fn from_text(text: &str) -> Option<Fragment> {
        let body = text.trim_start().strip_prefix(HEADER)?;
        ron::from_str(body).ok()
    }

    /// The edit that adds copies of the fragment to `b` with fresh ids. Into `cell` when given:
    /// its stage for the fragment's first stage and the stages after it for the others (the
    /// last stage for those that would fall off the end), and its lane when the copied steps
    /// came from one lane (steps from several lanes keep theirs, so their rows stay as they were). Otherwise each step's own stage if
    /// it exists (else the first); the same lane id or the lane of the same kind. Returns the
    /// edit and the new step ids.
    pub fn paste_into(&self, b: &Blueprint, cell: Option<(&LaneId, &StageId)>) -> (Edit, Vec<StepId>) {
        let one_lane = self.steps.windows(2).all(|w| w[0].lane == w[1].lane);
        let into_lane = cell.filter(|_| one_lane).map(|(lane, _)| lane.clone());
        let stage_at = cell.and_then(|(_, stage)| b.stage_index(stage));
        let stage = |k: usize| {
            let offset = self.stage_offsets.get(k).copied().unwrap_or_default();
            stage_at.map(|j| b.stages[(j + offset).min(b.stages.len() - 1)].id.clone())
        };
        let mut step_ids = FreshIds::new("s", b.steps.iter().map(|s| s.id.as_str()));
        let mut flow_ids = FreshIds::new("f", b.flows.iter().map(|f| f.id.as_str()));
        let mut marker_ids = FreshIds::new("m", b.markers.iter().map(|m| m.id.as_str()));
        let mut new_ids = HashMap::new();
        let mut edits = Vec::new();
        let fallback_stage = b.stages.first().map(|s| s.id.clone());
        let mut cell_sizes: HashMap<(LaneId, StageId), u32> = HashMap::new();
        for step in &b.steps {
            *cell_sizes.entry((step.lane.clone(), step.stage.clone())).or_insert(0) += 1;
        }
        for (k, (step, kind)) in self.steps.iter().zip(&self.lane_kinds).enumerate() {
            let lane = if into_lane.is_some() {
                into_lane.clone()
            } else if b.lane(&step.lane).is_some() {
                Some(step.lane.clone())
            } else {
                b.lane_of_kind(*kind).map(|l| l.id.clone())
            };
            let stage = stage(k)
                .or_else(|| b.stage(&step.stage).map(|s| s.id.clone()))
                .or(fallback_stage.clone());
            let (Some(lane), Some(stage)) = (lane, stage) else {
                continue;
            };
            let id = StepId(step_ids.next_id());
            // Pasted cards go below what their cell holds.
            let next = cell_sizes.entry((lane.clone(), stage.clone())).or_insert(0);
            let order = *next;
            *next += 1;
            let copy = Step {
                id: id.clone(),
                lane,
                stage,
                order,
                ..step.clone()
            };
            new_ids.insert(step.id.clone(), id);
            edits.push(Edit::InsertStep(usize::MAX, copy));
        }
        for flow in &self.flows {
            if let (Some(from), Some(to)) = (new_ids.get(&flow.from), new_ids.get(&flow.to)) {
                let id = FlowId(flow_ids.next_id());
                edits.push(Edit::InsertFlow(
                    usize::MAX,
                    Flow {
                        id,
                        from: from.clone(),
                        to: to.clone(),
                        ..flow.clone()
                    },
                ));
            }
        }
        for marker in &self.markers {
            if let MarkerTarget::Step(step) = &marker.target
                && let Some(new) = new_ids.get(step)
            {
                let id = MarkerId(marker_ids.next_id());
                edits.push(Edit::InsertMarker(
                    usize::MAX,
                    Marker {
                        id,
                        target: MarkerTarget::Step(new.clone()),
                        ..marker.clone()
                    },
                ));
            }
        }
        let ids = self.steps.iter().filter_map(|s| new_ids.get(&s.id).cloned()).collect();
        (Edit::Batch(edits), ids)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copied_steps_paste_into_another_blueprint_by_lane_kind_with_fresh_ids() {
        let source = crate::file::open(std::path::Path::new("samples/en/coffee-shop.ron")).expect("sample");
        let ids: Vec<StepId> = source.steps.iter().take(4).map(|s| s.id.clone()).collect();
        let text = Fragment::copy(&source, &ids).to_text();
        let fragment = Fragment::from_text(&text).expect("our own text reads back");
        let mut target = crate::model::template(crate::i18n::Lang::Zh);
        let (edit, new) = fragment.paste_into(&target, None);
        edit.apply(&mut target).expect("pastes");
        assert_eq!(new.len(), 4);
        assert!(
            crate::model::validate(&target).is_empty(),
            "{:?}",
            crate::model::validate(&target)
        );
        for (old, new) in ids.iter().zip(&new) {
            let (a, b) = (source.step(old).expect("old"), target.step(new).expect("new"));
            assert_eq!(a.title, b.title);
            assert_eq!(
                source.lane(&a.lane).map(|l| l.kind),
                target.lane(&b.lane).map(|l| l.kind)
            );
        }
        assert_eq!(Fragment::from_text("just some text"), None);
    }

    #[test]
    fn cards_copied_from_side_by_side_stages_paste_side_by_side_from_the_cell_chosen() {
        let b = crate::file::open(std::path::Path::new("samples/en/coffee-shop.ron")).expect("sample");
        let stage_of = |b: &Blueprint, id: &StepId| b.stage_index(&b.step(id).expect("step").stage).expect("stage");
        // One step in each of the first two stages that hold a customer step.
        let mut picked: Vec<StepId> = Vec::new();
        for step in b.steps.iter().filter(|s| s.lane.as_str() == "customer") {
            if picked.iter().all(|p| stage_of(&b, p) != stage_of(&b, &step.id)) && picked.len() < 2 {
                picked.push(step.id.clone());
            }
        }
        picked.sort_by_key(|id| stage_of(&b, id));
        let gap = stage_of(&b, &picked[1]) - stage_of(&b, &picked[0]);
        assert!(gap >= 1);
        let text = Fragment::copy(&b, &picked).to_text();
        let fragment = Fragment::from_text(&text).expect("reads back");
        let (lane, last) = (b.lanes[3].id.clone(), b.stages.len() - 1);
        for target in [1, last] {
            let mut pasted = b.clone();
            let (edit, new) = fragment.paste_into(&b, Some((&lane, &b.stages[target].id)));
            edit.apply(&mut pasted).expect("pastes");
            let stages: Vec<usize> = new.iter().map(|id| stage_of(&pasted, id)).collect();
            assert_eq!(stages, [target, (target + gap).min(last)], "pasted at stage {target}");
            assert!(
                new.iter().all(|id| pasted.step(id).expect("new").lane == lane),
                "from one lane: into the cell's"
            );
        }
        // Text copied before the offsets were kept pastes all into the cell chosen, as it did.
        let start = text.find("  stage_offsets").expect("written");
        let end = start + text[start..].find("],").expect("a list") + 2;
        let old = Fragment::from_text(&format!("{}{}", &text[..start], &text[end..])).expect("older text reads");
        assert_eq!(old.stage_offsets, [] as [usize; 0]);
        let (_, new) = old.paste_into(&b, Some((&lane, &b.stages[1].id)));
        assert_eq!(new.len(), 2);
    }
}
