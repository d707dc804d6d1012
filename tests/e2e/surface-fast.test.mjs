// The fast heatmap path in the real build (wasm SIMD lanes, the compiled
// formulas) gives the same bytes as the plain per-sample path, f through
// `Landscape::value` at every centre; and a surface change in the page
// redraws the picture with the kept canvas (nothing stale: the heatmap
// follows the parameter).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserSuite, open } from './support.mjs';

// One server and one browser for the file.
const suite = browserSuite();

test('fast heatmap bytes equal the per-sample path for every surface and formula', async () => {
  const { page, context } = await open(suite.browser, suite.server.url + '?f=quadratic');
  await page.waitForFunction(() => window.wasmBindings?.bench_raster_exact_rgba, null, { timeout: 20000 });
  const kinds = [
    'bowl', 'rosenbrock', 'rastrigin', 'himmelblau', 'beale', 'saddle',
    'f:0.1*x^2 + 2*y^2', 'f:(1 - x)^2 + 100*(y - x^2)^2', 'f:sin(x)*cos(y) + 0.05*(x^2 + y^2)',
    'f:x^4 - 4*x^2 + y^2 + 0.5*x', 'f:abs(x) + 10*abs(y)', 'f:ln(x*y) - max(x, y)^-1 / 3',
    // Flat; far from zero (f + 1e12: the colour from the f64 difference);
    // NaN over half the plane; +∞ in places.
    'f:7', 'f:x^2 + y^2 + 1e12', 'f:sqrt(x) + y^2', 'f:1/(x*y)',
  ];
  // Odd widths: the SIMD loop's 4-sample steps and its scalar tail.
  const sizes = [[257, 131], [640, 401], [2, 2], [13, 7], [3, 5]];
  const bad = await page.evaluate(({ kinds, sizes }) => {
    const b = window.wasmBindings;
    const out = [];
    for (const k of kinds) for (const [w, h] of sizes) {
      b.bench_raster(k, w, h);
      const fast = b.bench_raster_rgba();
      const exact = b.bench_raster_exact_rgba(k, w, h);
      let diff = fast.length === exact.length ? 0 : -1;
      for (let i = 0; diff >= 0 && i < fast.length; i++) if (fast[i] !== exact[i]) diff++;
      if (diff !== 0) out.push(`${k} ${w}×${h}: ${diff} bytes differ`);
    }
    return out;
  }, { kinds, sizes });
  assert.deepEqual(bad, []);
  await context.close();
});

test('a surface parameter change repaints the heatmap from the kept canvas', async () => {
  const { page, context } = await open(suite.browser, suite.server.url + '?f=quadratic&a=0.1&b=2', { width: 1000, height: 800, dpr: 1 });
  await page.waitForFunction(() => document.querySelector('#plot')?.dataset.draws > 0, null, { timeout: 20000 });
  // A pixel right of centre (x > 0, y = 0) on the plot: its colour follows a.
  const pixel = () => page.evaluate(() => {
    const c = document.querySelector('#plot');
    const [r, g, b] = c.getContext('2d').getImageData(Math.round(c.width * 0.8), Math.round(c.height * 0.5), 1, 1).data;
    return [r, g, b].join(',');
  });
  const set = async (v) => {
    const before = await page.evaluate(() => document.querySelector('#plot').dataset.draws);
    await page.evaluate((v) => {
      const el = document.querySelector('#surface-params input.num[data-key="a"]');
      el.value = v;
      el.dispatchEvent(new Event('input', { bubbles: true }));
      el.dispatchEvent(new Event('change', { bubbles: true }));
    }, v);
    await page.waitForFunction((d) => document.querySelector('#plot').dataset.draws !== d, before);
    // The low-resolution picture of an interaction settles to the full one.
    await page.waitForTimeout(400);
    return pixel();
  };
  const first = await pixel();
  const raised = await set('1.5');
  assert.notEqual(raised, first, 'the heatmap follows a');
  const back = await set('0.1');
  assert.equal(back, first, 'the same parameter, the same pixels (kept canvas, no stale picture)');
  await context.close();
});
