//! Loss surfaces: analytic gradients against central differences, the listed
//! minima, default windows and starts, and the picture helpers built on them
//! (grid, log scale, isolines, ticks, colormap).
#![cfg(not(target_arch = "wasm32"))]

use gradscape::format::tick_label;
use gradscape::landscape::{beale, himmelblau, saddle, Quadratic, Rastrigin, Rosenbrock, KINDS};
use gradscape::surface::{colormap, isolines, ticks, Grid, LogScale};
use gradscape::{Landscape, View};
use proptest::prelude::*;

type V2 = [f64; 2];

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 256,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

fn all_default() -> Vec<Landscape> {
    KINDS
        .iter()
        .map(|k| Landscape::from_kind(k).expect("every listed kind parses"))
        .collect()
}

/// Every default kind plus rotated and re-parameterised variants.
fn variants() -> Vec<Landscape> {
    let mut v = all_default();
    v.push(Landscape::Quadratic(Quadratic {
        a: 0.1,
        b: 2.0,
        rotation: 30.0,
    }));
    v.push(Landscape::Quadratic(Quadratic {
        a: 1.5,
        b: 0.25,
        rotation: -117.0,
    }));
    v.push(Landscape::Rosenbrock(Rosenbrock { a: -0.7, b: 10.0 }));
    v.push(Landscape::Rosenbrock(Rosenbrock { a: 2.0, b: 1.0 }));
    v.push(Landscape::Rastrigin(Rastrigin { a: 3.0 }));
    v
}

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

#[test]
fn listed_minima_are_zero_valued_stationary_and_strict() {
    let expected: [(&str, Vec<V2>); 6] = [
        ("quadratic", vec![[0.0, 0.0]]),
        ("rosenbrock", vec![[1.0, 1.0]]),
        ("himmelblau", vec![]), // checked below, four of them
        ("beale", vec![[3.0, 0.5]]),
        ("saddle", vec![]),
        ("rastrigin", vec![[0.0, 0.0]]),
    ];
    for (kind, want) in expected {
        let l = Landscape::from_kind(kind).unwrap();
        if kind != "himmelblau" {
            assert_eq!(l.minima(), want, "{kind}");
        }
    }
    let h = Landscape::Himmelblau.minima();
    assert_eq!(h.len(), 4);
    assert!(h.contains(&[3.0, 2.0]));
    // One in every quadrant.
    let quadrants: Vec<(bool, bool)> = h.iter().map(|p| (p[0] > 0.0, p[1] > 0.0)).collect();
    for q in [(true, true), (true, false), (false, true), (false, false)] {
        assert!(
            quadrants.contains(&q),
            "no Himmelblau minimum in quadrant {q:?}: {h:?}"
        );
    }

    for l in variants() {
        for m in l.minima() {
            let f = l.value(m);
            let g = l.grad(m);
            assert!(f.abs() < 1e-20, "{l:?}: f{m:?} = {f}");
            assert!(
                g[0].abs() < 1e-10 && g[1].abs() < 1e-10,
                "{l:?}: ∇f{m:?} = {g:?}"
            );
            // A minimum, not just a stationary point: higher all around.
            for k in 0..8 {
                let a = k as f64 * std::f64::consts::FRAC_PI_4;
                let q = [m[0] + 1e-3 * a.cos(), m[1] + 1e-3 * a.sin()];
                assert!(
                    l.value(q) > f,
                    "{l:?}: f{q:?} = {} is not above f{m:?} = {f}",
                    l.value(q)
                );
            }
        }
    }
    // The exact ones are exactly zero.
    assert_eq!(Landscape::Beale.value([3.0, 0.5]), 0.0);
    assert_eq!(Landscape::Beale.grad([3.0, 0.5]), [0.0, 0.0]);
    assert_eq!(Landscape::Himmelblau.value([3.0, 2.0]), 0.0);
    assert_eq!(Landscape::Himmelblau.grad([3.0, 2.0]), [0.0, 0.0]);
}

