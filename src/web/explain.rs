//! The explainers under the loss chart: the exponential moving average
//! (the seed's 指数移动加权平均) and the sweeps ("where does it diverge?").
//! The numbers come from [`crate::ema`] and [`crate::sweep`]; this file only
//! builds the two `<details>` panels, draws their charts at device resolution
//! and wires them. Every word comes from the `explain` i18n table.
//!
//! Cost: the EMA charts are drawn when their panel is open. The η sweep (451
//! runs per optimizer) is computed only while its panel is open, debounced
//! ([`DEBOUNCE_MS`]) after the last scene change, and only when something
//! other than η changed — moving an η slider just moves the marker. The
//! momentum map is analytic (a quadratic's roots per cell) and redrawn at once.

use super::dom::{add, by_id, el, on};
use super::draw::context;
use super::{apply_param, panel, with_app, App};
use crate::ema;
use crate::optim::HyperKey;
use crate::optim::{fmt_num, OptKind, OptSpec};
use crate::params::round_sig;
use crate::scene::Scene;
use crate::surface::{colormap, palette, tick_label, ticks};
use crate::sweep::{
    lr_sweeps, momentum_rate, quadratic_curvatures, rate_map, LrSweep, MomentumForm, Outcome,
    RateMap,
};
use gradscape_text::Lang;
use gradscape_text::{tr, trf};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::{Clamped, JsCast};
use web_sys::{
    CanvasRenderingContext2d, Element, HtmlCanvasElement, HtmlElement, HtmlInputElement, ImageData,
    MouseEvent,
};

/// The EMA's γ when the link does not say (the seed's RMSProp/Adam β1 value).
pub const EMA_DEFAULT: f64 = 0.9;
/// The largest γ of the EMA slider (a window of 100 values).
pub const EMA_MAX: f64 = 0.99;
/// The lesson that opens the EMA panel.
pub const EMA_LESSON: usize = 5;
/// Samples of the EMA's noisy signal.
const EMA_SAMPLES: usize = 100;
/// Quiet time after the last scene change before the η sweep is recomputed.
pub const DEBOUNCE_MS: i32 = 200;
/// Cells of the momentum map.
const MAP_NX: usize = 160;
const MAP_NY: usize = 100;

/// Colours of the EMA chart's series.
const C_Y: &str = "#0072B2";
const C_HAT: &str = "#D55E00";
const C_CLEAN: &str = "#009E73";
const C_X: &str = "#8a8a96";
const C_DIVERGES: [u8; 3] = [0xf2, 0xb8, 0xb5];

/// The momentum map of one quadratic, and its picture (one pixel per cell).
struct MapCache {
    curv: [f64; 2],
    form: MomentumForm,
    map: RateMap,
    /// The smallest ρ of the map: the colour scale runs from it to 1.
    fastest: f64,
    image: HtmlCanvasElement,
}

/// Where the map's plot area is on its canvas (CSS pixels), for clicks.
#[derive(Debug, Clone, Copy, Default)]
struct MapGeom {
    left: f64,
    top: f64,
    w: f64,
    h: f64,
    eta_max: f64,
}

/// The explainers' state, kept in the [`App`].
pub struct State {
    /// Whether the page has the panels (`#explain`); nothing happens without.
    enabled: bool,
    /// The EMA panel's γ.
    pub ema_gamma: f64,
    sweeps: Vec<LrSweep>,
    /// The scene the sweeps were computed for, with every η set to 1.
    sweep_key: Option<Scene>,
    timer: Option<i32>,
    map: Option<MapCache>,
    map_geom: Option<MapGeom>,
    computed: u64,
}

impl Default for State {
    fn default() -> Self {
        State {
            enabled: false,
            ema_gamma: EMA_DEFAULT,
            sweeps: vec![],
            sweep_key: None,
            timer: None,
            map: None,
            map_geom: None,
            computed: 0,
        }
    }
}

thread_local! {
    static TIMER: RefCell<Option<Closure<dyn FnMut()>>> = const { RefCell::new(None) };
}

/// The scene as the η sweep sees it: η does not matter (it is swept), nor
/// does the window.
fn sweep_key(scene: &Scene) -> Scene {
    let mut s = scene.clone();
    s.view = None;
    for o in &mut s.optimizers {
        o.hyper.lr = 1.0;
    }
    s
}

fn is_open(app: &App, id: &str) -> bool {
    app.doc
        .get_element_by_id(id)
        .is_some_and(|d| d.has_attribute("open"))
}

fn dark(app: &App) -> bool {
    app.window
        .match_media("(prefers-color-scheme: dark)")
        .ok()
        .flatten()
        .is_some_and(|m| m.matches())
}

fn dpr(app: &App) -> f64 {
    app.window.device_pixel_ratio().clamp(0.5, 4.0)
}

/// The name of an optimizer kind in the page's language.
fn kind_name(lang: Lang, kind: OptKind) -> &'static str {
    match kind {
        OptKind::Gd => tr(lang, "explain.kind.gd"),
        OptKind::Momentum => tr(lang, "explain.kind.momentum"),
        k => k.title(),
    }
}

/// The first momentum optimizer of the scene: the one the map sets.
fn first_momentum(scene: &Scene) -> Option<usize> {
    scene
        .optimizers
        .iter()
        .position(|o| o.kind == OptKind::Momentum)
}

