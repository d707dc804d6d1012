// An accessibility trial's findings: the reader's own text size (their
// browser's font-size setting) reaches the page and its canvases' words;
// the "fixed by this link" note is said only as a description; a legend
// box says how its run is drawn and how it went; the skip link lands on
// the optimizers; the loss curves and current points carry each run's shape.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserSuite, geometry, toPx } from './support.mjs';

const suite = browserSuite();

// The page at `query` for a reader whose text size is `standard` px (what
// Chrome's Settings → Appearance → Font size sets), in a context `ctx`.
async function withFont(t, standard, query, ctx = { viewport: { width: 1280, height: 800 } }) {
  const context = await suite.browser.newContext(ctx);
  t.after(() => context.close());
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Page.enable');
  await cdp.send('Page.setFontSizes', { fontSizes: { standard } });
  await page.goto(suite.server.url + query);
  await page.waitForSelector('canvas#plot[data-ready="true"]');
  return page;
}

const sizes = (page) => page.evaluate(() => ({
  root: parseFloat(getComputedStyle(document.documentElement).fontSize),
  plot: Number(document.getElementById('plot').dataset.textPx),
  loss: Number(document.getElementById('loss').dataset.chartPx),
  ema: Number(document.getElementById('ema-signal').dataset.chartPx),
}));

test('a reader\'s larger text size reaches the page and the canvases\' words; the default draws as before', async (t) => {
  const normal = await sizes(await withFont(t, 16, '?lesson=5'));
  assert.deepEqual(normal, { root: 16, plot: 13, loss: 12, ema: 11 });
  const large = await sizes(await withFont(t, 24, '?lesson=5'));
  // The page was fixed at 16 px and the canvases at 11–13 px.
  assert.equal(large.root, 24);
  assert.equal(large.plot, 20);
  assert.equal(large.loss, 18);
  assert.equal(large.ema, 16.5);
});

test('the charts\' canvases grow with their words, so nothing is squeezed or cut', async (t) => {
  const heights = (page) => page.evaluate(() => ({
    loss: document.getElementById('loss').clientHeight,
    ema: document.getElementById('ema-signal').clientHeight,
  }));
  const normal = await heights(await withFont(t, 16, '?lesson=5'));
  const large = await heights(await withFont(t, 24, '?lesson=5'));
  // The words 1.5× as large: the canvases too (they were drawn squeezed
  // into 2/3 of their height).
  assert.ok(Math.abs(large.loss - 1.5 * normal.loss) <= 2, `loss ${normal.loss} → ${large.loss}`);
  assert.ok(Math.abs(large.ema - 1.5 * normal.ema) <= 2, `EMA ${normal.ema} → ${large.ema}`);
});

test('"fixed by this link" is hidden from the page\'s reading order, kept as the fixed controls\' description', async (t) => {
  const page = await withFont(t, 16, '?lock=surface');
  assert.equal(await page.locator('#lock-note').isHidden(), true);
  assert.match(await page.locator('#surface').getAttribute('aria-describedby'), /lock-note/);
  // The description the browser computes still says it.
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = await cdp.send('Accessibility.getFullAXTree');
  const surface = nodes.find((n) => n.role?.value === 'combobox' && /fixed by this link/.test(n.description?.value ?? ''));
  assert.ok(surface, 'a fixed picker described as fixed');
  const said = nodes.filter((n) => n.role?.value === 'StaticText' && n.name?.value === 'fixed by this link');
  assert.equal(said.length, 0, 'not read in the page\'s text');
});

test('a legend box says how its run went; the skip link puts the focus on the optimizers', async (t) => {
  const page = await withFont(t, 16, '?lesson=2');
  const said = await page.evaluate(() => [...document.querySelectorAll('#legend input[type="checkbox"]')].map((cb) => {
    const parts = (cb.getAttribute('aria-describedby') ?? '').split(' ').map((id) => document.getElementById(id));
    return [cb.getAttribute('aria-label'), parts.map((d) => d?.getAttribute('aria-label') ?? d?.textContent ?? '').join(' ')];
  }));
  assert.ok(said.length >= 1);
  for (const [name, description] of said) {
    assert.match(name, /^Show /);
    // Its mark in words, then how it went.
    assert.match(description, /^orange squares, solid line (diverg|f = )/, `${name}: "${description}"`);
  }
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.className), 'skip-link');
  await page.keyboard.press('Enter');
  // On the panel's heading (it was left on <body>), and Tab goes on into
  // the cards (a focusable <details tabindex=-1> took its whole panel out
  // of the Tab order in Chromium).
  await page.waitForFunction(() => document.activeElement?.id === 'optimizers-summary');
  for (let i = 0; i < 6; i++) await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => !!document.activeElement?.closest('#optimizers-panel')), true);
});

test('Tab from the top reaches the optimizer cards', async (t) => {
  const page = await withFont(t, 16, '?lesson=2');
  let reached = false;
  for (let i = 0; i < 80 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate(() => !!document.activeElement?.closest('section.opt-card'));
  }
  assert.ok(reached, 'a card control in the first 80 Tabs');
});

