//! `trace`: momentum.
//!
//! d2l (the seed): v ← γ·v + η·g, x ← x − v (η inside the velocity);
//! Nesterov: x ← x − (γ·v + η·g) with the new v.
//! pytorch (SGD): b ← g on the first step, then b ← μ·b + g (torch's
//! `buf.mul_(momentum).add_(grad)`); the update is b, or g + μ·b with
//! Nesterov; a following `scale` block multiplies by lr.

use super::{Block, StateField, StateKey, StepCx};
use crate::Vec2;

/// Momentum with explicit velocity state.
#[derive(Debug, Clone)]
pub struct Trace {
    /// The velocity v (torch: `momentum_buffer`).
    v: Vec2,
    gamma: f64,
    /// Some(η) for the d2l form, None for torch's.
    lr: Option<f64>,
    nesterov: bool,
}

impl Trace {
    /// The seed's momentum: v ← γ·v + η·g.
    pub fn d2l(lr: f64, gamma: f64, nesterov: bool) -> Trace {
        Trace {
            v: [0.0; 2],
            gamma,
            lr: Some(lr),
            nesterov,
        }
    }

    /// torch's buffer: b ← μ·b + g (b = g at the first step).
    pub fn torch(momentum: f64, nesterov: bool) -> Trace {
        Trace {
            v: [0.0; 2],
            gamma: momentum,
            lr: None,
            nesterov,
        }
    }
}

impl Block for Trace {
    fn update(&mut self, u: &mut Vec2, _x: &mut Vec2, cx: &StepCx) {
        if self.lr.is_some() {
            self.lr = Some(cx.lr);
        }
        let t = cx.t;
        // A schedule's cycled γ (torch sets group["momentum"] per step).
        let gamma = cx.momentum.unwrap_or(self.gamma);
        for i in 0..2 {
            match self.lr {
                Some(lr) => {
                    let step = lr * u[i];
                    self.v[i] = gamma * self.v[i] + step;
                    u[i] = if self.nesterov {
                        gamma * self.v[i] + step
                    } else {
                        self.v[i]
                    };
                }
                None => {
                    self.v[i] = if t == 1 {
                        u[i]
                    } else {
                        self.v[i] * gamma + u[i]
                    };
                    u[i] = if self.nesterov {
                        gamma.mul_add(self.v[i], u[i])
                    } else {
                        self.v[i]
                    };
                }
            }
        }
    }

    fn state(&self, out: &mut Vec<StateField>) {
        out.push(StateField::new(StateKey::Velocity, self.v));
    }

    fn lr_eff(&self) -> Option<Vec2> {
        self.lr.map(|lr| [lr, lr])
    }
}
