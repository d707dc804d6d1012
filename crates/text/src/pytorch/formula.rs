//! A user's formula as a Python expression on torch tensors, written from
//! the core's parsed program ([`Expr::program`]), never from its text.
//!
//! Parentheses keep the core's order of evaluation: the right operand of an
//! operator of the same precedence is always parenthesized (`a - (b - c)`,
//! and `a + (b + c)` too, since floating-point addition is not associative),
//! and a power's base is parenthesized unless it is a name or a call.
//! Parts without x or y stay Python floats (`math.sin(2.0)`), so that torch
//! is only asked about tensors.

use gradscape_core::landscape::{Expr, Fun, Op};
use gradscape_core::math;

/// Precedence of what an operand's text is: how tightly it binds.
const SUM: u8 = 1;
const PRODUCT: u8 = 2;
const NEGATION: u8 = 3;
const POWER: u8 = 4;
const ATOM: u8 = 5;

/// One operand on the translation stack: its text, its precedence, and
/// whether it depends on x or y (a tensor) or is a constant (a float, whose
/// value is kept).
struct Term {
    text: String,
    prec: u8,
    tensor: bool,
    value: f64,
}

impl Term {
    /// A constant part whose value is not finite: Python would raise where
    /// the core gets ±∞ or NaN (`1/0`, `ln(0)`, `exp(1000)`), so the script
    /// says the value instead.
    fn settle(mut self) -> Term {
        if !self.tensor && !self.value.is_finite() {
            let (text, prec) = if self.value.is_nan() {
                ("math.nan", ATOM)
            } else if self.value > 0.0 {
                ("math.inf", ATOM)
            } else {
                ("-math.inf", NEGATION)
            };
            self.text = text.into();
            self.prec = prec;
        }
        self
    }
}

/// A Python number literal that reads back as exactly `v` (Rust's shortest
/// round-trip form, which Python parses alike).
pub fn number(v: f64) -> String {
    let s = format!("{v:?}");
    if s.contains(['.', 'e', 'E', 'i', 'N']) {
        s
    } else {
        format!("{s}.0")
    }
}

/// A formula's number: whole numbers as Python ints (`x**2`, `2 * y`,
/// what a person writes; Python's `/` divides ints as floats), others as
/// [`number`].
fn literal(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        number(v)
    }
}

fn wrap(t: &Term, min: u8) -> String {
    if t.prec < min {
        format!("({})", t.text)
    } else {
        t.text.clone()
    }
}

fn func(f: Fun, tensor: bool) -> &'static str {
    match (f, tensor) {
        (Fun::Sqrt, true) => "torch.sqrt",
        (Fun::Sqrt, false) => "math.sqrt",
        (Fun::Exp, true) => "torch.exp",
        (Fun::Exp, false) => "math.exp",
        (Fun::Ln, true) => "torch.log",
        (Fun::Ln, false) => "math.log",
        (Fun::Sin, true) => "torch.sin",
        (Fun::Sin, false) => "math.sin",
        (Fun::Cos, true) => "torch.cos",
        (Fun::Cos, false) => "math.cos",
        (Fun::Tan, true) => "torch.tan",
        (Fun::Tan, false) => "math.tan",
        (Fun::Tanh, true) => "torch.tanh",
        (Fun::Tanh, false) => "math.tanh",
        (Fun::Abs, true) => "torch.abs",
        (Fun::Abs, false) => "abs",
        // gradscape's own (the script defines them: `TIE_HELPERS`).
        (Fun::Min, true) => "minimum",
        (Fun::Min, false) => "min",
        (Fun::Max, true) => "maximum",
        (Fun::Max, false) => "max",
    }
}

/// `minimum` and `maximum` as gradscape takes them, for a formula's
/// script: at a tie the first argument and all of its gradient (torch's
/// own split a tie's gradient in halves: `max(x, y)` from (1, 1) moved to
/// (0.5, 0.5) where gradscape went to (0, 1)), NaN if either is.
pub const TIE_HELPERS: [(&str, &str); 2] = [
    (
        "minimum(",
        "def minimum(a, b):\n    return torch.where((a <= b) | torch.isnan(a), a, b)",
    ),
    (
        "maximum(",
        "def maximum(a, b):\n    return torch.where((a >= b) | torch.isnan(a), a, b)",
    ),
];

