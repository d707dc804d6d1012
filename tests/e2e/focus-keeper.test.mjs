// A keyboard-only student and a screen-reader user (an accessibility
// trial): the focus survives a render that replaces, hides or disables
// the focused control (undo rebuilds the cards, ✕ removes one, ↶ at the
// start of the history); the start handle's arrows move the start by a
// visible step, and presses in a row are one undo step; two cards of the
// same optimizer are told apart by their names; a new lesson is named in
// the figure's summary; in forced colours the swatches keep the runs'
// colours.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openPage, state, settled } from './support.mjs';

let server, browser;
before(async () => {
  server = await serve();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const fresh = (t, query = '') => openPage(browser, t, server.url + query, { viewport: { width: 1280, height: 800 } });

// What has the focus: its id, or its tag and naming attributes.
const focused = (page) => page.evaluate(() => {
  const a = document.activeElement;
  if (!a || a === document.body) return 'body';
  const card = a.closest('section.opt-card');
  return [a.id && `#${a.id}`, card && `card ${card.dataset.index}`, a.className && `.${a.className.split(' ')[0]}`, a.getAttribute('type'), a.dataset.param]
    .filter(Boolean).join(' ');
});

test('undo keeps the focus on the slider that was changed; the next arrow changes η again', async (t) => {
  const { page, errors } = await fresh(t);
  const slider = page.locator('section.opt-card[data-index="0"] input[type="range"][data-param="lr"]');
  await slider.focus();
  const lr0 = (await state(page)).scene.optimizers[0].lr;
  await page.keyboard.press('ArrowRight');
  await settled(page);
  assert.notEqual((await state(page)).scene.optimizers[0].lr, lr0);
  await page.keyboard.press('Control+z');
  await settled(page);
  assert.equal((await state(page)).scene.optimizers[0].lr, lr0, 'undone');
  assert.equal(await focused(page), 'card 0 range lr', 'the focus stays on the η slider');
  const t0 = (await state(page)).t;
  await page.keyboard.press('ArrowRight');
  await settled(page);
  const s = await state(page);
  assert.notEqual(s.scene.optimizers[0].lr, lr0, 'the arrow changed η, not time');
  assert.equal(s.t, t0, 'time did not move');
  assert.deepEqual(errors, []);
});

test('✕ moves the focus to the card that takes the removed one\'s place, and the last card\'s ✕ to the card before', async (t) => {
  const { page, errors } = await fresh(t, '?opt=gd:lr=0.4;momentum:lr=0.4;adam:lr=0.1');
  await page.locator('section.opt-card[data-index="0"] .remove-opt').focus();
  await page.keyboard.press('Enter');
  await settled(page);
  assert.equal((await state(page)).scene.optimizers.length, 2);
  assert.equal(await focused(page), 'card 0 .remove-opt button');
  await page.locator('section.opt-card[data-index="1"] .remove-opt').focus();
  await page.keyboard.press('Enter');
  await settled(page);
  assert.equal((await state(page)).scene.optimizers.length, 1);
  assert.equal(await focused(page), 'card 0 .remove-opt button');
  assert.deepEqual(errors, []);
});

test('↶ pressed until it is disabled gives the keys to the figure, not to the page', async (t) => {
  const { page, errors } = await fresh(t);
  const slider = page.locator('section.opt-card[data-index="0"] input[type="range"][data-param="lr"]');
  await slider.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Tab'); // ends the slider's gesture elsewhere
  await page.locator('#undo').focus();
  await page.keyboard.press('Enter');
  await settled(page);
  assert.equal(await page.locator('#undo').isDisabled(), true);
  assert.equal(await focused(page), '#plot');
  assert.deepEqual(errors, []);
});

test('P on a panel heading that presenter mode hides gives the keys to the figure', async (t) => {
  const { page, errors } = await fresh(t);
  const heading = page.locator('summary[data-i18n="panel.surface"]');
  await heading.focus();
  await page.keyboard.press('p');
  await page.waitForFunction(() => document.body.classList.contains('present'));
  assert.equal(await heading.isVisible(), false, 'presenter mode hides the Surface panel');
  await page.waitForFunction(() => document.activeElement?.id === 'plot', null, { timeout: 3000 });
  assert.deepEqual(errors, []);
});

test('the start handle moves the start by a visible, round step; presses in a row are one undo step', async (t) => {
  const { page, errors } = await fresh(t);
  const s0 = (await state(page)).scene.start;
  const v = (await state(page)).scene.view ?? null;
  await page.waitForFunction(() => document.getElementById('figure-summary').textContent !== '');
  await page.locator('#start-handle').focus();
  const box0 = await page.locator('#start-handle').boundingBox();
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
  await settled(page);
  const s1 = (await state(page)).scene.start;
  const box1 = await page.locator('#start-handle').boundingBox();
  assert.ok(box1.x - box0.x >= 12, `three presses moved the ring ${box1.x - box0.x} px`);
  assert.equal(s1[1], s0[1]);
  // A round number: the link stays short.
  assert.ok(String(s1[0]).length <= 6, `start x ${s1[0]}`);
  // A screen reader hears where the start went, once the keys rest.
  await page.waitForFunction((x) => document.getElementById('figure-summary').textContent.startsWith(`Start at (${x}, `), String(s1[0]).replace('-', '−'), { timeout: 5000 });
  await page.waitForTimeout(1200); // the presses rest: one entry
  await page.keyboard.press('Control+z');
  await settled(page);
  assert.deepEqual((await state(page)).scene.start, s0, `one undo puts the start back (view ${JSON.stringify(v)})`);
  assert.deepEqual(errors, []);
});

test('cards of the same optimizer have different names; a new lesson is named in the figure\'s summary', async (t) => {
  const { page, errors } = await fresh(t, '?lesson=10');
  const names = await page.$$eval('#optimizers section.opt-card', (cs) => cs.map((c) => `${c.getAttribute('role')}|${c.getAttribute('aria-label')}`));
  assert.ok(names.length >= 2, names.join(', '));
  assert.equal(new Set(names).size, names.length, `distinct: ${names.join(', ')}`);
  assert.ok(names.every((n) => n.startsWith('group|') && n.length > 8), names.join(', '));
  await page.locator('#plot').focus();
  await page.keyboard.press('PageDown');
  await settled(page);
  const title = (await page.textContent('#lesson-title')).trim();
  await page.waitForFunction((t) => document.getElementById('figure-summary').textContent.startsWith(t), title, { timeout: 5000 });
  // Said once: the next step's summary is about the figure alone.
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction((t) => {
    const s = document.getElementById('figure-summary').textContent;
    return s && !s.startsWith(t);
  }, title, { timeout: 5000 });
  assert.deepEqual(errors, []);
});

test('forced colours: the swatches keep the runs\' colours; the phone\'s slider track is drawn', async (t) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 });
  t.after(() => context.close());
  const page = await context.newPage();
  await page.emulateMedia({ forcedColors: 'active' });
  await page.goto(server.url + '?opt=gd:lr=0.4;momentum:lr=0.4');
  await page.waitForSelector('canvas#plot[data-ready="true"]', { state: 'attached' });
  const colours = await page.$$eval('#legend .swatch.mark', (ss) => ss.map((s) => getComputedStyle(s).color));
  assert.equal(colours.length, 2);
  assert.notEqual(colours[0], colours[1], `swatches ${colours.join(' / ')}`);
  const track = await page.locator('section.opt-card[data-index="0"] input[type="range"]').first().evaluate((r) => {
    const st = getComputedStyle(r, '::-webkit-slider-runnable-track');
    return [st.backgroundColor, getComputedStyle(document.body).backgroundColor];
  });
  assert.notEqual(track[0], track[1], `the track ${track[0]} differs from the page ${track[1]}`);
});

test('the first Tab stop skips to the optimizers, in both languages', async (t) => {
  for (const [q, word] of [['', 'Skip to the optimizers'], ['?lang=zh', '跳到优化器']]) {
    const { page, errors } = await fresh(t, q);
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.className), 'skip-link');
    assert.equal((await page.textContent('.skip-link')).trim(), word);
    const box = await page.locator('.skip-link').boundingBox();
    assert.ok(box && box.y >= 0, 'shown while focused');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    const inside = await page.evaluate(() => !!document.activeElement.closest('#optimizers-panel'));
    assert.ok(inside, 'the next Tab is in the optimizers panel');
    assert.deepEqual(errors, []);
  }
});
