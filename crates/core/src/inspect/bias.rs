//! The bias-correction chart's series: Adam's factors 1/(1 − βᵏ), m and m̂,
//! v and v̂ over the first steps, read from the run's recorded states.

use super::has_bias_correction;
use crate::math;
use crate::optim::{find, StateKey};
use crate::run::run_one_with;
use crate::scene::Scene;
use crate::Vec2;

/// One step of the bias-correction chart.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BiasPoint {
    /// The step.
    pub k: usize,
    /// 1/(1 − β1ᵏ) (1 with bias correction off).
    pub c1: f64,
    /// 1/(1 − β2ᵏ) (1 with bias correction off).
    pub c2: f64,
    /// The factors bias correction would apply (whether on or off).
    pub c1_on: f64,
    /// 1/(1 − β2ᵏ) whether on or off.
    pub c2_on: f64,
    /// m_k.
    pub m: Vec2,
    /// m̂_k.
    pub m_hat: Vec2,
    /// v_k.
    pub v: Vec2,
    /// v̂_k.
    pub v_hat: Vec2,
}

/// The first `n` steps of the `i`-th optimizer's moments (Adam kinds only;
/// fewer if the run stops sooner).
pub fn bias_series(scene: &Scene, i: usize, n: usize) -> Vec<BiasPoint> {
    let Some(spec) = scene.optimizers.get(i) else {
        return vec![];
    };
    if !has_bias_correction(spec.kind) {
        return vec![];
    }
    let mut short = scene.clone();
    short.steps = n;
    let Ok(run) = run_one_with(&scene.landscape, spec, &short, true) else {
        return vec![];
    };
    let h = spec.hyper;
    run.states
        .iter()
        .enumerate()
        .map(|(j, s)| {
            let k = j + 1;
            let c1_on = 1.0 / (1.0 - math::pow(h.beta1, k as f64));
            let c2_on = 1.0 / (1.0 - math::pow(h.beta2, k as f64));
            let (c1, c2) = if h.bias_correction {
                (c1_on, c2_on)
            } else {
                (1.0, 1.0)
            };
            BiasPoint {
                k,
                c1,
                c2,
                c1_on,
                c2_on,
                m: find(&s.fields, StateKey::M),
                m_hat: find(&s.fields, StateKey::MHat),
                v: find(&s.fields, StateKey::V),
                v_hat: find(&s.fields, StateKey::VHat),
            }
        })
        .collect()
}
