//! Optimizers and runs: hand-derived first steps in both conventions,
//! recurrences checked against the recorded state, identities between
//! optimizers, the seed's numbers, a table of every optimizer × every surface
//! × both conventions with no NaN anywhere, hyper-parameter validation and
//! gradient noise.
#![cfg(not(target_arch = "wasm32"))]
// Coordinates are indexed 0..2 across several arrays at once, as in the maths.
#![allow(clippy::needless_range_loop)]

use gradscape::landscape::{Quadratic, Rastrigin, Rosenbrock, KINDS};
use gradscape::optim::{Hyper, HyperError, ALL_KINDS};
use gradscape::run::{run_one, StepState, DIVERGENCE_BOUND};
use gradscape::scene::Noise;
use gradscape::{simulate, Convention, Landscape, OptKind, OptSpec, Scene, Stop, Trajectory};
use proptest::prelude::*;

type V2 = [f64; 2];
/// Sets some hyper-parameters.
type SetHyper = fn(&mut Hyper);

const D2L: Convention = Convention::D2l;
const TORCH: Convention = Convention::Pytorch;
const X0: V2 = [-5.0, -2.0];

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 256,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

fn scene(
    landscape: Landscape,
    start: V2,
    steps: usize,
    convention: Convention,
    optimizers: Vec<OptSpec>,
) -> Scene {
    Scene {
        landscape,
        start,
        steps,
        convention,
        noise: Noise::default(),
        view: None,
        optimizers,
    }
}

fn spec(kind: OptKind, conv: Convention, f: impl FnOnce(&mut Hyper)) -> OptSpec {
    let mut s = OptSpec::new(kind, conv);
    f(&mut s.hyper);
    s
}

fn run(l: &Landscape, start: V2, steps: usize, conv: Convention, s: OptSpec) -> Trajectory {
    let sc = scene(l.clone(), start, steps, conv, vec![s]);
    run_one(l, &s, &sc).expect("valid hyper-parameters")
}

/// `steps` steps on the seed's bowl from (−5, −2).
fn on_bowl(
    kind: OptKind,
    conv: Convention,
    steps: usize,
    f: impl FnOnce(&mut Hyper),
) -> Trajectory {
    let t = run(&Landscape::default(), X0, steps, conv, spec(kind, conv, f));
    assert_eq!(t.stop, Stop::Completed);
    assert_eq!(t.points.len(), steps + 1);
    assert_eq!(t.points[0], X0);
    t
}

fn field(s: &StepState, name: &str) -> V2 {
    s.fields
        .iter()
        .find(|f| f.key.json_name() == Some(name))
        .unwrap_or_else(|| panic!("no state field {name:?}; have {:?}", names(s)))
        .value
}

fn names(s: &StepState) -> Vec<&'static str> {
    s.fields.iter().filter_map(|f| f.key.json_name()).collect()
}

fn close(a: f64, b: f64, rel: f64) -> bool {
    a == b || (a - b).abs() <= rel * a.abs().max(b.abs())
}

#[track_caller]
fn assert_close2(got: V2, want: V2, rel: f64, what: &str) {
    assert!(
        close(got[0], want[0], rel) && close(got[1], want[1], rel),
        "{what}: got {got:?}, want {want:?} (rel {rel})"
    );
}

/// Tight enough to tell ε inside the root from ε outside it (a relative
/// difference of ~1e-11 for torch's AdaGrad), loose enough for a few ulps.
const REL: f64 = 1e-13;

// The seed's bowl f = 0.1·x1² + 2·x2² from (−5, −2): g1 = (0.2·(−5), 4·(−2)) = (−1, −8).
const G1: V2 = [-1.0, -8.0];

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

// ------------------------------------------------------------------ recurrences

