//! Box sizes without forced layouts. Reading `clientWidth` (or the
//! window's inner size, or `offsetLeft`) right after the DOM changed makes
//! the browser compute style and layout on the spot; the page changes the
//! DOM at every slider input (legend, cards, panels), so every draw paid a
//! whole layout (21 % of a drag's time with the panels open). Here a size
//! is read once and kept until it can have changed: a ResizeObserver
//! watches each box asked about (its callbacks run after layout, where
//! reading the size costs nothing), and the window's resize forgets the
//! window's size. A box with no size (a closed panel's canvas) is read
//! again at every request, so a panel that opens is measured as it opens.

use super::dispatch;
use crate::app::Msg;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

/// A box asked about and its kept client size.
struct Kept {
    el: Element,
    w: f64,
    h: f64,
}

/// A ResizeObserver and its callback, kept for the page's life.
type Observer = (JsValue, Closure<dyn FnMut(js_sys::Array)>);

thread_local! {
    static KEPT: RefCell<Vec<Kept>> = const { RefCell::new(Vec::new()) };
    static WINDOW: std::cell::Cell<Option<(f64, f64)>> = const { std::cell::Cell::new(None) };
    static OFFSETS: RefCell<Vec<(Element, f64, f64)>> = const { RefCell::new(Vec::new()) };
    static OBSERVER: RefCell<Option<Observer>> = const { RefCell::new(None) };
    /// The plot's top in the page and the boxes above it that can move it.
    static TOP: RefCell<Option<(f64, Vec<Element>)>> = const { RefCell::new(None) };
}

/// How many boxes are kept before the ones no longer in the page are let go
/// (panels rebuild their canvases).
const PRUNE_AT: usize = 24;

/// `el`'s client size in CSS pixels (`clientWidth`, `clientHeight`).
pub fn client_size(el: &Element) -> (f64, f64) {
    let kept = KEPT.with(|k| k.borrow().iter().find(|e| e.el == *el).map(|e| (e.w, e.h)));
    if let Some((w, h)) = kept.filter(|&(w, h)| w > 0.0 && h > 0.0) {
        return (w, h);
    }
    store(el, kept.is_none())
}

/// Read `el`'s client size and keep it (`fresh`: not yet kept nor watched).
fn store(el: &Element, fresh: bool) -> (f64, f64) {
    let (w, h) = (el.client_width() as f64, el.client_height() as f64);
    KEPT.with(|k| {
        let mut k = k.borrow_mut();
        match k.iter_mut().find(|e| e.el == *el) {
            Some(e) => (e.w, e.h) = (w, h),
            None => {
                if k.len() >= PRUNE_AT {
                    let gone: Vec<Element> = k
                        .iter()
                        .filter(|e| !e.el.is_connected())
                        .map(|e| e.el.clone())
                        .collect();
                    k.retain(|e| e.el.is_connected());
                    OFFSETS.with(|o| o.borrow_mut().retain(|(e, _, _)| e.is_connected()));
                    for e in gone {
                        call(&e, "unobserve");
                    }
                }
                k.push(Kept {
                    el: el.clone(),
                    w,
                    h,
                });
            }
        }
    });
    if fresh {
        call(el, "observe");
    }
    (w, h)
}

/// `el`'s offset in its offset parent (`offsetLeft`, `offsetTop`), kept
/// like its size: the page's boxes that ask (the plot in its wrapper) are
/// the first box in flow there, so they move only when they are resized or
/// the window is.
pub fn offset(el: &HtmlElement) -> (f64, f64) {
    let e: &Element = el.unchecked_ref();
    client_size(e);
    let kept = OFFSETS.with(|o| {
        o.borrow()
            .iter()
            .find(|(k, _, _)| k == e)
            .map(|&(_, x, y)| (x, y))
    });
    if let Some(xy) = kept {
        return xy;
    }
    let xy = (el.offset_left() as f64, el.offset_top() as f64);
    OFFSETS.with(|o| o.borrow_mut().push((e.clone(), xy.0, xy.1)));
    xy
}

/// The window's inner size (CSS pixels), kept until it is resized.
pub fn window_size(window: &web_sys::Window) -> Result<(f64, f64), JsValue> {
    if let Some(s) = WINDOW.with(|w| w.get()) {
        return Ok(s);
    }
    let s = (
        window.inner_width()?.as_f64().unwrap_or(1200.0),
        window.inner_height()?.as_f64().unwrap_or(800.0),
    );
    WINDOW.with(|w| w.set(Some(s)));
    Ok(s)
}

