//! For each message: the model's change and the redraw reported.

use super::*;
use crate::app::Canvas;
use crate::app::{CardError, Field, GlobalError, Rule};
use crate::landscape::View;
use crate::lesson::{lesson, LESSONS};
use crate::optim::{Convention, FlagKey, HyperKey, OptKind, OptSpec, MAX_OPTIMIZERS};
use crate::params::ParamInfo;
use crate::scene::Scene;
use gradscape_text::Lang;

mod cards;
mod fields;
mod history;
mod link;
mod locks;
mod pointer;
mod present;
mod quiz;
mod scene;
mod schedule;
mod time;
mod typing;

pub(super) fn model() -> Model {
    let mut m = Model::new(Scene::default(), 20, Lang::En);
    m.canvas = Canvas { w: 400.0, h: 400.0 };
    m
}

pub(super) fn hyper(i: usize, key: HyperKey, v: f64, slider: bool) -> Msg {
    Msg::SetHyper { i, key, v, slider }
}
