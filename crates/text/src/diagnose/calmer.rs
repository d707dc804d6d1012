//! The smaller η that was run and worked, in words: the hint's last
//! sentence and the value its button writes.

use crate::{trf, Lang};
use gradscape_core::diagnose::Calmer;

/// `text`, then the smaller η that was run and worked, when one was (the
/// card's η under a schedule, whose rates are its multiples).
pub(super) fn with_calmer(text: String, calmer: Calmer, scheduled: bool, lang: Lang) -> String {
    match calmer {
        Calmer::Found(lr) => {
            let key = if scheduled {
                "hint.calmer-scheduled"
            } else {
                "hint.calmer"
            };
            text + crate::gap(lang) + &trf(lang, key, &[&calmer_value(lr)])
        }
        Calmer::Pending | Calmer::NotFound => text,
    }
}

/// The smaller η as the hint and its button write it: as the card's field
/// does (0.00096, not 9.6e-4), the exact value that was run.
pub fn calmer_value(lr: f64) -> String {
    gradscape_core::format::field(lr)
}
