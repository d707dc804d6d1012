//! The chainable schedulers: `step`, `multi_step`, `constant`, `linear`,
//! `exponential`, `polynomial`, `cosine`, `cosine_warm_restarts` — torch's
//! `StepLR`, `MultiStepLR`, `ConstantLR`, `LinearLR`, `ExponentialLR`,
//! `PolynomialLR`, `CosineAnnealingLR`, `CosineAnnealingWarmRestarts`.
//!
//! Each `get_lr` is torch's recursive form, reading the group's current rate
//! (`group["lr"]`), with its `_is_initial` and `_step_count` guards; the
//! closed forms are used only where torch uses them (`SequentialLR` at a
//! milestone). Python's evaluation order is kept, so the rates agree to the
//! last bit wherever `cos`/`pow` round alike.

use super::Milestones;
use crate::math;
use std::f64::consts::PI;

/// A chainable schedule (also what `sequential` may chain).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Basic {
    /// `StepLR`: η·γ every `step_size` steps.
    Step {
        /// Steps between decays (required).
        step_size: u32,
        /// Factor (default 0.1).
        gamma: f64,
    },
    /// `MultiStepLR`: η·γ at each milestone.
    MultiStep {
        /// Steps at which η is multiplied by γ (required).
        milestones: Milestones,
        /// Factor (default 0.1).
        gamma: f64,
    },
    /// `ConstantLR`: η·factor until `total_iters`, then η.
    Constant {
        /// In [0, 1] (default 1/3).
        factor: f64,
        /// Steps at the reduced rate (default 5).
        total_iters: u32,
    },
    /// `LinearLR`: factor from `start_factor` to `end_factor` over `total_iters`.
    Linear {
        /// In (0, 1] (default 1/3).
        start_factor: f64,
        /// In [0, 1] (default 1).
        end_factor: f64,
        /// Steps of the ramp (default 5).
        total_iters: u32,
    },
    /// `ExponentialLR`: η·γ every step.
    Exponential {
        /// Factor per step (required).
        gamma: f64,
    },
    /// `PolynomialLR`: η·(1 − t/total_iters)^power, then 0.
    Polynomial {
        /// Steps to zero (default 5).
        total_iters: u32,
        /// Power (default 1).
        power: f64,
    },
    /// `CosineAnnealingLR`: half a cosine from η down to `eta_min` over `T_max`.
    Cosine {
        /// Half-period; None: the steps it runs for (the scene's steps,
        /// less its start in a `sequential`).
        t_max: Option<u32>,
        /// The lowest rate (default 0).
        eta_min: f64,
    },
    /// `CosineAnnealingWarmRestarts`: cosine from η to `eta_min`, restarted
    /// after T_0, T_0·T_mult, … steps.
    CosineWarmRestarts {
        /// First period (required).
        t_0: u32,
        /// Period growth (default 1).
        t_mult: u32,
        /// The lowest rate (default 0).
        eta_min: f64,
    },
}

impl Basic {
    /// The scene name.
    pub fn kind(&self) -> &'static str {
        match self {
            Basic::Step { .. } => "step",
            Basic::MultiStep { .. } => "multi_step",
            Basic::Constant { .. } => "constant",
            Basic::Linear { .. } => "linear",
            Basic::Exponential { .. } => "exponential",
            Basic::Polynomial { .. } => "polynomial",
            Basic::Cosine { .. } => "cosine",
            Basic::CosineWarmRestarts { .. } => "cosine_warm_restarts",
        }
    }

    /// torch's class name.
    pub fn torch_class(&self) -> &'static str {
        match self {
            Basic::Step { .. } => "StepLR",
            Basic::MultiStep { .. } => "MultiStepLR",
            Basic::Constant { .. } => "ConstantLR",
            Basic::Linear { .. } => "LinearLR",
            Basic::Exponential { .. } => "ExponentialLR",
            Basic::Polynomial { .. } => "PolynomialLR",
            Basic::Cosine { .. } => "CosineAnnealingLR",
            Basic::CosineWarmRestarts { .. } => "CosineAnnealingWarmRestarts",
        }
    }

    /// With the scene's defaults filled in: a cosine without `T_max` spans
    /// the steps from `start` to the scene's `steps` (at least 1).
    pub fn resolve(self, steps: usize, start: u32) -> Basic {
        match self {
            Basic::Cosine {
                t_max: None,
                eta_min,
            } => Basic::Cosine {
                t_max: Some(
                    (steps.saturating_sub(start as usize)).clamp(1, super::MAX_ITERS as usize)
                        as u32,
                ),
                eta_min,
            },
            b => b,
        }
    }
}

/// A chainable scheduler's state (torch's attributes).
#[derive(Debug, Clone)]
pub(super) struct Chain {
    spec: Basic,
    /// `base_lrs[0]`: the optimizer's initial rate.
    base_lr: f64,
    pub(super) last_epoch: i64,
    step_count: u64,
    /// `CosineAnnealingWarmRestarts`' T_cur and T_i.
    t_cur: i64,
    t_i: i64,
}

impl Chain {
    /// Constructed with `last_epoch = -1`, before the initial step.
    pub(super) fn new(spec: Basic, base_lr: f64) -> Chain {
        let t_i = match spec {
            Basic::CosineWarmRestarts { t_0, .. } => i64::from(t_0),
            _ => 0,
        };
        Chain {
            spec,
            base_lr,
            last_epoch: -1,
            step_count: 0,
            t_cur: -1,
            t_i,
        }
    }

    /// `_initial_step`: the step the constructor takes (`_is_initial`).
    pub(super) fn initial_step(&mut self, lr: &mut f64) {
        self.step_count = 0;
        self.advance(lr, true);
    }

