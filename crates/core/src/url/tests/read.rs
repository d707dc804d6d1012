//! Reading a link: values dropped or taken as meant, each said.

use super::*;

/// An empty `opt=` (a cleared value, a cut link) opened a page without
/// runs and without a word (a user's trial): it is dropped like any empty
/// value, the default optimizers shown, and said. The surface alone is
/// `opt=none`, which the page writes for a scene without optimizers.
#[test]
fn a_lesson_link_s_scene_keys_change_the_lesson_s_scene() {
    let (base, _) = crate::lesson::lesson(8).unwrap().opening();
    let over = |q: &str| from_query_over(q, Some(&base));
    // A key given replaces the lesson's; the rest is the lesson's.
    let (s, _, notes) = over("lesson=8&steps=50");
    assert!(notes.is_empty(), "{notes:?}");
    assert_eq!(s.steps, 50);
    assert_eq!(
        (s.landscape.clone(), s.optimizers.clone(), s.view),
        (base.landscape.clone(), base.optimizers.clone(), base.view)
    );
    // A bad value is dropped, said, and the lesson's comes back.
    for q in [
        "lesson=8&steps=abc",
        "lesson=8&steps=-3",
        "lesson=8&start=1",
        "lesson=8&f=bogus",
    ] {
        let (s, _, notes) = over(q);
        assert_eq!(notes.len(), 1, "{q}: {notes:?}");
        assert_eq!(s, base, "{q}");
    }
    // A bad optimizer's value: that value only.
    let (s, _, notes) = over("lesson=8&opt=adam:lr=-1");
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert_eq!(s.optimizers.len(), 1);
    assert_eq!(s.optimizers[0].kind, crate::OptKind::Adam);
    assert_eq!(s.steps, base.steps);
    // A whole scene written by the page is that scene, lesson or not.
    let mut edited = base.clone();
    edited.steps = 7;
    edited.start = [1.0, 2.0];
    let q = to_query(&edited, None);
    assert_eq!(over(&q).0, from_query(&q).0);
    assert_eq!(over(&q).0, edited);
}

#[test]
fn a_surface_parameter_alone_changes_the_surface_it_would_be() {
    let (s, _, notes) = from_query("a=0.5");
    assert!(notes.is_empty(), "{notes:?}");
    match &s.landscape {
        crate::Landscape::Quadratic(q) => assert_eq!((q.a, q.b, q.rotation), (0.5, 2.0, 0.0)),
        l => panic!("{l:?}"),
    }
    // Out of range: the notice names a, not f.
    let (s, _, notes) = from_query("a=1e7");
    assert_eq!(notes.len(), 1);
    match &notes[0] {
        Notice::Dropped(e) => assert_eq!(e.field, "landscape.a"),
        n => panic!("{n:?}"),
    }
    assert_eq!(s.landscape, Scene::default().landscape);
    // Over a lesson: its surface (lesson 9's formula has no a).
    let (base, _) = crate::lesson::lesson(9).unwrap().opening();
    let (s, _, notes) = from_query_over("lesson=9&a=0.5", Some(&base));
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert_eq!(s, base);
}

#[test]
fn a_repeated_key_is_said_once_and_the_last_is_used() {
    let (s, t, notes) = from_query("steps=5&steps=30&steps=40&opt=gd:lr=0.1&opt=adam&t=3&t=4");
    assert_eq!((s.steps, t), (40, Some(4)));
    assert_eq!(s.optimizers.len(), 1);
    assert_eq!(s.optimizers[0].kind, crate::OptKind::Adam);
    let keys: Vec<&str> = notes
        .iter()
        .map(|n| match n {
            Notice::Repeated { key } => key.as_str(),
            n => panic!("{n:?}"),
        })
        .collect();
    assert_eq!(keys, ["steps", "opt", "t"]);
    let (_, _, notes) = from_query("steps=5&quiz=predict(at=2)&quiz=which(at=3)");
    assert!(
        matches!(&notes[..], [Notice::Repeated { key }] if key == "quiz"),
        "{notes:?}"
    );
    assert_eq!(
        quiz::in_query("quiz=predict(at=2)&quiz=which(at=3)").as_deref(),
        Some("which(at=3)")
    );
    assert_eq!(quiz::in_query("steps=5&quiz").as_deref(), Some(""));
    assert_eq!(quiz::in_query("steps=5"), None);
    // The page's own keys are read elsewhere; a scene key once is no notice.
    assert!(from_query("steps=5&f=bowl")
        .2
        .iter()
        .all(|n| !matches!(n, Notice::Repeated { .. })));
}

