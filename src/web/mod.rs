//! The browser shell (wasm only): the live playground.
//!
//! Data flows one way: controls edit the [`Scene`]; the scene is replayed
//! into trajectories (microseconds); the cached surface and the trails are
//! drawn. The animation only moves the cursor `t` along trajectories that
//! already exist. Long-lived state stays in Rust (one `App` in a
//! thread-local); DOM events are delegated to a few container listeners.

#[doc(hidden)]
pub mod bench;
mod clock;
mod crash;
pub mod dom;
pub mod draw;
mod explain;
pub mod figure;
mod overlay;
mod panel;
mod state;

use crate::diagnose::{diagnose, Diagnosis, Health};
use crate::landscape::{Expr, ExprError, Landscape, View, KINDS};
use crate::lesson::{lesson, LESSONS};
use crate::optim::{Convention, OptKind, OptSpec};
use crate::output::{run_value, stop_value};
use crate::params::{self, param_info};
use crate::run::simulate_with;
use crate::run::Trajectory;
use crate::scene::{Scene, MAX_STEPS};
use crate::simulate;
use clock::Clock;
use dom::{add, by_id, closest, el, fmt_field, on, on_active};
use draw::{draw_loss, draw_plot, render_surface, Frame, Geom, SurfaceCache};
use gradscape_text::diagnose::status_text;
use gradscape_text::errors::expr_error;
use gradscape_text::optim::{allowed_range, param_label};
use gradscape_text::Lang;
use gradscape_text::{tr, trf};
use serde_json::{Map, Value};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{
    Document, Element, HtmlButtonElement, HtmlCanvasElement, HtmlElement, HtmlInputElement,
    HtmlSelectElement, KeyboardEvent, PointerEvent, WheelEvent, Window,
};

/// How a pointer drag on the canvas is being used.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Drag {
    None,
    /// Pressed, not moved yet: a click sets the start.
    Pending {
        x: f64,
        y: f64,
    },
    /// Moving the start marker.
    Start,
    /// Panning from this view and pointer position.
    Pan {
        view: View,
        x: f64,
        y: f64,
    },
}

/// The page's state.
struct App {
    window: Window,
    doc: Document,
    plot: HtmlCanvasElement,
    loss: HtmlCanvasElement,
    scene: Scene,
    runs: Vec<Trajectory>,
    diags: Vec<Diagnosis>,
    hidden: Vec<bool>,
    t: usize,
    playing: bool,
    /// Steps per second while playing, and the frame bookkeeping.
    clock: Clock,
    cache: Option<SurfaceCache>,
    geom: Geom,
    drag: Drag,
    /// Active pointers (id, x, y) for pinch zoom.
    pointers: Vec<(i32, f64, f64)>,
    pinch: Option<(f64, View, [f64; 2])>,
    interacting: bool,
    draws: u64,
    /// The query last written to the address bar.
    url: String,
    /// Embed mode: the `embed`/`hide`/`show` part of the query, kept as given.
    embed: Option<String>,
    /// The number of the last replay (keys the loss chart's cache).
    replay: u64,
    /// The lesson whose caption is shown, if any.
    lesson: Option<usize>,
    /// The language of the captions (and, as they are translated, the page).
    lang: Lang,
    /// The EMA explainer and the sweeps under the loss chart.
    explain: explain::State,
    /// The state panel's steppers and caches.
    inspector: state::Inspector,
}

/// The requestAnimationFrame callback, kept alive for the page's lifetime.
type FrameCallback = Closure<dyn FnMut(f64)>;

thread_local! {
    static APP: RefCell<Option<App>> = const { RefCell::new(None) };
    static RAF: RefCell<Option<FrameCallback>> = const { RefCell::new(None) };
    static IDLE: RefCell<Option<Closure<dyn FnMut()>>> = const { RefCell::new(None) };
}

/// Run `f` on the app, logging (not throwing) errors.
fn with_app(f: impl FnOnce(&mut App) -> Result<(), JsValue>) {
    let r = APP.with(|a| match a.try_borrow_mut() {
        Ok(mut guard) => match guard.as_mut() {
            Some(app) => f(app),
            None => Ok(()),
        },
        Err(_) => Ok(()),
    });
    if let Err(e) = r {
        web_sys::console::error_1(&e);
    }
}

fn input_of(t: Option<web_sys::EventTarget>) -> Option<HtmlInputElement> {
    t?.dyn_into::<HtmlInputElement>().ok()
}

impl App {
    fn root(&self, id: &str) -> Result<Element, JsValue> {
        by_id::<Element>(&self.doc, id)
    }

    /// Replay the scene into trajectories and diagnoses.
    fn replay(&mut self) {
        match simulate_with(&self.scene, false) {
            Ok(runs) => {
                self.diags = runs
                    .iter()
                    .map(|t| diagnose(&self.scene.landscape, t))
                    .collect();
                self.runs = runs;
                self.replay = draw::next_replay();
            }
            Err(e) => {
                // Every value was validated on the way in; keep the old runs.
                web_sys::console::error_1(&JsValue::from_str(&e.to_string()));
            }
        }
        self.hidden.resize(self.scene.optimizers.len(), false);
        self.t = self.t.min(self.scene.steps);
    }

    /// Replay and refresh everything but the cards.
    fn refresh_runs(&mut self) -> Result<(), JsValue> {
        self.replay();
        panel::build_legend(
            &self.doc,
            &self.root("legend")?,
            &self.runs,
            &self.diags,
            &self.hidden,
            self.lang,
        )?;
        panel::build_messages(
            &self.doc,
            &self.root("messages")?,
            &self.runs,
            &self.diags,
            self.lang,
        )?;
        self.sync_time()?;
        self.draw()?;
        explain::scene_changed(self)
    }

    /// Replay and rebuild every panel from the scene.
    fn refresh_all(&mut self) -> Result<(), JsValue> {
        panel::build_cards(
            &self.doc,
            &self.root("optimizers")?,
            &self.scene.optimizers,
            self.lang,
        )?;
        self.sync_globals()?;
        self.refresh_runs()
    }

    fn sync_globals(&self) -> Result<(), JsValue> {
        by_id::<HtmlSelectElement>(&self.doc, "surface")?.set_value(self.scene.landscape.kind());
        by_id::<HtmlSelectElement>(&self.doc, "convention")?
            .set_value(self.scene.convention.name());
        by_id::<HtmlInputElement>(&self.doc, "steps")?.set_value(&self.scene.steps.to_string());
        by_id::<HtmlInputElement>(&self.doc, "noise-sigma")?
            .set_value(&fmt_field(self.scene.noise.sigma));
        by_id::<HtmlInputElement>(&self.doc, "noise-seed")?
            .set_value(&self.scene.noise.seed.to_string());
        self.build_surface_params()?;
        self.sync_expr_box()?;
        self.root("global-error")?.set_text_content(None);
        self.root("formula")?
            .set_text_content(Some(&self.scene.landscape.formula()));
        Ok(())
    }

    /// The lesson picker's options, in the current language.
    fn fill_lessons(&self) -> Result<(), JsValue> {
        let sel = self.root("lesson")?;
        sel.set_text_content(None);
        let free = match self.lang {
            Lang::En => "Lessons: free play",
            Lang::Zh => "课程：自由探索",
        };
        add(
            &sel,
            &el(&self.doc, "option", &[("value", "")], Some(free))?,
        )?;
        for l in &LESSONS {
            let id = l.id.to_string();
            add(
                &sel,
                &el(
                    &self.doc,
                    "option",
                    &[("value", &id)],
                    Some(gradscape_text::lessons::title(l.id, self.lang)),
                )?,
            )?;
        }
        Ok(())
    }

