//! DOM events → messages: every listener of the page's controls reads the
//! event and dispatches one [`Msg`]; none touches the model.

mod blank;
mod cards;
mod globals;
mod keys;

use super::dispatch;
use super::dom::{by_id, on};
use crate::app::Msg;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlButtonElement, HtmlInputElement, HtmlSelectElement};

fn input_of(t: Option<web_sys::EventTarget>) -> Option<HtmlInputElement> {
    t?.dyn_into::<HtmlInputElement>().ok()
}

/// A typed field's number (plain decimal only: `1,5` and `0x10` are
/// unreadable, not 15 and 10).
fn number(text: &str) -> Option<f64> {
    crate::format::read_field(text)
}

/// The index of the optimizer card an event happened in.
fn card_index(e: &web_sys::Event) -> Option<usize> {
    super::card_sync::card_of(&e.target()?.dyn_into::<Element>().ok()?)
}

/// Listen to every control of the page.
pub fn wire(doc: &Document) -> Result<(), JsValue> {
    cards::wire(doc)?;
    super::slider::wire(doc)?;
    super::calmer::wire(doc, &web_sys::window().ok_or("no window")?)?;
    super::schedule::wire(doc)?;
    globals::wire(doc)?;
    time(doc)?;
    keys::wire(doc)?;
    super::gestures::wire(doc)?;
    super::focus::wire(doc)?;
    super::pointer::wire(doc)?;
    super::share::wire(doc)?;
    super::video::wire(doc)?;
    super::code::wire(doc)?;
    super::state::wire(doc)?;
    super::place::wire(doc)?;
    super::quiz::wire(doc)?;
    super::caption::wire(doc)?;
    super::welcome::wire(doc)?;
    super::timebar::wire(doc)?;
    let window = web_sys::window().ok_or("no window")?;
    on(&window, "resize", |_: web_sys::Event| {
        super::sizes::forget();
        dispatch(Msg::Redraw)
    })
}

/// The time bar.
fn time(doc: &Document) -> Result<(), JsValue> {
    for (id, msg) in [
        ("play", Msg::TogglePlay),
        ("step", Msg::Step(1)),
        ("step-back", Msg::Step(-1)),
        ("reset", Msg::Seek(0)),
        ("reset-view", Msg::ResetView),
        ("fit-view", Msg::FitView),
    ] {
        let b: HtmlButtonElement = by_id(doc, id)?;
        on(&b, "click", move |_: web_sys::MouseEvent| {
            dispatch(msg.clone())
        })?;
    }
    let scrub: HtmlInputElement = by_id(doc, "scrub")?;
    on(&scrub.clone(), "input", move |_: web_sys::Event| {
        let v = scrub.value_as_number();
        dispatch(Msg::Seek(if v.is_finite() {
            v.max(0.0) as usize
        } else {
            0
        }));
    })?;
    let speed: HtmlSelectElement = by_id(doc, "speed")?;
    on(&speed.clone(), "change", move |_: web_sys::Event| {
        dispatch(Msg::SetSpeed(speed.value().parse().unwrap_or(5.0)));
    })
}

/// Whether a lesson is shown (its caption is): the lesson keys' rule.
fn in_lesson(doc: &Document) -> bool {
    doc.get_element_by_id("lesson-caption")
        .is_some_and(|c| !c.has_attribute("hidden"))
}
