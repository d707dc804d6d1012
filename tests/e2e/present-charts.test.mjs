// Presenter mode's charts beside the plot — the loss chart, the cards' η(t)
// charts, the explainers' four and the state panel's bias chart: every
// label drawn at least at the presenter's chart size (20 px, as the plot's
// ticks at 1920×1080) and no smaller than the panel text beside it, inside
// its canvas, clear of the others; every line at least 1.5 px; each canvas
// as much taller. Not presenting, each chart keeps its design: its labels'
// size, its canvas's size. What is drawn is read from the canvas calls
// themselves (a spy on fillText, stroke and drawImage), so the sizes are
// the pixels', not an attribute's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserSuite, settled, frames } from './support.mjs';
import { canvasSpy } from './canvas-spy.mjs';

// The presenter's chart labels, CSS px (README: presenter mode).
const PRESENT_PX = 20;
// Each chart's design: its labels (CSS px) and its canvas's height when
// not presenting (the bias chart side by side, at 1280 px).
const DESIGN = {
  loss: { px: 12, h: 120 },
  'lr-chart': { px: 12, h: 96 },
  'ema-signal': { px: 11, h: 190 },
  'ema-weights': { px: 11, h: 130 },
  'sweep-lr': { px: 11, h: 240 },
  'sweep-map': { px: 11, h: 300 },
  'bias-chart': { px: 11, h: 150 },
};

const suite = browserSuite();

// A page of `query` with every panel open and drawn, its charts listed.
async function open(t, query, { width = 1920, height = 1080, dpr = 1, dark = false } = {}) {
  const context = await suite.browser.newContext({ viewport: { width, height }, deviceScaleFactor: dpr, colorScheme: dark ? 'dark' : 'light' });
  t.after(() => context.close());
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  t.after(() => assert.deepEqual(errors, [], 'console errors'));
  await page.addInitScript(canvasSpy);
  await page.goto(suite.server.url + query);
  await page.waitForSelector('canvas#plot[data-ready="true"]', { timeout: 20000 });
  await page.evaluate(() => { for (const id of ['ema-panel', 'sweep-panel', 'state-panel']) document.getElementById(id).open = true; });
  await drawnAll(page);
  return page;
}

// Wait until the panels' charts are drawn and the page is still.
async function drawnAll(page) {
  for (const sel of ['#ema-signal', '#ema-weights', '#sweep-lr', '#sweep-map']) {
    await page.waitForSelector(`${sel}[data-ready="true"]`, { timeout: 20000 });
  }
  await settled(page);
  await frames(page, 4);
}

// Every chart on the page (not the plot) that is shown: what it drew.
const charts = (page) => page.evaluate(() => [...document.querySelectorAll('canvas:not(#plot)')]
  .filter((c) => c.getClientRects().length && c.width > 0)
  .map((c) => {
    const kind = c.id || c.className;
    const r = c.getBoundingClientRect();
    // The panel text beside a panel's chart (paragraphs, legends, the
    // card's labels; the loss chart's neighbours are the run legend and
    // messages, the page's body type, which the plot's ticks are under too).
    const near = (c.id === 'loss' ? [] : [c.previousElementSibling, c.nextElementSibling, c.closest('.sched')?.querySelector('.sched-label')])
      .filter((e) => e && e.getClientRects().length && e.textContent.trim() && e.matches('p, ul, .sched-label'))
      .map((e) => ({ what: `${e.tagName.toLowerCase()}#${e.id}.${e.className}`, px: parseFloat(getComputedStyle(e).fontSize) }));
    return {
      kind, name: kind + (c.dataset.index ?? ''), w: r.width, h: r.height, dpr: devicePixelRatio,
      bitmap: [c.width, c.height], attrPx: Number(c.dataset.chartPx), near, ...window.__drawn(c),
    };
  }));

