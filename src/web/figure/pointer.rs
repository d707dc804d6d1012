//! A mounted figure's pointer, as in the playground (`app::update`'s
//! pointer rules): a Shift/Alt-click sets the start, a drag of the ring
//! moves it, a mouse drag elsewhere pans; a plain click changes nothing.
//! No wheel zoom: a figure sits in a page of prose that the wheel scrolls.
//! Positions go through `web::pointer::rel`, so a figure on a CSS-scaled
//! reveal.js slide maps a click to the point under it.

use super::state::{Shared, State};
use crate::app::Msg;
use crate::web::dom::on;
use crate::web::pointer::{kind, rel};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use web_sys::{HtmlCanvasElement, PointerEvent};

/// Listen to the figure's plot; the listeners hold the state weakly, so a
/// destroyed figure's state is freed.
pub(super) fn wire(plot: &HtmlCanvasElement, state: &Shared) -> Result<(), JsValue> {
    let listen = |event: &str, to_msg: fn(&HtmlCanvasElement, &PointerEvent) -> Msg| {
        let weak = Rc::downgrade(state);
        let p = plot.clone();
        on(plot, event, move |e: PointerEvent| {
            let Some(st) = weak.upgrade() else { return };
            if e.type_() == "pointerdown" {
                let _ = p.set_pointer_capture(e.pointer_id());
            }
            let mut s = st.borrow_mut();
            if s.alive {
                let _ = State::handle(&mut s, to_msg(&p, &e));
            }
        })
    };
    listen("pointerdown", |p, e| {
        let (x, y) = rel(p, e.client_x(), e.client_y());
        Msg::PointerDown {
            id: e.pointer_id(),
            x,
            y,
            kind: kind(e),
            modified: e.shift_key() || e.alt_key(),
        }
    })?;
    listen("pointermove", |p, e| {
        let (x, y) = rel(p, e.client_x(), e.client_y());
        Msg::PointerMove {
            id: e.pointer_id(),
            x,
            y,
        }
    })?;
    listen("pointerup", |p, e| {
        let (x, y) = rel(p, e.client_x(), e.client_y());
        Msg::PointerUp {
            id: e.pointer_id(),
            x,
            y,
            click: true,
        }
    })?;
    listen("pointercancel", |p, e| {
        let (x, y) = rel(p, e.client_x(), e.client_y());
        Msg::PointerUp {
            id: e.pointer_id(),
            x,
            y,
            click: false,
        }
    })
}
