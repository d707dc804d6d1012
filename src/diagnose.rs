//! Why a run went wrong, in words a student can act on.
//!
//! A run is *diverged* when the core stopped it (a coordinate beyond 1e12 or
//! non-finite), and *diverging* when it completed but its loss ended higher
//! than it started (GD with η = 0.6 on the seed's bowl: x2 = −1673 at step 20,
//! still finite). On a quadratic with curvatures 2a and 2b the reason is
//! exact: GD is stable iff η < 2/L with L the largest curvature; heavy-ball
//! momentum (either convention) iff η·L < 2(1 + γ); Nesterov iff
//! η·L < 2(1 + γ)/(1 + 2γ).

use crate::i18n::{tr, trf, Lang, Msg};
use crate::landscape::Landscape;
use crate::optim::{fmt_num, OptKind};
use crate::run::{Stop, Trajectory};

/// How a run ended, for the legend and the loss chart.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Health {
    /// Completed, loss not above where it started.
    Ok,
    /// Completed, but the loss ended `growth` times above its start.
    Diverging {
        /// final loss / initial loss (≥ 1).
        growth: f64,
    },
    /// Stopped by the core at this step.
    Diverged {
        /// The first step that left the finite world.
        step: usize,
    },
}

/// The health of a run and, when it went wrong, why.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnosis {
    /// How it ended.
    pub health: Health,
    /// One sentence on the cause and what to try, when it went wrong (a
    /// message of the `diagnose` table; [`Diagnosis::hint_text`] words it).
    pub hint: Option<Msg>,
}

impl Diagnosis {
    /// The hint in `lang`.
    pub fn hint_text(&self, lang: Lang) -> Option<String> {
        self.hint.as_ref().map(|m| m.text(lang))
    }
}

/// Judge one run on its landscape.
pub fn diagnose(landscape: &Landscape, t: &Trajectory) -> Diagnosis {
    let first = t.loss.first().copied().unwrap_or(0.0);
    let last = t.loss.last().copied().unwrap_or(first);
    let health = match t.stop {
        Stop::Diverged { step } => Health::Diverged { step },
        Stop::Completed if t.loss.len() > 1 && last > first && growth_of(first, last) > 1.5 => {
            Health::Diverging {
                growth: growth_of(first, last),
            }
        }
        Stop::Completed => Health::Ok,
    };
    let hint = match health {
        Health::Ok => None,
        _ => Some(reason(landscape, t, first, last)),
    };
    Diagnosis { health, hint }
}

fn growth_of(first: f64, last: f64) -> f64 {
    if first > 0.0 {
        last / first
    } else {
        f64::INFINITY
    }
}

fn reason(landscape: &Landscape, t: &Trajectory, first: f64, last: f64) -> Msg {
    let h = &t.spec.hyper;
    let lr = fmt_num(h.lr);
    // A formula can be undefined (ln or sqrt of a negative number, a
    // division by zero) where the run is: that is not the step size's fault.
    if let Stop::Diverged { step } = t.stop {
        match t.points.last() {
            None => return Msg::new("hint.undefined-start", &[]),
            Some(&p) => {
                let g = landscape.grad(p);
                if !(g[0].is_finite() && g[1].is_finite()) {
                    return Msg::new(
                        "hint.undefined-grad",
                        &[short(p[0]), short(p[1]), step.saturating_sub(1).to_string()],
                    );
                }
            }
        }
        if let Landscape::Expr(_) = landscape {
            return Msg::new("hint.expr-left", &[step.to_string(), lr]);
        }
    }
    if let Landscape::Quadratic(q) = landscape {
        if q.a > 0.0 && q.b > 0.0 {
            let l = q.max_curvature();
            let ls = fmt_num(l);
            match t.spec.kind {
                OptKind::Gd if h.lr * l > 2.0 => {
                    return Msg::new("hint.gd", &[lr, ls, fmt_num(2.0 / l)]);
                }
                OptKind::Momentum if !h.nesterov && h.lr * l > 2.0 * (1.0 + h.gamma) => {
                    return Msg::new(
                        "hint.momentum",
                        &[
                            lr,
                            ls,
                            fmt_num(h.lr * l),
                            fmt_num(2.0 * (1.0 + h.gamma)),
                            fmt_num(h.gamma),
                            fmt_num(2.0 * (1.0 + h.gamma) / l),
                        ],
                    );
                }
                OptKind::Momentum
                    if h.nesterov && h.lr * l > 2.0 * (1.0 + h.gamma) / (1.0 + 2.0 * h.gamma) =>
                {
                    let bound = 2.0 * (1.0 + h.gamma) / (1.0 + 2.0 * h.gamma);
                    return Msg::new(
                        "hint.nesterov",
                        &[
                            lr,
                            ls,
                            fmt_num(h.lr * l),
                            fmt_num(bound),
                            fmt_num(bound / l),
                        ],
                    );
                }
                _ => {}
            }
        }
    }
    match t.stop {
        Stop::Diverged { step } => Msg::new("hint.diverged", &[lr, step.to_string()]),
        Stop::Completed => Msg::new("hint.grew", &[short(first), short(last), lr]),
    }
}

