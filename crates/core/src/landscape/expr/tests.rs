//! The parser's columns and what its errors quote.

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
    // Shown with the axes' names; other names and numbers kept (a typed
    // full-width x: tests/expr_typed.rs).
    let shown = |src: &str| Expr::parse(src).unwrap().display();
    assert_eq!(shown("0.1*x^2 + 2*y^2"), "0.1*x₁^2 + 2*x₂^2");
    assert_eq!(
        shown("x1 - x2 + max(1e-3*x, y)*pi"),
        "x₁ - x₂ + max(1e-3*x₁, x₂)*pi"
    );
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
