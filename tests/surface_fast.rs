//! The fast heatmap and isolines against straightforward statements of the
//! same maths: the colour index of every sample equals round(255·t(f)) of
//! the documented log scale exactly (the table of steps has no logarithm
//! and no rounding of its own), and the isolines are exactly those of the
//! plain hash-map marching squares.

use gradscape::landscape::{Landscape, Quadratic, Rastrigin, Rosenbrock, View};
use gradscape::surface::{
    colormap_lut, isolines, raster_into, raster_rgba, Grid, LogScale, Raster,
};
use gradscape::Vec2;
use std::collections::HashMap;

#[allow(dead_code)]
#[path = "common/surface.rs"]
mod surface_common;
use surface_common::Rng;

/// Exact index of a value (f64 logarithm): round(255·t(f)).
fn exact(scale: &LogScale, v: f64) -> u8 {
    (scale.t(v) * 255.0).round() as u8
}

/// Every value's fast index is the exact one; returns how many values lie
/// within 1e-4 of a rounding boundary (where a logarithm in single
/// precision, the previous fast path, could be one step off).
fn check_indices(scale: &LogScale, values: &[f64]) -> usize {
    let mut got = vec![0u8; values.len()];
    scale.indices(values, &mut got);
    let mut near = 0;
    for (&v, &g) in values.iter().zip(&got) {
        let x = scale.t(v) * 255.0;
        if ((x - x.floor()) - 0.5).abs() < 1e-4 {
            near += 1;
        }
        assert_eq!(g, exact(scale, v), "f = {v:e} under {scale:?}");
    }
    near
}

#[test]
fn fast_colour_index_equals_the_documented_scale() {
    let mut rng = Rng(42);
    let mut near = 0;
    for case in 0..60 {
        // Ranges from tiny to huge, offset far from zero or not.
        let lo = if case % 3 == 0 {
            0.0
        } else {
            (rng.next() - 0.5) * 1e6
        };
        let range = libm::pow(10.0, rng.next() * 40.0 - 20.0);
        let scale = LogScale::new(lo, lo + range);
        let values: Vec<f64> = (0..20_000)
            .map(|k| match k % 4 {
                // Log-uniform over the four decades above the minimum…
                0 | 1 => lo + range * libm::pow(10.0, -4.0 * rng.next()),
                // …uniform over the range, and outside it.
                2 => lo + range * rng.next(),
                _ => lo + range * (rng.next() * 3.0 - 1.0),
            })
            .collect();
        near += check_indices(&scale, &values);
    }
    assert!(near > 0, "no value near a rounding boundary was tried");
    // Exactly at every level, every rounding boundary and the floats
    // either side of it, and the ends.
    let scale = LogScale::new(2.0, 1002.0);
    let mut at: Vec<f64> = [2.0, 1002.0, -1e300, 1e300, f64::NAN, f64::INFINITY]
        .into_iter()
        .chain([f64::NEG_INFINITY, f64::MAX, f64::MIN, 0.0, -0.0, 1.9999])
        .collect();
    for k in 0..=510 {
        let v = scale.value(k as f64 / 510.0);
        let (down, up) = (
            f64::from_bits(v.to_bits() - 1),
            f64::from_bits(v.to_bits() + 1),
        );
        at.extend([down, v, up]);
    }
    check_indices(&scale, &at);
    // A flat scale is all index 0, like t.
    let flat = LogScale::new(3.0, 3.0);
    let mut out = [9u8; 3];
    flat.indices(&[3.0, 4.0, f64::NAN], &mut out);
    assert_eq!(out, [0, 0, 0]);
}

#[test]
fn raster_pixels_are_the_lut_colour_of_each_sample() {
    let l = Landscape::Rosenbrock(Rosenbrock::default());
    let view = l.default_view();
    let grid = Grid::sample(&l, view, 301, 203);
    let scale = LogScale::of(&grid);
    let rgba = raster_rgba(&grid, &scale);
    assert_eq!(rgba.len(), 301 * 203 * 4);
    let lut = colormap_lut();
    for (k, &v) in grid.values.iter().enumerate() {
        let px = &rgba[4 * k..4 * k + 4];
        let c = lut[exact(&scale, v) as usize];
        assert_eq!(px[..3], c[..], "sample {k}");
        assert_eq!(px[3], 255);
    }
    // The reusable raster gives the same bytes, twice (buffers reused).
    let mut r = Raster::default();
    assert_eq!(r.render(&l, view, 301, 203), &rgba[..]);
    let small = r.render(&l, view, 50, 40).to_vec();
    assert_eq!(small.len(), 50 * 40 * 4);
    assert_eq!(r.render(&l, view, 301, 203), &rgba[..]);
    // raster_into checks the buffer size.
    let res = std::panic::catch_unwind(|| {
        let mut short = vec![0u8; 7];
        raster_into(&[1.0, 2.0], &scale, &[[0; 4]; 256], &mut short);
    });
    assert!(res.is_err());
}

