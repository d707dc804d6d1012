//! A card's schedule block built from its schedule: the picker (constant
//! η, the preset, the twelve kinds), the arguments' controls, a
//! `sequential` schedule's phases, the error line and the chart's canvas.

use super::super::dom::{add, el};
use super::picker::{option_text, picked, torch_class, PRESET};
use crate::format::fmt_num;
use crate::optim::OptSpec;
use crate::scene::schedule_edit::PHASE_KINDS;
use crate::scene::{schedule_keys, schedule_value};
use gradscape_core::schedule::{
    Anneal, CyclicMode, PlateauMode, Schedule, ThresholdMode, KINDS, MAX_PHASES,
};
use gradscape_text::schedule::{arg_name, kind_name};
use gradscape_text::{tr, trf, Lang};
use serde_json::{Map, Value};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlInputElement, HtmlSelectElement};

/// The arguments shown as switches.
const FLAGS: &[&str] = &["cycle_momentum", "three_phase"];

/// The options of a choice argument of `kind` (torch's names); None for
/// an argument that is not a choice.
fn options(kind: &str, arg: &str) -> Option<Vec<&'static str>> {
    Some(match (kind, arg) {
        ("cyclic", "mode") => CyclicMode::ALL.iter().map(|m| m.name()).collect(),
        ("plateau", "mode") => PlateauMode::ALL.iter().map(|m| m.name()).collect(),
        (_, "anneal_strategy") => Anneal::ALL.iter().map(|m| m.name()).collect(),
        (_, "threshold_mode") => ThresholdMode::ALL.iter().map(|m| m.name()).collect(),
        _ => return None,
    })
}

/// What an empty field of an optional argument stands for.
fn follows(arg: &str, phase: bool, lang: Lang) -> Option<String> {
    let what = match arg {
        "T_max" if phase => "schedule.default.rest",
        "T_max" | "total_steps" => "schedule.default.steps",
        "base_lr" | "max_lr" => "schedule.default.lr",
        "step_size_down" => "schedule.default.up",
        _ => return None,
    };
    Some(trf(lang, "schedule.follows", &[tr(lang, what)]))
}

/// A JSON argument as its field shows it.
pub(super) fn shown(v: Option<&Value>) -> String {
    match v {
        Some(Value::Number(n)) => n.as_f64().map(fmt_num).unwrap_or_default(),
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(Value::as_u64)
            .map(|n| n.to_string())
            .collect::<Vec<_>>()
            .join(", "),
        Some(Value::String(s)) => s.clone(),
        _ => String::new(),
    }
}

/// A text's width in Latin letters: a Chinese character is about two.
fn width_in_letters(t: &str) -> usize {
    t.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum()
}

