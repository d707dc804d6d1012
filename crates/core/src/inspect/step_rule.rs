//! The two rules that differ most between kinds and conventions: the
//! effective rate η_eff and the step x_k − x_{k−1}, as printed.

use super::expr::*;
use super::Inspection;
use crate::optim::{Convention, OptKind};
use Sym as S;

/// η_eff = … per kind and convention (the arithmetic of
/// [`Inspection::rate`]).
pub(super) fn rate_rule(insp: &Inspection) -> Expr {
    let d2l = insp.conv == Convention::D2l;
    let k = insp.k;
    let bc = insp.spec.hyper.bias_correction;
    let lhs = sub(i(S::Eta), i(S::Eff));
    let rhs = match insp.spec.kind {
        OptKind::Adagrad | OptKind::Rmsprop => {
            let h = insp.spec.hyper;
            // AdaGrad's lr_decay: the step's η_k = η/(1 + (k−1)·lr_decay).
            let eta = if insp.spec.kind == OptKind::Adagrad && h.lr_decay != 0.0 {
                sub(i(S::Eta), int(k))
            } else {
                i(S::Eta)
            };
            // RMSProp centered: s − ḡ².
            let s = if insp.spec.kind == OptKind::Rmsprop && h.centered {
                row(vec![i(S::S), o(Op::Minus), sup(i(S::GBar), int(2))])
            } else {
                i(S::S)
            };
            if d2l {
                frac(eta, sqrt(row(vec![s, o(Op::Plus), i(S::Eps)])))
            } else {
                frac(eta, row(vec![sqrt(s), o(Op::Plus), i(S::Eps)]))
            }
        }
        OptKind::Adam | OptKind::AdamL2 | OptKind::Adamw if !d2l && bc => {
            let v = if insp.spec.hyper.amsgrad {
                sub(i(S::V), i(S::Max))
            } else {
                i(S::V)
            };
            frac(
                frac(i(S::Eta), one_minus_pow(b1(), k)),
                row(vec![
                    frac(sqrt(v), sqrt(one_minus_pow(b2(), k))),
                    o(Op::Plus),
                    i(S::Eps),
                ]),
            )
        }
        OptKind::Adadelta => row(vec![
            i(S::Eta),
            o(Op::Dot),
            frac(
                sqrt(row(vec![i(S::DeltaX), o(Op::Plus), i(S::Eps)])),
                sqrt(row(vec![i(S::S), o(Op::Plus), i(S::Eps)])),
            ),
        ]),
        OptKind::Adamax => frac(frac(i(S::Eta), one_minus_pow(b1(), k)), i(S::U)),
        OptKind::Radam if insp.radam_rho().0 > 5.0 => row(vec![
            i(S::Eta),
            o(Op::Dot),
            frac(
                sqrt(one_minus_pow(b2(), k)),
                row(vec![sqrt(i(S::V)), o(Op::Plus), i(S::Eps)]),
            ),
            o(Op::Dot),
            sub(i(S::R), int(k)),
        ]),
        OptKind::Radam => i(S::Eta),
        OptKind::Rprop => i(S::Delta),
        OptKind::Lion => i(S::Eta),
        OptKind::Nadam => frac(
            i(S::Eta),
            row(vec![
                sqrt(frac(i(S::V), one_minus_pow(b2(), k))),
                o(Op::Plus),
                i(S::Eps),
            ]),
        ),
        _ => frac(i(S::Eta), den_hat()),
    };
    rule(lhs, false, rhs)
}

/// −η·λ·x (the decoupled decay, torch's x·(1 − η·λ)) followed by `rest`.
fn then_decayed(rest: Vec<Expr>) -> Expr {
    let mut r = vec![
        o(Op::Minus),
        i(S::Eta),
        o(Op::Dot),
        i(S::Lambda),
        o(Op::Dot),
        i(S::X),
    ];
    r.extend(rest);
    row(r)
}

