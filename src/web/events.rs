//! DOM events → messages: every listener of the page's controls reads the
//! event and dispatches one [`Msg`]; none touches the model.

use super::dispatch;
use super::dom::{by_id, closest, on};
use super::gestures::erased;
use crate::app::{Arrow, Field, FieldId, Msg};
use crate::landscape::{Landscape, View};
use crate::optim::{Convention, HyperKey, Key, OptKind};
use gradscape_text::Lang;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{
    Document, Element, HtmlButtonElement, HtmlInputElement, HtmlSelectElement, KeyboardEvent,
};

fn input_of(t: Option<web_sys::EventTarget>) -> Option<HtmlInputElement> {
    t?.dyn_into::<HtmlInputElement>().ok()
}

/// A typed field's number (plain decimal only: `1,5` and `0x10` are
/// unreadable, not 15 and 10).
fn number(text: &str) -> Option<f64> {
    crate::format::read_field(text)
}

/// The index of the optimizer card an event happened in.
fn card_index(e: &web_sys::Event) -> Option<usize> {
    super::card_sync::card_of(&e.target()?.dyn_into::<Element>().ok()?)
}

/// Listen to every control of the page.
pub fn wire(doc: &Document) -> Result<(), JsValue> {
    cards(doc)?;
    super::slider::wire(doc)?;
    super::calmer::wire(doc, &web_sys::window().ok_or("no window")?)?;
    super::schedule::wire(doc)?;
    globals(doc)?;
    time(doc)?;
    keys(doc)?;
    super::gestures::wire(doc)?;
    super::focus::wire(doc)?;
    super::pointer::wire(doc)?;
    super::share::wire(doc)?;
    super::video::wire(doc)?;
    super::code::wire(doc)?;
    super::state::wire(doc)?;
    super::place::wire(doc)?;
    super::quiz::wire(doc)?;
    super::caption::wire(doc)?;
    super::welcome::wire(doc)?;
    super::timebar::wire(doc)?;
    let window = web_sys::window().ok_or("no window")?;
    on(&window, "resize", |_: web_sys::Event| {
        super::sizes::forget();
        dispatch(Msg::Redraw)
    })
}

/// A − / + press: the row's value (its number field) moved to the next
/// clean value, as if typed.
fn nudge(btn: &Element, i: usize) -> Option<Msg> {
    let any = Key::from_name(&btn.get_attribute("data-param")?)?;
    if let Key::Int(_) = any {
        let field: HtmlInputElement = btn
            .parent_element()?
            .query_selector("input.num")
            .ok()??
            .dyn_into()
            .ok()?;
        let up = btn.get_attribute("data-dir").as_deref() == Some("up");
        let v = super::card_keys::nudge_int(any, number(&field.value())?, up);
        return Some(Msg::SetKey {
            i,
            key: any,
            part: 0,
            v,
        });
    }
    let key = any.hyper()?;
    let card = btn.closest(".opt-card").ok()??;
    let kind = OptKind::from_name(&card.get_attribute("data-kind")?)?;
    let field: HtmlInputElement = btn
        .parent_element()?
        .query_selector("input.num")
        .ok()??
        .dyn_into()
        .ok()?;
    let v = number(&field.value())?;
    let up = btn.get_attribute("data-dir").as_deref() == Some("up");
    Some(Msg::SetHyper {
        i,
        key,
        v: crate::params::ParamInfo::of(kind, key).nudge(v, up),
        slider: false,
    })
}

