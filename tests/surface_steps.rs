//! The heatmap's table of colour steps (surface/steps.rs) and the row-fused
//! `Raster` against the plain statement of the picture: f at every centre
//! through `Landscape::value`, ±∞ samples as the largest finite
//! one, each colour `lut[LogScale::index(v)]` through libm's logarithm,
//! grey (`UNDEFINED_RGBA`) where f is NaN —
//! the same bytes, on hard cases: holes (NaN, ±∞), a flat surface, a huge
//! offset, tiny and odd sizes, and scales from 1e-300 to 1e300 wide.
#![cfg(not(target_arch = "wasm32"))]

use gradscape::landscape::{Expr, Quadratic, Rastrigin, View};
use gradscape::surface::{colormap_lut_rgba, LogScale, Raster, Steps, UNDEFINED_RGBA};
use gradscape::Landscape;

#[path = "common/surface.rs"]
mod surface_common;
use surface_common::{exact_grid, undefined, Rng};

/// The picture the plain way, and its scale.
fn plain(l: &Landscape, view: View, w: usize, h: usize) -> (Vec<u8>, LogScale) {
    let (w, h) = (w.max(2), h.max(2));
    let (v, lo, hi) = exact_grid(l, view, w, h);
    let scale = LogScale::new(lo, hi);
    let lut = colormap_lut_rgba();
    // Where f is undefined (NaN), the grey of no value.
    let px = v
        .iter()
        .zip(undefined(l, view, w, h))
        .flat_map(|(&x, u)| {
            if u {
                UNDEFINED_RGBA
            } else {
                lut[scale.index(x) as usize]
            }
        })
        .collect();
    (px, scale)
}

/// v moved by d floats (in the order of the reals).
fn ulps(v: f64, d: i64) -> f64 {
    use gradscape::math::{float_order, from_float_order};
    from_float_order(float_order(v) + i128::from(d))
}

fn expr(src: &str) -> Landscape {
    Landscape::Expr(Expr::parse(src).unwrap())
}

#[test]
fn the_raster_is_the_plain_picture_on_hard_cases() {
    let mut r = Raster::default();
    let cases: Vec<(Landscape, View)> = vec![
        // Separable: the range from the terms alone.
        (Landscape::default(), Landscape::default().default_view()),
        (
            Landscape::Rastrigin(Rastrigin::default()),
            View::new([-5.12, 5.12], [-5.12, 5.12]),
        ),
        (Landscape::Saddle, View::new([-3.0, 2.0], [-1.0, 4.0])),
        // …where a corner overflows to ∞ (the terms' extremes say nothing).
        (
            Landscape::Quadratic(Quadratic {
                a: 1.0,
                b: 1.0,
                rotation: 0.0,
            }),
            View::new([-1e160, 1e160], [-1.0, 1.0]),
        ),
        (
            Landscape::Saddle,
            View::new([-1e160, 1e160], [-1e160, 1e160]),
        ),
        (
            Landscape::Rastrigin(Rastrigin { a: 10.0 }),
            View::new([-1e200, 1e200], [-1e200, 1e200]),
        ),
        // Formulas c(x) ± r(y): their range from the terms too…
        (expr("0.1*x^2 + 2*y^2"), View::new([-5.0, 5.0], [-5.0, 5.0])),
        (expr("cos(y) - x^3"), View::new([-2.0, 3.0], [-1.0, 4.0])),
        (expr("x^3 - exp(y)"), View::new([-2.0, 3.0], [-1.0, 4.0])),
        (expr("2*y + x"), View::new([-1.0, 1.0], [-1.0, 1.0])),
        // …unless a corner overflows, or a term is not finite somewhere.
        (
            expr("x + y"),
            View::new([-1.7e308, 1.7e308], [-1.7e308, 1.7e308]),
        ),
        (expr("ln(x) + y^2"), View::new([-1.0, 1.0], [-1.0, 1.0])),
        (expr("x^2 + 1/y"), View::new([-1.0, 1.0], [-1.0, 1.0])),
        // Row by row: built-ins and formulas.
        (
            Landscape::from_kind("rosenbrock").unwrap(),
            View::new([-2.0, 2.0], [-1.0, 3.0]),
        ),
        (Landscape::Beale, View::new([-4.5, 4.5], [-4.5, 4.5])),
        // A flat surface: one colour.
        (expr("7"), View::new([-5.0, 5.0], [-5.0, 5.0])),
        // A huge offset: the colour comes from the f64 difference f − lo.
        (
            expr("x^2 + y^2 + 1e12"),
            View::new([-5.0, 5.0], [-5.0, 5.0]),
        ),
        (
            expr("x^2 + y^2 + 1e15"),
            View::new([-1.0, 1.0], [-1.0, 1.0]),
        ),
        (expr("-1e300 + x"), View::new([-1.0, 1.0], [-1.0, 1.0])),
        // NaN over half the plane, ±∞ on the axes, no finite sample at all.
        (expr("sqrt(x) + y^2"), View::new([-2.0, 2.0], [-2.0, 2.0])),
        (expr("1/(x*y)"), View::new([-2.0, 2.0], [-2.0, 2.0])),
        (expr("ln(x*y) - 1/x"), View::new([-3.0, 3.0], [-3.0, 3.0])),
        (expr("sqrt(-1 - x^2)"), View::new([-1.0, 1.0], [-1.0, 1.0])),
        // Tiny ranges near the smallest floats.
        (expr("1e-300*x"), View::new([0.0, 1.0], [0.0, 1.0])),
        (expr("1e-310*(x + y)"), View::new([0.0, 1.0], [0.0, 1.0])),
    ];
    // Odd widths: the SIMD steps of 4 and their scalar tail; 0 and 1 are
    // taken as 2 (as by Grid::sample).
    let sizes = [
        (0, 0),
        (1, 3),
        (2, 2),
        (3, 5),
        (7, 3),
        (13, 11),
        (64, 9),
        (101, 67),
    ];
    for (l, view) in &cases {
        for (w, h) in sizes {
            let (want, scale) = plain(l, *view, w, h);
            let got = r.render(l, *view, w, h);
            assert!(got == &want[..], "{l:?} {view:?} {w}×{h}");
            assert_eq!(r.scale, scale, "{l:?} {view:?} {w}×{h}: scale");
            assert_eq!((r.w, r.h), (w.max(2), h.max(2)));
        }
    }
}