    /// The caption of the current lesson, the pickers and `<html lang>`.
    fn sync_lesson(&self) -> Result<(), JsValue> {
        by_id::<HtmlSelectElement>(&self.doc, "lesson")?
            .set_value(&self.lesson.map(|n| n.to_string()).unwrap_or_default());
        by_id::<HtmlSelectElement>(&self.doc, "lang")?.set_value(match self.lang {
            Lang::En => "en",
            Lang::Zh => "zh",
        });
        if let Some(html) = self.doc.document_element() {
            html.set_attribute("lang", self.lang.code())?;
        }
        let cap = self.root("lesson-caption")?;
        match self.lesson.and_then(lesson) {
            Some(l) => {
                self.root("lesson-title")?
                    .set_text_content(Some(gradscape_text::lessons::title(l.id, self.lang)));
                self.root("lesson-text")?
                    .set_text_content(Some(gradscape_text::lessons::caption(l.id, self.lang)));
                cap.set_attribute("lang", self.lang.code())?;
                cap.remove_attribute("hidden")
            }
            None => cap.set_attribute("hidden", ""),
        }
    }

    /// Load a lesson's scene, shown at its last step (the seed's figure).
    fn load_lesson(&mut self, id: Option<usize>) -> Result<(), JsValue> {
        self.lesson = id.filter(|&n| lesson(n).is_some());
        if let Some(l) = self.lesson.and_then(lesson) {
            self.playing = false;
            self.scene = l.scene();
            self.hidden.clear();
            self.t = self.scene.steps;
        }
        state::open_for_lesson(&self.doc, self.lesson)?;
        self.sync_lesson()?;
        explain::lesson_loaded(self)?;
        self.refresh_all()
    }

    /// Show the formula editor for an `expr` surface (with its formula and
    /// the view window), hide it for the others.
    fn sync_expr_box(&self) -> Result<(), JsValue> {
        let bx = self.root("expr-box")?;
        let Landscape::Expr(e) = &self.scene.landscape else {
            return bx.set_attribute("hidden", "");
        };
        bx.remove_attribute("hidden")?;
        let input: HtmlInputElement = by_id(&self.doc, "expr-input")?;
        if input.value() != e.source() {
            input.set_value(e.source());
        }
        self.show_expr_error(None)?;
        self.sync_view_fields()
    }

    /// The error of the formula being typed (column, message and a caret
    /// under the column), or none. Text only: the formula is never HTML.
    fn show_expr_error(&self, err: Option<(&str, &ExprError)>) -> Result<(), JsValue> {
        let input = self.root("expr-input")?;
        let msg = self.root("expr-error")?;
        let caret = self.root("expr-caret")?;
        match err {
            None => {
                input.set_attribute("aria-invalid", "false")?;
                msg.set_text_content(None);
                caret.set_text_content(None);
                caret.set_attribute("hidden", "")?;
            }
            Some((text, e)) => {
                input.set_attribute("aria-invalid", "true")?;
                msg.set_text_content(Some(&trf(
                    self.lang,
                    "expr.kept",
                    &[&expr_error(e, self.lang)],
                )));
                let shown: String = text.chars().take(crate::landscape::expr::MAX_LEN).collect();
                let pad = " ".repeat(e.column.saturating_sub(1).min(shown.chars().count()));
                caret.set_text_content(Some(&format!("{shown}\n{pad}^")));
                caret.remove_attribute("hidden")?;
            }
        }
        Ok(())
    }

    /// A formula typed or picked: drawn at once when it parses; otherwise
    /// the error is shown and the previous surface stays.
    fn apply_expr(&mut self, text: &str) -> Result<(), JsValue> {
        match Expr::parse(text) {
            Ok(e) => {
                self.show_expr_error(None)?;
                if self.scene.landscape == Landscape::Expr(e.clone()) {
                    return Ok(());
                }
                self.scene.landscape = Landscape::Expr(e);
                self.root("formula")?
                    .set_text_content(Some(&self.scene.landscape.formula()));
                self.refresh_runs()
            }
            Err(e) => self.show_expr_error(Some((text, &e))),
        }
    }

    /// The view fields show the window drawn (kept out of a field being
    /// typed in).
    fn sync_view_fields(&self) -> Result<(), JsValue> {
        if !matches!(self.scene.landscape, Landscape::Expr(_)) {
            return Ok(());
        }
        let v = self.scene.view();
        let focused = self.doc.active_element();
        let inputs = self.root("view-fields")?.query_selector_all("input")?;
        for i in 0..inputs.length() {
            let Some(input) = inputs
                .item(i)
                .and_then(|n| n.dyn_into::<HtmlInputElement>().ok())
            else {
                continue;
            };
            if focused.as_ref() == Some(input.unchecked_ref::<Element>()) {
                continue;
            }
            let x = match input.get_attribute("data-view").as_deref() {
                Some("x0") => v.x0,
                Some("x1") => v.x1,
                Some("y0") => v.y0,
                _ => v.y1,
            };
            input.set_value(&fmt_field(x));
        }
        Ok(())
    }

    fn build_surface_params(&self) -> Result<(), JsValue> {
        let root = self.root("surface-params")?;
        root.set_text_content(None);
        for (key, name, v) in surface_params(&self.scene.landscape) {
            let name = if name.contains('.') {
                tr(self.lang, name)
            } else {
                name
            };
            let lab = el(&self.doc, "label", &[], Some(name))?;
            let input = el(
                &self.doc,
                "input",
                &[
                    ("type", "number"),
                    ("step", "any"),
                    ("data-key", key),
                    (
                        "aria-label",
                        &format!("{} {name}", tr(self.lang, "surface")),
                    ),
                ],
                None,
            )?
            .dyn_into::<HtmlInputElement>()?;
            input.set_value(&fmt_field(v));
            lab.append_child(&input)?;
            root.append_child(&lab)?;
        }
        Ok(())
    }

    fn sync_time(&self) -> Result<(), JsValue> {
        let n = self.scene.steps;
        let scrub = by_id::<HtmlInputElement>(&self.doc, "scrub")?;
        scrub.set_max(&n.to_string());
        scrub.set_value(&self.t.to_string());
        self.root("step-label")?.set_text_content(Some(&trf(
            self.lang,
            "step.label",
            &[&self.t.to_string(), &n.to_string()],
        )));
        let play = by_id::<HtmlButtonElement>(&self.doc, "play")?;
        play.set_attribute(
            "aria-label",
            tr(self.lang, if self.playing { "pause" } else { "play" }),
        )?;
        play.set_text_content(Some(if self.playing { "❚❚" } else { "▶" }));
        Ok(())
    }

    /// The geometry the canvas box has now.
    fn measure(&self) -> Result<Geom, JsValue> {
        let view = self.scene.view();
        let dpr = self.window.device_pixel_ratio().clamp(0.5, 4.0);
        let w = (self.plot.client_width() as f64).max(100.0);
        let inner_h = self.window.inner_height()?.as_f64().unwrap_or(800.0);
        let narrow = self.window.inner_width()?.as_f64().unwrap_or(1200.0) < 900.0;
        if self.embed.is_some() {
            // An embedded figure fills its frame: the canvas takes the height
            // the bar, legend and chart leave.
            let others = self
                .doc
                .get_element_by_id("stage")
                .map(|e| e.scroll_height() as f64 - self.plot.client_height() as f64)
                .unwrap_or(60.0);
            let h = (inner_h - others - 8.0).clamp(80.0, 4000.0);
            return Ok(Geom { view, w, h, dpr });
        }
        // The canvas keeps the view's aspect unless that would push the time
        // bar below the fold; then the axes scale apart.
        // Wide screens keep the time bar, legend and loss chart in view too.
        let reserve = if narrow { 130.0 } else { 290.0 };
        let max_h = (inner_h - reserve).max(220.0);
        let h = (w * view.height() / view.width())
            .min(max_h)
            .clamp(120.0, 4000.0);
        Ok(Geom { view, w, h, dpr })
    }

