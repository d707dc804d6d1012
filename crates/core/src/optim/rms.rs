//! `scale_by_rss` (AdaGrad) and `scale_by_rms` (RMSProp): divide by the root
//! of an accumulated squared gradient.
//!
//! AdaGrad — d2l: s ← s + g⊙g; x ← x − η/√(s + ε) ⊙ g (ε = 1e-6).
//! pytorch: s ← s + g·g; x ← x − (lr·g)/(√s + ε) (ε = 1e-10 outside the
//! root, torch's `addcdiv_(grad, std, value=-clr)`; lr_decay = 0).
//!
//! RMSProp — d2l: s ← γ·s + (1−γ)·g⊙g; x ← x − η/√(s + ε) ⊙ g (ε = 1e-6).
//! pytorch: s ← s·α + (1−α)·g·g with α = our γ; x ← x − (lr·g)/(√s + ε)
//! (ε = 1e-8).

use super::{rate, safe_div, Block, Convention, StateField, StateKey, StepCx};
use crate::Vec2;

/// AdaGrad's accumulator s ← s + g⊙g.
#[derive(Debug, Clone)]
pub struct ScaleByRss {
    /// Σ g² (torch: `state_sum`).
    s: Vec2,
    lr: f64,
    eps: f64,
    conv: Convention,
    rate: Vec2,
}

impl ScaleByRss {
    /// AdaGrad scaling with learning rate and ε, in the given convention.
    pub fn new(lr: f64, eps: f64, conv: Convention) -> ScaleByRss {
        ScaleByRss {
            s: [0.0; 2],
            lr,
            eps,
            conv,
            rate: [lr; 2],
        }
    }
}

impl Block for ScaleByRss {
    fn update(&mut self, u: &mut Vec2, _x: &mut Vec2, cx: &StepCx) {
        self.lr = cx.lr;
        for i in 0..2 {
            let g = u[i];
            match self.conv {
                Convention::D2l => {
                    self.s[i] += g * g;
                    self.rate[i] = rate(self.lr, (self.s[i] + self.eps).sqrt());
                    u[i] = if g == 0.0 { 0.0 } else { self.rate[i] * g };
                }
                Convention::Pytorch => {
                    self.s[i] += 1.0 * g * g;
                    let std = self.s[i].sqrt() + self.eps;
                    self.rate[i] = rate(self.lr, std);
                    u[i] = safe_div(self.lr * g, std);
                }
            }
        }
    }

    fn state(&self, out: &mut Vec<StateField>) {
        out.push(StateField::new(StateKey::SumSq, self.s));
    }

    fn lr_eff(&self) -> Option<Vec2> {
        Some(self.rate)
    }
}

/// RMSProp's leaky accumulator s ← γ·s + (1−γ)·g⊙g.
#[derive(Debug, Clone)]
pub struct ScaleByRms {
    /// EMA of g² (torch: `square_avg`).
    s: Vec2,
    lr: f64,
    gamma: f64,
    eps: f64,
    conv: Convention,
    rate: Vec2,
}

impl ScaleByRms {
    /// RMSProp scaling with learning rate, decay γ (torch α) and ε.
    pub fn new(lr: f64, gamma: f64, eps: f64, conv: Convention) -> ScaleByRms {
        ScaleByRms {
            s: [0.0; 2],
            lr,
            gamma,
            eps,
            conv,
            rate: [lr; 2],
        }
    }
}

impl Block for ScaleByRms {
    fn update(&mut self, u: &mut Vec2, _x: &mut Vec2, cx: &StepCx) {
        self.lr = cx.lr;
        for i in 0..2 {
            let g = u[i];
            match self.conv {
                Convention::D2l => {
                    self.s[i] = self.gamma * self.s[i] + (1.0 - self.gamma) * (g * g);
                    self.rate[i] = rate(self.lr, (self.s[i] + self.eps).sqrt());
                    u[i] = if g == 0.0 { 0.0 } else { self.rate[i] * g };
                }
                Convention::Pytorch => {
                    self.s[i] = self.s[i] * self.gamma + (1.0 - self.gamma) * g * g;
                    let avg = self.s[i].sqrt() + self.eps;
                    self.rate[i] = rate(self.lr, avg);
                    u[i] = safe_div(self.lr * g, avg);
                }
            }
        }
    }

    fn state(&self, out: &mut Vec<StateField>) {
        out.push(StateField::new(StateKey::SumSq, self.s));
    }

    fn lr_eff(&self) -> Option<Vec2> {
        Some(self.rate)
    }
}
