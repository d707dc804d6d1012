//! The state panel (`#state-panel`, under the loss chart): for the step that
//! leaves the current point (k = t + 1), every running optimizer's update
//! rule in MathML with its numbers, the bias-correction chart of an Adam run,
//! and the Adam+L2 vs AdamW comparison; on the main canvas (through
//! [`super::overlay`]) the −η·g and actual-step arrows and the L2 isolines.
//!
//! The numbers come from [`crate::inspect`]: one [`Stepper`] per run, moved
//! forward one step per animation frame and rebuilt only when the scene
//! changes; nothing is computed while the panel is closed (except the L2
//! isolines, shown whenever an Adam+L2 run is). Text is set as text, MathML
//! is built with `createElementNS` and text nodes, never parsed.

use super::dom::{add, by_id, el, on};
use super::overlay::{self, Arrows, Overlay};
use super::panel::swatch;
use super::{with_app, App};
use crate::inspect::{bias_series, has_bias_correction, BiasPoint, Inspection, Stepper};
use crate::landscape::View;
use crate::optim::{Convention, OptKind};
use crate::scene::Scene;
use crate::surface::{isolines, palette, Grid, LogScale};
use crate::Vec2;
use gradscape_text::optim::opt_label;
use gradscape_text::{tr, trf, Lang};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlCanvasElement, HtmlElement, HtmlSelectElement};

const MATHML: &str = "http://www.w3.org/1998/Math/MathML";

/// L2 isolines for (scene, λ, view, grid size).
type IsoCache = (Scene, f64, View, usize, usize, Rc<Vec<Vec<Vec2>>>);
/// What the DOM shows: (generation, t, lang, selected run, hidden runs).
type Shown = (u64, usize, Lang, Option<usize>, Vec<bool>);

/// The panel's cached state.
#[derive(Default)]
pub struct Inspector {
    /// The scene the steppers belong to.
    scene: Option<Scene>,
    steppers: Vec<Option<Stepper>>,
    /// Bumped when the scene changes.
    generation: u64,
    /// (generation, run, steps) → the bias chart's series.
    series: Option<(u64, usize, usize, Vec<BiasPoint>)>,
    /// (landscape and λ, view, grid size) → L2 isolines.
    iso: Option<IsoCache>,
    /// What the DOM shows: (generation, t, lang, selected run, hidden runs).
    shown: Option<Shown>,
    /// The summary's language.
    summary_lang: Option<Lang>,
    /// The run in the bias chart.
    selected: Option<usize>,
    /// Compute now even if it is long (the deferred refresh).
    force: bool,
    /// The pending deferred refresh (a `setTimeout` handle).
    timer: Option<i32>,
}

/// Steps the inspector may take inside one redraw; more (a replay of a
/// 100 000-step scene while a slider moves, a scrub back to a late step) is
/// deferred until the input pauses, so the replay never waits for it.
const BUDGET: usize = 20_000;

thread_local! {
    static LATER: std::cell::RefCell<Option<Closure<dyn FnMut()>>> = const { std::cell::RefCell::new(None) };
}

/// Run the refresh again, with no budget, 150 ms after the last request.
fn defer(app: &mut App) -> Result<(), JsValue> {
    if let Some(h) = app.inspector.timer.take() {
        app.window.clear_timeout_with_handle(h);
    }
    let handle = LATER.with(|slot| -> Result<i32, JsValue> {
        if slot.borrow().is_none() {
            *slot.borrow_mut() = Some(Closure::<dyn FnMut()>::new(|| {
                with_app(|app| {
                    app.inspector.timer = None;
                    app.inspector.force = true;
                    let r = app.draw();
                    app.inspector.force = false;
                    r
                })
            }));
        }
        let slot = slot.borrow();
        let cb = slot.as_ref().ok_or("no callback")?;
        app.window
            .set_timeout_with_callback_and_timeout_and_arguments_0(cb.as_ref().unchecked_ref(), 150)
    })?;
    app.inspector.timer = Some(handle);
    Ok(())
}

/// A number for the panel: 4 significant digits, exponent form when tiny or
/// huge, a true minus sign; never NaN or ∞ text.
pub fn num(v: f64) -> String {
    if !v.is_finite() {
        return "—".into();
    }
    if v == 0.0 {
        return "0".into();
    }
    let a = v.abs();
    let s = if (1e-3..1e5).contains(&a) {
        let decimals = (3 - a.log10().floor() as i32).clamp(0, 6) as usize;
        let s = format!("{a:.decimals$}");
        if s.contains('.') {
            s.trim_end_matches('0').trim_end_matches('.').to_string()
        } else {
            s
        }
    } else {
        let s = format!("{a:.3e}");
        let (mant, exp) = s.split_once('e').unwrap_or((&s, "0"));
        let mant = if mant.contains('.') {
            mant.trim_end_matches('0').trim_end_matches('.')
        } else {
            mant
        };
        format!("{mant}e{exp}")
    };
    if v < 0.0 {
        format!("−{}", s.replace('-', "−"))
    } else {
        s.replace('-', "−")
    }
}

/// Full precision for `data-*` attributes (JS `Number()` reads it back).
fn full(v: f64) -> String {
    if v.is_finite() {
        format!("{v:e}")
    } else {
        "0".into()
    }
}

// ---------------------------------------------------------------- MathML

