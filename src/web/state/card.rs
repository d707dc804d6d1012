//! One run's card in the state panel: its table (every quantity with its
//! rule and its value per coordinate) and the update with its numbers.

use super::super::dom::{add, el};
use super::super::panel::swatch;
use super::mathml::{full, math};
use crate::format::readout;
use crate::inspect::{Expr, Inspection, Quantity};
use crate::optim::OptKind;
use crate::Vec2;
use gradscape_text::inspect::{coord, row_name_corrected};
use gradscape_text::{tr, trf, Lang};
use wasm_bindgen::prelude::*;
use web_sys::{Document, Element};

/// A row's `data-key` (the e2e tests' handle).
pub fn dom_key(q: Quantity) -> &'static str {
    match q {
        Quantity::Grad => "g",
        Quantity::GradL2 => "g_l2",
        Quantity::Velocity => "v",
        Quantity::Buffer => "b",
        Quantity::SumSq | Quantity::EmaSq => "s",
        Quantity::M => "m",
        Quantity::V => "v2",
        Quantity::VMax => "v_max",
        Quantity::MHat => "m_hat",
        Quantity::VHat => "v_hat",
        Quantity::Mu => "mu",
        Quantity::MuNext => "mu_next",
        Quantity::Rate => "rate",
        Quantity::GPrime => "g_prime",
        Quantity::DeltaAcc => "dx_acc",
        Quantity::ExpInf => "u",
        Quantity::Rho => "rho",
        Quantity::Rect => "rect",
        Quantity::StepSize => "step_size",
        Quantity::Interp => "c",
        Quantity::GradAvg => "g_bar",
        Quantity::RmsBuffer => "rms_b",
        Quantity::HessRow1 => "hess1",
        Quantity::HessRow2 => "hess2",
        Quantity::NewtonDir => "newton_dir",
        Quantity::Direction => "d",
        Quantity::HDiag => "h_diag",
        Quantity::StepLength => "t",
        Quantity::Evals => "evals",
        Quantity::Decay => "decay",
        Quantity::Gd => "gd",
        Quantity::Step => "step",
    }
}

/// A `<tr data-key data-x1 data-x2>` with the row head `head` and the two
/// values.
pub fn value_row(
    doc: &Document,
    key: &str,
    head: &Element,
    value: Vec2,
) -> Result<Element, JsValue> {
    let tr_ = el(
        doc,
        "tr",
        &[
            ("data-key", key),
            ("data-x1", &full(value[0])),
            ("data-x2", &full(value[1])),
        ],
        None,
    )?;
    add(&tr_, head)?;
    for v in value {
        add(
            &tr_,
            &el(doc, "td", &[("class", "num")], Some(&readout(v)))?,
        )?;
    }
    Ok(tr_)
}

/// The header row: `first`, x₁, x₂.
pub fn head_row(doc: &Document, first: &str) -> Result<Element, JsValue> {
    let head = el(doc, "tr", &[], None)?;
    add(&head, &el(doc, "th", &[("scope", "col")], Some(first))?)?;
    for c in 0..2 {
        // Over its numbers, which stand right (it sat 180 px left of them).
        add(
            &head,
            &el(
                doc,
                "th",
                &[("scope", "col"), ("class", "num-head")],
                Some(coord(c)),
            )?,
        )?;
    }
    Ok(head)
}

fn table_row(
    doc: &Document,
    name: &str,
    key: &str,
    rule: &Expr,
    value: Vec2,
) -> Result<Element, JsValue> {
    let th = el(doc, "th", &[("scope", "row")], None)?;
    add(&th, &el(doc, "span", &[("class", "row-name")], Some(name))?)?;
    let m = el(doc, "span", &[("class", "rule")], None)?;
    add(&m, &math(doc, rule)?)?;
    add(&th, &m)?;
    value_row(doc, key, &th, value)
}

/// The card of run `index`: its table, or why there is no step k.
pub fn inspection_card(
    doc: &Document,
    lang: Lang,
    index: usize,
    label: &str,
    insp: Result<&Inspection, Option<usize>>,
) -> Result<Element, JsValue> {
    let sec = el(
        doc,
        "section",
        &[("class", "insp"), ("data-index", &index.to_string())],
        None,
    )?;
    let head = el(doc, "h4", &[], None)?;
    add(&head, &swatch(doc, index)?)?;
    head.append_child(&doc.create_text_node(label))?;
    add(&sec, &head)?;
    let insp = match insp {
        Ok(insp) => insp,
        Err(stop) => {
            let text = match stop {
                Some(0) | None => tr(lang, "state.nostart").to_string(),
                Some(s) => trf(lang, "state.stopped", &[&s.to_string(), &s.to_string()]),
            };
            add(&sec, &el(doc, "p", &[("class", "hint")], Some(&text))?)?;
            return Ok(sec);
        }
    };
    sec.set_attribute("data-kind", insp.spec.kind.name())?;
    sec.set_attribute("data-k", &insp.k.to_string())?;
    for (name, v) in [("x", insp.x), ("next", insp.next)] {
        sec.set_attribute(
            &format!("data-{name}"),
            &format!("{},{}", full(v[0]), full(v[1])),
        )?;
    }
    let table = el(doc, "table", &[("class", "insp-table")], None)?;
    add(&table, &head_row(doc, tr(lang, "state.col.what"))?)?;
    // Only Adam and its two decays have the switch (RAdam always corrects).
    let corrected = insp.spec.hyper.bias_correction
        || !matches!(
            insp.spec.kind,
            OptKind::Adam | OptKind::AdamL2 | OptKind::Adamw
        );
    for r in insp.rows() {
        let name = row_name_corrected(lang, r.key, corrected);
        add(
            &table,
            &table_row(doc, name, dom_key(r.key), &r.rule, r.value)?,
        )?;
    }
    let wrap = el(doc, "div", &[("class", "insp-scroll")], None)?;
    add(&wrap, &table)?;
    add(&sec, &wrap)?;
    // The update with its numbers, as three inline formulas so a narrow
    // screen breaks the line between them.
    let p = el(doc, "p", &[("class", "insp-subst")], None)?;
    for (j, part) in insp.substitution().iter().enumerate() {
        if j > 0 {
            p.append_child(&doc.create_text_node(" "))?;
        }
        add(&p, &math(doc, part)?)?;
    }
    add(&sec, &p)?;
    Ok(sec)
}
