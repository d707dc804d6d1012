//! One animation export, from a copy of the page's runs to the download:
//! each step's frame drawn ([`super::compose`]), encoded, muxed, offered
//! as a file; the progress bar moved and Cancel heard between frames.

use super::codec;
use super::compose::{Composer, Still, Words};
use super::{pause, step_words, Choice};
use crate::diagnose::Diagnosis;
use crate::export::plan::{extra_height, legend_at, Entry, ExportSize, Frames};
use crate::export::webm::{Codec, Track};
use crate::export::{mp4, webm};
use crate::landscape::Landscape;
use crate::run::Trajectory;
use crate::web::dom::by_id;
use crate::web::draw::Style;
use crate::{Vec2, View};
use gradscape_text::{tr, trf, Lang};
use js_sys::{Array, Uint8Array};
use std::cell::Cell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Blob, BlobPropertyBag, Document, Element};

/// What the export works on: a copy of the page's runs and view.
pub(super) struct Take {
    pub(super) runs: Vec<Trajectory>,
    pub(super) diags: Vec<Diagnosis>,
    pub(super) hidden: Vec<bool>,
    pub(super) landscape: Landscape,
    pub(super) start: Vec2,
    pub(super) view: View,
    pub(super) page: (f64, f64),
    pub(super) steps: usize,
    pub(super) lang: Lang,
    pub(super) present: bool,
    pub(super) titles: [String; 2],
    pub(super) stem: String,
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

/// The container and its codec.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Format {
    /// VP9 (or VP8) in WebM.
    Webm,
    /// H.264 in MP4.
    Mp4,
}

/// WebCodecs' names of the H.264 profiles tried for MP4, in order: level
/// 4.2 holds 1920×1080 at 30 fps.
pub(super) const AVC: [&str; 3] = ["avc1.42002a", "avc1.4d002a", "avc1.640028"];

/// The H.264 profile this browser encodes at the largest preset, if any.
pub(super) async fn avc() -> Option<&'static str> {
    for name in AVC {
        if codec::supports(name, 1920, 1080, 30).await {
            return Some(name);
        }
    }
    None
}

pub(super) fn progress(
    doc: &Document,
    lang: Lang,
    done: usize,
    count: usize,
) -> Result<(), JsValue> {
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

/// Draw and encode every frame; the status line's words when done, `None`
/// when cancelled.
pub(super) async fn export(
    doc: &Document,
    take: &Take,
    choice: &Choice,
    cancel: &Cell<bool>,
) -> Result<Option<String>, JsValue> {
    let lang = take.lang;
    let frames = Frames::new(take.steps, choice.fps, choice.every);
    let mut texts: Vec<Vec<Entry>> = (0..frames.count)
        .map(|i| legend_at(&take.runs, &take.diags, &take.hidden, frames.step(i), lang))
        .collect();
    let (pw, ph) = take.page;
    // Slides get the presenter's sizes (text for the back of the room).
    let style = match choice.size {
        ExportSize::Figure => Style::of(take.present, pw),
        _ => Style::of(true, choice.size.pixels(pw, ph, 0.0).0 as f64),
    };
    let ws = super::fitted(
        doc,
        &style,
        choice.size.pixels(pw, ph, 0.0).0 as f64,
        &mut texts,
    )?;
    let caption = !choice.caption.is_empty();
    let (w, h) = choice
        .size
        .pixels(pw, ph, extra_height(pw, style.text_px, caption, &ws));
    let still = take.still();
    let comp = Composer::new(doc, &still, (w as f64, h as f64), 1.0, style, caption, &ws)?;
    let words = Words {
        titles: take.titles.clone(),
        caption: choice.caption.clone(),
    };
    let draw = |i: usize| {
        let step = frames.step(i);
        comp.draw(
            &still,
            &words,
            step,
            &texts[i],
            &step_words(lang, step, take.steps),
        )
    };
    progress(doc, lang, 0, frames.count)?;
    if !codec::available() {
        let status: Element = by_id(doc, "video-status")?;
        status.set_text_content(Some(tr(lang, "video.realtime")));
        let tick = |i: usize| progress(doc, lang, i, frames.count);
        let Some(blob) = super::record::record(&comp.canvas, &draw, frames, cancel, &tick).await?
        else {
            return Ok(None);
        };
        download(doc, &blob, &format!("{}.webm", take.stem))?;
        let done = done_words(lang, frames, w, h);
        return Ok(Some(format!("{done} {}", tr(lang, "video.realtime"))));
    }
    let names: &[&'static str] = match choice.format {
        Format::Webm => &["vp09.00.10.08", "vp8"],
        Format::Mp4 => &AVC,
    };
    let mut chosen = None;
    for &name in names {
        if codec::supports(name, w, h, frames.fps).await {
            chosen = Some(name);
            break;
        }
    }
    let Some(name) = chosen else {
        return Err(tr(lang, "video.unsupported").into());
    };
    let enc = codec::Encoder::new(name, w, h, frames.fps)?;
    for i in 0..frames.count {
        let sent = draw(i).and_then(|_| {
            enc.encode(
                &comp.canvas,
                frames.time_us(i),
                frames.length_us(i),
                frames.key(i),
            )
        });
        if let Err(e) = sent {
            // Free the encoder now, not when the page is collected.
            enc.stop();
            return Err(e);
        }
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
    let (chunks, description) = enc.finish().await?;
    if cancel.get() {
        return Ok(None);
    }
    let (bytes, mime, ext) = match choice.format {
        Format::Webm => {
            let codec = if name == "vp8" {
                Codec::Vp8
            } else {
                Codec::Vp9
            };
            let track = Track {
                codec,
                width: w,
                height: h,
            };
            (
                webm::mux(&track, &chunks, frames.duration_us()),
                "video/webm",
                "webm",
            )
        }
        Format::Mp4 => {
            let config =
                description.ok_or_else(|| JsValue::from_str(tr(lang, "video.no-config")))?;
            let track = mp4::Avc {
                width: w,
                height: h,
                config,
            };
            (
                mp4::mux(&track, &chunks, frames.duration_us()),
                "video/mp4",
                "mp4",
            )
        }
    };
    let parts = Array::of1(&Uint8Array::from(&bytes[..]));
    let opts = BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = Blob::new_with_u8_array_sequence_and_options(&parts, &opts)?;
    download(doc, &blob, &format!("{}.{ext}", take.stem))?;
    Ok(Some(done_words(lang, frames, w, h)))
}

fn done_words(lang: Lang, frames: Frames, w: u32, h: u32) -> String {
    // To the hundredth: 31 frames at 30 frames/s are 1.03 s, which a
    // tenth's rounding called "1 s" beside 31 frames at 10 frames/s' "3.1 s".
    let secs = gradscape_core::format::fmt_num((frames.duration_us() as f64 / 1e4).round() / 100.0);
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
        crate::web::dom::el(doc, "a", &[("href", &url), ("download", name)], None)?.dyn_into()?;
    a.click();
    let revoke = Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    if let Some(w) = web_sys::window() {
        w.set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 60_000)?;
    }
    Ok(())
}
