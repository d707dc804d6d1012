//! The scene contract: JSON parsing with defaults, errors that name the field
//! and what is allowed, the round trip through `to_json`, and the outputs
//! built from a scene (simulation JSON and CSV, the SVG figure).
#![cfg(not(target_arch = "wasm32"))]

use gradscape::landscape::{Quadratic, Rastrigin, Rosenbrock};
use gradscape::optim::{Hyper, ALL_KINDS};
use gradscape::output::{simulation_csv, simulation_value};
use gradscape::scene::Noise;
use gradscape::svg::{render, SvgOptions};
use gradscape::{simulate, Convention, Landscape, OptKind, OptSpec, Scene, SceneError, Stop, View};
use proptest::prelude::*;
use serde_json::{json, Value};
use std::collections::BTreeSet;

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 256,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// The error as the CLI and the page word it in English.
fn worded(e: &SceneError) -> String {
    gradscape::text::errors::scene_error(e, gradscape::text::Lang::En)
}

fn parse(v: Value) -> Result<Scene, SceneError> {
    Scene::from_json(&v.to_string())
}

/// The keys each optimizer kind takes, as DESIGN.md and the README list them
/// (written out here, independently of `OptKind::keys`).
fn uses(kind: OptKind) -> &'static [&'static str] {
    match kind {
        OptKind::Gd => &["lr"],
        OptKind::Momentum => &["lr", "gamma", "nesterov"],
        OptKind::Adagrad => &["lr", "eps"],
        OptKind::Rmsprop => &["lr", "gamma", "eps"],
        OptKind::Adam => &["lr", "beta1", "beta2", "eps", "bias_correction", "amsgrad"],
        OptKind::AdamL2 | OptKind::Adamw => &[
            "lr",
            "beta1",
            "beta2",
            "eps",
            "lambda",
            "bias_correction",
            "amsgrad",
        ],
        OptKind::Nadam => &["lr", "beta1", "beta2", "eps", "momentum_decay"],
        OptKind::Adadelta => &["lr", "gamma", "eps"],
    }
}

// ------------------------------------------------------------------ defaults

#[test]
fn empty_object_is_the_seeds_scene() {
    let s = Scene::from_json("{}").unwrap();
    assert_eq!(s, Scene::default());
    assert_eq!(
        s.landscape,
        Landscape::Quadratic(Quadratic {
            a: 0.1,
            b: 2.0,
            rotation: 0.0
        })
    );
    assert_eq!(s.start, [-5.0, -2.0]);
    assert_eq!(s.steps, 20);
    assert_eq!(s.convention, Convention::D2l);
    assert_eq!(
        s.noise,
        Noise {
            sigma: 0.0,
            seed: 0
        }
    );
    assert_eq!(s.view, None);
    assert_eq!(s.view(), s.landscape.default_view());
    assert_eq!(s.optimizers.len(), 2);
    assert_eq!(
        (s.optimizers[0].kind, s.optimizers[0].hyper.lr),
        (OptKind::Gd, 0.4)
    );
    let m = s.optimizers[1];
    assert_eq!(
        (m.kind, m.hyper.lr, m.hyper.gamma),
        (OptKind::Momentum, 0.4, 0.5)
    );
    // Whitespace and an explicit version change nothing.
    assert_eq!(Scene::from_json(" {\"version\": 1}\n").unwrap(), s);
}

