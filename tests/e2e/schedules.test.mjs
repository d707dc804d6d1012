// Learning-rate schedules in the page: every kind picked through the card's
// picker, one argument set through its control, the trail and the η(t)
// chart checked against the core's run of the same scene
// (window.wasmBindings.simulate_json, what `gradscape simulate` prints), the
// chart's cursor and the legend's η_t following the scrubber, refused values
// in English and 中文 with the scene kept, the preset, the phases, the link
// (reload → the same picture) and undo.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { playgroundSuite, state, act, setScene, assertNoBadNumbers } from './support.mjs';

const { fresh, noConsoleErrors } = playgroundSuite();

// The bowl, 20 steps, momentum at η = 0.1 (it has a γ that cyclic and
// one_cycle may cycle).
const SCENE = { version: 1, steps: 20, convention: 'pytorch', optimizers: [{ kind: 'momentum', lr: 0.1, gamma: 0.5 }] };

const card = (page, i = 0) => page.locator(`#optimizers section.opt-card[data-index="${i}"]`);
const picker = (page, i = 0) => card(page, i).locator('select[data-sched="kind"]');
const argField = (page, arg, phase, i = 0) => card(page, i).locator(
  phase === undefined ? `[data-sched="arg"][data-arg="${arg}"]:not([data-phase])` : `[data-sched="arg"][data-arg="${arg}"][data-phase="${phase}"]`);

// Type a value the core refuses: nothing is redrawn but the message.
async function refuse(page, arg, text, i = 0) {
  const f = argField(page, arg, undefined, i);
  await f.fill(String(text));
  await f.press('Enter');
  await card(page, i).locator('.sched-error:not([hidden])').waitFor();
}

async function typeArg(page, arg, text, phase) {
  await act(page, async () => {
    const f = argField(page, arg, phase);
    await f.fill(String(text));
    await f.press('Enter');
  });
}

// Per kind: the control to set, its value, and what the scene's schedule
// must then hold (the starting arguments for 20 steps at η = 0.1 and the
// one set).
const KINDS = {
  step: { set: ['step_size', '3'], want: { step_size: 3, gamma: 0.5 } },
  multi_step: { set: ['milestones', '4, 9'], want: { milestones: [4, 9], gamma: 0.1 } },
  constant: { set: ['factor', '0.25'], want: { factor: 0.25, total_iters: 5 } },
  linear: { set: ['total_iters', '8'], want: { start_factor: 0.1, end_factor: 1, total_iters: 8 } },
  exponential: { set: ['gamma', '0.8'], want: { gamma: 0.8 } },
  polynomial: { set: ['power', '2'], want: { total_iters: 20, power: 2 } },
  cosine: { set: ['T_max', '10'], want: { T_max: 10, eta_min: 0 } },
  cosine_warm_restarts: { set: ['T_mult', '2'], want: { T_0: 5, T_mult: 2, eta_min: 0 } },
  cyclic: { select: ['mode', 'triangular2'], want: { max_lr: 0.2, step_size_up: 5, mode: 'triangular2', cycle_momentum: true } },
  one_cycle: { select: ['anneal_strategy', 'linear'], want: { anneal_strategy: 'linear', cycle_momentum: true, pct_start: 0.3 } },
  plateau: { set: ['threshold', '0.5'], want: { factor: 0.5, patience: 2, threshold: 0.5 } },
  sequential: { set: ['gamma', '0.8', 1], want: { milestones: [5] } },
};

// The core's run of `scene` (the simulation output the CLI prints).
const simulate = async (page, scene) => JSON.parse(await page.evaluate((s) => window.wasmBindings.simulate_json(s), JSON.stringify(scene)));

const close = (a, b, where) => {
  assert.equal(a.length, b.length, `${where}: lengths`);
  a.forEach((x, k) => {
    const [p, q] = [x, b[k]].map((v) => (Array.isArray(v) ? v : [v]));
    p.forEach((v, j) => assert.ok(Math.abs(v - q[j]) <= 1e-12 * Math.max(1, Math.abs(q[j])), `${where}[${k}]: ${v} vs ${q[j]}`));
  });
};

