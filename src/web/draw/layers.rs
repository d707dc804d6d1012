//! While playing: the surface with every trail drawn up to step `t`, so a
//! frame only adds the new steps' segments and dots, blits this, and draws
//! the current points on top (nothing is allocated and the surface is not
//! recomputed).

use super::trails::{draw_steps, draw_trail};
use super::{context, Frame, SurfaceCache};
use crate::surface::mark;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlCanvasElement;

/// The kept picture of the trails up to step `t`.
pub struct TrailLayer {
    pub(super) canvas: HtmlCanvasElement,
    /// [`fingerprint`] of the runs and legend toggles drawn.
    key: u64,
    t: usize,
}

/// A hash of the line width, every point of every run and the hidden flags: the layer is
/// reused only for exactly the same runs (a slider moved during playback
/// replays them).
fn fingerprint(f: &Frame) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut mix = |v: u64| h = (h ^ v).wrapping_mul(0x0000_0100_0000_01b3);
    mix(f.style.line.to_bits());
    for (i, run) in f.runs.iter().enumerate() {
        mix(run.points.len() as u64);
        mix(u64::from(f.hidden.get(i).copied().unwrap_or(false)));
        for p in &run.points {
            mix(p[0].to_bits());
            mix(p[1].to_bits());
        }
    }
    h
}

/// Bring the trail layer to step `f.t`: add the new steps when the runs are
/// the same and time moved forward, otherwise draw it afresh.
pub fn update_layer<'a>(
    slot: &'a mut Option<TrailLayer>,
    cache: &SurfaceCache,
    f: &Frame,
) -> Result<&'a TrailLayer, JsValue> {
    let key = fingerprint(f);
    let fresh = matches!(slot, Some(l) if l.key == key && l.t <= f.t);
    if !fresh {
        let canvas = match slot.take() {
            Some(l) => l.canvas,
            None => cache
                .canvas
                .owner_document()
                .ok_or("no document")?
                .create_element("canvas")?
                .dyn_into()?,
        };
        canvas.set_width(cache.canvas.width());
        canvas.set_height(cache.canvas.height());
        let ctx = context(&canvas)?;
        ctx.draw_image_with_html_canvas_element(&cache.canvas, 0.0, 0.0)?;
        ctx.set_transform(f.geom.dpr, 0.0, 0.0, f.geom.dpr, 0.0, 0.0)?;
        for (i, run) in f.visible() {
            draw_trail(&ctx, &f.geom, &f.style, run, mark(i), f.t)?;
        }
        *slot = Some(TrailLayer {
            canvas,
            key,
            t: f.t,
        });
    } else if let Some(layer) = slot.as_mut() {
        if f.t > layer.t {
            let ctx = context(&layer.canvas)?;
            for (i, run) in f.visible() {
                draw_steps(&ctx, &f.geom, &f.style, run, mark(i), layer.t, f.t);
            }
            layer.t = f.t;
        }
    }
    slot.as_ref()
        .ok_or_else(|| JsValue::from_str("no trail layer"))
}
