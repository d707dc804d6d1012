use super::*;
use gradscape_core::scene::Got;
use gradscape_core::url::{from_query, Notice};

#[test]
fn hidden_runs_of_a_scene_without_runs_name_no_range() {
    let n = Notice::BadHidden {
        got: "1".into(),
        runs: 0,
    };
    assert_eq!(
        notice(&n, Lang::En),
        "hidden: this scene has no runs to hide (got \"1\"); ignored"
    );
    assert!(!notice(&n, Lang::Zh).contains("1 到 0"));
}

#[test]
fn a_whole_number_is_shown_as_written() {
    for (json, shown) in [
        ("99999999.0", "99999999"),
        ("-3.0", "-3"),
        ("0.5", "0.5"),
        ("1e99", "1e99"),
        ("\"7.0\"", "\"7.0\""),
        (".0", ".0"),
        // serde_json's `1e+20` as typed; a string keeps its `e+`.
        ("1e+20", "1e20"),
        ("-2.5e+300", "-2.5e300"),
        ("1e-7", "1e-7"),
        ("\"1e+20\"", "\"1e+20\""),
    ] {
        assert_eq!(got(&Got::Json(json.into()), Lang::En), shown);
    }
}

#[test]
fn a_file_error_is_in_the_user_s_words_in_both_languages() {
    use std::io::{Error, ErrorKind};
    let missing = Error::from(ErrorKind::NotFound);
    assert_eq!(io_error(&missing, Lang::En), "not found");
    assert_eq!(io_error(&missing, Lang::Zh), "文件不存在");
    let denied = Error::from_raw_os_error(13);
    assert_eq!(io_error(&denied, Lang::En), "permission denied");
    let other = Error::from_raw_os_error(5);
    let en = io_error(&other, Lang::En);
    assert!(!en.contains("os error") && !en.is_empty(), "{en}");
    assert_eq!(io_error(&other, Lang::Zh), "读写出错");
}

#[test]
fn a_schedule_whose_parentheses_do_not_close_is_said_so() {
    for q in [
        "opt=gd:lr=0.5,schedule=step(",
        "opt=gd:lr=0.5,schedule=step()cosine()",
    ] {
        let (s, _, notes) = from_query(q);
        assert_eq!(notes.len(), 1, "{q}: {notes:?}");
        let en = notice(&notes[0], Lang::En);
        assert!(
            en.starts_with("opt: schedule=step(") && en.contains("parentheses closed"),
            "{en}"
        );
        assert!(notice(&notes[0], Lang::Zh).contains("括号要配对"));
        assert_eq!(s.optimizers[0].hyper.lr, 0.5, "the optimizer stays");
        assert!(s.optimizers[0].schedule.is_none());
    }
}

#[test]
fn a_link_s_big_number_is_quoted_as_typed() {
    for (q, en) in [
        (
            "f=quadratic&a=1e20",
            "a: must be a finite number with 1e-6 ≤ |value| ≤ 1e6 (got 1e20); ignored",
        ),
        (
            "steps=1e20",
            "steps: must be a whole number from 0 to 100000 (got 1e20); ignored",
        ),
    ] {
        let (_, _, notes) = from_query(q);
        assert_eq!(notes.len(), 1, "{q}: {notes:?}");
        assert_eq!(notice(&notes[0], Lang::En), en);
        assert!(
            notice(&notes[0], Lang::Zh).contains("（输入为 1e20）"),
            "{q}"
        );
    }
}

#[test]
fn a_field_s_refusal_says_how_to_write_a_near_number() {
    let said = |typed, whole, lang| with_slip("refused".into(), typed, whole, lang);
    assert_eq!(
        said("0.6。", false, Lang::Zh),
        "refused——请删去末尾的中文标点“。”（可把输入法切换为英文标点）"
    );
    assert!(said("50，", true, Lang::En).contains("delete the Chinese punctuation “，” at its end"));
    assert!(said("0，6", false, Lang::Zh).ends_with("小数请用小数点，如 0.5"));
    // A whole number's comma is no decimal; anything else is said as is.
    assert_eq!(said("2,000", true, Lang::En), "refused");
    assert_eq!(said("abc", false, Lang::En), "refused");
}

