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

test('the clicker\'s PageDown reveals a quiz, then goes on to the next lesson without it', async (t) => {
  const { page, errors } = await openIn(suite.browser, t, ROOM, `${suite.server.url}?lesson=3&quiz=predict(at=5,ahead=10,run=1)&present`);
  await settled(page);
  // The lesson's caption would give the answer away: only its title shows;
  // presenting, the prompt is the question alone, the run named by its mark.
  assert.equal(await page.isVisible('#lesson-text'), false);
  assert.equal(await page.isVisible('#lesson-title'), true);
  assert.match(await page.textContent('#quiz-prompt'), /^Where will .+ \(orange squares\) be after 10 more steps\?$/);
  // PageUp changes nothing; PageDown (a clicker has no Enter) reveals, on
  // the same lesson.
  await page.keyboard.press('PageUp');
  await settled(page);
  let s = await state(page);
  assert.deepEqual([s.lesson, s.t, s.quiz?.phase, await page.inputValue('#lesson')], [3, 5, 'asking', '3']);
  const plot = () => page.evaluate(() => { const r = document.getElementById('plot').getBoundingClientRect(); return [Math.round(r.top), Math.round(r.height)]; });
  const before = await plot();
  await page.keyboard.press('PageDown');
  await page.waitForFunction(() => JSON.parse(window.wasmBindings.page_state()).quiz?.phase === 'revealed', null, { timeout: 20000 });
  assert.equal((await state(page)).lesson, 3);
  // The figure stays where the class was looking (the caption shown at
  // the reveal pushed it from 121 to 334 px and shrank it).
  await settled(page);
  assert.deepEqual(await plot(), before, 'the plot kept its place and size');
  assert.equal(await page.isVisible('#lesson-text'), false);
  await page.keyboard.press('PageDown');
  await settled(page);
  s = await state(page);
  assert.equal(s.lesson, 4);
  assert.equal(s.quiz ?? null, null);
  assert.equal(await page.evaluate(() => document.getElementById('quiz').hidden), true);
  assert.equal(await page.isVisible('#lesson-text'), true);
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

test('lesson 8 presented on a 1280×720 projector shows the first run\'s table', async (t) => {
  for (const lang of ['en', 'zh']) {
    const { page, errors } = await openIn(suite.browser, t, { viewport: { width: 1280, height: 720 } }, `${suite.server.url}?lesson=8&present&lang=${lang}`);
    await settled(page);
    const [table, chart, px] = await page.evaluate(() => [
      document.querySelector('#state-runs > .insp:first-child .insp-table').getBoundingClientRect().top,
      document.getElementById('bias-chart').getBoundingClientRect().height,
      Number(document.getElementById('bias-chart').getAttribute('data-chart-px')),
    ]);
    assert.ok(table < 720 - 100, `${lang}: the first run's table starts at ${Math.round(table)} px`);
    // Side by side at a smaller presenter scale, not stacked at 20 px (655 px tall).
    assert.ok(chart < 260, `${lang}: the bias chart is ${Math.round(chart)} px tall`);
    assert.ok(px >= 13.75 && px <= 20, `${lang}: its labels at ${px} px`);
    noErrors(errors);
  }
});

// A teacher with the keyboard only (session of 2026-12-06): tabbing from
// the figure to η passed the three explainer headings under it first and
// scrolled the figure off a 1366×768 projector; and after editing η no key
// handed the figure its keys back (Space pressed the − beside the field).
test('Tab reaches the optimizers before the panels under the figure, which stays on screen', async (t) => {
  const { page, errors } = await openIn(suite.browser, t, { viewport: { width: 1366, height: 768 } }, `${suite.server.url}?lesson=1&present`);
  await settled(page);
  await page.focus('#plot');
  const order = [];
  for (let k = 0; k < 40; k++) {
    await page.keyboard.press('Tab');
    const where = await page.evaluate(() => {
      const a = document.activeElement;
      if (a.closest('#lesson-panels')) return 'panels';
      if (a.matches('input[type=range][data-param="lr"]')) return 'eta';
      return a.closest('aside') ? 'side' : 'stage';
    });
    order.push(where);
    if (where === 'eta') break;
  }
  assert.equal(order.at(-1), 'eta', order.join(' '));
  assert.ok(!order.includes('panels'), `no explainer before η: ${order.join(' ')}`);
  const plot = await page.evaluate(() => {
    const r = document.getElementById('plot').getBoundingClientRect();
    return { top: r.top, bottom: r.bottom, scroll: window.scrollY };
  });
  assert.ok(plot.top >= 0 && plot.bottom <= 768, `the figure on screen: ${JSON.stringify(plot)}`);
  noErrors(errors);
});

test('Esc hands the keys back to the figure: from the slider at once, from a field once its edit is abandoned', async (t) => {
  const { page, errors } = await openIn(suite.browser, t, { viewport: { width: 1366, height: 768 } }, `${suite.server.url}?lesson=1&present`);
  await settled(page);
  const active = () => page.evaluate(() => document.activeElement?.id || document.activeElement?.dataset.param || document.activeElement?.tagName);
  const slider = page.locator('section.opt-card[data-index="0"] input[type="range"][data-param="lr"]');
  await slider.focus();
  await page.keyboard.press('Escape');
  assert.equal(await active(), 'plot');
  // Space now plays (it is the figure's), not the slider's.
  await page.keyboard.press('Home');
  await settled(page);
  await page.keyboard.press('Space');
  await page.waitForFunction(() => JSON.parse(window.wasmBindings.page_state()).t > 0, null, { timeout: 10000 });
  await page.keyboard.press('Space');
  // A field reached with Tab keeps the keys after Enter (one value after
  // another); Escape with an edit open abandons it and stays; the next
  // Escape leaves.
  const field = page.locator('section.opt-card[data-index="0"] input.num[data-param="lr"]');
  await field.focus();
  await field.fill('-3');
  await page.waitForFunction(() => document.querySelector('[aria-invalid="true"]'));
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !document.querySelector('[aria-invalid="true"]'));
  await settled(page);
  assert.equal(await active(), 'lr', 'the first Escape abandons the edit, the field keeps the keys');
  assert.equal(await field.inputValue(), '0.4');
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => document.activeElement?.id === 'plot');
  assert.equal((await state(page)).scene.optimizers[0].lr, 0.4);
  noErrors(errors);
});

