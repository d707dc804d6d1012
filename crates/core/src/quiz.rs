//! Predict, then reveal: the exercise a quiz link sets (`quiz=predict(…)`)
//! and how a guess is scored. Plain numbers: the page words the prompt and
//! the verdict (`gradscape-text`), the link reads and writes the spec
//! ([`crate::url::quiz`]).

use crate::landscape::View;
use crate::run::Trajectory;
use crate::Vec2;

/// The question a quiz asks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuizMode {
    /// Where will run `run` be after `ahead` more steps?
    Predict,
    /// Which trail is which optimizer (the names hidden until the reveal)?
    Which,
}

impl QuizMode {
    /// The runs it needs: one to predict, two to tell apart.
    pub fn fewest_runs(self) -> usize {
        match self {
            QuizMode::Predict => 1,
            QuizMode::Which => 2,
        }
    }
}

/// An exercise: paused at step `at`; where will run `run` be after `ahead`
/// more steps (predict), or which trail is which optimizer (which).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuizSpec {
    /// The step the figure pauses at (nothing later is shown before the reveal).
    pub at: usize,
    /// How many steps the reveal plays.
    pub ahead: usize,
    /// The run asked about (0-based; the link writes it 1-based, as the
    /// legend counts); 0 and unused when naming the trails.
    pub run: usize,
    /// Predict a point, or name the trails.
    pub mode: QuizMode,
}

impl QuizSpec {
    /// The step whose point is the answer.
    pub fn target(&self) -> usize {
        self.at.saturating_add(self.ahead)
    }

    /// The spec fitted to a scene of `steps` steps and `runs` runs: `at`
    /// below `steps` (at least one step to predict), the target at most
    /// `steps`, the run one that exists. None when no exercise fits (no
    /// step, no run, or fewer than two trails to tell apart).
    pub fn fit(self, steps: usize, runs: usize) -> Option<QuizSpec> {
        if steps == 0 || runs < self.mode.fewest_runs() {
            return None;
        }
        let at = self.at.min(steps - 1);
        let ahead = self.ahead.clamp(1, steps - at);
        Some(QuizSpec {
            at,
            ahead,
            run: self.run.min(runs - 1),
            mode: self.mode,
        })
    }
}

/// How close a guess was, by its share of the view's diagonal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Within [`CLOSE`] of the diagonal.
    Close,
    /// Within [`NEAR`] of the diagonal.
    Near,
    /// Farther.
    Off,
}

/// A guess this close (share of the view's diagonal) is "close": a few
/// pixels on a phone, about the size of the guess marker on a projector.
pub const CLOSE: f64 = 0.05;
/// A guess this close is "not far": the right region, the wrong spot.
pub const NEAR: f64 = 0.15;

/// A scored guess.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Score {
    /// Where the run really was at the target step.
    pub truth: Vec2,
    /// The distance from the guess to the truth, in the surface's units.
    pub distance: f64,
    /// The distance as a share of the view's diagonal (0.1 = 10 %).
    pub share: f64,
    /// Close, near or off.
    pub verdict: Verdict,
}

/// The point of `run` at step `target`: where it was, or its last point
/// when it stopped before (diverged or faulted), with the step reached.
pub fn truth(run: &Trajectory, target: usize) -> Option<(Vec2, usize)> {
    let last = run.points.len().checked_sub(1)?;
    let step = target.min(last);
    Some((run.points[step], step))
}

/// Score `guess` against `truth` in `view`. The distance is Euclidean in
/// the surface's coordinates; its share is of the view's diagonal so that
/// a verdict means the same at any zoom the author chose.
pub fn score(guess: Vec2, truth: Vec2, view: &View) -> Score {
    let distance = (guess[0] - truth[0]).hypot(guess[1] - truth[1]);
    let diagonal = view.width().hypot(view.height());
    let share = if diagonal > 0.0 && diagonal.is_finite() && distance.is_finite() {
        distance / diagonal
    } else {
        f64::INFINITY
    };
    let verdict = if share <= CLOSE {
        Verdict::Close
    } else if share <= NEAR {
        Verdict::Near
    } else {
        Verdict::Off
    };
    Score {
        truth,
        distance,
        share,
        verdict,
    }
}

