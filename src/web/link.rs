//! The address bar: the scene, the step, the lesson, the language and the
//! explainers' part, rewritten (replaceState) when the user rests.

use super::{controls, explain, App};
use gradscape_text::Lang;
use wasm_bindgen::prelude::*;

/// Write the link unless playing or dragging (history.replaceState costs
/// ~10 ms a call in Chromium).
pub fn sync_url(app: &mut App) -> Result<(), JsValue> {
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
    if let Some(id) = app.lesson {
        base.push_str(&format!("&lesson={id}"));
    }
    base.push_str(lang_part(app.lang));
    if app.present {
        base.push_str("&present");
    }
    if let Some(q) = &app.quiz {
        use crate::url::quiz::{write, KEY};
        base.push_str(&format!("&{KEY}={}", write(&q.spec)));
    }
    base.push_str(&explain::url_part(app));
    base
}

/// The link's `lang` pair, as `&lang=zh`, or nothing for English.
pub fn lang_part(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "",
        Lang::Zh => "&lang=zh",
    }
}
