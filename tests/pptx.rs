//! The PowerPoint deck is a complete, consistent package: every part well-formed and typed,
//! every relationship pointing at a part, slides in order with their titles as text, their
//! pictures byte for byte and their notes; and, where LibreOffice is installed, it opens and
//! prints one page a slide.

mod common;

use blueprint_studio::export::{PptxSlide, write_pptx};
use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const NS_A: &str = "http://schemas.openxmlformats.org/drawingml/2006/main";
const NS_R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const NS_P: &str = "http://schemas.openxmlformats.org/presentationml/2006/main";

const CHINESE_TITLE: &str = "银行贷款审批（现状）· 阶段 1–3";

/// A small PNG of one colour, with a diagonal so no two are alike.
fn png(width: u32, height: u32, rgb: [u8; 3]) -> Vec<u8> {
    let mut pixels = Vec::with_capacity((width * height * 3) as usize);
    for y in 0..height {
        for x in 0..width {
            pixels.extend(if x == y { [0, 0, 0] } else { rgb });
        }
    }
    let mut bytes = Vec::new();
    let mut encoder = png::Encoder::new(&mut bytes, width, height);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().expect("header");
    writer.write_image_data(&pixels).expect("pixels");
    writer.finish().expect("png");
    bytes
}

fn slides() -> Vec<PptxSlide> {
    vec![
        PptxSlide {
            title: "Bank loan approval — overview".into(),
            title_box: [0.04, 0.03, 0.92, 0.1],
            title_size: 32.0,
            picture: png(160, 80, [40, 110, 200]),
            picture_box: [0.05, 0.15, 0.9, 0.8],
            notes: vec![
                "Approval takes 12 days < the 15-day target & still too slow 🚀".into(),
                "Second point.".into(),
            ],
        },
        PptxSlide {
            title: CHINESE_TITLE.into(),
            title_box: [0.04, 0.03, 0.92, 0.1],
            title_size: 28.0,
            picture: png(120, 80, [220, 120, 40]),
            picture_box: [0.2, 0.15, 0.6, 0.8],
            notes: vec!["等待时间最长的是 <审批> & 放款 😀".into()],
        },
        PptxSlide {
            title: "Slide with \"quotes\" & no notes".into(),
            title_box: [0.04, 0.03, 0.92, 0.1],
            title_size: 24.0,
            picture: png(90, 90, [60, 160, 80]),
            picture_box: [0.3, 0.15, 0.4, 0.8],
            notes: vec![],
        },
    ]
}

fn deck(slides: &[PptxSlide], size: (u32, u32)) -> Vec<u8> {
    let mut bytes = Vec::new();
    write_pptx(slides, size, "Bank loan – 银行贷款", &mut bytes).expect("pptx");
    bytes
}

/// Every part of the zip by name.
fn unzip(bytes: &[u8]) -> BTreeMap<String, Vec<u8>> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
    let mut parts = BTreeMap::new();
    for index in 0..archive.len() {
        let mut file = archive.by_index(index).expect("entry");
        let name = file.name().expect("UTF-8 name").into_owned();
        let mut body = Vec::new();
        file.read_to_end(&mut body).expect("reads");
        assert!(parts.insert(name.clone(), body).is_none(), "{name} twice");
    }
    parts
}

