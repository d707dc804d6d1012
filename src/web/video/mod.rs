//! The page's media exports: the PNG with its title and legend, and the
//! Animation part of the Share and export panel — one frame per step drawn
//! by the page's own code at the export's size ([`compose`]), encoded by
//! WebCodecs ([`codec`]) and muxed into WebM ([`crate::export::webm`]; MP4,
//! [`crate::export::mp4`], where the browser encodes H.264 — the format
//! menu offers it only then), or recorded in real time by `MediaRecorder`
//! where there is no encoder ([`record`]). The export works on a copy of
//! the runs taken when it starts, yielding to the page between frames, so
//! the page stays usable and what it exports does not change under it.

mod codec;
pub mod compose;
mod export;
mod record;

use super::dom::{by_id, on};
use super::{with_app, App};
use crate::export::plan::{
    extra_height, fitting_every, frame_count, legend_at, too_wide, Entry, ExportSize, EVERY, FPS,
    MAX_FRAMES,
};
use crate::web::draw::Style;
use compose::{widths, Composer, Still, Words};
use export::{avc, export, Format, Take};
use gradscape_text::svg::titles;
use gradscape_text::{tr, trf, Lang};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use web_sys::{Document, Element, HtmlElement, HtmlInputElement, HtmlSelectElement};

thread_local! {
    /// The running export's cancel flag (none when idle).
    static RUNNING: RefCell<Option<Rc<Cell<bool>>>> = const { RefCell::new(None) };
    /// The lesson and language the Animation caption last followed.
    static FOLLOWED: Cell<Option<(Option<usize>, Lang)>> = const { Cell::new(None) };
    /// The steps and language the "every k steps" picker was written for.
    static OFFERED: Cell<Option<(usize, Lang)>> = const { Cell::new(None) };
}

/// The PNG export: the plot as the page draws it (same size, same
/// resolution), with the title and step above and the legend at that step
/// — the page legend's words, "f = 0.0079" then, "diverged at step 12"
/// once reached — below. A data URL.
pub fn png(app: &App) -> Result<String, JsValue> {
    let g = app.geom;
    let still = Still {
        runs: &app.runs,
        diags: &app.diags,
        hidden: &app.hidden,
        landscape: &app.scene.landscape,
        start: app.scene.start,
        view: g.view,
        page: (g.w, g.h),
    };
    let style = Style::of(app.present, g.w);
    let mut entries = vec![legend_at(
        &app.runs,
        &app.diags,
        &app.hidden,
        app.t,
        app.lang,
    )];
    let ws = fitted(&app.doc, &style, g.w, &mut entries)?;
    let entries = entries.pop().unwrap_or_default();
    let size = (g.w, g.h + extra_height(g.w, style.text_px, false, &ws));
    let dpr = if g.dpr.is_finite() {
        g.dpr.clamp(1.0, 4.0)
    } else {
        1.0
    };
    let comp = Composer::new(&app.doc, &still, size, dpr, style, false, &ws)?;
    let words = Words {
        titles: titles(&app.scene, app.lang),
        caption: String::new(),
    };
    let corner = step_words(app.lang, app.t, app.scene.steps);
    comp.draw(&still, &words, app.t, &entries, &corner)?;
    comp.canvas.to_data_url()
}

/// The legend entries' widths in a `w` px picture; where one would not fit
/// across it, every entry (of every frame) names its optimizer only.
pub(super) fn fitted(
    doc: &Document,
    style: &Style,
    w: f64,
    frames: &mut [Vec<Entry>],
) -> Result<Vec<f64>, JsValue> {
    let ws = widths(doc, style, frames)?;
    if !too_wide(w, style.text_px, &ws) {
        return Ok(ws);
    }
    for f in frames.iter_mut() {
        let named: Vec<Entry> = f.drain(..).map(Entry::named_only).collect();
        *f = named;
    }
    widths(doc, style, frames)
}

/// A PNG's or a frame's step counter, in the SVG's and the GIF's words
/// ("step 10 of 60"; it was the time bar's "step 10 / 60", two forms in
/// one author's notes).
fn step_words(lang: Lang, t: usize, steps: usize) -> String {
    trf(lang, "svg.step", &[&t.to_string(), &steps.to_string()])
}

