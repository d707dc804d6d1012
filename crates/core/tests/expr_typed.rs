//! What a formula's errors quote and where: the characters as typed (`×`,
//! `（`, `ｓｉｎ`), at their column in characters, and what a Chinese input
//! method types read or refused. (Outside `src/`: the core's sources hold
//! no Chinese, tests/purity.rs.)

use gradscape_core::landscape::expr::Open;
use gradscape_core::landscape::{Expr, ExprError, ExprProblem as P};

fn f(src: &str, p: [f64; 2]) -> f64 {
    Expr::parse(src)
        .unwrap_or_else(|e| panic!("{src}: {e:?}"))
        .value(p)
}

fn err(src: &str) -> ExprError {
    match Expr::parse(src) {
        Ok(_) => panic!("{src:?} parsed"),
        Err(e) => e,
    }
}

fn problem(src: &str) -> (usize, P) {
    let e = err(src);
    (e.column, e.problem)
}

#[test]
fn errors_quote_what_was_typed_not_what_was_read() {
    let s = |t: &str| t.to_string();
    // A multiplication sign, a middle dot, `**` and a minus sign are read
    // as operators; an error quotes the sign typed, at its character.
    assert_eq!(problem("2××x"), (3, P::Found(s("×"))));
    assert_eq!(problem("x··y"), (3, P::Found(s("·"))));
    assert_eq!(problem("x ** ** y"), (6, P::Found(s("**"))));
    // `××` and `＊×` are two multiplications, not a power as `**` and `＊＊` are.
    assert_eq!(problem("x＊×y"), (3, P::Found(s("×"))));
    assert_eq!(f("x＊＊y", [2.0, 3.0]), 8.0);
    assert_eq!(problem("x −"), (4, P::Ends));
    assert_eq!(problem("x÷÷y"), (3, P::Found(s("÷"))));
    // Numbers and names as typed, not as read (`1.50`, not 1.5).
    assert_eq!(problem("x 1.50"), (3, P::Implicit(s("1.50"))));
    assert_eq!(problem("２ｘ"), (2, P::Implicit(s("ｘ"))));
    assert_eq!(problem("ｆｏｏ+x"), (1, P::Unknown(s("ｆｏｏ"))));
    assert_eq!(problem("1e999９"), (1, P::TooLarge(s("1e999９"))));
    assert_eq!(problem("ｓｉｎ x"), (5, P::Paren(s("ｓｉｎ"))));
    assert_eq!(
        problem("ｍｉｎ（x）"),
        (
            6,
            P::Arity {
                name: s("ｍｉｎ"),
                want: 2,
                got: 1
            }
        )
    );
    // A superscript is `^` and its exponent: an error quotes the run.
    assert_eq!(problem("²x"), (1, P::Found(s("²"))));
    assert_eq!(problem("x²+²"), (4, P::Found(s("²"))));
}

#[test]
fn a_chinese_input_methods_characters_are_read_or_refused_at_their_column() {
    let s = |t: &str| t.to_string();
    // Full-width brackets, comma, operators, digits and letters, the
    // Chinese full stop and superscripts are read as what they stand for.
    let same = |a: &str, b: &str| {
        for p in [[0.5, -1.5], [2.0, 3.0]] {
            assert_eq!(f(a, p), f(b, p), "{a} vs {b} at {p:?}");
        }
    };
    same("x²+（y-1）²", "x^2+(y-1)^2");
    same("ｍａｘ（x，y）＊２．５", "max(x,y)*2.5");
    same("0。5*x⁻¹ + y³", "0.5*x^-1 + y^3");
    same("x¹⁰ − 2÷y", "x^10 - 2/y");
    same("x　+　y", "x + y"); // the ideographic space
                              // Columns count characters, whatever their bytes (`（` is 3 bytes,
                              // `²` 2): the last `）` is the 10th character (its 15th byte).
    assert_eq!(problem("x²+（y-1）²）"), (10, P::Unmatched("）".into())));
    assert_eq!(
        problem("（x²+y"),
        (
            6,
            P::CloseMissing {
                open: Open::Paren(s("（")),
                at: 1
            }
        )
    );
    assert_eq!(
        problem("ｓｉｎ（x，y）"),
        (
            6,
            P::Arity {
                name: s("ｓｉｎ"),
                want: 1,
                got: 2
            }
        )
    );
    assert_eq!(problem("sin（x+"), (7, P::Ends));
    assert_eq!(
        problem("（x＋y，1)"),
        (
            5,
            P::CloseFound {
                open: Open::Paren(s("（")),
                at: 1,
                found: s("，")
            }
        )
    );
    assert_eq!(
        problem("sin（x"),
        (
            6,
            P::CloseMissing {
                open: Open::Call(s("sin（")),
                at: 4
            }
        )
    );
    // Refused: an input method's punctuation that means nothing here
    // (`……` is its `^`, `、` its `\`), said to be one, at its character.
    assert_eq!(
        problem("x²+y……2"),
        (
            5,
            P::BadChar {
                typed: '…',
                ime: true
            }
        )
    );
    assert_eq!(
        problem("min(x、y)"),
        (
            6,
            P::BadChar {
                typed: '、',
                ime: true
            }
        )
    );
    assert_eq!(
        problem("（x）；"),
        (
            4,
            P::BadChar {
                typed: '；',
                ime: true
            }
        )
    );
    assert_eq!(
        problem("x $ y"),
        (
            3,
            P::BadChar {
                typed: '$',
                ime: false
            }
        )
    );
    assert_eq!(
        problem("x ⁻ y"),
        (
            3,
            P::BadChar {
                typed: '⁻',
                ime: false
            }
        )
    );
    // Beyond the Basic Multilingual Plane a character is still one column.
    assert_eq!(
        problem("𝑥+y"),
        (
            1,
            P::BadChar {
                typed: '𝑥',
                ime: false
            }
        )
    );
    assert_eq!(
        problem("x+😀"),
        (
            3,
            P::BadChar {
                typed: '😀',
                ime: false
            }
        )
    );
}

#[test]
fn a_formula_typed_in_full_width_shows_the_axes_names() {
    // `ｘ` is one character typed for x: it becomes x₁, the rest as typed.
    let shown = Expr::parse("0.1·ｘ² + 2·y²").unwrap().display();
    assert_eq!(shown, "0.1·x₁² + 2·x₂²");
    // A whole formula in full-width keys reads as the figures' maths (the
    // f = line and titles repeated the full-width text).
    let shown = Expr::parse("（x－1）＾2＋３＊y＾2").unwrap().display();
    assert_eq!(shown, "(x₁ − 1)² + 3·x₂²");
    // The full-width space bar's ideographic space, as a plain one.
    let shown = Expr::parse("max(x,\u{3000}y)\u{3000}").unwrap().display();
    assert_eq!(shown, "max(x₁, x₂) ");
}
