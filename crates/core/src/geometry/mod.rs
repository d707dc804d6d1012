//! Plane ↔ picture geometry: where a world point lands in a pixel
//! rectangle and back, how the window moves under the hand (zoom, pan,
//! pinch, the start point's snap), where a far point's edge marker sits,
//! how a trail is thinned to pixel resolution, the loss chart's axes, and
//! where a transparent picture has pixels (the tiles a canvas composites).
//!
//! Pixels here are CSS pixels (or SVG user units): the device pixel ratio
//! is the renderer's business. Everything is plain arithmetic, unit-tested
//! natively; the page (`src/web`) and the SVG figure only draw what these
//! functions compute. The maths was moved here unchanged (same operations
//! in the same order, so the page's pixels stay identical).
//!
//! What replaces what in the page shell (`src/web/mod.rs`, line numbers at
//! commit a663005); `vp` is `Viewport::new(view, geom.w, geom.h)`, i.e.
//! `draw::Geom::viewport()` with the view the gesture started from:
//!
//! | `src/web/mod.rs` today                                        | core call                                  |
//! |---------------------------------------------------------------|--------------------------------------------|
//! | `App::set_view` (609–622): the range check before storing     | `view_ok(&v)`                              |
//! | `App::zoom_at(cx, cy, factor, from)` (624–637): the new `View` | `Viewport { view: from, .. }.zoom_at(cx, cy, factor)` |
//! | `App::snap(p)` (639–645)                                      | `snap(&scene.view(), p)`                   |
//! | `App::set_start` (647–654): the finite/±1e12 check            | `start_ok(snap(..))`                       |
//! | `wheel` listener (1383–1396): `unit`, `factor`                | `wheel_factor(e.delta_y(), e.delta_mode())` |
//! | `pointerdown`/`pointermove` (1300, 1326): distance, midpoint  | `pinch((a.1, a.2), (b.1, b.2))` → `(d, mid)`; zoom by `d0 / d` about `mid` |
//! | `pointerdown` (1305–1306): `hypot(..) <= 12.0`                | `grabs_start(geom.px(start), x, y, finger)`        |
//! | `pointermove` (1334): `hypot(..) > 4.0`                       | `is_drag((x0, y0), x, y)`                  |
//! | `pointermove` `Drag::Pan` (1342–1350): `dx`, `dy`, new `View` | `Viewport::new(view, w, h).pan(x - x0, y - y0)` |
//! | `geom.world(x, y)` (1331, 1368) / `geom.px(p)` (1305)         | [`Viewport::world`] / [`Viewport::px`] (what `Geom` now calls) |
//! | `App::measure` (421–447): the height from the view's aspect (438–446) | `fit_height(&view, w, inner_h, screen)` |
//! | `reset-view` (1217–1220): `scene.view = None`                 | no maths: the scene's default view         |
//!
//! The maths goes through [`crate::math`]'s libm. In the wasm that is the
//! code std's `log10`/`powf`/`exp`/`atan2` ran before (compiler_builtins
//! carries the same musl port), so what the page computes did not change by a
//! bit, and the second copy of those functions is gone; natively (the SVG)
//! they now round as the page does.
//!
//! In `src/web/draw.rs`: `Geom::px`/`world` → [`Viewport`]; the trail's
//! polylines and dots → [`trail::polylines`], [`trail::dots`]; the edge
//! triangle → [`trail::edge_marker`]; the loss chart's log/linear choice,
//! ranges, ticks, cursor and line thinning → [`loss_axes::LossAxes`].
//! `gradscape-text`'s SVG figure maps through a [`Viewport`] too.

mod client;
mod fit;
pub mod loss_axes;
pub mod tiles;
pub mod trail;
mod viewport;

pub use client::client_px;
pub use fit::{fit, fit_runs, fit_runs_ahead};
pub use loss_axes::LossAxes;
pub use viewport::{
    figure_height, fit_height, grabs_start, grain, is_drag, nudge_step, pinch, snap, start_ok,
    view_ok, wheel_factor, Screen, Viewport, WHEEL_MAX,
};

/// The distance from `p` to the segment a–b (a point if a = b).
pub fn to_segment(p: (f64, f64), a: (f64, f64), b: (f64, f64)) -> f64 {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let len2 = dx * dx + dy * dy;
    let s = if len2 > 0.0 {
        (((p.0 - a.0) * dx + (p.1 - a.1) * dy) / len2).clamp(0.0, 1.0)
    } else {
        0.0
    };
    (p.0 - a.0 - s * dx).hypot(p.1 - a.1 - s * dy)
}
