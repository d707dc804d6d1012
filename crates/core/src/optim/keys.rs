//! The key types beyond numbers and switches — pairs, integers, choices —
//! and [`Key`], any key, with [`KeyValue`], any key's value: what the scene
//! and link codecs read and write and the cards present.

use super::hyper::{FlagKey, Hyper, HyperKey};
use super::range::{KeyValue, LineSearch, Range, MAX_HISTORY};

/// A hyper-parameter of two numbers (JSON `[a, b]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PairKey {
    /// Rprop's [η−, η+].
    Etas,
    /// Rprop's [Γmin, Γmax].
    StepSizes,
}

/// An integer hyper-parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IntKey {
    /// L-BFGS's history size m.
    HistorySize,
}

/// A hyper-parameter chosen among names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ChoiceKey {
    /// L-BFGS's line search ([`LineSearch`]).
    LineSearch,
}

/// Any hyper-parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Key {
    /// A number.
    Hyper(HyperKey),
    /// A switch.
    Flag(FlagKey),
    /// Two numbers.
    Pair(PairKey),
    /// An integer.
    Int(IntKey),
    /// A name among a few.
    Choice(ChoiceKey),
}

impl PairKey {
    /// Every pair.
    pub const ALL: [PairKey; 2] = [PairKey::Etas, PairKey::StepSizes];

    /// The scene and link name.
    pub fn name(self) -> &'static str {
        match self {
            PairKey::Etas => "etas",
            PairKey::StepSizes => "step_sizes",
        }
    }

    /// From the scene name.
    pub fn from_name(s: &str) -> Option<PairKey> {
        PairKey::ALL.into_iter().find(|k| k.name() == s)
    }

    /// The symbols of its two numbers (torch's documentation).
    pub fn symbols(self) -> [&'static str; 2] {
        match self {
            PairKey::Etas => ["η−", "η+"],
            PairKey::StepSizes => ["Γmin", "Γmax"],
        }
    }

    /// What the pair allows.
    pub fn range(self) -> Range {
        match self {
            PairKey::Etas => Range::Etas,
            PairKey::StepSizes => Range::StepSizes,
        }
    }

    /// Whether `v` is allowed.
    pub fn in_range(self, v: [f64; 2]) -> bool {
        self.range().allows(KeyValue::Pair(v))
    }

    /// Its value in `h`.
    pub fn get(self, h: &Hyper) -> [f64; 2] {
        match self {
            PairKey::Etas => h.etas,
            PairKey::StepSizes => h.step_sizes,
        }
    }

    /// Set its value in `h` (unchecked: see [`PairKey::in_range`]).
    pub fn set(self, h: &mut Hyper, v: [f64; 2]) {
        match self {
            PairKey::Etas => h.etas = v,
            PairKey::StepSizes => h.step_sizes = v,
        }
    }
}

impl IntKey {
    /// Every integer key.
    pub const ALL: [IntKey; 1] = [IntKey::HistorySize];

    /// The scene and link name.
    pub fn name(self) -> &'static str {
        match self {
            IntKey::HistorySize => "history_size",
        }
    }

    /// From the scene name.
    pub fn from_name(s: &str) -> Option<IntKey> {
        IntKey::ALL.into_iter().find(|k| k.name() == s)
    }

    /// The symbol (Nocedal & Wright's m for the memory of L-BFGS).
    pub fn symbol(self) -> &'static str {
        match self {
            IntKey::HistorySize => "m",
        }
    }

    /// What the key allows.
    pub fn range(self) -> Range {
        match self {
            IntKey::HistorySize => Range::Count {
                lo: 1,
                hi: MAX_HISTORY,
            },
        }
    }

    /// Whether `n` is allowed.
    pub fn in_range(self, n: u64) -> bool {
        self.range().allows(KeyValue::Int(n))
    }

    /// Its value in `h`.
    pub fn get(self, h: &Hyper) -> u64 {
        match self {
            IntKey::HistorySize => h.history_size as u64,
        }
    }

    /// Set its value in `h` (unchecked: see [`IntKey::in_range`]).
    pub fn set(self, h: &mut Hyper, n: u64) {
        match self {
            IntKey::HistorySize => h.history_size = usize::try_from(n).unwrap_or(usize::MAX),
        }
    }
}

impl ChoiceKey {
    /// Every choice key.
    pub const ALL: [ChoiceKey; 1] = [ChoiceKey::LineSearch];

