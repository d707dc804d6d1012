//! A card's learning-rate schedule: the picker (constant η or one of torch's
//! twelve schedulers, with its class as a hint), the preset "warm-up +
//! cosine", the chosen kind's arguments (numbers and step lists as text
//! fields, choices as pickers, switches), a `sequential` schedule's phases,
//! the inline error of a refused value, and the η(t) chart synced to the
//! scrubber. The block is added to each card by [`sync`] (so the card
//! builder stays the cards'), rebuilt only when its shape changes (kind or
//! phases), so a field being typed in keeps its focus. Every control sends
//! a [`Msg::EditSchedule`]; the core reads and checks the values.

use super::dom::{add, closest, el, on};
use super::draw::lr_chart::{chart_height, draw_lr};
use super::draw::Style;
use super::{dispatch, App};
use crate::app::{Msg, SchedEdit, SchedError};
use crate::format::fmt_num;
use crate::optim::OptSpec;
use crate::run::Trajectory;
use crate::scene::schedule_edit::{starter, ArgValue, PHASE_KINDS};
use crate::scene::{schedule_keys, schedule_value};
use gradscape_core::schedule::chart::{cursor_step, RateChart};
use gradscape_core::schedule::{
    Anneal, CyclicMode, PlateauMode, Schedule, ThresholdMode, KINDS, MAX_PHASES,
};
use gradscape_text::schedule::{arg_name, eta_at, kind_name, momentum_symbol};
use gradscape_text::{tr, trf, Lang};
use serde_json::{Map, Value};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlCanvasElement, HtmlInputElement, HtmlSelectElement};

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

/// torch's class for a kind's name ("CosineAnnealingLR").
fn torch_class(kind: &str) -> &'static str {
    starter(kind, 0.1, 20, false)
        .map(|s| s.torch_class())
        .unwrap_or("")
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

/// The shape of a schedule: its kind and its phases' kinds. The block is
/// rebuilt when this changes, refreshed in place otherwise.
fn signature(s: Option<&Schedule>) -> String {
    match s {
        None => String::new(),
        Some(Schedule::Sequential(q)) => {
            // The phases' legends say where each starts: the milestones too.
            let kinds: Vec<&str> = q.schedulers().iter().map(|b| b.kind()).collect();
            format!(
                "sequential/{}/{:?}",
                kinds.join(","),
                q.milestones().as_slice()
            )
        }
        Some(s) => s.kind().to_string(),
    }
}

