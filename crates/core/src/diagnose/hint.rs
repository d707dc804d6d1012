//! Why a run went wrong, as data: the cause and the numbers that show it
//! (the text layer words them), and the smaller η a hint can offer.

use super::Stationary;
#[cfg(doc)]
use super::{calmer_below, calmer_lr, diagnose_in, fill_calmer, MAX_PERIOD};
use crate::optim::Fault;
use crate::theory::{Coupling, Method};

/// Why a run went wrong, with the numbers that show it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Hint {
    /// f is not defined (or not finite) at the start.
    UndefinedStart,
    /// The gradient is not defined at (x, y), reached at `step`.
    UndefinedGrad {
        /// Where.
        x: f64,
        /// Where.
        y: f64,
        /// The step that reached it.
        step: usize,
    },
    /// A formula's run left the region where f is defined and finite.
    ExprLeft {
        /// The step that left.
        step: usize,
        /// The learning rate (under a schedule, the largest η_t used).
        lr: f64,
        /// Whether a schedule set the rates.
        scheduled: bool,
        /// A smaller η that was run and worked ([`calmer_lr`]): searched
        /// by [`diagnose_in`] or [`fill_calmer`], which have the scene.
        calmer: Calmer,
        /// Whether L2's λ is what tipped it over ([`NoDecay`]).
        no_decay: NoDecay,
    },
    /// GD with η > 2/L on a quadratic (2/h with weight decay: h = L + λ).
    GdUnstable {
        /// The learning rate η.
        lr: f64,
        /// The surface's largest curvature L.
        l: f64,
        /// Its weight decay λ (the run sees L as h = L + λ).
        coupling: Coupling,
        /// The bound 2/h (2/L without weight decay).
        bound: f64,
        /// An η under the bound that was run and worked
        /// ([`calmer_below`]).
        calmer: Calmer,
    },
    /// Heavy-ball momentum with η·h > 2(1 + γ), h = (1 − τ)·(L + λ) the
    /// largest curvature as the run sees it (L without λ and τ).
    Momentum {
        /// The learning rate η.
        lr: f64,
        /// The surface's largest curvature L.
        l: f64,
        /// λ and τ.
        coupling: Coupling,
        /// η·h.
        lr_l: f64,
        /// 2(1 + γ).
        bound: f64,
        /// The momentum γ.
        gamma: f64,
        /// The largest stable η, 2(1 + γ)/h.
        lr_max: f64,
        /// An η under `lr_max` that was run and worked ([`calmer_below`]).
        calmer: Calmer,
    },
    /// Nesterov momentum with η·h > 2(1 + γ)/(1 + 2γ) (h as for
    /// [`Hint::Momentum`]).
    Nesterov {
        /// The learning rate η.
        lr: f64,
        /// The surface's largest curvature L.
        l: f64,
        /// λ and τ.
        coupling: Coupling,
        /// η·h.
        lr_l: f64,
        /// 2(1 + γ)/(1 + 2γ).
        bound: f64,
        /// The largest stable η, bound/h.
        lr_max: f64,
        /// An η under `lr_max` that was run and worked ([`calmer_below`]).
        calmer: Calmer,
    },
    /// Decoupled weight decay multiplies x by 1 − η·λ every step; with
    /// η·λ > 2 that factor is below −1, and x flips sign and grows
    /// whatever the gradient does (AdamW, Lion, NAdam's and RAdam's
    /// decoupled decay).
    DecayUnstable {
        /// The learning rate η.
        lr: f64,
        /// The weight decay λ.
        lambda: f64,
        /// 1 − η·λ.
        factor: f64,
        /// The largest stable λ at this η, 2/η.
        lambda_max: f64,
    },
    /// Stopped by the core at `step`.
    Diverged {
        /// The learning rate (under a schedule, the largest η_t used).
        lr: f64,
        /// The step that left the finite world.
        step: usize,
        /// Whether a schedule set the rates.
        scheduled: bool,
        /// Under a schedule, whether `lr` is that step's own η_t, above
        /// every kept step's (StepLR ×3: 97.2 after 32.4): shown in no
        /// chart or legend, which end at the step before.
        left_peak: bool,
        /// A smaller η that was run and worked ([`calmer_lr`]): searched
        /// by [`diagnose_in`] or [`fill_calmer`], which have the scene.
        calmer: Calmer,
        /// Whether L2's λ is what tipped it over ([`NoDecay`]).
        no_decay: NoDecay,
    },
    /// A block could not take step `step` at (x, y) (the last point).
    Fault {
        /// Why.
        fault: Fault,
        /// The step not taken.
        step: usize,
        /// Where.
        x: f64,
        /// Where.
        y: f64,
    },
    /// The run ends at a stationary point (∇f ≈ 0) whose Hessian is not
    /// positive definite: a maximum or a saddle, not a minimum.
    NotMinimum {
        /// Which.
        kind: Stationary,
        /// Where.
        x: f64,
        /// Where.
        y: f64,
        /// The Hessian's eigenvalues there, smaller first (of
        /// f + λ/2·‖x‖², the loss the run follows, with L2's λ).
        eig: [f64; 2],
        /// L2's λ (0: none).
        lambda: f64,
    },
    /// Not wrong, a note: Adam+L2 on the axis-aligned bowl (minimum at the
    /// origin, no gradient noise) takes Adam's steps whatever λ: ∇f + λ·x
    /// only scales each coordinate's gradient, which m̂/(√v̂ + ε) divides out
    /// (up to ε). A student raising λ saw nothing change.
    L2Rescaled {
        /// The run's λ.
        lambda: f64,
    },
    /// The loss fell without bound (a saddle, a surface curving down):
    /// no η helps, a smaller one only takes longer to run off.
    Unbounded {
        /// The initial loss.
        first: f64,
        /// The last loss: the last point's, or f where a step that left
        /// the finite world landed, when finite and lower.
        last: f64,
        /// The surface has no minimum anywhere (the saddle, a quadratic
        /// with a negative coefficient): almost every start runs off, so
        /// "start elsewhere" would mislead.
        nowhere: bool,
        /// A line search set each step's length (L-BFGS with one): "a
        /// smaller η only runs off more slowly" would not hold (η = 1 and
        /// 0.1 leap alike down the saddle).
        searched: bool,
        /// The λ above which L2 weight decay would give the loss the run
        /// descends, f + λ/2·‖x‖², a minimum (minus the least curvature
        /// of a surface whose curvatures are constant: the saddle, a
        /// quadratic with a negative coefficient), for a run with L2's λ.
        lambda_min: Option<f64>,
    },
    /// GD or momentum on a bowl with η·L exactly at the stability bound
    /// (lesson 2's η = 0.5 = 2/L): along the steepest axis the zig-zag
    /// neither grows nor dies out, so the run completes without growing
    /// and without converging.
    AtEdge {
        /// The method (GD, heavy ball or Nesterov, with its γ).
        method: Method,
        /// The learning rate η.
        lr: f64,
        /// The surface's largest curvature L.
        l: f64,
        /// λ and τ (the run sees L as h = (1 − τ)·(L + λ): η·h on the
        /// bound; GD η = 0.4 with λ = 1 on the bowl, 0.4·5 = 2).
        coupling: Coupling,
        /// The bound on η·h (2, 2(1 + γ), 2(1 + γ)/(1 + 2γ)).
        bound: f64,
    },
    /// The run's last `steps` steps visit the same `period` points over
    /// and over (Lion's sign steps of η = 1 on the bowl: four points around
    /// the minimum): neither converging nor diverging.
    Cycles {
        /// The steps between two visits of a point (2 to [`MAX_PERIOD`]).
        period: usize,
        /// The steps of the repeating tail (at least three periods).
        steps: usize,
        /// Under a schedule, the largest η_t of those steps.
        tail_lr: Option<f64>,
    },
    /// GD or momentum with a constant η inside its bound on a bowl whose
    /// loss is above its start at the end: the first swings of a run that
    /// converges slowly, the error shrinking ×`rho` a step.
    Slow {
        /// The initial loss.
        first: f64,
        /// The final loss.
        last: f64,
        /// The surface's largest curvature L.
        l: f64,
        /// λ and τ (the run sees L as h = (1 − τ)·(L + λ)).
        coupling: Coupling,
        /// η·h (η·L without λ and τ).
        lr_l: f64,
        /// The bound on η·h (2, 2(1 + γ), 2(1 + γ)/(1 + 2γ)).
        bound: f64,
        /// The rate: the largest |root| over the curvatures the run sees.
        rho: f64,
    },
    /// Completed, but the loss grew from `first` to `last`.
    Grew {
        /// The initial loss.
        first: f64,
        /// The final loss.
        last: f64,
        /// The learning rate (under a schedule, the largest η_t used).
        lr: f64,
        /// Whether a schedule set the rates.
        scheduled: bool,
        /// A smaller η that was run and worked ([`calmer_lr`]): searched
        /// by [`diagnose_in`] or [`fill_calmer`], which have the scene.
        calmer: Calmer,
        /// Whether L2's λ is what tipped it over ([`NoDecay`]).
        no_decay: NoDecay,
    },
}

