//! Canvas drawing: heatmap, isolines, axes, minima, trails, legend.

use crate::run::{Stop, Trajectory};
use crate::scene::Scene;
use crate::surface::{isolines, palette, raster_rgba, tick_label, ticks, Grid, LogScale};
use crate::svg::run_caption;
use crate::{Vec2, View};
use wasm_bindgen::prelude::*;
use wasm_bindgen::{Clamped, JsCast};
use web_sys::{CanvasRenderingContext2d, Document, HtmlCanvasElement, ImageData};

/// World → CSS pixel mapping of the canvas.
struct Map {
    view: View,
    w: f64,
    h: f64,
}

impl Map {
    fn px(&self, p: Vec2) -> (f64, f64) {
        let x = (p[0] - self.view.x0) / self.view.width() * self.w;
        let y = (self.view.y1 - p[1]) / self.view.height() * self.h;
        (x.clamp(-1e5, 1e5), y.clamp(-1e5, 1e5))
    }
}

fn context(canvas: &HtmlCanvasElement) -> Result<CanvasRenderingContext2d, JsValue> {
    canvas
        .get_context("2d")?
        .ok_or("no 2d context")?
        .dyn_into::<CanvasRenderingContext2d>()
        .map_err(|_| JsValue::from_str("not a 2d context"))
}

/// Size the canvas to its CSS box at device resolution and draw the scene.
pub fn draw_scene(
    canvas: &HtmlCanvasElement,
    scene: &Scene,
    runs: &[Trajectory],
) -> Result<(), JsValue> {
    let window = web_sys::window().ok_or("no window")?;
    let dpr = window.device_pixel_ratio().clamp(0.5, 4.0);
    let view = scene.view();
    // The canvas is as wide as its box; its height keeps the view's aspect
    // ratio unless that would overflow the window (then axes scale apart).
    let css_w = (canvas.client_width() as f64).max(100.0);
    let inner_h = window.inner_height()?.as_f64().unwrap_or(800.0);
    let max_h = (inner_h - 170.0).max(240.0);
    let css_h = (css_w * view.height() / view.width())
        .min(max_h)
        .clamp(80.0, 4000.0);
    canvas
        .style()
        .set_property("height", &format!("{css_h}px"))?;
    let (pw, ph) = ((css_w * dpr).round() as u32, (css_h * dpr).round() as u32);
    canvas.set_width(pw);
    canvas.set_height(ph);
    let ctx = context(canvas)?;

    // Heatmap: one sample per device pixel, one blit.
    let grid = Grid::sample(&scene.landscape, view, pw as usize, ph as usize);
    let scale = LogScale::of(&grid);
    let rgba = raster_rgba(&grid, &scale);
    let img = ImageData::new_with_u8_clamped_array_and_sh(Clamped(&rgba), pw, ph)?;
    ctx.put_image_data(&img, 0.0, 0.0)?;

    ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0)?;
    let m = Map {
        view,
        w: css_w,
        h: css_h,
    };

    // Isolines at log-spaced levels from a coarser grid, one path.
    let coarse = Grid::sample(
        &scene.landscape,
        view,
        (css_w / 2.5) as usize,
        (css_h / 2.5) as usize,
    );
    ctx.begin_path();
    for (_, level) in scale.levels(14) {
        for line in isolines(&coarse, level) {
            for (k, p) in line.iter().enumerate() {
                let (x, y) = m.px(*p);
                if k == 0 {
                    ctx.move_to(x, y);
                } else {
                    ctx.line_to(x, y);
                }
            }
        }
    }
    ctx.set_stroke_style_str("rgba(255,255,255,0.45)");
    ctx.set_line_width(1.0);
    ctx.stroke();

    draw_axes(&ctx, &m)?;

    // Known minima: a white plus.
    ctx.begin_path();
    for p in scene.landscape.minima() {
        let (x, y) = m.px(p);
        ctx.move_to(x - 7.0, y);
        ctx.line_to(x + 7.0, y);
        ctx.move_to(x, y - 7.0);
        ctx.line_to(x, y + 7.0);
    }
    ctx.set_stroke_style_str("#ffffff");
    ctx.set_line_width(2.0);
    ctx.stroke();

    for (i, t) in runs.iter().enumerate() {
        draw_trail(&ctx, &m, t, palette(i));
    }
    canvas.set_attribute(
        "data-view",
        &format!("{},{},{},{}", view.x0, view.x1, view.y0, view.y1),
    )?;
    canvas.set_attribute("data-ready", "true")?;
    Ok(())
}

