//! Errors of the core in words: formula errors, scene errors, run errors,
//! link notices.

mod expr;
mod notice;
mod scene;

pub use expr::{expr_error, expr_problem};
pub use notice::notice;
pub use scene::{
    allowed, field, got, hyper_error, problem, run_error, scene_error, scene_error_as,
    scene_problem,
};

use crate::{tr, trf, Lang};
use gradscape_core::format::Slip;

/// What the user typed, quoted as `lang` quotes: `'×'`, `“×”`.
fn quote(typed: &str, lang: Lang) -> String {
    trf(lang, "expr.quote", &[typed])
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

#[cfg(test)]
mod json_fault_tests;
#[cfg(test)]
mod tests;
