// The live playground, the scene: the initial scene (the seed bowl, GD and
// momentum), set_scene_json refusing bad scenes, the surface picker, the
// convention switch, noise and steps, and adding, resetting, hiding and
// removing optimizers.
// Each test opens its own fresh page; every page must stay free of console
// errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { playgroundSuite, hexRgb, near, state, frames, assertNoBadNumbers, act, setScene, canvasHash, type, assertFinitePoints, geometry, toPx, freeCanvasPoint, KINDS, PARAMS, label, DEFAULTS, eff, ALL9, card, assertCardsShowScene, noErrors } from './support.mjs';

const { fresh, noConsoleErrors } = playgroundSuite();

test('the initial scene: the seed bowl, GD and momentum, cursor at the last step', async (t) => {
  const { page, errors } = await fresh(t);
  const s = await state(page);
  assert.equal(s.scene.optimizers.length, 2);
  assert.deepEqual(s.scene.optimizers.map((o) => o.kind), ['gd', 'momentum']);
  assert.equal(eff(s.scene, 0, 'lr'), 0.4);
  assert.equal(eff(s.scene, 1, 'lr'), 0.4);
  assert.equal(eff(s.scene, 1, 'gamma'), 0.5);
  assert.equal(s.scene.steps ?? 20, 20);
  assert.equal(s.t, 20);
  assert.equal(s.playing, false);
  assert.deepEqual(s.hidden, [false, false]);
  assert.equal(s.runs.length, 2);
  for (const r of s.runs) {
    assert.deepEqual(r.points[0], [-5, -2]);
    assert.equal(r.points.length, 21);
    assert.equal(r.health, 'ok');
    assert.equal(r.hint, null);
    assert.match(r.status, /^f = /);
  }
  assert.equal(await page.getAttribute('#plot', 'data-t'), '20');
  assert.equal(await page.getAttribute('#loss', 'data-ready'), 'true');
  assert.equal((await page.textContent('#step-label')).trim(), 'step 20 / 20');
  assert.equal(await page.getAttribute('#scrub', 'max'), '20');
  assert.equal(await page.inputValue('#scrub'), '20');
  assert.equal(await page.locator('#optimizers section.opt-card').count(), 2);
  assert.equal(await page.locator('#legend li').count(), 2);
  assert.equal(await page.locator('#messages li').count(), 0, 'no divergence messages for a healthy scene');
  for (let i = 0; i < 2; i++) {
    const li = page.locator(`#legend li[data-index="${i}"]`);
    assert.equal(await li.getAttribute('data-kind'), s.runs[i].kind);
    assert.equal(await li.getAttribute('data-health'), 'ok');
    const text = await li.textContent();
    assert.ok(text.includes(s.runs[i].label) && text.includes(s.runs[i].status), `legend ${i}: "${text}" lacks "${s.runs[i].label}" or "${s.runs[i].status}"`);
  }
  await assertCardsShowScene(page, s, 'initial');
  await assertNoBadNumbers(page, 'initial');
  noErrors(errors);
});

test('set_scene_json refuses bad scenes and leaves the state unchanged', async (t) => {
  const { page, errors } = await fresh(t);
  const s0 = await state(page);
  for (const bad of ['{', '{"steps": -1}', '{"optimizers":[{"kind":"gd","lr":-1}]}', '{"optimizers":[{"kind":"sgd"}]}', '{"start":[1e13,0]}', '{"bogus":1}']) {
    const err = await page.evaluate((b) => { try { window.wasmBindings.set_scene_json(b); return null; } catch (e) { return e; } }, bad);
    assert.equal(typeof err, 'string', `${bad}: throws a string (got ${JSON.stringify(err)})`);
    assert.ok(err.length > 0);
    const s = await state(page);
    assert.deepEqual(s.scene, s0.scene, `${bad}: the scene changed`);
    assert.deepEqual(s.runs, s0.runs);
  }
  noErrors(errors);
});

