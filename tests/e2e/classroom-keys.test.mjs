// In front of a class (issue 12): a click on the figure never changes it,
// Shift-click / the ring / the start handle / the start fields move the
// start, every change can be undone and redone, ↺ lesson restores the
// lesson, the keys work wherever the focus is (Space, arrows, Home/End,
// PageUp/PageDown, Shift+arrows, + and −, Ctrl+Z), Ctrl + wheel zooms by
// bounded steps and one finger on a phone scrolls the page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, state, act, settled, geometry, toPx, freeCanvasPoint, noErrors, openPage } from './support.mjs';

let server, browser;
before(async () => {
  server = await serve();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const open = (t, q, opts) => openPage(browser, t, server.url + q, opts);
const modified = (page) => page.isVisible('#lesson-modified');
const view = async (page) => { const g = await geometry(page); return [g.x0, g.x1, g.y0, g.y1]; };

// A point of the canvas away from the start ring and the minimum.
async function freePoint(page) {
  const g = await geometry(page);
  const s = await state(page);
  return freeCanvasPoint(page, [[0.3, 0.25], [0.7, 0.25], [0.3, 0.75], [0.7, 0.75], [0.5, 0.2]], [toPx(g, s.scene.start), toPx(g, [0, 0])], 50);
}

test('lesson 1: a click leaves the figure; Shift+click moves the start; undo, redo and ↺ lesson', async (t) => {
  const { page, errors } = await open(t, '?lesson=1');
  const s0 = await state(page);
  assert.equal(await modified(page), false);
  assert.equal(await page.isDisabled('#undo'), true, 'nothing to undo yet');
  const p = await freePoint(page);
  await page.locator('#plot').click({ position: { x: p[0], y: p[1] } });
  await settled(page);
  assert.deepEqual((await state(page)).scene, s0.scene, 'a plain click does not change the scene');
  assert.equal(await modified(page), false, 'nor mark the lesson modified');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'plot', 'the click focuses the figure');
  // Shift+click moves the start there.
  await act(page, () => page.locator('#plot').click({ position: { x: p[0], y: p[1] }, modifiers: ['Shift'] }));
  const s1 = await state(page);
  assert.notDeepEqual(s1.scene.start, s0.scene.start);
  assert.equal(await modified(page), true, 'the caption says modified');
  assert.equal(await page.isVisible('#restore-lesson'), true);
  assert.match(await page.locator('#lesson-caption').innerText(), /modified/);
  assert.match(await page.locator('#lesson option:checked').innerText(), /modified/, 'the picker says modified');
  // Ctrl+Z undoes, Ctrl+Shift+Z redoes, Ctrl+Y too.
  await act(page, () => page.keyboard.press('Control+z'));
  assert.deepEqual((await state(page)).scene.start, s0.scene.start);
  assert.equal(await modified(page), false);
  await act(page, () => page.keyboard.press('Control+Shift+Z'));
  assert.deepEqual((await state(page)).scene.start, s1.scene.start);
  await act(page, () => page.keyboard.press('Control+z'));
  await act(page, () => page.keyboard.press('Control+y'));
  assert.deepEqual((await state(page)).scene.start, s1.scene.start);
  // The buttons too.
  await act(page, () => page.click('#undo'));
  assert.deepEqual((await state(page)).scene.start, s0.scene.start);
  assert.equal(await page.isDisabled('#redo'), false);
  await act(page, () => page.click('#redo'));
  assert.deepEqual((await state(page)).scene.start, s1.scene.start);
  // ↺ lesson restores the lesson as opening it does.
  await act(page, () => page.click('#restore-lesson'));
  const s2 = await state(page);
  assert.deepEqual(s2.scene, s0.scene);
  assert.equal(s2.t, s0.t);
  assert.equal(await modified(page), false);
  assert.equal(await page.isVisible('#restore-lesson'), false);
  // Re-choosing the lesson in the picker restores it too.
  await act(page, () => page.locator('#plot').click({ position: { x: p[0], y: p[1] }, modifiers: ['Shift'] }));
  assert.equal(await modified(page), true);
  await act(page, () => page.selectOption('#lesson', '1'));
  assert.deepEqual((await state(page)).scene, s0.scene);
  assert.equal(await modified(page), false);
  noErrors(errors);
});

test('after choosing a lesson in the picker, Space plays and → steps; after clicking ›, Space plays', async (t) => {
  const { page, errors } = await open(t, '?lesson=1');
  await act(page, () => page.selectOption('#lesson', '3'));
  assert.equal((await state(page)).lesson, 3);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'plot', 'the focus is back on the figure');
  await act(page, () => page.keyboard.press('Home'));
  await act(page, () => page.keyboard.press('ArrowRight'));
  let s = await state(page);
  assert.equal(s.lesson, 3, '→ does not switch the lesson');
  assert.equal(s.t, 1, '→ steps');
  await page.keyboard.press(' ');
  assert.equal((await state(page)).playing, true, 'Space plays');
  assert.equal((await state(page)).lesson, 3);
  await page.keyboard.press(' ');
  assert.equal((await state(page)).playing, false);
  // A mouse click on ›, then Space: plays instead of skipping a lesson.
  await act(page, () => page.click('#lesson-next'));
  assert.equal((await state(page)).lesson, 4);
  await page.keyboard.press(' ');
  s = await state(page);
  assert.equal(s.lesson, 4, 'Space does not press › again');
  assert.equal(s.playing, true, 'Space plays');
  await page.keyboard.press(' ');
  // A keyboard user who tabs to › and presses Space still activates it.
  await page.focus('#lesson-next');
  await act(page, () => page.keyboard.press(' '));
  assert.equal((await state(page)).lesson, 5);
  // Arrows on the closed picker browse the lessons: the picker keeps the focus.
  await page.focus('#lesson');
  await act(page, () => page.keyboard.press('ArrowDown'));
  assert.equal((await state(page)).lesson, 6);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'lesson', 'browsing keeps the focus in the picker');
  noErrors(errors);
});

