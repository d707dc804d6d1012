//! Why a run went wrong, in words a student can act on.
//!
//! A run is *diverged* when the core stopped it (a coordinate beyond 1e12 or
//! non-finite), and *diverging* when it completed but its loss ended higher
//! than it started (GD with η = 0.6 on the seed's bowl: x2 = −1673 at step 20,
//! still finite). On a quadratic with curvatures 2a and 2b the reason is
//! exact: GD is stable iff η < 2/L with L the largest curvature; heavy-ball
//! momentum (either convention) iff η·L < 2(1 + γ); Nesterov iff
//! η·L < 2(1 + γ)/(1 + 2γ).
//!
//! A run is *stopped* when a block could not take a step (Newton at a
//! singular or non-finite Hessian). A run that completed at a stationary
//! point whose Hessian is not positive definite — Newton from (0, 0) on
//! Himmelblau climbs to the local maximum — is told so ([`Hint::NotMinimum`]),
//! whatever its health.

use crate::landscape::Landscape;
use crate::optim::Fault;
use crate::run::{Stop, Trajectory};
use crate::sweep::{coupled_curvatures, quadratic_curvatures};
use crate::theory::{bowl_curvature, Coupling, Method, MomentumForm};

mod calmer;
mod cycles;
pub use calmer::{calmer_below, calmer_lr, diagnose_in, fill_calmer};
use cycles::cycles;
pub use cycles::MAX_PERIOD;

/// How a run ended, for the legend and the loss chart.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Health {
    /// Completed, loss not above where it started.
    Ok,
    /// Completed, but the loss ended `growth` times above its start.
    Diverging {
        /// final loss / initial loss (≥ 1).
        growth: f64,
    },
    /// Stopped by the core at this step.
    Diverged {
        /// The first step that left the finite world.
        step: usize,
    },
    /// A block could not take this step (Newton's singular Hessian).
    Stopped {
        /// The step not taken.
        step: usize,
        /// Why.
        fault: Fault,
    },
}

impl Health {
    /// A short name for the page and its state (`ok`, `diverging`,
    /// `diverged`, `stopped`).
    pub fn name(self) -> &'static str {
        match self {
            Health::Ok => "ok",
            Health::Diverging { .. } => "diverging",
            Health::Diverged { .. } => "diverged",
            Health::Stopped { .. } => "stopped",
        }
    }
}

/// What kind of stationary point a run ended at, when not a minimum.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stationary {
    /// Both curvatures negative: a local maximum.
    Maximum,
    /// Curvatures of both signs: a saddle point.
    Saddle,
}

/// The health of a run and, when it went wrong, why.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnosis {
    /// How it ended.
    pub health: Health,
    /// The cause and what to try, when it went wrong (the text layer words
    /// it).
    pub hint: Option<Hint>,
    /// The theory says it converges: GD or momentum with a constant η
    /// strictly inside its bound on a bowl. Elsewhere a loss that did not
    /// grow proves nothing (Lion η = 10 on the bowl is back at its start's
    /// loss at step 100), so only these are said to be "converging".
    pub converges: bool,
}

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
        /// A smaller η that was run and worked ([`calmer_lr`]): searched
        /// by [`diagnose_in`] or [`fill_calmer`], which have the scene.
        calmer: Calmer,
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
        /// The Hessian's eigenvalues there, smaller first.
        eig: [f64; 2],
    },
    /// The loss fell without bound (a saddle, a surface curving down):
    /// no η helps, a smaller one only takes longer to run off.
    Unbounded {
        /// The initial loss.
        first: f64,
        /// The last finite loss.
        last: f64,
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
        /// The largest curvature L.
        l: f64,
        /// The bound on η·L (2, 2(1 + γ), 2(1 + γ)/(1 + 2γ)).
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
    },
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

    /// The largest stable η of a hint that knows it in closed form.
    pub fn lr_bound(&self) -> Option<f64> {
        match *self {
            Hint::GdUnstable { bound, .. } => Some(bound),
            Hint::Momentum { lr_max, .. } | Hint::Nesterov { lr_max, .. } => Some(lr_max),
            _ => None,
        }
    }
}

