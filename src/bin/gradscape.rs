//! The gradscape command line: simulate a scene or render it as SVG.

use clap::{Parser, Subcommand, ValueEnum};
use gradscape::output::{simulation_csv, simulation_value};
use gradscape::svg::{render, SvgOptions};
use gradscape::text::errors::{io_error, run_error, scene_error};
use gradscape::text::{tr, trf, Lang};
use gradscape::{simulate, Scene};
use std::path::PathBuf;
use std::process::ExitCode;

/// Gradient-descent optimizers on 2-D loss surfaces.
#[derive(Parser)]
#[command(
    name = "gradscape",
    version,
    about = "Run gradient-descent optimizers on 2-D loss surfaces: print trajectories or draw an SVG figure.",
    after_help = "Examples:\n  gradscape simulate examples/scenes/gd-eta-0.4.json --format csv\n  gradscape render examples/scenes/momentum-eta-0.6.json -o fig.svg --width 800 --height 560\n\nFrom the repository: cargo run --release --features cli -- simulate SCENE.json"
)]
struct Cli {
    /// Language of messages and of the SVG legend: en or zh (also zh-CN).
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
    /// Draw the scene as a standalone SVG figure (isolines, trajectories, axes, legend).
    #[command(
        after_help = "Example:\n  gradscape render examples/scenes/adam-l2-vs-adamw.json -o fig.svg --width 800 --height 560"
    )]
    Render {
        /// The scene JSON file ("-" for standard input).
        scene: PathBuf,
        /// Where to write the SVG.
        #[arg(short, long)]
        output: PathBuf,
        /// Width in pixels (200..=10000).
        #[arg(long, default_value_t = 800, value_parser = clap::value_parser!(u32).range(200..=10000))]
        width: u32,
        /// Height in pixels (150..=10000).
        #[arg(long, default_value_t = 560, value_parser = clap::value_parser!(u32).range(150..=10000))]
        height: u32,
    },
    /// Print a runnable Python script (PyTorch, float64) that reproduces the scene's trajectories.
    #[command(
        after_help = "Example:\n  gradscape code examples/scenes/adam-bias-correction.json -o adam.py && python3 adam.py"
    )]
    Code {
        /// The scene JSON file ("-" for standard input).
        scene: PathBuf,
        /// Where to write the script (standard output when left out).
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

fn run(cli: Cli) -> Result<(), String> {
    let lang = cli.lang;
    match cli.command {
        Command::Simulate {
            scene,
            format,
            state,
        } => {
            let sc = read_scene(&scene, lang)?;
            let runs = simulate(&sc).map_err(|e| run_error(&e, lang))?;
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
            width,
            height,
        } => {
            let sc = read_scene(&scene, lang)?;
            let runs = simulate(&sc).map_err(|e| run_error(&e, lang))?;
            let svg = render(
                &sc,
                &runs,
                &SvgOptions {
                    width,
                    height,
                    lang,
                    ..SvgOptions::default()
                },
            );
            std::fs::write(&output, svg).map_err(|e| {
                trf(
                    lang,
                    "cli.write",
                    &[&output.display().to_string(), &io_error(&e, lang)],
                )
            })
        }
        Command::Code { scene, output } => code(&scene, output.as_ref(), lang),
    }
}

/// `code`: the scene's Python script (a scene the core refuses to run is
/// refused here too, with the same message).
fn code(scene: &PathBuf, output: Option<&PathBuf>, lang: Lang) -> Result<(), String> {
    let sc = read_scene(scene, lang)?;
    simulate(&sc).map_err(|e| run_error(&e, lang))?;
    let text = gradscape::text::pytorch::script(&sc, lang);
    match output {
        Some(path) => std::fs::write(path, text).map_err(|e| {
            trf(
                lang,
                "cli.write",
                &[&path.display().to_string(), &io_error(&e, lang)],
            )
        }),
        None => {
            use std::io::Write;
            let _ = std::io::stdout().lock().write_all(text.as_bytes());
            Ok(())
        }
    }
}

/// A refused command line in one line. English: clap's first line, without
/// its usage block; 简体中文: our own words for clap's kinds of error.
fn usage_error(e: &clap::Error, lang: Lang) -> String {
    use clap::error::{ContextKind, ErrorKind};
    let context = |k: ContextKind| e.get(k).map(|v| v.to_string()).unwrap_or_default();
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
        (_, ErrorKind::InvalidValue | ErrorKind::ValueValidation) => trf(
            lang,
            "cli.bad-value",
            &[
                &context(ContextKind::InvalidArg),
                &context(ContextKind::InvalidValue),
            ],
        ),
        _ => tr(lang, "cli.bad-args").to_string(),
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