#[test]
fn a_decimal_comma_in_a_link_is_said_not_guessed() {
    let (s, _, notes) = from_query("opt=gd:lr=0,5;adam:lr=0.1");
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert_eq!(
        notice(&notes[0], Lang::En),
        "opt: lr=0,5 has a comma, which separates keys — write a decimal with a point, as in 0.5; ignored"
    );
    assert!(notice(&notes[0], Lang::Zh).contains("小数请用小数点"));
    let d2l =
        gradscape_core::OptSpec::new(gradscape_core::OptKind::Gd, gradscape_core::Convention::D2l);
    assert_eq!(s.optimizers[0].hyper.lr, d2l.hyper.lr);
    assert_eq!(s.optimizers[1].hyper.lr, 0.1);
}

#[test]
fn a_link_s_surface_key_is_named_with_the_link_s_keys() {
    let (_, _, notes) = from_query("f=expr&expr=x^2&a=3");
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert_eq!(
        notice(&notes[0], Lang::En),
        "a: not a key of this surface; its keys are f, expr; ignored"
    );
    assert_eq!(
        notice(&notes[0], Lang::Zh),
        "a：不是这个曲面的键；它的键是 f, expr；已忽略"
    );
    let (_, _, notes) = from_query("f=quadratic&expr=x^2");
    assert_eq!(
        notice(&notes[0], Lang::En),
        "expr: not a key of this surface; its keys are f, a, b, rotation; ignored"
    );
}

#[test]
fn chinese_quotes_text_as_chinese_does() {
    for (json, shown) in [
        ("\"abc\"", "“abc”"),
        ("\"a\\\"b\"", "\"a\\\"b\""),
        ("\"\"", "“”"),
        ("-3.0", "-3"),
        ("[1,\"a\"]", "[1,\"a\"]"),
    ] {
        assert_eq!(got(&Got::Json(json.into()), Lang::Zh), shown);
    }
    assert_eq!(got(&Got::Cut("abc".into()), Lang::Zh), "“abc…”");
    assert_eq!(got(&Got::Cut("abc".into()), Lang::En), "\"abc…\"");
}

