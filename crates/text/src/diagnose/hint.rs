//! The hint saying why a run went wrong and what to try: one sentence per
//! [`Hint`], then L2's λ as the cause when a rerun without it worked.

use super::calmer::with_calmer;
use super::coupling::{coupled_l, coupling_words, exact, or_lambda};
use super::fault_key;
use crate::{tr, trf, Lang};
use gradscape_core::diagnose::{Diagnosis, Hint, NoDecay, Stationary};
use gradscape_core::format::{floor_sig, fmt_num, prose, sig3};
use gradscape_core::theory::{Method, MomentumForm};

/// The hint of a diagnosis in `lang`, when the run went wrong.
pub fn hint_text(d: &Diagnosis, lang: Lang) -> Option<String> {
    d.hint.as_ref().map(|h| hint(h, lang))
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
        Hint::L2Rescaled { lambda } => trf(lang, "hint.l2-rescaled", &[&f(lambda)]),
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
