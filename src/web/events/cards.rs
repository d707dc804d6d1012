//! The optimizer cards (delegated), the legend and the add button.

use super::{card_index, in_lesson, input_of, number};
use crate::app::{Arrow, Field, FieldId, Msg};
use crate::optim::{HyperKey, Key, OptKind};
use crate::web::dispatch;
use crate::web::dom::{by_id, closest, on};
use crate::web::gestures::erased;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{
    Document, Element, HtmlButtonElement, HtmlInputElement, HtmlSelectElement, KeyboardEvent,
};

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
        let v = crate::web::card_keys::nudge_int(any, number(&field.value())?, up);
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
pub(super) fn wire(doc: &Document) -> Result<(), JsValue> {
    let cards: Element = by_id(doc, "optimizers")?;
    crate::web::card_sync::wire(&cards)?;
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
            if !crate::web::slider::held(&input) {
                if let Some(msg) = crate::web::slider::slid(&input, i, key) {
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
        crate::web::with_app(move |app| {
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
        let v = crate::web::card_keys::read_key(&sec, key, &target);
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
                crate::web::dom::bring_into_view(&card);
            }
        }
    })
}
