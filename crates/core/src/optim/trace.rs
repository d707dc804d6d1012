//! `trace`: momentum.
//!
//! d2l (the seed): v ← γ·v + η·g, x ← x − v (η inside the velocity);
//! Nesterov: x ← x − (γ·v + η·g) with the new v. With dampening τ (torch's
//! argument; the seed has none) the new gradient enters damped,
//! v ← γ·v + (1−τ)·η·g, at every step from v₀ = 0 — the d2l form keeps its
//! zero start, so with τ = γ the velocity is the seed's EMA of η·g.
//! pytorch (SGD): b ← g on the first step, then b ← μ·b + (1−τ)·g (torch's
//! `buf.mul_(momentum).add_(grad, alpha=1-dampening)`, a fused multiply-add);
//! the update is b, or g + μ·b with Nesterov; a following `scale` block
//! multiplies by lr. With μ = 0 torch keeps no buffer at all and the update
//! is g. torch refuses Nesterov with τ ≠ 0; so does [`super::OptSpec`].
//!
//! γ (μ) is `cx.momentum` when a schedule cycles it (torch's
//! `cycle_momentum`), the optimizer's own otherwise.

use super::{Block, StateField, StateKey, StepCx};
use crate::Vec2;

/// Momentum with explicit velocity state.
#[derive(Debug, Clone)]
pub struct Trace {
    /// The velocity v (torch: `momentum_buffer`).
    v: Vec2,
    /// torch: whether the buffer exists (it is created at the first step
    /// with μ ≠ 0, as g itself).
    started: bool,
    /// What the state panel shows at a step where torch bypasses the
    /// buffer (μ = 0, a cycled momentum at its floor): the update g, while
    /// the buffer itself waits, untouched, for the next μ ≠ 0.
    bypassed: Option<Vec2>,
    gamma: f64,
    dampening: f64,
    /// Some(η) for the d2l form, None for torch's.
    lr: Option<f64>,
    nesterov: bool,
}

impl Trace {
    /// The seed's momentum: v ← γ·v + η·g.
    pub fn d2l(lr: f64, gamma: f64, nesterov: bool) -> Trace {
        Trace {
            v: [0.0; 2],
            started: false,
            bypassed: None,
            gamma,
            dampening: 0.0,
            lr: Some(lr),
            nesterov,
        }
    }

    /// torch's buffer: b ← μ·b + g (b = g at the first step).
    pub fn torch(momentum: f64, nesterov: bool) -> Trace {
        Trace {
            v: [0.0; 2],
            started: false,
            bypassed: None,
            gamma: momentum,
            dampening: 0.0,
            lr: None,
            nesterov,
        }
    }

    /// The same with dampening τ: (1−τ)·η·g (d2l) or (1−τ)·g (torch) enters.
    pub fn with_dampening(mut self, dampening: f64) -> Trace {
        self.dampening = dampening;
        self
    }
}

impl Block for Trace {
    fn update(&mut self, u: &mut Vec2, _x: &mut Vec2, cx: &StepCx) {
        if self.lr.is_some() {
            self.lr = Some(cx.lr);
        }
        let gamma = cx.momentum.unwrap_or(self.gamma);
        let damp = self.dampening;
        match self.lr {
            Some(lr) => {
                for i in 0..2 {
                    let mut step = lr * u[i];
                    if damp != 0.0 {
                        step *= 1.0 - damp;
                    }
                    self.v[i] = gamma * self.v[i] + step;
                    u[i] = if self.nesterov {
                        gamma * self.v[i] + step
                    } else {
                        self.v[i]
                    };
                }
            }
            // torch: `if momentum != 0` — the buffer is neither read nor
            // written, the update is g (shown as the buffer it would be);
            // a cycled μ back above 0 continues the old buffer.
            None if gamma == 0.0 => self.bypassed = Some(*u),
            None => {
                self.bypassed = None;
                for i in 0..2 {
                    self.v[i] = if !self.started {
                        u[i]
                    } else if damp == 0.0 {
                        self.v[i] * gamma + u[i]
                    } else {
                        u[i].mul_add(1.0 - damp, self.v[i] * gamma)
                    };
                    u[i] = if self.nesterov {
                        gamma.mul_add(self.v[i], u[i])
                    } else {
                        self.v[i]
                    };
                }
                self.started = true;
            }
        }
    }

    fn state(&self, out: &mut Vec<StateField>) {
        out.push(StateField::new(
            StateKey::Velocity,
            self.bypassed.unwrap_or(self.v),
        ));
    }

    fn lr_eff(&self) -> Option<Vec2> {
        self.lr.map(|lr| [lr, lr])
    }
}
