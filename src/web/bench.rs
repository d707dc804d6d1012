//! Entry points of the browser benchmark (`www/bench/`, `make bench`): each
//! does one piece of the page's work so that the bench page can time it
//! from JS. They keep their buffers between calls, like the page does.
//! [`bench_page_surface`] calls the page's own surface renderer, so the
//! "page path" figure follows whatever the page does; the `Raster` ones time
//! the core kernel that `cargo bench` times natively.

use super::draw::{render_surface, Geom, Style};
use crate::geometry::Viewport;
use crate::landscape::Landscape;
use crate::picture::{coarse_size, Ink, Picture};
use crate::surface::Raster;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::Clamped;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, ImageData};

thread_local! {
    static RASTER: RefCell<Raster> = RefCell::new(Raster::default());
    /// The surface of the last [`bench_sample`], for [`bench_colour`].
    static SAMPLED: RefCell<Landscape> = RefCell::new(Landscape::default());
    static PICTURE: RefCell<Picture> = RefCell::new(Picture::default());
}

/// A surface kind, `bowl`, or `f:` and a formula.
fn surface(kind: &str) -> Result<Landscape, JsValue> {
    if let Some(src) = kind.strip_prefix("f:") {
        return crate::landscape::Expr::parse(src)
            .map(Landscape::Expr)
            .map_err(|_| JsValue::from_str("bad formula"));
    }
    match kind {
        "bowl" => Ok(Landscape::default()),
        _ => Landscape::from_kind(kind).ok_or_else(|| JsValue::from_str("unknown surface")),
    }
}

/// The heatmap of a surface's default view at w × h samples (value → log
/// scale → colormap → RGBA) into a kept buffer; returns pixel 0 as RGBA.
#[wasm_bindgen]
pub fn bench_raster(kind: &str, w: u32, h: u32) -> Result<u32, JsValue> {
    let l = surface(kind)?;
    RASTER.with(|r| {
        let mut r = r.borrow_mut();
        let px = r.render(&l, l.default_view(), w as usize, h as usize);
        Ok(u32::from_le_bytes([px[0], px[1], px[2], px[3]]))
    })
}

/// The picture [`bench_page_surface`] puts on its canvas (heatmap,
/// isolines and minima inked in: `picture::Picture`, the page's line
/// widths at DPR 1) without the canvas: what `cargo bench`'s `picture`
/// group times natively. Returns pixel 0 as RGBA.
#[wasm_bindgen]
pub fn bench_picture(kind: &str, w: u32, h: u32) -> Result<u32, JsValue> {
    let l = surface(kind)?;
    let (w, h) = (w.max(2), h.max(2));
    let vp = Viewport::new(l.default_view(), f64::from(w), f64::from(h));
    let style = Style::of(false, vp.w);
    PICTURE.with(|p| {
        let mut p = p.borrow_mut();
        p.sample(&l, &vp, (w as usize, h as usize), coarse_size(&vp, false));
        let ink = Ink::page(style.line, style.present, 1.0);
        let px = p.colour(&l, &vp, 1.0, Some(ink));
        Ok(u32::from_le_bytes([px[0], px[1], px[2], px[3]]))
    })
}

/// The first pass of [`bench_raster`]: the samples' range (and a
/// formula's samples).
#[wasm_bindgen]
pub fn bench_sample(kind: &str, w: u32, h: u32) -> Result<(), JsValue> {
    let l = surface(kind)?;
    RASTER.with(|r| {
        r.borrow_mut()
            .sample(&l, l.default_view(), w as usize, h as usize)
    });
    SAMPLED.with(|s| *s.borrow_mut() = l);
    Ok(())
}

/// The second pass of [`bench_raster`]: row by row, samples → log scale →
/// colormap → RGBA, for the last [`bench_sample`].
#[wasm_bindgen]
pub fn bench_colour() -> u32 {
    SAMPLED.with(|s| {
        RASTER.with(|r| {
            let mut r = r.borrow_mut();
            let px = r.colour(&s.borrow());
            u32::from_le_bytes([px[0], px[1], px[2], px[3]])
        })
    })
}

