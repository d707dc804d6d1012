//! The pen's blend: a colour at an alpha × coverage, source-over onto
//! opaque pixels, rounded as the canvas rounds 8-bit alpha (exact integer
//! arithmetic).

/// Source-over of `src` at `a8` × coverage onto the pixels, the coverage
/// cleared as it is read (most of a span is uncovered: 8 pixels at a time
/// skipped, and of the 8 only the covered visited).
pub(super) fn blend(px: &mut [[u8; 4]], cover: &mut [u8], src: [i32; 3], a8: i32) {
    let (words, rest) = cover.as_chunks_mut::<8>();
    let n = words.len() * 8;
    let [r, g, b] = src;
    for (k, word) in words.iter_mut().enumerate() {
        let m = u64::from_le_bytes(*word);
        if m != 0 {
            // The covered pixels' bytes, one high bit each: only those are
            // visited (a test per pixel of the 8 was mostly mispredicted).
            const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
            let mut hit = ((m & LOW7).wrapping_add(LOW7) | m) & !LOW7;
            let px = &mut px[8 * k..][..8];
            while hit != 0 {
                let i = (hit.trailing_zeros() / 8) as usize;
                let t = a8 * i32::from(word[i]);
                let p = &mut px[i];
                p[0] = mix(p[0], r, t);
                p[1] = mix(p[1], g, t);
                p[2] = mix(p[2], b, t);
                hit &= hit - 1;
            }
            *word = [0; 8];
        }
    }
    blend_px(&mut px[n..], rest, src, a8);
}

#[inline]
fn blend_px(px: &mut [[u8; 4]], cover: &mut [u8], src: [i32; 3], a8: i32) {
    let [r, g, b] = src;
    for (p, c) in px.iter_mut().zip(cover.iter_mut()) {
        if *c != 0 {
            let t = a8 * i32::from(*c);
            p[0] = mix(p[0], r, t);
            p[1] = mix(p[1], g, t);
            p[2] = mix(p[2], b, t);
            *c = 0;
        }
    }
}

/// d + (s − d)·t/255², rounded (255² is odd: no ties), for t ≤ 255².
#[inline]
pub(super) fn mix(d: u8, s: i32, t: i32) -> u8 {
    let d = i32::from(d);
    // Never negative: (s − d)·t ≥ −d·255².
    div_65025((d * 65025 + (s - d) * t + 32512) as u32) as u8
}

/// x / 255² by a multiply and a shift (wasm has no cheaper division by a
/// constant: LLVM leaves it to the engine), exact for x < 2²⁴ (a test
/// checks every numerator `mix` makes).
#[inline]
pub(super) fn div_65025(x: u32) -> u32 {
    ((u64::from(x) * 16_909_061) >> 40) as u32
}

#[cfg(test)]
mod tests {
    use super::{blend, blend_px};

    /// The word-at-a-time blend visits exactly the covered pixels: every
    /// coverage (1, the top bit alone, 255 …) at every place of a word and
    /// in the tail, against the pixel-by-pixel blend.
    #[test]
    fn the_word_blend_is_the_pixel_blend() {
        let n = 8 * 40 + 5;
        for seed in 0..256u32 {
            let cover: Vec<u8> = (0..n as u32)
                .map(|i| {
                    let h = (i.wrapping_mul(2_654_435_761) ^ seed.wrapping_mul(40_503)) >> 7;
                    if h % 3 == 0 {
                        0
                    } else {
                        ((h as usize + i as usize * 7 + seed as usize) % 256) as u8
                    }
                })
                .collect();
            let px0: Vec<[u8; 4]> = (0..n)
                .map(|i| [(i * 13) as u8, (i * 29) as u8, (i * 71) as u8, 255])
                .collect();
            let (mut a, mut b) = (px0.clone(), px0);
            let (mut ca, mut cb) = (cover.clone(), cover);
            let a8 = (seed % 256) as i32;
            blend(&mut a, &mut ca, [250, 3, 128], a8);
            blend_px(&mut b, &mut cb, [250, 3, 128], a8);
            assert_eq!(a, b, "seed {seed}");
            assert!(ca.iter().all(|&c| c == 0) && cb.iter().all(|&c| c == 0));
        }
    }
}
