//! Errors of the core in words: formula errors, scene errors, run errors,
//! link notices.

use crate::{tr, trf, Lang};
use gradscape_core::format::{field as field_text, Slip};
use gradscape_core::landscape::expr::Open;
use gradscape_core::landscape::{ExprError, ExprProblem, KINDS};
use gradscape_core::optim::{ChoiceKey, HyperError, KeyValue, ALL_KINDS};
use gradscape_core::run::RunError;
use gradscape_core::scene::{Allowed, Choice, Got, Problem};
use gradscape_core::schedule;
use gradscape_core::url::Notice;
use gradscape_core::SceneError;

/// "column 6: missing ')' …" in `lang`.
pub fn expr_error(e: &ExprError, lang: Lang) -> String {
    trf(
        lang,
        "expr.at",
        &[&e.column.to_string(), &expr_problem(&e.problem, lang)],
    )
}

/// What the user typed, quoted as `lang` quotes: `'×'`, `“×”`.
fn quote(typed: &str, lang: Lang) -> String {
    trf(lang, "expr.quote", &[typed])
}

fn open(o: &Open, lang: Lang) -> String {
    match o {
        Open::Paren(typed) | Open::Call(typed) => quote(typed, lang),
    }
}

/// What is wrong with a formula, without its column, in `lang`.
pub fn expr_problem(p: &ExprProblem, lang: Lang) -> String {
    use ExprProblem as P;
    let key = |k: &str| trf(lang, k, &[]);
    match p {
        P::TooLong { len, max } => {
            trf(lang, "expr.too-long", &[&len.to_string(), &max.to_string()])
        }
        P::Empty => key("expr.empty"),
        P::TooComplex { max } => trf(lang, "expr.too-complex", &[&max.to_string()]),
        P::BadChar { typed, ime } => {
            let k = if *ime {
                "expr.bad-char-ime"
            } else {
                "expr.bad-char"
            };
            trf(lang, k, &[&quote(&typed.to_string(), lang)])
        }
        P::Digit => key("expr.digit"),
        P::Exponent => key("expr.exponent"),
        P::TwoDots => key("expr.two-dots"),
        P::TooLarge(typed) => trf(lang, "expr.too-large", &[typed]),
        P::TooDeep { max } => trf(lang, "expr.too-deep", &[&max.to_string()]),
        P::Unmatched(t) => trf(lang, "expr.unmatched", &[&quote(t, lang)]),
        P::Implicit(t) => trf(lang, "expr.implicit", &[&quote(t, lang)]),
        P::Comma(t) => trf(lang, "expr.comma", &[&quote(t, lang)]),
        P::Unexpected(t) => trf(lang, "expr.unexpected", &[&quote(t, lang)]),
        P::Ends => key("expr.ends"),
        P::Plus => key("expr.plus"),
        P::Found(t) => trf(lang, "expr.found", &[&quote(t, lang)]),
        P::CloseFound { open: o, at, found } => trf(
            lang,
            "expr.close-found",
            &[&open(o, lang), &at.to_string(), &quote(found, lang)],
        ),
        P::CloseMissing { open: o, at } => trf(
            lang,
            "expr.close-missing",
            &[&open(o, lang), &at.to_string()],
        ),
        P::Unknown(name) => trf(
            lang,
            "expr.unknown",
            &[
                &quote(name, lang),
                &gradscape_core::landscape::expr::FUNCTIONS.join(", "),
            ],
        ),
        P::Paren(name) => trf(lang, "expr.paren", &[name]),
        P::Arity { name, want, got } => {
            let k = match (want, got > want) {
                (1, _) => "expr.arity1",
                (_, false) => "expr.arity2",
                (_, true) => "expr.arity2-more",
            };
            trf(lang, k, &[name, &got.to_string()])
        }
    }
}

/// A bound as the errors write it: 1e6, 1e-6, 360, 0.
fn limit(v: f64) -> String {
    if v != 0.0 && (v.abs() < 1e-3 || v.abs() >= 1e3) {
        format!("{v:e}")
    } else {
        format!("{v}")
    }
}

