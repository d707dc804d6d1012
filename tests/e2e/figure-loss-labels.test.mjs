// The loss chart's words in <gradscape-figure loss> (a 110 px chart) and
// under the page's plot on a phone, with losses over eight decades (1e2 …
// 1e-6): no two labels overlap (fewer decades labelled on a short chart),
// and the axis's name ("loss (log)", "损失（对数）") is clear of the curves
// and the cursor. The figure's legend: each swatch centred on its words,
// a gap between them. English and 中文. What is drawn is read from the
// canvas calls (a spy on fillText and the strokes' paths), as in
// present-charts.test.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, DIST, settled, frames } from './support.mjs';
import { canvasSpy } from './canvas-spy.mjs';

// GD, momentum and Adam on a long bowl: losses from about 1e2 to 1e-6.
const SCENE = {
  landscape: { kind: 'quadratic', a: 0.1, b: 2 },
  start: [-5, -2],
  steps: 28,
  optimizers: [{ kind: 'gd', lr: 0.4 }, { kind: 'momentum', lr: 0.4, gamma: 0.5 }, { kind: 'adam', lr: 0.3 }],
};

const NOTES = (lang) => `<!doctype html><html lang="${lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<script type="module" src="gradscape-figure.js"></script></head>
<body style="max-width:760px;margin:1rem auto;padding:0 0.6rem">
<gradscape-figure id="a" loss controls scene='${JSON.stringify(SCENE)}'></gradscape-figure>
<gradscape-figure id="b" loss scene='${JSON.stringify({ ...SCENE, steps: 60 })}'></gradscape-figure>
</body></html>`;

const CAPTIONS = ['loss (log)', '损失（对数）'];
const meets = (a, b) => a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
// A label's box with `m` px of air around it.
const grow = (b, m) => [b[0] - m, b[1] - m, b[2] + m, b[3] + m];

