// The live playground, the optimizer cards: every control's accessible name,
// every slider and number field of every optimizer kind (log-scaled sliders,
// a real mouse drag, typed, refused and emptied values) and the boolean
// parameters.
// Each test opens its own fresh page; every page must stay free of console
// errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { playgroundSuite, state, draws, assertNoBadNumbers, settle, act, setScene, setSceneOpen, openExtras, canvasHash, slide, type, KINDS, PARAMS, label, eff, ALL9, closeTo, card, numberOf, assertCardsShowScene, noErrors } from './support.mjs';

const { fresh, noConsoleErrors } = playgroundSuite();

const BOOLS = {
  momentum: ['nesterov'], adam: ['bias_correction', 'amsgrad'], adam_l2: ['bias_correction', 'amsgrad'], adamw: ['bias_correction', 'amsgrad'],
  rmsprop: ['centered'], nadam: ['decoupled'], radam: ['decoupled'],
};

const BOOL_LABEL = { bias_correction: 'bias correction', nesterov: 'Nesterov', amsgrad: 'AMSGrad', centered: 'centered', decoupled: 'decoupled weight decay' };

const symbol = (kind, p) => label(kind, p).split(' ')[0];

const rangeOf = (page, i, p) => card(page, i).locator(`input[type=range][data-param="${p}"]`);

const outputOf = (page, i, p) => card(page, i).locator(`output[data-param="${p}"]`);

async function cardErrors(page, i) {
  return page.evaluate((i) => [...document.querySelectorAll(`#optimizers .opt-card[data-index="${i}"] .error`)]
    .filter((e) => e.textContent.trim() && !e.hidden && getComputedStyle(e).display !== 'none')
    .map((e) => ({ text: e.textContent.trim(), live: e.getAttribute('aria-live') })), i);
}

