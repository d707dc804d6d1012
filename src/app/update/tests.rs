//! For each message: the model's change and the redraw reported.

use super::*;
use crate::app::Canvas;
use crate::optim::{FlagKey, OptKind};
use gradscape_text::Lang;

fn model() -> Model {
    let mut m = Model::new(Scene::default(), 20, Lang::En);
    m.canvas = Canvas { w: 400.0, h: 400.0 };
    m
}

fn hyper(i: usize, key: HyperKey, v: f64, slider: bool) -> Msg {
    Msg::SetHyper { i, key, v, slider }
}

#[test]
fn set_hyper_replays_and_syncs_the_cards() {
    let mut m = model();
    let r0 = m.replay;
    let d = update(&mut m, hyper(0, HyperKey::Lr, 0.1, false));
    assert_eq!(m.scene.optimizers[0].hyper.lr, 0.1);
    assert!(d.has(Dirty::RUNS | Dirty::CARD_VALUES));
    assert!(m.replay > r0);
    assert!(!m.interacting && !d.has(Dirty::SETTLE));
}

#[test]
fn a_slider_waits_for_the_rest_before_the_link() {
    let mut m = model();
    let d = update(&mut m, hyper(0, HyperKey::Lr, 0.2, true));
    assert!(m.interacting);
    assert!(d.has(Dirty::SETTLE | Dirty::RUNS));
    let d = update(&mut m, Msg::Settle);
    assert!(!m.interacting);
    assert!(d.has(Dirty::VIEW));
}

#[test]
fn an_out_of_range_hyper_is_a_typed_card_error_and_changes_nothing() {
    let mut m = model();
    let before = m.scene.clone();
    let d = update(&mut m, hyper(0, HyperKey::Lr, -1.0, false));
    assert_eq!(d, Dirty::CARD_ERROR);
    assert_eq!(m.scene, before);
    assert!(matches!(
        m.card_errors[..],
        [CardError::OutOfRange { i: 0, key: HyperKey::Lr, v, .. }] if v == -1.0
    ));
    // A good value clears it.
    let d = update(&mut m, hyper(0, HyperKey::Lr, 0.3, false));
    assert!(d.has(Dirty::CARD_ERROR));
    assert!(m.card_errors.is_empty());
    // No such card or key: nothing.
    assert_eq!(
        update(&mut m, hyper(9, HyperKey::Lr, 0.3, false)),
        Dirty::NONE
    );
    // A key the optimizer does not use (GD has no β1) changes nothing.
    assert_eq!(
        update(&mut m, hyper(0, HyperKey::Beta1, 0.3, false)),
        Dirty::NONE
    );
}

#[test]
fn set_flag() {
    let mut m = Model::new(Scene::default(), 20, Lang::En);
    update(&mut m, Msg::AddOpt(OptKind::Adam));
    let i = m.scene.optimizers.len() - 1;
    let key = FlagKey::Amsgrad;
    let d = update(&mut m, Msg::SetFlag { i, key, on: true });
    assert!(key.get(&m.scene.optimizers[i].hyper));
    assert_eq!(d, Dirty::RUNS);
}

#[test]
fn unreadable_fields_are_typed_errors() {
    let mut m = model();
    let d = update(
        &mut m,
        Msg::Unreadable(Field::Hyper {
            i: 0,
            key: HyperKey::Lr,
        }),
    );
    assert_eq!(d, Dirty::CARD_ERROR);
    assert!(matches!(
        m.card_errors[..],
        [CardError::Unreadable {
            i: 0,
            key: HyperKey::Lr,
            ..
        }]
    ));
    assert_eq!(update(&mut m, Msg::Unreadable(Field::Steps)), Dirty::ERROR);
    assert_eq!(m.error, Some(GlobalError::Unreadable(Rule::Steps)));
    update(&mut m, Msg::Unreadable(Field::SurfaceParam("a".into())));
    assert_eq!(m.error, Some(GlobalError::SurfaceNan("a".into())));
    update(
        &mut m,
        Msg::Unreadable(Field::View {
            key: "x0".into(),
            text: "abc".into(),
        }),
    );
    assert!(matches!(m.error, Some(GlobalError::ViewNan { .. })));
}

