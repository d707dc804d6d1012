//! Hyper-parameters: the values ([`Hyper`]) and their typed keys.
//!
//! A key knows its scene/link name (the only place these strings appear
//! besides the codecs), its symbol, its allowed range and how to read and
//! write it in a [`Hyper`]. The slider that presents a key is
//! [`crate::params::ParamInfo`]; the words for it are the text layer's.

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
}

/// Any hyper-parameter: a number or a switch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Key {
    /// A number.
    Hyper(HyperKey),
    /// A switch.
    Flag(FlagKey),
}

/// What a numeric hyper-parameter allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Range {
    /// A finite number > 0 (η).
    Positive,
    /// A number in [0, 1) (the decays γ, β1, β2).
    Unit,
    /// A finite number ≥ 0 (ε, λ, ψ).
    NonNegative,
}

impl Range {
    /// Whether `v` is allowed.
    pub fn contains(self, v: f64) -> bool {
        match self {
            Range::Positive => v.is_finite() && v > 0.0,
            Range::Unit => (0.0..1.0).contains(&v),
            Range::NonNegative => v.is_finite() && v >= 0.0,
        }
    }
}

impl HyperKey {
    /// Every numeric key.
    pub const ALL: [HyperKey; 7] = [
        HyperKey::Lr,
        HyperKey::Gamma,
        HyperKey::Beta1,
        HyperKey::Beta2,
        HyperKey::Eps,
        HyperKey::Lambda,
        HyperKey::MomentumDecay,
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
        }
    }

    /// From the scene name.
    pub fn from_name(s: &str) -> Option<HyperKey> {
        HyperKey::ALL.into_iter().find(|k| k.name() == s)
    }

    /// The symbol the seed uses; γ is called ρ in Adadelta.
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
        }
    }

    /// What the key allows.
    pub fn range(self) -> Range {
        match self {
            HyperKey::Lr => Range::Positive,
            HyperKey::Gamma | HyperKey::Beta1 | HyperKey::Beta2 => Range::Unit,
            HyperKey::Eps | HyperKey::Lambda | HyperKey::MomentumDecay => Range::NonNegative,
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
        }
    }
}

impl FlagKey {
    /// Every switch.
    pub const ALL: [FlagKey; 3] = [FlagKey::BiasCorrection, FlagKey::Nesterov, FlagKey::Amsgrad];

    /// The scene and link name.
    pub fn name(self) -> &'static str {
        match self {
            FlagKey::BiasCorrection => "bias_correction",
            FlagKey::Nesterov => "nesterov",
            FlagKey::Amsgrad => "amsgrad",
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
        }
    }

    /// Set its value in `h`.
    pub fn set(self, h: &mut Hyper, v: bool) {
        match self {
            FlagKey::BiasCorrection => h.bias_correction = v,
            FlagKey::Nesterov => h.nesterov = v,
            FlagKey::Amsgrad => h.amsgrad = v,
        }
    }
}

impl Key {
    /// The scene and link name.
    pub fn name(self) -> &'static str {
        match self {
            Key::Hyper(k) => k.name(),
            Key::Flag(k) => k.name(),
        }
    }

    /// From the scene name.
    pub fn from_name(s: &str) -> Option<Key> {
        HyperKey::from_name(s)
            .map(Key::Hyper)
            .or_else(|| FlagKey::from_name(s).map(Key::Flag))
    }

    /// The numeric key, if it is one.
    pub fn hyper(self) -> Option<HyperKey> {
        match self {
            Key::Hyper(k) => Some(k),
            Key::Flag(_) => None,
        }
    }

    /// The switch, if it is one.
    pub fn flag(self) -> Option<FlagKey> {
        match self {
            Key::Flag(k) => Some(k),
            Key::Hyper(_) => None,
        }
    }
}

impl From<HyperKey> for Key {
    fn from(k: HyperKey) -> Key {
        Key::Hyper(k)
    }
}

impl From<FlagKey> for Key {
    fn from(k: FlagKey) -> Key {
        Key::Flag(k)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_are_distinct() {
        let mut seen = std::collections::HashSet::new();
        for k in HyperKey::ALL
            .map(Key::Hyper)
            .into_iter()
            .chain(FlagKey::ALL.map(Key::Flag))
        {
            assert_eq!(Key::from_name(k.name()), Some(k));
            assert!(seen.insert(k.name()), "{k:?}");
        }
        assert_eq!(Key::from_name("learning_rate"), None);
        assert_eq!(HyperKey::from_name("nesterov"), None);
    }

    #[test]
    fn get_reads_what_set_wrote() {
        let mut h = Hyper::default();
        for (i, k) in HyperKey::ALL.into_iter().enumerate() {
            k.set(&mut h, 0.125 * (i + 1) as f64);
        }
        for (i, k) in HyperKey::ALL.into_iter().enumerate() {
            assert_eq!(k.get(&h), 0.125 * (i + 1) as f64, "{k:?}");
        }
        for f in FlagKey::ALL {
            let v = f.get(&h);
            f.set(&mut h, !v);
        }
        assert!(!h.bias_correction && h.nesterov && h.amsgrad);
    }

    #[test]
    fn ranges() {
        assert!(HyperKey::Lr.in_range(1e-9) && !HyperKey::Lr.in_range(0.0));
        assert!(!HyperKey::Lr.in_range(f64::INFINITY));
        assert!(HyperKey::Gamma.in_range(0.0) && !HyperKey::Beta2.in_range(1.0));
        assert!(!HyperKey::Beta1.in_range(f64::NAN));
        assert!(HyperKey::Eps.in_range(0.0) && !HyperKey::Lambda.in_range(-1e-9));
    }

    #[test]
    fn adadelta_calls_gamma_rho() {
        assert_eq!(HyperKey::Gamma.symbol(OptKind::Adadelta), "ρ");
        assert_eq!(HyperKey::Gamma.symbol(OptKind::Rmsprop), "γ");
        assert_eq!(HyperKey::Beta1.symbol(OptKind::Adam), "β1");
    }
}
