//! PDF export read back with an independent parser: pages and their sizes, embedded fonts,
//! the text a reader extracts (English and Chinese), bookmarks, handout pages, where text lands,
//! and that a vector slide is smaller than its PNG.

use blueprint_studio::export::{
    Background, ExportOptions, Frame, PdfError, PdfSlide, Slide, export_scene, write_pdf, write_png,
};
use blueprint_studio::file;
use blueprint_studio::model::Blueprint;
use blueprint_studio::scene::{Scene, Shape};
use lopdf::{Document, Object, ObjectId};
use std::path::Path;

/// A sample, its 16:9 slide scene and frame.
fn slide_scene(path: &str) -> (Blueprint, Scene, Frame) {
    let blueprint = file::open(Path::new(path)).unwrap_or_else(|e| panic!("{e}"));
    let options = ExportOptions {
        slide: Some(Slide::Wide),
        ..ExportOptions::default()
    };
    let scene = export_scene(&blueprint, &options).expect("scene");
    let frame = Frame::new(scene.bounds, &options);
    (blueprint, scene, frame)
}

fn slide<'a>(scene: &'a Scene, frame: Frame, title: &str, notes: &[&str]) -> PdfSlide<'a> {
    PdfSlide {
        scene,
        frame,
        background: Background::White,
        title: title.to_owned(),
        notes: notes.iter().map(|n| (*n).to_owned()).collect(),
    }
}

