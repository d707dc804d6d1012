//! Two f64 lanes at a time for the heatmap's per-sample loops: wasm SIMD
//! (`f64x2`) when the build has `simd128`, a pair of scalars otherwise (the
//! native build and the no-SIMD page). Each lane is the scalar IEEE
//! operation, so a value is the same bits either way. The release profile
//! optimizes for size, where the compiler does not vectorize these loops
//! by itself: they are written out here.

use std::ops::{Add, Div, Mul, Neg, Sub};

#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
use core::arch::wasm32::*;

/// Two f64 values, operated on lane by lane.
#[derive(Clone, Copy, Debug)]
pub struct F2(
    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))] v128,
    #[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))] [f64; 2],
);

#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
impl F2 {
    /// Both lanes `v`.
    #[inline(always)]
    pub fn splat(v: f64) -> F2 {
        F2(f64x2_splat(v))
    }
    /// `s[0]`, `s[1]`.
    #[inline(always)]
    pub fn load(s: &[f64; 2]) -> F2 {
        // SAFETY: 16 readable bytes; v128.load has no alignment requirement.
        F2(unsafe { v128_load(s.as_ptr() as *const v128) })
    }
    /// Into `s[0]`, `s[1]`.
    #[inline(always)]
    pub fn store(self, s: &mut [f64; 2]) {
        // SAFETY: 16 writable bytes; v128.store has no alignment requirement.
        unsafe { v128_store(s.as_mut_ptr() as *mut v128, self.0) }
    }
}

#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
impl F2 {
    /// Both lanes `v`.
    #[inline(always)]
    pub fn splat(v: f64) -> F2 {
        F2([v, v])
    }
    /// `s[0]`, `s[1]`.
    #[inline(always)]
    pub fn load(s: &[f64; 2]) -> F2 {
        F2(*s)
    }
    /// Into `s[0]`, `s[1]`.
    #[inline(always)]
    pub fn store(self, s: &mut [f64; 2]) {
        *s = self.0;
    }
}

macro_rules! op {
    ($tr:ident, $f:ident, $simd:ident, $op:tt) => {
        impl $tr for F2 {
            type Output = F2;
            #[inline(always)]
            fn $f(self, b: F2) -> F2 {
                #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
                return F2($simd(self.0, b.0));
                #[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
                return F2([self.0[0] $op b.0[0], self.0[1] $op b.0[1]]);
            }
        }
    };
}
op!(Add, add, f64x2_add, +);
op!(Sub, sub, f64x2_sub, -);
op!(Mul, mul, f64x2_mul, *);
op!(Div, div, f64x2_div, /);

impl Neg for F2 {
    type Output = F2;
    #[inline(always)]
    fn neg(self) -> F2 {
        #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
        return F2(f64x2_neg(self.0));
        #[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
        return F2([-self.0[0], -self.0[1]]);
    }
}

/// A lone last element as a pair (its second lane is not used).
#[inline(always)]
fn tail(v: f64) -> [f64; 2] {
    [v, 0.0]
}

/// `out[i] = f(a[i])`, two at a time.
#[inline(always)]
pub fn map1(out: &mut [f64], a: &[f64], f: impl Fn(F2) -> F2) {
    let n = out.len().min(a.len());
    let (o2, ot) = out[..n].as_chunks_mut::<2>();
    let (a2, at) = a[..n].as_chunks::<2>();
    for (o, a) in o2.iter_mut().zip(a2) {
        f(F2::load(a)).store(o);
    }
    if let (Some(o), Some(&a)) = (ot.first_mut(), at.first()) {
        let mut r = [0.0; 2];
        f(F2::load(&tail(a))).store(&mut r);
        *o = r[0];
    }
}

/// `out[i] = f(a[i], b[i])`, two at a time.
#[inline(always)]
pub fn map2(out: &mut [f64], a: &[f64], b: &[f64], f: impl Fn(F2, F2) -> F2) {
    let n = out.len().min(a.len()).min(b.len());
    let (o2, ot) = out[..n].as_chunks_mut::<2>();
    let (a2, at) = a[..n].as_chunks::<2>();
    let (b2, bt) = b[..n].as_chunks::<2>();
    for ((o, a), b) in o2.iter_mut().zip(a2).zip(b2) {
        f(F2::load(a), F2::load(b)).store(o);
    }
    if let (Some(o), Some(&a), Some(&b)) = (ot.first_mut(), at.first(), bt.first()) {
        let mut r = [0.0; 2];
        f(F2::load(&tail(a)), F2::load(&tail(b))).store(&mut r);
        *o = r[0];
    }
}

