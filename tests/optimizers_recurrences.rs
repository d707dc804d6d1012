//! Optimizers, property-tested: each kind's recurrence checked step by step
//! against the recorded state, the recorded gradient and loss, prefixes, and
//! the identities between optimizers (Adam+L2/AdamW without decay are Adam,
//! momentum without γ is GD, …).
#![cfg(not(target_arch = "wasm32"))]
// Coordinates are indexed 0..2 across several arrays at once, as in the maths.
#![allow(clippy::needless_range_loop)]

use gradscape::landscape::{Quadratic, Rastrigin, Rosenbrock};
use gradscape::optim::{Hyper, ALL_KINDS};
use gradscape::run::run_one;
use gradscape::scene::Noise;
use gradscape::{Convention, Landscape, OptKind, OptSpec, Trajectory};
use proptest::prelude::*;

#[allow(dead_code)]
#[path = "common/optim.rs"]
mod optim;
use optim::*;

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 256,
        failure_persistence: None,
        ..ProptestConfig::default()
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
                    ..Hyper::default()
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
        schedule: None,
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
        // The seed's recurrence: without torch's weight decay (its own test
        // is in optimizers_extras.rs).
        let t = run_case(&c, kind, |h| h.lambda = 0.0);
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
        let t = run_case(&c, OptKind::Momentum, |h| h.lambda = 0.0);
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

    /// momentum with γ = 0 ≡ gd, in both conventions (with Nesterov it is
    /// refused, as torch's SGD refuses it).
    #[test]
    fn momentum_without_gamma_is_gd(c in any_case()) {
        let gd = run_case(&c, OptKind::Gd, |_| {});
        let m = run_case(&c, OptKind::Momentum, |h| { h.gamma = 0.0; h.nesterov = false; });
        prop_assert_eq!(&gd.points, &m.points);
        prop_assert_eq!(gd.stop, m.stop);
        for (a, b) in gd.states.iter().zip(&m.states) {
            prop_assert_eq!(a.lr_eff, b.lr_eff);
        }
        let mut nesterov = OptSpec { kind: OptKind::Momentum, hyper: c.hyper, schedule: None };
        nesterov.hyper.gamma = 0.0;
        nesterov.hyper.nesterov = true;
        nesterov.hyper.dampening = 0.0;
        prop_assert!(nesterov.validate().is_err());
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
