//! A surface the user writes: f(x, y) as a formula, e.g. `0.1*x^2 + 2*y^2`.
//!
//! The language: numbers (`3`, `0.5`, `.5`, `1e-3`, `2.5E+4`), the variables
//! `x` and `y` (also `x1` and `x2`, the seed's names), the constants `pi` and
//! `e`, the operators `+ - * / ^` (also `**` for `^`) with the usual
//! precedence (`^` binds tightest and is right-associative, `-x^2` is
//! `-(x^2)`, `2^-1` is allowed), parentheses, and the functions `sqrt`,
//! `exp`, `ln`, `log` (natural, like `ln`), `sin`, `cos`, `tan`, `tanh`,
//! `abs` of one argument and `min`, `max` of two. What a student types for
//! the same symbols is read too (`×`, `÷`, `x²`, a Chinese input method's
//! `（`, `，`, full-width digits; see `lex`), and errors quote it as typed.
//!
//! Limits: at most [`MAX_LEN`] characters and [`MAX_DEPTH`] levels of
//! nesting (parentheses, function calls, unary minus and powers count). The
//! parser is a hand-written recursive descent whose recursion is bounded by
//! the depth limit, so no input can overflow the stack; nothing is ever
//! evaluated as code.
//!
//! The formula compiles to a short postfix program. The value is evaluated
//! on plain floats; the gradient by forward-mode automatic differentiation
//! on dual numbers (value, ∂/∂x, ∂/∂y), so it is exact up to rounding, not a
//! finite difference. In the chain rule a zero inner derivative contributes
//! zero even when the outer factor is infinite (so `sqrt(x^2 + 1) + y` has a
//! finite ∂/∂x everywhere and `abs(x)` has ∂/∂x = 0 at x = 0). The Hessian
//! runs the same program on second-order dual numbers (value, gradient and
//! the three second derivatives), for Newton's method.

mod dual;
mod error;
mod hyper;
mod lex;
mod minimum;
mod parse;
mod program;
mod tape;

pub use error::{ExprError, ExprProblem, Open};
pub use tape::{Scratch, Separable, Sign, Tape};

use crate::math;
use crate::{Mat2, Vec2};
use dual::Dual;
use error::ExprProblem as P;
use hyper::Hyper;
use lex::lex;
use parse::Parser;

/// The longest formula accepted, in characters.
pub const MAX_LEN: usize = 500;
/// The deepest nesting accepted.
pub const MAX_DEPTH: usize = 32;
/// The deepest evaluation stack a formula may need.
const MAX_STACK: usize = 64;

/// The function names of the language, as written.
pub const FUNCTIONS: [&str; 11] = [
    "sqrt", "exp", "ln", "log", "sin", "cos", "tan", "tanh", "abs", "min", "max",
];

/// A function of the language (`ln` and `log` are one).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Fun {
    /// √u.
    Sqrt,
    /// eᵘ.
    Exp,
    /// The natural logarithm.
    Ln,
    /// sin u.
    Sin,
    /// cos u.
    Cos,
    /// tan u.
    Tan,
    /// tanh u.
    Tanh,
    /// |u|.
    Abs,
    /// min(u, v).
    Min,
    /// max(u, v).
    Max,
}

impl Fun {
    pub(crate) fn by_name(name: &str) -> Option<Fun> {
        Some(match name {
            "sqrt" => Fun::Sqrt,
            "exp" => Fun::Exp,
            "ln" | "log" => Fun::Ln,
            "sin" => Fun::Sin,
            "cos" => Fun::Cos,
            "tan" => Fun::Tan,
            "tanh" => Fun::Tanh,
            "abs" => Fun::Abs,
            "min" => Fun::Min,
            "max" => Fun::Max,
            _ => return None,
        })
    }

    /// Its value at `a` (and `b` for min and max), as a formula computes it.
    pub fn eval(self, a: f64, b: f64) -> f64 {
        match self {
            Fun::Min => min2(a, b).0,
            Fun::Max => max2(a, b).0,
            f => apply1(f, a),
        }
    }

