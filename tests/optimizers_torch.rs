//! Optimizers in the PyTorch convention: the first steps of every kind,
//! derived by hand from torch's update rules, and AMSGrad's running max in
//! both conventions.
#![cfg(not(target_arch = "wasm32"))]

use gradscape::OptKind;

#[allow(dead_code)]
#[path = "common/optim.rs"]
mod optim;
use optim::*;

// ------------------------------------------------------------ pytorch first steps

#[test]
fn torch_sgd_first_step() {
    let t = on_bowl(OptKind::Gd, TORCH, 1, |h| h.lr = 0.4);
    assert_close2(t.points[1], [-4.6, 1.2], REL, "x1");
    assert_eq!(t.states[0].lr_eff, [0.4, 0.4]);
}

#[test]
fn torch_momentum_buffer_is_g_at_step_one() {
    let t = on_bowl(OptKind::Momentum, TORCH, 2, |h| {
        h.lr = 0.4;
        h.gamma = 0.9;
    });
    // b1 = g1 (not (1−μ)·g1, not lr·g1); x1 = x0 − lr·b1 = (−4.6, 1.2)
    assert_eq!(field(&t.states[0], "v"), G1);
    assert_close2(t.points[1], [-4.6, 1.2], REL, "x1");
    assert_eq!(t.states[0].lr_eff, [0.4, 0.4]);
    // b2 = 0.9·b1 + g2 = (−0.9 − 0.92, −7.2 + 4.8) = (−1.82, −2.4);
    // x2 = x1 − 0.4·b2 = (−4.6 + 0.728, 1.2 + 0.96)
    assert_close2(field(&t.states[1], "v"), [-1.82, -2.4], REL, "b2");
    assert_close2(t.points[2], [-3.872, 2.16], REL, "x2");
}

#[test]
fn torch_nesterov_first_step() {
    let t = on_bowl(OptKind::Momentum, TORCH, 1, |h| {
        h.lr = 0.4;
        h.gamma = 0.9;
        h.nesterov = true;
    });
    // b1 = g1; update g1 + μ·b1 = 1.9·g1; x1 = x0 − 0.4·1.9·g1 = (−5 + 0.76, −2 + 6.08)
    assert_close2(t.points[1], [-4.24, 4.08], REL, "x1");
}

#[test]
fn torch_adagrad_eps_outside_the_root() {
    let t = on_bowl(OptKind::Adagrad, TORCH, 1, |h| {
        h.lr = 0.4;
        h.eps = 1e-10;
    });
    // s1 = g1²; x1 = x0 − lr·g1/(√s1 + 1e-10)
    assert_close2(field(&t.states[0], "s"), [1.0, 64.0], REL, "s");
    let x1 = [-5.0 + 0.4 / (1.0 + 1e-10), -2.0 + 3.2 / (8.0 + 1e-10)];
    assert_close2(t.points[1], x1, REL, "x1");
    // …which is measurably not the d2l form with ε inside the root.
    let inside = -5.0 + 0.4 / (1.0f64 + 1e-10).sqrt();
    assert!(
        !close(t.points[1][0], inside, REL),
        "{} looks like ε inside the root",
        t.points[1][0]
    );
}

#[test]
fn torch_rmsprop_first_step() {
    let t = on_bowl(OptKind::Rmsprop, TORCH, 1, |h| {
        h.lr = 0.01;
        h.gamma = 0.99;
        h.eps = 1e-8;
    });
    // s1 = 0.01·g1² = (0.01, 0.64); x1 = x0 − lr·g1/(√s1 + ε) = x0 + (0.01/(0.1 + ε), 0.08/(0.8 + ε))
    assert_close2(field(&t.states[0], "s"), [0.01, 0.64], 1e-12, "s");
    let x1 = [-5.0 + 0.01 / (0.1 + 1e-8), -2.0 + 0.08 / (0.8 + 1e-8)];
    assert_close2(t.points[1], x1, 1e-12, "x1");
}

