//! The exponential moving average of the seed's notes (指数移动加权平均).
//!
//! Given 0 ≤ γ < 1 and y₀ = 0: y_t = γ·y_{t−1} + (1−γ)·x_t. Unrolled,
//! y_t = Σ_{k=0}^{t−1} (1−γ)·γᵏ·x_{t−k}: the value k steps back weighs
//! (1−γ)·γᵏ. These weights sum to 1 − γᵗ (not 1), which is the *bias* at the
//! start: with y₀ = 0 the early averages are too small (y₁ = (1−γ)·x₁).
//! Dividing by the sum of the weights, ŷ_t = y_t/(1 − γᵗ), removes it — Adam's
//! bias correction m̂ = m/(1 − β1ᵗ). Since γ^{1/(1−γ)} ≈ 1/e, the average
//! mostly covers the last 1/(1−γ) values (the *window*: 10 for γ = 0.9).
//!
//! The page's EMA explainer draws [`demo_signal`], its [`ema`] and
//! [`corrected`] EMA ([`SignalFigure`]), and the [`weights`] with the
//! [`window`] marked ([`WeightsFigure`]); its γ travels in the link as
//! `ema=0.95` ([`read_gamma`], [`query_part`]).

use crate::chart::{Axis, Plot};
use crate::noise::Gaussian;
use crate::surface::ticks;

/// The explainer's γ when the link does not say (the seed's RMSProp/Adam β1).
pub const DEFAULT_GAMMA: f64 = 0.9;
/// The largest γ of the explainer's slider (a window of 100 values).
pub const MAX_GAMMA: f64 = 0.99;
/// Samples of the explainer's noisy signal.
pub const SAMPLES: usize = 100;
/// Longest value of a bad `ema=` a notice repeats.
const SHOWN_CHARS: usize = 40;

/// The weights (1−γ)·γᵏ of the values k = 0, 1, …, n−1 steps back.
pub fn weights(gamma: f64, n: usize) -> Vec<f64> {
    let mut w = Vec::with_capacity(n);
    let mut g = 1.0;
    for _ in 0..n {
        w.push((1.0 - gamma) * g);
        g *= gamma;
    }
    w
}

/// The window 1/(1−γ): about how many recent values the average covers.
pub fn window(gamma: f64) -> f64 {
    1.0 / (1.0 - gamma)
}

/// y_1, …, y_n of y_t = γ·y_{t−1} + (1−γ)·x_t from y₀ = 0 (`out[t−1]` = y_t).
pub fn ema(xs: &[f64], gamma: f64) -> Vec<f64> {
    let mut y = 0.0;
    xs.iter()
        .map(|&x| {
            y = gamma * y + (1.0 - gamma) * x;
            y
        })
        .collect()
}

/// The bias-corrected EMA ŷ_t = y_t/(1 − γᵗ) of `ys` = [`ema`]`(xs, γ)`.
///
/// 1 − γᵗ is computed as the EMA of the constant 1 (the same recursion as
/// y_t, mathematically equal to 1 − γᵗ), so that a constant signal comes back
/// exactly: for x_t = 1 the numerator and the denominator are the same number.
pub fn corrected(ys: &[f64], gamma: f64) -> Vec<f64> {
    let mut d = 0.0;
    ys.iter()
        .map(|&y| {
            d = gamma * d + (1.0 - gamma);
            if d > 0.0 {
                y / d
            } else {
                // γ = 1 is not allowed; 1 − γᵗ > 0 for every γ < 1.
                y
            }
        })
        .collect()
}

/// The page's noisy signal, x_1 … x_n: a slow wave around 2 plus Gaussian
/// noise (σ = 0.6) from the deterministic generator with seed 6, the same on
/// every platform. Its level is far from 0, so the bias of y₀ = 0 shows.
pub fn demo_signal(n: usize) -> (Vec<f64>, Vec<f64>) {
    let mut g = Gaussian::new(6);
    let clean: Vec<f64> = (1..=n)
        .map(|t| 2.0 + 0.6 * crate::math::sin(2.0 * std::f64::consts::PI * t as f64 / 70.0))
        .collect();
    let noisy = clean.iter().map(|c| c + 0.6 * g.sample()).collect();
    (clean, noisy)
}

