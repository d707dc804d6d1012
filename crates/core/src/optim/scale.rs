//! `scale`: u ← η·u. Plain gradient descent is this block alone.
//!
//! d2l: x ← x − η·g. pytorch (SGD, torch's `param.add_(grad, alpha=-lr)`):
//! x + (−lr)·g as one fused multiply-add, as ATen computes it.

use super::{Block, StepCx};
use crate::Vec2;

/// Multiply the update by the learning rate η.
#[derive(Debug, Clone)]
pub struct Scale {
    lr: f64,
    fused: bool,
}

impl Scale {
    /// u ← lr·u.
    pub fn new(lr: f64) -> Scale {
        Scale { lr, fused: false }
    }

    /// torch's `param.add_(u, alpha=-lr)`: x ← fma(−lr, u, x), one rounding
    /// (ATen's add-with-alpha kernel is a fused multiply-add). The block
    /// moves x itself and leaves a zero update.
    pub fn torch_apply(lr: f64) -> Scale {
        Scale { lr, fused: true }
    }
}

impl Block for Scale {
    fn update(&mut self, u: &mut Vec2, x: &mut Vec2, cx: &StepCx) {
        self.lr = cx.lr;
        for i in 0..2 {
            if self.fused {
                x[i] = (-self.lr).mul_add(u[i], x[i]);
                u[i] = 0.0;
            } else {
                u[i] *= self.lr;
            }
        }
    }

    fn lr_eff(&self) -> Option<Vec2> {
        Some([self.lr, self.lr])
    }
}
