//! What the theory knows exactly on a quadratic: stability bounds and
//! convergence rates of GD and momentum.
//!
//! On a quadratic with curvatures h (Hessian eigenvalues 2a and 2b, L the
//! largest), GD is stable iff η·L < 2; heavy-ball momentum iff
//! η·L < 2(1 + γ); Nesterov iff η·L < 2(1 + γ)/(1 + 2γ) — in both
//! conventions (torch's b ← μ·b + g, x ← x − lr·b is the d2l map with
//! v = lr·b).
//!
//! Along an axis of curvature h, heavy ball (v ← γ·v + η·g, x ← x − v) is
//! the linear map (x, v) ↦ ((1 − ηh)·x − γ·v, ηh·x + γ·v) with
//! characteristic polynomial z² − (1 + γ − ηh)·z + γ; Nesterov
//! (x ← x − (γ·v + η·g)) gives z² − (1 + γ)(1 − ηh)·z + γ·(1 − ηh). The
//! error shrinks per step by the spectral radius max|z| (the rate ρ; ρ ≥ 1
//! diverges), as in Goh's "Why Momentum Really Works" (Distill, 2017).
//! (h, not the usual λ: λ is the page's weight decay.)
//!
//! Weight decay λ and dampening τ change only the curvatures these see
//! ([`Coupling`]).

use crate::landscape::Landscape;
use crate::optim::{OptKind, OptSpec};

/// Heavy-ball or Nesterov momentum.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MomentumForm {
    /// v ← γ·v + η·g; x ← x − v.
    HeavyBall,
    /// v ← γ·v + η·g; x ← x − (γ·v + η·g).
    Nesterov,
}

/// A method the bounds know: GD or momentum with γ.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Method {
    /// Gradient descent.
    Gd,
    /// Momentum of this form with this γ.
    Momentum {
        /// Heavy ball or Nesterov.
        form: MomentumForm,
        /// γ (torch's μ).
        gamma: f64,
    },
}

impl Method {
    /// The method of an optimizer without weight decay or dampening, whose
    /// bounds are on the surface's own L (what the hints' sentences say):
    /// λ adds to every curvature (heavy ball γ = 0.5 with λ = 1 on a bowl
    /// of L = 4 diverges at η = 0.7 < 3/L); see [`Coupling`].
    pub fn of(spec: &OptSpec) -> Option<Method> {
        if !Coupling::of(spec).is_plain() {
            return None;
        }
        Method::of_kind(spec)
    }

    /// The method of a GD or momentum optimizer, whatever its λ and τ
    /// (their bounds are on [`Coupling::curvature`]).
    pub fn of_kind(spec: &OptSpec) -> Option<Method> {
        match spec.kind {
            OptKind::Gd => Some(Method::Gd),
            OptKind::Momentum => Some(Method::Momentum {
                form: if spec.hyper.nesterov {
                    MomentumForm::Nesterov
                } else {
                    MomentumForm::HeavyBall
                },
                gamma: spec.hyper.gamma,
            }),
            _ => None,
        }
    }

    /// The bound on η·L: stable iff η·L is below it (2; 2(1 + γ);
    /// 2(1 + γ)/(1 + 2γ)).
    pub fn product_bound(self) -> f64 {
        match self {
            Method::Gd => 2.0,
            Method::Momentum {
                form: MomentumForm::HeavyBall,
                gamma,
            } => 2.0 * (1.0 + gamma),
            Method::Momentum {
                form: MomentumForm::Nesterov,
                gamma,
            } => 2.0 * (1.0 + gamma) / (1.0 + 2.0 * gamma),
        }
    }

    /// The bound on η for the largest curvature `l` (> 0): stable iff η is
    /// below it. Computed as [`Method::product_bound`]` / l`, the form the
    /// diagnoses print (for Nesterov this may differ by one ulp from
    /// 2(1 + γ)/((1 + 2γ)·l), which the η sweep used before).
    pub fn lr_bound(self, l: f64) -> f64 {
        self.product_bound() / l
    }

    /// Whether η diverges for the largest curvature `l`: η·L above
    /// [`Method::product_bound`] (at the bound a run neither shrinks nor grows).
    pub fn unstable(self, eta: f64, l: f64) -> bool {
        eta * l > self.product_bound()
    }
}

