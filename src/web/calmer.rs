//! The hints' smaller η (core's diagnose/calmer.rs: reruns), asked for
//! just after the paint: the figure first.

use super::dom::on;
use crate::app::Msg;
use std::cell::Cell;
use wasm_bindgen::prelude::*;
use web_sys::{PointerEvent, Window};

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
/// held slider held back.
pub fn wire(window: &Window) -> Result<(), JsValue> {
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
    Ok(())
}
