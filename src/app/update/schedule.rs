//! Card schedules: the picker, the preset, an argument, the phases of a
//! `sequential` schedule. A value the core refuses leaves the schedule (and
//! the rest of the scene) as it was and is kept as the card's
//! [`SchedError`] until a valid value or leaving the field.

use super::runs;
use crate::app::dirty::Dirty;
use crate::app::model::Model;
use crate::app::schedule::{SchedEdit, SchedError};
use crate::scene::check_schedule;
use crate::scene::schedule_edit::{
    add_phase, remove_phase, set_arg, set_phase_kind, starter, warmup_cosine,
};

/// Apply `edit` to card `i`'s schedule.
pub(super) fn edit(m: &mut Model, i: usize, edit: SchedEdit) -> Dirty {
    let Some(spec) = m.scene.optimizers.get(i).copied() else {
        return Dirty::NONE;
    };
    let steps = m.scene.steps;
    let now = spec.schedule;
    let next = match (edit, now) {
        (SchedEdit::Revert, _) => {
            m.sched_errors.retain(|e| e.i != i);
            return Dirty::SCHEDULE;
        }
        (SchedEdit::Kind(None), _) => Ok(None),
        (SchedEdit::Kind(Some(k)), _) => {
            if now.map(|s| s.kind()) == Some(k) {
                return Dirty::NONE;
            }
            // Cycling starts on only where the optimizer has a momentum of its
            // own: a gd card stays GD (torch would make it heavy-ball).
            let cycles = spec.kind.cycled_momentum().is_some();
            match starter(k, spec.hyper.lr, steps, cycles) {
                Some(s) => Ok(Some(s)),
                None => return Dirty::NONE,
            }
        }
        (SchedEdit::WarmupCosine, _) => Ok(Some(warmup_cosine(steps))),
        (SchedEdit::Arg { phase, arg, v }, Some(s)) => set_arg(&s, phase, arg, &v).map(Some),
        (SchedEdit::PhaseKind { phase, kind }, Some(s)) => {
            match set_phase_kind(&s, phase, kind, steps) {
                Some(t) => Ok(Some(t)),
                None => return Dirty::NONE,
            }
        }
        (SchedEdit::AddPhase, Some(s)) => match add_phase(&s, steps) {
            Some(t) => Ok(Some(t)),
            None => return Dirty::NONE,
        },
        (SchedEdit::RemovePhase(p), Some(s)) => match remove_phase(&s, p) {
            Some(t) => Ok(Some(t)),
            None => return Dirty::NONE,
        },
        _ => return Dirty::NONE,
    };
    let mut trial = spec;
    let checked = next.and_then(|s| {
        trial.schedule = s;
        // What depends on the optimizer and the scene: a momentum to
        // cycle, a cycle as long as the steps.
        check_schedule(&trial, steps)
    });
    m.sched_errors.retain(|e| e.i != i);
    match checked {
        Err(error) => {
            m.sched_errors.push(SchedError { i, error });
            Dirty::SCHEDULE
        }
        Ok(()) if trial == spec => Dirty::SCHEDULE,
        Ok(()) => {
            m.scene.optimizers[i] = trial;
            Dirty::SCHEDULE | runs(m)
        }
    }
}
