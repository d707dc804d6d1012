//! The cards' η(t) charts drawn at the cursor (words and data on their
//! canvas), η_t in the legend, and the charts' data for `page_state`.

use super::super::dom::{el, set_attr};
use super::super::draw::lr_chart::{chart_height, draw_lr};
use super::super::draw::Style;
use super::super::sizes::client_size;
use super::super::App;
use crate::format::fmt_num;
use crate::run::Trajectory;
use gradscape_core::schedule::chart::{cursor_step, RateChart};
use gradscape_text::schedule::{eta_at, momentum_symbol};
use gradscape_text::{tr, trf};
use serde_json::Value;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlCanvasElement;

/// The step run `r`'s chart marks at cursor `t`, and its η there.
pub fn eta_now(r: &Trajectory, t: usize) -> Option<(usize, f64)> {
    cursor_step(t, r.lr.len()).map(|s| (s, r.lr[s - 1]))
}

/// The chart of card `i` as the page draws it (`cols`: its width in
/// columns of two CSS pixels).
fn chart_of(app: &App, i: usize, cols: usize) -> Option<RateChart> {
    let r = app.runs.get(i)?;
    r.spec.schedule?;
    Some(RateChart::new(
        &r.lr,
        &r.momentum,
        app.scene.steps,
        app.t,
        cols,
    ))
}

/// What a chart's canvas was last drawn from: all [`draw_lr`] reads.
#[derive(PartialEq)]
struct Drawn {
    chart: RateChart,
    i: usize,
    sym: Option<&'static str>,
    axis: &'static str,
    dark: bool,
    style: Style,
    dpr: f64,
    /// The canvas's CSS width and its bitmap's size.
    w: f64,
    px: (u32, u32),
}

thread_local! {
    /// Each chart canvas (by identity: a rebuilt card has a new, blank one)
    /// with what it shows.
    static DRAWN: RefCell<Vec<(HtmlCanvasElement, Drawn)>> = const { RefCell::new(Vec::new()) };
}

/// Forget what the charts show: the next draw paints each (a test's
/// redraw from nothing).
pub fn forget_drawn() {
    DRAWN.with(|d| d.borrow_mut().clear());
}

/// Each chart's canvas and the columns it is drawn at.
fn canvases(app: &App) -> Vec<(usize, HtmlCanvasElement, usize)> {
    let Ok(list) = app.doc.query_selector_all("#optimizers canvas.lr-chart") else {
        return vec![];
    };
    (0..list.length())
        .filter_map(|n| list.item(n)?.dyn_into::<HtmlCanvasElement>().ok())
        .filter_map(|c| {
            let i = c.get_attribute("data-index")?.parse().ok()?;
            // The kept size draw_lr reads too (no layout forced per chart).
            let cols = (client_size(&c).0.max(120.0) / 2.0) as usize;
            Some((i, c, cols))
        })
        .collect()
}

