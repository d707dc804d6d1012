// A teacher's trial with a clicker, presenting at 1920×1080 (session of
// 2026-12-05): PageDown while a quiz asks changes nothing (it put the
// class's exercise on the next lesson, the guess already placed), and
// after the reveal it goes on to the next lesson without the quiz; a new
// lesson opens at its caption when the teacher had scrolled down to an
// explainer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserSuite, settled, state, noErrors, openIn } from './support.mjs';

const suite = browserSuite();
const ROOM = { viewport: { width: 1920, height: 1080 } };

test('the clicker waits for a quiz\'s reveal, then goes on without it', async (t) => {
  const { page, errors } = await openIn(suite.browser, t, ROOM, `${suite.server.url}?lesson=3&quiz=predict(at=5,ahead=10,run=1)&present`);
  await settled(page);
  await page.keyboard.press('PageDown');
  await settled(page);
  let s = await state(page);
  assert.deepEqual([s.lesson, s.t, s.quiz?.phase, await page.inputValue('#lesson')], [3, 5, 'asking', '3']);
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => JSON.parse(window.wasmBindings.page_state()).quiz?.phase === 'revealed', null, { timeout: 20000 });
  await page.keyboard.press('PageDown');
  await settled(page);
  s = await state(page);
  assert.equal(s.lesson, 4);
  assert.equal(s.quiz ?? null, null);
  assert.equal(await page.evaluate(() => document.getElementById('quiz').hidden), true);
  noErrors(errors);
});

test('the next lesson opens at its caption after the teacher scrolled down', async (t) => {
  const { page, errors } = await openIn(suite.browser, t, ROOM, `${suite.server.url}?lesson=2&present`);
  await settled(page);
  await page.evaluate(() => { document.querySelectorAll('.lesson-panels details').forEach((d) => { d.open = true; }); window.scrollTo(0, 800); });
  assert.ok(await page.evaluate(() => scrollY) > 0);
  await page.keyboard.press('PageDown');
  await settled(page);
  assert.equal((await state(page)).lesson, 3);
  const top = await page.evaluate(() => document.getElementById('lesson-caption').getBoundingClientRect().top);
  assert.ok(top >= 0, `the caption's top at ${top} px`);
  noErrors(errors);
});
