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
//!
//! The segments are kept until the ink, then drawn a band of [`BAND`] rows
//! at a time into a small coverage buffer that stays in the cache and
//! blended into those rows at once (the heatmap inks each row right after
//! colouring it): a picture-sized coverage buffer was cold by the time a
//! line reached it and again when it was inked (in the page, 2–4 ms of a
//! surface change went to those cache misses).

mod blend;
mod profile;
mod seg;
mod slab;

use blend::blend;
use profile::{to8, Box1, Profile, Table};
use seg::Seg;
use slab::{max, min, Slab};

/// Rows drawn and inked together: 16 rows of coverage of a picture
/// 1750 px wide are 28 KB (within a first-level cache).
const BAND: usize = 16;

/// The polylines drawn since the last [`Pen::ink`], kept as segments, and
/// the coverage of one band of rows; kept between pictures (no
/// allocation once sized).
#[derive(Debug, Default, Clone)]
pub struct Pen {
    w: usize,
    h: usize,
    segs: Vec<Seg>,
    /// Per band of [`BAND`] rows, the segments that may cover a pixel of
    /// it, in the order drawn.
    bands: Vec<Vec<u32>>,
    /// The band whose coverage `cover` holds, if any.
    drawn: Option<usize>,
    /// Coverage of that band's pixels, 0–255, row-major.
    cover: Vec<u8>,
    /// Per row of the band, the columns `lo..hi` outside which its
    /// coverage is 0 (`lo >= hi`: none).
    spans: Vec<(u32, u32)>,
    table: Table,
}

impl Pen {
    /// Start drawing on a `w` × `h` picture (forgets anything not inked).
    pub fn begin(&mut self, w: usize, h: usize) {
        self.forget();
        self.w = w;
        self.h = h;
        let bands = h.div_ceil(BAND);
        if self.bands.len() != bands {
            self.bands.resize_with(bands, Vec::new);
        }
        if self.cover.len() != BAND * w {
            self.cover.clear();
            self.cover.resize(BAND * w, 0);
        }
        self.spans.clear();
        self.spans.resize(BAND, (u32::MAX, 0));
    }

    /// Forget the segments and the band's coverage.
    fn forget(&mut self) {
        self.segs.clear();
        for band in &mut self.bands {
            band.clear();
        }
        self.drawn = None;
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
        let Some(seg) = Seg::new(p, q, half, (butt0, butt1), (self.w, self.h)) else {
            return;
        };
        let rows = seg.rows;
        let id = self.segs.len() as u32;
        self.segs.push(seg);
        for band in &mut self.bands[rows.0 / BAND..=rows.1 / BAND] {
            band.push(id);
        }
        if self
            .drawn
            .is_some_and(|d| (rows.0 / BAND..=rows.1 / BAND).contains(&d))
        {
            // The band shown by `coverage` is out of date.
            self.drawn = None;
        }
    }

    /// Draw band `k`'s coverage into `cover` (its segments in the order
    /// drawn; the largest coverage per pixel, so the order does not
    /// matter).
    fn draw(&mut self, k: usize) {
        if self.drawn == Some(k) {
            return;
        }
        for (j, span) in self.spans.iter_mut().enumerate() {
            if span.0 < span.1 {
                self.cover[j * self.w..][span.0 as usize..span.1 as usize].fill(0);
            }
            *span = (u32::MAX, 0);
        }
        self.drawn = Some(k);
        if k >= self.bands.len() {
            return;
        }
        let ids = std::mem::take(&mut self.bands[k]);
        let mut table = std::mem::take(&mut self.table);
        for &id in &ids {
            let g = self.segs[id as usize];
            // Monomorphised: the axis-aligned box's distribution has no
            // quadratic parts to branch over.
            if g.b == 0.0 {
                self.rows(&g, Box1, k);
            } else {
                self.rows(&g, table.of(g.half).trapezoid(g.a, g.b), k);
            }
        }
        self.table = table;
        self.bands[k] = ids;
    }