    /// The scene and link name.
    pub fn name(self) -> &'static str {
        match self {
            ChoiceKey::LineSearch => "line_search",
        }
    }

    /// From the scene name.
    pub fn from_name(s: &str) -> Option<ChoiceKey> {
        ChoiceKey::ALL.into_iter().find(|k| k.name() == s)
    }

    /// The names it may take, in the order a picker lists them.
    pub fn options(self) -> &'static [&'static str] {
        match self {
            ChoiceKey::LineSearch => &["none", "strong_wolfe"],
        }
    }

    /// What the key allows.
    pub fn range(self) -> Range {
        match self {
            ChoiceKey::LineSearch => Range::LineSearch,
        }
    }

    /// Its value in `h`, by name.
    pub fn get(self, h: &Hyper) -> &'static str {
        match self {
            ChoiceKey::LineSearch => h.line_search.name(),
        }
    }

    /// Set it in `h` by name; false (and `h` unchanged) for a name it does
    /// not have.
    pub fn set(self, h: &mut Hyper, name: &str) -> bool {
        match self {
            ChoiceKey::LineSearch => match LineSearch::from_name(name) {
                Some(c) => {
                    h.line_search = c;
                    true
                }
                None => false,
            },
        }
    }
}

impl Key {
    /// Every key of every type.
    pub fn all() -> impl Iterator<Item = Key> {
        HyperKey::ALL
            .into_iter()
            .map(Key::Hyper)
            .chain(FlagKey::ALL.map(Key::Flag))
            .chain(PairKey::ALL.map(Key::Pair))
            .chain(IntKey::ALL.map(Key::Int))
            .chain(ChoiceKey::ALL.map(Key::Choice))
    }

    /// The scene and link name.
    pub fn name(self) -> &'static str {
        match self {
            Key::Hyper(k) => k.name(),
            Key::Flag(k) => k.name(),
            Key::Pair(k) => k.name(),
            Key::Int(k) => k.name(),
            Key::Choice(k) => k.name(),
        }
    }

    /// From the scene name.
    pub fn from_name(s: &str) -> Option<Key> {
        Key::all().find(|k| k.name() == s)
    }

    /// What the key allows on its own.
    pub fn range(self) -> Range {
        match self {
            Key::Hyper(k) => k.range(),
            Key::Flag(_) => Range::Boolean,
            Key::Pair(k) => k.range(),
            Key::Int(k) => k.range(),
            Key::Choice(k) => k.range(),
        }
    }

    /// Its value in `h`.
    pub fn get(self, h: &Hyper) -> KeyValue {
        match self {
            Key::Hyper(k) => KeyValue::Number(k.get(h)),
            Key::Flag(k) => KeyValue::Flag(k.get(h)),
            Key::Pair(k) => KeyValue::Pair(k.get(h)),
            Key::Int(k) => KeyValue::Int(k.get(h)),
            Key::Choice(k) => KeyValue::Choice(k.get(h)),
        }
    }

    /// Set its value in `h` (unchecked); false when the value is of another
    /// type (or a name the choice does not have).
    pub fn set(self, h: &mut Hyper, v: KeyValue) -> bool {
        match (self, v) {
            (Key::Hyper(k), KeyValue::Number(x)) => k.set(h, x),
            (Key::Flag(k), KeyValue::Flag(b)) => k.set(h, b),
            (Key::Pair(k), KeyValue::Pair(p)) => k.set(h, p),
            (Key::Int(k), KeyValue::Int(n)) => k.set(h, n),
            (Key::Choice(k), KeyValue::Choice(s)) => return k.set(h, s),
            _ => return false,
        }
        true
    }

    /// The numeric key, if it is one.
    pub fn hyper(self) -> Option<HyperKey> {
        match self {
            Key::Hyper(k) => Some(k),
            _ => None,
        }
    }

    /// The switch, if it is one.
    pub fn flag(self) -> Option<FlagKey> {
        match self {
            Key::Flag(k) => Some(k),
            _ => None,
        }
    }
}

impl From<HyperKey> for Key {
    fn from(k: HyperKey) -> Key {
        Key::Hyper(k)
    }
}

impl From<FlagKey> for Key {
    fn from(k: FlagKey) -> Key {
        Key::Flag(k)
    }
}

impl From<PairKey> for Key {
    fn from(k: PairKey) -> Key {
        Key::Pair(k)
    }
}

impl From<IntKey> for Key {
    fn from(k: IntKey) -> Key {
        Key::Int(k)
    }
}

