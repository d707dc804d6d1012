//! The formula's program run: on plain floats for f, on dual numbers for
//! ∇f and on second-order ones for ∇²f, one interpreter for both.

use super::dual::Dual;
use super::hyper::Hyper;
use super::{apply1, max2, min2, Expr, Fun, Op, MAX_STACK};
use crate::{math, Mat2, Vec2};

impl Expr {
    /// f(p).
    pub fn value(&self, p: Vec2) -> f64 {
        let mut st = [0.0f64; MAX_STACK];
        let mut n = 0usize;
        for op in &self.code {
            match *op {
                Op::Num(c) => {
                    st[n] = c;
                    n += 1;
                }
                Op::X => {
                    st[n] = p[0];
                    n += 1;
                }
                Op::Y => {
                    st[n] = p[1];
                    n += 1;
                }
                Op::Neg => st[n - 1] = -st[n - 1],
                Op::Call(f) if f.arity() == 1 => st[n - 1] = apply1(f, st[n - 1]),
                op => {
                    let (a, b) = (st[n - 2], st[n - 1]);
                    n -= 1;
                    st[n - 1] = match op {
                        Op::Add => a + b,
                        Op::Sub => a - b,
                        Op::Mul => a * b,
                        Op::Div => a / b,
                        Op::Pow => math::pow(a, b),
                        Op::Call(Fun::Min) => min2(a, b).0,
                        Op::Call(_) => max2(a, b).0,
                        _ => unreachable!("operands are pushed above"),
                    };
                }
            }
        }
        st[0]
    }

    /// (f(p), ∇f(p)) by forward-mode automatic differentiation.
    pub fn value_grad(&self, p: Vec2) -> (f64, Vec2) {
        let f: Dual = self.run(p);
        (f.v, f.d)
    }

    /// The program on a differentiating number type: the one interpreter
    /// of the gradient and the Hessian, so both follow the same rules
    /// (min/max ties, NaN where a branch is undefined).
    fn run<N: Ad>(&self, p: Vec2) -> N {
        let mut st = [N::default(); MAX_STACK];
        let mut n = 0usize;
        for op in &self.code {
            match *op {
                Op::Num(c) => {
                    st[n] = N::c(c);
                    n += 1;
                }
                Op::X => {
                    st[n] = N::var(p[0], 0);
                    n += 1;
                }
                Op::Y => {
                    st[n] = N::var(p[1], 1);
                    n += 1;
                }
                Op::Neg => st[n - 1] = st[n - 1].neg(),
                Op::Call(f) if f.arity() == 1 => st[n - 1] = st[n - 1].apply(f),
                op => {
                    let (a, b) = (st[n - 2], st[n - 1]);
                    n -= 1;
                    st[n - 1] = match op {
                        Op::Add => a.add(b),
                        Op::Sub => a.add(b.neg()),
                        Op::Mul => a.mul(b),
                        Op::Div => a.div(b),
                        Op::Pow => a.pow(b),
                        Op::Call(Fun::Min) => if min2(a.value(), b.value()).1 { a } else { b }
                            .nan_if(a.value(), b.value()),
                        Op::Call(_) => if max2(a.value(), b.value()).1 { a } else { b }
                            .nan_if(a.value(), b.value()),
                        _ => unreachable!("operands are pushed above"),
                    };
                }
            }
        }
        st[0]
    }

    /// ∇f(p).
    pub fn grad(&self, p: Vec2) -> Vec2 {
        self.value_grad(p).1
    }

    /// ∇²f(p) by second-order forward-mode automatic differentiation; NaN or
    /// infinite entries where f is not twice differentiable (never a panic).
    pub fn hessian(&self, p: Vec2) -> Mat2 {
        let f: Hyper = self.run(p);
        let h = f.h;
        [[h[0], h[1]], [h[1], h[2]]]
    }
}

/// A number the formula's program runs on: [`Dual`] carries ∇f, [`Hyper`]
/// ∇f and ∇²f (their own methods, named alike, do the arithmetic).
trait Ad: Copy + Default {
    fn c(v: f64) -> Self;
    fn var(v: f64, axis: usize) -> Self;
    fn value(&self) -> f64;
    fn neg(self) -> Self;
    fn add(self, b: Self) -> Self;
    fn mul(self, b: Self) -> Self;
    fn div(self, b: Self) -> Self;
    fn pow(self, b: Self) -> Self;
    fn apply(self, f: Fun) -> Self;
    fn nan_if(self, a: f64, b: f64) -> Self;
}

macro_rules! ad {
    ($t:ident) => {
        impl Ad for $t {
            fn c(v: f64) -> Self {
                $t::c(v)
            }
            fn var(v: f64, axis: usize) -> Self {
                $t::var(v, axis)
            }
            fn value(&self) -> f64 {
                self.v
            }
            fn neg(self) -> Self {
                $t::neg(self)
            }
            fn add(self, b: Self) -> Self {
                $t::add(self, b)
            }
            fn mul(self, b: Self) -> Self {
                $t::mul(self, b)
            }
            fn div(self, b: Self) -> Self {
                $t::div(self, b)
            }
            fn pow(self, b: Self) -> Self {
                $t::pow(self, b)
            }
            fn apply(self, f: Fun) -> Self {
                $t::apply(self, f)
            }
            fn nan_if(self, a: f64, b: f64) -> Self {
                $t::nan_if(self, a, b)
            }
        }
    };
}
ad!(Dual);
ad!(Hyper);
