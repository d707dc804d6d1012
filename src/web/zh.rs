//! The Chinese tables, installed at run time (the wasm is built without
//! them: gradscape-text's `zh-data`). `www/boot.js` fetches `zh.json` with
//! the wasm when the link asks for 中文 and leaves its text in
//! `globalThis.gradscapeZh` for [`from_global`] before the first word is
//! drawn; a switch of the language picker, a `<gradscape-figure lang="zh">`
//! or a host page call [`install_zh`].

use super::{dispatch, APP};
use crate::app::Msg;
use gradscape_text::Lang;
use wasm_bindgen::prelude::*;

/// Install the rows of `zh.json` (its text); returns how many. A page
/// already in 中文 (the rows arrived after the switch) is worded again.
#[wasm_bindgen]
pub fn install_zh(json: &str) -> Result<u32, JsValue> {
    let n = gradscape_text::zh::install(json)
        .map_err(|e| JsValue::from_str(&format!("zh.json: {e}")))?;
    let zh_page = APP.with(|a| {
        a.try_borrow()
            .ok()
            .and_then(|g| g.as_ref().map(|app| app.lang == Lang::Zh))
            .unwrap_or(false)
    });
    if zh_page {
        dispatch(Msg::SetLang(Lang::Zh));
    }
    Ok(n as u32)
}

/// Whether the Chinese rows are installed (the loader asks before a switch
/// to 中文).
#[wasm_bindgen]
pub fn zh_installed() -> bool {
    gradscape_text::zh::installed()
}

/// The rows the loader fetched before the wasm started, if any
/// (`globalThis.gradscapeZh`, a string); a bad file is reported in the
/// console and the page stays in English words.
pub fn from_global() {
    let key = JsValue::from_str("gradscapeZh");
    let Some(text) = js_sys::Reflect::get(&js_sys::global(), &key)
        .ok()
        .and_then(|v| v.as_string())
    else {
        return;
    };
    if let Err(e) = gradscape_text::zh::install(&text) {
        web_sys::console::error_1(&JsValue::from_str(&format!("zh.json: {e}")));
    }
}
