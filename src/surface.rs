//! The picture of a surface: samples on a grid, a log colour scale through a
//! colour-blind-safe perceptually uniform map (viridis), log-spaced isoline
//! levels and marching-squares isolines. Used by the canvas and the SVG.

use crate::landscape::{Landscape, View};
use crate::math;
use crate::Vec2;
use std::collections::HashMap;

/// Okabe–Ito colours for trajectories (colour-blind safe), in the order
/// optimizers take them; yellow is left out (invisible on light paper).
pub const PALETTE: [&str; 7] = [
    "#E69F00", "#56B4E9", "#009E73", "#D55E00", "#CC79A7", "#0072B2", "#000000",
];

/// The colour of the `i`-th optimizer of a scene.
pub fn palette(i: usize) -> &'static str {
    PALETTE[i % PALETTE.len()]
}

/// Viridis at t ∈ [0, 1] as RGB.
pub fn colormap(t: f64) -> [u8; 3] {
    let t = if t.is_finite() {
        t.clamp(0.0, 1.0)
    } else {
        1.0
    };
    let c = colorous::VIRIDIS.eval_continuous(t);
    [c.r, c.g, c.b]
}

/// A 256-entry lookup table of [`colormap`].
pub fn colormap_lut() -> Vec<[u8; 3]> {
    (0..256).map(|i| colormap(i as f64 / 255.0)).collect()
}

/// Samples of f at the centres of a w × h grid over a view; row 0 is the top
/// (y = y1). Non-finite values are replaced by the largest finite one.
#[derive(Debug, Clone)]
pub struct Grid {
    /// Columns.
    pub w: usize,
    /// Rows.
    pub h: usize,
    /// The window sampled.
    pub view: View,
    /// Row-major values.
    pub values: Vec<f64>,
}

impl Grid {
    /// Sample a landscape at w × h cell centres.
    pub fn sample(l: &Landscape, view: View, w: usize, h: usize) -> Grid {
        let (w, h) = (w.max(2), h.max(2));
        let mut values = Vec::with_capacity(w * h);
        for j in 0..h {
            let y = view.y1 - (j as f64 + 0.5) / h as f64 * view.height();
            for i in 0..w {
                let x = view.x0 + (i as f64 + 0.5) / w as f64 * view.width();
                values.push(l.value([x, y]));
            }
        }
        let max = values
            .iter()
            .copied()
            .filter(|v| v.is_finite())
            .fold(f64::MIN, f64::max);
        let max = if max == f64::MIN { 0.0 } else { max };
        for v in &mut values {
            if !v.is_finite() {
                *v = max;
            }
        }
        Grid { w, h, view, values }
    }

    /// The world position of sample (i, j).
    pub fn pos(&self, i: f64, j: f64) -> Vec2 {
        [
            self.view.x0 + (i + 0.5) / self.w as f64 * self.view.width(),
            self.view.y1 - (j + 0.5) / self.h as f64 * self.view.height(),
        ]
    }

    /// Smallest and largest sample.
    pub fn range(&self) -> (f64, f64) {
        let lo = self.values.iter().copied().fold(f64::INFINITY, f64::min);
        let hi = self
            .values
            .iter()
            .copied()
            .fold(f64::NEG_INFINITY, f64::max);
        (lo, hi)
    }
}

/// The log colour scale: t = ln((f − lo + δ)/δ) / ln((hi − lo + δ)/δ) with
/// δ = (hi − lo)·1e-4, so the window's minimum maps to 0, its maximum to 1,
/// and four decades of loss above the minimum are spread evenly.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LogScale {
    lo: f64,
    delta: f64,
    inv_span: f64,
}

impl LogScale {
    /// The scale for values in [lo, hi].
    pub fn new(lo: f64, hi: f64) -> LogScale {
        let range = hi - lo;
        if range.is_nan() || range <= 0.0 || !range.is_finite() {
            return LogScale {
                lo,
                delta: 1.0,
                inv_span: 0.0,
            };
        }
        let delta = range * 1e-4;
        let span = math::ln((range + delta) / delta);
        LogScale {
            lo,
            delta,
            inv_span: 1.0 / span,
        }
    }

    /// The scale of a grid.
    pub fn of(grid: &Grid) -> LogScale {
        let (lo, hi) = grid.range();
        LogScale::new(lo, hi)
    }

    /// f → t ∈ [0, 1].
    pub fn t(&self, f: f64) -> f64 {
        if self.inv_span == 0.0 {
            return 0.0;
        }
        let d = (f - self.lo).max(0.0);
        (math::ln((d + self.delta) / self.delta) * self.inv_span).clamp(0.0, 1.0)
    }