/// Listen to the Animation part's controls.
pub fn wire(doc: &Document) -> Result<(), JsValue> {
    let export: Element = by_id(doc, "video-export")?;
    on(&export, "click", |_: web_sys::MouseEvent| with_app(start))?;
    let cancel: Element = by_id(doc, "video-cancel")?;
    on(&cancel, "click", |_: web_sys::MouseEvent| {
        RUNNING.with(|r| {
            if let Some(flag) = r.borrow().as_ref() {
                flag.set(true);
            }
        })
    })?;
    // The caption follows the lesson (see `follow_lesson`) until the author
    // types one; emptying the field hands it back to the lesson.
    let caption: HtmlInputElement = by_id(doc, "video-caption")?;
    let typed = caption.clone();
    on(&caption, "input", move |_: web_sys::Event| {
        let _ = if typed.value().trim().is_empty() {
            typed.remove_attribute(TYPED)
        } else {
            typed.set_attribute(TYPED, "")
        };
    })?;
    // MP4 joins the format menu once the browser says it encodes H.264.
    // Asked after the first picture: the question costs 15-25 ms of the
    // main thread at start-up, and the menu is in a closed panel.
    let menu: HtmlSelectElement = by_id(doc, "video-format")?;
    let d = doc.clone();
    let window = web_sys::window().ok_or("no window")?;
    super::timer::after_paint(&window, move || {
        wasm_bindgen_futures::spawn_local(async move {
            if avc().await.is_some() {
                if let Ok(option) = super::dom::el(&d, "option", &[("value", "mp4")], Some("MP4")) {
                    let _ = menu.append_child(&option);
                }
            }
        })
    })?;
    Ok(())
}

/// The attribute the caption field carries once the author has typed a
/// caption of their own (removed when they empty it).
const TYPED: &str = "data-typed";

/// The Animation caption offers the open lesson's title in the page's
/// language (empty without a lesson), written again whenever the lesson or
/// the language changes (`controls::sync_lesson` calls this on every sync;
/// only a change of either writes, so a caption the author emptied stays
/// empty while they edit the scene), unless the author typed a caption of
/// their own.
pub fn follow_lesson(app: &App) -> Result<(), JsValue> {
    let lesson = app.lesson.filter(|&l| crate::lesson::lesson(l).is_some());
    let now = Some((lesson, app.lang));
    if FOLLOWED.with(|f| f.replace(now)) == now {
        return Ok(());
    }
    let Ok(field) = by_id::<HtmlInputElement>(&app.doc, "video-caption") else {
        return Ok(());
    };
    if field.has_attribute(TYPED) {
        return Ok(());
    }
    let title = lesson
        .map(|l| gradscape_text::lessons::title(l, app.lang))
        .unwrap_or("");
    if field.value() != title {
        field.set_value(title);
    }
    Ok(())
}

/// The Animation part's "every k steps" picker, for a run of `steps`
/// steps: each of [`EVERY`] up to the run's length with the frames it
/// gives, those past [`MAX_FRAMES`] disabled; the author's choice kept
/// while it fits, else the fewest steps that fit (every step when the run
/// has at most 999). Written again only when the steps or the language
/// change (`controls::sync_lesson` calls this on every sync).
pub fn follow_steps(app: &App) -> Result<(), JsValue> {
    let steps = app.scene.steps;
    let now = Some((steps, app.lang));
    if OFFERED.with(|o| o.replace(now)) == now {
        return Ok(());
    }
    let Ok(sel) = by_id::<HtmlSelectElement>(&app.doc, "video-every") else {
        return Ok(());
    };
    let was: Option<usize> = sel.value().parse().ok();
    sel.set_text_content(None);
    let l = app.lang;
    let mut shown = vec![];
    for e in EVERY.into_iter().filter(|&e| e == 1 || e < steps) {
        let n = frame_count(steps, e).to_string();
        let text = match e {
            1 => trf(l, "video.every.one", &[&n]),
            _ => trf(l, "video.every", &[&e.to_string(), &n]),
        };
        let v = e.to_string();
        let o = super::dom::el(&app.doc, "option", &[("value", &v)], Some(&text))?;
        o.toggle_attribute_with_force("disabled", frame_count(steps, e) > MAX_FRAMES)?;
        super::dom::add(&sel, &o)?;
        shown.push(e);
    }
    let fit = |e: usize| shown.contains(&e) && frame_count(steps, e) <= MAX_FRAMES;
    let pick = was
        .filter(|&e| fit(e))
        .unwrap_or_else(|| fitting_every(steps));
    sel.set_value(&pick.to_string());
    Ok(())
}

