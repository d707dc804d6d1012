// The live playground, time: the time bar (play, pause, step, reset,
// scrub), its keyboard shortcuts, and the current-point marker (at points[t],
// or at the canvas edge when the point is out of view).
// Each test opens its own fresh page; every page must stay free of console
// errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { playgroundSuite, hexRgb, near, state, frames, act, setScene, slide, geometry, toPx, label, noErrors } from './support.mjs';

const { fresh, noConsoleErrors } = playgroundSuite();

test('time bar: play, pause, step forward and back, reset, scrub', async (t) => {
  const { page, errors } = await fresh(t);
  await setScene(page, { steps: 200 });
  const N = 200;
  const check = async (want) => {
    const s = await state(page);
    assert.equal(s.t, want, 'page_state().t');
    await page.waitForFunction((w) => document.getElementById('plot').dataset.t === String(w), want);
    assert.equal((await page.textContent('#step-label')).trim(), `step ${want} / ${N}`);
    assert.equal(await page.inputValue('#scrub'), String(want), 'the scrubber follows t');
  };
  assert.equal(await page.getAttribute('#scrub', 'max'), String(N));
  assert.equal(await page.getAttribute('#scrub', 'min'), '0');
  await page.click('#reset');
  await check(0);
  // Play.
  await page.click('#play');
  await page.waitForFunction(() => JSON.parse(window.wasmBindings.page_state()).playing === true);
  assert.equal(await page.getAttribute('#play', 'aria-label'), 'Pause');
  await page.waitForFunction(() => JSON.parse(window.wasmBindings.page_state()).t > 2);
  await page.waitForFunction(() => Number(document.getElementById('plot').dataset.t) > 2);
  // Pause.
  await page.click('#play');
  await page.waitForFunction(() => JSON.parse(window.wasmBindings.page_state()).playing === false);
  assert.equal(await page.getAttribute('#play', 'aria-label'), 'Play');
  const t1 = (await state(page)).t;
  assert.ok(t1 > 2 && t1 < N, `paused at ${t1}`);
  // While paused, even at the fastest speed, t stays.
  const speeds = await page.locator('#speed option').evaluateAll((os) => os.map((o) => o.value));
  await page.selectOption('#speed', speeds.reduce((a, b) => (Number(b) > Number(a) ? b : a)));
  await frames(page, 10);
  await page.waitForTimeout(500);
  await frames(page, 2);
  await check(t1);
  // Step forward / back.
  await page.click('#step');
  await check(t1 + 1);
  await page.click('#step');
  await check(t1 + 2);
  await page.click('#step-back');
  await check(t1 + 1);
  // Reset, and step back at 0 stays at 0.
  await page.click('#reset');
  await check(0);
  await page.click('#step-back');
  await check(0);
  // Scrub.
  await act(page, () => slide(page.locator('#scrub'), 7));
  await check(7);
  await act(page, () => slide(page.locator('#scrub'), N));
  await check(N);
  await page.click('#step');
  await check(N);
  // Play from the last step (where the page opens): something plays, within 0..N.
  await page.click('#play');
  await page.waitForFunction((N) => JSON.parse(window.wasmBindings.page_state()).t !== N, N);
  const s = await state(page);
  assert.ok(s.t >= 0 && s.t <= N, `t = ${s.t}`);
  if (s.playing) await page.click('#play');
  noErrors(errors);
});

