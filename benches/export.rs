//! Export benchmark, whole processes side by side with resvg in one run:
//!
//!     cargo bench --bench export
//!
//! - the coffee-shop sample as a 1920×1080 slide (ours vs resvg on our SVG of it),
//! - a generated 1,000-step blueprint as a 4K slide (ours vs resvg),
//! - a ~30,000 × 4,200 px image (time and peak memory),
//! - a generated 5,000-step blueprint as a 1920×1080 slide, where nearly all text is under the
//!   PNG's glyph threshold (in process and as a whole process with peak memory),
//! - loading the 1,000-step file.
//!
//! resvg is the reference Rust SVG renderer (`cargo install resvg`); it is given our bundled
//! fonts only. Results go into docs/PERFORMANCE.md by hand.

use blueprint_studio::{export, file, generate, layout, style};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const RUNS: usize = 15;

fn ours() -> &'static str {
    env!("CARGO_BIN_EXE_blueprint-studio")
}

fn resvg() -> Option<PathBuf> {
    let candidates = [
        std::env::var_os("RESVG").map(PathBuf::from),
        std::env::var_os("HOME").map(|h| Path::new(&h).join(".cargo/bin/resvg")),
        Some(PathBuf::from("resvg")),
    ];
    candidates.into_iter().flatten().find(|p| {
        Command::new(p)
            .arg("--version")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    })
}

