//! The fallback where the browser has no `VideoEncoder`: the canvas is
//! captured as a stream and `MediaRecorder` records it while the frames are
//! drawn one per 1/fps of real time. Not frame-exact (a busy page drops
//! frames, and the browser picks the codec), but a video all the same.

use super::pause;
use crate::export::plan::Frames;
use js_sys::{Array, Promise};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    Blob, BlobEvent, BlobPropertyBag, HtmlCanvasElement, MediaRecorder, MediaRecorderOptions,
};

/// Record `draw(i)` for every frame; `None` when cancelled.
pub async fn record(
    canvas: &HtmlCanvasElement,
    draw: &dyn Fn(usize) -> Result<(), JsValue>,
    frames: Frames,
    cancel: &Cell<bool>,
    tick: &dyn Fn(usize) -> Result<(), JsValue>,
) -> Result<Option<Blob>, JsValue> {
    let stream = canvas.capture_stream_with_frame_request_rate(frames.fps as f64)?;
    let mime = if MediaRecorder::is_type_supported("video/webm") {
        "video/webm"
    } else {
        ""
    };
    let opts = MediaRecorderOptions::new();
    if !mime.is_empty() {
        opts.set_mime_type(mime);
    }
    let rec = MediaRecorder::new_with_media_stream_and_media_recorder_options(&stream, &opts)?;
    let parts: Rc<RefCell<Vec<Blob>>> = Rc::default();
    let keep = parts.clone();
    let data = Closure::<dyn FnMut(BlobEvent)>::new(move |e: BlobEvent| {
        if let Some(b) = e.data() {
            keep.borrow_mut().push(b);
        }
    });
    rec.set_ondataavailable(Some(data.as_ref().unchecked_ref()));
    let stopped = Promise::new(&mut |ok, _| rec.set_onstop(Some(&ok)));
    draw(0)?;
    rec.start()?;
    let step_ms = (1000 / frames.fps.max(1)) as i32;
    for i in 0..frames.count {
        if cancel.get() {
            let _ = rec.stop();
            let _ = JsFuture::from(stopped).await;
            return Ok(None);
        }
        draw(i)?;
        tick(i + 1)?;
        pause(step_ms).await;
    }
    rec.stop()?;
    JsFuture::from(stopped).await?;
    drop(data);
    let all = Array::new();
    for b in parts.borrow().iter() {
        all.push(b);
    }
    let bag = BlobPropertyBag::new();
    bag.set_type(if mime.is_empty() { "video/webm" } else { mime });
    Ok(Some(Blob::new_with_blob_sequence_and_options(&all, &bag)?))
}