/// A slider value on the slider's grain (0.01) within [0, [`MAX_GAMMA`]];
/// `None` when it is not a number.
pub fn snap_gamma(v: f64) -> Option<f64> {
    v.is_finite()
        .then(|| ((v * 100.0).round() / 100.0).clamp(0.0, MAX_GAMMA))
}

/// A link's `ema=` value: γ on the slider's grain, or the value as given
/// (its first 40 characters) when it is not a number in [0, [`MAX_GAMMA`]].
/// (`crate::url::page_params` reads the key.)
pub fn read_gamma(v: &str) -> Result<f64, String> {
    match v.parse::<f64>() {
        Ok(g) if (0.0..=MAX_GAMMA).contains(&g) => Ok((g * 100.0).round() / 100.0),
        _ => Err(v.chars().take(SHOWN_CHARS).collect()),
    }
}

/// The link's part for γ: `&ema=γ`, empty for [`DEFAULT_GAMMA`].
pub fn query_part(gamma: f64) -> String {
    if gamma == DEFAULT_GAMMA {
        String::new()
    } else {
        format!("&ema={gamma}")
    }
}

/// The share of the weight (in %) the last 1/(1−γ) values carry.
pub fn window_share(gamma: f64) -> f64 {
    (1.0 - crate::math::pow(gamma, window(gamma))) * 100.0
}

/// The signal chart: the clean and the noisy signal, y and ŷ, and the
/// value axis (0 included, out to the ticks).
#[derive(Debug, Clone, PartialEq)]
pub struct SignalFigure {
    /// The signal without noise, x_1 … x_n.
    pub clean: Vec<f64>,
    /// The noisy signal x_1 … x_n.
    pub xs: Vec<f64>,
    /// Its EMA y_1 … y_n.
    pub ys: Vec<f64>,
    /// The bias-corrected ŷ_1 … ŷ_n.
    pub hat: Vec<f64>,
    /// Value ticks.
    pub ticks: Vec<f64>,
    /// The value axis.
    pub axis: Axis,
    /// The step axis, 0 … n.
    pub steps: Axis,
}

impl SignalFigure {
    /// The plot area of a `w` × `h` canvas.
    pub fn plot(w: f64, h: f64) -> Plot {
        Plot::new(w, h, 36.0, 10.0, 10.0, 32.0)
    }

    /// The figure of [`SAMPLES`] samples for γ.
    pub fn new(gamma: f64) -> SignalFigure {
        let (clean, xs) = demo_signal(SAMPLES);
        let ys = ema(&xs, gamma);
        let hat = corrected(&ys, gamma);
        let (mut lo, mut hi) = (0.0f64, 0.0f64);
        for &v in xs.iter().chain(&ys).chain(&hat).chain(&clean) {
            lo = lo.min(v);
            hi = hi.max(v);
        }
        let yt = ticks(lo, hi, 4);
        let axis = Axis::new(
            yt.first().copied().unwrap_or(lo).min(lo),
            yt.last().copied().unwrap_or(hi).max(hi),
        );
        SignalFigure {
            clean,
            xs,
            ys,
            hat,
            ticks: yt,
            axis,
            steps: Axis::new(0.0, SAMPLES as f64),
        }
    }
}

/// The weights chart: three windows of lags as bars, the window marked.
#[derive(Debug, Clone, PartialEq)]
pub struct WeightsFigure {
    /// 1/(1−γ).
    pub window: f64,
    /// The weights of lags 0 … n−1.
    pub weights: Vec<f64>,
    /// Weight ticks.
    pub ticks: Vec<f64>,
    /// The weight axis, 0 to a little above the first weight.
    pub axis: Axis,
    /// The lag axis: bar k is centred on k + ½.
    pub lags: Axis,
}