for (const [kind, c] of Object.entries(KINDS)) {
  test(`${kind}: picked and set through its controls, trail and η(t) chart as the core runs them`, async (t) => {
    const { page } = await fresh(t);
    await setScene(page, SCENE);
    await act(page, () => picker(page).selectOption(kind));
    if (c.set) await typeArg(page, c.set[0], c.set[1], c.set[2]);
    if (c.select) await act(page, () => argField(page, c.select[0]).selectOption(c.select[1]));
    const s = await state(page);
    const sched = s.scene.optimizers[0].schedule;
    assert.equal(sched.kind, kind);
    for (const [k, v] of Object.entries(c.want)) assert.deepEqual(sched[k], v, `${kind}.${k}`);
    if (kind === 'sequential') {
      // Not the preset's phases: the picker keeps reading the pick.
      assert.deepEqual(sched.schedulers.map((p) => p.kind), ['constant', 'exponential']);
      assert.equal(sched.schedulers[1].gamma, 0.8);
    }
    assert.equal(await picker(page).inputValue(), kind, `${kind}: the picker reads the pick`);
    // The same scene through the core, as the CLI runs it.
    const scene = structuredClone(SCENE);
    scene.optimizers[0].schedule = sched;
    const want = (await simulate(page, scene)).runs[0];
    close(s.runs[0].points, want.points, `${kind} points`);
    close(s.runs[0].lr, want.lr, `${kind} lr`);
    assert.ok(new Set(want.lr).size > 1, `${kind}: η changes over the run`);
    // The chart plots exactly those rates, step 1 to 20, and the cycled momentum.
    const chart = s.lr_charts.find((ch) => ch.index === 0);
    assert.ok(chart, 'a chart for the scheduled card');
    close(chart.lr, want.lr.map((v, k) => [k + 1, v]), `${kind} chart`);
    if (want.momentum) close(chart.momentum, want.momentum.map((v, k) => [k + 1, v]), `${kind} chart momentum`);
    else assert.deepEqual(chart.momentum, []);
    assert.equal(!!want.momentum, kind === 'cyclic' || kind === 'one_cycle', `${kind}: momentum cycled`);
    const canvas = card(page).locator('canvas.lr-chart');
    assert.ok((await canvas.evaluate((c) => c.width)) >= 2 * (await canvas.evaluate((c) => c.clientWidth)) - 1, 'crisp at DPR 2');
    await assertNoBadNumbers(page, kind);
  });
}

test('the chart cursor and the legend η_t follow the scrubber and playback without a replay', async (t) => {
  const { page } = await fresh(t);
  await setScene(page, { ...SCENE, optimizers: [{ kind: 'gd', lr: 0.6, schedule: { kind: 'step', step_size: 5, gamma: 0.5 } }] });
  const replay = async () => (await state(page)).runs[0].lr;
  const lr = await replay();
  const canvas = card(page).locator('canvas.lr-chart');
  for (const step of [0, 7, 12, 20]) {
    await act(page, () => page.locator('#scrub').evaluate((el, v) => {
      el.value = String(v);
      el.dispatchEvent(new Event('input', { bubbles: true }));
    }, step));
    const s = await state(page);
    assert.equal(s.t, step);
    const k = Math.max(1, step);
    assert.equal(s.lr_charts[0].cursor, k);
    assert.equal(s.lr_charts[0].eta, lr[k - 1]);
    assert.equal(Number(await canvas.getAttribute('data-step')), k);
    assert.equal(Number(await canvas.getAttribute('data-eta')), lr[k - 1]);
    const sub = String(k).replace(/\d/g, (d) => '₀₁₂₃₄₅₆₇₈₉'[d]);
    const legend = await page.locator('#legend li[data-index="0"] .run-eta').textContent();
    assert.equal(legend, `η${sub} = ${lr[k - 1]}`);
    assert.match(await canvas.getAttribute('aria-label'), new RegExp(`η${sub} = ${lr[k - 1]} at step ${k} of 20`));
  }
  // The state panel's card of the run says the rate of the step it
  // writes out (at t = 7: step 8, from x₇ to x₈).
  await act(page, () => page.locator('#scrub').evaluate((el) => {
    el.value = '7';
    el.dispatchEvent(new Event('input', { bubbles: true }));
  }));
  await act(page, () => page.click('#state-summary'));
  await page.waitForFunction(() => document.querySelector('#state-runs section.insp[data-index="0"][data-k="8"] h4'));
  assert.match(await page.locator('#state-runs section.insp[data-index="0"] h4').textContent(), /· η₈ = 0\.3$/);
  // η halves every 5 steps: 0.6, 0.3, 0.15, 0.075.
  assert.deepEqual([lr[0], lr[5], lr[10], lr[15]], [0.6, 0.3, 0.15, 0.075]);
  // Playing moves the cursor; the runs are not replayed.
  const before = JSON.stringify((await state(page)).runs);
  await act(page, () => page.locator('#reset-t, button[aria-label="Reset to step 0"]').first().click());
  await page.locator('#play').click();
  await page.waitForFunction(() => JSON.parse(window.wasmBindings.page_state()).t >= 3);
  await page.locator('#play').click();
  const s = await state(page);
  assert.equal(s.lr_charts[0].cursor, Math.max(1, s.t));
  assert.equal(JSON.stringify(s.runs), before);
});

