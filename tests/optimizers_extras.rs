//! torch's extra arguments of the seed's kinds (λ, τ, lr_decay, s₀,
//! RMSProp's μ and centered, NAdam's decoupled): first steps derived by hand
//! on the seed's bowl in both conventions (the d2l meaning of each extra is
//! the one written in the blocks' doc comments), the identities that keep
//! old scenes unchanged, and a schedule's cycled momentum. The new kinds and
//! the refusals are in optimizers_new_kinds.rs.
#![cfg(not(target_arch = "wasm32"))]

use gradscape::optim::Hyper;
use gradscape::{Landscape, OptKind, Scene};
use serde_json::json;

#[allow(dead_code)]
#[path = "common/optim.rs"]
mod optim;
use optim::*;

// ------------------------------------------------------------ the seed's kinds

#[test]
fn gd_weight_decay_adds_lambda_x_to_the_gradient() {
    for conv in [D2L, TORCH] {
        let t = on_bowl(OptKind::Gd, conv, 1, |h| {
            h.lr = 0.4;
            h.lambda = 0.1;
        });
        // g + λ·x0 = (−1 − 0.5, −8 − 0.2); x1 = x0 − 0.4·(−1.5, −8.2)
        assert_close2(t.points[1], [-4.4, 1.28], REL, "x1");
    }
}

#[test]
fn d2l_dampening_damps_every_gradient_from_a_zero_velocity() {
    let t = on_bowl(OptKind::Momentum, D2L, 2, |h| {
        h.lr = 0.4;
        h.gamma = 0.5;
        h.dampening = 0.5;
    });
    // v1 = 0.5·0 + (1 − 0.5)·0.4·g1 = (−0.2, −1.6); x1 = x0 − v1
    assert_close2(field(&t.states[0], "v"), [-0.2, -1.6], REL, "v1");
    assert_close2(t.points[1], [-4.8, -0.4], REL, "x1");
    // g2 = (−0.96, −1.6); v2 = 0.5·v1 + 0.2·g2 = (−0.292, −1.12)
    assert_close2(field(&t.states[1], "v"), [-0.292, -1.12], REL, "v2");
    assert_close2(t.points[2], [-4.508, 0.72], REL, "x2");
}

#[test]
fn torch_dampening_spares_the_first_buffer() {
    let t = on_bowl(OptKind::Momentum, TORCH, 2, |h| {
        h.lr = 0.4;
        h.gamma = 0.5;
        h.dampening = 0.5;
    });
    // b1 = g1 (torch clones the first gradient undamped); x1 = x0 − 0.4·g1
    assert_eq!(field(&t.states[0], "v"), G1);
    assert_close2(t.points[1], [-4.6, 1.2], REL, "x1");
    // g2 = (−0.92, 4.8); b2 = 0.5·b1 + 0.5·g2 = (−0.96, −1.6)
    assert_close2(field(&t.states[1], "v"), [-0.96, -1.6], REL, "b2");
    assert_close2(t.points[2], [-4.216, 1.84], REL, "x2");
}

#[test]
fn adagrad_lr_decay_and_initial_accumulator() {
    for conv in [D2L, TORCH] {
        let t = on_bowl(OptKind::Adagrad, conv, 2, |h| {
            h.lr = 0.4;
            h.lr_decay = 1.0;
            h.initial_accumulator_value = 1.0;
        });
        let eps = OptKind::Adagrad.defaults(conv).eps;
        // s1 = s0 + g1² = (2, 65); η₁ = 0.4/(1 + 0·1)
        assert_close2(field(&t.states[0], "s"), [2.0, 65.0], REL, "s1");
        let den = |s: f64| {
            if conv == D2L {
                (s + eps).sqrt()
            } else {
                s.sqrt() + eps
            }
        };
        let x1 = [-5.0 + 0.4 / den(2.0), -2.0 + 3.2 / den(65.0)];
        assert_close2(t.points[1], x1, REL, "x1");
        // η₂ = 0.4/(1 + 1·1) = 0.2: the second step uses half the rate.
        let g2 = [0.2 * x1[0], 4.0 * x1[1]];
        let s2 = [2.0 + g2[0] * g2[0], 65.0 + g2[1] * g2[1]];
        let x2 = [
            x1[0] - 0.2 * g2[0] / den(s2[0]),
            x1[1] - 0.2 * g2[1] / den(s2[1]),
        ];
        assert_close2(t.points[2], x2, 1e-12, "x2");
        assert_close2(
            t.states[1].lr_eff,
            [0.2 / den(s2[0]), 0.2 / den(s2[1])],
            1e-12,
            "η_eff",
        );
    }
}