/// A small MathML tree.
enum M {
    I(&'static str),
    N(String),
    O(&'static str),
    Row(Vec<M>),
    Sub(Box<M>, Box<M>),
    Sup(Box<M>, Box<M>),
    Frac(Box<M>, Box<M>),
    Sqrt(Box<M>),
    /// An accent over a letter: m̂, g̃.
    Acc(&'static str, &'static str),
}

fn i(s: &'static str) -> M {
    M::I(s)
}
fn o(s: &'static str) -> M {
    M::O(s)
}
fn n(v: impl ToString) -> M {
    M::N(v.to_string())
}
fn hat(s: &'static str) -> M {
    M::Acc(s, "\u{2c6}")
}
fn tilde(s: &'static str) -> M {
    M::Acc(s, "\u{2dc}")
}
fn row(v: Vec<M>) -> M {
    M::Row(v)
}
fn sub(a: M, b: M) -> M {
    M::Sub(Box::new(a), Box::new(b))
}
fn sup(a: M, b: M) -> M {
    M::Sup(Box::new(a), Box::new(b))
}
fn frac(a: M, b: M) -> M {
    M::Frac(Box::new(a), Box::new(b))
}
fn sqrt(a: M) -> M {
    M::Sqrt(Box::new(a))
}
fn paren(v: Vec<M>) -> M {
    let mut r = vec![o("(")];
    r.extend(v);
    r.push(o(")"));
    row(r)
}
fn b1() -> M {
    sub(i("β"), n(1))
}
fn b2() -> M {
    sub(i("β"), n(2))
}
/// 1 − βᵏ with k the step's number.
fn one_minus_pow(b: M, k: usize) -> M {
    row(vec![n(1), o("−"), sup(b, n(k))])
}
/// √v̂ + ε.
fn den_hat() -> M {
    row(vec![sqrt(hat("v")), o("+"), i("ε")])
}

fn render(doc: &Document, m: &M) -> Result<Element, JsValue> {
    let mk = |tag: &str| doc.create_element_ns(Some(MATHML), tag);
    let leaf = |tag: &str, text: &str| -> Result<Element, JsValue> {
        let e = mk(tag)?;
        e.append_child(&doc.create_text_node(text))?;
        Ok(e)
    };
    Ok(match m {
        M::I(s) => leaf("mi", s)?,
        M::N(s) => leaf("mn", s)?,
        M::O(s) => leaf("mo", s)?,
        M::Row(v) => {
            let e = mk("mrow")?;
            for c in v {
                let child = render(doc, c)?;
                e.append_child(&child)?;
            }
            e
        }
        M::Sub(a, b) | M::Sup(a, b) | M::Frac(a, b) => {
            let tag = match m {
                M::Sub(..) => "msub",
                M::Sup(..) => "msup",
                _ => "mfrac",
            };
            let e = mk(tag)?;
            let (ca, cb) = (render(doc, a)?, render(doc, b)?);
            e.append_child(&ca)?;
            e.append_child(&cb)?;
            e
        }
        M::Acc(base, acc) => {
            let e = mk("mover")?;
            e.set_attribute("accent", "true")?;
            let (b, a) = (leaf("mi", base)?, leaf("mo", acc)?);
            e.append_child(&b)?;
            e.append_child(&a)?;
            e
        }
        M::Sqrt(a) => {
            let e = mk("msqrt")?;
            let child = render(doc, a)?;
            e.append_child(&child)?;
            e
        }
    })
}

fn math(doc: &Document, m: &M) -> Result<Element, JsValue> {
    let e = doc.create_element_ns(Some(MATHML), "math")?;
    e.set_attribute("displaystyle", "true")?;
    let child = render(doc, m)?;
    e.append_child(&child)?;
    Ok(e)
}

/// `lhs ← rhs` (an update) or `lhs = rhs`.
fn rule(lhs: M, arrow: bool, rhs: M) -> M {
    row(vec![lhs, o(if arrow { "←" } else { "=" }), rhs])
}

/// The printed rule of a table row, per kind and convention (the same
/// arithmetic as `Inspection::step` and `optim`).
fn row_rule(insp: &Inspection, key: &str) -> M {
    let d2l = insp.conv == Convention::D2l;
    let kind = insp.spec.kind;
    let h = insp.spec.hyper;
    let k = insp.k;
    let gg = || {
        if kind == OptKind::AdamL2 {
            tilde("g")
        } else {
            i("g")
        }
    };
    let g_sq = || row(vec![gg(), o("⊙"), gg()]);
    match key {
        "g" => rule(
            i("g"),
            false,
            row(vec![o("∇"), i("f"), paren(vec![i("x")])]),
        ),
        "g_l2" => rule(
            tilde("g"),
            false,
            row(vec![i("g"), o("+"), i("λ"), o("·"), i("x")]),
        ),
        "v" => rule(
            i("v"),
            true,
            row(vec![i("γ"), o("·"), i("v"), o("+"), i("η"), o("·"), i("g")]),
        ),
        "b" => rule(
            i("b"),
            true,
            row(vec![i("γ"), o("·"), i("b"), o("+"), i("g")]),
        ),
        "s" if kind == OptKind::Adagrad => rule(i("s"), true, row(vec![i("s"), o("+"), g_sq()])),
        "s" => {
            let r = if kind == OptKind::Adadelta {
                i("ρ")
            } else {
                i("γ")
            };
            let r2 = if kind == OptKind::Adadelta {
                i("ρ")
            } else {
                i("γ")
            };
            rule(
                i("s"),
                true,
                row(vec![
                    r,
                    o("·"),
                    i("s"),
                    o("+"),
                    paren(vec![n(1), o("−"), r2]),
                    o("·"),
                    g_sq(),
                ]),
            )
        }
        "m" if d2l && kind != OptKind::Nadam => rule(
            i("m"),
            true,
            row(vec![
                b1(),
                o("·"),
                i("m"),
                o("+"),
                paren(vec![n(1), o("−"), b1()]),
                o("·"),
                gg(),
            ]),
        ),
        "m" => rule(
            i("m"),
            true,
            row(vec![
                i("m"),
                o("+"),
                paren(vec![n(1), o("−"), b1()]),
                o("·"),
                paren(vec![gg(), o("−"), i("m")]),
            ]),
        ),
        "v2" => rule(
            i("v"),
            true,
            row(vec![
                b2(),
                o("·"),
                i("v"),
                o("+"),
                paren(vec![n(1), o("−"), b2()]),
                o("·"),
                g_sq(),
            ]),
        ),
        "v_max" => rule(
            sub(i("v"), i("max")),
            true,
            row(vec![
                i("max"),
                paren(vec![sub(i("v"), i("max")), o(","), i("v")]),
            ]),
        ),
        "m_hat" if h.bias_correction => rule(hat("m"), false, frac(i("m"), one_minus_pow(b1(), k))),
        "v_hat" if h.bias_correction => {
            let v = if h.amsgrad {
                sub(i("v"), i("max"))
            } else {
                i("v")
            };
            rule(hat("v"), false, frac(v, one_minus_pow(b2(), k)))
        }
        "m_hat" => rule(hat("m"), false, i("m")),
        "v_hat" => rule(hat("v"), false, i("v")),
        "mu" => rule(
            sub(i("μ"), n(k)),
            false,
            row(vec![
                b1(),
                o("·"),
                paren(vec![
                    n(1),
                    o("−"),
                    n("½"),
                    o("·"),
                    sup(n("0.96"), row(vec![n(k), o("·"), i("ψ")])),
                ]),
            ]),
        ),
        "mu_next" => rule(
            sub(i("μ"), n(k + 1)),
            false,
            row(vec![
                b1(),
                o("·"),
                paren(vec![
                    n(1),
                    o("−"),
                    n("½"),
                    o("·"),
                    sup(n("0.96"), row(vec![n(k + 1), o("·"), i("ψ")])),
                ]),
            ]),
        ),
        "rate" => rate_rule(insp),
        "g_prime" => rule(
            i("g′"),
            false,
            row(vec![
                frac(
                    sqrt(row(vec![i("Δx"), o("+"), i("ε")])),
                    sqrt(row(vec![i("s"), o("+"), i("ε")])),
                ),
                o("⊙"),
                i("g"),
            ]),
        ),
        "dx_acc" => rule(
            i("Δx"),
            true,
            row(vec![
                i("ρ"),
                o("·"),
                i("Δx"),
                o("+"),
                paren(vec![n(1), o("−"), i("ρ")]),
                o("·"),
                i("g′"),
                o("⊙"),
                i("g′"),
            ]),
        ),
        "decay" if kind == OptKind::AdamL2 => row(vec![
            o("−"),
            i("η"),
            o("·"),
            frac(frac(sub(i("m"), i("λ")), one_minus_pow(b1(), k)), den_hat()),
        ]),
        "decay" => row(vec![o("−"), i("η"), o("·"), i("λ"), o("·"), i("x")]),
        "gd" => row(vec![o("−"), i("η"), o("·"), i("g")]),
        _ => step_rule(insp),
    }
}

fn rate_rule(insp: &Inspection) -> M {
    let d2l = insp.conv == Convention::D2l;
    let k = insp.k;
    let bc = insp.spec.hyper.bias_correction;
    let lhs = sub(i("η"), i("eff"));
    let rhs = match insp.spec.kind {
        OptKind::Adagrad | OptKind::Rmsprop if d2l => {
            frac(i("η"), sqrt(row(vec![i("s"), o("+"), i("ε")])))
        }
        OptKind::Adagrad | OptKind::Rmsprop => {
            frac(i("η"), row(vec![sqrt(i("s")), o("+"), i("ε")]))
        }
        OptKind::Adam | OptKind::AdamL2 | OptKind::Adamw if !d2l && bc => {
            let v = if insp.spec.hyper.amsgrad {
                sub(i("v"), i("max"))
            } else {
                i("v")
            };
            frac(
                frac(i("η"), one_minus_pow(b1(), k)),
                row(vec![
                    frac(sqrt(v), sqrt(one_minus_pow(b2(), k))),
                    o("+"),
                    i("ε"),
                ]),
            )
        }
        OptKind::Adadelta => row(vec![
            i("η"),
            o("·"),
            frac(
                sqrt(row(vec![i("Δx"), o("+"), i("ε")])),
                sqrt(row(vec![i("s"), o("+"), i("ε")])),
            ),
        ]),
        OptKind::Nadam => frac(
            i("η"),
            row(vec![
                sqrt(frac(i("v"), one_minus_pow(b2(), k))),
                o("+"),
                i("ε"),
            ]),
        ),
        _ => frac(i("η"), den_hat()),
    };
    rule(lhs, false, rhs)
}

fn step_rule(insp: &Inspection) -> M {
    let d2l = insp.conv == Convention::D2l;
    let h = insp.spec.hyper;
    let k = insp.k;
    let eff = || sub(i("η"), i("eff"));
    let rhs = match insp.spec.kind {
        OptKind::Gd => row(vec![o("−"), i("η"), o("·"), i("g")]),
        OptKind::Momentum if d2l && h.nesterov => row(vec![
            o("−"),
            paren(vec![i("γ"), o("·"), i("v"), o("+"), i("η"), o("·"), i("g")]),
        ]),
        OptKind::Momentum if d2l => row(vec![o("−"), i("v")]),
        OptKind::Momentum if h.nesterov => row(vec![
            o("−"),
            i("η"),
            o("·"),
            paren(vec![i("g"), o("+"), i("γ"), o("·"), i("b")]),
        ]),
        OptKind::Momentum => row(vec![o("−"), i("η"), o("·"), i("b")]),
        OptKind::Adagrad | OptKind::Rmsprop => row(vec![o("−"), eff(), o("⊙"), i("g")]),
        OptKind::Adam | OptKind::AdamL2 if !d2l && h.bias_correction => {
            row(vec![o("−"), eff(), o("⊙"), i("m")])
        }
        OptKind::Adam | OptKind::AdamL2 => row(vec![o("−"), eff(), o("⊙"), hat("m")]),
        OptKind::Adamw if !d2l && h.bias_correction => row(vec![
            o("−"),
            i("η"),
            o("·"),
            i("λ"),
            o("·"),
            i("x"),
            o("−"),
            eff(),
            o("⊙"),
            i("m"),
        ]),
        OptKind::Adamw => row(vec![
            o("−"),
            i("η"),
            o("·"),
            paren(vec![
                frac(hat("m"), den_hat()),
                o("+"),
                i("λ"),
                o("·"),
                i("x"),
            ]),
        ]),
        OptKind::Nadam => row(vec![
            o("−"),
            frac(
                row(vec![i("η"), paren(vec![n(1), o("−"), sub(i("μ"), n(k))])]),
                row(vec![n(1), o("−"), sub(i("Π"), n(k))]),
            ),
            o("·"),
            frac(i("g"), den_hat()),
            o("−"),
            frac(
                row(vec![i("η"), o("·"), sub(i("μ"), n(k + 1))]),
                row(vec![n(1), o("−"), sub(i("Π"), n(k + 1))]),
            ),
            o("·"),
            frac(i("m"), den_hat()),
        ]),
        OptKind::Adadelta => row(vec![o("−"), i("η"), o("·"), i("g′")]),
    };
    rule(
        row(vec![sub(i("x"), n(k)), o("−"), sub(i("x"), n(k - 1))]),
        false,
        rhs,
    )
}

fn row_name(insp: &Inspection, key: &str) -> &'static str {
    match key {
        "s" if insp.spec.kind == OptKind::Adagrad => "row.s_sum",
        "s" => "row.s_ema",
        "g" => "row.g",
        "g_l2" => "row.g_l2",
        "v" => "row.v",
        "b" => "row.b",
        "m" => "row.m",
        "v2" => "row.v2",
        "v_max" => "row.v_max",
        "m_hat" => "row.m_hat",
        "v_hat" => "row.v_hat",
        "mu" => "row.mu",
        "mu_next" => "row.mu_next",
        "rate" => "row.rate",
        "g_prime" => "row.g_prime",
        "dx_acc" => "row.dx_acc",
        "decay" => "row.decay",
        "gd" => "row.gd",
        _ => "row.step",
    }
}

/// A column vector (a; b) in MathML.
fn vec2(v: Vec2) -> M {
    paren(vec![n(num(v[0])), o(","), n(num(v[1]))])
}

// ---------------------------------------------------------------- DOM

fn table_row(
    doc: &Document,
    key: &str,
    name: &str,
    rule: &M,
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
    let th = el(doc, "th", &[("scope", "row")], None)?;
    add(&th, &el(doc, "span", &[("class", "row-name")], Some(name))?)?;
    let m = el(doc, "span", &[("class", "rule")], None)?;
    add(&m, &math(doc, rule)?)?;
    add(&th, &m)?;
    add(&tr_, &th)?;
    for v in value {
        add(&tr_, &el(doc, "td", &[("class", "num")], Some(&num(v)))?)?;
    }
    Ok(tr_)
}

fn inspection_card(
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
    let head = el(doc, "tr", &[], None)?;
    add(
        &head,
        &el(
            doc,
            "th",
            &[("scope", "col")],
            Some(tr(lang, "state.col.what")),
        )?,
    )?;
    add(&head, &el(doc, "th", &[("scope", "col")], Some("x₁"))?)?;
    add(&head, &el(doc, "th", &[("scope", "col")], Some("x₂"))?)?;
    add(&table, &head)?;
    let mut rows = insp.rows();
    // −η·g next to the actual step.
    let at = rows.len() - 1;
    rows.insert(
        at,
        crate::inspect::Row {
            key: "gd",
            value: insp.gd_step(),
        },
    );
    for r in rows {
        let name = tr(lang, row_name(insp, r.key));
        add(
            &table,
            &table_row(doc, r.key, name, &row_rule(insp, r.key), r.value)?,
        )?;
    }
    let wrap = el(doc, "div", &[("class", "insp-scroll")], None)?;
    add(&wrap, &table)?;
    add(&sec, &wrap)?;
    // The update with its numbers: x_k = x_{k−1} + (x_k − x_{k−1}), as
    // three inline formulas so a narrow screen breaks the line between them.
    let k = insp.k;
    let p = el(doc, "p", &[("class", "insp-subst")], None)?;
    let parts = [
        row(vec![sub(i("x"), n(k)), o("="), vec2(insp.x), o("+")]),
        row(vec![vec2(insp.step())]),
        row(vec![o("="), vec2(insp.next)]),
    ];
    for (j, part) in parts.iter().enumerate() {
        if j > 0 {
            p.append_child(&doc.create_text_node(" "))?;
        }
        add(&p, &math(doc, part)?)?;
    }
    add(&sec, &p)?;
    Ok(sec)
}

fn l2_section(
    doc: &Document,
    lang: Lang,
    insps: &[(usize, Option<Inspection>)],
    l2_lambda: Option<f64>,
) -> Result<Option<Element>, JsValue> {
    let l2 = insps
        .iter()
        .find_map(|(_, x)| x.as_ref().filter(|x| x.spec.kind == OptKind::AdamL2));
    let w = insps
        .iter()
        .find_map(|(_, x)| x.as_ref().filter(|x| x.spec.kind == OptKind::Adamw));
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
        add(
            &sec,
            &el(
                doc,
                "p",
                &[("class", "hint")],
                Some(&trf(lang, "state.l2.iso", &[&num(lambda)])),
            )?,
        )?;
    }
    if let Some(x) = l2 {
        let den = x.adam_denominator();
        let rate = x.decay_rate().unwrap_or([0.0; 2]);
        let less = if den[1] > den[0] { "x₂" } else { "x₁" };
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
            Some(&trf(
                lang,
                "state.l2.aniso",
                &[
                    &num(den[0]),
                    &num(den[1]),
                    &num(rate[0]),
                    &num(rate[1]),
                    less,
                ],
            )),
        )?;
        add(&sec, &p)?;
    }
    if let Some(x) = w {
        let rate = x.decay_rate().unwrap_or([0.0; 2]);
        add(
            &sec,
            &el(
                doc,
                "p",
                &[("class", "iso"), ("data-rate", &full(rate[0]))],
                Some(&trf(lang, "state.l2.iso_w", &[&num(rate[0])])),
            )?,
        )?;
    }
    Ok(Some(sec))
}

