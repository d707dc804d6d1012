//! Antialiased strokes drawn straight into an RGBA picture, so the
//! surface's isolines and minima markers need no canvas path: a software
//! canvas strokes a path point by point and composites it over the whole
//! picture, which cost more than the heatmap itself (Rastrigin's many
//! closed isolines ~14 ms at 1750×1020 device px).
//!
//! It draws what a canvas `stroke()` of one path draws (butt caps; the
//! joints round, which for the isolines' gentle turns is the canvas's
//! miter to within a level or two; a line at most a pixel wide as Skia's
//! hairline): a pixel's coverage is the area of the pixel inside the
//! stroke, the largest over the segments (so where lines
//! cross or join the union shows once, not darker), then one blend of the
//! colour at the alpha. Only the pixels near a segment are visited.

/// Coverage of the polylines drawn since the last [`Pen::ink`], and the
/// pixels it touches; kept between pictures (no allocation once sized).
#[derive(Debug, Default, Clone)]
pub struct Pen {
    w: usize,
    h: usize,
    /// Coverage per pixel, 0–255, row-major.
    cover: Vec<u8>,
    /// Per row, the columns `lo..hi` outside which its coverage is 0
    /// (`lo >= hi`: none), so inking walks the picture in memory order.
    spans: Vec<(u32, u32)>,
    /// [`BUCKETS`] + 1 rows of a turned pixel's coverage by a band of half
    /// width `lut_half`, at distances 0, 1/[`STEPS`], 2/[`STEPS`]… px.
    lut: Vec<f32>,
    lut_half: f64,
    lut_row: usize,
}

/// The turned pixels the table holds: b (the smaller of the direction's
/// components) from 0 to 1/√2 in this many steps (a step moves a
/// coverage by under 1 %).
const BUCKETS: usize = 16;
/// Table entries per pixel of distance (between two, a coverage moves by
/// at most 1/√2/64: under 3 levels of 255).
const STEPS: f64 = 64.0;

/// A segment as [`Pen::rows`] walks it: start, length, unit tangent and
/// normal, half width, the hairline's scales across and along, butt ends.
#[derive(Clone, Copy)]
struct Seg {
    p: (f64, f64),
    len: f64,
    t: (f64, f64),
    n: (f64, f64),
    half: f64,
    kd: f64,
    ks: f64,
    butt0: bool,
    butt1: bool,
}

/// The distribution of a pixel's projection on a direction.
trait Profile: Copy {
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
}

/// An axis-aligned pixel (or a hairline, measured on the axes): a box.
#[derive(Clone, Copy)]
struct Box1;

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
struct Trapezoid<'a> {
    outer: f64,
    inner: f64,
    half_a: f64,
    inv_a: f64,
    inv_2ab: f64,
    /// The table's row of the nearest turn (see [`Pen::lut`]).
    row: &'a [f32],
}

impl Trapezoid<'_> {
    fn new(a: f64, b: f64) -> Trapezoid<'static> {
        Trapezoid {
            outer: 0.5 * (a + b),
            inner: 0.5 * (a - b),
            half_a: 0.5 * a,
            inv_a: 1.0 / a,
            inv_2ab: 1.0 / (2.0 * a * b),
            row: &[],
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
}

impl Pen {
    /// Start drawing on a `w` × `h` picture (forgets anything not inked).
    pub fn begin(&mut self, w: usize, h: usize) {
        self.clear();
        if self.w != w || self.h != h || self.cover.len() != w * h {
            self.w = w;
            self.h = h;
            self.cover.clear();
            self.cover.resize(w * h, 0);
            self.spans.clear();
            self.spans.resize(h, (u32::MAX, 0));
        }
    }

    fn clear(&mut self) {
        for (j, span) in self.spans.iter_mut().enumerate() {
            if span.0 < span.1 {
                self.cover[j * self.w..][span.0 as usize..span.1 as usize].fill(0);
            }
            *span = (u32::MAX, 0);
        }
    }

