//! gradscape's core: the numbers, and nothing else.
//!
//! Landscapes, optimizer blocks and chains, runs and their stop rule, the
//! scene with its JSON and link codecs, the surface raster and contours,
//! theory (stability bounds, rates), sweeps, the EMA and the inspector's
//! quantities. It knows no browser and no language: errors, hints and labels
//! are typed values carrying their numbers; `gradscape-text` words them.

#![warn(missing_docs)]
// The optimizers update two coordinates of several state vectors in step;
// `for i in 0..2` with indices reads like the maths.
#![allow(clippy::needless_range_loop)]

pub mod chart;
pub mod diagnose;
pub mod ema;
pub mod format;
pub mod geometry;
pub mod inspect;
pub mod landscape;
pub mod lanes;
pub mod lesson;
pub mod math;
pub mod noise;
pub mod optim;
pub mod params;
pub mod picture;
pub mod quiz;
pub mod run;
pub mod scale;
pub mod scene;
pub mod schedule;
pub mod surface;
pub mod sweep;
pub mod theory;
pub mod url;

/// A point or vector of the plane.
pub type Vec2 = [f64; 2];

/// A 2×2 matrix by rows (a Hessian: `h[i][j]` = ∂²f/∂xᵢ∂xⱼ).
pub type Mat2 = [[f64; 2]; 2];

pub use landscape::{Landscape, View};
pub use optim::{Convention, OptKind, OptSpec, MAX_OPTIMIZERS};
pub use run::{simulate, Stop, Trajectory};
pub use scene::{Scene, SceneError};
