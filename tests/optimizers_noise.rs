//! Gradient noise and whole scenes: seeded, reproducible, standard normal
//! times σ, the same for every optimizer of a scene; `simulate` runs the
//! scene's optimizers in order, and a zero gradient never moves a coordinate.
#![cfg(not(target_arch = "wasm32"))]

use gradscape::optim::ALL_KINDS;
use gradscape::run::run_one;
use gradscape::scene::Noise;
use gradscape::{simulate, Landscape, OptKind, OptSpec, Scene, Stop, Trajectory};

#[allow(dead_code)]
#[path = "common/optim.rs"]
mod optim;
use optim::*;

// ---------------------------------------------------------------------- noise

fn noisy(kind: OptKind, sigma: f64, seed: u64, steps: usize) -> Trajectory {
    let l = Landscape::default();
    let s = OptSpec::new(kind, D2L);
    let mut sc = scene(l.clone(), X0, steps, D2L, vec![s]);
    sc.noise = Noise { sigma, seed };
    run_one(&l, &s, &sc).unwrap()
}

#[test]
fn noise_is_reproducible_and_seeded() {
    for kind in ALL_KINDS {
        // Lion steps by the sign of a momentum that averages ~1/(1−β2) = 100
        // gradients: σ = 0.5 never flips it on the bowl; σ = 20 does.
        let sigma = if kind == OptKind::Lion { 20.0 } else { 0.5 };
        let a = noisy(kind, sigma, 42, 30);
        let b = noisy(kind, sigma, 42, 30);
        assert_eq!(a, b, "{kind:?}: same seed, different run");
        let c = noisy(kind, sigma, 43, 30);
        assert_ne!(a.points, c.points, "{kind:?}: different seed, same run");
        let quiet = noisy(kind, 0.0, 0, 30);
        assert_ne!(a.points, quiet.points, "{kind:?}: the noise did nothing");
        // σ = 0 is no noise whatever the seed.
        assert_eq!(noisy(kind, 0.0, 12345, 30), quiet, "{kind:?}");
    }
}

#[test]
fn noise_is_standard_normal_times_sigma() {
    let sigma = 0.3;
    let t = noisy(OptKind::Gd, sigma, 7, 3000);
    assert_eq!(t.stop, Stop::Completed);
    let l = Landscape::default();
    let mut z = Vec::new();
    for (i, s) in t.states.iter().enumerate() {
        let g = l.grad(t.points[i]);
        z.push((s.grad[0] - g[0]) / sigma);
        z.push((s.grad[1] - g[1]) / sigma);
    }
    let n = z.len() as f64;
    let mean = z.iter().sum::<f64>() / n;
    let var = z.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>() / n;
    assert!(mean.abs() < 0.05, "mean {mean}");
    assert!((var - 1.0).abs() < 0.08, "variance {var}");
    // The two coordinates get different samples.
    let dx: Vec<f64> = z.iter().step_by(2).copied().collect();
    let dy: Vec<f64> = z.iter().skip(1).step_by(2).copied().collect();
    assert_ne!(dx, dy);
}

#[test]
fn simulate_runs_every_optimizer_of_a_scene_in_order() {
    let sc = Scene::default();
    let runs = simulate(&sc).unwrap();
    assert_eq!(runs.len(), 2);
    assert_eq!(runs[0].spec.kind, OptKind::Gd);
    assert_eq!(runs[1].spec.kind, OptKind::Momentum);
    assert_eq!(
        runs[0],
        run_one(&sc.landscape, &sc.optimizers[0], &sc).unwrap()
    );
    assert_close2(runs[0].points[1], [-4.6, 1.2], REL, "GD x1");
    assert_close2(runs[1].points[2], [-4.032, 0.88], REL, "momentum x2");
}

#[test]
fn every_optimizer_sees_the_same_noise() {
    // README: "Every optimizer of the scene sees the same noise sequence".
    let l = Landscape::default();
    let specs: Vec<OptSpec> = ALL_KINDS.iter().map(|k| OptSpec::new(*k, D2L)).collect();
    let mut sc = scene(l.clone(), X0, 15, D2L, specs);
    sc.noise = Noise {
        sigma: 0.7,
        seed: 99,
    };
    let runs = simulate(&sc).unwrap();
    let noise_of = |t: &Trajectory| -> Vec<V2> {
        t.states
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let g = l.grad(t.points[i]);
                [s.grad[0] - g[0], s.grad[1] - g[1]]
            })
            .collect()
    };
    let first = noise_of(&runs[0]);
    assert!(first.iter().all(|n| n[0] != 0.0 && n[1] != 0.0));
    for t in &runs[1..] {
        let n = noise_of(t);
        assert_eq!(n.len(), first.len());
        for (a, b) in n.iter().zip(&first) {
            // The same samples, up to the rounding of g + σ·z − g.
            assert!(
                (a[0] - b[0]).abs() < 1e-12 && (a[1] - b[1]).abs() < 1e-12,
                "{:?}: {a:?} vs {b:?}",
                t.spec.kind
            );
        }
    }
}

#[test]
fn a_coordinate_with_zero_gradient_does_not_move_even_with_eps_zero() {
    // README: "Where the gradient of a coordinate is exactly 0 its step is 0,
    // even with ε = 0." On the bowl from (−5, 0), ∂f/∂y = 4·0 = 0 forever.
    for conv in [D2L, TORCH] {
        for kind in ALL_KINDS {
            for eps in [None, Some(0.0)] {
                let s = spec(kind, conv, |h| {
                    h.lr = 0.1;
                    if let Some(e) = eps {
                        h.eps = e;
                    }
                });
                let t = run(&Landscape::default(), [-5.0, 0.0], 30, conv, s);
                assert_eq!(t.stop, Stop::Completed, "{kind:?} {conv:?} eps={eps:?}");
                assert!(
                    t.points.iter().all(|p| p[1] == 0.0),
                    "{kind:?} {conv:?} eps={eps:?}: {:?}",
                    t.points
                );
                // (Adadelta with ε = 0 has a zero rate √(Δx + ε) = 0 from the start.)
                if !(kind == OptKind::Adadelta && eps == Some(0.0)) {
                    assert!(t.points[30][0] != -5.0, "{kind:?} {conv:?}: x did not move");
                }
            }
        }
    }
}
