//! The bounds' numbers in words: a computed curvature in enough digits,
//! the largest curvature as λ and τ make it, what they do, and a smaller λ
//! that would do.

use crate::{trf, Lang};
use gradscape_core::diagnose::Hint;
use gradscape_core::format::{floor_sig, fmt_num, prose, round_sig};
use gradscape_core::theory::Coupling;

/// A computed curvature or product in digits enough for the equation it
/// stands in to read right (L + λ = 4 + 1e-8 is 4.00000001, not 4; 0.75·
/// 4.00001 is 3.0000075, not 3 > 3), without a float's last-bit noise
/// (0.2 + 0.1 is 0.3): its shortest decimal at 12 significant digits
/// (the values are positive: no minus sign to write).
pub(super) fn exact(v: f64) -> String {
    fmt_num(round_sig(v, 12))
}

/// "Or keep η and take λ below …" when weight decay tips η past a bound
/// and a smaller λ alone would bring it back (rounded down, so that it
/// stays a bound).
pub(super) fn or_lambda(lang: Lang, hint: &Hint) -> String {
    hint.coupled_lambda_max().map_or(String::new(), |max| {
        crate::gap(lang).to_string() + &trf(lang, "hint.or-lambda", &[&prose(floor_sig(max, 4))])
    })
}

/// The largest curvature as a run with weight decay λ and dampening τ sees
/// it ([`Coupling`]), as the theory's formulas write it.
pub fn coupled_l(c: Coupling) -> &'static str {
    match (c.lambda != 0.0, c.dampening != 0.0) {
        (false, false) => "L",
        (true, false) => "(L + λ)",
        (false, true) => "((1 − τ)·L)",
        (true, true) => "((1 − τ)(L + λ))",
    }
}

/// What λ and τ do to the curvatures, in words ("" for neither), each
/// sentence after a [`crate::gap`].
pub fn coupling_words(lang: Lang, c: Coupling) -> String {
    let mut words = String::new();
    for (v, key) in [
        (c.lambda, "explain.theory.decay"),
        (c.dampening, "explain.theory.damp"),
    ] {
        if v != 0.0 {
            words.push_str(crate::gap(lang));
            words.push_str(&trf(lang, key, &[&fmt_num(v)]));
        }
    }
    words
}
