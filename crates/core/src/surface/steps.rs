//! The colour of a sample without a logarithm, and exactly the colour of
//! [`LogScale::index`]: that index is a non-decreasing step function of the
//! sample v with at most 255 steps, at thresholds τ₁ ≤ … ≤ τ₂₅₅ (τₖ, the
//! smallest v whose index is ≥ k, found once per scale by bisection on the
//! exact function itself). A bucket key, also non-decreasing in v, comes
//! from the float bits of x = (v − lo)/δ + 1 (its exponent and top
//! [`BITS`] mantissa bits: a bucket is at most 1/32 = 3.1 % wide,
//! relatively), while consecutive thresholds are 3.7 % apart in x (x is
//! e^(t·ln(10⁴+1)), the steps are 1/255 apart in t), so a bucket holds at
//! most one distinct threshold, and
//! `colour = if v ≥ at[key] { above[key] } else { below[key] }`.
//! The table is checked when it is built; a scale it cannot represent (a
//! range near the smallest floats) is coloured through `LogScale::index`.

use super::LogScale;

/// Mantissa bits in a bucket key.
const BITS: u32 = 5;
/// x is capped at 2¹⁴ − 1 (v − lo ≥ 1.6·(hi − lo): past every threshold,
/// so the top colour), which keeps the keys at most 14·2⁵ = 448.
const CAP: f64 = 16383.0;
/// Table entries: a power of two above the largest key, so a key is
/// masked into range instead of bounds-checked: 8 KB, beside a row in
/// the L1 cache (6 bits, 16 KB, measured the same).
const KEYS: usize = 512;
/// The key bits of 1.0 (exponent 0x3ff): x ≥ 1 starts at key 0.
const BIAS: u64 = 0x3ff << BITS;

/// One bucket: the colour below its threshold, at and above it.
#[derive(Debug, Clone, Copy, PartialEq)]
#[repr(C)]
struct Step {
    at: f64,
    below: [u8; 4],
    above: [u8; 4],
}

/// The bucket key of a sample (non-decreasing in v; NaN and v ≤ lo give 0,
/// +∞ the top key). The same operations as the lanes of `simd::colour`.
#[inline(always)]
fn key(lo: f64, inv_delta: f64, v: f64) -> usize {
    let d = (v - lo) * inv_delta;
    // Comparisons, not f64::max/min (calls in wasm, other NaN rules).
    let d = if d > 0.0 { d } else { 0.0 };
    let x = (if d < CAP { d } else { CAP }) + 1.0;
    ((x.to_bits() >> (52 - BITS)).wrapping_sub(BIAS)) as usize & (KEYS - 1)
}

/// The colour table of one scale and colormap.
#[derive(Debug, Clone)]
pub struct Steps {
    scale: LogScale,
    lut: [[u8; 4]; 256],
    table: Box<[Step; KEYS]>,
    /// False when the scale cannot be tabled: every sample through
    /// `LogScale::index`.
    tabled: bool,
}

impl Steps {
    /// The table of `scale` over `lut`.
    pub fn new(scale: &LogScale, lut: &[[u8; 4]; 256]) -> Steps {
        let mut s = Steps {
            scale: *scale,
            lut: *lut,
            table: Box::new(
                [Step {
                    at: f64::NAN,
                    below: [0; 4],
                    above: [0; 4],
                }; KEYS],
            ),
            tabled: false,
        };
        s.tabled = s.build().is_some();
        s
    }

    /// The table of another scale or colormap, in the same memory (the
    /// same one when neither changed).
    pub fn update(&mut self, scale: &LogScale, lut: &[[u8; 4]; 256]) {
        if self.scale != *scale || self.lut != *lut {
            (self.scale, self.lut) = (*scale, *lut);
            self.tabled = self.build().is_some();
        }
    }

    /// Whether the scale is in the table (false: every sample goes
    /// through `LogScale::index`, exact and slow).
    pub fn tabled(&self) -> bool {
        self.tabled
    }

