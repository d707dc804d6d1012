//! The gradscape command line: simulate a scene, or render it as a figure
//! (SVG; PNG, PDF and animated GIF through `gradscape::media`).

use clap::{Parser, Subcommand, ValueEnum};
use gradscape::media::{self, Animation, MediaError, FPS_RANGE, SCALE_RANGE};
use gradscape::output::{simulation_csv, simulation_value};
use gradscape::run::check_start;
use gradscape::svg::SvgOptions;
use gradscape::text::errors::{io_error, run_error, scene_error};
use gradscape::text::{trf, Lang};
use gradscape::{simulate, Scene, Trajectory};
use std::path::PathBuf;
use std::process::ExitCode;

mod usage;
mod write;
use usage::{lang_of_args, usage_error, whole_in};
use write::{output_format, write_output};

/// Gradient-descent optimizers on 2-D loss surfaces.
#[derive(Parser)]
#[command(
    name = "gradscape",
    version,
    about = "Run gradient-descent optimizers on 2-D loss surfaces: print trajectories or draw a figure (SVG, PNG, PDF or an animated GIF).",
    after_help = "Examples:\n  gradscape simulate examples/scenes/gd-eta-0.4.json --format csv\n  gradscape render examples/scenes/momentum-eta-0.6.json -o fig.svg --width 800 --height 560\n  gradscape render examples/scenes/gd-vs-momentum-eta-0.6.json -o race.gif --every 2\n\nFrom the repository: cargo run --release --features cli -- simulate SCENE.json"
)]
struct Cli {
    /// Language of messages and of the figure (every format): en or zh (also zh-CN).
    #[arg(long, global = true, default_value = "en", value_parser = parse_lang)]
    lang: Lang,
    #[command(subcommand)]
    command: Command,
}

fn parse_lang(code: &str) -> Result<Lang, String> {
    match code {
        "en" => Ok(Lang::En),
        "zh" | "zh-CN" => Ok(Lang::Zh),
        _ => Err("expected en or zh".into()),
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Json,
    Csv,
}

/// What `render` writes (`--format`).
#[derive(Clone, Copy, ValueEnum)]
enum MediaFormat {
    Svg,
    Png,
    Pdf,
    Gif,
}

impl From<MediaFormat> for media::Format {
    fn from(f: MediaFormat) -> Self {
        match f {
            MediaFormat::Svg => media::Format::Svg,
            MediaFormat::Png => media::Format::Png,
            MediaFormat::Pdf => media::Format::Pdf,
            MediaFormat::Gif => media::Format::Gif,
        }
    }
}

#[derive(Subcommand)]
enum Command {
    /// Print every optimizer's trajectory: points, loss and stop reason.
    #[command(
        after_help = "Example:\n  gradscape simulate examples/scenes/gd-eta-0.6.json --format csv"
    )]
    Simulate {
        /// The scene JSON file ("-" for standard input).
        scene: PathBuf,
        /// Output format: json ({"version":1,"runs":[...]}) or csv (optimizer,step,x,y,loss; with a learning-rate schedule also lr, and momentum when it is cycled).
        #[arg(long, value_enum, default_value = "json")]
        format: Format,
        /// Also print each step's internal state (JSON only): gradient, η_t (lr), effective learning rate, v, s, m, v̂, …
        #[arg(long)]
        state: bool,
    },
    /// Draw the scene as a figure (isolines, trajectories, axes, legend): SVG, PNG, PDF, or an animated GIF of the race.
    #[command(
        after_help = "Examples:\n  gradscape render examples/scenes/adam-l2-vs-adamw.json -o fig.svg --width 800 --height 560\n  gradscape render examples/scenes/gd-eta-0.6.json -o fig.pdf\n  gradscape --lang zh render examples/scenes/seed-default.json -o fig.png\n  gradscape render examples/scenes/gd-vs-momentum-eta-0.6.json --gif -o race.gif --every 2 --fps 8"
    )]
    Render {
        /// The scene JSON file ("-" for standard input).
        scene: PathBuf,
        /// Where to write the figure ("-" for standard output, SVG unless --format says otherwise).
        #[arg(short, long)]
        output: PathBuf,
        /// svg, png, pdf or gif (default: from the output's extension .svg/.png/.pdf/.gif, else svg).
        #[arg(long, value_enum)]
        format: Option<MediaFormat>,
        /// An animated GIF of the race, one frame per step (same as --format gif).
        #[arg(long, conflicts_with = "format")]
        gif: bool,
        /// GIF: draw every K-th step (the last step is always drawn), K ≥ 1.
        #[arg(long, value_name = "K", default_value_t = 1, allow_negative_numbers = true, value_parser = whole_in((1, MAX_STEPS)))]
        every: u32,
        /// GIF: frames per second (1..=50).
        #[arg(long, default_value_t = 10, allow_negative_numbers = true, value_parser = whole_in(FPS_RANGE))]
        fps: u32,
        /// PNG and GIF: pixels per SVG pixel (1..=4; 2 is sharp on a slide or HiDPI screen).
        #[arg(long, default_value_t = 1, allow_negative_numbers = true, value_parser = whole_in(SCALE_RANGE))]
        scale: u32,
        /// Width in pixels (200..=10000).
        #[arg(long, default_value_t = 800, allow_negative_numbers = true, value_parser = whole_in(WIDTH_RANGE))]
        width: u32,
        /// Height in pixels (150..=10000).
        #[arg(long, default_value_t = 560, allow_negative_numbers = true, value_parser = whole_in(HEIGHT_RANGE))]
        height: u32,
        /// SVG, PNG and PDF: the runs as they are after step K (0 to the scene's steps; "step K of N" at the top), as the page exports the figure at its step; default: the whole runs.
        #[arg(long, value_name = "K", conflicts_with = "gif", allow_negative_numbers = true, value_parser = whole_in((0, MAX_STEPS)))]
        step: Option<u32>,
        /// Runs left out of the figure, by their numbers in the legend (1 first, comma-separated: 2,3), as the page's legend boxes and its link's hidden=; the others keep their colours and marks.
        #[arg(long, value_name = "LIST")]
        hidden: Option<String>,
    },
    /// Print a runnable Python script (PyTorch, float64) that reproduces the scene's trajectories.
    #[command(
        after_help = "Example:\n  gradscape code examples/scenes/adam-bias-correction.json -o adam.py && python3 adam.py"
    )]
    Code {
        /// The scene JSON file ("-" for standard input).
        scene: PathBuf,
        /// Where to write the script (standard output when left out or "-").
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
}

