// A minimal EBML (WebM) reader for the animation export test: the track's
// size and codec, the duration, and every SimpleBlock/Block with its time
// (cluster time + the block's relative time, in ms) and keyframe flag.
export function blocks(buf) {
  const MASTER = new Set([0x1A45DFA3, 0x18538067, 0x1F43B675, 0xA0, 0x1654AE6B, 0xAE, 0xE0, 0x1C53BB6B, 0xBB, 0xB7, 0x114D9B74, 0x4DBB, 0x1549A966]);
  const vint = (at, keep) => {
    const first = buf[at];
    let len = 1; while (len <= 8 && !(first & (0x80 >> (len - 1)))) len++;
    let v = keep ? first : first & (0xFF >> len);
    for (let k = 1; k < len; k++) v = v * 256 + buf[at + k];
    return [v, len];
  };
  const out = { blocks: [], width: 0, height: 0, codec: '', duration: 0 };
  let cluster = 0;
  const walk = (at, end) => {
    while (at < end) {
      const [id, il] = vint(at, true);
      const [len, sl] = vint(at + il, false);
      const start = at + il + sl, stop = start + len;
      const uint = () => { let v = 0; for (let k = start; k < stop; k++) v = v * 256 + buf[k]; return v; };
      if (id === 0xE7) cluster = uint();
      if (id === 0xB0) out.width = uint();
      if (id === 0xBA) out.height = uint();
      if (id === 0x86) out.codec = buf.subarray(start, stop).toString('latin1');
      if (id === 0x4489) out.duration = len === 8 ? buf.readDoubleBE(start) : buf.readFloatBE(start);
      if (id === 0xA3 || id === 0xA1) {
        const rel = buf.readInt16BE(start + 1);
        out.blocks.push({ time: cluster + rel, key: id === 0xA3 && (buf[start + 3] & 0x80) !== 0, size: len });
      }
      if (MASTER.has(id)) walk(start, Math.min(stop, end));
      at = stop;
    }
  };
  walk(0, buf.length);
  return out;
}
