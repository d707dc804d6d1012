//! How the page presents each numeric hyper-parameter: its slider's range
//! and scale. η, ε, λ, ψ, AdaGrad's lr_decay and initial accumulator span
//! decades, so their sliders are logarithmic; the number field beside each
//! slider takes any allowed value, also outside the slider's range. A log
//! slider of a key that is off at 0 (torch's extras: λ on GD, lr_decay, the
//! initial accumulator; λ on Adamax, RAdam, Lion) keeps its leftmost
//! position for exactly 0, so sliding all the way left switches it off.

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
}

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

#[cfg(test)]
mod tests {
    use super::*;

    /// The positions a pointer reaches on a slider `px` CSS pixels wide
    /// (the browser rounds each pixel to a whole position), snapped.
    fn dragged(info: &ParamInfo, px: u32) -> Vec<f64> {
        let per_px = info.positions() / f64::from(px);
        (0..=px)
            .map(|k| info.from_slider(info.snap((f64::from(k) * per_px).round(), per_px)))
            .collect()
    }

    #[test]
    fn a_drag_passes_through_every_stop_the_keys_name() {
        let lr = ParamInfo::of(OptKind::Gd, HyperKey::Lr);
        for px in [145, 199, 458] {
            let got = dragged(&lr, px);
            // Every stop of every decade (1e-4, 1.1e-4 … 9, 10).
            for e in -4..=1 {
                for m in lr.stops() {
                    let s = round_sig(m * 10f64.powi(e), 3);
                    if s <= lr.max {
                        assert!(got.contains(&s), "η = {s} not reached on a {px} px slider");
                    }
                }
            }
        }
        // The lessons' values, and γ's hundredths (lesson 5's 0.99).
        assert!([0.5, 0.6].iter().all(|v| dragged(&lr, 199).contains(v)));
        let gamma = ParamInfo::of(OptKind::Momentum, HyperKey::Gamma);
        let got = dragged(&gamma, 199);
        assert!([0.5, 0.9, 0.99].iter().all(|v| got.contains(v)), "{got:?}");
        // β2's end (0.9999, lesson 8) stays the last pixel's; its pixel is
        // wider than its stops: no snap, the positions as they are.
        let b2 = ParamInfo::of(OptKind::Adam, HyperKey::Beta2);
        assert_eq!(dragged(&b2, 199).last(), Some(&0.9999));
        assert_eq!(b2.snap(4321.0, 50.0), 4321.0);
    }

    #[test]
    fn a_snap_moves_a_position_by_at_most_half_a_pixel() {
        let lr = ParamInfo::of(OptKind::Gd, HyperKey::Lr);
        // Without the snap a 199 px slider never shows η = 0.5 or 0.6.
        let per_px = lr.positions() / 199.0;
        let plain: Vec<f64> = (0..=199)
            .map(|k| lr.from_slider((f64::from(k) * per_px).round()))
            .collect();
        assert!(!plain.contains(&0.5) && !plain.contains(&0.6));
        for k in 0..=1000 {
            let pos = f64::from(k);
            let s = lr.snap(pos, per_px);
            assert!((s - pos).abs() <= (per_px + 1.0) / 2.0, "{pos} → {s}");
        }
        // No pixel size, no snap; the off position stays off.
        assert_eq!(lr.snap(123.0, 0.0), 123.0);
        let lambda = ParamInfo::of(OptKind::Gd, HyperKey::Lambda);
        assert_eq!(lambda.from_slider(lambda.snap(0.0, 5.0)), 0.0);
    }

