//! Wraps PNG slides in a PowerPoint deck, to open and look at:
//!
//! ```text
//! cargo run --release -- export samples/en/bank-loan.ron -o /tmp/s.png --slide 16:9 --no-title
//! cargo run --example pptx_deck -- /tmp/deck.pptx "Bank loan" /tmp/s.png [MORE.png …]
//! ```
//!
//! Each picture gets a slide with the file's name as its title and its size as a note; the
//! slide has the first picture's aspect.

use blueprint_studio::export::{PptxSlide, write_pptx};
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("pptx_deck: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), String> {
    let mut args = std::env::args_os().skip(1);
    let usage = "usage: pptx_deck OUT.pptx TITLE SLIDE.png…";
    let out = PathBuf::from(args.next().ok_or(usage)?);
    let title = args.next().ok_or(usage)?.to_string_lossy().into_owned();
    let pictures: Vec<PathBuf> = args.map(PathBuf::from).collect();
    let mut slides = Vec::new();
    let mut size = None;
    for path in &pictures {
        let picture = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let (width, height) = image::image_dimensions(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let (slide_w, slide_h) = *size.get_or_insert((width, height));
        // Title along the top; the picture fitted, centred, into the rest.
        let area = [0.03, 0.14, 0.94, 0.83];
        let aspect = (width as f32 / height as f32) / (slide_w as f32 / slide_h as f32);
        let (w, h) = if aspect > area[2] / area[3] {
            (area[2], area[2] / aspect)
        } else {
            (area[3] * aspect, area[3])
        };
        let name = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        slides.push(PptxSlide {
            title: name.clone(),
            title_box: [0.03, 0.03, 0.94, 0.09],
            title_size: 28.0,
            picture,
            picture_box: [area[0] + (area[2] - w) / 2.0, area[1] + (area[3] - h) / 2.0, w, h],
            notes: vec![
                format!("{name}: {width} × {height} px."),
                "Second talking point.".into(),
            ],
        });
    }
    let size = size.ok_or(usage)?;
    let mut bytes = Vec::new();
    write_pptx(&slides, size, &title, &mut bytes).map_err(|e| e.to_string())?;
    std::fs::write(&out, bytes).map_err(|e| format!("{}: {e}", out.display()))
}
