//! What the closed-form bounds say of a run: GD or momentum with a
//! constant η on a bowl, with its weight decay λ and dampening τ (the run
//! sees a curvature h as (1 − τ)·(h + λ)). Beyond the bound the zig-zag
//! grows; on it, it keeps its size; inside, the run converges, however its
//! loss started.

use super::{Calmer, Hint};
use crate::landscape::Landscape;
use crate::run::Trajectory;
use crate::sweep::{coupled_curvatures, quadratic_curvatures};
use crate::theory::{bowl_curvature, Coupling, Method, MomentumForm};

/// How near η·h must be to the bound to be on it: the bound is computed
/// (2(1 + γ)/(1 + 2γ)) and η typed in decimal, so a few ulps apart.
const ON_EDGE: f64 = 1e-12;

/// [`Hint::AtEdge`] for GD or momentum with a constant η on a bowl, η·L on
/// the stability bound.
pub(super) fn at_edge(landscape: &Landscape, t: &Trajectory) -> Option<Hint> {
    let b = on_bowl(landscape, t)?;
    let (lr, bound) = (t.spec.hyper.lr, b.method.product_bound());
    if (lr * b.h - bound).abs() > ON_EDGE * bound {
        return None;
    }
    // A start with nothing along the steepest axis has no zig-zag there:
    // such a run converges, and its gradient says so.
    let norm = |p: &crate::Vec2| {
        let g = landscape.grad(*p);
        g[0].hypot(g[1])
    };
    let (first, last) = (t.points.first()?, t.points.last()?);
    (norm(last) > 1e-3 * norm(first)).then_some(Hint::AtEdge {
        method: b.method,
        lr,
        l: b.l,
        coupling: b.coupling,
        bound,
    })
}

/// A run the closed-form bounds speak for: GD or momentum with a constant
/// η (under a schedule they explain nothing for sure) on a bowl, with its
/// weight decay and dampening ([`Coupling`]; none for the rest).
#[derive(Debug, Clone, Copy)]
struct Bowl {
    /// The method.
    method: Method,
    /// The surface's largest curvature L.
    l: f64,
    /// The curvature the run sees along that axis, (1 − τ)·(L + λ).
    h: f64,
    /// λ and τ.
    coupling: Coupling,
}

impl Bowl {
    /// η·h against the bound on it.
    fn unstable(self, lr: f64) -> bool {
        self.method.unstable(lr, self.h)
    }

    fn inside(self, lr: f64) -> bool {
        lr * self.h < self.method.product_bound()
    }
}

/// The [`Bowl`] of a run, when the bounds speak for it: both curvatures
/// as the run sees them positive (τ = 1 lets no gradient in).
fn on_bowl(landscape: &Landscape, t: &Trajectory) -> Option<Bowl> {
    let l = bowl_curvature(landscape).filter(|_| t.spec.schedule.is_none())?;
    let method = Method::of_kind(&t.spec)?;
    let coupling = Coupling::of(&t.spec);
    let seen = coupled_curvatures(quadratic_curvatures(landscape)?, Some(&t.spec));
    (seen[0].min(seen[1]) > 0.0).then_some(Bowl {
        method,
        l,
        h: coupling.curvature(l),
        coupling,
    })
}

/// The closed-form hint of GD or momentum with a constant η beyond its
/// stability bound on a bowl (`None` otherwise; such a run elsewhere gets
/// the plain words).
pub(super) fn theory_hint(landscape: &Landscape, t: &Trajectory) -> Option<Hint> {
    let lr = t.spec.hyper.lr;
    let b = on_bowl(landscape, t).filter(|b| b.unstable(lr))?;
    let (l, coupling) = (b.l, b.coupling);
    let (bound, lr_max) = (b.method.product_bound(), b.method.lr_bound(b.h));
    Some(match b.method {
        Method::Gd => Hint::GdUnstable {
            lr,
            l,
            coupling,
            bound: lr_max,
            calmer: Calmer::Pending,
        },
        Method::Momentum {
            form: MomentumForm::HeavyBall,
            gamma,
        } => Hint::Momentum {
            lr,
            l,
            coupling,
            lr_l: lr * b.h,
            bound,
            gamma,
            lr_max,
            calmer: Calmer::Pending,
        },
        Method::Momentum {
            form: MomentumForm::Nesterov,
            ..
        } => Hint::Nesterov {
            lr,
            l,
            coupling,
            lr_l: lr * b.h,
            bound,
            lr_max,
            calmer: Calmer::Pending,
        },
    })
}

