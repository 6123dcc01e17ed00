//! `blueprint-studio export FILE -o OUT.png|OUT.svg [options]`

use super::{EXIT_BAD_INPUT, EXIT_OK, EXIT_USAGE};
use crate::analysis::HighlightSpec;
use crate::export::deck::{self, DeckOptions};
use crate::export::{
    Background, ExportError, ExportOptions, ExportRequest, Format, Progress, SCALE_RANGE, Slide, SvgText,
};
use crate::file;
use crate::layout::LayoutOptions;
use crate::model::Blueprint;
use clap::Args;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Options of `export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The blueprint to export.
    pub file: PathBuf,
    /// Output file; its extension (.png, .svg, .pdf or .pptx) picks the format.
    #[arg(short, long)]
    pub output: PathBuf,
    /// Pixels per blueprint unit, 0.25–8: the vector drawing is re-rendered at that scale.
    #[arg(long, value_parser = parse_scale, conflicts_with_all = ["dpi", "slide"])]
    pub scale: Option<f32>,
    /// Resolution in dots per inch (96 = scale 1); another way to give --scale.
    #[arg(long, value_parser = parse_dpi, conflicts_with = "slide")]
    pub dpi: Option<f32>,
    /// Fit into a slide: 16:9 (1920×1080), 4:3 (1440×1080) or 4k (3840×2160), centred.
    #[arg(long, value_parser = parse_slide)]
    pub slide: Option<Slide>,
    /// white, transparent or #RRGGBB.
    #[arg(long, default_value = "white", value_parser = parse_background)]
    pub background: Background,
    /// Extra space around the drawing, in pixels.
    #[arg(long, default_value_t = 0, value_parser = clap::value_parser!(u32).range(0..=2000))]
    pub border: u32,
    /// Leave out the legend.
    #[arg(long)]
    pub no_legend: bool,
    /// Leave out the title block.
    #[arg(long)]
    pub no_title: bool,
    /// Only stages FROM..TO: 1-based numbers or stage ids, e.g. 2..4 or order..pay.
    #[arg(long, conflicts_with = "per_stage")]
    pub stages: Option<String>,
    /// One image per stage: OUT-01-<stage>.png, OUT-02-…, lane names repeated on each.
    #[arg(long)]
    pub per_stage: bool,
    /// Draw analysis results: any of critical-path, visibility, heat, waits (comma-separated).
    #[arg(long, value_parser = HighlightSpec::parse, value_name = "LIST")]
    pub highlight: Option<HighlightSpec>,
    /// SVG: write text as glyph outlines instead of text in an embedded font, for programs
    /// that ignore web fonts.
    #[arg(long)]
    pub text_as_paths: bool,
    /// A deck for teaching: an overview slide, then slides of consecutive stages with readable
    /// text; 16:9 (default) or 4:3. PNG and SVG give OUT-01.png, OUT-02.png, …
    #[arg(
        long,
        value_name = "ASPECT",
        num_args = 0..=1,
        default_missing_value = "16:9",
        value_parser = parse_deck_aspect,
        conflicts_with_all = ["slide", "scale", "dpi", "stages", "per_stage", "no_title", "no_legend", "border"]
    )]
    pub deck: Option<Slide>,
    /// Deck as PDF: a handout page with the talking points after each slide.
    #[arg(long, requires = "deck")]
    pub notes: bool,
    /// Deck: the smallest text on content slides, in pixels of a 1080-pixel-high slide.
    #[arg(long, value_name = "PX", requires = "deck", value_parser = parse_min_text)]
    pub min_text: Option<f32>,
}

fn parse_deck_aspect(text: &str) -> Result<Slide, String> {
    match Slide::parse(text) {
        Some(slide @ (Slide::Wide | Slide::Standard)) => Ok(slide),
        _ => Err(format!("`{text}` is not a deck aspect: use 16:9 or 4:3")),
    }
}

fn parse_min_text(text: &str) -> Result<f32, String> {
    let value: f32 = text.parse().map_err(|_| format!("`{text}` is not a number"))?;
    let range = crate::export::deck::MIN_TEXT_RANGE;
    if range.contains(&value) {
        Ok(value)
    } else {
        Err(format!("{value} px is outside {}–{} px", range.start(), range.end()))
    }
}

fn parse_scale(text: &str) -> Result<f32, String> {
    let value: f32 = text.parse().map_err(|_| format!("`{text}` is not a number"))?;
    if SCALE_RANGE.contains(&value) {
        Ok(value)
    } else {
        Err(format!(
            "scale {value} is outside {}–{}",
            SCALE_RANGE.start(),
            SCALE_RANGE.end()
        ))
    }
}

fn parse_dpi(text: &str) -> Result<f32, String> {
    let dpi: f32 = text.parse().map_err(|_| format!("`{text}` is not a number"))?;
    parse_scale(&(dpi / 96.0).to_string()).map_err(|_| {
        format!(
            "{dpi} dpi is outside {}–{} dpi",
            SCALE_RANGE.start() * 96.0,
            SCALE_RANGE.end() * 96.0
        )
    })
}

fn parse_slide(text: &str) -> Result<Slide, String> {
    Slide::parse(text).ok_or_else(|| format!("`{text}` is not a slide size; use 16:9, 4:3 or 4k"))
}

fn parse_background(text: &str) -> Result<Background, String> {
    Background::parse(text).ok_or_else(|| format!("`{text}` is not a background; use white, transparent or #RRGGBB"))
}

/// Resolves `FROM..TO` against the blueprint's stages: 1-based numbers or ids.
fn stage_range(blueprint: &Blueprint, text: &str) -> Result<(usize, usize), String> {
    let (from, to) = text
        .split_once("..")
        .ok_or_else(|| format!("`{text}` is not a range; write FROM..TO, e.g. 2..4"))?;
    let count = blueprint.stages.len();
    let resolve = |part: &str| -> Result<usize, String> {
        let part = part.trim();
        if let Ok(number) = part.parse::<usize>() {
            return if (1..=count).contains(&number) {
                Ok(number - 1)
            } else {
                Err(format!(
                    "stage {number} does not exist; the blueprint has stages 1..{count}"
                ))
            };
        }
        blueprint
            .stages
            .iter()
            .position(|s| s.id.as_str() == part)
            .ok_or_else(|| {
                let ids: Vec<&str> = blueprint.stages.iter().map(|s| s.id.as_str()).collect();
                format!("no stage `{part}`; the stages are {}", ids.join(", "))
            })
    };
    let (from, to) = (resolve(from)?, resolve(to)?);
    if from > to {
        return Err(format!("`{text}` runs backwards"));
    }
    Ok((from, to))
}

/// Runs `export`.
pub fn run(args: &ExportArgs, out: &mut dyn Write, err: &mut dyn Write) -> ExitCode {
    let extension = args
        .output
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match extension.as_deref() {
        Some("csv") => return steps_table(args, out, err),
        Some("xlsx") => {
            let _ = writeln!(
                err,
                "error: steps are exported as .csv, which Excel and WPS open; .xlsx is read by `import`"
            );
            return ExitCode::from(EXIT_USAGE);
        }
        _ => {}
    }
    let Some(format) = Format::from_path(&args.output) else {
        let _ = writeln!(
            err,
            "error: cannot tell the format of {}: use one of {}, or .csv for the steps as a table",
            args.output.display(),
            Format::KNOWN
        );
        return ExitCode::from(EXIT_USAGE);
    };
    let blueprint = match file::open(&args.file) {
        Ok(blueprint) => blueprint,
        Err(error) => {
            let _ = writeln!(err, "{error}");
            return ExitCode::from(EXIT_BAD_INPUT);
        }
    };
    let request = match request(args, &blueprint) {
        Ok(request) => request,
        Err(message) => {
            let _ = writeln!(err, "error: {message}");
            return ExitCode::from(EXIT_USAGE);
        }
    };
    let mut shown: Option<(usize, u32)> = None;
    // A line redrawn in place means nothing in a log or a pipe.
    let terminal = std::io::IsTerminal::is_terminal(&std::io::stderr());
    let mut progress = |step: Progress| {
        // Only exports of several bands report progress; a slide is one band and done at once.
        if !terminal || step.is_complete() || step.part <= 0.0 {
            return true;
        }
        let (file, done) = (step.done, step.part);
        let percent = (done * 100.0) as u32;
        let started = shown.is_some_and(|(f, _)| f == file);
        if (done < 1.0 || started) && shown != Some((file, percent / 10)) {
            shown = Some((file, percent / 10));
            eprint!("\rexporting image {}: {percent:3}%", file + 1);
            if done >= 1.0 {
                eprintln!();
            }
        }
        true
    };
    let result = request.run(&blueprint, format, &args.output, &mut progress);
    report_result(args, result, out, err)
}

/// `export FILE -o STEPS.csv`: the steps as a table, one row per step.
fn steps_table(args: &ExportArgs, out: &mut dyn Write, err: &mut dyn Write) -> ExitCode {
    let written = file::open(&args.file).map_err(|e| e.to_string()).and_then(|b| {
        let bytes = crate::table::write_csv(&b).map_err(|e| e.to_string())?;
        file::write_atomically(&args.output, &bytes, false)
            .map_err(|e| format!("cannot write {}: {e}", args.output.display()))?;
        Ok((b.steps.len(), crate::table::LeftOut::of(&b)))
    });
    match written {
        Ok((steps, left_out)) => {
            let _ = writeln!(out, "{}: {steps} steps", args.output.display());
            if !left_out.is_empty() {
                let _ = writeln!(
                    err,
                    "{}: warning: a steps table keeps no stage markers ({}) or review notes ({}); docs/FORMAT.md lists what it keeps",
                    args.output.display(),
                    left_out.stage_markers,
                    left_out.notes
                );
            }
            ExitCode::from(EXIT_OK)
        }
        Err(message) => {
            let _ = writeln!(err, "{message}");
            ExitCode::from(EXIT_BAD_INPUT)
        }
    }
}

/// What the arguments ask for: a deck, or one image (or one per stage).
fn request(args: &ExportArgs, blueprint: &Blueprint) -> Result<ExportRequest, String> {
    let text = if args.text_as_paths {
        SvgText::Paths
    } else {
        SvgText::EmbeddedFont
    };
    if let Some(aspect) = args.deck {
        return Ok(ExportRequest::Deck {
            options: DeckOptions {
                aspect,
                min_text: args.min_text.unwrap_or(deck::DEFAULT_MIN_TEXT),
                highlight: args.highlight.unwrap_or_default(),
                background: args.background,
            },
            text,
            handouts: args.notes,
        });
    }
    let stages = match &args.stages {
        Some(range) => Some(stage_range(blueprint, range).map_err(|message| format!("--stages: {message}"))?),
        None => None,
    };
    Ok(ExportRequest::Images {
        options: ExportOptions {
            scale: args.scale.or(args.dpi.map(|dpi| dpi / 96.0)).unwrap_or(2.0),
            slide: args.slide,
            background: args.background,
            border: args.border,
            layout: LayoutOptions {
                title: !args.no_title,
                legend: !args.no_legend,
            },
            stages,
            highlight: args.highlight.unwrap_or_default(),
            text_as_paths: args.text_as_paths,
        },
        per_stage: args.per_stage,
    })
}

/// Prints what an export wrote, or why it failed, and the exit status.
fn report_result(
    args: &ExportArgs,
    result: Result<crate::export::Report, ExportError>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> ExitCode {
    match result {
        Ok(report) => {
            for warning in &report.warnings {
                let _ = writeln!(err, "{}: warning: {warning}", args.file.display());
            }
            for (path, missing) in &report.missing {
                let list: Vec<String> = missing.iter().map(|c| format!("{c} (U+{:04X})", *c as u32)).collect();
                let _ = writeln!(
                    err,
                    "{}: warning: the bundled font has no glyph for {}; they show as boxes in {}",
                    args.file.display(),
                    list.join(", "),
                    path.display()
                );
            }
            for written in &report.written {
                let (path, w, h) = (written.path.display(), written.width, written.height);
                let _ = match written.slides {
                    1 => writeln!(out, "{path}: {w} × {h} px"),
                    n => writeln!(out, "{path}: {n} slides of {w} × {h} px"),
                };
            }
        }
        Err(error @ (ExportError::TooLarge { .. } | ExportError::StageRange { .. })) => {
            let _ = writeln!(err, "error: {error}");
            return ExitCode::from(EXIT_USAGE);
        }
        Err(error) => {
            let _ = writeln!(err, "error: {error}");
            return ExitCode::from(EXIT_BAD_INPUT);
        }
    }
    ExitCode::from(EXIT_OK)
}