/// The formula as one Python expression in `x` and `y` (torch tensors).
pub fn python(expr: &Expr) -> String {
    let mut st: Vec<Term> = Vec::new();
    for op in expr.program() {
        let t = match *op {
            Op::Num(c) => Term {
                text: literal(c),
                prec: if c < 0.0 { NEGATION } else { ATOM },
                tensor: false,
                value: c,
            },
            Op::X | Op::Y => Term {
                text: if *op == Op::X { "x" } else { "y" }.into(),
                prec: ATOM,
                tensor: true,
                value: 0.0,
            },
            Op::Neg => {
                let Some(a) = st.pop() else { break };
                Term {
                    text: format!("-{}", wrap(&a, NEGATION + 1)),
                    prec: NEGATION,
                    tensor: a.tensor,
                    value: -a.value,
                }
            }
            Op::Call(f) if f.arity() == 1 => {
                let Some(a) = st.pop() else { break };
                Term {
                    text: format!("{}({})", func(f, a.tensor), a.text),
                    prec: ATOM,
                    tensor: a.tensor,
                    value: f.eval(a.value, 0.0),
                }
            }
            op => {
                let (Some(b), Some(a)) = (st.pop(), st.pop()) else {
                    break;
                };
                let tensor = a.tensor || b.tensor;
                match op {
                    Op::Call(f) => {
                        // torch.minimum wants tensors on both sides.
                        let arg = |t: &Term| {
                            if tensor && !t.tensor {
                                format!("torch.tensor({})", t.text)
                            } else {
                                t.text.clone()
                            }
                        };
                        Term {
                            text: format!("{}({}, {})", func(f, tensor), arg(&a), arg(&b)),
                            prec: ATOM,
                            tensor,
                            value: f.eval(a.value, b.value),
                        }
                    }
                    Op::Pow => Term {
                        // Python's ** binds tighter than a unary minus on its
                        // left and is right-associative, as the language's ^.
                        text: format!("{}**{}", wrap(&a, ATOM), wrap(&b, POWER)),
                        prec: POWER,
                        tensor,
                        value: math::pow(a.value, b.value),
                    },
                    _ => {
                        let (sym, prec, value) = match op {
                            Op::Add => ("+", SUM, a.value + b.value),
                            Op::Sub => ("-", SUM, a.value - b.value),
                            Op::Mul => ("*", PRODUCT, a.value * b.value),
                            _ => ("/", PRODUCT, a.value / b.value),
                        };
                        Term {
                            text: format!("{} {sym} {}", wrap(&a, prec), wrap(&b, prec + 1)),
                            prec,
                            tensor,
                            value,
                        }
                    }
                }
            }
        };
        st.push(t.settle());
    }
    match st.pop() {
        // A constant formula: a tensor, so that autograd has a graph
        // (its gradient is zero).
        Some(t) if !t.tensor => format!("{} + 0.0 * (x + y)", wrap(&t, SUM + 1)),
        Some(t) => t.text,
        None => "0.0 * (x + y)".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn py(src: &str) -> String {
        python(&Expr::parse(src).expect("parses"))
    }

    #[test]
    fn operators_keep_the_core_order_and_precedence() {
        assert_eq!(py("0.1*x^2 + 2*y^2"), "0.1 * x**2 + 2 * y**2");
        assert_eq!(py("-x^2"), "-x**2");
        assert_eq!(py("(-x)^2"), "(-x)**2");
        assert_eq!(py("--x"), "-(-x)");
        assert_eq!(py("x - (y - 1)"), "x - (y - 1)");
        assert_eq!(py("x - y - 1"), "x - y - 1");
        assert_eq!(py("x + (y + 1)"), "x + (y + 1)");
        assert_eq!(py("2^x^y"), "2**x**y");
        assert_eq!(py("(2^x)^y"), "(2**x)**y");
        assert_eq!(py("x / (y * 2.5)"), "x / (y * 2.5)");
        assert_eq!(py("2^-1*y"), "2**(-1) * y");
    }

    #[test]
    fn functions_of_tensors_are_torch_and_of_constants_math() {
        assert_eq!(
            py("sin(x)*cos(2*pi) + ln(y)"),
            "torch.sin(x) * math.cos(2 * 3.141592653589793) + torch.log(y)"
        );
        assert_eq!(
            py("max(x, 1) + min(2, 3)"),
            "maximum(x, torch.tensor(1)) + min(2, 3)"
        );
        assert_eq!(py("abs(x1) + x2"), "torch.abs(x) + y");
        assert_eq!(py("3"), "3 + 0.0 * (x + y)");
    }

    #[test]
    fn constants_python_would_refuse_are_their_values() {
        assert_eq!(py("x + 1/0"), "x + math.inf");
        assert_eq!(py("y - ln(0)"), "y - -math.inf");
        assert_eq!(py("x*sqrt(-1)"), "x * math.nan");
        assert_eq!(py("exp(1000) + x"), "math.inf + x");
        assert_eq!(py("x/(2*pi)"), "x / (2 * 3.141592653589793)");
    }

    #[test]
    fn numbers_read_back_exactly() {
        for v in [0.1, 1e-8, 2.0, 1e300, 123456789.125, 5e-324] {
            let s = number(v);
            assert_eq!(s.parse::<f64>().unwrap(), v, "{s}");
        }
        assert_eq!(number(2.0), "2.0");
        assert_eq!(number(1e-8), "1e-8");
    }
}
