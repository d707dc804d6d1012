//! "Fit trails": the window that shows what the runs drawn so far did,
//! clear of the figure's furniture. x and y are scaled apart, as every
//! view is.

use super::view_ok;
use crate::landscape::View;
use crate::Vec2;

/// Room on each side, as shares of the window. The left and bottom edges
/// carry the tick labels (and the left the x₂ name), so the points nearest
/// them — often the start ring — stay clear of the labels: on a phone's
/// figure (~370 px wide, ~290 tall) the left labels and the ring take
/// ~40 px, 11 %, the bottom ones ~30 px; in presenter mode the labels are
/// larger, the figure wider. The top and right are a plain margin.
const LEFT: f64 = 0.12;
const BOTTOM: f64 = 0.12;
const RIGHT: f64 = 0.06;
const TOP: f64 = 0.06;

/// The view buttons (⊡ ⤢) stand in the top-right corner: the right 30 %
/// and top ~18 % of a phone's figure (100 × 52 px; on a laptop 11 % × 11 %).
/// A point in that column gets this much room above it instead of [`TOP`],
/// so no point hides under them.
const BUTTONS_W: f64 = 0.3;
const TOP_UNDER_BUTTONS: f64 = 0.21;

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

/// How far from the surface's own window a run's point may lie and still be
/// framed, in multiples of that window's half-spans about its centre.
/// Beyond, a run is diverging (GD at η = 0.6 on the bowl: x2 = −1673 at
/// step 20), and a window holding it would squash every earlier step, the
/// zig-zag a student wants to see, into a line; those points are left to
/// the edge markers. On the bowl fifteen is ±37.5 in x2: GD's steps 0–8
/// (to −29.5) stay, the window lesson 2 opens with; a converging run,
/// however wide its swing, stays well inside (Lion's to x1 = 2.9: 1.6).
const REACH: f64 = 15.0;

/// The window holding every point of `points` whose coordinates are
/// finite and within ±1e11, with room for the figure's furniture (tick
/// labels left and below, view buttons top right). A single point gets a
/// window of span 1 around it. `None` when no point qualifies (nothing to
/// fit).
pub fn fit(points: impl IntoIterator<Item = Vec2>) -> Option<View> {
    let pts: Vec<Vec2> = points
        .into_iter()
        .filter(|p| p.iter().all(|c| c.is_finite() && c.abs() <= FAR))
        .collect();
    let mut lo = [f64::INFINITY; 2];
    let mut hi = [f64::NEG_INFINITY; 2];
    for p in &pts {
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
    // The points' box, grown to its floor about its middle.
    let mut b = [[0.0; 2]; 2];
    for k in 0..2 {
        let s = span[k].max(floor[k]);
        let mid = lo[k] + (hi[k] - lo[k]) / 2.0;
        b[k] = [mid - s / 2.0, mid + s / 2.0];
    }
    let pad = |[a, z]: [f64; 2], before: f64, after: f64| {
        let w = (z - a) / (1.0 - before - after);
        [a - before * w, z + after * w]
    };
    let x = pad(b[0], LEFT, RIGHT);
    let mut y = pad(b[1], BOTTOM, TOP);
    let under_buttons = |y: [f64; 2], p: &Vec2| {
        (p[0] - x[0]) / (x[1] - x[0]) >= 1.0 - BUTTONS_W
            && (y[1] - p[1]) / (y[1] - y[0]) < TOP_UNDER_BUTTONS
    };
    if pts.iter().any(|p| under_buttons(y, p)) {
        y = pad(b[1], BOTTOM, TOP_UNDER_BUTTONS);
    }
    let v = View::new(x, y);
    view_ok(&v).then_some(v)
}

/// [`fit`] over `start` and the points of `runs` up to step `t` (each run's
/// own last point if it stopped earlier) that lie within reach of `home`,
/// the surface's own window, grown to hold `start` ([`REACH`]).
pub fn fit_runs<'a>(
    runs: impl IntoIterator<Item = &'a [Vec2]>,
    start: Vec2,
    t: usize,
    home: View,
) -> Option<View> {
    framed(runs, start, t, home, false)
}

/// [`fit_runs`], and the points after step `t` that stay inside `home`
/// (grown to hold `start`): a lesson opens at a step and says "press ▶",
/// so a run that converges is seen to its end inside the window; what
/// leaves the surface's own window later is left to the edge markers.
pub fn fit_runs_ahead<'a>(
    runs: impl IntoIterator<Item = &'a [Vec2]>,
    start: Vec2,
    t: usize,
    home: View,
) -> Option<View> {
    framed(runs, start, t, home, true)
}

