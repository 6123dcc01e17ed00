//! Canvas frame benchmark: one frame of the real canvas (cull, level of detail, overlays) in a
//! headless egui context at 1920×1080, plus egui's tessellation. The layout and scene are built
//! once per revision, as in the editor; their cost is reported on its own (what an edit costs).
//!
//!     cargo bench --bench frame

use blueprint_studio::analysis::HighlightSpec;
use blueprint_studio::app::analysis_panel::{AnalysisView, Refresh};
use blueprint_studio::app::canvas::{CanvasInput, canvas_ui};
use blueprint_studio::app::document::Document;
use blueprint_studio::app::paint::PaintCache;
use blueprint_studio::app::state::{EditorState, Selection};
use blueprint_studio::edit::{self, Edit, Merge};
use blueprint_studio::model::{Blueprint, Flow, FlowId};
use blueprint_studio::scene::Highlights;
use blueprint_studio::style::Style;
use blueprint_studio::{app, file, generate, i18n::Lang};
use egui::{
    Event, Modifiers, MouseWheelSource, MouseWheelUnit, PointerButton, Pos2, RawInput, Rect, TouchPhase, pos2, vec2,
};
use std::time::{Duration, Instant};

const FRAMES: usize = 120;
const SCREEN: Rect = Rect {
    min: Pos2::ZERO,
    max: Pos2 { x: 1920.0, y: 1080.0 },
};

#[derive(Clone, Copy, PartialEq)]
enum Motion {
    Still,
    /// Still, with every step selected: per-frame work must not grow with the selection.
    AllSelected,
    Panning,
    Dragging,
}

struct Stats {
    median: Duration,
    p95: Duration,
}

fn stats(mut times: Vec<Duration>) -> Stats {
    times.sort();
    Stats {
        median: times[times.len() / 2],
        p95: times[times.len() * 95 / 100],
    }
}

fn ms(d: Duration) -> String {
    format!("{:.2}", d.as_secs_f64() * 1000.0)
}

/// Runs one canvas frame with `events`; returns its wall time including tessellation.
fn frame(
    ctx: &egui::Context,
    doc: &Document,
    state: &mut EditorState,
    cache: &mut PaintCache,
    style: &Style,
    time: f64,
    events: Vec<Event>,
) -> Duration {
    let input = RawInput {
        screen_rect: Some(SCREEN),
        time: Some(time),
        events,
        ..RawInput::default()
    };
    let start = Instant::now();
    let (blueprint, drawing) = doc.parts();
    let canvas = CanvasInput {
        blueprint,
        drawing,
        edited: doc.blueprint(),
        style,
        lang: Lang::En,
    };
    let mut out = Vec::new();
    let mut output = ctx.run_ui(input, |ui| {
        egui::CentralPanel::default().frame(egui::Frame::NONE).show(ui, |ui| {
            canvas_ui(ui, &canvas, state, cache, &mut out);
        });
    });
    let primitives = ctx.tessellate(std::mem::take(&mut output.shapes), output.pixels_per_point);
    let elapsed = start.elapsed();
    std::hint::black_box(primitives);
    output.textures_delta.clear();
    elapsed
}

