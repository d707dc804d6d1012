//! The η sweep: when to recompute it (debounced, only when something
//! besides η changed), the edge of every optimizer in words, and its chart —
//! the final loss against η, a band of crosses for the runs that left the
//! finite world, the edges and the current η of each optimizer. The axes are
//! [`crate::sweep::lr_chart`]'s.

use super::canvas::{axes, dash, prepare, Colors, Ticks, Units, FONT};
use super::{coupled_l, coupling_words, dark, dpr, gap, is_open, kind_name, rate_map, style, App};
use crate::format::sig3;
use crate::format::{fmt_num, round_sig, tick_label};
use crate::optim::OptKind;
use crate::surface::palette;
use crate::sweep::lr_chart::{lr_ticks, lr_x, on_lr_axis, Band, LossAxis};
use crate::sweep::{lr_sweeps, sweep_key, Coupling, LrSweep, Outcome};
use crate::web::draw::context;
use gradscape_core::scale::Scale;
use gradscape_text::{tr, trf, Lang};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

use super::super::dom::{add, by_id, el};
use super::super::panel;

/// Mark the sweep stale when the scene changed for it; recompute `now` or
/// after the quiet time; redraw both charts.
pub fn refresh(app: &mut App, now: bool) -> Result<(), JsValue> {
    mark(app, now)?;
    draw(app)
}

/// [`refresh`] but the drawing.
pub fn mark(app: &mut App, now: bool) -> Result<(), JsValue> {
    if !is_open(app, "sweep-panel") {
        return Ok(());
    }
    let stale = app.explain.sweep_key.as_ref() != Some(&sweep_key(&app.scene));
    if stale {
        app.root("sweep-lr")?.set_attribute("data-stale", "true")?;
        if now {
            compute(app)?;
        } else {
            schedule(app)?;
        }
    }
    Ok(())
}

fn schedule(app: &mut App) -> Result<(), JsValue> {
    crate::web::timer::later(&app.window, crate::web::timer::Later::Sweeps, || {
        crate::web::with_app(on_timer)
    })
}

/// The debounced sweep is due.
fn on_timer(app: &mut App) -> Result<(), JsValue> {
    if is_open(app, "sweep-panel") {
        compute(app)?;
        draw(app)?;
    }
    Ok(())
}

fn compute(app: &mut App) -> Result<(), JsValue> {
    crate::web::timer::cancel(&app.window, crate::web::timer::Later::Sweeps);
    match lr_sweeps(&app.scene) {
        Ok(s) => app.explain.sweeps = s,
        Err(e) => {
            web_sys::console::error_1(&JsValue::from_str(&gradscape_text::errors::run_error(
                &e,
                gradscape_text::Lang::En,
            )));
            app.explain.sweeps.clear();
        }
    }
    app.explain.sweep_key = Some(sweep_key(&app.scene));
    app.explain.computed += 1;
    let c = app.root("sweep-lr")?;
    c.set_attribute("data-stale", "false")?;
    c.set_attribute("data-computed", &app.explain.computed.to_string())
}

/// Both sweep charts and their texts, from the cached η sweep (when open).
pub fn draw(app: &mut App) -> Result<(), JsValue> {
    if !is_open(app, "sweep-panel") {
        return Ok(());
    }
    draw_lr(app)?;
    rate_map::draw(app)
}

/// One optimizer's edge in words: where it diverges, and the theory's bound.
fn edge_text(l: Lang, s: &LrSweep, label: Option<&str>) -> String {
    let name = label.unwrap_or_else(|| kind_name(l, s.spec.kind));
    let mut text = match (s.initial_loss, s.edge) {
        (None, _) => trf(l, "explain.edge.undefined", &[name]),
        (_, None) => trf(l, "explain.edge.never", &[name, "10"]),
        (_, Some(e)) => {
            let bad = fmt_num(e.first_bad);
            match (e.last_ok, e.recovers) {
                (None, None) => trf(l, "explain.edge.all", &[name, &bad]),
                (Some(ok), None) => trf(l, "explain.edge.at", &[name, &bad, &fmt_num(ok)]),
                (None, Some(r)) => trf(
                    l,
                    "explain.edge.all_mixed",
                    &[
                        name,
                        &bad,
                        &r.ok.to_string(),
                        &r.of.to_string(),
                        &fmt_num(r.largest),
                    ],
                ),
                (Some(ok), Some(r)) => trf(
                    l,
                    "explain.edge.at_mixed",
                    &[
                        name,
                        &bad,
                        &fmt_num(ok),
                        &r.ok.to_string(),
                        &r.of.to_string(),
                        &fmt_num(r.largest),
                    ],
                ),
            }
        }
    };
    if let Some(b) = s.theory {
        let key = match s.spec.kind {
            OptKind::Gd => "explain.theory.gd",
            _ if s.spec.hyper.nesterov => "explain.theory.nesterov",
            _ => "explain.theory.momentum",
        };
        let c = Coupling::of(&s.spec);
        text.push_str(gap(l));
        text.push_str(&trf(l, key, &[&sig3(b), coupled_l(c)]));
        text.push_str(&coupling_words(l, c));
    }
    text
}

