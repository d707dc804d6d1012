//! Kept pictures of the trails, so a frame redraws only what moved.
//!
//! While playing: the surface with every trail drawn up to step `t`, so a
//! frame only adds the new steps' segments and dots, blits this, and draws
//! the current points on top (nothing is allocated and the surface is not
//! recomputed).
//!
//! Paused, during a drag, once one run alone has changed (a card's slider):
//! that run is the *front* run, and the frame is drawn as the surface with
//! the trails below it (one opaque picture), the front trail, then the
//! trails above it composited from one transparent picture. The drag keeps
//! both pictures and redraws only the front trail; a frame drawn afresh in
//! the same state draws the same pictures, so its pixels are the kept
//! frame's exactly. Compositing the trails above as one picture rounds
//! their antialiased edges differently from drawing them one by one (a
//! level or two of 255), so the frame once the drag rests is drawn directly
//! again (render.rs): at rest the picture is a fresh page's, pixel for pixel.

use super::trails::{draw_steps, draw_trail};
use super::{blit_tiles, context, tiles, Frame, Rect, SurfaceCache};
use crate::surface::mark;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// The kept picture of the trails up to step `t`.
pub struct TrailLayer {
    pub(super) canvas: HtmlCanvasElement,
    /// [`fingerprint`] of the runs and legend toggles drawn.
    pub(super) key: u64,
    t: usize,
    /// The step it showed before its last update when that added steps
    /// (or none) to it; None when it was drawn afresh.
    pub(super) from: Option<usize>,
    /// The tiles of the surface's labels (this layer lives in the
    /// surface's cache: read once per surface).
    pub(super) labels: Vec<Rect>,
}

/// FNV-1a over 64-bit words.
struct Fnv(u64);

impl Fnv {
    fn new() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
    fn mix(&mut self, v: u64) {
        self.0 = (self.0 ^ v).wrapping_mul(0x0000_0100_0000_01b3);
    }
}

/// A hash of run `i` as a trail shows it: every point and its hidden flag.
fn run_key(f: &Frame, i: usize) -> u64 {
    let mut h = Fnv::new();
    let run = &f.runs[i];
    h.mix(run.points.len() as u64);
    h.mix(u64::from(f.hidden.get(i).copied().unwrap_or(false)));
    for p in &run.points {
        h.mix(p[0].to_bits());
        h.mix(p[1].to_bits());
    }
    h.0
}