#[test]
fn rmsprop_centered_divides_by_the_variance() {
    for conv in [D2L, TORCH] {
        let t = on_bowl(OptKind::Rmsprop, conv, 1, |h| {
            h.lr = 0.4;
            h.gamma = 0.9;
            h.eps = 1e-6;
            h.centered = true;
        });
        // s1 = 0.1·g1² = (0.1, 6.4); ḡ1 = 0.1·g1 = (−0.1, −0.8); s − ḡ² = (0.09, 5.76)
        assert_close2(field(&t.states[0], "ḡ"), [-0.1, -0.8], REL, "ḡ");
        let den = |v: f64| {
            if conv == D2L {
                (v + 1e-6).sqrt()
            } else {
                v.sqrt() + 1e-6
            }
        };
        let x1 = [-5.0 + 0.4 / den(0.09), -2.0 + 3.2 / den(5.76)];
        assert_close2(t.points[1], x1, 1e-12, "x1");
    }
}

#[test]
fn rmsprop_centered_with_alpha_0_stops_where_torch_s_root_is_nan() {
    // α = 0: s = g² rounded, ḡ = g, and torch's fused s.addcmul(ḡ, ḡ, -1)
    // is that rounding's error; below 0 its root is NaN and torch's run
    // (and the `code` script's) stops at step 1 (torch 2.15, found by a
    // randomized check); a 0 put in its place had taken a 6e5·g step.
    let s = Scene::from_json(
        r#"{"landscape": {"kind": "himmelblau"}, "start": [1.654, -1.022], "steps": 1, "convention": "pytorch",
            "optimizers": [{"kind": "rmsprop", "lr": 0.00619, "gamma": 0, "centered": true}]}"#,
    )
    .unwrap();
    let t = &gradscape::simulate(&s).unwrap()[0];
    assert_eq!(t.points.len(), 1, "{:?}", t.points);
    assert_eq!(t.stop, gradscape::Stop::Diverged { step: 1 });
}

#[test]
fn rmsprop_momentum_accumulates_the_scaled_steps() {
    for conv in [D2L, TORCH] {
        let t = on_bowl(OptKind::Rmsprop, conv, 3, |h| {
            h.lr = 0.01;
            h.gamma = 0.9;
            h.eps = 1e-6;
            h.momentum = 0.5;
        });
        let (mut s, mut b) = ([0.0f64; 2], [0.0f64; 2]);
        for (k, st) in t.states.iter().enumerate() {
            let g = st.grad;
            let mut x = t.points[k];
            for i in 0..2 {
                s[i] = 0.9 * s[i] + 0.1 * g[i] * g[i];
                if conv == D2L {
                    // v ← μ·v + η·g/√(s + ε); x ← x − v
                    b[i] = 0.5 * b[i] + 0.01 * g[i] / (s[i] + 1e-6).sqrt();
                    x[i] -= b[i];
                } else {
                    // b ← μ·b + g/(√s + ε); x ← x − η·b
                    b[i] = 0.5 * b[i] + g[i] / (s[i].sqrt() + 1e-6);
                    x[i] -= 0.01 * b[i];
                }
            }
            assert_close2(field(st, "b"), b, 1e-12, "b");
            assert_close2(t.points[k + 1], x, 1e-12, "x");
        }
    }
}

