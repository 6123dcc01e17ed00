//! PowerPoint export: slides that are one picture each, with the title as real text (so the
//! outline view, the slide list and screen readers have it) and the talking points as speaker
//! notes.
//!
//! The package is written by hand rather than through a PowerPoint crate: the ones on crates.io
//! are young or pull in much more than a picture and two text boxes need. It holds only what
//! PowerPoint insists on: one master, one "Title Only" layout, a theme, a notes master with its
//! own theme, the presentation, view and table-style property parts, and the document
//! properties. Nothing carries a date, so the same slides give the same bytes.

use std::fmt::Write as _;
use std::io::Write as _;

/// A fraction of the slide: x, y, width, height, each 0…1.
pub type SlideBox = [f32; 4];

/// One slide of a PowerPoint deck.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PptxSlide {
    /// The slide title, as real text (outline view and navigation list it).
    pub title: String,
    /// Where the title text box sits.
    pub title_box: SlideBox,
    /// Title font size in points.
    pub title_size: f32,
    /// The drawing, a PNG.
    pub picture: Vec<u8>,
    /// Where the picture sits (its aspect already matches the box).
    pub picture_box: SlideBox,
    /// Speaker notes: the talking points, one paragraph each.
    pub notes: Vec<String>,
}

/// Slide height in EMU (English Metric Units, 914,400 an inch): 7.5 in, PowerPoint's own for
/// both 16:9 and 4:3, so only the width follows the pixel aspect.
const SLIDE_HEIGHT: i64 = 6_858_000;
/// PowerPoint refuses slide sides outside 1 in … 56 in.
const SIDE_RANGE: std::ops::RangeInclusive<i64> = 914_400..=51_206_400;
/// The notes page: portrait letter-ish 7.5 × 10 in, what PowerPoint writes.
const NOTES_SIZE: (i64, i64) = (6_858_000, 9_144_000);
/// Ids of the master and its layout share one number space that starts here (ST_SlideMasterId).
const MASTER_ID: u32 = 2_147_483_648;
/// Slide ids start here (ST_SlideId).
const FIRST_SLIDE_ID: u32 = 256;
/// Title size when the caller's is not a number.
const DEFAULT_TITLE_PT: f32 = 28.0;

const NS_A: &str = "http://schemas.openxmlformats.org/drawingml/2006/main";
const NS_R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const NS_P: &str = "http://schemas.openxmlformats.org/presentationml/2006/main";
const XML_DECLARATION: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#;

/// The common prefix of the officeDocument relationship types.
const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";

/// Content types of the parts that are not covered by an extension default.
mod content_type {
    pub const PRESENTATION: &str = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml";
    pub const SLIDE: &str = "application/vnd.openxmlformats-officedocument.presentationml.slide+xml";
    pub const NOTES_SLIDE: &str = "application/vnd.openxmlformats-officedocument.presentationml.notesSlide+xml";
    pub const SLIDE_MASTER: &str = "application/vnd.openxmlformats-officedocument.presentationml.slideMaster+xml";
    pub const SLIDE_LAYOUT: &str = "application/vnd.openxmlformats-officedocument.presentationml.slideLayout+xml";
    pub const NOTES_MASTER: &str = "application/vnd.openxmlformats-officedocument.presentationml.notesMaster+xml";
    pub const THEME: &str = "application/vnd.openxmlformats-officedocument.theme+xml";
    pub const PRES_PROPS: &str = "application/vnd.openxmlformats-officedocument.presentationml.presProps+xml";
    pub const VIEW_PROPS: &str = "application/vnd.openxmlformats-officedocument.presentationml.viewProps+xml";
    pub const TABLE_STYLES: &str = "application/vnd.openxmlformats-officedocument.presentationml.tableStyles+xml";
    pub const CORE: &str = "application/vnd.openxmlformats-package.core-properties+xml";
    pub const APP: &str = "application/vnd.openxmlformats-officedocument.extended-properties+xml";
}

/// Writes `slides` as one .pptx; `size` is the slide's pixel size (1920×1080 → 16:9 at
/// 12192000×6858000 EMU, 1440×1080 → 4:3 at 9144000×6858000 EMU; in general the height stays
/// 6858000 EMU and the width scales). `title` becomes the document title. The file's bytes are
/// appended to `out`; a size with a zero side is refused as invalid input.
pub fn write_pptx(slides: &[PptxSlide], size: (u32, u32), title: &str, out: &mut Vec<u8>) -> std::io::Result<()> {
    let page = Page::new(size)?;
    let parts = package(slides, page, title);
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    // XML shrinks several times under deflate; PNG is compressed already, so it is stored.
    let xml = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    // Readers find the content types by name, but PowerPoint itself writes them first and some
    // stricter readers stream the archive, so they lead here too.
    zip.start_file("[Content_Types].xml", xml)?;
    zip.write_all(content_types(&parts).as_bytes())?;
    for part in &parts {
        let options = if part.name.ends_with(".png") { stored } else { xml };
        zip.start_file(part.name.as_str(), options)?;
        zip.write_all(&part.body)?;
    }
    out.extend_from_slice(&zip.finish()?.into_inner());
    Ok(())
}