test('at a 24 px text size the cards stay usable: sliders with room, values not cut', async (t) => {
  const page = await withFont(t, 24, '?lesson=4');
  const sliders = await page.evaluate(() => [...document.querySelectorAll('.opt-card input[type="range"]')].map((r) => r.clientWidth));
  // Were 19 px (η) and 0 px (γ) in a 360 px panel.
  assert.ok(sliders.length >= 4 && sliders.every((w) => w >= 120), `sliders ${sliders}`);
  const phone = await withFont(t, 24, '?opt=adam&lang=zh',
    { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  const cut = await phone.evaluate(() => [...document.querySelectorAll('.opt-card .param output')]
    .filter((o) => o.scrollWidth > o.clientWidth + 1).map((o) => o.textContent));
  assert.deepEqual(cut, [], 'no value cut to "β2 = …"');
  assert.equal(await phone.evaluate(() => document.documentElement.scrollWidth), 390);
});

// Solid runs 1–3 told apart without colour: each loss curve carries its
// dot shape (blocks of its colour wider than its 2 px line), and each
// current point on the plot is its run's shape (a square's corners are its
// colour, a disc's and a triangle's are not).
test('the loss curves and the current points show each run\'s shape, not only its colour', async (t) => {
  const page = await withFont(t, 16, '?opt=gd:lr=0.4;momentum:lr=0.4,gamma=0.5;adagrad:lr=0.4&steps=30&t=12');
  const found = await page.evaluate(() => {
    const rgb = (h) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16));
    const cols = ['#E69F00', '#56B4E9', '#009E73'].map(rgb);
    const near = (d, i, c) => Math.abs(d[i] - c[0]) < 10 && Math.abs(d[i + 1] - c[1]) < 10 && Math.abs(d[i + 2] - c[2]) < 10;
    const loss = document.getElementById('loss');
    const { width: w, height: h } = loss;
    const d = loss.getContext('2d').getImageData(0, 0, w, h).data;
    const k = Math.max(1, Math.round(w / loss.clientWidth));
    // Pixels whose 3 × 3 block (k device px apart) is the colour: none on
    // a line 2 CSS px wide.
    const blocks = cols.map((c) => {
      let n = 0;
      for (let y = k; y < h - k; y++) {
        for (let x = k; x < w - k; x++) {
          let all = true;
          for (let dy = -k; dy <= k && all; dy += k) for (let dx = -k; dx <= k && all; dx += k) all = near(d, ((y + dy) * w + x + dx) * 4, c);
          if (all) n++;
        }
      }
      return n;
    });
    return { blocks };
  });
  for (const [i, n] of found.blocks.entries()) assert.ok(n >= 3, `run ${i + 1}: no shape on its loss curve (${n} blocks)`);
  // The current points at step 12: the patch of the run's colour around
  // each (flood-filled inside its white rim) fills its box as a square
  // does (all), a disc (π/4) or a triangle (about half) — every run's was
  // a disc before.
  const { runs } = JSON.parse(await page.evaluate(() => window.wasmBindings.page_state()));
  const g = await geometry(page);
  const fills = await page.evaluate(({ pts, cols }) => {
    const c = document.getElementById('plot');
    const k = c.width / c.clientWidth;
    const r = Math.ceil(12 * k);
    return pts.map(([x, y], i) => {
      const [cx, cy] = [Math.round(x * k), Math.round(y * k)];
      const d = c.getContext('2d').getImageData(cx - r, cy - r, 2 * r + 1, 2 * r + 1).data;
      const n = 2 * r + 1;
      const hex = cols[i];
      const is = (u, v) => u >= 0 && v >= 0 && u < n && v < n && [0, 1, 2].every((j) => Math.abs(d[(v * n + u) * 4 + j] - parseInt(hex.slice(1 + 2 * j, 3 + 2 * j), 16)) < 40);
      let seed = null;
      for (let a = 0; a <= 3 && !seed; a++) for (let dv = -a; dv <= a && !seed; dv++) for (let du = -a; du <= a && !seed; du++) if (is(r + du, r + dv)) seed = [r + du, r + dv];
      if (!seed) return null;
      const seen = new Set([seed.join()]);
      const todo = [seed];
      let [x0, y0, x1, y1] = [seed[0], seed[1], seed[0], seed[1]];
      while (todo.length) {
        const [u, v] = todo.pop();
        [x0, y0, x1, y1] = [Math.min(x0, u), Math.min(y0, v), Math.max(x1, u), Math.max(y1, v)];
        for (const [a, b] of [[u + 1, v], [u - 1, v], [u, v + 1], [u, v - 1]]) if (is(a, b) && !seen.has(`${a},${b}`)) { seen.add(`${a},${b}`); todo.push([a, b]); }
      }
      return seen.size / ((x1 - x0 + 1) * (y1 - y0 + 1));
    });
  }, { pts: runs.map((r) => toPx(g, r.points[12])), cols: ['#E69F00', '#56B4E9', '#009E73'] });
  const [square, disc, triangle] = fills;
  assert.ok(square > 0.9, `GD's current point, a square: ${fills}`);
  assert.ok(disc > 0.6 && disc < 0.88, `momentum's, a disc: ${fills}`);
  assert.ok(triangle < 0.65, `AdaGrad's, a triangle: ${fills}`);
});
