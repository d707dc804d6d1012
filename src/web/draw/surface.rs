//! The surface picture: heatmap, isolines, axes and minima, rendered once
//! into an offscreen canvas and kept until the surface, view or size change.
//! The tick labels go into a second, transparent canvas that each frame
//! draws over the trails, so a trail crossing them never hides a number.

use super::layers::TrailLayer;
use super::{context, Geom, Style};
use crate::format::tick_label;
use crate::landscape::Landscape;
use crate::surface::{isolines, raster_rgba, ticks, Grid, LogScale};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::{Clamped, JsCast};
use web_sys::{CanvasRenderingContext2d, Document, HtmlCanvasElement, ImageData};

/// The cached surface picture, and the trails drawn over it while playing.
pub struct SurfaceCache {
    pub(super) canvas: HtmlCanvasElement,
    /// The axes' ticks and labels, drawn on top of the trails.
    pub(super) labels: HtmlCanvasElement,
    landscape: Landscape,
    geom: Geom,
    style: Style,
    low: bool,
    pub(super) trails: RefCell<Option<TrailLayer>>,
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

    /// The picture's canvas (the benchmark reads a pixel of it back to
    /// time the canvas work too).
    pub fn picture(&self) -> &HtmlCanvasElement {
        &self.canvas
    }
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
    let (pw, ph) = geom.device();
    let canvas: HtmlCanvasElement = doc.create_element("canvas")?.dyn_into()?;
    canvas.set_width(pw.max(1));
    canvas.set_height(ph.max(1));
    let ctx = context(&canvas)?;
    let k = if low { 4 } else { 1 };
    let (gw, gh) = ((pw / k).max(2), (ph / k).max(2));
    let grid = Grid::sample(landscape, geom.view, gw as usize, gh as usize);
    let scale = LogScale::of(&grid);
    let rgba = raster_rgba(&grid, &scale);
    let img = ImageData::new_with_u8_clamped_array_and_sh(Clamped(&rgba), gw, gh)?;
    if k == 1 {
        ctx.put_image_data(&img, 0.0, 0.0)?;
    } else {
        let small: HtmlCanvasElement = doc.create_element("canvas")?.dyn_into()?;
        small.set_width(gw);
        small.set_height(gh);
        context(&small)?.put_image_data(&img, 0.0, 0.0)?;
        ctx.draw_image_with_html_canvas_element_and_dw_and_dh(
            &small, 0.0, 0.0, pw as f64, ph as f64,
        )?;
    }
    ctx.set_transform(geom.dpr, 0.0, 0.0, geom.dpr, 0.0, 0.0)?;
    let g = geom.viewport();
    let cw = if low { geom.w / 6.0 } else { geom.w / 2.5 };
    let ch = if low { geom.h / 6.0 } else { geom.h / 2.5 };
    let coarse = Grid::sample(landscape, geom.view, cw as usize, ch as usize);
    ctx.begin_path();
    for (_, level) in scale.levels(14) {
        for line in isolines(&coarse, level) {
            for (i, p) in line.iter().enumerate() {
                let (x, y) = g.px(*p);
                if i == 0 {
                    ctx.move_to(x, y);
                } else {
                    ctx.line_to(x, y);
                }
            }
        }
    }
    // A projector washes faint lines out: stronger isolines when presenting.
    ctx.set_stroke_style_str(if style.present {
        "rgba(255,255,255,0.7)"
    } else {
        "rgba(255,255,255,0.45)"
    });
    ctx.set_line_width(style.px(1.0));
    ctx.stroke();
    let labels: HtmlCanvasElement = doc.create_element("canvas")?.dyn_into()?;
    labels.set_width(pw.max(1));
    labels.set_height(ph.max(1));
    let lctx = context(&labels)?;
    lctx.set_transform(geom.dpr, 0.0, 0.0, geom.dpr, 0.0, 0.0)?;
    draw_axes(&lctx, geom, style)?;
    ctx.begin_path();
    let r = style.px(7.0);
    for p in landscape.minima() {
        let (x, y) = g.px(p);
        ctx.move_to(x - r, y);
        ctx.line_to(x + r, y);
        ctx.move_to(x, y - r);
        ctx.line_to(x, y + r);
    }
    if style.present {
        // A dark casing so the marker reads on the bright end of the map.
        ctx.set_stroke_style_str("rgba(0,0,0,0.6)");
        ctx.set_line_width(style.px(2.0) + 2.0);
        ctx.stroke();
    }
    ctx.set_stroke_style_str("#ffffff");
    ctx.set_line_width(style.px(2.0));
    ctx.stroke();
    Ok(SurfaceCache {
        canvas,
        labels,
        landscape: landscape.clone(),
        geom: *geom,
        style: *style,
        low,
        trails: RefCell::new(None),
    })
}

/// A tick label on a dark box, `size` px text, baseline at `y`.
fn label(
    ctx: &CanvasRenderingContext2d,
    text: &str,
    x: f64,
    y: f64,
    size: f64,
) -> Result<(), JsValue> {
    let tw = ctx.measure_text(text)?.width();
    ctx.set_fill_style_str("rgba(0,0,0,0.55)");
    let pad = (size / 6.0).round();
    ctx.fill_rect(x - pad, y - size + 1.0, tw + 2.0 * pad, size + 2.0);
    ctx.set_fill_style_str("#ffffff");
    ctx.fill_text(text, x, y)
}

/// Ticks and their labels along the bottom and left edges, spaced for the
/// style's text size.
fn draw_axes(ctx: &CanvasRenderingContext2d, g: &Geom, st: &Style) -> Result<(), JsValue> {
    let t = st.text_px;
    ctx.set_font(&st.font());
    ctx.set_line_width(st.px(1.0));
    ctx.set_stroke_style_str("rgba(255,255,255,0.8)");
    // About 6.5 and 5 text heights of room per tick (85 and 65 px at 13 px).
    let nx = ((g.w / (t * 6.5)) as usize).max(3);
    let ny = ((g.h / (t * 5.0)) as usize).max(3);
    let tick = st.px(6.0);
    for v in ticks(g.view.x0, g.view.x1, nx) {
        let (x, _) = g.px([v, g.view.y0]);
        ctx.begin_path();
        ctx.move_to(x, g.h);
        ctx.line_to(x, g.h - tick);
        ctx.stroke();
        if x > 2.0 * t && x < g.w - 2.5 * t {
            label(ctx, &tick_label(v), x + 3.0, g.h - tick - 2.0, t)?;
        }
    }
    for v in ticks(g.view.y0, g.view.y1, ny) {
        let (_, y) = g.px([g.view.x0, v]);
        ctx.begin_path();
        ctx.move_to(0.0, y);
        ctx.line_to(tick, y);
        ctx.stroke();
        if y > 1.2 * t && y < g.h - 2.0 * t {
            label(ctx, &tick_label(v), tick + 2.0, y + t / 3.0, t)?;
        }
    }
    label(ctx, "x₁", g.w - 1.8 * t, g.h - tick - 2.0, t)?;
    label(ctx, "x₂", tick + 2.0, t + 4.0, t)?;
    Ok(())
}