/// Whether GD or momentum runs with a constant η strictly inside its
/// stability bound on a bowl (its error shrinks every step, ρ < 1).
pub(super) fn inside_bound(landscape: &Landscape, t: &Trajectory) -> bool {
    on_bowl(landscape, t).is_some_and(|b| b.inside(t.spec.hyper.lr))
}

/// [`Hint::Slow`] for GD or momentum with a constant η strictly inside its
/// bound on a bowl (the theory says it converges), whatever its loss did
/// in the steps run.
pub(super) fn slowly(landscape: &Landscape, t: &Trajectory, first: f64, last: f64) -> Option<Hint> {
    let lr = t.spec.hyper.lr;
    let b = on_bowl(landscape, t).filter(|b| b.inside(lr))?;
    let curv = coupled_curvatures(quadratic_curvatures(landscape)?, Some(&t.spec));
    let (form, gamma) = match b.method {
        Method::Gd => (MomentumForm::HeavyBall, 0.0),
        Method::Momentum { form, gamma } => (form, gamma),
    };
    Some(Hint::Slow {
        first,
        last,
        l: b.l,
        coupling: b.coupling,
        lr_l: lr * b.h,
        bound: b.method.product_bound(),
        rho: crate::theory::momentum_rate(form, lr, gamma, &curv),
    })
}

/// A completed run whose loss did not grow (yet) but whose η is beyond the
/// bound: GD at η = 0.501 on the seed's bowl multiplies x2 by −1.004 a step
/// (2 → 2.166 in 20 steps) while x1's descent keeps the loss falling, and
/// was called "converging". Unless nothing lies along the steepest axis
/// (a start on the flat axis never zig-zags): then it does converge.
pub(super) fn beyond_bound(landscape: &Landscape, t: &Trajectory) -> Option<Hint> {
    let hint = theory_hint(landscape, t)?;
    let (&first, &last) = (t.points.first()?, t.points.last()?);
    // The gradient's part along the steepest axis (the Hessian's top
    // eigenvector) at the end, against the whole gradient at the start.
    let h = landscape.hessian(last);
    let (a, b, c) = (h[0][0], h[0][1], h[1][1]);
    let top = super::eigenvalues(&h)[1];
    // (a − top, b) and (b, c − top) are both ⟂ to the top eigenvector.
    let v = if b != 0.0 {
        [top - c, b]
    } else if a >= c {
        [1.0, 0.0]
    } else {
        [0.0, 1.0]
    };
    let g = landscape.grad(last);
    let along = (v[0] * g[0] + v[1] * g[1]).abs() / v[0].hypot(v[1]);
    let g0 = landscape.grad(first);
    (along > 1e-12 * g0[0].hypot(g0[1])).then_some(hint)
}

#[cfg(test)]
mod tests {
    use super::super::tests::hints;
    use super::super::{diagnose, Diagnosis, Health, Hint};
    use crate::run::simulate;
    use crate::scene::Scene;