/// The slide size in EMU.
#[derive(Clone, Copy, Debug)]
struct Page {
    /// Slide width.
    cx: i64,
    /// Slide height.
    cy: i64,
}

impl Page {
    fn new((width, height): (u32, u32)) -> std::io::Result<Page> {
        if width == 0 || height == 0 {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                format!("a slide of {width} × {height} px has no area"),
            ));
        }
        let cx = (SLIDE_HEIGHT as f64 * f64::from(width) / f64::from(height)).round() as i64;
        Ok(Page {
            cx: cx.clamp(*SIDE_RANGE.start(), *SIDE_RANGE.end()),
            cy: SLIDE_HEIGHT,
        })
    }

    /// `fraction` of the slide as offset and extent in EMU, kept on the slide.
    fn place(self, fraction: SlideBox) -> (i64, i64, i64, i64) {
        let unit = |v: f32| {
            if v.is_finite() {
                f64::from(v).clamp(0.0, 1.0)
            } else {
                0.0
            }
        };
        let [x, y, w, h] = fraction.map(unit);
        let emu = |v: f64, side: i64| (v * side as f64).round() as i64;
        (
            emu(x, self.cx),
            emu(y, self.cy),
            emu(w.min(1.0 - x), self.cx),
            emu(h.min(1.0 - y), self.cy),
        )
    }
}

/// One file in the package.
struct Part {
    /// Path inside the zip, no leading slash.
    name: String,
    /// Its override in `[Content_Types].xml`; `None` where the extension's default covers it.
    content_type: Option<&'static str>,
    /// The bytes.
    body: Vec<u8>,
}

impl Part {
    fn xml(name: impl Into<String>, content_type: &'static str, body: String) -> Part {
        Part {
            name: name.into(),
            content_type: Some(content_type),
            body: body.into_bytes(),
        }
    }

    /// A relationships part (covered by the `rels` default).
    fn rels(name: impl Into<String>, targets: &[(&str, String)]) -> Part {
        Part {
            name: name.into(),
            content_type: None,
            body: relationships(targets).into_bytes(),
        }
    }
}