fn draw_lr(app: &App) -> Result<(), JsValue> {
    let l = app.lang;
    // The edge of every optimizer, in words (and in attributes for tests),
    // and the criterion under it: they follow only the sweep, the language
    // and the scene's steps, so an η drag leaves them as they are (built and
    // morphed at every input, they cost ~2 ms of it).
    let words = (app.explain.computed, l, app.scene.steps);
    if EDGES.with(|e| e.get()) != Some(words) {
        draw_edges(app)?;
        EDGES.with(|e| e.set(Some(words)));
    }
    draw_lr_canvas(app)
}

/// The edge list and the criterion, from the cached sweep.
fn draw_edges(app: &App) -> Result<(), JsValue> {
    let l = app.lang;
    let sweeps = &app.explain.sweeps;
    // Built off the page; the page's list changed only where it differs.
    let live = app.root("sweep-edges")?;
    let list = app.doc.create_element("ul")?;
    if sweeps.is_empty() {
        add(
            &list,
            &el(&app.doc, "li", &[], Some(tr(l, "explain.sweep.none")))?,
        )?;
    }
    for s in sweeps {
        let edge = s.edge.map(|e| fmt_num(e.first_bad)).unwrap_or_default();
        let last_ok = s
            .edge
            .and_then(|e| e.last_ok)
            .map(fmt_num)
            .unwrap_or_default();
        let theory = s
            .theory
            .map(|b| fmt_num(round_sig(b, 12)))
            .unwrap_or_default();
        let li = el(
            &app.doc,
            "li",
            &[
                ("data-index", &s.index.to_string()),
                ("data-kind", s.spec.kind.name()),
                ("data-edge", &edge),
                ("data-last-ok", &last_ok),
                ("data-theory", &theory),
            ],
            None,
        )?;
        add(&li, &panel::swatch(&app.doc, s.index)?)?;
        // Two runs of one kind are named as the legend names them: lesson
        // 8's sweep said "Adam: no η up to 10 diverges." twice, which was
        // the run without bias correction not said.
        let twin = sweeps.iter().filter(|o| o.spec.kind == s.spec.kind).count() > 1;
        let label =
            twin.then(|| gradscape_text::optim::opt_label(&s.spec, app.scene.convention, l));
        // Its numbers stay beside their η (a 中文 line broke "最大为 η =" / "0.92").
        let words = gradscape_text::wrap::keep_together(&edge_text(l, s, label.as_deref()));
        add(&li, &el(&app.doc, "span", &[], Some(&words))?)?;
        add(&list, &li)?;
    }
    crate::web::morph::morph(&live, &list)?;
    if let Some(s) = sweeps.first() {
        let steps = s.steps.to_string();
        let text = if s.steps < app.scene.steps {
            trf(
                l,
                "explain.sweep.steps_capped",
                &[&steps, &app.scene.steps.to_string()],
            )
        } else {
            trf(l, "explain.sweep.steps", &[&steps])
        };
        let crit = format!("{}{}{text}", tr(l, "explain.sweep.criterion"), gap(l));
        app.root("sweep-criterion")?.set_text_content(Some(&crit));
    }
    Ok(())
}

