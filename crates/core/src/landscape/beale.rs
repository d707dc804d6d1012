//! Beale's function: a flat plateau with steep walls.
//!
//! f(x, y) = (1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)²
//!
//! ∇f = Σᵢ 2·rᵢ·∂rᵢ with r₁ = 1.5 − x + xy, r₂ = 2.25 − x + xy²,
//! r₃ = 2.625 − x + xy³; ∂rᵢ/∂x = yⁱ − 1, ∂rᵢ/∂y = i·x·yⁱ⁻¹.
//!
//! ∇²f = Σᵢ 2·(∇rᵢ·∇rᵢᵀ + rᵢ·∇²rᵢ), with ∂²rᵢ/∂x² = 0,
//! ∂²rᵢ/∂x∂y = i·yⁱ⁻¹, ∂²rᵢ/∂y² = i·(i − 1)·x·yⁱ⁻².
//!
//! Default view: x, y ∈ [−4.5, 4.5]; default start (1, 1.5).
//! Minimum: (3, 0.5) with f = 0.

use crate::Vec2;

/// The global minimum.
pub const MINIMA: [Vec2; 1] = [[3.0, 0.5]];

/// f(x, y).
#[inline]
pub fn value(p: Vec2) -> f64 {
    let [x, y] = p;
    let (y2, y3) = (y * y, y * y * y);
    let r1 = 1.5 - x + x * y;
    let r2 = 2.25 - x + x * y2;
    let r3 = 2.625 - x + x * y3;
    r1 * r1 + r2 * r2 + r3 * r3
}

/// ∇f(x, y).
pub fn grad(p: Vec2) -> Vec2 {
    let [x, y] = p;
    let (y2, y3) = (y * y, y * y * y);
    let r1 = 1.5 - x + x * y;
    let r2 = 2.25 - x + x * y2;
    let r3 = 2.625 - x + x * y3;
    // Rounded in the order torch's autograd accumulates f's terms (last
    // term first, each factor's parts apart), so a run in the pytorch
    // convention takes torch's gradient bit for bit (10 000 random points;
    // the plain sum of 2·rᵢ·∂rᵢ agreed at 27 %, off by up to 9e-14).
    let (d1, d2, d3) = (2.0 * r1, 2.0 * r2, 2.0 * r3);
    let gx = d3 * y3 - d3 + d2 * y2 - d2 + d1 * y - d1;
    let gy = (d3 * x) * (3.0 * y2) + (d2 * x) * (2.0 * y) + d1 * x;
    [gx, gy]
}

/// ∇²f(x, y).
pub fn hessian(p: Vec2) -> [[f64; 2]; 2] {
    let [x, y] = p;
    let ys = [1.0, y, y * y, y * y * y];
    let c = [1.5, 2.25, 2.625];
    let (mut hxx, mut hxy, mut hyy) = (0.0, 0.0, 0.0);
    for i in 1..=3usize {
        let k = i as f64;
        let r = c[i - 1] - x + x * ys[i];
        let rx = ys[i] - 1.0;
        let ry = k * x * ys[i - 1];
        let rxy = k * ys[i - 1];
        let ryy = if i >= 2 {
            k * (k - 1.0) * x * ys[i - 2]
        } else {
            0.0
        };
        hxx += 2.0 * (rx * rx);
        hxy += 2.0 * (rx * ry + r * rxy);
        hyy += 2.0 * (ry * ry + r * ryy);
    }
    [[hxx, hxy], [hxy, hyy]]
}
