//! Undo/redo, the protected figure, ↺ lesson, the "modified" marker and
//! the keyboard's pan, zoom and start messages.

use super::pointer::{down, press};
use super::*;
use crate::app::history::MAX_HISTORY;
use crate::app::PointerKind;
use crate::lesson::lesson;

fn up(id: i32, x: f64, y: f64) -> Msg {
    Msg::PointerUp {
        id,
        x,
        y,
        click: true,
    }
}

fn mv(id: i32, x: f64, y: f64) -> Msg {
    Msg::PointerMove { id, x, y }
}

/// A pixel well away from the start ring.
fn away(m: &Model) -> (f64, f64) {
    let (sx, _) = m.viewport(m.scene.view()).px(m.scene.start);
    if sx > 200.0 {
        (50.0, 50.0)
    } else {
        (350.0, 350.0)
    }
}

fn lesson_model(n: usize) -> Model {
    let mut m = model();
    update(&mut m, Msg::SetLesson(Some(n)));
    m
}

#[test]
fn a_plain_click_or_tap_leaves_the_scene() {
    let mut m = lesson_model(1);
    let before = m.scene.clone();
    let undo = m.history.len();
    let (x, y) = away(&m);
    for kind in [PointerKind::Mouse, PointerKind::Touch, PointerKind::Pen] {
        update(&mut m, press(1, x, y, kind, false));
        let d = update(&mut m, up(1, x, y));
        assert_eq!(d, Dirty::NONE);
        assert_eq!(m.scene, before);
    }
    assert_eq!(m.history.len(), undo);
    assert!(!m.lesson_modified());
}

#[test]
fn a_modified_click_moves_the_start_and_marks_the_lesson() {
    let mut m = lesson_model(1);
    let (x, y) = away(&m);
    update(&mut m, press(1, x, y, PointerKind::Mouse, true));
    let d = update(&mut m, up(1, x, y));
    assert!(d.has(Dirty::RUNS | Dirty::LESSON | Dirty::TIME), "{d:?}");
    let want =
        gradscape_core::geometry::snap(&m.scene.view(), m.viewport(m.scene.view()).world(x, y));
    assert_eq!(m.scene.start, want);
    assert!(m.lesson_modified());
    assert!(m.history.can_undo());
    // A Shift-click on the ring sets the start there too (no drag).
    let (sx, sy) = m.viewport(m.scene.view()).px(m.scene.start);
    update(&mut m, press(2, sx, sy, PointerKind::Mouse, true));
    assert!(matches!(m.drag, Drag::Pending { set: true, .. }));
}

#[test]
fn one_finger_does_not_pan_two_fingers_pan_and_pinch() {
    let mut m = model();
    let v0 = m.scene.view();
    let (x, y) = away(&m);
    update(&mut m, press(1, x, y, PointerKind::Touch, false));
    update(&mut m, mv(1, x + 40.0, y));
    update(&mut m, up(1, x + 40.0, y));
    assert_eq!(m.scene.view(), v0);
    // Two fingers moving together pan by their midpoint's motion.
    update(&mut m, press(1, 100.0, 200.0, PointerKind::Touch, false));
    update(&mut m, press(2, 300.0, 200.0, PointerKind::Touch, false));
    update(&mut m, mv(1, 140.0, 200.0));
    let d = update(&mut m, mv(2, 340.0, 200.0));
    assert!(d.has(Dirty::VIEW));
    let v = m.scene.view();
    assert!((v.width() - v0.width()).abs() < 1e-9);
    assert!(v.x0 < v0.x0, "the content follows the fingers right");
    // A finger on the ring still drags the start.
    let s0 = m.scene.start;
    update(&mut m, up(1, 0.0, 0.0));
    update(&mut m, up(2, 0.0, 0.0));
    let (sx, sy) = m.viewport(m.scene.view()).px(m.scene.start);
    update(&mut m, press(3, sx, sy, PointerKind::Touch, false));
    assert!(matches!(m.drag, Drag::Start { .. }));
    update(&mut m, mv(3, sx + 30.0, sy));
    assert_ne!(m.scene.start, s0);
}

