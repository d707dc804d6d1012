//! Canvas drawing. The surface (heatmap, isolines, axes, minima) is rendered
//! once into an offscreen canvas and cached until the surface, the view or
//! the size changes; each frame blits it and draws the trails over it.

use crate::diagnose::{Diagnosis, Health};
use crate::landscape::Landscape;
use crate::run::Trajectory;
use crate::surface::{isolines, palette, raster_rgba, tick_label, ticks, Grid, LogScale};
use crate::{Vec2, View};
use std::cell::RefCell;
use std::collections::HashSet;
use wasm_bindgen::prelude::*;
use wasm_bindgen::{Clamped, JsCast};
use web_sys::{CanvasRenderingContext2d, Document, HtmlCanvasElement, ImageData};

/// World ↔ CSS-pixel mapping of a canvas.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Geom {
    /// The world window shown.
    pub view: View,
    /// CSS width.
    pub w: f64,
    /// CSS height.
    pub h: f64,
    /// Device pixels per CSS pixel.
    pub dpr: f64,
}

impl Geom {
    /// World → CSS pixels (far points clamped so canvas maths stays sane).
    pub fn px(&self, p: Vec2) -> (f64, f64) {
        let x = (p[0] - self.view.x0) / self.view.width() * self.w;
        let y = (self.view.y1 - p[1]) / self.view.height() * self.h;
        (x.clamp(-1e5, 1e5), y.clamp(-1e5, 1e5))
    }

    /// CSS pixels → world.
    pub fn world(&self, x: f64, y: f64) -> Vec2 {
        [
            self.view.x0 + x / self.w * self.view.width(),
            self.view.y1 - y / self.h * self.view.height(),
        ]
    }

    /// Device size.
    pub fn device(&self) -> (u32, u32) {
        (
            (self.w * self.dpr).round() as u32,
            (self.h * self.dpr).round() as u32,
        )
    }
}

/// The cached surface picture, and the trails drawn over it while playing.
pub struct SurfaceCache {
    canvas: HtmlCanvasElement,
    landscape: Landscape,
    geom: Geom,
    low: bool,
    trails: RefCell<Option<TrailLayer>>,
}

/// While playing: the surface with every trail drawn up to step `t`, so a
/// frame only adds the new steps' segments and dots, blits this, and draws
/// the current points on top (nothing is allocated and the surface is not
/// recomputed).
struct TrailLayer {
    canvas: HtmlCanvasElement,
    /// [`fingerprint`] of the runs and legend toggles drawn.
    key: u64,
    t: usize,
}

/// A hash of every point of every run and of the hidden flags: the layer is
/// reused only for exactly the same runs (a slider moved during playback
/// replays them).
fn fingerprint(f: &Frame) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut mix = |v: u64| h = (h ^ v).wrapping_mul(0x0000_0100_0000_01b3);
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

impl SurfaceCache {
    /// Whether this cache shows exactly this surface at this size.
    pub fn matches(&self, landscape: &Landscape, geom: &Geom, low: bool) -> bool {
        self.landscape == *landscape && self.geom == *geom && (self.low == low || !self.low)
    }

    /// Whether this is the reduced-resolution picture used while dragging.
    pub fn is_low(&self) -> bool {
        self.low
    }
}

pub(crate) fn context(canvas: &HtmlCanvasElement) -> Result<CanvasRenderingContext2d, JsValue> {
    canvas
        .get_context("2d")?
        .ok_or("no 2d context")?
        .dyn_into::<CanvasRenderingContext2d>()
        .map_err(|_| JsValue::from_str("not a 2d context"))
}