fn read_scene(path: &PathBuf, lang: Lang) -> Result<Scene, String> {
    let text = if path.as_os_str() == "-" {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut s)
            .map_err(|e| trf(lang, "cli.read-stdin", &[&io_error(&e, lang)]))?;
        s
    } else {
        std::fs::read_to_string(path).map_err(|e| {
            trf(
                lang,
                "cli.read",
                &[&path.display().to_string(), &io_error(&e, lang)],
            )
        })?
    };
    Scene::from_json(&text).map_err(|e| format!("{}: {}", path.display(), scene_error(&e, lang)))
}

/// The scene at `path` and its runs; a scene the core refuses to run, or
/// whose start has no finite f (its runs would have no `points[0]`), is
/// refused with the field named.
fn read_runs(path: &PathBuf, lang: Lang) -> Result<(Scene, Vec<Trajectory>), String> {
    let sc = read_scene(path, lang)?;
    let runs = check_start(&sc)
        .and_then(|()| simulate(&sc))
        .map_err(|e| format!("{}: {}", path.display(), run_error(&e, lang)))?;
    Ok((sc, runs))
}

fn run(cli: Cli) -> Result<(), String> {
    let lang = cli.lang;
    match cli.command {
        Command::Simulate {
            scene,
            format,
            state,
        } => {
            // The CSV has no room for the state (it printed without it, silently).
            if state && matches!(format, Format::Csv) {
                return Err(trf(lang, "cli.conflict", &["--state", "--format csv"]));
            }
            let (_, runs) = read_runs(&scene, lang)?;
            let text = match format {
                Format::Json => {
                    let mut t = serde_json::to_string(&simulation_value(&runs, state))
                        .map_err(|e| e.to_string())?;
                    t.push('\n');
                    t
                }
                Format::Csv => simulation_csv(&runs),
            };
            use std::io::Write;
            let mut out = std::io::stdout().lock();
            // A closed pipe (e.g. `| head`) is not an error worth a panic.
            let _ = out.write_all(text.as_bytes());
            Ok(())
        }
        Command::Render {
            scene,
            output,
            format,
            gif,
            every,
            fps,
            scale,
            width,
            height,
            step,
            hidden,
        } => {
            let format = match (gif, format) {
                (true, _) => media::Format::Gif,
                (false, Some(f)) => f.into(),
                (false, None) => output_format(&output, lang)?,
            };
            // The flags' ranges were checked when they were parsed.
            let anim = Animation {
                every: every as usize,
                fps,
                scale,
            };
            let (sc, runs) = read_runs(&scene, lang)?;
            let step = step.map(|k| k as usize);
            match step {
                Some(_) if format == media::Format::Gif => {
                    return Err(trf(lang, "cli.step-gif", &["--step", "svg, png, pdf"]));
                }
                Some(k) if k > sc.steps => {
                    return Err(trf(
                        lang,
                        "cli.range",
                        &["--step", "0", &sc.steps.to_string(), &k.to_string()],
                    ));
                }
                _ => {}
            }
            if format == media::Format::Gif {
                check_frames(sc.steps, anim.every, lang)?;
            }
            let hidden = match hidden {
                None => Vec::new(),
                Some(list) => {
                    let (hidden, bad) = gradscape::url::hidden_runs(&list, runs.len());
                    // The items that are no run's, as the link's notice names them.
                    if let Some(gradscape::url::Notice::BadHidden { got, runs }) = bad.first() {
                        return Err(match runs {
                            0 => trf(lang, "cli.hidden-no-runs", &["--hidden", got]),
                            n => trf(lang, "cli.hidden", &["--hidden", &n.to_string(), got]),
                        });
                    }
                    hidden
                }
            };
            let opt = SvgOptions {
                width,
                height,
                lang,
                step,
                hidden,
                ..SvgOptions::default()
            };
            // A long GIF says how far it is, where someone watches.
            let watched = std::io::IsTerminal::is_terminal(&std::io::stderr());
            let mut open_line = false;
            let mut tell = |k: usize, n: usize| {
                if watched && n >= 50 {
                    eprint!(
                        "\r{}",
                        trf(lang, "cli.gif-progress", &[&k.to_string(), &n.to_string()])
                    );
                    open_line = k < n;
                    if k == n {
                        eprintln!();
                    }
                }
            };
            let made = media::export_telling(&sc, &runs, &opt, format, anim, &mut tell);
            // A frame that failed: its error on a line of its own.
            if open_line && made.is_err() {
                eprintln!();
            }
            let bytes = made.map_err(|e| match e {
                MediaError::Size(w, h) => trf(
                    lang,
                    "cli.too-large",
                    &[
                        &w.to_string(),
                        &h.to_string(),
                        // Millions in English, 亿 (10⁸) in Chinese.
                        &(media::raster::MAX_PIXELS
                            / match lang {
                                Lang::En => 1_000_000,
                                Lang::Zh => 100_000_000,
                            })
                        .to_string(),
                        "--width / --height / --scale",
                    ],
                ),
                e => trf(lang, "cli.media", &[&e.to_string()]),
            })?;
            write_output(&output, bytes, lang)
        }
        Command::Code { scene, output } => code(&scene, output.as_ref(), lang),
    }
}

