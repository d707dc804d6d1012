//! The η chart of the sweep: η on a log axis over the grid (1e-4 … 10), the
//! final loss on a log axis when every loss is positive (else a symmetric
//! log or linear, `Scale`), and a band above the plot with one row of crosses
//! per optimizer for the runs
//! that left the finite world.

use super::{LrSweep, Outcome};
use crate::chart::{Axis, Plot};
use crate::math::log10;
use crate::scale::Scale;
use crate::surface::ticks;

/// The η axis, in decades: log₁₀ η from −4 to 1.
pub const LR_AXIS: Axis = Axis { lo: -4.0, hi: 1.0 };

/// The x of η on the chart.
pub fn lr_x(p: &Plot, lr: f64) -> f64 {
    p.x(LR_AXIS, log10(lr))
}

/// Whether η is on the chart (within the grid's 1e-4 … 10).
pub fn on_lr_axis(lr: f64) -> bool {
    (1e-4..=10.0).contains(&lr)
}

/// The η ticks: the decades 1e-4 … 10.
pub fn lr_ticks() -> Vec<f64> {
    (-4..=1).map(|k| 10f64.powi(k)).collect()
}

/// The band of diverged runs: one row per optimizer, 3 … 10 px high.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Band {
    /// Height of a row.
    pub row_h: f64,
    /// Height of the band, gap included.
    pub height: f64,
}

impl Band {
    /// The band for `n` sweeps.
    pub fn new(n: usize) -> Band {
        let rows = n.max(1);
        let row_h = (40.0 / rows as f64).clamp(3.0, 10.0);
        Band {
            row_h,
            height: row_h * rows as f64 + 6.0,
        }
    }

    /// The plot area of a `w` × `h` canvas, below the band.
    pub fn plot(&self, w: f64, h: f64) -> Plot {
        Plot::new(w, h, 52.0, 10.0, 10.0 + self.height, 32.0)
    }

    /// The top of the band.
    pub fn top(&self, p: &Plot) -> f64 {
        p.t - self.height
    }

    /// The y of row `row`'s crosses.
    pub fn row_y(&self, p: &Plot, row: usize) -> f64 {
        self.top(p) + (row as f64 + 0.5) * self.row_h + 1.0
    }

    /// Half the size of a cross.
    pub fn cross(&self) -> f64 {
        (self.row_h * 0.4).clamp(1.2, 3.0)
    }
}

/// The least distance (px) between two y labels of the sweep's chart (its
/// 11 px text and a little air).
pub const TICK_GAP: f64 = 13.0;

/// The loss axis: every finite final loss and f at the start.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LossAxis {
    /// How a loss maps to the axis: log₁₀ where every loss is > 0, else a
    /// symmetric log or linear ([`Scale::of`]).
    pub scale: Scale,
    /// The range, in the scale's units (decades when log).
    pub axis: Axis,
    /// f at the start (the first sweep's that has one).
    pub start: Option<f64>,
}

