//! The surface picture: heatmap, isolines, axes and minima, rendered once
//! into an offscreen canvas and kept until the surface, view or size change.
//! The tick labels go into a second, transparent canvas that each frame
//! draws over the trails, so a trail crossing them never hides a number.

use super::layers::TrailLayer;
use super::{context, Geom};
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
    low: bool,
    pub(super) trails: RefCell<Option<TrailLayer>>,
}

impl SurfaceCache {
    /// Whether this cache shows exactly this surface at this size.
    pub fn matches(&self, landscape: &Landscape, geom: &Geom, low: bool) -> bool {
        self.landscape == *landscape && self.geom == *geom && (self.low == low || !self.low)
    }

    /// Whether this is the reduced-resolution picture used while dragging.
    pub fn is_low(&self) -> bool {
        self.low
    }
}

/// Render the surface: heatmap (one sample per device pixel, or per 4 when
/// `low`), log-spaced isolines, axes with ticks and labels, minima.
pub fn render_surface(
    doc: &Document,
    landscape: &Landscape,
    geom: &Geom,
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
    ctx.set_stroke_style_str("rgba(255,255,255,0.45)");
    ctx.set_line_width(1.0);
    ctx.stroke();
    let labels: HtmlCanvasElement = doc.create_element("canvas")?.dyn_into()?;
    labels.set_width(pw.max(1));
    labels.set_height(ph.max(1));
    let lctx = context(&labels)?;
    lctx.set_transform(geom.dpr, 0.0, 0.0, geom.dpr, 0.0, 0.0)?;
    draw_axes(&lctx, geom)?;
    ctx.begin_path();
    for p in landscape.minima() {
        let (x, y) = g.px(p);
        ctx.move_to(x - 7.0, y);
        ctx.line_to(x + 7.0, y);
        ctx.move_to(x, y - 7.0);
        ctx.line_to(x, y + 7.0);
    }
    ctx.set_stroke_style_str("#ffffff");
    ctx.set_line_width(2.0);
    ctx.stroke();
    Ok(SurfaceCache {
        canvas,
        labels,
        landscape: landscape.clone(),
        geom: *geom,
        low,
        trails: RefCell::new(None),
    })
}

fn label(ctx: &CanvasRenderingContext2d, text: &str, x: f64, y: f64) -> Result<(), JsValue> {
    let tw = ctx.measure_text(text)?.width();
    ctx.set_fill_style_str("rgba(0,0,0,0.55)");
    ctx.fill_rect(x - 2.0, y - 11.0, tw + 4.0, 14.0);
    ctx.set_fill_style_str("#ffffff");
    ctx.fill_text(text, x, y)
}

fn draw_axes(ctx: &CanvasRenderingContext2d, g: &Geom) -> Result<(), JsValue> {
    ctx.set_font("12px system-ui, sans-serif");
    ctx.set_line_width(1.0);
    ctx.set_stroke_style_str("rgba(255,255,255,0.8)");
    let nx = ((g.w / 90.0) as usize).max(3);
    let ny = ((g.h / 70.0) as usize).max(3);
    for v in ticks(g.view.x0, g.view.x1, nx) {
        let (x, _) = g.px([v, g.view.y0]);
        ctx.begin_path();
        ctx.move_to(x, g.h);
        ctx.line_to(x, g.h - 6.0);
        ctx.stroke();
        if x > 24.0 && x < g.w - 30.0 {
            label(ctx, &tick_label(v), x + 3.0, g.h - 8.0)?;
        }
    }
    for v in ticks(g.view.y0, g.view.y1, ny) {
        let (_, y) = g.px([g.view.x0, v]);
        ctx.begin_path();
        ctx.move_to(0.0, y);
        ctx.line_to(6.0, y);
        ctx.stroke();
        if y > 14.0 && y < g.h - 24.0 {
            label(ctx, &tick_label(v), 8.0, y + 4.0)?;
        }
    }
    label(ctx, "x₁", g.w - 22.0, g.h - 8.0)?;
    label(ctx, "x₂", 8.0, 16.0)?;
    Ok(())
}
