//! The numbers of the state inspector: one optimizer's step k written out.
//!
//! The page shows, for the step that leaves the current point (step k = t + 1
//! goes from `points[t]` to `points[t+1]`), the gradient, the state before and
//! after the step, the bias-correction factors and the effective
//! per-coordinate rate, and draws the step next to where plain GD would go.
//! Everything here is read from the optimizer's own state (the blocks of
//! [`crate::optim`], reported as typed [`StateKey`]s); [`Inspection::step`]
//! re-derives the step from the shown numbers by the formula the page
//! prints, so a test can check that the printed rule explains the actual
//! motion, for every kind in both conventions.
//!
//! - [`Stepper`] (stepper.rs) walks one optimizer through
//!   [`crate::run::Walker`], the run's own step loop;
//! - arith.rs: the printed rule's arithmetic (rate, step);
//! - [`rules`]: each row's rule as a typed expression, for the page to render;
//! - [`decay`]: the weight-decay part of the step, the L2 isolines, arrows;
//! - [`bias`]: the bias-correction chart's series.

mod arith;
mod bias;
pub mod decay;
mod expr;
mod rules;
mod rules_more;
mod second_order;
mod step_rule;
mod stepper;

pub use bias::{bias_series, BiasPoint};
pub use decay::{l2_grid, l2_isolines, l2_lambda, l2_loss, Arrows};
pub use expr::{Expr, Op, Sym};
pub use stepper::Stepper;

use crate::math;
use crate::optim::{find, Convention, Hyper, OptKind, OptSpec, StateField, StateKey};
use crate::Vec2;

pub(crate) fn map2(f: impl Fn(usize) -> f64) -> Vec2 {
    [f(0), f(1)]
}

/// Whether the kind is Adam with m̂ = m/(1−β1ᵗ), v̂ = v/(1−β2ᵗ) (the bias
/// correction panel's kinds; NAdam corrects m by its μ schedule instead).
pub fn has_bias_correction(kind: OptKind) -> bool {
    matches!(kind, OptKind::Adam | OptKind::AdamL2 | OptKind::Adamw)
}

/// A quantity of the inspector's table (a row), in the order of the printed
/// rule. Its words are the text layer's; its DOM key the page's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Quantity {
    /// g = ∇f(x).
    Grad,
    /// g̃ = g + λ·x (Adam+L2).
    GradL2,
    /// d2l momentum's velocity v.
    Velocity,
    /// torch momentum's buffer b.
    Buffer,
    /// AdaGrad's sum of squared gradients s.
    SumSq,
    /// RMSProp's / Adadelta's moving average of squared gradients s.
    EmaSq,
    /// First moment m.
    M,
    /// Second moment v.
    V,
    /// AMSGrad's running maximum of v.
    VMax,
    /// m̂.
    MHat,
    /// v̂.
    VHat,
    /// NAdam's μ_k.
    Mu,
    /// NAdam's μ_{k+1}.
    MuNext,
    /// The effective per-coordinate rate η_eff.
    Rate,
    /// Adadelta's rescaled gradient g′.
    GPrime,
    /// Adadelta's moving average of squared steps Δx.
    DeltaAcc,
    /// Adamax's weighted infinity norm u.
    ExpInf,
    /// RAdam's ρ_k.
    Rho,
    /// RAdam's rectification r_k (0 in the warm-up).
    Rect,
    /// Rprop's step sizes Δ.
    StepSize,
    /// Lion's interpolation c = β1·m + (1−β1)·g.
    Interp,
    /// RMSProp centered's moving average of g, ḡ.
    GradAvg,
    /// RMSProp's momentum buffer (torch) or velocity (d2l).
    RmsBuffer,
    /// Newton: the first row of the Hessian H = ∇²f(x_{k−1}).
    HessRow1,
    /// Newton: its second row.
    HessRow2,
    /// Newton: H⁻¹g, solved from the printed H and g.
    NewtonDir,
    /// L-BFGS: the two-loop direction d = −H_k·g.
    Direction,
    /// L-BFGS: the initial inverse-Hessian scale γ = sᵀy/yᵀy (torch's H_diag).
    HDiag,
    /// L-BFGS: the accepted step length t (0 when torch returned early).
    StepLength,
    /// L-BFGS with strong Wolfe: the number of trial points the line
    /// search evaluated.
    Evals,
    /// The weight-decay part of the step.
    Decay,
    /// −η·g, where plain GD would go.
    Gd,
    /// The step x_k − x_{k−1}.
    Step,
}

