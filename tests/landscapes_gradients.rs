//! Loss surfaces, gradients: analytic gradients against central differences
//! (property-tested and at hand-picked points), the formulas written out by
//! hand, and kinds round-tripping through their names.
#![cfg(not(target_arch = "wasm32"))]

use gradscape::landscape::{beale, himmelblau, saddle, Quadratic, Rastrigin, Rosenbrock, KINDS};
use gradscape::{Landscape, View};
use proptest::prelude::*;

#[allow(dead_code)]
#[path = "common/landscapes.rs"]
mod landscapes;
use landscapes::*;

/// Central difference of f along one axis, with the step scaled to |p|.
fn central(l: &Landscape, p: V2, axis: usize) -> f64 {
    let h = 1e-6 * (1.0 + p[axis].abs());
    let mut a = p;
    let mut b = p;
    a[axis] += h;
    b[axis] -= h;
    // The effective step after rounding of p ± h.
    let span = a[axis] - b[axis];
    (l.value(a) - l.value(b)) / span
}

/// Gradient check with a tolerance that covers both truncation (h² f''') and
/// rounding (ε·|f|/h): relative to the gradient and to the value.
fn check_gradient(l: &Landscape, p: V2) -> Result<(), String> {
    let g = l.grad(p);
    let f = l.value(p);
    for axis in 0..2 {
        let n = central(l, p, axis);
        let tol = 1e-6 * (g[axis].abs() + n.abs()) + 1e-8 * (1.0 + f.abs());
        // (NaN on either side fails too.)
        let ok = (g[axis] - n).abs() <= tol;
        if !ok {
            return Err(format!(
                "{:?} at {p:?}: ∂f/∂{} analytic {} vs numeric {} (tol {tol})",
                l,
                ["x", "y"][axis],
                g[axis],
                n
            ));
        }
    }
    Ok(())
}

fn in_view(view: View) -> impl Strategy<Value = V2> {
    (0.0..=1.0f64, 0.0..=1.0f64)
        .prop_map(move |(s, t)| [view.x0 + s * view.width(), view.y0 + t * view.height()])
}

