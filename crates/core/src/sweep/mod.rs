//! Sweeps: where does it diverge?
//!
//! **The η sweep** ([`lr_sweep`]) runs one optimizer of a scene at every
//! learning rate of [`lr_grid`] — 1e-4 to 10 with two significant digits
//! (1e-4, 1.1e-4, …, 0.49, 0.5, 0.51, …, 9.9, 10: 451 values), the numbers a
//! teacher would type — with everything else as in the scene (surface,
//! start, convention, noise, the other hyper-parameters). The steps are the
//! scene's, capped by [`sweep_steps`] so that a sweep stays interactive.
//!
//! Each run ends in one [`Outcome`]: **diverged** when the core stopped it
//! (a coordinate beyond 1e12 or a non-finite value, as in [`crate::run`]),
//! **grew** when it completed with its final loss *above the loss at the
//! start*, **ok** otherwise. The edge ([`Edge`]) is the smallest η of the grid
//! that grew or diverged, with the grid's η just below it (which did not).
//! The criterion is deliberately the one a student can see on the chart
//! (final loss above the dashed line of f(start)); for GD on the seed's bowl
//! (20 steps) it puts the edge between η = 0.5 and 0.51, i.e. at 2/L = 0.5.
//! Close to the edge a run grows slowly (η = 0.501 multiplies x2 by 1.004
//! per step) and 20 steps may not show it; the grid's nearest neighbours of
//! 0.5 (0.49 and 0.51) are far enough to be unambiguous, and on a quadratic
//! [`stability_bound`] gives the exact bound too.
//!
//! **The momentum map** ([`rate_map()`], in [`rate_map`](mod@rate_map)): the
//! convergence rate of momentum on a quadratic over (η, γ), exactly.
//!
//! The explainer's chart numbers live here too: the η chart's axes
//! ([`lr_chart`]) and the map's colours and clicks ([`map_chart`]).

pub mod lr_chart;
pub mod map_chart;
pub mod rate_map;

pub use rate_map::{
    axis_rate, coupled_curvatures, edge_curve, edge_eta, has_minimum, map_target, momentum_rate,
    quadratic_curvatures, rate_map, spectral_radius, Coupling, MomentumForm, RateMap,
};

use crate::optim::OptSpec;
use crate::run::{run_one_with, RunError, Stop, Trajectory, Walker};
use crate::scene::Scene;

/// The most steps a sweep run takes (a scene may ask for 100 000).
pub const SWEEP_MAX_STEPS: usize = 1000;

/// The most optimizer steps one η sweep of the whole scene may take in all
/// (fewer steps per run when the scene has many optimizers).
pub const SWEEP_BUDGET: usize = 1_000_000;

/// The fewest steps per run the budget may leave (if the scene has that many).
pub const SWEEP_MIN_STEPS: usize = 50;

/// Learning rates from 1e-4 to 10 with two significant digits, ascending.
pub fn lr_grid() -> Vec<f64> {
    let mut g = Vec::with_capacity(451);
    for decade in -4i32..=0 {
        // m/10^(1−decade) is correctly rounded: 51/100 is the double of 0.51.
        let den = 10f64.powi(1 - decade);
        for m in 10..=99 {
            g.push(m as f64 / den);
        }
    }
    g.push(10.0);
    g
}

/// The steps each sweep run takes for a scene with `n_opts` optimizers:
/// the scene's steps, at most [`SWEEP_MAX_STEPS`], and at most what keeps the
/// whole sweep within [`SWEEP_BUDGET`] (but not below [`SWEEP_MIN_STEPS`]).
pub fn sweep_steps(scene_steps: usize, n_opts: usize, grid_len: usize) -> usize {
    let per_run = SWEEP_BUDGET / (grid_len.max(1) * n_opts.max(1));
    scene_steps.min(per_run.clamp(SWEEP_MIN_STEPS, SWEEP_MAX_STEPS))
}

