//! The page's global controls drawn from the model: the surface, convention,
//! steps and noise fields, the formula editor, the lesson pickers, the
//! static words, and the global error line in words.

use super::dom::{add, by_id, el, remove_attr, set_attr, set_text};
use super::App;
use crate::app::{GlobalError, Rule};
use crate::format;
use crate::landscape::{Edge, Landscape, KINDS};
use crate::lesson::{lesson, LESSONS};
use gradscape_text::errors::{expr_error, scene_error, scene_problem};
use gradscape_text::landscape::{param_name, surface_name, surface_option};
use gradscape_text::{tr, trf, Lang};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlInputElement, HtmlSelectElement};

/// A field's rule in words ("steps must be a whole number from 0 to …").
pub fn rule(r: &Rule) -> &'static str {
    match r {
        Rule::Steps => "rule.steps",
        Rule::Sigma => "rule.sigma",
        Rule::Seed => "rule.seed",
        Rule::Start(_) => "rule.start",
    }
}

/// The global error line in `lang` (`l` the surface shown).
pub fn error_text(e: &GlobalError, l: &Landscape, lang: Lang) -> String {
    match e {
        GlobalError::Rule(r, v) => trf(lang, "rule.got", &[tr(lang, rule(r)), &format::field(*v)]),
        GlobalError::Unreadable(r) => trf(lang, "rule.unreadable", &[tr(lang, rule(r))]),
        // Its field is not on the page (where it is, its message quotes
        // what was typed: web/fields.rs).
        GlobalError::SurfaceNan(key) => trf(lang, "surface.nan.bare", &[param_name(l, *key, lang)]),
        GlobalError::ViewNan { edge, text } => trf(lang, "view.nan", &[edge.name(), text]),
        // A surface field's refusal names the field as its row does
        // ("a", "b"), not as the scene's JSON ("landscape.a").
        GlobalError::Scene(e, Some(crate::app::FieldId::SurfaceParam(key)))
            if e.field.starts_with("landscape.") =>
        {
            trf(
                lang,
                "surface.problem",
                &[param_name(l, *key, lang), &scene_problem(e, lang)],
            )
        }
        GlobalError::Scene(e, _) => scene_error(e, lang),
        GlobalError::AddMax => tr(lang, "add.max").to_string(),
    }
}

/// Every word that depends on the language: the pickers, the static text,
/// the lesson list.
pub fn words(app: &App) -> Result<(), JsValue> {
    let kind = by_id::<HtmlSelectElement>(&app.doc, "add-kind")?.value();
    fill_selects(&app.doc, app.lang)?;
    by_id::<HtmlSelectElement>(&app.doc, "surface")?.set_value(app.scene.landscape.kind());
    surface_options(app)?;
    by_id::<HtmlSelectElement>(&app.doc, "add-kind")?.set_value(&kind);
    apply_static(&app.doc, app.lang)?;
    fill_lessons(app)
}

/// The surface picker's options: the chosen surface's is its name alone
/// (its formula as it is now stands under the picker, in `#formula`; a
/// student's trial had read "quadratic — 0.1·x₁² + 2·x₂²" beside
/// "f = −x₁² + 2·x₂²", and the longer formulas were cut at 1366 px), the
/// others name their defaults' formulas, for the next pick. At every change
/// of the surface (its parameters typed too) and of the language.
pub fn surface_options(app: &App) -> Result<(), JsValue> {
    let s = &app.scene;
    let surface = by_id::<HtmlSelectElement>(&app.doc, "surface")?;
    let options = surface.query_selector_all("option")?;
    for i in 0..options.length() {
        let Some(o) = options.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else {
            continue;
        };
        let kind = o.get_attribute("value").unwrap_or_default();
        let text = match kind == s.landscape.kind() {
            true => Some(surface_name(&s.landscape, app.lang).to_string()),
            false => Landscape::from_kind(&kind).map(|l| surface_option(&l, app.lang)),
        };
        if let Some(text) = text {
            set_text(&o, &text);
        }
    }
    Ok(())
}

