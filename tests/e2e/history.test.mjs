// The browser's Back and Forward: each lesson chosen is a history entry, so
// Back returns to the lesson before (in place: no reload), not off the page;
// a slider drag rewrites the entry it is in and adds none; an embed pushes
// nothing (an iframe's entries are the host page's Back button).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserSuite, openPage, state, settled } from './support.mjs';

const suite = browserSuite();

// The page as the test reads it: the lesson, η of the first card, the
// address bar's lesson and η, the history's length, and whether the page
// is still the one loaded (a reload would lose `__loaded`).
const look = (page) => page.evaluate(() => {
  const s = JSON.parse(window.wasmBindings.page_state());
  const q = new URLSearchParams(location.search);
  return {
    lesson: s.lesson,
    lr: s.scene.optimizers[0].lr,
    urlLesson: q.get('lesson'),
    urlLr: Number(/lr=([^,;&]+)/.exec(q.get('opt') ?? '')?.[1]),
    picker: document.getElementById('lesson').value,
    entries: history.length,
    same: window.__loaded === true,
  };
});

// Wait until the page shows lesson `n` and the link says so.
const onLesson = (page, n) => page.waitForFunction((n) => {
  const s = JSON.parse(window.wasmBindings.page_state());
  return s.lesson === n && new URLSearchParams(location.search).get('lesson') === String(n);
}, n, { timeout: 10000 });

test('lesson 1 → › → › → Back → Back → Forward, each lesson in its entry; a slider drag adds none', async (t) => {
  const { page, errors } = await openPage(suite.browser, t, `${suite.server.url}?lesson=1`);
  await page.evaluate(() => { window.__loaded = true; });
  // The opened link written back in full (the page's first write).
  await page.waitForFunction(() => location.search.includes('opt='));
  const first = await look(page);
  assert.equal(first.lesson, 1);
  const entries = first.entries;

  await page.click('#lesson-next');
  await onLesson(page, 2);
  await page.click('#lesson-next');
  await onLesson(page, 3);
  let now = await look(page);
  assert.equal(now.entries, entries + 2, 'one entry per lesson chosen');
  assert.equal(now.picker, '3');

  // A drag of lesson 3's η slider: the entry is rewritten, none added.
  const slider = page.locator('section.opt-card[data-index="0"] input[type="range"][data-param="lr"]');
  const box = await slider.boundingBox();
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width * 0.3, y);
  await page.mouse.down();
  for (let i = 1; i <= 8; i++) await page.mouse.move(box.x + box.width * (0.3 + 0.04 * i), y);
  await page.mouse.up();
  await settled(page);
  await page.waitForFunction(() => {
    const s = JSON.parse(window.wasmBindings.page_state());
    return location.search.includes(`lr=${s.scene.optimizers[0].lr}`);
  }, null, { timeout: 10000 });
  now = await look(page);
  assert.notEqual(now.lr, 0.4, 'the drag moved η');
  assert.equal(now.urlLr, now.lr, 'the link has the dragged η');
  assert.equal(now.entries, entries + 2, 'a drag adds no entry');
  assert.equal(now.lesson, 3);

  await page.goBack();
  await onLesson(page, 2);
  now = await look(page);
  assert.deepEqual([now.lesson, now.urlLesson, now.lr, now.urlLr, now.picker], [2, '2', 0.6, 0.6, '2']);
  assert.ok(now.same, 'Back shows the lesson in place, without a reload');

  await page.goBack();
  await onLesson(page, 1);
  now = await look(page);
  assert.deepEqual([now.lesson, now.urlLesson, now.lr, now.urlLr, now.picker], [1, '1', 0.4, 0.4, '1']);
  assert.ok(now.same);
  // Back is one undoable change, as choosing the lesson was.
  assert.equal(await page.locator('#undo').isDisabled(), false);

  await page.goForward();
  await onLesson(page, 2);
  now = await look(page);
  assert.deepEqual([now.lesson, now.urlLesson, now.lr, now.picker], [2, '2', 0.6, '2']);
  assert.equal(now.entries, entries + 2, 'Back and Forward move within the entries, adding none');
  assert.ok(now.same);
  assert.deepEqual(errors, []);
});

