//! The update rules as data: each row of the inspector's table as a typed
//! expression (`lhs ← rhs` or `lhs = rhs`), per optimizer kind and
//! convention, with step k's numbers in it (βᵏ, μ_k, x_k). The page renders
//! it to MathML.

use super::expr::*;
use super::rules_more as more;
use super::step_rule::{h_inv_g, rate_rule, step_rule};
use super::{Inspection, Quantity};
use crate::optim::{Convention, OptKind};
use crate::Vec2;
use Quantity as Q;
use Sym as S;

impl Inspection {
    /// The printed rule of quantity `q` at this step.
    pub fn rule(&self, q: Quantity) -> Expr {
        row_rule(self, q)
    }

    /// The update with its numbers, x_k = x_{k−1} + (x_k − x_{k−1}), as
    /// three parts (a narrow screen breaks the line between them).
    pub fn substitution(&self) -> [Expr; 3] {
        let k = self.k;
        [
            row(vec![
                sub(i(S::X), int(k)),
                o(Op::Equals),
                Expr::Vec2(self.x),
                o(Op::Plus),
            ]),
            row(vec![Expr::Vec2(self.step())]),
            row(vec![o(Op::Equals), Expr::Vec2(self.next)]),
        ]
    }

    /// The bias-correction table at step k: (quantity, its symbol with
    /// subscript k, value) for g (g̃ for Adam+L2), m, m̂, v, v̂.
    pub fn bias_rows(&self) -> Vec<(Quantity, Expr, Vec2)> {
        use crate::optim::StateKey as K;
        let k = self.k;
        let g = if self.spec.kind == OptKind::AdamL2 {
            S::GTilde
        } else {
            S::G
        };
        vec![
            (Q::Grad, sub(i(g), int(k)), self.grad_used()),
            (Q::M, sub(i(S::M), int(k)), self.field(K::M)),
            (Q::MHat, sub(i(S::MHat), int(k)), self.field(K::MHat)),
            (Q::V, sub(i(S::V), int(k)), self.field(K::V)),
            (Q::VHat, sub(i(S::VHat), int(k)), self.field(K::VHat)),
        ]
    }
}