#[test]
fn saddle_and_indefinite_bowls_list_no_minima() {
    assert!(Landscape::Saddle.minima().is_empty());
    // The origin is stationary but f goes below it along y.
    assert_eq!(Landscape::Saddle.grad([0.0, 0.0]), [0.0, 0.0]);
    assert!(Landscape::Saddle.value([0.0, 0.1]) < 0.0);
    let q = Landscape::Quadratic(Quadratic {
        a: -0.1,
        b: 2.0,
        rotation: 0.0,
    });
    assert!(q.minima().is_empty());
    let q = Landscape::Quadratic(Quadratic {
        a: 0.1,
        b: -2.0,
        rotation: 45.0,
    });
    assert!(q.minima().is_empty());
}

#[test]
fn default_start_lies_inside_default_view_and_minima_too() {
    for l in all_default() {
        let v = l.default_view();
        assert!(v.x0 < v.x1 && v.y0 < v.y1, "{l:?}: {v:?}");
        assert!(
            v.contains(l.default_start()),
            "{l:?}: start {:?} outside {v:?}",
            l.default_start()
        );
        for m in l.minima() {
            assert!(v.contains(m), "{l:?}: minimum {m:?} outside {v:?}");
        }
        // The start is not already a minimum: there is something to watch.
        let g = l.grad(l.default_start());
        assert!(g[0] != 0.0 || g[1] != 0.0, "{l:?}");
    }
    // The seed's window and start.
    let l = Landscape::default();
    assert_eq!(l.default_start(), [-5.0, -2.0]);
    assert_eq!(
        Landscape::Rosenbrock(Rosenbrock::default()).default_view(),
        View::new([-2.0, 2.0], [-1.0, 3.0])
    );
}

/// A Rosenbrock scene with a non-default `a` and no explicit start begins at
/// the fixed default start (−1.5, 2), but its default window follows the
/// minimum (a, a²): for a = 3 the window is x ∈ [0, 4], y ∈ [7, 11] and the
/// run starts outside the picture.
#[test]
fn rosenbrock_default_start_inside_default_view_for_other_a() {
    for a in [-2.0, 0.0, 1.0, 2.0, 3.0] {
        let l = Landscape::Rosenbrock(Rosenbrock { a, b: 100.0 });
        let v = l.default_view();
        assert!(
            v.contains(l.default_start()),
            "a = {a}: start {:?} outside {v:?}",
            l.default_start()
        );
    }
}

#[test]
fn minima_lie_inside_views_for_other_parameters() {
    for l in variants() {
        let v = l.default_view();
        for m in l.minima() {
            assert!(v.contains(m), "{l:?}: minimum {m:?} outside {v:?}");
        }
    }
}

#[test]
fn view_geometry() {
    let v = View::new([-1.0, 3.0], [2.0, 2.5]);
    assert_eq!(v.width(), 4.0);
    assert_eq!(v.height(), 0.5);
    assert!(v.contains([-1.0, 2.0]) && v.contains([3.0, 2.5]) && v.contains([0.0, 2.2]));
    assert!(!v.contains([-1.0001, 2.2]) && !v.contains([0.0, 2.6]) && !v.contains([f64::NAN, 2.2]));
}

#[test]
fn formulas_name_their_parameters() {
    assert_eq!(Landscape::default().formula(), "f = 0.1·x² + 2·y²");
    let r = Landscape::Rosenbrock(Rosenbrock { a: 2.0, b: 5.0 }).formula();
    assert!(r.contains('2') && r.contains('5'), "{r}");
    assert!(Landscape::Quadratic(Quadratic {
        a: 1.0,
        b: 3.0,
        rotation: 30.0
    })
    .formula()
    .contains("30"));
}

// ---- the picture: grid, log scale, isolines, ticks, colormap ----

