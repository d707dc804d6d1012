//! A few small DOM helpers, so the rest reads like the page it builds.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, EventTarget};

/// The element with this id, as type `T`.
pub fn by_id<T: JsCast>(doc: &Document, id: &str) -> Result<T, JsValue> {
    doc.get_element_by_id(id)
        .ok_or_else(|| JsValue::from_str(&format!("the page has no #{id}")))?
        .dyn_into::<T>()
        .map_err(|_| JsValue::from_str(&format!("#{id} has the wrong element type")))
}

/// Set an attribute unless it has that value already. Any write, even of
/// the same value, invalidates the element's style (and a `lang` on
/// `<html>` the whole page's): a drag's per-input syncs compare first.
pub fn set_attr(e: &Element, name: &str, value: &str) -> Result<(), JsValue> {
    if e.get_attribute(name).as_deref() != Some(value) {
        e.set_attribute(name, value)?;
    }
    Ok(())
}

/// Remove an attribute if it is there (see [`set_attr`]).
pub fn remove_attr(e: &Element, name: &str) -> Result<(), JsValue> {
    if e.has_attribute(name) {
        e.remove_attribute(name)?;
    }
    Ok(())
}

/// Set a text unless the element has it already (see [`set_attr`]).
pub fn set_text(e: &Element, text: &str) {
    if e.text_content().as_deref() != Some(text) {
        e.set_text_content(Some(text));
    }
}

/// A new element with attributes and optional text (text, never HTML).
pub fn el(
    doc: &Document,
    tag: &str,
    attrs: &[(&str, &str)],
    text: Option<&str>,
) -> Result<Element, JsValue> {
    let e = doc.create_element(tag)?;
    for (k, v) in attrs {
        e.set_attribute(k, v)?;
    }
    if let Some(t) = text {
        e.set_text_content(Some(t));
    }
    Ok(e)
}

/// A listener closure that calls `f` with the event as an `E` (other
/// events are ignored).
fn typed<E, F>(mut f: F) -> Closure<dyn FnMut(web_sys::Event)>
where
    E: JsCast + 'static,
    F: FnMut(E) + 'static,
{
    Closure::<dyn FnMut(web_sys::Event)>::new(move |e: web_sys::Event| {
        if super::echo(&e) {
            return;
        }
        if let Ok(e) = e.dyn_into::<E>() {
            f(e)
        }
    })
}

/// Scroll `e` into view by the least that shows it (a scrolling column
/// first, the page if need be), and out from under a phone's kept figure
/// (the page's scroll padding allows for a two-row time bar; a lesson
/// with three left a new card's name under it).
pub fn bring_into_view(e: &Element) {
    let opts = web_sys::ScrollIntoViewOptions::new();
    opts.set_block(web_sys::ScrollLogicalPosition::Nearest);
    e.scroll_into_view_with_scroll_into_view_options(&opts);
    let (Some(w), Some(fig)) = (
        web_sys::window(),
        e.owner_document()
            .and_then(|d| d.get_element_by_id("figure")),
    ) else {
        return;
    };
    let kept = w
        .get_computed_style(&fig)
        .ok()
        .flatten()
        .and_then(|s| s.get_property_value("position").ok())
        .is_some_and(|p| p == "sticky");
    let under = e.get_bounding_client_rect().top() - fig.get_bounding_client_rect().bottom();
    if kept && under < 0.0 && !fig.contains(Some(e)) {
        w.scroll_by_with_x_and_y(0.0, under - 8.0);
    }
}

/// Focus `e` without scrolling to it (the page keeps its place).
pub fn focus_still(e: &web_sys::HtmlElement) {
    let opts = web_sys::FocusOptions::new();
    opts.set_prevent_scroll(true);
    let _ = e.focus_with_options(&opts);
}

/// Say `text` politely to a screen reader, in passing (`#said`).
pub fn say(doc: &Document, text: &str) {
    if let Some(said) = doc.get_element_by_id("said") {
        said.set_text_content(Some(text));
    }
}

/// Listen for `event` on `target` for the page's lifetime.
pub fn on<E, F>(target: &EventTarget, event: &str, f: F) -> Result<(), JsValue>
where
    E: JsCast + 'static,
    F: FnMut(E) + 'static,
{
    let cb = typed(f);
    target.add_event_listener_with_callback(event, cb.as_ref().unchecked_ref())?;
    cb.forget();
    Ok(())
}

/// Like [`on`], but not passive, so the handler may `prevent_default` (wheel).
pub fn on_active<E, F>(target: &EventTarget, event: &str, f: F) -> Result<(), JsValue>
where
    E: JsCast + 'static,
    F: FnMut(E) + 'static,
{
    let opts = web_sys::AddEventListenerOptions::new();
    opts.set_passive(false);
    on_with(target, event, f, &opts)
}