/// What an optimizer's weight decay and dampening do to the recurrence on
/// a quadratic. Coupled weight decay (GD's and momentum's, torch's
/// `grad.add(param, alpha=weight_decay)`) adds λ·x to the gradient, so an
/// axis of curvature h acts as one of h + λ; dampening τ lets the gradient
/// into the velocity as (1 − τ)·η·g (d2l) or (1 − τ)·g (torch, whose
/// undamped first step b = g does not change the rate), so η·h acts as
/// (1 − τ)·η·h. The bounds and rates of [`Method`] and [`momentum_rate`]
/// hold with every curvature replaced by [`Coupling::curvature`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Coupling {
    /// λ, weight decay (0: none).
    pub lambda: f64,
    /// τ, momentum's dampening (0: none; GD has none).
    pub dampening: f64,
}

impl Coupling {
    /// The coupling of an optimizer (of any kind; only GD's and momentum's
    /// are used).
    pub fn of(spec: &OptSpec) -> Coupling {
        Coupling {
            lambda: spec.hyper.lambda,
            dampening: match spec.kind {
                OptKind::Momentum => spec.hyper.dampening,
                _ => 0.0,
            },
        }
    }

    /// Neither weight decay nor dampening.
    pub fn is_plain(self) -> bool {
        self.lambda == 0.0 && self.dampening == 0.0
    }

    /// The largest λ at which η·(1 − τ)·(L + λ) stays under `bound` (the
    /// bound on η·h: 2, 2(1 + γ), …), when a λ ≥ 0 does and this coupling
    /// has a λ to lower: bound/(η·(1 − τ)) − L.
    pub fn lambda_max(self, lr: f64, l: f64, bound: f64) -> Option<f64> {
        let max = bound / (lr * (1.0 - self.dampening)) - l;
        (self.lambda > 0.0 && max > 0.0 && max.is_finite()).then_some(max)
    }

    /// The curvature an axis of curvature `h` acts as: (1 − τ)·(h + λ)
    /// (`h` itself, bit for bit, when plain).
    pub fn curvature(self, h: f64) -> f64 {
        if self.is_plain() {
            return h;
        }
        (1.0 - self.dampening) * (h + self.lambda)
    }
}

/// The largest curvature L of a bowl (a quadratic with a, b > 0); `None`
/// for other surfaces, where the bounds do not hold everywhere.
pub fn bowl_curvature(landscape: &Landscape) -> Option<f64> {
    match landscape {
        Landscape::Quadratic(q) if q.a > 0.0 && q.b > 0.0 => Some(q.max_curvature()),
        _ => None,
    }
}

/// Whether Adam+L2 with this λ takes plain Adam's steps on `landscape`
/// (without gradient noise): on the bowl a·x1² + b·x2² with its axes along
/// x1 and x2 and its minimum at the origin, ∇f + λ·x = ((2a + λ)·x1,
/// (2b + λ)·x2) only scales each coordinate's gradient by a positive
/// constant, and Adam's m̂/(√v̂ + ε) divides any such scale out (up to ε).
/// A student drags λ there and sees nothing move; the page says why.
pub fn l2_only_rescales(landscape: &Landscape, lambda: f64, sigma: f64) -> bool {
    match landscape {
        Landscape::Quadratic(q) => {
            lambda != 0.0
                && sigma == 0.0
                && (q.rotation / 90.0).fract() == 0.0
                && 2.0 * q.a + lambda > 0.0
                && 2.0 * q.b + lambda > 0.0
        }
        _ => false,
    }
}

/// The exact bound on η for GD and momentum on a quadratic bowl (a, b > 0),
/// with their weight decay and dampening ([`Coupling`]); `None` elsewhere,
/// and when no gradient enters (τ = 1: nothing moves, at any η).
pub fn stability_bound(landscape: &Landscape, spec: &OptSpec) -> Option<f64> {
    let l = Coupling::of(spec).curvature(bowl_curvature(landscape)?);
    let m = Method::of_kind(spec)?;
    (l > 0.0).then(|| m.lr_bound(l))
}

