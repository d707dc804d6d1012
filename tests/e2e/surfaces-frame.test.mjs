// Every surface's free-play page (no lesson: the surface's own window and
// start) keeps the start ring and the minima's crosses off the tick labels
// (`data-tick-labels`), on a laptop, a projector and a phone. (A phone's
// first picture, the default bowl, had its start ring on the "−2".)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserSuite, state, geometry, toPx, settled, hits } from './support.mjs';

const suite = browserSuite();

// The built-in surfaces' minima at their default parameters (the page
// marks each with a cross).
const MINIMA = {
  quadratic: [[0, 0]],
  rosenbrock: [[1, 1]],
  himmelblau: [[3, 2], [-2.805118, 3.131312], [-3.779310, -3.283186], [3.584428, -1.848126]],
  beale: [[3, 0.5]],
  rastrigin: [[0, 0]],
};

const SURFACES = ['f=quadratic', 'f=rosenbrock', 'f=himmelblau', 'f=beale', 'f=saddle', 'f=rastrigin', 'f=expr'];

for (const { size, query } of [
  { size: [1280, 720], query: '' },
  { size: [1920, 1080], query: '&present' },
  { size: [390, 844], query: '' },
  { size: [1280, 720], query: '&present' },
  { size: [844, 390], query: '' },
]) {
  test(`each surface's own window keeps its start and minima off the labels at ${size.join('×')}${query}`, async (t) => {
    const context = await suite.browser.newContext({ viewport: { width: size[0], height: size[1] } });
    t.after(() => context.close());
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    const problems = [];
    for (const f of ['', ...SURFACES]) {
      await page.goto(`${suite.server.url}?${f}${query}`);
      await page.waitForSelector('canvas#plot[data-ready="true"]');
      await settled(page);
      const s = await state(page);
      const g = await geometry(page);
      const scale = Number(await page.getAttribute('#plot', 'data-text-px')) / 13;
      const minima = MINIMA[s.scene.landscape.kind] ?? [];
      const markers = [
        ['the start ring', s.scene.start, 9 * scale],
        ...minima.map((m) => [`the minimum (${m})`, m, 7 * scale]),
      ].map(([name, p, r]) => [name, [...toPx(g, p), r]])
        .filter(([, [x, y]]) => x >= 0 && x <= g.w && y >= 0 && y <= g.h);
      const labels = JSON.parse(await page.getAttribute('#plot', 'data-tick-labels'));
      for (const [name, c] of markers) {
        if (labels.some((b) => hits(c, b))) problems.push(`?${f}: ${name} sits on a tick label`);
      }
    }
    assert.deepEqual(problems, []);
    assert.deepEqual(errors, []);
  });
}
