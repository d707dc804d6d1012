//! The fast sampling path against the exact one: every built-in surface's
//! grid (x-terms per column, y-terms per row) and every formula's compiled
//! row program give the values of `Landscape::value` / the postfix
//! interpreter bit for bit, so the heatmap's pixels are the same bytes as
//! those of the per-sample path.
#![cfg(not(target_arch = "wasm32"))]

use gradscape::landscape::{Expr, Quadratic, Rastrigin, Rosenbrock, View};
use gradscape::surface::{
    colormap_lut_rgba, raster_into, Grid, LogScale, Raster, Sampler, UNDEFINED_RGBA,
};
use gradscape::Landscape;
use proptest::prelude::*;

#[allow(dead_code)]
#[path = "common/surface.rs"]
mod surface_common;
use surface_common::{exact_grid, undefined};

/// The same bits, or both NaN (NaN payloads are not part of the maths).
fn same(a: f64, b: f64) -> bool {
    a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan())
}

fn surfaces() -> Vec<Landscape> {
    let mut out = vec![
        Landscape::default(),
        Landscape::Quadratic(Quadratic {
            a: 0.7,
            b: -0.3,
            rotation: 33.0,
        }),
        Landscape::Quadratic(Quadratic {
            a: 1.5,
            b: 0.02,
            rotation: -120.0,
        }),
        Landscape::Rosenbrock(Rosenbrock::default()),
        Landscape::Rosenbrock(Rosenbrock { a: -0.4, b: 7.0 }),
        Landscape::Himmelblau,
        Landscape::Beale,
        Landscape::Saddle,
        Landscape::Rastrigin(Rastrigin::default()),
        Landscape::Rastrigin(Rastrigin { a: 2.5 }),
    ];
    for src in [
        "0.1*x^2 + 2*y^2",
        "(1 - x)^2 + 100*(y - x^2)^2",
        "sin(x)*cos(y) + 0.05*(x^2 + y^2)",
        "x^4 - 4*x^2 + y^2 + 0.5*x",
        "abs(x) + 10*abs(y)",
        "sqrt(x^2 + y^2) + max(x, y)^-1",
        "ln(x*y)",
        "2^x / (y^0 + 3*y^1) - exp(-x*y)",
        "7",
        "y",
        "x",
        "tanh(x - y)^3 + min(x, 2*pi) * tan(y/e)",
    ] {
        out.push(Landscape::Expr(Expr::parse(src).unwrap()));
    }
    out
}

#[test]
fn sampled_grids_are_value_at_every_centre_bit_for_bit() {
    let mut sampler = Sampler::default();
    let mut grid = Grid::sample(
        &Landscape::default(),
        View::new([0.0, 1.0], [0.0, 1.0]),
        2,
        2,
    );
    for l in surfaces() {
        let d = l.default_view();
        let views = [
            d,
            View::new([-5.0, 5.0], [-5.0, 5.0]),
            View::new([0.3, 0.31], [-2.0, 7.5]),
            View::new([-1e6, 3e6], [-2e5, 1e5]),
        ];
        for view in views {
            for (w, h) in [(2, 2), (17, 9), (160, 101)] {
                let (lo, hi) = grid.resample_with(&mut sampler, &l, view, w, h);
                let (want, wlo, whi) = exact_grid(&l, view, w, h);
                assert_eq!(grid.values.len(), w * h);
                for (k, (&g, &e)) in grid.values.iter().zip(&want).enumerate() {
                    assert!(same(g, e), "{l:?} {view:?} {w}×{h} #{k}: {g:e} vs {e:e}");
                }
                assert!(same(lo, wlo) && same(hi, whi), "{l:?}: range");
                // The pixels are the exact path's bytes.
                let lut = colormap_lut_rgba();
                let mut fast = vec![0; w * h * 4];
                raster_into(&grid.values, &LogScale::new(lo, hi), &lut, &mut fast);
                let mut exact = vec![0; w * h * 4];
                raster_into(&want, &LogScale::new(wlo, whi), &lut, &mut exact);
                assert!(fast == exact, "{l:?} {view:?}: pixels");
            }
        }
    }
}

