//! Prints, for every sample and aspect, the deck's slide count, its content text size and its
//! emptiest slide: the figures quoted in docs/DRAWING.md, "Decks".
//!
//! `cargo run --release --example deck_survey [Wide|Standard]`; with `VERBOSE=1`, every content
//! slide's drawing size and fill too.

use blueprint_studio::export::Slide;
use blueprint_studio::export::deck::{DeckOptions, plan};
use blueprint_studio::samples::SAMPLES;

fn main() {
    let filter: Option<String> = std::env::args().nth(1);
    for aspect in [Slide::Wide, Slide::Standard] {
        if filter.as_deref().is_some_and(|f| f != format!("{aspect:?}")) {
            continue;
        }
        let (mut full, mut total) = (0, 0);
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
        println!("{aspect:?}: {full}/{total} at 20 px");
    }
}