fn form_of(spec: Option<&OptSpec>) -> MomentumForm {
    match spec {
        Some(s) if s.hyper.nesterov => MomentumForm::Nesterov,
        _ => MomentumForm::HeavyBall,
    }
}

/// Between two sentences: a space in English, nothing after a Chinese 。
fn gap(lang: Lang) -> &'static str {
    match lang {
        Lang::En => " ",
        Lang::Zh => "",
    }
}

/// A number for the page: 3 significant digits, never NaN or infinite.
fn num(v: f64) -> String {
    if v.is_finite() {
        fmt_num(round_sig(v, 3))
    } else {
        "—".into()
    }
}

// ---------------------------------------------------------------- building

/// Append a new `<tag id class>` (class may be empty) to `parent`.
fn child(parent: &Element, tag: &str, id: &str, class: &str) -> Result<Element, JsValue> {
    let doc = parent.owner_document().ok_or("no document")?;
    let mut attrs = vec![];
    if !id.is_empty() {
        attrs.push(("id", id));
    }
    if !class.is_empty() {
        attrs.push(("class", class));
    }
    let e = el(&doc, tag, &attrs, None)?;
    add(parent, &e)?;
    Ok(e)
}

/// Build both panels inside `#explain` (once, at start), take `ema=` from the
/// link and wire the controls. Their words are set by [`render_text`].
pub fn build(app: &mut App) -> Result<(), JsValue> {
    let doc = app.doc.clone();
    let Some(root) = doc.get_element_by_id("explain") else {
        return Ok(());
    };
    app.explain.enabled = true;
    root.set_text_content(None);

    // The EMA panel: formula, γ slider, signal chart and legend, weights chart.
    let ema = child(&root, "details", "ema-panel", "explain")?;
    child(&ema, "summary", "ema-title", "")?;
    child(&ema, "p", "ema-formula", "explain-text")?;
    let row = child(&ema, "div", "", "row wrap explain-control")?;
    let label = child(&row, "label", "ema-gamma-label", "")?;
    label.set_attribute("for", "ema-gamma")?;
    label.set_text_content(Some("γ"));
    let slider = child(&row, "input", "ema-gamma", "")?;
    for (k, v) in [
        ("type", "range"),
        ("min", "0"),
        ("max", "0.99"),
        ("step", "0.01"),
    ] {
        slider.set_attribute(k, v)?;
    }
    child(&row, "output", "ema-readout", "")?.set_attribute("for", "ema-gamma")?;
    child(&ema, "canvas", "ema-signal", "explain-chart")?.set_attribute("role", "img")?;
    child(&ema, "ul", "ema-legend", "explain-legend")?;
    child(&ema, "p", "ema-bias", "explain-text")?;
    child(&ema, "canvas", "ema-weights", "explain-chart short")?.set_attribute("role", "img")?;
    child(&ema, "p", "ema-weights-text", "explain-text")?;

    // The sweeps: the η chart and its edges, the momentum map and its key.
    let sw = child(&root, "details", "sweep-panel", "explain")?;
    child(&sw, "summary", "sweep-title", "")?;
    child(&sw, "h4", "sweep-lr-title", "")?;
    child(&sw, "canvas", "sweep-lr", "explain-chart tall")?.set_attribute("role", "img")?;
    child(&sw, "p", "sweep-criterion", "explain-text hint")?;
    child(&sw, "ul", "sweep-edges", "explain-edges")?;
    child(&sw, "h4", "sweep-map-title", "")?;
    child(&sw, "p", "sweep-map-note", "explain-text")?.set_attribute("role", "status")?;
    let map = child(&sw, "canvas", "sweep-map", "explain-chart map")?;
    map.set_attribute("role", "img")?;
    let key = child(&sw, "div", "sweep-map-key", "map-key")?;
    child(&key, "span", "map-key-fast", "")?;
    let bar = child(&key, "span", "", "map-key-bar")?;
    let stops: Vec<String> = (0..=8)
        .map(|k| {
            let [r, g, b] = colormap(k as f64 / 8.0);
            format!("rgb({r},{g},{b})")
        })
        .collect();
    // Colours through the CSSOM: the page's CSP refuses inline style.
    bar.unchecked_ref::<HtmlElement>().style().set_property(
        "background",
        &format!("linear-gradient(to right, {})", stops.join(", ")),
    )?;
    child(&key, "span", "map-key-slow", "")?;
    let [r, g, b] = C_DIVERGES;
    child(&key, "span", "", "map-key-red")?
        .unchecked_ref::<HtmlElement>()
        .style()
        .set_property("background", &format!("rgb({r},{g},{b})"))?;
    child(&key, "span", "map-key-div", "")?;
    child(&sw, "p", "sweep-map-current", "explain-text")?;
    child(&sw, "p", "sweep-map-what", "explain-text hint")?;
    child(&sw, "p", "sweep-map-conv", "explain-text hint")?;

    // γ from the link (`ema=0.95`); a bad value is named in the notice.
    let search = app.window.location().search().unwrap_or_default();
    for pair in search.trim_start_matches('?').split('&') {
        let Some(v) = pair.strip_prefix("ema=") else {
            continue;
        };
        match v.parse::<f64>() {
            // The slider's grain: 0.01.
            Ok(g) if (0.0..=EMA_MAX).contains(&g) => {
                app.explain.ema_gamma = (g * 100.0).round() / 100.0
            }
            _ => {
                let shown: String = v.chars().take(40).collect();
                let list = app.root("notice-list")?;
                add(
                    &list,
                    &el(
                        &doc,
                        "li",
                        &[],
                        Some(&trf(app.lang, "explain.ema.bad_link", &[&shown])),
                    )?,
                )?;
                by_id::<HtmlElement>(&doc, "notice")?.set_hidden(false);
            }
        }
    }
    by_id::<HtmlInputElement>(&doc, "ema-gamma")?.set_value(&app.explain.ema_gamma.to_string());

    wire(app)?;
    lesson_loaded(app)?;
    render_text(app)
}

