//! `gradscape code`: the scene's Python script on standard output or in a
//! file, its comments in `--lang`, and a bad scene refused as `simulate`
//! refuses it. (That the scripts compute the core's numbers is
//! tests/code_torch.rs.) Run with `cargo test --features cli`.
#![cfg(not(target_arch = "wasm32"))]
#![cfg(feature = "cli")]

#[allow(dead_code)]
#[path = "common/cli.rs"]
mod cli;
use cli::*;

#[test]
fn code_prints_the_script_or_writes_it() {
    let o = run(&["code", "examples/scenes/adam-bias-correction.json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(
        text.starts_with("# gradscape: this scene's runs, reproduced in Python (d2l convention).")
    );
    assert!(text.contains("def adam_2d(x, g, state, t, eta, beta1, beta2, eps, bias_correction):"));
    assert_eq!(text.matches("*train_2d(adam_2d, ").count(), 2);

    let out = tmp("adam.py");
    let o = run(&[
        "--lang",
        "zh",
        "code",
        "examples/scenes/adam-bias-correction.json",
        "-o",
        s(&out),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(o.stdout.is_empty());
    let zh = std::fs::read_to_string(&out).unwrap();
    assert!(
        zh.starts_with("# gradscape：用 Python 重现本场景的各次运行（d2l 约定）。"),
        "{zh}"
    );
    // The same code, other comments.
    // Comments, the stop messages (f-strings) and the runs' labels (the
    // page's legend words) are the language's.
    let code = |t: &str| -> Vec<String> {
        t.lines()
            .filter(|l| !l.trim_start().starts_with('#'))
            .map(|l| l.split(" f\"").next().unwrap_or(l).to_string())
            .map(|l| match l.strip_prefix("    (\"") {
                Some(rest) => rest
                    .split_once("\", ")
                    .map_or(l.clone(), |(_, call)| call.to_string()),
                None => l,
            })
            .collect()
    };
    assert_eq!(code(&text), code(&zh));
}

#[test]
fn code_refuses_what_simulate_refuses() {
    let bad = r#"{"optimizers": [{"kind": "gd", "lr": 0}]}"#;
    let o = run_stdin(&["code", "-"], bad);
    assert_one_line(&o, "lr 0", &["optimizers[0].lr", "> 0"]);
    let sim = run_stdin(&["simulate", "-"], bad);
    assert_eq!(stderr(&o), stderr(&sim));
    let o = run(&[
        "code",
        "examples/scenes/gd-eta-0.4.json",
        "-o",
        "/no/such/dir/x.py",
    ]);
    assert_one_line(&o, "unwritable", &["/no/such/dir/x.py"]);
}
