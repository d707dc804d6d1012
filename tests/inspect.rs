//! The state inspector's numbers come from the core state and explain the
//! actual motion: the seed's bias-correction example, the printed rule's
//! step against `points[k] − points[k−1]` for every kind in both conventions,
//! the weight-decay decomposition of Adam+L2 and AdamW, and the stepper
//! (incremental, restarted, stopped runs).
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::needless_range_loop)]

use gradscape::inspect::{bias_series, Inspection, Stepper};
use gradscape::landscape::{Quadratic, Rosenbrock};
use gradscape::optim::{FlagKey, HyperKey, StateKey, ALL_KINDS};
use gradscape::run::run_one;
use gradscape::scene::Noise;
use gradscape::{Convention, Landscape, OptKind, OptSpec, Scene};

fn bowl() -> Landscape {
    Landscape::Quadratic(Quadratic {
        a: 0.1,
        b: 2.0,
        rotation: 0.0,
    })
}

fn scene(landscape: Landscape, start: [f64; 2], steps: usize, conv: Convention) -> Scene {
    Scene {
        landscape,
        start,
        steps,
        convention: conv,
        noise: Noise::default(),
        view: None,
        optimizers: vec![],
    }
}

fn with(mut s: Scene, specs: Vec<OptSpec>) -> Scene {
    s.optimizers = specs;
    s
}

#[test]
fn seed_adam_first_step_m1_is_a_tenth_of_g1_and_m_hat_is_g1() {
    for conv in [Convention::D2l, Convention::Pytorch] {
        let mut spec = OptSpec::new(OptKind::Adam, conv);
        spec.hyper.beta1 = 0.9;
        let s = with(scene(bowl(), [-5.0, -2.0], 20, conv), vec![spec]);
        let mut st = Stepper::new(&s, 0).expect("stepper");
        let i = st.at(1).expect("step 1");
        let g = i.grad;
        assert_eq!(g, [-1.0, -8.0], "∇f(−5, −2) on the seed's bowl");
        let m = i.field(StateKey::M);
        let m_hat = i.field(StateKey::MHat);
        for c in 0..2 {
            assert_eq!(m[c], (1.0 - 0.9) * g[c], "{conv:?}: m₁ = (1−β1)·g₁");
            assert!(
                (m[c] - 0.1 * g[c]).abs() <= 1e-15 * g[c].abs(),
                "m₁ ≈ 0.1·g₁"
            );
            assert_eq!(m_hat[c], g[c], "{conv:?}: m̂₁ = g₁ exactly");
        }
        let (c1, c2) = i.bias_factors().expect("Adam has factors");
        assert!((c1 - 10.0).abs() < 1e-12 && (c2 - 1000.0).abs() < 1e-9);
        // The series the panel plots agrees with the inspection.
        let series = bias_series(&s, 0, 20);
        assert_eq!(series.len(), 20);
        assert_eq!(series[0].m, m);
        assert_eq!(series[0].m_hat, m_hat);
        assert_eq!(series[0].c1, c1);
        assert_eq!(series[0].c2, c2);
        // Off: m̂ = m, factors 1, and the first step is larger (m₁/√v₁ = 0.1/√0.001).
        let mut off = spec;
        off.hyper.bias_correction = false;
        let s2 = with(s.clone(), vec![off]);
        let j = Stepper::new(&s2, 0).unwrap().at(1).unwrap();
        assert_eq!(j.field(StateKey::MHat), j.field(StateKey::M));
        assert_eq!(j.bias_factors(), Some((1.0, 1.0)));
        let series = bias_series(&s2, 0, 5);
        assert_eq!((series[0].c1, series[0].c1_on), (1.0, c1));
        let on_step = i.actual();
        let off_step = j.actual();
        // The ratio of the first steps is the ratio the panel's numbers give:
        // (c1·m/(√(c2·v)+ε)) / (m/(√v+ε)).
        let (m1, v1, eps) = (j.field(StateKey::M), j.field(StateKey::V), spec.hyper.eps);
        for c in 0..2 {
            let want = (c1 * m1[c] / ((c2 * v1[c]).sqrt() + eps)) / (m1[c] / (v1[c].sqrt() + eps));
            let got = on_step[c] / off_step[c];
            assert!(
                (got - want).abs() < 1e-9 * want.abs(),
                "{conv:?}: {got} vs {want}"
            );
        }
    }
}

