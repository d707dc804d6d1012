//! Helpers shared by the tests/expr_*.rs binaries: parsing a formula that
//! must parse or must not, closeness and the English wording of errors.

use gradscape::landscape::{Expr, ExprError};

pub fn close(a: f64, b: f64, rel: f64) -> bool {
    a == b || (a - b).abs() <= rel * a.abs().max(b.abs()).max(1e-300)
}

pub fn parse(src: &str) -> Expr {
    Expr::parse(src).unwrap_or_else(|e| panic!("{src}: {e:?}"))
}

pub fn err(src: &str) -> ExprError {
    match Expr::parse(src) {
        Ok(_) => panic!("{src:?} parsed but should not"),
        Err(e) => e,
    }
}

/// What an error says, in English, without its column.
pub fn message(e: &gradscape::landscape::ExprError) -> String {
    gradscape::text::errors::expr_problem(&e.problem, gradscape::text::Lang::En)
}
