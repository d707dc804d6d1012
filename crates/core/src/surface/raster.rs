//! The colour picture: the log colour scale and the raster of a grid.

use super::{colormap_lut_rgba, Grid, Sampler};
use crate::landscape::{Landscape, View};
use crate::math;

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

    /// f → the index of its colour in a 256-entry colormap, round(255·t(f)).
    pub fn index(&self, f: f64) -> u8 {
        (self.t(f) * 255.0).round() as u8
    }

    /// [`LogScale::index`] of many values at once, fast: the logarithm from
    /// the float's exponent bits and a short series in single precision (no
    /// libm call, no branch, so the loop vectorizes; with wasm SIMD 4 lanes).
    /// The index equals the exact one except where 255·t(f) lies within
    /// about 1e-4 of a half-integer, where it may be one step off.
    pub fn indices(&self, values: &[f64], out: &mut [u8]) {
        let inv_delta = 1.0 / self.delta;
        if self.inv_span == 0.0 || !inv_delta.is_finite() {
            for (o, &v) in out.iter_mut().zip(values) {
                *o = self.index(v);
            }
            return;
        }
        let k = (self.inv_span * 255.0) as f32;
        #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
        let (values, out) = {
            let n = values.len() / 8 * 8;
            simd::indices(self.lo, inv_delta, k, &values[..n], &mut out[..n]);
            (&values[n..], &mut out[n..])
        };
        for (o, &v) in out.iter_mut().zip(values) {
            *o = index_fast(self.lo, inv_delta, k, v);
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

/// One colour index: (f − lo + δ)/δ ≥ 1, capped so that it stays a finite
/// f32 (NaN becomes 0, like [`LogScale::t`]), then round(k·ln). Comparisons
/// rather than `f64::max`/`min`, which wasm has with other NaN rules and
/// so become calls.
#[inline(always)]
fn index_fast(lo: f64, inv_delta: f64, k: f32, v: f64) -> u8 {
    let d = v - lo;
    let d = if d > 0.0 { d * inv_delta } else { 0.0 };
    let x = if d < 1e30 { d } else { 1e30 } + 1.0;
    let i = fast_ln(x as f32) * k + 0.5;
    (if i < 255.0 { i } else { 255.0 }) as u8
}

/// The colour-index loop in wasm SIMD, 8 samples a step: the same
/// operations as [`index_fast`] and [`fast_ln`], lane by lane.
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
mod simd {
    use core::arch::wasm32::*;

    #[inline(always)]
    fn x4(a: &[f64], lo: v128, inv_delta: v128, up: v128) -> v128 {
        let one = f64x2_splat(1.0);
        let cap = f64x2_splat(1e30);
        let zero = f64x2_splat(0.0);
        let half = |v: v128| {
            let d = f64x2_sub(v, lo);
            // pmax(0, d) = 0 < d ? d : 0 (NaN → 0); pmin(d, cap) = cap < d ? cap : d.
            let d = f64x2_mul(f64x2_pmax(zero, d), inv_delta);
            f32x4_demote_f64x2_zero(f64x2_add(f64x2_pmin(d, cap), one))
        };
        assert!(a.len() >= 4);
        // SAFETY: `a` holds at least 4 f64 (32 bytes); v128.load has no
        // alignment requirement.
        let (p01, p23) = unsafe {
            (
                v128_load(a.as_ptr() as *const v128),
                v128_load(a.as_ptr().add(2) as *const v128),
            )
        };
        let a01 = half(p01);
        let a23 = half(p23);
        // [a2, a3, 0, 0] → [0, 0, a2, a3] by a swizzle with an opaque mask
        // (a shuffle, or a constant mask, lets LLVM merge the two demotions
        // into one that it then does lane by lane).
        v128_or(a01, i8x16_swizzle(a23, up))
    }

    #[inline(always)]
    fn ln4(x: v128) -> v128 {
        let off = i32x4_splat(0x3f35_04f3);
        let tmp = i32x4_sub(x, off);
        let e = f32x4_convert_i32x4(i32x4_shr(tmp, 23));
        let m = i32x4_sub(x, v128_and(tmp, i32x4_splat(0xff80_0000_u32 as i32)));
        let one = f32x4_splat(1.0);
        let s = f32x4_div(f32x4_sub(m, one), f32x4_add(m, one));
        let s2 = f32x4_mul(s, s);
        let p = f32x4_add(
            f32x4_mul(s2, f32x4_splat(1.0 / 7.0)),
            f32x4_splat(1.0 / 5.0),
        );
        let p = f32x4_add(f32x4_mul(s2, p), f32x4_splat(1.0 / 3.0));
        let p = f32x4_add(f32x4_mul(s2, p), one);
        let ln_m = f32x4_mul(f32x4_add(s, s), p);
        f32x4_add(f32x4_mul(e, f32x4_splat(std::f32::consts::LN_2)), ln_m)
    }

    pub(super) fn indices(lo: f64, inv_delta: f64, k: f32, values: &[f64], out: &mut [u8]) {
        let (lo, inv_delta) = (f64x2_splat(lo), f64x2_splat(inv_delta));
        let (k, half, top) = (f32x4_splat(k), f32x4_splat(0.5), f32x4_splat(255.0));
        let up = core::hint::black_box(i8x16(
            16, 16, 16, 16, 16, 16, 16, 16, 0, 1, 2, 3, 4, 5, 6, 7,
        ));
        let idx = |a: &[f64]| {
            let i = f32x4_add(f32x4_mul(ln4(x4(a, lo, inv_delta, up)), k), half);
            u32x4_trunc_sat_f32x4(f32x4_pmin(i, top))
        };
        let (out, _) = out.as_chunks_mut::<8>();
        for (v, o) in values.chunks_exact(8).zip(out) {
            let lo4 = idx(&v[..4]);
            let hi4 = idx(&v[4..]);
            let w = u16x8_narrow_i32x4(lo4, hi4);
            let b = u8x16_narrow_i16x8(w, w);
            *o = i64x2_extract_lane::<0>(b).to_le_bytes();
        }
    }
}

/// ln x for finite x ≥ 1 (any positive normal x, in fact), to about 1e-7
/// relative: x = 2ᵉ·m with m ∈ [√½, √2) taken from the bits (as musl's
/// logf does), then ln m = 2·atanh(s), s = (m − 1)/(m + 1), |s| < 0.172, by
/// its series to s⁷ (the first term left out is below 3e-8).
#[inline(always)]
pub fn fast_ln(x: f32) -> f32 {
    const OFF: u32 = 0x3f35_04f3; // √½
    let bits = x.to_bits();
    let tmp = bits.wrapping_sub(OFF);
    let e = (tmp as i32) >> 23;
    let m = f32::from_bits(bits.wrapping_sub(tmp & 0xff80_0000));
    let s = (m - 1.0) / (m + 1.0);
    let s2 = s * s;
    let p = 1.0 + s2 * (1.0 / 3.0 + s2 * (1.0 / 5.0 + s2 * (1.0 / 7.0)));
    e as f32 * std::f32::consts::LN_2 + 2.0 * s * p
}

/// Samples per batch of [`raster_into`]: the index loop (vectorized) and
/// the colour lookup (a gather) run in turn over a batch in the L1 cache.
const BATCH: usize = 256;

/// RGBA pixels of `values` under a log scale into `out` (4 bytes per value),
/// allocating nothing: the heatmap.
pub fn raster_into(values: &[f64], scale: &LogScale, lut: &[[u8; 4]; 256], out: &mut [u8]) {
    assert_eq!(out.len(), values.len() * 4, "4 bytes per value");
    let (out, _) = out.as_chunks_mut::<4>();
    let mut idx = [0u8; BATCH];
    for (vs, px) in values.chunks(BATCH).zip(out.chunks_mut(BATCH)) {
        let idx = &mut idx[..vs.len()];
        scale.indices(vs, idx);
        // Whole 4-byte pixels: one load and one store each.
        for (p, &i) in px.iter_mut().zip(idx.iter()) {
            *p = lut[i as usize];
        }
    }
}

/// RGBA pixels of a grid under a log scale (the heatmap).
pub fn raster_rgba(grid: &Grid, scale: &LogScale) -> Vec<u8> {
    let mut out = vec![0; grid.values.len() * 4];
    raster_into(&grid.values, scale, &colormap_lut_rgba(), &mut out);
    out
}

/// The heatmap with its buffers, reused from one render to the next (a
/// window resize or a pan renders again without allocating when the size
/// does not grow).
#[derive(Debug, Clone)]
pub struct Raster {
    /// The samples.
    pub grid: Grid,
    /// The scale of the last render.
    pub scale: LogScale,
    /// RGBA pixels, row-major, `grid.w × grid.h × 4` bytes.
    pub rgba: Vec<u8>,
    lut: [[u8; 4]; 256],
    sampler: Sampler,
}

impl Default for Raster {
    fn default() -> Self {
        Raster {
            grid: Grid {
                w: 0,
                h: 0,
                view: View::new([0.0, 1.0], [0.0, 1.0]),
                values: Vec::new(),
            },
            scale: LogScale::new(0.0, 1.0),
            rgba: Vec::new(),
            lut: colormap_lut_rgba(),
            sampler: Sampler::default(),
        }
    }
}

impl Raster {
    /// Sample, scale and colour: value → log scale → colormap → RGBA.
    pub fn render(&mut self, l: &Landscape, view: View, w: usize, h: usize) -> &[u8] {
        self.sample(l, view, w, h);
        self.colour()
    }

    /// The first half of [`Raster::render`]: the samples and their scale.
    pub fn sample(&mut self, l: &Landscape, view: View, w: usize, h: usize) {
        let (lo, hi) = self.grid.resample_with(&mut self.sampler, l, view, w, h);
        self.scale = LogScale::new(lo, hi);
    }

    /// The second half of [`Raster::render`]: log scale → colormap → RGBA.
    pub fn colour(&mut self) -> &[u8] {
        self.rgba.resize(self.grid.values.len() * 4, 0);
        raster_into(&self.grid.values, &self.scale, &self.lut, &mut self.rgba);
        &self.rgba
    }
}
