// The live playground, the canvas: a plain click leaves the figure, a
// Shift-click moves the start, dragging the start marker, panning and
// zooming with mouse, wheel and touch, Reset view.
// Each test opens its own fresh page; every page must stay free of console
// errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { playgroundSuite, state, act, canvasHash, type, geometry, toPx, toWorld, freeCanvasPoint, noErrors, settled } from './support.mjs';

const { fresh, noConsoleErrors } = playgroundSuite();

test('a plain click leaves the figure; Shift-clicking the canvas moves the start of every run there', async (t) => {
  const { page, errors } = await fresh(t);
  const g = await geometry(page);
  const s0 = await state(page);
  const p = await freeCanvasPoint(page, [[0.35, 0.3], [0.5, 0.25], [0.6, 0.6], [0.3, 0.7]], [toPx(g, [-5, -2]), toPx(g, [0, 0])]);
  const h0 = await canvasHash(page);
  await page.mouse.click(g.left + p[0], g.top + p[1]);
  await page.waitForTimeout(200);
  assert.deepEqual((await state(page)).scene, s0.scene, 'a plain click changes nothing');
  await act(page, () => page.locator('#plot').click({ position: { x: p[0], y: p[1] }, modifiers: ['Shift'] }));
  const s = await state(page);
  const want = toWorld(g, p);
  const tol = [(g.x1 - g.x0) / g.w * 1.5, (g.y1 - g.y0) / g.h * 1.5];
  assert.ok(Math.abs(s.scene.start[0] - want[0]) <= tol[0] && Math.abs(s.scene.start[1] - want[1]) <= tol[1],
    `start ${s.scene.start}, clicked at world ${want}`);
  for (const r of s.runs) assert.deepEqual(r.points[0], s.scene.start);
  assert.notDeepEqual(s.runs[0].points, s0.runs[0].points);
  const g1 = await geometry(page);
  assert.deepEqual([g1.x0, g1.x1, g1.y0, g1.y1], [g.x0, g.x1, g.y0, g.y1], 'a click does not pan');
  assert.notEqual(await canvasHash(page), h0);
  noErrors(errors);
});

test('dragging the start marker moves the start; dragging elsewhere pans; Ctrl + wheel zooms and the wheel alone scrolls the page; Reset view restores', async (t) => {
  const { page, errors } = await fresh(t);
  let g = await geometry(page);
  const view0 = [g.x0, g.x1, g.y0, g.y1];
  // Drag the start marker.
  const from = toPx(g, [-5, -2]);
  const to = await freeCanvasPoint(page, [[0.45, 0.3], [0.55, 0.35], [0.4, 0.6]], [from, toPx(g, [0, 0])]);
  await act(page, async () => {
    await page.mouse.move(g.left + from[0], g.top + from[1]);
    await page.mouse.down();
    await page.mouse.move(g.left + to[0], g.top + to[1], { steps: 8 });
    await page.mouse.up();
  });
  let s = await state(page);
  const want = toWorld(g, to);
  assert.ok(Math.abs(s.scene.start[0] - want[0]) <= (g.x1 - g.x0) / g.w * 3 && Math.abs(s.scene.start[1] - want[1]) <= (g.y1 - g.y0) / g.h * 3,
    `start ${s.scene.start}, dropped at ${want}`);
  for (const r of s.runs) assert.deepEqual(r.points[0], s.scene.start);
  g = await geometry(page);
  assert.deepEqual([g.x0, g.x1, g.y0, g.y1], view0, 'dragging the marker does not pan');
  // Pan: drag from an empty place 10 % right and 10 % down.
  const start1 = s.scene.start;
  const a = await freeCanvasPoint(page, [[0.6, 0.5], [0.7, 0.6], [0.5, 0.7]], [toPx(g, start1), toPx(g, [0, 0])]);
  await act(page, async () => {
    await page.mouse.move(g.left + a[0], g.top + a[1]);
    await page.mouse.down();
    await page.mouse.move(g.left + a[0] + g.w * 0.1, g.top + a[1] + g.h * 0.1, { steps: 8 });
    await page.mouse.up();
  });
  const g2 = await geometry(page);
  const dx = (g.x1 - g.x0) * 0.1, dy = (g.y1 - g.y0) * 0.1;
  const tolx = (g.x1 - g.x0) / g.w * 3, toly = (g.y1 - g.y0) / g.h * 3;
  assert.ok(Math.abs(g2.x0 - (g.x0 - dx)) <= tolx && Math.abs(g2.x1 - (g.x1 - dx)) <= tolx, `pan x: ${g.x0},${g.x1} → ${g2.x0},${g2.x1}`);
  assert.ok(Math.abs(g2.y0 - (g.y0 + dy)) <= toly && Math.abs(g2.y1 - (g.y1 + dy)) <= toly, `pan y: ${g.y0},${g.y1} → ${g2.y0},${g2.y1}`);
  s = await state(page);
  assert.deepEqual(s.scene.start, start1, 'panning does not move the start');
  // Ctrl + wheel: zoom around the cursor.
  const c = await freeCanvasPoint(page, [[0.5, 0.5], [0.4, 0.4], [0.6, 0.6]]);
  const w0 = toWorld(g2, c);
  await page.mouse.move(g2.left + c[0], g2.top + c[1]);
  await page.keyboard.down('Control');
  await act(page, () => page.mouse.wheel(0, -300));
  await page.keyboard.up('Control');
  const g3 = await geometry(page);
  assert.notEqual(g3.x1 - g3.x0, g2.x1 - g2.x0, 'Ctrl + wheel zooms');
  const w1 = toWorld(g3, c);
  assert.ok(Math.abs(w1[0] - w0[0]) <= (g3.x1 - g3.x0) / g3.w * 2 && Math.abs(w1[1] - w0[1]) <= (g3.y1 - g3.y0) / g3.h * 2,
    `the point under the cursor stays: ${w0} → ${w1}`);
  assert.equal(await page.evaluate(() => window.scrollY), 0, 'Ctrl + wheel over the canvas does not scroll the page');
  // The wheel alone over the figure of a page taller than the window
  // scrolls the page, leaves the view and says how to zoom.
  assert.ok(await page.evaluate(() => document.documentElement.scrollHeight > innerHeight), 'the page scrolls');
  await page.mouse.wheel(0, 200);
  await page.waitForFunction(() => window.scrollY > 0);
  assert.ok(await page.isVisible('#wheel-hint'), 'the hint shows');
  await settled(page);
  const g3b = await geometry(page);
  assert.deepEqual([g3b.x0, g3b.x1, g3b.y0, g3b.y1], [g3.x0, g3.x1, g3.y0, g3.y1], 'the wheel alone does not zoom');
  await page.waitForFunction(() => document.getElementById('wheel-hint').hidden, null, { timeout: 5000 });
  await page.evaluate(() => window.scrollTo(0, 0));
  // Reset view.
  await act(page, () => page.getByRole('button', { name: 'Reset view', exact: true }).click());
  const g4 = await geometry(page);
  assert.deepEqual([g4.x0, g4.x1, g4.y0, g4.y1], view0);
  noErrors(errors);
});

