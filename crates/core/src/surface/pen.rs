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
    /// Indices of the pixels whose coverage is not 0.
    touched: Vec<u32>,
}

/// The fraction of a unit pixel whose projection on a direction lies
/// below `x` (the pixel centred at 0): the projection of a square turned
/// so that the direction's components are `a` ≥ `b` (both ≥ 0, a² + b² =
/// 1) is a trapezoid, so its distribution is piecewise quadratic.
#[inline]
fn below(x: f64, a: f64, b: f64) -> f64 {
    let outer = 0.5 * (a + b);
    let inner = 0.5 * (a - b);
    if x <= -outer {
        0.0
    } else if x >= outer {
        1.0
    } else if x < -inner {
        let t = x + outer;
        t * t / (2.0 * a * b)
    } else if x <= inner {
        (x + 0.5 * a) / a
    } else {
        let t = outer - x;
        1.0 - t * t / (2.0 * a * b)
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
        }
    }

    fn clear(&mut self) {
        for &i in &self.touched {
            self.cover[i as usize] = 0;
        }
        self.touched.clear();
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
                    self.segment(run[k - 1], run[k], width * 0.5, open && k == 1, open && k == n - 1);
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
        let (kd, ks, b) = if hair { (1.0 / a, a, 0.0) } else { (1.0, 1.0, b) };
        let cdf = |x: f64| {
            if b == 0.0 {
                (x + 0.5).clamp(0.0, 1.0)
            } else {
                below(x, a, b)
            }
        };
        let reach = half + 0.5 * (a + b) + 1e-9;
        let (w, h) = (self.w as f64, self.h as f64);
        let y_lo = (p.1.min(q.1) - reach - 0.5).floor().max(0.0);
        let y_hi = (p.1.max(q.1) + reach - 0.5).ceil().min(h - 1.0);
        let x_min = (p.0.min(q.0) - reach).max(0.0);
        let x_max = (p.0.max(q.0) + reach).min(w);
        if y_lo > y_hi || x_min >= x_max {
            return;
        }
        for j in y_lo as usize..=y_hi as usize {
            let cy = j as f64 + 0.5 - p.1;
            // The x-range of this row where the pixel centre is within
            // `reach` of the segment's band and of its length (+ reach).
            let (mut lo, mut hi) = (x_min - p.0, x_max - p.0);
            for (dir, off, from, to) in [
                (nx, cy * ny, -reach, reach),
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
            let i0 = (lo + p.0 - 0.5).ceil().max(0.0) as usize;
            let i1 = (hi + p.0 - 0.5).floor().min(w - 1.0);
            if i1 < 0.0 {
                continue;
            }
            let row = j * self.w;
            for i in i0..=i1 as usize {
                let cx = i as f64 + 0.5 - p.0;
                let s = cx * tx + cy * ty;
                let d = cx * nx + cy * ny;
                let band = |d: f64| cdf(half - d) - cdf(-half - d);
                let c = if s < 0.0 && !butt0 {
                    band((s * s + d * d).sqrt() * kd)
                } else if s > len && !butt1 {
                    let e = s - len;
                    band((e * e + d * d).sqrt() * kd)
                } else {
                    let mut c = band(d * kd);
                    if butt0 {
                        c *= cdf(s * ks);
                    }
                    if butt1 {
                        c *= cdf((len - s) * ks);
                    }
                    c
                };
                let c8 = (c * 255.0 + 0.5) as u8;
                let k = row + i;
                let old = self.cover[k];
                if c8 > old {
                    if old == 0 {
                        self.touched.push(k as u32);
                    }
                    self.cover[k] = c8;
                }
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
        let a8 = (alpha * 255.0 + 0.5).floor();
        if rgba.len() == self.w * self.h * 4 {
            let src = rgb.map(f64::from);
            for &k in &self.touched {
                let k = k as usize;
                let t = a8 * f64::from(self.cover[k]) / (255.0 * 255.0);
                let px = &mut rgba[4 * k..4 * k + 3];
                for (c, s) in px.iter_mut().zip(src) {
                    let d = f64::from(*c);
                    *c = (d + (s - d) * t + 0.5) as u8;
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
mod tests {
    use super::*;

    fn sum(pen: &Pen) -> f64 {
        let mut s = 0.0;
        for j in 0..pen.h {
            for i in 0..pen.w {
                s += f64::from(pen.coverage(i, j)) / 255.0;
            }
        }
        s
    }

    #[test]
    fn an_axis_aligned_line_covers_its_area() {
        let mut pen = Pen::default();
        pen.begin(20, 10);
        // 10 px long, 2 px wide, centred between rows 4 and 5: rows 4 and
        // 5 fully covered from x = 5 to 15, nothing else.
        pen.line(&[(5.0, 5.0), (15.0, 5.0)], 2.0);
        assert_eq!(pen.coverage(5, 4), 255);
        assert_eq!(pen.coverage(14, 5), 255);
        assert_eq!(pen.coverage(4, 4), 0);
        assert_eq!(pen.coverage(15, 5), 0);
        assert_eq!(pen.coverage(10, 3), 0);
        assert!((sum(&pen) - 20.0).abs() < 1e-9);
    }

    #[test]
    fn a_half_pixel_offset_splits_coverage() {
        let mut pen = Pen::default();
        pen.begin(20, 10);
        // 1 px wide on y = 5.0: half of row 4, half of row 5.
        pen.line(&[(2.0, 5.0), (12.0, 5.0)], 1.0);
        assert_eq!(pen.coverage(6, 4), 128);
        assert_eq!(pen.coverage(6, 5), 128);
        // A butt end at x = 12.5 covers half of pixel 12.
        pen.begin(20, 10);
        pen.line(&[(2.0, 5.5), (12.5, 5.5)], 1.0);
        assert_eq!(pen.coverage(12, 5), 128);
        assert_eq!(pen.coverage(11, 5), 255);
    }

    #[test]
    fn a_hairline_puts_one_pixel_of_ink_per_column() {
        let mut pen = Pen::default();
        pen.begin(60, 60);
        // 45°, 1 px wide: 40 columns, one pixel of ink each (not the
        // band's 40·√2 px² area).
        pen.line(&[(10.0, 10.0), (50.0, 50.0)], 1.0);
        assert!((sum(&pen) - 40.0).abs() < 0.3, "{}", sum(&pen));
        // Split between the two pixels across: on y = x + 0.5 the column's
        // centre is half a pixel below a row's centre.
        pen.begin(60, 60);
        pen.line(&[(10.0, 10.5), (50.0, 50.5)], 1.0);
        assert!((127..=128).contains(&pen.coverage(20, 20)));
        assert!((127..=128).contains(&pen.coverage(20, 21)));
    }

    #[test]
    fn a_diagonal_line_covers_its_area() {
        let mut pen = Pen::default();
        pen.begin(60, 60);
        let (l, w) = (40.0_f64, 1.5);
        let d = l / 2f64.sqrt();
        pen.line(&[(10.0, 10.0), (10.0 + d, 10.0 + d)], w);
        // Area l·w, to the 8-bit rounding of each pixel and the square
        // ends' corners (coverage along × across: within 0.1 px² each).
        let n = pen.touched.len() as f64;
        let err = (sum(&pen) - l * w).abs();
        assert!(err < n * 0.5 / 255.0 + 0.2, "{}", sum(&pen));
        // Most of it is the rounding, not the ends.
        assert!(err < 0.3, "{err}");
    }

    #[test]
    fn crossings_and_joints_show_once() {
        let mut pen = Pen::default();
        pen.begin(30, 30);
        pen.line(&[(0.0, 15.0), (30.0, 15.0)], 2.0);
        pen.line(&[(15.0, 0.0), (15.0, 30.0)], 2.0);
        // The crossing is not counted twice: 2·30·2 − 2·2.
        assert!((sum(&pen) - 116.0).abs() < 1e-9);
        // A straight line split into many segments covers what one does.
        pen.begin(30, 30);
        let pts: Vec<_> = (0..=30).map(|i| (i as f64, 7.3 + 0.2 * i as f64)).collect();
        pen.line(&pts, 1.0);
        let many = sum(&pen);
        pen.begin(30, 30);
        pen.line(&[pts[0], pts[30]], 1.0);
        assert!((sum(&pen) - many).abs() < 0.05, "{many} vs {}", sum(&pen));
    }

    #[test]
    fn a_closed_line_shows_no_seam() {
        // A square loop starting mid-edge: the start is a joint like any
        // other, so the pixel there is as covered as its neighbours.
        let mut pen = Pen::default();
        pen.begin(30, 30);
        let sq = [(15.5, 5.3), (25.0, 5.3), (25.0, 25.0), (5.0, 25.0), (5.0, 5.3), (15.5, 5.3)];
        pen.line(&sq, 1.0);
        assert_eq!(pen.coverage(15, 5), pen.coverage(12, 5));
        assert_eq!(pen.coverage(14, 5), pen.coverage(12, 5));
        assert!(pen.coverage(12, 5) > 200);
        // The same points as an open line (the last one moved off the
        // first): butt ends there, each covering half of pixel 15.
        pen.begin(30, 30);
        let mut open = sq;
        open[5].0 = 15.5 + 1e-9;
        pen.line(&open, 1.0);
        assert!(pen.coverage(15, 5) < pen.coverage(12, 5));
    }

    #[test]
    fn ink_blends_once_and_forgets() {
        let mut pen = Pen::default();
        pen.begin(4, 4);
        let mut rgba = vec![0u8; 64];
        for px in rgba.chunks_mut(4) {
            px.copy_from_slice(&[100, 50, 0, 255]);
        }
        pen.line(&[(0.0, 2.0), (4.0, 2.0)], 2.0);
        pen.line(&[(0.0, 2.0), (4.0, 2.0)], 2.0);
        pen.ink(&mut rgba, [255, 255, 255], 0.5);
        // 0.5 → 128/255 of white over (100, 50, 0), once.
        let t = 128.0 / 255.0;
        let want = |d: f64| (d + (255.0 - d) * t + 0.5) as u8;
        assert_eq!(
            &rgba[4 * 4..4 * 4 + 4],
            &[want(100.0), want(50.0), want(0.0), 255]
        );
        assert_eq!(&rgba[..4], &[100, 50, 0, 255]);
        // Inked pixels are forgotten: a second ink changes nothing.
        let before = rgba.clone();
        pen.ink(&mut rgba, [255, 255, 255], 0.5);
        assert_eq!(rgba, before);
    }

    #[test]
    fn bad_input_draws_nothing_and_never_panics() {
        let mut pen = Pen::default();
        pen.begin(10, 10);
        pen.line(&[(f64::NAN, 1.0), (5.0, 5.0)], 1.0);
        pen.line(&[(1.0, 1.0), (1.0, 1.0)], 1.0);
        pen.line(&[(1.0, 1.0), (5.0, 5.0)], f64::NAN);
        pen.line(&[(1.0, 1.0), (5.0, 5.0)], -1.0);
        pen.line(&[(-1e300, -1e300), (-1e300 + 1.0, -1e300)], 1.0);
        pen.line(&[(f64::INFINITY, 3.0), (2.0, 3.0)], 1.0);
        assert_eq!(sum(&pen), 0.0);
        // Far outside, or crossing the whole picture from far away.
        pen.line(&[(-1e9, 5.0), (1e9, 5.0)], 1.0);
        assert!((sum(&pen) - 10.0).abs() < 20.0 * 0.5 / 255.0);
        let mut small = vec![0u8; 8];
        pen.ink(&mut small, [255, 255, 255], 1.0);
        assert_eq!(small, vec![0u8; 8]);
    }
}
