//! The saddle: the simplest surface with no minimum.
//!
//! f(x, y) = x² − y²
//!
//! ∇f = (2x, −2y)
//!
//! ∇²f = [[2, 0], [0, −2]]: indefinite everywhere.
//!
//! Default view: x, y ∈ [−2, 2]; default start (−1.5, 0.01), just off the
//! ridge so that the escape along y is visible.
//! Minima: none (a saddle point at the origin, f unbounded below).

use crate::Vec2;

/// f(x, y).
#[inline]
pub fn value(p: Vec2) -> f64 {
    let [x, y] = p;
    x * x - y * y
}

/// ∇f(x, y).
pub fn grad(p: Vec2) -> Vec2 {
    let [x, y] = p;
    [2.0 * x, -2.0 * y]
}

/// ∇²f(x, y), constant.
pub fn hessian(_p: Vec2) -> [[f64; 2]; 2] {
    [[2.0, 0.0], [0.0, -2.0]]
}
