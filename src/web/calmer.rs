//! The hints' smaller η (core's diagnose/calmer.rs: reruns), asked for
//! just after the paint (the figure first), and the messages' "Use η = …"
//! and "Use λ = 0".

use super::dispatch;
use super::dom::{by_id, closest, on};
use crate::app::Msg;
use crate::optim::HyperKey;
use std::cell::Cell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, PointerEvent, Window};

thread_local! {
    /// `Msg::FillCalmer` waits for the next paint.
    static ASKED: Cell<bool> = const { Cell::new(false) };
}

/// Ask for the smaller η just after the next paint, once for the frame's
/// changes (a search reruns up to 100 000 steps), unless a card's slider
/// is held: a hand resting on it is no rest (the sentence came and went
/// at each pause of a drag); its release asks ([`wire`]).
pub fn ask(window: &Window) -> Result<(), JsValue> {
    if super::slider::pressed() || ASKED.with(|a| a.replace(true)) {
        return Ok(());
    }
    super::timer::after_paint_or(window, 200, || {
        ASKED.with(|a| a.set(false));
        super::dispatch(Msg::FillCalmer)
    })
    .inspect_err(|_| ASKED.with(|a| a.set(false)))
}

/// A pointer let go anywhere (after the slider's own listeners): what a
/// held slider held back; and the messages' buttons.
pub fn wire(doc: &Document, window: &Window) -> Result<(), JsValue> {
    for event in ["pointerup", "pointercancel"] {
        on(window, event, |_: PointerEvent| {
            super::with_app(|app| {
                if app.calmer_due() {
                    ask(&app.window)?;
                }
                Ok(())
            })
        })?;
    }
    // A message's "Use η = …" (the card's η set to the smaller η its hint
    // names) or "Use λ = 0": one undo step.
    let messages: Element = by_id(doc, "messages")?;
    on(&messages, "click", |e: web_sys::MouseEvent| {
        // A double click's second click landed on the next run's button,
        // which had moved up under the pointer.
        if e.detail() > 1 {
            return;
        }
        let (b, key, v) = if let Some(b) = closest(e.target(), "button.use-calmer") {
            let v = b.get_attribute("data-lr").and_then(|s| s.parse().ok());
            (b, HyperKey::Lr, v)
        } else if let Some(b) = closest(e.target(), "button.use-no-decay") {
            (b, HyperKey::Lambda, Some(0.0))
        } else {
            return;
        };
        let i: Option<usize> = closest(e.target(), "li")
            .and_then(|li| li.get_attribute("data-index"))
            .and_then(|s| s.parse().ok());
        let (Some(i), Some(v)) = (i, v) else {
            return;
        };
        // A field still being typed in keeps the focus where a press does
        // not take it (Safari): its text would come back at its pause.
        let doc = b.owner_document();
        if let Some(active) = doc.as_ref().and_then(|d| d.active_element()) {
            if active != b {
                if let Ok(el) = active.dyn_into::<web_sys::HtmlElement>() {
                    el.blur().ok();
                }
            }
        }
        dispatch(Msg::EndGesture);
        dispatch(Msg::SetHyper {
            i,
            key,
            v,
            slider: false,
        });
        dispatch(Msg::EndGesture);
        // Pressed by a key (detail 0): the button is gone with its message,
        // so the focus goes to the value it set (a screen reader says it).
        if e.detail() == 0 {
            let sel = format!(
                "section.opt-card[data-index=\"{i}\"] input[type=range][data-param=\"{}\"]",
                key.name()
            );
            if let Some(el) = doc
                .and_then(|d| d.query_selector(&sel).ok().flatten())
                .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
            {
                el.focus().ok();
            }
        }
    })?;
    Ok(())
}
