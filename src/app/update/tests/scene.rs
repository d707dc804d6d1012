//! The scene's global controls, lessons, language.

use super::*;
use crate::landscape::Param;

#[test]
fn surface_and_its_parameters() {
    let mut m = model();
    let d = update(
        &mut m,
        Msg::SetSurface(Landscape::from_kind("rosenbrock").unwrap()),
    );
    assert!(d.has(Dirty::ALL));
    assert_eq!(m.scene.landscape.kind(), "rosenbrock");
    assert_eq!(m.scene.start, m.scene.landscape.default_start());
    // `expr` opens the current surface as a formula, same window.
    let view = m.scene.view();
    update(
        &mut m,
        Msg::SetSurface(Landscape::from_kind("expr").unwrap()),
    );
    assert!(matches!(m.scene.landscape, Landscape::Expr(_)));
    assert_eq!(m.scene.view, Some(view));
    update(
        &mut m,
        Msg::SetSurface(Landscape::from_kind("quadratic").unwrap()),
    );
    let d = update(
        &mut m,
        Msg::SetSurfaceParam {
            key: Param::A,
            v: 3.0,
        },
    );
    assert!(d.has(Dirty::RUNS | Dirty::FORMULA));
    assert_eq!(m.scene.to_value()["landscape"]["a"], 3.0);
    // (GD η = 0.4 diverges with a = 3: its hint's η, which the page fills
    // after the paint, filled here.)
    update(&mut m, Msg::FillCalmer);
    let d = update(
        &mut m,
        Msg::SetSurfaceParam {
            key: Param::A,
            v: -1e300,
        },
    );
    assert_eq!(d, Dirty::ERROR);
    assert!(matches!(m.error, Some(GlobalError::Scene(..))));
}

#[test]
fn formula() {
    let mut m = model();
    let d = update(&mut m, Msg::SetFormula("x^2 + 3*y^2".into()));
    assert!(d.has(Dirty::RUNS | Dirty::FORMULA));
    assert!(matches!(m.scene.landscape, Landscape::Expr(_)));
    // GD η = 0.4 diverges on it: its hint's smaller η is searched after
    // the paint (asked for until then).
    assert!(d.has(Dirty::CALMER), "{d:?}");
    while m.calmer_due() {
        update(&mut m, Msg::FillCalmer);
    }
    // The same formula again: nothing to replay.
    assert_eq!(
        update(&mut m, Msg::SetFormula("x^2 + 3*y^2".into())),
        Dirty::FORMULA
    );
    let before = m.scene.clone();
    assert_eq!(
        update(&mut m, Msg::SetFormula("x^".into())),
        Dirty::FORMULA | Dirty::PAUSE
    );
    assert_eq!(m.scene, before);
    assert_eq!(m.expr_error.as_ref().map(|e| e.0.as_str()), Some("x^"));
}

#[test]
fn an_unfinished_formula_s_error_waits_for_a_pause_or_enter() {
    let mut m = model();
    let typed = "0.1*x^2 + 2*y^2";
    for k in 1..=typed.len() {
        update(&mut m, Msg::SetFormula(typed[..k].into()));
        // `0.1*x^`, `0.1*x^2 +`: refused, but its message is held.
        assert!(
            m.expr_error.is_none() || m.expr_error_held,
            "no error shown at {:?}",
            &typed[..k]
        );
    }
    assert!(m.expr_error.is_none());
    assert_eq!(m.scene.landscape.as_formula(), "0.1*x^2 + 2*y^2");
    // A pause on an unfinished formula shows its error, the picture kept.
    update(&mut m, Msg::SetFormula("0.1*x^2 + 2*y^".into()));
    assert!(m.expr_error_held);
    assert_eq!(update(&mut m, Msg::FormulaPaused), Dirty::FORMULA);
    assert!(m.expr_error.is_some() && !m.expr_error_held);
    assert_eq!(m.scene.landscape.as_formula(), "0.1*x^2 + 2*y^2");
    assert_eq!(update(&mut m, Msg::FormulaPaused), Dirty::NONE, "once");
    // Typing on holds it again; a valid formula clears it at once.
    update(&mut m, Msg::SetFormula("0.1*x^2 + 2*y^(".into()));
    assert!(m.expr_error_held);
    update(&mut m, Msg::SetFormula("0.1*x^2 + 2*y^3".into()));
    assert_eq!((m.expr_error.is_none(), m.expr_error_held), (true, false));
    assert_eq!(update(&mut m, Msg::FormulaPaused), Dirty::NONE);
    // Enter on an unfinished formula shows its error at once.
    update(&mut m, Msg::SetFormula("x^".into()));
    update(&mut m, Msg::FormulaDone("x^".into()));
    assert!(m.expr_error.is_some() && !m.expr_error_held);
}

