//! An optimizer's schedule in a link: `schedule=kind(arg=value,…)` inside
//! the optimizer's `key=value` list, lists in parentheses:
//!
//! `opt=gd:lr=0.6,schedule=step(step_size=5,gamma=0.5)`
//! `opt=adam:lr=0.1,schedule=sequential(schedulers=(linear(start_factor=0.1,total_iters=5),cosine()),milestones=(5))`
//!
//! The link's separators keep their meaning outside parentheses (`;`
//! between optimizers, `,` between keys); inside them `,` separates the
//! schedule's arguments and list entries. Nothing needs escaping.

use crate::scene::read_schedule;
use serde_json::{Map, Value};

/// Split `s` at `sep` where no parenthesis is open (everywhere when the
/// parentheses do not balance: a hand-edited link missing a `)` keeps its
/// other optimizers).
pub(super) fn split_top(s: &str, sep: char) -> Vec<&str> {
    if !balanced(s) {
        return s.split(sep).collect();
    }
    let mut out = Vec::new();
    let (mut depth, mut from) = (0i32, 0);
    for (i, c) in s.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            c if c == sep && depth <= 0 => {
                out.push(&s[from..i]);
                from = i + c.len_utf8();
            }
            _ => {}
        }
    }
    out.push(&s[from..]);
    out
}

/// Whether every `(` of `s` is closed, in order.
fn balanced(s: &str) -> bool {
    let mut level = 0i32;
    s.chars().all(|c| {
        level += match c {
            '(' => 1,
            ')' => -1,
            _ => 0,
        };
        level >= 0
    }) && level == 0
}

/// A value of the schedule syntax: `kind(k=v,…)` an object with that kind,
/// `(a,b)` a list, anything else a number, boolean or text (as `number`
/// reads it). Unbalanced or trailing text stays text, which the scene
/// reader then refuses with the field named.
pub(super) fn parse(s: &str, number: &dyn Fn(&str) -> Value) -> Value {
    let s = s.trim();
    let Some(open) = s.find('(') else {
        return number(s);
    };
    let Some(inner) = s[open + 1..].strip_suffix(')') else {
        return Value::String(s.to_string());
    };
    if !balanced(inner) {
        // `a()b()`: not one value.
        return Value::String(s.to_string());
    }
    let head = s[..open].trim();
    let items = split_top(inner, ',');
    let items = items.iter().map(|x| x.trim()).filter(|x| !x.is_empty());
    if head.is_empty() {
        return Value::Array(items.map(|x| parse(x, number)).collect());
    }
    let mut o = Map::new();
    o.insert("kind".into(), Value::String(head.to_string()));
    for kv in items {
        let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
        o.insert(k.trim().to_string(), parse(v, number));
    }
    Value::Object(o)
}

/// The schedule JSON as the link writes it, without the arguments that
/// hold their defaults (`one_cycle()`, not its ten arguments); `number`
/// writes a number.
pub(super) fn write(v: &Value, number: &dyn Fn(&Value) -> String) -> String {
    write_value(&minimal(v), number)
}

/// `v` without every argument whose removal reads back the same schedule
/// (the top level's and each `sequential` child's).
fn minimal(v: &Value) -> Value {
    let read = |x: &Value| read_schedule(x, "schedule").ok();
    let Some(want) = read(v) else {
        return v.clone();
    };
    let mut out = v.clone();
    let keys: Vec<String> = out
        .as_object()
        .map(|o| o.keys().filter(|k| *k != "kind").cloned().collect())
        .unwrap_or_default();
    for k in keys {
        let mut trial = out.clone();
        if let Some(o) = trial.as_object_mut() {
            o.remove(&k);
        }
        if read(&trial).as_ref() == Some(&want) {
            out = trial;
        }
    }
    let n = out["schedulers"].as_array().map_or(0, Vec::len);
    for i in 0..n {
        let keys: Vec<String> = out["schedulers"][i]
            .as_object()
            .map(|o| o.keys().filter(|k| *k != "kind").cloned().collect())
            .unwrap_or_default();
        for k in keys {
            let mut trial = out.clone();
            if let Some(o) = trial["schedulers"][i].as_object_mut() {
                o.remove(&k);
            }
            if read(&trial).as_ref() == Some(&want) {
                out = trial;
            }
        }
    }
    out
}

fn write_value(v: &Value, number: &dyn Fn(&Value) -> String) -> String {
    match v {
        Value::Object(o) => {
            let kind = o.get("kind").and_then(Value::as_str).unwrap_or("");
            let args: Vec<String> = o
                .iter()
                .filter(|(k, _)| *k != "kind")
                .map(|(k, x)| format!("{k}={}", write_value(x, number)))
                .collect();
            format!("{kind}({})", args.join(","))
        }
        Value::Array(a) => {
            let items: Vec<String> = a.iter().map(|x| write_value(x, number)).collect();
            format!("({})", items.join(","))
        }
        Value::String(s) => s.clone(),
        other => number(other),
    }
}