/// A hash of the line width, every point of every run (or the replay
/// number that stands for them) and the hidden flags: the layer is reused
/// only for exactly the same runs (a slider moved during playback replays
/// them).
fn fingerprint(f: &Frame) -> u64 {
    let mut h = Fnv::new();
    h.mix(f.style.line.to_bits());
    if f.replay != 0 {
        // The replay number stands for every point (70 000 of them in
        // 7 × 10 000 steps: hashing them was a tenth of a playing frame).
        h.mix(f.replay);
        h.mix(f.runs.len() as u64);
        for i in 0..f.runs.len() {
            h.mix(u64::from(f.hidden.get(i).copied().unwrap_or(false)));
        }
        return h.0;
    }
    for i in 0..f.runs.len() {
        h.mix(run_key(f, i));
    }
    h.0
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
        let old = slot.take();
        let labels = match &old {
            Some(l) => l.labels.clone(),
            None => tiles(&cache.labels)?,
        };
        let (canvas, ctx) = blank(old.map(|l| l.canvas), cache)?;
        ctx.draw_image_with_html_canvas_element(&cache.canvas, 0.0, 0.0)?;
        ctx.set_transform(f.geom.dpr, 0.0, 0.0, f.geom.dpr, 0.0, 0.0)?;
        for (i, run) in f.visible() {
            draw_trail(&ctx, &f.geom, &f.style, run, mark(i), f.t)?;
        }
        *slot = Some(TrailLayer {
            canvas,
            key,
            t: f.t,
            from: None,
            labels,
        });
    } else if let Some(layer) = slot.as_mut() {
        layer.from = Some(layer.t);
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

/// What a paused frame keeps between draws (one per plot canvas): the front
/// run, the runs' hashes at the last draw (to find the run that changed
/// alone), and the kept pictures below and above the front trail.
#[derive(Default)]
pub struct Kept {
    front: Option<usize>,
    keys: Vec<u64>,
    below: Option<HtmlCanvasElement>,
    above: Option<HtmlCanvasElement>,
    /// The tiles of `above` that hold a pixel (core's `opaque_tiles`):
    /// only those are composited, the same pixels (source-over of alpha 0
    /// changes nothing) for less of the canvas's work than a whole blend.
    above_tiles: Vec<Rect>,
    /// The same of the surface's axes' labels, read once per surface (the
    /// surface changes only through [`Kept::forget`]).
    labels: Option<Vec<Rect>>,
    /// Composite `above` whole (the exact frame a test compares with).
    pub whole: bool,
    /// [`Kept::key`] of the pictures held; `None`: draw them afresh.
    held: Option<u64>,
    /// Frames drawn from the held pictures (the page shows it as
    /// `data-kept` on the plot, for the tests).
    pub reused: u64,
    /// The last frame was drawn with a front run (not as a fresh page).
    pub grouped: bool,
    /// Nothing is drawn over the plot after it this frame (no L-BFGS trial
    /// points, no quiz markers): a playing frame may then be drawn only
    /// where it changed (draw/live.rs).
    pub plain: bool,
    /// What the canvas shows after the last playing frame drawn that way.
    pub(super) live: Option<super::live::Shown>,
    /// Playing frames drawn only where they changed.
    pub(super) partial: u64,
}

impl Kept {
    /// The front run of the last frame, if it was drawn with one (the
    /// loss chart groups its curves the same way).
    pub fn drawn_front(&self) -> Option<usize> {
        self.front.filter(|_| self.grouped)
    }

    /// Drop the pictures (the surface under them changed, or a test wants
    /// a frame drawn afresh); the front run stays, so the frame looks the same.
    pub fn forget(&mut self) {
        self.held = None;
        self.labels = None;
    }

    /// The labels' tiles to composite them by in this frame: during a
    /// drag's grouped frame only (None: composite them whole).
    pub fn label_tiles(&self) -> Option<&[Rect]> {
        self.labels
            .as_deref()
            .filter(|_| self.grouped && !self.whole)
    }

    /// The run that changed alone since the last draw becomes the front
    /// run; a different number of runs clears it.
    fn track(&mut self, f: &Frame) {
        let keys: Vec<u64> = (0..f.runs.len()).map(|i| run_key(f, i)).collect();
        if keys.len() != self.keys.len() {
            self.front = None;
        } else {
            let mut changed = keys
                .iter()
                .zip(&self.keys)
                .enumerate()
                .filter(|(_, (a, b))| a != b);
            if let (Some((i, _)), None) = (changed.next(), changed.next()) {
                self.front = Some(i);
            }
        }
        self.keys = keys;
    }

    /// A hash of everything the kept pictures show: the size, view, line
    /// width, step, front run and every other run.
    fn key(&self, f: &Frame, front: usize) -> u64 {
        let mut h = Fnv::new();
        let g = &f.geom;
        for v in [
            g.view.x0,
            g.view.x1,
            g.view.y0,
            g.view.y1,
            g.w,
            g.h,
            g.dpr,
            f.style.line,
        ] {
            h.mix(v.to_bits());
        }
        h.mix(f.t as u64);
        h.mix(front as u64);
        for (i, k) in self.keys.iter().enumerate() {
            if i != front {
                h.mix(*k);
            }
        }
        h.0
    }
}

/// Draw the surface and the trails of a paused frame onto `ctx` (device
/// pixels in, CSS-pixel transform out): directly when there is no front
/// run or no drag (`dragging` false), else from the kept pictures, drawn
/// afresh when what they show changed.
pub fn draw_paused(
    ctx: &CanvasRenderingContext2d,
    kept: &mut Kept,
    cache: &SurfaceCache,
    f: &Frame,
    dragging: bool,
) -> Result<(), JsValue> {
    kept.track(f);
    if !dragging {
        kept.front = None;
    }
    kept.grouped = kept.front.is_some();
    let dpr = f.geom.dpr;
    let Some(front) = kept.front else {
        ctx.draw_image_with_html_canvas_element(&cache.canvas, 0.0, 0.0)?;
        ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0)?;
        for (i, run) in f.visible() {
            draw_trail(ctx, &f.geom, &f.style, run, mark(i), f.t)?;
        }
        return Ok(());
    };
    let key = kept.key(f, front);
    if kept.held == Some(key) {
        kept.reused += 1;
    } else {
        let below: Vec<_> = f.visible().filter(|(i, _)| *i < front).collect();
        let above: Vec<_> = f.visible().filter(|(i, _)| *i > front).collect();
        kept.below = if below.is_empty() {
            None
        } else {
            let (canvas, lctx) = blank(kept.below.take(), cache)?;
            lctx.draw_image_with_html_canvas_element(&cache.canvas, 0.0, 0.0)?;
            lctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0)?;
            for (i, run) in below {
                draw_trail(&lctx, &f.geom, &f.style, run, mark(i), f.t)?;
            }
            Some(canvas)
        };
        kept.above = if above.is_empty() {
            None
        } else {
            let (canvas, lctx) = blank(kept.above.take(), cache)?;
            lctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0)?;
            for (i, run) in above {
                draw_trail(&lctx, &f.geom, &f.style, run, mark(i), f.t)?;
            }
            kept.above_tiles = tiles(&canvas)?;
            Some(canvas)
        };
        kept.held = Some(key);
    }
    if kept.labels.is_none() {
        kept.labels = Some(tiles(&cache.labels)?);
    }
    ctx.draw_image_with_html_canvas_element(
        kept.below.as_ref().unwrap_or(&cache.canvas),
        0.0,
        0.0,
    )?;
    ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0)?;
    let shown = f.visible().find(|(i, _)| *i == front);
    if let Some((i, run)) = shown {
        draw_trail(ctx, &f.geom, &f.style, run, mark(i), f.t)?;
    }
    if let Some(above) = &kept.above {
        ctx.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0)?;
        if kept.whole {
            ctx.draw_image_with_html_canvas_element(above, 0.0, 0.0)?;
        } else {
            blit_tiles(ctx, above, &kept.above_tiles)?;
        }
        ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0)?;
    }
    Ok(())
}

/// A transparent canvas of the surface's size (`old` reused when given;
/// setting its size clears it) and its context.
fn blank(
    old: Option<HtmlCanvasElement>,
    cache: &SurfaceCache,
) -> Result<(HtmlCanvasElement, CanvasRenderingContext2d), JsValue> {
    let canvas = match old {
        Some(c) => c,
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
    Ok((canvas, ctx))
}