fn measure(ctx: &egui::Context, doc: &Document, style: &Style, fit: bool, motion: Motion, time: &mut f64) -> Stats {
    let layout = &doc.parts().1.layout;
    let mut state = EditorState::default();
    if motion == Motion::AllSelected {
        state.selection = Selection::of_steps(doc.blueprint().steps.iter().map(|s| s.id.clone()));
    }
    let mut cache = PaintCache::default();
    if fit {
        state.viewport.fit(layout.bounds, SCREEN.size());
    } else {
        // Working zoom, looking at the middle of the blueprint.
        state.viewport.zoom = 1.0;
        let center = layout.bounds.center();
        state.viewport.pan = vec2(960.0 - center.x, 540.0 - center.y);
    }
    // Settle layout and warm egui's caches, as a running editor would be.
    for _ in 0..10 {
        *time += 1.0 / 60.0;
        frame(ctx, doc, &mut state, &mut cache, style, *time, Vec::new());
    }
    // A card on screen to drag.
    let grab = layout
        .cards
        .iter()
        .map(|c| {
            state.canvas_rect.min
                + state.viewport.pan
                + vec2(c.rect.center().x, c.rect.center().y) * state.viewport.zoom
        })
        .find(|p| SCREEN.shrink(200.0).contains(*p))
        .unwrap_or(pos2(960.0, 540.0));
    if motion == Motion::Dragging {
        *time += 1.0 / 60.0;
        frame(
            ctx,
            doc,
            &mut state,
            &mut cache,
            style,
            *time,
            vec![
                Event::PointerMoved(grab),
                Event::PointerButton {
                    pos: grab,
                    button: PointerButton::Primary,
                    pressed: true,
                    modifiers: Modifiers::NONE,
                },
            ],
        );
    }
    let mut times = Vec::with_capacity(FRAMES);
    for i in 0..FRAMES {
        *time += 1.0 / 60.0;
        let wobble = vec2((i as f32 * 0.3).sin() * 150.0, (i as f32 * 0.2).cos() * 80.0);
        let events = match motion {
            Motion::Still | Motion::AllSelected => Vec::new(),
            Motion::Panning => vec![
                Event::PointerMoved(pos2(900.0, 500.0)),
                Event::MouseWheel {
                    unit: MouseWheelUnit::Point,
                    delta: vec2(-6.0, -4.0),
                    phase: TouchPhase::Move,
                    source: MouseWheelSource::Unknown,
                    modifiers: Modifiers::NONE,
                },
            ],
            Motion::Dragging => vec![Event::PointerMoved(grab + vec2(20.0, 20.0) + wobble)],
        };
        times.push(frame(ctx, doc, &mut state, &mut cache, style, *time, events));
    }
    stats(times)
}

/// One kind of edit, as the editor makes it.
#[derive(Clone, Copy)]
enum EditKind {
    /// A character typed at the end of a step's title.
    Type,
    /// A card moved to the next stage.
    Move,
    /// A flow added between two steps.
    Connect,
}

fn edit_of(kind: EditKind, b: &Blueprint, round: usize) -> Edit {
    let step = &b.steps[(round * 37 + b.steps.len() / 2) % b.steps.len()];
    match kind {
        EditKind::Type => {
            let mut typed = step.clone();
            typed.title.push('x');
            Edit::SetStep(typed)
        }
        EditKind::Move => {
            let stage = b.stage_index(&step.stage).unwrap_or(0);
            let to = &b.stages[(stage + 1) % b.stages.len()].id;
            edit::move_steps(b, std::slice::from_ref(&step.id), &step.lane, to, usize::MAX)
        }
        EditKind::Connect => {
            let other = &b.steps[(round * 53 + 11) % b.steps.len()];
            Edit::InsertFlow(
                b.flows.len(),
                Flow {
                    id: FlowId(format!("bench-flow-{round}")),
                    from: step.id.clone(),
                    to: other.id.clone(),
                    two_way: false,
                    label: String::new(),
                },
            )
        }
    }
}

/// Compares the document with another version of it: the same blueprint with one step fewer.
fn compare_with_one_step_fewer(doc: &Document, analysis: &mut AnalysisView) {
    let mut other = doc.blueprint().clone();
    other.steps.pop();
    analysis.compare_with("other.ron".into(), other);
}