/// Render the surface: heatmap (one sample per device pixel, or per 4 when
/// `low`), log-spaced isolines, axes with ticks and labels, minima.
pub fn render_surface(
    doc: &Document,
    landscape: &Landscape,
    geom: &Geom,
    low: bool,
) -> Result<SurfaceCache, JsValue> {
    let (pw, ph) = geom.device();
    let canvas: HtmlCanvasElement = doc.create_element("canvas")?.dyn_into()?;
    canvas.set_width(pw.max(1));
    canvas.set_height(ph.max(1));
    let ctx = context(&canvas)?;
    let k = if low { 4 } else { 1 };
    let (gw, gh) = ((pw / k).max(2), (ph / k).max(2));
    let grid = Grid::sample(landscape, geom.view, gw as usize, gh as usize);
    let scale = LogScale::of(&grid);
    let rgba = raster_rgba(&grid, &scale);
    let img = ImageData::new_with_u8_clamped_array_and_sh(Clamped(&rgba), gw, gh)?;
    if k == 1 {
        ctx.put_image_data(&img, 0.0, 0.0)?;
    } else {
        let small: HtmlCanvasElement = doc.create_element("canvas")?.dyn_into()?;
        small.set_width(gw);
        small.set_height(gh);
        context(&small)?.put_image_data(&img, 0.0, 0.0)?;
        ctx.draw_image_with_html_canvas_element_and_dw_and_dh(
            &small, 0.0, 0.0, pw as f64, ph as f64,
        )?;
    }
    ctx.set_transform(geom.dpr, 0.0, 0.0, geom.dpr, 0.0, 0.0)?;
    let cw = if low { geom.w / 6.0 } else { geom.w / 2.5 };
    let ch = if low { geom.h / 6.0 } else { geom.h / 2.5 };
    let coarse = Grid::sample(landscape, geom.view, cw as usize, ch as usize);
    ctx.begin_path();
    for (_, level) in scale.levels(14) {
        for line in isolines(&coarse, level) {
            for (i, p) in line.iter().enumerate() {
                let (x, y) = geom.px(*p);
                if i == 0 {
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
    draw_axes(&ctx, geom)?;
    ctx.begin_path();
    for p in landscape.minima() {
        let (x, y) = geom.px(p);
        ctx.move_to(x - 7.0, y);
        ctx.line_to(x + 7.0, y);
        ctx.move_to(x, y - 7.0);
        ctx.line_to(x, y + 7.0);
    }
    ctx.set_stroke_style_str("#ffffff");
    ctx.set_line_width(2.0);
    ctx.stroke();
    Ok(SurfaceCache {
        canvas,
        landscape: landscape.clone(),
        geom: *geom,
        low,
        trails: RefCell::new(None),
    })
}

fn label(ctx: &CanvasRenderingContext2d, text: &str, x: f64, y: f64) -> Result<(), JsValue> {
    let tw = ctx.measure_text(text)?.width();
    ctx.set_fill_style_str("rgba(0,0,0,0.55)");
    ctx.fill_rect(x - 2.0, y - 11.0, tw + 4.0, 14.0);
    ctx.set_fill_style_str("#ffffff");
    ctx.fill_text(text, x, y)
}

fn draw_axes(ctx: &CanvasRenderingContext2d, g: &Geom) -> Result<(), JsValue> {
    ctx.set_font("12px system-ui, sans-serif");
    ctx.set_line_width(1.0);
    ctx.set_stroke_style_str("rgba(255,255,255,0.8)");
    let nx = ((g.w / 90.0) as usize).max(3);
    let ny = ((g.h / 70.0) as usize).max(3);
    for v in ticks(g.view.x0, g.view.x1, nx) {
        let (x, _) = g.px([v, g.view.y0]);
        ctx.begin_path();
        ctx.move_to(x, g.h);
        ctx.line_to(x, g.h - 6.0);
        ctx.stroke();
        if x > 24.0 && x < g.w - 30.0 {
            label(ctx, &tick_label(v), x + 3.0, g.h - 8.0)?;
        }
    }
    for v in ticks(g.view.y0, g.view.y1, ny) {
        let (_, y) = g.px([g.view.x0, v]);
        ctx.begin_path();
        ctx.move_to(0.0, y);
        ctx.line_to(6.0, y);
        ctx.stroke();
        if y > 14.0 && y < g.h - 24.0 {
            label(ctx, &tick_label(v), 8.0, y + 4.0)?;
        }
    }
    label(ctx, "x₁", g.w - 22.0, g.h - 8.0)?;
    label(ctx, "x₂", 8.0, 16.0)?;
    Ok(())
}

/// What one frame shows.
pub struct Frame<'a> {
    /// The geometry.
    pub geom: Geom,
    /// Every run.
    pub runs: &'a [Trajectory],
    /// Their diagnoses.
    pub diags: &'a [Diagnosis],
    /// Hidden runs (legend toggles).
    pub hidden: &'a [bool],
    /// Current step.
    pub t: usize,
    /// The start point (drawn as a draggable ring).
    pub start: Vec2,
    /// Playing: draw only the steps added since the last frame onto a kept
    /// layer (a paused picture is always drawn whole).
    pub live: bool,
}

/// Blit the surface and draw trails, current points, markers.
pub fn draw_plot(
    canvas: &HtmlCanvasElement,
    cache: &SurfaceCache,
    f: &Frame,
    overlay: Option<&super::overlay::Overlay>,
) -> Result<(), JsValue> {
    let (pw, ph) = f.geom.device();
    if canvas.width() != pw || canvas.height() != ph {
        canvas.set_width(pw);
        canvas.set_height(ph);
    }
    let ctx = context(canvas)?;
    ctx.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0)?;
    if f.live {
        let mut slot = cache.trails.borrow_mut();
        let layer = update_layer(&mut slot, cache, f)?;
        ctx.draw_image_with_html_canvas_element(&layer.canvas, 0.0, 0.0)?;
        ctx.set_transform(f.geom.dpr, 0.0, 0.0, f.geom.dpr, 0.0, 0.0)?;
    } else {
        ctx.draw_image_with_html_canvas_element(&cache.canvas, 0.0, 0.0)?;
        ctx.set_transform(f.geom.dpr, 0.0, 0.0, f.geom.dpr, 0.0, 0.0)?;
        for (i, run) in visible(f) {
            draw_trail(&ctx, &f.geom, run, palette(i), f.t)?;
        }
    }
    for (i, run) in visible(f) {
        let diverged = matches!(
            f.diags.get(i).map(|d| d.health),
            Some(Health::Diverged { .. })
        );
        draw_current(&ctx, &f.geom, run, palette(i), f.t, diverged)?;
    }
    super::overlay::draw(canvas, &ctx, &f.geom, overlay)?;
    // The start: a ring to grab.
    let (sx, sy) = f.geom.px(f.start);
    ctx.begin_path();
    ctx.arc(sx, sy, 8.0, 0.0, std::f64::consts::TAU)?;
    ctx.set_stroke_style_str("#111111");
    ctx.set_line_width(3.5);
    ctx.stroke();
    ctx.set_stroke_style_str("#ffffff");
    ctx.set_line_width(1.5);
    ctx.stroke();
    Ok(())
}

/// The runs shown (not hidden, not empty) with their index.
fn visible<'a>(f: &'a Frame) -> impl Iterator<Item = (usize, &'a Trajectory)> + 'a {
    f.runs
        .iter()
        .enumerate()
        .filter(|(i, run)| !f.hidden.get(*i).copied().unwrap_or(false) && !run.points.is_empty())
}

/// Bring the trail layer to step `f.t`: add the new steps when the runs are
/// the same and time moved forward, otherwise draw it afresh.
fn update_layer<'a>(
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
        for (i, run) in visible(f) {
            draw_trail(&ctx, &f.geom, run, palette(i), f.t)?;
        }
        *slot = Some(TrailLayer {
            canvas,
            key,
            t: f.t,
        });
    } else if let Some(layer) = slot.as_mut() {
        if f.t > layer.t {
            let ctx = context(&layer.canvas)?;
            for (i, run) in visible(f) {
                draw_steps(&ctx, &f.geom, run, palette(i), layer.t, f.t);
            }
            layer.t = f.t;
        }
    }
    slot.as_ref()
        .ok_or_else(|| JsValue::from_str("no trail layer"))
}

