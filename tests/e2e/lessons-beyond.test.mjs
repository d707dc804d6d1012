// Lessons 10–15 (a schedule, RAdam, Lion, Newton, L-BFGS) as a class meets
// them: each opens at its step with every trail point so far on the canvas,
// the runs are the ones the caption names (η_t of the schedules, Lion's
// diagonal steps, Newton's one step and its maximum, L-BFGS's trial points),
// lesson 11's state panel shows RAdam's first rectified step beside the
// canvas, PageUp/PageDown reach the last lesson and stop there, and no caption
// leaves the page with a NaN.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, state, openPage, act, geometry, toPx, assertNoBadNumbers } from './support.mjs';

let server, browser;
before(async () => {
  server = await serve();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const fresh = (t, query, viewport = { width: 1280, height: 720 }) => openPage(browser, t, server.url + query, { viewport });

// Every point of the runs up to the cursor is on the canvas.
async function allShown(page) {
  const s = await state(page);
  const g = await geometry(page);
  return s.runs.every((r) => r.points.slice(0, s.t + 1).every((p) => {
    const [x, y] = toPx(g, p);
    return x >= 0 && x <= g.w && y >= 0 && y <= g.h;
  }));
}

const OPENS = { 10: 6, 11: 5, 12: 60, 13: 1, 14: 20, 15: 50 };

for (const [w, h] of [[1280, 720], [390, 844]]) {
  test(`lessons 10–15 at ${w}×${h}: each opens at its step with every trail point so far in view, in English and 中文`, async (t) => {
    const { page, errors } = await fresh(t, '?lesson=10', { width: w, height: h });
    for (const [id, t0] of Object.entries(OPENS)) {
      await act(page, () => page.selectOption('#lesson', id));
      const s = await state(page);
      assert.equal(s.lesson, Number(id));
      assert.equal(s.t, t0, `lesson ${id} opens at step ${t0}`);
      assert.ok(await allShown(page), `lesson ${id}: every point up to step ${t0} on the canvas`);
      assert.ok(s.runs.every((r) => r.stop.reason === 'completed'), `lesson ${id}: ${JSON.stringify(s.runs.map((r) => r.stop))}`);
      await assertNoBadNumbers(page, `lesson ${id}`);
    }
    await act(page, () => page.selectOption('#lang', 'zh'));
    for (const id of Object.keys(OPENS)) {
      await act(page, () => page.selectOption('#lesson', id));
      const c = await page.locator('#lesson-caption').innerText();
      assert.match(c, /[\u4e00-\u9fff]/, `lesson ${id} in 中文`);
      assert.match(c, new RegExp(`^${id}\\.`), `lesson ${id}: its title first`);
    }
    assert.deepEqual(errors, []);
  });
}

test('lesson 10: plain GD diverges, the plateau schedule halves η after step 2, step decay every 5 steps', async (t) => {
  const { page, errors } = await fresh(t, '?lesson=10');
  const [plateau, step, gd] = (await state(page)).runs;
  assert.equal(gd.lr, undefined, 'no schedule, no η_t');
  assert.deepEqual(plateau.lr.slice(0, 4), [0.6, 0.6, 0.3, 0.3]);
  assert.ok(plateau.lr.slice(2).every((l) => l === 0.3), 'held at 0.3 while the loss falls');
  assert.deepEqual([0, 5, 10, 15].map((i) => step.lr[i]), [0.6, 0.3, 0.15, 0.075]);
  assert.ok(Math.abs(gd.points[20][1]) > 1000 && Math.abs(plateau.points[20][1]) < 1e-9);
  // The legend says which run diverges.
  assert.match(await page.locator('#legend').innerText(), /diverg/);
  assert.deepEqual(errors, []);
});

test('lesson 11: the state panel beside the canvas shows RAdam\'s step 6, ρ₆ > 5 and r₆ ≈ 0.026', async (t) => {
  const { page, errors } = await fresh(t, '?lesson=11');
  assert.equal(await page.getAttribute('body', 'data-beside'), 'bias');
  assert.equal(await page.evaluate(() => document.getElementById('state-panel').open), true);
  const row = (key) => page.evaluate((key) => {
    const r = document.querySelector(`#state-runs > .insp:first-child tr[data-key="${key}"]`);
    return r ? [Number(r.dataset.x1), Number(r.dataset.x2)] : null;
  }, key);
  const [rho, rect] = [await row('rho'), await row('rect')];
  assert.ok(rho && rho[0] > 5 && rho[0] < 6, `ρ₆ = ${rho}`);
  assert.ok(rect && Math.abs(rect[0] - 0.0258) < 0.0005, `r₆ = ${rect}`);
  const box = await page.locator('#state-runs > .insp:first-child tr[data-key="rect"]').boundingBox();
  assert.ok(box && box.y + box.height <= 720, 'r₆ in view without scrolling');
  // Adam's first step is η = 0.3 in each coordinate; RAdam's is smaller.
  const [radam, adam] = (await state(page)).runs;
  for (const k of [0, 1]) {
    assert.ok(Math.abs(Math.abs(adam.points[1][k] - adam.points[0][k]) - 0.3) < 1e-6);
    assert.ok(Math.abs(radam.points[1][k] - radam.points[0][k]) < 0.1);
  }
  assert.deepEqual(errors, []);
});

test('lesson 12: every Lion step is a diagonal (±η, ±η); Adam\'s shrink', async (t) => {
  const { page, errors } = await fresh(t, '?lesson=12');
  const [lion, adam] = (await state(page)).runs;
  for (let i = 0; i < lion.points.length - 1; i++) {
    for (const k of [0, 1]) assert.ok(Math.abs(Math.abs(lion.points[i + 1][k] - lion.points[i][k]) - 0.1) < 1e-9, `step ${i + 1}`);
  }
  const len = (r, i) => Math.hypot(r.points[i + 1][0] - r.points[i][0], r.points[i + 1][1] - r.points[i][1]);
  assert.ok(len(adam, 60) < 0.25 * len(adam, 0));
  assert.deepEqual(errors, []);
});

test('lessons 13 and 14: Newton at the bowl\'s minimum after one step; on Himmelblau the message under the legend says it ends at a maximum', async (t) => {
  const { page, errors } = await fresh(t, '?lesson=13');
  let [newton, gd] = (await state(page)).runs;
  assert.deepEqual(newton.points[1], [0, 0]);
  assert.ok(gd.points[1][1] * gd.points[0][1] < 0, 'GD zig-zags');
  await act(page, () => page.selectOption('#lesson', '14'));
  [newton, gd] = (await state(page)).runs;
  const end = newton.points.at(-1);
  assert.ok(Math.abs(end[0] + 0.2708) < 1e-4 && Math.abs(end[1] + 0.9230) < 1e-4, `${end}`);
  assert.match(newton.hint ?? '', /maximum/);
  assert.ok(Math.hypot(gd.points.at(-1)[0] - 3, gd.points.at(-1)[1] - 2) < 0.01);
  assert.match(await page.locator('#messages').innerText(), /maximum/, 'the message under the legend');
  await act(page, () => page.selectOption('#lang', 'zh'));
  assert.match(await page.locator('#messages').innerText(), /极大值点/, 'the caption\'s word');
  assert.deepEqual(errors, []);
});

test('lesson 15: L-BFGS within 0.001 of (1, 1) from step 38; GD still near the start', async (t) => {
  const { page, errors } = await fresh(t, '?lesson=15');
  const [lbfgs, gd] = (await state(page)).runs;
  const near = (p) => Math.abs(p[0] - 1) < 1e-3 && Math.abs(p[1] - 1) < 1e-3;
  assert.equal(lbfgs.points.findIndex(near), 38);
  assert.ok(gd.points[50][0] < -1.3);
  assert.deepEqual(errors, []);
});

test('PageDown on the last lesson stays there (no jump to the first), PageUp goes back', async (t) => {
  const { page, errors } = await fresh(t, '?lesson=15');
  const last = (await page.locator('#lesson option').count()) - 1;
  assert.equal(last, 15);
  await page.locator('#plot').focus();
  const d0 = await page.evaluate(() => document.getElementById('plot').dataset.draws);
  await page.keyboard.press('PageDown');
  await page.waitForTimeout(300);
  assert.equal((await state(page)).lesson, 15);
  assert.equal(await page.evaluate(() => document.getElementById('plot').dataset.draws), d0, 'nothing redrawn');
  await act(page, () => page.keyboard.press('PageUp'));
  assert.equal((await state(page)).lesson, 14);
  // And the first lesson's PageUp stays on it.
  await act(page, () => page.selectOption('#lesson', '1'));
  await page.locator('#plot').focus();
  await page.keyboard.press('PageUp');
  await page.waitForTimeout(300);
  assert.equal((await state(page)).lesson, 1);
  assert.deepEqual(errors, []);
});
