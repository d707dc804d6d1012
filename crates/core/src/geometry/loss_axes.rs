//! The loss chart's axes: step across, loss up, on a log scale unless some
//! loss is ≤ 0 (then a symmetric log, [`Scale`]); where ticks, lines and
//! the cursor go.

use crate::scale::Extent;
pub use crate::scale::Scale;
use crate::surface::ticks;

/// Margins of the loss chart: left, right, top, bottom (px). The top one
/// holds the axis's name (12 px text), above the curves and the cursor.
pub const LOSS_MARGINS: (f64, f64, f64, f64) = (52.0, 10.0, 18.0, 22.0);

/// The least distance between two y labels (px): a 12 px label's height
/// and a little air. Fewer labels on a short chart, none run together.
pub const LOSS_LABEL_GAP: f64 = 14.0;

/// About how far apart a curve's dot shapes are (px).
pub const LOSS_MARK_GAP: f64 = 90.0;

/// The axes of a `w` × `h` loss chart.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LossAxes {
    /// How a loss maps to y: log₁₀ where every loss shown is > 0.
    pub scale: Scale,
    /// Bottom of the y range, in axis units (decades when `log`).
    pub ylo: f64,
    /// Top of the y range, in axis units.
    pub yhi: f64,
    /// Chart width, px.
    pub w: f64,
    /// Chart height, px.
    pub h: f64,
    /// Steps across (at least 1).
    pub n: f64,
}

impl LossAxes {
    /// Axes for the losses shown (every visible run's), `steps` wide: a log
    /// axis rounded out to whole decades, else a symmetric log or linear
    /// ([`Scale::of`]); an empty or flat range is opened by ±1.
    pub fn new(losses: impl IntoIterator<Item = f64>, steps: usize, w: f64, h: f64) -> LossAxes {
        // No loss at all (every run hidden): a log axis of one decade.
        let (scale, mut ylo, mut yhi) = match Extent::of(losses) {
            Some(e) => {
                let scale = Scale::of(e.lo, e.hi, e.least);
                (scale, scale.unit(e.lo), scale.unit(e.hi))
            }
            None => (Scale::Log, 0.0, 1.0),
        };
        if scale.is_log() {
            ylo = ylo.floor();
            yhi = yhi.ceil();
        }
        if yhi - ylo < 1e-12 {
            ylo -= 1.0;
            yhi += 1.0;
        }
        LossAxes {
            scale,
            ylo,
            yhi,
            w,
            h,
            n: steps.max(1) as f64,
        }
    }

    /// Plot area width, px.
    fn pw(&self) -> f64 {
        let (left, right, _, _) = LOSS_MARGINS;
        self.w - left - right
    }

    /// Plot area height, px.
    fn ph(&self) -> f64 {
        let (_, _, top, bottom) = LOSS_MARGINS;
        self.h - top - bottom
    }

    /// A loss in axis units.
    pub fn unit(&self, v: f64) -> f64 {
        self.scale.unit(v)
    }

    /// Whether y is log₁₀(loss).
    pub fn log(&self) -> bool {
        self.scale.is_log()
    }

    /// A y tick's label ("1e-3", "−1e-2", "0.5").
    pub fn y_label(&self, u: f64) -> String {
        self.scale.label(u)
    }

    /// x (px) of step `s`.
    pub fn x(&self, s: f64) -> f64 {
        LOSS_MARGINS.0 + s / self.n * self.pw()
    }

    /// y (px) of a loss, clamped to the range.
    pub fn y(&self, v: f64) -> f64 {
        self.y_unit(self.unit(v).clamp(self.ylo, self.yhi))
    }

    /// y (px) of a value in axis units (a tick).
    pub fn y_unit(&self, u: f64) -> f64 {
        LOSS_MARGINS.2 + (self.yhi - u) / (self.yhi - self.ylo) * self.ph()
    }

