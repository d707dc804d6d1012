//! A run that settled where ∇f = 0 but not at a minimum: a maximum or a
//! saddle, told by the eigenvalues of the Hessian (+ λ·I under L2).

use super::Hint;
use crate::landscape::Landscape;
use crate::run::Trajectory;

/// What kind of stationary point a run ended at, when not a minimum.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stationary {
    /// Both curvatures negative: a local maximum.
    Maximum,
    /// Curvatures of both signs: a saddle point.
    Saddle,
}

/// ‖∇f‖ below this (relative to max(1, ‖∇f(start)‖)) counts as stationary.
const STATIONARY: f64 = 1e-6;

/// [`Hint::NotMinimum`] when the run ends where ∇f ≈ 0 and the Hessian has
/// a negative eigenvalue.
pub(super) fn ends_off_minimum(landscape: &Landscape, t: &Trajectory) -> Option<Hint> {
    let (&p0, &p) = (t.points.first()?, t.points.last()?);
    // With L2's λ the run follows f + λ/2·‖x‖²: its gradient and Hessian
    // (GD with λ = 3 on the saddle converges to the origin, a minimum of
    // that loss; "start elsewhere" would not help).
    let lambda = t.spec.coupled_decay().unwrap_or(0.0);
    let grad = |q: crate::Vec2| {
        let g = landscape.grad(q);
        (g[0] + lambda * q[0]).hypot(g[1] + lambda * q[1])
    };
    let g = grad(p);
    let tol = STATIONARY * grad(p0).max(1.0);
    if g.is_nan() || g > tol {
        return None;
    }
    // Those of the Hessian + λ·I.
    let eig = eigenvalues(&landscape.hessian(p)).map(|e| e + lambda);
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
        lambda,
    })
}

/// The eigenvalues of a symmetric 2 × 2 matrix [[a, b], [b, c]], smaller
/// first: m ± r with m = (a + c)/2, r = √(((a − c)/2)² + b²).
pub(super) fn eigenvalues(h: &[[f64; 2]; 2]) -> [f64; 2] {
    let (a, b, c) = (h[0][0], h[0][1], h[1][1]);
    let m = 0.5 * (a + c);
    let r = (0.5 * (a - c)).hypot(b);
    [m - r, m + r]
}