/// The spectral radius max|z| of z² − p·z + q (real coefficients).
pub fn spectral_radius(p: f64, q: f64) -> f64 {
    let disc = p * p - 4.0 * q;
    if disc >= 0.0 {
        (p.abs() + disc.sqrt()) / 2.0
    } else {
        // Complex pair: |z|² = q (> 0 here since p² < 4q).
        q.sqrt()
    }
}

/// The convergence rate of momentum with (η, γ) along an axis of curvature `h`.
pub fn axis_rate(form: MomentumForm, eta: f64, gamma: f64, h: f64) -> f64 {
    let h = eta * h;
    let (p, q) = match form {
        MomentumForm::HeavyBall => (1.0 + gamma - h, gamma),
        MomentumForm::Nesterov => ((1.0 + gamma) * (1.0 - h), gamma * (1.0 - h)),
    };
    spectral_radius(p, q)
}

/// The fastest rate momentum of `form` reaches on a quadratic whose
/// curvatures are `mu` and `l` (0 < μ ≤ L), κ = L/μ: heavy ball
/// ρ* = (√κ − 1)/(√κ + 1) at η = 4/(√L + √μ)², γ = ρ*² (Polyak);
/// Nesterov ρ* = 1 − 2/√(3κ + 1) at η = 4/(3L + μ),
/// γ = (√(3κ + 1) − 2)/(√(3κ + 1) + 2) (Lessard, Recht and Packard, 2016).
/// As (ρ*, η, γ); `None` without a minimum.
pub fn best_momentum(form: MomentumForm, mu: f64, l: f64) -> Option<(f64, f64, f64)> {
    if !(mu > 0.0 && l >= mu && l.is_finite()) {
        return None;
    }
    let k = l / mu;
    Some(match form {
        MomentumForm::HeavyBall => {
            let rho = (k.sqrt() - 1.0) / (k.sqrt() + 1.0);
            (rho, 4.0 / (l.sqrt() + mu.sqrt()).powi(2), rho * rho)
        }
        MomentumForm::Nesterov => {
            let s = (3.0 * k + 1.0).sqrt();
            (1.0 - 2.0 / s, 4.0 / (3.0 * l + mu), (s - 2.0) / (s + 2.0))
        }
    })
}

