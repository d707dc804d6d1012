//! The render step: a [`Dirty`] set → DOM and canvas updates, the link
//! written once at the end, and the two timers an update may ask for.

use super::dom::set_attr;
use super::draw::Kept;
use super::{
    card_sync, controls, cycled, dispatch, explain, fields, link, panel, place, schedule, sizes,
    start, state, summary, App,
};
use crate::app::{Dirty, Msg};
use crate::optim::HyperKey;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::Window;

mod measure;
mod plot;
use plot::draw;
pub use plot::redraw_exact;

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