#[test]
fn undefined_is_grey_and_infinite_the_top() {
    // sqrt(x): NaN for x < 0, the left half: grey, no colour of the map.
    let l = expr("sqrt(x) + y^2");
    let mut r = Raster::default();
    let px = r
        .render(&l, View::new([-2.0, 2.0], [-2.0, 2.0]), 40, 20)
        .to_vec();
    let lut = colormap_lut_rgba();
    assert!(!lut.contains(&UNDEFINED_RGBA));
    for j in 0..20 {
        for i in 0..40 {
            let p = &px[4 * (j * 40 + i)..][..4];
            if i < 20 {
                assert_eq!(p, UNDEFINED_RGBA, "({i}, {j})");
            } else {
                assert_ne!(p, UNDEFINED_RGBA, "({i}, {j})");
            }
        }
    }
    // 1/x: +∞ nowhere at pixel centres, but exp(1000) overflows to +∞ on
    // the right half: the top colour (very high), not grey.
    let px = r
        .render(
            &expr("exp(1000*x) + y"),
            View::new([-1.0, 1.0], [-1.0, 1.0]),
            8,
            4,
        )
        .to_vec();
    assert_eq!(px[4 * 7..][..4], lut[255]);
    // Infinite everywhere (1/0, 10^400): the top colour everywhere, not
    // the minimum's; undefined everywhere: grey.
    for src in ["1/0", "10^400", "-1/0"] {
        let px = r.render(&expr(src), View::new([0.0, 1.0], [0.0, 1.0]), 9, 5);
        assert!(px.chunks(4).all(|p| p == lut[255]), "{src}");
    }
    let px = r.render(
        &expr("ln(-1 - x^2)"),
        View::new([0.0, 1.0], [0.0, 1.0]),
        9,
        5,
    );
    assert!(px.chunks(4).all(|p| p == UNDEFINED_RGBA));
    // A flat surface is the bottom colour everywhere.
    let px = r.render(&expr("7"), View::new([0.0, 1.0], [0.0, 1.0]), 9, 5);
    assert!(px.chunks(4).all(|p| p == colormap_lut_rgba()[0]));
}

