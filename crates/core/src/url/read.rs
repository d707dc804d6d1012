//! Reading a link: lenient, one notice per value dropped.

use super::schedule::split_top;
use super::Notice;
use crate::landscape::Expr;
use crate::scene::Scene;
use serde_json::{Map, Value};

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

/// The optimizers of an `opt=` value, `;` between them. A link typed by
/// hand with commas instead is read as its writer meant, where no other
/// reading exists: `gd,momentum` (every part a kind) as `gd;momentum`, and
/// `gd,lr=0.5` (a kind, then keys) as `gd:lr=0.5`; anything else stays as
/// written, and a bad kind is said as before.
fn opt_items(v: &str) -> Vec<String> {
    let is_kind = |s: &str| crate::optim::OptKind::from_name(s.trim()).is_some();
    let mut out = Vec::new();
    for item in split_top(v, ';') {
        if item.trim().is_empty() {
            continue;
        }
        let parts = split_top(item, ',');
        if item.contains(':') || parts.len() < 2 || !is_kind(parts[0]) {
            out.push(item.to_string());
        } else if parts.iter().all(|p| is_kind(p)) {
            out.extend(parts.iter().map(|p| p.trim().to_string()));
        } else if parts[1..].iter().all(|p| p.contains('=')) {
            out.push(format!("{}:{}", parts[0].trim(), parts[1..].join(",")));
        } else {
            out.push(item.to_string());
        }
    }
    out
}

pub(super) fn decode(s: &str) -> String {
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
    // Typed in full width (`lr=０．１`, as the fields read it).
    let ascii: String;
    let s = if s.is_ascii() {
        s
    } else {
        ascii = s.chars().map(crate::format::typed_ascii).collect();
        ascii.as_str()
    };
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
        // A whole number written as one is an integer, read exactly: a
        // seed up to 2^53 − 1 (the f64 path cut off at 9e15 and refused
        // seed=9000000000000000, a proptest found).
        _ => match (
            s.contains(['.', 'e', 'E']),
            s.parse::<i64>(),
            s.parse::<f64>(),
        ) {
            (false, Ok(n), _) => Value::from(n),
            (_, _, Ok(x)) if x.is_finite() => Value::from(x),
            _ => Value::String(s.to_string()),
        },
    }
}

fn list(s: &str) -> Value {
    Value::Array(s.split(',').map(|x| number_or_text(x.trim())).collect())
}

/// A scene from a query string (with or without `?`), the current step if
/// given, and one notice per value that was dropped.
pub fn from_query(query: &str) -> (Scene, Option<usize>, Vec<Notice>) {
    from_query_over(query, None)
}

