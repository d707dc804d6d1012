//! The command line's media exports: the SVG figure as PNG, PDF or an
//! animated GIF of the race. Native and behind the `cli` feature only, so the
//! page's wasm never links a rasterizer, a font or a PDF writer.
//!
//! One path for every format: `gradscape_text::svg::render` writes the SVG,
//! usvg parses it with the embedded fonts only (`font`), then resvg
//! rasterizes it (`raster`, `gif`) or svg2pdf turns it into vector PDF
//! (`pdf`). A figure therefore looks the same on every machine.

pub mod font;
pub mod gif;
pub mod pdf;
pub mod raster;

use crate::svg::{render, SvgOptions};
use crate::{Scene, Trajectory};
use std::fmt;

/// What `render` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// The SVG text itself.
    Svg,
    /// A PNG of the SVG, at its size in pixels.
    Png,
    /// A one-page vector PDF, 1 px = 1 pt (for `\includegraphics`).
    Pdf,
    /// An animated GIF of the runs, one frame per chosen step.
    Gif,
}

impl Format {
    /// The format an output file's extension names (`.svg`, `.png`, `.pdf`,
    /// `.gif`, any case); `None` for any other.
    pub fn from_extension(path: &std::path::Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "svg" => Some(Format::Svg),
            "png" => Some(Format::Png),
            "pdf" => Some(Format::Pdf),
            "gif" => Some(Format::Gif),
            _ => None,
        }
    }
}

/// How pixels are made: the raster scale of a PNG or GIF, and how an
/// animation advances.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Animation {
    /// Draw every k-th step (the last step is always drawn).
    pub every: usize,
    /// Frames per second.
    pub fps: u32,
    /// Pixels per SVG unit of a PNG or a GIF (2: sharp on a HiDPI screen).
    pub scale: u32,
}

impl Default for Animation {
    fn default() -> Self {
        Animation {
            every: 1,
            fps: 10,
            scale: 1,
        }
    }
}

/// Pixels per SVG unit a PNG or GIF may take.
pub const SCALE_RANGE: (u32, u32) = (1, 4);

/// Frames per second a GIF can show: its delays are in 1/100 s and browsers
/// slow any delay under 2/100 s down to 1/10 s.
pub const FPS_RANGE: (u32, u32) = (1, 50);

/// The steps a GIF shows, one a frame (the page's animation's rule).
pub use crate::export::plan::frame_steps;

/// Why a figure could not be made (never expected for the SVG this crate
/// writes; kept typed so the CLI can word it instead of panicking).
#[derive(Debug)]
pub enum MediaError {
    /// usvg refused the SVG.
    Svg(String),
    /// An image of this many pixels is too large (over
    /// [`raster::MAX_PIXELS`]) or could not be allocated.
    Size(u32, u32),
    /// svg2pdf failed.
    Pdf(String),
    /// The GIF encoder failed.
    Gif(String),
}

impl fmt::Display for MediaError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MediaError::Svg(e) => write!(f, "SVG: {e}"),
            MediaError::Size(w, h) => write!(f, "{w}×{h}"),
            MediaError::Pdf(e) => write!(f, "PDF: {e}"),
            MediaError::Gif(e) => write!(f, "GIF: {e}"),
        }
    }
}

/// The bytes of `scene`'s figure in `format`. `opt.step` is ignored for a
/// GIF, whose frames are the steps of `anim`; `anim.scale` applies to PNG
/// and GIF.
pub fn export(
    scene: &Scene,
    runs: &[Trajectory],
    opt: &SvgOptions,
    format: Format,
    anim: Animation,
) -> Result<Vec<u8>, MediaError> {
    export_telling(scene, runs, opt, format, anim, &mut |_, _| ())
}

/// [`export`], calling `frame_done(k, n)` after each of a GIF's `n` frames
/// (the CLI's progress line for a long animation).
pub fn export_telling(
    scene: &Scene,
    runs: &[Trajectory],
    opt: &SvgOptions,
    format: Format,
    anim: Animation,
    frame_done: &mut dyn FnMut(usize, usize),
) -> Result<Vec<u8>, MediaError> {
    match format {
        Format::Svg => Ok(render(scene, runs, opt).into_bytes()),
        Format::Png => raster::png(&render(scene, runs, opt), anim.scale),
        Format::Pdf => pdf::pdf(&render(scene, runs, opt)),
        Format::Gif => {
            let frame = |k: usize| {
                let svg = render(
                    scene,
                    runs,
                    &SvgOptions {
                        step: Some(k),
                        ..opt.clone()
                    },
                );
                raster::pixmap(&raster::tree(&svg)?, anim.scale)
            };
            let palette = gif::Palette::learn(&[&frame(0)?, &frame(scene.steps)?]);
            let steps = frame_steps(scene.steps, anim.every);
            let n = steps.len();
            let frames = steps.into_iter().enumerate().map(|(i, k)| {
                let f = frame(k);
                frame_done(i + 1, n);
                f
            });
            gif::encode(palette, frames, anim.fps)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_are_every_kth_step_and_always_the_last() {
        assert_eq!(frame_steps(5, 1), vec![0, 1, 2, 3, 4, 5]);
        assert_eq!(frame_steps(3, 100), vec![0, 3]);
        assert_eq!(frame_steps(0, 1), vec![0]);
    }

    #[test]
    fn the_extension_names_the_format() {
        use std::path::Path;
        assert_eq!(
            Format::from_extension(Path::new("a/fig.PDF")),
            Some(Format::Pdf)
        );
        assert_eq!(
            Format::from_extension(Path::new("fig.gif")),
            Some(Format::Gif)
        );
        assert_eq!(
            Format::from_extension(Path::new("fig.svg")),
            Some(Format::Svg)
        );
        assert_eq!(
            Format::from_extension(Path::new("fig.png")),
            Some(Format::Png)
        );
        assert_eq!(Format::from_extension(Path::new("fig.jpeg")), None);
        assert_eq!(Format::from_extension(Path::new("fig")), None);
    }
}
