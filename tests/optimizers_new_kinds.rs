//! The kinds Adamax, RAdam, Rprop and Lion: what each is there to show,
//! derived by hand on the seed's bowl (RAdam's warm-up, Rprop's sign flips,
//! Lion's steps of exactly η, Adamax's infinity norm); the refusals of every
//! new key, in both languages; no NaN anywhere at the defaults.
#![cfg(not(target_arch = "wasm32"))]

use gradscape::optim::{HyperError, Key, KeyValue, PairKey, ALL_KINDS};
use gradscape::{simulate, Landscape, OptKind, OptSpec, Scene};
use serde_json::json;

#[allow(dead_code)]
#[path = "common/optim.rs"]
mod optim;
use optim::*;

// ------------------------------------------------------------ the new kinds

#[test]
fn radam_is_sgd_with_momentum_until_rho_passes_five() {
    let t = on_bowl(OptKind::Radam, TORCH, 8, |h| h.lr = 0.1);
    for (k, st) in t.states.iter().enumerate() {
        let step = k + 1;
        let rho = field(st, "ρ_t")[0];
        let rectified = field(st, "rectified")[0];
        // ρ∞ = 1999 with β2 = 0.999: ρ_t ≈ t − small, so steps 1–5 warm up.
        assert_eq!(rectified == 1.0, step >= 6, "step {step}: ρ = {rho}");
        assert_eq!(rectified == 1.0, rho > 5.0);
        if step <= 5 {
            // x ← x − η·m/(1 − β1ᵗ)
            let m = field(st, "m");
            let bc1 = 1.0 - 0.9f64.powi(step as i32);
            let want = [
                t.points[k][0] - m[0] / bc1 * 0.1,
                t.points[k][1] - m[1] / bc1 * 0.1,
            ];
            assert_close2(t.points[k + 1], want, 1e-12, "warm-up step");
            assert_eq!(field(st, "r_t")[0], 0.0);
        } else {
            let r = field(st, "r_t")[0];
            assert!(r > 0.0 && r < 1.0, "r_t = {r}");
        }
    }
    // In d2l RAdam is torch's (the book has none).
    assert_eq!(
        on_bowl(OptKind::Radam, D2L, 8, |h| h.lr = 0.1).points,
        t.points
    );
}

#[test]
fn rprop_moves_by_its_step_sizes_and_halves_them_on_a_sign_flip() {
    let t = on_bowl(OptKind::Rprop, TORCH, 6, |h| h.lr = 1.5);
    // Step 1: Δ = η in both coordinates, x ← x − sign(g)·Δ.
    assert_eq!(t.points[1], [-3.5, -0.5]);
    assert_eq!(field(&t.states[0], "Δ"), [1.5, 1.5]);
    // Step 2: same signs, Δ·1.2 = 1.8: x2 = (−1.7, 1.3) — x2 overshot.
    assert_close2(t.points[2], [-1.7, 1.3], REL, "x2");
    // Step 3: x2's gradient flipped: Δ·0.5 = 0.9 and no move in x2; x1 keeps
    // growing, Δ = 2.16.
    assert_close2(field(&t.states[2], "Δ"), [2.16, 0.9], REL, "Δ3");
    assert_close2(t.points[3], [0.46, 1.3], REL, "x3");
    assert_eq!(
        field(&t.states[2], "g_prev")[1],
        0.0,
        "the flip is forgotten"
    );
    // Bounds clamp Δ.
    let c = on_bowl(OptKind::Rprop, TORCH, 4, |h| {
        h.lr = 1.5;
        h.step_sizes = [0.5, 1.6];
    });
    assert_eq!(field(&c.states[1], "Δ"), [1.6, 1.6]);
}

#[test]
fn lion_moves_every_coordinate_by_exactly_eta() {
    let t = on_bowl(OptKind::Lion, TORCH, 30, |h| h.lr = 0.25);
    for k in 0..30 {
        for i in 0..2 {
            let d = (t.points[k + 1][i] - t.points[k][i]).abs();
            assert!(d == 0.0 || (d - 0.25).abs() < 1e-12, "step {k}: {d}");
        }
    }
    // With decoupled decay x·(1 − η·λ) first.
    let w = on_bowl(OptKind::Lion, TORCH, 1, |h| {
        h.lr = 0.25;
        h.lambda = 0.4;
    });
    assert_close2(
        w.points[1],
        [-5.0 * 0.9 + 0.25, -2.0 * 0.9 + 0.25],
        REL,
        "x1",
    );
}

