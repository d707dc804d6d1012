//! A small WebM (Matroska) muxer: one video track of VP8 or VP9 frames
//! encoded elsewhere (the browser's `VideoEncoder`), written whole in
//! memory — an exported race is a few MB at most. Layout: EBML header,
//! then a Segment of known size holding a SeekHead, Info (with the
//! duration, so a `<video>` knows it before playing), Tracks, one Cluster
//! per keyframe (≈ 2 s, so each block's 16-bit relative time fits) and
//! Cues pointing at the clusters (for seeking). [`read`] parses the
//! elements back, for the tests.

/// The codec of the frames.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Codec {
    /// `V_VP8`.
    Vp8,
    /// `V_VP9`.
    Vp9,
}

impl Codec {
    fn id(self) -> &'static str {
        match self {
            Codec::Vp8 => "V_VP8",
            Codec::Vp9 => "V_VP9",
        }
    }
}

/// One encoded frame.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chunk {
    /// Presentation time in microseconds (WebCodecs' unit).
    pub time_us: u64,
    /// A keyframe (decodable alone).
    pub key: bool,
    /// The codec's bytes.
    pub data: Vec<u8>,
}

/// The video track.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Track {
    /// Codec of every chunk.
    pub codec: Codec,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
}

// Element ids (Matroska specification), with their length markers.
const EBML: u32 = 0x1A45_DFA3;
const SEGMENT: u32 = 0x1853_8067;
const SEEK_HEAD: u32 = 0x114D_9B74;
const SEEK: u32 = 0x4DBB;
const SEEK_ID: u32 = 0x53AB;
const SEEK_POSITION: u32 = 0x53AC;
const INFO: u32 = 0x1549_A966;
const TIMECODE_SCALE: u32 = 0x2A_D7B1;
const DURATION: u32 = 0x4489;
const MUXING_APP: u32 = 0x4D80;
const WRITING_APP: u32 = 0x5741;
const TRACKS: u32 = 0x1654_AE6B;
const TRACK_ENTRY: u32 = 0xAE;
const CLUSTER: u32 = 0x1F43_B675;
const TIMECODE: u32 = 0xE7;
const SIMPLE_BLOCK: u32 = 0xA3;
const CUES: u32 = 0x1C53_BB6B;

/// Element ids whose content is more elements (for [`read`]).
const MASTERS: [u32; 12] = [
    EBML,
    SEGMENT,
    SEEK_HEAD,
    SEEK,
    INFO,
    TRACKS,
    TRACK_ENTRY,
    0xE0, // Video
    CLUSTER,
    CUES,
    0xBB, // CuePoint
    0xB7, // CueTrackPositions
];

/// Ticks of the block times: 1 ms (the usual TimecodeScale of 10⁶ ns).
const TICK_US: u64 = 1000;

/// The id's bytes (ids carry their own length marker).
fn id_bytes(id: u32) -> Vec<u8> {
    let b = id.to_be_bytes();
    let skip = b.iter().take_while(|&&x| x == 0).count().min(3);
    b[skip..].to_vec()
}

/// A size as an EBML variable-length integer (the shortest form).
fn vint(n: u64) -> Vec<u8> {
    let mut len = 1;
    while len < 8 && n >= (1u64 << (7 * len)) - 1 {
        len += 1;
    }
    let marked = n | (1u64 << (7 * len));
    marked.to_be_bytes()[8 - len..].to_vec()
}

fn element(id: u32, body: &[u8]) -> Vec<u8> {
    let mut out = id_bytes(id);
    out.extend(vint(body.len() as u64));
    out.extend_from_slice(body);
    out
}

fn uint(id: u32, v: u64) -> Vec<u8> {
    let b = v.to_be_bytes();
    let skip = b.iter().take_while(|&&x| x == 0).count().min(7);
    element(id, &b[skip..])
}

/// An unsigned integer in a fixed 8 bytes: a position known only after
/// the element holding it is sized.
fn uint8(id: u32, v: u64) -> Vec<u8> {
    element(id, &v.to_be_bytes())
}

fn text(id: u32, s: &str) -> Vec<u8> {
    element(id, s.as_bytes())
}

fn float(id: u32, v: f64) -> Vec<u8> {
    element(id, &v.to_be_bytes())
}

fn header() -> Vec<u8> {
    let body = [
        uint(0x4286, 1), // EBMLVersion
        uint(0x42F7, 1), // EBMLReadVersion
        uint(0x42F2, 4), // EBMLMaxIDLength
        uint(0x42F3, 8), // EBMLMaxSizeLength
        text(0x4282, "webm"),
        uint(0x4287, 4), // DocTypeVersion
        uint(0x4285, 2), // DocTypeReadVersion
    ]
    .concat();
    element(EBML, &body)
}

fn tracks(track: &Track) -> Vec<u8> {
    let video = [
        uint(0xB0, track.width as u64),  // PixelWidth
        uint(0xBA, track.height as u64), // PixelHeight
    ]
    .concat();
    let entry = [
        uint(0xD7, 1),   // TrackNumber
        uint(0x73C5, 1), // TrackUID
        uint(0x83, 1),   // TrackType: video
        uint(0x9C, 0),   // FlagLacing
        text(0x86, track.codec.id()),
        element(0xE0, &video),
    ]
    .concat();
    element(TRACKS, &element(TRACK_ENTRY, &entry))
}

