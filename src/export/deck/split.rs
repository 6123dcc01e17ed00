//! A stage too big for one slide, spread over several: which steps go on which part, and how
//! the parts are named on slides.

use crate::i18n::Lang;
use crate::model::{Blueprint, Index, Stage, StageId};
use std::collections::{HashMap, HashSet};

/// `blueprint` with each stage `j` spread over `parts[j]` consecutive stages, each holding an
/// even share of the stage's steps in the order its flows run, so few flows cross between the
/// parts; and, for each stage of the result, the stage it comes from. The first part keeps the
/// stage's id, so its markers stay with it.
pub(super) fn split_stages(blueprint: &Blueprint, parts: &[usize]) -> (Blueprint, Vec<usize>) {
    let index = blueprint.index();
    let mut spread = blueprint.clone();
    for (j, &count) in parts.iter().enumerate().filter(|(_, count)| **count > 1) {
        let order = flow_order(blueprint, &index, j);
        for (n, &i) in order.iter().enumerate() {
            spread.steps[i].stage = part_id(&blueprint.steps[i].stage, n * count / order.len());
        }
    }
    let used: HashSet<&StageId> = spread.steps.iter().map(|s| &s.stage).collect();
    let mut result = Vec::new();
    let mut origin = Vec::new();
    for (j, stage) in blueprint.stages.iter().enumerate() {
        let ids: Vec<StageId> = (0..parts[j])
            .map(|k| part_id(&stage.id, k))
            .filter(|id| parts[j] == 1 || used.contains(id))
            .collect();
        for id in ids {
            result.push(Stage {
                id,
                name: stage.name.clone(),
            });
            origin.push(j);
        }
    }
    spread.stages = result;
    (spread, origin)
}

/// The steps of stage `j` in the order its flows run: a step comes after the steps that flow to
/// it within the stage, and among steps free to come next, by order and then lane. A loop is
/// broken at its step that comes first that way.
fn flow_order(blueprint: &Blueprint, index: &Index<'_>, j: usize) -> Vec<usize> {
    let in_stage: Vec<usize> = (0..blueprint.steps.len())
        .filter(|&i| index.stage(&blueprint.steps[i].stage) == Some(j))
        .collect();
    let rank = |i: usize| (blueprint.steps[i].order, index.lane(&blueprint.steps[i].lane), i);
    let mut before: HashMap<usize, usize> = in_stage.iter().map(|&i| (i, 0)).collect();
    let mut next: HashMap<usize, Vec<usize>> = HashMap::new();
    for flow in &blueprint.flows {
        if let (Some(a), Some(b)) = (index.step(&flow.from), index.step(&flow.to))
            && a != b
            && before.contains_key(&a)
            && let Some(count) = before.get_mut(&b)
        {
            *count += 1;
            next.entry(a).or_default().push(b);
        }
    }
    let mut order = Vec::with_capacity(in_stage.len());
    let mut left: Vec<usize> = in_stage;
    while !left.is_empty() {
        let pick = left
            .iter()
            .copied()
            .filter(|i| before[i] == 0)
            .min_by_key(|&i| rank(i))
            .or_else(|| left.iter().copied().min_by_key(|&i| rank(i)));
        let Some(i) = pick else { break };
        left.retain(|&k| k != i);
        order.push(i);
        for &k in next.get(&i).into_iter().flatten() {
            if let Some(count) = before.get_mut(&k) {
                *count = count.saturating_sub(1);
            }
        }
    }
    order
}

/// "2/3" for the second of three parts of a stage split over slides; none for a whole stage.
pub(super) fn part_number(origin: &[usize], j: usize) -> Option<String> {
    part_of(origin, j).map(|(k, count)| format!("{k}/{count}"))
}

/// Which part stage `j` is of the stage it was split from, and of how many (1-based); none for
/// a whole stage.
pub(super) fn part_of(origin: &[usize], j: usize) -> Option<(usize, usize)> {
    let of = origin.get(j)?;
    let count = origin.iter().filter(|o| *o == of).count();
    let k = origin[..j].iter().filter(|o| *o == of).count() + 1;
    (count > 1).then_some((k, count))
}

/// A stage's name with a part's number: "Quote (2/3)", "报价（2/3）".
pub(super) fn part_name(name: &str, number: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("{name} ({number})"),
        Lang::Zh => format!("{name}（{number}）"),
    }
}

