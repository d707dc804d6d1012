//! `mount(element, scene)`: a figure for pages that prefer script over
//! iframes. Each figure owns its state (scene, runs, cursor, cached surface,
//! animation loop), so several on one page play and step independently.
//! It reuses the playground's model and update (`crate::app`: the same
//! messages play, step, seek and tick it, and its pointer rules, see
//! `pointer.rs`) and its drawing: the same surface
//! cache, trails and markers, legend words and loss chart.

mod pointer;
mod state;

use super::dom::{add, el, on};
use crate::app::{Model, Msg};
use crate::scene::Scene;
use gradscape_text::{tr, Lang};
use state::{request, Shared, State};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlButtonElement, HtmlCanvasElement, HtmlElement, HtmlInputElement};

/// A mounted figure: play, pause, step, replace the scene, destroy.
#[wasm_bindgen]
pub struct Figure {
    state: Shared,
}

#[wasm_bindgen]
impl Figure {
    /// Start the animation (from step 0 if at the end).
    pub fn play(&self) -> Result<(), JsValue> {
        let animate = {
            let mut s = self.state.borrow_mut();
            if s.model.playing {
                return Ok(());
            }
            s.handle(Msg::TogglePlay)?
        };
        if animate {
            request(&self.state)?;
        }
        Ok(())
    }

    /// Stop the animation.
    pub fn pause(&self) -> Result<(), JsValue> {
        let mut s = self.state.borrow_mut();
        if s.model.playing {
            s.handle(Msg::TogglePlay)?;
        }
        Ok(())
    }

    /// One step forward (pauses).
    pub fn step(&self) -> Result<(), JsValue> {
        self.state.borrow_mut().handle(Msg::Step(1)).map(|_| ())
    }

    /// One step back (pauses).
    #[wasm_bindgen(js_name = stepBack)]
    pub fn step_back(&self) -> Result<(), JsValue> {
        self.state.borrow_mut().handle(Msg::Step(-1)).map(|_| ())
    }

    /// The current step.
    #[wasm_bindgen(getter)]
    pub fn t(&self) -> usize {
        self.state.borrow().model.t
    }

    /// Replace the scene (JSON text or object); throws the field-named error
    /// and keeps the figure as it was when the scene is bad.
    #[wasm_bindgen(js_name = setScene)]
    pub fn set_scene(&self, scene: JsValue) -> Result<(), JsValue> {
        let scene = parse_scene(&scene, self.state.borrow().lang)?;
        self.state
            .borrow_mut()
            .handle(Msg::LoadScene(scene))
            .map(|_| ())
    }

    /// Go to step `t` (clamped to the run; pauses).
    pub fn seek(&self, t: f64) -> Result<(), JsValue> {
        let t = if t.is_finite() {
            t.max(0.0) as usize
        } else {
            0
        };
        self.state.borrow_mut().handle(Msg::Seek(t)).map(|_| ())
    }

    /// Draw again at the element's present width (after it was shown or
    /// resized: a figure mounted in a hidden slide measured no width).
    pub fn redraw(&self) -> Result<(), JsValue> {
        let mut st = self.state.borrow_mut();
        // Shown, resized or its bar hidden: the parts are measured again.
        st.others.set(None);
        st.draw()
    }

    /// The figure's scene as JSON text.
    #[wasm_bindgen(js_name = sceneJson)]
    pub fn scene_json(&self) -> String {
        self.state.borrow().model.scene.to_json()
    }

    /// The figure as shown (its step, its hidden runs, its language, the
    /// plot's shape, 800 px wide) as SVG text: the page's SVG download and
    /// the command line's `render --step t` (a notebook's `save_svg`).
    pub fn svg(&self) -> Result<String, JsValue> {
        let s = self.state.borrow();
        super::share::shown_svg(&s.model, s.lang)
    }

    /// Remove the figure from its element and stop its animation.
    pub fn destroy(&self) {
        let mut s = self.state.borrow_mut();
        s.alive = false;
        s.model.playing = false;
        s.stop();
        s.cache = None;
        if let Some(o) = s.theme.take() {
            o.disconnect();
        }
        s.root.set_text_content(None);
        let _ = s.root.class_list().remove_1("gradscape-figure");
    }
}