    #[test]
    fn a_press_at_the_end_of_the_range_moves_nothing() {
        let b2 = ParamInfo::of(OptKind::Adam, HyperKey::Beta2);
        assert!(b2.at_end(0.9999, true) && !b2.at_end(0.9999, false));
        assert!(!b2.at_end(0.999, true));
        let b1 = ParamInfo::of(OptKind::Adam, HyperKey::Beta1);
        assert!(b1.at_end(0.0, false) && !b1.at_end(0.0, true));
    }
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
    fn a_nudge_moves_to_the_next_clean_value() {
        let lr = ParamInfo::of(OptKind::Gd, HyperKey::Lr);
        for (v, up, want) in [
            (0.4, true, 0.41),
            (0.4, false, 0.39),
            (0.41, true, 0.42),
            (0.99, true, 1.0),
            (1.0, true, 1.1),
            (1.0, false, 0.99),
            (0.1, false, 0.099),
            (0.123, true, 0.13),
            (0.123, false, 0.12),
            (10.0, true, 10.0),
            (1e-4, false, 1e-4),
            (0.0, true, 1e-4),
            (25.0, true, 25.0),
            (25.0, false, 10.0),
        ] {
            assert_eq!(lr.nudge(v, up), want, "{v} {up}");
        }
        let g = ParamInfo::of(OptKind::Momentum, HyperKey::Gamma);
        for (v, up, want) in [
            (0.5, true, 0.51),
            (0.5, false, 0.49),
            (0.505, true, 0.51),
            (0.505, false, 0.5),
            (0.99, true, 0.999),
            (0.0, false, 0.0),
        ] {
            assert_eq!(g.nudge(v, up), want, "{v} {up}");
        }
        let b2 = ParamInfo::of(OptKind::Adam, HyperKey::Beta2);
        assert_eq!(b2.nudge(0.999, true), 0.9999);
        assert_eq!(b2.nudge(0.999, false), 0.998);
        assert_eq!(lr.nudge(f64::NAN, true), 1e-4);
    }

    #[test]
    fn a_fine_step_is_the_next_value_of_three_digits_and_back() {
        let lr = ParamInfo::of(OptKind::Gd, HyperKey::Lr);
        for (v, up, want) in [
            (0.4, true, 0.401),
            (0.401, false, 0.4),
            (0.4, false, 0.399),
            (0.1, false, 0.0999),
            (0.999, true, 1.0),
            (1.0, false, 0.999),
            (0.4035, true, 0.404),
            (0.4035, false, 0.403),
            (10.0, true, 10.0),
            (1e-4, false, 1e-4),
        ] {
            assert_eq!(lr.fine(v, up), want, "{v} {up}");
        }
        let eps = ParamInfo::of(OptKind::Adam, HyperKey::Eps);
        assert_eq!(eps.fine(eps.fine(9e-7, true), false), 9e-7);
        let l = ParamInfo::of(OptKind::Adamw, HyperKey::Lambda);
        assert_eq!((l.fine(l.min, false), l.fine(0.0, true)), (0.0, l.min));
        let g = ParamInfo::of(OptKind::Momentum, HyperKey::Gamma);
        assert_eq!((g.fine(0.5, true), g.fine(0.501, false)), (0.501, 0.5));
    }