fn text(parts: &BTreeMap<String, Vec<u8>>, name: &str) -> String {
    let body = parts.get(name).unwrap_or_else(|| panic!("{name} is missing"));
    String::from_utf8(body.clone()).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The folder a part's relationships resolve against: `ppt/slides/_rels/slide1.xml.rels` →
/// `ppt/slides`.
fn source_dir(rels_name: &str) -> String {
    let dir = rels_name.rsplit_once('/').map(|(dir, _)| dir).unwrap_or("");
    dir.strip_suffix("_rels")
        .unwrap_or(dir)
        .trim_end_matches('/')
        .to_owned()
}

/// `target` relative to `dir`, `..` resolved.
fn resolve(dir: &str, target: &str) -> String {
    let mut path: Vec<&str> = if target.starts_with('/') {
        Vec::new()
    } else {
        dir.split('/').filter(|s| !s.is_empty()).collect()
    };
    for segment in target.split('/').filter(|s| !s.is_empty()) {
        match segment {
            ".." => {
                path.pop();
            }
            "." => {}
            s => path.push(s),
        }
    }
    path.join("/")
}

/// The relationships of `part`: id → (type, resolved target).
fn rels_of(parts: &BTreeMap<String, Vec<u8>>, part: &str) -> BTreeMap<String, (String, String)> {
    let (dir, file) = part.rsplit_once('/').unwrap_or(("", part));
    let name = if dir.is_empty() {
        format!("_rels/{file}.rels")
    } else {
        format!("{dir}/_rels/{file}.rels")
    };
    let xml = text(parts, &name);
    let doc = roxmltree::Document::parse(&xml).expect("rels parse");
    doc.descendants()
        .filter(|n| n.has_tag_name("Relationship"))
        .map(|n| {
            let id = n.attribute("Id").expect("Id").to_owned();
            let kind = n.attribute("Type").expect("Type").to_owned();
            let target = resolve(dir, n.attribute("Target").expect("Target"));
            (id, (kind, target))
        })
        .collect()
}

/// The one relationship of `part` whose type ends in `/kind`.
fn rel_target(parts: &BTreeMap<String, Vec<u8>>, part: &str, kind: &str) -> String {
    let matching: Vec<String> = rels_of(parts, part)
        .into_values()
        .filter(|(k, _)| k.ends_with(&format!("/{kind}")))
        .map(|(_, target)| target)
        .collect();
    assert_eq!(matching.len(), 1, "{part} should have one {kind} relationship");
    matching[0].clone()
}

/// The text of each `<a:p>` under `node`, line breaks as `\n`.
fn paragraphs(node: roxmltree::Node<'_, '_>) -> Vec<String> {
    node.descendants()
        .filter(|n| n.has_tag_name((NS_A, "p")))
        .map(|p| {
            p.descendants()
                .filter_map(|n| {
                    if n.has_tag_name((NS_A, "t")) {
                        Some(n.text().unwrap_or("").to_owned())
                    } else if n.has_tag_name((NS_A, "br")) {
                        Some("\n".to_owned())
                    } else {
                        None
                    }
                })
                .collect()
        })
        .collect()
}

/// The `<p:sp>` whose placeholder has `ph_type`.
fn placeholder<'a, 'i>(doc: &'a roxmltree::Document<'i>, ph_type: &str) -> Vec<roxmltree::Node<'a, 'i>> {
    doc.descendants()
        .filter(|n| n.has_tag_name((NS_P, "sp")))
        .filter(|sp| {
            sp.descendants()
                .any(|n| n.has_tag_name((NS_P, "ph")) && n.attribute("type") == Some(ph_type))
        })
        .collect()
}

/// The slide parts in `sldIdLst` order.
fn slide_order(parts: &BTreeMap<String, Vec<u8>>) -> Vec<String> {
    let xml = text(parts, "ppt/presentation.xml");
    let doc = roxmltree::Document::parse(&xml).expect("presentation");
    let rels = rels_of(parts, "ppt/presentation.xml");
    doc.descendants()
        .filter(|n| n.has_tag_name((NS_P, "sldId")))
        .map(|n| {
            let id = n.attribute((NS_R, "id")).expect("r:id");
            let (kind, target) = rels.get(id).unwrap_or_else(|| panic!("no relationship {id}"));
            assert!(kind.ends_with("/slide"), "{id} is a {kind}");
            target.clone()
        })
        .collect()
}

#[test]
fn every_part_is_well_formed_typed_and_reachable() {
    let parts = unzip(&deck(&slides(), (1920, 1080)));
    for (name, body) in &parts {
        if name.ends_with(".png") {
            continue;
        }
        let xml = std::str::from_utf8(body).unwrap_or_else(|e| panic!("{name}: {e}"));
        if let Err(e) = roxmltree::Document::parse(xml) {
            panic!("{name} is not well-formed: {e}");
        }
    }

    // Content types: each part by an override or its extension's default.
    let types = text(&parts, "[Content_Types].xml");
    let doc = roxmltree::Document::parse(&types).expect("content types");
    let defaults: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("Default"))
        .filter_map(|n| n.attribute("Extension"))
        .collect();
    let overrides: BTreeMap<&str, &str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("Override"))
        .filter_map(|n| Some((n.attribute("PartName")?, n.attribute("ContentType")?)))
        .collect();
    for name in parts.keys().filter(|n| *n != "[Content_Types].xml") {
        let extension = name.rsplit('.').next().unwrap_or("");
        assert!(
            overrides.contains_key(format!("/{name}").as_str()) || defaults.contains(&extension),
            "{name} has no content type"
        );
        // A generic `application/xml` would leave PowerPoint not knowing what the part is.
        if name.ends_with(".xml") {
            assert!(
                overrides.contains_key(format!("/{name}").as_str()),
                "{name} has no override"
            );
        }
    }
    for part_name in overrides.keys() {
        assert!(parts.contains_key(&part_name[1..]), "override for missing {part_name}");
    }
    assert_eq!(
        overrides["/ppt/presentation.xml"],
        "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
    );

    // Relationships: every target is a part, every id unique.
    let rels_parts: Vec<&String> = parts.keys().filter(|n| n.ends_with(".rels")).collect();
    assert!(rels_parts.len() >= 3 * 2 + 5, "{rels_parts:?}");
    for rels_name in rels_parts {
        let xml = text(&parts, rels_name);
        let doc = roxmltree::Document::parse(&xml).expect("rels");
        let mut ids = std::collections::HashSet::new();
        for rel in doc.descendants().filter(|n| n.has_tag_name("Relationship")) {
            assert!(ids.insert(rel.attribute("Id")), "{rels_name}: id twice");
            assert_ne!(rel.attribute("TargetMode"), Some("External"));
            let target = resolve(&source_dir(rels_name), rel.attribute("Target").expect("Target"));
            assert!(parts.contains_key(&target), "{rels_name} points at missing {target}");
        }
    }

    // Every XML part but the package's own is reached from the root by relationships.
    let mut reached = std::collections::BTreeSet::new();
    let root = roxmltree::Document::parse(std::str::from_utf8(&parts["_rels/.rels"]).expect("utf-8"))
        .expect("root rels")
        .descendants()
        .filter_map(|n| n.attribute("Target").map(|t| resolve("", t)))
        .collect::<Vec<_>>();
    let mut todo = root;
    while let Some(part) = todo.pop() {
        if !reached.insert(part.clone()) {
            continue;
        }
        let (dir, file) = part.rsplit_once('/').unwrap_or(("", &part));
        if parts.contains_key(&format!("{dir}/_rels/{file}.rels")) {
            todo.extend(rels_of(&parts, &part).into_values().map(|(_, target)| target));
        }
    }
    for name in parts.keys() {
        if !name.ends_with(".rels") && name != "[Content_Types].xml" {
            assert!(reached.contains(name), "{name} is not reachable");
        }
    }

    let core = text(&parts, "docProps/core.xml");
    let core = roxmltree::Document::parse(&core).expect("core");
    let title = core
        .descendants()
        .find(|n| n.has_tag_name(("http://purl.org/dc/elements/1.1/", "title")))
        .and_then(|n| n.text());
    assert_eq!(title, Some("Bank loan – 银行贷款"));
}

