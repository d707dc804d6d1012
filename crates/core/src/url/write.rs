//! Writing a scene as a link.

use crate::landscape::View;
use crate::optim::{Convention, HyperKey, Key, OptSpec};
use crate::scene::{optimizer_value_keeping, Scene};
use serde_json::Value;

fn num(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        // No '+' in an exponent: in a query it would read back as a space.
        Value::from(v).to_string().replace("e+", "e")
    }
}

/// How far outward each edge of a written view may move, as a share of its
/// axis's span. Views come from "fit trails", zoom and pan with all of
/// f64's 17 digits; a link needs only what shows. The writer knows no
/// pixels (the link opens on a phone and on a 4K projector alike), so the
/// bound is relative: 1e-5 of the span is a twentieth of a device pixel on
/// a canvas 5000 device pixels wide, and leaves 4–6 significant digits.
pub const VIEW_PRECISION: f64 = 1e-5;

/// The window a link carries for `w` (and reads back exactly): each edge
/// moved outward to its shortest decimal within [`VIEW_PRECISION`] of its
/// span. It holds the exact window (every point "fit trails" fitted stays
/// inside) and never narrows, so it is never below the reader's least span.
pub fn written_view(w: &View) -> View {
    let (tx, ty) = (w.width() * VIEW_PRECISION, w.height() * VIEW_PRECISION);
    View::new(
        [outward(w.x0, -tx), outward(w.x1, tx)],
        [outward(w.y0, -ty), outward(w.y1, ty)],
    )
}

/// The number with the fewest significant digits between `v` and
/// `v + reach` (either sign of `reach`); `v` itself at 17 digits.
fn outward(v: f64, reach: f64) -> f64 {
    let (lo, hi) = if reach < 0.0 {
        (v + reach, v)
    } else {
        (v, v + reach)
    };
    (1..=17usize)
        .find_map(|digits| {
            let near = format!("{v:.*e}", digits - 1);
            let exp: i32 = near.split_once('e')?.1.parse().ok()?;
            let r: f64 = near.parse().ok()?;
            // The nearest d-digit decimal lies inward: take its outward
            // neighbour, formatted again to drop the step's float noise.
            let step = 10f64.powi(exp + 1 - digits as i32).copysign(reach);
            let r = match (r - v) * reach < 0.0 {
                true => format!("{:.*e}", digits - 1, r + step).parse().ok()?,
                false => r,
            };
            (lo..=hi).contains(&r).then_some(r)
        })
        .unwrap_or(v)
}

/// The arguments of `s` that its link writes, those off their defaults,
/// as the link writes them (`T_max=7` for `cosine(T_max=7)`; empty for
/// `cosine()`): what tells two schedules of one kind apart.
pub fn schedule_args(s: &crate::schedule::Schedule) -> String {
    let w = super::schedule::write(&crate::scene::schedule_value(s), &val);
    match w.split_once('(') {
        Some((_, rest)) => rest.strip_suffix(')').unwrap_or(rest).to_string(),
        None => String::new(),
    }
}

fn val(v: &Value) -> String {
    match v {
        // A pair of numbers (Rprop's etas, step_sizes): `0.5~1.2` (see
        // `PAIR` in mod.rs).
        Value::Array(a) => a.iter().map(val).collect::<Vec<_>>().join(super::PAIR),
        // A choice: its name, without JSON's quotes.
        Value::String(s) => s.clone(),
        _ => match v.as_f64() {
            Some(x) if v.is_f64() => num(x),
            _ => v.to_string(),
        },
    }
}

/// The query string (without `?`) of a scene and, optionally, a current step.
pub fn to_query(scene: &Scene, t: Option<usize>) -> String {
    let v = scene.to_value();
    let mut parts: Vec<String> = Vec::new();
    let l = &v["landscape"];
    parts.push(format!("f={}", l["kind"].as_str().unwrap_or("quadratic")));
    if let Some(o) = l.as_object() {
        for (k, x) in o {
            match (k.as_str(), x.as_str()) {
                ("kind", _) => {}
                ("expr", Some(text)) => parts.push(format!("expr={}", encode_expr(text))),
                _ => parts.push(format!("{k}={}", val(x))),
            }
        }
    }
    parts.push(format!(
        "start={},{}",
        num(scene.start[0]),
        num(scene.start[1])
    ));
    parts.push(format!("steps={}", scene.steps));
    parts.push(format!("conv={}", scene.convention.name()));
    // Both whenever either differs from the default: a seed kept with σ = 0
    // is part of the scene (it comes back into play when σ is raised).
    if scene.noise.sigma > 0.0 || scene.noise.seed != 0 {
        parts.push(format!("sigma={}", num(scene.noise.sigma)));
        parts.push(format!("seed={}", scene.noise.seed));
    }
    if let Some(w) = scene.view.as_ref().map(written_view) {
        parts.push(format!(
            "view={},{},{},{}",
            num(w.x0),
            num(w.x1),
            num(w.y0),
            num(w.y1)
        ));
    }
    let opts: Vec<String> = scene
        .optimizers
        .iter()
        .map(|spec| {
            let o = short_optimizer(spec, scene.convention);
            let kind = spec.kind.name();
            let kv: Vec<String> = o
                .as_object()
                .map(|m| {
                    m.iter()
                        .filter(|(k, _)| *k != "kind")
                        .map(|(k, x)| match k.as_str() {
                            "schedule" => format!("{k}={}", super::schedule::write(x, &val)),
                            _ => format!("{k}={}", val(x)),
                        })
                        .collect()
                })
                .unwrap_or_default();
            format!("{kind}:{}", kv.join(","))
        })
        .collect();
    let opts = match opts.is_empty() {
        true => super::NO_OPTIMIZERS.to_string(),
        false => opts.join(";"),
    };
    parts.push(format!("opt={opts}"));
    if let Some(t) = t {
        parts.push(format!("t={t}"));
    }
    parts.join("&")
}

/// An optimizer as a link writes it: η always (what a figure is about, and
/// 400× apart between the conventions' defaults, so a reader should not have
/// to know them), every other key only where it differs from the
/// convention's default, which the reader takes for an omitted key.
fn short_optimizer(spec: &OptSpec, conv: Convention) -> Value {
    let defaults = spec.kind.defaults(conv);
    optimizer_value_keeping(spec, |k| {
        k == Key::Hyper(HyperKey::Lr) || k.get(&spec.hyper) != k.get(&defaults)
    })
}

/// A formula for a query value: only what would change its meaning is
/// escaped (`%`, `&`, `#`, `+`, `=`, spaces, controls and non-ASCII), so
/// `0.1*x^2%2B2*y^2` stays readable. Keys typed in a CJK input method's
/// full-width mode are written as their ASCII (`（x－1）＾2` as `(x-1)^2`,
/// which reads the same: [`crate::format::typed_ascii`]), not as
/// `%EF%BC%88x%EF%BC%8D1…`.
fn encode_expr(text: &str) -> String {
    let text: String = text.chars().map(crate::format::typed_ascii).collect();
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        match b {
            b'%'
            | b'&'
            | b'#'
            | b'+'
            | b'='
            | b' '
            | b'"'
            | b'<'
            | b'>'
            | b'`'
            | 0..=31
            | 127.. => out.push_str(&format!("%{b:02X}")),
            _ => out.push(b as char),
        }
    }
    out
}