    /// Redraw the plot (re-rendering the surface only if it changed) and the loss chart.
    fn draw(&mut self) -> Result<(), JsValue> {
        let geom = self.measure()?;
        if geom.h != self.geom.h {
            self.plot
                .style()
                .set_property("height", &format!("{}px", geom.h))?;
        }
        self.geom = geom;
        let low = self.interacting;
        let fresh = match &self.cache {
            Some(c) => c.matches(&self.scene.landscape, &geom, low),
            None => false,
        };
        if !fresh {
            self.cache = Some(render_surface(
                &self.doc,
                &self.scene.landscape,
                &geom,
                low,
            )?);
            if low {
                self.schedule_idle()?;
            }
        }
        let overlay = state::refresh(self)?;
        if let Some(cache) = &self.cache {
            let frame = Frame {
                geom,
                runs: &self.runs,
                diags: &self.diags,
                hidden: &self.hidden,
                t: self.t,
                start: self.scene.start,
                live: self.playing,
            };
            draw_plot(&self.plot, cache, &frame, overlay.as_ref())?;
        }
        let dark = self
            .window
            .match_media("(prefers-color-scheme: dark)")
            .ok()
            .flatten()
            .map(|m| m.matches())
            .unwrap_or(false);
        draw_loss(
            &self.loss,
            geom.dpr,
            &self.runs,
            self.replay,
            &self.diags,
            &self.hidden,
            self.t,
            self.scene.steps,
            dark,
            self.lang,
        )?;
        let v = geom.view;
        self.draws += 1;
        self.plot
            .set_attribute("data-view", &format!("{},{},{},{}", v.x0, v.x1, v.y0, v.y1))?;
        self.plot.set_attribute("data-t", &self.t.to_string())?;
        self.plot
            .set_attribute("data-draws", &self.draws.to_string())?;
        self.plot.set_attribute("data-ready", "true")?;
        self.sync_url()
    }

    /// Write the scene and the current step to the address bar
    /// (replaceState: no history entries), unless playing or dragging.
    fn sync_url(&mut self) -> Result<(), JsValue> {
        if self.playing || self.interacting {
            return Ok(());
        }
        let mut base = crate::url::to_query(&self.scene, Some(self.t));
        if let Some(id) = self.lesson {
            base.push_str(&format!("&lesson={id}"));
        }
        if self.lang != Lang::En {
            base.push_str("&lang=zh");
        }
        base.push_str(&explain::url_part(self));
        let q = format!("?{base}{}", self.embed.as_deref().unwrap_or(""));
        if q != self.url {
            self.sync_view_fields()?;
            if let Some(a) = self.doc.get_element_by_id("open-full") {
                a.set_attribute("href", &format!("./?{base}"))?;
            }
            self.window
                .history()?
                .replace_state_with_url(&JsValue::NULL, "", Some(&q))?;
            self.url = q;
        }
        Ok(())
    }

    /// After an interaction, render the full-resolution surface once idle.
    fn schedule_idle(&self) -> Result<(), JsValue> {
        IDLE.with(|slot| -> Result<(), JsValue> {
            if slot.borrow().is_none() {
                *slot.borrow_mut() = Some(Closure::<dyn FnMut()>::new(|| {
                    with_app(|app| {
                        if app.drag == Drag::None && app.pointers.is_empty() {
                            app.interacting = false;
                            app.draw()
                        } else {
                            app.schedule_idle()
                        }
                    })
                }));
            }
            if let Some(cb) = slot.borrow().as_ref() {
                self.window
                    .set_timeout_with_callback_and_timeout_and_arguments_0(
                        cb.as_ref().unchecked_ref(),
                        150,
                    )?;
            }
            Ok(())
        })
    }

    fn set_t(&mut self, t: usize) -> Result<(), JsValue> {
        self.t = t.min(self.scene.steps);
        self.sync_time()?;
        self.draw()
    }

    fn toggle_play(&mut self) -> Result<(), JsValue> {
        if self.playing {
            self.playing = false;
        } else {
            if self.t >= self.scene.steps {
                self.t = 0;
            }
            self.playing = true;
            self.clock.restart();
            request_frame(&self.window)?;
        }
        self.sync_time()?;
        self.draw()
    }

    /// One animation frame: advance the cursor by speed × elapsed time.
    fn tick(&mut self, ts: f64) -> Result<bool, JsValue> {
        if !self.playing {
            return Ok(false);
        }
        let due = self.clock.due(ts);
        if due > 0 {
            self.t = (self.t + due).min(self.scene.steps);
            if self.t >= self.scene.steps {
                self.playing = false;
            }
            self.sync_time()?;
            self.draw()?;
        }
        Ok(self.playing)
    }

    fn set_view(&mut self, v: View) -> Result<(), JsValue> {
        let w = v.width();
        let h = v.height();
        if !(1e-9..=1e9).contains(&w)
            || !(1e-9..=1e9).contains(&h)
            || v.x0.abs() > 1e12
            || v.y0.abs() > 1e12
        {
            return Ok(());
        }
        self.scene.view = Some(v);
        self.interacting = true;
        self.draw()
    }

    fn zoom_at(&mut self, cx: f64, cy: f64, factor: f64, from: View) -> Result<(), JsValue> {
        let g = Geom {
            view: from,
            ..self.geom
        };
        let p = g.world(cx, cy);
        let v = View {
            x0: p[0] - (p[0] - from.x0) * factor,
            x1: p[0] + (from.x1 - p[0]) * factor,
            y0: p[1] - (p[1] - from.y0) * factor,
            y1: p[1] + (from.y1 - p[1]) * factor,
        };
        self.set_view(v)
    }

    /// A world point rounded to a grain fine enough for the view.
    fn snap(&self, p: [f64; 2]) -> [f64; 2] {
        let grain = |span: f64| 10f64.powf((span / 1000.0).log10().floor());
        let r = |v: f64, g: f64| ((v / g).round() * g * 1e12).round() / 1e12;
        let v = self.scene.view();
        [r(p[0], grain(v.width())), r(p[1], grain(v.height()))]
    }

    fn set_start(&mut self, p: [f64; 2]) -> Result<(), JsValue> {
        let p = self.snap(p);
        if !(p[0].is_finite() && p[1].is_finite()) || p[0].abs() > 1e12 || p[1].abs() > 1e12 {
            return Ok(());
        }
        self.scene.start = p;
        self.refresh_runs()
    }

    /// A file name stem for downloads: `gradscape-quadratic-gd-momentum`.
    fn file_stem(&self) -> String {
        let mut s = format!("gradscape-{}", self.scene.landscape.kind());
        for o in self.scene.optimizers.iter().take(4) {
            s.push('-');
            s.push_str(o.kind.name());
        }
        s
    }

