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
mod chain;
mod decay;
mod hyper;
mod kind;
mod nadam;
mod rms;
mod scale;
mod trace;

pub use adadelta::ScaleByAdadelta;
pub use adam::ScaleByAdam;
pub use chain::{HyperError, OptSpec, Optimizer};
pub use decay::{AddDecayedWeights, DecayParams};
#[doc(hidden)] // transitional: web shell and scene codec still pass names
pub use hyper::{allowed_range, in_range};
pub use hyper::{FlagKey, Hyper, HyperKey, Key, Range};
pub use kind::{OptKind, ALL_KINDS};
pub use nadam::ScaleByNadam;
pub use rms::{ScaleByRms, ScaleByRss};
pub use scale::Scale;
pub use trace::Trace;

/// Number formatting moved to [`crate::format`].
#[doc(hidden)] // transitional: callers still use the old path
pub use crate::format::fmt_num;

/// The most optimizers a scene may race at once.
pub const MAX_OPTIMIZERS: usize = 16;

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

/// A named state vector of a block, for the state inspector.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StateField {
    /// The name in the seed's notation (`v`, `s`, `m`, `v`, `m̂`, `v̂`, …).
    pub name: &'static str,
    /// Its value per coordinate.
    pub value: Vec2,
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
