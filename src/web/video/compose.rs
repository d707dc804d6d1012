//! An exported picture (the PNG, each frame of an animation): a band with
//! the caption, the title and the step; the plot drawn by the page's own
//! code ([`draw_plot`] over a [`render_surface`] at the export's size); and
//! the legend strip under it. Where each part goes is
//! [`crate::export::plan::layout`]'s call.

use crate::diagnose::Diagnosis;
use crate::export::plan::{layout, widen, Entry, Layout};
use crate::landscape::Landscape;
use crate::run::Trajectory;
use crate::surface::mark;
use crate::web::draw::{
    context, draw_plot, draw_swatch, overlay::Overlay, render_surface, Frame, Geom, Style,
    SurfaceCache,
};
use crate::web::state::iso::{fine_lines, shown_l2};
use crate::{Vec2, View};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, Document, HtmlCanvasElement};

/// What the picture shows, as the page has it.
pub struct Still<'a> {
    /// Every run.
    pub runs: &'a [Trajectory],
    /// Their diagnoses.
    pub diags: &'a [Diagnosis],
    /// Runs hidden in the legend (not drawn, not listed).
    pub hidden: &'a [bool],
    /// The surface.
    pub landscape: &'a Landscape,
    /// The start ring.
    pub start: Vec2,
    /// The page's window of the plane and its size in CSS pixels.
    pub view: View,
    /// The page's plot size (CSS pixels).
    pub page: (f64, f64),
}

/// The words above the plot.
pub struct Words {
    /// The figure's titles, longest first (the SVG's): the first that fits
    /// beside the step is drawn, none if none fits.
    pub titles: [String; 2],
    /// An author's caption, empty for none.
    pub caption: String,
}

/// A picture of a fixed size, redrawn at any step.
pub struct Composer {
    /// The picture, `w·dpr`×`h·dpr` device pixels.
    pub canvas: HtmlCanvasElement,
    plot: HtmlCanvasElement,
    cache: SurfaceCache,
    layout: Layout,
    geom: Geom,
    style: Style,
    size: (f64, f64),
    dpr: f64,
    /// The dashed L2 isolines, as the page draws them (an Adam+L2 run shown).
    l2: Option<Rc<Vec<Vec<Vec2>>>>,
}

/// The swatch's length before an entry's words, and the gap after it.
fn swatch_len(st: &Style) -> (f64, f64) {
    (st.text_px * 2.0, st.text_px * 0.5)
}

fn font(st: &Style, bold: bool) -> String {
    format!(
        "{}{}px system-ui, sans-serif",
        if bold { "600 " } else { "" },
        st.text_px
    )
}

/// The width each legend entry takes, the widest it is over `frames` (the
/// entries' words at each step), so the layout holds still while it plays.
pub fn widths(doc: &Document, st: &Style, frames: &[Vec<Entry>]) -> Result<Vec<f64>, JsValue> {
    let scratch: HtmlCanvasElement = doc.create_element("canvas")?.dyn_into()?;
    let ctx = context(&scratch)?;
    ctx.set_font(&font(st, false));
    let (sw, gap) = swatch_len(st);
    let n = frames.first().map_or(0, |f| f.len());
    let mut out = vec![0.0f64; n];
    for f in frames {
        for (k, e) in f.iter().enumerate().take(n) {
            let w = ctx.measure_text(&e.text())?.width();
            out[k] = out[k].max(sw + gap + w);
        }
    }
    Ok(out)
}

impl Composer {
    /// A `size` (CSS pixels) picture at `dpr` device pixels per pixel of
    /// `still`, with legend entries `widths` wide and a caption or not.
    pub fn new(
        doc: &Document,
        still: &Still,
        size: (f64, f64),
        dpr: f64,
        style: Style,
        caption: bool,
        widths: &[f64],
    ) -> Result<Composer, JsValue> {
        let layout = layout(size.0, size.1, style.text_px, caption, widths);
        let (_, _, pw, ph) = layout.plot;
        let geom = Geom {
            view: widen(still.view, still.page, (pw, ph)),
            w: pw,
            h: ph,
            dpr,
        };
        let canvas: HtmlCanvasElement = doc.create_element("canvas")?.dyn_into()?;
        canvas.set_width((size.0 * dpr).round().max(1.0) as u32);
        canvas.set_height((size.1 * dpr).round().max(1.0) as u32);
        let plot: HtmlCanvasElement = doc.create_element("canvas")?.dyn_into()?;
        let cache = render_surface(doc, still.landscape, &geom, &style, false)?;
        // Lesson 9's picture: the caption points at these lines' centre.
        let specs: Vec<_> = still.runs.iter().map(|r| r.spec).collect();
        let l2 =
            shown_l2(&specs, still.hidden).map(|lambda| fine_lines(still.landscape, lambda, &geom));
        Ok(Composer {
            canvas,
            plot,
            cache,
            layout,
            geom,
            style,
            size,
            dpr,
            l2,
        })
    }