#[test]
fn slides_keep_order_titles_pictures_and_notes() {
    let slides = slides();
    let parts = unzip(&deck(&slides, (1920, 1080)));
    let order = slide_order(&parts);
    assert_eq!(
        order,
        [
            "ppt/slides/slide1.xml",
            "ppt/slides/slide2.xml",
            "ppt/slides/slide3.xml"
        ]
    );
    assert_eq!(parts.keys().filter(|n| n.starts_with("ppt/slides/slide")).count(), 3);

    for (slide, part) in slides.iter().zip(&order) {
        let xml = text(&parts, part);
        let doc = roxmltree::Document::parse(&xml).expect("slide");

        let titles = placeholder(&doc, "title");
        assert_eq!(titles.len(), 1, "{part}: one title placeholder");
        assert_eq!(paragraphs(titles[0]).concat(), slide.title, "{part}");
        let lang = titles[0]
            .descendants()
            .find(|n| n.has_tag_name((NS_A, "rPr")))
            .and_then(|n| n.attribute("lang"));
        let expected = if slide.title == CHINESE_TITLE { "zh-CN" } else { "en-US" };
        assert_eq!(lang, Some(expected), "{part}");

        let pictures: Vec<_> = doc.descendants().filter(|n| n.has_tag_name((NS_P, "pic"))).collect();
        assert_eq!(pictures.len(), 1, "{part}: one picture");
        let embed = pictures[0]
            .descendants()
            .find(|n| n.has_tag_name((NS_A, "blip")))
            .and_then(|n| n.attribute((NS_R, "embed")))
            .expect("r:embed");
        let (kind, media) = rels_of(&parts, part).remove(embed).expect("image relationship");
        assert!(kind.ends_with("/image"), "{kind}");
        assert!(media.starts_with("ppt/media/") && media.ends_with(".png"), "{media}");
        assert_eq!(parts[&media], slide.picture, "{part}: picture bytes");

        let notes_part = rel_target(&parts, part, "notesSlide");
        assert_eq!(rel_target(&parts, &notes_part, "slide"), *part, "notes point back");
        assert_eq!(
            rel_target(&parts, &notes_part, "notesMaster"),
            "ppt/notesMasters/notesMaster1.xml"
        );
        let notes_xml = text(&parts, &notes_part);
        let notes_doc = roxmltree::Document::parse(&notes_xml).expect("notes");
        assert_eq!(placeholder(&notes_doc, "sldImg").len(), 1, "{notes_part}: slide image");
        let body = placeholder(&notes_doc, "body");
        assert_eq!(body.len(), 1, "{notes_part}: notes body");
        let written: Vec<String> = paragraphs(body[0]).into_iter().filter(|p| !p.is_empty()).collect();
        assert_eq!(written, slide.notes, "{notes_part}");
    }
    // Escaped, not dropped: the raw text has the entities, the parsed text the characters.
    assert!(text(&parts, "ppt/notesSlides/notesSlide1.xml").contains("&lt; the 15-day target &amp;"));
}

