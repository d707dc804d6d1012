//! The loss chart's painting: its axes (grid, ticks' labels — fewer on a
//! short chart, see [`LossAxes::y_ticks`] — and the axis's name, above
//! the plot area) and each run's curve, with a cross where a run diverged.
//! Where and when is [`super::loss_chart`]'s: the kept chart, and during a drag
//! the kept pictures below and above the front run's curve.

use crate::diagnose::{Diagnosis, Health};
use crate::format::tick_label;
use crate::run::Trajectory;
use crate::surface::mark;
use gradscape_core::geometry::loss_axes::{Scale, LOSS_MARGINS};
use gradscape_core::geometry::LossAxes;
use wasm_bindgen::prelude::*;
use web_sys::CanvasRenderingContext2d;

/// The labels' size in the chart's own units (CSS px at scale 1).
pub const LABEL_PX: f64 = 12.0;

/// A curve's dot shapes across (the chart's units): the legend's shapes.
const MARK_PX: f64 = 7.0;

/// What the chart draws (but its cursor and size).
pub struct Curves<'a> {
    /// Every run.
    pub runs: &'a [Trajectory],
    /// Their diagnoses (a cross where one diverged).
    pub diags: &'a [Diagnosis],
    /// Hidden runs (legend toggles).
    pub hidden: &'a [bool],
    /// The scene's steps (the x axis).
    pub steps: usize,
    /// The dark palette.
    pub dark: bool,
    /// The labels' language.
    pub lang: gradscape_text::Lang,
}

/// The runs shown.
pub(super) fn visible<'a>(f: &'a Curves) -> impl Iterator<Item = usize> + 'a {
    (0..f.runs.len()).filter(|&i| !f.hidden.get(i).copied().unwrap_or(false))
}

/// The axes of every visible run's losses.
pub(super) fn axes_of(f: &Curves, w: f64, h: f64) -> LossAxes {
    let all = visible(f).flat_map(|i| f.runs[i].loss.iter().copied());
    LossAxes::new(all, f.steps, w, h)
}

/// The loss chart without its cursor, in CSS pixels.
pub(super) fn loss_chart(
    ctx: &CanvasRenderingContext2d,
    w: f64,
    h: f64,
    f: &Curves,
) -> Result<(), JsValue> {
    let axes = axes_of(f, w, h);
    draw_axes(ctx, &axes, w, h, f.dark, f.lang)?;
    for i in visible(f) {
        curve(ctx, &axes, f, i);
    }
    Ok(())
}

/// The grid, the ticks' labels and the axis's name.
pub(super) fn draw_axes(
    ctx: &CanvasRenderingContext2d,
    axes: &LossAxes,
    w: f64,
    h: f64,
    dark: bool,
    lang: gradscape_text::Lang,
) -> Result<(), JsValue> {
    let fg = if dark { "#d8d8e0" } else { "#333340" };
    let grid_col = if dark {
        "rgba(255,255,255,0.12)"
    } else {
        "rgba(0,0,0,0.1)"
    };
    let (left, right, top, _) = LOSS_MARGINS;
    crate::web::draw::set_font(ctx, &format!("{LABEL_PX}px system-ui, sans-serif"));
    ctx.set_line_width(1.0);
    ctx.set_stroke_style_str(grid_col);
    ctx.set_fill_style_str(fg);
    for v in axes.y_ticks() {
        let y = axes.y_unit(v);
        ctx.begin_path();
        ctx.move_to(left, y);
        ctx.line_to(w - right, y);
        ctx.stroke();
        let text = axes.y_label(v);
        ctx.fill_text(&text, 4.0, y + 4.0)?;
    }
    // Each step's number centred under its tick, and kept inside the
    // chart: the last one (at the right edge) would lose its last digits.
    for v in axes.x_ticks() {
        let text = tick_label(v);
        let tw = ctx.measure_text(&text)?.width();
        let x = (axes.x(v) - tw / 2.0).min(w - 2.0 - tw).max(2.0);
        ctx.fill_text(&text, x, h - 6.0)?;
    }
    // The axis's name in the top margin, above the plot area: clear of
    // the curves (which start at its top left) and of the cursor.
    ctx.fill_text(
        gradscape_text::tr(
            lang,
            match axes.scale {
                Scale::Log => "loss.log",
                Scale::SymLog(_) => "loss.symlog",
                Scale::Linear => "loss.linear",
            },
        ),
        left,
        top - 5.0,
    )
}

/// Run `i`'s curve with its dot shape along it, and a cross at its end
/// where it diverged.
pub(super) fn curve(ctx: &CanvasRenderingContext2d, axes: &LossAxes, f: &Curves, i: usize) {
    let run = &f.runs[i];
    ctx.begin_path();
    for (k, &(x, y)) in axes.line(&run.loss).iter().enumerate() {
        if k == 0 {
            ctx.move_to(x, y);
        } else {
            ctx.line_to(x, y);
        }
    }
    let mk = mark(i);
    ctx.set_stroke_style_str(mk.colour);
    ctx.set_line_width(2.0);
    super::trails::set_dash(ctx, mk.dash);
    ctx.stroke();
    super::trails::set_dash(ctx, &[]);
    // Kept below the plot area's top, where the axis's name stands.
    let top = LOSS_MARGINS.2 + MARK_PX / 2.0;
    let shapes: Vec<(f64, f64)> = axes
        .mark_steps(i, f.runs.len(), run.loss.len())
        .into_iter()
        .map(|s| (axes.x(s as f64), axes.y(run.loss[s]).max(top)))
        .collect();
    for (size, style) in [(MARK_PX + 2.0, "#ffffff"), (MARK_PX, mk.colour)] {
        ctx.set_fill_style_str(style);
        super::trails::paint_dots(ctx, mk, shapes.iter().copied(), size);
    }
    if let Some(Health::Diverged { .. }) = f.diags.get(i).map(|d| d.health) {
        let s = run.loss.len().saturating_sub(1);
        let Some(&v) = run.loss.get(s) else { return };
        let (x, y) = (axes.x(s as f64), axes.y(v));
        ctx.begin_path();
        ctx.move_to(x - 6.0, y - 6.0);
        ctx.line_to(x + 6.0, y + 6.0);
        ctx.move_to(x + 6.0, y - 6.0);
        ctx.line_to(x - 6.0, y + 6.0);
        ctx.set_line_width(3.0);
        ctx.stroke();
    }
}
