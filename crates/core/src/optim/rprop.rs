//! `scale_by_rprop`: Rprop, resilient backpropagation (`torch.optim.Rprop`,
//! single tensor). Only the sign of the gradient is used; each coordinate
//! has its own step size Δ (torch `step_size`, Δ₀ = η):
//!
//! s = sign(g·g_prev); factor = η+ if s > 0, η− if s < 0, 1 if s = 0;
//! Δ ← clamp(Δ·factor, Γmin, Γmax); where the sign flipped (factor = η−)
//! g ← 0 (no step, and no flip counted next time); x ← x − sign(g)·Δ;
//! g_prev ← g.
//! Defaults (torch): η 1e-2, etas (0.5, 1.2), step_sizes (1e-6, 50).
//!
//! torch fills Δ with η when the state is created (the first step) and
//! never reads η again: a schedule changes Rprop only through its first
//! η. *Dive into Deep Learning* has no Rprop: both conventions compute
//! torch's formula.

use super::{Block, StateField, StateKey, StepCx};
use crate::Vec2;

/// Rprop's per-coordinate step sizes and the previous gradient.
#[derive(Debug, Clone)]
pub struct ScaleByRprop {
    /// Δ per coordinate (torch: `step_size`).
    step_size: Vec2,
    /// The gradient of the last step, zeroed where its sign flipped
    /// (torch: `prev`).
    prev: Vec2,
    etas: [f64; 2],
    step_sizes: [f64; 2],
}

/// torch's `sign`: 0 at 0 (Rust's `signum` gives ±1 there), NaN stays NaN.
pub(crate) fn sign(x: f64) -> f64 {
    if x > 0.0 {
        1.0
    } else if x < 0.0 {
        -1.0
    } else {
        x * 0.0
    }
}

impl ScaleByRprop {
    /// Rprop with torch's etas [η−, η+] and step_sizes [Γmin, Γmax].
    pub fn new(etas: [f64; 2], step_sizes: [f64; 2]) -> Self {
        ScaleByRprop {
            step_size: [0.0; 2],
            prev: [0.0; 2],
            etas,
            step_sizes,
        }
    }
}

impl Block for ScaleByRprop {
    fn update(&mut self, u: &mut Vec2, x: &mut Vec2, cx: &StepCx) {
        if cx.t == 1 {
            self.step_size = [cx.lr; 2];
        }
        let [eta_minus, eta_plus] = self.etas;
        let [lo, hi] = self.step_sizes;
        for i in 0..2 {
            let g = u[i];
            let s = sign(g * self.prev[i]);
            let factor = if s > 0.0 {
                eta_plus
            } else if s < 0.0 {
                eta_minus
            } else {
                1.0
            };
            // torch's clamp_(min, max): max first, then min.
            self.step_size[i] = (self.step_size[i] * factor).max(lo).min(hi);
            let g = if factor == eta_minus { 0.0 } else { g };
            // param.addcmul_(grad.sign(), step_size, value=-1)
            x[i] += (-sign(g)) * self.step_size[i];
            self.prev[i] = g;
            u[i] = 0.0;
        }
    }

    fn state(&self, out: &mut Vec<StateField>) {
        out.push(StateField::new(StateKey::StepSize, self.step_size));
        out.push(StateField::new(StateKey::PrevGrad, self.prev));
    }

    fn lr_eff(&self) -> Option<Vec2> {
        Some(self.step_size)
    }
}
