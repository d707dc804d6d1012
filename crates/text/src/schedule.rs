//! Learning-rate schedules in words: kind and argument names, errors.

use crate::{tr, trf, Lang};
use gradscape_core::scene::schedule_keys;
use gradscape_core::schedule::{Basic, Schedule, ScheduleError, KINDS};
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

/// The name `s` goes by in `lang`: its kind's, or "warm-up + cosine" for
/// a sequence of the preset's shape (the name the student picked); a
/// decay's kind that rises is named for what it does (LinearLR from 1 to
/// 0.01 is a linear decay, ExponentialLR with γ = 1.05 a growth).
pub fn name(s: &Schedule, lang: Lang) -> String {
    if gradscape_core::scene::schedule_edit::is_warmup_cosine(s) {
        return tr(lang, "schedule.preset").to_string();
    }
    let key = match *s {
        Schedule::Basic(Basic::Linear {
            start_factor,
            end_factor,
            ..
        }) if start_factor > end_factor => "schedule.kind.linear-decay",
        Schedule::Basic(Basic::Exponential { gamma }) if gamma > 1.0 => {
            "schedule.kind.exponential-growth"
        }
        Schedule::Basic(Basic::Step { gamma, .. }) if gamma > 1.0 => "schedule.kind.step-growth",
        Schedule::Basic(Basic::MultiStep { gamma, .. }) if gamma > 1.0 => {
            "schedule.kind.multi_step-growth"
        }
        _ => return kind_name(s.kind(), lang),
    };
    tr(lang, key).to_string()
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

/// A choice argument's option (torch's value: `triangular`, `rel`, …) in
/// words, with torch's value beside it ("三角波（triangular）").
pub fn option_name(value: &str, lang: Lang) -> String {
    let words = tr(lang, &format!("schedule.opt.{value}"));
    trf(lang, "schedule.option", &[words, value])
}

/// "cosine annealing (CosineAnnealingLR)", or "constant η" without a schedule.
pub fn label(s: Option<&Schedule>, lang: Lang) -> String {
    match s {
        None => tr(lang, "schedule.none").into(),
        Some(s) => format!("{} ({})", name(s, lang), s.torch_class()),
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

/// `n` in subscript digits ("₁₂").
pub fn subscript(n: usize) -> String {
    n.to_string()
        .chars()
        .map(|c| char::from_u32(0x2080 + c.to_digit(10).unwrap_or(0)).unwrap_or(c))
        .collect()
}

/// "η₁₂ = 0.15": the rate step `step` used.
pub fn eta_at(step: usize, lr: f64) -> String {
    format!(
        "η{} = {}",
        subscript(step),
        gradscape_core::format::sig3(lr)
    )
}

/// The symbol of the momentum a schedule cycles for `kind` (SGD's γ, the
/// Adam family's and Lion's β1, RMSprop's own μ); None without one.
pub fn momentum_symbol(kind: OptKind) -> Option<&'static str> {
    let runs_as = kind.under_cycled_momentum();
    runs_as.cycled_momentum().map(|k| k.symbol(runs_as))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eta_at_a_step_reads_with_a_subscript() {
        assert_eq!(eta_at(12, 0.15), "η₁₂ = 0.15");
        assert_eq!(eta_at(1, 0.4), "η₁ = 0.4");
        assert_eq!(momentum_symbol(OptKind::Adam), Some("β1"));
        assert_eq!(momentum_symbol(OptKind::Rmsprop), Some("μ"));
        assert_eq!(momentum_symbol(OptKind::Adagrad), None);
    }

    #[test]
    fn every_option_of_a_choice_has_words_in_both_languages() {
        use gradscape_core::schedule::{Anneal, CyclicMode, PlateauMode, ThresholdMode};
        let values = CyclicMode::ALL
            .iter()
            .map(|m| m.name())
            .chain(PlateauMode::ALL.iter().map(|m| m.name()))
            .chain(Anneal::ALL.iter().map(|m| m.name()))
            .chain(ThresholdMode::ALL.iter().map(|m| m.name()));
        for v in values {
            let key = format!("schedule.opt.{v}");
            let (en, zh) = (tr(Lang::En, &key), tr(Lang::Zh, &key));
            assert!(en != key && zh != key && en != zh, "{v}: {en} / {zh}");
            assert_eq!(option_name(v, Lang::Zh), format!("{zh}（{v}）"));
        }
    }

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
