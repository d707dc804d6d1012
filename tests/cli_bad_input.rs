//! The command line on bad input: bad scenes and bad arguments exit 2 with a
//! one-line message, never a panic. Run with `cargo test --features cli`.
#![cfg(not(target_arch = "wasm32"))]
#![cfg(feature = "cli")]

#[allow(dead_code)]
#[path = "common/cli.rs"]
mod cli;
use cli::*;

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

#[test]
fn a_refused_choice_lists_the_possible_values_in_both_languages() {
    let o = run(&[
        "simulate",
        "examples/scenes/gd-eta-0.6.json",
        "--format",
        "xml",
    ]);
    assert_one_line(&o, "--format xml", &["xml", "possible values: json, csv"]);
    let o = run(&[
        "simulate",
        "examples/scenes/gd-eta-0.6.json",
        "--format",
        "xml",
        "--lang",
        "zh",
    ]);
    assert_one_line(&o, "--format xml (zh)", &["xml", "可选值：json, csv"]);
    let out = tmp("y.svg");
    let o = run(&[
        "render",
        "examples/scenes/gd-eta-0.6.json",
        "-o",
        s(&out),
        "--format",
        "bmp",
    ]);
    assert_one_line(&o, "--format bmp", &["svg, png, pdf, gif"]);
}

/// Every numeric option refuses a non-number, a decimal, a negative and an
/// out-of-range value alike: the option, its range and the value typed, in
/// the user's language; never Rust's parse error ("invalid digit found in
/// string") or clap's "unexpected argument '-1'" (a user's trial).
#[test]
fn every_numeric_option_names_its_range_in_both_languages() {
    let out = tmp("n.png");
    let options: &[(&str, u32, u32)] = &[
        ("--width", 200, 10000),
        ("--height", 150, 10000),
        ("--every", 1, 100000),
        ("--fps", 1, 50),
        ("--scale", 1, 4),
    ];
    let outside = |hi: u32| (hi + 1).to_string();
    for &(flag, lo, hi) in options {
        let too_big = outside(hi);
        for bad in [
            "1.5",
            "abc",
            "-1",
            "1e3",
            &too_big,
            "99999999999999999999999",
        ] {
            let args = [
                "render",
                "examples/scenes/gd-eta-0.4.json",
                "-o",
                s(&out),
                flag,
                bad,
            ];
            let what = format!("{flag} {bad}");
            let o = run(&args);
            let range = format!("{flag} must be a whole number from {lo} to {hi} (got {bad})");
            assert_one_line(&o, &what, &[&range]);
            let o = run(&[&["--lang", "zh"][..], &args].concat());
            let range = format!("{flag} 必须是 {lo} 到 {hi} 之间的整数（输入为 {bad}）");
            assert_one_line(&o, &format!("zh {what}"), &[&range]);
            assert!(!stderr(&o).contains("invalid"), "zh {what}: {}", stderr(&o));
        }
    }
    assert!(!out.exists(), "nothing written");
}

/// A flag given last with no value says so and names the flag in the
/// user's language (the Chinese line read "--scale <SCALE> 的值无效：" and
/// stopped), with the choices where the flag has them.
#[test]
fn a_flag_without_its_value_says_so_in_both_languages() {
    let out = tmp("nv.png");
    for (flag, choices) in [("--scale", None), ("--format", Some("svg, png, pdf, gif"))] {
        let args = [
            "render",
            "examples/scenes/gd-eta-0.4.json",
            "-o",
            s(&out),
            flag,
        ];
        let o = run(&args);
        let mut want = vec![
            format!("{flag} <"),
            "needs a value, and none was given".to_string(),
        ];
        want.extend(choices.map(|c| format!("possible values: {c}")));
        let want: Vec<&str> = want.iter().map(String::as_str).collect();
        assert_one_line(&o, flag, &want);
        let o = run(&[&["--lang", "zh"][..], &args].concat());
        let mut want = vec![format!("{flag} <"), "需要一个值，但没有给出".to_string()];
        want.extend(choices.map(|c| format!("可选值：{c}")));
        let want: Vec<&str> = want.iter().map(String::as_str).collect();
        assert_one_line(&o, &format!("zh {flag}"), &want);
        assert!(
            !stderr(&o).contains("的值无效"),
            "zh {flag}: {}",
            stderr(&o)
        );
    }
    assert!(!out.exists(), "nothing written");
}