/// The controls of the arguments of `obj` (a schedule or a phase, of
/// `kind`), into `parent`.
fn arg_rows(
    doc: &Document,
    parent: &Element,
    kind: &str,
    obj: &Map<String, Value>,
    phase: Option<usize>,
    lang: Lang,
) -> Result<(), JsValue> {
    for &arg in schedule_keys(kind) {
        if matches!(arg, "kind" | "schedulers") {
            continue;
        }
        let name = arg_name(arg, lang);
        let row = el(doc, "label", &[("class", "sched-arg")], None)?;
        let words = el(
            doc,
            "span",
            &[("class", "sched-arg-name"), ("title", arg)],
            Some(&name),
        )?;
        row.append_child(&words)?;
        let phase_attr = phase.map(|p| p.to_string());
        let mut attrs: Vec<(&str, &str)> = vec![("data-sched", "arg"), ("data-arg", arg)];
        if let Some(p) = &phase_attr {
            attrs.push(("data-phase", p));
        }
        let value = obj.get(arg);
        let control = if FLAGS.contains(&arg) {
            attrs.push(("type", "checkbox"));
            let cb = el(doc, "input", &attrs, None)?.dyn_into::<HtmlInputElement>()?;
            cb.set_checked(value.and_then(Value::as_bool).unwrap_or(false));
            row.set_attribute("class", "sched-arg sched-flag")?;
            row.insert_before(&cb, Some(&words))?;
            continue_row(parent, &row)?;
            continue;
        } else if let Some(opts) = options(kind, arg) {
            let sel = el(doc, "select", &attrs, None)?;
            let mut widest = 0;
            for o in opts {
                // torch's own word, said in the page's language beside it.
                let text = gradscape_text::schedule::option_name(o, lang);
                widest = widest.max(width_in_letters(&text));
                add(&sel, &el(doc, "option", &[("value", o)], Some(&text))?)?;
            }
            // Options as long as plateau's mode ("the loss should fall
            // (min)" / "… should rise …") were cut to "the loss should fa…"
            // in half a card, the very word that tells them apart: the
            // row is the card's width.
            if widest > 22 {
                row.class_list().add_1("sched-wide")?;
            }
            if let Some(s) = sel.dyn_ref::<HtmlSelectElement>() {
                s.set_value(&shown(value));
            }
            sel
        } else {
            let mode = if arg == "milestones" {
                "text"
            } else {
                "decimal"
            };
            attrs.extend([
                ("type", "text"),
                ("inputmode", mode),
                ("spellcheck", "false"),
            ]);
            let hint = follows(arg, phase.is_some(), lang);
            if let Some(h) = &hint {
                attrs.push(("placeholder", h));
            }
            let input = el(doc, "input", &attrs, None)?.dyn_into::<HtmlInputElement>()?;
            input.set_value(&shown(value));
            input.into()
        };
        row.append_child(&control)?;
        continue_row(parent, &row)?;
    }
    Ok(())
}

fn continue_row(parent: &Element, row: &Element) -> Result<(), JsValue> {
    parent.append_child(row).map(|_| ())
}