/// A ring drag in a lesson: the release marks the lesson (its "modified"
/// marker waits for it, web/controls.rs, so the caption does not grow
/// under the finger).
#[test]
fn a_ring_drag_in_a_lesson_marks_it_on_release() {
    let mut m = lesson_model(3);
    let (sx, sy) = m.viewport(m.scene.view()).px(m.scene.start);
    update(&mut m, down(1, sx, sy));
    for k in 1..5 {
        update(&mut m, mv(1, sx + 5.0 * k as f64, sy));
    }
    assert!(m.lesson_modified());
    assert!(update(&mut m, up(1, sx + 20.0, sy)).has(Dirty::LESSON));
}

#[test]
fn one_drag_one_pan_one_slider_one_field_are_one_entry_each() {
    let mut m = model();
    let s0 = m.scene.clone();
    // A ring drag of many moves.
    let (sx, sy) = m.viewport(m.scene.view()).px(m.scene.start);
    update(&mut m, down(1, sx, sy));
    for k in 1..10 {
        update(&mut m, mv(1, sx + 5.0 * k as f64, sy));
    }
    update(&mut m, up(1, sx + 45.0, sy));
    assert_eq!(m.history.len(), 1);
    let s1 = m.scene.clone();
    // A pan.
    let (x, y) = away(&m);
    update(&mut m, down(2, x, y));
    for k in 1..10 {
        update(&mut m, mv(2, x + 5.0 * k as f64, y));
    }
    update(&mut m, up(2, x + 45.0, y));
    assert_eq!(m.history.len(), 2);
    let s2 = m.scene.clone();
    // A burst of wheel zooms, ended by the wheel resting.
    for _ in 0..15 {
        update(
            &mut m,
            Msg::Zoom {
                x: 200.0,
                y: 200.0,
                factor: 1.1,
            },
        );
    }
    update(&mut m, Msg::EndGesture);
    assert_eq!(m.history.len(), 3);
    // A slider drag.
    for pos in [0.1, 0.2, 0.3, 0.4] {
        update(
            &mut m,
            Msg::SlideHyper {
                i: 0,
                key: HyperKey::Lr,
                pos,
                per_px: 0.0,
            },
        );
    }
    update(&mut m, Msg::EndGesture);
    assert_eq!(m.history.len(), 4);
    // Typing 1, 10, 100 in the steps field.
    for v in [1.0, 10.0, 100.0] {
        update(&mut m, Msg::SetSteps(v));
    }
    update(&mut m, Msg::EndGesture);
    assert_eq!(m.history.len(), 5);
    // Two fields typed one after the other are two entries.
    update(&mut m, Msg::SetSigma(0.5));
    update(&mut m, Msg::SetSeed(3.0));
    assert_eq!(m.history.len(), 7);
    // Undo goes back gesture by gesture: seed, σ, steps, slider, wheel.
    for _ in 0..5 {
        update(&mut m, Msg::Undo);
    }
    assert_eq!(m.scene, s2);
    update(&mut m, Msg::Undo);
    assert_eq!(m.scene, s1);
    update(&mut m, Msg::Undo);
    assert_eq!(m.scene, s0);
    assert!(!m.history.can_undo());
    assert_eq!(update(&mut m, Msg::Undo), Dirty::NONE);
}

