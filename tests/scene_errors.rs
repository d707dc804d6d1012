//! The scene contract, errors: every bad scene names the field and what is
//! allowed, unknown optimizer keys list exactly the kind's keys, and invalid
//! JSON is an error, not a panic.
#![cfg(not(target_arch = "wasm32"))]

use gradscape::optim::ALL_KINDS;
use gradscape::Scene;
use serde_json::{json, Value};
use std::collections::BTreeSet;

#[allow(dead_code)]
#[path = "common/scene.rs"]
mod scene;
use scene::*;

// -------------------------------------------------------------------- errors

/// (scene, field path, words the message must contain)
fn bad_scenes() -> Vec<(String, &'static str, Vec<&'static str>)> {
    let seventeen: Vec<Value> = (0..17).map(|_| json!({"kind": "gd"})).collect();
    let j = |v: Value| v.to_string();
    vec![
        (
            j(json!({"foo": 1})),
            "foo",
            vec![
                "unknown key",
                "allowed keys",
                "landscape",
                "optimizers",
                "version",
            ],
        ),
        (
            j(json!({"optimizers": [{"kind": "gd", "beta1": 0.9}]})),
            "optimizers[0].beta1",
            vec!["unknown key", "gd", "allowed keys: kind, lr"],
        ),
        (
            j(json!({"optimizers": [{"kind": "gd"}, {"kind": "adam", "lambda": 0.1}]})),
            "optimizers[1].lambda",
            vec!["allowed keys", "beta1", "bias_correction"],
        ),
        (
            j(json!({"optimizers": [{"kind": "sgd"}]})),
            "optimizers[0].kind",
            vec![
                "gd", "momentum", "adagrad", "rmsprop", "adam", "adam_l2", "adamw", "\"sgd\"",
            ],
        ),
        (
            j(json!({"optimizers": [{"lr": 0.1}]})),
            "optimizers[0].kind",
            vec!["required", "gd", "adamw"],
        ),
        (
            j(json!({"landscape": {"kind": "sphere"}})),
            "landscape.kind",
            vec![
                "quadratic",
                "rosenbrock",
                "himmelblau",
                "beale",
                "saddle",
                "rastrigin",
                "sphere",
            ],
        ),
        (
            j(json!({"landscape": {"a": 1}})),
            "landscape.kind",
            vec!["required", "quadratic"],
        ),
        (
            j(json!({"landscape": {"kind": "beale", "a": 1}})),
            "landscape.a",
            vec!["unknown key", "allowed keys: kind"],
        ),
        (
            j(json!({"landscape": {"kind": "quadratic", "c": 1}})),
            "landscape.c",
            vec!["allowed keys: kind, a, b, rotation"],
        ),
        (
            j(json!({"landscape": {"kind": "quadratic", "a": 0}})),
            "landscape.a",
            vec!["1e-6", "1e6"],
        ),
        (
            j(json!({"landscape": {"kind": "quadratic", "rotation": 400}})),
            "landscape.rotation",
            vec!["[-360, 360]", "400"],
        ),
        (
            j(json!({"landscape": {"kind": "rosenbrock", "b": -1}})),
            "landscape.b",
            vec!["[0, 1e6]"],
        ),
        (
            j(json!({"landscape": {"kind": "rastrigin", "a": 1e4}})),
            "landscape.a",
            vec!["[0, 1e3]"],
        ),
        (
            j(json!({"landscape": "quadratic"})),
            "landscape",
            vec!["object"],
        ),
        (
            j(json!({"steps": 100001})),
            "steps",
            vec!["whole number", "from 0 to 100000", "100001"],
        ),
        (
            j(json!({"steps": -1})),
            "steps",
            vec!["whole number", "from 0 to 100000", "-1"],
        ),
        (
            j(json!({"steps": 1.5})),
            "steps",
            vec!["whole number", "from 0 to 100000", "1.5"],
        ),
        (
            j(json!({"steps": "20"})),
            "steps",
            vec!["whole number", "from 0 to 100000"],
        ),
        (
            j(json!({"start": [1]})),
            "start",
            vec!["[x, y]", "1 number)"],
        ),
        (
            j(json!({"start": [1, 2, 3]})),
            "start",
            vec!["[x, y]", "3 numbers"],
        ),
        (
            j(json!({"start": ["a", 1]})),
            "start[0]",
            vec!["finite number", "\"a\""],
        ),
        (
            j(json!({"start": [1e300, 0]})),
            "start[0]",
            vec!["1e12", "got 1e300"],
        ),
        (j(json!({"start": [0, -2e12]})), "start[1]", vec!["1e12"]),
        (j(json!({"start": {"x": 1}})), "start", vec!["[x, y]"]),
        (j(json!({"version": 2})), "version", vec!["must be 1", "2"]),
        (j(json!({"version": "1"})), "version", vec!["must be 1"]),
        (
            j(json!({"convention": "keras"})),
            "convention",
            vec!["\"d2l\"", "\"pytorch\"", "keras"],
        ),
        (
            j(json!({"view": {"x": [1, 0], "y": [0, 1]}})),
            "view.x",
            vec!["max − min ≥ 1e-9", "[1, 0]"],
        ),
        (
            j(json!({"view": {"x": [0, 1], "y": [2, 2]}})),
            "view.y",
            vec!["max − min ≥ 1e-9"],
        ),
        (
            j(json!({"view": {"x": [0, 1]}})),
            "view.y",
            vec!["required", "[min, max]"],
        ),
        (
            j(json!({"view": {"x": [0, 1], "y": [0, 1], "z": [0, 1]}})),
            "view.z",
            vec!["allowed keys: x, y"],
        ),
        (
            j(json!({"noise": {"sigma": -1}})),
            "noise.sigma",
            vec!["[0, 1e6]", "-1"],
        ),
        (
            j(json!({"noise": {"seed": -1}})),
            "noise.seed",
            vec!["whole number", "9007199254740991"],
        ),
        (
            j(json!({"noise": {"seed": 9007199254740992u64}})),
            "noise.seed",
            vec!["9007199254740991"],
        ),
        (
            j(json!({"noise": {"sigma": 1, "mean": 0}})),
            "noise.mean",
            vec!["allowed keys: sigma, seed"],
        ),
        (
            j(json!({"optimizers": [{"kind": "gd", "lr": "0.4"}]})),
            "optimizers[0].lr",
            vec!["> 0", "\"0.4\""],
        ),
        (
            j(json!({"optimizers": [{"kind": "gd", "lr": 0}]})),
            "optimizers[0].lr",
            vec!["> 0", "0"],
        ),
        (
            j(json!({"optimizers": [{"kind": "gd", "lr": -1}]})),
            "optimizers[0].lr",
            vec!["> 0", "-1"],
        ),
        (
            j(json!({"optimizers": [{"kind": "gd", "lr": null}]})),
            "optimizers[0].lr",
            vec!["> 0", "null"],
        ),
        (
            j(json!({"optimizers": [{"kind": "momentum", "gamma": 1}]})),
            "optimizers[0].gamma",
            vec!["[0, 1)"],
        ),
        (
            j(json!({"optimizers": [{"kind": "rmsprop", "gamma": -0.1}]})),
            "optimizers[0].gamma",
            vec!["[0, 1)"],
        ),
        (
            j(json!({"optimizers": [{"kind": "adam", "beta1": 1}]})),
            "optimizers[0].beta1",
            vec!["[0, 1)"],
        ),
        (
            j(json!({"optimizers": [{"kind": "adam", "beta2": 1.5}]})),
            "optimizers[0].beta2",
            vec!["[0, 1)", "1.5"],
        ),
        (
            j(json!({"optimizers": [{"kind": "adagrad", "eps": -1}]})),
            "optimizers[0].eps",
            vec!["≥ 0"],
        ),
        (
            j(json!({"optimizers": [{"kind": "adamw", "lambda": -1}]})),
            "optimizers[0].lambda",
            vec!["≥ 0"],
        ),
        (
            j(json!({"optimizers": [{"kind": "nadam", "momentum_decay": -1}]})),
            "optimizers[0].momentum_decay",
            vec!["≥ 0"],
        ),
        (
            j(json!({"optimizers": [{"kind": "adam", "bias_correction": "yes"}]})),
            "optimizers[0].bias_correction",
            vec!["true or false"],
        ),
        (
            j(json!({"optimizers": [{"kind": "momentum", "nesterov": 1}]})),
            "optimizers[0].nesterov",
            vec!["true or false"],
        ),
        // torch's strong-Wolfe search divides by the step: η = 0 at step
        // 2 (exponential γ = 0), at 12 (cosine to 0 at T_max = 11), at the
        // first reduction of a plateau with factor 0.
        (
            j(
                json!({"steps": 3, "optimizers": [{"kind": "lbfgs", "line_search": "strong_wolfe", "schedule": {"kind": "exponential", "gamma": 0}}]}),
            ),
            "optimizers[0].schedule",
            vec![
                "η = 0 at step 2",
                "ZeroDivisionError",
                "line_search to none",
            ],
        ),
        (
            j(
                json!({"steps": 30, "optimizers": [{"kind": "lbfgs", "line_search": "strong_wolfe", "schedule": {"kind": "cosine", "T_max": 11}}]}),
            ),
            "optimizers[0].schedule",
            vec!["η = 0 at step 12"],
        ),
        (
            j(
                json!({"steps": 30, "optimizers": [{"kind": "lbfgs", "line_search": "strong_wolfe", "schedule": {"kind": "plateau", "factor": 0, "patience": 2}}]}),
            ),
            "optimizers[0].schedule",
            vec!["η = 0 at step"],
        ),
        // torch's SGD: "Nesterov momentum requires a momentum".
        (
            j(json!({"optimizers": [{"kind": "momentum", "nesterov": true, "gamma": 0}]})),
            "optimizers[0].gamma",
            vec!["(0, 1) with Nesterov on", "got 0"],
        ),
        (
            j(json!({"optimizers": [{"kind": "gd"}, 3]})),
            "optimizers[1]",
            vec!["object"],
        ),
        (
            j(json!({"optimizers": {"kind": "gd"}})),
            "optimizers",
            vec!["list"],
        ),
        (
            j(json!({"optimizers": seventeen})),
            "optimizers",
            vec!["16", "17"],
        ),
        (
            j(json!({"convention": "pytorch", "optimizers": [{"kind": "momentum", "gamma": 1.0}]})),
            "optimizers[0].gamma",
            vec!["[0, 1)"],
        ),
        ("[1, 2]".to_string(), "scene", vec!["object"]),
    ]
}

