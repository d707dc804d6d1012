//! The Share panel's quiz-link maker: the scene paused at the current
//! step, revealed after the steps asked for, about the run picked (or
//! naming every trail), copied and said. "Reveal after (steps)" is a
//! number field like the others: a value it refuses is marked with its
//! message (the range, what was typed, the value kept) and said; leaving
//! the field or Escape puts the value kept back; the link uses that value.

use super::dom::{add, by_id, el, on};
use super::{with_app, App};
use crate::quiz::{ahead_hopeless, read_ahead, QuizMode, QuizSpec};
use crate::url::quiz::{write, QuizNotice, KEY};
use gradscape_text::optim::opt_label;
use gradscape_text::{tr, trf};
use std::cell::{Cell, RefCell};
use wasm_bindgen::prelude::*;
use web_sys::{
    Document, Element, HtmlButtonElement, HtmlInputElement, HtmlSelectElement, KeyboardEvent,
};

/// The "reveal after (steps)" field and its message's id.
const AHEAD: &str = "quiz-ahead";
const AHEAD_MESSAGE: &str = "invalid-quiz-ahead";

thread_local! {
    /// The steps the link reveals after: the last value the field took.
    static KEPT: Cell<usize> = const { Cell::new(10) };
    /// The text refused in the field, while its message shows.
    static REFUSED: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Listen to "Copy quiz link" and the "reveal after (steps)" field.
pub fn wire(doc: &Document) -> Result<(), JsValue> {
    let b: HtmlButtonElement = by_id(doc, "copy-quiz")?;
    on(&b, "click", |_: web_sys::MouseEvent| with_app(copy_quiz))?;
    let field: HtmlInputElement = by_id(doc, AHEAD)?;
    // Typed: a value it takes is taken (and its mark goes); Enter on one
    // it refuses marks it; leaving or Escape puts the value kept back.
    on(&field, "input", |_: web_sys::Event| {
        with_app(|app| ahead_typed(app, false))
    })?;
    // Enter commits (not `change`, which leaving the field sends too, just
    // before it puts the kept value back: a refusal said for a text gone).
    on(&field, "focusout", |_: web_sys::Event| with_app(ahead_back))?;
    on(&field, "keydown", |e: KeyboardEvent| {
        match e.key().as_str() {
            "Escape" => {
                e.prevent_default();
                with_app(ahead_back);
            }
            "Enter" if !e.is_composing() => with_app(|app| ahead_typed(app, true)),
            _ => {}
        }
    })
}

/// The field's text read: taken when the field takes it; refused with its
/// message on Enter (`commit`), or at once when no more typing can mend
/// it; otherwise it waits, the mark shown before gone.
fn ahead_typed(app: &mut App, commit: bool) -> Result<(), JsValue> {
    let text = by_id::<HtmlInputElement>(&app.doc, AHEAD)?.value();
    let refused = match read_ahead(&text, app.scene.steps) {
        Some(v) => {
            KEPT.with(|k| k.set(v));
            None
        }
        None if commit || ahead_hopeless(&text) => Some(text),
        None => None,
    };
    REFUSED.with(|r| *r.borrow_mut() = refused);
    show_ahead(app, true)
}

/// The field left or abandoned: the value kept shown again, its mark gone.
fn ahead_back(app: &mut App) -> Result<(), JsValue> {
    REFUSED.with(|r| r.take());
    let field: HtmlInputElement = by_id(&app.doc, AHEAD)?;
    let kept = KEPT.with(Cell::get).to_string();
    if field.value() != kept {
        field.set_value(&kept);
    }
    show_ahead(app, true)
}

/// The field's mark and message as [`REFUSED`] says, in the page's
/// language (said when it appears or changes, if `speak`: not when only
/// its words follow a language switch, which empties what was said), as
/// `fields::show` marks the others.
fn show_ahead(app: &App, speak: bool) -> Result<(), JsValue> {
    let field: Element = by_id(&app.doc, AHEAD)?;
    let old = app.doc.get_element_by_id(AHEAD_MESSAGE);
    let Some(typed) = REFUSED.with(|r| r.borrow().clone()) else {
        if let Some(p) = old {
            p.remove();
        }
        field.remove_attribute("aria-invalid")?;
        return field.remove_attribute("aria-describedby");
    };
    let kept = KEPT.with(Cell::get);
    let text = gradscape_text::quiz::ahead_refused(&typed, app.scene.steps, kept, app.lang);
    let p = match old {
        Some(p) => p,
        None => {
            let p = el(
                &app.doc,
                "p",
                &[("id", AHEAD_MESSAGE), ("class", "error quiz-ahead-error")],
                None,
            )?;
            // Right under the field's row.
            if let Some(row) = field.closest(".row")? {
                row.after_with_node_1(&p)?;
            }
            p
        }
    };
    if p.text_content().as_deref() != Some(text.as_str()) {
        p.set_text_content(Some(&text));
        if speak {
            super::dom::say(&app.doc, &text);
        }
    }
    field.set_attribute("aria-invalid", "true")?;
    field.set_attribute("aria-describedby", AHEAD_MESSAGE)
}

/// The Share panel's run picker: one entry per run, in the page's language
/// (rebuilt when the runs or the words change; the choice is kept).
pub fn sync(app: &App) -> Result<(), JsValue> {
    let select: HtmlSelectElement = by_id(&app.doc, "quiz-run")?;
    // The same entries (a slider drag changes a label): their words set in
    // place, nothing rebuilt.
    let n = app.scene.optimizers.len();
    if select.child_element_count() as usize == n + 1 {
        let mut next = select.first_element_child();
        for (i, o) in app.scene.optimizers.iter().enumerate() {
            let Some(opt) = next else { break };
            let text = format!(
                "{}. {}",
                i + 1,
                opt_label(o, app.scene.convention, app.lang)
            );
            if opt.text_content().as_deref() != Some(&text) {
                opt.set_text_content(Some(&text));
            }
            next = opt.next_element_sibling();
        }
        if let Some(last) = next {
            let text = tr(app.lang, "quiz.which.share");
            if last.text_content().as_deref() != Some(text) {
                last.set_text_content(Some(text));
            }
        }
    } else {
        rebuild(app, &select)?;
    }
    // Its message in the page's language, and the scene's steps (nothing
    // to do without one: this runs at every frame of a play).
    if REFUSED.with(|r| r.borrow().is_none()) {
        return Ok(());
    }
    show_ahead(app, false)
}

/// The run picker's entries made anew (the choice kept when it still exists).
fn rebuild(app: &App, select: &HtmlSelectElement) -> Result<(), JsValue> {
    let kept = select.value();
    select.set_text_content(None);
    for (i, o) in app.scene.optimizers.iter().enumerate() {
        let v = (i + 1).to_string();
        add(
            select,
            &el(
                &app.doc,
                "option",
                &[("value", &v)],
                Some(&format!(
                    "{v}. {}",
                    opt_label(o, app.scene.convention, app.lang)
                )),
            )?,
        )?;
    }
    add(
        select,
        &el(
            &app.doc,
            "option",
            &[("value", "which")],
            Some(tr(app.lang, "quiz.which.share")),
        )?,
    )?;
    if kept == "which"
        || kept
            .parse::<usize>()
            .is_ok_and(|k| (1..=app.scene.optimizers.len()).contains(&k))
    {
        select.set_value(&kept);
    }
    Ok(())
}

/// The quiz link of the current scene: paused at the current step
/// (halfway when at the end), revealed after the steps asked for (as
/// many as are left at most), about the run picked. Copied, and said.
fn copy_quiz(app: &mut App) -> Result<(), JsValue> {
    // The value the field took (a refused text was put back when the
    // focus left it for this button).
    let ahead = KEPT.with(Cell::get);
    let picked = by_id::<HtmlSelectElement>(&app.doc, "quiz-run")?.value();
    // "which": name the trails; a number: predict that run.
    let mode = if picked == "which" {
        QuizMode::Which
    } else {
        QuizMode::Predict
    };
    let run = picked.parse::<usize>().unwrap_or(1);
    // On a quiz page the quiz's own step (the cursor may be past it after
    // the reveal). At the last step, where nothing is left to predict,
    // halfway, as a quiz link without `at=` pauses (a teacher who copies it
    // after watching the whole run would otherwise ask about one step).
    let at = match &app.quiz {
        Some(q) => q.spec.at,
        None if app.t >= app.scene.steps => app.scene.steps / 2,
        None => app.t,
    };
    let asked = QuizSpec {
        at,
        ahead,
        run: run.saturating_sub(1),
        mode,
    };
    let status = app.root("share-status")?;
    // Said as the link would say it when opened: `which` with one run, a
    // run stopped before the pause (the link was copied, and opened to a
    // notice and no quiz).
    let refusal = crate::url::quiz::too_few(mode, app.runs.len())
        .or_else(|| crate::url::quiz::answerable(&asked, &app.runs).err())
        .filter(|n| *n != QuizNotice::NothingToAsk);
    if let Some(n) = refusal {
        status.set_text_content(Some(&gradscape_text::quiz::notice(&n, app.lang)));
        return Ok(());
    }
    let spec = asked.fit(app.scene.steps, app.scene.optimizers.len());
    let Some(spec) = spec else {
        status.set_text_content(Some(tr(app.lang, "quiz.share.none")));
        return Ok(());
    };
    // The field says what the link asks: as many steps as are left at
    // most (15 asked at step 10 of 20 is 10).
    if spec.ahead != ahead {
        KEPT.with(|k| k.set(spec.ahead));
        by_id::<HtmlInputElement>(&app.doc, AHEAD)?.set_value(&spec.ahead.to_string());
    }
    let href = app.window.location().href()?;
    let base = href.split('?').next().unwrap_or("").to_string();
    let mut query = crate::url::to_query(&app.scene, Some(spec.at));
    if let Some(id) = app.lesson {
        query.push_str(&format!("&lesson={id}"));
    }
    // The runs the teacher hid stay hidden, but never the one asked about
    // (a `which` quiz names every trail: all shown, as its page shows them).
    let mut hidden = app.hidden.clone();
    match spec.mode {
        QuizMode::Predict => hidden
            .iter_mut()
            .skip(spec.run)
            .take(1)
            .for_each(|h| *h = false),
        QuizMode::Which => hidden.clear(),
    }
    if let Some(h) = crate::url::write_hidden(&hidden) {
        query.push_str(&format!("&{}={h}", crate::url::HIDDEN_KEY));
    }
    query += super::link::lang_part(app.lang);
    if app.present {
        query.push_str("&present");
    }
    let link = format!("{base}?{query}&{KEY}={}", write(&spec));
    let name = app
        .scene
        .optimizers
        .get(spec.run)
        .map(|o| opt_label(o, app.scene.convention, app.lang))
        .unwrap_or_default();
    let said = match spec.mode {
        QuizMode::Predict => trf(
            app.lang,
            if spec.ahead == 1 {
                "quiz.share.copied.one"
            } else {
                "quiz.share.copied"
            },
            &[&spec.at.to_string(), &name, &spec.ahead.to_string()],
        ),
        QuizMode::Which => trf(
            app.lang,
            "quiz.share.copied.which",
            &[&spec.at.to_string(), &spec.ahead.to_string()],
        ),
    };
    status.set_text_content(Some(&said));
    // The link is shown too: a page without clipboard access can still copy it.
    app.root("embed-code")?.set_text_content(Some(&link));
    let _ = app.window.navigator().clipboard().write_text(&link);
    Ok(())
}