#[test]
fn add_remove_reset() {
    let mut m = model();
    let n = m.scene.optimizers.len();
    assert!(update(&mut m, Msg::AddOpt(OptKind::Adam)).has(Dirty::ALL));
    assert_eq!(m.scene.optimizers.len(), n + 1);
    assert_eq!(m.runs.len(), n + 1);
    assert_eq!(m.hidden.len(), n + 1);
    while m.scene.optimizers.len() < MAX_OPTIMIZERS {
        update(&mut m, Msg::AddOpt(OptKind::Gd));
    }
    assert_eq!(update(&mut m, Msg::AddOpt(OptKind::Gd)), Dirty::ERROR);
    assert_eq!(m.error, Some(GlobalError::AddMax));
    assert!(update(&mut m, Msg::RemoveOpt(0)).has(Dirty::ALL));
    assert_eq!(m.scene.optimizers.len(), MAX_OPTIMIZERS - 1);
    assert_eq!(m.error, None);
    assert_eq!(update(&mut m, Msg::RemoveOpt(99)), Dirty::NONE);
    update(&mut m, hyper(0, HyperKey::Lr, 0.01, false));
    let d = update(&mut m, Msg::ResetOpt(0));
    assert!(d.has(Dirty::CARD_VALUES | Dirty::RUNS));
    let kind = m.scene.optimizers[0].kind;
    assert_eq!(
        m.scene.optimizers[0],
        OptSpec::new(kind, m.scene.convention)
    );
}

#[test]
fn surface_and_its_parameters() {
    let mut m = model();
    let d = update(
        &mut m,
        Msg::SetSurface(Landscape::from_kind("rosenbrock").unwrap()),
    );
    assert!(d.has(Dirty::ALL));
    assert_eq!(m.scene.landscape.kind(), "rosenbrock");
    assert_eq!(m.scene.start, m.scene.landscape.default_start());
    // `expr` opens the current surface as a formula, same window.
    let view = m.scene.view();
    update(
        &mut m,
        Msg::SetSurface(Landscape::from_kind("expr").unwrap()),
    );
    assert!(matches!(m.scene.landscape, Landscape::Expr(_)));
    assert_eq!(m.scene.view, Some(view));
    update(
        &mut m,
        Msg::SetSurface(Landscape::from_kind("quadratic").unwrap()),
    );
    let d = update(
        &mut m,
        Msg::SetSurfaceParam {
            key: "a".into(),
            v: 3.0,
        },
    );
    assert!(d.has(Dirty::RUNS | Dirty::FORMULA));
    assert_eq!(m.scene.to_value()["landscape"]["a"], 3.0);
    let d = update(
        &mut m,
        Msg::SetSurfaceParam {
            key: "a".into(),
            v: -1e300,
        },
    );
    assert_eq!(d, Dirty::ERROR);
    assert!(matches!(m.error, Some(GlobalError::Scene(_))));
}

#[test]
fn formula() {
    let mut m = model();
    let d = update(&mut m, Msg::SetFormula("x^2 + 3*y^2".into()));
    assert!(d.has(Dirty::RUNS | Dirty::FORMULA));
    assert!(matches!(m.scene.landscape, Landscape::Expr(_)));
    // The same formula again: nothing to replay.
    assert_eq!(
        update(&mut m, Msg::SetFormula("x^2 + 3*y^2".into())),
        Dirty::FORMULA
    );
    let before = m.scene.clone();
    assert_eq!(update(&mut m, Msg::SetFormula("x^".into())), Dirty::FORMULA);
    assert_eq!(m.scene, before);
    assert_eq!(m.expr_error.as_ref().map(|e| e.0.as_str()), Some("x^"));
}

#[test]
fn view_fields() {
    let mut m = model();
    let v = View {
        x0: -1.0,
        x1: 1.0,
        y0: -2.0,
        y1: 2.0,
    };
    assert!(update(&mut m, Msg::SetViewFields(v)).has(Dirty::VIEW));
    assert_eq!(m.scene.view, Some(v));
    let bad = View { x1: -5.0, ..v };
    assert_eq!(update(&mut m, Msg::SetViewFields(bad)), Dirty::ERROR);
    assert_eq!(m.scene.view, Some(v));
}