#[test]
fn enter_on_an_unfinished_formula_keeps_the_one_shown_through_a_pause() {
    // `x^2 + 3*y^2` shown for seconds, then `(x^2` typed over it and
    // Enter: the surface (and the link) had gone back to the formula from
    // before the field was focused, under a message saying the surface
    // shown is the last valid formula.
    let mut m = model();
    m.history.close();
    let (before, depth) = (m.scene.clone(), m.history.len());
    let d = update(&mut m, Msg::SetFormula("x^2 + 3*y^2".into()));
    assert!(d.has(Dirty::PAUSE), "a pause is awaited");
    update(&mut m, Msg::FormulaPaused);
    let shown = m.scene.clone();
    for text in ["(", "(x", "(x^", "(x^2"] {
        update(&mut m, Msg::SetFormula(text.into()));
    }
    update(&mut m, Msg::FormulaDone("(x^2".into()));
    assert_eq!(m.scene, shown, "the formula shown stays in effect");
    assert_eq!(m.expr_error.as_ref().map(|e| e.0.as_str()), Some("(x^2"));
    assert_eq!(m.history.len(), depth + 1, "one edit");
    // Escape instead of Enter abandons the whole edit, its pause too.
    let mut m = model();
    m.history.close();
    update(&mut m, Msg::SetFormula("x^2 + 3*y^2".into()));
    update(&mut m, Msg::FormulaPaused);
    update(&mut m, Msg::SetFormula("(x^2".into()));
    update(&mut m, Msg::FormulaCancel);
    assert_eq!(m.scene, before, "Escape: the formula from before the edit");
    assert_eq!(m.expr_error, None);
}

#[test]
fn a_formula_left_unparsed_puts_back_the_surface_from_before_the_edit() {
    // `0.1x^2+2y^2` typed (multiplication needs `*`): `0.1` parsed on the
    // way, and a flat plane stayed, in the link too.
    let mut m = model();
    update(&mut m, Msg::SetFormula("x^2 + 3*y^2".into()));
    m.history.close();
    let (before, depth) = (m.scene.clone(), m.history.len());
    let typed = "0.1x^2+2y^2";
    for k in 1..=typed.len() {
        update(&mut m, Msg::SetFormula(typed[..k].into()));
    }
    assert_eq!(
        m.scene.landscape.as_formula(),
        "0.1",
        "the last prefix that parsed, while typing"
    );
    let d = update(&mut m, Msg::FormulaDone(typed.into()));
    assert!(d.has(Dirty::FORMULA | Dirty::RUNS));
    assert_eq!(m.scene, before, "the surface from before the edit");
    assert_eq!(
        m.expr_error.as_ref().map(|e| e.0.as_str()),
        Some(typed),
        "its error stays"
    );
    assert_eq!(m.history.len(), depth, "and no undo that changes nothing");
    // A formula that parses is simply kept.
    update(&mut m, Msg::SetFormula("x^2 + y^2".into()));
    assert_eq!(
        update(&mut m, Msg::FormulaDone("x^2 + y^2".into())),
        Dirty::NONE
    );
    assert_eq!(m.history.len(), depth + 1);
}

#[test]
fn view_fields() {
    let mut m = model();
    let v = View {
        x0: -1.0,
        x1: 1.0,
        y0: -2.0,
        y1: 2.0,
    };
    assert!(update(&mut m, Msg::SetViewFields(v)).has(Dirty::VIEW));
    assert_eq!(m.scene.view, Some(v));
    let bad = View { x1: -5.0, ..v };
    assert_eq!(update(&mut m, Msg::SetViewFields(bad)), Dirty::ERROR);
    assert_eq!(m.scene.view, Some(v));
}

