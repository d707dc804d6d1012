//! SVG → pixels with resvg, at the SVG's own size.

use super::{font, MediaError};
use tiny_skia::Pixmap;

/// The SVG parsed with the embedded fonts only.
pub fn tree(svg: &str) -> Result<usvg::Tree, MediaError> {
    let opt = usvg::Options {
        fontdb: font::database(),
        font_family: font::DEFAULT_FAMILY.into(),
        languages: vec!["en".into(), "zh-CN".into()],
        ..usvg::Options::default()
    };
    usvg::Tree::from_str(svg, &opt).map_err(|e| MediaError::Svg(e.to_string()))
}

/// The most pixels an image may have (a 10000 × 10000 figure at scale 1:
/// 400 MB of RGBA while it is drawn).
pub const MAX_PIXELS: u64 = 100_000_000;

/// The pixel size of `tree` drawn at `scale` pixels per SVG unit, or
/// [`MediaError::Size`] when it is over [`MAX_PIXELS`].
pub fn size(tree: &usvg::Tree, scale: u32) -> Result<(u32, u32), MediaError> {
    let size = tree.size().to_int_size();
    let (w, h) = (size.width() * scale, size.height() * scale);
    if w as u64 * h as u64 > MAX_PIXELS {
        return Err(MediaError::Size(w, h));
    }
    Ok((w, h))
}

/// The tree drawn on a pixmap of its size times `scale` (the SVG is drawn
/// on white).
pub fn pixmap(tree: &usvg::Tree, scale: u32) -> Result<Pixmap, MediaError> {
    let (w, h) = size(tree, scale)?;
    let mut pixmap = Pixmap::new(w, h).ok_or(MediaError::Size(w, h))?;
    let k = scale as f32;
    resvg::render(
        tree,
        tiny_skia::Transform::from_scale(k, k),
        &mut pixmap.as_mut(),
    );
    Ok(pixmap)
}

/// A PNG of the SVG at `scale` pixels per SVG unit.
pub fn png(svg: &str, scale: u32) -> Result<Vec<u8>, MediaError> {
    let p = pixmap(&tree(svg)?, scale)?;
    p.encode_png().map_err(|e| MediaError::Svg(e.to_string()))
}
