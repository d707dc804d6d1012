//! Scene → trajectories.
//!
//! Every optimizer of a scene starts at `start` and takes up to `steps`
//! steps. `points[0]` is the start and `points[t]` the position after step t;
//! `loss[t] = f(points[t])`; `states[t-1]` is the optimizer's state after
//! step t (when recorded). A run stops as *diverged at step k* at the first step k whose
//! position is non-finite or beyond 1e12 in any coordinate, or whose loss,
//! gradient or state is non-finite; the last finite point is kept and no NaN
//! or infinity ever leaves the core. A run stops as *faulted at step k* when a
//! block cannot take step k ([`crate::optim::Block::fault`]: Newton's
//! singular or non-finite Hessian); the step is not taken.

use crate::landscape::Landscape;
use crate::noise::Gaussian;
use crate::optim::{Convention, Fault, OptSpec, Optimizer, StateField};
use crate::scene::Scene;
use crate::schedule::Scheduler;
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
    /// A block could not take step `step` (Newton's singular Hessian);
    /// `points` ends just before it.
    Fault {
        /// The step that could not be taken.
        step: usize,
        /// Why.
        fault: Fault,
    },
}

impl Stop {
    /// The step at which the run stopped early, if it did.
    pub fn step(&self) -> Option<usize> {
        match *self {
            Stop::Completed => None,
            Stop::Diverged { step } | Stop::Fault { step, .. } => Some(step),
        }
    }
}

/// The optimizer's state after one step.
#[derive(Debug, Clone, PartialEq)]
pub struct StepState {
    /// The gradient used (noise included).
    pub grad: Vec2,
    /// The effective per-coordinate learning rate (η, η/√(s+ε), …).
    pub lr_eff: Vec2,
    /// The state vectors (v, s, m, v, m̂, v̂, …), typed by [`crate::optim::StateKey`].
    pub fields: Vec<StateField>,
}

/// One optimizer's run.
#[derive(Debug, Clone, PartialEq)]
pub struct Trajectory {
    /// What ran.
    pub spec: OptSpec,
    /// The scene's convention it ran in: its arithmetic, and the defaults
    /// its label leaves out.
    pub convention: Convention,
    /// points[t] after step t.
    pub points: Vec<Vec2>,
    /// f at every point.
    pub loss: Vec<f64>,
    /// states[t-1] after step t.
    pub states: Vec<StepState>,
    /// lr[t-1]: η_t, the rate step t used (the optimizer's η throughout
    /// without a schedule).
    pub lr: Vec<f64>,
    /// momentum[t-1]: the γ or β1 step t used when a schedule cycles it
    /// (`cyclic`, `one_cycle`); empty otherwise.
    pub momentum: Vec<f64>,
    /// Completed, diverged or faulted.
    pub stop: Stop,
    /// The step that left the finite world, for a diverged run: what the
    /// last point does not show.
    pub left: Option<Left>,
}

/// The step a diverged run did not keep: the rate it used (under a
/// schedule, not in [`Trajectory::lr`]) and f where it landed (a line
/// search's leap down a saddle to |x| ≈ 4e12: f ≈ −1.8e25, finite; NaN or
/// ±∞ where f is not).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Left {
    /// η_t of that step.
    pub lr: f64,
    /// f at the point it reached.
    pub loss: f64,
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

/// One step a [`Walker`] took.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Step {
    /// The step's number t (1-based).
    pub t: usize,
    /// The gradient used (noise included).
    pub grad: Vec2,
    /// x_t, where the step ended.
    pub x: Vec2,
    /// f(x_t).
    pub loss: f64,
    /// The chain's effective rate at this step.
    pub lr_eff: Vec2,
    /// η_t, the rate this step used (its schedule's, or η).
    pub lr: f64,
    /// The γ or β1 this step used, when a schedule cycles it.
    pub momentum: Option<f64>,
}

/// One optimizer walking a surface: the one step loop, with the stop rule,
/// for [`run_one_with`] and the state inspector alike. It keeps the
/// optimizer's state after the last good step (a bad step leaves it as it
/// was) and allocates nothing per step.
pub struct Walker {
    opt: Optimizer,
    /// η_t and the cycled momentum for the next step (torch's scheduler,
    /// stepped after every step with the new loss).
    sched: Scheduler,
    noise: Gaussian,
    sigma: f64,
    x: Vec2,
    t: usize,
    stopped: Option<usize>,
    /// Why, when a block could not take the step.
    fault: Option<Fault>,
    /// The step that left the finite world, when one did.
    left: Option<Left>,
    fields: Vec<StateField>,
    scratch: Vec<StateField>,
}

impl Walker {
    /// `spec` at the scene's start, with the scene's noise and convention.
    /// A start outside the finite world or the surface's domain is stopped
    /// at step 0.
    /// A schedule that does not fit (see [`crate::schedule::Schedule::check`])
    /// is an error at `schedule.<arg>`.
    pub fn new(landscape: &Landscape, spec: &OptSpec, scene: &Scene) -> Result<Walker, RunError> {
        let mut built = *spec;
        if let Some(s) = &spec.schedule {
            crate::scene::check_schedule(spec, scene.steps).map_err(RunError)?;
            if s.cycles_momentum() && spec.kind.under_cycled_momentum() != spec.kind {
                built.kind = spec.kind.under_cycled_momentum();
                built.hyper.nesterov = false;
            }
        }
        let opt = built
            .build(scene.convention)
            .map_err(|e| RunError(e.into()))?;
        let sched = Scheduler::new(spec.schedule.as_ref(), spec.hyper.lr, scene.steps);
        Ok(Walker::with_scheduler(opt, sched, landscape, scene))
    }