#[test]
fn omitted_keys_take_the_landscapes_and_conventions_defaults() {
    let s = parse(json!({"landscape": {"kind": "rosenbrock"}})).unwrap();
    assert_eq!(s.start, [-1.5, 2.0], "the landscape's default start");
    assert_eq!(
        s.landscape,
        Landscape::Rosenbrock(Rosenbrock { a: 1.0, b: 100.0 })
    );

    let d =
        parse(json!({"optimizers": [{"kind": "adagrad"}, {"kind": "rmsprop"}, {"kind": "adam"}]}))
            .unwrap();
    assert_eq!(d.optimizers[0].hyper.eps, 1e-6);
    assert_eq!(d.optimizers[0].hyper.lr, 0.4);
    assert_eq!(
        (d.optimizers[1].hyper.gamma, d.optimizers[1].hyper.eps),
        (0.9, 1e-6)
    );
    assert_eq!(d.optimizers[2].hyper.eps, 1e-6);

    // The convention applies wherever it is written in the object.
    let text = r#"{"optimizers": [{"kind": "adagrad"}, {"kind": "rmsprop"}, {"kind": "adam"},
                                  {"kind": "momentum"}, {"kind": "adamw"}],
                   "convention": "pytorch"}"#;
    let p = Scene::from_json(text).unwrap();
    assert_eq!(p.convention, Convention::Pytorch);
    assert_eq!(
        (p.optimizers[0].hyper.lr, p.optimizers[0].hyper.eps),
        (1e-2, 1e-10)
    );
    assert_eq!(
        (p.optimizers[1].hyper.gamma, p.optimizers[1].hyper.eps),
        (0.99, 1e-8)
    );
    assert_eq!(
        (p.optimizers[2].hyper.lr, p.optimizers[2].hyper.eps),
        (1e-3, 1e-8)
    );
    assert_eq!(p.optimizers[3].hyper.gamma, 0.9);
    assert_eq!(p.optimizers[4].hyper.lambda, 1e-2);

    // Given keys override, the rest stay at the defaults.
    let a = parse(json!({"optimizers": [{"kind": "adam", "lr": 0.3, "bias_correction": false}]}))
        .unwrap();
    let mut want = OptSpec::new(OptKind::Adam, Convention::D2l);
    want.hyper.lr = 0.3;
    want.hyper.bias_correction = false;
    assert_eq!(a.optimizers, vec![want]);

    let n = parse(json!({"noise": {"sigma": 0.5}})).unwrap();
    assert_eq!(
        n.noise,
        Noise {
            sigma: 0.5,
            seed: 0
        }
    );
    let e = parse(json!({"optimizers": []})).unwrap();
    assert!(e.optimizers.is_empty());
    let v = parse(json!({"view": null})).unwrap();
    assert_eq!(v.view, None);
}

#[test]
fn landscape_parameters_parse() {
    let q = parse(json!({"landscape": {"kind": "quadratic", "a": 1, "b": 0.5, "rotation": 30}}))
        .unwrap();
    assert_eq!(
        q.landscape,
        Landscape::Quadratic(Quadratic {
            a: 1.0,
            b: 0.5,
            rotation: 30.0
        })
    );
    let r = parse(json!({"landscape": {"kind": "rosenbrock", "a": -1, "b": 10}})).unwrap();
    assert_eq!(
        r.landscape,
        Landscape::Rosenbrock(Rosenbrock { a: -1.0, b: 10.0 })
    );
    let r = parse(json!({"landscape": {"kind": "rastrigin", "a": 3}})).unwrap();
    assert_eq!(r.landscape, Landscape::Rastrigin(Rastrigin { a: 3.0 }));
    for k in ["himmelblau", "beale", "saddle"] {
        let s = parse(json!({"landscape": {"kind": k}})).unwrap();
        assert_eq!(s.landscape.kind(), k);
        assert_eq!(s.start, s.landscape.default_start());
    }
    let v = parse(json!({"view": {"x": [-1, 2], "y": [0, 0.5]}})).unwrap();
    assert_eq!(v.view, Some(View::new([-1.0, 2.0], [0.0, 0.5])));
    assert_eq!(v.view(), View::new([-1.0, 2.0], [0.0, 0.5]));
}