#[test]
fn convention_takes_the_new_eps() {
    let mut m = model();
    update(&mut m, Msg::AddOpt(OptKind::Adam));
    let c = Convention::from_name("pytorch").unwrap_or(Convention::D2l);
    let d = update(&mut m, Msg::SetConvention(c));
    assert!(d.has(Dirty::ALL));
    assert_eq!(m.scene.convention, c);
    let last = m.scene.optimizers.last().unwrap();
    assert_eq!(last.hyper.eps, OptKind::Adam.defaults(c).eps);
}

#[test]
fn steps_sigma_seed_keep_their_rules() {
    let mut m = model();
    assert!(update(&mut m, Msg::SetSteps(50.0)).has(Dirty::RUNS));
    assert_eq!(m.scene.steps, 50);
    assert_eq!(update(&mut m, Msg::SetSteps(2.5)), Dirty::ERROR);
    assert_eq!(m.error, Some(GlobalError::Rule(Rule::Steps, 2.5)));
    assert!(update(&mut m, Msg::SetSigma(0.5)).has(Dirty::RUNS | Dirty::ERROR));
    assert_eq!(m.error, None);
    assert_eq!(m.scene.noise.sigma, 0.5);
    assert_eq!(update(&mut m, Msg::SetSigma(-1.0)), Dirty::ERROR);
    assert!(update(&mut m, Msg::SetSeed(7.0)).has(Dirty::RUNS));
    assert_eq!(m.scene.noise.seed, 7);
    assert_eq!(update(&mut m, Msg::SetSeed(-7.0)), Dirty::ERROR);
}

#[test]
fn start_is_snapped_and_bounded() {
    let mut m = model();
    let d = update(&mut m, Msg::SetStart([1.23456789, -0.5]));
    assert_eq!(d, Dirty::RUNS);
    assert_ne!(m.scene.start[0], 1.23456789);
    assert!((m.scene.start[0] - 1.23456789).abs() < 0.01);
    assert_eq!(update(&mut m, Msg::SetStart([f64::NAN, 0.0])), Dirty::NONE);
    assert_eq!(update(&mut m, Msg::SetStart([1e13, 0.0])), Dirty::NONE);
}

#[test]
fn click_sets_the_start_drag_pans() {
    let mut m = model();
    let (sx, _) = m.viewport(m.scene.view()).px(m.scene.start);
    // A click away from the marker sets the start there.
    let (x, y) = if sx > 200.0 {
        (50.0, 50.0)
    } else {
        (350.0, 350.0)
    };
    assert_eq!(
        update(&mut m, Msg::PointerDown { id: 1, x, y }),
        Dirty::NONE
    );
    assert!(matches!(m.drag, Drag::Pending { .. }));
    let d = update(
        &mut m,
        Msg::PointerUp {
            id: 1,
            x,
            y,
            click: true,
        },
    );
    assert_eq!(d, Dirty::RUNS);
    assert_eq!(
        m.scene.start,
        gradscape_core::geometry::snap(&m.scene.view(), m.viewport(m.scene.view()).world(x, y))
    );
    // A press on the marker drags it.
    let (sx, sy) = m.viewport(m.scene.view()).px(m.scene.start);
    update(
        &mut m,
        Msg::PointerDown {
            id: 1,
            x: sx,
            y: sy,
        },
    );
    assert_eq!(m.drag, Drag::Start);
    let d = update(
        &mut m,
        Msg::PointerMove {
            id: 1,
            x: 200.0,
            y: 200.0,
        },
    );
    assert_eq!(d, Dirty::RUNS);
    update(
        &mut m,
        Msg::PointerUp {
            id: 1,
            x: 200.0,
            y: 200.0,
            click: true,
        },
    );
    // A press and a move elsewhere pans.
    let (x, y) = if sx > 200.0 {
        (50.0, 50.0)
    } else {
        (350.0, 350.0)
    };
    let v0 = m.scene.view();
    update(&mut m, Msg::PointerDown { id: 2, x, y });
    assert_eq!(
        update(
            &mut m,
            Msg::PointerMove {
                id: 2,
                x: x + 10.0,
                y
            }
        ),
        Dirty::NONE
    );
    assert!(matches!(m.drag, Drag::Pan { .. }));
    let d = update(
        &mut m,
        Msg::PointerMove {
            id: 2,
            x: x + 40.0,
            y,
        },
    );
    assert_eq!(d, Dirty::VIEW);
    assert!(m.interacting);
    assert!(m.scene.view().x0 < v0.x0);
    let d = update(
        &mut m,
        Msg::PointerUp {
            id: 2,
            x: x + 40.0,
            y,
            click: true,
        },
    );
    assert_eq!(d, Dirty::SETTLE);
    // Resting while a pointer is down waits.
    update(&mut m, Msg::PointerDown { id: 3, x, y });
    assert_eq!(update(&mut m, Msg::Settle), Dirty::SETTLE);
    update(
        &mut m,
        Msg::PointerUp {
            id: 3,
            x,
            y,
            click: false,
        },
    );
    assert_eq!(update(&mut m, Msg::Settle), Dirty::VIEW);
    assert!(!m.interacting);
}