#[test]
fn the_kept_raster_gives_the_per_sample_path_pixels() {
    let mut r = Raster::default();
    for l in surfaces() {
        let view = l.default_view();
        let (want, lo, hi) = exact_grid(&l, view, 233, 151);
        let mut exact = vec![0; want.len() * 4];
        raster_into(
            &want,
            &LogScale::new(lo, hi),
            &colormap_lut_rgba(),
            &mut exact,
        );
        for (px, _) in exact
            .chunks_mut(4)
            .zip(undefined(&l, view, 233, 151))
            .filter(|p| p.1)
        {
            px.copy_from_slice(&UNDEFINED_RGBA);
        }
        assert!(r.render(&l, view, 233, 151) == &exact[..], "{l:?}");
    }
}

/// A random formula over the whole language (every operator, function,
/// the exponents the compiler rewrites and others).
fn formula() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        Just("x".to_string()),
        Just("y".to_string()),
        Just("pi".to_string()),
        Just("e".to_string()),
        prop::sample::select(vec!["0", "1", "2", "0.5", "3", "1e-3", "10", "-1", "-2"])
            .prop_map(|s| format!("({s})")),
        (-50.0f64..50.0).prop_map(|v| format!("({v})")),
    ];
    leaf.prop_recursive(5, 40, 3, |inner| {
        prop_oneof![
            (
                inner.clone(),
                prop::sample::select(vec!["+", "-", "*", "/", "^"]),
                inner.clone()
            )
                .prop_map(|(a, op, b)| format!("({a} {op} {b})")),
            (
                inner.clone(),
                prop::sample::select(vec!["2", "1", "0", "-1", "3", "0.5", "4", "-2"])
            )
                .prop_map(|(a, k)| format!("({a})^({k})")),
            inner.clone().prop_map(|a| format!("-{a}")),
            (
                prop::sample::select(vec![
                    "sqrt", "exp", "ln", "log", "sin", "cos", "tan", "tanh", "abs"
                ]),
                inner.clone()
            )
                .prop_map(|(f, a)| format!("{f}({a})")),
            (
                prop::sample::select(vec!["min", "max"]),
                inner.clone(),
                inner
            )
                .prop_map(|(f, a, b)| format!("{f}({a}, {b})")),
        ]
    })
}