/// The η chart: the kept picture of the sweep, the current η's over it.
fn draw_lr_canvas(app: &App) -> Result<(), JsValue> {
    let l = app.lang;
    let sweeps = &app.explain.sweeps;
    let canvas: HtmlCanvasElement = by_id(&app.doc, "sweep-lr")?;
    let dpr = dpr(app);
    let st = style(app);
    let Some((ctx, w, h)) = prepare(&canvas, dpr, &st)? else {
        return Ok(());
    };
    let dark = dark(app);
    let c = Colors::new(dark);
    // The chart but the current η's is the same until the sweep is redone
    // (an η drag moves only those): drawn once onto a kept picture (its
    // thousands of dots cost the canvas ~25 ms a frame), then blitted.
    // (Drawn in the chart's units: the device pixels per unit.)
    let units = Units::of(&st);
    let key = (
        app.explain.computed,
        canvas.width(),
        canvas.height(),
        dark,
        l,
        (dpr * units.scale).to_bits(),
    );
    KEPT.with(|k| -> Result<(), JsValue> {
        let mut kept = k.borrow_mut();
        if kept.as_ref().map(|(key, _)| key) != Some(&key) {
            let picture = match kept.take() {
                Some((_, pic)) => pic,
                None => app.doc.create_element("canvas")?.dyn_into()?,
            };
            picture.set_width(canvas.width());
            picture.set_height(canvas.height());
            let pctx = context(&picture)?;
            units.apply(&pctx, dpr)?;
            crate::web::draw::set_font(&pctx, FONT);
            pctx.set_text_align("left");
            draw_lr_chart(&pctx, &c, l, sweeps, w, h)?;
            *kept = Some((key, picture));
        }
        if let Some((_, picture)) = kept.as_ref() {
            ctx.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0)?;
            ctx.draw_image_with_html_canvas_element(picture, 0.0, 0.0)?;
            units.apply(&ctx, dpr)?;
        }
        Ok(())
    })?;
    // Current η of each optimizer of the scene (the scene may have changed
    // since the sweep: the markers follow the scene at once).
    let current: Vec<f64> = app.scene.optimizers.iter().map(|o| o.hyper.lr).collect();
    draw_current(&ctx, sweeps, &current, w, h)?;
    canvas.set_attribute("data-ready", "true")
}

thread_local! {
    /// The η chart without the current η's, and what it was drawn for
    /// (the sweep computed, canvas size, theme, language, device pixels
    /// per unit).
    #[allow(clippy::type_complexity)]
    static KEPT: RefCell<Option<((u64, u32, u32, bool, Lang, u64), HtmlCanvasElement)>> =
        const { RefCell::new(None) };
    /// What the edge list and criterion were last written for (the sweep
    /// computed, the language, the scene's steps).
    static EDGES: std::cell::Cell<Option<(u64, Lang, usize)>> = const { std::cell::Cell::new(None) };
}

/// Forget the kept chart and words (a test's redraw from nothing).
pub fn forget_kept() {
    KEPT.with(|k| k.borrow_mut().take());
    forget_words();
}

/// The edge list and criterion are written again at the next draw (their
/// text was set by someone else).
pub fn forget_words() {
    EDGES.with(|e| e.set(None));
}

/// The current η of each optimizer: a dashed line in its colour across the
/// plot, over every run's curve.
fn draw_current(
    ctx: &CanvasRenderingContext2d,
    sweeps: &[LrSweep],
    current: &[f64],
    w: f64,
    h: f64,
) -> Result<(), JsValue> {
    let band = Band::new(sweeps.len());
    let r = band.plot(w, h);
    let band_top = band.top(&r);
    for s in sweeps {
        if let Some(&lr) = current.get(s.index) {
            if on_lr_axis(lr) {
                let x = lr_x(&r, lr);
                ctx.set_stroke_style_str(palette(s.index));
                ctx.set_line_width(1.5);
                ctx.set_line_dash(&dash(&[5.0, 3.0]))?;
                ctx.begin_path();
                ctx.move_to(x, band_top);
                ctx.line_to(x, r.bottom());
                ctx.stroke();
                ctx.set_line_dash(&dash(&[]))?;
            }
        }
    }
    Ok(())
}

