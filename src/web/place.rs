//! Where the page puts things for a room: which panel a lesson shows and
//! whether it stands beside the canvas (`body[data-beside]`), and
//! presenter mode (`body.present`, the header button's `aria-pressed`).
//! The layout itself is CSS (www/style.css); this only sets the switches.

use super::dom::{by_id, on};
use super::{dispatch, App};
use crate::app::Msg;
use wasm_bindgen::prelude::*;
use web_sys::{Document, Element};

/// The panel a lesson opens, and the part of it the lesson is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LessonPanel {
    /// The EMA explainer (`#ema-panel`).
    Ema,
    /// The state panel (`#state-panel`), its bias-correction chart and the
    /// first run's inspector table first.
    Bias,
    /// The state panel, its Adam+L2 vs AdamW section first.
    WeightDecay,
}

impl LessonPanel {
    /// Its value of `body[data-beside]` (www/style.css orders the panel's
    /// parts by it).
    fn attr(self) -> &'static str {
        match self {
            LessonPanel::Ema => "ema",
            LessonPanel::Bias => "bias",
            LessonPanel::WeightDecay => "decay",
        }
    }

    /// Whether it is the state panel (else the EMA explainer).
    pub fn is_state(self) -> bool {
        matches!(self, LessonPanel::Bias | LessonPanel::WeightDecay)
    }
}

/// The one place that says which panel lesson `lesson` shows (the state
/// panel's `open_for_lesson` and the explainers' `lesson_loaded` ask it).
pub fn lesson_panel(lesson: Option<usize>) -> Option<LessonPanel> {
    match lesson? {
        5 => Some(LessonPanel::Ema),
        8 => Some(LessonPanel::Bias),
        9 => Some(LessonPanel::WeightDecay),
        _ => None,
    }
}

/// Put the lesson's panel beside the canvas (above the controls), or back
/// under the loss chart in free play and in lessons without one: a panel
/// the user opens in free play stays under the chart, where it does not
/// take width from the figure the user is exploring.
pub fn place(app: &App) -> Result<(), JsValue> {
    let Some(body) = app.doc.body() else {
        return Ok(());
    };
    match lesson_panel(app.lesson).filter(|_| app.embed.is_none()) {
        Some(p) => body.set_attribute("data-beside", p.attr()),
        None => body.remove_attribute("data-beside"),
    }
}

/// Presenter mode on the page: the body's class (the CSS palette, type and
/// collapsed side panel) and the button's state.
pub fn present(app: &App) -> Result<(), JsValue> {
    if let Some(body) = app.doc.body() {
        body.class_list()
            .toggle_with_force("present", app.present)?;
    }
    let button: Element = by_id(&app.doc, "present")?;
    button.set_attribute("aria-pressed", if app.present { "true" } else { "false" })
}

/// The header's presenter button.
pub fn wire(doc: &Document) -> Result<(), JsValue> {
    let button: Element = by_id(doc, "present")?;
    on(&button, "click", |_: web_sys::MouseEvent| {
        dispatch(Msg::TogglePresent)
    })
}
