//! What a link writes, and that it reads back as the same scene.

use super::*;

#[test]
fn the_default_scene_round_trips_and_reads_well() {
    let s = Scene::default();
    let q = to_query(&s, Some(20));
    assert_eq!(
        q,
        "f=quadratic&a=0.1&b=2&start=-5,-2&steps=20&conv=d2l&opt=gd:lr=0.4;momentum:lr=0.4&t=20"
    );
    let (back, t, notes) = from_query(&q);
    assert_eq!(back, s);
    assert_eq!(t, Some(20));
    assert!(notes.is_empty(), "{notes:?}");
}

/// A link writes η and what differs from the convention's defaults
/// (it wrote `nesterov=false`, `beta1=0.9,beta2=0.999,eps=1e-8`, … on
/// every link: a user's trial); the reader puts the defaults back.
/// `tests/scene_round_trip.rs` checks the round trip of any mix.
#[test]
fn a_link_leaves_out_what_is_at_its_default() {
    use crate::optim::{OptKind, OptSpec, ALL_KINDS};
    for convention in [crate::Convention::D2l, crate::Convention::Pytorch] {
        for kind in ALL_KINDS {
            let spec = OptSpec::new(kind, convention);
            let s = Scene {
                convention,
                optimizers: vec![spec],
                ..Scene::default()
            };
            let q = to_query(&s, None);
            let want = format!("&opt={}:lr={}", kind.name(), spec.hyper.lr);
            assert!(q.ends_with(&want), "{q}");
            assert_eq!(from_query(&q).0, s, "{q}");
        }
    }
    let mut s = Scene::default();
    s.optimizers[1].hyper.nesterov = true;
    let mut adam = OptSpec::new(OptKind::Adam, s.convention);
    adam.hyper.beta2 = 0.99;
    s.optimizers.push(adam);
    let q = to_query(&s, None);
    assert!(
        q.ends_with("&opt=gd:lr=0.4;momentum:lr=0.4,nesterov=true;adam:lr=0.1,beta2=0.99"),
        "{q}"
    );
    assert_eq!(from_query(&q).0, s, "{q}");
}

#[test]
fn new_keys_round_trip_with_pairs_as_a_tilde_b() {
    use crate::optim::{OptKind, OptSpec};
    let mut s = Scene {
        convention: crate::Convention::Pytorch,
        ..Scene::default()
    };
    let mut rprop = OptSpec::new(OptKind::Rprop, s.convention);
    rprop.hyper.etas = [0.25, 1.5];
    rprop.hyper.step_sizes = [1e-7, 0.5];
    let mut rms = OptSpec::new(OptKind::Rmsprop, s.convention);
    rms.hyper.centered = true;
    rms.hyper.momentum = 0.5;
    let mut radam = OptSpec::new(OptKind::Radam, s.convention);
    radam.hyper.decoupled = true;
    radam.hyper.lambda = 0.1;
    s.optimizers = vec![rprop, rms, radam];
    let q = to_query(&s, None);
    assert!(
        q.contains("opt=rprop:lr=0.01,etas=0.25~1.5,step_sizes=1e-7~0.5;"),
        "{q}"
    );
    assert!(
        q.contains("rmsprop:lr=0.01,momentum=0.5,centered=true;"),
        "{q}"
    );
    assert!(
        q.contains("radam:lr=0.001,lambda=0.1,decoupled=true"),
        "{q}"
    );
    let (back, _, notes) = from_query(&q);
    assert!(notes.is_empty(), "{notes:?}");
    assert_eq!(back, s);
    // A hand-typed pair that torch refuses is dropped with a notice
    // naming it; the rest of the optimizer stays.
    let (s2, _, notes) = from_query("conv=pytorch&opt=rprop:lr=0.1,etas=1.2~0.5");
    assert_eq!(s2.optimizers[0].hyper.lr, 0.1);
    assert_eq!(s2.optimizers[0].hyper.etas, [0.5, 1.2]);
    assert!(format!("{notes:?}").contains("etas"), "{notes:?}");
}

#[test]
fn every_optimizer_and_flag_round_trips() {
    let s = Scene::from_json(
        r#"{"landscape":{"kind":"quadratic","a":0.5,"b":3,"rotation":30},"convention":"pytorch","noise":{"sigma":0.25,"seed":9},
           "view":{"x":[-2,2],"y":[-1,1]},
           "optimizers":[{"kind":"adam","bias_correction":false,"amsgrad":true,"eps":1e-8},{"kind":"momentum","nesterov":true},
                         {"kind":"nadam","momentum_decay":0.01},{"kind":"adadelta","gamma":0.95},{"kind":"adamw","lambda":0.1}]}"#,
    )
    .unwrap();
    let (back, _, notes) = from_query(&to_query(&s, None));
    assert!(notes.is_empty(), "{notes:?}");
    assert_eq!(back, s);
}