#[test]
fn nadam_decoupled_decay_shrinks_x_first() {
    let plain = on_bowl(OptKind::Nadam, TORCH, 1, |h| h.lr = 0.1);
    let t = on_bowl(OptKind::Nadam, TORCH, 1, |h| {
        h.lr = 0.1;
        h.lambda = 0.5;
        h.decoupled = true;
    });
    // x·(1 − 0.1·0.5) first, then the same NAdam step (g is ∇f(x0)).
    let d = [plain.points[1][0] - X0[0], plain.points[1][1] - X0[1]];
    let x1 = [X0[0] * 0.95 + d[0], X0[1] * 0.95 + d[1]];
    assert_close2(t.points[1], x1, 1e-12, "x1");
    assert_close2(field(&t.states[0], "ηλx"), [-0.25, -0.1], REL, "ηλx");
    // Coupled: λ·x enters the moments instead, and the step differs.
    let c = on_bowl(OptKind::Nadam, TORCH, 1, |h| {
        h.lr = 0.1;
        h.lambda = 0.5;
    });
    assert_close2(field(&c.states[0], "λx"), [-2.5, -1.0], REL, "λx");
    assert_ne!(c.points[1], t.points[1]);
}

/// A kind and how to set its extras to their defaults.
type Reset = (OptKind, fn(&mut Hyper));

#[test]
fn the_extras_at_their_defaults_change_no_bit() {
    // Scenes written before the extras existed keep every number.
    let extras: &[Reset] = &[
        (OptKind::Gd, |h| h.lambda = 0.0),
        (OptKind::Momentum, |h| {
            h.lambda = 0.0;
            h.dampening = 0.0;
        }),
        (OptKind::Adagrad, |h| {
            h.lr_decay = 0.0;
            h.initial_accumulator_value = 0.0;
        }),
        (OptKind::Rmsprop, |h| {
            h.momentum = 0.0;
            h.centered = false;
        }),
        (OptKind::Nadam, |h| h.decoupled = true), // decoupled with λ = 0
    ];
    for conv in [D2L, TORCH] {
        for (kind, set) in extras {
            let a = on_bowl(*kind, conv, 40, |_| {});
            let b = on_bowl(*kind, conv, 40, set);
            assert_eq!(a.points, b.points, "{kind:?} {conv:?}");
            let v = Scene::from_json(
                &json!({"convention": conv.name(), "optimizers": [{"kind": kind.name()}]})
                    .to_string(),
            )
            .unwrap()
            .to_value();
            let keys: Vec<&String> = v["optimizers"][0].as_object().unwrap().keys().collect();
            for k in [
                "lambda",
                "dampening",
                "lr_decay",
                "initial_accumulator_value",
                "momentum",
                "centered",
                "decoupled",
            ] {
                assert!(
                    !keys.iter().any(|x| *x == k),
                    "{kind:?}: {k} written at its default: {keys:?}"
                );
            }
        }
    }
}

#[test]
fn a_cycled_momentum_replaces_the_optimizers_own() {
    // What a schedule with torch's cycle_momentum does: the step's γ, μ or
    // β1 (`OptKind::cycled_momentum`); kinds without one ignore it.
    let bowl = Landscape::default();
    for kind in gradscape::optim::ALL_KINDS {
        for conv in [D2L, TORCH] {
            let key = kind.cycled_momentum();
            let set = |h: &mut Hyper, m: f64| {
                if let Some(k) = key {
                    k.set(h, m)
                }
            };
            let own = spec(kind, conv, |h| set(h, 0.5));
            let cycled = spec(kind, conv, |h| set(h, 0.8));
            let (mut a, mut b) = (own.build(conv).unwrap(), cycled.build(conv).unwrap());
            let (mut xa, mut xb) = (X0, X0);
            for _ in 0..5 {
                let ga = gradscape::optim::Oracle::grad(&bowl, xa);
                a.step(&mut xa, ga, own.hyper.lr, Some(0.8), &bowl);
                let gb = gradscape::optim::Oracle::grad(&bowl, xb);
                b.step(&mut xb, gb, own.hyper.lr, None, &bowl);
            }
            assert_eq!(xa, xb, "{kind:?} {conv:?}");
            // (Lion's sign steps do not change with β1 on this descent.)
            if key.is_some() && kind != OptKind::Lion {
                assert_ne!(
                    xa,
                    on_bowl(kind, conv, 5, |h| set(h, 0.5)).points[5],
                    "{kind:?}"
                );
            }
        }
    }
}