/// One row of the inspector's table: the quantity, its rule as an
/// expression and its value per coordinate (scalars repeat the value).
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// Which quantity.
    pub key: Quantity,
    /// Its rule at step k (`lhs ← rhs` or `lhs = rhs`).
    pub rule: Expr,
    /// Per coordinate.
    pub value: Vec2,
}

/// Everything about step k of one optimizer.
#[derive(Debug, Clone, PartialEq)]
pub struct Inspection {
    /// The optimizer as step k ran it: under a schedule its `lr` is η_k and
    /// its γ or β1 the cycled momentum of step k (and `gd` whose momentum a
    /// schedule cycles is the `momentum` it runs as), so every formula of
    /// the step reads the numbers the step used.
    pub spec: OptSpec,
    /// The arithmetic.
    pub conv: Convention,
    /// The step number (1-based): from `x` = x_{k−1} to `next` = x_k.
    pub k: usize,
    /// x_{k−1}, where the step starts.
    pub x: Vec2,
    /// x_k, where it ends.
    pub next: Vec2,
    /// The gradient g_k = ∇f(x_{k−1}) (noise included).
    pub grad: Vec2,
    /// The block chain's effective rate (as recorded in `StepState::lr_eff`).
    pub lr_eff: Vec2,
    /// The state after step k.
    pub fields: Vec<StateField>,
    /// The state after step k − 1 (empty at k = 1).
    pub prev: Vec<StateField>,
    /// Adam+L2: the part of m that comes from λ·x (the same moving average
    /// taken of λ·x alone); m is linear in its inputs, so m = m_g + m_λ.
    pub m_decay: Vec2,
    /// Newton: the exact Hessian at x_{k−1}, evaluated from the scene's
    /// surface (zeros for the other kinds).
    pub hessian: crate::Mat2,
}

impl Inspection {
    /// A state field after step k (zero if the optimizer has none).
    pub fn field(&self, key: StateKey) -> Vec2 {
        find(&self.fields, key)
    }

    /// A state field after step k − 1 (zero at k = 1).
    pub fn prev_field(&self, key: StateKey) -> Vec2 {
        find(&self.prev, key)
    }

    pub(crate) fn h(&self) -> &Hyper {
        &self.spec.hyper
    }

    pub(crate) fn d2l(&self) -> bool {
        self.conv == Convention::D2l
    }

    /// 1 − β1ᵏ and 1 − β2ᵏ whether bias correction is on or off.
    pub fn bias_denominators_on(&self) -> (f64, f64) {
        let (h, kf) = (self.h(), self.k as f64);
        (1.0 - math::pow(h.beta1, kf), 1.0 - math::pow(h.beta2, kf))
    }

    /// 1 − β1ᵏ and 1 − β2ᵏ as the optimizer divides by them (1 and 1 with
    /// bias correction off).
    pub fn bias_denominators(&self) -> (f64, f64) {
        match self.spec.kind {
            OptKind::Adam | OptKind::AdamL2 | OptKind::Adamw if self.h().bias_correction => {
                self.bias_denominators_on()
            }
            OptKind::Nadam => (1.0, self.bias_denominators_on().1),
            _ => (1.0, 1.0),
        }
    }

    /// The bias-correction factors 1/(1 − β1ᵏ), 1/(1 − β2ᵏ) (Adam kinds).
    pub fn bias_factors(&self) -> Option<(f64, f64)> {
        if !has_bias_correction(self.spec.kind) {
            return None;
        }
        let (a, b) = self.bias_denominators();
        Some((1.0 / a, 1.0 / b))
    }

    /// Whether the step uses g̃ = g + λ·x (Adam+L2, and torch's coupled
    /// `weight_decay` of the other kinds when λ ≠ 0).
    pub fn coupled_l2(&self) -> bool {
        let h = self.h();
        match self.spec.kind {
            OptKind::AdamL2 => true,
            OptKind::Gd | OptKind::Momentum | OptKind::Adagrad | OptKind::Rmsprop => {
                h.lambda != 0.0
            }
            OptKind::Adamax => h.lambda != 0.0,
            OptKind::Nadam | OptKind::Radam => h.lambda != 0.0 && !h.decoupled,
            _ => false,
        }
    }

