//! The quiz's state (predict, then reveal): where the figure pauses, the
//! student's guess, and what the page may show. While the quiz asks, the
//! runs the model holds end at the paused step, so no trail, loss curve,
//! legend status, summary or inspector can show what comes next.

use crate::quiz::{QuizMode, QuizSpec, Score};
use crate::run::{Stop, Trajectory};
use crate::Vec2;

/// Where the exercise is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Paused at `at`; the student places a guess.
    Asking,
    /// Playing from `at` to the target.
    Revealing,
    /// At the target: the truth, the line from the guess and the result.
    Revealed,
}

/// A quiz on the page.
#[derive(Debug, Clone, PartialEq)]
pub struct Quiz {
    /// The exercise (fitted to the scene).
    pub spec: QuizSpec,
    /// The guess placed, in the surface's coordinates.
    pub guess: Option<Vec2>,
    /// The keyboard's guess cursor, once an arrow key moved it.
    pub cursor: Option<Vec2>,
    /// Asking, revealing or revealed.
    pub phase: Phase,
    /// The asked run's point at the target and the step it is of (earlier
    /// when the run stopped before the target), from the full replay.
    pub answer: Option<(Vec2, usize)>,
    /// The guess scored at the reveal.
    pub score: Option<Score>,
    /// Naming the trails: the optimizer the student gave each trail.
    pub names: Vec<Option<usize>>,
    /// Naming the trails: how many were right, counted at the reveal.
    pub right: Option<usize>,
}

impl Quiz {
    /// A quiz asking `spec`, nothing guessed yet.
    pub fn new(spec: QuizSpec, runs: usize) -> Quiz {
        Quiz {
            names: vec![None; runs],
            right: None,
            spec,
            guess: None,
            cursor: None,
            phase: Phase::Asking,
            answer: None,
            score: None,
        }
    }

    /// The last step the page may show now.
    pub fn horizon(&self) -> usize {
        match self.phase {
            Phase::Asking => self.spec.at,
            Phase::Revealing | Phase::Revealed => self.spec.target(),
        }
    }

    /// Whether the student is asked (a click places the guess).
    pub fn asking(&self) -> bool {
        self.phase == Phase::Asking
    }

    /// Whether the answer is still to come (asking, or playing the reveal):
    /// what would give it away waits.
    pub fn before_reveal(&self) -> bool {
        self.phase != Phase::Revealed
    }

    /// Whether it asks for a point (not for the trails' names).
    pub fn predicts(&self) -> bool {
        self.spec.mode == QuizMode::Predict
    }

    /// Whether the trails' names are hidden (naming them, before the reveal).
    pub fn hides_names(&self) -> bool {
        self.spec.mode == QuizMode::Which && self.before_reveal()
    }
}

/// Cut a run after step `h`: it then looks like a run of `h` steps that
/// went fine (how it ends is part of the answer).
pub fn cut(run: &mut Trajectory, h: usize) {
    if run.points.len() <= h + 1 {
        return;
    }
    run.points.truncate(h + 1);
    run.loss.truncate(h + 1);
    run.states.truncate(h);
    run.lr.truncate(h);
    if !run.momentum.is_empty() {
        run.momentum.truncate(h);
    }
    run.stop = Stop::Completed;
    // How it ends is the future the quiz hides.
    run.left = None;
}

/// Before the runs are shown: the answer from the full `runs`, then every
/// run cut at what the quiz lets the page show.
pub fn hide_future(quiz: &mut Quiz, runs: &mut [Trajectory]) {
    quiz.answer = runs
        .get(quiz.spec.run)
        .and_then(|r| crate::quiz::truth(r, quiz.spec.target()));
    let h = quiz.horizon();
    for r in runs {
        cut(r, h);
    }
}
