//! Editing an optimizer's schedule one control at a time (the page's
//! schedule picker): a starting schedule per kind, the warm-up + cosine
//! preset, one argument set, a `sequential` phase added, removed or
//! changed. Every edit goes through the schedule's JSON form and
//! [`read_schedule`], so a refused value is the same [`SceneError`] (field
//! `schedule.<arg>`, what is allowed, what was given) a scene file gets.

use super::schedule::{read_schedule, schedule_keys, schedule_value};
use super::SceneError;
use crate::schedule::{Basic, Schedule, KINDS, MAX_ITERS, MAX_PHASES};
use serde_json::{json, Map, Value};

/// What a control gives: the text of a field or picker (a number, a list
/// of steps, a choice's name; empty: back to the default), or a switch.
#[derive(Debug, Clone, PartialEq)]
pub enum ArgValue {
    /// A field's or a picker's text.
    Text(String),
    /// A switch.
    Flag(bool),
}

/// The kinds a `sequential` phase may be (torch chains the chainable ones).
pub const PHASE_KINDS: &[&str] = KINDS.split_at(8).0;

/// `n` strictly increasing steps in 1..steps spread evenly (at least
/// 1, 2, …, n when the scene is shorter).
fn spread(n: usize, steps: usize) -> Vec<u32> {
    let mut out: Vec<u32> = Vec::with_capacity(n);
    for j in 1..=n {
        let even = (steps * j / (n + 1)) as u32;
        let at = even.max(out.last().map_or(1, |&p| p + 1));
        out.push(at.min(MAX_ITERS));
    }
    out
}

fn quarter(steps: usize) -> u32 {
    ((steps / 4).max(1) as u32).min(MAX_ITERS)
}

/// A chainable schedule's JSON with arguments that show its shape in a
/// scene of `steps` steps.
fn phase_value(kind: &str, steps: usize) -> Value {
    let q = quarter(steps);
    match kind {
        "step" => json!({"kind": "step", "step_size": q, "gamma": 0.5}),
        "multi_step" => json!({"kind": "multi_step", "milestones": spread(2, steps), "gamma": 0.1}),
        "constant" => json!({"kind": "constant", "factor": 0.5, "total_iters": q}),
        "linear" => {
            json!({"kind": "linear", "start_factor": 0.1, "end_factor": 1.0, "total_iters": q})
        }
        "exponential" => json!({"kind": "exponential", "gamma": 0.9}),
        "polynomial" => {
            json!({"kind": "polynomial", "total_iters": steps.clamp(1, MAX_ITERS as usize), "power": 1.0})
        }
        "cosine" => json!({"kind": "cosine", "eta_min": 0.0}),
        _ => json!({"kind": "cosine_warm_restarts", "T_0": q, "T_mult": 1, "eta_min": 0.0}),
    }
}

/// The schedule a picker starts `kind` with, for an optimizer of rate
/// `lr` in a scene of `steps` steps; `cycles`: the optimizer has a momentum
/// a `cyclic` or `one_cycle` schedule may cycle (torch's default is to
/// cycle it). None for an unknown kind.
pub fn starter(kind: &str, lr: f64, steps: usize, cycles: bool) -> Option<Schedule> {
    let v = match kind {
        "cyclic" => json!({
            "kind": "cyclic", "max_lr": 2.0 * lr, "step_size_up": quarter(steps),
            "cycle_momentum": cycles,
        }),
        "one_cycle" => json!({"kind": "one_cycle", "cycle_momentum": cycles}),
        "plateau" => json!({"kind": "plateau", "factor": 0.5, "patience": 2}),
        // Not the preset's phases: picked, "one schedule after another"
        // stays what the picker reads ([`is_warmup_cosine`]).
        "sequential" => json!({
            "kind": "sequential",
            "schedulers": [phase_value("constant", steps), phase_value("exponential", steps)],
            "milestones": [quarter(steps)],
        }),
        k if PHASE_KINDS.contains(&k) => phase_value(k, steps),
        _ => return None,
    };
    read_schedule(&v, "schedule").ok()
}