/// The quiz maker's "reveal after (steps)" as typed: a whole number from 1
/// to the scene's `steps`, read as every number field reads one
/// ([`crate::format::read_field`]: `1,5` or `abc` is no number); None:
/// refused. The link uses the value kept, which the field then shows.
pub fn read_ahead(text: &str, steps: usize) -> Option<usize> {
    let v = crate::format::read_field(text)?;
    (v.fract() == 0.0 && v >= 1.0 && v <= steps.max(1) as f64).then_some(v as usize)
}

/// Whether no more typing can make `text` a value "reveal after (steps)"
/// takes (`abc`, `1,5`, `-3`): refused at once, as the other fields do;
/// the rest waits for Enter (`0` may become `05`, `200` become `200e-1`).
pub fn ahead_hopeless(text: &str) -> bool {
    match crate::format::typing(text) {
        crate::format::Typing::Not => true,
        crate::format::Typing::Number { v, .. } => v < 0.0,
        crate::format::Typing::Partial => false,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn reveal_after_refuses_at_once_only_what_no_typing_can_mend() {
        for t in ["abc", "1,5", "-3", "-"] {
            assert_eq!(super::ahead_hopeless(t), t != "-", "{t}");
        }
        for t in ["", "0", "2.", "999", "1e"] {
            assert!(!super::ahead_hopeless(t), "{t}");
        }
    }

    #[test]
    fn reveal_after_takes_a_whole_number_from_1_to_the_steps() {
        // These were taken silently as 10 (or clamped) with no mark.
        for bad in ["0", "-3", "1,5", "999", "abc", "2.5", "", "1e400"] {
            assert_eq!(super::read_ahead(bad, 20), None, "{bad}");
        }
        assert_eq!(super::read_ahead(" 5 ", 20), Some(5));
        assert_eq!(super::read_ahead("20", 20), Some(20));
        assert_eq!(super::read_ahead("1e1", 20), Some(10));
        assert_eq!(super::read_ahead("１５", 20), Some(15), "full-width digits");
    }

    use super::*;
    use crate::scene::Scene;

    #[test]
    fn a_guess_is_scored_by_its_distance_and_share_of_the_diagonal() {
        let view = View {
            x0: 0.0,
            x1: 3.0,
            y0: 0.0,
            y1: 4.0,
        };
        let s = score([0.0, 0.0], [0.06, 0.08], &view);
        assert!((s.distance - 0.1).abs() < 1e-12);
        assert!((s.share - 0.02).abs() < 1e-12);
        assert_eq!(s.verdict, Verdict::Close);
        assert_eq!(score([0.0, 0.0], [0.3, 0.4], &view).verdict, Verdict::Near);
        assert_eq!(score([0.0, 0.0], [3.0, 4.0], &view).verdict, Verdict::Off);
        // A run gone far out is off, never NaN.
        let far = score([0.0, 0.0], [1e308, 1e308], &view);
        assert_eq!(far.verdict, Verdict::Off);
        assert!(!far.share.is_nan());
    }

    #[test]
    fn the_truth_is_the_runs_point_or_its_last() {
        let scene = Scene::default();
        let runs = crate::simulate(&scene).unwrap();
        assert_eq!(truth(&runs[0], 7), Some((runs[0].points[7], 7)));
        assert_eq!(truth(&runs[0], 999), Some((runs[0].points[20], 20)));
    }

    #[test]
    fn a_spec_fits_the_scene() {
        let q = QuizSpec {
            at: 30,
            ahead: 50,
            run: 4,
            mode: QuizMode::Predict,
        };
        assert_eq!(
            q.fit(20, 2),
            Some(QuizSpec {
                at: 19,
                ahead: 1,
                run: 1,
                mode: QuizMode::Predict,
            })
        );
        let q = QuizSpec {
            at: 5,
            ahead: 0,
            run: 0,
            mode: QuizMode::Predict,
        };
        assert_eq!(q.fit(20, 1).map(|q| q.ahead), Some(1));
        assert_eq!(q.fit(0, 1), None);
        assert_eq!(q.fit(20, 0), None);
        // Naming the trails needs two.
        let w = QuizSpec {
            mode: QuizMode::Which,
            ..q
        };
        assert_eq!(w.fit(20, 1), None);
        assert_eq!(w.fit(20, 2).map(|w| w.mode), Some(QuizMode::Which));
    }
}
