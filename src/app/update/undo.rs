//! Undo and redo: which messages make one gesture, and putting a recorded
//! state back on the page.

use super::all;
use crate::app::dirty::Dirty;
use crate::app::history::{Gesture, Snapshot};
use crate::app::model::{Drag, FieldId, Model};
use crate::app::msg::Msg;

/// What is shown now.
pub(super) fn snapshot(m: &Model) -> Snapshot {
    Snapshot {
        scene: m.scene.clone(),
        lesson: m.lesson,
        t: m.t,
        hidden: m.hidden.clone(),
    }
}

/// The gesture `msg` belongs to; `None`: it is an entry of its own.
pub(super) fn gesture(msg: &Msg) -> Option<Gesture> {
    Some(match *msg {
        Msg::PointerDown { .. } | Msg::PointerMove { .. } | Msg::PointerUp { .. } => {
            Gesture::Pointer
        }
        Msg::Zoom { .. } | Msg::ZoomCentre(_) | Msg::PanBy { .. } => Gesture::View,
        Msg::SetHyper { i, key, .. }
        | Msg::SlideHyper { i, key, .. }
        | Msg::ArrowHyper { i, key, .. } => Gesture::Hyper(i, key),
        Msg::SetKey { i, key, .. } => Gesture::Key(i, key),
        Msg::SetSteps(_) => Gesture::Steps,
        Msg::SetSigma(_) => Gesture::Sigma,
        Msg::SetSeed(_) => Gesture::Seed,
        Msg::SetSurfaceParam { key, .. } => Gesture::SurfaceParam(key),
        Msg::SetFormula(_) | Msg::FormulaDone(_) | Msg::FormulaCancel | Msg::FormulaPaused => {
            Gesture::Formula
        }
        Msg::SetViewFields(_) => Gesture::ViewFields,
        Msg::SetStartField { .. } | Msg::NudgeStart { .. } => Gesture::Start,
        Msg::Typed { field, .. } | Msg::Paused { field, .. } => field_gesture(field),
        _ => return None,
    })
}

/// The gesture typing in field `f` makes.
pub(super) fn field_gesture(f: FieldId) -> Gesture {
    match f {
        FieldId::Hyper { i, key } => Gesture::Hyper(i, key),
        FieldId::Key { i, key, .. } => Gesture::Key(i, key),
        FieldId::Steps => Gesture::Steps,
        FieldId::Sigma => Gesture::Sigma,
        FieldId::Seed => Gesture::Seed,
        FieldId::SurfaceParam(k) => Gesture::SurfaceParam(k),
        FieldId::View(_) => Gesture::ViewFields,
        FieldId::Start(_) => Gesture::Start,
    }
}

/// Escape in field `f`: the change its open gesture made undone, the step
/// shown with it (steps = 1 on the way to a refused 1e9 had clamped it).
pub(super) fn cancel(m: &mut Model, f: FieldId) -> Dirty {
    if m.history.is_open(field_gesture(f)) {
        back(m, true)
    } else {
        Dirty::NONE
    }
}

/// A value typed refused: what the open edit `g` applied on the way (`0`
/// of `0，5`, `1e40` of `1e400`, `0.1` of `0.1x^2`) is put back, so the
/// value kept is the one from before the edit, as its message says — or
/// the one the edit last paused on (η = 0.6 shown for seconds, then `x`
/// typed over it, keeps 0.6: [`crate::app::history::History::settle`]).
/// The field keeps its text (not [`restore`]'s rebuilt panels: the cards
/// rebuilt took the focus and the rest of the typing).
pub(super) fn refused(m: &mut Model, g: Gesture) -> Dirty {
    let kept = m.history.kept(g).cloned();
    put_back(m, kept)
}

/// Escape in the formula: the whole edit `g` abandoned, its pauses too.
pub(super) fn abandoned(m: &mut Model, g: Gesture) -> Dirty {
    let before = m.history.before(g).cloned();
    put_back(m, before)
}

/// `s`'s scene shown again, if it differs, with the field's text kept.
fn put_back(m: &mut Model, s: Option<Snapshot>) -> Dirty {
    match s {
        Some(s) if s.scene != m.scene => {
            m.t = s.t.min(s.scene.steps);
            m.scene = s.scene;
            Dirty::CARD_VALUES | Dirty::FORMULA | Dirty::STEP | super::runs(m)
        }
        _ => Dirty::NONE,
    }
}

/// Show `s`: the scene replayed, paused, every panel rebuilt; its step
/// too with another lesson, or when `with_step`.
fn restore(m: &mut Model, s: Snapshot, with_step: bool) -> Dirty {
    let lesson_changed = s.lesson != m.lesson;
    m.scene = s.scene;
    m.lesson = s.lesson;
    m.playing = false;
    m.drag = Drag::None;
    m.hidden = s.hidden;
    m.hidden.resize(m.scene.optimizers.len(), false);
    let mut d = all(m) | Dirty::LESSON | Dirty::TIME;
    if lesson_changed || with_step {
        m.t = s.t.min(m.scene.steps);
    }
    if lesson_changed {
        d |= Dirty::LESSON_PANELS;
    }
    d
}

/// Back one entry.
pub(super) fn undo(m: &mut Model) -> Dirty {
    back(m, false)
}

/// Back one entry, its step put back too when `with_step`.
fn back(m: &mut Model, with_step: bool) -> Dirty {
    let now = snapshot(m);
    match m.history.undo(now) {
        Some(s) => restore(m, s, with_step),
        None => Dirty::NONE,
    }
}

/// Forward one entry.
pub(super) fn redo(m: &mut Model) -> Dirty {
    let now = snapshot(m);
    match m.history.redo(now) {
        Some(s) => restore(m, s, false),
        None => Dirty::NONE,
    }
}