fn check_identity(s: &Scene, what: &str) {
    for (i, spec) in s.optimizers.iter().enumerate() {
        let run = run_one(&s.landscape, spec, s).expect("runs");
        let mut st = Stepper::new(s, i).expect("stepper");
        for k in 1..run.points.len() {
            let insp: Inspection = st.at(k).unwrap_or_else(|| panic!("{what}: no step {k}"));
            let tag = format!(
                "{what} {} {:?} step {k}",
                gradscape::text::optim::opt_label(spec, s.convention, gradscape::Lang::En),
                s.convention
            );
            assert_eq!(insp.x, run.points[k - 1], "{tag}: x_(k-1)");
            assert_eq!(insp.next, run.points[k], "{tag}: x_k");
            let state = &run.states[k - 1];
            assert_eq!(insp.grad, state.grad, "{tag}: g");
            assert_eq!(insp.fields, state.fields, "{tag}: state");
            assert_eq!(insp.lr_eff, state.lr_eff, "{tag}: lr_eff");
            if k >= 2 {
                assert_eq!(insp.prev, run.states[k - 2].fields, "{tag}: previous state");
            }
            let step = insp.step();
            let actual = insp.actual();
            for c in 0..2 {
                // Rounding: a few ulps of the step, plus the ulps lost when
                // x_k − x_(k−1) is taken between two large coordinates.
                let scale = insp.x[c].abs().max(insp.next[c].abs());
                let tol = 1e-12 * step[c].abs().max(actual[c].abs()) + 4.0 * f64::EPSILON * scale;
                assert!(
                    (step[c] - actual[c]).abs() <= tol,
                    "{tag}: the printed rule gives Δx{c} = {} but the run moved {}",
                    step[c],
                    actual[c]
                );
            }
            if let Some(d) = insp.decay_step() {
                assert!(d.iter().all(|v| v.is_finite()), "{tag}: decay");
            }
            for row in insp.rows() {
                assert!(
                    row.value.iter().all(|v| v.is_finite()),
                    "{tag}: row {:?}",
                    row.key
                );
            }
        }
    }
}

fn variants(kind: OptKind, conv: Convention) -> Vec<OptSpec> {
    let base = OptSpec::new(kind, conv);
    let mut out = vec![base];
    let mut fast = base;
    fast.hyper.lr = match conv {
        Convention::D2l => base.hyper.lr,
        Convention::Pytorch => 0.05,
    };
    out.push(fast);
    if kind.uses(FlagKey::Nesterov) {
        let mut n = fast;
        n.hyper.nesterov = true;
        out.push(n);
    }
    if kind.uses(FlagKey::Amsgrad) {
        let mut a = fast;
        a.hyper.amsgrad = true;
        out.push(a);
        let mut b = fast;
        b.hyper.bias_correction = false;
        out.push(b);
    }
    if kind.uses(HyperKey::Lambda) {
        let mut l = fast;
        l.hyper.lambda = 0.5;
        out.push(l);
    }
    if kind.uses(HyperKey::Eps) {
        let mut e = fast;
        e.hyper.eps = 0.0;
        out.push(e);
    }
    out
}

#[test]
fn the_printed_rule_gives_the_actual_step_for_every_kind_in_both_conventions() {
    let surfaces = [
        (bowl(), [-5.0, -2.0]),
        (
            Landscape::Rosenbrock(Rosenbrock { a: 1.0, b: 100.0 }),
            [-1.5, 2.0],
        ),
        (Landscape::from_kind("himmelblau").unwrap(), [0.0, 0.0]),
        (bowl(), [0.0, -2.0]), // a coordinate with gradient exactly 0
    ];
    for conv in [Convention::D2l, Convention::Pytorch] {
        for (l, start) in &surfaces {
            let mut specs = vec![];
            for kind in ALL_KINDS {
                specs.extend(variants(kind, conv));
            }
            let s = with(scene(l.clone(), *start, 40, conv), specs);
            check_identity(&s, l.kind());
            // With gradient noise too.
            let mut noisy = s.clone();
            noisy.noise = Noise {
                sigma: 0.7,
                seed: 42,
            };
            check_identity(&noisy, "noisy");
        }
    }
}

