// The live playground at the edges: divergence messages, extreme inputs
// with no NaN anywhere, and 100000-step runs that keep the page answering.
// Each test opens its own fresh page; every page must stay free of console
// errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { playgroundSuite, state, draws, assertNoBadNumbers, settle, act, setScene, slide, type, assertFinitePoints, KINDS, PARAMS, label, ALL9, card, numberOf, noErrors } from './support.mjs';

const { fresh, noConsoleErrors } = playgroundSuite();

test('GD at η = 0.6 on the seed bowl is flagged as diverging with the 2/L reason, no NaN anywhere', async (t) => {
  const { page, errors } = await fresh(t);
  // Through the number field of the default GD card.
  await act(page, () => type(numberOf(page, 0, 'lr'), 0.6));
  let s = await state(page);
  assert.equal(s.scene.optimizers[0].lr, 0.6);
  assert.equal(s.runs[0].health, 'diverging');
  assert.match(s.runs[0].status, /^diverging: loss ×/);
  assert.ok(s.runs[0].hint.startsWith('η = 0.6 > 2/L = 2/4 = 0.5'), s.runs[0].hint);
  assert.equal(await page.getAttribute('#legend li[data-index="0"]', 'data-health'), 'diverging');
  assert.equal(await page.getAttribute('#legend li[data-index="1"]', 'data-health'), 'ok');
  assert.match(await page.textContent('#legend li[data-index="0"]'), /diverging/);
  assert.equal(await page.getAttribute('#messages', 'role'), 'status');
  assert.equal(await page.locator('#messages li').count(), 1);
  const msg = await page.textContent('#messages li');
  // "one li per run that diverges, with its hint": the run's label and the hint.
  assert.ok(msg.includes(s.runs[0].label) && msg.includes(s.runs[0].hint), msg);
  assert.ok(msg.includes('η = 0.6 > 2/L = 2/4 = 0.5'), msg);
  await assertNoBadNumbers(page, 'GD η = 0.6 typed');
  // Back to 0.4: the message goes away.
  await act(page, () => type(numberOf(page, 0, 'lr'), 0.4));
  assert.equal(await page.getAttribute('#legend li[data-index="0"]', 'data-health'), 'ok');
  assert.equal(await page.locator('#messages li').count(), 0, 'the divergence message is cleared');
  // And as a scene.
  await setScene(page, { optimizers: [{ kind: 'gd', lr: 0.6 }] });
  s = await state(page);
  assert.equal(s.runs.length, 1);
  assert.equal(await page.locator('#legend li').count(), 1);
  assert.equal(await page.getAttribute('#legend li[data-index="0"]', 'data-health'), 'diverging');
  assert.ok((await page.textContent('#messages')).includes('η = 0.6 > 2/L = 2/4 = 0.5'));
  await assertNoBadNumbers(page, 'GD η = 0.6 scene');
  noErrors(errors);
});

test('a hard divergence (Rosenbrock, GD η = 0.01 from (−1.5, 2)) says "diverged at step 6"', async (t) => {
  const { page, errors } = await fresh(t);
  await setScene(page, { landscape: { kind: 'rosenbrock' }, start: [-1.5, 2], optimizers: [{ kind: 'gd', lr: 0.01 }] });
  const s = await state(page);
  assert.equal(s.runs[0].health, 'diverged');
  assert.equal(s.runs[0].status, 'diverged at step 6');
  assert.equal(s.runs[0].stop.reason, 'diverged');
  assert.equal(s.runs[0].stop.step, 6);
  assert.equal(await page.getAttribute('#legend li[data-index="0"]', 'data-health'), 'diverged');
  assert.match(await page.textContent('#legend li[data-index="0"]'), /diverged at step 6/);
  assert.match(await page.textContent('#messages'), /step 6/);
  assertFinitePoints(s, 'rosenbrock');
  await assertNoBadNumbers(page, 'rosenbrock divergence');
  // The scrubber still covers the scene's steps and scrubbing past the divergence is harmless.
  await act(page, () => slide(page.locator('#scrub'), 15));
  assert.equal((await state(page)).t, 15);
  await assertNoBadNumbers(page, 'scrubbed past the divergence');
  noErrors(errors);
});