/// From command to painted frame: apply the edit, bring the analysis and the drawing up to
/// date as the app does (patching where one step changed alone), paint once.
fn edits(ctx: &egui::Context, style: &Style, time: &mut f64) {
    println!("\n| blueprint | type a character | move a card | add a flow | type a character, comparing |");
    println!("|---|---|---|---|---|");
    for (name, steps, stages, rounds) in [
        ("1,000 steps", 1_000, 20, 15),
        ("5,000 steps", 5_000, 100, 9),
        ("20,000 steps", 20_000, 200, 5),
    ] {
        let mut doc = Document::new(generate::synthetic(steps, stages), None, "bench");
        doc.ensure_drawing(&Highlights::default());
        // With the analysis panel open, as the app keeps its report up to date.
        let mut analysis = AnalysisView::default();
        analysis.refresh(doc.blueprint(), doc.history.revision(), None);
        let mut state = EditorState::default();
        let mut cache = PaintCache::default();
        let cells: Vec<String> = [
            (EditKind::Type, false),
            (EditKind::Move, false),
            (EditKind::Connect, false),
            (EditKind::Type, true),
        ]
        .into_iter()
        .map(|(kind, comparing)| {
            if comparing {
                compare_with_one_step_fewer(&doc, &mut analysis);
                analysis.refresh(doc.blueprint(), doc.history.revision(), None);
            }
            let times = (0..rounds)
                .map(|round| {
                    let edit = edit_of(kind, doc.blueprint(), round);
                    *time += 1.0 / 60.0;
                    let start = Instant::now();
                    doc.apply(edit, "bench", Merge::Never).expect("a valid edit");
                    analysis.refresh(doc.blueprint(), doc.history.revision(), doc.history.step_change());
                    doc.ensure_drawing(&Highlights::default());
                    frame(ctx, &doc, &mut state, &mut cache, style, *time, Vec::new());
                    let elapsed = start.elapsed();
                    doc.undo();
                    analysis.refresh(doc.blueprint(), doc.history.revision(), doc.history.step_change());
                    doc.ensure_drawing(&Highlights::default());
                    elapsed
                })
                .collect();
            let s = stats(times);
            format!("{} / {}", ms(s.median), ms(s.p95))
        })
        .collect();
        println!("| {name} | {} |", cells.join(" | "));
    }
    println!("\n(median / p95 in ms from the edit to its painted frame, analysis included)");
}

/// The same edits with the drawing and the analysis report worked out on worker threads, as
/// the editor does from `document::BACKGROUND_FROM` steps: how long until the next frame is
/// painted (the last drawing, the edit in the inspector), and until a frame shows the edit and
/// the report is of it.
fn edits_in_background(ctx: &egui::Context, style: &Style, time: &mut f64) {
    println!("\n| blueprint | edit | next frame | frame showing the edit | longest frame between |");
    println!("|---|---|---|---|---|");
    for (name, steps, stages, rounds) in [("5,000 steps", 5_000, 100, 9), ("20,000 steps", 20_000, 200, 5)] {
        let mut doc = Document::new(generate::synthetic(steps, stages), None, "bench");
        let none = Highlights::default();
        doc.update_drawing(Some(&none), ctx);
        let mut analysis = AnalysisView::default();
        analysis.refresh(doc.blueprint(), doc.history.revision(), None);
        let mut state = EditorState::default();
        let mut cache = PaintCache::default();
        // One frame of the editor's: the analysis and the drawing brought up to date as far
        // as they are, the canvas painted. Returns whether both are of the current revision.
        let mut frame_of_app = |doc: &mut Document, analysis: &mut AnalysisView, time: &mut f64| {
            let b = doc.blueprint();
            let refresh = analysis.refresh_in_background(
                b,
                || doc.copy(),
                doc.history.revision(),
                doc.history.step_change(),
                HighlightSpec::default(),
                ctx,
            );
            doc.update_drawing(Some(&none), ctx);
            *time += 1.0 / 60.0;
            frame(ctx, doc, &mut state, &mut cache, style, *time, Vec::new());
            matches!(refresh, Refresh::Current | Refresh::Worked(_)) && !doc.is_drawing_behind()
        };
        for (kind, label, comparing) in [
            (EditKind::Type, "type a character", false),
            (EditKind::Move, "move a card", false),
            (EditKind::Connect, "add a flow", false),
            (EditKind::Type, "type a character, comparing", true),
        ] {
            if comparing {
                compare_with_one_step_fewer(&doc, &mut analysis);
                while !frame_of_app(&mut doc, &mut analysis, time) {
                    std::thread::sleep(Duration::from_micros(200));
                }
            }
            let (mut next, mut shown, mut longest) = (Vec::new(), Vec::new(), Vec::new());
            for round in 0..rounds {
                let edit = edit_of(kind, doc.blueprint(), round);
                let start = Instant::now();
                doc.apply(edit, "bench", Merge::Never).expect("a valid edit");
                let mut current = frame_of_app(&mut doc, &mut analysis, time);
                next.push(start.elapsed());
                // The longest of the frames after it, up to the one showing the edit: the
                // drawing and report arriving must not stall the window either.
                let mut slowest = Duration::ZERO;
                while !current {
                    std::thread::sleep(Duration::from_micros(200));
                    let frame_start = Instant::now();
                    current = frame_of_app(&mut doc, &mut analysis, time);
                    slowest = slowest.max(frame_start.elapsed());
                }
                shown.push(start.elapsed());
                longest.push(slowest);
                doc.undo();
                while !frame_of_app(&mut doc, &mut analysis, time) {
                    std::thread::sleep(Duration::from_micros(200));
                }
            }
            let (next, shown, longest) = (stats(next), stats(shown), stats(longest));
            println!(
                "| {name} | {label} | {} / {} | {} / {} | {} / {} |",
                ms(next.median),
                ms(next.p95),
                ms(shown.median),
                ms(shown.p95),
                ms(longest.median),
                ms(longest.p95)
            );
        }
    }
    println!("\n(median / p95 in ms from the edit; the drawing and the report are worked out on worker threads)");
}

