//! The figure in words for screen readers: `#figure-summary`, a polite live
//! region the canvas points to (`aria-describedby`), and the canvas's own
//! label. Both are written once a change settles (500 ms after the last
//! one, never while playing or dragging), so a reader hears one summary,
//! not one per slider input or animation frame.

use super::timer::{later, Later};
use super::{with_app, App};
use crate::format;
use gradscape_text::summary::{figure_label, figure_summary};
use gradscape_text::{tr, trf};
use std::cell::Cell;
use wasm_bindgen::prelude::*;

thread_local! {
    /// The lesson the last summary was written for: a new one is named
    /// first (its caption is not a live region: read at every step of a
    /// caption's change it would be chatty), once.
    static SAID: Cell<Option<Option<usize>>> = const { Cell::new(None) };
    /// The start the last summary was written for: a moved start (the
    /// handle's arrows, a drag of the ring, a field) is said before the
    /// runs, once; the handle's own label changes unannounced.
    static START: Cell<Option<[f64; 2]>> = const { Cell::new(None) };
}

/// Ask for the summary once things rest (a later request restarts the wait).
pub fn schedule(app: &App) -> Result<(), JsValue> {
    if app.playing || app.interacting {
        // The pause, the end of playback or the settle asks again.
        return Ok(());
    }
    later(&app.window, Later::Summary, || with_app(write))
}

/// Write the summary and the canvas's label, unless the figure moves
/// (a new language writes it at once: nothing moved).
pub fn write(app: &mut App) -> Result<(), JsValue> {
    if app.playing || app.interacting {
        return Ok(());
    }
    let lang = app.lang;
    let mut text = figure_summary(
        &app.runs,
        &app.diags,
        &app.hidden,
        app.t,
        app.scene.steps,
        lang,
    );
    let start = app.scene.start;
    if START
        .with(|s| s.replace(Some(start)))
        .is_some_and(|s| s != start)
    {
        let at = trf(
            lang,
            "summary.start",
            &[&format::prose(start[0]), &format::prose(start[1])],
        );
        text = format!("{at} {text}");
    }
    if SAID.with(|s| s.replace(Some(app.lesson))) != Some(app.lesson) && app.lesson.is_some() {
        let title = app.root("lesson-title")?.text_content().unwrap_or_default();
        if !title.is_empty() {
            text = format!("{} {text}", trf(lang, "summary.lesson", &[&title]));
        }
    }
    let p = app.root("figure-summary")?;
    if p.text_content().as_deref() != Some(text.as_str()) {
        p.set_text_content(Some(&text));
    }
    let formula = app.scene.landscape.formula();
    let label = figure_label(&formula, &app.runs, &app.hidden, lang);
    let label = format!("{label} {}", tr(lang, "plot"));
    app.plot.set_attribute("aria-label", &label)?;
    // The run messages were quiet while the figure moved; they speak again.
    app.root("messages")?.set_attribute("aria-live", "polite")
}
