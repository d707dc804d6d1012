//! Sampling a surface over a grid fast, with the same values as
//! [`Landscape::value`] bit for bit: every built-in surface is a sum of
//! terms of x alone, of y alone and a few operations mixing them, so the
//! terms of x are computed once per column (a table per render), those of y
//! once per row, and each sample does only the mixing operations — the same
//! operations on the same operands in the same order as `value` (so the
//! same rounding). Rastrigin's `cos` runs w + h times instead of 2·w·h. A
//! user's formula runs as its compiled [`Tape`](crate::landscape::expr::Tape)
//! (terms split the same way, compiled once). The per-sample loops are
//! written over two lanes ([`crate::lanes`]: wasm SIMD `f64x2`, or
//! scalar pairs natively), lane by lane the scalar operations.

use crate::landscape::expr::{Scratch, Sign};
use crate::landscape::{Landscape, View};
use crate::lanes::{map1, map2, map4, range, F2};
use crate::math;
use std::f64::consts::PI;

/// Kept buffers for sampling: the columns' x and per-column tables.
#[derive(Debug, Clone, Default)]
pub struct Sampler {
    xs: Vec<f64>,
    c: [Vec<f64>; 3],
    scratch: Scratch,
}

impl Sampler {
    /// `l` at the centres of a w × h grid over `view` (row 0 at the top,
    /// y = y1) into `values` (resized to w·h); returns the smallest and
    /// largest finite sample and whether any sample was not finite.
    pub fn fill(
        &mut self,
        l: &Landscape,
        view: View,
        w: usize,
        h: usize,
        values: &mut Vec<f64>,
    ) -> (f64, f64, bool) {
        self.prepare(l, view, w);
        self.fill_prepared(l, view, w, h, values)
    }

    /// [`Sampler::fill`] after [`Sampler::prepare`] for the same surface,
    /// view and width.
    pub fn fill_prepared(
        &mut self,
        l: &Landscape,
        view: View,
        w: usize,
        h: usize,
        values: &mut Vec<f64>,
    ) -> (f64, f64, bool) {
        super::fit(values, w * h);
        let (mut lo, mut hi, mut bad) = (f64::INFINITY, f64::NEG_INFINITY, false);
        for (j, row) in values.chunks_exact_mut(w).enumerate() {
            self.row(l, row_y(view, h, j), row);
            let (rl, rh, rb) = range(row);
            // Comparisons, not f64::min/max (calls in wasm).
            if rl < lo {
                lo = rl;
            }
            if rh > hi {
                hi = rh;
            }
            bad |= rb;
        }
        (lo, hi, bad)
    }

    /// The per-column tables of `l` for w columns over `view` (before
    /// [`Sampler::row`] and [`Sampler::separable_range`]).
    pub fn prepare(&mut self, l: &Landscape, view: View, w: usize) {
        self.xs.clear();
        // The same expression as `Grid::pos`, so a sample is f(pos(i, j)).
        self.xs
            .extend((0..w).map(|i| view.x0 + (i as f64 + 0.5) / w as f64 * view.width()));
        let xs = &self.xs[..];
        let [c0, c1, c2] = &mut self.c;
        // One table per x-term, computed with value's own expression.
        let table = |c: &mut Vec<f64>, f: &dyn Fn(f64) -> f64| {
            c.clear();
            c.extend(xs.iter().map(|&x| f(x)));
        };
        match l {
            Landscape::Quadratic(q) if q.rotation == 0.0 => {
                table(c0, &|x| q.a * (x * x));
            }
            Landscape::Quadratic(q) => {
                let (c, s) = q.cos_sin();
                table(c0, &|x| x * c);
                table(c1, &|x| -x * s);
            }
            Landscape::Rosenbrock(r) => {
                table(c0, &|x| {
                    let d = r.a - x;
                    d * d
                });
                table(c1, &|x| x * x);
            }
            Landscape::Himmelblau | Landscape::Saddle => table(c0, &|x| x * x),
            Landscape::Beale => {
                table(c0, &|x| 1.5 - x);
                table(c1, &|x| 2.25 - x);
                table(c2, &|x| 2.625 - x);
            }
            Landscape::Rastrigin(r) => {
                table(c0, &|x| 2.0 * r.a + (x * x - r.a * math::cos(2.0 * PI * x)));
            }
            Landscape::Expr(e) => e.tape().columns(xs, &mut self.scratch),
        }
    }

