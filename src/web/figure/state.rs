//! A mounted figure's state and its one render step: the model, the
//! elements it draws into, the animation loop.

use crate::app::{update, Dirty, Model, Msg};
use crate::diagnose::Diagnosis;
use crate::run::Trajectory;
use crate::web::dom::{add, el, set_text};
use crate::web::draw::{
    draw_loss, draw_plot, overlay::Overlay, render_surface, Curves, Frame, Geom, Style,
    SurfaceCache,
};
use crate::web::panel::swatch;
use crate::web::state::iso::{fine_lines, shown_l2};
use gradscape_text::diagnose::status_at;
use gradscape_text::optim::run_label;
use gradscape_text::{tr, trf, Lang};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlButtonElement, HtmlCanvasElement, HtmlInputElement};

/// The L2 isolines traced, with their surface, λ and geometry (a new
/// scene's quadratic has the same default window as the last one's).
pub(super) type L2Lines = (
    crate::landscape::Landscape,
    f64,
    Geom,
    Rc<Vec<Vec<crate::Vec2>>>,
);

pub(super) struct State {
    pub(super) root: Element,
    pub(super) plot: HtmlCanvasElement,
    pub(super) loss: Option<HtmlCanvasElement>,
    pub(super) scrub: HtmlInputElement,
    pub(super) label: Element,
    pub(super) play: HtmlButtonElement,
    pub(super) legend: Element,
    pub(super) model: Model,
    /// The figure's language (`options.lang`, else the page's `<html lang>`).
    pub(super) lang: Lang,
    pub(super) cache: Option<SurfaceCache>,
    /// Lesson 9's dashed L2 isolines, as the page draws them whenever an
    /// Adam+L2 run is shown, and the λ and geometry they were traced for.
    pub(super) l2: Option<L2Lines>,
    pub(super) raf: Option<Closure<dyn FnMut(f64)>>,
    /// The pending animation frame: cancelled before `raf` is dropped, or
    /// the browser would call a freed closure.
    pub(super) frame: Option<i32>,
    pub(super) alive: bool,
    /// The figure's whole height, when the author set one (`height`): the
    /// plot takes what the bar, legend and loss chart leave of it.
    pub(super) fit_height: Option<f64>,
    /// What the other parts took when last measured, and at which plot
    /// width: measured again only when the width or the legend changes
    /// (a status line that wraps at one step and not the next would make
    /// the plot jump while playing).
    pub(super) others: std::cell::Cell<Option<(f64, f64)>>,
    /// What watches the host page's theme (a loss chart's ink follows it);
    /// disconnected by `destroy`.
    pub(super) theme: Option<web_sys::MutationObserver>,
}

pub(super) type Shared = Rc<RefCell<State>>;

impl State {
    /// Apply a message, render what it leaves dirty; whether to animate.
    pub(super) fn handle(&mut self, msg: Msg) -> Result<bool, JsValue> {
        let d = update(&mut self.model, msg);
        if d.has(Dirty::LEGEND) {
            self.legend()?;
        } else if d.has(Dirty::TIME) {
            self.legend_step();
        }
        if !d.is_empty() {
            self.draw()?;
        }
        Ok(d.has(Dirty::ANIMATE) && self.alive)
    }

    pub(super) fn legend(&self) -> Result<(), JsValue> {
        // The legend's lines may change what the plot is left.
        self.others.set(None);
        let doc = web_sys::window()
            .and_then(|w| w.document())
            .ok_or("no document")?;
        self.legend.set_text_content(None);
        for (i, (t, d)) in self.model.runs.iter().zip(&self.model.diags).enumerate() {
            let li = el(&doc, "li", &[], None)?;
            // Its own class names only (`gs-`): a course site's Bootstrap
            // (Quarto's too) gives `.mark` a cream box and padding.
            let sw = swatch(&doc, i)?;
            sw.set_attribute("class", "gs-swatch")?;
            add(&li, &sw)?;
            add(
                &li,
                &el(
                    &doc,
                    "span",
                    &[("class", "gs-words")],
                    Some(&self.entry(t, d)),
                )?,
            )?;
            add(&self.legend, &li)?;
        }
        Ok(())
    }

    /// A run's legend words at the figure's step: "GD η=0.6 — f = 0.0079".
    fn entry(&self, t: &Trajectory, d: &Diagnosis) -> String {
        let status = status_at(d, t, self.model.t, self.lang).0;
        format!("{} — {status}", run_label(t, self.lang))
    }

    /// The legend brought to the figure's step (playing, scrubbing): only
    /// the words that change are written.
    fn legend_step(&self) {
        let mut li = self.legend.first_element_child();
        for (t, d) in self.model.runs.iter().zip(&self.model.diags) {
            let Some(item) = li else {
                return;
            };
            li = item.next_element_sibling();
            if let Some(span) = item.last_element_child() {
                set_text(&span, &self.entry(t, d));
            }
        }
    }

