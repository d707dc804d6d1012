//! The surface's picture as the page shows it: the heatmap with the
//! isolines and the minima's crosses inked into its RGBA pixels. The page
//! (`src/web/draw/surface.rs`) only puts these pixels on a canvas, and
//! `cargo bench` times the same work natively, so the page's figure is
//! compared with the same work built for the CPU.
//!
//! The buffers are kept from one picture to the next (no allocation once
//! sized).

use crate::geometry::Viewport;
use crate::landscape::Landscape;
use crate::surface::{isolines_at, simplify, Grid, Pen, Raster, Sampler};

/// Isolines per picture (log-spaced over the samples' range).
pub const LEVELS: usize = 14;

/// The alpha of the dark casing under the minima's crosses (presenting).
pub const CASING_ALPHA: f64 = 0.6;

/// The lines' widths (device pixels) and the isolines' alpha.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Ink {
    /// An isoline's width.
    pub line: f64,
    /// The isolines' white, over the heatmap.
    pub alpha: f64,
    /// A minimum's cross: half its arm's length.
    pub arm: f64,
    /// A minimum's cross: its stroke's width.
    pub cross: f64,
    /// Presenting: a dark casing of this width under each cross, so the
    /// marker reads on the bright end of the map.
    pub casing: Option<f64>,
    /// Presenting: the isolines over the bright end of the map (from
    /// [`DARK_FROM`] of the colour scale up) in [`DARK_INK`], not white —
    /// white on viridis' yellow is 1.3:1, which a washed-out projector
    /// loses; this ink is 7:1 there.
    pub dark: bool,
}

/// Where on the colour scale (0 the lowest loss's colour, 1 the highest)
/// presenting's isolines turn dark: viridis is light from here on.
pub const DARK_FROM: f64 = 0.6;

/// The dark isolines' colour (a navy that reads as a line, not a hole).
pub const DARK_INK: [u8; 3] = [24, 20, 48];

impl Ink {
    /// How many of a picture's `levels` isolines (lowest first, at k/(n + 1)
    /// of the colour scale, k = 1..=n) are white: all but presenting's
    /// dark ones over the bright end.
    pub fn white_levels(&self, levels: usize) -> usize {
        if !self.dark {
            return levels;
        }
        (1..=levels)
            .filter(|&k| (k as f64) / (levels as f64 + 1.0) < DARK_FROM)
            .count()
    }

    /// The page's lines: base sizes (an isoline 1 px, a cross 7 px by 2 px)
    /// times `line`, at `dpr` device pixels per CSS pixel. A projector
    /// washes faint lines out: presenting, the isolines are stronger and the
    /// crosses cased.
    pub fn page(line: f64, present: bool, dpr: f64) -> Ink {
        Ink {
            line: 1.0 * line * dpr,
            alpha: if present { 0.7 } else { 0.45 },
            arm: 7.0 * line * dpr,
            cross: 2.0 * line * dpr,
            casing: present.then_some((2.0 * line + 2.0) * dpr),
            dark: present,
        }
    }
}

/// The coarse grid the isolines of a picture of `vp` (CSS pixels) are
/// traced on: a sample per 2.5 CSS pixels, per 6 for the low-resolution
/// picture of a drag (smooth lines at any device pixel ratio, a tenth of
/// the heatmap's samples at DPR 2).
pub fn coarse_size(vp: &Viewport, low: bool) -> (usize, usize) {
    let k = if low { 6.0 } else { 2.5 };
    ((vp.w / k) as usize, (vp.h / k) as usize)
}

/// What a picture is drawn with: the heatmap's samples and pixels, the
/// coarser samples the isolines are traced on, and the pen.
#[derive(Debug, Clone)]
pub struct Picture {
    raster: Raster,
    coarse: Grid,
    sampler: Sampler,
    pen: Pen,
    /// Presenting's dark isolines ([`Ink::dark`]).
    dark_pen: Pen,
    levels: Vec<f64>,
}

impl Default for Picture {
    fn default() -> Picture {
        let l = Landscape::default();
        Picture {
            raster: Raster::default(),
            coarse: Grid::sample(&l, l.default_view(), 2, 2),
            sampler: Sampler::default(),
            pen: Pen::default(),
            dark_pen: Pen::default(),
            levels: Vec::new(),
        }
    }
}

