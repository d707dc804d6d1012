//! The notice above the canvas: what a link dropped or changed (opened,
//! or read again by Back or Forward).

use super::dom::{add, by_id, el, on};
use gradscape_text::Lang;
use wasm_bindgen::prelude::*;
use web_sys::{Document, Element, HtmlButtonElement, HtmlElement};

/// The link's notices above the canvas (hidden when there are none).
pub fn show(doc: &Document, notices: &[crate::url::Notice], lang: Lang) -> Result<(), JsValue> {
    let notice: HtmlElement = by_id(doc, "notice")?;
    let list: Element = by_id(doc, "notice-list")?;
    list.set_text_content(None);
    for n in notices {
        let text = gradscape_text::errors::notice(n, lang);
        add(&list, &el(doc, "li", &[], Some(&text))?)?;
    }
    notice.set_hidden(notices.is_empty());
    Ok(())
}

/// The notice's ✕ hides it (wired once: a link read again by Back shows
/// its own notices in the same box).
pub fn wire_close(doc: &Document) -> Result<(), JsValue> {
    let notice: HtmlElement = by_id(doc, "notice")?;
    let close: HtmlButtonElement = by_id(doc, "notice-close")?;
    on(&close, "click", move |_: web_sys::MouseEvent| {
        notice.set_hidden(true)
    })
}