/// The steps `from → to` of a trail (segments, then their dots) onto the
/// layer: what a playing frame adds. The dot at `from` is drawn again so
/// the new segment's white edge does not cut into it.
fn draw_steps(
    ctx: &CanvasRenderingContext2d,
    g: &Geom,
    run: &Trajectory,
    colour: &str,
    from: usize,
    to: usize,
) {
    let last = to.min(run.points.len() - 1);
    if from >= last {
        return;
    }
    let pts = &run.points[from..=last];
    let path = || {
        ctx.begin_path();
        let (x, y) = g.px(pts[0]);
        ctx.move_to(x, y);
        for p in &pts[1..] {
            let (x, y) = g.px(*p);
            ctx.line_to(x, y);
        }
    };
    ctx.set_line_join("round");
    path();
    ctx.set_stroke_style_str("rgba(255,255,255,0.9)");
    ctx.set_line_width(4.0);
    ctx.stroke();
    path();
    ctx.set_stroke_style_str(colour);
    ctx.set_line_width(2.0);
    ctx.stroke();
    for (size, style) in [(7.0, "#ffffff"), (5.0, colour)] {
        ctx.set_fill_style_str(style);
        for p in pts {
            let (x, y) = g.px(*p);
            if x < -10.0 || y < -10.0 || x > g.w + 10.0 || y > g.h + 10.0 {
                continue;
            }
            ctx.fill_rect(x - size / 2.0, y - size / 2.0, size, size);
        }
    }
}

