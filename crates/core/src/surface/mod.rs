//! The picture of a surface: samples on a grid, a log colour scale through a
//! colour-blind-safe perceptually uniform map (viridis), log-spaced isoline
//! levels and marching-squares isolines. Used by the canvas and the SVG.

mod isolines;
mod mark;
mod raster;
mod ticks;

pub use isolines::isolines;
pub use mark::{mark, Mark, Marker};
pub use raster::{fast_ln, raster_into, raster_rgba, LogScale, Raster};
pub use ticks::ticks;

use crate::landscape::{Landscape, View};
use crate::Vec2;

/// Okabe–Ito colours for trajectories (colour-blind safe), in the order
/// optimizers take them; yellow is left out (invisible on light paper).
pub const PALETTE: [&str; 7] = [
    "#E69F00", "#56B4E9", "#009E73", "#D55E00", "#CC79A7", "#0072B2", "#000000",
];

/// The colour of the `i`-th optimizer of a scene (its whole [`mark`] tells
/// it apart from every other run).
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

/// [`colormap_lut`] as RGBA pixels, ready to copy into an image.
pub fn colormap_lut_rgba() -> [[u8; 4]; 256] {
    let mut lut = [[0, 0, 0, 255]; 256];
    for (i, px) in lut.iter_mut().enumerate() {
        let [r, g, b] = colormap(i as f64 / 255.0);
        *px = [r, g, b, 255];
    }
    lut
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
        let mut grid = Grid {
            w: 0,
            h: 0,
            view,
            values: Vec::new(),
        };
        grid.resample(l, view, w, h);
        grid
    }

    /// [`Grid::sample`] into this grid, reusing its buffer; returns
    /// [`Grid::range`], found on the way.
    pub fn resample(&mut self, l: &Landscape, view: View, w: usize, h: usize) -> (f64, f64) {
        let (w, h) = (w.max(2), h.max(2));
        self.w = w;
        self.h = h;
        self.view = view;
        self.values.clear();
        self.values.resize(w * h, 0.0);
        // The column abscissae once, not a division per sample; the same
        // expression as `pos`, so a sample is f(pos(i, j)) exactly.
        let xs: Vec<f64> = (0..w)
            .map(|i| view.x0 + (i as f64 + 0.5) / w as f64 * view.width())
            .collect();
        let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
        let mut any_bad = false;
        for (j, row) in self.values.chunks_exact_mut(w).enumerate() {
            let y = view.y1 - (j as f64 + 0.5) / h as f64 * view.height();
            let (row_lo, row_hi, bad) = fill_row(l, &xs, y, row);
            // Comparisons, not f64::min/max (calls in wasm).
            if row_lo < lo {
                lo = row_lo;
            }
            if row_hi > hi {
                hi = row_hi;
            }
            any_bad |= bad;
        }
        if hi < lo {
            // No finite sample at all.
            (lo, hi) = (0.0, 0.0);
        }
        if any_bad {
            for v in &mut self.values {
                if !v.is_finite() {
                    *v = hi;
                }
            }
        }
        (lo, hi)
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
        let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
        for &v in &self.values {
            // Comparisons, not f64::min/max (calls in wasm); NaN is skipped.
            if v < lo {
                lo = v;
            }
            if v > hi {
                hi = v;
            }
        }
        (lo, hi)
    }
}

/// One row of samples: returns the smallest and largest finite values and
/// whether any was not finite. The common surfaces get a loop of their own
/// (the kind is matched once per row, not once per sample); any other kind,
/// such as a user's formula, goes through [`Landscape::value`].
fn fill_row(l: &Landscape, xs: &[f64], y: f64, row: &mut [f64]) -> (f64, f64, bool) {
    #[inline(always)]
    fn go(f: impl Fn(Vec2) -> f64, xs: &[f64], y: f64, row: &mut [f64]) -> (f64, f64, bool) {
        let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
        let mut bad = false;
        for (v, &x) in row.iter_mut().zip(xs) {
            let f = f([x, y]);
            *v = f;
            // Comparisons, not f64::min/max (calls in wasm).
            if f.is_finite() {
                if f < lo {
                    lo = f;
                }
                if f > hi {
                    hi = f;
                }
            } else {
                bad = true;
            }
        }
        (lo, hi, bad)
    }
    match l {
        Landscape::Quadratic(q) => go(|p| q.value(p), xs, y, row),
        Landscape::Rosenbrock(r) => go(|p| r.value(p), xs, y, row),
        _ => go(|p| l.value(p), xs, y, row),
    }
}
