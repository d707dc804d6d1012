//! The module's JavaScript functions besides `start` and `mount`: the page's
//! state for tests and tools, replacing the scene, simulating a scene.

use super::{dispatch, App, APP};
use crate::app::Msg;
use crate::output::{run_value, stop_value};
use crate::scene::Scene;
use crate::simulate;
use gradscape_text::diagnose::{hint_text, status_text};
use serde_json::{Map, Value};
use wasm_bindgen::prelude::*;

/// The Latin words of `text` that are not names or symbols (the browser
/// tests use it to find English left on the page in 中文 mode), as JSON.
#[wasm_bindgen]
pub fn english_words(text: &str) -> String {
    Value::from(gradscape_text::english_words(text)).to_string()
}

/// The page's state as JSON: the scene, the cursor, the runs with their
/// health (for tests and for the share/export features).
#[wasm_bindgen]
pub fn page_state() -> String {
    APP.with(|a| match a.try_borrow() {
        Ok(guard) => guard.as_ref().map(state_json).unwrap_or_default(),
        Err(_) => String::new(),
    })
}

/// The page's language (English on a page that only mounts figures).
fn page_lang() -> gradscape_text::Lang {
    APP.with(|a| match a.try_borrow() {
        Ok(guard) => guard.as_ref().map(|app| app.lang).unwrap_or_default(),
        Err(_) => gradscape_text::Lang::default(),
    })
}

/// Replace the whole scene; throws the scene error (naming the field, in
/// the page's language) and leaves the page unchanged when the JSON is bad.
#[wasm_bindgen]
pub fn set_scene_json(text: &str) -> Result<(), JsValue> {
    let scene = Scene::from_json(text)
        .map_err(|e| JsValue::from_str(&gradscape_text::errors::scene_error(&e, page_lang())))?;
    dispatch(Msg::LoadScene(scene));
    // A script reads the link right after (the page writes it after the
    // next paint, web/link.rs): written now.
    super::with_app(super::link::flush);
    Ok(())
}

/// Simulate a scene given as JSON; returns the simulation output JSON
/// (`{"version": 1, "runs": [...]}`) or throws the scene error (in the
/// page's language).
#[wasm_bindgen]
pub fn simulate_json(scene: &str) -> Result<String, JsValue> {
    let scene = Scene::from_json(scene)
        .map_err(|e| JsValue::from_str(&gradscape_text::errors::scene_error(&e, page_lang())))?;
    let runs = simulate(&scene)
        .map_err(|e| JsValue::from_str(&gradscape_text::errors::run_error(&e, page_lang())))?;
    Ok(crate::output::simulation_value(&runs, false).to_string())
}

/// Draw the plot, the loss chart and the η sweep chart again with nothing
/// kept (for tests: a drag's frames, drawn from kept pictures, must equal
/// this).
#[wasm_bindgen]
pub fn redraw_exact() -> Result<(), JsValue> {
    APP.with(|a| match a.try_borrow_mut() {
        Ok(mut guard) => match guard.as_mut() {
            Some(app) => super::render::redraw_exact(app),
            None => Ok(()),
        },
        Err(_) => Err(JsValue::from_str("the page is busy")),
    })
}

/// The plot's surface picture drawn afresh, its isolines and minima drawn
/// by the pen in wasm (`"pen"`, as the page does), as canvas paths
/// (`"canvas"`) or not at all (`"off"`); or its axes' labels picture
/// (`"labels"`), or that outside the strips the plot blits
/// (`"labels-outside"`): RGBA device pixels, empty when there is no
/// picture (for the tests that compare the pen with the canvas and the
/// strips with the whole labels picture).
#[wasm_bindgen]
pub fn surface_pixels(strokes: &str) -> Result<Vec<u8>, JsValue> {
    use super::draw::Strokes;
    // The labels' picture, whole or outside the strips the plot blits.
    let labels = match strokes {
        "labels" => Some(false),
        "labels-outside" => Some(true),
        _ => None,
    };
    let strokes = match strokes {
        "pen" => Strokes::Pen,
        "canvas" => Strokes::Canvas,
        "off" => Strokes::Off,
        _ if labels.is_some() => Strokes::Pen,
        _ => {
            return Err(JsValue::from_str(
                "strokes: pen, canvas, off, labels or labels-outside",
            ))
        }
    };
    APP.with(|a| match a.try_borrow() {
        Ok(guard) => match guard
            .as_ref()
            .and_then(|app| app.cache.as_ref().map(|c| (app, c)))
        {
            Some((_, cache)) if labels.is_some() => cache.label_pixels(labels == Some(true)),
            Some((app, cache)) => cache.pixels_with(&app.doc, strokes),
            None => Ok(Vec::new()),
        },
        Err(_) => Err(JsValue::from_str("the page is busy")),
    })
}

fn state_json(app: &App) -> String {
    let mut m = Map::new();
    m.insert("scene".into(), app.scene.to_value());
    m.insert("t".into(), app.t.into());
    m.insert("playing".into(), app.playing.into());
    m.insert("lesson".into(), app.lesson.into());
    m.insert("lang".into(), app.lang.code().into());
    m.insert("hidden".into(), Value::from(app.hidden.clone()));
    let runs = app
        .runs
        .iter()
        .zip(&app.diags)
        .map(|(t, d)| {
            let mut v = run_value(t, false);
            if let Value::Object(o) = &mut v {
                o.insert("stop".into(), stop_value(&t.stop));
                o.insert("health".into(), d.health.name().into());
                o.insert("status".into(), status_text(d, t, app.lang).into());
                o.insert(
                    "hint".into(),
                    hint_text(d, app.lang)
                        .map(Value::from)
                        .unwrap_or(Value::Null),
                );
            }
            v
        })
        .collect();
    m.insert("runs".into(), Value::Array(runs));
    m.insert("lr_charts".into(), super::schedule::charts_value(app));
    m.insert("quiz".into(), super::quiz::state_value(app));
    Value::Object(m).to_string()
}
