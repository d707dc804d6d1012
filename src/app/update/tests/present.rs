//! Presenter mode: on, off, toggled; the scene untouched.

use super::*;

#[test]
fn presenter_mode_toggles_and_redraws_without_touching_the_scene() {
    let mut m = model();
    let scene = m.scene.clone();
    assert!(!m.present);
    let d = update(&mut m, Msg::TogglePresent);
    assert!(m.present);
    assert!(d.has(Dirty::PRESENT) && d.has(Dirty::PLOT) && d.has(Dirty::LINK));
    assert_eq!(m.scene, scene);
    // Setting what is already set redraws nothing.
    assert!(update(&mut m, Msg::SetPresent(true)).is_empty());
    let d = update(&mut m, Msg::TogglePresent);
    assert!(!m.present && d.has(Dirty::PRESENT));
    update(&mut m, Msg::SetPresent(true));
    assert!(m.present);
    // A lesson or a language keeps the mode.
    update(&mut m, Msg::SetLesson(Some(5)));
    update(&mut m, Msg::SetLang(Lang::Zh));
    assert!(m.present);
}

#[test]
fn presenting_a_lesson_the_arrows_turn_the_page_at_its_ends() {
    // A clicker that sends → and ←: at a lesson's last step → opens the
    // next lesson, at step 0 ← the one before; in between they step.
    let mut m = model();
    update(&mut m, Msg::SetLesson(Some(2)));
    let end = m.horizon();
    m.t = end;
    // Not presenting: → at the end stays.
    update(&mut m, Msg::Step(1));
    assert_eq!((m.lesson, m.t), (Some(2), end));
    update(&mut m, Msg::SetPresent(true));
    update(&mut m, Msg::Step(1));
    assert_eq!(m.lesson, Some(3));
    update(&mut m, Msg::Seek(1));
    update(&mut m, Msg::Step(-1));
    assert_eq!((m.lesson, m.t), (Some(3), 0), "a step back first");
    update(&mut m, Msg::Step(-1));
    assert_eq!(m.lesson, Some(2));
    // A held key's repeats step but never turn the page (a held → went
    // from lesson 4 to 14: each lesson opens at its end).
    let end = m.horizon();
    m.t = end - 1;
    update(&mut m, Msg::StepHeld(1));
    update(&mut m, Msg::StepHeld(1));
    assert_eq!((m.lesson, m.t), (Some(2), end));
    m.t = 0;
    update(&mut m, Msg::StepHeld(-1));
    assert_eq!((m.lesson, m.t), (Some(2), 0));
    // The last lesson: → at its end changes nothing.
    update(&mut m, Msg::SetLesson(Some(LESSONS.len())));
    m.t = m.horizon();
    update(&mut m, Msg::Step(1));
    assert_eq!(m.lesson, Some(LESSONS.len()));
}
