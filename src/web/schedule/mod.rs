//! A card's learning-rate schedule: the picker (constant η, the preset
//! "warm-up + cosine", or one of torch's twelve schedulers with its class
//! beside its name), the chosen kind's arguments (numbers and step lists as text
//! fields, choices as pickers, switches), a `sequential` schedule's phases,
//! the inline error of a refused value, and the η(t) chart synced to the
//! scrubber. The block is added to each card by [`sync`] (so the card
//! builder stays the cards'), rebuilt only when its shape changes (kind or
//! phases), so a field being typed in keeps its focus. Every control sends
//! a [`Msg::EditSchedule`]; the core reads and checks the values.

mod block;
mod chart;
mod events;
mod picker;

pub use chart::{charts_value, draw_charts, forget_drawn, sync_legend};
pub use events::wire;

use super::App;
use crate::app::SchedError;
use crate::optim::OptSpec;
use crate::scene::schedule_value;
use block::{block, shown};
use gradscape_core::schedule::Schedule;
use gradscape_text::schedule::arg_name;
use gradscape_text::{trf, Lang};
use serde_json::Value;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement, HtmlSelectElement};

/// The shape of a schedule: its kind and its phases' kinds. The block is
/// rebuilt when this changes, refreshed in place otherwise.
pub(super) fn signature(s: Option<&Schedule>) -> String {
    match s {
        None => String::new(),
        Some(Schedule::Sequential(q)) => {
            // The phases' legends say where each starts: the milestones too.
            let kinds: Vec<&str> = q.schedulers().iter().map(|b| b.kind()).collect();
            format!(
                "sequential/{}/{:?}",
                kinds.join(","),
                q.milestones().as_slice()
            )
        }
        Some(s) => s.kind().to_string(),
    }
}

/// The refused value's message: the argument's name, torch's name, what is
/// allowed and what was given, and that the schedule in effect stays.
pub fn error_text(e: &SchedError, lang: Lang) -> String {
    let mut problem = gradscape_text::errors::scene_problem(&e.error, lang);
    // `0,5` or `0.6。` typed: how to write it, as the other fields say
    // (text is quoted as JSON there).
    use gradscape_core::scene::{Got, Problem};
    if let Problem::MustBe {
        got: Got::Json(t) | Got::Cut(t),
        ..
    } = &e.error.problem
    {
        problem = gradscape_text::errors::with_slip(problem, t.trim_matches('"'), false, lang);
    }
    let text = match e.arg() {
        Some((phase, arg)) => {
            let t = trf(
                lang,
                "schedule.arg-error",
                &[&arg_name(arg, lang), arg, &problem],
            );
            match phase {
                Some(p) => trf(lang, "schedule.in-phase", &[&(p + 1).to_string(), &t]),
                None => t,
            }
        }
        None => problem,
    };
    trf(lang, "schedule.kept", &[&text])
}

/// The control an error is about, within a card's block.
fn control_of(blk: &Element, e: &SchedError) -> Option<Element> {
    let (phase, arg) = e.arg()?;
    let sel = match phase {
        Some(p) => format!("[data-sched=arg][data-arg=\"{arg}\"][data-phase=\"{p}\"]"),
        None => format!("[data-sched=arg][data-arg=\"{arg}\"]:not([data-phase])"),
    };
    blk.query_selector(&sel).ok()?
}

/// Every card's schedule block up to date: added or rebuilt when its shape
/// changed, its fields set to the schedule in effect (but the one being
/// typed in), the refused value marked with its message.
pub fn sync(app: &App) -> Result<(), JsValue> {
    let focused = app.doc.active_element();
    for (i, spec) in app.scene.optimizers.iter().enumerate() {
        let Some(sec) = app
            .doc
            .query_selector(&format!("#optimizers section.opt-card[data-index=\"{i}\"]"))?
        else {
            continue;
        };
        let sig = signature(spec.schedule.as_ref());
        let old = sec.query_selector(":scope > .sched")?;
        let blk = match old {
            Some(b) if b.get_attribute("data-sig").as_deref() == Some(sig.as_str()) => {
                // The field just refused keeps what was typed (the message says
                // what it was); every other field, and all of them once the
                // error is gone (Escape), show the schedule in effect.
                let err = app.sched_errors.iter().any(|e| e.i == i);
                refresh(&b, spec, focused.as_ref().filter(|_| err))?;
                b
            }
            old => {
                let fresh = block(&app.doc, i, spec, app.lang)?;
                match old {
                    Some(b) => {
                        sec.replace_child(&fresh, &b)?;
                    }
                    None => {
                        sec.append_child(&fresh)?;
                    }
                }
                fresh
            }
        };
        mark_error(
            &blk,
            i,
            app.sched_errors.iter().find(|e| e.i == i),
            app.lang,
        )?;
        picker::name_picked(&blk, spec.schedule.as_ref(), app.lang)?;
        // `panel::sync_card` renames a card when a value changes, which a
        // change of the schedule alone is not.
        super::panel::name_card(&sec, spec, app.scene.convention, app.lang)?;
        super::cycled::mark(&sec, spec, app.lang)?;
    }
    Ok(())
}

/// Put the schedule's values back into a block of the same shape.
fn refresh(blk: &Element, spec: &OptSpec, focused: Option<&Element>) -> Result<(), JsValue> {
    let Some(s) = &spec.schedule else {
        return Ok(());
    };
    let v = schedule_value(s);
    let list = blk.query_selector_all("[data-sched=arg]")?;
    for n in 0..list.length() {
        let Some(e) = list.item(n).and_then(|n| n.dyn_into::<Element>().ok()) else {
            continue;
        };
        if focused == Some(&e) {
            continue;
        }
        let arg = e.get_attribute("data-arg").unwrap_or_default();
        let obj = match e
            .get_attribute("data-phase")
            .and_then(|p| p.parse::<usize>().ok())
        {
            Some(p) => &v["schedulers"][p],
            None => &v,
        };
        let value = obj.get(&arg);
        if let Some(input) = e.dyn_ref::<HtmlInputElement>() {
            if input.type_() == "checkbox" {
                input.set_checked(value.and_then(Value::as_bool).unwrap_or(false));
            } else {
                input.set_value(&shown(value));
            }
        } else if let Some(sel) = e.dyn_ref::<HtmlSelectElement>() {
            sel.set_value(&shown(value));
        }
    }
    Ok(())
}

/// Mark the refused control (red, `aria-invalid`, described by the
/// message) and show the message; or clear both.
fn mark_error(blk: &Element, i: usize, e: Option<&SchedError>, lang: Lang) -> Result<(), JsValue> {
    let id = format!("sched-error-{i}");
    let marked = blk.query_selector_all("[aria-invalid=\"true\"]")?;
    for n in 0..marked.length() {
        if let Some(m) = marked.item(n).and_then(|n| n.dyn_into::<Element>().ok()) {
            m.remove_attribute("aria-invalid")?;
            m.remove_attribute("aria-describedby")?;
        }
    }
    let Some(msg) = blk.query_selector(".sched-error")? else {
        return Ok(());
    };
    match e {
        Some(e) => {
            msg.set_text_content(Some(&error_text(e, lang)));
            msg.remove_attribute("hidden")?;
            if let Some(c) = control_of(blk, e) {
                c.set_attribute("aria-invalid", "true")?;
                c.set_attribute("aria-describedby", &id)?;
            }
        }
        None => {
            msg.set_text_content(None);
            msg.set_attribute("hidden", "")?;
        }
    }
    Ok(())
}