    fn build(&mut self) -> Option<()> {
        let sc = self.scale;
        let inv_delta = 1.0 / sc.delta;
        if !inv_delta.is_finite() || !sc.lo.is_finite() {
            return None;
        }
        // The thresholds, their keys, and how many lie in lower buckets.
        let mut at = [f64::NAN; 256];
        // Thresholds 1..end are reached (those after are NaN: never).
        let mut end = 1;
        for k in 1..256 {
            let a = threshold(&sc, k as u8)?;
            if a.is_nan() {
                break;
            }
            if a < at[k - 1] {
                return None; // the exact index is not monotone here
            }
            at[k] = a;
            end = k + 1;
        }
        let mut k = 1;
        let mut count = 0usize;
        for (b, step) in self.table.iter_mut().enumerate() {
            let below = count;
            let mut first = None;
            while k < end && key(sc.lo, inv_delta, at[k]) == b {
                // Two different thresholds in one bucket: not representable.
                if first.is_some_and(|f| f != at[k]) {
                    return None;
                }
                first = Some(at[k]);
                count += 1;
                k += 1;
            }
            *step = Step {
                at: first.unwrap_or(f64::INFINITY),
                below: self.lut[below.min(255)],
                above: self.lut[count.min(255)],
            };
        }
        (k == end).then_some(())
    }

    /// The RGBA pixels of `values` (non-finite values as given: NaN and
    /// −∞ take the colour of index 0, +∞ the top one, like
    /// `LogScale::index`).
    pub fn colour(&self, values: &[f64], out: &mut [[u8; 4]]) {
        self.colour_row::<false>(values, 0.0, out);
    }

    /// [`Steps::colour`] where every non-finite value takes the colour of
    /// `hi` (the grid's rule: a hole in a surface shows as its top).
    pub fn colour_finite(&self, values: &[f64], hi: f64, out: &mut [[u8; 4]]) {
        self.colour_row::<true>(values, hi, out);
    }

    #[inline(always)]
    fn colour_row<const FIX: bool>(&self, values: &[f64], hi: f64, out: &mut [[u8; 4]]) {
        let n = values.len().min(out.len());
        let (values, out) = (&values[..n], &mut out[..n]);
        let table = &self.table;
        if !self.tabled {
            for (o, &v) in out.iter_mut().zip(values) {
                let v = if FIX && !v.is_finite() { hi } else { v };
                *o = self.lut[self.scale.index(v) as usize];
            }
            return;
        }
        let (lo, inv_delta) = (self.scale.lo, 1.0 / self.scale.delta);
        #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
        let (values, out) = {
            let m = n / 4 * 4;
            simd::colour::<FIX>(table, lo, inv_delta, hi, &values[..m], &mut out[..m]);
            (&values[m..], &mut out[m..])
        };
        for (o, &v) in out.iter_mut().zip(values) {
            let v = if FIX && !v.is_finite() { hi } else { v };
            let s = &table[key(lo, inv_delta, v)];
            *o = if v >= s.at { s.above } else { s.below };
        }
    }
}