// The chart's words: none overlaps another, nor comes closer than `air`
// device px (a label's height apart, not ink touching ink); the caption
// drawn once, clear of every curve (2 px strokes) and of the cursor (the
// 1 px vertical one).
function assertChart(d, where, air) {
  const { texts, paths } = d;
  assert.ok(texts.length >= 5, `${where}: labels drawn (${texts.length})`);
  const decades = texts.filter((t) => /^1e-?\d+$/.test(t.text));
  assert.ok(decades.length >= 2, `${where}: decades labelled: ${decades.map((t) => t.text)}`);
  assert.ok(decades.some((t) => t.text === '1e2') && decades.some((t) => /^1e-\d+$/.test(t.text)), `${where}: both ends labelled: ${decades.map((t) => t.text)}`);
  for (let i = 0; i < texts.length; i++) {
    for (let j = i + 1; j < texts.length; j++) {
      assert.ok(!meets(grow(texts[i].box, air / 2), grow(texts[j].box, air / 2)), `${where}: '${texts[i].text}' ${texts[i].box.map(Math.round)} overlaps '${texts[j].text}' ${texts[j].box.map(Math.round)}`);
    }
  }
  const caps = texts.filter((t) => CAPTIONS.includes(t.text));
  assert.equal(caps.length, 1, `${where}: the axis's name drawn once`);
  const cap = caps[0].box;
  const curves = paths.filter((p) => p.width >= 2 && p.pts.length > 1);
  const cursor = paths.filter((p) => p.width === 1 && p.pts.length === 2 && p.pts[0][0] === p.pts[1][0]);
  assert.ok(curves.length >= 3, `${where}: three curves drawn (${curves.length})`);
  assert.ok(cursor.length >= 1, `${where}: the cursor drawn`);
  // The curves' area: the box of all their points, the cursor's line.
  const xs = curves.flatMap((p) => p.pts.map((q) => q[0]));
  const ys = curves.flatMap((p) => p.pts.map((q) => q[1]));
  const area = [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
  assert.ok(!meets(cap, area), `${where}: the caption ${cap.map(Math.round)} is on the curves' area ${area.map(Math.round)}`);
  for (const c of cursor) {
    const [[x, y0], [, y1]] = c.pts;
    const line = [x - 1, Math.min(y0, y1), x + 1, Math.max(y0, y1)];
    assert.ok(!meets(cap, line), `${where}: the caption ${cap.map(Math.round)} is on the cursor ${line.map(Math.round)}`);
  }
}

// The figure's legend: each swatch's mark centred on its words (within
// 2 px), at least 4 px between them.
async function assertLegend(page, where) {
  const rows = await page.evaluate(() => [...document.querySelectorAll('gradscape-figure .gs-legend li')].map((li) => {
    const mark = (li.querySelector('.gs-swatch svg') ?? li.querySelector('.gs-swatch')).getBoundingClientRect();
    const words = li.querySelector('span.gs-words').getBoundingClientRect();
    return { text: li.textContent, mark: [mark.left, mark.top, mark.right, mark.bottom], words: [words.left, words.top, words.right, words.bottom] };
  }));
  assert.ok(rows.length >= 3, `${where}: legend rows`);
  for (const { text, mark, words } of rows) {
    const mid = (b) => (b[1] + b[3]) / 2;
    assert.ok(Math.abs(mid(mark) - mid(words)) <= 2, `${where}: '${text}': swatch centre ${mid(mark)} vs words ${mid(words)}`);
    assert.ok(words[0] - mark[2] >= 4, `${where}: '${text}': gap ${words[0] - mark[2]} px between swatch and words`);
  }
}

const VIEWS = [
  ['1280×800', { viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 }],
  ['phone 390×844', { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true }],
];

test('a figure\'s loss chart: labels thinned to its height, the caption clear of curves and cursor; legend swatches centred on their words', async () => {
  const html = { '/notes-en.html': NOTES('en'), '/notes-zh.html': NOTES('zh') };
  const server = await serve(DIST, '/', {}, html);
  const browser = await launch();
  try {
    for (const [view, opts] of VIEWS) {
      for (const lang of ['en', 'zh']) {
        const where = `${view} ${lang}`;
        const ctx = await browser.newContext(opts);
        try {
          const page = await ctx.newPage();
          const errors = [];
          page.on('pageerror', (e) => errors.push(String(e)));
          await page.addInitScript(canvasSpy);
          await page.goto(`${server.url}notes-${lang}.html`);
          await page.waitForFunction(() => [...document.querySelectorAll('gradscape-figure')].every((f) => f.querySelector('canvas.gs-loss[data-ready="true"]')), null, { timeout: 20000 });
          await frames(page, 4);
          for (const id of ['a', 'b']) {
            const d = await page.evaluate((id) => window.__drawn(document.querySelector(`#${id} canvas.gs-loss`)), id);
            assertChart(d, `${where} #${id}`, 4 * opts.deviceScaleFactor);
          }
          // The cursor at the first step, where the curves begin.
          await page.locator('#a input.gs-scrub').evaluate((el) => { el.value = '0'; el.dispatchEvent(new Event('input', { bubbles: true })); });
          await frames(page, 4);
          assertChart(await page.evaluate(() => window.__drawn(document.querySelector('#a canvas.gs-loss'))), `${where} #a at step 0`, 4 * opts.deviceScaleFactor);
          await assertLegend(page, where);
          assert.deepEqual(errors, [], `${where}: page errors`);
        } finally {
          await ctx.close();
        }
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
});

test('the page\'s loss chart on a phone: the same', async () => {
  const server = await serve();
  const browser = await launch();
  try {
    for (const lang of ['en', 'zh']) {
      const ctx = await browser.newContext(VIEWS[1][1]);
      try {
        const page = await ctx.newPage();
        await page.addInitScript(canvasSpy);
        await page.goto(`${server.url}?lang=${lang}`);
        await page.waitForSelector('canvas#plot[data-ready="true"]', { timeout: 20000 });
        await page.evaluate((s) => window.wasmBindings.set_scene_json(s), JSON.stringify(SCENE));
        await settled(page);
        await frames(page, 4);
        assertChart(await page.evaluate(() => window.__drawn(document.getElementById('loss'))), `page phone ${lang}`, 8);
      } finally {
        await ctx.close();
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
});

