//! The pen's blend: a colour at an alpha × coverage, source-over onto
//! opaque pixels, rounded as the canvas rounds 8-bit alpha (exact integer
//! arithmetic).

/// Source-over of `src` at `a8` × coverage onto the pixels, the coverage
/// cleared as it is read (most of a span is uncovered: 8 pixels at a time
/// skipped).
pub(super) fn blend(px: &mut [[u8; 4]], cover: &mut [u8], src: [i32; 3], a8: i32) {
    let (words, rest) = cover.as_chunks_mut::<8>();
    let n = words.len() * 8;
    for (k, word) in words.iter_mut().enumerate() {
        if u64::from_ne_bytes(*word) != 0 {
            blend_px(&mut px[8 * k..][..8], word, src, a8);
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
#[cfg_attr(
    all(target_arch = "wasm32", target_feature = "simd128"),
    allow(dead_code)
)]
#[inline]
pub(super) fn mix(d: u8, s: i32, t: i32) -> u8 {
    let d = i32::from(d);
    // Never negative: (s − d)·t ≥ −d·255².
    div_65025((d * 65025 + (s - d) * t + 32512) as u32) as u8
}

/// x / 255² by a multiply and a shift (wasm has no cheaper division by a
/// constant: LLVM leaves it to the engine), exact for x < 2²⁴ (a test
/// checks every numerator `mix` makes).
#[cfg_attr(
    all(target_arch = "wasm32", target_feature = "simd128"),
    allow(dead_code)
)]
#[inline]
pub(super) fn div_65025(x: u32) -> u32 {
    ((u64::from(x) * 16_909_061) >> 40) as u32
}