fn any_landscape() -> impl Strategy<Value = Landscape> {
    prop_oneof![
        (0.01..5.0f64, 0.01..5.0f64, -180.0..180.0f64)
            .prop_map(|(a, b, rotation)| Landscape::Quadratic(Quadratic { a, b, rotation })),
        (-2.0..2.0f64, 1.0..200.0f64).prop_map(|(a, b)| Landscape::Rosenbrock(Rosenbrock { a, b })),
        Just(Landscape::Himmelblau),
        Just(Landscape::Beale),
        Just(Landscape::Saddle),
        (0.0..20.0f64).prop_map(|a| Landscape::Rastrigin(Rastrigin { a })),
    ]
}

fn landscape_and_start() -> impl Strategy<Value = (Landscape, V2)> {
    any_landscape().prop_flat_map(|l| {
        let v = l.default_view();
        (
            Just(l),
            (v.x0..=v.x1, v.y0..=v.y1).prop_map(|(x, y)| [x, y]),
        )
    })
}

fn any_conv() -> impl Strategy<Value = Convention> {
    prop_oneof![Just(D2L), Just(TORCH)]
}

fn log_uniform(lo: f64, hi: f64) -> impl Strategy<Value = f64> {
    (lo.log10()..hi.log10()).prop_map(|e| 10f64.powf(e))
}

#[derive(Debug, Clone)]
struct Case {
    landscape: Landscape,
    start: V2,
    conv: Convention,
    steps: usize,
    hyper: Hyper,
    sigma: f64,
    seed: u64,
}

fn any_case() -> impl Strategy<Value = Case> {
    (
        landscape_and_start(),
        any_conv(),
        1usize..40,
        (
            log_uniform(1e-4, 1.0),
            0.0..0.99f64,
            0.0..0.99f64,
            0.0..0.9999f64,
        ),
        (
            prop_oneof![Just(0.0), log_uniform(1e-10, 1e-3)],
            log_uniform(1e-4, 1.0),
            0.0..0.02f64,
        ),
        (any::<bool>(), any::<bool>(), any::<bool>()),
        (prop_oneof![3 => Just(0.0), 1 => 0.0..2.0f64], any::<u64>()),
    )
        .prop_map(
            |(
                (landscape, start),
                conv,
                steps,
                (lr, gamma, beta1, beta2),
                (eps, lambda, md),
                flags,
                (sigma, seed),
            )| {
                let hyper = Hyper {
                    lr,
                    gamma,
                    beta1,
                    beta2,
                    eps,
                    lambda,
                    momentum_decay: md,
                    bias_correction: flags.0,
                    nesterov: flags.1,
                    amsgrad: flags.2,
                };
                Case {
                    landscape,
                    start,
                    conv,
                    steps,
                    hyper,
                    sigma,
                    seed: seed >> 11,
                }
            },
        )
}

fn run_case(c: &Case, kind: OptKind, f: impl FnOnce(&mut Hyper)) -> Trajectory {
    let mut s = OptSpec {
        kind,
        hyper: c.hyper,
    };
    f(&mut s.hyper);
    let mut sc = scene(c.landscape.clone(), c.start, c.steps, c.conv, vec![s]);
    sc.noise = Noise {
        sigma: c.sigma,
        seed: c.seed,
    };
    run_one(&c.landscape, &s, &sc).expect("valid")
}

/// a ≈ b up to `rel` of the largest term that produced them.
fn near(a: f64, b: f64, scale: f64) -> bool {
    (a - b).abs() <= 1e-11 * scale + 1e-300
}

