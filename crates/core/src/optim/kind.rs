//! The optimizers a scene can name, the keys each uses and their defaults.

use super::hyper::{FlagKey, Hyper, HyperKey};
use super::keys::{ChoiceKey, IntKey, Key, PairKey};
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
    /// Adamax (Adam with the infinity norm).
    Adamax,
    /// RAdam (rectified Adam: SGD with momentum until the variance of the
    /// adaptive rate is tractable).
    Radam,
    /// Rprop (resilient backpropagation: sign steps with per-coordinate sizes).
    Rprop,
    /// Lion (lion-pytorch: sign of an interpolated momentum).
    Lion,
    /// L-BFGS (torch's, one iteration per step, optional strong-Wolfe line
    /// search).
    Lbfgs,
    /// Newton's method with the exact Hessian.
    Newton,
}

/// Every kind, in the order the UI lists them.
pub const ALL_KINDS: [OptKind; 15] = [
    OptKind::Gd,
    OptKind::Momentum,
    OptKind::Adagrad,
    OptKind::Rmsprop,
    OptKind::Adam,
    OptKind::AdamL2,
    OptKind::Adamw,
    OptKind::Nadam,
    OptKind::Adadelta,
    OptKind::Adamax,
    OptKind::Radam,
    OptKind::Rprop,
    OptKind::Lion,
    OptKind::Lbfgs,
    OptKind::Newton,
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
            OptKind::Adamax => "adamax",
            OptKind::Radam => "radam",
            OptKind::Rprop => "rprop",
            OptKind::Lion => "lion",
            OptKind::Lbfgs => "lbfgs",
            OptKind::Newton => "newton",
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
        const DAMPENING: Key = Key::Hyper(HyperKey::Dampening);
        const LR_DECAY: Key = Key::Hyper(HyperKey::LrDecay);
        const S0: Key = Key::Hyper(HyperKey::InitialAccumulatorValue);
        const MU: Key = Key::Hyper(HyperKey::Momentum);
        const CENTERED: Key = Key::Flag(FlagKey::Centered);
        const DECOUPLED: Key = Key::Flag(FlagKey::Decoupled);
        const ETAS: Key = Key::Pair(PairKey::Etas);
        const STEP_SIZES: Key = Key::Pair(PairKey::StepSizes);
        const HISTORY: Key = Key::Int(IntKey::HistorySize);
        const LINE_SEARCH: Key = Key::Choice(ChoiceKey::LineSearch);
        match self {
            OptKind::Gd => &[LR, LAMBDA],
            OptKind::Momentum => &[LR, GAMMA, DAMPENING, LAMBDA, NESTEROV],
            OptKind::Adagrad => &[LR, EPS, LR_DECAY, S0, LAMBDA],
            OptKind::Rmsprop => &[LR, GAMMA, EPS, MU, LAMBDA, CENTERED],
            OptKind::Adadelta => &[LR, GAMMA, EPS],
            OptKind::Adam => &[LR, BETA1, BETA2, EPS, BIAS, AMSGRAD],
            OptKind::AdamL2 | OptKind::Adamw => &[LR, BETA1, BETA2, EPS, LAMBDA, BIAS, AMSGRAD],
            OptKind::Nadam => &[LR, BETA1, BETA2, EPS, PSI, LAMBDA, DECOUPLED],
            OptKind::Adamax => &[LR, BETA1, BETA2, EPS, LAMBDA],
            OptKind::Radam => &[LR, BETA1, BETA2, EPS, LAMBDA, DECOUPLED],
            OptKind::Rprop => &[LR, ETAS, STEP_SIZES],
            OptKind::Lion => &[LR, BETA1, BETA2, LAMBDA],
            OptKind::Lbfgs => &[LR, HISTORY, LINE_SEARCH],
            OptKind::Newton => &[LR],
        }
    }

    /// Whether `key` is one of torch's extra arguments added to a kind that
    /// existed before them (λ of GD, momentum, AdaGrad, RMSProp and NAdam;
    /// τ; lr_decay; s₀; RMSProp's μ and centered; NAdam's decoupled). A
    /// scene or link writes such a key only when it is not torch's "off"
    /// (its default in both conventions), so a scene without them reads and
    /// writes as it did before they existed.
    pub fn is_extra(self, key: impl Into<Key>) -> bool {
        let key = key.into();
        match self {
            OptKind::Gd | OptKind::Momentum | OptKind::Adagrad | OptKind::Rmsprop => {
                !matches!(
                    key,
                    Key::Hyper(HyperKey::Lr | HyperKey::Gamma | HyperKey::Eps)
                        | Key::Flag(FlagKey::Nesterov)
                ) && self.uses(key)
            }
            OptKind::Nadam => matches!(
                key,
                Key::Hyper(HyperKey::Lambda) | Key::Flag(FlagKey::Decoupled)
            ),
            _ => false,
        }
    }

    /// Whether a scene or link writes `key` of this kind holding `h`'s
    /// value: every key it uses, except an extra at its default.
    pub fn writes(self, key: Key, h: &Hyper) -> bool {
        self.uses(key)
            && !(self.is_extra(key) && key.get(h) == key.get(&self.defaults(Convention::Pytorch)))
    }

    /// The key a schedule's cycled momentum (torch's `cycle_momentum`)
    /// replaces step by step, read by the blocks as `StepCx::momentum`: γ of
    /// momentum, RMSProp's μ, β1 of the kinds torch gives `betas`. None where
    /// torch's OneCycleLR/CyclicLR refuse `cycle_momentum` (AdaGrad,
    /// Adadelta, Rprop: no `momentum` or `betas`) — and for `gd`, which torch
    /// would turn into heavy-ball SGD (a scene says `momentum` for that).
    pub fn cycled_momentum(self) -> Option<HyperKey> {
        // (Lbfgs and Newton: torch's LBFGS has neither; Newton has no momentum.)
        match self {
            OptKind::Momentum => Some(HyperKey::Gamma),
            OptKind::Rmsprop => Some(HyperKey::Momentum),
            OptKind::Adam
            | OptKind::AdamL2
            | OptKind::Adamw
            | OptKind::Nadam
            | OptKind::Adamax
            | OptKind::Radam
            | OptKind::Lion => Some(HyperKey::Beta1),
            OptKind::Gd
            | OptKind::Adagrad
            | OptKind::Adadelta
            | OptKind::Rprop
            | OptKind::Lbfgs
            | OptKind::Newton => None,
        }
    }

    /// The kind a run really is under a schedule that cycles momentum:
    /// torch's `SGD(momentum=0)` takes the cycled momentum and grows a
    /// momentum buffer, so `gd` runs as `momentum` (torch-exact, and a real
    /// OneCycleLR surprise worth seeing; `"cycle_momentum": false` keeps
    /// plain GD). Every other kind stays itself; a schedule may cycle
    /// momentum only where this kind's [`OptKind::cycled_momentum`] is some.
    pub fn under_cycled_momentum(self) -> OptKind {
        match self {
            OptKind::Gd => OptKind::Momentum,
            k => k,
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
    ///
    /// The keys added for torch's full argument lists (λ of GD, momentum,
    /// AdaGrad, RMSProp, NAdam; τ; lr_decay; s₀; RMSProp's μ and centered;
    /// decoupled) default to torch's "off" value in both conventions, so a
    /// scene that omits them computes what it computed before they existed.
    /// The kinds torch has and the seed has not (Adamax, RAdam, Rprop, Lion)
    /// take torch's (lion-pytorch's) defaults in the pytorch convention; in
    /// d2l the same, except η = 0.1 as for NAdam (the d2l convention opens
    /// on the seed's 20-step bowl, where torch's η of 1e-3…1e-2 barely moves).
    /// L-BFGS's `history_size` (100) and `line_search` (none) are torch's.
    pub fn defaults(self, conv: Convention) -> Hyper {
        let base = Hyper {
            lambda: match self {
                OptKind::AdamL2 | OptKind::Adamw => 0.01,
                _ => 0.0,
            },
            ..Hyper::default()
        };
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
                // torch's LBFGS lr is 1; Newton's natural step is 1.
                OptKind::Lbfgs | OptKind::Newton => OptKind::defaults(self, Convention::Pytorch),
                OptKind::Adamax | OptKind::Radam | OptKind::Rprop | OptKind::Lion => Hyper {
                    lr: 0.1,
                    ..OptKind::defaults(self, Convention::Pytorch)
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
                OptKind::Adamax => Hyper {
                    lr: 2e-3,
                    eps: 1e-8,
                    ..base
                },
                OptKind::Radam => Hyper {
                    lr: 1e-3,
                    eps: 1e-8,
                    ..base
                },
                OptKind::Rprop => Hyper { lr: 1e-2, ..base },
                OptKind::Lion => Hyper {
                    lr: 1e-4,
                    beta2: 0.99,
                    ..base
                },
                OptKind::Lbfgs | OptKind::Newton => Hyper { lr: 1.0, ..base },
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::optim::{ChoiceKey, IntKey};

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
        assert!(OptKind::Rprop.uses(PairKey::Etas) && !OptKind::Lion.uses(HyperKey::Eps));
        // L-BFGS's integer and choice keys are its alone.
        let users = |k: Key| ALL_KINDS.iter().filter(|kind| kind.uses(k)).count();
        assert!(
            OptKind::Lbfgs.uses(IntKey::HistorySize) && OptKind::Lbfgs.uses(ChoiceKey::LineSearch)
        );
        assert_eq!(users(Key::Int(IntKey::HistorySize)), 1);
        assert_eq!(users(Key::Choice(ChoiceKey::LineSearch)), 1);
        assert_eq!(OptKind::Newton.keys(), &[Key::Hyper(HyperKey::Lr)]);
    }

    #[test]
    fn a_cycled_momentum_is_a_key_the_kind_uses() {
        for kind in ALL_KINDS {
            if let Some(k) = kind.cycled_momentum() {
                assert!(kind.uses(k), "{kind:?}");
            }
        }
        assert_eq!(OptKind::Rmsprop.cycled_momentum(), Some(HyperKey::Momentum));
        assert_eq!(OptKind::Rprop.cycled_momentum(), None);
    }

    #[test]
    fn new_keys_default_to_torch_off_in_both_conventions() {
        for conv in [Convention::D2l, Convention::Pytorch] {
            for kind in [
                OptKind::Gd,
                OptKind::Momentum,
                OptKind::Adagrad,
                OptKind::Rmsprop,
                OptKind::Nadam,
            ] {
                let h = kind.defaults(conv);
                assert_eq!(h.lambda, 0.0, "{kind:?}");
                assert_eq!(
                    (
                        h.dampening,
                        h.lr_decay,
                        h.initial_accumulator_value,
                        h.momentum
                    ),
                    (0.0, 0.0, 0.0, 0.0)
                );
                assert!(!h.centered && !h.decoupled);
            }
        }
        let t = |k: OptKind| k.defaults(Convention::Pytorch);
        assert_eq!(
            (
                t(OptKind::Adamax).lr,
                t(OptKind::Radam).lr,
                t(OptKind::Rprop).lr
            ),
            (2e-3, 1e-3, 1e-2)
        );
        assert_eq!((t(OptKind::Lion).lr, t(OptKind::Lion).beta2), (1e-4, 0.99));
        assert_eq!(
            (t(OptKind::Rprop).etas, t(OptKind::Rprop).step_sizes),
            ([0.5, 1.2], [1e-6, 50.0])
        );
        assert_eq!(OptKind::Lion.defaults(Convention::D2l).beta2, 0.99);
        assert_eq!(OptKind::Adamw.defaults(Convention::D2l).lambda, 0.01);
    }
}
