//! A lesson's caption on a phone and presenting: its first four lines (two
//! in a window under 500 px tall), the rest behind **Show all** (a 360 ×
//! 640 phone's thirteen-line captions had pushed ▶ below the screen while
//! they said "press ▶"; lesson 10's ten
//! lines left a 352 px figure on a 1920×1080 projector). The clamp is CSS
//! (`#lesson-caption:not(.open)`); this is the button. Like a
//! `<details>`, it is the page's view, not the scene: a new lesson opens
//! with its caption clamped again.

use super::dom::{by_id, on};
use gradscape_text::{tr, Lang};
use wasm_bindgen::prelude::*;
use web_sys::{Document, Element};

/// Listen to the caption's **Show all** / **Show less** button.
pub fn wire(doc: &Document) -> Result<(), JsValue> {
    let button: Element = by_id(doc, "lesson-more")?;
    let d = doc.clone();
    on(&button.clone(), "click", move |_: web_sys::MouseEvent| {
        let Ok(cap) = by_id::<Element>(&d, "lesson-caption") else {
            return;
        };
        let open = !cap.class_list().contains("open");
        // The caption's language (`lang`, written with its words).
        let lang = cap
            .get_attribute("lang")
            .and_then(|c| Lang::from_code(&c))
            .unwrap_or(Lang::En);
        let _ = show(&cap, &button, open, lang);
        // Presenting, the figure takes the height the caption leaves.
        super::sizes::forget();
        super::dispatch(crate::app::Msg::Redraw);
    })
}

/// The caption clamped again (a new lesson), its button's words in `lang`.
pub fn reset(doc: &Document, lang: Lang) -> Result<(), JsValue> {
    let cap: Element = by_id(doc, "lesson-caption")?;
    let button: Element = by_id(doc, "lesson-more")?;
    show(&cap, &button, false, lang)
}

fn show(cap: &Element, button: &Element, open: bool, lang: Lang) -> Result<(), JsValue> {
    cap.class_list().toggle_with_force("open", open)?;
    let key = if open { "lesson.less" } else { "lesson.more" };
    // The page's language switch rewrites it from its key.
    button.set_attribute("data-i18n", key)?;
    button.set_text_content(Some(tr(lang, key)));
    button.set_attribute("aria-expanded", if open { "true" } else { "false" })
}