test('extreme inputs never show NaN: η = 1000 and ε = 0 on every optimizer, far starts, huge noise', async (t) => {
  const { page, errors } = await fresh(t);
  await setScene(page, ALL9);
  for (let i = 0; i < KINDS.length; i++) {
    await act(page, () => type(numberOf(page, i, 'lr'), 1000));
    const s = await state(page);
    assert.equal(s.scene.optimizers[i].lr, 1000, `${KINDS[i]}: η = 1000 taken`);
    assertFinitePoints(s, `${KINDS[i]} η = 1000`);
    await assertNoBadNumbers(page, `${KINDS[i]} η = 1000`);
  }
  await setScene(page, ALL9);
  for (let i = 0; i < KINDS.length; i++) {
    if (!PARAMS[KINDS[i]].includes('eps')) continue;
    await act(page, () => type(numberOf(page, i, 'eps'), 0));
    const s = await state(page);
    assert.equal(s.scene.optimizers[i].eps, 0, `${KINDS[i]}: ε = 0 taken`);
    assertFinitePoints(s, `${KINDS[i]} ε = 0`);
    await assertNoBadNumbers(page, `${KINDS[i]} ε = 0`);
  }
  // ε = 0 with a coordinate whose gradient is exactly 0, at the minimum, and off in the far corners.
  for (const start of [[0, -2], [0, 0], [1e12, -1e12], [-1e11, 3e11], [1e-300, 0]]) {
    await setScene(page, { start, optimizers: KINDS.map((kind) => ({ kind, ...(PARAMS[kind].includes('eps') ? { eps: 0 } : {}) })) });
    const s = await state(page);
    assert.deepEqual(s.runs[0].points[0], start);
    assertFinitePoints(s, `start ${start}`);
    await assertNoBadNumbers(page, `start ${start}`);
  }
  for (const landscape of ['rosenbrock', 'himmelblau', 'beale', 'saddle', 'rastrigin']) {
    await setScene(page, { landscape: { kind: landscape }, start: [1e6, -1e6], optimizers: KINDS.map((kind) => ({ kind, lr: 1000 })) });
    const s = await state(page);
    assertFinitePoints(s, `${landscape} far`);
    await assertNoBadNumbers(page, `${landscape} far, η = 1000`);
  }
  // Huge gradient noise typed in.
  await setScene(page, ALL9);
  await act(page, () => type(page.locator('#noise-sigma'), 1000000));
  let s = await state(page);
  assert.equal(s.scene.noise.sigma, 1e6);
  assertFinitePoints(s, 'σ = 1e6');
  await assertNoBadNumbers(page, 'σ = 1e6');
  noErrors(errors);
});

test('100000 steps: the scrubber spans them and the page keeps answering', async (t) => {
  const { page, errors } = await fresh(t);
  await act(page, () => type(page.getByRole('textbox', { name: 'Number of steps', exact: true }), 100000));
  await page.waitForFunction(() => JSON.parse(window.wasmBindings.page_state()).scene.steps === 100000);
  assert.equal(await page.getAttribute('#scrub', 'max'), '100000');
  const s = await state(page);
  assert.equal(s.runs[0].points.length, 100001);
  assert.match((await page.textContent('#step-label')).trim(), /^step \d+ \/ 100000$/);
  await act(page, () => slide(page.locator('#scrub'), 54321));
  assert.equal((await state(page)).t, 54321);
  assert.equal((await page.textContent('#step-label')).trim(), 'step 54321 / 100000');
  await act(page, () => slide(page.locator('#scrub'), 100000));
  assert.equal((await state(page)).t, 100000);
  await page.click('#reset');
  await page.click('#play');
  await page.waitForFunction(() => JSON.parse(window.wasmBindings.page_state()).t > 3);
  await page.click('#play');
  await page.waitForFunction(() => JSON.parse(window.wasmBindings.page_state()).playing === false);
  await assertNoBadNumbers(page, '100000 steps');
  noErrors(errors);
});

// The redraw after a change must not freeze the page. (Every wait below is a
// condition; a page that takes tens of seconds for one redraw misses the
// 20 s liveness bound of settle().)
test('three RMSProps (γ = 0.9, 0.99, 0.5, d2l defaults otherwise) over 100000 steps: scrubbing redraws and the page keeps answering', async (t) => {
  const { page, errors } = await fresh(t);
  // A class comparing RMSProp's decay: the runs hover around the minimum for most of the 100000 steps.
  await setScene(page, { optimizers: [{ kind: 'gd' }, { kind: 'momentum' }, { kind: 'rmsprop' }, { kind: 'rmsprop', gamma: 0.99 }, { kind: 'rmsprop', gamma: 0.5 }] });
  await act(page, () => type(page.locator('#steps'), 100000));
  for (const to of [50000, 100000]) {
    await act(page, () => slide(page.locator('#scrub'), to));
    assert.equal((await state(page)).t, to);
    assert.equal(await page.getAttribute('#plot', 'data-t'), String(to));
  }
  noErrors(errors);
});

test('every kind at η = 1000 and ε = 0 over 100000 steps: the page draws them and keeps answering', async (t) => {
  const { page, errors } = await fresh(t);
  const kinds = [...KINDS, 'lbfgs', 'newton'];
  const eps0 = (kind) => (PARAMS[kind]?.includes('eps') ? { eps: 0 } : {});
  await setScene(page, { steps: 100000, optimizers: kinds.map((kind) => ({ kind, lr: 1000, ...eps0(kind) })) });
  const s = await state(page);
  assert.equal(s.runs.length, kinds.length);
  assertFinitePoints(s, '100000 steps, η = 1000, ε = 0');
  await assertNoBadNumbers(page, '100000 steps, every kind, η = 1000, ε = 0');
  noErrors(errors);
});

noConsoleErrors();
