// The optimizers of issue 13 in the page: each new kind added through the
// add control, every one of its keys set through its own control (sliders,
// number fields, the two fields of a pair, the history size's slider, field
// and − / +, the line-search picker, the switches), the trail checked
// against what the command line computes for the same scene, the link
// carrying every key; torch's extras of the seed's kinds behind their
// disclosure; L-BFGS's trial points drawn for a strong-Wolfe step; a bad
// pair refused on its field with the rule, in English and 中文.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { serve, launch, openPage, state, act, slide, type, card, settled } from './support.mjs';

let server, browser;
before(async () => {
  server = await serve();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const CLI = [
  process.env.CARGO_TARGET_DIR && `${process.env.CARGO_TARGET_DIR}/debug/gradscape`,
  'target/debug/gradscape',
  'target/release/gradscape',
].filter(Boolean).find(existsSync);

// What `gradscape simulate` computes for `scene` (with --state: trials).
const simulate = (scene, extra = []) => {
  assert.ok(CLI, 'the CLI is built by the native tests (cargo test --features cli) before this suite');
  return JSON.parse(execFileSync(CLI, ['simulate', '-', ...extra], { input: JSON.stringify(scene) }).toString('utf8'));
};

const field = (page, i, p, part) => card(page, i).locator(
  `input.num[data-param="${p}"]${part === undefined ? '' : `[data-part="${part}"]`}`);
const range = (page, i, p) => card(page, i).locator(`input[type=range][data-param="${p}"]`);

async function add(page, kind) {
  await page.selectOption('#add-kind', kind);
  await act(page, () => page.click('#add-optimizer'));
  const s = await state(page);
  const i = s.scene.optimizers.length - 1;
  assert.equal(s.scene.optimizers[i].kind, kind);
  assert.equal(await card(page, i).getAttribute('data-kind'), kind);
  return i;
}

const typed = (page, i, p, v, part) => act(page, () => type(field(page, i, p, part), v));

test('every new kind through its controls: the trail is the command line\'s, the link carries every key', async (t) => {
  const { page, errors } = await openPage(browser, t, `${server.url}?f=rosenbrock&start=-1.5,2&steps=25&conv=pytorch&opt=gd:lr=0.001`);
  const want = {};
  // Adamax: sliders and fields.
  let i = await add(page, 'adamax');
  await typed(page, i, 'lr', '0.05');
  await act(page, () => slide(range(page, i, 'beta1'), 800)); // 0.8 of 0.999 → 0.799
  await typed(page, i, 'beta1', '0.85');
  await typed(page, i, 'beta2', '0.99');
  await typed(page, i, 'eps', '1e-6');
  await typed(page, i, 'lambda', '0.01');
  want[i] = { kind: 'adamax', lr: 0.05, beta1: 0.85, beta2: 0.99, eps: 1e-6, lambda: 0.01 };
  // RAdam with its decoupled switch.
  i = await add(page, 'radam');
  await typed(page, i, 'lr', '0.02');
  await typed(page, i, 'lambda', '0.1');
  await act(page, () => card(page, i).locator('input[type=checkbox][data-param="decoupled"]').check());
  want[i] = { kind: 'radam', lr: 0.02, lambda: 0.1, decoupled: true };
  // Rprop: the two pairs, two fields each, labelled with their symbols.
  i = await add(page, 'rprop');
  await typed(page, i, 'lr', '0.02');
  assert.equal(await field(page, i, 'etas', 0).getAttribute('aria-label'), 'η− step-size factors');
  assert.equal(await field(page, i, 'step_sizes', 1).getAttribute('aria-label'), 'Γmax step-size bounds');
  await typed(page, i, 'etas', '0.4', 0);
  await typed(page, i, 'etas', '1.3', 1);
  await typed(page, i, 'step_sizes', '1e-5', 0);
  await typed(page, i, 'step_sizes', '0.5', 1);
  want[i] = { kind: 'rprop', lr: 0.02, etas: [0.4, 1.3], step_sizes: [1e-5, 0.5] };
  // Lion.
  i = await add(page, 'lion');
  await typed(page, i, 'lr', '0.01');
  await typed(page, i, 'beta1', '0.8');
  await typed(page, i, 'beta2', '0.95');
  await typed(page, i, 'lambda', '0.5');
  want[i] = { kind: 'lion', lr: 0.01, beta1: 0.8, beta2: 0.95, lambda: 0.5 };
  // L-BFGS: the history size's slider, field and − / +, the picker.
  i = await add(page, 'lbfgs');
  await typed(page, i, 'lr', '0.8');
  await act(page, () => slide(range(page, i, 'history_size'), 7));
  assert.equal((await state(page)).scene.optimizers[i].history_size, 7);
  await typed(page, i, 'history_size', '5', 0);
  await act(page, () => card(page, i).locator('.nudge[data-param="history_size"][data-dir="down"]').click());
  assert.equal(await field(page, i, 'history_size', 0).inputValue(), '4');
  assert.equal(await range(page, i, 'history_size').inputValue(), '4');
  await act(page, () => card(page, i).locator('select[data-param="line_search"]').selectOption('strong_wolfe'));
  want[i] = { kind: 'lbfgs', lr: 0.8, history_size: 4, line_search: 'strong_wolfe' };
  // Newton.
  i = await add(page, 'newton');
  await typed(page, i, 'lr', '0.9');
  want[i] = { kind: 'newton', lr: 0.9 };

  const s = await state(page);
  for (const [j, w] of Object.entries(want)) {
    for (const [k, v] of Object.entries(w)) assert.deepEqual(s.scene.optimizers[j][k], v, `optimizer ${j} (${w.kind}) ${k}`);
  }
  // The trails are the command line's for the same scene, number for number.
  const out = simulate(s.scene);
  assert.equal(out.runs.length, 7);
  assert.deepEqual(s.runs.map((r) => r.points), out.runs.map((r) => r.points));
  assert.ok(s.runs.every((r) => r.points.length > 1), 'every run moved');
  // The link carries the keys, and reading it back gives the same scene.
  const url = decodeURIComponent(page.url());
  for (const piece of ['adamax:lr=0.05,beta1=0.85,beta2=0.99,eps=1e-6,lambda=0.01', 'decoupled=true',
    'etas=0.4~1.3', 'step_sizes=0.00001~0.5', 'history_size=4', 'line_search=strong_wolfe', 'newton:lr=0.9']) {
    assert.ok(url.includes(piece), `the link has ${piece}: ${url}`);
  }
  const { page: again } = await openPage(browser, t, page.url());
  assert.deepEqual((await state(again)).scene, s.scene);
  // Undo takes back the last change (Newton's η), redo puts it back.
  await act(page, () => page.click('#undo'));
  assert.equal((await state(page)).scene.optimizers[6].lr, 1);
  await act(page, () => page.click('#redo'));
  assert.equal((await state(page)).scene.optimizers[6].lr, 0.9);
  assert.deepEqual(errors, []);
});

test('torch\'s extras of the seed\'s kinds wait in a closed disclosure until used', async (t) => {
  const { page, errors } = await openPage(browser, t, `${server.url}?conv=pytorch&opt=gd:lr=0.1;momentum:lr=0.01;rmsprop;adagrad`);
  const extras = (i) => card(page, i).locator('details.extras');
  for (const [i, n] of [[0, 1], [1, 2], [2, 3], [3, 3]]) {
    assert.equal(await extras(i).getAttribute('open'), null, `card ${i} closed`);
    assert.match(await extras(i).locator('summary').textContent(), new RegExp(`\\(${n}\\)`));
  }
  assert.equal(await card(page, 0).locator('input[data-param="lambda"]').first().isVisible(), false);
  // Opened, λ on GD is coupled L2: g + λ·x.
  await extras(0).locator('summary').click();
  await typed(page, 0, 'lambda', '0.5');
  // Its log slider reaches 0 (off) at its left end.
  await range(page, 0, 'lambda').focus();
  await act(page, () => slide(range(page, 0, 'lambda'), 0));
  // (λ = 0 is GD's off value: the scene leaves it out.)
  assert.equal((await state(page)).scene.optimizers[0].lambda ?? 0, 0);
  assert.equal(await field(page, 0, 'lambda').inputValue(), '0');
  await typed(page, 0, 'lambda', '0.5');
  // Dampening's and RMSprop μ's linear sliders.
  await extras(1).locator('summary').click();
  await act(page, () => slide(range(page, 1, 'dampening'), 30));
  await extras(2).locator('summary').click();
  assert.equal(await range(page, 2, 'momentum').getAttribute('max'), '99');
  await act(page, () => slide(range(page, 2, 'momentum'), 99));
  await act(page, () => card(page, 2).locator('input[type=checkbox][data-param="centered"]').check());
  const s = await state(page);
  assert.equal(s.scene.optimizers[0].lambda, 0.5);
  assert.equal(s.scene.optimizers[1].dampening, 0.3);
  assert.equal(s.scene.optimizers[2].momentum, 0.99);
  assert.equal(s.scene.optimizers[2].centered, true);
  assert.deepEqual(s.runs.map((r) => r.points), simulate(s.scene).runs.map((r) => r.points));
  // A card whose extras are on opens with them shown (a link, a rebuild).
  // The link is rewritten once the page rests (a timer): wait for the last change.
  await page.waitForFunction(() => location.search.includes('centered'), null, { timeout: 5000 });
  const { page: linked } = await openPage(browser, t, page.url());
  for (const i of [0, 1, 2]) assert.equal(await linked.locator(`#optimizers .opt-card[data-index="${i}"] details.extras`).getAttribute('open'), '');
  assert.equal(await linked.locator('#optimizers .opt-card[data-index="3"] details.extras').getAttribute('open'), null);
  assert.deepEqual(errors, []);
});

test('L-BFGS with strong Wolfe: the trial points of the step being taken are drawn, the accepted one is where the step lands', async (t) => {
  const scene = { landscape: { kind: 'himmelblau' }, start: [0, 0], steps: 12, convention: 'pytorch',
    optimizers: [{ kind: 'gd', lr: 0.01 }, { kind: 'lbfgs', line_search: 'strong_wolfe' }] };
  const { page, errors } = await openPage(browser, t, `${server.url}?f=himmelblau&start=0,0&steps=12&conv=pytorch&opt=gd:lr=0.01;lbfgs:line_search=strong_wolfe&t=0`);
  const out = simulate(scene, ['--state']);
  const run = out.runs[1];
  const trialsAt = async () => JSON.parse(await page.getAttribute('#plot', 'data-trials') ?? '[]');
  let seen = 0;
  for (let t0 = 0; t0 < 4; t0++) {
    if (t0 > 0) await act(page, () => page.click('#step'));
    await settled(page);
    const want = run.state[t0].trials ?? [];
    const sets = await trialsAt();
    if (!want.length) {
      assert.deepEqual(sets, [], `step ${t0 + 1}: no trials`);
      continue;
    }
    assert.equal(sets.length, 1);
    const [set] = sets;
    assert.equal(set.run, 1);
    assert.deepEqual(set.points.map((p) => p.x), want, `step ${t0 + 1}: the CLI's trial points`);
    assert.deepEqual(want[set.accepted], run.points[t0 + 1], 'the accepted trial is the next point');
    seen += want.length;
    // Drawn: the accepted point is filled with the run's colour.
    const [px, py] = set.points[set.accepted].px;
    const rgb = await page.evaluate(([x, y]) => {
      const c = document.getElementById('plot');
      const k = c.width / c.getBoundingClientRect().width;
      return [...c.getContext('2d').getImageData(Math.round(x * k), Math.round(y * k), 1, 1).data].slice(0, 3);
    }, [px, py]);
    assert.deepEqual(rgb, [0x56, 0xb4, 0xe9], 'run 2\'s sky blue at the accepted point');
  }
  assert.ok(seen >= 4, `trial points drawn: ${seen}`);
  // The inspector says how many the step evaluated.
  await page.evaluate(() => { const p = document.getElementById('state-panel'); p.open = true; p.dispatchEvent(new Event('toggle')); });
  await act(page, () => page.click('#reset'));
  await page.waitForSelector('#state-body section.insp[data-kind="lbfgs"] tr[data-key="evals"]');
  const n = Number(await page.getAttribute('#state-body section.insp[data-kind="lbfgs"] tr[data-key="evals"]', 'data-x1'));
  assert.equal(n, run.state[0].trials.length);
  const t1 = Number(await page.getAttribute('#state-body section.insp[data-kind="lbfgs"] tr[data-key="t"]', 'data-x1'));
  assert.equal(t1, run.state[0].t);
  // Hidden from the legend: no trial points.
  await act(page, () => page.locator('#legend li[data-index="1"] input').uncheck());
  assert.equal(await page.getAttribute('#plot', 'data-trials'), null);
  assert.deepEqual(errors, []);
});

test('a bad pair is refused on its field with the rule, in English and 中文', async (t) => {
  const { page, errors } = await openPage(browser, t, `${server.url}?conv=pytorch&opt=rprop:lr=0.02`);
  const eta = field(page, 0, 'etas', 0);
  const before = (await state(page)).scene;
  await type(eta, '1.5');
  await page.waitForSelector('#invalid-card-0-etas');
  const msg = async () => (await page.textContent('#invalid-card-0-etas')).trim();
  assert.equal(await msg(), 'η−/η+ step-size factors must be two finite numbers with 0 < η− < 1 < η+ (got 1.5, 1.2); kept 0.5, 1.2');
  assert.equal(await eta.getAttribute('aria-invalid'), 'true');
  assert.match(await eta.getAttribute('aria-describedby'), /invalid-card-0-etas/);
  assert.deepEqual((await state(page)).scene, before, 'the scene is unchanged');
  // In 中文 the same refusal is worded there.
  await act(page, () => page.selectOption('#lang', 'zh'));
  await type(field(page, 0, 'etas', 1), '0.9');
  await page.waitForFunction(() => /保留/.test(document.getElementById('invalid-card-0-etas')?.textContent ?? ''));
  assert.equal(await msg(), 'η−/η+ 步长缩放因子 必须是两个有限数，且 0 < η− < 1 < η+（输入为 0.5, 0.9）；保留 0.5, 1.2');
  // Γmin > Γmax: the other pair's rule.
  await type(field(page, 0, 'step_sizes', 0), '60');
  await page.waitForSelector('#invalid-card-0-step_sizes');
  assert.match(await page.textContent('#invalid-card-0-step_sizes'), /0 ≤ min ≤ max/);
  // Leaving the field puts the value in effect back and clears the mark.
  await field(page, 0, 'step_sizes', 0).press('Escape');
  await page.waitForFunction(() => !document.getElementById('invalid-card-0-step_sizes'));
  assert.equal(await field(page, 0, 'step_sizes', 0).inputValue(), '1e-6');
  // A history size out of 1..=100, worded the same way.
  await act(page, () => page.evaluate((s) => window.wasmBindings.set_scene_json(s), JSON.stringify({ convention: 'pytorch', optimizers: [{ kind: 'lbfgs' }] })));
  await type(field(page, 0, 'history_size', 0), '0');
  await page.waitForSelector('#invalid-card-0-history_size');
  assert.match(await page.textContent('#invalid-card-0-history_size'), /m 历史长度 必须是 ?1 到 100 之间的整数（输入为 0）；保留 100/);
  assert.deepEqual(errors, []);
});

test('in 中文 the new cards, their disclosures and the Newton and L-BFGS inspectors leave no English', async (t) => {
  const { page, errors } = await openPage(browser, t, `${server.url}?f=himmelblau&start=0,0&steps=10&conv=pytorch&opt=gd;rmsprop;adagrad;adamax;radam;rprop;lion;lbfgs:line_search=strong_wolfe;newton&t=1&lang=zh`);
  for (const d of await page.locator('details:not(#pytorch-show)').all()) await d.evaluate((e) => { e.open = true; e.dispatchEvent(new Event('toggle')); });
  await page.waitForSelector('#state-body section.insp[data-kind="newton"] tr[data-key="hess1"]');
  await page.waitForSelector('#state-body section.insp[data-kind="lbfgs"] tr[data-key="evals"]');
  await settled(page);
  const text = await page.evaluate(() => {
    const parts = [document.body.innerText];
    for (const o of document.querySelectorAll('select option')) parts.push(o.textContent);
    for (const el of document.querySelectorAll('[aria-label], [title]')) parts.push(el.getAttribute('aria-label') ?? '', el.getAttribute('title') ?? '');
    return parts.join('\n');
  });
  const english = JSON.parse(await page.evaluate((t) => window.wasmBindings.english_words(t), text));
  assert.deepEqual([...new Set(english)], [], 'English left in 中文 mode');
  assert.match(text, /torch 的其他参数（3）/);
  assert.match(text, /黑塞矩阵/);
  assert.match(text, /线搜索求值的试探点个数/);
  assert.deepEqual(errors, []);
});
