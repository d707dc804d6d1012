//! `start()`: read the link, build the page, draw the first scene.

use super::dom::by_id;
use super::draw::Geom;
use super::{controls, crash, events, explain, place, render, state, App, APP};
use crate::app::{Dirty, Model};
use gradscape_text::Lang;
use wasm_bindgen::prelude::*;
use web_sys::{Document, HtmlCanvasElement, HtmlElement};

/// Entry point: install the panic hook, build the page, draw the default scene.
#[wasm_bindgen(start)]
pub fn start() -> Result<(), JsValue> {
    crash::install();
    // 中文 rows fetched with the wasm (www/boot.js), before any word.
    super::zh::from_global();
    let window = web_sys::window().ok_or("no window")?;
    let doc = window.document().ok_or("no document")?;
    // A page without the playground (e.g. course notes using `mount`) only
    // needs the module's exports.
    if doc.get_element_by_id("plot").is_none() {
        return Ok(());
    }
    let plot: HtmlCanvasElement = by_id(&doc, "plot")?;
    let loss: HtmlCanvasElement = by_id(&doc, "loss")?;
    let search = window.location().search().unwrap_or_default();
    // Read first, whatever the link says: the link's `lang=en` is kept on a
    // browser that prefers Chinese.
    let browser = super::link::browser_lang(&window);
    let (link, page) = crate::app::link::read(&search, browser);
    let open = page.open.clone();
    if page.lang.as_deref().and_then(Lang::from_code).is_some() {
        super::link::chose_lang();
    }
    let lang = link.lang;
    // A 中文 page's words are written before its first picture (no English
    // shows); an English page shows the markup's until the rest of the page
    // is built (`build_rest` writes them): its first picture waits for no
    // picker or word.
    let words_first = lang != Lang::En;
    if words_first {
        // The pickers' options first, so that `controls::words` keeps the
        // add picker's first kind.
        controls::fill_selects(&doc, lang)?;
    }
    // The address bar's scene; dropped values are listed in a notice.
    super::notice::wire_close(&doc)?;
    super::notice::show(&doc, &link.notices, lang)?;
    if let (Some(body), Some(e)) = (doc.body(), &page.embed) {
        body.class_list().add_1("embed")?;
        body.set_attribute("data-hide", &e.hidden.join(" "))?;
    }
    let embed = page.embed.as_ref().map(|e| e.query.clone());
    // Embedded, `hide=` is already in the embed's part of the link.
    let teach = match &page.embed {
        Some(_) => crate::url::Locks {
            locked: page.locks.locked.clone(),
            ..Default::default()
        }
        .to_query(),
        None => page.locks.to_query(),
    };
    let geom = Geom {
        view: link.scene.view(),
        w: 0.0,
        h: 0.0,
        dpr: 1.0,
    };
    let mut model = Model::new(link.scene, link.t, lang);
    model.hidden = link.hidden;
    // A quiz link: read against its runs too (a run stopped before the
    // pause has no answer).
    let mut quiz_notices = link.quiz_notices;
    let quiz = crate::app::link::answerable(link.quiz, &model.runs, &mut quiz_notices);
    super::quiz::show_notices(&doc, &quiz_notices, lang)?;
    (model.notices, model.quiz_notices) = (link.notices, quiz_notices);
    model.lesson = link.lesson;
    model.present = link.present;
    model.reduced_motion = super::dom::reduced_motion(&window);
    model.locks = page.locks.clone();
    if page.embed.is_some() {
        // Embedded, the parts `hide=` leaves out are the embed's own
        // (body[data-hide]); its groups stay fixed.
        model.locks.panels.clear();
    }
    if quiz.is_some() {
        crate::app::update(&mut model, crate::app::Msg::SetQuiz(quiz));
    }
    let app = App {
        model,
        window,
        doc: doc.clone(),
        plot,
        loss,
        cache: None,
        geom,
        draws: 0,
        url: String::new(),
        embed,
        teach,
        explain: explain::State::default(),
        inspector: state::Inspector::default(),
    };
    APP.with(|a| *a.borrow_mut() = Some(app));
    // Wired before anything is drawn; what arrives before the page is
    // built waits in the queue (web/mod.rs `BOOTING`).
    super::BOOTING.with(|b| b.set(true));
    events::wire(&doc)?;
    super::fields::wire(&doc)?;
    super::teach::wire(&doc)?;
    super::touch_tip::wire(&doc)?;
    // Embedded or framed, the page pushes no entry: any Back is the host
    // page's.
    let window = web_sys::window().ok_or("no window")?;
    if page.embed.is_none() && !super::link::framed(&window) {
        super::link::wire_back(&window)?;
    }
    // The first picture first: the runs and the plot, in the layout the
    // room's switches give (they set where the canvas goes and its size).
    // Cards, legend and explainers are built after the browser has
    // painted it.
    // All at once when no frame will be painted before the page is shown
    // (a hidden tab), and when presenting: the figure's height is what the
    // legend and the bar under it leave, so it is drawn once they are built.
    let eager = doc.hidden() || page.present;
    let rest = APP.with(|a| -> Result<Dirty, JsValue> {
        let mut guard = a.borrow_mut();
        let Some(app) = guard.as_mut() else {
            return Ok(Dirty::NONE);
        };
        // A 中文 page's words first (it never shows the markup's English),
        // and the lesson's caption, which stands above the plot: shown now,
        // so the picture does not move down when the rest arrives.
        if words_first {
            controls::words(app)?;
        }
        controls::sync_lesson(app)?;
        state::open_for_lesson(app)?;
        super::open::apply(app, &open, false)?;
        place::place(app)?;
        place::present(app)?;
        super::welcome::show(app, &search)?;
        let d = crate::app::update::all(&mut app.model);
        if eager {
            return Ok(d);
        }
        render::render(app, Dirty::PLOT)?;
        // `data-ready` says the whole page is built (tests and tools wait
        // for it); `data-painted` that the first picture is drawn.
        app.plot.set_attribute("data-painted", "true")?;
        app.plot.remove_attribute("data-ready").map(|_| d)
    })?;
    // The static loading panel (www/boot.js turns it into an error if the
    // wasm never gets here).
    if let Ok(loading) = by_id::<HtmlElement>(&doc, "loading") {
        loading.set_hidden(true);
    }
    let window = web_sys::window().ok_or("no window")?;
    if eager {
        return build_rest(rest, words_first);
    }
    // A hidden tab or a throttled frame gets no animation frame: at the
    // latest after 250 ms.
    super::timer::after_paint_or(&window, 250, move || {
        if let Err(e) = build_rest(rest, words_first) {
            web_sys::console::error_1(&e);
        }
    })
}

