//! The picture of a surface: samples on a grid, a log colour scale through a
//! colour-blind-safe perceptually uniform map (viridis), log-spaced isoline
//! levels and marching-squares isolines. Used by the canvas and the SVG.

mod isolines;
mod mark;
mod pen;
mod raster;
mod sample;
mod simplify;
mod steps;
mod ticks;

pub use isolines::{isolines, isolines_at};
pub use mark::{mark, Mark, Marker};
pub use pen::Pen;
pub use raster::{raster_into, raster_rgba, LogScale, Raster};
pub use sample::Sampler;
pub use simplify::{simplify, simplify_exact};
pub use steps::Steps;
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

/// The heatmap's pixel where f is undefined (NaN: `ln` or `sqrt` of a
/// negative number): a neutral grey outside the colormap. In a map's top
/// colour, as it once was, a student read a hole as a very high loss.
pub const UNDEFINED_RGBA: [u8; 4] = [128, 128, 128, 255];

/// The range a picture takes when no sample is finite: its ±∞ samples take
/// `hi`, the top colour, as they do beside finite ones (`1/0` typed as a
/// formula was painted in the minimum's colour, a flat (0, 0) range's).
pub const NO_FINITE_RANGE: (f64, f64) = (0.0, 1.0);

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
        self.resample_with(&mut Sampler::default(), l, view, w, h)
    }

    /// [`Grid::resample`] with kept sampling buffers (no allocation when
    /// the size does not grow).
    pub fn resample_with(
        &mut self,
        sampler: &mut Sampler,
        l: &Landscape,
        view: View,
        w: usize,
        h: usize,
    ) -> (f64, f64) {
        let (w, h) = (w.max(2), h.max(2));
        self.w = w;
        self.h = h;
        self.view = view;
        let (mut lo, mut hi, any_bad) = sampler.fill(l, view, w, h, &mut self.values);
        if hi < lo {
            (lo, hi) = NO_FINITE_RANGE;
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

/// `v` at length `n`, for a buffer its user then overwrites whole (its
/// old contents are not kept when it grows). A buffer that must grow is
/// allocated zeroed rather than grown and filled: wasm memory fresh from
/// the system is zero already, so the first picture of a page (whose code
/// is still cold) no longer spends 20–30 ms writing 10 MB of zeros.
fn fit<T: Copy + Default>(v: &mut Vec<T>, n: usize) {
    if n > v.capacity() {
        *v = vec![T::default(); n];
    } else {
        v.resize(n, T::default());
    }
}

#[cfg(test)]
mod tests {
    use super::fit;

    #[test]
    fn fit_grows_with_zeros_and_shrinks() {
        let mut v: Vec<u8> = Vec::new();
        fit(&mut v, 5);
        assert_eq!(v, [0; 5]);
        v.copy_from_slice(&[1, 2, 3, 4, 5]);
        fit(&mut v, 3);
        assert_eq!(v, [1, 2, 3]);
        // Within the capacity: the kept elements stay, the new are zero.
        fit(&mut v, 5);
        assert_eq!(v, [1, 2, 3, 0, 0]);
        // Past it: a new zeroed buffer.
        fit(&mut v, 4096);
        assert_eq!(v.len(), 4096);
        assert!(v.iter().all(|&x| x == 0));
    }
}