#[test]
fn grid_samples_cell_centres_top_row_first() {
    let l = Landscape::Saddle;
    let v = View::new([0.0, 4.0], [0.0, 2.0]);
    let g = Grid::sample(&l, v, 4, 2);
    assert_eq!((g.w, g.h, g.values.len()), (4, 2, 8));
    // Row 0 is the top: y = 1.5; row 1: y = 0.5. Columns at x = 0.5, 1.5, …
    assert_eq!(g.pos(0.0, 0.0), [0.5, 1.5]);
    assert_eq!(g.pos(3.0, 1.0), [3.5, 0.5]);
    for j in 0..2 {
        for i in 0..4 {
            assert_eq!(g.values[j * 4 + i], l.value(g.pos(i as f64, j as f64)));
        }
    }
    let (lo, hi) = g.range();
    assert_eq!(lo, 0.25 - 2.25);
    assert_eq!(hi, 12.25 - 0.25);
}

#[test]
fn log_scale_maps_range_to_unit_interval_monotonically() {
    let s = LogScale::new(2.0, 1002.0);
    assert_eq!(s.t(2.0), 0.0);
    assert!((s.t(1002.0) - 1.0).abs() < 1e-12);
    assert_eq!(s.t(-5.0), 0.0);
    assert_eq!(s.t(1e9), 1.0);
    let mut prev = -1.0;
    for k in 0..=100 {
        let f = 2.0 + 10f64.powf(k as f64 * 0.03) - 1.0;
        let t = s.t(f);
        assert!(t > prev || t == 1.0, "t({f}) = {t} after {prev}");
        prev = t;
        if f <= 1002.0 {
            assert!(
                (s.value(t) - f).abs() <= 1e-9 * f.abs().max(1.0),
                "value(t({f})) = {}",
                s.value(t)
            );
        }
    }
    // Four decades spread evenly: each decade of (f − lo) above δ takes the same t.
    // (δ = 0.1 here, so compare decades well above it.)
    let d1 = s.t(2.0 + 100.0) - s.t(2.0 + 10.0);
    let d2 = s.t(2.0 + 1000.0) - s.t(2.0 + 100.0);
    assert!(d1 > 0.2 && (d1 - d2).abs() < 0.005, "{d1} vs {d2}");
    let lv = s.levels(5);
    assert_eq!(lv.len(), 5);
    for (k, (t, f)) in lv.iter().enumerate() {
        assert!((t - (k + 1) as f64 / 6.0).abs() < 1e-15);
        assert!(*f > 2.0 && *f < 1002.0);
    }
    // A flat grid does not divide by zero.
    let flat = LogScale::new(3.0, 3.0);
    assert_eq!(flat.t(3.0), 0.0);
    assert_eq!(flat.value(0.5), 3.0);
}

#[test]
fn isolines_of_a_bowl_follow_the_level_set() {
    let l = Landscape::Quadratic(Quadratic {
        a: 1.0,
        b: 1.0,
        rotation: 0.0,
    });
    let v = View::new([-2.0, 2.0], [-2.0, 2.0]);
    let g = Grid::sample(&l, v, 120, 120);
    let lines = isolines(&g, 1.0);
    // One closed circle of radius 1.
    assert_eq!(lines.len(), 1, "{} polylines", lines.len());
    let line = &lines[0];
    assert!(line.len() > 100);
    assert!(
        (line[0][0] - line[line.len() - 1][0]).abs() < 1e-12
            && (line[0][1] - line[line.len() - 1][1]).abs() < 1e-12
    );
    for p in line {
        let r = (p[0] * p[0] + p[1] * p[1]).sqrt();
        assert!((r - 1.0).abs() < 2e-3, "{p:?} at radius {r}");
    }
    // A level above every sample has no isoline; below every sample neither.
    assert!(isolines(&g, 100.0).is_empty());
    assert!(isolines(&g, -1.0).is_empty());
    // Himmelblau at a low level: four small loops around the four minima.
    let h = Grid::sample(
        &Landscape::Himmelblau,
        View::new([-5.0, 5.0], [-5.0, 5.0]),
        200,
        200,
    );
    assert_eq!(isolines(&h, 5.0).len(), 4);
}