impl WeightsFigure {
    /// The plot area of a `w` × `h` canvas (room for the title above).
    pub fn plot(w: f64, h: f64) -> Plot {
        Plot::new(w, h, 44.0, 10.0, 22.0, 32.0)
    }

    /// The figure for γ.
    pub fn new(gamma: f64) -> WeightsFigure {
        let window = window(gamma);
        // Three windows of lags (1/(1−γ) is 10.000000000000002 for γ = 0.9).
        let n = ((3.0 * window - 1e-9).ceil() as usize).clamp(12, 300);
        let weights = weights(gamma, n);
        let top = weights.first().copied().unwrap_or(1.0).max(1e-12);
        let yt = ticks(0.0, top, 3);
        let hi = yt.last().copied().unwrap_or(top).max(top * 1.08);
        WeightsFigure {
            window,
            weights,
            ticks: yt,
            axis: Axis::new(0.0, hi),
            lags: Axis::new(0.0, n as f64),
        }
    }

    /// The x of lag `k` (the centre of its bar).
    pub fn x(&self, p: &Plot, k: f64) -> f64 {
        p.x(self.lags, k + 0.5)
    }

    /// The width of a bar.
    pub fn bar_width(&self, p: &Plot) -> f64 {
        (p.w / self.lags.hi * 0.8).max(0.6)
    }

    /// Whether lag `k` is inside the window (k < 1/(1−γ)).
    pub fn inside(&self, k: usize) -> bool {
        (k as f64) < self.window - 1e-9
    }

