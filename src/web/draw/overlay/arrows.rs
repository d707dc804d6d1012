//! An arrow as the overlay draws it, and the decay direction's arrow: its
//! tip and the box it takes.

use super::dash;
use crate::web::draw::Style;
use wasm_bindgen::prelude::*;
use web_sys::CanvasRenderingContext2d;

/// An arrow from `a` to `b` (CSS pixels), with a head when it is long
/// enough to show one.
pub(super) fn arrow(
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

/// The length (CSS px) of the decay-direction arrow.
const DECAY_DIR: f64 = 70.0;

/// The tip of the decay's direction arrow drawn from `from` towards the
/// decay's own tip `to`, [`DECAY_DIR`] long; none for a decay of no
/// length.
pub(super) fn decay_tip(from: (f64, f64), to: (f64, f64), st: &Style) -> Option<(f64, f64)> {
    let (dx, dy) = (to.0 - from.0, to.1 - from.1);
    let len = dx.hypot(dy);
    let reach = DECAY_DIR * st.line;
    (len.is_finite() && len > 1e-9).then(|| (from.0 + dx / len * reach, from.1 + dy / len * reach))
}

/// An arrow as drawn: from, tip (CSS px).
pub(super) type Segment = ((f64, f64), (f64, f64));

/// The box of the segment a–b (an arrow, for the labels to keep off).
pub(super) fn span(a: (f64, f64), b: (f64, f64)) -> [f64; 4] {
    [a.0.min(b.0), a.1.min(b.1), a.0.max(b.0), a.1.max(b.1)]
}
