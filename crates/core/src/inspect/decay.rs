//! Weight decay in the inspector: the decay part of Adam+L2's and AdamW's
//! step and its per-coordinate rate, the L2-regularized loss f + λ/2·‖x‖²
//! and its isolines, and the arrows drawn at the current point.

use super::arith::{rdiv, sdiv};
use super::{map2, Inspection};
use crate::landscape::{Landscape, View};
use crate::optim::OptKind;
use crate::surface::{isolines, Grid, LogScale};
use crate::Vec2;

/// The arrows of one run at its current point x_{k−1}, as world offsets.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Arrows {
    /// The current point.
    pub from: Vec2,
    /// −η·g, where plain GD would go.
    pub gd: Vec2,
    /// x_k − x_{k−1}, the actual step.
    pub step: Vec2,
    /// The weight-decay part of the step (Adam+L2, AdamW).
    pub decay: Option<Vec2>,
}

impl Inspection {
    /// The weight-decay part of the step (Adam+L2 and AdamW), so that
    /// `step = gradient part + decay part`:
    ///
    /// - AdamW: −η·λ·x_{k−1} (d2l: x ← x − η·(m̂/(√v̂+ε) + λ·x); pytorch:
    ///   x·(1 − η·λ) first, which moves x by the same −η·λ·x);
    /// - Adam+L2: the moments average g + λ·x, so m = m_g + m_λ where m_λ is
    ///   the moving average of λ·x alone; the decay part is the share of the
    ///   step that m_λ makes through the same denominator:
    ///   −η·(m_λ/(1−β1ᵏ))/(√v̂+ε). The decay is divided by √v̂+ε: anisotropic.
    pub fn decay_step(&self) -> Option<Vec2> {
        let h = self.h();
        match self.spec.kind {
            OptKind::Adamw => Some(map2(|i| -h.lr * h.lambda * self.x[i])),
            // NAdam/RAdam with `decoupled`, Lion: x·(1 − η·λ) − x.
            OptKind::Nadam | OptKind::Radam | OptKind::Lion if self.decoupled_decay() != 0.0 => {
                Some(map2(|i| self.decoupled_decay() * self.x[i]))
            }
            OptKind::AdamL2 => {
                let (bc1, bc2) = self.bias_denominators();
                let v = self.second_moment();
                let md = self.m_decay;
                Some(if self.d2l() {
                    map2(|i| -h.lr * sdiv(md[i] / bc1, (v[i] / bc2).sqrt() + h.eps))
                } else {
                    map2(|i| -sdiv(h.lr / bc1 * md[i], v[i].sqrt() / bc2.sqrt() + h.eps))
                })
            }
            _ => None,
        }
    }

    /// The effective decay rate per coordinate, the factor in front of x in
    /// the current step's decay: η·λ/(√v̂+ε) for Adam+L2 (its λ·x enters
    /// with (1−β1)/(1−β1ᵏ) through m̂ at this step, and older λ·x through
    /// the average), η·λ for AdamW in every coordinate.
    pub fn decay_rate(&self) -> Option<Vec2> {
        let h = self.h();
        match self.spec.kind {
            OptKind::Adamw => Some([h.lr * h.lambda; 2]),
            OptKind::AdamL2 => {
                let r = self.adam_rate_hat();
                Some(map2(|i| r[i] * h.lambda))
            }
            _ => None,
        }
    }

    /// √v̂ + ε per coordinate (Adam kinds; what divides m̂).
    pub fn adam_denominator(&self) -> Vec2 {
        let (_, bc2) = self.bias_denominators();
        let v = self.second_moment();
        map2(|i| (v[i] / bc2).sqrt() + self.h().eps)
    }

    pub(crate) fn adam_rate_hat(&self) -> Vec2 {
        let d = self.adam_denominator();
        map2(|i| rdiv(self.h().lr, d[i]))
    }

    /// The coordinate (0 or 1) Adam+L2 regularizes less: the one with the
    /// larger √v̂ + ε. `None` when there is nothing to compare: λ = 0 (no
    /// regularization at all, whatever √v̂) or both denominators equal.
    pub fn less_regularized(&self) -> Option<usize> {
        let den = self.adam_denominator();
        if self.h().lambda == 0.0 || den[0] == den[1] {
            return None;
        }
        Some(usize::from(den[1] > den[0]))
    }

    /// The arrows at the current point.
    pub fn arrows(&self) -> Arrows {
        Arrows {
            from: self.x,
            gd: self.gd_step(),
            step: self.actual(),
            decay: self.decay_step(),
        }
    }
}

/// The L2-regularized loss f(x) + λ/2·‖x‖².
pub fn l2_loss(landscape: &Landscape, lambda: f64, x: Vec2) -> f64 {
    landscape.value(x) + 0.5 * lambda * (x[0] * x[0] + x[1] * x[1])
}