fn info(duration_us: u64) -> Vec<u8> {
    let body = [
        uint(TIMECODE_SCALE, TICK_US * 1000),
        float(DURATION, duration_us as f64 / TICK_US as f64),
        text(MUXING_APP, "gradscape"),
        text(WRITING_APP, "gradscape"),
    ]
    .concat();
    element(INFO, &body)
}

/// The chunks split into clusters: a new one at every keyframe, or when a
/// block's time relative to its cluster would leave the signed 16 bits.
fn clusters(chunks: &[Chunk]) -> Vec<(u64, Vec<u8>)> {
    let mut out: Vec<(u64, Vec<u8>)> = Vec::new();
    for c in chunks {
        let tick = c.time_us / TICK_US;
        let fits = out
            .last()
            .is_some_and(|(t0, _)| tick >= *t0 && tick - t0 < i16::MAX as u64);
        if c.key || !fits {
            out.push((tick, uint(TIMECODE, tick)));
        }
        let Some((t0, body)) = out.last_mut() else {
            continue;
        };
        let mut block = vec![0x81]; // track 1 as a vint
        block.extend(((tick - *t0) as i16).to_be_bytes());
        block.push(if c.key { 0x80 } else { 0 });
        block.extend_from_slice(&c.data);
        body.extend(element(SIMPLE_BLOCK, &block));
    }
    out
}

/// The WebM file of `chunks` (in presentation order; the first one should
/// be a keyframe) lasting `duration_us`.
pub fn mux(track: &Track, chunks: &[Chunk], duration_us: u64) -> Vec<u8> {
    let info = info(duration_us);
    let tracks = tracks(track);
    let clusters: Vec<(u64, Vec<u8>)> = clusters(chunks)
        .into_iter()
        .map(|(t, body)| (t, element(CLUSTER, &body)))
        .collect();
    // The SeekHead has a fixed size (8-byte positions), so the offsets of
    // what follows it are known before it is written.
    let seek = |id: u32, pos: u64| {
        element(
            SEEK,
            &[element(SEEK_ID, &id_bytes(id)), uint8(SEEK_POSITION, pos)].concat(),
        )
    };
    let seek_len = element(
        SEEK_HEAD,
        &[seek(INFO, 0), seek(TRACKS, 0), seek(CUES, 0)].concat(),
    )
    .len() as u64;
    let info_at = seek_len;
    let tracks_at = info_at + info.len() as u64;
    let mut at = tracks_at + tracks.len() as u64;
    let mut points = Vec::new();
    for (t, c) in &clusters {
        let pos = [
            uint(0xF7, 1),  // CueTrack
            uint(0xF1, at), // CueClusterPosition
        ]
        .concat();
        points.push(element(
            0xBB,
            &[uint(0xB3, *t), element(0xB7, &pos)].concat(),
        ));
        at += c.len() as u64;
    }
    let cues = element(CUES, &points.concat());
    let head = element(
        SEEK_HEAD,
        &[seek(INFO, info_at), seek(TRACKS, tracks_at), seek(CUES, at)].concat(),
    );
    let mut body = head;
    body.extend(info);
    body.extend(tracks);
    for (_, c) in clusters {
        body.extend(c);
    }
    body.extend(cues);
    let mut out = header();
    out.extend(element(SEGMENT, &body));
    out
}

/// One element read back: its id, where its content starts and how long
/// it is, and its depth.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Element {
    /// The id, with its length marker (as the constants above).
    pub id: u32,
    /// Offset of the content in the file.
    pub start: usize,
    /// Length of the content.
    pub len: usize,
    /// 0 for the top level.
    pub depth: usize,
}

fn read_vint(b: &[u8], at: usize, keep_marker: bool) -> Option<(u64, usize)> {
    let first = *b.get(at)?;
    let len = first.leading_zeros() as usize + 1;
    if len > 8 {
        return None;
    }
    let mut v = if keep_marker {
        first as u64
    } else {
        (first as u64) & (0xFF >> len)
    };
    for k in 1..len {
        v = (v << 8) | *b.get(at + k)? as u64;
    }
    Some((v, len))
}

/// Every element of `bytes` in file order (descending into the master
/// elements this muxer writes), or `None` when the bytes do not parse.
pub fn read(bytes: &[u8]) -> Option<Vec<Element>> {
    let mut out = Vec::new();
    read_into(bytes, 0, bytes.len(), 0, &mut out)?;
    Some(out)
}

fn read_into(
    b: &[u8],
    mut at: usize,
    end: usize,
    depth: usize,
    out: &mut Vec<Element>,
) -> Option<()> {
    while at < end {
        let (id, il) = read_vint(b, at, true)?;
        let (len, sl) = read_vint(b, at + il, false)?;
        let start = at + il + sl;
        let stop = start.checked_add(len as usize)?;
        if stop > end || id > u32::MAX as u64 {
            return None;
        }
        let id = id as u32;
        out.push(Element {
            id,
            start,
            len: len as usize,
            depth,
        });
        if MASTERS.contains(&id) {
            read_into(b, start, stop, depth + 1, out)?;
        }
        at = stop;
    }
    Some(())
}

#[cfg(test)]
mod tests;