    /// Draw step `t` with these legend entries and, at the title's right,
    /// `corner` (the step counter).
    pub fn draw(
        &self,
        still: &Still,
        words: &Words,
        t: usize,
        entries: &[Entry],
        corner: &str,
    ) -> Result<(), JsValue> {
        let frame = Frame {
            geom: self.geom,
            runs: still.runs,
            diags: still.diags,
            hidden: still.hidden,
            t,
            start: still.start,
            live: false,
            style: self.style,
            replay: 0,
        };
        let overlay = self.l2.clone().map(|l| Overlay {
            l2: Some(l),
            ..Overlay::default()
        });
        draw_plot(&self.plot, &self.cache, &frame, overlay.as_ref())?;
        let ctx = context(&self.canvas)?;
        let (w, h) = self.size;
        ctx.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0)?;
        ctx.set_fill_style_str("#ffffff");
        ctx.fill_rect(0.0, 0.0, w * self.dpr, h * self.dpr);
        let (_, py, _, _) = self.layout.plot;
        ctx.draw_image_with_html_canvas_element(&self.plot, 0.0, (py * self.dpr).round())?;
        ctx.set_transform(self.dpr, 0.0, 0.0, self.dpr, 0.0, 0.0)?;
        self.band(&ctx, words, corner)?;
        self.legend(&ctx, entries)
    }

    fn band(
        &self,
        ctx: &CanvasRenderingContext2d,
        words: &Words,
        corner: &str,
    ) -> Result<(), JsValue> {
        let st = &self.style;
        let line = self.layout.line;
        let pad = st.text_px * 0.8;
        let w = self.size.0;
        ctx.set_text_baseline("middle");
        ctx.set_fill_style_str("#111111");
        let mut y = line * 0.6;
        if !words.caption.is_empty() {
            ctx.set_font(&format!(
                "600 {}px system-ui, sans-serif",
                (st.text_px * 1.2).round()
            ));
            ctx.set_text_align("left");
            ctx.fill_text_with_max_width(&words.caption, pad, y, (w - 2.0 * pad).max(10.0))?;
            y += line;
        }
        ctx.set_font(&font(st, false));
        ctx.set_text_align("right");
        let cw = ctx.measure_text(corner)?.width();
        ctx.fill_text(corner, w - pad, y)?;
        ctx.set_text_align("left");
        let room = w - 3.0 * pad - cw;
        for t in &words.titles {
            if ctx.measure_text(t)?.width() <= room {
                return ctx.fill_text(t, pad, y);
            }
        }
        Ok(())
    }

    fn legend(&self, ctx: &CanvasRenderingContext2d, entries: &[Entry]) -> Result<(), JsValue> {
        let st = &self.style;
        let (sw, gap) = swatch_len(st);
        let half = self.layout.line / 2.0;
        ctx.set_font(&font(st, false));
        ctx.set_text_align("left");
        ctx.set_text_baseline("middle");
        for (&(x, y), e) in self.layout.entries.iter().zip(entries) {
            draw_swatch(ctx, st, mark(e.run), (x, y + half), sw);
            // An entry named only (a legend short of room) has no dash.
            let head = if e.status.is_empty() {
                e.label.clone()
            } else {
                format!("{}{}", e.label, Entry::SEP)
            };
            ctx.set_fill_style_str("#111111");
            ctx.fill_text(&head, x + sw + gap, y + half)?;
            // A run gone wrong says so in the page legend's error red.
            let at = x + sw + gap + ctx.measure_text(&head)?.width();
            ctx.set_fill_style_str(if e.wrong { "#b3261e" } else { "#111111" });
            ctx.fill_text(&e.status, at, y + half)?;
        }
        Ok(())
    }
}