test('Home/End, PageDown/PageUp, Shift+arrows, + and −, without scrolling the page', async (t) => {
  const { page, errors } = await open(t, '?lesson=1', { viewport: { width: 1280, height: 600 } });
  await page.locator('#plot').focus();
  const y0 = await page.evaluate(() => window.scrollY);
  await act(page, () => page.keyboard.press('Home'));
  assert.equal((await state(page)).t, 0);
  await act(page, () => page.keyboard.press('End'));
  const s = await state(page);
  assert.equal(s.t, s.scene.steps);
  assert.equal(await page.evaluate(() => window.scrollY), y0, 'Home/End do not scroll the page');
  await act(page, () => page.keyboard.press('PageDown'));
  assert.equal((await state(page)).lesson, 2);
  await act(page, () => page.keyboard.press('PageUp'));
  assert.equal((await state(page)).lesson, 1);
  assert.equal(await page.evaluate(() => window.scrollY), y0, 'PageUp/PageDown do not scroll the page');
  // Shift+→ pans right by a tenth of the width; + zooms in about the centre.
  const v0 = await view(page);
  await act(page, () => page.keyboard.press('Shift+ArrowRight'));
  const v1 = await view(page);
  const w = v0[1] - v0[0];
  assert.ok(Math.abs(v1[0] - (v0[0] + 0.1 * w)) < 1e-9 * w && Math.abs(v1[1] - (v0[1] + 0.1 * w)) < 1e-9 * w, `pan: ${v0} → ${v1}`);
  assert.deepEqual([v1[2], v1[3]], [v0[2], v0[3]]);
  assert.equal(await modified(page), false, 'panning is not a different figure');
  await act(page, () => page.keyboard.press('+'));
  const v2 = await view(page);
  assert.ok(v2[1] - v2[0] < 0.9 * (v1[1] - v1[0]), `+ zooms in: ${v1} → ${v2}`);
  const mid = (v) => [(v[0] + v[1]) / 2, (v[2] + v[3]) / 2];
  assert.ok(Math.abs(mid(v2)[0] - mid(v1)[0]) < 1e-6 * w, 'about the centre');
  await act(page, () => page.keyboard.press('-'));
  const v3 = await view(page);
  assert.ok(Math.abs((v3[1] - v3[0]) - (v1[1] - v1[0])) < 1e-9 * w, '− zooms back out');
  // Undo takes the zoom and the pan back, one entry each.
  await act(page, () => page.keyboard.press('Control+z'));
  await act(page, () => page.keyboard.press('Control+z'));
  await act(page, () => page.keyboard.press('Control+z'));
  assert.deepEqual(await view(page), v0);
  noErrors(errors);
});