/// `code`: the scene's Python script (a scene the core refuses to run is
/// refused here too, with the same message).
fn code(scene: &PathBuf, output: Option<&PathBuf>, lang: Lang) -> Result<(), String> {
    let (sc, _) = read_runs(scene, lang)?;
    let text = gradscape::text::pytorch::script(&sc, lang);
    match output {
        Some(path) => write_output(path, text, lang),
        None => {
            use std::io::Write;
            let _ = std::io::stdout().lock().write_all(text.as_bytes());
            Ok(())
        }
    }
}

/// The sizes a figure may take, in pixels.
const WIDTH_RANGE: (u32, u32) = (200, 10_000);
const HEIGHT_RANGE: (u32, u32) = (150, 10_000);

/// The longest scene (`steps` ≤ 100000); the most frames a GIF takes is
/// the page's animation's.
const MAX_STEPS: u32 = 100_000;
use gradscape::export::plan::MAX_FRAMES;

/// A GIF of more than [`MAX_FRAMES`] frames is refused with the `--every`
/// that fits.
fn check_frames(steps: usize, every: usize, lang: Lang) -> Result<(), String> {
    let n = gradscape::export::plan::frame_count(steps, every);
    if n <= MAX_FRAMES {
        return Ok(());
    }
    let fit = steps.div_ceil(MAX_FRAMES - 1);
    Err(trf(
        lang,
        "cli.gif-frames",
        &[
            &n.to_string(),
            &MAX_FRAMES.to_string(),
            &format!("--every {fit}"),
        ],
    ))
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) if !e.use_stderr() => {
            // --help and --version
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            let lang = lang_of_args();
            eprintln!(
                "gradscape: {}",
                trf(lang, "cli.see-help", &[&usage_error(&e, lang)])
            );
            return ExitCode::from(2);
        }
    };
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(msg) => {
            eprintln!("gradscape: {}", msg.replace('\n', " "));
            ExitCode::from(2)
        }
    }
}
