//! The DOM panels built from the scene: optimizer cards, legend, messages.
//! Text is always set as text, never parsed as HTML.

use super::dom::{add, el, from_template, part};
use crate::format;
use crate::format::fmt_num;
use crate::optim::Key;
use crate::optim::{Convention, OptSpec};
use crate::params::ParamInfo;
use crate::surface::{mark, Marker};
use gradscape_text::diagnose::kind_title;
use gradscape_text::optim::{flag_label, opt_label, param_label, param_name};
use gradscape_text::{tr, trf, Lang};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlInputElement};

mod runs;
pub use runs::{build_legend, build_messages};

/// The swatch of the `i`-th run (legend, cards, messages, figures): a tiny
/// SVG of its mark — a line in its colour and dash with a dot of its shape —
/// so runs 1 and 8, both orange, are told apart. The colour is the span's
/// CSS `color` (through the CSSOM: a `style` attribute is inline style,
/// which the page's Content-Security-Policy refuses); the drawing uses
/// `currentColor`. `data-mark` names the mark for tests.
pub(crate) fn swatch(doc: &Document, i: usize) -> Result<Element, JsValue> {
    let m = mark(i);
    let s = el(doc, "span", &[("class", "swatch mark")], None)?;
    s.unchecked_ref::<web_sys::HtmlElement>()
        .style()
        .set_property("color", m.colour)?;
    let dash = m.dasharray();
    s.set_attribute("data-mark", &m.name())?;
    const NS: Option<&str> = Some("http://www.w3.org/2000/svg");
    let svg = doc.create_element_ns(NS, "svg")?;
    for (k, v) in [
        ("width", "28"),
        ("height", "12"),
        ("viewBox", "0 0 28 12"),
        ("aria-hidden", "true"),
    ] {
        svg.set_attribute(k, v)?;
    }
    let line = doc.create_element_ns(NS, "line")?;
    for (k, v) in [
        ("x1", "1"),
        ("y1", "6"),
        ("x2", "27"),
        ("y2", "6"),
        ("stroke", "currentColor"),
        ("stroke-width", "2"),
    ] {
        line.set_attribute(k, v)?;
    }
    if dash.is_some() {
        // The canvas's pattern, shortened to fit 26 px and show a gap.
        let short: Vec<String> = m.dash.iter().map(|v| format!("{}", v * 0.6)).collect();
        line.set_attribute("stroke-dasharray", &short.join(" "))?;
    }
    svg.append_child(&line)?;
    let dot = match m.marker {
        Marker::Square => {
            let r = doc.create_element_ns(NS, "rect")?;
            for (k, v) in [("x", "10.5"), ("y", "2.5"), ("width", "7"), ("height", "7")] {
                r.set_attribute(k, v)?;
            }
            r
        }
        Marker::Circle => {
            let c = doc.create_element_ns(NS, "circle")?;
            for (k, v) in [("cx", "14"), ("cy", "6"), ("r", "4")] {
                c.set_attribute(k, v)?;
            }
            c
        }
        Marker::Triangle => {
            let p = doc.create_element_ns(NS, "polygon")?;
            p.set_attribute("points", "14,1 19,10 9,10")?;
            p
        }
    };
    dot.set_attribute("fill", "currentColor")?;
    dot.set_attribute("stroke", "#ffffff")?;
    dot.set_attribute("stroke-width", "1")?;
    svg.append_child(&dot)?;
    s.append_child(&svg)?;
    Ok(s)
}

/// Rebuild every optimizer card.
pub fn build_cards(
    doc: &Document,
    root: &Element,
    specs: &[OptSpec],
    conv: Convention,
    lang: Lang,
) -> Result<(), JsValue> {
    // New buttons, their ends marked as built.
    NUDGED.with(|n| n.borrow_mut().clear());
    // A disclosure the user opened stays open through a rebuild.
    let mut open = vec![];
    let list = root.query_selector_all("section.opt-card > details.extras[open]")?;
    for n in 0..list.length() {
        let Some(d) = list.item(n).and_then(|n| n.dyn_into::<Element>().ok()) else {
            continue;
        };
        if let Some(i) = d
            .parent_element()
            .and_then(|p| p.get_attribute("data-index"))
            .and_then(|s| s.parse::<usize>().ok())
        {
            open.push(i);
        }
    }
    root.set_text_content(None);
    for (i, spec) in specs.iter().enumerate() {
        add(root, &card(doc, i, spec, conv, lang, open.contains(&i))?)?;
    }
    Ok(())
}

