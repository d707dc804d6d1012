//! SVG → a one-page vector PDF with svg2pdf: paths stay paths, the text is
//! text in the embedded fonts (subset into the file), 1 px = 1 pt.

use super::{raster, MediaError};

/// A PDF of the SVG, the same bytes on every run.
pub fn pdf(svg: &str) -> Result<Vec<u8>, MediaError> {
    let tree = raster::tree(svg)?;
    let bytes = svg2pdf::to_pdf(
        &tree,
        svg2pdf::ConversionOptions::default(),
        svg2pdf::PageOptions::default(),
    )
    .map_err(|e| MediaError::Pdf(e.to_string()))?;
    Ok(sorted_resources(bytes))
}

/// svg2pdf 0.13 writes a resource dictionary's entries (`/gs0 7 0 R`, one
/// a line) in a `HashMap`'s order, which changes from run to run, so a
/// figure rebuilt by a Makefile differed every time. Each run of such
/// lines is put in name order in place: the same lines, so the same
/// length, and the cross-reference table's offsets stay right. Streams
/// (content, fonts) are left alone.
fn sorted_resources(mut pdf: Vec<u8>) -> Vec<u8> {
    // `/gs12 9 0 R` → ("gs", 12): a resource's name, its kind and number.
    fn entry(line: &[u8]) -> Option<(&str, u64)> {
        let text = std::str::from_utf8(line).ok()?.trim_start();
        let (name, target) = text.strip_prefix('/')?.split_once(' ')?;
        let number = name.trim_start_matches(|c: char| c.is_ascii_lowercase());
        let kind = &name[..name.len() - number.len()];
        let whole = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        let target = target.strip_suffix(" 0 R")?;
        (!kind.is_empty() && whole(target)).then_some((kind, number.parse().ok()?))
    }
    let mut lines = Vec::new();
    let mut start = 0;
    let mut in_stream = false;
    while start < pdf.len() {
        let end = pdf[start..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(pdf.len(), |i| start + i);
        let line = &pdf[start..end];
        if in_stream {
            in_stream = !line.starts_with(b"endstream");
        } else if line == b"stream" {
            in_stream = true;
        } else {
            lines.push((start, end, entry(line).is_some()));
        }
        start = end + 1;
    }
    let mut i = 0;
    while i < lines.len() {
        let run = lines[i..].iter().take_while(|l| l.2).count();
        if run > 1 {
            let (from, to) = (lines[i].0, lines[i + run - 1].1);
            let mut sorted: Vec<Vec<u8>> = lines[i..i + run]
                .iter()
                .map(|&(s, e, _)| pdf[s..e].to_vec())
                .collect();
            sorted.sort_by(|a, b| entry(a).cmp(&entry(b)));
            let joined = sorted.join(&b'\n');
            pdf[from..to].copy_from_slice(&joined);
        }
        i += run.max(1);
    }
    pdf
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resource_entries_are_put_in_name_order_in_place() {
        let before = b"<<\n  /ExtGState <<\n    /gs10 9 0 R\n    /gs2 8 0 R\n    /gs0 7 0 R\n  >>\n  /Font <<\n    /fo0 1 0 R\n  >>\n>>\nstream\n/gs1 3 0 R\n/gs0 2 0 R\nendstream\n";
        let after = sorted_resources(before.to_vec());
        assert_eq!(after.len(), before.len());
        assert_eq!(
            std::str::from_utf8(&after).unwrap(),
            "<<\n  /ExtGState <<\n    /gs0 7 0 R\n    /gs2 8 0 R\n    /gs10 9 0 R\n  >>\n  /Font <<\n    /fo0 1 0 R\n  >>\n>>\nstream\n/gs1 3 0 R\n/gs0 2 0 R\nendstream\n",
            "a stream's bytes are not touched"
        );
    }
}
