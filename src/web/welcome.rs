//! The first visit's line under the figure: what to press and what to
//! drag, for a student who opened the bare link and has never seen the
//! page (it opens at the last step, its trails already drawn, and says
//! nothing of ▶ or of the ring). Only on the bare page: a link with a
//! scene, a lesson, a quiz or an embed is somebody's figure. It goes when
//! closed or once the student has done what it says (played or stepped,
//! moved the start, chose a lesson or presenter mode), and then stays
//! away in this browser (localStorage; where there is none, for this visit).

use super::dom::{by_id, on};
use super::App;
use std::cell::Cell;
use wasm_bindgen::prelude::*;
use web_sys::HtmlElement;

/// The localStorage key saying the hint was seen out.
const KEY: &str = "gradscape.welcome";

thread_local! {
    /// Shown: the step and the start it was shown at.
    static SHOWN: Cell<Option<(usize, [f64; 2])>> = const { Cell::new(None) };
}

/// Show the hint on a bare page of a browser that has not seen it out.
pub fn show(app: &App, search: &str) -> Result<(), JsValue> {
    let framed = super::link::framed(&app.window);
    if !crate::app::link::bare(search)
        || app.embed.is_some()
        || framed
        || app.lesson.is_some()
        || app.present
    {
        return Ok(());
    }
    let storage = app.window.local_storage().ok().flatten();
    if storage.is_some_and(|s| s.get_item(KEY).ok().flatten().is_some()) {
        return Ok(());
    }
    // (A page built on other markup may have no hint.)
    let Ok(hint) = by_id::<HtmlElement>(&app.doc, "welcome") else {
        return Ok(());
    };
    hint.set_hidden(false);
    SHOWN.with(|s| s.set(Some((app.t, app.scene.start))));
    Ok(())
}

/// Hide the hint for good once the student has done what it says.
pub fn sync(app: &App) -> Result<(), JsValue> {
    let Some((t, start)) = SHOWN.with(Cell::get) else {
        return Ok(());
    };
    let done = app.playing
        || app.t != t
        || app.scene.start != start
        || app.lesson.is_some()
        || app.present;
    if done {
        retire(app)?;
    }
    Ok(())
}

fn retire(app: &App) -> Result<(), JsValue> {
    SHOWN.with(|s| s.set(None));
    if let Ok(Some(storage)) = app.window.local_storage() {
        // Private windows may refuse: the hint then stays away for this visit.
        let _ = storage.set_item(KEY, "seen");
    }
    by_id::<HtmlElement>(&app.doc, "welcome")?.set_hidden(true);
    Ok(())
}

/// Its ✕ closes it for good.
pub fn wire(doc: &web_sys::Document) -> Result<(), JsValue> {
    let Ok(close) = by_id::<HtmlElement>(doc, "welcome-close") else {
        return Ok(());
    };
    on(&close, "click", |_: web_sys::Event| {
        super::with_app(|app| retire(app));
    })
}
