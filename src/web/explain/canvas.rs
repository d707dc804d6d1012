//! The explainers' charts: colours, sizing a canvas at the device's
//! resolution, lines, dashes and axes. Positions come from the core
//! ([`gradscape_core::chart::Plot`]); this file only paints. Each chart is
//! designed at [`FONT_PX`] labels and drawn scaled as a whole by
//! [`Style::chart_scale`] (presenter mode; the CSS makes its canvas as much
//! taller through `--chart-scale`).

use super::super::draw::{context, Style};
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

/// The charts' labels' size, in their own units (CSS px at scale 1).
pub const FONT_PX: f64 = crate::web::draw::EXPLAIN_PX;

/// The charts' font (CJK fallback named for 简体中文 labels): [`FONT_PX`].
pub const FONT: &str = "11px system-ui, \"Noto Sans CJK SC\", sans-serif";

/// The factor the charts are drawn at in `style` (the page's
/// `--chart-scale`, which makes their canvases as much taller).
pub fn chart_scale(style: &Style) -> f64 {
    style.chart_scale(FONT_PX)
}

/// How a chart's units sit on its canvas: CSS px per unit
/// ([`chart_scale`]) and the units kept clear at each edge — scaled, one:
/// a label that grazes the edge in the 11 px design (the EMA's last step,
/// the sweep's "diverged") loses half a pixel of anti-aliasing there, and
/// would lose a pixel of its glyph at 20 px. Normally 1 and 0: the
/// design's pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Units {
    pub scale: f64,
    pub inset: f64,
}

impl Units {
    pub fn of(style: &Style) -> Units {
        let scale = chart_scale(style);
        let inset = if scale > 1.0 { 1.0 } else { 0.0 };
        Units { scale, inset }
    }

    /// The chart's size in units on a `cw` × `ch` CSS px canvas.
    pub fn size(&self, cw: f64, ch: f64) -> (f64, f64) {
        let pad = 2.0 * self.inset;
        (cw / self.scale - pad, ch / self.scale - pad)
    }

    /// Draw in units on `ctx` at `dpr`.
    pub fn apply(&self, ctx: &CanvasRenderingContext2d, dpr: f64) -> Result<(), JsValue> {
        let k = dpr * self.scale;
        ctx.set_transform(k, 0.0, 0.0, k, k * self.inset, k * self.inset)
    }

    /// A point given in CSS px, in units.
    pub fn point(&self, x: f64, y: f64) -> (f64, f64) {
        (x / self.scale - self.inset, y / self.scale - self.inset)
    }

    /// A plot area in units, in CSS px.
    pub fn css(&self, r: Plot) -> Plot {
        let at = Plot {
            l: r.l + self.inset,
            t: r.t + self.inset,
            ..r
        };
        at.scaled(self.scale)
    }
}

/// Size a canvas to its box at the device's resolution and clear it, its
/// context drawing in the chart's [`Units`], which it returns with the
/// chart's size in them; `None` when it has no box (its panel is closed).
pub fn prepare(
    canvas: &HtmlCanvasElement,
    dpr: f64,
    style: &Style,
) -> Result<Option<(CanvasRenderingContext2d, f64, f64)>, JsValue> {
    let units = Units::of(style);
    let (cw, ch) = crate::web::sizes::client_size(canvas);
    if cw < 20.0 || ch < 20.0 {
        return Ok(None);
    }
    let (pw, ph) = ((cw * dpr).round() as u32, (ch * dpr).round() as u32);
    if canvas.width() != pw || canvas.height() != ph {
        canvas.set_width(pw);
        canvas.set_height(ph);
    }
    let ctx = context(canvas)?;
    // Cleared whole (the inset too), then the units.
    let k = dpr * units.scale;
    ctx.set_transform(k, 0.0, 0.0, k, 0.0, 0.0)?;
    ctx.clear_rect(0.0, 0.0, cw / units.scale, ch / units.scale);
    units.apply(&ctx, dpr)?;
    let (w, h) = units.size(cw, ch);
    let px = style.chart_text_px(FONT_PX).to_string();
    crate::web::dom::set_attr(canvas, "data-chart-px", &px)?;
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
    // A label that would run into the one before it is left out (its grid
    // line stays): a narrow chart, a phone presenting, has less room than
    // the ticks' decades.
    let mut free = f64::NEG_INFINITY;
    for (x, text) in xticks {
        ctx.begin_path();
        ctx.move_to(*x, r.t);
        ctx.line_to(*x, r.t + r.h);
        ctx.stroke();
        let half = ctx.measure_text(text)?.width() / 2.0;
        if x - half >= free {
            ctx.fill_text(text, *x, r.t + r.h + 13.0)?;
            free = x + half + 4.0;
        }
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