#[test]
fn limits_are_inclusive() {
    assert_eq!(parse(json!({"steps": 100000})).unwrap().steps, 100_000);
    assert_eq!(parse(json!({"steps": 0})).unwrap().steps, 0);
    assert_eq!(
        parse(json!({"start": [1e12, -1e12]})).unwrap().start,
        [1e12, -1e12]
    );
    assert_eq!(
        parse(json!({"noise": {"seed": 9007199254740991u64}}))
            .unwrap()
            .noise
            .seed,
        9007199254740991
    );
    assert_eq!(
        parse(json!({"noise": {"sigma": 1e6}})).unwrap().noise.sigma,
        1e6
    );
    let sixteen: Vec<Value> = (0..16).map(|_| json!({"kind": "gd"})).collect();
    assert_eq!(
        parse(json!({"optimizers": sixteen}))
            .unwrap()
            .optimizers
            .len(),
        16
    );
    let o = parse(json!({"optimizers": [{"kind": "momentum", "gamma": 0}, {"kind": "adam", "eps": 0, "beta2": 0}]})).unwrap();
    assert_eq!(o.optimizers[0].hyper.gamma, 0.0);
    assert_eq!(
        (o.optimizers[1].hyper.eps, o.optimizers[1].hyper.beta2),
        (0.0, 0.0)
    );
}

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
            vec!["integer", "0..=100000", "100001"],
        ),
        (
            j(json!({"steps": -1})),
            "steps",
            vec!["integer", "0..=100000", "-1"],
        ),
        (
            j(json!({"steps": 1.5})),
            "steps",
            vec!["integer", "0..=100000", "1.5"],
        ),
        (
            j(json!({"steps": "20"})),
            "steps",
            vec!["integer", "0..=100000"],
        ),
        (
            j(json!({"start": [1]})),
            "start",
            vec!["[x, y]", "1 numbers"],
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
            vec!["1e12", "got 1e+300"],
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
            vec!["min < max", "[1, 0]"],
        ),
        (
            j(json!({"view": {"x": [0, 1], "y": [2, 2]}})),
            "view.y",
            vec!["min < max"],
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
            vec!["integer", "9007199254740991"],
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
                "bias_correction" | "nesterov" | "amsgrad" => json!(true),
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
        "",
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
}

// ---------------------------------------------------------------- round trip

fn coef() -> impl Strategy<Value = f64> {
    (any::<bool>(), -6.0..6.0f64)
        .prop_map(|(neg, e)| if neg { -(10f64.powf(e)) } else { 10f64.powf(e) })
}

fn any_landscape() -> impl Strategy<Value = Landscape> {
    prop_oneof![
        (coef(), coef(), prop_oneof![Just(0.0), -360.0..=360.0f64])
            .prop_map(|(a, b, rotation)| Landscape::Quadratic(Quadratic { a, b, rotation })),
        (-1e3..=1e3f64, 0.0..=1e6f64).prop_map(|(a, b)| Landscape::Rosenbrock(Rosenbrock { a, b })),
        Just(Landscape::Himmelblau),
        Just(Landscape::Beale),
        Just(Landscape::Saddle),
        (0.0..=1e3f64).prop_map(|a| Landscape::Rastrigin(Rastrigin { a })),
    ]
}

fn unit() -> impl Strategy<Value = f64> {
    prop_oneof![Just(0.0), 0.0..1.0f64, Just(0.999)]
}

fn nonneg() -> impl Strategy<Value = f64> {
    prop_oneof![Just(0.0), (-12.0..3.0f64).prop_map(|e| 10f64.powf(e))]
}

/// Raw values for every key; a spec takes those its kind uses, on top of the
/// convention's defaults (so unused fields compare equal after parsing).
#[derive(Debug, Clone)]
struct RawOpt {
    kind: usize,
    lr: f64,
    gamma: f64,
    beta1: f64,
    beta2: f64,
    eps: f64,
    lambda: f64,
    momentum_decay: f64,
    flags: (bool, bool, bool),
}

fn raw_opt() -> impl Strategy<Value = RawOpt> {
    (
        0..ALL_KINDS.len(),
        (-6.0..3.0f64).prop_map(|e| 10f64.powf(e)),
        (unit(), unit(), unit()),
        (nonneg(), nonneg(), nonneg()),
        (any::<bool>(), any::<bool>(), any::<bool>()),
    )
        .prop_map(
            |(kind, lr, (gamma, beta1, beta2), (eps, lambda, momentum_decay), flags)| RawOpt {
                kind,
                lr,
                gamma,
                beta1,
                beta2,
                eps,
                lambda,
                momentum_decay,
                flags,
            },
        )
}