/// A formula in a scene is refused with the page's message, in either
/// language: what the student typed quoted as typed, at its character.
#[test]
fn a_scene_formula_is_refused_with_the_pages_message() {
    use gradscape::landscape::Expr;
    use gradscape::text::{errors::expr_error, Lang};
    for (i, formula) in ["2××x", "x²+（y-1²", "min（x、y）"].iter().enumerate() {
        let scene = serde_json::json!({"landscape": {"kind": "expr", "expr": formula}});
        let p = write_tmp(&format!("expr-typed-{i}.json"), &scene.to_string());
        let e = Expr::parse(formula).unwrap_err();
        for (lang, l) in [("en", Lang::En), ("zh", Lang::Zh)] {
            let o = run(&["simulate", s(&p), "--lang", lang]);
            assert_one_line(&o, formula, &["landscape.expr", &expr_error(&e, l)]);
            assert!(stderr(&o).trim_end().ends_with(&expr_error(&e, l)));
        }
    }
    // The words themselves (the page's, checked in tests/expr_errors.rs).
    let p = write_tmp(
        "expr-typed-0.json",
        r#"{"landscape": {"kind": "expr", "expr": "2××x"}}"#,
    );
    let o = run(&["simulate", s(&p)]);
    assert_one_line(&o, "2××x", &["column 3:", "found '×'"]);
}

/// A start where f is not defined (`ln(x)` from x = −1) has no first point:
/// `simulate` printed `"points":[]` (the output promises `points[0]` = the
/// start), the CSV a header alone, `render` a legend "diverged at step 0".
/// Every command refuses it with the page's words, naming `start` and the
/// point, in either language; a start where f is defined but ∇f is not
/// still runs, its start kept.
#[test]
fn a_start_where_f_is_undefined_is_refused_in_both_languages() {
    let p = write_tmp(
        "ln.json",
        r#"{"landscape": {"kind": "expr", "expr": "ln(x)"}, "start": [-1, 1]}"#,
    );
    let words = [
        (
            "en",
            "start: f is not defined (or not finite) at the start [-1, 1]",
        ),
        ("zh", "start：f 在起点 [-1, 1] 处无定义（或不是有限值）"),
    ];
    for (lang, said) in words {
        let out = tmp("never.svg");
        for args in [
            vec!["simulate", s(&p)],
            vec!["simulate", s(&p), "--format", "csv"],
            vec!["render", s(&p), "-o", s(&out)],
            vec!["code", s(&p)],
        ] {
            let mut args = args.clone();
            args.extend(["--lang", lang]);
            let o = run(&args);
            assert_one_line(&o, &args.join(" "), &["ln.json", said]);
        }
        assert!(!out.exists(), "wrote a figure anyway");
    }
    let p = write_tmp(
        "sqrt.json",
        r#"{"landscape": {"kind": "expr", "expr": "sqrt(x) + y^2"}, "start": [0, 1], "steps": 3}"#,
    );
    let o = run(&["simulate", s(&p)]);
    assert_ok(&o);
    let runs = json_out(&o)["runs"].clone();
    assert_eq!(runs[0]["points"][0], serde_json::json!([0.0, 1.0]));
    assert_eq!(
        runs[0]["stop"],
        serde_json::json!({"reason": "diverged", "step": 1})
    );
}

