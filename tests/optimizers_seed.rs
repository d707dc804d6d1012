//! Optimizers on the seed's numbers: GD zig-zagging out at η = 0.6, momentum
//! converging where GD diverged, AdaGrad stalling, AdamW's decay against L2,
//! divergence keeping the last finite point, and the edge cases of a run.
#![cfg(not(target_arch = "wasm32"))]
// Coordinates are indexed 0..2 across several arrays at once, as in the maths.
#![allow(clippy::needless_range_loop)]

use gradscape::landscape::{Rastrigin, Rosenbrock};
use gradscape::optim::ALL_KINDS;
use gradscape::run::DIVERGENCE_BOUND;
use gradscape::{Landscape, OptKind, OptSpec, Stop, Trajectory};

#[allow(dead_code)]
#[path = "common/optim.rs"]
mod optim;
use optim::*;

#[test]
fn adamw_decay_is_isotropic_and_l2_is_not() {
    // Step 1 in d2l from x0: AdamW moves by exactly −η·λ·x0 more than Adam
    // (proportional to x0 in every coordinate); Adam+L2's extra move is not.
    let (lr, lambda) = (0.1, 0.1);
    let adam = on_bowl(OptKind::Adam, D2L, 1, |h| h.lr = lr);
    let w = on_bowl(OptKind::Adamw, D2L, 1, |h| {
        h.lr = lr;
        h.lambda = lambda;
    });
    let l2 = on_bowl(OptKind::AdamL2, D2L, 1, |h| {
        h.lr = lr;
        h.lambda = lambda;
    });
    for d in 0..2 {
        let extra = w.points[1][d] - adam.points[1][d];
        assert!(
            (extra - (-lr * lambda * X0[d])).abs() < 1e-12,
            "coord {d}: {extra}"
        );
    }
    // Adam's normalisation swallows the L2 term: with bias correction the first
    // step is η·sign(g + λx) = η·sign(g) here, so L2 barely moves it at all.
    for d in 0..2 {
        let extra = l2.points[1][d] - adam.points[1][d];
        assert!(extra.abs() < 1e-6, "coord {d}: {extra}");
        assert!((w.points[1][d] - adam.points[1][d]).abs() > 0.01);
    }
    // Over a run the L2 decay is rescaled per coordinate by 1/√v̂: the two
    // endings differ.
    let w20 = on_bowl(OptKind::Adamw, D2L, 20, |h| {
        h.lr = lr;
        h.lambda = lambda;
    });
    let l220 = on_bowl(OptKind::AdamL2, D2L, 20, |h| {
        h.lr = lr;
        h.lambda = lambda;
    });
    assert!(
        (w20.points[20][0] - l220.points[20][0]).abs() > 1e-3,
        "{:?} {:?}",
        w20.points[20],
        l220.points[20]
    );
}

// ------------------------------------------------------------ the seed's numbers

fn seed_gd(lr: f64) -> Trajectory {
    on_bowl(OptKind::Gd, D2L, 20, |h| h.lr = lr)
}

#[test]
fn seed_gd_eta_0_6_zigzags_out() {
    // x2 ← (1 − 0.6·4)·x2 = −1.4·x2: after 20 steps x2 = −2·(−1.4)^20 ≈ −1673.37.
    let t = seed_gd(0.6);
    assert_eq!(t.stop, Stop::Completed);
    assert_eq!(t.points.len(), 21);
    let want = -2.0 * (-1.4f64).powi(20);
    assert!((want + 1673.37).abs() < 0.01);
    assert!(close(t.points[20][1], want, 1e-12), "{}", t.points[20][1]);
    // x1 ← (1 − 0.6·0.2)·x1 = 0.88·x1.
    assert!(
        close(t.points[20][0], -5.0 * 0.88f64.powi(20), 1e-12),
        "{}",
        t.points[20][0]
    );
    // The sign of x2 alternates every step.
    for w in t.points.windows(2) {
        assert!(w[0][1] * w[1][1] < 0.0);
    }
    assert!(t.loss[20] > t.loss[0]);
}

#[test]
fn seed_gd_eta_0_4_crawls() {
    let t = seed_gd(0.4);
    assert_eq!(t.stop, Stop::Completed);
    // x1 ← 0.92·x1, x2 ← −0.6·x2.
    assert!(
        close(t.points[20][0], -5.0 * 0.92f64.powi(20), 1e-12),
        "{}",
        t.points[20][0]
    );
    assert!(
        close(t.points[20][1], -2.0 * (-0.6f64).powi(20), 1e-11),
        "{}",
        t.points[20][1]
    );
}