#[test]
fn bad_scenes_name_the_field_and_what_is_allowed() {
    for (text, field, words) in bad_scenes() {
        let e = Scene::from_json(&text).expect_err(&text);
        assert_eq!(e.field, field, "{text}: {e:?}");
        let msg = worded(&e);
        assert!(
            msg.starts_with(field),
            "{text}: the message should lead with the path: {msg}"
        );
        for w in &words {
            assert!(msg.contains(w), "{text}: {msg:?} lacks {w:?}");
        }
        assert!(!msg.contains('\n'), "{text}: one line please: {msg:?}");
    }
}

#[test]
fn unknown_optimizer_keys_list_exactly_the_kinds_keys() {
    for kind in ALL_KINDS {
        let e = parse(json!({"optimizers": [{"kind": kind.name(), "bogus": 1}]})).unwrap_err();
        assert_eq!(e.field, "optimizers[0].bogus");
        let msg = worded(&e);
        let listed = msg.rsplit("allowed keys: ").next().unwrap();
        let got: BTreeSet<&str> = listed.split(", ").collect();
        let mut want: BTreeSet<&str> = uses(kind).iter().copied().collect();
        want.insert("kind");
        assert_eq!(got, want, "{kind:?}: {msg}");
        // …and every listed key is accepted.
        for key in uses(kind) {
            let v = match *key {
                "bias_correction" | "nesterov" | "amsgrad" | "centered" | "decoupled" => {
                    json!(true)
                }
                "etas" => json!([0.5, 1.2]),
                "step_sizes" => json!([1e-6, 50]),
                "history_size" => json!(5),
                "line_search" => json!("strong_wolfe"),
                _ => json!(0.5),
            };
            let s = parse(json!({"optimizers": [{"kind": kind.name(), *key: v}]}));
            assert!(s.is_ok(), "{kind:?}.{key}: {:?}", s.err());
        }
    }
}

#[test]
fn invalid_json_is_an_error_not_a_panic() {
    for text in [
        "{",
        "{\"steps\": 20,}",
        "nul",
        "{\"steps\": 1e400}",
        "{'steps': 1}",
    ] {
        let e = Scene::from_json(text).expect_err(text);
        let msg = worded(&e);
        assert!(msg.contains("JSON"), "{text:?}: {msg}");
        assert!(msg.contains("line"), "{text:?}: say where: {msg}");
        assert!(!msg.contains('\n'));
    }
    // No text at all has no place to point at: it is said to be empty.
    for text in ["", "  \n"] {
        let msg = worded(&Scene::from_json(text).expect_err(text));
        assert!(msg.starts_with("the scene is empty"), "{text:?}: {msg}");
    }
}