fn draw_axes(ctx: &CanvasRenderingContext2d, m: &Map) -> Result<(), JsValue> {
    ctx.set_font("12px system-ui, sans-serif");
    ctx.set_line_width(1.0);
    let nx = ((m.w / 90.0) as usize).max(3);
    let ny = ((m.h / 70.0) as usize).max(3);
    let label = |text: &str, x: f64, y: f64| -> Result<(), JsValue> {
        let tw = ctx.measure_text(text)?.width();
        ctx.set_fill_style_str("rgba(0,0,0,0.55)");
        ctx.fill_rect(x - 2.0, y - 11.0, tw + 4.0, 14.0);
        ctx.set_fill_style_str("#ffffff");
        ctx.fill_text(text, x, y)
    };
    ctx.set_stroke_style_str("rgba(255,255,255,0.8)");
    for v in ticks(m.view.x0, m.view.x1, nx) {
        let (x, _) = m.px([v, m.view.y0]);
        ctx.begin_path();
        ctx.move_to(x, m.h);
        ctx.line_to(x, m.h - 6.0);
        ctx.stroke();
        if x > 24.0 && x < m.w - 20.0 {
            label(&tick_label(v), x + 3.0, m.h - 8.0)?;
        }
    }
    for v in ticks(m.view.y0, m.view.y1, ny) {
        let (_, y) = m.px([m.view.x0, v]);
        ctx.begin_path();
        ctx.move_to(0.0, y);
        ctx.line_to(6.0, y);
        ctx.stroke();
        if y > 14.0 && y < m.h - 24.0 {
            label(&tick_label(v), 8.0, y + 4.0)?;
        }
    }
    Ok(())
}

fn draw_trail(ctx: &CanvasRenderingContext2d, m: &Map, t: &Trajectory, colour: &str) {
    let path = |ctx: &CanvasRenderingContext2d| {
        ctx.begin_path();
        for (k, p) in t.points.iter().enumerate() {
            let (x, y) = m.px(*p);
            if k == 0 {
                ctx.move_to(x, y);
            } else {
                ctx.line_to(x, y);
            }
        }
    };
    ctx.set_line_join("round");
    path(ctx);
    ctx.set_stroke_style_str("rgba(255,255,255,0.9)");
    ctx.set_line_width(4.0);
    ctx.stroke();
    path(ctx);
    ctx.set_stroke_style_str(colour);
    ctx.set_line_width(2.0);
    ctx.stroke();
    // A dot at every step, so oscillation reads step by step.
    ctx.set_fill_style_str("#ffffff");
    for p in &t.points {
        let (x, y) = m.px(*p);
        ctx.fill_rect(x - 3.5, y - 3.5, 7.0, 7.0);
    }
    ctx.set_fill_style_str(colour);
    for p in &t.points {
        let (x, y) = m.px(*p);
        ctx.fill_rect(x - 2.5, y - 2.5, 5.0, 5.0);
    }
    if let (Stop::Diverged { .. }, Some(p)) = (t.stop, t.points.last()) {
        let (x, y) = m.px(*p);
        ctx.begin_path();
        ctx.move_to(x - 7.0, y - 7.0);
        ctx.line_to(x + 7.0, y + 7.0);
        ctx.move_to(x + 7.0, y - 7.0);
        ctx.line_to(x - 7.0, y + 7.0);
        ctx.set_stroke_style_str(colour);
        ctx.set_line_width(3.0);
        ctx.stroke();
    }
}

/// The legend: a swatch and a caption per run (text only, never HTML).
pub fn fill_legend(document: &Document, scene: &Scene, runs: &[Trajectory]) -> Result<(), JsValue> {
    let Some(list) = document.get_element_by_id("legend") else {
        return Ok(());
    };
    list.set_text_content(None);
    for (i, t) in runs.iter().enumerate() {
        let item = document.create_element("li")?;
        let swatch = document.create_element("span")?;
        swatch.set_class_name("swatch");
        swatch.set_attribute("style", &format!("background:{}", palette(i)))?;
        item.append_child(&swatch)?;
        let text = document.create_element("span")?;
        text.set_text_content(Some(&run_caption(t)));
        item.append_child(&text)?;
        item.set_attribute("data-kind", t.spec.kind.name())?;
        item.set_attribute(
            "data-stop",
            if t.stop == Stop::Completed {
                "completed"
            } else {
                "diverged"
            },
        )?;
        list.append_child(&item)?;
    }
    if let Some(cap) = document.get_element_by_id("caption") {
        cap.set_text_content(Some(&format!(
            "{} · start ({}, {}) · {} steps · {} convention",
            scene.landscape.formula(),
            scene.start[0],
            scene.start[1],
            scene.steps,
            scene.convention.name()
        )));
    }
    Ok(())
}