    fn state_json(&self) -> String {
        let mut m = Map::new();
        m.insert("scene".into(), self.scene.to_value());
        m.insert("t".into(), self.t.into());
        m.insert("playing".into(), self.playing.into());
        m.insert("lesson".into(), self.lesson.into());
        m.insert("lang".into(), self.lang.code().into());
        m.insert("hidden".into(), Value::from(self.hidden.clone()));
        let runs = self
            .runs
            .iter()
            .zip(&self.diags)
            .map(|(t, d)| {
                let mut v = run_value(t, false);
                if let Value::Object(o) = &mut v {
                    o.insert("stop".into(), stop_value(&t.stop));
                    let h = match d.health {
                        Health::Ok => "ok",
                        Health::Diverging { .. } => "diverging",
                        Health::Diverged { .. } => "diverged",
                    };
                    o.insert("health".into(), h.into());
                    o.insert("status".into(), status_text(d, t, self.lang).into());
                    o.insert(
                        "hint".into(),
                        gradscape_text::diagnose::hint_text(d, self.lang)
                            .map(Value::from)
                            .unwrap_or(Value::Null),
                    );
                }
                v
            })
            .collect();
        m.insert("runs".into(), Value::Array(runs));
        Value::Object(m).to_string()
    }
}

fn surface_params(l: &Landscape) -> Vec<(&'static str, &'static str, f64)> {
    match l {
        Landscape::Quadratic(q) => vec![
            ("a", "a", q.a),
            ("b", "b", q.b),
            ("rotation", "surface.rotation", q.rotation),
        ],
        Landscape::Rosenbrock(r) => vec![("a", "a", r.a), ("b", "b", r.b)],
        Landscape::Rastrigin(r) => vec![("a", "A", r.a)],
        _ => vec![],
    }
}

fn request_frame(window: &Window) -> Result<(), JsValue> {
    RAF.with(|slot| -> Result<(), JsValue> {
        if slot.borrow().is_none() {
            *slot.borrow_mut() = Some(Closure::<dyn FnMut(f64)>::new(|ts: f64| {
                let mut again = false;
                with_app(|app| {
                    again = app.tick(ts)?;
                    Ok(())
                });
                if again {
                    if let Some(w) = web_sys::window() {
                        let _ = request_frame(&w);
                    }
                }
            }));
        }
        if let Some(cb) = slot.borrow().as_ref() {
            window.request_animation_frame(cb.as_ref().unchecked_ref())?;
        }
        Ok(())
    })
}

/// Apply `key = value` typed in the optimizer card `i`; `Err` is the message.
fn apply_param(scene: &mut Scene, i: usize, key: &str, v: f64, lang: Lang) -> Result<(), String> {
    let Some(spec) = scene.optimizers.get_mut(i) else {
        return Err("no such optimizer".into());
    };
    let info = param_info(spec.kind, key).ok_or("unknown parameter")?;
    let mut trial = *spec;
    params::set(&mut trial.hyper, key, v);
    trial.validate().map_err(|e| {
        trf(
            lang,
            "hyper.error",
            &[
                &param_label(spec.kind, info.key, lang),
                allowed_range(e.field, lang),
                &fmt_field(v),
            ],
        )
    })?;
    *spec = trial;
    Ok(())
}

/// Switching convention keeps η, γ, β, λ and the switches, and takes the new
/// convention's ε (its meaning changes: inside vs outside the root).
fn convert(spec: &OptSpec, to: Convention) -> OptSpec {
    let mut s = *spec;
    s.hyper.eps = spec.kind.defaults(to).eps;
    s
}

/// The index of the optimizer card an event happened in.
fn card_index(e: &web_sys::Event) -> Option<usize> {
    closest(e.target(), "section.opt-card")?
        .get_attribute("data-index")?
        .parse()
        .ok()
}