test('the surface picker switches to each surface\'s window and default start', async (t) => {
  const { page, errors } = await fresh(t);
  const SURF = {
    rosenbrock: { view: [-2, 2, -1, 3], start: [-1.5, 2] },
    himmelblau: { view: [-5, 5, -5, 5], start: [0, 0] },
    beale: { view: [-4.5, 4.5, -4.5, 4.5], start: [1, 1.5] },
    saddle: { view: [-2, 2, -2, 2], start: [-1.5, 0.01] },
    rastrigin: { view: [-5.12, 5.12, -5.12, 5.12], start: [-4.2, 3.7] },
    quadratic: { view: [-6, 1, -3.2, 2.2], start: [-5, -2] },
  };
  let h = await canvasHash(page);
  for (const [kind, want] of Object.entries(SURF)) {
    await act(page, () => page.getByRole('combobox', { name: 'Surface', exact: true }).selectOption(kind));
    const s = await state(page);
    assert.equal(s.scene.landscape?.kind ?? 'quadratic', kind);
    const view = (await page.getAttribute('#plot', 'data-view')).split(',').map(Number);
    assert.ok(near(view, want.view, 1e-9), `${kind}: data-view ${view}, want ${want.view}`);
    for (const r of s.runs) assert.deepEqual(r.points[0], want.start, `${kind}: runs start at ${r.points[0]}`);
    const h2 = await canvasHash(page);
    assert.notEqual(h2, h, `${kind}: the canvas did not change`);
    h = h2;
    assertFinitePoints(s, kind);
    await assertNoBadNumbers(page, kind);
  }
  // A start clicked on one surface does not stick to the next surface.
  const g = await geometry(page);
  const p = await freeCanvasPoint(page, [[0.5, 0.3], [0.6, 0.4]], [toPx(g, [-5, -2]), toPx(g, [0, 0])]);
  await act(page, () => page.locator('#plot').click({ position: { x: p[0], y: p[1] }, modifiers: ['Shift'] }));
  await act(page, () => page.locator('#surface').selectOption('rosenbrock'));
  for (const r of (await state(page)).runs) assert.deepEqual(r.points[0], [-1.5, 2]);
  noErrors(errors);
});

test('the convention switch changes the scene\'s convention and the runs', async (t) => {
  const { page, errors } = await fresh(t);
  await setScene(page, ALL9);
  const s0 = await state(page);
  await act(page, () => page.getByRole('combobox', { name: 'Convention', exact: true }).selectOption('pytorch'));
  const s1 = await state(page);
  assert.equal(s1.scene.convention, 'pytorch');
  for (const i of [2, 3]) assert.notDeepEqual(s1.runs[i].points, s0.runs[i].points, `${KINDS[i]}: the run did not change`);
  await assertCardsShowScene(page, s1, 'pytorch');
  assertFinitePoints(s1, 'pytorch');
  // Adding an optimizer now takes torch's defaults.
  await page.selectOption('#add-kind', 'adam');
  await act(page, () => page.click('#add-optimizer'));
  const s2 = await state(page);
  assert.equal(s2.scene.optimizers.length, KINDS.length + 1);
  assert.equal(eff(s2.scene, KINDS.length, 'lr'), 1e-3);
  assert.equal(eff(s2.scene, KINDS.length, 'eps'), 1e-8);
  await assertCardsShowScene(page, s2, 'pytorch + adam');
  await act(page, () => page.locator('#convention').selectOption('d2l'));
  assert.equal((await state(page)).scene.convention ?? 'd2l', 'd2l');
  noErrors(errors);
});

test('noise σ, noise seed and the number of steps are controls of the scene', async (t) => {
  const { page, errors } = await fresh(t);
  const s0 = await state(page);
  await act(page, () => type(page.locator('#noise-sigma'), 0.5));
  const s1 = await state(page);
  assert.equal(s1.scene.noise.sigma, 0.5);
  assert.notDeepEqual(s1.runs[0].points, s0.runs[0].points);
  await act(page, () => type(page.locator('#noise-seed'), 7));
  const s2 = await state(page);
  assert.equal(s2.scene.noise.seed, 7);
  assert.notDeepEqual(s2.runs[0].points, s1.runs[0].points);
  await act(page, () => type(page.locator('#steps'), 50));
  const s3 = await state(page);
  assert.equal(s3.scene.steps, 50);
  for (const r of s3.runs) assert.equal(r.points.length, 51);
  assert.equal(await page.getAttribute('#scrub', 'max'), '50');
  assert.match((await page.textContent('#step-label')).trim(), /^step \d+ \/ 50$/);
  assert.ok(s3.t >= 0 && s3.t <= 50);
  noErrors(errors);
});