#[test]
fn seed_momentum_eta_0_6_converges_where_gd_diverged() {
    let t = on_bowl(OptKind::Momentum, D2L, 20, |h| {
        h.lr = 0.6;
        h.gamma = 0.5;
    });
    assert_eq!(t.stop, Stop::Completed);
    assert!(
        t.loss[20] < 1e-3 * t.loss[0],
        "final loss {} from {}",
        t.loss[20],
        t.loss[0]
    );
    assert!(t.loss[20] < seed_gd(0.6).loss[20]);
    // …and at η = 0.4 momentum beats GD along the flat x1.
    let m = on_bowl(OptKind::Momentum, D2L, 20, |h| {
        h.lr = 0.4;
        h.gamma = 0.5;
    });
    assert!(m.points[20][0].abs() < seed_gd(0.4).points[20][0].abs());
}

#[test]
fn seed_adagrad_stalls_and_rmsprop_keeps_moving() {
    let a = on_bowl(OptKind::Adagrad, D2L, 20, |h| h.lr = 0.4);
    let r = on_bowl(OptKind::Rmsprop, D2L, 20, |h| {
        h.lr = 0.4;
        h.gamma = 0.9;
    });
    // AdaGrad's rate only shrinks; RMSProp's does not.
    for w in a.states.windows(2) {
        assert!(w[1].lr_eff[0] <= w[0].lr_eff[0] && w[1].lr_eff[1] <= w[0].lr_eff[1]);
    }
    assert!(
        r.points[20][0].abs() < a.points[20][0].abs(),
        "{:?} vs {:?}",
        r.points[20],
        a.points[20]
    );
}

#[test]
fn gd_on_rosenbrock_diverges_and_keeps_the_last_finite_point() {
    let l = Landscape::Rosenbrock(Rosenbrock::default());
    for conv in [D2L, TORCH] {
        let s = spec(OptKind::Gd, conv, |h| h.lr = 0.01);
        let t = run(&l, [-1.5, 2.0], 100, conv, s);
        let Stop::Diverged { step: k } = t.stop else {
            panic!("{conv:?}: {:?}", t.stop)
        };
        assert!((2..=100).contains(&k), "{k}");
        assert_eq!(t.points.len(), k);
        assert_eq!(t.loss.len(), k);
        assert_eq!(t.states.len(), k - 1);
        for p in &t.points {
            assert!(
                p[0].is_finite() && p[1].is_finite() && p[0].abs() <= 1e12 && p[1].abs() <= 1e12,
                "{p:?}"
            );
        }
        assert!(t.loss.iter().all(|f| f.is_finite()));
        // Step k, done by hand from the last kept point, leaves the finite world.
        let x = t.points[k - 1];
        let g = l.grad(x);
        let next = [x[0] - 0.01 * g[0], x[1] - 0.01 * g[1]];
        let out = |v: f64| !v.is_finite() || v.abs() > DIVERGENCE_BOUND;
        assert!(
            out(next[0]) || out(next[1]) || !l.value(next).is_finite(),
            "{next:?}"
        );
    }
}

#[test]
fn start_beyond_the_bound_diverges_at_step_zero() {
    let l = Landscape::default();
    let t = run(&l, [2e12, 0.0], 5, D2L, OptSpec::new(OptKind::Gd, D2L));
    assert_eq!(t.stop, Stop::Diverged { step: 0 });
    assert!(t.points.is_empty() && t.loss.is_empty() && t.states.is_empty());
    let t = run(&l, [f64::NAN, 0.0], 5, D2L, OptSpec::new(OptKind::Gd, D2L));
    assert_eq!(t.stop, Stop::Diverged { step: 0 });
}

#[test]
fn zero_steps_is_just_the_start() {
    for kind in ALL_KINDS {
        let t = run(&Landscape::default(), X0, 0, D2L, OptSpec::new(kind, D2L));
        assert_eq!(t.stop, Stop::Completed);
        assert_eq!(t.points, vec![X0]);
        assert_eq!(t.loss, vec![0.1 * 25.0 + 2.0 * 4.0]);
        assert!(t.states.is_empty());
    }
}

#[test]
fn standing_on_a_minimum_with_eps_zero_stays_put() {
    // A zero gradient with ε = 0 is a step of 0, not 0/0.
    for conv in [D2L, TORCH] {
        for kind in ALL_KINDS {
            for l in [
                Landscape::default(),
                Landscape::Beale,
                Landscape::Rastrigin(Rastrigin::default()),
            ] {
                let m = l.minima()[0];
                let s = spec(kind, conv, |h| {
                    h.eps = 0.0;
                    h.lambda = 0.0;
                });
                let t = run(&l, m, 10, conv, s);
                assert_eq!(t.stop, Stop::Completed, "{kind:?} {conv:?} {l:?}");
                assert!(
                    t.points.iter().all(|p| *p == m),
                    "{kind:?} {conv:?} {l:?}: {:?}",
                    t.points
                );
            }
        }
    }
}