/// The printed rule of a table row, per kind and convention (the same
/// arithmetic as [`Inspection::step`] and `optim`).
fn row_rule(insp: &Inspection, key: Quantity) -> Expr {
    let d2l = insp.conv == Convention::D2l;
    let kind = insp.spec.kind;
    let h = insp.spec.hyper;
    let k = insp.k;
    let l2 = insp.coupled_l2();
    let gg = || {
        if l2 {
            i(S::GTilde)
        } else {
            i(S::G)
        }
    };
    let g_sq = || row(vec![gg(), o(Op::Hadamard), gg()]);
    match key {
        Q::Grad => rule(
            i(S::G),
            false,
            row(vec![o(Op::Nabla), i(S::F), paren(vec![i(S::X)])]),
        ),
        Q::GradL2 => rule(
            i(S::GTilde),
            false,
            row(vec![
                i(S::G),
                o(Op::Plus),
                i(S::Lambda),
                o(Op::Dot),
                i(S::X),
            ]),
        ),
        Q::Velocity => {
            let mut r = vec![i(S::Gamma), o(Op::Dot), i(S::V), o(Op::Plus)];
            if h.dampening != 0.0 {
                r.extend([paren(vec![int(1), o(Op::Minus), i(S::Tau)]), o(Op::Dot)]);
            }
            r.extend([i(S::Eta), o(Op::Dot), gg()]);
            rule(i(S::V), true, row(r))
        }
        Q::Buffer => {
            let mut r = vec![i(S::Gamma), o(Op::Dot), i(S::B), o(Op::Plus)];
            if h.dampening != 0.0 {
                r.extend([paren(vec![int(1), o(Op::Minus), i(S::Tau)]), o(Op::Dot)]);
            }
            r.push(gg());
            rule(i(S::B), true, row(r))
        }
        Q::SumSq => rule(i(S::S), true, row(vec![i(S::S), o(Op::Plus), g_sq()])),
        Q::EmaSq => {
            let r = if kind == OptKind::Adadelta {
                i(S::Rho)
            } else {
                i(S::Gamma)
            };
            rule(i(S::S), true, ema(r, S::S, g_sq()))
        }
        Q::M if kind == OptKind::Lion => more::lion_m(gg()),
        Q::Interp => more::interp(gg()),
        Q::ExpInf => more::exp_inf(),
        Q::Rho => more::rho(k),
        Q::Rect => more::rect(k, insp.radam_rho().0 > 5.0),
        Q::StepSize => more::step_size(k),
        Q::GradAvg => more::grad_avg(gg()),
        Q::RmsBuffer => more::rms_buffer(d2l, gg()),
        Q::M if d2l && kind != OptKind::Nadam => rule(i(S::M), true, ema(b1(), S::M, gg())),
        Q::M => rule(
            i(S::M),
            true,
            row(vec![
                i(S::M),
                o(Op::Plus),
                paren(vec![int(1), o(Op::Minus), b1()]),
                o(Op::Dot),
                paren(vec![gg(), o(Op::Minus), i(S::M)]),
            ]),
        ),
        Q::V => rule(i(S::V), true, ema(b2(), S::V, g_sq())),
        Q::VMax => rule(
            sub(i(S::V), i(S::Max)),
            true,
            row(vec![
                i(S::Max),
                paren(vec![sub(i(S::V), i(S::Max)), o(Op::Comma), i(S::V)]),
            ]),
        ),
        Q::MHat if h.bias_correction => {
            rule(i(S::MHat), false, frac(i(S::M), one_minus_pow(b1(), k)))
        }
        Q::VHat if h.bias_correction => {
            let v = if h.amsgrad {
                sub(i(S::V), i(S::Max))
            } else {
                i(S::V)
            };
            rule(i(S::VHat), false, frac(v, one_minus_pow(b2(), k)))
        }
        Q::MHat => rule(i(S::MHat), false, i(S::M)),
        Q::VHat => rule(i(S::VHat), false, i(S::V)),
        Q::Mu => rule(
            sub(i(S::Mu), int(k)),
            false,
            row(vec![
                b1(),
                o(Op::Dot),
                paren(vec![
                    int(1),
                    o(Op::Minus),
                    Expr::Half,
                    o(Op::Dot),
                    sup(Expr::Num(0.96), row(vec![int(k), o(Op::Dot), i(S::Psi)])),
                ]),
            ]),
        ),
        Q::MuNext => rule(
            sub(i(S::Mu), int(k + 1)),
            false,
            row(vec![
                b1(),
                o(Op::Dot),
                paren(vec![
                    int(1),
                    o(Op::Minus),
                    Expr::Half,
                    o(Op::Dot),
                    sup(
                        Expr::Num(0.96),
                        row(vec![int(k + 1), o(Op::Dot), i(S::Psi)]),
                    ),
                ]),
            ]),
        ),
        Q::Rate => rate_rule(insp),
        Q::HessRow1 => rule(
            i(S::H),
            false,
            row(vec![
                sup(o(Op::Nabla), int(2)),
                i(S::F),
                paren(vec![sub(i(S::X), int(k - 1))]),
            ]),
        ),
        Q::HessRow2 => row(vec![i(S::H)]),
        Q::NewtonDir => rule(
            h_inv_g(),
            false,
            row(vec![
                i(S::Solve),
                paren(vec![i(S::H), o(Op::Comma), i(S::G)]),
            ]),
        ),
        Q::HDiag => {
            let dot = |a: Sym, b: Sym| row(vec![sup(i(a), i(S::Transp)), i(b)]);
            rule(i(S::HDiag), false, frac(dot(S::S, S::Y), dot(S::Y, S::Y)))
        }
        Q::Direction => rule(
            i(S::D),
            false,
            row(vec![o(Op::Minus), sub(i(S::H), int(k)), i(S::G)]),
        ),
        Q::Evals => rule(i(S::N), false, Expr::Int(insp.trials().len())),
        Q::StepLength => {
            let t = insp.field(crate::optim::StateKey::StepLength)[0];
            let rhs = if t == 0.0 {
                int(0)
            } else if let Some(j) = insp.accepted_trial() {
                // The line search's accepted trial point, t_j of the n.
                sub(i(S::T), int(j + 1))
            } else if t != h.lr {
                // torch's first iteration: min(1, 1/‖g‖₁)·η.
                row(vec![
                    i(S::Min),
                    paren(vec![int(1), o(Op::Comma), frac(int(1), i(S::Norm1G))]),
                    o(Op::Dot),
                    i(S::Eta),
                ])
            } else {
                i(S::Eta)
            };
            rule(i(S::T), false, rhs)
        }
        Q::GPrime => rule(
            i(S::GPrime),
            false,
            row(vec![
                frac(
                    sqrt(row(vec![i(S::DeltaX), o(Op::Plus), i(S::Eps)])),
                    sqrt(row(vec![i(S::S), o(Op::Plus), i(S::Eps)])),
                ),
                o(Op::Hadamard),
                i(S::G),
            ]),
        ),
        Q::DeltaAcc => rule(
            i(S::DeltaX),
            true,
            row(vec![
                i(S::Rho),
                o(Op::Dot),
                i(S::DeltaX),
                o(Op::Plus),
                paren(vec![int(1), o(Op::Minus), i(S::Rho)]),
                o(Op::Dot),
                i(S::GPrime),
                o(Op::Hadamard),
                i(S::GPrime),
            ]),
        ),
        Q::Decay if kind == OptKind::AdamL2 => row(vec![
            o(Op::Minus),
            i(S::Eta),
            o(Op::Dot),
            frac(
                frac(sub(i(S::M), i(S::Lambda)), one_minus_pow(b1(), k)),
                den_hat(),
            ),
        ]),
        Q::Decay => row(vec![
            o(Op::Minus),
            i(S::Eta),
            o(Op::Dot),
            i(S::Lambda),
            o(Op::Dot),
            i(S::X),
        ]),
        Q::Gd => row(vec![o(Op::Minus), i(S::Eta), o(Op::Dot), i(S::G)]),
        Q::Step => step_rule(insp),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inspect::Stepper;
    use crate::optim::{OptSpec, ALL_KINDS};
    use crate::scene::Scene;

    fn insp(kind: OptKind, conv: Convention, f: impl FnOnce(&mut OptSpec)) -> Inspection {
        let mut s = Scene::default();
        let mut spec = OptSpec::new(kind, conv);
        f(&mut spec);
        s.convention = conv;
        s.optimizers = vec![spec];
        Stepper::new(&s, 0).unwrap().at(3).unwrap()
    }

    fn has(e: &Expr, want: &Expr) -> bool {
        e == want
            || match e {
                Expr::Row(v) => v.iter().any(|c| has(c, want)),
                Expr::Sub(a, b) | Expr::Sup(a, b) | Expr::Frac(a, b) => {
                    has(a, want) || has(b, want)
                }
                Expr::Sqrt(a) => has(a, want),
                _ => false,
            }
    }

    #[test]
    fn the_step_rule_is_x_k_minus_x_k_minus_1_for_every_kind() {
        for conv in [Convention::D2l, Convention::Pytorch] {
            for kind in ALL_KINDS {
                let x = insp(kind, conv, |_| {});
                let Expr::Row(parts) = x.rule(Quantity::Step) else {
                    panic!("a row")
                };
                assert_eq!(
                    parts[0],
                    row(vec![
                        sub(i(S::X), int(3)),
                        o(Op::Minus),
                        sub(i(S::X), int(2))
                    ])
                );
                assert_eq!(parts[1], o(Op::Equals));
            }
        }
    }

    #[test]
    fn the_conventions_print_their_own_denominators() {
        // d2l RMSProp: η/√(s+ε); pytorch: η/(√s+ε).
        let d2l = insp(OptKind::Rmsprop, Convention::D2l, |_| {}).rule(Q::Rate);
        let torch = insp(OptKind::Rmsprop, Convention::Pytorch, |_| {}).rule(Q::Rate);
        let inside = sqrt(row(vec![i(S::S), o(Op::Plus), i(S::Eps)]));
        assert!(has(&d2l, &inside) && !has(&torch, &inside));
        assert!(has(&torch, &sqrt(i(S::S))));
        // pytorch Adam at step 3: (η/(1−β1³)) over √v/√(1−β2³)+ε.
        let adam = insp(OptKind::Adam, Convention::Pytorch, |_| {}).rule(Q::Rate);
        assert!(has(&adam, &one_minus_pow(b1(), 3)));
        assert!(has(&adam, &sqrt(one_minus_pow(b2(), 3))));
        // Bias correction off: m̂ = m.
        let off = insp(OptKind::Adam, Convention::D2l, |s| {
            s.hyper.bias_correction = false
        });
        assert_eq!(
            off.rule(Q::MHat),
            row(vec![i(S::MHat), o(Op::Equals), i(S::M)])
        );
        // Adam+L2's moments average g̃ = g + λ·x.
        let l2 = insp(OptKind::AdamL2, Convention::D2l, |_| {});
        assert!(has(&l2.rule(Q::M), &i(S::GTilde)));
    }

    #[test]
    fn every_row_has_a_rule_and_the_substitution_carries_the_numbers() {
        for conv in [Convention::D2l, Convention::Pytorch] {
            for kind in ALL_KINDS {
                let x = insp(kind, conv, |s| s.hyper.amsgrad = true);
                for r in x.rows() {
                    assert!(matches!(r.rule, Expr::Row(_)), "{kind:?} {:?}", r.key);
                }
                let [a, b, c] = x.substitution();
                assert!(has(&a, &Expr::Vec2(x.x)));
                assert!(has(&b, &Expr::Vec2(x.step())));
                assert!(has(&c, &Expr::Vec2(x.next)));
            }
        }
    }
}
