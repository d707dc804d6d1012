// Lessons and languages: each lesson loads its scene (checked against the
// values the seed gives, written out here independently) and its caption in
// English and 中文; the language switch re-words every visible label, and
// 中文 mode leaves no English on the page but symbols, names and numbers.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, state, settled, openPage, act, formulaError } from './support.mjs';

// The caption as read: its no-break spaces and word joiners (which keep
// its small formulas whole on a line) as plain text.
const captionText = async (page) => (await page.locator('#lesson-caption').innerText()).replace(/\u00a0/g, ' ').replace(/\u2060/g, '');

let server, browser;
before(async () => {
  server = await serve();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const fresh = (t, query = '', viewport = { width: 1366, height: 800 }) => openPage(browser, t, server.url + query, { viewport });

// The seed's bowl, start and steps; then each lesson's optimizers.
const BOWL = { landscape: { kind: 'quadratic', a: 0.1, b: 2 }, start: [-5, -2], steps: 20, convention: 'd2l' };
const LESSONS = [
  { id: 1, ...BOWL, t: 20, opts: [{ kind: 'gd', lr: 0.4 }], en: 'one learning rate cannot suit both curvatures', zh: '同一个学习率无法同时适应两个方向' },
  { id: 2, ...BOWL, t: 8, fit: true, opts: [{ kind: 'gd', lr: 0.6 }], en: '2/L = 0.5', zh: 'x2 发散' },
  { id: 3, ...BOWL, t: 20, opts: [{ kind: 'momentum', lr: 0.4, gamma: 0.5 }, { kind: 'gd', lr: 0.4 }], en: 'with the same η = 0.4', zh: '维护速度变量' },
  { id: 4, ...BOWL, t: 6, fit: true, opts: [{ kind: 'momentum', lr: 0.6, gamma: 0.5 }, { kind: 'gd', lr: 0.6 }], en: 'converges with momentum', zh: '在动量法下收敛了' },
  { id: 5, ...BOWL, t: 20, opts: [{ kind: 'momentum', lr: 0.4, gamma: 0.5 }, { kind: 'momentum', lr: 0.4, gamma: 0.9 }], en: '1/(1−γ)', zh: '指数移动加权平均' },
  { id: 6, ...BOWL, t: 20, opts: [{ kind: 'adagrad', lr: 0.4, eps: 1e-6 }, { kind: 'adagrad', lr: 2, eps: 1e-6 }], en: 'only shrinks', zh: '只降不升' },
  { id: 7, ...BOWL, t: 20, opts: [{ kind: 'rmsprop', lr: 0.4, gamma: 0.9, eps: 1e-6 }], en: 'leak away', zh: '逐渐被遗忘' },
  { id: 8, ...BOWL, steps: 30, t: 0, opts: [{ kind: 'adam', lr: 0.2, bias_correction: true }, { kind: 'adam', lr: 0.2, bias_correction: false }], en: 'larger, not smaller', zh: '偏差修正' },
  { id: 9, landscape: { kind: 'expr', expr: '0.1*(x-3)^2 + 2*(y-3)^2' }, start: [-1, -1], steps: 200, t: 150, convention: 'd2l', opts: [{ kind: 'adam_l2', lr: 0.1, lambda: 0.5 }, { kind: 'adamw', lr: 0.1, lambda: 0.5 }], en: 'walks the diagonal', zh: '沿对角线' },
  { id: 10, ...BOWL, t: 6, fit: true, opts: [{ kind: 'gd', lr: 0.6, schedule: { kind: 'plateau', factor: 0.5, patience: 0 } }, { kind: 'gd', lr: 0.6, schedule: { kind: 'step', step_size: 5, gamma: 0.5 } }, { kind: 'gd', lr: 0.6 }], en: 'ReduceLROnPlateau', zh: '停滞时降低' },
  { id: 11, ...BOWL, start: [-1, 0.05], steps: 40, convention: 'pytorch', t: 5, opts: [{ kind: 'radam', lr: 0.3 }, { kind: 'adam', lr: 0.3 }], en: 'plain momentum steps', zh: '普通的动量步' },
  { id: 12, ...BOWL, steps: 100, convention: 'pytorch', t: 60, opts: [{ kind: 'lion', lr: 0.1 }, { kind: 'adam', lr: 0.1 }], en: '(±0.1, ±0.1)', zh: '(±0.1, ±0.1)' },
  { id: 13, ...BOWL, t: 1, opts: [{ kind: 'newton', lr: 1 }, { kind: 'gd', lr: 0.4 }], en: 'in one step', zh: '一步就落在最小值' },
  { id: 14, landscape: { kind: 'himmelblau' }, start: [0, 0], steps: 20, convention: 'd2l', t: 20, opts: [{ kind: 'newton', lr: 1 }, { kind: 'gd', lr: 0.01 }], en: 'local maximum (−0.2708, −0.9230)', zh: '局部极大值点 (−0.2708, −0.9230)' },
  { id: 15, landscape: { kind: 'rosenbrock', a: 1, b: 100 }, start: [-1.5, 2], steps: 50, convention: 'pytorch', t: 50, opts: [{ kind: 'lbfgs', lr: 1, line_search: 'strong_wolfe' }, { kind: 'gd', lr: 0.001 }], en: 'strong Wolfe', zh: '强 Wolfe' },
];

function assertLessonScene(s, l) {
  assert.deepEqual(s.scene.landscape, l.landscape, `lesson ${l.id}: landscape`);
  assert.deepEqual(s.scene.start, l.start, `lesson ${l.id}: start`);
  assert.equal(s.scene.steps, l.steps, `lesson ${l.id}: steps`);
  assert.equal(s.scene.convention, l.convention, `lesson ${l.id}: convention`);
  assert.equal(s.scene.optimizers.length, l.opts.length, `lesson ${l.id}: optimizers`);
  for (const [i, o] of l.opts.entries()) {
    for (const [k, v] of Object.entries(o)) {
      const got = s.scene.optimizers[i][k];
      // A schedule is written out with torch's defaults: the lesson's own arguments must be there.
      if (k === 'schedule') for (const [a, w] of Object.entries(v)) assert.deepEqual(got?.[a], w, `lesson ${l.id}: optimizers[${i}].schedule.${a}`);
      else assert.deepEqual(got, v, `lesson ${l.id}: optimizers[${i}].${k}`);
    }
  }
  assert.equal(s.t, l.t, `lesson ${l.id}: opens at step ${l.t}`);
  assert.equal(s.lesson, l.id);
}

test('each lesson loads its scene and its caption, in English and in 中文', async (t) => {
  const { page, errors } = await fresh(t);
  assert.equal(await page.isVisible('#lesson-caption'), false, 'no caption in free play');
  for (const l of LESSONS) {
    await page.selectOption('#lesson', String(l.id));
    await settled(page);
    assertLessonScene(await state(page), l);
    assert.equal(await page.isVisible('#lesson-caption'), true);
    const en = await captionText(page);
    assert.ok(en.includes(l.en), `lesson ${l.id} (en): ${en}`);
    assert.match(page.url(), new RegExp(`[?&]lesson=${l.id}(&|$)`));
    // 中文
    // The first switch waits for zh.json.
    await act(page, () => page.selectOption('#lang', 'zh'));
    const zh = await captionText(page);
    assert.ok(zh.includes(l.zh), `lesson ${l.id} (zh): ${zh}`);
    assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
    assert.match(page.url(), /[?&]lang=zh(&|$)/);
    assertLessonScene(await state(page), l);
    await page.selectOption('#lang', 'en');
    await settled(page);
  }
  // Next stops at the last lesson (disabled there), previous goes back; "free play" hides the caption and keeps the scene.
  assert.equal(await page.isDisabled('#lesson-next'), true, 'no next lesson after the last');
  await page.locator('#plot').focus();
  await page.keyboard.press('PageDown');
  await settled(page);
  assert.equal((await state(page)).lesson, LESSONS.length, 'no jump to the first lesson');
  await page.click('#lesson-prev');
  await settled(page);
  assert.equal((await state(page)).lesson, LESSONS.length - 1, 'back one lesson');
  await page.click('#lesson-next');
  await settled(page);
  assert.equal(await page.locator('#lesson option').count(), LESSONS.length + 1, 'every lesson and free play');
  await page.selectOption('#lesson', '');
  await settled(page);
  assert.equal(await page.isVisible('#lesson-caption'), false);
  assert.equal((await state(page)).scene.landscape.kind, LESSONS.at(-1).landscape.kind, 'free play keeps the last lesson\'s scene');
  assert.doesNotMatch(page.url(), /lesson=/);
  assert.deepEqual(errors, []);
});

test('a lesson link opens the lesson; its scene keys change the lesson\'s scene, under its caption', async (t) => {
  for (const l of LESSONS) {
    const { page } = await fresh(t, `?lesson=${l.id}&lang=zh`);
    assertLessonScene(await state(page), l);
    assert.ok((await captionText(page)).includes(l.zh));
    assert.equal(await page.inputValue('#lang'), 'zh');
  }
  const { page } = await fresh(t, '?lesson=2&opt=gd:lr=0.45');
  const s = await state(page);
  assert.equal(s.scene.optimizers[0].lr, 0.45, "the link's own scene wins");
  assert.equal(s.lesson, 2);
  assert.equal(await page.isVisible('#lesson-caption'), true);
  // What the link does not give is the lesson's; a bad value is dropped,
  // said, and the lesson's comes back (it was the default scene under
  // lesson 8's caption).
  const l2 = LESSONS.find((l) => l.id === 2);
  assert.equal(s.scene.steps, l2.steps, "the lesson's steps");
  const l8 = LESSONS.find((l) => l.id === 8);
  for (const [q, steps] of [['?lesson=8&steps=50', 50], ['?lesson=8&steps=abc', l8.steps]]) {
    const { page: p8 } = await fresh(t, q);
    const s8 = await state(p8);
    assert.equal(s8.scene.steps, steps, q);
    assert.deepEqual(s8.scene.optimizers.map((o) => o.kind), l8.opts.map((o) => o.kind), q);
    assert.deepEqual(s8.scene.landscape, l8.landscape, q);
    assert.equal(await p8.isVisible('#notice'), steps !== 50, q);
    assert.equal(s8.t, l8.t, `${q}: the lesson's own step`);
  }
  // t= is read against the lesson's steps (it was held to the default 20).
  const { page: p9 } = await fresh(t, '?lesson=9&t=50');
  assert.equal((await state(p9)).t, 50);
  assert.equal(await p9.isVisible('#notice'), false);
  // An unknown lesson or language is ignored, and the link's notice says so.
  const { page: p2 } = await fresh(t, '?lesson=99&lang=fr');
  assert.equal((await state(p2)).lesson, null);
  assert.equal(await p2.inputValue('#lang'), 'en');
  assert.equal(await p2.isVisible('#notice'), true);
  assert.match(await p2.locator('#notice').innerText(), /lesson: .*"99".*\n?.*lang: .*"fr"/s);
});

// All the words a user can see or hear: text, the options of the pickers,
// aria-labels, titles, placeholders.
const pageWords = (page) => page.evaluate(() => {
  const parts = [document.title, document.body.innerText];
  for (const o of document.querySelectorAll('select option')) parts.push(o.textContent);
  for (const el of document.querySelectorAll('[aria-label], [title], [placeholder]')) {
    parts.push(el.getAttribute('aria-label') ?? '', el.getAttribute('title') ?? '', el.getAttribute('placeholder') ?? '');
  }
  return parts.join('\n');
});

test('switching to 中文 re-words every label and leaves no English but symbols, names and numbers', async (t) => {
  const ALL9 = {
    optimizers: ['gd', 'momentum', 'adagrad', 'rmsprop', 'adam', 'adam_l2', 'adamw', 'nadam', 'adadelta'].map((kind) => ({ kind })),
  };
  const { page, errors } = await fresh(t);
  // The first visit's hint goes once the start moves (below): closed now,
  // so the words before and after compare alike.
  await page.locator('#welcome-close').click();
  await page.evaluate((s) => window.wasmBindings.set_scene_json(s), JSON.stringify(ALL9));
  // Open every panel, show a diverging run's message and a formula error too.
  // (Not the Python code under "Show the code": code, not words.)
  for (const d of await page.locator('details:not(#pytorch-show)').all()) await d.evaluate((e) => { e.open = true; });
  // The figure's summary for screen readers is written once the change settles.
  await page.waitForFunction(() => document.getElementById('figure-summary').textContent.includes('Adadelta'));
  const before = await pageWords(page);
  // The switch waits for zh.json on a page that has not fetched it yet.
  await act(page, () => page.selectOption('#lang', 'zh'));
  const scenes = [
    ['all nine optimizers', null],
    ['a diverging GD', { optimizers: [{ kind: 'gd', lr: 0.6 }, { kind: 'momentum', lr: 0.8, gamma: 0.5 }] }],
    ['a hard divergence', { landscape: { kind: 'rosenbrock' }, start: [-1.5, 2], optimizers: [{ kind: 'gd', lr: 0.01 }] }],
    ['a formula', { landscape: { kind: 'expr', expr: 'sqrt(x) + y^2' }, start: [-1, 1], optimizers: [{ kind: 'adam', bias_correction: false }] }],
  ];
  for (const [what, scene] of scenes) {
    if (scene) {
      await page.evaluate((s) => window.wasmBindings.set_scene_json(s), JSON.stringify(scene));
      await settled(page);
    }
    if (what === 'a formula') {
      await page.fill('#expr-input', 'sin(x');
      // Enter shows its error at once (a pause would, a second later, and the
      // figure's summary would by then say this scene's start, which the
      // words after the switch back would repeat as "Start at …").
      await page.press('#expr-input', 'Enter');
      await settled(page);
      assert.match(await formulaError(page), /^第 6 列：缺少“\)”来闭合第 4 列的“sin\(”/);
    }
    const text = await pageWords(page);
    const english = JSON.parse(await page.evaluate((t) => window.wasmBindings.english_words(t), text));
    assert.deepEqual(english, [], `${what}: English left in 中文 mode: ${[...new Set(english)].join(', ')}`);
  }
  // Back to English: the same words as before.
  await page.evaluate((s) => window.wasmBindings.set_scene_json(s), JSON.stringify(ALL9));
  await page.selectOption('#lang', 'en');
  await settled(page);
  // The cards were rebuilt on the way (their "torch's other arguments"
  // disclosures closed again): open every panel as at the start.
  // (Not the Python code under "Show the code": code, not words.)
  for (const d of await page.locator('details:not(#pytorch-show)').all()) await d.evaluate((e) => { e.open = true; });
  assert.equal(await pageWords(page), before);
  assert.deepEqual(errors, []);
});

test('the language and the lesson survive the link, and 中文 renders at phone size', async (t) => {
  const { page } = await fresh(t, '?lesson=8&lang=zh', { width: 390, height: 844 });
  const url = page.url();
  const { page: again } = await fresh(t, url.slice(server.url.length));
  assert.deepEqual(await state(again), await state(page));
  assert.equal(await again.inputValue('#lang'), 'zh');
  assert.equal(await again.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), true, 'no horizontal scroll');
  assert.equal(await again.locator('#step-label').innerText(), '第 0 / 30 步');
});

test('中文 everywhere a message can come from: link notices, set_scene_json, the view fields, the embed code', async (t) => {
  // What the user typed is echoed as typed (zoom, keras, beta3, nope below).
  const TYPED = new Set(['zoom', 'keras', 'beta3', 'nope']);
  const noEnglish = async (page, what, text) => {
    assert.notEqual(text.trim(), '', `${what}: empty`);
    const english = JSON.parse(await page.evaluate((s) => window.wasmBindings.english_words(s), text)).filter((w) => !TYPED.has(w));
    assert.deepEqual(english, [], `${what}: English in 中文 mode: ${[...new Set(english)].join(', ')} in ${text}`);
  };
  // A link with a bad value of every kind the reader drops.
  const { page, errors } = await fresh(t, '?lang=zh&f=expr&expr=sin(x&opt=gd:lr=-1;adam:beta3=2&steps=5&t=9&zoom=3&view=1,2&conv=keras');
  assert.equal(await page.isVisible('#notice'), true);
  const notices = await page.locator('#notice').innerText();
  assert.match(notices, /第 6 列/);
  await noEnglish(page, 'link notices', notices);
  // A bad scene through the JavaScript API: the error is thrown in 中文.
  for (const bad of ['{"optimizers": [{"kind": "gd", "lr": -1}]}', '{"steps": 1e9}', '{"nope": 1}', '{"optimizers": [', '{"landscape": {"kind": "expr", "expr": "x +"}}']) {
    const msg = await page.evaluate((s) => {
      try { window.wasmBindings.set_scene_json(s); return ''; } catch (e) { return String(e.message ?? e); }
    }, bad);
    await noEnglish(page, `set_scene_json(${bad})`, msg);
  }
  // A refused view window, named in 中文.
  await page.fill('#view-fields input[data-view="x0"]', '5');
  await page.fill('#view-fields input[data-view="x1"]', '-5');
  await page.press('#view-fields input[data-view="x1"]', 'Enter');
  await settled(page);
  await noEnglish(page, 'view refusal', await page.locator('[id^="invalid-view-"]').innerText());
  // The embed code: its iframe title in 中文, and the figure opens in 中文.
  // (Not the Python code under "Show the code": code, not words.)
  for (const d of await page.locator('details:not(#pytorch-show)').all()) await d.evaluate((e) => { e.open = true; });
  await page.click('#copy-embed');
  const code = await page.locator('#embed-code').innerText();
  const title = code.match(/title="([^"]*)"/)?.[1] ?? '';
  await noEnglish(page, 'embed title', title);
  assert.match(code, /&lang=zh&embed"/);
  // The SVG download's legend speaks the page's language too.
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#export-svg')]);
  const svg = (await import('node:fs/promises').then((fs) => dl.path().then((p) => fs.readFile(p)))).toString('utf8');
  assert.match(svg, /梯度下降 η=0\.4/);
  const legend = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]).join('\n');
  await noEnglish(page, 'SVG legend', legend);
  assert.deepEqual(errors, []);
});
