//! A card's rows for the keys that are neither a number with a slider nor a
//! switch: two-number pairs (two labelled number fields side by side, each
//! with its symbol: η− and η+, Γmin and Γmax), integers (a slider over the
//! key's whole range with a number field and − / +, like the numbers' rows)
//! and choices (a picker). Each control is `data-param`'d like the sliders
//! (and `data-part`'d: which field of a pair); a change goes through
//! `Msg::SetKey`, and a value the key refuses is marked on its field with
//! the key's rule (`src/web/fields.rs`).

use super::dom::{add, el};
use crate::format::field;
use crate::optim::{Hyper, Key, KeyValue, OptKind, Range};
use gradscape_text::optim::{choice_option, key_label, key_name};
use gradscape_text::{trf, Lang};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlInputElement, HtmlSelectElement};

/// The bounds of an integer key's slider (its whole allowed range).
fn int_bounds(key: Key) -> (u64, u64) {
    match key.range() {
        Range::Count { lo, hi } => (lo, hi),
        _ => (0, 0),
    }
}

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
    let label = key_label(kind, key, lang);
    match (key, key.get(h)) {
        (Key::Pair(k), KeyValue::Pair(v)) => {
            let row = el(doc, "div", &[("class", "param key-row pair-row")], None)?;
            for (part, sym) in k.symbols().iter().enumerate() {
                let aria = format!("{sym} {words}");
                let lab = el(doc, "label", &[("class", "pair-part")], None)?;
                add(&lab, &el(doc, "span", &[("class", "sym")], Some(sym))?)?;
                let input = el(
                    doc,
                    "input",
                    &[
                        // Text, not a number input: the browser's drops
                        // what it cannot read (`1,5` became 15), the core
                        // names it (`format::read_field`).
                        ("type", "text"),
                        ("class", "num"),
                        ("inputmode", "decimal"),
                        ("spellcheck", "false"),
                        ("autocomplete", "off"),
                        ("data-param", name),
                        ("data-part", &part.to_string()),
                        ("aria-label", &aria),
                        ("title", &aria),
                    ],
                    None,
                )?;
                input
                    .unchecked_ref::<HtmlInputElement>()
                    .set_value(&field(v[part]));
                lab.append_child(&input)?;
                row.append_child(&lab)?;
            }
            add(
                &row,
                &el(doc, "span", &[("class", "param-name")], Some(words))?,
            )?;
            Ok(Some(row))
        }
        (Key::Int(k), KeyValue::Int(n)) => {
            // The numbers' row: readout, slider, field, − / +.
            let row = super::dom::from_template(doc, "param-template")?;
            row.class_list().add_1("int-row")?;
            let (lo, hi) = int_bounds(key);
            let out = super::dom::part(&row, "output")?;
            out.set_attribute("data-param", name)?;
            out.set_text_content(Some(&format!("{} = {n}", k.symbol())));
            let range: HtmlInputElement =
                super::dom::part(&row, "input[type=range]")?.dyn_into()?;
            for (a, val) in [
                ("min", lo.to_string()),
                ("max", hi.to_string()),
                ("data-param", name.to_string()),
                ("aria-label", label.clone()),
                ("title", label.clone()),
                ("aria-valuetext", format!("{} = {n}", k.symbol())),
            ] {
                range.set_attribute(a, &val)?;
            }
            range.set_value(&n.to_string());
            let num: HtmlInputElement = super::dom::part(&row, "input.num")?.dyn_into()?;
            for (a, val) in [
                ("inputmode", "numeric".to_string()),
                ("data-param", name.to_string()),
                ("data-part", "0".to_string()),
                ("aria-label", trf(lang, "card.value", &[&label])),
            ] {
                num.set_attribute(a, &val)?;
            }
            num.set_value(&n.to_string());
            super::dom::part(&row, ".param-name")?.set_text_content(Some(words));
            for (sel, w) in [
                (".nudge[data-dir=down]", "card.less"),
                (".nudge[data-dir=up]", "card.more"),
            ] {
                let b = super::dom::part(&row, sel)?;
                b.set_attribute("data-param", name)?;
                b.set_attribute("aria-label", &trf(lang, w, &[&label]))?;
                b.set_attribute("title", &trf(lang, w, &[&label]))?;
                super::dom::spent(&b, int_at_end(key, n, super::dom::is_up(&b)))?;
            }
            Ok(Some(row))
        }
        (Key::Choice(k), KeyValue::Choice(current)) => {
            let row = el(doc, "label", &[("class", "param key-row choice-row")], None)?;
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
            add(
                &row,
                &el(doc, "span", &[("class", "param-name")], Some(words))?,
            )?;
            Ok(Some(row))
        }
        _ => Ok(None),
    }
}

