// The surface's isolines and minima markers are drawn by the pen in wasm
// (crates/core/src/surface/pen.rs) into the heatmap's pixels; they must
// look as the canvas's own stroke of the same paths did: the page's picture
// is drawn three ways (pen, canvas paths, no lines) and compared pixel by
// pixel, at DPR 1 and 2, normal and presenting.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserSuite, open } from './support.mjs';

const suite = browserSuite();

// Allowed difference per channel between the pen and the canvas. The pen
// covers a pixel by the exact area; the canvas (Skia) samples a stroke
// wider than a pixel on 4 sub-rows, so its coverage is off by up to an
// eighth of a pixel (24 levels at the presenting alpha 0.7 on viridis's
// blue, its widest channel), and it joins segments with miters where the
// pen rounds them (a few pixels at sharp turns differ more). Measured at
// 1280×720: at most 0.5 % of the line pixels over SMALL (Rastrigin), the
// largest difference 161 (a marker's end, presenting).
const SMALL = 24;
// Of the pixels the lines change, at most this share may differ by more
// than SMALL, and no pixel by more than MAX.
const SHARE = 0.01;
const MAX = 180;

const CASES = ['f=quadratic', 'f=rosenbrock', 'f=rastrigin', 'f=himmelblau'];

for (const dpr of [1, 2]) {
  for (const present of [false, true]) {
    test(`pen strokes look like the canvas's, DPR ${dpr}${present ? ', presenting' : ''}`, async () => {
      const { page, context } = await open(suite.browser, suite.server.url + '?' + CASES[0] + (present ? '&present' : ''), { width: 1280, height: 720, dpr });
      await page.waitForFunction(() => document.querySelector('#plot')?.dataset.draws > 0, null, { timeout: 20000 });
      for (const q of CASES) {
        const f = new URLSearchParams(q).get('f');
        if (q !== CASES[0]) {
          const before = await page.evaluate(() => document.querySelector('#plot').dataset.draws);
          // Set as the picker would (it is hidden while presenting).
          await page.evaluate((f) => {
            const el = document.getElementById('surface');
            el.value = f;
            el.dispatchEvent(new Event('change', { bubbles: true }));
          }, f);
          await page.waitForFunction((d) => document.querySelector('#plot').dataset.draws !== d, before);
        }
        await page.waitForTimeout(300);
        const r = await page.evaluate((SMALL) => {
          const b = window.wasmBindings;
          const pen = b.surface_pixels('pen');
          const canvas = b.surface_pixels('canvas');
          const off = b.surface_pixels('off');
          let lines = 0, big = 0, max = 0, penLines = 0;
          for (let i = 0; i < pen.length; i += 4) {
            let d = 0, dl = 0, dp = 0;
            for (let c = 0; c < 3; c++) {
              d = Math.max(d, Math.abs(pen[i + c] - canvas[i + c]));
              dl = Math.max(dl, Math.abs(canvas[i + c] - off[i + c]));
              dp = Math.max(dp, Math.abs(pen[i + c] - off[i + c]));
            }
            if (dl > 0) lines++;
            if (dp > 0) penLines++;
            if (d > SMALL) big++;
            max = Math.max(max, d);
          }
          const plot = document.querySelector('#plot');
          return { n: pen.length, want: plot.width * plot.height * 4, lines, penLines, big, max, ok: pen.length === canvas.length && canvas.length === off.length };
        }, SMALL);
        const where = `${q} DPR ${dpr}${present ? ' presenting' : ''}: ${JSON.stringify(r)}`;
        assert.ok(r.ok && r.n === r.want, `three pictures of the plot's size: ${where}`);
        // The lines are there (thousands of pixels), drawn by both.
        assert.ok(r.lines > 2000, `the canvas draws lines: ${where}`);
        assert.ok(Math.abs(r.penLines - r.lines) < 0.1 * r.lines, `the pen touches about the same pixels: ${where}`);
        assert.ok(r.big <= SHARE * r.lines, `few pixels differ by more than ${SMALL}: ${where}`);
        assert.ok(r.max <= MAX, `no pixel differs by more than ${MAX}: ${where}`);
      }
      await context.close();
    });
  }
}

// The plot blits the axes' labels picture only in two strips (bottom and
// left): the same pixels as the whole picture only if it has none outside.
test('the labels picture has no pixel outside the strips the plot blits', async () => {
  const cases = [
    ['?f=quadratic', 1], ['?f=quadratic', 2], ['?f=rosenbrock&present', 2],
    ['?f=quadratic&view=-12345,12345,-0.001,0.001', 1], ['?f=himmelblau&lang=zh', 2],
  ];
  for (const [q, dpr] of cases) {
    const { page, context } = await open(suite.browser, suite.server.url + q, { width: 1280, height: 720, dpr });
    await page.waitForFunction(() => document.querySelector('#plot')?.dataset.draws > 0, null, { timeout: 20000 });
    const r = await page.evaluate(() => {
      const b = window.wasmBindings;
      const count = (px) => { let n = 0; for (let i = 3; i < px.length; i += 4) if (px[i] !== 0) n++; return n; };
      return { whole: count(b.surface_pixels('labels')), outside: count(b.surface_pixels('labels-outside')) };
    });
    assert.ok(r.whole > 500, `${q} DPR ${dpr}: the labels are drawn (${r.whole} pixels)`);
    assert.equal(r.outside, 0, `${q} DPR ${dpr}: no label pixel outside the strips`);
    await context.close();
  }
});
