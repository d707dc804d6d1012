//! A typed value the model did not take, and where it goes: a card's
//! error, a global field's rule and error, the field the page marks.

use crate::landscape::{Edge, Param};
use crate::optim::{HyperKey, Key, KeyValue, OptKind, Range};
use crate::scene::{SceneError, MAX_SEED, MAX_STEPS};

/// A value typed in an optimizer card that was not taken.
#[derive(Debug, Clone, PartialEq)]
pub enum CardError {
    /// Outside the allowed range of `field`.
    OutOfRange {
        /// The card.
        i: usize,
        /// Its optimizer.
        kind: OptKind,
        /// The parameter typed in.
        key: HyperKey,
        /// The parameter whose rule failed.
        field: HyperKey,
        /// What that rule allows (the key's range, or a rule between keys:
        /// dampening 0 with Nesterov).
        range: Range,
        /// The value given.
        v: f64,
    },
    /// Not a number; `current` is kept.
    Unreadable {
        /// The card.
        i: usize,
        /// Its optimizer.
        kind: OptKind,
        /// The parameter typed in.
        key: HyperKey,
        /// The value kept.
        current: f64,
    },
    /// A two-number or integer key refused: out of its rule (`v` is what
    /// the fields held) or unreadable (`v` is None); the value in effect is
    /// kept.
    Key {
        /// The card.
        i: usize,
        /// Its optimizer.
        kind: OptKind,
        /// The key.
        key: Key,
        /// The field typed in (0 or 1 of a pair; 0 otherwise).
        part: usize,
        /// The value the fields held, when they held numbers.
        v: Option<KeyValue>,
        /// The value kept (in effect).
        current: KeyValue,
    },
}

impl CardError {
    /// The card it belongs to.
    pub fn card(&self) -> usize {
        match self {
            CardError::OutOfRange { i, .. }
            | CardError::Unreadable { i, .. }
            | CardError::Key { i, .. } => *i,
        }
    }

    /// The field typed in (marked invalid on the page).
    pub fn field(&self) -> FieldId {
        match *self {
            CardError::OutOfRange { i, key, .. } | CardError::Unreadable { i, key, .. } => {
                FieldId::Hyper { i, key }
            }
            CardError::Key { i, key, part, .. } => FieldId::Key { i, key, part },
        }
    }
}

/// A field whose typed value can be refused: the page marks the one the
/// model names invalid and words its message beside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldId {
    /// A card's numeric parameter.
    Hyper {
        /// The card.
        i: usize,
        /// The parameter.
        key: HyperKey,
    },
    /// A field of a card's two-number or integer key.
    Key {
        /// The card.
        i: usize,
        /// The key.
        key: Key,
        /// Which of a pair's two fields (0 otherwise).
        part: usize,
    },
    /// The steps field.
    Steps,
    /// The noise σ field.
    Sigma,
    /// The noise seed field.
    Seed,
    /// A surface parameter.
    SurfaceParam(Param),
    /// A view field.
    View(Edge),
    /// The start's x (0) or y (1) field.
    Start(usize),
}

/// A global field whose value has a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// Steps: a whole number in 0..=MAX_STEPS.
    Steps,
    /// Noise σ: 0..=1e6.
    Sigma,
    /// Noise seed: a whole number in 0..=MAX_SEED.
    Seed,
    /// The start's x (0) or y (1): a number within ±1e12.
    Start(usize),
}

impl Rule {
    /// Whether the rule takes `v` (the start's axes are checked as a
    /// point, by `geometry::start_ok`).
    pub fn takes(self, v: f64) -> bool {
        match self {
            Rule::Steps => v.fract() == 0.0 && (0.0..=MAX_STEPS as f64).contains(&v),
            Rule::Sigma => (0.0..=1e6).contains(&v),
            Rule::Seed => v.fract() == 0.0 && (0.0..=MAX_SEED as f64).contains(&v),
            Rule::Start(_) => false,
        }
    }

    /// The field the rule is about.
    pub fn field(self) -> FieldId {
        match self {
            Rule::Steps => FieldId::Steps,
            Rule::Sigma => FieldId::Sigma,
            Rule::Seed => FieldId::Seed,
            Rule::Start(axis) => FieldId::Start(axis),
        }
    }
}

/// The message of the global error line.
#[derive(Debug, Clone, PartialEq)]
pub enum GlobalError {
    /// A value against its rule.
    Rule(Rule, f64),
    /// Text that is not a number in a ruled field.
    Unreadable(Rule),
    /// A surface parameter that is not a number.
    SurfaceNan(Param),
    /// A view field that is not a number.
    ViewNan {
        /// Which edge.
        edge: Edge,
        /// What was typed.
        text: String,
    },
    /// A surface parameter or view the scene refused, and the field typed
    /// in when one is to blame.
    Scene(SceneError, Option<FieldId>),
    /// Sixteen optimizers already.
    AddMax,
}

impl GlobalError {
    /// The field it is about, if one is (its message goes beside it).
    pub fn field(&self) -> Option<FieldId> {
        match self {
            GlobalError::Rule(r, _) | GlobalError::Unreadable(r) => Some(r.field()),
            GlobalError::SurfaceNan(k) => Some(FieldId::SurfaceParam(*k)),
            GlobalError::ViewNan { edge, .. } => Some(FieldId::View(*edge)),
            GlobalError::Scene(_, f) => *f,
            GlobalError::AddMax => None,
        }
    }
}
