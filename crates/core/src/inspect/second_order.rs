//! Newton's and L-BFGS's quantities in the inspector: the Hessian's rows
//! and H⁻¹g solved from them (Newton), γ, d, the line search's trial points
//! and t (L-BFGS).

use super::{Inspection, Quantity};
use crate::optim::{LineSearch, OptKind, StateKey};
use crate::Vec2;

impl Inspection {
    /// L-BFGS: the line search's trial points of this step, in the order
    /// evaluated (none without a line search or when torch returned early).
    pub fn trials(&self) -> Vec<Vec2> {
        self.fields
            .iter()
            .filter(|f| f.key.is_list())
            .map(|f| f.value)
            .collect()
    }

    /// L-BFGS: which trial point the line search accepted (the one the
    /// step ends at; None without trials or when the step did not move).
    pub fn accepted_trial(&self) -> Option<usize> {
        if self.field(StateKey::StepLength)[0] == 0.0 {
            return None;
        }
        let d = |p: Vec2| (p[0] - self.next[0]).abs() + (p[1] - self.next[1]).abs();
        self.trials()
            .iter()
            .enumerate()
            .min_by(|a, b| d(*a.1).total_cmp(&d(*b.1)))
            .map(|(j, _)| j)
    }

    /// Newton: H⁻¹g solved from the printed Hessian and gradient (the
    /// block's own 2×2 solve; zeros where H is singular or not finite, a
    /// step the run does not take).
    pub fn newton_dir(&self) -> Vec2 {
        crate::optim::solve2(self.hessian, self.grad)
            .filter(|s| s[0].is_finite() && s[1].is_finite())
            .unwrap_or([0.0; 2])
    }

    /// The rows of Newton and L-BFGS between g and −η·g.
    pub(super) fn second_order_values(&self) -> Vec<(Quantity, Vec2)> {
        use Quantity as Q;
        let mut r = vec![];
        match self.spec.kind {
            OptKind::Newton => {
                r.push((Q::HessRow1, self.hessian[0]));
                r.push((Q::HessRow2, self.hessian[1]));
                r.push((Q::NewtonDir, self.newton_dir()));
            }
            OptKind::Lbfgs => {
                r.push((Q::HDiag, self.field(StateKey::HDiag)));
                r.push((Q::Direction, self.field(StateKey::Direction)));
                if self.h().line_search == LineSearch::StrongWolfe {
                    let n = self.trials().len() as f64;
                    r.push((Q::Evals, [n, n]));
                }
                r.push((Q::StepLength, self.field(StateKey::StepLength)));
            }
            _ => {}
        }
        r
    }
}