/// [`from_query`] over a scene `base` (a lesson's): the link's scene keys
/// replace the base's (`steps`, `start`, `opt`, the surface as a whole,
/// …), the others keep the base's values, and a value dropped at a key's
/// top level gives the base's back (`?lesson=8&steps=abc` is lesson 8, said;
/// `?lesson=8&steps=50` is lesson 8 with 50 steps, not the default scene
/// under lesson 8's caption).
pub fn from_query_over(query: &str, base: Option<&Scene>) -> (Scene, Option<usize>, Vec<Notice>) {
    let q = query.trim_start_matches('?');
    let mut notices = Vec::new();
    // The link's optimizers as written (none asked with `opt=none`).
    let mut opt_text: Option<String> = None;
    let mut scene = Map::new();
    let mut landscape = Map::new();
    let mut noise = Map::new();
    let mut t = None;
    let mut seen: Vec<String> = Vec::new();
    for pair in q.split('&').filter(|p| !p.is_empty()) {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        let raw = v;
        let (k, v) = (decode(k), decode(v));
        // The last of a repeated key is used, said once.
        let counted = super::SCENE_KEYS.contains(&k.as_str()) || k == "t" || k == super::quiz::KEY;
        if counted && seen.contains(&k) {
            if !notices
                .iter()
                .any(|n| matches!(n, Notice::Repeated { key } if *key == k))
            {
                notices.push(Notice::Repeated { key: k.clone() });
            }
        } else if counted {
            seen.push(k.clone());
        }
        match k.as_str() {
            "expr" => {
                landscape.insert("expr".into(), Value::String(decode_expr(raw)));
            }
            // `Rosenbrock`, `D2L`: names are read as `opt`'s kinds are.
            "f" => {
                landscape.insert("kind".into(), Value::String(v.trim().to_ascii_lowercase()));
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
                scene.insert(
                    "convention".into(),
                    Value::String(v.trim().to_ascii_lowercase()),
                );
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
            "opt" if v.trim() == super::NO_OPTIMIZERS => {
                // The last `opt=` counts: `none` after a refused one is none.
                opt_text = None;
                scene.insert("optimizers".into(), Value::Array(Vec::new()));
            }
            "opt" => {
                opt_text = Some(v.clone());
                // `;` and `,` inside a schedule's parentheses are its own.
                let items = opt_items(&v);
                if items.is_empty() {
                    // Dropped as any empty value is (`steps=`): the default
                    // optimizers, said; not a page without runs.
                    notices.push(Notice::NoOptimizer { got: v });
                    continue;
                }
                let mut opts = Vec::new();
                for item in &items {
                    let (kind, rest) = item.split_once(':').unwrap_or((item, ""));
                    let mut o = Map::new();
                    // `Adam`, `RMSprop`, as the page and torch spell them.
                    o.insert(
                        "kind".into(),
                        Value::String(kind.trim().to_ascii_lowercase()),
                    );
                    let kvs: Vec<&str> = split_top(rest, ',')
                        .into_iter()
                        .filter(|s| !s.trim().is_empty())
                        .collect();
                    // `lr=0,5`: a decimal comma, never guessed (a field
                    // refuses `0,5` too); both halves are dropped, said.
                    let digits = |s: &str| {
                        let s = s.trim();
                        !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
                    };
                    let mut skip = vec![false; kvs.len()];
                    for j in 1..kvs.len() {
                        if let Some((pk, pv)) = kvs[j - 1].split_once('=') {
                            if !skip[j - 1] && digits(pv) && digits(kvs[j]) {
                                skip[j - 1] = true;
                                skip[j] = true;
                                notices.push(Notice::DecimalComma {
                                    key: pk.trim().to_string(),
                                    got: format!("{},{}", pv.trim(), kvs[j].trim()),
                                });
                            }
                        }
                    }
                    for (kv, _) in kvs.iter().zip(&skip).filter(|(_, s)| !**s) {
                        let kv = *kv;
                        let (pk, pv) = kv.split_once('=').unwrap_or((kv, ""));
                        let pv = pv.trim();
                        let value = if pk.trim() == "schedule" {
                            let s = super::schedule::parse(pv, &number_or_text);
                            // `step(`, `a()b()`: parentheses that do not
                            // close around one schedule; said as such (it
                            // was "must be an object").
                            if matches!(&s, Value::String(t) if t.contains(['(', ')'])) {
                                notices.push(Notice::BadSchedule {
                                    got: pv.to_string(),
                                });
                                continue;
                            }
                            s
                        } else {
                            match pv.split_once(super::PAIR) {
                                Some((a, b)) => Value::Array(vec![
                                    number_or_text(a.trim()),
                                    number_or_text(b.trim()),
                                ]),
                                None => number_or_text(pv),
                            }
                        };
                        o.insert(pk.trim().to_string(), value);
                    }
                    opts.push(Value::Object(o));
                }
                scene.insert("optimizers".into(), Value::Array(opts));
            }
            "t" => match v.parse::<usize>() {
                Ok(x) => t = Some(x),
                Err(_) => notices.push(Notice::BadStep { got: v }),
            },
            // The page's own keys (language, lesson, embedding, the EMA
            // explainer's γ): `page_params` reads them.
            k if super::PAGE_KEYS.contains(&k) => {}
            // The quiz is read against the scene (`super::quiz::read`).
            k if k == super::quiz::KEY => {}
            k if super::is_tracking(k) => {}
            _ => notices.push(Notice::UnknownKey { key: k }),
        }
    }
    if landscape.contains_key("expr") && !landscape.contains_key("kind") {
        landscape.insert("kind".into(), "expr".into());
    }
    // `a=0.5` alone changes the surface it would be (the lesson's, else the
    // default bowl); it was refused as "f: is required".
    if !landscape.is_empty() && !landscape.contains_key("kind") {
        let under = base.map_or_else(|| Scene::default().to_value(), Scene::to_value);
        if let Some(Value::Object(mut o)) = under.get("landscape").cloned() {
            o.extend(landscape);
            landscape = o;
        }
    }
    if !landscape.is_empty() {
        scene.insert("landscape".into(), Value::Object(landscape));
    }
    if !noise.is_empty() {
        scene.insert("noise".into(), Value::Object(noise));
    }
    let given: Vec<String> = scene.keys().cloned().collect();
    let base = base.map(Scene::to_value);
    let mut value = match &base {
        Some(Value::Object(b)) => {
            let mut all = b.clone();
            all.extend(scene);
            Value::Object(all)
        }
        _ => Value::Object(scene),
    };
    let mut restored: Vec<String> = Vec::new();
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
                // A whole key the link gave over the base: the base's again.
                let from_base = base
                    .as_ref()
                    .and_then(|b| b.get(&field))
                    .filter(|_| given.contains(&field) && !restored.contains(&field));
                if let (Some(b), Some(o)) = (from_base, value.as_object_mut()) {
                    o.insert(field.clone(), b.clone());
                    restored.push(field);
                } else if !remove(&mut value, &field) {
                    break;
                }
                // Every optimizer the link named refused (`opt=sgd`): the
                // default ones, said, as for an empty `opt=`; not a
                // figure without runs, which only `opt=none` asks for.
                let emptied = value
                    .get("optimizers")
                    .and_then(Value::as_array)
                    .is_some_and(Vec::is_empty);
                if let (true, Some(got), Some(o)) =
                    (emptied, opt_text.take(), value.as_object_mut())
                {
                    match base.as_ref().and_then(|b| b.get("optimizers")) {
                        Some(b) => o.insert("optimizers".into(), b.clone()),
                        None => o.remove("optimizers"),
                    };
                    notices.push(Notice::NoOptimizer { got });
                }
            }
        }
    }
    notices.push(Notice::Unreadable);
    (Scene::default(), None, notices)
}

/// Remove the value at a scene-error path (`optimizers[1].lr`, `start[0]`,
/// `landscape.kind`, …); an optimizer's bad `kind` removes the optimizer,
/// a bad element of a pair removes the pair, and a bad part of the view
/// (`view.x`, `view.y[1]`) removes the view: a window is one value, and
/// half of one is no window (it was named again as missing, then the
/// whole link was dropped).
fn remove(v: &mut Value, field: &str) -> bool {
    if field == "view" || field.starts_with("view.") || field.starts_with("view[") {
        return v
            .as_object_mut()
            .is_some_and(|o| o.remove("view").is_some());
    }
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
        if let Some(arg) = key.strip_prefix("schedule.") {
            // A bad argument goes (its default comes back); a bad kind, a
            // missing argument or a fault deeper in goes with the schedule.
            let o = list[i].as_object_mut();
            let s = o
                .and_then(|o| o.get_mut("schedule"))
                .and_then(|s| s.as_object_mut());
            if !arg.contains(['.', '['])
                && arg != "kind"
                && s.is_some_and(|s| s.remove(arg).is_some())
            {
                return true;
            }
            return list[i]
                .as_object_mut()
                .map(|o| o.remove("schedule").is_some())
                .unwrap_or(false);
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
