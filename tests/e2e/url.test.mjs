// The address bar carries the scene: opening a link shows exactly that
// scene; every change rewrites the link (replaceState); bad values are
// dropped with a visible, dismissable notice naming them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch } from './support.mjs';

let server, browser;
before(async () => {
  server = await serve();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

async function openAt(query) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(server.url + query);
  await page.waitForSelector('canvas#plot[data-ready="true"]');
  const state = async () => JSON.parse(await page.evaluate(() => window.wasmBindings.page_state()));
  return { page, context, errors, state };
}

test('a hand-written link opens exactly its scene, without a notice', async () => {
  const { page, context, errors, state } = await openAt('?f=quadratic&a=0.1&b=2&start=-5,-2&opt=gd:lr=0.6;momentum:lr=0.6,gamma=0.5&t=7');
  const s = await state();
  assert.deepEqual(s.scene.optimizers.map((o) => [o.kind, o.lr]), [['gd', 0.6], ['momentum', 0.6]]);
  assert.equal(s.scene.optimizers[1].gamma, 0.5);
  assert.equal(s.t, 7);
  assert.equal(await page.getAttribute('#plot', 'data-t'), '7');
  assert.equal(await page.isVisible('#notice'), false);
  assert.equal(await page.getAttribute('#legend li[data-index="0"]', 'data-health'), 'diverging');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a lesson, language or presenter value the page does not know is said, not silently dropped', async () => {
  const { page, context, errors, state } = await openAt('?lesson=99&lang=fr');
  assert.equal(await page.isVisible('#notice'), true);
  const text = await page.locator('#notice').innerText();
  for (const needle of [/lesson: must be a lesson from 1 to 15 \(got "99"\)/, /lang: must be en or zh \(got "fr"\)/]) assert.match(text, needle);
  const s = await state();
  assert.equal(s.lesson, null);
  assert.equal(s.lang, 'en');
  await context.close();
  // Presenting, the page shows no link notices (the projector's picture);
  // the list still holds it.
  const pr = await openAt('?present=maybe');
  assert.equal(await pr.page.evaluate(() => document.body.classList.contains('present')), true, 'present=maybe is taken as on');
  assert.match(await pr.page.locator('#notice-list').textContent(), /present: must be empty, 1, true, 0 or false \(got "maybe"\); taken as on/);
  await pr.context.close();
  // 中文, and good values say nothing.
  const zh = await openAt('?lesson=0&lang=zh');
  assert.match(await zh.page.locator('#notice').innerText(), /lesson：应为 1 到 15 的课号（输入为“0”）/);
  await zh.context.close();
  const ok = await openAt('?lesson=15&lang=zh-CN&present=1');
  assert.equal(await ok.page.isVisible('#notice'), false);
  await ok.context.close();
  assert.deepEqual([...errors, ...pr.errors, ...zh.errors, ...ok.errors], []);
});

test('bad and unknown values are dropped with a notice naming them, and the page stays valid', async () => {
  const { page, context, errors, state } = await openAt('?f=rosenbrock&start=1e300,2&steps=999999&opt=adam:lr=-1,beta3=2;warp:lr=1;gd:lr=0.01&zoom=3');
  assert.equal(await page.isVisible('#notice'), true);
  const text = await page.locator('#notice').innerText();
  for (const needle of ['start', 'steps', 'beta3', 'optimizers[0].lr', 'warp', 'zoom']) assert.ok(text.includes(needle), `${needle} not named in: ${text}`);
  const s = await state();
  assert.equal(s.scene.landscape.kind, 'rosenbrock');
  assert.deepEqual(s.scene.start, [-1.5, 2]);
  assert.equal(s.scene.steps, 20);
  assert.deepEqual(s.scene.optimizers.map((o) => o.kind), ['adam', 'gd']);
  assert.equal(s.runs.length, 2);
  await page.click('#notice-close');
  assert.equal(await page.isVisible('#notice'), false);
  assert.doesNotMatch(await page.locator('body').innerText(), /NaN|Infinity/);
  assert.deepEqual(errors, []);
  await context.close();
});

// A bad view lost the whole link: "view.x … ignored", "view.x: is
// required", then the default scene.
test('a bad view drops the view only, with one notice, in English and 中文', async () => {
  for (const [view, en, zh] of [
    ['5,-5,0,1', 'view.x: must be [min, max] with max − min ≥ 1e-9 (got [5, -5]); ignored', 'view.x：必须是 [min, max] 且 max − min ≥ 1e-9（输入为 [5, -5]）；已忽略'],
    ['-2,2,-1,abc', 'view.y[1]: must be a finite number with |x| ≤ 1e12 (got "abc"); ignored', 'view.y[1]：必须是满足 |x| ≤ 1e12 的有限数（输入为 “abc”）；已忽略'],
  ]) {
    for (const [lang, words] of [['', en], ['&lang=zh', zh]]) {
      const q = `?f=rosenbrock&steps=50&opt=adam:lr=0.05&view=${view}${lang}`;
      const { page, context, errors, state } = await openAt(q);
      assert.deepEqual(await page.locator('#notice-list li').allInnerTexts(), [words], q);
      const s = await state();
      assert.equal(s.scene.landscape.kind, 'rosenbrock', q);
      assert.equal(s.scene.steps, 50, q);
      assert.deepEqual(s.scene.optimizers.map((o) => [o.kind, o.lr]), [['adam', 0.05]], q);
      assert.equal(s.scene.view ?? null, null, `${q}: the surface's own view`);
      assert.deepEqual(errors, []);
      await context.close();
    }
  }
});

// An empty opt= opened a page without runs and without a word.
test('an empty opt= is said in English and 中文, the default optimizers shown; opt=none is the surface alone', async () => {
  for (const [lang, words] of [
    ['', 'opt: must name an optimizer, or be none for the surface alone (got ""); the default optimizers are shown'],
    ['&lang=zh', 'opt：应写出至少一个优化器，只看曲面时写 none（输入为“”）；显示默认的优化器'],
  ]) {
    const q = `?f=rosenbrock&steps=30&opt=${lang}`;
    const { page, context, errors, state } = await openAt(q);
    assert.deepEqual(await page.locator('#notice-list li').allInnerTexts(), [words], q);
    const s = await state();
    assert.deepEqual(s.scene.optimizers.map((o) => o.kind), ['gd', 'momentum'], q);
    assert.equal(s.scene.steps, 30, q);
    assert.equal(s.runs.length, 2, q);
    assert.deepEqual(errors, []);
    await context.close();
  }
  // Every card removed: the link says opt=none, and opens as it was left.
  const { page, context, errors, state } = await openAt('?f=rosenbrock&steps=30');
  for (let i = 0; i < 2; i++) await page.locator('section.opt-card[data-index="0"] button.remove-opt').click();
  await page.waitForFunction(() => new URLSearchParams(location.search).get('opt') === 'none');
  const query = await page.evaluate(() => location.search);
  await context.close();
  const again = await openAt(query);
  assert.equal(await again.page.isVisible('#notice'), false, query);
  assert.deepEqual((await again.state()).scene.optimizers, [], query);
  assert.deepEqual([...errors, ...again.errors], []);
  await again.context.close();
});

test('every change rewrites the link, and the rewritten link reproduces the page', async () => {
  const { page, context, state } = await openAt('');
  const historyLength = await page.evaluate(() => history.length);
  await page.locator('section.opt-card[data-index="0"] input.num[data-param=lr]').fill('0.3');
  await page.waitForFunction(() => location.search.includes('gd:lr=0.3'));
  await page.locator('#surface').selectOption('himmelblau');
  await page.waitForFunction(() => location.search.includes('f=himmelblau'));
  await page.click('#step-back');
  const first = await state();
  // The link is written after the paint (coalesced per frame): wait for
  // it rather than read it at once (a loaded machine paints later).
  await page.waitForFunction((t) => new URLSearchParams(location.search).get('t') === String(t), first.t);
  const query = await page.evaluate(() => location.search);
  assert.match(query, new RegExp(`t=${first.t}`));
  assert.equal(await page.evaluate(() => history.length), historyLength, 'no history entries are added');
  await context.close();
  const again = await openAt(query);
  const second = await again.state();
  assert.deepEqual(second.scene, first.scene);
  assert.equal(second.t, first.t);
  assert.deepEqual(second.runs.map((r) => r.points), first.runs.map((r) => r.points));
  assert.equal(await again.page.evaluate(() => location.search), query);
  await again.context.close();
});

test('every seed figure (examples/scenes) round-trips through its link: open → read back → same link', async () => {
  const { readdir, readFile } = await import('node:fs/promises');
  const files = (await readdir('examples/scenes')).filter((f) => f.endsWith('.json'));
  assert.ok(files.length >= 9);
  const { page, context } = await openAt('');
  for (const f of files) {
    const text = await readFile(`examples/scenes/${f}`, 'utf8');
    await page.evaluate((t) => window.wasmBindings.set_scene_json(t), text);
    const query = await page.evaluate(() => location.search);
    const want = JSON.parse(await page.evaluate(() => window.wasmBindings.page_state()));
    const again = await openAt(query);
    const got = await again.state();
    assert.deepEqual(got.scene, want.scene, f);
    assert.equal(got.t, want.t, f);
    assert.equal(await again.page.evaluate(() => location.search), query, f);
    assert.equal(await again.page.isVisible('#notice'), false, f);
    await again.context.close();
  }
  await context.close();
});

test('a lesson link passed on by WeChat opens the lesson itself, without a notice', async () => {
  // WeChat adds from=…&isappinstalled=0: the lesson's caption stood over the
  // default scene, marked changed, with two notices.
  const plain = await openAt('?lesson=8&lang=zh');
  const want = (await plain.state()).scene;
  await plain.context.close();
  const { page, context, errors, state } = await openAt('?lesson=8&lang=zh&from=singlemessage&isappinstalled=0');
  const s = await state();
  assert.equal(s.lesson, 8);
  assert.deepEqual(s.scene, want, "lesson 8's own scene");
  assert.equal(await page.isVisible('#notice'), false);
  assert.equal(await page.evaluate(() => document.getElementById('state-panel').open), true, 'its state panel open');
  assert.deepEqual(errors, []);
  await context.close();
});

test("a link without lang opens in the browser's language; a language picked is kept in the link", async () => {
  // A Chinese-first student's ?lesson=3 opened in English.
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const state = async () => JSON.parse(await page.evaluate(() => window.wasmBindings.page_state()));
  await page.goto(server.url + '?lesson=3');
  await page.waitForSelector('canvas#plot[data-ready="true"]');
  assert.equal((await state()).lang, 'zh-CN');
  assert.match(await page.evaluate(() => document.documentElement.lang), /^zh/);
  assert.match(await page.locator('#lesson-caption').innerText(), /动量/);
  await page.waitForFunction(() => location.search.includes('lang=zh'));
  // English picked on a Chinese browser: the link says so, and a reload keeps it.
  await page.selectOption('#lang', 'en');
  await page.waitForFunction(() => location.search.includes('lang=en'));
  await page.reload();
  await page.waitForSelector('canvas#plot[data-ready="true"]');
  assert.equal((await state()).lang, 'en');
  // A link that says lang=en keeps saying it (it was dropped on the rewrite).
  await page.goto(server.url + '?lesson=1&lang=en');
  await page.waitForSelector('canvas#plot[data-ready="true"]');
  await page.waitForFunction(() => location.search.includes('t='));
  assert.match(page.url(), /[?&]lang=en(&|$)/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('on an English browser, English chosen (the link, the picker) stays in the link; taken from the browser, it is left out', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const settled = async () => {
    await page.waitForSelector('canvas#plot[data-ready="true"]');
    await page.waitForFunction(() => location.search.includes('t='));
  };
  // Not chosen: each reader's own language.
  await page.goto(server.url + '?lesson=3');
  await settled();
  assert.doesNotMatch(page.url(), /lang=/);
  // The link chose it: an author's copy opens in English for a Chinese-first student too.
  await page.goto(server.url + '?lesson=3&lang=en');
  await settled();
  assert.match(page.url(), /[?&]lang=en(&|$)/);
  // Picked: 中文 and back to English.
  await page.goto(server.url + '?lesson=3');
  await settled();
  await page.selectOption('#lang', 'zh');
  await page.waitForFunction(() => location.search.includes('lang=zh'));
  await page.selectOption('#lang', 'en');
  await page.waitForFunction(() => location.search.includes('lang=en'));
  assert.deepEqual(errors, []);
  await context.close();
});

test('a link whose every optimizer is a typo shows the default ones and says so', async () => {
  const { page, context, errors, state } = await openAt('?opt=sgd:lr=0.1&lang=zh');
  assert.ok((await state()).scene.optimizers.length >= 1, 'not an empty figure');
  assert.match(await page.locator('#notice').innerText(), /显示默认的优化器/);
  assert.deepEqual(errors, []);
  await context.close();
});

// A student's "link to a figure" brings the panel that explains it (a
// shared link had opened with every panel closed, the state panel's
// arrows and tables gone): open=ema,sweep,state, written as the panels
// are opened and closed, read when a link is opened.
test('open= opens the explainers it names, and the link follows the panels opened and closed', async () => {
  const ids = ['ema-panel', 'sweep-panel', 'state-panel'];
  const opened = (page) => page.evaluate((ids) => ids.map((id) => document.getElementById(id).open), ids);
  const link = async (page, want) => {
    await page.waitForFunction((w) => (new URLSearchParams(location.search).get('open') ?? '') === w, want);
    return page.evaluate(() => location.search);
  };
  const { page, context, errors } = await openAt('?opt=gd;adam&open=state,SWEEP');
  assert.deepEqual(await opened(page), [false, true, true]);
  // The state panel drew its tables; the link writes the page's order.
  await page.waitForSelector('#state-runs .insp');
  await link(page, 'sweep,state');
  assert.equal(await page.isVisible('#notice'), false);
  await page.evaluate(() => { document.getElementById('ema-panel').open = true; });
  await link(page, 'ema,sweep,state');
  await page.evaluate(() => { for (const id of ['sweep-panel', 'state-panel']) document.getElementById(id).open = false; });
  const q = await link(page, 'ema');
  // The link opens what it says.
  const again = await openAt(q);
  assert.deepEqual(await opened(again.page), [true, false, false]);
  await again.context.close();
  assert.deepEqual(errors, []);
  await context.close();
  // A lesson's own panel is the lesson's: not written; a name that is no
  // panel is said; an embedded figure and a teacher's hide= keep theirs closed.
  const l8 = await openAt('?lesson=8');
  assert.deepEqual(await opened(l8.page), [false, false, true]);
  await l8.page.waitForTimeout(400);
  assert.equal(new URLSearchParams(await l8.page.evaluate(() => location.search)).get('open'), null);
  await l8.context.close();
  const bad = await openAt('?open=ema,panels&lang=zh');
  assert.deepEqual(await opened(bad.page), [true, false, false]);
  assert.match(await bad.page.locator('#notice').innerText(), /open：“panels”不是面板（ema、sweep、state）；已忽略/);
  await bad.context.close();
  for (const q of ['?open=state&embed', '?open=state,sweep&hide=state,explain']) {
    const o = await openAt(q);
    assert.deepEqual(await opened(o.page), [false, false, false], q);
    assert.deepEqual(o.errors, [], q);
    await o.context.close();
  }
});
