//! WebCodecs' `VideoEncoder`, bound here by hand: web-sys has it only
//! behind `--cfg=web_sys_unstable_apis`, which would change how the whole
//! crate is built. Frames go in as canvases with their timestamps; the
//! encoded chunks (and, for H.264, the decoder's configuration record) are
//! collected for [`crate::export::webm`] and [`crate::export::mp4`].

use crate::export::webm::Chunk;
use js_sys::{Object, Promise, Reflect, Uint8Array};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::HtmlCanvasElement;

#[wasm_bindgen]
extern "C" {
    type VideoEncoder;
    #[wasm_bindgen(constructor, catch)]
    fn new(init: &Object) -> Result<VideoEncoder, JsValue>;
    #[wasm_bindgen(method, catch)]
    fn configure(this: &VideoEncoder, config: &Object) -> Result<(), JsValue>;
    #[wasm_bindgen(method, catch)]
    fn encode(this: &VideoEncoder, frame: &VideoFrame, options: &Object) -> Result<(), JsValue>;
    #[wasm_bindgen(method)]
    fn flush(this: &VideoEncoder) -> Promise;
    #[wasm_bindgen(method, catch)]
    fn close(this: &VideoEncoder) -> Result<(), JsValue>;
    #[wasm_bindgen(method, getter, js_name = encodeQueueSize)]
    fn encode_queue_size(this: &VideoEncoder) -> u32;
    #[wasm_bindgen(static_method_of = VideoEncoder, js_name = isConfigSupported, catch)]
    fn is_config_supported(config: &Object) -> Result<Promise, JsValue>;

    type VideoFrame;
    #[wasm_bindgen(constructor, catch)]
    fn new(source: &HtmlCanvasElement, init: &Object) -> Result<VideoFrame, JsValue>;
    #[wasm_bindgen(method, js_name = close)]
    fn close_frame(this: &VideoFrame);

    type EncodedVideoChunk;
    #[wasm_bindgen(method, getter, js_name = type)]
    fn kind(this: &EncodedVideoChunk) -> String;
    #[wasm_bindgen(method, getter)]
    fn timestamp(this: &EncodedVideoChunk) -> f64;
    #[wasm_bindgen(method, getter, js_name = byteLength)]
    fn byte_length(this: &EncodedVideoChunk) -> u32;
    #[wasm_bindgen(method, js_name = copyTo)]
    fn copy_to(this: &EncodedVideoChunk, dest: &Uint8Array);
}

/// Whether this browser has WebCodecs' encoder at all.
pub fn available() -> bool {
    Reflect::has(&js_sys::global(), &"VideoEncoder".into()).unwrap_or(false)
        && Reflect::has(&js_sys::global(), &"VideoFrame".into()).unwrap_or(false)
}

fn object(pairs: &[(&str, JsValue)]) -> Object {
    let o = Object::new();
    for (k, v) in pairs {
        // Setting a property on a fresh plain object cannot fail.
        let _ = Reflect::set(&o, &(*k).into(), v);
    }
    o
}

fn config(codec: &str, w: u32, h: u32, fps: u32) -> Object {
    // Enough bits for sharp text and thin lines; the pictures are mostly
    // still, so the files stay small anyway.
    let bitrate = (w as f64 * h as f64 * fps as f64 * 0.2).clamp(1e6, 2e7);
    let c = object(&[
        ("codec", codec.into()),
        ("width", w.into()),
        ("height", h.into()),
        ("bitrate", bitrate.into()),
        ("framerate", fps.into()),
    ]);
    if codec.starts_with("avc1") {
        // Length-prefixed NAL units and a separate configuration record:
        // what MP4 stores (the default, Annex B, is for streams).
        let avc = object(&[("format", "avc".into())]);
        let _ = Reflect::set(&c, &"avc".into(), &avc);
    }
    c
}

/// Whether the browser encodes `codec` (a WebCodecs codec string) at this
/// size.
pub async fn supports(codec: &str, w: u32, h: u32, fps: u32) -> bool {
    if !available() {
        return false;
    }
    let Ok(p) = VideoEncoder::is_config_supported(&config(codec, w, h, fps)) else {
        return false;
    };
    match JsFuture::from(p).await {
        Ok(r) => Reflect::get(&r, &"supported".into())
            .map(|v| v.is_truthy())
            .unwrap_or(false),
        Err(_) => false,
    }
}