    /// How many arguments it takes (1, or 2 for min and max).
    pub fn arity(self) -> usize {
        match self {
            Fun::Min | Fun::Max => 2,
            _ => 1,
        }
    }
}

/// One instruction of a formula's postfix program ([`Expr::program`]):
/// operands push, operators pop their arguments and push the result.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Op {
    /// A number (`pi` and `e` included, as their values).
    Num(f64),
    /// The variable x.
    X,
    /// The variable y.
    Y,
    /// −u.
    Neg,
    /// u + v.
    Add,
    /// u − v.
    Sub,
    /// u·v.
    Mul,
    /// u / v.
    Div,
    /// uᵛ.
    Pow,
    /// A function of the top one or two values.
    Call(Fun),
}

/// A parsed formula f(x, y), ready to evaluate with its exact gradient.
#[derive(Debug, Clone)]
pub struct Expr {
    src: String,
    code: Vec<Op>,
    /// The same program compiled for the heatmap.
    tape: Tape,
}

impl PartialEq for Expr {
    fn eq(&self, other: &Self) -> bool {
        self.src == other.src
    }
}

/// The superscript digits 0–9.
const SUPERSCRIPTS: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];

impl Expr {
    /// Parse a formula; the error says where and what was expected.
    pub fn parse(src: &str) -> Result<Expr, ExprError> {
        let chars: Vec<char> = src.chars().collect();
        if chars.len() > MAX_LEN {
            return Err(ExprError::new(
                MAX_LEN + 1,
                P::TooLong {
                    len: chars.len(),
                    max: MAX_LEN,
                },
            ));
        }
        let tokens = lex(&chars)?;
        let mut p = Parser {
            tokens: &tokens,
            pos: 0,
            depth: 0,
            code: Vec::new(),
            end_col: chars.len() + 1,
        };
        if tokens.is_empty() {
            return Err(ExprError::new(1, P::Empty));
        }
        p.expr()?;
        if let Some(t) = p.peek() {
            return Err(p.unexpected_after_operand(t));
        }
        let expr = Expr {
            src: src.to_string(),
            tape: Tape::compile(&p.code),
            code: p.code,
        };
        if expr.stack_depth() > MAX_STACK {
            return Err(ExprError::new(1, P::TooComplex { max: MAX_STACK }));
        }
        Ok(expr)
    }

    /// The formula as the user wrote it.
    pub fn source(&self) -> &str {
        &self.src
    }