/// Every part but `[Content_Types].xml`: the package scaffold, then each slide with its picture
/// and notes.
fn package(slides: &[PptxSlide], page: Page, title: &str) -> Vec<Part> {
    let mut parts = vec![
        Part::rels(
            "_rels/.rels",
            &[
                ("officeDocument", "ppt/presentation.xml".into()),
                (
                    "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
                    "docProps/core.xml".into(),
                ),
                ("extended-properties", "docProps/app.xml".into()),
            ],
        ),
        Part::xml("docProps/core.xml", content_type::CORE, core_xml(title)),
        Part::xml("docProps/app.xml", content_type::APP, app_xml(slides.len())),
        Part::xml(
            "ppt/presentation.xml",
            content_type::PRESENTATION,
            presentation_xml(slides.len(), page),
        ),
    ];
    // rId1 master, rId2 notes master, then the slides, then the property parts: the ids that
    // presentation.xml names are worked out the same way there.
    let mut presentation_rels = vec![
        ("slideMaster", "slideMasters/slideMaster1.xml".to_owned()),
        ("notesMaster", "notesMasters/notesMaster1.xml".to_owned()),
    ];
    presentation_rels.extend((1..=slides.len()).map(|n| ("slide", format!("slides/slide{n}.xml"))));
    presentation_rels.extend([
        ("presProps", "presProps.xml".to_owned()),
        ("viewProps", "viewProps.xml".to_owned()),
        ("theme", "theme/theme1.xml".to_owned()),
        ("tableStyles", "tableStyles.xml".to_owned()),
    ]);
    parts.push(Part::rels("ppt/_rels/presentation.xml.rels", &presentation_rels));
    parts.extend([
        Part::xml("ppt/presProps.xml", content_type::PRES_PROPS, pres_props_xml()),
        Part::xml("ppt/viewProps.xml", content_type::VIEW_PROPS, view_props_xml()),
        Part::xml("ppt/tableStyles.xml", content_type::TABLE_STYLES, table_styles_xml()),
        Part::xml(
            "ppt/theme/theme1.xml",
            content_type::THEME,
            theme_xml("Blueprint Studio"),
        ),
        Part::xml(
            "ppt/slideMasters/slideMaster1.xml",
            content_type::SLIDE_MASTER,
            slide_master_xml(page),
        ),
        Part::rels(
            "ppt/slideMasters/_rels/slideMaster1.xml.rels",
            &[
                ("slideLayout", "../slideLayouts/slideLayout1.xml".into()),
                ("theme", "../theme/theme1.xml".into()),
            ],
        ),
        Part::xml(
            "ppt/slideLayouts/slideLayout1.xml",
            content_type::SLIDE_LAYOUT,
            slide_layout_xml(),
        ),
        Part::rels(
            "ppt/slideLayouts/_rels/slideLayout1.xml.rels",
            &[("slideMaster", "../slideMasters/slideMaster1.xml".into())],
        ),
        Part::xml(
            "ppt/notesMasters/notesMaster1.xml",
            content_type::NOTES_MASTER,
            notes_master_xml(page),
        ),
        Part::rels(
            "ppt/notesMasters/_rels/notesMaster1.xml.rels",
            &[("theme", "../theme/theme2.xml".into())],
        ),
        Part::xml(
            "ppt/theme/theme2.xml",
            content_type::THEME,
            theme_xml("Blueprint Studio Notes"),
        ),
    ]);
    for (index, slide) in slides.iter().enumerate() {
        let n = index + 1;
        parts.extend([
            Part::xml(
                format!("ppt/slides/slide{n}.xml"),
                content_type::SLIDE,
                slide_xml(slide, n, page),
            ),
            Part::rels(
                format!("ppt/slides/_rels/slide{n}.xml.rels"),
                &[
                    ("slideLayout", "../slideLayouts/slideLayout1.xml".into()),
                    ("image", format!("../media/image{n}.png")),
                    ("notesSlide", format!("../notesSlides/notesSlide{n}.xml")),
                ],
            ),
            Part {
                name: format!("ppt/media/image{n}.png"),
                content_type: None,
                body: slide.picture.clone(),
            },
            Part::xml(
                format!("ppt/notesSlides/notesSlide{n}.xml"),
                content_type::NOTES_SLIDE,
                notes_slide_xml(&slide.notes),
            ),
            Part::rels(
                format!("ppt/notesSlides/_rels/notesSlide{n}.xml.rels"),
                &[
                    ("notesMaster", "../notesMasters/notesMaster1.xml".into()),
                    ("slide", format!("../slides/slide{n}.xml")),
                ],
            ),
        ]);
    }
    parts
}

/// `[Content_Types].xml`: defaults by extension, an override for every other part.
fn content_types(parts: &[Part]) -> String {
    let mut xml = format!(
        r#"{XML_DECLARATION}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/>"#
    );
    for part in parts {
        if let Some(content_type) = part.content_type {
            let _ = write!(
                xml,
                r#"<Override PartName="/{}" ContentType="{content_type}"/>"#,
                part.name
            );
        }
    }
    xml.push_str("</Types>");
    xml
}

/// A relationships part; ids are `rId1`… in order. A type without a scheme is one of the
/// officeDocument relationship types.
fn relationships(targets: &[(&str, String)]) -> String {
    let mut xml = format!(
        r#"{XML_DECLARATION}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
    );
    for (index, (kind, target)) in targets.iter().enumerate() {
        let prefix = if kind.contains("://") { "" } else { REL };
        let _ = write!(
            xml,
            r#"<Relationship Id="rId{}" Type="{prefix}{kind}" Target="{target}"/>"#,
            index + 1
        );
    }
    xml.push_str("</Relationships>");
    xml
}

fn core_xml(title: &str) -> String {
    format!(
        r#"{XML_DECLARATION}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>{}</dc:title></cp:coreProperties>"#,
        escape(title)
    )
}

fn app_xml(slides: usize) -> String {
    format!(
        r#"{XML_DECLARATION}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><Application>Blueprint Studio</Application><Slides>{slides}</Slides><Notes>{slides}</Notes><HiddenSlides>0</HiddenSlides></Properties>"#
    )
}

