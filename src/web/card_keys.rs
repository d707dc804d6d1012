//! A card's rows for the keys that are neither a number with a slider nor a
//! switch: two-number pairs (two number fields), integers (one number field)
//! and choices (a picker). Plain controls, each `data-param`'d like the
//! sliders; a change the key refuses is put back (`Msg::SetKey`). The
//! page's proper widgets for these replace [`key_row`] and [`sync_key`].

use super::dom::el;
use crate::format::fmt_num;
use crate::optim::{Hyper, Key, KeyValue, OptKind};
use gradscape_text::optim::{choice_option, key_name};
use gradscape_text::Lang;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlInputElement, HtmlSelectElement};

/// The row of a pair, integer or choice key; None for numbers and switches
/// (the card's templates build those).
pub fn key_row(
    doc: &Document,
    kind: OptKind,
    key: Key,
    h: &Hyper,
    lang: Lang,
) -> Result<Option<Element>, JsValue> {
    let name = key.name();
    let words = key_name(kind, key, lang);
    let row = el(doc, "div", &[("class", "param key-row")], None)?;
    let head = el(doc, "span", &[("class", "param-name")], Some(words))?;
    row.append_child(&head)?;
    match (key, key.get(h)) {
        (Key::Pair(k), KeyValue::Pair(v)) => {
            for (part, sym) in k.symbols().iter().enumerate() {
                let label = format!("{sym} {words}");
                let lab = el(doc, "label", &[("class", "pair-part")], Some(sym))?;
                let input = el(
                    doc,
                    "input",
                    &[
                        ("type", "number"),
                        ("step", "any"),
                        ("data-param", name),
                        ("data-part", &part.to_string()),
                        ("aria-label", &label),
                        ("title", &label),
                        ("value", &fmt_num(v[part])),
                    ],
                    None,
                )?;
                lab.append_child(&input)?;
                row.append_child(&lab)?;
            }
        }
        (Key::Int(_), KeyValue::Int(n)) => {
            let input = el(
                doc,
                "input",
                &[
                    ("type", "number"),
                    ("step", "1"),
                    ("data-param", name),
                    ("aria-label", words),
                    ("value", &n.to_string()),
                ],
                None,
            )?;
            row.append_child(&input)?;
        }
        (Key::Choice(k), KeyValue::Choice(current)) => {
            let select = el(
                doc,
                "select",
                &[("data-param", name), ("aria-label", words)],
                None,
            )?;
            for &option in k.options() {
                let o = el(
                    doc,
                    "option",
                    &[("value", option)],
                    Some(&choice_option(k, option, lang)),
                )?;
                select.append_child(&o)?;
            }
            if let Some(s) = select.dyn_ref::<HtmlSelectElement>() {
                s.set_value(current);
            }
            row.append_child(&select)?;
        }
        _ => return Ok(None),
    }
    Ok(Some(row))
}

/// Put the fields of a pair, integer or choice key back to the spec's value.
pub fn sync_key(sec: &Element, key: Key, h: &Hyper) -> Result<(), JsValue> {
    let name = key.name();
    let list = sec.query_selector_all(&format!("[data-param=\"{name}\"]"))?;
    for n in 0..list.length() {
        let Some(node) = list.item(n) else { continue };
        if let Some(input) = node.dyn_ref::<HtmlInputElement>() {
            match key.get(h) {
                KeyValue::Pair(v) => {
                    let part: usize = input
                        .get_attribute("data-part")
                        .and_then(|p| p.parse().ok())
                        .unwrap_or(0);
                    input.set_value(&fmt_num(v[part.min(1)]));
                }
                KeyValue::Int(v) => input.set_value(&v.to_string()),
                _ => {}
            }
        } else if let (Some(select), KeyValue::Choice(c)) =
            (node.dyn_ref::<HtmlSelectElement>(), key.get(h))
        {
            select.set_value(c);
        }
    }
    Ok(())
}

/// The value a change of a pair, integer or choice field means, read from
/// the card's fields of that key (a pair reads both of its fields); None
/// when a field does not hold a number.
pub fn read_key(sec: &Element, key: Key) -> Option<KeyValue> {
    let name = key.name();
    let field = |sel: &str| -> Option<Element> {
        sec.query_selector(&format!("[data-param=\"{name}\"]{sel}"))
            .ok()
            .flatten()
    };
    let num = |e: Element| -> Option<f64> {
        e.dyn_into::<HtmlInputElement>()
            .ok()?
            .value()
            .trim()
            .parse::<f64>()
            .ok()
    };
    match key {
        Key::Pair(_) => Some(KeyValue::Pair([
            num(field("[data-part=\"0\"]")?)?,
            num(field("[data-part=\"1\"]")?)?,
        ])),
        Key::Int(_) => {
            let v = num(field("")?)?;
            (v >= 0.0 && v.fract() == 0.0 && v <= u32::MAX as f64)
                .then_some(KeyValue::Int(v as u64))
        }
        Key::Choice(k) => {
            let v = field("")?.dyn_into::<HtmlSelectElement>().ok()?.value();
            k.options()
                .iter()
                .find(|o| **o == v)
                .map(|o| KeyValue::Choice(o))
        }
        _ => None,
    }
}
