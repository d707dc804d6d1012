//! The time bar's DOM: the scrubber, the step label, play/pause and the
//! undo and redo buttons, written only where they differ from the model.

use super::dom::{by_id, set_attr, set_text};
use super::App;
use gradscape_text::{tr, trf};
use wasm_bindgen::prelude::*;
use web_sys::{HtmlButtonElement, HtmlInputElement};

/// The time bar. Called at every scene change (each input of a drag) and
/// every playing frame: the DOM is written only where it differs.
pub fn sync_time(app: &App) -> Result<(), JsValue> {
    let n = app.scene.steps;
    let scrub = by_id::<HtmlInputElement>(&app.doc, "scrub")?;
    // A quiz's scrubber ends where it pauses until the reveal.
    let max = app.horizon().to_string();
    if scrub.max() != max {
        scrub.set_max(&max);
    }
    let t = app.t.to_string();
    if scrub.value() != t {
        scrub.set_value(&t);
    }
    set_text(
        &app.root("step-label")?,
        &trf(app.lang, "step.label", &[&t, &n.to_string()]),
    );
    set_attr(
        &scrub,
        "aria-valuetext",
        &trf(app.lang, "scrub.valuetext", &[&t, &n.to_string()]),
    )?;
    let play = by_id::<HtmlButtonElement>(&app.doc, "play")?;
    set_attr(
        &play,
        "aria-label",
        tr(app.lang, if app.playing { "pause" } else { "play" }),
    )?;
    set_text(&play, if app.playing { "❚❚" } else { "▶" });
    for (id, can) in [
        ("undo", app.history.can_undo()),
        ("redo", app.history.can_redo()),
    ] {
        let b = by_id::<HtmlButtonElement>(&app.doc, id)?;
        if b.disabled() == can {
            b.set_disabled(!can);
        }
    }
    Ok(())
}