/// The panel's choices.
struct Choice {
    size: ExportSize,
    fps: u32,
    /// Steps between frames.
    every: usize,
    caption: String,
    format: Format,
}

fn choice(doc: &Document) -> Result<Choice, JsValue> {
    let size: HtmlSelectElement = by_id(doc, "video-size")?;
    let fps: HtmlSelectElement = by_id(doc, "video-fps")?;
    let caption: HtmlInputElement = by_id(doc, "video-caption")?;
    let fps = fps
        .value()
        .parse()
        .ok()
        .filter(|f| FPS.contains(f))
        .unwrap_or(10);
    let every = by_id::<HtmlSelectElement>(doc, "video-every")?
        .value()
        .parse()
        .unwrap_or(1);
    Ok(Choice {
        size: ExportSize::parse(&size.value()),
        fps,
        every,
        caption: caption.value().trim().chars().take(200).collect(),
        format: match by_id::<HtmlSelectElement>(doc, "video-format")?
            .value()
            .as_str()
        {
            "mp4" => Format::Mp4,
            _ => Format::Webm,
        },
    })
}

fn start(app: &mut App) -> Result<(), JsValue> {
    if RUNNING.with(|r| r.borrow().is_some()) {
        return Ok(());
    }
    let mut choice = choice(&app.doc)?;
    // Never past the frame limit, whatever the picker held.
    if frame_count(app.scene.steps, choice.every) > MAX_FRAMES {
        choice.every = fitting_every(app.scene.steps);
    }
    let take = Take {
        runs: app.runs.clone(),
        diags: app.diags.clone(),
        hidden: app.hidden.clone(),
        landscape: app.scene.landscape.clone(),
        start: app.scene.start,
        view: app.geom.view,
        page: (app.geom.w, app.geom.h),
        steps: app.scene.steps,
        lang: app.lang,
        present: app.present,
        titles: titles(&app.scene, app.lang),
        stem: app.figure_stem(false),
    };
    let flag = Rc::new(Cell::new(false));
    RUNNING.with(|r| *r.borrow_mut() = Some(flag.clone()));
    let doc = app.doc.clone();
    ui_running(&doc, true)?;
    wasm_bindgen_futures::spawn_local(async move {
        let lang = take.lang;
        let outcome = export(&doc, &take, &choice, &flag).await;
        RUNNING.with(|r| *r.borrow_mut() = None);
        let text = match outcome {
            Ok(Some(done)) => done,
            Ok(None) => tr(lang, "video.cancelled").to_string(),
            Err(e) => {
                let why = e.as_string().unwrap_or_else(|| {
                    js_sys::Reflect::get(&e, &"message".into())
                        .ok()
                        .and_then(|m| m.as_string())
                        .unwrap_or_default()
                });
                trf(lang, "video.failed", &[&why])
            }
        };
        let _ = ui_running(&doc, false);
        if let Ok(status) = by_id::<Element>(&doc, "video-status") {
            status.set_text_content(Some(&text));
        }
    });
    Ok(())
}

/// Running or idle: the button, Cancel, the progress bar.
fn ui_running(doc: &Document, running: bool) -> Result<(), JsValue> {
    let part: Element = by_id(doc, "video-part")?;
    part.set_attribute("data-state", if running { "running" } else { "idle" })?;
    by_id::<web_sys::HtmlButtonElement>(doc, "video-export")?.set_disabled(running);
    by_id::<HtmlElement>(doc, "video-cancel")?.set_hidden(!running);
    by_id::<HtmlElement>(doc, "video-progress-row")?.set_hidden(!running);
    if running {
        by_id::<Element>(doc, "video-status")?.set_text_content(None);
    }
    Ok(())
}

/// Wait `ms` (0: until the browser has run its other work).
async fn pause(ms: i32) {
    use js_sys::Promise;
    use wasm_bindgen_futures::JsFuture;
    let p = Promise::new(&mut |ok, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&ok, ms);
        }
    });
    let _ = JsFuture::from(p).await;
}