    /// The formula as written, in the figures' maths: `x` or `x1` as x₁,
    /// `y` or `x2` as x₂, `*` as ·, `-` as −, a whole-number power as
    /// superscript digits, full-width keys as their ASCII
    /// (`0.1*(x-3)^2 + 2*y^2` is `0.1·(x₁ − 3)² + 2·x₂²`, as the lessons'
    /// captions write it). Spacing is the user's; the text pastes back.
    pub fn display(&self) -> String {
        let chars: Vec<char> = self.src.chars().collect();
        let Ok(tokens) = lex(&chars) else {
            return self.src.clone();
        };
        let ascii = |t: &str| -> String { t.chars().map(crate::format::typed_ascii).collect() };
        let (mut out, mut at) = (String::new(), 0);
        let mut i = 0;
        // A binary + or − is written with a space each side, whatever was
        // typed (`x-3` as `x − 3`, as the captions write it); a unary one
        // (`-x`, `2^-1`) as typed.
        let mut spaced = false;
        while let Some(t) = tokens.get(i) {
            let start = t.col - 1;
            // Between tokens: spaces (a full-width one as a plain one).
            if !spaced {
                out.extend(
                    chars[at..start]
                        .iter()
                        .map(|&c| crate::format::typed_ascii(c)),
                );
            }
            spaced = false;
            let binary = matches!(t.tok, lex::Tok::Plus | lex::Tok::Minus)
                && i > 0
                && matches!(
                    tokens[i - 1].tok,
                    lex::Tok::Num(_) | lex::Tok::Name(_) | lex::Tok::RParen
                );
            at = start + t.typed.chars().count();
            if binary {
                out.truncate(out.trim_end().len());
                out.push_str(if t.tok == lex::Tok::Plus {
                    " + "
                } else {
                    " − "
                });
                spaced = true;
                i += 1;
                continue;
            }
            match &t.tok {
                lex::Tok::Name(n) => out.push_str(match n.as_str() {
                    "x" | "x1" => "x₁",
                    "y" | "x2" => "x₂",
                    other => other,
                }),
                lex::Tok::Num(_) => out.push_str(&ascii(&t.typed)),
                lex::Tok::Plus => out.push('+'),
                lex::Tok::Minus => out.push('−'),
                lex::Tok::Star => out.push('·'),
                lex::Tok::Slash => out.push('/'),
                lex::Tok::LParen => out.push('('),
                lex::Tok::RParen => out.push(')'),
                lex::Tok::Comma => out.push(','),
                lex::Tok::Caret => {
                    let next = tokens.get(i + 1);
                    // Typed as superscripts: the caret and its exponent are
                    // one run of characters, kept.
                    if next.is_some_and(|n| n.col == t.col) {
                        out.push_str(&t.typed);
                        i += 2;
                        continue;
                    }
                    let digits = next
                        .filter(|n| n.col - 1 == at)
                        .map(|n| ascii(&n.typed))
                        .filter(|d| {
                            !d.is_empty() && d.len() <= 3 && d.bytes().all(|b| b.is_ascii_digit())
                        });
                    match (next, digits) {
                        (Some(n), Some(d)) => {
                            out.extend(d.bytes().map(|b| SUPERSCRIPTS[usize::from(b - b'0')]));
                            at = n.col - 1 + n.typed.chars().count();
                            i += 2;
                            continue;
                        }
                        _ => out.push('^'),
                    }
                }
            }
            i += 1;
        }
        out.extend(
            chars[at.min(chars.len())..]
                .iter()
                .map(|&c| crate::format::typed_ascii(c)),
        );
        out
    }

    /// The formula compiled for the heatmap (whole rows at a time; the same
    /// values as [`Expr::value`]).
    pub fn tape(&self) -> &Tape {
        &self.tape
    }

    /// The parsed formula as its postfix program, for code that writes the
    /// same function in another language (the PyTorch script).
    pub fn program(&self) -> &[Op] {
        &self.code
    }

    /// Whether the formula mentions x (or y).
    pub fn uses(&self) -> (bool, bool) {
        (self.code.contains(&Op::X), self.code.contains(&Op::Y))
    }

    fn stack_depth(&self) -> usize {
        let (mut d, mut max) = (0usize, 0usize);
        for op in &self.code {
            match op {
                Op::Num(_) | Op::X | Op::Y => d += 1,
                Op::Neg => {}
                Op::Call(f) => d = d + 1 - f.arity(),
                _ => d -= 1,
            }
            max = max.max(d);
        }
        max
    }

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

/// min with NaN propagated; `.1` is whether the first argument was chosen
/// (ties go to the first).
fn min2(a: f64, b: f64) -> (f64, bool) {
    if a.is_nan() || b.is_nan() {
        (f64::NAN, true)
    } else if a <= b {
        (a, true)
    } else {
        (b, false)
    }
}

fn max2(a: f64, b: f64) -> (f64, bool) {
    if a.is_nan() || b.is_nan() {
        (f64::NAN, true)
    } else if a >= b {
        (a, true)
    } else {
        (b, false)
    }
}

fn apply1(f: Fun, u: f64) -> f64 {
    match f {
        Fun::Sqrt => libm::sqrt(u),
        Fun::Exp => libm::exp(u),
        Fun::Ln => math::ln(u),
        Fun::Sin => math::sin(u),
        Fun::Cos => math::cos(u),
        Fun::Tan => libm::tan(u),
        Fun::Tanh => libm::tanh(u),
        Fun::Abs => u.abs(),
        Fun::Min | Fun::Max => unreachable!("two-argument functions are applied in value()"),
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

#[cfg(test)]
mod tests;
