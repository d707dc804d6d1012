//! The URL form of a scene: readable and editable by hand.
//!
//! `?f=quadratic&a=0.1&b=2&start=-5,-2&steps=20&conv=d2l&opt=gd:lr=0.4;momentum:lr=0.4,gamma=0.5&t=20`
//!
//! | key | meaning |
//! |---|---|
//! | `f` | landscape kind; its parameters as `a`, `b`, `rotation`, or `expr` (the formula of `f=expr`) |
//! | `start` | `x,y` |
//! | `steps` | 0..=100000 |
//! | `conv` | `d2l` or `pytorch` |
//! | `sigma`, `seed` | gradient noise |
//! | `view` | `x0,x1,y0,y1`, each edge moved outward to its shortest decimal within [`VIEW_PRECISION`] of its span |
//! | `opt` | `none` (no optimizer), or optimizers separated by `;`, each `kind:key=value,key=value`, η and the keys that differ from the convention's defaults (booleans `true`/`false`, choices by name, pairs `a~b`: `rprop:etas=0.5~1.2,step_sizes=1e-6~50`); a learning-rate schedule as `schedule=kind(arg=value,…)`, lists in parentheses: `opt=gd:lr=0.6,schedule=step(step_size=5,gamma=0.5)`, `schedule=sequential(schedulers=(linear(start_factor=0.1,total_iters=5),cosine()),milestones=(5))` (`,` and `;` inside parentheses belong to the schedule) |
//! | `t` | the current step |
//!
//! Reading is lenient where the scene JSON is strict: a value that is
//! unknown or out of range is dropped (its default is used) and reported in
//! a notice naming it, so a hand-edited link still opens a valid page that
//! the controls could have produced.

mod hidden;
mod locks;
mod page;
pub mod quiz;
mod read;
mod schedule;
mod write;

/// Between the two numbers of a pair key in a link (`etas=0.5~1.2`): `,`,
/// `;` and `:` already separate keys, optimizers and the kind, `-`, `.`,
/// `e` and `+` are parts of numbers, and `~` is an unreserved URL
/// character (RFC 3986), so no browser or `URLSearchParams` escapes it and
/// the link stays readable.
pub const PAIR: &str = "~";

/// `opt=none`: a scene without optimizers (the surface alone, after every
/// card was removed). An empty `opt=` is no such scene: like any empty
/// value it is dropped, and said ([`Notice::NoOptimizer`]).
pub const NO_OPTIMIZERS: &str = "none";

pub use hidden::{hidden_runs, read_hidden, write_hidden, HIDDEN_KEY};
pub use locks::{Group, Locks, Panel, PANELS};
pub use page::{page_params, write_open, Embed, OpenPanel, PageParams, PAGE_KEYS};
use read::decode;
pub use read::{from_query, from_query_over};
pub use write::{schedule_args, to_query, written_view, VIEW_PRECISION};

use crate::scene::SceneError;

/// The link's keys that say something about the scene (`read::from_query`
/// reads each; with a lesson, the link's scene is then shown).
pub const SCENE_KEYS: [&str; 12] = [
    "f", "expr", "a", "b", "rotation", "start", "steps", "conv", "sigma", "seed", "view", "opt",
];

/// The link's name for a scene field (`f` for `landscape.kind`, `conv`
/// for `convention`): what a link's notice names. An optimizer's field
/// keeps its path (`optimizers[0].lr`: the text layer words it).
pub fn link_name(field: &str) -> &str {
    let head = field.split(['.', '[']).next().unwrap_or(field);
    match field {
        "landscape.kind" => "f",
        _ if head == "landscape" || head == "noise" => &field[head.len() + 1..],
        "convention" => "conv",
        _ => field,
    }
}

/// Whether `key` is one a site adds to a link it passes on (WeChat's
/// `from`/`isappinstalled`, `utm_*`, click ids): not the page's, dropped
/// without a notice. A shared lesson link must still open that lesson.
pub fn is_tracking(key: &str) -> bool {
    key.starts_with("utm_")
        || [
            "from",
            "isappinstalled",
            "fbclid",
            "gclid",
            "msclkid",
            "spm",
        ]
        .contains(&key)
}

/// Why a value of a link was dropped or changed (the text layer words it).
#[derive(Debug, Clone, PartialEq)]
pub enum Notice {
    /// A scene field the scene reader refused; it was left out.
    Dropped(SceneError),
    /// `view=` is not four numbers.
    BadView {
        /// The value as written.
        got: String,
    },
    /// `opt=` names no optimizer (empty, or separators only); the default
    /// scene's optimizers are shown.
    NoOptimizer {
        /// The value as written.
        got: String,
    },
    /// `t=` is not a step number.
    BadStep {
        /// The value as written.
        got: String,
    },
    /// `t=` beyond the scene's steps; set to `steps`.
    StepTooLarge {
        /// The value given.
        got: usize,
        /// The scene's steps.
        steps: usize,
    },
    /// A key the link does not know.
    UnknownKey {
        /// The key as written.
        key: String,
    },
    /// A name in `lock=` or `hide=` that is no group (or, in `lock=`, a
    /// panel, which holds nothing to fix).
    UnknownGroup {
        /// `lock` or `hide`.
        key: String,
        /// The name as written.
        name: String,
    },
    /// `lesson=` names no lesson (1 to [`crate::lesson::LESSONS`]'s
    /// length); the link opens without one.
    BadLesson {
        /// The value as written.
        got: String,
    },
    /// `lang=` is neither English nor Chinese; the page is in English.
    BadLang {
        /// The value as written.
        got: String,
    },
    /// `present=` is not empty, 1, true, 0 or false; taken as on.
    BadPresent {
        /// The value as written.
        got: String,
    },
    /// A name in `open=` that is no explainer panel; the others open.
    UnknownPanel {
        /// The name as written.
        name: String,
    },
    /// A decimal written with a comma in `opt=` (`lr=0,5`): both halves
    /// are dropped (the comma separates keys).
    DecimalComma {
        /// The optimizer key (`lr`).
        key: String,
        /// What was written (`0,5`).
        got: String,
    },
    /// A schedule in `opt=` whose parentheses do not close around one
    /// schedule (`schedule=step(`); left out, its optimizer kept.
    BadSchedule {
        /// What was written after `schedule=`.
        got: String,
    },
    /// A key given more than once (`steps=5&steps=30`); the last is used.
    Repeated {
        /// The key.
        key: String,
    },
    /// Numbers in `hidden=` that are no run's (the runs are 1 to `runs`);
    /// those are dropped.
    BadHidden {
        /// The items that are no run's number, as written.
        got: String,
        /// How many runs the scene has.
        runs: usize,
    },
    /// Nothing could be read; the default scene is shown.
    Unreadable,
}

#[cfg(test)]
mod tests;