proptest! {
    #![proptest_config(config())]

    /// Adam (and Adam+L2/AdamW) step by step against the recorded m, v, m̂, v̂.
    #[test]
    fn adam_follows_its_recurrence(c in any_case(), k in 0usize..3) {
        let kind = [OptKind::Adam, OptKind::AdamL2, OptKind::Adamw][k];
        let t = run_case(&c, kind, |_| {});
        let h = &t.spec.hyper;
        let (mut m, mut v, mut vmax) = ([0.0f64; 2], [0.0f64; 2], [0.0f64; 2]);
        for (i, s) in t.states.iter().enumerate() {
            let step = (i + 1) as f64;
            let x = t.points[i];
            let lam = if kind == OptKind::AdamL2 { h.lambda } else { 0.0 };
            let (bc1, bc2) = if h.bias_correction {
                (1.0 - h.beta1.powf(step), 1.0 - h.beta2.powf(step))
            } else {
                (1.0, 1.0)
            };
            // AdamW in torch decays x before the step.
            let x_dec = if kind == OptKind::Adamw && c.conv == TORCH {
                [x[0] * (1.0 - h.lr * h.lambda), x[1] * (1.0 - h.lr * h.lambda)]
            } else {
                x
            };
            for d in 0..2 {
                // torch adds λx with a fused multiply-add: scale tolerances by
                // the terms, not by g, which may cancel.
                let g = s.grad[d] + lam * x[d];
                let gs = s.grad[d].abs() + (lam * x[d]).abs();
                let m_new = h.beta1 * m[d] + (1.0 - h.beta1) * g;
                let v_new = h.beta2 * v[d] + (1.0 - h.beta2) * g * g;
                prop_assert!(near(field(s, "m")[d], m_new, m[d].abs() + gs), "m at step {}", step);
                prop_assert!(near(field(s, "v")[d], v_new, v[d].abs() + gs * gs), "v at step {}", step);
                m[d] = field(s, "m")[d];
                v[d] = field(s, "v")[d];
                vmax[d] = vmax[d].max(v[d]);
                let vv = if h.amsgrad { vmax[d] } else { v[d] };
                prop_assert!(near(field(s, "m̂")[d], m[d] / bc1, (m[d] / bc1).abs()), "m̂");
                prop_assert!(near(field(s, "v̂")[d], vv / bc2, vv / bc2), "v̂");
                let mut u = if m[d] == 0.0 { 0.0 } else { (m[d] / bc1) / ((vv / bc2).sqrt() + h.eps) };
                if kind == OptKind::Adamw && c.conv == D2L {
                    u += h.lambda * x[d];
                }
                let want = x_dec[d] - h.lr * u;
                let got = t.points[i + 1][d];
                prop_assert!(
                    near(got, want, x[d].abs() + (h.lr * u).abs()) || (got - want).abs() <= 1e-9 * (h.lr * u).abs(),
                    "{:?} {:?} step {} coord {}: x = {} want {}", kind, c.conv, step, d, got, want
                );
            }
        }
    }

    /// AdaGrad and RMSProp: ε inside the root (d2l) or outside (pytorch).
    #[test]
    fn adagrad_and_rmsprop_follow_their_recurrence(c in any_case(), rms in any::<bool>()) {
        let kind = if rms { OptKind::Rmsprop } else { OptKind::Adagrad };
        let t = run_case(&c, kind, |_| {});
        let h = &t.spec.hyper;
        let mut sacc = [0.0f64; 2];
        for (i, s) in t.states.iter().enumerate() {
            for d in 0..2 {
                let g = s.grad[d];
                let s_new = if rms { h.gamma * sacc[d] + (1.0 - h.gamma) * g * g } else { sacc[d] + g * g };
                prop_assert!(near(field(s, "s")[d], s_new, sacc[d] + g * g));
                sacc[d] = field(s, "s")[d];
                let den = match c.conv {
                    Convention::D2l => (sacc[d] + h.eps).sqrt(),
                    Convention::Pytorch => sacc[d].sqrt() + h.eps,
                };
                let u = if g == 0.0 { 0.0 } else { h.lr * g / den };
                let x = t.points[i][d];
                let got = t.points[i + 1][d];
                prop_assert!(
                    (got - (x - u)).abs() <= 1e-12 * (x.abs() + u.abs()) + 1e-300,
                    "{:?} {:?} step {}: {} vs {}", kind, c.conv, i + 1, got, x - u
                );
                if den > 0.0 {
                    prop_assert!(near(s.lr_eff[d], h.lr / den, h.lr / den));
                }
            }
        }
    }

    /// Momentum: d2l v ← γv + ηg, x ← x − v; torch b ← μb + g, x ← x − lr·b.
    #[test]
    fn momentum_follows_its_recurrence(mut c in any_case()) {
        c.hyper.nesterov = false;
        let t = run_case(&c, OptKind::Momentum, |_| {});
        let h = &t.spec.hyper;
        let mut v = [0.0f64; 2];
        for (i, s) in t.states.iter().enumerate() {
            for d in 0..2 {
                let g = s.grad[d];
                let (v_new, u) = match c.conv {
                    Convention::D2l => { let n = h.gamma * v[d] + h.lr * g; (n, n) }
                    Convention::Pytorch => {
                        let n = if i == 0 { g } else { h.gamma * v[d] + g };
                        (n, h.lr * n)
                    }
                };
                prop_assert!(near(field(s, "v")[d], v_new, v[d].abs() + g.abs() + h.lr * g.abs()));
                v[d] = field(s, "v")[d];
                let x = t.points[i][d];
                prop_assert!((t.points[i + 1][d] - (x - u)).abs() <= 1e-11 * (x.abs() + u.abs()) + 1e-300);
            }
        }
    }

    /// The recorded gradient is ∇f at the previous point (plus noise if any),
    /// and the recorded loss is f at each point.
    #[test]
    fn recorded_gradient_and_loss_are_the_surfaces(c in any_case(), k in 0usize..ALL_KINDS.len()) {
        let mut c = c;
        c.sigma = 0.0;
        let t = run_case(&c, ALL_KINDS[k], |_| {});
        prop_assert_eq!(t.points.len(), t.loss.len());
        prop_assert_eq!(t.points.len(), t.states.len() + 1);
        for (i, p) in t.points.iter().enumerate() {
            prop_assert_eq!(t.loss[i], c.landscape.value(*p));
        }
        for (i, s) in t.states.iter().enumerate() {
            prop_assert_eq!(s.grad, c.landscape.grad(t.points[i]));
        }
    }

    /// A shorter run is a prefix of a longer one.
    #[test]
    fn shorter_runs_are_prefixes(c in any_case(), k in 0usize..ALL_KINDS.len(), cut in 0usize..40) {
        let long = run_case(&c, ALL_KINDS[k], |_| {});
        let mut short_case = c.clone();
        short_case.steps = cut.min(c.steps);
        let short = run_case(&short_case, ALL_KINDS[k], |_| {});
        let n = short.points.len();
        prop_assert!(n <= long.points.len());
        prop_assert_eq!(&short.points[..], &long.points[..n]);
        prop_assert_eq!(&short.loss[..], &long.loss[..n]);
        prop_assert_eq!(&short.states[..], &long.states[..n - 1]);
    }

    // ------------------------------------------------------------- identities

    /// adam_l2 with λ = 0 ≡ adam ≡ adamw with λ = 0, in both conventions.
    #[test]
    fn adam_l2_and_adamw_without_decay_are_adam(c in any_case()) {
        let adam = run_case(&c, OptKind::Adam, |_| {});
        let l2 = run_case(&c, OptKind::AdamL2, |h| h.lambda = 0.0);
        let w = run_case(&c, OptKind::Adamw, |h| h.lambda = 0.0);
        prop_assert_eq!(&adam.points, &l2.points);
        prop_assert_eq!(&adam.points, &w.points);
        prop_assert_eq!(&adam.loss, &w.loss);
        prop_assert_eq!(adam.stop, w.stop);
        prop_assert_eq!(adam.stop, l2.stop);
    }

    /// momentum with γ = 0 ≡ gd (plain and Nesterov), in both conventions.
    #[test]
    fn momentum_without_gamma_is_gd(c in any_case(), nesterov in any::<bool>()) {
        let gd = run_case(&c, OptKind::Gd, |_| {});
        let m = run_case(&c, OptKind::Momentum, |h| { h.gamma = 0.0; h.nesterov = nesterov; });
        prop_assert_eq!(&gd.points, &m.points);
        prop_assert_eq!(gd.stop, m.stop);
        for (a, b) in gd.states.iter().zip(&m.states) {
            prop_assert_eq!(a.lr_eff, b.lr_eff);
        }
    }

    /// Adam with β1 = 0 and no bias correction steps η·g/(√v + ε), with v the
    /// recorded EMA of g²; with β2 = 0 as well it is sign descent η·g/(|g| + ε).
    #[test]
    fn adam_beta1_zero_without_correction(c in any_case(), beta2_zero in any::<bool>()) {
        let t = run_case(&c, OptKind::Adam, |h| {
            h.beta1 = 0.0;
            h.bias_correction = false;
            h.amsgrad = false;
            if beta2_zero { h.beta2 = 0.0; }
        });
        let h = t.spec.hyper;
        for (i, s) in t.states.iter().enumerate() {
            prop_assert_eq!(field(s, "m"), s.grad);
            for d in 0..2 {
                let g = s.grad[d];
                let v = if beta2_zero { g * g } else { field(s, "v")[d] };
                if beta2_zero {
                    prop_assert!(near(field(s, "v")[d], g * g, g * g));
                }
                let u = if g == 0.0 { 0.0 } else { h.lr * g / (v.sqrt() + h.eps) };
                let x = t.points[i][d];
                prop_assert!((t.points[i + 1][d] - (x - u)).abs() <= 1e-12 * (x.abs() + u.abs()) + 1e-300);
                if beta2_zero {
                    prop_assert!(u.abs() <= h.lr * (1.0 + 1e-12));
                }
            }
        }
    }

    /// For λ > 0, Adam+L2 and AdamW differ (the seed's whole AdamW lesson).
    #[test]
    fn adam_l2_and_adamw_differ_with_decay(
        (l, start) in landscape_and_start(), conv in any_conv(),
        lr in log_uniform(1e-3, 0.5), lambda in log_uniform(0.01, 1.0),
    ) {
        // Away from x = 0, where λ·x vanishes.
        let away = |v: f64| if v.abs() < 0.1 { 0.5 } else { v };
        let start = [away(start[0]), away(start[1])];
        let c = Case {
            landscape: l, start, conv, steps: 5,
            hyper: OptSpec::new(OptKind::Adam, conv).hyper, sigma: 0.0, seed: 0,
        };
        let l2 = run_case(&c, OptKind::AdamL2, |h| { h.lr = lr; h.lambda = lambda; });
        let w = run_case(&c, OptKind::Adamw, |h| { h.lr = lr; h.lambda = lambda; });
        prop_assert!(l2.points.len() > 1 && w.points.len() > 1);
        prop_assert_ne!(&l2.points, &w.points);
    }

    /// NAdam is torch's formula in both conventions, to the bit.
    #[test]
    fn nadam_is_the_same_in_both_conventions(c in any_case()) {
        let mut d = c.clone();
        d.conv = D2L;
        let mut p = c;
        p.conv = TORCH;
        let a = run_case(&d, OptKind::Nadam, |_| {});
        let b = run_case(&p, OptKind::Nadam, |_| {});
        prop_assert_eq!(a.points, b.points);
    }
}

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
        Stop::Diverged { step } => {
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

// ------------------------------------------------------------------ validation

#[test]
fn out_of_range_hyper_parameters_are_rejected_with_field_and_range() {
    let cases: &[(OptKind, &str, SetHyper, &str)] = &[
        (OptKind::Gd, "lr", |h| h.lr = 0.0, "> 0"),
        (OptKind::Gd, "lr", |h| h.lr = -1.0, "> 0"),
        (OptKind::Adam, "lr", |h| h.lr = f64::NAN, "> 0"),
        (OptKind::Momentum, "lr", |h| h.lr = f64::INFINITY, "finite"),
        (OptKind::Momentum, "gamma", |h| h.gamma = 1.0, "[0, 1)"),
        (OptKind::Momentum, "gamma", |h| h.gamma = -0.1, "[0, 1)"),
        (OptKind::Rmsprop, "gamma", |h| h.gamma = 1.0, "[0, 1)"),
        (OptKind::Adadelta, "gamma", |h| h.gamma = f64::NAN, "[0, 1)"),
        (OptKind::Adam, "beta1", |h| h.beta1 = 1.0, "[0, 1)"),
        (OptKind::Nadam, "beta1", |h| h.beta1 = -0.5, "[0, 1)"),
        (OptKind::Adam, "beta2", |h| h.beta2 = 1.5, "[0, 1)"),
        (OptKind::Adagrad, "eps", |h| h.eps = -1.0, "≥ 0"),
        (OptKind::Adam, "eps", |h| h.eps = f64::INFINITY, "≥ 0"),
        (OptKind::Adamw, "lambda", |h| h.lambda = -1.0, "≥ 0"),
        (OptKind::AdamL2, "lambda", |h| h.lambda = f64::NAN, "≥ 0"),
        (
            OptKind::Nadam,
            "momentum_decay",
            |h| h.momentum_decay = -1.0,
            "≥ 0",
        ),
    ];
    for (kind, key, set, range) in cases {
        for conv in [D2L, TORCH] {
            let mut s = OptSpec::new(*kind, conv);
            set(&mut s.hyper);
            let e: HyperError = s.validate().expect_err(&format!("{kind:?} {key}"));
            assert_eq!(e.key.name(), *key, "{kind:?}");
            let msg = gradscape::text::errors::hyper_error(&e, gradscape::text::Lang::En);
            assert!(msg.contains(key) && msg.contains(range), "{kind:?}: {msg}");
            assert!(msg.contains("got"), "{msg}");
            let Err(e2) = s.build(conv) else {
                panic!("{kind:?} {key}: build accepted it")
            };
            assert_eq!((e2.key, e2.value.to_bits()), (e.key, e.value.to_bits()));
            // A run refuses too, naming the optimizer's place in the scene.
            let sc = scene(
                Landscape::default(),
                X0,
                5,
                conv,
                vec![OptSpec::new(OptKind::Gd, conv), s],
            );
            let err = gradscape::text::errors::run_error(
                &simulate(&sc).expect_err("simulate must refuse"),
                gradscape::text::Lang::En,
            );
            assert!(
                err.contains(&format!("optimizers[1].{key}")) && err.contains(range),
                "{err}"
            );
        }
    }
}

#[test]
fn boundary_values_are_accepted() {
    let ok: &[(OptKind, SetHyper)] = &[
        (OptKind::Gd, |h| h.lr = 1e-300),
        (OptKind::Momentum, |h| h.gamma = 0.0),
        (OptKind::Momentum, |h| h.gamma = 0.999_999),
        (OptKind::Adam, |h| {
            h.beta1 = 0.0;
            h.beta2 = 0.0;
            h.eps = 0.0;
        }),
        (OptKind::Adamw, |h| h.lambda = 0.0),
        (OptKind::Nadam, |h| h.momentum_decay = 0.0),
        // Keys a kind does not use are not its business.
        (OptKind::Gd, |h| {
            h.gamma = 7.0;
            h.beta1 = f64::NAN;
            h.eps = -1.0;
        }),
        (OptKind::Adam, |h| h.lambda = -1.0),
    ];
    for (kind, set) in ok {
        for conv in [D2L, TORCH] {
            let mut s = OptSpec::new(*kind, conv);
            set(&mut s.hyper);
            assert_eq!(s.validate(), Ok(()), "{kind:?}");
            assert!(s.build(conv).is_ok());
        }
    }
}

#[test]
fn convention_defaults_follow_the_books() {
    let d = |k| OptSpec::new(k, D2L).hyper;
    let p = |k| OptSpec::new(k, TORCH).hyper;
    assert_eq!(d(OptKind::Gd).lr, 0.4);
    assert_eq!(
        (d(OptKind::Momentum).lr, d(OptKind::Momentum).gamma),
        (0.4, 0.5)
    );
    assert_eq!(
        (d(OptKind::Adagrad).lr, d(OptKind::Adagrad).eps),
        (0.4, 1e-6)
    );
    assert_eq!(
        (d(OptKind::Rmsprop).gamma, d(OptKind::Rmsprop).eps),
        (0.9, 1e-6)
    );
    assert_eq!(
        (d(OptKind::Adam).beta1, d(OptKind::Adam).beta2),
        (0.9, 0.999)
    );
    assert_eq!((p(OptKind::Gd).lr, p(OptKind::Momentum).lr), (1e-3, 1e-3));
    assert_eq!(
        (p(OptKind::Adagrad).lr, p(OptKind::Adagrad).eps),
        (1e-2, 1e-10)
    );
    assert_eq!(
        (
            p(OptKind::Rmsprop).lr,
            p(OptKind::Rmsprop).gamma,
            p(OptKind::Rmsprop).eps
        ),
        (1e-2, 0.99, 1e-8)
    );
    assert_eq!((p(OptKind::Adam).lr, p(OptKind::Adam).eps), (1e-3, 1e-8));
    assert_eq!(p(OptKind::Adamw).lambda, 1e-2);
    assert_eq!(
        (p(OptKind::Nadam).lr, p(OptKind::Nadam).momentum_decay),
        (2e-3, 4e-3)
    );
    assert_eq!(
        (
            p(OptKind::Adadelta).lr,
            p(OptKind::Adadelta).gamma,
            p(OptKind::Adadelta).eps
        ),
        (1.0, 0.9, 1e-6)
    );
    for conv in [D2L, TORCH] {
        for k in ALL_KINDS {
            assert_eq!(
                OptSpec::new(k, conv).validate(),
                Ok(()),
                "{k:?} {conv:?} defaults out of range"
            );
            assert_eq!(OptKind::from_name(k.name()), Some(k));
        }
    }
    assert_eq!(OptKind::from_name("sgd"), None);
    assert_eq!(Convention::from_name("keras"), None);
    assert_eq!(Convention::default(), D2L);
}

#[test]
fn labels_show_the_hyper_parameters() {
    let s = spec(OptKind::Momentum, D2L, |h| {
        h.lr = 0.4;
        h.gamma = 0.5;
    });
    assert_eq!(label(&s), "Momentum η=0.4 γ=0.5");
    assert_eq!(label(&spec(OptKind::Gd, D2L, |h| h.lr = 0.6)), "GD η=0.6");
    let a = label(&spec(OptKind::Adam, D2L, |h| h.bias_correction = false));
    assert!(a.starts_with("Adam η=0.1") && a.contains("no bias"), "{a}");
    assert!(label(&spec(OptKind::Adamw, D2L, |h| h.lambda = 0.05)).contains("λ=0.05"));
}

// ---------------------------------------------------------------------- noise

fn noisy(kind: OptKind, sigma: f64, seed: u64, steps: usize) -> Trajectory {
    let l = Landscape::default();
    let s = OptSpec::new(kind, D2L);
    let mut sc = scene(l.clone(), X0, steps, D2L, vec![s]);
    sc.noise = Noise { sigma, seed };
    run_one(&l, &s, &sc).unwrap()
}

#[test]
fn noise_is_reproducible_and_seeded() {
    for kind in ALL_KINDS {
        let a = noisy(kind, 0.5, 42, 30);
        let b = noisy(kind, 0.5, 42, 30);
        assert_eq!(a, b, "{kind:?}: same seed, different run");
        let c = noisy(kind, 0.5, 43, 30);
        assert_ne!(a.points, c.points, "{kind:?}: different seed, same run");
        let quiet = noisy(kind, 0.0, 0, 30);
        assert_ne!(a.points, quiet.points, "{kind:?}: the noise did nothing");
        // σ = 0 is no noise whatever the seed.
        assert_eq!(noisy(kind, 0.0, 12345, 30), quiet, "{kind:?}");
    }
}

#[test]
fn noise_is_standard_normal_times_sigma() {
    let sigma = 0.3;
    let t = noisy(OptKind::Gd, sigma, 7, 3000);
    assert_eq!(t.stop, Stop::Completed);
    let l = Landscape::default();
    let mut z = Vec::new();
    for (i, s) in t.states.iter().enumerate() {
        let g = l.grad(t.points[i]);
        z.push((s.grad[0] - g[0]) / sigma);
        z.push((s.grad[1] - g[1]) / sigma);
    }
    let n = z.len() as f64;
    let mean = z.iter().sum::<f64>() / n;
    let var = z.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>() / n;
    assert!(mean.abs() < 0.05, "mean {mean}");
    assert!((var - 1.0).abs() < 0.08, "variance {var}");
    // The two coordinates get different samples.
    let dx: Vec<f64> = z.iter().step_by(2).copied().collect();
    let dy: Vec<f64> = z.iter().skip(1).step_by(2).copied().collect();
    assert_ne!(dx, dy);
}

#[test]
fn simulate_runs_every_optimizer_of_a_scene_in_order() {
    let sc = Scene::default();
    let runs = simulate(&sc).unwrap();
    assert_eq!(runs.len(), 2);
    assert_eq!(runs[0].spec.kind, OptKind::Gd);
    assert_eq!(runs[1].spec.kind, OptKind::Momentum);
    assert_eq!(
        runs[0],
        run_one(&sc.landscape, &sc.optimizers[0], &sc).unwrap()
    );
    assert_close2(runs[0].points[1], [-4.6, 1.2], REL, "GD x1");
    assert_close2(runs[1].points[2], [-4.032, 0.88], REL, "momentum x2");
}

#[test]
fn every_optimizer_sees_the_same_noise() {
    // README: "Every optimizer of the scene sees the same noise sequence".
    let l = Landscape::default();
    let specs: Vec<OptSpec> = ALL_KINDS.iter().map(|k| OptSpec::new(*k, D2L)).collect();
    let mut sc = scene(l.clone(), X0, 15, D2L, specs);
    sc.noise = Noise {
        sigma: 0.7,
        seed: 99,
    };
    let runs = simulate(&sc).unwrap();
    let noise_of = |t: &Trajectory| -> Vec<V2> {
        t.states
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let g = l.grad(t.points[i]);
                [s.grad[0] - g[0], s.grad[1] - g[1]]
            })
            .collect()
    };
    let first = noise_of(&runs[0]);
    assert!(first.iter().all(|n| n[0] != 0.0 && n[1] != 0.0));
    for t in &runs[1..] {
        let n = noise_of(t);
        assert_eq!(n.len(), first.len());
        for (a, b) in n.iter().zip(&first) {
            // The same samples, up to the rounding of g + σ·z − g.
            assert!(
                (a[0] - b[0]).abs() < 1e-12 && (a[1] - b[1]).abs() < 1e-12,
                "{:?}: {a:?} vs {b:?}",
                t.spec.kind
            );
        }
    }
}

