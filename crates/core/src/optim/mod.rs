//! Optimizers as chains of small blocks with explicit state (optax style).
//!
//! A [`Block`] turns the update `u` (the gradient when the chain starts) into
//! a new update; a block may also touch the parameters directly (torch's
//! decoupled weight decay does). After the last block the chain applies
//! `x ← x − u`. The named optimizers in [`OptKind`] are short compositions:
//! `adam_l2` and `adamw` are the same blocks with the decay moved, which is
//! the seed's whole AdamW lesson.
//!
//! Two numeric conventions ([`Convention`]): `d2l` computes the seed's (and
//! *Dive into Deep Learning*'s) formulas; `pytorch` computes what
//! `torch.optim` 2.x computes in float64, in torch's order of operations.

mod adadelta;
mod adam;
mod decay;
mod nadam;
mod rms;
mod scale;
mod trace;

pub use adadelta::ScaleByAdadelta;
pub use adam::{first_moment, ScaleByAdam};
pub use decay::{AddDecayedWeights, DecayParams};
pub use nadam::ScaleByNadam;
pub use rms::{ScaleByRms, ScaleByRss};
pub use scale::Scale;
pub use trace::Trace;

use crate::Vec2;

/// Which arithmetic the optimizers follow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Convention {
    /// The seed's formulas (*Dive into Deep Learning*): ε inside the root for
    /// AdaGrad/RMSProp, momentum v ← γ·v + η·g.
    #[default]
    D2l,
    /// `torch.optim` 2.x, float64, single-tensor path.
    Pytorch,
}

impl Convention {
    /// The scene name.
    pub fn name(self) -> &'static str {
        match self {
            Convention::D2l => "d2l",
            Convention::Pytorch => "pytorch",
        }
    }

    /// From the scene name.
    pub fn from_name(s: &str) -> Option<Convention> {
        match s {
            "d2l" => Some(Convention::D2l),
            "pytorch" => Some(Convention::Pytorch),
            _ => None,
        }
    }
}

/// Which state quantity a block reports (typed; the JSON key of
/// `simulate --state` is [`StateKey::json_name`], the words and symbols are
/// the text layer's).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StateKey {
    /// Momentum's velocity v (d2l) or buffer b (torch `momentum_buffer`).
    Velocity,
    /// AdaGrad's Σg², RMSProp's and Adadelta's moving average of g².
    SumSq,
    /// Adam's/NAdam's first moment m.
    M,
    /// Adam's/NAdam's second moment v.
    V,
    /// AMSGrad's running maximum of v.
    VMax,
    /// Bias-corrected m.
    MHat,
    /// Bias-corrected v.
    VHat,
    /// Adadelta's moving average of squared steps Δx.
    Delta,
    /// λ·x added to the update (L2 / the seed's AdamW).
    DecayGrad,
    /// x − x·(1 − η·λ), torch AdamW's decoupled decay.
    DecayParams,
    /// NAdam's μₜ (both coordinates).
    Mu,
    /// NAdam's μₜ₊₁.
    MuNext,
    /// NAdam's Πμ up to step t.
    MuProduct,
}

impl StateKey {
    /// The key in `simulate --state`'s JSON; None for the NAdam schedule,
    /// which the inspector reads but the output format never had.
    pub fn json_name(self) -> Option<&'static str> {
        Some(match self {
            StateKey::Velocity | StateKey::V => "v",
            StateKey::SumSq => "s",
            StateKey::M => "m",
            StateKey::VMax => "v_max",
            StateKey::MHat => "m̂",
            StateKey::VHat => "v̂",
            StateKey::Delta => "Δx",
            StateKey::DecayGrad => "λx",
            StateKey::DecayParams => "ηλx",
            StateKey::Mu | StateKey::MuNext | StateKey::MuProduct => return None,
        })
    }
}

/// A state vector of a block, for the state inspector.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StateField {
    /// Which quantity.
    pub key: StateKey,
    /// Its value per coordinate (scalars repeat the value).
    pub value: Vec2,
}

impl StateField {
    /// `key` with `value`.
    pub fn new(key: StateKey, value: Vec2) -> StateField {
        StateField { key, value }
    }
}

