//! `scale_by_adam`: Adam's two moments, bias correction and AMSGrad.
//!
//! d2l (the seed): m ← β1·m + (1−β1)·g; v ← β2·v + (1−β2)·g⊙g;
//! m̂ = m/(1−β1ᵗ); v̂ = v/(1−β2ᵗ); update m̂/(√v̂ + ε) (ε = 1e-6 outside the
//! root, the book's default), then `scale` by η. With bias correction off,
//! m̂ = m and v̂ = v. AMSGrad replaces v by its running maximum.
//!
//! pytorch (`torch.optim.Adam`/`AdamW`, single tensor): m.lerp_(g, 1−β1);
//! v ← v·β2 + (1−β2)·g·g; step_size = lr/(1−β1ᵗ);
//! denom = √v/√(1−β2ᵗ) + ε (ε = 1e-8); update (step_size·m)/denom. With bias
//! correction off both corrections are 1 (torch has no such switch).

use super::{rate, safe_div, Block, Convention, StateField, StateKey, StepCx};
use crate::math;
use crate::Vec2;

/// Adam's moment estimates.
#[derive(Debug, Clone)]
pub struct ScaleByAdam {
    /// First moment (torch: `exp_avg`).
    m: Vec2,
    /// Second moment (torch: `exp_avg_sq`).
    v: Vec2,
    /// Running max of v for AMSGrad (torch: `max_exp_avg_sq`).
    v_max: Vec2,
    m_hat: Vec2,
    v_hat: Vec2,
    rate: Vec2,
    beta1: f64,
    beta2: f64,
    eps: f64,
    bias_correction: bool,
    amsgrad: bool,
    /// Some(lr) for torch's form (lr folded into step_size), None for d2l.
    lr: Option<f64>,
    conv: Convention,
}

impl ScaleByAdam {
    /// The seed's Adam; η is applied by a following `scale` block.
    pub fn d2l(beta1: f64, beta2: f64, eps: f64, bias_correction: bool, amsgrad: bool) -> Self {
        Self::new(
            None,
            beta1,
            beta2,
            eps,
            bias_correction,
            amsgrad,
            Convention::D2l,
        )
    }

    /// torch's Adam, lr included in step_size.
    pub fn torch(
        lr: f64,
        beta1: f64,
        beta2: f64,
        eps: f64,
        bias_correction: bool,
        amsgrad: bool,
    ) -> Self {
        Self::new(
            Some(lr),
            beta1,
            beta2,
            eps,
            bias_correction,
            amsgrad,
            Convention::Pytorch,
        )
    }

    fn new(
        lr: Option<f64>,
        beta1: f64,
        beta2: f64,
        eps: f64,
        bias_correction: bool,
        amsgrad: bool,
        conv: Convention,
    ) -> Self {
        ScaleByAdam {
            m: [0.0; 2],
            v: [0.0; 2],
            v_max: [0.0; 2],
            m_hat: [0.0; 2],
            v_hat: [0.0; 2],
            rate: [0.0; 2],
            beta1,
            beta2,
            eps,
            bias_correction,
            amsgrad,
            lr,
            conv,
        }
    }
}

/// The first-moment update m ← β1·m + (1−β1)·g (d2l) or m.lerp_(g, 1−β1)
/// (pytorch): the one formula, also applied by the inspector to the λ·x
/// share of Adam+L2's m.
pub fn first_moment(conv: Convention, beta1: f64, m: f64, g: f64) -> f64 {
    match conv {
        Convention::D2l => beta1 * m + (1.0 - beta1) * g,
        Convention::Pytorch => lerp(m, g, 1.0 - beta1),
    }
}

/// torch's CPU `lerp(self, end, weight)`.
#[inline]
pub(crate) fn lerp(start: f64, end: f64, weight: f64) -> f64 {
    let diff = end - start;
    if weight.abs() < 0.5 {
        start + weight * diff
    } else {
        end - diff * (1.0 - weight)
    }
}

impl Block for ScaleByAdam {
    fn update(&mut self, u: &mut Vec2, _x: &mut Vec2, cx: &StepCx) {
        if self.lr.is_some() {
            self.lr = Some(cx.lr);
        }
        // β1 as a schedule cycles it (torch's `cycle_momentum` on `betas`).
        let beta1 = cx.momentum.unwrap_or(self.beta1);
        let tf = cx.t as f64;
        let (bc1, bc2) = if self.bias_correction {
            (1.0 - math::pow(beta1, tf), 1.0 - math::pow(self.beta2, tf))
        } else {
            (1.0, 1.0)
        };
        for i in 0..2 {
            let g = u[i];
            match self.conv {
                Convention::D2l => {
                    self.m[i] = first_moment(Convention::D2l, beta1, self.m[i], g);
                    self.v[i] = self.beta2 * self.v[i] + (1.0 - self.beta2) * (g * g);
                    self.v_max[i] = self.v_max[i].max(self.v[i]);
                    let v = if self.amsgrad {
                        self.v_max[i]
                    } else {
                        self.v[i]
                    };
                    self.m_hat[i] = self.m[i] / bc1;
                    self.v_hat[i] = v / bc2;
                    let den = self.v_hat[i].sqrt() + self.eps;
                    self.rate[i] = rate(1.0, den);
                    u[i] = safe_div(self.m_hat[i], den);
                }
                Convention::Pytorch => {
                    let lr = self.lr.unwrap_or(1.0);
                    self.m[i] = first_moment(Convention::Pytorch, beta1, self.m[i], g);
                    // exp_avg_sq.mul_(β₂).addcmul_(g, g, value=1−β₂), fused.
                    self.v[i] = ((1.0 - self.beta2) * g).mul_add(g, self.v[i] * self.beta2);
                    self.v_max[i] = self.v_max[i].max(self.v[i]);
                    let v = if self.amsgrad {
                        self.v_max[i]
                    } else {
                        self.v[i]
                    };
                    let step_size = lr / bc1;
                    let bc2_sqrt = bc2.sqrt();
                    let den = v.sqrt() / bc2_sqrt + self.eps;
                    self.m_hat[i] = self.m[i] / bc1;
                    self.v_hat[i] = v / bc2;
                    self.rate[i] = rate(step_size, den);
                    u[i] = safe_div(step_size * self.m[i], den);
                }
            }
        }
    }

    fn state(&self, out: &mut Vec<StateField>) {
        out.push(StateField::new(StateKey::M, self.m));
        out.push(StateField::new(StateKey::V, self.v));
        if self.amsgrad {
            out.push(StateField::new(StateKey::VMax, self.v_max));
        }
        out.push(StateField::new(StateKey::MHat, self.m_hat));
        out.push(StateField::new(StateKey::VHat, self.v_hat));
    }

    fn lr_eff(&self) -> Option<Vec2> {
        Some(self.rate)
    }
}
