//! A world window shown in a pixel rectangle, and the gestures that move it.

use crate::landscape::View;
use crate::math;
use crate::Vec2;

/// A world window ([`View`]) drawn into the pixel rectangle at
/// (`left`, `top`) of size `w` × `h`; y grows downwards in pixels and
/// upwards in the world.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Viewport {
    /// The world window shown.
    pub view: View,
    /// Left edge of the rectangle, px.
    pub left: f64,
    /// Top edge of the rectangle, px.
    pub top: f64,
    /// Width, px.
    pub w: f64,
    /// Height, px.
    pub h: f64,
}

/// How far (px) a pixel position is clamped: a diverged point at 1e300
/// stays a finite coordinate a canvas or SVG renderer can handle.
const FAR: f64 = 1e5;

impl Viewport {
    /// `view` filling a `w` × `h` rectangle at the origin (a canvas).
    pub const fn new(view: View, w: f64, h: f64) -> Viewport {
        Viewport {
            view,
            left: 0.0,
            top: 0.0,
            w,
            h,
        }
    }

    /// World → pixels, far points clamped to ±1e5 px.
    pub fn px(&self, p: Vec2) -> (f64, f64) {
        let x = self.left + (p[0] - self.view.x0) / self.view.width() * self.w;
        let y = self.top + (self.view.y1 - p[1]) / self.view.height() * self.h;
        (x.clamp(-FAR, FAR), y.clamp(-FAR, FAR))
    }

    /// Pixels → world.
    pub fn world(&self, x: f64, y: f64) -> Vec2 {
        [
            self.view.x0 + (x - self.left) / self.w * self.view.width(),
            self.view.y1 - (y - self.top) / self.h * self.view.height(),
        ]
    }

    /// Whether a pixel position lies in the rectangle (edges included).
    pub fn inside(&self, x: f64, y: f64) -> bool {
        x >= self.left && y >= self.top && x <= self.left + self.w && y <= self.top + self.h
    }

    /// The window scaled by `factor` about the world point under pixel
    /// (`cx`, `cy`), which stays under it (factor < 1 zooms in).
    pub fn zoom_at(&self, cx: f64, cy: f64, factor: f64) -> View {
        let from = self.view;
        let p = self.world(cx, cy);
        View {
            x0: p[0] - (p[0] - from.x0) * factor,
            x1: p[0] + (from.x1 - p[0]) * factor,
            y0: p[1] - (p[1] - from.y0) * factor,
            y1: p[1] + (from.y1 - p[1]) * factor,
        }
    }

    /// The window after the hand moved the picture by (`dx`, `dy`) px: the
    /// world moves with it, so the window moves the other way.
    pub fn pan(&self, dx: f64, dy: f64) -> View {
        let view = self.view;
        let dx = dx / self.w * view.width();
        let dy = dy / self.h * view.height();
        View {
            x0: view.x0 - dx,
            x1: view.x1 - dx,
            y0: view.y0 + dy,
            y1: view.y1 + dy,
        }
    }
}

/// Whether a window may be shown: spans in [1e-9, 1e9] and a corner within
/// ±1e12 (beyond that f64 cannot resolve the pixels). Others are ignored.
pub fn view_ok(v: &View) -> bool {
    let w = v.width();
    let h = v.height();
    // Written as the refusal it was, so a NaN corner is treated the same.
    let refused = !(1e-9..=1e9).contains(&w)
        || !(1e-9..=1e9).contains(&h)
        || v.x0.abs() > 1e12
        || v.y0.abs() > 1e12;
    !refused
}

/// The grain of a window `span` wide: the largest power of ten at most a
/// thousandth of it (the start snaps to it; its arrow keys step by it).
pub fn grain(span: f64) -> f64 {
    math::pow(10.0, math::log10(span / 1000.0).floor())
}

/// The start handle's arrow step in a window `span` wide: the largest
/// 1, 2 or 5 × 10ᵏ at most a hundredth of it (0.05 on the seed's bowl
/// window, 6.5 wide: ~7 px a press on a laptop's plot), a multiple of
/// the [`grain`], so the start stays a short number.
pub fn nudge_step(span: f64) -> f64 {
    let top = span / 100.0;
    let p = math::pow(10.0, math::log10(top).floor());
    [5.0, 2.0, 1.0]
        .into_iter()
        .map(|m| m * p)
        .find(|&s| s <= top * (1.0 + 1e-12))
        .unwrap_or(p)
}

