//! `scale_by_lion`: Lion, the sign of an interpolated momentum
//! (lion-pytorch's `Lion`, `update_fn`):
//!
//! x ← x·(1 − η·λ) (decoupled decay, a preceding `decay_params`);
//! c = β1·m + (1−β1)·g (`exp_avg.clone().mul_(beta1).add(grad, alpha=1-beta1)`);
//! x ← x − η·sign(c); m ← β2·m + (1−β2)·g (`exp_avg.mul_(beta2).add_(grad,
//! alpha=1-beta2)`), m: `exp_avg`.
//! Defaults (lion-pytorch): η 1e-4, β = (0.9, 0.99), λ 0.
//!
//! Every step moves each coordinate by exactly η (or not at all): in 2-D
//! only eight directions. *Dive into Deep Learning* has no Lion: both
//! conventions compute lion-pytorch's formula. β1 may be cycled by a
//! schedule (`cx.momentum`).

use super::rprop::sign;
use super::{Block, StateField, StateKey, StepCx};
use crate::Vec2;

/// Lion's momentum.
#[derive(Debug, Clone)]
pub struct ScaleByLion {
    /// The momentum (lion-pytorch: `exp_avg`).
    m: Vec2,
    /// The interpolation c whose sign was taken at the last step.
    c: Vec2,
    lr: f64,
    beta1: f64,
    beta2: f64,
}

impl ScaleByLion {
    /// Lion with lion-pytorch's β1, β2 (η is each step's `cx.lr`).
    pub fn new(beta1: f64, beta2: f64) -> Self {
        ScaleByLion {
            m: [0.0; 2],
            c: [0.0; 2],
            lr: 0.0,
            beta1,
            beta2,
        }
    }
}

impl Block for ScaleByLion {
    fn update(&mut self, u: &mut Vec2, x: &mut Vec2, cx: &StepCx) {
        let beta1 = cx.momentum.unwrap_or(self.beta1);
        self.lr = cx.lr;
        for i in 0..2 {
            let g = u[i];
            // ATen's add with alpha is one fused multiply-add.
            self.c[i] = g.mul_add(1.0 - beta1, self.m[i] * beta1);
            x[i] = (-self.lr).mul_add(sign(self.c[i]), x[i]);
            self.m[i] = g.mul_add(1.0 - self.beta2, self.m[i] * self.beta2);
            u[i] = 0.0;
        }
    }

    fn state(&self, out: &mut Vec<StateField>) {
        out.push(StateField::new(StateKey::M, self.m));
        out.push(StateField::new(StateKey::Interp, self.c));
    }

    fn lr_eff(&self) -> Option<Vec2> {
        Some([self.lr; 2])
    }
}
