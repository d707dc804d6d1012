//! Himmelblau's function: four equal minima.
//!
//! f(x, y) = (x² + y − 11)² + (x + y² − 7)²
//!
//! ∇f = (4x·(x² + y − 11) + 2(x + y² − 7), 2(x² + y − 11) + 4y·(x + y² − 7))
//!
//! ∇²f = [[4u + 8x² + 2, 4(x + y)], [4(x + y), 4v + 8y² + 2]] with
//! u = x² + y − 11, v = x + y² − 7.
//!
//! Besides the minima it has a local maximum near (−0.270845, −0.923039)
//! (f ≈ 181.617), where Newton's method from (0, 0) goes, and four saddles.
//!
//! Default view: x, y ∈ [−5, 5]; default start (0, 0).
//! Minima (f = 0): (3, 2), (−2.805118…, 3.131312…), (−3.779310…, −3.283186…),
//! (3.584428…, −1.848127…).

use crate::Vec2;

/// The four minima, to double precision.
pub const MINIMA: [Vec2; 4] = [
    [3.0, 2.0],
    [-2.805_118_086_952_745, 3.131_312_518_250_573],
    [-3.779_310_253_377_747, -3.283_185_991_286_17],
    [3.584_428_340_330_492, -1.848_126_526_964_404],
];

/// f(x, y).
#[inline]
pub fn value(p: Vec2) -> f64 {
    let [x, y] = p;
    let u = x * x + y - 11.0;
    let v = x + y * y - 7.0;
    u * u + v * v
}

/// ∇f(x, y).
pub fn grad(p: Vec2) -> Vec2 {
    let [x, y] = p;
    let u = x * x + y - 11.0;
    let v = x + y * y - 7.0;
    [4.0 * x * u + 2.0 * v, 2.0 * u + 4.0 * y * v]
}

/// ∇²f(x, y).
pub fn hessian(p: Vec2) -> [[f64; 2]; 2] {
    let [x, y] = p;
    let u = x * x + y - 11.0;
    let v = x + y * y - 7.0;
    let off = 4.0 * (x + y);
    [
        [4.0 * u + 8.0 * (x * x) + 2.0, off],
        [off, 4.0 * v + 8.0 * (y * y) + 2.0],
    ]
}