    /// y ticks in axis units: whole decades (thinned to about 5) on a log
    /// axis, nice numbers (about 4) on a linear one; on a short chart
    /// fewer, so no two are closer than [`LOSS_LABEL_GAP`]. A log axis
    /// always labels both its ends (the top one alone when even those two
    /// would run together).
    pub fn y_ticks(&self) -> Vec<f64> {
        let ph = self.ph().max(0.0);
        if let Scale::SymLog(_) = self.scale {
            // 0 and ±c·10ᵏ, none nearer another than a label's height.
            return self
                .scale
                .spaced(self.ylo, self.yhi, |u| self.y_unit(u), LOSS_LABEL_GAP);
        }
        if self.scale.is_log() {
            let span = (self.yhi - self.ylo).round().max(1.0) as usize;
            let per = ph / span as f64;
            if per * (span as f64) < LOSS_LABEL_GAP {
                return vec![self.yhi];
            }
            let need = (LOSS_LABEL_GAP / per - 1e-9).ceil().max(1.0) as usize;
            let every = (span / 5).max(need).max(1);
            let mut ks: Vec<usize> = (0..=span).step_by(every).collect();
            let last = *ks.last().unwrap_or(&0);
            if last != span {
                if ((span - last) as f64) * per < LOSS_LABEL_GAP && ks.len() > 1 {
                    ks.pop();
                }
                ks.push(span);
            }
            ks.into_iter().map(|k| self.ylo + k as f64).collect()
        } else {
            let n = ((ph / LOSS_LABEL_GAP) as usize).clamp(1, 4);
            ticks(self.ylo, self.yhi, n)
        }
    }

    /// x ticks in steps, about one per 80 px; whole steps only (one step
    /// across was labelled 0, 0.1, … 1).
    pub fn x_ticks(&self) -> Vec<f64> {
        let mut t = ticks(0.0, self.n, ((self.pw() / 80.0) as usize).max(2));
        t.retain(|v| v.fract() == 0.0);
        t
    }

    /// x (px) of the cursor at step `t` of `steps`.
    pub fn cursor(w: f64, t: usize, steps: usize) -> f64 {
        let (left, right, _, _) = LOSS_MARGINS;
        let n = steps.max(1) as f64;
        left + t.min(steps) as f64 / n * (w - left - right)
    }

    /// The steps where run `i` of `n` shows its dot shape on its curve, so
    /// the curves are told apart without colour (runs 1–3 are all solid
    /// lines): about one per [`LOSS_MARK_GAP`] px, staggered by run, since
    /// curves that coincide (every run starts at the same loss) would
    /// otherwise stack their shapes on one point; only steps the run
    /// reached (`len` losses).
    pub fn mark_steps(&self, i: usize, n: usize, len: usize) -> Vec<usize> {
        let per = ((self.pw() / LOSS_MARK_GAP).floor() as usize).clamp(1, 12);
        let shift = (i % n.max(1)) as f64 + 0.5;
        let mut out: Vec<usize> = (0..per)
            .map(|j| ((j as f64 + shift / n.max(1) as f64) / per as f64 * self.n).round() as usize)
            .filter(|&s| s < len)
            .collect();
        out.dedup();
        out
    }