/// Put the controls of a pair, integer or choice key back to the spec's
/// value (`skip`: the slider being dragged keeps its position).
pub fn sync_key(sec: &Element, key: Key, h: &Hyper, skip: Option<&Element>) -> Result<(), JsValue> {
    let name = key.name();
    let list = sec.query_selector_all(&format!("[data-param=\"{name}\"]"))?;
    for n in 0..list.length() {
        let Some(node) = list.item(n) else { continue };
        if skip.is_some_and(|s| s.is_same_node(Some(&node))) {
            continue;
        }
        if let Some(input) = node.dyn_ref::<HtmlInputElement>() {
            match key.get(h) {
                KeyValue::Pair(v) => {
                    let part: usize = input
                        .get_attribute("data-part")
                        .and_then(|p| p.parse().ok())
                        .unwrap_or(0);
                    input.set_value(&field(v[part.min(1)]));
                }
                KeyValue::Int(v) => {
                    input.set_value(&v.to_string());
                    if input.type_() == "range" {
                        if let Key::Int(k) = key {
                            input.set_attribute(
                                "aria-valuetext",
                                &format!("{} = {v}", k.symbol()),
                            )?;
                        }
                    }
                }
                _ => {}
            }
        } else if let (Some(select), KeyValue::Choice(c)) =
            (node.dyn_ref::<HtmlSelectElement>(), key.get(h))
        {
            select.set_value(c);
        } else if let (Key::Int(k), KeyValue::Int(v)) = (key, key.get(h)) {
            // The row's readout, and its − / + at the range's ends.
            if let Some(e) = node.dyn_ref::<Element>() {
                if e.tag_name().eq_ignore_ascii_case("output") {
                    e.set_text_content(Some(&format!("{} = {v}", k.symbol())));
                } else if e.class_list().contains("nudge") {
                    super::dom::spent(e, int_at_end(key, v, super::dom::is_up(e)))?;
                }
            }
        }
    }
    Ok(())
}

/// The value a change of a pair, integer or choice control means, read
/// from the card's controls of that key (a pair reads both of its fields,
/// an integer the control that changed); None when a field does not hold a
/// number of the key's type.
pub fn read_key(sec: &Element, key: Key, changed: &Element) -> Option<KeyValue> {
    let name = key.name();
    let field = |sel: &str| -> Option<Element> {
        sec.query_selector(&format!("[data-param=\"{name}\"]{sel}"))
            .ok()
            .flatten()
    };
    let num = |e: &Element| -> Option<f64> {
        crate::format::read_field(&e.dyn_ref::<HtmlInputElement>()?.value())
    };
    match key {
        Key::Pair(_) => Some(KeyValue::Pair([
            num(&field("[data-part=\"0\"]")?)?,
            num(&field("[data-part=\"1\"]")?)?,
        ])),
        Key::Int(_) => {
            let v = num(changed)?;
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

/// A − / + press on an integer row: one more or one less, kept in the
/// key's range (a value typed beyond it is not pulled further out).
pub fn nudge_int(key: Key, v: f64, up: bool) -> Option<KeyValue> {
    let (lo, hi) = int_bounds(key);
    if !v.is_finite() {
        return Some(KeyValue::Int(lo));
    }
    let n = v.round().max(0.0) as u64;
    let next = if up {
        n.saturating_add(1).min(hi.max(n))
    } else {
        n.saturating_sub(1).max(lo.min(n))
    };
    Some(KeyValue::Int(next))
}

/// Whether a press (− or +, `up`) would leave whole-number key `key` at `n`.
fn int_at_end(key: Key, n: u64, up: bool) -> bool {
    nudge_int(key, n as f64, up) == Some(KeyValue::Int(n))
}