/// Linear warm-up from η/10 over the first fifth of the steps, then
/// cosine annealing to 0 over the rest: the schedule people train with.
pub fn warmup_cosine(steps: usize) -> Schedule {
    let w = ((steps / 5).max(1) as u32).min(MAX_ITERS - 1);
    let rest = (steps as u32).saturating_sub(w).clamp(1, MAX_ITERS);
    let v = json!({
        "kind": "sequential",
        "schedulers": [
            {"kind": "linear", "start_factor": 0.1, "end_factor": 1.0, "total_iters": w},
            {"kind": "cosine", "T_max": rest, "eta_min": 0.0},
        ],
        "milestones": [w],
    });
    // Every number above is in range by construction.
    match read_schedule(&v, "schedule") {
        Ok(s) => s,
        Err(_) => unreachable!("the warm-up + cosine preset is a valid schedule"),
    }
}

/// Whether `s` has the preset's shape — a `sequential` of a rising linear
/// warm-up then cosine annealing, whatever its numbers — so the picker and
/// the legend name it "warm-up + cosine" (the scene stores only the
/// sequence: a link or a file with that shape reads the same).
pub fn is_warmup_cosine(s: &Schedule) -> bool {
    let Schedule::Sequential(q) = s else {
        return false;
    };
    matches!(
        q.schedulers(),
        [Basic::Linear { start_factor, end_factor, .. }, Basic::Cosine { .. }]
            if start_factor < end_factor
    )
}

/// A number as JSON: whole numbers as integers (the step counts need
/// them), text that is not a number left as text (the reader then says
/// what was expected and what was given).
fn number(text: &str) -> Value {
    // The fields' one reading of a number (`format::read_field`: finite,
    // plain decimal).
    match crate::format::read_field(text) {
        Some(x) if x.fract() == 0.0 && (0.0..9e15).contains(&x) => Value::from(x as u64),
        // A negative whole number stays whole in the message ("got -1").
        Some(x) if x.fract() == 0.0 && (-9e15..0.0).contains(&x) => Value::from(x as i64),
        Some(x) => Value::from(x),
        None => Value::from(text.trim()),
    }
}

/// A list of steps typed as "5, 10" (commas, Chinese commas or spaces).
fn steps_list(text: &str) -> Value {
    let parts: Vec<&str> = text
        .split([',', '\u{ff0c}', ' ', ';'])
        .filter(|p| !p.is_empty())
        .collect();
    let nums: Option<Vec<Value>> = parts
        .iter()
        .map(|p| match number(p) {
            n @ Value::Number(_) => Some(n),
            _ => None,
        })
        .collect();
    match nums {
        Some(list) => Value::Array(list),
        None => Value::from(text.trim()),
    }
}

/// The object that `phase` names: the schedule itself, or its `phase`-th
/// scheduler under `sequential`.
fn target(v: &mut Value, phase: Option<usize>) -> Option<&mut Map<String, Value>> {
    match phase {
        None => v.as_object_mut(),
        Some(p) => v.get_mut("schedulers")?.get_mut(p)?.as_object_mut(),
    }
}

/// `s` with argument `arg` (of the schedule, or of its phase `phase`) set to
/// `value`; the reader's error when the result is not a schedule (its field
/// is `schedule.<arg>` or `schedule.schedulers[p].<arg>`).
pub fn set_arg(
    s: &Schedule,
    phase: Option<usize>,
    arg: &str,
    value: &ArgValue,
) -> Result<Schedule, SceneError> {
    let mut v = schedule_value(s);
    let Some(obj) = target(&mut v, phase) else {
        return Ok(*s);
    };
    let kind = obj.get("kind").and_then(Value::as_str).unwrap_or("");
    if arg == "kind" || !schedule_keys(kind).contains(&arg) {
        return Ok(*s);
    }
    let json = match value {
        ArgValue::Flag(b) => Some(Value::from(*b)),
        ArgValue::Text(t) if t.trim().is_empty() => None,
        ArgValue::Text(t) if arg == "milestones" => Some(steps_list(t)),
        ArgValue::Text(t) if matches!(arg, "mode" | "anneal_strategy" | "threshold_mode") => {
            Some(Value::from(t.trim()))
        }
        ArgValue::Text(t) => Some(number(t)),
    };
    match json {
        Some(j) => obj.insert(arg.into(), j),
        None => obj.remove(arg),
    };
    read_schedule(&v, "schedule")
}

