//! Which momentum a schedule's `cycle_momentum` sets on each optimizer.

use super::OptKind;

/// The momentum torch's `CyclicLR`/`OneCycleLR` cycle, decided as torch
/// decides it from the optimizer's defaults (`betas` → β1, else `momentum`
/// → γ).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MomentumSlot {
    /// SGD's `momentum` (gd then really gets momentum, as torch's
    /// `SGD(momentum=0)` does under `cycle_momentum`).
    Gamma,
    /// The Adam family's (and Lion's) β1.
    Beta1,
    /// RMSprop's own `momentum` μ (not its α, which the scene calls γ).
    RmsMomentum,
}

/// The momentum a schedule may cycle on `kind`; None where torch's optimizer
/// has neither `momentum` nor `betas` (torch raises `ValueError`: adagrad,
/// adadelta, rprop, lbfgs; Newton has no torch optimizer and no momentum).
/// The match is exhaustive on purpose: a new kind must say what it cycles.
pub fn momentum_slot(kind: OptKind) -> Option<MomentumSlot> {
    match kind {
        OptKind::Gd | OptKind::Momentum => Some(MomentumSlot::Gamma),
        OptKind::Adam
        | OptKind::AdamL2
        | OptKind::Adamw
        | OptKind::Nadam
        | OptKind::Adamax
        | OptKind::Radam
        | OptKind::Lion => Some(MomentumSlot::Beta1),
        OptKind::Rmsprop => Some(MomentumSlot::RmsMomentum),
        OptKind::Adagrad
        | OptKind::Adadelta
        | OptKind::Rprop
        | OptKind::Lbfgs
        | OptKind::Newton => None,
    }
}
