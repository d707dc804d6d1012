//! Refused values shown where they were typed: the model names the invalid
//! fields ([`Model::invalid_fields`]); here each becomes its input (red,
//! `aria-invalid`, `aria-describedby`) and a message right under its row.
//! Leaving a field (blur) asks the model to revert it (the view fields
//! only when the focus leaves the four); Escape to cancel the edit.
//!
//! One table maps a [`FieldId`] to its input and back ([`input_of`],
//! [`field_of`]); a new field (say, the start's x and y) adds its selector
//! there and everything else follows.

use super::dom::on;
use super::{controls, dispatch, App};
use crate::app::{FieldId, Model, Msg};
use crate::format;
use crate::landscape::{Edge, Param};
use crate::optim::Key;
use gradscape_text::errors::with_slip;
use gradscape_text::{tr, trf};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlInputElement, KeyboardEvent};

/// The class of the messages made here.
const MESSAGE: &str = "field-error";

/// The CSS selector of `f`'s input.
fn selector(f: FieldId) -> String {
    match f {
        FieldId::Hyper { i, key } => format!(
            "#optimizers section.opt-card[data-index=\"{i}\"] input.num[data-param=\"{}\"]",
            key.name()
        ),
        FieldId::Key { i, key, part } => format!(
            "#optimizers section.opt-card[data-index=\"{i}\"] input.num[data-param=\"{}\"][data-part=\"{part}\"]",
            key.name()
        ),
        FieldId::Steps => "#steps".into(),
        FieldId::Sigma => "#noise-sigma".into(),
        FieldId::Seed => "#noise-seed".into(),
        FieldId::SurfaceParam(k) => format!("#surface-params input[data-key=\"{}\"]", k.name()),
        FieldId::View(e) => format!("#view-fields input[data-view=\"{}\"]", e.name()),
        FieldId::Start(0) => "#start-x".into(),
        FieldId::Start(_) => "#start-y".into(),
    }
}

/// The id of `f`'s message element.
fn message_id(f: FieldId) -> String {
    match f {
        FieldId::Hyper { i, key } => format!("invalid-card-{i}-{}", key.name()),
        FieldId::Key { i, key, .. } => format!("invalid-card-{i}-{}", key.name()),
        FieldId::Steps => "invalid-steps".into(),
        FieldId::Sigma => "invalid-sigma".into(),
        FieldId::Seed => "invalid-seed".into(),
        FieldId::SurfaceParam(k) => format!("invalid-surface-{}", k.name()),
        FieldId::View(e) => format!("invalid-view-{}", e.name()),
        FieldId::Start(axis) => format!("invalid-start-{axis}"),
    }
}

/// The input of `f` on the page, if it is there.
pub fn input_of(doc: &Document, f: FieldId) -> Option<HtmlInputElement> {
    doc.query_selector(&selector(f)).ok()??.dyn_into().ok()
}

/// The field an input is (the reverse of [`input_of`]).
pub fn field_of(input: &Element) -> Option<FieldId> {
    let attr = |a: &str| input.get_attribute(a);
    match input.id().as_str() {
        "steps" => return Some(FieldId::Steps),
        "noise-sigma" => return Some(FieldId::Sigma),
        "noise-seed" => return Some(FieldId::Seed),
        "start-x" => return Some(FieldId::Start(0)),
        "start-y" => return Some(FieldId::Start(1)),
        _ => {}
    }
    if !input.class_list().contains("num") {
        return None;
    }
    if let Some(edge) = attr("data-view").and_then(|n| Edge::from_name(&n)) {
        return Some(FieldId::View(edge));
    }
    if let Some(k) = attr("data-key").and_then(|n| Param::from_name(&n)) {
        return Some(FieldId::SurfaceParam(k));
    }
    let key = attr("data-param").and_then(|n| Key::from_name(&n))?;
    let i = input
        .closest("section.opt-card")
        .ok()??
        .get_attribute("data-index")?
        .parse()
        .ok()?;
    match key {
        Key::Hyper(key) => Some(FieldId::Hyper { i, key }),
        Key::Pair(_) | Key::Int(_) => Some(FieldId::Key {
            i,
            key,
            part: attr("data-part")?.parse().ok()?,
        }),
        _ => None,
    }
}