/// A clicked world point rounded to a grain fine enough for the window
/// (a power of ten at most a thousandth of its span), so a link carries
/// `0.52`, not `0.5213846…`.
pub fn snap(view: &View, p: Vec2) -> Vec2 {
    let r = |v: f64, g: f64| ((v / g).round() * g * 1e12).round() / 1e12;
    [r(p[0], grain(view.width())), r(p[1], grain(view.height()))]
}

/// Whether a (snapped) start point may be used: finite, within ±1e12.
pub fn start_ok(p: Vec2) -> bool {
    p[0].is_finite() && p[1].is_finite() && p[0].abs() <= 1e12 && p[1].abs() <= 1e12
}

/// The most one wheel event zooms: a mouse notch (100 px) gives ×1.16, so a
/// fast trackpad flick of many events cannot jump decades.
pub const WHEEL_MAX: f64 = 1.2;

/// The zoom factor of one wheel event: `delta_y` in the event's
/// `delta_mode` (0 pixels, 1 lines of 30 px, 2 pages of 300 px), bounded
/// to [1/WHEEL_MAX, WHEEL_MAX]; 1 for a NaN.
pub fn wheel_factor(delta_y: f64, delta_mode: u32) -> f64 {
    let unit = match delta_mode {
        1 => 30.0,
        2 => 300.0,
        _ => 1.0,
    };
    let e = delta_y * unit * 0.0015;
    if e.is_nan() {
        return 1.0;
    }
    let max = math::ln(WHEEL_MAX);
    math::exp(e.clamp(-max, max))
}

/// Two pointers' distance (at least 1 px) and midpoint: a pinch zooms the
/// window it started from by `d0 / d` about the first midpoint.
pub fn pinch(a: (f64, f64), b: (f64, f64)) -> (f64, [f64; 2]) {
    let d = ((a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)).sqrt().max(1.0);
    (d, [(a.0 + b.0) / 2.0, (a.1 + b.1) / 2.0])
}

/// Whether a press at (`x`, `y`) grabs the start ring drawn at `ring`:
/// within 12 px of a mouse or pen, 22 px of a finger (a 44 px target, as
/// the page's buttons are; 24 px was hard to hit on a phone).
pub fn grabs_start(ring: (f64, f64), x: f64, y: f64, finger: bool) -> bool {
    let reach = if finger { 22.0 } else { 12.0 };
    (ring.0 - x).hypot(ring.1 - y) <= reach
}

/// Whether a press that moved from `from` to (`x`, `y`) is a drag (a pan)
/// rather than a click.
pub fn is_drag(from: (f64, f64), x: f64, y: f64) -> bool {
    (x - from.0).hypot(y - from.1) > 4.0
}

/// A time bar of one row, and the margins a page keeps around it under the
/// figure.
const BAR_ROW: f64 = 44.0;
const BAR_MARGIN: f64 = 26.0;

/// The room under the figure for a time bar `bar` px tall (NaN: one row):
/// a touch screen's bar wraps to two rows of 44 px targets (a tablet in
/// landscape, 1180×820, had its steps field cut by the screen's edge).
fn bar_below(bar: f64) -> f64 {
    let bar = if bar.is_finite() {
        bar.max(BAR_ROW)
    } else {
        BAR_ROW
    };
    bar + BAR_MARGIN
}

/// The room a tall window (1920×1080) also keeps under the time bar for
/// the legend's first two lines (27 px each in 中文): under a lesson's
/// caption the runs' names and losses, which the caption talks about,
/// were under the screen's edge; a shorter window gives the plot that room.
fn legend_below(inner_h: f64) -> f64 {
    if inner_h >= TALL_WINDOW {
        LEGEND_ROOM
    } else {
        0.0
    }
}
const TALL_WINDOW: f64 = 900.0;
const LEGEND_ROOM: f64 = 60.0;