    pub(super) fn draw(&mut self) -> Result<(), JsValue> {
        if !self.alive {
            return Ok(());
        }
        let window = web_sys::window().ok_or("no window")?;
        let doc = window.document().ok_or("no document")?;
        let view = self.model.scene.view();
        let dpr = window.device_pixel_ratio().clamp(0.5, 4.0);
        let w = (self.plot.client_width() as f64).max(100.0);
        let aspect = w * view.height() / view.width();
        let h = match self.fit_height {
            // From the plot's top to the last part's bottom, less the plot:
            // what the other parts take, whatever the room left over.
            Some(total) => {
                let others = match self.others.get() {
                    Some((width, others)) if width == w => others,
                    _ => {
                        let top = self.plot.get_bounding_client_rect().top();
                        let bottom = self
                            .root
                            .last_element_child()
                            .map(|e| e.get_bounding_client_rect().bottom())
                            .unwrap_or(top);
                        let others = bottom - top - f64::from(self.plot.client_height());
                        self.others.set(Some((w, others)));
                        others
                    }
                };
                aspect.min(total - others).clamp(80.0, 900.0).round()
            }
            None => aspect.clamp(120.0, 900.0),
        };
        self.plot
            .style()
            .set_property("height", &format!("{h}px"))?;
        // The pointer rules map pixels through the model's canvas size.
        update(&mut self.model, Msg::Measured { w, h });
        let geom = Geom { view, w, h, dpr };
        // A figure in course notes is read close up: the normal sizes.
        let style = Style::of(false, w);
        let fresh = self
            .cache
            .as_ref()
            .map(|c| c.matches(&self.model.scene.landscape, &geom, &style, false))
            .unwrap_or(false);
        if !fresh {
            self.cache = Some(render_surface(
                &doc,
                &self.model.scene.landscape,
                &geom,
                &style,
                false,
            )?);
        }
        if let Some(cache) = &self.cache {
            // A figure has no legend checkboxes: every run is shown.
            let hidden = &self.model.hidden;
            let frame = Frame {
                geom,
                runs: &self.model.runs,
                diags: &self.model.diags,
                hidden,
                t: self.model.t,
                start: self.model.scene.start,
                live: self.model.playing,
                style,
                replay: self.model.replay,
            };
            let lambda = shown_l2(&self.model.scene.optimizers, hidden);
            let land = &self.model.scene.landscape;
            let l2 = match (lambda, &self.l2) {
                (None, _) => None,
                (Some(l), Some((s, was, g, lines))) if s == land && *was == l && *g == geom => {
                    Some(lines.clone())
                }
                (Some(l), _) => {
                    let lines = fine_lines(land, l, &geom);
                    self.l2 = Some((land.clone(), l, geom, lines.clone()));
                    Some(lines)
                }
            };
            let overlay = l2.map(|lines| Overlay {
                l2: Some(lines),
                lang: self.lang,
                ..Overlay::default()
            });
            draw_plot(&self.plot, cache, &frame, overlay.as_ref())?;
            if let Some(loss) = &self.loss {
                let dark = crate::web::dom::on_dark(&window, &self.root);
                let curves = Curves {
                    runs: &self.model.runs,
                    diags: &self.model.diags,
                    hidden,
                    steps: self.model.scene.steps,
                    dark,
                    lang: self.lang,
                };
                draw_loss(
                    loss,
                    dpr,
                    self.model.replay,
                    &curves,
                    self.model.t,
                    &style,
                    None,
                )?;
            }
        }
        self.scrub.set_max(&self.model.scene.steps.to_string());
        self.scrub.set_value(&self.model.t.to_string());
        let (t, n) = (self.model.t.to_string(), self.model.scene.steps.to_string());
        self.scrub.set_attribute(
            "aria-valuetext",
            &trf(self.lang, "scrub.valuetext", &[&t, &n]),
        )?;
        self.label.set_text_content(Some(&trf(
            self.lang,
            "step.label",
            &[
                &self.model.t.to_string(),
                &self.model.scene.steps.to_string(),
            ],
        )));
        self.play
            .set_text_content(Some(if self.model.playing { "❚❚" } else { "▶" }));
        self.play.set_attribute(
            "aria-label",
            tr(self.lang, if self.model.playing { "pause" } else { "play" }),
        )?;
        self.root
            .set_attribute("data-t", &self.model.t.to_string())?;
        self.plot.set_attribute("data-ready", "true")?;
        Ok(())
    }
}

pub(super) fn request(state: &Shared) -> Result<(), JsValue> {
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
        s.frame = Some(window.request_animation_frame(cb.as_ref().unchecked_ref())?);
    }
    Ok(())
}

impl State {
    /// Stop the animation loop and drop its closure.
    pub(super) fn stop(&mut self) {
        if let (Some(id), Some(w)) = (self.frame.take(), web_sys::window()) {
            let _ = w.cancel_animation_frame(id);
        }
        self.raf = None;
    }
}

impl Drop for State {
    /// A figure freed while playing (its handle garbage-collected or
    /// `free()`d) must not leave a frame pointing at its closure.
    fn drop(&mut self) {
        self.stop();
    }
}