// ------------------------------------------------------------ recurrences

mod recurrences {
    use super::optim::*;
    use gradscape::landscape::Quadratic;
    use gradscape::{Convention, Landscape, OptKind, Trajectory};
    use proptest::prelude::*;

    /// One random run of `kind` on a random bowl with every extra random.
    fn case() -> impl Strategy<Value = (Landscape, V2, Convention, usize, [f64; 8], bool)> {
        (
            (0.05..3.0f64, 0.05..3.0f64),
            (-5.0..5.0f64, -5.0..5.0f64),
            prop_oneof![Just(D2L), Just(TORCH)],
            1usize..30,
            // η, γ, τ, λ, lr_decay, s₀, μ, ε
            (
                (-3.0..-0.5f64).prop_map(|e| 10f64.powf(e)),
                0.0..0.95f64,
                0.0..1.0f64,
                0.0..0.5f64,
            ),
            (0.0..1.0f64, 0.0..2.0f64, 0.0..0.9f64, 1e-8..1e-3f64),
            any::<bool>(),
        )
            .prop_map(
                |((a, b), (x, y), conv, steps, (lr, g, d, l), (ld, s0, mu, eps), c)| {
                    let land = Landscape::Quadratic(Quadratic {
                        a,
                        b,
                        rotation: 0.0,
                    });
                    (land, [x, y], conv, steps, [lr, g, d, l, ld, s0, mu, eps], c)
                },
            )
    }

    fn go(
        land: &Landscape,
        start: V2,
        conv: Convention,
        steps: usize,
        kind: OptKind,
        p: [f64; 8],
        centered: bool,
    ) -> Trajectory {
        let s = spec(kind, conv, |h| {
            h.lr = p[0];
            h.gamma = p[1];
            h.dampening = p[2];
            h.lambda = p[3];
            h.lr_decay = p[4];
            h.initial_accumulator_value = p[5];
            h.momentum = p[6];
            h.eps = p[7];
            h.centered = centered;
        });
        run(land, start, steps, conv, s)
    }

