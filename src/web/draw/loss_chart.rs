//! The loss chart: loss against step for every visible run, log y-axis
//! (linear when some loss is ≤ 0), a cursor at the current step, a cross
//! where a run diverged. Its axes are [`LossAxes`]. The chart without the
//! cursor is kept in an offscreen canvas until the runs change, so a
//! playing frame only blits it and draws the cursor. The chart is drawn
//! at 12 px text and scaled as a whole by [`Style::chart_scale`], so its
//! margins grow with its words (presenter mode).

use super::loss_paint::{axes_of, curve, draw_axes, loss_chart, visible, Curves, LABEL_PX};
use super::{context, Style};
use crate::diagnose::{Diagnosis, Health};
use crate::run::Trajectory;
use gradscape_core::geometry::loss_axes::{Scale, LOSS_MARGINS};
use gradscape_core::geometry::LossAxes;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// Draw the loss chart of `f` into `canvas`, cursor at step `t`. During a
/// drag that moves run `front` alone (the plot's front run,
/// draw/layers.rs), the axes and the curves below it, and the curves above
/// it, are kept pictures while only that run changes.
pub fn draw_loss(
    canvas: &HtmlCanvasElement,
    dpr: f64,
    replay: u64,
    f: &Curves,
    t: usize,
    style: &Style,
    front: Option<usize>,
) -> Result<(), JsValue> {
    let Curves {
        runs,
        diags,
        hidden,
        steps,
        dark,
        lang,
    } = *f;
    let (cw, ch) = crate::web::sizes::client_size(canvas);
    let (cw, ch) = (cw.max(100.0), ch.max(60.0));
    let (pw, ph) = ((cw * dpr).round() as u32, (ch * dpr).round() as u32);
    // The chart's own units: CSS pixels divided by the text's scale.
    let s = style.chart_scale(LABEL_PX);
    let (w, h, dpr) = ((cw / s).max(100.0), (ch / s).max(60.0), dpr * s);
    let resized = canvas.width() != pw || canvas.height() != ph;
    if resized {
        canvas.set_width(pw);
        canvas.set_height(ph);
    }
    // The front run is in the key: the frame at rest (no front) draws the
    // chart directly again.
    let key = loss_key(pw, ph, replay, runs, diags, hidden, steps, dark)
        ^ (lang as u64)
        ^ s.to_bits().rotate_left(7)
        ^ front.map_or(0, |k| k as u64 + 1).rotate_left(23);
    LOSS_CHARTS.with(|charts| -> Result<(), JsValue> {
        let mut charts = charts.borrow_mut();
        let pos = charts
            .iter()
            .position(|c| c.canvas.is_same_node(Some(canvas)));
        let pos = match pos {
            Some(p) => p,
            None => {
                if charts.len() >= 8 {
                    charts.remove(0);
                }
                let doc = canvas.owner_document().ok_or("no document")?;
                charts.push(LossChart {
                    canvas: canvas.clone(),
                    chart: doc.create_element("canvas")?.dyn_into()?,
                    key: key.wrapping_add(1),
                    below: None,
                    above: None,
                    held: None,
                    reused: 0,
                    shown: None,
                });
                charts.len() - 1
            }
        };
        let entry = &mut charts[pos];
        let ctx = context(canvas)?;
        ctx.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0)?;
        let x = LossAxes::cursor(w, t, steps);
        // What the canvas shows now: this chart, the cursor at `x`.
        let now = (key, dpr.to_bits(), x.to_bits());
        let shown = entry.shown.take().filter(|_| !resized);
        match front.filter(|&k| k < runs.len()) {
            Some(k) => {
                ctx.clear_rect(0.0, 0.0, pw as f64, ph as f64);
                ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0)?;
                // A drag: every input is a new chart, composed on the
                // canvas itself (the same pixels: the kept chart was
                // copied onto the cleared canvas). Going through the kept
                // chart cost a full-size copy more per input, and
                // snapshotting a canvas just drawn (about 2 ms).
                // The key without the runs' values (`replay`): those
                // of the runs kept are hashed by `front_key` itself.
                let base = loss_key(pw, ph, 0, runs, diags, hidden, steps, dark)
                    ^ (lang as u64)
                    ^ s.to_bits().rotate_left(7);
                entry.front_chart(&ctx, (pw, ph), (w, h, dpr), f, k, base)?;
                // The kept chart does not show this: drawn again next time.
                entry.key = key.wrapping_add(1);
            }
            None => {
                if entry.key != key {
                    let cctx = context(&entry.chart)?;
                    if entry.chart.width() != pw || entry.chart.height() != ph {
                        entry.chart.set_width(pw);
                        entry.chart.set_height(ph);
                    } else {
                        // Clearing, not resizing: a resize drops the
                        // canvas's pixels and state and costs a new buffer.
                        cctx.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0)?;
                        cctx.clear_rect(0.0, 0.0, pw as f64, ph as f64);
                    }
                    cctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0)?;
                    loss_chart(&cctx, w, h, f)?;
                    entry.held = None;
                    entry.key = key;
                }
                entry.shown = Some(now);
                match shown {
                    // The same picture: nothing to draw (a second stroke
                    // of the cursor would darken its edges).
                    Some(old) if old == now => {
                        return crate::web::dom::set_attr(
                            canvas,
                            "data-kept",
                            &entry.reused.to_string(),
                        );
                    }
                    // The same chart, the cursor moved (a playing frame):
                    // the old cursor's columns are put back from the kept
                    // chart, cleared first as the whole canvas would be;
                    // elsewhere the canvas already shows the chart. The
                    // same pixels as the chart copied whole.
                    Some((k, d, old)) if k == key && d == dpr.to_bits() => {
                        let margin = dpr.ceil() + 2.0;
                        let a = ((f64::from_bits(old) * dpr).floor() - margin).max(0.0);
                        let b = ((f64::from_bits(old) * dpr).ceil() + margin).min(pw as f64);
                        if b > a {
                            let (wd, hd) = (b - a, ph as f64);
                            ctx.clear_rect(a, 0.0, wd, hd);
                            ctx.draw_image_with_html_canvas_element_and_sw_and_sh_and_dx_and_dy_and_dw_and_dh(
                                &entry.chart, a, 0.0, wd, hd, a, 0.0, wd, hd,
                            )?;
                        }
                    }
                    _ => {
                        ctx.clear_rect(0.0, 0.0, pw as f64, ph as f64);
                        ctx.draw_image_with_html_canvas_element(&entry.chart, 0.0, 0.0)?;
                    }
                }
                ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0)?;
            }
        }
        // Cursor at the current step.
        let (_, _, top, bottom) = LOSS_MARGINS;
        ctx.begin_path();
        ctx.move_to(x, top);
        ctx.line_to(x, h - bottom);
        ctx.set_stroke_style_str(if dark { "#d8d8e0" } else { "#333340" });
        ctx.set_line_width(1.0);
        ctx.stroke();
        crate::web::dom::set_attr(canvas, "data-kept", &entry.reused.to_string())
    })?;
    let px = style.chart_text_px(LABEL_PX).to_string();
    crate::web::dom::set_attr(canvas, "data-chart-px", &px)?;
    crate::web::dom::set_attr(canvas, "data-ready", "true")?;
    Ok(())
}

