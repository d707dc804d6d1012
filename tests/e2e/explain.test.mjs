// The explainers under the loss chart: the EMA panel and the sweeps
// ("where does it diverge?"): the divergence edge read from the page, the
// (η, γ) map setting the momentum optimizer like its sliders do, the EMA's
// window mark, lesson 5, both languages, no NaN, no console errors.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, open, state, assertNoBadNumbers } from './support.mjs';

let server, browser;
before(async () => {
  server = await serve();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const BOWL = '?f=quadratic&a=0.1&b=2&start=-5,-2&steps=20&conv=d2l';

async function fresh(t, query, opts) {
  const o = await open(browser, server.url + query, opts);
  t.after(() => o.context.close());
  return o;
}

// Open a panel and wait until its charts are drawn (and the sweep computed).
async function openPanel(page, id) {
  await page.evaluate((id) => { document.getElementById(id).open = true; }, id);
  if (id === 'sweep-panel') {
    await page.waitForSelector('#sweep-lr[data-stale="false"][data-ready="true"]');
    await page.waitForSelector('#sweep-map[data-ready="true"]', { state: 'attached' });
  } else {
    await page.waitForSelector('#ema-weights[data-ready="true"]');
  }
}

// All text and attribute values of the page: no NaN, no Infinity.

// RGB of the device pixel under a CSS point of a canvas.
const pixel = (page, id, x, y) => page.evaluate(({ id, x, y }) => {
  const c = document.getElementById(id);
  const k = c.width / c.getBoundingClientRect().width;
  const d = c.getContext('2d').getImageData(Math.round(x * k), Math.round(y * k), 1, 1).data;
  return [d[0], d[1], d[2], d[3]];
}, { id, x, y });

// The page keeps a number beside its η (no-break spaces, word joiners).
const plain = (s) => s.replace(/\u00a0/g, ' ').replace(/\u2060/g, '');
const edgeOf = (page, kind) => page.locator(`#sweep-edges li[data-kind="${kind}"]`);

test('the η sweep puts the divergence edge of GD on the seed\'s bowl at η = 0.5 = 2/L', async (t) => {
  const { page, errors } = await fresh(t, `${BOWL}&opt=gd:lr=0.4`);
  assert.equal(await page.isVisible('#sweep-lr'), false, 'the sweep panel starts closed');
  await openPanel(page, 'sweep-panel');
  const li = edgeOf(page, 'gd');
  // The last η of the grid that converges and the first that grows: 0.5 and 0.51.
  assert.equal(await li.getAttribute('data-last-ok'), '0.5');
  assert.equal(await li.getAttribute('data-edge'), '0.51');
  assert.equal(await li.getAttribute('data-theory'), '0.5');
  assert.match(plain(await li.innerText()), /diverges from η = 0\.51 on; up to η = 0\.5 the loss does not grow\. Theory: η < 2\/L = 0\.5\./);
  assert.match(await page.locator('#sweep-criterion').innerText(), /Each run takes 20 steps, as the scene does\./);
  // The chart is drawn: the band of diverged runs holds GD's crosses at η = 10.
  const g = await page.evaluate(() => {
    const r = document.getElementById('sweep-lr').getBoundingClientRect();
    return { w: r.width, h: r.height };
  });
  const right = g.w - 10; // the plot's right edge (η = 10)
  const cross = [];
  for (let y = 10; y < 22; y++) cross.push(await pixel(page, 'sweep-lr', right, y));
  assert.ok(cross.some(([r, gg, b, a]) => a > 0 && r > 180 && gg > 100 && gg < 200 && b < 80),
    `an orange cross at η = 10 in the band: ${JSON.stringify(cross)}`);
  // Momentum (η·L < 2(1 + γ) = 3 → η < 0.75) added: its own edge.
  await page.selectOption('#add-kind', 'momentum');
  await page.click('#add-optimizer');
  await page.waitForSelector('#sweep-edges li[data-kind="momentum"]');
  await page.waitForSelector('#sweep-lr[data-stale="false"]');
  assert.equal(await edgeOf(page, 'momentum').getAttribute('data-theory'), '0.75');
  assert.equal(await edgeOf(page, 'gd').getAttribute('data-edge'), '0.51');
  assert.deepEqual(errors, []);
});

test('moving η only moves the marker; changing γ recomputes the sweep after the drag', async (t) => {
  const { page, errors } = await fresh(t, `${BOWL}&opt=gd:lr=0.4;momentum:lr=0.4,gamma=0.5`);
  await openPanel(page, 'sweep-panel');
  const computed = async () => Number(await page.getAttribute('#sweep-lr', 'data-computed'));
  const n0 = await computed();
  // A drag: five input events in a row, as a slider sends them.
  const drag = (i, p, delta) => page.evaluate(({ i, p, delta }) => {
    const s = document.querySelector(`section.opt-card[data-index="${i}"] input[type=range][data-param="${p}"]`);
    for (let k = 0; k < 5; k++) {
      s.value = String(Number(s.value) + delta);
      s.dispatchEvent(new Event('input', { bubbles: true }));
    }
  }, { i, p, delta });
  await drag(0, 'lr', -4);
  await page.waitForTimeout(400);
  assert.equal(await computed(), n0, 'η is swept anyway: no recomputation');
  await drag(1, 'gamma', 20);
  assert.equal(await page.getAttribute('#sweep-lr', 'data-stale'), 'true', 'stale while γ moves');
  await page.waitForSelector('#sweep-lr[data-stale="false"]');
  assert.equal(await computed(), n0 + 1, 'one recomputation after the drag');
  // γ = 0.6 now: the bound 2(1 + γ)/L = 0.8.
  assert.equal(await edgeOf(page, 'momentum').getAttribute('data-theory'), '0.8');
  assert.deepEqual(errors, []);
});

test('clicking the (η, γ) map sets η and γ of the first momentum optimizer like its sliders', async (t) => {
  const { page, errors } = await fresh(t, `${BOWL}&opt=gd:lr=0.4;momentum:lr=0.4,gamma=0.5`);
  await openPanel(page, 'sweep-panel');
  const map = page.locator('#sweep-map');
  assert.equal(await map.getAttribute('data-eta-max'), '1.25'); // 5/L, L = 4
  const [left, top, w, h] = (await map.getAttribute('data-plot')).split(',').map(Number);
  const etaMax = 1.25;
  for (const [fx, fy] of [[0.3, 0.7], [0.62, 0.15]]) {
    await map.click({ position: { x: left + fx * w, y: top + (1 - fy) * h } });
    // The click handler runs within the click: the page has changed now.
    const s = await state(page);
    const m = s.scene.optimizers[1];
    // Within the map's resolution (one CSS pixel) of the point clicked.
    assert.ok(Math.abs(m.lr - fx * etaMax) <= etaMax / w + 1e-9, `η ${m.lr} vs ${fx * etaMax}`);
    assert.ok(Math.abs(m.gamma - fy) <= 1 / h + 1e-9, `γ ${m.gamma} vs ${fy}`);
    assert.equal(s.scene.optimizers[0].lr, 0.4, 'GD untouched');
    // The card shows them: number fields, outputs, sliders at their positions.
    const card = page.locator('section.opt-card[data-index="1"]');
    assert.equal(Number(await card.locator('input.num[data-param=lr]').inputValue()), m.lr);
    assert.equal(Number(await card.locator('input.num[data-param=gamma]').inputValue()), m.gamma);
    assert.equal(await card.locator('output[data-param=gamma]').innerText(), `γ = ${m.gamma}`);
    assert.equal(Number(await card.locator('input[type=range][data-param=gamma]').inputValue()), Math.round(m.gamma * 1000));
    assert.equal(Number(await card.locator('input[type=range][data-param=lr]').inputValue()),
      Math.round((Math.log10(m.lr) + 4) / 5 * 1000));
    // The runs, the legend and the link follow.
    assert.match(await page.locator('#legend li[data-index="1"]').innerText(), new RegExp(`η=${m.lr} γ=${m.gamma}`));
    // The link is written once the user rests, after the paint (src/web/link.rs).
    await page.waitForFunction((q) => location.search.includes(q), `momentum:lr=${m.lr},gamma=${m.gamma}`, { timeout: 5000 });
    // The rate under the ring, in words.
    assert.match(await page.locator('#sweep-map-current').innerText(), new RegExp(`At η = ${m.lr}, γ = ${m.gamma}: ρ = `));
  }
  // The second click was in the red region: momentum now diverges.
  assert.equal(await page.getAttribute('#legend li[data-index="1"]', 'data-health') !== 'ok', true);
  assert.match(await page.locator('#sweep-map-current').innerText(), /> 1 — diverges/);
  // The map's colour under a point: red (ρ ≥ 1) right of the edge, viridis left.
  const red = await pixel(page, 'sweep-map', left + 0.9 * w, top + 0.9 * h);
  assert.deepEqual(red.slice(0, 3), [0xf2, 0xb8, 0xb5]);
  assert.deepEqual(errors, []);
});

// The map on the keyboard: Tab reaches it, the arrows move the momentum
// run a fortieth of η's span or 0.025 of γ, and the rate sentence (a
// polite live region) follows; the time keys are not taken by it.
test('the (η, γ) map by keyboard: the arrows move η and γ, the rate is said', async (t) => {
  const { page, errors } = await fresh(t, `${BOWL}&opt=gd:lr=0.4;momentum:lr=0.4,gamma=0.5`);
  await openPanel(page, 'sweep-panel');
  const map = page.locator('#sweep-map');
  assert.equal(await map.getAttribute('tabindex'), '0');
  assert.equal(await page.getAttribute('#sweep-map-current', 'aria-live'), 'polite');
  await map.focus();
  const t0 = (await state(page)).t;
  const m = async () => (await state(page)).scene.optimizers[1];
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowUp');
  await page.waitForFunction(() => JSON.parse(window.wasmBindings.page_state()).scene.optimizers[1].gamma === 0.525);
  const now = await m();
  // Each press from the value shown, rounded to 3 digits as a click's.
  const r3 = (v) => Number(v.toPrecision(3));
  assert.equal(now.lr, r3(r3(0.4 + 1.25 / 40) + 1.25 / 40));
  assert.equal((await state(page)).t, t0, 'the arrows did not step the time');
  await page.waitForFunction((lr) => document.getElementById('sweep-map-current').innerText.includes(`η = ${lr}, γ = 0.525`), now.lr);
  await page.keyboard.press('Shift+ArrowDown');
  await page.waitForFunction(() => JSON.parse(window.wasmBindings.page_state()).scene.optimizers[1].gamma === 0.4);
  assert.deepEqual(errors, []);
});

test('the map without momentum adds one on click; elsewhere it says it needs the quadratic', async (t) => {
  const { page, errors } = await fresh(t, `${BOWL}&opt=gd:lr=0.4`);
  await openPanel(page, 'sweep-panel');
  assert.match(plain(await page.locator('#sweep-map-note').innerText()), /no momentum optimizer: a click adds one/);
  const [left, top, w, h] = (await page.getAttribute('#sweep-map', 'data-plot')).split(',').map(Number);
  await page.locator('#sweep-map').click({ position: { x: left + 0.4 * w, y: top + 0.5 * h } });
  await page.waitForSelector('section.opt-card[data-index="1"][data-kind="momentum"]');
  const s = await state(page);
  assert.equal(s.scene.optimizers.length, 2);
  assert.ok(Math.abs(s.scene.optimizers[1].lr - 0.5) <= 1.25 / w + 1e-9);
  assert.ok(Math.abs(s.scene.optimizers[1].gamma - 0.5) <= 1 / h + 1e-9);
  assert.match(plain(await page.locator('#sweep-map-note').innerText()), /Click the map \(or use the arrow keys on it\) to set η and γ of Momentum #2/);
  // Rosenbrock: no map, a sentence instead.
  await page.selectOption('#surface', 'rosenbrock');
  await page.waitForSelector('#sweep-map[data-map="none"]', { state: 'attached' });
  assert.equal(await page.isVisible('#sweep-map'), false);
  assert.match(plain(await page.locator('#sweep-map-note').innerText()), /needs the quadratic surface/);
  await page.waitForSelector('#sweep-lr[data-stale="false"]');
  assert.equal(await edgeOf(page, 'gd').getAttribute('data-theory'), '', 'no theory off the quadratic');
  await assertNoBadNumbers(page, 'rosenbrock sweeps');
  assert.deepEqual(errors, []);
});

test('the EMA γ slider moves the window mark to 1/(1−γ), in the chart and in the link', async (t) => {
  const { page, errors } = await fresh(t, '');
  await openPanel(page, 'ema-panel');
  const weights = page.locator('#ema-weights');
  assert.equal(await weights.getAttribute('data-window'), '10');
  assert.match(await page.locator('#ema-readout').innerText(), /γ = 0\.9 · window 1\/\(1−γ\) = 10/);
  const setGamma = (g) => page.evaluate((g) => {
    const s = document.getElementById('ema-gamma');
    s.value = String(g);
    s.dispatchEvent(new Event('input', { bubbles: true }));
  }, g);
  const w = await page.evaluate(() => document.getElementById('ema-weights').getBoundingClientRect().width);
  for (const [g, win] of [[0.8, 5], [0.5, 2], [0.95, 20], [0.99, 100]]) {
    await setGamma(g);
    assert.equal(await weights.getAttribute('data-gamma'), String(g));
    assert.equal(Number(await weights.getAttribute('data-window')), win);
    assert.match(await page.locator('#ema-readout').innerText(), new RegExp(`= ${win}$`));
    assert.match(await page.locator('#ema-weights-text').innerText(), new RegExp(`The last 1/\\(1−γ\\) = ${win} values`));
    assert.match(await page.locator('#ema-bias').innerText(), new RegExp(`y₁ = \\(1−γ\\)·x₁ = ${+(1 - g).toFixed(3)}·x₁`));
    // The dashed orange mark sits after the first `win` bars: x = 44 + win/k·(w − 54).
    const k = Math.min(300, Math.max(12, Math.ceil(3 * win)));
    const x = 44 + (win / k) * (w - 54);
    const col = [];
    for (let y = 24; y < 100; y += 2) col.push(await pixel(page, 'ema-weights', x, y));
    const orange = col.filter(([r, gg, b, a]) => a > 200 && r > 180 && gg > 60 && gg < 130 && b < 60);
    assert.ok(orange.length >= 5, `γ = ${g}: the window mark at x = ${x.toFixed(1)}: ${JSON.stringify(col.slice(0, 8))}`);
    // The link is written once the user rests, after the paint (src/web/link.rs).
    await page.waitForFunction((q) => location.search.includes(q), `ema=${g}`, { timeout: 5000 });
  }
  assert.deepEqual(errors, []);
});

test('ema= in a link sets the slider; a bad value is named in the notice', async (t) => {
  const { page, errors } = await fresh(t, `${BOWL}&opt=gd&ema=0.95`);
  assert.equal(await page.inputValue('#ema-gamma'), '0.95');
  assert.equal(await page.getAttribute('#ema-weights', 'data-window'), '20');
  assert.equal(await page.isVisible('#notice'), false, 'ema is not a scene key: no notice');
  const bad = await fresh(t, `${BOWL}&opt=gd&ema=2`);
  assert.match(await bad.page.locator('#notice').innerText(), /ema: must be a number in \[0, 0\.99\] \(got "2"\); ignored/);
  assert.equal(await bad.page.inputValue('#ema-gamma'), '0.9');
  // With a lesson, `ema` does not count as a scene: the lesson's scene opens.
  const lesson = await fresh(t, '?lesson=5&ema=0.5');
  assert.equal((await state(lesson.page)).scene.optimizers.length, 2);
  assert.equal(await lesson.page.getAttribute('#ema-weights', 'data-window'), '2');
  assert.deepEqual([...errors, ...bad.errors, ...lesson.errors], []);
});

test('lesson 5 opens the EMA panel, from the link and from the picker', async (t) => {
  const { page, errors } = await fresh(t, '?lesson=5');
  assert.equal(await page.getAttribute('#ema-panel', 'open'), '');
  await page.waitForSelector('#ema-signal[data-ready="true"]');
  assert.equal(await page.isVisible('#ema-signal'), true);
  const other = await fresh(t, '?lesson=4');
  assert.equal(await other.page.getAttribute('#ema-panel', 'open'), null);
  await other.page.selectOption('#lesson', '5');
  await other.page.waitForSelector('#ema-panel[open]');
  await other.page.waitForSelector('#ema-weights[data-ready="true"]');
  assert.deepEqual([...errors, ...other.errors], []);
});

test('both panels speak 中文 and switch language with the page, axis labels included', async (t) => {
  const { page, errors } = await fresh(t, `${BOWL}&opt=gd:lr=0.4;momentum:lr=0.4,gamma=0.5&lang=zh`);
  await openPanel(page, 'ema-panel');
  await openPanel(page, 'sweep-panel');
  const text = () => page.locator('#explain').innerText();
  const zh = await text();
  for (const w of ['指数移动加权平均', '偏差修正', '在哪里发散？', '学习率', '梯度下降', '动量法', '发散', '收敛']) {
    assert.ok(zh.includes(w), `中文 has ${w}`);
  }
  assert.match(plain(await edgeOf(page, 'gd').innerText()), /梯度下降：η ≥ 0\.51 时发散；η ≤ 0\.5 时损失不增长/);
  assert.doesNotMatch(zh, /\b(the|diverges|weight|window|learning|rate)\b/, 'no English left');
  assert.equal(await page.getAttribute('#sweep-map', 'aria-label'), '动量法在学习率和动量平面上的收敛速度；点击或用方向键可同时设置两者');
  // Axis labels are drawn in the chosen language: the chart changes with it.
  const snap = () => page.evaluate(() => document.getElementById('sweep-map').toDataURL());
  const before = await snap();
  await page.selectOption('#lang', 'en');
  await page.waitForFunction(() => document.getElementById('sweep-title').textContent === 'Where does it diverge?');
  assert.match(await text(), /Exponential moving average/);
  assert.match(await page.locator('#ema-readout').innerText(), /window/);
  assert.notEqual(await snap(), before, 'the map\'s axis labels were redrawn in English');
  await page.selectOption('#lang', 'zh');
  await page.waitForFunction(() => document.getElementById('sweep-title').textContent === '在哪里发散？');
  assert.equal(await snap(), before);
  assert.deepEqual(errors, []);
});

test('no NaN or Infinity and no console error with the panels open on hard scenes', async (t) => {
  for (const q of [
    `${BOWL}&opt=gd:lr=0.4;momentum:lr=0.4,gamma=0.5`,
    '?f=saddle&opt=gd;adam',
    '?f=expr&expr=ln(x)&opt=gd;momentum',
    '?f=quadratic&a=-1&b=2&opt=momentum:lr=1e3,gamma=0.999',
    '?f=rosenbrock&steps=100000&opt=adam:lr=10;nadam;adadelta',
    `${BOWL}&conv=pytorch&opt=momentum:lr=0.1,gamma=0.9,nesterov=true`,
  ]) {
    const { page, errors } = await fresh(t, q);
    await openPanel(page, 'ema-panel');
    await openPanel(page, 'sweep-panel');
    await assertNoBadNumbers(page, q);
    assert.deepEqual(errors, [], q);
  }
});

// Weight decay adds λ to every curvature and dampening lets the gradient in
// as (1 − τ)·η·g: the theory line and the map are the run's own (heavy ball
// γ = 0.5, λ = 1 on L = 4 diverges at η = 0.7 < 2(1 + γ)/L = 0.75; with
// τ = 0.5, η = 1.2 > 0.75 converges).
test('the sweep\'s theory line and the (η, γ) map count the momentum run\'s weight decay and dampening', async (t) => {
  const { page, errors } = await fresh(t, `${BOWL}&opt=momentum:lr=0.7,gamma=0.5,lambda=1`);
  await openPanel(page, 'sweep-panel');
  const li = edgeOf(page, 'momentum');
  assert.equal(await li.getAttribute('data-theory'), '0.6');
  assert.match(plain(await li.innerText()), /Theory: η < 2\(1 \+ γ\)\/\(L \+ λ\) = 0\.6\. Weight decay λ = 1 adds λ to every curvature\./);
  const map = page.locator('#sweep-map');
  assert.equal(await map.getAttribute('data-eta-max'), '1'); // 5/(L + λ)
  assert.match(await page.locator('#sweep-map-current').innerText(), /At η = 0\.7, γ = 0\.5: ρ = 1\.71 > 1 — diverges/);
  assert.match(plain(await page.locator('#sweep-map-what').innerText()), /So this map, Momentum #1's, uses h = 1\.2 and 5\./);
  assert.notEqual(await page.getAttribute('#legend li[data-index="0"]', 'data-health'), 'ok', 'the run does diverge');
  // Dampening τ = 0.5 halves every curvature seen: η = 1.2 converges, at √γ.
  const { page: p2 } = await fresh(t, `${BOWL}&opt=momentum:lr=1.2,gamma=0.5,dampening=0.5`);
  await openPanel(p2, 'sweep-panel');
  assert.equal(await edgeOf(p2, 'momentum').getAttribute('data-theory'), '1.5');
  assert.match(plain(await edgeOf(p2, 'momentum').innerText()), /Theory: η < 2\(1 \+ γ\)\/\(\(1 − τ\)·L\) = 1\.5\. Dampening τ = 0\.5 lets the gradient in as \(1 − τ\)·η·g\./);
  assert.equal(await p2.locator('#sweep-map').getAttribute('data-rate'), '0.707');
  assert.equal(await p2.getAttribute('#legend li[data-index="0"]', 'data-health'), 'ok');
  // τ = 1: nothing moves at any η; no map to draw, and it says why.
  const { page: p3 } = await fresh(t, `${BOWL}&opt=momentum:lr=0.5,gamma=0.5,dampening=1`);
  await p3.evaluate(() => { document.getElementById('sweep-panel').open = true; });
  await p3.waitForSelector('#sweep-map[data-map="none"]', { state: 'attached' });
  assert.match(plain(await p3.locator('#sweep-map-note').innerText()), /dampening τ = 1\): x does not move at any η/);
  assert.deepEqual(errors, []);
});