fn main() {
    // `cargo test --all-targets` runs bench binaries too; measuring belongs to `cargo bench`.
    if !std::env::args().any(|a| a == "--bench") {
        println!("benchmark: run it with `cargo bench --bench frame`");
        return;
    }
    let ctx = egui::Context::default();
    app::fonts::install(&ctx);
    let style = Style::default();
    // egui's clock must only move forward across all runs on one context.
    let mut time = 0.0;
    let coffee = file::open(std::path::Path::new("samples/en/coffee-shop.ron")).expect("sample");
    let cases = [
        ("coffee-shop sample (24 steps)", coffee),
        ("1,000 steps", generate::synthetic(1_000, 20)),
        ("5,000 steps", generate::synthetic(5_000, 100)),
        ("20,000 steps", generate::synthetic(20_000, 200)),
    ];
    println!(
        "| blueprint | layout + scene (per edit) | zoom | still | still, all selected | panning | dragging a card |"
    );
    println!("|---|---|---|---|---|---|---|");
    for (name, blueprint) in cases {
        let start = Instant::now();
        let mut doc = Document::new(blueprint, None, "bench");
        doc.ensure_drawing(&Highlights::default());
        let build = start.elapsed();
        for fit in [false, true] {
            let cells: Vec<String> = [Motion::Still, Motion::AllSelected, Motion::Panning, Motion::Dragging]
                .into_iter()
                .map(|motion| {
                    let s = measure(&ctx, &doc, &style, fit, motion, &mut time);
                    format!("{} / {}", ms(s.median), ms(s.p95))
                })
                .collect();
            let zoom = if fit { "fit (all visible)" } else { "100 %" };
            let build = if fit {
                String::new()
            } else {
                format!("{} ms", ms(build))
            };
            println!(
                "| {name} | {build} | {zoom} | {} | {} | {} | {} |",
                cells[0], cells[1], cells[2], cells[3]
            );
        }
    }
    println!("\n(median / p95 in ms, {FRAMES} frames each, 1920×1080)");

    edits(&ctx, &style, &mut time);
    edits_in_background(&ctx, &style, &mut time);

    // Opening a 5,000-step file: read, validate, lay out, first frame with a cold font atlas.
    let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let path = dir.join("frame-5000.ron");
    file::save(&path, &generate::synthetic(5_000, 100)).expect("save");
    let start = Instant::now();
    let ctx = egui::Context::default();
    app::fonts::install(&ctx);
    let blueprint = file::open(&path).expect("open");
    let loaded = start.elapsed();
    let mut doc = Document::new(blueprint, Some(path), "");
    doc.ensure_drawing(&Highlights::default());
    let laid_out = start.elapsed();
    let mut state = EditorState {
        fit_pending: true,
        ..EditorState::default()
    };
    frame(
        &ctx,
        &doc,
        &mut state,
        &mut PaintCache::default(),
        &style,
        0.0,
        Vec::new(),
    );
    let first = start.elapsed();
    println!(
        "\nOpening the 5,000-step file: read + validate {} ms, + layout and scene {} ms, + first frame {} ms (total {} ms)",
        ms(loaded),
        ms(laid_out - loaded),
        ms(first - laid_out),
        ms(first)
    );
}