/// The name stage `j` goes by on slides: with its part's number when it is a part.
pub(super) fn stage_label(blueprint: &Blueprint, origin: &[usize], j: usize, lang: Lang) -> String {
    let name = &blueprint.stages[j].name;
    match part_number(origin, j) {
        Some(number) => part_name(name, &number, lang),
        None => name.clone(),
    }
}

/// The id of part `k` of a split stage: the stage's own for the first.
fn part_id(id: &StageId, k: usize) -> StageId {
    if k == 0 {
        id.clone()
    } else {
        StageId::from(format!("{}~part{}", id.as_str(), k + 1).as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Stage "one" holds five steps whose orders run against their flows: e → d → c, and a
    /// and b with no flow between them; stage "two" holds one step.
    fn blueprint() -> Blueprint {
        crate::file::parse(
            r#"(version: 2, blueprint: (
                title: "Split",
                lanes: [
                    (id: "customer", kind: Customer, name: "Customer"),
                    (id: "front", kind: Frontstage, name: "Frontstage"),
                ],
                stages: [(id: "one", name: "One"), (id: "two", name: "Two")],
                steps: [
                    (id: "a", lane: "front", stage: "one", order: 1, title: "A"),
                    (id: "b", lane: "customer", stage: "one", order: 1, title: "B"),
                    (id: "c", lane: "customer", stage: "one", order: 0, title: "C"),
                    (id: "d", lane: "front", stage: "one", order: 0, title: "D"),
                    (id: "e", lane: "customer", stage: "one", order: 2, title: "E"),
                    (id: "z", lane: "customer", stage: "two", title: "Z"),
                ],
                flows: [
                    (id: "f1", from: "e", to: "d"),
                    (id: "f2", from: "d", to: "c"),
                    (id: "f3", from: "c", to: "z"),
                ],
            ))"#,
        )
        .expect("parses")
    }

    fn titles(b: &Blueprint, steps: &[usize]) -> String {
        steps.iter().map(|&i| b.steps[i].title.as_str()).collect()
    }

    #[test]
    fn steps_are_taken_in_the_order_their_flows_run_then_by_order_and_lane() {
        let b = blueprint();
        // b (order 1, customer lane) before a (order 1, frontstage); e before the d and c it
        // leads to, though their orders are lower.
        assert_eq!(titles(&b, &flow_order(&b, &b.index(), 0)), "BAEDC");
        assert_eq!(titles(&b, &flow_order(&b, &b.index(), 1)), "Z");
    }

    #[test]
    fn a_loop_does_not_stall_the_order() {
        let mut b = blueprint();
        b.flows.push(crate::model::Flow {
            id: "back".into(),
            from: "c".into(),
            to: "e".into(),
            two_way: false,
            label: String::new(),
        });
        let order = flow_order(&b, &b.index(), 0);
        assert_eq!(order.len(), 5, "every step once");
        assert_eq!(titles(&b, &order), "BACED", "the loop is broken at C, lowest by order");
    }

    #[test]
    fn a_split_stage_keeps_its_id_and_name_on_the_first_part_and_evens_out_the_steps() {
        let b = blueprint();
        let (spread, origin) = split_stages(&b, &[2, 1]);
        let ids: Vec<&str> = spread.stages.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, ["one", "one~part2", "two"]);
        assert!(spread.stages.iter().take(2).all(|s| s.name == "One"));
        assert_eq!(origin, [0, 0, 1]);
        let stage_of = |id: &str| spread.step(&id.into()).map(|s| s.stage.as_str().to_owned());
        // B A E D C cut in two: the first three, then the other two.
        for (id, stage) in [
            ("b", "one"),
            ("a", "one"),
            ("e", "one"),
            ("d", "one~part2"),
            ("c", "one~part2"),
        ] {
            assert_eq!(stage_of(id).as_deref(), Some(stage), "{id}");
        }
        assert_eq!(stage_of("z").as_deref(), Some("two"));
        assert_eq!(part_number(&origin, 1).as_deref(), Some("2/2"));
        assert_eq!(part_number(&origin, 2), None);
        assert_eq!(stage_label(&spread, &origin, 0, Lang::En), "One (1/2)");
        assert_eq!(stage_label(&spread, &origin, 1, Lang::Zh), "One（2/2）");
        assert_eq!(stage_label(&spread, &origin, 2, Lang::En), "Two");
    }
}
