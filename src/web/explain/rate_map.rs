//! The momentum map: its note, key and sentences, the picture (one pixel
//! per cell, cached per surface and form), the exact edge ρ = 1 and the
//! current (η, γ). The numbers are [`crate::sweep::rate_map`]'s and
//! [`crate::sweep::map_chart`]'s; a click is read back by [`point_at`].

use super::canvas::{axes, prepare, Colors, Ticks, Units};
use super::{coupling_words, dark, dpr, gap, kind_name, style, App};
use crate::format::sig3;
use crate::format::{fmt_num, tick_label};
use crate::optim::{Convention, OptKind};
use crate::surface::ticks;
use crate::sweep::map_chart::{map_plot, map_point, map_step, Reading, MAP_NX, MAP_NY};
use crate::sweep::{
    coupled_curvatures, edge_curve, has_minimum, map_target, momentum_rate, quadratic_curvatures,
    rate_map, Coupling, MomentumForm, RateMap,
};
use gradscape_core::chart::{Axis, Plot};
use gradscape_text::{tr, trf};
use wasm_bindgen::prelude::*;
use wasm_bindgen::{Clamped, JsCast};
use web_sys::{Element, HtmlCanvasElement, ImageData};

use super::super::dom::by_id;
use super::super::draw::context;

/// The momentum map of one quadratic, and its picture (one pixel per cell).
pub struct MapCache {
    curv: [f64; 2],
    form: MomentumForm,
    map: RateMap,
    /// The smallest ρ of the map: the colour scale runs from it to 1.
    fastest: f64,
    image: HtmlCanvasElement,
}

/// Where the map's plot area is on its canvas, for clicks: in the chart's
/// units, and how they sit on the canvas.
#[derive(Debug, Clone, Copy)]
pub struct MapGeom {
    plot: Plot,
    eta_max: f64,
    units: Units,
}

/// The (η, γ) under a click at (x, y) (CSS pixels) on the map's canvas, if
/// it is drawn.
pub fn point_at(app: &App, x: f64, y: f64) -> Option<(f64, f64)> {
    let g = app.explain.map_geom?;
    let (x, y) = g.units.point(x, y);
    map_point(&g.plot, g.eta_max, x, y)
}

/// The (η, γ) an arrow key moves the map's momentum run to ([`map_step`];
/// from the map's middle when there is none), if the map is drawn.
pub fn stepped(app: &App, dx: i32, dy: i32) -> Option<(f64, f64)> {
    let eta_max = app.explain.map.as_ref()?.map.eta_max;
    let now = crate::sweep::map_target(&app.scene)
        .map(|i| app.scene.optimizers[i].hyper)
        .map_or((f64::NAN, f64::NAN), |h| (h.lr, h.gamma));
    Some(map_step(now.0, now.1, eta_max, dx, dy))
}

/// The current point's rate, in words.
fn current_text(app: &App, eta: f64, gamma: f64, rho: f64, eta_max: f64) -> String {
    let l = app.lang;
    let (e, g) = (fmt_num(eta), fmt_num(gamma));
    let mut text = match Reading::of(rho) {
        Reading::Converges { rho, per_digit } => trf(
            l,
            "explain.map.current",
            &[&e, &g, &sig3(rho), &sig3(per_digit)],
        ),
        Reading::Instant => trf(l, "explain.map.current", &[&e, &g, "0", "1"]),
        Reading::Edge => trf(l, "explain.map.current_edge", &[&e, &g]),
        Reading::Diverges { rho } => trf(l, "explain.map.current_div", &[&e, &g, &sig3(rho)]),
    };
    if eta > eta_max {
        text.push_str(gap(l));
        text.push_str(&trf(l, "explain.map.off", &[&e]));
    }
    text
}

