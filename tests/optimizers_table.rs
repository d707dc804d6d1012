//! Optimizers everywhere: a table of every optimizer × every surface × both
//! conventions (and extreme hyper-parameters) with no NaN anywhere, and the
//! state fields named after the maths.
#![cfg(not(target_arch = "wasm32"))]

use gradscape::landscape::{Quadratic, Rosenbrock, KINDS};
use gradscape::optim::ALL_KINDS;
use gradscape::run::DIVERGENCE_BOUND;
use gradscape::{Convention, Landscape, OptKind, Stop, Trajectory};

#[allow(dead_code)]
#[path = "common/optim.rs"]
mod optim;
use optim::*;

// ------------------------------------------------- every optimizer × every surface

fn surfaces() -> Vec<Landscape> {
    let mut v: Vec<Landscape> = KINDS
        .iter()
        .map(|k| Landscape::from_kind(k).unwrap())
        .collect();
    v.push(Landscape::Quadratic(Quadratic {
        a: 1e3,
        b: 1e-3,
        rotation: 33.0,
    }));
    v.push(Landscape::Rosenbrock(Rosenbrock { a: -1.0, b: 1e4 }));
    v
}

#[test]
fn table_every_optimizer_every_surface_both_conventions_no_nan() {
    let mut runs = 0;
    let mut diverged = 0;
    let mut completed = 0;
    for l in surfaces() {
        let starts = [
            l.default_start(),
            l.minima().first().copied().unwrap_or([0.0, 0.0]),
            [1e5, -1e5],
        ];
        for conv in [D2L, TORCH] {
            for kind in ALL_KINDS {
                for lr in [1e-3, 0.1, 1.0, 1e3, 1e6] {
                    for eps in [None, Some(0.0)] {
                        // 0: defaults; 1: edge values; 2: the largest finite
                        // values the ranges allow (λ·x, ε or ψ near overflow).
                        for extreme in 0..3 {
                            for start in starts {
                                let s = spec(kind, conv, |h| {
                                    h.lr = lr;
                                    if let Some(e) = eps {
                                        h.eps = e;
                                    } else if extreme == 2 {
                                        h.eps = 1e300;
                                    }
                                    if extreme == 2 {
                                        h.lambda = 1e300;
                                        h.momentum_decay = 1e300;
                                        h.gamma = 0.999_999_999;
                                    }
                                    if extreme == 1 {
                                        h.gamma = 0.999;
                                        h.beta1 = 0.0;
                                        h.beta2 = 0.0;
                                        h.lambda = 10.0;
                                        h.momentum_decay = 0.0;
                                        h.bias_correction = false;
                                        h.nesterov = true;
                                        h.amsgrad = true;
                                    }
                                });
                                let steps = 60;
                                let t = run(&l, start, steps, conv, s);
                                let what = format!("{kind:?} {conv:?} lr={lr} eps={eps:?} extreme={extreme} {l:?} from {start:?}");
                                check_trajectory(&t, steps, &what);
                                runs += 1;
                                match t.stop {
                                    Stop::Completed => completed += 1,
                                    Stop::Diverged { .. } => diverged += 1,
                                    Stop::Fault { .. } => panic!("{what}: no table kind faults"),
                                }
                            }
                        }
                    }
                }
            }
        }
    }
    // The table exercises both endings.
    assert!(
        runs > 1000 && diverged > 50 && completed > 50,
        "{runs} {diverged} {completed}"
    );
}

#[track_caller]
fn check_trajectory(t: &Trajectory, steps: usize, what: &str) {
    let fin = |v: f64| v.is_finite();
    assert_eq!(t.points.len(), t.loss.len(), "{what}");
    assert_eq!(t.points.len(), t.states.len() + 1, "{what}");
    for p in &t.points {
        assert!(
            fin(p[0])
                && fin(p[1])
                && p[0].abs() <= DIVERGENCE_BOUND
                && p[1].abs() <= DIVERGENCE_BOUND,
            "{what}: {p:?}"
        );
    }
    assert!(t.loss.iter().copied().all(fin), "{what}: loss");
    for s in &t.states {
        assert!(s.grad.iter().copied().all(fin), "{what}: grad {:?}", s.grad);
        assert!(
            s.lr_eff.iter().copied().all(fin),
            "{what}: lr_eff {:?}",
            s.lr_eff
        );
        for f in &s.fields {
            assert!(
                f.value.iter().copied().all(fin),
                "{what}: {:?} = {:?}",
                f.key,
                f.value
            );
        }
    }
    match t.stop {
        Stop::Completed => assert_eq!(t.points.len(), steps + 1, "{what}"),
        Stop::Diverged { step } | Stop::Fault { step, .. } => {
            assert!(step >= 1 && step <= steps, "{what}: step {step}");
            assert_eq!(t.points.len(), step, "{what}");
        }
    }
}

#[test]
fn state_fields_are_named_after_the_maths() {
    let expect: [(OptKind, Convention, &[&str]); 12] = [
        (OptKind::Gd, D2L, &[]),
        (OptKind::Momentum, D2L, &["v"]),
        (OptKind::Momentum, TORCH, &["v"]),
        (OptKind::Adagrad, D2L, &["s"]),
        (OptKind::Rmsprop, TORCH, &["s"]),
        (OptKind::Adam, D2L, &["m", "v", "m̂", "v̂"]),
        (OptKind::AdamL2, D2L, &["λx", "m", "v", "m̂", "v̂"]),
        (OptKind::Adamw, D2L, &["m", "v", "m̂", "v̂", "λx"]),
        (OptKind::Adamw, TORCH, &["ηλx", "m", "v", "m̂", "v̂"]),
        (OptKind::Nadam, D2L, &["m", "v"]),
        (OptKind::Adadelta, D2L, &["s", "Δx"]),
        (OptKind::Adadelta, TORCH, &["s", "Δx"]),
    ];
    for (kind, conv, want) in expect {
        let t = on_bowl(kind, conv, 1, |_| {});
        assert_eq!(names(&t.states[0]), want, "{kind:?} {conv:?}");
    }
}