#[test]
fn undo_redo_round_trip_and_a_new_change_drops_the_future() {
    let mut m = model();
    let s0 = m.scene.clone();
    update(&mut m, Msg::SetStart([1.0, 1.0]));
    update(&mut m, Msg::AddOpt(OptKind::Adam));
    let s2 = m.scene.clone();
    let d = update(&mut m, Msg::Undo);
    assert!(d.has(Dirty::ALL | Dirty::LESSON | Dirty::TIME), "{d:?}");
    assert_eq!(m.scene.optimizers.len(), s0.optimizers.len());
    assert_eq!(m.runs.len(), m.scene.optimizers.len());
    update(&mut m, Msg::Undo);
    assert_eq!(m.scene, s0);
    update(&mut m, Msg::Redo);
    update(&mut m, Msg::Redo);
    assert_eq!(m.scene, s2);
    assert!(!m.history.can_redo());
    update(&mut m, Msg::Undo);
    assert!(m.history.can_redo());
    update(&mut m, Msg::SetSteps(7.0));
    assert!(!m.history.can_redo());
    // The stack is capped.
    for _ in 0..(MAX_HISTORY + 20) {
        update(&mut m, Msg::AddOpt(OptKind::Gd));
        let last = m.scene.optimizers.len() - 1;
        update(&mut m, Msg::RemoveOpt(last));
    }
    assert_eq!(m.history.len(), MAX_HISTORY);
}

#[test]
fn choosing_a_lesson_is_undoable() {
    let mut m = model();
    let s0 = m.scene.clone();
    update(&mut m, Msg::SetLesson(Some(3)));
    update(&mut m, Msg::StepLesson(1));
    assert_eq!(m.lesson, Some(4));
    assert_eq!(m.history.len(), 2);
    let d = update(&mut m, Msg::Undo);
    assert!(d.has(Dirty::LESSON_PANELS));
    assert_eq!(m.lesson, Some(3));
    assert_eq!(m.scene, lesson(3).unwrap().opening().0);
    update(&mut m, Msg::Undo);
    assert_eq!((m.lesson, &m.scene), (None, &s0));
}

#[test]
fn undoing_a_lesson_change_returns_to_the_step_shown() {
    // Lesson 4 opens at step 6; the class is at step 2 when the clicker
    // goes on: undo shows lesson 4 at step 2, not at lesson 5's step 20.
    let mut m = lesson_model(4);
    update(&mut m, Msg::Seek(2));
    update(&mut m, Msg::StepLesson(1));
    assert_eq!((m.lesson, m.t), (Some(5), 20));
    update(&mut m, Msg::Undo);
    assert_eq!((m.lesson, m.t), (Some(4), 2));
    update(&mut m, Msg::Redo);
    assert_eq!((m.lesson, m.t), (Some(5), 20));
    // A change within a lesson leaves the step where it is now.
    update(&mut m, Msg::Seek(3));
    update(&mut m, Msg::SetSteps(30.0));
    update(&mut m, Msg::Seek(9));
    update(&mut m, Msg::Undo);
    assert_eq!((m.scene.steps, m.t), (20, 9));
}

#[test]
fn restore_lesson_and_the_modified_marker() {
    let mut m = model();
    assert!(!m.lesson_modified(), "free play is never modified");
    update(&mut m, Msg::RestoreLesson);
    assert!(!m.history.can_undo());
    let mut m = lesson_model(2);
    assert!(!m.lesson_modified());
    // Panning is not a different figure.
    update(&mut m, Msg::PanBy { fx: 0.1, fy: 0.0 });
    assert!(!m.lesson_modified());
    let steps = m.scene.steps as f64 + 1.0;
    update(&mut m, Msg::SetSteps(steps));
    assert!(m.lesson_modified());
    m.t = 3;
    let d = update(&mut m, Msg::RestoreLesson);
    assert!(d.has(Dirty::LESSON | Dirty::LESSON_PANELS | Dirty::ALL));
    assert!(!m.lesson_modified());
    assert_eq!(
        (m.scene.clone(), m.t),
        lesson(2).unwrap().opening(),
        "opened as opening it does"
    );
    // Restoring is undoable.
    update(&mut m, Msg::Undo);
    assert!(m.lesson_modified());
    // Re-choosing the lesson restores it too.
    update(&mut m, Msg::SetLesson(Some(2)));
    assert!(!m.lesson_modified());
}

