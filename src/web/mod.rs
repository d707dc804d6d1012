//! The browser shell (wasm only): draws a scene on the page's canvas.
//!
//! Long-lived data stays in Rust; the heatmap is one `ImageData` blit at
//! device resolution; isolines and each trail are one path and one
//! `stroke()`.

pub mod draw;

use crate::output::simulation_value;
use crate::{simulate, Scene};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, HtmlCanvasElement, HtmlElement};

/// What the page shows.
struct App {
    document: Document,
    canvas: HtmlCanvasElement,
    scene: Scene,
}

impl App {
    fn render(&self) -> Result<(), JsValue> {
        let runs = simulate(&self.scene).map_err(|e| JsValue::from_str(&e.to_string()))?;
        draw::draw_scene(&self.canvas, &self.scene, &runs)?;
        draw::fill_legend(&self.document, &self.scene, &runs)?;
        Ok(())
    }
}

fn element<T: JsCast>(document: &Document, id: &str) -> Result<T, JsValue> {
    document
        .get_element_by_id(id)
        .ok_or_else(|| JsValue::from_str(&format!("the page has no #{id}")))?
        .dyn_into::<T>()
        .map_err(|_| JsValue::from_str(&format!("#{id} has the wrong element type")))
}

/// Entry point: install the panic hook, draw the default scene, redraw on resize.
#[wasm_bindgen(start)]
pub fn start() -> Result<(), JsValue> {
    console_error_panic_hook::set_once();
    let window = web_sys::window().ok_or("no window")?;
    let document = window.document().ok_or("no document")?;
    let canvas: HtmlCanvasElement = element(&document, "plot")?;
    let app = Rc::new(RefCell::new(App {
        document: document.clone(),
        canvas,
        scene: Scene::default(),
    }));
    app.borrow().render()?;
    let on_resize = {
        let app = Rc::clone(&app);
        Closure::<dyn FnMut()>::new(move || {
            if let Err(e) = app.borrow().render() {
                web_sys::console::error_1(&e);
            }
        })
    };
    window.add_event_listener_with_callback("resize", on_resize.as_ref().unchecked_ref())?;
    on_resize.forget();
    if let Ok(status) = element::<HtmlElement>(&document, "status") {
        status.set_text_content(Some(""));
    }
    Ok(())
}

/// Simulate a scene given as JSON; returns the simulation output JSON
/// (`{"version": 1, "runs": [...]}`) or throws the scene error.
#[wasm_bindgen]
pub fn simulate_json(scene: &str) -> Result<String, JsValue> {
    let scene = Scene::from_json(scene).map_err(|e| JsValue::from_str(&e.to_string()))?;
    let runs = simulate(&scene).map_err(|e| JsValue::from_str(&e.to_string()))?;
    Ok(simulation_value(&runs, false).to_string())
}

/// The default scene as JSON.
#[wasm_bindgen]
pub fn default_scene_json() -> String {
    Scene::default().to_json()
}