/// What the encoder's callbacks hand over.
#[derive(Default)]
struct Out {
    chunks: Vec<Chunk>,
    /// H.264's AVCDecoderConfigurationRecord, with the first keyframe.
    description: Option<Vec<u8>>,
    error: Option<String>,
}

/// A configured encoder and the chunks it has written so far.
pub struct Encoder {
    enc: VideoEncoder,
    out: Rc<RefCell<Out>>,
    // Kept alive as long as the encoder may call them.
    _output: Closure<dyn FnMut(EncodedVideoChunk, JsValue)>,
    _error: Closure<dyn FnMut(JsValue)>,
}

impl Encoder {
    /// An encoder of `codec` at `w`×`h`, `fps` frames per second.
    pub fn new(codec: &str, w: u32, h: u32, fps: u32) -> Result<Encoder, JsValue> {
        let out = Rc::new(RefCell::new(Out::default()));
        let o = out.clone();
        let output = Closure::<dyn FnMut(EncodedVideoChunk, JsValue)>::new(
            move |c: EncodedVideoChunk, meta: JsValue| {
                let bytes = Uint8Array::new_with_length(c.byte_length());
                c.copy_to(&bytes);
                let description = Reflect::get(&meta, &"decoderConfig".into())
                    .and_then(|d| Reflect::get(&d, &"description".into()))
                    .ok()
                    .filter(|d| !d.is_undefined() && !d.is_null())
                    .map(|d| Uint8Array::new(&d).to_vec());
                let mut out = o.borrow_mut();
                if description.is_some() && out.description.is_none() {
                    out.description = description;
                }
                out.chunks.push(Chunk {
                    time_us: c.timestamp().max(0.0) as u64,
                    key: c.kind() == "key",
                    data: bytes.to_vec(),
                });
            },
        );
        let o = out.clone();
        let error = Closure::<dyn FnMut(JsValue)>::new(move |e: JsValue| {
            let text = Reflect::get(&e, &"message".into())
                .ok()
                .and_then(|m| m.as_string())
                .unwrap_or_else(|| "VideoEncoder".into());
            o.borrow_mut().error = Some(text);
        });
        let init = object(&[
            ("output", output.as_ref().clone()),
            ("error", error.as_ref().clone()),
        ]);
        let enc = VideoEncoder::new(&init)?;
        enc.configure(&config(codec, w, h, fps))?;
        Ok(Encoder {
            enc,
            out,
            _output: output,
            _error: error,
        })
    }

    /// Encode the canvas as the frame at `time_us` lasting `length_us`.
    pub fn encode(
        &self,
        canvas: &HtmlCanvasElement,
        time_us: u64,
        length_us: u64,
        key: bool,
    ) -> Result<(), JsValue> {
        if let Some(e) = self.out.borrow().error.clone() {
            return Err(e.into());
        }
        let init = object(&[
            ("timestamp", (time_us as f64).into()),
            ("duration", (length_us as f64).into()),
        ]);
        let frame = VideoFrame::new(canvas, &init)?;
        let r = self
            .enc
            .encode(&frame, &object(&[("keyFrame", key.into())]));
        // The encoder holds its own reference; ours goes now (a frame not
        // closed keeps its pixels until garbage collection).
        frame.close_frame();
        r
    }

    /// Frames waiting to be encoded.
    pub fn queued(&self) -> u32 {
        self.enc.encode_queue_size()
    }

    /// Wait until every frame is encoded; the chunks in time order and
    /// the decoder's configuration record when the codec gave one.
    pub async fn finish(self) -> Result<(Vec<Chunk>, Option<Vec<u8>>), JsValue> {
        JsFuture::from(self.enc.flush()).await?;
        let _ = self.enc.close();
        let mut out = self.out.borrow_mut();
        if let Some(e) = out.error.take() {
            return Err(e.into());
        }
        let mut chunks = std::mem::take(&mut out.chunks);
        chunks.sort_by_key(|c| c.time_us);
        Ok((chunks, out.description.take()))
    }

    /// Stop now and free the encoder (what Cancel does).
    pub fn stop(&self) {
        let _ = self.enc.close();
    }
}
