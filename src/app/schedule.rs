//! An optimizer's learning-rate schedule as the page edits it: the edits
//! its picker and argument controls make, and a value the core refused.

use crate::scene::schedule_edit::ArgValue;
use crate::scene::SceneError;

/// One change of a card's schedule ([`super::Msg::EditSchedule`]).
#[derive(Debug, Clone, PartialEq)]
pub enum SchedEdit {
    /// The picker: no schedule, or `kind` (a name of
    /// [`crate::schedule::KINDS`]) at its starting arguments.
    Kind(Option<&'static str>),
    /// The preset "warm-up + cosine" (a `sequential` schedule).
    WarmupCosine,
    /// An argument typed, picked or switched: of the schedule, or of its
    /// phase `phase` when it is `sequential`.
    Arg {
        /// The `sequential` phase, if any.
        phase: Option<usize>,
        /// torch's argument name (`"gamma"`, `"milestones"`, …).
        arg: &'static str,
        /// What the control holds.
        v: ArgValue,
    },
    /// A `sequential` phase made a fresh `kind`.
    PhaseKind {
        /// The phase.
        phase: usize,
        /// A chainable kind's name.
        kind: &'static str,
    },
    /// One more `sequential` phase.
    AddPhase,
    /// A `sequential` phase removed.
    RemovePhase(usize),
    /// A refused argument's field left: its message goes and the fields
    /// show the schedule in effect.
    Revert,
}

/// A schedule value that was not taken: card `i`'s schedule is unchanged.
#[derive(Debug, Clone, PartialEq)]
pub struct SchedError {
    /// The card.
    pub i: usize,
    /// What the core said; its field is `schedule.<arg>` or
    /// `schedule.schedulers[p].<arg>`.
    pub error: SceneError,
}

impl SchedError {
    /// The phase and argument the error is about (`(None, "gamma")`,
    /// `(Some(1), "T_max")`), when it names one.
    pub fn arg(&self) -> Option<(Option<usize>, &str)> {
        let rest = self.error.field.strip_prefix("schedule.")?;
        match rest.strip_prefix("schedulers[") {
            Some(tail) => {
                let (p, arg) = tail.split_once("].")?;
                Some((Some(p.parse().ok()?), arg))
            }
            None => Some((None, rest)),
        }
    }
}
