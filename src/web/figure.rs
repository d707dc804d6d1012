//! `mount(element, scene)`: a figure for pages that prefer script over
//! iframes. Each figure owns its state (scene, runs, cursor, cached surface,
//! animation loop), so several on one page play and step independently.
//! It reuses the playground's model and update (`crate::app`: the same
//! messages play, step, seek and tick it) and its drawing: the same surface
//! cache, trails and markers, legend words and loss chart.

use super::dom::{add, el, on};
use super::draw::{draw_loss, draw_plot, render_surface, Frame, Geom, SurfaceCache};
use super::panel::swatch;
use crate::app::{update, Dirty, Model, Msg};
use crate::scene::Scene;
use gradscape_text::diagnose::status_text;
use gradscape_text::optim::opt_label;
use gradscape_text::Lang;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlButtonElement, HtmlCanvasElement, HtmlElement, HtmlInputElement};

struct State {
    root: Element,
    plot: HtmlCanvasElement,
    loss: Option<HtmlCanvasElement>,
    scrub: HtmlInputElement,
    label: Element,
    play: HtmlButtonElement,
    legend: Element,
    model: Model,
    cache: Option<SurfaceCache>,
    raf: Option<Closure<dyn FnMut(f64)>>,
    alive: bool,
}

type Shared = Rc<RefCell<State>>;

impl State {
    /// Apply a message, render what it leaves dirty; whether to animate.
    fn handle(&mut self, msg: Msg) -> Result<bool, JsValue> {
        let d = update(&mut self.model, msg);
        if d.has(Dirty::LEGEND) {
            self.legend()?;
        }
        if !d.is_empty() {
            self.draw()?;
        }
        Ok(d.has(Dirty::ANIMATE) && self.alive)
    }

    fn legend(&self) -> Result<(), JsValue> {
        let doc = web_sys::window()
            .and_then(|w| w.document())
            .ok_or("no document")?;
        self.legend.set_text_content(None);
        for (i, (t, d)) in self.model.runs.iter().zip(&self.model.diags).enumerate() {
            let li = el(&doc, "li", &[], None)?;
            add(&li, &swatch(&doc, i)?)?;
            add(
                &li,
                &el(
                    &doc,
                    "span",
                    &[],
                    Some(&format!(
                        "{} — {}",
                        opt_label(&t.spec, Lang::En),
                        status_text(d, t, Lang::En)
                    )),
                )?,
            )?;
            add(&self.legend, &li)?;
        }
        Ok(())
    }

    fn draw(&mut self) -> Result<(), JsValue> {
        if !self.alive {
            return Ok(());
        }
        let window = web_sys::window().ok_or("no window")?;
        let doc = window.document().ok_or("no document")?;
        let view = self.model.scene.view();
        let dpr = window.device_pixel_ratio().clamp(0.5, 4.0);
        let w = (self.plot.client_width() as f64).max(100.0);
        let h = (w * view.height() / view.width()).clamp(120.0, 900.0);
        self.plot
            .style()
            .set_property("height", &format!("{h}px"))?;
        let geom = Geom { view, w, h, dpr };
        let fresh = self
            .cache
            .as_ref()
            .map(|c| c.matches(&self.model.scene.landscape, &geom, false))
            .unwrap_or(false);
        if !fresh {
            self.cache = Some(render_surface(
                &doc,
                &self.model.scene.landscape,
                &geom,
                false,
            )?);
        }
        if let Some(cache) = &self.cache {
            let hidden = vec![false; self.model.runs.len()];
            let frame = Frame {
                geom,
                runs: &self.model.runs,
                diags: &self.model.diags,
                hidden: &hidden,
                t: self.model.t,
                start: self.model.scene.start,
                live: self.model.playing,
            };
            draw_plot(&self.plot, cache, &frame, None)?;
            if let Some(loss) = &self.loss {
                let dark = super::dom::dark(&window);
                draw_loss(
                    loss,
                    dpr,
                    &self.model.runs,
                    self.model.replay,
                    &self.model.diags,
                    &hidden,
                    self.model.t,
                    self.model.scene.steps,
                    dark,
                    gradscape_text::Lang::En,
                )?;
            }
        }
        self.scrub.set_max(&self.model.scene.steps.to_string());
        self.scrub.set_value(&self.model.t.to_string());
        self.label.set_text_content(Some(&format!(
            "step {} / {}",
            self.model.t, self.model.scene.steps
        )));
        self.play
            .set_text_content(Some(if self.model.playing { "❚❚" } else { "▶" }));
        self.play.set_attribute(
            "aria-label",
            if self.model.playing { "Pause" } else { "Play" },
        )?;
        self.root
            .set_attribute("data-t", &self.model.t.to_string())?;
        self.plot.set_attribute("data-ready", "true")?;
        Ok(())
    }
}