test('a held PageDown turns one lesson, a held → none', async (t) => {
  const { page, errors } = await open(t, '?lesson=4&present', { viewport: { width: 1280, height: 720 } });
  await settled(page);
  await page.keyboard.down('PageDown');
  for (let i = 0; i < 4; i++) await page.keyboard.down('PageDown');
  await page.keyboard.up('PageDown');
  await settled(page);
  assert.equal((await state(page)).lesson, 5);
  // A held → steps to the lesson's end and stays there (each lesson opens
  // at its end: every repeat had turned a page, 4 → 14); a new press
  // turns it.
  await page.focus('#plot');
  await page.keyboard.press('Home');
  const steps = (await state(page)).scene.steps;
  await page.keyboard.down('ArrowRight');
  for (let i = 0; i < steps + 3; i++) await page.keyboard.down('ArrowRight');
  await page.keyboard.up('ArrowRight');
  await settled(page);
  const s = await state(page);
  assert.equal(s.lesson, 5);
  assert.equal(s.t, s.scene.steps);
  await page.keyboard.press('ArrowRight');
  await settled(page);
  assert.equal((await state(page)).lesson, 6);
  noErrors(errors);
});

test('the start handle and the start fields move the start', async (t) => {
  const { page, errors } = await open(t, '?lesson=1');
  const s0 = await state(page);
  const label = await page.getAttribute('#start-handle', 'aria-label');
  assert.match(label, new RegExp(`x = ${s0.scene.start[0]}, y = ${s0.scene.start[1]}`));
  await page.focus('#start-handle');
  await act(page, () => page.keyboard.press('ArrowRight'));
  const s1 = await state(page);
  assert.ok(s1.scene.start[0] > s0.scene.start[0] && s1.scene.start[1] === s0.scene.start[1], `→: ${s0.scene.start} → ${s1.scene.start}`);
  assert.equal(s1.t, s0.t, 'the handle\'s → does not step');
  // One step: the largest 1, 2 or 5 × 10^k at most a hundredth of the view's span.
  const v = await view(page);
  const step = (span) => {
    const p = 10 ** Math.floor(Math.log10(span / 100));
    return [5, 2, 1].map((m) => m * p).find((s) => s <= (span / 100) * (1 + 1e-12)) ?? p;
  };
  assert.ok(Math.abs(s1.scene.start[0] - s0.scene.start[0] - step(v[1] - v[0])) < 1e-9, '→ moves one step');
  await act(page, () => page.keyboard.press('Shift+ArrowUp'));
  const s2 = await state(page);
  const dy = s2.scene.start[1] - s1.scene.start[1];
  assert.ok(Math.abs(dy - 10 * step(v[3] - v[2])) < 1e-9, `Shift+↑ moves ten steps up (${dy})`);
  assert.deepEqual(await view(page), v, 'the handle does not pan');
  assert.match(await page.getAttribute('#start-handle', 'aria-label'), new RegExp(`y = ${s2.scene.start[1]}`));
  assert.equal(await modified(page), true);
  // The fields.
  await act(page, async () => { await page.fill('#start-x', '1.25'); await page.press('#start-x', 'Enter'); });
  assert.equal((await state(page)).scene.start[0], 1.25);
  await act(page, async () => { await page.fill('#start-y', '-0.5'); await page.press('#start-y', 'Enter'); });
  assert.deepEqual((await state(page)).scene.start, [1.25, -0.5]);
  for (const r of (await state(page)).runs) assert.deepEqual(r.points[0], [1.25, -0.5]);
  // Out of range: the field is marked and its message says why, the start stays.
  await page.fill('#start-y', '1e13');
  await page.press('#start-y', 'Enter');
  await settled(page);
  assert.deepEqual((await state(page)).scene.start, [1.25, -0.5]);
  assert.equal(await page.getAttribute('#start-y', 'aria-invalid'), 'true');
  assert.match(await page.locator('#invalid-start-1').innerText(), /1e12/);
  // Typing in a field keeps its keys: ← moves the caret, not the cursor.
  const t0 = (await state(page)).t;
  await page.focus('#start-x');
  await page.keyboard.press('ArrowLeft');
  assert.equal((await state(page)).t, t0);
  noErrors(errors);
});