/// A whole trail up to step `t`: segments, then a dot at every step.
fn draw_trail(
    ctx: &CanvasRenderingContext2d,
    g: &Geom,
    run: &Trajectory,
    colour: &str,
    t: usize,
) -> Result<(), JsValue> {
    // A run whose start is outside the formula's domain has no point.
    let Some(last) = run.points.len().checked_sub(1).map(|n| t.min(n)) else {
        return Ok(());
    };
    let pts = &run.points[..=last];
    // The trail as polylines at pixel resolution: a segment closer than half
    // a pixel is merged into the next; a segment off the canvas on one side,
    // or one already drawn between the same 2 px cells, is left out (a
    // 100 000-step run bouncing across the bowl strokes a few segments, not
    // 100 000 overlapping ones, which stalls a software canvas for minutes).
    // Walking back from the current step, at most SEGMENT_BUDGET distinct
    // segments are kept: a chaotic run (η = 1000) keeps its latest 5000
    // jumps, which already cover the canvas.
    const SEGMENT_BUDGET: usize = 5000;
    let q = |v: f64| (v / 2.0).floor().clamp(-1e6, 1e6) as i32;
    let mut seen: HashSet<(i32, i32, i32, i32)> = HashSet::new();
    let mut lines: Vec<Vec<(f64, f64)>> = Vec::new();
    let mut cur: Vec<(f64, f64)> = Vec::new();
    let mut prev = g.px(pts[last]);
    cur.push(prev);
    for k in (0..last).rev() {
        if seen.len() >= SEGMENT_BUDGET {
            break;
        }
        let (x, y) = g.px(pts[k]);
        if (x - prev.0).abs() < 0.5 && (y - prev.1).abs() < 0.5 && k != 0 {
            continue;
        }
        let off = (x < 0.0 && prev.0 < 0.0)
            || (x > g.w && prev.0 > g.w)
            || (y < 0.0 && prev.1 < 0.0)
            || (y > g.h && prev.1 > g.h);
        let (a, b) = ((q(prev.0), q(prev.1)), (q(x), q(y)));
        let key = if a <= b {
            (a.0, a.1, b.0, b.1)
        } else {
            (b.0, b.1, a.0, a.1)
        };
        if off || !seen.insert(key) {
            if cur.len() > 1 {
                lines.push(std::mem::take(&mut cur));
            }
            cur.clear();
            cur.push((x, y));
        } else {
            if cur.is_empty() {
                cur.push(prev);
            }
            cur.push((x, y));
        }
        prev = (x, y);
    }
    if cur.len() > 1 {
        lines.push(cur);
    }
    let path = || {
        ctx.begin_path();
        for line in &lines {
            for (i, &(x, y)) in line.iter().enumerate() {
                if i == 0 {
                    ctx.move_to(x, y);
                } else {
                    ctx.line_to(x, y);
                }
            }
        }
    };
    ctx.set_line_join("round");
    path();
    ctx.set_stroke_style_str("rgba(255,255,255,0.9)");
    ctx.set_line_width(4.0);
    ctx.stroke();
    path();
    ctx.set_stroke_style_str(colour);
    ctx.set_line_width(2.0);
    ctx.stroke();
    // A dot at every step. Dots that would land in a 2 px cell already
    // holding one of this run's dots are skipped (a 100 000-step run that
    // oscillates between two places draws two dots, not 100 000).
    let (cw, chh) = (
        (g.w / 2.0).ceil() as usize + 1,
        (g.h / 2.0).ceil() as usize + 1,
    );
    let mut seen = vec![false; cw * chh];
    let mut centres: Vec<(f64, f64)> = Vec::new();
    for p in pts.iter().rev() {
        if centres.len() >= 4 * SEGMENT_BUDGET {
            break;
        }
        let (x, y) = g.px(*p);
        if x < -10.0 || y < -10.0 || x > g.w + 10.0 || y > g.h + 10.0 {
            continue;
        }
        let (i, j) = (((x.max(0.0)) / 2.0) as usize, ((y.max(0.0)) / 2.0) as usize);
        let cell = j.min(chh - 1) * cw + i.min(cw - 1);
        if !seen[cell] {
            seen[cell] = true;
            centres.push((x, y));
        }
    }
    let dots = |size: f64| {
        for &(x, y) in &centres {
            ctx.fill_rect(x - size / 2.0, y - size / 2.0, size, size);
        }
    };
    ctx.set_fill_style_str("#ffffff");
    dots(7.0);
    ctx.set_fill_style_str(colour);
    dots(5.0);
    Ok(())
}

