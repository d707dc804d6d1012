//! The EMA panel: the γ readout, the sentences with numbers, the signal
//! chart (x, the clean signal, y and ŷ) and the weights chart with the
//! window marked. The figures' numbers are [`crate::ema::SignalFigure`] and
//! [`crate::ema::WeightsFigure`].

use super::canvas::{axes, dash, line, prepare, Colors, Ticks, C_CLEAN, C_HAT, C_X, C_Y};
use super::{dark, dpr, is_open, style, App};
use crate::ema::{window, window_share, SignalFigure, WeightsFigure, SAMPLES};
use crate::format::sig3;
use crate::format::{fmt_num, tick_label};
use crate::surface::ticks;
use gradscape_text::{tr, trf, Lang};
use wasm_bindgen::prelude::*;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// The panel's readout, sentences and both charts (when open).
pub fn draw(app: &App) -> Result<(), JsValue> {
    let l = app.lang;
    let g = app.explain.ema_gamma;
    let wtext = sig3(window(g));
    let readout = trf(l, "explain.ema.readout", &[&fmt_num(g), &wtext]);
    app.root("ema-readout")?.set_text_content(Some(&readout));
    // The slider says γ, not its position.
    app.root("ema-gamma")?
        .set_attribute("aria-valuetext", &readout)?;
    app.root("ema-weights-text")?.set_text_content(Some(&trf(
        l,
        "explain.ema.weights_text",
        &[&wtext, &format!("{}", window_share(g).round())],
    )));
    app.root("ema-bias")?.set_text_content(Some(&trf(
        l,
        "explain.ema.bias_text",
        &[&sig3(1.0 - g)],
    )));
    let weights: HtmlCanvasElement = super::by_id(&app.doc, "ema-weights")?;
    weights.set_attribute("data-gamma", &fmt_num(g))?;
    weights.set_attribute("data-window", &wtext)?;
    if !is_open(app, "ema-panel") {
        return Ok(());
    }
    let c = Colors::new(dark(app));
    let st = style(app);
    let signal: HtmlCanvasElement = super::by_id(&app.doc, "ema-signal")?;
    if let Some((ctx, w, h)) = prepare(&signal, dpr(app), &st)? {
        draw_signal(&ctx, &c, l, g, w, h)?;
        signal.set_attribute("data-ready", "true")?;
    }
    if let Some((ctx, w, h)) = prepare(&weights, dpr(app), &st)? {
        draw_weights(&ctx, &c, l, g, w, h)?;
        weights.set_attribute("data-ready", "true")?;
    }
    Ok(())
}

fn draw_signal(
    ctx: &CanvasRenderingContext2d,
    c: &Colors,
    l: Lang,
    g: f64,
    w: f64,
    h: f64,
) -> Result<(), JsValue> {
    let f = SignalFigure::new(g);
    let r = SignalFigure::plot(w, h);
    let xp = |t: f64| r.x(f.steps, t);
    let yp = |v: f64| r.y(f.axis, v);
    let xticks: Ticks = ticks(0.0, f.steps.hi, ((r.w / 70.0) as usize).max(2))
        .into_iter()
        .map(|t| (xp(t), tick_label(t)))
        .collect();
    let yticks: Ticks = f.ticks.iter().map(|&v| (yp(v), tick_label(v))).collect();
    axes(
        ctx,
        c,
        &r,
        &xticks,
        &yticks,
        tr(l, "explain.ema.step"),
        "",
        false,
    )?;
    // The clean signal, dashed.
    ctx.set_line_dash(&dash(&[5.0, 4.0]))?;
    line(
        ctx,
        (1..=SAMPLES).map(|t| (xp(t as f64), yp(f.clean[t - 1]))),
        C_CLEAN,
        1.5,
    );
    ctx.set_line_dash(&dash(&[]))?;
    // The noisy samples.
    ctx.set_fill_style_str(C_X);
    for (i, &x) in f.xs.iter().enumerate() {
        ctx.begin_path();
        ctx.arc(xp((i + 1) as f64), yp(x), 2.0, 0.0, std::f64::consts::TAU)?;
        ctx.fill();
    }
    // y from y₀ = 0 at t = 0, and ŷ from t = 1.
    let ypts = std::iter::once((xp(0.0), yp(0.0))).chain(
        f.ys.iter()
            .enumerate()
            .map(|(i, &y)| (xp((i + 1) as f64), yp(y))),
    );
    line(ctx, ypts, C_Y, 2.2);
    line(
        ctx,
        f.hat
            .iter()
            .enumerate()
            .map(|(i, &y)| (xp((i + 1) as f64), yp(y))),
        C_HAT,
        2.2,
    );
    Ok(())
}

fn draw_weights(
    ctx: &CanvasRenderingContext2d,
    c: &Colors,
    l: Lang,
    g: f64,
    w: f64,
    h: f64,
) -> Result<(), JsValue> {
    let f = WeightsFigure::new(g);
    let r = WeightsFigure::plot(w, h);
    let yp = |v: f64| r.y(f.axis, v);
    let last_lag = f.lags.hi - 1.0;
    let xticks: Ticks = ticks(0.0, last_lag, ((r.w / 60.0) as usize).max(2))
        .into_iter()
        .map(|t| (f.x(&r, t), tick_label(t)))
        .collect();
    let yticks: Ticks = f.ticks.iter().map(|&v| (yp(v), tick_label(v))).collect();
    axes(
        ctx,
        c,
        &r,
        &xticks,
        &yticks,
        tr(l, "explain.ema.lag"),
        tr(l, "explain.ema.weights_title"),
        true,
    )?;
    let bw = f.bar_width(&r);
    for (k, &wk) in f.weights.iter().enumerate() {
        ctx.set_fill_style_str(if f.inside(k) {
            C_Y
        } else {
            "rgba(0,114,178,0.35)"
        });
        let (x, y) = (f.x(&r, k as f64), yp(wk));
        ctx.fill_rect(x - bw / 2.0, y, bw, r.bottom() - y);
    }
    // The window: the last 1/(1−γ) values are k = 0 … 1/(1−γ) − 1.
    let xw = f.mark_x(&r);
    ctx.set_stroke_style_str(C_HAT);
    ctx.set_line_width(2.0);
    ctx.set_line_dash(&dash(&[6.0, 4.0]))?;
    ctx.begin_path();
    ctx.move_to(xw, r.t - 6.0);
    ctx.line_to(xw, r.bottom());
    ctx.stroke();
    ctx.set_line_dash(&dash(&[]))?;
    let label = trf(l, "explain.ema.window_mark", &[&sig3(f.window)]);
    let tw = ctx.measure_text(&label)?.width();
    let lx = if xw + 6.0 + tw > r.right() {
        xw - 6.0 - tw
    } else {
        xw + 6.0
    };
    ctx.set_fill_style_str(C_HAT);
    ctx.fill_text(&label, lx, r.t + 6.0)?;
    Ok(())
}
