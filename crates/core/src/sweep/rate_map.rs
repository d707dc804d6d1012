//! The momentum map: on a quadratic with curvatures
//! h ∈ {2a, 2b}, heavy-ball momentum in the d2l form v ← γ·v + η·g,
//! x ← x − v acts on each principal axis as the linear map
//! (x, v) ↦ ((1 − ηh)·x − γ·v, ηh·x + γ·v), whose characteristic polynomial is
//! z² − (1 + γ − ηh)·z + γ. The error shrinks per step by its spectral radius
//! max|z| (the *convergence rate* ρ; ρ ≥ 1 diverges); the map shows the
//! larger ρ of the two axes, as in Goh's "Why Momentum Really Works"
//! (Distill, 2017). Nesterov (v ← γ·v + η·g, x ← x − (γ·v + η·g)) gives
//! z² − (1 + γ)(1 − ηh)·z + γ·(1 − ηh). An optimizer's weight decay and
//! dampening change only the curvatures ([`coupled_curvatures`]).
//!
//! The **pytorch** convention (b ← μ·b + g, x ← x − lr·b, b = g at the first
//! step) is the same map: with v = lr·b it reads v ← μ·v + lr·g, x ← x − v,
//! exactly the d2l form with γ = μ and η = lr (and Nesterov's
//! x ← x − lr·(g + μ·b) is x ← x − (γ·v + η·g)). So one map serves both;
//! the tests check it against simulated runs in both conventions.
//!
//! The explainer draws [`rate_map()`] with the exact edge [`edge_curve`]
//! (its colours and clicks: [`super::map_chart`]).

use crate::landscape::Landscape;
use crate::optim::{OptKind, OptSpec};
use crate::scene::Scene;

/// The rates themselves live with the bounds, in [`crate::theory`].
pub use crate::theory::{
    axis_rate, best_momentum, momentum_rate, spectral_radius, Coupling, MomentumForm,
};

/// The curvatures (Hessian eigenvalues) 2a and 2b of a quadratic; `None`
/// for the other surfaces (their curvature changes from place to place).
pub fn quadratic_curvatures(landscape: &Landscape) -> Option<[f64; 2]> {
    match landscape {
        Landscape::Quadratic(q) => Some([2.0 * q.a, 2.0 * q.b]),
        _ => None,
    }
}

/// The curvatures as `spec`'s recurrence sees them, (1 − τ)·(h + λ)
/// ([`Coupling`]): the map of a momentum optimizer with weight decay or
/// dampening is drawn for them (as is its stability bound).
pub fn coupled_curvatures(curvatures: [f64; 2], spec: Option<&OptSpec>) -> [f64; 2] {
    match spec.map(Coupling::of) {
        Some(c) => curvatures.map(|h| c.curvature(h)),
        None => curvatures,
    }
}

/// The rate ρ over a grid of (η, γ): η in (0, `eta_max`], γ in (0, 1).
#[derive(Debug, Clone, PartialEq)]
pub struct RateMap {
    /// The right edge of the η axis: 5/L with L the largest |curvature|
    /// (so the whole stable region, η < 4/L as γ → 1, is on the map).
    pub eta_max: f64,
    /// Cells along η.
    pub nx: usize,
    /// Cells along γ.
    pub ny: usize,
    /// ρ of cell (i, j) at `rates[j·nx + i]`, at η = (i + ½)/nx·eta_max and
    /// γ = (j + ½)/ny (row 0 is γ near 0).
    pub rates: Vec<f64>,
    /// The fastest rate of all (η, γ), exactly ([`best_momentum`]; it lies
    /// between cells), when the quadratic has a minimum.
    pub best: Option<f64>,
}

impl RateMap {
    /// η at the centre of column `i`.
    pub fn eta(&self, i: usize) -> f64 {
        (i as f64 + 0.5) / self.nx as f64 * self.eta_max
    }

    /// γ at the centre of row `j`.
    pub fn gamma(&self, j: usize) -> f64 {
        (j as f64 + 0.5) / self.ny as f64
    }
}

/// The (η, γ) map of a quadratic's curvatures; `None` when both are 0.
pub fn rate_map(curvatures: [f64; 2], form: MomentumForm, nx: usize, ny: usize) -> Option<RateMap> {
    let l = curvatures[0].abs().max(curvatures[1].abs());
    if !(l > 0.0 && l.is_finite()) || nx == 0 || ny == 0 {
        return None;
    }
    let (mu, top) = (
        curvatures[0].min(curvatures[1]),
        curvatures[0].max(curvatures[1]),
    );
    let mut m = RateMap {
        eta_max: 5.0 / l,
        nx,
        ny,
        rates: Vec::with_capacity(nx * ny),
        best: best_momentum(form, mu, top).map(|b| b.0),
    };
    for j in 0..ny {
        for i in 0..nx {
            let r = momentum_rate(form, m.eta(i), m.gamma(j), &curvatures);
            m.rates.push(r);
        }
    }
    Some(m)
}

