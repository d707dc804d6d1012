//! The quiz's messages: set up, guess (a click, or the arrow keys and
//! Enter), reveal (play to the target, score the guess), try again. The
//! scene may still change under a quiz (a slider, the start): the quiz
//! then asks again about the new runs.

use crate::app::dirty::Dirty;
use crate::app::model::Model;
use crate::app::quiz::{Phase, Quiz};
use crate::quiz::{score, QuizMode, QuizSpec};
use crate::scene::Scene;
use crate::Vec2;

/// The arrow keys move the guess cursor by this share of the view.
pub const CURSOR_STEP: f64 = 1.0 / 40.0;

/// A quiz on `m` (fitted to its scene), paused at its step; or none.
pub(super) fn set(m: &mut Model, spec: Option<QuizSpec>) -> Dirty {
    m.quiz = spec
        .and_then(|s| s.fit(m.scene.steps, m.scene.optimizers.len()))
        .map(|s| Quiz::new(s, m.scene.optimizers.len()));
    if let Some(q) = &m.quiz {
        m.t = q.spec.at;
        // What the quiz asks about is drawn, whatever the link hid: the run
        // to predict, or every trail to name.
        match q.spec.mode {
            QuizMode::Predict => {
                if let Some(h) = m.hidden.get_mut(q.spec.run) {
                    *h = false;
                }
            }
            QuizMode::Which => m.hidden.iter_mut().for_each(|h| *h = false),
        }
    }
    m.playing = false;
    m.replay();
    Dirty::RUNS | Dirty::QUIZ
}

/// The guess placed at `p` (while asking).
pub(super) fn guess(m: &mut Model, p: Vec2) -> Dirty {
    match &mut m.quiz {
        Some(q) if q.asking() && q.predicts() && p[0].is_finite() && p[1].is_finite() => {
            q.guess = Some(p);
            q.cursor = Some(p);
            Dirty::PLOT | Dirty::QUIZ
        }
        _ => Dirty::NONE,
    }
}

/// A plain click on the plot at (`x`, `y`) CSS px while asking: the guess.
/// Whether it was taken.
pub(super) fn click(m: &mut Model, x: f64, y: f64) -> Option<Dirty> {
    if !m.quiz.as_ref().is_some_and(|q| q.asking() && q.predicts()) {
        return None;
    }
    let p = m.viewport(m.scene.view()).world(x, y);
    Some(guess(m, p))
}

/// Where the cursor is: where it was moved, the guess, or the asked run's
/// point at the paused step.
fn cursor(m: &Model, q: &Quiz) -> Vec2 {
    q.cursor.or(q.guess).unwrap_or_else(|| {
        m.runs
            .get(q.spec.run)
            .and_then(|r| r.points.get(m.t.min(r.points.len().saturating_sub(1))))
            .copied()
            .unwrap_or(m.scene.start)
    })
}

/// The cursor moved by (`dx`, `dy`) fortieths of the view, kept inside it.
pub(super) fn move_cursor(m: &mut Model, dx: i32, dy: i32) -> Dirty {
    let Some(q) = m.quiz.as_ref().filter(|q| q.asking() && q.predicts()) else {
        return Dirty::NONE;
    };
    let v = m.scene.view();
    let c = cursor(m, q);
    let p = [
        (c[0] + dx as f64 * v.width() * CURSOR_STEP).clamp(v.x0, v.x1),
        (c[1] + dy as f64 * v.height() * CURSOR_STEP).clamp(v.y0, v.y1),
    ];
    if let Some(q) = &mut m.quiz {
        q.cursor = Some(p);
    }
    Dirty::PLOT | Dirty::QUIZ
}

/// The guess placed at the cursor; pressed again without moving it (a
/// presenter's clicker has few keys), the reveal.
pub(super) fn place_cursor(m: &mut Model) -> Dirty {
    let Some(q) = m.quiz.as_ref().filter(|q| q.asking() && q.predicts()) else {
        return Dirty::NONE;
    };
    let c = cursor(m, q);
    if q.guess == Some(c) {
        return reveal(m);
    }
    guess(m, c)
}

