// The plain-JS baselines of the browser benchmark. They live here only: the
// page never loads them. Both compute what the wasm heatmap computes —
// f at every pixel centre of the surface's default view, non-finite values
// replaced by the largest finite one, t = ln((f − lo + δ)/δ) / ln((hi − lo
// + δ)/δ) with δ = 1e-4·(hi − lo), colour = lut[round(255·t)] — into kept
// buffers, like the wasm does.

export const SURFACES = {
  // The seed's bowl 0.1·x² + 2·y² on [−6, 1] × [−3.2, 2.2].
  bowl: { view: [-6, 1, -3.2, 2.2], f: (x, y) => 0.1 * (x * x) + 2 * (y * y) },
  // Rosenbrock (1 − x)² + 100·(y − x²)² on [−2, 2] × [−1, 3].
  rosenbrock: {
    view: [-2, 2, -1, 3],
    f: (x, y) => { const d = 1 - x, r = y - x * x; return d * d + 100 * (r * r); },
  },
};

// Sample f at the pixel centres of `view` [x0, x1, y0, y1]; returns
// [lo, hi] of the finite values.
function sampleAt(f, [x0, x1, y0, y1], w, h, values) {
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

const sample = (kind, w, h, values) => sampleAt(SURFACES[kind].f, SURFACES[kind].view, w, h, values);

// What a teacher would write: Math.log per pixel, a colour table, four
// bytes into the ImageData's array.
export function rasterPlain(kind, w, h, values, out, lut) {
  colourPlain(sample(kind, w, h, values), w, h, values, out, lut);
}

// The colouring half of rasterPlain: log scale → colour table → RGBA.
function colourPlain([lo, hi], w, h, values, out, lut) {
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

// The surfaces of the surface-change benchmark (scripts/bench-lib.mjs
// surfaceChange), as the page defines them at their default parameters; the
// two formulas are the ones the benchmark types.
export const FUNCTIONS = {
  bowl: SURFACES.bowl.f,
  rosenbrock: SURFACES.rosenbrock.f,
  // Rastrigin with A = 10: 2A + Σ (x² − A·cos 2πx).
  rastrigin: (x, y) => 20 + (x * x - 10 * Math.cos(2 * Math.PI * x)) + (y * y - 10 * Math.cos(2 * Math.PI * y)),
  'bowl formula': SURFACES.bowl.f,
  // The page's "egg crate" example formula.
  'egg-crate formula': (x, y) => Math.sin(x) * Math.cos(y) + 0.05 * (x * x + y * y),
};

// What a plain-JS page would do for a whole surface picture: f at every
// device pixel of `view`, Math.log, the colour table, putImageData on
// `ctx` (a 1-pixel read makes the canvas finish). `buf` holds kept buffers.
export function surfacePlain(f, view, ctx, lut, buf) {
  const { width: w, height: h } = ctx.canvas;
  if (!buf.img || buf.img.width !== w || buf.img.height !== h) {
    buf.img = new ImageData(w, h);
    buf.values = new Float64Array(w * h);
  }
  colourPlain(sampleAt(f, view, w, h, buf.values), w, h, buf.values, buf.img.data, lut);
  ctx.putImageData(buf.img, 0, 0);
  ctx.getImageData(0, 0, 1, 1);
}