fn bias_section(
    doc: &Document,
    lang: Lang,
    scene: &Scene,
    sel: usize,
    insp: Option<&Inspection>,
    k: usize,
) -> Result<Element, JsValue> {
    let sec = el(
        doc,
        "section",
        &[("class", "state-bias"), ("id", "state-bias")],
        None,
    )?;
    add(
        &sec,
        &el(doc, "h4", &[], Some(tr(lang, "state.bias.title")))?,
    )?;
    let lab = el(
        doc,
        "label",
        &[("class", "row")],
        Some(tr(lang, "state.bias.pick")),
    )?;
    let select = el(
        doc,
        "select",
        &[
            ("id", "state-run"),
            ("aria-label", tr(lang, "state.bias.pick")),
        ],
        None,
    )?;
    for (j, spec) in scene.optimizers.iter().enumerate() {
        if has_bias_correction(spec.kind) {
            let text = format!("{}. {}", j + 1, opt_label(spec, lang));
            add(
                &select,
                &el(doc, "option", &[("value", &j.to_string())], Some(&text))?,
            )?;
        }
    }
    select
        .unchecked_ref::<HtmlSelectElement>()
        .set_value(&sel.to_string());
    add(&lab, &select)?;
    add(&sec, &lab)?;
    let canvas = el(
        doc,
        "canvas",
        &[
            ("id", "bias-chart"),
            ("role", "img"),
            ("aria-label", tr(lang, "state.bias.title")),
        ],
        None,
    )?;
    add(&sec, &canvas)?;
    add(
        &sec,
        &el(
            doc,
            "p",
            &[("class", "hint")],
            Some(&trf(lang, "state.bias.legend", &[&k.to_string()])),
        )?,
    )?;
    let spec = scene.optimizers[sel];
    let h = spec.hyper;
    if let Some(x) = insp {
        let (c1, c2) = x.bias_factors().unwrap_or((1.0, 1.0));
        let on1 = 1.0 - crate::math::pow(h.beta1, k as f64);
        let on2 = 1.0 - crate::math::pow(h.beta2, k as f64);
        sec.set_attribute("data-k", &k.to_string())?;
        sec.set_attribute("data-run", &sel.to_string())?;
        sec.set_attribute("data-c1", &full(c1))?;
        sec.set_attribute("data-c2", &full(c2))?;
        sec.set_attribute(
            "data-bias-correction",
            if h.bias_correction { "true" } else { "false" },
        )?;
        let text = if h.bias_correction {
            trf(
                lang,
                "state.bias.on",
                &[&k.to_string(), &num(on1), &num(on2), &num(c1), &num(c2)],
            )
        } else {
            trf(
                lang,
                "state.bias.off",
                &[&k.to_string(), &num(1.0 / on1), &num(1.0 / on2)],
            )
        };
        add(&sec, &el(doc, "p", &[("class", "bias-text")], Some(&text))?)?;
        let table = el(doc, "table", &[("class", "insp-table bias-table")], None)?;
        let head = el(doc, "tr", &[], None)?;
        add(&head, &el(doc, "th", &[("scope", "col")], Some(""))?)?;
        add(&head, &el(doc, "th", &[("scope", "col")], Some("x₁"))?)?;
        add(&head, &el(doc, "th", &[("scope", "col")], Some("x₂"))?)?;
        add(&table, &head)?;
        let rows: [(&str, M, Vec2); 4] = [
            ("m", sub(i("m"), n(k)), x.field("m")),
            ("m_hat", sub(hat("m"), n(k)), x.field("m̂")),
            ("v", sub(i("v"), n(k)), x.field("v")),
            ("v_hat", sub(hat("v"), n(k)), x.field("v̂")),
        ];
        let g = x.grad_used();
        let g_row = (
            "g",
            sub(
                if x.spec.kind == OptKind::AdamL2 {
                    tilde("g")
                } else {
                    i("g")
                },
                n(k),
            ),
            g,
        );
        for (key, sym, v) in std::iter::once(g_row).chain(rows) {
            let r = el(
                doc,
                "tr",
                &[
                    ("data-key", key),
                    ("data-x1", &full(v[0])),
                    ("data-x2", &full(v[1])),
                ],
                None,
            )?;
            let th = el(doc, "th", &[("scope", "row")], None)?;
            add(&th, &math(doc, &sym)?)?;
            add(&r, &th)?;
            for c in v {
                add(&r, &el(doc, "td", &[("class", "num")], Some(&num(c)))?)?;
            }
            add(&table, &r)?;
        }
        add(&sec, &table)?;
    }
    add(
        &sec,
        &el(
            doc,
            "p",
            &[("class", "hint")],
            Some(&trf(lang, "state.bias.seed", &[&num(1.0 - h.beta1)])),
        )?,
    )?;
    Ok(sec)
}

