//! The surface picture: heatmap, isolines, axes and minima, rendered once
//! into an offscreen canvas and kept until the surface, view or size change.
//! The isolines and minima markers are drawn into the heatmap's pixels in
//! wasm (`surface::Pen`) before `putImageData`: no canvas path to stroke.
//! The tick labels go into a second, transparent canvas that each frame
//! draws over the trails, so a trail crossing them never hides a number;
//! it is kept while the view, size and style stay (axes.rs).
//!
//! A new picture reuses the canvases and sample buffers of the one it
//! replaces (they go back to a small pool when a cache is dropped), so a
//! surface change allocates no canvas and no pixel buffer: the samples come
//! from the fast sampler into a kept grid, the pixels into a kept RGBA
//! buffer that `putImageData` reads through a view of wasm memory.

use super::axes::{labels, Strip};
use super::layers::TrailLayer;
use super::{context, Geom, Style};
use crate::landscape::Landscape;
use crate::picture::{coarse_size, each_isoline, minima, Ink, Picture, CASING_ALPHA, DARK_INK};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::{Clamped, JsCast};
use web_sys::{CanvasRenderingContext2d, Document, HtmlCanvasElement, ImageData};

/// What a picture is drawn with, kept from one picture to the next.
struct Kept {
    canvas: HtmlCanvasElement,
    /// The low-resolution heatmap before it is scaled up (while dragging).
    small: Option<HtmlCanvasElement>,
    picture: Picture,
}

thread_local! {
    /// Buffers of dropped pictures. The page swaps one picture for the next
    /// (the new one is drawn before the old one is dropped), so two sets
    /// alternate; a figure or a video export may add one more.
    static POOL: RefCell<Vec<Kept>> = const { RefCell::new(Vec::new()) };
}

/// At most this many sets wait in the pool (each holds a canvas-sized
/// buffer or two).
const POOL_MAX: usize = 3;

/// The cached surface picture, and the trails drawn over it while playing.
pub struct SurfaceCache {
    pub(super) canvas: HtmlCanvasElement,
    /// The axes' ticks and labels, drawn on top of the trails (shared by
    /// the pictures of one geometry and style: see [`labels`]).
    pub(super) labels: Rc<HtmlCanvasElement>,
    /// Where the labels' picture has pixels (elsewhere it is transparent).
    strips: [Strip; 2],
    /// The labels' boxes, as JSON (CSS pixels), for `data-tick-labels`.
    pub(super) label_boxes: super::axes::Boxes,
    landscape: Landscape,
    geom: Geom,
    style: Style,
    low: bool,
    pub(super) trails: RefCell<Option<TrailLayer>>,
    /// The buffers, returned to [`POOL`] on drop.
    kept: Option<(Option<HtmlCanvasElement>, Picture)>,
}

impl Drop for SurfaceCache {
    fn drop(&mut self) {
        if let Some((small, picture)) = self.kept.take() {
            let kept = Kept {
                canvas: self.canvas.clone(),
                small,
                picture,
            };
            POOL.with(|p| {
                let mut p = p.borrow_mut();
                if p.len() < POOL_MAX {
                    p.push(kept);
                }
            });
        }
    }
}

impl SurfaceCache {
    /// Whether this cache shows exactly this surface at this size.
    pub fn matches(&self, landscape: &Landscape, geom: &Geom, style: &Style, low: bool) -> bool {
        self.landscape == *landscape
            && self.geom == *geom
            && self.style == *style
            && (self.low == low || !self.low)
    }

    /// Whether this is the reduced-resolution picture used while dragging.
    pub fn is_low(&self) -> bool {
        self.low
    }

    /// The pixels of this picture drawn afresh with its lines drawn by
    /// `strokes` (RGBA, device pixels; for the browser test that compares
    /// the pen with the canvas's own strokes).
    pub fn pixels_with(&self, doc: &Document, strokes: Strokes) -> Result<Vec<u8>, JsValue> {
        let again = render_surface_with(
            doc,
            &self.landscape,
            &self.geom,
            &self.style,
            false,
            strokes,
        )?;
        let c = &again.canvas;
        let data = context(c)?.get_image_data(0.0, 0.0, c.width() as f64, c.height() as f64)?;
        Ok(data.data().0)
    }

