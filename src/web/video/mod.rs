//! The page's media exports: the PNG with its title and legend, and the
//! Animation part of the Share and export panel — one frame per step drawn
//! by the page's own code at the export's size ([`compose`]), encoded by
//! WebCodecs ([`codec`]) and muxed into WebM ([`crate::media::webm`]), or
//! recorded in real time by `MediaRecorder` where there is no encoder
//! ([`record`]). The export works on a copy of the runs taken when it
//! starts, yielding to the page between frames, so the page stays usable
//! and what it exports does not change under it.

mod codec;
pub mod compose;
mod record;

use super::dom::{by_id, on};
use super::{with_app, App};
use crate::diagnose::Diagnosis;
use crate::landscape::Landscape;
use crate::media::plan::{extra_height, legend, legend_at, title, Entry, ExportSize, Frames, FPS};
use crate::media::webm::{mux, Codec, Track};
use crate::run::Trajectory;
use crate::web::draw::Style;
use crate::{Vec2, View};
use compose::{widths, Composer, Still, Words};
use gradscape_text::{tr, trf, Lang};
use js_sys::{Array, Promise, Uint8Array};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    Blob, BlobPropertyBag, Document, Element, HtmlElement, HtmlInputElement, HtmlSelectElement,
};

thread_local! {
    /// The running export's cancel flag (none when idle).
    static RUNNING: RefCell<Option<Rc<Cell<bool>>>> = const { RefCell::new(None) };
}

/// The PNG export: the plot as the page draws it (same size, same
/// resolution), with the title and step above and the legend — the page
/// legend's words, "diverged at step 12" included — below. A data URL.
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
    let entries = legend(&app.runs, &app.diags, &app.hidden, app.lang);
    let style = Style::of(app.present, g.w);
    let ws = widths(&app.doc, &style, std::slice::from_ref(&entries))?;
    let size = (g.w, g.h + extra_height(g.w, style.text_px, false, &ws));
    let dpr = if g.dpr.is_finite() {
        g.dpr.clamp(1.0, 4.0)
    } else {
        1.0
    };
    let comp = Composer::new(&app.doc, &still, size, dpr, style, false, &ws)?;
    let words = Words {
        title: title(&app.scene, app.lang),
        caption: String::new(),
    };
    let corner = step_words(app.lang, app.t, app.scene.steps);
    comp.draw(&still, &words, app.t, &entries, &corner)?;
    comp.canvas.to_data_url()
}

fn step_words(lang: Lang, t: usize, steps: usize) -> String {
    trf(lang, "step.label", &[&t.to_string(), &steps.to_string()])
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
    // The caption offers the lesson's title until the author types.
    let caption: HtmlInputElement = by_id(doc, "video-caption")?;
    let typed = caption.clone();
    on(&caption, "input", move |_: web_sys::Event| {
        let _ = typed.set_attribute("data-typed", "");
    })?;
    if let Some(panel) = caption.closest("details")? {
        on(&panel, "toggle", |_: web_sys::Event| {
            with_app(|app| {
                let field: HtmlInputElement = by_id(&app.doc, "video-caption")?;
                if !field.has_attribute("data-typed") {
                    let lesson = app
                        .lesson
                        .map(|l| gradscape_text::lessons::title(l, app.lang));
                    field.set_value(lesson.unwrap_or(""));
                }
                Ok(())
            })
        })?;
    }
    Ok(())
}

/// What the export works on: a copy of the page's runs and view.
struct Take {
    runs: Vec<Trajectory>,
    diags: Vec<Diagnosis>,
    hidden: Vec<bool>,
    landscape: Landscape,
    start: Vec2,
    view: View,
    page: (f64, f64),
    steps: usize,
    lang: Lang,
    present: bool,
    title: String,
    stem: String,
}

impl Take {
    fn still(&self) -> Still<'_> {
        Still {
            runs: &self.runs,
            diags: &self.diags,
            hidden: &self.hidden,
            landscape: &self.landscape,
            start: self.start,
            view: self.view,
            page: self.page,
        }
    }
}

/// The panel's choices.
struct Choice {
    size: ExportSize,
    fps: u32,
    caption: String,
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
    Ok(Choice {
        size: ExportSize::parse(&size.value()),
        fps,
        caption: caption.value().trim().chars().take(200).collect(),
    })
}

fn start(app: &mut App) -> Result<(), JsValue> {
    if RUNNING.with(|r| r.borrow().is_some()) {
        return Ok(());
    }
    let choice = choice(&app.doc)?;
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
        title: title(&app.scene, app.lang),
        stem: app.file_stem(),
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

fn progress(doc: &Document, lang: Lang, done: usize, count: usize) -> Result<(), JsValue> {
    let bar: Element = by_id(doc, "video-progress")?;
    bar.set_attribute("max", &count.to_string())?;
    bar.set_attribute("value", &done.to_string())?;
    let words = trf(
        lang,
        "video.progress",
        &[&done.to_string(), &count.to_string()],
    );
    bar.set_attribute("aria-valuetext", &words)?;
    by_id::<Element>(doc, "video-count")?.set_text_content(Some(&words));
    Ok(())
}

/// Wait `ms` (0: until the browser has run its other work).
async fn pause(ms: i32) {
    let p = Promise::new(&mut |ok, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&ok, ms);
        }
    });
    let _ = JsFuture::from(p).await;
}

