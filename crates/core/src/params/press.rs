//! What a key or a − / + press moves a value to: the next clean value, an
//! arrow's stops in each decade, Shift+arrow's finest step.

use super::ParamInfo;
use crate::format::round_sig;
use crate::math;

impl ParamInfo {
    /// The value one fine-adjust press (− or +, `up`) moves `v` to: the
    /// next value of two significant digits for a logarithmic parameter
    /// (0.4 → 0.41, 0.1 → 0.099), ten slider steps for a linear one (0.01
    /// for γ and β1, 0.001 for β2); kept in the slider's range, but a value
    /// typed beyond it is not pulled back by a press pointing further out.
    pub fn nudge(&self, v: f64, up: bool) -> f64 {
        if !v.is_finite() {
            return self.min;
        }
        if self.zero && !up && v <= self.min {
            return 0.0;
        }
        if (up && v >= self.max) || (!up && v <= self.min) {
            return v;
        }
        let next = if self.log {
            if v <= 0.0 {
                return self.min;
            }
            next_digits(v, up, 2)
        } else {
            let s = self.step * 10.0;
            let n = if up {
                (v / s + 1e-9).floor() + 1.0
            } else {
                (v / s - 1e-9).ceil() - 1.0
            };
            let k = 10f64.powi((-math::log10(s)).ceil().max(0.0) as i32);
            (n * s * k).round() / k
        };
        next.clamp(self.min, self.max)
    }

    /// The value an arrow key moves `v` to (`up`: → or ↑): on a linear
    /// slider a hundredth of its positions; on a logarithmic one the next
    /// of its [`stops`](Self::stops) (0.4 → 0.5 → 0.6, the values lessons
    /// name, not 0.449, 0.503, 0.565), so that a press back returns. The
    /// ends as for [`nudge`](Self::nudge).
    pub fn arrow(&self, v: f64, up: bool) -> f64 {
        if let Some(end) = self.key_end(v, up, self.positions() / 100.0) {
            return end;
        }
        let stops = self.stops();
        let e = math::log10(v).floor() as i32;
        let near = (e - 1..=e + 1)
            .flat_map(|e| stops.iter().map(move |m| round_sig(m * 10f64.powi(e), 3)));
        let next = if up {
            near.filter(|&x| x > v * (1.0 + 1e-9))
                .fold(f64::INFINITY, f64::min)
        } else {
            near.filter(|&x| x < v * (1.0 - 1e-9)).fold(0.0, f64::max)
        };
        next.clamp(self.min, self.max)
    }

    /// Where a logarithmic slider's arrow keys stop in each decade, as
    /// mantissas from 1: each the roundest value (one significant digit,
    /// then two ending in 5, then two, then three) from a third of a press
    /// to two presses past the one before, a press being a hundredth of
    /// the slider; of equals, the nearest to one press. η's five decades:
    /// 1, 1.1, 1.2, 1.5, 1.7, 2, 2.5, 3, 3.5, 4, 5, 6, 7, 8, 9 (a
    /// press ×1.12); ε's twelve: 1, 1.5, 2, 3, 4, 5, 7, 9 (×1.32).
    pub fn stops(&self) -> Vec<f64> {
        let press = (math::log10(self.max) - math::log10(self.min)) / 100.0;
        // Roundness: fewer is rounder.
        let rank = |x: f64| -> u32 {
            match (0..3).find(|&d| round_sig(x, d + 1) == x) {
                Some(0) => 0,
                Some(1)
                    if (round_sig(x, 2) * 10f64.powi(1 - math::log10(x).floor() as i32)).round()
                        as i64
                        % 5
                        == 0 =>
                {
                    1
                }
                Some(1) => 2,
                _ => 3,
            }
        };
        let mut stops = vec![1.0];
        loop {
            let m = *stops.last().unwrap_or(&1.0);
            let (lo, hi) = (math::log10(m) + press / 3.0, math::log10(m) + 2.0 * press);
            let target = math::log10(m) + press;
            let unit = 10f64.powi(lo.floor() as i32 - 2);
            let first = (math::pow(10.0, lo) / unit).ceil() as i64;
            let last = (math::pow(10.0, hi) / unit).floor() as i64;
            let best = (first..=last)
                .map(|k| round_sig(k as f64 * unit, 3))
                .filter(|&x| x > m)
                .min_by(|&a, &b| {
                    let da = (math::log10(a) - target).abs();
                    let db = (math::log10(b) - target).abs();
                    rank(a).cmp(&rank(b)).then(da.total_cmp(&db))
                });
            match best {
                Some(x) if x < 10.0 - 1e-9 => stops.push(x),
                _ => return stops,
            }
        }
    }

    /// The value Shift+arrow moves `v` to, the finest step: on a
    /// logarithmic slider the next value of three significant digits (0.4
    /// → 0.401, and back), on a linear one its step. The ends as for
    /// [`nudge`](Self::nudge).
    pub fn fine(&self, v: f64, up: bool) -> f64 {
        match self.key_end(v, up, 1.0) {
            Some(end) => end,
            None => next_digits(v, up, 3).clamp(self.min, self.max),
        }
    }

    /// What a key does before a logarithmic slider's own rule: a linear
    /// slider moves `positions`; a value off the scale (0, NaN) goes to
    /// the first position (0 where it is off); at an end, as
    /// [`nudge`](Self::nudge) does. None: the log rule decides.
    fn key_end(&self, v: f64, up: bool, positions: f64) -> Option<f64> {
        if !self.log {
            let by = if up { positions } else { -positions };
            return Some(self.from_slider((self.to_slider(v) + by).clamp(0.0, self.positions())));
        }
        if !v.is_finite() || v <= 0.0 {
            let off = v.is_finite() && !up && self.zero;
            return Some(if off { 0.0 } else { self.min });
        }
        if self.zero && !up && v <= self.min {
            return Some(0.0);
        }
        ((up && v >= self.max) || (!up && v <= self.min)).then_some(v)
    }

    /// Whether a press (− or +, `up`) would leave `v` as it is: the button
    /// is at its end of the range.
    pub fn at_end(&self, v: f64, up: bool) -> bool {
        self.nudge(v, up) == v
    }
}

/// The next value of `digits` significant digits above (`up`) or below
/// `v` > 0: 0.4 → 0.41 (two), 0.401 (three); down from the start of a
/// decade into the one below (0.1 → 0.099).
fn next_digits(v: f64, up: bool, digits: i32) -> f64 {
    // Units of the last significant digit, in v's decade.
    let unit = 10f64.powi(math::log10(v).floor() as i32 + 1 - digits);
    let k = v / unit;
    let n = if up {
        (k + 1e-9).floor() + 1.0
    } else {
        (k - 1e-9).ceil() - 1.0
    };
    let first = 10f64.powi(digits - 1);
    if n < first {
        // Down from the start of a decade: its last value below (0.099).
        return round_sig((10.0 * first - 1.0) * unit / 10.0, digits);
    }
    round_sig(n * unit, digits)
}
