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