#[test]
fn a_diverging_run_has_no_step_past_its_end_and_a_start_outside_the_domain_none() {
    let mut gd = OptSpec::new(OptKind::Gd, Convention::D2l);
    gd.hyper.lr = 1000.0;
    let s = with(scene(bowl(), [-5.0, -2.0], 50, Convention::D2l), vec![gd]);
    let run = run_one(&s.landscape, &gd, &s).unwrap();
    let last = run.points.len() - 1;
    assert!(last < 50, "η = 1000 diverges");
    let mut st = Stepper::new(&s, 0).unwrap();
    assert!(st.at(last).is_some());
    assert!(st.at(last + 1).is_none());
    assert_eq!(st.stopped_at(), Some(last + 1));
    assert!(st.at(1).is_some(), "going back restarts");
    // ln(x) at x < 0: the start is outside the domain, no step at all.
    let l = Landscape::Expr(gradscape::landscape::Expr::parse("ln(x) + y^2").unwrap());
    let s = with(
        scene(l, [-1.0, 1.0], 10, Convention::D2l),
        vec![OptSpec::new(OptKind::Adam, Convention::D2l)],
    );
    let mut st = Stepper::new(&s, 0).unwrap();
    assert!(st.at(1).is_none());
    assert_eq!(st.stopped_at(), Some(0));
    assert!(bias_series(&s, 0, 20).is_empty());
    assert!(Stepper::new(&s, 3).is_none(), "no fourth optimizer");
}

#[test]
fn forward_backward_and_repeated_calls_give_the_same_inspection() {
    let conv = Convention::D2l;
    let specs: Vec<OptSpec> = ALL_KINDS.iter().map(|k| OptSpec::new(*k, conv)).collect();
    let s = with(scene(bowl(), [-5.0, -2.0], 30, conv), specs);
    for i in 0..s.optimizers.len() {
        let mut a = Stepper::new(&s, i).unwrap();
        let forward: Vec<Inspection> = (1..=30).map(|k| a.at(k).unwrap()).collect();
        for k in [30, 7, 7, 1, 30, 12] {
            let mut fresh = Stepper::new(&s, i).unwrap();
            assert_eq!(a.at(k).unwrap(), forward[k - 1]);
            assert_eq!(fresh.at(k).unwrap(), forward[k - 1]);
        }
    }
}

/// Adam's step on the gradient part alone, through the same denominator.
fn adam_gradient_part(insp: &Inspection, m_g: [f64; 2]) -> [f64; 2] {
    let h = insp.spec.hyper;
    let (bc1, _) = insp.bias_denominators();
    let den = insp.adam_denominator();
    [0, 1].map(|c| -h.lr * (m_g[c] / bc1) / den[c])
}

#[test]
fn the_decay_part_of_adam_l2_and_adamw_sums_with_the_gradient_part_to_the_step() {
    for conv in [Convention::D2l, Convention::Pytorch] {
        for kind in [OptKind::AdamL2, OptKind::Adamw] {
            let mut spec = OptSpec::new(kind, conv);
            spec.hyper.lr = 0.1;
            spec.hyper.lambda = 0.5;
            let s = with(
                scene(
                    Landscape::Rosenbrock(Rosenbrock { a: 1.0, b: 100.0 }),
                    [-1.5, 2.0],
                    60,
                    conv,
                ),
                vec![spec],
            );
            let mut st = Stepper::new(&s, 0).unwrap();
            // The moving average of the gradient alone, kept here independently.
            let mut m_g = [0.0; 2];
            for k in 1..=60 {
                let insp = st.at(k).unwrap();
                let b1 = spec.hyper.beta1;
                for c in 0..2 {
                    m_g[c] = b1 * m_g[c] + (1.0 - b1) * insp.grad[c];
                }
                let decay = insp.decay_step().unwrap();
                let grad_part = adam_gradient_part(&insp, m_g);
                let step = insp.actual();
                for c in 0..2 {
                    let sum = grad_part[c] + decay[c];
                    let tol = 1e-9 * step[c].abs().max(decay[c].abs()) + 1e-14;
                    assert!(
                        (sum - step[c]).abs() <= tol,
                        "{kind:?} {conv:?} step {k}: gradient part {} + decay part {} ≠ step {}",
                        grad_part[c],
                        decay[c],
                        step[c]
                    );
                }
                let rate = insp.decay_rate().unwrap();
                match kind {
                    OptKind::Adamw => {
                        // Isotropic: −η·λ·x, the same rate in both coordinates.
                        for c in 0..2 {
                            let want = -spec.hyper.lr * spec.hyper.lambda * insp.x[c];
                            assert!((decay[c] - want).abs() <= 1e-15 * want.abs().max(1e-300));
                        }
                        assert_eq!(rate[0], rate[1]);
                    }
                    _ => {
                        // Anisotropic: η·λ/(√v̂+ε), smaller where √v̂ is larger.
                        let den = insp.adam_denominator();
                        for c in 0..2 {
                            let want = spec.hyper.lr * spec.hyper.lambda / den[c];
                            assert!((rate[c] - want).abs() <= 1e-12 * want);
                        }
                        if den[0] > den[1] {
                            assert!(rate[0] < rate[1]);
                        } else if den[1] > den[0] {
                            assert!(rate[1] < rate[0]);
                        }
                    }
                }
            }
            // λ = 0: no decay part.
            let mut zero = spec;
            zero.hyper.lambda = 0.0;
            let s0 = with(s.clone(), vec![zero]);
            let i0 = Stepper::new(&s0, 0).unwrap().at(5).unwrap();
            assert_eq!(i0.decay_step().unwrap().map(|v| v.abs()), [0.0, 0.0]);
        }
    }
}

