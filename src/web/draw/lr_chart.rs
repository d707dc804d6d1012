//! A card's η(t) chart: the rate each step used as stairs in the run's
//! colour (the cycled momentum dashed, on its own axis at the right), η's
//! ticks, the steps along the bottom and a cursor at the step the scrubber
//! shows with "η₁₂ = 0.15" beside it. Redrawn whole at every step (a few
//! hundred points at most: [`RateChart`] thins longer runs to the width).
//! Designed at 12 px labels and scaled as a whole by
//! [`Style::chart_scale`] (presenter mode: taller, every size with it).

use super::{context, Style};
use crate::chart::{Axis, Plot};
use crate::format::tick_label;
use crate::surface::mark;
use gradscape_core::schedule::chart::RateChart;
use gradscape_text::schedule::eta_at;
use wasm_bindgen::prelude::*;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// The labels' size, in the chart's own units (CSS px at scale 1).
pub const LABEL_PX: f64 = 12.0;

/// The chart's height in the chart's own units.
const HEIGHT: f64 = 96.0;

/// The chart's height in CSS pixels (the width follows the card).
pub fn chart_height(style: &Style) -> f64 {
    HEIGHT * style.chart_scale(LABEL_PX)
}

/// Paint `c` (run `i`'s chart) into `canvas` at `dpr`; `momentum` is the
/// cycled momentum's symbol (γ, β1, μ) and `axis` the word under the steps.
#[allow(clippy::too_many_arguments)]
pub fn draw_lr(
    canvas: &HtmlCanvasElement,
    dpr: f64,
    c: &RateChart,
    i: usize,
    momentum: Option<&str>,
    axis: &str,
    dark: bool,
    style: &Style,
) -> Result<(), JsValue> {
    let cw = crate::web::sizes::client_size(canvas).0.max(120.0);
    let ch = chart_height(style);
    let (pw, ph) = ((cw * dpr).round() as u32, (ch * dpr).round() as u32);
    if canvas.width() != pw || canvas.height() != ph {
        canvas.set_width(pw);
        canvas.set_height(ph);
    }
    // From here on the chart's own units: CSS pixels divided by its scale.
    let s = style.chart_scale(LABEL_PX);
    let (w, h) = (cw / s, HEIGHT);
    let ctx = context(canvas)?;
    ctx.set_transform(dpr * s, 0.0, 0.0, dpr * s, 0.0, 0.0)?;
    ctx.clear_rect(0.0, 0.0, w, h);
    let fs = LABEL_PX;
    let px = style.chart_text_px(fs).to_string();
    crate::web::dom::set_attr(canvas, "data-chart-px", &px)?;
    let ink = if dark { "#e6e6e6" } else { "#222222" };
    let faint = if dark { "#555555" } else { "#d0d0d0" };
    let right = if c.m.is_some() { fs * 3.2 } else { fs * 0.8 };
    let p = Plot::new(w, h, fs * 3.6, right, fs * 1.6, fs * 1.9);
    crate::web::draw::set_font(&ctx, &format!("{fs}px system-ui, sans-serif"));
    ctx.set_line_width(1.0);
    // η's ticks and grid.
    ctx.set_fill_style_str(ink);
    ctx.set_text_align("right");
    ctx.set_text_baseline("middle");
    for v in crate::surface::ticks(c.y.lo, c.y.hi, 3) {
        let y = p.y(c.y, v);
        ctx.set_stroke_style_str(faint);
        line(&ctx, p.l, y, p.right(), y);
        ctx.fill_text(&tick_label(v), p.l - 4.0, y)?;
    }
    // Steps along the bottom: 0, the middle, the last.
    ctx.set_text_align("center");
    ctx.set_text_baseline("top");
    let n = c.x.hi;
    // (No 0: step 1 is the first; the axis word stands there.)
    for v in crate::surface::ticks(0.0, n, 4)
        .into_iter()
        .filter(|&v| v > 0.0)
    {
        ctx.fill_text(&tick_label(v), p.x(c.x, v), p.bottom() + 3.0)?;
    }
    // The axis word in the corner under η's labels, clear of the ticks and
    // below η's lowest label (its "0" stands centred on the bottom line).
    ctx.set_text_align("right");
    ctx.fill_text(axis, p.l - 4.0, p.bottom() + fs * 0.5 + 2.0)?;
    ctx.set_stroke_style_str(ink);
    line(&ctx, p.l, p.t, p.l, p.bottom());
    line(&ctx, p.l, p.bottom(), p.right(), p.bottom());
    let colour = mark(i).colour;
    // The cycled momentum first, so the rate is drawn over it.
    if let (Some(m), false) = (c.m, c.momentum.is_empty()) {
        ctx.set_stroke_style_str(if dark { "#bbbbbb" } else { "#666666" });
        ctx.set_line_dash(&js_sys::Array::of2(&4.0.into(), &3.0.into()))?;
        series(&ctx, &p, c.x, m, &c.momentum, 1.25);
        ctx.set_line_dash(&js_sys::Array::new())?;
        ctx.set_fill_style_str(ink);
        ctx.set_text_align("left");
        ctx.set_text_baseline("middle");
        // Its lowest and highest values at the right (its symbol and value
        // at the cursor are written above).
        let vals = c.momentum.iter().map(|&(_, v)| v);
        let lo = vals.clone().fold(f64::INFINITY, f64::min);
        let hi = vals.fold(f64::NEG_INFINITY, f64::max);
        for v in if lo < hi { vec![lo, hi] } else { vec![hi] } {
            ctx.fill_text(&crate::format::sig3(v), p.right() + 3.0, p.y(m, v))?;
        }
    }
    ctx.set_stroke_style_str(colour);
    series(&ctx, &p, c.x, c.y, &c.lr, 2.0);
    // The cursor: a vertical line at the step shown, a dot on the curve.
    if let Some((s, eta, mom)) = c.cursor {
        let x = p.x(c.x, s as f64);
        ctx.set_stroke_style_str(ink);
        line(&ctx, x, p.t, x, p.bottom());
        ctx.set_fill_style_str(colour);
        ctx.begin_path();
        ctx.arc(x, p.y(c.y, eta), 3.5, 0.0, std::f64::consts::TAU)?;
        ctx.fill();
        if let (Some(m), Some(v)) = (c.m, mom) {
            ctx.set_fill_style_str(ink);
            ctx.begin_path();
            ctx.arc(x, p.y(m, v), 2.5, 0.0, std::f64::consts::TAU)?;
            ctx.fill();
        }
        // Above the plot: "η₁₂ = 0.15" at the left, the cycled momentum's
        // "γ = 0.88" at the right (over its own axis).
        ctx.set_fill_style_str(ink);
        ctx.set_text_baseline("bottom");
        let left = eta_at(s, eta);
        let right = match (momentum, mom) {
            (Some(sym), Some(v)) => format!("{sym} = {}", crate::format::sig3(v)),
            _ => String::new(),
        };
        // A narrow card: smaller type rather than the two labels running
        // into each other.
        let mut size = fs;
        for _ in 0..6 {
            crate::web::draw::set_font(&ctx, &format!("{size}px system-ui, sans-serif"));
            let need = ctx.measure_text(&left)?.width() + ctx.measure_text(&right)?.width();
            if need + size <= w - p.l - 2.0 {
                break;
            }
            size *= 0.88;
        }
        ctx.set_text_align("left");
        ctx.fill_text(&left, p.l, p.t - 3.0)?;
        ctx.set_text_align("right");
        ctx.fill_text(&right, w - 2.0, p.t - 3.0)?;
    }
    Ok(())
}

