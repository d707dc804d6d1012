//! `scale_by_nadam`: NAdam as torch computes it (`torch.optim.NAdam`), with
//! its momentum decay ψ (default 0.004):
//!
//! μₜ = β1·(1 − ½·0.96^(t·ψ)), μₜ₊₁ likewise, Πμ ← Πμ·μₜ;
//! m.lerp_(g, 1−β1); v ← v·β2 + (1−β2)·g·g; denom = √(v/(1−β2ᵗ)) + ε;
//! x ← x − (η(1−μₜ)/(1−Πμ))·g/denom − (η·μₜ₊₁/(1−Πμ·μₜ₊₁))·m/denom.
//!
//! *Dive into Deep Learning* has no NAdam, so both conventions use torch's
//! formula; the d2l default ε is 1e-8 as in torch.

use super::adam::lerp;
use super::{rate, safe_div, Block, StateField, StateKey, StepCx};
use crate::math;
use crate::Vec2;

/// NAdam's moments and momentum-schedule product.
#[derive(Debug, Clone)]
pub struct ScaleByNadam {
    /// First moment (torch: `exp_avg`).
    m: Vec2,
    /// Second moment (torch: `exp_avg_sq`).
    v: Vec2,
    /// Πμ (torch: `mu_product`).
    mu_product: f64,
    /// μₜ and μₜ₊₁ of the last step (reported for the inspector).
    mu: f64,
    mu_next: f64,
    rate: Vec2,
    lr: f64,
    beta1: f64,
    beta2: f64,
    eps: f64,
    momentum_decay: f64,
}

impl ScaleByNadam {
    /// NAdam with torch's hyper-parameters.
    pub fn new(lr: f64, beta1: f64, beta2: f64, eps: f64, momentum_decay: f64) -> Self {
        ScaleByNadam {
            m: [0.0; 2],
            v: [0.0; 2],
            mu_product: 1.0,
            mu: 0.0,
            mu_next: 0.0,
            rate: [0.0; 2],
            lr,
            beta1,
            beta2,
            eps,
            momentum_decay,
        }
    }
}

impl Block for ScaleByNadam {
    fn update(&mut self, u: &mut Vec2, x: &mut Vec2, cx: &StepCx) {
        self.lr = cx.lr;
        let step = cx.t as f64;
        // A schedule's cycled β1 (torch sets group["betas"][0] per step).
        let beta1 = cx.momentum.unwrap_or(self.beta1);
        let bc2 = 1.0 - math::pow(self.beta2, step);
        let mu = beta1 * (1.0 - 0.5 * math::pow(0.96, step * self.momentum_decay));
        let mu_next = beta1 * (1.0 - 0.5 * math::pow(0.96, (step + 1.0) * self.momentum_decay));
        self.mu_product *= mu;
        (self.mu, self.mu_next) = (mu, mu_next);
        let mu_product_next = self.mu_product * mu_next;
        let c_grad = self.lr * (1.0 - mu) / (1.0 - self.mu_product);
        let c_avg = self.lr * mu_next / (1.0 - mu_product_next);
        for i in 0..2 {
            let g = u[i];
            self.m[i] = lerp(self.m[i], g, 1.0 - beta1);
            // exp_avg_sq.mul_(β₂).addcmul_(g, g, value=1−β₂), fused.
            self.v[i] = ((1.0 - self.beta2) * g).mul_add(g, self.v[i] * self.beta2);
            let den = (self.v[i] / bc2).sqrt() + self.eps;
            // torch applies the two addcdiv_ one after the other.
            x[i] -= safe_div(c_grad * g, den);
            u[i] = safe_div(c_avg * self.m[i], den);
            self.rate[i] = rate(c_avg, den);
        }
    }

    fn state(&self, out: &mut Vec<StateField>) {
        out.push(StateField::new(StateKey::M, self.m));
        out.push(StateField::new(StateKey::V, self.v));
        out.push(StateField::new(StateKey::Mu, [self.mu; 2]));
        out.push(StateField::new(StateKey::MuNext, [self.mu_next; 2]));
        out.push(StateField::new(StateKey::MuProduct, [self.mu_product; 2]));
    }

    fn lr_eff(&self) -> Option<Vec2> {
        Some(self.rate)
    }
}