fn names(c: Choice) -> String {
    match c {
        Choice::Landscape => KINDS.join(", "),
        Choice::Optimizer => ALL_KINDS
            .iter()
            .map(|k| k.name())
            .collect::<Vec<_>>()
            .join(", "),
        Choice::LineSearch => ChoiceKey::LineSearch.options().join(", "),
        Choice::Schedule => schedule::KINDS.join(", "),
        Choice::ScheduleChild => schedule::KINDS[..8].join(", "),
        Choice::CyclicMode => join(schedule::CyclicMode::ALL.map(|m| m.name())),
        Choice::Anneal => join(schedule::Anneal::ALL.map(|m| m.name())),
        Choice::PlateauMode => join(schedule::PlateauMode::ALL.map(|m| m.name())),
        Choice::ThresholdMode => join(schedule::ThresholdMode::ALL.map(|m| m.name())),
    }
}

fn join<const N: usize>(names: [&str; N]) -> String {
    names.join(", ")
}

/// What a field allows, in `lang` ("a finite number > 0", "大于 0 的有限数").
pub fn allowed(a: &Allowed, lang: Lang) -> String {
    let t = |k: &str| tr(lang, k).to_string();
    match *a {
        Allowed::Positive => t("range.lr"),
        Allowed::Unit => t("range.decay"),
        Allowed::NonNegative => t("range.nonneg"),
        Allowed::Boolean => t("range.bool"),
        Allowed::Number => t("range.number"),
        Allowed::Range { lo, hi } => trf(lang, "allowed.range", &[&limit(lo), &limit(hi)]),
        Allowed::AbsAtMost { name, max } => trf(lang, "allowed.abs-at-most", &[name, &limit(max)]),
        Allowed::AbsWithin { lo, hi } => trf(lang, "allowed.abs-within", &[&limit(lo), &limit(hi)]),
        Allowed::Angle { max } => trf(lang, "allowed.angle", &[&limit(max)]),
        Allowed::Integer { lo, hi } => {
            trf(lang, "allowed.integer", &[&lo.to_string(), &hi.to_string()])
        }
        Allowed::Point => t("allowed.point"),
        Allowed::Span => t("allowed.span"),
        Allowed::Ordered => t("allowed.ordered"),
        Allowed::Object => t("allowed.object"),
        Allowed::OptimizerList => t("allowed.optimizer-list"),
        Allowed::OneOf(c) => trf(lang, "allowed.one-of", &[&names(c)]),
        Allowed::Convention => t("allowed.convention"),
        Allowed::Version => t("allowed.version"),
        Allowed::Formula => t("allowed.formula"),
        Allowed::Etas => t("allowed.etas"),
        Allowed::StepSizes => t("allowed.step-sizes"),
        Allowed::ZeroWithNesterov => t("allowed.zero-with-nesterov"),
        Allowed::PositiveWithNesterov => t("allowed.positive-with-nesterov"),
        Allowed::Fraction => t("allowed.fraction"),
        Allowed::Milestones { max } => trf(lang, "allowed.milestones", &[&max.to_string()]),
        Allowed::Count { n: 1 } => t("allowed.count.one"),
        Allowed::Count { n } => trf(lang, "allowed.count", &[&n.to_string()]),
        Allowed::ScheduleList { max } => trf(lang, "allowed.schedule-list", &[&max.to_string()]),
    }
}

/// The value given, as an error shows it.
pub fn got(g: &Got, lang: Lang) -> String {
    match g {
        // A whole number as the user wrote it ("got 99999999", not the
        // JSON of the f64 a field or a link made of it, "99999999.0").
        // A number's exponent as it was typed (`1e20`: serde_json writes
        // `1e+20`).
        Got::Json(s) if s.contains("e+") && s.parse::<f64>().is_ok() => s.replace("e+", "e"),
        Got::Json(s) => match s.strip_suffix(".0") {
            Some(whole)
                if !whole.is_empty()
                    && whole
                        .trim_start_matches('-')
                        .bytes()
                        .all(|b| b.is_ascii_digit()) =>
            {
                whole.to_string()
            }
            // A string as Chinese quotes text (“abc”); English shows the
            // JSON, which is how it quotes too.
            _ => match s.strip_prefix('"').and_then(|t| t.strip_suffix('"')) {
                Some(text) if lang == Lang::Zh && !text.contains(['\\', '"']) => quote(text, lang),
                _ => s.clone(),
            },
        },
        Got::Number(x) => format!("{x}"),
        Got::Cut(s) if lang == Lang::Zh => quote(&format!("{s}…"), lang),
        Got::Cut(s) => format!("\"{s}…\""),
        Got::Array => tr(lang, "got.array").into(),
        Got::Object => tr(lang, "got.object").into(),
        Got::Count(1) => tr(lang, "got.count.one").into(),
        Got::Count(n) => trf(lang, "got.count", &[&n.to_string()]),
        // As a field shows a number: 1e-300, not 300 zeros.
        Got::Pair(a, b) => format!("[{}, {}]", field_text(*a), field_text(*b)),
    }
}

