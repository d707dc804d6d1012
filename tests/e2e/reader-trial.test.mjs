// An accessibility trial's findings: the reader's own text size (their
// browser's font-size setting) reaches the page and its canvases' words;
// the "fixed by this link" note is said only as a description; a legend
// box says how its run is drawn and how it went; the skip link lands on
// the optimizers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserSuite } from './support.mjs';

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
