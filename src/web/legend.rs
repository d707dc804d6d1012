//! The legend and the run messages kept up to date without rebuilding
//! them: during a slider drag only a run's label (its η) and status change,
//! and making ~60 nodes per input cost a style and layout of the whole list.
//! A run's status is the one at the shown step ([`status_at`]): scrubbing
//! and playing write only the statuses whose words change.

use super::dom::{set_attr, set_text};
use crate::diagnose::Diagnosis;
use crate::run::Trajectory;
use gradscape_text::diagnose::status_at;
use gradscape_text::optim::run_label;
use gradscape_text::{trf, Lang};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement};

/// The legend brought up to date in place when it has the same runs in the
/// shape [`build_legend`] makes (a slider drag changes only a label and a
/// status): no nodes made, only the text and attributes that differ set.
/// False when it must be built anew (other runs, or a quiz's pickers in it).
pub fn update_legend(
    list: &Element,
    runs: &[Trajectory],
    diags: &[Diagnosis],
    hidden: &[bool],
    step: usize,
    lang: Lang,
) -> Result<bool, JsValue> {
    if list.child_element_count() as usize != runs.len() {
        return Ok(false);
    }
    let mut parts = Vec::with_capacity(runs.len());
    let mut next = list.first_element_child();
    for t in runs {
        let Some(li) = next else {
            return Ok(false);
        };
        next = li.next_element_sibling();
        let lab = li.first_element_child();
        let shaped = li.child_element_count() == 1
            && li.get_attribute("data-kind").as_deref() == Some(t.spec.kind.name())
            && lab.as_ref().is_some_and(|l| l.child_element_count() == 4);
        let (Some(lab), true) = (lab, shaped) else {
            return Ok(false);
        };
        let cb = lab.first_element_child();
        let name = cb
            .as_ref()
            .and_then(|c| c.next_element_sibling())
            .and_then(|s| s.next_element_sibling());
        let status = name.as_ref().and_then(|n| n.next_element_sibling());
        let (Some(cb), Some(name), Some(status)) = (cb, name, status) else {
            return Ok(false);
        };
        let Ok(cb) = cb.dyn_into::<HtmlInputElement>() else {
            return Ok(false);
        };
        parts.push((li, cb, name, status));
    }
    for (i, ((li, cb, name, status), (t, d))) in
        parts.iter().zip(runs.iter().zip(diags)).enumerate()
    {
        let label = run_label(t, lang);
        set_attr(li, "data-health", d.health.name())?;
        set_attr(
            cb.unchecked_ref(),
            "aria-label",
            &trf(lang, "legend.show", &[&label]),
        )?;
        let on = !hidden.get(i).copied().unwrap_or(false);
        if cb.checked() != on {
            cb.set_checked(on);
        }
        set_text(name, &label);
        if let Some(sw) = cb.next_element_sibling() {
            set_attr(
                &sw,
                "aria-label",
                &gradscape_text::summary::mark_words(i, lang),
            )?;
        }
        set_status(status, d, t, step, lang)?;
    }
    Ok(true)
}

/// Each run's status in the legend brought to step `step` (the time bar
/// moved): only the words and marks that change are written, no node made
/// or looked up by selector. Entries not in [`build_legend`]'s shape (a
/// quiz's pickers) are left as they are.
///
/// [`build_legend`]: super::panel::build_legend
pub fn sync_status(
    list: &Element,
    runs: &[Trajectory],
    diags: &[Diagnosis],
    step: usize,
    lang: Lang,
) -> Result<(), JsValue> {
    let mut next = list.first_element_child();
    while let Some(li) = next {
        next = li.next_element_sibling();
        let i = li
            .get_attribute("data-index")
            .and_then(|s| s.parse::<usize>().ok());
        let run = i.and_then(|i| Some((runs.get(i)?, diags.get(i)?)));
        let status = li
            .first_element_child()
            .and_then(|lab| lab.last_element_child())
            .filter(|s| s.class_name() == "run-status");
        if let (Some((t, d)), Some(status)) = (run, status) {
            set_status(&status, d, t, step, lang)?;
        }
    }
    Ok(())
}

/// A status span's words at `step`, and `data-wrong` (the error red) once
/// the run has gone wrong by then; only what differs is written.
pub fn set_status(
    span: &Element,
    d: &Diagnosis,
    t: &Trajectory,
    step: usize,
    lang: Lang,
) -> Result<(), JsValue> {
    let (text, wrong) = status_at(d, t, step, lang);
    set_text(span, &text);
    if span.has_attribute("data-wrong") != wrong {
        span.toggle_attribute_with_force("data-wrong", wrong)?;
    }
    Ok(())
}

/// A run's message: its index, head, hint, the smaller η its button
/// offers (the hint's verified η, when the card's η may change) and
/// whether a button offers λ = 0 (when that works and λ may change).
pub type Message = (usize, String, String, Option<f64>, bool);

thread_local! {
    /// The messages list's content as last built.
    pub static MESSAGES: std::cell::RefCell<Vec<Message>> =
        const { std::cell::RefCell::new(Vec::new()) };
}