fn line(ctx: &CanvasRenderingContext2d, x0: f64, y0: f64, x1: f64, y1: f64) {
    ctx.begin_path();
    ctx.move_to(x0, y0);
    ctx.line_to(x1, y1);
    ctx.stroke();
}

/// One line through (step, value), as stairs where the steps are
/// consecutive: step t takes point t − 1 to point t, so its rate holds over
/// [t − 1, t] and changes between two steps (StepLR's halving is a drop,
/// not a slope through rates no step used: a trial); thinned columns (a
/// long run) joined as they are.
fn series(
    ctx: &CanvasRenderingContext2d,
    p: &Plot,
    x: Axis,
    y: Axis,
    pts: &[(usize, f64)],
    width: f64,
) {
    ctx.set_line_width(width);
    ctx.begin_path();
    let mut last: Option<usize> = None;
    for &(s, v) in pts {
        let (px, py) = (p.x(x, s as f64), p.y(y, v));
        let from = p.x(x, s.saturating_sub(1) as f64);
        match last {
            None => ctx.move_to(from, py),
            Some(ls) if s == ls + 1 => ctx.line_to(from, py),
            Some(_) => {}
        }
        ctx.line_to(px, py);
        last = Some(s);
    }
    ctx.stroke();
    ctx.set_line_width(1.0);
}
