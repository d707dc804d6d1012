//! The cycling schedulers: `cyclic` (torch `CyclicLR`) and `one_cycle`
//! (torch `OneCycleLR`). Both set the rate from a closed form of the step
//! number, and with `cycle_momentum` (on by default, as in torch) also γ or
//! β1, opposite to the rate.

use super::ScheduleError;
use crate::math;
use std::f64::consts::PI;

/// `CyclicLR`'s scaling policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CyclicMode {
    /// Constant amplitude.
    Triangular,
    /// Amplitude halved every cycle.
    Triangular2,
    /// Amplitude × γ^iteration.
    ExpRange,
}

impl CyclicMode {
    /// Every mode, by scene name.
    pub const ALL: [CyclicMode; 3] = [
        CyclicMode::Triangular,
        CyclicMode::Triangular2,
        CyclicMode::ExpRange,
    ];

    /// torch's name.
    pub fn name(self) -> &'static str {
        match self {
            CyclicMode::Triangular => "triangular",
            CyclicMode::Triangular2 => "triangular2",
            CyclicMode::ExpRange => "exp_range",
        }
    }
}

/// `torch.optim.lr_scheduler.CyclicLR`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Cyclic {
    /// The lower rate; None: the optimizer's η (torch requires it).
    pub base_lr: Option<f64>,
    /// The upper rate (required, as in torch).
    pub max_lr: f64,
    /// Steps of the rising half (default 2000).
    pub step_size_up: u32,
    /// Steps of the falling half; None: `step_size_up`.
    pub step_size_down: Option<u32>,
    /// Scaling policy (default triangular).
    pub mode: CyclicMode,
    /// `exp_range`'s γ (default 1).
    pub gamma: f64,
    /// Cycle γ or β1 between `max_momentum` and `base_momentum` (default true).
    pub cycle_momentum: bool,
    /// Default 0.8.
    pub base_momentum: f64,
    /// Default 0.9.
    pub max_momentum: f64,
}

/// `OneCycleLR`'s annealing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anneal {
    /// Cosine (default).
    Cos,
    /// Linear.
    Linear,
}

impl Anneal {
    /// Both, by scene name.
    pub const ALL: [Anneal; 2] = [Anneal::Cos, Anneal::Linear];

    /// torch's name.
    pub fn name(self) -> &'static str {
        match self {
            Anneal::Cos => "cos",
            Anneal::Linear => "linear",
        }
    }

    fn apply(self, start: f64, end: f64, pct: f64) -> f64 {
        match self {
            Anneal::Cos => {
                let cos_out = math::cos(PI * pct) + 1.0;
                end + (start - end) / 2.0 * cos_out
            }
            Anneal::Linear => (end - start) * pct + start,
        }
    }
}

/// `torch.optim.lr_scheduler.OneCycleLR`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct OneCycle {
    /// The peak rate; None: the optimizer's η (torch requires it).
    pub max_lr: Option<f64>,
    /// Steps of the cycle; None: the scene's steps (torch requires it).
    pub total_steps: Option<u32>,
    /// Share of the cycle spent rising (default 0.3).
    pub pct_start: f64,
    /// cos (default) or linear.
    pub anneal_strategy: Anneal,
    /// Cycle γ or β1 (default true).
    pub cycle_momentum: bool,
    /// Default 0.85.
    pub base_momentum: f64,
    /// Default 0.95.
    pub max_momentum: f64,
    /// The start rate is max_lr / div_factor (default 25).
    pub div_factor: f64,
    /// The final rate is the start rate / final_div_factor (default 1e4).
    pub final_div_factor: f64,
    /// Three phases (up, down, annihilate) instead of two (default false).
    pub three_phase: bool,
}

impl OneCycle {
    fn total(&self, steps: usize) -> u32 {
        self.total_steps
            .unwrap_or_else(|| steps.clamp(1, super::MAX_ITERS as usize) as u32)
    }

    /// torch's phases: (end_step, start, end) with rates and momenta named by
    /// index: 0 initial/max_momentum, 1 max/base_momentum, 2 min.
    fn phases(&self, total: u32) -> Vec<(f64, Point, Point)> {
        let t = f64::from(total);
        let p = self.pct_start;
        if self.three_phase {
            vec![
                (p * t - 1.0, Point::Initial, Point::Max),
                (2.0 * p * t - 2.0, Point::Max, Point::Initial),
                (t - 1.0, Point::Initial, Point::Min),
            ]
        } else {
            vec![
                (p * t - 1.0, Point::Initial, Point::Max),
                (t - 1.0, Point::Max, Point::Min),
            ]
        }
    }

