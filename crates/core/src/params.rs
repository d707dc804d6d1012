//! How the page presents each numeric hyper-parameter: its slider's range
//! and scale. η, ε, λ and ψ span decades, so their sliders are logarithmic;
//! the number field beside each slider takes any allowed value, also outside
//! the slider's range.

use crate::format::round_sig;
use crate::optim::{HyperKey, OptKind};

/// Slider positions run over 0..=SLIDER_STEPS.
pub const SLIDER_STEPS: f64 = 1000.0;

/// The presentation of one numeric hyper-parameter.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ParamInfo {
    /// Which hyper-parameter.
    pub key: HyperKey,
    /// The symbol the seed uses (η, γ, β1, …).
    pub symbol: &'static str,
    /// Slider minimum (the number field may go beyond).
    pub min: f64,
    /// Slider maximum.
    pub max: f64,
    /// Logarithmic slider.
    pub log: bool,
    /// Step of a linear slider (ignored when `log`).
    pub step: f64,
}

impl ParamInfo {
    /// Number of slider positions: `SLIDER_STEPS` for a log slider, one per
    /// step for a linear one.
    pub fn positions(&self) -> f64 {
        if self.log {
            SLIDER_STEPS
        } else {
            ((self.max - self.min) / self.step).round()
        }
    }

    /// Value → slider position in 0..=positions() (clamped to the slider's range).
    pub fn to_slider(&self, v: f64) -> f64 {
        let p = if self.log {
            if v <= 0.0 || v.is_nan() {
                0.0
            } else {
                (v.log10() - self.min.log10()) / (self.max.log10() - self.min.log10())
            }
        } else {
            (v - self.min) / (self.max - self.min)
        };
        (p.clamp(0.0, 1.0) * self.positions()).round()
    }

    /// Slider position → value, rounded to 3 significant digits (log) or to
    /// the slider's step (linear), so that values read cleanly.
    pub fn from_slider(&self, pos: f64) -> f64 {
        let p = (pos / self.positions()).clamp(0.0, 1.0);
        if self.log {
            let e = self.min.log10() + p * (self.max.log10() - self.min.log10());
            round_sig(10f64.powf(e), 3)
        } else {
            let v = self.min + p * (self.max - self.min);
            let digits = (-self.step.log10()).ceil().max(0.0) as i32;
            let k = 10f64.powi(digits);
            (v * k).round() / k
        }
    }
}

impl ParamInfo {
    /// The slider of numeric key `key` in a card of `kind`. η, ε, λ and ψ
    /// span decades: logarithmic; the decays are linear up to 0.999 (β2:
    /// 0.9999, so that its default 0.999 is not the end of the slider).
    pub fn of(kind: OptKind, key: HyperKey) -> ParamInfo {
        let (min, max, log) = match key {
            HyperKey::Lr | HyperKey::Lambda => (1e-4, 10.0, true),
            HyperKey::Gamma | HyperKey::Beta1 => (0.0, 0.999, false),
            HyperKey::Beta2 => (0.0, 0.9999, false),
            HyperKey::Eps => (1e-12, 1.0, true),
            HyperKey::MomentumDecay => (1e-4, 1.0, true),
        };
        let step = if max > 0.99 && max < 0.9995 {
            0.001
        } else {
            0.0001
        };
        ParamInfo {
            key,
            symbol: key.symbol(kind),
            min,
            max,
            log,
            step,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::optim::{Key, ALL_KINDS};

    #[test]
    fn every_numeric_key_has_a_slider_and_defaults_sit_inside_or_at_an_end() {
        for kind in ALL_KINDS {
            for &key in kind.keys() {
                let Key::Hyper(key) = key else { continue };
                let info = ParamInfo::of(kind, key);
                assert!(info.min < info.max);
                let pos = info.to_slider(key.get(&kind.defaults(crate::Convention::D2l)));
                assert!((0.0..=info.positions()).contains(&pos));
            }
        }
    }

    #[test]
    fn slider_round_trips_clean_values() {
        let lr = ParamInfo::of(OptKind::Gd, HyperKey::Lr);
        for v in [1e-3, 0.01, 0.1, 1.0] {
            assert!(
                (lr.from_slider(lr.to_slider(v)) - v).abs() / v < 0.012,
                "{v}"
            );
        }
        assert_eq!(lr.from_slider(SLIDER_STEPS), 10.0);
        assert_eq!(lr.from_slider(0.0), 1e-4);
        let g = ParamInfo::of(OptKind::Momentum, HyperKey::Gamma);
        assert_eq!(g.from_slider(g.to_slider(0.5)), 0.5);
        assert_eq!(g.symbol, "γ");
        let b2 = ParamInfo::of(OptKind::Adam, HyperKey::Beta2);
        assert_eq!(b2.from_slider(b2.to_slider(0.999)), 0.999);
        assert_eq!(
            ParamInfo::of(OptKind::Adam, HyperKey::Eps).to_slider(0.0),
            0.0
        );
    }
}
