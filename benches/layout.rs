//! Layout benchmark: where every card, channel, route and label sits — the routing included —
//! at growing sizes, and the scene built from it.
//!
//!     cargo bench --bench layout

use blueprint_studio::layout::{LayoutOptions, layout};
use blueprint_studio::scene::{Highlights, build};
use blueprint_studio::{generate, style::Style};
use std::time::{Duration, Instant};

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn main() {
    // `cargo test --all-targets` runs bench binaries too; measuring belongs to `cargo bench`.
    if !std::env::args().any(|a| a == "--bench") {
        println!("benchmark: run it with `cargo bench --bench layout`");
        return;
    }
    let style = Style::default();
    println!("| blueprint | flows | layout + routing (median) | + scene |");
    println!("|---|---|---|---|");
    for (steps, stages) in [(1_000, 20), (5_000, 100), (20_000, 200)] {
        let b = generate::synthetic(steps, stages);
        let runs = if steps > 5_000 { 5 } else { 15 };
        let layout_times: Vec<Duration> = (0..runs)
            .map(|_| {
                let start = Instant::now();
                std::hint::black_box(layout(&b, &style, LayoutOptions::default()));
                start.elapsed()
            })
            .collect();
        let l = layout(&b, &style, LayoutOptions::default());
        let scene_times: Vec<Duration> = (0..runs)
            .map(|_| {
                let start = Instant::now();
                std::hint::black_box(build(&b, &l, &style, &Highlights::default()));
                start.elapsed()
            })
            .collect();
        let ms = |d: Duration| format!("{:.1} ms", d.as_secs_f64() * 1000.0);
        println!(
            "| {steps} steps, {stages} stages | {} | {} | {} |",
            b.flows.len(),
            ms(median(layout_times)),
            ms(median(scene_times))
        );
    }
}
