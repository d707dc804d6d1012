//! The lesson shown: opened, or the next and previous a clicker turns to.

use super::all;
use crate::app::dirty::Dirty;
use crate::app::model::{Drag, Model};
use crate::app::msg::Msg;
use crate::lesson::{lesson, LESSONS};

/// Lesson `id` opened (None: free play).
pub(super) fn set(m: &mut Model, id: Option<usize>) -> Dirty {
    m.lesson = id.filter(|&n| lesson(n).is_some());
    if let Some(l) = m.lesson.and_then(lesson) {
        m.playing = false;
        // A drag or pinch under way was on the figure left (PageDown
        // mid-drag carried its window into the new lesson).
        m.drag = Drag::None;
        m.pinch = None;
        let (scene, t) = l.opening();
        m.scene = scene;
        m.hidden.clear();
        m.t = t;
    }
    // After its reveal, the next lesson ends the quiz.
    let quiz = if m.quiz.take().is_some() {
        Dirty::QUIZ
    } else {
        Dirty::NONE
    };
    // Back returns to the lesson before.
    Dirty::LESSON | Dirty::LESSON_PANELS | Dirty::NEW_ENTRY | quiz | all(m)
}

/// The lesson `delta` away (a clicker's PageUp/PageDown).
pub(super) fn step(m: &mut Model, delta: i64) -> Dirty {
    // The clicker stops at the first and the last lesson (going
    // round from the last to the first, in front of a class, was a
    // jump nobody asked for); from free play it enters at either end.
    let n = LESSONS.len() as i64;
    let next = match m.lesson {
        Some(c) => (c as i64 + delta).clamp(1, n),
        None if delta > 0 => 1,
        None => n,
    };
    if m.lesson == Some(next as usize) {
        return Dirty::NONE;
    }
    super::apply(m, Msg::SetLesson(Some(next as usize)))
}
