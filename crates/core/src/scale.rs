//! A loss axis's scale: log where every loss is positive; where some are
//! zero or negative (a formula whose minimum is below 0, the saddle, a run
//! that reaches 0 exactly), a symmetric log, sign(v)·log₁₀(1 + |v|/c), so
//! that runs settling at −0.0156 and a start at 1.15 are told apart where a
//! linear axis, stretched by one large loss, drew them all flat on 0.
//! Linear only where every loss is within two decades of c (then the
//! symmetric log is nearly linear anyway and plain numbers read better).

use crate::format::tick_label;
use crate::math::{log10, pow};

/// How far below the largest |loss| the symmetric log's linear part may
/// reach (as the log axes keep at most 16 decades).
const DECADES: f64 = 16.0;

/// The finite losses' range and their smallest nonzero magnitude.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Extent {
    /// The least.
    pub lo: f64,
    /// The greatest.
    pub hi: f64,
    /// The smallest |v| ≠ 0 (∞ when all are 0).
    pub least: f64,
}

impl Extent {
    /// Of the finite `values`; none when there is none.
    pub fn of(values: impl IntoIterator<Item = f64>) -> Option<Extent> {
        let mut e = Extent {
            lo: f64::INFINITY,
            hi: f64::NEG_INFINITY,
            least: f64::INFINITY,
        };
        for v in values.into_iter().filter(|v| v.is_finite()) {
            e.lo = e.lo.min(v);
            e.hi = e.hi.max(v);
            if v != 0.0 {
                e.least = e.least.min(v.abs());
            }
        }
        (e.lo <= e.hi).then_some(e)
    }
}

/// A loss axis's scale.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Scale {
    /// log₁₀(v): every loss > 0.
    Log,
    /// sign(v)·log₁₀(1 + |v|/c), with c a power of ten.
    SymLog(f64),
    /// v.
    Linear,
}

impl Scale {
    /// The scale for losses from `lo` to `hi` (finite, lo ≤ hi) whose
    /// smallest nonzero magnitude is `least` (∞ when all are 0).
    pub fn of(lo: f64, hi: f64, least: f64) -> Scale {
        if lo > 0.0 {
            return Scale::Log;
        }
        let most = lo.abs().max(hi.abs());
        if most == 0.0 || !most.is_finite() {
            return Scale::Linear;
        }
        // The negative side's own size where there is one (a run at 1e43
        // beside it does not flatten it); else the smallest positive loss,
        // at most 16 decades under the largest (a run reaching 0 exactly
        // keeps its last decades on the way).
        // (Past the normal floats a power of ten has no inverse: the
        // smallest −5e-324 takes 1e-300.)
        let c = if lo < 0.0 {
            pow(10.0, log10(-lo).floor().max(-300.0))
        } else {
            pow(
                10.0,
                log10(least.min(most))
                    .floor()
                    .max(log10(most).floor() - DECADES),
            )
        };
        if !(c > 0.0 && c.is_finite()) {
            return Scale::Linear;
        }
        if most / c < 100.0 {
            Scale::Linear
        } else {
            Scale::SymLog(c)
        }
    }

    /// The scale of a set of losses (the non-finite ones left out).
    pub fn of_values(values: impl IntoIterator<Item = f64>) -> Scale {
        match Extent::of(values) {
            Some(e) => Scale::of(e.lo, e.hi, e.least),
            None => Scale::Linear,
        }
    }

    /// A loss in axis units (decades for `Log` and, away from 0, `SymLog`).
    pub fn unit(self, v: f64) -> f64 {
        match self {
            Scale::Log => log10(v),
            Scale::SymLog(c) => v.signum() * log10(1.0 + v.abs() / c),
            Scale::Linear => v,
        }
    }

    /// The loss at `u` axis units (the inverse of [`Scale::unit`]).
    pub fn value(self, u: f64) -> f64 {
        match self {
            Scale::Log => pow(10.0, u),
            Scale::SymLog(c) => u.signum() * c * (pow(10.0, u.abs()) - 1.0),
            Scale::Linear => u,
        }
    }

    /// Whether the axis runs in decades.
    pub fn is_log(self) -> bool {
        self == Scale::Log
    }

    /// A symmetric log's ticks from `lo` to `hi` (axis units), about `n`:
    /// 0 and ±c·10ᵏ, thinned to every few decades (none for the other
    /// scales, whose axes tick their own way).
    pub fn ticks(self, lo: f64, hi: f64, n: usize) -> Vec<f64> {
        match self {
            // The log and linear axes tick their own way (LossAxes, LossAxis).
            Scale::Log | Scale::Linear => Vec::new(),
            Scale::SymLog(_) => {
                // ±c·10ᵏ for k ≥ 0 sit at ±log₁₀(1 + 10ᵏ).
                let side = |top: f64| -> Vec<f64> {
                    let mut out = vec![];
                    let mut k = 0;
                    while k < 400 {
                        let u = log10(1.0 + pow(10.0, f64::from(k)));
                        if u > top + 1e-9 {
                            break;
                        }
                        out.push(u);
                        k += 1;
                    }
                    out
                };
                let (up, down) = (side(hi.max(0.0)), side((-lo).max(0.0)));
                let decades = up.len() + down.len();
                let every = (decades / n.max(1)).max(1);
                let mut out: Vec<f64> = down.iter().step_by(every).map(|u| -u).rev().collect();
                if lo <= 0.0 && hi >= 0.0 {
                    out.push(0.0);
                }
                out.extend(up.iter().step_by(every));
                out
            }
        }
    }