test('refused values: inline errors naming the argument and its range, in English and 中文, the scene kept', async (t) => {
  const { page } = await fresh(t);
  await setScene(page, { ...SCENE, optimizers: [SCENE.optimizers[0], { kind: 'adagrad', lr: 0.4 }] });
  await act(page, () => picker(page).selectOption('step'));
  const kept = (await state(page)).scene;
  await refuse(page, 'gamma', '-1');
  const msg = card(page).locator('.sched-error');
  assert.equal(await msg.isVisible(), true);
  assert.equal(await msg.textContent(), 'decay factor γ (gamma): must be a finite number ≥ 0 (got -1); the schedule in effect is kept');
  assert.equal(await argField(page, 'gamma').getAttribute('aria-invalid'), 'true');
  assert.equal(await argField(page, 'gamma').getAttribute('aria-describedby'), await msg.getAttribute('id'));
  assert.deepEqual((await state(page)).scene, kept);
  // Text that is not a number says what was typed.
  await refuse(page, 'step_size', 'ten');
  assert.match(await msg.textContent(), /^steps between decays \(step_size\): must be a whole number from 1 to 100000 \(got "ten"\)/);
  // 中文: the same refusal in Chinese.
  await act(page, () => page.locator('#lang').selectOption('zh'));
  await act(page, () => picker(page).selectOption('one_cycle'));
  await refuse(page, 'total_steps', '10');
  const zh = await msg.textContent();
  assert.match(zh, /周期总步数（total_steps）：total_steps 至少要等于场景的步数 20（输入为 10）/);
  const english = JSON.parse(await page.evaluate((s) => window.wasmBindings.english_words(s), zh));
  assert.deepEqual(english, []);
  // A momentum to cycle: AdaGrad has none (torch refuses).
  await act(page, () => picker(page, 1).selectOption('cyclic'));
  assert.equal(await argField(page, 'cycle_momentum', undefined, 1).isChecked(), false, 'the picker starts AdaGrad without cycling');
  await argField(page, 'cycle_momentum', undefined, 1).check();
  await card(page, 1).locator('.sched-error:not([hidden])').waitFor();
  assert.match(await card(page, 1).locator('.sched-error').textContent(), /cycle_momentum/);
  const s = await state(page);
  assert.equal(s.scene.optimizers[1].schedule.cycle_momentum, false);
  assert.equal(s.runs.length, 2, 'the rest of the scene still runs');
  // Escape drops the message; the field shows the value in effect.
  await argField(page, 'total_steps').fill('10');
  await argField(page, 'total_steps').press('Escape');
  await card(page).locator('.sched-error[hidden]').waitFor({ state: 'attached' });
  assert.equal(await msg.isVisible(), false);
  assert.equal(await argField(page, 'total_steps').getAttribute('aria-invalid'), null);
  assert.equal(await argField(page, 'total_steps').inputValue(), '', 'back to the value in effect (empty: the steps)');
  await assertNoBadNumbers(page, 'refusals');
});

// torch's class of each kind, as its picker option names it (the page
// finds each once and reuses it for every card and phase).
const TORCH = {
  step: 'StepLR', multi_step: 'MultiStepLR', constant: 'ConstantLR', linear: 'LinearLR',
  exponential: 'ExponentialLR', polynomial: 'PolynomialLR', cosine: 'CosineAnnealingLR',
  cosine_warm_restarts: 'CosineAnnealingWarmRestarts', cyclic: 'CyclicLR', one_cycle: 'OneCycleLR',
  plateau: 'ReduceLROnPlateau', sequential: 'SequentialLR',
};

