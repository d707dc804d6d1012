use super::*;

fn frames(n: u64, fps: u64) -> Vec<Chunk> {
    (0..n)
        .map(|i| Chunk {
            time_us: i * 1_000_000 / fps,
            key: i % 20 == 0,
            data: vec![i as u8; 5 + i as usize],
        })
        .collect()
}

fn find(b: &[Box4], kind: &[u8; 4]) -> Box4 {
    *b.iter().find(|x| &x.kind == kind).expect("box")
}

fn be(b: &[u8], at: usize) -> u32 {
    u32::from_be_bytes(b[at..at + 4].try_into().unwrap())
}

#[test]
fn a_race_reads_back_with_its_index_before_its_data() {
    let t = Avc {
        width: 1280,
        height: 720,
        config: vec![1, 0x42, 0, 0x2a, 0xff, 0xe1],
    };
    let chunks = frames(21, 10);
    let b = mux(&t, &chunks, 2_100_000);
    let boxes = read(&b).expect("parses");
    let top: Vec<&[u8; 4]> = boxes
        .iter()
        .filter(|x| x.depth == 0)
        .map(|x| &x.kind)
        .collect();
    assert_eq!(top, [b"ftyp", b"moov", b"mdat"]);
    // Durations: the movie's in ms, the media's in µs.
    let mvhd = find(&boxes, b"mvhd");
    assert_eq!(be(&b, mvhd.start + 12), 1000);
    assert_eq!(be(&b, mvhd.start + 16), 2100);
    let mdhd = find(&boxes, b"mdhd");
    assert_eq!(be(&b, mdhd.start + 12), 1_000_000);
    assert_eq!(be(&b, mdhd.start + 16), 2_100_000);
    let tkhd = find(&boxes, b"tkhd");
    assert_eq!(be(&b, tkhd.start + 76), 1280 << 16);
    assert_eq!(be(&b, tkhd.start + 80), 720 << 16);
    // The sample entry carries the size and the decoder record.
    let stsd = find(&boxes, b"stsd");
    let entry = stsd.start + 8;
    assert_eq!(&b[entry + 4..entry + 8], b"avc1");
    assert_eq!(u16::from_be_bytes([b[entry + 32], b[entry + 33]]), 1280);
    assert_eq!(u16::from_be_bytes([b[entry + 34], b[entry + 35]]), 720);
    let avcc = entry + 8 + 78;
    assert_eq!(&b[avcc + 4..avcc + 8], b"avcC");
    assert_eq!(&b[avcc + 8..avcc + 8 + t.config.len()], &t.config[..]);
    // 21 samples of 100 ms; keyframes 1 and 21 (1-based).
    let stts = find(&boxes, b"stts");
    assert_eq!(
        [
            be(&b, stts.start + 4),
            be(&b, stts.start + 8),
            be(&b, stts.start + 12)
        ],
        [1, 21, 100_000]
    );
    let stss = find(&boxes, b"stss");
    assert_eq!(
        [
            be(&b, stss.start + 4),
            be(&b, stss.start + 8),
            be(&b, stss.start + 12)
        ],
        [2, 1, 21]
    );
    let stsz = find(&boxes, b"stsz");
    assert_eq!(be(&b, stsz.start + 8), 21);
    let sizes: Vec<u32> = (0..21).map(|i| be(&b, stsz.start + 12 + 4 * i)).collect();
    assert_eq!(
        sizes,
        chunks
            .iter()
            .map(|c| c.data.len() as u32)
            .collect::<Vec<_>>()
    );
    // The one chunk's offset is the data's start: sample k is where the sizes say.
    let stco = find(&boxes, b"stco");
    let at = be(&b, stco.start + 8) as usize;
    assert_eq!(at, find(&boxes, b"mdat").start);
    let mut off = at;
    for c in &chunks {
        assert_eq!(&b[off..off + c.data.len()], &c.data[..]);
        off += c.data.len();
    }
    assert_eq!(off, b.len());
}

#[test]
fn uneven_frame_times_become_several_stts_runs() {
    let t = Avc {
        width: 64,
        height: 48,
        config: vec![1],
    };
    // 30 fps in µs: 33333, 33333, 33334, …
    let chunks = frames(4, 30);
    let b = mux(&t, &chunks, 133_333);
    let boxes = read(&b).unwrap();
    let stts = find(&boxes, b"stts");
    let n = be(&b, stts.start + 4) as usize;
    let total: u64 = (0..n)
        .map(|k| be(&b, stts.start + 8 + 8 * k) as u64 * be(&b, stts.start + 12 + 8 * k) as u64)
        .sum();
    assert_eq!(total, 133_333, "the samples add up to the duration");
    assert!(read(&[0, 0, 0, 4, b'f', b'r', b'e', b'e']).is_none());
}