test('every control has the accessible name of the contract', async (t) => {
  const { page, errors } = await fresh(t);
  await setScene(page, ALL9);
  // torch's weight_decay on GD, momentum, AdaGrad, RMSprop waits in their
  // closed disclosures; NAdam's is open (ALL9 switches its decoupled on).
  assert.equal(await page.locator('details.extras:not([open]) input[type=range][data-param="lambda"]').count(), 4);
  assert.equal(await card(page, KINDS.indexOf('nadam')).locator('details.extras').getAttribute('open'), '');
  await openExtras(page);
  const named = async (scope, role, name) => {
    const n = await scope.getByRole(role, { name, exact: true }).count();
    assert.equal(n, 1, `${role} "${name}": found ${n}`);
  };
  for (const [role, name] of [
    ['button', 'Play'], ['button', 'Step back'], ['button', 'Step forward'], ['button', 'Reset to step 0'],
    ['button', 'Reset view'], ['button', 'Add optimizer'], ['slider', 'Current step'], ['combobox', 'Speed'],
    ['combobox', 'Surface'], ['combobox', 'Convention'], ['textbox', 'Number of steps'],
    ['textbox', 'σ gradient noise'], ['textbox', 'Noise seed'],
  ]) await named(page, role, name);
  // getByLabel finds them too.
  for (const [sel, name] of [['#scrub', 'Current step'], ['#surface', 'Surface'], ['#convention', 'Convention'], ['#speed', 'Speed'],
    ['#steps', 'Number of steps'], ['#noise-sigma', 'σ gradient noise'], ['#noise-seed', 'Noise seed']]) {
    const id = await page.getByLabel(name, { exact: true }).getAttribute('id');
    assert.equal(`#${id}`, sel, `getByLabel("${name}")`);
  }
  assert.deepEqual(
    (await page.locator('#surface option').evaluateAll((os) => os.map((o) => o.value))).sort(),
    ['beale', 'expr', 'himmelblau', 'quadratic', 'rastrigin', 'rosenbrock', 'saddle'],
  );
  assert.deepEqual((await page.locator('#convention option').evaluateAll((os) => os.map((o) => o.value))).sort(), ['d2l', 'pytorch']);
  // KINDS and the two second-order methods (their cards: new-kinds.test.mjs).
  assert.deepEqual((await page.locator('#add-kind option').evaluateAll((os) => os.map((o) => o.value))).sort(), [...KINDS, 'lbfgs', 'newton'].sort());
  for (const v of await page.locator('#speed option').evaluateAll((os) => os.map((o) => o.value))) {
    assert.ok(Number(v) > 0, `speed option "${v}" is a number of steps per second`);
  }

  const s = await state(page);
  for (let i = 0; i < KINDS.length; i++) {
    const kind = KINDS[i];
    const c = card(page, i);
    assert.equal(await c.getAttribute('data-kind'), kind);
    // Exactly the kind's numeric parameters, each as slider + number field + output.
    const params = await c.locator('input[type=range][data-param]').evaluateAll((es) => es.map((e) => e.dataset.param));
    assert.deepEqual(params.sort(), [...PARAMS[kind]].sort(), `${kind}: sliders`);
    for (const p of PARAMS[kind]) {
      const name = label(kind, p);
      await named(c, 'slider', name);
      await named(c, 'textbox', `${name} value`);
      assert.equal(await c.getByLabel(name, { exact: true }).getAttribute('data-param'), p);
      assert.equal(await c.getByLabel(`${name} value`, { exact: true }).getAttribute('class'), 'num');
      const out = (await outputOf(page, i, p).textContent()).trim();
      assert.ok(out.startsWith(`${symbol(kind, p)} = `), `${kind} ${p}: output "${out}"`);
    }
    const bools = await c.locator('input[type=checkbox][data-param]').evaluateAll((es) => es.map((e) => e.dataset.param));
    assert.deepEqual(bools.sort(), [...(BOOLS[kind] ?? [])].sort(), `${kind}: checkboxes`);
    for (const b of BOOLS[kind] ?? []) await named(c, 'checkbox', BOOL_LABEL[b]);
    const reset = await c.locator('button.reset-opt').getAttribute('aria-label');
    const remove = await c.locator('button.remove-opt').getAttribute('aria-label');
    assert.match(reset, /^Reset .+ to defaults$/);
    assert.match(remove, /^Remove .+$/);
    await named(c, 'button', reset);
    await named(c, 'button', remove);
    // The legend's visibility checkbox names the run.
    await named(page.locator('#legend'), 'checkbox', `Show ${s.runs[i].label}`);
  }
  // The momentum card's γ is "γ momentum"; the page-wide label finds the one slider.
  assert.equal(await page.getByLabel('γ momentum', { exact: true }).count(), 1);
  assert.equal(await page.getByLabel('η learning rate', { exact: true }).count(), 13);
  assert.equal(await page.getByLabel('ε epsilon', { exact: true }).count(), 9);
  assert.equal(await page.getByLabel('λ weight decay', { exact: true }).count(), 10);
  assert.equal(await page.getByLabel('β1 first-moment decay', { exact: true }).count(), 6);
  // Lion's one buffer is a momentum: its β1 weighs it, its β2 is its decay.
  assert.equal(await page.getByLabel("β1 update's momentum weight", { exact: true }).count(), 1);
  assert.equal(await page.getByLabel('β2 momentum decay', { exact: true }).count(), 1);
  // Rprop's pairs: two number fields each, named by symbol and words.
  const rprop = card(page, KINDS.indexOf('rprop'));
  for (const name of ['η− step-size factors', 'η+ step-size factors', 'Γmin step-size bounds', 'Γmax step-size bounds']) {
    await named(rprop, 'textbox', name);
  }
  await assertCardsShowScene(page, s, 'every kind');
  noErrors(errors);
});

