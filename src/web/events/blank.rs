//! The black screen a presentation clicker's blank key puts up.

use crate::app::Msg;
use crate::web::dispatch;
use crate::web::dom::{by_id, on};
use gradscape_text::Lang;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, KeyboardEvent};

/// The black screen: B or . (what a presentation clicker's blank key
/// sends, PowerPoint's and reveal.js's) puts it up wherever the focus is
/// but in a field one types in (a picker or a slider too; presenting, B
/// in a number field too); any key or a
/// click takes it down and does only that. In the capture phase, before a
/// focused slider's own arrows (which moved η as the page came back).
pub(super) fn wire(doc: &Document) -> Result<(), JsValue> {
    let screen: Element = by_id(doc, "blank")?;
    let d = doc.clone();
    on(&screen, "click", move |_: web_sys::MouseEvent| {
        blank(&d, Some(false));
    })?;
    let d = doc.clone();
    let window = web_sys::window().ok_or("no window")?;
    crate::web::dom::on_capture(&window, "keydown", move |e: KeyboardEvent| {
        let key = e.key();
        let up = blank(&d, None);
        // Not in an embed (a reader's "." in a page of notes), nor a held key.
        let embedded = d.body().is_some_and(|b| b.class_list().contains("embed"));
        // Presenting, a number field takes no "b": there it is the
        // clicker's blank key too (a teacher who had typed η = 0.45 got
        // "0.45b"); elsewhere a "b" typed there is the typist's.
        let presenting = d.body().is_some_and(|b| b.class_list().contains("present"));
        let b = presenting && key.eq_ignore_ascii_case("b");
        let typed_in = e
            .target()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .is_some_and(|t| {
                crate::web::gestures::is_text_entry(&t) && !(b && t.class_list().contains("num"))
            });
        let asks = (key.eq_ignore_ascii_case("b") || key == ".")
            && !embedded
            && !e.repeat()
            && !(e.ctrl_key() || e.meta_key() || e.alt_key())
            && !typed_in;
        if up || asks {
            e.prevent_default();
            e.stop_immediate_propagation();
            blank(&d, Some(!up));
            // The run does not play on behind the black (a teacher blanks
            // before the animation the class is to watch).
            if !up {
                dispatch(Msg::Pause);
            }
            // A screen reader's user who pressed B by chance hears why the
            // next key only brings the page back.
            let lang = d
                .document_element()
                .and_then(|h| Lang::from_code(&h.get_attribute("lang")?))
                .unwrap_or_default();
            let key = if up { "said.blank.off" } else { "said.blank" };
            crate::web::dom::say(&d, gradscape_text::tr(lang, key));
        }
    })
}

/// Whether the black screen is up; with `set`, put it up or down first.
fn blank(doc: &Document, set: Option<bool>) -> bool {
    let Some(b) = doc.get_element_by_id("blank") else {
        return false;
    };
    if let Some(on) = set {
        let _ = b.toggle_attribute_with_force("hidden", !on);
    }
    !b.has_attribute("hidden")
}
