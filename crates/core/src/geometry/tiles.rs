//! Where a mostly transparent picture has pixels: the canvas's axes'
//! labels sit along two edges and the trails of a drag's kept picture
//! along a band, so compositing them whole blends a full canvas of
//! nothing. Source-over of a pixel whose alpha is 0 changes nothing, so
//! compositing only these rectangles gives the same pixels.

/// The tile's side, device px: small enough to follow a label column or a
/// trail, large enough that a canvas is a few dozen rectangles.
pub const TILE: usize = 64;

/// Rectangles (x, y, w, h; device px) covering every pixel of `rgba`
/// (`w` × `h`, 4 bytes a pixel) whose alpha is not 0: per band of
/// [`TILE`] rows, each run of neighbouring tiles holding such a pixel is
/// one rectangle. Empty for a wholly transparent picture (or a buffer
/// shorter than `w` × `h` pixels: nothing is read past it).
pub fn opaque_tiles(rgba: &[u8], w: usize, h: usize) -> Vec<(u32, u32, u32, u32)> {
    let mut out = Vec::new();
    if w == 0 || h == 0 || rgba.len() < 4 * w * h {
        return out;
    }
    let cols = w.div_ceil(TILE);
    let mut hit = vec![false; cols];
    for band in 0..h.div_ceil(TILE) {
        hit.fill(false);
        let (y0, y1) = (band * TILE, ((band + 1) * TILE).min(h));
        for row in rgba.chunks_exact(4 * w).take(y1).skip(y0) {
            for (c, seen) in hit.iter_mut().enumerate() {
                if *seen {
                    continue;
                }
                let (x0, x1) = (c * TILE, ((c + 1) * TILE).min(w));
                *seen = row[4 * x0..4 * x1].chunks_exact(4).any(|px| px[3] != 0);
            }
        }
        let mut c = 0;
        while c < cols {
            if !hit[c] {
                c += 1;
                continue;
            }
            let start = c;
            while c < cols && hit[c] {
                c += 1;
            }
            let x0 = start * TILE;
            let x1 = (c * TILE).min(w);
            out.push((x0 as u32, y0 as u32, (x1 - x0) as u32, (y1 - y0) as u32));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn canvas(w: usize, h: usize, dots: &[(usize, usize)]) -> Vec<u8> {
        let mut v = vec![0u8; 4 * w * h];
        for &(x, y) in dots {
            v[4 * (y * w + x) + 3] = 1;
        }
        v
    }

    /// Every pixel with alpha is inside some rectangle, and every
    /// rectangle lies inside the picture.
    fn covers(rects: &[(u32, u32, u32, u32)], w: usize, h: usize, dots: &[(usize, usize)]) {
        for r in rects {
            assert!(
                (r.0 + r.2) as usize <= w && (r.1 + r.3) as usize <= h,
                "{r:?}"
            );
        }
        for &(x, y) in dots {
            let inside = rects.iter().any(|&(rx, ry, rw, rh)| {
                let (x, y) = (x as u32, y as u32);
                x >= rx && x < rx + rw && y >= ry && y < ry + rh
            });
            assert!(inside, "({x}, {y}) not covered by {rects:?}");
        }
    }

    #[test]
    fn transparent_is_nothing_and_a_short_buffer_is_not_read() {
        assert!(opaque_tiles(&canvas(300, 200, &[]), 300, 200).is_empty());
        assert!(opaque_tiles(&[0, 0, 0, 255], 300, 200).is_empty());
        assert!(opaque_tiles(&[], 0, 0).is_empty());
    }

    #[test]
    fn labels_along_two_edges_leave_the_middle_out() {
        let (w, h) = (1750, 1020);
        // A column of labels at the left, a row at the bottom.
        let mut dots: Vec<(usize, usize)> = (0..h).step_by(37).map(|y| (5, y)).collect();
        dots.extend((0..w).step_by(41).map(|x| (x, h - 3)));
        let rects = opaque_tiles(&canvas(w, h, &dots), w, h);
        covers(&rects, w, h, &dots);
        let area: u32 = rects.iter().map(|r| r.2 * r.3).sum();
        assert!(area < (w * h / 8) as u32, "area {area} of {}", w * h);
        // The bottom band is one rectangle (neighbours merge).
        // (The last label, at x = 1722, is in the tile ending at 1728.)
        assert!(rects.contains(&(0, 960, 1728, 60)), "{rects:?}");
    }

    #[test]
    fn the_last_partial_tiles_are_covered() {
        let (w, h) = (130, 70);
        let dots = [(129, 69), (0, 0), (64, 63), (63, 64)];
        let rects = opaque_tiles(&canvas(w, h, &dots), w, h);
        covers(&rects, w, h, &dots);
        // Row 0: two neighbours merged; row 1: the empty middle tile splits it.
        assert_eq!(
            rects,
            vec![(0, 0, 128, 64), (0, 64, 64, 6), (128, 64, 2, 6)]
        );
    }
}
