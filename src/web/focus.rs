//! The keyboard focus across a render. A render may replace the focused
//! control (undo rebuilds the cards, ✕ removes one, a lesson brings new
//! ones) or hide or disable it (presenter mode, ↶ at the start of the
//! history): the browser then drops the focus on `<body>`, its ring
//! vanishes and the next arrow key does something else. The focus goes to
//! the same control in the new markup (found by its id, or by the data
//! attributes that name a card's parameter), else to the figure, whose
//! keys the README lists.

use super::gestures::focus_figure;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlElement};

/// The attributes that tell a control from its siblings in rebuilt
/// markup: a card's index, an optimizer's parameter, a surface's key, a
/// nudge's direction, a slider from the field beside it.
const KEYS: [&str; 6] = [
    "data-index",
    "data-param",
    "data-key",
    "data-field",
    "data-dir",
    "type",
];

/// The focused element (none when it is `<body>`, where the browser puts
/// a focus it dropped).
pub fn focused(doc: &Document) -> Option<Element> {
    let body = doc.body().map(Element::from);
    doc.active_element().filter(|a| Some(a) != body.as_ref())
}

/// After the render: when the focus fell to `<body>` from `was` (its
/// element removed) or stays on it now disabled (the browser would drop
/// it at its next frame), put it on `was`'s counterpart, or on the figure.
pub fn after(doc: &Document, was: Option<Element>) {
    let Some(was) = was else { return };
    let lost = match focused(doc) {
        Some(a) => a == was && was.has_attribute("disabled"),
        None => true,
    };
    if !lost {
        return;
    }
    let again = if was.is_connected() {
        Some(was.clone())
    } else {
        selector(&was).and_then(|s| counterpart(doc, &s, &was))
    };
    match again.and_then(|e| e.dyn_into::<HtmlElement>().ok()) {
        Some(e) if usable(&e) => super::dom::focus_still(&e),
        _ => focus_figure(doc),
    }
}

/// The element `s` selects, or for a card's control whose card is gone
/// (✕), the same control of the card before it.
fn counterpart(doc: &Document, s: &str, was: &Element) -> Option<Element> {
    let found = doc.query_selector(s).ok().flatten();
    if found.is_some() {
        return found;
    }
    let card = was.closest("[data-index]").ok().flatten()?;
    let i: usize = card.get_attribute("data-index")?.parse().ok()?;
    let at = format!("[data-index=\"{i}\"]");
    let before = format!("[data-index=\"{}\"]", i.checked_sub(1)?);
    doc.query_selector(&s.replacen(&at, &before, 1))
        .ok()
        .flatten()
}

/// A control the page hid (presenter mode hides the side panels' headings)
/// loses the focus in the browser's next frame, not in the render: when
/// it goes with nowhere to go (`relatedTarget` none) from a control that
/// is no longer shown, the figure takes it. A click elsewhere leaves the
/// control shown: nothing is done then.
pub fn wire(doc: &Document) -> Result<(), wasm_bindgen::JsValue> {
    let d = doc.clone();
    super::dom::on(doc, "focusout", move |e: web_sys::FocusEvent| {
        if e.related_target().is_some() {
            return;
        }
        let Some(t) = e.target().and_then(|t| t.dyn_into::<HtmlElement>().ok()) else {
            return;
        };
        if t.is_connected() && !usable(&t) {
            focus_figure(&d);
        }
    })
}

/// Can take the focus: not disabled, not hidden (`display: none` or a
/// hidden ancestor leaves no offset parent).
fn usable(e: &HtmlElement) -> bool {
    !e.has_attribute("disabled") && e.offset_parent().is_some()
}

/// `E`: the keyboard's way to η. The focus goes to the next card's η
/// slider (the first card's from anywhere else), so a teacher at a
/// projector changes η with E and the arrows instead of a dozen Tabs;
/// Esc gives the keys back to the figure. Locked (disabled) and hidden
/// sliders are passed over; with none, nothing happens.
pub fn next_rate(doc: &Document) {
    let Ok(list) = doc.query_selector_all(RATES) else {
        return;
    };
    let rates: Vec<HtmlElement> = (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into::<HtmlElement>().ok())
        .filter(usable)
        .collect();
    let now = focused(doc);
    let at = rates
        .iter()
        .position(|r| now.as_ref() == Some(r.as_ref()))
        .map_or(0, |i| (i + 1) % rates.len());
    let Some(rate) = rates.get(at) else { return };
    super::dom::focus_still(rate);
    let into = web_sys::ScrollIntoViewOptions::new();
    into.set_block(web_sys::ScrollLogicalPosition::Center);
    rate.scroll_into_view_with_scroll_into_view_options(&into);
}

/// Every card's η slider, in the cards' order.
const RATES: &str = "#optimizers section.opt-card input[type=range][data-param=\"lr\"]";

/// A CSS selector for `e` from its own markup: its id, or its tag and
/// naming attributes under its nearest ancestors' (up to one with an id,
/// or four levels). None when nothing names it.
fn selector(e: &Element) -> Option<String> {
    let mut parts = Vec::new();
    let mut named = false;
    let mut at = Some(e.clone());
    for _ in 0..5 {
        let Some(el) = at else { break };
        let id = el.id();
        if !id.is_empty() {
            parts.push(format!("#{}", css_ident(&id)));
            named = true;
            break;
        }
        let mut part = el.tag_name().to_ascii_lowercase();
        // The first class names the part (a state's class comes after).
        if let Some(c) = el.get_attribute("class") {
            if let Some(first) = c.split_whitespace().next() {
                part.push_str(&format!("[class~=\"{}\"]", first.replace(['"', '\\'], "")));
            }
        }
        for k in KEYS {
            if let Some(v) = el.get_attribute(k) {
                part.push_str(&format!("[{k}=\"{}\"]", v.replace(['"', '\\'], "")));
                named = true;
            }
        }
        parts.push(part);
        at = el.parent_element();
    }
    if !named {
        return None;
    }
    parts.reverse();
    Some(parts.join(" > "))
}

/// An id as a CSS identifier (the page's ids are plain words and dashes;
/// anything else is escaped).
fn css_ident(id: &str) -> String {
    id.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c.to_string()
            } else {
                format!("\\{:x} ", u32::from(c))
            }
        })
        .collect()
}