    /// One row of samples at height `y` into `row` (as long as the columns
    /// [`Sampler::prepare`] was given), with `value`'s operations.
    pub fn row(&mut self, l: &Landscape, y: f64, row: &mut [f64]) {
        let (xs, c0, c1, c2) = (&self.xs[..], &self.c[0][..], &self.c[1][..], &self.c[2][..]);
        let sp = F2::splat;
        match l {
            Landscape::Quadratic(q) if q.rotation == 0.0 => {
                let by = sp(q.b * (y * y));
                map1(row, c0, |a| a + by);
            }
            Landscape::Quadratic(q) => {
                let (c, s) = q.cos_sin();
                let (ys, yc, a, b) = (sp(y * s), sp(y * c), sp(q.a), sp(q.b));
                map2(row, c0, c1, |xc, xs| {
                    let u = xc + ys;
                    let w = xs + yc;
                    a * (u * u) + b * (w * w)
                });
            }
            Landscape::Rosenbrock(r) => {
                let (y, b) = (sp(y), sp(r.b));
                map2(row, c0, c1, |d2, x2| {
                    let s = y - x2;
                    d2 + b * (s * s)
                });
            }
            Landscape::Himmelblau => {
                let (yy, y, k11, k7) = (sp(y * y), sp(y), sp(11.0), sp(7.0));
                map2(row, c0, xs, |x2, x| {
                    let u = x2 + y - k11;
                    let v = x + yy - k7;
                    u * u + v * v
                });
            }
            Landscape::Saddle => {
                let yy = sp(y * y);
                map1(row, c0, |x2| x2 - yy);
            }
            Landscape::Beale => {
                let (y1, y2, y3) = (sp(y), sp(y * y), sp(y * y * y));
                map4(row, [xs, c0, c1, c2], |x, a, b, c| {
                    let r1 = a + x * y1;
                    let r2 = b + x * y2;
                    let r3 = c + x * y3;
                    r1 * r1 + r2 * r2 + r3 * r3
                });
            }
            Landscape::Rastrigin(r) => {
                let gy = sp(y * y - r.a * math::cos(2.0 * PI * y));
                map1(row, c0, |gx| gx + gy);
            }
            Landscape::Expr(e) => e.tape().row(y, &mut self.scratch, row),
        }
    }

    /// The exact smallest and largest sample of a grid of h rows, without
    /// sampling it, for the surfaces whose sample is one operation on a
    /// column term and a row term (the unrotated bowl, Rastrigin: c + r;
    /// the saddle: c − r): a correctly rounded sum is non-decreasing in
    /// each operand, so the extremes come from the terms' extremes. None
    /// for the other surfaces, or when a term or an extreme is not finite
    /// (then some samples may not be: the rows must be looked at). A
    /// formula of that shape too (`Tape::separable`: c(x) ± r(y)); and
    /// Rosenbrock, from four rows per column (`rosenbrock_range`).
    pub fn separable_range(&mut self, l: &Landscape, view: View, h: usize) -> Option<(f64, f64)> {
        if let Landscape::Expr(e) = l {
            let t = e.tape();
            let sep = t.separable(&self.scratch)?;
            let (clo, chi, cbad) = range(sep.column);
            let (reg, sign) = (sep.row, sep.sign);
            if cbad {
                return None;
            }
            let mut rows = Extremes::NONE;
            for j in 0..h {
                rows.take(t.row_term(row_y(view, h, j), reg, &mut self.scratch))?;
            }
            let (rlo, rhi) = (rows.lo, rows.hi);
            let (lo, hi) = match sign {
                Sign::Plus => (clo + rlo, chi + rhi),
                Sign::ColumnMinusRow => (clo - rhi, chi - rlo),
                Sign::RowMinusColumn => (rlo - chi, rhi - clo),
            };
            return (lo.is_finite() && hi.is_finite()).then_some((lo, hi));
        }
        if let Landscape::Rosenbrock(r) = l {
            return self.rosenbrock_range(r.b, view, h);
        }
        // A row term that is not finite says nothing of the samples.
        let terms = |f: &dyn Fn(f64) -> f64| {
            let mut rows = Extremes::NONE;
            for j in 0..h {
                rows.take(f(row_y(view, h, j)))?;
            }
            Some((rows.lo, rows.hi))
        };
        let (ylo, yhi, sub) = match l {
            Landscape::Quadratic(q) if q.rotation == 0.0 => {
                let (a, b) = terms(&|y| q.b * (y * y))?;
                (a, b, false)
            }
            Landscape::Rastrigin(r) => {
                let (a, b) = terms(&|y| y * y - r.a * math::cos(2.0 * PI * y))?;
                (a, b, false)
            }
            Landscape::Saddle => {
                let (a, b) = terms(&|y| y * y)?;
                (a, b, true)
            }
            _ => return None,
        };
        let (clo, chi, cbad) = range(&self.c[0]);
        if cbad || !(ylo.is_finite() && yhi.is_finite()) {
            return None;
        }
        let (lo, hi) = if sub {
            (clo - yhi, chi - ylo)
        } else {
            (clo + ylo, chi + yhi)
        };
        (lo.is_finite() && hi.is_finite()).then_some((lo, hi))
    }
}