fn wire(doc: &Document) -> Result<(), JsValue> {
    let window = web_sys::window().ok_or("no window")?;

    // Optimizer cards: delegated input/change/click.
    let cards: Element = by_id(doc, "optimizers")?;
    on(&cards, "input", |e: web_sys::Event| {
        let Some(input) = input_of(e.target()) else {
            return;
        };
        let Some(i) = card_index(&e) else {
            return;
        };
        let key = input.get_attribute("data-param").unwrap_or_default();
        with_app(|app| {
            let root = app.root("optimizers")?;
            let Some(spec) = app.scene.optimizers.get(i).copied() else {
                return Ok(());
            };
            match input.type_().as_str() {
                "range" => {
                    let Some(info) = param_info(spec.kind, &key) else {
                        return Ok(());
                    };
                    let v = info.from_slider(input.value_as_number());
                    if let Err(m) = apply_param(&mut app.scene, i, &key, v, app.lang) {
                        panel::set_card_error(&root, i, &m)?;
                        return Ok(());
                    }
                    panel::sync_card(&root, i, &app.scene.optimizers[i], Some(&input))?;
                    // A drag: the link is rewritten once the slider rests
                    // (history.replaceState costs ~10 ms a call in Chromium,
                    // more than the replay and the redraw of a step).
                    app.interacting = true;
                    app.schedule_idle()?;
                }
                "number" => {
                    let text = input.value();
                    let Ok(v) = text.trim().parse::<f64>() else {
                        return Ok(());
                    };
                    match apply_param(&mut app.scene, i, &key, v, app.lang) {
                        Ok(()) => {
                            panel::sync_card(&root, i, &app.scene.optimizers[i], Some(&input))?
                        }
                        Err(m) => {
                            panel::set_card_error(&root, i, &m)?;
                            return Ok(());
                        }
                    }
                }
                "checkbox" => {
                    if let Some(s) = app.scene.optimizers.get_mut(i) {
                        params::set_flag(&mut s.hyper, &key, input.checked());
                    }
                }
                _ => return Ok(()),
            }
            app.refresh_runs()
        });
    })?;
    on(&cards, "change", |e: web_sys::Event| {
        let Some(input) = input_of(e.target()) else {
            return;
        };
        if input.type_() != "number" {
            return;
        }
        let Some(i) = card_index(&e) else {
            return;
        };
        let key = input.get_attribute("data-param").unwrap_or_default();
        with_app(|app| {
            let root = app.root("optimizers")?;
            let Some(spec) = app.scene.optimizers.get(i).copied() else {
                return Ok(());
            };
            let Some(info) = param_info(spec.kind, &key) else {
                return Ok(());
            };
            let text = input.value();
            match text.trim().parse::<f64>() {
                Ok(v) => {
                    if let Err(m) = apply_param(&mut app.scene, i, &key, v, app.lang) {
                        panel::set_card_error(&root, i, &m)?;
                    }
                }
                Err(_) => {
                    let msg = trf(
                        app.lang,
                        "hyper.unreadable",
                        &[
                            &param_label(spec.kind, info.key, app.lang),
                            allowed_range(&key, app.lang),
                            &fmt_field(params::get(&spec.hyper, &key)),
                        ],
                    );
                    panel::set_card_error(&root, i, &msg)?;
                }
            }
            Ok(())
        });
    })?;
    on(&cards, "click", |e: web_sys::MouseEvent| {
        let Some(btn) = closest(e.target(), "button") else {
            return;
        };
        let Some(i) = card_index(&e) else {
            return;
        };
        with_app(|app| {
            if i >= app.scene.optimizers.len() {
                return Ok(());
            }
            if btn.class_list().contains("remove-opt") {
                app.scene.optimizers.remove(i);
                if i < app.hidden.len() {
                    app.hidden.remove(i);
                }
                app.refresh_all()
            } else if btn.class_list().contains("reset-opt") {
                let kind = app.scene.optimizers[i].kind;
                app.scene.optimizers[i] = OptSpec::new(kind, app.scene.convention);
                panel::sync_card(&app.root("optimizers")?, i, &app.scene.optimizers[i], None)?;
                app.refresh_runs()
            } else {
                Ok(())
            }
        });
    })?;

    // Legend toggles.
    let legend: Element = by_id(doc, "legend")?;
    on(&legend, "change", |e: web_sys::Event| {
        let Some(input) = input_of(e.target()) else {
            return;
        };
        let Some(li) = closest(e.target(), "li") else {
            return;
        };
        let i: usize = li
            .get_attribute("data-index")
            .and_then(|s| s.parse().ok())
            .unwrap_or(usize::MAX);
        with_app(|app| {
            if let Some(h) = app.hidden.get_mut(i) {
                *h = !input.checked();
            }
            app.draw()
        });
    })?;

    // Adding an optimizer.
    let add: HtmlButtonElement = by_id(doc, "add-optimizer")?;
    let kind_sel: HtmlSelectElement = by_id(doc, "add-kind")?;
    on(&add, "click", move |_: web_sys::MouseEvent| {
        let Some(kind) = OptKind::from_name(&kind_sel.value()) else {
            return;
        };
        with_app(|app| {
            if app.scene.optimizers.len() >= 16 {
                app.root("global-error")?
                    .set_text_content(Some(tr(app.lang, "add.max")));
                return Ok(());
            }
            app.scene
                .optimizers
                .push(OptSpec::new(kind, app.scene.convention));
            app.refresh_all()
        });
    })?;

    // Surface, surface parameters, convention, steps, noise.
    let surface: HtmlSelectElement = by_id(doc, "surface")?;
    on(&surface.clone(), "change", move |_: web_sys::Event| {
        let Some(l) = Landscape::from_kind(&surface.value()) else {
            return;
        };
        with_app(|app| {
            if let Landscape::Expr(_) = l {
                // Open the current surface as a formula to edit: the same
                // picture, same start and window, now in the user's hands.
                if let Ok(e) = Expr::parse(&app.scene.landscape.as_formula()) {
                    app.scene.view = Some(app.scene.view());
                    app.scene.landscape = Landscape::Expr(e);
                    return app.refresh_all();
                }
            }
            app.scene.start = l.default_start();
            app.scene.landscape = l;
            app.scene.view = None;
            app.refresh_all()
        });
    })?;
    let sp: Element = by_id(doc, "surface-params")?;
    on(&sp, "change", |e: web_sys::Event| {
        let Some(input) = input_of(e.target()) else {
            return;
        };
        let key = input.get_attribute("data-key").unwrap_or_default();
        with_app(|app| {
            let mut v = app.scene.to_value();
            let parsed: Option<f64> = input.value().trim().parse().ok();
            let Some(num) = parsed else {
                app.root("global-error")?.set_text_content(Some(&trf(
                    app.lang,
                    "surface.nan",
                    &[&key],
                )));
                return Ok(());
            };
            v["landscape"][key.as_str()] = Value::from(num);
            match Scene::from_value(&v) {
                Ok(s) => {
                    app.scene.landscape = s.landscape;
                    app.root("global-error")?.set_text_content(None);
                    app.root("formula")?
                        .set_text_content(Some(&app.scene.landscape.formula()));
                    app.refresh_runs()
                }
                Err(err) => {
                    app.root("global-error")?
                        .set_text_content(Some(&err.to_string()));
                    Ok(())
                }
            }
        });
    })?;
    // Lessons and language.
    let lesson_sel: HtmlSelectElement = by_id(doc, "lesson")?;
    on(&lesson_sel.clone(), "change", move |_: web_sys::Event| {
        let id = lesson_sel.value().parse::<usize>().ok();
        with_app(|app| app.load_lesson(id));
    })?;
    for (id, delta) in [("lesson-prev", -1i64), ("lesson-next", 1)] {
        let b: Element = by_id(doc, id)?;
        on(&b, "click", move |_: web_sys::Event| {
            with_app(|app| {
                let n = LESSONS.len() as i64;
                let next = match app.lesson {
                    Some(c) => (c as i64 - 1 + delta).rem_euclid(n) + 1,
                    None if delta > 0 => 1,
                    None => n,
                };
                app.load_lesson(Some(next as usize))
            });
        })?;
    }
    let lang_sel: HtmlSelectElement = by_id(doc, "lang")?;
    on(&lang_sel.clone(), "change", move |_: web_sys::Event| {
        let lang = Lang::from_code(&lang_sel.value()).unwrap_or_default();
        with_app(|app| {
            app.lang = lang;
            let surface = by_id::<HtmlSelectElement>(&app.doc, "surface")?.value();
            let kind = by_id::<HtmlSelectElement>(&app.doc, "add-kind")?.value();
            fill_selects(&app.doc, lang)?;
            by_id::<HtmlSelectElement>(&app.doc, "surface")?.set_value(&surface);
            by_id::<HtmlSelectElement>(&app.doc, "add-kind")?.set_value(&kind);
            apply_static(&app.doc, lang)?;
            app.fill_lessons()?;
            app.sync_lesson()?;
            // Cards, legend, messages, the step label and the loss chart.
            app.refresh_all()?;
            // A formula error on screen is re-worded too.
            let text = by_id::<HtmlInputElement>(&app.doc, "expr-input")?.value();
            if let Err(e) = Expr::parse(&text) {
                app.show_expr_error(Some((&text, &e)))?;
            }
            explain::render_text(app)?;
            state::on_lang(app)?;
            app.sync_url()
        });
    })?;
    // The formula editor: live validation while typing, example chips,
    // and the view window's fields.
    let expr_input: HtmlInputElement = by_id(doc, "expr-input")?;
    on(&expr_input.clone(), "input", move |_: web_sys::Event| {
        let text = expr_input.value();
        with_app(|app| app.apply_expr(&text));
    })?;
    let chips: Element = by_id(doc, "expr-examples")?;
    on(&chips, "click", |e: web_sys::Event| {
        let Some(b) = e
            .target()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .and_then(|t| t.closest("button[data-expr]").ok().flatten())
        else {
            return;
        };
        let text = b.get_attribute("data-expr").unwrap_or_default();
        with_app(|app| {
            by_id::<HtmlInputElement>(&app.doc, "expr-input")?.set_value(&text);
            app.apply_expr(&text)
        });
    })?;
    let vf: Element = by_id(doc, "view-fields")?;
    on(&vf.clone(), "change", move |_: web_sys::Event| {
        with_app(|app| {
            let mut v = app.scene.view();
            let inputs = vf.query_selector_all("input")?;
            for i in 0..inputs.length() {
                let Some(input) = inputs
                    .item(i)
                    .and_then(|n| n.dyn_into::<HtmlInputElement>().ok())
                else {
                    continue;
                };
                let key = input.get_attribute("data-view").unwrap_or_default();
                let Ok(x) = input.value().trim().parse::<f64>() else {
                    app.root("global-error")?.set_text_content(Some(&trf(
                        app.lang,
                        "view.nan",
                        &[&key, &input.value()],
                    )));
                    return Ok(());
                };
                match key.as_str() {
                    "x0" => v.x0 = x,
                    "x1" => v.x1 = x,
                    "y0" => v.y0 = x,
                    _ => v.y1 = x,
                }
            }
            let mut value = app.scene.to_value();
            value["view"] = serde_json::json!({"x": [v.x0, v.x1], "y": [v.y0, v.y1]});
            match Scene::from_value(&value) {
                Ok(s) => {
                    app.root("global-error")?.set_text_content(None);
                    app.scene.view = s.view;
                    app.draw()
                }
                Err(err) => {
                    app.root("global-error")?
                        .set_text_content(Some(&err.to_string()));
                    Ok(())
                }
            }
        });
    })?;
    let conv: HtmlSelectElement = by_id(doc, "convention")?;
    on(&conv.clone(), "change", move |_: web_sys::Event| {
        let Some(c) = Convention::from_name(&conv.value()) else {
            return;
        };
        with_app(|app| {
            app.scene.optimizers = app.scene.optimizers.iter().map(|s| convert(s, c)).collect();
            app.scene.convention = c;
            app.refresh_all()
        });
    })?;
    let global_number = |id: &'static str,
                         apply: fn(&mut Scene, f64) -> Result<(), &'static str>|
     -> Result<(), JsValue> {
        let input: HtmlInputElement = by_id(doc, id)?;
        let handler = move |e: web_sys::Event| {
            let final_ = e.type_() == "change";
            let text = input.value();
            with_app(|app| {
                let err = app.root("global-error")?;
                match text.trim().parse::<f64>() {
                    Ok(v) => match apply(&mut app.scene, v) {
                        Ok(()) => {
                            err.set_text_content(None);
                            app.refresh_runs()
                        }
                        Err(rule) => {
                            let rule = tr(app.lang, rule);
                            err.set_text_content(Some(&trf(
                                app.lang,
                                "rule.got",
                                &[rule, &fmt_field(v)],
                            )));
                            Ok(())
                        }
                    },
                    Err(_) if final_ => {
                        let rule = match id {
                            "steps" => "rule.steps",
                            "noise-sigma" => "rule.sigma",
                            _ => "rule.seed",
                        };
                        err.set_text_content(Some(&trf(
                            app.lang,
                            "rule.unreadable",
                            &[tr(app.lang, rule)],
                        )));
                        Ok(())
                    }
                    Err(_) => Ok(()),
                }
            });
        };
        let input2: HtmlInputElement = by_id(doc, id)?;
        on(&input2, "input", handler.clone())?;
        on(&input2, "change", handler)
    };
    global_number("steps", |s, v| {
        if v.fract() == 0.0 && (0.0..=MAX_STEPS as f64).contains(&v) {
            s.steps = v as usize;
            Ok(())
        } else {
            Err("rule.steps")
        }
    })?;
    global_number("noise-sigma", |s, v| {
        if (0.0..=1e6).contains(&v) {
            s.noise.sigma = v;
            Ok(())
        } else {
            Err("rule.sigma")
        }
    })?;
    global_number("noise-seed", |s, v| {
        if v.fract() == 0.0 && (0.0..=crate::scene::MAX_SEED as f64).contains(&v) {
            s.noise.seed = v as u64;
            Ok(())
        } else {
            Err("rule.seed")
        }
    })?;

    // Time bar.
    let btn = |id: &str, f: fn(&mut App) -> Result<(), JsValue>| -> Result<(), JsValue> {
        let b: HtmlButtonElement = by_id(doc, id)?;
        on(&b, "click", move |_: web_sys::MouseEvent| with_app(f))
    };
    btn("play", |app| app.toggle_play())?;
    btn("step", |app| {
        app.playing = false;
        app.set_t(app.t + 1)
    })?;
    btn("step-back", |app| {
        app.playing = false;
        app.set_t(app.t.saturating_sub(1))
    })?;
    btn("reset", |app| {
        app.playing = false;
        app.set_t(0)
    })?;
    btn("reset-view", |app| {
        app.scene.view = None;
        app.draw()
    })?;
    let scrub: HtmlInputElement = by_id(doc, "scrub")?;
    on(&scrub.clone(), "input", move |_: web_sys::Event| {
        let v = scrub.value_as_number();
        with_app(|app| {
            app.playing = false;
            app.set_t(if v.is_finite() {
                v.max(0.0) as usize
            } else {
                0
            })
        });
    })?;
    let speed: HtmlSelectElement = by_id(doc, "speed")?;
    on(&speed.clone(), "change", move |_: web_sys::Event| {
        let v: f64 = speed.value().parse().unwrap_or(5.0);
        with_app(|app| {
            app.clock.speed = v.clamp(0.1, 10000.0);
            Ok(())
        });
    })?;

    // Keyboard: Space, ←/→, R — unless a control has the focus.
    on(doc, "keydown", |e: KeyboardEvent| {
        if e.ctrl_key() || e.meta_key() || e.alt_key() {
            return;
        }
        let key = e.key();
        if let Some(t) = e.target().and_then(|t| t.dyn_into::<Element>().ok()) {
            let tag = t.tag_name().to_ascii_uppercase();
            let kind = t.get_attribute("type").unwrap_or_default();
            // Fields and sliders keep their own keys; buttons, checkboxes and
            // summaries keep Space (it activates them) but not ←/→/R.
            let typing = matches!(tag.as_str(), "SELECT" | "TEXTAREA")
                || (tag == "INPUT" && kind != "checkbox" && kind != "button");
            let clicks = matches!(tag.as_str(), "BUTTON" | "SUMMARY")
                || (tag == "INPUT" && kind == "checkbox");
            if typing || (clicks && key == " ") {
                return;
            }
        }
        let handled = matches!(key.as_str(), " " | "ArrowRight" | "ArrowLeft" | "r" | "R");
        if !handled {
            return;
        }
        e.prevent_default();
        with_app(|app| match key.as_str() {
            " " => app.toggle_play(),
            "ArrowRight" => {
                app.playing = false;
                app.set_t(app.t + 1)
            }
            "ArrowLeft" => {
                app.playing = false;
                app.set_t(app.t.saturating_sub(1))
            }
            _ => {
                app.playing = false;
                app.set_t(0)
            }
        });
    })?;

    // Canvas: click/tap sets the start, drag the start marker, drag to pan,
    // wheel and pinch to zoom.
    let plot: HtmlCanvasElement = by_id(doc, "plot")?;
    let rel = |plot: &HtmlCanvasElement, x: i32, y: i32| -> (f64, f64) {
        let r = plot.get_bounding_client_rect();
        (x as f64 - r.left(), y as f64 - r.top())
    };
    {
        let p = plot.clone();
        on(&plot, "pointerdown", move |e: PointerEvent| {
            let (x, y) = rel(&p, e.client_x(), e.client_y());
            let _ = p.set_pointer_capture(e.pointer_id());
            with_app(|app| {
                app.pointers.retain(|q| q.0 != e.pointer_id());
                app.pointers.push((e.pointer_id(), x, y));
                if app.pointers.len() == 2 {
                    let (a, b) = (app.pointers[0], app.pointers[1]);
                    let d = ((a.1 - b.1).powi(2) + (a.2 - b.2).powi(2)).sqrt().max(1.0);
                    app.pinch = Some((d, app.scene.view(), [(a.1 + b.1) / 2.0, (a.2 + b.2) / 2.0]));
                    app.drag = Drag::None;
                    return Ok(());
                }
                let (sx, sy) = app.geom.px(app.scene.start);
                app.drag = if (sx - x).hypot(sy - y) <= 12.0 {
                    Drag::Start
                } else {
                    Drag::Pending { x, y }
                };
                Ok(())
            });
        })?;
    }
    {
        let p = plot.clone();
        on(&plot, "pointermove", move |e: PointerEvent| {
            let (x, y) = rel(&p, e.client_x(), e.client_y());
            with_app(|app| {
                if let Some(q) = app.pointers.iter_mut().find(|q| q.0 == e.pointer_id()) {
                    q.1 = x;
                    q.2 = y;
                }
                if let (Some((d0, v0, mid)), 2) = (app.pinch, app.pointers.len()) {
                    let (a, b) = (app.pointers[0], app.pointers[1]);
                    let d = ((a.1 - b.1).powi(2) + (a.2 - b.2).powi(2)).sqrt().max(1.0);
                    return app.zoom_at(mid[0], mid[1], d0 / d, v0);
                }
                match app.drag {
                    Drag::Start => {
                        let w = app.geom.world(x, y);
                        app.set_start(w)
                    }
                    Drag::Pending { x: x0, y: y0 } if (x - x0).hypot(y - y0) > 4.0 => {
                        app.drag = Drag::Pan {
                            view: app.scene.view(),
                            x: x0,
                            y: y0,
                        };
                        Ok(())
                    }
                    Drag::Pan { view, x: x0, y: y0 } => {
                        let dx = (x - x0) / app.geom.w * view.width();
                        let dy = (y - y0) / app.geom.h * view.height();
                        app.set_view(View {
                            x0: view.x0 - dx,
                            x1: view.x1 - dx,
                            y0: view.y0 + dy,
                            y1: view.y1 + dy,
                        })
                    }
                    _ => Ok(()),
                }
            });
        })?;
    }
    let end = |p: HtmlCanvasElement, click: bool| {
        move |e: PointerEvent| {
            let (x, y) = rel(&p, e.client_x(), e.client_y());
            with_app(|app| {
                app.pointers.retain(|q| q.0 != e.pointer_id());
                if app.pointers.len() < 2 {
                    app.pinch = None;
                }
                let drag = std::mem::replace(&mut app.drag, Drag::None);
                if click {
                    if let Drag::Pending { .. } = drag {
                        let w = app.geom.world(x, y);
                        return app.set_start(w);
                    }
                }
                if app.interacting {
                    app.schedule_idle()?;
                }
                Ok(())
            });
        }
    };
    on(&plot, "pointerup", end(plot.clone(), true))?;
    on(&plot, "pointercancel", end(plot.clone(), false))?;
    {
        let p = plot.clone();
        on_active(&plot, "wheel", move |e: WheelEvent| {
            e.prevent_default();
            let (x, y) = rel(&p, e.client_x(), e.client_y());
            let unit = match e.delta_mode() {
                1 => 30.0,
                2 => 300.0,
                _ => 1.0,
            };
            let factor = (e.delta_y() * unit * 0.0015).clamp(-1.0, 1.0).exp();
            with_app(|app| {
                let v = app.scene.view();
                app.zoom_at(x, y, factor, v)?;
                app.schedule_idle()
            });
        })?;
    }

    // Share and export.
    let export = |id: &str, f: fn(&App) -> Result<(), JsValue>| -> Result<(), JsValue> {
        let b: HtmlButtonElement = by_id(doc, id)?;
        on(&b, "click", move |_: web_sys::MouseEvent| {
            with_app(|app| f(app))
        })
    };
    export("copy-link", |app| {
        let href = app.window.location().href()?;
        let status = app.root("share-status")?;
        let (ok, failed) = (status.clone(), status.clone());
        let copied = tr(app.lang, "share.copied");
        let copy_this = trf(app.lang, "share.copy-this", &[&href]);
        let on_ok =
            Closure::<dyn FnMut(JsValue)>::new(move |_: JsValue| ok.set_text_content(Some(copied)));
        let on_err = Closure::<dyn FnMut(JsValue)>::new(move |_: JsValue| {
            failed.set_text_content(Some(&copy_this))
        });
        let _ = app
            .window
            .navigator()
            .clipboard()
            .write_text(&href)
            .then2(&on_ok, &on_err);
        // One pair per click, kept until the promise settles.
        on_ok.forget();
        on_err.forget();
        Ok(())
    })?;
    export("copy-embed", |app| {
        let href = app.window.location().href()?;
        let base = href.split('?').next().unwrap_or("").to_string();
        let query = crate::url::to_query(&app.scene, Some(app.t));
        let code = format!(
            "<iframe src=\"{base}?{query}&embed\" width=\"640\" height=\"440\" style=\"border:0\" title=\"gradscape: optimizers on a loss surface\" loading=\"lazy\"></iframe>"
        );
        let out = app.root("embed-code")?;
        out.set_text_content(Some(&code));
        let _ = app.window.navigator().clipboard().write_text(&code);
        Ok(())
    })?;
    export("export-png", |app| {
        let url = app.plot.to_data_url()?;
        download_url(&app.doc, &url, &format!("{}.png", app.file_stem()))
    })?;
    export("export-svg", |app| {
        let runs =
            simulate_with(&app.scene, false).map_err(|e| JsValue::from_str(&e.to_string()))?;
        let opt = crate::svg::SvgOptions {
            width: app.geom.w.round().clamp(200.0, 10000.0) as u32,
            height: app.geom.h.round().clamp(150.0, 10000.0) as u32,
            ..Default::default()
        };
        let text = crate::svg::render(&app.scene, &runs, &opt);
        download_text(
            &app.doc,
            &text,
            "image/svg+xml",
            &format!("{}.svg", app.file_stem()),
        )
    })?;
    export("export-csv", |app| {
        let runs =
            simulate_with(&app.scene, false).map_err(|e| JsValue::from_str(&e.to_string()))?;
        let text = crate::output::simulation_csv(&runs);
        download_text(
            &app.doc,
            &text,
            "text/csv",
            &format!("{}.csv", app.file_stem()),
        )
    })?;
    export("export-json", |app| {
        let runs =
            simulate_with(&app.scene, false).map_err(|e| JsValue::from_str(&e.to_string()))?;
        let text = crate::output::simulation_value(&runs, false).to_string() + "\n";
        download_text(
            &app.doc,
            &text,
            "application/json",
            &format!("{}-runs.json", app.file_stem()),
        )
    })?;
    export("export-scene", |app| {
        let text = app.scene.to_json() + "\n";
        download_text(
            &app.doc,
            &text,
            "application/json",
            &format!("{}-scene.json", app.file_stem()),
        )
    })?;

    state::wire(doc)?;
    // Resize: redraw at the new size.
    on(&window, "resize", |_: web_sys::Event| {
        with_app(|app| app.draw())
    })?;
    Ok(())
}

