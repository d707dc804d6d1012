//! User-written surfaces in scenes: formulas travel in the scene, errors name
//! the field and the column, and a formula undefined at the start stops
//! cleanly and is explained.
#![cfg(not(target_arch = "wasm32"))]

use gradscape::{simulate, Landscape, Scene, Stop};

#[allow(dead_code)]
#[path = "common/expr.rs"]
mod expr;
use expr::*;

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
    assert_eq!(d.landscape.formula(), "f = 0.1·x₁² + 2·x₂²");
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
