//! The quiz: paused at its step with nothing later reachable, a guess by a
//! click or the keys, the reveal played to the target and the guess scored
//! against the core's trajectory, try again.

use super::*;
use crate::app::{Phase, PointerKind};
use crate::quiz::{QuizMode, QuizSpec, Verdict};

fn quiz_model() -> Model {
    let mut m = model();
    let d = update(
        &mut m,
        Msg::SetQuiz(Some(QuizSpec {
            at: 5,
            ahead: 10,
            run: 1,
            mode: QuizMode::Predict,
        })),
    );
    assert!(d.has(Dirty::QUIZ) && d.has(Dirty::RUNS));
    m
}

fn run_to_the_end(m: &mut Model) {
    m.clock.speed = 10000.0;
    update(m, Msg::Tick(0.0));
    for i in 1..50 {
        update(m, Msg::Tick(i as f64 * 250.0));
    }
}

#[test]
fn a_quiz_pauses_at_its_step_and_nothing_later_is_reachable() {
    let mut m = quiz_model();
    assert_eq!(m.t, 5);
    assert!(!m.playing);
    // The runs shown end at step 5: no trail, loss or status shows more.
    for r in &m.runs {
        assert_eq!(r.points.len(), 6);
        assert_eq!(r.loss.len(), 6);
    }
    // Scrubbing, stepping and playing past it are refused.
    update(&mut m, Msg::Seek(15));
    assert_eq!(m.t, 5);
    update(&mut m, Msg::Step(1));
    assert_eq!(m.t, 5);
    update(&mut m, Msg::Seek(usize::MAX));
    assert_eq!(m.t, 5);
    update(&mut m, Msg::Step(-2));
    assert_eq!(m.t, 3);
    update(&mut m, Msg::TogglePlay);
    run_to_the_end(&mut m);
    assert_eq!(m.t, 5);
    assert!(!m.playing);
    // The answer is still from the whole run.
    let full = crate::simulate(&m.scene).unwrap();
    let q = m.quiz.as_ref().unwrap();
    assert_eq!(q.answer, Some((full[1].points[15], 15)));
}

#[test]
fn a_click_takes_the_guess_and_the_reveal_scores_it_against_the_trajectory() {
    let mut m = quiz_model();
    // A plain click on the start ring places a guess, it does not grab the start.
    let ring = m.viewport(m.scene.view()).px(m.scene.start);
    let down = |x, y| Msg::PointerDown {
        id: 1,
        x,
        y,
        kind: PointerKind::Mouse,
        modified: false,
    };
    update(&mut m, down(ring.0, ring.1));
    update(
        &mut m,
        Msg::PointerUp {
            id: 1,
            x: ring.0,
            y: ring.1,
            click: true,
        },
    );
    assert_eq!(m.scene.start, Scene::default().start);
    // Clicking again moves it.
    update(&mut m, down(120.0, 250.0));
    let d = update(
        &mut m,
        Msg::PointerUp {
            id: 1,
            x: 120.0,
            y: 250.0,
            click: true,
        },
    );
    assert!(d.has(Dirty::QUIZ) && d.has(Dirty::PLOT));
    let g = m.viewport(m.scene.view()).world(120.0, 250.0);
    assert_eq!(m.quiz.as_ref().unwrap().guess, Some(g));

    let d = update(&mut m, Msg::QuizReveal);
    assert!(d.has(Dirty::ANIMATE) && m.playing);
    assert_eq!(m.quiz.as_ref().unwrap().phase, Phase::Revealing);
    // A guess cannot move once revealed.
    update(&mut m, Msg::QuizGuess([0.0, 0.0]));
    assert_eq!(m.quiz.as_ref().unwrap().guess, Some(g));
    // Paused or sent back on the way, the reveal's words are redrawn (they
    // say where it stopped) and it is still to come.
    for msg in [Msg::TogglePlay, Msg::Seek(0)] {
        let d = update(&mut m, msg);
        assert!(d.has(Dirty::QUIZ) && !m.playing);
        assert_eq!(m.quiz.as_ref().unwrap().phase, Phase::Revealing);
    }
    update(&mut m, Msg::TogglePlay);
    run_to_the_end(&mut m);
    assert_eq!(m.t, 15);
    assert_eq!(m.runs[1].points.len(), 16);
    let q = m.quiz.as_ref().unwrap();
    assert_eq!(q.phase, Phase::Revealed);
    let truth = crate::simulate(&m.scene).unwrap()[1].points[15];
    let s = q.score.unwrap();
    assert_eq!(s.truth, truth);
    let dist = ((g[0] - truth[0]).powi(2) + (g[1] - truth[1]).powi(2)).sqrt();
    assert!(
        (s.distance - dist).abs() < 1e-12,
        "{} vs {dist}",
        s.distance
    );
    let v = m.scene.view();
    assert!((s.share - dist / v.width().hypot(v.height())).abs() < 1e-12);

    // Try again: back at step 5, no guess, the future hidden again.
    update(&mut m, Msg::QuizRetry);
    let q = m.quiz.as_ref().unwrap();
    assert_eq!(
        (m.t, q.phase, q.guess, q.score),
        (5, Phase::Asking, None, None)
    );
    assert_eq!(m.runs[0].points.len(), 6);
}

