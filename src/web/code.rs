//! "Copy as PyTorch" in the Share and export panel: the current scene's
//! Python script (gradscape-text's `pytorch::script`, the text
//! `gradscape code` prints) to the clipboard, "PyTorch code copied" in the
//! panel's status line, and the same text under "Show the code" — kept in
//! step with the scene while that disclosure is open.

use super::dom::{by_id, on};
use super::{timer, with_app, App};
use crate::scene::Scene;
use gradscape_text::{tr, Lang};
use std::cell::{Cell, RefCell};
use wasm_bindgen::prelude::*;
use web_sys::{Document, Event, HtmlButtonElement, HtmlDetailsElement};

thread_local! {
    /// A refresh waits for the next paint.
    static PENDING: Cell<bool> = const { Cell::new(false) };
    /// The scene and language of the script shown: playback (the step in
    /// the link) and a language's round trip need no new script.
    static SHOWN: RefCell<Option<(Scene, Lang)>> = const { RefCell::new(None) };
}

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

/// The scene or the words may have changed: the open disclosure's script
/// is written again just after the next paint, once for all the changes of
/// that frame. Writing the script was half a millisecond of each input of
/// an η drag with the panel open, for text under the figure that the
/// frame does not show.
pub fn changed(app: &App) -> Result<(), JsValue> {
    if !open(app)? || PENDING.with(|p| p.replace(true)) {
        return Ok(());
    }
    timer::after_paint_or(&app.window, 200, || {
        PENDING.with(|p| p.set(false));
        with_app(|app| refresh(app))
    })
    .inspect_err(|_| PENDING.with(|p| p.set(false)))
}

fn open(app: &App) -> Result<bool, JsValue> {
    Ok(by_id::<HtmlDetailsElement>(&app.doc, "pytorch-show")?.open())
}

/// Write the script into the open disclosure (nothing while it is closed:
/// a slider drag need not rebuild text no one reads), unless it shows this
/// scene's already.
fn refresh(app: &App) -> Result<(), JsValue> {
    let same = SHOWN.with(|s| {
        s.borrow()
            .as_ref()
            .is_some_and(|(scene, lang)| *scene == app.scene && *lang == app.lang)
    });
    if open(app)? && !same {
        show(app, &script(app))?;
    }
    Ok(())
}

/// Show `code`, the current scene's script, under "Show the code".
fn show(app: &App, code: &str) -> Result<(), JsValue> {
    let shown = app.root("pytorch-code")?;
    if shown.text_content().as_deref() != Some(code) {
        shown.set_text_content(Some(code));
    }
    SHOWN.with(|s| *s.borrow_mut() = Some((app.scene.clone(), app.lang)));
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
