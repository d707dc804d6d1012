//! What can be wrong with a scene, as values: the text layer
//! (`gradscape_text::errors`) words them in either language.

use crate::landscape::ExprError;
use crate::optim::{HyperError, HyperKey, KeyValue, Range};
use crate::OptKind;

/// A bad scene: where and what.
#[derive(Debug, Clone, PartialEq)]
pub struct SceneError {
    /// The JSON path of the offending field, e.g. `optimizers[1].lr`
    /// (empty when the whole text is at fault).
    pub field: String,
    /// What is wrong, with its values.
    pub problem: Problem,
}

impl SceneError {
    /// An error at `field`.
    pub fn new(field: impl Into<String>, problem: Problem) -> SceneError {
        SceneError {
            field: field.into(),
            problem,
        }
    }

    /// The same error one level down, e.g. under `optimizers[1]`.
    pub fn under(mut self, parent: &str) -> SceneError {
        self.field = if self.field.is_empty() {
            parent.to_string()
        } else {
            format!("{parent}.{}", self.field)
        };
        self
    }
}

impl From<HyperError> for SceneError {
    /// A hyper-parameter out of range, at its key (`lr`; see [`SceneError::under`]).
    fn from(e: HyperError) -> SceneError {
        SceneError::new(
            e.key.name(),
            Problem::MustBe {
                allowed: allowed_of(e.range),
                got: Got::value(e.value),
            },
        )
    }
}

/// What a numeric hyper-parameter allows, as the scene's errors say it.
pub fn allowed_range(key: HyperKey) -> Allowed {
    allowed_of(key.range())
}

/// What a hyper-parameter's range allows, as the scene's errors say it.
pub fn allowed_of(range: Range) -> Allowed {
    match range {
        Range::Positive => Allowed::Positive,
        Range::Unit => Allowed::Unit,
        Range::UnitClosed => Allowed::Range { lo: 0.0, hi: 1.0 },
        Range::NonNegative => Allowed::NonNegative,
        Range::Boolean => Allowed::Boolean,
        Range::Etas => Allowed::Etas,
        Range::StepSizes => Allowed::StepSizes,
        Range::Count { lo, hi } => Allowed::Integer { lo, hi },
        Range::LineSearch => Allowed::OneOf(Choice::LineSearch),
        Range::ZeroWithNesterov => Allowed::ZeroWithNesterov,
        Range::PositiveWithNesterov => Allowed::PositiveWithNesterov,
    }
}

/// What is wrong with a field.
#[derive(Debug, Clone, PartialEq)]
pub enum Problem {
    /// The text is empty (or only spaces): no JSON at all.
    EmptyText,
    /// The text is not JSON (the field, when there is one, is the innermost
    /// key whose value it broke in).
    NotJson {
        /// 1-based line of the problem.
        line: usize,
        /// 1-based column of the problem.
        column: usize,
        /// serde_json's own description (the text layer says it in plain
        /// words in either language; as it is only for a fault it lacks).
        detail: String,
    },
    /// A key written twice in one object (JSON would keep the last
    /// silently); the field is the key's path.
    DuplicateKey {
        /// 1-based line of the second occurrence.
        line: usize,
        /// 1-based column of its closing quote.
        column: usize,
    },
    /// A key the object does not have.
    UnknownKey {
        /// The object's path (`""` for the scene itself).
        within: &'static str,
        /// The keys it has.
        allowed: &'static [&'static str],
    },
    /// A key this optimizer kind does not use.
    UnknownOptimizerKey {
        /// The optimizer's kind (its keys are `kind` and `kind.keys()`).
        kind: OptKind,
    },
    /// A value outside what is allowed.
    MustBe {
        /// What is allowed.
        allowed: Allowed,
        /// What was given.
        got: Got,
    },
    /// A key that must be given.
    Required {
        /// What it must be.
        allowed: Allowed,
    },
    /// Too many entries in a list.
    TooMany {
        /// The most allowed.
        max: usize,
        /// How many were given.
        got: usize,
    },
    /// No optimizer at this index (sweeps of one optimizer).
    NoOptimizer {
        /// The index asked for.
        index: usize,
    },
    /// A formula that does not parse.
    Formula(ExprError),
    /// f is not defined (or not finite) at the start: no run has a first
    /// point ([`crate::run::check_start`]).
    UndefinedStart {
        /// The start.
        x: f64,
        /// The start.
        y: f64,
    },
    /// A schedule that does not fit the scene's steps.
    Schedule(crate::schedule::ScheduleError),
    /// A schedule's `cycle_momentum` on an optimizer with neither γ nor β1.
    NoMomentum {
        /// The optimizer.
        kind: OptKind,
    },
    /// L-BFGS's strong-Wolfe line search under a schedule whose η is 0
    /// at this step: torch's cubic interpolation divides by the step
    /// (ZeroDivisionError).
    ZeroRate {
        /// The first step taken with η = 0.
        step: usize,
    },
}