#[test]
fn adamax_divides_by_the_infinity_norm() {
    let t = on_bowl(OptKind::Adamax, TORCH, 2, |h| h.lr = 0.1);
    // u1 = max(0, |g1| + ε); m1 = 0.1·g1; x1 = x0 − (η/0.1)·m1/u1 = x0 + η
    assert_close2(
        field(&t.states[0], "u"),
        [1.0 + 1e-8, 8.0 + 1e-8],
        REL,
        "u1",
    );
    assert_close2(t.points[1], [-4.9, -1.9], 1e-7, "x1");
    // u2 = max(0.999·u1, |g2| + ε): the largest recent |g| in each coordinate.
    let g2 = t.states[1].grad;
    let u2 = field(&t.states[1], "u");
    for i in 0..2 {
        assert_eq!(
            u2[i],
            (0.999 * (G1[i].abs() + 1e-8)).max(g2[i].abs() + 1e-8)
        );
    }
}

// ------------------------------------------------------------ refusals

#[test]
fn bad_new_keys_are_refused_with_the_field_and_the_range() {
    let cases = [
        (
            json!({"kind": "rprop", "etas": [1.2, 0.5]}),
            "etas",
            "0 < η− < 1 < η+",
        ),
        (
            json!({"kind": "rprop", "etas": [0.5, 1.0]}),
            "etas",
            "0 < η− < 1 < η+",
        ),
        (
            json!({"kind": "rprop", "etas": [0.5]}),
            "etas",
            "0 < η− < 1 < η+",
        ),
        (
            json!({"kind": "rprop", "etas": "0.5"}),
            "etas",
            "0 < η− < 1 < η+",
        ),
        (
            json!({"kind": "rprop", "step_sizes": [2, 1]}),
            "step_sizes",
            "0 ≤ min ≤ max",
        ),
        (
            json!({"kind": "rprop", "step_sizes": [-1, 1]}),
            "step_sizes",
            "0 ≤ min ≤ max",
        ),
        (
            json!({"kind": "momentum", "dampening": 1.5}),
            "dampening",
            "[0, 1]",
        ),
        (
            json!({"kind": "momentum", "dampening": 0.5, "nesterov": true}),
            "dampening",
            "Nesterov",
        ),
        (
            json!({"kind": "adagrad", "lr_decay": -1}),
            "lr_decay",
            "≥ 0",
        ),
        (
            json!({"kind": "adagrad", "initial_accumulator_value": -0.1}),
            "initial_accumulator_value",
            "≥ 0",
        ),
        (
            json!({"kind": "rmsprop", "momentum": 1}),
            "momentum",
            "[0, 1)",
        ),
        (
            json!({"kind": "rmsprop", "centered": 1}),
            "centered",
            "true or false",
        ),
        (json!({"kind": "lion", "beta2": 1}), "beta2", "[0, 1)"),
        // L-BFGS's keys belong to no kind yet: unknown elsewhere.
        (
            json!({"kind": "gd", "history_size": 10}),
            "history_size",
            "allowed keys",
        ),
        (json!({"kind": "lion", "eps": 1e-8}), "eps", "allowed keys"),
    ];
    for (opt, key, words) in cases {
        let e = Scene::from_json(&json!({"optimizers": [opt]}).to_string())
            .expect_err(&format!("{opt} accepted"));
        assert_eq!(e.field, format!("optimizers[0].{key}"), "{opt}");
        for lang in [gradscape::text::Lang::En, gradscape::text::Lang::Zh] {
            let msg = gradscape::text::errors::scene_error(&e, lang);
            assert!(msg.contains(key), "{opt}: {msg}");
            if lang == gradscape::text::Lang::En {
                assert!(msg.contains(words), "{opt}: {msg}");
            } else {
                assert!(gradscape::text::english_words(&msg).is_empty(), "{msg}");
            }
        }
    }
    // The same refusals when a spec is built directly.
    let mut s = OptSpec::new(OptKind::Rprop, TORCH);
    s.hyper.etas = [0.5, f64::INFINITY];
    let e: HyperError = s.validate().unwrap_err();
    assert_eq!(e.key, Key::Pair(PairKey::Etas));
    assert_eq!(e.value, KeyValue::Pair([0.5, f64::INFINITY]));
    assert!(s.build(TORCH).is_err());
    let msg = gradscape::text::errors::hyper_error(&e, gradscape::text::Lang::En);
    assert!(msg.contains("etas") && msg.contains("[0.5, inf]"), "{msg}");
}

#[test]
fn every_kind_runs_without_nan_on_every_surface_at_its_defaults() {
    for conv in [D2L, TORCH] {
        for kind in ALL_KINDS {
            for l in ["quadratic", "rosenbrock", "himmelblau", "saddle", "beale"] {
                let land = Landscape::from_kind(l).unwrap();
                let s = Scene {
                    landscape: land.clone(),
                    start: land.default_start(),
                    ..scene(land, X0, 200, conv, vec![OptSpec::new(kind, conv)])
                };
                let t = simulate(&s).unwrap().remove(0);
                assert!(
                    t.loss.iter().all(|v| v.is_finite()),
                    "{kind:?} {conv:?} {l}"
                );
                for st in &t.states {
                    assert!(st
                        .fields
                        .iter()
                        .all(|f| f.value.iter().all(|v| !v.is_nan())));
                }
            }
        }
    }
}
