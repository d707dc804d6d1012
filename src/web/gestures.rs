//! The controls added for a teacher in front of a class: undo, redo and
//! ↺ lesson, the start's x/y fields and its handle's arrows, the end of a
//! gesture (one undo entry), and the focus given back to the figure after
//! a lesson is picked or a button is clicked, so that Space plays and →
//! steps instead of working that control again.

use super::dispatch;
use super::dom::{by_id, closest, on};
use super::timer::{later, Later};
use crate::app::{Field, FieldId, Msg};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, HtmlElement, HtmlInputElement, MouseEvent};

/// What a mouse click hands the keys back to the figure from: buttons,
/// boxes, summaries and their labels (not the start handle, whose arrows
/// move the start). Left focused, the next Space would work them again
/// (Present off, ⊡ again, a run hidden again) instead of playing.
const GIVE_BACK: &str = "button:not(#start-handle), summary, label, \
    input[type=checkbox], input[type=radio]";

/// Controls a click leaves focused even inside a [`GIVE_BACK`] label.
const KEEPS: &str = "input:not([type=checkbox]):not([type=radio]), select, textarea";

/// Whether a key event's target is a field one types in (it keeps every
/// key, Ctrl+Z included).
pub fn is_text_entry(t: &web_sys::Element) -> bool {
    if t.dyn_ref::<HtmlElement>()
        .is_some_and(|h| h.is_content_editable())
    {
        return true;
    }
    match t.tag_name().to_ascii_uppercase().as_str() {
        "TEXTAREA" => true,
        "INPUT" => {
            let kind = t.get_attribute("type").unwrap_or_default();
            !matches!(
                kind.as_str(),
                "checkbox" | "radio" | "button" | "submit" | "reset" | "range" | "color" | "file"
            )
        }
        _ => false,
    }
}

/// Whether an `input` event's text is what a deletion left (its
/// `inputType`: deleteContentBackward, deleteByCut…).
pub fn erased(e: &web_sys::Event) -> bool {
    js_sys::Reflect::get(e, &JsValue::from_str("inputType"))
        .ok()
        .and_then(|t| t.as_string())
        .is_some_and(|t| t.starts_with("delete"))
}

/// The start handle's arrows: grains of the view (Shift: ten).
pub fn nudge(key: &str, shift: bool) -> Option<Msg> {
    let n = if shift { 10 } else { 1 };
    let (dx, dy) = match key {
        "ArrowRight" => (n, 0),
        "ArrowLeft" => (-n, 0),
        "ArrowUp" => (0, n),
        "ArrowDown" => (0, -n),
        _ => return None,
    };
    Some(Msg::NudgeStart { dx, dy })
}

/// Give the keys to the figure without scrolling to it.
pub fn focus_figure(doc: &Document) {
    if let Some(plot) = doc
        .get_element_by_id("plot")
        .and_then(|e| e.dyn_into::<HtmlElement>().ok())
    {
        super::dom::focus_still(&plot);
    }
}