test('moving each slider of every optimizer kind changes its field, its output, the scene, the run and the drawing', async (t) => {
  const { page, errors } = await fresh(t);
  for (let i = 0; i < KINDS.length; i++) {
    const kind = KINDS[i];
    for (const p of PARAMS[kind]) {
      const where = `${kind} ${p}`;
      await setSceneOpen(page, ALL9);
      const s0 = await state(page);
      const h0 = await canvasHash(page);
      const range = rangeOf(page, i, p);
      const num0 = await numberOf(page, i, p).inputValue();
      const out0 = (await outputOf(page, i, p).textContent()).trim();
      const r = await range.evaluate((el) => ({ min: Number(el.min || 0), max: Number(el.max || 100), value: Number(el.value) }));
      const frac = (r.value - r.min) / (r.max - r.min);
      const target = r.min + (frac < 0.5 ? 0.95 : 0.05) * (r.max - r.min);
      await act(page, () => slide(range, target));
      const s1 = await state(page);
      const num1 = await numberOf(page, i, p).inputValue();
      const out1 = (await outputOf(page, i, p).textContent()).trim();
      assert.notEqual(num1, num0, `${where}: the number field did not change`);
      assert.notEqual(out1, out0, `${where}: the output did not change`);
      assert.ok(out1.startsWith(`${symbol(kind, p)} = `), `${where}: output "${out1}"`);
      const v0 = eff(s0.scene, i, p), v1 = eff(s1.scene, i, p);
      assert.notEqual(v1, v0, `${where}: the scene value did not change`);
      assert.ok(Number.isFinite(v1), `${where}: scene value ${v1}`);
      assert.ok(closeTo(Number(num1), v1, 0.02), `${where}: field ${num1} vs scene ${v1}`);
      assert.ok(Math.sign(v1 - v0) === Math.sign(target - r.value), `${where}: slider moved ${target > r.value ? 'up' : 'down'} but the value went ${v0} → ${v1}`);
      assert.notDeepEqual(s1.runs[i].points, s0.runs[i].points, `${where}: the run did not change`);
      s1.runs.forEach((run, j) => { if (j !== i) assert.deepEqual(run.points, s0.runs[j].points, `${where}: run ${j} changed too`); });
      // The other hyper-parameters of the optimizer are untouched.
      for (const q of PARAMS[kind]) if (q !== p) assert.equal(eff(s1.scene, i, q), eff(s0.scene, i, q), `${where}: ${q} changed`);
      // The drawing changes where the run moved by a visible amount (Adam's
      // ε moves its 20 steps by < 0.01 px: the same picture; it used to
      // change only because any drag redrew the L2 isolines on a coarser grid).
      const g = await page.evaluate(() => {
        const c = document.getElementById('plot');
        const [x0, x1, y0, y1] = c.dataset.view.split(',').map(Number);
        return { sx: c.clientWidth / (x1 - x0), sy: c.clientHeight / (y1 - y0) };
      });
      const moved = Math.max(...s0.runs[i].points.map((p0, k) => {
        const p1 = s1.runs[i].points[k];
        return p1 ? Math.max(Math.abs(p1[0] - p0[0]) * g.sx, Math.abs(p1[1] - p0[1]) * g.sy) : Infinity;
      }), s1.runs[i].points.length === s0.runs[i].points.length ? 0 : Infinity);
      if (moved >= 0.5) assert.notEqual(await canvasHash(page), h0, `${where}: the canvas did not change (the run moved ${moved} px)`);
    }
  }
  await assertNoBadNumbers(page, 'after the slider sweep');
  noErrors(errors);
});

test('the η, ε, λ and ψ sliders are log-scaled', async (t) => {
  const { page, errors } = await fresh(t);
  await setSceneOpen(page, ALL9);
  // Equal slider moves multiply the value by equal factors.
  for (const [i, p] of [[0, 'lr'], [4, 'lr'], [8, 'lr'], [2, 'eps'], [4, 'eps'], [7, 'eps'], [6, 'lambda'], [5, 'lambda'], [7, 'momentum_decay']]) {
    const range = rangeOf(page, i, p);
    const r = await range.evaluate((el) => ({ min: Number(el.min || 0), max: Number(el.max || 100) }));
    const at = async (f) => {
      await act(page, () => slide(range, r.min + f * (r.max - r.min)));
      return eff((await state(page)).scene, i, p);
    };
    const [a, b, c] = [await at(0.25), await at(0.5), await at(0.75)];
    t.diagnostic(`${KINDS[i]} ${p}: ${a}, ${b}, ${c}`);
    assert.ok(a > 0 && b > a && c > b, `${KINDS[i]} ${p}: ${a}, ${b}, ${c} increase`);
    assert.ok(Math.abs(Math.log((c / b) / (b / a))) < 0.15, `${KINDS[i]} ${p}: ${a}, ${b}, ${c} are not log-spaced`);
    assert.ok(c / a > 5, `${KINDS[i]} ${p}: half the slider spans only ×${c / a}`);
  }
  noErrors(errors);
});