test('the current-point marker is drawn at points[t]', async (t) => {
  const { page, errors } = await fresh(t);
  await setScene(page, { optimizers: [{ kind: 'gd', lr: 0.4 }] });
  const s = await state(page);
  const g = await geometry(page);
  const P = (k) => toPx(g, s.runs[0].points[k]);
  // The marker's white outline is a full circle of radius 6 CSS px: the
  // share of directions (of 72) in which a near-white pixel lies at CSS
  // radius 4.5..8 from the point. (Trails have a light casing too, but it
  // only crosses a few directions.)
  const white = (c) => page.evaluate(([cx, cy]) => {
    const el = document.getElementById('plot');
    const k = el.width / el.getBoundingClientRect().width;
    const R = Math.ceil(9 * k);
    const ox = Math.round(cx * k) - R, oy = Math.round(cy * k) - R;
    const d = el.getContext('2d').getImageData(ox, oy, 2 * R + 1, 2 * R + 1).data;
    let hit = 0;
    for (let a = 0; a < 72; a++) {
      const th = a / 72 * 2 * Math.PI;
      let found = false;
      for (let r = 4.5; r <= 8 && !found; r += 0.25) {
        const x = Math.round(cx * k + Math.cos(th) * r * k) - ox, y = Math.round(cy * k + Math.sin(th) * r * k) - oy;
        const i = 4 * (y * (2 * R + 1) + x);
        found = d[i] > 200 && d[i + 1] > 200 && d[i + 2] > 200;
      }
      if (found) hit++;
    }
    return hit / 72;
  }, c);
  const orangeAt = (c) => page.evaluate(([cx, cy]) => {
    const el = document.getElementById('plot');
    const k = el.width / el.getBoundingClientRect().width;
    const d = el.getContext('2d').getImageData(Math.round(cx * k) - 2, Math.round(cy * k) - 2, 5, 5).data;
    const out = [];
    for (let i = 0; i < d.length; i += 4) out.push([d[i], d[i + 1], d[i + 2]]);
    return out;
  }, c);
  await act(page, () => slide(page.locator('#scrub'), 3));
  assert.equal((await state(page)).t, 3);
  const a3 = await white(P(3)), a10 = await white(P(10));
  const c3 = await orangeAt(P(3));
  await act(page, () => slide(page.locator('#scrub'), 10));
  assert.equal((await state(page)).t, 10);
  const b3 = await white(P(3)), b10 = await white(P(10));
  const pc = (x) => `${Math.round(x * 100)} % of directions`;
  t.diagnostic(`white ring: t=3 at p3 ${pc(a3)}, at p10 ${pc(a10)}; t=10 at p3 ${pc(b3)}, at p10 ${pc(b10)}`);
  assert.ok(a3 >= 0.95, `t = 3: a white ring around points[3] (${pc(a3)})`);
  assert.ok(b3 <= 0.6, `t = 10: no ring around points[3] any more (${pc(b3)})`);
  assert.ok(b10 >= 0.95, `t = 10: a white ring around points[10] (${pc(b10)})`);
  assert.ok(a10 <= 0.6, `t = 3: no ring around points[10] yet (${pc(a10)})`);
  assert.ok(c3.some((c) => near(c, hexRgb('#E69F00'), 12)), `the marker at points[3] shows the run's colour: ${JSON.stringify(c3.slice(10, 15))}`);
  noErrors(errors);
});

test('keyboard: Space plays and pauses, arrows step, r resets', async (t) => {
  const { page, errors } = await fresh(t);
  await setScene(page, { steps: 300 });
  const blur = () => page.evaluate(() => document.activeElement?.blur());
  const st = () => state(page);
  await page.click('#reset');
  await blur();
  await page.keyboard.press('Space');
  await page.waitForFunction(() => JSON.parse(window.wasmBindings.page_state()).playing === true);
  await page.waitForFunction(() => JSON.parse(window.wasmBindings.page_state()).t > 1);
  await page.keyboard.press('Space');
  await page.waitForFunction(() => JSON.parse(window.wasmBindings.page_state()).playing === false);
  const t1 = (await st()).t;
  assert.ok(t1 > 1 && t1 < 300, `t = ${t1}`);
  assert.equal(await page.evaluate(() => window.scrollY), 0, 'Space does not scroll the page');
  await page.keyboard.press('ArrowRight');
  assert.equal((await st()).t, t1 + 1);
  await page.keyboard.press('ArrowRight');
  assert.equal((await st()).t, t1 + 2);
  await page.keyboard.press('ArrowLeft');
  assert.equal((await st()).t, t1 + 1);
  await page.waitForFunction((w) => document.getElementById('plot').dataset.t === String(w), t1 + 1);
  await page.keyboard.press('r');
  assert.equal((await st()).t, 0);
  await page.keyboard.press('ArrowLeft');
  assert.equal((await st()).t, 0, 'ArrowLeft at 0 stays at 0');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  assert.equal((await st()).t, 2);
  await page.keyboard.press('Shift+R');
  assert.equal((await st()).t, 0, 'R resets too');
  await page.waitForFunction(() => document.getElementById('plot').dataset.t === '0');
  assert.equal((await page.textContent('#step-label')).trim(), 'step 0 / 300');
  // Not while typing in a field.
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.focus('#noise-seed');
  await page.keyboard.press('r');
  await page.keyboard.press('Space');
  const s = await st();
  assert.equal(s.t, 2, 'r typed in a field does not reset');
  assert.equal(s.playing, false, 'Space typed in a field does not play');
  noErrors(errors);
});