impl From<ChoiceKey> for Key {
    fn from(k: ChoiceKey) -> Key {
        Key::Choice(k)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_are_distinct() {
        let mut seen = std::collections::HashSet::new();
        for k in Key::all() {
            assert_eq!(Key::from_name(k.name()), Some(k));
            assert!(seen.insert(k.name()), "{k:?}");
        }
        assert_eq!(seen.len(), 11 + 5 + 2 + 1 + 1);
        assert_eq!(Key::from_name("learning_rate"), None);
        assert_eq!(HyperKey::from_name("nesterov"), None);
        assert_eq!(
            Key::from_name("momentum"),
            Some(Key::Hyper(HyperKey::Momentum))
        );
        for c in LineSearch::ALL {
            assert_eq!(LineSearch::from_name(c.name()), Some(c));
        }
        assert_eq!(
            ChoiceKey::LineSearch.options(),
            LineSearch::ALL.map(LineSearch::name)
        );
    }

    #[test]
    fn get_reads_what_set_wrote() {
        let mut h = Hyper::default();
        for (i, k) in HyperKey::ALL.into_iter().enumerate() {
            k.set(&mut h, 0.125 * (i + 1) as f64);
        }
        for (i, k) in HyperKey::ALL.into_iter().enumerate() {
            assert_eq!(k.get(&h), 0.125 * (i + 1) as f64, "{k:?}");
        }
        for f in FlagKey::ALL {
            let v = f.get(&h);
            f.set(&mut h, !v);
        }
        assert!(!h.bias_correction && h.nesterov && h.amsgrad && h.centered && h.decoupled);
        for (i, k) in PairKey::ALL.into_iter().enumerate() {
            assert!(Key::Pair(k).set(&mut h, KeyValue::Pair([i as f64, 7.0])));
            assert_eq!(Key::Pair(k).get(&h), KeyValue::Pair([i as f64, 7.0]));
        }
        assert!(Key::Int(IntKey::HistorySize).set(&mut h, KeyValue::Int(7)));
        assert_eq!(h.history_size, 7);
        let ls = Key::Choice(ChoiceKey::LineSearch);
        assert!(ls.set(&mut h, KeyValue::Choice("strong_wolfe")));
        assert_eq!(h.line_search, LineSearch::StrongWolfe);
        assert!(!ls.set(&mut h, KeyValue::Choice("wolfe")));
        assert_eq!(ls.get(&h), KeyValue::Choice("strong_wolfe"));
        assert!(!Key::Hyper(HyperKey::Lr).set(&mut h, KeyValue::Flag(true)));
    }

    #[test]
    fn ranges() {
        assert!(HyperKey::Lr.in_range(1e-9) && !HyperKey::Lr.in_range(0.0));
        assert!(!HyperKey::Lr.in_range(f64::INFINITY));
        assert!(HyperKey::Gamma.in_range(0.0) && !HyperKey::Beta2.in_range(1.0));
        assert!(!HyperKey::Beta1.in_range(f64::NAN));
        assert!(HyperKey::Eps.in_range(0.0) && !HyperKey::Lambda.in_range(-1e-9));
        assert!(HyperKey::Dampening.in_range(1.0) && !HyperKey::Dampening.in_range(1.01));
        assert!(!HyperKey::Momentum.in_range(1.0) && !HyperKey::LrDecay.in_range(-1.0));
        // torch: 0 < η− < 1 < η+.
        assert!(PairKey::Etas.in_range([0.5, 1.2]));
        for bad in [
            [0.0, 1.2],
            [1.0, 1.2],
            [0.5, 1.0],
            [0.5, f64::INFINITY],
            [f64::NAN, 2.0],
        ] {
            assert!(!PairKey::Etas.in_range(bad), "{bad:?}");
        }
        assert!(
            PairKey::StepSizes.in_range([0.0, 0.0]) && PairKey::StepSizes.in_range([1e-6, 50.0])
        );
        for bad in [[-1e-9, 1.0], [2.0, 1.0], [0.0, f64::INFINITY]] {
            assert!(!PairKey::StepSizes.in_range(bad), "{bad:?}");
        }
        assert!(IntKey::HistorySize.in_range(1) && IntKey::HistorySize.in_range(100));
        assert!(!IntKey::HistorySize.in_range(0) && !IntKey::HistorySize.in_range(101));
        assert!(Range::LineSearch.allows(KeyValue::Choice("none")));
        assert!(!Range::LineSearch.allows(KeyValue::Number(0.0)));
    }
}
