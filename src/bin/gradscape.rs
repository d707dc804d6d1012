//! The gradscape command line: simulate a scene, or render it as a figure
//! (SVG; PNG, PDF and animated GIF through `gradscape::media`).

use clap::{Parser, Subcommand, ValueEnum};
use gradscape::media::{self, Animation, MediaError, FPS_RANGE, SCALE_RANGE};
use gradscape::output::{simulation_csv, simulation_value};
use gradscape::run::check_start;
use gradscape::svg::SvgOptions;
use gradscape::text::errors::{io_error, run_error, scene_error};
use gradscape::text::{tr, trf, Lang};
use gradscape::{simulate, Scene, Trajectory};
use std::path::PathBuf;
use std::process::ExitCode;

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

/// The format an output's extension names: none is SVG; one that is not
/// svg, png, pdf or gif is refused (`fig.jpg` got SVG text, which a slide
/// or LaTeX then failed to read as a JPEG).
fn output_format(output: &std::path::Path, lang: Lang) -> Result<media::Format, String> {
    match (media::Format::from_extension(output), output.extension()) {
        (Some(f), _) => Ok(f),
        (None, None) => Ok(media::Format::Svg),
        (None, Some(ext)) => Err(trf(
            lang,
            "cli.extension",
            &[
                &output.display().to_string(),
                &ext.to_string_lossy(),
                ".svg, .png, .pdf, .gif",
                "--format",
            ],
        )),
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

/// Write `bytes` to `path` ("-": standard output, as "-" reads standard
/// input; it wrote a file named "-"); when that fails because its folder is
/// missing (or is a file), say so, naming the folder: the system's "No such
/// file or directory" (中文 "文件不存在") sent the user looking for a file.
fn write_output(path: &std::path::Path, bytes: impl AsRef<[u8]>, lang: Lang) -> Result<(), String> {
    if path.as_os_str() == "-" {
        use std::io::Write;
        let mut out = std::io::stdout().lock();
        return out
            .write_all(bytes.as_ref())
            .and_then(|()| out.flush())
            .map_err(|e| trf(lang, "cli.write", &["-", &io_error(&e, lang)]));
    }
    std::fs::write(path, bytes).map_err(|e| {
        let name = path.display().to_string();
        match path
            .parent()
            .filter(|d| !d.as_os_str().is_empty() && !d.is_dir())
        {
            Some(dir) => {
                let key = if dir.exists() {
                    "cli.not-a-folder"
                } else {
                    "cli.no-folder"
                };
                trf(lang, key, &[&name, &dir.display().to_string()])
            }
            None => trf(lang, "cli.write", &[&name, &io_error(&e, lang)]),
        }
    })
}

/// A numeric option refused: its allowed range and what was typed. A typed
/// value, so that [`usage_error`] words it in the user's language (clap's
/// own words would leak Rust's "invalid digit found in string").
#[derive(Debug)]
struct OutOfRange {
    range: (u32, u32),
    got: String,
}

impl std::fmt::Display for OutOfRange {
    // Numbers only: the sentence is the text layer's `cli.range`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}..={} ({})", self.range.0, self.range.1, self.got)
    }
}

impl std::error::Error for OutOfRange {}

/// The parser of a numeric option: a whole number in `range`. A decimal, a
/// negative or a word is refused the same way as a number out of range.
fn whole_in(range: (u32, u32)) -> impl Fn(&str) -> Result<u32, OutOfRange> + Clone {
    move |s: &str| {
        s.parse::<u32>()
            .ok()
            .filter(|v| (range.0..=range.1).contains(v))
            .ok_or_else(|| OutOfRange {
                range,
                got: s.to_string(),
            })
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

/// A refused command line in one line. English: clap's first line, without
/// its usage block; 简体中文: our own words for clap's kinds of error.
fn usage_error(e: &clap::Error, lang: Lang) -> String {
    use clap::error::{ContextKind, ErrorKind};
    let context = |k: ContextKind| e.get(k).map(|v| v.to_string()).unwrap_or_default();
    if let Some(OutOfRange {
        range: (lo, hi),
        got,
    }) = out_of_range(e)
    {
        // "--scale <SCALE>" → "--scale": the option as the user types it.
        let arg = context(ContextKind::InvalidArg);
        let flag = arg.split(' ').next().unwrap_or_default();
        return trf(
            lang,
            "cli.range",
            &[flag, &lo.to_string(), &hi.to_string(), got],
        );
    }
    let text = e.render().to_string();
    let first = text
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or_default()
        .trim()
        .trim_start_matches("error: ");
    let no_command = first.starts_with("Run gradient-descent")
        || first.starts_with("Usage:")
        || first.contains("requires a subcommand");
    match (lang, e.kind()) {
        (_, ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand) => {
            tr(lang, "cli.command-required").to_string()
        }
        (_, _) if no_command => tr(lang, "cli.command-required").to_string(),
        // clap's own line names no argument here ("…were not provided:").
        (_, ErrorKind::MissingRequiredArgument) => {
            trf(lang, "cli.missing", &[&context(ContextKind::InvalidArg)])
        }
        // A flag at the end with no value (clap's context then holds an
        // empty value: the Chinese line read "的值无效：" and stopped).
        (_, ErrorKind::InvalidValue) if context(ContextKind::InvalidValue).is_empty() => {
            let line = trf(lang, "cli.no-value", &[&context(ContextKind::InvalidArg)]);
            match valid_values(e) {
                v if v.is_empty() => line,
                v => trf(lang, "cli.possible", &[&line, &v]),
            }
        }
        // The choices a value may take, when clap knows them ("xml" for
        // --format: json or csv), on the one line.
        (Lang::En, ErrorKind::InvalidValue) if !valid_values(e).is_empty() => {
            format!("{first}; possible values: {}", valid_values(e))
        }
        (Lang::En, _) => first.to_string(),
        (_, ErrorKind::UnknownArgument) => trf(
            lang,
            "cli.unknown-arg",
            &[&context(ContextKind::InvalidArg)],
        ),
        (_, ErrorKind::InvalidSubcommand) => trf(
            lang,
            "cli.unknown-command",
            &[&context(ContextKind::InvalidSubcommand)],
        ),
        (_, ErrorKind::InvalidValue | ErrorKind::ValueValidation) => {
            let line = trf(
                lang,
                "cli.bad-value",
                &[
                    &context(ContextKind::InvalidArg),
                    &context(ContextKind::InvalidValue),
                ],
            );
            match valid_values(e) {
                v if v.is_empty() => line,
                v => trf(lang, "cli.possible", &[&line, &v]),
            }
        }
        (_, ErrorKind::ArgumentConflict) => trf(
            lang,
            "cli.conflict",
            &[
                &context(ContextKind::InvalidArg),
                &context(ContextKind::PriorArg),
            ],
        ),
        _ => tr(lang, "cli.bad-args").to_string(),
    }
}

/// The range a numeric option refused, when that is the error.
fn out_of_range(e: &clap::Error) -> Option<&OutOfRange> {
    std::error::Error::source(e)?.downcast_ref::<OutOfRange>()
}

/// The values clap lists for the refused argument ("json, csv"), or "".
fn valid_values(e: &clap::Error) -> String {
    match e.get(clap::error::ContextKind::ValidValue) {
        Some(clap::error::ContextValue::Strings(v)) => v.join(", "),
        _ => String::new(),
    }
}

/// The `--lang` of the command line when clap refused it (en otherwise).
fn lang_of_args() -> Lang {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .enumerate()
        .find_map(|(i, a)| match a.strip_prefix("--lang") {
            Some("") => args.get(i + 1).and_then(|v| parse_lang(v).ok()),
            Some(v) => v.strip_prefix('=').and_then(|v| parse_lang(v).ok()),
            None => None,
        })
        .unwrap_or_default()
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