#[test]
fn the_keys_move_a_guess_cursor_from_the_run_and_enter_places_it() {
    let mut m = quiz_model();
    let here = m.runs[1].points[5];
    update(&mut m, Msg::QuizCursor { dx: 2, dy: -1 });
    let v = m.scene.view();
    let want = [
        here[0] + 2.0 * v.width() / 40.0,
        here[1] - v.height() / 40.0,
    ];
    let q = m.quiz.as_ref().unwrap();
    assert_eq!(q.cursor, Some(want));
    assert_eq!(q.guess, None);
    update(&mut m, Msg::QuizPlaceCursor);
    assert_eq!(m.quiz.as_ref().unwrap().guess, Some(want));
    // Enter again, the cursor unmoved: the reveal.
    update(&mut m, Msg::QuizPlaceCursor);
    assert_eq!(m.quiz.as_ref().unwrap().phase, Phase::Revealing);
    // A guess on the very point is close.
    update(&mut m, Msg::QuizRetry);
    let truth = crate::simulate(&m.scene).unwrap()[1].points[15];
    update(&mut m, Msg::QuizGuess(truth));
    update(&mut m, Msg::QuizReveal);
    let s = m.quiz.as_ref().unwrap().score.unwrap();
    assert_eq!((s.distance, s.verdict), (0.0, Verdict::Close));
}

#[test]
fn a_scene_change_asks_again_and_panning_does_not() {
    let mut m = quiz_model();
    update(&mut m, Msg::QuizGuess([1.0, 1.0]));
    update(&mut m, Msg::QuizReveal);
    run_to_the_end(&mut m);
    update(&mut m, Msg::PanBy { fx: 0.1, fy: 0.0 });
    assert_eq!(m.quiz.as_ref().unwrap().phase, Phase::Revealed);
    // A new η: a new question about the new runs; the guess stays.
    update(&mut m, hyper(1, HyperKey::Lr, 0.2, false));
    let q = m.quiz.as_ref().unwrap();
    assert_eq!(
        (q.phase, q.guess, m.t),
        (Phase::Asking, Some([1.0, 1.0]), 5)
    );
    assert_eq!(m.runs[1].points.len(), 6);
    let full = crate::simulate(&m.scene).unwrap();
    assert_eq!(q.answer, Some((full[1].points[15], 15)));
    // Fewer steps than the quiz asks about: it is fitted; none: it ends.
    update(&mut m, Msg::SetSteps(8.0));
    let q = m.quiz.as_ref().unwrap();
    assert_eq!((q.spec.at, q.spec.target()), (5, 8));
    update(&mut m, Msg::SetSteps(0.0));
    assert!(m.quiz.is_none());
    assert_eq!(m.t, 0);
}

#[test]
fn naming_the_trails_counts_the_right_names_at_the_reveal() {
    let mut m = model();
    update(&mut m, Msg::AddOpt(OptKind::Adam));
    update(
        &mut m,
        Msg::SetQuiz(Some(QuizSpec {
            at: 4,
            ahead: 6,
            run: 0,
            mode: QuizMode::Which,
        })),
    );
    assert_eq!(m.t, 4);
    assert!(m.quiz.as_ref().unwrap().hides_names());
    // A click names nothing and places no guess.
    update(&mut m, Msg::QuizGuess([0.0, 0.0]));
    assert_eq!(m.quiz.as_ref().unwrap().guess, None);
    update(
        &mut m,
        Msg::QuizName {
            trail: 0,
            opt: Some(0),
        },
    );
    update(
        &mut m,
        Msg::QuizName {
            trail: 1,
            opt: Some(2),
        },
    );
    update(
        &mut m,
        Msg::QuizName {
            trail: 2,
            opt: Some(1),
        },
    );
    // Out of range: refused.
    assert_eq!(
        update(
            &mut m,
            Msg::QuizName {
                trail: 3,
                opt: Some(0)
            }
        ),
        Dirty::NONE
    );
    assert_eq!(
        update(
            &mut m,
            Msg::QuizName {
                trail: 0,
                opt: Some(9)
            }
        ),
        Dirty::NONE
    );
    update(&mut m, Msg::QuizReveal);
    run_to_the_end(&mut m);
    let q = m.quiz.as_ref().unwrap();
    assert_eq!((m.t, q.phase, q.right), (10, Phase::Revealed, Some(1)));
    assert!(!q.hides_names());
    // Names cannot change after the reveal; Try again clears them.
    update(
        &mut m,
        Msg::QuizName {
            trail: 1,
            opt: Some(1),
        },
    );
    assert_eq!(m.quiz.as_ref().unwrap().names[1], Some(2));
    update(&mut m, Msg::QuizRetry);
    let q = m.quiz.as_ref().unwrap();
    assert_eq!((q.names.clone(), q.right), (vec![None; 3], None));
}

