//! The quiz's marks over the plot: the guess (a white ring with a cross),
//! the keyboard's cursor (a dashed ring with four ticks, a sight), and after the reveal the true
//! point in the run's colour with a dashed line from the guess. Each mark
//! has a dark outline so it reads on any part of the colour map.

use super::{Geom, Style};
use crate::app::{Phase, Quiz};
use crate::surface::mark;
use gradscape_text::{tr, trf, Lang};
use std::f64::consts::TAU;
use wasm_bindgen::prelude::*;
use web_sys::CanvasRenderingContext2d;

/// Draw `q`'s marks (called after the trails).
pub fn draw(
    ctx: &CanvasRenderingContext2d,
    g: &Geom,
    st: &Style,
    q: &Quiz,
    lang: Lang,
) -> Result<(), JsValue> {
    let r = st.px(9.0);
    let label_px = st.text_px;
    ctx.save();
    crate::web::draw::set_font(ctx, &format!("600 {label_px}px system-ui, sans-serif"));
    if q.phase == Phase::Revealed {
        if let Some((truth, step)) = q.answer {
            let (tx, ty) = g.px(truth);
            if let Some(guess) = q.guess {
                let (gx, gy) = g.px(guess);
                ctx.set_line_dash(&js_sys::Array::of2(
                    &JsValue::from_f64(st.px(6.0)),
                    &JsValue::from_f64(st.px(4.0)),
                ))?;
                for (colour, w) in [("rgba(0,0,0,0.8)", 4.0), ("#ffffff", 2.0)] {
                    ctx.begin_path();
                    ctx.move_to(gx, gy);
                    ctx.line_to(tx, ty);
                    ctx.set_stroke_style_str(colour);
                    ctx.set_line_width(st.px(w));
                    ctx.stroke();
                }
                ctx.set_line_dash(&js_sys::Array::new())?;
            }
            ctx.begin_path();
            ctx.arc(tx, ty, r, 0.0, TAU)?;
            ctx.set_fill_style_str(mark(q.spec.run).colour);
            ctx.fill();
            ctx.set_stroke_style_str("#ffffff");
            ctx.set_line_width(st.px(2.5));
            ctx.stroke();
            label(
                ctx,
                &trf(lang, "quiz.marker.truth", &[&step.to_string()]),
                (tx, r * 1.4),
                ty - r * 1.2,
                g,
                st,
            )?;
        }
    }
    if let Some(c) = q.cursor.filter(|c| q.asking() && Some(*c) != q.guess) {
        // A sight larger than the guess's mark: a dashed ring and four
        // ticks outside it (a 9 px dashed ring was lost from the back of
        // a room).
        let (x, y) = g.px(c);
        let big = r * 1.5;
        ctx.set_line_dash(&js_sys::Array::of2(
            &JsValue::from_f64(st.px(5.0)),
            &JsValue::from_f64(st.px(4.0)),
        ))?;
        for (colour, w) in [("rgba(0,0,0,0.8)", 5.0), ("#ffffff", 2.5)] {
            ctx.begin_path();
            ctx.arc(x, y, big, 0.0, TAU)?;
            ctx.set_stroke_style_str(colour);
            ctx.set_line_width(st.px(w));
            ctx.stroke();
        }
        ctx.set_line_dash(&js_sys::Array::new())?;
        for (colour, w) in [("rgba(0,0,0,0.8)", 5.0), ("#ffffff", 2.5)] {
            ctx.begin_path();
            for (dx, dy) in [(1.0, 0.0), (-1.0, 0.0), (0.0, 1.0), (0.0, -1.0)] {
                ctx.move_to(x + dx * big * 1.2, y + dy * big * 1.2);
                ctx.line_to(x + dx * big * 1.7, y + dy * big * 1.7);
            }
            ctx.set_stroke_style_str(colour);
            ctx.set_line_width(st.px(w));
            ctx.stroke();
        }
    }
    if let Some(guess) = q.guess {
        let (x, y) = g.px(guess);
        for (colour, w) in [("rgba(0,0,0,0.85)", 5.0), ("#ffffff", 2.5)] {
            ctx.begin_path();
            ctx.arc(x, y, r, 0.0, TAU)?;
            let d = r * 0.6;
            ctx.move_to(x - d, y - d);
            ctx.line_to(x + d, y + d);
            ctx.move_to(x + d, y - d);
            ctx.line_to(x - d, y + d);
            ctx.set_stroke_style_str(colour);
            ctx.set_line_width(st.px(w));
            ctx.stroke();
        }
        label(
            ctx,
            tr(lang, "quiz.marker.guess"),
            (x, r * 1.4),
            y + r * 1.9,
            g,
            st,
        )?;
    }
    ctx.restore();
    Ok(())
}

/// A label in white with a dark halo, `gap` right of `x` — or left of it
/// where it would leave the canvas.
fn label(
    ctx: &CanvasRenderingContext2d,
    text: &str,
    (x, gap): (f64, f64),
    y: f64,
    g: &Geom,
    st: &Style,
) -> Result<(), JsValue> {
    let w = ctx.measure_text(text)?.width();
    let x = if x + gap + w > g.w - 2.0 {
        x - gap - w
    } else {
        x + gap
    };
    ctx.set_line_width(st.px(3.0));
    ctx.set_line_join("round");
    ctx.set_stroke_style_str("rgba(0,0,0,0.85)");
    ctx.stroke_text(text, x, y)?;
    ctx.set_fill_style_str("#ffffff");
    ctx.fill_text(text, x, y)
}
