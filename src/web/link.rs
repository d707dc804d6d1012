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
    let mut base = crate::url::to_query(&app.scene, Some(app.t));
    if let Some(id) = app.lesson {
        base.push_str(&format!("&lesson={id}"));
    }
    base.push_str(lang_part(app.lang));
    base.push_str(&explain::url_part(app));
    let q = format!("?{base}{}", app.embed.as_deref().unwrap_or(""));
    if q != app.url {
        controls::sync_view_fields(app)?;
        if let Some(a) = app.doc.get_element_by_id("open-full") {
            a.set_attribute("href", &format!("./?{base}"))?;
        }
        app.window
            .history()?
            .replace_state_with_url(&JsValue::NULL, "", Some(&q))?;
        app.url = q;
    }
    Ok(())
}

/// The link's `lang` pair, as `&lang=zh`, or nothing for English.
pub fn lang_part(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "",
        Lang::Zh => "&lang=zh",
    }
}

/// The `embed`, `hide` and `show` pairs of a query, as `&embed&hide=…`,
/// or `None` outside embed mode.
pub fn embed_params(search: &str) -> Option<String> {
    let pairs: Vec<&str> = search
        .trim_start_matches('?')
        .split('&')
        .filter(|p| {
            let k = p.split('=').next().unwrap_or("");
            matches!(k, "embed" | "hide" | "show")
        })
        .collect();
    if pairs.iter().any(|p| p.split('=').next() == Some("embed")) {
        Some(pairs.iter().map(|p| format!("&{p}")).collect())
    } else {
        None
    }
}

/// The parts an embedded figure leaves out: `loss` and `messages` unless
/// `show` names them; whatever `hide` names (`legend`, `bar`, `loss`, `messages`).
pub fn hidden_parts(search: &str) -> Vec<String> {
    let mut hidden: Vec<String> = vec!["loss".into(), "messages".into()];
    for p in search.trim_start_matches('?').split('&') {
        let (k, v) = p.split_once('=').unwrap_or((p, ""));
        for part in v.split(',').map(|x| x.trim()).filter(|x| !x.is_empty()) {
            match k {
                "show" => hidden.retain(|h| h != part),
                "hide" if !hidden.iter().any(|h| h == part) => hidden.push(part.to_string()),
                _ => {}
            }
        }
    }
    hidden
}
