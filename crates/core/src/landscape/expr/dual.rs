//! Dual numbers: a value and its two partial derivatives, for the exact
//! gradient by forward-mode automatic differentiation.

use super::Fun;
use crate::math;
/// A value with its two partial derivatives.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Dual {
    pub(super) v: f64,
    pub(super) d: [f64; 2],
}

/// k·d, where a zero d stays zero even for an infinite or NaN k (the chain
/// rule through a constant inner part).
fn scale(k: f64, d: [f64; 2]) -> [f64; 2] {
    let m = |x: f64| if x == 0.0 { 0.0 } else { k * x };
    [m(d[0]), m(d[1])]
}

fn plus(a: [f64; 2], b: [f64; 2]) -> [f64; 2] {
    [a[0] + b[0], a[1] + b[1]]
}

impl Dual {
    pub(super) fn c(v: f64) -> Dual {
        Dual { v, d: [0.0, 0.0] }
    }

    /// The variable `axis` (0: x, 1: y) at `v`: its own derivative is 1.
    pub(super) fn var(v: f64, axis: usize) -> Dual {
        let mut d = [0.0; 2];
        d[axis] = 1.0;
        Dual { v, d }
    }

    fn is_const(&self) -> bool {
        self.d == [0.0, 0.0]
    }

    pub(super) fn neg(self) -> Dual {
        Dual {
            v: -self.v,
            d: [-self.d[0], -self.d[1]],
        }
    }

    pub(super) fn add(self, b: Dual) -> Dual {
        Dual {
            v: self.v + b.v,
            d: plus(self.d, b.d),
        }
    }

    pub(super) fn mul(self, b: Dual) -> Dual {
        Dual {
            v: self.v * b.v,
            d: plus(scale(b.v, self.d), scale(self.v, b.d)),
        }
    }

    pub(super) fn div(self, b: Dual) -> Dual {
        // (u/w)' = u'/w − u·w'/w²
        let q = self.v / b.v;
        Dual {
            v: q,
            d: plus(scale(1.0 / b.v, self.d), scale(-q / b.v, b.d)),
        }
    }

    pub(super) fn pow(self, w: Dual) -> Dual {
        let v = math::pow(self.v, w.v);
        if w.is_const() {
            // (u^c)' = c·u^(c−1)·u'
            let k = if w.v == 0.0 {
                0.0
            } else {
                w.v * math::pow(self.v, w.v - 1.0)
            };
            return Dual {
                v,
                d: scale(k, self.d),
            };
        }
        // (u^w)' = u^w·(w'·ln u + w·u'/u)
        let inner = plus(scale(math::ln(self.v), w.d), scale(w.v / self.v, self.d));
        Dual {
            v,
            d: scale(v, inner),
        }
    }

    pub(super) fn apply(self, f: Fun) -> Dual {
        let u = self.v;
        let (v, k) = match f {
            Fun::Sqrt => {
                let s = libm::sqrt(u);
                (s, 0.5 / s)
            }
            Fun::Exp => {
                let e = libm::exp(u);
                (e, e)
            }
            Fun::Ln => (math::ln(u), 1.0 / u),
            Fun::Sin => (math::sin(u), math::cos(u)),
            Fun::Cos => (math::cos(u), -math::sin(u)),
            Fun::Tan => {
                let t = libm::tan(u);
                (t, 1.0 + t * t)
            }
            Fun::Tanh => {
                let t = libm::tanh(u);
                (t, 1.0 - t * t)
            }
            Fun::Abs => (
                u.abs(),
                if u > 0.0 {
                    1.0
                } else if u < 0.0 {
                    -1.0
                } else if u == 0.0 {
                    0.0
                } else {
                    f64::NAN
                },
            ),
            Fun::Min | Fun::Max => {
                unreachable!("two-argument functions are applied in value_grad()")
            }
        };
        Dual {
            v,
            d: scale(k, self.d),
        }
    }

    pub(super) fn nan_if(self, a: f64, b: f64) -> Dual {
        if a.is_nan() || b.is_nan() {
            Dual {
                v: f64::NAN,
                d: [f64::NAN, f64::NAN],
            }
        } else {
            self
        }
    }
}
