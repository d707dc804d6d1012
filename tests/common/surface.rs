//! Helpers shared by the tests/surface_*.rs binaries: a reproducible
//! generator and the grid stated the plain way.

use gradscape::landscape::View;
use gradscape::surface::Grid;
use gradscape::Landscape;

/// A small deterministic generator (xorshift64*), so failures reproduce.
pub struct Rng(pub u64);
impl Rng {
    pub fn next(&mut self) -> f64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// The grid the straightforward way: `value` at `pos` of every sample, the
/// non-finite ones replaced by the largest finite one, and its range
/// ((0, 0) when no sample is finite).
pub fn exact_grid(l: &Landscape, view: View, w: usize, h: usize) -> (Vec<f64>, f64, f64) {
    let probe = Grid {
        w,
        h,
        view,
        values: vec![],
    };
    let mut v = Vec::with_capacity(w * h);
    for j in 0..h {
        for i in 0..w {
            v.push(l.value(probe.pos(i as f64, j as f64)));
        }
    }
    let fin = v.iter().copied().filter(|x| x.is_finite());
    let lo = fin.clone().fold(f64::INFINITY, f64::min);
    let hi = fin.fold(f64::NEG_INFINITY, f64::max);
    let (lo, hi) = if hi < lo {
        gradscape::surface::NO_FINITE_RANGE
    } else {
        (lo, hi)
    };
    for x in &mut v {
        if !x.is_finite() {
            *x = hi;
        }
    }
    (v, lo, hi)
}

/// Where f is undefined (NaN) at the centres of `exact_grid`'s samples:
/// the heatmap shows those grey (`UNDEFINED_RGBA`).
pub fn undefined(l: &Landscape, view: View, w: usize, h: usize) -> Vec<bool> {
    let probe = Grid {
        w,
        h,
        view,
        values: vec![],
    };
    (0..w * h)
        .map(|k| l.value(probe.pos((k % w) as f64, (k / w) as f64)).is_nan())
        .collect()
}
