//! The command line's media exports: `render --format png|pdf|svg`, the
//! format taken from the output's extension, and `render --gif` (frames,
//! size, one global palette, only the changed region after the first).
//! Run with `cargo test --features cli`.
#![cfg(not(target_arch = "wasm32"))]
#![cfg(feature = "cli")]

#[allow(dead_code)]
#[path = "common/cli.rs"]
mod cli;
use cli::*;
use std::path::Path;

const SEED: &str = "examples/scenes/seed-default.json"; // 20 steps, GD and momentum
const RACE: &str = "examples/scenes/gd-vs-momentum-eta-0.6.json"; // GD diverging

struct Gif {
    width: u16,
    height: u16,
    global_palette: bool,
    local_palettes: usize,
    /// (left, top, width, height) of every frame.
    rects: Vec<(u16, u16, u16, u16)>,
}

fn decode_gif(path: &Path) -> Gif {
    let mut opts = gif::DecodeOptions::new();
    opts.set_color_output(gif::ColorOutput::Indexed);
    let mut d = opts
        .read_info(std::fs::File::open(path).expect("the GIF was written"))
        .expect("a GIF");
    let (width, height) = (d.width(), d.height());
    let global_palette = d.global_palette().is_some_and(|p| p.len() == 256 * 3);
    let (mut rects, mut local_palettes) = (Vec::new(), 0);
    while let Some(f) = d.read_next_frame().expect("every frame decodes") {
        rects.push((f.left, f.top, f.width, f.height));
        local_palettes += usize::from(f.palette.is_some());
    }
    Gif {
        width,
        height,
        global_palette,
        local_palettes,
        rects,
    }
}

/// Width, height and RGBA pixels of a PNG.
fn decode_png(path: &Path) -> (u32, u32, Vec<u8>) {
    let p = tiny_skia::Pixmap::load_png(path).expect("a PNG");
    (p.width(), p.height(), p.data().to_vec())
}

/// How many distinct colours, and how far from white the image is.
fn not_blank(rgba: &[u8]) -> bool {
    let dark = rgba
        .chunks_exact(4)
        .filter(|c| c[0] < 128 && c[1] < 128)
        .count();
    let colours: std::collections::BTreeSet<&[u8]> = rgba.chunks_exact(4).collect();
    dark > 500 && colours.len() > 50
}

#[test]
fn gif_has_one_frame_per_step_one_palette_and_small_later_frames() {
    let out = tmp("race.gif");
    let o = run(&[
        "render",
        RACE,
        "--gif",
        "-o",
        s(&out),
        "--width",
        "400",
        "--height",
        "300",
    ]);
    assert_ok(&o);
    let g = decode_gif(&out);
    assert_eq!((g.width, g.height), (400, 300));
    assert_eq!(g.rects.len(), 21, "steps + 1 frames");
    assert!(g.global_palette, "one global palette of 256 colours");
    assert_eq!(g.local_palettes, 0, "no frame has its own palette");
    assert_eq!(
        g.rects[0],
        (0, 0, 400, 300),
        "the first frame is the canvas"
    );
    let full = 400 * 300;
    let areas: Vec<usize> = g.rects[1..]
        .iter()
        .map(|r| r.2 as usize * r.3 as usize)
        .collect();
    assert!(
        areas.iter().any(|&a| a < full / 2),
        "later frames cover only what changed: {areas:?}"
    );
    for r in &g.rects {
        assert!(
            r.0 + r.2 <= 400 && r.1 + r.3 <= 300,
            "{r:?} inside the canvas"
        );
    }
}

