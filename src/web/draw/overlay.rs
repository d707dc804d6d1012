//! What the state panel adds to the main canvas: at the current point of
//! each visible run, the step plain GD would take (−η·g, dashed white), the
//! actual step x_{t+1} − x_t (solid, the run's colour) and, for Adam+L2 and
//! AdamW, the weight-decay part of that step (dotted); and, when an Adam+L2
//! run is shown, the isolines of the L2-regularized loss f + λ/2·‖x‖²
//! (dashed).
//!
//! The numbers (arrows, isolines) come from [`crate::inspect`]; the state
//! panel's refresh returns the [`Overlay`] and the page passes it to
//! `draw_plot` (a figure passes none). The pixel positions of the arrows are
//! written to the canvas as `data-arrows` (CSS pixels) for tests.

use super::{Geom, Style};
use crate::inspect::Arrows;
use crate::surface::palette;
use crate::Vec2;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// Everything drawn over the trails in one frame.
#[derive(Debug, Clone, Default)]
pub struct Overlay {
    /// One set of arrows per visible inspected run, with the run's index
    /// (its colour).
    pub arrows: Vec<(usize, Arrows)>,
    /// Isolines of the L2-regularized loss, world polylines.
    pub l2: Option<Rc<Vec<Vec<Vec2>>>>,
}

thread_local! {
    /// The L2 isolines stroked once into their own layer, blitted each frame
    /// (dashed strokes are the software canvas's slowest path): the lines
    /// (by address), the window and the pixel size they were drawn for.
    static L2_LAYER: RefCell<Option<(L2Key, HtmlCanvasElement)>> = const { RefCell::new(None) };
}

#[derive(Debug, Clone, Copy, PartialEq)]
struct L2Key {
    lines: usize,
    view: crate::landscape::View,
    w: f64,
    h: f64,
    dpr: f64,
}