#[test]
fn convention_takes_the_new_eps() {
    let mut m = model();
    update(&mut m, Msg::AddOpt(OptKind::Adam));
    let c = Convention::from_name("pytorch").unwrap_or(Convention::D2l);
    let d = update(&mut m, Msg::SetConvention(c));
    assert!(d.has(Dirty::ALL));
    assert_eq!(m.scene.convention, c);
    let last = m.scene.optimizers.last().unwrap();
    assert_eq!(last.hyper.eps, OptKind::Adam.defaults(c).eps);
}

/// At the last step the cursor follows the steps typed (20 → 50 showed
/// "step 20 / 50" and a figure that looked unchanged); elsewhere it stays.
#[test]
fn the_cursor_at_the_end_follows_new_steps() {
    let mut m = model();
    assert_eq!(m.t, 20);
    // Typed 5, then 50, as one gesture; then 0 and 20.
    for (v, t) in [(5.0, 5), (50.0, 50)] {
        update(&mut m, Msg::SetSteps(v));
        assert_eq!(m.t, t, "steps {v}");
    }
    update(&mut m, Msg::EndGesture);
    for (v, t) in [(0.0, 0), (20.0, 20)] {
        update(&mut m, Msg::SetSteps(v));
        assert_eq!(m.t, t, "steps {v}");
    }
    update(&mut m, Msg::EndGesture);
    // Not at the end: the cursor stays, within the steps.
    update(&mut m, Msg::Seek(7));
    update(&mut m, Msg::SetSteps(50.0));
    assert_eq!(m.t, 7);
    update(&mut m, Msg::SetSteps(5.0));
    assert_eq!(m.t, 5);
    update(&mut m, Msg::SetSteps(30.0));
    assert_eq!(m.t, 7, "the gesture's own start");
}

#[test]
fn steps_sigma_seed_keep_their_rules() {
    let mut m = model();
    assert!(update(&mut m, Msg::SetSteps(50.0)).has(Dirty::RUNS));
    assert_eq!(m.scene.steps, 50);
    assert_eq!(update(&mut m, Msg::SetSteps(2.5)), Dirty::ERROR);
    assert_eq!(m.error, Some(GlobalError::Rule(Rule::Steps, 2.5)));
    assert!(update(&mut m, Msg::SetSigma(0.5)).has(Dirty::RUNS | Dirty::ERROR));
    assert_eq!(m.error, None);
    assert_eq!(m.scene.noise.sigma, 0.5);
    assert_eq!(update(&mut m, Msg::SetSigma(-1.0)), Dirty::ERROR);
    assert!(update(&mut m, Msg::SetSeed(7.0)).has(Dirty::RUNS));
    assert_eq!(m.scene.noise.seed, 7);
    assert_eq!(update(&mut m, Msg::SetSeed(-7.0)), Dirty::ERROR);
}

#[test]
fn load_scene() {
    let mut m = model();
    update(&mut m, Msg::ShowRun { i: 0, on: false });
    update(&mut m, Msg::TogglePlay);
    let s = Scene {
        steps: 40,
        ..Scene::default()
    };
    let d = update(&mut m, Msg::LoadScene(s.clone()));
    assert!(d.has(Dirty::ALL));
    assert_eq!(m.scene, s);
    assert!(!m.playing && m.t == 40);
    assert_eq!(m.hidden, vec![false, false]);
    assert_eq!(m.runs.len(), 2);
}

#[test]
fn lessons() {
    let mut m = model();
    let d = update(&mut m, Msg::SetLesson(Some(3)));
    assert!(d.has(Dirty::LESSON | Dirty::LESSON_PANELS | Dirty::ALL));
    assert_eq!(m.lesson, Some(3));
    assert_eq!(m.scene, lesson(3).unwrap().opening().0);
    assert_eq!(m.t, m.scene.steps);
    update(&mut m, Msg::StepLesson(1));
    assert_eq!(m.lesson, Some(4));
    // The ends stop the clicker, and leave the lesson as it is (a change
    // made in it is not reset).
    update(&mut m, Msg::SetLesson(Some(1)));
    update(&mut m, Msg::SetSteps(7.0));
    assert_eq!(update(&mut m, Msg::StepLesson(-1)), Dirty::NONE);
    assert_eq!((m.lesson, m.scene.steps), (Some(1), 7));
    update(&mut m, Msg::SetLesson(Some(LESSONS.len())));
    assert_eq!(update(&mut m, Msg::StepLesson(1)), Dirty::NONE);
    assert_eq!(m.lesson, Some(LESSONS.len()));
    update(&mut m, Msg::SetLesson(None));
    update(&mut m, Msg::StepLesson(1));
    assert_eq!(m.lesson, Some(1));
    update(&mut m, Msg::SetLesson(None));
    assert_eq!(m.lesson, None);
    update(&mut m, Msg::StepLesson(-1));
    assert_eq!(m.lesson, Some(LESSONS.len()));
    update(&mut m, Msg::SetLesson(Some(999)));
    assert_eq!(m.lesson, None);
}

