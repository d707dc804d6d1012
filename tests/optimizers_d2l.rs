//! Optimizers in the d2l convention: the first steps of every kind, derived
//! by hand on the seed's bowl (NAdam in both conventions, its formula being
//! torch's in each).
#![cfg(not(target_arch = "wasm32"))]
// Coordinates are indexed 0..2 across several arrays at once, as in the maths.
#![allow(clippy::needless_range_loop)]

use gradscape::OptKind;

#[allow(dead_code)]
#[path = "common/optim.rs"]
mod optim;
use optim::*;

// ---------------------------------------------------------------- d2l first steps

#[test]
fn d2l_gd_first_two_steps() {
    let t = on_bowl(OptKind::Gd, D2L, 2, |h| h.lr = 0.4);
    let s = &t.states[0];
    assert_eq!(s.grad, G1);
    assert_eq!(s.lr_eff, [0.4, 0.4]);
    assert!(s.fields.is_empty(), "GD has no state: {:?}", names(s));
    // x1 = (−5 − 0.4·(−1), −2 − 0.4·(−8)) = (−4.6, 1.2)
    assert_close2(t.points[1], [-4.6, 1.2], REL, "x1");
    // g2 = (0.2·(−4.6), 4·1.2) = (−0.92, 4.8); x2 = (−4.6 + 0.368, 1.2 − 1.92)
    assert_close2(t.states[1].grad, [-0.92, 4.8], REL, "g2");
    assert_close2(t.points[2], [-4.232, -0.72], REL, "x2");
    // loss is f at every point: f(x1) = 0.1·21.16 + 2·1.44
    assert!(close(t.loss[0], 0.1 * 25.0 + 2.0 * 4.0, REL));
    assert!(close(t.loss[1], 2.116 + 2.88, REL), "{}", t.loss[1]);
}

#[test]
fn d2l_momentum_first_two_steps() {
    let t = on_bowl(OptKind::Momentum, D2L, 2, |h| {
        h.lr = 0.4;
        h.gamma = 0.5;
    });
    // v1 = 0.5·0 + 0.4·g1 = (−0.4, −3.2); x1 = x0 − v1 = (−4.6, 1.2)
    assert_close2(field(&t.states[0], "v"), [-0.4, -3.2], REL, "v1");
    assert_close2(t.points[1], [-4.6, 1.2], REL, "x1");
    assert_eq!(t.states[0].lr_eff, [0.4, 0.4]);
    // g2 = (−0.92, 4.8); v2 = 0.5·(−0.4, −3.2) + 0.4·(−0.92, 4.8) = (−0.568, 0.32)
    // x2 = (−4.6 + 0.568, 1.2 − 0.32) = (−4.032, 0.88)
    assert_close2(field(&t.states[1], "v"), [-0.568, 0.32], REL, "v2");
    assert_close2(t.points[2], [-4.032, 0.88], REL, "x2");
}

#[test]
fn d2l_nesterov_first_step() {
    let t = on_bowl(OptKind::Momentum, D2L, 1, |h| {
        h.lr = 0.4;
        h.gamma = 0.5;
        h.nesterov = true;
    });
    // v1 = 0.4·g1 = (−0.4, −3.2); u = γ·v1 + η·g1 = (−0.2 − 0.4, −1.6 − 3.2)
    assert_close2(field(&t.states[0], "v"), [-0.4, -3.2], REL, "v1");
    assert_close2(t.points[1], [-4.4, 2.8], REL, "x1");
}

#[test]
fn d2l_adagrad_first_two_steps() {
    let t = on_bowl(OptKind::Adagrad, D2L, 2, |h| {
        h.lr = 0.4;
        h.eps = 1e-6;
    });
    // s1 = g1² = (1, 64); x1 = x0 − 0.4/√(s1 + 1e-6)·g1  (ε inside the root)
    let r1 = [0.4 / (1.0f64 + 1e-6).sqrt(), 0.4 / (64.0f64 + 1e-6).sqrt()];
    assert_close2(field(&t.states[0], "s"), [1.0, 64.0], REL, "s1");
    assert_close2(t.states[0].lr_eff, r1, REL, "lr_eff1");
    let x1 = [-5.0 + r1[0], -2.0 + 8.0 * r1[1]];
    assert_close2(t.points[1], x1, REL, "x1");
    // g2 = (0.2·x1, 4·y1); s2 = s1 + g2²; x2 = x1 − 0.4·g2/√(s2 + 1e-6)
    let g2 = [0.2 * x1[0], 4.0 * x1[1]];
    let s2 = [1.0 + g2[0] * g2[0], 64.0 + g2[1] * g2[1]];
    assert_close2(field(&t.states[1], "s"), s2, REL, "s2");
    let x2 = [
        x1[0] - 0.4 * g2[0] / (s2[0] + 1e-6).sqrt(),
        x1[1] - 0.4 * g2[1] / (s2[1] + 1e-6).sqrt(),
    ];
    assert_close2(t.points[2], x2, REL, "x2");
}