/// A field path in `lang`: as written in English; in Chinese an
/// optimizer's place reads "第 2 个优化器" and the scene itself "场景" (the
/// JSON keys stay, as the user typed them).
pub fn field(path: &str, lang: Lang) -> String {
    if lang == Lang::En {
        return path.to_string();
    }
    if path == "scene" {
        return tr(lang, "scene.the-scene").into();
    }
    if let Some(rest) = path.strip_prefix("optimizers[") {
        if let Some((i, tail)) = rest.split_once(']') {
            if let Ok(i) = i.parse::<usize>() {
                let head = trf(lang, "field.optimizer", &[&(i + 1).to_string()]);
                return match tail.strip_prefix('.') {
                    Some(key) => trf(lang, "field.of", &[&head, key]),
                    None => head + tail,
                };
            }
        }
    }
    path.to_string()
}

/// The text key of the fault serde_json's message names (its words are a
/// parser's, "EOF while parsing a value"; ours say it plainly in both
/// languages). Every fault a parse into a `Value` can report is here.
fn json_fault(detail: &str) -> Option<&'static str> {
    const FAULTS: &[(&str, &str)] = &[
        ("trailing comma", "json.trailing-comma"),
        // An unclosed text, a missing value, then an unclosed object or
        // list (an empty text is `Problem::EmptyText`).
        ("EOF while parsing a string", "json.eof-string"),
        ("EOF while parsing a value", "json.eof-value"),
        ("EOF while parsing", "json.eof"),
        ("expected value", "json.expected-value"),
        // `not json`: the parser tried `null`.
        ("expected ident", "json.expected-value"),
        ("invalid number", "json.bad-number"),
        ("expected `,` or `}`", "json.expected-comma-brace"),
        ("expected `,` or `]`", "json.expected-comma-bracket"),
        ("key must be a string", "json.key-string"),
        ("expected `:`", "json.expected-colon"),
        ("trailing characters", "json.trailing-characters"),
        ("number out of range", "json.out-of-range"),
        ("invalid escape", "json.bad-escape"),
        // A surrogate alone or mismatched (`\uD800`, `\uDC00`, `\uD800\u0041`).
        ("invalid unicode code point", "json.bad-unicode"),
        ("lone leading surrogate", "json.bad-unicode"),
        ("unexpected end of hex escape", "json.bad-unicode"),
        ("control character", "json.control-char"),
        ("recursion limit exceeded", "json.too-deep"),
    ];
    FAULTS
        .iter()
        .find(|(start, _)| detail.starts_with(start))
        .map(|&(_, key)| key)
}