/// A loss chart canvas and its chart without the cursor; during a drag,
/// the kept pictures below and above the front run's curve.
struct LossChart {
    canvas: HtmlCanvasElement,
    chart: HtmlCanvasElement,
    key: u64,
    below: Option<HtmlCanvasElement>,
    above: Option<HtmlCanvasElement>,
    /// What `below` and `above` show ([`front_key`]).
    held: Option<u64>,
    /// Charts composed from the held pictures (`data-kept`, for the tests).
    reused: u64,
    /// What the canvas shows, when it is the kept chart and a cursor: the
    /// chart's key, the scale (bits) and the cursor's x (bits).
    shown: Option<(u64, u64, u64)>,
}

impl LossChart {
    /// The chart (on `cctx`, cleared, `pw` × `ph` device px, in chart
    /// units) as the axes and the curves below run `k`, its curve, the
    /// curves above: the two groups from kept pictures, drawn afresh when
    /// what they show changed. A frame drawn afresh in the same state
    /// gives the same pixels.
    fn front_chart(
        &mut self,
        cctx: &CanvasRenderingContext2d,
        (pw, ph): (u32, u32),
        (w, h, dpr): (f64, f64, f64),
        f: &Curves,
        k: usize,
        key: u64,
    ) -> Result<(), JsValue> {
        let axes = axes_of(f, w, h);
        let held = front_key(f, &axes, k, key);
        if self.held == Some(held) {
            self.reused += 1;
        } else {
            let doc = self.chart.owner_document().ok_or("no document")?;
            let layer = |old: Option<HtmlCanvasElement>| -> Result<_, JsValue> {
                let c: HtmlCanvasElement = match old {
                    Some(c) => c,
                    None => doc.create_element("canvas")?.dyn_into()?,
                };
                c.set_width(pw);
                c.set_height(ph);
                let lctx = context(&c)?;
                lctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0)?;
                Ok((c, lctx))
            };
            let (below, bctx) = layer(self.below.take())?;
            draw_axes(&bctx, &axes, w, h, f.dark, f.lang)?;
            for i in visible(f).filter(|&i| i < k) {
                curve(&bctx, &axes, f, i);
            }
            let (above, actx) = layer(self.above.take())?;
            for i in visible(f).filter(|&i| i > k) {
                curve(&actx, &axes, f, i);
            }
            self.below = Some(below);
            self.above = Some(above);
            self.held = Some(held);
        }
        let blit = |c: &Option<HtmlCanvasElement>| -> Result<(), JsValue> {
            if let Some(c) = c {
                cctx.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0)?;
                cctx.draw_image_with_html_canvas_element(c, 0.0, 0.0)?;
                cctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0)?;
            }
            Ok(())
        };
        blit(&self.below)?;
        if visible(f).any(|i| i == k) {
            curve(cctx, &axes, f, k);
        }
        blit(&self.above)
    }
}

