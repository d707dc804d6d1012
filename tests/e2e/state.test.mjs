// The state panel: bias correction (lesson 8), the inspector's numbers
// against an independent recomputation, the arrows on the canvas, the
// dashed L2 isolines (lesson 9), the language switch, extreme values.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, state, draws, frames } from './support.mjs';

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

async function fresh(t, query = '', ctx = {}) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, deviceScaleFactor: 1, ...ctx });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  allErrors.push({ test: t.name, errors });
  t.after(() => context.close());
  await page.goto(server.url + query);
  await page.waitForSelector('canvas#plot[data-ready="true"]', { timeout: 20000 });
  await page.waitForFunction(() => typeof window.wasmBindings?.page_state === 'function');
  return { page, errors };
}

async function act(page, fn) {
  const d = await draws(page);
  await fn();
  await page.waitForFunction((b) => Number(document.getElementById('plot').dataset.draws) > b, d, { timeout: 20000 });
  await frames(page, 2);
}
const setScene = (page, scene) => act(page, () => page.evaluate((s) => window.wasmBindings.set_scene_json(s), JSON.stringify(scene)));
const setT = (page, t) => act(page, () => page.evaluate((v) => {
  const s = document.getElementById('scrub');
  s.value = String(v);
  s.dispatchEvent(new Event('input', { bubbles: true }));
}, t));
async function openPanel(page) {
  if (!(await page.evaluate(() => document.getElementById('state-panel').open))) {
    await act(page, () => page.click('#state-summary'));
  }
}
// A table row's numbers: data-x1, data-x2 at full precision.
const rowOf = (page, scope, key) => page.evaluate(([scope, key]) => {
  const r = document.querySelector(`${scope} tr[data-key="${key}"]`);
  return r ? [Number(r.dataset.x1), Number(r.dataset.x2)] : null;
}, [scope, key]);
const card = (i) => `#state-runs section.insp[data-index="${i}"]`;

function close(a, b, rel, what) {
  const tol = rel * Math.max(Math.abs(a), Math.abs(b)) + 1e-15;
  assert.ok(Math.abs(a - b) <= tol, `${what}: ${a} vs ${b}`);
}

const bowl = { kind: 'quadratic', a: 0.1, b: 2 };
const grad = ([x, y]) => [0.2 * x, 4 * y];

