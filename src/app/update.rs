//! `update(&mut Model, Msg) -> Dirty`: the one place the page's model changes.

use super::dirty::Dirty;
use super::model::{Drag, FieldId, GlobalError, Model, Rule, StepsFrom};
use super::msg::Msg;
use crate::landscape::{Edge, Expr, Landscape};
use crate::lesson::{lesson, LESSONS};
use crate::optim::OptSpec;
use crate::scene::Scene;
use gradscape_core::geometry::fit_runs;

pub use crate::optim::MAX_OPTIMIZERS;

/// Apply `msg` to `m`; returns what to redraw. Every change of the scene
/// (or of the lesson shown) is recorded for undo, one entry per gesture; a
/// quiz asks again when the scene under it changes.
pub fn update(m: &mut Model, msg: Msg) -> Dirty {
    let quiet = matches!(
        msg,
        Msg::Tick(_)
            | Msg::Measured { .. }
            | Msg::Redraw
            | Msg::Settle
            | Msg::FillCalmer
            | Msg::SetQuiz(_)
            | Msg::OpenLink(_)
    );
    let before = (m.quiz.is_some() && !quiet).then(|| quiz::key(&m.scene));
    let d = recorded(m, msg);
    let d = match before {
        Some(b) if quiz::key(&m.scene) != b => d | quiz::scene_changed(m),
        _ => d,
    };
    if m.calmer_due() {
        d | Dirty::CALMER
    } else {
        d
    }
}

/// [`update`] without the quiz's check.
fn recorded(m: &mut Model, msg: Msg) -> Dirty {
    match msg {
        Msg::Tick(_) | Msg::Measured { .. } | Msg::Redraw | Msg::Settle | Msg::FillCalmer => {
            return apply(m, msg)
        }
        Msg::Undo => return locks::guard(m, undo::undo),
        Msg::Cancel(f) => {
            let d = locks::guard(m, move |m| undo::cancel(m, f));
            return d | apply(m, Msg::Revert(f));
        }
        Msg::Redo => return locks::guard(m, undo::redo),
        Msg::EndGesture => {
            m.history.close();
            m.steps_from = None;
            return Dirty::NONE;
        }
        _ => {}
    }
    if locks::refused(m, &msg) {
        return Dirty::NONE;
    }
    // A quiz still asking keeps its figure: a clicker's PageDown (or the
    // lesson picker) put the class's exercise on another lesson's scene,
    // the guess already placed. The picker is put back. Presenting, the
    // clicker's PageDown is the reveal (it has no Enter).
    if matches!(msg, Msg::StepLesson(1)) && m.present && m.quiz.as_ref().is_some_and(|q| q.asking())
    {
        return quiz::reveal(m);
    }
    if matches!(
        msg,
        Msg::SetLesson(_) | Msg::StepLesson(_) | Msg::RestoreLesson
    ) && m.quiz.as_ref().is_some_and(|q| q.before_reveal())
    {
        return Dirty::LESSON;
    }
    let g = undo::gesture(&msg);
    let ends = matches!(msg, Msg::PointerUp { .. });
    let paused = matches!(msg, Msg::Paused { .. } | Msg::FormulaPaused).then(|| msg.clone());
    let before = undo::snapshot(m);
    let mut d = locks::guard(m, move |m| apply(m, msg));
    if m.scene != before.scene || m.lesson != before.lesson || m.hidden != before.hidden {
        m.history.record(before, g, &undo::snapshot(m));
        // The undo buttons and the caption's "modified" marker.
        d |= Dirty::TIME | Dirty::LESSON;
    }
    // After the record: pending text a pause committed opened its edit.
    if let Some(g) = paused.and_then(|p| typing::settles(m, &p)) {
        m.history.settle(g, undo::snapshot(m));
    }
    if ends {
        m.history.close();
    }
    d
}

