//! What a click on the momentum map does to the scene: it sets η and γ of
//! the first momentum optimizer as if its sliders had moved, or adds one.
//! This is the explainers' only way back into the page's cards
//! (`apply_param`, `panel::sync_card`, `panel::set_card_error`,
//! `App::refresh_runs`, `App::refresh_all`); when the page routes its
//! changes as messages, these become one `Msg`.

use super::super::{apply_param, panel};
use super::App;
use crate::optim::HyperKey;
use crate::optim::{OptKind, OptSpec};
use crate::sweep::map_target;
use gradscape_text::tr;
use wasm_bindgen::prelude::*;

/// The most optimizers a scene may have (the scene codec refuses more).
const MAX_OPTIMIZERS: usize = 16;

/// Set η and γ of the scene's first momentum optimizer (or add one).
pub fn set_momentum(app: &mut App, eta: f64, gamma: f64) -> Result<(), JsValue> {
    match map_target(&app.scene) {
        Some(i) => {
            // The cards' own path: validate, set, sync the card's slider,
            // number field and output, replay, redraw, rewrite the URL.
            let mut trial = app.scene.clone();
            let ok = apply_param(&mut trial, i, HyperKey::Lr, eta, app.lang)
                .and_then(|_| apply_param(&mut trial, i, HyperKey::Gamma, gamma, app.lang));
            if let Err(m) = ok {
                return panel::set_card_error(&app.root("optimizers")?, i, &m);
            }
            app.scene.optimizers[i] = trial.optimizers[i];
            panel::sync_card(&app.root("optimizers")?, i, &app.scene.optimizers[i], None)?;
            app.refresh_runs()
        }
        None if app.scene.optimizers.len() >= MAX_OPTIMIZERS => {
            app.root("sweep-map-note")?
                .set_text_content(Some(tr(app.lang, "explain.map.full")));
            Ok(())
        }
        None => {
            let mut spec = OptSpec::new(OptKind::Momentum, app.scene.convention);
            spec.hyper.lr = eta;
            spec.hyper.gamma = gamma;
            app.scene.optimizers.push(spec);
            app.refresh_all()
        }
    }
}
