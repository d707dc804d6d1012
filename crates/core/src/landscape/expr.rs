//! A surface the user writes: f(x, y) as a formula, e.g. `0.1*x^2 + 2*y^2`.
//!
//! The language: numbers (`3`, `0.5`, `.5`, `1e-3`, `2.5E+4`), the variables
//! `x` and `y` (also `x1` and `x2`, the seed's names), the constants `pi` and
//! `e`, the operators `+ - * / ^` (also `**` for `^`) with the usual
//! precedence (`^` binds tightest and is right-associative, `-x^2` is
//! `-(x^2)`, `2^-1` is allowed), parentheses, and the functions `sqrt`,
//! `exp`, `ln`, `log` (natural, like `ln`), `sin`, `cos`, `tan`, `tanh`,
//! `abs` of one argument and `min`, `max` of two.
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
//! finite ∂/∂x everywhere and `abs(x)` has ∂/∂x = 0 at x = 0).

use crate::math;
use crate::msg::Msg;
use crate::Vec2;

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

/// A formula that did not parse: where (1-based column, in characters) and
/// what was wrong or expected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExprError {
    /// 1-based character column of the problem.
    pub column: usize,
    /// What was wrong, or what was expected there: a message of the `expr`
    /// table (`gradscape_text::expr_error` words it).
    pub msg: Msg,
}

