//! A teacher's link on the page: the controls of a fixed group are disabled
//! with a lock mark and "fixed by this link" (the model refuses their
//! messages anyway, see `app::update::locks`); a hidden group's or panel's
//! boxes are left out.
//!
//! The static boxes say their group in the markup (`data-group` in
//! `www/index.html`); the cards' rows are found by their `data-param`, the
//! cards' ✕ and ↺ and schedules by class.

use super::dom::el;
use super::App;
use crate::url::{Group, Locks, Panel};
use gradscape_text::{tr, Lang};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element};

/// The boxes of `g` built by Rust (the cards and the legend), besides the
/// markup's `[data-group~=name]`.
fn dynamic(g: Group) -> String {
    match g {
        Group::Key(k) => format!(
            "#optimizers .param:has([data-param=\"{0}\"]), #optimizers .flag:has([data-param=\"{0}\"])",
            k.name()
        ),
        Group::Optimizers => "#optimizers .remove-opt, #optimizers .reset-opt".into(),
        Group::Schedule => "#optimizers .sched".into(),
        Group::Legend => "#legend > li".into(),
        _ => String::new(),
    }
}

/// The box of a panel.
fn panel_box(p: Panel) -> &'static str {
    match p {
        Panel::Bar => "#timebar",
        Panel::Loss => "#loss",
        Panel::Messages => "#messages",
        Panel::Share => ".share-panel",
        Panel::Keys => ".keys-panel",
        Panel::Explain => "#explain",
        Panel::State => "#state-panel",
    }
}

fn each(
    doc: &Document,
    sel: &str,
    mut f: impl FnMut(Element) -> Result<(), JsValue>,
) -> Result<(), JsValue> {
    if sel.is_empty() {
        return Ok(());
    }
    let list = doc.query_selector_all(sel)?;
    for i in 0..list.length() {
        if let Some(e) = list.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
            f(e)?;
        }
    }
    Ok(())
}

/// Fix a box: its controls (or itself, when it is one) disabled, described
/// as fixed, and a lock mark at its end.
fn fix(doc: &Document, b: &Element, lang: Lang) -> Result<(), JsValue> {
    let words = tr(lang, "teach.fixed");
    let controls = b.query_selector_all("input, select, button, textarea")?;
    let mut all: Vec<Element> = (0..controls.length())
        .filter_map(|i| controls.item(i).and_then(|n| n.dyn_into().ok()))
        .collect();
    if b.matches("input, select, button, textarea")? {
        all.push(b.clone());
    }
    for c in &all {
        c.set_attribute("disabled", "")?;
        // Said after the control's own description (a formula's error and help).
        let own = c.get_attribute("aria-describedby").unwrap_or_default();
        if !own.split_whitespace().any(|id| id == "lock-note") {
            let both = format!("{own} lock-note");
            c.set_attribute("aria-describedby", both.trim())?;
        }
        c.class_list().add_1("locked")?;
    }
    b.class_list().add_1("locked-box")?;
    // The tooltip: the control's own words, then "fixed by this link" (in
    // the page's language, once, also after the language changed).
    let own = b.get_attribute("title").unwrap_or_default();
    let base = [Lang::En, Lang::Zh].iter().fold(own, |t, &l| {
        let w = tr(l, "teach.fixed");
        t.replace(&format!(" · {w}"), "").replace(w, "")
    });
    let title = if base.is_empty() {
        words.to_string()
    } else {
        format!("{base} · {words}")
    };
    b.set_attribute("title", &title)?;
    // A control that is itself the box (a button) gets no mark inside it.
    let holds = !b.matches("input, select, button, textarea")?;
    // In a card's row the mark follows the parameter's name (the row is a grid).
    let at = b
        .query_selector(":scope > .param-name")?
        .unwrap_or_else(|| b.clone());
    if holds && at.query_selector(":scope > .lock-mark")?.is_none() {
        let mark = el(
            doc,
            "span",
            &[
                ("class", "lock-mark"),
                ("role", "img"),
                ("aria-label", words),
                ("title", words),
            ],
            None,
        )?;
        at.append_child(&mark)?;
    }
    Ok(())
}

/// Bring the page in line with the link's locks (after the cards, the
/// legend or the words were built again).
pub fn apply(app: &App) -> Result<(), JsValue> {
    let l: &Locks = &app.locks;
    if l.is_empty() {
        return Ok(());
    }
    let doc = &app.doc;
    for g in Group::all() {
        if !l.fixed(g) {
            continue;
        }
        let sel = format!("[data-group~=\"{}\"]", g.name());
        // Hidden, the legend keeps its runs and results and loses only
        // its switches (an embed's hide=legend drops the whole legend).
        let dynamic = match g {
            Group::Legend if l.hides(g) => "#legend input".to_string(),
            _ => dynamic(g),
        };
        for s in [sel.as_str(), dynamic.as_str()] {
            each(doc, s, |b| {
                if l.hides(g) {
                    b.class_list().add_1("link-hidden")
                } else {
                    fix(doc, &b, app.lang)
                }
            })?;
        }
    }
    for p in &l.panels {
        each(doc, panel_box(*p), |b| b.class_list().add_1("link-hidden"))?;
    }
    // A card's "torch's other arguments" whose every row is hidden would
    // open onto nothing: it is hidden with them.
    each(doc, "#optimizers details.extras", |d| {
        let rows = d.query_selector_all(".param, .flag")?;
        let hidden = (0..rows.length())
            .filter_map(|i| rows.item(i).and_then(|n| n.dyn_into::<Element>().ok()))
            .all(|r| r.class_list().contains("link-hidden"));
        if rows.length() > 0 && hidden {
            d.class_list().add_1("link-hidden")?;
        }
        Ok(())
    })
}