/// `s` with phase `phase` of a `sequential` schedule made a fresh `kind`.
pub fn set_phase_kind(s: &Schedule, phase: usize, kind: &str, steps: usize) -> Option<Schedule> {
    if !PHASE_KINDS.contains(&kind) {
        return None;
    }
    let mut v = schedule_value(s);
    *v.get_mut("schedulers")?.get_mut(phase)? = phase_value(kind, steps);
    read_schedule(&v, "schedule").ok()
}

/// `s` (a `sequential` schedule) with one more phase, a cosine, after the
/// others; the milestones spread again over the steps.
pub fn add_phase(s: &Schedule, steps: usize) -> Option<Schedule> {
    let mut v = schedule_value(s);
    let list = v.get_mut("schedulers")?.as_array_mut()?;
    if list.len() >= MAX_PHASES {
        return None;
    }
    list.push(phase_value("cosine", steps));
    let n = list.len();
    v["milestones"] = Value::from(spread(n - 1, steps));
    read_schedule(&v, "schedule").ok()
}

/// `s` (a `sequential` schedule) without phase `phase` (one phase stays at
/// least); its milestone goes with it.
pub fn remove_phase(s: &Schedule, phase: usize) -> Option<Schedule> {
    let mut v = schedule_value(s);
    let list = v.get_mut("schedulers")?.as_array_mut()?;
    if list.len() <= 1 || phase >= list.len() {
        return None;
    }
    list.remove(phase);
    let ms = v.get_mut("milestones")?.as_array_mut()?;
    // The boundary that started the removed phase goes (the first phase
    // has none: the boundary after it does).
    ms.remove(phase.saturating_sub(1).min(ms.len().saturating_sub(1)));
    read_schedule(&v, "schedule").ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scene::Problem;

    #[test]
    fn every_kind_starts_as_a_valid_schedule_at_any_length() {
        for steps in [0, 1, 2, 3, 7, 20, 200, 100_000] {
            for kind in KINDS {
                let s = starter(kind, 0.4, steps, true).expect(kind);
                assert_eq!(s.kind(), *kind);
            }
        }
        assert_eq!(starter("bogus", 0.4, 20, true), None);
    }

    #[test]
    fn the_preset_is_recognised_by_its_shape_and_a_picked_sequence_is_not() {
        // The preset had read "one schedule after another" in the picker
        // and the legend: the scene stores only the sequence.
        assert!(is_warmup_cosine(&warmup_cosine(20)));
        let tweaked = set_arg(
            &warmup_cosine(20),
            Some(1),
            "eta_min",
            &ArgValue::Text("0.01".into()),
        )
        .unwrap();
        assert!(
            is_warmup_cosine(&tweaked),
            "its numbers changed, its shape kept"
        );
        let linked = read_schedule(
            &json!({"kind": "sequential", "schedulers": [{"kind": "linear", "start_factor": 0.1}, {"kind": "cosine"}], "milestones": [5]}),
            "schedule",
        )
        .unwrap();
        assert!(is_warmup_cosine(&linked), "a link's sequence of that shape");
        let picked = starter("sequential", 0.4, 20, false).unwrap();
        assert!(!is_warmup_cosine(&picked), "picked, it stays a sequence");
        assert!(!is_warmup_cosine(
            &starter("cosine", 0.4, 20, false).unwrap()
        ));
        // A linear phase that falls is no warm-up.
        let falling = read_schedule(
            &json!({"kind": "sequential", "schedulers": [{"kind": "linear", "start_factor": 1.0, "end_factor": 0.5}, {"kind": "cosine"}], "milestones": [5]}),
            "schedule",
        )
        .unwrap();
        assert!(!is_warmup_cosine(&falling));
    }

    #[test]
    fn warmup_cosine_warms_up_over_a_fifth_then_anneals_the_rest() {
        let v = schedule_value(&warmup_cosine(20));
        assert_eq!(v["milestones"], json!([4]));
        assert_eq!(v["schedulers"][0]["kind"], "linear");
        assert_eq!(v["schedulers"][0]["total_iters"], 4);
        assert_eq!(v["schedulers"][1]["T_max"], 16);
    }

    #[test]
    fn an_argument_typed_is_read_with_its_type_and_range() {
        let s = starter("step", 0.4, 20, false).unwrap();
        let t = set_arg(&s, None, "step_size", &ArgValue::Text("7".into())).unwrap();
        assert_eq!(schedule_value(&t)["step_size"], 7);
        let e = set_arg(&s, None, "gamma", &ArgValue::Text("-1".into())).unwrap_err();
        assert_eq!(e.field, "schedule.gamma");
        assert!(matches!(e.problem, Problem::MustBe { .. }));
        let e = set_arg(&s, None, "step_size", &ArgValue::Text("2.5".into())).unwrap_err();
        assert_eq!(e.field, "schedule.step_size");
        let e = set_arg(&s, None, "gamma", &ArgValue::Text("abc".into())).unwrap_err();
        assert_eq!(e.field, "schedule.gamma");
        // A key the kind does not have changes nothing.
        assert_eq!(
            set_arg(&s, None, "T_max", &ArgValue::Text("3".into())),
            Ok(s)
        );
    }

    #[test]
    fn an_empty_field_goes_back_to_the_default() {
        let s = starter("cosine", 0.4, 20, false).unwrap();
        let t = set_arg(&s, None, "T_max", &ArgValue::Text("10".into())).unwrap();
        assert_eq!(schedule_value(&t)["T_max"], 10);
        let u = set_arg(&t, None, "T_max", &ArgValue::Text(" ".into())).unwrap();
        assert_eq!(u, s);
    }

    #[test]
    fn milestones_are_typed_as_a_list() {
        let s = starter("multi_step", 0.4, 20, false).unwrap();
        let t = set_arg(&s, None, "milestones", &ArgValue::Text("3, 8，12".into())).unwrap();
        assert_eq!(schedule_value(&t)["milestones"], json!([3, 8, 12]));
        for bad in ["8, 3", "0", "a, 3", "1.5"] {
            let e = set_arg(&s, None, "milestones", &ArgValue::Text(bad.into())).unwrap_err();
            assert_eq!(e.field, "schedule.milestones", "{bad}");
        }
    }

    #[test]
    fn choices_and_switches() {
        let s = starter("cyclic", 0.1, 20, true).unwrap();
        let t = set_arg(&s, None, "mode", &ArgValue::Text("exp_range".into())).unwrap();
        assert_eq!(schedule_value(&t)["mode"], "exp_range");
        let u = set_arg(&t, None, "cycle_momentum", &ArgValue::Flag(false)).unwrap();
        assert!(!u.cycles_momentum());
        assert!(set_arg(&s, None, "mode", &ArgValue::Text("wobble".into())).is_err());
    }

    #[test]
    fn phases_are_changed_added_and_removed() {
        let s = warmup_cosine(20);
        let t = set_arg(&s, Some(1), "eta_min", &ArgValue::Text("0.01".into())).unwrap();
        assert_eq!(schedule_value(&t)["schedulers"][1]["eta_min"], 0.01);
        let e = set_arg(&s, Some(0), "start_factor", &ArgValue::Text("0".into())).unwrap_err();
        assert_eq!(e.field, "schedule.schedulers[0].start_factor");
        let u = set_phase_kind(&s, 1, "exponential", 20).unwrap();
        assert_eq!(schedule_value(&u)["schedulers"][1]["kind"], "exponential");
        assert_eq!(set_phase_kind(&s, 1, "plateau", 20), None);
        let mut w = s;
        for n in 3..=MAX_PHASES {
            w = add_phase(&w, 20).unwrap();
            let v = schedule_value(&w);
            assert_eq!(v["schedulers"].as_array().unwrap().len(), n);
            assert_eq!(v["milestones"].as_array().unwrap().len(), n - 1);
        }
        assert_eq!(add_phase(&w, 20), None);
        let x = remove_phase(&w, 0).unwrap();
        assert_eq!(
            schedule_value(&x)["schedulers"].as_array().unwrap().len(),
            MAX_PHASES - 1
        );
        let one = remove_phase(&s, 1).unwrap();
        assert_eq!(schedule_value(&one)["milestones"], json!([]));
        assert_eq!(remove_phase(&one, 0), None);
        // The milestones of phases added to a short scene still increase.
        let mut short = warmup_cosine(2);
        for _ in 2..MAX_PHASES {
            short = add_phase(&short, 2).unwrap();
        }
        assert_eq!(schedule_value(&short)["milestones"], json!([1, 2, 3]));
    }
}
