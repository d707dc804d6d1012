//! User-written surfaces, the language: values and exact gradients against
//! PyTorch autograd and against the built-in surfaces' hand-written ones, the
//! awkward points, and that no input panics.
#![cfg(not(target_arch = "wasm32"))]

use gradscape::landscape::{Expr, Quadratic, Rastrigin, Rosenbrock, KINDS};
use gradscape::Landscape;
use proptest::prelude::*;
use serde_json::Value;

#[allow(dead_code)]
#[path = "common/expr.rs"]
mod expr;
use expr::*;

#[test]
fn values_and_gradients_match_torch_autograd() {
    let text = include_str!("reference/expr_golden.json");
    let golden: Value = serde_json::from_str(text).unwrap();
    let cases = golden["cases"].as_array().unwrap();
    assert_eq!(cases.len(), 15);
    for case in cases {
        let src = case["expr"].as_str().unwrap();
        let e = parse(src);
        for s in case["samples"].as_array().unwrap() {
            let p = [
                s["point"][0].as_f64().unwrap(),
                s["point"][1].as_f64().unwrap(),
            ];
            let v = s["value"].as_f64().unwrap();
            let g = [
                s["grad"][0].as_f64().unwrap(),
                s["grad"][1].as_f64().unwrap(),
            ];
            let (fv, fg) = e.value_grad(p);
            assert!(
                close(fv, v, 1e-12),
                "{src} at {p:?}: value {fv} vs torch {v}"
            );
            assert!(close(e.value(p), v, 1e-12), "{src} at {p:?}: value()");
            for k in 0..2 {
                assert!(
                    close(fg[k], g[k], 1e-12) || (fg[k] - g[k]).abs() < 1e-13,
                    "{src} at {p:?}: ∂{k} {} vs torch {}",
                    fg[k],
                    g[k]
                );
            }
        }
    }
}

fn builtins() -> Vec<Landscape> {
    let mut v: Vec<Landscape> = KINDS
        .iter()
        .filter(|k| **k != "expr")
        .map(|k| Landscape::from_kind(k).unwrap())
        .collect();
    v.push(Landscape::Quadratic(Quadratic {
        a: 1.5,
        b: 0.25,
        rotation: -117.0,
    }));
    v.push(Landscape::Rosenbrock(Rosenbrock { a: -0.5, b: 7.0 }));
    v.push(Landscape::Rastrigin(Rastrigin { a: 3.0 }));
    v
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    /// Every built-in surface, written as a formula, has the same value and
    /// the same gradient: two independent derivations (by hand and by
    /// forward-mode differentiation) agree.
    #[test]
    fn every_builtin_surface_as_a_formula_is_the_same_function(x in -4.0f64..4.0, y in -4.0f64..4.0) {
        for l in builtins() {
            let e = parse(&l.as_formula());
            let p = [x, y];
            let (v, g) = e.value_grad(p);
            let scale = l.value(p).abs().max(1.0);
            prop_assert!((v - l.value(p)).abs() <= 1e-12 * scale, "{}: {v} vs {}", l.kind(), l.value(p));
            let lg = l.grad(p);
            let gs = lg[0].abs().max(lg[1].abs()).max(1.0);
            for k in 0..2 {
                prop_assert!((g[k] - lg[k]).abs() <= 1e-11 * gs, "{} ∂{k}: {} vs {}", l.as_formula(), g[k], lg[k]);
            }
        }
    }

    /// Any text at all: a formula or an error with a column inside the text
    /// (or just past its end); never a panic.
    #[test]
    fn no_text_panics(s in "\\PC{0,80}") {
        match Expr::parse(&s) {
            Ok(e) => { let _ = e.value_grad([0.5, -0.5]); }
            Err(e) => prop_assert!(e.column >= 1 && e.column <= s.chars().count() + 1, "{e:?}"),
        }
    }

    /// Text made of the language's own pieces, where parse errors are
    /// subtle: still a formula or a located error.
    #[test]
    fn no_token_soup_panics(parts in prop::collection::vec(prop::sample::select(vec![
        "x", "y", "1", "2.5", "1e3", ".5", "pi", "e", "+", "-", "*", "/", "^", "**", "(", ")", ",",
        "sin(", "min(", "max(", "sqrt(", "ln(", "abs(", " ",
    ]), 0..40)) {
        let s: String = parts.concat();
        match Expr::parse(&s) {
            Ok(e) => {
                let v = e.value([0.25, 0.75]);
                let (v2, _) = e.value_grad([0.25, 0.75]);
                prop_assert!(v.to_bits() == v2.to_bits() || (v.is_nan() && v2.is_nan()));
            }
            Err(e) => prop_assert!(e.column >= 1 && e.column <= s.chars().count() + 1, "{s}: {e:?}"),
        }
    }

    /// Spaces never change the meaning.
    #[test]
    fn spaces_do_not_matter(x in -3.0f64..3.0, y in -3.0f64..3.0) {
        let a = parse("sin(x)*cos(y)+0.05*(x^2+y^2)-max(x,y)^2/(1+abs(y))");
        let b = parse("  sin ( x ) * cos( y ) + 0.05 * ( x ^ 2 + y^2 ) - max( x , y ) ^ 2 / ( 1 + abs(y) ) ");
        prop_assert_eq!(a.value([x, y]).to_bits(), b.value([x, y]).to_bits());
        prop_assert_eq!(a.grad([x, y]), b.grad([x, y]));
    }
}

