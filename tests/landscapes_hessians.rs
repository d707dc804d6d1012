//! Loss surfaces, Hessians: every built-in surface's analytic Hessian
//! against central differences of its analytic gradient, formulas' Hessians
//! (second-order forward-mode AD) against central differences and against
//! the built-ins they spell out, and non-finite results staying non-finite.
#![cfg(not(target_arch = "wasm32"))]
// H[i][j] against the difference quotient: indices read like the maths.
#![allow(clippy::needless_range_loop)]

use gradscape::landscape::{Expr, Quadratic, Rastrigin, Rosenbrock, KINDS};
use gradscape::Landscape;
use proptest::prelude::*;

#[allow(dead_code)]
#[path = "common/landscapes.rs"]
mod landscapes;
use landscapes::*;

/// Central difference of ∇f along one axis: column `axis` of the Hessian.
fn central_grad(l: &Landscape, p: V2, axis: usize) -> V2 {
    let h = 1e-5 * (1.0 + p[axis].abs());
    let (mut a, mut b) = (p, p);
    a[axis] += h;
    b[axis] -= h;
    let span = a[axis] - b[axis];
    let (ga, gb) = (l.grad(a), l.grad(b));
    [(ga[0] - gb[0]) / span, (ga[1] - gb[1]) / span]
}

/// Every entry against the difference quotient, with a tolerance covering
/// truncation (h²·f⁗) and rounding (ε·|∇f|/h); and symmetry.
fn check_hessian(l: &Landscape, p: V2) -> Result<(), String> {
    let hs = l.hessian(p);
    let g = l.grad(p);
    let gmag = g[0].abs().max(g[1].abs());
    if hs[0][1] != hs[1][0] {
        return Err(format!("{l:?} at {p:?}: not symmetric {hs:?}"));
    }
    for j in 0..2 {
        let n = central_grad(l, p, j);
        for i in 0..2 {
            let tol = 1e-5 * (hs[i][j].abs() + n[i].abs()) + 1e-7 * (1.0 + gmag);
            let err = (hs[i][j] - n[i]).abs();
            // (NaN on either side fails too.)
            if err.is_nan() || err > tol {
                return Err(format!(
                    "{l:?} at {p:?}: H[{i}][{j}] analytic {} vs numeric {} (tol {tol})",
                    hs[i][j], n[i]
                ));
            }
        }
    }
    Ok(())
}

fn close(a: f64, b: f64, rel: f64, abs: f64) -> bool {
    (a - b).abs() <= rel * a.abs().max(b.abs()) + abs
}

fn any_builtin() -> impl Strategy<Value = Landscape> {
    prop_oneof![
        (0.01..10.0f64, -10.0..10.0f64, -360.0..=360.0f64)
            .prop_map(|(a, b, rotation)| Landscape::Quadratic(Quadratic { a, b, rotation })),
        (-3.0..3.0f64, 0.0..1000.0f64)
            .prop_map(|(a, b)| Landscape::Rosenbrock(Rosenbrock { a, b })),
        Just(Landscape::Himmelblau),
        Just(Landscape::Beale),
        Just(Landscape::Saddle),
        (0.0..50.0f64).prop_map(|a| Landscape::Rastrigin(Rastrigin { a })),
    ]
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn builtin_hessians_match_differences_of_the_gradient(
        (l, p) in any_builtin().prop_flat_map(|l| {
            let v = l.default_view();
            (Just(l), (v.x0..=v.x1, v.y0..=v.y1).prop_map(|(x, y)| [x, y]))
        })
    ) {
        if let Err(e) = check_hessian(&l, p) {
            prop_assert!(false, "{}", e);
        }
    }

    /// A built-in surface written as a formula (`as_formula`) has the same
    /// Hessian by AD as the hand-derived one.
    #[test]
    fn formula_hessians_equal_the_builtins(
        k in 0..KINDS.len() - 1, s in 0.0..=1.0f64, t in 0.0..=1.0f64,
    ) {
        let l = Landscape::from_kind(KINDS[k]).unwrap();
        let e = Landscape::Expr(Expr::parse(&l.as_formula()).unwrap());
        let v = l.default_view();
        let p = [v.x0 + s * v.width(), v.y0 + t * v.height()];
        let (a, b) = (l.hessian(p), e.hessian(p));
        for i in 0..2 {
            for j in 0..2 {
                prop_assert!(close(a[i][j], b[i][j], 1e-9, 1e-9), "{} at {:?}: {:?} vs {:?}", KINDS[k], p, a, b);
            }
        }
    }

    #[test]
    fn formula_hessians_match_differences(
        src in prop::sample::select(vec![
            "sin(x)*cos(y) + x^3*y",
            "exp(0.3*x - 0.2*y^2) + ln(x^2 + y^2 + 1)",
            "sqrt(x^2 + 2*y^2 + 1) / (1 + x^2)",
            "tanh(x*y) + tan(0.2*x) + 2^(0.5*x + y)",
            "(x^2 + 1)^(y/3 + 1) - abs(x - 10)",
            "max(x^2, y) + min(x*y, 3*x)",
            "1/(x^2 + y^2 + 0.5) - x/(y^2 + 2)",
        ]),
        x in -2.0..2.0f64, y in -2.0..2.0f64,
    ) {
        let l = Landscape::Expr(Expr::parse(src).unwrap());
        // max/min switch branches on a line; away from it the check holds.
        let near_kink = src.starts_with("max") && ((x * x - y).abs() < 1e-3 || (x * y - 3.0 * x).abs() < 1e-3);
        if !near_kink {
            if let Err(e) = check_hessian(&l, [x, y]) {
                prop_assert!(false, "{}", e);
            }
        }
    }
}

