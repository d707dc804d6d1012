//! A smaller η that works, found by running it: what "try a smaller η"
//! names where no bound is known (Rosenbrock, a formula, Adam anywhere).
//!
//! Halving η until a run ends no higher than it started, narrowing the
//! gap to the η that failed by a few geometric bisections, then the value
//! rounded down to two significant digits (one if that fails): the number
//! a student reads is the number that was run, all else unchanged (the
//! schedule, the noise's seed, the steps). Runs need not get better
//! monotonically as η shrinks (a sweep finds islands of η that work above
//! one that fails), so nothing is claimed of the η between.

use super::{diagnose, Diagnosis, Hint};
use crate::optim::OptSpec;
use crate::run::{run_one_with, Trajectory};
use crate::scene::Scene;
use crate::sweep::{outcome, Outcome};

/// At most this many halvings (η/2²⁴ ≈ 6e-8·η).
const HALVINGS: usize = 24;
/// Geometric bisections between the halving that worked and the η above
/// it that failed: within 2^(1/16) ≈ 4 % of that edge.
const BISECTIONS: usize = 4;
/// No η below the sliders' smallest is offered.
const LR_MIN: f64 = 1e-4;

/// [`diagnose`] of run `t` of `scene`, with a verified smaller η in the
/// hint of a run the step size sent too far ([`Hint::Diverged`],
/// [`Hint::Grew`], [`Hint::ExprLeft`]).
pub fn diagnose_in(scene: &Scene, t: &Trajectory) -> Diagnosis {
    let mut d = diagnose(&scene.landscape, t);
    if let Some(
        Hint::Diverged { calmer, .. } | Hint::Grew { calmer, .. } | Hint::ExprLeft { calmer, .. },
    ) = d.hint.as_mut()
    {
        *calmer = calmer_lr(scene, &t.spec);
    }
    d
}

/// The largest η found (see the module's doc) with which `spec` on `scene`
/// completes its steps and ends no higher than it started; None when none
/// down to 1e-4 does.
pub fn calmer_lr(scene: &Scene, spec: &OptSpec) -> Option<f64> {
    let works = |lr: f64| {
        let mut s = *spec;
        s.hyper.lr = lr;
        run_one_with(&scene.landscape, &s, scene, false)
            .is_ok_and(|t| outcome(&t) == Outcome::Ok && t.loss.len() == scene.steps + 1)
    };
    let mut failed = spec.hyper.lr;
    let mut ok = None;
    for _ in 0..HALVINGS {
        let lr = failed / 2.0;
        if lr < LR_MIN {
            break;
        }
        if works(lr) {
            ok = Some(lr);
            break;
        }
        failed = lr;
    }
    let mut ok = ok?;
    for _ in 0..BISECTIONS {
        let mid = (ok * failed).sqrt();
        if works(mid) {
            ok = mid;
        } else {
            failed = mid;
        }
    }
    [2, 1]
        .into_iter()
        .map(|digits| floor_sig(ok, digits))
        .find(|&lr| lr >= LR_MIN && works(lr))
}

/// `v` > 0 rounded down to `digits` significant digits, as the nearest
/// double to that decimal (0.002173 → 0.0021).
fn floor_sig(v: f64, digits: i32) -> f64 {
    let k = digits - 1 - v.log10().floor() as i32;
    let p = 10f64.powi(k.abs());
    if k >= 0 {
        (v * p).floor() / p
    } else {
        (v / p).floor() * p
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::run::simulate;
    use crate::theory::stability_bound;

    fn scene(json: &str) -> Scene {
        Scene::from_json(json).unwrap()
    }

    fn calmer_of(s: &Scene, i: usize) -> Option<f64> {
        let runs = simulate(s).unwrap();
        match diagnose_in(s, &runs[i]).hint {
            Some(
                Hint::Diverged { calmer, .. }
                | Hint::Grew { calmer, .. }
                | Hint::ExprLeft { calmer, .. },
            ) => calmer,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn rounds_down_to_a_decimal() {
        assert_eq!(floor_sig(0.002173, 2), 0.0021);
        assert_eq!(floor_sig(0.002173, 1), 0.002);
        assert_eq!(floor_sig(37.9, 2), 37.0);
        assert_eq!(floor_sig(379.0, 2), 370.0);
        assert_eq!(floor_sig(0.5, 2), 0.5);
        assert!(floor_sig(0.1999999, 2) <= 0.1999999);
    }

    #[test]
    fn the_offered_rate_is_run_and_works_and_is_near_the_edge() {
        // GD on Rosenbrock from the default start: no bound in closed form.
        let s = scene(
            r#"{"landscape": {"kind": "rosenbrock"}, "start": [-1.5, 2], "steps": 300, "optimizers": [{"kind": "gd", "lr": 0.01}]}"#,
        );
        let lr = calmer_of(&s, 0).expect("a smaller η");
        assert!((LR_MIN..0.01).contains(&lr), "{lr}");
        // Two significant digits at most.
        assert_eq!(format!("{:.1e}", lr).parse::<f64>().unwrap(), lr);
        let mut at = s.clone();
        at.optimizers[0].hyper.lr = lr;
        let t = &simulate(&at).unwrap()[0];
        assert_eq!(outcome(t), Outcome::Ok);
        assert_eq!(diagnose(&at.landscape, t).hint, None);
        // Not a needlessly timid η: the bisection came within 4 % of an η
        // that failed, the rounding takes off at most 10 % (two digits) —
        // or half (one digit): 2.2 times it fails here.
        at.optimizers[0].hyper.lr = lr * 2.2;
        assert!(outcome(&simulate(&at).unwrap()[0]).is_bad(), "{lr}");
    }

    #[test]
    fn on_a_bowl_it_lands_under_the_exact_bound() {
        // Adam on the bowl diverging (no closed-form bound for Adam):
        // momentum's bound is known, so check against it with a schedule
        // (the bound's own hint is then not used).
        let s = scene(
            r#"{"landscape": {"kind": "quadratic", "a": 0.1, "b": 2}, "start": [-5, -2], "steps": 60, "convention": "pytorch",
                "optimizers": [{"kind": "gd", "lr": 0.8, "schedule": {"kind": "step", "step_size": 1000, "gamma": 0.5}}]}"#,
        );
        let lr = calmer_of(&s, 0).expect("a smaller η");
        let mut plain = s.clone();
        plain.optimizers[0].schedule = None;
        let bound = stability_bound(&plain.landscape, &plain.optimizers[0]).unwrap();
        assert!(lr < bound && lr > 0.5 * bound, "{lr} vs 2/L = {bound:?}");
    }

    #[test]
    fn none_when_nothing_down_to_the_smallest_works() {
        // GD η = 1.5e-4 on a curvature of 2e6 (2/L = 1e-6): every η the
        // sliders offer diverges.
        let stiff = scene(
            r#"{"landscape": {"kind": "expr", "expr": "1e6*x^2 + y^2"}, "start": [1, 1], "steps": 20, "optimizers": [{"kind": "gd", "lr": 0.00015}]}"#,
        );
        assert_eq!(calmer_of(&stiff, 0), None);
    }
}