#[test]
fn language_rewords_and_keeps_the_formula_error() {
    let mut m = model();
    update(&mut m, Msg::SetFormula("x^".into()));
    update(&mut m, Msg::SetSteps(-1.0));
    let d = update(&mut m, Msg::SetLang(Lang::Zh));
    assert!(d.has(Dirty::WORDS | Dirty::LESSON | Dirty::ALL));
    assert_eq!(m.lang, Lang::Zh);
    assert!(m.expr_error.is_some());
    assert_eq!(m.error, None);
}

#[test]
fn lessons_open_at_their_step_in_their_window() {
    let mut m = model();
    update(&mut m, Msg::SetLesson(Some(8)));
    assert_eq!(m.t, 0, "lesson 8 opens before its first step");
    update(&mut m, Msg::SetLesson(Some(2)));
    assert_eq!(m.t, 8);
    let v = m.scene.view.expect("lesson 2 opens in a fitted window");
    for p in &m.runs[0].points[..=8] {
        assert!(v.x0 < p[0] && p[0] < v.x1 && v.y0 < p[1] && p[1] < v.y1);
    }
    // Step 9 is outside: the window is the zig-zag so far, not the whole run.
    let p = m.runs[0].points[9];
    assert!(p[1] < v.y0 || p[1] > v.y1);
    update(&mut m, Msg::SetLesson(Some(4)));
    assert_eq!((m.t, m.runs.len()), (6, 2));
    update(&mut m, Msg::SetLesson(Some(1)));
    assert_eq!(
        (m.t, m.scene.view),
        (20, lesson(1).unwrap().opening().0.view)
    );
}

#[test]
fn fit_view_holds_the_shown_trails_up_to_the_cursor() {
    let mut m = model();
    update(&mut m, Msg::SetLesson(Some(4)));
    m.scene.view = None;
    update(&mut m, Msg::Seek(10));
    assert!(update(&mut m, Msg::FitView).has(Dirty::VIEW));
    let v = m.scene.view.unwrap();
    let holds = |p: [f64; 2]| v.x0 < p[0] && p[0] < v.x1 && v.y0 < p[1] && p[1] < v.y1;
    // Momentum whole; GD (x2 = −2·(−1.4)ᵗ) up to step 8, −29.5: its
    // steps beyond fifteen times the bowl's window are a divergence, left
    // to the edge markers.
    assert!(m.runs[0].points[..=10].iter().all(|&p| holds(p)));
    assert!(m.runs[1].points[..=8].iter().all(|&p| holds(p)));
    assert!(!holds(m.runs[1].points[10]));
    assert!(
        !holds(m.runs[1].points[11]),
        "GD's step 11 is past the cursor"
    );
    // Hidden runs are left out: momentum alone fits in a small window.
    update(&mut m, Msg::ShowRun { i: 1, on: false });
    update(&mut m, Msg::FitView);
    assert!(m.scene.view.unwrap().height() < 10.0);
}

/// At step 0 (lesson 8 opens there) F fits the trails to come, not a
/// window of span 1 about the start, which hid the whole bowl.
#[test]
fn fit_view_at_step_0_holds_the_whole_runs() {
    let mut m = model();
    update(&mut m, Msg::SetLesson(Some(8)));
    assert_eq!(m.t, 0);
    update(&mut m, Msg::FitView);
    let v = m.scene.view.unwrap();
    for r in &m.runs {
        for p in &r.points {
            assert!(
                v.x0 < p[0] && p[0] < v.x1 && v.y0 < p[1] && p[1] < v.y1,
                "{p:?} in {v:?}"
            );
        }
    }
    assert!(v.width() > 4.0, "{v:?}");
}
