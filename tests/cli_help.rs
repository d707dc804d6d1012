//! The command line's words: `--help` names both commands and an example,
//! and `--lang zh` words every refusal and the legend in Chinese. Run with
//! `cargo test --features cli`.
#![cfg(not(target_arch = "wasm32"))]
#![cfg(feature = "cli")]

use std::path::Path;
use std::process::Output;

#[allow(dead_code)]
#[path = "common/cli.rs"]
mod cli;
use cli::*;

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
