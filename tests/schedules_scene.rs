//! Schedules in the scene: the d2l and torch momentum forms under a changing
//! η, gd under cycled momentum, refusals naming `optimizers[i].schedule.<arg>`,
//! round trips, and η_t in the outputs.
#![cfg(not(target_arch = "wasm32"))]

use gradscape::text::errors::scene_error;
use gradscape::text::output::{simulation_csv, simulation_value};
use gradscape::text::Lang;
use gradscape::{simulate, Scene};

fn scene(conv: &str, opts: &str, steps: usize) -> Scene {
    let text = format!(
        r#"{{"landscape": {{"kind": "quadratic", "a": 0.1, "b": 2}}, "start": [-5, -2],
            "steps": {steps}, "convention": "{conv}", "optimizers": [{opts}]}}"#
    );
    Scene::from_json(&text).unwrap_or_else(|e| panic!("{text}: {e:?}"))
}

fn close(a: [f64; 2], b: [f64; 2]) -> bool {
    (0..2).all(|i| (a[i] - b[i]).abs() <= 1e-12 * a[i].abs().max(1.0))
}

const HALVING: &str = r#""schedule": {"kind": "step", "step_size": 1, "gamma": 0.5}"#;

#[test]
fn d2l_and_torch_momentum_part_once_eta_changes() {
    // g = (0.2·x, 4·y); x0 = (−5, −2), g1 = (−1, −8); η1 = 0.4, η2 = 0.2, γ = 0.5.
    let opt = format!(r#"{{"kind": "momentum", "lr": 0.4, "gamma": 0.5, {HALVING}}}"#);
    let d2l = &simulate(&scene("d2l", &opt, 2)).unwrap()[0];
    let torch = &simulate(&scene("pytorch", &opt, 2)).unwrap()[0];
    assert_eq!(d2l.lr, [0.4, 0.2]);
    assert_eq!(torch.lr, [0.4, 0.2]);
    // Both take x1 = x0 − 0.4·g1 = (−4.6, 1.2).
    assert!(close(d2l.points[1], [-4.6, 1.2]) && close(torch.points[1], [-4.6, 1.2]));
    // d2l: v2 = γ·v1 + η2·g2 = 0.5·(−0.4, −3.2) + 0.2·(−0.92, 4.8) = (−0.384, −0.64).
    assert!(close(d2l.points[2], [-4.216, 1.84]), "{:?}", d2l.points[2]);
    // torch: b2 = μ·b1 + g2 = (−1.42, 0.8); x2 = x1 − η2·b2.
    assert!(
        close(torch.points[2], [-4.316, 1.04]),
        "{:?}",
        torch.points[2]
    );
    // With η constant the two forms agree: (−4.032, 0.88) both.
    let flat = r#"{"kind": "momentum", "lr": 0.4, "gamma": 0.5}"#;
    let a = &simulate(&scene("d2l", flat, 2)).unwrap()[0];
    let b = &simulate(&scene("pytorch", flat, 2)).unwrap()[0];
    assert!(close(a.points[2], [-4.032, 0.88]) && close(b.points[2], [-4.032, 0.88]));
}

#[test]
fn gd_under_cycled_momentum_is_momentum_sgd_as_in_torch() {
    for conv in ["d2l", "pytorch"] {
        let sched = r#""schedule": {"kind": "one_cycle"}"#;
        let gd = format!(r#"{{"kind": "gd", "lr": 0.3, {sched}}}"#);
        let mom = format!(r#"{{"kind": "momentum", "lr": 0.3, "gamma": 0.1, {sched}}}"#);
        let a = &simulate(&scene(conv, &gd, 20)).unwrap()[0];
        let b = &simulate(&scene(conv, &mom, 20)).unwrap()[0];
        assert_eq!(a.points, b.points, "{conv}");
        assert_eq!(a.momentum.len(), 20);
        assert_eq!(a.momentum[0], 0.95);
        // …and not plain GD under the same rates.
        let plain = r#"{"kind": "gd", "lr": 0.3, "schedule": {"kind": "one_cycle", "cycle_momentum": false}}"#;
        let c = &simulate(&scene(conv, plain, 20)).unwrap()[0];
        assert_eq!(c.lr, a.lr);
        assert_ne!(c.points, a.points);
        assert!(c.momentum.is_empty());
    }
}

#[test]
fn a_cycled_momentum_at_zero_leaves_torch_s_buffer_alone() {
    // torch's SGD reads and writes `momentum_buffer` only `if momentum != 0`:
    // μ = 0.9, 0, 0.9 (cyclic, base_momentum 0, one step up) and η = 0.1,
    // 0.2, 0.1. b1 = g1 = (−1, −8), x1 = (−4.9, −1.2); step 2 takes g2 =
    // (−0.98, −4.8) alone, x2 = (−4.704, −0.24); step 3 continues b1:
    // b3 = 0.9·b1 + g3 = (−1.8408, −8.16), x3 = (−4.51992, 0.576) (torch
    // 2.15 gives it; a buffer restarted at step 2 gave (−4.52172, 0.288)).
    let sched =
        r#""schedule": {"kind": "cyclic", "max_lr": 0.2, "step_size_up": 1, "base_momentum": 0}"#;
    for kind in ["momentum", "gd"] {
        let opt = format!(r#"{{"kind": "{kind}", "lr": 0.1, {sched}}}"#);
        let t = &simulate(&scene("pytorch", &opt, 3)).unwrap()[0];
        assert_eq!(t.momentum, [0.9, 0.0, 0.9], "{kind}");
        assert!(
            close(t.points[2], [-4.704, -0.24]),
            "{kind}: {:?}",
            t.points
        );
        assert!(
            close(t.points[3], [-4.51992, 0.576]),
            "{kind}: {:?}",
            t.points
        );
    }
}

#[test]
fn adam_beta1_follows_the_cycle() {
    let opt = r#"{"kind": "adam", "lr": 0.1, "schedule": {"kind": "cyclic", "max_lr": 0.3, "step_size_up": 3}}"#;
    let t = &simulate(&scene("pytorch", opt, 7)).unwrap()[0];
    let want = [0.9, 0.9 - 0.1 / 3.0, 0.9 - 0.2 / 3.0, 0.8];
    for (m, w) in t.momentum.iter().zip(want) {
        assert!((m - w).abs() < 1e-15, "{:?}", t.momentum);
    }
}

fn refused(opts: &str, steps: usize) -> (String, String, String) {
    let text = format!(r#"{{"steps": {steps}, "optimizers": [{{"kind": "gd"}}, {opts}]}}"#);
    let e = Scene::from_json(&text).expect_err(&text);
    (
        e.field.clone(),
        scene_error(&e, Lang::En),
        scene_error(&e, Lang::Zh),
    )
}

#[test]
fn bad_schedules_are_refused_naming_the_argument() {
    for (opts, steps, field, words) in [
        (
            r#"{"kind": "adagrad", "schedule": {"kind": "one_cycle"}}"#,
            20,
            "optimizers[1].schedule.cycle_momentum",
            "adagrad has no momentum γ or β1 to cycle",
        ),
        (
            r#"{"kind": "gd", "schedule": {"kind": "step"}}"#,
            20,
            "optimizers[1].schedule.step_size",
            "is required: a whole number from 1 to 100000",
        ),
        (
            r#"{"kind": "gd", "schedule": {"kind": "cosine", "T_min": 3}}"#,
            20,
            "optimizers[1].schedule.T_min",
            "allowed keys: kind, T_max, eta_min",
        ),
        (
            r#"{"kind": "gd", "schedule": {"kind": "cosin"}}"#,
            20,
            "optimizers[1].schedule.kind",
            "one of: step, multi_step",
        ),
        (
            r#"{"kind": "gd", "schedule": {"kind": "linear", "start_factor": 0}}"#,
            20,
            "optimizers[1].schedule.start_factor",
            "must be a number in (0, 1] (got 0)",
        ),
        (
            r#"{"kind": "gd", "schedule": {"kind": "multi_step", "milestones": [5, 3]}}"#,
            20,
            "optimizers[1].schedule.milestones",
            "strictly increasing integers",
        ),
        (
            r#"{"kind": "gd", "schedule": {"kind": "sequential", "schedulers": [{"kind": "linear"}, {"kind": "plateau"}], "milestones": [5]}}"#,
            20,
            "optimizers[1].schedule.schedulers[1].kind",
            "one of: step, multi_step, constant, linear, exponential, polynomial, cosine, cosine_warm_restarts",
        ),
        (
            r#"{"kind": "gd", "schedule": {"kind": "sequential", "schedulers": [{"kind": "linear"}, {"kind": "cosine"}], "milestones": [5, 9]}}"#,
            20,
            "optimizers[1].schedule.milestones",
            "a list of 1 number (",
        ),
        (
            r#"{"kind": "gd", "schedule": {"kind": "one_cycle", "total_steps": 10}}"#,
            20,
            "optimizers[1].schedule.total_steps",
            "at least the scene's 20 steps (got 10)",
        ),
        (
            r#"{"kind": "gd", "schedule": {"kind": "one_cycle", "pct_start": 0.05}}"#,
            20,
            "optimizers[1].schedule.pct_start",
            "zero steps",
        ),
        (
            r#"{"kind": "gd", "schedule": {"kind": "cyclic"}}"#,
            20,
            "optimizers[1].schedule.max_lr",
            "is required",
        ),
        (
            r#"{"kind": "gd", "schedule": {"kind": "plateau", "factor": 1}}"#,
            20,
            "optimizers[1].schedule.factor",
            "[0, 1)",
        ),
        (
            r#"{"kind": "gd", "schedule": 3}"#,
            20,
            "optimizers[1].schedule",
            "must be an object",
        ),
    ] {
        let (f, en, zh) = refused(opts, steps);
        assert_eq!(f, field, "{opts}");
        assert!(en.contains(words), "{opts}: {en}");
        assert_ne!(en, zh);
        assert!(
            gradscape::text::english_words(&zh)
                .iter()
                .all(|w| opts.contains(w.as_str())
                    || field.contains(w.as_str())
                    || gradscape_core::schedule::KINDS.contains(&w.as_str())),
            "{opts}: {zh}"
        );
    }
}

#[test]
fn a_run_whose_steps_outgrow_its_one_cycle_is_refused_not_panicking() {
    let mut s = scene(
        "pytorch",
        r#"{"kind": "gd", "lr": 0.1, "schedule": {"kind": "one_cycle", "total_steps": 20}}"#,
        20,
    );
    s.steps = 30;
    let e = simulate(&s).expect_err("past total_steps");
    assert_eq!(e.0.field, "optimizers[0].schedule.total_steps");
}

#[test]
fn schedules_round_trip_through_json() {
    let text = std::fs::read_to_string("tests/reference/torch_golden_schedules.json").unwrap();
    let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    for case in doc["cases"].as_array().unwrap() {
        let s = Scene::from_value(&case["scene"]).unwrap();
        assert_eq!(Scene::from_json(&s.to_json()).unwrap(), s);
        assert!(s.optimizers[0].schedule.is_some());
    }
}

#[test]
fn outputs_carry_eta_t() {
    let opt = format!(r#"{{"kind": "gd", "lr": 0.4, {HALVING}}}"#);
    let s = scene("d2l", &opt, 3);
    let runs = simulate(&s).unwrap();
    let v = simulation_value(&runs, true);
    let r = &v["runs"][0];
    assert_eq!(r["lr"], serde_json::json!([0.4, 0.2, 0.1]));
    assert_eq!(r["schedule"]["kind"], "step");
    // The kind by what it does, and its arguments off their defaults.
    let label = r["label"].as_str().unwrap();
    assert!(
        label.ends_with("· step decay (step_size=1, gamma=0.5)"),
        "{label}"
    );
    assert_eq!(r["state"][1]["lr"], 0.2);
    assert!(r.get("momentum").is_none());
    let csv = simulation_csv(&runs);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "optimizer,step,x,y,loss,lr");
    assert!(lines[1].ends_with(','), "{}", lines[1]);
    assert!(lines[2].ends_with(",0.4") && lines[3].ends_with(",0.2"));
    // Without a schedule the CSV keeps its five columns and the JSON its keys
    // (η_t = η); --state still says each step's lr.
    let plain_runs = simulate(&scene("d2l", r#"{"kind": "gd"}"#, 2)).unwrap();
    let plain = simulation_csv(&plain_runs);
    assert!(plain.starts_with("optimizer,step,x,y,loss\n"));
    let v = simulation_value(&plain_runs, true);
    assert!(v["runs"][0].get("lr").is_none() && v["runs"][0].get("schedule").is_none());
    assert_eq!(v["runs"][0]["state"][1]["lr"], 0.4);
    // A cycled momentum adds its column.
    let cyc = r#"{"kind": "momentum", "schedule": {"kind": "one_cycle"}}"#;
    let csv = simulation_csv(&simulate(&scene("pytorch", cyc, 4)).unwrap());
    assert!(csv.starts_with("optimizer,step,x,y,loss,lr,momentum\n"));
    assert!(csv.lines().nth(1).unwrap().ends_with(",,"));
}

#[test]
fn schedules_round_trip_through_the_link() {
    use gradscape_core::url::{from_query, to_query};
    let text = std::fs::read_to_string("tests/reference/torch_golden_schedules.json").unwrap();
    let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    for case in doc["cases"].as_array().unwrap() {
        let mut s = Scene::from_value(&case["scene"]).unwrap();
        s.optimizers.push(s.optimizers[0]);
        s.optimizers[1].schedule = None;
        let q = to_query(&s, None);
        let (back, _, notices) = from_query(&q);
        assert!(notices.is_empty(), "{q}: {notices:?}");
        assert_eq!(back, s, "{q}");
    }
}

#[test]
fn the_link_syntax_is_readable_and_lenient() {
    use gradscape_core::url::{from_query, to_query};
    let q = "opt=gd:lr=0.6,schedule=step(step_size=5,gamma=0.5);adam:lr=0.1,schedule=sequential(schedulers=(linear(start_factor=0.1,total_iters=5),cosine()),milestones=(5))&steps=30";
    let (s, _, notices) = from_query(q);
    assert!(notices.is_empty(), "{notices:?}");
    assert_eq!(s.optimizers.len(), 2);
    assert_eq!(s.optimizers[0].schedule.unwrap().kind(), "step");
    assert_eq!(s.optimizers[1].schedule.unwrap().kind(), "sequential");
    let written = to_query(&s, None);
    assert!(
        written.contains("opt=gd:lr=0.6,schedule=step(step_size=5,gamma=0.5);adam:"),
        "{written}"
    );
    assert!(
        written.contains(
            "schedule=sequential(schedulers=(linear(start_factor=0.1),cosine()),milestones=(5))"
        ),
        "{written}"
    );
    // Defaults are left out of the link; what the scene needs stays.
    let s = Scene::from_json(r#"{"optimizers": [{"kind": "momentum", "schedule": {"kind": "one_cycle"}}, {"kind": "gd", "schedule": {"kind": "cyclic", "max_lr": 1, "mode": "triangular"}}]}"#).unwrap();
    let q = to_query(&s, None);
    assert!(
        q.contains(",schedule=one_cycle();gd:lr=0.4,schedule=cyclic(max_lr=1)"),
        "{q}"
    );
    // A bad argument is dropped (its default comes back), with a notice.
    let (s, _, notices) = from_query("opt=gd:lr=0.6,schedule=step(step_size=5,gamma=-2)");
    assert_eq!(notices.len(), 1, "{notices:?}");
    assert_eq!(
        s.optimizers[0].schedule,
        gradscape_core::Scene::from_json(
            r#"{"optimizers": [{"kind": "gd", "lr": 0.6, "schedule": {"kind": "step", "step_size": 5}}]}"#
        )
        .unwrap()
        .optimizers[0]
            .schedule
    );
    // A schedule that cannot stand (no kind, a missing argument, unbalanced
    // text) goes, the optimizer stays.
    for bad in [
        "schedule=cosin()",
        "schedule=step()",
        "schedule=step(step_size=5",
        "schedule=(1,2)",
        "schedule=sequential(schedulers=(linear(),plateau()),milestones=(5))",
    ] {
        let (s, _, notices) = from_query(&format!("opt=gd:lr=0.6,{bad};momentum:lr=0.1"));
        assert_eq!(s.optimizers.len(), 2, "{bad}");
        assert!(s.optimizers[0].schedule.is_none(), "{bad}");
        assert_eq!(s.optimizers[0].hyper.lr, 0.6, "{bad}");
        assert!(!notices.is_empty(), "{bad}");
    }
}

#[test]
fn schedule_step_counts_reach_as_far_as_a_scene() {
    assert_eq!(
        gradscape_core::schedule::MAX_ITERS as usize,
        gradscape_core::scene::MAX_STEPS
    );
}

#[test]
fn the_fuzz_seeds_with_schedules_hold_the_fuzz_invariants() {
    // What fuzz/fuzz_targets/common.rs asserts, on the schedule seeds.
    use gradscape_core::url::{from_query, to_query};
    let check = |s: &Scene, what: &str| {
        assert_eq!(&Scene::from_json(&s.to_json()).unwrap(), s, "{what}");
        let (back, _, notices) = from_query(&to_query(s, None));
        assert!(notices.is_empty(), "{what}: {notices:?}");
        assert_eq!(&back, s, "{what}");
        if let Ok(runs) = simulate(s) {
            for r in runs {
                assert!(r
                    .points
                    .iter()
                    .all(|p| p[0].is_finite() && p[1].is_finite()));
                assert!(r.lr.iter().all(|x| x.is_finite()), "{what}");
            }
        }
    };
    let mut n = 0;
    for dir in ["fuzz/seeds/scene_json", "fuzz/seeds/url_query"] {
        for e in std::fs::read_dir(dir).unwrap() {
            let path = e.unwrap().path();
            let name = path.display().to_string();
            if !name.contains("schedule") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let s = if dir.ends_with("json") {
                Scene::from_json(&text).unwrap_or_else(|e| panic!("{name}: {e:?}"))
            } else {
                from_query(text.trim()).0
            };
            check(&s, &name);
            n += 1;
        }
    }
    assert!(n >= 10, "{n} seeds");
}

#[test]
fn a_scheduled_run_is_not_explained_by_the_constant_eta_bound() {
    use gradscape_core::diagnose::{diagnose, Hint};
    // γ = 1 keeps η = 0.6 > 2/L: it diverges like plain GD, but the hint
    // must not claim the constant-η bound explains a scheduled run.
    let s = scene(
        "d2l",
        r#"{"kind": "gd", "lr": 0.6, "schedule": {"kind": "exponential", "gamma": 1}},
           {"kind": "gd", "lr": 0.6}"#,
        20,
    );
    let runs = simulate(&s).unwrap();
    let a = diagnose(&s.landscape, &runs[0]);
    let b = diagnose(&s.landscape, &runs[1]);
    assert_eq!(runs[0].points, runs[1].points);
    assert!(matches!(b.hint, Some(Hint::GdUnstable { .. })), "{b:?}");
    assert!(matches!(a.hint, Some(Hint::Grew { .. })), "{a:?}");
}