test('touch: two-finger pinch zooms the view, a two-finger drag pans it', async (t) => {
  const { page, errors } = await fresh(t, { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  const cdp = await page.context().newCDPSession(page);
  const touch = (type, points) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: points.map(([x, y], id) => ({ x, y, id })) });
  const g = await geometry(page);
  const cx = g.left + g.w / 2, cy = g.top + g.h / 2;
  // Pinch out: the fingers move apart from 60 to 180 px.
  await act(page, async () => {
    await touch('touchStart', [[cx - 30, cy], [cx + 30, cy]]);
    for (let d = 35; d <= 90; d += 5) await touch('touchMove', [[cx - d, cy], [cx + d, cy]]);
    await touch('touchEnd', []);
  });
  const g2 = await geometry(page);
  assert.ok(g2.x1 - g2.x0 < 0.7 * (g.x1 - g.x0), `pinching out zooms in: width ${g.x1 - g.x0} → ${g2.x1 - g2.x0}`);
  assert.deepEqual((await state(page)).scene.start ?? [-5, -2], [-5, -2], 'a pinch does not move the start');
  // Two fingers moving left together, away from the start marker: pans
  // (one finger is left to scroll the page).
  const a = await freeCanvasPoint(page, [[0.6, 0.5], [0.7, 0.4]], [toPx(g2, [-5, -2]), toPx(g2, [0, 0])]);
  await act(page, async () => {
    await touch('touchStart', [[g2.left + a[0] - 20, g2.top + a[1]], [g2.left + a[0] + 20, g2.top + a[1]]]);
    for (let k = 1; k <= 8; k++) await touch('touchMove', [[g2.left + a[0] - 20 - 5 * k, g2.top + a[1]], [g2.left + a[0] + 20 - 5 * k, g2.top + a[1]]]);
    await touch('touchEnd', []);
  });
  const g3 = await geometry(page);
  assert.ok(g3.x0 > g2.x0 && Math.abs((g3.x1 - g3.x0) - (g2.x1 - g2.x0)) < 1e-6 * (g2.x1 - g2.x0), `dragging left pans right: ${g2.x0} → ${g3.x0}`);
  assert.equal(await page.evaluate(() => window.scrollX), 0);
  noErrors(errors);
});

noConsoleErrors();