test('lesson 8: the panel opens, and toggling bias correction changes Adam\'s first step by the factors it shows', async (t) => {
  const { page, errors } = await fresh(t, '?lesson=8');
  assert.equal(await page.evaluate(() => document.getElementById('state-panel').open), true, 'lesson 8 opens the panel');
  await setT(page, 0);
  const s = await state(page);
  const adam = s.scene.optimizers[0];
  assert.equal(adam.kind, 'adam');
  // The panel at step 1 with bias correction on: the seed's numbers.
  const bias = async () => page.evaluate(() => {
    const b = document.getElementById('state-bias');
    return { k: Number(b.dataset.k), run: Number(b.dataset.run), c1: Number(b.dataset.c1), c2: Number(b.dataset.c2), on: b.dataset.biasCorrection, text: b.textContent };
  });
  const on = await bias();
  assert.deepEqual([on.k, on.run, on.on], [1, 0, 'true']);
  close(on.c1, 1 / (1 - 0.9), 1e-12, 'c1 = 1/(1−β1)');
  close(on.c2, 1 / (1 - 0.999), 1e-12, 'c2 = 1/(1−β2)');
  const g = await rowOf(page, '#state-bias', 'g');
  const m = await rowOf(page, '#state-bias', 'm');
  const mHat = await rowOf(page, '#state-bias', 'm_hat');
  const v = await rowOf(page, '#state-bias', 'v');
  assert.deepEqual(g, [-1, -8], 'g₁ = ∇f(−5, −2)');
  for (let c = 0; c < 2; c++) {
    close(m[c], 0.1 * g[c], 1e-15, 'm₁ = 0.1·g₁');
    assert.equal(mHat[c], g[c], 'm̂₁ = g₁');
  }
  assert.match(on.text, /m̂ = m × 10\b/, 'the text says m̂ = m × 10');
  assert.match(on.text, /0\.1·g₁/, 'the seed\'s example is written out');
  const stepOf = (st) => [0, 1].map((c) => st.runs[0].points[1][c] - st.runs[0].points[0][c]);
  const stepOn = stepOf(s);
  for (let c = 0; c < 2; c++) {
    close(stepOn[c], -adam.lr * on.c1 * m[c] / (Math.sqrt(on.c2 * v[c]) + adam.eps), 1e-12, `step on, x${c + 1}`);
  }
  // Switch it off on the card: the trail and the panel change together.
  await act(page, () => page.click('section.opt-card[data-index="0"] input[data-param="bias_correction"]'));
  const s2 = await state(page);
  assert.equal(s2.scene.optimizers[0].bias_correction, false);
  const off = await bias();
  assert.deepEqual([off.c1, off.c2, off.on], [1, 1, 'false']);
  assert.match(off.text, /would be 10 and 1000/);
  const m2 = await rowOf(page, '#state-bias', 'm');
  const mHat2 = await rowOf(page, '#state-bias', 'm_hat');
  assert.deepEqual(mHat2, m2, 'off: m̂ = m');
  const stepOff = stepOf(s2);
  assert.notDeepEqual(stepOff, stepOn);
  for (let c = 0; c < 2; c++) {
    close(stepOff[c], -adam.lr * m2[c] / (Math.sqrt(v[c]) + adam.eps), 1e-12, `step off, x${c + 1}`);
    // The ratio of the two first steps is the factors' doing.
    const ratio = on.c1 * (Math.sqrt(v[c]) + adam.eps) / (Math.sqrt(on.c2 * v[c]) + adam.eps);
    close(stepOn[c] / stepOff[c], ratio, 1e-9, `first step on/off, x${c + 1}`);
  }
  // The chart is drawn and marks step 1.
  const chart = await page.evaluate(() => {
    const c = document.getElementById('bias-chart');
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let ink = 0;
    for (let i = 3; i < d.length; i += 4) if (d[i] > 0) ink++;
    return { k: c.dataset.k, steps: Number(c.dataset.steps), ink, w: c.width };
  });
  assert.equal(chart.k, '1');
  assert.equal(chart.steps, 30);
  assert.ok(chart.ink > 2000, `the chart has ink (${chart.ink} px)`);
  assert.deepEqual(errors, []);
});

