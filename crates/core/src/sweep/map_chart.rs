//! The momentum map as the explainer draws it: one pixel per cell, viridis
//! from the map's fastest rate to ρ = 1 and light red where ρ ≥ 1; a click
//! read back as (η, γ); the rate of a point in [`Reading`]s.

use super::rate_map::RateMap;
use crate::chart::Plot;
use crate::format::round_sig;
use crate::surface::colormap;

/// Cells of the explainer's map along η.
pub const MAP_NX: usize = 160;
/// Cells of the explainer's map along γ.
pub const MAP_NY: usize = 100;
/// The map's colour where ρ ≥ 1 (light red).
pub const DIVERGES_RGB: [u8; 3] = [0xf2, 0xb8, 0xb5];

/// The plot area of the map on a `w` × `h` canvas.
pub fn map_plot(w: f64, h: f64) -> Plot {
    Plot::new(w, h, 48.0, 12.0, 10.0, 34.0)
}

/// The colour of a cell: viridis from the map's `fastest` ρ (dark) to
/// ρ = 1 (yellow), [`DIVERGES_RGB`] where ρ ≥ 1.
pub fn rate_colour(rho: f64, fastest: f64) -> [u8; 3] {
    let span = (1.0 - fastest).max(1e-9);
    if rho < 1.0 {
        colormap((rho - fastest) / span)
    } else {
        DIVERGES_RGB
    }
}

/// The colours of the map's key, from fast to slow (nine stops).
pub fn key_stops() -> Vec<[u8; 3]> {
    (0..=8).map(|k| colormap(k as f64 / 8.0)).collect()
}

impl RateMap {
    /// The smallest ρ of all (η, γ) (1 if none is smaller; the exact best,
    /// between the cells, when known: a key reading the best cell's 0.636
    /// was taken for the optimum, 0.6345): the colour scale runs from it to 1.
    pub fn fastest(&self) -> f64 {
        let cells = self.rates.iter().copied().fold(1.0, f64::min);
        self.best.map_or(cells, |b| b.min(cells))
    }

    /// The picture as RGBA, one pixel per cell; row 0 is the top (γ near 1).
    pub fn rgba(&self) -> Vec<u8> {
        let fastest = self.fastest();
        let mut rgba = Vec::with_capacity(self.nx * self.ny * 4);
        for row in 0..self.ny {
            let j = self.ny - 1 - row;
            for i in 0..self.nx {
                let [r, g, b] = rate_colour(self.rates[j * self.nx + i], fastest);
                rgba.extend_from_slice(&[r, g, b, 255]);
            }
        }
        rgba
    }
}

/// The map's (η, γ) under a point of its plot area (η from 0 to `eta_max`
/// left to right, γ from 0 to 1 bottom to top), rounded to its resolution:
/// η to 3 significant digits (at least one pixel's worth), γ to 0.001 (the
/// γ slider's step), in [0, 0.999].
pub fn map_point(plot: &Plot, eta_max: f64, x: f64, y: f64) -> Option<(f64, f64)> {
    let (fx, fy) = plot.fractions(x, y)?;
    let eta = round_sig((fx * eta_max).max(eta_max / plot.w), 3);
    let gamma = ((fy * 1000.0).round() / 1000.0).clamp(0.0, 0.999);
    Some((eta, gamma))
}

/// A keyboard step across the map from (η, γ): `dx` fortieths of η's
/// span (at least one map cell from 0, at most `eta_max`), `dy` steps of
/// 0.025 in γ (within [0, 0.999]), rounded as [`map_point`] rounds a click.
pub fn map_step(eta: f64, gamma: f64, eta_max: f64, dx: i32, dy: i32) -> (f64, f64) {
    let cell = eta_max / MAP_NX as f64;
    let eta = if eta.is_finite() { eta } else { eta_max / 2.0 };
    let eta = round_sig(
        (eta + f64::from(dx) * eta_max / 40.0).clamp(cell, eta_max),
        3,
    );
    let gamma = if gamma.is_finite() { gamma } else { 0.5 };
    let gamma = ((gamma + f64::from(dy) * 0.025) * 1000.0).round() / 1000.0;
    (eta, gamma.clamp(0.0, 0.999))
}

/// What the rate of a point means.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Reading {
    /// 0 < ρ < 1: the error shrinks ×ρ per step, 10× every `per_digit` steps.
    Converges {
        /// The rate.
        rho: f64,
        /// Steps per factor 10: −1/log₁₀ ρ.
        per_digit: f64,
    },
    /// ρ = 0: done in one step.
    Instant,
    /// ρ = 1 (to a few ulps: on the stability bound, where the error
    /// neither shrinks nor grows).
    Edge,
    /// ρ > 1 (or not a number).
    Diverges {
        /// The rate.
        rho: f64,
    },
}

