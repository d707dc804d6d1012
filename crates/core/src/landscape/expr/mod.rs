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

mod display;
mod dual;
mod error;
mod eval;
mod hyper;
mod lex;
mod minimum;
mod parse;
mod program;
mod tape;

pub use error::{ExprError, ExprProblem, Open};
pub use tape::{Scratch, Separable, Sign, Tape};

use crate::math;
use error::ExprProblem as P;
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

#[cfg(test)]
mod tests;