/// The map, its key and its sentences (the panel is open).
pub fn draw(app: &mut App) -> Result<(), JsValue> {
    let l = app.lang;
    let canvas: HtmlCanvasElement = by_id(&app.doc, "sweep-map")?;
    let note = app.root("sweep-map-note")?;
    let key = app.root("sweep-map-key")?;
    let current_p = app.root("sweep-map-current")?;
    let what = app.root("sweep-map-what")?;
    let conv_p = app.root("sweep-map-conv")?;
    let target = map_target(&app.scene);
    let spec = target.map(|i| app.scene.optimizers[i]);
    let form = MomentumForm::of(spec.as_ref());
    // The target's weight decay and dampening change the curvatures its
    // recurrence sees: the map (rates, edge, the current point) is its own.
    let curv =
        quadratic_curvatures(&app.scene.landscape).map(|c| coupled_curvatures(c, spec.as_ref()));
    // No map: another surface, or every curvature seen is 0 (a flat
    // quadratic, or τ = 1: nothing moves, at any η).
    let flat = curv.is_some_and(|c| c.iter().all(|&h| h == 0.0));
    let Some(curv) = curv.filter(|_| !flat) else {
        let why = if flat {
            "explain.map.still"
        } else {
            "explain.map.needs_quadratic"
        };
        note.set_text_content(Some(tr(l, why)));
        for e in [
            canvas.unchecked_ref::<Element>(),
            &key,
            &current_p,
            &what,
            &conv_p,
        ] {
            e.set_attribute("hidden", "")?;
        }
        canvas.set_attribute("data-ready", "true")?;
        canvas.set_attribute("data-map", "none")?;
        app.explain.map_geom = None;
        return Ok(());
    };
    for e in [canvas.unchecked_ref::<Element>(), &key, &current_p, &what] {
        e.remove_attribute("hidden")?;
    }
    if app.scene.convention == Convention::Pytorch {
        conv_p.remove_attribute("hidden")?;
    } else {
        conv_p.set_attribute("hidden", "")?;
    }
    let name = target.map(|i| format!("{} #{}", kind_name(l, OptKind::Momentum), i + 1));
    let mut note_text = match &name {
        Some(name) => trf(l, "explain.map.target", &[name]),
        None => tr(l, "explain.map.none").to_string(),
    };
    if !has_minimum(curv) {
        note_text = format!("{}{}{note_text}", tr(l, "explain.map.no_bowl"), gap(l));
    }
    note.set_text_content(Some(&gradscape_text::wrap::keep_together(&note_text)));
    let poly = tr(
        l,
        match form {
            MomentumForm::HeavyBall => "explain.map.poly.heavy",
            MomentumForm::Nesterov => "explain.map.poly.nesterov",
        },
    );
    let mut what_text = trf(l, "explain.map.what", &[poly]);
    if let (Some(name), Some(s)) = (&name, spec) {
        let c = Coupling::of(&s);
        if !c.is_plain() {
            what_text.push_str(&coupling_words(l, c));
            what_text.push_str(gap(l));
            what_text.push_str(&trf(
                l,
                "explain.map.coupled",
                &[name, &sig3(curv[0]), &sig3(curv[1])],
            ));
        }
    }
    // Its formulas stay whole on a line (中文 broke "γ" / "= 0 的一行").
    what.set_text_content(Some(&gradscape_text::wrap::keep_together(&what_text)));
    // The map's picture, cached per surface and form.
    let fresh = app
        .explain
        .map
        .as_ref()
        .is_some_and(|m| m.curv == curv && m.form == form);
    if !fresh {
        let Some(map) = rate_map(curv, form, MAP_NX, MAP_NY) else {
            app.explain.map = None;
            return Ok(());
        };
        let image = map_image(app, &map)?;
        app.explain.map = Some(MapCache {
            curv,
            form,
            fastest: map.fastest(),
            map,
            image,
        });
    }
    let Some(cache) = app.explain.map.as_ref() else {
        return Ok(());
    };
    let eta_max = cache.map.eta_max;
    app.root("map-key-fast")?.set_text_content(Some(&trf(
        l,
        "explain.map.fast",
        &[&sig3(cache.fastest)],
    )));
    match spec {
        Some(s) => {
            let (eta, gamma) = (s.hyper.lr, s.hyper.gamma);
            let rho = momentum_rate(form, eta, gamma, &curv);
            current_p.set_text_content(Some(&current_text(app, eta, gamma, rho, eta_max)));
            canvas.set_attribute("data-rate", &sig3(rho))?;
        }
        None => {
            current_p.set_text_content(None);
            canvas.set_attribute("data-rate", "")?;
        }
    }
    canvas.set_attribute("data-eta-max", &fmt_num(eta_max))?;
    canvas.set_attribute("data-form", form.name())?;
    canvas.set_attribute("data-map", "quadratic")?;
    let st = style(app);
    let Some((ctx, w, h)) = prepare(&canvas, dpr(app), &st)? else {
        return Ok(());
    };
    let c = Colors::new(dark(app));
    let r = map_plot(w, h);
    ctx.set_image_smoothing_enabled(false);
    ctx.draw_image_with_html_canvas_element_and_dw_and_dh(&cache.image, r.l, r.t, r.w, r.h)?;
    let (xa, ya) = (Axis::new(0.0, eta_max), Axis::new(0.0, 1.0));
    let xp = |eta: f64| r.x(xa, eta);
    let yp = |g: f64| r.y(ya, g);
    let xticks: Ticks = ticks(0.0, eta_max, ((r.w / 70.0) as usize).max(2))
        .into_iter()
        .map(|v| (xp(v), tick_label(v)))
        .collect();
    let yticks: Ticks = ticks(0.0, 1.0, 5)
        .into_iter()
        .map(|v| (yp(v), tick_label(v)))
        .collect();
    axes(
        &ctx,
        &c,
        &r,
        &xticks,
        &yticks,
        tr(l, "explain.map.x"),
        "",
        false,
    )?;
    // γ's label, turned along the axis.
    ctx.save();
    ctx.translate(12.0, r.t + r.h / 2.0)?;
    ctx.rotate(-std::f64::consts::FRAC_PI_2)?;
    ctx.set_text_align("center");
    ctx.set_fill_style_str(c.fg);
    ctx.fill_text(tr(l, "explain.map.y"), 0.0, 0.0)?;
    ctx.restore();
    // The edge ρ = 1, exact.
    if let Some(curve) = edge_curve(form, curv) {
        ctx.begin_path();
        for (k, &(eta, g)) in curve.iter().enumerate() {
            let (x, y) = (xp(eta).min(r.right()), yp(g));
            if k == 0 {
                ctx.move_to(x, y);
            } else {
                ctx.line_to(x, y);
            }
        }
        ctx.set_stroke_style_str("#7a1010");
        ctx.set_line_width(2.0);
        ctx.stroke();
    }
    // The current (η, γ): a ring (a triangle on the edge when off the map).
    if let Some(s) = spec {
        let (eta, g) = (s.hyper.lr, s.hyper.gamma);
        let y = yp(g);
        if eta <= eta_max {
            let x = xp(eta);
            for (col, rad, lw) in [("#ffffff", 7.0, 4.0), ("#111111", 7.0, 2.0)] {
                ctx.set_stroke_style_str(col);
                ctx.set_line_width(lw);
                ctx.begin_path();
                ctx.arc(x, y, rad, 0.0, std::f64::consts::TAU)?;
                ctx.stroke();
            }
        } else {
            let x = r.right();
            ctx.set_fill_style_str("#111111");
            ctx.begin_path();
            ctx.move_to(x, y);
            ctx.line_to(x - 10.0, y - 6.0);
            ctx.line_to(x - 10.0, y + 6.0);
            ctx.close_path();
            ctx.fill();
        }
    }
    let units = Units::of(&st);
    app.explain.map_geom = Some(MapGeom {
        plot: r,
        eta_max,
        units,
    });
    // The plot area in CSS pixels (where a test clicks).
    canvas.set_attribute("data-plot", &units.css(r).attr())?;
    canvas.set_attribute("data-ready", "true")
}

/// The map's picture on an off-screen canvas, one pixel per cell.
fn map_image(app: &App, map: &RateMap) -> Result<HtmlCanvasElement, JsValue> {
    let canvas: HtmlCanvasElement = app.doc.create_element("canvas")?.dyn_into()?;
    canvas.set_width(map.nx as u32);
    canvas.set_height(map.ny as u32);
    let rgba = map.rgba();
    let img =
        ImageData::new_with_u8_clamped_array_and_sh(Clamped(&rgba), map.nx as u32, map.ny as u32)?;
    context(&canvas)?.put_image_data(&img, 0.0, 0.0)?;
    Ok(canvas)
}