// ---------------------------------------------------------------- chart

/// The bias chart: factors, m and m̂, v and v̂ over the first steps, with
/// step k marked.
fn draw_bias_chart(
    canvas: &HtmlCanvasElement,
    dpr: f64,
    series: &[BiasPoint],
    k: usize,
    dark: bool,
) -> Result<(), JsValue> {
    let w = (canvas.client_width() as f64).max(200.0);
    let stacked = w < 560.0;
    let cell_h = if stacked { 120.0 } else { 150.0 };
    let h = if stacked { 3.0 * cell_h } else { cell_h };
    canvas
        .unchecked_ref::<HtmlElement>()
        .style()
        .set_property("height", &format!("{h}px"))?;
    let (pw, ph) = ((w * dpr).round() as u32, (h * dpr).round() as u32);
    if canvas.width() != pw || canvas.height() != ph {
        canvas.set_width(pw);
        canvas.set_height(ph);
    }
    let ctx = super::draw::context(canvas)?;
    ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0)?;
    ctx.clear_rect(0.0, 0.0, w, h);
    let fg = if dark { "#d8d8e0" } else { "#333340" };
    let grid = if dark {
        "rgba(255,255,255,0.15)"
    } else {
        "rgba(0,0,0,0.12)"
    };
    let (c_x1, c_x2) = ("#e69f00", "#0072b2");
    let cells: Vec<(f64, f64, f64, f64)> = (0..3)
        .map(|j| {
            let j = j as f64;
            if stacked {
                (0.0, j * cell_h, w, cell_h)
            } else {
                (j * w / 3.0, 0.0, w / 3.0, cell_h)
            }
        })
        .collect();
    let n = series.len().max(1) as f64;
    ctx.set_font("11px system-ui, sans-serif");
    // Each panel: (title, log axis, lines: (values, colour, dashed)).
    type Line = (Vec<f64>, &'static str, bool);
    let col = |f: &dyn Fn(&BiasPoint) -> f64| series.iter().map(f).collect::<Vec<f64>>();
    let on = series.first().is_none_or(|p| p.c1 == p.c1_on);
    let faint = "rgba(128,128,128,0.6)";
    let mut factors: Vec<Line> = vec![
        (col(&|p| p.c1_on), if on { fg } else { faint }, false),
        (col(&|p| p.c2_on), if on { fg } else { faint }, true),
    ];
    if !on {
        // Off: both factors are 1; the grey lines are what they would be.
        factors.push((col(&|p| p.c1), c_x1, false));
    }
    let panels: [(&str, bool, Vec<Line>); 3] = [
        ("① 1/(1−β₁ᵏ) (—), 1/(1−β₂ᵏ) (- -)", true, factors),
        (
            "② m (- -), m̂ (—)",
            false,
            vec![
                (col(&|p| p.m[0]), c_x1, true),
                (col(&|p| p.m[1]), c_x2, true),
                (col(&|p| p.m_hat[0]), c_x1, false),
                (col(&|p| p.m_hat[1]), c_x2, false),
            ],
        ),
        (
            "③ v (- -), v̂ (—)",
            true,
            vec![
                (col(&|p| p.v[0]), c_x1, true),
                (col(&|p| p.v[1]), c_x2, true),
                (col(&|p| p.v_hat[0]), c_x1, false),
                (col(&|p| p.v_hat[1]), c_x2, false),
            ],
        ),
    ];
    for ((title, log, lines), &(x0, y0, cw, ch)) in panels.iter().zip(&cells) {
        let (left, right, top, bottom) = (x0 + 44.0, x0 + cw - 8.0, y0 + 16.0, y0 + ch - 18.0);
        let tf = |v: f64| if *log { v.max(1e-300).log10() } else { v };
        let mut lo = f64::INFINITY;
        let mut hi = f64::NEG_INFINITY;
        for (vals, _, _) in lines {
            for &v in vals {
                if *log && v <= 0.0 {
                    continue;
                }
                let t = tf(v);
                if t.is_finite() {
                    lo = lo.min(t);
                    hi = hi.max(t);
                }
            }
        }
        if !*log {
            lo = lo.min(0.0);
            hi = hi.max(0.0);
        }
        if !lo.is_finite() || !hi.is_finite() {
            lo = 0.0;
            hi = 1.0;
        }
        if hi - lo < 1e-12 {
            lo -= 1.0;
            hi += 1.0;
        }
        let x_of = |s: f64| left + (s - 1.0) / (n - 1.0).max(1.0) * (right - left);
        let y_of = |v: f64| bottom - (tf(v).clamp(lo, hi) - lo) / (hi - lo) * (bottom - top);
        // Frame and labels.
        ctx.set_stroke_style_str(grid);
        ctx.set_line_width(1.0);
        ctx.stroke_rect(left, top, right - left, bottom - top);
        ctx.set_fill_style_str(fg);
        ctx.fill_text(title, left, y0 + 11.0)?;
        let lab = |v: f64| {
            if *log {
                format!("1e{}", v.round() as i64)
            } else {
                num(v)
            }
        };
        ctx.fill_text(&lab(hi), x0 + 2.0, top + 8.0)?;
        ctx.fill_text(&lab(lo), x0 + 2.0, bottom)?;
        ctx.fill_text("1", left - 3.0, bottom + 13.0)?;
        let nlab = format!("{}", series.len());
        ctx.fill_text(&nlab, right - 14.0, bottom + 13.0)?;
        if !*log {
            let y = y_of(0.0);
            ctx.begin_path();
            ctx.move_to(left, y);
            ctx.line_to(right, y);
            ctx.stroke();
        }
        for (vals, colour, dashed) in lines {
            ctx.begin_path();
            let mut started = false;
            for (j, &v) in vals.iter().enumerate() {
                if *log && v <= 0.0 {
                    started = false;
                    continue;
                }
                let (x, y) = (x_of((j + 1) as f64), y_of(v));
                if started {
                    ctx.line_to(x, y);
                } else {
                    ctx.move_to(x, y);
                    started = true;
                }
            }
            overlay_dash(&ctx, if *dashed { &[5.0, 3.0] } else { &[] })?;
            ctx.set_stroke_style_str(colour);
            ctx.set_line_width(if *dashed { 1.5 } else { 2.0 });
            ctx.stroke();
        }
        overlay_dash(&ctx, &[])?;
        // The current step.
        if (1..=series.len()).contains(&k) {
            let x = x_of(k as f64);
            ctx.begin_path();
            ctx.move_to(x, top);
            ctx.line_to(x, bottom);
            ctx.set_stroke_style_str("rgba(128,128,128,0.9)");
            ctx.set_line_width(1.5);
            ctx.stroke();
            for (vals, colour, _) in lines {
                let v = vals[k - 1];
                if *log && v <= 0.0 {
                    continue;
                }
                ctx.begin_path();
                ctx.arc(x, y_of(v), 3.0, 0.0, std::f64::consts::TAU)?;
                ctx.set_fill_style_str(colour);
                ctx.fill();
            }
            ctx.set_fill_style_str(fg);
            ctx.fill_text(&format!("k={k}"), (x + 3.0).min(right - 30.0), bottom - 3.0)?;
        }
    }
    canvas.set_attribute("data-steps", &series.len().to_string())?;
    canvas.set_attribute("data-k", &k.to_string())?;
    Ok(())
}

