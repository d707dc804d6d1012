//! The quiz on the page (predict, then reveal): the prompt and its buttons
//! under the figure, the arrow keys and Enter while it asks, its part of
//! `page_state` and the link's quiz notices. The model holds the quiz
//! ([`crate::app::Quiz`]); the marks on the plot are [`super::draw::quiz`],
//! naming the trails is [`super::quiz_names`], the Share panel's quiz-link
//! maker [`super::quiz_share`].

use super::dom::{add, by_id, el, on};
use super::{dispatch, App, APP};
use crate::app::{Msg, Phase};
use crate::url::quiz::QuizNotice;
use gradscape_text::{quiz as words, tr, trf, Lang};
use serde_json::{json, Value};
use wasm_bindgen::prelude::*;
use web_sys::{Document, HtmlButtonElement};

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
    super::quiz_share::wire(doc)?;
    super::quiz_names::wire(doc)
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
    classes.toggle_with_force("quiz-asking", q.before_reveal())?;
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
        return super::quiz_names::sync(app, q);
    }
    let lang = app.lang;
    let spec = app.scene.optimizers.get(q.spec.run);
    // A phone's student is told to tap by the line under the question
    // (which says nothing of keys there): the question alone, as presenting.
    let touch = super::dom::media_matches(&app.window, "(pointer: coarse)");
    let prompt = spec
        .map(|s| {
            words::prompt(
                s,
                app.scene.convention,
                q.spec.run,
                q.spec.ahead,
                app.present || touch,
                lang,
            )
        })
        .unwrap_or_default();
    app.root("quiz-prompt")?.set_text_content(Some(&prompt));
    let (hint, result) = match q.phase {
        Phase::Asking => (
            match (q.cursor, q.guess) {
                // The cursor moved off the guess (or there is none yet).
                (Some(c), g) if g != Some(c) => words::cursor(c, lang),
                (_, Some(g)) => words::placed(g, lang),
                // Presenting, the question alone (the class answers aloud;
                // how to click is not for the projected screen).
                _ if app.present => String::new(),
                // A phone's student has no arrow keys or Enter to read of.
                _ if touch => tr(lang, "quiz.hint.touch").to_string(),
                _ => tr(lang, "quiz.hint").to_string(),
            },
            String::new(),
        ),
        // Paused on the way (Space, ←, Home), it says so: "Playing…"
        // stayed on a stopped figure with no answer.
        Phase::Revealing if !app.playing => (
            trf(
                lang,
                "quiz.revealing.paused",
                &[&app.t.to_string(), &q.spec.target().to_string()],
            ),
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
                    app.scene.convention,
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
