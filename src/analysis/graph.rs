//! The blueprint as a directed graph of steps (nodes) and flows (edges), on petgraph.

use crate::model::{Blueprint, LaneKind};
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::DfsPostOrder;

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
        let positions = b.index();
        for (f, flow) in b.flows.iter().enumerate() {
            let (Some(from), Some(to)) = (positions.step(&flow.from), positions.step(&flow.to)) else {
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
    /// without the flows that close a cycle. Returns the steps on it, each at most once, or
    /// `None` when `end` cannot be reached.
    ///
    /// Linear in steps + flows, and iterative, so neither parallel flows, two-way flows, cycles
    /// nor long chains can make it loop or overflow the stack.
    pub fn longest_path(&self, start: usize, end: usize, weight: impl Fn(usize) -> f64) -> Option<Vec<usize>> {
        let n = self.graph.node_count();
        if start >= n || end >= n {
            return None;
        }
        // Reverse post-order of a depth-first walk from `start` is a topological order once the
        // edges that point back in it (rework) are set aside. Deciding by rank rather than by
        // edge keeps every parallel copy of a back edge out, which a lookup by its ends does not.
        let mut walk = DfsPostOrder::new(&self.graph, NodeIndex::new(start));
        let mut order = Vec::new();
        while let Some(node) = walk.next(&self.graph) {
            order.push(node);
        }
        order.reverse();
        let mut rank = vec![usize::MAX; n];
        for (r, node) in order.iter().enumerate() {
            rank[node.index()] = r;
        }
        let mut best = vec![f64::NEG_INFINITY; n];
        let mut previous: Vec<Option<usize>> = vec![None; n];
        best[start] = weight(start);
        for &u in &order {
            let (u, from_rank) = (u.index(), rank[u.index()]);
            if best[u] == f64::NEG_INFINITY {
                continue;
            }
            for v in self.graph.neighbors(NodeIndex::new(u)) {
                let v = v.index();
                if rank[v] <= from_rank {
                    continue;
                }
                let candidate = best[u] + weight(v);
                if candidate > best[v] {
                    best[v] = candidate;
                    previous[v] = Some(u);
                }
            }
        }
        if best[end] == f64::NEG_INFINITY {
            return None;
        }
        // Every `previous` link points to a lower rank, so this walk ends within `n` steps.
        let mut path = vec![end];
        let mut at = end;
        while let Some(p) = previous[at] {
            path.push(p);
            at = p;
        }
        path.reverse();
        Some(path)
    }
}

/// The first and last customer steps: earliest stage (then order), latest stage (then order).
pub fn customer_span(b: &Blueprint) -> Option<(usize, usize)> {
    let customer = b.lane_of_kind(LaneKind::Customer)?.id.clone();
    let stage_index: foldhash::HashMap<_, _> = b.stages.iter().enumerate().map(|(i, s)| (&s.id, i)).collect();
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
