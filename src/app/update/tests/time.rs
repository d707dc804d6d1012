//! The time bar and the legend.

use super::*;

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
    // Pause (the black screen) stops a playing run where it is, and is
    // nothing when paused.
    update(&mut m, Msg::TogglePlay);
    assert_eq!(update(&mut m, Msg::Pause), Dirty::STEP);
    assert!(!m.playing && m.t == 2);
    assert_eq!(update(&mut m, Msg::Pause), Dirty::NONE);
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
    // The picture and its link change (an undoable change, as the view's).
    assert!(update(&mut m, Msg::ShowRun { i: 1, on: false }).has(Dirty::VIEW));
    assert_eq!(m.hidden, vec![false, true]);
    update(&mut m, Msg::ShowRun { i: 1, on: true });
    assert_eq!(m.hidden, vec![false, false]);
}

#[test]
fn steps_typed_digit_by_digit_keep_the_step_shown_when_typing_began() {
    let mut m = model();
    update(&mut m, Msg::Seek(12));
    // "5", then "50": the cursor is not left at 5.
    update(&mut m, Msg::SetSteps(5.0));
    assert_eq!(m.t, 5);
    update(&mut m, Msg::SetSteps(50.0));
    assert_eq!((m.scene.steps, m.t), (50, 12));
    // "1" … "100000" the same way.
    for v in [1.0, 10.0, 100.0, 1000.0] {
        update(&mut m, Msg::SetSteps(v));
    }
    assert_eq!((m.scene.steps, m.t), (1000, 12));
    // Once the typing has ended, a shorter run clamps the cursor for good
    // (to its last step, which a longer run then follows).
    update(&mut m, Msg::EndGesture);
    update(&mut m, Msg::SetSteps(8.0));
    update(&mut m, Msg::EndGesture);
    update(&mut m, Msg::Seek(3));
    update(&mut m, Msg::SetSteps(30.0));
    assert_eq!((m.scene.steps, m.t), (30, 3));
}
