//! A decay label's picture, font, margins and measured width.

use crate::web::draw::Style;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// A decay label drawn (white on a dark halo): the text, its font, the
/// scale and the line width (bits), and the picture.
type Sprite = (String, String, u64, u64, HtmlCanvasElement);

thread_local! {
    /// The decay labels drawn so far (a few: two texts per language).
    static SPRITES: RefCell<Vec<Sprite>> = const { RefCell::new(Vec::new()) };
}

/// The picture of the decay label `text` (`tw` CSS px wide in the labels'
/// font) at `dpr`, with its margin and half its height (CSS px): drawn once.
pub(super) fn label_sprite(
    ctx: &CanvasRenderingContext2d,
    st: &Style,
    dpr: f64,
    text: &str,
    tw: f64,
) -> Result<(HtmlCanvasElement, f64, f64), JsValue> {
    let font = label_font(st);
    let (pad, half) = label_margins(st);
    let key = (dpr.to_bits(), st.line.to_bits());
    let found = SPRITES.with(|s| {
        s.borrow()
            .iter()
            .find(|e| e.0 == text && e.1 == font && (e.2, e.3) == key)
            .map(|e| e.4.clone())
    });
    if let Some(c) = found {
        return Ok((c, pad, half));
    }
    let doc = ctx
        .canvas()
        .and_then(|c| c.owner_document())
        .ok_or("no document")?;
    let c: HtmlCanvasElement = doc.create_element("canvas")?.dyn_into()?;
    c.set_width(((tw + 2.0 * pad) * dpr).ceil().max(1.0) as u32);
    c.set_height((2.0 * half * dpr).ceil().max(1.0) as u32);
    let lctx = crate::web::draw::context(&c)?;
    lctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0)?;
    crate::web::draw::set_font(&lctx, &font);
    lctx.set_text_align("left");
    lctx.set_text_baseline("middle");
    lctx.set_line_width(st.px(3.0));
    // Round joins: mitred, the halo had spikes at W, v̂ and t.
    lctx.set_line_join("round");
    lctx.set_stroke_style_str("rgba(0,0,0,0.8)");
    lctx.stroke_text(text, pad, half)?;
    lctx.set_fill_style_str("#ffffff");
    lctx.fill_text(text, pad, half)?;
    SPRITES.with(|s| {
        let mut s = s.borrow_mut();
        if s.len() >= 8 {
            s.remove(0);
        }
        s.push((text.to_string(), font, key.0, key.1, c.clone()));
    });
    Ok((c, pad, half))
}

thread_local! {
    /// Widths measured: (font, text) → CSS px. `measureText` resolves the
    /// font like a font set (a style recalculation after any DOM change),
    /// at every frame of a drag with the state panel open; the page's
    /// canvas fonts are the system's, so a width never changes.
    static WIDTHS: std::cell::RefCell<Vec<(String, String, f64)>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// The width of `text` in `font` (the context's), measured once per font.
pub(super) fn text_width(
    ctx: &CanvasRenderingContext2d,
    font: &str,
    text: &str,
) -> Result<f64, JsValue> {
    if let Some(w) = WIDTHS.with(|c| {
        c.borrow()
            .iter()
            .find(|(f, t, _)| *f == font && t == text)
            .map(|e| e.2)
    }) {
        return Ok(w);
    }
    let w = ctx.measure_text(text)?.width();
    WIDTHS.with(|c| {
        let mut c = c.borrow_mut();
        if c.len() >= 32 {
            c.remove(0);
        }
        c.push((font.to_string(), text.to_string(), w));
    });
    Ok(w)
}

/// A decay label's margin around its text and half its height (CSS px).
pub(super) fn label_margins(st: &Style) -> (f64, f64) {
    let pad = st.px(3.0) + 2.0;
    (pad, st.text_px * 0.75 + pad)
}

/// The decay labels' font.
pub(super) fn label_font(st: &Style) -> String {
    format!("{}px system-ui, sans-serif", st.text_px)
}
