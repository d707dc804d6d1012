//! A card's slider under a pointer.
//!
//! Its resolution: the slider's positions a CSS pixel, read once when the
//! pointer goes down (not per move: a layout read after each render was a
//! fifth of a drag, issue 16), so that a drag snaps to the keys' stops
//! (`ParamInfo::snap`: η = 0.5 and 0.6 are reachable by dragging).
//!
//! A finger's touch is held back until it is a drag: Chromium's slider
//! jumps to a touch at once, also to one that starts a scroll, and a
//! student swiping the page over a card changed η (0.4 → 5.25e-4) and
//! "modified" the lesson. Until the finger moves sideways (or lifts: a
//! tap sets the value, as the browser's own slider does) the slider's
//! input events reach no model; when the browser takes the touch for a
//! scroll (`pointercancel`) the slider's value is put back.

use super::dom::{by_id, on};
use crate::app::Msg;
use crate::optim::{Key, KeyValue};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlInputElement, PointerEvent};

/// style.css's query for 44 px touch targets (its slider thumb among them).
const TOUCH_QUERY: &str = "(max-width: 600px), (pointer: coarse)";

/// CSS pixels a finger moves sideways (more than up or down) before its
/// touch is a drag of the slider.
const SIDEWAYS: i32 = 6;

/// The slider the pointer went down on.
struct Down {
    /// The pointer's id (a second finger's events are not this one's).
    id: i32,
    input: HtmlInputElement,
    /// Slider positions a CSS pixel.
    per_px: f64,
    /// A touch not yet a drag: the value before it and where it began.
    held: Option<(String, i32, i32)>,
}

thread_local! {
    static DOWN: RefCell<Option<Down>> = const { RefCell::new(None) };
    /// The slider last let go (see [`keep_in_place`]).
    static LAST: RefCell<Option<HtmlInputElement>> = const { RefCell::new(None) };
}

/// The positions a pixel of the pointer on `input` now (0: no pointer on it).
pub fn per_px(input: &HtmlInputElement) -> f64 {
    DOWN.with(|d| {
        d.borrow()
            .as_ref()
            .filter(|d| &d.input == input)
            .map_or(0.0, |d| d.per_px)
    })
}

/// Whether a pointer holds a card's slider.
pub fn pressed() -> bool {
    DOWN.with(|d| d.borrow().is_some())
}

/// Run `change` (a rebuild of a box above the cards) keeping the slider held (else the one last let go, else the
/// card control that has the focus) where it is on the screen: on a phone
/// the runs' messages stand above the cards, and a run that began to
/// diverge mid-drag pushed the slider 96 px from under the finger, and its
/// hint's smaller η, once let go, 106 px more, off the screen. Only a
/// control on the screen is kept (one scrolled away may move).
pub fn keep_in_place(
    window: &web_sys::Window,
    change: impl FnOnce() -> Result<(), JsValue>,
) -> Result<(), JsValue> {
    let anchor = DOWN
        .with(|d| d.borrow().as_ref().map(|d| d.input.clone()))
        .or_else(|| LAST.with(|l| l.borrow().clone()))
        .map(Element::from)
        .or_else(|| {
            let active = window.document()?.active_element()?;
            active.closest("#optimizers").ok().flatten().map(|_| active)
        });
    let height = window
        .inner_height()
        .ok()
        .and_then(|h| h.as_f64())
        .unwrap_or(0.0);
    let anchor = anchor
        .filter(|a| a.is_connected())
        .map(|a| (a.get_bounding_client_rect().top(), a))
        .filter(|(top, _)| (0.0..height).contains(top));
    change()?;
    if let Some((top, a)) = anchor {
        let moved = a.get_bounding_client_rect().top() - top;
        if moved.abs() >= 0.5 {
            window.scroll_by_with_x_and_y(0.0, moved);
        }
    }
    Ok(())
}

/// Whether `input`'s value is a touch not yet a drag (not for the model).
pub fn held(input: &HtmlInputElement) -> bool {
    DOWN.with(|d| {
        d.borrow()
            .as_ref()
            .is_some_and(|d| &d.input == input && d.held.is_some())
    })
}

/// What card `i`'s slider `input` for `key` now says: a numeric key's
/// position (snapped to the keys' stops by a pointer's pixel); an
/// integer's value, at once as the numbers' sliders.
pub fn slid(input: &HtmlInputElement, i: usize, key: Key) -> Option<Msg> {
    match key {
        Key::Hyper(key) => Some(Msg::SlideHyper {
            i,
            key,
            pos: input.value_as_number(),
            per_px: per_px(input),
        }),
        Key::Int(_) => Some(Msg::SetKey {
            i,
            key,
            part: 0,
            v: Some(KeyValue::Int(input.value_as_number().max(0.0) as u64)),
        }),
        _ => None,
    }
}