test('a reveal paused on the way says where it stopped, and plays on to the answer', async (t) => {
  const { page, errors } = await openIn(suite.browser, t, ROOM, `${suite.server.url}?lesson=3&quiz=predict(at=5,ahead=10,run=1)&present`);
  await settled(page);
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => JSON.parse(window.wasmBindings.page_state()).quiz?.phase === 'revealing');
  await page.keyboard.press('Space');
  await page.waitForFunction(() => /^Paused at step \d+: press ▶ to play on to step 15/.test(document.getElementById('quiz-hint').textContent));
  await page.keyboard.press('Home');
  await page.waitForFunction(() => /^Paused at step 0:/.test(document.getElementById('quiz-hint').textContent));
  assert.equal((await state(page)).quiz.phase, 'revealing');
  await page.keyboard.press('Space');
  await page.waitForFunction(() => JSON.parse(window.wasmBindings.page_state()).quiz?.phase === 'revealed', null, { timeout: 20000 });
  assert.notEqual(await page.textContent('#quiz-result'), '');
  noErrors(errors);
});

// Lesson 14's caption sends the class to the message under the legend,
// which stood 4–8 px into a projector's screen (a clicker cannot scroll).
test('presenting, the runs\' messages under the legend are on screen', async (t) => {
  for (const [w, h] of [[1366, 768], [1280, 720]]) {
    for (const q of ['?lesson=14&present', '?lesson=2&present&lang=zh']) {
      const { page, errors } = await openIn(suite.browser, t, { viewport: { width: w, height: h } }, suite.server.url + q);
      await settled(page);
      const m = await page.evaluate(() => {
        const el = document.getElementById('messages');
        return { n: el.children.length, bottom: el.getBoundingClientRect().bottom, scroll: window.scrollY };
      });
      assert.ok(m.n > 0, `${q}: a message`);
      assert.ok(m.scroll === 0 && m.bottom <= h, `${w}×${h} ${q}: ${JSON.stringify(m)}`);
      noErrors(errors);
    }
  }
});

