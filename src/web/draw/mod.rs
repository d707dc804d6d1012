//! Canvas drawing. The surface (heatmap, isolines, axes, minima) is rendered
//! once into an offscreen canvas and cached until the surface, the view or
//! the size changes; each frame blits it and draws the trails over it.
//!
//! Where things go on the canvas is computed by
//! [`gradscape_core::geometry`]; these files only paint: `surface` the
//! cached picture, `plot` a frame, `trails` a run's trail and current
//! point, `layers` the kept trail pictures (of a playing frame, and below
//! and above the one run a drag changes), `live` where a playing frame
//! changed, `loss_chart` (and `loss_paint`)
//! the loss against step; `style` the sizes all of them take; `trials`
//! L-BFGS's line-search trial points of the current step.

mod axes;
mod layers;
mod live;
mod loss_chart;
mod loss_paint;
pub mod lr_chart;
pub mod overlay;
mod plot;
pub mod quiz;
mod style;
mod surface;
mod trails;
pub(crate) use trails::draw_swatch;
pub mod trials;

pub use layers::Kept;
pub use loss_chart::{draw_loss, forget_loss_charts};
pub use loss_paint::Curves;
pub use plot::{draw_plot, draw_plot_kept};
pub use style::{set_reader_scale, Style, EXPLAIN_PX};
pub use surface::{render_surface, Strokes, SurfaceCache};

use crate::diagnose::Diagnosis;
use crate::run::Trajectory;
use crate::{Vec2, View};
use gradscape_core::geometry::Viewport;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// World ↔ CSS-pixel mapping of a canvas.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Geom {
    /// The world window shown.
    pub view: View,
    /// CSS width.
    pub w: f64,
    /// CSS height.
    pub h: f64,
    /// Device pixels per CSS pixel.
    pub dpr: f64,
}

impl Geom {
    /// The canvas's world ↔ CSS-pixel transform.
    pub fn viewport(&self) -> Viewport {
        Viewport::new(self.view, self.w, self.h)
    }

    /// World → CSS pixels (far points clamped so canvas maths stays sane).
    pub fn px(&self, p: Vec2) -> (f64, f64) {
        self.viewport().px(p)
    }

    /// CSS pixels → world.
    pub fn world(&self, x: f64, y: f64) -> Vec2 {
        self.viewport().world(x, y)
    }

    /// Device size.
    pub fn device(&self) -> (u32, u32) {
        (
            (self.w * self.dpr).round() as u32,
            (self.h * self.dpr).round() as u32,
        )
    }
}

pub(crate) fn context(canvas: &HtmlCanvasElement) -> Result<CanvasRenderingContext2d, JsValue> {
    canvas
        .get_context("2d")?
        .ok_or("no 2d context")?
        .dyn_into::<CanvasRenderingContext2d>()
        .map_err(|_| JsValue::from_str("not a 2d context"))
}

/// Set the context's font unless it has it already. Chromium resolves the
/// font on every set, even an unchanged one, and a canvas in the page makes
/// that a style recalculation after any DOM change (a drag's panels paid
/// milliseconds per input for it). The font reads back as it was set.
pub(crate) fn set_font(ctx: &CanvasRenderingContext2d, font: &str) {
    if ctx.font() != font {
        ctx.set_font(font);
    }
}

/// What one frame shows.
pub struct Frame<'a> {
    /// The geometry.
    pub geom: Geom,
    /// Every run.
    pub runs: &'a [Trajectory],
    /// Their diagnoses.
    pub diags: &'a [Diagnosis],
    /// Hidden runs (legend toggles).
    pub hidden: &'a [bool],
    /// Current step.
    pub t: usize,
    /// The start point (drawn as a draggable ring).
    pub start: Vec2,
    /// Playing: draw only the steps added since the last frame onto a kept
    /// layer (a paused picture is always drawn whole).
    pub live: bool,
    /// Sizes of lines, dots and markers.
    pub style: Style,
    /// The model's replay number ([`crate::app::model::next_replay`]):
    /// the same number, the same runs, so a playing frame need not hash
    /// every point to know its kept trail layer still holds them. 0: not
    /// known (the points are hashed).
    pub replay: u64,
}

impl Frame<'_> {
    /// The runs shown (not hidden, not empty) with their index.
    fn visible(&self) -> impl Iterator<Item = (usize, &Trajectory)> + '_ {
        self.runs.iter().enumerate().filter(|(i, run)| {
            !self.hidden.get(*i).copied().unwrap_or(false) && !run.points.is_empty()
        })
    }
}

/// A rectangle of device pixels: x, y, w, h.
pub type Rect = (u32, u32, u32, u32);

/// The tiles of `canvas` that hold a pixel whose alpha is not 0 (one read
/// of its pixels); the whole canvas as one when they are many or cover
/// most of it: each rectangle is a draw of its own (measured: 59 tiles
/// covering 3/4 of the plot took 1.6× the time of one whole blend, while
/// 16–23 tiles covering a tenth saved a quarter of it).
pub(crate) fn tiles(canvas: &HtmlCanvasElement) -> Result<Vec<Rect>, JsValue> {
    let (w, h) = (canvas.width(), canvas.height());
    let pixels = context(canvas)?
        .get_image_data(0.0, 0.0, w as f64, h as f64)?
        .data();
    let tiles = gradscape_core::geometry::tiles::opaque_tiles(&pixels, w as usize, h as usize);
    let area: u64 = tiles.iter().map(|t| u64::from(t.2) * u64::from(t.3)).sum();
    if tiles.len() > MAX_TILES || 2 * area > u64::from(w) * u64::from(h) {
        return Ok(vec![(0, 0, w, h)]);
    }
    Ok(tiles)
}

/// At most this many tiles are composited one by one.
const MAX_TILES: usize = 32;

/// Composite `tiles` of `src` onto `ctx` (identity transform; `src` the
/// size of `ctx`'s canvas), each at its own place: the same pixels as
/// compositing `src` whole when the tiles hold all of its pixels.
pub(crate) fn blit_tiles(
    ctx: &CanvasRenderingContext2d,
    src: &HtmlCanvasElement,
    tiles: &[Rect],
) -> Result<(), JsValue> {
    for &(x, y, w, h) in tiles {
        let (x, y, w, h) = (x as f64, y as f64, w as f64, h as f64);
        ctx.draw_image_with_html_canvas_element_and_sw_and_sh_and_dx_and_dy_and_dw_and_dh(
            src, x, y, w, h, x, y, w, h,
        )?;
    }
    Ok(())
}