fn make_spec(r: &RawOpt, conv: Convention) -> OptSpec {
    let kind = ALL_KINDS[r.kind];
    let mut s = OptSpec::new(kind, conv);
    let h: &mut Hyper = &mut s.hyper;
    for key in uses(kind) {
        match *key {
            "lr" => h.lr = r.lr,
            "gamma" => h.gamma = r.gamma,
            "beta1" => h.beta1 = r.beta1,
            "beta2" => h.beta2 = r.beta2,
            "eps" => h.eps = r.eps,
            "lambda" => h.lambda = r.lambda,
            "momentum_decay" => h.momentum_decay = r.momentum_decay,
            "bias_correction" => h.bias_correction = r.flags.0,
            "nesterov" => h.nesterov = r.flags.1,
            "amsgrad" => h.amsgrad = r.flags.2,
            _ => unreachable!(),
        }
    }
    s
}

fn any_view() -> impl Strategy<Value = Option<View>> {
    prop_oneof![
        Just(None),
        (-1e6..1e6f64, (-3.0..6.0f64), -1e6..1e6f64, (-3.0..6.0f64)).prop_map(
            |(x0, wx, y0, wy)| Some(View::new(
                [x0, x0 + 10f64.powf(wx)],
                [y0, y0 + 10f64.powf(wy)]
            ))
        ),
    ]
}

fn any_scene() -> impl Strategy<Value = Scene> {
    (
        any_landscape(),
        (-1e12..=1e12f64, -1e12..=1e12f64),
        0usize..=100_000,
        prop_oneof![Just(Convention::D2l), Just(Convention::Pytorch)],
        (
            prop_oneof![Just(0.0), 0.0..=1e6f64],
            0u64..=(1u64 << 53) - 1,
        ),
        any_view(),
        prop::collection::vec(raw_opt(), 0..=16),
    )
        .prop_map(
            |(landscape, (x, y), steps, convention, (sigma, seed), view, raws)| Scene {
                landscape,
                start: [x, y],
                steps,
                convention,
                noise: Noise { sigma, seed },
                view,
                optimizers: raws.iter().map(|r| make_spec(r, convention)).collect(),
            },
        )
}

/// Rounds a float to a few significant digits, the kind a person types.
fn typed(v: f64) -> f64 {
    if v == 0.0 {
        return 0.0;
    }
    format!("{v:.3e}").parse().unwrap()
}

fn typed_scene(s: &Scene) -> Scene {
    let mut s = s.clone();
    s.start = [typed(s.start[0]), typed(s.start[1])];
    s.noise.sigma = typed(s.noise.sigma);
    s.landscape = match s.landscape {
        Landscape::Quadratic(q) => Landscape::Quadratic(Quadratic {
            a: typed(q.a),
            b: typed(q.b),
            rotation: typed(q.rotation),
        }),
        Landscape::Rosenbrock(r) => Landscape::Rosenbrock(Rosenbrock {
            a: typed(r.a),
            b: typed(r.b),
        }),
        Landscape::Rastrigin(r) => Landscape::Rastrigin(Rastrigin { a: typed(r.a) }),
        other => other,
    };
    s.view = s.view.map(|v| {
        let (x0, y0) = (typed(v.x0), typed(v.y0));
        View::new(
            [x0, x0 + typed(v.width()).max(1e-3)],
            [y0, y0 + typed(v.height()).max(1e-3)],
        )
    });
    for o in &mut s.optimizers {
        let h = &mut o.hyper;
        for f in [
            &mut h.lr,
            &mut h.gamma,
            &mut h.beta1,
            &mut h.beta2,
            &mut h.eps,
            &mut h.lambda,
            &mut h.momentum_decay,
        ] {
            *f = typed(*f).min(if *f < 1.0 { 0.999 } else { f64::MAX });
        }
    }
    s
}

