//! Scene → trajectories.
//!
//! Every optimizer of a scene starts at `start` and takes up to `steps`
//! steps. `points[0]` is the start and `points[t]` the position after step t;
//! `loss[t] = f(points[t])`; `states[t-1]` is the optimizer's state after
//! step t (when recorded). A run stops as *diverged at step k* at the first step k whose
//! position is non-finite or beyond 1e12 in any coordinate, or whose loss,
//! gradient or state is non-finite; the last finite point is kept and no NaN
//! or infinity ever leaves the core.

use crate::landscape::Landscape;
use crate::noise::Gaussian;
use crate::optim::{OptSpec, StateField};
use crate::scene::Scene;
use crate::Vec2;

/// Beyond this magnitude a coordinate counts as diverged.
pub const DIVERGENCE_BOUND: f64 = 1e12;

/// Why a run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stop {
    /// All requested steps were taken.
    Completed,
    /// Step `step` (1-based) left the finite world; `points` ends just before it.
    Diverged {
        /// The first bad step.
        step: usize,
    },
}

/// The optimizer's state after one step.
#[derive(Debug, Clone, PartialEq)]
pub struct StepState {
    /// The gradient used (noise included).
    pub grad: Vec2,
    /// The effective per-coordinate learning rate (η, η/√(s+ε), …).
    pub lr_eff: Vec2,
    /// The named state vectors (v, s, m, v, m̂, v̂, …).
    pub fields: Vec<StateField>,
}

/// One optimizer's run.
#[derive(Debug, Clone, PartialEq)]
pub struct Trajectory {
    /// What ran.
    pub spec: OptSpec,
    /// points[t] after step t.
    pub points: Vec<Vec2>,
    /// f at every point.
    pub loss: Vec<f64>,
    /// states[t-1] after step t.
    pub states: Vec<StepState>,
    /// Completed or diverged.
    pub stop: Stop,
}

/// A failure to run a scene (a hyper-parameter out of range), as a scene
/// error naming the field (`gradscape_text::errors::run_error` words it).
#[derive(Debug, Clone, PartialEq)]
pub struct RunError(pub crate::scene::SceneError);

fn finite2(v: Vec2) -> bool {
    v[0].is_finite() && v[1].is_finite()
}

fn in_bounds(p: Vec2) -> bool {
    finite2(p) && p[0].abs() <= DIVERGENCE_BOUND && p[1].abs() <= DIVERGENCE_BOUND
}

/// Run one optimizer on a surface, recording its state at every step.
pub fn run_one(
    landscape: &Landscape,
    spec: &OptSpec,
    scene: &Scene,
) -> Result<Trajectory, RunError> {
    run_one_with(landscape, spec, scene, true)
}

/// Run one optimizer; with `record_states` false, `states` stays empty (the
/// page's replays of up to 100 000 steps need only points and losses).
pub fn run_one_with(
    landscape: &Landscape,
    spec: &OptSpec,
    scene: &Scene,
    record_states: bool,
) -> Result<Trajectory, RunError> {
    let mut opt = spec
        .build(scene.convention)
        .map_err(|e| RunError(e.into()))?;
    let mut noise = Gaussian::new(scene.noise.seed);
    let sigma = scene.noise.sigma;
    let mut x = scene.start;
    let f0 = landscape.value(x);
    let mut points = Vec::with_capacity(scene.steps + 1);
    let mut loss = Vec::with_capacity(scene.steps + 1);
    let mut states = Vec::with_capacity(if record_states { scene.steps } else { 0 });
    if !in_bounds(x) || !f0.is_finite() {
        return Ok(Trajectory {
            spec: *spec,
            points,
            loss,
            states,
            stop: Stop::Diverged { step: 0 },
        });
    }
    points.push(x);
    loss.push(f0);
    let mut stop = Stop::Completed;
    let mut fields = Vec::new();
    for t in 1..=scene.steps {
        let mut g = landscape.grad(x);
        if sigma > 0.0 {
            g[0] += sigma * noise.sample();
            g[1] += sigma * noise.sample();
        }
        let mut nx = x;
        opt.step(&mut nx, g);
        let f = landscape.value(nx);
        fields.clear();
        opt.state(&mut fields);
        let lr_eff = opt.lr_eff();
        let ok = finite2(g)
            && in_bounds(nx)
            && f.is_finite()
            && finite2(lr_eff)
            && fields.iter().all(|s| finite2(s.value));
        if !ok {
            stop = Stop::Diverged { step: t };
            break;
        }
        x = nx;
        points.push(x);
        loss.push(f);
        if record_states {
            states.push(StepState {
                grad: g,
                lr_eff,
                fields: fields.clone(),
            });
        }
    }
    Ok(Trajectory {
        spec: *spec,
        points,
        loss,
        states,
        stop,
    })
}

/// Run every optimizer of a scene, recording every step's state.
pub fn simulate(scene: &Scene) -> Result<Vec<Trajectory>, RunError> {
    simulate_with(scene, true)
}

/// Run every optimizer of a scene; `record_states` as in [`run_one_with`].
pub fn simulate_with(scene: &Scene, record_states: bool) -> Result<Vec<Trajectory>, RunError> {
    scene
        .optimizers
        .iter()
        .enumerate()
        .map(|(i, spec)| {
            run_one_with(&scene.landscape, spec, scene, record_states)
                .map_err(|e| RunError(e.0.under(&format!("optimizers[{i}]"))))
        })
        .collect()
}