#[test]
fn a_whole_number_written_with_a_point_is_a_whole_number() {
    let s = Scene::from_json(
        r#"{"version": 1, "landscape": {"kind": "quadratic"}, "start": [-5, -2], "steps": 20.0,
            "noise": {"sigma": 0.1, "seed": 7.0},
            "optimizers": [{"kind": "lbfgs", "history_size": 5.0},
                           {"kind": "gd", "lr": 0.1, "schedule": {"kind": "step", "step_size": 5.0}}]}"#,
    )
    .unwrap();
    assert_eq!(s.steps, 20);
    assert_eq!(s.noise.seed, 7);
    for bad in ["20.5", "-1.0", "1e300"] {
        let text =
            format!(r#"{{"version": 1, "landscape": {{"kind": "quadratic"}}, "steps": {bad}}}"#);
        assert!(Scene::from_json(&text).is_err(), "{bad}");
    }
    let (s, _, notes) = from_query("steps=20.0&opt=gd");
    assert!(notes.is_empty(), "{notes:?}");
    assert_eq!(s.steps, 20);
}

#[test]
fn names_in_a_link_are_read_whatever_their_case() {
    let (s, _, notes) = from_query("f=Rosenbrock&conv=PyTorch&opt=Adam:lr=0.05");
    assert!(notes.is_empty(), "{notes:?}");
    assert_eq!(s.landscape.kind(), "rosenbrock");
    assert_eq!(s.convention, crate::Convention::Pytorch);
    assert_eq!(s.optimizers[0].kind, crate::OptKind::Adam);
    let (s, _, _) = from_query("f=%20BEALE%20&conv=D2L");
    assert_eq!(s.landscape.kind(), "beale");
    assert_eq!(s.convention, crate::Convention::D2l);
}