#[test]
fn the_lesson_keys_wait_for_the_reveal_then_end_the_quiz() {
    let mut m = quiz_model();
    let scene = m.scene.clone();
    // A clicker's PageDown while the class is asked: nothing changes but
    // the picker, put back.
    for msg in [
        Msg::StepLesson(1),
        Msg::SetLesson(Some(3)),
        Msg::RestoreLesson,
    ] {
        assert_eq!(update(&mut m, msg), Dirty::LESSON);
        assert_eq!(m.scene, scene);
        assert_eq!(m.lesson, None);
        assert_eq!(m.t, 5);
        assert!(m.quiz.is_some());
    }
    // Presenting, the clicker's PageDown is the reveal (it has no Enter);
    // PageUp still changes nothing.
    update(&mut m, Msg::SetPresent(true));
    assert_eq!(update(&mut m, Msg::StepLesson(-1)), Dirty::LESSON);
    update(&mut m, Msg::StepLesson(1));
    assert_eq!(m.quiz.as_ref().map(|q| q.phase), Some(Phase::Revealing));
    assert_eq!((m.scene.clone(), m.lesson), (scene, None));
    // The black screen does not pause the reveal: paused, it waits for ▶,
    // which a clicker does not have.
    assert!(m.playing);
    assert_eq!(update(&mut m, Msg::Pause), Dirty::NONE);
    assert!(m.playing);
    run_to_the_end(&mut m);
    assert_eq!(m.quiz.as_ref().map(|q| q.phase), Some(Phase::Revealed));
    // After the reveal the next lesson is a lesson, not the quiz again.
    let d = update(&mut m, Msg::StepLesson(1));
    assert!(d.has(Dirty::QUIZ));
    assert_eq!(m.lesson, Some(1));
    assert!(m.quiz.is_none());
}

#[test]
fn with_reduced_motion_the_reveal_jumps_to_the_answer() {
    let mut m = quiz_model();
    m.reduced_motion = true;
    update(&mut m, Msg::QuizPlaceCursor);
    let d = update(&mut m, Msg::QuizReveal);
    assert!(!m.playing && !d.has(Dirty::ANIMATE));
    let q = m.quiz.as_ref().unwrap();
    assert_eq!(q.phase, Phase::Revealed);
    assert_eq!(m.t, 15);
    assert!(q.score.is_some());
    assert!(d.has(Dirty::LEGEND) && d.has(Dirty::QUIZ));
}

#[test]
fn a_quiz_draws_what_it_asks_about_whatever_the_link_hid() {
    // A link hiding both runs and asking where run 2 will be: run 2 is
    // drawn, run 1 stays hidden.
    let mut m = model();
    m.hidden = vec![true, true];
    let spec = QuizSpec {
        at: 5,
        ahead: 10,
        run: 1,
        mode: QuizMode::Predict,
    };
    update(&mut m, Msg::SetQuiz(Some(spec)));
    assert_eq!(m.hidden, [true, false]);
    // Naming the trails: every trail is drawn.
    m.hidden = vec![true, true];
    let which = QuizSpec {
        mode: QuizMode::Which,
        ..spec
    };
    update(&mut m, Msg::SetQuiz(Some(which)));
    assert_eq!(m.hidden, [false, false]);
}

#[test]
fn a_cut_run_keeps_no_trace_of_how_it_ends() {
    // GD η = 0.6 on the bowl leaves the finite world by step 200: the
    // step that left (its η and loss) is part of the future a quiz hides.
    let s =
        Scene::from_json(r#"{"steps": 200, "optimizers": [{"kind": "gd", "lr": 0.6}]}"#).unwrap();
    let mut r = crate::run::simulate(&s).unwrap().remove(0);
    assert!(r.left.is_some(), "{:?}", r.stop);
    crate::app::quiz::cut(&mut r, 5);
    assert_eq!((r.stop, r.left), (crate::run::Stop::Completed, None));
}

#[test]
fn presenting_the_clickers_page_down_places_the_guess_its_arrows_moved_then_reveals() {
    // A teacher's trial: the arrows moved the cursor, PageDown revealed
    // with no guess placed (no distance, no verdict).
    let mut m = quiz_model();
    update(&mut m, Msg::SetPresent(true));
    update(&mut m, Msg::QuizCursor { dx: 2, dy: -1 });
    let c = m.quiz.as_ref().unwrap().cursor.unwrap();
    assert_eq!(m.quiz.as_ref().unwrap().guess, None);
    update(&mut m, Msg::StepLesson(1));
    let q = m.quiz.as_ref().unwrap();
    assert_eq!(q.phase, Phase::Revealing);
    assert_eq!(q.guess, Some(c));
    assert!(q.score.is_some(), "scored: a distance and a verdict");
    // Without a moved cursor there is nothing to place: the class answered
    // aloud, the reveal alone.
    let mut m = quiz_model();
    update(&mut m, Msg::SetPresent(true));
    update(&mut m, Msg::StepLesson(1));
    let q = m.quiz.as_ref().unwrap();
    assert_eq!(
        (q.phase, q.guess, q.score.is_some()),
        (Phase::Revealing, None, false)
    );
}