#[test]
fn torch_adam_first_steps() {
    let t = on_bowl(OptKind::Adam, TORCH, 1, |h| {
        h.lr = 0.1;
        h.eps = 1e-8;
    });
    let s = &t.states[0];
    // m1 = lerp(0, g, 0.1) = 0.1·g; v1 = 0.001·g²; step_size = lr/0.1; denom = √v1/√0.001 + ε
    assert_close2(field(s, "m"), [-0.1, -0.8], REL, "m");
    assert_close2(field(s, "v"), [0.001, 0.064], REL, "v");
    assert_close2(field(s, "m̂"), G1, REL, "m̂");
    assert_close2(field(s, "v̂"), [1.0, 64.0], REL, "v̂");
    assert_close2(
        t.points[1],
        [-5.0 + 0.1 / (1.0 + 1e-8), -2.0 + 0.8 / (8.0 + 1e-8)],
        REL,
        "x1",
    );

    let t = on_bowl(OptKind::Adam, TORCH, 1, |h| {
        h.lr = 0.1;
        h.eps = 1e-8;
        h.bias_correction = false;
    });
    let r = 0.001f64.sqrt();
    let x1 = [
        -5.0 + 0.1 * 0.1 / (r + 1e-8),
        -2.0 + 0.1 * 0.8 / (8.0 * r + 1e-8),
    ];
    assert_close2(t.points[1], x1, REL, "x1 without bias correction");
}

#[test]
fn torch_adam_l2_and_adamw_first_steps() {
    let t = on_bowl(OptKind::AdamL2, TORCH, 1, |h| {
        h.lr = 0.1;
        h.eps = 1e-8;
        h.lambda = 0.1;
    });
    // grad.add(param, alpha=λ) = (−1.5, −8.2); x1 = x0 − lr·g'/(|g'| + ε)
    assert_close2(field(&t.states[0], "m"), [-0.15, -0.82], REL, "m");
    let x1 = [
        -5.0 + 0.1 * 1.5 / (1.5 + 1e-8),
        -2.0 + 0.1 * 8.2 / (8.2 + 1e-8),
    ];
    assert_close2(t.points[1], x1, REL, "adam_l2 x1");

    let t = on_bowl(OptKind::Adamw, TORCH, 1, |h| {
        h.lr = 0.1;
        h.eps = 1e-8;
        h.lambda = 0.1;
    });
    // param.mul_(1 − lr·λ) = 0.99·x0 = (−4.95, −1.98), then the Adam step with g1
    assert_close2(field(&t.states[0], "ηλx"), [-0.05, -0.02], 1e-12, "ηλx");
    assert_close2(field(&t.states[0], "m"), [-0.1, -0.8], REL, "m");
    let x1 = [-4.95 + 0.1 / (1.0 + 1e-8), -1.98 + 0.8 / (8.0 + 1e-8)];
    assert_close2(t.points[1], x1, REL, "adamw x1");
}

#[test]
fn torch_adadelta_first_step() {
    let t = on_bowl(OptKind::Adadelta, TORCH, 1, |h| {
        h.lr = 1.0;
        h.gamma = 0.9;
        h.eps = 1e-6;
    });
    let r = [1e-3 / (0.1f64 + 1e-6).sqrt(), 1e-3 / (6.4f64 + 1e-6).sqrt()];
    assert_close2(t.points[1], [-5.0 + r[0], -2.0 + 8.0 * r[1]], REL, "x1");
}

#[test]
fn amsgrad_records_the_running_max() {
    for conv in [D2L, TORCH] {
        // On the bowl x2 zig-zags, so v2 rises and falls: the max matters.
        let t = on_bowl(OptKind::Adam, conv, 30, |h| {
            h.lr = 0.5;
            h.amsgrad = true;
            h.beta2 = 0.5;
        });
        let mut max = [0.0f64; 2];
        let mut differs = false;
        for s in &t.states {
            let v = field(s, "v");
            max = [max[0].max(v[0]), max[1].max(v[1])];
            assert_eq!(field(s, "v_max"), max);
            differs |= max != v;
        }
        assert!(
            differs,
            "{conv:?}: v never fell below its max, the case is too weak"
        );
        let plain = on_bowl(OptKind::Adam, conv, 30, |h| {
            h.lr = 0.5;
            h.beta2 = 0.5;
        });
        assert_ne!(plain.points, t.points, "{conv:?}: AMSGrad changed nothing");
    }
}
