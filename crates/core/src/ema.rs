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
//! [`corrected`] EMA, and the [`weights`] with the [`window`] marked.

use crate::noise::Gaussian;

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
}