/// Judge one run on its landscape.
pub fn diagnose(landscape: &Landscape, t: &Trajectory) -> Diagnosis {
    let first = t.loss.first().copied().unwrap_or(0.0);
    let last = t.loss.last().copied().unwrap_or(first);
    // On the stability bound the zig-zag keeps its size: not diverging,
    // even where heavy ball's swing settled wider than it started (loss
    // 10.5 → 72, flat from step 5 on).
    let edge = (t.stop == Stop::Completed)
        .then(|| at_edge(landscape, t))
        .flatten();
    // A loss up after its steps while the theory says the run converges:
    // the first swings of a slow one (momentum γ = 0.95, η = 0.9 on the
    // bowl: 10.5 → 28 in 20 steps, ρ = 0.975), not divergence.
    let slow = (t.stop == Stop::Completed && last > first)
        .then(|| slowly(landscape, t, first, last))
        .flatten();
    let health = match t.stop {
        Stop::Diverged { step } => Health::Diverged { step },
        Stop::Fault { step, fault } => Health::Stopped { step, fault },
        Stop::Completed
            if edge.is_none()
                && slow.is_none()
                && t.loss.len() > 1
                && last > first
                && growth_of(first, last) > 1.5 =>
        {
            Health::Diverging {
                growth: growth_of(first, last),
            }
        }
        Stop::Completed => Health::Ok,
    };
    let hint = match (health, t.stop) {
        (Health::Stopped { step, fault }, _) => {
            let p = t.points.last().copied().unwrap_or([f64::NAN; 2]);
            Some(Hint::Fault {
                fault,
                step,
                x: p[0],
                y: p[1],
            })
        }
        (_, Stop::Completed) => match ends_off_minimum(landscape, t) {
            Some(h) => Some(h),
            None if health == Health::Ok => falls_away(landscape, t)
                .or(edge)
                .or_else(|| cycles(t))
                .or_else(|| beyond_bound(landscape, t))
                .or(slow),
            None => Some(reason(landscape, t, first, last)),
        },
        (Health::Ok, _) => None,
        _ => Some(reason(landscape, t, first, last)),
    };
    let converges = health == Health::Ok && inside_bound(landscape, t);
    Diagnosis {
        health,
        hint,
        converges,
    }
}

/// ‖∇f‖ below this (relative to max(1, ‖∇f(start)‖)) counts as stationary.
const STATIONARY: f64 = 1e-6;

/// [`Hint::NotMinimum`] when the run ends where ∇f ≈ 0 and the Hessian has
/// a negative eigenvalue.
fn ends_off_minimum(landscape: &Landscape, t: &Trajectory) -> Option<Hint> {
    let (&p0, &p) = (t.points.first()?, t.points.last()?);
    let norm = |g: [f64; 2]| g[0].hypot(g[1]);
    let g = norm(landscape.grad(p));
    let tol = STATIONARY * norm(landscape.grad(p0)).max(1.0);
    if g.is_nan() || g > tol {
        return None;
    }
    let h = landscape.hessian(p);
    let (a, b, c) = (h[0][0], h[0][1], h[1][1]);
    // The eigenvalues of [[a, b], [b, c]]: m ± r.
    let m = 0.5 * (a + c);
    let r = (0.5 * (a - c)).hypot(b);
    let eig = [m - r, m + r];
    if !(eig[0].is_finite() && eig[1].is_finite()) {
        return None;
    }
    let kind = if eig[1] < 0.0 {
        Stationary::Maximum
    } else if eig[0] < 0.0 && eig[1] > 0.0 {
        Stationary::Saddle
    } else {
        return None;
    };
    Some(Hint::NotMinimum {
        kind,
        x: p[0],
        y: p[1],
        eig,
    })
}

/// How far below its start (in units of max(1, |f(start)|)) a loss must
/// fall to count as falling without bound (`x*y` from (−5, −2): 10 →
/// −1.6e6 in 20 steps of GD η = 0.4).
const BOTTOMLESS: f64 = 1e4;

/// [`Hint::Unbounded`] when the loss is still falling, no bottom in sight:
/// its last step fell at least as far as the one before (a run settling
/// into a well falls less and less), and either the loss fell
/// [`BOTTOMLESS`] below its start or the surface is known to have no
/// bottom (the saddle from near its ridge: 2.2 → −14.7 in 20 steps, said
/// to be "converging" before). A formula's bottom is not known: a run
/// still accelerating down a double well's wall (x⁴ − 10x² + y²) curves
/// down and speeds up as one falling for ever would, so only the depth
/// tells there.
fn falls_away(landscape: &Landscape, t: &Trajectory) -> Option<Hint> {
    let (&first, [.., a, b, c]) = (t.loss.first()?, t.loss.as_slice()) else {
        return None;
    };
    // (A plane's equal falls differ in their last bits.)
    let falling = first.is_finite() && b - c >= (a - b) * (1.0 - 1e-9) && a - b > 0.0;
    let deep = *c < first - BOTTOMLESS * first.abs().max(1.0);
    let bottomless = landscape.bounded_below() == Some(false);
    (falling && (deep || bottomless)).then_some(Hint::Unbounded { first, last: *c })
}