impl Picture {
    /// Sample `l` over `vp`'s view for a heatmap of `size` pixels (at least
    /// 2 × 2) and for isolines traced on `coarse` samples; the isolines'
    /// levels come from the heatmap's range.
    pub fn sample(
        &mut self,
        l: &Landscape,
        vp: &Viewport,
        size: (usize, usize),
        coarse: (usize, usize),
    ) {
        self.raster.sample(l, vp.view, size.0, size.1);
        let (cw, ch) = coarse;
        self.coarse
            .resample_with(&mut self.sampler, l, vp.view, cw, ch);
        self.levels.clear();
        let levels = self.raster.scale.levels(LEVELS);
        self.levels.extend(levels.iter().map(|l| l.1));
    }

    /// The heatmap of the last [`Picture::sample`] as RGBA, with the
    /// isolines and the minima's crosses inked in when `ink` (drawn at
    /// `dpr` device pixels per CSS pixel of `vp`). Each row is inked right
    /// after it is coloured, while it is in the cache.
    pub fn colour(&mut self, l: &Landscape, vp: &Viewport, dpr: f64, ink: Option<Ink>) -> &[u8] {
        let Some(ink) = ink else {
            return self.raster.colour(l);
        };
        let Picture {
            raster,
            coarse,
            pen,
            dark_pen,
            levels,
            ..
        } = self;
        let white = ink.white_levels(levels.len());
        pen.begin(raster.w, raster.h);
        // Only presenting has dark lines: otherwise the second pen is not
        // touched (the page's heatmap path as issue 16 measures it).
        if ink.dark {
            dark_pen.begin(raster.w, raster.h);
        }
        each_isoline(coarse, levels, vp, dpr, |k, pts| {
            let p = if k < white { &mut *pen } else { &mut *dark_pen };
            p.line(pts, ink.line)
        });
        let white = [255, 255, 255];
        let n = if ink.dark {
            raster.colour_with(l, |j, row| {
                pen.ink_row(j, row, white, ink.alpha);
                dark_pen.ink_row(j, row, DARK_INK, ink.alpha);
            })
        } else {
            raster.colour_with(l, |j, row| pen.ink_row(j, row, white, ink.alpha))
        }
        .len();
        let rgba = &mut raster.rgba[..n];
        if let Some(width) = ink.casing {
            minima(l, vp, dpr, ink.arm, |a, b| pen.line(&[a, b], width));
            pen.ink(rgba, [0, 0, 0], CASING_ALPHA);
        }
        minima(l, vp, dpr, ink.arm, |a, b| pen.line(&[a, b], ink.cross));
        pen.ink(rgba, white, 1.0);
        &raster.rgba[..n]
    }

    /// The coarse samples the isolines are traced on.
    pub fn coarse(&self) -> &Grid {
        &self.coarse
    }

    /// The isolines' levels of the last [`Picture::sample`].
    pub fn levels(&self) -> &[f64] {
        &self.levels
    }
}

/// Each isoline at `levels` traced on `coarse`, in device pixels,
/// simplified to a quarter of a device pixel (no pixel one can see moves;
/// a stroke costs by the point): the bowl's and Rosenbrock's isolines keep
/// an eighth of their points, Rastrigin's half (surface/simplify.rs). `f`
/// is given each line's level's index in `levels`.
pub fn each_isoline(
    coarse: &Grid,
    levels: &[f64],
    vp: &Viewport,
    dpr: f64,
    mut f: impl FnMut(usize, &[(f64, f64)]),
) {
    let mut px = Vec::new();
    let mut thin = Vec::new();
    let mut stack = Vec::new();
    for (k, lines) in isolines_at(coarse, levels).iter().enumerate() {
        for line in lines {
            px.clear();
            px.extend(line.iter().map(|p| {
                let (x, y) = vp.px(*p);
                (x * dpr, y * dpr)
            }));
            // A speck of a few points (a tiny island in a flat valley)
            // stays as traced: simplified it would turn from a dot into a
            // dash.
            if px.len() < 8 {
                f(k, &px);
                continue;
            }
            simplify(&px, 0.25, &mut stack, &mut thin);
            f(k, &thin);
        }
    }
}

