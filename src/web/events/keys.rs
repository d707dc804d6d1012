//! The playground's keys, anywhere on the page unless the focused control
//! keeps them.

use super::in_lesson;
use crate::app::Msg;
use crate::web::dispatch;
use crate::web::dom::on;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, KeyboardEvent};

/// A key of the playground (`key` as `KeyboardEvent.key`, letters in either case).
struct Bind {
    key: &'static str,
    ctrl: bool,
    shift: Option<bool>,
    msg: fn() -> Msg,
}

/// Every key of the playground (the "Keys and gestures" panel lists them):
/// the key, whether Ctrl/Cmd is held, Shift (`None`: either), the message.
const KEYS: &[Bind] = &[
    bind(" ", false, None, || Msg::TogglePlay),
    bind("ArrowRight", false, Some(false), || Msg::Step(1)),
    bind("ArrowLeft", false, Some(false), || Msg::Step(-1)),
    bind("Home", false, None, || Msg::Seek(0)),
    bind("End", false, None, || Msg::Seek(usize::MAX)),
    bind("r", false, None, || Msg::Seek(0)),
    // What a presentation clicker sends.
    bind("PageUp", false, None, || Msg::StepLesson(-1)),
    bind("PageDown", false, None, || Msg::StepLesson(1)),
    bind("ArrowRight", false, Some(true), || Msg::PanBy {
        fx: PAN,
        fy: 0.0,
    }),
    bind("ArrowLeft", false, Some(true), || Msg::PanBy {
        fx: -PAN,
        fy: 0.0,
    }),
    bind("ArrowUp", false, Some(true), || Msg::PanBy {
        fx: 0.0,
        fy: PAN,
    }),
    bind("ArrowDown", false, Some(true), || Msg::PanBy {
        fx: 0.0,
        fy: -PAN,
    }),
    bind("+", false, None, || Msg::ZoomCentre(1.0 / ZOOM)),
    bind("=", false, None, || Msg::ZoomCentre(1.0 / ZOOM)),
    bind("-", false, None, || Msg::ZoomCentre(ZOOM)),
    bind("_", false, None, || Msg::ZoomCentre(ZOOM)),
    bind("p", false, None, || Msg::TogglePresent),
    bind("f", false, None, || Msg::FitView),
    bind("z", true, Some(false), || Msg::Undo),
    bind("z", true, Some(true), || Msg::Redo),
    bind("y", true, Some(false), || Msg::Redo),
];

const fn bind(key: &'static str, ctrl: bool, shift: Option<bool>, msg: fn() -> Msg) -> Bind {
    Bind {
        key,
        ctrl,
        shift,
        msg,
    }
}

/// A key pan moves the window by this fraction of its span.
const PAN: f64 = 0.1;
/// A key zoom scales the window by this factor.
const ZOOM: f64 = 1.25;

/// Whether the focused control keeps `key` for itself: fields one types
/// in keep every key; pickers their arrows, letters and Space; sliders
/// their arrows and Home/End; buttons, boxes and summaries Space and Enter
/// (a keyboard user presses the button they tabbed to). PageUp/PageDown
/// are what a presentation clicker sends: in a lesson they change it
/// wherever the focus is (a slider or picker the teacher touched last would
/// take them as a big step or another choice); in free play every control
/// keeps them (a student's PageUp on a slider jumped from their own scene
/// to the last lesson), and only the figure or the page takes them.
fn kept_by(t: &Element, key: &str, ctrl: bool, in_lesson: bool) -> bool {
    if matches!(key, "PageUp" | "PageDown") && !ctrl {
        let figure = t.id() == "plot" || t.tag_name().eq_ignore_ascii_case("BODY");
        return !in_lesson && !figure;
    }
    if crate::web::gestures::is_text_entry(t) {
        return true;
    }
    let tag = t.tag_name().to_ascii_uppercase();
    let kind = t.get_attribute("type").unwrap_or_default();
    let arrows = key.starts_with("Arrow") || matches!(key, "Home" | "End");
    match tag.as_str() {
        "SELECT" => !ctrl,
        "INPUT" if kind == "range" => arrows,
        "BUTTON" | "SUMMARY" | "A" => key == " " || key == "Enter",
        "INPUT" => key == " " || key == "Enter",
        _ => false,
    }
}

/// Keyboard: the keys of [`KEYS`], anywhere on the page, unless the focused
/// control keeps that key; the start handle's arrows move the start.
pub(super) fn wire(doc: &Document) -> Result<(), JsValue> {
    super::blank::wire(doc)?;
    let d = doc.clone();
    on(doc, "keydown", move |e: KeyboardEvent| {
        if e.alt_key() {
            return;
        }
        let key = e.key();
        let ctrl = e.ctrl_key() || e.meta_key();
        let shift = e.shift_key();
        let target = e.target().and_then(|t| t.dyn_into::<Element>().ok());
        if let Some(t) = &target {
            if t.id() == "start-handle" && !ctrl {
                if let Some(msg) = crate::web::gestures::nudge(&key, shift) {
                    e.prevent_default();
                    return dispatch(msg);
                }
            } else if kept_by(t, &key, ctrl, in_lesson(&d)) {
                return;
            }
        }
        // While a quiz asks, the arrows and Enter move and place the guess.
        if let Some(msg) = crate::web::quiz::key(&key, shift, ctrl) {
            e.prevent_default();
            return dispatch(msg);
        }
        if key.eq_ignore_ascii_case("e") && !ctrl {
            e.prevent_default();
            return crate::web::focus::next_rate(&d);
        }

        let Some(b) = KEYS.iter().find(|b| {
            b.key.eq_ignore_ascii_case(&key) && b.ctrl == ctrl && b.shift.is_none_or(|s| s == shift)
        }) else {
            return;
        };
        e.prevent_default();
        let msg = match (b.msg)() {
            // A held → steps on but never turns a presented lesson.
            Msg::Step(d) if e.repeat() => Msg::StepHeld(d),
            msg => msg,
        };
        let lesson_key = matches!(msg, Msg::StepLesson(_));
        // A held PageDown repeats: one lesson a press (six went from
        // lesson 4 to 10 in a trial).
        if lesson_key && e.repeat() {
            return;
        }
        dispatch(msg);
        // Choosing a lesson gives the keys to the figure, from a field or a
        // slider too: the class's next → and Space step and play, not type
        // into the η box the teacher had clicked.
        if lesson_key && target.is_some_and(|t| t.id() != "plot") {
            crate::web::gestures::focus_figure(&d);
        }
    })
}