impl Sampler {
    /// Rosenbrock's exact smallest and largest sample from four rows per
    /// column. Down a column a sample is (a − x)² + b·(y − x²)² with y
    /// falling row by row, and each rounded operation is monotone, so for
    /// b ≥ 0 the samples do not rise while y ≥ x² and do not fall after:
    /// a column's least sample is on one of the two rows either side of
    /// y = x², its greatest on the top or the bottom row. None when b < 0,
    /// the view is upside down or a sample there is not finite (then the
    /// rows are looked at).
    fn rosenbrock_range(&self, b: f64, view: View, h: usize) -> Option<(f64, f64)> {
        if !(b >= 0.0 && view.height() > 0.0) || h == 0 {
            return None;
        }
        let (d2, x2) = (&self.c[0], &self.c[1]);
        // As `Sampler::row`'s lanes compute it.
        let f = |i: usize, j: usize| {
            let s = row_y(view, h, j) - x2[i];
            d2[i] + b * (s * s)
        };
        let mut all = Extremes::NONE;
        for i in 0..d2.len().min(x2.len()) {
            // The first row with y − x² < 0 (y − x² falls row by row).
            let (mut a, mut z) = (0, h);
            while a < z {
                let m = (a + z) / 2;
                if row_y(view, h, m) - x2[i] >= 0.0 {
                    a = m + 1;
                } else {
                    z = m;
                }
            }
            for j in [0, h - 1, a.saturating_sub(1), a.min(h - 1)] {
                all.take(f(i, j))?;
            }
        }
        (all.lo <= all.hi).then_some((all.lo, all.hi))
    }
}

/// The smallest and largest of values taken one at a time, all finite
/// (comparisons, not f64::min/max: calls in wasm, other NaN rules).
#[derive(Clone, Copy)]
struct Extremes {
    lo: f64,
    hi: f64,
}

impl Extremes {
    /// None taken yet.
    const NONE: Extremes = Extremes {
        lo: f64::INFINITY,
        hi: f64::NEG_INFINITY,
    };

    /// Take `v`; None when it is not finite (the extremes would say
    /// nothing of the samples).
    #[inline]
    fn take(&mut self, v: f64) -> Option<()> {
        if !v.is_finite() {
            return None;
        }
        if v < self.lo {
            self.lo = v;
        }
        if v > self.hi {
            self.hi = v;
        }
        Some(())
    }
}

/// The y of row j of h over `view` (row 0 at the top), as `Grid::pos`.
#[inline]
pub fn row_y(view: View, h: usize, j: usize) -> f64 {
    view.y1 - (j as f64 + 0.5) / h as f64 * view.height()
}
