// The plain-JS baselines of the browser benchmark. They live here only: the
// page never loads them. Both compute what the wasm heatmap computes —
// f at every pixel centre of the surface's default view, non-finite values
// replaced by the largest finite one, t = ln((f − lo + δ)/δ) / ln((hi − lo
// + δ)/δ) with δ = 1e-4·(hi − lo), colour = lut[round(255·t)] — into kept
// buffers, like the wasm does.

export const SURFACES = {
  // The seed's bowl 0.1·x² + 2·y² on [−5.5, 1] × [−3, 2].
  bowl: { view: [-5.5, 1, -3, 2], f: (x, y) => 0.1 * (x * x) + 2 * (y * y) },
  // Rosenbrock (1 − x)² + 100·(y − x²)² on [−2, 2] × [−1, 3].
  rosenbrock: {
    view: [-2, 2, -1, 3],
    f: (x, y) => { const d = 1 - x, r = y - x * x; return d * d + 100 * (r * r); },
  },
};

// Sample f at the pixel centres; returns [lo, hi] of the finite values.
function sample(kind, w, h, values) {
  const { view: [x0, x1, y0, y1], f } = SURFACES[kind];
  let lo = Infinity, hi = -Infinity, bad = false;
  for (let j = 0; j < h; j++) {
    const y = y1 - (j + 0.5) / h * (y1 - y0);
    for (let i = 0; i < w; i++) {
      const x = x0 + (i + 0.5) / w * (x1 - x0);
      const v = f(x, y);
      values[j * w + i] = v;
      if (Number.isFinite(v)) { if (v < lo) lo = v; if (v > hi) hi = v; } else bad = true;
    }
  }
  if (bad) for (let k = 0; k < w * h; k++) if (!Number.isFinite(values[k])) values[k] = hi;
  return [lo, hi];
}

// What a teacher would write: Math.log per pixel, a colour table, four
// bytes into the ImageData's array.
export function rasterPlain(kind, w, h, values, out, lut) {
  const [lo, hi] = sample(kind, w, h, values);
  const d = (hi - lo) * 1e-4;
  const span = Math.log((hi - lo + d) / d);
  for (let k = 0; k < w * h; k++) {
    const t = Math.min(1, Math.max(0, Math.log((Math.max(0, values[k] - lo) + d) / d) / span));
    const c = Math.round(t * 255) * 4;
    out[4 * k] = lut[c];
    out[4 * k + 1] = lut[c + 1];
    out[4 * k + 2] = lut[c + 2];
    out[4 * k + 3] = 255;
  }
}

// The same with the wasm's tricks: ln from the float's exponent bits and a
// short series (src/surface.rs fast_ln), and one 32-bit store per pixel.
const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);
const LN2 = Math.LN2;
export function rasterFastLog(kind, w, h, values, out32, lut32) {
  const [lo, hi] = sample(kind, w, h, values);
  const delta = (hi - lo) * 1e-4;
  const invDelta = 1 / delta;
  const k255 = 255 / Math.log((hi - lo + delta) / delta);
  for (let k = 0; k < w * h; k++) {
    f32[0] = Math.min(Math.max(0, values[k] - lo) * invDelta, 1e30) + 1;
    const bits = u32[0];
    const tmp = (bits - 0x3f3504f3) | 0;
    const e = tmp >> 23;
    u32[0] = bits - (tmp & 0xff800000);
    const m = f32[0];
    const s = (m - 1) / (m + 1), s2 = s * s;
    const ln = e * LN2 + 2 * s * (1 + s2 * (1 / 3 + s2 * (1 / 5 + s2 * (1 / 7))));
    out32[k] = lut32[Math.min(255, (ln * k255 + 0.5) | 0)];
  }
}
