//! A teacher's link (`lock=`, `hide=`): every message that would change a
//! fixed group is refused — no change, no redraw — and the same message
//! changes the figure without the lock.

use super::pointer::press;
use super::*;
use crate::app::{PointerKind, SchedEdit};
use crate::landscape::{Landscape, Param};
use crate::url::Locks;

/// What a message sequence touches that a lock could be about.
fn seen(m: &Model) -> (Scene, Option<usize>, Vec<bool>) {
    (m.scene.clone(), m.lesson, m.hidden.clone())
}

/// Run `msgs` on a fresh model under the link's `query`; whether the
/// figure changed, and the dirt of every message.
fn run(query: &str, msgs: &[Msg]) -> (bool, Vec<Dirty>) {
    let mut m = model();
    m.locks = Locks::read(query).0;
    let before = seen(&m);
    let dirt = msgs.iter().map(|msg| update(&mut m, msg.clone())).collect();
    (seen(&m) != before, dirt)
}

fn up(x: f64, y: f64) -> Msg {
    Msg::PointerUp {
        id: 1,
        x,
        y,
        click: true,
    }
}

fn moved(x: f64, y: f64) -> Msg {
    Msg::PointerMove { id: 1, x, y }
}

/// Each group with the ways it is changed: a field, a key, a gesture, a
/// paste. Checked both ways: it changes without the lock, and is refused
/// with it.
fn cases() -> Vec<(&'static str, Vec<Msg>)> {
    let m = model();
    let (sx, sy) = m.viewport(m.scene.view()).px(m.scene.start);
    let (far_x, far_y) = if sx > 200.0 {
        (50.0, 50.0)
    } else {
        (350.0, 350.0)
    };
    let lr = |i, v| hyper(i, HyperKey::Lr, v, false);
    vec![
        (
            "surface",
            vec![Msg::SetSurface(Landscape::from_kind("rosenbrock").unwrap())],
        ),
        (
            "surface",
            vec![Msg::SetSurface(Landscape::from_kind("expr").unwrap())],
        ),
        (
            "surface",
            vec![Msg::SetSurfaceParam {
                key: Param::A,
                v: 0.3,
            }],
        ),
        // A formula pasted into the formula field.
        ("surface", vec![Msg::SetFormula("x^2 + 10*y^2".into())]),
        ("start", vec![Msg::SetStart([1.0, 1.0])]),
        ("start", vec![Msg::SetStartField { axis: 0, v: 1.5 }]),
        ("start", vec![Msg::NudgeStart { dx: 1, dy: 0 }]),
        // Shift+click elsewhere, and dragging the ring.
        (
            "start",
            vec![
                press(1, far_x, far_y, PointerKind::Mouse, true),
                up(far_x, far_y),
            ],
        ),
        (
            "start",
            vec![
                press(1, sx, sy, PointerKind::Mouse, false),
                moved(200.0, 200.0),
                up(200.0, 200.0),
            ],
        ),
        ("steps", vec![Msg::SetSteps(30.0)]),
        ("conv", vec![Msg::SetConvention(Convention::Pytorch)]),
        ("noise", vec![Msg::SetSigma(0.5)]),
        ("noise", vec![Msg::SetSeed(3.0)]),
        ("view", vec![Msg::PanBy { fx: 0.1, fy: 0.0 }]),
        ("view", vec![Msg::ZoomCentre(1.2)]),
        (
            "view",
            vec![Msg::Zoom {
                x: 100.0,
                y: 100.0,
                factor: 0.8,
            }],
        ),
        ("view", vec![Msg::FitView]),
        (
            "view",
            vec![Msg::SetViewFields(View {
                x0: -3.0,
                x1: 3.0,
                y0: -3.0,
                y1: 3.0,
            })],
        ),
        // A mouse drag away from the ring pans.
        (
            "view",
            vec![
                press(1, far_x, far_y, PointerKind::Mouse, false),
                moved(far_x + 20.0, far_y + 15.0),
                moved(far_x + 40.0, far_y + 30.0),
                up(far_x + 40.0, far_y + 30.0),
            ],
        ),
        // Two fingers pinch.
        (
            "view",
            vec![
                press(1, 100.0, 100.0, PointerKind::Touch, false),
                press(2, 200.0, 200.0, PointerKind::Touch, false),
                Msg::PointerMove {
                    id: 2,
                    x: 300.0,
                    y: 300.0,
                },
            ],
        ),
        ("optimizers", vec![Msg::AddOpt(OptKind::Adam)]),
        ("optimizers", vec![Msg::RemoveOpt(0)]),
        (
            "schedule",
            vec![Msg::EditSchedule {
                i: 0,
                edit: SchedEdit::WarmupCosine,
            }],
        ),
        ("lr", vec![lr(0, 0.3)]),
        (
            "lr",
            vec![Msg::SlideHyper {
                i: 1,
                key: HyperKey::Lr,
                pos: 10.0,
                per_px: 0.0,
            }],
        ),
        // The momentum map's click sets η and γ.
        (
            "lr",
            vec![Msg::SetMomentum {
                eta: 0.2,
                gamma: 0.5,
            }],
        ),
        ("gamma", vec![hyper(1, HyperKey::Gamma, 0.8, false)]),
        (
            "nesterov",
            vec![Msg::SetFlag {
                i: 1,
                key: FlagKey::Nesterov,
                on: true,
            }],
        ),
        ("lesson", vec![Msg::SetLesson(Some(2))]),
        ("lesson", vec![Msg::StepLesson(1)]),
        ("legend", vec![Msg::ShowRun { i: 0, on: false }]),
    ]
}