fn any_landscape() -> impl Strategy<Value = Landscape> {
    let coef = (prop::bool::ANY, -3.0..3.0f64).prop_map(|(neg, e)| {
        let v = 10f64.powf(e);
        if neg {
            -v
        } else {
            v
        }
    });
    prop_oneof![
        (coef.clone(), coef, -360.0..=360.0f64)
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
    fn default_kinds_gradient_matches_central_differences(
        k in 0..KINDS.len(), s in 0.0..=1.0f64, t in 0.0..=1.0f64,
    ) {
        let l = Landscape::from_kind(KINDS[k]).unwrap();
        let v = l.default_view();
        let p = [v.x0 + s * v.width(), v.y0 + t * v.height()];
        if let Err(e) = check_gradient(&l, p) {
            prop_assert!(false, "{}", e);
        }
    }

    #[test]
    fn parameterised_gradient_matches_central_differences(
        (l, p) in any_landscape().prop_flat_map(|l| { let v = l.default_view(); (Just(l), in_view(v)) })
    ) {
        if let Err(e) = check_gradient(&l, p) {
            prop_assert!(false, "{}", e);
        }
    }

    /// θ = 0 gives the book's g = (0.2·x1, 4·x2) bit for bit.
    #[test]
    fn seed_bowl_gradient_is_bitwise_the_books(x in -1e6..1e6f64, y in -1e6..1e6f64) {
        let l = Landscape::default();
        let g = l.grad([x, y]);
        prop_assert_eq!(g[0].to_bits(), (0.2 * x).to_bits());
        prop_assert_eq!(g[1].to_bits(), (4.0 * y).to_bits());
        prop_assert_eq!(l.value([x, y]).to_bits(), (0.1 * (x * x) + 2.0 * (y * y)).to_bits());
    }

    /// Rotating the bowl rotates the picture: f_θ(R_θ·p) = f_0(p) and
    /// ∇f_θ(R_θ·p) = R_θ·∇f_0(p).
    #[test]
    fn rotated_bowl_is_the_rotated_picture(
        a in 0.01..10.0f64, b in 0.01..10.0f64, deg in -360.0..360.0f64,
        x in -5.0..5.0f64, y in -5.0..5.0f64,
    ) {
        let flat = Quadratic { a, b, rotation: 0.0 };
        let rot = Quadratic { a, b, rotation: deg };
        let (c, s) = (deg.to_radians().cos(), deg.to_radians().sin());
        let q = [x * c - y * s, x * s + y * c];
        let f0 = flat.value([x, y]);
        prop_assert!((rot.value(q) - f0).abs() <= 1e-12 * (1.0 + f0.abs()));
        let g0 = flat.grad([x, y]);
        let g = rot.grad(q);
        let want = [g0[0] * c - g0[1] * s, g0[0] * s + g0[1] * c];
        let scale = 1e-12 * (1.0 + g0[0].abs() + g0[1].abs());
        prop_assert!((g[0] - want[0]).abs() <= scale && (g[1] - want[1]).abs() <= scale,
            "∇ at {:?}: {:?} vs {:?}", q, g, want);
    }

    /// Rosenbrock's minimum moves with its parameter a.
    #[test]
    fn rosenbrock_minimum_is_a_a_squared(a in -10.0..10.0f64, b in 0.1..1000.0f64) {
        let l = Landscape::Rosenbrock(Rosenbrock { a, b });
        prop_assert_eq!(l.minima(), vec![[a, a * a]]);
        prop_assert_eq!(l.value([a, a * a]), 0.0);
        prop_assert_eq!(l.grad([a, a * a]), [0.0, 0.0]);
        // …and it is a strict minimum: every nearby point is higher.
        for d in [[1e-3, 0.0], [0.0, 1e-3], [-1e-3, 1e-3], [1e-3, 2e-3 * a]] {
            prop_assert!(l.value([a + d[0], a * a + d[1]]) > 0.0);
        }
    }
}

#[test]
fn kinds_round_trip_through_their_names() {
    assert_eq!(KINDS.len(), 7);
    for k in KINDS {
        let l = Landscape::from_kind(k).unwrap();
        assert_eq!(l.kind(), k);
    }
    assert_eq!(Landscape::from_kind("sphere"), None);
    assert_eq!(Landscape::from_kind("Quadratic"), None);
    assert_eq!(Landscape::from_kind(""), None);
}

#[test]
fn gradient_matches_at_hand_picked_points() {
    // Corners and centres of every window, where the surfaces are steepest.
    for l in variants() {
        let v = l.default_view();
        for p in [
            [v.x0, v.y0],
            [v.x1, v.y1],
            [v.x0, v.y1],
            [v.x1, v.y0],
            [(v.x0 + v.x1) / 2.0, (v.y0 + v.y1) / 2.0],
            [0.3, -0.7],
            [1.25, 2.5],
        ] {
            check_gradient(&l, p).unwrap();
        }
    }
}

#[test]
fn formulas_written_out_by_hand() {
    // f and ∇f at (2, -1), computed on paper.
    let p = [2.0, -1.0];
    // Himmelblau: u = 4 − 1 − 11 = −8, v = 2 + 1 − 7 = −4; f = 64 + 16;
    // ∇ = (4·2·(−8) + 2·(−4), 2·(−8) + 4·(−1)·(−4)) = (−72, 0).
    assert_eq!(himmelblau::value(p), 80.0);
    assert_eq!(himmelblau::grad(p), [-72.0, 0.0]);
    // Beale: r1 = 1.5 − 2 − 2 = −2.5, r2 = 2.25 − 2 + 2 = 2.25,
    // r3 = 2.625 − 2 − 2 = −1.375; f = 6.25 + 5.0625 + 1.890625.
    assert_eq!(beale::value(p), 13.203125);
    // ∂x = 2·r1·(y−1) + 2·r2·(y²−1) + 2·r3·(y³−1) = 10 + 0 + 5.5 = 15.5;
    // ∂y = 2·r1·x + 2·r2·2xy + 2·r3·3xy² = −10 − 18 − 16.5 = −44.5.
    assert_eq!(beale::grad(p), [15.5, -44.5]);
    // Saddle: f = 4 − 1, ∇ = (4, 2).
    assert_eq!(saddle::value(p), 3.0);
    assert_eq!(saddle::grad(p), [4.0, 2.0]);
    // Rosenbrock a = 1, b = 100: (1 − 2)² + 100·(−1 − 4)² = 1 + 2500;
    // ∇ = (−2·(−1) − 400·2·(−5), 200·(−5)) = (4002, −1000).
    let r = Landscape::Rosenbrock(Rosenbrock::default());
    assert_eq!(r.value(p), 2501.0);
    assert_eq!(r.grad(p), [4002.0, -1000.0]);
    // Rastrigin at integers: the cosines are 1, the sines 0: f = x² + y².
    let ra = Landscape::Rastrigin(Rastrigin::default());
    assert!((ra.value(p) - 5.0).abs() < 1e-12);
    let g = ra.grad(p);
    assert!(
        (g[0] - 4.0).abs() < 1e-12 && (g[1] + 2.0).abs() < 1e-12,
        "{g:?}"
    );
    // Rastrigin at x = 0.25: sin(π/2) = 1, ∂x = 0.5 + 2π·10.
    let g = ra.grad([0.25, 0.0]);
    assert!(
        (g[0] - (0.5 + 20.0 * std::f64::consts::PI)).abs() < 1e-12,
        "{g:?}"
    );
    // Quadratic rotated by 90°: u = y, w = −x, f = a·y² + b·x².
    let q = Landscape::Quadratic(Quadratic {
        a: 0.1,
        b: 2.0,
        rotation: 90.0,
    });
    assert!((q.value(p) - (0.1 * 1.0 + 2.0 * 4.0)).abs() < 1e-12);
    let g = q.grad(p);
    assert!(
        (g[0] - 8.0).abs() < 1e-12 && (g[1] + 0.2).abs() < 1e-12,
        "{g:?}"
    );
}

/// torch's autograd gradients (float64, `gradscape code`'s f, torch 2.15)
/// at points where the plain sum of Beale's terms rounded differently:
/// the pytorch convention's runs take torch's gradient bit for bit.
#[test]
fn beale_and_rastrigin_gradients_are_autograd_s_bits() {
    for (x, y, gx, gy) in [
        (1.106, 2.176, 294.5463985617746, 473.41049812773804),
        (2.657, 3.982, 22141.435892402325, 44215.044313836115),
        (2.159, 3.801, 13718.542627022363, 23336.110195131554),
        (-4.382, -2.549, -3156.3432760761198, -14720.029573010701),
        (-1.985, 3.747, -10940.766884620198, 17409.845810977095),
        (2.392, -3.064, 4523.349223378578, -9932.914502038286),
    ] {
        assert_eq!(beale::grad([x, y]), [gx, gy], "Beale at ({x}, {y})");
    }
    let r = Rastrigin { a: 10.0 };
    for (x, y, gx, gy) in [
        // (2πA)·sin rounded first gave other bits at each of these.
        (0.693, 2.352, -57.459164878569474, 55.06793902060938),
        (-1.78, -1.662, 58.15892821208327, 50.145560245033096),
        (2.455, 3.367, 22.43952818299472, 53.33901008193396),
        (0.846, -2.328, -50.052079174023746, -60.09199270589558),
    ] {
        assert_eq!(r.grad([x, y]), [gx, gy], "Rastrigin at ({x}, {y})");
    }
}