/// The optimizer cards (delegated), the legend and the add button.
fn cards(doc: &Document) -> Result<(), JsValue> {
    let cards: Element = by_id(doc, "optimizers")?;
    super::card_sync::wire(&cards)?;
    on(&cards, "input", |e: web_sys::Event| {
        let (Some(input), Some(i)) = (input_of(e.target()), card_index(&e)) else {
            return;
        };
        // The DOM is an edge: the attribute names the key.
        let Some(key) = input
            .get_attribute("data-param")
            .and_then(|n| Key::from_name(&n))
        else {
            return;
        };
        if input.type_() == "range" {
            // A finger's touch that may yet be a scroll moves no value.
            if !super::slider::held(&input) {
                if let Some(msg) = super::slider::slid(&input, i, key) {
                    dispatch(msg);
                }
            }
            return;
        }
        match (input.type_().as_str(), key) {
            ("text", Key::Hyper(key)) if input.class_list().contains("num") => {
                dispatch(Msg::Typed {
                    field: FieldId::Hyper { i, key },
                    text: input.value(),
                    erased: erased(&e),
                })
            }
            ("checkbox", Key::Flag(key)) => dispatch(Msg::SetFlag {
                i,
                key,
                on: input.checked(),
            }),
            _ => {}
        }
    })?;
    // A parameter's slider has 1000 positions (a log one spans decades):
    // an arrow key moves it about a hundredth of its length, so each press
    // shows (thirty presses of one position took λ from 0.01 to 0.0142),
    // to a clean value (0.4 → 0.5 → 0.6: `ParamInfo::arrow`); with Shift
    // the finest step (0.4 → 0.401), PageUp/PageDown ten arrows; each
    // comes back by the opposite key. A drag snaps to the same stops within
    // half a pixel and keeps the positions between (src/web/slider.rs). In a
    // lesson PageUp/PageDown are the clicker's (`kept_by`), a locked
    // lesson's too: there they change nothing, never η behind the class.
    let d = doc.clone();
    on(&cards, "keydown", move |e: KeyboardEvent| {
        let shift = e.shift_key();
        let (up, by) = match e.key().as_str() {
            "ArrowRight" | "ArrowUp" => (true, if shift { Arrow::Fine } else { Arrow::One }),
            "ArrowLeft" | "ArrowDown" => (false, if shift { Arrow::Fine } else { Arrow::One }),
            "PageUp" | "PageDown" if in_lesson(&d) => return,
            "PageUp" => (true, Arrow::Page),
            "PageDown" => (false, Arrow::Page),
            _ => return,
        };
        let Some(input) = input_of(e.target()) else {
            return;
        };
        let hyper = input
            .get_attribute("data-param")
            .and_then(|n| Key::from_name(&n));
        let (Some(Key::Hyper(key)), Some(i)) = (hyper, card_index(&e)) else {
            return;
        };
        let max: f64 = input.max().parse().unwrap_or(0.0);
        if input.type_() != "range" || max < 200.0 || e.ctrl_key() || e.meta_key() || e.alt_key() {
            return;
        }
        e.prevent_default();
        dispatch(Msg::ArrowHyper { i, key, up, by });
        // A sync leaves the focused slider alone (a drag owns its
        // position); a key's value moves it.
        super::with_app(move |app| {
            if let Some(spec) = app.scene.optimizers.get(i) {
                let info = crate::params::ParamInfo::of(spec.kind, key);
                input.set_value_as_number(info.to_slider(key.get(&spec.hyper)));
            }
            Ok(())
        });
    })?;
    // Pairs, integers, choices: on change (a pair is typed in two fields).
    on(&cards, "change", |e: web_sys::Event| {
        let Some(i) = card_index(&e) else { return };
        let Some(target) = e.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
            return;
        };
        let key = target
            .get_attribute("data-param")
            .and_then(|n| Key::from_name(&n));
        let Some(key @ (Key::Pair(_) | Key::Int(_) | Key::Choice(_))) = key else {
            return;
        };
        let Some(sec) = closest(e.target(), "section.opt-card") else {
            return;
        };
        if target.get_attribute("type").as_deref() == Some("range") {
            return; // its input event set it
        }
        let v = super::card_keys::read_key(&sec, key, &target);
        let part = target
            .get_attribute("data-part")
            .and_then(|p| p.parse().ok())
            .unwrap_or(0);
        dispatch(Msg::SetKey { i, key, part, v });
    })?;
    on(&cards, "change", |e: web_sys::Event| {
        let (Some(input), Some(i)) = (input_of(e.target()), card_index(&e)) else {
            return;
        };
        if !input.class_list().contains("num") {
            return;
        }
        let Some(key) = input
            .get_attribute("data-param")
            .and_then(|n| HyperKey::from_name(&n))
        else {
            return;
        };
        dispatch(match number(&input.value()) {
            Some(v) => Msg::SetHyper {
                i,
                key,
                v,
                slider: false,
            },
            None => Msg::Unreadable(Field::Hyper { i, key }),
        });
    })?;
    on(&cards, "click", |e: web_sys::MouseEvent| {
        let (Some(btn), Some(i)) = (closest(e.target(), "button"), card_index(&e)) else {
            return;
        };
        if btn.class_list().contains("remove-opt") {
            dispatch(Msg::RemoveOpt(i));
        } else if btn.class_list().contains("reset-opt") {
            dispatch(Msg::ResetOpt(i));
        } else if btn.class_list().contains("nudge") {
            if let Some(msg) = nudge(&btn, i) {
                // Each tap of − / + is one undo step (a button sends no
                // change event to end its gesture: taps, and a drag of the
                // slider after them, were undone as one).
                dispatch(Msg::EndGesture);
                dispatch(msg);
                dispatch(Msg::EndGesture);
            }
        }
    })?;
    let legend: Element = by_id(doc, "legend")?;
    on(&legend, "change", |e: web_sys::Event| {
        let (Some(input), Some(li)) = (input_of(e.target()), closest(e.target(), "li")) else {
            return;
        };
        if let Some(i) = li.get_attribute("data-index").and_then(|s| s.parse().ok()) {
            dispatch(Msg::ShowRun {
                i,
                on: input.checked(),
            });
        }
    })?;
    let add: HtmlButtonElement = by_id(doc, "add-optimizer")?;
    let kind_sel: HtmlSelectElement = by_id(doc, "add-kind")?;
    let d = doc.clone();
    on(&add, "click", move |_: web_sys::MouseEvent| {
        if let Some(kind) = OptKind::from_name(&kind_sel.value()) {
            dispatch(Msg::AddOpt(kind));
            // The new card (built by now) into view: on a phone it was
            // two screens down, with nothing to say it was there.
            if let Ok(Some(card)) = d.query_selector("#optimizers section.opt-card:last-of-type") {
                super::dom::bring_into_view(&card);
            }
        }
    })
}