#[test]
fn d2l_rmsprop_first_step() {
    let t = on_bowl(OptKind::Rmsprop, D2L, 1, |h| {
        h.lr = 0.4;
        h.gamma = 0.9;
        h.eps = 1e-6;
    });
    // s1 = 0.9·0 + 0.1·g1² = (0.1, 6.4); x1 = x0 − 0.4·g1/√(s1 + 1e-6)
    assert_close2(field(&t.states[0], "s"), [0.1, 6.4], REL, "s1");
    let x1 = [
        -5.0 + 0.4 / 0.100001f64.sqrt(),
        -2.0 + 3.2 / 6.400001f64.sqrt(),
    ];
    assert_close2(t.points[1], x1, REL, "x1");
    assert_close2(
        t.states[0].lr_eff,
        [0.4 / 0.100001f64.sqrt(), 0.4 / 6.400001f64.sqrt()],
        REL,
        "lr_eff",
    );
}

#[test]
fn d2l_adam_with_bias_correction_first_step_is_eta_sign_g() {
    let t = on_bowl(OptKind::Adam, D2L, 1, |h| {
        h.lr = 0.1;
        h.eps = 1e-6;
    });
    let s = &t.states[0];
    // m1 = 0.1·g1, v1 = 0.001·g1², m̂1 = m1/(1 − 0.9) = g1, v̂1 = v1/(1 − 0.999) = g1²
    assert_close2(field(s, "m"), [-0.1, -0.8], REL, "m");
    assert_close2(field(s, "v"), [0.001, 0.064], REL, "v");
    assert_close2(field(s, "m̂"), G1, REL, "m̂");
    assert_close2(field(s, "v̂"), [1.0, 64.0], REL, "v̂");
    assert!(
        !names(s).contains(&"v_max"),
        "no AMSGrad state unless asked: {:?}",
        names(s)
    );
    // step = η·g/(|g| + ε) ≈ η·sign(g)  (ε outside the root for Adam)
    let x1 = [-5.0 + 0.1 / (1.0 + 1e-6), -2.0 + 0.1 * 8.0 / (8.0 + 1e-6)];
    assert_close2(t.points[1], x1, REL, "x1");
    assert_close2(
        s.lr_eff,
        [0.1 / (1.0 + 1e-6), 0.1 / (8.0 + 1e-6)],
        REL,
        "lr_eff",
    );
}

#[test]
fn d2l_adam_without_bias_correction_first_step() {
    let t = on_bowl(OptKind::Adam, D2L, 1, |h| {
        h.lr = 0.1;
        h.eps = 1e-6;
        h.bias_correction = false;
    });
    let s = &t.states[0];
    // m1 = 0.1·g1, v1 = 0.001·g1², used as they are:
    // x1 = x0 − η·0.1·g/(√0.001·|g| + ε): a step ≈ 3.16·η, not η.
    assert_close2(field(s, "m"), [-0.1, -0.8], REL, "m");
    assert_close2(field(s, "m̂"), [-0.1, -0.8], REL, "m̂ = m");
    assert_close2(field(s, "v̂"), [0.001, 0.064], REL, "v̂ = v");
    let r = 0.001f64.sqrt();
    let x1 = [
        -5.0 + 0.1 * 0.1 / (r + 1e-6),
        -2.0 + 0.1 * 0.8 / (8.0 * r + 1e-6),
    ];
    assert_close2(t.points[1], x1, REL, "x1");
    assert!(
        t.points[1][0] - X0[0] > 0.3,
        "the uncorrected first step is large"
    );
}

