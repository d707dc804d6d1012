//! Formula errors in words: what is wrong with a formula, at its column.

use super::quote;
use crate::{trf, Lang};
use gradscape_core::landscape::expr::Open;
use gradscape_core::landscape::{ExprError, ExprProblem};

/// "column 6: missing ')' …" in `lang`.
pub fn expr_error(e: &ExprError, lang: Lang) -> String {
    trf(
        lang,
        "expr.at",
        &[&e.column.to_string(), &expr_problem(&e.problem, lang)],
    )
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