/// Surface, its parameters, the formula editor, the view fields,
/// convention, steps, noise, lessons and language.
fn globals(doc: &Document) -> Result<(), JsValue> {
    let surface: HtmlSelectElement = by_id(doc, "surface")?;
    on(&surface.clone(), "change", move |_: web_sys::Event| {
        if let Some(l) = Landscape::from_kind(&surface.value()) {
            dispatch(Msg::SetSurface(l));
        }
    })?;
    // Typed key by key as the cards' fields are (`input`), committed on
    // Enter or leaving (`change`).
    let sp: Element = by_id(doc, "surface-params")?;
    let handler = |e: web_sys::Event| {
        let Some(input) = input_of(e.target()) else {
            return;
        };
        let Some(key) = input
            .get_attribute("data-key")
            .and_then(|n| crate::landscape::Param::from_name(&n))
        else {
            return;
        };
        dispatch(match number(&input.value()) {
            _ if e.type_() == "input" => Msg::Typed {
                field: FieldId::SurfaceParam(key),
                text: input.value(),
                erased: erased(&e),
            },
            Some(v) => Msg::SetSurfaceParam { key, v },
            None => Msg::Unreadable(Field::SurfaceParam(key)),
        });
    };
    on(&sp, "input", handler)?;
    on(&sp, "change", handler)?;
    let expr_input: HtmlInputElement = by_id(doc, "expr-input")?;
    let target = expr_input.clone();
    let handler = move |e: web_sys::Event| {
        let text = expr_input.value();
        dispatch(match e.type_().as_str() {
            "change" => Msg::FormulaDone(text),
            _ => Msg::SetFormula(text),
        });
    };
    on(&target, "input", handler.clone())?;
    on(&target, "change", handler)?;
    on(&target, "keydown", |e: web_sys::KeyboardEvent| {
        if e.key() == "Escape" {
            e.prevent_default();
            dispatch(Msg::FormulaCancel);
        }
    })?;
    let chips: Element = by_id(doc, "expr-examples")?;
    let expr_input: HtmlInputElement = by_id(doc, "expr-input")?;
    on(&chips, "click", move |e: web_sys::Event| {
        let Some(b) = closest(e.target(), "button[data-expr]") else {
            return;
        };
        let text = b.get_attribute("data-expr").unwrap_or_default();
        expr_input.set_value(&text);
        dispatch(Msg::SetFormula(text));
    })?;
    let vf: Element = by_id(doc, "view-fields")?;
    on(&vf.clone(), "change", move |_: web_sys::Event| {
        if let Some(msg) = view_fields(&vf) {
            dispatch(msg);
        }
    })?;
    let conv: HtmlSelectElement = by_id(doc, "convention")?;
    on(&conv.clone(), "change", move |_: web_sys::Event| {
        if let Some(c) = Convention::from_name(&conv.value()) {
            dispatch(Msg::SetConvention(c));
        }
    })?;
    type Make = fn(f64) -> Msg;
    let fields: [(&str, Make, Field, FieldId); 3] = [
        ("steps", Msg::SetSteps, Field::Steps, FieldId::Steps),
        ("noise-sigma", Msg::SetSigma, Field::Sigma, FieldId::Sigma),
        ("noise-seed", Msg::SetSeed, Field::Seed, FieldId::Seed),
    ];
    for (id, make, field, typed) in fields {
        let input: HtmlInputElement = by_id(doc, id)?;
        let handler = move |e: web_sys::Event| match number(&input.value()) {
            _ if e.type_() == "input" => dispatch(Msg::Typed {
                field: typed,
                text: input.value(),
                erased: erased(&e),
            }),
            Some(v) => dispatch(make(v)),
            None => dispatch(Msg::Unreadable(field.clone())),
        };
        let target: HtmlInputElement = by_id(doc, id)?;
        on(&target, "input", handler.clone())?;
        on(&target, "change", handler)?;
    }
    let lesson_sel: HtmlSelectElement = by_id(doc, "lesson")?;
    // An arrow on the closed picker changes the lesson at once: the picker
    // keeps the focus then, so a keyboard user can go on through the list.
    let browsing = std::rc::Rc::new(std::cell::Cell::new(false));
    let b = browsing.clone();
    on(&lesson_sel, "keydown", move |e: KeyboardEvent| {
        b.set(!matches!(e.key().as_str(), "Enter" | " "));
    })?;
    let b = browsing.clone();
    on(&lesson_sel, "pointerdown", move |_: web_sys::Event| {
        b.set(false)
    })?;
    let d = doc.clone();
    on(&lesson_sel.clone(), "change", move |_: web_sys::Event| {
        let v = lesson_sel.value();
        // The hidden "modified" option cannot be chosen; guard anyway.
        if v != super::controls::MODIFIED {
            dispatch(Msg::SetLesson(v.parse().ok()));
        }
        // Chosen: the keys go to the figure, so → steps and Space plays.
        if !browsing.replace(false) {
            super::gestures::focus_figure(&d);
        }
    })?;
    for (id, delta) in [("lesson-prev", -1i64), ("lesson-next", 1)] {
        let b: Element = by_id(doc, id)?;
        on(&b, "click", move |_: web_sys::Event| {
            dispatch(Msg::StepLesson(delta))
        })?;
    }
    let lang_sel: HtmlSelectElement = by_id(doc, "lang")?;
    on(&lang_sel.clone(), "change", move |_: web_sys::Event| {
        let lang = Lang::from_code(&lang_sel.value()).unwrap_or_default();
        dispatch(Msg::SetLang(lang));
    })
}