#[test]
fn every_group_changes_without_its_lock_and_is_refused_with_it() {
    for (group, msgs) in cases() {
        let (changed, _) = run("", &msgs);
        assert!(changed, "{group}: {msgs:?} changes nothing without a lock");
        for query in [format!("lock={group}"), format!("hide={group}")] {
            let (changed, dirt) = run(&query, &msgs);
            assert!(!changed, "{query}: {msgs:?} changed the figure");
            assert!(
                dirt.iter()
                    .all(|d| !d.has(Dirty::RUNS) && !d.has(Dirty::VIEW)),
                "{query}: {msgs:?} redrew {dirt:?}"
            );
        }
        // Only η free: everything but an η change is refused.
        let (changed, _) = run("lock=all,-lr", &msgs);
        let eta_only = group == "lr" && !matches!(msgs[0], Msg::SetMomentum { .. });
        assert_eq!(changed, eta_only, "lock=all,-lr: {msgs:?}");
    }
}

#[test]
fn a_refused_message_reports_no_dirt() {
    let (_, dirt) = run("lock=lr", &[hyper(0, HyperKey::Lr, 0.3, false)]);
    assert_eq!(dirt, vec![Dirty::NONE]);
    let (_, dirt) = run("lock=surface", &[Msg::SetFormula("x^2".into())]);
    assert_eq!(dirt, vec![Dirty::NONE]);
}