test('every picker option, on every card and phase, names its kind\'s torch class', async (t) => {
  const { page } = await fresh(t);
  const two = structuredClone(SCENE);
  two.optimizers.push({ kind: 'adam', lr: 0.05 });
  await setScene(page, two);
  await act(page, () => picker(page, 1).selectOption('warmup_cosine'));
  const options = async (sel) => Object.fromEntries(await sel.locator('option').evaluateAll(
    (os) => os.filter((o) => o.value && o.value !== 'warmup_cosine').map((o) => [o.value, o.textContent])));
  for (const i of [0, 1]) {
    const got = await options(picker(page, i));
    assert.deepEqual(Object.keys(got).sort(), Object.keys(TORCH).sort(), `card ${i}: every kind offered`);
    for (const [k, cls] of Object.entries(TORCH)) assert.ok(got[k].endsWith(` — ${cls}`), `card ${i} ${k}: ${got[k]}`);
  }
  // The picked preset is named alone, its classes on the label's line.
  assert.equal(await picker(page, 1).evaluate((s) => s.selectedOptions[0].textContent), 'warm-up + cosine');
  assert.equal(await card(page, 1).locator('.sched-title .sched-class').textContent(), 'LinearLR → CosineAnnealingLR');
  assert.equal(await card(page, 0).locator('.sched-title .sched-class').textContent(), '', 'constant η: no class');
  const phaseSel = card(page, 1).locator('select[data-sched="phase-kind"][data-phase="0"]');
  const phase = await options(phaseSel);
  assert.ok(Object.keys(phase).length >= 8, 'the phase picker lists the chainable kinds');
  const pickedPhase = await phaseSel.inputValue();
  for (const [k, text] of Object.entries(phase)) {
    if (k === pickedPhase) assert.equal(text, 'linear warm-up', 'the picked phase kind alone');
    else assert.ok(text.endsWith(` — ${TORCH[k]}`), `phase ${k}: ${text}`);
  }
  assert.equal(await card(page, 1).locator('fieldset[data-phase="1"] legend .sched-class').textContent(), 'LinearLR');
});

test('warm-up + cosine in one click; phases added, changed and removed', async (t) => {
  const { page } = await fresh(t);
  await setScene(page, SCENE);
  await act(page, () => picker(page).selectOption('warmup_cosine'));
  let s = await state(page);
  const lr = s.runs[0].lr;
  assert.ok(Math.abs(lr[0] - 0.01) < 1e-15, 'warm-up from η/10');
  assert.ok(Math.max(...lr) <= 0.1 + 1e-15 && lr[19] < 0.005, 'then cosine to about 0');
  // Stored as a sequence, named by its shape: it had read "one schedule
  // after another", in the picker and the legend.
  const named = async (value, words) => {
    assert.equal(await picker(page).inputValue(), value);
    assert.match(await page.locator('#legend li[data-index="0"]').textContent(), new RegExp(` · ${words}`));
  };
  await named('warmup_cosine', 'warm-up \\+ cosine');
  await typeArg(page, 'eta_min', '0.01', 1);
  await named('warmup_cosine', 'warm-up \\+ cosine');
  // A warm-up that falls is a sequence no longer the preset, and back: the
  // picker, its words and the class on its label's line follow (the block
  // is kept; its picker had kept "warm-up + cosine — LinearLR → …").
  const shown = () => card(page).evaluate((c) => [
    c.querySelector('select[data-sched="kind"]').selectedOptions[0].textContent,
    c.querySelector('.sched-title .sched-class').textContent,
  ]);
  await typeArg(page, 'end_factor', '0.05', 0);
  await named('sequential', 'one schedule after another');
  assert.deepEqual(await shown(), ['one schedule after another', 'SequentialLR']);
  await typeArg(page, 'end_factor', '1', 0);
  await named('warmup_cosine', 'warm-up \\+ cosine');
  assert.deepEqual(await shown(), ['warm-up + cosine', 'LinearLR → CosineAnnealingLR']);
  await act(page, () => card(page).locator('button[data-sched="add-phase"]').click());
  await act(page, () => card(page).locator('select[data-sched="phase-kind"][data-phase="2"]').selectOption('exponential'));
  s = await state(page);
  assert.deepEqual(s.scene.optimizers[0].schedule.schedulers.map((p) => p.kind), ['linear', 'cosine', 'exponential']);
  assert.equal(s.scene.optimizers[0].schedule.milestones.length, 2);
  await named('sequential', 'one schedule after another');
  await typeArg(page, 'milestones', '3, 12');
  s = await state(page);
  assert.deepEqual(s.scene.optimizers[0].schedule.milestones, [3, 12]);
  assert.match(await card(page).locator('fieldset[data-phase="3"] legend').textContent(), /phase 3, from step 13/);
  await act(page, () => card(page).locator('button[data-sched="remove-phase"][data-phase="0"]').click());
  s = await state(page);
  assert.deepEqual(s.scene.optimizers[0].schedule.schedulers.map((p) => p.kind), ['cosine', 'exponential']);
  // Constant η again: no schedule, no chart, no η_t in the legend.
  await act(page, () => picker(page).selectOption(''));
  s = await state(page);
  assert.equal(s.scene.optimizers[0].schedule, undefined);
  assert.deepEqual(s.lr_charts, []);
  assert.equal(await page.locator('#legend .run-eta').count(), 0);
});

