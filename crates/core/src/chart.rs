//! Plain chart geometry for the page's small charts (the explainers): a plot
//! area inside a canvas and the linear maps between values and its pixels.
//! CSS pixels throughout; the canvas' device resolution is the web's business.

/// A value range along one axis: `lo` at the left (or bottom), `hi` at the
/// right (or top).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Axis {
    /// The value at the left or bottom edge.
    pub lo: f64,
    /// The value at the right or top edge.
    pub hi: f64,
}

impl Axis {
    /// The range from `lo` to `hi`.
    pub fn new(lo: f64, hi: f64) -> Axis {
        Axis { lo, hi }
    }
}

/// The plot area of a chart: left, top, width, height.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Plot {
    /// Left edge.
    pub l: f64,
    /// Top edge.
    pub t: f64,
    /// Width (at least 10).
    pub w: f64,
    /// Height (at least 10).
    pub h: f64,
}

impl Plot {
    /// The area of a `w` × `h` canvas inside the given margins, never
    /// narrower or lower than 10 pixels.
    pub fn new(w: f64, h: f64, left: f64, right: f64, top: f64, bottom: f64) -> Plot {
        Plot {
            l: left,
            t: top,
            w: (w - left - right).max(10.0),
            h: (h - top - bottom).max(10.0),
        }
    }

    /// The right edge.
    pub fn right(&self) -> f64 {
        self.l + self.w
    }

    /// The bottom edge.
    pub fn bottom(&self) -> f64 {
        self.t + self.h
    }

    /// The x pixel of `v` on `a` (`lo` at the left edge).
    pub fn x(&self, a: Axis, v: f64) -> f64 {
        self.l + (v - a.lo) / (a.hi - a.lo) * self.w
    }

    /// The y pixel of `v` on `a` (`lo` at the bottom edge).
    pub fn y(&self, a: Axis, v: f64) -> f64 {
        self.t + (a.hi - v) / (a.hi - a.lo) * self.h
    }

    /// The fractions (0 … 1 from the left, 0 … 1 from the bottom) of a
    /// point, clamped to the area; `None` for an area without size.
    pub fn fractions(&self, x: f64, y: f64) -> Option<(f64, f64)> {
        if self.w <= 0.0 || self.h <= 0.0 {
            return None;
        }
        let fx = ((x - self.l) / self.w).clamp(0.0, 1.0);
        let fy = ((self.t + self.h - y) / self.h).clamp(0.0, 1.0);
        Some((fx, fy))
    }

    /// The area in units `s` times larger (a chart drawn scaled, in CSS
    /// pixels).
    pub fn scaled(&self, s: f64) -> Plot {
        Plot {
            l: self.l * s,
            t: self.t * s,
            w: self.w * s,
            h: self.h * s,
        }
    }

    /// The area as `left,top,width,height` (for tests that click into it).
    pub fn attr(&self) -> String {
        format!("{},{},{},{}", self.l, self.t, self.w, self.h)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_plot_area_keeps_its_margins_and_a_minimum_size() {
        let p = Plot::new(300.0, 200.0, 40.0, 10.0, 10.0, 30.0);
        assert_eq!((p.l, p.t, p.w, p.h), (40.0, 10.0, 250.0, 160.0));
        assert_eq!((p.right(), p.bottom()), (290.0, 170.0));
        let tiny = Plot::new(20.0, 20.0, 40.0, 10.0, 10.0, 30.0);
        assert_eq!((tiny.w, tiny.h), (10.0, 10.0));
        assert_eq!(p.attr(), "40,10,250,160");
        assert_eq!(p.scaled(1.0), p);
        assert_eq!(p.scaled(2.0).attr(), "80,20,500,320");
    }

    #[test]
    fn values_map_to_pixels_and_back_through_fractions() {
        let p = Plot::new(300.0, 200.0, 40.0, 10.0, 10.0, 30.0);
        let a = Axis::new(-4.0, 1.0);
        assert_eq!(p.x(a, -4.0), 40.0);
        assert_eq!(p.x(a, 1.0), 290.0);
        assert_eq!(p.y(a, 1.0), 10.0);
        assert_eq!(p.y(a, -4.0), 170.0);
        // Bit for bit the forms the charts used before: lo = 0 and hi = 1
        // change nothing (v − 0 and h / 1 are exact).
        let u = Axis::new(0.0, 1.0);
        for v in [0.1, 0.37, 0.9] {
            assert_eq!(p.x(u, v), p.l + v / 1.0 * p.w);
            assert_eq!(p.y(u, v), p.t + (1.0 - v) * p.h);
        }
        let (fx, fy) = p.fractions(p.x(u, 0.25), p.y(u, 0.75)).unwrap();
        assert!((fx - 0.25).abs() < 1e-12 && (fy - 0.75).abs() < 1e-12);
        assert_eq!(p.fractions(0.0, 1000.0), Some((0.0, 0.0)));
        assert_eq!(p.fractions(1000.0, 0.0), Some((1.0, 1.0)));
    }
}
