// Teacher links: lock= keeps controls visible but fixed, hide= leaves them
// out (and fixed); every input path — fields, keys, Shift+click, the ring,
// pan and zoom, lessons, undo — leaves a fixed group alone; the link keeps
// them; the Share panel builds such a link.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openPage, state, settled, act, geometry, toPx, freeCanvasPoint, noErrors } from './support.mjs';

let server, browser;
before(async () => {
  server = await serve();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

// Every enabled, visible control that changes the figure or the lesson
// (the time bar, language, presenter mode and Share are the reader's).
const usable = (page) => page.evaluate(() => {
  const scope = '.surface-panel, .opt-panel, #legend, .lesson-bar, .figure .overlay-btn, #start-handle, #steps, #lesson-caption';
  const out = [];
  for (const root of document.querySelectorAll(scope)) {
    const list = root.matches('input, select, button') ? [root] : root.querySelectorAll('input, select, button, textarea');
    for (const e of list) {
      // The language, presenter mode and a phone caption's Show all change
      // how the page reads, not the scene: no lock fixes them.
      if (e.disabled || !e.getClientRects().length || ['lang', 'present', 'lesson-more'].includes(e.id)) continue;
      out.push(e.dataset.param ?? e.id ?? e.className);
    }
  }
  return [...new Set(out)].sort();
});

test('lock=all,-lr: only η can change, on every input path, and the link keeps the lock', async (t) => {
  const { page, errors } = await openPage(browser, t, server.url + '?lesson=1&lock=all,-lr', { viewport: { width: 1280, height: 720 } });
  assert.deepEqual(await usable(page), ['lr'], 'only the η controls are usable');
  // The fixed rows say so: a lock mark with words, and the controls point to them.
  const mark = page.locator('.surface-panel .lock-mark').first();
  assert.equal(await mark.getAttribute('aria-label'), 'fixed by this link');
  assert.equal(await page.locator('#surface').getAttribute('aria-describedby'), 'lock-note');
  assert.equal(await page.locator('#expr-input').getAttribute('aria-describedby'), 'expr-error expr-help lock-note');
  assert.match(await page.locator('#lock-note').textContent(), /fixed by this link/);
  assert.match(await page.getAttribute('#reset-view', 'title'), /Reset view · fixed by this link/);
  const s0 = await state(page);
  // η moves.
  await act(page, async () => {
    await page.fill('#optimizers input.num[data-param="lr"]', '0.3');
    await page.press('#optimizers input.num[data-param="lr"]', 'Enter');
  });
  const s1 = await state(page);
  assert.equal(s1.scene.optimizers[0].lr, 0.3);
  assert.match(await page.evaluate(() => location.search), /&lock=all,-lr(&|$)/, 'the rewritten link keeps lock=');
  // Shift+click, the ring, a drag, the wheel, keys: the figure stays.
  const g = await geometry(page);
  const p = await freeCanvasPoint(page, [[0.3, 0.25], [0.7, 0.25], [0.3, 0.75]], [toPx(g, s1.scene.start)], 50);
  await page.locator('#plot').click({ position: { x: p[0], y: p[1] }, modifiers: ['Shift'] });
  const ring = toPx(g, s1.scene.start);
  const box = await page.locator('#plot').boundingBox();
  await page.mouse.move(box.x + ring[0], box.y + ring[1]);
  await page.mouse.down();
  await page.mouse.move(box.x + ring[0] + 60, box.y + ring[1] - 40, { steps: 5 });
  await page.mouse.up();
  await page.mouse.move(box.x + p[0], box.y + p[1]);
  await page.mouse.down();
  await page.mouse.move(box.x + p[0] + 80, box.y + p[1] + 30, { steps: 5 });
  await page.mouse.up();
  await page.keyboard.down('Control');
  await page.mouse.wheel(0, -300);
  await page.keyboard.up('Control');
  await page.locator('#plot').focus();
  for (const k of ['Shift+ArrowRight', '+', '-', 'f', 'PageDown', 'PageUp']) await page.keyboard.press(k);
  await page.waitForTimeout(400);
  await settled(page);
  const s2 = await state(page);
  assert.deepEqual(s2.scene, s1.scene, 'no gesture or key changed the fixed scene');
  assert.equal(s2.lesson, 1, 'the lesson stays');
  // Undo takes back the η change, and only that; the time bar still plays.
  await act(page, () => page.keyboard.press('Control+z'));
  assert.deepEqual((await state(page)).scene, s0.scene);
  await act(page, () => page.keyboard.press('Home'));
  assert.equal((await state(page)).t, 0);
  noErrors(errors);
});

test('in 中文 the lock says 已由此链接固定, and presenter mode keeps the locks', async (t) => {
  const { page, errors } = await openPage(browser, t, server.url + '?lesson=4&lang=zh&lock=all,-lr,-gamma&present', { viewport: { width: 390, height: 844 } });
  assert.deepEqual(await usable(page), ['gamma', 'lr']);
  assert.equal(await page.locator('.lock-mark').first().getAttribute('aria-label'), '已由此链接固定');
  assert.equal(await page.isDisabled('#lesson-next'), true);
  noErrors(errors);
});

test('hide= leaves groups and panels out and fixes them; unknown names are named in the notice', async (t) => {
  const { page, errors } = await openPage(browser, t, server.url + '?hide=surface,start,view,share,keys,legend&lock=optimizers,colour');
  for (const sel of ['#surface', '#surface-params', '#start-fields', '#view-fields', '#reset-view', '#fit-view', '.share-panel', '.keys-panel']) {
    assert.equal(await page.isVisible(sel), false, `${sel} is hidden`);
  }
  // A hidden legend keeps its runs and results, not its switches.
  assert.equal(await page.isVisible('#legend li'), true);
  assert.equal(await page.isVisible('#legend input'), false);
  assert.equal(await page.isDisabled('#add-optimizer'), true);
  assert.equal(await page.isDisabled('#optimizers .remove-opt'), true);
  assert.equal(await page.isDisabled('#optimizers input.num[data-param="lr"]'), false);
  assert.match(await page.locator('#notice').innerText(), /lock: "colour" is not a group of controls; ignored/);
  // Hidden is fixed: Shift+click does not move the start.
  const s0 = await state(page);
  const g = await geometry(page);
  const p = await freeCanvasPoint(page, [[0.3, 0.25], [0.7, 0.75]], [toPx(g, s0.scene.start)], 50);
  await page.locator('#plot').click({ position: { x: p[0], y: p[1] }, modifiers: ['Shift'] });
  await settled(page);
  assert.deepEqual((await state(page)).scene.start, s0.scene.start);
  assert.match(await page.evaluate(() => location.search), /&lock=optimizers&hide=surface,start,view,legend,share,keys(&|$)/);
  noErrors(errors);
});

test('hide=all,-lr,-gamma on lesson 4: no card shows an empty "torch\'s other arguments"', async (t) => {
  const { page, errors } = await openPage(browser, t, server.url + '?lesson=4&lang=zh&hide=all,-lr,-gamma');
  const extras = await page.evaluate(() => [...document.querySelectorAll('#optimizers details.extras')]
    .map((d) => ({ shown: d.getClientRects().length > 0, rows: [...d.querySelectorAll('.param, .flag')].filter((r) => r.getClientRects().length || d.open === false && !r.classList.contains('link-hidden')).length })));
  assert.ok(extras.length > 0);
  for (const e of extras) assert.ok(!e.shown || e.rows > 0, `a disclosure shown with nothing in it: ${JSON.stringify(extras)}`);
  assert.equal(await page.isVisible('#optimizers input.num[data-param="lr"]'), true);
  noErrors(errors);
});

test('the Share panel builds a teacher link: students may change what is ticked', async (t) => {
  const { page, errors } = await openPage(browser, t, server.url + '?lesson=3', { viewport: { width: 390, height: 844 } });
  await page.evaluate(() => { document.querySelector('.share-panel').open = true; document.querySelector('#teach').open = true; });
  // At first only η is ticked (the link asked for most).
  const ticked = () => page.evaluate(() => [...document.querySelectorAll('#teach-groups input:checked')].map((c) => c.dataset.teach));
  assert.deepEqual(await ticked(), ['lr']);
  await page.locator('#teach-groups input[data-teach="gamma"]').check();
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.locator('#copy-teach').click();
  await page.waitForFunction(() => document.getElementById('teach-status').textContent !== '');
  assert.match(await page.locator('#teach-status').innerText(), /Teacher link copied/);
  const link = await page.locator('#teach-link').innerText();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), link);
  assert.match(link, /lesson=3.*&lock=all,-lr,-gamma$/s);
  // The link opens with exactly η and γ usable.
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  t.after(() => ctx.close());
  const student = await ctx.newPage();
  await student.goto(link.replace(/\s+/g, ''));
  await student.waitForSelector('canvas#plot[data-ready="true"]');
  assert.deepEqual(await usable(student), ['gamma', 'lr']);
  // The embed code of a teacher link's page keeps its locks.
  await student.evaluate(() => { document.querySelector('.share-panel').open = true; });
  await student.click('#copy-embed');
  assert.match(await student.locator('#embed-code').innerText(), /&lock=all,-lr,-gamma&embed"/);
  // "hide what they cannot change" writes hide= instead.
  await page.locator('#teach-hide').check();
  assert.match(await page.locator('#teach-link').innerText(), /&hide=all,-lr,-gamma$/);
  noErrors(errors);
});