#[test]
fn keyboard_pan_zoom_and_start() {
    let mut m = model();
    let v0 = m.scene.view();
    let d = update(&mut m, Msg::PanBy { fx: 0.1, fy: 0.0 });
    assert!(d.has(Dirty::VIEW));
    let v = m.scene.view();
    assert!((v.x0 - (v0.x0 + 0.1 * v0.width())).abs() < 1e-9);
    assert_eq!((v.y0, v.y1), (v0.y0, v0.y1));
    update(&mut m, Msg::PanBy { fx: 0.0, fy: -0.1 });
    assert!(m.scene.view().y0 < v0.y0);
    let w = m.scene.view().width();
    update(&mut m, Msg::ZoomCentre(0.8));
    assert!((m.scene.view().width() - 0.8 * w).abs() < 1e-9);
    // Held keys make one entry until the key is let go.
    assert_eq!(m.history.len(), 1);
    update(&mut m, Msg::EndGesture);
    // The start handle's arrows: steps of about a hundredth of the view.
    let s = m.scene.start;
    let g = gradscape_core::geometry::nudge_step(m.scene.view().width());
    update(&mut m, Msg::NudgeStart { dx: 1, dy: 0 });
    assert!((m.scene.start[0] - (s[0] + g)).abs() < 1e-9);
    assert!(g >= m.scene.view().width() / 250.0, "{g}: a visible step");
    update(&mut m, Msg::NudgeStart { dx: 0, dy: -10 });
    let gy = gradscape_core::geometry::nudge_step(m.scene.view().height());
    assert!((m.scene.start[1] - (s[1] - 10.0 * gy)).abs() < 1e-9);
    assert_eq!(m.history.len(), 2);
}

#[test]
fn start_fields() {
    let mut m = model();
    let d = update(
        &mut m,
        Msg::SetStartField {
            axis: 0,
            v: 1.23456789,
        },
    );
    assert!(d.has(Dirty::RUNS | Dirty::ERROR));
    assert_eq!(m.scene.start[0], 1.23456789, "typed values are not snapped");
    update(&mut m, Msg::SetStartField { axis: 1, v: -2.0 });
    assert_eq!(m.scene.start, [1.23456789, -2.0]);
    let d = update(&mut m, Msg::SetStartField { axis: 1, v: 1e13 });
    assert_eq!(d, Dirty::ERROR);
    assert_eq!(m.error, Some(GlobalError::Rule(Rule::Start(1), 1e13)));
    assert_eq!(m.scene.start, [1.23456789, -2.0]);
    update(
        &mut m,
        Msg::SetStartField {
            axis: 0,
            v: f64::NAN,
        },
    );
    assert_eq!(m.scene.start, [1.23456789, -2.0]);
    update(&mut m, Msg::Unreadable(Field::Start(0)));
    assert_eq!(m.error, Some(GlobalError::Unreadable(Rule::Start(0))));
    update(&mut m, Msg::SetStartField { axis: 0, v: 0.5 });
    assert_eq!(m.error, None);
    assert_eq!(
        update(&mut m, Msg::SetStartField { axis: 2, v: 0.5 }),
        Dirty::NONE
    );
}

#[test]
fn a_history_size_drag_is_one_entry_and_a_pair_typed_another() {
    use crate::optim::{IntKey, Key, KeyValue, PairKey};
    let mut m = model();
    update(&mut m, Msg::AddOpt(OptKind::Lbfgs));
    update(&mut m, Msg::AddOpt(OptKind::Rprop));
    let n = m.history.len();
    let before = m.scene.clone();
    let hist = Key::Int(IntKey::HistorySize);
    for v in [90, 50, 20, 7] {
        update(
            &mut m,
            Msg::SetKey {
                i: 2,
                key: hist,
                part: 0,
                v: Some(KeyValue::Int(v)),
            },
        );
    }
    update(&mut m, Msg::EndGesture);
    assert_eq!(m.history.len(), n + 1);
    let etas = Key::Pair(PairKey::Etas);
    update(
        &mut m,
        Msg::SetKey {
            i: 3,
            key: etas,
            part: 0,
            v: Some(KeyValue::Pair([0.4, 1.2])),
        },
    );
    assert_eq!(m.history.len(), n + 2);
    update(&mut m, Msg::Undo);
    update(&mut m, Msg::Undo);
    assert_eq!(m.scene, before);
}