/// The value of `key` among `fields` (zero when absent).
pub fn find(fields: &[StateField], key: StateKey) -> Vec2 {
    fields
        .iter()
        .find(|f| f.key == key)
        .map_or([0.0; 2], |f| f.value)
}

/// One transformation of the update, with its own state.
pub trait Block {
    /// Transform the update `u` at step `t` (1-based). `x` is the current
    /// position; a block may change it (decoupled weight decay).
    fn update(&mut self, u: &mut Vec2, x: &mut Vec2, t: u64);

    /// The block's state after the last update.
    fn state(&self, _out: &mut Vec<StateField>) {}

    /// The effective per-coordinate learning rate this block applied at the
    /// last update (η for plain scaling, η/√(s+ε) for AdaGrad, …), if it
    /// defines one.
    fn lr_eff(&self) -> Option<Vec2> {
        None
    }
}

/// The optimizers a scene can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OptKind {
    /// Gradient descent.
    Gd,
    /// Momentum (heavy ball), optionally Nesterov.
    Momentum,
    /// AdaGrad.
    Adagrad,
    /// RMSProp.
    Rmsprop,
    /// Adam (bias correction on/off, AMSGrad).
    Adam,
    /// Adam on the L2-regularized loss: the decay enters m and v.
    AdamL2,
    /// AdamW: decoupled weight decay, bypassing m and v.
    Adamw,
    /// NAdam (Adam with Nesterov momentum, torch's momentum decay).
    Nadam,
    /// Adadelta.
    Adadelta,
}

/// Every kind, in the order the UI lists them.
pub const ALL_KINDS: [OptKind; 9] = [
    OptKind::Gd,
    OptKind::Momentum,
    OptKind::Adagrad,
    OptKind::Rmsprop,
    OptKind::Adam,
    OptKind::AdamL2,
    OptKind::Adamw,
    OptKind::Nadam,
    OptKind::Adadelta,
];