/// A JSON argument as its field shows it.
fn shown(v: Option<&Value>) -> String {
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
            for o in opts {
                add(&sel, &el(doc, "option", &[("value", o)], Some(o))?)?;
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
fn block(doc: &Document, i: usize, spec: &OptSpec, lang: Lang) -> Result<Element, JsValue> {
    let s = spec.schedule.as_ref();
    let root = el(
        doc,
        "div",
        &[("class", "sched"), ("data-sig", &signature(s))],
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
    head.append_child(&lab)?;
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
            Some(tr(lang, "schedule.none")),
        )?,
    )?;
    for &k in KINDS {
        let text = format!("{} — {}", kind_name(k, lang), torch_class(k));
        add(&sel, &el(doc, "option", &[("value", k)], Some(&text))?)?;
    }
    if let Some(sel) = sel.dyn_ref::<HtmlSelectElement>() {
        sel.set_value(s.map(|s| s.kind()).unwrap_or(""));
    }
    head.append_child(&sel)?;
    add(
        &head,
        &el(
            doc,
            "button",
            &[
                ("type", "button"),
                ("class", "sched-preset"),
                ("data-sched", "preset"),
                ("title", tr(lang, "schedule.preset.title")),
            ],
            Some(tr(lang, "schedule.preset")),
        )?,
    )?;
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
            add(
                &set,
                &el(
                    doc,
                    "legend",
                    &[],
                    Some(&trf(lang, "schedule.phase", &[&n, &from])),
                )?,
            )?;
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
                let text = format!("{} — {}", kind_name(k, lang), torch_class(k));
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

/// The refused value's message: the argument's name, torch's name, what is
/// allowed and what was given, and that the schedule in effect stays.
pub fn error_text(e: &SchedError, lang: Lang) -> String {
    let problem = gradscape_text::errors::scene_problem(&e.error, lang);
    let text = match e.arg() {
        Some((phase, arg)) => {
            let t = trf(
                lang,
                "schedule.arg-error",
                &[&arg_name(arg, lang), arg, &problem],
            );
            match phase {
                Some(p) => trf(lang, "schedule.in-phase", &[&(p + 1).to_string(), &t]),
                None => t,
            }
        }
        None => problem,
    };
    trf(lang, "schedule.kept", &[&text])
}

/// The control an error is about, within a card's block.
fn control_of(blk: &Element, e: &SchedError) -> Option<Element> {
    let (phase, arg) = e.arg()?;
    let sel = match phase {
        Some(p) => format!("[data-sched=arg][data-arg=\"{arg}\"][data-phase=\"{p}\"]"),
        None => format!("[data-sched=arg][data-arg=\"{arg}\"]:not([data-phase])"),
    };
    blk.query_selector(&sel).ok()?
}

/// Every card's schedule block up to date: added or rebuilt when its shape
/// changed, its fields set to the schedule in effect (but the one being
/// typed in), the refused value marked with its message.
pub fn sync(app: &App) -> Result<(), JsValue> {
    let focused = app.doc.active_element();
    for (i, spec) in app.scene.optimizers.iter().enumerate() {
        let Some(sec) = app
            .doc
            .query_selector(&format!("#optimizers section.opt-card[data-index=\"{i}\"]"))?
        else {
            continue;
        };
        let sig = signature(spec.schedule.as_ref());
        let old = sec.query_selector(":scope > .sched")?;
        let blk = match old {
            Some(b) if b.get_attribute("data-sig").as_deref() == Some(sig.as_str()) => {
                refresh(&b, spec, focused.as_ref())?;
                b
            }
            old => {
                let fresh = block(&app.doc, i, spec, app.lang)?;
                match old {
                    Some(b) => {
                        sec.replace_child(&fresh, &b)?;
                    }
                    None => {
                        sec.append_child(&fresh)?;
                    }
                }
                fresh
            }
        };
        mark_error(
            &blk,
            i,
            app.sched_errors.iter().find(|e| e.i == i),
            app.lang,
        )?;
    }
    Ok(())
}

/// Put the schedule's values back into a block of the same shape.
fn refresh(blk: &Element, spec: &OptSpec, focused: Option<&Element>) -> Result<(), JsValue> {
    let Some(s) = &spec.schedule else {
        return Ok(());
    };
    let v = schedule_value(s);
    let list = blk.query_selector_all("[data-sched=arg]")?;
    for n in 0..list.length() {
        let Some(e) = list.item(n).and_then(|n| n.dyn_into::<Element>().ok()) else {
            continue;
        };
        if focused == Some(&e) {
            continue;
        }
        let arg = e.get_attribute("data-arg").unwrap_or_default();
        let obj = match e
            .get_attribute("data-phase")
            .and_then(|p| p.parse::<usize>().ok())
        {
            Some(p) => &v["schedulers"][p],
            None => &v,
        };
        let value = obj.get(&arg);
        if let Some(input) = e.dyn_ref::<HtmlInputElement>() {
            if input.type_() == "checkbox" {
                input.set_checked(value.and_then(Value::as_bool).unwrap_or(false));
            } else {
                input.set_value(&shown(value));
            }
        } else if let Some(sel) = e.dyn_ref::<HtmlSelectElement>() {
            sel.set_value(&shown(value));
        }
    }
    Ok(())
}

/// Mark the refused control (red, `aria-invalid`, described by the
/// message) and show the message; or clear both.
fn mark_error(blk: &Element, i: usize, e: Option<&SchedError>, lang: Lang) -> Result<(), JsValue> {
    let id = format!("sched-error-{i}");
    let marked = blk.query_selector_all("[aria-invalid=\"true\"]")?;
    for n in 0..marked.length() {
        if let Some(m) = marked.item(n).and_then(|n| n.dyn_into::<Element>().ok()) {
            m.remove_attribute("aria-invalid")?;
            m.remove_attribute("aria-describedby")?;
        }
    }
    let Some(msg) = blk.query_selector(".sched-error")? else {
        return Ok(());
    };
    match e {
        Some(e) => {
            msg.set_text_content(Some(&error_text(e, lang)));
            msg.remove_attribute("hidden")?;
            if let Some(c) = control_of(blk, e) {
                c.set_attribute("aria-invalid", "true")?;
                c.set_attribute("aria-describedby", &id)?;
            }
        }
        None => {
            msg.set_text_content(None);
            msg.set_attribute("hidden", "")?;
        }
    }
    Ok(())
}

/// The step run `r`'s chart marks at cursor `t`, and its η there.
pub fn eta_now(r: &Trajectory, t: usize) -> Option<(usize, f64)> {
    cursor_step(t, r.lr.len()).map(|s| (s, r.lr[s - 1]))
}

/// The chart of card `i` as the page draws it (`cols`: its width in
/// columns of two CSS pixels).
fn chart_of(app: &App, i: usize, cols: usize) -> Option<RateChart> {
    let r = app.runs.get(i)?;
    r.spec.schedule?;
    Some(RateChart::new(
        &r.lr,
        &r.momentum,
        app.scene.steps,
        app.t,
        cols,
    ))
}

/// Each chart's canvas and the columns it is drawn at.
fn canvases(app: &App) -> Vec<(usize, HtmlCanvasElement, usize)> {
    let Ok(list) = app.doc.query_selector_all("#optimizers canvas.lr-chart") else {
        return vec![];
    };
    (0..list.length())
        .filter_map(|n| list.item(n)?.dyn_into::<HtmlCanvasElement>().ok())
        .filter_map(|c| {
            let i = c.get_attribute("data-index")?.parse().ok()?;
            let cols = ((c.client_width() as f64).max(120.0) / 2.0) as usize;
            Some((i, c, cols))
        })
        .collect()
}

/// Draw every card's η(t) chart at the cursor, and say it in words (its
/// `aria-label`) and as data (`data-step`, `data-eta`).
pub fn draw_charts(app: &App) -> Result<(), JsValue> {
    let style = Style::of(app.present, 400.0);
    let dpr = app.window.device_pixel_ratio().clamp(0.5, 4.0);
    let dark = super::dom::dark(&app.window);
    let axis = tr(app.lang, "schedule.chart.axis");
    for (i, canvas, cols) in canvases(app) {
        let (Some(c), Some(r)) = (chart_of(app, i, cols), app.runs.get(i)) else {
            continue;
        };
        canvas
            .style()
            .set_property("height", &format!("{}px", chart_height(&style)))?;
        let sym = momentum_symbol(r.spec.kind).filter(|_| !r.momentum.is_empty());
        draw_lr(&canvas, dpr, &c, i, sym, axis, dark, &style)?;
        let title = gradscape_text::optim::opt_label(&r.spec, app.lang);
        let mut label = match c.cursor {
            Some((s, eta, _)) => trf(
                app.lang,
                "schedule.chart.label",
                &[
                    &title,
                    &eta_at(s, eta),
                    &s.to_string(),
                    &app.scene.steps.to_string(),
                    &fmt_num(c.lo),
                    &fmt_num(c.hi),
                ],
            ),
            None => title,
        };
        if let (Some(sym), Some((_, _, Some(m)))) = (sym, c.cursor) {
            label += &trf(
                app.lang,
                "schedule.chart.momentum",
                &[sym, &format!("{sym} = {}", fmt_num(m))],
            );
        }
        canvas.set_attribute("aria-label", &label)?;
        match c.cursor {
            Some((s, eta, _)) => {
                canvas.set_attribute("data-step", &s.to_string())?;
                canvas.set_attribute("data-eta", &format!("{eta:e}"))?;
            }
            None => {
                canvas.remove_attribute("data-step")?;
                canvas.remove_attribute("data-eta")?;
            }
        }
    }
    Ok(())
}

/// "η₁₂ = 0.15" beside each scheduled run in the legend, at the cursor.
pub fn sync_legend(app: &App) -> Result<(), JsValue> {
    for (i, r) in app.runs.iter().enumerate() {
        let Some(li) = app
            .doc
            .query_selector(&format!("#legend li[data-index=\"{i}\"]"))?
        else {
            continue;
        };
        let old = li.query_selector(".run-eta")?;
        let now = r.spec.schedule.and_then(|_| eta_now(r, app.t));
        match (now, old) {
            (Some((s, eta)), old) => {
                let span = match old {
                    Some(o) => o,
                    None => {
                        let span = el(&app.doc, "span", &[("class", "run-eta")], None)?;
                        let at = li.query_selector(".run-status")?;
                        let lab = li.query_selector("label")?.unwrap_or_else(|| li.clone());
                        lab.insert_before(&span, at.as_ref().map(|e| e.as_ref()))?;
                        span
                    }
                };
                span.set_text_content(Some(&eta_at(s, eta)));
            }
            (None, Some(o)) => o.remove(),
            (None, None) => {}
        }
    }
    Ok(())
}

/// The charts' data for `page_state`: per scheduled run, the points drawn,
/// the cycled momentum, the cursor's step and η.
pub fn charts_value(app: &App) -> Value {
    let widths: Vec<(usize, usize)> = canvases(app).into_iter().map(|(i, _, c)| (i, c)).collect();
    let list = widths
        .into_iter()
        .filter_map(|(i, cols)| {
            let c = chart_of(app, i, cols)?;
            let pts = |v: &[(usize, f64)]| {
                Value::from(
                    v.iter()
                        .map(|&(s, x)| serde_json::json!([s, x]))
                        .collect::<Vec<_>>(),
                )
            };
            Some(serde_json::json!({
                "index": i,
                "lr": pts(&c.lr),
                "momentum": pts(&c.momentum),
                "cursor": c.cursor.map(|(s, _, _)| s),
                "eta": c.cursor.map(|(_, e, _)| e),
                "momentum_now": c.cursor.and_then(|(_, _, m)| m),
            }))
        })
        .collect();
    Value::Array(list)
}

/// The field a control is about: its phase and argument (a name of the
/// kind's keys, as the core spells it).
fn arg_of(e: &Element, spec: &OptSpec) -> Option<(Option<usize>, &'static str)> {
    let phase = e.get_attribute("data-phase").and_then(|p| p.parse().ok());
    let name = e.get_attribute("data-arg")?;
    let s = spec.schedule?;
    let v = schedule_value(&s);
    let kind = match phase {
        Some(p) => v["schedulers"][p]["kind"].as_str()?.to_string(),
        None => s.kind().to_string(),
    };
    let arg = schedule_keys(&kind).iter().copied().find(|k| *k == name)?;
    Some((phase, arg))
}

/// The message a schedule control's change means.
fn edit_of(e: &Element, spec: &OptSpec) -> Option<SchedEdit> {
    let phase = || {
        e.get_attribute("data-phase")
            .and_then(|p| p.parse::<usize>().ok())
    };
    let value = || -> Option<String> {
        if let Some(s) = e.dyn_ref::<HtmlSelectElement>() {
            return Some(s.value());
        }
        e.dyn_ref::<HtmlInputElement>().map(|i| i.value())
    };
    Some(match e.get_attribute("data-sched")?.as_str() {
        "kind" => {
            let v = value()?;
            SchedEdit::Kind(KINDS.iter().copied().find(|k| *k == v))
        }
        "phase-kind" => {
            let v = value()?;
            let kind = PHASE_KINDS.iter().copied().find(|k| *k == v)?;
            SchedEdit::PhaseKind {
                phase: phase()?,
                kind,
            }
        }
        "arg" => {
            let (phase, arg) = arg_of(e, spec)?;
            let v = match e.dyn_ref::<HtmlInputElement>() {
                Some(i) if i.type_() == "checkbox" => ArgValue::Flag(i.checked()),
                _ => ArgValue::Text(value()?),
            };
            SchedEdit::Arg { phase, arg, v }
        }
        _ => return None,
    })
}

fn card_of(e: &Element) -> Option<usize> {
    e.closest("section.opt-card")
        .ok()??
        .get_attribute("data-index")?
        .parse()
        .ok()
}

/// The spec of card `i` now (read when a control changes).
fn spec_of(i: usize) -> Option<OptSpec> {
    super::APP.with(|a| {
        a.try_borrow()
            .ok()?
            .as_ref()
            .and_then(|app| app.scene.optimizers.get(i).copied())
    })
}

/// The schedule controls' listeners, delegated on the optimizer list.
pub fn wire(doc: &Document) -> Result<(), JsValue> {
    let cards: Element = super::dom::by_id(doc, "optimizers")?;
    on(&cards, "change", |ev: web_sys::Event| {
        let Some(e) = closest(ev.target(), "[data-sched]") else {
            return;
        };
        let Some(i) = card_of(&e) else { return };
        let Some(spec) = spec_of(i) else { return };
        if let Some(edit) = edit_of(&e, &spec) {
            dispatch(Msg::EditSchedule { i, edit });
        }
    })?;
    on(&cards, "click", |ev: web_sys::MouseEvent| {
        let Some(b) = closest(ev.target(), "button[data-sched]") else {
            return;
        };
        let Some(i) = card_of(&b) else { return };
        let phase = b.get_attribute("data-phase").and_then(|p| p.parse().ok());
        let edit = match (b.get_attribute("data-sched").as_deref(), phase) {
            (Some("preset"), _) => SchedEdit::WarmupCosine,
            (Some("add-phase"), _) => SchedEdit::AddPhase,
            (Some("remove-phase"), Some(p)) => SchedEdit::RemovePhase(p),
            _ => return,
        };
        dispatch(Msg::EditSchedule { i, edit });
    })?;
    // Escape on a refused field puts the schedule in effect back (the
    // message stays when the field is left, so it can be read).
    on(&cards, "keydown", |ev: web_sys::KeyboardEvent| {
        if ev.key() != "Escape" {
            return;
        }
        let Some(e) = closest(ev.target(), "[data-sched=arg][aria-invalid=\"true\"]") else {
            return;
        };
        if let Some(i) = card_of(&e) {
            dispatch(Msg::EditSchedule {
                i,
                edit: SchedEdit::Revert,
            });
        }
    })
}
