//! `update(&mut Model, Msg) -> Dirty`: the one place the page's model changes.

use super::dirty::Dirty;
use super::model::{Drag, FieldId, GlobalError, Model, Rule, StepsFrom};
use super::msg::Msg;
use crate::landscape::{Expr, Landscape};

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
    // clicker's PageDown is the reveal (it has no Enter), of the guess its
    // arrows moved the cursor to.
    if matches!(msg, Msg::StepLesson(1)) && m.present && m.quiz.as_ref().is_some_and(|q| q.asking())
    {
        return quiz::clicker_reveal(m);
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
        Msg::AddOpt(kind) => cards::add(m, kind),
        Msg::RemoveOpt(i) => cards::remove(m, i),
        Msg::ResetOpt(i) => cards::reset(m, i),
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
        Msg::SetFormula(text) => formula::set(m, text),
        Msg::FormulaPaused => formula::paused(m),
        Msg::FormulaDone(text) => formula::done(m, text),
        Msg::FormulaCancel => formula::cancel(m),
        Msg::SetViewFields(v) => view::set_fields(m, v),
        Msg::SetConvention(c) => cards::set_convention(m, c),
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
        Msg::Zoom { x, y, factor } => view::zoom(m, x, y, factor),
        Msg::ZoomCentre(factor) => view::zoom_centre(m, factor),
        Msg::PanBy { fx, fy } => view::pan_by(m, fx, fy),
        Msg::ResetView => view::reset(m),
        Msg::RestoreLesson => match m.lesson {
            Some(_) => apply(m, Msg::SetLesson(m.lesson)),
            None => Dirty::NONE,
        },
        // Handled by `update` before any change.
        Msg::Undo | Msg::Redo | Msg::EndGesture => Dirty::NONE,
        Msg::FitView => view::fit(m),
        Msg::TogglePlay => time::toggle_play(m),
        Msg::Step(d) | Msg::StepHeld(d) => time::step(m, d, matches!(msg, Msg::Step(_))),
        Msg::Seek(t) => time::seek(m, t),
        // Not a quiz's reveal: paused, it waits for ▶, which a clicker
        // does not have (PageDown reveals, then turns the lesson).
        Msg::Pause if m.playing && !m.quiz.as_ref().is_some_and(|q| q.before_reveal()) => {
            time::seek(m, m.t)
        }
        Msg::Pause => Dirty::NONE,
        Msg::Tick(ts) => time::tick(m, ts),
        Msg::SetSpeed(v) => time::set_speed(m, v),
        Msg::ShowRun { i, on } => match m.hidden.get_mut(i) {
            Some(h) => {
                *h = !on;
                Dirty::VIEW
            }
            None => Dirty::VIEW,
        },
        Msg::SetLesson(id) => lesson::set(m, id),
        Msg::StepLesson(delta) => lesson::step(m, delta),
        Msg::SetLang(lang) => {
            m.lang = lang;
            // Everything is worded again; a formula error on screen stays.
            let kept = (m.expr_error.take(), m.expr_error_held);
            let d = all(m);
            (m.expr_error, m.expr_error_held) = kept;
            Dirty::WORDS | Dirty::LESSON | d
        }
        Msg::OpenLink(link) => link::open(m, *link),
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
mod cards;
mod formula;
mod lesson;
mod link;
mod locks;
mod pointer;
mod quiz;
mod schedule;
pub mod surface;
mod time;
mod typing;
mod undo;
mod view;

pub use cards::set_hyper;

#[cfg(test)]
mod tests;
