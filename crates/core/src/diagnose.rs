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
mod hint;
use bound::{at_edge, beyond_bound, inside_bound, slowly, theory_hint};
pub use calmer::{calmer_below, calmer_lr, diagnose_in, fill_calmer};
use cycles::cycles;
pub use cycles::MAX_PERIOD;
pub use hint::{Calmer, Hint, NoDecay};

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

/// What kind of stationary point a run ended at, when not a minimum.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stationary {
    /// Both curvatures negative: a local maximum.
    Maximum,
    /// Curvatures of both signs: a saddle point.
    Saddle,
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

/// ‖∇f‖ below this (relative to max(1, ‖∇f(start)‖)) counts as stationary.
const STATIONARY: f64 = 1e-6;

/// [`Hint::NotMinimum`] when the run ends where ∇f ≈ 0 and the Hessian has
/// a negative eigenvalue.
fn ends_off_minimum(landscape: &Landscape, t: &Trajectory) -> Option<Hint> {
    let (&p0, &p) = (t.points.first()?, t.points.last()?);
    // With L2's λ the run follows f + λ/2·‖x‖²: its gradient and Hessian
    // (GD with λ = 3 on the saddle converges to the origin, a minimum of
    // that loss; "start elsewhere" would not help).
    let lambda = t.spec.coupled_decay().unwrap_or(0.0);
    let grad = |q: crate::Vec2| {
        let g = landscape.grad(q);
        (g[0] + lambda * q[0]).hypot(g[1] + lambda * q[1])
    };
    let g = grad(p);
    let tol = STATIONARY * grad(p0).max(1.0);
    if g.is_nan() || g > tol {
        return None;
    }
    // Those of the Hessian + λ·I.
    let eig = eigenvalues(&landscape.hessian(p)).map(|e| e + lambda);
    if !(eig[0].is_finite() && eig[1].is_finite()) {
        return None;
    }
    let kind = if eig[1] < 0.0 {
        Stationary::Maximum
    } else if eig[0] < 0.0 && eig[1] > 0.0 {
        Stationary::Saddle
    } else {
        return None;
    };
    Some(Hint::NotMinimum {
        kind,
        x: p[0],
        y: p[1],
        eig,
        lambda,
    })
}

/// How far below its start (in units of max(1, |f(start)|)) a loss must
/// fall to count as falling without bound (`x*y` from (−5, −2): 10 →
/// −1.6e6 in 20 steps of GD η = 0.4).
const BOTTOMLESS: f64 = 1e4;

/// [`Hint::Unbounded`] when the loss is still falling, no bottom in sight:
/// its last step fell at least as far as the one before (a run settling
/// into a well falls less and less), and either the loss fell
/// [`BOTTOMLESS`] below its start or the surface is known to have no
/// bottom (the saddle from near its ridge: 2.2 → −14.7 in 20 steps, said
/// to be "converging" before). A formula's bottom is not known: a run
/// still accelerating down a double well's wall (x⁴ − 10x² + y²) curves
/// down and speeds up as one falling for ever would, so only the depth
/// tells there.
fn falls_away(landscape: &Landscape, t: &Trajectory) -> Option<Hint> {
    let (&first, &kept) = (t.loss.first()?, t.loss.last()?);
    let deep = |v: f64| v < first - BOTTOMLESS * first.abs().max(1.0);
    let bottomless = landscape.bounded_below() == Some(false);
    // A step that left the finite world far down (L-BFGS's line search
    // leaps down the saddle to |x| ≈ 4e12, f ≈ −1.8e25, from a loss that
    // fell by less than the step before, or at its first or second step):
    // a fall, whatever η. (A finite f: where f is −∞ there is no number
    // to say.)
    let leapt = t
        .left
        .map(|l| l.loss)
        .filter(|&v| first.is_finite() && v.is_finite() && v < kept && deep(v));
    // (A plane's equal falls differ in their last bits.)
    let falling = match t.loss.as_slice() {
        [.., a, b, c] => first.is_finite() && b - c >= (a - b) * (1.0 - 1e-9) && a - b > 0.0,
        _ => false,
    };
    (falling && (deep(kept) || bottomless) || leapt.is_some()).then(|| Hint::Unbounded {
        first,
        last: leapt.unwrap_or(kept),
        nowhere: bottomless,
        searched: t.spec.kind == crate::optim::OptKind::Lbfgs
            && t.spec.hyper.line_search != crate::optim::LineSearch::None,
        lambda_min: t
            .spec
            .coupled_decay()
            .and_then(|_| least_curvature(landscape))
            .filter(|&c| c < 0.0)
            .map(|c| -c),
    })
}