/// Apply `msg` to `m` without recording it.
fn apply(m: &mut Model, msg: Msg) -> Dirty {
    // A field committed (Enter, − / +, its slider) or left: nothing of it
    // is pending any more.
    if matches!(
        msg,
        Msg::SetHyper { .. }
            | Msg::SlideHyper { .. }
            | Msg::ArrowHyper { .. }
            | Msg::Unreadable(_)
            | Msg::Revert(_)
            | Msg::SetSteps(_)
            | Msg::SetSigma(_)
            | Msg::SetSeed(_)
            | Msg::SetStartField { .. }
    ) {
        m.pending = None;
    }
    match msg {
        Msg::SetHyper { i, key, v, slider } => cards::set(m, i, key, v, slider),
        Msg::SlideHyper {
            i,
            key,
            pos,
            per_px,
        } => cards::slide(m, i, key, pos, per_px),
        Msg::ArrowHyper { i, key, up, by } => cards::arrow(m, i, key, up, by),
        Msg::SetFlag { i, key, on } => cards::set_flag(m, i, key, on),
        Msg::SetKey { i, key, part, v } => cards::set_key(m, i, key, part, v),
        Msg::EditSchedule { i, edit } => schedule::edit(m, i, edit),
        Msg::SetMomentum { eta, gamma } => cards::set_momentum(m, eta, gamma),
        Msg::Unreadable(f) => cards::unreadable(m, f),
        Msg::Revert(f) | Msg::Cancel(f) => cards::revert(m, f),
        Msg::Typed {
            field,
            text,
            erased,
        } => typing::typed(m, field, &text, erased),
        Msg::Paused { field, text } => typing::paused(m, field, &text),
        Msg::AddOpt(kind) => {
            if m.scene.optimizers.len() >= MAX_OPTIMIZERS {
                m.error = Some(GlobalError::AddMax);
                return Dirty::ERROR;
            }
            m.scene
                .optimizers
                .push(OptSpec::new(kind, m.scene.convention));
            all(m)
        }
        Msg::RemoveOpt(i) => {
            if i >= m.scene.optimizers.len() {
                return Dirty::NONE;
            }
            m.scene.optimizers.remove(i);
            if i < m.hidden.len() {
                m.hidden.remove(i);
            }
            all(m)
        }
        Msg::ResetOpt(i) => {
            let Some(s) = m.scene.optimizers.get_mut(i) else {
                return Dirty::NONE;
            };
            *s = OptSpec::new(s.kind, m.scene.convention);
            m.sched_errors.retain(|e| e.i != i);
            cards::clear_card_error(m, i) | Dirty::CARD_VALUES | Dirty::SCHEDULE | runs(m)
        }
        Msg::SetSurface(l) => {
            if let Landscape::Expr(_) = l {
                // Open the current surface as a formula to edit: the same
                // picture, same start and window, now in the user's hands.
                if let Ok(e) = Expr::parse(&m.scene.landscape.as_formula()) {
                    m.scene.view = Some(m.scene.view());
                    m.scene.landscape = Landscape::Expr(e);
                    return all(m);
                }
            }
            m.scene.start = l.default_start();
            m.scene.landscape = l;
            m.scene.view = None;
            all(m)
        }
        Msg::SetSurfaceParam { key, v } => surface::set(m, key, v),
        Msg::SetFormula(text) => match Expr::parse(&text) {
            Ok(e) => {
                (m.expr_error, m.expr_error_held) = (None, false);
                if m.scene.landscape == Landscape::Expr(e.clone()) {
                    return Dirty::FORMULA;
                }
                m.scene.landscape = Landscape::Expr(e);
                Dirty::FORMULA | Dirty::PAUSE | runs(m)
            }
            // Most keys of a formula typed leave it unfinished (`0.1*x^`,
            // `… +`): its message waits for a pause, or Enter, instead of
            // flashing at each key (an error already shown goes while the
            // student types on, as a number field's does).
            Err(e) => {
                (m.expr_error, m.expr_error_held) = (Some((text, e)), true);
                // Every key moves the pause's end (`Later::Typing`), the
                // keys that leave the formula unfinished too: its one pause
                // shows the error and settles the formula in effect.
                Dirty::FORMULA | Dirty::PAUSE
            }
        },
        // The formula in effect is settled by `recorded`; here a held
        // error is shown.
        Msg::FormulaPaused => {
            if m.expr_error.is_none() || !m.expr_error_held {
                return Dirty::NONE;
            }
            m.expr_error_held = false;
            Dirty::FORMULA
        }
        // Enter, or the field left, on a formula that does not parse: the
        // surface the edit last paused on (what the figure showed), else
        // the one from before the edit — not the last prefix that parsed
        // on the way (`0.1` of `0.1x^2+2y^2`, a flat plane, in the link too).
        Msg::FormulaDone(text) => match Expr::parse(&text) {
            Ok(_) => {
                m.history.close_if(crate::app::history::Gesture::Formula);
                Dirty::NONE
            }
            Err(e) => {
                let d = undo::refused(m, crate::app::history::Gesture::Formula);
                (m.expr_error, m.expr_error_held) = (Some((text, e)), false);
                d | Dirty::FORMULA
            }
        },
        // Escape: the surface and the formula from before the edit, its
        // error gone (the field shows that formula again).
        Msg::FormulaCancel => {
            let d = undo::abandoned(m, crate::app::history::Gesture::Formula);
            (m.expr_error, m.expr_error_held) = (None, false);
            d | Dirty::FORMULA | Dirty::GLOBALS
        }
        Msg::SetViewFields(v) => {
            let mut value = m.scene.to_value();
            value["view"] = serde_json::json!({"x": [v.x0, v.x1], "y": [v.y0, v.y1]});
            match Scene::from_value(&value) {
                Ok(s) => {
                    m.error = None;
                    m.scene.view = s.view;
                    Dirty::ERROR | Dirty::VIEW
                }
                Err(e) => {
                    // The edge typed is the one that differs from the window in effect.
                    let now = m.scene.view();
                    let edge = Edge::ALL.into_iter().find(|e| e.get(&v) != e.get(&now));
                    m.error = Some(GlobalError::Scene(e, edge.map(FieldId::View)));
                    Dirty::ERROR
                }
            }
        }
        Msg::SetConvention(c) => {
            m.scene.optimizers = m
                .scene
                .optimizers
                .iter()
                .map(|s| cards::convert(s, c))
                .collect();
            m.scene.convention = c;
            all(m)
        }
        Msg::SetSteps(v) => ruled(m, Rule::Steps, v),
        Msg::SetSigma(v) => ruled(m, Rule::Sigma, v),
        Msg::SetSeed(v) => ruled(m, Rule::Seed, v),
        Msg::SetStart(p) => pointer::set_start(m, p),
        Msg::SetStartField { axis, v } => pointer::start_field(m, axis, v),
        Msg::NudgeStart { dx, dy } => pointer::nudge_start(m, dx, dy),
        Msg::PointerDown {
            id,
            x,
            y,
            kind,
            modified,
        } => pointer::down(m, id, x, y, kind, modified),
        Msg::PointerMove { id, x, y } => pointer::moved(m, id, x, y),
        Msg::PointerUp { id, x, y, click } => pointer::up(m, id, x, y, click),
        Msg::Zoom { x, y, factor } => {
            let v = m.scene.view();
            pointer::zoom_at(m, x, y, factor, v) | Dirty::SETTLE
        }
        Msg::ZoomCentre(factor) => {
            let v = m.scene.view();
            let (x, y) = (m.canvas.w / 2.0, m.canvas.h / 2.0);
            pointer::zoom_at(m, x, y, factor, v) | Dirty::SETTLE
        }
        Msg::PanBy { fx, fy } => {
            let v = m.scene.view();
            let (dx, dy) = (fx * v.width(), fy * v.height());
            let moved = crate::landscape::View {
                x0: v.x0 + dx,
                x1: v.x1 + dx,
                y0: v.y0 + dy,
                y1: v.y1 + dy,
            };
            pointer::set_view(m, moved) | Dirty::SETTLE
        }
        Msg::ResetView => {
            m.scene.view = None;
            Dirty::VIEW
        }
        Msg::RestoreLesson => match m.lesson {
            Some(_) => apply(m, Msg::SetLesson(m.lesson)),
            None => Dirty::NONE,
        },
        // Handled by `update` before any change.
        Msg::Undo | Msg::Redo | Msg::EndGesture => Dirty::NONE,
        Msg::FitView => {
            let shown = m
                .runs
                .iter()
                .enumerate()
                .filter(|(i, _)| !m.hidden.get(*i).copied().unwrap_or(false));
            let home = m.scene.landscape.default_view();
            // At step 0 no trail is drawn yet, only the start: the trails
            // to come (a window of span 1 about the start hid the whole
            // figure; F is a slide program's full-screen key).
            let upto = if m.t == 0 { m.horizon() } else { m.t };
            match fit_runs(
                shown.map(|(_, r)| r.points.as_slice()),
                m.scene.start,
                upto,
                home,
            ) {
                Some(v) => {
                    m.scene.view = Some(v);
                    Dirty::VIEW
                }
                None => Dirty::NONE,
            }
        }
        Msg::TogglePlay => {
            if m.playing {
                m.playing = false;
                return Dirty::STEP | quiz::arrived(m);
            }
            if m.t >= m.horizon() {
                m.t = 0;
            }
            m.playing = true;
            m.clock.restart();
            Dirty::STEP | Dirty::ANIMATE
        }
        Msg::Step(d) | Msg::StepHeld(d) => {
            // Presenting a lesson, → at its last step (← at step 0) turns
            // to the next (previous) lesson, as a clicker's arrows turn a
            // slide deck's pages: a lesson that opens at its end left the
            // arrow clicker dead. Not a held key's repeat.
            let at_end = if d > 0 { m.t >= m.horizon() } else { m.t == 0 };
            let pressed = matches!(msg, Msg::Step(_));
            if pressed && m.present && m.lesson.is_some() && m.quiz.is_none() && d != 0 && at_end {
                return apply(m, Msg::StepLesson(d.signum()));
            }
            let t = (m.t as i64).saturating_add(d).max(0) as usize;
            seek(m, t)
        }
        Msg::Seek(t) => seek(m, t),
        // Not a quiz's reveal: paused, it waits for ▶, which a clicker
        // does not have (PageDown reveals, then turns the lesson).
        Msg::Pause if m.playing && !m.quiz.as_ref().is_some_and(|q| q.before_reveal()) => {
            seek(m, m.t)
        }
        Msg::Pause => Dirty::NONE,
        Msg::Tick(ts) => {
            if !m.playing {
                return Dirty::NONE;
            }
            let mut d = Dirty::NONE;
            let due = m.clock.due(ts);
            if due > 0 {
                // A quiz holds the cursor at what it lets the page show.
                m.t = (m.t + due).min(m.horizon());
                if m.t >= m.horizon() {
                    m.playing = false;
                }
                d = Dirty::STEP | quiz::arrived(m);
            }
            if m.playing {
                d |= Dirty::ANIMATE;
            }
            d
        }
        Msg::SetSpeed(v) => {
            m.clock.speed = if v.is_finite() {
                v.clamp(0.1, 10000.0)
            } else {
                5.0
            };
            Dirty::NONE
        }
        Msg::ShowRun { i, on } => match m.hidden.get_mut(i) {
            Some(h) => {
                *h = !on;
                Dirty::VIEW
            }
            None => Dirty::VIEW,
        },
        Msg::SetLesson(id) => {
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
        Msg::StepLesson(delta) => {
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
            apply(m, Msg::SetLesson(Some(next as usize)))
        }
        Msg::SetLang(lang) => {
            m.lang = lang;
            // Everything is worded again; a formula error on screen stays.
            let kept = (m.expr_error.take(), m.expr_error_held);
            let d = all(m);
            (m.expr_error, m.expr_error_held) = kept;
            Dirty::WORDS | Dirty::LESSON | d
        }
        Msg::OpenLink(link) => open_link(m, *link),
        Msg::LoadScene(scene) => {
            m.scene = scene;
            m.hidden.clear();
            m.playing = false;
            m.t = m.scene.steps;
            all(m)
        }
        Msg::Settle => {
            if m.drag == Drag::None && m.pointers.is_empty() {
                m.interacting = false;
                Dirty::SETTLED | Dirty::LINK
            } else {
                Dirty::SETTLE
            }
        }
        Msg::FillCalmer => {
            if m.fill_calmer() {
                Dirty::LEGEND
            } else {
                Dirty::NONE
            }
        }
        Msg::Measured { w, h } => {
            m.canvas.w = w;
            m.canvas.h = h;
            Dirty::NONE
        }
        Msg::Redraw => Dirty::VIEW,
        Msg::SetPresent(on) => {
            if m.present == on {
                return Dirty::NONE;
            }
            m.present = on;
            Dirty::PRESENT | Dirty::VIEW
        }
        Msg::TogglePresent => update(m, Msg::SetPresent(!m.present)),
        Msg::SetQuiz(spec) => quiz::set(m, spec),
        Msg::QuizGuess(p) => quiz::guess(m, p),
        Msg::QuizCursor { dx, dy } => quiz::move_cursor(m, dx, dy),
        Msg::QuizPlaceCursor => quiz::place_cursor(m),
        Msg::QuizName { trail, opt } => quiz::name(m, trail, opt),
        Msg::QuizReveal => quiz::reveal(m),
        Msg::QuizRetry => quiz::retry(m),
    }
}

/// What link `l` opens, in place of the page's state: the scene, step
/// and lesson as one undoable change (recorded by [`update`]), and the
/// language and presenter mode as it says.
fn open_link(m: &mut Model, l: crate::app::link::Link) -> Dirty {
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

/// Replay; what that redraws.
pub fn runs(m: &mut Model) -> Dirty {
    m.replay();
    Dirty::RUNS
}

/// Replay and rebuild every panel (their error lines go).
pub fn all(m: &mut Model) -> Dirty {
    m.error = None;
    m.card_errors.clear();
    m.sched_errors.clear();
    (m.expr_error, m.expr_error_held) = (None, false);
    m.replay();
    Dirty::ALL | Dirty::ERROR | Dirty::FORMULA | Dirty::CARD_ERROR
}
/// Steps, σ or the seed, if `v` keeps the rule.
pub(super) fn ruled(m: &mut Model, rule: Rule, v: f64) -> Dirty {
    if rule == Rule::Steps && rule.takes(v) {
        // A schedule may not fit the new length (a one_cycle shorter than
        // the steps): the steps stay and the error names its optimizer.
        let refused = m.scene.optimizers.iter().enumerate().find_map(|(i, o)| {
            crate::scene::check_schedule(o, v as usize).err().map(|e| {
                crate::scene::SceneError::new(format!("optimizers[{i}].{}", e.field), e.problem)
            })
        });
        if let Some(e) = refused {
            m.error = Some(GlobalError::Scene(e, Some(FieldId::Steps)));
            return Dirty::ERROR;
        }
    }
    let from = match m.steps_from {
        Some(f) => f,
        None if m.t >= m.horizon() => StepsFrom::End,
        None => StepsFrom::At(m.t),
    };
    let s = &mut m.scene;
    let ok = rule.takes(v);
    match rule {
        _ if !ok => {}
        Rule::Steps => s.steps = v as usize,
        Rule::Sigma => s.noise.sigma = v,
        Rule::Seed => s.noise.seed = v as u64,
        // Set by `pointer::start_field`, which checks its own range.
        Rule::Start(_) => {}
    }
    if ok {
        m.error = None;
        let d = Dirty::ERROR | runs(m);
        if rule == Rule::Steps && !m.playing {
            m.steps_from = Some(from);
            m.t = match from {
                StepsFrom::At(t) => t.min(m.horizon()),
                StepsFrom::End => m.horizon(),
            };
        }
        d
    } else {
        m.error = Some(GlobalError::Rule(rule, v));
        Dirty::ERROR
    }
}
fn seek(m: &mut Model, t: usize) -> Dirty {
    m.playing = false;
    // Before a quiz's reveal nothing past its step can be reached.
    m.t = t.min(m.horizon());
    Dirty::STEP | quiz::arrived(m)
}

mod cards;
mod locks;
mod pointer;
mod quiz;
mod schedule;
pub mod surface;
mod typing;
mod undo;

pub use cards::set_hyper;

#[cfg(test)]
mod tests;
