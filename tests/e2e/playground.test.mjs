// The live playground, driven as a student would drive it, checked against
// the page's DOM contract: every slider and number field of every optimizer
// kind, the time bar and its keyboard shortcuts, clicking and dragging on the
// canvas, the surface and convention pickers, divergence messages, extreme
// inputs. Each test opens its own fresh page; every page must stay free of
// console errors.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, hexRgb, near, state, draws, frames, domText, assertNoBadNumbers } from './support.mjs';

let server, browser;
const allErrors = [];

before(async () => {
  server = await serve();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

// ---------------------------------------------------------------- helpers

async function fresh(t, ctx = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 2, ...ctx });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  allErrors.push({ test: t.name, errors });
  t.after(() => context.close());
  await page.goto(server.url);
  await page.waitForSelector('canvas#plot[data-ready="true"]', { timeout: 20000 });
  await page.waitForFunction(() => typeof window.wasmBindings?.page_state === 'function');
  return { page, errors };
}


// Wait until the plot has been redrawn after `before` and the redraws stopped.
async function settle(page, before) {
  try {
    await page.waitForFunction((b) => Number(document.getElementById('plot').dataset.draws) > b, before, { timeout: 20000 });
  } catch (e) {
    throw new assert.AssertionError({ message: `the page did not redraw within 20 s of the change (frozen, or no redraw): ${e.message.split('\n')[0]}` });
  }
  for (let i = 0; i < 30; i++) {
    const a = await draws(page);
    await frames(page, 2);
    if ((await draws(page)) === a) return;
  }
}
async function act(page, fn) {
  const d = await draws(page);
  await fn();
  await settle(page, d);
}
const setScene = (page, scene) => act(page, () => page.evaluate((s) => window.wasmBindings.set_scene_json(s), JSON.stringify(scene)));

// A hash of every device pixel of a canvas.
const canvasHash = (page, id = 'plot') => page.evaluate((id) => {
  const c = document.getElementById(id);
  const d = new Uint32Array(c.getContext('2d').getImageData(0, 0, c.width, c.height).data.buffer);
  let h = 2166136261 >>> 0;
  for (let i = 0; i < d.length; i++) h = Math.imul(h ^ d[i], 16777619) >>> 0;
  return `${c.width}x${c.height}:${h.toString(16)}`;
}, id);

// Set a range input as a drag does: new value, then an 'input' event.
const slide = (loc, value) => loc.evaluate((el, v) => {
  el.value = String(v);
  el.dispatchEvent(new Event('input', { bubbles: true }));
}, value);

// Type a value into a number field and commit it with Enter.
async function type(loc, text) {
  await loc.fill(String(text));
  await loc.press('Enter');
}


function assertFinitePoints(s, where) {
  s.runs.forEach((r, i) => {
    assert.ok(r.points.length >= 1, `${where}: run ${i} has no points`);
    for (const p of r.points) assert.ok(p.every(Number.isFinite), `${where}: run ${i} has a non-finite point ${p}`);
    for (const l of r.loss) assert.ok(Number.isFinite(l), `${where}: run ${i} has a non-finite loss ${l}`);
  });
}

async function geometry(page) {
  return page.evaluate(() => {
    const c = document.getElementById('plot');
    const r = c.getBoundingClientRect();
    const [x0, x1, y0, y1] = c.dataset.view.split(',').map(Number);
    return { left: r.left, top: r.top, w: r.width, h: r.height, x0, x1, y0, y1 };
  });
}
const toPx = (g, [x, y]) => [(x - g.x0) / (g.x1 - g.x0) * g.w, (g.y1 - y) / (g.y1 - g.y0) * g.h];
const toWorld = (g, [px, py]) => [g.x0 + px / g.w * (g.x1 - g.x0), g.y1 - py / g.h * (g.y1 - g.y0)];

// A CSS point of the canvas (relative to its box) where the canvas itself is
// hit (no overlaid button), at least `away` px from each point of `avoid`.
async function freeCanvasPoint(page, fracs, avoid = [], away = 40) {
  const g = await geometry(page);
  for (const [fx, fy] of fracs) {
    const p = [fx * g.w, fy * g.h];
    if (avoid.some((q) => Math.hypot(q[0] - p[0], q[1] - p[1]) < away)) continue;
    const hit = await page.evaluate(([x, y]) => document.elementFromPoint(x, y)?.id, [g.left + p[0], g.top + p[1]]);
    if (hit === 'plot') return p;
  }
  throw new Error('no free point on the canvas');
}

