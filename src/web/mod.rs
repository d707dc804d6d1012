//! The browser shell (wasm only): the live playground.
//!
//! One data flow, in the shape of wasm-bindgen's todomvc example: DOM events
//! become [`Msg`]s pushed to one queue ([`dispatch`]); the queue is drained
//! one message at a time through [`crate::app::update`], which changes the
//! [`Model`] and says what is [`Dirty`]; [`render`] brings exactly that part
//! of the page up to date and writes the link once. A message that arrives
//! while another is handled waits in the queue instead of being dropped.

pub mod api;
#[doc(hidden)]
pub mod bench;
mod calmer;
mod caption;
mod card_keys;
mod card_sync;
mod code;
mod controls;
mod crash;
mod cycled;
pub mod dom;
pub mod draw;
mod events;
mod explain;
mod fields;
pub mod figure;
mod focus;
mod gestures;
mod legend;
mod link;
mod locks;
mod morph;
mod notice;
mod open;
mod page;
mod panel;
mod place;
mod pointer;
mod quiz;
mod quiz_names;
mod quiz_share;
mod render;
mod schedule;
mod share;
mod sizes;
mod slider;
mod start;
mod state;
mod summary;
mod teach;
mod timebar;
mod timer;
mod touch_tip;
mod video;
mod welcome;
pub mod zh;

pub use api::{english_words, page_state, set_scene_json, simulate_json};
pub use page::start;

use crate::app::{self, CardError, Dirty, Model, Msg};
use crate::format;
use draw::{Geom, SurfaceCache};
use gradscape_text::optim::{allowed_range, key_label, key_value_text, param_label, range_words};
use gradscape_text::{trf, Lang};
use std::cell::RefCell;
use std::collections::VecDeque;
use std::ops::{Deref, DerefMut};
use wasm_bindgen::prelude::*;
use web_sys::{Document, Element, HtmlCanvasElement, Window};

/// The page: the model and what it is drawn on.
pub struct App {
    /// The page's state (also reached through `Deref`: `app.scene`).
    pub model: Model,
    window: Window,
    doc: Document,
    plot: HtmlCanvasElement,
    loss: HtmlCanvasElement,
    cache: Option<SurfaceCache>,
    /// The plot's geometry at the last draw.
    geom: Geom,
    draws: u64,
    /// The query last written to the address bar.
    url: String,
    /// Embed mode: the `embed`/`hide`/`show` part of the query, kept as given.
    embed: Option<String>,
    /// A teacher link's `lock=`/`hide=` part, written back into the link
    /// (`hide=` stays in `embed` when embedded).
    teach: String,
    /// The EMA explainer and the sweeps under the loss chart.
    explain: explain::State,
    /// The state panel's steppers and caches.
    inspector: state::Inspector,
}

impl Deref for App {
    type Target = Model;
    fn deref(&self) -> &Model {
        &self.model
    }
}

impl DerefMut for App {
    fn deref_mut(&mut self) -> &mut Model {
        &mut self.model
    }
}

/// A panel's own work on the page (the explainers' and the state panel's
/// caches and canvases live in [`App`], beside the model).
type PanelJob = Box<dyn FnOnce(&mut App) -> Result<(), JsValue>>;

/// What waits in the queue: a message for [`app::update`], or panel work.
enum Job {
    Msg(Msg),
    Panel(PanelJob),
}

