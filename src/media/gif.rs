//! Frames → an animated GIF: one global palette for every frame, and after
//! the first only the rectangle that changed, its unchanged pixels
//! transparent, so a race of a hundred steps stays small.

use super::MediaError;
use color_quant::NeuQuant;
use std::borrow::Cow;
use std::collections::HashMap;
use tiny_skia::Pixmap;

/// The palette index kept transparent: "the previous frame shows here".
const CLEAR: u8 = 255;
/// How long the last frame stays before the animation loops, in 1/100 s.
const HOLD_LAST: u16 = 200;

/// One palette of 255 colours (and the transparent index) from `samples`,
/// and the map from a pixel to its index.
pub struct Palette {
    quant: NeuQuant,
    cache: HashMap<[u8; 4], u8>,
}

impl Palette {
    /// A palette learnt from `samples` (the first and the last frame hold
    /// every colour the figure uses: background, isolines, every trail).
    pub fn learn(samples: &[&Pixmap]) -> Palette {
        let pixels: Vec<u8> = samples.iter().flat_map(|p| p.data()).copied().collect();
        Palette {
            quant: NeuQuant::new(10, 255, &pixels),
            cache: HashMap::new(),
        }
    }

    /// The global colour table, 256 RGB triples (the last one unused but
    /// for transparency).
    pub fn table(&self) -> Vec<u8> {
        let mut t = self.quant.color_map_rgb();
        t.resize(256 * 3, 255);
        t
    }

    /// Every pixel's index. The figure is opaque (drawn on white), so the
    /// pixmap's premultiplied colour is its colour.
    pub fn index(&mut self, p: &Pixmap) -> Vec<u8> {
        let quant = &self.quant;
        p.data()
            .chunks_exact(4)
            .map(|c| {
                let k = [c[0], c[1], c[2], 255];
                *self
                    .cache
                    .entry(k)
                    .or_insert_with(|| quant.index_of(&k) as u8)
            })
            .collect()
    }
}

/// The smallest rectangle (left, top, width, height) where `a` and `b`
/// differ, in an image `w` wide; `None` when they are equal.
pub fn changed(a: &[u8], b: &[u8], w: usize) -> Option<(usize, usize, usize, usize)> {
    let (mut x0, mut y0, mut x1, mut y1) = (usize::MAX, usize::MAX, 0, 0);
    for (i, (p, q)) in a.iter().zip(b).enumerate() {
        if p != q {
            let (x, y) = (i % w, i / w);
            x0 = x0.min(x);
            x1 = x1.max(x);
            y0 = y0.min(y);
            y1 = y1.max(y);
        }
    }
    (x0 != usize::MAX).then(|| (x0, y0, x1 - x0 + 1, y1 - y0 + 1))
}

/// Encode `frames` (all of one size) at `fps` frames per second,
/// looping, with `palette` as the one global colour table.
pub fn encode(
    mut palette: Palette,
    frames: impl Iterator<Item = Result<Pixmap, MediaError>>,
    fps: u32,
) -> Result<Vec<u8>, MediaError> {
    let err = |e: gif::EncodingError| MediaError::Gif(e.to_string());
    let delay = (100.0 / fps.max(1) as f64).round().max(2.0) as u16;
    let mut frames = frames.peekable();
    let mut encoder: Option<gif::Encoder<Vec<u8>>> = None;
    let mut prev: Vec<u8> = Vec::new();
    let mut width = 0usize;
    while let Some(pixmap) = frames.next() {
        let pixmap = pixmap?;
        let last = frames.peek().is_none();
        let idx = palette.index(&pixmap);
        let mut frame = gif::Frame {
            delay: if last { delay.max(HOLD_LAST) } else { delay },
            dispose: gif::DisposalMethod::Keep,
            ..gif::Frame::default()
        };
        match encoder.as_mut() {
            None => {
                width = pixmap.width() as usize;
                let (w, h) = (pixmap.width() as u16, pixmap.height() as u16);
                let mut e = gif::Encoder::new(Vec::new(), w, h, &palette.table()).map_err(err)?;
                e.set_repeat(gif::Repeat::Infinite).map_err(err)?;
                frame.width = w;
                frame.height = h;
                frame.buffer = Cow::Borrowed(&idx);
                e.write_frame(&frame).map_err(err)?;
                encoder = Some(e);
            }
            Some(e) => {
                // Only the changed rectangle; inside it, what did not
                // change is transparent (it compresses to almost nothing).
                let (x, y, w, h) = changed(&prev, &idx, width).unwrap_or((0, 0, 1, 1));
                let mut buf = Vec::with_capacity(w * h);
                for row in y..y + h {
                    for col in x..x + w {
                        let i = row * width + col;
                        buf.push(if idx[i] == prev[i] { CLEAR } else { idx[i] });
                    }
                }
                frame.left = x as u16;
                frame.top = y as u16;
                frame.width = w as u16;
                frame.height = h as u16;
                frame.transparent = Some(CLEAR);
                frame.buffer = Cow::Owned(buf);
                e.write_frame(&frame).map_err(err)?;
            }
        }
        prev = idx;
    }
    match encoder {
        Some(e) => e.into_inner().map_err(err),
        None => Err(MediaError::Gif("no frames".into())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_changed_rectangle_bounds_every_difference() {
        let a = vec![0u8; 5 * 4];
        let mut b = a.clone();
        assert_eq!(changed(&a, &b, 5), None);
        b[5 + 1] = 7; // (1, 1)
        b[3 * 5 + 3] = 7; // (3, 3)
        assert_eq!(changed(&a, &b, 5), Some((1, 1, 3, 3)));
    }
}