/// The layer of `lines` for geometry `g`, drawn when it changed.
fn l2_layer(
    canvas: &HtmlCanvasElement,
    g: &Geom,
    lines: &Rc<Vec<Vec<Vec2>>>,
) -> Result<HtmlCanvasElement, JsValue> {
    let key = L2Key {
        lines: Rc::as_ptr(lines) as usize,
        view: g.view,
        w: g.w,
        h: g.h,
        dpr: g.dpr,
    };
    L2_LAYER.with(|slot| {
        let mut slot = slot.borrow_mut();
        if let Some((k, layer)) = slot.as_ref() {
            if *k == key {
                return Ok(layer.clone());
            }
        }
        let doc = canvas.owner_document().ok_or("no document")?;
        let layer: HtmlCanvasElement = match slot.take() {
            Some((_, c)) => c,
            None => doc.create_element("canvas")?.dyn_into()?,
        };
        layer.set_width((g.w * g.dpr).round().max(1.0) as u32);
        layer.set_height((g.h * g.dpr).round().max(1.0) as u32);
        let ctx = super::context(&layer)?;
        ctx.set_transform(g.dpr, 0.0, 0.0, g.dpr, 0.0, 0.0)?;
        ctx.clear_rect(0.0, 0.0, g.w, g.h);
        ctx.begin_path();
        for line in lines.iter() {
            polyline(&ctx, g, line);
        }
        dash(&ctx, &[7.0, 5.0])?;
        ctx.set_stroke_style_str("rgba(0,0,0,0.45)");
        ctx.set_line_width(3.0);
        ctx.stroke();
        ctx.set_stroke_style_str("#ffb347");
        ctx.set_line_width(1.5);
        ctx.stroke();
        *slot = Some((key, layer.clone()));
        Ok(layer)
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

fn dash(ctx: &CanvasRenderingContext2d, pattern: &[f64]) -> Result<(), JsValue> {
    let a = js_sys::Array::new();
    for v in pattern {
        a.push(&JsValue::from_f64(*v));
    }
    ctx.set_line_dash(&a)
}

/// An arrow from `a` to `b` (CSS pixels), with a head when it is long
/// enough to show one.
fn arrow(
    ctx: &CanvasRenderingContext2d,
    a: (f64, f64),
    b: (f64, f64),
    colour: &str,
    width: f64,
    k: f64,
    pattern: &[f64],
) -> Result<(), JsValue> {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let len = dx.hypot(dy);
    if !(len.is_finite()) || len < 0.5 {
        return Ok(());
    }
    let (ux, uy) = (dx / len, dy / len);
    let head = (len * 0.5).min(10.0 * k);
    let path = |ctx: &CanvasRenderingContext2d| {
        ctx.begin_path();
        ctx.move_to(a.0, a.1);
        ctx.line_to(b.0, b.1);
    };
    let head_path = |ctx: &CanvasRenderingContext2d| {
        ctx.begin_path();
        ctx.move_to(b.0, b.1);
        ctx.line_to(
            b.0 - head * ux + head * 0.5 * uy,
            b.1 - head * uy - head * 0.5 * ux,
        );
        ctx.line_to(
            b.0 - head * ux - head * 0.5 * uy,
            b.1 - head * uy + head * 0.5 * ux,
        );
        ctx.close_path();
    };
    // A dark halo under the line so it reads on any colour of the map.
    dash(ctx, pattern)?;
    path(ctx);
    ctx.set_stroke_style_str("rgba(0,0,0,0.75)");
    ctx.set_line_width(width + 2.5);
    ctx.stroke();
    path(ctx);
    ctx.set_stroke_style_str(colour);
    ctx.set_line_width(width);
    ctx.stroke();
    dash(ctx, &[])?;
    if head >= 3.0 {
        head_path(ctx);
        ctx.set_fill_style_str(colour);
        ctx.fill();
        ctx.set_stroke_style_str("rgba(0,0,0,0.75)");
        ctx.set_line_width(1.2);
        ctx.stroke();
    }
    Ok(())
}

fn px_json(p: (f64, f64)) -> String {
    format!("[{:.2},{:.2}]", p.0, p.1)
}

/// Draw `overlay` on `canvas` (called by `draw_plot` after the trails,
/// with the context in CSS pixels); None clears the test attributes.
pub fn draw(
    canvas: &HtmlCanvasElement,
    ctx: &CanvasRenderingContext2d,
    g: &Geom,
    st: &Style,
    overlay: Option<&Overlay>,
) -> Result<(), JsValue> {
    let Some(o) = overlay else {
        canvas.remove_attribute("data-arrows")?;
        canvas.remove_attribute("data-l2-isolines")?;
        return Ok(());
    };
    ctx.save();
    if let Some(lines) = &o.l2 {
        let layer = l2_layer(canvas, g, lines)?;
        ctx.draw_image_with_html_canvas_element_and_dw_and_dh(&layer, 0.0, 0.0, g.w, g.h)?;
        canvas.set_attribute("data-l2-isolines", &lines.len().to_string())?;
    } else {
        canvas.remove_attribute("data-l2-isolines")?;
    }
    let mut json = Vec::new();
    for (index, a) in &o.arrows {
        let colour = palette(*index);
        let from = g.px(a.from);
        let tip = |v: Vec2| g.px([a.from[0] + v[0], a.from[1] + v[1]]);
        let gd = tip(a.gd);
        let step = tip(a.step);
        arrow(ctx, from, gd, "#ffffff", st.px(2.0), st.line, &[5.0, 4.0])?;
        arrow(ctx, from, step, colour, st.px(3.0), st.line, &[])?;
        let mut item = format!(
            "{{\"index\":{},\"from\":{},\"gd\":{},\"step\":{}",
            index,
            px_json(from),
            px_json(gd),
            px_json(step)
        );
        if let Some(d) = a.decay {
            let dt = tip(d);
            arrow(ctx, from, dt, colour, st.px(2.5), st.line, &[2.0, 3.0])?;
            item += &format!(",\"decay\":{}", px_json(dt));
        }
        item.push('}');
        json.push(item);
    }
    ctx.restore();
    if json.is_empty() {
        canvas.remove_attribute("data-arrows")?;
    } else {
        canvas.set_attribute("data-arrows", &format!("[{}]", json.join(",")))?;
    }
    Ok(())
}