impl MomentumForm {
    /// The form of a momentum optimizer (heavy ball without one).
    pub fn of(spec: Option<&OptSpec>) -> MomentumForm {
        match spec {
            Some(s) if s.hyper.nesterov => MomentumForm::Nesterov,
            _ => MomentumForm::HeavyBall,
        }
    }

    /// Its name in the page's attributes (`heavy-ball`, `nesterov`).
    pub fn name(self) -> &'static str {
        match self {
            MomentumForm::HeavyBall => "heavy-ball",
            MomentumForm::Nesterov => "nesterov",
        }
    }
}

/// The optimizer a click on the map sets: the scene's first momentum one.
pub fn map_target(scene: &Scene) -> Option<usize> {
    scene
        .optimizers
        .iter()
        .position(|o| o.kind == OptKind::Momentum)
}

/// Whether the quadratic has a minimum (both curvatures > 0); without one
/// every (η, γ) diverges and the map has no edge.
pub fn has_minimum(curvatures: [f64; 2]) -> bool {
    curvatures[0] > 0.0 && curvatures[1] > 0.0
}

/// The η of the edge ρ = 1 at γ, exactly: 2(1 + γ)/L (heavy ball) or
/// 2(1 + γ)/((1 + 2γ)L) (Nesterov), L the largest curvature.
pub fn edge_eta(form: MomentumForm, gamma: f64, lmax: f64) -> f64 {
    crate::theory::Method::Momentum { form, gamma }.lr_bound(lmax)
}