    /// t → f (the inverse of [`LogScale::t`]).
    pub fn value(&self, t: f64) -> f64 {
        if self.inv_span == 0.0 {
            return self.lo;
        }
        self.lo + self.delta * (libm::exp(t / self.inv_span) - 1.0)
    }

    /// `n` isoline levels, evenly spaced in t strictly inside (0, 1).
    pub fn levels(&self, n: usize) -> Vec<(f64, f64)> {
        (1..=n)
            .map(|k| {
                let t = k as f64 / (n + 1) as f64;
                (t, self.value(t))
            })
            .collect()
    }
}

/// RGBA pixels of a grid under a log scale (the heatmap).
pub fn raster_rgba(grid: &Grid, scale: &LogScale) -> Vec<u8> {
    let lut = colormap_lut();
    let mut out = Vec::with_capacity(grid.values.len() * 4);
    for &v in &grid.values {
        let idx = (scale.t(v) * 255.0).round() as usize;
        let c = lut[idx.min(255)];
        out.extend_from_slice(&[c[0], c[1], c[2], 255]);
    }
    out
}

/// Isolines of a grid at one level, as polylines in world coordinates
/// (marching squares, segments chained through shared cell edges).
pub fn isolines(grid: &Grid, level: f64) -> Vec<Vec<Vec2>> {
    let (w, h) = (grid.w, grid.h);
    let val = |i: usize, j: usize| grid.values[j * w + i];
    // Edge ids: horizontal edge (i,j)-(i+1,j) → 2·(j·w+i); vertical
    // (i,j)-(i,j+1) → 2·(j·w+i)+1.
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
            let top = cross(hid(i, j), (i, j), (i + 1, j));
            let right = cross(vid(i + 1, j), (i + 1, j), (i + 1, j + 1));
            let bottom = cross(hid(i, j + 1), (i, j + 1), (i + 1, j + 1));
            let left = cross(vid(i, j), (i, j), (i, j + 1));
            let e: Vec<usize> = [top, right, bottom, left]
                .iter()
                .flatten()
                .copied()
                .collect();
            match e.len() {
                2 => segs.push((e[0], e[1])),
                4 => {
                    let centre =
                        (val(i, j) + val(i + 1, j) + val(i + 1, j + 1) + val(i, j + 1)) / 4.0;
                    let a_below = val(i, j) < level;
                    if (centre < level) == a_below {
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
    chain(&segs, &points)
}

fn chain(segs: &[(usize, usize)], points: &HashMap<usize, Vec2>) -> Vec<Vec<Vec2>> {
    let mut at: HashMap<usize, Vec<usize>> = HashMap::new();
    for (k, &(a, b)) in segs.iter().enumerate() {
        at.entry(a).or_default().push(k);
        at.entry(b).or_default().push(k);
    }
    let mut used = vec![false; segs.len()];
    let mut lines = Vec::new();
    let walk = |start_edge: usize, used: &mut Vec<bool>| -> Vec<usize> {
        let mut ids = Vec::new();
        let mut edge = start_edge;
        loop {
            let next = at
                .get(&edge)
                .and_then(|ks| ks.iter().copied().find(|&k| !used[k]));
            let Some(k) = next else { break };
            used[k] = true;
            let (a, b) = segs[k];
            edge = if a == edge { b } else { a };
            ids.push(edge);
        }
        ids
    };
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
        lines.push(
            ids.iter()
                .filter_map(|id| points.get(id).copied())
                .collect(),
        );
    }
    lines
}

/// "Nice" axis ticks (1, 2, 5 × 10ᵏ) covering [lo, hi], about `n` of them.
pub fn ticks(lo: f64, hi: f64, n: usize) -> Vec<f64> {
    let span = hi - lo;
    if span.is_nan() || span <= 0.0 || !span.is_finite() {
        return vec![];
    }
    let raw = span / n.max(1) as f64;
    let mag = libm::pow(10.0, libm::floor(math::log10(raw)));
    let step = [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * mag)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * mag);
    let first = libm::ceil(lo / step - 1e-9);
    let mut out = Vec::new();
    let mut k = first;
    while k * step <= hi + step * 1e-9 && out.len() < 100 {
        let v = k * step;
        out.push(if v.abs() < step * 1e-9 { 0.0 } else { v });
        k += 1.0;
    }
    out
}

/// A tick label without float noise: 0.30000000000000004 → "0.3",
/// 2e-7 → "2e-7" (10 significant digits, exponent form for tiny or huge).
pub fn tick_label(v: f64) -> String {
    if !v.is_finite() {
        return String::new();
    }
    let r: f64 = format!("{v:.9e}").parse().unwrap_or(v);
    if r == 0.0 {
        "0".to_string()
    } else if r.abs() < 1e-3 || r.abs() >= 1e6 {
        format!("{r:e}")
    } else {
        format!("{r}")
    }
}
