//! The URL form of a scene: readable and editable by hand.
//!
//! `?f=quadratic&a=0.1&b=2&start=-5,-2&steps=20&conv=d2l&opt=gd:lr=0.4;momentum:lr=0.4,gamma=0.5&t=20`
//!
//! | key | meaning |
//! |---|---|
//! | `f` | landscape kind; its parameters as `a`, `b`, `rotation`, or `expr` (the formula of `f=expr`) |
//! | `start` | `x,y` |
//! | `steps` | 0..=100000 |
//! | `conv` | `d2l` or `pytorch` |
//! | `sigma`, `seed` | gradient noise |
//! | `view` | `x0,x1,y0,y1` |
//! | `opt` | optimizers separated by `;`, each `kind:key=value,key=value` (booleans `true`/`false`) |
//! | `t` | the current step |
//!
//! Reading is lenient where the scene JSON is strict: a value that is
//! unknown or out of range is dropped (its default is used) and reported in
//! a notice naming it, so a hand-edited link still opens a valid page that
//! the controls could have produced.

use crate::landscape::Expr;
use crate::scene::{Scene, SceneError};
use serde_json::{Map, Value};

fn num(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        // No '+' in an exponent: in a query it would read back as a space.
        Value::from(v).to_string().replace("e+", "e")
    }
}

fn val(v: &Value) -> String {
    match v.as_f64() {
        Some(x) if v.is_f64() => num(x),
        _ => v.to_string(),
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
    if let Some(w) = scene.view {
        parts.push(format!(
            "view={},{},{},{}",
            num(w.x0),
            num(w.x1),
            num(w.y0),
            num(w.y1)
        ));
    }
    let opts: Vec<String> = v["optimizers"]
        .as_array()
        .map(|a| a.as_slice())
        .unwrap_or(&[])
        .iter()
        .map(|o| {
            let kind = o["kind"].as_str().unwrap_or("gd");
            let kv: Vec<String> = o
                .as_object()
                .map(|m| {
                    m.iter()
                        .filter(|(k, _)| *k != "kind")
                        .map(|(k, x)| format!("{k}={}", val(x)))
                        .collect()
                })
                .unwrap_or_default();
            format!("{kind}:{}", kv.join(","))
        })
        .collect();
    parts.push(format!("opt={}", opts.join(";")));
    if let Some(t) = t {
        parts.push(format!("t={t}"));
    }
    parts.join("&")
}

/// A formula for a query value: only what would change its meaning is
/// escaped (`%`, `&`, `#`, `+`, `=`, spaces, controls and non-ASCII), so
/// `0.1*x^2%2B2*y^2` stays readable.
fn encode_expr(text: &str) -> String {
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

/// The formula of an `expr=` value. A literal `+` is a plus (people type
/// `x^2+y^2` into the address bar); but when that does not parse and the
/// form-encoded reading (`+` = space, as `URLSearchParams` writes spaces)
/// does, the latter is meant. A formula never has a valid reading with a
/// `+` next to an operator, bracket, comma or either end, which is where
/// form-encoded spaces sit, so the two readings cannot both parse.
fn decode_expr(raw: &str) -> String {
    let literal = decode(&raw.replace('+', "%2B"));
    if Expr::parse(&literal).is_ok() {
        return literal;
    }
    let spaced = decode(raw);
    if Expr::parse(&spaced).is_ok() {
        spaced
    } else {
        literal
    }
}

fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3])
                    .ok()
                    .and_then(|h| u8::from_str_radix(h, 16).ok());
                match hex {
                    Some(b) => {
                        out.push(b);
                        i += 2;
                    }
                    None => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn number_or_text(s: &str) -> Value {
    // `1e+41` typed into the address bar arrives as `1e 41`.
    let fixed;
    let s = if s.contains(' ') && s.replace(' ', "+").parse::<f64>().is_ok() {
        fixed = s.replace(' ', "+");
        fixed.as_str()
    } else {
        s
    };
    match s {
        "true" => Value::Bool(true),
        "false" => Value::Bool(false),
        _ => match s.parse::<f64>() {
            Ok(x) if x.is_finite() => {
                if x.fract() == 0.0 && x.abs() < 9.0e15 && !s.contains(['.', 'e', 'E']) {
                    Value::from(x as i64)
                } else {
                    Value::from(x)
                }
            }
            _ => Value::String(s.to_string()),
        },
    }
}

fn list(s: &str) -> Value {
    Value::Array(s.split(',').map(|x| number_or_text(x.trim())).collect())
}

/// The page's own keys of a link, besides the scene: the lesson and the
/// language.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PageParams {
    /// `lesson=N`, a lesson that exists.
    pub lesson: Option<usize>,
    /// `lang=…` as written (decoded); `gradscape_text::Lang::from_code`
    /// reads it.
    pub lang: Option<String>,
    /// Whether the link also says something about the scene (then the link's
    /// scene is shown with the lesson's caption; otherwise the lesson's scene).
    pub has_scene: bool,
}