    /// `step()`.
    pub(super) fn step(&mut self, lr: &mut f64) {
        self.advance(lr, false);
    }

    fn advance(&mut self, lr: &mut f64, initial: bool) {
        if let Basic::CosineWarmRestarts { t_mult, .. } = self.spec {
            // Its own step(): no _step_count, T_cur/T_i bookkeeping.
            let epoch = if self.last_epoch < 0 {
                self.t_i = match self.spec {
                    Basic::CosineWarmRestarts { t_0, .. } => i64::from(t_0),
                    _ => self.t_i,
                };
                self.t_cur = 0;
                0
            } else {
                self.t_cur += 1;
                if self.t_cur >= self.t_i {
                    self.t_cur %= self.t_i;
                    self.t_i *= i64::from(t_mult);
                }
                self.last_epoch + 1
            };
            self.last_epoch = epoch;
            *lr = self.get_lr(*lr, false);
            return;
        }
        self.step_count += 1;
        self.last_epoch += 1;
        *lr = self.get_lr(*lr, initial);
    }

    /// `_update_lr(epoch)`: the closed form at `epoch` where the class has
    /// one, else `get_lr` (what `SequentialLR` does at a milestone).
    pub(super) fn update_lr_at(&mut self, epoch: i64, lr: &mut f64) {
        self.last_epoch = epoch;
        *lr = match self.closed_form() {
            Some(v) => v,
            None => self.get_lr(*lr, false),
        };
    }

    fn closed_form(&self) -> Option<f64> {
        let b = self.base_lr;
        let e = self.last_epoch;
        let ef = e as f64;
        Some(match self.spec {
            Basic::Step { step_size, gamma } => {
                b * math::pow(gamma, e.div_euclid(i64::from(step_size)) as f64)
            }
            Basic::MultiStep { milestones, gamma } => {
                b * math::pow(gamma, milestones.bisect_right(e) as f64)
            }
            Basic::Constant {
                factor,
                total_iters,
            } => {
                let past = if e >= i64::from(total_iters) {
                    1.0
                } else {
                    0.0
                };
                b * (factor + past * (1.0 - factor))
            }
            Basic::Linear {
                start_factor,
                end_factor,
                total_iters,
            } => {
                let t = f64::from(total_iters);
                let m = (i64::from(total_iters).min(e)) as f64;
                b * (start_factor + (end_factor - start_factor) * m / t)
            }
            Basic::Exponential { gamma } => b * math::pow(gamma, ef),
            Basic::Polynomial { total_iters, power } => {
                let t = f64::from(total_iters);
                let m = (i64::from(total_iters).min(e)) as f64;
                b * math::pow(1.0 - m / t, power)
            }
            Basic::Cosine { t_max, eta_min } => {
                let t = f64::from(t_max.unwrap_or(1));
                eta_min + (b - eta_min) * (1.0 + math::cos(PI * ef / t)) / 2.0
            }
            Basic::CosineWarmRestarts { .. } => return None,
        })
    }

    /// torch's `get_lr()` with the group's current rate `lr`.
    fn get_lr(&self, lr: f64, initial: bool) -> f64 {
        let e = self.last_epoch;
        let ef = e as f64;
        match self.spec {
            Basic::Step { step_size, gamma } => {
                if e == 0 || e % i64::from(step_size) != 0 {
                    lr
                } else {
                    lr * gamma
                }
            }
            Basic::MultiStep { milestones, gamma } => {
                // Milestones are distinct: the Counter's count is 1.
                if milestones.as_slice().iter().any(|&m| i64::from(m) == e) {
                    lr * math::pow(gamma, 1.0)
                } else {
                    lr
                }
            }
            Basic::Constant {
                factor,
                total_iters,
            } => {
                if e == 0 {
                    lr * factor
                } else if e != i64::from(total_iters) {
                    lr
                } else {
                    lr * (1.0 / factor)
                }
            }
            Basic::Linear {
                start_factor,
                end_factor,
                total_iters,
            } => {
                if e == 0 {
                    lr * start_factor
                } else if initial || e > i64::from(total_iters) {
                    lr
                } else {
                    let d = end_factor - start_factor;
                    lr * (1.0 + d / (f64::from(total_iters) * start_factor + (ef - 1.0) * d))
                }
            }
            Basic::Exponential { gamma } => {
                if initial {
                    lr
                } else {
                    lr * gamma
                }
            }
            Basic::Polynomial { total_iters, power } => {
                if initial || e > i64::from(total_iters) {
                    lr
                } else {
                    let t = f64::from(total_iters);
                    let f = math::pow((1.0 - ef / t) / (1.0 - (ef - 1.0) / t), power);
                    lr * f
                }
            }
            Basic::Cosine { t_max, eta_min } => {
                let tm = i64::from(t_max.unwrap_or(1));
                let t = tm as f64;
                let b = self.base_lr;
                if initial {
                    lr
                } else if self.step_count == 1 && e > 0 {
                    eta_min + (b - eta_min) * (1.0 + math::cos(ef * PI / t)) / 2.0
                } else if (e - 1 - tm).rem_euclid(2 * tm) == 0 {
                    lr + (b - eta_min) * (1.0 - math::cos(PI / t)) / 2.0
                } else {
                    (1.0 + math::cos(PI * ef / t)) / (1.0 + math::cos(PI * (ef - 1.0) / t))
                        * (lr - eta_min)
                        + eta_min
                }
            }
            Basic::CosineWarmRestarts { eta_min, .. } => {
                let b = self.base_lr;
                eta_min
                    + (b - eta_min) * (1.0 + math::cos(PI * self.t_cur as f64 / self.t_i as f64))
                        / 2.0
            }
        }
    }
}