#[test]
fn scene_errors_in_chinese_have_no_english() {
    let long = "x".repeat(50);
    for text in [
        "{\"steps\": 20,".to_string(),
        "[1]".into(),
        r#"{"version": 2}"#.into(),
        r#"{"convention": 3}"#.into(),
        r#"{"landscape": {}}"#.into(),
        r#"{"landscape": {"kind": "quadratic", "a": 0, "rotation": 1}}"#.into(),
        r#"{"landscape": {"kind": "quadratic", "rotation": 400}}"#.into(),
        r#"{"landscape": {"kind": "quadratic", "c": 1}}"#.into(),
        r#"{"landscape": {"kind": "rosenbrock", "a": 1e4}}"#.into(),
        r#"{"landscape": {"kind": "rastrigin", "a": 1e4}}"#.into(),
        r#"{"landscape": {"kind": "expr", "expr": 3}}"#.into(),
        r#"{"landscape": {"kind": "expr", "expr": "min(x,y,1)"}}"#.into(),
        r#"{"start": [1]}"#.into(),
        format!(r#"{{"start": [1, "{long}"]}}"#),
        r#"{"steps": 1.5}"#.into(),
        r#"{"noise": {"seed": -1}}"#.into(),
        r#"{"view": {"x": [1, 0], "y": [0, 1]}}"#.into(),
        r#"{"view": {"x": [0, 1]}}"#.into(),
        r#"{"view": {"x": [0, 1, 2], "y": [0, 1]}}"#.into(),
        r#"{"optimizers": 3}"#.into(),
        r#"{"optimizers": [{}]}"#.into(),
        r#"{"optimizers": [{"kind": "nadam", "momentum_decay": -0.5}]}"#.into(),
        r#"{"optimizers": [{"kind": "adam", "amsgrad": 1}]}"#.into(),
        r#"{"optimizers": [{"kind": "adam", "bogus": 1}]}"#.into(),
        format!(
            r#"{{"optimizers": [{}]}}"#,
            vec![r#"{"kind":"gd"}"#; 17].join(",")
        ),
    ] {
        let e = gradscape_core::Scene::from_json(&text).expect_err(&text);
        let (en, zh) = (scene_error(&e, Lang::En), scene_error(&e, Lang::Zh));
        assert_ne!(en, zh);
        let words = crate::english_words(&zh);
        assert!(
            words.iter().all(
                |w| ["bogus", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "c"]
                    .contains(&w.as_str())
            ),
            "{text}: {zh} has {words:?}"
        );
    }
}

#[test]
fn a_link_notice_names_the_link_key() {
    // `f=quadratc` was named `landscape.kind`, which no link writes.
    let (_, _, notes) = from_query("f=quadratc&conv=keras&sigma=-1&opt=Adam:lr=-1");
    let en: Vec<String> = notes.iter().map(|n| notice(n, Lang::En)).collect();
    for head in ["f: ", "conv: ", "sigma: ", "optimizers[0].lr: "] {
        assert!(en.iter().any(|s| s.starts_with(head)), "{head} in {en:?}");
    }
    let zh: Vec<String> = notes.iter().map(|n| notice(n, Lang::Zh)).collect();
    assert!(zh.iter().any(|s| s.starts_with("f：")), "{zh:?}");
    // `Adam` as the page spells it, and full-width digits, are read.
    let (s, _, notes) = from_query("opt=Adam:lr=０．１");
    assert!(notes.is_empty(), "{notes:?}");
    assert_eq!(
        (s.optimizers[0].kind.name(), s.optimizers[0].hyper.lr),
        ("adam", 0.1)
    );
}

#[test]
fn link_notices_in_both_languages() {
    let (_, _, notes) = from_query("f=expr&expr=sin(x&zoom=3&steps=5&t=9");
    let en: Vec<String> = notes.iter().map(|n| notice(n, Lang::En)).collect();
    assert!(
        en.iter()
            .any(|s| s.starts_with("expr: column 6: missing ')' to close 'sin(' at column 4")),
        "{en:?}"
    );
    assert!(
        en.iter().any(|s| s == "zoom: unknown parameter; ignored"),
        "{en:?}"
    );
    assert!(
        en.iter()
            .any(|s| s == "t: must be at most steps = 5 (got 9); set to 5"),
        "{en:?}"
    );
    for n in &notes {
        let zh = notice(n, Lang::Zh);
        assert!(
            crate::english_words(&zh)
                .iter()
                .all(|w| ["landscape", "zoom"].contains(&w.as_str())),
            "{zh}"
        );
    }
}

/// An empty `opt=` is named, with what a link may say instead.
#[test]
fn an_empty_opt_is_said_in_both_languages() {
    let (_, _, notes) = from_query("f=rosenbrock&opt=");
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert_eq!(
        notice(&notes[0], Lang::En),
        "opt: must name an optimizer, or be none for the surface alone (got \"\"); the default optimizers are shown"
    );
    assert_eq!(
        notice(&notes[0], Lang::Zh),
        "opt：应写出至少一个优化器，只看曲面时写 none（输入为“”）；显示默认的优化器"
    );
}

/// A bad `view=` is one notice naming the field and what it allows, in
/// either language; the rest of the link is kept (no "default scene").
#[test]
fn a_bad_view_is_one_notice_in_both_languages() {
    for (view, en, zh) in [
        (
            "5,-5,0,1",
            "view.x: must be [min, max] with max − min ≥ 1e-9 (got [5, -5]); ignored",
            "view.x：必须是 [min, max] 且 max − min ≥ 1e-9（输入为 [5, -5]）；已忽略",
        ),
        (
            "1,1,1,1",
            "view.x: must be [min, max] with max − min ≥ 1e-9 (got [1, 1]); ignored",
            "view.x：必须是 [min, max] 且 max − min ≥ 1e-9（输入为 [1, 1]）；已忽略",
        ),
        (
            "-2,2,-1,abc",
            "view.y[1]: must be a finite number with |x| ≤ 1e12 (got \"abc\"); ignored",
            "view.y[1]：必须是满足 |x| ≤ 1e12 的有限数（输入为 “abc”）；已忽略",
        ),
        (
            "-1e300,1e300,-1,3",
            "view.x[0]: must be a finite number with |x| ≤ 1e12 (got -1e300); ignored",
            "view.x[0]：必须是满足 |x| ≤ 1e12 的有限数（输入为 -1e300）；已忽略",
        ),
    ] {
        let (_, _, notes) = from_query(&format!(
            "f=rosenbrock&steps=50&opt=adam:lr=0.05&view={view}"
        ));
        assert_eq!(notes.len(), 1, "{view}: {notes:?}");
        assert_eq!(notice(&notes[0], Lang::En), en);
        assert_eq!(notice(&notes[0], Lang::Zh), zh);
    }
}
