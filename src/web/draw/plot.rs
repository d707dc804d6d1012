//! One frame of the plot: the surface (or the playing trail layer), the
//! trails, the current points, the start ring and the inspector's overlay.

use super::layers::{draw_paused, update_layer, Kept};
use super::overlay::Overlay;
use super::trails::draw_current;
use super::{blit_tiles, Rect};
use super::{context, live, Frame, SurfaceCache};
use crate::diagnose::Health;
use crate::surface::mark;
use wasm_bindgen::prelude::*;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// Blit the surface and draw trails, current points, markers.
pub fn draw_plot(
    canvas: &HtmlCanvasElement,
    cache: &SurfaceCache,
    f: &Frame,
    overlay: Option<&Overlay>,
) -> Result<(), JsValue> {
    draw_plot_kept(canvas, cache, f, overlay, &mut Kept::default(), false)
}

/// [`draw_plot`] keeping pictures in `kept` between frames of the same
/// canvas, so a frame of a drag (`dragging`) where one run changed redraws
/// only that trail.
pub fn draw_plot_kept(
    canvas: &HtmlCanvasElement,
    cache: &SurfaceCache,
    f: &Frame,
    overlay: Option<&Overlay>,
    kept: &mut Kept,
    dragging: bool,
) -> Result<(), JsValue> {
    let (pw, ph) = f.geom.device();
    if canvas.width() != pw || canvas.height() != ph {
        canvas.set_width(pw);
        canvas.set_height(ph);
    }
    let ctx = context(canvas)?;
    ctx.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0)?;
    if !f.live {
        kept.live = None;
        draw_paused(&ctx, kept, cache, f, dragging)?;
        let tiles = kept.label_tiles().map(<[Rect]>::to_vec);
        return finish(
            canvas,
            &ctx,
            cache,
            f,
            overlay,
            kept.whole,
            tiles.as_deref(),
        );
    }
    // Playing draws every trail directly (onto its own layer).
    kept.grouped = false;
    let mut slot = cache.trails.borrow_mut();
    let layer = update_layer(&mut slot, cache, f)?;
    let key = live::key(f, layer.key, overlay).filter(|_| kept.plain && !kept.whole);
    let (regions, shown) = live::regions(kept.live.take(), key, layer.from, f);
    kept.live = shown;
    // The labels (when not with the isolines) by their tiles.
    let tiles = Some(layer.labels.as_slice()).filter(|_| !kept.whole);
    let Some(regions) = regions else {
        ctx.draw_image_with_html_canvas_element(&layer.canvas, 0.0, 0.0)?;
        return finish(canvas, &ctx, cache, f, overlay, kept.whole, tiles);
    };
    for &(x, y, w, h) in &regions {
        ctx.save();
        ctx.begin_path();
        ctx.rect(x as f64, y as f64, w as f64, h as f64);
        ctx.clip();
        ctx.draw_image_with_html_canvas_element(&layer.canvas, 0.0, 0.0)?;
        let drawn = finish(canvas, &ctx, cache, f, overlay, false, tiles);
        ctx.restore();
        ctx.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0)?;
        drawn?;
    }
    ctx.set_transform(f.geom.dpr, 0.0, 0.0, f.geom.dpr, 0.0, 0.0)?;
    kept.partial += 1;
    // Frames drawn by regions so far (for the tests).
    crate::web::dom::set_attr(canvas, "data-partial", &kept.partial.to_string())
}

/// Over the trails (`ctx` in device pixels): the current points, the
/// start's ring and the overlay (or the axes' labels, by their `tiles`
/// when given); `whole`: the overlay's layer composited whole.
fn finish(
    canvas: &HtmlCanvasElement,
    ctx: &CanvasRenderingContext2d,
    cache: &SurfaceCache,
    f: &Frame,
    overlay: Option<&Overlay>,
    whole: bool,
    label_tiles: Option<&[Rect]>,
) -> Result<(), JsValue> {
    ctx.set_transform(f.geom.dpr, 0.0, 0.0, f.geom.dpr, 0.0, 0.0)?;
    for (i, run) in f.visible() {
        let diverged = matches!(
            f.diags.get(i).map(|d| d.health),
            Some(Health::Diverged { .. })
        );
        draw_current(ctx, &f.geom, &f.style, run, mark(i), f.t, diverged)?;
    }
    // The start: a ring to grab, under the inspector's arrows (lesson 8's
    // corrected first step, 0.2 long, was hidden under it).
    let (sx, sy) = f.geom.px(f.start);
    ctx.begin_path();
    ctx.arc(sx, sy, f.style.px(8.0), 0.0, std::f64::consts::TAU)?;
    ctx.set_stroke_style_str("#111111");
    ctx.set_line_width(f.style.px(3.5));
    ctx.stroke();
    ctx.set_stroke_style_str("#ffffff");
    ctx.set_line_width(f.style.px(1.5));
    ctx.stroke();
    crate::web::dom::set_attr(canvas, "data-text-px", &f.style.text_px.to_string())?;
    crate::web::dom::set_attr(canvas, "data-tick-labels", &cache.label_boxes.json)?;
    let labelled = super::overlay::draw(
        canvas,
        ctx,
        f,
        overlay,
        (&cache.labels, &cache.label_boxes.rects),
        whole,
    )?;
    if !labelled {
        // The axes' labels over everything the runs drew (device pixels).
        ctx.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0)?;
        match label_tiles {
            // Only where they have pixels: the same picture for a third
            // of a full-canvas blend (a playing frame's or a drag's).
            Some(tiles) => blit_tiles(ctx, &cache.labels, tiles)?,
            // Else by its two strips (surface.rs).
            None => cache.draw_labels(ctx)?,
        }
        ctx.set_transform(f.geom.dpr, 0.0, 0.0, f.geom.dpr, 0.0, 0.0)?;
    }
    Ok(())
}
