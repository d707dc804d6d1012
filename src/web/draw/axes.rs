//! The axes' ticks and labels of the surface picture, on a transparent
//! canvas each frame draws over the trails. The ticks follow the view, size
//! and style, not the surface: a picture is kept per geometry and style and
//! shared by every surface picture that has them (a surface change draws
//! none), and it records the two strips (bottom, left) that hold all its
//! pixels, the only parts the plot composites, and where each label's box
//! is (the plot writes them as `data-tick-labels`, CSS pixels, for tests
//! that no marker sits on one).

use super::{context, Geom, Style};
use crate::format::tick_label;
use crate::surface::ticks;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, Document, HtmlCanvasElement};

/// A picture of the axes' ticks and labels, for one geometry and style.
struct Labels {
    geom: Geom,
    style: Style,
    canvas: Rc<HtmlCanvasElement>,
    strips: [Strip; 2],
    boxes: Boxes,
}

/// The tick labels' boxes (`[x, y, w, h]`, CSS px), and as the JSON of
/// `#plot[data-tick-labels]` (written once per picture, for tests).
#[derive(Debug, Clone)]
pub struct Boxes {
    /// The boxes.
    pub rects: Rc<[[f64; 4]]>,
    /// Their JSON.
    pub json: Rc<str>,
}

thread_local! {
    /// The last label pictures drawn: the ticks follow the view, size and
    /// style, not the surface, so a surface change keeps its picture.
    static LABELS: RefCell<Vec<Labels>> = const { RefCell::new(Vec::new()) };
}

/// At most this many label pictures are kept (the page's, a figure's, an
/// export's), besides any still shown.
const LABELS_MAX: usize = 3;

/// A label picture, the strips that hold its pixels and its labels'
/// boxes.
type Drawn = (Rc<HtmlCanvasElement>, [Strip; 2], Boxes);

/// The label picture of this geometry and style: a kept one, or drawn on
/// a canvas no picture shows any more (or a new one).
pub(super) fn labels(doc: &Document, geom: &Geom, style: &Style) -> Result<Drawn, JsValue> {
    LABELS.with(|l| {
        let mut l = l.borrow_mut();
        if let Some(i) = l.iter().position(|x| x.geom == *geom && x.style == *style) {
            // The most recent last.
            let e = l.remove(i);
            let found = (e.canvas.clone(), e.strips, e.boxes.clone());
            l.push(e);
            return Ok(found);
        }
        // Only this table holds a canvas no picture shows.
        let free = l.iter().position(|x| Rc::strong_count(&x.canvas) == 1);
        let c = match free {
            Some(i) => l.remove(i).canvas,
            None => Rc::new(doc.create_element("canvas")?.dyn_into()?),
        };
        let (pw, ph) = geom.device();
        // Set only when it differs: setting a size costs a new bitmap.
        if c.width() != pw.max(1) {
            c.set_width(pw.max(1));
        }
        if c.height() != ph.max(1) {
            c.set_height(ph.max(1));
        }
        let ctx = context(&c)?;
        ctx.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0)?;
        ctx.clear_rect(0.0, 0.0, pw as f64, ph as f64);
        ctx.set_transform(geom.dpr, 0.0, 0.0, geom.dpr, 0.0, 0.0)?;
        let mut boxes = Vec::new();
        let strips = draw_axes(&ctx, geom, style, &mut boxes)?;
        let json = boxes
            .iter()
            .map(|[x, y, w, h]: &[f64; 4]| format!("[{x:.1},{y:.1},{w:.1},{h:.1}]"))
            .collect::<Vec<_>>()
            .join(",");
        let boxes = Boxes {
            rects: boxes.into(),
            json: format!("[{json}]").into(),
        };
        l.push(Labels {
            geom: *geom,
            style: *style,
            canvas: c.clone(),
            strips,
            boxes: boxes.clone(),
        });
        if l.len() > LABELS_MAX {
            if let Some(i) = l.iter().position(|x| Rc::strong_count(&x.canvas) == 1) {
                l.remove(i);
            }
        }
        Ok((c, strips, boxes))
    })
}

/// A tick label on a dark box, `size` px text, baseline at `y`; returns
/// the box's right edge, and adds the box to `boxes` (`[x,y,w,h]`, CSS px).
fn label(
    ctx: &CanvasRenderingContext2d,
    text: &str,
    x: f64,
    y: f64,
    size: f64,
    boxes: &mut Vec<[f64; 4]>,
) -> Result<f64, JsValue> {
    let tw = ctx.measure_text(text)?.width();
    ctx.set_fill_style_str("rgba(0,0,0,0.55)");
    let pad = (size / 6.0).round();
    let (bx, by, bw, bh) = (x - pad, y - size + 1.0, tw + 2.0 * pad, size + 2.0);
    ctx.fill_rect(bx, by, bw, bh);
    boxes.push([bx, by, bw, bh]);
    ctx.set_fill_style_str("#ffffff");
    ctx.fill_text(text, x, y)?;
    Ok(x - pad + tw + 2.0 * pad)
}