impl Reading {
    /// The reading of ρ.
    pub fn of(rho: f64) -> Reading {
        if rho < 1.0 - 1e-12 && rho > 0.0 {
            Reading::Converges {
                rho,
                per_digit: -1.0 / crate::math::log10(rho),
            }
        } else if rho < 1.0 {
            Reading::Instant
        } else if (rho - 1.0).abs() <= 1e-12 {
            Reading::Edge
        } else {
            Reading::Diverges { rho }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_step_moves_a_fortieth_of_eta_and_0_025_of_gamma_within_the_map() {
        assert_eq!(map_step(0.4, 0.5, 1.0, 1, 0), (0.425, 0.5));
        assert_eq!(map_step(0.4, 0.5, 1.0, 0, -2), (0.4, 0.45));
        // Held inside: η in [one cell, η max], γ in [0, 0.999].
        assert_eq!(
            map_step(0.01, 0.99, 1.0, -1, 1),
            (1.0 / MAP_NX as f64, 0.999)
        );
        assert_eq!(map_step(0.99, 0.01, 1.0, 1, -1), (1.0, 0.0));
        // From nowhere (no momentum run yet): the map's middle.
        assert_eq!(map_step(f64::NAN, f64::NAN, 2.0, 0, 0), (1.0, 0.5));
    }
    use crate::sweep::{rate_map, MomentumForm};

    #[test]
    fn the_picture_is_viridis_below_one_and_red_above_top_row_first() {
        let m = rate_map([0.2, 4.0], MomentumForm::HeavyBall, 8, 5).unwrap();
        let px = m.rgba();
        assert_eq!(px.len(), 8 * 5 * 4);
        let fastest = m.fastest();
        assert!(fastest < 1.0 && m.rates.iter().all(|&r| r >= fastest));
        // Pixel (0, 0) is the top-left cell: the smallest η, the largest γ.
        let top_left = m.rates[4 * 8];
        assert_eq!(px[0..3], rate_colour(top_left, fastest));
        assert_eq!(rate_colour(1.0, fastest), DIVERGES_RGB);
        assert_eq!(rate_colour(fastest, fastest), colormap(0.0));
        assert_eq!(key_stops().len(), 9);
    }

    #[test]
    fn a_click_reads_eta_and_gamma_at_the_maps_resolution() {
        let p = map_plot(620.0, 300.0);
        let (eta, g) = map_point(&p, 1.25, p.l + 0.3 * p.w, p.t + 0.3 * p.h).unwrap();
        assert!((eta - 0.375).abs() <= 1.25 / p.w && (g - 0.7).abs() <= 1.0 / p.h);
        assert_eq!(eta, crate::format::round_sig(eta, 3));
        // The left and top edges: η one pixel's worth, γ at most 0.999.
        let (eta, g) = map_point(&p, 1.25, 0.0, 0.0).unwrap();
        assert_eq!((eta, g), (round_sig(1.25 / p.w, 3), 0.999));
        assert_eq!(
            map_point(&Plot::default(), 1.25, 1.0, 1.0),
            None,
            "no plot area, no point"
        );
    }

    #[test]
    fn the_reading_names_convergence_and_divergence() {
        assert_eq!(
            Reading::of(0.1),
            Reading::Converges {
                rho: 0.1,
                per_digit: 1.0
            }
        );
        assert_eq!(Reading::of(0.0), Reading::Instant);
        assert_eq!(Reading::of(1.0), Reading::Edge);
        assert_eq!(Reading::of(1.01), Reading::Diverges { rho: 1.01 });
        // Heavy ball on its bound (η·h = 2(1 + γ)), and with λ = 1 on the
        // seed's bowl (0.6·5 = 3): the rate is 1 to the ulp.
        use crate::theory::{axis_rate, MomentumForm};
        assert_eq!(
            Reading::of(axis_rate(MomentumForm::HeavyBall, 0.75, 0.5, 4.0)),
            Reading::Edge
        );
        assert_eq!(
            Reading::of(axis_rate(MomentumForm::HeavyBall, 0.6, 0.5, 5.0)),
            Reading::Edge
        );
        assert_eq!(
            Reading::of(axis_rate(MomentumForm::Nesterov, 0.375, 0.5, 4.0)),
            Reading::Edge
        );
        assert!(matches!(Reading::of(f64::NAN), Reading::Diverges { .. }));
    }
}
