// Every lesson's figure frames what its caption teaches, on a projector, a
// laptop and a phone, in both languages: every trail point shown so far is
// in the window and not under the view buttons, and the start ring, the
// current points, the minima's crosses and the inspector's arrows sit
// neither on a tick label (`data-tick-labels`) nor under the buttons. (A teacher's and a student's
// trial: lesson 5's trail left the window, lesson 9's start ring sat on a
// tick label and its minimum was not marked, lesson 10's peak hid under
// the buttons on a phone.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserSuite, state, geometry, toPx, settled, hits } from './support.mjs';

const suite = browserSuite();

// The known minima of the lessons' surfaces (the page marks each with a cross).
function minima(l) {
  switch (l.kind) {
    case 'quadratic': return [[0, 0]];
    case 'rosenbrock': return [[l.a, l.a * l.a]];
    case 'himmelblau': return [[3, 2], [-2.805118, 3.131312], [-3.779310, -3.283186], [3.584428, -1.848126]];
    // Lesson 9's bowl, written as a formula: a quadratic knows its minimum.
    case 'expr': return l.expr === '0.1*(x-3)^2 + 2*(y-3)^2' ? [[3, 3]] : [];
    default: return [];
  }
}

for (const { size, query, langs } of [
  { size: [1280, 720], query: '', langs: ['en', 'zh'] },
  { size: [1280, 720], query: '&present', langs: ['en', 'zh'] },
  { size: [1920, 1080], query: '&present', langs: ['en'] },
  { size: [390, 844], query: '', langs: ['en', 'zh'] },
]) {
  test(`every lesson frames its point at ${size.join('×')}${query} (${langs.join(', ')})`, async (t) => {
    const context = await suite.browser.newContext({ viewport: { width: size[0], height: size[1] } });
    t.after(() => context.close());
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    const problems = [];
    for (const lang of langs) {
      for (let id = 1; id <= 15; id++) {
        await page.goto(`${suite.server.url}?lesson=${id}&lang=${lang}${query}`);
        await page.waitForSelector('canvas#plot[data-ready="true"]');
        await settled(page);
        const s = await state(page);
        const g = await geometry(page);
        const where = `lesson ${id} (${lang})`;
        const shown = s.runs.filter((_, i) => !s.hidden?.[i]);
        const scale = Number(await page.getAttribute('#plot', 'data-text-px')) / 13;
        const buttons = await page.evaluate(() => {
          const c = document.getElementById('plot').getBoundingClientRect();
          return [...document.querySelectorAll('.overlay-btn')].map((b) => {
            const r = b.getBoundingClientRect();
            return [r.left - c.left, r.top - c.top, r.width, r.height];
          });
        });
        for (const [x, y] of shown.flatMap((r) => r.points.slice(0, s.t + 1)).map((p) => toPx(g, p))) {
          if (!(x >= 0 && x <= g.w && y >= 0 && y <= g.h)) problems.push(`${where}: a trail point at (${x.toFixed(0)}, ${y.toFixed(0)}) px is outside the ${g.w.toFixed(0)}×${g.h.toFixed(0)} figure`);
          else if (buttons.some((b) => hits([x, y, 3 * scale], b))) problems.push(`${where}: a trail point at (${x.toFixed(0)}, ${y.toFixed(0)}) px is under the view buttons`);
        }
        const markers = [
          ['the start ring', s.scene.start, 9 * scale],
          ...shown.map((r) => [`run ${r.kind ?? ''} at step ${Math.min(s.t, r.points.length - 1)}`, r.points[Math.min(s.t, r.points.length - 1)], 5 * scale]),
          ...minima(s.scene.landscape).map((m) => [`the minimum (${m})`, m, 7 * scale]),
        ].map(([name, p, r]) => [name, [...toPx(g, p), r]])
          .filter(([, [x, y]]) => x >= 0 && x <= g.w && y >= 0 && y <= g.h);
        const labels = JSON.parse(await page.getAttribute('#plot', 'data-tick-labels'));
        if (id === 9) {
          // Its bowl is a formula, whose minimum the page now knows: the
          // white cross at (3, 3), on the valley's dark purple.
          const [x, y] = toPx(g, [3, 3]);
          const rgb = await page.evaluate(([x, y]) => {
            const c = document.getElementById('plot');
            const k = c.width / c.getBoundingClientRect().width;
            return [...c.getContext('2d').getImageData(Math.round(x * k), Math.round(y * k), 1, 1).data].slice(0, 3);
          }, [x, y]);
          if (!rgb.every((v) => v > 200)) problems.push(`${where}: no cross at the minimum (3, 3): rgb ${rgb}`);
        }
        // The inspector's arrows (lessons 8, 9, 11): their tips.
        const arrows = JSON.parse(await page.getAttribute('#plot', 'data-arrows') ?? '[]');
        for (const a of arrows) {
          for (const k of ['gd', 'step', 'decay', 'decay_dir']) {
            if (a[k] && buttons.some((b) => hits([...a[k], 3 * scale], b))) problems.push(`${where}: the ${k} arrow's tip is under the view buttons`);
          }
        }
        for (const [name, c] of markers) {
          if (labels.some((b) => hits(c, b))) problems.push(`${where}: ${name} sits on a tick label`);
          if (buttons.some((b) => hits(c, b))) problems.push(`${where}: ${name} is under the view buttons`);
        }
      }
    }
    assert.deepEqual(problems, []);
    assert.deepEqual(errors, []);
  });
}
