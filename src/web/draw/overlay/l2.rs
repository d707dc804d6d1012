//! The L2-regularized loss's isolines, stroked once into a layer of their
//! own with the axes' labels over them.

use super::dash;
use crate::web::draw::{Geom, Rect, Style};
use crate::Vec2;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

thread_local! {
    /// The L2 isolines stroked once into their own layer with the axes'
    /// labels over them, blitted each frame in place of the labels alone
    /// (dashed strokes are the software canvas's slowest path, and each
    /// full-canvas blit costs as much as the trails: one blit, not two).
    static L2_LAYER: RefCell<Option<(L2Key, HtmlCanvasElement, Vec<Rect>)>> = const { RefCell::new(None) };
}

/// What the layer was drawn from: the lines (by address), the window, the
/// pixel size, the text sizes and the labels' canvas (whose picture
/// follows from the window, size and text sizes).
#[derive(Debug, Clone, PartialEq)]
struct L2Key {
    lines: usize,
    view: crate::landscape::View,
    w: f64,
    h: f64,
    dpr: f64,
    style: Style,
    labels: HtmlCanvasElement,
}

/// The layer of `lines` for geometry `g` with `labels` over them, drawn
/// when any of it changed, and the tiles of it that hold pixels.
pub(super) fn l2_layer(
    canvas: &HtmlCanvasElement,
    g: &Geom,
    st: &Style,
    lines: &Rc<Vec<Vec<Vec2>>>,
    labels: &HtmlCanvasElement,
) -> Result<(HtmlCanvasElement, Vec<Rect>), JsValue> {
    let key = L2Key {
        lines: Rc::as_ptr(lines) as usize,
        view: g.view,
        w: g.w,
        h: g.h,
        dpr: g.dpr,
        style: *st,
        labels: labels.clone(),
    };
    L2_LAYER.with(|slot| {
        let mut slot = slot.borrow_mut();
        if let Some((k, layer, tiles)) = slot.as_ref() {
            if *k == key {
                return Ok((layer.clone(), tiles.clone()));
            }
        }
        let doc = canvas.owner_document().ok_or("no document")?;
        let layer: HtmlCanvasElement = match slot.take() {
            Some((_, c, _)) => c,
            None => doc.create_element("canvas")?.dyn_into()?,
        };
        layer.set_width((g.w * g.dpr).round().max(1.0) as u32);
        layer.set_height((g.h * g.dpr).round().max(1.0) as u32);
        let ctx = crate::web::draw::context(&layer)?;
        ctx.set_transform(g.dpr, 0.0, 0.0, g.dpr, 0.0, 0.0)?;
        ctx.clear_rect(0.0, 0.0, g.w, g.h);
        ctx.begin_path();
        for line in lines.iter() {
            polyline(&ctx, g, line);
        }
        dash(&ctx, &[7.0, 5.0])?;
        ctx.set_stroke_style_str("rgba(0,0,0,0.55)");
        ctx.set_line_width(3.0);
        ctx.stroke();
        ctx.set_stroke_style_str("rgba(255,255,255,0.95)");
        ctx.set_line_width(1.5);
        ctx.stroke();
        ctx.set_line_dash(&js_sys::Array::new())?;
        ctx.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0)?;
        ctx.draw_image_with_html_canvas_element(labels, 0.0, 0.0)?;
        let tiles = crate::web::draw::tiles(&layer)?;
        *slot = Some((key, layer.clone(), tiles.clone()));
        Ok((layer, tiles))
    })
}

fn polyline(ctx: &CanvasRenderingContext2d, g: &Geom, line: &[Vec2]) {
    for (i, p) in line.iter().enumerate() {
        let (x, y) = g.px(*p);
        if i == 0 {
            ctx.move_to(x, y);
        } else {
            ctx.line_to(x, y);
        }
    }
}
