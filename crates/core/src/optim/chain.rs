//! An optimizer as a scene describes it ([`OptSpec`]) and built into its
//! chain of blocks ([`Optimizer`]).

use super::hyper::{Hyper, HyperKey};
use super::{
    AddDecayedWeights, Block, Convention, DecayParams, OptKind, Oracle, Scale, ScaleByAdadelta,
    ScaleByAdam, ScaleByNadam, ScaleByRms, ScaleByRss, StateField, StepCx, Trace,
};
use crate::Vec2;

/// An optimizer as a scene describes it: kind and resolved hyper-parameters.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct OptSpec {
    /// Which optimizer.
    pub kind: OptKind,
    /// Its hyper-parameters (only those in `kind.keys()` matter).
    pub hyper: Hyper,
    /// Its learning-rate schedule (None: η throughout).
    pub schedule: Option<crate::schedule::Schedule>,
}

impl OptSpec {
    /// The kind with the convention's defaults.
    pub fn new(kind: OptKind, conv: Convention) -> OptSpec {
        OptSpec {
            kind,
            hyper: kind.defaults(conv),
            schedule: None,
        }
    }

    /// Check every hyper-parameter this kind uses against its allowed range.
    /// The error names the key, the value and the range.
    pub fn validate(&self) -> Result<(), HyperError> {
        for key in self.kind.keys().iter().filter_map(|k| k.hyper()) {
            let v = key.get(&self.hyper);
            if !key.in_range(v) {
                return Err(HyperError::new(key, v));
            }
        }
        Ok(())
    }

    /// Build the optimizer's block chain (validating first).
    pub fn build(&self, conv: Convention) -> Result<Optimizer, HyperError> {
        self.validate()?;
        let h = self.hyper;
        let d2l = conv == Convention::D2l;
        let adam = || -> Box<dyn Block> {
            if d2l {
                Box::new(ScaleByAdam::d2l(
                    h.beta1,
                    h.beta2,
                    h.eps,
                    h.bias_correction,
                    h.amsgrad,
                ))
            } else {
                Box::new(ScaleByAdam::torch(
                    h.lr,
                    h.beta1,
                    h.beta2,
                    h.eps,
                    h.bias_correction,
                    h.amsgrad,
                ))
            }
        };
        let blocks: Vec<Box<dyn Block>> = match (self.kind, d2l) {
            (OptKind::Gd, true) => vec![Box::new(Scale::new(h.lr))],
            (OptKind::Gd, false) => vec![Box::new(Scale::torch_apply(h.lr))],
            (OptKind::Momentum, true) => vec![Box::new(Trace::d2l(h.lr, h.gamma, h.nesterov))],
            (OptKind::Momentum, false) => {
                vec![
                    Box::new(Trace::torch(h.gamma, h.nesterov)),
                    Box::new(Scale::torch_apply(h.lr)),
                ]
            }
            (OptKind::Adagrad, _) => vec![Box::new(ScaleByRss::new(h.lr, h.eps, conv))],
            (OptKind::Rmsprop, _) => vec![Box::new(ScaleByRms::new(h.lr, h.gamma, h.eps, conv))],
            (OptKind::Adam, true) => vec![adam(), Box::new(Scale::new(h.lr))],
            (OptKind::Adam, false) => vec![Box::new(AddDecayedWeights::torch(0.0)), adam()],
            (OptKind::AdamL2, true) => vec![
                Box::new(AddDecayedWeights::new(h.lambda)),
                adam(),
                Box::new(Scale::new(h.lr)),
            ],
            (OptKind::AdamL2, false) => vec![Box::new(AddDecayedWeights::torch(h.lambda)), adam()],
            (OptKind::Adamw, true) => vec![
                adam(),
                Box::new(AddDecayedWeights::new(h.lambda)),
                Box::new(Scale::new(h.lr)),
            ],
            (OptKind::Adamw, false) => vec![Box::new(DecayParams::new(h.lambda)), adam()],
            (OptKind::Nadam, _) => vec![Box::new(ScaleByNadam::new(
                h.lr,
                h.beta1,
                h.beta2,
                h.eps,
                h.momentum_decay,
            ))],
            (OptKind::Adadelta, _) => {
                vec![Box::new(ScaleByAdadelta::new(h.lr, h.gamma, h.eps, conv))]
            }
        };
        Ok(Optimizer { blocks, t: 0 })
    }
}

/// A hyper-parameter outside its allowed range.
#[derive(Debug, Clone, PartialEq)]
pub struct HyperError {
    /// Which key (its range says what is allowed).
    pub key: HyperKey,
    /// The value given.
    pub value: f64,
}

impl HyperError {
    /// The error for `key` holding `value`.
    pub fn new(key: HyperKey, value: f64) -> HyperError {
        HyperError { key, value }
    }
}

/// A built optimizer: its chain of blocks and the step counter.
pub struct Optimizer {
    blocks: Vec<Box<dyn Block>>,
    t: u64,
}

impl Optimizer {
    /// One step at `x` with gradient `g` and the rates the step uses
    /// (`lr`: η_t; `momentum`: a schedule's γ or β1, if it cycles one): runs
    /// the chain and applies `x ← x − u`. Returns the final update `u`.
    pub fn step(
        &mut self,
        x: &mut Vec2,
        g: Vec2,
        lr: f64,
        momentum: Option<f64>,
        surface: &dyn Oracle,
    ) -> Vec2 {
        self.t += 1;
        let cx = StepCx {
            t: self.t,
            lr,
            momentum,
            surface,
        };
        let mut u = g;
        for b in &mut self.blocks {
            b.update(&mut u, x, &cx);
        }
        x[0] -= u[0];
        x[1] -= u[1];
        u
    }

    /// Steps taken so far.
    pub fn steps(&self) -> u64 {
        self.t
    }

    /// Every block's state after the last step, in chain order.
    pub fn state(&self, out: &mut Vec<StateField>) {
        for b in &self.blocks {
            b.state(out);
        }
    }

    /// The effective per-coordinate learning rate of the last step: the
    /// product of what each block defines (η/√(s+ε), …).
    pub fn lr_eff(&self) -> Vec2 {
        let mut r = [1.0, 1.0];
        for b in &self.blocks {
            if let Some(e) = b.lr_eff() {
                r = [r[0] * e[0], r[1] * e[1]];
            }
        }
        r
    }
}