    /// A symmetric log's ticks from `lo` to `hi` (axis units) no two of
    /// which are nearer than `gap` pixels by `px`: the top and bottom ones
    /// and 0 first (a run's start and end), then the others from the top
    /// down.
    pub fn spaced(self, lo: f64, hi: f64, px: impl Fn(f64) -> f64, gap: f64) -> Vec<f64> {
        let all = self.ticks(lo, hi, usize::MAX);
        let (Some(&top), Some(&bottom)) = (all.last(), all.first()) else {
            return all;
        };
        let mut order = vec![top, bottom];
        order.extend(all.iter().copied().filter(|&u| u == 0.0));
        order.extend(all.iter().rev().copied());
        let mut taken: Vec<f64> = vec![];
        for u in order {
            if taken.iter().all(|&t| (px(t) - px(u)).abs() >= gap) {
                taken.push(u);
            }
        }
        taken.sort_by(f64::total_cmp);
        taken
    }

    /// A tick's label: "1e-3" on a log axis, "−1e-2", "0", "1e2" on a
    /// symmetric one (c·10ᵏ), plain numbers on a linear one.
    pub fn label(self, u: f64) -> String {
        match self {
            Scale::Log => format!("1e{}", u.round() as i64),
            Scale::SymLog(c) if u != 0.0 => {
                let e = (log10(c) + (log10(pow(10.0, u.abs()) - 1.0) + 0.5).floor()).round() as i64;
                let sign = if u < 0.0 { "−" } else { "" };
                format!("{sign}1e{e}")
            }
            Scale::SymLog(_) => "0".into(),
            Scale::Linear => tick_label(u),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positive_losses_are_log_and_the_rest_symmetric_or_linear() {
        assert_eq!(Scale::of_values([1.0, 1e-6, 10.0]), Scale::Log);
        // A student's quartic: minimum −0.0156, start 1.15, a run at 1e43.
        assert_eq!(Scale::of_values([1.15, -0.0156, 1e43]), Scale::SymLog(0.01));
        assert_eq!(Scale::of_values([1.15, -0.0156]), Scale::SymLog(0.01));
        // Reaching 0 exactly: the smallest positive loss sets c, at most
        // 16 decades below the largest.
        assert_eq!(Scale::of_values([10.5, 1e-3, 0.0]), Scale::SymLog(1e-3));
        assert_eq!(Scale::of_values([10.5, 1e-300, 0.0]), Scale::SymLog(1e-15));
        // Within two decades of c: linear (the saddle's 10 → −1.6e6).
        assert_eq!(Scale::of_values([10.0, -1.6e6]), Scale::Linear);
        assert_eq!(Scale::of_values([0.0, 0.0]), Scale::Linear);
        assert_eq!(Scale::of_values([f64::NAN]), Scale::Linear);
        // The smallest floats still give a finite axis.
        for lo in [-1e-300, -5e-324] {
            let s = Scale::of_values([10.0, lo]);
            assert!(matches!(s, Scale::SymLog(c) if c > 0.0), "{s:?}");
            assert!(s.unit(lo).is_finite() && s.unit(10.0).is_finite());
        }
    }

    #[test]
    fn symmetric_units_invert_and_keep_order_and_sign() {
        let s = Scale::SymLog(0.01);
        let vs = [-5.0, -0.0156, -1e-9, 0.0, 1e-9, 0.5, 1.15, 1e43];
        let us: Vec<f64> = vs.iter().map(|&v| s.unit(v)).collect();
        assert!(us.windows(2).all(|w| w[0] < w[1]), "{us:?}");
        for (&v, &u) in vs.iter().zip(&us) {
            assert!(
                (s.value(u) - v).abs() <= 1e-9 * v.abs().max(1e-9),
                "{v} {u}"
            );
            assert!(u.signum() * v.signum() >= 0.0);
        }
        assert_eq!(s.unit(0.0), 0.0);
    }

    #[test]
    fn symmetric_ticks_are_zero_and_powers_of_ten_with_their_labels() {
        let s = Scale::SymLog(0.01);
        let (lo, hi) = (s.unit(-0.0156), s.unit(1.15));
        let t = s.ticks(lo, hi, 8);
        let labels: Vec<String> = t.iter().map(|&u| s.label(u)).collect();
        assert_eq!(labels, ["−1e-2", "0", "1e-2", "1e-1", "1e0"]);
        for (&u, l) in t.iter().zip(&labels) {
            let want: f64 = l.replace('−', "-").parse().unwrap();
            assert!((s.value(u) - want).abs() <= 1e-12, "{l}");
        }
        // Many decades: thinned, 0 kept.
        let t = s.ticks(s.unit(-1.0), s.unit(1e40), 5);
        assert!(t.len() <= 10 && t.contains(&0.0), "{t:?}");
        assert_eq!(Scale::Log.label(-3.0), "1e-3");
    }
}
