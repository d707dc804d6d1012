//! Why a run went wrong, in words a student can act on.
//!
//! A run is *diverged* when the core stopped it (a coordinate beyond 1e12 or
//! non-finite), and *diverging* when it completed but its loss ended higher
//! than it started (GD with η = 0.6 on the seed's bowl: x2 = −1673 at step 20,
//! still finite). On a quadratic with curvatures 2a and 2b the reason is
//! exact: GD is stable iff η < 2/L with L the largest curvature; heavy-ball
//! momentum (either convention) iff η·L < 2(1 + γ); Nesterov iff
//! η·L < 2(1 + γ)/(1 + 2γ).

use crate::landscape::Landscape;
use crate::msg::Msg;
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
    /// message of the `diagnose` table; the text layer words it).
    pub hint: Option<Msg>,
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