fn overlay_dash(ctx: &web_sys::CanvasRenderingContext2d, p: &[f64]) -> Result<(), JsValue> {
    let a = js_sys::Array::new();
    for v in p {
        a.push(&JsValue::from_f64(*v));
    }
    ctx.set_line_dash(&a)
}

// ---------------------------------------------------------------- L2 isolines

/// Isolines of f + λ/2·‖x‖² over the view (a grid filled here; the
/// surface's own marching squares).
fn l2_isolines(scene: &Scene, lambda: f64, view: View, w: usize, h: usize) -> Vec<Vec<Vec2>> {
    let (w, h) = (w.max(2), h.max(2));
    let mut values = Vec::with_capacity(w * h);
    for j in 0..h {
        let y = view.y1 - (j as f64 + 0.5) / h as f64 * view.height();
        for i in 0..w {
            let x = view.x0 + (i as f64 + 0.5) / w as f64 * view.width();
            values.push(scene.landscape.value([x, y]) + 0.5 * lambda * (x * x + y * y));
        }
    }
    let max = values
        .iter()
        .copied()
        .filter(|v| v.is_finite())
        .fold(f64::MIN, f64::max);
    let max = if max == f64::MIN { 0.0 } else { max };
    for v in &mut values {
        if !v.is_finite() {
            *v = max;
        }
    }
    let grid = Grid { w, h, view, values };
    let scale = LogScale::of(&grid);
    let mut out = Vec::new();
    for (_, level) in scale.levels(8) {
        out.extend(isolines(&grid, level));
    }
    out
}

