//! A small MP4 (ISO BMFF) muxer for one H.264 track, written whole in
//! memory with the index (`moov`) before the data (`mdat`), so a player
//! starts at once ("fast start"). The frames are the browser encoder's
//! length-prefixed NAL units (`avc: {format: "avc"}`); `avcC` is its
//! decoder configuration record (`decoderConfig.description`). [`read`]
//! lists the boxes back, for the tests.

use super::webm::Chunk;

/// The H.264 track.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Avc {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// The AVCDecoderConfigurationRecord (SPS and PPS).
    pub config: Vec<u8>,
}

/// Media time unit: microseconds, WebCodecs' unit (frame times stay exact).
const MEDIA_SCALE: u32 = 1_000_000;
/// Movie time unit: milliseconds.
const MOVIE_SCALE: u32 = 1000;

fn boxed(kind: &[u8; 4], body: &[u8]) -> Vec<u8> {
    let mut out = ((body.len() + 8) as u32).to_be_bytes().to_vec();
    out.extend_from_slice(kind);
    out.extend_from_slice(body);
    out
}

/// A "full box": version 0 and 24 bits of flags before the body.
fn full(kind: &[u8; 4], flags: u32, body: &[u8]) -> Vec<u8> {
    let mut b = (flags & 0x00FF_FFFF).to_be_bytes().to_vec();
    b.extend_from_slice(body);
    boxed(kind, &b)
}

fn u32s(v: &[u32]) -> Vec<u8> {
    v.iter().flat_map(|x| x.to_be_bytes()).collect()
}

/// The unity matrix of movie and track headers.
fn matrix() -> Vec<u8> {
    u32s(&[0x0001_0000, 0, 0, 0, 0x0001_0000, 0, 0, 0, 0x4000_0000])
}

fn scale(us: u64, to: u32) -> u32 {
    (us.saturating_mul(to as u64) / MEDIA_SCALE as u64).min(u32::MAX as u64) as u32
}

fn sample_entry(t: &Avc) -> Vec<u8> {
    let mut b = vec![0u8; 6]; // reserved
    b.extend(1u16.to_be_bytes()); // data reference index
    b.extend([0u8; 16]); // pre-defined, reserved
    b.extend((t.width.min(65535) as u16).to_be_bytes());
    b.extend((t.height.min(65535) as u16).to_be_bytes());
    b.extend(u32s(&[0x0048_0000, 0x0048_0000, 0])); // 72 dpi, reserved
    b.extend(1u16.to_be_bytes()); // one frame per sample
    let mut name = [0u8; 32];
    name[0] = 9;
    name[1..10].copy_from_slice(b"gradscape");
    b.extend(name);
    b.extend(0x18u16.to_be_bytes()); // depth
    b.extend((-1i16).to_be_bytes()); // pre-defined
    b.extend(boxed(b"avcC", &t.config));
    boxed(b"avc1", &b)
}

/// The sample table: times, keyframes, sizes and the one chunk's offset.
fn stbl(t: &Avc, chunks: &[Chunk], duration_us: u64, data_at: u32) -> Vec<u8> {
    let stsd = full(b"stsd", 0, &[u32s(&[1]), sample_entry(t)].concat());
    // Each sample lasts until the next; the last until the end.
    let mut runs: Vec<(u32, u32)> = Vec::new();
    for (i, c) in chunks.iter().enumerate() {
        let next = chunks.get(i + 1).map_or(duration_us, |n| n.time_us);
        let d = next.saturating_sub(c.time_us).min(u32::MAX as u64) as u32;
        match runs.last_mut() {
            Some((n, delta)) if *delta == d => *n += 1,
            _ => runs.push((1, d)),
        }
    }
    let mut stts = u32s(&[runs.len() as u32]);
    for (n, d) in &runs {
        stts.extend(u32s(&[*n, *d]));
    }
    let keys: Vec<u32> = (1..)
        .zip(chunks)
        .filter(|(_, c)| c.key)
        .map(|(i, _)| i)
        .collect();
    let stss = [u32s(&[keys.len() as u32]), u32s(&keys)].concat();
    let n = chunks.len() as u32;
    let stsc = u32s(&[1, 1, n, 1]);
    let sizes: Vec<u32> = chunks.iter().map(|c| c.data.len() as u32).collect();
    let stsz = [u32s(&[0, n]), u32s(&sizes)].concat();
    let stco = u32s(&[1, data_at]);
    let body = [
        stsd,
        full(b"stts", 0, &stts),
        full(b"stss", 0, &stss),
        full(b"stsc", 0, &stsc),
        full(b"stsz", 0, &stsz),
        full(b"stco", 0, &stco),
    ]
    .concat();
    boxed(b"stbl", &body)
}