#[test]
fn the_language() {
    let at = |src: &str, x: f64, y: f64| parse(src).value([x, y]);
    assert_eq!(at("1 + 2*3", 0.0, 0.0), 7.0);
    assert_eq!(at("(1 + 2)*3", 0.0, 0.0), 9.0);
    assert_eq!(
        at("-x^2", 3.0, 0.0),
        -9.0,
        "unary minus binds looser than ^"
    );
    assert_eq!(at("2^3^2", 0.0, 0.0), 512.0, "^ is right-associative");
    assert_eq!(at("2^-2", 0.0, 0.0), 0.25);
    assert_eq!(at("x**3", 2.0, 0.0), 8.0, "** is ^");
    assert_eq!(at("12/4/3", 0.0, 0.0), 1.0, "/ is left-associative");
    assert_eq!(
        at("x1 - 10*x2", 3.0, 1.0),
        -7.0,
        "x1, x2 are the seed's x, y"
    );
    assert_eq!(
        at("1.5e2 + 2E-1 + .25 + 3.", 0.0, 0.0),
        150.0 + 0.2 + 0.25 + 3.0
    );
    assert_eq!(at("pi", 0.0, 0.0), std::f64::consts::PI);
    assert_eq!(at("e", 0.0, 0.0), std::f64::consts::E);
    assert_eq!(at("ln(e^2) + log(e)", 0.0, 0.0), 3.0);
    assert_eq!(at("min(x, y) + max(x, y)", -2.0, 5.0), 3.0);
    assert_eq!(at("abs(x) + sqrt(y)", -2.0, 9.0), 5.0);
    assert!(
        at("(-2)^2 + (-8)^(1/3)", 0.0, 0.0).is_nan(),
        "real powers of negatives are NaN"
    );
    assert_eq!(
        at("(-2)^3", 0.0, 0.0),
        -8.0,
        "integer powers of negatives are fine"
    );
    assert_eq!(
        at("2 × x · y − 1", 2.0, 3.0),
        11.0,
        "typographic × · − are accepted"
    );
    assert_eq!(parse("x + y").uses(), (true, true));
    assert_eq!(parse("3").uses(), (false, false));
    assert_eq!(parse("3").grad([1.0, 2.0]), [0.0, 0.0]);
}

#[test]
fn gradients_at_the_awkward_points() {
    // A zero inner derivative contributes zero even through an infinite
    // outer factor.
    assert_eq!(parse("sqrt(x^2) + y").grad([0.0, 1.0]), [0.0, 1.0]);
    assert_eq!(parse("abs(x) + abs(y)").grad([0.0, -2.0]), [0.0, -1.0]);
    assert_eq!(parse("x^0 + y^1").grad([0.0, 0.0]), [0.0, 1.0]);
    assert_eq!(
        parse("max(x, y)").grad([1.0, 1.0]),
        [1.0, 0.0],
        "ties take the first"
    );
    // Where the derivative really is infinite, it says so (the run stops).
    let g = parse("sqrt(x) + y").grad([0.0, 0.0]);
    assert!(g[0].is_infinite() && g[1] == 1.0, "{g:?}");
    // Outside the domain: NaN, not a panic.
    let (v, g) = parse("ln(x) + y").value_grad([-1.0, 0.0]);
    assert!(v.is_nan() && g[0].is_finite(), "{v} {g:?}");
}