#[test]
fn pinch_and_wheel_zoom() {
    let mut m = model();
    let w0 = m.scene.view().width();
    update(
        &mut m,
        Msg::PointerDown {
            id: 1,
            x: 100.0,
            y: 200.0,
        },
    );
    update(
        &mut m,
        Msg::PointerDown {
            id: 2,
            x: 300.0,
            y: 200.0,
        },
    );
    assert!(m.pinch.is_some());
    let d = update(
        &mut m,
        Msg::PointerMove {
            id: 2,
            x: 500.0,
            y: 200.0,
        },
    );
    assert_eq!(d, Dirty::VIEW);
    assert!((m.scene.view().width() - w0 / 2.0).abs() < 1e-9);
    update(
        &mut m,
        Msg::PointerUp {
            id: 2,
            x: 0.0,
            y: 0.0,
            click: false,
        },
    );
    assert!(m.pinch.is_none());
    let d = update(
        &mut m,
        Msg::Zoom {
            x: 200.0,
            y: 200.0,
            factor: 2.0,
        },
    );
    assert_eq!(d, Dirty::VIEW | Dirty::SETTLE);
    assert!((m.scene.view().width() - w0).abs() < 1e-9);
    // A degenerate zoom is refused.
    let v = m.scene.view();
    update(
        &mut m,
        Msg::Zoom {
            x: 0.0,
            y: 0.0,
            factor: 1e-30,
        },
    );
    assert_eq!(m.scene.view(), v);
    assert_eq!(update(&mut m, Msg::ResetView), Dirty::VIEW);
    assert_eq!(m.scene.view, None);
}

#[test]
fn play_pause_step_seek_tick_speed() {
    let mut m = model();
    assert_eq!(m.t, 20);
    // Playing from the end starts over.
    let d = update(&mut m, Msg::TogglePlay);
    assert!(m.playing && m.t == 0);
    assert_eq!(d, Dirty::STEP | Dirty::ANIMATE);
    update(&mut m, Msg::SetSpeed(10.0));
    assert_eq!(m.clock.speed, 10.0);
    assert_eq!(update(&mut m, Msg::Tick(0.0)), Dirty::ANIMATE);
    assert_eq!(
        update(&mut m, Msg::Tick(200.0)),
        Dirty::STEP | Dirty::ANIMATE
    );
    assert_eq!(m.t, 2);
    assert_eq!(update(&mut m, Msg::TogglePlay), Dirty::STEP);
    assert!(!m.playing);
    assert_eq!(update(&mut m, Msg::Tick(400.0)), Dirty::NONE);
    // The last frame stops at the end.
    update(&mut m, Msg::TogglePlay);
    update(&mut m, Msg::Tick(0.0));
    update(&mut m, Msg::SetSpeed(1e9));
    assert_eq!(m.clock.speed, 10000.0);
    assert_eq!(update(&mut m, Msg::Tick(250.0)), Dirty::STEP);
    assert!(!m.playing && m.t == 20);
    assert_eq!(update(&mut m, Msg::Step(-1)), Dirty::STEP);
    assert_eq!(m.t, 19);
    update(&mut m, Msg::Step(5));
    assert_eq!(m.t, 20);
    update(&mut m, Msg::Step(-100));
    assert_eq!(m.t, 0);
    update(&mut m, Msg::TogglePlay);
    assert_eq!(update(&mut m, Msg::Seek(7)), Dirty::STEP);
    assert!(!m.playing && m.t == 7);
    update(&mut m, Msg::Seek(700));
    assert_eq!(m.t, 20);
}