/// How one run of a sweep ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Completed, final loss not above the loss at the start.
    Ok,
    /// Completed, but the final loss is above the loss at the start.
    Grew,
    /// Stopped by the core at this step (0: f is not defined at the start).
    Diverged {
        /// The first bad step.
        step: usize,
    },
}

impl Outcome {
    /// Grew or diverged.
    pub fn is_bad(self) -> bool {
        self != Outcome::Ok
    }

    /// A short name for the page (`ok`, `grew`, `diverged`).
    pub fn name(self) -> &'static str {
        match self {
            Outcome::Ok => "ok",
            Outcome::Grew => "grew",
            Outcome::Diverged { .. } => "diverged",
        }
    }
}

/// The outcome of a run (see the module documentation for the criterion).
pub fn outcome(t: &Trajectory) -> Outcome {
    Outcome::of(t.stop, t.loss.first().copied(), t.loss.last().copied())
}

impl Outcome {
    /// How a run that stopped as `stop`, with loss `first` at its start and
    /// `last` at its end, ended.
    fn of(stop: Stop, first: Option<f64>, last: Option<f64>) -> Outcome {
        match stop {
            // A run a block stopped (Newton's singular Hessian) has no final
            // loss either: the band of stopped runs holds it.
            Stop::Diverged { step } | Stop::Fault { step, .. } => Outcome::Diverged { step },
            Stop::Completed => match (first, last) {
                (Some(first), Some(last)) if last > first => Outcome::Grew,
                _ => Outcome::Ok,
            },
        }
    }
}

/// How `spec` on `scene` ends, run without recording its points (a rerun
/// that needs only that: half the time of Adam's): its [`outcome`], and how
/// far its loss fell, first − last (NaN without a last loss).
pub fn ending(scene: &Scene, spec: &OptSpec) -> Result<(Outcome, f64), RunError> {
    let land = &scene.landscape;
    let mut walk = Walker::new(land, spec, scene)?;
    let first = walk.stopped_at().is_none().then(|| land.value(scene.start));
    let mut last = first;
    while walk.steps() < scene.steps {
        match walk.advance(land) {
            Some(s) => last = Some(s.loss),
            None => break,
        }
    }
    let fell = match (first, last) {
        (Some(a), Some(b)) => a - b,
        _ => f64::NAN,
    };
    Ok((Outcome::of(walk.stop(), first, last), fell))
}

/// One run of an η sweep.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LrPoint {
    /// The learning rate.
    pub lr: f64,
    /// The last finite loss of the run (`None` when f is not defined at the start).
    pub final_loss: Option<f64>,
    /// How it ended.
    pub outcome: Outcome,
}

/// Where the runs start to go wrong.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Edge {
    /// The smallest η of the grid that grew or diverged.
    pub first_bad: f64,
    /// The grid's η just below it (which did not), if any.
    pub last_ok: Option<f64>,
    /// The grid's η above `first_bad` that did not go wrong: how many of
    /// how many, and the largest. A loss that is not monotone in η (a
    /// quartic, a chaotic RMSProp) recovers above its first bad η; the
    /// words must not say "every η from here on diverges" then.
    pub recovers: Option<Recovers>,
}

/// The η above a sweep's first bad one that did not go wrong.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Recovers {
    /// How many of them.
    pub ok: usize,
    /// Of how many η above the first bad one.
    pub of: usize,
    /// The largest of them.
    pub largest: f64,
}

/// The η sweep of one optimizer of a scene.
#[derive(Debug, Clone, PartialEq)]
pub struct LrSweep {
    /// Its index in the scene.
    pub index: usize,
    /// The optimizer as the scene has it (its η is the one marked).
    pub spec: OptSpec,
    /// f at the start.
    pub initial_loss: Option<f64>,
    /// One point per η of the grid, ascending.
    pub points: Vec<LrPoint>,
    /// The first η that grew or diverged; `None` when none did.
    pub edge: Option<Edge>,
    /// The exact stability bound on η, when the theory knows it.
    pub theory: Option<f64>,
    /// Steps per run.
    pub steps: usize,
}

