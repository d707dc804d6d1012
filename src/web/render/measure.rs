//! The canvas's geometry, measured: an embedded figure's frame (wide,
//! short), presenting's room under the time bar, legend and messages, a
//! phone's or a window's fit; the canvas's top where the flow puts it.

use crate::web::draw::Geom;
use crate::web::{sizes, App};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// An embedded figure's frame under this many CSS pixels tall is short:
/// its bar, legend and caption are packed so the plot keeps most of it.
const SHORT_FRAME: f64 = 360.0;

/// Whether a frame `inner_h` tall is short: under [`SHORT_FRAME`], or
/// under 420 px where the legend cannot stand beside the plot (`wide`):
/// the default 640×440 embed shrunk to a 540 px column (540×371) kept a
/// plot of 134 px, 36 % of it, against 65 % in a frame 10 px lower.
fn short_frame(inner_h: f64, wide: bool) -> bool {
    inner_h < SHORT_FRAME || (!wide && inner_h < 420.0)
}

/// The geometry the canvas box has now.
pub(super) fn measure(app: &App) -> Result<Geom, JsValue> {
    let view = app.scene.view();
    let dpr = app.window.device_pixel_ratio().clamp(0.5, 4.0);
    if app.embed.is_some() || app.present {
        // These fit the canvas to other boxes, which any rebuild can
        // change: read everything now.
        sizes::forget();
    }
    // Kept sizes: no forced layout after the DOM changed (web/sizes.rs).
    let (inner_w, inner_h) = sizes::window_size(&app.window)?;
    // A short window clamps the caption too (www/style.css: under 500 px
    // tall and over 600 wide).
    if app.present || (inner_h <= 500.0 && inner_w > 600.0) {
        mark_clamped(&app.doc)?;
    }
    let narrow = inner_w < 900.0;
    // An embedded figure in a wide frame has legend, messages and loss
    // chart in a column beside it (CSS, body[data-wide]); set before the
    // canvas's width is read.
    let wide = app.embed.is_some() && inner_w >= 560.0 && inner_w >= 1.25 * inner_h;
    if let (Some(body), Some(_)) = (app.doc.body(), &app.embed) {
        body.toggle_attribute_with_force("data-wide", wide)?;
        // A short frame packs its bar, legend and caption (www/style.css).
        body.toggle_attribute_with_force("data-short", short_frame(inner_h, wide))?;
    }
    let w = sizes::client_size(&app.plot).0.max(100.0);
    if app.embed.is_some() {
        // It fills its frame: the canvas takes the height the caption and
        // the bar leave (wide), or what everything under it leaves.
        let plot_h = app.plot.client_height() as f64;
        let others = if wide {
            // The caption above, the bar (across the frame) below.
            let bar = app
                .doc
                .get_element_by_id("timebar")
                .map(|b| b.get_bounding_client_rect().height())
                .unwrap_or(44.0);
            app.plot.get_bounding_client_rect().top() + bar + 4.0
        } else {
            app.doc
                .get_element_by_id("stage")
                .map(|e| e.scroll_height() as f64 - plot_h)
                .unwrap_or(60.0)
        };
        // Whole CSS pixels: the canvas's box then equals its client size,
        // which is what a click is mapped through.
        // A short frame's plot may be smaller before the frame scrolls.
        let least = if short_frame(inner_h, wide) {
            60.0
        } else {
            80.0
        };
        let h = (inner_h - others - 8.0).clamp(least, 4000.0).round();
        return Ok(Geom { view, w, h, dpr });
    }
    let h = if app.present && !narrow {
        // Presenting: the figure as large as the screen allows — from the
        // canvas's top to the window's bottom, less the time bar, the
        // legend and the runs' messages under it (lesson 14's caption
        // sends the class to one, which stood 4 px into the screen); the
        // loss chart may go below the fold.
        let top = plot_top(app)?;
        let below = ["timebar", "legend", "messages", "quiz"]
            .iter()
            .filter_map(|id| app.doc.get_element_by_id(id))
            .map(|e| e.get_bounding_client_rect().height())
            .sum::<f64>();
        let room = (inner_h - top - below - 24.0).max(220.0);
        gradscape_core::geometry::figure_height(&view, w, room)
    } else {
        use gradscape_core::geometry::{fit_height, Screen};
        // The phone breakpoint of www/style.css (its sticky figure).
        let top = plot_top(app)?;
        // Two rows on a touch screen (its 44 px targets wrap the bar).
        let bar = app
            .doc
            .get_element_by_id("timebar")
            .map_or(f64::NAN, |b| sizes::client_size(&b).1);
        let screen = match inner_w {
            // A tablet held upright too (www/style.css: the phone's
            // column, its figure kept in view).
            x if x <= 600.0 || (x < 900.0 && inner_h >= 600.0) => Screen::Phone,
            x if x < 900.0 => Screen::Narrow { top, bar },
            _ => Screen::Wide { top, bar },
        };
        fit_height(&view, w, inner_h, screen)
    }
    .round();
    Ok(Geom { view, w, h, dpr })
}

/// Presenting, a lesson's caption shows its first four lines (two in a
/// short window; www/style.css): its Show all button (`data-clamped`) only
/// when that cut something, and while it is open. Read before the figure's
/// height, which it changes.
fn mark_clamped(doc: &web_sys::Document) -> Result<(), JsValue> {
    let (Some(cap), Some(text)) = (
        doc.get_element_by_id("lesson-caption"),
        doc.get_element_by_id("lesson-text"),
    ) else {
        return Ok(());
    };
    let open = cap.class_list().contains("open");
    // Measured without the button's room (the last lesson's), which
    // narrows the text: a caption of exactly four lines got a fifth.
    cap.remove_attribute("data-clamped")?;
    let cut = text.scroll_height() > text.client_height() + 1;
    cap.toggle_attribute_with_force("data-clamped", open || cut)?;
    Ok(())
}

/// The canvas's top in the page, where the flow puts it: a lesson panel
/// beside the canvas keeps the figure at the window's top while the page
/// scrolls (position: sticky, www/style.css), and its box's top is then
/// the window's, not where the canvas stands in the page (the fit read it
/// so and shrank the canvas at every scrolled render). Stuck, it is read
/// once unstuck.
fn plot_top(app: &App) -> Result<f64, JsValue> {
    let above = || {
        // The quiz too: a phone on its side asks it above the figure.
        let ids = ["notice", "lesson-caption", "quiz"];
        let doc = &app.doc;
        let header = doc.query_selector("header.top").ok().flatten();
        header
            .into_iter()
            .chain(ids.iter().filter_map(|id| doc.get_element_by_id(id)))
            .collect()
    };
    sizes::page_top(above, || read_plot_top(app))
}

fn read_plot_top(app: &App) -> Result<f64, JsValue> {
    let scroll = app.window.scroll_y()?;
    let top = app.plot.get_bounding_client_rect().top() + scroll;
    let Some(figure) = app.doc.get_element_by_id("figure") else {
        return Ok(top);
    };
    let stuck = scroll > 0.0 && figure.get_bounding_client_rect().top().abs() < 1.0;
    let Some(figure) = figure.dyn_ref::<web_sys::HtmlElement>().filter(|_| stuck) else {
        return Ok(top);
    };
    let style = figure.style();
    style.set_property("position", "static")?;
    let flow = app.plot.get_bounding_client_rect().top() + scroll;
    style.remove_property("position")?;
    Ok(flow)
}
