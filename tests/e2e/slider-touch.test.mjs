// A card's slider under a pointer: a mouse drag passes through the values
// the keys and lessons name (lesson 2's η = 0.5, which a 1-pixel step of
// ×1.07 jumped over), and on a touch screen a finger swiping the page over
// a slider scrolls and changes nothing, while a sideways drag or a tap
// still sets the value (src/web/slider.rs, ParamInfo::snap); the caption's
// "modified ↺ lesson" does not shrink the figure mid-drag.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserSuite, openPage, openIn, state, settled, noErrors } from './support.mjs';

const suite = browserSuite();
const ETA = '#optimizers section.opt-card[data-index="0"] input[type="range"][data-param="lr"]';
const lr = async (page) => (await state(page)).scene.optimizers[0].lr;
const modified = (page) => page.isVisible('#lesson-modified');

test('lesson 2, mouse: a drag of η pixel by pixel passes through 0.5', async (t) => {
  const { page, errors } = await openPage(suite.browser, t, suite.server.url + '?lesson=2', { viewport: { width: 1440, height: 900 }, dpr: 2 });
  const slider = page.locator(ETA);
  await slider.scrollIntoViewIfNeeded();
  const box = await slider.boundingBox();
  const pos = Number(await slider.inputValue());
  const max = Number(await slider.getAttribute('max'));
  // The thumb's centre (a thumb of ~16 px: its centre moves over the track less its width).
  let x = box.x + 8 + (box.width - 16) * pos / max;
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  const seen = new Set();
  for (let k = 0; k < 30; k++) {
    x -= 1;
    await page.mouse.move(x, y);
    seen.add(await lr(page));
  }
  await page.mouse.up();
  await settled(page);
  assert.ok(seen.has(0.5), `η passed 0.5: ${[...seen].join(', ')}`);
  assert.ok(seen.size >= 20, `and kept the positions between: ${seen.size} values`);
  noErrors(errors);
});

test('tablet 800×1280, touch: a swipe that starts on η\'s track scrolls and leaves η; a sideways drag and a tap set it', async (t) => {
  const { page, errors } = await openIn(suite.browser, t,
    { viewport: { width: 800, height: 1280 }, deviceScaleFactor: 1.5, hasTouch: true, isMobile: true }, suite.server.url + '?lesson=1');
  const cdp = await page.context().newCDPSession(page);
  const touch = (type, points) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: points.map(([x, y], id) => ({ x, y, id })) });
  const slider = page.locator(ETA);
  await slider.evaluate((s) => s.scrollIntoView({ block: 'center' }));
  await settled(page);
  const lr0 = await lr(page);
  const pos0 = await slider.inputValue();
  const scroll0 = await page.evaluate(() => window.scrollY);
  let box = await slider.boundingBox();
  const x = box.x + 80;
  const y = box.y + box.height / 2;
  await touch('touchStart', [[x, y]]);
  for (let k = 1; k <= 10; k++) await touch('touchMove', [[x, y - 25 * k]]);
  await touch('touchEnd', []);
  await page.waitForTimeout(300);
  await settled(page);
  assert.ok(await page.evaluate(() => window.scrollY) > scroll0 + 50, 'the page scrolled');
  assert.equal(await lr(page), lr0, 'η as it was');
  assert.equal(await slider.inputValue(), pos0, 'the slider put back');
  assert.equal(await modified(page), false, 'the lesson is not modified');
  // A sideways drag moves η with the finger.
  await slider.evaluate((s) => s.scrollIntoView({ block: 'center' }));
  await settled(page);
  box = await slider.boundingBox();
  const yc = box.y + box.height / 2;
  await touch('touchStart', [[box.x + 80, yc]]);
  for (let k = 1; k <= 8; k++) await touch('touchMove', [[box.x + 80 + 10 * k, yc]]);
  await touch('touchEnd', []);
  await settled(page);
  const dragged = await lr(page);
  assert.ok(dragged < lr0, `η follows the finger to the track's left part: ${dragged}`);
  // A tap on the track sets η where it touched.
  await slider.evaluate((s) => s.scrollIntoView({ block: 'center' }));
  await settled(page);
  box = await slider.boundingBox();
  await touch('touchStart', [[box.x + box.width - 30, box.y + box.height / 2]]);
  await touch('touchEnd', []);
  await settled(page);
  assert.ok(await lr(page) > 1, `a tap near the right end: ${await lr(page)}`);
  noErrors(errors);
});

test('tablet 1180×820: the first change adds "modified ↺ lesson" without shrinking the figure; ↺ takes a finger 4 px off it', async (t) => {
  const { page, errors } = await openIn(suite.browser, t,
    { viewport: { width: 1180, height: 820 }, deviceScaleFactor: 1, hasTouch: true, isMobile: true }, suite.server.url + '?lesson=8');
  const plotH = () => page.evaluate(() => document.getElementById('plot').getBoundingClientRect().height);
  const h0 = await plotH();
  await page.locator(ETA).evaluate((s) => { s.value = String(Number(s.value) - 30); s.dispatchEvent(new Event('input', { bubbles: true })); });
  await settled(page);
  assert.equal(await modified(page), true);
  const h1 = await plotH();
  assert.ok(h0 - h1 <= 4, `the figure kept its height: ${h0} → ${h1}`);
  const b = await page.locator('#restore-lesson').boundingBox();
  await page.touchscreen.tap(b.x + b.width / 2, b.y + b.height + 4);
  await settled(page);
  assert.equal(await modified(page), false, 'a tap just under ↺ lesson restored the lesson');
  noErrors(errors);
});