    /// torch raises past `total_steps` and divides by zero in an empty phase:
    /// refuse both for a scene of `steps` steps (torch's loop calls
    /// `scheduler.step()` after each of them, up to `last_epoch = steps`).
    pub(super) fn check(&self, steps: usize) -> Result<(), ScheduleError> {
        let total = self.total(steps);
        if steps > total as usize {
            return Err(ScheduleError::TooShort {
                steps,
                total_steps: total,
            });
        }
        let run = OneCycleRun::new(*self, 1.0, steps);
        if (0..=steps as i64).any(|n| run.at(n).is_none()) {
            return Err(ScheduleError::EmptyPhase {
                pct_start: self.pct_start,
                total_steps: total,
            });
        }
        Ok(())
    }
}

#[derive(Debug, Clone, Copy)]
enum Point {
    /// `initial_lr` / `max_momentum`.
    Initial,
    /// `max_lr` / `base_momentum`.
    Max,
    /// `min_lr` / `max_momentum`.
    Min,
}

#[derive(Debug, Clone)]
pub(super) struct CyclicRun {
    spec: Cyclic,
    base_lr: f64,
    total_size: f64,
    step_ratio: f64,
    pub(super) last_epoch: i64,
}

impl CyclicRun {
    pub(super) fn new(spec: Cyclic, lr: f64) -> CyclicRun {
        let up = f64::from(spec.step_size_up);
        let down = spec.step_size_down.map_or(up, f64::from);
        let total_size = up + down;
        CyclicRun {
            spec,
            base_lr: spec.base_lr.unwrap_or(lr),
            total_size,
            step_ratio: up / total_size,
            last_epoch: 0,
        }
    }

    /// `get_lr()` at `last_epoch = e`: the rate and, when cycled, the momentum.
    pub(super) fn at(&self, e: i64) -> (f64, Option<f64>) {
        let s = &self.spec;
        let ef = e as f64;
        let cycle = (1.0 + ef / self.total_size).floor();
        let x = 1.0 + ef / self.total_size - cycle;
        let scale_factor = if x <= self.step_ratio {
            x / self.step_ratio
        } else {
            (x - 1.0) / (self.step_ratio - 1.0)
        };
        let scale = match s.mode {
            CyclicMode::Triangular => 1.0,
            CyclicMode::Triangular2 => 1.0 / math::pow(2.0, cycle - 1.0),
            CyclicMode::ExpRange => math::pow(s.gamma, ef),
        };
        let base_height = (s.max_lr - self.base_lr) * scale_factor;
        let lr = self.base_lr + base_height * scale;
        let momentum = s.cycle_momentum.then(|| {
            let h = (s.max_momentum - s.base_momentum) * scale_factor;
            s.max_momentum - h * scale
        });
        (lr, momentum)
    }
}

#[derive(Debug, Clone)]
pub(super) struct OneCycleRun {
    spec: OneCycle,
    total: u32,
    phases: Vec<(f64, Point, Point)>,
    initial_lr: f64,
    max_lr: f64,
    min_lr: f64,
    pub(super) last_epoch: i64,
}

impl OneCycleRun {
    pub(super) fn new(spec: OneCycle, lr: f64, steps: usize) -> OneCycleRun {
        let total = spec.total(steps);
        let max_lr = spec.max_lr.unwrap_or(lr);
        let initial_lr = max_lr / spec.div_factor;
        OneCycleRun {
            spec,
            total,
            phases: spec.phases(total),
            initial_lr,
            max_lr,
            min_lr: initial_lr / spec.final_div_factor,
            last_epoch: 0,
        }
    }

    /// `get_lr()` at `last_epoch = n`; None where torch raises (past
    /// `total_steps`, or a division by an empty phase).
    pub(super) fn at(&self, n: i64) -> Option<(f64, Option<f64>)> {
        if n > i64::from(self.total) {
            return None;
        }
        let s = &self.spec;
        let rate = |p: Point| match p {
            Point::Initial => self.initial_lr,
            Point::Max => self.max_lr,
            Point::Min => self.min_lr,
        };
        let momentum = |p: Point| match p {
            Point::Initial | Point::Min => s.max_momentum,
            Point::Max => s.base_momentum,
        };
        let step = n as f64;
        let mut start_step = 0.0;
        let last = self.phases.len() - 1;
        for (i, &(end_step, a, b)) in self.phases.iter().enumerate() {
            if step <= end_step || i == last {
                let den = end_step - start_step;
                if den == 0.0 {
                    return None;
                }
                let pct = (step - start_step) / den;
                let lr = s.anneal_strategy.apply(rate(a), rate(b), pct);
                let m = s
                    .cycle_momentum
                    .then(|| s.anneal_strategy.apply(momentum(a), momentum(b), pct));
                return Some((lr, m));
            }
            start_step = end_step;
        }
        None
    }
}