#[test]
fn every_ordinary_scale_is_tabled_and_exact() {
    // The table is the fast path: a scale it cannot hold would be coloured
    // through libm (right, slow). Ordinary scales, from a range of 1e-290
    // to 1e300, offset or not, must all be tabled, and exact on values
    // around every rounding boundary.
    let mut rng = Rng(11);
    let lut = colormap_lut_rgba();
    let mut ids = [[0u8; 4]; 256];
    for (k, id) in ids.iter_mut().enumerate() {
        id[0] = k as u8;
    }
    let mut out = vec![[0u8; 4]; 0];
    for case in 0..400 {
        let lo = match case % 4 {
            0 => 0.0,
            1 => (rng.next() - 0.5) * 1e6,
            2 => 1e12 * (1.0 + rng.next()),
            _ => -libm::pow(10.0, rng.next() * 600.0 - 300.0),
        };
        let range = libm::pow(10.0, rng.next() * 590.0 - 290.0);
        let hi = lo + range;
        if hi - lo <= 0.0 || !(hi - lo).is_finite() {
            continue;
        }
        let scale = LogScale::new(lo, hi);
        let steps = Steps::new(&scale, &ids);
        assert!(steps.tabled(), "{scale:?} is not tabled");
        assert!(Steps::new(&scale, &lut).tabled());
        let mut vs = vec![lo, hi, f64::NAN, f64::INFINITY, f64::NEG_INFINITY];
        for k in 1..=255u8 {
            // Where the index reaches k (bisection of the exact index), and
            // the floats either side.
            let (mut a, mut b) = (lo, hi);
            if scale.index(b) < k {
                continue;
            }
            loop {
                let m = a + (b - a) / 2.0;
                if m <= a || m >= b {
                    break;
                }
                if scale.index(m) >= k {
                    b = m;
                } else {
                    a = m;
                }
            }
            for d in -2..=2 {
                vs.push(ulps(b, d));
            }
        }
        vs.extend((0..200).map(|_| lo + (hi - lo) * rng.next()));
        out.resize(vs.len(), [0; 4]);
        steps.colour(&vs, &mut out);
        for (&v, o) in vs.iter().zip(&out) {
            assert_eq!(o[0], scale.index(v), "{v:e} under {scale:?}");
        }
        // The grid's rule: ±∞ is coloured as hi; NaN (undefined) grey.
        steps.colour_finite(&vs, hi, &mut out);
        for (&v, o) in vs.iter().zip(&out) {
            if v.is_nan() {
                assert_eq!(*o, UNDEFINED_RGBA);
                continue;
            }
            let want = scale.index(if v.is_finite() { v } else { hi });
            assert_eq!(o[0], want, "{v:e} under {scale:?}, holes as hi");
        }
    }
}

#[test]
fn separable_formulas_are_found() {
    use gradscape::landscape::expr::{Scratch, Sign};
    let xs = [-1.0, 0.5, 2.0];
    let mut s = Scratch::default();
    for (src, sign) in [
        ("0.1*x^2 + 2*y^2", Some(Sign::Plus)),
        ("2*y + x", Some(Sign::Plus)),
        ("x^3 - exp(y)", Some(Sign::ColumnMinusRow)),
        ("cos(y) - x^3", Some(Sign::RowMinusColumn)),
        ("x*y", None),
        ("x^2 + y^2 + x*y", None),
        ("sin(x)*cos(y) + 0.05*(x^2 + y^2)", None),
        ("x", None),
        ("7", None),
    ] {
        let Landscape::Expr(e) = expr(src) else {
            unreachable!()
        };
        e.tape().columns(&xs, &mut s);
        let got = e.tape().separable(&s).map(|p| p.sign);
        assert_eq!(got, sign, "{src}");
        if let Some(p) = e.tape().separable(&s) {
            // The terms give the samples, bit for bit.
            let (col, reg) = (p.column.to_vec(), p.row);
            let r = e.tape().row_term(0.75, reg, &mut s);
            for (i, &x) in xs.iter().enumerate() {
                let v = match sign.unwrap() {
                    Sign::Plus => col[i] + r,
                    Sign::ColumnMinusRow => col[i] - r,
                    Sign::RowMinusColumn => r - col[i],
                };
                assert_eq!(
                    v.to_bits(),
                    e.value([x, 0.75]).to_bits(),
                    "{src} at x = {x}"
                );
            }
        }
    }
}