/// A loss for humans: 4 significant digits, exponent form when tiny or huge.
pub fn short(v: f64) -> String {
    if !v.is_finite() {
        return "—".into();
    }
    if v != 0.0 && (v.abs() < 1e-3 || v.abs() >= 1e5) {
        format!("{v:.2e}")
    } else {
        let r = (v * 1e4).round() / 1e4;
        format!("{r}")
    }
}

/// The legend's words for a run: "f = 0.089", "diverging: loss ×5.3e5",
/// "diverged at step 6".
pub fn status_text(d: &Diagnosis, t: &Trajectory) -> String {
    status_text_in(d, t, Lang::En)
}

/// [`status_text`] in `lang`.
pub fn status_text_in(d: &Diagnosis, t: &Trajectory, lang: Lang) -> String {
    match d.health {
        Health::Ok => trf(
            lang,
            "status.f",
            &[&short(t.loss.last().copied().unwrap_or(0.0))],
        ),
        Health::Diverging { growth } => trf(lang, "status.diverging", &[&short(growth)]),
        Health::Diverged { step } => trf(lang, "status.diverged", &[&step.to_string()]),
    }
}

/// The name of an optimizer kind in `lang` ("GD", "梯度下降", …).
pub fn kind_title(kind: OptKind, lang: Lang) -> &'static str {
    tr(lang, &format!("kind.{}", kind.name()))
}
#[cfg(test)]
mod tests {
    use super::*;
    use crate::{simulate, Scene};

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
        let hint = d.hint_text(Lang::En).unwrap();
        assert!(hint.starts_with("η = 0.6 > 2/L = 2/4 = 0.5"), "{hint}");
        let (s, t) = run(r#"{"optimizers":[{"kind":"gd","lr":0.4}]}"#);
        assert_eq!(
            diagnose(&s.landscape, &t),
            Diagnosis {
                health: Health::Ok,
                hint: None
            }
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
        assert!(d
            .hint_text(Lang::En)
            .unwrap()
            .starts_with("η·L = 0.8·4 = 3.2 > 2(1 + γ) = 3"));
        assert!(d
            .hint_text(Lang::Zh)
            .unwrap()
            .starts_with("η·L = 0.8·4 = 3.2 > 2(1 + γ) = 3：即使有动量 γ = 0.5"));
    }

    #[test]
    fn kind_titles_in_english_are_the_cli_s() {
        for k in crate::optim::ALL_KINDS {
            assert_eq!(kind_title(k, Lang::En), k.title());
        }
        assert_eq!(kind_title(OptKind::Momentum, Lang::Zh), "动量法");
    }

    #[test]
    fn hard_divergence_reports_the_step() {
        let (s, t) = run(
            r#"{"landscape":{"kind":"rosenbrock"},"start":[-1.5,2],"optimizers":[{"kind":"gd","lr":0.01}]}"#,
        );
        let d = diagnose(&s.landscape, &t);
        assert_eq!(d.health, Health::Diverged { step: 6 });
        assert!(d.hint_text(Lang::En).unwrap().contains("step 6"));
        assert!(d.hint_text(Lang::Zh).unwrap().contains("第 6 步"));
        assert_eq!(
            status_text(&diagnose(&s.landscape, &t), &t),
            "diverged at step 6"
        );
    }
}