/// The convergence rate ρ: the largest [`axis_rate`] over the curvatures.
pub fn momentum_rate(form: MomentumForm, eta: f64, gamma: f64, curvatures: &[f64]) -> f64 {
    curvatures
        .iter()
        .map(|&l| axis_rate(form, eta, gamma, l))
        .fold(0.0, f64::max)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn l2_inside_adam_is_a_rescale_on_the_centred_axis_bowl() {
        use crate::landscape::Quadratic;
        use crate::run::simulate;
        use crate::scene::Scene;
        let run = |land: &str, sigma: f64| {
            let s = Scene::from_json(&format!(
                r#"{{"landscape": {land}, "noise": {{"sigma": {sigma}, "seed": 1}}, "steps": 30, "optimizers": [{{"kind": "adam", "lr": 0.1}}, {{"kind": "adam_l2", "lr": 0.1, "lambda": 0.5}}, {{"kind": "adam_l2", "lr": 0.1, "lambda": 5}}]}}"#
            ))
            .unwrap();
            let runs = simulate(&s).unwrap();
            let gap = |r: &crate::run::Trajectory| {
                r.points
                    .iter()
                    .zip(&runs[0].points)
                    .map(|(p, q)| (p[0] - q[0]).abs().max((p[1] - q[1]).abs()))
                    .fold(0.0, f64::max)
            };
            let rescales = l2_only_rescales(&s.landscape, 0.5, s.noise.sigma);
            (rescales, gap(&runs[1]).max(gap(&runs[2])))
        };
        // The default bowl: the same steps (ε = 1e-6 aside) at λ = 0.5 and 5.
        let (yes, gap) = run(r#"{"kind": "quadratic", "a": 0.1, "b": 2}"#, 0.0);
        assert!(yes && gap < 1e-4, "{gap}");
        // Rotated, shifted (lesson 9's), or with noise: L2 changes the path.
        for (land, sigma) in [
            (
                r#"{"kind": "quadratic", "a": 0.1, "b": 2, "rotation": 30}"#,
                0.0,
            ),
            (
                r#"{"kind": "expr", "expr": "0.1*(x-3)^2 + 2*(y-3)^2"}"#,
                0.0,
            ),
            (r#"{"kind": "quadratic", "a": 0.1, "b": 2}"#, 0.5),
        ] {
            let (yes, gap) = run(land, sigma);
            assert!(!yes && gap > 0.05, "{land} σ={sigma}: {gap}");
        }
        let bowl = Landscape::Quadratic(Quadratic::default());
        assert!(!l2_only_rescales(&bowl, 0.0, 0.0), "no λ, nothing to say");
    }
    use crate::landscape::Landscape;
    use crate::optim::Convention;

    fn momentum(gamma: f64, form: MomentumForm) -> Method {
        Method::Momentum { form, gamma }
    }

    #[test]
    fn the_bounds_on_the_seed_bowl() {
        // L = 4 on the seed's bowl (a = 0.1, b = 2).
        let l = 4.0;
        assert_eq!(Method::Gd.lr_bound(l), 0.5);
        assert_eq!(momentum(0.5, MomentumForm::HeavyBall).lr_bound(l), 0.75);
        assert_eq!(momentum(0.5, MomentumForm::Nesterov).lr_bound(l), 0.375);
        assert_eq!(momentum(0.5, MomentumForm::Nesterov).product_bound(), 1.5);
        // γ = 0 is GD in both forms.
        for form in [MomentumForm::HeavyBall, MomentumForm::Nesterov] {
            assert_eq!(momentum(0.0, form).lr_bound(l), Method::Gd.lr_bound(l));
        }
        assert!(Method::Gd.unstable(0.6, l) && !Method::Gd.unstable(0.5, l));
    }

    #[test]
    fn the_bound_is_where_the_rate_reaches_one() {
        let curv = [0.2, 4.0];
        for gamma in [0.0, 0.3, 0.5, 0.9] {
            for form in [MomentumForm::HeavyBall, MomentumForm::Nesterov] {
                let b = momentum(gamma, form).lr_bound(4.0);
                assert!(momentum_rate(form, b * 0.999, gamma, &curv) < 1.0);
                assert!(momentum_rate(form, b * 1.001, gamma, &curv) > 1.0);
                assert!((momentum_rate(form, b, gamma, &curv) - 1.0).abs() < 1e-9);
            }
        }
    }

    #[test]
    fn the_best_momentum_is_the_rate_at_its_parameters_and_no_grid_beats_it() {
        let curv = [0.2, 4.0];
        for form in [MomentumForm::HeavyBall, MomentumForm::Nesterov] {
            let (rho, eta, gamma) = best_momentum(form, 0.2, 4.0).unwrap();
            assert!((momentum_rate(form, eta, gamma, &curv) - rho).abs() < 1e-12);
            let mut grid = f64::INFINITY;
            for i in 1..=400 {
                for j in 0..400 {
                    let (e, g) = (i as f64 / 400.0 * 1.25, j as f64 / 400.0);
                    grid = grid.min(momentum_rate(form, e, g, &curv));
                }
            }
            assert!(
                grid >= rho - 1e-12 && grid < rho + 0.01,
                "{form:?}: {grid} vs {rho}"
            );
        }
        // κ = 20: 0.6345 (heavy ball), 0.7439 (Nesterov).
        assert!(
            (best_momentum(MomentumForm::HeavyBall, 0.2, 4.0).unwrap().0 - 0.634512).abs() < 1e-6
        );
        assert!(
            (best_momentum(MomentumForm::Nesterov, 0.2, 4.0).unwrap().0 - 0.743926).abs() < 1e-6
        );
        assert_eq!(best_momentum(MomentumForm::HeavyBall, -1.0, 4.0), None);
    }

    #[test]
    fn gd_is_the_gamma_zero_row() {
        let curv = [0.2, 4.0];
        assert!((momentum_rate(MomentumForm::HeavyBall, 0.4, 0.0, &curv) - 0.92).abs() < 1e-12);
        assert!((momentum_rate(MomentumForm::HeavyBall, 0.6, 0.0, &curv) - 1.4).abs() < 1e-12);
        assert_eq!(spectral_radius(0.0, 0.25), 0.5);
    }

    #[test]
    fn the_largest_weight_decay_under_a_bound() {
        let c = |lambda: f64, dampening: f64| Coupling { lambda, dampening };
        // GD η = 0.401 on L = 4: 2/0.401 − 4; heavy ball γ = 0.5, τ = 0.5,
        // η = 1.4: 3/0.7 − 4.
        assert_eq!(
            c(1.0, 0.0).lambda_max(0.401, 4.0, 2.0),
            Some(2.0 / 0.401 - 4.0)
        );
        assert_eq!(c(1.0, 0.5).lambda_max(1.4, 4.0, 3.0), Some(3.0 / 0.7 - 4.0));
        // η too large even without λ, or no λ to lower: none.
        assert_eq!(c(1.0, 0.0).lambda_max(0.6, 4.0, 2.0), None);
        assert_eq!(c(0.0, 0.5).lambda_max(0.2, 4.0, 2.0), None);
    }

    #[test]
    fn bounds_only_on_bowls_and_for_gd_and_momentum() {
        let bowl = Landscape::default();
        let gd = OptSpec::new(OptKind::Gd, Convention::D2l);
        assert_eq!(bowl_curvature(&bowl), Some(4.0));
        assert_eq!(stability_bound(&bowl, &gd), Some(0.5));
        let mut nag = OptSpec::new(OptKind::Momentum, Convention::D2l);
        nag.hyper.gamma = 0.5;
        nag.hyper.nesterov = true;
        assert_eq!(stability_bound(&bowl, &nag), Some(0.375));
        let adam = OptSpec::new(OptKind::Adam, Convention::D2l);
        assert_eq!(stability_bound(&bowl, &adam), None);
        let saddle = Landscape::from_kind("saddle").unwrap();
        assert_eq!(stability_bound(&saddle, &gd), None);
    }

    #[test]
    fn weight_decay_adds_to_the_curvature_and_dampening_scales_it() {
        let bowl = Landscape::default(); // L = 4
        let spec = |kind, gamma, lambda, dampening, nesterov| {
            let mut s = OptSpec::new(kind, Convention::Pytorch);
            s.hyper.gamma = gamma;
            s.hyper.lambda = lambda;
            s.hyper.dampening = dampening;
            s.hyper.nesterov = nesterov;
            s
        };
        let bound = |s: OptSpec| stability_bound(&bowl, &s);
        // 2/(L + λ), 2(1 + γ)/(L + λ), 2(1 + γ)/((1 + 2γ)(L + λ)).
        assert_eq!(bound(spec(OptKind::Gd, 0.0, 1.0, 0.0, false)), Some(0.4));
        assert_eq!(
            bound(spec(OptKind::Momentum, 0.5, 1.0, 0.0, false)),
            Some(0.6)
        );
        assert_eq!(
            bound(spec(OptKind::Momentum, 0.5, 1.0, 0.0, true)),
            Some(0.3)
        );
        // 2(1 + γ)/((1 − τ)·L); GD has no dampening to count.
        assert_eq!(
            bound(spec(OptKind::Momentum, 0.5, 0.0, 0.5, false)),
            Some(1.5)
        );
        assert_eq!(bound(spec(OptKind::Gd, 0.0, 0.0, 0.5, false)), Some(0.5));
        // τ = 1: no gradient enters, nothing moves, no bound.
        assert_eq!(bound(spec(OptKind::Momentum, 0.5, 0.0, 1.0, false)), None);
        // The hints' sentences name L itself: they know only plain methods.
        assert!(Method::of(&spec(OptKind::Momentum, 0.5, 1.0, 0.0, false)).is_none());
        assert!(Method::of(&spec(OptKind::Momentum, 0.5, 0.0, 0.0, false)).is_some());
        // Plain: the curvature bit for bit.
        let plain = Coupling::of(&spec(OptKind::Adam, 0.0, 0.0, 0.0, false));
        assert_eq!(plain.curvature(0.1 + 0.2), 0.1 + 0.2);
    }
}