/// Whether a failed run with L2's λ works with λ = 0, all else unchanged
/// (rerun with the smaller η's search: the decay adds λ to every
/// curvature of the loss it descends, and may be what tips the run over
/// where no bound is known; GD η = 0.4 with λ = 1.5 on the formula
/// 0.1·x² + 2·y² was told η is too large, λ not named).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum NoDecay {
    /// No L2 λ: nothing to ask.
    Unasked,
    /// To rerun with λ = 0 (this λ).
    Pending(f64),
    /// With λ = 0 instead of this λ the rerun completes and ends below
    /// its start.
    Works(f64),
    /// It does not, or was not run (too many steps).
    Fails,
}

impl NoDecay {
    /// What to ask of a run of `spec`.
    pub fn of(spec: &crate::optim::OptSpec) -> NoDecay {
        spec.coupled_decay()
            .map_or(NoDecay::Unasked, NoDecay::Pending)
    }
}

/// The smaller η a hint can name ("Try a smaller η"), found by running it
/// ([`calmer_lr`]): reruns that the page does after the paint.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Calmer {
    /// Not searched yet.
    Pending,
    /// This η was run and worked.
    Found(f64),
    /// None down to the sliders' smallest η works, or the search would
    /// rerun too many steps.
    NotFound,
}