#[test]
fn gif_every_k_keeps_the_last_step_and_format_gif_is_the_same() {
    let out = tmp("every.gif");
    let o = run(&[
        "render",
        SEED,
        "-o",
        s(&out),
        "--format",
        "gif",
        "--every",
        "6",
        "--fps",
        "4",
        "--width",
        "300",
        "--height",
        "200",
    ]);
    assert_ok(&o);
    let g = decode_gif(&out);
    // Steps 0, 6, 12, 18 and the last, 20.
    assert_eq!(g.rects.len(), 5);
    assert_eq!((g.width, g.height), (300, 200));
    // The extension alone picks GIF too.
    let out2 = tmp("ext.gif");
    assert_ok(&run(&[
        "render",
        SEED,
        "-o",
        s(&out2),
        "--every",
        "10",
        "--width",
        "300",
        "--height",
        "200",
    ]));
    assert_eq!(decode_gif(&out2).rects.len(), 3);
    // The frame delay is 1/fps (4 fps: 25/100 s) but the last frame's hold.
    let mut d = gif::DecodeOptions::new()
        .read_info(std::fs::File::open(&out).unwrap())
        .unwrap();
    let first = d.read_next_frame().unwrap().unwrap().delay;
    assert_eq!(first, 25);
}

#[test]
fn png_has_the_figure_at_its_size_in_both_languages() {
    for lang in ["en", "zh"] {
        let out = tmp(&format!("fig-{lang}.png"));
        let o = run(&[
            "--lang",
            lang,
            "render",
            RACE,
            "-o",
            s(&out),
            "--width",
            "640",
            "--height",
            "420",
        ]);
        assert_ok(&o);
        let (w, h, px) = decode_png(&out);
        assert_eq!((w, h), (640, 420));
        assert!(not_blank(&px), "{lang}: the figure is drawn");
    }
    // --format wins over the extension (a mismatch is the user's choice).
    let out = tmp("really-a-png.svg");
    assert_ok(&run(&["render", SEED, "-o", s(&out), "--format", "png"]));
    assert_eq!(decode_png(&out).0, 800);
}

#[test]
fn pdf_is_one_vector_page_that_a_reader_renders() {
    let out = tmp("fig.pdf");
    assert_ok(&run(&["--lang", "zh", "render", RACE, "-o", s(&out)]));
    let bytes = std::fs::read(&out).unwrap();
    assert!(bytes.starts_with(b"%PDF-"), "a PDF");
    let text = String::from_utf8_lossy(&bytes);
    // Its page is the figure's size in points, its fonts embedded.
    assert!(text.contains("/MediaBox [0 0 800 560]"), "800 × 560 pt");
    assert!(text.contains("/FontFile"), "fonts embedded");
    if std::process::Command::new("pdftoppm")
        .arg("-v")
        .output()
        .is_err()
    {
        eprintln!("SKIPPED the pdftoppm rendering: pdftoppm (poppler-utils) is not installed; scripts/dev.sh installs it");
        return;
    }
    let prefix = tmp("pdf-page");
    let o = std::process::Command::new("pdftoppm")
        .args(["-png", "-r", "72", "-singlefile", s(&out), s(&prefix)])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let (w, h, px) = decode_png(&prefix.with_extension("png"));
    assert_eq!((w, h), (800, 560));
    assert!(not_blank(&px), "pdftoppm draws the figure");
}

