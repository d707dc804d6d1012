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

/// The tree drawn on a pixmap of its size (the SVG is drawn on white).
pub fn pixmap(tree: &usvg::Tree) -> Result<Pixmap, MediaError> {
    let size = tree.size().to_int_size();
    let (w, h) = (size.width(), size.height());
    let mut pixmap = Pixmap::new(w, h).ok_or(MediaError::Size(w, h))?;
    resvg::render(tree, tiny_skia::Transform::identity(), &mut pixmap.as_mut());
    Ok(pixmap)
}

/// A PNG of the SVG.
pub fn png(svg: &str) -> Result<Vec<u8>, MediaError> {
    let p = pixmap(&tree(svg)?)?;
    p.encode_png().map_err(|e| MediaError::Svg(e.to_string()))
}
