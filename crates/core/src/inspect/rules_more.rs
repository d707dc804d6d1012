//! The printed rules of the rows only the newer kinds and torch's extra keys
//! have: Lion's m and c, Adamax's u, RAdam's ρ and r, Rprop's Δ, centered
//! RMSProp's ḡ and RMSProp's momentum (the rest is in rules.rs). `g` is the
//! gradient's letter (g, or g̃ with a coupled λ·x).

use super::expr::*;
use Sym as S;

/// Lion: m ← β2·m + (1−β2)·g.
pub(super) fn lion_m(g: Expr) -> Expr {
    rule(i(S::M), true, ema(b2(), S::M, g))
}

/// Lion: c = β1·m + (1−β1)·g.
pub(super) fn interp(g: Expr) -> Expr {
    rule(i(S::C), false, ema(b1(), S::M, g))
}

/// Adamax: u ← max(β2·u, |g| + ε).
pub(super) fn exp_inf() -> Expr {
    rule(
        i(S::U),
        true,
        row(vec![
            i(S::Max),
            paren(vec![
                b2(),
                o(Op::Dot),
                i(S::U),
                o(Op::Comma),
                i(S::AbsG),
                o(Op::Plus),
                i(S::Eps),
            ]),
        ]),
    )
}

/// RAdam: ρ_k = ρ∞ − 2k·β2ᵏ/(1 − β2ᵏ).
pub(super) fn rho(k: usize) -> Expr {
    rule(
        sub(i(S::Rho), int(k)),
        false,
        row(vec![
            i(S::RhoInf),
            o(Op::Minus),
            frac(
                row(vec![int(2 * k), o(Op::Dot), sup(b2(), int(k))]),
                one_minus_pow(b2(), k),
            ),
        ]),
    )
}

/// RAdam: r_k = √((ρ_k−4)(ρ_k−2)ρ∞ / ((ρ∞−4)(ρ∞−2)ρ_k)) once ρ_k > 5;
/// r_k = 0 in the warm-up (`rectified`: false), where the root is not taken.
pub(super) fn rect(k: usize, rectified: bool) -> Expr {
    let rho_k = || sub(i(S::Rho), int(k));
    if !rectified {
        return rule(sub(i(S::R), int(k)), false, int(0));
    }
    rule(
        sub(i(S::R), int(k)),
        false,
        sqrt(frac(
            row(vec![
                paren(vec![rho_k(), o(Op::Minus), int(4)]),
                paren(vec![rho_k(), o(Op::Minus), int(2)]),
                i(S::RhoInf),
            ]),
            row(vec![
                paren(vec![i(S::RhoInf), o(Op::Minus), int(4)]),
                paren(vec![i(S::RhoInf), o(Op::Minus), int(2)]),
                rho_k(),
            ]),
        )),
    )
}

/// Rprop: Δ ← Δ·η^sign, sign of g_k·g_{k−1}.
pub(super) fn step_size(k: usize) -> Expr {
    rule(
        i(S::Delta),
        true,
        row(vec![
            i(S::Delta),
            o(Op::Dot),
            sup(i(S::Eta), i(S::Sign)),
            o(Op::Comma),
            i(S::Sign),
            paren(vec![
                sub(i(S::G), int(k)),
                o(Op::Dot),
                sub(i(S::G), int(k.saturating_sub(1))),
            ]),
        ]),
    )
}

/// Centered RMSProp: ḡ ← γ·ḡ + (1−γ)·g.
pub(super) fn grad_avg(g: Expr) -> Expr {
    rule(i(S::GBar), true, ema(i(S::Gamma), S::GBar, g))
}

/// RMSProp's momentum: d2l v ← μ·v + η_eff ⊙ g; torch b ← μ·b + g/(√s + ε).
pub(super) fn rms_buffer(d2l: bool, g: Expr) -> Expr {
    if d2l {
        rule(
            i(S::V),
            true,
            row(vec![
                i(S::Mu),
                o(Op::Dot),
                i(S::V),
                o(Op::Plus),
                sub(i(S::Eta), i(S::Eff)),
                o(Op::Hadamard),
                g,
            ]),
        )
    } else {
        rule(
            i(S::B),
            true,
            row(vec![
                i(S::Mu),
                o(Op::Dot),
                i(S::B),
                o(Op::Plus),
                frac(g, row(vec![sqrt(i(S::S)), o(Op::Plus), i(S::Eps)])),
            ]),
        )
    }
}