/// The lesson and language of a query (a lesson that does not exist is left out).
pub fn page_params(query: &str) -> PageParams {
    let mut p = PageParams::default();
    for pair in query
        .trim_start_matches('?')
        .split('&')
        .filter(|x| !x.is_empty())
    {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        match k {
            "lesson" => {
                p.lesson = v
                    .parse::<usize>()
                    .ok()
                    .filter(|&n| crate::lesson::lesson(n).is_some())
            }
            "lang" => p.lang = Some(decode(v)),
            "t" | "embed" | "hide" | "show" | "ema" => {}
            _ => p.has_scene = true,
        }
    }
    p
}

/// Why a value of a link was dropped or changed (the text layer words it).
#[derive(Debug, Clone, PartialEq)]
pub enum Notice {
    /// A scene field the scene reader refused; it was left out.
    Dropped(SceneError),
    /// `view=` is not four numbers.
    BadView {
        /// The value as written.
        got: String,
    },
    /// `t=` is not a step number.
    BadStep {
        /// The value as written.
        got: String,
    },
    /// `t=` beyond the scene's steps; set to `steps`.
    StepTooLarge {
        /// The value given.
        got: usize,
        /// The scene's steps.
        steps: usize,
    },
    /// A key the link does not know.
    UnknownKey {
        /// The key as written.
        key: String,
    },
    /// Nothing could be read; the default scene is shown.
    Unreadable,
}