impl LossAxis {
    /// The axis of a set of sweeps.
    pub fn new(sweeps: &[LrSweep]) -> LossAxis {
        let mut vals: Vec<f64> = vec![];
        for s in sweeps {
            vals.extend(s.initial_loss);
            for p in &s.points {
                if !matches!(p.outcome, Outcome::Diverged { .. }) {
                    vals.extend(p.final_loss.filter(|v| v.is_finite()));
                }
            }
        }
        let scale = Scale::of_values(vals.iter().copied());
        let (mut lo, mut hi) = vals
            .iter()
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &v| {
                (a.min(v), b.max(v))
            });
        let start = sweeps.iter().find_map(|s| s.initial_loss);
        if !lo.is_finite() {
            (lo, hi) = (0.0, 1.0);
        } else {
            (lo, hi) = (scale.unit(lo), scale.unit(hi));
            // Far above the start is "grew a lot": clip at 10⁸ × |f(start)|
            // (8 decades of either log axis).
            if let Some(f0) = start {
                match scale {
                    Scale::Log => hi = hi.min(log10(f0) + 8.0),
                    Scale::SymLog(c) => hi = hi.min(scale.unit(f0.abs().max(c) * 1e8)),
                    Scale::Linear => {}
                }
            }
            if scale.is_log() {
                lo = lo.max(hi - 16.0).floor();
                hi = hi.ceil();
            }
        }
        if hi - lo < 1e-12 {
            lo -= 1.0;
            hi += 1.0;
        }
        LossAxis {
            scale,
            axis: Axis::new(lo, hi),
            start,
        }
    }

    /// Whether the axis runs in decades.
    pub fn log(&self) -> bool {
        self.scale.is_log()
    }

    /// A loss on the axis (in the scale's units), clamped to its range.
    pub fn value(&self, v: f64) -> f64 {
        self.scale.unit(v).clamp(self.axis.lo, self.axis.hi)
    }

    /// The y of a loss.
    pub fn y(&self, p: &Plot, v: f64) -> f64 {
        p.y(self.axis, self.value(v))
    }

    /// The ticks on `p` as (axis value, label): about four decades
    /// (`1e-3`) on a log axis, 0 and ±c·10ᵏ on a symmetric one (none nearer
    /// another than [`TICK_GAP`]: −1e-2, 0 and 1e-2 overprinted in a
    /// 132 px chart), nice numbers on a linear one.
    pub fn ticks(&self, p: &Plot) -> Vec<(f64, String)> {
        let Axis { lo, hi } = self.axis;
        let at = match self.scale {
            Scale::Log => {
                let span = (hi - lo) as usize;
                let every = (span / 4).max(1);
                (0..=span).step_by(every).map(|k| lo + k as f64).collect()
            }
            Scale::SymLog(_) => self.scale.spaced(lo, hi, |u| p.y(self.axis, u), TICK_GAP),
            Scale::Linear => ticks(lo, hi, 4),
        };
        at.into_iter().map(|u| (u, self.scale.label(u))).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scene::Scene;
    use crate::sweep::lr_sweeps;

    fn sweeps(json: &str) -> Vec<LrSweep> {
        lr_sweeps(&Scene::from_json(json).unwrap()).unwrap()
    }

    #[test]
    fn the_lr_axis_spans_the_grid_in_decades() {
        let p = Plot::new(552.0, 240.0, 52.0, 10.0, 20.0, 32.0);
        assert_eq!(lr_x(&p, 1e-4), 52.0);
        assert_eq!(lr_x(&p, 10.0), 542.0);
        assert!((lr_x(&p, 0.1) - (52.0 + 3.0 / 5.0 * 490.0)).abs() < 1e-9);
        assert_eq!(lr_ticks().len(), 6);
        assert!(on_lr_axis(10.0) && !on_lr_axis(11.0) && !on_lr_axis(5e-5));
    }

    #[test]
    fn the_band_has_a_row_per_optimizer_within_bounds() {
        assert_eq!(Band::new(0), Band::new(1));
        assert_eq!(Band::new(1).row_h, 10.0);
        assert_eq!(Band::new(16).row_h, 3.0);
        let b = Band::new(2);
        let p = b.plot(400.0, 240.0);
        assert_eq!(p.t, 10.0 + 26.0);
        assert_eq!(b.top(&p), 10.0);
        assert_eq!(b.row_y(&p, 1), 10.0 + 15.0 + 1.0);
        assert_eq!(b.cross(), 3.0);
    }

    #[test]
    fn the_loss_axis_is_logarithmic_in_whole_decades_and_clipped_above_the_start() {
        let bowl = r#"{"landscape": {"kind": "quadratic", "a": 0.1, "b": 2}, "start": [-5, -2], "steps": 20, "optimizers": [{"kind": "gd", "lr": 0.4}]}"#;
        let a = LossAxis::new(&sweeps(bowl));
        assert!(a.log());
        assert_eq!(a.start, Some(10.5));
        assert_eq!(a.axis.lo, a.axis.lo.floor());
        assert_eq!(a.axis.hi, a.axis.hi.ceil());
        assert!(a.axis.hi <= (10.5f64).log10().ceil() + 8.0);
        assert!(a.axis.hi - a.axis.lo <= 17.0);
        assert_eq!(a.value(1e300), a.axis.hi);
        let t = a.ticks(&Plot::new(552.0, 240.0, 52.0, 10.0, 20.0, 32.0));
        assert!(t.len() >= 4 && t[0] == (a.axis.lo, format!("1e{}", a.axis.lo as i64)));
        // A saddle's losses go below 0: a linear axis; no sweep at all: 0 … 1.
        let s = LossAxis::new(&sweeps(
            r#"{"landscape": {"kind": "saddle"}, "steps": 20, "optimizers": [{"kind": "gd"}]}"#,
        ));
        assert!(!s.log());
        assert!(!s
            .ticks(&Plot::new(552.0, 240.0, 52.0, 10.0, 20.0, 32.0))
            .is_empty());
        // A quartic whose minimum is below 0 (a student's): a symmetric
        // log, where the start and the best final losses stand apart (a
        // linear axis stretched to 2000 drew them flat on 0).
        let q = LossAxis::new(&sweeps(
            r#"{"landscape": {"kind": "expr", "expr": "x^4 + y^2 - x*y"}, "start": [-1.088, -0.3303], "steps": 100, "optimizers": [{"kind": "rmsprop", "lr": 0.4}]}"#,
        ));
        assert!(matches!(q.scale, Scale::SymLog(_)), "{q:?}");
        assert!(q.value(1.15) - q.value(-0.0156) > 1.0, "{q:?}");
        // In the page's 132 px plot, no two labels overprint.
        let p = Plot::new(552.0, 190.0, 52.0, 10.0, 26.0, 32.0);
        let t = q.ticks(&p);
        assert!(t.len() >= 3, "{t:?}");
        for w in t.windows(2) {
            assert!(
                p.y(q.axis, w[0].0) - p.y(q.axis, w[1].0) >= TICK_GAP,
                "{t:?}"
            );
        }
        let none = LossAxis::new(&[]);
        assert_eq!(
            (none.log(), none.axis, none.start),
            (false, Axis::new(0.0, 1.0), None)
        );
    }
}