/// A loss chart's ink follows the host page's colours (`dom::on_dark`):
/// drawn again when they change, by a class, style or theme attribute on
/// `<html>` or `<body>` (a page's dark-mode switch) or the system's dark
/// mode; it stayed as it was until the next step or `redraw()`.
fn follow_theme(state: &Rc<RefCell<State>>) -> Result<(), JsValue> {
    let window = web_sys::window().ok_or("no window")?;
    let doc = window.document().ok_or("no document")?;
    let last = std::cell::Cell::new(super::dom::on_dark(&window, &state.borrow().root));
    let weak = Rc::downgrade(state);
    let check = Rc::new(move || {
        let (Some(st), Some(w)) = (weak.upgrade(), web_sys::window()) else {
            return;
        };
        let Ok(mut s) = st.try_borrow_mut() else {
            return;
        };
        let dark = super::dom::on_dark(&w, &s.root);
        if s.alive && dark != last.get() {
            last.set(dark);
            let _ = s.draw();
        }
    });
    let c = Rc::clone(&check);
    let changed = Closure::<dyn FnMut()>::new(move || c());
    let observer = web_sys::MutationObserver::new(changed.as_ref().unchecked_ref())?;
    changed.forget();
    let init = web_sys::MutationObserverInit::new();
    init.set_attributes(true);
    let names = [
        "class",
        "style",
        "data-theme",
        "data-bs-theme",
        "data-color-scheme",
    ];
    init.set_attribute_filter(
        &names
            .iter()
            .map(|n| JsValue::from_str(n))
            .collect::<js_sys::Array>(),
    );
    for e in [doc.document_element(), doc.body().map(Into::into)]
        .into_iter()
        .flatten()
    {
        observer.observe_with_options(&e, &init)?;
    }
    state.borrow_mut().theme = Some(observer);
    if let Ok(Some(mq)) = window.match_media("(prefers-color-scheme: dark)") {
        on(&mq, "change", move |_: web_sys::Event| check())?;
    }
    Ok(())
}

fn parse_scene(scene: &JsValue, lang: Lang) -> Result<Scene, JsValue> {
    let text = if let Some(t) = scene.as_string() {
        t
    } else if scene.is_undefined() || scene.is_null() {
        "{}".to_string()
    } else {
        js_sys::JSON::stringify(scene)?
            .as_string()
            .unwrap_or_default()
    };
    Scene::from_json(&text)
        .map_err(|e| JsValue::from_str(&gradscape_text::errors::scene_error(&e, lang)))
}

/// Mount a figure of `scene` (a scene object or JSON text; `{}` or nothing
/// for the default) into `element`. Options: `{loss: true}` adds the loss
/// chart, `{height: 360}` fits the whole figure in 360 CSS px (the plot
/// takes what the bar, legend and loss chart leave). Returns the handle.
#[wasm_bindgen]
// `element` is taken by value: a borrowed JS value in an export makes
// wasm-bindgen emit `table.fill`, which wasm-opt 116 cannot read.
#[allow(clippy::needless_pass_by_value)]
pub fn mount(element: Element, scene: JsValue, options: JsValue) -> Result<Figure, JsValue> {
    let element = &element;
    super::crash::install();
    let doc = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let option = |key: &str| js_sys::Reflect::get(&options, &JsValue::from_str(key)).ok();
    // `options.lang`, else the language the host page declares.
    let lang = option("lang")
        .and_then(|v| v.as_string())
        .or_else(|| doc.document_element()?.get_attribute("lang"))
        .and_then(|code| Lang::from_code(&code))
        .unwrap_or_default();
    // The module is built without the Chinese words: an author who asked
    // for them (or whose page is `<html lang="zh">`) and did not install
    // them gets English, and is told why.
    if lang == Lang::Zh && !gradscape_text::zh::installed() {
        web_sys::console::warn_1(&JsValue::from_str(
            "gradscape mount(): a figure in 中文 (options.lang or <html lang>) needs \
             the Chinese words first: install_zh(await (await fetch('…/zh.json')).text()), \
             zh.json being beside gradscape.js; until then it is worded in English",
        ));
    }
    let scene = parse_scene(&scene, lang)?;
    let with_loss = option("loss").and_then(|v| v.as_bool()).unwrap_or(false);
    // The whole figure's height in CSS px (an author's `height`).
    let fit_height = option("height")
        .and_then(|v| v.as_f64())
        .filter(|h| h.is_finite() && *h > 0.0);
    element.set_text_content(None);
    style(&doc);
    element.class_list().add_1("gradscape-figure")?;
    let plot: HtmlCanvasElement = el(
        &doc,
        "canvas",
        &[
            ("class", "gs-plot"),
            ("role", "img"),
            ("aria-label", tr(lang, "figure.plot")),
        ],
        None,
    )?
    .dyn_into()?;
    plot.style().set_property("width", "100%")?;
    plot.style().set_property("display", "block")?;
    add(element, &plot)?;
    let bar = el(
        &doc,
        "div",
        &[
            ("class", "gs-bar"),
            ("role", "group"),
            ("aria-label", tr(lang, "time")),
        ],
        None,
    )?;
    let back: HtmlButtonElement = el(
        &doc,
        "button",
        &[
            ("type", "button"),
            ("class", "gs-back"),
            ("aria-label", tr(lang, "step-back")),
        ],
        Some("◀"),
    )?
    .dyn_into()?;
    let play: HtmlButtonElement = el(
        &doc,
        "button",
        &[
            ("type", "button"),
            ("class", "gs-play"),
            ("aria-label", tr(lang, "play")),
        ],
        Some("▶"),
    )?
    .dyn_into()?;
    let fwd: HtmlButtonElement = el(
        &doc,
        "button",
        &[
            ("type", "button"),
            ("class", "gs-step"),
            ("aria-label", tr(lang, "step-fwd")),
        ],
        Some("▶|"),
    )?
    .dyn_into()?;
    let scrub: HtmlInputElement = el(
        &doc,
        "input",
        &[
            ("type", "range"),
            ("class", "gs-scrub"),
            ("min", "0"),
            ("step", "1"),
            ("aria-label", tr(lang, "scrub")),
        ],
        None,
    )?
    .dyn_into()?;
    let label = el(&doc, "span", &[("class", "gs-label")], None)?;
    for e in [
        back.clone().unchecked_into::<Element>(),
        play.clone().unchecked_into(),
        fwd.clone().unchecked_into(),
        scrub.clone().unchecked_into(),
        label.clone(),
    ] {
        add(&bar, &e)?;
    }
    add(element, &bar)?;
    let loss = if with_loss {
        let c: HtmlCanvasElement = el(
            &doc,
            "canvas",
            &[
                ("class", "gs-loss"),
                ("role", "img"),
                ("aria-label", tr(lang, "figure.loss")),
            ],
            None,
        )?
        .dyn_into()?;
        let ch: &HtmlElement = c.unchecked_ref();
        ch.style().set_property("width", "100%")?;
        ch.style().set_property("height", "110px")?;
        ch.style().set_property("display", "block")?;
        add(element, &c)?;
        Some(c)
    } else {
        None
    };
    let legend = el(&doc, "ul", &[("class", "gs-legend")], None)?;
    add(element, &legend)?;
    let plot_el = plot.clone();
    let state = Rc::new(RefCell::new(State {
        root: element.clone(),
        plot,
        loss,
        scrub: scrub.clone(),
        label,
        play: play.clone(),
        legend,
        model: Model::new(scene.clone(), scene.steps, lang),
        lang,
        cache: None,
        l2: None,
        raf: None,
        frame: None,
        alive: true,
        fit_height,
        others: std::cell::Cell::new(None),
        theme: None,
    }));
    {
        let mut s = state.borrow_mut();
        s.legend()?;
        s.draw()?;
    }
    pointer::wire(&plot_el, &state)?;
    if with_loss {
        follow_theme(&state)?;
    }
    let fig = Figure {
        state: Rc::clone(&state),
    };
    let weak = Rc::downgrade(&state);
    on(&play, "click", move |_: web_sys::MouseEvent| {
        if let Some(st) = weak.upgrade() {
            let f = Figure { state: st };
            let playing = f.state.borrow().model.playing;
            let _ = if playing { f.pause() } else { f.play() };
        }
    })?;
    let weak = Rc::downgrade(&state);
    on(&fwd, "click", move |_: web_sys::MouseEvent| {
        if let Some(st) = weak.upgrade() {
            let _ = Figure { state: st }.step();
        }
    })?;
    let weak = Rc::downgrade(&state);
    on(&back, "click", move |_: web_sys::MouseEvent| {
        if let Some(st) = weak.upgrade() {
            let _ = Figure { state: st }.step_back();
        }
    })?;
    let weak = Rc::downgrade(&state);
    let scrub2 = scrub.clone();
    on(&scrub, "input", move |_: web_sys::Event| {
        if let Some(st) = weak.upgrade() {
            let v = scrub2.value_as_number();
            let t = if v.is_finite() {
                v.max(0.0) as usize
            } else {
                0
            };
            let _ = st.borrow_mut().handle(Msg::Seek(t));
        }
    })?;
    Ok(fig)
}