proptest! {
    #![proptest_config(config())]

    /// Scenes as people write them (a few significant digits) survive
    /// to_json → from_json unchanged.
    #[test]
    fn round_trip_typed_scenes(s in any_scene()) {
        let s = typed_scene(&s);
        let text = s.to_json();
        let back = Scene::from_json(&text);
        prop_assert!(back.is_ok(), "{:?}\n{}", back.err(), text);
        prop_assert_eq!(back.unwrap(), s);
    }

    /// to_json writes only the keys each optimizer kind uses, and always
    /// every top-level key the scene needs to be reproduced.
    #[test]
    fn to_json_writes_only_used_keys(s in any_scene()) {
        let v = s.to_value();
        let top: BTreeSet<&str> = v.as_object().unwrap().keys().map(|k| k.as_str()).collect();
        let mut want: BTreeSet<&str> =
            ["version", "landscape", "start", "steps", "convention", "noise", "optimizers"].into_iter().collect();
        if s.view.is_some() {
            want.insert("view");
        }
        prop_assert_eq!(top, want);
        prop_assert_eq!(&v["version"], &json!(1));
        for (o, spec) in v["optimizers"].as_array().unwrap().iter().zip(&s.optimizers) {
            let keys: BTreeSet<&str> = o.as_object().unwrap().keys().map(|k| k.as_str()).collect();
            let mut want: BTreeSet<&str> = uses(spec.kind).iter().copied().collect();
            want.insert("kind");
            prop_assert_eq!(keys, want, "{:?}", spec.kind);
            prop_assert_eq!(&o["kind"], &json!(spec.kind.name()));
            prop_assert_eq!(o["lr"].as_f64(), Some(spec.hyper.lr));
        }
        prop_assert_eq!(v["optimizers"].as_array().unwrap().len(), s.optimizers.len());
    }
}

proptest! {
    #![proptest_config(config())]

    /// Any valid scene, with arbitrary doubles, survives to_json → from_json
    /// bit for bit (a shared link must reproduce the picture exactly).
    #[test]
    fn round_trip_any_scene(s in any_scene()) {
        let text = s.to_json();
        let back = Scene::from_json(&text);
        prop_assert!(back.is_ok(), "{:?}\n{}", back.err(), text);
        prop_assert_eq!(back.unwrap(), s);
    }
}

#[test]
fn default_scene_round_trips_and_writes_every_key() {
    let s = Scene::default();
    let v = s.to_value();
    assert_eq!(
        v["landscape"],
        json!({"kind": "quadratic", "a": 0.1, "b": 2.0})
    );
    assert_eq!(v["start"], json!([-5.0, -2.0]));
    assert_eq!(v["steps"], json!(20));
    assert_eq!(v["convention"], json!("d2l"));
    assert_eq!(v["noise"], json!({"sigma": 0.0, "seed": 0}));
    assert!(v.get("view").is_none());
    assert_eq!(v["optimizers"][0], json!({"kind": "gd", "lr": 0.4}));
    assert_eq!(
        v["optimizers"][1],
        json!({"kind": "momentum", "lr": 0.4, "gamma": 0.5, "nesterov": false})
    );
    assert_eq!(Scene::from_json(&s.to_json()).unwrap(), s);
    // Rotation is written only when the bowl is rotated.
    let mut r = s.clone();
    r.landscape = Landscape::Quadratic(Quadratic {
        a: 0.1,
        b: 2.0,
        rotation: 30.0,
    });
    assert_eq!(r.to_value()["landscape"]["rotation"], json!(30.0));
    assert_eq!(Scene::from_json(&r.to_json()).unwrap(), r);
}

#[test]
fn example_scenes_parse_and_run() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/scenes");
    let mut n = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("json") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let s = Scene::from_json(&text).unwrap_or_else(|e| panic!("{}: {e:?}", path.display()));
        assert!(!s.optimizers.is_empty(), "{}", path.display());
        let runs = simulate(&s).unwrap();
        assert_eq!(runs.len(), s.optimizers.len());
        // Re-written and re-read, the scene is the same.
        assert_eq!(
            Scene::from_json(&s.to_json()).unwrap(),
            s,
            "{}",
            path.display()
        );
        n += 1;
    }
    assert!(n >= 8, "only {n} example scenes");
}

// ------------------------------------------------------------------- outputs

fn scene_json(v: Value) -> Scene {
    parse(v).unwrap()
}

