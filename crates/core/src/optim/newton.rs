//! `newton`: Newton's method with the exact Hessian, x ← x − η·H⁻¹g.
//!
//! g is the step's gradient (the update the block receives, noise
//! included); H = ∇²f(x) comes exact from the surface (analytic on the
//! built-in surfaces, second-order forward-mode AD on formulas). η = 1 jumps
//! to the stationary point of the local quadratic model: the minimum of a
//! bowl in one step, but just as readily a maximum or a saddle where H is
//! not positive definite (Himmelblau from (0, 0) climbs to its local
//! maximum). Both conventions compute the same.
//!
//! The solve is LAPACK's `dgesv` on 2×2 as torch's `torch.linalg.solve`
//! runs it (LU with partial pivoting, MKL's order of roundings, checked
//! bit for bit), so x − lr·solve(H, g) matches torch exactly. A singular H
//! (a zero pivot: torch raises there), a non-finite H or a non-finite
//! solution leaves x where it is and reports a [`Fault`]: the run stops
//! with that reason.

use super::{Block, Fault, StateField, StateKey, StepCx};
use crate::{Mat2, Vec2};

/// Newton's step with the exact Hessian.
#[derive(Debug, Clone, Default)]
pub struct Newton {
    lr: f64,
    /// H⁻¹g of the last step.
    dir: Vec2,
    fault: Option<Fault>,
}

impl Newton {
    /// A fresh Newton block (η comes from each step's `cx.lr`).
    pub fn new() -> Newton {
        Newton::default()
    }
}

/// Solve H·s = g as LAPACK's dgesv (MKL) does for a 2×2 system: pivot on the
/// larger entry of the first column, l = h₁₀/h₀₀, u₁₁ = h₁₁ − l·h₀₁ and the
/// substitutions as fused multiply-adds, divisions by the pivots as products
/// with their reciprocals. None at a zero pivot (a singular H).
pub fn solve2(h: Mat2, g: Vec2) -> Option<Vec2> {
    let ([a, b], [c, d], [g0, g1]) = if h[1][0].abs() > h[0][0].abs() {
        (h[1], h[0], [g[1], g[0]])
    } else {
        (h[0], h[1], g)
    };
    if a == 0.0 {
        return None;
    }
    let l = c / a;
    let u11 = (-l).mul_add(b, d);
    if u11 == 0.0 {
        return None;
    }
    let y1 = (-l).mul_add(g0, g1);
    let s1 = y1 * (1.0 / u11);
    let s0 = (-s1).mul_add(b, g0) * (1.0 / a);
    Some([s0, s1])
}

fn finite(m: &Mat2) -> bool {
    m.iter().flatten().all(|v| v.is_finite())
}

impl Block for Newton {
    fn update(&mut self, u: &mut Vec2, x: &mut Vec2, cx: &StepCx) {
        self.lr = cx.lr;
        let h = cx.surface.hessian(*x);
        let g = *u;
        let solved = if !finite(&h) {
            Err(Fault::NonFiniteHessian)
        } else {
            match solve2(h, g) {
                Some(s) if s[0].is_finite() && s[1].is_finite() => Ok(s),
                // A non-finite g is the walker's to call diverged.
                Some(s) if !(g[0].is_finite() && g[1].is_finite()) => Ok(s),
                _ => Err(Fault::SingularHessian),
            }
        };
        match solved {
            Ok(s) => {
                self.fault = None;
                self.dir = s;
                *u = [self.lr * s[0], self.lr * s[1]];
            }
            Err(f) => {
                self.fault = Some(f);
                *u = [0.0, 0.0];
            }
        }
    }

    fn state(&self, out: &mut Vec<StateField>) {
        out.push(StateField::new(StateKey::NewtonDir, self.dir));
    }

    fn lr_eff(&self) -> Option<Vec2> {
        Some([self.lr, self.lr])
    }

    fn fault(&self) -> Option<Fault> {
        self.fault
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn solve2_solves_and_refuses_singular_systems() {
        let s = solve2([[2.0, 1.0], [1.0, 3.0]], [3.0, 4.0]).unwrap();
        assert!((s[0] - 1.0).abs() < 1e-15 && (s[1] - 1.0).abs() < 1e-15);
        // Pivoting: a zero in the corner is fine.
        assert_eq!(
            solve2([[0.0, 1.0], [1.0, 0.0]], [2.0, 3.0]),
            Some([3.0, 2.0])
        );
        assert_eq!(solve2([[1.0, 2.0], [2.0, 4.0]], [1.0, 1.0]), None);
        assert_eq!(solve2([[0.0, 0.0], [0.0, 2.0]], [0.0, 1.0]), None);
    }
}
