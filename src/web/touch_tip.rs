//! A button that shows only a symbol (⊡ ⤢, ↶ ↷, ⇤ ◀ ▶ ▶|, ↺, ‹ ›) is named
//! by its `aria-label` and, under a mouse, its `title`; a touch screen
//! never shows a title. Pressed and held there (as a phone's own icon
//! buttons do), it shows its name in a small tip above it and is not
//! pressed; a tap presses it as before. Screen readers already say the
//! name: the tip is hidden from them.
//!
//! A control a teacher's link fixed (`web::locks`) says so in its box's
//! `title` too: a tap on it shows that in the same tip (a disabled control
//! does nothing else on a tap).

use super::dom::{closest, on, on_active, on_capture};
use super::timer::{cancel, later, Later};
use std::cell::{Cell, RefCell};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlElement, PointerEvent};

/// A finger that moves this far (CSS px) scrolls, not holds.
const SLOP: f64 = 10.0;
/// A click this soon (ms) after a hold that showed the tip is the hold's.
const CLICK_AFTER_HOLD: f64 = 600.0;

thread_local! {
    /// The button held, and where the finger went down.
    static HELD: RefCell<Option<(Element, f64, f64)>> = const { RefCell::new(None) };
    /// The tip was shown for the press under way.
    static SHOWN: Cell<bool> = const { Cell::new(false) };
    /// Until when (`Date.now()`) a click is the hold's, not a press.
    static SWALLOW: Cell<f64> = const { Cell::new(0.0) };
    /// A tap begun on a locked control: its box, and where the finger went down.
    static LOCKED: RefCell<Option<(Element, f64, f64)>> = const { RefCell::new(None) };
}

/// The box of a control a teacher's link fixed, under a touch.
fn locked_box(e: &PointerEvent) -> Option<Element> {
    if e.pointer_type() != "touch" {
        return None;
    }
    closest(e.target(), ".locked-box")
}

/// Whether `text` (a button's content) is a symbol only: no letter, no
/// digit (`PNG`, `Reveal` and `1×` name themselves).
pub fn symbol_only(text: &str) -> bool {
    let t = text.trim();
    !t.is_empty() && !t.chars().any(char::is_alphanumeric)
}

/// The button under a touch that the tip is for, and its name.
fn symbol_button(e: &PointerEvent) -> Option<(Element, String)> {
    if e.pointer_type() != "touch" {
        return None;
    }
    let b = closest(e.target(), "button")?;
    let name = b.get_attribute("aria-label").filter(|n| !n.is_empty())?;
    symbol_only(&b.text_content().unwrap_or_default()).then_some((b, name))
}

fn tip(doc: &Document) -> Option<HtmlElement> {
    doc.get_element_by_id("touch-tip")?.dyn_into().ok()
}

fn hide() {
    SHOWN.with(|s| s.set(false));
    if let Some(t) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| tip(&d))
    {
        let _ = t.set_attribute("hidden", "");
    }
}

/// The held button's name above it (below it near the window's top),
/// inside the window.
fn show() {
    let Some((b, ..)) = HELD.with(|h| h.borrow().clone()) else {
        return;
    };
    if let Some(name) = b.get_attribute("aria-label") {
        show_at(&b, &name);
    }
}

/// `text` in the tip above `b`.
fn show_at(b: &Element, text: &str) {
    let Some(w) = web_sys::window() else {
        return;
    };
    let Some(t) = w.document().and_then(|d| tip(&d)) else {
        return;
    };
    // (The last hold's tip, due to go, is this one now.)
    cancel(&w, Later::TipHide);
    // No keyboard here: the name without its key ("(F)").
    t.set_text_content(Some(gradscape_text::without_key(text)));
    let _ = t.remove_attribute("hidden");
    let r = b.get_bounding_client_rect();
    let vw = w.inner_width().ok().and_then(|v| v.as_f64()).unwrap_or(0.0);
    let (tw, th) = (f64::from(t.offset_width()), f64::from(t.offset_height()));
    let x = (r.left() + r.width() / 2.0 - tw / 2.0).clamp(4.0, (vw - tw - 4.0).max(4.0));
    let above = r.top() - th - 8.0;
    let y = if above >= 4.0 {
        above
    } else {
        r.bottom() + 8.0
    };
    let s = t.style();
    let _ = s.set_property("left", &format!("{x}px"));
    let _ = s.set_property("top", &format!("{y}px"));
    SHOWN.with(|s| s.set(true));
}