#[test]
fn ticks_are_nice_and_cover_the_range() {
    assert_eq!(ticks(0.0, 10.0, 5), vec![0.0, 2.0, 4.0, 6.0, 8.0, 10.0]);
    assert_eq!(
        ticks(-5.5, 1.0, 7),
        vec![-5.0, -4.0, -3.0, -2.0, -1.0, 0.0, 1.0]
    );
    // Fewer wanted: the step grows to the next nice number (2), ticks stay on multiples.
    assert_eq!(ticks(-5.5, 1.0, 6), vec![-4.0, -2.0, 0.0]);
    // Float noise is cleaned: exact zero, and multiples of 0.1 to 1e-12.
    let t = ticks(-0.3, 0.3, 6);
    assert_eq!(t.len(), 7, "{t:?}");
    assert!(t.contains(&0.0), "{t:?}");
    for (k, v) in t.iter().enumerate() {
        assert!((v - (k as f64 - 3.0) * 0.1).abs() < 1e-12, "{t:?}");
    }
    assert!(ticks(1.0, 1.0, 5).is_empty());
    assert!(ticks(2.0, 1.0, 5).is_empty());
    assert!(ticks(0.0, f64::INFINITY, 5).is_empty());
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn ticks_property(lo in -1e6..1e6f64, span in 1e-3..1e6f64, n in 3usize..12) {
        let hi = lo + span;
        let t = ticks(lo, hi, n);
        prop_assert!(!t.is_empty());
        prop_assert!(t.len() <= 2 * n + 2, "{} ticks for n = {}", t.len(), n);
        let step = if t.len() > 1 { t[1] - t[0] } else { span };
        for v in &t {
            prop_assert!(*v >= lo - 1e-9 * span.max(lo.abs()) && *v <= hi + 1e-9 * span.max(hi.abs()),
                "{} outside [{}, {}]", v, lo, hi);
        }
        if t.len() > 1 {
            // 1, 2 or 5 × 10ᵏ.
            let m = step / 10f64.powf(step.log10().floor());
            prop_assert!([1.0, 2.0, 5.0, 10.0].iter().any(|x| (m - x).abs() < 1e-6), "step {}", step);
            for w in t.windows(2) {
                prop_assert!(((w[1] - w[0]) - step).abs() <= 1e-6 * step);
            }
        }
    }
}

#[test]
fn colormap_is_viridis_and_clamped() {
    // Viridis runs from dark purple to yellow.
    let lo = colormap(0.0);
    let hi = colormap(1.0);
    assert_eq!(lo, [68, 1, 84]);
    assert_eq!(hi, [253, 231, 37]);
    assert_eq!(colormap(-3.0), lo);
    assert_eq!(colormap(7.0), hi);
    assert_eq!(colormap(f64::NAN), hi);
    let mid = colormap(0.5);
    assert!(mid != lo && mid != hi);
    // Perceptually ordered: lightness (here the green channel) increases.
    let greens: Vec<u8> = (0..=10).map(|k| colormap(k as f64 / 10.0)[1]).collect();
    assert!(greens.windows(2).all(|w| w[0] < w[1]), "{greens:?}");
}

#[test]
fn tick_labels_drop_float_noise() {
    assert_eq!(tick_label(0.30000000000000004), "0.3");
    assert_eq!(tick_label(-0.0), "0");
    assert_eq!(tick_label(5.0), "5");
    assert_eq!(tick_label(-2.5), "-2.5");
    assert_eq!(tick_label(1200.0), "1200");
    let labels: Vec<String> = ticks(-5.5, 1.0, 7).into_iter().map(tick_label).collect();
    assert_eq!(labels, ["-5", "-4", "-3", "-2", "-1", "0", "1"]);
}

/// A view may be as narrow as 1e-9 (scene validation): labels must stay
/// distinct when zoomed on a minimum, x ∈ [0, 1e-6].
#[test]
fn tick_labels_of_a_narrow_view_are_distinct() {
    let t = ticks(0.0, 1e-6, 5);
    assert!(t.len() >= 3);
    let labels: Vec<String> = t.iter().map(|v| tick_label(*v)).collect();
    let distinct: std::collections::BTreeSet<&String> = labels.iter().collect();
    assert_eq!(distinct.len(), labels.len(), "{t:?} → {labels:?}");
}