impl ExprError {
    fn new(column: usize, key: &'static str, args: &[String]) -> ExprError {
        ExprError {
            column,
            msg: Msg::new(key, args),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Fun {
    Sqrt,
    Exp,
    Ln,
    Sin,
    Cos,
    Tan,
    Tanh,
    Abs,
    Min,
    Max,
}

impl Fun {
    fn by_name(name: &str) -> Option<Fun> {
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

    fn arity(self) -> usize {
        match self {
            Fun::Min | Fun::Max => 2,
            _ => 1,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Op {
    Num(f64),
    X,
    Y,
    Neg,
    Add,
    Sub,
    Mul,
    Div,
    Pow,
    Call(Fun),
}

/// A parsed formula f(x, y), ready to evaluate with its exact gradient.
#[derive(Debug, Clone)]
pub struct Expr {
    src: String,
    code: Vec<Op>,
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
                "expr.too-long",
                &[chars.len().to_string(), MAX_LEN.to_string()],
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
            return Err(ExprError::new(1, "expr.empty", &[]));
        }
        p.expr()?;
        if let Some(t) = p.peek() {
            return Err(p.unexpected_after_operand(t));
        }
        let expr = Expr {
            src: src.to_string(),
            code: p.code,
        };
        if expr.stack_depth() > MAX_STACK {
            return Err(ExprError::new(
                1,
                "expr.too-complex",
                &[MAX_STACK.to_string()],
            ));
        }
        Ok(expr)
    }

    /// The formula as the user wrote it.
    pub fn source(&self) -> &str {
        &self.src
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
        let mut st = [Dual::default(); MAX_STACK];
        let mut n = 0usize;
        for op in &self.code {
            match *op {
                Op::Num(c) => {
                    st[n] = Dual::c(c);
                    n += 1;
                }
                Op::X => {
                    st[n] = Dual {
                        v: p[0],
                        d: [1.0, 0.0],
                    };
                    n += 1;
                }
                Op::Y => {
                    st[n] = Dual {
                        v: p[1],
                        d: [0.0, 1.0],
                    };
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
                        Op::Call(Fun::Min) => if min2(a.v, b.v).1 { a } else { b }.nan_if(a.v, b.v),
                        Op::Call(_) => if max2(a.v, b.v).1 { a } else { b }.nan_if(a.v, b.v),
                        _ => unreachable!("operands are pushed above"),
                    };
                }
            }
        }
        (st[0].v, st[0].d)
    }

    /// ∇f(p).
    pub fn grad(&self, p: Vec2) -> Vec2 {
        self.value_grad(p).1
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

/// A value with its two partial derivatives.
#[derive(Debug, Clone, Copy, Default)]
struct Dual {
    v: f64,
    d: [f64; 2],
}

/// k·d, where a zero d stays zero even for an infinite or NaN k (the chain
/// rule through a constant inner part).
fn scale(k: f64, d: [f64; 2]) -> [f64; 2] {
    let m = |x: f64| if x == 0.0 { 0.0 } else { k * x };
    [m(d[0]), m(d[1])]
}

fn plus(a: [f64; 2], b: [f64; 2]) -> [f64; 2] {
    [a[0] + b[0], a[1] + b[1]]
}

impl Dual {
    fn c(v: f64) -> Dual {
        Dual { v, d: [0.0, 0.0] }
    }

    fn is_const(&self) -> bool {
        self.d == [0.0, 0.0]
    }

    fn neg(self) -> Dual {
        Dual {
            v: -self.v,
            d: [-self.d[0], -self.d[1]],
        }
    }

    fn add(self, b: Dual) -> Dual {
        Dual {
            v: self.v + b.v,
            d: plus(self.d, b.d),
        }
    }

    fn mul(self, b: Dual) -> Dual {
        Dual {
            v: self.v * b.v,
            d: plus(scale(b.v, self.d), scale(self.v, b.d)),
        }
    }

    fn div(self, b: Dual) -> Dual {
        // (u/w)' = u'/w − u·w'/w²
        let q = self.v / b.v;
        Dual {
            v: q,
            d: plus(scale(1.0 / b.v, self.d), scale(-q / b.v, b.d)),
        }
    }

    fn pow(self, w: Dual) -> Dual {
        let v = math::pow(self.v, w.v);
        if w.is_const() {
            // (u^c)' = c·u^(c−1)·u'
            let k = if w.v == 0.0 {
                0.0
            } else {
                w.v * math::pow(self.v, w.v - 1.0)
            };
            return Dual {
                v,
                d: scale(k, self.d),
            };
        }
        // (u^w)' = u^w·(w'·ln u + w·u'/u)
        let inner = plus(scale(math::ln(self.v), w.d), scale(w.v / self.v, self.d));
        Dual {
            v,
            d: scale(v, inner),
        }
    }

    fn apply(self, f: Fun) -> Dual {
        let u = self.v;
        let (v, k) = match f {
            Fun::Sqrt => {
                let s = libm::sqrt(u);
                (s, 0.5 / s)
            }
            Fun::Exp => {
                let e = libm::exp(u);
                (e, e)
            }
            Fun::Ln => (math::ln(u), 1.0 / u),
            Fun::Sin => (math::sin(u), math::cos(u)),
            Fun::Cos => (math::cos(u), -math::sin(u)),
            Fun::Tan => {
                let t = libm::tan(u);
                (t, 1.0 + t * t)
            }
            Fun::Tanh => {
                let t = libm::tanh(u);
                (t, 1.0 - t * t)
            }
            Fun::Abs => (
                u.abs(),
                if u > 0.0 {
                    1.0
                } else if u < 0.0 {
                    -1.0
                } else if u == 0.0 {
                    0.0
                } else {
                    f64::NAN
                },
            ),
            Fun::Min | Fun::Max => {
                unreachable!("two-argument functions are applied in value_grad()")
            }
        };
        Dual {
            v,
            d: scale(k, self.d),
        }
    }

    fn nan_if(self, a: f64, b: f64) -> Dual {
        if a.is_nan() || b.is_nan() {
            Dual {
                v: f64::NAN,
                d: [f64::NAN, f64::NAN],
            }
        } else {
            self
        }
    }
}

// ---- lexer ---------------------------------------------------------------

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Num(f64),
    Name(String),
    Plus,
    Minus,
    Star,
    Slash,
    Caret,
    LParen,
    RParen,
    Comma,
}

impl Tok {
    fn describe(&self) -> String {
        match self {
            Tok::Num(x) => format!("{x}"),
            Tok::Name(n) => format!("'{n}'"),
            Tok::Plus => "'+'".into(),
            Tok::Minus => "'-'".into(),
            Tok::Star => "'*'".into(),
            Tok::Slash => "'/'".into(),
            Tok::Caret => "'^'".into(),
            Tok::LParen => "'('".into(),
            Tok::RParen => "')'".into(),
            Tok::Comma => "','".into(),
        }
    }
}

/// A token and its 1-based column.
type Spanned = (Tok, usize);

fn lex(c: &[char]) -> Result<Vec<Spanned>, ExprError> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < c.len() {
        let col = i + 1;
        let ch = c[i];
        if ch.is_whitespace() {
            i += 1;
            continue;
        }
        let tok = match ch {
            '+' => Tok::Plus,
            '-' | '−' => Tok::Minus,
            '*' if c.get(i + 1) == Some(&'*') => {
                i += 1;
                Tok::Caret
            }
            '*' | '·' | '×' => Tok::Star,
            '/' => Tok::Slash,
            '^' => Tok::Caret,
            '(' => Tok::LParen,
            ')' => Tok::RParen,
            ',' => Tok::Comma,
            '0'..='9' | '.' => {
                let (x, next) = number(c, i)?;
                out.push((Tok::Num(x), col));
                i = next;
                continue;
            }
            ch if ch.is_ascii_alphabetic() || ch == '_' => {
                let start = i;
                while i < c.len() && (c[i].is_ascii_alphanumeric() || c[i] == '_') {
                    i += 1;
                }
                let name: String = c[start..i].iter().collect();
                out.push((Tok::Name(name), col));
                continue;
            }
            ch => return Err(ExprError::new(col, "expr.bad-char", &[ch.to_string()])),
        };
        out.push((tok, col));
        i += 1;
    }
    Ok(out)
}

/// A decimal number with an optional exponent, starting at c[i].
fn number(c: &[char], start: usize) -> Result<(f64, usize), ExprError> {
    let mut i = start;
    let digits = |i: &mut usize| {
        let s = *i;
        while *i < c.len() && c[*i].is_ascii_digit() {
            *i += 1;
        }
        *i - s
    };
    let int = digits(&mut i);
    let mut frac = 0;
    if i < c.len() && c[i] == '.' {
        i += 1;
        frac = digits(&mut i);
    }
    if int + frac == 0 {
        return Err(ExprError::new(start + 1, "expr.digit", &[]));
    }
    if i < c.len() && (c[i] == 'e' || c[i] == 'E') {
        // An exponent only if digits follow (so `2e` is 2·e? no: an error).
        let mut j = i + 1;
        if j < c.len() && (c[j] == '+' || c[j] == '-') {
            j += 1;
        }
        let exp_start = j;
        let n = digits(&mut j);
        if n == 0 {
            return Err(ExprError::new(exp_start + 1, "expr.exponent", &[]));
        }
        i = j;
    }
    if i < c.len() && c[i] == '.' {
        return Err(ExprError::new(i + 1, "expr.two-dots", &[]));
    }
    let text: String = c[start..i].iter().collect();
    match text.parse::<f64>() {
        Ok(x) if x.is_finite() => Ok((x, i)),
        _ => Err(ExprError::new(start + 1, "expr.too-large", &[text])),
    }
}

// ---- parser --------------------------------------------------------------

struct Parser<'a> {
    tokens: &'a [Spanned],
    pos: usize,
    depth: usize,
    code: Vec<Op>,
    end_col: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<&Spanned> {
        self.tokens.get(self.pos)
    }

    fn col(&self) -> usize {
        self.peek().map(|t| t.1).unwrap_or(self.end_col)
    }

    fn enter(&mut self) -> Result<(), ExprError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(ExprError::new(
                self.col(),
                "expr.too-deep",
                &[MAX_DEPTH.to_string()],
            ));
        }
        Ok(())
    }

    fn leave(&mut self) {
        self.depth -= 1;
    }

    /// The error for a token that follows a complete operand.
    fn unexpected_after_operand(&self, t: &Spanned) -> ExprError {
        match &t.0 {
            Tok::RParen => ExprError::new(t.1, "expr.unmatched", &[]),
            Tok::Num(_) | Tok::Name(_) | Tok::LParen => {
                ExprError::new(t.1, "expr.implicit", &[t.0.describe()])
            }
            Tok::Comma => ExprError::new(t.1, "expr.comma", &[]),
            other => ExprError::new(t.1, "expr.unexpected", &[other.describe()]),
        }
    }

    // expr := term (('+' | '-') term)*
    fn expr(&mut self) -> Result<(), ExprError> {
        self.enter()?;
        self.term()?;
        while let Some((t @ (Tok::Plus | Tok::Minus), _)) = self.peek() {
            let op = if *t == Tok::Plus { Op::Add } else { Op::Sub };
            self.pos += 1;
            self.term()?;
            self.code.push(op);
        }
        self.leave();
        Ok(())
    }

    // term := unary (('*' | '/') unary)*
    fn term(&mut self) -> Result<(), ExprError> {
        self.unary()?;
        while let Some((t @ (Tok::Star | Tok::Slash), _)) = self.peek() {
            let op = if *t == Tok::Star { Op::Mul } else { Op::Div };
            self.pos += 1;
            self.unary()?;
            self.code.push(op);
        }
        Ok(())
    }

    // unary := '-' unary | power
    fn unary(&mut self) -> Result<(), ExprError> {
        if let Some((Tok::Minus, _)) = self.peek() {
            self.pos += 1;
            self.enter()?;
            self.unary()?;
            self.leave();
            self.code.push(Op::Neg);
            return Ok(());
        }
        self.power()
    }

    // power := atom ('^' unary)?      (right-associative: a^b^c = a^(b^c))
    fn power(&mut self) -> Result<(), ExprError> {
        self.atom()?;
        if let Some((Tok::Caret, _)) = self.peek() {
            self.pos += 1;
            self.enter()?;
            self.unary()?;
            self.leave();
            self.code.push(Op::Pow);
        }
        Ok(())
    }

    fn atom(&mut self) -> Result<(), ExprError> {
        let Some((tok, col)) = self.peek().cloned() else {
            return Err(ExprError::new(self.end_col, "expr.ends", &[]));
        };
        self.pos += 1;
        match tok {
            Tok::Num(x) => self.code.push(Op::Num(x)),
            Tok::LParen => {
                self.expr()?;
                self.close(col, "'('")?;
            }
            Tok::Name(name) => self.name(&name, col)?,
            Tok::Plus => return Err(ExprError::new(col, "expr.plus", &[])),
            other => return Err(ExprError::new(col, "expr.found", &[other.describe()])),
        }
        Ok(())
    }

    fn close(&mut self, open_col: usize, what: &str) -> Result<(), ExprError> {
        match self.peek() {
            Some((Tok::RParen, _)) => {
                self.pos += 1;
                Ok(())
            }
            Some(t) if matches!(t.0, Tok::Num(_) | Tok::Name(_) | Tok::LParen) => {
                Err(self.unexpected_after_operand(t))
            }
            Some((t, c)) => Err(ExprError::new(
                *c,
                "expr.close-found",
                &[what.to_string(), open_col.to_string(), t.describe()],
            )),
            None => Err(ExprError::new(
                self.end_col,
                "expr.close-missing",
                &[what.to_string(), open_col.to_string()],
            )),
        }
    }

    fn name(&mut self, name: &str, col: usize) -> Result<(), ExprError> {
        match name {
            "x" | "x1" => self.code.push(Op::X),
            "y" | "x2" => self.code.push(Op::Y),
            "pi" => self.code.push(Op::Num(std::f64::consts::PI)),
            "e" => self.code.push(Op::Num(std::f64::consts::E)),
            _ => {
                let Some(f) = Fun::by_name(name) else {
                    return Err(ExprError::new(
                        col,
                        "expr.unknown",
                        &[name.to_string(), FUNCTIONS.join(", ")],
                    ));
                };
                match self.peek() {
                    Some((Tok::LParen, _)) => self.pos += 1,
                    _ => {
                        return Err(ExprError::new(
                            self.col(),
                            "expr.paren",
                            &[name.to_string()],
                        ))
                    }
                }
                let open = self.tokens[self.pos - 1].1;
                self.expr()?;
                let mut args = 1;
                while let Some((Tok::Comma, _)) = self.peek() {
                    if args == f.arity() {
                        let c = self.col();
                        return Err(arity_error(c, name, f.arity(), args + 1));
                    }
                    self.pos += 1;
                    self.expr()?;
                    args += 1;
                }
                if args < f.arity() {
                    return Err(arity_error(self.col(), name, f.arity(), args));
                }
                self.close(open, &format!("{name}("))?;
                self.code.push(Op::Call(f));
            }
        }
        Ok(())
    }
}

fn arity_error(column: usize, name: &str, want: usize, got: usize) -> ExprError {
    let key = match (want, got > want) {
        (1, _) => "expr.arity1",
        (_, false) => "expr.arity2",
        (_, true) => "expr.arity2-more",
    };
    ExprError::new(column, key, &[name.to_string(), got.to_string()])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(src: &str, p: Vec2) -> f64 {
        Expr::parse(src).unwrap().value(p)
    }

    fn err(src: &str) -> ExprError {
        Expr::parse(src).unwrap_err()
    }

    #[test]
    fn precedence_and_associativity() {
        assert_eq!(f("1 + 2*3", [0.0, 0.0]), 7.0);
        assert_eq!(f("-x^2", [3.0, 0.0]), -9.0);
        assert_eq!(f("2^3^2", [0.0, 0.0]), 512.0);
        assert_eq!(f("2^-1", [0.0, 0.0]), 0.5);
        assert_eq!(f("8/4/2", [0.0, 0.0]), 1.0);
        assert_eq!(f("10 - 4 - 3", [0.0, 0.0]), 3.0);
        assert_eq!(f("x**2", [3.0, 0.0]), 9.0);
        assert_eq!(f("x1 - x2", [3.0, 1.0]), 2.0);
        assert_eq!(f("--x", [3.0, 0.0]), 3.0);
    }

    #[test]
    fn errors_have_columns() {
        assert_eq!(err("x + ").column, 5);
        assert_eq!(err("(x + y").column, 7);
        assert_eq!(err("2x").column, 2);
        assert_eq!(err("x + foo").column, 5);
        assert_eq!(err("sin x").column, 5);
        assert_eq!(err("x $ y").column, 3);
        assert_eq!(err("min(x)").column, 6);
        assert_eq!(err("1e").column, 3);
    }
}