/// What is wrong with a field, without its path, in `lang`.
pub fn problem(p: &Problem, lang: Lang) -> String {
    match p {
        Problem::NotJson {
            line,
            column,
            detail,
        } => {
            let at = trf(
                lang,
                "scene.json-at",
                &[&line.to_string(), &column.to_string()],
            );
            // What the parser found wrong, in plain words; a fault the
            // table lacks in serde_json's own (English) words.
            let what = match (json_fault(detail), lang) {
                (Some(key), _) => format!("{at}{}{}", sep(lang), tr(lang, key)),
                (None, Lang::En) => {
                    let words = detail
                        .rsplit_once(" at line ")
                        .map_or(&detail[..], |(w, _)| w);
                    format!("{at}: {words}")
                }
                (None, Lang::Zh) => at,
            };
            trf(lang, "scene.not-json", &[&what])
        }
        Problem::EmptyText => tr(lang, "scene.empty").into(),
        Problem::DuplicateKey { line, column } => trf(
            lang,
            "scene.duplicate-key",
            &[&line.to_string(), &column.to_string()],
        ),
        Problem::UnknownKey { within, allowed } => {
            let place = if within.is_empty() {
                tr(lang, "scene.the-scene").to_string()
            } else {
                field(within, lang)
            };
            trf(lang, "scene.unknown-key", &[&place, &allowed.join(", ")])
        }
        Problem::UnknownOptimizerKey { kind } => {
            let mut keys = vec!["kind"];
            keys.extend(kind.keys().iter().map(|k| k.name()));
            trf(
                lang,
                "scene.unknown-opt-key",
                &[kind.name(), &keys.join(", ")],
            )
        }
        Problem::MustBe { allowed: a, got: g } => {
            trf(lang, "scene.must-be", &[&allowed(a, lang), &got(g, lang)])
        }
        Problem::Required { allowed: a } => {
            let key = match a {
                Allowed::OneOf(_) => "scene.required-one-of",
                _ => "scene.required",
            };
            trf(lang, key, &[&allowed(a, lang)])
        }
        Problem::TooMany { max, got } => trf(
            lang,
            "scene.too-many",
            &[&max.to_string(), &got.to_string()],
        ),
        Problem::NoOptimizer { index } => trf(lang, "scene.no-optimizer", &[&index.to_string()]),
        Problem::Formula(e) => expr_error(e, lang),
        Problem::UndefinedStart { x, y } => {
            trf(lang, "scene.undefined-start", &[&format!("[{x}, {y}]")])
        }
        Problem::Schedule(e) => crate::schedule::schedule_error(e, lang),
        Problem::NoMomentum { kind } => crate::schedule::no_momentum(*kind, lang),
        Problem::ZeroRate { step } => trf(lang, "schedule.zero-rate", &[&step.to_string()]),
    }
}

/// What is wrong with a field, without its path, in `lang`.
pub fn scene_problem(e: &SceneError, lang: Lang) -> String {
    problem(&e.problem, lang)
}

/// "optimizers[1].lr: must be …" in `lang`.
pub fn scene_error(e: &SceneError, lang: Lang) -> String {
    if e.field.is_empty() {
        scene_problem(e, lang)
    } else {
        scene_error_as(&field(&e.field, lang), e, lang)
    }
}

/// [`scene_error`] with the field named as the page names it ("a" for
/// `landscape.a`).
pub fn scene_error_as(name: &str, e: &SceneError, lang: Lang) -> String {
    format!("{name}{}{}", sep(lang), scene_problem(e, lang))
}

/// What stands between a field and what is wrong with it: ": ", "：".
fn sep(lang: Lang) -> &'static str {
    match lang {
        Lang::En => ": ",
        Lang::Zh => "：",
    }
}

/// A scene that cannot run, in `lang` (a scene error naming the field).
pub fn run_error(e: &RunError, lang: Lang) -> String {
    scene_error(&e.0, lang)
}

/// A field's refusal `text` with how to write what was `typed` when it
/// nearly is a number ([`Slip`]): a decimal comma (not for a `whole`
/// number, where `2,000` is no decimal) or an input method's punctuation
/// at its end (`0.6。`, which is a positive number to its writer).
pub fn with_slip(text: String, typed: &str, whole: bool, lang: Lang) -> String {
    match gradscape_core::format::slip(typed) {
        Some(Slip::DecimalComma) if !whole => trf(lang, "field.comma", &[&text]),
        Some(Slip::ImeEnd(ch)) => trf(lang, "field.ime-end", &[&text, &ch.to_string()]),
        _ => text,
    }
}

/// "lr must be a finite number > 0 (got -1)" in `lang`.
pub fn hyper_error(e: &HyperError, lang: Lang) -> String {
    trf(
        lang,
        "scene.hyper",
        &[
            e.key.name(),
            &allowed(&gradscape_core::scene::allowed_of(e.range), lang),
            &fmt_got(e.value),
        ],
    )
}

fn fmt_got(v: KeyValue) -> String {
    match v {
        KeyValue::Number(x) => format!("{x}"),
        KeyValue::Flag(b) => format!("{b}"),
        KeyValue::Pair([a, b]) => format!("[{a}, {b}]"),
        KeyValue::Int(n) => format!("{n}"),
        KeyValue::Choice(s) => format!("\"{s}\""),
    }
}