fn wire(app: &App) -> Result<(), JsValue> {
    let doc = &app.doc;
    let slider: HtmlInputElement = by_id(doc, "ema-gamma")?;
    on(&slider.clone(), "input", move |_: web_sys::Event| {
        let v = slider.value_as_number();
        if !v.is_finite() {
            return;
        }
        let g = ((v * 100.0).round() / 100.0).clamp(0.0, EMA_MAX);
        with_app(|app| {
            app.explain.ema_gamma = g;
            draw_ema(app)?;
            app.sync_url()
        });
    })?;
    for id in ["ema-panel", "sweep-panel"] {
        let d: Element = by_id(doc, id)?;
        on(&d, "toggle", move |_: web_sys::Event| {
            with_app(|app| {
                if id == "ema-panel" {
                    draw_ema(app)
                } else {
                    refresh_sweeps(app, true)
                }
            });
        })?;
    }
    let map: HtmlCanvasElement = by_id(doc, "sweep-map")?;
    on(&map.clone(), "click", move |e: MouseEvent| {
        let r = map.get_bounding_client_rect();
        let (x, y) = (
            e.client_x() as f64 - r.left(),
            e.client_y() as f64 - r.top(),
        );
        with_app(|app| click_map(app, x, y));
    })?;
    on(&app.window, "resize", |_: web_sys::Event| {
        with_app(|app| {
            draw_ema(app)?;
            draw_sweeps(app)
        });
    })?;
    Ok(())
}

/// Open the EMA panel when the lesson on the EMA is loaded.
pub fn lesson_loaded(app: &mut App) -> Result<(), JsValue> {
    if !app.explain.enabled {
        return Ok(());
    }
    if app.lesson == Some(EMA_LESSON) {
        app.root("ema-panel")?.set_attribute("open", "")?;
        draw_ema(app)?;
    }
    Ok(())
}

/// The explainers' part of the link: `&ema=γ` unless γ is the default.
pub fn url_part(app: &App) -> String {
    let g = app.explain.ema_gamma;
    if g == EMA_DEFAULT {
        String::new()
    } else {
        format!("&ema={g}")
    }
}

/// Every word of both panels in the page's language, then the charts.
pub fn render_text(app: &mut App) -> Result<(), JsValue> {
    if !app.explain.enabled {
        return Ok(());
    }
    let l = app.lang;
    let set = |id: &str, key: &str| -> Result<(), JsValue> {
        app.root(id)?.set_text_content(Some(tr(l, key)));
        Ok(())
    };
    set("ema-title", "explain.ema.title")?;
    set("ema-formula", "explain.ema.formula")?;
    set("sweep-title", "explain.sweep.title")?;
    set("sweep-lr-title", "explain.sweep.lr_title")?;
    set("sweep-criterion", "explain.sweep.criterion")?;
    set("sweep-map-title", "explain.map.title")?;
    set("map-key-slow", "explain.map.slow")?;
    set("map-key-div", "explain.map.diverges")?;
    set("sweep-map-conv", "explain.map.pytorch")?;
    let attr = |id: &str, name: &str, key: &str| -> Result<(), JsValue> {
        app.root(id)?.set_attribute(name, tr(l, key))
    };
    attr("ema-gamma", "aria-label", "explain.ema.gamma")?;
    attr("ema-gamma-label", "title", "explain.ema.gamma")?;
    attr("ema-signal", "aria-label", "explain.ema.signal_aria")?;
    attr("ema-weights", "aria-label", "explain.ema.weights_aria")?;
    attr("sweep-lr", "aria-label", "explain.sweep.lr_aria")?;
    attr("sweep-map", "aria-label", "explain.map.aria")?;
    for id in ["ema-panel", "sweep-panel"] {
        app.root(id)?.set_attribute("lang", l.code())?;
    }
    let legend = app.root("ema-legend")?;
    legend.set_text_content(None);
    for (color, key, class) in [
        (C_X, "explain.ema.x", "dot"),
        (C_CLEAN, "explain.ema.clean", "dash"),
        (C_Y, "explain.ema.y", "line"),
        (C_HAT, "explain.ema.hat", "line"),
    ] {
        let li = el(&app.doc, "li", &[], None)?;
        let sw = el(
            &app.doc,
            "span",
            &[("class", &format!("swatch {class}"))],
            None,
        )?;
        sw.unchecked_ref::<HtmlElement>()
            .style()
            .set_property("background", color)?;
        add(&li, &sw)?;
        add(&li, &el(&app.doc, "span", &[], Some(tr(l, key)))?)?;
        add(&legend, &li)?;
    }
    draw_ema(app)?;
    refresh_sweeps(app, true)
}

