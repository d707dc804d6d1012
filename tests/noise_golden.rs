//! Noisy runs are reproducible: the scene in `tests/reference/noise_scene.json`
//! gives exactly the committed output (made natively by the CLI's
//! `simulate`). `tests/web.rs` checks the same bytes in the browser, so native
//! and wasm builds are bit-identical.
#![cfg(not(target_arch = "wasm32"))]

use gradscape::output::simulation_value;
use gradscape::{simulate, Scene};

#[test]
fn noisy_runs_match_the_committed_output_exactly() {
    let scene = Scene::from_json(include_str!("reference/noise_scene.json")).unwrap();
    let runs = simulate(&scene).unwrap();
    let got = simulation_value(&runs, false).to_string();
    let want = include_str!("reference/noise_native.json").trim_end();
    assert_eq!(got.len(), want.len());
    assert!(got == want, "noisy trajectories changed");
    // The noise is really there: a second seed moves every run.
    let mut other = scene.clone();
    other.noise.seed = 43;
    let runs2 = simulate(&other).unwrap();
    for (a, b) in runs.iter().zip(&runs2) {
        assert_ne!(a.points, b.points);
    }
}