/// A copy of the last heatmap's pixels (to check them against JS).
#[wasm_bindgen]
pub fn bench_raster_rgba() -> Vec<u8> {
    RASTER.with(|r| r.borrow().rgba.clone())
}

/// Put the last heatmap on a canvas: an ImageData over a view of wasm
/// memory, then `putImageData`.
#[wasm_bindgen]
#[allow(clippy::needless_pass_by_value)] // by value: see `mount`
pub fn bench_put(ctx: CanvasRenderingContext2d) -> Result<(), JsValue> {
    RASTER.with(|r| {
        let r = r.borrow();
        let img = ImageData::new_with_u8_clamped_array_and_sh(
            Clamped(&r.rgba[..]),
            r.w as u32,
            r.h as u32,
        )?;
        ctx.put_image_data(&img, 0.0, 0.0)
    })
}

/// The page's 256-entry colormap as RGBA bytes (the JS baselines use the
/// same table, so their pixels can be compared with the wasm's).
#[wasm_bindgen]
pub fn bench_lut() -> Vec<u8> {
    crate::surface::colormap_lut_rgba().concat()
}

/// The heatmap of [`bench_raster`] the plain way: f at every sample centre
/// through `Landscape::value`, one at a time, then each colour through the
/// scale's own logarithm (`LogScale::index`, libm). The browser test
/// compares [`bench_raster_rgba`] with it byte for byte, so the fast
/// path's SIMD lanes and table of steps are checked in the real build.
#[wasm_bindgen]
pub fn bench_raster_exact_rgba(kind: &str, w: u32, h: u32) -> Result<Vec<u8>, JsValue> {
    use crate::surface::{colormap_lut_rgba, Grid, LogScale};
    let l = surface(kind)?;
    let (w, h) = ((w as usize).max(2), (h as usize).max(2));
    let mut grid = Grid {
        w,
        h,
        view: l.default_view(),
        values: Vec::with_capacity(w * h),
    };
    for j in 0..h {
        for i in 0..w {
            let v = l.value(grid.pos(i as f64, j as f64));
            grid.values.push(v);
        }
    }
    let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
    for &v in grid.values.iter().filter(|v| v.is_finite()) {
        lo = lo.min(v);
        hi = hi.max(v);
    }
    if hi < lo {
        (lo, hi) = (0.0, 0.0);
    }
    // Where f is undefined (NaN): grey; ±∞: as hi.
    let undefined: Vec<bool> = grid.values.iter().map(|v| v.is_nan()).collect();
    for v in &mut grid.values {
        if !v.is_finite() {
            *v = hi;
        }
    }
    let (scale, lut) = (LogScale::new(lo, hi), colormap_lut_rgba());
    Ok(grid
        .values
        .iter()
        .zip(&undefined)
        .flat_map(|(&v, &u)| {
            if u {
                crate::surface::UNDEFINED_RGBA
            } else {
                lut[scale.index(v) as usize]
            }
        })
        .collect())
}

/// The page path of a surface picture: the page's own `render_surface` (the
/// function a surface change calls) for a surface's default view on a
/// canvas of w × h device pixels at devicePixelRatio 1, in the page's
/// normal style. Returns the picture's canvas: a 1-pixel read of it makes
/// the caller's timing include the canvas work.
#[wasm_bindgen]
pub fn bench_page_surface(kind: &str, w: u32, h: u32) -> Result<HtmlCanvasElement, JsValue> {
    let l = surface(kind)?;
    let doc = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let geom = Geom {
        view: l.default_view(),
        w: f64::from(w.max(2)),
        h: f64::from(h.max(2)),
        dpr: 1.0,
    };
    let style = Style::of(false, geom.w);
    Ok(render_surface(&doc, &l, &geom, &style, false)?
        .picture()
        .clone())
}
