//! The panels with a row per run: the legend (its box, swatch, label and
//! status) and the messages saying why a run went wrong, with their buttons.

use super::swatch;
use crate::diagnose::Diagnosis;
use crate::run::Trajectory;
use crate::web::dom::{add, el};
use crate::web::{legend, slider};
use gradscape_text::diagnose::{calmer_value, hint_text, message_head};
use gradscape_text::optim::run_label;
use gradscape_text::{tr, trf, Lang};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlInputElement};

fn health_name(d: &Diagnosis) -> &'static str {
    d.health.name()
}

/// The legend: a visibility toggle, a swatch, the label and the status per
/// run, the status at step `step` (the time bar's).
pub fn build_legend(
    doc: &Document,
    list: &Element,
    runs: &[Trajectory],
    diags: &[Diagnosis],
    hidden: &[bool],
    step: usize,
    lang: Lang,
) -> Result<(), JsValue> {
    if legend::update_legend(list, runs, diags, hidden, step, lang)? {
        return Ok(());
    }
    list.set_text_content(None);
    for (i, (t, d)) in runs.iter().zip(diags).enumerate() {
        let label = run_label(t, lang);
        let li = el(
            doc,
            "li",
            &[
                ("data-index", &i.to_string()),
                ("data-kind", t.spec.kind.name()),
                ("data-health", health_name(d)),
            ],
            None,
        )?;
        let lab = el(doc, "label", &[], None)?;
        let cb = el(
            doc,
            "input",
            &[
                ("type", "checkbox"),
                ("aria-label", &trf(lang, "legend.show", &[&label])),
            ],
            None,
        )?
        .dyn_into::<HtmlInputElement>()?;
        cb.set_checked(!hidden.get(i).copied().unwrap_or(false));
        lab.append_child(&cb)?;
        // The mark in words ("orange squares, solid line"), said with the
        // box: what a sighted partner calls the run.
        let sw = swatch(doc, i)?;
        let mid = format!("legend-mark-{i}");
        sw.set_attribute("id", &mid)?;
        sw.set_attribute("role", "img")?;
        sw.set_attribute("aria-label", &gradscape_text::summary::mark_words(i, lang))?;
        add(&lab, &sw)?;
        add(
            &lab,
            &el(doc, "span", &[("class", "run-label")], Some(&label))?,
        )?;
        // The run's mark and state are said with its box ("Show GD
        // η=0.4", then "orange squares, solid line f = 0.089"): a name
        // alone told a keyboard user nothing of how the run went.
        let sid = format!("legend-status-{i}");
        let status = el(doc, "span", &[("class", "run-status"), ("id", &sid)], None)?;
        cb.set_attribute("aria-describedby", &format!("{mid} {sid}"))?;
        legend::set_status(&status, d, t, step, lang)?;
        add(&lab, &status)?;
        li.append_child(&lab)?;
        list.append_child(&li)?;
    }
    Ok(())
}

/// One message per run that went wrong, saying why; `offer`: whether a
/// button may set η (to the smaller η the hint names) and λ (to 0, where
/// the hint found that it works), not where a link fixed them. Whether
/// they were rebuilt (they changed).
pub fn build_messages(
    doc: &Document,
    list: &Element,
    runs: &[Trajectory],
    diags: &[Diagnosis],
    lang: Lang,
    [offer_lr, offer_lambda]: [bool; 2],
) -> Result<bool, JsValue> {
    let content: Vec<legend::Message> = runs
        .iter()
        .zip(diags)
        .enumerate()
        .filter_map(|(i, (t, d))| {
            let hint = hint_text(d, lang)?;
            // A space after the head's colon in English; none after
            // Chinese's full-width "：", which has its own.
            let head = message_head(d, &run_label(t, lang), lang);
            let head = if head.ends_with('：') {
                head
            } else {
                head + " "
            };
            let calmer = d
                .hint
                .as_ref()
                .and_then(|h| h.calmer())
                .filter(|_| offer_lr);
            let no_decay = offer_lambda && d.hint.as_ref().is_some_and(|h| h.works_without_decay());
            Some((i, head, hint, calmer, no_decay))
        })
        .collect();
    // The same messages as on the page: nothing to rebuild (a drag that
    // changes no run's health, the common case).
    let same = legend::MESSAGES.with(|m| *m.borrow() == content)
        && list.child_element_count() as usize == content.len();
    if same {
        return Ok(false);
    }
    // A phone's messages stand above the cards: the slider in hand stays.
    let window = doc.default_view().ok_or("no window")?;
    slider::keep_in_place(&window, || {
        list.set_text_content(None);
        for (i, head, hint, calmer, no_decay) in &content {
            let li = el(doc, "li", &[("data-index", &i.to_string())], None)?;
            // A note, not a fault: nothing went wrong (style.css).
            if is_note(diags.get(*i)) {
                li.class_list().add_1("note")?;
            }
            add(&li, &swatch(doc, *i)?)?;
            add(&li, &el(doc, "strong", &[], Some(head))?)?;
            li.append_child(&doc.create_text_node(hint))?;
            if let Some(lr) = calmer {
                // The exact value in the attribute (Rust's shortest form reads
                // back as the same f64), shown as the hint writes it.
                let words = trf(lang, "hint.use-calmer", &[&calmer_value(*lr)]);
                let attrs = [
                    ("type", "button"),
                    ("class", "use-calmer"),
                    ("data-lr", &lr.to_string()),
                ];
                add(&li, &el(doc, "button", &attrs, Some(&words))?)?;
            }
            if *no_decay {
                let attrs = [("type", "button"), ("class", "use-no-decay")];
                let words = tr(lang, "hint.use-no-decay");
                add(&li, &el(doc, "button", &attrs, Some(words))?)?;
            }
            list.append_child(&li)?;
        }
        Ok(())
    })?;
    legend::MESSAGES.with(|m| *m.borrow_mut() = content);
    Ok(true)
}

/// Whether a run's message is a note (Adam+L2 taking Adam's steps), not
/// something gone wrong.
fn is_note(d: Option<&Diagnosis>) -> bool {
    matches!(
        d.and_then(|d| d.hint),
        Some(crate::diagnose::Hint::L2Rescaled { .. })
    )
}