// --------------------------------------------------------------- the EMA

/// The EMA panel's readout, sentences and both charts (when open).
fn draw_ema(app: &App) -> Result<(), JsValue> {
    let l = app.lang;
    let g = app.explain.ema_gamma;
    let window = ema::window(g);
    let wtext = num(window);
    app.root("ema-readout")?.set_text_content(Some(&trf(
        l,
        "explain.ema.readout",
        &[&fmt_num(g), &wtext],
    )));
    let share = (1.0 - g.powf(window)) * 100.0;
    app.root("ema-weights-text")?.set_text_content(Some(&trf(
        l,
        "explain.ema.weights_text",
        &[&wtext, &format!("{}", share.round())],
    )));
    app.root("ema-bias")?.set_text_content(Some(&trf(
        l,
        "explain.ema.bias_text",
        &[&num(1.0 - g)],
    )));
    let weights: HtmlCanvasElement = by_id(&app.doc, "ema-weights")?;
    weights.set_attribute("data-gamma", &fmt_num(g))?;
    weights.set_attribute("data-window", &wtext)?;
    if !is_open(app, "ema-panel") {
        return Ok(());
    }
    let c = Colors::new(dark(app));
    let signal: HtmlCanvasElement = by_id(&app.doc, "ema-signal")?;
    if let Some((ctx, w, h)) = prepare(&signal, dpr(app))? {
        draw_signal(&ctx, &c, l, g, w, h)?;
        signal.set_attribute("data-ready", "true")?;
    }
    if let Some((ctx, w, h)) = prepare(&weights, dpr(app))? {
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
    let (clean, xs) = ema::demo_signal(EMA_SAMPLES);
    let ys = ema::ema(&xs, g);
    let hat = ema::corrected(&ys, g);
    let all = xs.iter().chain(&ys).chain(&hat).chain(&clean);
    let (mut lo, mut hi) = (0.0f64, 0.0f64);
    for &v in all {
        lo = lo.min(v);
        hi = hi.max(v);
    }
    let yt = ticks(lo, hi, 4);
    let lo = yt.first().copied().unwrap_or(lo).min(lo);
    let hi = yt.last().copied().unwrap_or(hi).max(hi);
    let r = Rect::new(w, h, 36.0, 10.0, 10.0, 32.0);
    let n = EMA_SAMPLES as f64;
    let xp = |t: f64| r.l + t / n * r.w;
    let yp = |v: f64| r.t + (hi - v) / (hi - lo) * r.h;
    let xticks: Vec<(f64, String)> = ticks(0.0, n, ((r.w / 70.0) as usize).max(2))
        .into_iter()
        .map(|t| (xp(t), tick_label(t)))
        .collect();
    let yticks: Vec<(f64, String)> = yt.iter().map(|&v| (yp(v), tick_label(v))).collect();
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
        (1..=EMA_SAMPLES).map(|t| (xp(t as f64), yp(clean[t - 1]))),
        C_CLEAN,
        1.5,
    );
    ctx.set_line_dash(&dash(&[]))?;
    // The noisy samples.
    ctx.set_fill_style_str(C_X);
    for (i, &x) in xs.iter().enumerate() {
        ctx.begin_path();
        ctx.arc(xp((i + 1) as f64), yp(x), 2.0, 0.0, std::f64::consts::TAU)?;
        ctx.fill();
    }
    // y from y₀ = 0 at t = 0, and ŷ from t = 1.
    let ypts = std::iter::once((xp(0.0), yp(0.0))).chain(
        ys.iter()
            .enumerate()
            .map(|(i, &y)| (xp((i + 1) as f64), yp(y))),
    );
    line(ctx, ypts, C_Y, 2.2);
    line(
        ctx,
        hat.iter()
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
    let window = ema::window(g);
    // Three windows of lags (1/(1−γ) is 10.000000000000002 for γ = 0.9).
    let k_max = ((3.0 * window - 1e-9).ceil() as usize).clamp(12, 300);
    let ws = ema::weights(g, k_max);
    let top_w = ws.first().copied().unwrap_or(1.0).max(1e-12);
    let yt = ticks(0.0, top_w, 3);
    let hi = yt.last().copied().unwrap_or(top_w).max(top_w * 1.08);
    let r = Rect::new(w, h, 44.0, 10.0, 22.0, 32.0);
    let xp = |k: f64| r.l + (k + 0.5) / k_max as f64 * r.w;
    let yp = |v: f64| r.t + (hi - v) / hi * r.h;
    let xticks: Vec<(f64, String)> = ticks(0.0, (k_max - 1) as f64, ((r.w / 60.0) as usize).max(2))
        .into_iter()
        .map(|t| (xp(t), tick_label(t)))
        .collect();
    let yticks: Vec<(f64, String)> = yt.iter().map(|&v| (yp(v), tick_label(v))).collect();
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
    let bw = (r.w / k_max as f64 * 0.8).max(0.6);
    for (k, &wk) in ws.iter().enumerate() {
        let inside = (k as f64) < window - 1e-9;
        ctx.set_fill_style_str(if inside { C_Y } else { "rgba(0,114,178,0.35)" });
        let (x, y) = (xp(k as f64), yp(wk));
        ctx.fill_rect(x - bw / 2.0, y, bw, r.t + r.h - y);
    }
    // The window: the last 1/(1−γ) values are k = 0 … 1/(1−γ) − 1.
    let xw = xp(window - 1.0) + (xp(1.0) - xp(0.0)) / 2.0;
    ctx.set_stroke_style_str(C_HAT);
    ctx.set_line_width(2.0);
    ctx.set_line_dash(&dash(&[6.0, 4.0]))?;
    ctx.begin_path();
    ctx.move_to(xw, r.t - 6.0);
    ctx.line_to(xw, r.t + r.h);
    ctx.stroke();
    ctx.set_line_dash(&dash(&[]))?;
    let label = trf(l, "explain.ema.window_mark", &[&num(window)]);
    let tw = ctx.measure_text(&label)?.width();
    let lx = if xw + 6.0 + tw > r.l + r.w {
        xw - 6.0 - tw
    } else {
        xw + 6.0
    };
    ctx.set_fill_style_str(C_HAT);
    ctx.fill_text(&label, lx, r.t + 6.0)?;
    Ok(())
}

// ------------------------------------------------------------- the sweeps

/// After a scene change (or when the panel opens): redraw what is cheap at
/// once, recompute the η sweep later when something besides η changed.
pub fn scene_changed(app: &mut App) -> Result<(), JsValue> {
    if !app.explain.enabled {
        return Ok(());
    }
    refresh_sweeps(app, false)
}

fn refresh_sweeps(app: &mut App, now: bool) -> Result<(), JsValue> {
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
    draw_sweeps(app)
}

fn schedule(app: &mut App) -> Result<(), JsValue> {
    if let Some(h) = app.explain.timer.take() {
        app.window.clear_timeout_with_handle(h);
    }
    let handle = TIMER.with(|slot| -> Result<i32, JsValue> {
        if slot.borrow().is_none() {
            *slot.borrow_mut() = Some(Closure::<dyn FnMut()>::new(|| {
                with_app(|app| {
                    app.explain.timer = None;
                    if is_open(app, "sweep-panel") {
                        compute(app)?;
                        draw_sweeps(app)?;
                    }
                    Ok(())
                })
            }));
        }
        let slot = slot.borrow();
        let cb = slot.as_ref().ok_or("no timer")?;
        app.window
            .set_timeout_with_callback_and_timeout_and_arguments_0(
                cb.as_ref().unchecked_ref(),
                DEBOUNCE_MS,
            )
    })?;
    app.explain.timer = Some(handle);
    Ok(())
}

fn compute(app: &mut App) -> Result<(), JsValue> {
    if let Some(h) = app.explain.timer.take() {
        app.window.clear_timeout_with_handle(h);
    }
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
fn draw_sweeps(app: &mut App) -> Result<(), JsValue> {
    if !is_open(app, "sweep-panel") {
        return Ok(());
    }
    draw_lr(app)?;
    draw_map(app)
}

fn draw_lr(app: &App) -> Result<(), JsValue> {
    let l = app.lang;
    let sweeps = &app.explain.sweeps;
    // The edge of every optimizer, in words (and in attributes for tests).
    let list = app.root("sweep-edges")?;
    list.set_text_content(None);
    if sweeps.is_empty() {
        add(
            &list,
            &el(&app.doc, "li", &[], Some(tr(l, "explain.sweep.none")))?,
        )?;
    }
    for s in sweeps {
        let name = kind_name(l, s.spec.kind);
        let mut text = match (s.initial_loss, s.edge) {
            (None, _) => trf(l, "explain.edge.undefined", &[name]),
            (_, None) => trf(l, "explain.edge.never", &[name, "10"]),
            (_, Some(e)) => match e.last_ok {
                None => trf(l, "explain.edge.all", &[name, &fmt_num(e.first_bad)]),
                Some(ok) => trf(
                    l,
                    "explain.edge.at",
                    &[name, &fmt_num(e.first_bad), &fmt_num(ok)],
                ),
            },
        };
        if let Some(b) = s.theory {
            let key = match s.spec.kind {
                OptKind::Gd => "explain.theory.gd",
                _ if s.spec.hyper.nesterov => "explain.theory.nesterov",
                _ => "explain.theory.momentum",
            };
            text.push_str(gap(l));
            text.push_str(&trf(l, key, &[&num(b)]));
        }
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
        add(&li, &el(&app.doc, "span", &[], Some(&text))?)?;
        add(&list, &li)?;
    }
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
    let canvas: HtmlCanvasElement = by_id(&app.doc, "sweep-lr")?;
    let Some((ctx, w, h)) = prepare(&canvas, dpr(app))? else {
        return Ok(());
    };
    let c = Colors::new(dark(app));
    // Current η of each optimizer of the scene (the scene may have changed
    // since the sweep: the markers follow the scene at once).
    let current: Vec<f64> = app.scene.optimizers.iter().map(|o| o.hyper.lr).collect();
    draw_lr_chart(&ctx, &c, l, sweeps, &current, w, h)?;
    canvas.set_attribute("data-ready", "true")
}

#[allow(clippy::too_many_arguments)]
fn draw_lr_chart(
    ctx: &CanvasRenderingContext2d,
    c: &Colors,
    l: Lang,
    sweeps: &[LrSweep],
    current: &[f64],
    w: f64,
    h: f64,
) -> Result<(), JsValue> {
    let rows = sweeps.len().max(1);
    let row_h = (40.0 / rows as f64).clamp(3.0, 10.0);
    let band = row_h * rows as f64 + 6.0;
    let r = Rect::new(w, h, 52.0, 10.0, 10.0 + band, 32.0);
    let (x_lo, x_hi) = (-4.0, 1.0);
    let xp = |lr: f64| r.l + (lr.log10() - x_lo) / (x_hi - x_lo) * r.w;
    // The loss axis: every finite final loss and f at the start.
    let mut vals: Vec<f64> = vec![];
    for s in sweeps {
        vals.extend(s.initial_loss);
        for p in &s.points {
            if !matches!(p.outcome, Outcome::Diverged { .. }) {
                vals.extend(p.final_loss.filter(|v| v.is_finite()));
            }
        }
    }
    let (mut lo, mut hi) = vals
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &v| {
            (a.min(v), b.max(v))
        });
    let log = lo > 0.0 && lo.is_finite();
    let f0 = sweeps.iter().find_map(|s| s.initial_loss);
    let tf = |v: f64| if log { v.log10() } else { v };
    if !lo.is_finite() {
        (lo, hi) = (0.0, 1.0);
    } else {
        (lo, hi) = (tf(lo), tf(hi));
        if log {
            // Far above the start is "grew a lot": clip at 10⁸ × f(start).
            if let Some(f0) = f0.filter(|v| *v > 0.0) {
                hi = hi.min(f0.log10() + 8.0);
            }
            lo = lo.max(hi - 16.0).floor();
            hi = hi.ceil();
        }
    }
    if hi - lo < 1e-12 {
        lo -= 1.0;
        hi += 1.0;
    }
    let yp = |v: f64| r.t + (hi - tf(v).clamp(lo, hi)) / (hi - lo) * r.h;
    let xticks: Vec<(f64, String)> = (-4..=1)
        .map(|k| {
            let v = 10f64.powi(k);
            (xp(v), tick_label(v))
        })
        .collect();
    let yticks: Vec<(f64, String)> = if log {
        let span = (hi - lo) as usize;
        let every = (span / 4).max(1);
        (0..=span)
            .step_by(every)
            .map(|k| {
                let e = lo + k as f64;
                (r.t + (hi - e) / (hi - lo) * r.h, format!("1e{}", e as i64))
            })
            .collect()
    } else {
        ticks(lo, hi, 4)
            .into_iter()
            .map(|v| (r.t + (hi - v) / (hi - lo) * r.h, tick_label(v)))
            .collect()
    };
    let ylabel = tr(
        l,
        if log {
            "explain.sweep.y_log"
        } else {
            "explain.sweep.y_lin"
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
    let band_top = r.t - band;
    ctx.set_fill_style_str(c.band);
    ctx.fill_rect(r.l, band_top, r.w, band - 4.0);
    ctx.set_fill_style_str(c.muted);
    ctx.set_text_align("right");
    ctx.fill_text(
        tr(l, "explain.sweep.diverged"),
        r.l - 4.0,
        band_top + band / 2.0 + 2.0,
    )?;
    ctx.set_text_align("left");
    // f at the start.
    if let Some(f0) = f0 {
        let y = yp(f0);
        ctx.set_stroke_style_str(c.fg);
        ctx.set_line_width(1.0);
        ctx.set_line_dash(&dash(&[4.0, 4.0]))?;
        ctx.begin_path();
        ctx.move_to(r.l, y);
        ctx.line_to(r.l + r.w, y);
        ctx.stroke();
        ctx.set_line_dash(&dash(&[]))?;
        let label = tr(l, "explain.sweep.start");
        let tw = ctx.measure_text(label)?.width();
        ctx.set_fill_style_str(c.fg);
        ctx.fill_text(label, r.l + r.w - tw - 4.0, y - 4.0)?;
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
        ctx.stroke();
        // Dots: filled when the loss did not grow, hollow when it grew; a
        // cross in the band when the run diverged. One path per kind of mark.
        let yrow = band_top + (row as f64 + 0.5) * row_h + 1.0;
        let d = (row_h * 0.4).clamp(1.2, 3.0);
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
            let y = r.t + r.h;
            ctx.set_fill_style_str(col);
            ctx.begin_path();
            ctx.move_to(x, y - 9.0);
            ctx.line_to(x - 5.0, y);
            ctx.line_to(x + 5.0, y);
            ctx.close_path();
            ctx.fill();
        }
        // The current η.
        if let Some(&lr) = current.get(s.index) {
            if (1e-4..=10.0).contains(&lr) {
                let x = xp(lr);
                ctx.set_stroke_style_str(col);
                ctx.set_line_width(1.5);
                ctx.set_line_dash(&dash(&[5.0, 3.0]))?;
                ctx.begin_path();
                ctx.move_to(x, band_top);
                ctx.line_to(x, r.t + r.h);
                ctx.stroke();
                ctx.set_line_dash(&dash(&[]))?;
            }
        }
    }
    Ok(())
}

/// The map's (η, γ) under a click, rounded to its resolution: η to 3
/// significant digits, γ to 0.001 (the γ slider's step), in [0, 0.999].
fn map_point(g: &MapGeom, x: f64, y: f64) -> Option<(f64, f64)> {
    if g.w <= 0.0 || g.h <= 0.0 {
        return None;
    }
    let fx = ((x - g.left) / g.w).clamp(0.0, 1.0);
    let fy = ((g.top + g.h - y) / g.h).clamp(0.0, 1.0);
    let eta = round_sig((fx * g.eta_max).max(g.eta_max / g.w), 3);
    let gamma = ((fy * 1000.0).round() / 1000.0).clamp(0.0, 0.999);
    Some((eta, gamma))
}

fn click_map(app: &mut App, x: f64, y: f64) -> Result<(), JsValue> {
    let Some(geom) = app.explain.map_geom else {
        return Ok(());
    };
    let Some((eta, gamma)) = map_point(&geom, x, y) else {
        return Ok(());
    };
    match first_momentum(&app.scene) {
        Some(i) => {
            // The cards' own path: validate, set, sync the card's slider,
            // number field and output, replay, redraw, rewrite the URL.
            let mut trial = app.scene.clone();
            let ok = apply_param(&mut trial, i, HyperKey::Lr, eta, app.lang)
                .and_then(|_| apply_param(&mut trial, i, HyperKey::Gamma, gamma, app.lang));
            if let Err(m) = ok {
                return panel::set_card_error(&app.root("optimizers")?, i, &m);
            }
            app.scene.optimizers[i] = trial.optimizers[i];
            panel::sync_card(&app.root("optimizers")?, i, &app.scene.optimizers[i], None)?;
            app.refresh_runs()
        }
        None if app.scene.optimizers.len() >= 16 => {
            app.root("sweep-map-note")?
                .set_text_content(Some(tr(app.lang, "explain.map.full")));
            Ok(())
        }
        None => {
            let mut spec = OptSpec::new(OptKind::Momentum, app.scene.convention);
            spec.hyper.lr = eta;
            spec.hyper.gamma = gamma;
            app.scene.optimizers.push(spec);
            app.refresh_all()
        }
    }
}

fn draw_map(app: &mut App) -> Result<(), JsValue> {
    let l = app.lang;
    let canvas: HtmlCanvasElement = by_id(&app.doc, "sweep-map")?;
    let note = app.root("sweep-map-note")?;
    let key = app.root("sweep-map-key")?;
    let current_p = app.root("sweep-map-current")?;
    let what = app.root("sweep-map-what")?;
    let conv_p = app.root("sweep-map-conv")?;
    let target = first_momentum(&app.scene);
    let spec = target.map(|i| app.scene.optimizers[i]);
    let form = form_of(spec.as_ref());
    let Some(curv) = quadratic_curvatures(&app.scene.landscape) else {
        note.set_text_content(Some(tr(l, "explain.map.needs_quadratic")));
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
    if app.scene.convention == crate::optim::Convention::Pytorch {
        conv_p.remove_attribute("hidden")?;
    } else {
        conv_p.set_attribute("hidden", "")?;
    }
    let mut note_text = match (target, spec) {
        (Some(i), Some(_)) => {
            let name = format!("{} #{}", kind_name(l, OptKind::Momentum), i + 1);
            trf(l, "explain.map.target", &[&name])
        }
        _ => tr(l, "explain.map.none").to_string(),
    };
    if curv[0] <= 0.0 || curv[1] <= 0.0 {
        note_text = format!("{}{}{note_text}", tr(l, "explain.map.no_bowl"), gap(l));
    }
    note.set_text_content(Some(&note_text));
    let poly = tr(
        l,
        match form {
            MomentumForm::HeavyBall => "explain.map.poly.heavy",
            MomentumForm::Nesterov => "explain.map.poly.nesterov",
        },
    );
    what.set_text_content(Some(&trf(l, "explain.map.what", &[poly])));
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
        let fastest = map.rates.iter().copied().fold(1.0, f64::min);
        let image = map_image(app, &map, fastest)?;
        app.explain.map = Some(MapCache {
            curv,
            form,
            map,
            fastest,
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
        &[&num(cache.fastest)],
    )));
    // The current point's rate, in words.
    match spec {
        Some(s) => {
            let (eta, gamma) = (s.hyper.lr, s.hyper.gamma);
            let rho = momentum_rate(form, eta, gamma, &curv);
            let mut text = if rho < 1.0 && rho > 0.0 {
                let per_digit = -1.0 / rho.log10();
                trf(
                    l,
                    "explain.map.current",
                    &[&fmt_num(eta), &fmt_num(gamma), &num(rho), &num(per_digit)],
                )
            } else if rho < 1.0 {
                trf(
                    l,
                    "explain.map.current",
                    &[&fmt_num(eta), &fmt_num(gamma), "0", "1"],
                )
            } else {
                trf(
                    l,
                    "explain.map.current_div",
                    &[&fmt_num(eta), &fmt_num(gamma), &num(rho)],
                )
            };
            if eta > eta_max {
                text.push_str(gap(l));
                text.push_str(&trf(l, "explain.map.off", &[&fmt_num(eta)]));
            }
            current_p.set_text_content(Some(&text));
            canvas.set_attribute("data-rate", &num(rho))?;
        }
        None => {
            current_p.set_text_content(None);
            canvas.set_attribute("data-rate", "")?;
        }
    }
    canvas.set_attribute("data-eta-max", &fmt_num(eta_max))?;
    canvas.set_attribute(
        "data-form",
        match form {
            MomentumForm::HeavyBall => "heavy-ball",
            MomentumForm::Nesterov => "nesterov",
        },
    )?;
    canvas.set_attribute("data-map", "quadratic")?;
    let Some((ctx, w, h)) = prepare(&canvas, dpr(app))? else {
        return Ok(());
    };
    let c = Colors::new(dark(app));
    let r = Rect::new(w, h, 48.0, 12.0, 10.0, 34.0);
    ctx.set_image_smoothing_enabled(false);
    ctx.draw_image_with_html_canvas_element_and_dw_and_dh(&cache.image, r.l, r.t, r.w, r.h)?;
    let xp = |eta: f64| r.l + eta / eta_max * r.w;
    let yp = |g: f64| r.t + (1.0 - g) * r.h;
    let xticks: Vec<(f64, String)> = ticks(0.0, eta_max, ((r.w / 70.0) as usize).max(2))
        .into_iter()
        .map(|v| (xp(v), tick_label(v)))
        .collect();
    let yticks: Vec<(f64, String)> = ticks(0.0, 1.0, 5)
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
    // The edge ρ = 1, exact: η = 2(1 + γ)/L (heavy ball) or 2(1 + γ)/((1 + 2γ)L).
    let lmax = curv[0].max(curv[1]);
    if curv[0] > 0.0 && curv[1] > 0.0 {
        ctx.begin_path();
        for k in 0..=100 {
            let g = k as f64 / 100.0;
            let eta = match form {
                MomentumForm::HeavyBall => 2.0 * (1.0 + g) / lmax,
                MomentumForm::Nesterov => 2.0 * (1.0 + g) / ((1.0 + 2.0 * g) * lmax),
            };
            let (x, y) = (xp(eta).min(r.l + r.w), yp(g));
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
            let x = r.l + r.w;
            ctx.set_fill_style_str("#111111");
            ctx.begin_path();
            ctx.move_to(x, y);
            ctx.line_to(x - 10.0, y - 6.0);
            ctx.line_to(x - 10.0, y + 6.0);
            ctx.close_path();
            ctx.fill();
        }
    }
    app.explain.map_geom = Some(MapGeom {
        left: r.l,
        top: r.t,
        w: r.w,
        h: r.h,
        eta_max,
    });
    canvas.set_attribute("data-plot", &format!("{},{},{},{}", r.l, r.t, r.w, r.h))?;
    canvas.set_attribute("data-ready", "true")
}

/// One pixel per cell: viridis from the map's fastest ρ (dark) to ρ = 1
/// (yellow), light red where ρ ≥ 1; row 0 of the image is the top (γ near 1).
fn map_image(app: &App, map: &RateMap, fastest: f64) -> Result<HtmlCanvasElement, JsValue> {
    let span = (1.0 - fastest).max(1e-9);
    let canvas: HtmlCanvasElement = app.doc.create_element("canvas")?.dyn_into()?;
    canvas.set_width(map.nx as u32);
    canvas.set_height(map.ny as u32);
    let mut rgba = Vec::with_capacity(map.nx * map.ny * 4);
    for row in 0..map.ny {
        let j = map.ny - 1 - row;
        for i in 0..map.nx {
            let rho = map.rates[j * map.nx + i];
            let [r, g, b] = if rho < 1.0 {
                colormap((rho - fastest) / span)
            } else {
                C_DIVERGES
            };
            rgba.extend_from_slice(&[r, g, b, 255]);
        }
    }
    let img =
        ImageData::new_with_u8_clamped_array_and_sh(Clamped(&rgba), map.nx as u32, map.ny as u32)?;
    context(&canvas)?.put_image_data(&img, 0.0, 0.0)?;
    Ok(canvas)
}

// ------------------------------------------------------- drawing helpers

struct Colors {
    fg: &'static str,
    muted: &'static str,
    grid: &'static str,
    bg: &'static str,
    band: &'static str,
}

impl Colors {
    fn new(dark: bool) -> Colors {
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

/// The plot area of a chart, in CSS pixels.
struct Rect {
    l: f64,
    t: f64,
    w: f64,
    h: f64,
}

impl Rect {
    fn new(w: f64, h: f64, left: f64, right: f64, top: f64, bottom: f64) -> Rect {
        Rect {
            l: left,
            t: top,
            w: (w - left - right).max(10.0),
            h: (h - top - bottom).max(10.0),
        }
    }
}

/// Size a canvas to its box at the device's resolution and clear it; `None`
/// when it has no box (its panel is closed).
fn prepare(
    canvas: &HtmlCanvasElement,
    dpr: f64,
) -> Result<Option<(CanvasRenderingContext2d, f64, f64)>, JsValue> {
    let (w, h) = (canvas.client_width() as f64, canvas.client_height() as f64);
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
    ctx.set_font("11px system-ui, \"Noto Sans CJK SC\", sans-serif");
    ctx.set_text_align("left");
    Ok(Some((ctx, w, h)))
}

fn dash(pattern: &[f64]) -> JsValue {
    let a = js_sys::Array::new();
    for &p in pattern {
        a.push(&JsValue::from_f64(p));
    }
    a.into()
}

fn line(
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
fn axes(
    ctx: &CanvasRenderingContext2d,
    c: &Colors,
    r: &Rect,
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