/// Draw and encode every frame; the status line's words when done, `None`
/// when cancelled.
async fn export(
    doc: &Document,
    take: &Take,
    choice: &Choice,
    cancel: &Cell<bool>,
) -> Result<Option<String>, JsValue> {
    let lang = take.lang;
    let frames = Frames::new(take.steps, choice.fps);
    let texts: Vec<Vec<Entry>> = (0..frames.count)
        .map(|k| legend_at(&take.runs, &take.diags, &take.hidden, k, lang))
        .collect();
    let (pw, ph) = take.page;
    // Slides get the presenter's sizes (text for the back of the room).
    let style = match choice.size {
        ExportSize::Figure => Style::of(take.present, pw),
        _ => Style::of(true, choice.size.pixels(pw, ph, 0.0).0 as f64),
    };
    let ws = widths(doc, &style, &texts)?;
    let caption = !choice.caption.is_empty();
    let (w, h) = choice
        .size
        .pixels(pw, ph, extra_height(pw, style.text_px, caption, &ws));
    let still = take.still();
    let comp = Composer::new(doc, &still, (w as f64, h as f64), 1.0, style, caption, &ws)?;
    let words = Words {
        title: take.title.clone(),
        caption: choice.caption.clone(),
    };
    let draw = |i: usize| {
        comp.draw(
            &still,
            &words,
            i,
            &texts[i],
            &step_words(lang, i, take.steps),
        )
    };
    progress(doc, lang, 0, frames.count)?;
    if !codec::available() {
        let status: Element = by_id(doc, "video-status")?;
        status.set_text_content(Some(tr(lang, "video.realtime")));
        let tick = |i: usize| progress(doc, lang, i, frames.count);
        let Some(blob) = record::record(&comp.canvas, &draw, frames, cancel, &tick).await? else {
            return Ok(None);
        };
        download(doc, &blob, &format!("{}.webm", take.stem))?;
        return Ok(Some(done_words(lang, frames, w, h)));
    }
    let mut chosen = None;
    for (name, codec) in [("vp09.00.10.08", Codec::Vp9), ("vp8", Codec::Vp8)] {
        if codec::supports(name, w, h, frames.fps).await {
            chosen = Some((name, codec));
            break;
        }
    }
    let Some((name, codec)) = chosen else {
        return Err(tr(lang, "video.unsupported").into());
    };
    let enc = codec::Encoder::new(name, w, h, frames.fps)?;
    for i in 0..frames.count {
        draw(i)?;
        enc.encode(
            &comp.canvas,
            frames.time_us(i),
            frames.length_us(i),
            frames.key(i),
        )?;
        progress(doc, lang, i + 1, frames.count)?;
        // Let the page (and Cancel) run; do not outrun the encoder.
        pause(0).await;
        while enc.queued() > 4 && !cancel.get() {
            pause(5).await;
        }
        if cancel.get() {
            enc.stop();
            return Ok(None);
        }
    }
    let chunks = enc.finish().await?;
    if cancel.get() {
        return Ok(None);
    }
    let track = Track {
        codec,
        width: w,
        height: h,
    };
    let bytes = mux(&track, &chunks, frames.duration_us());
    let parts = Array::of1(&Uint8Array::from(&bytes[..]));
    let opts = BlobPropertyBag::new();
    opts.set_type("video/webm");
    let blob = Blob::new_with_u8_array_sequence_and_options(&parts, &opts)?;
    download(doc, &blob, &format!("{}.webm", take.stem))?;
    Ok(Some(done_words(lang, frames, w, h)))
}

fn done_words(lang: Lang, frames: Frames, w: u32, h: u32) -> String {
    let secs = gradscape_core::format::fmt_num((frames.duration_us() as f64 / 1e5).round() / 10.0);
    trf(
        lang,
        "video.done",
        &[
            &frames.count.to_string(),
            &w.to_string(),
            &h.to_string(),
            &secs,
        ],
    )
}

/// Download a blob under a name; its URL is let go a minute later (a
/// download started from it has its bytes by then).
fn download(doc: &Document, blob: &Blob, name: &str) -> Result<(), JsValue> {
    let url = web_sys::Url::create_object_url_with_blob(blob)?;
    let a: web_sys::HtmlAnchorElement =
        super::dom::el(doc, "a", &[("href", &url), ("download", name)], None)?.dyn_into()?;
    a.click();
    let revoke = Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    if let Some(w) = web_sys::window() {
        w.set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 60_000)?;
    }
    Ok(())
}