impl OptKind {
    /// The scene name.
    pub fn name(self) -> &'static str {
        match self {
            OptKind::Gd => "gd",
            OptKind::Momentum => "momentum",
            OptKind::Adagrad => "adagrad",
            OptKind::Rmsprop => "rmsprop",
            OptKind::Adam => "adam",
            OptKind::AdamL2 => "adam_l2",
            OptKind::Adamw => "adamw",
            OptKind::Nadam => "nadam",
            OptKind::Adadelta => "adadelta",
        }
    }

    /// A display name.
    pub fn title(self) -> &'static str {
        match self {
            OptKind::Gd => "GD",
            OptKind::Momentum => "Momentum",
            OptKind::Adagrad => "AdaGrad",
            OptKind::Rmsprop => "RMSProp",
            OptKind::Adam => "Adam",
            OptKind::AdamL2 => "Adam+L2",
            OptKind::Adamw => "AdamW",
            OptKind::Nadam => "NAdam",
            OptKind::Adadelta => "Adadelta",
        }
    }

    /// From the scene name.
    pub fn from_name(s: &str) -> Option<OptKind> {
        ALL_KINDS.iter().copied().find(|k| k.name() == s)
    }

    /// The scene keys this kind uses (besides `kind`).
    pub fn keys(self) -> &'static [&'static str] {
        match self {
            OptKind::Gd => &["lr"],
            OptKind::Momentum => &["lr", "gamma", "nesterov"],
            OptKind::Adagrad => &["lr", "eps"],
            OptKind::Rmsprop => &["lr", "gamma", "eps"],
            OptKind::Adam => &["lr", "beta1", "beta2", "eps", "bias_correction", "amsgrad"],
            OptKind::AdamL2 | OptKind::Adamw => &[
                "lr",
                "beta1",
                "beta2",
                "eps",
                "lambda",
                "bias_correction",
                "amsgrad",
            ],
            OptKind::Nadam => &["lr", "beta1", "beta2", "eps", "momentum_decay"],
            OptKind::Adadelta => &["lr", "gamma", "eps"],
        }
    }

    /// The hyper-parameters this kind takes when a scene omits them.
    ///
    /// d2l: the seed's η = 0.4 (γ = 0.5 for momentum, 0.9 for RMSProp) for
    /// the seed's four optimizers; Adam family η = 0.1, β = (0.9, 0.999),
    /// ε = 1e-6 (the book's Adam); λ = 0.01; AdaGrad/RMSProp ε = 1e-6 inside
    /// the root; Adadelta ρ = 0.9, ε = 1e-5, η = 1 (the book's). pytorch:
    /// torch.optim's own defaults (SGD lr 1e-3; Adagrad lr 1e-2, ε 1e-10;
    /// RMSprop lr 1e-2, α 0.99, ε 1e-8; Adam/AdamW lr 1e-3, ε 1e-8, AdamW
    /// weight_decay 1e-2; NAdam lr 2e-3, momentum_decay 4e-3; Adadelta lr 1,
    /// ρ 0.9, ε 1e-6).
    pub fn defaults(self, conv: Convention) -> Hyper {
        let base = Hyper::default();
        match conv {
            Convention::D2l => match self {
                OptKind::Gd => Hyper { lr: 0.4, ..base },
                OptKind::Momentum => Hyper {
                    lr: 0.4,
                    gamma: 0.5,
                    ..base
                },
                OptKind::Adagrad => Hyper {
                    lr: 0.4,
                    eps: 1e-6,
                    ..base
                },
                OptKind::Rmsprop => Hyper {
                    lr: 0.4,
                    gamma: 0.9,
                    eps: 1e-6,
                    ..base
                },
                OptKind::Adam | OptKind::AdamL2 | OptKind::Adamw => Hyper {
                    lr: 0.1,
                    eps: 1e-6,
                    ..base
                },
                OptKind::Nadam => Hyper {
                    lr: 0.1,
                    eps: 1e-8,
                    ..base
                },
                OptKind::Adadelta => Hyper {
                    lr: 1.0,
                    gamma: 0.9,
                    eps: 1e-5,
                    ..base
                },
            },
            Convention::Pytorch => match self {
                OptKind::Gd | OptKind::Momentum => Hyper {
                    lr: 1e-3,
                    gamma: 0.9,
                    ..base
                },
                OptKind::Adagrad => Hyper {
                    lr: 1e-2,
                    eps: 1e-10,
                    ..base
                },
                OptKind::Rmsprop => Hyper {
                    lr: 1e-2,
                    gamma: 0.99,
                    eps: 1e-8,
                    ..base
                },
                OptKind::Adam | OptKind::AdamL2 | OptKind::Adamw => Hyper {
                    lr: 1e-3,
                    eps: 1e-8,
                    ..base
                },
                OptKind::Nadam => Hyper {
                    lr: 2e-3,
                    eps: 1e-8,
                    ..base
                },
                OptKind::Adadelta => Hyper {
                    lr: 1.0,
                    gamma: 0.9,
                    eps: 1e-6,
                    ..base
                },
            },
        }
    }
}

/// Every hyper-parameter of every optimizer; each kind reads the ones in
/// [`OptKind::keys`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hyper {
    /// η, the learning rate (`lr`).
    pub lr: f64,
    /// γ: momentum (torch `momentum`), RMSProp decay (torch `alpha`),
    /// Adadelta ρ (torch `rho`).
    pub gamma: f64,
    /// β1, Adam's first-moment decay.
    pub beta1: f64,
    /// β2, Adam's second-moment decay.
    pub beta2: f64,
    /// ε, the denominator's guard.
    pub eps: f64,
    /// λ, weight decay (torch `weight_decay`).
    pub lambda: f64,
    /// ψ, NAdam's momentum decay (torch `momentum_decay`).
    pub momentum_decay: f64,
    /// Adam's bias correction m̂ = m/(1−β1ᵗ), v̂ = v/(1−β2ᵗ).
    pub bias_correction: bool,
    /// Nesterov momentum.
    pub nesterov: bool,
    /// AMSGrad: use the running maximum of v.
    pub amsgrad: bool,
}