test('a fast wheel burst zooms a bounded amount, as one undo entry', async (t) => {
  const { page, errors } = await open(t, '?lesson=1');
  const g = await geometry(page);
  const w0 = g.x1 - g.x0;
  await page.mouse.move(g.left + g.w / 2, g.top + g.h / 2);
  // Fifteen events in one task, as a fast trackpad flick sends them: sent
  // one by one through the driver, a busy CI machine spaced them past the
  // gesture's 400 ms end and the burst became two undo entries.
  await act(page, () => page.evaluate(([x, y]) => {
    const plot = document.getElementById('plot');
    for (let i = 0; i < 15; i++) {
      plot.dispatchEvent(new WheelEvent('wheel', { deltaY: 500, clientX: x, clientY: y, ctrlKey: true, bubbles: true, cancelable: true }));
    }
  }, [g.left + g.w / 2, g.top + g.h / 2]));
  const g1 = await geometry(page);
  const ratio = (g1.x1 - g1.x0) / w0;
  assert.ok(ratio > 1 && ratio < 20, `15 fast wheel events zoom out ×${ratio}`);
  // One notch is a steady step.
  await page.waitForTimeout(500);
  await page.keyboard.down('Control');
  await act(page, () => page.mouse.wheel(0, -100));
  await page.keyboard.up('Control');
  const g2 = await geometry(page);
  const notch = (g1.x1 - g1.x0) / (g2.x1 - g2.x0);
  assert.ok(notch >= 1.1 && notch <= 1.25, `one notch zooms ×${notch}`);
  await page.waitForTimeout(500);
  // The notch, then the burst: two entries.
  await act(page, () => page.keyboard.press('Control+z'));
  await act(page, () => page.keyboard.press('Control+z'));
  const g3 = await geometry(page);
  assert.ok(Math.abs((g3.x1 - g3.x0) - w0) < 1e-9 * w0, `undone: ${w0} → ${g3.x1 - g3.x0}`);
  noErrors(errors);
});

test('phone 390×844: one finger swiping up scrolls the page and leaves the view; a tap leaves the start', async (t) => {
  const { page, errors } = await open(t, '?lesson=1', { viewport: { width: 390, height: 844 }, dpr: 2 });
  const cdp = await page.context().newCDPSession(page);
  const touch = (type, points) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: points.map(([x, y], id) => ({ x, y, id })) });
  await page.evaluate(() => window.scrollTo(0, 0));
  const s0 = await state(page);
  const v0 = await view(page);
  const g = await geometry(page);
  const p = await freePoint(page);
  const x = g.left + p[0];
  const y = g.top + g.h * 0.8;
  await touch('touchStart', [[x, y]]);
  for (let k = 1; k <= 12; k++) await touch('touchMove', [[x, y - 20 * k]]);
  await touch('touchEnd', []);
  await page.waitForTimeout(400);
  await settled(page);
  assert.ok(await page.evaluate(() => window.scrollY) > 50, `the page scrolled: ${await page.evaluate(() => window.scrollY)}`);
  assert.deepEqual(await view(page), v0, 'the view did not move');
  assert.deepEqual((await state(page)).scene, s0.scene);
  // A tap never moves the start.
  await page.evaluate(() => window.scrollTo(0, 0));
  const g1 = await geometry(page);
  await touch('touchStart', [[g1.left + p[0], g1.top + p[1]]]);
  await touch('touchEnd', []);
  await page.waitForTimeout(300);
  assert.deepEqual((await state(page)).scene, s0.scene, 'a tap changes nothing');
  assert.equal(await modified(page), false);
  noErrors(errors);
});

// A teacher's mouse touched a control, then reached for the clicker or Space.
test('after the mouse touched a slider, a picker, a button or a box, PageDown changes the lesson and Space plays', async (t) => {
  const { page, errors } = await open(t, '?lesson=2&present', { viewport: { width: 1920, height: 1080 } });
  const eta = 'section.opt-card[data-index="0"] input[type="range"][data-param="lr"]';
  const playPause = async () => {
    await page.keyboard.press(' ');
    assert.equal((await state(page)).playing, true, 'Space plays');
    await page.keyboard.press(' ');
    assert.equal((await state(page)).playing, false);
  };
  // A slider keeps its arrows, not the clicker's keys.
  await page.focus(eta);
  await act(page, () => page.keyboard.press('PageDown'));
  assert.equal((await state(page)).lesson, 3, 'PageDown on a slider: the next lesson');
  await page.focus('#scrub');
  await act(page, () => page.keyboard.press('PageUp'));
  assert.equal((await state(page)).lesson, 2, 'PageUp on the scrubber: the lesson before');
  // A picker chosen with the mouse gives the keys back.
  await page.dispatchEvent('#lang', 'pointerdown');
  await act(page, () => page.selectOption('#lang', 'zh'));
  await page.waitForFunction(() => document.activeElement?.id === 'plot');
  await act(page, () => page.keyboard.press('PageDown'));
  let s = await state(page);
  assert.equal(s.lesson, 3, 'PageDown after a language change: the next lesson');
  assert.equal(await page.inputValue('#lang'), 'zh', 'and the language stays');
  await playPause();
  // A picker chosen with the keys keeps them (a keyboard user browses on).
  await page.focus('#speed');
  await page.keyboard.press('ArrowDown');
  await settled(page);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'speed');
  // Present, ⊡ and a legend box clicked with the mouse: Space plays, not them again.
  await act(page, () => page.click('#present'));
  await act(page, () => page.click('#present'));
  assert.equal(await page.getAttribute('#present', 'aria-pressed'), 'true');
  await page.waitForFunction(() => document.activeElement?.id === 'plot');
  await playPause();
  assert.equal(await page.getAttribute('#present', 'aria-pressed'), 'true', 'Space did not press Present');
  await act(page, () => page.keyboard.press('End'));
  await act(page, () => page.click('#fit-view'));
  const fitted = await view(page);
  await page.waitForFunction(() => document.activeElement?.id === 'plot');
  await playPause();
  assert.deepEqual(await view(page), fitted, 'Space did not fit again');
  await act(page, () => page.locator('#legend input[type=checkbox]').first().click());
  const hidden = (await state(page)).hidden;
  await page.waitForFunction(() => document.activeElement?.id === 'plot');
  await playPause();
  assert.deepEqual((await state(page)).hidden, hidden, 'Space did not toggle the run again');
  // A key on a button still presses it (a keyboard user tabbed to it).
  await page.focus('#fit-view');
  await act(page, () => page.keyboard.press(' '));
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'fit-view');
  noErrors(errors);
});

