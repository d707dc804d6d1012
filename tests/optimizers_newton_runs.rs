//! Newton and L-BFGS as the product shows them: Newton's one step on the
//! bowl, its climb to Himmelblau's maximum and the diagnosis that says so,
//! a singular or non-finite Hessian stopping the run with its own reason
//! (and the words and JSON of it), GD stalled on a saddle, and L-BFGS's
//! trial points in `simulate --state`.
#![cfg(not(target_arch = "wasm32"))]

use gradscape::diagnose::{diagnose, Health, Hint, Stationary};
use gradscape::landscape::Expr;
use gradscape::optim::{Block, Fault, LineSearch, Newton, Optimizer, ScaleByLbfgs};
use gradscape::output::{run_value, stop_value};
use gradscape::run::StepState;
use gradscape::run::Walker;
use gradscape::text::diagnose::{hint, message_head, status_text};
use gradscape::{Convention, Landscape, Lang, OptKind, OptSpec, Trajectory};
use gradscape::{Scene, Stop};
use serde_json::json;

/// A run of the chain `blocks` as `run_one` records it. The scene kinds
/// `newton` and `lbfgs` are wired elsewhere; the spec here only labels it.
fn walk(
    l: &Landscape,
    start: [f64; 2],
    steps: usize,
    blocks: Vec<Box<dyn Block>>,
    lr: f64,
) -> Trajectory {
    let s = Scene {
        landscape: l.clone(),
        start,
        steps,
        ..Scene::default()
    };
    let mut w = Walker::with_optimizer(Optimizer::chain(blocks), lr, l, &s);
    let (mut points, mut loss, mut states) = (vec![start], vec![l.value(start)], vec![]);
    let mut lrs = vec![];
    while w.steps() < steps {
        let Some(st) = w.advance(l) else { break };
        points.push(st.x);
        loss.push(st.loss);
        lrs.push(st.lr);
        states.push(StepState {
            grad: st.grad,
            lr_eff: st.lr_eff,
            fields: w.fields().to_vec(),
        });
    }
    Trajectory {
        spec: OptSpec::new(OptKind::Gd, Convention::Pytorch),
        convention: Convention::Pytorch,
        points,
        loss,
        states,
        lr: lrs,
        momentum: vec![],
        stop: w.stop(),
        left: w.left(),
    }
}

#[test]
fn newton_reaches_the_bowls_minimum_in_one_step() {
    let t = walk(
        &Landscape::default(),
        [-5.0, -2.0],
        3,
        vec![Box::new(Newton::new())],
        1.0,
    );
    assert_eq!(t.points[1], [0.0, 0.0]);
    assert_eq!(t.stop, Stop::Completed);
    // η = 0.5 halves the distance each step.
    let t = walk(
        &Landscape::default(),
        [-5.0, -2.0],
        2,
        vec![Box::new(Newton::new())],
        0.5,
    );
    assert_eq!(t.points[1], [-2.5, -1.0]);
    assert_eq!(t.points[2], [-1.25, -0.5]);
}

// A trial: Newton on Rastrigin from the default start settles by step 5
// at a maximum, f 51 → 82.7; the legend said "diverging: loss ×1.61" in
// red beside the message "ends at a maximum". Settled is not diverging.
#[test]
fn newton_settled_on_a_maximum_higher_than_its_start_is_not_diverging() {
    let s = Scene::from_json(
        r#"{"landscape": {"kind": "rastrigin"}, "steps": 20, "optimizers": [{"kind": "newton", "lr": 1}]}"#,
    )
    .unwrap();
    let t = &gradscape::run::simulate(&s).unwrap()[0];
    assert!(
        t.loss[20] > 1.5 * t.loss[0],
        "{} → {}",
        t.loss[0],
        t.loss[20]
    );
    let d = diagnose(&s.landscape, t);
    assert_eq!(d.health, Health::Ok, "{d:?}");
    assert!(
        matches!(
            d.hint,
            Some(Hint::NotMinimum {
                kind: Stationary::Maximum,
                ..
            })
        ),
        "{d:?}"
    );
}

