//! SVG → a one-page vector PDF with svg2pdf: paths stay paths, the text is
//! text in the embedded fonts (subset into the file), 1 px = 1 pt. The same
//! bytes on every run: svg2pdf is patched for it (`vendor/svg2pdf`, see
//! Cargo.toml's `[patch.crates-io]`).

use super::{raster, MediaError};

/// A PDF of the SVG.
pub fn pdf(svg: &str) -> Result<Vec<u8>, MediaError> {
    let tree = raster::tree(svg)?;
    svg2pdf::to_pdf(
        &tree,
        svg2pdf::ConversionOptions::default(),
        svg2pdf::PageOptions::default(),
    )
    .map_err(|e| MediaError::Pdf(e.to_string()))
}