    /// The rows of band `k` near a segment, each pixel's coverage maxed
    /// in.
    fn rows<P: Profile>(&mut self, g: &Seg, prof: P, k: usize) {
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
            reach,
            along,
            rows: (r0, r1),
            cols: (x_min, x_max),
            ..
        } = *g;
        let outer = prof.outer();
        let w = self.w as f64;
        let j0 = k * BAND;
        let (y_lo, y_hi) = (r0.max(j0), r1.min(j0 + BAND - 1));
        // Across: covered at most within `reach / kd` of the axis.
        let across = reach / kd;
        // Symmetric across: a pixel wholly inside is covered, no sums.
        let inside = half - outer;
        let band = |d: f64| prof.band(half, inside, d.abs());
        let band8 = |d: f64| prof.band8(half, inside, d.abs());
        // Per row, the pixel range where two slabs (across, along) meet
        // (a row of Rastrigin's isolines is 4.6 pixels on average).
        let slabs = [
            Slab::new(nx, ny, -across, across),
            Slab::new(tx, ty, -along, len + along),
        ];
        let ends = butt0 || butt1;
        for j in y_lo..=y_hi {
            let cy = j as f64 + 0.5 - p.1;
            let (mut lo, mut hi) = (x_min - p.0, x_max - p.0);
            for slab in &slabs {
                (lo, hi) = slab.clip(cy, lo, hi);
            }
            if lo > hi {
                continue;
            }
            let i0 = max((lo + p.0 - 0.5).ceil(), 0.0);
            let i1 = min((hi + p.0 - 0.5).floor(), w - 1.0);
            if i1 < i0 {
                continue;
            }
            let row = (j - j0) * self.w;
            let span = &mut self.spans[j - j0];
            span.0 = span.0.min(i0 as u32);
            span.1 = span.1.max(i1 as u32 + 1);
            let cx = i0 + 0.5 - p.0;
            // Along and across the segment, stepped by the pixel.
            let mut s = cx * tx + cy * ty;
            let mut d = cx * nx + cy * ny;
            let cover = &mut self.cover[row + i0 as usize..=row + i1 as usize];
            let cap = |e: f64, d: f64| band8((e * e + d * d).sqrt() * kd);
            let mut i = 0;
            let n = cover.len();
            // Each part of the row in its own loop, with no test of which
            // part a pixel is in: s moves one way along a row, so the
            // pixels before the start (s < 0), along the segment and past
            // its end (s > len) come in that order or its reverse.
            macro_rules! part {
                ($keep:expr, $c8:expr) => {
                    while i < n && $keep {
                        cover[i] = cover[i].max($c8);
                        s += tx;
                        d += nx;
                        i += 1;
                    }
                };
            }
            if ends {
                part!(true, {
                    if s < 0.0 && !butt0 {
                        cap(s, d)
                    } else if s > len && !butt1 {
                        cap(s - len, d)
                    } else {
                        let mut c = band(d * kd);
                        if butt0 {
                            c *= prof.below(s * ks);
                        }
                        if butt1 {
                            c *= prof.below((len - s) * ks);
                        }
                        to8(c)
                    }
                });
            } else if tx >= 0.0 {
                part!(s < 0.0, cap(s, d));
                part!(s <= len, band8(d * kd));
                part!(true, cap(s - len, d));
            } else {
                part!(s > len, cap(s - len, d));
                part!(s >= 0.0, band8(d * kd));
                part!(true, cap(s, d));
            }
        }
    }

    /// Blend `rgb` at `alpha` × coverage over every pixel drawn since
    /// [`Pen::begin`] or the last ink (source-over on an opaque picture,
    /// `w` × `h` as begun), and start afresh. A picture of another size is
    /// left alone.
    pub fn ink(&mut self, rgba: &mut [u8], rgb: [u8; 3], alpha: f64) {
        if self.w > 0 && rgba.len() == self.w * self.h * 4 && !self.segs.is_empty() {
            let (px, _) = rgba.as_chunks_mut::<4>();
            for (k, rows) in px.chunks_mut(BAND * self.w).enumerate() {
                if self.bands[k].is_empty() {
                    continue;
                }
                for (r, row) in rows.chunks_exact_mut(self.w).enumerate() {
                    self.ink_row(k * BAND + r, row, rgb, alpha);
                }
            }
        }
        self.forget();
    }

    /// [`Pen::ink`] of row `j` alone (`row`: its `w` pixels): the heatmap
    /// inks each row right after colouring it, while the row is in the
    /// cache. Rows go in order; the last row (`h` − 1) ends the ink (the
    /// lines are forgotten after it). A row of another width is left
    /// alone.
    pub fn ink_row(&mut self, j: usize, row: &mut [[u8; 4]], rgb: [u8; 3], alpha: f64) {
        let k = j / BAND;
        if j < self.h && row.len() == self.w && !self.bands[k].is_empty() {
            self.draw(k);
            let r = j - k * BAND;
            let (lo, hi) = self.spans[r];
            if lo < hi {
                let alpha = if alpha.is_finite() {
                    alpha.clamp(0.0, 1.0)
                } else {
                    0.0
                };
                // The canvas holds a colour's alpha in 8 bits.
                let a8 = (alpha * 255.0 + 0.5).floor() as i32;
                let (lo, hi) = (lo as usize, hi as usize);
                let cover = &mut self.cover[r * self.w..][lo..hi];
                blend(&mut row[lo..hi], cover, rgb.map(i32::from), a8);
                self.spans[r] = (u32::MAX, 0);
            }
        }
        if j + 1 == self.h {
            self.forget();
        }
    }

    /// The coverage of pixel (i, j) drawn since the last ink, 0–255.
    pub fn coverage(&mut self, i: usize, j: usize) -> u8 {
        if i >= self.w || j >= self.h {
            return 0;
        }
        let k = j / BAND;
        self.draw(k);
        self.cover[(j - k * BAND) * self.w + i]
    }
}

#[cfg(test)]
mod tests;