/// The edge as (η, γ) for γ = 0, 0.01, …, 1; `None` without a minimum.
pub fn edge_curve(form: MomentumForm, curvatures: [f64; 2]) -> Option<Vec<(f64, f64)>> {
    let lmax = curvatures[0].max(curvatures[1]);
    has_minimum(curvatures).then(|| {
        (0..=100)
            .map(|k| {
                let g = k as f64 / 100.0;
                (edge_eta(form, g, lmax), g)
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::optim::Convention;
    use crate::run::{Stop, Trajectory};
    use crate::simulate;

    fn bowl(steps: usize, conv: &str, opt: &str) -> Scene {
        Scene::from_json(&format!(
            r#"{{"landscape": {{"kind": "quadratic", "a": 0.1, "b": 2}}, "start": [-5, -2], "steps": {steps}, "convention": "{conv}", "optimizers": [{opt}]}}"#
        ))
        .unwrap()
    }

    /// The empirical contraction per step of a run on the bowl: the growth
    /// of the state (x_t, x_{t−1}) — the velocity is their difference —
    /// between two windows far apart, each window's largest norm taken so
    /// that a rotating (complex-rate) state is measured at its peak.
    fn empirical_rate(t: &Trajectory, w: usize, m: usize, n: usize) -> f64 {
        let s = |k: usize| {
            let (p, q) = (t.points[k], t.points[k - 1]);
            (p[0] * p[0] + p[1] * p[1] + q[0] * q[0] + q[1] * q[1]).sqrt()
        };
        let peak = |end: usize| (end - w..=end).map(s).fold(0.0, f64::max);
        (peak(n) / peak(m)).powf(1.0 / (n - m) as f64)
    }

    #[test]
    fn the_analytic_momentum_rate_is_the_contraction_of_simulated_runs() {
        let curv = [0.2, 4.0];
        let mut checked = 0;
        for form in [MomentumForm::HeavyBall, MomentumForm::Nesterov] {
            for &eta in &[0.02, 0.1, 0.25, 0.4, 0.6, 0.7] {
                for &gamma in &[0.0, 0.3, 0.5, 0.8, 0.9] {
                    let rho = momentum_rate(form, eta, gamma, &curv);
                    if !(0.3..=1.02).contains(&rho) {
                        continue; // too fast to measure over 400 steps, or blows up
                    }
                    for conv in [Convention::D2l, Convention::Pytorch] {
                        // At γ = 0 Nesterov is plain GD, which torch (and a
                        // scene) only takes without the flag.
                        let nesterov = form == MomentumForm::Nesterov && gamma > 0.0;
                        let opt = format!(
                            r#"{{"kind": "momentum", "lr": {eta}, "gamma": {gamma}, "nesterov": {nesterov}}}"#
                        );
                        let s = bowl(400, conv.name(), &opt);
                        let t = &simulate(&s).unwrap()[0];
                        assert_eq!(t.stop, Stop::Completed);
                        let emp = empirical_rate(t, 40, 100, 400);
                        assert!(
                            (emp - rho).abs() < 0.01,
                            "{form:?} η = {eta}, γ = {gamma}, {}: analytic ρ = {rho}, simulated {emp}",
                            conv.name()
                        );
                        checked += 1;
                    }
                }
            }
        }
        assert!(checked > 60, "only {checked} cases");
        // GD is the map's γ = 0 row: ρ = max|1 − ηh|.
        assert!((momentum_rate(MomentumForm::HeavyBall, 0.4, 0.0, &curv) - 0.92).abs() < 1e-12);
        assert!((momentum_rate(MomentumForm::HeavyBall, 0.6, 0.0, &curv) - 1.4).abs() < 1e-12);
    }

    #[test]
    fn with_weight_decay_and_dampening_the_rate_is_that_of_the_coupled_curvatures() {
        let curv = [0.2, 4.0];
        let mut checked = 0;
        for (lambda, damp, nesterov) in [
            (0.5, 0.0, false),
            (2.0, 0.0, false),
            (0.0, 0.4, false),
            (0.3, 0.6, false),
            (0.5, 0.0, true),
        ] {
            for &(eta, gamma) in &[(0.1, 0.5), (0.3, 0.3), (0.5, 0.8), (0.6, 0.5)] {
                for conv in [Convention::D2l, Convention::Pytorch] {
                    let opt = format!(
                        r#"{{"kind": "momentum", "lr": {eta}, "gamma": {gamma}, "lambda": {lambda}, "dampening": {damp}, "nesterov": {nesterov}}}"#
                    );
                    let s = bowl(400, conv.name(), &opt);
                    let spec = s.optimizers[0];
                    let form = MomentumForm::of(Some(&spec));
                    let seen = coupled_curvatures(curv, Some(&spec));
                    let rho = momentum_rate(form, eta, gamma, &seen);
                    let plain = momentum_rate(form, eta, gamma, &curv);
                    if !(0.3..=1.02).contains(&rho) || (rho - plain).abs() < 0.02 {
                        continue; // unmeasurable, or no different from the plain map
                    }
                    let t = &simulate(&s).unwrap()[0];
                    if t.stop != Stop::Completed {
                        continue;
                    }
                    let emp = empirical_rate(t, 40, 100, 400);
                    assert!(
                        (emp - rho).abs() < 0.01,
                        "λ = {lambda}, τ = {damp}, η = {eta}, γ = {gamma}, {}: coupled ρ = {rho} (plain {plain}), simulated {emp}",
                        conv.name()
                    );
                    checked += 1;
                }
            }
        }
        assert!(checked >= 16, "only {checked} cases");
    }

    #[test]
    fn the_map_diverges_exactly_beyond_the_stability_bound() {
        let curv = [0.2, 4.0];
        for form in [MomentumForm::HeavyBall, MomentumForm::Nesterov] {
            let m = rate_map(curv, form, 120, 100).unwrap();
            assert_eq!(m.eta_max, 1.25);
            for j in 0..m.ny {
                for i in 0..m.nx {
                    let (eta, g) = (m.eta(i), m.gamma(j));
                    let bound = match form {
                        MomentumForm::HeavyBall => 2.0 * (1.0 + g) / 4.0,
                        MomentumForm::Nesterov => 2.0 * (1.0 + g) / ((1.0 + 2.0 * g) * 4.0),
                    };
                    let r = m.rates[j * m.nx + i];
                    if (eta - bound).abs() > 1e-9 {
                        assert_eq!(
                            r >= 1.0,
                            eta > bound,
                            "{form:?} η = {eta}, γ = {g}: ρ = {r}"
                        );
                    }
                }
            }
        }
        assert!(rate_map([0.0, 0.0], MomentumForm::HeavyBall, 10, 10).is_none());
        // The seed's figure: momentum η = 0.6, γ = 0.5 converges (ρ = √0.5 on x2).
        let r = momentum_rate(MomentumForm::HeavyBall, 0.6, 0.5, &curv);
        assert!(r < 1.0);
    }

    #[test]
    fn the_edge_curve_is_the_stability_bound() {
        let curve = edge_curve(MomentumForm::HeavyBall, [0.2, 4.0]).unwrap();
        assert_eq!(curve.len(), 101);
        assert_eq!(curve[0], (0.5, 0.0));
        assert_eq!(curve[50], (0.75, 0.5));
        let n = edge_curve(MomentumForm::Nesterov, [0.2, 4.0]).unwrap();
        assert!((n[50].0 - 0.375).abs() < 1e-12);
        assert!(edge_curve(MomentumForm::HeavyBall, [-2.0, 4.0]).is_none());
        assert!(!has_minimum([0.0, 4.0]));
    }

    #[test]
    fn the_map_sets_the_first_momentum_optimizer_in_its_form() {
        let bowl = bowl(
            20,
            "d2l",
            r#"{"kind": "gd"}, {"kind": "momentum", "nesterov": true}"#,
        );
        assert_eq!(map_target(&bowl), Some(1));
        assert_eq!(
            MomentumForm::of(bowl.optimizers.get(1)),
            MomentumForm::Nesterov
        );
        assert_eq!(MomentumForm::of(None).name(), "heavy-ball");
    }
}
