//! The explainers under the loss chart: the exponential moving average
//! (the seed's 指数移动加权平均) and the sweeps ("where does it diverge?").
//! Their structure and static words are in `www/index.html` (`data-i18n`
//! keys of the `explain` table); their numbers, axes and hit-testing in the
//! core ([`crate::ema`], [`crate::sweep`], [`gradscape_core::chart`]). This module
//! fills in the sentences that carry numbers, draws the charts at device
//! resolution and wires the controls:
//!
//! - [`ema`]: the EMA panel (readout, sentences, signal and weights charts);
//! - [`sweeps`]: the η sweep (debounced recomputation, its chart and edges);
//! - [`rate_map`]: the momentum map (picture, edge, current point);
//! - [`cards`]: what a click on the map does to the scene — the only place
//!   that calls back into the page's cards;
//! - [`canvas`]: the charts' shared drawing helpers.
//!
//! Cost: the EMA charts are drawn when their panel is open. The η sweep (451
//! runs per optimizer) is computed only while its panel is open, debounced
//! (`Later::Sweeps` in `web::timer`) after the last scene change, and only when
//! something other than η changed — moving an η slider just moves the
//! marker. The momentum map is analytic and redrawn at once.

mod canvas;
mod ema;
mod rate_map;
mod sweeps;

use super::dom::{add, by_id, el, on};
use super::{with_app, App};
use crate::ema::{query_part, snap_gamma, DEFAULT_GAMMA};
use crate::optim::OptKind;
use crate::scene::Scene;
use crate::sweep::{map_chart::key_stops, map_chart::DIVERGES_RGB, LrSweep};
use gradscape_text::Lang;
use gradscape_text::{tr, trf};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlCanvasElement, HtmlElement, HtmlInputElement, MouseEvent};

/// The explainers' state, kept in the [`App`].
pub struct State {
    /// Whether the page has the panels (`#explain`); nothing happens without.
    enabled: bool,
    /// The EMA panel's γ.
    pub ema_gamma: f64,
    sweeps: Vec<LrSweep>,
    /// The scene the sweeps were computed for ([`crate::sweep::sweep_key`]).
    sweep_key: Option<Scene>,
    map: Option<rate_map::MapCache>,
    map_geom: Option<rate_map::MapGeom>,
    computed: u64,
}

impl Default for State {
    fn default() -> Self {
        State {
            enabled: false,
            ema_gamma: DEFAULT_GAMMA,
            sweeps: vec![],
            sweep_key: None,
            map: None,
            map_geom: None,
            computed: 0,
        }
    }
}

fn is_open(app: &App, id: &str) -> bool {
    app.doc
        .get_element_by_id(id)
        .is_some_and(|d| d.has_attribute("open"))
}

/// Whether the page prefers dark colours.
fn dark(app: &App) -> bool {
    crate::web::dom::dark(&app.window)
}

fn dpr(app: &App) -> f64 {
    app.window.device_pixel_ratio().clamp(0.5, 4.0)
}

/// The charts' style: normal or presenting (they read its chart sizes
/// only, which no width changes).
fn style(app: &App) -> super::draw::Style {
    super::draw::Style::of(app.present, 0.0)
}

/// The name of an optimizer kind in the page's language.
fn kind_name(lang: Lang, kind: OptKind) -> &'static str {
    match kind {
        OptKind::Gd => tr(lang, "explain.kind.gd"),
        OptKind::Momentum => tr(lang, "explain.kind.momentum"),
        k => gradscape_text::diagnose::kind_title(k, lang),
    }
}

use gradscape_text::gap;

use gradscape_text::diagnose::{coupled_l, coupling_words};

/// Set an element's background through the CSSOM (the page's CSP refuses
/// inline style).
fn set_background(e: &Element, css: &str) -> Result<(), JsValue> {
    e.unchecked_ref::<HtmlElement>()
        .style()
        .set_property("background", css)
}

