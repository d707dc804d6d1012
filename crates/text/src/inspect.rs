//! The state inspector in words and symbols: each quantity's name (from the
//! `state` table), the glyphs of the rules' letters and operators, and the
//! panel's number format.

use crate::{tr, Lang};
use gradscape_core::inspect::{Op, Quantity, Sym};

/// The table key of a quantity's name.
fn row_key(q: Quantity) -> &'static str {
    match q {
        Quantity::Grad => "row.g",
        Quantity::GradL2 => "row.g_l2",
        Quantity::Velocity => "row.v",
        Quantity::Buffer => "row.b",
        Quantity::SumSq => "row.s_sum",
        Quantity::EmaSq => "row.s_ema",
        Quantity::M => "row.m",
        Quantity::V => "row.v2",
        Quantity::VMax => "row.v_max",
        Quantity::MHat => "row.m_hat",
        Quantity::VHat => "row.v_hat",
        Quantity::Mu => "row.mu",
        Quantity::MuNext => "row.mu_next",
        Quantity::Rate => "row.rate",
        Quantity::GPrime => "row.g_prime",
        Quantity::DeltaAcc => "row.dx_acc",
        Quantity::ExpInf => "row.u",
        Quantity::Rho => "row.rho",
        Quantity::Rect => "row.rect",
        Quantity::StepSize => "row.step_size",
        Quantity::Interp => "row.interp",
        Quantity::GradAvg => "row.g_bar",
        Quantity::RmsBuffer => "row.rms_b",
        Quantity::HessRow1 => "row.hess1",
        Quantity::HessRow2 => "row.hess2",
        Quantity::NewtonDir => "row.newton_dir",
        Quantity::Direction => "row.direction",
        Quantity::HDiag => "row.h_diag",
        Quantity::StepLength => "row.step_length",
        Quantity::Evals => "row.evals",
        Quantity::Decay => "row.decay",
        Quantity::Gd => "row.gd",
        Quantity::Step => "row.step",
    }
}

/// What a row of the inspector's table is, in `lang`.
pub fn row_name(lang: Lang, q: Quantity) -> &'static str {
    tr(lang, row_key(q))
}

/// [`row_name`] for a run with bias correction on or off: with it off,
/// m̂ and v̂ are m and v as the step uses them, not corrected ones.
pub fn row_name_corrected(lang: Lang, q: Quantity, corrected: bool) -> &'static str {
    match q {
        Quantity::MHat if !corrected => tr(lang, "row.m_hat.off"),
        Quantity::VHat if !corrected => tr(lang, "row.v_hat.off"),
        _ => row_name(lang, q),
    }
}

/// A letter: its base glyph and the accent over it, if any (the same in
/// both languages).
pub fn glyph(s: Sym) -> (&'static str, Option<&'static str>) {
    const HAT: Option<&str> = Some("\u{2c6}");
    match s {
        Sym::G => ("g", None),
        Sym::GTilde => ("g", Some("\u{2dc}")),
        Sym::V => ("v", None),
        Sym::B => ("b", None),
        Sym::S => ("s", None),
        Sym::M => ("m", None),
        Sym::MHat => ("m", HAT),
        Sym::VHat => ("v", HAT),
        Sym::Eta => ("η", None),
        Sym::Gamma => ("γ", None),
        Sym::Rho => ("ρ", None),
        Sym::Beta => ("β", None),
        Sym::Eps => ("ε", None),
        Sym::Lambda => ("λ", None),
        Sym::Psi => ("ψ", None),
        Sym::X => ("x", None),
        Sym::F => ("f", None),
        Sym::GPrime => ("g′", None),
        Sym::DeltaX => ("Δx", None),
        Sym::Mu => ("μ", None),
        Sym::Pi => ("Π", None),
        Sym::Max => ("max", None),
        Sym::Eff => ("eff", None),
        Sym::U => ("u", None),
        Sym::AbsG => ("|g|", None),
        Sym::RhoInf => ("ρ∞", None),
        Sym::R => ("r", None),
        Sym::Delta => ("Δ", None),
        Sym::C => ("c", None),
        Sym::Sign => ("sign", None),
        Sym::Tau => ("τ", None),
        Sym::GBar => ("g", Some("\u{af}")),
        Sym::H => ("H", None),
        Sym::D => ("d", None),
        Sym::T => ("t", None),
        Sym::Y => ("y", None),
        Sym::Transp => ("⊤", None),
        Sym::Min => ("min", None),
        Sym::Norm1G => ("‖g‖₁", None),
        Sym::N => ("n", None),
        Sym::HDiag => ("γ", None),
        Sym::Solve => ("solve", None),
    }
}

/// An operator's glyph.
pub fn op(o: Op) -> &'static str {
    match o {
        Op::Minus => "−",
        Op::Plus => "+",
        Op::Dot => "·",
        Op::Hadamard => "⊙",
        Op::Open => "(",
        Op::Close => ")",
        Op::Comma => ",",
        Op::Assign => "←",
        Op::Equals => "=",
        Op::Nabla => "∇",
    }
}

/// The name of coordinate 0 or 1.
pub fn coord(i: usize) -> &'static str {
    if i == 0 {
        "x₁"
    } else {
        "x₂"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_quantity_has_a_name_in_both_languages() {
        use Quantity::*;
        for q in [
            Grad, GradL2, Velocity, Buffer, SumSq, EmaSq, M, V, VMax, MHat, VHat, Mu, MuNext, Rate,
            GPrime, DeltaAcc, Decay, Gd, Step, ExpInf, Rho, Rect, StepSize, Interp, HessRow1,
            HessRow2, NewtonDir, Direction, HDiag, StepLength, Evals,
        ] {
            for lang in [Lang::En, Lang::Zh] {
                assert_ne!(row_name(lang, q), row_key(q), "{q:?} {lang:?}");
            }
        }
    }

    #[test]
    fn numbers_have_four_digits_and_a_true_minus() {
        assert_eq!(gradscape_core::format::readout(-0.123456), "−0.1235");
        assert_eq!(gradscape_core::format::readout(1e-7), "1e−7");
        assert_eq!(gradscape_core::format::readout(f64::NAN), "—");
        assert_eq!(gradscape_core::format::readout(0.96), "0.96");
    }
}
