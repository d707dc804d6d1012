//! Helpers shared by the tests/scene_*.rs binaries: parsing, the English
//! wording of errors and the keys each optimizer kind takes.

use gradscape::{OptKind, Scene, SceneError};
use serde_json::Value;

/// The error as the CLI and the page word it in English.
pub fn worded(e: &SceneError) -> String {
    gradscape::text::errors::scene_error(e, gradscape::text::Lang::En)
}

pub fn parse(v: Value) -> Result<Scene, SceneError> {
    Scene::from_json(&v.to_string())
}

/// The keys each optimizer kind takes, as DESIGN.md and the README list them
/// (written out here, independently of `OptKind::keys`).
pub fn uses(kind: OptKind) -> &'static [&'static str] {
    match kind {
        OptKind::Gd => &["lr", "lambda"],
        OptKind::Momentum => &["lr", "gamma", "dampening", "lambda", "nesterov"],
        OptKind::Adagrad => &[
            "lr",
            "eps",
            "lr_decay",
            "initial_accumulator_value",
            "lambda",
        ],
        OptKind::Rmsprop => &["lr", "gamma", "eps", "momentum", "lambda", "centered"],
        OptKind::Adam => &["lr", "beta1", "beta2", "eps", "bias_correction", "amsgrad"],
        OptKind::AdamL2 | OptKind::Adamw => &[
            "lr",
            "beta1",
            "beta2",
            "eps",
            "lambda",
            "bias_correction",
            "amsgrad",
        ],
        OptKind::Nadam => &[
            "lr",
            "beta1",
            "beta2",
            "eps",
            "momentum_decay",
            "lambda",
            "decoupled",
        ],
        OptKind::Adadelta => &["lr", "gamma", "eps"],
        OptKind::Adamax => &["lr", "beta1", "beta2", "eps", "lambda"],
        OptKind::Radam => &["lr", "beta1", "beta2", "eps", "lambda", "decoupled"],
        OptKind::Rprop => &["lr", "etas", "step_sizes"],
        OptKind::Lion => &["lr", "beta1", "beta2", "lambda"],
        OptKind::Lbfgs => &["lr", "history_size", "line_search"],
        OptKind::Newton => &["lr"],
    }
}
