//! "Fit trails": the window that shows every point of the runs drawn so
//! far, with a margin. x and y are scaled apart, as every view is.

use super::view_ok;
use crate::landscape::View;
use crate::Vec2;

/// The share of a span added on each side.
const MARGIN: f64 = 0.08;

/// The height is at least this share of the width: the canvas's height
/// follows the window's aspect, and a flat window would make it a strip.
const MIN_TALL: f64 = 0.4;

/// The width is at least this share of the height: a vertical line of
/// points still gets a window (a tall window only fills the canvas's
/// greatest height, so it can be narrower).
const MIN_WIDE: f64 = 0.1;

/// Points farther out are off the plane's scale (a diverged run at 1e300):
/// no window can hold them and the figure's edge markers point at them.
const FAR: f64 = 1e11;

/// The window holding every point of `points` whose coordinates are
/// finite and within ±1e11, with a margin of 8 % of each span on each
/// side. A single point gets a window of span 1 around it. `None` when no
/// point qualifies (nothing to fit).
pub fn fit(points: impl IntoIterator<Item = Vec2>) -> Option<View> {
    let mut lo = [f64::INFINITY; 2];
    let mut hi = [f64::NEG_INFINITY; 2];
    for p in points {
        if !p.iter().all(|c| c.is_finite() && c.abs() <= FAR) {
            continue;
        }
        for k in 0..2 {
            lo[k] = lo[k].min(p[k]);
            hi[k] = hi[k].max(p[k]);
        }
    }
    // No point was taken (lo is still +∞).
    if lo[0] > hi[0] {
        return None;
    }
    let span = [hi[0] - lo[0], hi[1] - lo[1]];
    let widest = span[0].max(span[1]);
    // A point, or points too close to tell apart at f64's grain there.
    let grain = 1e-6 * lo.iter().chain(&hi).fold(0.0f64, |a, c| a.max(c.abs()));
    let floor = if widest > grain {
        [span[1] * MIN_WIDE, span[0] * MIN_TALL]
    } else {
        [1.0f64.max(grain); 2]
    };
    let mut out = [[0.0; 2]; 2];
    for k in 0..2 {
        let s = span[k].max(floor[k]);
        let mid = lo[k] + (hi[k] - lo[k]) / 2.0;
        let half = s / 2.0 * (1.0 + 2.0 * MARGIN);
        out[k] = [mid - half, mid + half];
    }
    let v = View::new(out[0], out[1]);
    view_ok(&v).then_some(v)
}

/// [`fit`] over the points of `runs` up to step `t` (each run's own last
/// point if it stopped earlier) and `start`.
pub fn fit_runs<'a>(
    runs: impl IntoIterator<Item = &'a [Vec2]>,
    start: Vec2,
    t: usize,
) -> Option<View> {
    let pts = runs
        .into_iter()
        .flat_map(|r| r.iter().take(t.saturating_add(1)).copied());
    fit(std::iter::once(start).chain(pts))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn holds(v: &View, p: Vec2) -> bool {
        v.x0 < p[0] && p[0] < v.x1 && v.y0 < p[1] && p[1] < v.y1
    }

    #[test]
    fn holds_every_point_with_a_margin() {
        let pts = [[-5.0, -2.0], [-4.0, 2.8], [-3.5, -3.9], [-3.0, 5.5]];
        let v = fit(pts).unwrap();
        for p in pts {
            assert!(holds(&v, p), "{p:?} in {v:?}");
        }
        // 8 % of each span on each side.
        assert!((v.y1 - 5.5 - 0.08 * 9.4).abs() < 1e-9, "{v:?}");
        assert!((v.x0 + 5.0 + 0.08 * 2.0).abs() < 1e-9, "{v:?}");
        // Flat points: the height is 0.4 of the width, about their middle.
        let v = fit([[0.0, 1.0], [10.0, 2.0]]).unwrap();
        assert!((v.height() - 4.0 * 1.16).abs() < 1e-9 && (v.y0 + v.y1 - 3.0).abs() < 1e-9);
    }

    #[test]
    fn a_single_point_or_a_line_is_not_degenerate() {
        let v = fit([[2.0, 3.0]]).unwrap();
        assert!(holds(&v, [2.0, 3.0]) && v.width() >= 1.0 && v.height() >= 1.0);
        let v = fit([[1e9, -1e9]]).unwrap();
        assert!(holds(&v, [1e9, -1e9]) && v.width() > 0.0 && view_ok(&v));
        // A vertical line: x gets a tenth of y's span.
        let v = fit([[1.0, 0.0], [1.0, 8.0]]).unwrap();
        assert!(v.width() >= 0.8 && holds(&v, [1.0, 8.0]), "{v:?}");
        let v = fit([[0.0, 4.0], [10.0, 4.0]]).unwrap();
        assert!(v.height() >= 4.0 && holds(&v, [10.0, 4.0]), "{v:?}");
    }

    #[test]
    fn refuses_what_cannot_be_shown() {
        assert_eq!(fit([]), None);
        assert_eq!(fit([[f64::NAN, 0.0], [f64::INFINITY, 1.0]]), None);
        assert_eq!(fit([[1e300, 1.0]]), None);
        // The bad points are left out; the good ones are held.
        let v = fit([[f64::NAN, 0.0], [0.0, 1.0], [1e300, -1e300], [2.0, 3.0]]).unwrap();
        assert!(holds(&v, [0.0, 1.0]) && holds(&v, [2.0, 3.0]) && v.x1 < 10.0);
    }

    #[test]
    fn runs_are_taken_up_to_the_step() {
        let a: Vec<Vec2> = vec![[0.0, 0.0], [1.0, 1.0], [100.0, 100.0]];
        let b: Vec<Vec2> = vec![[0.0, 0.0], [-1.0, 2.0]];
        let v = fit_runs([a.as_slice(), b.as_slice()], [0.5, -1.0], 1).unwrap();
        for p in [[0.0, 0.0], [1.0, 1.0], [-1.0, 2.0], [0.5, -1.0]] {
            assert!(holds(&v, p));
        }
        assert!(v.x1 < 10.0, "step 2 is left out: {v:?}");
        assert!(fit_runs([a.as_slice()], [0.0, 0.0], usize::MAX).unwrap().x1 > 100.0);
    }
}
