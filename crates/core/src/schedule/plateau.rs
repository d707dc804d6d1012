//! `plateau`: torch's `ReduceLROnPlateau`. Its metric after step t is the
//! loss at `points[t]`: when the loss has not improved by `threshold` for
//! more than `patience` steps, η ← max(η·factor, min_lr) (if that changes η
//! by more than `eps`), then `cooldown` steps pass before bad steps count.

/// Whether a lower or a higher metric is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlateauMode {
    /// Lower is better (default; a loss).
    Min,
    /// Higher is better.
    Max,
}

impl PlateauMode {
    /// Both, by scene name.
    pub const ALL: [PlateauMode; 2] = [PlateauMode::Min, PlateauMode::Max];

    /// torch's name.
    pub fn name(self) -> &'static str {
        match self {
            PlateauMode::Min => "min",
            PlateauMode::Max => "max",
        }
    }
}

/// How `threshold` measures an improvement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ThresholdMode {
    /// Relative: better than best·(1 ∓ threshold) (default).
    Rel,
    /// Absolute: better than best ∓ threshold.
    Abs,
}

impl ThresholdMode {
    /// Both, by scene name.
    pub const ALL: [ThresholdMode; 2] = [ThresholdMode::Rel, ThresholdMode::Abs];

    /// torch's name.
    pub fn name(self) -> &'static str {
        match self {
            ThresholdMode::Rel => "rel",
            ThresholdMode::Abs => "abs",
        }
    }
}

/// `torch.optim.lr_scheduler.ReduceLROnPlateau`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Plateau {
    /// min (default) or max.
    pub mode: PlateauMode,
    /// In [0, 1) (default 0.1).
    pub factor: f64,
    /// Bad steps tolerated (default 10).
    pub patience: u32,
    /// Least improvement that counts (default 1e-4).
    pub threshold: f64,
    /// rel (default) or abs.
    pub threshold_mode: ThresholdMode,
    /// Steps after a reduction before bad steps count (default 0).
    pub cooldown: u32,
    /// The rate never goes below this (default 0).
    pub min_lr: f64,
    /// Smaller changes of η are skipped (default 1e-8).
    pub eps: f64,
}

#[derive(Debug, Clone)]
pub(super) struct PlateauRun {
    spec: Plateau,
    best: f64,
    num_bad_epochs: u32,
    cooldown_counter: u32,
}

impl PlateauRun {
    pub(super) fn new(spec: Plateau) -> PlateauRun {
        PlateauRun {
            spec,
            best: match spec.mode {
                PlateauMode::Min => f64::INFINITY,
                PlateauMode::Max => f64::NEG_INFINITY,
            },
            num_bad_epochs: 0,
            cooldown_counter: 0,
        }
    }

    fn is_better(&self, a: f64) -> bool {
        let (s, best) = (&self.spec, self.best);
        match (s.mode, s.threshold_mode) {
            (PlateauMode::Min, ThresholdMode::Rel) => a < best * (1.0 - s.threshold),
            (PlateauMode::Min, ThresholdMode::Abs) => a < best - s.threshold,
            (PlateauMode::Max, ThresholdMode::Rel) => a > best * (s.threshold + 1.0),
            (PlateauMode::Max, ThresholdMode::Abs) => a > best + s.threshold,
        }
    }

    /// `step(metrics)`.
    pub(super) fn step(&mut self, current: f64, lr: &mut f64) {
        if self.is_better(current) {
            self.best = current;
            self.num_bad_epochs = 0;
        } else {
            self.num_bad_epochs += 1;
        }
        if self.cooldown_counter > 0 {
            self.cooldown_counter -= 1;
            self.num_bad_epochs = 0;
        }
        if self.num_bad_epochs > self.spec.patience {
            let new_lr = (*lr * self.spec.factor).max(self.spec.min_lr);
            if *lr - new_lr > self.spec.eps {
                *lr = new_lr;
            }
            self.cooldown_counter = self.spec.cooldown;
            self.num_bad_epochs = 0;
        }
    }
}
