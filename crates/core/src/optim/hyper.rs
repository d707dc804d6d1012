//! Hyper-parameters: the values ([`Hyper`]) and the numeric and switch keys.
//!
//! A key knows its scene/link name (the only place these strings appear
//! besides the codecs), its symbol, its allowed range and how to read and
//! write it in a [`Hyper`]. Five types of key: numbers ([`HyperKey`]) and
//! switches ([`FlagKey`]) here; two-number pairs (`PairKey`, JSON `[a, b]`),
//! integers (`IntKey`), choices among names (`ChoiceKey`) and `Key`, any of
//! them, in keys.rs; `KeyValue` (any key's value) and `Range` in range.rs.
//! The slider that presents a number is [`crate::params::ParamInfo`]; the
//! words for every key are the text layer's.

pub use super::range::LineSearch;
use super::range::Range;
use super::OptKind;

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
    /// τ, SGD's dampening of the momentum buffer (torch `dampening`).
    pub dampening: f64,
    /// AdaGrad's learning-rate decay: η_t = η/(1 + (t−1)·lr_decay)
    /// (torch `lr_decay`).
    pub lr_decay: f64,
    /// s₀, AdaGrad's starting accumulator (torch `initial_accumulator_value`).
    pub initial_accumulator_value: f64,
    /// μ, RMSProp's own momentum (torch RMSprop `momentum`; RMSProp's decay
    /// α is our γ).
    pub momentum: f64,
    /// RMSProp centered: divide by √(s − ḡ²) (torch `centered`).
    pub centered: bool,
    /// NAdam/RAdam decoupled weight decay x·(1 − η·λ) instead of g + λ·x
    /// (torch `decoupled_weight_decay`).
    pub decoupled: bool,
    /// [η−, η+], Rprop's step-size factors (torch `etas`).
    pub etas: [f64; 2],
    /// [Γmin, Γmax], Rprop's step-size bounds (torch `step_sizes`).
    pub step_sizes: [f64; 2],
    /// m, L-BFGS's number of stored pairs (torch `history_size`).
    pub history_size: usize,
    /// L-BFGS's line search (torch `line_search_fn`).
    pub line_search: LineSearch,
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
            dampening: 0.0,
            lr_decay: 0.0,
            initial_accumulator_value: 0.0,
            momentum: 0.0,
            centered: false,
            decoupled: false,
            etas: [0.5, 1.2],
            step_sizes: [1e-6, 50.0],
            history_size: 100,
            line_search: LineSearch::None,
        }
    }
}

/// A numeric hyper-parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HyperKey {
    /// η, the learning rate.
    Lr,
    /// γ (ρ for Adadelta): momentum, RMSProp's or Adadelta's decay.
    Gamma,
    /// β1.
    Beta1,
    /// β2.
    Beta2,
    /// ε.
    Eps,
    /// λ, weight decay.
    Lambda,
    /// ψ, NAdam's momentum decay.
    MomentumDecay,
    /// τ, SGD's dampening.
    Dampening,
    /// AdaGrad's learning-rate decay.
    LrDecay,
    /// s₀, AdaGrad's starting accumulator.
    InitialAccumulatorValue,
    /// μ, RMSProp's momentum.
    Momentum,
}

/// A switch (boolean hyper-parameter).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FlagKey {
    /// Adam's bias correction.
    BiasCorrection,
    /// Nesterov momentum.
    Nesterov,
    /// AMSGrad.
    Amsgrad,
    /// RMSProp centered.
    Centered,
    /// NAdam/RAdam decoupled weight decay.
    Decoupled,
}

impl HyperKey {
    /// Every numeric key.
    pub const ALL: [HyperKey; 11] = [
        HyperKey::Lr,
        HyperKey::Gamma,
        HyperKey::Beta1,
        HyperKey::Beta2,
        HyperKey::Eps,
        HyperKey::Lambda,
        HyperKey::MomentumDecay,
        HyperKey::Dampening,
        HyperKey::LrDecay,
        HyperKey::InitialAccumulatorValue,
        HyperKey::Momentum,
    ];