    /// One run's loss line as pixel points: a step is kept when it moves
    /// half a pixel across or a pixel up or down, and the first and last
    /// always are (a 100 000-step line strokes about a point per pixel).
    pub fn line(&self, loss: &[f64]) -> Vec<(f64, f64)> {
        let mut out = Vec::new();
        let mut prev = (f64::NAN, f64::NAN);
        let last = loss.len().saturating_sub(1);
        for (s, v) in loss.iter().enumerate() {
            let (x, y) = (self.x(s as f64), self.y(*v));
            if s == 0 || (x - prev.0).abs() >= 0.5 || (y - prev.1).abs() >= 1.0 || s == last {
                out.push((x, y));
                prev = (x, y);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_are_whole_on_the_x_axis() {
        let one = LossAxes::new([1.0, 2.0], 1, 600.0, 200.0);
        assert_eq!(one.x_ticks(), vec![0.0, 1.0]);
        let many = LossAxes::new([1.0, 2.0], 20, 600.0, 200.0);
        assert!(many.x_ticks().len() >= 4 && many.x_ticks().iter().all(|v| v.fract() == 0.0));
    }

    #[test]
    fn each_run_marks_its_curve_apart_from_the_others() {
        let a = LossAxes::new([1.0, 10.0], 100, 600.0, 200.0);
        // 538 px across: five shapes a run, every run's at other steps.
        let all: Vec<Vec<usize>> = (0..3).map(|i| a.mark_steps(i, 3, 101)).collect();
        for (i, s) in all.iter().enumerate() {
            assert_eq!(s.len(), 5, "{s:?}");
            assert!(s.windows(2).all(|w| w[0] < w[1]) && s[4] <= 100);
            for t in &all[i + 1..] {
                assert!(s.iter().all(|k| !t.contains(k)), "{s:?} {t:?}");
            }
        }
        assert_eq!(all[0], vec![3, 23, 43, 63, 83]);
        // A run that stopped early shows shapes only where it has a loss.
        assert_eq!(a.mark_steps(0, 3, 30), vec![3, 23]);
        // A narrow chart: one shape; one step: step 0 or 1, never past it.
        let narrow = LossAxes::new([1.0], 1, 80.0, 100.0);
        assert_eq!(narrow.mark_steps(0, 2, 2).len(), 1);
        assert!(narrow.mark_steps(1, 2, 2).iter().all(|&s| s <= 1));
        assert!(a.mark_steps(0, 0, 0).is_empty());
    }

    #[test]
    fn log_axis_rounds_out_to_decades() {
        let a = LossAxes::new([0.5, 3e-4, 20.0], 100, 600.0, 200.0);
        assert!(a.log());
        assert_eq!((a.ylo, a.yhi), (-4.0, 2.0));
        assert_eq!(a.y_ticks(), vec![-4.0, -3.0, -2.0, -1.0, 0.0, 1.0, 2.0]);
        // Top and bottom of the range at the plot's top and bottom margin.
        assert_eq!(a.y(100.0), 18.0);
        assert_eq!(a.y(1e-4), 200.0 - 22.0);
        // Beyond the range: clamped.
        assert_eq!(a.y(1e9), 18.0);
    }

    #[test]
    fn a_loss_at_or_below_zero_makes_the_axis_linear() {
        let a = LossAxes::new([2.0, 0.0, -1.0], 10, 600.0, 200.0);
        assert!(!a.log());
        assert_eq!((a.ylo, a.yhi), (-1.0, 2.0));
        assert!(!a.y_ticks().is_empty());
        assert_eq!(a.y(2.0), 18.0);
        assert_eq!(a.y(-1.0), 178.0);
    }

    #[test]
    fn losses_below_zero_over_decades_take_a_symmetric_log_axis() {
        // A student's quartic (minimum −0.0156) from f = 1.15, one run
        // diverging to 1e43: the linear axis drew both others flat on 0.
        let a = LossAxes::new([1.15, 0.3, -0.0156, 1e43], 100, 600.0, 200.0);
        assert_eq!(a.scale, Scale::SymLog(0.01));
        assert!(!a.log());
        let (y0, ymin, ystart) = (a.y(0.0), a.y(-0.0156), a.y(1.15));
        assert!(ymin > y0 && y0 > ystart, "{ymin} {y0} {ystart}");
        // Without the diverging run, the two fill the chart.
        let a = LossAxes::new([1.15, 0.3, -0.0156], 100, 600.0, 200.0);
        let (ymin, ystart) = (a.y(-0.0156), a.y(1.15));
        assert!(
            ymin - ystart > 100.0,
            "the two stand apart: {ymin} {ystart}"
        );
        let t = a.y_ticks();
        assert!(t.contains(&0.0) && t.len() >= 3, "{t:?}");
        for p in t.windows(2) {
            assert!(a.y_unit(p[0]) - a.y_unit(p[1]) >= LOSS_LABEL_GAP, "{t:?}");
        }
        assert_eq!(a.y_label(0.0), "0");
        assert_eq!(a.y_label(a.unit(-0.01)), "−1e-2");
    }

    #[test]
    fn empty_and_flat_ranges_open_up() {
        // No loss at all (every run hidden) counts as a log axis of one decade.
        let a = LossAxes::new([], 10, 600.0, 200.0);
        assert!(a.log());
        assert_eq!((a.ylo, a.yhi), (0.0, 1.0));
        let f = LossAxes::new([0.0, 0.0], 10, 600.0, 200.0);
        assert_eq!((f.ylo, f.yhi), (-1.0, 1.0));
        let d = LossAxes::new([10.0], 10, 600.0, 200.0);
        assert_eq!((d.ylo, d.yhi), (0.0, 2.0));
        let many = LossAxes::new([1e-30, 1e30], 10, 600.0, 200.0);
        assert_eq!(many.y_ticks().len(), 6);
    }

    #[test]
    fn short_charts_label_fewer_decades_never_closer_than_a_label() {
        // 1e2 … 1e-6 (8 decades) at a figure's 110 px: every 2nd decade.
        let a = LossAxes::new([100.0, 1e-6], 60, 600.0, 110.0);
        assert_eq!(a.y_ticks(), vec![-6.0, -4.0, -2.0, 0.0, 2.0]);
        for (h, lo) in [
            (60.0, 1e-6),
            (80.0, 1e-7),
            (110.0, 1e-9),
            (140.0, 1e-13),
            (400.0, 1e-30),
        ] {
            for hi in [1.0, 10.0, 1e3] {
                let a = LossAxes::new([hi, lo], 60, 600.0, h);
                let t = a.y_ticks();
                assert_eq!(t.last(), Some(&a.yhi), "{h} {lo} {hi}");
                assert_eq!(t.first(), Some(&a.ylo), "{h} {lo} {hi}");
                for p in t.windows(2) {
                    let d = a.y_unit(p[0]) - a.y_unit(p[1]);
                    assert!(d >= LOSS_LABEL_GAP - 1e-9, "{h} {lo} {hi}: {t:?}");
                }
            }
            let l = LossAxes::new([-1.0, 3.0], 60, 600.0, h);
            for p in l.y_ticks().windows(2) {
                assert!(l.y_unit(p[0]) - l.y_unit(p[1]) >= LOSS_LABEL_GAP - 1e-9);
            }
        }
        // Tall enough: every decade, as before.
        let t = LossAxes::new([1.0, 1e-4], 60, 600.0, 200.0).y_ticks();
        assert_eq!(t, vec![-4.0, -3.0, -2.0, -1.0, 0.0]);
    }

    #[test]
    fn steps_span_the_plot_and_the_cursor_follows() {
        let a = LossAxes::new([1.0, 2.0], 200, 600.0, 200.0);
        assert_eq!(a.x(0.0), 52.0);
        assert_eq!(a.x(200.0), 590.0);
        assert_eq!(LossAxes::cursor(600.0, 100, 200), a.x(100.0));
        assert_eq!(LossAxes::cursor(600.0, 999, 200), 590.0);
        assert_eq!(a.x_ticks().first(), Some(&0.0));
        assert_eq!(a.x_ticks().last(), Some(&200.0));
    }

    #[test]
    fn line_keeps_ends_and_drops_subpixel_steps() {
        let a = LossAxes::new([1e-3, 1.0], 100_000, 600.0, 200.0);
        let loss: Vec<f64> = (0..=100_000)
            .map(|s| (-(s as f64) / 20_000.0).exp())
            .collect();
        let line = a.line(&loss);
        assert_eq!(line.first(), Some(&(a.x(0.0), a.y(loss[0]))));
        assert_eq!(line.last(), Some(&(a.x(100_000.0), a.y(loss[100_000]))));
        assert!(line.len() < 2000, "{}", line.len());
        assert!(a.line(&[]).is_empty());
        assert_eq!(a.line(&[0.5]).len(), 1);
    }
}
