//! How much of a pixel a band covers: the distribution of the pixel's
//! projection on the band's normal (a box for an axis-aligned pixel, a
//! trapezoid for a turned one), and a table of the turned ones.

/// The turned pixels the table holds: b (the smaller of the direction's
/// components) from 0 to 1/√2 in this many steps (a step moves a
/// coverage by under 1 %).
const BUCKETS: usize = 16;
/// Table entries per pixel of distance (between two, a coverage moves by
/// at most 1/√2/64: under 3 levels of 255).
const STEPS: f64 = 64.0;

/// A coverage 0–1 as 0–255, rounded.
#[inline]
pub(super) fn to8(c: f64) -> u8 {
    (c * 255.0 + 0.5) as u8
}

/// The distribution of a pixel's projection on a direction.
pub(super) trait Profile: Copy {
    /// The fraction of the pixel (centred at 0) whose projection lies
    /// below `x`.
    fn below(&self, x: f64) -> f64;
    /// Half the projection's extent.
    fn outer(&self) -> f64;
    /// The fraction of the pixel within `half` of an axis `e` ≥ 0 away
    /// (`inside`: half − outer, within which it is all covered).
    #[inline]
    fn band(&self, half: f64, inside: f64, e: f64) -> f64 {
        if e <= inside {
            1.0
        } else {
            self.below(half - e) - self.below(-half - e)
        }
    }
    /// [`Profile::band`] as the pixel's 0–255 coverage.
    #[inline]
    fn band8(&self, half: f64, inside: f64, e: f64) -> u8 {
        to8(self.band(half, inside, e))
    }
}

/// An axis-aligned pixel (or a hairline, measured on the axes): a box.
#[derive(Clone, Copy)]
pub(super) struct Box1;

impl Profile for Box1 {
    #[inline]
    fn below(&self, x: f64) -> f64 {
        (x + 0.5).clamp(0.0, 1.0)
    }
    fn outer(&self) -> f64 {
        0.5
    }
}

/// A pixel turned so that the direction's components are `a` ≥ `b` (both
/// positive, a² + b² = 1): its projection is a trapezoid, so its
/// distribution is piecewise quadratic (its constants kept: no division
/// per pixel).
#[derive(Clone, Copy)]
pub(super) struct Trapezoid<'a> {
    outer: f64,
    inner: f64,
    half_a: f64,
    inv_a: f64,
    inv_2ab: f64,
    /// The table's row of the nearest turn (see [`Table`]).
    row: &'a [f32],
    /// The same row as 0–255 coverage.
    row8: &'a [u8],
}

impl Trapezoid<'_> {
    pub(super) fn new(a: f64, b: f64) -> Trapezoid<'static> {
        Trapezoid {
            outer: 0.5 * (a + b),
            inner: 0.5 * (a - b),
            half_a: 0.5 * a,
            inv_a: 1.0 / a,
            inv_2ab: 1.0 / (2.0 * a * b),
            row: &[],
            row8: &[],
        }
    }
}

impl Profile for Trapezoid<'_> {
    #[inline]
    fn below(&self, x: f64) -> f64 {
        if x <= -self.outer {
            0.0
        } else if x >= self.outer {
            1.0
        } else if x < -self.inner {
            let t = x + self.outer;
            t * t * self.inv_2ab
        } else if x <= self.inner {
            (x + self.half_a) * self.inv_a
        } else {
            let t = self.outer - x;
            1.0 - t * t * self.inv_2ab
        }
    }
    fn outer(&self) -> f64 {
        self.outer
    }
    /// From the table: no branches on the trapezoid's pieces per pixel.
    #[inline]
    fn band(&self, _half: f64, _inside: f64, e: f64) -> f64 {
        let k = (e * STEPS + 0.5) as usize;
        self.row.get(k).map_or(0.0, |&c| f64::from(c))
    }
    #[inline]
    fn band8(&self, _half: f64, _inside: f64, e: f64) -> u8 {
        let k = (e * STEPS + 0.5) as usize;
        self.row8.get(k).copied().unwrap_or(0)
    }
}

/// [`BUCKETS`] + 1 rows of a turned pixel's coverage by a band of half
/// width `half`, at distances 0, 1/[`STEPS`], 2/[`STEPS`]… px.
#[derive(Debug, Default, Clone)]
pub(super) struct Table {
    lut: Vec<f32>,
    /// The same table as 0–255 coverage, rounded as a pixel is.
    lut8: Vec<u8>,
    half: f64,
    row: usize,
}

impl Table {
    /// The table for bands of half width `half` (filled when it holds
    /// another width).
    pub(super) fn of(&mut self, half: f64) -> &Table {
        if self.half != half || self.lut.is_empty() {
            self.fill(half);
        }
        self
    }

    fn fill(&mut self, half: f64) {
        let n = ((half + 1.0) * STEPS) as usize + 2;
        self.lut.clear();
        for k in 0..=BUCKETS {
            let b = k as f64 / BUCKETS as f64 * std::f64::consts::FRAC_1_SQRT_2;
            let a = (1.0 - b * b).sqrt();
            for i in 0..n {
                let e = i as f64 / STEPS;
                let c = if k == 0 {
                    Box1.band(half, half - 0.5, e)
                } else {
                    let t = Trapezoid::new(a, b);
                    t.below(half - e) - t.below(-half - e)
                };
                self.lut.push(c as f32);
            }
        }
        self.lut8.clear();
        self.lut8
            .extend(self.lut.iter().map(|&c| to8(f64::from(c))));
        self.row = n;
        self.half = half;
    }

    /// The pixel turned to `a` ≥ `b` > 0, with the table's nearest row.
    pub(super) fn trapezoid(&self, a: f64, b: f64) -> Trapezoid<'_> {
        let k = (b * std::f64::consts::SQRT_2 * BUCKETS as f64 + 0.5) as usize;
        let at = k.min(BUCKETS) * self.row;
        Trapezoid {
            row: &self.lut[at..][..self.row],
            row8: &self.lut8[at..][..self.row],
            ..Trapezoid::new(a, b)
        }
    }
}