/// The schedule block of card `i`.
pub(super) fn block(
    doc: &Document,
    i: usize,
    spec: &OptSpec,
    lang: Lang,
) -> Result<Element, JsValue> {
    let s = spec.schedule.as_ref();
    let root = el(
        doc,
        "div",
        &[("class", "sched"), ("data-sig", &super::signature(s))],
        None,
    )?;
    let head = el(doc, "div", &[("class", "sched-head")], None)?;
    let picker_id = format!("sched-kind-{i}");
    let lab = el(
        doc,
        "label",
        &[("class", "sched-label"), ("for", &picker_id)],
        Some(tr(lang, "schedule.picker")),
    )?;
    // The picked schedule's torch class, on the label's line (see
    // `name_picked`, which writes it).
    let title = el(doc, "div", &[("class", "sched-title")], None)?;
    title.append_child(&lab)?;
    add(&title, &el(doc, "code", &[("class", "sched-class")], None)?)?;
    head.append_child(&title)?;
    let sel = el(
        doc,
        "select",
        &[
            ("id", &picker_id),
            ("data-sched", "kind"),
            ("title", tr(lang, "schedule.picker.hint")),
        ],
        None,
    )?;
    add(
        &sel,
        &el(
            doc,
            "option",
            &[("value", "")],
            Some(&option_text("", lang)),
        )?,
    )?;
    // The preset right after none: the schedule people train with, one pick.
    let attrs = [
        ("value", PRESET),
        ("title", tr(lang, "schedule.preset.title")),
    ];
    add(
        &sel,
        &el(doc, "option", &attrs, Some(&option_text(PRESET, lang)))?,
    )?;
    for &k in KINDS {
        let text = option_text(k, lang);
        add(&sel, &el(doc, "option", &[("value", k)], Some(&text))?)?;
    }
    if let Some(sel) = sel.dyn_ref::<HtmlSelectElement>() {
        sel.set_value(picked(s, lang).value);
    }
    head.append_child(&sel)?;
    root.append_child(&head)?;
    let Some(s) = s else {
        return Ok(root);
    };
    let v = schedule_value(s);
    let Some(obj) = v.as_object() else {
        return Ok(root);
    };
    let args = el(doc, "div", &[("class", "sched-args")], None)?;
    if let Schedule::Sequential(q) = s {
        let ms = q.milestones();
        // Phase p's first step: torch switches after `milestone` steps, so
        // the step after it is the new phase's first.
        let starts: Vec<u32> = std::iter::once(1)
            .chain(ms.as_slice().iter().map(|m| m + 1))
            .collect();
        let phases = obj.get("schedulers").and_then(Value::as_array);
        for (p, phase) in phases.into_iter().flatten().enumerate() {
            let Some(pobj) = phase.as_object() else {
                continue;
            };
            let pkind = pobj.get("kind").and_then(Value::as_str).unwrap_or("");
            let n = (p + 1).to_string();
            let set = el(
                doc,
                "fieldset",
                &[("class", "sched-phase"), ("data-phase", &n)],
                None,
            )?;
            let from = starts.get(p).copied().unwrap_or(1).to_string();
            // The phase's class beside its legend, its picker naming the
            // kind alone (as the schedule's own picker, `name_picked`); a
            // space between them for a screen reader's name of the group.
            let heading = format!("{} ", trf(lang, "schedule.phase", &[&n, &from]));
            let legend = el(doc, "legend", &[], Some(&heading))?;
            add(
                &legend,
                &el(
                    doc,
                    "code",
                    &[("class", "sched-class")],
                    Some(torch_class(pkind)),
                )?,
            )?;
            add(&set, &legend)?;
            let p_attr = p.to_string();
            let psel = el(
                doc,
                "select",
                &[
                    ("data-sched", "phase-kind"),
                    ("data-phase", &p_attr),
                    ("aria-label", &trf(lang, "schedule.phase.kind", &[&n])),
                ],
                None,
            )?;
            for &k in PHASE_KINDS {
                let text = if k == pkind {
                    kind_name(k, lang)
                } else {
                    option_text(k, lang)
                };
                add(&psel, &el(doc, "option", &[("value", k)], Some(&text))?)?;
            }
            if let Some(ps) = psel.dyn_ref::<HtmlSelectElement>() {
                ps.set_value(pkind);
            }
            let line = el(doc, "div", &[("class", "sched-phase-head")], None)?;
            line.append_child(&psel)?;
            if q.schedulers().len() > 1 {
                let words = trf(lang, "schedule.remove-phase", &[&n]);
                add(
                    &line,
                    &el(
                        doc,
                        "button",
                        &[
                            ("type", "button"),
                            ("data-sched", "remove-phase"),
                            ("data-phase", &p_attr),
                            ("aria-label", &words),
                            ("title", &words),
                        ],
                        Some("✕"),
                    )?,
                )?;
            }
            set.append_child(&line)?;
            arg_rows(doc, &set, pkind, pobj, Some(p), lang)?;
            args.append_child(&set)?;
        }
        if q.schedulers().len() < MAX_PHASES {
            add(
                &args,
                &el(
                    doc,
                    "button",
                    &[
                        ("type", "button"),
                        ("class", "sched-add"),
                        ("data-sched", "add-phase"),
                        (
                            "title",
                            &trf(lang, "schedule.add-phase.title", &[&MAX_PHASES.to_string()]),
                        ),
                    ],
                    Some(tr(lang, "schedule.add-phase")),
                )?,
            )?;
        }
    }
    arg_rows(doc, &args, s.kind(), obj, None, lang)?;
    root.append_child(&args)?;
    add(
        &root,
        &el(
            doc,
            "p",
            &[
                ("class", "sched-error"),
                ("id", &format!("sched-error-{i}")),
                ("role", "alert"),
                ("hidden", ""),
            ],
            None,
        )?,
    )?;
    add(
        &root,
        &el(
            doc,
            "canvas",
            &[
                ("class", "lr-chart"),
                ("role", "img"),
                ("data-index", &i.to_string()),
            ],
            None,
        )?,
    )?;
    Ok(root)
}