/// The view window typed in the four fields, or the first unreadable one.
fn view_fields(vf: &Element) -> Option<Msg> {
    let mut v = View {
        x0: 0.0,
        x1: 0.0,
        y0: 0.0,
        y1: 0.0,
    };
    for (edge, input) in super::controls::view_inputs(vf).ok()? {
        let Some(x) = number(&input.value()) else {
            let text = input.value();
            return Some(Msg::Unreadable(Field::View { edge, text }));
        };
        edge.set(&mut v, x);
    }
    Some(Msg::SetViewFields(v))
}

/// The time bar.
fn time(doc: &Document) -> Result<(), JsValue> {
    for (id, msg) in [
        ("play", Msg::TogglePlay),
        ("step", Msg::Step(1)),
        ("step-back", Msg::Step(-1)),
        ("reset", Msg::Seek(0)),
        ("reset-view", Msg::ResetView),
        ("fit-view", Msg::FitView),
    ] {
        let b: HtmlButtonElement = by_id(doc, id)?;
        on(&b, "click", move |_: web_sys::MouseEvent| {
            dispatch(msg.clone())
        })?;
    }
    let scrub: HtmlInputElement = by_id(doc, "scrub")?;
    on(&scrub.clone(), "input", move |_: web_sys::Event| {
        let v = scrub.value_as_number();
        dispatch(Msg::Seek(if v.is_finite() {
            v.max(0.0) as usize
        } else {
            0
        }));
    })?;
    let speed: HtmlSelectElement = by_id(doc, "speed")?;
    on(&speed.clone(), "change", move |_: web_sys::Event| {
        dispatch(Msg::SetSpeed(speed.value().parse().unwrap_or(5.0)));
    })
}

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
    if super::gestures::is_text_entry(t) {
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
fn keys(doc: &Document) -> Result<(), JsValue> {
    blank_keys(doc)?;
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
                if let Some(msg) = super::gestures::nudge(&key, shift) {
                    e.prevent_default();
                    return dispatch(msg);
                }
            } else if kept_by(t, &key, ctrl, in_lesson(&d)) {
                return;
            }
        }
        // While a quiz asks, the arrows and Enter move and place the guess.
        if let Some(msg) = super::quiz::key(&key, shift, ctrl) {
            e.prevent_default();
            return dispatch(msg);
        }
        if key.eq_ignore_ascii_case("e") && !ctrl {
            e.prevent_default();
            return super::focus::next_rate(&d);
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
            super::gestures::focus_figure(&d);
        }
    })
}

