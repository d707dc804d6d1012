//! The colour picture: the log colour scale and the raster of a grid.

use super::sample::row_y;
use super::steps::Steps;
use super::{colormap_lut_rgba, fit, Grid, Sampler};
use crate::landscape::{Landscape, View};
use crate::math;

/// The log colour scale: t = ln((f − lo + δ)/δ) / ln((hi − lo + δ)/δ) with
/// δ = (hi − lo)·1e-4, so the window's minimum maps to 0, its maximum to 1,
/// and four decades of loss above the minimum are spread evenly.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LogScale {
    pub(super) lo: f64,
    pub(super) delta: f64,
    pub(super) inv_span: f64,
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

    /// f → the index of its colour in a 256-entry colormap, round(255·t(f)).
    pub fn index(&self, f: f64) -> u8 {
        (self.t(f) * 255.0).round() as u8
    }

    /// [`LogScale::index`] of many values at once, fast and exactly (a
    /// table of the index's steps, [`Steps`], built for the call).
    pub fn indices(&self, values: &[f64], out: &mut [u8]) {
        let mut ids = [[0u8; 4]; 256];
        for (k, id) in ids.iter_mut().enumerate() {
            id[0] = k as u8;
        }
        let steps = Steps::new(self, &ids);
        let mut px = [[0u8; 4]; 256];
        for (vs, os) in values.chunks(256).zip(out.chunks_mut(256)) {
            steps.colour(vs, &mut px[..vs.len()]);
            for (o, p) in os.iter_mut().zip(&px) {
                *o = p[0];
            }
        }
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

/// RGBA pixels of `values` under a log scale into `out` (4 bytes per
/// value; the colour of `lut[scale.index(v)]`), allocating nothing but the
/// scale's table of steps: the heatmap.
pub fn raster_into(values: &[f64], scale: &LogScale, lut: &[[u8; 4]; 256], out: &mut [u8]) {
    assert_eq!(out.len(), values.len() * 4, "4 bytes per value");
    let (out, _) = out.as_chunks_mut::<4>();
    Steps::new(scale, lut).colour(values, out);
}

/// RGBA pixels of a grid under a log scale (the heatmap).
pub fn raster_rgba(grid: &Grid, scale: &LogScale) -> Vec<u8> {
    let mut out = vec![0; grid.values.len() * 4];
    raster_into(&grid.values, scale, &colormap_lut_rgba(), &mut out);
    out
}

/// The heatmap with its buffers, reused from one render to the next (a
/// window resize or a pan renders again without allocating when the size
/// does not grow). Two passes: the samples' range, then row by row
/// colour → RGBA. For the bowl, Rastrigin, the saddle and formulas
/// c(x) ± r(y) the range comes from the column and row terms alone, for
/// Rosenbrock from four rows per column, and no grid is stored: each row
/// is sampled into a buffer that stays in the L1 cache and coloured from
/// there. The other surfaces are sampled once into
/// a kept grid of samples (measured: sampling Rosenbrock or Beale again in
/// the second pass was 10–20 % slower than reading the rows back).
#[derive(Debug, Clone)]
pub struct Raster {
    /// Columns of the last render.
    pub w: usize,
    /// Rows of the last render.
    pub h: usize,
    /// The window of the last render.
    pub view: View,
    /// The scale of the last render.
    pub scale: LogScale,
    /// RGBA pixels, row-major, `w × h × 4` bytes.
    pub rgba: Vec<u8>,
    lut: [[u8; 4]; 256],
    sampler: Sampler,
    steps: Steps,
    /// One row of samples.
    row: Vec<f64>,
    /// The samples of a surface that is not separable, between the passes.
    values: Vec<f64>,
    /// The largest finite sample (the colour of non-finite ones) and
    /// whether any sample is not finite.
    hi: f64,
    bad: bool,
    /// Whether the last range pass kept its rows in `values`.
    kept: bool,
}

impl Default for Raster {
    fn default() -> Self {
        let scale = LogScale::new(0.0, 1.0);
        let lut = colormap_lut_rgba();
        Raster {
            w: 0,
            h: 0,
            view: View::new([0.0, 1.0], [0.0, 1.0]),
            scale,
            rgba: Vec::new(),
            steps: Steps::new(&scale, &lut),
            lut,
            sampler: Sampler::default(),
            row: Vec::new(),
            values: Vec::new(),
            hi: 1.0,
            bad: false,
            kept: false,
        }
    }
}

impl Raster {
    /// Sample, scale and colour: value → log scale → colormap → RGBA, the
    /// pixels of [`raster_rgba`] of [`Grid::sample`].
    pub fn render(&mut self, l: &Landscape, view: View, w: usize, h: usize) -> &[u8] {
        self.sample(l, view, w, h);
        self.colour(l)
    }

    /// The first pass of [`Raster::render`]: the samples' range and scale
    /// (w and h at least 2, as [`Grid::sample`]).
    pub fn sample(&mut self, l: &Landscape, view: View, w: usize, h: usize) {
        let (w, h) = (w.max(2), h.max(2));
        (self.w, self.h, self.view) = (w, h, view);
        self.sampler.prepare(l, view, w);
        let range = self.sampler.separable_range(l, view, h);
        self.kept = range.is_none();
        let (mut lo, mut hi, bad) = match range {
            Some((lo, hi)) => (lo, hi, false),
            None => self.sampler.fill_prepared(l, view, w, h, &mut self.values),
        };
        if hi < lo {
            (lo, hi) = super::NO_FINITE_RANGE;
        }
        (self.hi, self.bad) = (hi, bad);
        self.scale = LogScale::new(lo, hi);
    }

    /// The second pass of [`Raster::render`] (after [`Raster::sample`] of
    /// the same surface): samples → colour → RGBA, a row at a time.
    pub fn colour(&mut self, l: &Landscape) -> &[u8] {
        self.colour_with(l, |_, _| {})
    }

    /// [`Raster::colour`], handing each row's pixels to `after(j, row)` as
    /// soon as it is coloured (the isolines are inked there, while the row
    /// is in the cache).
    pub fn colour_with(
        &mut self,
        l: &Landscape,
        mut after: impl FnMut(usize, &mut [[u8; 4]]),
    ) -> &[u8] {
        let (w, h, view) = (self.w, self.h, self.view);
        self.steps.update(&self.scale, &self.lut);
        fit(&mut self.rgba, w * h * 4);
        self.row.resize(w, 0.0);
        let keep = self.kept && self.values.len() == w * h;
        let (px, _) = self.rgba.as_chunks_mut::<4>();
        for (j, out) in px.chunks_exact_mut(w).enumerate() {
            let row = if keep {
                &self.values[j * w..][..w]
            } else {
                self.sampler.row(l, row_y(view, h, j), &mut self.row);
                &self.row[..]
            };
            if self.bad {
                self.steps.colour_finite(row, self.hi, out);
            } else {
                self.steps.colour(row, out);
            }
            after(j, out);
        }
        &self.rgba
    }
}
