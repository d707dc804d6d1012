//! "Copy as PyTorch" in the Share and export panel: the current scene's
//! Python script (gradscape-text's `pytorch::script`, the text
//! `gradscape code` prints) to the clipboard, "PyTorch code copied" in the
//! panel's status line, and the same text under "Show the code" — kept in
//! step with the scene while that disclosure is open.

use super::dom::{by_id, on};
use super::{with_app, App};
use gradscape_text::tr;
use wasm_bindgen::prelude::*;
use web_sys::{Document, Event, HtmlButtonElement, HtmlDetailsElement};

/// Listen to the button and the disclosure.
pub fn wire(doc: &Document) -> Result<(), JsValue> {
    let b: HtmlButtonElement = by_id(doc, "copy-pytorch")?;
    on(&b, "click", move |_: web_sys::MouseEvent| {
        with_app(|app| copy(app))
    })?;
    let d: HtmlDetailsElement = by_id(doc, "pytorch-show")?;
    on(&d, "toggle", move |_: Event| with_app(|app| refresh(app)))?;
    Ok(())
}

fn script(app: &App) -> String {
    gradscape_text::pytorch::script(&app.scene, app.lang)
}

/// Write the script into the open disclosure (nothing while it is closed:
/// a slider drag need not rebuild text no one reads).
pub fn refresh(app: &App) -> Result<(), JsValue> {
    let d: HtmlDetailsElement = by_id(&app.doc, "pytorch-show")?;
    if d.open() {
        show(app, &script(app))?;
    }
    Ok(())
}

/// Show `code` under "Show the code", unless it is what it shows: every
/// step of playback asks (the step is in the link), and text written again
/// is laid out and painted again, each frame, for the same script.
fn show(app: &App, code: &str) -> Result<(), JsValue> {
    let shown = app.root("pytorch-code")?;
    if shown.text_content().as_deref() != Some(code) {
        shown.set_text_content(Some(code));
    }
    Ok(())
}

fn copy(app: &App) -> Result<(), JsValue> {
    // A start where f is undefined: refused as `gradscape code` refuses it,
    // with its words (the script's runs would have had no first point).
    if let Err(e) = crate::run::check_start(&app.scene) {
        return super::share::refuse(app, &e);
    }
    let code = script(app);
    show(app, &code)?;
    let copied = tr(app.lang, "code.copied").to_string();
    let by_hand = tr(app.lang, "code.copy-failed").to_string();
    // No clipboard: the code is shown to select by hand.
    let details: HtmlDetailsElement = by_id(&app.doc, "pytorch-show")?;
    let status = app.root("share-status")?;
    super::share::to_clipboard(app, &code, status, copied, by_hand, move || {
        details.set_open(true)
    });
    Ok(())
}