fn coordinate() -> impl Strategy<Value = f64> {
    prop_oneof![
        Just(0.0),
        Just(-0.0),
        Just(1.0),
        Just(-1.0),
        -5.0f64..5.0,
        -1e6f64..1e6,
        -1e-6f64..1e-6,
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn compiled_formulas_equal_the_interpreter_bit_for_bit(
        src in formula(),
        xs in prop::collection::vec(coordinate(), 1..12),
        ys in prop::collection::vec(coordinate(), 1..4),
    ) {
        // Some random formulas are too deep or long: those are not surfaces.
        let Ok(e) = Expr::parse(&src) else { return Ok(()) };
        let mut s = gradscape::landscape::expr::Scratch::default();
        e.tape().columns(&xs, &mut s);
        let mut row = vec![0.0; xs.len()];
        for &y in &ys {
            e.tape().row(y, &mut s, &mut row);
            for (&x, &got) in xs.iter().zip(&row) {
                let want = e.value([x, y]);
                prop_assert!(same(got, want), "{src} at ({x:e}, {y:e}): {got:e} vs {want:e}");
            }
        }
    }
}

#[test]
fn isolines_at_many_levels_are_each_levels_isolines() {
    use gradscape::surface::{isolines, isolines_at};
    for l in surfaces().into_iter().take(10) {
        let mut grid = Grid::sample(&l, l.default_view(), 157, 93);
        let levels: Vec<f64> = LogScale::of(&grid).levels(14).iter().map(|l| l.1).collect();
        let all = isolines_at(&grid, &levels);
        for (k, &level) in levels.iter().enumerate() {
            assert_eq!(all[k], isolines(&grid, level), "{l:?} level {k}");
        }
        // A NaN corner: its spans are always visited (never skipped).
        grid.values[40 * 157 + 70] = f64::NAN;
        let all = isolines_at(&grid, &levels);
        for (k, &level) in levels.iter().enumerate() {
            assert_eq!(all[k], isolines(&grid, level), "{l:?} with NaN, level {k}");
        }
        // Levels in any order, repeated, NaN, off the grid's range, and a
        // grid sample itself (a corner exactly on a level).
        let mut odd: Vec<f64> = levels.iter().rev().copied().collect();
        odd.extend([
            levels[3],
            f64::NAN,
            -1e300,
            1e300,
            grid.values[20 * 157 + 30],
        ]);
        let all = isolines_at(&grid, &odd);
        assert_eq!(all.len(), odd.len());
        for (k, &level) in odd.iter().enumerate() {
            assert_eq!(all[k], isolines(&grid, level), "{l:?} level {level}");
        }
    }
    assert!(isolines_at(
        &Grid::sample(&surfaces()[0], View::new([0.0, 1.0], [0.0, 1.0]), 2, 2),
        &[]
    )
    .is_empty());
    // More levels than a pass holds (255), in a shuffled order: each is
    // still its own isolines.
    let l = &surfaces()[1];
    let grid = Grid::sample(l, l.default_view(), 61, 37);
    let (lo, hi) = grid.range();
    let many: Vec<f64> = (0..600)
        .map(|k| lo + (hi - lo) * f64::from((k * 7919) % 600) / 600.0)
        .collect();
    let all = isolines_at(&grid, &many);
    for (k, &level) in many.iter().enumerate() {
        assert_eq!(all[k], isolines(&grid, level), "{l:?} level {k} of 600");
    }
}

#[test]
fn rosenbrocks_range_from_four_rows_a_column_is_the_samples_range() {
    // The range without sampling the grid (the valley's two rows and the
    // top and bottom of each column) must be the exact one: the same
    // scale and the same pixels as the per-sample path, over random
    // windows (the valley inside, beside or outside), parameters and
    // sizes; b = 0, b < 0 and overflowing windows take the rows' path.
    let mut rng = surface_common::Rng(29);
    let mut r = Raster::default();
    let mut cases: Vec<(Landscape, View, usize, usize)> = vec![
        (
            Landscape::Rosenbrock(Rosenbrock { a: 1.0, b: 0.0 }),
            View::new([-2.0, 2.0], [-1.0, 3.0]),
            31,
            17,
        ),
        (
            Landscape::Rosenbrock(Rosenbrock { a: 1.0, b: -3.0 }),
            View::new([-2.0, 2.0], [-1.0, 3.0]),
            31,
            17,
        ),
        (
            Landscape::Rosenbrock(Rosenbrock::default()),
            View::new([-1e160, 1e160], [-1e160, 1e160]),
            9,
            7,
        ),
        (
            Landscape::Rosenbrock(Rosenbrock::default()),
            View::new([0.999, 1.001], [0.999, 1.001]),
            2,
            2,
        ),
    ];
    for _ in 0..300 {
        let (cx, cy) = (rng.next() * 8.0 - 4.0, rng.next() * 12.0 - 2.0);
        let (sw, sh) = (
            10f64.powf(rng.next() * 6.0 - 4.0),
            10f64.powf(rng.next() * 6.0 - 4.0),
        );
        let l = Landscape::Rosenbrock(Rosenbrock {
            a: rng.next() * 6.0 - 3.0,
            b: 10f64.powf(rng.next() * 6.0 - 3.0),
        });
        let (w, h) = (
            2 + (rng.next() * 60.0) as usize,
            2 + (rng.next() * 60.0) as usize,
        );
        cases.push((l, View::new([cx - sw, cx + sw], [cy - sh, cy + sh]), w, h));
    }
    for (l, view, w, h) in &cases {
        let (want, lo, hi) = exact_grid(l, *view, *w, *h);
        let mut exact = vec![0; want.len() * 4];
        let scale = LogScale::new(lo, hi);
        raster_into(&want, &scale, &colormap_lut_rgba(), &mut exact);
        let got = r.render(l, *view, *w, *h);
        assert!(got == &exact[..], "{l:?} {view:?} {w}×{h}: pixels");
        assert_eq!(r.scale, scale, "{l:?} {view:?} {w}×{h}: scale");
    }
}
