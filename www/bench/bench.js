// The browser half of `make bench`: times the wasm heatmap and the plain-JS
// baselines in one page, median of `reps` runs after `warmup` runs, and
// leaves the figures in `window.benchResults` (and on the page).
import init, {
  bench_raster, bench_sample, bench_colour, bench_raster_rgba, bench_put, bench_lut, bench_page_surface,
  bench_picture,
} from '../gradscape.js';
import { rasterPlain, rasterFastLog } from './baseline.js';

const q = new URLSearchParams(location.search);
const REPS = Math.max(1, Number(q.get('reps') ?? 25));
const WARMUP = Math.max(0, Number(q.get('warmup') ?? 5));
const out = document.getElementById('out');

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

// Median wall time (ms) of fn(), after warm-up runs: at least WARMUP of
// them and at least 300 ms (wasm starts in V8's baseline tier and is
// optimized in the background; on a busy machine that takes a while).
function time(fn) {
  const w0 = performance.now();
  for (let i = 0; i < WARMUP || (WARMUP > 0 && performance.now() - w0 < 300); i++) fn();
  const ts = [];
  for (let i = 0; i < REPS; i++) {
    const t0 = performance.now();
    fn();
    ts.push(performance.now() - t0);
  }
  return { median: median(ts), min: Math.min(...ts), max: Math.max(...ts), n: ts.length };
}

async function run() {
  const t0 = performance.now();
  await init();
  const initMs = performance.now() - t0;
  const lut = bench_lut();
  const lut32 = new Uint32Array(lut.buffer, lut.byteOffset, 256);
  const results = {
    reps: REPS, warmup: WARMUP, initMs,
    crossOriginIsolated: globalThis.crossOriginIsolated === true,
    userAgent: navigator.userAgent,
    devicePixelRatio: devicePixelRatio,
    raster: {},
  };
  for (const [w, h] of [[1280, 800], [2560, 1600]]) {
    const values = new Float64Array(w * h);
    const img = new ImageData(w, h);
    const out32 = new Uint32Array(img.data.buffer);
    for (const kind of ['bowl', 'rosenbrock']) {
      const key = `${kind}/${w}x${h}`;
      // The page path: the page's own surface renderer (heatmap, isolines,
      // axes, minima on a canvas), finished by a 1-pixel read.
      const page = time(() => bench_page_surface(kind, w, h).getContext('2d').getImageData(0, 0, 1, 1));
      // The same picture without the canvas (what native `picture` times).
      const picture = time(() => bench_picture(kind, w, h));
      const wasm = time(() => bench_raster(kind, w, h));
      const wasmRgba = bench_raster_rgba();
      // The two halves apart: sampling f (and its range), then colouring.
      const wasmSample = time(() => bench_sample(kind, w, h));
      const wasmColour = time(() => bench_colour());
      const plain = time(() => rasterPlain(kind, w, h, values, img.data, lut));
      // Same colours? Count the pixels whose colour differs from the wasm's.
      let diff = 0;
      let maxd = 0;
      for (let k = 0; k < w * h * 4; k++) {
        const d = Math.abs(img.data[k] - wasmRgba[k]);
        if (d) { diff++; maxd = Math.max(maxd, d); }
      }
      const fast = time(() => rasterFastLog(kind, w, h, values, out32, lut32));
      results.raster[key] = {
        page: page.median, pageMin: page.min, picture: picture.median, pictureMin: picture.min,
        wasm: wasm.median, js: plain.median, jsFastLog: fast.median,
        wasmSample: wasmSample.median, wasmColour: wasmColour.median,
        wasmMin: wasm.min, jsMin: plain.min, jsFastLogMin: fast.min,
        channelsDifferingFromJs: diff, maxChannelDifference: maxd,
      };
      out.textContent = JSON.stringify(results, null, 1);
    }
  }
  // putImageData of the last 1280×800 heatmap from a view on wasm memory,
  // forced to finish by reading one pixel back.
  bench_raster('bowl', 1280, 800);
  const canvas = document.getElementById('blit');
  const ctx = canvas.getContext('2d', { willReadFrequently: false });
  results.putImageData = time(() => { bench_put(ctx); ctx.getImageData(0, 0, 1, 1); }).median;
  results.totalMs = performance.now() - t0;
  out.textContent = JSON.stringify(results, null, 1);
  window.benchResults = results;
}

run().catch((e) => {
  out.textContent = `error: ${e?.stack ?? e}`;
  window.benchResults = { error: String(e?.stack ?? e) };
});