    /// Add a polyline (device pixels, pixel (i, j) covering [i, i+1] ×
    /// [j, j+1]) stroked `width` wide with butt ends (none when it is
    /// closed: first point = last). Non-finite points break the line
    /// there; a line of one point draws nothing.
    pub fn line(&mut self, pts: &[(f64, f64)], width: f64) {
        if !width.is_finite() || width <= 0.0 {
            return;
        }
        // Finite runs only; each run's first and last ends are butt.
        let mut start = 0;
        for i in 0..=pts.len() {
            let ok = i < pts.len() && pts[i].0.is_finite() && pts[i].1.is_finite();
            if !ok {
                let run = &pts[start..i];
                let n = run.len();
                // A closed line has no ends: its first and last segments
                // join (two butt ends meeting there would leave a notch,
                // as coverage is the largest, not the sum, of the parts).
                let open = n < 3 || run[0] != run[n - 1];
                for k in 1..n {
                    self.segment(
                        run[k - 1],
                        run[k],
                        width * 0.5,
                        open && k == 1,
                        open && k == n - 1,
                    );
                }
                start = i + 1;
            }
        }
    }

    /// One segment a → b, `half` its half width; `butt0`/`butt1`: whether
    /// that end is a line's end (cut square) or a joint (rounded).
    fn segment(&mut self, p: (f64, f64), q: (f64, f64), half: f64, butt0: bool, butt1: bool) {
        let (dx, dy) = (q.0 - p.0, q.1 - p.1);
        let len = (dx * dx + dy * dy).sqrt();
        // Nothing to draw (a zero-length butt segment is nothing on a
        // canvas too); far outside, skipped before any pixel arithmetic.
        if !len.is_finite() || len <= 1e-9 {
            return;
        }
        let (tx, ty) = (dx / len, dy / len);
        let (nx, ny) = (-ty, tx);
        let (a, b) = if nx.abs() >= ny.abs() {
            (nx.abs(), ny.abs())
        } else {
            (ny.abs(), nx.abs())
        };
        // Below this, the trapezoid's quadratic parts are too thin to
        // divide by: the square is axis-aligned.
        let b = if b < 1e-6 { 0.0 } else { b };
        // A line at most one pixel wide is a canvas's hairline (Skia): one
        // pixel's worth of ink per step along the major axis, split between
        // the two pixels across it (a diagonal gets 1/√2 of the area's
        // ink). So across and along are measured on the axes, the pixel a
        // box: distances across scaled by 1/a, along by a.
        let hair = half <= 0.5;
        let (kd, ks, b) = if hair {
            (1.0 / a, a, 0.0)
        } else {
            (1.0, 1.0, b)
        };
        let seg = Seg {
            p,
            len,
            t: (tx, ty),
            n: (nx, ny),
            half,
            kd,
            ks,
            butt0,
            butt1,
        };
        // Monomorphised: the axis-aligned box's distribution has no
        // quadratic parts to branch over.
        if b == 0.0 {
            self.rows(&seg, Box1)
        } else {
            if self.lut_half != half {
                self.tabulate(half);
            }
            let lut = std::mem::take(&mut self.lut);
            let k = (b * std::f64::consts::SQRT_2 * BUCKETS as f64 + 0.5) as usize;
            let row = &lut[k.min(BUCKETS) * self.lut_row..][..self.lut_row];
            let prof = Trapezoid {
                row,
                ..Trapezoid::new(a, b)
            };
            self.rows(&seg, prof);
            self.lut = lut;
        }
    }

    /// Fill the table for bands of half width `half`.
    fn tabulate(&mut self, half: f64) {
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
        self.lut_row = n;
        self.lut_half = half;
    }