/// Surface, convention, steps, noise, the surface's parameters and the
/// formula box.
pub fn sync_globals(app: &App) -> Result<(), JsValue> {
    let s = &app.scene;
    by_id::<HtmlSelectElement>(&app.doc, "surface")?.set_value(s.landscape.kind());
    surface_options(app)?;
    by_id::<HtmlSelectElement>(&app.doc, "convention")?.set_value(s.convention.name());
    // The d2l script is the book's loop on floats, the pytorch one torch.optim.
    let help = match s.convention {
        crate::optim::Convention::D2l => "code.help.d2l",
        crate::optim::Convention::Pytorch => "code.help.pytorch",
    };
    app.root("code-help")?
        .set_text_content(Some(tr(app.lang, help)));
    by_id::<HtmlInputElement>(&app.doc, "steps")?.set_value(&s.steps.to_string());
    by_id::<HtmlInputElement>(&app.doc, "noise-sigma")?.set_value(&format::field(s.noise.sigma));
    by_id::<HtmlInputElement>(&app.doc, "noise-seed")?.set_value(&s.noise.seed.to_string());
    build_surface_params(app)?;
    // The formula editor shows for an `expr` surface, with its window.
    let bx = app.root("expr-box")?;
    let Landscape::Expr(e) = &s.landscape else {
        return bx.set_attribute("hidden", "");
    };
    bx.remove_attribute("hidden")?;
    let input: HtmlInputElement = by_id(&app.doc, "expr-input")?;
    // A refused formula stays in the field, under its error.
    if app.expr_error.is_none() && input.value() != e.source() {
        input.set_value(e.source());
    }
    sync_view_fields(app)
}

/// The error of the formula being typed (column, message and a caret
/// under the column), or none. Text only: the formula is never HTML.
pub fn show_expr_error(app: &App) -> Result<(), JsValue> {
    let input = app.root("expr-input")?;
    let msg = app.root("expr-error")?;
    let caret = app.root("expr-caret")?;
    // A formula still being typed shows no error until a pause.
    match app.expr_error.as_ref().filter(|_| !app.expr_error_held) {
        None => {
            input.set_attribute("aria-invalid", "false")?;
            msg.set_text_content(None);
            caret.set_text_content(None);
            caret.set_attribute("hidden", "")?;
        }
        Some((text, e)) => {
            input.set_attribute("aria-invalid", "true")?;
            let lang = app.lang;
            let fresh = msg.text_content().unwrap_or_default().is_empty();
            msg.set_text_content(Some(&trf(lang, "expr.kept", &[&expr_error(e, lang)])));
            show_caret(&app.doc, &caret, text, e.column)?;
            // A new error under the formula being typed is brought into
            // view with its caret: a tablet's keyboard left the sticky
            // figure and the field, the message under the screen's edge.
            if fresh && app.doc.active_element().as_ref() == Some(&input) {
                super::dom::bring_into_view(&caret);
            }
        }
    }
    Ok(())
}

/// The formula, and under it a `^` at `column` (in characters), scrolled
/// into view. The `^` is preceded by the same characters as the line
/// above, hidden: it then stands under its character whatever the glyphs'
/// widths (`（`, `²`, a tab), which spaces would not.
fn show_caret(doc: &Document, caret: &Element, text: &str, column: usize) -> Result<(), JsValue> {
    let shown: String = text.chars().take(crate::landscape::expr::MAX_LEN).collect();
    let before: String = shown.chars().take(column.saturating_sub(1)).collect();
    caret.set_text_content(Some(&format!("{shown}\n")));
    let pad = el(doc, "span", &[("class", "expr-pad")], Some(&before))?;
    caret.append_child(&pad)?;
    let mark = el(doc, "span", &[("class", "expr-mark")], Some("^"))?;
    caret.append_child(&mark)?;
    caret.remove_attribute("hidden")?;
    // A long formula scrolls: the `^` in the middle of the box, with what
    // comes before and after it (the field above scrolls on its own, to
    // where the student types).
    let (m, c) = (
        mark.get_bounding_client_rect(),
        caret.get_bounding_client_rect(),
    );
    let x = m.left() - c.left() + f64::from(caret.scroll_left());
    caret.set_scroll_left((x + m.width() / 2.0 - f64::from(caret.client_width()) / 2.0) as i32);
    Ok(())
}

/// The view fields show the window drawn (kept out of a field being
/// typed in).
pub fn sync_view_fields(app: &App) -> Result<(), JsValue> {
    if !matches!(app.scene.landscape, Landscape::Expr(_)) {
        return Ok(());
    }
    let v = app.scene.view();
    let focused = app.doc.active_element();
    for (edge, input) in view_inputs(&app.root("view-fields")?)? {
        if focused.as_ref() != Some(input.unchecked_ref::<Element>()) {
            input.set_value(&format::field(edge.get(&v)));
        }
    }
    Ok(())
}

