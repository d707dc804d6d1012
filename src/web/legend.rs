//! The legend and the run messages kept up to date without rebuilding
//! them: during a slider drag only a run's label (its η) and status change,
//! and making ~60 nodes per input cost a style and layout of the whole list.

use crate::diagnose::Diagnosis;
use crate::run::Trajectory;
use gradscape_text::diagnose::status_text;
use gradscape_text::optim::opt_label;
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
    let set_attr = |e: &Element, k: &str, v: &str| -> Result<(), JsValue> {
        if e.get_attribute(k).as_deref() != Some(v) {
            e.set_attribute(k, v)?;
        }
        Ok(())
    };
    let set_text = |e: &Element, v: &str| {
        if e.text_content().as_deref() != Some(v) {
            e.set_text_content(Some(v));
        }
    };
    for (i, ((li, cb, name, status), (t, d))) in
        parts.iter().zip(runs.iter().zip(diags)).enumerate()
    {
        let label = opt_label(&t.spec, lang);
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
        set_text(status, &status_text(d, t, lang));
    }
    Ok(true)
}

thread_local! {
    /// The messages list's content as last built: (index, head, hint).
    pub static MESSAGES: std::cell::RefCell<Vec<(usize, String, String)>> =
        const { std::cell::RefCell::new(Vec::new()) };
}