/// Fill the panels of `#explain` (once, at start): the colours of the
/// legend and of the map's key, γ from the link (`ema=`), the listeners.
/// Their words are set by [`render_text`].
pub fn build(app: &mut App) -> Result<(), JsValue> {
    let doc = app.doc.clone();
    if doc.get_element_by_id("explain").is_none() {
        return Ok(());
    }
    app.explain.enabled = true;
    let swatches = app
        .root("ema-legend")?
        .query_selector_all("[data-series]")?;
    for i in 0..swatches.length() {
        let Some(s) = swatches.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else {
            continue;
        };
        let series = s.get_attribute("data-series").unwrap_or_default();
        set_background(&s, canvas::series_colour(&series))?;
    }
    let stops: Vec<String> = key_stops()
        .iter()
        .map(|[r, g, b]| format!("rgb({r},{g},{b})"))
        .collect();
    let key = app.root("sweep-map-key")?;
    if let Some(bar) = key.query_selector(".map-key-bar")? {
        set_background(
            &bar,
            &format!("linear-gradient(to right, {})", stops.join(", ")),
        )?;
    }
    if let Some(red) = key.query_selector(".map-key-red")? {
        let [r, g, b] = DIVERGES_RGB;
        set_background(&red, &format!("rgb({r},{g},{b})"))?;
    }

    let search = app.window.location().search().unwrap_or_default();
    read_gamma(app, crate::url::page_params(&search).ema)?;

    wire(app)?;
    lesson_loaded(app)?;
    render_text(app)
}

/// γ from the link (`ema=0.95`; without it, the default); a bad value is
/// named in the notice.
fn read_gamma(app: &mut App, ema: Vec<Result<f64, String>>) -> Result<(), JsValue> {
    let doc = app.doc.clone();
    app.explain.ema_gamma = DEFAULT_GAMMA;
    for v in ema {
        match v {
            Ok(g) => app.explain.ema_gamma = g,
            Err(shown) => {
                let text = trf(app.lang, "explain.ema.bad_link", &[&shown]);
                add(
                    &app.root("notice-list")?,
                    &el(&doc, "li", &[], Some(&text))?,
                )?;
                by_id::<HtmlElement>(&doc, "notice")?.set_hidden(false);
            }
        }
    }
    by_id::<HtmlInputElement>(&doc, "ema-gamma")?.set_value(&app.explain.ema_gamma.to_string());
    Ok(())
}

/// A link read again (Back, Forward): its γ, after its notices are shown.
pub fn link_gamma(app: &mut App, ema: Vec<Result<f64, String>>) -> Result<(), JsValue> {
    if !app.explain.enabled {
        return Ok(());
    }
    read_gamma(app, ema)?;
    ema::draw(app)
}