/// The view fields under `root`, each with the edge its `data-view` names.
pub(super) fn view_inputs(root: &Element) -> Result<Vec<(Edge, HtmlInputElement)>, JsValue> {
    let inputs = root.query_selector_all("input[data-view]")?;
    Ok((0..inputs.length())
        .filter_map(|i| inputs.item(i)?.dyn_into::<HtmlInputElement>().ok())
        .filter_map(|input| {
            let edge = Edge::from_name(&input.get_attribute("data-view")?)?;
            Some((edge, input))
        })
        .collect())
}

fn build_surface_params(app: &App) -> Result<(), JsValue> {
    let root = app.root("surface-params")?;
    root.set_text_content(None);
    for (key, v) in app.scene.landscape.params() {
        let name = param_name(&app.scene.landscape, key, app.lang);
        let lab = el(&app.doc, "label", &[], Some(name))?;
        let aria = format!("{} {name}", tr(app.lang, "surface"));
        let input = el(
            &app.doc,
            "input",
            &[
                // Text: see `card_keys` (a parameter may be negative, so
                // no decimal keypad, which has no minus on some phones).
                ("type", "text"),
                ("class", "num"),
                ("spellcheck", "false"),
                ("autocomplete", "off"),
                ("data-key", key.name()),
                ("aria-label", &aria),
            ],
            None,
        )?
        .dyn_into::<HtmlInputElement>()?;
        input.set_value(&format::field(v));
        lab.append_child(&input)?;
        root.append_child(&lab)?;
    }
    Ok(())
}

/// The picker's value and, when the figure is no longer the lesson's, the
/// caption's "modified" marker and ↺ lesson button. The picker then shows a
/// hidden option "Lesson (modified)", so choosing the lesson again is a
/// change (and restores it).
fn sync_modified(app: &App) -> Result<(), JsValue> {
    // Called at every scene change (each input of a drag): the DOM is
    // written only where it differs.
    let sel = by_id::<HtmlSelectElement>(&app.doc, "lesson")?;
    let old = sel.query_selector("option[data-modified]")?;
    let modified = app.lesson_modified();
    let current = app.lesson.and_then(lesson);
    let value = match current.filter(|_| modified) {
        Some(l) => {
            let title = gradscape_text::lessons::title(l.id, app.lang);
            let text = trf(app.lang, "lesson.modified-option", &[title]);
            match old {
                Some(o) if o.text_content().as_deref() == Some(text.as_str()) => {}
                _ => {
                    if let Some(o) = old {
                        o.remove();
                    }
                    let attrs = [("value", MODIFIED), ("data-modified", ""), ("hidden", "")];
                    add(&sel, &el(&app.doc, "option", &attrs, Some(&text))?)?;
                }
            }
            MODIFIED.to_string()
        }
        None => {
            if let Some(o) = old {
                o.remove();
            }
            app.lesson.map(|n| n.to_string()).unwrap_or_default()
        }
    };
    if sel.value() != value {
        sel.set_value(&value);
    }
    // Shown once the figure is let go: the caption grew under a finger
    // dragging the start and moved the figure (pointer::up redraws it).
    let holding = matches!(app.drag, crate::app::Drag::Start { .. });
    for id in ["lesson-modified", "restore-lesson"] {
        let e = app.root(id)?;
        if !modified {
            set_attr(&e, "hidden", "")?;
        } else if !holding {
            remove_attr(&e, "hidden")?;
        }
    }
    Ok(())
}

/// The lesson picker's value while the figure differs from the lesson's.
pub const MODIFIED: &str = "modified";

/// The lesson picker's options, in the current language.
fn fill_lessons(app: &App) -> Result<(), JsValue> {
    let sel = app.root("lesson")?;
    sel.set_text_content(None);
    let free = tr(app.lang, "lesson.free");
    add(&sel, &el(&app.doc, "option", &[("value", "")], Some(free))?)?;
    for l in &LESSONS {
        let id = l.id.to_string();
        let title = gradscape_text::lessons::title(l.id, app.lang);
        add(
            &sel,
            &el(&app.doc, "option", &[("value", &id)], Some(title))?,
        )?;
    }
    Ok(())
}

