//! The quadratic bowl.
//!
//! f(x, y) = a·u² + b·w², where (u, w) are (x, y) rotated by −θ:
//! u = x·cos θ + y·sin θ, w = −x·sin θ + y·cos θ.
//!
//! ∇f = (2a·u·cos θ − 2b·w·sin θ, 2a·u·sin θ + 2b·w·cos θ); with θ = 0 this is
//! exactly (2a·x, 2b·y), computed in that order so that the seed's bowl
//! (a = 0.1, b = 2) gives the book's g = (0.2·x1, 4·x2) bit for bit.
//!
//! Defaults: a = 0.1, b = 2, θ = 0 (the seed's ill-conditioned bowl).
//! Default view: x ∈ [−5.5, 1], y ∈ [−3, 2] (the book's figure window,
//! grown to hold the first zig-zag to x2 = 1.2);
//! default start (−5, −2).
//! ∇²f = R·diag(2a, 2b)·Rᵀ, constant.
//! Minimum: (0, 0) with f = 0 when a > 0 and b > 0 (otherwise a saddle).
//! Curvatures (Hessian eigenvalues): 2a and 2b; GD converges iff η < 2/L with
//! L = max(2a, 2b).

use crate::math;
use crate::Vec2;

/// Parameters of the quadratic bowl.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Quadratic {
    /// Coefficient of the first principal axis.
    pub a: f64,
    /// Coefficient of the second principal axis.
    pub b: f64,
    /// Rotation θ of the principal axes, in degrees, counter-clockwise.
    pub rotation: f64,
}

impl Default for Quadratic {
    fn default() -> Self {
        Quadratic {
            a: 0.1,
            b: 2.0,
            rotation: 0.0,
        }
    }
}

impl Quadratic {
    pub(crate) fn cos_sin(&self) -> (f64, f64) {
        let th = self.rotation.to_radians();
        (math::cos(th), math::sin(th))
    }

    /// f(x, y).
    #[inline]
    pub fn value(&self, p: Vec2) -> f64 {
        let [x, y] = p;
        if self.rotation == 0.0 {
            return self.a * (x * x) + self.b * (y * y);
        }
        let (c, s) = self.cos_sin();
        let u = x * c + y * s;
        let w = -x * s + y * c;
        self.a * (u * u) + self.b * (w * w)
    }

    /// ∇f(x, y).
    pub fn grad(&self, p: Vec2) -> Vec2 {
        let [x, y] = p;
        if self.rotation == 0.0 {
            return [2.0 * self.a * x, 2.0 * self.b * y];
        }
        let (c, s) = self.cos_sin();
        let u = x * c + y * s;
        let w = -x * s + y * c;
        let gu = 2.0 * self.a * u;
        let gw = 2.0 * self.b * w;
        [gu * c - gw * s, gu * s + gw * c]
    }

    /// The Hessian: diag(2a, 2b) rotated by θ, i.e. [[2a·c² + 2b·s²,
    /// (2a − 2b)·s·c], [(2a − 2b)·s·c, 2a·s² + 2b·c²]] (constant in x).
    pub fn hessian(&self, _p: Vec2) -> [[f64; 2]; 2] {
        let (ha, hb) = (2.0 * self.a, 2.0 * self.b);
        if self.rotation == 0.0 {
            return [[ha, 0.0], [0.0, hb]];
        }
        let (c, s) = self.cos_sin();
        let off = (ha - hb) * s * c;
        [
            [ha * c * c + hb * s * s, off],
            [off, ha * s * s + hb * c * c],
        ]
    }

    /// Known minima: the origin when both coefficients are positive.
    pub fn minima(&self) -> Vec<Vec2> {
        if self.a > 0.0 && self.b > 0.0 {
            vec![[0.0, 0.0]]
        } else {
            vec![]
        }
    }

    /// The largest curvature L (Hessian eigenvalue) of the bowl.
    pub fn max_curvature(&self) -> f64 {
        (2.0 * self.a).abs().max((2.0 * self.b).abs())
    }
}