thread_local! {
    static APP: RefCell<Option<App>> = const { RefCell::new(None) };
    static QUEUE: RefCell<VecDeque<Job>> = const { RefCell::new(VecDeque::new()) };
    /// Set from the first picture until the rest of the page is built
    /// (web/page.rs): messages wait in the queue meanwhile.
    static BOOTING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Whether `e` is the page's own doing, not the user's: a change, blur or
/// focusout fired while a message is being handled. Chromium fires them
/// when a render removes the focused field (the cards rebuilt by Escape's
/// undo): the removed field's "change" then set η back to the text just
/// abandoned, and its "change" ended the edit before Escape could.
pub(crate) fn echo(e: &web_sys::Event) -> bool {
    // Busy first: every event of the page passes here, and the type is a
    // string copied out of JS.
    APP.with(|a| a.try_borrow_mut().is_err())
        && matches!(e.type_().as_str(), "change" | "blur" | "focusout")
}

/// Queue `msg` and, unless a message is being handled (it will pick this
/// one up), handle the queue.
pub fn dispatch(msg: Msg) {
    QUEUE.with(|q| q.borrow_mut().push_back(Job::Msg(msg)));
    drain();
}

fn drain() {
    if BOOTING.with(|b| b.get()) {
        return;
    }
    APP.with(|a| {
        // Busy: the caller up the stack drains the queue when it is done.
        let Ok(mut guard) = a.try_borrow_mut() else {
            return;
        };
        let Some(app) = guard.as_mut() else {
            return;
        };
        let focused = focus::focused(&app.doc);
        while let Some(job) = QUEUE.with(|q| q.borrow_mut().pop_front()) {
            let r = match job {
                Job::Msg(msg) => {
                    // The link of what is shown, for the history entry a
                    // lesson chosen leaves (its own write may still wait).
                    let shown = msg.may_start_entry().then(|| link::address(app).1);
                    let dirty = app::update(&mut app.model, msg);
                    if let Some(q) = shown.filter(|_| dirty.has(Dirty::NEW_ENTRY)) {
                        link::left(app, q);
                    }
                    render::render(app, dirty)
                }
                Job::Panel(f) => f(app),
            };
            if let Err(e) = r {
                web_sys::console::error_1(&e);
            }
        }
        focus::after(&app.doc, focused);
    });
}

/// Queue panel work `f` (the explainers and the state panel use it) in
/// the same queue as the messages, so that it runs in order and never while
/// another event is handled; then handle the queue.
pub(crate) fn with_app(f: impl FnOnce(&mut App) -> Result<(), JsValue> + 'static) {
    QUEUE.with(|q| q.borrow_mut().push_back(Job::Panel(Box::new(f))));
    drain();
}

/// The entry points the explainers and the state panel call with the app
/// in hand: each renders what an update of that kind leaves dirty.
impl App {
    fn root(&self, id: &str) -> Result<Element, JsValue> {
        dom::by_id::<Element>(&self.doc, id)
    }

    /// Redraw the plot, the loss chart and the state panel; write the link.
    pub(crate) fn draw(&mut self) -> Result<(), JsValue> {
        render::render(self, Dirty::VIEW)
    }

    /// Write the link (unless playing or dragging).
    pub(crate) fn sync_url(&mut self) -> Result<(), JsValue> {
        link::sync_url(self)
    }
}

/// A card error in words; `typed`, the field's text, is quoted when it
/// could not be read.
fn card_error_text(e: &CardError, lang: Lang, typed: &str) -> String {
    match *e {
        CardError::OutOfRange {
            kind,
            key,
            range,
            v,
            ..
        } => {
            // Quoted as typed, as an unreadable value is: `-1` as "-1",
            // and `1e-400` not as the 0 it reads as.
            let got = match typed.trim() {
                "" => format::field(v),
                t => t.to_string(),
            };
            trf(
                lang,
                "hyper.error.typed",
                &[
                    &param_label(kind, key, lang),
                    range_words(range, lang),
                    &got,
                ],
            )
        }
        CardError::Unreadable {
            kind, key, current, ..
        } => {
            let (label, range) = (param_label(kind, key, lang), allowed_range(key, lang));
            let kept = format::field(current);
            match typed.trim() {
                "" => trf(lang, "hyper.unreadable", &[&label, range, &kept]),
                t => trf(lang, "hyper.unreadable.typed", &[&label, range, t, &kept]),
            }
        }
        // A pair or an integer: its rule, what the fields held and the value
        // kept (both numbers of a pair: the rule is about the two).
        CardError::Key {
            kind,
            key,
            v,
            current,
            ..
        } => {
            let label = key_label(kind, key, lang);
            let kept = key_value_text(current);
            match v {
                Some(v) => trf(
                    lang,
                    "field.kept",
                    &[
                        &trf(
                            lang,
                            "hyper.error",
                            &[&label, allowed_range(key, lang), &key_value_text(v)],
                        ),
                        &kept,
                    ],
                ),
                None => trf(
                    lang,
                    "hyper.unreadable",
                    &[&label, allowed_range(key, lang), &kept],
                ),
            }
        }
    }
}
