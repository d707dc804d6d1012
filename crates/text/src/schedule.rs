//! Learning-rate schedules in words: kind and argument names, errors.

use crate::{tr, trf, Lang};
use gradscape_core::scene::schedule_keys;
use gradscape_core::schedule::{Schedule, ScheduleError, KINDS};
use gradscape_core::OptKind;

/// A schedule kind's name in `lang` ("cosine annealing", "余弦退火"); the
/// scene name itself when unknown.
pub fn kind_name(kind: &str, lang: Lang) -> String {
    if KINDS.contains(&kind) {
        tr(lang, &format!("schedule.kind.{kind}")).to_string()
    } else {
        kind.to_string()
    }
}

/// A schedule argument's name in `lang` (torch's name stays in the JSON and
/// the link; this is the label beside it).
pub fn arg_name(arg: &str, lang: Lang) -> String {
    if arg != "kind" && KINDS.iter().any(|k| schedule_keys(k).contains(&arg)) {
        tr(lang, &format!("schedule.arg.{arg}")).to_string()
    } else {
        arg.to_string()
    }
}

/// "cosine annealing (CosineAnnealingLR)", or "constant η" without a schedule.
pub fn label(s: Option<&Schedule>, lang: Lang) -> String {
    match s {
        None => tr(lang, "schedule.none").into(),
        Some(s) => format!("{} ({})", kind_name(s.kind(), lang), s.torch_class()),
    }
}

/// `cycle_momentum` on an optimizer without momentum, in `lang`.
pub fn no_momentum(kind: OptKind, lang: Lang) -> String {
    trf(lang, "schedule.no-momentum", &[kind.name()])
}

/// A schedule that does not fit its optimizer or the scene, in `lang`.
pub fn schedule_error(e: &ScheduleError, lang: Lang) -> String {
    match *e {
        ScheduleError::TooShort { steps, total_steps } => trf(
            lang,
            "schedule.too-short",
            &[&steps.to_string(), &total_steps.to_string()],
        ),
        ScheduleError::EmptyPhase {
            pct_start,
            total_steps,
        } => trf(
            lang,
            "schedule.empty-phase",
            &[&pct_start.to_string(), &total_steps.to_string()],
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_and_argument_has_a_name_in_both_languages() {
        for kind in KINDS {
            for lang in [Lang::En, Lang::Zh] {
                assert_ne!(kind_name(kind, lang), *kind, "{kind}");
            }
            for arg in schedule_keys(kind).iter().filter(|a| **a != "kind") {
                let (en, zh) = (arg_name(arg, Lang::En), arg_name(arg, Lang::Zh));
                assert_ne!(en, *arg, "{arg}");
                assert_ne!(en, zh, "{arg}");
            }
        }
    }
}