    fn near(a: f64, b: f64, scale: f64) -> bool {
        (a - b).abs() <= 1e-11 * scale + 1e-300
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 200, failure_persistence: None, ..ProptestConfig::default() })]

        /// Momentum with τ and λ: d2l v ← γv + (1−τ)·η·g̃, x ← x − v; torch
        /// b₁ = g̃, b ← μb + (1−τ)·g̃, x ← x − lr·b; g̃ = g + λx.
        #[test]
        fn momentum_with_dampening_and_decay((land, start, conv, steps, p, _) in case()) {
            let t = go(&land, start, conv, steps, OptKind::Momentum, p, false);
            let [lr, gamma, damp, lambda, ..] = p;
            let mut v = [0.0f64; 2];
            for (k, s) in t.states.iter().enumerate() {
                let x = t.points[k];
                for i in 0..2 {
                    let g = s.grad[i] + lambda * x[i];
                    let (nv, u) = if conv == D2L {
                        let n = gamma * v[i] + (1.0 - damp) * (lr * g);
                        (n, n)
                    } else if k == 0 || gamma == 0.0 {
                        (g, lr * g)
                    } else {
                        let n = gamma * v[i] + (1.0 - damp) * g;
                        (n, lr * n)
                    };
                    let scale = v[i].abs() + g.abs() + lambda * x[i].abs();
                    prop_assert!(near(field(s, "v")[i], nv, scale), "v step {}", k + 1);
                    v[i] = field(s, "v")[i];
                    prop_assert!(near(t.points[k + 1][i], x[i] - u, x[i].abs() + u.abs()));
                }
            }
        }

        /// AdaGrad with lr_decay, s₀ and λ: s ← s + g̃², ηₖ = η/(1 + (k−1)·lr_decay).
        #[test]
        fn adagrad_with_decay_and_start((land, start, conv, steps, p, _) in case()) {
            let t = go(&land, start, conv, steps, OptKind::Adagrad, p, false);
            let [lr, _, _, lambda, ld, s0, _, eps] = p;
            let mut s_acc = [s0; 2];
            for (k, s) in t.states.iter().enumerate() {
                let x = t.points[k];
                let eta = lr / (1.0 + k as f64 * ld);
                for i in 0..2 {
                    let g = s.grad[i] + lambda * x[i];
                    s_acc[i] += g * g;
                    prop_assert!(near(field(s, "s")[i], s_acc[i], s_acc[i]));
                    s_acc[i] = field(s, "s")[i];
                    let den = if conv == D2L { (s_acc[i] + eps).sqrt() } else { s_acc[i].sqrt() + eps };
                    let u = eta * g / den;
                    prop_assert!(near(t.points[k + 1][i], x[i] - u, x[i].abs() + u.abs()));
                }
            }
        }

        /// RMSProp with centered, μ and λ, in both conventions.
        #[test]
        fn rmsprop_centered_with_momentum((land, start, conv, steps, p, centered) in case()) {
            let t = go(&land, start, conv, steps, OptKind::Rmsprop, p, centered);
            let [lr, gamma, _, lambda, _, _, mu, eps] = p;
            let (mut sq, mut ga, mut b) = ([0.0f64; 2], [0.0f64; 2], [0.0f64; 2]);
            for (k, s) in t.states.iter().enumerate() {
                let x = t.points[k];
                for i in 0..2 {
                    let g = s.grad[i] + lambda * x[i];
                    sq[i] = gamma * sq[i] + (1.0 - gamma) * g * g;
                    prop_assert!(near(field(s, "s")[i], sq[i], sq[i]));
                    sq[i] = field(s, "s")[i];
                    let var = if centered {
                        ga[i] = gamma * ga[i] + (1.0 - gamma) * g;
                        prop_assert!(near(field(s, "ḡ")[i], ga[i], ga[i].abs() + g.abs()));
                        ga[i] = field(s, "ḡ")[i];
                        (sq[i] - ga[i] * ga[i]).max(0.0)
                    } else {
                        sq[i]
                    };
                    let den = if conv == D2L { (var + eps).sqrt() } else { var.sqrt() + eps };
                    let u = if mu > 0.0 {
                        let (nb, u) = if conv == D2L {
                            let n = mu * b[i] + lr * g / den;
                            (n, n)
                        } else {
                            let n = mu * b[i] + g / den;
                            (n, lr * n)
                        };
                        // The denominator's own rounding (s − ḡ² cancels)
                        // scales the tolerance.
                        let scale = (b[i].abs() + (g / den).abs()) * (1.0 + sq[i] / var.max(1e-300));
                        prop_assert!(near(field(s, "b")[i], nb, scale), "b step {}", k + 1);
                        b[i] = field(s, "b")[i];
                        u
                    } else {
                        lr * g / den
                    };
                    let tol = (x[i].abs() + u.abs()) * (1.0 + sq[i] / var.max(1e-300));
                    prop_assert!(near(t.points[k + 1][i], x[i] - u, tol), "x step {}", k + 1);
                }
            }
        }
    }
}
