//! The picture helpers built on the loss surfaces: grid, log scale,
//! isolines, ticks and their labels, colormap.
#![cfg(not(target_arch = "wasm32"))]

use gradscape::format::tick_label;
use gradscape::landscape::Quadratic;
use gradscape::surface::{colormap, isolines, ticks, Grid, LogScale};
use gradscape::{Landscape, View};
use proptest::prelude::*;

#[allow(dead_code)]
#[path = "common/landscapes.rs"]
mod landscapes;
use landscapes::*;

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