test('Enter in a field takes the value and gives the keys back; a refused value keeps the field', async (t) => {
  const { page, errors } = await open(t, '?lesson=2');
  const field = page.locator('section.opt-card[data-index="0"] input.num[data-param="lr"]');
  await act(page, () => field.fill('0.45'));
  await field.press('Enter');
  await settled(page);
  assert.equal((await state(page)).scene.optimizers[0].lr, 0.45);
  await page.waitForFunction(() => document.activeElement?.id === 'plot');
  await page.keyboard.press(' ');
  assert.equal((await state(page)).playing, true, 'Space plays');
  await page.keyboard.press(' ');
  await act(page, () => page.keyboard.press('PageDown'));
  assert.equal((await state(page)).lesson, 3);
  // Refused: the field keeps the focus, its mark and its message.
  const eta = page.locator('section.opt-card[data-index="0"] input.num[data-param="lr"]');
  await eta.fill('-3');
  await eta.press('Enter');
  await page.waitForTimeout(100);
  assert.equal(await eta.evaluate((e) => e === document.activeElement), true);
  assert.equal(await eta.getAttribute('aria-invalid'), 'true');
  // The clicker still changes the lesson from a field, and gives the keys
  // to the figure: → steps and Space plays, nothing is typed into η.
  await act(page, () => page.keyboard.press('PageDown'));
  let s = await state(page);
  assert.equal(s.lesson, 4);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'plot');
  await act(page, () => page.keyboard.press('ArrowRight'));
  assert.equal((await state(page)).t, s.t + 1, '→ steps');
  await page.keyboard.press(' ');
  assert.equal((await state(page)).playing, true, 'Space plays');
  await page.keyboard.press(' ');
  assert.equal((await state(page)).scene.optimizers[0].lr, s.scene.optimizers[0].lr);
  assert.equal(await eta.evaluate((e) => e.getAttribute('aria-invalid')), null, 'no refusal typed into η');
  noErrors(errors);
});

// The clicker's PageDown with η half typed: the next lesson opens as
// published. Its cards replaced the focused field, whose "change" (fired by
// Chromium at a focused field removed) had put the typed 0.77 into the
// new lesson's first card, marked "modified".
test('a value typed in a field, then the clicker\'s PageDown: the next lesson opens as published', async (t) => {
  const { page, errors } = await open(t, '?lesson=1');
  const field = page.locator('section.opt-card[data-index="0"] input.num[data-param="lr"]');
  await field.click({ clickCount: 3 });
  await page.keyboard.type('0.77');
  await page.waitForFunction(() => JSON.parse(window.wasmBindings.page_state()).scene.optimizers[0].lr === 0.77);
  await page.keyboard.press('PageDown');
  await page.waitForFunction(() => JSON.parse(window.wasmBindings.page_state()).lesson === 2);
  await page.waitForTimeout(300);
  assert.equal((await state(page)).scene.optimizers[0].lr, 0.6, 'lesson 2\'s η');
  assert.equal(await page.isHidden('#lesson-modified'), true, 'not "modified"');
  await page.waitForFunction(() => /lesson=2/.test(location.search));
  assert.doesNotMatch(page.url(), /lr=0\.77/);
  noErrors(errors);
});