/// An input/output error in `lang`: the system's own words in English, its
/// kind in Chinese.
pub fn io_error(e: &std::io::Error, lang: Lang) -> String {
    let key = match e.kind() {
        std::io::ErrorKind::NotFound => "io.not-found",
        std::io::ErrorKind::PermissionDenied => "io.denied",
        std::io::ErrorKind::IsADirectory => "io.is-dir",
        _ => "io.other",
    };
    match (lang, key) {
        // The system's own words for the rare ones, without "(os error 5)".
        (Lang::En, "io.other") => {
            let text = e.to_string();
            match text.rsplit_once(" (os error") {
                Some((words, _)) => words.to_string(),
                None => text,
            }
        }
        _ => tr(lang, key).into(),
    }
}

/// A link notice in `lang`: which value was dropped or changed, and why.
pub fn notice(n: &Notice, lang: Lang) -> String {
    match n {
        // A surface's unknown parameter, with the surface's keys as the
        // link writes them (`f`, not the scene JSON's `kind`).
        Notice::Dropped(SceneError {
            field,
            problem:
                Problem::UnknownKey {
                    within: "landscape",
                    allowed,
                },
        }) => {
            let keys: Vec<&str> = allowed
                .iter()
                .map(|&k| if k == "kind" { "f" } else { k })
                .collect();
            let text = trf(
                lang,
                "link.surface-key",
                &[gradscape_core::url::link_name(field), &keys.join(", ")],
            );
            trf(lang, "link.ignored", &[&text])
        }
        // Named as the link writes it (`f`, not `landscape.kind`).
        Notice::Dropped(e) => {
            let name = gradscape_core::url::link_name(&e.field);
            let text = match name == e.field {
                true => scene_error(e, lang),
                false => scene_error_as(name, e, lang),
            };
            trf(lang, "link.ignored", &[&text])
        }
        Notice::BadView { got } => trf(lang, "link.bad-view", &[got]),
        Notice::NoOptimizer { got } => trf(lang, "link.no-optimizer", &[got]),
        Notice::BadStep { got } => trf(lang, "link.bad-step", &[got]),
        Notice::StepTooLarge { got, steps } => trf(
            lang,
            "link.step-too-large",
            &[&steps.to_string(), &got.to_string()],
        ),
        Notice::UnknownKey { key } => trf(lang, "link.unknown", &[key]),
        Notice::Repeated { key } => trf(lang, "link.repeated", &[key]),
        Notice::BadSchedule { got } => trf(lang, "link.bad-schedule", &[got]),
        Notice::DecimalComma { key, got } => {
            let what = trf(lang, "link.decimal-comma", &[key, got]);
            trf(lang, "link.ignored", &[&trf(lang, "field.comma", &[&what])])
        }
        Notice::UnknownGroup { key, name } => trf(lang, "link.unknown-group", &[key, name]),
        Notice::BadLesson { got } => trf(
            lang,
            "link.bad-lesson",
            &[&gradscape_core::lesson::LESSONS.len().to_string(), got],
        ),
        Notice::BadLang { got } => trf(lang, "link.bad-lang", &[got]),
        Notice::BadPresent { got } => trf(lang, "link.bad-present", &[got]),
        // ("from 1 to 0" would be no range at all.)
        Notice::BadHidden { got, runs: 0 } => trf(lang, "link.hidden-no-runs", &[got]),
        Notice::BadHidden { got, runs } => trf(lang, "link.bad-hidden", &[&runs.to_string(), got]),
        Notice::Unreadable => trf(lang, "link.unreadable", &[]),
    }
}
#[cfg(test)]
mod tests {
    use super::*;
    use gradscape_core::url::from_query;

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
        assert!(
            said("50，", true, Lang::En).contains("delete the Chinese punctuation “，” at its end")
        );
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
        let d2l = gradscape_core::OptSpec::new(
            gradscape_core::OptKind::Gd,
            gradscape_core::Convention::D2l,
        );
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
}

#[cfg(test)]
mod json_fault_tests {
    use super::*;