    /// The rows of pixels near a segment, each pixel's coverage maxed in.
    fn rows<P: Profile>(&mut self, g: &Seg, prof: P) {
        let Seg {
            p,
            len,
            t: (tx, ty),
            n: (nx, ny),
            half,
            kd,
            ks,
            butt0,
            butt1,
        } = *g;
        let outer = prof.outer();
        let reach = half + outer + 1e-9;
        let q = (p.0 + tx * len, p.1 + ty * len);
        let (w, h) = (self.w as f64, self.h as f64);
        let y_lo = (p.1.min(q.1) - reach - 0.5).floor().max(0.0);
        let y_hi = (p.1.max(q.1) + reach - 0.5).ceil().min(h - 1.0);
        let x_min = (p.0.min(q.0) - reach).max(0.0);
        let x_max = (p.0.max(q.0) + reach).min(w);
        if y_lo > y_hi || x_min >= x_max {
            return;
        }
        // Across: covered at most within `reach / kd` of the axis.
        let across = reach / kd;
        // Symmetric across: a pixel wholly inside is covered, no sums.
        let inside = half - outer;
        let band = |d: f64| prof.band(half, inside, d.abs());
        for j in y_lo as usize..=y_hi as usize {
            let cy = j as f64 + 0.5 - p.1;
            // The x-range of this row where the pixel centre is within
            // `reach` of the segment's band and of its length (+ reach).
            let (mut lo, mut hi) = (x_min - p.0, x_max - p.0);
            for (dir, off, from, to) in [
                (nx, cy * ny, -across, across),
                (tx, cy * ty, -reach, len + reach),
            ] {
                if dir.abs() > 1e-12 {
                    let (u, v) = ((from - off) / dir, (to - off) / dir);
                    let (u, v) = if u <= v { (u, v) } else { (v, u) };
                    lo = lo.max(u);
                    hi = hi.min(v);
                } else if off < from || off > to {
                    hi = lo - 1.0;
                }
            }
            if lo > hi {
                continue;
            }
            let i0 = (lo + p.0 - 0.5).ceil().max(0.0);
            let i1 = (hi + p.0 - 0.5).floor().min(w - 1.0);
            if i1 < i0 {
                continue;
            }
            let row = j * self.w;
            let span = &mut self.spans[j];
            span.0 = span.0.min(i0 as u32);
            span.1 = span.1.max(i1 as u32 + 1);
            let cx = i0 + 0.5 - p.0;
            // Along and across the segment, stepped by the pixel.
            let mut s = cx * tx + cy * ty;
            let mut d = cx * nx + cy * ny;
            for k in row + i0 as usize..=row + i1 as usize {
                let c = if s < 0.0 && !butt0 {
                    band((s * s + d * d).sqrt() * kd)
                } else if s > len && !butt1 {
                    let e = s - len;
                    band((e * e + d * d).sqrt() * kd)
                } else {
                    let mut c = band(d * kd);
                    if butt0 {
                        c *= prof.below(s * ks);
                    }
                    if butt1 {
                        c *= prof.below((len - s) * ks);
                    }
                    c
                };
                s += tx;
                d += nx;
                let c8 = (c * 255.0 + 0.5) as u8;
                let old = &mut self.cover[k];
                *old = (*old).max(c8);
            }
        }
    }

    /// Blend `rgb` at `alpha` × coverage over every pixel drawn since
    /// [`Pen::begin`] or the last ink (source-over on an opaque picture,
    /// `w` × `h` as begun), and start afresh. A picture of another size is
    /// left alone.
    pub fn ink(&mut self, rgba: &mut [u8], rgb: [u8; 3], alpha: f64) {
        let alpha = if alpha.is_finite() {
            alpha.clamp(0.0, 1.0)
        } else {
            0.0
        };
        // The canvas holds a colour's alpha in 8 bits.
        let a8 = (alpha * 255.0 + 0.5).floor() as i32;
        if rgba.len() == self.w * self.h * 4 {
            let src = rgb.map(i32::from);
            for (j, &(lo, hi)) in self.spans.iter().enumerate() {
                if lo >= hi {
                    continue;
                }
                let (lo, hi) = (j * self.w + lo as usize, j * self.w + hi as usize);
                // Most of a span is uncovered: 8 pixels at a time skipped.
                let mut k = lo;
                while k < hi {
                    if k + 8 <= hi {
                        let word: [u8; 8] = self.cover[k..k + 8].try_into().unwrap_or([1; 8]);
                        if u64::from_ne_bytes(word) == 0 {
                            k += 8;
                            continue;
                        }
                    }
                    let c = self.cover[k];
                    if c != 0 {
                        // d + (s − d)·a8·c/255², rounded (255² is odd: no ties).
                        let t = a8 * i32::from(c);
                        for (v, s) in rgba[4 * k..4 * k + 3].iter_mut().zip(src) {
                            let d = i32::from(*v);
                            *v = ((d * 65025 + (s - d) * t + 32512) / 65025) as u8;
                        }
                    }
                    k += 1;
                }
            }
        }
        self.clear();
    }

    /// The coverage of pixel (i, j) drawn since the last ink, 0–255.
    pub fn coverage(&self, i: usize, j: usize) -> u8 {
        if i < self.w && j < self.h {
            self.cover[j * self.w + i]
        } else {
            0
        }
    }
}

#[cfg(test)]
mod tests;
