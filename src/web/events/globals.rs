//! The global controls: surface, formula, convention, steps, noise, lesson,
//! language and the view's fields.

use super::{input_of, number};
use crate::app::{Field, FieldId, Msg};
use crate::landscape::{Landscape, View};
use crate::optim::Convention;
use crate::web::dispatch;
use crate::web::dom::{by_id, closest, on};
use crate::web::gestures::erased;
use gradscape_text::Lang;
use wasm_bindgen::prelude::*;
use web_sys::{Document, Element, HtmlInputElement, HtmlSelectElement, KeyboardEvent};

/// Surface, its parameters, the formula editor, the view fields,
/// convention, steps, noise, lessons and language.
pub(super) fn wire(doc: &Document) -> Result<(), JsValue> {
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
        if v != crate::web::controls::MODIFIED {
            dispatch(Msg::SetLesson(v.parse().ok()));
        }
        // Chosen: the keys go to the figure, so → steps and Space plays.
        if !browsing.replace(false) {
            crate::web::gestures::focus_figure(&d);
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
        crate::web::link::chose_lang();
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
    for (edge, input) in crate::web::controls::view_inputs(vf).ok()? {
        let Some(x) = number(&input.value()) else {
            let text = input.value();
            return Some(Msg::Unreadable(Field::View { edge, text }));
        };
        edge.set(&mut v, x);
    }
    Some(Msg::SetViewFields(v))
}
