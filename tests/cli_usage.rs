//! The command line refused: one line, exit code 2, in the language of
//! `--lang` (clap's kinds of error are worded by the text layer in 中文).
#![cfg(all(not(target_arch = "wasm32"), feature = "cli"))]

use gradscape::text::english_words;
use std::process::Command;

fn refused(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_gradscape"))
        .args(args)
        .output()
        .expect("the CLI runs");
    assert_eq!(out.status.code(), Some(2), "{args:?}");
    assert!(out.stdout.is_empty(), "{args:?}");
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.trim_end().lines().count(), 1, "{args:?}: {err}");
    err.trim_end().to_string()
}

#[test]
fn usage_errors_in_chinese_have_no_english() {
    for args in [
        &["--lang", "zh", "simulate"][..],
        &["--lang", "zh", "frob"],
        &["--lang", "zh", "simulate", "--nope", "x"],
        &["--lang", "zh", "simulate", "s.json", "--format", "xml"],
        &["--lang", "zh"],
        &["--lang=zh-CN", "render", "s.json"],
    ] {
        let line = refused(args);
        let english: Vec<String> = english_words(&line)
            .into_iter()
            // Option names, what the user typed and the values one may
            // type (json, csv) are not sentences.
            .filter(|w| {
                ![
                    "frob", "nope", "xml", "SCENE", "FORMAT", "OUTPUT", "output", "format", "json",
                    "csv",
                ]
                .contains(&w.as_str())
            })
            .collect();
        assert!(english.is_empty(), "{args:?}: {line}: {english:?}");
        assert!(line.contains("gradscape --help"), "{line}");
    }
}

#[test]
fn a_missing_argument_is_named() {
    assert_eq!(
        refused(&["simulate"]),
        "gradscape: missing <SCENE> (see gradscape --help)"
    );
    assert_eq!(
        refused(&["--lang", "zh", "simulate"]),
        "gradscape: 缺少 <SCENE>（参见 gradscape --help）"
    );
}