/// The rest of start-up, after the first picture: the pickers and the
/// words (unless `words_first` wrote them already), the lesson's controls,
/// the explainers and every part of the page `rest` says; then the
/// messages that waited.
fn build_rest(rest: Dirty, words_first: bool) -> Result<(), JsValue> {
    let r = APP.with(|a| -> Result<(), JsValue> {
        let mut guard = a.borrow_mut();
        let Some(app) = guard.as_mut() else {
            return Ok(());
        };
        if !words_first {
            // The pickers' options first, so that the words keep the add
            // picker's first kind (as start does for a 中文 page).
            controls::fill_selects(&app.doc, app.lang)?;
            controls::words(app)?;
        }
        controls::sync_lesson(app)?;
        // The reader's text size, read once the first picture is shown: a
        // page whose reader set a larger one draws its canvases again.
        let rest = match read_reader_scale(&app.window, &app.doc) {
            Some(scale) => {
                // The charts' canvases grow with their words
                // (--chart-scale, --reader in style.css), measured afresh.
                super::place::present(app)?;
                if let Some(body) = app.doc.body() {
                    body.style().set_property("--reader", &scale.to_string())?;
                }
                super::sizes::forget();
                rest | Dirty::PLOT | Dirty::EXPLAIN
            }
            None => rest,
        };
        explain::build(app)?;
        // The hints' smaller η, searched after this paint like any change's.
        let rest = if app.calmer_due() {
            rest | Dirty::CALMER
        } else {
            rest
        };
        render::render(app, rest)?;
        // (Already set unless the page was built all at once.)
        app.plot.set_attribute("data-painted", "true")?;
        if let Ok(status) = by_id::<HtmlElement>(&app.doc, "status") {
            status.set_text_content(None);
        }
        Ok(())
    });
    // Even when a part failed (shown by the crash banner), the page
    // goes on handling what the user does.
    super::BOOTING.with(|b| b.set(false));
    super::drain();
    r
}

/// Read the reader's default text size (`font-size: medium`, their
/// browser's font-size setting) into the canvases' style; its ratio to
/// 16 px when that is not 1 (then what was drawn must be drawn again).
fn read_reader_scale(window: &web_sys::Window, doc: &Document) -> Option<f64> {
    let probe = || -> Option<f64> {
        let body = doc.body()?;
        let span: HtmlElement = doc.create_element("span").ok()?.dyn_into().ok()?;
        // Through the CSSOM: the page's CSP refuses inline style attributes.
        let st = span.style();
        st.set_property("font-size", "medium").ok()?;
        st.set_property("position", "absolute").ok()?;
        st.set_property("visibility", "hidden").ok()?;
        body.append_child(&span).ok()?;
        let px = window
            .get_computed_style(&span)
            .ok()
            .flatten()
            .and_then(|c| c.get_property_value("font-size").ok());
        span.remove();
        px?.trim_end_matches("px").trim().parse().ok()
    };
    let scale = super::draw::set_reader_scale(probe()?);
    (scale != 1.0).then_some(scale)
}