// ---------------------------------------------------------------- refresh

fn dark(app: &App) -> bool {
    app.window
        .match_media("(prefers-color-scheme: dark)")
        .ok()
        .flatten()
        .map(|m| m.matches())
        .unwrap_or(false)
}

/// Bring the panel and the canvas overlay up to date (called by
/// `App::draw` before the plot is drawn).
pub fn refresh(app: &mut App) -> Result<(), JsValue> {
    let is_dark = dark(app);
    let dpr = app.window.device_pixel_ratio().clamp(0.5, 4.0);
    let Some(panel) = app.doc.get_element_by_id("state-panel") else {
        overlay::set(None);
        return Ok(());
    };
    let lang = app.model.lang;
    let ins = &mut app.inspector;
    if ins.summary_lang != Some(lang) {
        if let Some(s) = app.doc.get_element_by_id("state-summary") {
            s.set_text_content(Some(tr(lang, "state.summary")));
        }
        ins.summary_lang = Some(lang);
    }
    let visible = |i: usize| !app.model.hidden.get(i).copied().unwrap_or(false);
    // The L2 isolines: whenever an Adam+L2 run is shown.
    let l2 = app
        .model
        .scene
        .optimizers
        .iter()
        .enumerate()
        .find(|(j, s)| s.kind == OptKind::AdamL2 && visible(*j))
        .map(|(_, s)| s.hyper.lambda);
    let iso = match l2 {
        Some(lambda) => {
            let geom = app.geom;
            let k = if app.model.interacting { 8.0 } else { 3.0 };
            let (gw, gh) = (
                (geom.w / k).clamp(8.0, 600.0) as usize,
                (geom.h / k).clamp(8.0, 600.0) as usize,
            );
            let fresh = matches!(&ins.iso, Some((s, l, v, w, h, _))
                if s.landscape == app.model.scene.landscape && *l == lambda && *v == geom.view && *w == gw && *h == gh);
            if !fresh {
                let lines = l2_isolines(&app.model.scene, lambda, geom.view, gw, gh);
                ins.iso = Some((
                    app.model.scene.clone(),
                    lambda,
                    geom.view,
                    gw,
                    gh,
                    Rc::new(lines),
                ));
            }
            ins.iso.as_ref().map(|x| x.5.clone())
        }
        None => None,
    };
    if !panel.has_attribute("open") {
        overlay::set(iso.map(|l| Overlay {
            arrows: vec![],
            l2: Some(l),
        }));
        return Ok(());
    }
    let k = app.model.t + 1;
    let stale = ins.scene.as_ref() != Some(&app.model.scene);
    let cost: usize = if stale {
        k.saturating_mul(app.model.scene.optimizers.len())
    } else {
        ins.steppers
            .iter()
            .flatten()
            .map(|s| s.cost(k))
            .fold(0usize, |a, b| a.saturating_add(b))
    };
    if cost > BUDGET && !ins.force {
        // Too long for this frame: keep the trails moving, fill in later.
        overlay::set(iso.map(|l| Overlay {
            arrows: vec![],
            l2: Some(l),
        }));
        if let Some(body) = app.doc.get_element_by_id("state-body") {
            body.set_attribute("aria-busy", "true")?;
        }
        ins.shown = None;
        return defer(app);
    }
    if let Some(body) = app.doc.get_element_by_id("state-body") {
        body.remove_attribute("aria-busy")?;
    }
    if stale {
        ins.scene = Some(app.model.scene.clone());
        ins.steppers = (0..app.model.scene.optimizers.len())
            .map(|j| Stepper::new(&app.model.scene, j))
            .collect();
        ins.generation += 1;
    }
    let insps: Vec<(usize, Option<Inspection>)> = ins
        .steppers
        .iter_mut()
        .enumerate()
        .map(|(j, s)| (j, s.as_mut().and_then(|s| s.at(k))))
        .collect();
    // The canvas overlay.
    let arrows = insps
        .iter()
        .filter(|(j, _)| visible(*j))
        .filter_map(|(j, x)| {
            let x = x.as_ref()?;
            Some(Arrows {
                index: *j,
                colour: palette(*j),
                from: x.x,
                gd: x.gd_step(),
                step: x.actual(),
                decay: x.decay_step(),
            })
        })
        .collect();
    overlay::set(Some(Overlay { arrows, l2: iso }));
    // The bias chart's run: the chosen one while it is an Adam run, else the first.
    let adam_ok = |j: usize| {
        app.model
            .scene
            .optimizers
            .get(j)
            .is_some_and(|s| has_bias_correction(s.kind))
    };
    if !ins.selected.is_some_and(adam_ok) {
        ins.selected = (0..app.model.scene.optimizers.len()).find(|&j| adam_ok(j));
    }
    let key = (
        ins.generation,
        app.model.t,
        lang,
        ins.selected,
        app.model.hidden.clone(),
    );
    if ins.shown.as_ref() == Some(&key) {
        return Ok(());
    }
    ins.shown = Some(key);
    let doc = &app.doc;
    let body: Element = by_id(doc, "state-body")?;
    body.set_text_content(None);
    let mut intro = trf(
        lang,
        "state.step",
        &[&k.to_string(), &app.model.t.to_string()],
    );
    if k > app.model.scene.steps {
        intro.push(' ');
        intro.push_str(tr(lang, "state.beyond"));
    }
    add(
        &body,
        &el(
            doc,
            "p",
            &[("class", "state-step"), ("data-k", &k.to_string())],
            Some(&intro),
        )?,
    )?;
    add(
        &body,
        &el(
            doc,
            "p",
            &[("class", "hint")],
            Some(tr(lang, "state.arrows")),
        )?,
    )?;
    let mut chart = None;
    match ins.selected {
        Some(sel) => {
            let insp = insps.get(sel).and_then(|(_, x)| x.as_ref());
            add(
                &body,
                &bias_section(doc, lang, &app.model.scene, sel, insp, k)?,
            )?;
            let steps = app.model.scene.steps.clamp(20, 50);
            let len = if k > steps { k.min(1000) } else { steps };
            let fresh = matches!(&ins.series, Some((g, s, l, _)) if *g == ins.generation && *s == sel && *l == len);
            if !fresh {
                ins.series = Some((
                    ins.generation,
                    sel,
                    len,
                    bias_series(&app.model.scene, sel, len),
                ));
            }
            chart = Some(k);
        }
        None => {
            add(
                &body,
                &el(
                    doc,
                    "p",
                    &[("class", "hint")],
                    Some(tr(lang, "state.bias.none")),
                )?,
            )?;
        }
    }
    if let Some(sec) = l2_section(doc, lang, &insps, l2)? {
        add(&body, &sec)?;
    }
    let runs = el(
        doc,
        "div",
        &[("class", "state-runs"), ("id", "state-runs")],
        None,
    )?;
    for (j, x) in &insps {
        let label = format!(
            "{}. {}",
            j + 1,
            opt_label(&app.model.scene.optimizers[*j], lang)
        );
        let stop = ins.steppers[*j].as_ref().and_then(|s| s.stopped_at());
        let card = inspection_card(doc, lang, *j, &label, x.as_ref().ok_or(stop))?;
        add(&runs, &card)?;
    }
    add(&body, &runs)?;
    if let (Some(k), Some((_, _, _, series))) = (chart, &ins.series) {
        if let Ok(c) = by_id::<HtmlCanvasElement>(doc, "bias-chart") {
            draw_bias_chart(&c, dpr, series, k, is_dark)?;
        }
    }
    Ok(())
}

