//! Learning-rate schedules: torch 2.x's `torch.optim.lr_scheduler` classes,
//! stepped once per optimizer step, exactly as torch runs them.
//!
//! A scene's optimizer may carry a [`Schedule`] (its JSON form is
//! `"schedule": {"kind": …, …}` with torch's argument names, read and
//! written by `scene::schedule`).
//! A [`Scheduler`] is its running state: step t of the walk uses the rate
//! (and, for `cyclic` and `one_cycle`, the momentum γ or β1) the scheduler
//! holds *before* its t-th `step()`; after the step the walker calls
//! [`Scheduler::step`] with the loss at the new point (the metric of
//! `plateau`).
//!
//! torch mostly computes the next rate from the current one (the chainable,
//! recursive `get_lr`), not from the closed form; the two differ in the last
//! bits, so the recursive form is what runs here, including torch's quirks
//! at construction (`_initial_step`) and at `SequentialLR`'s milestones
//! (`_update_lr(0)`, which takes the closed form where a class has one).
//!
//! Every schedule is `Copy` (fixed-size lists) so that an [`crate::OptSpec`]
//! stays a plain value.

mod chainable;
pub mod chart;
mod cyclic;
mod plateau;
mod sequential;

pub use chainable::Basic;
pub use cyclic::{Anneal, Cyclic, CyclicMode, OneCycle};
pub use plateau::{Plateau, PlateauMode, ThresholdMode};
pub use sequential::Sequential;

use chainable::Chain;
use cyclic::{CyclicRun, OneCycleRun};
use plateau::PlateauRun;
use sequential::SequentialRun;

/// The most milestones of a `multi_step` schedule.
pub const MAX_MILESTONES: usize = 8;
/// The most schedulers a `sequential` schedule chains.
pub const MAX_PHASES: usize = 4;
/// The largest integer argument (step counts): the most steps of a scene
/// (`scene::MAX_STEPS`, checked by a test; this module knows no scene).
pub const MAX_ITERS: u32 = 100_000;

/// Step numbers, strictly increasing, each ≥ 1 (`multi_step`'s and
/// `sequential`'s `milestones`), held in a fixed array so that a schedule is
/// `Copy`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Milestones {
    len: u8,
    at: [u32; MAX_MILESTONES],
}

impl Milestones {
    /// The list, if it has at most [`MAX_MILESTONES`] strictly increasing
    /// entries, each in 1..=[`MAX_ITERS`].
    pub fn new(list: &[u32]) -> Option<Milestones> {
        if list.len() > MAX_MILESTONES
            || list.iter().any(|&m| m == 0 || m > MAX_ITERS)
            || list.windows(2).any(|w| w[0] >= w[1])
        {
            return None;
        }
        let mut at = [0; MAX_MILESTONES];
        at[..list.len()].copy_from_slice(list);
        Some(Milestones {
            len: list.len() as u8,
            at,
        })
    }

    /// The step numbers.
    pub fn as_slice(&self) -> &[u32] {
        &self.at[..self.len as usize]
    }

    /// How many milestones are ≤ `epoch` (Python's `bisect_right`).
    fn bisect_right(&self, epoch: i64) -> usize {
        self.as_slice()
            .iter()
            .take_while(|&&m| i64::from(m) <= epoch)
            .count()
    }
}

/// A learning-rate schedule, as the scene gives it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Schedule {
    /// One of the chainable schedulers (`step` … `cosine_warm_restarts`).
    Basic(Basic),
    /// `cyclic` (torch `CyclicLR`).
    Cyclic(Cyclic),
    /// `one_cycle` (torch `OneCycleLR`).
    OneCycle(OneCycle),
    /// `plateau` (torch `ReduceLROnPlateau`).
    Plateau(Plateau),
    /// `sequential` (torch `SequentialLR`).
    Sequential(Sequential),
}

/// Every schedule kind's scene name, in the order the page lists them.
pub const KINDS: &[&str] = &[
    "step",
    "multi_step",
    "constant",
    "linear",
    "exponential",
    "polynomial",
    "cosine",
    "cosine_warm_restarts",
    "cyclic",
    "one_cycle",
    "plateau",
    "sequential",
];

impl Schedule {
    /// The scene name (`"cosine"`, …).
    pub fn kind(&self) -> &'static str {
        match self {
            Schedule::Basic(b) => b.kind(),
            Schedule::Cyclic(_) => "cyclic",
            Schedule::OneCycle(_) => "one_cycle",
            Schedule::Plateau(_) => "plateau",
            Schedule::Sequential(_) => "sequential",
        }
    }

    /// torch's class name (`"CosineAnnealingLR"`, …).
    pub fn torch_class(&self) -> &'static str {
        match self {
            Schedule::Basic(b) => b.torch_class(),
            Schedule::Cyclic(_) => "CyclicLR",
            Schedule::OneCycle(_) => "OneCycleLR",
            Schedule::Plateau(_) => "ReduceLROnPlateau",
            Schedule::Sequential(_) => "SequentialLR",
        }
    }

    /// Whether every rate it sets is a multiple of the optimizer's η
    /// (halving η halves them all): not CyclicLR's (its `max_lr` is its
    /// own), nor OneCycleLR's with a peak of its own.
    pub fn scales_with_lr(&self) -> bool {
        match self {
            Schedule::Cyclic(_) => false,
            Schedule::OneCycle(c) => c.max_lr.is_none(),
            _ => true,
        }
    }

    /// Whether it sets γ or β1 per step (torch's `cycle_momentum`).
    pub fn cycles_momentum(&self) -> bool {
        self.momentum_range().is_some()
    }

    /// The range it cycles γ or β1 over, [base, max], when it does.
    pub fn momentum_range(&self) -> Option<[f64; 2]> {
        match self {
            Schedule::Cyclic(c) if c.cycle_momentum => Some([c.base_momentum, c.max_momentum]),
            Schedule::OneCycle(c) if c.cycle_momentum => Some([c.base_momentum, c.max_momentum]),
            _ => None,
        }
    }

    /// Check what depends on the scene: `one_cycle` must last the scene's
    /// steps and have no empty phase (torch raises past `total_steps` and
    /// divides by zero in an empty phase). Whether the optimizer has a
    /// momentum to cycle is `OptKind::under_cycled_momentum`'s `cycled_momentum`.
    pub fn check(&self, steps: usize) -> Result<(), ScheduleError> {
        if let Schedule::OneCycle(c) = self {
            c.check(steps)?;
        }
        Ok(())
    }
}

