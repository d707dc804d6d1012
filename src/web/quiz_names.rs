//! Naming the trails (`quiz=which(…)`): in the legend each trail's name is
//! hidden behind a picker until the reveal, then marked right or wrong.

use super::dom::{add, by_id, el, on};
use super::{dispatch, App};
use crate::app::{Msg, Phase, Quiz};
use gradscape_text::optim::opt_label;
use gradscape_text::{tr, trf};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlButtonElement, HtmlSelectElement};

/// Listen to the legend's pickers.
pub fn wire(doc: &Document) -> Result<(), JsValue> {
    // Naming the trails: a legend's picker.
    let legend: Element = by_id(doc, "legend")?;
    on(&legend, "change", |e: web_sys::Event| {
        let Some(s) = e
            .target()
            .and_then(|t| t.dyn_into::<HtmlSelectElement>().ok())
            .filter(|s| s.class_list().contains("quiz-name"))
        else {
            return;
        };
        let Some(trail) = s.get_attribute("data-trail").and_then(|v| v.parse().ok()) else {
            return;
        };
        dispatch(Msg::QuizName {
            trail,
            opt: s.value().parse().ok(),
        });
    })
}

/// Naming the trails: the prompt and result, and in the legend each
/// trail's name hidden behind a picker until the reveal, then marked
/// right or wrong.
pub fn sync(app: &App, q: &Quiz) -> Result<(), JsValue> {
    let lang = app.lang;
    let doc = &app.doc;
    app.root("quiz-prompt")?
        .set_text_content(Some(tr(lang, "quiz.which.prompt")));
    let hint = match q.phase {
        Phase::Asking => tr(lang, "quiz.which.hint").to_string(),
        Phase::Revealing => trf(
            lang,
            "quiz.revealing",
            &[&q.spec.at.to_string(), &q.spec.target().to_string()],
        ),
        Phase::Revealed => String::new(),
    };
    app.root("quiz-hint")?.set_text_content(Some(&hint));
    let result = match (q.phase, q.right) {
        (Phase::Revealed, Some(n)) => trf(
            lang,
            "quiz.which.result",
            &[&n.to_string(), &q.names.len().to_string()],
        ),
        _ => String::new(),
    };
    let res = app.root("quiz-result")?;
    res.set_text_content(Some(&result));
    let all = q.right.is_some_and(|n| n == q.names.len());
    res.set_attribute(
        "data-verdict",
        if result.is_empty() {
            ""
        } else if all {
            "close"
        } else {
            "off"
        },
    )?;
    by_id::<HtmlButtonElement>(doc, "quiz-reveal")?.set_hidden(q.phase != Phase::Asking);
    by_id::<HtmlButtonElement>(doc, "quiz-retry")?.set_hidden(q.phase == Phase::Asking);
    // The pickers list the names in the alphabet's order, not the trails'.
    let labels: Vec<String> = app
        .scene
        .optimizers
        .iter()
        .map(|o| opt_label(o, app.scene.convention, lang))
        .collect();
    let mut order: Vec<usize> = (0..labels.len()).collect();
    order.sort_by(|&a, &b| labels[a].cmp(&labels[b]).then(a.cmp(&b)));
    let items = app.root("legend")?.query_selector_all("li[data-index]")?;
    for k in 0..items.length() {
        let Some(li) = items.item(k).and_then(|n| n.dyn_into::<Element>().ok()) else {
            continue;
        };
        let Some(i) = li
            .get_attribute("data-index")
            .and_then(|v| v.parse::<usize>().ok())
        else {
            continue;
        };
        let named = q.names.get(i).copied().flatten();
        let mark = match li.query_selector(".quiz-mark")? {
            Some(m) => m,
            None => {
                let m = el(doc, "span", &[("class", "quiz-mark")], None)?;
                add(&li, &m)?;
                m
            }
        };
        if !q.hides_names() {
            // Revealed: the real names are back; each trail says if it was named right.
            if let Some(s) = li.query_selector("select.quiz-name")? {
                s.remove();
            }
            let right =
                named.is_some_and(|j| app.scene.optimizers.get(j) == app.scene.optimizers.get(i));
            let text = match named {
                _ if right => tr(lang, "quiz.which.right").to_string(),
                Some(j) => trf(lang, "quiz.which.wrong", &[&labels[j]]),
                None => tr(lang, "quiz.which.none").to_string(),
            };
            mark.set_text_content(Some(&text));
            mark.set_attribute("data-right", if right { "true" } else { "false" })?;
            continue;
        }
        mark.set_text_content(None);
        let trail = trf(lang, "quiz.which.trail", &[&(i + 1).to_string()]);
        if let Some(l) = li.query_selector(".run-label")? {
            l.set_text_content(Some(&trail));
        }
        if let Some(cb) = li.query_selector("input[type=checkbox]")? {
            cb.set_attribute("aria-label", &trail)?;
        }
        let select: HtmlSelectElement = match li.query_selector("select.quiz-name")? {
            Some(s) => s.dyn_into()?,
            None => {
                let s: HtmlSelectElement = el(
                    doc,
                    "select",
                    &[("class", "quiz-name"), ("data-trail", &i.to_string())],
                    None,
                )?
                .dyn_into()?;
                add(&li, &s)?;
                s
            }
        };
        select.set_attribute(
            "aria-label",
            &trf(lang, "quiz.which.aria", &[&(i + 1).to_string()]),
        )?;
        if select.length() as usize != labels.len() + 1
            || select.get_attribute("data-lang").as_deref() != Some(lang.code())
        {
            select.set_text_content(None);
            add(
                &select,
                &el(
                    doc,
                    "option",
                    &[("value", "")],
                    Some(tr(lang, "quiz.which.pick")),
                )?,
            )?;
            for &j in &order {
                add(
                    &select,
                    &el(
                        doc,
                        "option",
                        &[("value", &j.to_string())],
                        Some(&labels[j]),
                    )?,
                )?;
            }
            select.set_attribute("data-lang", lang.code())?;
        }
        select.set_value(&named.map(|j| j.to_string()).unwrap_or_default());
        select.set_disabled(q.phase != Phase::Asking);
    }
    Ok(())
}