    #[test]
    fn an_arrow_lands_on_the_fewest_digits_about_a_hundredth_along() {
        let lr = ParamInfo::of(OptKind::Gd, HyperKey::Lr);
        let walk = |info: &ParamInfo, from: f64, up: bool, n: usize| {
            let mut out = vec![from];
            for _ in 0..n {
                out.push(info.arrow(*out.last().unwrap(), up));
            }
            out
        };
        // Lesson 1's "try 0.6" from 0.4, and back.
        assert_eq!(walk(&lr, 0.4, true, 6), [0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0]);
        assert_eq!(walk(&lr, 0.6, false, 2), [0.6, 0.5, 0.4]);
        assert_eq!(walk(&lr, 1.0, true, 4), [1.0, 1.1, 1.2, 1.5, 1.7]);
        assert_eq!(walk(&lr, 0.449, true, 1), [0.449, 0.5]);
        assert_eq!(walk(&lr, 0.449, false, 1), [0.449, 0.4]);
        assert_eq!(
            lr.stops(),
            [1.0, 1.1, 1.2, 1.5, 1.7, 2.0, 2.5, 3.0, 3.5, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0]
        );
        let eps = ParamInfo::of(OptKind::Adam, HyperKey::Eps);
        assert_eq!(eps.stops(), [1.0, 1.5, 2.0, 3.0, 4.0, 5.0, 7.0, 9.0]);
        assert_eq!(walk(&eps, 1e-8, true, 3), [1e-8, 1.5e-8, 2e-8, 3e-8]);
        // Its default is on the way, up and down.
        assert!(walk(&eps, 1e-12, true, 100).contains(&1e-8));
        assert!(walk(&eps, 1.0, false, 100).contains(&1e-8));
        assert!(walk(&lr, 1e-4, true, 100).contains(&0.001));
        // Every press in range moves by a third of a press to two presses,
        // in its direction, to at most two digits from a value of two.
        for info in [lr, eps, ParamInfo::of(OptKind::Adagrad, HyperKey::LrDecay)] {
            let press = (info.max / info.min).log10() / 100.0;
            for up in [true, false] {
                let from = if up { info.min } else { info.max };
                let vs = walk(&info, from, up, 100);
                for w in vs.windows(2) {
                    let (a, b) = (w[0], w[1]);
                    if info.zero && a == info.min && b == 0.0 {
                        break; // off
                    }
                    if a == b {
                        assert_eq!(b, if up { info.max } else { info.min });
                        continue;
                    }
                    let moved = (b / a).log10().abs();
                    // (The last press stops at the end, however near.)
                    let end = b == info.min || b == info.max;
                    assert!(moved >= press / 3.0 - 1e-9 || end, "{a} → {b}");
                    assert!(moved <= 2.0 * press + 1e-9, "{a} → {b}");
                    assert_eq!((b > a), up, "{a} → {b}");
                    assert_eq!(round_sig(b, 2), b, "{a} → {b}");
                    assert_eq!(info.arrow(b, !up), a, "{a} → {b}: and back");
                }
                let end = if up {
                    info.max
                } else if info.zero {
                    0.0
                } else {
                    info.min
                };
                assert_eq!(*vs.last().unwrap(), end);
            }
        }
        // The ends and the off position.
        assert_eq!(lr.arrow(10.0, true), 10.0);
        assert_eq!(lr.arrow(25.0, true), 25.0);
        assert_eq!(lr.arrow(f64::NAN, true), 1e-4);
        let l = ParamInfo::of(OptKind::Adamw, HyperKey::Lambda);
        assert_eq!(l.arrow(l.min, false), 0.0);
        assert_eq!(l.arrow(0.0, true), l.min);
        assert_eq!(l.arrow(0.0, false), 0.0);
        // A linear slider moves a hundredth of its positions, as before.
        let g = ParamInfo::of(OptKind::Momentum, HyperKey::Gamma);
        assert_eq!(
            g.arrow(0.5, true),
            g.from_slider(g.to_slider(0.5) + 9.99_f64.round())
        );
    }

    #[test]
    fn the_new_keys_have_their_scales_and_off_is_the_leftmost_position() {
        let tau = ParamInfo::of(OptKind::Momentum, HyperKey::Dampening);
        assert!(!tau.log && (tau.min, tau.max) == (0.0, 1.0));
        assert_eq!(tau.from_slider(tau.to_slider(0.3)), 0.3);
        let mu = ParamInfo::of(OptKind::Rmsprop, HyperKey::Momentum);
        assert!(!mu.log && (mu.min, mu.max) == (0.0, 0.99));
        assert_eq!(mu.from_slider(mu.positions()), 0.99);
        assert_eq!(mu.from_slider(mu.to_slider(0.9)), 0.9);
        for (kind, key) in [
            (OptKind::Adagrad, HyperKey::LrDecay),
            (OptKind::Adagrad, HyperKey::InitialAccumulatorValue),
            (OptKind::Gd, HyperKey::Lambda),
            (OptKind::Lion, HyperKey::Lambda),
            (OptKind::Adamw, HyperKey::Lambda),
            (OptKind::AdamL2, HyperKey::Lambda),
        ] {
            let p = ParamInfo::of(kind, key);
            assert!(p.log && p.zero, "{kind:?} {key:?}");
            assert_eq!(p.to_slider(0.0), 0.0);
            assert_eq!(p.from_slider(0.0), 0.0, "leftmost is off");
            assert_eq!(p.from_slider(1.0), p.min);
            assert_eq!(p.from_slider(SLIDER_STEPS), p.max);
            assert_eq!(p.to_slider(p.min), 1.0);
            let v = 0.01;
            assert!((p.from_slider(p.to_slider(v)) - v).abs() / v < 0.012);
            assert_eq!(p.nudge(p.min, false), 0.0);
            assert_eq!(p.nudge(0.0, true), p.min);
        }
        // The seed's sliders are as they were: η, ε.
        for (kind, key) in [(OptKind::Adam, HyperKey::Eps), (OptKind::Gd, HyperKey::Lr)] {
            let p = ParamInfo::of(kind, key);
            assert!(!p.zero, "{kind:?} {key:?}");
            assert_eq!(p.from_slider(0.0), p.min);
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