impl Hint {
    /// The smaller η that was run and worked, when the hint names one.
    pub fn calmer(&self) -> Option<f64> {
        match self.calmer_slot() {
            Some(Calmer::Found(lr)) => Some(lr),
            _ => None,
        }
    }

    /// The hint's smaller η still to search for.
    pub fn calmer_pending(&self) -> bool {
        self.calmer_slot() == Some(Calmer::Pending)
    }

    /// Whether L2's λ was found to tip the run over, when the hint asks.
    pub fn no_decay(&self) -> Option<NoDecay> {
        let mut h = *self;
        h.no_decay_mut().copied()
    }

    fn calmer_slot(&self) -> Option<Calmer> {
        let mut h = *self;
        h.calmer_mut().copied()
    }

    /// The hints that can name a smaller η: theirs.
    pub fn calmer_mut(&mut self) -> Option<&mut Calmer> {
        match self {
            Hint::Diverged { calmer, .. }
            | Hint::Grew { calmer, .. }
            | Hint::ExprLeft { calmer, .. }
            | Hint::GdUnstable { calmer, .. }
            | Hint::Momentum { calmer, .. }
            | Hint::Nesterov { calmer, .. } => Some(calmer),
            _ => None,
        }
    }

    /// The hints that can blame L2's λ: theirs.
    pub fn no_decay_mut(&mut self) -> Option<&mut NoDecay> {
        match self {
            Hint::Diverged { no_decay, .. }
            | Hint::Grew { no_decay, .. }
            | Hint::ExprLeft { no_decay, .. } => Some(no_decay),
            _ => None,
        }
    }

    /// The largest L2 λ under a closed-form bound at this η, when weight
    /// decay is what tips η past it (or onto it) and a λ ≥ 0 would bring
    /// it back ([`Coupling::lambda_max`]). (Decoupled decay's own bound is
    /// [`Hint::DecayUnstable`]'s `lambda_max`.)
    pub fn coupled_lambda_max(&self) -> Option<f64> {
        match *self {
            Hint::GdUnstable {
                lr, l, coupling, ..
            } => coupling.lambda_max(lr, l, Method::Gd.product_bound()),
            Hint::AtEdge {
                lr,
                l,
                coupling,
                bound,
                ..
            } => coupling.lambda_max(lr, l, bound),
            Hint::Momentum {
                lr,
                l,
                coupling,
                bound,
                ..
            }
            | Hint::Nesterov {
                lr,
                l,
                coupling,
                bound,
                ..
            } => coupling.lambda_max(lr, l, bound),
            _ => None,
        }
    }

    /// Whether the run works with λ = 0, all else unchanged: a rerun
    /// said so ([`NoDecay::Works`]), or the closed-form bound holds
    /// without λ (η·(1 − τ)·L under it: [`Hint::coupled_lambda_max`] is
    /// positive).
    pub fn works_without_decay(&self) -> bool {
        matches!(self.no_decay(), Some(NoDecay::Works(_))) || self.coupled_lambda_max().is_some()
    }

    /// The largest stable η of a hint that knows it in closed form.
    pub fn lr_bound(&self) -> Option<f64> {
        match *self {
            Hint::GdUnstable { bound, .. } => Some(bound),
            Hint::Momentum { lr_max, .. } | Hint::Nesterov { lr_max, .. } => Some(lr_max),
            _ => None,
        }
    }
}