test('in free play a focused slider, picker or field keeps PageUp/PageDown; the figure takes them', async (t) => {
  const { page, errors } = await open(t, '?opt=adamw:lr=0.1,lambda=0.01');
  const lambda = 'section.opt-card[data-index="0"] input[type="range"][data-param="lambda"]';
  const before = (await state(page)).scene;
  for (const sel of [lambda, '#speed', 'section.opt-card[data-index="0"] input.num[data-param="lr"]']) {
    await page.focus(sel);
    await page.keyboard.press('PageUp');
    await settled(page);
    assert.equal((await state(page)).lesson, null, `PageUp on ${sel}: still free play`);
  }
  assert.equal((await state(page)).scene.optimizers[0].kind, before.optimizers[0].kind);
  await page.focus('#plot');
  await act(page, () => page.keyboard.press('PageDown'));
  assert.equal((await state(page)).lesson, 1, 'on the figure, PageDown opens lesson 1');
  noErrors(errors);
});

test('a field clicked inside a label keeps the focus: what is typed goes into it', async (t) => {
  const { page, errors } = await open(t, '?opt=gd');
  // The steps, noise and start fields sit in <label>s, which hand the keys
  // back to the figure when clicked: the keys went to the plot a moment
  // after the click, and a slow machine typed "35" into "20" as "3520".
  for (const [sel, typed] of [['#steps', '35'], ['#noise-sigma', '0.1'], ['#start-x', '-4']]) {
    await page.locator(sel).click();
    await page.waitForTimeout(150);
    assert.equal(await page.evaluate(() => document.activeElement?.id), sel.slice(1), `${sel} keeps the focus`);
    await page.keyboard.press('Control+A');
    await act(page, () => page.keyboard.type(typed));
    await page.keyboard.press('Enter');
    await settled(page);
    assert.equal(await page.inputValue(sel), typed);
  }
  const s = (await state(page)).scene;
  assert.equal(s.steps, 35);
  assert.equal(s.noise.sigma, 0.1);
  assert.equal(s.start[0], -4);
  // A click on the label's words focuses its field, and it stays there.
  await page.locator('label[data-group="steps"] > span').click();
  await page.waitForTimeout(150);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'steps');
  noErrors(errors);
});

test('a field reached with Tab keeps the focus after Enter: the next value is a Tab away', async (t) => {
  const { page, errors } = await open(t, '?lesson=4');
  const lr = page.locator('section.opt-card[data-index="0"] input.num[data-param="lr"]');
  // Tab into η from the control before it.
  await lr.evaluate((e) => {
    const all = [...document.querySelectorAll('input, button, select, [tabindex="0"]')].filter((x) => x.offsetParent);
    all[all.indexOf(e) - 1].focus();
  });
  await page.keyboard.press('Tab');
  assert.equal(await lr.evaluate((e) => e === document.activeElement), true, 'Tab reached η');
  await page.keyboard.press('Control+A');
  await act(page, () => page.keyboard.type('0.5'));
  await page.keyboard.press('Enter');
  await settled(page);
  assert.equal((await state(page)).scene.optimizers[0].lr, 0.5);
  await page.waitForTimeout(100);
  assert.equal(await lr.evaluate((e) => e === document.activeElement), true, 'η keeps the focus');
  // The same field clicked with the mouse gives the keys back.
  await lr.click();
  await page.keyboard.press('Control+A');
  await act(page, () => page.keyboard.type('0.45'));
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.id === 'plot');
  noErrors(errors);
});

test('a lesson reached with the clicker opens and closes its panels as its link does', async (t) => {
  const { page, errors } = await open(t, '?lesson=8');
  const isOpen = (id) => page.evaluate((id) => document.getElementById(id).open, id);
  assert.equal(await isOpen('state-panel'), true, 'lesson 8 shows the state panel');
  await act(page, () => page.keyboard.press('PageDown'));
  assert.equal(await isOpen('state-panel'), true, 'lesson 9 too');
  await act(page, () => page.keyboard.press('PageDown'));
  assert.equal((await state(page)).lesson, 10);
  assert.equal(await isOpen('state-panel'), false, 'lesson 10 does not, as its link');
  await act(page, () => page.selectOption('#lesson', '4'));
  await act(page, () => page.keyboard.press('PageDown'));
  assert.equal((await state(page)).lesson, 5);
  assert.equal(await isOpen('ema-panel'), true, 'lesson 5 shows the EMA panel');
  await act(page, () => page.keyboard.press('PageDown'));
  assert.equal(await isOpen('ema-panel'), false, 'lesson 6 does not');
  // Free play leaves a panel the user opened.
  await page.evaluate(() => { document.getElementById('state-panel').open = true; });
  await act(page, () => page.selectOption('#lesson', ''));
  assert.equal((await state(page)).lesson, null);
  assert.equal(await isOpen('state-panel'), true);
  noErrors(errors);
});

