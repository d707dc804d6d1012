//! Loss surfaces, geometry: the listed minima (zero-valued, stationary,
//! strict), default windows and starts, view geometry and the formulas'
//! parameter names.
#![cfg(not(target_arch = "wasm32"))]

use gradscape::landscape::{Quadratic, Rosenbrock};
use gradscape::{Landscape, View};

#[allow(dead_code)]
#[path = "common/landscapes.rs"]
mod landscapes;
use landscapes::*;

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
    assert_eq!(Landscape::default().formula(), "f = 0.1·x₁² + 2·x₂²");
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
