//! How the page presents each numeric hyper-parameter: its slider's range
//! and scale. η, ε, λ, ψ, AdaGrad's lr_decay and initial accumulator span
//! decades, so their sliders are logarithmic; the number field beside each
//! slider takes any allowed value, also outside the slider's range. A log
//! slider of a key that is off at 0 (torch's extras: λ on GD, lr_decay, the
//! initial accumulator; λ on Adamax, RAdam, Lion) keeps its leftmost
//! position for exactly 0, so sliding all the way left switches it off.

mod press;

use crate::format::round_sig;
use crate::math;
use crate::optim::{HyperKey, OptKind};

/// Slider positions run over 0..=SLIDER_STEPS.
pub const SLIDER_STEPS: f64 = 1000.0;

/// A linear slider's drag stops every this many positions (a − / + press).
const SNAP_STEPS: f64 = 10.0;

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
    /// A log slider whose position 0 is the value 0 (the key's off value);
    /// positions 1..=SLIDER_STEPS span `min`..=`max`.
    pub zero: bool,
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
        self.position(v).round()
    }

    /// Value → the slider's exact (fractional) position, clamped to its range.
    fn position(&self, v: f64) -> f64 {
        let p = if self.log {
            if v <= 0.0 || v.is_nan() {
                0.0
            } else {
                let p = (math::log10(v) - math::log10(self.min))
                    / (math::log10(self.max) - math::log10(self.min));
                if self.zero {
                    let n = self.positions();
                    return 1.0 + p.clamp(0.0, 1.0) * (n - 1.0);
                }
                p
            }
        } else {
            (v - self.min) / (self.max - self.min)
        };
        p.clamp(0.0, 1.0) * self.positions()
    }

    /// A pointer's slider position `pos`, drawn to the nearest clean value
    /// (a log slider's arrow stops, [`stops`](Self::stops), in every
    /// decade; a linear one's every ten steps, a − / + press: γ's
    /// hundredths) when that
    /// stop lies within half a pixel, `per_px` positions a CSS pixel (and
    /// half a position: the browser rounds a pixel to a whole one). A
    /// drag then passes through every value the keys and the lessons name
    /// (η = 0.5, 0.6), which a narrow slider's pixel (×1.07 for η at 200
    /// px) jumped over (0.556, 0.589, 0.631), and keeps the positions in
    /// between. `per_px` ≤ 0: `pos` as it is.
    pub fn snap(&self, pos: f64, per_px: f64) -> f64 {
        if !(per_px > 0.0 && pos.is_finite()) {
            return pos;
        }
        let near = if self.log {
            if self.zero && pos < 0.5 {
                return pos;
            }
            let e = math::log10(self.from_slider(pos)).floor() as i32;
            let stops = self.stops();
            (e - 1..=e + 1)
                .flat_map(|e| stops.iter().map(move |m| round_sig(m * 10f64.powi(e), 3)))
                .map(|s| self.position(s))
                .min_by(|a, b| (a - pos).abs().total_cmp(&(b - pos).abs()))
                .unwrap_or(pos)
        } else if per_px < SNAP_STEPS {
            (pos / SNAP_STEPS).round() * SNAP_STEPS
        } else {
            // A pixel wider than the stops (β2's 9,999 positions): every
            // pixel would snap, none between.
            return pos;
        };
        if (near - pos).abs() <= (per_px + 1.0) / 2.0 {
            near
        } else {
            pos
        }
    }

    /// Slider position → value, rounded to 3 significant digits (log) or to
    /// the slider's step (linear), so that values read cleanly.
    pub fn from_slider(&self, pos: f64) -> f64 {
        let mut p = (pos / self.positions()).clamp(0.0, 1.0);
        if self.zero {
            if pos < 0.5 {
                return 0.0;
            }
            p = ((pos - 1.0) / (self.positions() - 1.0)).clamp(0.0, 1.0);
        }
        if self.log {
            let e = math::log10(self.min) + p * (math::log10(self.max) - math::log10(self.min));
            round_sig(math::pow(10.0, e), 3)
        } else {
            let v = self.min + p * (self.max - self.min);
            let digits = (-math::log10(self.step)).ceil().max(0.0) as i32;
            let k = 10f64.powi(digits);
            (v * k).round() / k
        }
    }

    /// The slider of numeric key `key` in a card of `kind`. η, ε, λ and ψ
    /// span decades: logarithmic; the decays are linear up to 0.999 (β2:
    /// 0.9999, so that its default 0.999 is not the end of the slider).
    pub fn of(kind: OptKind, key: HyperKey) -> ParamInfo {
        let (min, max, log) = match key {
            HyperKey::Lr | HyperKey::Lambda => (1e-4, 10.0, true),
            HyperKey::Gamma | HyperKey::Beta1 => (0.0, 0.999, false),
            HyperKey::Beta2 => (0.0, 0.9999, false),
            HyperKey::Eps => (1e-12, 1.0, true),
            HyperKey::MomentumDecay | HyperKey::LrDecay => (1e-4, 1.0, true),
            HyperKey::InitialAccumulatorValue => (1e-4, 10.0, true),
            HyperKey::Dampening => (0.0, 1.0, false),
            // RMSprop's μ: past 0.99 its buffer barely forgets.
            HyperKey::Momentum => (0.0, 0.99, false),
        };
        // τ and μ move in hundredths; β2's slider reaches 0.9999, so its
        // step is finer; a log slider has no step.
        let step = if key == HyperKey::Momentum || key == HyperKey::Dampening {
            0.01
        } else if key == HyperKey::Beta2 {
            0.0001
        } else {
            0.001
        };
        // λ too, whatever its default: lesson 9 asks for λ = 0 (AdamW is
        // then Adam), and the slider stopped at 1e-4.
        let zero = log
            && key.in_range(0.0)
            && (key == HyperKey::Lambda
                || key.get(&kind.defaults(crate::Convention::Pytorch)) == 0.0);
        ParamInfo {
            key,
            symbol: key.symbol(kind),
            min,
            max,
            log,
            step,
            zero,
        }
    }
}

#[cfg(test)]
mod tests;
