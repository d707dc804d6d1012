//! The scene contract, defaults: an empty object is the seed's scene, omitted
//! keys take the landscape's and convention's defaults, parameters parse and
//! limits are inclusive.
#![cfg(not(target_arch = "wasm32"))]

use gradscape::landscape::{Quadratic, Rastrigin, Rosenbrock};
use gradscape::scene::Noise;
use gradscape::{Convention, Landscape, OptKind, OptSpec, Scene, View};
use serde_json::{json, Value};

#[allow(dead_code)]
#[path = "common/scene.rs"]
mod scene;
use scene::*;

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
