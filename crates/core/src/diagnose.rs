//! Why a run went wrong, in words a student can act on.
//!
//! A run is *diverged* when the core stopped it (a coordinate beyond 1e12 or
//! non-finite), and *diverging* when it completed but its loss ended higher
//! than it started (GD with η = 0.6 on the seed's bowl: x2 = −1673 at step 20,
//! still finite). On a quadratic with curvatures 2a and 2b the reason is
//! exact: GD is stable iff η < 2/L with L the largest curvature; heavy-ball
//! momentum (either convention) iff η·L < 2(1 + γ); Nesterov iff
//! η·L < 2(1 + γ)/(1 + 2γ).
//!
//! A run is *stopped* when a block could not take a step (Newton at a
//! singular or non-finite Hessian). A run that completed at a stationary
//! point whose Hessian is not positive definite — Newton from (0, 0) on
//! Himmelblau climbs to the local maximum — is told so ([`Hint::NotMinimum`]),
//! whatever its health.

use crate::landscape::Landscape;
use crate::optim::Fault;
use crate::run::{Stop, Trajectory};

mod bound;
mod calmer;
mod cycles;
mod fall;
mod hint;
mod rescale;
mod stationary;
use bound::{at_edge, beyond_bound, inside_bound, slowly, theory_hint};
pub use calmer::{calmer_below, calmer_lr, diagnose_in, fill_calmer};
use cycles::cycles;
pub use cycles::MAX_PERIOD;
use fall::falls_away;
pub use hint::{Calmer, Hint, NoDecay};
pub use rescale::diagnose_scene;
pub use stationary::Stationary;
use stationary::{eigenvalues, ends_off_minimum};

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
    /// A block could not take this step (Newton's singular Hessian).
    Stopped {
        /// The step not taken.
        step: usize,
        /// Why.
        fault: Fault,
    },
}

impl Health {
    /// A short name for the page and its state (`ok`, `diverging`,
    /// `diverged`, `stopped`).
    pub fn name(self) -> &'static str {
        match self {
            Health::Ok => "ok",
            Health::Diverging { .. } => "diverging",
            Health::Diverged { .. } => "diverged",
            Health::Stopped { .. } => "stopped",
        }
    }
}

/// The health of a run and, when it went wrong, why.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnosis {
    /// How it ended.
    pub health: Health,
    /// The cause and what to try, when it went wrong (the text layer words
    /// it).
    pub hint: Option<Hint>,
    /// The theory says it converges: GD or momentum with a constant η
    /// strictly inside its bound on a bowl. Elsewhere a loss that did not
    /// grow proves nothing (Lion η = 10 on the bowl is back at its start's
    /// loss at step 100), so only these are said to be "converging".
    pub converges: bool,
}

/// Judge one run on its landscape.
pub fn diagnose(landscape: &Landscape, t: &Trajectory) -> Diagnosis {
    let first = t.loss.first().copied().unwrap_or(0.0);
    let last = t.loss.last().copied().unwrap_or(first);
    // On the stability bound the zig-zag keeps its size: not diverging,
    // even where heavy ball's swing settled wider than it started (loss
    // 10.5 → 72, flat from step 5 on).
    let edge = (t.stop == Stop::Completed)
        .then(|| at_edge(landscape, t))
        .flatten();
    // A loss up after its steps while the theory says the run converges:
    // the first swings of a slow one (momentum γ = 0.95, η = 0.9 on the
    // bowl: 10.5 → 28 in 20 steps, ρ = 0.975), not divergence.
    let slow = (t.stop == Stop::Completed && last > first)
        .then(|| slowly(landscape, t, first, last))
        .flatten();
    // Settled where ∇f = 0 but not at a minimum (Newton on Rastrigin:
    // f 51 → 82.7 by step 5, then still): said so, not "diverging".
    let off_minimum = (t.stop == Stop::Completed)
        .then(|| ends_off_minimum(landscape, t))
        .flatten();
    let health = match t.stop {
        Stop::Diverged { step } => Health::Diverged { step },
        Stop::Fault { step, fault } => Health::Stopped { step, fault },
        Stop::Completed
            if edge.is_none()
                && slow.is_none()
                && off_minimum.is_none()
                && t.loss.len() > 1
                && last > first
                && growth_of(first, last) > 1.5
                && penalized_grew(t) =>
        {
            Health::Diverging {
                growth: growth_of(first, last),
            }
        }
        Stop::Completed => Health::Ok,
    };
    let hint = match (health, t.stop) {
        (Health::Stopped { step, fault }, _) => {
            let p = t.points.last().copied().unwrap_or([f64::NAN; 2]);
            Some(Hint::Fault {
                fault,
                step,
                x: p[0],
                y: p[1],
            })
        }
        (_, Stop::Completed) => match off_minimum {
            Some(h) => Some(h),
            None if health == Health::Ok => falls_away(landscape, t)
                // (Under a schedule η_t is not η: only the runs it stops.)
                .or_else(|| decay_flips(t).filter(|_| t.spec.schedule.is_none()))
                .or(edge)
                .or_else(|| cycles(t))
                .or_else(|| beyond_bound(landscape, t))
                .or(slow),
            None => Some(reason(landscape, t, first, last)),
        },
        (Health::Ok, _) => None,
        _ => Some(reason(landscape, t, first, last)),
    };
    let converges = health == Health::Ok && inside_bound(landscape, t);
    Diagnosis {
        health,
        hint,
        converges,
    }
}