#[test]
fn svg_stays_the_default_and_an_unknown_extension_is_refused() {
    // No extension: SVG.
    let out = tmp("fig");
    assert_ok(&run(&["render", SEED, "-o", s(&out)]));
    let svg = std::fs::read_to_string(&out).unwrap();
    assert!(svg.starts_with("<svg"));
    assert!(svg.contains(r#"font-family="DejaVu Sans, Noto Sans CJK SC,"#));
    let out = tmp("fig.png");
    assert_ok(&run(&["render", SEED, "-o", s(&out), "--format", "svg"]));
    assert!(std::fs::read_to_string(&out).unwrap().starts_with("<svg"));
    // fig.jpg got SVG text (exit 0), which a slide then could not read.
    let jpg = tmp("fig.jpg");
    assert_one_line(
        &run(&["render", SEED, "-o", s(&jpg)]),
        "jpg",
        &["fig.jpg", ".jpg", ".svg, .png, .pdf, .gif", "--format"],
    );
    assert_one_line(
        &run(&["--lang", "zh", "render", SEED, "-o", s(&jpg)]),
        "jpg zh",
        &["不能写 .jpg 文件", "--format"],
    );
    assert!(!jpg.exists(), "nothing written");
    // Named with --format, any name goes.
    assert_ok(&run(&["render", SEED, "-o", s(&jpg), "--format", "png"]));
    assert!(std::fs::read(&jpg).unwrap().starts_with(b"\x89PNG"));
}

#[test]
fn step_draws_the_figure_at_that_step_as_the_page_exports_it() {
    let out = tmp("at7.svg");
    assert_ok(&run(&["render", RACE, "-o", s(&out), "--step", "7"]));
    let svg = std::fs::read_to_string(&out).unwrap();
    assert!(svg.contains("step 7 of 20"), "the step's label");
    // The same bytes as the text layer's figure at that step.
    let scene = gradscape::Scene::from_json(&std::fs::read_to_string(RACE).unwrap()).unwrap();
    let runs = gradscape::simulate(&scene).unwrap();
    let opt = gradscape::svg::SvgOptions {
        step: Some(7),
        ..Default::default()
    };
    assert_eq!(svg, gradscape::svg::render(&scene, &runs, &opt));
    let whole = tmp("whole.svg");
    assert_ok(&run(&["render", RACE, "-o", s(&whole)]));
    assert_ne!(std::fs::read_to_string(&whole).unwrap(), svg);
    // PNG and PDF too; past the scene's steps or with a GIF, refused.
    assert_ok(&run(&[
        "render",
        RACE,
        "-o",
        s(&tmp("at7.png")),
        "--step",
        "7",
    ]));
    assert_one_line(
        &run(&["render", RACE, "-o", s(&out), "--step", "21"]),
        "past the end",
        &["--step", "from 0 to 20", "got 21"],
    );
    assert_one_line(
        &run(&["render", RACE, "-o", s(&tmp("a.gif")), "--step", "3"]),
        "gif",
        &["--step", "GIF"],
    );
    assert_one_line(
        &run(&[
            "--lang",
            "zh",
            "render",
            RACE,
            "--gif",
            "-o",
            s(&tmp("a.gif")),
            "--step",
            "3",
        ]),
        "gif zh",
        &["--gif", "--step", "不能与"],
    );
}

/// `--hidden 1` leaves the first run out as the page's legend box does:
/// the same bytes as the page's SVG with that run switched off; the other
/// run keeps its colour and mark; a number that is no run's is refused.
#[test]
fn hidden_leaves_runs_out_as_the_page_s_legend_boxes_do() {
    let out = tmp("hidden.svg");
    assert_ok(&run(&["render", RACE, "-o", s(&out), "--hidden", "1"]));
    let svg = std::fs::read_to_string(&out).unwrap();
    let scene = gradscape::Scene::from_json(&std::fs::read_to_string(RACE).unwrap()).unwrap();
    let runs = gradscape::simulate(&scene).unwrap();
    assert_eq!(runs.len(), 2);
    let opt = gradscape::svg::SvgOptions {
        hidden: vec![true, false],
        ..Default::default()
    };
    assert_eq!(svg, gradscape::svg::render(&scene, &runs, &opt));
    let whole = gradscape::svg::render(&scene, &runs, &Default::default());
    let entries = |svg: &str| -> Vec<String> {
        svg.split(r#"<g class="entry" data-mark=""#)
            .skip(1)
            .map(|s| s[..s.find('"').unwrap()].to_string())
            .collect()
    };
    assert_eq!(entries(&whole).len(), 2);
    assert_eq!(entries(&svg), entries(&whole)[1..], "the second run's mark");
    assert_eq!(svg.matches(r#"<g class="run""#).count(), 1);
    assert_one_line(
        &run(&["render", RACE, "-o", s(&out), "--hidden", "1,3"]),
        "no such run",
        &["--hidden", "from 1 to 2", "got \"3\""],
    );
    assert_one_line(
        &run(&[
            "--lang",
            "zh",
            "render",
            RACE,
            "-o",
            s(&out),
            "--hidden",
            "x",
        ]),
        "zh",
        &["--hidden", "1 到 2", "“x”"],
    );
}

#[test]
fn bad_animation_flags_name_the_flag_and_range_in_both_languages() {
    let out = tmp("x.gif");
    let cases: &[(&[&str], &[&str])] = &[
        (&["--fps", "0"], &["--fps", "from 1 to 50", "got 0"]),
        (&["--fps", "51"], &["--fps", "from 1 to 50", "got 51"]),
        (&["--every", "0"], &["--every", "from 1 to 100000", "got 0"]),
    ];
    for (flags, words) in cases {
        let mut args = vec!["render", SEED, "-o", s(&out)];
        args.extend_from_slice(flags);
        assert_one_line(&run(&args), &format!("{flags:?}"), words);
        let mut zh = vec!["--lang", "zh"];
        zh.extend_from_slice(&args);
        let o = run(&zh);
        assert_one_line(&o, &format!("zh {flags:?}"), &[flags[0], "之间的整数"]);
    }
    assert!(!out.exists(), "nothing written");
    // --gif and --format together are refused by the parser.
    assert_refused(
        &run(&["render", SEED, "-o", s(&out), "--gif", "--format", "png"]),
        "both",
    );
    // A GIF of more than 1000 frames names the --every that fits.
    let long = write_tmp("long.json", r#"{"steps": 5000}"#);
    let o = run(&["render", s(&long), "-o", s(&out)]);
    assert_one_line(&o, "too many frames", &["5001", "1000", "--every 6"]);
}

#[test]
fn scale_multiplies_the_pixels_and_is_checked() {
    let out = tmp("x2.png");
    assert_ok(&run(&[
        "render",
        SEED,
        "-o",
        s(&out),
        "--scale",
        "2",
        "--width",
        "300",
        "--height",
        "200",
    ]));
    assert_eq!(decode_png(&out).0, 600);
    assert_eq!(decode_png(&out).1, 400);
    let gif = tmp("x2.gif");
    assert_ok(&run(&[
        "render",
        SEED,
        "-o",
        s(&gif),
        "--scale",
        "2",
        "--every",
        "10",
        "--width",
        "300",
        "--height",
        "200",
    ]));
    let g = decode_gif(&gif);
    assert_eq!((g.width, g.height), (600, 400));
    let o = run(&["render", SEED, "-o", s(&out), "--scale", "5"]);
    assert_one_line(&o, "scale 5", &["--scale", "from 1 to 4", "got 5"]);
    // 10000 × 10000 at scale 2 is 400 million pixels: refused, not allocated.
    let o = run(&[
        "--lang",
        "zh",
        "render",
        SEED,
        "-o",
        s(&out),
        "--scale",
        "2",
        "--width",
        "10000",
        "--height",
        "10000",
    ]);
    assert_one_line(
        &o,
        "too large",
        &["20000×20000", "最多 1 亿像素", "--scale"],
    );
}

#[test]
fn pdf_is_the_same_bytes_on_every_run() {
    // svg2pdf 0.13 kept a page's graphics states and the fonts in HashMaps:
    // three runs gave two or three different files (vendor/svg2pdf).
    for lang in ["en", "zh"] {
        let runs: Vec<Vec<u8>> = (0..4)
            .map(|k| {
                let out = tmp(&format!("again-{lang}-{k}.pdf"));
                let scene = "examples/scenes/adam-l2-vs-adamw.json";
                assert_ok(&run(&["--lang", lang, "render", scene, "-o", s(&out)]));
                std::fs::read(&out).unwrap()
            })
            .collect();
        assert!(
            runs.windows(2).all(|w| w[0] == w[1]),
            "the {lang} PDFs differ"
        );
    }
}
