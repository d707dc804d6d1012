//! Plane ↔ picture geometry: where a world point lands in a pixel
//! rectangle and back, how the window moves under the hand (zoom, pan,
//! pinch, the start point's snap), where a far point's edge marker sits,
//! how a trail is thinned to pixel resolution, and the loss chart's axes.
//!
//! Pixels here are CSS pixels (or SVG user units): the device pixel ratio
//! is the renderer's business. Everything is plain arithmetic, unit-tested
//! natively; the page (`src/web`) and the SVG figure only draw what these
//! functions compute. The maths was moved here unchanged (same operations
//! in the same order, so the page's pixels stay identical).
//!
//! What replaces what in the page shell (`src/web/mod.rs` at a663005):
//!
//! | `src/web/mod.rs` today                                   | core function                          |
//! |----------------------------------------------------------|----------------------------------------|
//! | `App::set_view` — the range check before storing a view  | [`view_ok`]                            |
//! | `App::zoom_at(cx, cy, factor, from)` (the `View` it builds) | [`Viewport::zoom_at`]               |
//! | `App::snap(p)`                                           | [`snap`]                               |
//! | `App::set_start` — the finite/±1e12 check after the snap | [`start_ok`]                           |
//! | the `wheel` listener's `factor` from `delta_y`/`delta_mode` | [`wheel_factor`]                    |
//! | `pointerdown`/`pointermove`: two-pointer distance and midpoint | [`pinch`]                       |
//! | `pointerdown`: `hypot(..) <= 12.0` (grab the start ring)  | [`grabs_start`]                        |
//! | `pointermove`: `hypot(..) > 4.0` (a press becomes a pan)  | [`is_drag`]                            |
//! | `pointermove` `Drag::Pan`: `dx`, `dy` and the new `View`  | [`Viewport::pan`]                      |
//! | `geom.world(x, y)` / `geom.px(p)` (`draw::Geom`)          | [`Viewport::world`] / [`Viewport::px`] |
//! | `App::measure` — the canvas height from the view's aspect | [`fit_height`]                         |
//! | `reset-view`: `scene.view = None`                         | (no maths: the scene's default view)   |
//!
//! In `src/web/draw.rs`: `Geom::px`/`world` → [`Viewport`]; the trail's
//! polylines and dots → [`trail::polylines`], [`trail::dots`]; the edge
//! triangle → [`trail::edge_marker`]; the loss chart's log/linear choice,
//! ranges, ticks, cursor and line thinning → [`loss_axes::LossAxes`].
//! `gradscape-text`'s SVG figure maps through a [`Viewport`] too.

pub mod loss_axes;
pub mod trail;
mod viewport;

pub use loss_axes::LossAxes;
pub use viewport::{
    fit_height, grabs_start, is_drag, pinch, snap, start_ok, view_ok, wheel_factor, Viewport,
};
