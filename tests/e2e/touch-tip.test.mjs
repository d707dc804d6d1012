// Buttons that show only a symbol (⊡ ⤢, ↶ ↷, ⇤ ◀ ▶ ▶|, ↺, ‹ ›) on a touch
// screen, where a `title` never shows: each is named for screen readers
// (aria-label, both languages), and a finger held on one shows that name in
// a small tip without pressing it; a tap presses it as before.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserSuite, noErrors, openIn } from './support.mjs';

const suite = browserSuite();
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const TABLET = { viewport: { width: 820, height: 1180 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

// Every visible button whose content has no letter or digit, and its name.
const symbolButtons = (page) => page.evaluate(() => [...document.querySelectorAll('button')]
  .filter((b) => b.getClientRects().length && b.textContent.trim() && !/[\p{L}\p{N}]/u.test(b.textContent))
  .map((b) => ({ id: b.id || b.className, text: b.textContent.trim(), name: b.getAttribute('aria-label') ?? '' })));

// A finger held on `selector` until the tip shows, then lifted.
async function hold(page, selector) {
  const cdp = await page.context().newCDPSession(page);
  const box = await page.locator(selector).boundingBox();
  const at = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [at] });
  await page.waitForSelector('#touch-tip:not([hidden])');
  const tip = await page.evaluate(() => {
    const t = document.getElementById('touch-tip');
    const r = t.getBoundingClientRect();
    return { text: t.textContent, left: r.left, right: r.right, top: r.top, bottom: r.bottom, hidden: t.getAttribute('aria-hidden') };
  });
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await cdp.detach();
  return { tip, box };
}

const tShown = (page) => page.evaluate(() => JSON.parse(window.wasmBindings.page_state()).t);

for (const [ctx, size] of [[PHONE, '390×844'], [TABLET, '820×1180']]) {
  for (const lang of ['en', 'zh']) {
    test(`${size} ${lang}: every symbol button is named; held, it shows its name and is not pressed; tapped, it is`, async (t) => {
      const { page, errors } = await openIn(suite.browser, t, ctx, `${suite.server.url}?lesson=1&lang=${lang}`);
      await page.waitForFunction((lang) => document.documentElement.lang.startsWith(lang), lang);
      const buttons = await symbolButtons(page);
      for (const id of ['fit-view', 'reset-view', 'reset', 'step-back', 'play', 'step', 'undo', 'redo', 'reset-opt']) {
        assert.ok(buttons.some((b) => b.id === id), `${id} is on the page: ${JSON.stringify(buttons.map((b) => b.id))}`);
      }
      for (const b of buttons) {
        assert.notEqual(b.name, '', `${b.id} (${b.text}) has a name`);
        if (lang === 'zh') assert.match(b.name, /\p{Script=Han}/u, `${b.id}'s name in 中文: ${b.name}`);
      }
      // Lesson 1 opens at its last step: ⇤ held names itself and stays put.
      const end = await tShown(page);
      assert.ok(end > 0);
      const { tip, box } = await hold(page, '#reset');
      assert.equal(tip.text, await page.getAttribute('#reset', 'aria-label'));
      assert.equal(tip.hidden, 'true', 'screen readers hear the button\'s own name, not the tip');
      const vw = ctx.viewport.width;
      assert.ok(tip.left >= 0 && tip.right <= vw, `the tip inside the window: ${JSON.stringify(tip)}`);
      assert.ok(tip.bottom <= box.y || tip.top >= box.y + box.height, 'beside the finger, not under it');
      await page.waitForTimeout(300);
      assert.equal(await tShown(page), end, 'a hold presses nothing');
      // A name that says its key shows without it (no keyboard here).
      const fit = await page.getAttribute('#fit-view', 'aria-label');
      assert.match(fit, /[(（]F[)）]$/, 'the name says its key');
      const { tip: fitTip } = await hold(page, '#fit-view');
      assert.equal(fitTip.text, fit.replace(/ ?[(（]F[)）]$/, ''));
      // A tap presses it, as before.
      await page.tap('#reset');
      await page.waitForFunction(() => JSON.parse(window.wasmBindings.page_state()).t === 0);
      noErrors(errors);
    });
  }
}

// A finger's tap on a control a teacher's link fixed: a touch screen shows
// no title, so the tip says why nothing happens; the value stays.
async function tap(page, selector) {
  const cdp = await page.context().newCDPSession(page);
  const box = await page.locator(selector).boundingBox();
  const at = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [at] });
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await cdp.detach();
}

for (const lang of ['en', 'zh']) {
  test(`820×1180 ${lang}: a tap on a control fixed by a teacher's link says so`, async (t) => {
    const { page, errors } = await openIn(suite.browser, t, TABLET, `${suite.server.url}?lesson=1&lock=lr,optimizers&lang=${lang}`);
    const words = lang === 'zh' ? '已由此链接固定' : 'fixed by this link';
    const slider = 'section.opt-card[data-index="0"] input[type=range][data-param=lr]';
    await page.waitForSelector(`${slider}[disabled]`);
    const before = await page.inputValue(slider);
    await page.locator(slider).scrollIntoViewIfNeeded();
    await tap(page, slider);
    await page.waitForSelector('#touch-tip:not([hidden])');
    assert.match(await page.textContent('#touch-tip'), new RegExp(`${words}$`));
    assert.equal(await page.inputValue(slider), before, 'the value stays');
    // It goes by itself.
    await page.waitForSelector('#touch-tip[hidden]', { state: 'attached', timeout: 4000 });
    // A locked button that is its own box (the card's ✕) says it too.
    const cards = await page.locator('section.opt-card').count();
    await tap(page, 'section.opt-card[data-index="0"] .remove-opt');
    await page.waitForSelector('#touch-tip:not([hidden])');
    assert.match(await page.textContent('#touch-tip'), new RegExp(`${words}$`));
    assert.equal(await page.locator('section.opt-card').count(), cards, 'nothing removed');
    // A finger that scrolls across it shows nothing.
    await page.waitForSelector('#touch-tip[hidden]', { state: 'attached', timeout: 4000 });
    const cdp = await page.context().newCDPSession(page);
    const box = await page.locator(slider).boundingBox();
    const y = box.y + box.height / 2;
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: box.x + 20, y }] });
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x: box.x + 20, y: y - 60 }] });
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await cdp.detach();
    await page.waitForTimeout(300);
    assert.equal(await page.getAttribute('#touch-tip', 'hidden'), '');
    noErrors(errors);
  });
}