#[test]
fn show_run() {
    let mut m = model();
    assert_eq!(
        update(&mut m, Msg::ShowRun { i: 1, on: false }),
        Dirty::VIEW
    );
    assert_eq!(m.hidden, vec![false, true]);
    update(&mut m, Msg::ShowRun { i: 1, on: true });
    assert_eq!(m.hidden, vec![false, false]);
}

#[test]
fn lessons() {
    let mut m = model();
    let d = update(&mut m, Msg::SetLesson(Some(3)));
    assert!(d.has(Dirty::LESSON | Dirty::LESSON_PANELS | Dirty::ALL));
    assert_eq!(m.lesson, Some(3));
    assert_eq!(m.scene, lesson(3).unwrap().scene());
    assert_eq!(m.t, m.scene.steps);
    update(&mut m, Msg::StepLesson(1));
    assert_eq!(m.lesson, Some(4));
    update(&mut m, Msg::SetLesson(Some(1)));
    update(&mut m, Msg::StepLesson(-1));
    assert_eq!(m.lesson, Some(LESSONS.len()));
    update(&mut m, Msg::SetLesson(None));
    assert_eq!(m.lesson, None);
    update(&mut m, Msg::StepLesson(-1));
    assert_eq!(m.lesson, Some(LESSONS.len()));
    update(&mut m, Msg::SetLesson(Some(999)));
    assert_eq!(m.lesson, None);
}

#[test]
fn language_rewords_and_keeps_the_formula_error() {
    let mut m = model();
    update(&mut m, Msg::SetFormula("x^".into()));
    update(&mut m, Msg::SetSteps(-1.0));
    let d = update(&mut m, Msg::SetLang(Lang::Zh));
    assert!(d.has(Dirty::WORDS | Dirty::LESSON | Dirty::ALL));
    assert_eq!(m.lang, Lang::Zh);
    assert!(m.expr_error.is_some());
    assert_eq!(m.error, None);
}

#[test]
fn load_scene() {
    let mut m = model();
    update(&mut m, Msg::ShowRun { i: 0, on: false });
    update(&mut m, Msg::TogglePlay);
    let s = Scene {
        steps: 40,
        ..Scene::default()
    };
    let d = update(&mut m, Msg::LoadScene(s.clone()));
    assert!(d.has(Dirty::ALL));
    assert_eq!(m.scene, s);
    assert!(!m.playing && m.t == 40);
    assert_eq!(m.hidden, vec![false, false]);
    assert_eq!(m.runs.len(), 2);
}

#[test]
fn measured_and_redraw() {
    let mut m = model();
    assert_eq!(
        update(&mut m, Msg::Measured { w: 640.0, h: 480.0 }),
        Dirty::NONE
    );
    assert_eq!(m.canvas, Canvas { w: 640.0, h: 480.0 });
    assert_eq!(update(&mut m, Msg::Redraw), Dirty::VIEW);
}

#[test]
fn slide_hyper_maps_the_position() {
    let mut m = model();
    let info = ParamInfo::of(m.scene.optimizers[0].kind, HyperKey::Lr);
    let pos = info.to_slider(0.05);
    let d = update(
        &mut m,
        Msg::SlideHyper {
            i: 0,
            key: HyperKey::Lr,
            pos,
        },
    );
    assert!(d.has(Dirty::RUNS | Dirty::SETTLE));
    assert_eq!(m.scene.optimizers[0].hyper.lr, info.from_slider(pos));
    assert!(m.interacting);
}