/// `out[i] = f(a[i], b[i], c[i], d[i])`, two at a time.
#[inline(always)]
pub fn map4(out: &mut [f64], [a, b, c, d]: [&[f64]; 4], f: impl Fn(F2, F2, F2, F2) -> F2) {
    let n = out
        .len()
        .min(a.len())
        .min(b.len())
        .min(c.len())
        .min(d.len());
    let (o2, ot) = out[..n].as_chunks_mut::<2>();
    let (a2, at) = a[..n].as_chunks::<2>();
    let (b2, bt) = b[..n].as_chunks::<2>();
    let (c2, ct) = c[..n].as_chunks::<2>();
    let (d2, dt) = d[..n].as_chunks::<2>();
    for ((((o, a), b), c), d) in o2.iter_mut().zip(a2).zip(b2).zip(c2).zip(d2) {
        f(F2::load(a), F2::load(b), F2::load(c), F2::load(d)).store(o);
    }
    if let (Some(o), Some(&a), Some(&b), Some(&c), Some(&d)) = (
        ot.first_mut(),
        at.first(),
        bt.first(),
        ct.first(),
        dt.first(),
    ) {
        let mut r = [0.0; 2];
        let l = |v| F2::load(&tail(v));
        f(l(a), l(b), l(c), l(d)).store(&mut r);
        *o = r[0];
    }
}

/// The smallest and largest finite values of `row` and whether any is not
/// finite. Comparisons as in `if v < lo { lo = v }`, never `f64::min` (NaN
/// rules differ, and it is a call in wasm).
pub fn range(row: &[f64]) -> (f64, f64, bool) {
    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    {
        // pmin(a, b) = b < a ? b : a and pmax(a, b) = a < b ? b : a, the
        // scalar comparisons, which pass NaN by; `v − v` is 0 for a finite
        // v and NaN otherwise, so the sum is NaN when any sample is not
        // finite: then the row is gone through again, one value at a time.
        // (Two lanes may settle a tie of 0 and −0 the other way round from
        // a scan in order; the colour scale reads lo only through f − lo
        // and hi − lo, where the sign of a zero lo changes nothing.)
        // Two pairs a step, each into its own accumulators: one chain of
        // dependent additions and comparisons waits on each result (the
        // loop took as long as sampling the row). Written out: the release
        // build (opt-level "s") would keep an array of them in memory.
        let (quads, rest) = row.as_chunks::<4>();
        let (pairs, rest) = rest.as_chunks::<2>();
        let (inf, ninf) = (f64x2_splat(f64::INFINITY), f64x2_splat(f64::NEG_INFINITY));
        let zero = f64x2_splat(0.0);
        let (mut lo0, mut hi0, mut acc0) = (inf, ninf, zero);
        let (mut lo1, mut hi1, mut acc1) = (inf, ninf, zero);
        for q in quads {
            let (q, _) = q.as_chunks::<2>();
            let (a, b) = (F2::load(&q[0]).0, F2::load(&q[1]).0);
            acc0 = f64x2_add(acc0, f64x2_sub(a, a));
            acc1 = f64x2_add(acc1, f64x2_sub(b, b));
            lo0 = f64x2_pmin(lo0, a);
            lo1 = f64x2_pmin(lo1, b);
            hi0 = f64x2_pmax(hi0, a);
            hi1 = f64x2_pmax(hi1, b);
        }
        for p in pairs {
            let a = F2::load(p).0;
            acc0 = f64x2_add(acc0, f64x2_sub(a, a));
            lo0 = f64x2_pmin(lo0, a);
            hi0 = f64x2_pmax(hi0, a);
        }
        let (acc, lo, hi) = (
            f64x2_add(acc0, acc1),
            f64x2_pmin(lo0, lo1),
            f64x2_pmax(hi0, hi1),
        );
        let acc = f64x2_extract_lane::<0>(acc) + f64x2_extract_lane::<1>(acc);
        if acc == 0.0 {
            let (l0, l1) = (f64x2_extract_lane::<0>(lo), f64x2_extract_lane::<1>(lo));
            let (h0, h1) = (f64x2_extract_lane::<0>(hi), f64x2_extract_lane::<1>(hi));
            let (mut lo, mut hi, mut bad) = (
                if l1 < l0 { l1 } else { l0 },
                if h1 > h0 { h1 } else { h0 },
                false,
            );
            for &v in rest {
                step(&mut lo, &mut hi, &mut bad, v);
            }
            return (lo, hi, bad);
        }
    }
    let (mut lo, mut hi, mut bad) = (f64::INFINITY, f64::NEG_INFINITY, false);
    for &v in row {
        step(&mut lo, &mut hi, &mut bad, v);
    }
    (lo, hi, bad)
}

#[inline(always)]
fn step(lo: &mut f64, hi: &mut f64, bad: &mut bool, v: f64) {
    let ok = v.is_finite();
    *bad |= !ok;
    if ok && v < *lo {
        *lo = v;
    }
    if ok && v > *hi {
        *hi = v;
    }
}
