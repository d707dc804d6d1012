//! The address bar: the scene, the step, the lesson, the language and the
//! explainers' part, rewritten (replaceState) when the user rests; a
//! lesson chosen gets a new history entry (pushState), and Back or Forward
//! to one of those entries shows its link in place ([`wire_back`]).
//! Embedded, nothing is pushed: an iframe's entries are the host page's
//! Back button.
//!
//! history.replaceState costs 3–15 ms a call in Chromium, as much as the
//! rest of a surface change: the link is written just after the frame that
//! shows the change has been painted (one write for all the changes of
//! that frame), not inside input → paint. Whatever reads the whole address
//! (Share's "copy link") calls [`flush`] first.

use super::{controls, dispatch, explain, timer, with_app, App};
use crate::app::Msg;
use gradscape_text::Lang;
use std::cell::{Cell, RefCell};
use wasm_bindgen::prelude::*;

/// A history write the next write makes, in order.
enum Entry {
    /// The entry a lesson chosen leaves, rewritten to what it showed then.
    Left(String),
    /// A new entry (a lesson chosen).
    New(String),
}

thread_local! {
    /// A write waits for the next paint.
    static PENDING: Cell<bool> = const { Cell::new(false) };
    /// The entries to rewrite and to add at the next write, in order (two
    /// lessons chosen within one frame are two entries).
    static ENTRIES: RefCell<Vec<Entry>> = const { RefCell::new(Vec::new()) };
}

/// A lesson was chosen on a page showing link `q`: the entry it leaves is
/// rewritten to `q` before the new one is pushed. Its own write may not
/// have been made: it waits for the paint, and none is made while playing
/// or dragging (Back to lesson 1, left at step 7 of its play, showed the
/// step it had opened at).
pub fn left(app: &App, q: String) {
    if app.embed.is_none() && !framed(&app.window) {
        ENTRIES.with(|e| e.borrow_mut().push(Entry::Left(q)));
    }
}

/// A new history entry for the page as it is now (a lesson chosen),
/// written with the next write; never embedded.
pub fn new_entry(app: &mut App) -> Result<(), JsValue> {
    if app.embed.is_some() || framed(&app.window) {
        return Ok(());
    }
    let q = address(app).1;
    ENTRIES.with(|e| e.borrow_mut().push(Entry::New(q)));
    schedule(app)
}

/// Write the link after the next paint, unless playing or dragging (the
/// end of either asks again).
pub fn sync_url(app: &mut App) -> Result<(), JsValue> {
    let entries = ENTRIES.with(|e| !e.borrow().is_empty());
    if (app.playing || app.interacting) && !entries {
        return Ok(());
    }
    schedule(app)
}