test('E goes to the next card\'s η slider, presenting too; the arrows change η; Esc gives the keys back', async (t) => {
  const { page, errors } = await open(t, '?lesson=5&present=1', { viewport: { width: 1280, height: 720 } });
  const s0 = await state(page);
  assert.ok(s0.scene.optimizers.length >= 2, 'lesson 5 has two cards');
  const plotHeight = (p) => p.evaluate(() => document.getElementById('plot').getBoundingClientRect().height);
  const h0 = await plotHeight(page);
  const focusedRate = () => page.evaluate(() => {
    const a = document.activeElement;
    const card = a?.closest('section.opt-card');
    return a?.matches('input[type=range][data-param="lr"]') ? Number(card.dataset.index) : null;
  });
  await page.keyboard.press('e');
  assert.equal(await focusedRate(), 0, 'the first card\'s η');
  const inView = () => page.evaluate(() => {
    const within = (e) => { const r = e.getBoundingClientRect(); return r.top >= -1 && r.bottom <= innerHeight + 1; };
    return [within(document.activeElement), within(document.getElementById('figure')), scrollY > 0];
  });
  assert.deepEqual(await inView(), [true, true, true], 'the page scrolled to the slider, and the figure (canvas and time bar) stays in view beside it');
  await act(page, () => page.keyboard.press('ArrowRight'));
  const s1 = await state(page);
  assert.ok(s1.scene.optimizers[0].lr > s0.scene.optimizers[0].lr, 'the arrow raised η');
  assert.equal(s1.scene.optimizers[1].lr, s0.scene.optimizers[1].lr);
  await page.keyboard.press('E');
  assert.equal(await focusedRate(), 1, 'again: the next card\'s');
  await page.keyboard.press('e');
  assert.equal(await focusedRate(), 0, 'and round to the first');
  assert.deepEqual(await inView(), [true, true, true]);
  // The caption's "modified" badge takes a line's worth from the canvas,
  // no more: read stuck to the window's top, the canvas had shrunk to
  // the window less its flow position.
  const h = await plotHeight(page);
  assert.ok(h >= h0 - 30, `the canvas keeps its size while the page is scrolled (${h0} → ${h} px)`);
  await page.keyboard.press('Escape');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'plot', 'Esc: the figure has the keys');
  await act(page, () => page.keyboard.press('ArrowLeft'));
  assert.equal((await state(page)).t, s1.t - 1, '← steps again');
  noErrors(errors);
});

test('E passes over a locked η, and in a field it is a letter', async (t) => {
  const { page, errors } = await open(t, '?lesson=1&lock=all');
  await page.keyboard.press('e');
  assert.equal(await page.evaluate(() => document.activeElement?.matches('input[type=range]') ?? false), false, 'no locked slider takes the focus');
  const { page: free } = await open(t, '?lesson=1');
  const field = free.locator('#optimizers section.opt-card[data-index="0"] input.num[data-param="lr"]');
  await field.click();
  await free.keyboard.press('End');
  await free.keyboard.press('e');
  assert.equal(await free.evaluate(() => document.activeElement?.matches('input.num[data-param="lr"]')), true, 'the field keeps the focus');
  assert.match(await field.inputValue(), /e$/, 'and the letter');
  noErrors(errors);
});

// The keys panel says a focused picker keeps its keys: a letter chooses
// an option there (type-ahead, as pickers do), it is no shortcut.
test('a focused picker keeps a letter: E on the surface picker chooses expr, not the η slider', async (t) => {
  const { page, errors } = await open(t, '?opt=gd:lr=0.4');
  await page.focus('#surface');
  await act(page, () => page.keyboard.press('e'));
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'surface', 'the picker keeps the focus');
  assert.equal((await state(page)).scene.landscape.kind, 'expr');
  assert.match(await page.textContent('[data-i18n="keys.where"]'), /except while typing in a field or with a picker focused \(it keeps its keys: a letter chooses an option\)/);
  noErrors(errors);
});