    #[test]
    fn just_beyond_the_bound_a_falling_loss_is_still_told_it_diverges() {
        // GD η = 0.501 on the seed's bowl: x2 ×(−1.004) a step, 2 → 2.166
        // in 20 steps, while x1's descent keeps the loss falling (10.5 → 9.4).
        let bowl = |start: &str, opts: &str| {
            format!(
                r#"{{"landscape": {{"kind": "quadratic", "a": 0.1, "b": 2}}, "start": {start}, "steps": 20, "convention": "d2l", "optimizers": [{opts}]}}"#
            )
        };
        let json = bowl(
            "[-5, -2]",
            r#"{"kind": "gd", "lr": 0.501}, {"kind": "momentum", "lr": 0.76, "gamma": 0.5}, {"kind": "gd", "lr": 0.499}"#,
        );
        let s = Scene::from_json(&json).unwrap();
        let runs = simulate(&s).unwrap();
        let d: Vec<Diagnosis> = runs.iter().map(|r| diagnose(&s.landscape, r)).collect();
        assert!(runs[0].loss.last().unwrap() < &runs[0].loss[0]);
        assert_eq!(d[0].health, Health::Ok);
        assert!(
            matches!(d[0].hint, Some(Hint::GdUnstable { lr, bound, .. }) if lr == 0.501 && bound == 0.5),
            "{:?}",
            d[0]
        );
        assert!(
            matches!(d[1].hint, Some(Hint::Momentum { .. })),
            "{:?}",
            d[1]
        );
        assert_eq!(d[2].hint, None, "inside the bound");
        // Nothing along the steepest axis: x2 stays 0, the run converges.
        let flat = hints(&bowl("[-5, 0]", r#"{"kind": "gd", "lr": 0.501}"#));
        assert_eq!(flat, vec![None]);
        // Rotated: the steepest axis is not x2; the same holds.
        let rot = hints(
            r#"{"landscape": {"kind": "quadratic", "a": 0.1, "b": 2, "rotation": 30}, "start": [-5, -2], "steps": 20, "optimizers": [{"kind": "gd", "lr": 0.501}]}"#,
        );
        assert!(matches!(rot[0], Some(Hint::GdUnstable { .. })), "{rot:?}");
    }

    #[test]
    fn a_bound_hint_offers_lambda_0_only_where_the_run_then_converges() {
        // GD η = 0.401 with λ = 1 on the seed's bowl: η·(L + λ) = 2.005 > 2,
        // but η·L = 1.604: λ below 2/η − L = 0.98753… (or 0) brings it back.
        // At η = 0.6 even λ = 0 is past 2/L; momentum and Nesterov with λ
        // the same way against their bounds; dampening τ scales h. On the
        // bound because of λ (GD η = 0.4, λ = 1: 0.4·5 = 2), λ = 0 too.
        let bowl = |opt: &str| {
            format!(
                r#"{{"landscape": {{"kind": "quadratic", "a": 0.1, "b": 2}}, "start": [-5, -2], "steps": 60, "convention": "d2l", "optimizers": [{opt}]}}"#
            )
        };
        for (opt, works) in [
            (r#"{"kind": "gd", "lr": 0.401, "lambda": 1}"#, true),
            (r#"{"kind": "gd", "lr": 0.6, "lambda": 1}"#, false),
            (
                r#"{"kind": "momentum", "lr": 0.6, "gamma": 0.5, "lambda": 1.5}"#,
                true,
            ),
            (
                r#"{"kind": "momentum", "lr": 1, "gamma": 0.5, "lambda": 1, "dampening": 0.2}"#,
                false,
            ),
            (
                r#"{"kind": "momentum", "lr": 0.33, "gamma": 0.5, "lambda": 1, "nesterov": true}"#,
                true,
            ),
            (r#"{"kind": "gd", "lr": 0.4, "lambda": 1}"#, true),
        ] {
            let json = bowl(opt);
            let h = hints(&json)[0].unwrap_or_else(|| panic!("{opt}: no hint"));
            assert!(
                h.lr_bound().is_some() || matches!(h, Hint::AtEdge { .. }),
                "{opt}: {h:?}"
            );
            assert_eq!(h.works_without_decay(), works, "{opt}: {h:?}");
            assert_eq!(h.coupled_lambda_max().is_some(), works, "{opt}: {h:?}");
            // What the button promises, run: with λ = 0 it converges.
            let s = Scene::from_json(&zero_lambda(&json)).unwrap();
            let t = &simulate(&s).unwrap()[0];
            let (first, last) = (t.loss[0], *t.loss.last().unwrap());
            assert_eq!(last < 1e-3 * first, works, "{opt}: {first} → {last}");
        }
        let gd = hints(&bowl(r#"{"kind": "gd", "lr": 0.401, "lambda": 1}"#))[0].unwrap();
        assert!((gd.coupled_lambda_max().unwrap() - (2.0 / 0.401 - 4.0)).abs() < 1e-12);
    }

    /// The scene with its optimizer's λ set to 0.
    fn zero_lambda(json: &str) -> String {
        let mut v: serde_json::Value = serde_json::from_str(json).unwrap();
        v["optimizers"][0]["lambda"] = 0.into();
        v.to_string()
    }

    #[test]
    fn a_loss_up_inside_the_bound_is_a_slow_start_not_divergence() {
        // Heavy ball γ = 0.95, η = 0.9 on the seed's bowl: ρ = 0.975, the
        // loss 10.5 → 28 in 20 steps, 0.018 at step 100.
        let json = |steps: usize| {
            format!(
                r#"{{"landscape": {{"kind": "quadratic", "a": 0.1, "b": 2}}, "start": [-5, -2], "steps": {steps}, "convention": "d2l", "optimizers": [{{"kind": "momentum", "lr": 0.9, "gamma": 0.95}}, {{"kind": "momentum", "lr": 1.0, "gamma": 0.95}}]}}"#
            )
        };
        let s = Scene::from_json(&json(20)).unwrap();
        let runs = simulate(&s).unwrap();
        assert!(runs[0].loss[20] > 2.0 * runs[0].loss[0]);
        let d = diagnose(&s.landscape, &runs[0]);
        assert_eq!(d.health, Health::Ok);
        match d.hint {
            Some(Hint::Slow {
                rho, bound, lr_l, ..
            }) => {
                assert!((rho - 0.975).abs() < 1e-3, "{rho}");
                assert_eq!(bound, 3.9);
                assert!((lr_l - 3.6).abs() < 1e-12);
            }
            other => panic!("{other:?}"),
        }
        // Beyond the bound (η·L = 4 > 3.9): the bound's message.
        assert!(matches!(
            diagnose(&s.landscape, &runs[1]).hint,
            Some(Hint::Momentum { .. })
        ));
        // And it does converge.
        let long = simulate(&Scene::from_json(&json(300)).unwrap()).unwrap();
        assert!(long[0].loss[300] < 1e-3);
    }

    #[test]
    fn a_rate_on_the_stability_bound_is_named_not_called_converging() {
        // The bowl's L = 4: GD's bound 0.5, heavy ball γ = 0.5's 0.75,
        // Nesterov γ = 0.5's 0.375. On it the steepest axis flips forever.
        let bowl = |opts: &str| {
            format!(
                r#"{{"landscape": {{"kind": "quadratic", "a": 0.1, "b": 2}}, "start": [-5, -2], "steps": 40, "convention": "d2l", "optimizers": [{opts}]}}"#
            )
        };
        let on = hints(&bowl(
            r#"{"kind": "gd", "lr": 0.5}, {"kind": "momentum", "lr": 0.75, "gamma": 0.5}, {"kind": "momentum", "lr": 0.375, "gamma": 0.5, "nesterov": true}"#,
        ));
        let bounds = [2.0, 3.0, 1.5];
        for (i, h) in on.iter().enumerate() {
            match h {
                Some(Hint::AtEdge { lr, l, bound, .. }) => {
                    assert_eq!(*l, 4.0);
                    assert_eq!(*bound, bounds[i]);
                    assert_eq!(*lr, [0.5, 0.75, 0.375][i]);
                }
                other => panic!("run {i}: {other:?}"),
            }
        }
        let s = Scene::from_json(&bowl(
            r#"{"kind": "gd", "lr": 0.5}, {"kind": "momentum", "lr": 0.75, "gamma": 0.5}"#,
        ))
        .unwrap();
        let runs = simulate(&s).unwrap();
        let r = &runs[0];
        assert_eq!(diagnose(&s.landscape, r).health, Health::Ok);
        // Heavy ball's swing settles wider than it started: not diverging.
        let m = &runs[1];
        assert!(m.loss.last().unwrap() > &(2.0 * m.loss[0]));
        assert_eq!(diagnose(&s.landscape, m).health, Health::Ok);
        // The zig-zag does not die out: x2 is ±2 at the end.
        assert_eq!(r.points.last().unwrap()[1].abs(), 2.0);
        // Just inside, just outside, under a schedule: no such hint.
        let off = hints(&bowl(
            r#"{"kind": "gd", "lr": 0.49}, {"kind": "momentum", "lr": 0.7, "gamma": 0.5}, {"kind": "gd", "lr": 0.5, "schedule": {"kind": "step", "step_size": 100, "gamma": 0.5}}"#,
        ));
        assert_eq!(off, vec![None, None, None]);
        assert!(matches!(
            hints(&bowl(r#"{"kind": "gd", "lr": 0.51}"#))[0],
            Some(Hint::GdUnstable { .. })
        ));
        // Not the plain update on the bound: weight decay (grows),
        // dampening (converges), a start on the flat axis (no zig-zag).
        let h = hints(&bowl(
            r#"{"kind": "gd", "lr": 0.5, "lambda": 0.1}, {"kind": "momentum", "lr": 0.75, "gamma": 0.5, "dampening": 0.5}"#,
        ));
        assert!(
            !h.iter().any(|h| matches!(h, Some(Hint::AtEdge { .. }))),
            "{h:?}"
        );
        let flat = r#"{"landscape": {"kind": "quadratic", "a": 0.1, "b": 2}, "start": [-5, 0], "steps": 100, "optimizers": [{"kind": "gd", "lr": 0.5}]}"#;
        assert_eq!(hints(flat), vec![None]);
    }
}
