//! The render step: a [`Dirty`] set → DOM and canvas updates, the link
//! written once at the end, and the two timers an update may ask for.

use super::dom::set_attr;
use super::draw::{draw_loss, draw_plot_kept, render_surface, Curves, Frame, Geom, Kept, Style};
use super::{
    card_sync, controls, cycled, dispatch, explain, fields, link, panel, place, schedule, sizes,
    start, state, summary, App,
};
use crate::app::{Dirty, Msg};
use crate::optim::HyperKey;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, Window};

/// The requestAnimationFrame callback, kept alive for the page's lifetime.
type FrameCallback = Closure<dyn FnMut(f64)>;

thread_local! {
    static RAF: RefCell<Option<FrameCallback>> = const { RefCell::new(None) };
    /// The plot's kept trail pictures (see draw/layers.rs).
    static KEPT: RefCell<Kept> = RefCell::new(Kept::default());
    /// The messages' height when last rebuilt while presenting.
    static MESSAGES_HEIGHT: std::cell::Cell<f64> = const { std::cell::Cell::new(f64::NAN) };
}

/// Bring the parts in `d` up to date.
pub fn render(app: &mut App, d: Dirty) -> Result<(), JsValue> {
    // These change the boxes over the plot: its top is read afresh (not
    // LESSON alone: every change of the scene sets it, for the undo
    // buttons and "modified", whose line the observer watches).
    let over = [
        Dirty::WORDS,
        Dirty::LESSON_PANELS,
        Dirty::PRESENT,
        Dirty::NOTICES,
    ];
    if over.iter().any(|&o| d.has(o)) {
        sizes::forget_top();
    }
    if d.has(Dirty::WORDS) {
        // What the polite region last said was in the other language (a
        // refusal the switch dropped with its mark): gone, not said again.
        super::dom::say(&app.doc, "");
        controls::words(app)?;
    }
    if d.has(Dirty::LESSON_PANELS) {
        state::open_for_lesson(app)?;
    }
    if d.has(Dirty::LESSON) {
        controls::sync_lesson(app)?;
    }
    if d.has(Dirty::LESSON) || d.has(Dirty::LESSON_PANELS) || d.has(Dirty::PRESENT) {
        place::place(app)?;
    }
    if d.has(Dirty::PRESENT) {
        place::present(app)?;
        // Its class resizes the page's boxes (the charts' canvases taller
        // or back): what is kept of their sizes is stale for the charts
        // drawn below.
        sizes::forget();
    }
    if d.has(Dirty::LESSON_PANELS) {
        explain::lesson_loaded(app)?;
    }
    let cards = app.root("optimizers")?;
    if d.has(Dirty::CARDS) || d.has(Dirty::REVERT) {
        card_sync::forget(None);
    }
    if d.has(Dirty::CARDS) {
        panel::build_cards(
            &app.doc,
            &cards,
            &app.scene.optimizers,
            app.scene.convention,
            app.lang,
        )?;
    } else if d.has(Dirty::CARD_VALUES) {
        // The control being typed in or dragged keeps its own text.
        let focused = app.doc.active_element();
        let held = focused.as_ref().and_then(card_sync::card_of);
        let (conv, lang) = (app.scene.convention, app.lang);
        for (i, spec) in app.scene.optimizers.iter().enumerate() {
            if held != Some(i) && card_sync::current(i, spec, conv, lang) {
                continue;
            }
            // After the rows: a cycled momentum's readout is its range
            // (rebuilt cards are marked by `schedule::sync` below).
            if let Some(sec) = panel::sync_card(&cards, i, spec, conv, focused.as_ref(), lang)? {
                cycled::mark(&sec, spec, lang)?;
            }
            if held != Some(i) {
                card_sync::record(i, spec, conv, lang);
            }
        }
    }
    if d.has(Dirty::CARDS) || d.has(Dirty::SCHEDULE) {
        schedule::sync(app)?;
    }
    if d.has(Dirty::GLOBALS) {
        controls::sync_globals(app)?;
    }
    if d.has(Dirty::GLOBALS) || d.has(Dirty::LEGEND) {
        start::sync_fields(app)?;
    }
    if d.has(Dirty::REVERT) {
        fields::revert(app)?;
    }
    // Refused values: beside their field; the line below the surface
    // panel keeps only what no field shown is to blame for.
    let marks = [
        Dirty::CARDS,
        Dirty::CARD_VALUES,
        Dirty::CARD_ERROR,
        Dirty::GLOBALS,
    ];
    if d.has(Dirty::ERROR) || marks.iter().any(|&m| d.has(m)) {
        fields::show(app)?;
    }
    if d.has(Dirty::ERROR) {
        let text = app
            .error
            .as_ref()
            .filter(|e| {
                e.field()
                    .and_then(|f| fields::input_of(&app.doc, f))
                    .is_none()
            })
            .map(|e| controls::error_text(e, &app.scene.landscape, app.lang));
        app.root("global-error")?.set_text_content(text.as_deref());
    }
    if d.has(Dirty::FORMULA) {
        app.root("formula")?
            .set_text_content(Some(&app.scene.landscape.formula()));
        controls::show_expr_error(app)?;
        controls::surface_options(app)?;
    }
    let mut refit = false;
    if d.has(Dirty::LEGEND) {
        // While the figure moves the messages are rebuilt at every step:
        // quiet until it rests (the summary then says how each run fares).
        if app.playing || app.interacting {
            app.root("messages")?.set_attribute("aria-live", "off")?;
        }
        panel::build_legend(
            &app.doc,
            &app.root("legend")?,
            &app.runs,
            &app.diags,
            &app.hidden,
            app.t,
            app.lang,
        )?;
        let messages = app.root("messages")?;
        let rebuilt = panel::build_messages(
            &app.doc,
            &messages,
            &app.runs,
            &app.diags,
            app.lang,
            [HyperKey::Lr, HyperKey::Lambda].map(|k| !app.hyper_fixed(k)),
        )?;
        if rebuilt {
            super::timebar::sync_why(app, messages.child_element_count())?;
        }
        // Whether a hint's smaller η is still to come (for tests and
        // scripts that read the messages); busy meanwhile, so a screen
        // reader says each message once, with its sentence, not twice.
        if app.calmer_waits() {
            set_attr(&messages, "data-calmer", "pending")?;
            set_attr(&messages, "aria-busy", "true")?;
        } else {
            set_attr(&messages, "data-calmer", "done")?;
            messages.remove_attribute("aria-busy")?;
        }
        // Presenting, the figure takes the height the messages leave: one
        // that grew (a hint's "Use η" button, after the paint) pushed its
        // last line off a 1366×768 screen. Read only when they were
        // rebuilt (not at every playing frame).
        if rebuilt && app.present {
            let h = messages.get_bounding_client_rect().height();
            refit = MESSAGES_HEIGHT.with(|m| m.replace(h)) != h;
        }
    }
    if d.has(Dirty::TIME) {
        super::timebar::sync_time(app)?;
        // The legend says the shown step's values: only changed words written.
        if !d.has(Dirty::LEGEND) {
            super::legend::sync_status(
                &app.root("legend")?,
                &app.runs,
                &app.diags,
                app.t,
                app.lang,
            )?;
        }
    }
    if d.has(Dirty::QUIZ) || d.has(Dirty::LEGEND) || d.has(Dirty::WORDS) {
        super::quiz::sync(app)?;
        super::quiz_share::sync(app)?;
    }
    // The η(t) charts and the legend's η_t follow the cursor and the runs.
    if d.has(Dirty::PLOT) || d.has(Dirty::SCHEDULE) || d.has(Dirty::CARDS) {
        schedule::draw_charts(app)?;
    }
    if d.has(Dirty::LEGEND) || d.has(Dirty::PLOT) {
        schedule::sync_legend(app)?;
    }
    if d.has(Dirty::PLOT) {
        draw(app)?;
        summary::schedule(app)?;
    } else if d.has(Dirty::SETTLED) {
        // The drag drew everything in full already: no second draw, unless
        // its frames were coarse or composited from kept trail pictures
        // (draw/layers.rs: a rounding step off a fresh page's pixels).
        let coarse = app.cache.as_ref().is_some_and(|c| c.is_low()) || app.inspector.coarse();
        if refit || coarse || KEPT.with(|k| k.borrow().grouped) {
            draw(app)?;
        }
        summary::schedule(app)?;
    } else if refit {
        draw(app)?;
    }
    if d.has(Dirty::EXPLAIN) {
        explain::scene_changed(app)?;
    }
    if d.has(Dirty::MAP_NOTE) && app.map_full {
        app.root("sweep-map-note")?
            .set_text_content(Some(gradscape_text::tr(app.lang, "explain.map.full")));
    }
    // The panels' charts are drawn again in the other palette too.
    if d.has(Dirty::WORDS) || d.has(Dirty::PRESENT) {
        explain::render_text(app)?;
        state::on_lang(app)?;
        summary::write(app)?;
    }
    if d.has(Dirty::NOTICES) {
        super::notice::show(&app.doc, &app.model.notices, app.lang)?;
        super::quiz::show_notices(&app.doc, &app.model.quiz_notices, app.lang)?;
    }
    if d.has(Dirty::NEW_ENTRY) {
        link::new_entry(app)?;
    }
    if d.has(Dirty::LINK) {
        link::sync_url(app)?;
    }
    if d.has(Dirty::LINK) || d.has(Dirty::WORDS) {
        super::code::changed(app)?;
    }
    // A teacher link's locks, after the cards, legend or words were rebuilt.
    let built = [
        Dirty::CARDS,
        Dirty::SCHEDULE,
        Dirty::LEGEND,
        Dirty::WORDS,
        Dirty::LESSON,
    ];
    if built.iter().any(|&b| d.has(b)) {
        super::locks::apply(app)?;
    }
    if d.has(Dirty::CARDS) || d.has(Dirty::WORDS) {
        super::teach::build(app)?;
    }
    if d.has(Dirty::ANIMATE) {
        request_frame(&app.window)?;
    }
    super::welcome::sync(app)?;
    if d.has(Dirty::SETTLE) {
        super::timer::later(&app.window, super::timer::Later::Settle, || {
            super::dispatch(Msg::Settle)
        })?;
    }
    if d.has(Dirty::CALMER) {
        super::calmer::ask(&app.window)?;
    }
    if d.has(Dirty::PENDING) || d.has(Dirty::PAUSE) {
        super::timer::later(&app.window, super::timer::Later::Typing, || {
            super::with_app(super::fields::paused)
        })?;
    }
    Ok(())
}

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
fn measure(app: &App) -> Result<Geom, JsValue> {
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
        let ids = ["notice", "lesson-caption"];
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

/// Redraw the plot (re-rendering the surface only if it changed), the
/// state panel and the loss chart.
fn draw(app: &mut App) -> Result<(), JsValue> {
    let geom = measure(app)?;
    if geom.h != app.geom.h {
        app.plot
            .style()
            .set_property("height", &format!("{}px", geom.h))?;
    }
    app.geom = geom;
    // Layout feedback: the pointer maths needs the size drawn.
    crate::app::update(
        &mut app.model,
        Msg::Measured {
            w: geom.w,
            h: geom.h,
        },
    );
    let low = app.interacting;
    let style = Style::of(app.present, geom.w);
    let fresh = match &app.cache {
        Some(c) => c.matches(&app.scene.landscape, &geom, &style, low),
        None => false,
    };
    if !fresh {
        // The kept pictures hold the old surface.
        KEPT.with(|k| k.borrow_mut().forget());
        app.cache = Some(render_surface(
            &app.doc,
            &app.scene.landscape,
            &geom,
            &style,
            low,
        )?);
        if low {
            super::timer::later(&app.window, super::timer::Later::Settle, || {
                super::dispatch(Msg::Settle)
            })?;
        }
    }
    start::place_handle(app)?;
    let overlay = state::refresh(app)?;
    if let Some(cache) = &app.cache {
        let frame = Frame {
            geom,
            runs: &app.runs,
            diags: &app.diags,
            hidden: &app.hidden,
            t: app.t,
            start: app.scene.start,
            live: app.playing,
            style,
            replay: app.replay,
        };
        // L-BFGS's trial points of the step being taken, over everything.
        let sets = super::draw::trials::trial_sets(&app.scene, &app.hidden, app.t);
        let quiz = app.quiz.as_ref().filter(|q| q.predicts());
        let reused = KEPT.with(|k| -> Result<u64, JsValue> {
            let mut kept = k.borrow_mut();
            // Drawn over the plot after it: the next frame is drawn whole.
            kept.plain = sets.is_empty() && quiz.is_none();
            draw_plot_kept(
                &app.plot,
                cache,
                &frame,
                overlay.as_ref(),
                &mut kept,
                app.interacting,
            )?;
            Ok(kept.reused)
        })?;
        set_attr(&app.plot, "data-kept", &reused.to_string())?;
        let ctx = super::draw::context(&app.plot)?;
        super::draw::trials::draw(&app.plot, &ctx, &geom, &style, &sets)?;
        if let Some(q) = quiz {
            super::draw::quiz::draw(&ctx, &geom, &style, q, app.lang)?;
        }
    }
    let curves = Curves {
        runs: &app.runs,
        diags: &app.diags,
        hidden: &app.hidden,
        steps: app.scene.steps,
        dark: super::dom::dark(&app.window),
        lang: app.lang,
    };
    // The loss chart keeps its curves below and above the plot's front run.
    let front = KEPT.with(|k| k.borrow().drawn_front());
    draw_loss(
        &app.loss, geom.dpr, app.replay, &curves, app.t, &style, front,
    )?;
    let v = geom.view;
    app.draws += 1;
    let plot: &Element = app.plot.unchecked_ref();
    set_attr(
        plot,
        "data-view",
        &format!("{},{},{},{}", v.x0, v.x1, v.y0, v.y1),
    )?;
    set_attr(plot, "data-t", &app.t.to_string())?;
    plot.set_attribute("data-draws", &app.draws.to_string())?;
    set_attr(plot, "data-ready", "true")
}

/// Draw the plot, the loss chart, the state panel's bias chart and the
/// sweep chart again with no kept picture (the surface, the same, stays):
/// the frame a test compares a kept one with.
pub fn redraw_exact(app: &mut App) -> Result<(), JsValue> {
    KEPT.with(|k| {
        let mut k = k.borrow_mut();
        k.forget();
        k.whole = true;
    });
    super::draw::forget_loss_charts();
    state::forget_kept();
    state::forget_steppers(app);
    schedule::forget_drawn();
    schedule::draw_charts(app)?;
    let drawn = draw(app);
    KEPT.with(|k| k.borrow_mut().whole = false);
    drawn?;
    explain::redraw_exact(app)
}

/// Ask for one animation frame; it becomes a [`Msg::Tick`].
fn request_frame(window: &Window) -> Result<(), JsValue> {
    RAF.with(|slot| -> Result<(), JsValue> {
        if slot.borrow().is_none() {
            *slot.borrow_mut() = Some(Closure::<dyn FnMut(f64)>::new(|ts: f64| {
                dispatch(Msg::Tick(ts))
            }));
        }
        if let Some(cb) = slot.borrow().as_ref() {
            window.request_animation_frame(cb.as_ref().unchecked_ref())?;
        }
        Ok(())
    })
}
