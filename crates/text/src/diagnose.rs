//! A run's diagnosis in words: the legend's status and the hint saying why.

use crate::{tr, trf, Lang};
use gradscape_core::diagnose::{Diagnosis, Health, Hint, Stationary};
use gradscape_core::format::{prose, sig3};
use gradscape_core::optim::Fault;
use gradscape_core::{OptKind, Trajectory};

mod calmer;
mod coupling;
mod hint;
pub use calmer::calmer_value;
pub use coupling::{coupled_l, coupling_words};
pub use hint::{hint, hint_text};

/// The key of a fault's words in a family (`hint.singular_hessian`,
/// `status.singular_hessian`).
fn fault_key(family: &str, fault: Fault) -> &'static str {
    match (family, fault) {
        ("hint", Fault::SingularHessian) => "hint.singular_hessian",
        ("hint", Fault::NonFiniteHessian) => "hint.nonfinite_hessian",
        (_, Fault::SingularHessian) => "status.singular_hessian",
        (_, Fault::NonFiniteHessian) => "status.nonfinite_hessian",
    }
}

/// The words of a stop a block caused: "stopped at step 2: singular Hessian".
pub fn fault_status(fault: Fault, step: usize, lang: Lang) -> String {
    trf(lang, fault_key("status", fault), &[&step.to_string()])
}

/// The head of a run's message ("GD η=0.6 diverged at step 6:", "Newton
/// ends at a maximum:").
pub fn message_head(d: &Diagnosis, label: &str, lang: Lang) -> String {
    match (d.health, d.hint) {
        (_, Some(Hint::UndefinedStart)) => trf(lang, "msg.undefined", &[label]),
        // Off to −∞ past 1e12: the fall is the news, not the step size
        // (its hint says no η helps).
        (Health::Diverged { step }, Some(Hint::Unbounded { .. })) => {
            trf(lang, "msg.falls-off", &[label, &step.to_string()])
        }
        (Health::Diverged { step }, _) => trf(lang, "msg.diverged", &[label, &step.to_string()]),
        (Health::Stopped { step, .. }, _) => trf(lang, "msg.stopped", &[label, &step.to_string()]),
        (_, Some(Hint::NotMinimum { kind, .. })) => trf(
            lang,
            match kind {
                Stationary::Maximum => "msg.maximum",
                Stationary::Saddle => "msg.saddle",
            },
            &[label],
        ),
        (_, Some(Hint::Unbounded { .. })) => trf(lang, "msg.falls", &[label]),
        (_, Some(Hint::AtEdge { .. } | Hint::Cycles { .. })) => trf(lang, "msg.edge", &[label]),
        (_, Some(Hint::Slow { .. })) => trf(lang, "msg.slow", &[label]),
        (_, Some(Hint::L2Rescaled { .. })) => trf(lang, "msg.l2-rescaled", &[label]),
        _ => trf(lang, "msg.diverges", &[label]),
    }
}

/// "diverging: loss ×637": how many times the loss grew, to 3 significant
/// digits (a factor, not a loss: "×637.4909" says nothing more).
pub fn diverging_text(growth: f64, lang: Lang) -> String {
    trf(lang, "status.diverging", &[&sig3(growth)])
}

/// The legend's words for a run: "f = 0.089", "f = −0.2708" (its loss
/// as the captions and run messages write numbers, [`prose`]), "diverging:
/// loss ×5.3e5", "diverged at step 6".
pub fn status_text(d: &Diagnosis, t: &Trajectory, lang: Lang) -> String {
    match d.health {
        Health::Ok => trf(
            lang,
            "status.f",
            &[&prose(t.loss.last().copied().unwrap_or(0.0))],
        ),
        Health::Diverging { growth } => diverging_text(growth, lang),
        // Nothing diverged: there was no step to take.
        Health::Diverged { .. } if d.hint == Some(Hint::UndefinedStart) => {
            tr(lang, "status.undefined").into()
        }
        Health::Diverged { step } => trf(lang, "status.diverged", &[&step.to_string()]),
        Health::Stopped { step, fault } => fault_status(fault, step, lang),
    }
}

/// The legend's words for a run at step `step`, and whether it has gone
/// wrong by then: what a figure paused there says (the page legend, the
/// PNG, each animation frame, the SVG of a frame). The loss at that step
/// ("f = 0.0079"); a run that ends diverging (or diverged) says
/// "diverging: loss ×…" from the step its loss passes its start; "diverged at step k" and
/// "stopped at step k: …" from step k on. At the last step these are the
/// words of [`status_text`], how the run ends.
pub fn status_at(d: &Diagnosis, t: &Trajectory, step: usize, lang: Lang) -> (String, bool) {
    let k = step.min(t.loss.len().saturating_sub(1));
    let loss = t.loss.get(k).copied().filter(|v| v.is_finite());
    let first = t
        .loss
        .first()
        .copied()
        .filter(|v| v.is_finite() && *v > 0.0);
    match d.health {
        Health::Diverged { step: s } | Health::Stopped { step: s, .. } if step >= s => {
            (status_text(d, t, lang), true)
        }
        // On its way out: a run that ends diverging, or diverged later.
        Health::Diverging { .. } | Health::Diverged { .. } => match (loss, first) {
            (Some(v), Some(f0)) if v > f0 => (diverging_text(v / f0, lang), true),
            _ => (loss_words(loss, lang), false),
        },
        _ => (loss_words(loss, lang), false),
    }
}

/// "f = 0.0079"; never "f = NaN": a loss that left the finite world is
/// "f = ∞".
fn loss_words(loss: Option<f64>, lang: Lang) -> String {
    match loss {
        Some(v) => trf(lang, "status.f", &[&prose(v)]),
        None => trf(lang, "status.f", &["∞"]),
    }
}

/// The name of an optimizer kind in `lang` ("GD", "梯度下降", …).
pub fn kind_title(kind: OptKind, lang: Lang) -> &'static str {
    tr(
        lang,
        match kind {
            OptKind::Gd => "kind.gd",
            OptKind::Momentum => "kind.momentum",
            OptKind::Adagrad => "kind.adagrad",
            OptKind::Rmsprop => "kind.rmsprop",
            OptKind::Adam => "kind.adam",
            OptKind::AdamL2 => "kind.adam_l2",
            OptKind::Adamw => "kind.adamw",
            OptKind::Nadam => "kind.nadam",
            OptKind::Adadelta => "kind.adadelta",
            OptKind::Adamax => "kind.adamax",
            OptKind::Radam => "kind.radam",
            OptKind::Rprop => "kind.rprop",
            OptKind::Lion => "kind.lion",
            OptKind::Lbfgs => "kind.lbfgs",
            OptKind::Newton => "kind.newton",
        },
    )
}

#[cfg(test)]
mod tests;