#[test]
fn another_lesson_comes_whole_and_what_changes_a_fixed_group_on_the_way_is_refused() {
    // Another lesson comes whole when the lessons are free, whatever η
    // it sets (lesson 2: GD η = 0.6; lesson 3 adds a card); with η
    // fixed, its sliders then hold the lesson's η; undo goes back.
    for (lesson, keys) in [
        (2, "lock=lr"),
        (3, "lock=lr,gamma"),
        (2, "lock=all,-lesson"),
    ] {
        let mut m = model();
        m.locks = Locks::read(keys).0;
        assert_ne!(update(&mut m, Msg::SetLesson(Some(lesson))), Dirty::NONE);
        assert_eq!(m.lesson, Some(lesson), "{keys}");
        let lr = m.scene.optimizers[0].hyper.lr;
        update(&mut m, hyper(0, HyperKey::Lr, lr / 2.0, false));
        assert_eq!(m.scene.optimizers[0].hyper.lr, lr);
        update(&mut m, Msg::Undo);
        assert_eq!(m.lesson, None, "{keys}");
    }
    let mut m = model();
    m.locks = Locks::read("lock=lr").0;
    update(&mut m, Msg::SetLesson(Some(1)));
    update(&mut m, Msg::StepLesson(1));
    assert_eq!(m.lesson, Some(2));
    // Fixed lessons stay put.
    let (changed, dirt) = run("lock=lesson", &[Msg::SetLesson(Some(2))]);
    assert!(!changed);
    assert_eq!(dirt, vec![Dirty::NONE]);
    // The pytorch convention changes ε: refused while ε is fixed.
    let (changed, _) = run(
        "lock=eps",
        &[
            Msg::AddOpt(OptKind::Adam),
            Msg::SetConvention(Convention::Pytorch),
        ],
    );
    let mut m = model();
    update(&mut m, Msg::AddOpt(OptKind::Adam));
    assert!(changed, "the added card is allowed");
    m.locks = Locks::read("lock=eps").0;
    let eps = m.scene.optimizers[2].hyper.eps;
    assert_eq!(
        update(&mut m, Msg::SetConvention(Convention::Pytorch)),
        Dirty::NONE
    );
    assert_eq!(m.scene.optimizers[2].hyper.eps, eps);
    // A reset of a card puts its η back: refused with η fixed.
    let mut m = model();
    update(&mut m, hyper(0, HyperKey::Lr, 0.3, false));
    m.locks = Locks::read("lock=lr").0;
    assert_eq!(update(&mut m, Msg::ResetOpt(0)), Dirty::NONE);
    assert_eq!(m.scene.optimizers[0].hyper.lr, 0.3);
    // Choosing another surface moves the start: refused with the start fixed.
    let (changed, _) = run(
        "lock=start",
        &[Msg::SetSurface(Landscape::from_kind("himmelblau").unwrap())],
    );
    assert!(!changed);
}

#[test]
fn undo_and_redo_only_step_through_what_the_link_leaves_free() {
    let mut m = model();
    m.locks = Locks::read("lock=all,-lr").0;
    assert!(update(&mut m, hyper(0, HyperKey::Lr, 0.3, false)).has(Dirty::RUNS));
    update(&mut m, Msg::EndGesture);
    assert_eq!(update(&mut m, Msg::PanBy { fx: 0.2, fy: 0.0 }), Dirty::NONE);
    assert!(update(&mut m, Msg::Undo).has(Dirty::RUNS));
    assert_eq!(m.scene.optimizers[0].hyper.lr, 0.4);
    assert!(update(&mut m, Msg::Redo).has(Dirty::RUNS));
    assert_eq!(m.scene.optimizers[0].hyper.lr, 0.3);
    assert_eq!(m.scene.view, None);
    // Time and presenter mode are never fixed: a student plays the run.
    assert!(update(&mut m, Msg::Seek(3)).has(Dirty::STEP));
    assert_eq!(m.t, 3);
    update(&mut m, Msg::TogglePresent);
    assert!(m.present);
}

#[test]
fn a_press_on_a_fixed_start_or_view_grabs_nothing() {
    let mut m = model();
    m.locks = Locks::read("lock=start,view").0;
    let (sx, sy) = m.viewport(m.scene.view()).px(m.scene.start);
    update(&mut m, press(1, sx, sy, PointerKind::Mouse, false));
    assert!(
        matches!(
            m.drag,
            Drag::Pending {
                set: false,
                pans: false,
                ..
            }
        ),
        "{:?}",
        m.drag
    );
    update(&mut m, up(sx, sy));
    assert_eq!(m.drag, Drag::None);
    assert!(m.pointers.is_empty());
}