#[test]
fn the_inspector_reads_eta_t_and_the_cycled_momentum_under_a_schedule() {
    // The printed rule of every step must move the point as the run did,
    // with η_t (and γ_t / β1_t) in place of η (and γ / β1).
    for conv in ["d2l", "pytorch"] {
        for sched in [
            r#"{"kind": "step", "step_size": 3, "gamma": 0.5}"#,
            r#"{"kind": "one_cycle"}"#,
            r#"{"kind": "cyclic", "max_lr": 0.5, "step_size_up": 4, "mode": "triangular2"}"#,
            r#"{"kind": "sequential", "schedulers": [{"kind": "linear", "start_factor": 0.1}, {"kind": "cosine"}], "milestones": [5]}"#,
            r#"{"kind": "plateau", "patience": 1, "factor": 0.5, "threshold": 0.3}"#,
        ] {
            let opts: Vec<String> = ["gd", "momentum", "adam", "adam_l2", "adamw", "nadam"]
                .iter()
                .map(|k| format!(r#"{{"kind": "{k}", "lr": 0.1, "schedule": {sched}}}"#))
                .collect();
            let text = format!(
                r#"{{"steps": 25, "convention": "{conv}", "optimizers": [{}]}}"#,
                opts.join(",")
            );
            let s = Scene::from_json(&text).unwrap_or_else(|e| panic!("{text}: {e:?}"));
            check_identity(&s, sched);
        }
    }
}

#[test]
fn the_printed_rules_show_torchs_extra_keys_when_they_are_on() {
    use gradscape::inspect::Quantity as Q;
    let at = |spec: OptSpec, conv: Convention| {
        let s = with(scene(bowl(), [-5.0, -2.0], 10, conv), vec![spec]);
        Stepper::new(&s, 0).unwrap().at(3).unwrap()
    };
    let rules = |insp: &Inspection| -> String {
        insp.rows()
            .iter()
            .map(|r| format!("{:?}: {:?}", r.key, r.rule))
            .collect::<Vec<_>>()
            .join("\n")
    };
    for conv in [Convention::D2l, Convention::Pytorch] {
        let mut m = OptSpec::new(OptKind::Momentum, conv);
        m.hyper.dampening = 0.5;
        m.hyper.lambda = 0.1;
        let i = at(m, conv);
        let keys: Vec<Q> = i.values().iter().map(|(q, _)| *q).collect();
        assert!(keys.contains(&Q::GradL2), "{conv:?}: g̃ row");
        assert!(
            rules(&i).contains("Tau") && rules(&i).contains("GTilde"),
            "{}",
            rules(&i)
        );
        let plain = at(OptSpec::new(OptKind::Momentum, conv), conv);
        assert!(!rules(&plain).contains("Tau") && !rules(&plain).contains("GTilde"));

        let mut r = OptSpec::new(OptKind::Rmsprop, conv);
        r.hyper.centered = true;
        r.hyper.momentum = 0.5;
        let i = at(r, conv);
        let keys: Vec<Q> = i.values().iter().map(|(q, _)| *q).collect();
        assert!(
            keys.contains(&Q::GradAvg) && keys.contains(&Q::RmsBuffer),
            "{keys:?}"
        );
        assert!(format!("{:?}", i.rule(Q::Rate)).contains("GBar"));

        let mut n = OptSpec::new(OptKind::Nadam, conv);
        n.hyper.lambda = 0.2;
        n.hyper.decoupled = true;
        let i = at(n, conv);
        let d = i
            .decay_step()
            .expect("NAdam's decoupled decay is a part of the step");
        assert_eq!(d, [-n.hyper.lr * 0.2 * i.x[0], -n.hyper.lr * 0.2 * i.x[1]]);
        assert!(format!("{:?}", i.rule(Q::Step)).contains("Lambda"));
    }
}

#[test]
fn newton_prints_the_hessian_and_h_inverse_g_solved_from_it() {
    use gradscape::inspect::Quantity as Q;
    // Himmelblau at (0, 0): g = (−14, −22), H = diag(−42, −26) by hand, so
    // H⁻¹g = (1/3, 11/13) and the step −(1/3, 11/13): towards the maximum.
    let l = Landscape::from_kind("himmelblau").unwrap();
    let s = with(
        scene(l, [0.0, 0.0], 5, Convention::Pytorch),
        vec![OptSpec::new(OptKind::Newton, Convention::Pytorch)],
    );
    let insp = Stepper::new(&s, 0).unwrap().at(1).unwrap();
    let rows = insp.rows();
    let value = |q: Q| rows.iter().find(|r| r.key == q).map(|r| r.value);
    assert_eq!(value(Q::Grad), Some([-14.0, -22.0]));
    assert_eq!(value(Q::HessRow1), Some([-42.0, 0.0]));
    assert_eq!(value(Q::HessRow2), Some([0.0, -26.0]));
    let d = value(Q::NewtonDir).unwrap();
    assert!((d[0] - 1.0 / 3.0).abs() < 1e-15 && (d[1] - 11.0 / 13.0).abs() < 1e-15);
    assert_eq!(value(Q::Rate), None, "no rate GD would need: the real rule");
    let step = insp.step();
    assert_eq!(step, insp.actual());
    assert!((step[0] + 1.0 / 3.0).abs() < 1e-15 && (step[1] + 11.0 / 13.0).abs() < 1e-15);
}

#[test]
fn lbfgs_prints_direction_scale_step_length_and_its_trial_points() {
    use gradscape::inspect::Quantity as Q;
    use gradscape::optim::LineSearch;
    let l = Landscape::Rosenbrock(Rosenbrock { a: 1.0, b: 100.0 });
    for ls in [LineSearch::None, LineSearch::StrongWolfe] {
        let mut spec = OptSpec::new(OptKind::Lbfgs, Convention::Pytorch);
        spec.hyper.line_search = ls;
        let s = with(
            scene(l.clone(), [-1.5, 2.0], 12, Convention::Pytorch),
            vec![spec],
        );
        let run = run_one(&s.landscape, &spec, &s).unwrap();
        let mut st = Stepper::new(&s, 0).unwrap();
        let mut evals = 0;
        for k in 1..run.points.len() {
            let insp = st.at(k).unwrap();
            let rows = insp.rows();
            let value = |q: Q| rows.iter().find(|r| r.key == q).map(|r| r.value);
            let (d, t) = (value(Q::Direction).unwrap(), value(Q::StepLength).unwrap());
            let gamma = value(Q::HDiag).unwrap();
            assert!(gamma[0] > 0.0, "γ = sᵀy/yᵀy > 0 on a step {k}");
            // The first direction is −g: no pairs yet, H₀ = I.
            if k == 1 {
                assert_eq!(d, [-insp.grad[0], -insp.grad[1]]);
                assert_eq!(gamma, [1.0, 1.0]);
            }
            let step = insp.step();
            assert_eq!(step, [t[0] * d[0], t[0] * d[1]]);
            for c in 0..2 {
                assert!(
                    (step[c] - insp.actual()[c]).abs()
                        <= 1e-12 * (insp.actual()[c].abs() + insp.x[c].abs())
                );
            }
            match ls {
                LineSearch::None => {
                    assert_eq!(value(Q::Evals), None);
                    assert!(insp.trials().is_empty() && insp.accepted_trial().is_none());
                }
                LineSearch::StrongWolfe => {
                    let n = insp.trials().len();
                    assert_eq!(value(Q::Evals), Some([n as f64; 2]));
                    if t[0] != 0.0 {
                        assert!(n >= 1, "step {k} evaluated its trial points");
                        // The step ends exactly at the accepted trial point.
                        let j = insp.accepted_trial().unwrap();
                        assert_eq!(insp.trials()[j], run.points[k]);
                    }
                    evals += n;
                }
            }
        }
        if ls == LineSearch::StrongWolfe {
            assert!(
                evals > run.points.len() - 1,
                "some step took more than one trial: {evals}"
            );
        }
    }
}
