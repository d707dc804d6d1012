//! "Copy as PyTorch" against real torch: tests/reference/code_golden.json
//! (made by `python3 tests/reference/gen_code.py`) holds, for every scene of
//! examples/scenes and a generated set (every kind and torch argument, every
//! schedule, every surface, a formula, noise, both conventions, early
//! stops), the SHA-256 of the script `gradscape code` wrote and what that
//! script computed with torch. Here: every script is regenerated and must
//! hash the same (else the golden belongs to another text: run the
//! reference step again), and torch's trajectories must equal the core's at
//! 1e-12 at every step. When torch is importable, the scripts also run live.
#![cfg(not(target_arch = "wasm32"))]

#[path = "common/sha256.rs"]
mod sha256;

use gradscape::text::pytorch::script;
use gradscape::{simulate, Lang, Scene, Stop};
use serde_json::Value;
use sha256::sha256_hex;
use std::io::Write;
use std::process::{Command, Stdio};

const REL: f64 = 1e-12;

fn golden() -> Vec<Value> {
    let text = include_str!("reference/code_golden.json");
    let v: Value = serde_json::from_str(text).expect("code_golden.json is JSON");
    v["cases"].as_array().cloned().expect("cases")
}

fn close(a: f64, b: f64) -> bool {
    // Relative, with an absolute floor far below any drawn difference for
    // coordinates that pass through 0.
    (a - b).abs() <= REL * a.abs().max(b.abs()) + 1e-14
}

/// torch's runs (`[{points, stop}]`) against the core's run of `scene`.
fn compare(name: &str, scene: &Scene, torch_runs: &[Value]) -> Vec<String> {
    let mut bad = Vec::new();
    let core = simulate(scene).expect("the golden's scenes run");
    if core.len() != torch_runs.len() {
        return vec![format!(
            "{name}: {} runs, torch {}",
            core.len(),
            torch_runs.len()
        )];
    }
    for (i, (c, t)) in core.iter().zip(torch_runs).enumerate() {
        let pts = t["points"].as_array().cloned().unwrap_or_default();
        if pts.len() != c.points.len() {
            bad.push(format!(
                "{name} run {}: core {} points ({:?}), torch {} ({})",
                i + 1,
                c.points.len(),
                c.stop,
                pts.len(),
                t["stop"]
            ));
            continue;
        }
        // An early stop is reported, in the script's words.
        if (c.stop != Stop::Completed) != t["stop"].is_string() {
            bad.push(format!(
                "{name} run {}: stop {:?} vs {}",
                i + 1,
                c.stop,
                t["stop"]
            ));
        }
        for (k, (p, q)) in c.points.iter().zip(&pts).enumerate() {
            let q: Vec<f64> = q
                .as_array()
                .map(|a| a.iter().filter_map(Value::as_f64).collect())
                .unwrap_or_default();
            if q.len() != 2 || !close(p[0], q[0]) || !close(p[1], q[1]) {
                bad.push(format!(
                    "{name} run {} step {k}: core {p:?}, torch {q:?}",
                    i + 1
                ));
                break;
            }
        }
    }
    bad
}

#[test]
fn sha256_is_the_standard_one() {
    assert_eq!(
        sha256_hex(b"abc"),
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    );
    assert_eq!(
        sha256_hex(&[b'a'; 1000]),
        "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3"
    );
}

#[test]
fn every_example_scene_is_in_the_golden() {
    let names: Vec<String> = golden()
        .iter()
        .filter_map(|c| c["name"].as_str().map(str::to_string))
        .collect();
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/scenes");
    let mut n = 0;
    for e in std::fs::read_dir(dir).expect("examples/scenes") {
        let p = e.expect("entry").path();
        if p.extension().is_some_and(|x| x == "json") {
            let name = format!(
                "examples/scenes/{}",
                p.file_name().unwrap().to_string_lossy()
            );
            assert!(
                names.contains(&name),
                "{name} is not in code_golden.json: run gen_code.py"
            );
            let golden_scene = golden()
                .into_iter()
                .find(|c| c["name"] == name.as_str())
                .map(|c| c["scene"].clone());
            let file: Value = serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap();
            assert_eq!(
                golden_scene,
                Some(file),
                "{name} changed since gen_code.py ran"
            );
            n += 1;
        }
    }
    assert!(n >= 11, "only {n} example scenes");
}

#[test]
fn every_script_is_the_text_torch_ran() {
    let mut stale = Vec::new();
    for case in golden() {
        let scene = Scene::from_value(&case["scene"]).expect("scene");
        let text = script(&scene, Lang::En);
        if sha256_hex(text.as_bytes()) != case["sha256"].as_str().unwrap_or("") {
            stale.push(case["name"].as_str().unwrap_or("?").to_string());
        }
    }
    assert!(
        stale.is_empty(),
        "the generator changed for {stale:?}: run `python3 tests/reference/gen_code.py` (with torch) again"
    );
}

#[test]
fn torch_runs_of_the_scripts_equal_the_core_at_1e12() {
    let cases = golden();
    assert!(cases.len() >= 30, "only {} scenes", cases.len());
    let mut bad = Vec::new();
    let (mut runs, mut stops) = (0, 0);
    for case in &cases {
        let name = case["name"].as_str().unwrap_or("?");
        let scene = Scene::from_value(&case["scene"]).expect("scene");
        let t = case["runs"].as_array().cloned().unwrap_or_default();
        runs += t.len();
        stops += t.iter().filter(|r| r["stop"].is_string()).count();
        bad.extend(compare(name, &scene, &t));
    }
    assert!(
        bad.is_empty(),
        "{} differences:\n{}",
        bad.len(),
        bad.join("\n")
    );
    // The set covers long runs and early stops alike.
    assert!(
        runs > 120 && stops >= 5,
        "{runs} runs, {stops} stopped early"
    );
}

#[test]
fn scripts_run_live_with_torch_when_it_is_installed() {
    let probe = Command::new("python3")
        .args(["-c", "import torch, lion_pytorch"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
    if !probe.is_ok_and(|s| s.success()) {
        println!("skipped: python3 with torch and lion-pytorch is not available");
        return;
    }
    let cases = golden();
    let scenes: Vec<Scene> = cases
        .iter()
        .map(|c| Scene::from_value(&c["scene"]).expect("scene"))
        .collect();
    // Both languages: the comments differ, the numbers must not.
    let scripts: Vec<String> = scenes
        .iter()
        .enumerate()
        .map(|(i, s)| script(s, if i % 2 == 0 { Lang::En } else { Lang::Zh }))
        .collect();
    let input = serde_json::json!({ "scripts": scripts }).to_string();
    let mut child = Command::new("python3")
        .arg(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/reference/gen_code.py"
        ))
        .arg("run")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("python3 starts");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes())
        .expect("write scripts");
    let out = child.wait_with_output().expect("python3 ends");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let all: Value = serde_json::from_slice(&out.stdout).expect("runs as JSON");
    let mut bad = Vec::new();
    for ((case, scene), runs) in cases.iter().zip(&scenes).zip(all.as_array().expect("list")) {
        let name = case["name"].as_str().unwrap_or("?");
        bad.extend(compare(name, scene, runs.as_array().expect("runs")));
    }
    assert!(
        bad.is_empty(),
        "{} differences:\n{}",
        bad.len(),
        bad.join("\n")
    );
}