pub(super) fn step_rule(insp: &Inspection) -> Expr {
    let d2l = insp.conv == Convention::D2l;
    let h = insp.spec.hyper;
    let k = insp.k;
    let eff = || sub(i(S::Eta), i(S::Eff));
    // g̃ = g + λ·x where torch's coupled weight decay is on.
    let gg = || {
        if insp.coupled_l2() {
            i(S::GTilde)
        } else {
            i(S::G)
        }
    };
    let rhs = match insp.spec.kind {
        OptKind::Gd => row(vec![o(Op::Minus), i(S::Eta), o(Op::Dot), gg()]),
        OptKind::Momentum if d2l && h.nesterov => row(vec![
            o(Op::Minus),
            paren(vec![
                i(S::Gamma),
                o(Op::Dot),
                i(S::V),
                o(Op::Plus),
                i(S::Eta),
                o(Op::Dot),
                gg(),
            ]),
        ]),
        OptKind::Momentum if d2l => row(vec![o(Op::Minus), i(S::V)]),
        OptKind::Momentum if h.nesterov => row(vec![
            o(Op::Minus),
            i(S::Eta),
            o(Op::Dot),
            paren(vec![gg(), o(Op::Plus), i(S::Gamma), o(Op::Dot), i(S::B)]),
        ]),
        OptKind::Momentum => row(vec![o(Op::Minus), i(S::Eta), o(Op::Dot), i(S::B)]),
        OptKind::Rmsprop if h.momentum > 0.0 && d2l => row(vec![o(Op::Minus), i(S::V)]),
        OptKind::Rmsprop if h.momentum > 0.0 => {
            row(vec![o(Op::Minus), i(S::Eta), o(Op::Dot), i(S::B)])
        }
        OptKind::Adagrad | OptKind::Rmsprop => {
            row(vec![o(Op::Minus), eff(), o(Op::Hadamard), gg()])
        }
        OptKind::Adam | OptKind::AdamL2 if !d2l && h.bias_correction => {
            row(vec![o(Op::Minus), eff(), o(Op::Hadamard), i(S::M)])
        }
        OptKind::Adam | OptKind::AdamL2 => {
            row(vec![o(Op::Minus), eff(), o(Op::Hadamard), i(S::MHat)])
        }
        OptKind::Adamw if !d2l && h.bias_correction => {
            then_decayed(vec![o(Op::Minus), eff(), o(Op::Hadamard), i(S::M)])
        }
        OptKind::Adamw => row(vec![
            o(Op::Minus),
            i(S::Eta),
            o(Op::Dot),
            paren(vec![
                frac(i(S::MHat), den_hat()),
                o(Op::Plus),
                i(S::Lambda),
                o(Op::Dot),
                i(S::X),
            ]),
        ]),
        OptKind::Nadam => row(vec![
            o(Op::Minus),
            frac(
                row(vec![
                    i(S::Eta),
                    paren(vec![int(1), o(Op::Minus), sub(i(S::Mu), int(k))]),
                ]),
                row(vec![int(1), o(Op::Minus), sub(i(S::Pi), int(k))]),
            ),
            o(Op::Dot),
            frac(gg(), den_hat()),
            o(Op::Minus),
            frac(
                row(vec![i(S::Eta), o(Op::Dot), sub(i(S::Mu), int(k + 1))]),
                row(vec![int(1), o(Op::Minus), sub(i(S::Pi), int(k + 1))]),
            ),
            o(Op::Dot),
            frac(i(S::M), den_hat()),
        ]),
        OptKind::Adadelta => row(vec![o(Op::Minus), i(S::Eta), o(Op::Dot), i(S::GPrime)]),
        OptKind::Adamax => row(vec![o(Op::Minus), eff(), o(Op::Hadamard), i(S::M)]),
        OptKind::Radam => row(vec![o(Op::Minus), eff(), o(Op::Hadamard), i(S::MHat)]),
        OptKind::Rprop => row(vec![
            o(Op::Minus),
            i(S::Delta),
            o(Op::Hadamard),
            i(S::Sign),
            paren(vec![i(S::G)]),
        ]),
        OptKind::Lion => then_decayed(vec![
            o(Op::Minus),
            i(S::Eta),
            o(Op::Dot),
            i(S::Sign),
            paren(vec![i(S::C)]),
        ]),
        OptKind::Newton => row(vec![o(Op::Minus), i(S::Eta), o(Op::Dot), h_inv_g()]),
        OptKind::Lbfgs => row(vec![i(S::T), o(Op::Dot), i(S::D)]),
    };
    // NAdam's/RAdam's decoupled decay: x·(1 − η·λ) − x comes first.
    let rhs = if matches!(insp.spec.kind, OptKind::Nadam | OptKind::Radam)
        && insp.decoupled_decay() != 0.0
    {
        let mut parts = vec![
            o(Op::Minus),
            i(S::Eta),
            o(Op::Dot),
            i(S::Lambda),
            o(Op::Dot),
            i(S::X),
        ];
        parts.push(rhs);
        row(parts)
    } else {
        rhs
    };
    rule(
        row(vec![
            sub(i(S::X), int(k)),
            o(Op::Minus),
            sub(i(S::X), int(k - 1)),
        ]),
        false,
        rhs,
    )
}

/// H⁻¹g.
pub(super) fn h_inv_g() -> Expr {
    row(vec![sup(i(S::H), row(vec![o(Op::Minus), int(1)])), i(S::G)])
}
