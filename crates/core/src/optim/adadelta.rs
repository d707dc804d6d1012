//! `scale_by_adadelta`: Adadelta, no learning rate needed (η = 1 by default).
//!
//! Both conventions: s ← ρ·s + (1−ρ)·g⊙g; g′ = √(Δx + ε)/√(s + ε) ⊙ g;
//! x ← x − η·g′; Δx ← ρ·Δx + (1−ρ)·g′⊙g′, with ρ our γ.
//! d2l (the book's loop, ε = 1e-5) computes ρ·s + (1−ρ)·(g·g) and
//! (√(Δx+ε)/√(s+ε))·g; pytorch (`torch.optim.Adadelta`, ε = 1e-6) computes
//! s·ρ + ((1−ρ)·g)·g and (√(Δx+ε)/√(s+ε))·g in torch's order.

use super::{rate, Block, Convention, StateField, StateKey, StepCx};
use crate::Vec2;

/// Adadelta's two accumulators.
#[derive(Debug, Clone)]
pub struct ScaleByAdadelta {
    /// EMA of g² (torch: `square_avg`).
    s: Vec2,
    /// EMA of the squared rescaled step (torch: `acc_delta`).
    delta: Vec2,
    rate: Vec2,
    lr: f64,
    rho: f64,
    eps: f64,
    conv: Convention,
}

impl ScaleByAdadelta {
    /// Adadelta with learning rate η, decay ρ (our γ) and ε.
    pub fn new(lr: f64, rho: f64, eps: f64, conv: Convention) -> Self {
        ScaleByAdadelta {
            s: [0.0; 2],
            delta: [0.0; 2],
            rate: [0.0; 2],
            lr,
            rho,
            eps,
            conv,
        }
    }
}

impl Block for ScaleByAdadelta {
    fn update(&mut self, u: &mut Vec2, x: &mut Vec2, cx: &StepCx) {
        self.lr = cx.lr;
        for i in 0..2 {
            let g = u[i];
            let d = match self.conv {
                Convention::D2l => {
                    self.s[i] = self.rho * self.s[i] + (1.0 - self.rho) * (g * g);
                    let r = rate(
                        (self.delta[i] + self.eps).sqrt(),
                        (self.s[i] + self.eps).sqrt(),
                    );
                    self.rate[i] = self.lr * r;
                    let d = if g == 0.0 { 0.0 } else { r * g };
                    self.delta[i] = self.rho * self.delta[i] + (1.0 - self.rho) * (d * d);
                    d
                }
                Convention::Pytorch => {
                    // square_avg.mul_(ρ).addcmul_(g, g, value=1−ρ), fused.
                    self.s[i] = ((1.0 - self.rho) * g).mul_add(g, self.s[i] * self.rho);
                    let std = (self.s[i] + self.eps).sqrt();
                    let r = rate((self.delta[i] + self.eps).sqrt(), std);
                    self.rate[i] = self.lr * r;
                    let d = if g == 0.0 { 0.0 } else { r * g };
                    // acc_delta.mul_(ρ).addcmul_(δ, δ, value=1−ρ), fused.
                    self.delta[i] = ((1.0 - self.rho) * d).mul_add(d, self.delta[i] * self.rho);
                    d
                }
            };
            match self.conv {
                Convention::D2l => u[i] = self.lr * d,
                Convention::Pytorch => {
                    // torch: param.add_(delta, alpha=-lr), a fused multiply-add.
                    x[i] = (-self.lr).mul_add(d, x[i]);
                    u[i] = 0.0;
                }
            }
        }
    }

    fn state(&self, out: &mut Vec<StateField>) {
        out.push(StateField::new(StateKey::SumSq, self.s));
        out.push(StateField::new(StateKey::Delta, self.delta));
    }

    fn lr_eff(&self) -> Option<Vec2> {
        Some(self.rate)
    }
}
