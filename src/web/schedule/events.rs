//! The schedule controls' events: each change becomes a
//! [`Msg::EditSchedule`] (delegated on the optimizer list).

use super::super::dispatch;
use super::super::dom::{closest, on};
use super::picker::PRESET;
use crate::app::{Msg, SchedEdit};
use crate::optim::OptSpec;
use crate::scene::schedule_edit::{ArgValue, PHASE_KINDS};
use crate::scene::{schedule_keys, schedule_value};
use gradscape_core::schedule::KINDS;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlInputElement, HtmlSelectElement};

/// The field a control is about: its phase and argument (a name of the
/// kind's keys, as the core spells it).
fn arg_of(e: &Element, spec: &OptSpec) -> Option<(Option<usize>, &'static str)> {
    let phase = e.get_attribute("data-phase").and_then(|p| p.parse().ok());
    let name = e.get_attribute("data-arg")?;
    let s = spec.schedule?;
    let v = schedule_value(&s);
    let kind = match phase {
        Some(p) => v["schedulers"][p]["kind"].as_str()?.to_string(),
        None => s.kind().to_string(),
    };
    let arg = schedule_keys(&kind).iter().copied().find(|k| *k == name)?;
    Some((phase, arg))
}

/// The message a schedule control's change means.
fn edit_of(e: &Element, spec: &OptSpec) -> Option<SchedEdit> {
    let phase = || {
        e.get_attribute("data-phase")
            .and_then(|p| p.parse::<usize>().ok())
    };
    let value = || -> Option<String> {
        if let Some(s) = e.dyn_ref::<HtmlSelectElement>() {
            return Some(s.value());
        }
        e.dyn_ref::<HtmlInputElement>().map(|i| i.value())
    };
    Some(match e.get_attribute("data-sched")?.as_str() {
        "kind" => {
            let v = value()?;
            if v == PRESET {
                return Some(SchedEdit::WarmupCosine);
            }
            SchedEdit::Kind(KINDS.iter().copied().find(|k| *k == v))
        }
        "phase-kind" => {
            let v = value()?;
            let kind = PHASE_KINDS.iter().copied().find(|k| *k == v)?;
            SchedEdit::PhaseKind {
                phase: phase()?,
                kind,
            }
        }
        "arg" => {
            let (phase, arg) = arg_of(e, spec)?;
            let v = match e.dyn_ref::<HtmlInputElement>() {
                Some(i) if i.type_() == "checkbox" => ArgValue::Flag(i.checked()),
                _ => ArgValue::Text(value()?),
            };
            SchedEdit::Arg { phase, arg, v }
        }
        _ => return None,
    })
}

fn card_of(e: &Element) -> Option<usize> {
    e.closest("section.opt-card")
        .ok()??
        .get_attribute("data-index")?
        .parse()
        .ok()
}

/// The spec of card `i` now (read when a control changes).
fn spec_of(i: usize) -> Option<OptSpec> {
    super::super::APP.with(|a| {
        a.try_borrow()
            .ok()?
            .as_ref()
            .and_then(|app| app.scene.optimizers.get(i).copied())
    })
}

/// The schedule controls' listeners, delegated on the optimizer list.
pub fn wire(doc: &Document) -> Result<(), JsValue> {
    let cards: Element = super::super::dom::by_id(doc, "optimizers")?;
    on(&cards, "change", |ev: web_sys::Event| {
        let Some(e) = closest(ev.target(), "[data-sched]") else {
            return;
        };
        let Some(i) = card_of(&e) else { return };
        let Some(spec) = spec_of(i) else { return };
        if let Some(edit) = edit_of(&e, &spec) {
            dispatch(Msg::EditSchedule { i, edit });
        }
    })?;
    on(&cards, "click", |ev: web_sys::MouseEvent| {
        let Some(b) = closest(ev.target(), "button[data-sched]") else {
            return;
        };
        let Some(i) = card_of(&b) else { return };
        let phase = b.get_attribute("data-phase").and_then(|p| p.parse().ok());
        let edit = match (b.get_attribute("data-sched").as_deref(), phase) {
            (Some("add-phase"), _) => SchedEdit::AddPhase,
            (Some("remove-phase"), Some(p)) => SchedEdit::RemovePhase(p),
            _ => return,
        };
        dispatch(Msg::EditSchedule { i, edit });
    })?;
    // Escape on a refused field puts the schedule in effect back (the
    // message stays when the field is left, so it can be read).
    on(&cards, "keydown", |ev: web_sys::KeyboardEvent| {
        if ev.key() != "Escape" {
            return;
        }
        let Some(e) = closest(ev.target(), "[data-sched=arg][aria-invalid=\"true\"]") else {
            return;
        };
        if let Some(i) = card_of(&e) {
            dispatch(Msg::EditSchedule {
                i,
                edit: SchedEdit::Revert,
            });
        }
    })
}