fn presentation_xml(slides: usize, page: Page) -> String {
    let mut xml = format!(
        r#"{XML_DECLARATION}<p:presentation xmlns:a="{NS_A}" xmlns:r="{NS_R}" xmlns:p="{NS_P}" saveSubsetFonts="1"><p:sldMasterIdLst><p:sldMasterId id="{MASTER_ID}" r:id="rId1"/></p:sldMasterIdLst><p:notesMasterIdLst><p:notesMasterId r:id="rId2"/></p:notesMasterIdLst>"#
    );
    if slides > 0 {
        xml.push_str("<p:sldIdLst>");
        for index in 0..slides {
            let _ = write!(
                xml,
                r#"<p:sldId id="{}" r:id="rId{}"/>"#,
                FIRST_SLIDE_ID as usize + index,
                index + 3
            );
        }
        xml.push_str("</p:sldIdLst>");
    }
    // `type` names a preset size; 16:9 at 13.33 in wide is no preset (PowerPoint's own
    // "screen16x9" is 10 in wide), so only the 4:3 size names one.
    let kind = if (page.cx, page.cy) == (9_144_000, 6_858_000) {
        r#" type="screen4x3""#
    } else {
        ""
    };
    let _ = write!(
        xml,
        r#"<p:sldSz cx="{}" cy="{}"{kind}/><p:notesSz cx="{}" cy="{}"/>"#,
        page.cx, page.cy, NOTES_SIZE.0, NOTES_SIZE.1
    );
    xml.push_str("<p:defaultTextStyle><a:defPPr><a:defRPr lang=\"en-US\"/></a:defPPr>");
    xml.push_str(&level_styles(1800, false));
    xml.push_str("</p:defaultTextStyle></p:presentation>");
    xml
}