/// The η chart but the current η's ([`draw_current`]).
fn draw_lr_chart(
    ctx: &CanvasRenderingContext2d,
    c: &Colors,
    l: Lang,
    sweeps: &[LrSweep],
    w: f64,
    h: f64,
) -> Result<(), JsValue> {
    let band = Band::new(sweeps.len());
    let r = band.plot(w, h);
    let xp = |lr: f64| lr_x(&r, lr);
    let loss = LossAxis::new(sweeps);
    let yp = |v: f64| loss.y(&r, v);
    let xticks: Ticks = lr_ticks()
        .into_iter()
        .map(|v| (xp(v), tick_label(v)))
        .collect();
    let yticks: Ticks = loss
        .ticks(&r)
        .into_iter()
        .map(|(v, text)| (r.y(loss.axis, v), text))
        .collect();
    let ylabel = tr(
        l,
        match loss.scale {
            Scale::Log => "explain.sweep.y_log",
            Scale::SymLog(_) => "explain.sweep.y_symlog",
            Scale::Linear => "explain.sweep.y_lin",
        },
    );
    axes(
        ctx,
        c,
        &r,
        &xticks,
        &yticks,
        tr(l, "explain.sweep.x"),
        ylabel,
        false,
    )?;
    // The band of diverged runs, at the top.
    let band_top = band.top(&r);
    ctx.set_fill_style_str(c.band);
    ctx.fill_rect(r.l, band_top, r.w, band.height - 4.0);
    ctx.set_fill_style_str(c.muted);
    ctx.set_text_align("right");
    ctx.fill_text(
        tr(l, "explain.sweep.diverged"),
        r.l - 4.0,
        band_top + band.height / 2.0 + 2.0,
    )?;
    ctx.set_text_align("left");
    // f at the start.
    if let Some(f0) = loss.start {
        let y = yp(f0);
        ctx.set_stroke_style_str(c.fg);
        ctx.set_line_width(1.0);
        ctx.set_line_dash(&dash(&[4.0, 4.0]))?;
        ctx.begin_path();
        ctx.move_to(r.l, y);
        ctx.line_to(r.right(), y);
        ctx.stroke();
        ctx.set_line_dash(&dash(&[]))?;
        let label = tr(l, "explain.sweep.start");
        let tw = ctx.measure_text(label)?.width();
        ctx.set_fill_style_str(c.fg);
        ctx.fill_text(label, r.right() - tw - 4.0, y - 4.0)?;
    }
    for (row, s) in sweeps.iter().enumerate() {
        let col = palette(s.index);
        // The converging and growing runs, joined.
        ctx.begin_path();
        let mut pen = false;
        for p in &s.points {
            match (p.outcome, p.final_loss) {
                (Outcome::Diverged { .. }, _) | (_, None) => pen = false,
                (_, Some(v)) => {
                    let (x, y) = (xp(p.lr), yp(v));
                    if pen {
                        ctx.line_to(x, y);
                    } else {
                        ctx.move_to(x, y);
                    }
                    pen = true;
                }
            }
        }
        ctx.set_stroke_style_str(col);
        ctx.set_line_width(1.5);
        // The run's dash too, so runs 1 and 8 (both orange) stay apart.
        ctx.set_line_dash(&dash(crate::surface::mark(s.index).dash))?;
        ctx.stroke();
        ctx.set_line_dash(&dash(&[]))?;
        // Dots: filled when the loss did not grow, hollow when it grew; a
        // cross in the band when the run diverged. One path per kind of mark.
        let yrow = band.row_y(&r, row);
        let d = band.cross();
        let dots = |want: Outcome, rad: f64| -> Result<(), JsValue> {
            ctx.begin_path();
            for p in s.points.iter().filter(|p| p.outcome == want) {
                if let Some(v) = p.final_loss {
                    let (x, y) = (xp(p.lr), yp(v));
                    ctx.move_to(x + rad, y);
                    ctx.arc(x, y, rad, 0.0, std::f64::consts::TAU)?;
                }
            }
            Ok(())
        };
        dots(Outcome::Ok, 1.6)?;
        ctx.set_fill_style_str(col);
        ctx.fill();
        dots(Outcome::Grew, 2.4)?;
        ctx.set_fill_style_str(c.bg);
        ctx.fill();
        ctx.set_stroke_style_str(col);
        ctx.set_line_width(1.2);
        ctx.stroke();
        ctx.begin_path();
        for p in &s.points {
            if matches!(p.outcome, Outcome::Diverged { .. }) || p.final_loss.is_none() {
                let x = xp(p.lr);
                ctx.move_to(x - d, yrow - d);
                ctx.line_to(x + d, yrow + d);
                ctx.move_to(x + d, yrow - d);
                ctx.line_to(x - d, yrow + d);
            }
        }
        ctx.stroke();
        // The edge: a triangle on the η axis.
        if let Some(e) = s.edge {
            let x = xp(e.first_bad);
            let y = r.bottom();
            ctx.set_fill_style_str(col);
            ctx.begin_path();
            ctx.move_to(x, y - 9.0);
            ctx.line_to(x - 5.0, y);
            ctx.line_to(x + 5.0, y);
            ctx.close_path();
            ctx.fill();
        }
    }
    Ok(())
}