test('the link carries the schedule: reload gives the same picture; undo takes it back', async (t) => {
  const { page } = await fresh(t);
  await setScene(page, SCENE);
  await act(page, () => picker(page).selectOption('cosine_warm_restarts'));
  await typeArg(page, 'T_0', '4');
  await page.waitForFunction(() => location.search.includes('schedule='));
  const url = page.url();
  assert.match(decodeURIComponent(url), /schedule=cosine_warm_restarts\(T_0=4/);
  const before = await state(page);
  // Undo: back to T_0 = 5, then no schedule; redo twice.
  await act(page, () => page.locator('#undo').click());
  assert.equal((await state(page)).scene.optimizers[0].schedule?.T_0, 5);
  await act(page, () => page.locator('#undo').click());
  assert.equal((await state(page)).scene.optimizers[0].schedule, undefined);
  await act(page, () => page.locator('#redo').click());
  await act(page, () => page.locator('#redo').click());
  assert.deepEqual((await state(page)).scene, before.scene);
  await page.goto(url);
  await page.waitForSelector('canvas#plot[data-ready="true"]');
  const after = await state(page);
  assert.deepEqual(after.scene, before.scene);
  assert.deepEqual(after.runs, before.runs);
  assert.deepEqual(after.lr_charts, before.lr_charts);
  assert.equal(await argField(page, 'T_0').inputValue(), '4');
});

// The momentum row of a card whose schedule cycles it.
const gammaRow = (page) => card(page).locator('.param:has(input[type=range][data-param="gamma"])');
const rowState = (page) => gammaRow(page).evaluate((r) => ({
  out: r.querySelector('output').textContent,
  name: r.querySelector('.param-name').textContent,
  disabled: [...r.querySelectorAll('input, button')].map((c) => c.disabled),
  title: r.querySelector('.cycled-note')?.getAttribute('title') ?? null,
  valuetext: r.querySelector('input[type=range]').getAttribute('aria-valuetext'),
}));

test('a cycled momentum: its row is disabled and reads the range while the schedule sets it, and comes back when it stops', async (t) => {
  const { page } = await fresh(t);
  await setScene(page, SCENE);
  assert.deepEqual(await rowState(page), { out: 'γ = 0.5', name: 'momentum', disabled: [false, false, false, false], title: null, valuetext: 'γ = 0.5' });
  await act(page, () => picker(page).selectOption('one_cycle'));
  const sched = (await state(page)).scene.optimizers[0].schedule;
  assert.equal(sched.cycle_momentum, true);
  const on = await rowState(page);
  assert.equal(on.out, `γ = ${sched.base_momentum}–${sched.max_momentum}`);
  assert.equal(on.name, 'momentum · set by the schedule');
  assert.deepEqual(on.disabled, [true, true, true, true]);
  assert.match(on.title, /cycles γ between 0\.85 and 0\.95.*this card's γ is not used/);
  assert.equal(on.valuetext, on.out, 'a screen reader hears the range');
  // The run's label says the same range.
  assert.match(await card(page).getAttribute('aria-label'), /γ=0\.85–0\.95/);
  // η moved on the same card: the row keeps the range.
  await act(page, async () => {
    const f = card(page).locator('input.num[data-param="lr"]');
    await f.fill('0.2');
    await f.press('Enter');
  });
  assert.equal((await rowState(page)).out, 'γ = 0.85–0.95');
  await act(page, () => argField(page, 'cycle_momentum').uncheck());
  assert.equal((await state(page)).scene.optimizers[0].schedule.cycle_momentum, false);
  assert.deepEqual(await rowState(page), { out: 'γ = 0.5', name: 'momentum', disabled: [false, false, false, false], title: null, valuetext: 'γ = 0.5' });
  // In 中文, cycled again.
  await act(page, () => argField(page, 'cycle_momentum').check());
  await act(page, () => page.locator('#lang').selectOption('zh'));
  const zh = await rowState(page);
  assert.equal(zh.name, '动量超参数 · 由学习率调度设定');
  assert.equal(zh.out, 'γ = 0.85–0.95');
  assert.match(zh.title, /不使用此卡片的 γ/);
});

test('a lock of the link on γ stays when the schedule stops cycling it', async (t) => {
  const { page } = await fresh(t);
  await page.goto(`${page.url().split('?')[0]}?f=quadratic&steps=20&conv=pytorch&opt=momentum:lr=0.1,gamma=0.5,schedule=one_cycle(max_lr=0.1,total_steps=20)&lock=gamma`);
  await page.waitForSelector('canvas#plot[data-ready="true"]');
  assert.deepEqual((await rowState(page)).disabled, [true, true, true, true]);
  await act(page, () => argField(page, 'cycle_momentum').uncheck());
  const off = await rowState(page);
  assert.equal(off.out, 'γ = 0.5');
  assert.deepEqual(off.disabled, [true, true, true, true], 'still fixed by the link');
  // The lock's mark and words stay through the cycling's start and end.
  assert.equal(await gammaRow(page).locator('.lock-mark').count(), 1);
  assert.match(await gammaRow(page).getAttribute('title'), /fixed by this link/);
  await act(page, () => argField(page, 'cycle_momentum').check());
  assert.equal(await gammaRow(page).locator('.lock-mark').count(), 1);
  assert.equal((await rowState(page)).name, 'momentum · set by the schedule');
});

test('the picker names the picked kind as the label does: exponential growth for γ > 1', async (t) => {
  const { page } = await fresh(t);
  await setScene(page, SCENE);
  await act(page, () => picker(page).selectOption('exponential'));
  // The closed picker names the kind; its class stands on the label's line
  // (both in the picker were cut on a 1366 px card).
  const picked = async () => [
    await picker(page).evaluate((s) => s.selectedOptions[0].textContent),
    await card(page).locator('.sched-title .sched-class').textContent(),
  ];
  assert.deepEqual(await picked(), ['exponential decay', 'ExponentialLR']);
  await typeArg(page, 'gamma', '1.05');
  assert.deepEqual(await picked(), ['exponential growth', 'ExponentialLR']);
  assert.match(await card(page).getAttribute('aria-label'), /exponential growth/);
  await typeArg(page, 'gamma', '0.9');
  assert.deepEqual(await picked(), ['exponential decay', 'ExponentialLR']);
  // The others keep the class, for the next pick.
  assert.equal(await picker(page).locator('option[value="plateau"]').textContent(), 'reduce on plateau — ReduceLROnPlateau');
  // Each whole in the closed picker and the label's line, on a 1366 px card.
  await page.setViewportSize({ width: 1366, height: 768 });
  for (const kind of ['plateau', 'cosine_warm_restarts', 'sequential', 'warmup_cosine']) {
    await act(page, () => picker(page).selectOption(kind));
    const cut = await card(page).evaluate((c) => {
      const sel = c.querySelector('select[data-sched="kind"]');
      const cls = c.querySelector('.sched-title .sched-class');
      const ctx = document.createElement('canvas').getContext('2d');
      const cs = getComputedStyle(sel);
      ctx.font = `${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
      const text = sel.selectedOptions[0].textContent;
      // The closed picker's room: its width less the padding and the arrow.
      const room = sel.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight) - 20;
      return { text, width: ctx.measureText(text).width, room, cls: cls.textContent, clsCut: cls.scrollWidth > cls.clientWidth + 1 };
    });
    assert.ok(cut.width <= cut.room, `${kind}: "${cut.text}" ${cut.width} px in ${cut.room}`);
    assert.ok(cut.cls && !cut.clsCut, `${kind}: its class "${cut.cls}" whole`);
  }
});

test('中文: the picker, the arguments and the chart speak Chinese', async (t) => {
  const { page } = await fresh(t);
  await setScene(page, SCENE);
  await act(page, () => page.locator('#lang').selectOption('zh'));
  await act(page, () => picker(page).selectOption('one_cycle'));
  const text = await card(page).evaluate((c) => [c.innerText, ...[...c.querySelectorAll('[aria-label],[title],[placeholder]')]
    .flatMap((e) => [e.getAttribute('aria-label'), e.getAttribute('title'), e.getAttribute('placeholder')])].filter(Boolean).join('\n'));
  const english = JSON.parse(await page.evaluate((s) => window.wasmBindings.english_words(s), text));
  assert.deepEqual(english, []);
  assert.match(await card(page).locator('canvas.lr-chart').getAttribute('aria-label'), /的学习率 η_t：第 20 步（共 20 步）为/);
});

noConsoleErrors();