/// A scene from a query string (with or without `?`), the current step if
/// given, and one notice per value that was dropped.
pub fn from_query(query: &str) -> (Scene, Option<usize>, Vec<Notice>) {
    let q = query.trim_start_matches('?');
    let mut notices = Vec::new();
    let mut scene = Map::new();
    let mut landscape = Map::new();
    let mut noise = Map::new();
    let mut t = None;
    for pair in q.split('&').filter(|p| !p.is_empty()) {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        let raw = v;
        let (k, v) = (decode(k), decode(v));
        match k.as_str() {
            "expr" => {
                landscape.insert("expr".into(), Value::String(decode_expr(raw)));
            }
            "f" => {
                landscape.insert("kind".into(), Value::String(v));
            }
            "a" | "b" | "rotation" => {
                landscape.insert(k.clone(), number_or_text(&v));
            }
            "start" => {
                scene.insert("start".into(), list(&v));
            }
            "steps" => {
                scene.insert("steps".into(), number_or_text(&v));
            }
            "conv" => {
                scene.insert("convention".into(), Value::String(v));
            }
            "sigma" => {
                noise.insert("sigma".into(), number_or_text(&v));
            }
            "seed" => {
                noise.insert("seed".into(), number_or_text(&v));
            }
            "view" => {
                let xs = list(&v);
                let a = xs.as_array().cloned().unwrap_or_default();
                if a.len() == 4 {
                    let mut o = Map::new();
                    o.insert("x".into(), Value::Array(a[0..2].to_vec()));
                    o.insert("y".into(), Value::Array(a[2..4].to_vec()));
                    scene.insert("view".into(), Value::Object(o));
                } else {
                    notices.push(Notice::BadView { got: v });
                }
            }
            "opt" => {
                let mut opts = Vec::new();
                for item in v.split(';').filter(|s| !s.trim().is_empty()) {
                    let (kind, rest) = item.split_once(':').unwrap_or((item, ""));
                    let mut o = Map::new();
                    o.insert("kind".into(), Value::String(kind.trim().to_string()));
                    for kv in rest.split(',').filter(|s| !s.trim().is_empty()) {
                        let (pk, pv) = kv.split_once('=').unwrap_or((kv, ""));
                        o.insert(pk.trim().to_string(), number_or_text(pv.trim()));
                    }
                    opts.push(Value::Object(o));
                }
                scene.insert("optimizers".into(), Value::Array(opts));
            }
            "t" => match v.parse::<usize>() {
                Ok(x) => t = Some(x),
                Err(_) => notices.push(Notice::BadStep { got: v }),
            },
            // Keys of other features (language, lesson, embedding, the EMA
            // explainer's γ) are not scene keys; `page_params` reads the first
            // two, the page's explainer `ema`.
            "lang" | "lesson" | "embed" | "hide" | "show" | "ema" => {}
            _ => notices.push(Notice::UnknownKey { key: k }),
        }
    }
    if landscape.contains_key("expr") && !landscape.contains_key("kind") {
        landscape.insert("kind".into(), "expr".into());
    }
    if !landscape.is_empty() {
        scene.insert("landscape".into(), Value::Object(landscape));
    }
    if !noise.is_empty() {
        scene.insert("noise".into(), Value::Object(noise));
    }
    let mut value = Value::Object(scene);
    // Drop what the strict parser refuses, one field at a time.
    for _ in 0..64 {
        match Scene::from_value(&value) {
            Ok(s) => {
                let t = t.map(|t| {
                    if t > s.steps {
                        notices.push(Notice::StepTooLarge {
                            got: t,
                            steps: s.steps,
                        });
                    }
                    t.min(s.steps)
                });
                return (s, t, notices);
            }
            Err(e) => {
                let field = e.field.clone();
                notices.push(Notice::Dropped(e));
                if !remove(&mut value, &field) {
                    break;
                }
            }
        }
    }
    notices.push(Notice::Unreadable);
    (Scene::default(), None, notices)
}