    /// The gradient the moments see: g, or g + λ·x for Adam+L2 (as the
    /// optimizer's λ·x block added it).
    pub fn grad_used(&self) -> Vec2 {
        let (g, x, l) = (self.grad, self.x, self.h().lambda);
        let h = self.h();
        match self.spec.kind {
            OptKind::AdamL2 if self.d2l() => map2(|i| g[i] + l * x[i]),
            OptKind::AdamL2 => map2(|i| l.mul_add(x[i], g[i])),
            // torch's `weight_decay` on the seed's kinds: g + λ·x (d2l) or
            // grad.add(param, alpha=λ) (pytorch), only when λ ≠ 0.
            OptKind::Gd | OptKind::Momentum | OptKind::Adagrad | OptKind::Rmsprop if l != 0.0 => {
                if self.d2l() {
                    map2(|i| g[i] + l * x[i])
                } else {
                    map2(|i| l.mul_add(x[i], g[i]))
                }
            }
            OptKind::Nadam | OptKind::Radam if l != 0.0 && !h.decoupled => {
                map2(|i| l.mul_add(x[i], g[i]))
            }
            OptKind::Adamax if l != 0.0 => map2(|i| l.mul_add(x[i], g[i])),
            _ => g,
        }
    }

    /// NAdam's μ_k and μ_{k+1}, from the optimizer's state.
    pub fn nadam_mu(&self) -> (f64, f64) {
        (self.field(StateKey::Mu)[0], self.field(StateKey::MuNext)[0])
    }

    /// NAdam: Π μ up to step k − 1 (1 before the first step), from the
    /// optimizer's state.
    pub fn mu_product_prev(&self) -> f64 {
        if self.k == 1 {
            1.0
        } else {
            self.prev_field(StateKey::MuProduct)[0]
        }
    }

    /// Adam's second moment as used in the denominator: v, or its running
    /// maximum with AMSGrad.
    pub(crate) fn second_moment(&self) -> Vec2 {
        if self.h().amsgrad {
            self.field(StateKey::VMax)
        } else {
            self.field(StateKey::V)
        }
    }

    /// Where plain gradient descent would go from x_{k−1}: −η·g.
    pub fn gd_step(&self) -> Vec2 {
        let (g, eta) = (self.grad, self.h().lr);
        map2(|i| -eta * g[i])
    }

    /// The actual step x_k − x_{k−1}.
    pub fn actual(&self) -> Vec2 {
        map2(|i| self.next[i] - self.x[i])
    }

