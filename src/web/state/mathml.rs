//! The rules of [`crate::inspect`] rendered to MathML: built with
//! `createElementNS` and text nodes, never parsed; glyphs and numbers from
//! the text layer.

use crate::format::readout;
use crate::inspect::Expr;
use gradscape_text::inspect::{glyph, op};
use wasm_bindgen::prelude::*;
use web_sys::{Document, Element};

const MATHML: &str = "http://www.w3.org/1998/Math/MathML";

/// Full precision for `data-*` attributes (JS `Number()` reads it back).
pub fn full(v: f64) -> String {
    if v.is_finite() {
        format!("{v:e}")
    } else {
        "0".into()
    }
}

fn leaf(doc: &Document, tag: &str, text: &str) -> Result<Element, JsValue> {
    let e = doc.create_element_ns(Some(MATHML), tag)?;
    e.append_child(&doc.create_text_node(text))?;
    Ok(e)
}

fn node(doc: &Document, tag: &str, children: &[&Expr]) -> Result<Element, JsValue> {
    let e = doc.create_element_ns(Some(MATHML), tag)?;
    for c in children {
        let child = render(doc, c)?;
        e.append_child(&child)?;
    }
    Ok(e)
}

fn render(doc: &Document, m: &Expr) -> Result<Element, JsValue> {
    Ok(match m {
        Expr::Sym(s) => match glyph(*s) {
            (base, None) => leaf(doc, "mi", base)?,
            (base, Some(accent)) => {
                // An accent over a letter: m̂, g̃.
                let e = doc.create_element_ns(Some(MATHML), "mover")?;
                e.set_attribute("accent", "true")?;
                let c = leaf(doc, "mi", base)?;
                e.append_child(&c)?;
                let c = leaf(doc, "mo", accent)?;
                e.append_child(&c)?;
                e
            }
        },
        Expr::Int(v) => leaf(doc, "mn", &v.to_string())?,
        Expr::Num(v) => leaf(doc, "mn", &readout(*v))?,
        Expr::Half => leaf(doc, "mn", "½")?,
        Expr::Op(o) => leaf(doc, "mo", op(*o))?,
        Expr::Vec2(v) => {
            // A column vector (a; b), as (a, b).
            let e = doc.create_element_ns(Some(MATHML), "mrow")?;
            let c = leaf(doc, "mo", "(")?;
            e.append_child(&c)?;
            let c = leaf(doc, "mn", &readout(v[0]))?;
            e.append_child(&c)?;
            let c = leaf(doc, "mo", ",")?;
            e.append_child(&c)?;
            let c = leaf(doc, "mn", &readout(v[1]))?;
            e.append_child(&c)?;
            let c = leaf(doc, "mo", ")")?;
            e.append_child(&c)?;
            e
        }
        Expr::Row(v) => node(doc, "mrow", &v.iter().collect::<Vec<_>>())?,
        Expr::Sub(a, b) => node(doc, "msub", &[a, b])?,
        Expr::Sup(a, b) => node(doc, "msup", &[a, b])?,
        Expr::Frac(a, b) => node(doc, "mfrac", &[a, b])?,
        Expr::Sqrt(a) => node(doc, "msqrt", &[a])?,
    })
}

/// A `<math displaystyle>` element of `m`.
pub fn math(doc: &Document, m: &Expr) -> Result<Element, JsValue> {
    let e = doc.create_element_ns(Some(MATHML), "math")?;
    e.set_attribute("displaystyle", "true")?;
    let child = render(doc, m)?;
    e.append_child(&child)?;
    Ok(e)
}