test('a real mouse drag on a slider updates the run while dragging', async (t) => {
  const { page, errors } = await fresh(t);
  const s0 = await state(page);
  const h0 = await canvasHash(page);
  const box = await rangeOf(page, 1, 'gamma').boundingBox();
  assert.ok(box && box.width > 20, 'the γ slider is visible');
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width * 0.2, y);
  const d = await draws(page);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.95, y, { steps: 6 });
  // Still pressed: the run already follows the thumb.
  await settle(page, d);
  const s1 = await state(page);
  assert.notEqual(eff(s1.scene, 1, 'gamma'), eff(s0.scene, 1, 'gamma'));
  assert.notDeepEqual(s1.runs[1].points, s0.runs[1].points);
  await page.mouse.up();
  assert.notEqual(await canvasHash(page), h0);
  noErrors(errors);
});

test('typing in a number field updates the slider, the output, the scene and the run, for every parameter', async (t) => {
  const { page, errors } = await fresh(t);
  const TYPED = {
    lr: 0.05, gamma: 0.3, beta1: 0.5, beta2: 0.9, eps: 0.01, lambda: 0.5, momentum_decay: 0.1,
    dampening: 0.3, lr_decay: 0.1, initial_accumulator_value: 0.5, momentum: 0.5,
  };
  for (let i = 0; i < KINDS.length; i++) {
    const kind = KINDS[i];
    for (const p of PARAMS[kind]) {
      const where = `${kind} ${p}`;
      await setSceneOpen(page, ALL9);
      const s0 = await state(page);
      const h0 = await canvasHash(page);
      const slider0 = Number(await rangeOf(page, i, p).inputValue());
      const out0 = (await outputOf(page, i, p).textContent()).trim();
      await act(page, () => type(numberOf(page, i, p), TYPED[p]));
      const s1 = await state(page);
      assert.equal(eff(s1.scene, i, p), TYPED[p], `${where}: the scene did not take the typed value`);
      const slider1 = Number(await rangeOf(page, i, p).inputValue());
      assert.notEqual(slider1, slider0, `${where}: the slider did not move`);
      assert.equal(Math.sign(slider1 - slider0), Math.sign(TYPED[p] - eff(s0.scene, i, p)), `${where}: the slider moved the wrong way`);
      const out1 = (await outputOf(page, i, p).textContent()).trim();
      assert.notEqual(out1, out0, `${where}: the output did not change`);
      assert.ok(out1.includes(String(TYPED[p])), `${where}: output "${out1}" does not show ${TYPED[p]}`);
      assert.notDeepEqual(s1.runs[i].points, s0.runs[i].points, `${where}: the run did not change`);
      assert.notEqual(await canvasHash(page), h0, `${where}: the canvas did not change`);
      assert.deepEqual(await cardErrors(page, i), [], `${where}: an error is shown for a valid value`);
    }
  }
  noErrors(errors);
});

