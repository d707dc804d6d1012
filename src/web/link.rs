//! The address bar: the scene, the step, the lesson, the language and the
//! explainers' part, rewritten (replaceState) when the user rests.
//!
//! history.replaceState costs 3–15 ms a call in Chromium, as much as the
//! rest of a surface change: the link is written just after the frame that
//! shows the change has been painted (one write for all the changes of
//! that frame), not inside input → paint. Whatever reads the whole address
//! (Share's "copy link") calls [`flush`] first.

use super::{controls, explain, timer, App};
use gradscape_text::Lang;
use std::cell::Cell;
use wasm_bindgen::prelude::*;

thread_local! {
    /// A write waits for the next paint.
    static PENDING: Cell<bool> = const { Cell::new(false) };
}

/// Write the link after the next paint, unless playing or dragging (the
/// end of either asks again).
pub fn sync_url(app: &mut App) -> Result<(), JsValue> {
    if app.playing || app.interacting {
        return Ok(());
    }
    if PENDING.with(|p| p.replace(true)) {
        return Ok(());
    }
    timer::after_paint_or(&app.window, 200, || super::with_app(flush))
}

/// Write a pending link now (before the address is read).
pub fn flush(app: &mut App) -> Result<(), JsValue> {
    if PENDING.with(|p| p.replace(false)) {
        write(app)?;
    }
    Ok(())
}

/// Write the link if it changed (not while playing or dragging).
fn write(app: &mut App) -> Result<(), JsValue> {
    if app.playing || app.interacting {
        return Ok(());
    }
    let mut base = page_query(app);
    // A teacher's locks stay in the link (and in "open in gradscape").
    if !app.teach.is_empty() {
        base = format!("{base}&{}", app.teach);
    }
    let q = format!("?{base}{}", app.embed.as_deref().unwrap_or(""));
    if q != app.url {
        controls::sync_view_fields(app)?;
        // `?…` (not `./?…`): the page itself, also when it is one file
        // opened from file:// (scripts/offline.mjs) rather than a folder's index.
        if let Some(a) = app.doc.get_element_by_id("open-full") {
            a.set_attribute("href", &format!("?{base}"))?;
        }
        app.window
            .history()?
            .replace_state_with_url(&JsValue::NULL, "", Some(&q))?;
        app.url = q;
    }
    Ok(())
}

/// The page's query without the embed and lock parts: the scene, the
/// step, the lesson, the language, presenter mode, the explainers.
pub fn page_query(app: &App) -> String {
    let mut base = crate::url::to_query(&app.scene, Some(app.t));
    base.push_str(&lesson_part(app));
    base.push_str(lang_part(app.lang));
    if app.present {
        base.push_str("&present");
    }
    base.push_str(&quiz_part(app));
    base.push_str(&explain::url_part(app));
    base
}

/// The link's `lesson` pair, as `&lesson=2`, or nothing.
pub fn lesson_part(app: &App) -> String {
    app.lesson
        .map(|id| format!("&lesson={id}"))
        .unwrap_or_default()
}

/// The link's quiz, as `&quiz=…`, or nothing.
pub fn quiz_part(app: &App) -> String {
    use crate::url::quiz::{write, KEY};
    app.quiz
        .as_ref()
        .map(|q| format!("&{KEY}={}", write(&q.spec)))
        .unwrap_or_default()
}

thread_local! {
    static BROWSER: std::cell::Cell<Lang> = const { std::cell::Cell::new(Lang::En) };
}

/// The language a link without `lang=` opens in: the first of the
/// browser's languages the page speaks (a Chinese-first student's
/// `?lesson=3` opened in English), else English. `www/boot.js` reads it
/// the same way, to fetch the Chinese tables with the wasm.
pub fn browser_lang(window: &web_sys::Window) -> Lang {
    let lang = window
        .navigator()
        .languages()
        .iter()
        .filter_map(|c| c.as_string())
        .find_map(|c| Lang::from_code(&c))
        .unwrap_or_default();
    BROWSER.with(|b| b.set(lang));
    lang
}

/// The link's `lang` pair: `&lang=zh`, `&lang=en` where the browser's
/// language is another, or nothing.
pub fn lang_part(lang: Lang) -> &'static str {
    match (lang, BROWSER.with(|b| b.get())) {
        (Lang::Zh, _) => "&lang=zh",
        (Lang::En, Lang::Zh) => "&lang=en",
        (Lang::En, Lang::En) => "",
    }
}