/// Runs `command` `RUNS` times; returns (median, min) wall time and the peak RSS (kB) seen.
fn time(program: &Path, args: &[&str]) -> (Duration, Duration, u64) {
    let mut times = Vec::with_capacity(RUNS);
    let mut peak = 0;
    for _ in 0..RUNS {
        let start = Instant::now();
        let mut child = Command::new(program)
            .args(args)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawns");
        let status_path = format!("/proc/{}/status", child.id());
        // Poll the kernel's high-water mark until the process exits.
        let status = loop {
            if let Ok(status) = std::fs::read_to_string(&status_path)
                && let Some(kb) = status
                    .lines()
                    .find_map(|l| l.strip_prefix("VmHWM:"))
                    .and_then(|v| v.trim().trim_end_matches(" kB").trim().parse::<u64>().ok())
            {
                peak = peak.max(kb);
            }
            if let Some(status) = child.try_wait().expect("waits") {
                break status;
            }
            std::thread::sleep(Duration::from_micros(500));
        };
        times.push(start.elapsed());
        assert!(status.success(), "{} {args:?} failed", program.display());
    }
    times.sort();
    (times[RUNS / 2], times[0], peak)
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    // `cargo test --all-targets` runs bench binaries too; measuring belongs to `cargo bench`.
    if !std::env::args().any(|a| a == "--bench") {
        println!("benchmark: run it with `cargo bench --bench export`");
        return;
    }
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("bench-export");
    std::fs::create_dir_all(&dir).expect("bench dir");
    let big = dir.join("steps-1000.ron");
    file::save(&big, &generate::synthetic(1000, 20)).expect("save 1000");
    let wide = dir.join("wide.ron");
    let wide_blueprint = generate::synthetic(960, 64);
    file::save(&wide, &wide_blueprint).expect("save wide");
    let wide_layout = layout::layout(
        &wide_blueprint,
        &style::Style::default(),
        layout::LayoutOptions::default(),
    );
    let wide_scale = format!("{:.4}", 30_000.0 / wide_layout.bounds.width());
    let p = |name: &str| dir.join(name).to_string_lossy().into_owned();
    let coffee = "samples/zh/coffee-shop.ron";
    let resvg = resvg();
    let fonts = [
        "--skip-system-fonts",
        "--use-font-file",
        "assets/fonts/NotoSansCJKsc-Regular-subset.otf",
        "--use-font-file",
        "assets/fonts/NotoSansCJKsc-Bold-subset.otf",
    ];

    println!("| what | ours (median / min) | resvg on our SVG (median / min) | ours ÷ resvg |");
    println!("|---|---|---|---|");
    for (what, input, size, out) in [
        ("coffee-shop sample, 1920×1080 slide", coffee, "16:9", "coffee"),
        (
            "1,000 steps, 3840×2160 slide",
            big.to_str().expect("utf-8"),
            "4k",
            "big",
        ),
    ] {
        let (med, min, _) = time(
            Path::new(ours()),
            &["export", input, "-o", &p(&format!("{out}.png")), "--slide", size],
        );
        let svg = p(&format!("{out}.svg"));
        let status = Command::new(ours())
            .args(["export", input, "-o", &svg, "--slide", size])
            .status()
            .expect("svg export");
        assert!(status.success());
        match &resvg {
            Some(resvg) => {
                let resvg_png = p(&format!("{out}-resvg.png"));
                let mut args = vec![svg.as_str(), resvg_png.as_str()];
                args.extend(fonts);
                let (rmed, rmin, _) = time(resvg, &args);
                println!(
                    "| {what} | {} / {} | {} / {} | {:.2} |",
                    ms(med),
                    ms(min),
                    ms(rmed),
                    ms(rmin),
                    med.as_secs_f64() / rmed.as_secs_f64()
                );
            }
            None => println!(
                "| {what} | {} / {} | resvg not installed (`cargo install resvg`) | – |",
                ms(med),
                ms(min)
            ),
        }
    }

    let (med, min, peak) = time(
        Path::new(ours()),
        &[
            "export",
            wide.to_str().expect("utf-8"),
            "-o",
            &p("wide.png"),
            "--scale",
            &wide_scale,
        ],
    );
    let size = image_size(&dir.join("wide.png"));
    println!();
    println!("| what | median / min | peak memory |");
    println!("|---|---|---|");
    println!(
        "| {} × {} px PNG (960 steps, 64 stages) | {} / {} | {:.0} MB |",
        size.0,
        size.1,
        ms(med),
        ms(min),
        peak as f64 / 1024.0
    );
    let huge_blueprint = generate::synthetic(5000, 100);
    let huge = dir.join("steps-5000.ron");
    file::save(&huge, &huge_blueprint).expect("save 5000");
    let options = export::ExportOptions {
        slide: Some(export::Slide::Wide),
        ..export::ExportOptions::default()
    };
    let mut times = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        let start = Instant::now();
        let scene = export::export_scene(&huge_blueprint, &options).expect("scene");
        let frame = export::Frame::new(scene.bounds, &options);
        let mut png = Vec::new();
        export::write_png(&scene, &frame, options.background, &mut png, &mut |_| {}).expect("png");
        std::hint::black_box(png);
        times.push(start.elapsed());
    }
    times.sort();
    println!(
        "| 1920×1080 slide of 5,000 steps, in process (layout + scene + raster + PNG encode) | {} / {} | |",
        ms(times[RUNS / 2]),
        ms(times[0])
    );
    let (med, min, peak) = time(
        Path::new(ours()),
        &[
            "export",
            huge.to_str().expect("utf-8"),
            "-o",
            &p("huge.png"),
            "--slide",
            "16:9",
        ],
    );
    println!(
        "| 1920×1080 slide of 5,000 steps, whole process (load + the above) | {} / {} | {:.0} MB |",
        ms(med),
        ms(min),
        peak as f64 / 1024.0
    );
    let (med, min, peak) = time(Path::new(ours()), &["check", big.to_str().expect("utf-8")]);
    println!(
        "| load + validate the 1,000-step file (`check`, whole process) | {} / {} | {:.0} MB |",
        ms(med),
        ms(min),
        peak as f64 / 1024.0
    );
    let text = std::fs::read_to_string(&big).expect("read");
    let start = Instant::now();
    for _ in 0..RUNS {
        std::hint::black_box(file::parse(&text).expect("parses"));
    }
    println!(
        "| parse the 1,000-step file ({} KB) in process | {} | |",
        text.len() / 1024,
        ms(start.elapsed() / RUNS as u32)
    );
    deck_rows(&p);
}

/// A whole deck of the largest sample, per format, as a whole process, with its size on disk.
fn deck_rows(p: &dyn Fn(&str) -> String) {
    let sample = "samples/en/order-delivery.ron";
    for ext in ["png", "pdf", "pptx"] {
        let out = p(&format!("deck.{ext}"));
        let (med, min, peak) = time(Path::new(ours()), &["export", sample, "--deck", "-o", &out]);
        let stem = out.trim_end_matches(&format!(".{ext}")).to_owned();
        let bytes: u64 = if ext == "png" {
            (1..=40)
                .map(|i| format!("{stem}-{i:02}.png"))
                .filter_map(|f| std::fs::metadata(f).ok())
                .map(|m| m.len())
                .sum()
        } else {
            std::fs::metadata(&out).map_or(0, |m| m.len())
        };
        println!(
            "| deck of {sample} as {ext}, whole process | {} / {} | {:.0} MB | {} KB on disk |",
            ms(med),
            ms(min),
            peak as f64 / 1024.0,
            bytes / 1024
        );
    }
}

fn image_size(path: &Path) -> (u32, u32) {
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(path).expect("png")));
    let reader = decoder.read_info().expect("png header");
    (reader.info().width, reader.info().height)
}
