//! A run's diagnosis in words: the legend's status and the hint saying why.

use crate::{tr, trf, Lang};
use gradscape_core::diagnose::{Calmer, Diagnosis, Health, Hint, NoDecay, Stationary};
use gradscape_core::format::{floor_sig, fmt_num, prose, round_sig, sig3};
use gradscape_core::optim::Fault;
use gradscape_core::theory::{Coupling, Method, MomentumForm};
use gradscape_core::{OptKind, Trajectory};

/// The hint of a diagnosis in `lang`, when the run went wrong.
pub fn hint_text(d: &Diagnosis, lang: Lang) -> Option<String> {
    d.hint.as_ref().map(|h| hint(h, lang))
}

/// `text`, then the smaller η that was run and worked, when one was (the
/// card's η under a schedule, whose rates are its multiples).
fn with_calmer(text: String, calmer: Calmer, scheduled: bool, lang: Lang) -> String {
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

/// One sentence on why a run went wrong and what to try, in `lang`; then,
/// when a rerun with λ = 0 worked, that L2's λ tipped it over.
pub fn hint(h: &Hint, lang: Lang) -> String {
    let Some(NoDecay::Works(lambda)) = h.no_decay() else {
        return hint_body(h, lang);
    };
    // What happened, then λ as the cause (not "η is too large for this
    // surface": with λ = 0 the same η works), then the smaller η found.
    let (what, calmer, scheduled) = match *h {
        Hint::Grew {
            first,
            last,
            calmer,
            scheduled,
            ..
        } => (
            trf(lang, "hint.what-grew", &[&prose(first), &prose(last)]),
            calmer,
            scheduled,
        ),
        Hint::Diverged {
            step,
            calmer,
            scheduled,
            ..
        } => (
            trf(lang, "hint.what-diverged", &[&step.to_string()]),
            calmer,
            scheduled,
        ),
        Hint::ExprLeft {
            step,
            calmer,
            scheduled,
            ..
        } => (
            trf(lang, "hint.what-left", &[&step.to_string()]),
            calmer,
            scheduled,
        ),
        _ => return hint_body(h, lang),
    };
    let text = what + crate::gap(lang) + &trf(lang, "hint.no-decay", &[&fmt_num(lambda)]);
    with_calmer(text, calmer, scheduled, lang)
}

fn hint_body(h: &Hint, lang: Lang) -> String {
    let f = |v: f64| fmt_num(v);
    // The card's η as typed; a schedule's computed η_t in 4 digits (StepLR's
    // 0.4·3⁴ is 32.400000000000006 in full).
    let rate = |v: f64, scheduled: bool| if scheduled { prose(v) } else { f(v) };
    let below = |v: f64| prose(floor_sig(v, 4));
    match *h {
        Hint::UndefinedStart => tr(lang, "hint.undefined-start").into(),
        Hint::UndefinedGrad { x, y, step } => trf(
            lang,
            "hint.undefined-grad",
            &[&prose(x), &prose(y), &step.to_string()],
        ),
        Hint::ExprLeft {
            step,
            lr,
            scheduled,
            calmer,
            ..
        } => with_calmer(
            trf(
                lang,
                if scheduled {
                    "hint.expr-left-scheduled"
                } else {
                    "hint.expr-left"
                },
                &[&step.to_string(), &rate(lr, scheduled)],
            ),
            calmer,
            scheduled,
            lang,
        ),
        // Computed values in 4 digits (2/6 is not 0.3333333333333333), a
        // bound to stay below rounded down so that it stays one. With
        // weight decay or dampening the run sees L as h = (1 − τ)·(L + λ):
        // its own sentence, then what λ and τ do.
        Hint::GdUnstable {
            lr,
            l,
            coupling,
            bound,
            ..
        } if coupling.is_plain() => trf(lang, "hint.gd", &[&f(lr), &prose(l), &below(bound)]),
        Hint::GdUnstable {
            lr,
            l,
            coupling,
            bound,
            ..
        } => {
            trf(
                lang,
                "hint.gd-coupled",
                &[
                    &f(lr),
                    coupled_l(coupling),
                    &exact(coupling.curvature(l)),
                    &below(bound),
                    &prose(l),
                ],
            ) + &or_lambda(lang, h)
                + &coupling_words(lang, coupling)
        }
        Hint::Momentum {
            lr,
            l,
            coupling,
            lr_l,
            bound,
            gamma,
            lr_max,
            ..
        } => {
            let or = or_lambda(lang, h);
            let h = exact(coupling.curvature(l));
            let (plain, lr_l, bound) = (coupling.is_plain(), exact(lr_l), prose(bound));
            let (f_lr, f_gamma, max) = (f(lr), f(gamma), below(lr_max));
            if plain {
                trf(
                    lang,
                    "hint.momentum",
                    &[&f_lr, &h, &lr_l, &bound, &f_gamma, &max],
                )
            } else {
                trf(
                    lang,
                    "hint.momentum-coupled",
                    &[
                        &f_lr,
                        coupled_l(coupling),
                        &h,
                        &lr_l,
                        &bound,
                        &f_gamma,
                        &prose(l),
                        &max,
                    ],
                ) + &or
                    + &coupling_words(lang, coupling)
            }
        }
        Hint::Nesterov {
            lr,
            l,
            coupling,
            lr_l,
            bound,
            lr_max,
            ..
        } => {
            let or = or_lambda(lang, h);
            let h = exact(coupling.curvature(l));
            let (lr_l, bound, max) = (exact(lr_l), prose(bound), below(lr_max));
            if coupling.is_plain() {
                trf(lang, "hint.nesterov", &[&f(lr), &h, &lr_l, &bound, &max])
            } else {
                trf(
                    lang,
                    "hint.nesterov-coupled",
                    &[
                        &f(lr),
                        coupled_l(coupling),
                        &h,
                        &lr_l,
                        &bound,
                        &prose(l),
                        &max,
                    ],
                ) + &or
                    + &coupling_words(lang, coupling)
            }
        }
        Hint::DecayUnstable {
            lr,
            lambda,
            factor,
            lambda_max,
        } => trf(
            lang,
            "hint.decay",
            // A minus sign, as the formula beside it writes one.
            &[
                &f(lr),
                &f(lambda),
                &sig3(factor).replace('-', "−"),
                &sig3(lambda_max),
            ],
        ),
        Hint::Diverged {
            lr,
            step,
            scheduled,
            left_peak,
            calmer,
            ..
        } => with_calmer(
            trf(
                lang,
                match (scheduled, left_peak) {
                    (true, true) => "hint.diverged-scheduled-left",
                    (true, false) => "hint.diverged-scheduled",
                    (false, _) => "hint.diverged",
                },
                &[&rate(lr, scheduled), &step.to_string()],
            ),
            calmer,
            scheduled,
            lang,
        ),
        Hint::Unbounded {
            first,
            last,
            nowhere,
            searched,
            lambda_min,
        } => {
            let key = match (nowhere, searched) {
                (true, true) => "hint.unbounded-nowhere-searched",
                (true, false) => "hint.unbounded-nowhere",
                (false, true) => "hint.unbounded-searched",
                (false, false) => "hint.unbounded",
            };
            let text = trf(lang, key, &[&prose(first), &prose(last)]);
            match lambda_min {
                Some(l) => text + crate::gap(lang) + &trf(lang, "hint.unbounded-l2", &[&exact(l)]),
                None => text,
            }
        }
        Hint::Slow {
            first,
            last,
            coupling,
            lr_l,
            bound,
            rho,
            ..
        } => {
            trf(
                lang,
                "hint.slow",
                &[
                    &prose(first),
                    &prose(last),
                    &prose(lr_l),
                    &prose(bound),
                    &sig3(rho),
                    &sig3(std::f64::consts::LN_10 / -rho.ln()),
                    coupled_l(coupling),
                ],
            ) + &coupling_words(lang, coupling)
        }
        Hint::Cycles {
            period,
            steps,
            tail_lr,
        } => match tail_lr {
            None => trf(
                lang,
                "hint.cycle",
                &[&steps.to_string(), &period.to_string()],
            ),
            Some(lr) => trf(
                lang,
                "hint.cycle-scheduled",
                &[&steps.to_string(), &period.to_string(), &prose(lr)],
            ),
        },
        Hint::AtEdge {
            method,
            lr,
            l,
            coupling,
            bound,
        } if !coupling.is_plain() => {
            let (lr_s, sym, h, l) = (
                f(lr),
                coupled_l(coupling),
                exact(coupling.curvature(l)),
                prose(l),
            );
            let text = match method {
                Method::Gd => trf(lang, "hint.edge-gd-coupled", &[&lr_s, sym, &h, &l]),
                Method::Momentum {
                    form: MomentumForm::HeavyBall,
                    gamma,
                } => trf(
                    lang,
                    "hint.edge-momentum-coupled",
                    &[&lr_s, sym, &h, &l, &prose(bound), &f(gamma)],
                ),
                Method::Momentum {
                    form: MomentumForm::Nesterov,
                    ..
                } => trf(
                    lang,
                    "hint.edge-nesterov-coupled",
                    &[&lr_s, sym, &h, &l, &prose(bound)],
                ),
            };
            text + &coupling_words(lang, coupling)
        }
        Hint::AtEdge {
            method,
            lr,
            l,
            bound,
            ..
        } => match method {
            Method::Gd => trf(lang, "hint.edge-gd", &[&f(lr), &prose(l)]),
            Method::Momentum {
                form: MomentumForm::HeavyBall,
                gamma,
            } => trf(
                lang,
                "hint.edge-momentum",
                &[&f(lr), &prose(l), &prose(bound), &f(gamma)],
            ),
            Method::Momentum {
                form: MomentumForm::Nesterov,
                ..
            } => trf(
                lang,
                "hint.edge-nesterov",
                &[&f(lr), &prose(l), &prose(bound)],
            ),
        },
        Hint::Grew {
            first,
            last,
            lr,
            scheduled,
            calmer,
            ..
        } => with_calmer(
            trf(
                lang,
                if scheduled {
                    "hint.grew-scheduled"
                } else {
                    "hint.grew"
                },
                &[&prose(first), &prose(last), &rate(lr, scheduled)],
            ),
            calmer,
            scheduled,
            lang,
        ),
        Hint::Fault { fault, step, x, y } => trf(
            lang,
            fault_key("hint", fault),
            &[&step.to_string(), &prose(x), &prose(y)],
        ),
        Hint::NotMinimum {
            kind,
            x,
            y,
            eig,
            lambda,
        } => {
            trf(
                lang,
                match kind {
                    Stationary::Maximum => "hint.maximum",
                    Stationary::Saddle => "hint.saddle",
                },
                &[&prose(x), &prose(y), &prose(eig[0]), &prose(eig[1])],
            ) + &if lambda != 0.0 {
                crate::gap(lang).to_string() + &trf(lang, "hint.l2-eig", &[&fmt_num(lambda)])
            } else {
                String::new()
            }
        }
    }
}

/// A computed curvature or product in digits enough for the equation it
/// stands in to read right (L + λ = 4 + 1e-8 is 4.00000001, not 4; 0.75·
/// 4.00001 is 3.0000075, not 3 > 3), without a float's last-bit noise
/// (0.2 + 0.1 is 0.3): its shortest decimal at 12 significant digits
/// (the values are positive: no minus sign to write).
fn exact(v: f64) -> String {
    fmt_num(round_sig(v, 12))
}

/// "Or keep η and take λ below …" when weight decay tips η past a bound
/// and a smaller λ alone would bring it back (rounded down, so that it
/// stays a bound).
fn or_lambda(lang: Lang, hint: &Hint) -> String {
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