fn pres_props_xml() -> String {
    format!(r#"{XML_DECLARATION}<p:presentationPr xmlns:a="{NS_A}" xmlns:r="{NS_R}" xmlns:p="{NS_P}"/>"#)
}

/// The normal view opens with the notes pane a fifth of the window high, so the talking
/// points are in sight.
fn view_props_xml() -> String {
    format!(
        r#"{XML_DECLARATION}<p:viewPr xmlns:a="{NS_A}" xmlns:r="{NS_R}" xmlns:p="{NS_P}"><p:normalViewPr><p:restoredLeft sz="15620"/><p:restoredTop sz="80000"/></p:normalViewPr><p:gridSpacing cx="76200" cy="76200"/></p:viewPr>"#
    )
}

/// No table styles, with PowerPoint's built-in "Medium Style 2 – Accent 1" as the default.
fn table_styles_xml() -> String {
    format!(r#"{XML_DECLARATION}<a:tblStyleLst xmlns:a="{NS_A}" def="{{5C22544A-7EE6-4342-B048-85BDC9FD1C3A}}"/>"#)
}

/// A complete theme: the Office colours, our fonts, and three of each format style (the schema
/// asks for at least three fills, lines, effects and background fills).
fn theme_xml(name: &str) -> String {
    let fonts = |kind: &str| {
        // East Asian text needs a font of its own: PowerPoint and WPS on Windows and macOS have
        // Microsoft YaHei; elsewhere (LibreOffice on Linux) the system's CJK fallback, usually
        // Noto Sans CJK SC, takes its place. Arial is everywhere or has a metric twin.
        format!(
            r#"<a:{kind}><a:latin typeface="Arial"/><a:ea typeface="Microsoft YaHei"/><a:cs typeface="Arial"/><a:font script="Hans" typeface="Microsoft YaHei"/><a:font script="Hant" typeface="Microsoft JhengHei"/><a:font script="Jpan" typeface="Yu Gothic"/><a:font script="Hang" typeface="Malgun Gothic"/></a:{kind}>"#
        )
    };
    let line = |width: u32| {
        format!(
            r#"<a:ln w="{width}" cap="flat" cmpd="sng" algn="ctr"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:prstDash val="solid"/><a:miter lim="800000"/></a:ln>"#
        )
    };
    format!(
        concat!(
            r#"{decl}<a:theme xmlns:a="{a}" name="{name}"><a:themeElements>"#,
            r#"<a:clrScheme name="Office"><a:dk1><a:srgbClr val="000000"/></a:dk1><a:lt1><a:srgbClr val="FFFFFF"/></a:lt1>"#,
            r#"<a:dk2><a:srgbClr val="44546A"/></a:dk2><a:lt2><a:srgbClr val="E7E6E6"/></a:lt2>"#,
            r#"<a:accent1><a:srgbClr val="4472C4"/></a:accent1><a:accent2><a:srgbClr val="ED7D31"/></a:accent2>"#,
            r#"<a:accent3><a:srgbClr val="A5A5A5"/></a:accent3><a:accent4><a:srgbClr val="FFC000"/></a:accent4>"#,
            r#"<a:accent5><a:srgbClr val="5B9BD5"/></a:accent5><a:accent6><a:srgbClr val="70AD47"/></a:accent6>"#,
            r#"<a:hlink><a:srgbClr val="0563C1"/></a:hlink><a:folHlink><a:srgbClr val="954F72"/></a:folHlink></a:clrScheme>"#,
            r#"<a:fontScheme name="Blueprint Studio">{major}{minor}</a:fontScheme>"#,
            r#"<a:fmtScheme name="Office"><a:fillStyleLst>"#,
            r#"<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>"#,
            r#"<a:solidFill><a:schemeClr val="phClr"><a:tint val="50000"/></a:schemeClr></a:solidFill>"#,
            r#"<a:solidFill><a:schemeClr val="phClr"><a:shade val="80000"/></a:schemeClr></a:solidFill>"#,
            r#"</a:fillStyleLst><a:lnStyleLst>{thin}{medium}{thick}</a:lnStyleLst>"#,
            r#"<a:effectStyleLst><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle></a:effectStyleLst>"#,
            r#"<a:bgFillStyleLst><a:solidFill><a:schemeClr val="phClr"/></a:solidFill>"#,
            r#"<a:solidFill><a:schemeClr val="phClr"><a:tint val="95000"/></a:schemeClr></a:solidFill>"#,
            r#"<a:solidFill><a:schemeClr val="phClr"><a:shade val="90000"/></a:schemeClr></a:solidFill></a:bgFillStyleLst>"#,
            r#"</a:fmtScheme></a:themeElements><a:objectDefaults/><a:extraClrSchemeLst/></a:theme>"#
        ),
        decl = XML_DECLARATION,
        a = NS_A,
        name = escape(name),
        major = fonts("majorFont"),
        minor = fonts("minorFont"),
        thin = line(6350),
        medium = line(12700),
        thick = line(19050),
    )
}

/// The colour map every master carries: backgrounds light, text dark.
const CLR_MAP: &str = r#"<p:clrMap bg1="lt1" tx1="dk1" bg2="lt2" tx2="dk2" accent1="accent1" accent2="accent2" accent3="accent3" accent4="accent4" accent5="accent5" accent6="accent6" hlink="hlink" folHlink="folHlink"/>"#;

/// The group every shape tree starts with.
const SP_TREE_START: &str = r#"<p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/><a:chOff x="0" y="0"/><a:chExt cx="0" cy="0"/></a:xfrm></p:grpSpPr>"#;

/// `<a:lvl1pPr>`…`<a:lvl9pPr>` in the theme's body font, `size` in hundredths of a point;
/// with `bullets`, indented with a bullet per level as body text is.
fn level_styles(size: u32, bullets: bool) -> String {
    let mut xml = String::new();
    for level in 1..=9u32 {
        let (indent, bullet) = if bullets {
            (
                format!(r#" marL="{}" indent="-228600""#, 228_600 * (2 * level - 1)),
                r#"<a:buFont typeface="Arial"/><a:buChar char="•"/>"#,
            )
        } else {
            (format!(r#" marL="{}" indent="0""#, 457_200 * (level - 1)), "")
        };
        let _ = write!(
            xml,
            r#"<a:lvl{level}pPr{indent} algn="l" defTabSz="914400" rtl="0" eaLnBrk="1" latinLnBrk="0" hangingPunct="1">{bullet}<a:defRPr sz="{size}" kern="1200"><a:solidFill><a:schemeClr val="tx1"/></a:solidFill><a:latin typeface="+mn-lt"/><a:ea typeface="+mn-ea"/><a:cs typeface="+mn-cs"/></a:defRPr></a:lvl{level}pPr>"#
        );
    }
    xml
}

/// A placeholder shape with an explicit position, its text `body` (paragraphs) or none.
fn placeholder(id: u32, name: &str, ph: &str, spot: (i64, i64, i64, i64), body: Option<&str>) -> String {
    let (x, y, cx, cy) = spot;
    let mut xml = format!(
        r#"<p:sp><p:nvSpPr><p:cNvPr id="{id}" name="{name}"/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr>{ph}</p:nvPr></p:nvSpPr><p:spPr><a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr>"#
    );
    if let Some(body) = body {
        let _ = write!(
            xml,
            r#"<p:txBody><a:bodyPr vert="horz" lIns="91440" tIns="45720" rIns="91440" bIns="45720" rtlCol="0" anchor="t"/><a:lstStyle/>{body}</p:txBody>"#
        );
    }
    xml.push_str("</p:sp>");
    xml
}

fn slide_master_xml(page: Page) -> String {
    let title = placeholder(
        2,
        "Title Placeholder 1",
        r#"<p:ph type="title"/>"#,
        page.place([0.05, 0.04, 0.9, 0.14]),
        Some(r#"<a:p><a:r><a:rPr lang="en-US"/><a:t>Click to edit Master title style</a:t></a:r></a:p>"#),
    );
    let body = placeholder(
        3,
        "Text Placeholder 2",
        r#"<p:ph type="body" idx="1"/>"#,
        page.place([0.05, 0.22, 0.9, 0.7]),
        Some(
            r#"<a:p><a:pPr lvl="0"/><a:r><a:rPr lang="en-US"/><a:t>Click to edit Master text styles</a:t></a:r></a:p>"#,
        ),
    );
    format!(
        concat!(
            r#"{XML_DECLARATION}<p:sldMaster xmlns:a="{NS_A}" xmlns:r="{NS_R}" xmlns:p="{NS_P}"><p:cSld>"#,
            r#"<p:bg><p:bgRef idx="1001"><a:schemeClr val="bg1"/></p:bgRef></p:bg>{SP_TREE_START}{title}{body}</p:spTree></p:cSld>"#,
            r#"{CLR_MAP}<p:sldLayoutIdLst><p:sldLayoutId id="{layout_id}" r:id="rId1"/></p:sldLayoutIdLst>"#,
            r#"<p:txStyles><p:titleStyle><a:lvl1pPr algn="l" defTabSz="914400" rtl="0" eaLnBrk="1" latinLnBrk="0" hangingPunct="1">"#,
            r#"<a:lnSpc><a:spcPct val="90000"/></a:lnSpc><a:spcBef><a:spcPct val="0"/></a:spcBef><a:buNone/>"#,
            r#"<a:defRPr sz="3600" kern="1200"><a:solidFill><a:schemeClr val="tx1"/></a:solidFill><a:latin typeface="+mj-lt"/><a:ea typeface="+mj-ea"/><a:cs typeface="+mj-cs"/></a:defRPr>"#,
            r#"</a:lvl1pPr></p:titleStyle><p:bodyStyle>{body_levels}</p:bodyStyle>"#,
            r#"<p:otherStyle><a:defPPr><a:defRPr lang="en-US"/></a:defPPr>{other_levels}</p:otherStyle></p:txStyles></p:sldMaster>"#
        ),
        XML_DECLARATION = XML_DECLARATION,
        NS_A = NS_A,
        NS_R = NS_R,
        NS_P = NS_P,
        SP_TREE_START = SP_TREE_START,
        CLR_MAP = CLR_MAP,
        title = title,
        body = body,
        layout_id = MASTER_ID + 1,
        body_levels = level_styles(2400, true),
        other_levels = level_styles(1800, false),
    )
}

/// "Title Only": the title placeholder where the master has it, the rest of the slide free.
fn slide_layout_xml() -> String {
    format!(
        concat!(
            r#"{XML_DECLARATION}<p:sldLayout xmlns:a="{NS_A}" xmlns:r="{NS_R}" xmlns:p="{NS_P}" type="titleOnly" preserve="1">"#,
            r#"<p:cSld name="Title Only">{SP_TREE_START}"#,
            r#"<p:sp><p:nvSpPr><p:cNvPr id="2" name="Title 1"/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph type="title"/></p:nvPr></p:nvSpPr><p:spPr/>"#,
            r#"<p:txBody><a:bodyPr/><a:lstStyle/><a:p><a:r><a:rPr lang="en-US"/><a:t>Click to edit Master title style</a:t></a:r></a:p></p:txBody></p:sp>"#,
            r#"</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sldLayout>"#
        ),
        XML_DECLARATION = XML_DECLARATION,
        NS_A = NS_A,
        NS_R = NS_R,
        NS_P = NS_P,
        SP_TREE_START = SP_TREE_START,
    )
}

/// The notes page: the slide's picture above, the notes below, where PowerPoint puts them.
fn notes_master_xml(page: Page) -> String {
    let (width, height) = NOTES_SIZE;
    // The slide image keeps the slide's aspect inside the top box PowerPoint uses.
    let (box_x, box_y, box_cx, box_cy) = (685_800, 685_800, 5_486_400, 3_429_000);
    let scale = (box_cx as f64 / page.cx as f64).min(box_cy as f64 / page.cy as f64);
    let (image_cx, image_cy) = (
        (page.cx as f64 * scale).round() as i64,
        (page.cy as f64 * scale).round() as i64,
    );
    let image = (
        box_x + (box_cx - image_cx) / 2,
        box_y + (box_cy - image_cy) / 2,
        image_cx,
        image_cy,
    );
    let body = (685_800, 4_400_550, width - 2 * 685_800, height - 4_400_550 - 685_800);
    let (ix, iy, icx, icy) = image;
    let (bx, by, bcx, bcy) = body;
    format!(
        concat!(
            r#"{XML_DECLARATION}<p:notesMaster xmlns:a="{NS_A}" xmlns:r="{NS_R}" xmlns:p="{NS_P}"><p:cSld>"#,
            r#"<p:bg><p:bgRef idx="1001"><a:schemeClr val="bg1"/></p:bgRef></p:bg>{SP_TREE_START}"#,
            r#"<p:sp><p:nvSpPr><p:cNvPr id="2" name="Slide Image Placeholder 1"/><p:cNvSpPr><a:spLocks noGrp="1" noRot="1" noChangeAspect="1"/></p:cNvSpPr><p:nvPr><p:ph type="sldImg" idx="2"/></p:nvPr></p:nvSpPr>"#,
            r#"<p:spPr><a:xfrm><a:off x="{ix}" y="{iy}"/><a:ext cx="{icx}" cy="{icy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/><a:ln w="12700"><a:solidFill><a:prstClr val="black"/></a:solidFill></a:ln></p:spPr></p:sp>"#,
            r#"<p:sp><p:nvSpPr><p:cNvPr id="3" name="Notes Placeholder 2"/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph type="body" sz="quarter" idx="3"/></p:nvPr></p:nvSpPr>"#,
            r#"<p:spPr><a:xfrm><a:off x="{bx}" y="{by}"/><a:ext cx="{bcx}" cy="{bcy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr>"#,
            r#"<p:txBody><a:bodyPr vert="horz" lIns="91440" tIns="45720" rIns="91440" bIns="45720" rtlCol="0"/><a:lstStyle/><a:p><a:pPr lvl="0"/><a:r><a:rPr lang="en-US"/><a:t>Click to edit Master text styles</a:t></a:r></a:p></p:txBody></p:sp>"#,
            r#"</p:spTree></p:cSld>{CLR_MAP}<p:notesStyle>{levels}</p:notesStyle></p:notesMaster>"#
        ),
        XML_DECLARATION = XML_DECLARATION,
        NS_A = NS_A,
        NS_R = NS_R,
        NS_P = NS_P,
        SP_TREE_START = SP_TREE_START,
        CLR_MAP = CLR_MAP,
        ix = ix,
        iy = iy,
        icx = icx,
        icy = icy,
        bx = bx,
        by = by,
        bcx = bcx,
        bcy = bcy,
        levels = level_styles(1200, false),
    )
}

fn slide_xml(slide: &PptxSlide, n: usize, page: Page) -> String {
    let size = if slide.title_size.is_finite() && slide.title_size > 0.0 {
        slide.title_size
    } else {
        DEFAULT_TITLE_PT
    };
    // DrawingML sizes are hundredths of a point, 1…4000 pt.
    let size = ((size * 100.0).round() as u32).clamp(100, 400_000);
    let (tx, ty, tcx, tcy) = page.place(slide.title_box);
    let (px, py, pcx, pcy) = page.place(slide.picture_box);
    let mut xml = format!(
        r#"{XML_DECLARATION}<p:sld xmlns:a="{NS_A}" xmlns:r="{NS_R}" xmlns:p="{NS_P}"><p:cSld>{SP_TREE_START}"#
    );
    // The picture first, so the title's text box lies on top of it; the title doubles as the
    // picture's alternative text, for screen readers.
    let _ = write!(
        xml,
        r#"<p:pic><p:nvPicPr><p:cNvPr id="3" name="Picture {n}" descr="{}"/><p:cNvPicPr><a:picLocks noChangeAspect="1"/></p:cNvPicPr><p:nvPr/></p:nvPicPr><p:blipFill><a:blip r:embed="rId2"/><a:stretch><a:fillRect/></a:stretch></p:blipFill><p:spPr><a:xfrm><a:off x="{px}" y="{py}"/><a:ext cx="{pcx}" cy="{pcy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic>"#,
        escape(&slide.title)
    );
    // No insets: the caller's box is where the letters go, lined up with the drawing.
    let _ = write!(
        xml,
        r#"<p:sp><p:nvSpPr><p:cNvPr id="2" name="Title 1"/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph type="title"/></p:nvPr></p:nvSpPr><p:spPr><a:xfrm><a:off x="{tx}" y="{ty}"/><a:ext cx="{tcx}" cy="{tcy}"/></a:xfrm></p:spPr><p:txBody><a:bodyPr vert="horz" wrap="square" lIns="0" tIns="0" rIns="0" bIns="0" rtlCol="0" anchor="ctr"><a:noAutofit/></a:bodyPr><a:lstStyle/>{}</p:txBody></p:sp>"#,
        paragraph(&slide.title, Some(size))
    );
    xml.push_str(r#"</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sld>"#);
    xml
}

/// The notes page of one slide: the slide image and the notes text, placed by the notes master.
fn notes_slide_xml(notes: &[String]) -> String {
    let mut body: String = notes.iter().map(|note| paragraph(note, None)).collect();
    if body.is_empty() {
        // A text body needs a paragraph, even an empty one.
        body = paragraph("", None);
    }
    format!(
        concat!(
            r#"{XML_DECLARATION}<p:notes xmlns:a="{NS_A}" xmlns:r="{NS_R}" xmlns:p="{NS_P}"><p:cSld>{SP_TREE_START}"#,
            r#"<p:sp><p:nvSpPr><p:cNvPr id="2" name="Slide Image Placeholder 1"/><p:cNvSpPr><a:spLocks noGrp="1" noRot="1" noChangeAspect="1"/></p:cNvSpPr><p:nvPr><p:ph type="sldImg"/></p:nvPr></p:nvSpPr><p:spPr/></p:sp>"#,
            r#"<p:sp><p:nvSpPr><p:cNvPr id="3" name="Notes Placeholder 2"/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph type="body" idx="1"/></p:nvPr></p:nvSpPr><p:spPr/>"#,
            r#"<p:txBody><a:bodyPr/><a:lstStyle/>{body}</p:txBody></p:sp>"#,
            r#"</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:notes>"#
        ),
        XML_DECLARATION = XML_DECLARATION,
        NS_A = NS_A,
        NS_R = NS_R,
        NS_P = NS_P,
        SP_TREE_START = SP_TREE_START,
        body = body,
    )
}

/// One `<a:p>` of `text`, its line breaks kept as `<a:br/>`; `size` in hundredths of a point
/// where the paragraph does not take the style's.
fn paragraph(text: &str, size: Option<u32>) -> String {
    // The language decides the font slot and the spelling checker; Chinese text wants the East
    // Asian font and line breaking.
    let lang = if text.chars().any(crate::text::is_cjk) {
        r#"lang="zh-CN" altLang="en-US""#
    } else {
        r#"lang="en-US""#
    };
    let size = size.map(|s| format!(r#" sz="{s}""#)).unwrap_or_default();
    // A sized paragraph is a slide title: bold, like the titles of the PNG and PDF slides.
    let bold = if size.is_empty() { "" } else { r#" b="1""# };
    let properties = format!(r#"{lang}{size}{bold} dirty="0""#);
    let mut xml = String::from("<a:p>");
    for (index, line) in text.split('\n').enumerate() {
        if index > 0 {
            let _ = write!(xml, "<a:br><a:rPr {properties}/></a:br>");
        }
        let line = escape(line);
        if !line.is_empty() {
            let _ = write!(xml, "<a:r><a:rPr {properties}/><a:t>{line}</a:t></a:r>");
        }
    }
    let _ = write!(xml, "<a:endParaRPr {properties}/></a:p>");
    xml
}

/// Text for element content and double-quoted attributes. Characters XML 1.0 forbids
/// (control characters but tab, line feed and carriage return; U+FFFE, U+FFFF) are dropped, so
/// odd input cannot make the whole deck unreadable; carriage returns too, as line breaks are
/// written as `<a:br/>` and a stray one would show as a box.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' => out.push(c),
            '\u{FFFE}' | '\u{FFFF}' => {}
            c if c < ' ' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_drops_what_xml_forbids() {
        assert_eq!(
            escape("a<b>&\"c\"\u{1}\u{FFFF}\r\td"),
            "a&lt;b&gt;&amp;&quot;c&quot;\td"
        );
    }

    #[test]
    fn sizes_keep_the_height_and_scale_the_width() {
        let wide = Page::new((1920, 1080)).expect("size");
        assert_eq!((wide.cx, wide.cy), (12_192_000, 6_858_000));
        let standard = Page::new((1440, 1080)).expect("size");
        assert_eq!((standard.cx, standard.cy), (9_144_000, 6_858_000));
        assert!(Page::new((0, 1080)).is_err());
    }

    #[test]
    fn boxes_stay_on_the_slide() {
        let page = Page::new((1920, 1080)).expect("size");
        assert_eq!(
            page.place([0.5, 0.5, 1.0, f32::NAN]),
            (6_096_000, 3_429_000, 6_096_000, 0)
        );
    }

    #[test]
    fn paragraphs_mark_language_and_breaks() {
        let p = paragraph("银行\nloan", Some(2800));
        assert!(p.contains(r#"lang="zh-CN""#));
        assert!(p.contains("<a:br>"));
        assert!(paragraph("loan", None).contains(r#"lang="en-US""#));
    }
}
