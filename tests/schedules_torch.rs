//! Learning-rate schedules against real torch: `tests/reference/
//! torch_golden_schedules.json` (made by `gen_torch.py schedules`: every
//! `torch.optim.lr_scheduler` kind on SGD, SGD momentum and Adam, on the
//! bowl, Rosenbrock and Himmelblau, float64). Each case's scene JSON is
//! replayed; every point, loss, η_t and cycled momentum must agree at 1e-12
//! relative.
#![cfg(not(target_arch = "wasm32"))]

use gradscape::{simulate, Scene, Stop};
use serde_json::Value;

const REL: f64 = 1e-12;

fn close(a: f64, b: f64, abs: f64) -> bool {
    (a - b).abs() <= REL * a.abs().max(b.abs()) + abs
}

fn numbers(v: &Value) -> Vec<f64> {
    v.as_array()
        .map(|a| a.iter().filter_map(Value::as_f64).collect())
        .unwrap_or_default()
}

fn check_case(case: &Value) -> Result<(), String> {
    let name = case["name"].as_str().unwrap_or("?");
    let scene = Scene::from_value(&case["scene"]).map_err(|e| format!("{e:?}"))?;
    let runs = simulate(&scene).map_err(|e| format!("{e:?}"))?;
    let run = &runs[0];
    if run.stop != Stop::Completed {
        return Err(format!("stopped: {:?}", run.stop));
    }
    let lr = numbers(&case["lr"]);
    if run.lr.len() != lr.len() {
        return Err(format!("{} rates, want {}", run.lr.len(), lr.len()));
    }
    for (t, (a, b)) in run.lr.iter().zip(&lr).enumerate() {
        if !close(*a, *b, 0.0) {
            return Err(format!("lr of step {}: got {a} want {b}", t + 1));
        }
    }
    let m = numbers(&case["momentum"]);
    if run.momentum.len() != m.len() {
        return Err(format!("{} momenta, want {}", run.momentum.len(), m.len()));
    }
    for (t, (a, b)) in run.momentum.iter().zip(&m).enumerate() {
        if !close(*a, *b, 0.0) {
            return Err(format!("momentum of step {}: got {a} want {b}", t + 1));
        }
    }
    let pts = case["points"].as_array().ok_or("points")?;
    if run.points.len() != pts.len() {
        return Err(format!("{} points, want {}", run.points.len(), pts.len()));
    }
    for (t, (p, q)) in run.points.iter().zip(pts).enumerate() {
        let q = numbers(q);
        for i in 0..2 {
            if !close(p[i], q[i], 0.0) {
                return Err(format!("step {t} x{i}: got {} want {}", p[i], q[i]));
            }
        }
    }
    for (t, (a, b)) in run.loss.iter().zip(numbers(&case["loss"])).enumerate() {
        if !close(*a, b, 1e-24) {
            return Err(format!("loss at step {t}: got {a} want {b}"));
        }
    }
    let _ = name;
    Ok(())
}

#[test]
fn every_schedule_matches_torch_at_1e12() {
    let text = std::fs::read_to_string("tests/reference/torch_golden_schedules.json")
        .expect("golden file");
    let doc: Value = serde_json::from_str(&text).expect("golden JSON");
    let cases = doc["cases"].as_array().expect("cases");
    let mut failures = Vec::new();
    for case in cases {
        if let Err(msg) = check_case(case) {
            failures.push(format!("{}: {msg}", case["name"].as_str().unwrap_or("?")));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases differ:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
    // 21 schedules × SGD, SGD momentum, Adam × 3 surfaces
    assert!(cases.len() >= 189, "only {} cases", cases.len());
    // every kind is exercised
    for kind in gradscape_core::schedule::KINDS {
        assert!(
            cases
                .iter()
                .any(|c| c["scene"]["optimizers"][0]["schedule"]["kind"] == *kind),
            "no case for {kind}"
        );
    }
}

#[test]
fn the_goldens_really_vary_the_rate_and_the_momentum() {
    // A schedule that left η alone would pass trivially: check the file.
    let text = std::fs::read_to_string("tests/reference/torch_golden_schedules.json").unwrap();
    let doc: Value = serde_json::from_str(&text).unwrap();
    let mut plateaus = (0, 0);
    for case in doc["cases"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let lr = numbers(&case["lr"]);
        let varies = lr.windows(2).any(|w| w[0] != w[1]);
        if name.starts_with("plateau") {
            // GD's steady 15 % per step on the bowl is no plateau: allowed.
            plateaus = (plateaus.0 + usize::from(varies), plateaus.1 + 1);
        } else {
            assert!(varies, "{name}: η never changes");
        }
        let m = numbers(&case["momentum"]);
        if !m.is_empty() {
            assert!(
                m.windows(2).any(|w| w[0] != w[1]),
                "{name}: momentum constant"
            );
        }
    }
    assert!(
        plateaus.0 + 1 >= plateaus.1,
        "plateau reduced η in only {plateaus:?}"
    );
}

#[test]
fn rmsprop_momentum_is_cycled_as_torch_cycles_it() {
    // `gen_torch.py schedules_rms`: CyclicLR and OneCycleLR on RMSprop
    // (momentum 0, 0.5, centered with 0.3) cycle its μ, not its α.
    let text = std::fs::read_to_string("tests/reference/torch_golden_schedules_rms.json")
        .expect("golden file");
    let doc: Value = serde_json::from_str(&text).expect("golden JSON");
    let cases = doc["cases"].as_array().expect("cases");
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|c| {
            check_case(c)
                .err()
                .map(|m| format!("{}: {m}", c["name"].as_str().unwrap_or("?")))
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} cases differ:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
    // 5 schedules × 3 RMSprops × 3 surfaces, and μ really cycles in all
    // but the cycle_momentum = false ones.
    assert_eq!(cases.len(), 45);
    let cycled = cases
        .iter()
        .filter(|c| {
            let m = numbers(&c["momentum"]);
            m.len() == 30 && m.windows(2).any(|w| w[0] != w[1])
        })
        .count();
    assert_eq!(cycled, 36);
}
