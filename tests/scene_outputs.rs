//! The outputs built from a scene: the simulation JSON and CSV, the SVG
//! figure (legend, divergence, far points), and numbers that read back
//! exactly.
#![cfg(not(target_arch = "wasm32"))]

use gradscape::output::{simulation_csv, simulation_value};
use gradscape::svg::{render, SvgOptions};
use gradscape::{simulate, Scene, Stop};
use serde_json::{json, Value};

#[allow(dead_code)]
#[path = "common/scene.rs"]
mod scene;
use scene::*;

// ------------------------------------------------------------------- outputs

fn scene_json(v: Value) -> Scene {
    parse(v).unwrap()
}

#[test]
fn simulation_json_has_the_documented_shape() {
    let s = scene_json(json!({"optimizers": [{"kind": "gd", "lr": 0.6}, {"kind": "adam"}]}));
    let runs = simulate(&s).unwrap();
    let v = simulation_value(&runs, false);
    assert_eq!(v["version"], json!(1));
    let r = v["runs"].as_array().unwrap();
    assert_eq!(r.len(), 2);
    assert_eq!(r[0]["kind"], json!("gd"));
    assert_eq!(r[1]["kind"], json!("adam"));
    assert_eq!(r[0]["label"], json!("GD η=0.6"));
    let pts = r[0]["points"].as_array().unwrap();
    assert_eq!(pts.len(), 21);
    assert_eq!(pts[0], json!([-5.0, -2.0]));
    let y20 = pts[20][1].as_f64().unwrap();
    assert!((y20 + 1673.37).abs() < 0.01, "{y20}");
    assert_eq!(r[0]["loss"].as_array().unwrap().len(), 21);
    assert_eq!(r[0]["stop"], json!({"reason": "completed"}));
    assert!(r[0].get("state").is_none());
    // Numbers are written in shortest round-trip form (what Rust's own
    // parser reads back exactly).
    let text = serde_json::to_string(&v).unwrap();
    for p in &runs[0].points {
        let written = format!("[{},{}]", Value::from(p[0]), Value::from(p[1]));
        assert!(text.contains(&written), "{written}");
        let inner = written.trim_matches(|c| c == '[' || c == ']');
        let (x, y) = inner.split_once(',').unwrap();
        assert_eq!([x.parse::<f64>().unwrap(), y.parse::<f64>().unwrap()], *p);
    }

    // With state: one entry per step with grad, lr_eff and the named vectors.
    let v = simulation_value(&runs, true);
    let st = v["runs"][1]["state"].as_array().unwrap();
    assert_eq!(st.len(), 20);
    assert_eq!(st[0]["grad"], json!([-1.0, -8.0]));
    for key in ["lr_eff", "m", "v", "m̂", "v̂"] {
        assert!(st[0].get(key).is_some(), "state lacks {key}: {}", st[0]);
    }
    assert_eq!(v["runs"][0]["state"][0]["lr_eff"], json!([0.6, 0.6]));
}

#[test]
fn diverged_runs_report_the_step() {
    let s = scene_json(json!({
        "landscape": {"kind": "rosenbrock"}, "start": [-1.5, 2], "steps": 100,
        "optimizers": [{"kind": "gd", "lr": 0.01}]
    }));
    let runs = simulate(&s).unwrap();
    let Stop::Diverged { step } = runs[0].stop else {
        panic!("{:?}", runs[0].stop)
    };
    let v = simulation_value(&runs, false);
    assert_eq!(
        v["runs"][0]["stop"],
        json!({"reason": "diverged", "step": step})
    );
    assert_eq!(v["runs"][0]["points"].as_array().unwrap().len(), step);
    let csv = simulation_csv(&runs);
    assert_eq!(csv.lines().count(), 1 + step);
}

#[test]
fn csv_has_one_row_per_point_and_tags_repeated_kinds() {
    let s = scene_json(json!({"steps": 3, "optimizers": [
        {"kind": "gd", "lr": 0.4}, {"kind": "momentum"}, {"kind": "gd", "lr": 0.1}]}));
    let runs = simulate(&s).unwrap();
    let csv = simulation_csv(&runs);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "optimizer,step,x,y,loss");
    assert_eq!(lines.len(), 1 + 3 * 4);
    assert!(csv.ends_with('\n'));
    assert!(lines[1].starts_with("gd#1,0,-5"), "{}", lines[1]);
    assert!(lines[5].starts_with("momentum,0,"), "{}", lines[5]);
    assert!(lines[9].starts_with("gd#3,0,"), "{}", lines[9]);
    // Shortest round-trip numbers: every field parses back to the trajectory.
    for (k, line) in lines[1..].iter().enumerate() {
        let cols: Vec<&str> = line.split(',').collect();
        assert_eq!(cols.len(), 5);
        let (run, step) = (k / 4, k % 4);
        assert_eq!(cols[1].parse::<usize>().unwrap(), step);
        assert_eq!(cols[2].parse::<f64>().unwrap(), runs[run].points[step][0]);
        assert_eq!(cols[3].parse::<f64>().unwrap(), runs[run].points[step][1]);
        assert_eq!(cols[4].parse::<f64>().unwrap(), runs[run].loss[step]);
    }
    // A kind that appears once keeps its plain name.
    assert!(!csv.contains("momentum#"));
}

