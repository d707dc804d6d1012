//! The time bar's DOM: the scrubber, the step label, play/pause and the
//! undo and redo buttons, written only where they differ from the model;
//! and the count of the messages under the legend (⚠ 2), which a phone's
//! sticky figure covers while a card's slider is in hand: a tap shows them.

use super::dom::{by_id, set_attr, set_text};
use super::App;
use gradscape_text::{tr, trf};
use wasm_bindgen::prelude::*;
use web_sys::{HtmlButtonElement, HtmlInputElement};

/// The time bar. Called at every scene change (each input of a drag) and
/// every playing frame: the DOM is written only where it differs.
pub fn sync_time(app: &App) -> Result<(), JsValue> {
    let n = app.scene.steps;
    let scrub = by_id::<HtmlInputElement>(&app.doc, "scrub")?;
    // A quiz's scrubber ends where it pauses until the reveal.
    let max = app.horizon().to_string();
    if scrub.max() != max {
        scrub.set_max(&max);
    }
    let t = app.t.to_string();
    if scrub.value() != t {
        scrub.set_value(&t);
    }
    set_text(
        &app.root("step-label")?,
        &trf(app.lang, "step.label", &[&t, &n.to_string()]),
    );
    set_attr(
        &scrub,
        "aria-valuetext",
        &trf(app.lang, "scrub.valuetext", &[&t, &n.to_string()]),
    )?;
    let play = by_id::<HtmlButtonElement>(&app.doc, "play")?;
    set_attr(
        &play,
        "aria-label",
        tr(app.lang, if app.playing { "pause" } else { "play" }),
    )?;
    set_text(&play, if app.playing { "❚❚" } else { "▶" });
    for (id, can) in [
        ("undo", app.history.can_undo()),
        ("redo", app.history.can_redo()),
    ] {
        let b = by_id::<HtmlButtonElement>(&app.doc, id)?;
        if b.disabled() == can {
            b.set_disabled(!can);
        }
    }
    Ok(())
}

/// The messages' count: hidden without any (shown only on the sticky
/// figure, by the stylesheet).
pub fn sync_why(app: &App, count: u32) -> Result<(), JsValue> {
    let b = by_id::<web_sys::HtmlElement>(&app.doc, "to-why")?;
    if b.hidden() != (count == 0) {
        b.set_hidden(count == 0);
    }
    set_text(&app.root("to-why-n")?, &count.to_string());
    Ok(())
}

/// A tap on the count scrolls the messages to just under the figure (the
/// page's scroll padding is the sticky figure's height).
pub fn wire(doc: &web_sys::Document) -> Result<(), JsValue> {
    let b: web_sys::HtmlElement = by_id(doc, "to-why")?;
    let doc = doc.clone();
    super::dom::on(&b, "click", move |_: web_sys::MouseEvent| {
        if let Some(m) = doc.get_element_by_id("messages") {
            m.scroll_into_view_with_bool(true);
        }
    })
}