const KINDS = ['gd', 'momentum', 'adagrad', 'rmsprop', 'adam', 'adam_l2', 'adamw', 'nadam', 'adadelta'];
const PARAMS = {
  gd: ['lr'],
  momentum: ['lr', 'gamma'],
  adagrad: ['lr', 'eps'],
  rmsprop: ['lr', 'gamma', 'eps'],
  adam: ['lr', 'beta1', 'beta2', 'eps'],
  adam_l2: ['lr', 'beta1', 'beta2', 'eps', 'lambda'],
  adamw: ['lr', 'beta1', 'beta2', 'eps', 'lambda'],
  nadam: ['lr', 'beta1', 'beta2', 'eps', 'momentum_decay'],
  adadelta: ['lr', 'gamma', 'eps'],
};
const BOOLS = {
  momentum: ['nesterov'], adam: ['bias_correction', 'amsgrad'], adam_l2: ['bias_correction', 'amsgrad'], adamw: ['bias_correction', 'amsgrad'],
};
const BOOL_LABEL = { bias_correction: 'bias correction', nesterov: 'Nesterov', amsgrad: 'AMSGrad' };
function label(kind, p) {
  if (p === 'gamma') return { momentum: 'γ momentum', rmsprop: 'γ decay', adadelta: 'ρ decay' }[kind];
  return {
    lr: 'η learning rate', beta1: 'β1 first-moment decay', beta2: 'β2 second-moment decay', eps: 'ε epsilon',
    lambda: 'λ weight decay', momentum_decay: 'ψ momentum decay',
  }[p];
}
const symbol = (kind, p) => label(kind, p).split(' ')[0];
const ADAM = { lr: 0.1, beta1: 0.9, beta2: 0.999, eps: 1e-6 };
const ADAM_T = { lr: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8 };
const DEFAULTS = {
  d2l: {
    gd: { lr: 0.4 }, momentum: { lr: 0.4, gamma: 0.5 }, adagrad: { lr: 0.4, eps: 1e-6 }, rmsprop: { lr: 0.4, gamma: 0.9, eps: 1e-6 },
    adam: ADAM, adam_l2: { ...ADAM, lambda: 0.01 }, adamw: { ...ADAM, lambda: 0.01 },
    nadam: { lr: 0.1, beta1: 0.9, beta2: 0.999, eps: 1e-8, momentum_decay: 0.004 }, adadelta: { lr: 1, gamma: 0.9, eps: 1e-5 },
  },
  pytorch: {
    gd: { lr: 1e-3 }, momentum: { lr: 1e-3, gamma: 0.9 }, adagrad: { lr: 1e-2, eps: 1e-10 }, rmsprop: { lr: 1e-2, gamma: 0.99, eps: 1e-8 },
    adam: ADAM_T, adam_l2: { ...ADAM_T, lambda: 0.01 }, adamw: { ...ADAM_T, lambda: 0.01 },
    nadam: { lr: 2e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8, momentum_decay: 0.004 }, adadelta: { lr: 1, gamma: 0.9, eps: 1e-6 },
  },
};
// The value an optimizer of the scene uses for `p` (given, or the convention's default).
const eff = (scene, i, p) => scene.optimizers[i][p] ?? DEFAULTS[scene.convention ?? 'd2l'][scene.optimizers[i].kind][p];
const ALL9 = { optimizers: KINDS.map((kind) => ({ kind })) };
const closeTo = (a, b, rel) => Math.abs(a - b) <= rel * Math.abs(b) + 1e-15;

const card = (page, i) => page.locator(`#optimizers section.opt-card[data-index="${i}"]`);
const rangeOf = (page, i, p) => card(page, i).locator(`input[type=range][data-param="${p}"]`);
const numberOf = (page, i, p) => card(page, i).locator(`input[type=number][data-param="${p}"]`);
const outputOf = (page, i, p) => card(page, i).locator(`output[data-param="${p}"]`);

