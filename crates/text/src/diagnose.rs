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
    let mut copy = *h;
    let Some(NoDecay::Works(lambda)) = copy.no_decay_mut().copied() else {
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
                &[&step.to_string(), &f(lr)],
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
            ) + &or_lambda(lang, lr, l, 2.0, coupling)
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
            let h = exact(coupling.curvature(l));
            let or = or_lambda(lang, lr, l, bound, coupling);
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
            let h = exact(coupling.curvature(l));
            let or = or_lambda(lang, lr, l, bound, coupling);
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
            calmer,
            ..
        } => with_calmer(
            trf(
                lang,
                if scheduled {
                    "hint.diverged-scheduled"
                } else {
                    "hint.diverged"
                },
                &[&f(lr), &step.to_string()],
            ),
            calmer,
            scheduled,
            lang,
        ),
        Hint::Unbounded {
            first,
            last,
            lambda_min,
        } => {
            let text = trf(lang, "hint.unbounded", &[&prose(first), &prose(last)]);
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
                &[&steps.to_string(), &period.to_string(), &f(lr)],
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
                &[&prose(first), &prose(last), &f(lr)],
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
/// (0.2 + 0.1 is 0.3): its shortest decimal at 12 significant digits.
fn exact(v: f64) -> String {
    let s = fmt_num(round_sig(v, 12));
    // A true minus sign, as `prose` writes one.
    s.replacen('-', "−", usize::from(s.starts_with('-')))
}

/// "Or keep η and take λ below …" when weight decay tips η past the bound
/// on η·h (`bound`) and a smaller λ alone would bring it back: λ below
/// bound/(η·(1 − τ)) − L (rounded down, so that it stays a bound).
fn or_lambda(lang: Lang, lr: f64, l: f64, bound: f64, c: Coupling) -> String {
    let max = bound / (lr * (1.0 - c.dampening)) - l;
    if c.lambda > 0.0 && max > 0.0 && max.is_finite() {
        crate::gap(lang).to_string() + &trf(lang, "hint.or-lambda", &[&prose(floor_sig(max, 4))])
    } else {
        String::new()
    }
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
mod tests {
    use super::*;
    use gradscape_core::diagnose::{diagnose, Diagnosis, Health};
    use gradscape_core::{simulate, OptKind, Scene, Trajectory};

    fn run(json: &str) -> (Scene, Trajectory) {
        let s = Scene::from_json(json).unwrap();
        let t = simulate(&s).unwrap().remove(0);
        (s, t)
    }

    #[test]
    fn gd_above_two_over_l_on_the_seed_bowl_says_why() {
        let (s, t) = run(r#"{"optimizers":[{"kind":"gd","lr":0.6}]}"#);
        let d = diagnose(&s.landscape, &t);
        assert!(matches!(d.health, Health::Diverging { growth } if growth > 1e5));
        let hint = hint_text(&d, Lang::En).unwrap();
        assert!(hint.starts_with("η = 0.6 > 2/L = 2/4 = 0.5"), "{hint}");
        let (s, t) = run(r#"{"optimizers":[{"kind":"gd","lr":0.4}]}"#);
        assert_eq!(
            diagnose(&s.landscape, &t),
            Diagnosis {
                health: Health::Ok,
                hint: None,
                converges: true,
            }
        );
    }

    #[test]
    fn a_run_without_a_known_bound_names_a_smaller_eta_that_was_run() {
        // GD η = 0.01 on Rosenbrock: no bound in closed form; the hint
        // names an η that diagnose_in ran, in both languages.
        let (s, t) = run(
            r#"{"landscape":{"kind":"rosenbrock"},"start":[-1.5,2],"steps":300,"optimizers":[{"kind":"gd","lr":0.01}]}"#,
        );
        let d = gradscape_core::diagnose::diagnose_in(&s, &t);
        let Some(Hint::Diverged {
            calmer: Calmer::Found(lr),
            ..
        }) = d.hint
        else {
            panic!("{d:?}");
        };
        let en = hint_text(&d, Lang::En).unwrap();
        let v = calmer_value(lr);
        assert!(
            en.ends_with(&format!(
                "Try a smaller η. For example, with η\u{a0}=\u{a0}{v} (all else unchanged) a rerun completes all its steps and ends with a loss below its start."
            )),
            "{en}"
        );
        let zh = hint_text(&d, Lang::Zh).unwrap();
        assert!(
            zh.ends_with(&format!(
                "试试更小的 η。例如取 η\u{a0}=\u{a0}{v}（其余不变）重新运行，能跑完全部步数，最终损失低于初始损失。"
            )),
            "{zh}"
        );
        // The plain diagnosis (no scene to run) names none.
        let plain = hint_text(&diagnose(&s.landscape, &t), Lang::En).unwrap();
        assert!(plain.ends_with("Try a smaller η."), "{plain}");
    }

    #[test]
    fn computed_bounds_are_written_in_four_digits_and_stay_bounds() {
        // b = 3: 2/L = 2/6; Nesterov with γ = 0.9 (pytorch's default).
        let (s, t) = run(
            r#"{"landscape":{"kind":"quadratic","a":0.1,"b":3},"optimizers":[{"kind":"gd","lr":0.4}]}"#,
        );
        let hint = hint_text(&diagnose(&s.landscape, &t), Lang::En).unwrap();
        assert!(hint.starts_with("η = 0.4 > 2/L = 2/6 = 0.3333"), "{hint}");
        assert!(hint.ends_with("Try η below 0.3333."), "{hint}");
        let (s, t) = run(
            r#"{"convention":"pytorch","optimizers":[{"kind":"momentum","lr":0.5,"gamma":0.9,"nesterov":true}]}"#,
        );
        let hint = hint_text(&diagnose(&s.landscape, &t), Lang::En).unwrap();
        // 2(1 + γ)/(1 + 2γ) = 1.357142…, η < 0.339285…: rounded down.
        assert!(hint.contains("= 1.357"), "{hint}");
        assert!(
            hint.contains("0.3392") && !hint.contains("0.3393"),
            "{hint}"
        );
        assert!(!hint.contains("1.3571428"), "{hint}");
    }

    #[test]
    fn a_run_going_round_in_circles_says_so_in_both_languages() {
        let (s, t) = run(r#"{"steps":100,"optimizers":[{"kind":"lion","lr":1}]}"#);
        let d = diagnose(&s.landscape, &t);
        assert_eq!(d.health, Health::Ok);
        assert_eq!(
            hint_text(&d, Lang::En).unwrap(),
            "Its last 77 steps visit the same 4 points over and over: the run hops around without settling. A smaller η (or a schedule that lowers it) makes the hops smaller or ends them."
        );
        assert!(hint_text(&d, Lang::Zh)
            .unwrap()
            .starts_with("最后 77 步里，这次运行反复经过同样的 4 个点："));
        assert_eq!(
            message_head(&d, "Lion η=1", Lang::En),
            "Lion η=1 neither converges nor diverges:"
        );
        // Under a schedule (here one that keeps η_t = 1 for 1000 steps) it
        // is not told to use a schedule, but what η_t was.
        let (s, t) = run(
            r#"{"steps":100,"optimizers":[{"kind":"lion","lr":1,"schedule":{"kind":"step","step_size":1000,"gamma":0.5}}]}"#,
        );
        let d = diagnose(&s.landscape, &t);
        assert_eq!(
            hint_text(&d, Lang::En).unwrap(),
            "Its last 77 steps visit the same 4 points over and over: the run hops around without settling, the schedule's η_t there up to 1. A smaller η on the card (the schedule scales it) makes the hops smaller or ends them."
        );
        assert!(hint_text(&d, Lang::Zh)
            .unwrap()
            .contains("这几步里调度给出的 η_t 最大为 1。"));
    }

    #[test]
    fn on_the_bound_with_weight_decay_is_the_edge_not_too_large_an_eta() {
        // Lesson 4's momentum with λ = 1: η·(L + λ) = 0.6·5 = 3 = 2(1 + γ).
        // Its loss settles at 72 (10.5 at the start): it was told "η = 0.6
        // is too large for this surface".
        let (s, t) = run(r#"{"optimizers":[{"kind":"momentum","lr":0.6,"gamma":0.5,"lambda":1}]}"#);
        let d = diagnose(&s.landscape, &t);
        assert_eq!(d.health, Health::Ok, "{d:?}");
        assert!(matches!(d.hint, Some(Hint::AtEdge { .. })), "{d:?}");
        let en = hint_text(&d, Lang::En).unwrap();
        assert!(
            en.starts_with(
                "η·(L + λ) = 0.6·5 = 3 = 2(1 + γ) with γ = 0.5, exactly the stability bound"
            ),
            "{en}"
        );
        assert!(
            en.ends_with("Weight decay λ = 1 adds λ to every curvature."),
            "{en}"
        );
        assert_eq!(
            message_head(&d, "Momentum η=0.6", Lang::En),
            "Momentum η=0.6 neither converges nor diverges:"
        );
        // GD η = 0.4 with λ = 1 (lesson 1, λ typed), and Nesterov.
        for (json, head) in [
            (
                r#"{"optimizers":[{"kind":"gd","lr":0.4,"lambda":1}]}"#,
                "η = 0.4 = 2/(L + λ) = 2/5, exactly",
            ),
            (
                r#"{"optimizers":[{"kind":"momentum","lr":0.3,"gamma":0.5,"lambda":1,"nesterov":true}]}"#,
                "η·(L + λ) = 0.3·5 = 1.5 = 2(1 + γ)/(1 + 2γ), exactly",
            ),
        ] {
            let (s, t) = run(json);
            let d = diagnose(&s.landscape, &t);
            assert_eq!(d.health, Health::Ok, "{d:?}");
            assert!(hint_text(&d, Lang::En).unwrap().starts_with(head), "{d:?}");
        }
        let (s, t) = run(r#"{"optimizers":[{"kind":"gd","lr":0.4,"lambda":1}]}"#);
        assert!(hint_text(&diagnose(&s.landscape, &t), Lang::Zh)
            .unwrap()
            .starts_with("η = 0.4 = 2/(L + λ) = 2/5，正好在稳定界限上："));
        // Its curvature in digits enough: 2/(L + λ) = 2/4.0001.
        let (s, t) = run(r#"{"steps":60,"optimizers":[{"kind":"gd","lr":0.6,"lambda":0.0001}]}"#);
        let en = hint_text(&diagnose(&s.landscape, &t), Lang::En).unwrap();
        assert!(
            en.starts_with("η = 0.6 > 2/(L + λ) = 2/4.0001 = 0.4999:"),
            "{en}"
        );
        assert!(!en.contains("Or keep η"), "λ = 0 is not enough: {en}");
        let (s, t) = run(r#"{"steps":200,"optimizers":[{"kind":"gd","lr":0.5,"lambda":1e-8}]}"#);
        let en = hint_text(&diagnose(&s.landscape, &t), Lang::En).unwrap();
        assert!(
            en.starts_with("η = 0.5 > 2/(L + λ) = 2/4.00000001 = 0.4999:"),
            "{en}"
        );
        let (s, t) = run(
            r#"{"steps":200,"optimizers":[{"kind":"momentum","lr":0.75,"gamma":0.5,"lambda":1e-5}]}"#,
        );
        let en = hint_text(&diagnose(&s.landscape, &t), Lang::En).unwrap();
        assert!(
            en.starts_with("η·(L + λ) = 0.75·4.00001 = 3.0000075 > 2(1 + γ) = 3:"),
            "{en}"
        );
    }

    #[test]
    fn decoupled_decay_with_eta_lambda_at_two_never_shrinks_x() {
        // AdamW η = 0.1, λ = 20: 1 − η·λ = −1. In 20 steps the loss is
        // 13.2 (10.5 at the start), under "diverging"'s ×1.5: it was told
        // nothing; in 200 steps "η = 0.1 is too large for this surface".
        for steps in [20, 200] {
            let (s, t) = run(&format!(
                r#"{{"steps":{steps},"optimizers":[{{"kind":"adamw","lr":0.1,"lambda":20}}]}}"#
            ));
            let d = diagnose(&s.landscape, &t);
            assert!(matches!(d.hint, Some(Hint::DecayUnstable { .. })), "{d:?}");
            let en = hint_text(&d, Lang::En).unwrap();
            assert!(
                en.starts_with("The weight decay multiplies x by 1 − η·λ = −1 every step (η = 0.1, λ = 20): with η·λ ≥ 2"),
                "{en}"
            );
        }
        // Just under: no such message.
        let (s, t) = run(r#"{"optimizers":[{"kind":"adamw","lr":0.1,"lambda":19}]}"#);
        assert!(!matches!(
            diagnose(&s.landscape, &t).hint,
            Some(Hint::DecayUnstable { .. })
        ));
    }

    #[test]
    fn l2_weight_decay_can_make_a_saddle_a_minimum() {
        // GD with λ = 3 on the saddle x² − y² (curvatures 2 and −2): it
        // follows f + 1.5·‖x‖², curvatures 5 and 1, and converges to the
        // origin from anywhere: not "ends at a saddle point, start
        // elsewhere".
        let (s, t) = run(
            r#"{"landscape":{"kind":"saddle"},"start":[1,1.5],"steps":100,"optimizers":[{"kind":"gd","lr":0.1,"lambda":3}]}"#,
        );
        assert!(t.points.last().unwrap()[0].abs() < 1e-6);
        assert_eq!(diagnose(&s.landscape, &t).hint, None);
        // λ = 1 leaves it a saddle of f + λ/2·‖x‖² (curvatures 3 and −1):
        // from its ridge (y = 0) the run ends there, and the sentence
        // gives that loss's eigenvalues and says why.
        let (s, t) = run(
            r#"{"landscape":{"kind":"saddle"},"start":[1,0],"steps":100,"optimizers":[{"kind":"gd","lr":0.1,"lambda":1}]}"#,
        );
        let d = diagnose(&s.landscape, &t);
        assert!(
            matches!(d.hint, Some(Hint::NotMinimum { eig, lambda, .. }) if eig == [-1.0, 3.0] && lambda == 1.0),
            "{d:?}"
        );
        assert!(hint_text(&d, Lang::En).unwrap().ends_with(
            "start elsewhere. These are the curvatures of f + λ/2·‖x‖², the loss the run \
             descends: weight decay λ = 1 adds λ to every curvature."
        ));
        // λ = 1.5 off the ridge: it falls without bound, and λ above 2
        // would give that loss a minimum.
        let (s, t) = run(
            r#"{"landscape":{"kind":"saddle"},"start":[1,1.5],"steps":30,"optimizers":[{"kind":"gd","lr":0.1,"lambda":1.5}]}"#,
        );
        let en = hint_text(&diagnose(&s.landscape, &t), Lang::En).unwrap();
        assert!(
            en.ends_with("With L2 weight decay λ above 2, the loss the run descends, f + λ/2·‖x‖², has a minimum."),
            "{en}"
        );
    }

    #[test]
    fn where_l2_decay_tips_a_run_over_a_rerun_with_lambda_0_says_so() {
        // GD η = 0.4 with λ = 1.5 on the formula 0.1·x² + 2·y² (no closed
        // form: curvatures 0.2 + λ and 4 + λ, 0.4·5.5 > 2); without λ it
        // ends at f = 0.089. Rosenbrock with η·λ = 2.5.
        for (json, lambda) in [
            (
                r#"{"landscape":{"kind":"expr","expr":"0.1*x^2 + 2*y^2"},"optimizers":[{"kind":"gd","lr":0.4,"lambda":1.5}]}"#,
                "1.5",
            ),
            (
                r#"{"landscape":{"kind":"rosenbrock"},"start":[-1.5,2],"optimizers":[{"kind":"gd","lr":0.0005,"lambda":5000}]}"#,
                "5000",
            ),
        ] {
            let (s, t) = run(json);
            let d = gradscape_core::diagnose::diagnose_in(&s, &t);
            let en = hint_text(&d, Lang::En).unwrap();
            assert!(
                en.contains(&format!(
                    "With λ = 0 instead of {lambda} (all else unchanged) a rerun completes"
                )),
                "{en}"
            );
            // λ named as the cause first, not "η is too large".
            assert!(en.starts_with("The "), "{en}");
            assert!(!en.contains("too large"), "{en}");
            let zh = hint_text(&d, Lang::Zh).unwrap();
            assert!(zh.contains(&format!("把 λ 从 {lambda} 改为 0")), "{zh}");
            assert!(!zh.contains("太大"), "{zh}");
        }
        // Where λ = 0 does not help (η alone too large), nothing of λ.
        let (s, t) = run(
            r#"{"landscape":{"kind":"expr","expr":"0.1*x^2 + 2*y^2"},"optimizers":[{"kind":"gd","lr":0.6,"lambda":0.1}]}"#,
        );
        let d = gradscape_core::diagnose::diagnose_in(&s, &t);
        assert!(!hint_text(&d, Lang::En).unwrap().contains("λ = 0"), "{d:?}");
        // Nor for a run without λ.
        let (s, t) = run(
            r#"{"landscape":{"kind":"expr","expr":"0.1*x^2 + 2*y^2"},"optimizers":[{"kind":"gd","lr":0.6}]}"#,
        );
        let d = gradscape_core::diagnose::diagnose_in(&s, &t);
        assert!(!hint_text(&d, Lang::En).unwrap().contains("λ = 0"), "{d:?}");
    }

    #[test]
    fn a_run_off_to_minus_infinity_is_headed_by_its_fall() {
        // The saddle from near its ridge: past 1e12 at step 64.
        let (s, t) = run(
            r#"{"landscape":{"kind":"saddle"},"start":[-1.5,0.1],"steps":200,"optimizers":[{"kind":"gd","lr":0.3}]}"#,
        );
        let d = diagnose(&s.landscape, &t);
        assert_eq!(d.health, Health::Diverged { step: 64 });
        assert_eq!(
            message_head(&d, "GD η=0.3", Lang::En),
            "GD η=0.3 falls without bound, out of range at step 64:"
        );
        assert_eq!(
            message_head(&d, "梯度下降 η=0.3", Lang::Zh),
            "梯度下降 η=0.3 无限下降，在第 64 步超出范围："
        );
    }

    #[test]
    fn momentum_bound_is_two_one_plus_gamma_over_l() {
        // η = 0.6, γ = 0.5: η·L = 2.4 < 3, converges (the seed's figure).
        let (s, t) = run(r#"{"optimizers":[{"kind":"momentum","lr":0.6,"gamma":0.5}]}"#);
        assert_eq!(diagnose(&s.landscape, &t).health, Health::Ok);
        // η = 0.8, γ = 0.5: η·L = 3.2 > 3, grows.
        let (s, t) = run(r#"{"steps":60,"optimizers":[{"kind":"momentum","lr":0.8,"gamma":0.5}]}"#);
        let d = diagnose(&s.landscape, &t);
        assert!(matches!(d.health, Health::Diverging { .. }), "{d:?}");
        assert!(hint_text(&d, Lang::En)
            .unwrap()
            .starts_with("η·L = 0.8·4 = 3.2 > 2(1 + γ) = 3"));
        assert!(hint_text(&d, Lang::Zh)
            .unwrap()
            .starts_with("η·L = 0.8·4 = 3.2 > 2(1 + γ) = 3：即使有动量 γ = 0.5"));
    }

    #[test]
    fn with_weight_decay_or_dampening_the_bound_is_on_the_curvature_the_run_sees() {
        // GD η = 0.401, λ = 1 on the seed's bowl (L = 4): 2/(L + λ) = 0.4.
        // Its loss still falls at step 20 (10.5 → 9.77), but x2 grows
        // ×1.005 a step: it was told nothing and "down from 10.5".
        let (s, t) = run(r#"{"optimizers":[{"kind":"gd","lr":0.401,"lambda":1}]}"#);
        let d = diagnose(&s.landscape, &t);
        assert_eq!(d.health, Health::Ok);
        assert!(!d.converges);
        assert_eq!(
            hint_text(&d, Lang::En).unwrap(),
            "η = 0.401 > 2/(L + λ) = 2/5 = 0.4: along the steepest axis (curvature L = 4 on the \
             surface, 5 as this run sees it) every step overshoots the minimum by more than it \
             started, so the zig-zag grows. Try η below 0.4. Or keep η and take λ below 0.9875. \
             Weight decay λ = 1 adds λ to every curvature."
        );
        assert!(hint_text(&d, Lang::Zh).unwrap().starts_with(
            "η = 0.401 > 2/(L + λ) = 2/5 = 0.4：沿最陡的方向（曲面上的曲率 L = 4，这个运行感受到的是 5）"
        ));
        let (s, t) = run(r#"{"optimizers":[{"kind":"gd","lr":0.399,"lambda":1}]}"#);
        let d = diagnose(&s.landscape, &t);
        assert_eq!((d.hint, d.converges), (None, true));
        // Heavy ball γ = 0.5 with τ = 0.5: η·(1 − τ)·L = 1.6·0.5·4 = 3.2 > 3.
        let (s, t) = run(
            r#"{"steps":60,"optimizers":[{"kind":"momentum","lr":1.6,"gamma":0.5,"dampening":0.5}]}"#,
        );
        let d = diagnose(&s.landscape, &t);
        assert!(matches!(d.health, Health::Diverging { .. }), "{d:?}");
        let en = hint_text(&d, Lang::En).unwrap();
        assert!(
            en.starts_with(
                "η·((1 − τ)·L) = 1.6·2 = 3.2 > 2(1 + γ) = 3: even with momentum γ = 0.5"
            ),
            "{en}"
        );
        assert!(
            en.contains("Try η below 1.5. Dampening τ = 0.5 lets"),
            "{en}"
        );
        // Nesterov (no dampening: torch's rule) with λ = 1: h = 5, bound
        // 2(1.5)/2 = 1.5, η < 0.3.
        let (s, t) = run(
            r#"{"steps":60,"optimizers":[{"kind":"momentum","lr":0.35,"gamma":0.5,"nesterov":true,"lambda":1}]}"#,
        );
        let zh = hint_text(&diagnose(&s.landscape, &t), Lang::Zh).unwrap();
        assert!(
            zh.starts_with("η·(L + λ) = 0.35·5 = 1.75 > 2(1 + γ)/(1 + 2γ) = 1.5："),
            "{zh}"
        );
        // Or λ below 1.5/0.35 − 4 = 0.2857.
        assert!(
            zh.contains(
                "试试小于 0.3 的 η。或者保持 η 不变，把 λ 调到 0.2857 以下。权重衰减 λ = 1"
            ),
            "{zh}"
        );
        // Both, heavy ball: h = (1 − 0.5)·(4 + 1) = 2.5, η < 3/2.5 = 1.2.
        let (s, t) = run(
            r#"{"steps":60,"optimizers":[{"kind":"momentum","lr":1.4,"gamma":0.5,"dampening":0.5,"lambda":1}]}"#,
        );
        let en = hint_text(&diagnose(&s.landscape, &t), Lang::En).unwrap();
        assert!(
            en.starts_with("η·((1 − τ)(L + λ)) = 1.4·2.5 = 3.5 > 2(1 + γ) = 3:"),
            "{en}"
        );
        assert!(
            en.ends_with("Try η below 1.2. Or keep η and take λ below 0.2857. Weight decay λ = 1 adds λ to every curvature. Dampening τ = 0.5 lets the gradient in as (1 − τ)·η·g."),
            "{en}"
        );
    }

    #[test]
    fn the_legend_s_loss_is_written_as_the_captions_write_numbers() {
        // 4 significant digits (0.08901, not 0.089 of 4 decimals) and a
        // true minus sign, in both languages and at every step.
        let (s, t) = run(r#"{"optimizers":[{"kind":"gd","lr":0.4}]}"#);
        let d = diagnose(&s.landscape, &t);
        assert_eq!(status_text(&d, &t, Lang::En), "f = 0.08901");
        let (s, t) = run(
            r#"{"landscape":{"kind":"expr","expr":"x^2 + y^2 - 1.23456"},"start":[1,1],"optimizers":[{"kind":"gd","lr":0.1}]}"#,
        );
        let d = diagnose(&s.landscape, &t);
        for lang in [Lang::En, Lang::Zh] {
            assert_eq!(status_text(&d, &t, lang), "f = −1.234");
            assert_eq!(status_at(&d, &t, 0, lang).0, "f = 0.7654");
            assert_eq!(status_at(&d, &t, 2, lang).0, "f = −0.4154");
        }
    }

    #[test]
    fn kind_titles_in_english_are_the_cli_s() {
        let titles: Vec<&str> = gradscape_core::optim::ALL_KINDS
            .iter()
            .map(|&k| kind_title(k, Lang::En))
            .collect();
        assert_eq!(
            titles,
            [
                "GD", "Momentum", "AdaGrad", "RMSProp", "Adam", "Adam+L2", "AdamW", "NAdam",
                "Adadelta", "Adamax", "RAdam", "Rprop", "Lion", "L-BFGS", "Newton"
            ]
        );
        assert_eq!(kind_title(OptKind::Momentum, Lang::Zh), "动量法");
    }

    #[test]
    fn hard_divergence_reports_the_step() {
        let (s, t) = run(
            r#"{"landscape":{"kind":"rosenbrock"},"start":[-1.5,2],"optimizers":[{"kind":"gd","lr":0.01}]}"#,
        );
        let d = diagnose(&s.landscape, &t);
        assert_eq!(d.health, Health::Diverged { step: 6 });
        assert!(hint_text(&d, Lang::En).unwrap().contains("step 6"));
        assert!(hint_text(&d, Lang::Zh).unwrap().contains("第 6 步"));
        assert_eq!(
            status_text(&diagnose(&s.landscape, &t), &t, Lang::En),
            "diverged at step 6"
        );
    }
}
