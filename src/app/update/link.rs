//! A link opened in place of the page's state (Back, Forward).

use super::{all, quiz};
use crate::app::dirty::Dirty;
use crate::app::model::{Drag, Model};

/// What link `l` opens, in place of the page's state: the scene, step
/// and lesson as one undoable change (recorded by [`update`](super::update)), and the
/// language and presenter mode as it says.
pub(super) fn open(m: &mut Model, l: crate::app::link::Link) -> Dirty {
    let mut d = Dirty::LESSON | Dirty::LESSON_PANELS | Dirty::QUIZ | Dirty::NOTICES;
    if m.lang != l.lang {
        m.lang = l.lang;
        d |= Dirty::WORDS;
    }
    if m.present != l.present {
        m.present = l.present;
        d |= Dirty::PRESENT;
    }
    m.playing = false;
    // Back in the middle of a drag or pinch: it was on the figure left.
    m.drag = Drag::None;
    m.pinch = None;
    m.lesson = l.lesson;
    m.scene = l.scene;
    m.hidden = l.hidden;
    m.t = l.t;
    m.quiz = None;
    d |= all(m);
    m.quiz_notices = l.quiz_notices;
    let quiz = crate::app::link::answerable(l.quiz, &m.runs, &mut m.quiz_notices);
    if quiz.is_some() {
        d |= quiz::set(m, quiz);
    }
    m.notices = l.notices;
    d
}