/// Draw every card's η(t) chart at the cursor, and say it in words (its
/// `aria-label`) and as data (`data-step`, `data-eta`). A chart whose
/// inputs are what its canvas shows is left as it is (a drag of one card's
/// η redrew every card's chart at each input); `data-draws` counts the
/// paints of each canvas.
pub fn draw_charts(app: &App) -> Result<(), JsValue> {
    let style = Style::of(app.present, 400.0);
    let dpr = app.window.device_pixel_ratio().clamp(0.5, 4.0);
    let dark = super::super::dom::dark(&app.window);
    let axis = tr(app.lang, "schedule.chart.axis");
    let mut before = DRAWN.with(|d| std::mem::take(&mut *d.borrow_mut()));
    let mut now = Vec::new();
    for (i, canvas, cols) in canvases(app) {
        let (Some(c), Some(r)) = (chart_of(app, i, cols), app.runs.get(i)) else {
            continue;
        };
        let sym = momentum_symbol(r.spec.kind).filter(|_| !r.momentum.is_empty());
        let drawn = Drawn {
            chart: c,
            i,
            sym,
            axis,
            dark,
            style,
            dpr,
            w: client_size(&canvas).0,
            px: (canvas.width(), canvas.height()),
        };
        let shown = before
            .iter()
            .position(|(e, _)| *e == canvas)
            .map(|k| before.swap_remove(k).1);
        let c = &drawn.chart;
        if shown.as_ref() != Some(&drawn) {
            canvas
                .style()
                .set_property("height", &format!("{}px", chart_height(&style)))?;
            draw_lr(&canvas, dpr, c, i, sym, axis, dark, &style)?;
            let n = canvas
                .get_attribute("data-draws")
                .and_then(|v| v.parse::<u64>().ok())
                .unwrap_or(0);
            canvas.set_attribute("data-draws", &(n + 1).to_string())?;
        }
        let title = gradscape_text::optim::run_label(r, app.lang);
        let mut label = match c.cursor {
            Some((s, eta, _)) => trf(
                app.lang,
                "schedule.chart.label",
                &[
                    &title,
                    &eta_at(s, eta),
                    &s.to_string(),
                    &app.scene.steps.to_string(),
                    &fmt_num(c.lo),
                    &fmt_num(c.hi),
                ],
            ),
            None => title,
        };
        if let (Some(sym), Some((_, _, Some(m)))) = (sym, c.cursor) {
            label += &trf(
                app.lang,
                "schedule.chart.momentum",
                &[sym, &format!("{sym} = {}", fmt_num(m))],
            );
        }
        set_attr(&canvas, "aria-label", &label)?;
        match c.cursor {
            Some((s, eta, _)) => {
                set_attr(&canvas, "data-step", &s.to_string())?;
                set_attr(&canvas, "data-eta", &format!("{eta:e}"))?;
            }
            None => {
                canvas.remove_attribute("data-step")?;
                canvas.remove_attribute("data-eta")?;
            }
        }
        // What it shows now (after draw_lr, which may have sized it).
        let px = (canvas.width(), canvas.height());
        now.push((canvas, Drawn { px, ..drawn }));
    }
    DRAWN.with(|d| *d.borrow_mut() = now);
    Ok(())
}

/// "η₁₂ = 0.15" beside each scheduled run in the legend, at the cursor.
pub fn sync_legend(app: &App) -> Result<(), JsValue> {
    for (i, r) in app.runs.iter().enumerate() {
        let Some(li) = app
            .doc
            .query_selector(&format!("#legend li[data-index=\"{i}\"]"))?
        else {
            continue;
        };
        let old = li.query_selector(".run-eta")?;
        let now = r.spec.schedule.and_then(|_| eta_now(r, app.t));
        match (now, old) {
            (Some((s, eta)), old) => {
                let span = match old {
                    Some(o) => o,
                    None => {
                        let span = el(&app.doc, "span", &[("class", "run-eta")], None)?;
                        let at = li.query_selector(".run-status")?;
                        let lab = li.query_selector("label")?.unwrap_or_else(|| li.clone());
                        lab.insert_before(&span, at.as_ref().map(|e| e.as_ref()))?;
                        span
                    }
                };
                span.set_text_content(Some(&eta_at(s, eta)));
            }
            (None, Some(o)) => o.remove(),
            (None, None) => {}
        }
    }
    Ok(())
}

/// The charts' data for `page_state`: per scheduled run, the points drawn,
/// the cycled momentum, the cursor's step and η.
pub fn charts_value(app: &App) -> Value {
    let widths: Vec<(usize, usize)> = canvases(app).into_iter().map(|(i, _, c)| (i, c)).collect();
    let list = widths
        .into_iter()
        .filter_map(|(i, cols)| {
            let c = chart_of(app, i, cols)?;
            let pts = |v: &[(usize, f64)]| {
                Value::from(
                    v.iter()
                        .map(|&(s, x)| serde_json::json!([s, x]))
                        .collect::<Vec<_>>(),
                )
            };
            Some(serde_json::json!({
                "index": i,
                "lr": pts(&c.lr),
                "momentum": pts(&c.momentum),
                "cursor": c.cursor.map(|(s, _, _)| s),
                "eta": c.cursor.map(|(_, e, _)| e),
                "momentum_now": c.cursor.and_then(|(_, _, m)| m),
            }))
        })
        .collect();
    Value::Array(list)
}
