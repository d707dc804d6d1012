//! The simulation output of the CLI and the page's downloads:
//! `{"version": 1, "runs": [{"kind", "label", "points", "loss", "stop"}]}`
//! and CSV `optimizer,step,x,y,loss`.
//!
//! η_t: a run with a schedule also has `"schedule"` (its JSON) and `"lr"`,
//! where `lr[t-1]` is the rate step t used, and, when the schedule cycles
//! the momentum, `"momentum"` (the γ or β1 of each step); runs without one
//! are written as before (η_t = η). `--state` has `lr` (and `momentum`) in
//! every step's object. The CSV keeps its five columns and gains `lr` (and
//! `momentum`) at the end only when a run has a schedule (empty at step 0,
//! where no step was taken).

use crate::optim::run_label;
use crate::Lang;
use gradscape_core::run::{Stop, Trajectory};
use serde_json::{Map, Value};

/// The stop reason as JSON: `{"reason": "completed"}` or
/// `{"reason": "diverged", "step": k}`, or a block's own reason
/// (`{"reason": "singular_hessian", "step": k}`).
pub fn stop_value(stop: &Stop) -> Value {
    let mut m = Map::new();
    match stop {
        Stop::Completed => {
            m.insert("reason".into(), "completed".into());
        }
        Stop::Diverged { step } => {
            m.insert("reason".into(), "diverged".into());
            m.insert("step".into(), (*step).into());
        }
        Stop::Fault { step, fault } => {
            m.insert("reason".into(), fault.name().into());
            m.insert("step".into(), (*step).into());
        }
    }
    Value::Object(m)
}

/// One run as JSON; with `state`, also every step's gradient, effective
/// learning rate and internal state vectors.
pub fn run_value(t: &Trajectory, state: bool) -> Value {
    let mut m = Map::new();
    m.insert("kind".into(), t.spec.kind.name().into());
    m.insert("label".into(), run_label(t, Lang::En).into());
    m.insert(
        "points".into(),
        Value::Array(t.points.iter().map(|p| Value::from(p.to_vec())).collect()),
    );
    m.insert("loss".into(), Value::from(t.loss.clone()));
    m.insert("stop".into(), stop_value(&t.stop));
    if let Some(s) = &t.spec.schedule {
        m.insert("schedule".into(), gradscape_core::scene::schedule_value(s));
        m.insert("lr".into(), Value::from(t.lr.clone()));
        if !t.momentum.is_empty() {
            m.insert("momentum".into(), Value::from(t.momentum.clone()));
        }
    }
    if state {
        let states = t
            .states
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let mut o = Map::new();
                o.insert("grad".into(), Value::from(s.grad.to_vec()));
                if let Some(lr) = t.lr.get(i) {
                    o.insert("lr".into(), (*lr).into());
                }
                if let Some(m) = t.momentum.get(i) {
                    o.insert("momentum".into(), (*m).into());
                }
                o.insert("lr_eff".into(), Value::from(s.lr_eff.to_vec()));
                for f in &s.fields {
                    let Some(name) = f.key.json_name() else {
                        continue;
                    };
                    if f.key.is_list() {
                        // The line search's trial points: one array of [x, y].
                        let list = o.entry(name).or_insert_with(|| Value::Array(vec![]));
                        if let Value::Array(a) = list {
                            a.push(Value::from(f.value.to_vec()));
                        }
                    } else if f.key.is_scalar() {
                        o.insert(name.into(), Value::from(f.value[0]));
                    } else {
                        o.insert(name.into(), Value::from(f.value.to_vec()));
                    }
                }
                Value::Object(o)
            })
            .collect();
        m.insert("state".into(), Value::Array(states));
    }
    Value::Object(m)
}

/// The whole simulation as JSON.
pub fn simulation_value(runs: &[Trajectory], state: bool) -> Value {
    let mut m = Map::new();
    m.insert("version".into(), 1.into());
    m.insert(
        "runs".into(),
        Value::Array(runs.iter().map(|t| run_value(t, state)).collect()),
    );
    Value::Object(m)
}

/// The names used in the CSV `optimizer` column: the kind, with `#i`
/// (1-based position in the scene) when a kind appears more than once.
pub fn run_names(runs: &[Trajectory]) -> Vec<String> {
    runs.iter()
        .enumerate()
        .map(|(i, t)| {
            let dup = runs.iter().filter(|o| o.spec.kind == t.spec.kind).count() > 1;
            if dup {
                format!("{}#{}", t.spec.kind.name(), i + 1)
            } else {
                t.spec.kind.name().to_string()
            }
        })
        .collect()
}

/// The simulation as CSV with header `optimizer,step,x,y,loss`; numbers in
/// shortest round-trip form.
/// With a schedule in some run, two more columns: `lr` (η_t of the step
/// that reached the row's point) and, when one cycles it, `momentum`.
pub fn simulation_csv(runs: &[Trajectory]) -> String {
    let with_lr = runs.iter().any(|t| t.spec.schedule.is_some());
    let with_m = runs.iter().any(|t| !t.momentum.is_empty());
    let mut out = String::from("optimizer,step,x,y,loss");
    if with_lr {
        out += ",lr";
    }
    if with_m {
        out += ",momentum";
    }
    out.push('\n');
    let at = |v: &[f64], step: usize| {
        step.checked_sub(1)
            .and_then(|i| v.get(i))
            .map_or(String::new(), |x| num(*x))
    };
    for (name, t) in run_names(runs).iter().zip(runs) {
        for (step, (p, l)) in t.points.iter().zip(&t.loss).enumerate() {
            out += &format!("{name},{step},{},{},{}", num(p[0]), num(p[1]), num(*l));
            if with_lr {
                out += &format!(",{}", at(&t.lr, step));
            }
            if with_m {
                out += &format!(",{}", at(&t.momentum, step));
            }
            out.push('\n');
        }
    }
    out
}

/// A number as JSON writes it: shortest round-trip form, exponent when short.
fn num(v: f64) -> String {
    Value::from(v).to_string()
}