#[test]
fn newton_climbs_to_himmelblaus_maximum_and_the_legend_says_so() {
    let l = Landscape::Himmelblau;
    let t = walk(&l, [0.0, 0.0], 20, vec![Box::new(Newton::new())], 1.0);
    let end = *t.points.last().unwrap();
    assert!(
        (end[0] + 0.270_845).abs() < 1e-6 && (end[1] + 0.923_039).abs() < 1e-6,
        "{end:?}"
    );
    // It completed, and went uphill: f(0, 0) = 170 < f(max) ≈ 181.6.
    assert_eq!(t.stop, Stop::Completed);
    assert!(t.loss[20] > t.loss[0]);
    let d = diagnose(&l, &t);
    let Some(Hint::NotMinimum { kind, eig, .. }) = d.hint else {
        panic!("{d:?}");
    };
    assert_eq!(kind, Stationary::Maximum);
    assert!(eig[0] <= eig[1] && eig[1] < 0.0, "{eig:?}");
    let en = hint(&d.hint.unwrap(), Lang::En);
    assert!(
        en.contains("local maximum") && en.contains("not positive definite"),
        "{en}"
    );
    let zh = hint(&d.hint.unwrap(), Lang::Zh);
    assert!(zh.contains("极大值") && zh.contains("正定"), "{zh}");
    assert_eq!(
        message_head(&d, "Newton", Lang::En),
        "Newton ends at a maximum:"
    );
    assert_eq!(
        message_head(&d, "Newton", Lang::Zh),
        "Newton 停在极大值点："
    );
    // The same start toward a minimum (Himmelblau from (0.5, −0.5) with
    // L-BFGS) is not flagged.
    let t = walk(
        &l,
        [0.5, -0.5],
        40,
        vec![Box::new(ScaleByLbfgs::new(100, LineSearch::StrongWolfe))],
        1.0,
    );
    assert_eq!(diagnose(&l, &t).hint, None);
}

#[test]
fn gd_stalled_on_a_saddle_is_told_it_is_a_saddle() {
    // GD η = 0.5 on x² − y² from (−1.5, 0) lands on the saddle point in one
    // step and stays: ∇f = 0 there, the Hessian diag(2, −2).
    let mut s = Scene {
        landscape: Landscape::Saddle,
        start: [-1.5, 0.0],
        steps: 5,
        ..Scene::default()
    };
    let mut spec = OptSpec::new(OptKind::Gd, Convention::D2l);
    spec.hyper.lr = 0.5;
    let t = gradscape::run::run_one(&s.landscape, &spec, &s).unwrap();
    assert_eq!(*t.points.last().unwrap(), [0.0, 0.0]);
    let d = diagnose(&s.landscape, &t);
    assert_eq!(d.health, Health::Ok);
    assert!(
        matches!(d.hint, Some(Hint::NotMinimum { kind: Stationary::Saddle, eig, .. }) if eig == [-2.0, 2.0]),
        "{d:?}"
    );
    // The figure's summary for screen readers says it too.
    let said = gradscape::text::summary::figure_summary(
        std::slice::from_ref(&t),
        std::slice::from_ref(&d),
        &[false],
        5,
        5,
        Lang::En,
    );
    assert!(
        said.ends_with("loss 0, at a saddle point, not a minimum."),
        "{said}"
    );
    // Off the ridge it escapes, and nothing is said.
    s.start = [-1.5, 0.01];
    let t = gradscape::run::run_one(&s.landscape, &spec, &s).unwrap();
    assert!(!matches!(
        diagnose(&s.landscape, &t).hint,
        Some(Hint::NotMinimum { .. })
    ));
}