/// How far above its start (in units of max(1, |f(start)|)) a loss must
/// be when a formula's run stops for the stop to be an overflow.
const SOARING: f64 = 1e3;

/// Whether the loss ended [`SOARING`] above its start and still rising
/// (its last step rose): the run was blowing up, not stepping into a
/// hole of f's domain (√x + y² crossing x = 0 stops at an ordinary loss).
fn soaring(loss: &[f64]) -> bool {
    let (Some(&first), [.., b, c]) = (loss.first(), loss) else {
        return false;
    };
    first.is_finite() && *c > first + SOARING * first.abs().max(1.0) && c > b
}

/// How near η·L must be to the bound to be on it: the bound is computed
/// (2(1 + γ)/(1 + 2γ)) and η typed in decimal, so a few ulps apart.
const ON_EDGE: f64 = 1e-12;

/// [`Hint::AtEdge`] for GD or momentum with a constant η on a bowl, η·L on
/// the stability bound.
fn at_edge(landscape: &Landscape, t: &Trajectory) -> Option<Hint> {
    // Plain only: its sentences name L (with λ or τ, η·h lands exactly
    // on the bound only by chance).
    let b = on_bowl(landscape, t).filter(|b| b.coupling.is_plain())?;
    let (l, method) = (b.l, b.method);
    let (lr, bound) = (t.spec.hyper.lr, method.product_bound());
    if (lr * l - bound).abs() > ON_EDGE * bound {
        return None;
    }
    // A start with nothing along the steepest axis has no zig-zag there:
    // such a run converges, and its gradient says so.
    let norm = |p: &crate::Vec2| {
        let g = landscape.grad(*p);
        g[0].hypot(g[1])
    };
    let (first, last) = (t.points.first()?, t.points.last()?);
    (norm(last) > 1e-3 * norm(first)).then_some(Hint::AtEdge {
        method,
        lr,
        l,
        bound,
    })
}

fn growth_of(first: f64, last: f64) -> f64 {
    if first > 0.0 {
        last / first
    } else {
        f64::INFINITY
    }
}

fn reason(landscape: &Landscape, t: &Trajectory, first: f64, last: f64) -> Hint {
    let h = &t.spec.hyper;
    let lr = h.lr;
    // Under a schedule the base η is not what went too far (a cyclic
    // schedule's peak 1.2 over η = 0.6): the largest rate a step used is.
    // (A run stopped at its first step used none: its base η then.)
    let scheduled = t.spec.schedule.is_some();
    let peak = match t
        .lr
        .iter()
        .copied()
        .filter(|v| v.is_finite())
        .reduce(f64::max)
    {
        Some(top) if scheduled => top,
        _ => lr,
    };
    // A formula can be undefined (ln or sqrt of a negative number, a
    // division by zero) where the run is: that is not the step size's fault.
    if let Stop::Diverged { step } = t.stop {
        match t.points.last() {
            None => return Hint::UndefinedStart,
            Some(&p) => {
                let g = landscape.grad(p);
                if !(g[0].is_finite() && g[1].is_finite()) {
                    return Hint::UndefinedGrad {
                        x: p[0],
                        y: p[1],
                        step: step.saturating_sub(1),
                    };
                }
            }
        }
    }
    // A decay factor 1 − η·λ below −1 alone makes x grow, whatever the
    // surface: the step size is not what to change.
    if let Some(lambda) = t.spec.decoupled_decay() {
        if lr * lambda > 2.0 {
            return Hint::DecayUnstable {
                lr,
                lambda,
                factor: 1.0 - lr * lambda,
                lambda_max: 2.0 / lr,
            };
        }
    }
    // Off to −∞ (a saddle, a surface curving down): no step size is
    // the cause, a smaller one only takes longer.
    if let Some(h) = falls_away(landscape, t) {
        return h;
    }
    // A formula's run that stopped while its loss soared overflowed, as a
    // built-in surface's does (x⁴ + y² at η = 0.5: 641, 3.6e9, 7e29, ∞):
    // it did not leave a domain, η was too large.
    if let (Stop::Diverged { step }, Landscape::Expr(_)) = (t.stop, landscape) {
        if !soaring(&t.loss) {
            return Hint::ExprLeft {
                step,
                lr: peak,
                scheduled,
                calmer: Calmer::Pending,
            };
        }
    }
    if let Some(h) = theory_hint(landscape, t) {
        return h;
    }
    match t.stop {
        Stop::Diverged { step } | Stop::Fault { step, .. } => Hint::Diverged {
            lr: peak,
            step,
            scheduled,
            calmer: Calmer::Pending,
        },
        Stop::Completed => Hint::Grew {
            first,
            last,
            lr: peak,
            scheduled,
            calmer: Calmer::Pending,
        },
    }
}