/// τₖ: the smallest v with `scale.index(v) ≥ k` (k ≥ 1), by bisection
/// over the floats in order, from a bracket around the value the scale's
/// inverse gives. NaN when not even +∞ reaches k (a flat scale: no `v ≥`
/// passes it), +∞ when only +∞ does; None when the table cannot hold the
/// scale (lo itself reaches k).
fn threshold(scale: &LogScale, k: u8) -> Option<f64> {
    let reach = |v: f64| scale.index(v) >= k;
    if !reach(f64::INFINITY) {
        return Some(f64::NAN);
    }
    if !reach(f64::MAX) {
        return Some(f64::INFINITY);
    }
    if reach(scale.lo) {
        return None;
    }
    let guess = scale.value((f64::from(k) - 0.5) / 255.0);
    // Invariant: a does not reach k, b does.
    let (mut a, mut b) = (scale.lo, f64::MAX);
    let mut margin = (guess.abs() + scale.lo.abs() + scale.delta) * 1e-13;
    for _ in 0..6 {
        let (ta, tb) = (guess - margin, guess + margin);
        if ta > a && ta < b && !reach(ta) {
            a = ta;
        }
        if tb < b && tb > a && reach(tb) {
            b = tb;
        }
        if a > scale.lo && b < f64::MAX {
            break;
        }
        margin *= 16.0;
    }
    // Floats in order as integers (negative ones reversed).
    let ord = |v: f64| {
        let i = v.to_bits() as i64;
        i128::from(i ^ (((i >> 63) as u64) >> 1) as i64)
    };
    let from = |i: i128| {
        let i = i as i64;
        f64::from_bits((i ^ (((i >> 63) as u64) >> 1) as i64) as u64)
    };
    let (mut ia, mut ib) = (ord(a), ord(b));
    while ib - ia > 1 {
        let im = ia + (ib - ia) / 2;
        if reach(from(im)) {
            ib = im;
        } else {
            ia = im;
        }
    }
    Some(from(ib))
}

/// The colour loop in wasm SIMD, 4 samples a step: the keys of 2 lanes at
/// once (the same operations as [`key`]), then each lane's table entry.
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
mod simd {
    use super::{Step, BIAS, BITS, CAP, KEYS};
    use core::arch::wasm32::*;

    pub(super) fn colour<const FIX: bool>(
        table: &[Step; KEYS],
        lo: f64,
        inv_delta: f64,
        hi: f64,
        values: &[f64],
        out: &mut [[u8; 4]],
    ) {
        let (lo, inv_delta, hi) = (f64x2_splat(lo), f64x2_splat(inv_delta), f64x2_splat(hi));
        let (zero, cap, one) = (f64x2_splat(0.0), f64x2_splat(CAP), f64x2_splat(1.0));
        let bias = i64x2_splat(BIAS as i64);
        let key = |v: v128| {
            // pmax(0, d) = 0 < d ? d : 0; pmin(d, cap) = cap < d ? cap : d.
            let d = f64x2_pmax(zero, f64x2_mul(f64x2_sub(v, lo), inv_delta));
            let x = f64x2_add(f64x2_pmin(d, cap), one);
            i64x2_sub(u64x2_shr(x, 52 - BITS), bias)
        };
        let pick = |k: u64, v: f64| {
            let s = &table[k as usize & (KEYS - 1)];
            if v >= s.at {
                s.above
            } else {
                s.below
            }
        };
        let (values, _) = values.as_chunks::<4>();
        let (out, _) = out.as_chunks_mut::<4>();
        for (v, o) in values.iter().zip(out) {
            // SAFETY: 32 readable bytes; v128.load needs no alignment.
            let (mut v01, mut v23) = unsafe {
                (
                    v128_load(v.as_ptr() as *const v128),
                    v128_load(v.as_ptr().add(2) as *const v128),
                )
            };
            if FIX {
                let ok = |v: v128| f64x2_eq(f64x2_sub(v, v), zero);
                v01 = v128_bitselect(v01, hi, ok(v01));
                v23 = v128_bitselect(v23, hi, ok(v23));
            }
            let (k01, k23) = (key(v01), key(v23));
            // Without holes, each sample read again as a scalar (a load
            // that folds into the comparison, instead of a lane shuffle).
            let w: [f64; 4] = if FIX {
                [
                    f64x2_extract_lane::<0>(v01),
                    f64x2_extract_lane::<1>(v01),
                    f64x2_extract_lane::<0>(v23),
                    f64x2_extract_lane::<1>(v23),
                ]
            } else {
                *v
            };
            o[0] = pick(u64x2_extract_lane::<0>(k01), w[0]);
            o[1] = pick(u64x2_extract_lane::<1>(k01), w[1]);
            o[2] = pick(u64x2_extract_lane::<0>(k23), w[2]);
            o[3] = pick(u64x2_extract_lane::<1>(k23), w[3]);
        }
    }
}
