//! Optimizer hyper-parameters: out-of-range values refused with the field and
//! its range, boundary values accepted, each convention's defaults, and the
//! labels that show them.
#![cfg(not(target_arch = "wasm32"))]

use gradscape::optim::{Hyper, HyperError, ALL_KINDS};
use gradscape::{simulate, Convention, Landscape, OptKind, OptSpec};

#[allow(dead_code)]
#[path = "common/optim.rs"]
mod optim;
use optim::*;

/// Sets some hyper-parameters.
type SetHyper = fn(&mut Hyper);

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
            assert_eq!(
                (e2.key, format!("{:?}", e2.value)),
                (e.key, format!("{:?}", e.value))
            );
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

fn label(s: &OptSpec) -> String {
    gradscape::text::optim::opt_label(s, D2L, gradscape::Lang::En)
}
