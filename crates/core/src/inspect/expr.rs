//! The presentation tree of the printed rules (MathML's shape: rows, sub-
//! and superscripts, fractions, roots) with typed letters and operators;
//! their glyphs are the text layer's.

use crate::Vec2;
use Sym as S;

/// A letter of the rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Sym {
    /// g.
    G,
    /// g̃ (the gradient of the L2-regularized loss).
    GTilde,
    /// v.
    V,
    /// b.
    B,
    /// s.
    S,
    /// m.
    M,
    /// m̂.
    MHat,
    /// v̂.
    VHat,
    /// η.
    Eta,
    /// γ.
    Gamma,
    /// ρ.
    Rho,
    /// β.
    Beta,
    /// ε.
    Eps,
    /// λ.
    Lambda,
    /// ψ.
    Psi,
    /// x.
    X,
    /// f.
    F,
    /// g′.
    GPrime,
    /// Δx.
    DeltaX,
    /// μ.
    Mu,
    /// Π.
    Pi,
    /// max (the function and the subscript of v_max).
    Max,
    /// Adamax's infinity norm u.
    U,
    /// |g|.
    AbsG,
    /// RAdam's ρ∞.
    RhoInf,
    /// RAdam's rectification r.
    R,
    /// Rprop's step size Δ.
    Delta,
    /// Lion's interpolation c.
    C,
    /// The sign function.
    Sign,
    /// SGD's dampening τ.
    Tau,
    /// RMSProp centered's moving average of g, ḡ.
    GBar,
    /// eff (the subscript of η_eff).
    Eff,
    /// The Hessian H (Newton) or L-BFGS's inverse-Hessian approximation H_k.
    H,
    /// L-BFGS's search direction d.
    D,
    /// L-BFGS's step length t.
    T,
    /// L-BFGS's gradient change y = g_k − g_{k−1}.
    Y,
    /// ⊤ (a transpose, as a superscript).
    Transp,
    /// min.
    Min,
    /// ‖g‖₁.
    Norm1G,
    /// n, a count (the line search's evaluations).
    N,
    /// γ as L-BFGS's H_diag (sᵀy/yᵀy).
    HDiag,
    /// solve (torch.linalg.solve).
    Solve,
}

/// An operator or delimiter of the rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Op {
    /// −.
    Minus,
    /// +.
    Plus,
    /// · (a scalar product).
    Dot,
    /// ⊙ (per coordinate).
    Hadamard,
    /// (.
    Open,
    /// ).
    Close,
    /// ,.
    Comma,
    /// ← (an update of a state).
    Assign,
    /// = (a definition).
    Equals,
    /// ∇.
    Nabla,
}

/// A rule, as a small presentation tree (MathML's shape).
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    /// A letter.
    Sym(Sym),
    /// A whole number (1, 2, the step k).
    Int(usize),
    /// A constant (0.96).
    Num(f64),
    /// ½.
    Half,
    /// A numeric vector (x₁, x₂).
    Vec2(Vec2),
    /// An operator.
    Op(Op),
    /// A sequence.
    Row(Vec<Expr>),
    /// base with a subscript.
    Sub(Box<Expr>, Box<Expr>),
    /// base with a superscript.
    Sup(Box<Expr>, Box<Expr>),
    /// numerator over denominator.
    Frac(Box<Expr>, Box<Expr>),
    /// √.
    Sqrt(Box<Expr>),
}

pub(super) fn i(s: Sym) -> Expr {
    Expr::Sym(s)
}
pub(super) fn o(op: Op) -> Expr {
    Expr::Op(op)
}
pub(super) fn int(v: usize) -> Expr {
    Expr::Int(v)
}
pub(super) fn row(v: Vec<Expr>) -> Expr {
    Expr::Row(v)
}
pub(super) fn sub(a: Expr, b: Expr) -> Expr {
    Expr::Sub(Box::new(a), Box::new(b))
}
pub(super) fn sup(a: Expr, b: Expr) -> Expr {
    Expr::Sup(Box::new(a), Box::new(b))
}
pub(super) fn frac(a: Expr, b: Expr) -> Expr {
    Expr::Frac(Box::new(a), Box::new(b))
}
pub(super) fn sqrt(a: Expr) -> Expr {
    Expr::Sqrt(Box::new(a))
}
pub(super) fn paren(v: Vec<Expr>) -> Expr {
    let mut r = vec![o(Op::Open)];
    r.extend(v);
    r.push(o(Op::Close));
    row(r)
}
pub(super) fn b1() -> Expr {
    sub(i(S::Beta), int(1))
}
pub(super) fn b2() -> Expr {
    sub(i(S::Beta), int(2))
}
/// An exponential moving average's right-hand side, β·prev + (1−β)·new.
pub(super) fn ema(beta: Expr, prev: Sym, new: Expr) -> Expr {
    row(vec![
        beta.clone(),
        o(Op::Dot),
        i(prev),
        o(Op::Plus),
        paren(vec![int(1), o(Op::Minus), beta]),
        o(Op::Dot),
        new,
    ])
}
/// 1 − βᵏ with k the step's number.
pub(super) fn one_minus_pow(b: Expr, k: usize) -> Expr {
    row(vec![int(1), o(Op::Minus), sup(b, int(k))])
}
/// √v̂ + ε.
pub(super) fn den_hat() -> Expr {
    row(vec![sqrt(i(S::VHat)), o(Op::Plus), i(S::Eps)])
}
/// `lhs ← rhs` (an update) or `lhs = rhs`.
pub(super) fn rule(lhs: Expr, arrow: bool, rhs: Expr) -> Expr {
    row(vec![
        lhs,
        o(if arrow { Op::Assign } else { Op::Equals }),
        rhs,
    ])
}