/// A hash of what the kept pictures of [`LossChart::front_chart`] show:
/// `key`, the chart's key but the runs' values (size, theme, language,
/// steps, hidden and diverged flags), the axes, the front run, every other
/// run's losses.
fn front_key(f: &Curves, axes: &LossAxes, k: usize, key: u64) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut mix = |v: u64| h = (h ^ v).wrapping_mul(0x0000_0100_0000_01b3);
    mix(key);
    mix(match axes.scale {
        Scale::Log => 1,
        Scale::SymLog(c) => c.to_bits(),
        Scale::Linear => 0,
    });
    for v in [axes.ylo, axes.yhi, axes.w, axes.h, axes.n] {
        mix(v.to_bits());
    }
    mix(k as u64);
    for (i, run) in f.runs.iter().enumerate().filter(|(i, _)| *i != k) {
        mix(i as u64);
        mix(run.loss.len() as u64);
        for v in &run.loss {
            mix(v.to_bits());
        }
    }
    h
}

thread_local! {
    /// The charts of the page's loss canvases (a few: the playground's and
    /// each mounted figure's).
    static LOSS_CHARTS: RefCell<Vec<LossChart>> = const { RefCell::new(Vec::new()) };
}

/// Forget every kept chart: the next draw draws it afresh.
pub fn forget_loss_charts() {
    LOSS_CHARTS.with(|c| c.borrow_mut().clear());
}

/// A hash of everything the chart shows but the cursor; `replay` stands for
/// the runs' values (see [`crate::app::model::next_replay`]).
#[allow(clippy::too_many_arguments)]
fn loss_key(
    pw: u32,
    ph: u32,
    replay: u64,
    runs: &[Trajectory],
    diags: &[Diagnosis],
    hidden: &[bool],
    steps: usize,
    dark: bool,
) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut mix = |v: u64| h = (h ^ v).wrapping_mul(0x0000_0100_0000_01b3);
    mix(u64::from(pw) << 32 | u64::from(ph));
    mix(steps as u64);
    mix(u64::from(dark));
    for (i, run) in runs.iter().enumerate() {
        mix(u64::from(hidden.get(i).copied().unwrap_or(false)));
        mix(u64::from(matches!(
            diags.get(i).map(|d| d.health),
            Some(Health::Diverged { .. })
        )));
        mix(run.loss.len() as u64);
    }
    mix(replay);
    h
}
