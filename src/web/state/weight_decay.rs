//! The panel's Adam+L2 vs AdamW section: the isolines' λ, Adam+L2's
//! per-coordinate decay rate η·λ/(√v̂+ε) against AdamW's η·λ, in sentences
//! whose numbers come from [`crate::inspect`].

use super::super::dom::{add, el};
use super::mathml::full;
use crate::format::readout;
use crate::inspect::Inspection;
use crate::landscape::Landscape;
use crate::optim::OptKind;
use crate::theory::l2_only_rescales;
use gradscape_text::inspect::coord;
use gradscape_text::{gap, tr, trf, Lang};
use wasm_bindgen::prelude::*;
use web_sys::{Document, Element};

/// The section, when an Adam+L2 or AdamW run has a step k.
pub fn l2_section(
    doc: &Document,
    lang: Lang,
    insps: &[(usize, Option<Inspection>)],
    l2_lambda: Option<f64>,
    landscape: &Landscape,
    sigma: f64,
) -> Result<Option<Element>, JsValue> {
    let find = |kind| {
        insps
            .iter()
            .find_map(|(_, x)| x.as_ref().filter(|x| x.spec.kind == kind))
    };
    let (l2, w) = (find(OptKind::AdamL2), find(OptKind::Adamw));
    if l2.is_none() && w.is_none() {
        return Ok(None);
    }
    let sec = el(
        doc,
        "section",
        &[("class", "state-l2"), ("id", "state-l2")],
        None,
    )?;
    add(&sec, &el(doc, "h4", &[], Some(tr(lang, "state.l2.title")))?)?;
    if let Some(lambda) = l2_lambda {
        let text = if lambda == 0.0 {
            tr(lang, "state.l2.iso0").to_string()
        } else {
            trf(lang, "state.l2.iso", &[&readout(lambda)])
        };
        add(&sec, &el(doc, "p", &[("class", "hint")], Some(&text))?)?;
    }
    if let Some(x) = l2 {
        let den = x.adam_denominator();
        let rate = x.decay_rate().unwrap_or([0.0; 2]);
        // With λ = 0 there is nothing to divide: said first and alone (a
        // student read the division's zeros before "no decay").
        let text = if x.spec.hyper.lambda == 0.0 {
            tr(lang, "state.l2.off").to_string()
        } else {
            let text = trf(
                lang,
                "state.l2.aniso",
                &[
                    &readout(den[0]),
                    &readout(den[1]),
                    &readout(rate[0]),
                    &readout(rate[1]),
                ],
            );
            // Which coordinate is regularized less only when one is.
            match x.less_regularized() {
                Some(c) => format!(
                    "{text}{}{}",
                    gap(lang),
                    trf(lang, "state.l2.less", &[coord(c)])
                ),
                None => text,
            }
        };
        let p = el(
            doc,
            "p",
            &[
                ("class", "aniso"),
                ("data-den-x1", &full(den[0])),
                ("data-den-x2", &full(den[1])),
                ("data-rate-x1", &full(rate[0])),
                ("data-rate-x2", &full(rate[1])),
            ],
            Some(&text),
        )?;
        add(&sec, &p)?;
        // Settled (lesson 9 at step 150): the decay's arrow is long and the
        // step is nothing; its gradient part cancels the decay there, at
        // the minimum of f + λ/2·‖x‖², whatever √v̂.
        let decay = [rate[0] * x.x[0], rate[1] * x.x[1]];
        let step = [x.next[0] - x.x[0], x.next[1] - x.x[1]];
        let (d, s) = (decay[0].hypot(decay[1]), step[0].hypot(step[1]));
        if d > 0.0 && s.is_finite() && s <= 0.05 * d {
            let text = trf(
                lang,
                "state.l2.settled",
                &[&readout(step[0]), &readout(step[1])],
            );
            add(
                &sec,
                &el(doc, "p", &[("class", "hint l2-settled")], Some(&text))?,
            )?;
        }
        // On the centred axis bowl L2 only rescales each coordinate's
        // gradient, which Adam divides out: its steps are Adam's.
        if l2_only_rescales(landscape, x.spec.hyper.lambda, sigma) {
            let text = tr(lang, "state.l2.rescale");
            add(
                &sec,
                &el(doc, "p", &[("class", "hint l2-rescale")], Some(text))?,
            )?;
        }
    }
    if let Some(x) = w {
        let rate = x.decay_rate().unwrap_or([0.0; 2]);
        let text = trf(lang, "state.l2.iso_w", &[&readout(rate[0])]);
        add(
            &sec,
            &el(
                doc,
                "p",
                &[("class", "iso"), ("data-rate", &full(rate[0]))],
                Some(&text),
            )?,
        )?;
    }
    Ok(Some(sec))
}
