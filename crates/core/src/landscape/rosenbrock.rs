//! Rosenbrock's banana valley.
//!
//! f(x, y) = (a − x)² + b·(y − x²)²
//!
//! ∇f = (−2(a − x) − 4b·x·(y − x²), 2b·(y − x²))
//!
//! ∇²f = [[2 − 4b·y + 12b·x², −4b·x], [−4b·x, 2b]] (2 − 4b·(y − x²) + 8b·x² at [0][0])
//!
//! Defaults: a = 1, b = 100. Default view: x ∈ [−2, 2], y ∈ [−1, 3];
//! default start (a − 2.5, a² + 1), i.e. (−1.5, 2) for a = 1.
//! Minimum: (a, a²) with f = 0.

use crate::Vec2;

/// Parameters of the Rosenbrock function.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rosenbrock {
    /// Position of the minimum along x.
    pub a: f64,
    /// Steepness of the valley walls.
    pub b: f64,
}

impl Default for Rosenbrock {
    fn default() -> Self {
        Rosenbrock { a: 1.0, b: 100.0 }
    }
}

impl Rosenbrock {
    /// f(x, y).
    #[inline]
    pub fn value(&self, p: Vec2) -> f64 {
        let [x, y] = p;
        let d = self.a - x;
        let r = y - x * x;
        d * d + self.b * (r * r)
    }

    /// ∇f(x, y).
    pub fn grad(&self, p: Vec2) -> Vec2 {
        let [x, y] = p;
        let r = y - x * x;
        // 4·((b·r)·x), not (4b·x)·r: torch's autograd rounds b·r first, and
        // L-BFGS on the valley amplifies a last-bit difference in g to 1e-9.
        [
            -2.0 * (self.a - x) - 4.0 * (self.b * r * x),
            2.0 * self.b * r,
        ]
    }

    /// ∇²f(x, y) = [[2 − 4b·y + 12b·x², −4b·x], [−4b·x, 2b]].
    pub fn hessian(&self, p: Vec2) -> [[f64; 2]; 2] {
        let [x, y] = p;
        let b = self.b;
        let off = -4.0 * b * x;
        // (−4·(b·r) + 8·((b·x)·x)) + 2 with r = y − x²: the same number,
        // rounded as torch's double backward rounds it (checked bit for bit),
        // so Newton replays torch exactly.
        let r = y - x * x;
        let hxx = (-4.0 * (b * r) + 8.0 * (b * x * x)) + 2.0;
        [[hxx, off], [off, 2.0 * b]]
    }

    /// Known minima: (a, a²).
    pub fn minima(&self) -> Vec<Vec2> {
        vec![[self.a, self.a * self.a]]
    }
}