fn fill_selects(doc: &Document, lang: Lang) -> Result<(), JsValue> {
    let surface: Element = by_id(doc, "surface")?;
    surface.set_text_content(None);
    for k in KINDS {
        let l = Landscape::from_kind(k).ok_or("kind")?;
        let name = match l {
            Landscape::Expr(_) => format!("{k} — {}", tr(lang, "surface.expr")),
            _ => format!("{} — {}", k, l.formula().trim_start_matches("f = ")),
        };
        add(&surface, &el(doc, "option", &[("value", k)], Some(&name))?)?;
    }
    let kinds: Element = by_id(doc, "add-kind")?;
    kinds.set_text_content(None);
    for k in crate::optim::ALL_KINDS {
        add(
            &kinds,
            &el(
                doc,
                "option",
                &[("value", k.name())],
                Some(gradscape_text::diagnose::kind_title(k, lang)),
            )?,
        )?;
    }
    Ok(())
}

/// Entry point: install the panic hook, build the page, draw the default scene.
#[wasm_bindgen(start)]
pub fn start() -> Result<(), JsValue> {
    crash::install();
    let window = web_sys::window().ok_or("no window")?;
    let doc = window.document().ok_or("no document")?;
    // A page without the playground (e.g. course notes using `mount`) only
    // needs the module's exports.
    if doc.get_element_by_id("plot").is_none() {
        return Ok(());
    }
    let plot: HtmlCanvasElement = by_id(&doc, "plot")?;
    let loss: HtmlCanvasElement = by_id(&doc, "loss")?;
    let page = crate::url::page_params(&window.location().search().unwrap_or_default());
    let lang0 = page
        .lang
        .as_deref()
        .and_then(Lang::from_code)
        .unwrap_or_default();
    fill_selects(&doc, lang0)?;
    apply_static(&doc, lang0)?;
    // The address bar's scene, if any; dropped values are listed in a notice.
    let search = window.location().search().unwrap_or_default();
    let (scene, t0, notices) = if search.len() > 1 {
        crate::url::from_query(&search)
    } else {
        (Scene::default(), None, vec![])
    };
    show_notices(&doc, &notices, lang0)?;
    // `?lesson=3` alone opens the lesson's scene; with scene keys, the link's
    // scene keeps the lesson's caption.
    let (scene, t0) = match page.lesson.and_then(lesson) {
        Some(l) if !page.has_scene => {
            let s = l.scene();
            let t = t0.unwrap_or(s.steps).min(s.steps);
            (s, Some(t))
        }
        _ => (scene, t0),
    };
    let embed = embed_params(&search);
    if let Some(body) = doc.body() {
        if embed.is_some() {
            body.class_list().add_1("embed")?;
            body.set_attribute("data-hide", &hidden_parts(&search).join(" "))?;
        }
    }
    let steps = t0.unwrap_or(scene.steps);
    let geom = Geom {
        view: scene.view(),
        w: 0.0,
        h: 0.0,
        dpr: 1.0,
    };
    let app = App {
        window,
        doc: doc.clone(),
        plot,
        loss,
        scene,
        runs: vec![],
        diags: vec![],
        hidden: vec![],
        t: steps,
        playing: false,
        clock: Clock::new(5.0),
        cache: None,
        geom,
        drag: Drag::None,
        pointers: vec![],
        pinch: None,
        interacting: false,
        draws: 0,
        url: String::new(),
        embed: embed.clone(),
        replay: 0,
        lesson: page.lesson,
        lang: lang0,
        explain: explain::State::default(),
        inspector: state::Inspector::default(),
    };
    APP.with(|a| *a.borrow_mut() = Some(app));
    wire(&doc)?;
    let mut result = Ok(());
    with_app(|app| {
        app.fill_lessons()?;
        app.sync_lesson()?;
        explain::build(app)?;
        state::open_for_lesson(&app.doc, app.lesson)?;
        result = app.refresh_all();
        Ok(())
    });
    result?;
    if let Ok(status) = by_id::<HtmlElement>(&doc, "status") {
        status.set_text_content(None);
    }
    Ok(())
}