/// [`Hint::DecayUnstable`] when decoupled decay's factor 1 − η·λ is −1 or
/// below: x flips sign every step and never shrinks, whatever the
/// gradient does (AdamW η = 0.1, λ = 20 on the bowl: 10.5 → 13.2 in 20
/// steps, 179 in 1000).
fn decay_flips(t: &Trajectory) -> Option<Hint> {
    let (lr, lambda) = (t.spec.hyper.lr, t.spec.decoupled_decay()?);
    (lr * lambda >= 2.0).then_some(Hint::DecayUnstable {
        lr,
        lambda,
        factor: 1.0 - lr * lambda,
        lambda_max: 2.0 / lr,
    })
}

/// How far above its start (in units of max(1, |f(start)|)) a loss must
/// be when a formula's run stops for the stop to be an overflow.
const SOARING: f64 = 1e3;

/// Whether the loss ended [`SOARING`] above its start and still rising
/// (its last step rose): the run was blowing up, not stepping into a
/// hole of f's domain (√x + y² crossing x = 0 stops at an ordinary loss).
fn soaring(loss: &[f64]) -> bool {
    let (Some(&first), [.., b, c]) = (loss.first(), loss) else {
        return false;
    };
    first.is_finite() && *c > first + SOARING * first.abs().max(1.0) && c > b
}

/// Whether the loss a run with L2's λ descends, f + λ/2·‖x‖², grew too
/// (true without λ): f may rise on the way to that loss's minimum (GD
/// with λ = 3 on the saddle from (1, 1.5): f −1.25 → 0 while f + λ/2·‖x‖²
/// 3.6 → 0, converging), which is not divergence.
fn penalized_grew(t: &Trajectory) -> bool {
    let Some(lambda) = t.spec.coupled_decay() else {
        return true;
    };
    let at = |i: usize| {
        let p = t.points[i];
        t.loss[i] + 0.5 * lambda * (p[0] * p[0] + p[1] * p[1])
    };
    let n = t.loss.len().min(t.points.len());
    // (NaN: not known to have fallen.)
    n < 2
        || matches!(
            at(n - 1).partial_cmp(&at(0)),
            Some(std::cmp::Ordering::Greater) | None
        )
}

fn growth_of(first: f64, last: f64) -> f64 {
    if first > 0.0 {
        last / first
    } else {
        f64::INFINITY
    }
}

fn reason(landscape: &Landscape, t: &Trajectory, first: f64, last: f64) -> Hint {
    let h = &t.spec.hyper;
    let lr = h.lr;
    // Under a schedule the base η is not what went too far (a cyclic
    // schedule's peak 1.2 over η = 0.6): the largest rate a step used is,
    // the step that left included (StepLR's ×3 every 2 steps left at
    // η = 97.2, after 32.4).
    let scheduled = t.spec.schedule.is_some();
    let kept =
        t.lr.iter()
            .copied()
            .filter(|v| v.is_finite())
            .reduce(f64::max);
    // The step that left used more than any kept step: a rate the chart
    // and the legend (which end at the step before) never show.
    let left_lr = t
        .left
        .map(|l| l.lr)
        .filter(|&v| scheduled && v.is_finite() && kept.is_none_or(|k| v > k));
    let peak = match left_lr.or(kept) {
        Some(top) if scheduled => top,
        _ => lr,
    };
    // A formula can be undefined (ln or sqrt of a negative number, a
    // division by zero) where the run is: that is not the step size's fault.
    if let Stop::Diverged { step } = t.stop {
        match t.points.last() {
            None => return Hint::UndefinedStart,
            Some(&p) => {
                let g = landscape.grad(p);
                if !(g[0].is_finite() && g[1].is_finite()) {
                    return Hint::UndefinedGrad {
                        x: p[0],
                        y: p[1],
                        step: step.saturating_sub(1),
                    };
                }
            }
        }
    }
    // A decay factor 1 − η·λ at or below −1 alone keeps x from
    // shrinking, whatever the surface: the step size is not what to change.
    if let Some(h) = decay_flips(t) {
        return h;
    }
    // Off to −∞ (a saddle, a surface curving down): no step size is
    // the cause, a smaller one only takes longer.
    if let Some(h) = falls_away(landscape, t) {
        return h;
    }
    // A formula's run that stopped while its loss soared overflowed, as a
    // built-in surface's does (x⁴ + y² at η = 0.5: 641, 3.6e9, 7e29, ∞):
    // it did not leave a domain, η was too large.
    if let (Stop::Diverged { step }, Landscape::Expr(_)) = (t.stop, landscape) {
        if !soaring(&t.loss) {
            return Hint::ExprLeft {
                step,
                lr: peak,
                scheduled,
                calmer: Calmer::Pending,
                no_decay: NoDecay::of(&t.spec),
            };
        }
    }
    if let Some(h) = theory_hint(landscape, t) {
        return h;
    }
    match t.stop {
        Stop::Diverged { step } | Stop::Fault { step, .. } => Hint::Diverged {
            lr: peak,
            step,
            scheduled,
            left_peak: left_lr.is_some(),
            calmer: Calmer::Pending,
            no_decay: NoDecay::of(&t.spec),
        },
        Stop::Completed => Hint::Grew {
            first,
            last,
            lr: peak,
            scheduled,
            calmer: Calmer::Pending,
            no_decay: NoDecay::of(&t.spec),
        },
    }
}

#[cfg(test)]
mod tests;