// Presenting: each chart's labels at ≥ PRESENT_PX, inside it and apart,
// its lines at least 1.5 px, its canvas grown with its type.
function checkPresenting(list, expected, where) {
  assert.deepEqual([...new Set(list.map((c) => c.kind))].sort(), [...expected].sort(), `${where}: the charts shown`);
  for (const c of list) {
    const at = `${where}, ${c.name}`;
    assert.ok(c.texts.length > 0, `${at}: no text drawn`);
    const tol = 0.5; // device px of anti-aliasing
    for (const x of c.texts) {
      assert.ok(x.px / c.dpr >= PRESENT_PX - 0.01, `${at}: "${x.text}" drawn at ${(x.px / c.dpr).toFixed(1)} px`);
      const [x0, y0, x1, y1] = x.box;
      assert.ok(x0 >= -tol && y0 >= -tol && x1 <= c.bitmap[0] + tol && y1 <= c.bitmap[1] + tol,
        `${at}: "${x.text}" at ${x.box.map(Math.round)} is clipped by the canvas ${c.bitmap}`);
    }
    // Apart: no two labels' ink boxes share a tenth of the smaller one
    // (the sweep's two lowest labels, one per axis, graze at the corner by
    // design).
    const area = ([x0, y0, x1, y1]) => Math.max(0, x1 - x0) * Math.max(0, y1 - y0);
    for (const [i, a] of c.texts.entries()) {
      for (const b of c.texts.slice(i + 1)) {
        const shared = area([Math.max(a.box[0], b.box[0]), Math.max(a.box[1], b.box[1]), Math.min(a.box[2], b.box[2]), Math.min(a.box[3], b.box[3])]);
        assert.ok(shared <= 0.1 * Math.min(area(a.box), area(b.box)),
          `${at}: "${a.text}" at ${a.box.map(Math.round)} and "${b.text}" at ${b.box.map(Math.round)} overlap`);
      }
    }
    const thinnest = Math.min(...c.strokes) / c.dpr;
    assert.ok(thinnest >= 1.5, `${at}: a line of ${thinnest.toFixed(2)} px`);
    const d = DESIGN[c.kind];
    // Grown with its type (the bias chart's parts may stack instead).
    assert.ok(c.h >= d.h * (PRESENT_PX / d.px) - 1, `${at}: ${Math.round(c.h)} px tall for ${d.h} px at ${d.px} px type`);
    // The size it says, and the panel's text beside it no larger.
    assert.ok(c.attrPx >= PRESENT_PX, `${at}: data-chart-px ${c.attrPx}`);
    for (const n of c.near) assert.ok(c.attrPx >= n.px - 0.01, `${at}: labels ${c.attrPx} px beside ${n.what} at ${n.px} px`);
  }
}

// Not presenting: the design's labels and canvas sizes.
function checkDesign(list, expected, where) {
  assert.deepEqual([...new Set(list.map((c) => c.kind))].sort(), [...expected].sort(), `${where}: the charts shown`);
  for (const c of list) {
    const at = `${where}, ${c.name}`;
    const d = DESIGN[c.kind];
    assert.ok(c.texts.length > 0, `${at}: no text drawn`);
    for (const x of c.texts) assert.equal(Math.round(x.px / c.dpr * 100) / 100, d.px, `${at}: "${x.text}"`);
    assert.equal(Math.round(c.h), d.h, `${at}: its height`);
    // (Its box's width is kept as a whole number of CSS px.)
    assert.ok(Math.abs(c.bitmap[0] - c.w * c.dpr) <= c.dpr && c.bitmap[1] === d.h * c.dpr, `${at}: its bitmap ${c.bitmap}`);
    assert.equal(c.attrPx, d.px, `${at}: data-chart-px`);
  }
}

const EXPLAINERS = ['loss', 'ema-signal', 'ema-weights', 'sweep-lr', 'sweep-map'];