/// The static words of the page (`data-i18n`: text, `data-i18n-aria`:
/// aria-label, `data-i18n-title`: title) in `lang`, and the document title.
fn apply_static(doc: &Document, lang: Lang) -> Result<(), JsValue> {
    for (sel, attr) in [
        ("[data-i18n]", None),
        ("[data-i18n-aria]", Some("aria-label")),
        ("[data-i18n-title]", Some("title")),
    ] {
        let data = match attr {
            None => "data-i18n",
            Some("aria-label") => "data-i18n-aria",
            _ => "data-i18n-title",
        };
        let list = doc.query_selector_all(sel)?;
        for i in 0..list.length() {
            let Some(e) = list.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else {
                continue;
            };
            let key = e.get_attribute(data).unwrap_or_default();
            let text = tr(lang, &key);
            match attr {
                None => e.set_text_content(Some(text)),
                Some(a) => e.set_attribute(a, text)?,
            }
        }
    }
    doc.set_title(tr(lang, "doc.title"));
    if let Some(html) = doc.document_element() {
        html.set_attribute("lang", lang.code())?;
    }
    Ok(())
}

/// Start a download of a URL under a file name.
fn download_url(doc: &Document, url: &str, name: &str) -> Result<(), JsValue> {
    let a: web_sys::HtmlAnchorElement =
        el(doc, "a", &[("href", url), ("download", name)], None)?.dyn_into()?;
    a.click();
    Ok(())
}