/// The current point of a trail: a disc, or a triangle on the edge when it
/// is outside the view; a cross where a run diverged.
fn draw_current(
    ctx: &CanvasRenderingContext2d,
    g: &Geom,
    run: &Trajectory,
    colour: &str,
    t: usize,
    diverged: bool,
) -> Result<(), JsValue> {
    let last = t.min(run.points.len() - 1);
    let cur = run.points[last];
    let (cx, cy) = g.px(cur);
    let inside = cx >= 0.0 && cy >= 0.0 && cx <= g.w && cy <= g.h;
    if inside {
        ctx.begin_path();
        ctx.arc(cx, cy, 6.0, 0.0, std::f64::consts::TAU)?;
        ctx.set_fill_style_str(colour);
        ctx.fill();
        ctx.set_stroke_style_str("#ffffff");
        ctx.set_line_width(2.0);
        ctx.stroke();
    } else {
        edge_marker(ctx, g, cx, cy, colour)?;
    }
    if diverged && last == run.points.len() - 1 && inside {
        ctx.begin_path();
        ctx.move_to(cx - 9.0, cy - 9.0);
        ctx.line_to(cx + 9.0, cy + 9.0);
        ctx.move_to(cx + 9.0, cy - 9.0);
        ctx.line_to(cx - 9.0, cy + 9.0);
        ctx.set_stroke_style_str("#ffffff");
        ctx.set_line_width(5.0);
        ctx.stroke();
        ctx.set_stroke_style_str(colour);
        ctx.set_line_width(3.0);
        ctx.stroke();
    }
    Ok(())
}

/// A triangle on the canvas edge pointing at a point outside the view.
fn edge_marker(
    ctx: &CanvasRenderingContext2d,
    g: &Geom,
    x: f64,
    y: f64,
    colour: &str,
) -> Result<(), JsValue> {
    let (mx, my) = (g.w / 2.0, g.h / 2.0);
    let (dx, dy) = (x - mx, y - my);
    // Scale the ray from the centre to hit the border (inset by 12 px).
    let sx = if dx != 0.0 {
        (mx - 12.0) / dx.abs()
    } else {
        f64::INFINITY
    };
    let sy = if dy != 0.0 {
        (my - 12.0) / dy.abs()
    } else {
        f64::INFINITY
    };
    let s = sx.min(sy);
    if !s.is_finite() {
        return Ok(());
    }
    let (ex, ey) = (mx + dx * s, my + dy * s);
    let a = dy.atan2(dx);
    ctx.save();
    ctx.translate(ex, ey)?;
    ctx.rotate(a)?;
    ctx.begin_path();
    ctx.move_to(10.0, 0.0);
    ctx.line_to(-8.0, -8.0);
    ctx.line_to(-8.0, 8.0);
    ctx.close_path();
    ctx.set_fill_style_str(colour);
    ctx.fill();
    ctx.set_stroke_style_str("#ffffff");
    ctx.set_line_width(2.0);
    ctx.stroke();
    ctx.restore();
    Ok(())
}

