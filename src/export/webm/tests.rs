use super::*;

fn frames(n: u64, fps: u64, key_every: u64) -> Vec<Chunk> {
    (0..n)
        .map(|i| Chunk {
            time_us: i * 1_000_000 / fps,
            key: i % key_every == 0,
            data: vec![i as u8; 3 + i as usize],
        })
        .collect()
}

fn of(els: &[Element], id: u32) -> Vec<Element> {
    els.iter().copied().filter(|e| e.id == id).collect()
}

fn be(b: &[u8], e: &Element) -> u64 {
    b[e.start..e.start + e.len]
        .iter()
        .fold(0, |v, &x| (v << 8) | x as u64)
}

#[test]
fn sizes_are_the_shortest_vints_and_127_is_not_the_reserved_one_byte_form() {
    assert_eq!(vint(0), [0x80]);
    assert_eq!(vint(126), [0xFE]);
    assert_eq!(vint(127), [0x40, 0x7F]);
    assert_eq!(vint(300), [0x41, 0x2C]);
    for n in [0u64, 1, 126, 127, 128, 16382, 16383, 1 << 20, 1 << 40] {
        let b = vint(n);
        assert_eq!(read_vint(&b, 0, false), Some((n, b.len())), "{n}");
    }
    assert_eq!(id_bytes(SIMPLE_BLOCK), [0xA3]);
    assert_eq!(id_bytes(EBML), [0x1A, 0x45, 0xDF, 0xA3]);
}

#[test]
fn a_race_reads_back_with_its_track_blocks_times_and_keyframes() {
    let track = Track {
        codec: Codec::Vp9,
        width: 1280,
        height: 720,
    };
    let chunks = frames(25, 10, 20);
    let b = mux(&track, &chunks, 2_500_000);
    let els = read(&b).expect("parses");
    // Two top-level elements: the header and the segment, which ends the file.
    let top: Vec<_> = els.iter().filter(|e| e.depth == 0).collect();
    assert_eq!(top.len(), 2);
    assert_eq!((top[0].id, top[1].id), (EBML, SEGMENT));
    assert_eq!(top[1].start + top[1].len, b.len());
    let doc = of(&els, 0x4282)[0];
    assert_eq!(&b[doc.start..doc.start + doc.len], b"webm");
    let codec = of(&els, 0x86)[0];
    assert_eq!(&b[codec.start..codec.start + codec.len], b"V_VP9");
    assert_eq!(be(&b, &of(&els, 0xB0)[0]), 1280);
    assert_eq!(be(&b, &of(&els, 0xBA)[0]), 720);
    let d = of(&els, DURATION)[0];
    let dur = f64::from_be_bytes(b[d.start..d.start + 8].try_into().unwrap());
    assert_eq!(dur, 2500.0);
    assert_eq!(be(&b, &of(&els, TIMECODE_SCALE)[0]), 1_000_000);
    // Every frame is a block; its time is its cluster's plus its own.
    let mut times = Vec::new();
    let mut keys = Vec::new();
    let mut cluster_time = 0;
    for e in &els {
        if e.id == TIMECODE {
            cluster_time = be(&b, e);
        }
        if e.id == SIMPLE_BLOCK {
            assert_eq!(b[e.start], 0x81, "track 1");
            let rel = i16::from_be_bytes([b[e.start + 1], b[e.start + 2]]);
            times.push(cluster_time as i64 + rel as i64);
            keys.push(b[e.start + 3] & 0x80 != 0);
            let i = times.len() - 1;
            assert_eq!(&b[e.start + 4..e.start + e.len], &chunks[i].data[..]);
        }
    }
    assert_eq!(times, (0..25).map(|i| i * 100).collect::<Vec<i64>>());
    assert_eq!(
        keys,
        (0..25).map(|i| i % 20 == 0).collect::<Vec<bool>>(),
        "keyframe flags"
    );
    // One cluster per keyframe; the cues point at them.
    let clusters = of(&els, CLUSTER);
    assert_eq!(clusters.len(), 2);
    let seg = top[1].start;
    let cue_pos: Vec<u64> = of(&els, 0xF1).iter().map(|e| be(&b, e)).collect();
    let cue_times: Vec<u64> = of(&els, 0xB3).iter().map(|e| be(&b, e)).collect();
    assert_eq!(cue_times, [0, 2000]);
    for (c, pos) in clusters.iter().zip(&cue_pos) {
        // The position is the element's id, relative to the segment's content.
        assert_eq!(&b[seg + *pos as usize..][..4], &id_bytes(CLUSTER)[..]);
        assert!(seg + (*pos as usize) < c.start);
    }
    // The seek head points at Info, Tracks and Cues.
    let ids: Vec<u64> = of(&els, SEEK_ID).iter().map(|e| be(&b, e)).collect();
    let pos: Vec<u64> = of(&els, SEEK_POSITION).iter().map(|e| be(&b, e)).collect();
    assert_eq!(ids, [INFO as u64, TRACKS as u64, CUES as u64]);
    for (id, p) in ids.iter().zip(pos) {
        let want = id_bytes(*id as u32);
        assert_eq!(&b[seg + p as usize..][..want.len()], &want[..]);
    }
}

#[test]
fn a_long_gap_without_a_keyframe_opens_a_cluster_so_relative_times_fit() {
    let track = Track {
        codec: Codec::Vp8,
        width: 64,
        height: 48,
    };
    let chunks = vec![
        Chunk {
            time_us: 0,
            key: true,
            data: vec![1],
        },
        Chunk {
            time_us: 40_000_000,
            key: false,
            data: vec![2],
        },
    ];
    let b = mux(&track, &chunks, 41_000_000);
    let els = read(&b).unwrap();
    assert_eq!(of(&els, CLUSTER).len(), 2);
    let tc: Vec<u64> = of(&els, TIMECODE).iter().map(|e| be(&b, e)).collect();
    assert_eq!(tc, [0, 40_000]);
    let codec = of(&els, 0x86)[0];
    assert_eq!(&b[codec.start..codec.start + codec.len], b"V_VP8");
}

#[test]
fn bytes_that_are_not_ebml_do_not_parse() {
    assert_eq!(read(&[0x1A, 0x45, 0xDF, 0xA3, 0x88, 0]), None);
    assert_eq!(read(&[0x00]), None);
    assert_eq!(read(&[]), Some(vec![]));
}
