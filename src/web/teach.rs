//! The Share panel's teacher-link builder: a checkbox per group students
//! may change (the page's groups, then the hyper-parameters of the scene's
//! optimizers); the rest is fixed in the link as `lock=` (or `hide=`), the
//! form a teacher can also write by hand (`crate::url::Locks::to_query`).

use super::dom::{add, by_id, el, on};
use super::{link, with_app, App};
use crate::optim::Key;
use crate::url::{Group, Locks};
use gradscape_text::optim::key_label;
use gradscape_text::{tr, Lang};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, HtmlInputElement};

/// The groups offered: every named group, then each key some optimizer of
/// the scene uses, with its words.
fn offered(app: &App) -> Vec<(Group, String)> {
    let mut out: Vec<(Group, String)> = Group::all()
        .filter(|g| !matches!(g, Group::Key(_)))
        .map(|g| {
            (
                g,
                tr(app.lang, &format!("teach.group.{}", g.name())).to_string(),
            )
        })
        .collect();
    for g in Group::all() {
        let Group::Key(k) = g else { continue };
        if let Some(o) = app.scene.optimizers.iter().find(|o| o.kind.uses(k)) {
            // "η (learning rate)": the card's own label is "η learning
            // rate", and a box here must not be taken for the card's slider.
            let label = key_label(o.kind, k, app.lang);
            let words = match (k, label.split_once(' ')) {
                (Key::Hyper(_) | Key::Pair(_) | Key::Int(_), Some((sym, name))) => match app.lang {
                    Lang::En => format!("{sym} ({name})"),
                    Lang::Zh => format!("{sym}（{name}）"),
                },
                _ => label,
            };
            out.push((g, words));
        }
    }
    out
}

/// The checkboxes, keeping what was ticked. Unticked at first: what the
/// page's own link fixes; on a page without locks everything but η (the
/// link a teacher asks for most: "only η can change").
pub fn build(app: &App) -> Result<(), JsValue> {
    let Some(list) = app.doc.get_element_by_id("teach-groups") else {
        return Ok(());
    };
    let before = ticked(&app.doc)?;
    list.set_text_content(None);
    for (g, words) in offered(app) {
        let free = match &before {
            Some(t) => t.contains(&g),
            None if app.locks.is_empty() => g.name() == "lr",
            None => !app.locks.fixed(g),
        };
        let label = el(&app.doc, "label", &[("class", "flag")], None)?;
        let cb: HtmlInputElement = el(
            &app.doc,
            "input",
            &[("type", "checkbox"), ("data-teach", g.name())],
            None,
        )?
        .dyn_into()?;
        cb.set_checked(free);
        label.append_child(&cb)?;
        label.append_child(&app.doc.create_text_node(&words))?;
        add(&list, &label)?;
    }
    refresh(app)
}

/// The groups ticked now (None before the first build).
fn ticked(doc: &Document) -> Result<Option<Vec<Group>>, JsValue> {
    let boxes = doc.query_selector_all("#teach-groups input[data-teach]")?;
    if boxes.length() == 0 {
        return Ok(None);
    }
    Ok(Some(
        (0..boxes.length())
            .filter_map(|i| boxes.item(i)?.dyn_into::<HtmlInputElement>().ok())
            .filter(|c| c.checked())
            .filter_map(|c| Group::from_name(&c.get_attribute("data-teach")?))
            .collect(),
    ))
}

/// The teacher link of the figure shown, with what is ticked.
fn teacher_link(app: &App) -> Result<String, JsValue> {
    let free = ticked(&app.doc)?.unwrap_or_default();
    let fixed: Vec<Group> = Group::all().filter(|g| !free.contains(g)).collect();
    let hide = by_id::<HtmlInputElement>(&app.doc, "teach-hide")?.checked();
    let locks = if hide {
        Locks {
            hidden: fixed,
            ..Default::default()
        }
    } else {
        Locks {
            locked: fixed,
            ..Default::default()
        }
    };
    let href = app.window.location().href()?;
    let base = href.split('?').next().unwrap_or("").to_string();
    let mut q = link::page_query(app);
    let extra = locks.to_query();
    if !extra.is_empty() {
        q = format!("{q}&{extra}");
    }
    Ok(format!("{base}?{q}"))
}

/// Write the link under the builder once the teacher has asked for it (a
/// tick or *Copy*), as *Embed code* shows its code once clicked; kept up
/// to date afterwards.
fn show(app: &App) -> Result<(), JsValue> {
    if let Some(pre) = app.doc.get_element_by_id("teach-link") {
        pre.set_text_content(Some(&teacher_link(app)?));
    }
    Ok(())
}

fn refresh(app: &App) -> Result<(), JsValue> {
    let shown = app
        .doc
        .get_element_by_id("teach-link")
        .and_then(|p| p.text_content())
        .is_some_and(|t| !t.is_empty());
    if shown {
        show(app)?;
    }
    Ok(())
}

fn copy(app: &App) -> Result<(), JsValue> {
    let text = teacher_link(app)?;
    app.root("teach-link")?.set_text_content(Some(&text));
    let copied = tr(app.lang, "teach.copied").to_string();
    let copy_this = tr(app.lang, "teach.copy-this").to_string();
    super::share::to_clipboard(
        app,
        &text,
        app.root("teach-status")?,
        copied,
        copy_this,
        || (),
    );
    Ok(())
}

/// Listen to the builder.
pub fn wire(doc: &Document) -> Result<(), JsValue> {
    for id in ["teach-groups", "teach-hide"] {
        let e: web_sys::Element = by_id(doc, id)?;
        on(&e, "change", |_: web_sys::Event| with_app(|app| show(app)))?;
    }
    let b: web_sys::Element = by_id(doc, "copy-teach")?;
    on(&b, "click", |_: web_sys::MouseEvent| {
        with_app(|app| copy(app))
    })?;
    Ok(())
}