/// How wide the window is, for the canvas's height.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Screen {
    /// Controls beside the figure, the figure `top` px down the page.
    Wide {
        /// The figure's top on the page, in CSS px.
        top: f64,
        /// The time bar's height under it, in CSS px (NaN: one row).
        bar: f64,
    },
    /// One column, the figure `top` px down the page (under the header,
    /// and a lesson's caption), the time bar under it.
    Narrow {
        /// The figure's top on the page, in CSS px.
        top: f64,
        /// The time bar's height under it, in CSS px (NaN: one row).
        bar: f64,
    },
    /// A phone (or a tablet held upright): the figure stays in view at the
    /// top while the controls scroll under it, so it may take at most 45 %
    /// of the height.
    Phone,
}

/// The least height of a figure, as a share of its width, where the
/// window has the room: a wide, flat view (lesson 11's 2.4 × 0.73) made a
/// strip a third as tall as wide, its steps squeezed into 100 px; its axes
/// scale apart instead, as they do when the height is what is short.
pub const MIN_TALL_FIGURE: f64 = 0.5;

/// A figure's height for width `w`: the view's aspect, at least
/// [`MIN_TALL_FIGURE`] of `w`, at most `max_h`.
pub fn figure_height(view: &View, w: f64, max_h: f64) -> f64 {
    (w * view.height() / view.width())
        .max(w * MIN_TALL_FIGURE)
        .min(max_h)
        .clamp(120.0, 4000.0)
}

