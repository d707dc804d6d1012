// The benchmark runs (`make bench`, scripts/bench.mjs): a 2-repetition smoke
// run of its browser half against dist/. No timing is asserted: only that
// every figure is a finite number, and that the wasm heatmap and the plain-JS
// baselines computed the same pixels (so the comparison is fair).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { DIST } from './support.mjs';
import {
  ROOT, serveMounts, launch, benchPage, sliderFrame, firstContour, pageWeight,
} from '../../scripts/bench-lib.mjs';

let server, browser;
before(async () => {
  server = await serveMounts({ '/': DIST, '/bench/': join(ROOT, 'www', 'bench') });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const finite = (x, what) => assert.ok(Number.isFinite(x) && x >= 0, `${what}: ${x}`);

test('the bench page times wasm and both JS baselines on the same pixels', async () => {
  const r = await benchPage(browser, server.url, { reps: 2, warmup: 0 });
  for (const key of ['bowl/1280x800', 'rosenbrock/1280x800', 'bowl/2560x1600', 'rosenbrock/2560x1600']) {
    const v = r.raster[key];
    assert.ok(v, `no figures for ${key}`);
    for (const k of ['wasm', 'js', 'jsFastLog', 'wasmSample', 'wasmColour']) finite(v[k], `${key} ${k}`);
    // Same colour table, same formulas: at most a few pixels one LUT step
    // apart (f64 Math.log vs the fast log at a rounding boundary).
    const [w, h] = key.split('/')[1].split('x').map(Number);
    assert.ok(v.channelsDifferingFromJs <= w * h * 4 * 1e-3, `${key}: ${v.channelsDifferingFromJs} channels differ`);
    assert.ok(v.maxChannelDifference <= 6, `${key}: a channel differs by ${v.maxChannelDifference}`);
  }
  finite(r.putImageData, 'putImageData');
});

test('the page-level figures: slider → frame, first contour, page weight', async () => {
  const s = await sliderFrame(browser, server.url, { reps: 2, warmup: 0, steps: 1000 });
  assert.equal(s.n, 2);
  finite(s.median, 'slider → frame');
  const f = await firstContour(browser, server.url, 1);
  finite(f.median, 'first contour');
  const w = await pageWeight(DIST);
  for (const k of ['wasm', 'js', 'css', 'html']) assert.ok(w[k].raw > 0 && w[k].gzip > 0 && w[k].gzip < w[k].raw, k);
});