/// f + λ/2·‖x‖² sampled at the centres of a w × h grid over `view`
/// (non-finite values, outside the surface's domain, as the largest).
pub fn l2_grid(landscape: &Landscape, lambda: f64, view: View, w: usize, h: usize) -> Grid {
    let (w, h) = (w.max(2), h.max(2));
    let mut values = Vec::with_capacity(w * h);
    for j in 0..h {
        let y = view.y1 - (j as f64 + 0.5) / h as f64 * view.height();
        for i in 0..w {
            let x = view.x0 + (i as f64 + 0.5) / w as f64 * view.width();
            values.push(l2_loss(landscape, lambda, [x, y]));
        }
    }
    let max = values
        .iter()
        .copied()
        .filter(|v| v.is_finite())
        .fold(f64::MIN, f64::max);
    let max = if max == f64::MIN { 0.0 } else { max };
    for v in &mut values {
        if !v.is_finite() {
            *v = max;
        }
    }
    Grid { w, h, view, values }
}

/// λ of the first Adam+L2 optimizer among those `shown`: its L2 isolines
/// are drawn (on the page, in its exports and in the SVG) whenever there
/// is one.
pub fn l2_lambda<'a>(shown: impl IntoIterator<Item = &'a crate::optim::OptSpec>) -> Option<f64> {
    shown
        .into_iter()
        .find(|s| s.kind == OptKind::AdamL2)
        .map(|s| s.hyper.lambda)
}

/// Eight isolines of f + λ/2·‖x‖² over the view, on the surface's log
/// scale of levels (the surface's own marching squares).
pub fn l2_isolines(
    landscape: &Landscape,
    lambda: f64,
    view: View,
    w: usize,
    h: usize,
) -> Vec<Vec<Vec2>> {
    let grid = l2_grid(landscape, lambda, view, w, h);
    let scale = LogScale::of(&grid);
    let mut out = Vec::new();
    for (_, level) in scale.levels(8) {
        out.extend(isolines(&grid, level));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inspect::Stepper;
    use crate::optim::{Convention, OptSpec};
    use crate::scene::Scene;

    #[test]
    fn the_isoline_through_a_point_passes_through_it() {
        let l = Landscape::default();
        let view = View::new([-6.0, 6.0], [-4.0, 4.0]);
        let lambda = 0.5;
        let grid = l2_grid(&l, lambda, view, 240, 160);
        for p in [[-5.0, -2.0], [3.0, 1.5], [-1.0, 2.5]] {
            let lines = isolines(&grid, l2_loss(&l, lambda, p));
            let cell = view.width() / 240.0;
            let near = lines
                .iter()
                .flatten()
                .map(|q| (q[0] - p[0]).hypot(q[1] - p[1]))
                .fold(f64::INFINITY, f64::min);
            assert!(near < cell, "{p:?}: nearest isoline point {near}");
        }
        // λ moves the level set: f + λ/2‖x‖² is not f.
        assert!(l2_loss(&l, lambda, [1.0, 1.0]) > l.value([1.0, 1.0]));
        assert!(!l2_isolines(&l, lambda, view, 60, 40).is_empty());
    }

    #[test]
    fn the_arrows_are_minus_eta_g_the_step_and_the_decay_part() {
        for kind in [OptKind::Gd, OptKind::AdamL2, OptKind::Adamw] {
            let mut s = Scene::default();
            let mut spec = OptSpec::new(kind, Convention::D2l);
            spec.hyper.lambda = 0.5;
            s.optimizers = vec![spec];
            let insp = Stepper::new(&s, 0).unwrap().at(2).unwrap();
            let a = insp.arrows();
            assert_eq!(a.from, insp.x);
            for c in 0..2 {
                assert_eq!(a.gd[c], -spec.hyper.lr * insp.grad[c]);
                assert_eq!(a.step[c], insp.next[c] - insp.x[c]);
            }
            match kind {
                OptKind::Adamw => {
                    let d = a.decay.unwrap();
                    assert_eq!(d, [0, 1].map(|c| -spec.hyper.lr * 0.5 * insp.x[c]));
                }
                OptKind::AdamL2 => assert!(a.decay.is_some()),
                _ => assert!(a.decay.is_none()),
            }
        }
    }

    /// Lesson 9 with λ = 0: √v̂ still differs between the coordinates, but
    /// nothing is regularized, so neither is "regularized less".
    #[test]
    fn without_lambda_no_coordinate_is_regularized_less() {
        let mut s = Scene::default();
        let mut spec = OptSpec::new(OptKind::AdamL2, Convention::D2l);
        spec.hyper.lambda = 0.5;
        s.optimizers = vec![spec];
        let insp = Stepper::new(&s, 0).unwrap().at(5).unwrap();
        let den = insp.adam_denominator();
        assert_ne!(den[0], den[1]);
        assert_eq!(insp.less_regularized(), Some(usize::from(den[1] > den[0])));
        s.optimizers[0].hyper.lambda = 0.0;
        let insp = Stepper::new(&s, 0).unwrap().at(5).unwrap();
        assert_eq!(insp.decay_rate(), Some([0.0, 0.0]));
        assert_eq!(insp.less_regularized(), None);
    }
}