/// The black screen: B or . (what a presentation clicker's blank key
/// sends, PowerPoint's and reveal.js's) puts it up wherever the focus is
/// but in a field one types in (a picker or a slider too; presenting, B
/// in a number field too); any key or a
/// click takes it down and does only that. In the capture phase, before a
/// focused slider's own arrows (which moved η as the page came back).
fn blank_keys(doc: &Document) -> Result<(), JsValue> {
    let screen: Element = by_id(doc, "blank")?;
    let d = doc.clone();
    on(&screen, "click", move |_: web_sys::MouseEvent| {
        blank(&d, Some(false));
    })?;
    let d = doc.clone();
    let window = web_sys::window().ok_or("no window")?;
    super::dom::on_capture(&window, "keydown", move |e: KeyboardEvent| {
        let key = e.key();
        let up = blank(&d, None);
        // Not in an embed (a reader's "." in a page of notes), nor a held key.
        let embedded = d.body().is_some_and(|b| b.class_list().contains("embed"));
        // Presenting, a number field takes no "b": there it is the
        // clicker's blank key too (a teacher who had typed η = 0.45 got
        // "0.45b"); elsewhere a "b" typed there is the typist's.
        let presenting = d.body().is_some_and(|b| b.class_list().contains("present"));
        let b = presenting && key.eq_ignore_ascii_case("b");
        let typed_in = e
            .target()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .is_some_and(|t| {
                super::gestures::is_text_entry(&t) && !(b && t.class_list().contains("num"))
            });
        let asks = (key.eq_ignore_ascii_case("b") || key == ".")
            && !embedded
            && !e.repeat()
            && !(e.ctrl_key() || e.meta_key() || e.alt_key())
            && !typed_in;
        if up || asks {
            e.prevent_default();
            e.stop_immediate_propagation();
            blank(&d, Some(!up));
            // The run does not play on behind the black (a teacher blanks
            // before the animation the class is to watch).
            if !up {
                dispatch(Msg::Pause);
            }
            // A screen reader's user who pressed B by chance hears why the
            // next key only brings the page back.
            let lang = d
                .document_element()
                .and_then(|h| Lang::from_code(&h.get_attribute("lang")?))
                .unwrap_or_default();
            let key = if up { "said.blank.off" } else { "said.blank" };
            super::dom::say(&d, gradscape_text::tr(lang, key));
        }
    })
}

/// Whether the black screen is up; with `set`, put it up or down first.
fn blank(doc: &Document, set: Option<bool>) -> bool {
    let Some(b) = doc.get_element_by_id("blank") else {
        return false;
    };
    if let Some(on) = set {
        let _ = b.toggle_attribute_with_force("hidden", !on);
    }
    !b.has_attribute("hidden")
}

/// Whether a lesson is shown (its caption is): the lesson keys' rule.
fn in_lesson(doc: &Document) -> bool {
    doc.get_element_by_id("lesson-caption")
        .is_some_and(|c| !c.has_attribute("hidden"))
}
