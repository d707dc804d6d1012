//! What each optimizer card's controls were last brought up to date with,
//! so that a render skips the cards whose spec did not change: an η drag
//! on one card synced all nine at every input (a query, a read of each
//! value and an attribute or two per control, ~0.4 ms an input).
//!
//! Only the model's values are kept here; the controls can also change
//! without the model — typed text, keys, a slider under the pointer — so
//! a card is forgotten at every such event in it (`wire`), and a card with
//! the focus is never recorded (its focused control was left alone).

use super::dom::on_capture;
use crate::optim::{Convention, OptSpec};
use gradscape_text::Lang;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use web_sys::Element;

thread_local! {
    static SYNCED: RefCell<Vec<Option<(OptSpec, Convention, Lang)>>> =
        const { RefCell::new(Vec::new()) };
}

/// Whether card `i`'s controls show `spec` already.
pub fn current(i: usize, spec: &OptSpec, conv: Convention, lang: Lang) -> bool {
    SYNCED.with(|s| {
        s.borrow()
            .get(i)
            .and_then(Option::as_ref)
            .is_some_and(|(s, c, l)| s == spec && *c == conv && *l == lang)
    })
}

/// Card `i`'s controls were brought up to date with `spec`, none skipped.
pub fn record(i: usize, spec: &OptSpec, conv: Convention, lang: Lang) {
    SYNCED.with(|s| {
        let mut s = s.borrow_mut();
        if s.len() <= i {
            s.resize(i + 1, None);
        }
        s[i] = Some((*spec, conv, lang));
    });
}

/// Card `i` (every card: `None`) may show something else now.
pub fn forget(i: Option<usize>) {
    SYNCED.with(|s| match i {
        Some(i) => {
            if let Some(e) = s.borrow_mut().get_mut(i) {
                *e = None;
            }
        }
        None => s.borrow_mut().clear(),
    });
}

/// The index of the card holding `e`, if any.
pub fn card_of(e: &Element) -> Option<usize> {
    e.closest("section.opt-card")
        .ok()
        .flatten()?
        .get_attribute("data-index")?
        .parse()
        .ok()
}

/// Forget a card at every event that can change its controls without the
/// model, before any listener of the page acts on it (capture phase).
pub fn wire(cards: &Element) -> Result<(), JsValue> {
    for event in [
        "input",
        "change",
        "keydown",
        "focusin",
        "focusout",
        "pointerdown",
    ] {
        on_capture(cards, event, |e: web_sys::Event| {
            let i = e
                .target()
                .and_then(|t| wasm_bindgen::JsCast::dyn_into::<Element>(t).ok())
                .and_then(|t| card_of(&t));
            forget(i);
        })?;
    }
    Ok(())
}