/// Remove the value at a scene-error path (`optimizers[1].lr`, `start[0]`,
/// `landscape.kind`, …); an optimizer's bad `kind` removes the optimizer,
/// a bad element of a pair removes the pair.
fn remove(v: &mut Value, field: &str) -> bool {
    let field = field.split('[').next().map(|head| {
        // Keep `optimizers[i]` indexing, drop pair indices like `start[0]`.
        if head == "optimizers" {
            field
        } else {
            head
        }
    });
    let Some(field) = field else { return false };
    if let Some(rest) = field.strip_prefix("optimizers[") {
        let Some((idx, tail)) = rest.split_once(']') else {
            return false;
        };
        let Ok(i) = idx.parse::<usize>() else {
            return false;
        };
        let Some(list) = v.get_mut("optimizers").and_then(|o| o.as_array_mut()) else {
            return false;
        };
        if i >= list.len() {
            return false;
        }
        let key = tail.trim_start_matches('.');
        if key.is_empty() || key == "kind" {
            list.remove(i);
            return true;
        }
        return list[i]
            .as_object_mut()
            .map(|o| o.remove(key).is_some())
            .unwrap_or(false);
    }
    if field == "optimizers" {
        if let Some(list) = v.get_mut("optimizers").and_then(|o| o.as_array_mut()) {
            if list.len() > 16 {
                list.truncate(16);
                return true;
            }
        }
        return v
            .as_object_mut()
            .map(|o| o.remove("optimizers").is_some())
            .unwrap_or(false);
    }
    let mut parts = field.split('.');
    let head = parts.next().unwrap_or("");
    match parts.next() {
        None => v
            .as_object_mut()
            .map(|o| o.remove(head).is_some())
            .unwrap_or(false),
        Some("kind") => v
            .as_object_mut()
            .map(|o| o.remove(head).is_some())
            .unwrap_or(false),
        Some(key) => v
            .get_mut(head)
            .and_then(|o| o.as_object_mut())
            .map(|o| o.remove(key.split('[').next().unwrap_or(key)).is_some())
            .unwrap_or(false),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_scene_round_trips_and_reads_well() {
        let s = Scene::default();
        let q = to_query(&s, Some(20));
        assert_eq!(
            q,
            "f=quadratic&a=0.1&b=2&start=-5,-2&steps=20&conv=d2l&opt=gd:lr=0.4;momentum:lr=0.4,gamma=0.5,nesterov=false&t=20"
        );
        let (back, t, notes) = from_query(&q);
        assert_eq!(back, s);
        assert_eq!(t, Some(20));
        assert!(notes.is_empty(), "{notes:?}");
    }

    #[test]
    fn a_hand_written_link_works() {
        let (s, t, notes) = from_query(
            "?f=quadratic&a=0.1&b=2&start=-5,-2&opt=gd:lr=0.4;momentum:lr=0.4,gamma=0.5",
        );
        assert!(notes.is_empty(), "{notes:?}");
        assert_eq!(s, Scene::default());
        assert_eq!(t, None);
    }

    #[test]
    fn bad_values_are_dropped_with_a_notice_naming_them() {
        let (s, t, notes) = from_query(
            "f=rosenbrock&start=1e300,2&steps=999999&opt=adam:lr=-1,beta3=2;nope:lr=1;gd:lr=0.01&t=7&zoom=3&conv=keras",
        );
        let all = format!("{notes:?}");
        for needle in [
            "start",
            "steps",
            "optimizers[0].beta3",
            "optimizers[0].lr",
            "nope",
            "zoom",
            "convention",
        ] {
            assert!(all.contains(needle), "{needle} missing from {all}");
        }
        assert_eq!(s.landscape.kind(), "rosenbrock");
        assert_eq!(s.start, s.landscape.default_start());
        assert_eq!(s.steps, 20);
        assert_eq!(s.optimizers.len(), 2);
        assert_eq!(s.optimizers[1].hyper.lr, 0.01);
        assert_eq!(t, Some(7));
        let (_, t, notes) = from_query("steps=5&t=9");
        assert_eq!(t, Some(5));
        assert_eq!(notes[0], Notice::StepTooLarge { got: 9, steps: 5 });
    }

    #[test]
    fn every_optimizer_and_flag_round_trips() {
        let s = Scene::from_json(
            r#"{"landscape":{"kind":"quadratic","a":0.5,"b":3,"rotation":30},"convention":"pytorch","noise":{"sigma":0.25,"seed":9},
               "view":{"x":[-2,2],"y":[-1,1]},
               "optimizers":[{"kind":"adam","bias_correction":false,"amsgrad":true,"eps":1e-8},{"kind":"momentum","nesterov":true},
                             {"kind":"nadam","momentum_decay":0.01},{"kind":"adadelta","gamma":0.95},{"kind":"adamw","lambda":0.1}]}"#,
        )
        .unwrap();
        let (back, _, notes) = from_query(&to_query(&s, None));
        assert!(notes.is_empty(), "{notes:?}");
        assert_eq!(back, s);
    }

    /// Found by the url_query fuzzer: a seed with σ = 0 was dropped from the
    /// link, so the link did not say what the page showed.
    #[test]
    fn a_seed_without_noise_survives_the_link() {
        let s = Scene::from_json(r#"{"noise":{"sigma":0,"seed":3}}"#).unwrap();
        let q = to_query(&s, None);
        assert!(q.contains("seed=3"), "{q}");
        assert_eq!(from_query(&q).0, s);
    }

    #[test]
    fn formulas_travel_in_the_link() {
        let s = Scene::from_json(
            r#"{"landscape":{"kind":"expr","expr":"sin(x)*cos(y) + 0.05*(x^2+y^2) % 1"}}"#,
        );
        assert!(s.is_err(), "'%' is not in the language");
        let s = Scene::from_json(
            r#"{"landscape":{"kind":"expr","expr":"sin(x)*cos(y) + 0.05*(x^2 + y^2)"}}"#,
        )
        .unwrap();
        let q = to_query(&s, None);
        assert!(
            q.starts_with("f=expr&expr=sin(x)*cos(y)%20%2B%200.05*(x^2%20%2B%20y^2)&"),
            "{q}"
        );
        let (back, _, notes) = from_query(&q);
        assert!(notes.is_empty(), "{notes:?}");
        assert_eq!(back, s);
    }

    #[test]
    fn a_typed_plus_and_a_form_encoded_space_both_read_right() {
        let src = |q: &str| match from_query(q).0.landscape {
            crate::landscape::Landscape::Expr(e) => e.source().to_string(),
            other => panic!("not an expr: {other:?}"),
        };
        // Typed by hand into the address bar: '+' is a plus.
        assert_eq!(src("f=expr&expr=x^2+10*y^2"), "x^2+10*y^2");
        // Written by URLSearchParams: '+' is a space, '%2B' a plus.
        assert_eq!(src("f=expr&expr=x%5E2+%2B+10*y%5E2"), "x^2 + 10*y^2");
        // `expr` alone implies f=expr.
        assert_eq!(src("expr=abs(x)+abs(y)"), "abs(x)+abs(y)");
    }

    #[test]
    fn a_bad_formula_in_a_link_is_named_and_the_default_formula_used() {
        let (s, _, notes) = from_query("f=expr&expr=sin(x");
        assert_eq!(s.landscape.formula(), "f = 0.1*x^2 + 2*y^2");
        assert_eq!(notes.len(), 1, "{notes:?}");
        match &notes[0] {
            Notice::Dropped(e) => {
                assert_eq!(e.field, "landscape.expr");
                assert_eq!(
                    e.formula.as_ref().map(|f| (f.column, f.msg.key)),
                    Some((6, "expr.close-missing"))
                );
            }
            other => panic!("{other:?}"),
        }
    }

    /// Found by the scene_json and url_query fuzzers: huge numbers were
    /// written as `1.6666666666666666e+41`, and the `+` read back as a space.
    #[test]
    fn huge_and_tiny_numbers_survive_the_link() {
        let s = Scene::from_json(
            r#"{"start":[1.5e11,-2.5e-300],"view":{"x":[-1e11,1.5e11],"y":[-3e-7,2e-7]},
               "optimizers":[{"kind":"gd","lr":1.6666666666666666e41},{"kind":"adamw","eps":1e-300,"lambda":1.5e20}]}"#,
        )
        .unwrap();
        let q = to_query(&s, None);
        assert!(!q.contains('+'), "{q}");
        let (back, _, notes) = from_query(&q);
        assert!(notes.is_empty(), "{notes:?}");
        assert_eq!(back, s);
        // Typed by hand with a '+' in the exponent.
        let (s, _, notes) = from_query("opt=gd:lr=1e+3");
        assert!(notes.is_empty(), "{notes:?}");
        assert_eq!(s.optimizers[0].hyper.lr, 1000.0);
    }

    #[test]
    fn lesson_and_language_are_page_keys() {
        let p = page_params("?lesson=3&lang=zh");
        assert_eq!(
            p,
            PageParams {
                lesson: Some(3),
                lang: Some("zh".into()),
                has_scene: false
            }
        );
        let p = page_params("lesson=12&f=saddle&t=4&embed");
        assert_eq!((p.lesson, p.lang, p.has_scene), (None, None, true));
        assert_eq!(page_params("lang=zh-CN&t=3").lang.as_deref(), Some("zh-CN"));
        // The scene reader ignores them without a notice.
        assert!(from_query("lesson=3&lang=zh").2.is_empty());
    }
}