fn write(slides: &[PdfSlide<'_>], handouts: bool) -> (Vec<u8>, Document) {
    let mut bytes = Vec::new();
    write_pdf(slides, handouts, &mut bytes).expect("pdf");
    let document = Document::load_mem(&bytes).expect("a PDF lopdf can read");
    (bytes, document)
}

fn pages(document: &Document) -> Vec<ObjectId> {
    document.get_pages().into_values().collect()
}

/// The page's MediaBox as [x0, y0, x1, y1], rounded to whole points.
fn media_box(document: &Document, page: ObjectId) -> [i64; 4] {
    let dict = document.get_object(page).and_then(Object::as_dict).expect("page dict");
    let values: Vec<i64> = dict
        .get_deref(b"MediaBox", document)
        .and_then(Object::as_array)
        .expect("MediaBox on the page")
        .iter()
        .map(|v| v.as_float().expect("number").round() as i64)
        .collect();
    values.try_into().expect("four numbers")
}

/// Text of page `number` (1-based) as a reader extracts it, without whitespace (wrapping and
/// extraction may split or join lines differently).
fn page_text(document: &Document, number: u32) -> String {
    document
        .extract_text(&[number])
        .expect("text")
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Non-empty font programs the file embeds.
fn embedded_fonts(document: &Document) -> usize {
    document
        .objects
        .values()
        .filter_map(|object| object.as_dict().ok())
        .filter(|dict| dict.get(b"Type").and_then(Object::as_name).ok() == Some(b"FontDescriptor".as_slice()))
        .filter_map(|descriptor| {
            [b"FontFile".as_slice(), b"FontFile2", b"FontFile3"]
                .iter()
                .find_map(|key| descriptor.get_deref(key, document).ok())
        })
        .filter(|program| program.as_stream().is_ok_and(|s| !s.content.is_empty()))
        .count()
}

/// Bookmark titles, in order.
fn outline_titles(document: &Document) -> Vec<String> {
    let mut titles = Vec::new();
    let outlines = document
        .catalog()
        .and_then(|c| c.get_deref(b"Outlines", document))
        .and_then(Object::as_dict)
        .expect("an outline");
    let mut next = outlines.get_deref(b"First", document).ok();
    while let Some(item) = next.and_then(|o| o.as_dict().ok()) {
        titles.push(lopdf::decode_text_string(item.get(b"Title").expect("title")).expect("text string"));
        next = item.get_deref(b"Next", document).ok();
    }
    titles
}

#[test]
fn two_slides_make_two_16_9_pages_with_embedded_fonts_and_real_text() {
    let (blueprint, scene, frame) = slide_scene("samples/en/coffee-shop.ron");
    let (_, other_scene, other_frame) = slide_scene("samples/en/bank-loan.ron");
    let (bytes, document) = write(
        &[
            slide(&scene, frame, "Coffee shop", &[]),
            slide(&other_scene, other_frame, "Bank loan", &[]),
        ],
        false,
    );
    assert!(bytes.starts_with(b"%PDF-"));
    let pages = pages(&document);
    assert_eq!(pages.len(), 2);
    for page in &pages {
        assert_eq!(media_box(&document, *page), [0, 0, 960, 540]);
    }
    assert!(embedded_fonts(&document) >= 1, "no embedded font program");
    let text = page_text(&document, 1);
    for step in &blueprint.steps[..3] {
        assert!(text.contains(&squeeze(&step.title)), "{:?} not in {text:?}", step.title);
    }
    assert_eq!(outline_titles(&document), ["Coffee shop", "Bank loan"]);
    let info = document
        .trailer
        .get_deref(b"Info", &document)
        .and_then(Object::as_dict)
        .expect("document info");
    assert_eq!(
        lopdf::decode_text_string(info.get(b"Title").expect("title")).expect("text"),
        "Coffee shop"
    );
}

#[test]
fn chinese_step_titles_can_be_extracted() {
    let (blueprint, scene, frame) = slide_scene("samples/zh/coffee-shop.ron");
    let (_, document) = write(&[slide(&scene, frame, "咖啡店：早高峰点单", &[])], false);
    assert!(embedded_fonts(&document) >= 1);
    let text = page_text(&document, 1);
    for step in &blueprint.steps[..3] {
        assert!(text.contains(&squeeze(&step.title)), "{:?} not in {text:?}", step.title);
    }
    assert_eq!(outline_titles(&document), ["咖啡店：早高峰点单"]);
}

#[test]
fn handouts_follow_each_slide_on_a4_with_the_notes() {
    let (_, scene, frame) = slide_scene("samples/en/coffee-shop.ron");
    let (_, zh_scene, zh_frame) = slide_scene("samples/zh/coffee-shop.ron");
    let (_, document) = write(
        &[
            slide(
                &scene,
                frame,
                "Coffee shop",
                &["The queue spills to the door at peak.", "Payment takes under a minute."],
            ),
            slide(&zh_scene, zh_frame, "咖啡店", &["高峰时队伍排到门口。"]),
        ],
        true,
    );
    let pages = pages(&document);
    assert_eq!(pages.len(), 4);
    assert_eq!(media_box(&document, pages[0]), [0, 0, 960, 540]);
    assert_eq!(media_box(&document, pages[1]), [0, 0, 595, 842]);
    assert_eq!(media_box(&document, pages[2]), [0, 0, 960, 540]);
    assert_eq!(media_box(&document, pages[3]), [0, 0, 595, 842]);
    let handout = page_text(&document, 2);
    assert!(handout.contains("Thequeuespillstothedooratpeak."), "{handout:?}");
    assert!(handout.contains("Paymenttakesunderaminute."), "{handout:?}");
    assert!(page_text(&document, 4).contains("高峰时队伍排到门口。"));
    // Bookmarks lead to the slides, not to their handouts.
    assert_eq!(outline_titles(&document), ["Coffee shop", "咖啡店"]);
}

#[test]
fn long_notes_continue_on_further_handout_pages() {
    let (_, scene, frame) = slide_scene("samples/en/coffee-shop.ron");
    let notes: Vec<String> = (1..=60)
        .map(|i| format!("Point {i}: the barista calls each name twice, and the counter keeps cups in a row."))
        .collect();
    let notes: Vec<&str> = notes.iter().map(String::as_str).collect();
    let (_, document) = write(&[slide(&scene, frame, "Coffee shop", &notes)], true);
    let pages = pages(&document);
    assert!(pages.len() >= 4, "{} pages", pages.len());
    for page in &pages[1..] {
        assert_eq!(media_box(&document, *page), [0, 0, 595, 842]);
    }
    let all: String = (2..=pages.len() as u32).map(|n| page_text(&document, n)).collect();
    for i in [1, 30, 60] {
        assert!(all.contains(&format!("Point{i}:")), "point {i} missing");
    }
    assert!(page_text(&document, pages.len() as u32).contains("Point60:"));
}

#[test]
fn a_note_longer_than_a_page_is_split_and_kept_entire() {
    let (_, scene, frame) = slide_scene("samples/zh/coffee-shop.ron");
    let note: String = (1..=400).map(|i| format!("第{i}句，顾客排队点单。")).collect();
    let (_, document) = write(&[slide(&scene, frame, "咖啡店", &[&note])], true);
    let pages = pages(&document);
    assert!(pages.len() >= 4, "{} pages", pages.len());
    // Each page's running header is the title, which the note does not contain.
    let all: String = (2..=pages.len() as u32)
        .map(|n| page_text(&document, n).replace("咖啡店", ""))
        .collect();
    assert!(all.contains(&note), "the note is not whole: {all}");
}

#[test]
fn nothing_to_draw_is_an_error_not_a_broken_file() {
    let mut bytes = Vec::new();
    assert!(matches!(write_pdf(&[], false, &mut bytes), Err(PdfError::NoSlides)));
    let (_, scene, frame) = slide_scene("samples/en/coffee-shop.ron");
    let empty = Frame { width: 0, ..frame };
    let error = write_pdf(&[slide(&scene, empty, "Empty", &[])], false, &mut bytes).expect_err("no page");
    assert!(matches!(error, PdfError::EmptyPage { slide: 1, .. }), "{error}");
    assert!(bytes.is_empty());
}

#[test]
fn dashed_lines_stay_dashed() {
    let (_, scene, frame) = slide_scene("samples/en/coffee-shop.ron");
    let (_, document) = write(&[slide(&scene, frame, "Coffee shop", &[])], false);
    let content = document
        .get_and_decode_page_content(pages(&document)[0])
        .expect("content");
    // The lines of interaction and visibility are dashed 10 on, 6 off (in scene units).
    let dashes: Vec<Vec<f32>> = content
        .operations
        .iter()
        .filter(|op| op.operator == "d")
        .filter_map(|op| op.operands.first()?.as_array().ok().map(|a| numbers(a)))
        .filter(|array| !array.is_empty())
        .collect();
    assert!(dashes.contains(&vec![10.0, 6.0]), "{dashes:?}");
}

#[test]
fn a_pdf_slide_is_smaller_than_its_png() {
    let (_, scene, frame) = slide_scene("samples/en/bank-loan.ron");
    let (pdf, _) = write(&[slide(&scene, frame, "Bank loan", &[])], false);
    let mut png = Vec::new();
    write_png(&scene, &frame, Background::White, &mut png, &mut |_| {}).expect("png");
    assert!(
        pdf.len() < png.len(),
        "PDF {} bytes, PNG {} bytes",
        pdf.len(),
        png.len()
    );
}

/// A 3×3 affine matrix as PDF writes it: [a b c d e f].
type Matrix = [f32; 6];

fn multiply(m: Matrix, n: Matrix) -> Matrix {
    // m then n (row vectors, as PDF composes `cm`).
    [
        m[0] * n[0] + m[1] * n[2],
        m[0] * n[1] + m[1] * n[3],
        m[2] * n[0] + m[3] * n[2],
        m[2] * n[1] + m[3] * n[3],
        m[4] * n[0] + m[5] * n[2] + n[4],
        m[4] * n[1] + m[5] * n[3] + n[5],
    ]
}

fn numbers(operands: &[Object]) -> Vec<f32> {
    operands.iter().filter_map(|o| o.as_float().ok()).collect()
}

#[test]
fn text_starts_where_the_png_puts_it() {
    let (_, scene, frame) = slide_scene("samples/en/coffee-shop.ron");
    let (_, document) = write(&[slide(&scene, frame, "Coffee shop", &[])], false);
    let page = pages(&document)[0];
    let content = document.get_and_decode_page_content(page).expect("content");
    // Where each text run starts, in page points from the top-left, with its font size in points.
    let mut starts = Vec::new();
    let mut ctm: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];
    let mut stack = Vec::new();
    let (mut tm, mut size): (Matrix, f32) = ([1.0, 0.0, 0.0, 1.0, 0.0, 0.0], 0.0);
    for op in &content.operations {
        let n = numbers(&op.operands);
        match op.operator.as_str() {
            "q" => stack.push(ctm),
            "Q" => ctm = stack.pop().expect("balanced q/Q"),
            "cm" if n.len() == 6 => ctm = multiply([n[0], n[1], n[2], n[3], n[4], n[5]], ctm),
            "BT" => tm = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0],
            "Tm" if n.len() == 6 => tm = [n[0], n[1], n[2], n[3], n[4], n[5]],
            "Td" if n.len() == 2 => tm = multiply([1.0, 0.0, 0.0, 1.0, n[0], n[1]], tm),
            "Tf" if n.len() == 1 => size = n[0],
            "TJ" | "Tj" => {
                let m = multiply(tm, ctm);
                starts.push((m[4], 540.0 - m[5], size * m[3].abs()));
            }
            _ => {}
        }
    }
    let runs: Vec<(f32, f32, f32)> = scene
        .items
        .iter()
        .filter_map(|item| match &item.shape {
            Shape::Text {
                origin,
                text,
                size,
                color,
                ..
            } if !text.trim().is_empty() && color.0[3] > 0 => Some((
                0.5 * (frame.dx + origin.x * frame.scale),
                0.5 * (frame.dy + origin.y * frame.scale),
                0.5 * size * frame.scale,
            )),
            _ => None,
        })
        .collect();
    assert!(runs.len() > 50, "{} runs: the sample has text", runs.len());
    assert_eq!(starts.len(), runs.len(), "one text run per line of the scene");
    for (got, want) in starts.iter().zip(&runs) {
        assert!(
            (got.0 - want.0).abs() < 0.01 && (got.1 - want.1).abs() < 0.01 && (got.2 - want.2).abs() < 0.01,
            "run at {got:?}, scene puts it at {want:?}"
        );
    }
}
