//! User-written surfaces, errors: every kind of error message with its
//! column, and the limits enforced without overflowing the stack.
#![cfg(not(target_arch = "wasm32"))]

use gradscape::landscape::expr::{MAX_DEPTH, MAX_LEN};

#[allow(dead_code)]
#[path = "common/expr.rs"]
mod expr;
use expr::*;

#[test]
fn every_error_kind_says_where_and_what() {
    let cases: [(&str, usize, &str); 22] = [
        ("", 1, "the formula is empty"),
        ("   ", 1, "the formula is empty"),
        ("x + ", 5, "the formula ends too early: expected a number, x, y, a constant, a function or '('"),
        ("x $ y", 3, "unexpected character '$'"),
        ("2x", 2, "expected an operator before 'x' (multiplication needs '*', as in 2*x)"),
        ("x y", 3, "expected an operator before 'y'"),
        ("(x + 1)(y - 1)", 8, "expected an operator before '('"),
        ("x + foo", 5, "unknown name 'foo': use x, y, pi, e or a function (sqrt, exp, ln, log, sin, cos, tan, tanh, abs, min, max)"),
        ("sin x", 5, "expected '(' after sin, as in sin(x)"),
        ("sin", 4, "expected '(' after sin"),
        ("(x + y", 7, "missing ')' to close '(' at column 1"),
        ("sin(x", 6, "missing ')' to close sin( at column 4"),
        ("(x,y)", 3, "expected ')' to close '(' at column 1, found ','"),
        ("x + y)", 6, "unmatched ')'"),
        ("x, y", 2, "unexpected ',' (only min and max take two arguments)"),
        ("min(x)", 6, "min takes 2 arguments (got 1)"),
        ("max(x, y, 1)", 9, "max takes 2 arguments (got 3 or more)"),
        ("x * * y", 5, "expected a number, x, y, a constant, a function or '(', found '*'"),
        ("+x", 1, "a leading '+' is not needed"),
        ("1e", 3, "expected the exponent's digits (as in 1e-3)"),
        ("1.2.3", 4, "a number has at most one '.'"),
        ("1e999 * x", 1, "the number 1e999 is too large"),
    ];
    for (src, col, msg) in cases {
        let e = err(src);
        // The same error in 中文, without English words.
        let zh = gradscape::text::errors::expr_error(&e, gradscape::text::Lang::Zh);
        assert!(zh.starts_with(&format!("第 {col} 列：")), "{zh}");
        // (what the user typed is quoted as is)
        let words: Vec<String> = gradscape::text::english_words(&zh)
            .into_iter()
            .filter(|w| !src.contains(w.as_str()))
            .collect();
        assert!(words.is_empty(), "{src:?}: English in {zh}: {words:?}");
        assert_eq!(
            gradscape::text::errors::expr_error(&e, gradscape::text::Lang::En),
            gradscape::text::errors::expr_error(&e, gradscape::text::Lang::En)
        );
        assert_eq!(e.column, col, "{src:?}: {e:?}");
        assert!(
            message(&e).contains(msg),
            "{src:?}: {e:?}\n  expected: {msg}"
        );
        assert_eq!(
            gradscape::text::errors::expr_error(&e, gradscape::text::Lang::En),
            format!("column {col}: {}", message(&e))
        );
    }
    let e = err(".");
    assert_eq!(
        (e.column, message(&e).as_str()),
        (1, "expected a digit before or after '.'")
    );
}

#[test]
fn the_limits_are_enforced_without_overflowing_the_stack() {
    // Length: MAX_LEN characters parse, one more does not.
    let ok = format!("x{}", "+1".repeat((MAX_LEN - 1) / 2));
    assert!(ok.chars().count() <= MAX_LEN);
    parse(&ok);
    let long = format!("x{}", " ".repeat(MAX_LEN));
    let e = err(&long);
    assert_eq!(e.column, MAX_LEN + 1);
    assert!(
        message(&e).contains("too long (501 characters; at most 500)"),
        "{e:?}"
    );
    // Nesting: MAX_DEPTH − 1 parentheses inside the top level parse...
    let nest = |n: usize| format!("{}x{}", "(".repeat(n), ")".repeat(n));
    parse(&nest(MAX_DEPTH - 1));
    // ...one more level does not, with the column where it went too deep.
    let e = err(&nest(MAX_DEPTH));
    assert!(
        message(&e).contains("nested too deeply (at most 32 levels)"),
        "{e:?}"
    );
    assert_eq!(e.column, MAX_DEPTH + 1);
    // Deep inputs of every recursive form are refused, not a stack overflow.
    for deep in [
        nest(100_000),
        format!("{}x", "-".repeat(100_000)),
        format!("x{}", "^x".repeat(100_000)),
        format!("{}x{}", "sin(".repeat(100_000), ")".repeat(100_000)),
    ] {
        let e = err(&deep);
        assert!(
            message(&e).contains("too long") || message(&e).contains("too deeply"),
            "{e:?}"
        );
    }
    for deep in [
        format!("{}x", "-".repeat(200)),
        format!("x{}", "^x".repeat(100)),
        format!("{}x{}", "sin(".repeat(60), ")".repeat(60)),
    ] {
        let e = err(&deep);
        assert!(message(&e).contains("nested too deeply"), "{e:?}");
    }
}
