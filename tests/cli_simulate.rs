//! The command line, `simulate`: JSON and CSV, divergence with its step,
//! standard input, per-step state, every example scene, and a closed pipe
//! that is not a panic. Run with `cargo test --features cli`.
#![cfg(not(target_arch = "wasm32"))]
#![cfg(feature = "cli")]

use std::process::Stdio;

#[allow(dead_code)]
#[path = "common/cli.rs"]
mod cli;
use cli::*;

// ------------------------------------------------------------------ simulate

#[test]
fn simulate_gd_eta_0_6_prints_the_seeds_divergent_zigzag() {
    let o = run(&["simulate", "examples/scenes/gd-eta-0.6.json"]);
    assert_ok(&o);
    assert!(o.stderr.is_empty(), "{}", stderr(&o));
    let v = json_out(&o);
    assert_eq!(v["version"], 1);
    let r = &v["runs"][0];
    assert_eq!(v["runs"].as_array().unwrap().len(), 1);
    assert_eq!(r["kind"], "gd");
    let pts = r["points"].as_array().unwrap();
    assert_eq!(pts.len(), 21);
    assert_eq!(pts[0][0].as_f64(), Some(-5.0));
    assert_eq!(pts[0][1].as_f64(), Some(-2.0));
    let y = pts[20][1].as_f64().unwrap();
    assert!((y - (-2.0 * 1.4f64.powi(20))).abs() < 1e-9 * y.abs(), "{y}");
    assert!((y + 1673.37).abs() < 0.01, "{y}");
    assert_eq!(r["loss"].as_array().unwrap().len(), 21);
    assert_eq!(r["stop"], serde_json::json!({"reason": "completed"}));
    assert!(r.get("state").is_none());
    assert!(stdout(&o).ends_with('\n'));
}

#[test]
fn simulate_csv() {
    let o = run(&[
        "simulate",
        "examples/scenes/gd-eta-0.6.json",
        "--format",
        "csv",
    ]);
    assert_ok(&o);
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "optimizer,step,x,y,loss");
    assert_eq!(lines.len(), 1 + 21);
    for (k, line) in lines[1..].iter().enumerate() {
        let cols: Vec<&str> = line.split(',').collect();
        assert_eq!(cols.len(), 5, "{line}");
        assert_eq!(cols[0], "gd");
        assert_eq!(cols[1], k.to_string());
        for c in &cols[2..] {
            assert!(c.parse::<f64>().unwrap().is_finite(), "{line}");
        }
    }
    let y: f64 = lines[21].split(',').nth(3).unwrap().parse().unwrap();
    assert!((y + 1673.37).abs() < 0.01, "{y}");
    // The same numbers as the JSON form.
    let v = json_out(&run(&["simulate", "examples/scenes/gd-eta-0.6.json"]));
    let x5: f64 = lines[6].split(',').nth(2).unwrap().parse().unwrap();
    assert!((x5 - v["runs"][0]["points"][5][0].as_f64().unwrap()).abs() < 1e-12);
}

#[test]
fn simulate_reports_divergence_with_its_step() {
    let p = write_tmp(
        "rosenbrock.json",
        r#"{"version": 1, "landscape": {"kind": "rosenbrock"}, "start": [-1.5, 2], "steps": 100,
            "optimizers": [{"kind": "gd", "lr": 0.01}, {"kind": "momentum", "lr": 0.0001, "gamma": 0.9}]}"#,
    );
    let o = run(&["simulate", s(&p)]);
    assert_ok(&o);
    let v = json_out(&o);
    let gd = &v["runs"][0];
    assert_eq!(gd["stop"]["reason"], "diverged");
    let k = gd["stop"]["step"].as_u64().expect("a step number") as usize;
    assert!((1..=100).contains(&k));
    assert_eq!(gd["stop"].as_object().unwrap().len(), 2);
    assert_eq!(gd["points"].as_array().unwrap().len(), k);
    assert_eq!(gd["loss"].as_array().unwrap().len(), k);
    for p in gd["points"].as_array().unwrap() {
        for c in p.as_array().unwrap() {
            assert!(c.as_f64().unwrap().abs() <= 1e12, "{p}");
        }
    }
    // A careful optimizer in the same scene completes.
    assert_eq!(
        v["runs"][1]["stop"],
        serde_json::json!({"reason": "completed"})
    );
    assert_eq!(v["runs"][1]["points"].as_array().unwrap().len(), 101);
}

#[test]
fn simulate_reads_standard_input() {
    let text = std::fs::read_to_string(format!("{ROOT}/examples/scenes/gd-eta-0.6.json")).unwrap();
    let o = run_stdin(&["simulate", "-"], &text);
    assert_ok(&o);
    assert_eq!(
        stdout(&o),
        stdout(&run(&["simulate", "examples/scenes/gd-eta-0.6.json"]))
    );
    let o = run_stdin(&["simulate", "-", "--format", "csv"], r#"{"steps": 3}"#);
    assert_ok(&o);
    assert_eq!(stdout(&o).lines().count(), 1 + 2 * 4, "{}", stdout(&o));
    let o = run_stdin(&["simulate", "-"], "{");
    assert_one_line(&o, "bad stdin", &["JSON"]);
}

#[test]
fn simulate_state_prints_each_steps_internals() {
    let p = write_tmp(
        "adam.json",
        r#"{"steps": 4, "optimizers": [{"kind": "adam", "lr": 0.1}]}"#,
    );
    let o = run(&["simulate", s(&p), "--state"]);
    assert_ok(&o);
    let v = json_out(&o);
    let st = v["runs"][0]["state"].as_array().expect("state");
    assert_eq!(st.len(), 4);
    assert_eq!(st[0]["grad"], serde_json::json!([-1.0, -8.0]));
    // m̂1 = g1 with bias correction.
    let mh = st[0]["m̂"].as_array().unwrap();
    assert!(
        (mh[0].as_f64().unwrap() + 1.0).abs() < 1e-12
            && (mh[1].as_f64().unwrap() + 8.0).abs() < 1e-12
    );
    assert!(st[0].get("lr_eff").is_some() && st[0].get("v̂").is_some());
}

#[test]
fn every_example_scene_simulates() {
    for entry in std::fs::read_dir(format!("{ROOT}/examples/scenes")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("json") {
            continue;
        }
        let o = run(&["simulate", s(&path)]);
        assert_ok(&o);
        let v = json_out(&o);
        assert_eq!(v["version"], 1, "{}", path.display());
        assert!(!v["runs"].as_array().unwrap().is_empty());
    }
}

#[test]
fn a_closed_pipe_is_not_a_panic() {
    // Megabytes of output into a reader that has already gone.
    let p = write_tmp(
        "long.json",
        r#"{"steps": 100000, "optimizers": [{"kind": "gd", "lr": 0.01}]}"#,
    );
    let mut child = bin()
        .args(["simulate", s(&p), "--format", "csv"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let o = child.wait_with_output().unwrap();
    let err = stderr(&o);
    assert!(!err.contains("panicked"), "{err}");
    assert!(
        o.status.code().is_some(),
        "killed by a signal: {:?}",
        o.status
    );
}