fn request(state: &Shared) -> Result<(), JsValue> {
    let window = web_sys::window().ok_or("no window")?;
    let mut s = state.borrow_mut();
    if s.raf.is_none() {
        let weak = Rc::downgrade(state);
        s.raf = Some(Closure::<dyn FnMut(f64)>::new(move |ts: f64| {
            let Some(state) = weak.upgrade() else { return };
            let again = state.borrow_mut().handle(Msg::Tick(ts)).unwrap_or(false);
            if again {
                let _ = request(&state);
            }
        }));
    }
    if let Some(cb) = s.raf.as_ref() {
        window.request_animation_frame(cb.as_ref().unchecked_ref())?;
    }
    Ok(())
}

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
        let scene = parse_scene(&scene)?;
        self.state
            .borrow_mut()
            .handle(Msg::LoadScene(scene))
            .map(|_| ())
    }

    /// The figure's scene as JSON text.
    #[wasm_bindgen(js_name = sceneJson)]
    pub fn scene_json(&self) -> String {
        self.state.borrow().model.scene.to_json()
    }

    /// Remove the figure from its element and stop its animation.
    pub fn destroy(&self) {
        let mut s = self.state.borrow_mut();
        s.alive = false;
        s.model.playing = false;
        s.raf = None;
        s.cache = None;
        s.root.set_text_content(None);
        let _ = s.root.class_list().remove_1("gradscape-figure");
    }
}

fn parse_scene(scene: &JsValue) -> Result<Scene, JsValue> {
    let text = if let Some(t) = scene.as_string() {
        t
    } else if scene.is_undefined() || scene.is_null() {
        "{}".to_string()
    } else {
        js_sys::JSON::stringify(scene)?
            .as_string()
            .unwrap_or_default()
    };
    Scene::from_json(&text).map_err(|e| {
        JsValue::from_str(&gradscape_text::errors::scene_error(
            &e,
            gradscape_text::Lang::En,
        ))
    })
}

/// Mount a figure of `scene` (a scene object or JSON text; `{}` or nothing
/// for the default) into `element`. Options: `{loss: true}` adds the loss
/// chart. Returns the handle.
#[wasm_bindgen]
// `element` is taken by value: a borrowed JS value in an export makes
// wasm-bindgen emit `table.fill`, which wasm-opt 116 cannot read.
#[allow(clippy::needless_pass_by_value)]
pub fn mount(element: Element, scene: JsValue, options: JsValue) -> Result<Figure, JsValue> {
    let element = &element;
    super::crash::install();
    let scene = parse_scene(&scene)?;
    let with_loss = js_sys::Reflect::get(&options, &JsValue::from_str("loss"))
        .map(|v| v.as_bool().unwrap_or(false))
        .unwrap_or(false);
    let doc = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    element.set_text_content(None);
    element.class_list().add_1("gradscape-figure")?;
    let plot: HtmlCanvasElement = el(
        &doc,
        "canvas",
        &[
            ("class", "gs-plot"),
            ("role", "img"),
            ("aria-label", "Loss surface with optimizer trajectories"),
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
            ("aria-label", "Time"),
        ],
        None,
    )?;
    let back: HtmlButtonElement = el(
        &doc,
        "button",
        &[
            ("type", "button"),
            ("class", "gs-back"),
            ("aria-label", "Step back"),
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
            ("aria-label", "Play"),
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
            ("aria-label", "Step forward"),
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
            ("aria-label", "Step"),
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
                ("aria-label", "Loss against step"),
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
    let state = Rc::new(RefCell::new(State {
        root: element.clone(),
        plot,
        loss,
        scrub: scrub.clone(),
        label,
        play: play.clone(),
        legend,
        model: Model::new(scene.clone(), scene.steps, gradscape_text::Lang::En),
        cache: None,
        raf: None,
        alive: true,
    }));
    {
        let mut s = state.borrow_mut();
        s.legend()?;
        s.draw()?;
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
