//! The parser's columns and what its errors quote.

use super::*;
use crate::Vec2;

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
    // Shown with the axes' names; other names and numbers kept (a typed
    // full-width x: tests/expr_typed.rs).
    let shown = |src: &str| Expr::parse(src).unwrap().display();
    assert_eq!(shown("0.1*x^2 + 2*y^2"), "0.1·x₁² + 2·x₂²");
    assert_eq!(
        shown("x1 - x2 + max(1e-3*x, y)*pi"),
        "x₁ − x₂ + max(1e-3·x₁, x₂)·pi"
    );
    // Powers: whole ones as superscripts (typed ones kept), others as ^;
    // `**` too; the text reads back as the same formula.
    for (src, want) in [
        ("0.1*(x-3)^2 + 2*(y-3)^2", "0.1·(x₁ − 3)² + 2·(x₂ − 3)²"),
        ("x^10 + y**3", "x₁¹⁰ + x₂³"),
        ("x^-1 + y^0.5 + x^ 2 + y²", "x₁^−1 + x₂^0.5 + x₁^ 2 + x₂²"),
        ("2^x", "2^x₁"),
    ] {
        assert_eq!(shown(src), want, "{src}");
        // Pasted back (the axes' names as x and y): the same function.
        let back = want.replace("x₁", "x").replace("x₂", "y");
        let p = [1.7, 2.3];
        assert_eq!(f(&back, p), f(src, p), "{back}");
    }
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
