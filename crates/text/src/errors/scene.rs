//! Scene errors in words: a field's path, what it allows, what it got.

use super::{expr_error, quote};
use crate::{tr, trf, Lang};
use gradscape_core::format::field as field_text;
use gradscape_core::landscape::KINDS;
use gradscape_core::optim::{ChoiceKey, HyperError, KeyValue, ALL_KINDS};
use gradscape_core::run::RunError;
use gradscape_core::scene::{Allowed, Choice, Got, Problem};
use gradscape_core::schedule;
use gradscape_core::SceneError;

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
pub(super) fn json_fault(detail: &str) -> Option<&'static str> {
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
