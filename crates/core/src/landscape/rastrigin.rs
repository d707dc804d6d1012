//! Rastrigin's function: a bowl covered in regularly spaced local minima.
//!
//! f(x, y) = 2A + (x² − A·cos 2πx) + (y² − A·cos 2πy)
//!
//! ∇f = (2x + 2πA·sin 2πx, 2y + 2πA·sin 2πy)
//!
//! ∇²f = diag(2 + 4π²A·cos 2πx, 2 + 4π²A·cos 2πy)
//!
//! Default A = 10. Default view: x, y ∈ [−5.12, 5.12]; default start
//! (−4.2, 3.7). Global minimum: (0, 0) with f = 0; local minima near every
//! integer point.

use crate::math;
use crate::Vec2;
use std::f64::consts::PI;

/// Parameters of the Rastrigin function.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rastrigin {
    /// Amplitude A of the cosine ripples.
    pub a: f64,
}

impl Default for Rastrigin {
    fn default() -> Self {
        Rastrigin { a: 10.0 }
    }
}

impl Rastrigin {
    /// f(x, y).
    #[inline]
    pub fn value(&self, p: Vec2) -> f64 {
        let [x, y] = p;
        2.0 * self.a
            + (x * x - self.a * math::cos(2.0 * PI * x))
            + (y * y - self.a * math::cos(2.0 * PI * y))
    }

    /// ∇f(x, y).
    pub fn grad(&self, p: Vec2) -> Vec2 {
        let [x, y] = p;
        // torch's autograd order: 2x + (A·sin 2πx)·2π (the product k·sin
        // with k = 2πA rounded first differed at 30 % of random points).
        let k = 2.0 * PI;
        [
            2.0 * x + (self.a * math::sin(k * x)) * k,
            2.0 * y + (self.a * math::sin(k * y)) * k,
        ]
    }

    /// ∇²f(x, y) = diag(2 + 4π²A·cos 2πx, 2 + 4π²A·cos 2πy).
    pub fn hessian(&self, p: Vec2) -> [[f64; 2]; 2] {
        let [x, y] = p;
        let k = 4.0 * PI * PI * self.a;
        [
            [2.0 + k * math::cos(2.0 * PI * x), 0.0],
            [0.0, 2.0 + k * math::cos(2.0 * PI * y)],
        ]
    }

    /// The global minimum.
    pub fn minima(&self) -> Vec<Vec2> {
        vec![[0.0, 0.0]]
    }
}
