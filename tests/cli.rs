//! The command line: `simulate` (JSON and CSV) and `render` (SVG), exit code
//! 0 on success and 2 with a one-line message on bad input, never a panic.
//! Run with `cargo test --features cli`.
#![cfg(not(target_arch = "wasm32"))]
#![cfg(feature = "cli")]

use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_gradscape"));
    c.current_dir(ROOT);
    c
}

fn run(args: &[&str]) -> Output {
    bin()
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("the binary runs")
}

fn run_stdin(args: &[&str], input: &str) -> Output {
    let mut child = bin()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

/// A fresh path in a per-process scratch directory.
fn tmp(name: &str) -> PathBuf {
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!("gradscape-cli-tests-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(format!("{}-{name}", N.fetch_add(1, Ordering::SeqCst)))
}

fn write_tmp(name: &str, text: &str) -> PathBuf {
    let p = tmp(name);
    std::fs::write(&p, text).unwrap();
    p
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("UTF-8 output")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[track_caller]
fn assert_ok(o: &Output) {
    assert_eq!(o.status.code(), Some(0), "stderr: {}", stderr(o));
    assert!(!stderr(o).contains("panicked"));
}

/// Exit code 2, nothing on stdout, no panic.
#[track_caller]
fn assert_refused(o: &Output, what: &str) {
    let err = stderr(o);
    assert_eq!(o.status.code(), Some(2), "{what}: stderr {err:?}");
    assert!(!err.contains("panicked"), "{what}: {err}");
    assert!(!err.contains("RUST_BACKTRACE"), "{what}: {err}");
    assert!(o.stdout.is_empty(), "{what}: stdout {:?}", stdout(o));
}

/// …and exactly one non-empty line on stderr, which contains every word.
#[track_caller]
fn assert_one_line(o: &Output, what: &str, words: &[&str]) {
    assert_refused(o, what);
    let err = stderr(o);
    let lines: Vec<&str> = err.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(lines.len(), 1, "{what}: {err:?}");
    for w in words {
        assert!(lines[0].contains(w), "{what}: {:?} lacks {w:?}", lines[0]);
    }
}

fn json_out(o: &Output) -> Value {
    serde_json::from_str(&stdout(o)).expect("stdout is JSON")
}

// ------------------------------------------------------------------ simulate

#[test]
fn simulate_gd_eta_0_6_prints_the_seeds_divergent_zigzag() {
    let o = run(&["simulate", "examples/scenes/gd-eta-0.6.json"]);
    assert_ok(&o);
    assert!(o.stderr.is_empty(), "{}", stderr(&o));
    let v = json_out(&o);
    assert_eq!(v["version"], 1);
    let r = &v["runs"][0];
    assert_eq!(v["runs"].as_array().unwrap().len(), 1);
    assert_eq!(r["kind"], "gd");
    let pts = r["points"].as_array().unwrap();
    assert_eq!(pts.len(), 21);
    assert_eq!(pts[0][0].as_f64(), Some(-5.0));
    assert_eq!(pts[0][1].as_f64(), Some(-2.0));
    let y = pts[20][1].as_f64().unwrap();
    assert!((y - (-2.0 * 1.4f64.powi(20))).abs() < 1e-9 * y.abs(), "{y}");
    assert!((y + 1673.37).abs() < 0.01, "{y}");
    assert_eq!(r["loss"].as_array().unwrap().len(), 21);
    assert_eq!(r["stop"], serde_json::json!({"reason": "completed"}));
    assert!(r.get("state").is_none());
    assert!(stdout(&o).ends_with('\n'));
}

#[test]
fn simulate_csv() {
    let o = run(&[
        "simulate",
        "examples/scenes/gd-eta-0.6.json",
        "--format",
        "csv",
    ]);
    assert_ok(&o);
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "optimizer,step,x,y,loss");
    assert_eq!(lines.len(), 1 + 21);
    for (k, line) in lines[1..].iter().enumerate() {
        let cols: Vec<&str> = line.split(',').collect();
        assert_eq!(cols.len(), 5, "{line}");
        assert_eq!(cols[0], "gd");
        assert_eq!(cols[1], k.to_string());
        for c in &cols[2..] {
            assert!(c.parse::<f64>().unwrap().is_finite(), "{line}");
        }
    }
    let y: f64 = lines[21].split(',').nth(3).unwrap().parse().unwrap();
    assert!((y + 1673.37).abs() < 0.01, "{y}");
    // The same numbers as the JSON form.
    let v = json_out(&run(&["simulate", "examples/scenes/gd-eta-0.6.json"]));
    let x5: f64 = lines[6].split(',').nth(2).unwrap().parse().unwrap();
    assert!((x5 - v["runs"][0]["points"][5][0].as_f64().unwrap()).abs() < 1e-12);
}

#[test]
fn simulate_reports_divergence_with_its_step() {
    let p = write_tmp(
        "rosenbrock.json",
        r#"{"version": 1, "landscape": {"kind": "rosenbrock"}, "start": [-1.5, 2], "steps": 100,
            "optimizers": [{"kind": "gd", "lr": 0.01}, {"kind": "momentum", "lr": 0.0001, "gamma": 0.9}]}"#,
    );
    let o = run(&["simulate", s(&p)]);
    assert_ok(&o);
    let v = json_out(&o);
    let gd = &v["runs"][0];
    assert_eq!(gd["stop"]["reason"], "diverged");
    let k = gd["stop"]["step"].as_u64().expect("a step number") as usize;
    assert!((1..=100).contains(&k));
    assert_eq!(gd["stop"].as_object().unwrap().len(), 2);
    assert_eq!(gd["points"].as_array().unwrap().len(), k);
    assert_eq!(gd["loss"].as_array().unwrap().len(), k);
    for p in gd["points"].as_array().unwrap() {
        for c in p.as_array().unwrap() {
            assert!(c.as_f64().unwrap().abs() <= 1e12, "{p}");
        }
    }
    // A careful optimizer in the same scene completes.
    assert_eq!(
        v["runs"][1]["stop"],
        serde_json::json!({"reason": "completed"})
    );
    assert_eq!(v["runs"][1]["points"].as_array().unwrap().len(), 101);
}

#[test]
fn simulate_reads_standard_input() {
    let text = std::fs::read_to_string(format!("{ROOT}/examples/scenes/gd-eta-0.6.json")).unwrap();
    let o = run_stdin(&["simulate", "-"], &text);
    assert_ok(&o);
    assert_eq!(
        stdout(&o),
        stdout(&run(&["simulate", "examples/scenes/gd-eta-0.6.json"]))
    );
    let o = run_stdin(&["simulate", "-", "--format", "csv"], r#"{"steps": 3}"#);
    assert_ok(&o);
    assert_eq!(stdout(&o).lines().count(), 1 + 2 * 4, "{}", stdout(&o));
    let o = run_stdin(&["simulate", "-"], "{");
    assert_one_line(&o, "bad stdin", &["JSON"]);
}

#[test]
fn simulate_state_prints_each_steps_internals() {
    let p = write_tmp(
        "adam.json",
        r#"{"steps": 4, "optimizers": [{"kind": "adam", "lr": 0.1}]}"#,
    );
    let o = run(&["simulate", s(&p), "--state"]);
    assert_ok(&o);
    let v = json_out(&o);
    let st = v["runs"][0]["state"].as_array().expect("state");
    assert_eq!(st.len(), 4);
    assert_eq!(st[0]["grad"], serde_json::json!([-1.0, -8.0]));
    // m̂1 = g1 with bias correction.
    let mh = st[0]["m̂"].as_array().unwrap();
    assert!(
        (mh[0].as_f64().unwrap() + 1.0).abs() < 1e-12
            && (mh[1].as_f64().unwrap() + 8.0).abs() < 1e-12
    );
    assert!(st[0].get("lr_eff").is_some() && st[0].get("v̂").is_some());
}

#[test]
fn every_example_scene_simulates() {
    for entry in std::fs::read_dir(format!("{ROOT}/examples/scenes")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("json") {
            continue;
        }
        let o = run(&["simulate", s(&path)]);
        assert_ok(&o);
        let v = json_out(&o);
        assert_eq!(v["version"], 1, "{}", path.display());
        assert!(!v["runs"].as_array().unwrap().is_empty());
    }
}

#[test]
fn a_closed_pipe_is_not_a_panic() {
    // Megabytes of output into a reader that has already gone.
    let p = write_tmp(
        "long.json",
        r#"{"steps": 100000, "optimizers": [{"kind": "gd", "lr": 0.01}]}"#,
    );
    let mut child = bin()
        .args(["simulate", s(&p), "--format", "csv"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let o = child.wait_with_output().unwrap();
    let err = stderr(&o);
    assert!(!err.contains("panicked"), "{err}");
    assert!(
        o.status.code().is_some(),
        "killed by a signal: {:?}",
        o.status
    );
}

// -------------------------------------------------------------------- render

#[test]
fn render_writes_an_svg_with_a_legend_and_one_trail_per_run() {
    let out = tmp("fig.svg");
    let o = run(&["render", "examples/scenes/seed-default.json", "-o", s(&out)]);
    assert_ok(&o);
    assert!(o.stdout.is_empty());
    let svg = std::fs::read_to_string(&out).expect("the SVG was written");
    assert!(svg.starts_with("<svg"), "{}", &svg[..60.min(svg.len())]);
    assert!(svg.contains(r#"xmlns="http://www.w3.org/2000/svg""#));
    assert!(svg.trim_end().ends_with("</svg>"));
    assert!(svg.contains(r#"width="800""#) && svg.contains(r#"height="560""#));
    assert_eq!(svg.matches(r#"<g class="run""#).count(), 2);
    assert!(svg.contains(r#"data-kind="gd""#) && svg.contains(r#"data-kind="momentum""#));
    let legend = &svg[svg.find(r#"class="legend""#).expect("a legend")..];
    assert!(legend.contains("GD η=0.4"), "{legend}");
    assert!(legend.contains("Momentum η=0.4 γ=0.5"), "{legend}");
    // One coloured trail per run (each under a white halo).
    for col in ["#E69F00", "#56B4E9"] {
        assert_eq!(
            svg.matches(&format!(r#"fill="none" stroke="{col}""#))
                .count(),
            1,
            "{col}"
        );
    }

    let out2 = tmp("small.svg");
    let o = run(&[
        "render",
        "examples/scenes/gd-eta-0.6.json",
        "-o",
        s(&out2),
        "--width",
        "400",
        "--height",
        "300",
    ]);
    assert_ok(&o);
    let svg = std::fs::read_to_string(&out2).unwrap();
    assert!(svg.contains(r#"width="400""#) && svg.contains(r#"height="300""#));
    assert_eq!(svg.matches(r#"<g class="run""#).count(), 1);
}

#[test]
fn render_reads_standard_input_and_marks_divergence() {
    let out = tmp("div.svg");
    let o = run_stdin(
        &["render", "-", "--output", s(&out)],
        r#"{"landscape": {"kind": "rosenbrock"}, "steps": 100, "optimizers": [{"kind": "gd", "lr": 0.01}]}"#,
    );
    assert_ok(&o);
    let svg = std::fs::read_to_string(&out).unwrap();
    assert!(svg.contains("diverged at step"));
    assert!(!svg.contains("NaN"));
}

// ---------------------------------------------------------------- bad input

#[test]
fn bad_scenes_exit_2_with_one_line() {
    let missing = tmp("does-not-exist.json");
    let o = run(&["simulate", s(&missing)]);
    assert_one_line(&o, "missing file", &["does-not-exist.json"]);

    let cases: &[(&str, &str, &[&str])] = &[
        ("invalid.json", r#"{"steps": 20,"#, &["JSON"]),
        (
            "lr.json",
            r#"{"optimizers": [{"kind": "gd", "lr": 0}]}"#,
            &["optimizers[0].lr", "> 0"],
        ),
        (
            "lr-neg.json",
            r#"{"optimizers": [{"kind": "adam", "lr": -1}]}"#,
            &["optimizers[0].lr"],
        ),
        (
            "unknown.json",
            r#"{"optimizers": [{"kind": "gd", "beta1": 0.9}]}"#,
            &["optimizers[0].beta1", "kind, lr"],
        ),
        (
            "top.json",
            r#"{"steps": 20, "colour": "red"}"#,
            &["colour", "allowed keys"],
        ),
        (
            "kind.json",
            r#"{"landscape": {"kind": "sphere"}}"#,
            &["landscape.kind", "rosenbrock"],
        ),
        ("steps.json", r#"{"steps": 100001}"#, &["steps", "100000"]),
        (
            "conv.json",
            r#"{"convention": "keras"}"#,
            &["convention", "pytorch"],
        ),
        ("empty.json", "", &["JSON"]),
        ("multi.json", "{\n\"steps\":\n\"x\"\n}", &["steps"]),
    ];
    for (name, text, words) in cases {
        let p = write_tmp(name, text);
        for cmd in ["simulate", "render"] {
            let out = tmp("never.svg");
            let o = if cmd == "simulate" {
                run(&["simulate", s(&p)])
            } else {
                run(&["render", s(&p), "-o", s(&out)])
            };
            assert_one_line(&o, &format!("{cmd} {name}"), words);
            // The message says which file.
            assert!(stderr(&o).contains(name), "{cmd} {name}: {}", stderr(&o));
            assert!(!out.exists(), "{cmd} {name}: wrote a figure anyway");
        }
    }

    // The README's example message, to the letter.
    let p = write_tmp(
        "scene.json",
        r#"{"optimizers": [{"kind": "gd", "lr": -1}]}"#,
    );
    let o = run(&["simulate", s(&p)]);
    assert_refused(&o, "README example");
    assert_eq!(
        stderr(&o).trim_end(),
        format!(
            "gradscape: {}: optimizers[0].lr: must be a finite number > 0 (got -1)",
            s(&p)
        )
    );

    // Not UTF-8.
    let p = tmp("binary.json");
    std::fs::write(&p, [0xff, 0xfe, 0x00, 0x7b]).unwrap();
    assert_one_line(&run(&["simulate", s(&p)]), "binary file", &[]);
    // A directory is not a scene.
    let dir = std::env::temp_dir();
    assert_one_line(&run(&["simulate", s(&dir)]), "directory", &[]);
    // An unwritable output.
    let bad_out = tmp("no-such-dir").join("fig.svg");
    let o = run(&[
        "render",
        "examples/scenes/gd-eta-0.6.json",
        "-o",
        s(&bad_out),
    ]);
    assert_one_line(&o, "unwritable output", &["fig.svg"]);
}

#[test]
fn bad_arguments_exit_2_without_panicking() {
    let out = tmp("x.svg");
    let cases: Vec<Vec<&str>> = vec![
        vec![
            "simulate",
            "examples/scenes/gd-eta-0.6.json",
            "--format",
            "xml",
        ],
        vec![
            "render",
            "examples/scenes/gd-eta-0.6.json",
            "-o",
            s(&out),
            "--width",
            "10",
        ],
        vec![
            "render",
            "examples/scenes/gd-eta-0.6.json",
            "-o",
            s(&out),
            "--height",
            "abc",
        ],
        vec!["render", "examples/scenes/gd-eta-0.6.json"],
        vec!["simulate"],
        vec!["explode"],
        vec![],
    ];
    for args in cases {
        let o = run(&args);
        assert_refused(&o, &format!("{args:?}"));
        assert!(!stderr(&o).trim().is_empty(), "{args:?}: say something");
        assert!(!out.exists());
    }
    let o = run(&[
        "simulate",
        "examples/scenes/gd-eta-0.6.json",
        "--format",
        "xml",
    ]);
    assert!(stderr(&o).contains("xml"), "{}", stderr(&o));
    let o = run(&[
        "render",
        "examples/scenes/gd-eta-0.6.json",
        "-o",
        s(&out),
        "--width",
        "10",
    ]);
    assert!(
        stderr(&o).contains("200"),
        "say the allowed range: {}",
        stderr(&o)
    );
}

/// DESIGN.md: "Exit code 0 on success, 2 with a one-line message on bad
/// input". Argument errors go through clap, which prints several lines
/// (the error, a blank line, "For more information, try '--help'.", and for
/// enums the possible values).
#[test]

fn bad_arguments_print_one_line() {
    let out = tmp("x.svg");
    let o = run(&[
        "simulate",
        "examples/scenes/gd-eta-0.6.json",
        "--format",
        "xml",
    ]);
    assert_one_line(&o, "--format xml", &["xml"]);
    let o = run(&[
        "render",
        "examples/scenes/gd-eta-0.6.json",
        "-o",
        s(&out),
        "--width",
        "10",
    ]);
    assert_one_line(&o, "--width 10", &["200"]);
}

// ---------------------------------------------------------------------- help

#[test]
fn help_names_both_commands_and_an_example() {
    let o = run(&["--help"]);
    assert_ok(&o);
    let h = stdout(&o);
    assert!(h.contains("simulate") && h.contains("render"), "{h}");
    assert!(h.contains("Example"), "{h}");
    assert!(
        h.contains("gradscape simulate ") && h.contains(".json"),
        "{h}"
    );
    for cmd in ["simulate", "render"] {
        let o = run(&[cmd, "--help"]);
        assert_ok(&o);
        let h = stdout(&o);
        assert!(h.contains("Example"), "{cmd}: {h}");
        assert!(h.contains(&format!("gradscape {cmd} ")), "{cmd}: {h}");
    }
    assert!(stdout(&run(&["simulate", "--help"])).contains("csv"));
    assert!(stdout(&run(&["render", "--help"])).contains("--width"));
    let o = run(&["--version"]);
    assert_ok(&o);
    assert!(stdout(&o).contains(env!("CARGO_PKG_VERSION")));
}

// ------------------------------------------------------------------ --lang

/// Refused in one line with no English word, once the file's path (the
/// user's own words) is taken out.
#[track_caller]
fn assert_chinese(o: &Output, what: &str, path: &Path, words: &[&str]) {
    assert_one_line(o, what, words);
    let err = stderr(o).replace(s(path), "");
    let english = gradscape::text::english_words(&err);
    assert!(english.is_empty(), "{what}: English {english:?} in {err:?}");
    assert!(
        err.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
        "{what}: {err:?}"
    );
}

#[test]
fn lang_zh_words_every_refusal_in_chinese() {
    let cases: &[(&str, &str, &[&str])] = &[
        ("bad.json", r#"{"steps": 20,"#, &["JSON", "第 1 行"]),
        (
            "lr.json",
            r#"{"optimizers": [{"kind": "gd", "lr": -1}]}"#,
            &["第 1 个优化器的 lr", "大于 0 的有限数", "-1"],
        ),
        (
            "gamma.json",
            r#"{"optimizers": [{"kind": "gd"}, {"kind": "momentum", "gamma": 1.5}]}"#,
            &["第 2 个优化器的 gamma", "[0, 1)"],
        ),
        (
            "formula.json",
            r#"{"landscape": {"kind": "expr", "expr": "sin(x"}}"#,
            &["landscape.expr", "第 6 列", "sin("],
        ),
        ("steps.json", r#"{"steps": 100001}"#, &["steps", "100000"]),
        ("array.json", "[1, 2]", &["场景"]),
    ];
    for (name, text, words) in cases {
        let p = write_tmp(name, text);
        for cmd in [
            &["--lang", "zh", "simulate", s(&p)][..],
            &["simulate", s(&p), "--lang", "zh-CN"],
        ] {
            assert_chinese(&run(cmd), name, &p, words);
        }
        // English stays the default.
        let en = stderr(&run(&["simulate", s(&p)]));
        assert!(
            !gradscape::text::english_words(&en.replace(s(&p), "")).is_empty(),
            "{en}"
        );
    }
    let missing = tmp("missing.json");
    let o = run(&["--lang", "zh", "simulate", s(&missing)]);
    assert_chinese(&o, "unreadable", &missing, &["无法读取", "文件不存在"]);
    let o = run_stdin(
        &["--lang", "zh", "render", "-", "-o", s(&tmp("x.svg"))],
        "{",
    );
    assert_refused(&o, "stdin");
    assert!(
        gradscape::text::english_words(&stderr(&o)).is_empty(),
        "{}",
        stderr(&o)
    );
}

#[test]
fn lang_zh_renders_a_chinese_legend() {
    let out = tmp("zh.svg");
    let o = run(&[
        "render",
        "examples/scenes/gd-eta-0.4.json",
        "-o",
        s(&out),
        "--lang",
        "zh",
    ]);
    assert_ok(&o);
    let svg = std::fs::read_to_string(&out).unwrap();
    assert!(svg.contains("梯度下降"), "{svg}");
    let o = run(&[
        "--lang",
        "fr",
        "simulate",
        "examples/scenes/gd-eta-0.4.json",
    ]);
    assert_refused(&o, "--lang fr");
}