    /// Draw the labels' picture over `ctx` (identity transform): only its
    /// strips along the bottom and left, where it has pixels (the same
    /// pixels as the whole picture's blit, a third of the canvas's work).
    pub fn draw_labels(&self, ctx: &CanvasRenderingContext2d) -> Result<(), JsValue> {
        for (x, y, w, h) in self.strips {
            if w > 0.0 && h > 0.0 {
                ctx.draw_image_with_html_canvas_element_and_sw_and_sh_and_dx_and_dy_and_dw_and_dh(
                    &self.labels,
                    x,
                    y,
                    w,
                    h,
                    x,
                    y,
                    w,
                    h,
                )?;
            }
        }
        Ok(())
    }

    /// The labels' picture (RGBA, device pixels), with its strips left
    /// out when `outside` (for the test that they hold every pixel).
    pub fn label_pixels(&self, outside: bool) -> Result<Vec<u8>, JsValue> {
        let c = &self.labels;
        let (w, h) = (c.width() as usize, c.height() as usize);
        let mut px = context(c)?
            .get_image_data(0.0, 0.0, w as f64, h as f64)?
            .data()
            .0;
        if outside {
            for (x, y, sw, sh) in self.strips {
                let (x0, y0) = (x as usize, y as usize);
                let (x1, y1) = (((x + sw) as usize).min(w), ((y + sh) as usize).min(h));
                for row in y0..y1 {
                    px[4 * (row * w + x0.min(x1))..4 * (row * w + x1)].fill(0);
                }
            }
        }
        Ok(px)
    }

    /// The picture's canvas (the benchmark reads a pixel of it back to
    /// time the canvas work too).
    pub fn picture(&self) -> &HtmlCanvasElement {
        &self.canvas
    }
}

/// The picture's context, made opaque (`alpha: false`) when first asked
/// for: every pixel of the picture is opaque, and a canvas that knows it
/// is drawn onto the plot as a copy instead of a blend (the same pixels).
fn opaque_context(c: &HtmlCanvasElement) -> Result<CanvasRenderingContext2d, JsValue> {
    let opts = js_sys::Object::new();
    js_sys::Reflect::set(&opts, &"alpha".into(), &false.into())?;
    c.get_context_with_context_options("2d", &opts)?
        .ok_or("no 2d context")?
        .dyn_into::<CanvasRenderingContext2d>()
        .map_err(|_| JsValue::from_str("not a 2d context"))
}

fn canvas(doc: &Document) -> Result<HtmlCanvasElement, JsValue> {
    Ok(doc.create_element("canvas")?.dyn_into()?)
}

/// Size a canvas (a no-op when it has the size: setting it clears it and
/// resets its context, which costs a new bitmap).
fn size(c: &HtmlCanvasElement, w: u32, h: u32) {
    if c.width() != w {
        c.set_width(w);
    }
    if c.height() != h {
        c.set_height(h);
    }
}

/// A set from the pool, or a new one.
fn kept(doc: &Document) -> Result<Kept, JsValue> {
    if let Some(k) = POOL.with(|p| p.borrow_mut().pop()) {
        return Ok(k);
    }
    Ok(Kept {
        canvas: canvas(doc)?,
        small: None,
        picture: Picture::default(),
    })
}

/// How the isolines and minima markers are drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Strokes {
    /// Into the RGBA pixels in wasm before they go to the canvas (the
    /// full-resolution picture: a canvas path cost more than the heatmap).
    Pen,
    /// As canvas paths over the picture (the low-resolution picture of a
    /// drag, scaled up by the canvas first; and the reference the browser
    /// test compares the pen with).
    Canvas,
    /// None: the heatmap alone (the test's measure of what the lines add).
    Off,
}

/// Render the surface: heatmap (one sample per device pixel, or per 4 when
/// `low`), log-spaced isolines, axes with ticks and labels, minima.
pub fn render_surface(
    doc: &Document,
    landscape: &Landscape,
    geom: &Geom,
    style: &Style,
    low: bool,
) -> Result<SurfaceCache, JsValue> {
    let strokes = if low { Strokes::Canvas } else { Strokes::Pen };
    render_surface_with(doc, landscape, geom, style, low, strokes)
}

