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