fn wire(app: &App) -> Result<(), JsValue> {
    let doc = &app.doc;
    let slider: HtmlInputElement = by_id(doc, "ema-gamma")?;
    on(&slider.clone(), "input", move |_: web_sys::Event| {
        let Some(g) = snap_gamma(slider.value_as_number()) else {
            return;
        };
        with_app(move |app| {
            app.explain.ema_gamma = g;
            ema::draw(app)?;
            app.sync_url()
        });
    })?;
    for id in ["ema-panel", "sweep-panel"] {
        let d: Element = by_id(doc, id)?;
        on(&d, "toggle", move |_: web_sys::Event| {
            with_app(move |app| {
                if id == "ema-panel" {
                    ema::draw(app)?;
                } else {
                    sweeps::refresh(app, true)?;
                }
                // The link says which panels are open (`open=`).
                app.sync_url()
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
        with_app(move |app| {
            if let Some((eta, gamma)) = rate_map::point_at(app, x, y) {
                // Handled after this job, through the cards' own rules.
                super::dispatch(crate::app::Msg::SetMomentum { eta, gamma });
            }
            Ok(())
        });
    })?;
    // The keyboard's way onto the map: the arrows move the momentum run's
    // (η, γ) a fortieth of η's span or 0.025 of γ, five with Shift (the
    // rate sentence under the map is a polite live region: it is said).
    let keys: HtmlCanvasElement = by_id(doc, "sweep-map")?;
    on(&keys, "keydown", |e: web_sys::KeyboardEvent| {
        let (dx, dy) = match e.key().as_str() {
            "ArrowRight" => (1, 0),
            "ArrowLeft" => (-1, 0),
            "ArrowUp" => (0, 1),
            "ArrowDown" => (0, -1),
            _ => return,
        };
        if e.ctrl_key() || e.meta_key() || e.alt_key() {
            return;
        }
        e.prevent_default();
        e.stop_propagation();
        let k = if e.shift_key() { 5 } else { 1 };
        with_app(move |app| {
            if let Some((eta, gamma)) = rate_map::stepped(app, dx * k, dy * k) {
                super::dispatch(crate::app::Msg::SetMomentum { eta, gamma });
            }
            Ok(())
        });
    })?;
    on(&app.window, "resize", |_: web_sys::Event| {
        with_app(move |app| {
            ema::draw(app)?;
            sweeps::draw(app)
        });
    })?;
    Ok(())
}

/// Open the EMA panel when a lesson that asks for it
/// ([`crate::lesson::panel`]) is loaded.
pub fn lesson_loaded(app: &mut App) -> Result<(), JsValue> {
    if !app.explain.enabled {
        return Ok(());
    }
    // As the link opens the lesson: its EMA panel open, another lesson's
    // closed (free play leaves it).
    if super::place::lesson_panel(app.lesson) == Some(super::place::LessonPanel::Ema) {
        app.root("ema-panel")?.set_attribute("open", "")?;
        ema::draw(app)?;
    } else if app.lesson.is_some() {
        app.root("ema-panel")?.remove_attribute("open")?;
    }
    Ok(())
}

/// The explainers' part of the link: `&ema=γ` unless γ is the default.
pub fn url_part(app: &App) -> String {
    query_part(app.explain.ema_gamma)
}

/// The words of both panels that the page's `data-i18n` pass does not set,
/// in the page's language, then the charts.
pub fn render_text(app: &mut App) -> Result<(), JsValue> {
    if !app.explain.enabled {
        return Ok(());
    }
    let l = app.lang;
    app.root("sweep-criterion")?
        .set_text_content(Some(tr(l, "explain.sweep.criterion")));
    // (The sweep's own words go after it again.)
    sweeps::forget_words();
    for id in ["ema-panel", "sweep-panel"] {
        app.root(id)?.set_attribute("lang", l.code())?;
    }
    ema::draw(app)?;
    sweeps::refresh(app, true)
}

/// Draw the sweep charts again with no kept picture (a test's redraw from
/// nothing).
pub fn redraw_exact(app: &mut App) -> Result<(), JsValue> {
    sweeps::forget_kept();
    sweeps::draw(app)
}

/// After a scene change (or when the panel opens): redraw what is cheap at
/// once, recompute the η sweep later when something besides η changed.
/// During a drag the charts are drawn just after the paint, once a frame:
/// they sit under the figure, which answers the finger first (~0.4 ms of
/// each input with the panel open).
pub fn scene_changed(app: &mut App) -> Result<(), JsValue> {
    if !app.explain.enabled {
        return Ok(());
    }
    sweeps::mark(app, false)?;
    if !app.interacting {
        return sweeps::draw(app);
    }
    if DRAW_PENDING.with(|p| p.replace(true)) {
        return Ok(());
    }
    super::timer::after_paint_or(&app.window, 200, || {
        DRAW_PENDING.with(|p| p.set(false));
        with_app(sweeps::draw)
    })
    .inspect_err(|_| DRAW_PENDING.with(|p| p.set(false)))
}

thread_local! {
    /// The sweep charts wait for the next paint.
    static DRAW_PENDING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}