/// The minima's crosses as segments in device pixels, each arm `arm` long
/// from the centre.
pub fn minima(
    l: &Landscape,
    vp: &Viewport,
    dpr: f64,
    arm: f64,
    mut f: impl FnMut((f64, f64), (f64, f64)),
) {
    for p in l.minima() {
        let (x, y) = vp.px(p);
        let (x, y) = (x * dpr, y * dpr);
        f((x - arm, y), (x + arm, y));
        f((x, y - arm), (x, y + arm));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The picture's pixels are the heatmap's where no line passes, and
    /// the lines change some: inking is not a no-op, and drawing a picture
    /// again (kept buffers) gives the same bytes.
    #[test]
    fn ink_changes_only_some_pixels_and_repeats_exactly() {
        let l = Landscape::from_kind("rosenbrock").unwrap();
        let vp = Viewport::new(l.default_view(), 320.0, 200.0);
        let mut p = Picture::default();
        p.sample(&l, &vp, (320, 200), (128, 80));
        let plain = p.colour(&l, &vp, 1.0, None).to_vec();
        p.sample(&l, &vp, (320, 200), (128, 80));
        let inked = p
            .colour(&l, &vp, 1.0, Some(Ink::page(1.0, false, 1.0)))
            .to_vec();
        assert_eq!(plain.len(), 320 * 200 * 4);
        let differ = plain
            .chunks(4)
            .zip(inked.chunks(4))
            .filter(|(a, b)| a != b)
            .count();
        assert!(
            differ > 500 && differ < 320 * 200 / 2,
            "{differ} pixels inked"
        );
        p.sample(&l, &vp, (320, 200), (128, 80));
        let again = p
            .colour(&l, &vp, 1.0, Some(Ink::page(1.0, false, 1.0)))
            .to_vec();
        assert_eq!(again, inked);
    }

    #[test]
    fn presenting_cases_the_crosses_and_strengthens_the_lines() {
        let ink = Ink::page(1.75, true, 2.0);
        assert_eq!(ink.line, 3.5);
        assert_eq!(ink.alpha, 0.7);
        assert_eq!(ink.arm, 24.5);
        assert_eq!(ink.cross, 7.0);
        assert_eq!(ink.casing, Some(11.0));
        assert_eq!(Ink::page(1.0, false, 1.0).casing, None);
    }

    /// Presenting, the isolines over viridis' bright end are dark (white
    /// there is 1.3:1, lost on a washed-out projector); the others stay
    /// white, and a page not presenting only ever lightens the map.
    #[test]
    fn presenting_inks_the_bright_end_s_isolines_dark() {
        let l = Landscape::default();
        let vp = Viewport::new(l.default_view(), 320.0, 200.0);
        let mut p = Picture::default();
        let lum = |px: &[u8]| 0.2126 * px[0] as f64 + 0.7152 * px[1] as f64 + 0.0722 * px[2] as f64;
        let mut pixels = |ink: Option<Ink>| {
            p.sample(&l, &vp, (320, 200), (128, 80));
            p.colour(&l, &vp, 1.0, ink).to_vec()
        };
        let plain = pixels(None);
        let count = |inked: &[u8]| {
            let (mut darker, mut lighter) = (0, 0);
            for (a, b) in plain.chunks(4).zip(inked.chunks(4)) {
                let d = lum(b) - lum(a);
                darker += usize::from(d < -30.0);
                lighter += usize::from(d > 30.0);
            }
            (darker, lighter)
        };
        let (darker, lighter) = count(&pixels(Some(Ink::page(1.0, true, 1.0))));
        assert!(
            darker > 300 && lighter > 100,
            "{darker} darker, {lighter} lighter"
        );
        let (darker, _) = count(&pixels(Some(Ink::page(1.0, false, 1.0))));
        assert_eq!(darker, 0);
        let ink = Ink::page(1.0, true, 1.0);
        assert_eq!(ink.white_levels(LEVELS), 8, "k/15 < 0.6 for k ≤ 8");
        assert_eq!(Ink::page(1.0, false, 1.0).white_levels(LEVELS), LEVELS);
    }
}