/// Start a download of text (as a data URL: nothing to revoke).
fn download_text(doc: &Document, text: &str, mime: &str, name: &str) -> Result<(), JsValue> {
    let data: String = js_sys::encode_uri_component(text).into();
    download_url(doc, &format!("data:{mime};charset=utf-8,{data}"), name)
}

/// The `embed`, `hide` and `show` pairs of a query, as `&embed&hide=…`,
/// or `None` outside embed mode.
fn embed_params(search: &str) -> Option<String> {
    let pairs: Vec<&str> = search
        .trim_start_matches('?')
        .split('&')
        .filter(|p| {
            let k = p.split('=').next().unwrap_or("");
            matches!(k, "embed" | "hide" | "show")
        })
        .collect();
    if pairs.iter().any(|p| p.split('=').next() == Some("embed")) {
        Some(pairs.iter().map(|p| format!("&{p}")).collect())
    } else {
        None
    }
}

/// The parts an embedded figure leaves out: `loss` and `messages` unless
/// `show` names them; whatever `hide` names (`legend`, `bar`, `loss`, `messages`).
fn hidden_parts(search: &str) -> Vec<String> {
    let mut hidden: Vec<String> = vec!["loss".into(), "messages".into()];
    for p in search.trim_start_matches('?').split('&') {
        let (k, v) = p.split_once('=').unwrap_or((p, ""));
        for part in v.split(',').map(|x| x.trim()).filter(|x| !x.is_empty()) {
            match k {
                "show" => hidden.retain(|h| h != part),
                "hide" if !hidden.iter().any(|h| h == part) => hidden.push(part.to_string()),
                _ => {}
            }
        }
    }
    hidden
}

fn show_notices(doc: &Document, notices: &[crate::url::Notice], lang: Lang) -> Result<(), JsValue> {
    let notice: HtmlElement = by_id(doc, "notice")?;
    let list: Element = by_id(doc, "notice-list")?;
    list.set_text_content(None);
    for n in notices {
        let text = gradscape_text::errors::notice(n, lang);
        add(&list, &el(doc, "li", &[], Some(&text))?)?;
    }
    notice.set_hidden(notices.is_empty());
    let close: HtmlButtonElement = by_id(doc, "notice-close")?;
    let n2 = notice.clone();
    on(&close, "click", move |_: web_sys::MouseEvent| {
        n2.set_hidden(true)
    })?;
    Ok(())
}

/// The Latin words of `text` that are not names or symbols (the browser
/// tests use it to find English left on the page in 中文 mode), as JSON.
#[wasm_bindgen]
pub fn english_words(text: &str) -> String {
    Value::from(gradscape_text::english_words(text)).to_string()
}

/// The page's state as JSON: the scene, the cursor, the runs with their
/// health (for tests and for the share/export features).
#[wasm_bindgen]
pub fn page_state() -> String {
    let mut out = String::new();
    with_app(|app| {
        out = app.state_json();
        Ok(())
    });
    out
}

/// Replace the whole scene; throws the scene error (naming the field) and
/// leaves the page unchanged when the JSON is bad.
#[wasm_bindgen]
pub fn set_scene_json(text: &str) -> Result<(), JsValue> {
    let scene = Scene::from_json(text).map_err(|e| {
        JsValue::from_str(&gradscape_text::errors::scene_error(
            &e,
            gradscape_text::Lang::En,
        ))
    })?;
    let mut result = Ok(());
    with_app(|app| {
        app.scene = scene;
        app.hidden.clear();
        app.playing = false;
        app.t = app.scene.steps;
        result = app.refresh_all();
        Ok(())
    });
    result
}

/// Simulate a scene given as JSON; returns the simulation output JSON
/// (`{"version": 1, "runs": [...]}`) or throws the scene error.
#[wasm_bindgen]
pub fn simulate_json(scene: &str) -> Result<String, JsValue> {
    let scene = Scene::from_json(scene).map_err(|e| {
        JsValue::from_str(&gradscape_text::errors::scene_error(
            &e,
            gradscape_text::Lang::En,
        ))
    })?;
    let runs = simulate(&scene).map_err(|e| JsValue::from_str(&e.to_string()))?;
    Ok(crate::output::simulation_value(&runs, false).to_string())
}
