//! Newton and L-BFGS against real torch (float64):
//! `tests/reference/torch_golden_newton.json`, made by
//! `python3 tests/reference/gen_torch.py newton`. Each case's scene JSON
//! (`{"kind": "lbfgs", "history_size", "line_search"}`, `{"kind": "newton"}`)
//! is read and walked; every point, loss, L-BFGS trial point, t and d is
//! compared, and Newton's stop reason.
#![cfg(not(target_arch = "wasm32"))]
// x[i] against want[i]: indices read like the comparison they name.
#![allow(clippy::needless_range_loop)]

use gradscape::optim::{Fault, StateField, StateKey};
use gradscape::run::Walker;
use gradscape::{Scene, Stop};
use serde_json::{json, Value};

/// Every number within this relative distance of torch's (the measured
/// worst is printed by `cargo test --test optimizers_newton -- --nocapture`).
const REL: f64 = 1e-12;

fn golden() -> Value {
    let text =
        std::fs::read_to_string("tests/reference/torch_golden_newton.json").expect("golden file");
    serde_json::from_str(&text).expect("golden JSON")
}

fn v2(v: &Value) -> [f64; 2] {
    [v[0].as_f64().unwrap(), v[1].as_f64().unwrap()]
}

/// The case's scene as written: the scene reader builds the optimizer.
fn scene_of(case: &Value) -> Scene {
    Scene::from_value(&case["scene"]).expect("scene")
}

/// |a − b| / max(|a|, |b|), 0 when equal.
fn rel_err(a: f64, b: f64) -> f64 {
    if a == b {
        0.0
    } else {
        (a - b).abs() / a.abs().max(b.abs())
    }
}

struct Worst {
    err: f64,
    at: String,
}

impl Worst {
    fn see(&mut self, got: f64, want: f64, at: impl FnOnce() -> String) {
        let e = rel_err(got, want);
        assert!(e.is_finite(), "{}: got {got}, want {want}", at());
        if e > self.err {
            self.err = e;
            self.at = at();
        }
    }
}

impl Worst {
    /// A loss near a minimum magnifies the points' last-bit differences
    /// (f ≈ ½·δᵀHδ with δ = x − x*: its relative error is δ's, not x's), so
    /// a loss is held to what a relative change of REL in x explains:
    /// |Δf| ≤ REL·(|f| + |∇f|·|x|), reported in units of that bound × REL.
    fn see_loss(&mut self, got: f64, want: f64, scale: f64, at: impl FnOnce() -> String) {
        let e = (got - want).abs() / scale * REL;
        assert!(e.is_finite(), "{}: got {got}, want {want}", at());
        if e > self.err {
            self.err = e;
            self.at = at();
        }
    }
}

fn field(fields: &[StateField], key: StateKey) -> Option<[f64; 2]> {
    fields.iter().find(|f| f.key == key).map(|f| f.value)
}

/// Replay one case; the worst relative error over everything compared.
fn replay(case: &Value) -> Worst {
    let name = case["name"].as_str().unwrap();
    let scene = scene_of(case);
    let mut walk = Walker::new(&scene.landscape, &scene.optimizers[0], &scene).expect("walker");
    let points = case["points"].as_array().unwrap();
    let loss = case["loss"].as_array().unwrap();
    let mut w = Worst {
        err: 0.0,
        at: String::new(),
    };
    assert_eq!(v2(&points[0]), scene.start);
    for k in 1..points.len() {
        let s = walk
            .advance(&scene.landscape)
            .unwrap_or_else(|| panic!("{name}: stopped at step {k}: {:?}", walk.stop()));
        let want = v2(&points[k]);
        for i in 0..2 {
            w.see(s.x[i], want[i], || format!("{name} step {k} x[{i}]"));
        }
        let g = scene.landscape.grad(s.x);
        let scale = s.loss.abs() + g[0].hypot(g[1]) * s.x[0].hypot(s.x[1]);
        w.see_loss(s.loss, loss[k].as_f64().unwrap(), scale.max(1e-300), || {
            format!("{name} step {k} loss")
        });
        if let Some(trials) = case.get("trials") {
            let trials = trials[k - 1].as_array().unwrap();
            let got: Vec<[f64; 2]> = walk
                .fields()
                .iter()
                .filter(|f| matches!(f.key, StateKey::Trial(_)))
                .map(|f| f.value)
                .collect();
            assert_eq!(got.len(), trials.len(), "{name} step {k}: trial count");
            for (j, (g, t)) in got.iter().zip(trials).enumerate() {
                let t = v2(t);
                for i in 0..2 {
                    w.see(g[i], t[i], || format!("{name} step {k} trial {j}"));
                }
            }
            // The reported t is the step's own: torch's state t where the
            // step moved, 0 where torch returned before moving.
            let t = field(walk.fields(), StateKey::StepLength).unwrap()[0];
            let torch_t = case["t"][k - 1].as_f64().unwrap();
            let moved = v2(&case["points"][k]) != v2(&case["points"][k - 1]);
            w.see(t, if moved { torch_t } else { 0.0 }, || {
                format!("{name} step {k} t")
            });
            let d = field(walk.fields(), StateKey::Direction).unwrap();
            let dw = v2(&case["d"][k - 1]);
            for i in 0..2 {
                w.see(d[i], dw[i], || format!("{name} step {k} d[{i}]"));
            }
        }
    }
    // torch's stop: completed after the last point, or a fault at the next step.
    let stop = &case
        .get("stop")
        .cloned()
        .unwrap_or(json!({"reason": "completed"}));
    match stop["reason"].as_str().unwrap() {
        "completed" => {
            if points.len() == scene.steps + 1 {
                assert_eq!(walk.stop(), Stop::Completed, "{name}");
            }
        }
        "singular_hessian" => {
            assert!(walk.advance(&scene.landscape).is_none(), "{name}");
            let step = stop["step"].as_u64().unwrap() as usize;
            assert_eq!(
                walk.stop(),
                Stop::Fault {
                    step,
                    fault: Fault::SingularHessian
                },
                "{name}"
            );
            assert_eq!(walk.x(), v2(points.last().unwrap()), "{name}: x kept");
        }
        other => panic!("{name}: stop {other}"),
    }
    w
}

#[test]
fn newton_and_lbfgs_match_torch() {
    let doc = golden();
    let cases = doc["cases"].as_array().unwrap();
    assert!(cases.len() >= 30, "{} cases", cases.len());
    let mut worst = 0.0f64;
    let mut failures = vec![];
    let mut trials = 0;
    for case in cases {
        let w = replay(case);
        if let Some(t) = case.get("trials") {
            trials += t
                .as_array()
                .unwrap()
                .iter()
                .map(|s| s.as_array().unwrap().len())
                .sum::<usize>();
        }
        println!(
            "{:45} worst rel {:.2e} at {}",
            case["name"].as_str().unwrap(),
            w.err,
            w.at
        );
        worst = worst.max(w.err);
        if w.err > REL {
            failures.push(format!("{} ({:.2e})", w.at, w.err));
        }
    }
    println!("worst relative error over every case: {worst:.2e}; {trials} trial points");
    assert!(
        trials > 300,
        "the line search must be exercised: {trials} trials"
    );
    assert!(failures.is_empty(), "beyond {REL}: {failures:#?}");
}
