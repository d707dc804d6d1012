//! The explainers' charts: colours, sizing a canvas at the device's
//! resolution, lines, dashes and axes. Positions come from the core
//! ([`gradscape_core::chart::Plot`]); this file only paints.

use super::super::draw::context;
use gradscape_core::chart::Plot;
use wasm_bindgen::prelude::*;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// The EMA chart's series: y, ŷ, the clean signal and the noisy samples.
pub const C_Y: &str = "#0072B2";
pub const C_HAT: &str = "#D55E00";
pub const C_CLEAN: &str = "#009E73";
pub const C_X: &str = "#8a8a96";

/// The colour of a legend's `data-series` (`x`, `clean`, `y`, `hat`).
pub fn series_colour(series: &str) -> &'static str {
    match series {
        "x" => C_X,
        "clean" => C_CLEAN,
        "hat" => C_HAT,
        _ => C_Y,
    }
}

/// Ticks as (pixel, label).
pub type Ticks = Vec<(f64, String)>;

pub struct Colors {
    pub fg: &'static str,
    pub muted: &'static str,
    pub grid: &'static str,
    pub bg: &'static str,
    pub band: &'static str,
}

impl Colors {
    pub fn new(dark: bool) -> Colors {
        if dark {
            Colors {
                fg: "#d8d8e0",
                muted: "#a4a4b0",
                grid: "rgba(255,255,255,0.12)",
                bg: "#1e1e26",
                band: "rgba(255,138,128,0.16)",
            }
        } else {
            Colors {
                fg: "#333340",
                muted: "#5b5b66",
                grid: "rgba(0,0,0,0.1)",
                bg: "#f3f3f6",
                band: "rgba(179,38,30,0.08)",
            }
        }
    }
}

/// The charts' font (CJK fallback named for 简体中文 labels).
pub const FONT: &str = "11px system-ui, \"Noto Sans CJK SC\", sans-serif";

/// Size a canvas to its box at the device's resolution and clear it; `None`
/// when it has no box (its panel is closed).
pub fn prepare(
    canvas: &HtmlCanvasElement,
    dpr: f64,
) -> Result<Option<(CanvasRenderingContext2d, f64, f64)>, JsValue> {
    let (w, h) = crate::web::sizes::client_size(canvas);
    if w < 20.0 || h < 20.0 {
        return Ok(None);
    }
    let (pw, ph) = ((w * dpr).round() as u32, (h * dpr).round() as u32);
    if canvas.width() != pw || canvas.height() != ph {
        canvas.set_width(pw);
        canvas.set_height(ph);
    }
    let ctx = context(canvas)?;
    ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0)?;
    ctx.clear_rect(0.0, 0.0, w, h);
    crate::web::draw::set_font(&ctx, FONT);
    ctx.set_text_align("left");
    Ok(Some((ctx, w, h)))
}

pub fn dash(pattern: &[f64]) -> JsValue {
    let a = js_sys::Array::new();
    for &p in pattern {
        a.push(&JsValue::from_f64(p));
    }
    a.into()
}

pub fn line(
    ctx: &CanvasRenderingContext2d,
    pts: impl Iterator<Item = (f64, f64)>,
    color: &str,
    width: f64,
) {
    ctx.begin_path();
    for (k, (x, y)) in pts.enumerate() {
        if k == 0 {
            ctx.move_to(x, y);
        } else {
            ctx.line_to(x, y);
        }
    }
    ctx.set_stroke_style_str(color);
    ctx.set_line_width(width);
    ctx.stroke();
}

/// Grid lines at the ticks, tick labels, the x label at the bottom right and
/// the y label at the top left of the plot area (or above it).
#[allow(clippy::too_many_arguments)]
pub fn axes(
    ctx: &CanvasRenderingContext2d,
    c: &Colors,
    r: &Plot,
    xticks: &[(f64, String)],
    yticks: &[(f64, String)],
    xlabel: &str,
    ylabel: &str,
    ylabel_above: bool,
) -> Result<(), JsValue> {
    ctx.set_line_width(1.0);
    ctx.set_stroke_style_str(c.grid);
    ctx.set_fill_style_str(c.fg);
    for (y, text) in yticks {
        ctx.begin_path();
        ctx.move_to(r.l, *y);
        ctx.line_to(r.l + r.w, *y);
        ctx.stroke();
        ctx.set_text_align("right");
        ctx.fill_text(text, r.l - 5.0, y + 4.0)?;
    }
    ctx.set_text_align("center");
    for (x, text) in xticks {
        ctx.begin_path();
        ctx.move_to(*x, r.t);
        ctx.line_to(*x, r.t + r.h);
        ctx.stroke();
        ctx.fill_text(text, *x, r.t + r.h + 13.0)?;
    }
    ctx.set_stroke_style_str(c.muted);
    ctx.stroke_rect(r.l, r.t, r.w, r.h);
    ctx.set_text_align("right");
    ctx.fill_text(xlabel, r.l + r.w, r.t + r.h + 26.0)?;
    ctx.set_text_align("left");
    if ylabel_above {
        ctx.fill_text(ylabel, r.l, r.t - 7.0)?;
    } else if !ylabel.is_empty() {
        ctx.fill_text(ylabel, r.l + 4.0, r.t + 11.0)?;
    }
    Ok(())
}