#[test]
fn non_finite_samples_take_the_largest_finite_value() {
    // A saddle far out overflows to ±inf at the corners: those samples must
    // come back as the largest finite value, and colour as the top of the map.
    let l = Landscape::Rastrigin(Rastrigin { a: 10.0 });
    let big = View::new([-1e200, 1e200], [-1e200, 1e200]);
    let g = Grid::sample(&l, big, 9, 7);
    assert!(g.values.iter().all(|v| v.is_finite()), "{:?}", g.values);
    let q = Landscape::Quadratic(Quadratic {
        a: 1.0,
        b: 1.0,
        rotation: 0.0,
    });
    let g = Grid::sample(&q, View::new([-1e160, 1e160], [-1.0, 1.0]), 5, 3);
    let (lo, hi) = g.range();
    assert!(lo.is_finite() && hi.is_finite(), "{lo} {hi}");
    // Columns 0 and 4 overflow (x² = 1.6e319): they take the largest finite value.
    for j in 0..3 {
        assert_eq!(g.values[j * 5], hi);
        assert_eq!(g.values[j * 5 + 4], hi);
        assert!(g.values[j * 5 + 2] < 1.0);
    }
}

/// The previous implementation, kept as the reference: edge ids in a hash map.
fn isolines_reference(grid: &Grid, level: f64) -> Vec<Vec<Vec2>> {
    let (w, h) = (grid.w, grid.h);
    let val = |i: usize, j: usize| grid.values[j * w + i];
    let hid = |i: usize, j: usize| 2 * (j * w + i);
    let vid = |i: usize, j: usize| 2 * (j * w + i) + 1;
    let mut points: HashMap<usize, Vec2> = HashMap::new();
    let mut cross = |id: usize, a: (usize, usize), b: (usize, usize)| -> Option<usize> {
        let (va, vb) = (val(a.0, a.1), val(b.0, b.1));
        if (va < level) == (vb < level) {
            return None;
        }
        points.entry(id).or_insert_with(|| {
            let s = (level - va) / (vb - va);
            let s = if s.is_finite() {
                s.clamp(0.0, 1.0)
            } else {
                0.5
            };
            grid.pos(
                a.0 as f64 + s * (b.0 as f64 - a.0 as f64),
                a.1 as f64 + s * (b.1 as f64 - a.1 as f64),
            )
        });
        Some(id)
    };
    let mut segs: Vec<(usize, usize)> = Vec::new();
    for j in 0..h - 1 {
        for i in 0..w - 1 {
            let e: Vec<usize> = [
                cross(hid(i, j), (i, j), (i + 1, j)),
                cross(vid(i + 1, j), (i + 1, j), (i + 1, j + 1)),
                cross(hid(i, j + 1), (i, j + 1), (i + 1, j + 1)),
                cross(vid(i, j), (i, j), (i, j + 1)),
            ]
            .iter()
            .flatten()
            .copied()
            .collect();
            match e.len() {
                2 => segs.push((e[0], e[1])),
                4 => {
                    let centre =
                        (val(i, j) + val(i + 1, j) + val(i + 1, j + 1) + val(i, j + 1)) / 4.0;
                    if (centre < level) == (val(i, j) < level) {
                        segs.push((e[0], e[1]));
                        segs.push((e[2], e[3]));
                    } else {
                        segs.push((e[0], e[3]));
                        segs.push((e[1], e[2]));
                    }
                }
                _ => {}
            }
        }
    }
    let mut at: HashMap<usize, Vec<usize>> = HashMap::new();
    for (k, &(a, b)) in segs.iter().enumerate() {
        at.entry(a).or_default().push(k);
        at.entry(b).or_default().push(k);
    }
    let mut used = vec![false; segs.len()];
    let walk = |start: usize, used: &mut Vec<bool>| -> Vec<usize> {
        let mut ids = Vec::new();
        let mut edge = start;
        while let Some(k) = at
            .get(&edge)
            .and_then(|ks| ks.iter().copied().find(|&k| !used[k]))
        {
            used[k] = true;
            let (a, b) = segs[k];
            edge = if a == edge { b } else { a };
            ids.push(edge);
        }
        ids
    };
    let mut lines = Vec::new();
    for k in 0..segs.len() {
        if used[k] {
            continue;
        }
        used[k] = true;
        let (a, b) = segs[k];
        let forward = walk(b, &mut used);
        let backward = walk(a, &mut used);
        let mut ids: Vec<usize> = backward.into_iter().rev().collect();
        ids.push(a);
        ids.push(b);
        ids.extend(forward);
        lines.push(ids.iter().map(|id| points[id]).collect());
    }
    lines
}

#[test]
fn isolines_equal_the_hash_map_reference_on_every_surface() {
    for kind in [
        "quadratic",
        "rosenbrock",
        "himmelblau",
        "beale",
        "saddle",
        "rastrigin",
    ] {
        let l = Landscape::from_kind(kind).unwrap();
        for (w, h) in [(2, 2), (3, 7), (97, 61), (160, 100)] {
            let grid = Grid::sample(&l, l.default_view(), w, h);
            let scale = LogScale::of(&grid);
            let mut count = 0;
            for (_, level) in scale.levels(14) {
                let got = isolines(&grid, level);
                let want = isolines_reference(&grid, level);
                assert_eq!(got, want, "{kind} {w}×{h} at level {level}");
                count += got.len();
            }
            if w > 50 {
                assert!(count > 0, "{kind} {w}×{h} has isolines");
            }
        }
    }
}