/// The loss chart: loss against step for every visible run, log y-axis
/// (linear when some loss is ≤ 0), a cursor at the current step, a cross
/// where a run diverged. The chart without the cursor is kept in an
/// offscreen canvas until the runs change, so a playing frame only blits it
/// and draws the cursor.
#[allow(clippy::too_many_arguments)]
pub fn draw_loss(
    canvas: &HtmlCanvasElement,
    dpr: f64,
    runs: &[Trajectory],
    replay: u64,
    diags: &[Diagnosis],
    hidden: &[bool],
    t: usize,
    steps: usize,
    dark: bool,
    lang: gradscape_text::Lang,
) -> Result<(), JsValue> {
    let w = (canvas.client_width() as f64).max(100.0);
    let h = (canvas.client_height() as f64).max(60.0);
    let (pw, ph) = ((w * dpr).round() as u32, (h * dpr).round() as u32);
    if canvas.width() != pw || canvas.height() != ph {
        canvas.set_width(pw);
        canvas.set_height(ph);
    }
    let key = loss_key(pw, ph, replay, runs, diags, hidden, steps, dark) ^ (lang as u64);
    LOSS_CHARTS.with(|charts| -> Result<(), JsValue> {
        let mut charts = charts.borrow_mut();
        let pos = charts
            .iter()
            .position(|c| c.canvas.is_same_node(Some(canvas)));
        let pos = match pos {
            Some(p) => p,
            None => {
                if charts.len() >= 8 {
                    charts.remove(0);
                }
                let doc = canvas.owner_document().ok_or("no document")?;
                charts.push(LossChart {
                    canvas: canvas.clone(),
                    chart: doc.create_element("canvas")?.dyn_into()?,
                    key: key.wrapping_add(1),
                });
                charts.len() - 1
            }
        };
        let entry = &mut charts[pos];
        if entry.key != key {
            entry.chart.set_width(pw);
            entry.chart.set_height(ph);
            let cctx = context(&entry.chart)?;
            cctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0)?;
            cctx.clear_rect(0.0, 0.0, w, h);
            loss_chart(&cctx, w, h, runs, diags, hidden, steps, dark, lang)?;
            entry.key = key;
        }
        let ctx = context(canvas)?;
        ctx.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0)?;
        ctx.clear_rect(0.0, 0.0, pw as f64, ph as f64);
        ctx.draw_image_with_html_canvas_element(&entry.chart, 0.0, 0.0)?;
        ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0)?;
        // Cursor at the current step.
        let (left, right, top, bottom) = LOSS_MARGINS;
        let n = steps.max(1) as f64;
        let x = left + t.min(steps) as f64 / n * (w - left - right);
        ctx.begin_path();
        ctx.move_to(x, top);
        ctx.line_to(x, h - bottom);
        ctx.set_stroke_style_str(if dark { "#d8d8e0" } else { "#333340" });
        ctx.set_line_width(1.0);
        ctx.stroke();
        Ok(())
    })?;
    canvas.set_attribute("data-ready", "true")?;
    Ok(())
}

/// Margins of the loss chart: left, right, top, bottom (CSS px).
const LOSS_MARGINS: (f64, f64, f64, f64) = (52.0, 10.0, 10.0, 22.0);

/// A loss chart canvas and its chart without the cursor.
struct LossChart {
    canvas: HtmlCanvasElement,
    chart: HtmlCanvasElement,
    key: u64,
}

thread_local! {
    /// The charts of the page's loss canvases (a few: the playground's and
    /// each mounted figure's).
    static LOSS_CHARTS: RefCell<Vec<LossChart>> = const { RefCell::new(Vec::new()) };
}

thread_local! {
    static REPLAYS: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// A fresh number for a replay: the loss chart's cache is keyed on it
/// instead of on every loss value (hashing 900 000 losses each frame).
pub fn next_replay() -> u64 {
    REPLAYS.with(|c| {
        c.set(c.get() + 1);
        c.get()
    })
}

/// A hash of everything the chart shows but the cursor; `replay` stands for
/// the runs' values (see [`next_replay`]).
#[allow(clippy::too_many_arguments)]
fn loss_key(
    pw: u32,
    ph: u32,
    replay: u64,
    runs: &[Trajectory],
    diags: &[Diagnosis],
    hidden: &[bool],
    steps: usize,
    dark: bool,
) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut mix = |v: u64| h = (h ^ v).wrapping_mul(0x0000_0100_0000_01b3);
    mix(u64::from(pw) << 32 | u64::from(ph));
    mix(steps as u64);
    mix(u64::from(dark));
    for (i, run) in runs.iter().enumerate() {
        mix(u64::from(hidden.get(i).copied().unwrap_or(false)));
        mix(u64::from(matches!(
            diags.get(i).map(|d| d.health),
            Some(Health::Diverged { .. })
        )));
        mix(run.loss.len() as u64);
    }
    mix(replay);
    h
}

