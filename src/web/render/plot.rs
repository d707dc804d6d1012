//! The plot drawn from its kept pictures (the surface rendered again only
//! when it changed), the state panel's overlay, L-BFGS's trial points, the
//! quiz's marks and the loss chart; and all of them again with nothing kept.

use super::measure::measure;
use super::KEPT;
use crate::app::Msg;
use crate::web::dom::{dark, set_attr};
use crate::web::draw::{
    context, draw_loss, draw_plot_kept, forget_loss_charts, render_surface, trials, Curves, Frame,
    Style,
};
use crate::web::{dispatch, explain, schedule, start, state, timer, App};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::Element;

/// Redraw the plot (re-rendering the surface only if it changed), the
/// state panel and the loss chart.
pub(super) fn draw(app: &mut App) -> Result<(), JsValue> {
    let geom = measure(app)?;
    if geom.h != app.geom.h {
        app.plot
            .style()
            .set_property("height", &format!("{}px", geom.h))?;
    }
    app.geom = geom;
    // Layout feedback: the pointer maths needs the size drawn.
    crate::app::update(
        &mut app.model,
        Msg::Measured {
            w: geom.w,
            h: geom.h,
        },
    );
    let low = app.interacting;
    let style = Style::of(app.present, geom.w);
    let fresh = match &app.cache {
        Some(c) => c.matches(&app.scene.landscape, &geom, &style, low),
        None => false,
    };
    if !fresh {
        // The kept pictures hold the old surface.
        KEPT.with(|k| k.borrow_mut().forget());
        app.cache = Some(render_surface(
            &app.doc,
            &app.scene.landscape,
            &geom,
            &style,
            low,
        )?);
        if low {
            timer::later(&app.window, timer::Later::Settle, || dispatch(Msg::Settle))?;
        }
    }
    start::place_handle(app)?;
    let overlay = state::refresh(app)?;
    if let Some(cache) = &app.cache {
        let frame = Frame {
            geom,
            runs: &app.runs,
            diags: &app.diags,
            hidden: &app.hidden,
            t: app.t,
            start: app.scene.start,
            live: app.playing,
            style,
            replay: app.replay,
        };
        // L-BFGS's trial points of the step being taken, over everything.
        let sets = trials::trial_sets(&app.scene, &app.hidden, app.t);
        let quiz = app.quiz.as_ref().filter(|q| q.predicts());
        let reused = KEPT.with(|k| -> Result<u64, JsValue> {
            let mut kept = k.borrow_mut();
            // Drawn over the plot after it: the next frame is drawn whole.
            kept.plain = sets.is_empty() && quiz.is_none();
            draw_plot_kept(
                &app.plot,
                cache,
                &frame,
                overlay.as_ref(),
                &mut kept,
                app.interacting,
            )?;
            Ok(kept.reused)
        })?;
        set_attr(&app.plot, "data-kept", &reused.to_string())?;
        let ctx = context(&app.plot)?;
        trials::draw(&app.plot, &ctx, &geom, &style, &sets)?;
        if let Some(q) = quiz {
            crate::web::draw::quiz::draw(&ctx, &geom, &style, q, app.lang)?;
        }
    }
    let curves = Curves {
        runs: &app.runs,
        diags: &app.diags,
        hidden: &app.hidden,
        steps: app.scene.steps,
        dark: dark(&app.window),
        lang: app.lang,
    };
    // The loss chart keeps its curves below and above the plot's front run.
    let front = KEPT.with(|k| k.borrow().drawn_front());
    draw_loss(
        &app.loss, geom.dpr, app.replay, &curves, app.t, &style, front,
    )?;
    let v = geom.view;
    app.draws += 1;
    let plot: &Element = app.plot.unchecked_ref();
    set_attr(
        plot,
        "data-view",
        &format!("{},{},{},{}", v.x0, v.x1, v.y0, v.y1),
    )?;
    set_attr(plot, "data-t", &app.t.to_string())?;
    plot.set_attribute("data-draws", &app.draws.to_string())?;
    set_attr(plot, "data-ready", "true")
}

/// Draw the plot, the loss chart, the state panel's bias chart and the
/// sweep chart again with no kept picture (the surface, the same, stays):
/// the frame a test compares a kept one with.
pub fn redraw_exact(app: &mut App) -> Result<(), JsValue> {
    KEPT.with(|k| {
        let mut k = k.borrow_mut();
        k.forget();
        k.whole = true;
    });
    forget_loss_charts();
    state::forget_kept();
    state::forget_steppers(app);
    schedule::forget_drawn();
    schedule::draw_charts(app)?;
    let drawn = draw(app);
    KEPT.with(|k| k.borrow_mut().whole = false);
    drawn?;
    explain::redraw_exact(app)
}