/// Listen to the undo buttons, ↺ lesson, the start fields, and for the
/// ends of gestures and the clicks that hand the focus back.
pub fn wire(doc: &Document) -> Result<(), JsValue> {
    for (id, msg) in [
        ("undo", Msg::Undo),
        ("redo", Msg::Redo),
        ("restore-lesson", Msg::RestoreLesson),
    ] {
        let b: HtmlElement = by_id(doc, id)?;
        on(&b, "click", move |_: MouseEvent| dispatch(msg.clone()))?;
    }
    for (id, axis) in [("start-x", 0usize), ("start-y", 1)] {
        let input: HtmlInputElement = by_id(doc, id)?;
        let target = input.clone();
        let handler = move |e: web_sys::Event| match crate::format::read_field(&input.value()) {
            _ if e.type_() == "input" => dispatch(Msg::Typed {
                field: FieldId::Start(axis),
                text: input.value(),
                erased: erased(&e),
            }),
            Some(v) => dispatch(Msg::SetStartField { axis, v }),
            None => dispatch(Msg::Unreadable(Field::Start(axis))),
        };
        on(&target, "input", handler.clone())?;
        on(&target, "change", handler)?;
    }
    // A committed field, a released slider, a key let go: the gesture ended.
    on(doc, "change", |_: web_sys::Event| dispatch(Msg::EndGesture))?;
    on(doc, "keyup", |e: web_sys::KeyboardEvent| {
        let target = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok());
        if target.as_ref().is_some_and(|t| t.id() == "start-handle") {
            // The start handle's presses in a row are one undo entry (as
            // a wheel burst): it ends when the keys rest.
            if let Some(w) = web_sys::window() {
                let _ = later(&w, Later::Nudge, || dispatch(Msg::EndGesture));
            }
        } else if !target.is_some_and(|t| is_text_entry(&t)) {
            dispatch(Msg::EndGesture);
        }
    })?;
    // A mouse click (detail > 0; a key's click has 0) on these must not
    // leave them focused. After the click's own default action (a label
    // focuses its box).
    let d = doc.clone();
    on(doc, "click", move |e: MouseEvent| {
        // A field, slider or picker clicked inside a label (the time bar's
        // steps, the noise and start fields) keeps the focus: the label
        // matched and the keys went to the plot a moment after the click,
        // so what the user then typed went nowhere.
        let target = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok());
        // The field itself, or a label's words, which focus its field.
        let field = target.is_some_and(|t| {
            t.matches(KEEPS).unwrap_or(false)
                || t.closest("label")
                    .ok()
                    .flatten()
                    .and_then(|l| l.query_selector(KEEPS).ok().flatten())
                    .is_some()
        });
        if e.detail() > 0 && !field && closest(e.target(), GIVE_BACK).is_some() {
            focus_figure_soon(&d, None);
        }
    })?;
    // A picker chosen with the mouse (the language, the speed…) too, and a
    // slider dragged or clicked with a pointer: it would take Space and
    // the arrows (a clicker's → after a drag of η moved η, not the step).
    // Chosen with the keys, it keeps them (a keyboard user may browse on).
    // The lesson picker does this itself.
    thread_local! {
        static POINTER: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
        /// The focus was last moved with Tab (no pointer since).
        static TABBED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    }
    on(doc, "pointerdown", |_: web_sys::Event| {
        POINTER.with(|p| p.set(true));
        // The mouse moved the focus (or will): not a keyboard's field now.
        TABBED.with(|t| t.set(false));
    })?;
    on(doc, "keydown", |e: web_sys::KeyboardEvent| {
        POINTER.with(|p| p.set(false));
        // Kept across the page's own refocusing (a render that rebuilt the
        // cards puts the focus back on the same field).
        if e.key() == "Tab" {
            TABBED.with(|t| t.set(true));
        }
    })?;
    let d = doc.clone();
    on(doc, "change", move |e: web_sys::Event| {
        let picked = closest(e.target(), "select:not(#lesson), input[type=range]").is_some();
        if picked && POINTER.with(|p| p.get()) {
            focus_figure_soon(&d, None);
        }
    })?;
    // Enter in a field one types in commits it and, once the value is
    // taken, hands the keys back (a refused value keeps the field and its
    // message: leaving it would put the old value back). Not while an
    // input method composes (its Enter picks the characters), and not in
    // a field reached with Tab: a keyboard user enters one value after
    // another (the focus on the plot sent a screen reader to the canvas's
    // name and left the next field 37 Tabs away).
    let d = doc.clone();
    on(doc, "keydown", move |e: web_sys::KeyboardEvent| {
        if e.key() != "Enter" || e.is_composing() || e.alt_key() || e.ctrl_key() || e.meta_key() {
            return;
        }
        if TABBED.with(|f| f.get()) {
            return;
        }
        let Some(field) = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .filter(|t| is_text_entry(t) && t.tag_name().eq_ignore_ascii_case("input"))
        else {
            return;
        };
        focus_figure_soon(&d, Some(field));
    })?;
    wire_escape(doc)
}

/// Escape in a control hands the keys back to the figure (a clicker's
/// Space then plays again, → steps): at once from a slider, a box, a
/// button or a closed picker; from a field one types in only when it had
/// no edit to abandon (its first Escape puts the value in effect back and
/// drops its message, fields.rs; the next one leaves).
fn wire_escape(doc: &Document) -> Result<(), JsValue> {
    let d = doc.clone();
    on(doc, "keydown", move |e: web_sys::KeyboardEvent| {
        if e.key() != "Escape" || e.is_composing() || e.alt_key() || e.ctrl_key() || e.meta_key() {
            return;
        }
        let Some(t) = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        else {
            return;
        };
        if t.id() == "plot" || t.closest("main, header").ok().flatten().is_none() {
            // On the figure, Escape leaves presenter mode, as it ends a
            // slide show (a control's first Escape only gives the keys
            // back to the figure).
            super::dispatch(crate::app::Msg::SetPresent(false));
            return;
        }
        if is_text_entry(&t) {
            // Left only if the Escape abandoned nothing: the field kept
            // its text and has no refusal (as after Enter).
            focus_figure_soon(&d, Some(t));
        } else {
            focus_figure(&d);
        }
    })
}

/// [`focus_figure`] once the event being handled is done with (its default
/// action and the change it commits); with `from`, only if that field
/// still has the focus, took its value (not `aria-invalid`) and was not
/// typed in since (a key typed on after Enter hides a refusal again while
/// the text can still become a value: the field is not done with).
fn focus_figure_soon(doc: &Document, from: Option<web_sys::Element>) {
    let d = doc.clone();
    let text = |f: &web_sys::Element| f.dyn_ref::<HtmlInputElement>().map(|i| i.value());
    let typed = from.as_ref().and_then(text);
    let run = Closure::once_into_js(move || {
        if let Some(f) = &from {
            let focused = d.active_element().is_some_and(|a| &a == f);
            let invalid = f.get_attribute("aria-invalid").as_deref() == Some("true");
            if !focused || invalid || text(f) != typed {
                return;
            }
        }
        focus_figure(&d);
    });
    if let Some(w) = web_sys::window() {
        let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(run.unchecked_ref(), 0);
    }
}
