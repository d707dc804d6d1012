//! Weight decay, in its two places.
//!
//! `add_decayed_weights`: u ← u + λ·x. Put *before* Adam's scaling it is L2
//! regularization (the decay enters m and v: Adam+L2, torch `Adam(weight_decay)`
//! via `grad.add(param, alpha=weight_decay)`); put *after* it, it is the
//! seed's AdamW, x ← x − η·(m̂/(√v̂+ε) + λ·x).
//!
//! `decay_params`: x ← x·(1 − η·λ) before the step, torch's AdamW
//! (`param.mul_(1 - lr * weight_decay)`).

use super::{Block, StateField, StateKey, StepCx};
use crate::Vec2;

/// u ← u + λ·x.
#[derive(Debug, Clone)]
pub struct AddDecayedWeights {
    lambda: f64,
    last: Vec2,
    fused: bool,
}

impl AddDecayedWeights {
    /// With decay λ.
    pub fn new(lambda: f64) -> AddDecayedWeights {
        AddDecayedWeights {
            lambda,
            last: [0.0; 2],
            fused: false,
        }
    }

    /// torch's `grad.add(param, alpha=weight_decay)`: one fused multiply-add.
    pub fn torch(lambda: f64) -> AddDecayedWeights {
        AddDecayedWeights {
            lambda,
            last: [0.0; 2],
            fused: true,
        }
    }
}

impl Block for AddDecayedWeights {
    fn update(&mut self, u: &mut Vec2, x: &mut Vec2, _cx: &StepCx) {
        self.last = [self.lambda * x[0], self.lambda * x[1]];
        for i in 0..2 {
            u[i] = if self.fused {
                self.lambda.mul_add(x[i], u[i])
            } else {
                u[i] + self.last[i]
            };
        }
    }

    fn state(&self, out: &mut Vec<StateField>) {
        out.push(StateField::new(StateKey::DecayGrad, self.last));
    }
}

/// x ← x·(1 − η_t·λ), applied to the parameters before the step.
#[derive(Debug, Clone)]
pub struct DecayParams {
    lambda: f64,
    last: Vec2,
}

impl DecayParams {
    /// Decoupled decay λ (the factor uses each step's η_t).
    pub fn new(lambda: f64) -> DecayParams {
        DecayParams {
            lambda,
            last: [0.0; 2],
        }
    }
}

impl Block for DecayParams {
    fn update(&mut self, _u: &mut Vec2, x: &mut Vec2, cx: &StepCx) {
        let factor = 1.0 - cx.lr * self.lambda;
        let nx = [x[0] * factor, x[1] * factor];
        self.last = [x[0] - nx[0], x[1] - nx[1]];
        *x = nx;
    }

    fn state(&self, out: &mut Vec<StateField>) {
        out.push(StateField::new(StateKey::DecayParams, self.last));
    }
}