#[test]
fn a_coordinate_with_zero_gradient_does_not_move_even_with_eps_zero() {
    // README: "Where the gradient of a coordinate is exactly 0 its step is 0,
    // even with ε = 0." On the bowl from (−5, 0), ∂f/∂y = 4·0 = 0 forever.
    for conv in [D2L, TORCH] {
        for kind in ALL_KINDS {
            for eps in [None, Some(0.0)] {
                let s = spec(kind, conv, |h| {
                    h.lr = 0.1;
                    if let Some(e) = eps {
                        h.eps = e;
                    }
                });
                let t = run(&Landscape::default(), [-5.0, 0.0], 30, conv, s);
                assert_eq!(t.stop, Stop::Completed, "{kind:?} {conv:?} eps={eps:?}");
                assert!(
                    t.points.iter().all(|p| p[1] == 0.0),
                    "{kind:?} {conv:?} eps={eps:?}: {:?}",
                    t.points
                );
                // (Adadelta with ε = 0 has a zero rate √(Δx + ε) = 0 from the start.)
                if !(kind == OptKind::Adadelta && eps == Some(0.0)) {
                    assert!(t.points[30][0] != -5.0, "{kind:?} {conv:?}: x did not move");
                }
            }
        }
    }
}

fn label(s: &OptSpec) -> String {
    gradscape::text::optim::opt_label(s, gradscape::Lang::En)
}