#[test]
fn simulation_json_has_the_documented_shape() {
    let s = scene_json(json!({"optimizers": [{"kind": "gd", "lr": 0.6}, {"kind": "adam"}]}));
    let runs = simulate(&s).unwrap();
    let v = simulation_value(&runs, false);
    assert_eq!(v["version"], json!(1));
    let r = v["runs"].as_array().unwrap();
    assert_eq!(r.len(), 2);
    assert_eq!(r[0]["kind"], json!("gd"));
    assert_eq!(r[1]["kind"], json!("adam"));
    assert_eq!(r[0]["label"], json!("GD η=0.6"));
    let pts = r[0]["points"].as_array().unwrap();
    assert_eq!(pts.len(), 21);
    assert_eq!(pts[0], json!([-5.0, -2.0]));
    let y20 = pts[20][1].as_f64().unwrap();
    assert!((y20 + 1673.37).abs() < 0.01, "{y20}");
    assert_eq!(r[0]["loss"].as_array().unwrap().len(), 21);
    assert_eq!(r[0]["stop"], json!({"reason": "completed"}));
    assert!(r[0].get("state").is_none());
    // Numbers are written in shortest round-trip form (what Rust's own
    // parser reads back exactly).
    let text = serde_json::to_string(&v).unwrap();
    for p in &runs[0].points {
        let written = format!("[{},{}]", Value::from(p[0]), Value::from(p[1]));
        assert!(text.contains(&written), "{written}");
        let inner = written.trim_matches(|c| c == '[' || c == ']');
        let (x, y) = inner.split_once(',').unwrap();
        assert_eq!([x.parse::<f64>().unwrap(), y.parse::<f64>().unwrap()], *p);
    }

    // With state: one entry per step with grad, lr_eff and the named vectors.
    let v = simulation_value(&runs, true);
    let st = v["runs"][1]["state"].as_array().unwrap();
    assert_eq!(st.len(), 20);
    assert_eq!(st[0]["grad"], json!([-1.0, -8.0]));
    for key in ["lr_eff", "m", "v", "m̂", "v̂"] {
        assert!(st[0].get(key).is_some(), "state lacks {key}: {}", st[0]);
    }
    assert_eq!(v["runs"][0]["state"][0]["lr_eff"], json!([0.6, 0.6]));
}

#[test]
fn diverged_runs_report_the_step() {
    let s = scene_json(json!({
        "landscape": {"kind": "rosenbrock"}, "start": [-1.5, 2], "steps": 100,
        "optimizers": [{"kind": "gd", "lr": 0.01}]
    }));
    let runs = simulate(&s).unwrap();
    let Stop::Diverged { step } = runs[0].stop else {
        panic!("{:?}", runs[0].stop)
    };
    let v = simulation_value(&runs, false);
    assert_eq!(
        v["runs"][0]["stop"],
        json!({"reason": "diverged", "step": step})
    );
    assert_eq!(v["runs"][0]["points"].as_array().unwrap().len(), step);
    let csv = simulation_csv(&runs);
    assert_eq!(csv.lines().count(), 1 + step);
}

#[test]
fn csv_has_one_row_per_point_and_tags_repeated_kinds() {
    let s = scene_json(json!({"steps": 3, "optimizers": [
        {"kind": "gd", "lr": 0.4}, {"kind": "momentum"}, {"kind": "gd", "lr": 0.1}]}));
    let runs = simulate(&s).unwrap();
    let csv = simulation_csv(&runs);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "optimizer,step,x,y,loss");
    assert_eq!(lines.len(), 1 + 3 * 4);
    assert!(csv.ends_with('\n'));
    assert!(lines[1].starts_with("gd#1,0,-5"), "{}", lines[1]);
    assert!(lines[5].starts_with("momentum,0,"), "{}", lines[5]);
    assert!(lines[9].starts_with("gd#3,0,"), "{}", lines[9]);
    // Shortest round-trip numbers: every field parses back to the trajectory.
    for (k, line) in lines[1..].iter().enumerate() {
        let cols: Vec<&str> = line.split(',').collect();
        assert_eq!(cols.len(), 5);
        let (run, step) = (k / 4, k % 4);
        assert_eq!(cols[1].parse::<usize>().unwrap(), step);
        assert_eq!(cols[2].parse::<f64>().unwrap(), runs[run].points[step][0]);
        assert_eq!(cols[3].parse::<f64>().unwrap(), runs[run].points[step][1]);
        assert_eq!(cols[4].parse::<f64>().unwrap(), runs[run].loss[step]);
    }
    // A kind that appears once keeps its plain name.
    assert!(!csv.contains("momentum#"));
}