test('a current point outside the view is shown by a marker at the canvas edge, following the point', async (t) => {
  const { page, errors } = await fresh(t);
  // The whole trail lies right of this window (x ≥ −5), so the only thing of
  // the run's colour in view is the edge marker.
  await setScene(page, { view: { x: [-12, -6], y: [-3, 2] }, optimizers: [{ kind: 'gd', lr: 0.4 }] });
  const g = await geometry(page);
  assert.deepEqual([g.x0, g.x1, g.y0, g.y1], [-12, -6, -3, 2]);
  const s = await state(page);
  // Device pixels of the run's colour in the right 24 CSS px (count, mean CSS row) and elsewhere.
  const orange = () => page.evaluate((rgb) => {
    const c = document.getElementById('plot');
    const k = c.width / c.getBoundingClientRect().width;
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let edge = 0, rows = 0, rest = 0;
    for (let y = 0; y < c.height; y++) for (let x = 0; x < c.width; x++) {
      const i = 4 * (y * c.width + x);
      if (Math.abs(d[i] - rgb[0]) > 20 || Math.abs(d[i + 1] - rgb[1]) > 20 || Math.abs(d[i + 2] - rgb[2]) > 20) continue;
      if (x >= c.width - 24 * k) { edge++; rows += y / k; } else rest++;
    }
    return { edge, row: edge ? rows / edge : null, rest };
  }, hexRgb('#E69F00'));
  await act(page, () => slide(page.locator('#scrub'), 1)); // (−4.6, 1.2): right of the view, high
  const o1 = await orange();
  await act(page, () => slide(page.locator('#scrub'), 20)); // ≈ (−0.1, 0): right of the view, lower
  const o20 = await orange();
  t.diagnostic(`t=1: ${JSON.stringify(o1)}; t=20: ${JSON.stringify(o20)}; points ${s.runs[0].points[1]} / ${s.runs[0].points[20]}`);
  assert.ok(o1.edge >= 20, `t = 1: a marker of the run's colour at the right edge (${JSON.stringify(o1)})`);
  assert.ok(o20.edge >= 20, `t = 20: a marker of the run's colour at the right edge (${JSON.stringify(o20)})`);
  assert.ok(o1.row < o20.row - 5, `the edge marker follows the point down: row ${o1.row} at t = 1, ${o20.row} at t = 20`);
  assert.ok(o1.rest <= 4 && o20.rest <= 4, 'nothing else of the run is in view');
  // Scrubbing back to 0 puts the current point at the start (−5, −2), still right of the view.
  await act(page, () => slide(page.locator('#scrub'), 0));
  const o0 = await orange();
  assert.ok(o0.edge >= 20 && o0.row > o20.row + 5, `t = 0: the marker points down-right to the start (${JSON.stringify(o0)})`);
  noErrors(errors);
});

noConsoleErrors();