test('a refused typed value shows an error naming the field and keeps the scene; a valid value clears it', async (t) => {
  const { page, errors } = await fresh(t);
  const s0 = await state(page);
  // η = −1 on GD.
  await type(numberOf(page, 0, 'lr'), -1);
  await page.waitForFunction(() => [...document.querySelectorAll('#optimizers .opt-card[data-index="0"] .error')].some((e) => e.textContent.trim()));
  let errs = await cardErrors(page, 0);
  assert.equal(errs.length, 1, JSON.stringify(errs));
  // Said by the page's polite region, under the field's own row
  // (tests/e2e/classroom-a11y.test.mjs has the placement).
  assert.equal(await page.getAttribute('#said', 'aria-live'), 'polite');
  assert.equal((await page.textContent('#said')).trim(), errs[0].text);
  assert.match(errs[0].text, /kept 0\.4$/);
  assert.match(errs[0].text, /η/);
  assert.match(errs[0].text, /> 0/);
  assert.match(errs[0].text, /-1|−1/);
  let s = await state(page);
  assert.equal(eff(s.scene, 0, 'lr'), 0.4, 'η stays 0.4');
  assert.deepEqual(s.runs[0].points, s0.runs[0].points);
  assert.deepEqual(await cardErrors(page, 1), [], 'the other card shows no error');
  // γ = 1 on momentum.
  await type(numberOf(page, 1, 'gamma'), 1);
  await page.waitForFunction(() => [...document.querySelectorAll('#optimizers .opt-card[data-index="1"] .error')].some((e) => e.textContent.trim()));
  errs = await cardErrors(page, 1);
  assert.equal(errs.length, 1, JSON.stringify(errs));
  assert.match(errs[0].text, /γ/);
  assert.match(errs[0].text, /\[0, 1\)|< 1|less than 1/);
  s = await state(page);
  assert.equal(eff(s.scene, 1, 'gamma'), 0.5, 'γ stays 0.5');
  assert.deepEqual(s.runs[1].points, s0.runs[1].points);
  // ε = −1 on Adam, λ = −0.5 on AdamW, β2 = 1.5 on NAdam.
  await setSceneOpen(page, ALL9);
  for (const [i, p, v, sym] of [[4, 'eps', -1, 'ε'], [6, 'lambda', -0.5, 'λ'], [7, 'beta2', 1.5, 'β2'], [8, 'lr', 0, 'η']]) {
    const before = await state(page);
    await type(numberOf(page, i, p), v);
    await page.waitForFunction((i) => [...document.querySelectorAll(`#optimizers .opt-card[data-index="${i}"] .error`)].some((e) => e.textContent.trim()), i);
    const [e] = await cardErrors(page, i);
    assert.ok(e.text.includes(sym), `${KINDS[i]} ${p}: "${e.text}" does not name ${sym}`);
    assert.equal(eff((await state(page)).scene, i, p), eff(before.scene, i, p), `${KINDS[i]} ${p} refused value kept`);
  }
  // A valid value clears the error and is taken.
  await act(page, () => type(numberOf(page, 4, 'eps'), 0.001));
  assert.deepEqual(await cardErrors(page, 4), [], 'the error is cleared by a valid value');
  assert.equal(eff((await state(page)).scene, 4, 'eps'), 0.001);
  await assertNoBadNumbers(page, 'after refused values');
  noErrors(errors);
});

test('an emptied or unreadable number field is refused with the field and its allowed range', async (t) => {
  const { page, errors } = await fresh(t);
  await setSceneOpen(page, ALL9);
  // '' is what a student leaves after deleting the value; '1e400' is read as
  // no number by the browser.
  for (const [i, p, typed, sym, range] of [[0, 'lr', '', 'η', /> 0/], [4, 'lr', '1e400', 'η', /> 0/], [1, 'gamma', '', 'γ', /\[0, 1\)|< 1/], [2, 'eps', '', 'ε', /≥ 0|>= 0/]]) {
    const before = eff((await state(page)).scene, i, p);
    await type(numberOf(page, i, p), typed);
    await page.waitForFunction((i) => [...document.querySelectorAll(`#optimizers .opt-card[data-index="${i}"] .error`)].some((e) => e.textContent.trim()), i);
    const [e] = await cardErrors(page, i);
    assert.ok(e.text.includes(sym) && range.test(e.text), `${KINDS[i]} ${p} = "${typed}": "${e.text}" does not name ${sym} and its allowed range ${range}`);
    assert.equal(eff((await state(page)).scene, i, p), before, 'the value is kept');
  }
  await assertNoBadNumbers(page, 'emptied fields');
  noErrors(errors);
});

test('boolean parameters toggle the scene and the run', async (t) => {
  const { page, errors } = await fresh(t);
  for (const [i, p, changesRun] of [[1, 'nesterov', true], [4, 'bias_correction', true], [4, 'amsgrad', false], [5, 'bias_correction', true], [6, 'bias_correction', true]]) {
    await setSceneOpen(page, ALL9);
    const s0 = await state(page);
    const box = card(page, i).locator(`input[type=checkbox][data-param="${p}"]`);
    const was = await box.isChecked();
    assert.equal(was, s0.scene.optimizers[i][p] ?? p === 'bias_correction', `${KINDS[i]} ${p} checkbox shows the scene`);
    await act(page, () => box.click());
    const s1 = await state(page);
    assert.equal(s1.scene.optimizers[i][p] ?? p === 'bias_correction', !was, `${KINDS[i]} ${p} toggled in the scene`);
    if (changesRun) assert.notDeepEqual(s1.runs[i].points, s0.runs[i].points, `${KINDS[i]} ${p}: the run did not change`);
  }
  noErrors(errors);
});

noConsoleErrors();
