//! `scale_by_adamax`: Adamax, Adam with the infinity norm in place of the
//! second moment (`torch.optim.Adamax`, single tensor):
//!
//! m.lerp_(g, 1−β1) (m: `exp_avg`); u ← max(u·β2, |g| + ε) (u: `exp_inf`);
//! x ← x − (η/(1−β1ᵗ))·m/u (`addcdiv_(exp_avg, exp_inf, value=-clr)`).
//! Defaults (torch): η 2e-3, β = (0.9, 0.999), ε 1e-8, λ 0 (the L2 term
//! g + λ·x is a preceding `add_decayed_weights`).
//!
//! *Dive into Deep Learning* has no Adamax: both conventions compute
//! torch's formula. β1 may be cycled by a schedule (`cx.momentum`).

use super::adam::lerp;
use super::{rate, safe_div, Block, StateField, StateKey, StepCx};
use crate::math;
use crate::Vec2;

/// Adamax's first moment and exponentially weighted infinity norm.
#[derive(Debug, Clone)]
pub struct ScaleByAdamax {
    /// First moment (torch: `exp_avg`).
    m: Vec2,
    /// Weighted infinity norm (torch: `exp_inf`).
    u: Vec2,
    rate: Vec2,
    beta1: f64,
    beta2: f64,
    eps: f64,
}

impl ScaleByAdamax {
    /// Adamax with torch's β1, β2, ε (η is each step's `cx.lr`).
    pub fn new(beta1: f64, beta2: f64, eps: f64) -> Self {
        ScaleByAdamax {
            m: [0.0; 2],
            u: [0.0; 2],
            rate: [0.0; 2],
            beta1,
            beta2,
            eps,
        }
    }
}

impl Block for ScaleByAdamax {
    fn update(&mut self, u: &mut Vec2, _x: &mut Vec2, cx: &StepCx) {
        let beta1 = cx.momentum.unwrap_or(self.beta1);
        // Python's `beta1 ** step` (see math::powi).
        let clr = cx.lr / (1.0 - math::powi(beta1, cx.t));
        for i in 0..2 {
            let g = u[i];
            self.m[i] = lerp(self.m[i], g, 1.0 - beta1);
            self.u[i] = (self.u[i] * self.beta2).max(g.abs() + self.eps);
            self.rate[i] = rate(clr, self.u[i]);
            u[i] = safe_div(clr * self.m[i], self.u[i]);
        }
    }

    fn state(&self, out: &mut Vec<StateField>) {
        out.push(StateField::new(StateKey::M, self.m));
        out.push(StateField::new(StateKey::ExpInf, self.u));
    }

    fn lr_eff(&self) -> Option<Vec2> {
        Some(self.rate)
    }
}