/// The loss chart without its cursor, in CSS pixels.
#[allow(clippy::too_many_arguments)]
fn loss_chart(
    ctx: &CanvasRenderingContext2d,
    w: f64,
    h: f64,
    runs: &[Trajectory],
    diags: &[Diagnosis],
    hidden: &[bool],
    steps: usize,
    dark: bool,
    lang: gradscape_text::Lang,
) -> Result<(), JsValue> {
    let fg = if dark { "#d8d8e0" } else { "#333340" };
    let grid_col = if dark {
        "rgba(255,255,255,0.12)"
    } else {
        "rgba(0,0,0,0.1)"
    };
    let visible: Vec<usize> = (0..runs.len())
        .filter(|&i| !hidden.get(i).copied().unwrap_or(false))
        .collect();
    let all = visible.iter().flat_map(|&i| runs[i].loss.iter().copied());
    let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
    for v in all {
        lo = lo.min(v);
        hi = hi.max(v);
    }
    let log = lo > 0.0;
    let tf = |v: f64| if log { v.log10() } else { v };
    let (mut ylo, mut yhi) = if lo.is_finite() {
        (tf(lo), tf(hi))
    } else {
        (0.0, 1.0)
    };
    if log {
        ylo = ylo.floor();
        yhi = yhi.ceil();
    }
    if yhi - ylo < 1e-12 {
        ylo -= 1.0;
        yhi += 1.0;
    }
    let (left, right, top, bottom) = LOSS_MARGINS;
    let pw_ = w - left - right;
    let ph_ = h - top - bottom;
    let n = steps.max(1) as f64;
    let x_of = |s: f64| left + s / n * pw_;
    let y_of = |v: f64| top + (yhi - tf(v).clamp(ylo, yhi)) / (yhi - ylo) * ph_;
    ctx.set_font("11px system-ui, sans-serif");
    ctx.set_line_width(1.0);
    ctx.set_stroke_style_str(grid_col);
    ctx.set_fill_style_str(fg);
    // y ticks: decades (thinned) on a log axis.
    let yt: Vec<f64> = if log {
        let span = (yhi - ylo) as usize;
        let every = (span / 5).max(1);
        (0..=span).step_by(every).map(|k| ylo + k as f64).collect()
    } else {
        ticks(ylo, yhi, 4)
    };
    for v in yt {
        let y = top + (yhi - v) / (yhi - ylo) * ph_;
        ctx.begin_path();
        ctx.move_to(left, y);
        ctx.line_to(w - right, y);
        ctx.stroke();
        let text = if log {
            format!("1e{}", v as i64)
        } else {
            tick_label(v)
        };
        ctx.fill_text(&text, 4.0, y + 4.0)?;
    }
    for v in ticks(0.0, n, ((pw_ / 80.0) as usize).max(2)) {
        let x = x_of(v);
        ctx.fill_text(&tick_label(v), x - 4.0, h - 6.0)?;
    }
    ctx.fill_text(
        gradscape_text::tr(lang, if log { "loss.log" } else { "loss.linear" }),
        left + 4.0,
        top + 10.0,
    )?;
    for &i in &visible {
        let run = &runs[i];
        ctx.begin_path();
        let mut prev = (f64::NAN, f64::NAN);
        let last = run.loss.len().saturating_sub(1);
        for (s, v) in run.loss.iter().enumerate() {
            let (x, y) = (x_of(s as f64), y_of(*v));
            if s == 0 {
                ctx.move_to(x, y);
            } else if (x - prev.0).abs() >= 0.5 || (y - prev.1).abs() >= 1.0 || s == last {
                ctx.line_to(x, y);
            } else {
                continue;
            }
            prev = (x, y);
        }
        ctx.set_stroke_style_str(palette(i));
        ctx.set_line_width(2.0);
        ctx.stroke();
        if let Some(Health::Diverged { .. }) = diags.get(i).map(|d| d.health) {
            let s = run.loss.len().saturating_sub(1);
            let Some(&v) = run.loss.get(s) else { continue };
            let (x, y) = (x_of(s as f64), y_of(v));
            ctx.begin_path();
            ctx.move_to(x - 6.0, y - 6.0);
            ctx.line_to(x + 6.0, y + 6.0);
            ctx.move_to(x + 6.0, y - 6.0);
            ctx.line_to(x - 6.0, y + 6.0);
            ctx.set_line_width(3.0);
            ctx.stroke();
        }
    }
    Ok(())
}