/// Ticks and their labels along the bottom and left edges, spaced for the
/// style's text size; returns the boxes (x, y, w, h, device pixels) that
/// hold every pixel drawn: a strip along the bottom, one along the left.
fn draw_axes(
    ctx: &CanvasRenderingContext2d,
    g: &Geom,
    st: &Style,
    boxes: &mut Vec<[f64; 4]>,
) -> Result<[Strip; 2], JsValue> {
    let t = st.text_px;
    ctx.set_font(&st.font());
    ctx.set_line_width(st.px(1.0));
    ctx.set_stroke_style_str("rgba(255,255,255,0.8)");
    // About 6.5 and 5 text heights of room per tick (85 and 65 px at 13 px).
    let nx = ((g.w / (t * 6.5)) as usize).max(3);
    let ny = ((g.h / (t * 5.0)) as usize).max(3);
    let tick = st.px(6.0);
    let pad = (t / 6.0).round();
    // The axis names' corners: x₁ at the bottom right, from its box's left
    // edge; x₂ at the top left, to its box's bottom edge. A tick label
    // that would reach into either is left out (its tick stays).
    let (x1_left, x2_bottom) = (g.w - 1.8 * t - pad, t + 7.0);
    // The x ticks and the labels that fit: clear of the y labels' corner,
    // of x₁ and of the label before.
    let x_labels = |n: usize| -> Result<Axis, JsValue> {
        let vs = ticks(g.view.x0, g.view.x1, n);
        let mut shown = Vec::new();
        let mut free = 2.0 * t;
        for &v in &vs {
            let (x, _) = g.px([v, g.view.y0]);
            let text = tick_label(v);
            let right_end = x + 3.0 + ctx.measure_text(&text)?.width() + pad;
            if x > free && right_end + 1.0 <= x1_left {
                free = right_end + t;
                shown.push((x, text));
            }
        }
        Ok((vs, shown))
    };
    // The y ticks and the labels that fit: clear of x₂ and of the bottom
    // strip (each box's top is its baseline y + t/3, less t − 1).
    // Labels a text height and a half apart at least (two, where a short
    // embedded plot of 78 px had room for one at two heights apart).
    let y_labels = |n: usize| -> Axis {
        let vs = ticks(g.view.y0, g.view.y1, n);
        let mut shown = Vec::new();
        let mut free = g.h - 2.0 * t;
        // From the bottom up (the ticks' values rise, their y falls).
        for &v in &vs {
            let (_, y) = g.px([g.view.x0, v]);
            if y < free && y + t / 3.0 - t + 1.0 >= x2_bottom + 1.0 {
                free = y - 1.5 * t;
                shown.push((y, tick_label(v)));
            }
        }
        (vs, shown)
    };
    // At least two labels on each axis where the usual count leaves fewer
    // (a phone's narrow plot showed only "0" under it): finer ticks, up to
    // three times as many.
    let (mut xs, mut xl) = x_labels(nx)?;
    for n in nx + 1..=3 * nx {
        if xl.len() >= 2 {
            break;
        }
        (xs, xl) = x_labels(n)?;
    }
    let (mut ys, mut yl) = y_labels(ny);
    for n in ny + 1..=3 * ny {
        if yl.len() >= 2 {
            break;
        }
        (ys, yl) = y_labels(n);
    }
    for v in xs {
        let (x, _) = g.px([v, g.view.y0]);
        ctx.begin_path();
        ctx.move_to(x, g.h);
        ctx.line_to(x, g.h - tick);
        ctx.stroke();
    }
    for (x, text) in &xl {
        label(ctx, text, x + 3.0, g.h - tick - 2.0, t, boxes)?;
    }
    for v in ys {
        let (_, y) = g.px([g.view.x0, v]);
        ctx.begin_path();
        ctx.move_to(0.0, y);
        ctx.line_to(tick, y);
        ctx.stroke();
    }
    // The right edge of the left column's labels (and its ticks).
    let mut right = tick;
    for (y, text) in &yl {
        right = right.max(label(ctx, text, tick + 2.0, y + t / 3.0, t, boxes)?);
    }
    label(ctx, "x₁", g.w - 1.8 * t, g.h - tick - 2.0, t, boxes)?;
    right = right.max(label(ctx, "x₂", tick + 2.0, t + 4.0, t, boxes)?);
    // The bottom labels' boxes start at their baseline − size + 1; 2 px
    // more each way for antialiasing and glyphs past their advance.
    let top = g.h - tick - 2.0 - t - 1.0;
    let d = g.dpr;
    let (pw, ph) = g.device();
    let (pw, ph) = (pw as f64, ph as f64);
    let y0 = ((top - 2.0) * d).floor().clamp(0.0, ph);
    let x1 = ((right + 2.0) * d).ceil().clamp(0.0, pw);
    Ok([(0.0, y0, pw, ph - y0), (0.0, 0.0, x1, y0)])
}

/// An axis's tick values and the labels shown (position along it, text).
type Axis = (Vec<f64>, Vec<(f64, String)>);

/// A box (x, y, w, h) of a canvas, device pixels.
pub(super) type Strip = (f64, f64, f64, f64);