/// Found by the url_query fuzzer: a seed with σ = 0 was dropped from the
/// link, so the link did not say what the page showed.
#[test]
fn a_seed_without_noise_survives_the_link() {
    let s = Scene::from_json(r#"{"noise":{"sigma":0,"seed":3}}"#).unwrap();
    let q = to_query(&s, None);
    assert!(q.contains("seed=3"), "{q}");
    assert_eq!(from_query(&q).0, s);
}

#[test]
fn formulas_travel_in_the_link() {
    let s = Scene::from_json(
        r#"{"landscape":{"kind":"expr","expr":"sin(x)*cos(y) + 0.05*(x^2+y^2) % 1"}}"#,
    );
    assert!(s.is_err(), "'%' is not in the language");
    let s = Scene::from_json(
        r#"{"landscape":{"kind":"expr","expr":"sin(x)*cos(y) + 0.05*(x^2 + y^2)"}}"#,
    )
    .unwrap();
    let q = to_query(&s, None);
    assert!(
        q.starts_with("f=expr&expr=sin(x)*cos(y)%20%2B%200.05*(x^2%20%2B%20y^2)&"),
        "{q}"
    );
    let (back, _, notes) = from_query(&q);
    assert!(notes.is_empty(), "{notes:?}");
    assert_eq!(back, s);
}

/// Found by the scene_json and url_query fuzzers: huge numbers were
/// written as `1.6666666666666666e+41`, and the `+` read back as a space.
#[test]
fn huge_and_tiny_numbers_survive_the_link() {
    let s = Scene::from_json(
        r#"{"start":[1.5e11,-2.5e-300],"view":{"x":[-1e11,1.5e11],"y":[-3e-7,2e-7]},
           "optimizers":[{"kind":"gd","lr":1.6666666666666666e41},{"kind":"adamw","eps":1e-300,"lambda":1.5e20}]}"#,
    )
    .unwrap();
    let q = to_query(&s, None);
    assert!(!q.contains('+'), "{q}");
    let (back, _, notes) = from_query(&q);
    assert!(notes.is_empty(), "{notes:?}");
    assert_eq!(back, s);
    // Typed by hand with a '+' in the exponent.
    let (s, _, notes) = from_query("opt=gd:lr=1e+3");
    assert!(notes.is_empty(), "{notes:?}");
    assert_eq!(s.optimizers[0].hyper.lr, 1000.0);
}

/// "Fit trails" (and zoom, pan) leave views with all of f64's digits; the
/// link writes each edge with the fewest digits that move it outward by
/// at most [`VIEW_PRECISION`] of its span (a user's trial: a link with
/// `view=-5.390123464,0.26666676399999956,…`). Old links' 17 digits
/// read as before.
#[test]
fn a_fitted_view_is_written_short_and_holds_the_exact_one() {
    use crate::landscape::View;
    let digits = |n: &str| {
        let m = n.trim_start_matches('-').split('e').next().unwrap_or("");
        m.replace('.', "").trim_start_matches('0').len() as f64
    };
    let pts = [[-5.0, -2.0], [-0.1234567, 1.7320508075688772], [-4.4, 0.3]];
    let fitted = crate::geometry::fit(pts).unwrap();
    // Zoomed far in, away from 0: more digits are needed, and written.
    let narrow = View::new(
        [1234.567890123, 1234.567990123],
        [-1.2345678e-3, 8.7654321e-3],
    );
    for v in [fitted, narrow] {
        let s = Scene {
            view: Some(v),
            ..Scene::default()
        };
        let q = to_query(&s, None);
        let (back, _, notes) = from_query(&q);
        assert!(notes.is_empty(), "{notes:?}");
        let w = back.view.unwrap();
        let (tx, ty) = (v.width() * VIEW_PRECISION, v.height() * VIEW_PRECISION);
        let written = q.split('&').find_map(|p| p.strip_prefix("view=")).unwrap();
        let edges = [
            (w.x0, v.x0, -tx),
            (w.x1, v.x1, tx),
            (w.y0, v.y0, -ty),
            (w.y1, v.y1, ty),
        ];
        for ((got, exact, reach), text) in edges.into_iter().zip(written.split(',')) {
            // Outward, by at most the precision.
            assert!(
                (0.0..=1.0).contains(&((got - exact) / reach)),
                "{q}: {got} from {exact}"
            );
            // No more digits than the precision asks for (one more than
            // the nearest decimal may need, for going outward).
            let needed = (exact.abs().max(reach.abs()) / reach.abs()).log10().ceil() + 1.0;
            assert!(digits(text) <= needed, "{q}: {text} for {exact}");
        }
        // An old link with every digit reads the exact view.
        let old = format!("view={},{},{},{}", v.x0, v.x1, v.y0, v.y1);
        assert_eq!(from_query(&old).0.view, Some(v));
    }
    let q = to_query(
        &Scene {
            view: Some(fitted),
            ..Scene::default()
        },
        None,
    );
    assert!(
        q.contains("&view=-5.71365,0.2334,-2.66843,2.9018&"),
        "{fitted:?}: {q}"
    );
}