/// A named list of choices.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    /// The landscape kinds (`landscape::KINDS`).
    Landscape,
    /// The optimizer kinds (`optim::ALL_KINDS`).
    Optimizer,
    /// L-BFGS's line searches (`optim::LineSearch`).
    LineSearch,
    /// The schedule kinds (`schedule::KINDS`).
    Schedule,
    /// The kinds a `sequential` schedule may chain (the first eight).
    ScheduleChild,
    /// `cyclic`'s modes.
    CyclicMode,
    /// `one_cycle`'s anneal strategies.
    Anneal,
    /// `plateau`'s modes.
    PlateauMode,
    /// `plateau`'s threshold modes.
    ThresholdMode,
}

/// What a field allows.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Allowed {
    /// A finite number > 0.
    Positive,
    /// A number in [0, 1).
    Unit,
    /// A finite number ≥ 0.
    NonNegative,
    /// true or false.
    Boolean,
    /// Any number.
    Number,
    /// A number in [lo, hi].
    Range {
        /// Least.
        lo: f64,
        /// Greatest.
        hi: f64,
    },
    /// A finite number with |name| ≤ max.
    AbsAtMost {
        /// The symbol in the bound (`x`, `a`).
        name: &'static str,
        /// The bound.
        max: f64,
    },
    /// A finite number with lo ≤ |value| ≤ hi.
    AbsWithin {
        /// Least magnitude.
        lo: f64,
        /// Greatest magnitude.
        hi: f64,
    },
    /// An angle in degrees in [-max, max].
    Angle {
        /// The bound.
        max: f64,
    },
    /// An integer in lo..=hi.
    Integer {
        /// Least.
        lo: u64,
        /// Greatest.
        hi: u64,
    },
    /// `[x, y]`, two finite numbers.
    Point,
    /// `[min, max]`, two finite numbers with min < max.
    Span,
    /// `[min, max]` with min < max (the numbers were read; their order is wrong).
    Ordered,
    /// A JSON object.
    Object,
    /// A list of optimizers.
    OptimizerList,
    /// One of the names of a list.
    OneOf(Choice),
    /// `"d2l"` or `"pytorch"`.
    Convention,
    /// The version 1.
    Version,
    /// A formula in x and y, as a string.
    Formula,
    /// Rprop's `[η−, η+]`: two finite numbers with 0 < η− < 1 < η+.
    Etas,
    /// Rprop's `[min, max]`: two finite numbers with 0 ≤ min ≤ max.
    StepSizes,
    /// 0, since Nesterov is on (torch refuses dampening with Nesterov).
    ZeroWithNesterov,
    /// In (0, 1), since Nesterov is on (torch refuses Nesterov without a
    /// momentum).
    PositiveWithNesterov,
    /// A number in (0, 1].
    Fraction,
    /// A list of at most `max` strictly increasing integers ≥ 1.
    Milestones {
        /// Most entries.
        max: usize,
    },
    /// A list of exactly `n` entries.
    Count {
        /// How many.
        n: usize,
    },
    /// A non-empty list of at most `max` schedules.
    ScheduleList {
        /// Most entries.
        max: usize,
    },
}

/// The value given, as the error shows it.
#[derive(Debug, Clone, PartialEq)]
pub enum Got {
    /// A number, boolean, null or short string, as JSON writes it
    /// (`-1`, `1.0`, `true`, `"abc"`).
    Json(String),
    /// A number computed or read elsewhere.
    Number(f64),
    /// The first 40 characters of a longer string.
    Cut(String),
    /// A JSON array longer than [`GOT_CHARS`] as written.
    Array,
    /// A JSON object.
    Object,
    /// A list of this many numbers.
    Count(usize),
    /// Two numbers `[a, b]`.
    Pair(f64, f64),
}

/// The longest string an error repeats.
pub const GOT_CHARS: usize = 40;

impl Got {
    /// How a hyper-parameter's value is shown in an error.
    pub fn value(v: KeyValue) -> Got {
        match v {
            KeyValue::Number(x) => Got::Number(x),
            KeyValue::Flag(b) => Got::Json(b.to_string()),
            KeyValue::Pair([a, b]) => Got::Pair(a, b),
            KeyValue::Int(n) => Got::Json(n.to_string()),
            KeyValue::Choice(s) => Got::Json(format!("\"{s}\"")),
        }
    }

    /// How a JSON value is shown in an error.
    pub fn of(v: &serde_json::Value) -> Got {
        use serde_json::Value;
        match v {
            Value::String(s) if s.chars().count() > GOT_CHARS => {
                Got::Cut(s.chars().take(GOT_CHARS).collect())
            }
            // A short list as written (a milestone list refused for its
            // -5 said only "an array").
            Value::Array(_) if v.to_string().chars().count() <= GOT_CHARS => {
                Got::Json(v.to_string())
            }
            Value::Array(_) => Got::Array,
            Value::Object(_) => Got::Object,
            other => Got::Json(other.to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// A short list is shown as written, a long one only named.
    #[test]
    fn a_short_list_is_quoted_a_long_one_named() {
        assert_eq!(Got::of(&json!([-5])), Got::Json("[-5]".into()));
        assert_eq!(Got::of(&json!([1, "a"])), Got::Json("[1,\"a\"]".into()));
        let long: Vec<u32> = (0..30).collect();
        assert_eq!(Got::of(&json!(long)), Got::Array);
        assert_eq!(Got::of(&json!({"a": 1})), Got::Object);
    }
}
