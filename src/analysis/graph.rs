//! The blueprint as a directed graph of steps (nodes) and flows (edges), on petgraph.

use crate::model::{Blueprint, LaneKind};
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::{DfsEvent, depth_first_search};
use std::collections::HashSet;

/// Steps and flows as a graph; node `i` is `blueprint.steps[i]`.
pub struct StepGraph {
    /// Edge weights: the index into `blueprint.flows`, and whether the edge is the way back of
    /// a two-way flow.
    pub graph: DiGraph<usize, (usize, bool)>,
}

impl StepGraph {
    /// Builds the graph. Flows whose steps are missing are left out (validation reports them).
    pub fn new(b: &Blueprint) -> StepGraph {
        let mut graph = DiGraph::with_capacity(b.steps.len(), b.flows.len() * 2);
        for i in 0..b.steps.len() {
            graph.add_node(i);
        }
        let positions = b.step_positions();
        for (f, flow) in b.flows.iter().enumerate() {
            let (Some(&from), Some(&to)) = (positions.get(&flow.from), positions.get(&flow.to)) else {
                continue;
            };
            graph.add_edge(NodeIndex::new(from), NodeIndex::new(to), (f, false));
            if flow.two_way {
                graph.add_edge(NodeIndex::new(to), NodeIndex::new(from), (f, true));
            }
        }
        StepGraph { graph }
    }

    /// Cycles of rework: strongly connected groups of two or more steps, in blueprint order. A
    /// two-way flow is an exchange, not rework, so only its main direction counts here.
    pub fn loops(&self) -> Vec<Vec<usize>> {
        let one_way = self
            .graph
            .filter_map(|_, &step| Some(step), |_, &(flow, back)| (!back).then_some(flow));
        let mut loops: Vec<Vec<usize>> = petgraph::algo::tarjan_scc(&one_way)
            .into_iter()
            .filter(|scc| scc.len() > 1)
            .map(|scc| {
                let mut steps: Vec<usize> = scc.into_iter().map(|n| one_way[n]).collect();
                steps.sort_unstable();
                steps
            })
            .collect();
        loops.sort();
        loops
    }

    /// The longest path from `start` to `end` weighted by each step's `weight`, over the graph
    /// without back edges. Returns the steps on it, or `None` when `end` cannot be reached.
    pub fn longest_path(&self, start: usize, end: usize, weight: impl Fn(usize) -> f64) -> Option<Vec<usize>> {
        let start = NodeIndex::new(start);
        // One depth-first walk from `start`: the edges that close a cycle (rework, set aside so
        // the rest is a DAG) and the reachable steps in finishing order.
        let mut back = HashSet::new();
        let mut order = Vec::new();
        depth_first_search(&self.graph, Some(start), |event| match event {
            DfsEvent::BackEdge(u, v) => {
                if let Some(edge) = self.graph.find_edge(u, v) {
                    back.insert(edge);
                }
            }
            DfsEvent::Finish(n, _) => order.push(n),
            _ => {}
        });
        // Reverse finishing order is a topological order of the graph without back edges.
        order.reverse();
        let n = self.graph.node_count();
        let mut best = vec![f64::NEG_INFINITY; n];
        let mut previous: Vec<Option<NodeIndex>> = vec![None; n];
        best[start.index()] = weight(start.index());
        for &u in &order {
            if best[u.index()] == f64::NEG_INFINITY {
                continue;
            }
            for edge in self.graph.edges(u) {
                use petgraph::visit::EdgeRef;
                if back.contains(&edge.id()) {
                    continue;
                }
                let v = edge.target();
                let candidate = best[u.index()] + weight(v.index());
                if candidate > best[v.index()] {
                    best[v.index()] = candidate;
                    previous[v.index()] = Some(u);
                }
            }
        }
        // Unreachable steps keep -inf.
        if best[end] == f64::NEG_INFINITY {
            return None;
        }
        let mut path = vec![end];
        let mut at = NodeIndex::new(end);
        while let Some(p) = previous[at.index()] {
            path.push(p.index());
            at = p;
        }
        path.reverse();
        Some(path)
    }
}

/// The first and last customer steps: earliest stage (then order), latest stage (then order).
pub fn customer_span(b: &Blueprint) -> Option<(usize, usize)> {
    let customer = b.lane_of_kind(LaneKind::Customer)?.id.clone();
    let stage_index: std::collections::HashMap<_, _> = b.stages.iter().enumerate().map(|(i, s)| (&s.id, i)).collect();
    let key = |i: usize| {
        (
            stage_index.get(&b.steps[i].stage).copied().unwrap_or(usize::MAX),
            b.steps[i].order,
            i,
        )
    };
    let customer_steps: Vec<usize> = (0..b.steps.len()).filter(|&i| b.steps[i].lane == customer).collect();
    let first = *customer_steps.iter().min_by_key(|&&i| key(i))?;
    let last = *customer_steps.iter().max_by_key(|&&i| key(i))?;
    Some((first, last))
}