fn hess(src: &str, p: V2) -> [[f64; 2]; 2] {
    Expr::parse(src).unwrap().hessian(p)
}

#[test]
fn formula_hessians_by_hand() {
    assert_eq!(
        hess("0.1*x^2 + 2*y^2", [3.0, -7.0]),
        [[0.2, 0.0], [0.0, 4.0]]
    );
    assert_eq!(hess("x*y", [3.0, -7.0]), [[0.0, 1.0], [1.0, 0.0]]);
    assert_eq!(hess("x^3", [2.0, 0.0]), [[12.0, 0.0], [0.0, 0.0]]);
    assert_eq!(hess("exp(x)", [0.0, 5.0]), [[1.0, 0.0], [0.0, 0.0]]);
    assert_eq!(hess("1/x", [2.0, 0.0]), [[0.25, 0.0], [0.0, 0.0]]);
    // A zero inner derivative contributes zero through an infinite outer
    // factor: ∂²/∂y² of sqrt(x^2) + y^2 at x = 0 is 2, not NaN.
    assert_eq!(hess("sqrt(x^2) + y^2", [0.0, 1.0])[1][1], 2.0);
    assert_eq!(hess("abs(x) + x*y", [0.0, 1.0]), [[0.0, 1.0], [1.0, 0.0]]);
}

#[test]
fn seed_bowl_hessian_is_exact() {
    assert_eq!(
        Landscape::default().hessian([-5.0, -2.0]),
        [[0.2, 0.0], [0.0, 4.0]]
    );
    let rot = Landscape::Quadratic(Quadratic {
        a: 1.0,
        b: 3.0,
        rotation: 90.0,
    });
    let h = rot.hessian([0.0, 0.0]);
    assert!(close(h[0][0], 6.0, 1e-15, 1e-15) && close(h[1][1], 2.0, 1e-15, 1e-15));
    assert!(h[0][1].abs() < 1e-15);
}

#[test]
fn hessian_at_himmelblaus_maximum_is_negative_definite() {
    let p = [-0.270_844_590_667_4, -0.923_038_556_480_4];
    let h = Landscape::Himmelblau.hessian(p);
    let g = Landscape::Himmelblau.grad(p);
    assert!(g[0].abs() < 1e-9 && g[1].abs() < 1e-9, "{g:?}");
    let det = h[0][0] * h[1][1] - h[0][1] * h[1][0];
    assert!(h[0][0] < 0.0 && det > 0.0, "{h:?}");
}

#[test]
fn non_finite_hessians_stay_non_finite() {
    // ln at 0, sqrt's second derivative at 0, 1/0: NaN or ±∞, never a panic.
    for (src, p) in [
        ("ln(x) + y", [0.0, 1.0]),
        ("sqrt(x) + y", [0.0, 1.0]),
        ("1/x + y", [0.0, 1.0]),
        ("x^0.5", [-1.0, 0.0]),
        ("(x-1)^y", [0.5, 2.0]),
    ] {
        let h = hess(src, p);
        assert!(
            h.iter().flatten().any(|v| !v.is_finite()),
            "{src} at {p:?}: {h:?}"
        );
    }
    // …and far outside f64 on a built-in.
    let h = Landscape::Himmelblau.hessian([f64::INFINITY, 0.0]);
    assert!(!h[0][0].is_finite());
}