/// The plot's top in the page (CSS px, scroll left out), kept like a size:
/// reading it takes a layout (`scrollY`, a box's rect) that every slider
/// input paid after the legend and cards changed (1.6 ms of a drag's
/// input with every panel open). `read` finds it; `above` are the boxes
/// over the plot whose height moves it (header, notice, lesson caption, a quiz asked above it),
/// watched so that a new height reads it again and redraws. What changes
/// them through the model (a lesson, the words, the notices) forgets it
/// first ([`forget_top`]), so that draw already reads the new top.
pub fn page_top(
    above: impl Fn() -> Vec<Element>,
    read: impl FnOnce() -> Result<f64, JsValue>,
) -> Result<f64, JsValue> {
    if let Some(top) = TOP.with(|t| t.borrow().as_ref().map(|(top, _)| *top)) {
        return Ok(top);
    }
    let top = read()?;
    let boxes = above();
    // Their sizes now (the layout is fresh): the observer's report of the
    // change just read is then no news, and draws nothing again.
    for b in &boxes {
        let kept = KEPT.with(|k| k.borrow().iter().any(|e| e.el == *b));
        store(b, !kept);
    }
    TOP.with(|t| *t.borrow_mut() = Some((top, boxes)));
    Ok(top)
}

/// Read the plot's top again at the next draw.
pub fn forget_top() {
    TOP.with(|t| *t.borrow_mut() = None);
}

/// Forget every kept size and offset (the window was resized; an embedded
/// or presented figure fits other boxes' heights, read fresh each draw).
pub fn forget() {
    forget_top();
    WINDOW.with(|w| w.set(None));
    KEPT.with(|k| {
        for e in k.borrow_mut().iter_mut() {
            (e.w, e.h) = (0.0, 0.0);
        }
    });
    OFFSETS.with(|o| o.borrow_mut().clear());
}

/// The observer said these boxes were resized: keep their new sizes and,
/// if a width changed, redraw (after layout, before paint: the frame painted
/// is the one at the new size).
fn resized(entries: js_sys::Array) {
    let mut changed = false;
    for entry in entries.iter() {
        let Some(target) = js_sys::Reflect::get(&entry, &"target".into())
            .ok()
            .and_then(|t| t.dyn_into::<Element>().ok())
        else {
            continue;
        };
        let (w, h) = (target.client_width() as f64, target.client_height() as f64);
        let above = TOP.with(|t| {
            t.borrow()
                .as_ref()
                .is_some_and(|(_, boxes)| boxes.contains(&target))
        });
        KEPT.with(|k| {
            if let Some(e) = k.borrow_mut().iter_mut().find(|e| e.el == target) {
                // A new width redraws; a new height alone is the page's own
                // doing (a canvas's height follows its width or its pixels).
                // (Hidden, 0, or shown again from 0: its panel draws it.)
                changed |= e.w > 0.0 && w > 0.0 && e.w != w;
                // A box over the plot that grew or shrank moved it.
                if above && (e.w, e.h) != (w, h) {
                    forget_top();
                    changed = true;
                }
                // The time bar under it is room the figure leaves: one
                // that wrapped to two rows (a lesson's panel put beside
                // the figure after the first picture) ran off the screen.
                changed |= target.id() == "timebar" && e.h > 0.0 && e.h != h;
                (e.w, e.h) = (w, h);
            }
        });
        OFFSETS.with(|o| o.borrow_mut().retain(|(e, _, _)| *e != target));
    }
    if changed {
        dispatch(Msg::Redraw);
    }
}

/// `observer.method(el)`, the observer made on first use. Through
/// `Reflect`: no web-sys feature for three calls. Without ResizeObserver
/// the sizes are kept until the window is resized.
fn call(el: &Element, method: &str) {
    let r = OBSERVER.with(|o| -> Result<(), JsValue> {
        let mut o = o.borrow_mut();
        if o.is_none() {
            let window = web_sys::window().ok_or("no window")?;
            let ctor = js_sys::Reflect::get(&window, &"ResizeObserver".into())?;
            let Some(ctor) = ctor.dyn_ref::<js_sys::Function>() else {
                return Ok(());
            };
            let cb = Closure::<dyn FnMut(js_sys::Array)>::new(resized);
            let obs = js_sys::Reflect::construct(ctor, &js_sys::Array::of1(cb.as_ref()))?;
            *o = Some((obs, cb));
        }
        if let Some((obs, _)) = o.as_ref() {
            let f = js_sys::Reflect::get(obs, &method.into())?.dyn_into::<js_sys::Function>()?;
            f.call1(obs, el)?;
        }
        Ok(())
    });
    if let Err(e) = r {
        web_sys::console::error_1(&e);
    }
}