/// A run the closed-form bounds speak for: GD or momentum with a constant
/// η (under a schedule they explain nothing for sure) on a bowl, with its
/// weight decay and dampening ([`Coupling`]; none for the rest).
#[derive(Debug, Clone, Copy)]
struct Bowl {
    /// The method.
    method: Method,
    /// The surface's largest curvature L.
    l: f64,
    /// The curvature the run sees along that axis, (1 − τ)·(L + λ).
    h: f64,
    /// λ and τ.
    coupling: Coupling,
}

impl Bowl {
    /// η·h against the bound on it.
    fn unstable(self, lr: f64) -> bool {
        self.method.unstable(lr, self.h)
    }

    fn inside(self, lr: f64) -> bool {
        lr * self.h < self.method.product_bound()
    }
}

/// The [`Bowl`] of a run, when the bounds speak for it: both curvatures
/// as the run sees them positive (τ = 1 lets no gradient in).
fn on_bowl(landscape: &Landscape, t: &Trajectory) -> Option<Bowl> {
    let l = bowl_curvature(landscape).filter(|_| t.spec.schedule.is_none())?;
    let method = Method::of_kind(&t.spec)?;
    let coupling = Coupling::of(&t.spec);
    let seen = coupled_curvatures(quadratic_curvatures(landscape)?, Some(&t.spec));
    (seen[0].min(seen[1]) > 0.0).then_some(Bowl {
        method,
        l,
        h: coupling.curvature(l),
        coupling,
    })
}

/// The closed-form hint of GD or momentum with a constant η beyond its
/// stability bound on a bowl (`None` otherwise; such a run elsewhere gets
/// the plain words).
fn theory_hint(landscape: &Landscape, t: &Trajectory) -> Option<Hint> {
    let lr = t.spec.hyper.lr;
    let b = on_bowl(landscape, t).filter(|b| b.unstable(lr))?;
    let (l, coupling) = (b.l, b.coupling);
    let (bound, lr_max) = (b.method.product_bound(), b.method.lr_bound(b.h));
    Some(match b.method {
        Method::Gd => Hint::GdUnstable {
            lr,
            l,
            coupling,
            bound: lr_max,
            calmer: Calmer::Pending,
        },
        Method::Momentum {
            form: MomentumForm::HeavyBall,
            gamma,
        } => Hint::Momentum {
            lr,
            l,
            coupling,
            lr_l: lr * b.h,
            bound,
            gamma,
            lr_max,
            calmer: Calmer::Pending,
        },
        Method::Momentum {
            form: MomentumForm::Nesterov,
            ..
        } => Hint::Nesterov {
            lr,
            l,
            coupling,
            lr_l: lr * b.h,
            bound,
            lr_max,
            calmer: Calmer::Pending,
        },
    })
}

/// Whether GD or momentum runs with a constant η strictly inside its
/// stability bound on a bowl (its error shrinks every step, ρ < 1).
fn inside_bound(landscape: &Landscape, t: &Trajectory) -> bool {
    on_bowl(landscape, t).is_some_and(|b| b.inside(t.spec.hyper.lr))
}

/// [`Hint::Slow`] for GD or momentum with a constant η strictly inside its
/// bound on a bowl (the theory says it converges), whatever its loss did
/// in the steps run.
fn slowly(landscape: &Landscape, t: &Trajectory, first: f64, last: f64) -> Option<Hint> {
    let lr = t.spec.hyper.lr;
    let b = on_bowl(landscape, t).filter(|b| b.inside(lr))?;
    let curv = coupled_curvatures(quadratic_curvatures(landscape)?, Some(&t.spec));
    let (form, gamma) = match b.method {
        Method::Gd => (MomentumForm::HeavyBall, 0.0),
        Method::Momentum { form, gamma } => (form, gamma),
    };
    Some(Hint::Slow {
        first,
        last,
        l: b.l,
        coupling: b.coupling,
        lr_l: lr * b.h,
        bound: b.method.product_bound(),
        rho: crate::theory::momentum_rate(form, lr, gamma, &curv),
    })
}