// A clicker that sends arrows: lesson 1 opens at its last step, where →
// did nothing (the clicker looked dead); presenting, it turns the page.
test('presenting, → at a lesson\'s last step opens the next lesson and ← at step 0 the one before', async (t) => {
  const { page, errors } = await openIn(suite.browser, t, ROOM, `${suite.server.url}?lesson=1&present`);
  await settled(page);
  let s = await state(page);
  assert.equal(s.t, s.scene.steps, 'lesson 1 opens at its end');
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() => JSON.parse(window.wasmBindings.page_state()).lesson === 2);
  await page.keyboard.press('Home');
  await settled(page);
  await page.keyboard.press('ArrowLeft');
  await page.waitForFunction(() => JSON.parse(window.wasmBindings.page_state()).lesson === 1);
  noErrors(errors);
});

// A lesson's panel beside the figure stands above the controls: Tab
// reaches it before them, in the order seen (it had come last).
test('Tab reaches a lesson\'s panel beside the figure before the controls under it', async (t) => {
  for (const q of ['?lesson=9&present', '?lesson=5', '?lesson=1&present']) {
    const { page, errors } = await openIn(suite.browser, t, { viewport: { width: 1366, height: 768 } }, suite.server.url + q);
    await settled(page);
    await page.focus('#plot');
    let first = null;
    for (let k = 0; k < 60 && !first; k++) {
      await page.keyboard.press('Tab');
      first = await page.evaluate(() => {
        const a = document.activeElement;
        return a.closest('#lesson-panels') ? 'panels' : a.closest('aside') ? 'side' : null;
      });
    }
    const beside = await page.evaluate(() => document.body.hasAttribute('data-beside'));
    assert.equal(first, beside ? 'panels' : 'side', q);
    noErrors(errors);
  }
});

test('a 1024×768 projector: lesson 14 keeps its message on screen under a figure of at least 240 px, both languages', async (t) => {
  for (const lang of ['en', 'zh']) {
    const { page, errors } = await openIn(suite.browser, t, { viewport: { width: 1024, height: 768 } }, `${suite.server.url}?lesson=14&present&lang=${lang}`);
    await page.waitForFunction(() => document.getElementById('messages').textContent !== '');
    const g = await page.evaluate(() => ({
      plot: document.getElementById('plot').getBoundingClientRect().height,
      bottom: document.getElementById('messages').getBoundingClientRect().bottom,
      h: innerHeight,
    }));
    assert.ok(g.plot >= 240, `${lang}: figure ${g.plot} px`);
    assert.ok(g.bottom <= g.h, `${lang}: message ends at ${g.bottom} of ${g.h}`);
    noErrors(errors);
  }
});

