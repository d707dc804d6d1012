//! A panic in the wasm (there should be none) must never leave a frozen
//! canvas: the panic hook reveals an error banner with the message and a
//! reload button. On the page the banner is static markup (`#crash` in
//! `www/index.html`, its buttons wired by `www/boot.js`, so they work
//! whatever state the wasm is left in); on a page that only mounts figures
//! the hook builds a small one. Text only, never HTML.

use std::sync::Once;
use wasm_bindgen::prelude::*;
use web_sys::{Document, Element, HtmlElement};

use super::dom::el;

/// Install the panic hook once (console message and banner).
pub fn install() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            console_error_panic_hook::hook(info);
            let _ = show(&info.to_string());
        }));
    });
}

/// Reveal the error banner with `detail`.
pub fn show(detail: &str) -> Result<(), JsValue> {
    let doc = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let banner = match doc.get_element_by_id("crash") {
        Some(b) => b,
        None => build(&doc)?,
    };
    if let Some(d) = doc.get_element_by_id("crash-detail") {
        d.set_text_content(Some(detail));
    }
    banner.remove_attribute("hidden")?;
    if let Some(b) = doc.get_element_by_id("crash-reload") {
        if let Ok(b) = b.dyn_into::<HtmlElement>() {
            let _ = b.focus();
        }
    }
    Ok(())
}

/// A banner for pages without the static one (figures mounted into course
/// notes). Styled through the CSSOM, which a strict CSP allows; the reload
/// is a plain link to the page's own address, so it needs no script.
fn build(doc: &Document) -> Result<Element, JsValue> {
    let banner = el(doc, "div", &[("id", "crash"), ("role", "alert")], None)?;
    let b: &HtmlElement = banner.unchecked_ref();
    for (k, v) in [
        ("position", "fixed"),
        ("left", "0"),
        ("right", "0"),
        ("top", "0"),
        ("z-index", "2147483647"),
        ("padding", "0.8rem 1rem"),
        ("background", "#b3261e"),
        ("color", "#fff"),
        ("font", "16px system-ui, sans-serif"),
    ] {
        b.style().set_property(k, v)?;
    }
    // The host page's language (this page has no language picker).
    let lang = doc
        .document_element()
        .and_then(|e| e.get_attribute("lang"))
        .and_then(|code| gradscape_text::Lang::from_code(&code))
        .unwrap_or_default();
    let title = format!("{} ", gradscape_text::tr(lang, "crash.title"));
    let title = el(doc, "strong", &[], Some(&title))?;
    banner.append_child(&title)?;
    let href = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default();
    let reload = el(
        doc,
        "a",
        &[("id", "crash-reload"), ("href", &href)],
        Some(gradscape_text::tr(lang, "crash.reload")),
    )?;
    reload
        .unchecked_ref::<HtmlElement>()
        .style()
        .set_property("color", "#fff")?;
    banner.append_child(&reload)?;
    let detail = el(doc, "pre", &[("id", "crash-detail")], None)?;
    detail
        .unchecked_ref::<HtmlElement>()
        .style()
        .set_property("white-space", "pre-wrap")?;
    banner.append_child(&detail)?;
    doc.body().ok_or("no body")?.append_child(&banner)?;
    Ok(banner)
}

/// Panics on purpose: the browser tests use it to check that a panic shows
/// the banner instead of freezing the page. Nothing in the page calls it.
#[wasm_bindgen(js_name = __panicForTest)]
pub fn panic_for_test() {
    panic!("deliberate panic from __panicForTest (browser test of the error banner)");
}