fn framed<'a>(
    runs: impl IntoIterator<Item = &'a [Vec2]>,
    start: Vec2,
    t: usize,
    home: View,
    ahead: bool,
) -> Option<View> {
    let (x0, x1) = (home.x0.min(start[0]), home.x1.max(start[0]));
    let (y0, y1) = (home.y0.min(start[1]), home.y1.max(start[1]));
    let (cx, cy) = ((x0 + x1) / 2.0, (y0 + y1) / 2.0);
    let (hx, hy) = ((x1 - x0) / 2.0, (y1 - y0) / 2.0);
    let within = move |p: &Vec2, reach: f64| {
        (p[0] - cx).abs() <= reach * hx && (p[1] - cy).abs() <= reach * hy
    };
    let pts = runs.into_iter().flat_map(move |r| {
        r.iter().enumerate().filter_map(move |(k, p)| {
            let shown = if k <= t {
                within(p, REACH)
            } else {
                ahead && within(p, 1.0)
            };
            shown.then_some(*p)
        })
    });
    fit(std::iter::once(start).chain(pts))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn holds(v: &View, p: Vec2) -> bool {
        v.x0 < p[0] && p[0] < v.x1 && v.y0 < p[1] && p[1] < v.y1
    }

    /// Where `p` lies in `v`, as shares from the left and from the top.
    fn at(v: &View, p: Vec2) -> (f64, f64) {
        ((p[0] - v.x0) / v.width(), (v.y1 - p[1]) / v.height())
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn holds_every_point_clear_of_the_labels() {
        let pts = [[-5.0, -2.0], [-4.0, 2.8], [-3.5, -3.9], [-3.0, 0.5]];
        let v = fit(pts).unwrap();
        for p in pts {
            assert!(holds(&v, p), "{p:?} in {v:?}");
        }
        // 12 % of the window left of the leftmost point and under the
        // lowest (the tick labels), 6 % right and above.
        assert!(close(at(&v, [-5.0, -3.9]).0, 0.12), "{v:?}");
        assert!(close(at(&v, [-5.0, -3.9]).1, 0.88), "{v:?}");
        assert!(close(at(&v, [-3.0, 2.8]).0, 0.94), "{v:?}");
        assert!(close(at(&v, [-3.0, 2.8]).1, 0.06), "{v:?}");
        // Flat points: the height is 0.4 of the width, about their middle.
        let v = fit([[0.0, 1.0], [10.0, 2.0]]).unwrap();
        assert!(close(v.height() * 0.82, 4.0), "{v:?}");
    }

    #[test]
    fn no_point_under_the_view_buttons() {
        // The highest point at the right: it would sit under ⊡ ⤢.
        let pts = [[-5.0, -2.0], [-4.0, 1.0], [-2.5, 10.8], [-2.3, -15.0]];
        let v = fit(pts).unwrap();
        let (x, y) = at(&v, [-2.5, 10.8]);
        assert!(x > 0.7 && y > 0.2, "{v:?}");
        // At the left it may go up to the plain margin.
        let v = fit([[-5.0, -2.0], [-4.8, 10.8], [-2.3, -15.0]]).unwrap();
        assert!(at(&v, [-4.8, 10.8]).1 < 0.1, "{v:?}");
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
    fn ahead_of_the_step_what_stays_home_is_framed_too() {
        let home = View::new([-10.0, 10.0], [-10.0, 10.0]);
        // A run converging to (8, 0) after step 1, one leaving home.
        let a: Vec<Vec2> = vec![[0.0, 0.0], [1.0, 1.0], [5.0, 0.5], [8.0, 0.0]];
        let b: Vec<Vec2> = vec![[0.0, 0.0], [-1.0, 2.0], [-40.0, 60.0]];
        let runs = [a.as_slice(), b.as_slice()];
        let now = fit_runs(runs, [0.0, 0.0], 1, home).unwrap();
        assert!(!holds(&now, [8.0, 0.0]), "{now:?}");
        let v = fit_runs_ahead(runs, [0.0, 0.0], 1, home).unwrap();
        for p in [[0.0, 0.0], [1.0, 1.0], [-1.0, 2.0], [5.0, 0.5], [8.0, 0.0]] {
            assert!(holds(&v, p), "{p:?} in {v:?}");
        }
        assert!(
            v.x0 > -5.0 && v.y1 < 10.0,
            "b's later point is left out: {v:?}"
        );
        // Up to the last step, both are the same.
        assert_eq!(
            fit_runs_ahead(runs, [0.0, 0.0], 3, home),
            fit_runs(runs, [0.0, 0.0], 3, home)
        );
    }

    #[test]
    fn runs_are_taken_up_to_the_step() {
        let home = View::new([-10.0, 10.0], [-10.0, 10.0]);
        let a: Vec<Vec2> = vec![[0.0, 0.0], [1.0, 1.0], [100.0, 100.0]];
        let b: Vec<Vec2> = vec![[0.0, 0.0], [-1.0, 2.0]];
        let v = fit_runs([a.as_slice(), b.as_slice()], [0.5, -1.0], 1, home).unwrap();
        for p in [[0.0, 0.0], [1.0, 1.0], [-1.0, 2.0], [0.5, -1.0]] {
            assert!(holds(&v, p));
        }
        assert!(v.x1 < 10.0, "step 2 is left out: {v:?}");
        assert!(
            fit_runs([a.as_slice()], [0.0, 0.0], usize::MAX, home)
                .unwrap()
                .x1
                > 100.0
        );
    }

    #[test]
    fn a_diverging_run_is_framed_where_it_still_has_a_shape() {
        // GD at η = 0.6 on the seed's bowl: x2 = −2·(−1.4)ᵗ, x1 = −5·0.88ᵗ.
        let gd: Vec<Vec2> = (0..=20)
            .map(|t| [-5.0 * 0.88f64.powi(t), -2.0 * (-1.4f64).powi(t)])
            .collect();
        let home = View::new([-5.5, 1.0], [-3.0, 2.0]);
        let v = fit_runs([gd.as_slice()], gd[0], 20, home).unwrap();
        // Steps 0–8 (to −29.5) are framed; step 9 (+41.3) and on, up to
        // −1673, are left to the edge markers.
        for p in &gd[..9] {
            assert!(holds(&v, *p), "{p:?} in {v:?}");
        }
        assert!(!holds(&v, gd[9]) && v.height() < 80.0, "{v:?}");
        // The start far from the surface's window widens the reach.
        let far = [[60.0, 60.0], [300.0, 300.0]];
        let v = fit_runs([far.as_slice()], far[0], 1, home).unwrap();
        assert!(holds(&v, far[1]), "{v:?}");
    }
}