    /// The Chinese words say what serde_json found wrong, not only where.
    #[test]
    fn a_chinese_json_error_says_what_is_wrong() {
        let cases = [
            ("not json", "这里应当是一个值"),
            (r#"{"steps": 5,}"#, "多了一个逗号"),
            (r#"{"steps": 5"#, "内容不完整"),
            (r#"{"a": "abc"#, "缺少结尾的引号"),
            (r#"{"a": "#, "这里应当是一个值"),
            (r#"{steps: 5}"#, "键必须是带双引号的文字"),
            (r#"{"steps" 5}"#, "键后应当是 :"),
            (r#"{"steps": 5} x"#, "多余的字符"),
            (r#"[1 2]"#, "这里应当是 , 或 ]"),
        ];
        for (text, words) in cases {
            let e = gradscape_core::Scene::from_json(text).unwrap_err();
            let zh = scene_error(&e, Lang::Zh);
            assert!(zh.contains(words) && zh.contains("第 1 行"), "{text}: {zh}");
        }
    }

    /// Every fault serde_json can report reading a scene is said in plain
    /// words in both languages, with its line and column: English quoted
    /// the parser ("EOF while parsing a value"), and 中文 said only where
    /// for a fault the table lacked ("lr": 1e400).
    #[test]
    fn every_json_fault_has_its_reason_in_both_languages() {
        let cases = [
            (r#"{"lr": 1e400}"#, "a number out of range", "数值超出范围"),
            (
                r#"{"a": "x\q"}"#,
                "a backslash that JSON does not know",
                "反斜杠转义",
            ),
            (
                r#"{"a": "\uZZZZ"}"#,
                "a backslash that JSON does not know",
                "反斜杠转义",
            ),
            (r#"{"a": "\uDC00"}"#, "not a character", "不是有效的字符"),
            (r#"{"a": "\uD800"}"#, "not a character", "不是有效的字符"),
            (
                r#"{"a": "\uD800\u0041"}"#,
                "not a character",
                "不是有效的字符",
            ),
            ("{\"a\": \"x\ny\"}", "a line break or tab", "换行或制表符"),
            (&"[".repeat(200), "nested too deeply", "嵌套太深"),
            (r#"{"a": 01}"#, "", ""),
            (r#"{"a": -}"#, "not written as JSON", "数字的写法不对"),
            (r#"{"a": [1, 2"#, "ends early", "内容不完整"),
            (
                r#"{"a": "#,
                "ends early: a value is missing",
                "这里应当是一个值",
            ),
            (r#"{"a": tru}"#, "a value belongs here", "这里应当是一个值"),
            (r#"{"a": [1,]}"#, "a comma too many", "多了一个逗号"),
        ];
        for (text, en_words, zh_words) in cases {
            let e = gradscape_core::Scene::from_json(text).unwrap_err();
            let Problem::NotJson {
                detail,
                line,
                column,
            } = &e.problem
            else {
                panic!("{text}: {e:?}");
            };
            assert!(
                json_fault(detail).is_some(),
                "{text}: {detail} has no words"
            );
            let (en, zh) = (scene_error(&e, Lang::En), scene_error(&e, Lang::Zh));
            assert!(en.contains(en_words), "{text}: {en}");
            assert!(zh.contains(zh_words), "{text}: {zh}");
            assert!(en.contains(&format!("line {line} column {column}")), "{en}");
            assert!(zh.contains(&format!("第 {line} 行第 {column} 列")), "{zh}");
            assert!(!en.contains("EOF") && !en.contains("parsing"), "{en}");
        }
        let said = |text: &str| {
            let e = gradscape_core::Scene::from_json(text).unwrap_err();
            [Lang::En, Lang::Zh].map(|l| scene_error(&e, l))
        };
        // The field it broke in is named.
        assert_eq!(
            said(r#"{"optimizers": [{"kind": "gd", "lr": 1e400}]}"#),
            [
                "optimizers[0].lr: not valid JSON: line 1 column 42: a number out of range (JSON numbers here must be within ±1.79e308)",
                "第 1 个优化器的 lr：不是有效的 JSON：第 1 行第 42 列有误：数值超出范围（须在 ±1.79e308 以内）",
            ]
        );
        // No text at all is said so.
        for text in ["", " \n\t "] {
            assert_eq!(
                said(text),
                [
                    "the scene is empty: no JSON at all ({} is the default scene)",
                    "场景是空的：没有任何 JSON（默认场景写作 {}）",
                ]
            );
        }
    }
}