#[test]
fn slide_size_follows_the_pixel_aspect() {
    for (size, cx, cy) in [
        ((1920, 1080), "12192000", "6858000"),
        ((1440, 1080), "9144000", "6858000"),
    ] {
        let parts = unzip(&deck(&slides(), size));
        let xml = text(&parts, "ppt/presentation.xml");
        let doc = roxmltree::Document::parse(&xml).expect("presentation");
        let sld_sz = doc
            .descendants()
            .find(|n| n.has_tag_name((NS_P, "sldSz")))
            .expect("sldSz");
        assert_eq!(
            (sld_sz.attribute("cx"), sld_sz.attribute("cy")),
            (Some(cx), Some(cy)),
            "{size:?}"
        );
        assert!(doc.descendants().any(|n| n.has_tag_name((NS_P, "notesSz"))));
        assert!(doc.descendants().any(|n| n.has_tag_name((NS_P, "notesMasterId"))));
    }
    let mut out = Vec::new();
    assert!(write_pptx(&slides(), (0, 1080), "x", &mut out).is_err());
}

/// Runs `program` with `args` and `home` as its home; `None` when it did not finish in time.
fn run_within(program: &str, args: &[&str], home: &Path, seconds: u64) -> Option<std::process::Output> {
    let mut child = Command::new(program)
        .args(args)
        .env("HOME", home)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("starts");
    let deadline = Instant::now() + Duration::from_secs(seconds);
    loop {
        if child.try_wait().expect("waits").is_some() {
            return Some(child.wait_with_output().expect("output"));
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            return None;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn on_path(program: &str) -> bool {
    std::env::var_os("PATH").is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(program).is_file()))
}

/// Page objects in a PDF: `/Type /Page` (spaces optional), not `/Pages`.
fn pdf_pages(pdf: &[u8]) -> usize {
    let mut count = 0;
    let mut at = 0;
    while let Some(found) = pdf[at..].windows(5).position(|w| w == b"/Type") {
        let mut i = at + found + 5;
        while pdf.get(i).is_some_and(|b| b.is_ascii_whitespace()) {
            i += 1;
        }
        if pdf[i..].starts_with(b"/Page") && pdf.get(i + 5) != Some(&b's') {
            count += 1;
        }
        at = i;
    }
    count
}

/// LibreOffice Impress opens the deck without complaint and prints a page per slide. Skipped
/// where `soffice` is not installed.
#[test]
fn libreoffice_prints_a_page_per_slide() {
    if !on_path("soffice") {
        println!("skipped: soffice not found");
        return;
    }
    let dir = common::temp_dir("pptx-soffice");
    let file = dir.join("deck.pptx");
    std::fs::write(&file, deck(&slides(), (1920, 1080))).expect("writes");
    // A profile of its own: as root, and beside a running LibreOffice, the default one fails.
    let profile = format!("-env:UserInstallation=file://{}", dir.join("profile").display());
    let out_dir = dir.display().to_string();
    let file_arg = file.display().to_string();
    let args = [
        profile.as_str(),
        "--headless",
        "--convert-to",
        "pdf",
        "--outdir",
        out_dir.as_str(),
        file_arg.as_str(),
    ];
    let output = run_within("soffice", &args, &dir, 240).expect("soffice finishes within 4 minutes");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "soffice failed: {stderr}");
    let pdf = std::fs::read(dir.join("deck.pdf")).unwrap_or_else(|e| panic!("no PDF ({e}); soffice said: {stderr}"));
    let pages = if on_path("pdfinfo") {
        let info = run_within(
            "pdfinfo",
            &[dir.join("deck.pdf").to_str().expect("utf-8 path")],
            &dir,
            30,
        )
        .expect("pdfinfo finishes");
        let info = String::from_utf8_lossy(&info.stdout).into_owned();
        info.lines()
            .find_map(|l| l.strip_prefix("Pages:"))
            .and_then(|n| n.trim().parse().ok())
            .expect("pdfinfo tells the pages")
    } else {
        pdf_pages(&pdf)
    };
    assert_eq!(pages, 3, "soffice said: {stderr}");
    assert_eq!(pdf_pages(&pdf), 3);
    let _ = std::fs::remove_dir_all(&dir);
}
