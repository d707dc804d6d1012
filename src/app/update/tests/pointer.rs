//! The plot's pointer, wheel and size.

use super::*;
use crate::app::PointerKind;

/// A plain mouse press.
pub(super) fn down(id: i32, x: f64, y: f64) -> Msg {
    press(id, x, y, PointerKind::Mouse, false)
}

/// A press by `kind`, Shift/Alt held or not.
pub(super) fn press(id: i32, x: f64, y: f64, kind: PointerKind, modified: bool) -> Msg {
    Msg::PointerDown {
        id,
        x,
        y,
        kind,
        modified,
    }
}

#[test]
fn start_is_snapped_and_bounded() {
    let mut m = model();
    let d = update(&mut m, Msg::SetStart([1.23456789, -0.5]));
    assert!(d.has(Dirty::RUNS), "{d:?}");
    assert_ne!(m.scene.start[0], 1.23456789);
    assert!((m.scene.start[0] - 1.23456789).abs() < 0.01);
    assert_eq!(update(&mut m, Msg::SetStart([f64::NAN, 0.0])), Dirty::NONE);
    assert_eq!(update(&mut m, Msg::SetStart([1e13, 0.0])), Dirty::NONE);
}

#[test]
fn click_sets_the_start_drag_pans() {
    let mut m = model();
    let (sx, _) = m.viewport(m.scene.view()).px(m.scene.start);
    // A Shift/Alt-click away from the marker sets the start there.
    let (x, y) = if sx > 200.0 {
        (50.0, 50.0)
    } else {
        (350.0, 350.0)
    };
    assert_eq!(
        update(&mut m, press(1, x, y, PointerKind::Mouse, true)),
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
    assert!(d.has(Dirty::RUNS | Dirty::TIME | Dirty::LESSON), "{d:?}");
    assert_eq!(
        m.scene.start,
        gradscape_core::geometry::snap(&m.scene.view(), m.viewport(m.scene.view()).world(x, y))
    );
    // A press on the marker drags it.
    let (sx, sy) = m.viewport(m.scene.view()).px(m.scene.start);
    update(&mut m, down(1, sx, sy));
    assert!(matches!(m.drag, Drag::Start { .. }));
    // A press that shakes by a click's jitter leaves the start.
    let s0 = m.scene.start;
    for (dx, dy) in [(3.0, 0.0), (-2.0, 2.5), (0.0, -4.0)] {
        let d = update(
            &mut m,
            Msg::PointerMove {
                id: 1,
                x: sx + dx,
                y: sy + dy,
            },
        );
        assert_eq!((d, m.scene.start), (Dirty::NONE, s0));
    }
    let d = update(
        &mut m,
        Msg::PointerMove {
            id: 1,
            x: 200.0,
            y: 200.0,
        },
    );
    assert!(d.has(Dirty::RUNS), "{d:?}");
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
    update(&mut m, down(2, x, y));
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
    assert!(d.has(Dirty::VIEW), "{d:?}");
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
    update(&mut m, down(3, x, y));
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
    assert_eq!(update(&mut m, Msg::Settle), Dirty::SETTLED | Dirty::LINK);
    assert!(!m.interacting);
}

#[test]
fn pinch_and_wheel_zoom() {
    let mut m = model();
    let w0 = m.scene.view().width();
    update(&mut m, down(1, 100.0, 200.0));
    update(&mut m, down(2, 300.0, 200.0));
    assert!(m.pinch.is_some());
    let d = update(
        &mut m,
        Msg::PointerMove {
            id: 2,
            x: 500.0,
            y: 200.0,
        },
    );
    assert!(d.has(Dirty::VIEW), "{d:?}");
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
    assert!(d.has(Dirty::VIEW | Dirty::SETTLE), "{d:?}");
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
    assert!(update(&mut m, Msg::ResetView).has(Dirty::VIEW));
    assert_eq!(m.scene.view, None);
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
fn a_finger_grabs_the_start_ring_from_further_than_a_mouse() {
    // The ring's 24 px target was hard to hit with a finger on a phone.
    let mut m = model();
    let (sx, sy) = m.viewport(m.scene.view()).px(m.scene.start);
    update(&mut m, press(1, sx + 18.0, sy, PointerKind::Mouse, false));
    assert!(
        matches!(m.drag, Drag::Pending { .. }),
        "a mouse 18 px away pans"
    );
    update(
        &mut m,
        Msg::PointerUp {
            id: 1,
            x: sx + 18.0,
            y: sy,
            click: true,
        },
    );
    update(&mut m, press(2, sx + 18.0, sy, PointerKind::Touch, false));
    assert!(
        matches!(m.drag, Drag::Start { .. }),
        "a finger 18 px away grabs it"
    );
}

#[test]
fn a_dragged_start_names_the_smaller_eta_once_released() {
    // GD η = 0.01 diverges on Rosenbrock from anywhere near (−1.5, 2):
    // while the start moves the hint's smaller η waits (reruns at every
    // move); the release asks for it (diagnose/calmer.rs).
    let scene = Scene::from_json(
        r#"{"landscape": {"kind": "rosenbrock"}, "start": [-1.5, 2], "steps": 300, "optimizers": [{"kind": "gd", "lr": 0.01}]}"#,
    )
    .unwrap();
    let mut m = Model::new(scene, 300, Lang::En);
    m.canvas = Canvas { w: 400.0, h: 400.0 };
    update(&mut m, Msg::FillCalmer);
    let (sx, sy) = m.viewport(m.scene.view()).px(m.scene.start);
    update(&mut m, down(1, sx, sy));
    let mv = Msg::PointerMove {
        id: 1,
        x: sx + 12.0,
        y: sy + 6.0,
    };
    let d = update(&mut m, mv);
    assert!(d.has(Dirty::RUNS) && !d.has(Dirty::CALMER), "{d:?}");
    assert!(m.diags[0].hint.is_some_and(|h| h.calmer_pending()));
    let up = Msg::PointerUp {
        id: 1,
        x: sx + 12.0,
        y: sy + 6.0,
        click: true,
    };
    assert!(update(&mut m, up).has(Dirty::CALMER));
    assert_eq!(update(&mut m, Msg::FillCalmer), Dirty::LEGEND);
    let fresh = crate::diagnose::diagnose_in(&m.scene, &m.runs[0]);
    assert!(fresh.hint.is_some_and(|h| h.calmer().is_some()));
    assert_eq!(m.diags[0], fresh);
}