test('the inspector\'s numbers equal the state recomputed here from the trajectories (GD, momentum, RMSProp, Adam; d2l and pytorch)', async (t) => {
  const { page, errors } = await fresh(t);
  for (const convention of ['d2l', 'pytorch']) {
    const opts = [
      { kind: 'gd', lr: 0.3 },
      { kind: 'momentum', lr: 0.3, gamma: 0.5 },
      { kind: 'rmsprop', lr: 0.3, gamma: 0.9, eps: 1e-6 },
      { kind: 'adam', lr: 0.3, beta1: 0.9, beta2: 0.999, eps: 1e-6 },
    ];
    await setScene(page, { landscape: bowl, start: [-5, -2], steps: 10, convention, optimizers: opts });
    await openPanel(page);
    const T = 4;
    await setT(page, T);
    const s = await state(page);
    const k = T + 1;
    assert.equal(await page.getAttribute('.state-step', 'data-k'), String(k));
    for (let i = 0; i < opts.length; i++) {
      const o = opts[i];
      const pts = s.runs[i].points;
      const where = `${convention} ${o.kind} step ${k}`;
      assert.equal(await page.getAttribute(card(i), 'data-k'), String(k), where);
      // Replay the state from the page's own trajectory: g_j = ∇f(x_(j−1)).
      let v = [0, 0], sAcc = [0, 0], m = [0, 0], v2 = [0, 0];
      let g;
      for (let j = 1; j <= k; j++) {
        g = grad(pts[j - 1]);
        for (let c = 0; c < 2; c++) {
          if (o.kind === 'momentum') v[c] = convention === 'd2l' ? o.gamma * v[c] + o.lr * g[c] : (j === 1 ? g[c] : o.gamma * v[c] + g[c]);
          sAcc[c] = o.gamma * sAcc[c] + (1 - o.gamma) * g[c] * g[c];
          m[c] = o.beta1 * m[c] + (1 - o.beta1) * g[c];
          v2[c] = o.beta2 * v2[c] + (1 - o.beta2) * g[c] * g[c];
        }
      }
      const want = { g };
      if (o.kind === 'momentum') want[convention === 'd2l' ? 'v' : 'b'] = v;
      if (o.kind === 'rmsprop') {
        want.s = sAcc;
        want.rate = sAcc.map((x) => convention === 'd2l' ? o.lr / Math.sqrt(x + o.eps) : o.lr / (Math.sqrt(x) + o.eps));
      }
      if (o.kind === 'adam') {
        const c1 = 1 / (1 - 0.9 ** k), c2 = 1 / (1 - 0.999 ** k);
        Object.assign(want, { m, v2, m_hat: m.map((x) => x * c1), v_hat: v2.map((x) => x * c2) });
        // d2l: η/(√v̂+ε) times m̂; pytorch (torch's order): (η/(1−β1ᵏ))/(√v/√(1−β2ᵏ)+ε) times m.
        want.rate = convention === 'd2l'
          ? want.v_hat.map((x) => o.lr / (Math.sqrt(x) + o.eps))
          : v2.map((x) => o.lr * c1 / (Math.sqrt(x) / Math.sqrt(1 - 0.999 ** k) + o.eps));
      }
      want.gd = g.map((x) => -o.lr * x);
      want.step = [0, 1].map((c) => pts[k][c] - pts[k - 1][c]);
      for (const [key, val] of Object.entries(want)) {
        const got = await rowOf(page, card(i), key);
        assert.ok(got, `${where}: no row ${key}`);
        for (let c = 0; c < 2; c++) close(got[c], val[c], 1e-9, `${where}: ${key}[${c}]`);
      }
      // The printed rule is MathML, built as elements.
      const mathml = await page.evaluate((sel) => [...document.querySelectorAll(`${sel} math`)].every((e) => e.namespaceURI === 'http://www.w3.org/1998/Math/MathML'), card(i));
      assert.ok(mathml, `${where}: MathML elements`);
    }
  }
  assert.deepEqual(errors, []);
});

test('the arrows −η·g and the actual step are drawn at the current point', async (t) => {
  const { page, errors } = await fresh(t, '?lesson=8');
  await setT(page, 0);
  const arrows = JSON.parse(await page.getAttribute('#plot', 'data-arrows'));
  assert.equal(arrows.length, 2);
  const s = await state(page);
  const geo = await page.evaluate(() => {
    const c = document.getElementById('plot');
    const r = c.getBoundingClientRect();
    const [x0, x1, y0, y1] = c.dataset.view.split(',').map(Number);
    return { w: r.width, h: r.height, x0, x1, y0, y1 };
  });
  const px = ([x, y]) => [(x - geo.x0) / (geo.x1 - geo.x0) * geo.w, (geo.y1 - y) / (geo.y1 - geo.y0) * geo.h];
  for (const a of arrows) {
    const pts = s.runs[a.index].points;
    const o = s.scene.optimizers[a.index];
    const g = grad(pts[0]);
    const near = (p, q, what) => assert.ok(Math.hypot(p[0] - q[0], p[1] - q[1]) < 0.6, `${what}: ${p} vs ${q}`);
    near(a.from, px(pts[0]), 'from x_t');
    near(a.step, px(pts[1]), 'step tip at x_(t+1)');
    near(a.gd, px([pts[0][0] - o.lr * g[0], pts[0][1] - o.lr * g[1]]), 'GD tip at x_t − η·g');
  }
  // Pixels along the arrows change when the panel is closed (no arrows then).
  const sample = () => page.evaluate((arrows) => {
    const c = document.getElementById('plot');
    const k = c.width / c.getBoundingClientRect().width;
    const ctx = c.getContext('2d');
    const out = [];
    for (const a of arrows) for (const tip of [a.gd, a.step]) {
      const x = a.from[0] + 0.6 * (tip[0] - a.from[0]), y = a.from[1] + 0.6 * (tip[1] - a.from[1]);
      out.push([...ctx.getImageData(Math.round(x * k) - 2, Math.round(y * k) - 2, 5, 5).data].join(','));
    }
    return out;
  }, arrows);
  const withArrows = await sample();
  await act(page, () => page.click('#state-summary'));
  assert.equal(await page.evaluate(() => document.getElementById('state-panel').open), false);
  assert.equal(await page.getAttribute('#plot', 'data-arrows'), null, 'no arrows with the panel closed');
  const without = await sample();
  withArrows.forEach((w, j) => assert.notEqual(w, without[j], `arrow ${j} is visible on the canvas`));
  // Lesson 9: a decay arrow for Adam+L2 and for AdamW.
  await act(page, () => page.selectOption('#lesson', '9'));
  const a9 = JSON.parse(await page.getAttribute('#plot', 'data-arrows'));
  assert.equal(a9.length, 2);
  assert.ok(a9.every((a) => Array.isArray(a.decay)), 'decay arrows');
  assert.deepEqual(errors, []);
});