/// What [`Schedule::check`] refuses.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ScheduleError {
    /// `one_cycle` stepped past `total_steps`: at least the scene's steps.
    TooShort {
        /// The scene's steps (the least `total_steps` allowed).
        steps: usize,
        /// `total_steps` in effect.
        total_steps: u32,
    },
    /// A `one_cycle` phase of length 0 that a step falls in (torch divides
    /// by zero): `pct_start · total_steps` must not be 1 (nor, with
    /// `three_phase`, make the last phase empty).
    EmptyPhase {
        /// `pct_start`.
        pct_start: f64,
        /// `total_steps` in effect.
        total_steps: u32,
    },
}

impl ScheduleError {
    /// The argument at fault (`total_steps`, `pct_start`).
    pub fn arg(&self) -> &'static str {
        match self {
            ScheduleError::TooShort { .. } => "total_steps",
            ScheduleError::EmptyPhase { .. } => "pct_start",
        }
    }
}

/// A schedule in motion: the rate (and momentum) the next step uses.
#[derive(Debug, Clone)]
pub struct Scheduler {
    run: Run,
    /// torch's `group["lr"]`.
    lr: f64,
    /// torch's `group["momentum"]` or `group["betas"][0]` when cycled.
    momentum: Option<f64>,
}

#[derive(Debug, Clone)]
enum Run {
    Fixed,
    Basic(Chain),
    Cyclic(CyclicRun),
    OneCycle(OneCycleRun),
    Plateau(PlateauRun),
    Sequential(SequentialRun),
}

impl Scheduler {
    /// A constant η (no schedule).
    pub fn fixed(lr: f64) -> Scheduler {
        Scheduler {
            run: Run::Fixed,
            lr,
            momentum: None,
        }
    }

    /// The scheduler torch builds for an optimizer with rate `lr` in a scene
    /// of `steps` steps (arguments left to the scene resolve here), after
    /// its constructor's initial step. Call [`Schedule::check`] first: a
    /// `one_cycle` that the steps outrun keeps its last rate here instead
    /// of failing.
    pub fn new(schedule: Option<&Schedule>, lr: f64, steps: usize) -> Scheduler {
        let Some(s) = schedule else {
            return Scheduler::fixed(lr);
        };
        let mut out = Scheduler {
            run: Run::Fixed,
            lr,
            momentum: None,
        };
        out.run = match *s {
            Schedule::Basic(b) => {
                let mut c = Chain::new(b.resolve(steps, 0), lr);
                c.initial_step(&mut out.lr);
                Run::Basic(c)
            }
            Schedule::Cyclic(c) => {
                let r = CyclicRun::new(c, lr);
                (out.lr, out.momentum) = r.at(0);
                Run::Cyclic(r)
            }
            Schedule::OneCycle(c) => {
                let r = OneCycleRun::new(c, lr, steps);
                if let Some((l, m)) = r.at(0) {
                    (out.lr, out.momentum) = (l, m);
                }
                Run::OneCycle(r)
            }
            Schedule::Plateau(p) => Run::Plateau(PlateauRun::new(p)),
            Schedule::Sequential(q) => {
                Run::Sequential(SequentialRun::new(q, lr, steps, &mut out.lr))
            }
        };
        out
    }

    /// η for the next step.
    pub fn lr(&self) -> f64 {
        self.lr
    }

    /// γ or β1 for the next step, when the schedule cycles it.
    pub fn momentum(&self) -> Option<f64> {
        self.momentum
    }

    /// torch's `scheduler.step()` after an optimizer step; `loss` is f at
    /// the new point (the metric `plateau` watches).
    pub fn step(&mut self, loss: f64) {
        match &mut self.run {
            Run::Fixed => {}
            Run::Basic(c) => c.step(&mut self.lr),
            Run::Cyclic(r) => {
                r.last_epoch += 1;
                (self.lr, self.momentum) = r.at(r.last_epoch);
            }
            Run::OneCycle(r) => {
                r.last_epoch += 1;
                if let Some((l, m)) = r.at(r.last_epoch) {
                    (self.lr, self.momentum) = (l, m);
                }
            }
            Run::Plateau(p) => p.step(loss, &mut self.lr),
            Run::Sequential(q) => q.step(&mut self.lr),
        }
    }
}

#[cfg(test)]
mod tests;