/// The exact bound on η (GD and momentum on a bowl) lives in [`crate::theory`].
pub use crate::theory::stability_bound;

/// Sweep η for optimizer `index` of `scene` over `grid` (ascending), each
/// run taking `steps` steps.
pub fn lr_sweep(
    scene: &Scene,
    index: usize,
    grid: &[f64],
    steps: usize,
) -> Result<LrSweep, RunError> {
    let spec = *scene.optimizers.get(index).ok_or_else(|| {
        RunError(crate::scene::SceneError::new(
            "",
            crate::scene::Problem::NoOptimizer { index },
        ))
    })?;
    let mut capped = scene.clone();
    capped.steps = steps;
    let f0 = scene.landscape.value(scene.start);
    let initial_loss = f0.is_finite().then_some(f0);
    let mut points = Vec::with_capacity(grid.len());
    for &lr in grid {
        let mut s = spec;
        s.hyper.lr = lr;
        let t = run_one_with(&scene.landscape, &s, &capped, false)
            .map_err(|e| RunError(e.0.under(&format!("optimizers[{index}]"))))?;
        points.push(LrPoint {
            lr,
            final_loss: t.loss.last().copied(),
            outcome: outcome(&t),
        });
    }
    let edge = points.iter().position(|p| p.outcome.is_bad()).map(|k| {
        let above = &points[k + 1..];
        let ok: Vec<f64> = above
            .iter()
            .filter(|p| !p.outcome.is_bad())
            .map(|p| p.lr)
            .collect();
        Edge {
            first_bad: points[k].lr,
            last_ok: k.checked_sub(1).map(|j| points[j].lr),
            recovers: ok.last().map(|&largest| Recovers {
                ok: ok.len(),
                of: above.len(),
                largest,
            }),
        }
    });
    Ok(LrSweep {
        index,
        spec,
        initial_loss,
        points,
        edge,
        theory: stability_bound(&scene.landscape, &spec),
        steps,
    })
}

/// The scene as the η sweep sees it: η does not matter (it is swept), nor
/// does the window; two scenes with equal keys have equal sweeps.
pub fn sweep_key(scene: &Scene) -> Scene {
    let mut s = scene.clone();
    s.view = None;
    for o in &mut s.optimizers {
        o.hyper.lr = 1.0;
    }
    s
}