/// The playground canvas's height for width `w`: [`figure_height`], at
/// most what leaves the time bar above the fold (`inner_h` the window's
/// height; narrow screens reserve less, a phone leaves more than half to
/// the controls).
pub fn fit_height(view: &View, w: f64, inner_h: f64, screen: Screen) -> f64 {
    let max_h = match screen {
        // Under a lesson's tall caption (a tablet in landscape, 1024×768)
        // the time bar too stays on screen.
        Screen::Wide { top, bar } => (inner_h - 290.0)
            .min(inner_h - top - bar_below(bar) - legend_below(inner_h))
            .max(220.0),
        // A tablet's lesson 9 ran 60 px under the screen's bottom, its
        // x axis and ▶ out of sight, below a 200 px caption.
        Screen::Narrow { top, bar } => (inner_h - top - bar_below(bar)).max(220.0),
        Screen::Phone => (inner_h * 0.45).max(200.0),
    };
    figure_height(view, w, max_h)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vp() -> Viewport {
        Viewport::new(View::new([-2.0, 2.0], [-1.0, 3.0]), 800.0, 400.0)
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-9 * (1.0 + a.abs().max(b.abs()))
    }

    #[test]
    fn a_flat_view_gets_half_its_width_where_there_is_room() {
        let flat = View::new([-1.2, 1.2], [-0.35, 0.38]);
        assert_eq!(figure_height(&flat, 1100.0, 700.0), 550.0);
        assert_eq!(figure_height(&flat, 1100.0, 400.0), 400.0);
        // A view taller than half its width keeps its aspect.
        let bowl = View::new([-6.0, 1.0], [-3.2, 2.2]);
        assert!((figure_height(&bowl, 700.0, 2000.0) - 540.0).abs() < 1e-9);
        assert_eq!(
            fit_height(
                &flat,
                900.0,
                1080.0,
                Screen::Wide {
                    top: 60.0,
                    bar: 44.0
                }
            ),
            450.0
        );
    }

    #[test]
    fn a_two_row_time_bar_keeps_its_second_row_on_screen() {
        // 1180×820, a lesson's caption: the figure at 235 px; the touch
        // screen's bar is two rows (96 px).
        let bowl = View::new([-6.0, 1.0], [-3.2, 2.2]);
        let one = fit_height(
            &bowl,
            860.0,
            820.0,
            Screen::Wide {
                top: 235.0,
                bar: 44.0,
            },
        );
        let two = fit_height(
            &bowl,
            860.0,
            820.0,
            Screen::Wide {
                top: 235.0,
                bar: 96.0,
            },
        );
        assert_eq!(one, 820.0 - 235.0 - 70.0);
        // A tall window keeps the legend's first lines on screen too.
        let tall = fit_height(
            &bowl,
            1460.0,
            1080.0,
            Screen::Wide {
                top: 297.0,
                bar: 44.0,
            },
        );
        assert_eq!(tall, 1080.0 - 297.0 - 70.0 - 60.0);
        assert_eq!(two, 820.0 - 235.0 - 96.0 - 26.0);
        let narrow = fit_height(
            &bowl,
            900.0,
            900.0,
            Screen::Narrow {
                top: 200.0,
                bar: f64::NAN,
            },
        );
        assert_eq!(narrow, 900.0 - 200.0 - 70.0);
    }

    #[test]
    fn corners_map_to_the_rectangle() {
        let g = vp();
        assert_eq!(g.px([-2.0, 3.0]), (0.0, 0.0));
        assert_eq!(g.px([2.0, -1.0]), (800.0, 400.0));
        assert_eq!(g.px([0.0, 1.0]), (400.0, 200.0));
        let s = Viewport {
            left: 62.0,
            top: 34.0,
            ..g
        };
        assert_eq!(s.px([-2.0, 3.0]), (62.0, 34.0));
        assert_eq!(s.world(62.0, 34.0), [-2.0, 3.0]);
    }

    #[test]
    fn world_pixel_world_round_trips() {
        for g in [
            vp(),
            Viewport {
                left: 10.0,
                top: 7.5,
                ..vp()
            },
        ] {
            for p in [[0.3, -0.7], [-1.9, 2.9], [1.234, 0.001]] {
                let (x, y) = g.px(p);
                let q = g.world(x, y);
                assert!(close(p[0], q[0]) && close(p[1], q[1]), "{p:?} → {q:?}");
            }
            for (x, y) in [(0.0, 0.0), (123.4, 56.7), (800.0, 400.0)] {
                let p = g.world(x, y);
                let (x2, y2) = g.px(p);
                assert!(close(x, x2) && close(y, y2));
            }
        }
    }

    #[test]
    fn far_points_are_clamped() {
        let (x, y) = vp().px([1e300, -1e300]);
        assert_eq!((x, y), (1e5, 1e5));
        assert!(!vp().inside(x, y));
        assert!(vp().inside(0.0, 400.0));
    }

    #[test]
    fn zoom_keeps_the_point_under_the_cursor() {
        let g = vp();
        for (cx, cy, f) in [(100.0, 50.0, 0.5), (700.0, 333.0, 1.7), (400.0, 200.0, 0.9)] {
            let before = g.world(cx, cy);
            let z = Viewport {
                view: g.zoom_at(cx, cy, f),
                ..g
            };
            let after = z.world(cx, cy);
            assert!(close(before[0], after[0]) && close(before[1], after[1]));
            assert!(close(z.view.width(), g.view.width() * f));
            assert!(close(z.view.height(), g.view.height() * f));
        }
    }

    #[test]
    fn pan_moves_the_window_by_dx_times_width_over_px() {
        let g = vp();
        let v = g.pan(80.0, -40.0);
        // 80 px of 800 px is a tenth of the 4-wide window; the world follows
        // the hand, so the window goes left; dragging up moves it down.
        assert!(close(v.x0, -2.4) && close(v.x1, 1.6));
        assert!(close(v.y0, -1.4) && close(v.y1, 2.6));
        assert_eq!(g.pan(0.0, 0.0), g.view);
        // The world point under the hand moves with the hand.
        let p = g.world(300.0, 100.0);
        let moved = Viewport {
            view: g.pan(15.0, 25.0),
            ..g
        };
        let (x, y) = moved.px(p);
        assert!(close(x, 315.0) && close(y, 125.0));
    }

    #[test]
    fn the_handles_step_is_a_round_hundredth_of_the_view() {
        for (span, want) in [
            (6.5, 0.05),
            (10.0, 0.1),
            (4.0, 0.02),
            (1.0, 0.01),
            (0.3, 0.002),
            (3000.0, 20.0),
        ] {
            let s = nudge_step(span);
            assert!((s - want).abs() < want * 1e-12, "{span}: {s}");
            // A whole number of grains: the start stays on the grain.
            let k = s / grain(span);
            assert!((k - k.round()).abs() < 1e-9, "{span}: {k}");
        }
    }

    #[test]
    fn snap_rounds_to_the_views_grain() {
        let v = View::new([-2.0, 2.0], [-1.0, 3.0]);
        assert_eq!(snap(&v, [0.52138, -0.77777]), [0.521, -0.778]);
        let wide = View::new([-2000.0, 2000.0], [0.0, 40.0]);
        assert_eq!(snap(&wide, [123.456, 1.23456]), [123.0, 1.23]);
        assert!(start_ok([1.0, -1e12]));
        assert!(!start_ok([f64::NAN, 0.0]) && !start_ok([2e12, 0.0]));
    }

    #[test]
    fn view_limits() {
        assert!(view_ok(&View::new([-2.0, 2.0], [-1.0, 3.0])));
        assert!(!view_ok(&View::new([0.0, 1e-10], [0.0, 1.0])));
        assert!(!view_ok(&View::new([0.0, 2e9], [0.0, 1.0])));
        assert!(!view_ok(&View::new([2e12, 2e12 + 1.0], [0.0, 1.0])));
        assert!(!view_ok(&View::new([1.0, 0.0], [0.0, 1.0])));
        assert!(!view_ok(&View::new([0.0, f64::NAN], [0.0, 1.0])));
    }

    #[test]
    fn gestures() {
        assert_eq!(wheel_factor(0.0, 0), 1.0);
        assert!(wheel_factor(100.0, 0) > 1.0 && wheel_factor(-100.0, 0) < 1.0);
        assert_eq!(wheel_factor(1e6, 2), WHEEL_MAX);
        assert!((wheel_factor(-1e6, 0) - 1.0 / WHEEL_MAX).abs() < 1e-12);
        assert_eq!(wheel_factor(f64::NAN, 0), 1.0);
        // A mouse notch zooms a steady step between ×1.1 and ×1.25.
        let notch = wheel_factor(100.0, 0);
        assert!((1.1..=1.25).contains(&notch), "{notch}");
        // Fifteen fast events cannot jump decades.
        assert!(wheel_factor(500.0, 0).powi(15) < 20.0);
        assert_eq!(wheel_factor(3.0, 1), wheel_factor(90.0, 0));
        assert_eq!(pinch((0.0, 0.0), (6.0, 8.0)), (10.0, [3.0, 4.0]));
        assert_eq!(pinch((5.0, 5.0), (5.0, 5.0)).0, 1.0);
        assert!(grabs_start((10.0, 10.0), 22.0, 10.0, false));
        assert!(!grabs_start((10.0, 10.0), 23.0, 10.0, false));
        assert!(
            grabs_start((10.0, 10.0), 32.0, 10.0, true)
                && !grabs_start((10.0, 10.0), 33.0, 10.0, true)
        );
        assert!(!is_drag((0.0, 0.0), 4.0, 0.0) && is_drag((0.0, 0.0), 3.0, 3.0));
    }

    #[test]
    fn height_follows_the_aspect_within_the_fold() {
        let v = View::new([-2.0, 2.0], [-1.0, 1.0]);
        assert_eq!(
            fit_height(
                &v,
                800.0,
                2000.0,
                Screen::Wide {
                    top: 60.0,
                    bar: 44.0
                }
            ),
            400.0
        );
        assert_eq!(
            fit_height(
                &v,
                800.0,
                600.0,
                Screen::Wide {
                    top: 60.0,
                    bar: 44.0
                }
            ),
            310.0
        );
        assert_eq!(
            fit_height(
                &v,
                800.0,
                300.0,
                Screen::Narrow {
                    top: 60.0,
                    bar: 44.0
                }
            ),
            220.0
        );
        // Under a lesson's caption the figure ends above the time bar.
        let tall = View::new([-1.0, 3.0], [-1.0, 5.0]);
        assert_eq!(
            fit_height(
                &tall,
                740.0,
                1024.0,
                Screen::Narrow {
                    top: 217.0,
                    bar: 44.0
                }
            ),
            1024.0 - 217.0 - BAR_ROW - BAR_MARGIN
        );
        assert_eq!(
            fit_height(
                &v,
                100.0,
                2000.0,
                Screen::Wide {
                    top: 60.0,
                    bar: 44.0
                }
            ),
            120.0
        );
        // A phone's sticky figure leaves more than half the screen to the
        // controls, whatever the view's aspect (a tall fit window).
        let tall = View::new([0.0, 1.0], [0.0, 10.0]);
        assert_eq!(fit_height(&tall, 370.0, 844.0, Screen::Phone), 844.0 * 0.45);
    }
}
