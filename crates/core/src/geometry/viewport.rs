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
        // A phone on its side (844×390) under a lesson's two caption
        // lines: a floor of 220 px put ▶ under the screen's edge; the bar
        // stays on screen down to a 160 px strip.
        Screen::Narrow { top, bar } => (inner_h - top - bar_below(bar)).max(160.0),
        Screen::Phone => (inner_h * 0.45).max(200.0),
    };
    figure_height(view, w, max_h)
}

#[cfg(test)]
mod tests;