/// [`render_surface`] with the lines drawn by `strokes`.
pub fn render_surface_with(
    doc: &Document,
    landscape: &Landscape,
    geom: &Geom,
    style: &Style,
    low: bool,
    strokes: Strokes,
) -> Result<SurfaceCache, JsValue> {
    let (pw, ph) = geom.device();
    let Kept {
        canvas: cv,
        mut small,
        mut picture,
    } = kept(doc)?;
    size(&cv, pw.max(1), ph.max(1));
    let ctx = opaque_context(&cv)?;
    // A kept context still has the last picture's transform.
    ctx.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0)?;
    let k = if low { 4 } else { 1 };
    let (gw, gh) = ((pw / k).max(2), (ph / k).max(2));
    let vp = geom.viewport();
    let coarse = coarse_size(&vp, low);
    picture.sample(landscape, &vp, (gw as usize, gh as usize), coarse);
    let ink = ink(style, geom.dpr);
    // The pen draws at the pixels' own resolution only.
    let pen_on = strokes == Strokes::Pen && k == 1;
    let rgba = picture.colour(landscape, &vp, geom.dpr, pen_on.then_some(ink));
    // A view of wasm memory, read by putImageData before anything else
    // runs in wasm (no allocation in between can move it).
    let img = ImageData::new_with_u8_clamped_array_and_sh(Clamped(rgba), gw, gh)?;
    if k == 1 {
        // It replaces every pixel: no clearing needed.
        ctx.put_image_data(&img, 0.0, 0.0)?;
    } else {
        let sm = match small.take() {
            Some(c) => c,
            None => canvas(doc)?,
        };
        size(&sm, gw, gh);
        context(&sm)?.put_image_data(&img, 0.0, 0.0)?;
        // Scaled over the whole canvas: every pixel replaced.
        ctx.clear_rect(0.0, 0.0, pw as f64, ph as f64);
        ctx.draw_image_with_html_canvas_element_and_dw_and_dh(&sm, 0.0, 0.0, pw as f64, ph as f64)?;
        small = Some(sm);
    }
    if strokes == Strokes::Canvas || (strokes == Strokes::Pen && !pen_on) {
        stroke_on_canvas(&ctx, landscape, geom, &ink, &picture)?;
    }
    let (labels, strips, label_boxes) = labels(doc, geom, style)?;
    Ok(SurfaceCache {
        canvas: cv,
        labels,
        strips,
        label_boxes,
        landscape: landscape.clone(),
        geom: *geom,
        style: *style,
        low,
        trails: RefCell::new(None),
        kept: Some((small, picture)),
    })
}

/// The page's lines in this style, in device pixels.
fn ink(style: &Style, dpr: f64) -> Ink {
    Ink::page(style.line, style.present, dpr)
}

/// The isolines and minima as canvas paths (device pixels).
fn stroke_on_canvas(
    ctx: &CanvasRenderingContext2d,
    landscape: &Landscape,
    geom: &Geom,
    ink: &Ink,
    picture: &Picture,
) -> Result<(), JsValue> {
    ctx.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0)?;
    let (vp, d) = (geom.viewport(), geom.dpr);
    // One path for every line of an ink (where two lines touch they show
    // once): the white ones, then presenting's dark ones (picture::Ink::dark),
    // traced in the same pass.
    let levels = picture.levels();
    let white = ink.white_levels(levels.len());
    let mut dark: Vec<Vec<(f64, f64)>> = Vec::new();
    ctx.begin_path();
    each_isoline(picture.coarse(), levels, &vp, d, |k, pts| {
        if k < white {
            path(ctx, pts)
        } else {
            dark.push(pts.to_vec())
        }
    });
    ctx.set_stroke_style_str(&format!("rgba(255,255,255,{})", ink.alpha));
    ctx.set_line_width(ink.line);
    ctx.stroke();
    if !dark.is_empty() {
        let [r, g, b] = DARK_INK;
        ctx.begin_path();
        for pts in &dark {
            path(ctx, pts);
        }
        ctx.set_stroke_style_str(&format!("rgba({r},{g},{b},{})", ink.alpha));
        ctx.stroke();
    }
    ctx.begin_path();
    minima(landscape, &vp, d, ink.arm, |a, b| path(ctx, &[a, b]));
    if let Some(width) = ink.casing {
        ctx.set_stroke_style_str(&format!("rgba(0,0,0,{CASING_ALPHA})"));
        ctx.set_line_width(width);
        ctx.stroke();
    }
    ctx.set_stroke_style_str("#ffffff");
    ctx.set_line_width(ink.cross);
    ctx.stroke();
    Ok(())
}

/// A polyline as a subpath of the context's path.
fn path(ctx: &CanvasRenderingContext2d, pts: &[(f64, f64)]) {
    for (i, &(x, y)) in pts.iter().enumerate() {
        if i == 0 {
            ctx.move_to(x, y);
        } else {
            ctx.line_to(x, y);
        }
    }
}