#[test]
fn a_link_whose_every_optimizer_is_refused_shows_the_default_ones() {
    // An author's typo: `sgd` is no kind; the figure was left empty.
    let (s, _, notes) = from_query("opt=sgd:lr=0.1&lang=zh");
    assert_eq!(s.optimizers, Scene::default().optimizers);
    assert!(
        matches!(&notes[0], Notice::Dropped(e) if e.field == "optimizers[0].kind"),
        "{notes:?}"
    );
    assert_eq!(
        notes[1],
        Notice::NoOptimizer {
            got: "sgd:lr=0.1".into()
        }
    );
    // One good one left: it alone, no defaults.
    let (s, _, notes) = from_query("opt=sgd;gd:lr=0.3");
    assert_eq!(s.optimizers.len(), 1);
    assert_eq!(s.optimizers[0].hyper.lr, 0.3);
    assert!(!notes
        .iter()
        .any(|n| matches!(n, Notice::NoOptimizer { .. })));
    // Over a lesson: the lesson's optimizers.
    let lesson =
        Scene::from_json(r#"{"optimizers": [{"kind": "adam"}, {"kind": "adamw"}]}"#).unwrap();
    let (s, _, _) = from_query_over("opt=sgd", Some(&lesson));
    assert_eq!(s.optimizers, lesson.optimizers);
}

#[test]
fn an_empty_opt_is_said_and_none_is_the_surface_alone() {
    for (q, got) in [
        ("opt=", ""),
        ("?f=rosenbrock&opt=&steps=9", ""),
        ("opt=;", ";"),
        ("opt=%20", " "),
    ] {
        let (s, _, notes) = from_query(q);
        assert_eq!(s.optimizers, Scene::default().optimizers, "{q}");
        assert_eq!(notes, [Notice::NoOptimizer { got: got.into() }], "{q}");
    }
    let (s, _, _) = from_query("?f=rosenbrock&opt=&steps=9");
    assert_eq!((s.landscape.kind(), s.steps), ("rosenbrock", 9));
    let s = Scene {
        optimizers: Vec::new(),
        ..Scene::default()
    };
    let q = to_query(&s, None);
    assert!(q.ends_with("&opt=none"), "{q}");
    let (back, _, notes) = from_query(&q);
    assert!(notes.is_empty(), "{notes:?}");
    assert_eq!(back, s);
    // `none` beside optimizers is no kind: dropped, the rest kept.
    let (s, _, notes) = from_query("opt=none;gd:lr=0.1");
    assert_eq!(s.optimizers.len(), 1);
    assert_eq!(notes.len(), 1, "{notes:?}");
}

#[test]
fn a_hand_written_link_works() {
    let (s, t, notes) =
        from_query("?f=quadratic&a=0.1&b=2&start=-5,-2&opt=gd:lr=0.4;momentum:lr=0.4,gamma=0.5");
    assert!(notes.is_empty(), "{notes:?}");
    assert_eq!(s, Scene::default());
    assert_eq!(t, None);
}

#[test]
fn optimizers_typed_with_commas_read_as_meant() {
    use crate::OptKind::*;
    let kinds = |q: &str| {
        let (s, _, notes) = from_query(q);
        assert!(notes.is_empty(), "{q}: {notes:?}");
        s.optimizers
            .iter()
            .map(|o| (o.kind, o.hyper.lr))
            .collect::<Vec<_>>()
    };
    let d = Scene::default().optimizers[0].hyper.lr;
    let m = OptSpec::new(Momentum, Convention::D2l).hyper.lr;
    let a = OptSpec::new(Adam, Convention::D2l).hyper.lr;
    assert_eq!(
        kinds("opt=gd,momentum,adam"),
        vec![(Gd, d), (Momentum, m), (Adam, a)]
    );
    assert_eq!(kinds("opt=gd,lr=0.5"), vec![(Gd, 0.5)]);
    assert_eq!(
        kinds("opt=gd, lr=0.5;adam,momentum"),
        vec![(Gd, 0.5), (Adam, a), (Momentum, m)]
    );
    // No reading of its writer's: said, as before.
    for q in ["opt=gd,nope", "opt=nope,gd", "opt=gd,lr=0.5,adam"] {
        let (_, _, notes) = from_query(q);
        assert!(
            format!("{notes:?}").contains("optimizers[0].kind"),
            "{q}: {notes:?}"
        );
    }
}

#[test]
fn bad_values_are_dropped_with_a_notice_naming_them() {
    let (s, t, notes) = from_query(
        "f=rosenbrock&start=1e300,2&steps=999999&opt=adam:lr=-1,beta3=2;nope:lr=1;gd:lr=0.01&t=7&zoom=3&conv=keras",
    );
    let all = format!("{notes:?}");
    for needle in [
        "start",
        "steps",
        "optimizers[0].beta3",
        "optimizers[0].lr",
        "nope",
        "zoom",
        "convention",
    ] {
        assert!(all.contains(needle), "{needle} missing from {all}");
    }
    assert_eq!(s.landscape.kind(), "rosenbrock");
    assert_eq!(s.start, s.landscape.default_start());
    assert_eq!(s.steps, 20);
    assert_eq!(s.optimizers.len(), 2);
    assert_eq!(s.optimizers[1].hyper.lr, 0.01);
    assert_eq!(t, Some(7));
    let (_, t, notes) = from_query("steps=5&t=9");
    assert_eq!(t, Some(5));
    assert_eq!(notes[0], Notice::StepTooLarge { got: 9, steps: 5 });
}

#[test]
fn a_typed_plus_and_a_form_encoded_space_both_read_right() {
    let src = |q: &str| match from_query(q).0.landscape {
        crate::landscape::Landscape::Expr(e) => e.source().to_string(),
        other => panic!("not an expr: {other:?}"),
    };
    // Typed by hand into the address bar: '+' is a plus.
    assert_eq!(src("f=expr&expr=x^2+10*y^2"), "x^2+10*y^2");
    // Written by URLSearchParams: '+' is a space, '%2B' a plus.
    assert_eq!(src("f=expr&expr=x%5E2+%2B+10*y%5E2"), "x^2 + 10*y^2");
    // `expr` alone implies f=expr.
    assert_eq!(src("expr=abs(x)+abs(y)"), "abs(x)+abs(y)");
    // Typed in a CJK input method's full-width keys: the page's link
    // writes their ASCII, which reads back as the same formula.
    let typed = "（x－1）＾2＋３＊y＾2";
    let scene = crate::Scene {
        landscape: crate::landscape::Landscape::Expr(crate::landscape::Expr::parse(typed).unwrap()),
        ..crate::Scene::default()
    };
    let q = to_query(&scene, None);
    assert!(q.contains("expr=(x-1)^2%2B3*y^2&"), "{q}");
    assert_eq!(src(&q), "(x-1)^2+3*y^2");
}

#[test]
fn a_bad_formula_in_a_link_is_named_and_the_default_formula_used() {
    let (s, _, notes) = from_query("f=expr&expr=sin(x");
    assert_eq!(s.landscape.formula(), "f = 0.1·x₁² + 2·x₂²");
    assert_eq!(notes.len(), 1, "{notes:?}");
    match &notes[0] {
        Notice::Dropped(e) => {
            assert_eq!(e.field, "landscape.expr");
            assert!(
                matches!(&e.problem, crate::scene::Problem::Formula(f)
                    if f.column == 6
                        && matches!(f.problem, crate::landscape::ExprProblem::CloseMissing { .. })),
                "{e:?}"
            );
        }
        other => panic!("{other:?}"),
    }
}

/// A bad `view=` of four values loses the view only: the rest of the
/// link stays, and one notice names the view's field and its range
/// (it used to remove half the window, name `view.x` again as
/// required, and fall back to the default scene).
#[test]
fn a_bad_view_drops_the_view_only_with_one_notice() {
    use crate::scene::{Allowed, Problem};
    for (view, field, allowed) in [
        ("5,-5,0,1", "view.x", Allowed::Ordered),
        ("1,1,1,1", "view.x", Allowed::Ordered),
        ("-2,2,1,1", "view.y", Allowed::Ordered),
        (
            "-2,2,-1,abc",
            "view.y[1]",
            Allowed::AbsAtMost {
                name: "x",
                max: 1e12,
            },
        ),
        (
            "-1e300,1e300,-1,3",
            "view.x[0]",
            Allowed::AbsAtMost {
                name: "x",
                max: 1e12,
            },
        ),
        (
            "-2,2,NaN,3",
            "view.y[0]",
            Allowed::AbsAtMost {
                name: "x",
                max: 1e12,
            },
        ),
        (
            ",,,",
            "view.x[0]",
            Allowed::AbsAtMost {
                name: "x",
                max: 1e12,
            },
        ),
    ] {
        for lang in ["", "&lang=zh"] {
            let q = format!("?f=rosenbrock&steps=50&opt=adam:lr=0.05&view={view}&t=9{lang}");
            let (s, t, notes) = from_query(&q);
            assert_eq!(s.landscape.kind(), "rosenbrock", "{q}");
            assert_eq!(s.steps, 50, "{q}");
            assert_eq!(s.optimizers.len(), 1, "{q}");
            assert_eq!(s.optimizers[0].kind, crate::OptKind::Adam, "{q}");
            assert_eq!(s.optimizers[0].hyper.lr, 0.05, "{q}");
            assert_eq!(s.view, None, "{q}: the surface's own view");
            assert_eq!(t, Some(9), "{q}");
            assert_eq!(notes.len(), 1, "{q}: {notes:?}");
            match &notes[0] {
                Notice::Dropped(e) => {
                    assert_eq!(e.field, field, "{q}");
                    assert!(
                        matches!(&e.problem, Problem::MustBe { allowed: a, .. } if *a == allowed),
                        "{q}: {e:?}"
                    );
                }
                other => panic!("{q}: {other:?}"),
            }
        }
    }
    // Three numbers, as before: the view only, one notice.
    let (s, _, notes) = from_query("f=rosenbrock&steps=50&opt=adam:lr=0.05&view=1,2,3");
    assert_eq!(
        (s.landscape.kind(), s.steps, s.view),
        ("rosenbrock", 50, None)
    );
    assert_eq!(
        notes,
        [Notice::BadView {
            got: "1,2,3".into()
        }]
    );
    // A good view is kept.
    let (s, _, notes) = from_query("f=rosenbrock&view=-2,2,-1,3");
    assert!(notes.is_empty(), "{notes:?}");
    assert_eq!(
        s.view,
        Some(crate::landscape::View::new([-2.0, 2.0], [-1.0, 3.0]))
    );
}