    /// A built optimizer `opt` with the constant rate `lr` at the scene's
    /// start, with the scene's noise (its optimizers are not read): for
    /// chains built from blocks ([`Optimizer::chain`]).
    pub fn with_optimizer(opt: Optimizer, lr: f64, landscape: &Landscape, scene: &Scene) -> Walker {
        Walker::with_scheduler(opt, Scheduler::new(None, lr, scene.steps), landscape, scene)
    }

    fn with_scheduler(
        opt: Optimizer,
        sched: Scheduler,
        landscape: &Landscape,
        scene: &Scene,
    ) -> Walker {
        let x = scene.start;
        let ok = in_bounds(x) && landscape.value(x).is_finite();
        Walker {
            opt,
            sched,
            noise: Gaussian::new(scene.noise.seed),
            sigma: scene.noise.sigma,
            x,
            t: 0,
            stopped: if ok { None } else { Some(0) },
            fault: None,
            left: None,
            fields: Vec::new(),
            scratch: Vec::new(),
        }
    }

    /// Take step t + 1; None (and stopped at it) when it leaves the finite
    /// world or a block cannot take it ([`Walker::fault`]), or when the walk
    /// had already stopped.
    pub fn advance(&mut self, landscape: &Landscape) -> Option<Step> {
        if self.stopped.is_some() {
            return None;
        }
        let t = self.t + 1;
        let mut g = landscape.grad(self.x);
        if self.sigma > 0.0 {
            g[0] += self.sigma * self.noise.sample();
            g[1] += self.sigma * self.noise.sample();
        }
        let mut nx = self.x;
        let (lr, momentum) = (self.sched.lr(), self.sched.momentum());
        self.opt.step(&mut nx, g, lr, momentum, landscape);
        let f = landscape.value(nx);
        self.scratch.clear();
        self.opt.state(&mut self.scratch);
        let lr_eff = self.opt.lr_eff();
        // A non-finite gradient is a divergence whatever a block made of it.
        if finite2(g) {
            if let Some(fault) = self.opt.fault() {
                self.fault = Some(fault);
                self.stopped = Some(t);
                return None;
            }
        }
        let ok = finite2(g)
            && in_bounds(nx)
            && f.is_finite()
            && finite2(lr_eff)
            && self.scratch.iter().all(|s| finite2(s.value));
        if !ok {
            self.stopped = Some(t);
            self.left = Some(Left { lr, loss: f });
            return None;
        }
        std::mem::swap(&mut self.fields, &mut self.scratch);
        self.x = nx;
        self.t = t;
        self.sched.step(f);
        Some(Step {
            t,
            grad: g,
            x: nx,
            loss: f,
            lr_eff,
            lr,
            momentum,
        })
    }

    /// The current point x_t.
    pub fn x(&self) -> Vec2 {
        self.x
    }

    /// Steps taken.
    pub fn steps(&self) -> usize {
        self.t
    }

    /// The step at which the walk stopped (0: the start itself is outside).
    pub fn stopped_at(&self) -> Option<usize> {
        self.stopped
    }

    /// How the walk ended so far: diverged or faulted at the step it stopped
    /// at, else completed.
    pub fn stop(&self) -> Stop {
        match (self.stopped, self.fault) {
            (None, _) => Stop::Completed,
            (Some(step), Some(fault)) => Stop::Fault { step, fault },
            (Some(step), None) => Stop::Diverged { step },
        }
    }

    /// Why a block stopped the walk, when one did.
    pub fn fault(&self) -> Option<Fault> {
        self.fault
    }

    /// The step that left the finite world, when one did.
    pub fn left(&self) -> Option<Left> {
        self.left
    }

    /// η for the next step (what the schedule holds now).
    pub fn next_lr(&self) -> f64 {
        self.sched.lr()
    }

    /// The chain's effective rate at the last step.
    pub fn lr_eff(&self) -> Vec2 {
        self.opt.lr_eff()
    }

    /// The optimizer's state after the last good step (empty before any).
    pub fn fields(&self) -> &[StateField] {
        &self.fields
    }
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
    let mut walk = Walker::new(landscape, spec, scene)?;
    let mut points = Vec::with_capacity(scene.steps + 1);
    let mut loss = Vec::with_capacity(scene.steps + 1);
    let mut states = Vec::with_capacity(if record_states { scene.steps } else { 0 });
    let mut lr = Vec::with_capacity(scene.steps);
    let mut momentum = Vec::new();
    if walk.stopped_at().is_none() {
        points.push(scene.start);
        loss.push(landscape.value(scene.start));
        while walk.steps() < scene.steps {
            let Some(s) = walk.advance(landscape) else {
                break;
            };
            points.push(s.x);
            loss.push(s.loss);
            lr.push(s.lr);
            momentum.extend(s.momentum);
            if record_states {
                states.push(StepState {
                    grad: s.grad,
                    lr_eff: s.lr_eff,
                    fields: walk.fields().to_vec(),
                });
            }
        }
    }
    Ok(Trajectory {
        spec: *spec,
        convention: scene.convention,
        points,
        loss,
        states,
        lr,
        momentum,
        stop: walk.stop(),
        left: walk.left(),
    })
}

/// A scene whose start has no finite f (`ln(x)` from x < 0) is refused at
/// `start`: its runs would have no first point, where the simulation
/// output promises `points[0]` = the start (the CLI refuses it; the page
/// draws it and explains, see [`crate::diagnose::Hint::UndefinedStart`]).
pub fn check_start(scene: &Scene) -> Result<(), RunError> {
    let [x, y] = scene.start;
    if in_bounds(scene.start) && scene.landscape.value(scene.start).is_finite() {
        Ok(())
    } else {
        Err(RunError(crate::scene::SceneError::new(
            "start",
            crate::scene::Problem::UndefinedStart { x, y },
        )))
    }
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