impl Default for Hyper {
    fn default() -> Self {
        Hyper {
            lr: 0.1,
            gamma: 0.9,
            beta1: 0.9,
            beta2: 0.999,
            eps: 1e-8,
            lambda: 0.01,
            momentum_decay: 0.004,
            bias_correction: true,
            nesterov: false,
            amsgrad: false,
        }
    }
}

/// An optimizer as a scene describes it: kind and resolved hyper-parameters.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct OptSpec {
    /// Which optimizer.
    pub kind: OptKind,
    /// Its hyper-parameters (only those in `kind.keys()` matter).
    pub hyper: Hyper,
}

impl OptSpec {
    /// The kind with the convention's defaults.
    pub fn new(kind: OptKind, conv: Convention) -> OptSpec {
        OptSpec {
            kind,
            hyper: kind.defaults(conv),
        }
    }

    /// Check every hyper-parameter this kind uses against its allowed range.
    /// The error names the field and the range.
    pub fn validate(&self) -> Result<(), HyperError> {
        for key in self.kind.keys() {
            if crate::params::param_info(self.kind, key).is_none() {
                continue; // a switch: always valid
            }
            let v = crate::params::get(&self.hyper, key);
            if !in_range(key, v) {
                return Err(HyperError {
                    field: key,
                    value: v,
                    allowed: allowed_range(key),
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
            (OptKind::Adamw, false) => vec![Box::new(DecayParams::new(h.lr, h.lambda)), adam()],
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

fn unit(v: f64) -> bool {
    (0.0..1.0).contains(&v)
}

/// Whether `v` is allowed for a numeric hyper-parameter key.
pub fn in_range(key: &str, v: f64) -> bool {
    match key {
        "lr" => v.is_finite() && v > 0.0,
        "gamma" | "beta1" | "beta2" => unit(v),
        "eps" | "lambda" | "momentum_decay" => v.is_finite() && v >= 0.0,
        _ => true,
    }
}

/// What a hyper-parameter key allows, in the words of the error messages.
pub fn allowed_range(key: &str) -> &'static str {
    match key {
        "lr" => "a finite number > 0",
        "gamma" | "beta1" | "beta2" => "a number in [0, 1)",
        "eps" | "lambda" | "momentum_decay" => "a finite number ≥ 0",
        "bias_correction" | "nesterov" | "amsgrad" => "true or false",
        _ => "a number",
    }
}

/// Format a number short: 0.4, 1e-6, 100.
pub fn fmt_num(v: f64) -> String {
    if v != 0.0 && (v.abs() < 1e-3 || v.abs() >= 1e5) {
        format!("{v:e}")
    } else {
        format!("{v}")
    }
}

/// A hyper-parameter outside its allowed range.
#[derive(Debug, Clone, PartialEq)]
pub struct HyperError {
    /// The scene key.
    pub field: &'static str,
    /// The value given.
    pub value: f64,
    /// What is allowed, in words.
    pub allowed: &'static str,
}

impl std::fmt::Display for HyperError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} must be {} (got {})",
            self.field, self.allowed, self.value
        )
    }
}

impl std::error::Error for HyperError {}

/// A built optimizer: its chain of blocks and the step counter.
pub struct Optimizer {
    blocks: Vec<Box<dyn Block>>,
    t: u64,
}

impl Optimizer {
    /// One step at `x` with gradient `g`: runs the chain and applies
    /// `x ← x − u`. Returns the final update `u`.
    pub fn step(&mut self, x: &mut Vec2, g: Vec2) -> Vec2 {
        self.t += 1;
        let mut u = g;
        for b in &mut self.blocks {
            b.update(&mut u, x, self.t);
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

/// `num / den`, where a zero numerator gives 0 even if the denominator is 0
/// (ε = 0 at a zero gradient is a step of 0, not 0/0).
#[inline]
pub(crate) fn safe_div(num: f64, den: f64) -> f64 {
    if num == 0.0 {
        0.0
    } else {
        num / den
    }
}

/// The effective rate `lr / den`, or 0 where the denominator is 0 (no step
/// was taken there: the gradient, and so every accumulator, is 0).
#[inline]
pub(crate) fn rate(lr: f64, den: f64) -> f64 {
    if den == 0.0 {
        0.0
    } else {
        lr / den
    }
}
