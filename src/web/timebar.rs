//! The time bar's DOM: the scrubber, the step label, play/pause and the
//! undo and redo buttons, written only where they differ from the model;
//! and the count of the messages under the legend (⚠ 2), which a phone's
//! sticky figure covers while a card's slider is in hand: a tap shows them,
//! and a second tap goes back.

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
    // Gone with its messages: it comes back as the count.
    if count == 0 && BACK.take().is_some() {
        show_back(app, false)?;
    }
    set_text(&app.root("to-why-n")?, &count.to_string());
    Ok(())
}

thread_local! {
    /// After a tap on the count: where the page was (the slider in hand)
    /// and where the tap took it; the count is then a way back.
    static BACK: std::cell::Cell<Option<(f64, f64)>> = const { std::cell::Cell::new(None) };
}

/// A tap on the count scrolls the messages to just under the figure (the
/// page's scroll padding is the sticky figure's height); the button then
/// reads ↩ and a second tap goes back to where the reader was, ~a screen
/// below, at the card's slider. Scrolling away by hand ends that.
pub fn wire(doc: &web_sys::Document) -> Result<(), JsValue> {
    let b: web_sys::HtmlElement = by_id(doc, "to-why")?;
    super::dom::on(&b, "click", move |_: web_sys::MouseEvent| {
        super::with_app(|app| {
            let y = app.window.scroll_y()?;
            if let Some((from, _)) = BACK.take() {
                app.window.scroll_to_with_x_and_y(0.0, from);
                return show_back(app, false);
            }
            let Some(m) = app.doc.get_element_by_id("messages") else {
                return Ok(());
            };
            m.scroll_into_view_with_bool(true);
            let at = app.window.scroll_y()?;
            // Already in view: nothing to go back to.
            if (at - y).abs() >= 1.0 {
                BACK.set(Some((y, at)));
                show_back(app, true)?;
            }
            Ok(())
        })
    })?;
    let window = web_sys::window().ok_or("no window")?;
    super::dom::on(&window, "scroll", move |_: web_sys::Event| {
        let Some((_, at)) = BACK.get() else {
            return;
        };
        super::with_app(move |app| {
            let away = (app.window.scroll_y()? - at).abs();
            if away > app.window.inner_height()?.as_f64().unwrap_or(0.0) / 4.0 {
                BACK.set(None);
                show_back(app, false)?;
            }
            Ok(())
        })
    })
}

/// The count (⚠ 2) or the way back (↩ 2), its words in the page's
/// language (and kept for a change of language: `data-i18n-*`).
fn show_back(app: &App, back: bool) -> Result<(), JsValue> {
    let b = by_id::<web_sys::HtmlElement>(&app.doc, "to-why")?;
    let key = if back { "to-why.back" } else { "to-why" };
    for (data, attr) in [
        ("data-i18n-aria", "aria-label"),
        ("data-i18n-title", "title"),
    ] {
        b.set_attribute(data, key)?;
        b.set_attribute(attr, tr(app.lang, key))?;
    }
    set_text(&app.root("to-why-icon")?, if back { "↩" } else { "⚠" });
    b.toggle_attribute_with_force("data-back", back)?;
    Ok(())
}