/// A key written twice (`{"steps": 5, "steps": 6}` ran 6 steps, exit 0:
/// JSON keeps the last) is refused as an unknown key is, naming the key's
/// path and where it is written again, in either language.
#[test]
fn a_key_written_twice_is_refused_in_both_languages() {
    let top = write_tmp("steps-twice.json", r#"{"steps": 5, "steps": 6}"#);
    let opt = write_tmp(
        "lr-twice.json",
        "{\"optimizers\": [{\"kind\": \"gd\"},\n  {\"kind\": \"adam\", \"lr\": 0.1, \"lr\": 0.2}]}",
    );
    let cases: [(&std::path::Path, &str, &[&str]); 4] = [
        (&top, "en", &["steps: appears twice", "line 1 column 20"]),
        (
            &top,
            "zh",
            &["steps：在同一个对象中出现了两次", "第 1 行第 20 列"],
        ),
        (
            &opt,
            "en",
            &["optimizers[1].lr: appears twice", "line 2 column 34"],
        ),
        (
            &opt,
            "zh",
            &["第 2 个优化器的 lr：", "出现了两次", "第 2 行第 34 列"],
        ),
    ];
    for (p, lang, words) in cases {
        let out = tmp("never.svg");
        for cmd in ["simulate", "render"] {
            let o = if cmd == "simulate" {
                run(&["simulate", s(p), "--lang", lang])
            } else {
                run(&["render", s(p), "-o", s(&out), "--lang", lang])
            };
            assert_one_line(&o, &format!("{cmd} {} {lang}", s(p)), words);
        }
        assert!(!out.exists());
    }
    // The same key in two objects is not twice.
    let p = write_tmp(
        "lr-each.json",
        r#"{"optimizers": [{"kind": "gd", "lr": 0.1}, {"kind": "gd", "lr": 0.2}]}"#,
    );
    assert_ok(&run(&["simulate", s(&p)]));
}

/// A scene that is not JSON says where and why in both languages (中文
/// said only "第 1 行第 38 列有误" for `1e400`), names the field it broke in,
/// and an empty file says so (English said "EOF while parsing a value").
#[test]
fn json_errors_say_where_and_why_in_both_languages() {
    let big = write_tmp("big.json", r#"{"optimizers":[{"kind":"gd","lr":1e400}]}"#);
    let empty = write_tmp("empty.json", "");
    let cases: [(&std::path::Path, &str, &[&str]); 4] = [
        (
            &big,
            "en",
            &[
                "optimizers[0].lr: not valid JSON: line 1 column 38",
                "number out of range",
            ],
        ),
        (
            &big,
            "zh",
            &["第 1 个优化器的 lr：", "第 1 行第 38 列有误：数值超出范围"],
        ),
        (&empty, "en", &["empty.json: the scene is empty"]),
        (&empty, "zh", &["empty.json: 场景是空的"]),
    ];
    for (p, lang, words) in cases {
        let o = run(&["simulate", s(p), "--lang", lang]);
        assert_one_line(&o, &format!("{} {lang}", s(p)), words);
        assert!(!stderr(&o).contains("EOF"), "{}", stderr(&o));
    }
}

/// An output in a folder that does not exist names the folder (中文 said
/// "文件不存在", as if the file were missing); a "folder" that is a file
/// says that.
#[test]
fn a_missing_output_folder_is_named_in_both_languages() {
    let dir = tmp("no-such-dir");
    let out = dir.join("x.png");
    let file = write_tmp("a-file", "");
    let script = file.join("x.py");
    let scene = "examples/scenes/gd-eta-0.4.json";
    for (lang, folder, not_folder) in [
        (
            "en",
            "the folder {} does not exist",
            "{} is a file, not a folder",
        ),
        ("zh", "文件夹 {} 不存在", "{} 是一个文件，不是文件夹"),
    ] {
        let o = run(&["render", scene, "-o", s(&out), "--lang", lang]);
        assert_one_line(&o, lang, &[s(&out), &folder.replace("{}", s(&dir))]);
        let o = run(&["code", scene, "-o", s(&script), "--lang", lang]);
        assert_one_line(&o, lang, &[s(&script), &not_folder.replace("{}", s(&file))]);
    }
    assert!(!dir.exists());
}

/// `-o -` writes to standard output, as `-` reads standard input (it wrote a
/// file named "-"); `--state` with CSV is refused (it was dropped silently);
/// a missing file is said in plain words, without the system's "(os error 2)".
#[test]
fn dash_is_standard_output_and_csv_refuses_the_state() {
    let scene = write_tmp("dash.json", r#"{"steps": 3}"#);
    let dir = tmp("dash-cwd");
    std::fs::create_dir_all(&dir).unwrap();
    let o = bin()
        .current_dir(&dir)
        .args(["render", s(&scene), "-o", "-"])
        .output()
        .unwrap();
    assert_ok(&o);
    assert!(stdout(&o).contains("<svg"), "{}", stderr(&o));
    assert!(!dir.join("-").exists(), "a file named -");
    let o = bin()
        .current_dir(&dir)
        .args(["render", s(&scene), "-o", "-", "--format", "png"])
        .output()
        .unwrap();
    assert_ok(&o);
    assert_eq!(&o.stdout[1..4], b"PNG");
    let o = run(&["code", s(&scene), "-o", "-"]);
    assert_ok(&o);
    assert!(stdout(&o).starts_with("# gradscape: "), "{}", stdout(&o));
    let o = run(&["simulate", s(&scene), "--format", "csv", "--state"]);
    assert_one_line(&o, "--state with CSV", &["--state", "--format csv"]);
    let o = run(&[
        "--lang",
        "zh",
        "simulate",
        s(&scene),
        "--format",
        "csv",
        "--state",
    ]);
    assert_one_line(&o, "--state with CSV, zh", &["不能与"]);
    let o = run(&["simulate", s(&tmp("nowhere.json"))]);
    assert_one_line(&o, "missing file", &["nowhere.json: not found"]);
    assert!(!stderr(&o).contains("os error"), "{}", stderr(&o));
}
