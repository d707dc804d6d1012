//! Browser history: which messages get a new entry (Back returns to the
//! one before), and a link read again by Back or Forward.

use super::*;
use crate::app::link::read;
use crate::lesson::lesson;

#[test]
fn choosing_a_lesson_gets_a_new_entry_and_nothing_else_does() {
    let mut m = model();
    for msg in [
        Msg::SetLesson(Some(1)),
        Msg::StepLesson(1),
        Msg::StepLesson(-1),
        Msg::SetLesson(None),
    ] {
        assert!(msg.may_start_entry(), "{msg:?}");
        assert!(update(&mut m, msg.clone()).has(Dirty::NEW_ENTRY), "{msg:?}");
    }
    update(&mut m, Msg::SetLesson(Some(2)));
    for msg in [
        hyper(0, HyperKey::Lr, 0.3, true),
        Msg::EndGesture,
        Msg::SetSteps(30.0),
        Msg::Seek(3),
        Msg::PanBy { fx: 0.1, fy: 0.0 },
        Msg::Undo,
        Msg::Redo,
        Msg::SetLang(Lang::Zh),
        Msg::SetPresent(true),
    ] {
        assert!(
            !update(&mut m, msg.clone()).has(Dirty::NEW_ENTRY),
            "{msg:?}"
        );
    }
    // ↺ lesson, and presenting, → past the lesson's last step.
    assert!(update(&mut m, Msg::RestoreLesson).has(Dirty::NEW_ENTRY));
    let end = m.scene.steps;
    update(&mut m, Msg::Seek(end));
    assert!(update(&mut m, Msg::Step(1)).has(Dirty::NEW_ENTRY));
    // The page notes the link of the entry left before each of these.
    assert!(Msg::RestoreLesson.may_start_entry() && Msg::Step(1).may_start_entry());
    assert_eq!(m.lesson, Some(3));
}

#[test]
fn a_link_read_again_shows_its_scene_as_one_undoable_change() {
    let mut m = model();
    update(&mut m, Msg::SetLesson(Some(1)));
    update(&mut m, Msg::StepLesson(1));
    update(&mut m, hyper(0, HyperKey::Lr, 0.3, true));
    update(&mut m, Msg::SetPresent(true));
    let undo = m.history.len();
    // Back to lesson 1's entry, written by the page in Chinese.
    let (link, _) = read("?lesson=1&t=5&lang=zh", Lang::En);
    let d = update(&mut m, Msg::OpenLink(Box::new(link)));
    assert_eq!(m.lesson, Some(1));
    assert_eq!((&m.scene, m.t), (&lesson(1).unwrap().opening().0, 5));
    assert_eq!((m.lang, m.present), (Lang::Zh, false));
    assert!(d.has(Dirty::ALL | Dirty::LESSON | Dirty::WORDS | Dirty::PRESENT | Dirty::NOTICES));
    assert!(!d.has(Dirty::NEW_ENTRY), "Back pushes nothing");
    assert_eq!(m.history.len(), undo + 1);
    update(&mut m, Msg::Undo);
    assert_eq!(m.lesson, Some(2));
    assert_eq!(HyperKey::Lr.get(&m.scene.optimizers[0].hyper), 0.3);
}

#[test]
fn a_link_read_again_says_what_it_dropped_and_sets_its_quiz() {
    let mut m = model();
    let (link, _) = read("?steps=abc&quiz=predict(at=4)", Lang::En);
    update(&mut m, Msg::OpenLink(Box::new(link)));
    assert_eq!(m.notices.len(), 1, "{:?}", m.notices);
    assert_eq!(m.quiz.as_ref().map(|q| q.spec.at), Some(4));
    assert_eq!(m.t, 4);
    // A link without problems clears them; without a quiz, none.
    let (link, _) = read("?lesson=3", Lang::En);
    update(&mut m, Msg::OpenLink(Box::new(link)));
    assert!(m.notices.is_empty() && m.quiz.is_none());
}

#[test]
fn a_drag_under_way_ends_with_back_and_with_a_lesson_change() {
    for open in [
        |_: &Model| Msg::SetLesson(Some(1)),
        |_: &Model| Msg::OpenLink(Box::new(read("?lesson=1", Lang::En).0)),
    ] {
        let mut m = model();
        update(&mut m, Msg::SetLesson(Some(9)));
        // A pan under way on lesson 9's figure.
        update(&mut m, super::pointer::down(1, 200.0, 200.0));
        let mv = |x| Msg::PointerMove { id: 1, x, y: 200.0 };
        update(&mut m, mv(240.0));
        let msg = open(&m);
        update(&mut m, msg);
        assert!(matches!(m.drag, Drag::None));
        let view = m.scene.view();
        // The next move of that pointer is not a pan of lesson 1.
        update(&mut m, mv(280.0));
        assert_eq!(m.scene.view(), view);
        assert_eq!(m.scene.view(), lesson(1).unwrap().opening().0.view());
    }
}

#[test]
fn back_to_an_entry_shows_its_hidden_runs_and_undo_brings_the_ones_before() {
    let mut m = model();
    update(&mut m, Msg::AddOpt(crate::optim::OptKind::Adam));
    update(&mut m, Msg::ShowRun { i: 2, on: false });
    let (link, _) = read("?opt=gd;momentum;adam&hidden=2", Lang::En);
    update(&mut m, Msg::OpenLink(Box::new(link)));
    assert_eq!(m.hidden, [false, true, false]);
    // One change: ↶ shows the page's runs as they were, Adam hidden.
    update(&mut m, Msg::Undo);
    assert_eq!(m.hidden, [false, false, true]);
    update(&mut m, Msg::Redo);
    assert_eq!(m.hidden, [false, true, false]);
}

#[test]
fn hidden_runs_stay_with_their_runs_through_remove_add_and_undo() {
    let mut m = model();
    update(&mut m, Msg::AddOpt(crate::optim::OptKind::Adam));
    // Momentum (run 2) hidden, then GD removed: Momentum is still the one.
    update(&mut m, Msg::ShowRun { i: 1, on: false });
    update(&mut m, Msg::RemoveOpt(0));
    assert_eq!(m.hidden, [true, false]);
    update(&mut m, Msg::AddOpt(crate::optim::OptKind::Gd));
    assert_eq!(m.hidden, [true, false, false]);
    update(&mut m, Msg::Undo);
    assert_eq!(m.hidden, [true, false]);
    // GD back: the hidden run is Momentum again, not GD.
    update(&mut m, Msg::Undo);
    assert_eq!(m.scene.optimizers.len(), 3);
    assert_eq!(m.hidden, [false, true, false]);
    // A box ticked is a change of its own: ↶ shows the run again.
    update(&mut m, Msg::Undo);
    assert_eq!(m.hidden, [false, false, false]);
    update(&mut m, Msg::Redo);
    assert_eq!(m.hidden, [false, true, false]);
}