#[test]
fn d2l_adam_l2_first_step_puts_the_decay_into_m_and_v() {
    let t = on_bowl(OptKind::AdamL2, D2L, 1, |h| {
        h.lr = 0.1;
        h.eps = 1e-6;
        h.lambda = 0.1;
    });
    let s = &t.states[0];
    // g' = g1 + λ·x0 = (−1 − 0.5, −8 − 0.2) = (−1.5, −8.2)
    assert_close2(field(s, "λx"), [-0.5, -0.2], REL, "λx");
    assert_close2(field(s, "m"), [-0.15, -0.82], REL, "m = 0.1·g'");
    assert_close2(
        field(s, "v"),
        [0.001 * 2.25, 0.001 * 67.24],
        1e-12,
        "v = 0.001·g'²",
    );
    assert_eq!(
        s.grad, G1,
        "the recorded gradient is the loss's, without the decay"
    );
    let x1 = [
        -5.0 + 0.1 * 1.5 / (1.5 + 1e-6),
        -2.0 + 0.1 * 8.2 / (8.2 + 1e-6),
    ];
    assert_close2(t.points[1], x1, REL, "x1");
}

#[test]
fn d2l_adamw_first_step_decays_beside_m_and_v() {
    let t = on_bowl(OptKind::Adamw, D2L, 1, |h| {
        h.lr = 0.1;
        h.eps = 1e-6;
        h.lambda = 0.1;
    });
    let s = &t.states[0];
    // m and v see g1 only; x1 = x0 − η·(g/(|g|+ε) + λ·x0)
    assert_close2(field(s, "m"), [-0.1, -0.8], REL, "m = 0.1·g");
    assert_close2(field(s, "λx"), [-0.5, -0.2], REL, "λx");
    let x1 = [
        -5.0 + 0.1 / (1.0 + 1e-6) + 0.05,
        -2.0 + 0.1 * 8.0 / (8.0 + 1e-6) + 0.02,
    ];
    assert_close2(t.points[1], x1, REL, "x1");
}

/// NAdam (torch's formula in both conventions), from its doc comment:
/// μ1 = β1(1 − ½·0.96^ψ), μ2 = β1(1 − ½·0.96^(2ψ)), m1 = 0.1·g, v1 = 0.001·g²,
/// denom = √(v1/(1−β2)) + ε = |g| + ε,
/// x1 = x0 − η(1−μ1)/(1−μ1)·g/denom − η·μ2/(1−μ1·μ2)·m1/denom.
fn nadam_x1(lr: f64, eps: f64) -> V2 {
    let psi = 0.004;
    let mu1 = 0.9 * (1.0 - 0.5 * 0.96f64.powf(psi));
    let mu2 = 0.9 * (1.0 - 0.5 * 0.96f64.powf(2.0 * psi));
    let c = lr * mu2 / (1.0 - mu1 * mu2);
    let mut x = X0;
    for i in 0..2 {
        let g = G1[i];
        let den = g.abs() + eps;
        x[i] = X0[i] - lr * g / den - c * (0.1 * g) / den;
    }
    x
}

#[test]
fn nadam_first_step_both_conventions() {
    for conv in [D2L, TORCH] {
        let t = on_bowl(OptKind::Nadam, conv, 1, |h| {
            h.lr = 0.1;
            h.eps = 1e-8;
            h.beta1 = 0.9;
            h.beta2 = 0.999;
            h.momentum_decay = 0.004;
        });
        assert_close2(field(&t.states[0], "m"), [-0.1, -0.8], REL, "m");
        assert_close2(field(&t.states[0], "v"), [0.001, 0.064], REL, "v");
        assert_close2(
            t.points[1],
            nadam_x1(0.1, 1e-8),
            1e-12,
            &format!("{conv:?} x1"),
        );
    }
}

#[test]
fn d2l_adadelta_first_step() {
    let t = on_bowl(OptKind::Adadelta, D2L, 1, |h| {
        h.lr = 1.0;
        h.gamma = 0.9;
        h.eps = 1e-5;
    });
    // s1 = 0.1·g², r = √(0 + ε)/√(s1 + ε), Δ = r·g, x1 = x0 − η·Δ, Δx1 = 0.1·Δ²
    let r = [
        1e-5f64.sqrt() / (0.1f64 + 1e-5).sqrt(),
        1e-5f64.sqrt() / (6.4f64 + 1e-5).sqrt(),
    ];
    let d = [-r[0], r[1] * -8.0];
    assert_close2(field(&t.states[0], "s"), [0.1, 6.4], REL, "s");
    assert_close2(
        field(&t.states[0], "Δx"),
        [0.1 * d[0] * d[0], 0.1 * d[1] * d[1]],
        1e-12,
        "Δx",
    );
    assert_close2(t.points[1], [-5.0 - d[0], -2.0 - d[1]], REL, "x1");
    assert_close2(t.states[0].lr_eff, r, REL, "lr_eff");
}