test('Back to a link in Chinese and presenting shows it so; an embed pushes no entry', async (t) => {
  const { page, errors } = await openPage(suite.browser, t, `${suite.server.url}?lesson=4&lang=zh&present`);
  await page.waitForFunction(() => location.search.includes('opt='));
  await page.keyboard.press('PageDown');
  await onLesson(page, 5);
  // Switched to English and out of presenter mode on lesson 5: rewritten, not pushed.
  await page.selectOption('#lang', 'en');
  await page.click('#present');
  await page.waitForFunction(() => !/[?&](present|lang=zh)\b/.test(location.search));
  await page.goBack();
  await onLesson(page, 4);
  await page.waitForFunction(() => document.documentElement.lang.startsWith('zh'));
  const s = await state(page);
  assert.equal(s.lesson, 4);
  assert.ok(await page.evaluate(() => document.body.classList.contains('present')), 'presenting again, as its link says');
  assert.deepEqual(errors, []);

  const embed = await openPage(suite.browser, t, `${suite.server.url}?lesson=1&embed`);
  await embed.page.waitForFunction(() => location.search.includes('opt='));
  const before = await embed.page.evaluate(() => history.length);
  await embed.page.focus('#plot');
  await embed.page.keyboard.press('PageDown');
  await embed.page.waitForFunction(() => JSON.parse(window.wasmBindings.page_state()).lesson === 2);
  await embed.page.waitForFunction(() => location.search.includes('lesson=2'));
  assert.equal(await embed.page.evaluate(() => history.length), before, 'embedded, the link is rewritten, never pushed');
  assert.deepEqual(embed.errors, []);
});

// The step and η the page shows, and those its link says.
const shown = (page) => page.evaluate(() => {
  const s = JSON.parse(window.wasmBindings.page_state());
  const q = new URLSearchParams(location.search);
  return { lesson: s.lesson, t: s.t, lr: s.scene.optimizers[0].lr, urlT: Number(q.get('t')) };
});

// Choose lesson `n` in the picker within one task of the page: what it
// showed just before is what the entry it leaves must keep.
const chooseLesson = (page, n) => page.evaluate((n) => {
  const s = JSON.parse(window.wasmBindings.page_state());
  const sel = document.getElementById('lesson');
  sel.value = String(n);
  sel.dispatchEvent(new Event('change', { bubbles: true }));
  return { t: s.t, lr: s.scene.optimizers[0].lr };
}, n);

test('a lesson chosen while playing or mid-drag: Back shows the entry left as it was when left', async (t) => {
  const { page, errors } = await openPage(suite.browser, t, `${suite.server.url}?lesson=1`);
  await page.waitForFunction(() => location.search.includes('opt='));
  const opened = await shown(page);
  // Playing (lesson 1 opens at its last step: play starts again from 0):
  // the link is not rewritten at every step (it is written when the figure
  // rests), so lesson 1's entry still says the step it opened at.
  await page.click('#play');
  await page.waitForFunction(() => JSON.parse(window.wasmBindings.page_state()).t >= 3);
  const left = await chooseLesson(page, 3);
  assert.ok(left.t !== opened.t, `played from step 0 to ${left.t} (opened at ${opened.t})`);
  await onLesson(page, 3);
  await page.goBack();
  await onLesson(page, 1);
  let now = await shown(page);
  assert.deepEqual([now.t, now.urlT], [left.t, left.t], `Back shows step ${left.t}, where lesson 1 was left`);

  // Mid-drag of lesson 1's η slider (the button still down): the entry left
  // keeps the dragged η, and the new lesson its own.
  await page.waitForFunction(() => location.search.includes('lesson=1'));
  const slider = page.locator('section.opt-card[data-index="0"] input[type="range"][data-param="lr"]');
  const box = await slider.boundingBox();
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width * 0.3, y);
  await page.mouse.down();
  for (let i = 1; i <= 6; i++) await page.mouse.move(box.x + box.width * (0.3 + 0.05 * i), y);
  const dragged = await chooseLesson(page, 3);
  await page.mouse.up();
  assert.notEqual(dragged.lr, opened.lr, 'the drag moved η');
  await onLesson(page, 3);
  const three = await shown(page);
  await page.goBack();
  await onLesson(page, 1);
  now = await shown(page);
  assert.equal(now.lr, dragged.lr, 'Back shows the η dragged to before the lesson was chosen');
  await page.goForward();
  await onLesson(page, 3);
  now = await shown(page);
  assert.deepEqual([now.lr, now.t], [three.lr, three.t], 'and Forward lesson 3 as it opened');
  assert.deepEqual(errors, []);
});
