//! An optimizer as a scene describes it ([`OptSpec`]) and built into its
//! chain of blocks ([`Optimizer`]).

use super::hyper::{FlagKey, Hyper, HyperKey};
use super::keys::Key;
use super::range::{KeyValue, Range};
use super::{
    AddDecayedWeights, Block, Convention, DecayParams, Fault, Newton, OptKind, Oracle, Scale,
    ScaleByAdadelta, ScaleByAdam, ScaleByAdamax, ScaleByLbfgs, ScaleByLion, ScaleByNadam,
    ScaleByRadam, ScaleByRms, ScaleByRprop, ScaleByRss, StateField, StepCx, Trace,
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
    /// λ when this optimizer decays the parameters apart from the
    /// gradient, x·(1 − η·λ) each step (AdamW; Lion; NAdam and RAdam with
    /// `decoupled`); `None` without decay or with L2's g + λ·x.
    pub fn decoupled_decay(&self) -> Option<f64> {
        let h = &self.hyper;
        let decoupled = match self.kind {
            OptKind::Adamw | OptKind::Lion => true,
            OptKind::Nadam | OptKind::Radam => h.decoupled,
            _ => false,
        };
        (decoupled && h.lambda != 0.0).then_some(h.lambda)
    }
    /// λ when this optimizer adds λ·x to the gradient (L2: GD, momentum,
    /// AdaGrad, RMSProp, Adam+L2, Adamax; NAdam and RAdam without
    /// `decoupled`): it follows the gradient of f + λ/2·‖x‖². `None`
    /// without decay or with [`OptSpec::decoupled_decay`].
    pub fn coupled_decay(&self) -> Option<f64> {
        let uses = self.kind.uses(super::keys::Key::Hyper(HyperKey::Lambda));
        (uses && self.hyper.lambda != 0.0 && self.decoupled_decay().is_none())
            .then_some(self.hyper.lambda)
    }

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
        for &key in self.kind.keys() {
            let v = key.get(&self.hyper);
            if !key.range().allows(v) {
                return Err(HyperError::of(key, v));
            }
        }
        // torch: "Nesterov momentum requires a momentum and zero dampening".
        let h = &self.hyper;
        if self.kind.uses(FlagKey::Nesterov) && h.nesterov {
            if h.gamma <= 0.0 {
                return Err(HyperError {
                    key: Key::Hyper(HyperKey::Gamma),
                    value: KeyValue::Number(h.gamma),
                    range: Range::PositiveWithNesterov,
                });
            }
            if h.dampening != 0.0 {
                return Err(HyperError {
                    key: Key::Hyper(HyperKey::Dampening),
                    value: KeyValue::Number(h.dampening),
                    range: Range::ZeroWithNesterov,
                });
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
        // torch's coupled weight decay `grad.add(param, alpha=weight_decay)`
        // (a fused multiply-add; the seed's g + λ·x in d2l), only when λ ≠ 0
        // as torch's `if weight_decay != 0`, so λ = 0 is bit-for-bit the
        // optimizer without it.
        let l2 = |torch: bool| -> Option<Box<dyn Block>> {
            match (h.lambda != 0.0, torch) {
                (false, _) => None,
                (true, true) => Some(Box::new(AddDecayedWeights::torch(h.lambda))),
                (true, false) => Some(Box::new(AddDecayedWeights::new(h.lambda))),
            }
        };
        // NAdam's and RAdam's `decoupled_weight_decay`: x·(1 − η·λ) first.
        let decay = || -> Option<Box<dyn Block>> {
            if h.decoupled && h.lambda != 0.0 {
                Some(Box::new(DecayParams::new(h.lambda)))
            } else {
                l2(true)
            }
        };
        let with = |first: Option<Box<dyn Block>>, rest: Vec<Box<dyn Block>>| {
            first.into_iter().chain(rest).collect::<Vec<_>>()
        };
        let blocks: Vec<Box<dyn Block>> = match (self.kind, d2l) {
            (OptKind::Gd, true) => with(l2(false), vec![Box::new(Scale::new(h.lr))]),
            (OptKind::Gd, false) => with(l2(true), vec![Box::new(Scale::torch_apply(h.lr))]),
            (OptKind::Momentum, true) => with(
                l2(false),
                vec![Box::new(
                    Trace::d2l(h.lr, h.gamma, h.nesterov).with_dampening(h.dampening),
                )],
            ),
            (OptKind::Momentum, false) => with(
                l2(true),
                vec![
                    Box::new(Trace::torch(h.gamma, h.nesterov).with_dampening(h.dampening)),
                    Box::new(Scale::torch_apply(h.lr)),
                ],
            ),
            (OptKind::Adagrad, _) => with(
                l2(!d2l),
                vec![Box::new(
                    ScaleByRss::new(h.lr, h.eps, conv)
                        .with_decay(h.lr_decay, h.initial_accumulator_value),
                )],
            ),
            (OptKind::Rmsprop, _) => with(
                l2(!d2l),
                vec![Box::new(
                    ScaleByRms::new(h.lr, h.gamma, h.eps, conv).with(h.momentum, h.centered),
                )],
            ),
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
            (OptKind::Nadam, _) => with(
                decay(),
                vec![Box::new(ScaleByNadam::new(
                    h.lr,
                    h.beta1,
                    h.beta2,
                    h.eps,
                    h.momentum_decay,
                ))],
            ),
            (OptKind::Adadelta, _) => {
                vec![Box::new(ScaleByAdadelta::new(h.lr, h.gamma, h.eps, conv))]
            }
            (OptKind::Adamax, _) => with(
                l2(true),
                vec![Box::new(ScaleByAdamax::new(h.beta1, h.beta2, h.eps))],
            ),
            (OptKind::Radam, _) => with(
                decay(),
                vec![Box::new(ScaleByRadam::new(h.beta1, h.beta2, h.eps))],
            ),
            (OptKind::Rprop, _) => vec![Box::new(ScaleByRprop::new(h.etas, h.step_sizes))],
            // lion-pytorch multiplies by (1 − lr·wd) even at wd = 0 (by 1).
            (OptKind::Lion, _) => vec![
                Box::new(DecayParams::new(h.lambda)),
                Box::new(ScaleByLion::new(h.beta1, h.beta2)),
            ],
            (OptKind::Lbfgs, _) => vec![Box::new(ScaleByLbfgs::new(h.history_size, h.line_search))],
            (OptKind::Newton, _) => vec![Box::new(Newton::new())],
        };
        Ok(Optimizer { blocks, t: 0 })
    }
}

/// A hyper-parameter outside its allowed range.
#[derive(Debug, Clone, PartialEq)]
pub struct HyperError {
    /// Which key.
    pub key: Key,
    /// The value given.
    pub value: KeyValue,
    /// What is allowed (the key's own range, or a rule between keys).
    pub range: Range,
}

impl HyperError {
    /// The error for numeric `key` holding `value`.
    pub fn new(key: HyperKey, value: f64) -> HyperError {
        HyperError::of(Key::Hyper(key), KeyValue::Number(value))
    }

    /// The error for any `key` holding `value`, outside the key's range.
    pub fn of(key: Key, value: KeyValue) -> HyperError {
        HyperError {
            key,
            value,
            range: key.range(),
        }
    }
}

/// A built optimizer: its chain of blocks and the step counter.
pub struct Optimizer {
    blocks: Vec<Box<dyn Block>>,
    t: u64,
}

impl Optimizer {
    /// The optimizer that runs `blocks` in order (optax's `chain`), then
    /// applies x ← x − u.
    pub fn chain(blocks: Vec<Box<dyn Block>>) -> Optimizer {
        Optimizer { blocks, t: 0 }
    }

    /// The first block's fault at the last step, if one could not take it
    /// (the walker stops the run there).
    pub fn fault(&self) -> Option<Fault> {
        self.blocks.iter().find_map(|b| b.fault())
    }

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