fn moov(t: &Avc, chunks: &[Chunk], duration_us: u64, data_at: u32) -> Vec<u8> {
    let movie = scale(duration_us, MOVIE_SCALE);
    let media = scale(duration_us, MEDIA_SCALE);
    let mvhd = [
        u32s(&[0, 0, MOVIE_SCALE, movie, 0x0001_0000]),
        0x0100u16.to_be_bytes().to_vec(),
        vec![0u8; 10],
        matrix(),
        vec![0u8; 24],
        u32s(&[2]), // next track id
    ]
    .concat();
    let tkhd = [
        u32s(&[0, 0, 1, 0, movie, 0, 0]),
        vec![0u8; 4], // layer, alternate group
        vec![0u8; 4], // volume, reserved
        matrix(),
        u32s(&[t.width << 16, t.height << 16]),
    ]
    .concat();
    let mdhd = [
        u32s(&[0, 0, MEDIA_SCALE, media]),
        0x55C4u16.to_be_bytes().to_vec(), // "und"
        vec![0u8; 2],
    ]
    .concat();
    let hdlr = [
        u32s(&[0]),
        b"vide".to_vec(),
        vec![0u8; 12],
        b"VideoHandler\0".to_vec(),
    ]
    .concat();
    let dref = full(b"dref", 0, &[u32s(&[1]), full(b"url ", 1, &[])].concat());
    let minf = [
        full(b"vmhd", 1, &[0u8; 8]),
        boxed(b"dinf", &dref),
        stbl(t, chunks, duration_us, data_at),
    ]
    .concat();
    let mdia = [
        full(b"mdhd", 0, &mdhd),
        full(b"hdlr", 0, &hdlr),
        boxed(b"minf", &minf),
    ]
    .concat();
    let trak = [full(b"tkhd", 3, &tkhd), boxed(b"mdia", &mdia)].concat();
    boxed(
        b"moov",
        &[full(b"mvhd", 0, &mvhd), boxed(b"trak", &trak)].concat(),
    )
}

/// The MP4 file of `chunks` (in presentation order, the first a keyframe)
/// lasting `duration_us`.
pub fn mux(track: &Avc, chunks: &[Chunk], duration_us: u64) -> Vec<u8> {
    let ftyp = boxed(b"ftyp", b"isom\0\0\x02\0isomiso2avc1mp41");
    // The index's size does not depend on where the data starts (32-bit
    // offsets), so it is built once to measure and once for real.
    let probe = moov(track, chunks, duration_us, 0).len();
    let data_at = (ftyp.len() + probe + 8) as u32;
    let mut out = ftyp;
    out.extend(moov(track, chunks, duration_us, data_at));
    let data: Vec<u8> = chunks.iter().flat_map(|c| c.data.iter().copied()).collect();
    out.extend(boxed(b"mdat", &data));
    out
}

/// One box read back: its type, where its body starts, its body's length
/// and its depth.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Box4 {
    /// The four-letter type.
    pub kind: [u8; 4],
    /// Offset of the body (after the 8-byte header and, for full boxes,
    /// not skipping version and flags).
    pub start: usize,
    /// Body length.
    pub len: usize,
    /// 0 for the top level.
    pub depth: usize,
}

/// Boxes holding boxes (the sample description's count and the sample
/// entry's fixed fields are skipped by [`read`]).
const CONTAINERS: [&[u8; 4]; 6] = [b"moov", b"trak", b"mdia", b"minf", b"stbl", b"dinf"];

/// Every box of `bytes` in file order, descending into the containers
/// this muxer writes, or `None` when the bytes do not parse.
pub fn read(bytes: &[u8]) -> Option<Vec<Box4>> {
    let mut out = Vec::new();
    read_into(bytes, 0, bytes.len(), 0, &mut out)?;
    Some(out)
}

fn read_into(b: &[u8], mut at: usize, end: usize, depth: usize, out: &mut Vec<Box4>) -> Option<()> {
    while at < end {
        let size = u32::from_be_bytes(b.get(at..at + 4)?.try_into().ok()?) as usize;
        let kind: [u8; 4] = b.get(at + 4..at + 8)?.try_into().ok()?;
        let stop = at.checked_add(size)?;
        if size < 8 || stop > end {
            return None;
        }
        out.push(Box4 {
            kind,
            start: at + 8,
            len: size - 8,
            depth,
        });
        if CONTAINERS.contains(&&kind) {
            read_into(b, at + 8, stop, depth + 1, out)?;
        }
        at = stop;
    }
    Some(())
}

#[cfg(test)]
mod tests;