/// The value in effect as field `f` shows it (steps and seed are whole).
fn shown(m: &Model, f: FieldId) -> Option<String> {
    let v = m.value_of(f)?;
    Some(match f {
        FieldId::Steps | FieldId::Seed => format!("{}", v as u64),
        _ => format::field(v),
    })
}

/// `f`'s message in the page's language: what is allowed, what was typed,
/// and the value kept.
fn message(app: &App, f: FieldId) -> Option<String> {
    let lang = app.lang;
    let typed = input_of(&app.doc, f).map(|i| i.value()).unwrap_or_default();
    // `0,5` or `0.6。`: nearly a number, said how to write.
    let comma = |text: String| with_slip(text, &typed, false, lang);
    let text = if let FieldId::Hyper { .. } | FieldId::Key { .. } = f {
        let e = app.card_errors.iter().find(|e| e.field() == f)?;
        let text = super::card_error_text(e, lang, &typed);
        // An unreadable value's message already says what was kept, and a
        // pair's says both numbers kept.
        if let crate::app::CardError::Unreadable { .. } = e {
            return Some(comma(text));
        }
        if let crate::app::CardError::Key { .. } = e {
            return Some(text);
        }
        text
    } else {
        let e = app.error.as_ref().filter(|e| e.field() == Some(f))?;
        match e {
            // What was typed, quoted, with the range the scene reader
            // names for it (the text given to the reader, which refuses
            // it as it would in a scene file).
            crate::app::GlobalError::SurfaceNan(key) => {
                let name = gradscape_text::landscape::param_name(&app.scene.landscape, *key, lang);
                let text = serde_json::Value::String(typed.trim().to_string());
                match crate::app::update::surface::with_param(&app.scene, *key, text) {
                    Err(e) => trf(
                        lang,
                        "surface.problem",
                        &[name, &gradscape_text::errors::scene_problem(&e, lang)],
                    ),
                    Ok(_) => trf(lang, "surface.nan", &[name, &typed]),
                }
            }
            crate::app::GlobalError::Unreadable(r) if !typed.trim().is_empty() => {
                let text = trf(
                    lang,
                    "rule.unreadable.typed",
                    &[tr(lang, controls::rule(r)), typed.trim()],
                );
                match r {
                    // Whole numbers: `2,000` is no decimal.
                    crate::app::Rule::Steps | crate::app::Rule::Seed => {
                        with_slip(text, &typed, true, lang)
                    }
                    _ => comma(text),
                }
            }
            _ => controls::error_text(e, &app.scene.landscape, lang),
        }
    };
    Some(match shown(&app.model, f) {
        Some(kept) => trf(lang, "field.kept", &[&text, &kept]),
        None => text,
    })
}

/// Where `input`'s message goes: after its row — a card's parameter row,
/// the row of fields it sits in (the view window, the noise, the time bar:
/// kept whole), or else the label holding it.
fn row_of(input: &Element) -> Option<Element> {
    [".param", ".row, .timebar", "label"]
        .into_iter()
        .find_map(|sel| input.closest(sel).ok().flatten())
}

/// Drop `id` from `input`'s `aria-describedby`, and its invalid mark.
fn unmark(input: &Element, id: &str) -> Result<(), JsValue> {
    input.remove_attribute("aria-invalid")?;
    let rest: Vec<String> = input
        .get_attribute("aria-describedby")
        .unwrap_or_default()
        .split_whitespace()
        .filter(|t| *t != id)
        .map(String::from)
        .collect();
    if rest.is_empty() {
        input.remove_attribute("aria-describedby")
    } else {
        input.set_attribute("aria-describedby", &rest.join(" "))
    }
}

