//! Where the page puts things for a room: which panel a lesson shows and
//! whether it stands beside the canvas (`body[data-beside]`), and
//! presenter mode (`body.present`, the header button's `aria-pressed`,
//! `--chart-scale`).
//! The layout itself is CSS (www/style.css); this only sets the switches.

use super::dom::{by_id, on};
use super::{dispatch, App};
use crate::app::Msg;
use wasm_bindgen::prelude::*;
use web_sys::{Document, Element};

pub use crate::lesson::LessonPanel;

/// Its value of `body[data-beside]` (www/style.css orders the panel's
/// parts by it).
fn attr(p: LessonPanel) -> Option<&'static str> {
    match p {
        LessonPanel::None => None,
        LessonPanel::Ema => Some("ema"),
        LessonPanel::Bias => Some("bias"),
        LessonPanel::WeightDecay => Some("decay"),
    }
}

/// The panel lesson `lesson` shows, as the lesson's data says (the state
/// panel's `open_for_lesson` and the explainers' `lesson_loaded` ask it).
pub fn lesson_panel(lesson: Option<usize>) -> Option<LessonPanel> {
    Some(crate::lesson::panel(lesson)).filter(|p| *p != LessonPanel::None)
}

/// Put the lesson's panel beside the canvas (above the controls), or back
/// under the loss chart in free play and in lessons without one: a panel
/// the user opens in free play stays under the chart, where it does not
/// take width from the figure the user is exploring.
pub fn place(app: &App) -> Result<(), JsValue> {
    let Some(body) = app.doc.body() else {
        return Ok(());
    };
    let beside = lesson_panel(app.lesson)
        .filter(|_| app.embed.is_none())
        .and_then(attr);
    match beside {
        Some(a) => body.set_attribute("data-beside", a)?,
        None => body.remove_attribute("data-beside")?,
    }
    tab_order(app, beside.is_some())?;
    state_first(app, matches!(beside, Some("bias" | "decay")))
}

/// The state panel before the explainers in the markup when a lesson puts
/// it at the top of the column (`order: -1` in style.css): Tab went from
/// the explainers 1,500 px down back up to it, and a screen reader met
/// the two closed explainers before the panel the lesson is about.
fn state_first(app: &App, first: bool) -> Result<(), JsValue> {
    match (
        app.doc.get_element_by_id("state-panel"),
        app.doc.get_element_by_id("explain"),
    ) {
        (Some(state), Some(explain)) => put(&state, &explain, first),
        _ => Ok(()),
    }
}

/// The panels in the markup where Tab should reach them (the grid places
/// them either way): beside the canvas, above the controls, they come
/// before the controls; under the loss chart, after them (from the figure
/// to η, tabbing through the panels under it scrolled the figure away).
fn tab_order(app: &App, beside: bool) -> Result<(), JsValue> {
    match (
        app.doc.get_element_by_id("lesson-panels"),
        app.doc.query_selector("main > aside.panel"),
    ) {
        (Some(panels), Ok(Some(aside))) => put(&panels, &aside, beside),
        _ => Ok(()),
    }
}

/// Sibling `a` just before `b` (`before`) or just after it, moved only when
/// it is not there already.
fn put(a: &Element, b: &Element, before: bool) -> Result<(), JsValue> {
    let is_before = a.next_element_sibling().as_ref() == Some(b);
    match (before, is_before) {
        (true, false) => b.before_with_node_1(a),
        (false, true) => b.after_with_node_1(a),
        _ => Ok(()),
    }
}

/// Presenter mode on the page: the body's class (the CSS palette, type and
/// collapsed side panel), the button's state, and `--chart-scale`: the
/// factor the explainers' charts are drawn at, by which the CSS makes their
/// canvases taller (unset, 1, when not presenting).
pub fn present(app: &App) -> Result<(), JsValue> {
    if let Some(body) = app.doc.body() {
        body.class_list()
            .toggle_with_force("present", app.present)?;
        let scale = super::draw::Style::of(app.present, 0.0).chart_scale(super::draw::EXPLAIN_PX);
        let css = body.style();
        if scale != 1.0 {
            css.set_property("--chart-scale", &scale.to_string())?;
        } else {
            css.remove_property("--chart-scale")?;
        }
    }
    let button: Element = by_id(&app.doc, "present")?;
    let pressed = if app.present { "true" } else { "false" };
    // Said when it changes (P re-read only the figure's summary); the
    // page opened presenting says nothing.
    if button
        .get_attribute("aria-pressed")
        .is_some_and(|p| p != pressed)
    {
        let key = if app.present {
            "said.present.on"
        } else {
            "said.present.off"
        };
        super::dom::say(&app.doc, gradscape_text::tr(app.lang, key));
    }
    button.set_attribute("aria-pressed", pressed)
}

/// The header's presenter button.
pub fn wire(doc: &Document) -> Result<(), JsValue> {
    let button: Element = by_id(doc, "present")?;
    on(&button, "click", |_: web_sys::MouseEvent| {
        dispatch(Msg::TogglePresent)
    })
}
