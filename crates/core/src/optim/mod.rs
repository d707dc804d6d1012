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
//! Where torch's CPU kernels (built for AVX2/AVX-512, what x86-64 machines
//! run) compute `a + α·b` or `a + v·b·c` with one rounding — `add_(b,
//! alpha=α)`, `addcmul_(b, c, value=v)` — `pytorch` does too (`mul_add`,
//! as fma(v·b, c, a)); an unfused `addcmul_` made RMSprop drift from torch
//! by a rounding at step 3 and 0.4 by step 150 on a rotated bowl. `d2l`
//! stays unfused: the book's loops write `γ·s + (1−γ)·g²` as separate
//! tensor operations.

mod adadelta;
mod adam;
mod adamax;
mod chain;
mod decay;
mod hyper;
mod keys;
mod kind;
mod lbfgs;
mod lion;
mod nadam;
mod newton;
mod radam;
mod range;
mod rms;
mod rprop;
mod scale;
mod trace;
mod wolfe;

pub use adadelta::ScaleByAdadelta;
pub use adam::{first_moment, ScaleByAdam};
pub use adamax::ScaleByAdamax;
pub use chain::{HyperError, OptSpec, Optimizer};
pub use decay::{AddDecayedWeights, DecayParams};
pub use hyper::{FlagKey, Hyper, HyperKey};
pub use keys::{ChoiceKey, IntKey, Key, PairKey};
pub use kind::{OptKind, ALL_KINDS};
pub use lbfgs::{ScaleByLbfgs, MAX_TRIALS};
pub use lion::ScaleByLion;
pub use nadam::ScaleByNadam;
pub use newton::{solve2, Newton};
pub use radam::ScaleByRadam;
pub use range::{KeyValue, LineSearch, Range, MAX_HISTORY};
pub use rms::{ScaleByRms, ScaleByRss};
pub(crate) use rprop::sign;
pub use rprop::ScaleByRprop;
pub use scale::Scale;
pub use trace::Trace;

/// The most optimizers a scene may race at once.
pub const MAX_OPTIMIZERS: usize = 16;

use crate::{Mat2, Vec2};

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
    /// RMSProp centered: the moving average of g, ḡ (torch `grad_avg`).
    GradAvg,
    /// RMSProp's momentum buffer b (torch `momentum_buffer`).
    RmsBuffer,
    /// Adamax's weighted infinity norm u (torch `exp_inf`).
    ExpInf,
    /// RAdam's ρₜ, the length of the approximated moving average.
    Rho,
    /// RAdam: 1 when the step was rectified (ρₜ > 5), 0 in the warm-up.
    Rectified,
    /// RAdam's rectification factor rₜ (0 in the warm-up).
    Rect,
    /// Rprop's per-coordinate step size Δ (torch `step_size`).
    StepSize,
    /// Rprop's previous gradient, zeroed where its sign flipped (torch `prev`).
    PrevGrad,
    /// Lion's interpolation c = β1·m + (1−β1)·g, whose sign is the step.
    Interp,
    /// Newton's H⁻¹g (the step before η).
    NewtonDir,
    /// L-BFGS's search direction d (torch's state `d`).
    Direction,
    /// L-BFGS's accepted step length t along d (torch's state `t`; both
    /// coordinates hold it).
    StepLength,
    /// L-BFGS's inverse-Hessian scale γ = sᵀy/yᵀy (torch's `H_diag`; both
    /// coordinates hold it).
    HDiag,
    /// The i-th point the line search evaluated in this step (0-based), x + tᵢ·d.
    Trial(u8),
}

/// Why a block could not take its step: the run stops there with this
/// reason (the step is not taken).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Fault {
    /// Newton's Hessian is singular (a zero pivot) or the solution of
    /// H·s = g is not finite.
    SingularHessian,
    /// Newton's Hessian has a NaN or infinite entry.
    NonFiniteHessian,
}

impl Fault {
    /// The `stop.reason` of the simulation output.
    pub fn name(self) -> &'static str {
        match self {
            Fault::SingularHessian => "singular_hessian",
            Fault::NonFiniteHessian => "nonfinite_hessian",
        }
    }
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
            StateKey::GradAvg => "ḡ",
            StateKey::RmsBuffer => "b",
            StateKey::ExpInf => "u",
            StateKey::Rho => "ρ_t",
            StateKey::Rectified => "rectified",
            StateKey::Rect => "r_t",
            StateKey::StepSize => "Δ",
            StateKey::PrevGrad => "g_prev",
            StateKey::Interp => "c",
            StateKey::NewtonDir => "H⁻¹g",
            StateKey::Direction => "d",
            StateKey::StepLength => "t",
            StateKey::HDiag => "H_diag",
            StateKey::Trial(_) => "trials",
            StateKey::Mu | StateKey::MuNext | StateKey::MuProduct => return None,
        })
    }

    /// Whether both coordinates hold one number (the output writes it once).
    pub fn is_scalar(self) -> bool {
        matches!(
            self,
            StateKey::StepLength
                | StateKey::HDiag
                | StateKey::Mu
                | StateKey::MuNext
                | StateKey::MuProduct
        )
    }

    /// Whether the key is one of a list of points (the output gathers every
    /// field of the key into one array, in order): the line search's trials.
    pub fn is_list(self) -> bool {
        matches!(self, StateKey::Trial(_))
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

/// A surface as an optimizer sees it: the methods that evaluate f or ∇f
/// themselves (line searches, Newton) ask it; the gradient of the step
/// itself (noise included) arrives as the update.
pub trait Oracle {
    /// f(x).
    fn value(&self, x: Vec2) -> f64;
    /// ∇f(x), exact (no noise).
    fn grad(&self, x: Vec2) -> Vec2;
    /// ∇²f(x), exact: `h[i][j]` = ∂²f/∂xᵢ∂xⱼ (NaN or infinite entries where f
    /// is not twice differentiable).
    fn hessian(&self, x: Vec2) -> Mat2;
}

/// What every block of one step may read besides the update.
pub struct StepCx<'a> {
    /// The step's number t (1-based).
    pub t: u64,
    /// η_t: the optimizer's η, or what its schedule holds for step t.
    pub lr: f64,
    /// γ or β1 when a schedule cycles momentum (torch's `cycle_momentum`);
    /// None: the optimizer's own.
    pub momentum: Option<f64>,
    /// The surface being descended.
    pub surface: &'a dyn Oracle,
}

/// One transformation of the update, with its own state.
pub trait Block {
    /// Transform the update `u` at step `cx.t` (1-based) with rate `cx.lr`.
    /// `x` is the current position; a block may change it (decoupled weight
    /// decay).
    fn update(&mut self, u: &mut Vec2, x: &mut Vec2, cx: &StepCx);

    /// The block's state after the last update.
    fn state(&self, _out: &mut Vec<StateField>) {}

    /// The effective per-coordinate learning rate this block applied at the
    /// last update (η for plain scaling, η/√(s+ε) for AdaGrad, …), if it
    /// defines one.
    fn lr_eff(&self) -> Option<Vec2> {
        None
    }

    /// Why the last update could not be taken (Newton's singular Hessian);
    /// the walker then stops the run with this reason. None for every block
    /// that cannot fail.
    fn fault(&self) -> Option<Fault> {
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