/// Bring the invalid marks and messages in line with the model: a message
/// still wanted keeps its element (so a screen reader hears the change
/// politely, not a new region each keystroke); others go.
pub fn show(app: &App) -> Result<(), JsValue> {
    let doc = &app.doc;
    let wanted: Vec<(FieldId, String)> = app
        .invalid_fields()
        .into_iter()
        .filter_map(|f| Some((f, message(app, f)?)))
        .collect();
    let ids: Vec<String> = wanted.iter().map(|(f, _)| message_id(*f)).collect();
    let old = doc.query_selector_all(&format!(".{MESSAGE}"))?;
    for n in 0..old.length() {
        let Some(p) = old.item(n).and_then(|n| n.dyn_into::<Element>().ok()) else {
            continue;
        };
        let id = p.id();
        if !ids.contains(&id) {
            let sel = format!("[aria-describedby~=\"{id}\"]");
            if let Some(input) = doc.query_selector(&sel)? {
                unmark(&input, &id)?;
            }
            p.remove();
        }
    }
    for ((f, text), id) in wanted.iter().zip(&ids) {
        let Some(input) = input_of(doc, *f) else {
            continue;
        };
        let input: &Element = input.unchecked_ref();
        let Some(row) = row_of(input) else {
            continue;
        };
        let found = doc.get_element_by_id(id);
        let fresh = found.is_none();
        let p = match found {
            Some(p) => p,
            None => {
                let p = doc.create_element("p")?;
                p.set_id(id);
                p.set_attribute("class", &format!("error {MESSAGE}"))?;
                p
            }
        };
        // Right under its row, even when the row was rebuilt.
        if row.next_element_sibling().as_ref() != Some(&p) {
            row.after_with_node_1(&p)?;
        }
        if p.text_content().as_deref() != Some(text.as_str()) {
            p.set_text_content(Some(text));
            // Said once by the page's one region for these (a screen
            // reader did not read a region born with its text): the
            // message of the field being typed in, or a new one.
            let focused = doc.active_element().as_ref() == Some(input);
            if focused || fresh {
                super::dom::say(doc, text);
            }
        }
        if fresh {
            // A new message under the field the student is in is brought
            // into view, the least scroll that shows it: the controls'
            // column scrolls on its own, and a card's last row sat at its
            // bottom edge with the message under it.
            super::dom::bring_into_view(&p);
        }
        input.set_attribute("aria-invalid", "true")?;
        let mut by = input.get_attribute("aria-describedby").unwrap_or_default();
        if !by.split_whitespace().any(|t| t == id) {
            by = format!("{by} {id}").trim().to_string();
            input.set_attribute("aria-describedby", &by)?;
        }
    }
    Ok(())
}

/// Every field the model has a value for shows it again, the focused one
/// too (it was left or abandoned).
pub fn revert(app: &App) -> Result<(), JsValue> {
    let inputs = app.doc.query_selector_all("input.num")?;
    for n in 0..inputs.length() {
        let Some(input) = inputs
            .item(n)
            .and_then(|n| n.dyn_into::<HtmlInputElement>().ok())
        else {
            continue;
        };
        let Some(f) = field_of(input.unchecked_ref()) else {
            continue;
        };
        if let Some(text) = shown(&app.model, f) {
            if input.value() != text {
                input.set_value(&text);
            }
        }
    }
    Ok(())
}

/// The pause after the last key in a number field or the formula: pending
/// text is committed, a value taken stands (`Msg::Paused`,
/// `Msg::FormulaPaused`), if the field still has the focus (left, it was
/// put back already).
pub fn paused(app: &mut App) -> Result<(), JsValue> {
    let Some(focused) = app.doc.active_element() else {
        return Ok(());
    };
    if focused.id() == "expr-input" {
        dispatch(Msg::FormulaPaused);
        return Ok(());
    }
    let Some(f) = field_of(&focused) else {
        return Ok(());
    };
    if let Some(input) = input_of(&app.doc, f) {
        dispatch(Msg::Paused {
            field: f,
            text: input.value(),
        });
    }
    Ok(())
}

/// Blur (focus leaving a field) and Escape in a field revert it.
pub fn wire(doc: &Document) -> Result<(), JsValue> {
    on(doc, "focusout", |e: web_sys::Event| {
        let Some(f) = e
            .target()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .and_then(|t| field_of(&t))
        else {
            return;
        };
        // The four view fields are typed together (a window moved right
        // passes through x from > x to): moving among them keeps the text.
        let to = js_sys::Reflect::get(&e, &JsValue::from_str("relatedTarget"))
            .ok()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .and_then(|t| field_of(&t));
        if matches!((f, to), (FieldId::View(_), Some(FieldId::View(_)))) {
            return;
        }
        dispatch(Msg::Revert(f));
    })?;
    on(doc, "keydown", |e: KeyboardEvent| {
        if e.key() != "Escape" {
            return;
        }
        if let Some(f) = e
            .target()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .and_then(|t| field_of(&t))
        {
            e.prevent_default();
            dispatch(Msg::Cancel(f));
        }
    })
}