/// The least curvature of a surface whose Hessian is constant (the saddle,
/// a quadratic): `None` for the others.
fn least_curvature(landscape: &Landscape) -> Option<f64> {
    matches!(landscape, Landscape::Saddle | Landscape::Quadratic(_))
        .then(|| eigenvalues(&landscape.hessian([0.0, 0.0]))[0])
}

/// The eigenvalues of a symmetric 2 × 2 matrix [[a, b], [b, c]], smaller
/// first: m ± r with m = (a + c)/2, r = √(((a − c)/2)² + b²).
pub(super) fn eigenvalues(h: &[[f64; 2]; 2]) -> [f64; 2] {
    let (a, b, c) = (h[0][0], h[0][1], h[1][1]);
    let m = 0.5 * (a + c);
    let r = (0.5 * (a - c)).hypot(b);
    [m - r, m + r]
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
mod tests {
    use super::*;
    use crate::run::simulate;
    use crate::scene::Scene;

    /// Each run's hint (also the cycles' tests').
    pub(super) fn hints(json: &str) -> Vec<Option<Hint>> {
        let s = Scene::from_json(json).unwrap();
        let runs = simulate(&s).unwrap();
        runs.iter()
            .map(|r| diagnose(&s.landscape, r).hint)
            .collect()
    }

    #[test]
    fn a_loss_falling_without_bottom_is_named_before_it_is_deep() {
        let run = |land: &str, start: &str, lr: f64| {
            hints(&format!(
                r#"{{"landscape": {land}, "start": {start}, "steps": 20, "convention": "d2l", "optimizers": [{{"kind": "gd", "lr": {lr}}}]}}"#
            ))[0]
        };
        let unbounded = |h: Option<Hint>| matches!(h, Some(Hint::Unbounded { .. }));
        // Known to have no minimum anywhere: another start would not help.
        let nowhere = |h: Option<Hint>| matches!(h, Some(Hint::Unbounded { nowhere: true, .. }));
        // The saddle from near its ridge: 2.2 → −14.7; a quadratic with a
        // negative coefficient.
        assert!(nowhere(run(r#"{"kind": "saddle"}"#, "[-1.5, 0.1]", 0.1)));
        assert!(nowhere(run(
            r#"{"kind": "quadratic", "a": 0.5, "b": -1}"#,
            "[-1.5, 0.1]",
            0.1
        )));
        // A formula's bottom is not known: only its depth names the fall,
        // and another start may find a well.
        let formula = run(r#"{"kind": "expr", "expr": "x*y"}"#, "[-5, -2]", 0.4);
        assert!(unbounded(formula) && !nowhere(formula), "{formula:?}");
        // Wells, valleys, bowls — and formulas, whose bottom is not known,
        // until they are deep: a double well's wall (minima −25 at ±√5), a
        // Gaussian well (−10), a dome only once 10⁴ down.
        for (land, start, lr) in [
            (
                r#"{"kind": "expr", "expr": "x^4 - 10*x^2 + y^2"}"#,
                "[0.1, 1]",
                0.005,
            ),
            (
                r#"{"kind": "expr", "expr": "-10*exp(-(x^2 + y^2))"}"#,
                "[2.2, 0.3]",
                0.05,
            ),
            (
                r#"{"kind": "expr", "expr": "-x^2 - y^2"}"#,
                "[0.1, 0.1]",
                0.1,
            ),
            (
                r#"{"kind": "expr", "expr": "0.1*x^2 + 2*y^2"}"#,
                "[-5, -2]",
                0.4,
            ),
            (r#"{"kind": "himmelblau"}"#, "[0, 0]", 0.01),
            (r#"{"kind": "rosenbrock"}"#, "[-1.5, 2]", 0.001),
        ] {
            assert!(!unbounded(run(land, start, lr)), "{land}");
        }
        assert!(unbounded(run(
            r#"{"kind": "expr", "expr": "-x^2 - y^2"}"#,
            "[0.1, 0.1]",
            0.5
        )));
    }

    #[test]
    fn a_scheduled_run_is_blamed_on_the_largest_rate_it_used() {
        // A trial: CyclicLR up to 1.2 over η = 0.3 on the bowl (2/L = 0.5)
        // was told "η = 0.3 is too large".
        let h = hints(
            r#"{"landscape": {"kind": "quadratic", "a": 0.1, "b": 2}, "start": [-5, -2], "steps": 40, "convention": "pytorch",
                "optimizers": [{"kind": "gd", "lr": 0.3, "schedule": {"kind": "cyclic", "max_lr": 1.2, "step_size_up": 4, "cycle_momentum": false}}, {"kind": "gd", "lr": 0.6}]}"#,
        );
        match h[0] {
            Some(Hint::Diverged { lr, scheduled, .. } | Hint::Grew { lr, scheduled, .. }) => {
                assert!(scheduled);
                assert!((lr - 1.2).abs() < 1e-12, "{lr}");
            }
            ref other => panic!("{other:?}"),
        }
        // Without a schedule the bound's own words, as before.
        assert!(matches!(h[1], Some(Hint::GdUnstable { lr, .. }) if lr == 0.6));
        // The step that left counts: StepLR ×3 every 2 steps from η = 0.4
        // left at step 11 with 0.4·3⁵ = 97.2; the steps kept reached 32.4.
        let h = hints(
            r#"{"landscape": {"kind": "quadratic", "a": 0.1, "b": 2}, "start": [-5, -2], "steps": 20, "convention": "d2l",
                "optimizers": [{"kind": "gd", "lr": 0.4, "schedule": {"kind": "step", "step_size": 2, "gamma": 3}}]}"#,
        );
        match h[0] {
            Some(Hint::Diverged {
                lr,
                scheduled: true,
                step,
                left_peak,
                ..
            }) => {
                assert_eq!(step, 11);
                assert!(left_peak);
                assert!((lr - 0.4 * 3f64.powi(5)).abs() < 1e-9, "{lr}");
            }
            ref other => panic!("{other:?}"),
        }
    }

    #[test]
    fn decoupled_decay_past_two_is_named_not_the_step_size() {
        // AdamW η = 0.1, λ = 25: 1 − η·λ = −1.5, on the bowl and on a
        // formula; Lion and NAdam's decoupled decay alike.
        for land in [
            r#"{"kind": "quadratic", "a": 0.1, "b": 2}"#,
            r#"{"kind": "expr", "expr": "x^2 + y^2"}"#,
        ] {
            let h = hints(&format!(
                r#"{{"landscape": {land}, "steps": 200, "optimizers": [{{"kind": "adamw", "lr": 0.1, "lambda": 25}}, {{"kind": "lion", "lr": 0.5, "lambda": 5}}, {{"kind": "nadam", "lr": 0.1, "lambda": 30, "decoupled": true}}]}}"#
            ));
            for (i, want) in [(0.1, 25.0), (0.5, 5.0), (0.1, 30.0)].iter().enumerate() {
                match h[i] {
                    Some(Hint::DecayUnstable {
                        lr,
                        lambda,
                        factor,
                        lambda_max,
                    }) => {
                        assert_eq!((lr, lambda), *want);
                        assert!((factor - (1.0 - lr * lambda)).abs() < 1e-12);
                        assert!((lambda_max - 2.0 / lr).abs() < 1e-12);
                    }
                    ref other => panic!("{land} run {i}: {other:?}"),
                }
            }
        }
        // Below 2, or L2's coupled decay: the decay is not named.
        let h = hints(
            r#"{"steps": 50, "optimizers": [{"kind": "adamw", "lr": 0.1, "lambda": 19}, {"kind": "adam_l2", "lr": 3, "lambda": 25}, {"kind": "nadam", "lr": 0.1, "lambda": 30}]}"#,
        );
        assert!(
            h.iter()
                .all(|h| !matches!(h, Some(Hint::DecayUnstable { .. }))),
            "{h:?}"
        );
    }

    /// A surface with no bottom in the run's direction is named, not the
    /// step size (a student read "try a smaller η" on the saddle, lowered
    /// η, and saw it diverge later).
    #[test]
    fn a_loss_falling_without_bound_is_the_surface_not_the_step_size() {
        let scene = |land: &str, steps: usize, lr: f64| {
            format!(
                r#"{{"landscape": {land}, "start": [-5, -2], "steps": {steps}, "optimizers": [{{"kind": "gd", "lr": {lr}}}, {{"kind": "adam", "lr": {lr}}}]}}"#
            )
        };
        for (land, steps, lr) in [
            // Stopped past 1e12 at any η: the saddle, a bowl upside down.
            (r#"{"kind": "saddle"}"#, 2000, 0.01),
            (r#"{"kind": "saddle"}"#, 20000, 0.001),
            (r#"{"kind": "quadratic", "a": -1, "b": 2}"#, 20000, 0.001),
            // Completed, the loss at −4.7e11 after 20 steps.
            (r#"{"kind": "expr", "expr": "x*y"}"#, 20, 0.4),
            (r#"{"kind": "expr", "expr": "-x^2 - y^2"}"#, 2000, 0.4),
        ] {
            let h = hints(&scene(land, steps, lr));
            assert!(
                matches!(h[0], Some(Hint::Unbounded { first, last, .. }) if last < first - 1e6),
                "{land} GD: {h:?}"
            );
        }
        // L-BFGS's line search leaps down the saddle past 1e12 (to f ≈
        // −1.8e25) from a loss that fell by less than the step before: the
        // surface, at η = 1 and 0.1 alike (it was told "η = 1 is too large").
        // From (1, 2) and (0.5, 0.4) it leaves at its first or second step.
        for (lr, start) in [
            (1.0, "[-1.5, 0.01]"),
            (0.1, "[-1.5, 0.01]"),
            (1.0, "[1, 2]"),
            (1.0, "[0.5, 0.4]"),
        ] {
            let h = hints(&format!(
                r#"{{"landscape": {{"kind": "saddle"}}, "start": {start}, "steps": 20, "optimizers": [{{"kind": "lbfgs", "lr": {lr}, "line_search": "strong_wolfe"}}]}}"#
            ));
            assert!(
                matches!(h[0], Some(Hint::Unbounded { last, nowhere: true, searched: true, .. }) if last < -1e20),
                "L-BFGS η = {lr} from {start}: {h:?}"
            );
        }
        // A step that left to f = −∞ (y² − eˣ overflows) has no number to
        // say: never "fell from −1.7 to —".
        let h = hints(&scene(
            r#"{"kind": "expr", "expr": "y^2 - exp(x)"}"#,
            20,
            0.4,
        ));
        assert!(
            !matches!(h[0], Some(Hint::Unbounded { last, .. }) if !last.is_finite()),
            "{h:?}"
        );
        // A bowl diverging upwards keeps its reason; a run that settles
        // deep below zero is not falling (its minimum is −1e4).
        let h = hints(&scene(
            r#"{"kind": "quadratic", "a": 0.1, "b": 2}"#,
            20,
            0.6,
        ));
        assert!(matches!(h[0], Some(Hint::GdUnstable { .. })), "{h:?}");
        let h = hints(&scene(
            r#"{"kind": "expr", "expr": "x^2 + y^2 - 1e4"}"#,
            50,
            0.1,
        ));
        assert_eq!(h[0], None);
        // From f = 0 down a well 1e5 deep, settling: not bottomless.
        let well = r#"{"kind": "expr", "expr": "1e5*((x + 4)^2 + (y + 2)^2) - 1e5"}"#;
        let h = hints(&scene(well, 30, 2e-6));
        assert_eq!(h[0], None, "{h:?}");
    }

    #[test]
    fn a_formula_that_overflows_diverged_one_that_steps_out_of_its_domain_left_it() {
        let scene = |expr: &str, start: &str, lr: f64| {
            format!(
                r#"{{"landscape": {{"kind": "expr", "expr": "{expr}"}}, "start": {start}, "steps": 50, "optimizers": [{{"kind": "gd", "lr": {lr}}}]}}"#
            )
        };
        // x⁴ + y² at η = 0.5: 641, 3.6e9, 7e29, then past 1e12; and one
        // that overflows f itself (exp of a soaring x).
        for (expr, start, lr) in [
            ("x^4 + y^2", "[-5, -2]", 0.5),
            ("1000*x^2 + y^2", "[-5, -2]", 0.01),
            ("exp(x^2) + y^2", "[1.5, 1]", 0.5),
        ] {
            let h = hints(&scene(expr, start, lr));
            assert!(
                matches!(h[0], Some(Hint::Diverged { step, .. }) if step > 0),
                "{expr}: {h:?}"
            );
        }
        // √x + y² from x = 1 with η = 3: x goes below 0 at an ordinary
        // loss; ln(x) + y² likewise.
        for expr in ["sqrt(x) + y^2", "log(x) + y^2"] {
            let h = hints(&scene(expr, "[1, 0.5]", 3.0));
            assert!(matches!(h[0], Some(Hint::ExprLeft { .. })), "{expr}: {h:?}");
        }
        // After several steps falling (√x from x = 4 at η = 1: the steps
        // grow as x nears 0 and one crosses it): still the domain, not
        // an overflow.
        let s = Scene::from_json(&scene("sqrt(x) + y^2", "[4, 0.5]", 1.0)).unwrap();
        let runs = simulate(&s).unwrap();
        assert!(runs[0].loss.len() > 3, "{:?}", runs[0].loss);
        let h = diagnose(&s.landscape, &runs[0]).hint;
        assert!(matches!(h, Some(Hint::ExprLeft { .. })), "{h:?}");
        assert!(!soaring(&[1.0]));
        assert!(!soaring(&[1.0, 2000.0, 1500.0]));
        assert!(soaring(&[1.0, 1002.0]));
        assert!(soaring(&[-5.0, 10.0, 5000.0]));
        assert!(!soaring(&[f64::NAN, 1e9]));
    }
}
