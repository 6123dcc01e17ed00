//! Prints, for every sample and aspect, the deck's slide count, its content text size and its
//! emptiest slide, and how many flow labels another flow's line passes under: the figures quoted
//! in docs/DRAWING.md, "Decks".
//!
//! `cargo run --release --example deck_survey [Wide|Standard]`; with `VERBOSE=1`, every content
//! slide's drawing size and fill too.

use blueprint_studio::export::Slide;
use blueprint_studio::export::deck::{DeckOptions, DeckSlide, plan};
use blueprint_studio::geom::Rect;
use blueprint_studio::samples::SAMPLES;
use blueprint_studio::scene::{Role, Shape};

/// The flow labels of `slide`, how many of them another flow's line passes under, and under how
/// many of those it passes beneath the text itself.
fn crossed_labels(slide: &DeckSlide) -> (usize, usize, usize) {
    let items = &slide.scene.items;
    let boxes = |text: bool| -> Vec<(usize, Rect)> {
        items
            .iter()
            .filter_map(|item| match (item.role, &item.shape) {
                (Role::FlowLabel(f), Shape::Rect { .. }) if !text => Some((f, item.bbox.expand(-1.0))),
                (Role::FlowLabel(f), Shape::Text { .. }) if text => Some((f, item.bbox.expand(-1.0))),
                _ => None,
            })
            .collect()
    };
    let crosses = |f: usize, r: &Rect| {
        items.iter().any(|item| match (item.role, &item.shape) {
            (
                Role::Flow(g),
                Shape::Path {
                    points, closed: false, ..
                },
            ) if g != f => points
                .windows(2)
                .any(|w| r.intersects(&Rect::from_points(&[w[0], w[1]]))),
            _ => false,
        })
    };
    let labels = boxes(false);
    let pills = labels.iter().filter(|(f, r)| crosses(*f, r)).count();
    let mut texts: Vec<usize> = boxes(true)
        .into_iter()
        .filter(|(f, r)| crosses(*f, r))
        .map(|(f, _)| f)
        .collect();
    texts.dedup();
    (labels.len(), pills, texts.len())
}

fn main() {
    let filter: Option<String> = std::env::args().nth(1);
    for aspect in [Slide::Wide, Slide::Standard] {
        if filter.as_deref().is_some_and(|f| f != format!("{aspect:?}")) {
            continue;
        }
        let (mut full, mut total, mut labels, mut crossed, mut through) = (0, 0, 0, 0, 0);
        for sample in &SAMPLES {
            let blueprint = blueprint_studio::file::parse(sample.text).expect("sample parses");
            let name = format!("{:?}/{}", sample.lang, sample.file);
            let deck = plan(
                &blueprint,
                &DeckOptions {
                    aspect,
                    ..DeckOptions::default()
                },
            );
            let content = &deck.slides[1..];
            let text = content.iter().map(|s| s.min_text_px()).fold(f32::INFINITY, f32::min);
            let (least, at) = content
                .iter()
                .enumerate()
                .map(|(i, s)| (s.fill(), i + 2))
                .fold((f32::INFINITY, 0), |a, b| if b.0 < a.0 { b } else { a });
            if std::env::var_os("VERBOSE").is_some() {
                for (i, s) in content.iter().enumerate() {
                    println!(
                        "    slide {:>2} {:>5.0} x {:>5.0} fill {:>3.0}% {}",
                        i + 2,
                        s.drawing_rect.width(),
                        s.drawing_rect.height(),
                        s.fill() * 100.0,
                        s.title
                    );
                }
            }
            for slide in &deck.slides {
                let (all, under, text) = crossed_labels(slide);
                labels += all;
                crossed += under;
                through += text;
            }
            total += 1;
            if text >= 19.95 {
                full += 1;
            }
            println!(
                "{aspect:?} {:<40} slides {:>2} text {text:>5.2} fill {:>3.0}% (slide {at})",
                name,
                deck.slides.len(),
                least * 100.0
            );
        }
        println!(
            "{aspect:?}: {full}/{total} at 20 px; a line passes under {crossed} of {labels} labels, {through} of them under the text"
        );
    }
}