// A teacher's clicker trial (session of 2026-12-07): lesson 10's ten-line
// caption left a 352 px figure on a 1920×1080 projector. Presenting, a
// caption shows four lines and Show all when that cuts something.
test('presenting, a long caption shows its first lines and Show all; a short one shows whole', async (t) => {
  const { page, errors } = await openIn(suite.browser, t, ROOM, `${suite.server.url}?lesson=10&present`);
  await settled(page);
  const plotH = () => page.evaluate(() => document.getElementById('plot').getBoundingClientRect().height);
  const h0 = await plotH();
  assert.ok(h0 > 540, `the figure is ${h0} px tall`);
  assert.equal(await page.isVisible('#lesson-more'), true);
  const text = () => page.evaluate(() => { const e = document.getElementById('lesson-text'); return [e.scrollHeight, e.clientHeight]; });
  const [sh, ch] = await text();
  assert.ok(sh > ch + 20, `clamped: ${sh} > ${ch}`);
  await page.click('#lesson-more');
  await settled(page);
  const [sh2, ch2] = await text();
  assert.ok(sh2 <= ch2 + 1, 'open: the whole caption');
  const h1 = await plotH();
  assert.ok(h1 < h0 && h1 >= 220, `the figure takes what the caption leaves: ${h0} → ${h1}`);
  assert.equal(await page.textContent('#lesson-more'), 'Show less ▴');
  // The button stands beside the title, not under the text.
  const [more, title] = await page.evaluate(() => ['lesson-more', 'lesson-title'].map((id) => document.getElementById(id).getBoundingClientRect().top));
  assert.ok(Math.abs(more - title) < 20, `${more} vs ${title}`);
  // Lesson 1's caption is short: whole, no button.
  await page.keyboard.press('Escape');
  await page.goto(`${suite.server.url}?lesson=1&present`);
  await page.waitForSelector('canvas#plot[data-ready="true"]');
  await settled(page);
  assert.equal(await page.isVisible('#lesson-more'), false);
  noErrors(errors);
});

// The same trial's student on a tablet in landscape (1180×820, touch): the
// time bar wraps to two rows of 44 px targets, and the figure had left one
// row's room (its steps field cut by the screen's edge; in lesson 9 the
// panel put beside the figure after the first picture wrapped it later).
test('a tablet in landscape keeps the whole time bar on screen', async (t) => {
  const TABLET = { viewport: { width: 1180, height: 820 }, deviceScaleFactor: 2, hasTouch: true, isMobile: true };
  for (const [lesson, lang] of [[1, 'en'], [9, 'zh'], [14, 'en']]) {
    const { page, errors } = await openIn(suite.browser, t, TABLET, `${suite.server.url}?lesson=${lesson}&lang=${lang}`);
    await settled(page);
    const [bar, steps] = await page.evaluate(() => ['timebar', 'steps'].map((id) => document.getElementById(id).getBoundingClientRect().bottom));
    assert.ok(bar <= 820 && steps <= 820, `lesson ${lesson} ${lang}: the bar ends at ${bar}, its steps field at ${steps}`);
    noErrors(errors);
    await page.close();
  }
});

// An old projector's 1280×720, where the presenter's type is at its
// smallest (18 px): the cards' names, values and titles had shrunk to
// 15.3–16.8 px, and the caption's Show all covered the end of its first
// line of text ("average of").
test('a 1280×720 projector: the cards\' words are at least 18 px and Show all covers no caption text', async (t) => {
  for (const lang of ['en', 'zh']) {
    const { page, errors } = await openIn(suite.browser, t, { viewport: { width: 1280, height: 720 } }, `${suite.server.url}?lesson=3&present&lang=${lang}`);
    await settled(page);
    const small = await page.evaluate(() => [...document.querySelectorAll('.opt-card *')]
      .filter((e) => e.children.length === 0 && e.textContent.trim() && e.getClientRects().length && !e.matches('button.nudge'))
      .map((e) => [e.textContent.trim().slice(0, 30), parseFloat(getComputedStyle(e).fontSize)])
      .filter(([, px]) => px < 18));
    assert.deepEqual(small, [], `${lang}: words under 18 px`);
    // (Its Chinese caption fits in three lines: no button.)
    assert.equal(await page.isVisible('#lesson-more'), lang === 'en', `${lang}: lesson 3's caption cut at 720 px`);
    if (lang === 'zh') {
      noErrors(errors);
      continue;
    }
    const covered = await page.evaluate(() => {
      const b = document.getElementById('lesson-more').getBoundingClientRect();
      const r = document.createRange();
      r.selectNodeContents(document.getElementById('lesson-text'));
      return [...r.getClientRects()].filter((q) => q.width > 0 && q.left < b.right && q.right > b.left && q.top < b.bottom && q.bottom > b.top)
        .map((q) => [q.left, q.top, q.right, q.bottom].map(Math.round));
    });
    assert.deepEqual(covered, [], `${lang}: caption text under the button`);
    noErrors(errors);
  }
});