test('B or . blanks the screen as a clicker asks; any key or a click brings the page back and does nothing else', async (t) => {
  const { page, errors } = await open(t, '?lesson=2&present=1', { viewport: { width: 1280, height: 720 } });
  const s0 = await state(page);
  const up = () => page.isVisible('#blank');
  await page.keyboard.press('b');
  assert.equal(await up(), true);
  const covers = await page.evaluate(() => {
    const r = document.getElementById('blank').getBoundingClientRect();
    return r.width >= innerWidth && r.height >= innerHeight && getComputedStyle(document.getElementById('blank')).backgroundColor;
  });
  assert.equal(covers, 'rgb(0, 0, 0)');
  // The key that brings it back is not also a step.
  await page.keyboard.press('ArrowLeft');
  assert.equal(await up(), false);
  assert.equal((await state(page)).t, s0.t, 'the key only brought the page back');
  // With η's slider focused (E), the key that brings the page back does
  // not move it; B blanks from the speed picker too.
  await page.keyboard.press('e');
  await page.keyboard.press('b');
  assert.equal(await up(), true);
  await page.keyboard.press('ArrowRight');
  assert.equal(await up(), false);
  assert.deepEqual((await state(page)).scene, s0.scene, 'η did not move');
  await page.focus('#speed');
  await page.keyboard.press('b');
  assert.equal(await up(), true, 'from the speed picker');
  await page.keyboard.press('b');
  assert.equal(await up(), false);
  await page.keyboard.press('.');
  assert.equal(await up(), true);
  await page.mouse.click(300, 300);
  assert.equal(await up(), false);
  assert.deepEqual((await state(page)).scene, s0.scene, 'the click left the figure');
  // In a number field B is the blank key too (no number has a "b"); "."
  // is a decimal point there.
  const field = '#optimizers .opt-card >> nth=0 >> input.num[data-param="lr"]';
  await page.click(field);
  await page.keyboard.press('b');
  assert.equal(await up(), true, 'B from the η field');
  await page.keyboard.press('b');
  assert.equal(await up(), false);
  assert.doesNotMatch(await page.inputValue(field), /b/i);
  await page.keyboard.press('End');
  await page.keyboard.press('.');
  assert.equal(await up(), false, '"." types in the field');
  await page.keyboard.press('Backspace');
  await page.focus('#plot');
  // Blanked while playing, the run waits behind the black for the class.
  await page.keyboard.press('Home');
  await page.keyboard.press(' ');
  await page.waitForFunction(() => JSON.parse(window.wasmBindings.page_state()).playing);
  await page.keyboard.press('b');
  const t1 = (await state(page)).t;
  await page.waitForTimeout(600);
  let s = await state(page);
  assert.equal(s.playing, false, 'paused behind the black');
  assert.equal(s.t, t1);
  await page.keyboard.press('b');
  assert.equal(await up(), false);
  assert.equal((await state(page)).playing, false, 'the class sees it play when the teacher presses play');
  noErrors(errors);
});

// A teacher's trial: PageUp from lesson 11 (whose first Adam-family run is
// its second) left "2." in the state panel's run picker, so lesson 9
// charted AdamW and lesson 8 the run without bias correction, its table
// pushing the first run's off a 1080 px screen. Each lesson opens its
// panel as its own link does, whichever way the class arrives.
test('PageUp or PageDown into a lesson shows the bias chart of its first Adam run, as its link does', async (t) => {
  const picked = (page) => page.evaluate(() => document.querySelector('#state-run')?.selectedOptions[0]?.textContent);
  const direct = {};
  for (const lesson of [8, 9, 11]) {
    const { page } = await open(t, `?lesson=${lesson}&present`, { viewport: { width: 1920, height: 1080 } });
    direct[lesson] = await picked(page);
  }
  assert.match(direct[8], /^1\. /);
  assert.match(direct[9], /^1\. /);
  const { page, errors } = await open(t, '?lesson=11&present', { viewport: { width: 1920, height: 1080 } });
  assert.equal(await picked(page), direct[11]);
  for (const lesson of [10, 9, 8]) {
    await act(page, () => page.keyboard.press('PageUp'));
    assert.equal((await state(page)).lesson, lesson);
    if (lesson !== 10) assert.equal(await picked(page), direct[lesson], `lesson ${lesson} by PageUp`);
  }
  // And forward again, from a run chosen by hand.
  await act(page, () => page.selectOption('#state-run', { index: 1 }));
  assert.match(await picked(page), /^2\. /);
  await act(page, () => page.keyboard.press('PageDown'));
  assert.equal(await picked(page), direct[9], 'lesson 9 by PageDown');
  noErrors(errors);
});
