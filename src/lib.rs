//! gradscape: gradient-descent optimizers stepping live on 2-D loss surfaces.
//!
//! The core (landscapes, optimizers, runs, scenes, the surface picture and
//! the SVG figure) is plain Rust and knows nothing of the browser; `web` is
//! the thin wasm shell.

#![warn(missing_docs)]
// The optimizers update two coordinates of several state vectors in step;
// `for i in 0..2` with indices reads like the maths.
#![allow(clippy::needless_range_loop)]

pub mod diagnose;
pub mod ema;
pub mod i18n;
pub mod inspect;
pub mod landscape;
pub mod lessons;
pub mod math;
pub mod noise;
pub mod optim;
pub mod output;
pub mod params;
pub mod run;
pub mod scene;
pub mod surface;
pub mod svg;
pub mod sweep;
pub mod url;

#[cfg(target_arch = "wasm32")]
pub mod web;

/// A point or vector of the plane.
pub type Vec2 = [f64; 2];

pub use landscape::{Landscape, View};
pub use optim::{Convention, OptKind, OptSpec};
pub use run::{simulate, Stop, Trajectory};
pub use scene::{Scene, SceneError};
