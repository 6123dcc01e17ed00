//! `blueprint-studio export FILE -o OUT.png|OUT.svg [options]`

use super::{EXIT_BAD_INPUT, EXIT_OK, EXIT_USAGE};
use crate::export::{
    Background, ExportOptions, Format, SCALE_RANGE, Slide, export_scene, export_to_file,
    per_stage_path,
};
use crate::file;
use crate::layout::LayoutOptions;
use crate::model::Blueprint;
use crate::text::missing_chars;
use clap::Args;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Options of `export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The blueprint to export.
    pub file: PathBuf,
    /// Output file; its extension (.png or .svg) picks the format.
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
}

fn parse_scale(text: &str) -> Result<f32, String> {
    let value: f32 = text
        .parse()
        .map_err(|_| format!("`{text}` is not a number"))?;
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
    let dpi: f32 = text
        .parse()
        .map_err(|_| format!("`{text}` is not a number"))?;
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
    Background::parse(text)
        .ok_or_else(|| format!("`{text}` is not a background; use white, transparent or #RRGGBB"))
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
    let Some(format) = Format::from_path(&args.output) else {
        let _ = writeln!(
            err,
            "error: cannot tell the format of {}: use one of {}",
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
    let scale = args.scale.or(args.dpi.map(|dpi| dpi / 96.0)).unwrap_or(2.0);
    let mut options = ExportOptions {
        scale,
        slide: args.slide,
        background: args.background,
        border: args.border,
        layout: LayoutOptions {
            title: !args.no_title,
            legend: !args.no_legend,
        },
        ..ExportOptions::default()
    };
    if let Some(range) = &args.stages {
        match stage_range(&blueprint, range) {
            Ok(range) => options.stages = Some(range),
            Err(message) => {
                let _ = writeln!(err, "error: --stages: {message}");
                return ExitCode::from(EXIT_USAGE);
            }
        }
    }
    let jobs: Vec<(PathBuf, Option<(usize, usize)>)> = if args.per_stage {
        blueprint
            .stages
            .iter()
            .enumerate()
            .map(|(j, stage)| {
                (
                    per_stage_path(&args.output, j, stage.id.as_str()),
                    Some((j, j)),
                )
            })
            .collect()
    } else {
        vec![(args.output.clone(), options.stages)]
    };
    for (path, stages) in jobs {
        let options = ExportOptions {
            stages,
            ..options.clone()
        };
        let scene = match export_scene(&blueprint, &options) {
            Ok(scene) => scene,
            Err(error) => {
                let _ = writeln!(err, "error: {error}");
                return ExitCode::from(EXIT_USAGE);
            }
        };
        let missing = missing_chars(&scene.all_text());
        if !missing.is_empty() {
            let list: Vec<String> = missing
                .iter()
                .map(|c| format!("{c} (U+{:04X})", *c as u32))
                .collect();
            let _ = writeln!(
                err,
                "{}: warning: the bundled font has no glyph for {}; they show as boxes in {}",
                args.file.display(),
                list.join(", "),
                path.display()
            );
        }
        let frame = crate::export::Frame::new(scene.bounds, &options);
        let big = u64::from(frame.width) * u64::from(frame.height) > 40_000_000;
        let mut last_shown = 0;
        let mut progress = |done: f32| {
            let percent = (done * 100.0) as u32;
            if big && percent >= last_shown + 10 {
                last_shown = percent;
                eprint!("\rexporting {}: {percent:3}%", path.display());
                if percent >= 100 {
                    eprintln!();
                }
            }
        };
        match export_to_file(&scene, &options, format, &path, &mut progress) {
            Ok(written) => {
                let _ = writeln!(
                    out,
                    "{}: {} × {} px",
                    written.path.display(),
                    written.width,
                    written.height
                );
            }
            Err(error @ crate::export::ExportError::TooLarge { .. }) => {
                let _ = writeln!(err, "error: {error}");
                return ExitCode::from(EXIT_USAGE);
            }
            Err(error) => {
                let _ = writeln!(err, "error: {error}");
                return ExitCode::from(EXIT_BAD_INPUT);
            }
        }
    }
    ExitCode::from(EXIT_OK)
}