/// Card `i` from the page's `#card-template`, filled.
///
/// torch's extra arguments of the seed's kinds (λ on GD, dampening, lr_decay,
/// centered, …) go into a "torch's other arguments" disclosure under the
/// card's own rows, so a seed card looks as it always did; it is open when
/// one of them is not at its off value (or the user opened it).
fn card(
    doc: &Document,
    i: usize,
    spec: &OptSpec,
    conv: Convention,
    lang: Lang,
    keep_open: bool,
) -> Result<Element, JsValue> {
    let title = kind_title(spec.kind, lang);
    let sec = from_template(doc, "card-template")?;
    sec.set_attribute("data-index", &i.to_string())?;
    sec.set_attribute("data-kind", spec.kind.name())?;
    // Named as its run in the legend: two GD cards (lesson 10) differ by
    // their rates or schedules, which a screen reader then says on entry.
    sec.set_attribute("role", "group")?;
    sec.set_attribute("aria-label", &opt_label(spec, conv, lang))?;
    let h3 = part(&sec, "h3")?;
    h3.set_text_content(Some(title));
    let sw = swatch(doc, i)?;
    part(&sec, ".opt-head")?.insert_before(&sw, Some(h3.as_ref()))?;
    for (class, key, hint) in [
        (".reset-opt", "card.reset", "card.reset.title"),
        (".remove-opt", "card.remove", "card.remove.title"),
    ] {
        let b = part(&sec, class)?;
        b.set_attribute("aria-label", &trf(lang, key, &[title]))?;
        b.set_attribute("title", tr(lang, hint))?;
    }
    let extras: Vec<Key> = spec
        .kind
        .keys()
        .iter()
        .copied()
        .filter(|k| spec.kind.is_extra(*k))
        .collect();
    let details = if extras.is_empty() {
        None
    } else {
        let d = el(doc, "details", &[("class", "extras")], None)?;
        let on = extras.iter().any(|k| spec.kind.writes(*k, &spec.hyper));
        if on || keep_open {
            d.set_attribute("open", "")?;
        }
        let sum = el(
            doc,
            "summary",
            &[("title", tr(lang, "card.extras.title"))],
            Some(&trf(lang, "card.extras", &[&extras.len().to_string()])),
        )?;
        d.append_child(&sum)?;
        Some(d)
    };
    for &key in spec.kind.keys() {
        let name = key.name();
        let row = match key {
            Key::Hyper(k) => {
                let info = ParamInfo::of(spec.kind, k);
                let label = param_label(spec.kind, k, lang);
                let row = from_template(doc, "param-template")?;
                let v = k.get(&spec.hyper);
                let out = part(&row, "output")?;
                out.set_attribute("data-param", name)?;
                out.set_text_content(Some(&readout(&info, v)));
                let range: HtmlInputElement = part(&row, "input[type=range]")?.dyn_into()?;
                range.set_max(&info.positions().to_string());
                let attrs: [(&str, &str); 3] = [
                    ("data-param", name),
                    ("aria-label", label.as_str()),
                    ("title", label.as_str()),
                ];
                for (a, val) in attrs {
                    range.set_attribute(a, val)?;
                }
                range.set_value(&info.to_slider(v).to_string());
                // A screen reader says the value, not the slider's position.
                range.set_attribute("aria-valuetext", &readout(&info, v))?;
                let num: HtmlInputElement = part(&row, "input.num")?.dyn_into()?;
                num.set_attribute("data-param", name)?;
                num.set_attribute("aria-label", &trf(lang, "card.value", &[&label]))?;
                num.set_value(&format::field(v));
                part(&row, ".param-name")?.set_text_content(Some(param_name(spec.kind, k, lang)));
                // Fine adjust (− / +): a phone's slider is too coarse for η.
                for (sel, words) in [
                    (".nudge[data-dir=down]", "card.less"),
                    (".nudge[data-dir=up]", "card.more"),
                ] {
                    let b = part(&row, sel)?;
                    b.set_attribute("data-param", name)?;
                    b.set_attribute("aria-label", &trf(lang, words, &[&label]))?;
                    b.set_attribute("title", &trf(lang, words, &[&label]))?;
                    super::dom::spent(&b, info.at_end(v, super::dom::is_up(&b)))?;
                }
                row
            }
            Key::Flag(f) => {
                let lab = from_template(doc, "flag-template")?;
                let cb: HtmlInputElement = part(&lab, "input")?.dyn_into()?;
                cb.set_attribute("data-param", name)?;
                cb.set_attribute("aria-label", flag_label(f, lang))?;
                cb.set_checked(f.get(&spec.hyper));
                lab.append_child(&doc.create_text_node(flag_label(f, lang)))?;
                lab
            }
            _ => match super::card_keys::key_row(doc, spec.kind, key, &spec.hyper, lang)? {
                Some(row) => row,
                None => continue,
            },
        };
        match &details {
            Some(d) if spec.kind.is_extra(key) => d.append_child(&row)?,
            _ => sec.append_child(&row)?,
        };
    }
    if let Some(d) = details {
        sec.append_child(&d)?;
    }
    Ok(sec)
}