// Every card's number fields show the values its optimizer uses.
async function assertCardsShowScene(page, s, where) {
  for (let i = 0; i < s.scene.optimizers.length; i++) {
    const kind = s.scene.optimizers[i].kind;
    for (const p of PARAMS[kind]) {
      const shown = Number(await numberOf(page, i, p).inputValue());
      const want = eff(s.scene, i, p);
      assert.ok(closeTo(shown, want, 0.02), `${where}: card ${i} (${kind}) ${p} field shows ${shown}, the scene uses ${want}`);
    }
  }
}

async function cardErrors(page, i) {
  return page.evaluate((i) => [...document.querySelectorAll(`#optimizers .opt-card[data-index="${i}"] .error`)]
    .filter((e) => e.textContent.trim() && !e.hidden && getComputedStyle(e).display !== 'none')
    .map((e) => ({ text: e.textContent.trim(), role: e.getAttribute('role') })), i);
}

const noErrors = (errors) => assert.deepEqual(errors, [], 'console errors');

// ------------------------------------------------------------------ tests

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

test('every control has the accessible name of the contract', async (t) => {
  const { page, errors } = await fresh(t);
  await setScene(page, ALL9);
  const named = async (scope, role, name) => {
    const n = await scope.getByRole(role, { name, exact: true }).count();
    assert.equal(n, 1, `${role} "${name}": found ${n}`);
  };
  for (const [role, name] of [
    ['button', 'Play'], ['button', 'Step back'], ['button', 'Step forward'], ['button', 'Reset to step 0'],
    ['button', 'Reset view'], ['button', 'Add optimizer'], ['slider', 'Step'], ['combobox', 'Speed'],
    ['combobox', 'Surface'], ['combobox', 'Convention'], ['spinbutton', 'Number of steps'],
    ['spinbutton', 'σ gradient noise'], ['spinbutton', 'Noise seed'],
  ]) await named(page, role, name);
  // getByLabel finds them too.
  for (const [sel, name] of [['#scrub', 'Step'], ['#surface', 'Surface'], ['#convention', 'Convention'], ['#speed', 'Speed'],
    ['#steps', 'Number of steps'], ['#noise-sigma', 'σ gradient noise'], ['#noise-seed', 'Noise seed']]) {
    const id = await page.getByLabel(name, { exact: true }).getAttribute('id');
    assert.equal(`#${id}`, sel, `getByLabel("${name}")`);
  }
  assert.deepEqual(
    (await page.locator('#surface option').evaluateAll((os) => os.map((o) => o.value))).sort(),
    ['beale', 'expr', 'himmelblau', 'quadratic', 'rastrigin', 'rosenbrock', 'saddle'],
  );
  assert.deepEqual((await page.locator('#convention option').evaluateAll((os) => os.map((o) => o.value))).sort(), ['d2l', 'pytorch']);
  assert.deepEqual((await page.locator('#add-kind option').evaluateAll((os) => os.map((o) => o.value))).sort(), [...KINDS].sort());
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
      await named(c, 'spinbutton', `${name} value`);
      assert.equal(await c.getByLabel(name, { exact: true }).getAttribute('data-param'), p);
      assert.equal(await c.getByLabel(`${name} value`, { exact: true }).getAttribute('type'), 'number');
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
  assert.equal(await page.getByLabel('η learning rate', { exact: true }).count(), 9);
  assert.equal(await page.getByLabel('ε epsilon', { exact: true }).count(), 7);
  assert.equal(await page.getByLabel('λ weight decay', { exact: true }).count(), 2);
  assert.equal(await page.getByLabel('β1 first-moment decay', { exact: true }).count(), 4);
  await assertCardsShowScene(page, s, 'nine kinds');
  noErrors(errors);
});

test('moving each slider of every optimizer kind changes its field, its output, the scene, the run and the drawing', async (t) => {
  const { page, errors } = await fresh(t);
  for (let i = 0; i < KINDS.length; i++) {
    const kind = KINDS[i];
    for (const p of PARAMS[kind]) {
      const where = `${kind} ${p}`;
      await setScene(page, ALL9);
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
      assert.notEqual(await canvasHash(page), h0, `${where}: the canvas did not change`);
    }
  }
  await assertNoBadNumbers(page, 'after the slider sweep');
  noErrors(errors);
});