/// The caption of the current lesson (and the Animation export's), the
/// pickers and `<html lang>`.
pub fn sync_lesson(app: &App) -> Result<(), JsValue> {
    sync_modified(app)?;
    let lang_sel = by_id::<HtmlSelectElement>(&app.doc, "lang")?;
    let code = match app.lang {
        Lang::En => "en",
        Lang::Zh => "zh",
    };
    if lang_sel.value() != code {
        lang_sel.set_value(code);
    }
    if let Some(html) = app.doc.document_element() {
        set_attr(&html, "lang", app.lang.code())?;
    }
    // ‹ and › at the first and the last lesson go nowhere (the clicker
    // stops there): disabled, as a student expects; a teacher link's lock
    // keeps them disabled anywhere.
    let last = LESSONS.len();
    for (id, end) in [("lesson-prev", Some(1)), ("lesson-next", Some(last))] {
        let b = app.root(id)?;
        let off = app.lesson == end || b.class_list().contains("locked");
        if b.has_attribute("disabled") != off {
            // Enter on › into the last lesson: the keys stay in the lesson
            // bar, on its picker (a disabled button's focus fell to the
            // figure, where the next Space played).
            if off && app.doc.active_element().as_ref() == Some(&b) {
                if let Ok(sel) = by_id::<web_sys::HtmlElement>(&app.doc, "lesson") {
                    super::dom::focus_still(&sel);
                }
            }
            b.toggle_attribute_with_force("disabled", off)?;
        }
    }
    // The Animation export's caption is the lesson's title too.
    super::video::follow_lesson(app)?;
    super::video::follow_steps(app)?;
    let cap = app.root("lesson-caption")?;
    match app.lesson.and_then(lesson) {
        Some(l) => {
            let lang = app.lang;
            set_text(
                &app.root("lesson-title")?,
                gradscape_text::lessons::title(l.id, lang),
            );
            // Embedded, without sliders or panels: only what the figure shows.
            let text = match app.embed {
                Some(_) => gradscape_text::lessons::embed_caption(l.id, lang),
                None => gradscape_text::lessons::caption(l.id, lang),
            };
            set_text(
                &app.root("lesson-text")?,
                &gradscape_text::wrap::keep_together(text),
            );
            set_attr(&cap, "lang", lang.code())?;
            remove_attr(&cap, "hidden")?;
            // Another lesson opens at its caption: the explainer a teacher
            // scrolled down to had left the next lesson's caption and
            // figure off screen.
            let id = l.id.to_string();
            let was = cap.get_attribute("data-lesson");
            if was.as_deref() != Some(id.as_str()) {
                set_attr(&cap, "data-lesson", &id)?;
                super::caption::reset(&app.doc, lang)?;
                if was.is_some() && cap.get_bounding_client_rect().top() < 0.0 {
                    app.window.scroll_to_with_x_and_y(0.0, 0.0);
                }
            }
            Ok(())
        }
        None => set_attr(&cap, "hidden", ""),
    }
}

/// The surface and optimizer pickers' options in `lang`.
pub fn fill_selects(doc: &Document, lang: Lang) -> Result<(), JsValue> {
    let surface: Element = by_id(doc, "surface")?;
    surface.set_text_content(None);
    for k in KINDS {
        let l = Landscape::from_kind(k).ok_or("kind")?;
        let name = surface_option(&l, lang);
        add(&surface, &el(doc, "option", &[("value", k)], Some(&name))?)?;
    }
    let kinds: Element = by_id(doc, "add-kind")?;
    kinds.set_text_content(None);
    for k in crate::optim::ALL_KINDS {
        let title = gradscape_text::diagnose::kind_title(k, lang);
        add(
            &kinds,
            &el(doc, "option", &[("value", k.name())], Some(title))?,
        )?;
    }
    Ok(())
}

/// The static words of the page (`data-i18n`: text, `data-i18n-aria`:
/// aria-label, `data-i18n-title`: title) in `lang`, and the document title.
pub fn apply_static(doc: &Document, lang: Lang) -> Result<(), JsValue> {
    for (sel, attr) in [
        ("[data-i18n]", None),
        ("[data-i18n-aria]", Some("aria-label")),
        ("[data-i18n-title]", Some("title")),
    ] {
        let data = &sel[1..sel.len() - 1];
        let list = doc.query_selector_all(sel)?;
        for i in 0..list.length() {
            let Some(e) = list.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else {
                continue;
            };
            let text = tr(lang, &e.get_attribute(data).unwrap_or_default());
            match attr {
                None => e.set_text_content(Some(text)),
                Some(a) => e.set_attribute(a, text)?,
            }
        }
    }
    doc.set_title(tr(lang, "doc.title"));
    if let Some(html) = doc.document_element() {
        html.set_attribute("lang", lang.code())?;
    }
    Ok(())
}