/// Forget the slider under pointer `e` once it is up.
fn ours_ended(e: &PointerEvent) {
    DOWN.with(|d| {
        let mut d = d.borrow_mut();
        if d.as_ref().is_some_and(|d| d.id == e.pointer_id()) {
            if let Some(d) = d.take() {
                LAST.with(|l| *l.borrow_mut() = Some(d.input));
            }
        }
    });
}

/// The width of a slider's thumb, CSS px: style.css's 44 px under its
/// touch query, else Chromium's own 16 px (a computed style of
/// `::-webkit-slider-thumb` is the input's own, so the query is asked).
fn thumb_px() -> f64 {
    let touch = web_sys::window()
        .and_then(|w| w.match_media(TOUCH_QUERY).ok().flatten())
        .is_some_and(|m| m.matches());
    if touch {
        44.0
    } else {
        16.0
    }
}

/// A held touch let go: the model takes the slider's value now, if it
/// moved from `before` (a tap on the thumb that left it put changes
/// nothing: a typed 0.45 stayed 0.45, not its position's 0.452). Called
/// with nothing borrowed: [`per_px`] is asked.
fn send_input(input: &HtmlInputElement, before: &str) {
    if input.value() == before {
        return;
    }
    let card = input
        .closest("section.opt-card")
        .ok()
        .flatten()
        .and_then(|c| c.get_attribute("data-index")?.parse().ok());
    let key = input
        .get_attribute("data-param")
        .and_then(|n| Key::from_name(&n));
    if let Some(msg) = card.zip(key).and_then(|(i, key)| slid(input, i, key)) {
        super::dispatch(msg);
    }
}

/// Listen to pointers on the cards' sliders.
pub fn wire(doc: &Document) -> Result<(), JsValue> {
    let cards: Element = by_id(doc, "optimizers")?;
    on(&cards, "pointerdown", |e: PointerEvent| {
        // A second finger (a pinch begun on a card) leaves the first one's.
        if !e.is_primary() && DOWN.with(|d| d.borrow().is_some()) {
            return;
        }
        let input = e
            .target()
            .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
            .filter(|i| i.type_() == "range");
        let down = input.map(|input| {
            // The thumb's centre travels the track less the thumb (44 px
            // on a touch screen): the pixel is that length's.
            let travel = input.get_bounding_client_rect().width() - thumb_px();
            let span = input.max().parse().unwrap_or(0.0) - input.min().parse().unwrap_or(0.0);
            let per_px = if travel >= 1.0 { span / travel } else { 0.0 };
            let held =
                (e.pointer_type() == "touch").then(|| (input.value(), e.client_x(), e.client_y()));
            Down {
                id: e.pointer_id(),
                input,
                per_px,
                held,
            }
        });
        DOWN.with(|d| *d.borrow_mut() = down);
    })?;
    on(&cards, "pointermove", |e: PointerEvent| {
        let sideways = |&(_, x, y): &(String, i32, i32)| {
            let (dx, dy) = ((e.client_x() - x).abs(), (e.client_y() - y).abs());
            dx >= SIDEWAYS && dx > dy
        };
        let drag = DOWN.with(|d| {
            let mut d = d.borrow_mut();
            let d = d
                .as_mut()
                .filter(|d| d.id == e.pointer_id() && d.held.as_ref().is_some_and(sideways))?;
            d.held.take().map(|(value, _, _)| (d.input.clone(), value))
        });
        if let Some((input, value)) = drag {
            send_input(&input, &value);
        }
    })?;
    // A tap: the value where it touched, snapped as a drag's.
    on(&cards, "pointerup", |e: PointerEvent| {
        let tap = DOWN.with(|d| {
            let mut d = d.borrow_mut();
            let d = d.as_mut().filter(|d| d.id == e.pointer_id())?;
            d.held.take().map(|(value, _, _)| (d.input.clone(), value))
        });
        if let Some((input, value)) = tap {
            send_input(&input, &value);
        }
        ours_ended(&e);
    })?;
    // Let go wherever it is let go (the cards' own listeners, when over
    // them, first): web/calmer.rs asks for what it held back.
    let window = web_sys::window().ok_or("no window")?;
    for event in ["pointerup", "pointercancel"] {
        on(&window, event, |e: PointerEvent| ours_ended(&e))?;
    }
    on(&cards, "pointercancel", |e: PointerEvent| {
        if !DOWN.with(|d| d.borrow().as_ref().is_some_and(|d| d.id == e.pointer_id())) {
            return;
        }
        if let Some(d) = DOWN.with(|d| d.borrow_mut().take()) {
            if let Some((value, _, _)) = d.held {
                d.input.set_value(&value);
            }
        }
    })
}