/// Listen for holds on symbol buttons.
pub fn wire(doc: &Document) -> Result<(), JsValue> {
    on(doc, "pointerdown", |e: PointerEvent| {
        hide();
        // A new press: a click the last hold left unsent (iOS sends none
        // after a long press) must not take this one.
        SWALLOW.with(|s| s.set(0.0));
        let Some(w) = web_sys::window() else {
            return;
        };
        LOCKED.with(|l| {
            *l.borrow_mut() = locked_box(&e).map(|b| (b, e.client_x().into(), e.client_y().into()))
        });
        match symbol_button(&e) {
            Some((b, _)) => {
                HELD.with(|h| {
                    *h.borrow_mut() = Some((b, e.client_x().into(), e.client_y().into()))
                });
                let _ = later(&w, Later::Hold, show);
            }
            None => {
                HELD.with(|h| h.borrow_mut().take());
                cancel(&w, Later::Hold);
            }
        }
    })?;
    on(doc, "pointermove", |e: PointerEvent| {
        let far = HELD.with(|h| {
            h.borrow().as_ref().is_some_and(|(_, x, y)| {
                (f64::from(e.client_x()) - x).hypot(f64::from(e.client_y()) - y) > SLOP
            })
        });
        if far {
            end_hold();
        }
        // A finger that moves scrolls: no tip for a locked control either.
        LOCKED.with(|l| {
            let mut l = l.borrow_mut();
            let moved = l.as_ref().is_some_and(|(_, x, y)| {
                (f64::from(e.client_x()) - x).hypot(f64::from(e.client_y()) - y) > SLOP
            });
            if moved {
                *l = None;
            }
        });
    })?;
    for kind in ["pointerup", "pointercancel"] {
        on(doc, kind, move |_: PointerEvent| {
            let locked = LOCKED.with(|l| l.borrow_mut().take());
            if SHOWN.with(Cell::get) {
                // The release after a hold presses nothing (a cancelled
                // pointer sends no click); the tip stays a moment.
                if kind == "pointerup" {
                    SWALLOW.with(|s| s.set(js_sys::Date::now() + CLICK_AFTER_HOLD));
                }
                if let Some(w) = web_sys::window() {
                    let _ = later(&w, Later::TipHide, hide);
                }
            } else if let (Some((b, ..)), "pointerup") = (locked, kind) {
                // A tap on a locked control: why it does nothing.
                let why = b.get_attribute("title").unwrap_or_default();
                if !why.is_empty() {
                    show_at(&b, &why);
                    if let Some(w) = web_sys::window() {
                        let _ = later(&w, Later::TipHide, hide);
                    }
                }
            }
            end_hold();
        })?;
    }
    // Capture: the hold's click is stopped before the button's own handler.
    on_capture(doc, "click", |e: web_sys::Event| {
        if js_sys::Date::now() < SWALLOW.with(Cell::get) {
            SWALLOW.with(|s| s.set(0.0));
            e.prevent_default();
            e.stop_immediate_propagation();
        }
    })?;
    // A long touch also opens the browser's menu (Chrome on Android): not
    // on a held button, whose hold shows its name.
    on_active(doc, "contextmenu", |e: web_sys::Event| {
        if HELD.with(|h| h.borrow().is_some()) || SHOWN.with(Cell::get) {
            e.prevent_default();
        }
    })?;
    Ok(())
}

/// The finger lifted or moved away: no tip for this press any more.
fn end_hold() {
    HELD.with(|h| h.borrow_mut().take());
    if let Some(w) = web_sys::window() {
        cancel(&w, Later::Hold);
    }
}
