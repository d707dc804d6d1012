//! `sequential`: torch's `SequentialLR`, one chainable scheduler after
//! another at the milestones (the warm-up-then-cosine people use).
//!
//! As torch builds it: every child is constructed first (each takes its
//! initial step, which moves `T_cur` and `_step_count`), the rate is put
//! back to the optimizer's, every child's `last_epoch` is undone by one, and
//! the first child takes its initial step again. At a milestone the next
//! child starts with `_update_lr(0)` (its closed form at 0); afterwards it
//! steps recursively from there.

use super::chainable::{Basic, Chain};
use super::{Milestones, MAX_PHASES};

/// `torch.optim.lr_scheduler.SequentialLR` of chainable schedulers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Sequential {
    len: u8,
    schedulers: [Basic; MAX_PHASES],
    milestones: Milestones,
}

impl Sequential {
    /// `schedulers` (1..=[`MAX_PHASES`]) switched at `milestones` (one fewer);
    /// None when the counts do not fit.
    pub fn new(schedulers: &[Basic], milestones: Milestones) -> Option<Sequential> {
        if schedulers.is_empty()
            || schedulers.len() > MAX_PHASES
            || milestones.as_slice().len() + 1 != schedulers.len()
        {
            return None;
        }
        let mut all = [schedulers[0]; MAX_PHASES];
        all[..schedulers.len()].copy_from_slice(schedulers);
        Some(Sequential {
            len: schedulers.len() as u8,
            schedulers: all,
            milestones,
        })
    }

    /// The chained schedulers.
    pub fn schedulers(&self) -> &[Basic] {
        &self.schedulers[..self.len as usize]
    }

    /// The steps at which the next scheduler takes over.
    pub fn milestones(&self) -> Milestones {
        self.milestones
    }
}

#[derive(Debug, Clone)]
pub(super) struct SequentialRun {
    children: Vec<Chain>,
    milestones: Milestones,
    last_epoch: i64,
}

impl SequentialRun {
    pub(super) fn new(spec: Sequential, base_lr: f64, steps: usize, lr: &mut f64) -> SequentialRun {
        let ms = spec.milestones.as_slice();
        let mut children: Vec<Chain> = spec
            .schedulers()
            .iter()
            .enumerate()
            .map(|(i, b)| {
                let start = if i == 0 { 0 } else { ms[i - 1] };
                let mut c = Chain::new(b.resolve(steps, start), base_lr);
                let mut scratch = *lr;
                c.initial_step(&mut scratch);
                *lr = scratch;
                c
            })
            .collect();
        *lr = base_lr;
        for c in &mut children {
            c.last_epoch -= 1;
        }
        let idx = spec.milestones.bisect_right(0);
        children[idx].initial_step(lr);
        SequentialRun {
            children,
            milestones: spec.milestones,
            last_epoch: 0,
        }
    }

    pub(super) fn step(&mut self, lr: &mut f64) {
        self.last_epoch += 1;
        let idx = self.milestones.bisect_right(self.last_epoch);
        let ms = self.milestones.as_slice();
        let child = &mut self.children[idx];
        if idx > 0 && i64::from(ms[idx - 1]) == self.last_epoch {
            child.update_lr_at(0, lr);
        } else {
            child.step(lr);
        }
    }
}
