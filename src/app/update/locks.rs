//! A teacher's link fixes some controls (`lock=`, `hide=`): every message
//! passes here, so no input path — a slider, a key, a gesture, undo, a
//! pasted formula — can change what the link fixed within a lesson.
//!
//! Two gates: [`refused`] turns away, before anything is touched, the
//! messages whose whole point is a fixed group (a slider of a locked η, a
//! pan with the view locked); [`guard`] applies the rest to a copy of the
//! model and keeps the copy only when no fixed group changed (a reset, a
//! convention that changes ε). Another lesson, when the lessons are free,
//! comes whole: the locks hold the reader's edits within it.

use crate::app::dirty::Dirty;
use crate::app::model::{FieldId, Model};
use crate::app::msg::Msg;
use crate::optim::{Key, OptKind};
use crate::url::Group;

/// Whether `msg` would change a group the link fixes, told from the message
/// alone.
pub(super) fn refused(m: &Model, msg: &Msg) -> bool {
    let fixed = |g| m.locks.fixed(g);
    let key = |k: Key| fixed(Group::Key(k));
    match *msg {
        Msg::SetHyper { key: k, .. }
        | Msg::SlideHyper { key: k, .. }
        | Msg::ArrowHyper { key: k, .. } => key(Key::Hyper(k)),
        Msg::SetFlag { key: k, .. } => key(Key::Flag(k)),
        Msg::SetKey { key: k, .. } => key(k),
        Msg::EditSchedule { .. } => fixed(Group::Schedule),
        Msg::SetMomentum { .. } => {
            key(Key::Hyper(crate::optim::HyperKey::Lr))
                || key(Key::Hyper(crate::optim::HyperKey::Gamma))
                || (fixed(Group::Optimizers)
                    && !m
                        .scene
                        .optimizers
                        .iter()
                        .any(|o| o.kind == OptKind::Momentum))
        }
        Msg::AddOpt(_) | Msg::RemoveOpt(_) | Msg::ResetOpt(_) => fixed(Group::Optimizers),
        Msg::SetSurface(_) | Msg::SetSurfaceParam { .. } | Msg::SetFormula(_) => {
            fixed(Group::Surface)
        }
        Msg::SetViewFields(_)
        | Msg::Zoom { .. }
        | Msg::ZoomCentre(_)
        | Msg::PanBy { .. }
        | Msg::ResetView
        | Msg::FitView => fixed(Group::View),
        Msg::SetConvention(_) => fixed(Group::Conv),
        Msg::SetSteps(_) => fixed(Group::Steps),
        Msg::SetSigma(_) | Msg::SetSeed(_) => fixed(Group::Noise),
        Msg::SetStart(_) | Msg::SetStartField { .. } | Msg::NudgeStart { .. } => {
            fixed(Group::Start)
        }
        Msg::SetLesson(_) | Msg::StepLesson(_) | Msg::RestoreLesson => fixed(Group::Lesson),
        Msg::Typed { field, .. } | Msg::Paused { field, .. } => match field {
            FieldId::Hyper { key: k, .. } => key(Key::Hyper(k)),
            FieldId::Steps => fixed(Group::Steps),
            FieldId::Sigma | FieldId::Seed => fixed(Group::Noise),
            FieldId::Start(_) => fixed(Group::Start),
            FieldId::SurfaceParam(_) => fixed(Group::Surface),
            _ => false,
        },
        Msg::ShowRun { .. } => fixed(Group::Legend),
        _ => false,
    }
}

/// Apply `f` to a copy of the model; keep it unless a fixed group changed
/// (then nothing happened: no dirt). Without locks, `f` runs on the model.
pub(super) fn guard(m: &mut Model, f: impl FnOnce(&mut Model) -> Dirty) -> Dirty {
    if m.locks.is_empty() {
        return f(m);
    }
    // The runs are the big part and the copy rarely needs them: it replays
    // when the scene changes, and otherwise gets them back below.
    let runs = std::mem::take(&mut m.runs);
    let diags = std::mem::take(&mut m.diags);
    let mut trial = m.clone();
    m.runs = runs;
    m.diags = diags;
    let d = f(&mut trial);
    if breaks(m, &trial) {
        return Dirty::NONE;
    }
    if trial.replay == m.replay {
        trial.runs = std::mem::take(&mut m.runs);
        trial.diags = std::mem::take(&mut m.diags);
    }
    *m = trial;
    d
}

/// Whether going from `a` to `b` changes something `a`'s link fixes.
fn breaks(a: &Model, b: &Model) -> bool {
    let l = &a.locks;
    if a.lesson != b.lesson {
        if l.fixed(Group::Lesson) {
            return true;
        }
        // Another lesson (chosen, or its choice undone) comes whole when
        // the link leaves the lessons free: its values are the lesson's,
        // not the reader's edits, which the locks are for (a clicker's
        // PageDown under `lock=lr` stayed on lesson 1 without a word).
        // Only the lesson messages, undo and redo, and Back or Forward
        // change the lesson. (Back on the link's own lesson it is the
        // lesson's figure again, not the link's edits of it.)
        return false;
    }
    if l.broken(&a.scene, &b.scene).is_some() {
        return true;
    }
    // A run switched on or off (a removed card takes its switch along).
    l.fixed(Group::Legend)
        && a.scene.optimizers.len() == b.scene.optimizers.len()
        && a.hidden != b.hidden
}
