//! The numbers of a card's η(t) chart: the rate each step used (and the
//! cycled momentum), thinned to the chart's width, its axes, and the step
//! the cursor marks. The page paints them; the browser tests read them.

use crate::chart::Axis;

/// One run's η(t) chart.
#[derive(Debug, Clone, PartialEq)]
pub struct RateChart {
    /// (step t, η_t) in step order, t from 1 (thinned: each column's lowest
    /// and highest).
    pub lr: Vec<(usize, f64)>,
    /// (step t, γ or β1 at t) when a schedule cycles it, thinned alike.
    pub momentum: Vec<(usize, f64)>,
    /// Steps along x: from 0 to the scene's steps (at least 1).
    pub x: Axis,
    /// η along y: from 0 (a rate's proportions read from zero) to a little
    /// above the highest.
    pub y: Axis,
    /// The momentum's own axis (drawn on the right), if cycled.
    pub m: Option<Axis>,
    /// The lowest and highest η_t.
    pub lo: f64,
    /// The highest η_t.
    pub hi: f64,
    /// The step the cursor marks, its η_t and momentum; None before any step.
    pub cursor: Option<(usize, f64, Option<f64>)>,
}

/// The step whose rate the page shows at cursor `t` for a run of `len`
/// steps: step t itself (the step that led to point t), step 1 at the start,
/// the last step taken past a run's end.
pub fn cursor_step(t: usize, len: usize) -> Option<usize> {
    (len > 0).then(|| t.clamp(1, len))
}

/// Each column's lowest and highest point, in step order (all of them when
/// they fit in `cols` columns).
fn thin(v: &[f64], cols: usize) -> Vec<(usize, f64)> {
    let all = v.iter().enumerate().map(|(k, &x)| (k + 1, x));
    let cols = cols.max(1);
    if v.len() <= 2 * cols {
        return all.collect();
    }
    let per = v.len().div_ceil(cols);
    let mut out = Vec::with_capacity(2 * cols);
    for (c, chunk) in v.chunks(per).enumerate() {
        let base = c * per + 1;
        let (mut lo, mut hi) = (0, 0);
        for (k, x) in chunk.iter().enumerate() {
            if *x < chunk[lo] {
                lo = k;
            }
            if *x > chunk[hi] {
                hi = k;
            }
        }
        let (a, b) = (lo.min(hi), lo.max(hi));
        out.push((base + a, chunk[a]));
        if b != a {
            out.push((base + b, chunk[b]));
        }
    }
    out
}

fn extent(v: &[f64]) -> Option<(f64, f64)> {
    let f = v.iter().copied().filter(|x| x.is_finite());
    let lo = f.clone().fold(f64::INFINITY, f64::min);
    let hi = f.fold(f64::NEG_INFINITY, f64::max);
    (lo <= hi).then_some((lo, hi))
}

impl RateChart {
    /// The chart of rates `lr` (lr[k]: step k + 1's η) and cycled
    /// `momentum` (empty when not cycled) in a scene of `steps` steps,
    /// cursor at `t`, at most about `cols` columns wide.
    pub fn new(lr: &[f64], momentum: &[f64], steps: usize, t: usize, cols: usize) -> RateChart {
        let (lo, hi) = extent(lr).unwrap_or((0.0, 0.0));
        let top = if hi > 0.0 { hi * 1.08 } else { 1.0 };
        let m = extent(momentum).map(|(a, b)| {
            let pad = if b > a { (b - a) * 0.08 } else { 0.05 };
            Axis::new(a - pad, b + pad)
        });
        let cursor = cursor_step(t, lr.len()).map(|s| (s, lr[s - 1], momentum.get(s - 1).copied()));
        RateChart {
            lr: thin(lr, cols),
            momentum: thin(momentum, cols),
            x: Axis::new(0.0, steps.max(1) as f64),
            y: Axis::new(0.0, top),
            m,
            lo,
            hi,
            cursor,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cursor_shows_the_step_that_led_to_the_point() {
        assert_eq!(cursor_step(0, 20), Some(1));
        assert_eq!(cursor_step(12, 20), Some(12));
        assert_eq!(cursor_step(20, 7), Some(7));
        assert_eq!(cursor_step(3, 0), None);
        let c = RateChart::new(&[0.4, 0.2, 0.1], &[0.9, 0.8, 0.85], 3, 2, 100);
        assert_eq!(c.cursor, Some((2, 0.2, Some(0.8))));
        assert_eq!(c.lr, vec![(1, 0.4), (2, 0.2), (3, 0.1)]);
        assert_eq!((c.lo, c.hi), (0.1, 0.4));
        assert_eq!(c.y.lo, 0.0);
        assert!(c.y.hi > 0.4 && c.y.hi < 0.45);
        let m = c.m.unwrap();
        assert!(m.lo < 0.8 && m.hi > 0.9);
    }

    #[test]
    fn long_runs_keep_each_columns_extremes() {
        let lr: Vec<f64> = (0..1000)
            .map(|k| if k == 501 { 5.0 } else { 1.0 })
            .collect();
        let c = RateChart::new(&lr, &[], 1000, 1000, 50);
        assert!(c.lr.len() <= 100);
        assert!(c.lr.contains(&(502, 5.0)), "the spike survives thinning");
        assert!(c.lr.windows(2).all(|w| w[0].0 < w[1].0));
        assert_eq!(c.m, None);
        assert_eq!(c.cursor, Some((1000, 1.0, None)));
    }

    #[test]
    fn an_empty_or_zero_run_still_has_axes() {
        let c = RateChart::new(&[], &[], 0, 0, 100);
        assert_eq!(c.cursor, None);
        assert_eq!((c.x.hi, c.y.hi), (1.0, 1.0));
        let z = RateChart::new(&[0.0, 0.0], &[], 2, 1, 100);
        assert_eq!(z.y.hi, 1.0);
    }
}
