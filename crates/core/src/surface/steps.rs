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
use crate::math::{float_order, from_float_order};
use std::cell::Cell;

/// Whether the colour loop looks for runs of one colour (see
/// [`Steps::colour`]): not for the next `skip` rows (the SIMD loop's:
/// native builds have no such loop).
#[cfg_attr(
    not(all(target_arch = "wasm32", target_feature = "simd128")),
    allow(dead_code)
)]
#[derive(Debug, Clone, Copy, Default)]
struct Plan {
    skip: u32,
}

#[cfg_attr(
    not(all(target_arch = "wasm32", target_feature = "simd128")),
    allow(dead_code)
)]
impl Plan {
    /// Plain rows before another look for runs.
    const REST: u32 = 32;
}

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
    /// Per bucket, the colour indices below and at/above its threshold
    /// (of `below` and `above`: the SIMD loop finds the run of a pixel
    /// from its index).
    index: Box<[[u8; 2]; KEYS]>,
    /// τ₀ = −∞, τ₁ … τ₂₅₅, τ₂₅₆ = +∞ (a threshold never reached: +∞): a
    /// sample other than NaN and +∞ has colour index i exactly when
    /// τᵢ ≤ v < τᵢ₊₁ (NaN and +∞ are in no run: coloured one by one).
    bounds: Box<[f64; 257]>,
    /// Whether the SIMD loop looks for runs, from the rows before: where
    /// the colour changes every few pixels (Rosenbrock's and Rastrigin's
    /// maps: a third of 4-pixel groups in a run) the test costs more than
    /// the runs save, where it changes rarely (the bowl: nine tenths) the
    /// colouring takes half the time. The same pixels either way.
    #[cfg_attr(
        not(all(target_arch = "wasm32", target_feature = "simd128")),
        allow(dead_code)
    )]
    plan: Cell<Plan>,
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
            index: Box::new([[0; 2]; KEYS]),
            bounds: Box::new([f64::INFINITY; 257]),
            plan: Cell::new(Plan::default()),
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
            // A new picture looks for runs from its first row.
            self.plan.set(Plan::default());
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
        self.bounds[0] = f64::NEG_INFINITY;
        for (b, &a) in self.bounds[1..256].iter_mut().zip(&at[1..]) {
            *b = if a.is_nan() { f64::INFINITY } else { a };
        }
        self.bounds[256] = f64::INFINITY;
        let mut k = 1;
        let mut count = 0usize;
        for (b, (step, index)) in self.table.iter_mut().zip(self.index.iter_mut()).enumerate() {
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
            *index = [below.min(255) as u8, count.min(255) as u8];
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

    /// [`Steps::colour`] where ±∞ takes the colour of `hi` (the grid's
    /// rule) and NaN, where f is undefined, [`super::UNDEFINED_RGBA`].
    pub fn colour_finite(&self, values: &[f64], hi: f64, out: &mut [[u8; 4]]) {
        self.colour_row::<true>(values, hi, out);
        // A second pass, on the rows of a surface with holes only.
        for (o, v) in out.iter_mut().zip(values) {
            if v.is_nan() {
                *o = super::UNDEFINED_RGBA;
            }
        }
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
            let runs = simd::Runs {
                index: &self.index,
                bounds: &self.bounds,
            };
            let (v, o) = (&values[..m], &mut out[..m]);
            let mut plan = self.plan.get();
            if plan.skip > 0 {
                plan.skip -= 1;
                simd::colour::<FIX, false>(table, &runs, lo, inv_delta, hi, v, o);
            } else {
                let hits = simd::colour::<FIX, true>(table, &runs, lo, inv_delta, hi, v, o);
                // Worth it when most groups are runs; otherwise plain
                // rows, and another look after `Plan::REST` of them.
                if 5 * hits < 3 * (m / 4) {
                    plan.skip = Plan::REST;
                }
            }
            self.plan.set(plan);
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
    let (ord, from) = (float_order, from_float_order);
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
/// once (the same operations as [`key`]), then each lane's table entry —
/// unless all 4 samples lie in the run of the pixel before (the samples
/// with its colour index: [`Runs`]), whose colour is then stored 4 times.
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
mod simd {
    use super::{Step, BIAS, BITS, CAP, KEYS};
    use core::arch::wasm32::*;

    /// What a run's bounds come from (see [`super::Steps`]).
    pub(super) struct Runs<'a> {
        pub index: &'a [[u8; 2]; KEYS],
        pub bounds: &'a [f64; 257],
    }

    /// Returns how many groups were runs (0 without `RUNS`).
    pub(super) fn colour<const FIX: bool, const RUNS: bool>(
        table: &[Step; KEYS],
        runs: &Runs,
        lo: f64,
        inv_delta: f64,
        hi: f64,
        values: &[f64],
        out: &mut [[u8; 4]],
    ) -> usize {
        let mut hits = 0;
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
        // The run of the last pixel coloured: its samples' bounds (NaN at
        // first: no sample is inside) and its colour in each lane.
        let (mut run_lo, mut run_hi) = (f64x2_splat(f64::NAN), f64x2_splat(f64::NAN));
        let mut run = u32x4_splat(0);
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
            // All four in the run (a NaN never is): its colour, 4 times.
            let inside = |v: v128| v128_and(f64x2_ge(v, run_lo), f64x2_lt(v, run_hi));
            if RUNS && i64x2_all_true(v128_and(inside(v01), inside(v23))) {
                hits += 1;
                // SAFETY: 16 writable bytes; v128.store needs no alignment.
                unsafe { v128_store(o.as_mut_ptr() as *mut v128, run) };
                continue;
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
            let k3 = u64x2_extract_lane::<1>(k23);
            o[0] = pick(u64x2_extract_lane::<0>(k01), w[0]);
            o[1] = pick(u64x2_extract_lane::<1>(k01), w[1]);
            o[2] = pick(u64x2_extract_lane::<0>(k23), w[2]);
            o[3] = pick(k3, w[3]);
            if !RUNS {
                continue;
            }
            // The last pixel's run: its colour index from its bucket.
            let b = k3 as usize & (KEYS - 1);
            let i = usize::from(runs.index[b][usize::from(w[3] >= table[b].at)]);
            run_lo = f64x2_splat(runs.bounds[i]);
            run_hi = f64x2_splat(runs.bounds[i + 1]);
            run = u32x4_splat(u32::from_ne_bytes(o[3]));
        }
        hits
    }
}