const PRESENTING = [
  // Lesson 8: the bias chart beside the canvas, side by side, with the
  // first run's table under it in view.
  { query: '?lesson=8&present', dpr: 1, dark: false, charts: [...EXPLAINERS, 'bias-chart'] },
  { query: '?lesson=8&present&lang=zh', dpr: 2, dark: true, charts: [...EXPLAINERS, 'bias-chart'] },
  // Lesson 10: the cards' η(t) charts (no Adam: no bias chart).
  { query: '?lesson=10&present', dpr: 2, dark: false, charts: [...EXPLAINERS, 'lr-chart'] },
  { query: '?lesson=10&present&lang=zh', dpr: 1, dark: true, charts: [...EXPLAINERS, 'lr-chart'] },
  // Lesson 5: the EMA explainer beside the canvas.
  { query: '?lesson=5&present&lang=zh', dpr: 1, dark: false, charts: EXPLAINERS },
];

for (const { query, dpr, dark, charts: expected } of PRESENTING) {
  test(`presenting ${query} at 1920×1080, DPR ${dpr}${dark ? ', system dark' : ''}: every chart's labels at ${PRESENT_PX} px, inside, apart`, async (t) => {
    const page = await open(t, query, { dpr, dark });
    checkPresenting(await charts(page), expected, query);
    if (query.includes('lesson=8')) {
      const table = await page.evaluate(() => document.querySelector('#state-runs > .insp:first-child .insp-table').getBoundingClientRect().top);
      assert.ok(table < 1080, `lesson 8: the first run's table starts at ${Math.round(table)} px, off the screen`);
    }
  });
}

// A phone opening a presenter link: the sweep chart's decades have less
// room than their labels, so the ones that would collide are left out.
test('presenting ?lesson=10&present on a phone (390×844, DPR 2): every chart\'s labels inside and apart', async (t) => {
  const page = await open(t, '?lesson=10&present', { width: 390, height: 844, dpr: 2 });
  const list = await charts(page);
  checkPresenting(list, [...EXPLAINERS, 'lr-chart'], 'phone ?lesson=10&present');
  // Side by side on one line, labels do not touch at all.
  for (const c of list) {
    for (const [i, a] of c.texts.entries()) {
      for (const b of c.texts.slice(i + 1)) {
        const rows = Math.min(a.box[3], b.box[3]) - Math.max(a.box[1], b.box[1]);
        if (rows <= 0.5 * Math.min(a.box[3] - a.box[1], b.box[3] - b.box[1])) continue;
        assert.ok(a.box[2] <= b.box[0] || b.box[2] <= a.box[0],
          `${c.name}: "${a.text}" at ${a.box.map(Math.round)} touches "${b.text}" at ${b.box.map(Math.round)}`);
      }
    }
  }
});

for (const [query, dpr, dark] of [['?lesson=8', 2, false], ['?lesson=10&lang=zh', 1, true]]) {
  test(`not presenting ${query} at 1280×800, DPR ${dpr}${dark ? ', dark' : ''}: every chart as designed`, async (t) => {
    const page = await open(t, query, { width: 1280, height: 800, dpr, dark });
    const expected = [...EXPLAINERS, query.includes('lesson=8') ? 'bias-chart' : 'lr-chart'];
    checkDesign(await charts(page), expected, query);
    assert.equal(await page.evaluate(() => document.body.style.getPropertyValue('--chart-scale')), '');
  });
}

test('the key P turns presenting on and off on a page: the charts follow both ways', async (t) => {
  const page = await open(t, '?lesson=8', { width: 1920, height: 1080 });
  const expected = [...EXPLAINERS, 'bias-chart'];
  const press = async () => {
    await page.evaluate(() => document.activeElement?.blur());
    await page.keyboard.press('p');
    await drawnAll(page);
  };
  await press();
  assert.ok(await page.evaluate(() => document.body.classList.contains('present')));
  checkPresenting(await charts(page), expected, 'after P');
  await press();
  assert.ok(!(await page.evaluate(() => document.body.classList.contains('present'))));
  checkDesign(await charts(page), expected, 'after P twice');
});