#[test]
fn a_singular_hessian_stops_the_run_with_its_own_reason() {
    let l = Landscape::Expr(Expr::parse("x^3/3 + x + y^2").unwrap());
    let t = walk(&l, [1.0, 1.0], 10, vec![Box::new(Newton::new())], 1.0);
    assert_eq!(t.points, vec![[1.0, 1.0], [0.0, 0.0]]);
    assert_eq!(
        t.stop,
        Stop::Fault {
            step: 2,
            fault: Fault::SingularHessian
        }
    );
    assert_eq!(
        stop_value(&t.stop),
        json!({"reason": "singular_hessian", "step": 2})
    );
    let d = diagnose(&l, &t);
    assert_eq!(
        d.health,
        Health::Stopped {
            step: 2,
            fault: Fault::SingularHessian
        }
    );
    assert_eq!(
        status_text(&d, &t, Lang::En),
        "stopped at step 2: singular Hessian"
    );
    assert_eq!(status_text(&d, &t, Lang::Zh), "在第 2 步停止：黑塞矩阵奇异");
    let en = hint(&d.hint.unwrap(), Lang::En);
    assert!(
        en.starts_with("The Hessian at (0, 0) is singular") && en.contains("step 2"),
        "{en}"
    );
    assert_eq!(
        message_head(&d, "Newton", Lang::En),
        "Newton stopped at step 2:"
    );
    let l = Landscape::Expr(Expr::parse("sqrt(x) + y^2").unwrap());
    let t = walk(&l, [0.0, 1.0], 10, vec![Box::new(Newton::new())], 1.0);
    assert_eq!(
        t.stop,
        Stop::Diverged { step: 1 },
        "∇f(0, 1) is not finite: a divergence"
    );
    let l = Landscape::Expr(Expr::parse("x^(4/3) + y^2").unwrap());
    let t = walk(&l, [0.0, 1.0], 10, vec![Box::new(Newton::new())], 1.0);
    assert_eq!(
        t.stop,
        Stop::Fault {
            step: 1,
            fault: Fault::NonFiniteHessian
        },
        "x^(4/3) has a finite slope and an infinite curvature at 0"
    );
    assert_eq!(
        stop_value(&t.stop),
        json!({"reason": "nonfinite_hessian", "step": 1})
    );
}

#[test]
fn lbfgs_state_lists_its_trial_points() {
    let l = Landscape::Rosenbrock(Default::default());
    let t = walk(
        &l,
        [-1.5, 2.0],
        10,
        vec![Box::new(ScaleByLbfgs::new(100, LineSearch::StrongWolfe))],
        1.0,
    );
    let v = run_value(&t, true);
    let states = v["state"].as_array().unwrap();
    let mut listed = 0;
    for (k, st) in states.iter().enumerate() {
        assert!(st["t"].is_f64() && st["H_diag"].is_f64(), "{st}");
        assert_eq!(st["d"].as_array().unwrap().len(), 2);
        // The accepted point is a trial point (x + t·d), the last one or an
        // earlier one the zoom went back to.
        let trials = st["trials"].as_array().unwrap();
        assert!(!trials.is_empty() && trials.len() <= 25);
        let x = json!(t.points[k + 1].to_vec());
        assert!(
            trials.contains(&x),
            "step {}: {x} not among {trials:?}",
            k + 1
        );
        listed += trials.len();
    }
    assert!(listed > 10, "{listed}");
    // Without a line search nothing is evaluated beyond the step's gradient.
    let t = walk(
        &l,
        [-1.5, 2.0],
        3,
        vec![Box::new(ScaleByLbfgs::new(100, LineSearch::None))],
        1.0,
    );
    let v = run_value(&t, true);
    assert!(v["state"][0].get("trials").is_none(), "{}", v["state"][0]);
}

#[test]
fn with_noise_lbfgs_steps_on_the_noisy_gradient_and_searches_the_exact_surface() {
    let l = Landscape::Rosenbrock(Default::default());
    let s = Scene {
        landscape: l.clone(),
        start: [-1.5, 2.0],
        steps: 1,
        noise: gradscape::scene::Noise {
            sigma: 5.0,
            seed: 7,
        },
        ..Scene::default()
    };
    let lb = ScaleByLbfgs::new(100, LineSearch::StrongWolfe);
    let mut w = Walker::with_optimizer(Optimizer::chain(vec![Box::new(lb)]), 1.0, &l, &s);
    let st = w.advance(&l).unwrap();
    let exact = l.grad(s.start);
    assert_ne!(st.grad, exact, "the step's gradient carries the noise");
    // The first direction is −g of the noisy gradient…
    let d = w
        .fields()
        .iter()
        .find(|f| f.key == gradscape::optim::StateKey::Direction)
        .unwrap()
        .value;
    assert_eq!(d, [-st.grad[0], -st.grad[1]]);
    // …and the point it accepts satisfies the sufficient-decrease test on the
    // exact f (what the search evaluated): f(x + t·d) ≤ f(x) + 1e-4·t·gᵀd.
    let t = w
        .fields()
        .iter()
        .find(|f| f.key == gradscape::optim::StateKey::StepLength)
        .unwrap()
        .value[0];
    let gtd = st.grad[0] * d[0] + st.grad[1] * d[1];
    assert!(
        st.loss <= l.value(s.start) + 1e-4 * t * gtd,
        "{} vs {}",
        st.loss,
        l.value(s.start)
    );
}
