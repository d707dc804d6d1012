//! What a hyper-parameter's value may be: [`KeyValue`] (any key's value),
//! [`Range`] (what a key allows, and the one rule between two keys) and
//! [`LineSearch`], L-BFGS's choice.

/// L-BFGS's line search: none (a fixed step lr) or torch's strong Wolfe.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum LineSearch {
    /// torch `line_search_fn=None`: x ← x + lr·d.
    #[default]
    None,
    /// torch `line_search_fn="strong_wolfe"`.
    StrongWolfe,
}

impl LineSearch {
    /// Every choice, in the order a picker lists them.
    pub const ALL: [LineSearch; 2] = [LineSearch::None, LineSearch::StrongWolfe];

    /// The scene and link name.
    pub fn name(self) -> &'static str {
        match self {
            LineSearch::None => "none",
            LineSearch::StrongWolfe => "strong_wolfe",
        }
    }

    /// From the scene name.
    pub fn from_name(s: &str) -> Option<LineSearch> {
        LineSearch::ALL.into_iter().find(|c| c.name() == s)
    }
}

/// The value of any hyper-parameter.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum KeyValue {
    /// A number.
    Number(f64),
    /// A switch.
    Flag(bool),
    /// Two numbers.
    Pair([f64; 2]),
    /// An integer.
    Int(u64),
    /// A choice, by its scene name.
    Choice(&'static str),
}

/// What a hyper-parameter allows (numbers, pairs, integers, choices, and
/// the one rule between two keys).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Range {
    /// A finite number > 0 (η).
    Positive,
    /// A number in [0, 1) (the decays γ, β1, β2, RMSProp's μ).
    Unit,
    /// A number in [0, 1] (τ, dampening).
    UnitClosed,
    /// A finite number ≥ 0 (ε, λ, ψ, lr_decay, s₀).
    NonNegative,
    /// true or false.
    Boolean,
    /// Rprop's [η−, η+] with 0 < η− < 1 < η+, both finite (torch refuses
    /// anything else).
    Etas,
    /// Rprop's [Γmin, Γmax] with 0 ≤ Γmin ≤ Γmax, both finite.
    StepSizes,
    /// An integer in lo..=hi.
    Count {
        /// Least.
        lo: u64,
        /// Greatest.
        hi: u64,
    },
    /// One of the names of [`LineSearch`].
    LineSearch,
    /// 0 when Nesterov is on (torch: "Nesterov momentum requires a momentum
    /// and zero dampening").
    ZeroWithNesterov,
    /// In (0, 1) when Nesterov is on (the same torch rule: Nesterov needs
    /// a momentum).
    PositiveWithNesterov,
}

/// The most pairs L-BFGS may keep: torch's default, and already far more
/// than a 2-D problem can use.
pub const MAX_HISTORY: u64 = 100;

impl Range {
    /// Whether the number `v` is allowed (for numeric ranges).
    pub fn contains(self, v: f64) -> bool {
        match self {
            Range::Positive => v.is_finite() && v > 0.0,
            Range::Unit => (0.0..1.0).contains(&v),
            Range::UnitClosed => (0.0..=1.0).contains(&v),
            Range::NonNegative => v.is_finite() && v >= 0.0,
            Range::ZeroWithNesterov => v == 0.0,
            Range::PositiveWithNesterov => v > 0.0 && v < 1.0,
            _ => false,
        }
    }

    /// Whether `v` is allowed.
    pub fn allows(self, v: KeyValue) -> bool {
        match (self, v) {
            (Range::Boolean, KeyValue::Flag(_)) => true,
            (Range::Etas, KeyValue::Pair([lo, hi])) => {
                lo.is_finite() && hi.is_finite() && 0.0 < lo && lo < 1.0 && 1.0 < hi
            }
            (Range::StepSizes, KeyValue::Pair([lo, hi])) => {
                lo.is_finite() && hi.is_finite() && 0.0 <= lo && lo <= hi
            }
            (Range::Count { lo, hi }, KeyValue::Int(n)) => (lo..=hi).contains(&n),
            (Range::LineSearch, KeyValue::Choice(s)) => LineSearch::from_name(s).is_some(),
            (r, KeyValue::Number(x)) => r.contains(x),
            _ => false,
        }
    }
}