/// A mounted figure's own look (its bar in a row, a legend of swatches, not
/// bullets), once per page: a host page that called `mount()` with no
/// stylesheet showed a bulleted legend and bare buttons. Zero specificity
/// (`:where`), so any rule of the host page wins; a constructed sheet, not
/// a `<style>` element, so a strict CSP allows it. Where constructed
/// sheets are missing the figure works unstyled.
fn style(doc: &web_sys::Document) {
    const SHEET: &str = "
:where(.gradscape-figure .gs-bar) { display: flex; gap: 0.4rem; align-items: center; margin: 0.3rem 0; }
:where(.gradscape-figure .gs-bar button) { min-width: 2.4rem; min-height: 2.2rem; font: inherit; }
:where(.gradscape-figure .gs-scrub) { flex: 1; min-width: 4rem; }
:where(.gradscape-figure .gs-label) { white-space: nowrap; font-variant-numeric: tabular-nums; }
:where(.gradscape-figure .gs-legend) { list-style: none; padding: 0; margin: 0.2rem 0; font-size: 0.92em; }
:where(.gradscape-figure .gs-legend li) { display: flex; align-items: center; gap: 0.5rem; }
:where(.gradscape-figure .gs-swatch) { display: inline-block; flex: none; width: 28px; height: 12px; }
:where(.gradscape-figure .gs-swatch svg) { display: block; }
";
    thread_local!(static DONE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) });
    if DONE.with(|d| d.replace(true)) {
        return;
    }
    let Ok(sheet) = web_sys::CssStyleSheet::new() else {
        return;
    };
    if sheet.replace_sync(SHEET).is_ok() {
        let sheets = doc.adopted_style_sheets();
        sheets.push(&sheet);
        doc.set_adopted_style_sheets(&sheets);
    }
}
