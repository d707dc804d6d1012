//! How the page presents each hyper-parameter: symbol, name, slider range
//! and scale. η, ε, λ and ψ span decades, so their sliders are logarithmic;
//! the number field beside each slider takes any allowed value, also outside
//! the slider's range.

use crate::optim::{Hyper, OptKind};

/// Slider positions run over 0..=SLIDER_STEPS.
pub const SLIDER_STEPS: f64 = 1000.0;

/// The presentation of one numeric hyper-parameter.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ParamInfo {
    /// The scene key.
    pub key: &'static str,
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

/// Round to `n` significant digits.
pub fn round_sig(v: f64, n: i32) -> f64 {
    if v == 0.0 || !v.is_finite() {
        return v;
    }
    let k = 10f64.powi(n - 1 - v.abs().log10().floor() as i32);
    (v * k).round() / k
}

/// How a numeric key of an optimizer kind is shown; `None` for booleans.
pub fn param_info(kind: OptKind, key: &str) -> Option<ParamInfo> {
    let p = |key, symbol, min, max, log| {
        let step = if max > 0.99 && max < 0.9995 {
            0.001
        } else {
            0.0001
        };
        Some(ParamInfo {
            key,
            symbol,
            min,
            max,
            log,
            step,
        })
    };
    match key {
        "lr" => p("lr", "η", 1e-4, 10.0, true),
        "gamma" => match kind {
            OptKind::Momentum => p("gamma", "γ", 0.0, 0.999, false),
            OptKind::Adadelta => p("gamma", "ρ", 0.0, 0.999, false),
            _ => p("gamma", "γ", 0.0, 0.999, false),
        },
        "beta1" => p("beta1", "β1", 0.0, 0.999, false),
        "beta2" => p("beta2", "β2", 0.0, 0.9999, false),
        "eps" => p("eps", "ε", 1e-12, 1.0, true),
        "lambda" => p("lambda", "λ", 1e-4, 10.0, true),
        "momentum_decay" => p("momentum_decay", "ψ", 1e-4, 1.0, true),
        _ => None,
    }
}

/// Read a numeric hyper-parameter by scene key.
pub fn get(h: &Hyper, key: &str) -> f64 {
    match key {
        "lr" => h.lr,
        "gamma" => h.gamma,
        "beta1" => h.beta1,
        "beta2" => h.beta2,
        "eps" => h.eps,
        "lambda" => h.lambda,
        "momentum_decay" => h.momentum_decay,
        _ => f64::NAN,
    }
}

/// Write a numeric hyper-parameter by scene key.
pub fn set(h: &mut Hyper, key: &str, v: f64) {
    match key {
        "lr" => h.lr = v,
        "gamma" => h.gamma = v,
        "beta1" => h.beta1 = v,
        "beta2" => h.beta2 = v,
        "eps" => h.eps = v,
        "lambda" => h.lambda = v,
        "momentum_decay" => h.momentum_decay = v,
        _ => {}
    }
}

/// Read a boolean hyper-parameter by scene key.
pub fn get_flag(h: &Hyper, key: &str) -> bool {
    match key {
        "bias_correction" => h.bias_correction,
        "nesterov" => h.nesterov,
        "amsgrad" => h.amsgrad,
        _ => false,
    }
}

/// Write a boolean hyper-parameter by scene key.
pub fn set_flag(h: &mut Hyper, key: &str, v: bool) {
    match key {
        "bias_correction" => h.bias_correction = v,
        "nesterov" => h.nesterov = v,
        "amsgrad" => h.amsgrad = v,
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::optim::ALL_KINDS;

    #[test]
    fn every_numeric_key_has_a_slider_and_defaults_sit_inside_or_at_an_end() {
        for kind in ALL_KINDS {
            for key in kind.keys() {
                if let Some(info) = param_info(kind, key) {
                    assert!(info.min < info.max);
                    let pos = info.to_slider(get(&kind.defaults(crate::Convention::D2l), key));
                    assert!((0.0..=info.positions()).contains(&pos));
                } else {
                    assert!(
                        ["bias_correction", "nesterov", "amsgrad"].contains(key),
                        "{key}"
                    );
                }
            }
        }
    }

    #[test]
    fn slider_round_trips_clean_values() {
        let lr = param_info(OptKind::Gd, "lr").unwrap();
        for v in [1e-3, 0.01, 0.1, 1.0] {
            assert!(
                (lr.from_slider(lr.to_slider(v)) - v).abs() / v < 0.012,
                "{v}"
            );
        }
        assert_eq!(lr.from_slider(SLIDER_STEPS), 10.0);
        assert_eq!(lr.from_slider(0.0), 1e-4);
        let g = param_info(OptKind::Momentum, "gamma").unwrap();
        assert_eq!(g.from_slider(g.to_slider(0.5)), 0.5);
        assert_eq!(g.symbol, "γ");
        let b2 = param_info(OptKind::Adam, "beta2").unwrap();
        assert_eq!(b2.from_slider(b2.to_slider(0.999)), 0.999);
        assert_eq!(
            param_info(OptKind::Adam, "eps").unwrap().to_slider(0.0),
            0.0
        );
    }
}
