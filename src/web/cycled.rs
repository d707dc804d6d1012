//! A card's momentum row while its schedule cycles the momentum (torch's
//! `cycle_momentum` of OneCycleLR and CyclicLR): the schedule sets γ, μ or
//! β1 at every step and the card's own value is never used, so the row's
//! controls are disabled, its readout shows the cycled range ("γ = 0.85–0.95",
//! as the run's label does) and its name says why. A slider that moved
//! nothing was the schedules trial's "dead control".

use super::dom::{el, part};
use crate::format::fmt_num;
use crate::optim::{Key, OptSpec};
use crate::params::ParamInfo;
use gradscape_text::{tr, trf, Lang};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::Element;

/// The controls this module disabled carry this attribute, so that a lock
/// of the teacher's link (which disables them too) is never undone here.
const MARK: &str = "data-cycled";

/// Bring card `sec`'s momentum row in line with `spec`'s schedule: marked
/// while the schedule cycles that key, as built otherwise.
pub fn mark(sec: &Element, spec: &OptSpec, lang: Lang) -> Result<(), JsValue> {
    let Some(key) = spec.kind.cycled_momentum() else {
        return Ok(());
    };
    let name = Key::Hyper(key).name();
    let Some(range) = sec.query_selector(&format!("input[type=range][data-param=\"{name}\"]"))?
    else {
        return Ok(());
    };
    let Some(row) = range.closest(".param")? else {
        return Ok(());
    };
    let cycled = spec.schedule.as_ref().and_then(|s| s.momentum_range());
    let info = ParamInfo::of(spec.kind, key);
    let on = cycled.is_some();
    if !on && !row.class_list().contains("cycled") {
        return Ok(());
    }
    row.class_list().toggle_with_force("cycled", on)?;
    let readout = match cycled {
        Some([lo, hi]) => format!("{} = {}–{}", info.symbol, fmt_num(lo), fmt_num(hi)),
        None => super::panel::readout(&info, key.get(&spec.hyper)),
    };
    let out = part(&row, "output")?;
    if out.text_content().as_deref() != Some(&readout) {
        out.set_text_content(Some(&readout));
    }
    // A screen reader says the range too, not the unused value.
    range.set_attribute("aria-valuetext", &readout)?;
    // The words go in a span of their own after the name, with why as its
    // tooltip: the name's box also holds a link's lock mark and the row's
    // title its "fixed by this link", which must stay.
    let tag = part(&row, ".param-name")?;
    let note = tag.query_selector(":scope > .cycled-note")?;
    match (cycled, note) {
        (Some([lo, hi]), note) => {
            let note = match note {
                Some(n) => n,
                None => {
                    let n = el(
                        &row.owner_document().ok_or("no document")?,
                        "span",
                        &[("class", "cycled-note")],
                        None,
                    )?;
                    let first: Option<web_sys::Node> = tag.first_element_child().map(Into::into);
                    tag.insert_before(&n, first.as_ref())?;
                    n
                }
            };
            let words = format!(" · {}", tr(lang, "card.cycled"));
            if note.text_content().as_deref() != Some(&words) {
                note.set_text_content(Some(&words));
            }
            let (lo, hi) = (fmt_num(lo), fmt_num(hi));
            note.set_attribute(
                "title",
                &trf(lang, "card.cycled.title", &[info.symbol, &lo, &hi]),
            )?;
        }
        (None, Some(note)) => note.remove(),
        (None, None) => {}
    }
    let controls = row.query_selector_all("input, button")?;
    for n in 0..controls.length() {
        let Some(c) = controls.item(n).and_then(|n| n.dyn_into::<Element>().ok()) else {
            continue;
        };
        if on && !c.has_attribute("disabled") {
            c.set_attribute("disabled", "")?;
            c.set_attribute(MARK, "")?;
        } else if !on && c.has_attribute(MARK) {
            // A link's lock (which may have come after) keeps it disabled.
            if !c.class_list().contains("locked") {
                c.remove_attribute("disabled")?;
            }
            c.remove_attribute(MARK)?;
        }
    }
    Ok(())
}
