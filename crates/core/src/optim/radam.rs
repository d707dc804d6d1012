//! `scale_by_radam`: RAdam, Adam with its adaptive rate switched on only
//! once its variance is tractable (`torch.optim.RAdam`, single tensor):
//!
//! m.lerp_(g, 1−β1); v ← v·β2 + (1−β2)·g·g; m̂ = m/(1−β1ᵗ);
//! ρ∞ = 2/(1−β2) − 1; ρₜ = ρ∞ − 2t·β2ᵗ/(1−β2ᵗ).
//! If ρₜ > 5 (rectified): rₜ = √((ρₜ−4)(ρₜ−2)ρ∞ / ((ρ∞−4)(ρ∞−2)ρₜ)) and
//! x ← x − m̂·η·(√(1−β2ᵗ)/(√v + ε))·rₜ; otherwise x ← x − m̂·η (SGD with
//! momentum, the warm-up: with β2 = 0.999 the first 5 steps).
//! Defaults (torch): η 1e-3, β = (0.9, 0.999), ε 1e-8, λ 0; the decay is a
//! preceding block (g + λ·x, or x·(1 − η·λ) when `decoupled`).
//!
//! *Dive into Deep Learning* has no RAdam: both conventions compute torch's
//! formula. β1 may be cycled by a schedule (`cx.momentum`).

use super::adam::lerp;
use super::{Block, StateField, StateKey, StepCx};
use crate::math;
use crate::Vec2;

/// RAdam's moments and the rectification of the last step.
#[derive(Debug, Clone)]
pub struct ScaleByRadam {
    /// First moment (torch: `exp_avg`).
    m: Vec2,
    /// Second moment (torch: `exp_avg_sq`).
    v: Vec2,
    /// ρₜ of the last step.
    rho: f64,
    /// rₜ of the last step (0 when not rectified).
    rect: f64,
    rate: Vec2,
    beta1: f64,
    beta2: f64,
    eps: f64,
}

impl ScaleByRadam {
    /// RAdam with torch's β1, β2, ε (η is each step's `cx.lr`).
    pub fn new(beta1: f64, beta2: f64, eps: f64) -> Self {
        ScaleByRadam {
            m: [0.0; 2],
            v: [0.0; 2],
            rho: 0.0,
            rect: 0.0,
            rate: [0.0; 2],
            beta1,
            beta2,
            eps,
        }
    }

    /// Whether the last step used the adaptive rate (ρₜ > 5).
    pub fn rectified(&self) -> bool {
        self.rho > 5.0
    }
}

impl Block for ScaleByRadam {
    fn update(&mut self, u: &mut Vec2, _x: &mut Vec2, cx: &StepCx) {
        let (beta1, beta2) = (cx.momentum.unwrap_or(self.beta1), self.beta2);
        let lr = cx.lr;
        let step = cx.t as f64;
        // Python's `beta**step` (see math::powi); `x ** 0.5` is √x.
        let bc1 = 1.0 - math::powi(beta1, cx.t);
        let beta2_t = math::powi(beta2, cx.t);
        let bc2 = 1.0 - beta2_t;
        let rho_inf = 2.0 / (1.0 - beta2) - 1.0;
        // torch: rho_inf - 2 * step * (beta2**step) / bias_correction2
        self.rho = rho_inf - 2.0 * step * beta2_t / bc2;
        let rectified = self.rho > 5.0;
        self.rect = if rectified {
            let r = self.rho;
            ((r - 4.0) * (r - 2.0) * rho_inf / ((rho_inf - 4.0) * (rho_inf - 2.0) * r)).sqrt()
        } else {
            0.0
        };
        let bc2_sqrt = bc2.sqrt();
        for i in 0..2 {
            let g = u[i];
            self.m[i] = lerp(self.m[i], g, 1.0 - beta1);
            // exp_avg_sq.mul_(β₂).addcmul_(g, g, value=1−β₂), fused.
            self.v[i] = ((1.0 - beta2) * g).mul_add(g, self.v[i] * beta2);
            let m_hat = self.m[i] / bc1;
            if rectified {
                let adaptive = bc2_sqrt / (self.v[i].sqrt() + self.eps);
                self.rate[i] = if m_hat == 0.0 {
                    0.0
                } else {
                    lr * adaptive * self.rect
                };
                // ((m̂·lr)·adaptive)·r, as torch multiplies the tensors.
                u[i] = if m_hat == 0.0 {
                    0.0
                } else {
                    m_hat * lr * adaptive * self.rect
                };
            } else {
                self.rate[i] = lr;
                u[i] = m_hat * lr;
            }
        }
    }

    fn state(&self, out: &mut Vec<StateField>) {
        out.push(StateField::new(StateKey::M, self.m));
        out.push(StateField::new(StateKey::V, self.v));
        out.push(StateField::new(StateKey::Rho, [self.rho; 2]));
        let on = if self.rectified() { 1.0 } else { 0.0 };
        out.push(StateField::new(StateKey::Rectified, [on; 2]));
        out.push(StateField::new(StateKey::Rect, [self.rect; 2]));
    }

    fn lr_eff(&self) -> Option<Vec2> {
        Some(self.rate)
    }
}
