//! A schedule's JSON form, with torch's argument names:
//! `{"kind": "cosine", "T_max": 20, "eta_min": 0}`,
//! `{"kind": "sequential", "schedulers": [{"kind": "linear", …}, {"kind": "cosine"}], "milestones": [5]}`.
//!
//! Omitted arguments take torch's defaults; where torch has none, `T_max`
//! and `total_steps` follow the scene's steps, `base_lr` (cyclic) and
//! `max_lr` (one_cycle) the optimizer's η, and `step_size`, `milestones`,
//! `gamma` (exponential), `T_0`, `max_lr` (cyclic), `schedulers` are
//! required. Unknown keys and values out of range are errors naming
//! `….schedule.<arg>` and what is allowed.

use super::{Problem, SceneError};
use crate::optim::{LineSearch, OptKind, OptSpec};
use crate::schedule::{Schedule, Scheduler};

mod read;
mod write;
pub use read::read_schedule;
pub use write::schedule_value;

/// The keys each schedule kind takes (`kind` first), in torch's order.
pub fn schedule_keys(kind: &str) -> &'static [&'static str] {
    match kind {
        "step" => &["kind", "step_size", "gamma"],
        "multi_step" => &["kind", "milestones", "gamma"],
        "constant" => &["kind", "factor", "total_iters"],
        "linear" => &["kind", "start_factor", "end_factor", "total_iters"],
        "exponential" => &["kind", "gamma"],
        "polynomial" => &["kind", "total_iters", "power"],
        "cosine" => &["kind", "T_max", "eta_min"],
        "cosine_warm_restarts" => &["kind", "T_0", "T_mult", "eta_min"],
        "cyclic" => &[
            "kind",
            "base_lr",
            "max_lr",
            "step_size_up",
            "step_size_down",
            "mode",
            "gamma",
            "cycle_momentum",
            "base_momentum",
            "max_momentum",
        ],
        "one_cycle" => &[
            "kind",
            "max_lr",
            "total_steps",
            "pct_start",
            "anneal_strategy",
            "cycle_momentum",
            "base_momentum",
            "max_momentum",
            "div_factor",
            "final_div_factor",
            "three_phase",
        ],
        "plateau" => &[
            "kind",
            "mode",
            "factor",
            "patience",
            "threshold",
            "threshold_mode",
            "cooldown",
            "min_lr",
            "eps",
        ],
        "sequential" => &["kind", "schedulers", "milestones"],
        _ => &["kind"],
    }
}

/// Check an optimizer's schedule against its kind and the scene's `steps`:
/// `cycle_momentum` needs a momentum γ, μ or β1
/// ([`crate::optim::OptKind::under_cycled_momentum`]; torch
/// raises otherwise) and `one_cycle` must last the steps with no empty
/// phase. The error's field is `schedule.<arg>` (put it under
/// `optimizers[i]`).
pub fn check_schedule(spec: &OptSpec, steps: usize) -> Result<(), SceneError> {
    let Some(s) = &spec.schedule else {
        return Ok(());
    };
    if s.cycles_momentum()
        && spec
            .kind
            .under_cycled_momentum()
            .cycled_momentum()
            .is_none()
    {
        return Err(SceneError::new(
            "schedule.cycle_momentum",
            Problem::NoMomentum { kind: spec.kind },
        ));
    }
    s.check(steps)
        .map_err(|e| SceneError::new(format!("schedule.{}", e.arg()), Problem::Schedule(e)))?;
    if spec.kind == OptKind::Lbfgs && spec.hyper.line_search == LineSearch::StrongWolfe {
        if let Some(step) = zero_rate(s, spec.hyper.lr, steps) {
            return Err(SceneError::new("schedule", Problem::ZeroRate { step }));
        }
    }
    Ok(())
}

/// The first step (1-based) whose η is 0 under `s`, a `plateau` counted
/// as if the loss never improved (its worst case: `factor` 0 reaches 0 at
/// its first reduction).
fn zero_rate(s: &Schedule, lr: f64, steps: usize) -> Option<usize> {
    let mut run = Scheduler::new(Some(s), lr, steps);
    (1..=steps).find(|_| {
        let zero = run.lr() == 0.0;
        run.step(0.0);
        zero
    })
}
