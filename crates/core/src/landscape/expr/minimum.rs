//! The one minimum a formula knows: when it is a polynomial of degree at
//! most 2 in x and y (`0.1*(x-3)^2 + 2*(y-3)^2`) its Hessian is constant,
//! and when that is positive definite one Newton step from anywhere lands
//! on the minimum exactly (up to rounding). Any other formula's minima are
//! not known and none is claimed.

use super::{Expr, Op};
use crate::optim::solve2;
use crate::{math, Vec2};

/// What a sub-formula is, as far as the degree test needs: a constant (its
/// value, for exponents and divisors), a polynomial of degree 1 or 2, or
/// anything else.
#[derive(Clone, Copy)]
enum Deg {
    Const(f64),
    Poly(u8),
    Other,
}

impl Deg {
    fn degree(self) -> Option<u8> {
        match self {
            Deg::Const(_) => Some(0),
            Deg::Poly(d) => Some(d),
            Deg::Other => None,
        }
    }

    fn poly(d: Option<u8>) -> Deg {
        match d {
            Some(d) if d <= 2 => Deg::Poly(d),
            _ => Deg::Other,
        }
    }
}

/// The degree of the program's polynomial, when it is one of degree ≤ 2
/// with constant divisors and whole constant exponents (`None` otherwise,
/// and for a constant, which has no minimum to show).
fn quadratic_degree(code: &[Op]) -> Option<u8> {
    let mut st: Vec<Deg> = Vec::with_capacity(code.len());
    for op in code {
        let d = match *op {
            Op::Num(c) => Deg::Const(c),
            Op::X | Op::Y => Deg::Poly(1),
            Op::Neg => match st.pop()? {
                Deg::Const(c) => Deg::Const(-c),
                d => d,
            },
            Op::Call(f) => {
                let b = if f.arity() == 2 {
                    st.pop()?
                } else {
                    Deg::Const(0.0)
                };
                match (st.pop()?, b) {
                    (Deg::Const(a), Deg::Const(b)) => Deg::Const(f.eval(a, b)),
                    _ => Deg::Other,
                }
            }
            op => {
                let b = st.pop()?;
                let a = st.pop()?;
                match (op, a, b) {
                    (Op::Add, Deg::Const(a), Deg::Const(b)) => Deg::Const(a + b),
                    (Op::Sub, Deg::Const(a), Deg::Const(b)) => Deg::Const(a - b),
                    (Op::Mul, Deg::Const(a), Deg::Const(b)) => Deg::Const(a * b),
                    (Op::Div, Deg::Const(a), Deg::Const(b)) => Deg::Const(a / b),
                    (Op::Pow, Deg::Const(a), Deg::Const(b)) => Deg::Const(math::pow(a, b)),
                    (Op::Add | Op::Sub, a, b) => {
                        Deg::poly(a.degree().zip(b.degree()).map(|(a, b)| a.max(b)))
                    }
                    (Op::Mul, a, b) => Deg::poly(a.degree().zip(b.degree()).map(|(a, b)| a + b)),
                    // Division by a non-zero constant only.
                    (Op::Div, a, Deg::Const(c)) if c != 0.0 && c.is_finite() => a,
                    // A whole exponent 0, 1 or 2.
                    (Op::Pow, a, Deg::Const(n)) if matches!(n, 0.0 | 1.0 | 2.0) => {
                        Deg::poly(a.degree().map(|d| d * n as u8))
                    }
                    _ => Deg::Other,
                }
            }
        };
        st.push(d);
    }
    match st.pop()? {
        Deg::Poly(d) => Some(d),
        _ => None,
    }
}

impl Expr {
    /// The formula's minimum when it is a quadratic with a positive
    /// definite Hessian (a bowl, shifted, scaled or rotated as written):
    /// x* = p − H⁻¹·∇f(p) from p = (0, 0), polished by a second step.
    /// `None` for any other formula: its minima are not known.
    pub fn minimum(&self) -> Option<Vec2> {
        quadratic_degree(&self.code)?;
        let h = self.hessian([0.0, 0.0]);
        let det = h[0][0] * h[1][1] - h[0][1] * h[1][0];
        if !(h[0][0] > 0.0 && det > 0.0 && det.is_finite()) {
            return None;
        }
        let mut p = [0.0, 0.0];
        for _ in 0..2 {
            let s = solve2(h, self.grad(p))?;
            p = [p[0] - s[0], p[1] - s[1]];
        }
        p.iter().all(|c| c.is_finite()).then_some(p)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn min(src: &str) -> Option<Vec2> {
        Expr::parse(src).unwrap().minimum()
    }

    #[test]
    fn a_bowl_written_out_knows_its_minimum() {
        assert_eq!(min("0.1*x^2 + 2*y^2"), Some([0.0, 0.0]));
        let m = min("0.1*(x-3)^2 + 2*(y-3)^2").unwrap();
        assert!(
            (m[0] - 3.0).abs() < 1e-12 && (m[1] - 3.0).abs() < 1e-12,
            "{m:?}"
        );
        // Rotated (a cross term), scaled by a constant divisor, a constant
        // added, exponents written as constant expressions.
        let m = min("(x^2 + x*y + y^2 - 2*x + 7)/2^1").unwrap();
        // ∇ = (2x + y − 2, x + 2y) = 0 at (4/3, −2/3).
        assert!(
            (m[0] - 4.0 / 3.0).abs() < 1e-12 && (m[1] + 2.0 / 3.0).abs() < 1e-12,
            "{m:?}"
        );
        assert!(min("x**(1+1) + (y-1)*(y-1)").is_some());
    }

    #[test]
    fn no_minimum_is_claimed_for_other_formulas() {
        for src in [
            "x^2 - y^2",          // a saddle
            "x^2",                // a valley: no single minimum
            "-(x^2 + y^2)",       // a maximum
            "x^4 + y^2",          // degree 4
            "x^2*y",              // degree 3
            "x^2 + y^2 + sin(x)", // not a polynomial
            "x^2 + y^2 + 1/x",    // a variable divisor
            "x^2 + y^2 + x^0.5",  // not a whole exponent
            "(x^2 + y^2)^2",      // degree 4 by a power
            "abs(x) + y^2",       // a function of x
            "x^2 + y^2 + x^2/0",  // an infinite coefficient
            "3",                  // a constant
        ] {
            assert_eq!(min(src), None, "{src}");
        }
        // A constant function of constants is still a constant.
        assert!(min("x^2 + y^2 + sin(1)").is_some());
    }
}