fn schedule(app: &App) -> Result<(), JsValue> {
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

/// Rewrite the entries left and push the new ones asked for, then rewrite
/// the current one if the link changed (not while playing or dragging).
fn write(app: &mut App) -> Result<(), JsValue> {
    let before = app.url.clone();
    let history = app.window.history()?;
    for entry in ENTRIES.with(|e| std::mem::take(&mut *e.borrow_mut())) {
        match entry {
            Entry::Left(q) if q != app.url => {
                history.replace_state_with_url(&JsValue::NULL, "", Some(&q))?;
                app.url = q;
            }
            Entry::New(q) if q != app.url => {
                history.push_state_with_url(&JsValue::NULL, "", Some(&q))?;
                app.url = q;
            }
            _ => {}
        }
    }
    let (base, q) = address(app);
    if q != app.url && !(app.playing || app.interacting) {
        history.replace_state_with_url(&JsValue::NULL, "", Some(&q))?;
        app.url = q;
    }
    if app.url == before {
        return Ok(());
    }
    controls::sync_view_fields(app)?;
    // `?…` (not `./?…`): the page itself, also when it is one file
    // opened from file:// (scripts/offline.mjs) rather than a folder's index.
    if let Some(a) = app.doc.get_element_by_id("open-full") {
        a.set_attribute("href", &format!("?{base}"))?;
    }
    Ok(())
}

/// The page's query without the embed part (for "open in gradscape"), and
/// the address bar's whole query.
pub(super) fn address(app: &App) -> (String, String) {
    let mut base = page_query(app);
    // A teacher's locks stay in the link (and in "open in gradscape").
    if !app.teach.is_empty() {
        base = format!("{base}&{}", app.teach);
    }
    let q = format!("?{base}{}", app.embed.as_deref().unwrap_or(""));
    (base, q)
}

/// Whether the page is in a frame (an iframe of a course site without
/// `&embed`): its entries would be the host page's Back button.
pub fn framed(window: &web_sys::Window) -> bool {
    window
        .parent()
        .ok()
        .flatten()
        .is_some_and(|p| !js_sys::Object::is(&p, window))
}

/// Back and Forward within the page's own entries (the lessons it pushed):
/// the entry's link is read as opening it reads it and shown in place, no
/// reload. Back from the first entry leaves the page, as anywhere.
pub fn wire_back(window: &web_sys::Window) -> Result<(), JsValue> {
    super::dom::on(window, "popstate", |_: web_sys::Event| with_app(back))
}

fn back(app: &mut App) -> Result<(), JsValue> {
    let search = app.window.location().search()?;
    // The same link (an in-page `#…` entry's): nothing to show again, and
    // a write still waiting is still this entry's.
    if search == app.url {
        return Ok(());
    }
    // A write still waiting was for the entry just left.
    PENDING.with(|p| p.set(false));
    ENTRIES.with(|e| e.borrow_mut().clear());
    app.url = search.clone();
    let (link, page) = crate::app::link::read(&search, BROWSER.with(Cell::get));
    dispatch(Msg::OpenLink(Box::new(link)));
    // After the link's notices are shown (the render of that message); a
    // teacher link's locks may have refused the entry's scene: the address
    // bar then says what the page shows.
    with_app(move |app| {
        explain::link_gamma(app, page.ema)?;
        super::open::apply(app, &page.open, true)?;
        sync_url(app)
    });
    Ok(())
}

/// The page's query without the embed and lock parts: the scene, the
/// step, the runs switched off, the lesson, the language, presenter mode,
/// the explainers' γ and the panels shown open.
pub fn page_query(app: &App) -> String {
    let mut base = crate::url::to_query(&app.scene, Some(app.t));
    base.push_str(&hidden_part(app));
    base.push_str(&lesson_part(app));
    base.push_str(lang_part(app.lang));
    if app.present {
        base.push_str("&present");
    }
    base.push_str(&quiz_part(app));
    base.push_str(&explain::url_part(app));
    base.push_str(&super::open::part(app));
    base
}

/// The runs switched off in the legend, as `&hidden=2,3`, or nothing.
pub fn hidden_part(app: &App) -> String {
    crate::url::write_hidden(&app.hidden)
        .map(|h| format!("&{}={h}", crate::url::HIDDEN_KEY))
        .unwrap_or_default()
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
    /// Whether the language shown was chosen: by the link's `lang=` (one
    /// the page speaks) or the picker, not taken from the browser.
    static CHOSEN: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// The language shown was chosen (the link's `lang=`, the picker): the
/// link keeps it for every reader. An author on an English browser who
/// opened `?lang=en` or picked English shared a link without it, which a
/// Chinese-first student's browser opened in 中文.
pub fn chose_lang() {
    CHOSEN.with(|c| c.set(true));
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

/// The link's `lang` pair: `&lang=zh`; `&lang=en` where it was chosen or
/// the browser's language is another; else nothing (each reader's own).
pub fn lang_part(lang: Lang) -> &'static str {
    match (lang, BROWSER.with(|b| b.get()), CHOSEN.with(|c| c.get())) {
        (Lang::Zh, _, _) => "&lang=zh",
        (Lang::En, Lang::Zh, _) | (Lang::En, _, true) => "&lang=en",
        (Lang::En, Lang::En, false) => "",
    }
}