test('the dashed L2 isolines appear only with an Adam+L2 run shown, in white (no run\'s colour)', async (t) => {
  const { page, errors } = await fresh(t, '?lesson=9');
  // What hiding Adam+L2 takes away, away from its trail: the isolines.
  // Counted by colour: near-white (the isolines' stroke) against orange
  // (the Adam+L2 trail's, which the isolines once shared).
  const snap = () => page.evaluate(() => {
    const c = document.getElementById('plot');
    window.__snap = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  });
  const removed = (pts) => page.evaluate((pts) => {
    const c = document.getElementById('plot');
    const now = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    const was = window.__snap;
    const k = c.width / c.getBoundingClientRect().width;
    const near = (x, y) => pts.some(([px, py]) => Math.hypot(px * k - x, py * k - y) < 14 * k);
    let white = 0, orange = 0;
    for (let i = 0; i < was.length; i += 4) {
      const d = Math.abs(was[i] - now[i]) + Math.abs(was[i + 1] - now[i + 1]) + Math.abs(was[i + 2] - now[i + 2]);
      if (d < 60) continue;
      const p = i / 4, x = p % c.width, y = Math.floor(p / c.width);
      if (near(x, y)) continue;
      if (was[i] > 225 && was[i + 1] > 225 && was[i + 2] > 225) white++;
      if (was[i] > 200 && Math.abs(was[i + 1] - 165) < 30 && was[i + 2] < 110) orange++;
    }
    return { white, orange };
  }, pts);
  assert.ok(Number(await page.getAttribute('#plot', 'data-l2-isolines')) > 0);
  const s = await state(page);
  const l2 = s.scene.optimizers.findIndex((o) => o.kind === 'adam_l2');
  const g = await page.evaluate(() => {
    const c = document.getElementById('plot');
    const r = c.getBoundingClientRect();
    const [x0, x1, y0, y1] = c.dataset.view.split(',').map(Number);
    return { w: r.width, h: r.height, x0, x1, y0, y1 };
  });
  const pts = s.runs[l2].points.slice(0, s.t + 1).map(([x, y]) => [(x - g.x0) / (g.x1 - g.x0) * g.w, (g.y1 - y) / (g.y1 - g.y0) * g.h]);
  // The arrows (drawn with the panel open) would move too: close it.
  if (await page.evaluate(() => document.getElementById('state-panel').open)) await act(page, () => page.click('#state-summary'));
  await snap();
  // Hiding the Adam+L2 run hides them.
  await act(page, () => page.click(`#legend li[data-index="${l2}"] input`));
  assert.equal(await page.getAttribute('#plot', 'data-l2-isolines'), null);
  const gone = await removed(pts);
  assert.ok(gone.white > 300, `white dashed isolines were drawn (${gone.white} px)`);
  assert.ok(gone.orange < gone.white / 20, `not in the trail's orange (${gone.orange} px orange)`);
  await act(page, () => page.click(`#legend li[data-index="${l2}"] input`));
  await act(page, () => page.click('#state-summary'));
  // And the panel's sentence says which coordinate is regularized less.
  const text = await page.textContent('#state-l2');
  assert.match(text, /regularized less: L2 inside Adam is anisotropic/);
  const den = await page.evaluate(() => {
    const p = document.querySelector('#state-l2 .aniso');
    return [Number(p.dataset.denX1), Number(p.dataset.denX2), Number(p.dataset.rateX1), Number(p.dataset.rateX2)];
  });
  const o = s.scene.optimizers[l2];
  for (let c = 0; c < 2; c++) close(den[2 + c], o.lr * o.lambda / den[c], 1e-12, 'η·λ/(√v̂+ε)');
  assert.match(text, new RegExp(`${den[0] > den[1] ? 'x₁' : 'x₂'} has the larger √v̂`));
  // Lesson 9 opens where Adam+L2 has settled: its long decay arrow is
  // cancelled by its gradient part, and the panel says so (a lecturer read
  // the arrow as what moves it).
  assert.match(text, /Here Adam\+L2 has settled: its gradient part cancels this decay, and the whole step is \(/);
  // Without any Adam+L2 run: none.
  await setScene(page, { landscape: { kind: 'rosenbrock' }, steps: 20, optimizers: [{ kind: 'adamw', lambda: 0.5 }, { kind: 'adam' }] });
  assert.equal(await page.getAttribute('#plot', 'data-l2-isolines'), null);
  await setScene(page, { landscape: { kind: 'rosenbrock' }, steps: 20, optimizers: [{ kind: 'adam_l2', lambda: 0.5 }] });
  assert.ok(Number(await page.getAttribute('#plot', 'data-l2-isolines')) > 0);
  // On its way, not settled: not said.
  assert.equal(await page.locator('#state-l2 .aniso').count(), 1);
  assert.equal(await page.locator('#state-l2 .l2-settled').count(), 0);
  // λ = 0: the decay is (0, 0), so no coordinate is "regularized less"
  // (a student read that claim next to the zeros).
  await setScene(page, { landscape: { kind: 'rosenbrock' }, steps: 20, optimizers: [{ kind: 'adam_l2', lambda: 0 }] });
  const off = await page.textContent('#state-l2 .aniso');
  assert.doesNotMatch(off, /regularized less|anisotropic/);
  assert.match(off, /^Adam\+L2 with λ = 0 has no decay: nothing is regularized, in either coordinate, and its steps are Adam's\.$/);
  assert.match(await page.textContent('#state-l2 .hint'), /with λ = 0 the L2-regularized loss f \+ λ\/2·‖x‖² is f itself/);
  assert.deepEqual(errors, []);
});

// On the centred axis bowl, L2 inside Adam only rescales each gradient
// coordinate, which Adam divides out: a student drags λ and nothing moves,
// so the panel says why (and not on lesson 9's shifted bowl).
test('Adam+L2 on the centred bowl: the panel says its steps are Adam\'s, in both languages', async (t) => {
  const q = '?opt=adam:lr=0.1;adam_l2:lr=0.1,lambda=0.5;adamw:lr=0.1,lambda=0.5&t=1';
  const { page, errors } = await fresh(t, q);
  const s = await state(page);
  const gap = Math.max(...s.runs[1].points.map((p, k) => Math.hypot(p[0] - s.runs[0].points[k][0], p[1] - s.runs[0].points[k][1])));
  assert.ok(gap < 1e-4, `Adam+L2 follows Adam (${gap})`);
  if (!(await page.evaluate(() => document.getElementById('state-panel').open))) await act(page, () => page.click('#state-summary'));
  assert.match(await page.textContent('#state-l2 .l2-rescale'), /leaves the path unchanged.*Adam\+L2 takes Adam's steps/);
  // At step 0 both decay arrows point nearly the same way: their labels
  // are stacked, not drawn one on the other.
  await setT(page, 0);
  const labels = JSON.parse(await page.getAttribute('#plot', 'data-arrows')).filter((a) => a.label).map((a) => a.label);
  assert.equal(labels.length, 2, 'both decay labels');
  const [a, b] = labels;
  assert.ok(!(a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]), `labels overlap: ${JSON.stringify(labels)}`);
  await act(page, () => page.selectOption('#lang', 'zh'));
  assert.match(await page.textContent('#state-l2 .l2-rescale'), /并不改变路径/);
  // Lesson 9's bowl, centred at (3, 3): L2 pulls towards the origin.
  await setScene(page, { landscape: { kind: 'expr', expr: '0.1*(x-3)^2 + 2*(y-3)^2' }, steps: 20, optimizers: [{ kind: 'adam_l2', lr: 0.1, lambda: 0.5 }] });
  assert.equal(await page.locator('#state-l2 .l2-rescale').count(), 0);
  assert.deepEqual(errors, []);
});

test('the panel follows the language switch', async (t) => {
  const { page, errors } = await fresh(t, '?lesson=9');
  const en = await page.textContent('#state-panel');
  assert.match(en, /weight decay/);
  await act(page, () => page.selectOption('#lang', 'zh'));
  const zh = await page.textContent('#state-panel');
  for (const word of ['权重衰减', '偏差修正', '梯度', '各向异性', '各向同性']) assert.ok(zh.includes(word), `中文: ${word}`);
  assert.doesNotMatch(await page.textContent('#state-summary'), /[A-Za-z]{3,}/);
  assert.doesNotMatch(await page.textContent('.state-step'), /[A-Za-z]{3,}/);
  await act(page, () => page.selectOption('#lang', 'en'));
  assert.match(await page.textContent('#state-summary'), /Inside the optimizers/);
  assert.deepEqual(errors, []);
});

const KINDS = ['gd', 'momentum', 'adagrad', 'rmsprop', 'adam', 'adam_l2', 'adamw', 'nadam', 'adadelta'];
const badText = (page) => page.evaluate(() => {
  const parts = [document.body.innerText];
  for (const el of document.querySelectorAll('#state-panel *, #plot')) for (const a of el.attributes) parts.push(a.value);
  return parts.join('\n').match(/NaN|Infinity|\binf\b|undefined/)?.[0] ?? null;
});

test('extreme values: η = 1000, ε = 0, a zero gradient, a start outside the domain — no NaN or Infinity, no error', async (t) => {
  const { page, errors } = await fresh(t, '?lesson=8');
  const scenes = [
    { steps: 30, optimizers: KINDS.map((kind) => ({ kind, lr: 1000 })) },
    { steps: 30, start: [0, -2], optimizers: KINDS.map((kind) => (kind === 'gd' || kind === 'momentum' ? { kind } : { kind, eps: 0 })) },
    { steps: 30, start: [0, 0], optimizers: KINDS.map((kind) => (kind === 'gd' || kind === 'momentum' ? { kind } : { kind, eps: 0 })) },
    { steps: 30, convention: 'pytorch', optimizers: KINDS.map((kind) => ({ kind, lr: 1000, ...(kind === 'gd' || kind === 'momentum' ? {} : { eps: 0 }) })) },
    // The new kinds and torch's extra keys, at a zero gradient and at η = 1000.
    ...[{ start: [0, -2] }, { convention: 'pytorch' }].map((extra, n) => ({
      steps: 30,
      ...extra,
      optimizers: [
        { kind: 'adamax', eps: 0, lambda: 0.5 }, { kind: 'radam', eps: 0, lambda: 0.5, decoupled: n === 1 },
        { kind: 'rprop', etas: [0.1, 3], step_sizes: [0, 1000] }, { kind: 'lion', lambda: 0.5 },
        { kind: 'rmsprop', eps: 0, momentum: 0.9, centered: true, lambda: 0.5 },
        { kind: 'adagrad', eps: 0, lr_decay: 1, initial_accumulator_value: 0 },
        { kind: 'momentum', dampening: 1, lambda: 0.5 }, { kind: 'nadam', eps: 0, lambda: 0.5, decoupled: true },
      ].map((o) => (n === 1 ? { ...o, lr: 1000 } : o)),
    })),
    { landscape: { kind: 'expr', expr: 'ln(x) + y^2' }, start: [-1, 1], steps: 10, optimizers: [{ kind: 'adam' }, { kind: 'adam_l2' }] },
  ];
  for (const [n, scene] of scenes.entries()) {
    await setScene(page, scene);
    await openPanel(page);
    for (const T of [0, 1, 5, scene.steps]) {
      await setT(page, T);
      assert.equal(await badText(page), null, `scene ${n} at t = ${T}`);
    }
  }
  // The run without any point says so.
  assert.match(await page.textContent('#state-runs'), /outside the surface's domain/);
  assert.deepEqual(errors, []);
});

test('100 000 steps × 9 runs: a long inspection waits for the input to pause, then shows the step', async (t) => {
  const { page, errors } = await fresh(t);
  await setScene(page, { steps: 100000, optimizers: KINDS.map((kind) => ({ kind })) });
  await openPanel(page);
  const kShown = (k) => page.waitForFunction((k) => document.querySelector('.state-step')?.dataset.k === k
    && !document.getElementById('state-body').hasAttribute('aria-busy'), k, { timeout: 30000 });
  // Scrubbing to a late step: the trails are drawn at once, the panel follows.
  await setT(page, 50000);
  await kShown('50001');
  // Stepping forward from there is incremental: shown in the same redraw.
  for (const T of [50001, 50002, 50003]) {
    await setT(page, T);
    assert.equal(await page.getAttribute('.state-step', 'data-k'), String(T + 1));
    assert.equal(await page.getAttribute('#state-body', 'aria-busy'), null);
  }
  // A slider drag replays 100 000 steps × 9 runs per event; the inspector
  // does not add its own 50 000 × 9 steps to each of them.
  const times = await page.evaluate(() => {
    const r = document.querySelector('section.opt-card[data-index="4"] input[type=range][data-param="lr"]');
    const out = [];
    for (let i = 0; i < 4; i++) {
      r.value = String(Number(r.value) - 1);
      r.dispatchEvent(new Event('input', { bubbles: true }));
      out.push(document.getElementById('state-body').getAttribute('aria-busy'));
    }
    return out;
  });
  assert.deepEqual(times, ['true', 'true', 'true', 'true'], 'deferred while the slider moves');
  await kShown('50004');
  const arrows = JSON.parse(await page.getAttribute('#plot', 'data-arrows'));
  assert.equal(arrows.length, 9);
  await setT(page, 10);
  await kShown('11');
  assert.deepEqual(errors, []);
});

test('layout with the panel open: nothing past the right edge at 390×844, the canvas in view with the panel beside it at 1366×768', async (t) => {
  for (const q of ['?lesson=8', '?lesson=9', '?lesson=9&lang=zh']) {
    const { page, errors } = await fresh(t, q, { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    const f = await page.evaluate(() => ({
      sw: document.documentElement.scrollWidth,
      wide: [...document.querySelectorAll('body *')]
        .filter((e) => e.getBoundingClientRect().right > innerWidth + 0.5 && getComputedStyle(e).display !== 'none')
        .map((e) => e.tagName.toLowerCase() + (e.id ? `#${e.id}` : '')).slice(0, 5),
      chart: document.getElementById('bias-chart').getBoundingClientRect().height,
    }));
    assert.equal(f.sw, 390, `${q}: horizontal scroll`);
    assert.deepEqual(f.wide, [], `${q}: elements past the right edge`);
    assert.ok(f.chart >= 300, `${q}: the three small charts are stacked on a phone (${f.chart} px)`);
    assert.deepEqual(errors, []);
  }
  const { page } = await fresh(t, '?lesson=9', { viewport: { width: 1366, height: 768 } });
  const r = await page.evaluate(() => {
    const c = document.getElementById('plot').getBoundingClientRect();
    const p = document.getElementById('state-panel').getBoundingClientRect();
    return { bottom: c.bottom, right: c.right, panel: p.left, top: p.top, vh: innerHeight };
  });
  assert.ok(r.bottom <= r.vh && r.panel >= r.right && r.top < r.bottom, `the canvas is in view, the panel beside it: ${JSON.stringify(r)}`);
  // An embedded lesson 9 keeps its figure clean: no panel, no arrows (the L2 isolines stay).
  const { page: e } = await fresh(t, '?lesson=9&embed', { viewport: { width: 480, height: 320 } });
  assert.equal(await e.evaluate(() => document.getElementById('state-panel').open), false);
  assert.equal(await e.getAttribute('#plot', 'data-arrows'), null);
  assert.ok(Number(await e.getAttribute('#plot', 'data-l2-isolines')) > 0);
});

test('no console errors in any of the pages above', () => {
  assert.deepEqual(allErrors.filter((e) => e.errors.length), []);
});
