//! `scale_by_rss` (AdaGrad) and `scale_by_rms` (RMSProp): divide by the root
//! of an accumulated squared gradient.
//!
//! AdaGrad — d2l: s ← s + g⊙g; x ← x − η/√(s + ε) ⊙ g (ε = 1e-6).
//! pytorch: s ← s + g·g; x ← x − (ηₜ·g)/(√s + ε) (ε = 1e-10 outside the
//! root, torch's `addcdiv_(grad, std, value=-clr)`).
//! Both: torch's `lr_decay` makes the rate ηₜ = η/(1 + (t−1)·lr_decay), and
//! `initial_accumulator_value` s₀ starts s (torch's defaults 0 and 0 are the
//! seed's AdaGrad).
//!
//! RMSProp — d2l: s ← γ·s + (1−γ)·g⊙g; x ← x − η/√(s + ε) ⊙ g (ε = 1e-6).
//! pytorch: s ← s·α + (1−α)·g·g with α = our γ; x ← x − (lr·g)/(√s + ε)
//! (ε = 1e-8).
//! torch's `centered` also keeps ḡ ← lerp(ḡ, g, 1−α) and divides by
//! √(s − ḡ²) (+ ε outside; d2l: √(s − ḡ² + ε), ḡ ← γ·ḡ + (1−γ)·g); torch's
//! `momentum` μ > 0 accumulates the scaled step, b ← μ·b + g/(√s + ε),
//! x ← x − lr·b (d2l, the seed's momentum form with η inside:
//! v ← μ·v + η/√(s + ε)·g, x ← x − v). μ may be cycled by a schedule
//! (`cx.momentum`: torch's `cycle_momentum` cycles RMSprop's `momentum`).

use super::{rate, safe_div, Block, Convention, StateField, StateKey, StepCx};
use crate::Vec2;

/// AdaGrad's accumulator s ← s + g⊙g.
#[derive(Debug, Clone)]
pub struct ScaleByRss {
    /// Σ g² (torch: `state_sum`).
    s: Vec2,
    lr: f64,
    eps: f64,
    lr_decay: f64,
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
            lr_decay: 0.0,
            conv,
            rate: [lr; 2],
        }
    }

    /// With torch's `lr_decay` and `initial_accumulator_value` s₀.
    pub fn with_decay(mut self, lr_decay: f64, initial: f64) -> ScaleByRss {
        self.lr_decay = lr_decay;
        self.s = [initial; 2];
        self
    }
}

impl Block for ScaleByRss {
    fn update(&mut self, u: &mut Vec2, _x: &mut Vec2, cx: &StepCx) {
        // torch: clr = lr / (1 + (step - 1) * lr_decay), exactly lr at 0.
        self.lr = cx.lr / (1.0 + (cx.t as f64 - 1.0) * self.lr_decay);
        for i in 0..2 {
            let g = u[i];
            match self.conv {
                Convention::D2l => {
                    self.s[i] += g * g;
                    self.rate[i] = rate(self.lr, (self.s[i] + self.eps).sqrt());
                    u[i] = if g == 0.0 { 0.0 } else { self.rate[i] * g };
                }
                Convention::Pytorch => {
                    // state_sum.addcmul_(g, g, value=1), fused (optim/mod.rs).
                    self.s[i] = g.mul_add(g, self.s[i]);
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
    /// EMA of g, centered only (torch: `grad_avg`).
    g_avg: Vec2,
    /// The momentum buffer, μ > 0 only (torch: `momentum_buffer`).
    buf: Vec2,
    lr: f64,
    gamma: f64,
    eps: f64,
    momentum: f64,
    centered: bool,
    conv: Convention,
    rate: Vec2,
}

impl ScaleByRms {
    /// RMSProp scaling with learning rate, decay γ (torch α) and ε.
    pub fn new(lr: f64, gamma: f64, eps: f64, conv: Convention) -> ScaleByRms {
        ScaleByRms {
            s: [0.0; 2],
            g_avg: [0.0; 2],
            buf: [0.0; 2],
            lr,
            gamma,
            eps,
            momentum: 0.0,
            centered: false,
            conv,
            rate: [lr; 2],
        }
    }

    /// With torch's `momentum` μ and `centered`.
    pub fn with(mut self, momentum: f64, centered: bool) -> ScaleByRms {
        self.momentum = momentum;
        self.centered = centered;
        self
    }
}

impl Block for ScaleByRms {
    fn update(&mut self, u: &mut Vec2, x: &mut Vec2, cx: &StepCx) {
        self.lr = cx.lr;
        let mu = cx.momentum.unwrap_or(self.momentum);
        let gamma = self.gamma;
        for i in 0..2 {
            let g = u[i];
            match self.conv {
                Convention::D2l => {
                    self.s[i] = gamma * self.s[i] + (1.0 - gamma) * (g * g);
                    let var = if self.centered {
                        self.g_avg[i] = gamma * self.g_avg[i] + (1.0 - gamma) * g;
                        (self.s[i] - self.g_avg[i] * self.g_avg[i]).max(0.0)
                    } else {
                        self.s[i]
                    };
                    self.rate[i] = rate(self.lr, (var + self.eps).sqrt());
                    let step = if g == 0.0 { 0.0 } else { self.rate[i] * g };
                    u[i] = if mu > 0.0 {
                        self.buf[i] = mu * self.buf[i] + step;
                        self.buf[i]
                    } else {
                        step
                    };
                }
                Convention::Pytorch => {
                    // square_avg.mul_(α).addcmul_(g, g, value=1−α), fused.
                    self.s[i] = ((1.0 - gamma) * g).mul_add(g, self.s[i] * gamma);
                    let root = if self.centered {
                        self.g_avg[i] = super::adam::lerp(self.g_avg[i], g, 1.0 - gamma);
                        // s.addcmul(ḡ, ḡ, value=-1), fused; a rounding
                        // below 0 is NaN in torch and here (the run stops
                        // there, as torch's and its `code` script's do:
                        // α = 0 makes s − ḡ² g²'s own rounding error).
                        (-self.g_avg[i]).mul_add(self.g_avg[i], self.s[i]).sqrt()
                    } else {
                        self.s[i].sqrt()
                    };
                    let avg = root + self.eps;
                    self.rate[i] = rate(self.lr, avg);
                    if mu > 0.0 {
                        // buf.mul_(μ).addcdiv_(g, avg); param.add_(buf, alpha=-lr)
                        self.buf[i] = self.buf[i] * mu + safe_div(g, avg);
                        x[i] = (-self.lr).mul_add(self.buf[i], x[i]);
                        u[i] = 0.0;
                    } else {
                        u[i] = safe_div(self.lr * g, avg);
                    }
                }
            }
        }
    }

    fn state(&self, out: &mut Vec<StateField>) {
        out.push(StateField::new(StateKey::SumSq, self.s));
        if self.centered {
            out.push(StateField::new(StateKey::GradAvg, self.g_avg));
        }
        if self.momentum > 0.0 {
            out.push(StateField::new(StateKey::RmsBuffer, self.buf));
        }
    }

    fn lr_eff(&self) -> Option<Vec2> {
        Some(self.rate)
    }
}
