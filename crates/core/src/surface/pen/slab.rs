//! A segment's pixels on each row: the x-range where its slabs meet, set
//! up once per segment (a segment's rows are a few pixels each, so the
//! rows, not the pixels, were most of the pen's time).

/// The larger of two numbers that are not NaN (`f64::max` is a call in
/// wasm; these run per row of a segment).
#[inline]
pub(super) fn max(a: f64, b: f64) -> f64 {
    if a > b {
        a
    } else {
        b
    }
}

/// The smaller of two numbers that are not NaN (see [`max`]).
#[inline]
pub(super) fn min(a: f64, b: f64) -> f64 {
    if a < b {
        a
    } else {
        b
    }
}

/// The pixels between two lines `from ≤ u·dir + off ≤ to`, where `off` =
/// cy·`c` depends on the row only: on row cy, an x-range linear in cy
/// (its ends' x at cy = 0 and their slope), or, for a slab along the
/// rows (`dir` ≈ 0), the whole row or none of it.
#[derive(Clone, Copy)]
pub(super) struct Slab {
    lo: f64,
    hi: f64,
    slope: f64,
    /// Along the rows: the row's `off` must lie in `from..=to`.
    level: Option<(f64, f64, f64)>,
}

impl Slab {
    pub(super) fn new(dir: f64, c: f64, from: f64, to: f64) -> Slab {
        if dir.abs() > 1e-12 {
            let inv = 1.0 / dir;
            let (u, v) = (from * inv, to * inv);
            let (lo, hi) = if u <= v { (u, v) } else { (v, u) };
            Slab {
                lo,
                hi,
                slope: -c * inv,
                level: None,
            }
        } else {
            Slab {
                lo: f64::NEG_INFINITY,
                hi: f64::INFINITY,
                slope: 0.0,
                level: Some((c, from, to)),
            }
        }
    }

    /// `lo..hi` narrowed to this slab on the row at cy (empty: lo > hi).
    /// A pixel centre at its ends is `reach` from the segment: covered 0,
    /// or 1 of 255 where the coverage table's nearest turn is wider than
    /// the segment's, so their rounding moves a rare pixel by that level.
    #[inline]
    pub(super) fn clip(&self, cy: f64, lo: f64, hi: f64) -> (f64, f64) {
        if let Some((c, from, to)) = self.level {
            let off = cy * c;
            if off < from || off > to {
                return (lo, lo - 1.0);
            }
            return (lo, hi);
        }
        let at = cy * self.slope;
        (max(lo, self.lo + at), min(hi, self.hi + at))
    }
}