/// The η sweep of every optimizer of a scene, over [`lr_grid`], with the
/// steps of [`sweep_steps`].
pub fn lr_sweeps(scene: &Scene) -> Result<Vec<LrSweep>, RunError> {
    let grid = lr_grid();
    let steps = sweep_steps(scene.steps, scene.optimizers.len(), grid.len());
    (0..scene.optimizers.len())
        .map(|i| lr_sweep(scene, i, &grid, steps))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bowl(steps: usize, conv: &str, opt: &str) -> Scene {
        Scene::from_json(&format!(
            r#"{{"landscape": {{"kind": "quadratic", "a": 0.1, "b": 2}}, "start": [-5, -2], "steps": {steps}, "convention": "{conv}", "optimizers": [{opt}]}}"#
        ))
        .unwrap()
    }

    #[test]
    fn a_rerun_without_its_points_ends_as_the_recorded_run() {
        // Completed, grew, diverged, stopped at the start, a block's fault,
        // a schedule and noise: ending says what outcome of the run says.
        let scenes = [
            r#"{"steps": 30, "optimizers": [{"kind": "gd", "lr": 0.4}, {"kind": "gd", "lr": 0.6}, {"kind": "gd", "lr": 3}, {"kind": "adam", "lr": 0.5}]}"#,
            r#"{"landscape": {"kind": "rosenbrock"}, "start": [-1.5, 2], "steps": 200, "noise": {"sigma": 0.5, "seed": 3}, "optimizers": [{"kind": "gd", "lr": 0.01}, {"kind": "adam", "lr": 4.7}, {"kind": "adamw", "lr": 0.1, "lambda": 25}]}"#,
            r#"{"landscape": {"kind": "expr", "expr": "log(x) + y^2"}, "start": [-1, 1], "steps": 5, "optimizers": [{"kind": "gd", "lr": 0.1}]}"#,
            r#"{"landscape": {"kind": "expr", "expr": "sqrt(x) + y^2"}, "start": [1, 1], "steps": 40, "optimizers": [{"kind": "gd", "lr": 5}, {"kind": "newton"}]}"#,
            r#"{"steps": 40, "convention": "pytorch", "optimizers": [{"kind": "gd", "lr": 0.3, "schedule": {"kind": "cyclic", "max_lr": 1.2, "step_size_up": 4, "cycle_momentum": false}}]}"#,
        ];
        let mut seen = std::collections::HashSet::new();
        for json in scenes {
            let s = Scene::from_json(json).unwrap();
            for spec in &s.optimizers {
                let t = run_one_with(&s.landscape, spec, &s, false).unwrap();
                let (o, fell) = ending(&s, spec).unwrap();
                assert_eq!(o, outcome(&t), "{json} {spec:?}");
                if let (Some(a), Some(b)) = (t.loss.first(), t.loss.last()) {
                    assert_eq!(fell.to_bits(), (a - b).to_bits(), "{json} {spec:?}");
                }
                seen.insert(outcome(&t).name());
            }
        }
        assert_eq!(seen.len(), 3, "{seen:?}");
    }

    #[test]
    fn the_grid_has_two_significant_digits_and_holds_the_seeds_rates() {
        let g = lr_grid();
        assert_eq!(g.len(), 451);
        assert_eq!((g[0], g[1], g[450]), (1e-4, 1.1e-4, 10.0));
        assert!(g.windows(2).all(|w| w[0] < w[1]));
        for want in [0.4, 0.49, 0.5, 0.51, 0.6, 1e-3, 0.01] {
            assert!(g.contains(&want), "{want}");
        }
    }

    #[test]
    fn gd_on_the_seed_bowl_diverges_from_two_over_l() {
        // The seed's bowl, 20 steps, d2l: L = 4, 2/L = 0.5.
        let s = bowl(20, "d2l", r#"{"kind": "gd", "lr": 0.4}"#);
        let sw = &lr_sweeps(&s).unwrap()[0];
        assert_eq!(sw.steps, 20);
        assert_eq!(sw.theory, Some(0.5));
        for p in &sw.points {
            if p.lr <= 0.5 {
                assert_eq!(p.outcome, Outcome::Ok, "η = {} should not grow", p.lr);
                assert!(p.final_loss.unwrap() <= sw.initial_loss.unwrap());
            } else {
                assert!(p.outcome.is_bad(), "η = {} should grow", p.lr);
            }
        }
        assert_eq!(
            sw.edge,
            Some(Edge {
                first_bad: 0.51,
                last_ok: Some(0.5),
                recovers: None,
            })
        );
        // η = 0.6 is the seed's diverging figure: it grew (x2 ≈ −1673) but
        // stayed finite; η = 10 leaves the finite world.
        let at = |lr: f64| sw.points.iter().find(|p| p.lr == lr).unwrap().outcome;
        assert_eq!(at(0.6), Outcome::Grew);
        assert!(matches!(at(10.0), Outcome::Diverged { .. }));
        // The same in the pytorch convention (GD is the same update there).
        let s = bowl(20, "pytorch", r#"{"kind": "gd", "lr": 0.4}"#);
        let sw = &lr_sweeps(&s).unwrap()[0];
        assert_eq!(
            sw.edge.map(|e| (e.last_ok, e.first_bad)),
            Some((Some(0.5), 0.51))
        );
    }

    #[test]
    fn the_momentum_sweep_edge_is_the_theory_given_enough_steps() {
        // η·L < 2(1 + γ): γ = 0.5 → η < 0.75; Nesterov: η < 3/(2·4) = 0.375.
        for (opt, bound) in [
            (r#"{"kind": "momentum", "lr": 0.4, "gamma": 0.5}"#, 0.75),
            (
                r#"{"kind": "momentum", "lr": 0.4, "gamma": 0.5, "nesterov": true}"#,
                0.375,
            ),
        ] {
            for conv in ["d2l", "pytorch"] {
                let s = bowl(400, conv, opt);
                let sw = &lr_sweeps(&s).unwrap()[0];
                assert_eq!(sw.steps, 400);
                assert!((sw.theory.unwrap() - bound).abs() < 1e-12);
                let e = sw.edge.unwrap();
                // Adjacent grid values around the bound (at ρ = 1 exactly a
                // run neither converges nor grows: either side is right).
                assert!(
                    e.last_ok.unwrap() <= bound && bound <= e.first_bad,
                    "{conv} {opt}: {e:?}"
                );
            }
        }
    }

    #[test]
    fn an_edge_says_where_larger_rates_recover() {
        // A student's quartic (a trial): RMSProp's final loss is not
        // monotone in η; above its first bad η, 0.75, 39 of the 115 larger
        // rates end lower than they start, the largest 2.6 (the README's
        // numbers).
        let s = Scene::from_json(
            r#"{"landscape": {"kind": "expr", "expr": "x^4 + y^2 - x*y"},
                "start": [-1.088, -0.3303], "steps": 100, "convention": "d2l",
                "optimizers": [{"kind": "rmsprop", "lr": 0.4}]}"#,
        )
        .unwrap();
        let sw = &lr_sweeps(&s).unwrap()[0];
        let e = sw.edge.expect("some η goes wrong");
        let r = e.recovers.expect("larger η recover");
        let above: Vec<_> = sw.points.iter().filter(|p| p.lr > e.first_bad).collect();
        assert_eq!(r.of, above.len());
        assert_eq!(r.ok, above.iter().filter(|p| !p.outcome.is_bad()).count());
        assert!(r.ok > 0 && r.ok <= r.of);
        let largest = above.iter().rev().find(|p| !p.outcome.is_bad()).unwrap();
        assert_eq!(r.largest, largest.lr);
        assert_eq!((e.first_bad, r.ok, r.of, r.largest), (0.75, 39, 115, 2.6));
    }

    #[test]
    fn sweep_steps_are_capped() {
        assert_eq!(sweep_steps(20, 2, 451), 20);
        assert_eq!(sweep_steps(100_000, 1, 451), SWEEP_MAX_STEPS);
        assert_eq!(sweep_steps(100_000, 16, 451), 138);
        assert_eq!(sweep_steps(100_000, 1000, 451), SWEEP_MIN_STEPS);
    }

    #[test]
    fn adaptive_optimizers_and_other_surfaces_sweep_without_nan() {
        for land in [
            r#"{"kind": "rosenbrock"}"#,
            r#"{"kind": "saddle"}"#,
            r#"{"kind": "expr", "expr": "ln(x)"}"#,
        ] {
            let s = Scene::from_json(&format!(
                r#"{{"landscape": {land}, "steps": 30, "optimizers": [{{"kind": "adam"}}, {{"kind": "adagrad"}}, {{"kind": "gd"}}]}}"#
            ))
            .unwrap();
            for sw in lr_sweeps(&s).unwrap() {
                assert_eq!(sw.points.len(), 451);
                assert!(sw.theory.is_none());
                for p in &sw.points {
                    assert!(p.final_loss.is_none_or(f64::is_finite));
                }
            }
        }
    }

    #[test]
    fn the_sweep_key_ignores_eta_and_the_window_only() {
        let s = bowl(
            20,
            "d2l",
            r#"{"kind": "momentum", "lr": 0.4, "gamma": 0.5}"#,
        );
        let mut t = s.clone();
        t.optimizers[0].hyper.lr = 0.1;
        t.view = Some(crate::landscape::View {
            x0: -1.0,
            x1: 1.0,
            y0: -1.0,
            y1: 1.0,
        });
        assert_eq!(sweep_key(&s), sweep_key(&t));
        t.optimizers[0].hyper.gamma = 0.6;
        assert_ne!(sweep_key(&s), sweep_key(&t));
    }
}
