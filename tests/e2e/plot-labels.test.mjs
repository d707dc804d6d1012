// The plot's tick labels and its axis names (x₁ bottom right, x₂ top left)
// never cover one another, on every surface, normal and presenting, on a
// laptop and a phone (`data-tick-labels`: every label's box, CSS px), and
// each axis shows at least two numbers. (Beale's top tick "4" stood under
// x₂, touching it; a phone showed only the x tick "0".)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserSuite, settled } from './support.mjs';

const suite = browserSuite();

const apart = ([ax, ay, aw, ah], [bx, by, bw, bh]) =>
  ax + aw <= bx || bx + bw <= ax || ay + ah <= by || by + bh <= ay;

const SURFACES = ['quadratic', 'rosenbrock', 'himmelblau', 'beale', 'saddle', 'rastrigin'];

for (const [w, h, query] of [[1280, 800, ''], [1920, 1080, '&present'], [390, 844, '']]) {
  test(`no tick label covers another or an axis name, every surface at ${w}×${h}${query}`, async (t) => {
    const context = await suite.browser.newContext({ viewport: { width: w, height: h } });
    t.after(() => context.close());
    const page = await context.newPage();
    const problems = [];
    for (const f of SURFACES) {
      await page.goto(`${suite.server.url}?f=${f}${query}`);
      await page.waitForSelector('canvas#plot[data-ready="true"]');
      await settled(page);
      const boxes = JSON.parse(await page.getAttribute('#plot', 'data-tick-labels'));
      // Each axis shows at least two numbers besides its name (a phone's
      // plot showed only the x tick "0").
      const h = await page.evaluate(() => document.getElementById('plot').getBoundingClientRect().height);
      const bottom = boxes.filter(([, y]) => y > h / 2 && y > h - 60);
      const left = boxes.filter((b) => !bottom.includes(b));
      if (bottom.length < 3 || left.length < 3) problems.push(`${f}: ${bottom.length - 1} x and ${left.length - 1} y labels`);
      for (const [i, a] of boxes.entries()) {
        for (const b of boxes.slice(i + 1)) {
          if (!apart(a, b)) problems.push(`${f}: ${a.map(Math.round)} and ${b.map(Math.round)}`);
        }
      }
    }
    assert.deepEqual(problems, []);
  });
}

test('a short embedded plot (320×260, 114 px) shows two numbers on its y axis', async (t) => {
  // It showed only "-1": two labels needed two text heights between them.
  const context = await suite.browser.newContext({ viewport: { width: 320, height: 260 } });
  t.after(() => context.close());
  const page = await context.newPage();
  await page.goto(`${suite.server.url}?lesson=3&embed`);
  await page.waitForSelector('canvas#plot[data-ready="true"]');
  await settled(page);
  const boxes = JSON.parse(await page.getAttribute('#plot', 'data-tick-labels'));
  const h = await page.evaluate(() => document.getElementById('plot').getBoundingClientRect().height);
  assert.ok(h < 130, `a short plot (${h} px)`);
  // The left column above the bottom strip: x₂ and the numbers.
  const left = boxes.filter(([x, y, , bh]) => x < 30 && y + bh < h - 20);
  assert.ok(left.length >= 3, `x₂ and two numbers: ${JSON.stringify(boxes)}`);
  for (const [i, a] of boxes.entries()) {
    for (const b of boxes.slice(i + 1)) assert.ok(apart(a, b), `${a} and ${b}`);
  }
});