test('adding each kind, resetting, hiding and removing optimizers', async (t) => {
  const { page, errors } = await fresh(t);
  const COLOURS = ['#E69F00', '#56B4E9', '#009E73', '#D55E00', '#CC79A7', '#0072B2', '#000000'];
  for (const kind of KINDS) {
    const n = (await state(page)).scene.optimizers.length;
    await page.locator('#add-kind').selectOption(kind);
    await act(page, () => page.getByRole('button', { name: 'Add optimizer', exact: true }).click());
    const s = await state(page);
    assert.equal(s.scene.optimizers.length, n + 1, `${kind} added`);
    assert.equal(s.scene.optimizers[n].kind, kind);
    for (const p of PARAMS[kind]) assert.equal(eff(s.scene, n, p), DEFAULTS.d2l[kind][p], `${kind} ${p}: d2l default`);
    assert.equal(s.runs.length, n + 1);
    assert.equal(await card(page, n).getAttribute('data-kind'), kind);
    assert.equal(await page.getAttribute(`#legend li[data-index="${n}"]`, 'data-kind'), kind);
  }
  const s = await state(page);
  const total = 2 + KINDS.length; // the default scene's two, and one of each kind
  assert.equal(s.runs.length, total);
  await assertCardsShowScene(page, s, `${total} optimizers`);
  // The legend swatches carry the trail colours by position.
  for (let i = 0; i < total; i++) {
    const want = hexRgb(COLOURS[i % 7]);
    const cols = await page.locator(`#legend li[data-index="${i}"] *`).evaluateAll((es) => es.flatMap((e) => {
      const st = getComputedStyle(e);
      return [st.backgroundColor, st.color, st.borderTopColor, st.fill];
    }));
    const has = cols.some((c) => { const m = c?.match(/rgba?\((\d+), (\d+), (\d+)/); return m && near(m.slice(1, 4).map(Number), want, 2); });
    assert.ok(has, `legend ${i}: no swatch of colour ${COLOURS[i % 7]}`);
  }
  // Adding beyond 16 is refused gracefully.
  for (let k = 0; k < 7; k++) {
    if (await page.locator('#add-optimizer').isEnabled()) await page.click('#add-optimizer');
    await frames(page, 2);
  }
  assert.ok((await state(page)).scene.optimizers.length <= 16, 'at most 16 optimizers');
  // Reset one card to defaults.
  await setScene(page, { optimizers: [{ kind: 'gd', lr: 0.05 }, { kind: 'momentum', lr: 0.1, gamma: 0.2 }] });
  await act(page, () => card(page, 1).locator('button.reset-opt').click());
  let s2 = await state(page);
  assert.equal(eff(s2.scene, 1, 'lr'), 0.4);
  assert.equal(eff(s2.scene, 1, 'gamma'), 0.5);
  assert.equal(eff(s2.scene, 0, 'lr'), 0.05, 'the other card is untouched');
  await assertCardsShowScene(page, s2, 'after reset');
  // Hide and show a trail.
  const h0 = await canvasHash(page);
  const show = page.getByRole('checkbox', { name: `Show ${s2.runs[0].label}`, exact: true });
  assert.equal(await show.isChecked(), true);
  await act(page, () => show.click());
  assert.deepEqual((await state(page)).hidden, [true, false]);
  assert.notEqual(await canvasHash(page), h0, 'hiding a trail changes the drawing');
  await act(page, () => show.click());
  assert.deepEqual((await state(page)).hidden, [false, false]);
  assert.equal(await canvasHash(page), h0, 'showing it again restores the drawing');
  // Remove the first: the second moves to index 0.
  await act(page, () => card(page, 0).locator('button.remove-opt').click());
  s2 = await state(page);
  assert.deepEqual(s2.scene.optimizers.map((o) => o.kind), ['momentum']);
  assert.equal(await page.locator('#optimizers section.opt-card').count(), 1);
  assert.equal(await card(page, 0).getAttribute('data-kind'), 'momentum');
  assert.equal(await page.locator('#legend li').count(), 1);
  assert.equal(s2.hidden.length, 1);
  noErrors(errors);
});

noConsoleErrors();
