//! gradscape: gradient-descent optimizers stepping live on 2-D loss surfaces.
//!
//! Three layers that depend one way: `gradscape-core` (the numbers, no
//! browser, no words) → `gradscape-text` (every sentence, English and
//! 简体中文) → this crate, the web shell (wasm only, `web`) and the CLI
//! (`src/bin`). The core's and the text layer's modules are re-exported here
//! so that one path (`gradscape::scene::Scene`) serves the tests, the CLI and
//! the fuzzers.

#![warn(missing_docs)]

pub use gradscape_core::quiz;
pub use gradscape_core::{
    chart, diagnose, ema, format, geometry, inspect, landscape, lesson, math, noise, optim, params,
    picture, run, scene, simulate, surface, sweep, theory, url, Convention, Landscape, OptKind,
    OptSpec, Scene, SceneError, Stop, Trajectory, Vec2, View,
};
pub use gradscape_text as text;
pub use gradscape_text::{output, svg, Lang};

pub mod export;

#[cfg(target_arch = "wasm32")]
pub mod web;

pub mod app;

#[cfg(all(feature = "cli", not(target_arch = "wasm32")))]
pub mod media;