#[test]
fn svg_figure_draws_every_run_with_a_legend() {
    let s = scene_json(json!({"optimizers": [
        {"kind": "gd", "lr": 0.4}, {"kind": "momentum", "lr": 0.4, "gamma": 0.5}, {"kind": "adam_l2", "lambda": 0.1}]}));
    let runs = simulate(&s).unwrap();
    let svg = render(
        &s,
        &runs,
        &SvgOptions {
            width: 640,
            height: 480,
            ..SvgOptions::default()
        },
    );
    assert!(svg.starts_with("<svg"));
    assert!(svg.trim_end().ends_with("</svg>"));
    assert!(svg.contains(r#"width="640""#) && svg.contains(r#"height="480""#));
    assert_eq!(svg.matches(r#"<g class="run""#).count(), 3);
    for kind in ["gd", "momentum", "adam_l2"] {
        assert!(svg.contains(&format!(r#"data-kind="{kind}""#)), "{kind}");
    }
    // Legend: one caption per run, labels escaped as XML.
    let legend = &svg[svg.find(r#"<g class="legend""#).expect("a legend")..];
    assert!(legend.contains("GD η=0.4"));
    assert!(legend.contains("Momentum η=0.4 γ=0.5"));
    assert!(legend.contains("Adam+L2"));
    assert_eq!(legend.matches("<text").count(), 3);
    // Each run's trail is drawn in its own colour, once.
    for col in ["#E69F00", "#56B4E9", "#009E73"] {
        assert_eq!(
            svg.matches(&format!(r#"fill="none" stroke="{col}""#))
                .count(),
            1,
            "{col}"
        );
    }
    // Only the scene's own numbers; no NaN leaks into the drawing.
    assert!(!svg.contains("NaN") && !svg.contains("inf"));
    // The title names the surface and the convention.
    assert!(svg.contains("d2l convention"));
    assert!(svg.contains("20 steps"));
}

#[test]
fn svg_marks_divergence_and_survives_far_points() {
    let s = scene_json(json!({
        "landscape": {"kind": "rosenbrock"}, "start": [-1.5, 2], "steps": 100,
        "optimizers": [{"kind": "gd", "lr": 0.01}, {"kind": "adam", "lr": 0.05}]
    }));
    let runs = simulate(&s).unwrap();
    let svg = render(&s, &runs, &SvgOptions::default());
    assert!(svg.contains("diverged at step"));
    assert!(!svg.contains("NaN") && !svg.contains("inf"));
    // Coordinates are clamped: no number in the drawing is astronomically large.
    let mut coords = 0;
    for attr in [
        " d=\"", " cx=\"", " cy=\"", " x=\"", " y=\"", " x1=\"", " y2=\"",
    ] {
        for (at, _) in svg.match_indices(attr) {
            let rest = &svg[at + attr.len()..];
            let value = &rest[..rest.find('"').unwrap()];
            for tok in value.split(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-')) {
                if let Ok(v) = tok.parse::<f64>() {
                    assert!(v.is_finite() && v.abs() <= 1e5 + 20.0, "{attr}{value}");
                    coords += 1;
                }
            }
        }
    }
    assert!(coords > 100);
    // No runs: a figure of the surface alone, no legend.
    let svg = render(&s, &[], &SvgOptions::default());
    assert!(svg.contains("<svg") && !svg.contains("class=\"legend\""));
}

/// The same bug, one fixed input: the value written by `to_json` (shortest
/// round-trip form) must read back as the same double.
#[test]

fn scene_numbers_read_back_exactly() {
    let eps: f64 = "1.1239618971018955e-12".parse().unwrap();
    let text = r#"{"optimizers": [{"kind": "adagrad", "eps": 1.1239618971018955e-12}], "start": [21.082700799999998, -2]}"#;
    let s = Scene::from_json(text).unwrap();
    assert_eq!(
        s.optimizers[0].hyper.eps.to_bits(),
        eps.to_bits(),
        "{:e}",
        s.optimizers[0].hyper.eps
    );
    assert_eq!(s.start[0], 21.082700799999998);
    let mut d = Scene::default();
    d.optimizers[0].hyper.lr = eps;
    assert_eq!(Scene::from_json(&d.to_json()).unwrap(), d);
}