test('the η, ε, λ and ψ sliders are log-scaled', async (t) => {
  const { page, errors } = await fresh(t);
  await setScene(page, ALL9);
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
  const TYPED = { lr: 0.05, gamma: 0.3, beta1: 0.5, beta2: 0.9, eps: 0.01, lambda: 0.5, momentum_decay: 0.1 };
  for (let i = 0; i < KINDS.length; i++) {
    const kind = KINDS[i];
    for (const p of PARAMS[kind]) {
      const where = `${kind} ${p}`;
      await setScene(page, ALL9);
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
  assert.equal(errs[0].role, 'alert');
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
  await setScene(page, ALL9);
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
  await setScene(page, ALL9);
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
    await setScene(page, ALL9);
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

test('clicking the canvas moves the start of every run there', async (t) => {
  const { page, errors } = await fresh(t);
  const g = await geometry(page);
  const s0 = await state(page);
  const p = await freeCanvasPoint(page, [[0.35, 0.3], [0.5, 0.25], [0.6, 0.6], [0.3, 0.7]], [toPx(g, [-5, -2]), toPx(g, [0, 0])]);
  const h0 = await canvasHash(page);
  await act(page, () => page.mouse.click(g.left + p[0], g.top + p[1]));
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

test('dragging the start marker moves the start; dragging elsewhere pans; the wheel zooms; Reset view restores', async (t) => {
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
  // Wheel: zoom around the cursor.
  const c = await freeCanvasPoint(page, [[0.5, 0.5], [0.4, 0.4], [0.6, 0.6]]);
  const w0 = toWorld(g2, c);
  await page.mouse.move(g2.left + c[0], g2.top + c[1]);
  await act(page, () => page.mouse.wheel(0, -300));
  const g3 = await geometry(page);
  assert.notEqual(g3.x1 - g3.x0, g2.x1 - g2.x0, 'the wheel zooms');
  const w1 = toWorld(g3, c);
  assert.ok(Math.abs(w1[0] - w0[0]) <= (g3.x1 - g3.x0) / g3.w * 2 && Math.abs(w1[1] - w0[1]) <= (g3.y1 - g3.y0) / g3.h * 2,
    `the point under the cursor stays: ${w0} → ${w1}`);
  assert.equal(await page.evaluate(() => window.scrollY), 0, 'the wheel over the canvas does not scroll the page');
  // Reset view.
  await act(page, () => page.getByRole('button', { name: 'Reset view', exact: true }).click());
  const g4 = await geometry(page);
  assert.deepEqual([g4.x0, g4.x1, g4.y0, g4.y1], view0);
  noErrors(errors);
});

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
    await setScene(page, { start, optimizers: KINDS.map((kind) => ({ kind, ...(kind === 'gd' || kind === 'momentum' ? {} : { eps: 0 }) })) });
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
  await act(page, () => type(page.getByRole('spinbutton', { name: 'Number of steps', exact: true }), 100000));
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

test('nine kinds at η = 1000 and ε = 0 over 100000 steps: the page draws them and keeps answering', async (t) => {
  const { page, errors } = await fresh(t);
  await setScene(page, { steps: 100000, optimizers: KINDS.map((kind) => ({ kind, lr: 1000, ...(kind === 'gd' || kind === 'momentum' ? {} : { eps: 0 }) })) });
  const s = await state(page);
  assert.equal(s.runs.length, 9);
  assertFinitePoints(s, '100000 steps, η = 1000, ε = 0');
  await assertNoBadNumbers(page, '100000 steps, nine kinds, η = 1000, ε = 0');
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
    quadratic: { view: [-5.5, 1, -3, 2], start: [-5, -2] },
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
  await act(page, () => page.mouse.click(g.left + p[0], g.top + p[1]));
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
  assert.equal(s2.scene.optimizers.length, 10);
  assert.equal(eff(s2.scene, 9, 'lr'), 1e-3);
  assert.equal(eff(s2.scene, 9, 'eps'), 1e-8);
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
  assert.equal(s.runs.length, 11);
  await assertCardsShowScene(page, s, 'eleven optimizers');
  // The legend swatches carry the trail colours by position.
  for (let i = 0; i < 11; i++) {
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

// ----------------------------------------------------------------- layout

const layoutFacts = (page) => page.evaluate(() => {
  const c = document.getElementById('plot');
  const vw = innerWidth, vh = innerHeight;
  const clip = (r) => Math.max(0, Math.min(r.right, vw) - Math.max(r.left, 0)) * Math.max(0, Math.min(r.bottom, vh) - Math.max(r.top, 0));
  const shown = (el) => { const s = getComputedStyle(el); return s.display !== 'none' && s.visibility !== 'hidden' && Number(s.opacity) > 0; };
  const name = (el) => el.tagName.toLowerCase() + (el.id ? `#${el.id}` : '') + (typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : '');
  const cr = c.getBoundingClientRect();
  let biggest = null;
  for (const el of document.body.querySelectorAll('*')) {
    if (el === c || el.contains(c) || !shown(el)) continue;
    const a = clip(el.getBoundingClientRect());
    if (!biggest || a > biggest.area) biggest = { area: a, what: name(el) };
  }
  return {
    vw, vh, dpr: devicePixelRatio, scrollWidth: document.documentElement.scrollWidth,
    canvas: { left: cr.left, right: cr.right, top: cr.top, bottom: cr.bottom, w: cr.width, h: cr.height, area: clip(cr), devW: c.width, devH: c.height },
    biggest,
  };
});

for (const [w, h, dpr] of [[1366, 768, 1], [1920, 1080, 1], [1366, 768, 2]]) {
  test(`layout at ${w}×${h} (dpr ${dpr}): the canvas is fully visible without scrolling and the largest element`, async (t) => {
    const { page, errors } = await fresh(t, { viewport: { width: w, height: h }, deviceScaleFactor: dpr });
    for (const scene of [{}, ALL9]) {
      await setScene(page, scene);
      const f = await layoutFacts(page);
      const where = `${w}×${h} with ${scene.optimizers?.length ?? 2} optimizers`;
      assert.ok(f.scrollWidth <= f.vw, `${where}: horizontal scroll (${f.scrollWidth} > ${f.vw})`);
      assert.ok(f.canvas.top >= 0 && f.canvas.left >= 0 && f.canvas.right <= f.vw && f.canvas.bottom <= f.vh,
        `${where}: canvas at ${JSON.stringify(f.canvas)} in ${f.vw}×${f.vh}`);
      assert.ok(f.canvas.area >= f.biggest.area, `${where}: ${f.biggest.what} (${Math.round(f.biggest.area)} px²) is larger than the canvas (${Math.round(f.canvas.area)} px²)`);
      assert.equal(f.canvas.devW, Math.round(f.canvas.w * dpr));
      assert.equal(f.canvas.devH, Math.round(f.canvas.h * dpr));
    }
    noErrors(errors);
  });
}

test('layout at 390×844 (phone): no horizontal scroll, the canvas spans the width and is the largest element', async (t) => {
  const { page, errors } = await fresh(t, { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  for (const scene of [{}, { ...ALL9, optimizers: [{ kind: 'gd', lr: 0.6 }, ...ALL9.optimizers.slice(1)] }]) {
    await setScene(page, scene);
    const f = await layoutFacts(page);
    const where = `390×844 with ${scene.optimizers?.length ?? 2} optimizers`;
    assert.ok(f.scrollWidth <= f.vw, `${where}: horizontal scroll (${f.scrollWidth} > ${f.vw})`);
    assert.ok(f.canvas.left >= 0 && f.canvas.right <= f.vw, `${where}: canvas ${f.canvas.left}..${f.canvas.right}`);
    assert.ok(f.canvas.w >= f.vw - 48, `${where}: the canvas is only ${f.canvas.w} px wide`);
    assert.ok(f.canvas.top < f.vh / 2, `${where}: the canvas starts below the middle of the first screen (${f.canvas.top})`);
    assert.ok(f.canvas.area >= f.biggest.area, `${where}: ${f.biggest.what} (${Math.round(f.biggest.area)} px²) is larger than the canvas (${Math.round(f.canvas.area)} px²)`);
    assert.equal(f.canvas.devW, Math.round(f.canvas.w * 2));
    assert.equal(f.canvas.devH, Math.round(f.canvas.h * 2));
    // Nothing sticks out to the right.
    const wide = await page.evaluate(() => [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > innerWidth + 0.5 && getComputedStyle(e).display !== 'none')
      .map((e) => e.tagName.toLowerCase() + (e.id ? `#${e.id}` : '')).slice(0, 5));
    assert.deepEqual(wide, [], `${where}: elements past the right edge`);
  }
  // A tap sets the start.
  await setScene(page, {});
  const g = await geometry(page);
  const p = await freeCanvasPoint(page, [[0.5, 0.3], [0.6, 0.4], [0.4, 0.3]], [toPx(g, [-5, -2]), toPx(g, [0, 0])], 30);
  await page.evaluate(() => window.scrollTo(0, 0));
  const g2 = await geometry(page);
  await act(page, () => page.touchscreen.tap(g2.left + p[0], g2.top + p[1]));
  const s = await state(page);
  const want = toWorld(g2, p);
  assert.ok(Math.abs(s.scene.start[0] - want[0]) <= (g2.x1 - g2.x0) / g2.w * 2 && Math.abs(s.scene.start[1] - want[1]) <= (g2.y1 - g2.y0) / g2.h * 2,
    `tap: start ${s.scene.start}, tapped ${want}`);
  noErrors(errors);
});

test('touch: two-finger pinch zooms the view, one-finger drag pans it', async (t) => {
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
  // One finger drag, away from the start marker: pans.
  const a = await freeCanvasPoint(page, [[0.6, 0.5], [0.7, 0.4]], [toPx(g2, [-5, -2]), toPx(g2, [0, 0])]);
  await act(page, async () => {
    await touch('touchStart', [[g2.left + a[0], g2.top + a[1]]]);
    for (let k = 1; k <= 8; k++) await touch('touchMove', [[g2.left + a[0] - 5 * k, g2.top + a[1]]]);
    await touch('touchEnd', []);
  });
  const g3 = await geometry(page);
  assert.ok(g3.x0 > g2.x0 && Math.abs((g3.x1 - g3.x0) - (g2.x1 - g2.x0)) < 1e-9, `dragging left pans right: ${g2.x0} → ${g3.x0}`);
  assert.equal(await page.evaluate(() => window.scrollX), 0);
  noErrors(errors);
});

test('resizing the window redraws the canvas at its new size', async (t) => {
  const { page, errors } = await fresh(t, { viewport: { width: 1366, height: 768 }, deviceScaleFactor: 2 });
  const w0 = (await geometry(page)).w;
  await page.setViewportSize({ width: 800, height: 700 });
  await page.waitForFunction((w0) => {
    const c = document.getElementById('plot');
    const r = c.getBoundingClientRect();
    return r.width !== w0 && c.width === Math.round(r.width * 2) && c.height === Math.round(r.height * 2) && c.dataset.ready === 'true';
  }, w0, { timeout: 20000 });
  const f = await layoutFacts(page);
  assert.ok(f.scrollWidth <= f.vw);
  noErrors(errors);
});

test('light and dark themes follow prefers-color-scheme', async (t) => {
  const bg = async (scheme) => {
    const { page, errors } = await fresh(t, { colorScheme: scheme });
    const r = await page.evaluate(() => {
      const lum = (c) => { const m = c.match(/\d+(\.\d+)?/g).map(Number); return 0.2126 * m[0] + 0.7152 * m[1] + 0.0722 * m[2]; };
      const b = getComputedStyle(document.body).backgroundColor;
      const h = getComputedStyle(document.documentElement).backgroundColor;
      const bgc = b === 'rgba(0, 0, 0, 0)' ? h : b;
      return { bg: bgc === 'rgba(0, 0, 0, 0)' ? 255 : lum(bgc), fg: lum(getComputedStyle(document.body).color) };
    });
    noErrors(errors);
    return r;
  };
  const light = await bg('light');
  const dark = await bg('dark');
  assert.ok(light.bg > light.fg, `light theme: background ${light.bg} brighter than text ${light.fg}`);
  assert.ok(dark.bg < dark.fg, `dark theme: background ${dark.bg} darker than text ${dark.fg}`);
});

test('no console errors in any of the pages above', () => {
  const bad = allErrors.filter((e) => e.errors.length);
  assert.deepEqual(bad, []);
});