/// A completed run whose loss did not grow (yet) but whose η is beyond the
/// bound: GD at η = 0.501 on the seed's bowl multiplies x2 by −1.004 a step
/// (2 → 2.166 in 20 steps) while x1's descent keeps the loss falling, and
/// was called "converging". Unless nothing lies along the steepest axis
/// (a start on the flat axis never zig-zags): then it does converge.
fn beyond_bound(landscape: &Landscape, t: &Trajectory) -> Option<Hint> {
    let hint = theory_hint(landscape, t)?;
    let (&first, &last) = (t.points.first()?, t.points.last()?);
    // The gradient's part along the steepest axis (the Hessian's top
    // eigenvector) at the end, against the whole gradient at the start.
    let h = landscape.hessian(last);
    let (a, b, c) = (h[0][0], h[0][1], h[1][1]);
    let top = 0.5 * (a + c) + (0.5 * (a - c)).hypot(b);
    // (a − top, b) and (b, c − top) are both ⟂ to the top eigenvector.
    let v = if b != 0.0 {
        [top - c, b]
    } else if a >= c {
        [1.0, 0.0]
    } else {
        [0.0, 1.0]
    };
    let g = landscape.grad(last);
    let along = (v[0] * g[0] + v[1] * g[1]).abs() / v[0].hypot(v[1]);
    let g0 = landscape.grad(first);
    (along > 1e-12 * g0[0].hypot(g0[1])).then_some(hint)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::run::simulate;
    use crate::scene::Scene;

    /// Each run's hint (also the cycles' tests').
    pub(super) fn hints(json: &str) -> Vec<Option<Hint>> {
        let s = Scene::from_json(json).unwrap();
        let runs = simulate(&s).unwrap();
        runs.iter()
            .map(|r| diagnose(&s.landscape, r).hint)
            .collect()
    }

    #[test]
    fn just_beyond_the_bound_a_falling_loss_is_still_told_it_diverges() {
        // GD η = 0.501 on the seed's bowl: x2 ×(−1.004) a step, 2 → 2.166
        // in 20 steps, while x1's descent keeps the loss falling (10.5 → 9.4).
        let bowl = |start: &str, opts: &str| {
            format!(
                r#"{{"landscape": {{"kind": "quadratic", "a": 0.1, "b": 2}}, "start": {start}, "steps": 20, "convention": "d2l", "optimizers": [{opts}]}}"#
            )
        };
        let json = bowl(
            "[-5, -2]",
            r#"{"kind": "gd", "lr": 0.501}, {"kind": "momentum", "lr": 0.76, "gamma": 0.5}, {"kind": "gd", "lr": 0.499}"#,
        );
        let s = Scene::from_json(&json).unwrap();
        let runs = simulate(&s).unwrap();
        let d: Vec<Diagnosis> = runs.iter().map(|r| diagnose(&s.landscape, r)).collect();
        assert!(runs[0].loss.last().unwrap() < &runs[0].loss[0]);
        assert_eq!(d[0].health, Health::Ok);
        assert!(
            matches!(d[0].hint, Some(Hint::GdUnstable { lr, bound, .. }) if lr == 0.501 && bound == 0.5),
            "{:?}",
            d[0]
        );
        assert!(
            matches!(d[1].hint, Some(Hint::Momentum { .. })),
            "{:?}",
            d[1]
        );
        assert_eq!(d[2].hint, None, "inside the bound");
        // Nothing along the steepest axis: x2 stays 0, the run converges.
        let flat = hints(&bowl("[-5, 0]", r#"{"kind": "gd", "lr": 0.501}"#));
        assert_eq!(flat, vec![None]);
        // Rotated: the steepest axis is not x2; the same holds.
        let rot = hints(
            r#"{"landscape": {"kind": "quadratic", "a": 0.1, "b": 2, "rotation": 30}, "start": [-5, -2], "steps": 20, "optimizers": [{"kind": "gd", "lr": 0.501}]}"#,
        );
        assert!(matches!(rot[0], Some(Hint::GdUnstable { .. })), "{rot:?}");
    }

    #[test]
    fn a_loss_up_inside_the_bound_is_a_slow_start_not_divergence() {
        // Heavy ball γ = 0.95, η = 0.9 on the seed's bowl: ρ = 0.975, the
        // loss 10.5 → 28 in 20 steps, 0.018 at step 100.
        let json = |steps: usize| {
            format!(
                r#"{{"landscape": {{"kind": "quadratic", "a": 0.1, "b": 2}}, "start": [-5, -2], "steps": {steps}, "convention": "d2l", "optimizers": [{{"kind": "momentum", "lr": 0.9, "gamma": 0.95}}, {{"kind": "momentum", "lr": 1.0, "gamma": 0.95}}]}}"#
            )
        };
        let s = Scene::from_json(&json(20)).unwrap();
        let runs = simulate(&s).unwrap();
        assert!(runs[0].loss[20] > 2.0 * runs[0].loss[0]);
        let d = diagnose(&s.landscape, &runs[0]);
        assert_eq!(d.health, Health::Ok);
        match d.hint {
            Some(Hint::Slow {
                rho, bound, lr_l, ..
            }) => {
                assert!((rho - 0.975).abs() < 1e-3, "{rho}");
                assert_eq!(bound, 3.9);
                assert!((lr_l - 3.6).abs() < 1e-12);
            }
            other => panic!("{other:?}"),
        }
        // Beyond the bound (η·L = 4 > 3.9): the bound's message.
        assert!(matches!(
            diagnose(&s.landscape, &runs[1]).hint,
            Some(Hint::Momentum { .. })
        ));
        // And it does converge.
        let long = simulate(&Scene::from_json(&json(300)).unwrap()).unwrap();
        assert!(long[0].loss[300] < 1e-3);
    }

    #[test]
    fn a_loss_falling_without_bottom_is_named_before_it_is_deep() {
        let run = |land: &str, start: &str, lr: f64| {
            hints(&format!(
                r#"{{"landscape": {land}, "start": {start}, "steps": 20, "convention": "d2l", "optimizers": [{{"kind": "gd", "lr": {lr}}}]}}"#
            ))[0]
        };
        let unbounded = |h: Option<Hint>| matches!(h, Some(Hint::Unbounded { .. }));
        // The saddle from near its ridge: 2.2 → −14.7; a quadratic with a
        // negative coefficient.
        assert!(unbounded(run(r#"{"kind": "saddle"}"#, "[-1.5, 0.1]", 0.1)));
        assert!(unbounded(run(
            r#"{"kind": "quadratic", "a": 0.5, "b": -1}"#,
            "[-1.5, 0.1]",
            0.1
        )));
        // Wells, valleys, bowls — and formulas, whose bottom is not known,
        // until they are deep: a double well's wall (minima −25 at ±√5), a
        // Gaussian well (−10), a dome only once 10⁴ down.
        for (land, start, lr) in [
            (
                r#"{"kind": "expr", "expr": "x^4 - 10*x^2 + y^2"}"#,
                "[0.1, 1]",
                0.005,
            ),
            (
                r#"{"kind": "expr", "expr": "-10*exp(-(x^2 + y^2))"}"#,
                "[2.2, 0.3]",
                0.05,
            ),
            (
                r#"{"kind": "expr", "expr": "-x^2 - y^2"}"#,
                "[0.1, 0.1]",
                0.1,
            ),
            (
                r#"{"kind": "expr", "expr": "0.1*x^2 + 2*y^2"}"#,
                "[-5, -2]",
                0.4,
            ),
            (r#"{"kind": "himmelblau"}"#, "[0, 0]", 0.01),
            (r#"{"kind": "rosenbrock"}"#, "[-1.5, 2]", 0.001),
        ] {
            assert!(!unbounded(run(land, start, lr)), "{land}");
        }
        assert!(unbounded(run(
            r#"{"kind": "expr", "expr": "-x^2 - y^2"}"#,
            "[0.1, 0.1]",
            0.5
        )));
    }

    #[test]
    fn a_rate_on_the_stability_bound_is_named_not_called_converging() {
        // The bowl's L = 4: GD's bound 0.5, heavy ball γ = 0.5's 0.75,
        // Nesterov γ = 0.5's 0.375. On it the steepest axis flips forever.
        let bowl = |opts: &str| {
            format!(
                r#"{{"landscape": {{"kind": "quadratic", "a": 0.1, "b": 2}}, "start": [-5, -2], "steps": 40, "convention": "d2l", "optimizers": [{opts}]}}"#
            )
        };
        let on = hints(&bowl(
            r#"{"kind": "gd", "lr": 0.5}, {"kind": "momentum", "lr": 0.75, "gamma": 0.5}, {"kind": "momentum", "lr": 0.375, "gamma": 0.5, "nesterov": true}"#,
        ));
        let bounds = [2.0, 3.0, 1.5];
        for (i, h) in on.iter().enumerate() {
            match h {
                Some(Hint::AtEdge { lr, l, bound, .. }) => {
                    assert_eq!(*l, 4.0);
                    assert_eq!(*bound, bounds[i]);
                    assert_eq!(*lr, [0.5, 0.75, 0.375][i]);
                }
                other => panic!("run {i}: {other:?}"),
            }
        }
        let s = Scene::from_json(&bowl(
            r#"{"kind": "gd", "lr": 0.5}, {"kind": "momentum", "lr": 0.75, "gamma": 0.5}"#,
        ))
        .unwrap();
        let runs = simulate(&s).unwrap();
        let r = &runs[0];
        assert_eq!(diagnose(&s.landscape, r).health, Health::Ok);
        // Heavy ball's swing settles wider than it started: not diverging.
        let m = &runs[1];
        assert!(m.loss.last().unwrap() > &(2.0 * m.loss[0]));
        assert_eq!(diagnose(&s.landscape, m).health, Health::Ok);
        // The zig-zag does not die out: x2 is ±2 at the end.
        assert_eq!(r.points.last().unwrap()[1].abs(), 2.0);
        // Just inside, just outside, under a schedule: no such hint.
        let off = hints(&bowl(
            r#"{"kind": "gd", "lr": 0.49}, {"kind": "momentum", "lr": 0.7, "gamma": 0.5}, {"kind": "gd", "lr": 0.5, "schedule": {"kind": "step", "step_size": 100, "gamma": 0.5}}"#,
        ));
        assert_eq!(off, vec![None, None, None]);
        assert!(matches!(
            hints(&bowl(r#"{"kind": "gd", "lr": 0.51}"#))[0],
            Some(Hint::GdUnstable { .. })
        ));
        // Not the plain update on the bound: weight decay (grows),
        // dampening (converges), a start on the flat axis (no zig-zag).
        let h = hints(&bowl(
            r#"{"kind": "gd", "lr": 0.5, "lambda": 0.1}, {"kind": "momentum", "lr": 0.75, "gamma": 0.5, "dampening": 0.5}"#,
        ));
        assert!(
            !h.iter().any(|h| matches!(h, Some(Hint::AtEdge { .. }))),
            "{h:?}"
        );
        let flat = r#"{"landscape": {"kind": "quadratic", "a": 0.1, "b": 2}, "start": [-5, 0], "steps": 100, "optimizers": [{"kind": "gd", "lr": 0.5}]}"#;
        assert_eq!(hints(flat), vec![None]);
    }

    #[test]
    fn a_scheduled_run_is_blamed_on_the_largest_rate_it_used() {
        // A trial: CyclicLR up to 1.2 over η = 0.3 on the bowl (2/L = 0.5)
        // was told "η = 0.3 is too large".
        let h = hints(
            r#"{"landscape": {"kind": "quadratic", "a": 0.1, "b": 2}, "start": [-5, -2], "steps": 40, "convention": "pytorch",
                "optimizers": [{"kind": "gd", "lr": 0.3, "schedule": {"kind": "cyclic", "max_lr": 1.2, "step_size_up": 4, "cycle_momentum": false}}, {"kind": "gd", "lr": 0.6}]}"#,
        );
        match h[0] {
            Some(Hint::Diverged { lr, scheduled, .. } | Hint::Grew { lr, scheduled, .. }) => {
                assert!(scheduled);
                assert!((lr - 1.2).abs() < 1e-12, "{lr}");
            }
            ref other => panic!("{other:?}"),
        }
        // Without a schedule the bound's own words, as before.
        assert!(matches!(h[1], Some(Hint::GdUnstable { lr, .. }) if lr == 0.6));
    }

    #[test]
    fn decoupled_decay_past_two_is_named_not_the_step_size() {
        // AdamW η = 0.1, λ = 25: 1 − η·λ = −1.5, on the bowl and on a
        // formula; Lion and NAdam's decoupled decay alike.
        for land in [
            r#"{"kind": "quadratic", "a": 0.1, "b": 2}"#,
            r#"{"kind": "expr", "expr": "x^2 + y^2"}"#,
        ] {
            let h = hints(&format!(
                r#"{{"landscape": {land}, "steps": 200, "optimizers": [{{"kind": "adamw", "lr": 0.1, "lambda": 25}}, {{"kind": "lion", "lr": 0.5, "lambda": 5}}, {{"kind": "nadam", "lr": 0.1, "lambda": 30, "decoupled": true}}]}}"#
            ));
            for (i, want) in [(0.1, 25.0), (0.5, 5.0), (0.1, 30.0)].iter().enumerate() {
                match h[i] {
                    Some(Hint::DecayUnstable {
                        lr,
                        lambda,
                        factor,
                        lambda_max,
                    }) => {
                        assert_eq!((lr, lambda), *want);
                        assert!((factor - (1.0 - lr * lambda)).abs() < 1e-12);
                        assert!((lambda_max - 2.0 / lr).abs() < 1e-12);
                    }
                    ref other => panic!("{land} run {i}: {other:?}"),
                }
            }
        }
        // Below 2, or L2's coupled decay: the decay is not named.
        let h = hints(
            r#"{"steps": 50, "optimizers": [{"kind": "adamw", "lr": 0.1, "lambda": 19}, {"kind": "adam_l2", "lr": 3, "lambda": 25}, {"kind": "nadam", "lr": 0.1, "lambda": 30}]}"#,
        );
        assert!(
            h.iter()
                .all(|h| !matches!(h, Some(Hint::DecayUnstable { .. }))),
            "{h:?}"
        );
    }

    /// A surface with no bottom in the run's direction is named, not the
    /// step size (a student read "try a smaller η" on the saddle, lowered
    /// η, and saw it diverge later).
    #[test]
    fn a_loss_falling_without_bound_is_the_surface_not_the_step_size() {
        let scene = |land: &str, steps: usize, lr: f64| {
            format!(
                r#"{{"landscape": {land}, "start": [-5, -2], "steps": {steps}, "optimizers": [{{"kind": "gd", "lr": {lr}}}, {{"kind": "adam", "lr": {lr}}}]}}"#
            )
        };
        for (land, steps, lr) in [
            // Stopped past 1e12 at any η: the saddle, a bowl upside down.
            (r#"{"kind": "saddle"}"#, 2000, 0.01),
            (r#"{"kind": "saddle"}"#, 20000, 0.001),
            (r#"{"kind": "quadratic", "a": -1, "b": 2}"#, 20000, 0.001),
            // Completed, the loss at −4.7e11 after 20 steps.
            (r#"{"kind": "expr", "expr": "x*y"}"#, 20, 0.4),
            (r#"{"kind": "expr", "expr": "-x^2 - y^2"}"#, 2000, 0.4),
        ] {
            let h = hints(&scene(land, steps, lr));
            assert!(
                matches!(h[0], Some(Hint::Unbounded { first, last }) if last < first - 1e6),
                "{land} GD: {h:?}"
            );
        }
        // A bowl diverging upwards keeps its reason; a run that settles
        // deep below zero is not falling (its minimum is −1e4).
        let h = hints(&scene(
            r#"{"kind": "quadratic", "a": 0.1, "b": 2}"#,
            20,
            0.6,
        ));
        assert!(matches!(h[0], Some(Hint::GdUnstable { .. })), "{h:?}");
        let h = hints(&scene(
            r#"{"kind": "expr", "expr": "x^2 + y^2 - 1e4"}"#,
            50,
            0.1,
        ));
        assert_eq!(h[0], None);
        // From f = 0 down a well 1e5 deep, settling: not bottomless.
        let well = r#"{"kind": "expr", "expr": "1e5*((x + 4)^2 + (y + 2)^2) - 1e5"}"#;
        let h = hints(&scene(well, 30, 2e-6));
        assert_eq!(h[0], None, "{h:?}");
    }

    #[test]
    fn a_formula_that_overflows_diverged_one_that_steps_out_of_its_domain_left_it() {
        let scene = |expr: &str, start: &str, lr: f64| {
            format!(
                r#"{{"landscape": {{"kind": "expr", "expr": "{expr}"}}, "start": {start}, "steps": 50, "optimizers": [{{"kind": "gd", "lr": {lr}}}]}}"#
            )
        };
        // x⁴ + y² at η = 0.5: 641, 3.6e9, 7e29, then past 1e12; and one
        // that overflows f itself (exp of a soaring x).
        for (expr, start, lr) in [
            ("x^4 + y^2", "[-5, -2]", 0.5),
            ("1000*x^2 + y^2", "[-5, -2]", 0.01),
            ("exp(x^2) + y^2", "[1.5, 1]", 0.5),
        ] {
            let h = hints(&scene(expr, start, lr));
            assert!(
                matches!(h[0], Some(Hint::Diverged { step, .. }) if step > 0),
                "{expr}: {h:?}"
            );
        }
        // √x + y² from x = 1 with η = 3: x goes below 0 at an ordinary
        // loss; ln(x) + y² likewise.
        for expr in ["sqrt(x) + y^2", "log(x) + y^2"] {
            let h = hints(&scene(expr, "[1, 0.5]", 3.0));
            assert!(matches!(h[0], Some(Hint::ExprLeft { .. })), "{expr}: {h:?}");
        }
        // After several steps falling (√x from x = 4 at η = 1: the steps
        // grow as x nears 0 and one crosses it): still the domain, not
        // an overflow.
        let s = Scene::from_json(&scene("sqrt(x) + y^2", "[4, 0.5]", 1.0)).unwrap();
        let runs = simulate(&s).unwrap();
        assert!(runs[0].loss.len() > 3, "{:?}", runs[0].loss);
        let h = diagnose(&s.landscape, &runs[0]).hint;
        assert!(matches!(h, Some(Hint::ExprLeft { .. })), "{h:?}");
        assert!(!soaring(&[1.0]));
        assert!(!soaring(&[1.0, 2000.0, 1500.0]));
        assert!(soaring(&[1.0, 1002.0]));
        assert!(soaring(&[-5.0, 10.0, 5000.0]));
        assert!(!soaring(&[f64::NAN, 1e9]));
    }
}