/// Like [`on`], in the capture phase: before any element's own listener.
pub fn on_capture<E, F>(target: &EventTarget, event: &str, f: F) -> Result<(), JsValue>
where
    E: JsCast + 'static,
    F: FnMut(E) + 'static,
{
    let opts = web_sys::AddEventListenerOptions::new();
    opts.set_capture(true);
    on_with(target, event, f, &opts)
}

/// [`on`] with listener options.
fn on_with<E, F>(
    target: &EventTarget,
    event: &str,
    f: F,
    opts: &web_sys::AddEventListenerOptions,
) -> Result<(), JsValue>
where
    E: JsCast + 'static,
    F: FnMut(E) + 'static,
{
    let cb = typed(f);
    target.add_event_listener_with_callback_and_add_event_listener_options(
        event,
        cb.as_ref().unchecked_ref(),
        opts,
    )?;
    cb.forget();
    Ok(())
}

/// The nearest ancestor-or-self of an event target matching a CSS selector.
pub fn closest(target: Option<EventTarget>, selector: &str) -> Option<Element> {
    target?
        .dyn_into::<Element>()
        .ok()?
        .closest(selector)
        .ok()
        .flatten()
}

/// Append `child` to `parent`.
pub fn add(parent: &Element, child: &Element) -> Result<(), JsValue> {
    parent.append_child(child)?;
    Ok(())
}

/// Whether the page prefers dark colours (never in presenter mode: the
/// projector palette is light whatever the system's theme).
pub fn dark(window: &web_sys::Window) -> bool {
    let presenting = window
        .document()
        .and_then(|d| d.body())
        .is_some_and(|b| b.class_list().contains("present"));
    !presenting && media_matches(window, "(prefers-color-scheme: dark)")
}

/// Whether `element` stands on a dark background, read from the host
/// page's text colour it inherits (light text: a dark page): a mounted
/// figure follows the page it is in, not the system's theme (a light page
/// of notes on a system in dark mode drew the loss chart's labels pale on
/// white; a page made dark by a class drew them dark on dark).
pub fn on_dark(window: &web_sys::Window, element: &Element) -> bool {
    let Some(color) = window
        .get_computed_style(element)
        .ok()
        .flatten()
        .and_then(|s| s.get_property_value("color").ok())
    else {
        return dark(window);
    };
    // "rgb(r, g, b)" or "rgba(r, g, b, a)".
    let rgb: Vec<f64> = color
        .trim_start_matches(|c: char| c.is_ascii_alphabetic())
        .trim_matches(|c| c == '(' || c == ')')
        .split(',')
        .take(3)
        .filter_map(|v| v.trim().parse().ok())
        .collect();
    match rgb[..] {
        [r, g, b] => 0.299 * r + 0.587 * g + 0.114 * b > 127.5,
        _ => dark(window),
    }
}

/// Whether a media query holds now.
pub(crate) fn media_matches(window: &web_sys::Window, query: &str) -> bool {
    window
        .match_media(query)
        .ok()
        .flatten()
        .is_some_and(|m| m.matches())
}

/// Whether the reader asked for less motion (`prefers-reduced-motion`).
pub fn reduced_motion(window: &web_sys::Window) -> bool {
    media_matches(window, "(prefers-reduced-motion: reduce)")
}

/// A deep copy of the first element of `<template id=…>` in the page.
pub(crate) fn from_template(doc: &Document, id: &str) -> Result<Element, JsValue> {
    let tpl = doc
        .get_element_by_id(id)
        .ok_or_else(|| JsValue::from_str(&format!("no #{id}")))?;
    let content: web_sys::Node =
        js_sys::Reflect::get(&tpl, &JsValue::from_str("content"))?.dyn_into()?;
    content
        .first_child()
        .ok_or_else(|| JsValue::from_str(&format!("empty #{id}")))?
        .clone_node_with_deep(true)?
        .dyn_into::<Element>()
        .map_err(JsValue::from)
}

/// The first element under `root` matching `sel`.
pub(crate) fn part(root: &Element, sel: &str) -> Result<Element, JsValue> {
    root.query_selector(sel)?
        .ok_or_else(|| JsValue::from_str(&format!("no {sel} in the card template")))
}

/// Whether a − / + button is the + one.
pub fn is_up(button: &Element) -> bool {
    button.get_attribute("data-dir").as_deref() == Some("up")
}

/// A − / + button at its end of the range (`stuck`: a press would not move
/// the value) says so (`aria-disabled`, greyed): β2's + at 0.9999 stayed lit
/// and did nothing. Not `disabled`, which would drop the keyboard's focus
/// from a button pressed to its end.
pub fn spent(button: &Element, stuck: bool) -> Result<(), JsValue> {
    if button.has_attribute("aria-disabled") != stuck {
        if stuck {
            button.set_attribute("aria-disabled", "true")?;
        } else {
            button.remove_attribute("aria-disabled")?;
        }
    }
    Ok(())
}