#[test]
fn svg_figure_draws_every_run_with_a_legend() {
    let s = scene_json(json!({"optimizers": [
        {"kind": "gd", "lr": 0.4}, {"kind": "momentum", "lr": 0.4, "gamma": 0.5}, {"kind": "adam_l2", "lambda": 0.1}]}));
    let runs = simulate(&s).unwrap();
    let svg = render(
        &s,
        &runs,
        &SvgOptions {
            width: 640,
            height: 480,
            ..SvgOptions::default()
        },
    );
    assert!(svg.starts_with("<svg"));
    assert!(svg.trim_end().ends_with("</svg>"));
    assert!(svg.contains(r#"width="640""#) && svg.contains(r#"height="480""#));
    assert_eq!(svg.matches(r#"<g class="run""#).count(), 3);
    for kind in ["gd", "momentum", "adam_l2"] {
        assert!(svg.contains(&format!(r#"data-kind="{kind}""#)), "{kind}");
    }
    // Legend: one caption per run, labels escaped as XML.
    let legend = &svg[svg.find(r#"<g class="legend""#).expect("a legend")..];
    assert!(legend.contains("GD η=0.4"));
    assert!(legend.contains("Momentum η=0.4 γ=0.5"));
    assert!(legend.contains("Adam+L2"));
    assert_eq!(legend.matches("<text").count(), 3);
    // Each run's trail is drawn in its own colour, once.
    for col in ["#E69F00", "#56B4E9", "#009E73"] {
        assert_eq!(
            svg.matches(&format!(r#"fill="none" stroke="{col}""#))
                .count(),
            1,
            "{col}"
        );
    }
    // Only the scene's own numbers; no NaN leaks into the drawing.
    assert!(!svg.contains("NaN") && !svg.contains("inf"));
    // The title names the surface and the convention.
    assert!(svg.contains("d2l convention"));
    assert!(svg.contains("20 steps"));
}

#[test]
fn svg_marks_divergence_and_survives_far_points() {
    let s = scene_json(json!({
        "landscape": {"kind": "rosenbrock"}, "start": [-1.5, 2], "steps": 100,
        "optimizers": [{"kind": "gd", "lr": 0.01}, {"kind": "adam", "lr": 0.05}]
    }));
    let runs = simulate(&s).unwrap();
    let svg = render(&s, &runs, &SvgOptions::default());
    assert!(svg.contains("diverged at step"));
    assert!(!svg.contains("NaN") && !svg.contains("inf"));
    // Coordinates are clamped: no number in the drawing is astronomically large.
    let mut coords = 0;
    for attr in [
        " d=\"", " cx=\"", " cy=\"", " x=\"", " y=\"", " x1=\"", " y2=\"",
    ] {
        for (at, _) in svg.match_indices(attr) {
            let rest = &svg[at + attr.len()..];
            let value = &rest[..rest.find('"').unwrap()];
            for tok in value.split(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-')) {
                if let Ok(v) = tok.parse::<f64>() {
                    assert!(v.is_finite() && v.abs() <= 1e5 + 20.0, "{attr}{value}");
                    coords += 1;
                }
            }
        }
    }
    assert!(coords > 100);
    // No runs: a figure of the surface alone, no legend.
    let svg = render(&s, &[], &SvgOptions::default());
    assert!(svg.contains("<svg") && !svg.contains("class=\"legend\""));
}

/// The same bug, one fixed input: the value written by `to_json` (shortest
/// round-trip form) must read back as the same double.
#[test]

fn scene_numbers_read_back_exactly() {
    let eps: f64 = "1.1239618971018955e-12".parse().unwrap();
    let text = r#"{"optimizers": [{"kind": "adagrad", "eps": 1.1239618971018955e-12}], "start": [21.082700799999998, -2]}"#;
    let s = Scene::from_json(text).unwrap();
    assert_eq!(
        s.optimizers[0].hyper.eps.to_bits(),
        eps.to_bits(),
        "{:e}",
        s.optimizers[0].hyper.eps
    );
    assert_eq!(s.start[0], 21.082700799999998);
    let mut d = Scene::default();
    d.optimizers[0].hyper.lr = eps;
    assert_eq!(Scene::from_json(&d.to_json()).unwrap(), d);
}