    /// The quantities of the table and their values, in the order of the
    /// printed rule (without their rules; see [`Inspection::rows`]).
    pub fn values(&self) -> Vec<(Quantity, Vec2)> {
        use Quantity as Q;
        let mut r = vec![(Q::Grad, self.grad)];
        if self.coupled_l2() && self.spec.kind != OptKind::AdamL2 {
            r.push((Q::GradL2, self.grad_used()));
        }
        let d2l = self.d2l();
        match self.spec.kind {
            OptKind::Gd => {}
            OptKind::Momentum => r.push((
                if d2l { Q::Velocity } else { Q::Buffer },
                self.field(StateKey::Velocity),
            )),
            OptKind::Adagrad | OptKind::Rmsprop => {
                let q = if self.spec.kind == OptKind::Adagrad {
                    Q::SumSq
                } else {
                    Q::EmaSq
                };
                r.push((q, self.field(StateKey::SumSq)));
                if self.h().centered && self.spec.kind == OptKind::Rmsprop {
                    r.push((Q::GradAvg, self.field(StateKey::GradAvg)));
                }
                r.push((Q::Rate, self.rate()));
                if self.h().momentum > 0.0 && self.spec.kind == OptKind::Rmsprop {
                    r.push((Q::RmsBuffer, self.field(StateKey::RmsBuffer)));
                }
            }
            OptKind::Adam | OptKind::AdamL2 | OptKind::Adamw => {
                if self.spec.kind == OptKind::AdamL2 {
                    r.push((Q::GradL2, self.grad_used()));
                }
                r.push((Q::M, self.field(StateKey::M)));
                r.push((Q::V, self.field(StateKey::V)));
                if self.h().amsgrad {
                    r.push((Q::VMax, self.field(StateKey::VMax)));
                }
                r.push((Q::MHat, self.field(StateKey::MHat)));
                r.push((Q::VHat, self.field(StateKey::VHat)));
                r.push((Q::Rate, self.rate()));
            }
            OptKind::Nadam => {
                r.push((Q::M, self.field(StateKey::M)));
                r.push((Q::V, self.field(StateKey::V)));
                r.push((Q::Mu, self.field(StateKey::Mu)));
                r.push((Q::MuNext, self.field(StateKey::MuNext)));
                r.push((Q::Rate, self.rate()));
            }
            OptKind::Adamax => {
                r.push((Q::M, self.field(StateKey::M)));
                r.push((Q::ExpInf, self.field(StateKey::ExpInf)));
                r.push((Q::Rate, self.rate()));
            }
            OptKind::Radam => {
                r.push((Q::M, self.field(StateKey::M)));
                r.push((Q::V, self.field(StateKey::V)));
                let (bc1, _) = self.bias_denominators_on();
                let m = self.field(StateKey::M);
                r.push((Q::MHat, map2(|i| m[i] / bc1)));
                r.push((Q::Rho, self.field(StateKey::Rho)));
                r.push((Q::Rect, self.field(StateKey::Rect)));
                r.push((Q::Rate, self.rate()));
            }
            OptKind::Rprop => {
                r.push((Q::StepSize, self.field(StateKey::StepSize)));
            }
            OptKind::Lion => {
                r.push((Q::Interp, self.field(StateKey::Interp)));
                r.push((Q::M, self.field(StateKey::M)));
            }
            OptKind::Newton | OptKind::Lbfgs => r.extend(self.second_order_values()),
            OptKind::Adadelta => {
                r.push((Q::EmaSq, self.field(StateKey::SumSq)));
                let rate = self.rate();
                r.push((Q::Rate, rate));
                let lr = self.h().lr;
                r.push((Q::GPrime, map2(|i| arith::sdiv(rate[i] * self.grad[i], lr))));
                r.push((Q::DeltaAcc, self.field(StateKey::Delta)));
            }
        }
        if let Some(d) = self.decay_step() {
            r.push((Q::Decay, d));
        }
        r.push((Q::Gd, self.gd_step()));
        r.push((Q::Step, self.step()));
        r
    }

    /// The table: every quantity with its printed rule and its value.
    pub fn rows(&self) -> Vec<Row> {
        self.values()
            .into_iter()
            .map(|(key, value)| Row {
                key,
                rule: self.rule(key),
                value,
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::optim::ALL_KINDS;
    use crate::scene::Scene;

    fn scene(conv: Convention) -> Scene {
        Scene {
            convention: conv,
            optimizers: ALL_KINDS.iter().map(|k| OptSpec::new(*k, conv)).collect(),
            ..Scene::default()
        }
    }

    #[test]
    fn every_table_ends_with_minus_eta_g_and_the_step_which_is_the_actual_one() {
        for conv in [Convention::D2l, Convention::Pytorch] {
            let s = scene(conv);
            for i in 0..s.optimizers.len() {
                let insp = Stepper::new(&s, i).unwrap().at(3).unwrap();
                let rows = insp.rows();
                let n = rows.len();
                assert_eq!(rows[0].key, Quantity::Grad);
                assert_eq!(rows[n - 2].key, Quantity::Gd);
                assert_eq!(rows[n - 2].value, insp.gd_step());
                assert_eq!(rows[n - 1].key, Quantity::Step);
                let (step, actual) = (rows[n - 1].value, insp.actual());
                for c in 0..2 {
                    assert!((step[c] - actual[c]).abs() <= 1e-12 * actual[c].abs() + 1e-15);
                }
            }
        }
    }

    #[test]
    fn nadam_reads_its_schedule_from_the_optimizer() {
        let s = scene(Convention::Pytorch);
        let i = s.optimizers.iter().position(|o| o.kind == OptKind::Nadam);
        let mut st = Stepper::new(&s, i.unwrap()).unwrap();
        let h = s.optimizers[i.unwrap()].hyper;
        let mut prod = 1.0;
        for k in 1..=5 {
            let insp = st.at(k).unwrap();
            let mu = |t: f64| h.beta1 * (1.0 - 0.5 * math::pow(0.96, t * h.momentum_decay));
            assert_eq!(insp.mu_product_prev(), prod);
            assert_eq!(insp.nadam_mu(), (mu(k as f64), mu(k as f64 + 1.0)));
            prod *= mu(k as f64);
        }
    }
}