/// Forget what the DOM shows, so the next draw rebuilds it (the language
/// or the chosen run changed).
fn invalidate(app: &mut App) {
    app.inspector.shown = None;
}

/// Open the panel for the lessons about its subject (8: bias correction,
/// 9: Adam+L2 vs AdamW) — not in an embedded figure, which hides it.
pub fn open_for_lesson(doc: &Document, lesson: Option<usize>) -> Result<(), JsValue> {
    let embedded = doc.body().is_some_and(|b| b.class_list().contains("embed"));
    if matches!(lesson, Some(8) | Some(9)) && !embedded {
        if let Some(p) = doc.get_element_by_id("state-panel") {
            p.set_attribute("open", "")?;
        }
    }
    Ok(())
}

/// The language changed: re-render the panel in it.
pub fn on_lang(app: &mut App) -> Result<(), JsValue> {
    invalidate(app);
    app.draw()
}

/// Listeners: opening/closing the panel, the bias chart's run.
pub fn wire(doc: &Document) -> Result<(), JsValue> {
    let panel: Element = by_id(doc, "state-panel")?;
    on(&panel, "toggle", |_: web_sys::Event| {
        with_app(|app| {
            invalidate(app);
            app.draw()
        });
    })?;
    on(&panel, "change", |e: web_sys::Event| {
        let Some(sel) = e
            .target()
            .and_then(|t| t.dyn_into::<HtmlSelectElement>().ok())
            .filter(|s| s.id() == "state-run")
        else {
            return;
        };
        let v = sel.value().parse::<usize>().ok();
        with_app(|app| {
            app.inspector.selected = v;
            invalidate(app);
            app.draw()
        });
    })?;
    Ok(())
}
