//! The plot's pointer events as messages: a press carries the pointer's
//! kind and whether Shift/Alt was held (only then does a click set the
//! start); a drag moves the start marker or pans, the wheel and a pinch
//! zoom. On a touch screen the canvas lets one finger scroll the page
//! (`touch-action: pan-y`) unless it lands on the ring; a second finger
//! takes the gesture for pan and pinch.

use super::dom::{by_id, on, on_active};
use super::timer::{later, Later};
use super::{dispatch, start};
use crate::app::{Msg, PointerKind};
use wasm_bindgen::prelude::*;
use web_sys::{Document, HtmlCanvasElement, PointerEvent, TouchEvent, WheelEvent};

/// The event's position in the canvas's CSS pixels (its layout pixels, also
/// under a CSS-scaled ancestor).
pub(super) fn rel(plot: &HtmlCanvasElement, x: i32, y: i32) -> (f64, f64) {
    let r = plot.get_bounding_client_rect();
    gradscape_core::geometry::client_px(
        (x as f64, y as f64),
        (r.left(), r.top(), r.width(), r.height()),
        (plot.client_width() as f64, plot.client_height() as f64),
    )
}

pub(super) fn kind(e: &PointerEvent) -> PointerKind {
    match e.pointer_type().as_str() {
        "touch" => PointerKind::Touch,
        "pen" => PointerKind::Pen,
        _ => PointerKind::Mouse,
    }
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
            kind: kind(&e),
            modified: e.shift_key() || e.alt_key(),
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
    // The page may scroll under one finger, but not when it grabs the ring
    // or when a second finger lands (then the fingers pan and pinch).
    let p = plot.clone();
    on_active(&plot, "touchstart", move |e: TouchEvent| {
        let touches = e.touches();
        let on_ring = touches.length() == 1
            && touches.get(0).is_some_and(|t| {
                let (x, y) = rel(&p, t.client_x(), t.client_y());
                start::ring().is_some_and(|r| gradscape_core::geometry::grabs_start(r, x, y, true))
            });
        if on_ring || touches.length() >= 2 {
            e.prevent_default();
        }
    })?;
    let p = plot.clone();
    on_active(&plot, "wheel", move |e: WheelEvent| {
        // Over a page that scrolls, the wheel scrolls it and a hint says
        // how to zoom: a student at 1280×800 could not scroll past the
        // figure to its messages (a touchpad's two fingers zoomed it).
        // Ctrl/⌘ + wheel zooms, and a touchpad's pinch (Chromium sends it
        // as Ctrl + wheel); a page with nothing to scroll (an embed that
        // fits its frame) zooms with the wheel alone, as before.
        // A teacher link that fixes the view (its ⊡ locked): the wheel is
        // the page's and the browser's, no hint of a zoom it refuses.
        if view_fixed() {
            return;
        }
        if !(e.ctrl_key() || e.meta_key() || !page_scrolls()) {
            return wheel_hint(true);
        }
        e.prevent_default();
        let (x, y) = rel(&p, e.client_x(), e.client_y());
        let factor = gradscape_core::geometry::wheel_factor(e.delta_y(), e.delta_mode());
        dispatch(Msg::Zoom { x, y, factor });
        // A burst of wheel events is one undo entry: it ends when the wheel rests.
        if let Some(w) = web_sys::window() {
            let _ = later(&w, Later::Gesture, || dispatch(Msg::EndGesture));
        }
    })
}

/// Whether a teacher link fixes the view (its controls are locked, `locks.rs`).
fn view_fixed() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("fit-view"))
        .is_some_and(|b| b.class_list().contains("locked"))
}

/// Whether the page is taller than the window (the wheel then scrolls it).
fn page_scrolls() -> bool {
    let Some(w) = web_sys::window() else {
        return false;
    };
    let height = w
        .inner_height()
        .ok()
        .and_then(|h| h.as_f64())
        .unwrap_or(0.0);
    w.document()
        .and_then(|d| d.document_element())
        .is_some_and(|root| f64::from(root.scroll_height()) > height + 1.0)
}

/// Show (or hide) the figure's hint that Ctrl + wheel zooms; shown, it
/// goes 1.5 s after the last wheel.
fn wheel_hint(show: bool) {
    let Some(w) = web_sys::window() else {
        return;
    };
    if let Some(hint) = w.document().and_then(|d| d.get_element_by_id("wheel-hint")) {
        if hint.has_attribute("hidden") == show {
            let _ = hint.toggle_attribute_with_force("hidden", !show);
        }
    }
    if show {
        let _ = later(&w, Later::WheelHint, || wheel_hint(false));
    }
}
