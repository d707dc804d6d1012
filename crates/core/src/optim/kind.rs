//! The optimizers a scene can name, the keys each uses and their defaults.

use super::hyper::{FlagKey, Hyper, HyperKey, Key};
use super::Convention;

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

    /// From the scene name.
    pub fn from_name(s: &str) -> Option<OptKind> {
        ALL_KINDS.iter().copied().find(|k| k.name() == s)
    }

    /// The hyper-parameters this kind uses, in the order the card lists them.
    pub fn keys(self) -> &'static [Key] {
        const LR: Key = Key::Hyper(HyperKey::Lr);
        const GAMMA: Key = Key::Hyper(HyperKey::Gamma);
        const BETA1: Key = Key::Hyper(HyperKey::Beta1);
        const BETA2: Key = Key::Hyper(HyperKey::Beta2);
        const EPS: Key = Key::Hyper(HyperKey::Eps);
        const LAMBDA: Key = Key::Hyper(HyperKey::Lambda);
        const PSI: Key = Key::Hyper(HyperKey::MomentumDecay);
        const BIAS: Key = Key::Flag(FlagKey::BiasCorrection);
        const NESTEROV: Key = Key::Flag(FlagKey::Nesterov);
        const AMSGRAD: Key = Key::Flag(FlagKey::Amsgrad);
        match self {
            OptKind::Gd => &[LR],
            OptKind::Momentum => &[LR, GAMMA, NESTEROV],
            OptKind::Adagrad => &[LR, EPS],
            OptKind::Rmsprop | OptKind::Adadelta => &[LR, GAMMA, EPS],
            OptKind::Adam => &[LR, BETA1, BETA2, EPS, BIAS, AMSGRAD],
            OptKind::AdamL2 | OptKind::Adamw => &[LR, BETA1, BETA2, EPS, LAMBDA, BIAS, AMSGRAD],
            OptKind::Nadam => &[LR, BETA1, BETA2, EPS, PSI],
        }
    }

    /// Whether this kind uses `key`.
    pub fn uses(self, key: impl Into<Key>) -> bool {
        self.keys().contains(&key.into())
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_typed_keys_match_their_names() {
        for kind in ALL_KINDS {
            assert_eq!(OptKind::from_name(kind.name()), Some(kind));
            // Each key once, and its name reads back to it (the scene's
            // key lists are checked against DESIGN.md in tests/scene_*.rs).
            for (n, k) in kind.keys().iter().enumerate() {
                assert_eq!(Key::from_name(k.name()), Some(*k));
                assert!(!kind.keys()[..n].contains(k), "{kind:?} {k:?}");
            }
            assert!(kind.uses(HyperKey::Lr));
        }
        assert!(OptKind::Momentum.uses(FlagKey::Nesterov));
        assert!(!OptKind::Adam.uses(FlagKey::Nesterov));
        assert!(OptKind::Adadelta.uses(HyperKey::Gamma));
    }
}
