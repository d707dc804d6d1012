//! The plot's pointer events as messages: click/tap sets the start, a drag
//! moves the start marker or pans, the wheel and a pinch zoom.

use super::dispatch;
use super::dom::{by_id, on, on_active};
use crate::app::Msg;
use wasm_bindgen::prelude::*;
use web_sys::{Document, HtmlCanvasElement, PointerEvent, WheelEvent};

/// The event's position in the canvas's CSS pixels.
fn rel(plot: &HtmlCanvasElement, x: i32, y: i32) -> (f64, f64) {
    let r = plot.get_bounding_client_rect();
    (x as f64 - r.left(), y as f64 - r.top())
}

/// Listen to the plot.
pub fn wire(doc: &Document) -> Result<(), JsValue> {
    let plot: HtmlCanvasElement = by_id(doc, "plot")?;
    let p = plot.clone();
    on(&plot, "pointerdown", move |e: PointerEvent| {
        let (x, y) = rel(&p, e.client_x(), e.client_y());
        let _ = p.set_pointer_capture(e.pointer_id());
        dispatch(Msg::PointerDown {
            id: e.pointer_id(),
            x,
            y,
        });
    })?;
    let p = plot.clone();
    on(&plot, "pointermove", move |e: PointerEvent| {
        let (x, y) = rel(&p, e.client_x(), e.client_y());
        dispatch(Msg::PointerMove {
            id: e.pointer_id(),
            x,
            y,
        });
    })?;
    for (event, click) in [("pointerup", true), ("pointercancel", false)] {
        let p = plot.clone();
        on(&plot, event, move |e: PointerEvent| {
            let (x, y) = rel(&p, e.client_x(), e.client_y());
            dispatch(Msg::PointerUp {
                id: e.pointer_id(),
                x,
                y,
                click,
            });
        })?;
    }
    let p = plot.clone();
    on_active(&plot, "wheel", move |e: WheelEvent| {
        e.prevent_default();
        let (x, y) = rel(&p, e.client_x(), e.client_y());
        let factor = gradscape_core::geometry::wheel_factor(e.delta_y(), e.delta_mode());
        dispatch(Msg::Zoom { x, y, factor });
    })
}
