//! The scene contract, round trip: any valid scene survives `to_json` →
//! `from_json` bit for bit, `to_json` writes only the keys in use, and the
//! example scenes parse and run; and any scene survives its link.
#![cfg(not(target_arch = "wasm32"))]

use gradscape::landscape::{Quadratic, Rastrigin, Rosenbrock};
use gradscape::optim::{Hyper, LineSearch, ALL_KINDS};
use gradscape::scene::Noise;
use gradscape::url;
use gradscape::{simulate, Convention, Landscape, OptSpec, Scene, View};
use proptest::prelude::*;
use serde_json::json;
use std::collections::BTreeSet;

#[allow(dead_code)]
#[path = "common/scene.rs"]
mod scene;
use scene::*;

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 256,
        failure_persistence: None,
        ..ProptestConfig::default()
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
            "dampening" => h.dampening = r.gamma,
            "lr_decay" => h.lr_decay = r.eps,
            "initial_accumulator_value" => h.initial_accumulator_value = r.lambda,
            "momentum" => h.momentum = r.beta1,
            "centered" => h.centered = r.flags.0,
            "decoupled" => h.decoupled = r.flags.2,
            "etas" => h.etas = [0.05 + 0.9 * r.beta1, 1.0 + r.lr],
            "step_sizes" => h.step_sizes = [r.eps, r.eps + r.lambda],
            "history_size" => h.history_size = 1 + (r.momentum_decay * 1e3) as usize % 100,
            "line_search" => {
                h.line_search = if r.flags.1 {
                    LineSearch::StrongWolfe
                } else {
                    LineSearch::None
                }
            }
            _ => unreachable!("{key}"),
        }
    }
    // torch refuses Nesterov with dampening, or without a momentum.
    if h.nesterov {
        h.dampening = 0.0;
        if h.gamma == 0.0 {
            h.gamma = 0.5;
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
            // Every key the kind uses, but torch's extras on the seed's
            // kinds only when switched on.
            let mut want: BTreeSet<&str> = uses(spec.kind)
                .iter()
                .copied()
                .filter(|k| {
                    let key = gradscape::optim::Key::from_name(k).unwrap();
                    !spec.kind.is_extra(key)
                        || key.get(&spec.hyper) != key.get(&spec.kind.defaults(Convention::Pytorch))
                })
                .collect();
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

/// [`any_scene`] with some of each optimizer's keys put back at the
/// convention's defaults (which a link leaves out), where the kind allows
/// the mix.
fn any_scene_with_defaults() -> impl Strategy<Value = Scene> {
    (any_scene(), any::<u64>()).prop_map(|(mut s, mask)| {
        for (i, o) in s.optimizers.iter_mut().enumerate() {
            let d = o.kind.defaults(s.convention);
            let mut mixed = *o;
            for (j, k) in o.kind.keys().iter().enumerate() {
                if mask >> ((i * 7 + j) % 64) & 1 == 1 {
                    k.set(&mut mixed.hyper, k.get(&d));
                }
            }
            if mixed.validate().is_ok() {
                *o = mixed;
            }
        }
        s
    })
}

proptest! {
    #![proptest_config(config())]

    /// scene → link → scene gives the same scene, with no notice, whichever
    /// keys sit at their defaults; its view as the link writes it
    /// (`url::written_view`: short numbers, a hair wider).
    #[test]
    fn any_scene_survives_its_link(s in any_scene_with_defaults()) {
        let q = url::to_query(&s, None);
        let (back, _, notices) = url::from_query(&q);
        prop_assert!(notices.is_empty(), "{}: {:?}", q, notices);
        let want = Scene {
            view: s.view.as_ref().map(url::written_view),
            ..s.clone()
        };
        prop_assert_eq!(back, want, "{}", q);
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

/// Every seed the scene takes survives its link, up to 2^53 − 1 (the link
/// reader once took a whole number from 9e15 on as a float and dropped it).
#[test]
fn the_largest_seeds_survive_their_link() {
    for seed in [
        0,
        42,
        8_999_999_999_999_999,
        9_000_000_000_000_000,
        9_007_199_254_740_991,
    ] {
        let s = Scene {
            noise: Noise { sigma: 0.0, seed },
            ..Scene::default()
        };
        let (back, _, notices) = url::from_query(&url::to_query(&s, None));
        assert!(notices.is_empty(), "{seed}: {notices:?}");
        assert_eq!(back.noise.seed, seed);
    }
    // One more is refused, named.
    let (back, _, notices) = url::from_query("seed=9007199254740992");
    assert_eq!(back.noise.seed, Scene::default().noise.seed);
    assert_eq!(notices.len(), 1);
}