    /// The x of the window mark: after the last lag of the window,
    /// k = 1/(1−γ) − 1, half a bar on.
    pub fn mark_x(&self, p: &Plot) -> f64 {
        self.x(p, self.window - 1.0) + (self.x(p, 1.0) - self.x(p, 0.0)) / 2.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_sum_to_one_minus_gamma_to_the_t() {
        for gamma in [0.0, 0.1, 0.5, 0.9, 0.99] {
            for t in [1usize, 2, 5, 10, 37, 200] {
                let s: f64 = weights(gamma, t).iter().sum();
                let want = 1.0 - gamma.powi(t as i32);
                assert!(
                    (s - want).abs() < 1e-12,
                    "γ = {gamma}, t = {t}: {s} vs {want}"
                );
            }
        }
        // A wrong weight (γᵏ without 1−γ) would sum to about 1/(1−γ).
        assert!((weights(0.9, 1000).iter().sum::<f64>() - 1.0).abs() < 1e-12);
    }

    #[test]
    fn the_recursion_is_the_weighted_sum_of_the_past() {
        let (_, xs) = demo_signal(60);
        for gamma in [0.0, 0.5, 0.9] {
            let ys = ema(&xs, gamma);
            for t in 1..=xs.len() {
                let w = weights(gamma, t);
                let direct: f64 = (0..t).map(|k| w[k] * xs[t - 1 - k]).sum();
                assert!((ys[t - 1] - direct).abs() < 1e-12, "γ = {gamma}, t = {t}");
            }
        }
    }

    #[test]
    fn bias_corrected_ema_of_a_constant_is_the_constant() {
        for gamma in [0.0, 0.3, 0.9, 0.99, 0.999] {
            // Exactly, bit for bit, for 1 and for powers of two.
            for c in [1.0, 2.0, 0.5, -4.0] {
                let xs = vec![c; 300];
                let hat = corrected(&ema(&xs, gamma), gamma);
                assert!(hat.iter().all(|&h| h == c), "γ = {gamma}, c = {c}");
            }
            // Within rounding for any other constant.
            for c in [3.7, -0.3, 1e-8, 12345.678] {
                let xs = vec![c; 300];
                let hat = corrected(&ema(&xs, gamma), gamma);
                for h in hat {
                    assert!(
                        (h - c).abs() <= 1e-14 * c.abs(),
                        "γ = {gamma}, c = {c}: {h}"
                    );
                }
            }
        }
        // Uncorrected, the start is biased towards y₀ = 0: y₁ = (1−γ)·x₁.
        let ys = ema(&[2.0; 3], 0.9);
        assert!((ys[0] - 0.2).abs() < 1e-15);
        assert_eq!(window(0.9).round(), 10.0);
        assert_eq!(window(0.5), 2.0);
    }

    #[test]
    fn the_demo_signal_is_reproducible_and_noisy() {
        let (c1, x1) = demo_signal(100);
        let (c2, x2) = demo_signal(100);
        assert_eq!((c1.clone(), x1.clone()), (c2, x2));
        assert!(x1.iter().all(|x| x.is_finite()));
        let resid: f64 = x1
            .iter()
            .zip(&c1)
            .map(|(x, c)| (x - c).powi(2))
            .sum::<f64>()
            / 100.0;
        assert!(resid > 0.1 && resid < 0.8, "noise variance {resid}");
    }

    #[test]
    fn the_link_keeps_gamma_on_the_sliders_grain() {
        let from_query = |q: &str| crate::url::page_params(q).ema;
        assert_eq!(from_query("?f=x&ema=0.95"), vec![Ok(0.95)]);
        assert_eq!(from_query("ema=0.951"), vec![Ok(0.95)]);
        assert_eq!(from_query("?a=1&b=2"), vec![]);
        for bad in ["2", "-0.1", "NaN", "inf", "x", "0.995"] {
            assert_eq!(
                from_query(&format!("?ema={bad}")),
                vec![Err(bad.to_string())]
            );
        }
        let long = "9".repeat(60);
        assert_eq!(
            from_query(&format!("ema={long}")),
            vec![Err("9".repeat(40))]
        );
        assert_eq!(query_part(DEFAULT_GAMMA), "");
        assert_eq!(query_part(0.95), "&ema=0.95");
        assert_eq!(snap_gamma(0.934), Some(0.93));
        assert_eq!(snap_gamma(1.5), Some(MAX_GAMMA));
        assert_eq!(snap_gamma(f64::NAN), None);
    }

    #[test]
    fn the_weights_figure_marks_the_window_after_its_last_lag() {
        let p = WeightsFigure::plot(400.0, 130.0);
        for (g, win, lags) in [(0.9, 10.0, 30.0), (0.5, 2.0, 12.0), (0.99, 100.0, 300.0)] {
            let f = WeightsFigure::new(g);
            assert!((f.window - win).abs() < 1e-9);
            assert_eq!(f.lags.hi, lags);
            assert_eq!(f.weights.len(), lags as usize);
            // The e2e check: the mark at x = 44 + win/lags·(w − 54).
            let want = 44.0 + win / lags * (400.0 - 54.0);
            assert!((f.mark_x(&p) - want).abs() < 1e-6, "γ = {g}");
            let inside = (0..f.weights.len()).filter(|&k| f.inside(k)).count();
            assert_eq!(inside as f64, win);
            assert!(f.axis.hi >= f.weights[0] * 1.08);
        }
        // 65% of the weight in the window for γ = 0.9 (about 1 − 1/e).
        assert_eq!(window_share(0.9).round(), 65.0);
    }

    #[test]
    fn the_signal_figure_holds_every_series_and_zero() {
        let f = SignalFigure::new(0.9);
        assert_eq!(f.xs.len(), SAMPLES);
        assert!(f.axis.lo <= 0.0);
        for v in f.xs.iter().chain(&f.ys).chain(&f.hat).chain(&f.clean) {
            assert!(f.axis.lo <= *v && *v <= f.axis.hi);
        }
        assert!(f.ticks.len() >= 2);
    }
}
