//! The quiz on the page (predict, then reveal): the prompt and its buttons
//! under the figure, the arrow keys and Enter while it asks, its part of
//! `page_state`, the link's quiz notices, and the Share
//! panel's quiz-link maker. The model holds the quiz
//! ([`crate::app::Quiz`]); the marks on the plot are [`super::draw::quiz`].

use super::dom::{add, by_id, el, on};
use super::{dispatch, with_app, App, APP};
use crate::app::{Msg, Phase, Quiz};
use crate::quiz::{QuizMode, QuizSpec};
use crate::url::quiz::{write, QuizNotice, KEY};
use gradscape_text::optim::opt_label;
use gradscape_text::{quiz as words, tr, trf, Lang};
use serde_json::{json, Value};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlButtonElement, HtmlInputElement, HtmlSelectElement};

/// Listen to the quiz's buttons and the Share panel's quiz-link maker.
pub fn wire(doc: &Document) -> Result<(), JsValue> {
    for (id, msg) in [
        ("quiz-reveal", Msg::QuizReveal),
        ("quiz-retry", Msg::QuizRetry),
    ] {
        let b: HtmlButtonElement = by_id(doc, id)?;
        on(&b, "click", move |_: web_sys::MouseEvent| {
            dispatch(msg.clone())
        })?;
    }
    let b: HtmlButtonElement = by_id(doc, "copy-quiz")?;
    on(&b, "click", |_: web_sys::MouseEvent| with_app(copy_quiz))?;
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

/// Whether a quiz asks for a point (then the arrow keys and Enter are its own).
fn asking() -> bool {
    APP.with(|a| match a.try_borrow() {
        Ok(g) => g
            .as_ref()
            .and_then(|app| app.quiz.as_ref())
            .is_some_and(|q| q.asking() && q.predicts()),
        Err(_) => false,
    })
}

/// The message of a key while a quiz asks: the arrows move the guess
/// cursor, Enter places the guess (Shift+arrows still pan).
pub fn key(key: &str, shift: bool, ctrl: bool) -> Option<Msg> {
    if ctrl || shift || !asking() {
        return None;
    }
    Some(match key {
        "ArrowLeft" => Msg::QuizCursor { dx: -1, dy: 0 },
        "ArrowRight" => Msg::QuizCursor { dx: 1, dy: 0 },
        "ArrowUp" => Msg::QuizCursor { dx: 0, dy: 1 },
        "ArrowDown" => Msg::QuizCursor { dx: 0, dy: -1 },
        "Enter" => Msg::QuizPlaceCursor,
        _ => return None,
    })
}

/// The prompt, the buttons and the result from the model, and the body's
/// classes: `quizzing`, `quiz-asking` (the exports that would show the
/// answer are hidden), `quiz-names-hidden` (naming the trails: whatever
/// names a trail is hidden).
pub fn sync(app: &App) -> Result<(), JsValue> {
    let panel = app.root("quiz")?;
    let body = app.doc.body().ok_or("no body")?;
    let classes = body.class_list();
    let Some(q) = &app.quiz else {
        panel.set_attribute("hidden", "")?;
        classes.remove_3("quizzing", "quiz-asking", "quiz-names-hidden")?;
        return Ok(());
    };
    panel.remove_attribute("hidden")?;
    classes.add_1("quizzing")?;
    classes.toggle_with_force("quiz-asking", q.phase != Phase::Revealed)?;
    classes.toggle_with_force("quiz-names-hidden", q.hides_names())?;
    panel.set_attribute(
        "data-phase",
        match q.phase {
            Phase::Asking => "asking",
            Phase::Revealing => "revealing",
            Phase::Revealed => "revealed",
        },
    )?;
    if !q.predicts() {
        return which(app, q);
    }
    let lang = app.lang;
    let spec = app.scene.optimizers.get(q.spec.run);
    let prompt = spec
        .map(|s| words::prompt(s, q.spec.ahead, lang))
        .unwrap_or_default();
    app.root("quiz-prompt")?.set_text_content(Some(&prompt));
    let (hint, result) = match q.phase {
        Phase::Asking => (
            q.guess
                .map(|g| words::placed(g, lang))
                .unwrap_or_else(|| tr(lang, "quiz.hint").to_string()),
            String::new(),
        ),
        Phase::Revealing => (
            trf(
                lang,
                "quiz.revealing",
                &[&q.spec.at.to_string(), &q.spec.target().to_string()],
            ),
            String::new(),
        ),
        Phase::Revealed => {
            let text = match (spec, q.answer) {
                (Some(s), Some((truth, step))) => words::result(
                    s,
                    step,
                    q.score.as_ref(),
                    truth,
                    step < q.spec.target(),
                    lang,
                ),
                _ => String::new(),
            };
            (String::new(), text)
        }
    };
    app.root("quiz-hint")?.set_text_content(Some(&hint));
    let res = app.root("quiz-result")?;
    res.set_text_content(Some(&result));
    res.set_attribute(
        "data-verdict",
        match q.score.map(|s| s.verdict) {
            Some(crate::quiz::Verdict::Close) if q.phase == Phase::Revealed => "close",
            Some(crate::quiz::Verdict::Near) if q.phase == Phase::Revealed => "near",
            Some(crate::quiz::Verdict::Off) if q.phase == Phase::Revealed => "off",
            _ => "",
        },
    )?;
    let reveal: HtmlButtonElement = by_id(&app.doc, "quiz-reveal")?;
    reveal.set_hidden(q.phase != Phase::Asking);
    let retry: HtmlButtonElement = by_id(&app.doc, "quiz-retry")?;
    retry.set_hidden(q.phase == Phase::Asking);
    Ok(())
}

/// Naming the trails: the prompt and result, and in the legend each
/// trail's name hidden behind a picker until the reveal, then marked
/// right or wrong.
fn which(app: &App, q: &Quiz) -> Result<(), JsValue> {
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
        .map(|o| opt_label(o, lang))
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

/// The quiz for `page_state`: its spec and phase, the guess, and once
/// revealed the answer and the score.
pub fn state_value(app: &App) -> Value {
    let Some(q) = &app.quiz else {
        return Value::Null;
    };
    let shown = q.phase != Phase::Asking;
    json!({
        "at": q.spec.at,
        "ahead": q.spec.ahead,
        "run": q.spec.run,
        "phase": match q.phase { Phase::Asking => "asking", Phase::Revealing => "revealing", Phase::Revealed => "revealed" },
        "horizon": app.horizon(),
        "guess": q.guess,
        "cursor": q.cursor,
        "answer": if shown { q.answer.map(|(p, step)| json!({"point": p, "step": step})) } else { None },
        "score": if shown { q.score.map(|s| json!({"distance": s.distance, "share": s.share, "truth": s.truth})) } else { None },
        "mode": if q.predicts() { "predict" } else { "which" },
        "names": q.names,
        "right": q.right,
    })
}

/// The link's quiz notices, added to the notice above the canvas.
pub fn show_notices(doc: &Document, notices: &[QuizNotice], lang: Lang) -> Result<(), JsValue> {
    if notices.is_empty() {
        return Ok(());
    }
    let list = by_id::<web_sys::Element>(doc, "notice-list")?;
    for n in notices {
        add(&list, &el(doc, "li", &[], Some(&words::notice(n, lang)))?)?;
    }
    by_id::<web_sys::HtmlElement>(doc, "notice")?.set_hidden(false);
    Ok(())
}

/// The Share panel's run picker: one entry per run, in the page's language
/// (rebuilt when the runs or the words change; the choice is kept).
pub fn sync_share(app: &App) -> Result<(), JsValue> {
    let select: HtmlSelectElement = by_id(&app.doc, "quiz-run")?;
    let kept = select.value();
    select.set_text_content(None);
    for (i, o) in app.scene.optimizers.iter().enumerate() {
        let v = (i + 1).to_string();
        add(
            &select,
            &el(
                &app.doc,
                "option",
                &[("value", &v)],
                Some(&format!("{v}. {}", opt_label(o, app.lang))),
            )?,
        )?;
    }
    add(
        &select,
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
    let ahead: HtmlInputElement = by_id(&app.doc, "quiz-ahead")?;
    ahead.set_max(&app.scene.steps.to_string());
    Ok(())
}

/// The quiz link of the current scene: paused at the current step (the
/// last but one when at the end), revealed after the steps asked for (as
/// many as are left at most), about the run picked. Copied, and said.
fn copy_quiz(app: &mut App) -> Result<(), JsValue> {
    let ahead = by_id::<HtmlInputElement>(&app.doc, "quiz-ahead")?.value_as_number();
    let picked = by_id::<HtmlSelectElement>(&app.doc, "quiz-run")?.value();
    // "which": name the trails; a number: predict that run.
    let mode = if picked == "which" {
        QuizMode::Which
    } else {
        QuizMode::Predict
    };
    let run = picked.parse::<usize>().unwrap_or(1);
    let ahead = if ahead.is_finite() && ahead >= 1.0 {
        ahead.min(1e9) as usize
    } else {
        10
    };
    // On a quiz page the quiz's own step (the cursor may be past it after the reveal).
    let at = app.quiz.as_ref().map(|q| q.spec.at).unwrap_or(app.t);
    let spec = QuizSpec {
        at,
        ahead,
        run: run.saturating_sub(1),
        mode,
    }
    .fit(app.scene.steps, app.scene.optimizers.len());
    let status = app.root("share-status")?;
    let Some(spec) = spec else {
        status.set_text_content(Some(tr(app.lang, "quiz.share.none")));
        return Ok(());
    };
    let href = app.window.location().href()?;
    let base = href.split('?').next().unwrap_or("").to_string();
    let mut query = crate::url::to_query(&app.scene, Some(spec.at));
    if let Some(id) = app.lesson {
        query.push_str(&format!("&lesson={id}"));
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
        .map(|o| opt_label(o, app.lang))
        .unwrap_or_default();
    let said = match spec.mode {
        QuizMode::Predict => trf(
            app.lang,
            "quiz.share.copied",
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
