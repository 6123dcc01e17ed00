//! Analysis benchmark: the report the analysis panel recomputes after every edit, and the
//! highlights drawn from it, at growing sizes.
//!
//!     cargo bench --bench analysis

use blueprint_studio::analysis::{HighlightSpec, analyse, compare, highlights};
use blueprint_studio::generate;
use std::time::{Duration, Instant};

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn main() {
    // `cargo test --all-targets` runs bench binaries too; measuring belongs to `cargo bench`.
    if !std::env::args().any(|a| a == "--bench") {
        println!("benchmark: run it with `cargo bench --bench analysis`");
        return;
    }
    let spec = HighlightSpec {
        critical_path: true,
        visibility_handoffs: true,
        pain_heat: true,
        waits: true,
    };
    println!("| blueprint | report (median) | + highlights | compare with an edited copy |");
    println!("|---|---|---|---|");
    for (steps, stages) in [(24, 6), (1_000, 20), (5_000, 100), (20_000, 200)] {
        let b = generate::synthetic(steps, stages);
        let mut edited = b.clone();
        edited.steps.truncate(steps * 9 / 10);
        let kept: std::collections::HashSet<_> = edited.steps.iter().map(|s| s.id.clone()).collect();
        edited.flows.retain(|f| kept.contains(&f.to) && kept.contains(&f.from));
        let runs = if steps > 5_000 { 5 } else { 21 };
        let report_times: Vec<Duration> = (0..runs)
            .map(|_| {
                let start = Instant::now();
                std::hint::black_box(analyse(&b));
                start.elapsed()
            })
            .collect();
        let report = analyse(&b);
        let highlight_times: Vec<Duration> = (0..runs)
            .map(|_| {
                let start = Instant::now();
                std::hint::black_box(highlights(&b, &report, spec));
                start.elapsed()
            })
            .collect();
        let compare_times: Vec<Duration> = (0..runs.min(5))
            .map(|_| {
                let start = Instant::now();
                std::hint::black_box(compare(&b, &edited));
                start.elapsed()
            })
            .collect();
        let ms = |d: Duration| format!("{:.2} ms", d.as_secs_f64() * 1000.0);
        println!(
            "| {steps} steps | {} | {} | {} |",
            ms(median(report_times)),
            ms(median(highlight_times)),
            ms(median(compare_times))
        );
    }
}