/// A presenter's clicker's PageDown (it has no Enter): the guess placed
/// where its arrows moved the cursor, then the reveal. The reveal alone
/// left the guess unplaced: no distance and no verdict for the class.
pub(super) fn clicker_reveal(m: &mut Model) -> Dirty {
    let moved = m
        .quiz
        .as_ref()
        .filter(|q| q.asking() && q.predicts())
        .and_then(|q| q.cursor.filter(|c| q.guess != Some(*c)));
    let placed = match moved {
        Some(c) => guess(m, c),
        None => Dirty::NONE,
    };
    placed | reveal(m)
}

/// Reveal: the guess scored against the run's point at the target, and the
/// steps from the paused one to the target played.
pub(super) fn reveal(m: &mut Model) -> Dirty {
    let view = m.scene.view();
    let Some(q) = m.quiz.as_mut().filter(|q| q.asking()) else {
        return Dirty::NONE;
    };
    q.phase = Phase::Revealing;
    let at = q.spec.at;
    m.replay();
    let opts = &m.scene.optimizers;
    if let Some(q) = &mut m.quiz {
        q.score = match (q.guess, q.answer) {
            (Some(g), Some((truth, _))) if q.predicts() => Some(score(g, truth, &view)),
            _ => None,
        };
        // A name is right when it names that trail's optimizer (or one
        // set up the same: two such trails cannot be told apart).
        q.right = (!q.predicts()).then(|| {
            q.names
                .iter()
                .enumerate()
                .filter(|(i, n)| {
                    n.is_some_and(|j| opts.get(j).is_some() && opts.get(j) == opts.get(*i))
                })
                .count()
        });
    }
    if m.reduced_motion {
        // Straight to the answer: nothing moves by itself.
        m.t = m.horizon();
        m.playing = false;
        return Dirty::RUNS | Dirty::QUIZ | arrived(m);
    }
    m.t = at;
    m.playing = true;
    m.clock.restart();
    Dirty::RUNS | Dirty::QUIZ | Dirty::ANIMATE
}

/// Back to the paused step, no guess.
pub(super) fn retry(m: &mut Model) -> Dirty {
    let Some(q) = &mut m.quiz else {
        return Dirty::NONE;
    };
    *q = Quiz::new(q.spec, m.scene.optimizers.len());
    m.t = q.spec.at;
    m.playing = false;
    m.replay();
    Dirty::RUNS | Dirty::QUIZ
}

/// Naming the trails: trail `trail` called optimizer `opt` (none: unnamed).
pub(super) fn name(m: &mut Model, trail: usize, opt: Option<usize>) -> Dirty {
    let runs = m.scene.optimizers.len();
    match &mut m.quiz {
        Some(q) if q.asking() && !q.predicts() && trail < runs && opt.is_none_or(|j| j < runs) => {
            q.names[trail] = opt;
            Dirty::QUIZ
        }
        _ => Dirty::NONE,
    }
}

/// After the cursor moved or stopped: revealing and at the horizon is
/// revealed; a reveal paused short of it says where it stopped.
pub(super) fn arrived(m: &mut Model) -> Dirty {
    let h = m.horizon();
    match &mut m.quiz {
        Some(q) if q.phase == Phase::Revealing && m.t >= h => {
            q.phase = Phase::Revealed;
            // The legend: the trails' names come back.
            Dirty::QUIZ | Dirty::PLOT | Dirty::LEGEND
        }
        Some(q) if q.phase == Phase::Revealing && !m.playing => Dirty::QUIZ,
        _ => Dirty::NONE,
    }
}

/// The scene without its window (panning is not a new exercise).
pub(super) fn key(s: &Scene) -> Scene {
    Scene {
        view: None,
        ..s.clone()
    }
}

/// The scene changed under the quiz: it asks again about the new runs
/// (the guess stays), fitted to the new steps; it ends when nothing is
/// left to ask.
pub(super) fn scene_changed(m: &mut Model) -> Dirty {
    let Some(q) = &m.quiz else {
        return Dirty::NONE;
    };
    let (guess, names) = (q.guess, q.names.clone());
    let d = set(m, Some(q.spec));
    if let Some(q) = &mut m.quiz {
        q.guess = guess;
        if q.names.len() == names.len() {
            q.names = names;
        }
    }
    d | Dirty::ALL
}