/// Refresh one card's fields from its spec (after a slider, a number or a
/// reset); the card, when there is one.
pub fn sync_card(
    root: &Element,
    i: usize,
    spec: &OptSpec,
    conv: Convention,
    skip: Option<&Element>,
    lang: Lang,
) -> Result<Option<Element>, JsValue> {
    let Some(sec) = root.query_selector(&format!("section.opt-card[data-index=\"{i}\"]"))? else {
        return Ok(None);
    };
    name_card(&sec, spec, conv, lang)?;
    for &key in spec.kind.keys() {
        let name = key.name();
        match key {
            Key::Hyper(k) => {
                let info = ParamInfo::of(spec.kind, k);
                let v = k.get(&spec.hyper);
                // The − / + ends are marked again only for a value they
                // have not seen: a drag syncs every card at every input.
                let fresh = NUDGED.with(|n| {
                    let mut n = n.borrow_mut();
                    let bits = v.to_bits();
                    match n.iter_mut().find(|e| (e.0, e.1) == (i, k)) {
                        Some(e) if e.2 == bits => false,
                        Some(e) => {
                            e.2 = bits;
                            true
                        }
                        None => {
                            n.push((i, k, bits));
                            true
                        }
                    }
                });
                let ends = fresh.then(|| (info.at_end(v, false), info.at_end(v, true)));
                let list = sec.query_selector_all(&format!("[data-param=\"{name}\"]"))?;
                for n in 0..list.length() {
                    let Some(node) = list.item(n) else { continue };
                    let Ok(e) = node.dyn_into::<Element>() else {
                        continue;
                    };
                    let text = readout(&info, v);
                    // Only what differs is written: a drag syncs every card
                    // at every input, and each write invalidates style.
                    if let Ok(input) = e.clone().dyn_into::<HtmlInputElement>() {
                        if input.type_() == "range" {
                            // The slider being dragged keeps its position
                            // but says its new value.
                            if e.get_attribute("aria-valuetext").as_deref() != Some(&text) {
                                e.set_attribute("aria-valuetext", &text)?;
                            }
                        }
                        if skip == Some(&e) {
                            continue;
                        }
                        let value = if input.type_() == "range" {
                            info.to_slider(v).to_string()
                        } else {
                            format::field(v)
                        };
                        if input.value() != value {
                            input.set_value(&value);
                        }
                    } else if e.tag_name() == "OUTPUT" {
                        // The row's readout (its − / + buttons carry the
                        // key's name too, and keep their signs).
                        if e.text_content().as_deref() != Some(&text) {
                            e.set_text_content(Some(&text));
                        }
                    } else if let Some((down, up)) = ends {
                        super::dom::spent(&e, if super::dom::is_up(&e) { up } else { down })?;
                    }
                }
            }
            Key::Flag(f) => {
                if let Some(e) = sec.query_selector(&format!("input[data-param=\"{name}\"]"))? {
                    if let Ok(cb) = e.dyn_into::<HtmlInputElement>() {
                        cb.set_checked(f.get(&spec.hyper));
                    }
                }
            }
            _ => super::card_keys::sync_key(&sec, key, &spec.hyper, skip)?,
        }
    }
    Ok(Some(sec))
}

/// Card `sec` named as its run (the schedule's name and arguments too),
/// written only when it differs.
pub(super) fn name_card(
    sec: &Element,
    spec: &OptSpec,
    conv: Convention,
    lang: Lang,
) -> Result<(), JsValue> {
    let name = opt_label(spec, conv, lang);
    if sec.get_attribute("aria-label").as_deref() != Some(&name) {
        sec.set_attribute("aria-label", &name)?;
    }
    Ok(())
}

/// A parameter's value as its row and its slider say it: "η = 0.4".
pub(super) fn readout(info: &ParamInfo, v: f64) -> String {
    format!("{} = {}", info.symbol, fmt_num(v))
}

thread_local! {
    /// The value each card's − / + ends were last marked for: (card, key,
    /// value bits).
    static NUDGED: std::cell::RefCell<Vec<(usize, crate::optim::HyperKey, u64)>> =
        const { std::cell::RefCell::new(Vec::new()) };
}