    /// The scene and link name.
    pub fn name(self) -> &'static str {
        match self {
            HyperKey::Lr => "lr",
            HyperKey::Gamma => "gamma",
            HyperKey::Beta1 => "beta1",
            HyperKey::Beta2 => "beta2",
            HyperKey::Eps => "eps",
            HyperKey::Lambda => "lambda",
            HyperKey::MomentumDecay => "momentum_decay",
            HyperKey::Dampening => "dampening",
            HyperKey::LrDecay => "lr_decay",
            HyperKey::InitialAccumulatorValue => "initial_accumulator_value",
            HyperKey::Momentum => "momentum",
        }
    }

    /// From the scene name.
    pub fn from_name(s: &str) -> Option<HyperKey> {
        HyperKey::ALL.into_iter().find(|k| k.name() == s)
    }

    /// The symbol the seed (or torch's documentation) uses; γ is called ρ in
    /// Adadelta.
    pub fn symbol(self, kind: OptKind) -> &'static str {
        match self {
            HyperKey::Lr => "η",
            HyperKey::Gamma if kind == OptKind::Adadelta => "ρ",
            HyperKey::Gamma => "γ",
            HyperKey::Beta1 => "β1",
            HyperKey::Beta2 => "β2",
            HyperKey::Eps => "ε",
            HyperKey::Lambda => "λ",
            HyperKey::MomentumDecay => "ψ",
            HyperKey::Dampening => "τ",
            HyperKey::LrDecay => "κ",
            HyperKey::InitialAccumulatorValue => "s₀",
            HyperKey::Momentum => "μ",
        }
    }

    /// What the key allows.
    pub fn range(self) -> Range {
        match self {
            HyperKey::Lr => Range::Positive,
            HyperKey::Gamma | HyperKey::Beta1 | HyperKey::Beta2 | HyperKey::Momentum => Range::Unit,
            HyperKey::Dampening => Range::UnitClosed,
            HyperKey::Eps
            | HyperKey::Lambda
            | HyperKey::MomentumDecay
            | HyperKey::LrDecay
            | HyperKey::InitialAccumulatorValue => Range::NonNegative,
        }
    }

    /// Whether `v` is allowed for this key.
    pub fn in_range(self, v: f64) -> bool {
        self.range().contains(v)
    }

    /// Its value in `h`.
    pub fn get(self, h: &Hyper) -> f64 {
        match self {
            HyperKey::Lr => h.lr,
            HyperKey::Gamma => h.gamma,
            HyperKey::Beta1 => h.beta1,
            HyperKey::Beta2 => h.beta2,
            HyperKey::Eps => h.eps,
            HyperKey::Lambda => h.lambda,
            HyperKey::MomentumDecay => h.momentum_decay,
            HyperKey::Dampening => h.dampening,
            HyperKey::LrDecay => h.lr_decay,
            HyperKey::InitialAccumulatorValue => h.initial_accumulator_value,
            HyperKey::Momentum => h.momentum,
        }
    }

    /// Set its value in `h` (unchecked: see [`HyperKey::in_range`]).
    pub fn set(self, h: &mut Hyper, v: f64) {
        *self.slot(h) = v;
    }

    fn slot(self, h: &mut Hyper) -> &mut f64 {
        match self {
            HyperKey::Lr => &mut h.lr,
            HyperKey::Gamma => &mut h.gamma,
            HyperKey::Beta1 => &mut h.beta1,
            HyperKey::Beta2 => &mut h.beta2,
            HyperKey::Eps => &mut h.eps,
            HyperKey::Lambda => &mut h.lambda,
            HyperKey::MomentumDecay => &mut h.momentum_decay,
            HyperKey::Dampening => &mut h.dampening,
            HyperKey::LrDecay => &mut h.lr_decay,
            HyperKey::InitialAccumulatorValue => &mut h.initial_accumulator_value,
            HyperKey::Momentum => &mut h.momentum,
        }
    }
}

impl FlagKey {
    /// Every switch.
    pub const ALL: [FlagKey; 5] = [
        FlagKey::BiasCorrection,
        FlagKey::Nesterov,
        FlagKey::Amsgrad,
        FlagKey::Centered,
        FlagKey::Decoupled,
    ];

    /// The scene and link name.
    pub fn name(self) -> &'static str {
        match self {
            FlagKey::BiasCorrection => "bias_correction",
            FlagKey::Nesterov => "nesterov",
            FlagKey::Amsgrad => "amsgrad",
            FlagKey::Centered => "centered",
            FlagKey::Decoupled => "decoupled",
        }
    }

    /// From the scene name.
    pub fn from_name(s: &str) -> Option<FlagKey> {
        FlagKey::ALL.into_iter().find(|k| k.name() == s)
    }

    /// Its value in `h`.
    pub fn get(self, h: &Hyper) -> bool {
        match self {
            FlagKey::BiasCorrection => h.bias_correction,
            FlagKey::Nesterov => h.nesterov,
            FlagKey::Amsgrad => h.amsgrad,
            FlagKey::Centered => h.centered,
            FlagKey::Decoupled => h.decoupled,
        }
    }

    /// Set its value in `h`.
    pub fn set(self, h: &mut Hyper, v: bool) {
        match self {
            FlagKey::BiasCorrection => h.bias_correction = v,
            FlagKey::Nesterov => h.nesterov = v,
            FlagKey::Amsgrad => h.amsgrad = v,
            FlagKey::Centered => h.centered = v,
            FlagKey::Decoupled => h.decoupled = v,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adadelta_calls_gamma_rho() {
        assert_eq!(HyperKey::Gamma.symbol(OptKind::Adadelta), "ρ");
        assert_eq!(HyperKey::Gamma.symbol(OptKind::Rmsprop), "γ");
        assert_eq!(HyperKey::Beta1.symbol(OptKind::Adam), "β1");
    }
}
