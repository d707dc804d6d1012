//! The start point without a mouse: a focusable handle over the ring (its
//! arrows move the start by grains of the view) and the x/y fields of the
//! Surface panel. Both are kept where the model says after every draw.

use super::dom::by_id;
use super::App;
use crate::format;
use gradscape_text::trf;
use std::cell::Cell;
use wasm_bindgen::prelude::*;
use web_sys::{HtmlElement, HtmlInputElement};

thread_local! {
    /// Where the ring was drawn (CSS px in the canvas): a finger that lands
    /// on it drags the start instead of scrolling the page.
    static RING: Cell<Option<(f64, f64)>> = const { Cell::new(None) };
}

/// The ring's last drawn position, if it is on the canvas.
pub fn ring() -> Option<(f64, f64)> {
    RING.with(Cell::get)
}

/// Put the handle over the ring (hidden when the start is off the canvas)
/// and word its label with the start's coordinates.
pub fn place_handle(app: &App) -> Result<(), JsValue> {
    let handle: HtmlElement = by_id(&app.doc, "start-handle")?;
    let vp = app.viewport(app.scene.view());
    let (x, y) = vp.px(app.scene.start);
    let on = vp.inside(x, y);
    RING.with(|r| r.set(on.then_some((x, y))));
    if !on {
        return handle.set_attribute("hidden", "");
    }
    // The canvas's offset in the wrapper (the wrapper is the handle's box).
    let (ox, oy) = super::sizes::offset(&app.plot);
    let style = handle.style();
    style.set_property("left", &format!("{}px", ox + x))?;
    style.set_property("top", &format!("{}px", oy + y))?;
    let [sx, sy] = app.scene.start;
    let label = trf(
        app.lang,
        "start-handle",
        &[&format::field(sx), &format::field(sy)],
    );
    handle.set_attribute("aria-label", &label)?;
    handle.set_attribute("title", &label)?;
    handle.remove_attribute("hidden")
}

/// The start x/y fields (the one being typed in keeps its text).
pub fn sync_fields(app: &App) -> Result<(), JsValue> {
    let focused = app.doc.active_element();
    for (id, v) in [
        ("start-x", app.scene.start[0]),
        ("start-y", app.scene.start[1]),
    ] {
        let input: HtmlInputElement = by_id(&app.doc, id)?;
        let typing = focused.as_ref().is_some_and(|f| f.id() == id);
        if !typing {
            input.set_value(&format::field(v));
        }
    }
    Ok(())
}
