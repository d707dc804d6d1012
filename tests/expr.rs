//! User-written surfaces: the formula language, its exact gradients (against
//! PyTorch autograd and against the built-in surfaces' hand-written ones),
//! every kind of error message with its column, the limits, and that no
//! input panics.
#![cfg(not(target_arch = "wasm32"))]

use gradscape::landscape::expr::{MAX_DEPTH, MAX_LEN};
use gradscape::landscape::{Expr, ExprError, Quadratic, Rastrigin, Rosenbrock, KINDS};
use gradscape::{simulate, Landscape, Scene, Stop};
use proptest::prelude::*;
use serde_json::Value;

fn close(a: f64, b: f64, rel: f64) -> bool {
    a == b || (a - b).abs() <= rel * a.abs().max(b.abs()).max(1e-300)
}

fn parse(src: &str) -> Expr {
    Expr::parse(src).unwrap_or_else(|e| panic!("{src}: {e:?}"))
}

fn err(src: &str) -> ExprError {
    match Expr::parse(src) {
        Ok(_) => panic!("{src:?} parsed but should not"),
        Err(e) => e,
    }
}

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

fn scene(expr: &str, extra: &str) -> Result<Scene, String> {
    let text = format!(
        r#"{{"landscape": {{"kind": "expr", "expr": {}}}{extra}}}"#,
        serde_json::to_string(expr).unwrap()
    );
    Scene::from_json(&text)
        .map_err(|e| gradscape::text::errors::scene_error(&e, gradscape::text::Lang::En))
}

#[test]
fn formulas_travel_in_the_scene() {
    let s = scene(
        "(1-x)^2 + 100*(y-x^2)^2",
        r#", "start": [-1.5, 2], "steps": 50"#,
    )
    .unwrap();
    assert_eq!(s.landscape.kind(), "expr");
    let back = Scene::from_json(&s.to_json()).unwrap();
    assert_eq!(back, s);
    assert!(s.to_json().contains(r#""expr": "(1-x)^2 + 100*(y-x^2)^2""#));
    // The same trajectories as the built-in Rosenbrock (to rounding).
    let mut builtin = s.clone();
    builtin.landscape = Landscape::from_kind("rosenbrock").unwrap();
    let (a, b) = (simulate(&s).unwrap(), simulate(&builtin).unwrap());
    for (ra, rb) in a.iter().zip(&b) {
        for (pa, pb) in ra.points.iter().zip(&rb.points) {
            assert!(
                close(pa[0], pb[0], 1e-9) && close(pa[1], pb[1], 1e-9),
                "{pa:?} vs {pb:?}"
            );
        }
    }
    // Defaults: the seed's bowl as a formula, the window [-5, 5]², a start
    // where f and ∇f are finite.
    let d = Scene::from_json(r#"{"landscape": {"kind": "expr"}}"#).unwrap();
    assert_eq!(d.landscape.formula(), "f = 0.1*x^2 + 2*y^2");
    let v = d.view();
    assert_eq!((v.x0, v.x1, v.y0, v.y1), (-5.0, 5.0, -5.0, 5.0));
    assert_eq!(d.start, [-4.0, 3.0]);
    let l = scene("ln(x - 3.5) + y", "").unwrap().landscape;
    assert_eq!(
        l.default_start(),
        [4.0, 3.0],
        "the first start where ln(x - 3.5) is defined"
    );
}

#[test]
fn scene_errors_name_the_field_and_the_column() {
    assert_eq!(
        scene("x +* y", "").unwrap_err(),
        "landscape.expr: column 4: expected a number, x, y, a constant, a function or '(', found '*'"
    );
    let e = Scene::from_json(r#"{"landscape": {"kind": "expr", "expr": 3}}"#).unwrap_err();
    assert_eq!(
        gradscape::text::errors::scene_error(&e, gradscape::text::Lang::En),
        r#"landscape.expr: must be a formula in x and y as a string, e.g. "x^2 + 10*y^2" (got 3)"#
    );
    let e = Scene::from_json(r#"{"landscape": {"kind": "expr", "formula": "x"}}"#).unwrap_err();
    assert!(
        gradscape::text::errors::scene_error(&e, gradscape::text::Lang::En)
            .starts_with("landscape.formula: unknown key"),
        "{e:?}"
    );
    assert!(
        gradscape::text::errors::scene_error(&e, gradscape::text::Lang::En).contains("kind, expr"),
        "{e:?}"
    );
}

#[test]
fn a_formula_undefined_at_the_start_stops_cleanly() {
    // Undefined where the run starts: stops at step 0, nothing non-finite kept.
    let s = scene("sqrt(x) + y^2", r#", "start": [-1, 1]"#).unwrap();
    for r in simulate(&s).unwrap() {
        assert!(matches!(r.stop, Stop::Diverged { .. }), "{:?}", r.stop);
        assert!(r
            .points
            .iter()
            .all(|p| p[0].is_finite() && p[1].is_finite()));
    }
    // Running into the edge of the domain: stops at the first NaN.
    let s = scene(
        "ln(x) + y^2",
        r#", "start": [0.5, 1], "optimizers": [{"kind": "gd", "lr": 2}]"#,
    )
    .unwrap();
    let r = &simulate(&s).unwrap()[0];
    assert!(matches!(r.stop, Stop::Diverged { step: 1 }), "{:?}", r.stop);
    assert_eq!(r.points.len(), 1);
}

#[test]
fn an_undefined_start_is_explained_and_renders_everywhere() {
    use gradscape::diagnose::diagnose;
    let s = scene(
        "sqrt(x) + y^2",
        r#", "start": [-1, 1], "optimizers": [{"kind": "gd"}, {"kind": "adam"}]"#,
    )
    .unwrap();
    let runs = simulate(&s).unwrap();
    for r in &runs {
        assert!(r.points.is_empty() && r.loss.is_empty());
        let d = diagnose(&s.landscape, r);
        assert!(
            gradscape::text::diagnose::hint_text(&d, gradscape::text::Lang::En)
                .unwrap()
                .starts_with("f is not defined (or not finite) at the start"),
            "{d:?}"
        );
    }
    // The outputs and the figure of such a scene are whole, without NaN.
    let json = gradscape::output::simulation_value(&runs, false).to_string();
    assert!(
        json.contains(r#""points":[]"#) && !json.contains("NaN"),
        "{json}"
    );
    let svg = gradscape::svg::render(&s, &runs, &gradscape::svg::SvgOptions::default());
    assert!(svg.contains("</svg>") && !svg.contains("NaN"), "{svg}");
    // A gradient undefined where the run arrives.
    let s = scene(
        "sqrt(x) + y^2",
        r#", "start": [0, 1], "optimizers": [{"kind": "gd", "lr": 0.1}]"#,
    )
    .unwrap();
    let r = &simulate(&s).unwrap()[0];
    assert_eq!(r.stop, Stop::Diverged { step: 1 });
    let d = diagnose(&s.landscape, r);
    let hint = gradscape::text::diagnose::hint_text(&d, gradscape::text::Lang::En).unwrap();
    let zh = gradscape::text::diagnose::hint_text(&d, gradscape::text::Lang::Zh).unwrap();
    assert!(zh.starts_with("梯度在 (0, 1) 处无定义"), "{zh}");
    assert!(
        hint.starts_with(
            "The gradient is not defined (or not finite) at (0, 1), reached at step 0"
        ),
        "{hint}"
    );
}

/// What an error says, in English, without its column.
fn message(e: &gradscape::landscape::ExprError) -> String {
    gradscape::text::errors::expr_problem(&e.problem, gradscape::text::Lang::En)
}
