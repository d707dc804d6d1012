//! Second-order forward-mode AD: a value with its gradient and Hessian
//! (a "hyper-dual" number in two variables), for the exact Hessian of a
//! formula by the same postfix program the gradient runs.
//!
//! Every operation is the chain rule to second order: for a function φ of
//! one argument u, φ(u)' = φ'(u)·u' and φ(u)'' = φ'(u)·u'' + φ''(u)·u'⊗u'.
//! As for the gradient, a zero inner derivative contributes zero even when
//! the outer factor is infinite or NaN (the chain rule through a constant
//! part), so `sqrt(x^2 + 1) + y` has a finite Hessian everywhere.

use super::Fun;
use crate::math;

/// A value, its two partial derivatives and its three distinct second
/// derivatives (∂²/∂x², ∂²/∂x∂y, ∂²/∂y²).
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Hyper {
    pub(super) v: f64,
    pub(super) d: [f64; 2],
    pub(super) h: [f64; 3],
}

/// k·x, where a zero x stays zero even for an infinite or NaN k.
fn m(k: f64, x: f64) -> f64 {
    if x == 0.0 {
        0.0
    } else {
        k * x
    }
}

fn scale2(k: f64, d: [f64; 2]) -> [f64; 2] {
    [m(k, d[0]), m(k, d[1])]
}

fn scale3(k: f64, h: [f64; 3]) -> [f64; 3] {
    [m(k, h[0]), m(k, h[1]), m(k, h[2])]
}

fn plus3(a: [f64; 3], b: [f64; 3]) -> [f64; 3] {
    [a[0] + b[0], a[1] + b[1], a[2] + b[2]]
}

/// a⊗b + b⊗a (symmetric part, as the three distinct entries).
fn sym(a: [f64; 2], b: [f64; 2]) -> [f64; 3] {
    [
        2.0 * a[0] * b[0],
        a[0] * b[1] + a[1] * b[0],
        2.0 * a[1] * b[1],
    ]
}

/// a⊗a.
fn outer(a: [f64; 2]) -> [f64; 3] {
    [a[0] * a[0], a[0] * a[1], a[1] * a[1]]
}

impl Hyper {
    pub(super) fn c(v: f64) -> Hyper {
        Hyper {
            v,
            ..Hyper::default()
        }
    }

    pub(super) fn var(v: f64, i: usize) -> Hyper {
        let mut d = [0.0; 2];
        d[i] = 1.0;
        Hyper { v, d, h: [0.0; 3] }
    }

    fn is_const(&self) -> bool {
        self.d == [0.0, 0.0] && self.h == [0.0; 3]
    }

    /// φ(self) given φ(u), φ'(u), φ''(u).
    fn chain(self, v: f64, k1: f64, k2: f64) -> Hyper {
        Hyper {
            v,
            d: scale2(k1, self.d),
            h: plus3(scale3(k1, self.h), scale3(k2, outer(self.d))),
        }
    }

    pub(super) fn neg(self) -> Hyper {
        Hyper {
            v: -self.v,
            d: [-self.d[0], -self.d[1]],
            h: [-self.h[0], -self.h[1], -self.h[2]],
        }
    }

    pub(super) fn add(self, b: Hyper) -> Hyper {
        Hyper {
            v: self.v + b.v,
            d: [self.d[0] + b.d[0], self.d[1] + b.d[1]],
            h: plus3(self.h, b.h),
        }
    }

    pub(super) fn mul(self, b: Hyper) -> Hyper {
        // (uw)'' = u''·w + u'⊗w' + w'⊗u' + u·w''
        let d = scale2(b.v, self.d);
        let e = scale2(self.v, b.d);
        Hyper {
            v: self.v * b.v,
            d: [d[0] + e[0], d[1] + e[1]],
            h: plus3(
                plus3(scale3(b.v, self.h), scale3(self.v, b.h)),
                sym(self.d, b.d),
            ),
        }
    }

    pub(super) fn div(self, b: Hyper) -> Hyper {
        // u/w = u·(1/w); (1/w)' = −1/w², (1/w)'' = 2/w³
        let r = 1.0 / b.v;
        let inv = if b.is_const() {
            Hyper::c(r)
        } else {
            b.chain(r, -r * r, 2.0 * r * r * r)
        };
        let mut q = self.mul(inv);
        q.v = self.v / b.v;
        q
    }

    pub(super) fn pow(self, w: Hyper) -> Hyper {
        let v = math::pow(self.v, w.v);
        if w.is_const() {
            // (u^c)' = c·u^(c−1)·u', (u^c)'' = … + c·(c−1)·u^(c−2)·u'⊗u'
            let c = w.v;
            let k1 = if c == 0.0 {
                0.0
            } else {
                c * math::pow(self.v, c - 1.0)
            };
            let k2 = if c == 0.0 || c == 1.0 {
                0.0
            } else {
                c * (c - 1.0) * math::pow(self.v, c - 2.0)
            };
            return self.chain(v, k1, k2);
        }
        // u^w = exp(w·ln u): z = w·ln u, (u^w)' = u^w·z', (u^w)'' = u^w·(z'' + z'⊗z')
        let ln_u = if self.is_const() {
            Hyper::c(math::ln(self.v))
        } else {
            let r = 1.0 / self.v;
            self.chain(math::ln(self.v), r, -r * r)
        };
        let z = w.mul(ln_u);
        z.chain(v, v, v)
    }

    pub(super) fn apply(self, f: Fun) -> Hyper {
        let u = self.v;
        let (v, k1, k2) = match f {
            Fun::Sqrt => {
                let s = libm::sqrt(u);
                (s, 0.5 / s, -0.25 / (s * u))
            }
            Fun::Exp => {
                let e = libm::exp(u);
                (e, e, e)
            }
            Fun::Ln => (math::ln(u), 1.0 / u, -1.0 / (u * u)),
            Fun::Sin => {
                let (s, c) = (math::sin(u), math::cos(u));
                (s, c, -s)
            }
            Fun::Cos => {
                let (c, s) = (math::cos(u), math::sin(u));
                (c, -s, -c)
            }
            Fun::Tan => {
                let t = libm::tan(u);
                let sec2 = 1.0 + t * t;
                (t, sec2, 2.0 * t * sec2)
            }
            Fun::Tanh => {
                let t = libm::tanh(u);
                let sech2 = 1.0 - t * t;
                (t, sech2, -2.0 * t * sech2)
            }
            Fun::Abs => {
                let s = if u > 0.0 {
                    1.0
                } else if u < 0.0 {
                    -1.0
                } else if u == 0.0 {
                    0.0
                } else {
                    f64::NAN
                };
                // |u|'' is 0 away from 0 (and a Dirac there: 0 by the same
                // convention that gives |u|' = 0 at 0).
                (u.abs(), s, if u.is_nan() { f64::NAN } else { 0.0 })
            }
            Fun::Min | Fun::Max => {
                unreachable!("two-argument functions are applied in hessian()")
            }
        };
        if self.is_const() {
            return Hyper::c(v);
        }
        self.chain(v, k1, k2)
    }

    pub(super) fn nan_if(self, a: f64, b: f64) -> Hyper {
        if a.is_nan() || b.is_nan() {
            Hyper {
                v: f64::NAN,
                d: [f64::NAN; 2],
                h: [f64::NAN; 3],
            }
        } else {
            self
        }
    }
}
