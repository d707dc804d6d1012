// The Chinese tables are data (dist/zh.json), not part of the wasm: an
// English page never fetches them until the language picker is touched; a
// lang=zh link fetches them with the wasm and its first words are Chinese;
// a switch to 中文 waits for them, with no English words under 中文; a
// missing file leaves a working page in English words.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserSuite } from './support.mjs';

const s = browserSuite();
const ZH_TITLE = 'gradscape：损失曲面上的优化算法';
const EN_TITLE = 'gradscape — optimizers on loss surfaces';

// A page of `query`; `route` may answer zh.json itself. The words of the
// page are recorded when the wasm has started (its first render is done by
// then), before anything else can reword it.
async function open(t, query, route) {
  const context = await s.browser.newContext({ viewport: { width: 1280, height: 800 } });
  t.after(() => context.close());
  const page = await context.newPage();
  const requests = [];
  const errors = [];
  page.on('request', (r) => requests.push(new URL(r.url()).pathname));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  if (route) await page.route('**/zh.json', route);
  await page.addInitScript(() => {
    addEventListener('TrunkApplicationStarted', () => {
      window.firstWords = {
        title: document.title,
        modified: document.querySelector('[data-i18n="lesson.modified"]')?.textContent,
        lang: document.documentElement.lang,
      };
    });
  });
  await page.goto(s.server.url + query);
  await page.waitForSelector('canvas#plot[data-ready="true"]');
  const zhRequests = () => requests.filter((p) => p.endsWith('/zh.json')).length;
  return { page, errors, zhRequests };
}

test('an English page does not fetch zh.json; a switch to 中文 fetches it once and words everything in Chinese', async (t) => {
  const { page, errors, zhRequests } = await open(t, '?lesson=1');
  assert.deepEqual(await page.evaluate(() => window.firstWords), { title: EN_TITLE, modified: 'modified', lang: 'en' });
  await page.waitForTimeout(300);
  assert.equal(zhRequests(), 0, 'no zh.json in the English first load');
  assert.equal(await page.evaluate(() => window.wasmBindings.zh_installed()), false);
  await page.selectOption('#lang', 'zh');
  await page.waitForFunction((t) => document.title === t, ZH_TITLE);
  assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
  assert.equal(await page.textContent('[data-i18n="lesson.modified"]'), '已修改');
  assert.equal(zhRequests(), 1);
  // Back and forth: no second fetch.
  await page.selectOption('#lang', 'en');
  await page.waitForFunction((t) => document.title === t, EN_TITLE);
  await page.selectOption('#lang', 'zh');
  await page.waitForFunction((t) => document.title === t, ZH_TITLE);
  assert.equal(zhRequests(), 1);
  assert.deepEqual(errors, []);
});

test('a lang=zh link fetches zh.json with the wasm: its first words are Chinese', async (t) => {
  for (const query of ['?lesson=1&lang=zh', '?lang=zh-CN']) {
    const { page, errors, zhRequests } = await open(t, query);
    assert.deepEqual(await page.evaluate(() => window.firstWords), { title: ZH_TITLE, modified: '已修改', lang: 'zh-CN' }, query);
    assert.equal(zhRequests(), 1, query);
    assert.equal(await page.inputValue('#lang'), 'zh', query);
    assert.deepEqual(errors, [], query);
  }
});

test('a switch to 中文 is held until the rows are in: never English words under 中文', async (t) => {
  let release;
  const held = new Promise((r) => (release = r));
  const { page, errors } = await open(t, '?lesson=1', async (route) => {
    const response = await route.fetch();
    await held;
    await route.fulfill({ response });
  });
  await page.selectOption('#lang', 'zh');
  await page.waitForTimeout(400);
  // Still wholly English while zh.json is on its way.
  assert.equal(await page.evaluate(() => document.title), EN_TITLE);
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  release();
  await page.waitForFunction((t) => document.title === t, ZH_TITLE);
  assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
  assert.equal(await page.textContent('[data-i18n="lesson.modified"]'), '已修改');
  assert.deepEqual(errors, []);
});

test('without zh.json a lang=zh page still starts and works, in English words', async (t) => {
  const { page, errors } = await open(t, '?lesson=1&lang=zh', (route) => route.fulfill({ status: 404, body: 'gone' }));
  const first = await page.evaluate(() => window.firstWords);
  assert.equal(first.lang, 'zh-CN');
  assert.equal(first.title, EN_TITLE, 'English text, never a key');
  const st = JSON.parse(await page.evaluate(() => window.wasmBindings.page_state()));
  assert.equal(st.runs.length, 1);
  assert.ok(await page.isHidden('#crash'));
  assert.ok(errors.some((e) => /zh\.json/.test(e)), errors.join('\n'));
  // A broken file is refused, not half installed.
  const refused = await page.evaluate(() => {
    try {
      window.wasmBindings.install_zh('[1]');
      return null;
    } catch (e) {
      return String(e);
    }
  });
  assert.match(refused, /zh\.json: not a JSON object/);
  assert.equal(await page.evaluate(() => window.wasmBindings.zh_installed()), false);
});

test('without zh.json a switch to 中文 still goes through, in English words, once', async (t) => {
  const { page, errors, zhRequests } = await open(t, '?lesson=1', (route) => route.fulfill({ status: 404, body: 'gone' }));
  const before = Number(await page.getAttribute('#plot', 'data-draws'));
  await page.selectOption('#lang', 'zh');
  await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
  await page.waitForTimeout(500);
  assert.equal(await page.evaluate(() => document.title), EN_TITLE, 'English text, never a key');
  assert.equal(zhRequests(), 1);
  // One switch, not a loop of held and resent events.
  const draws = Number(await page.getAttribute('#plot', 'data-draws'));
  assert.ok(draws - before <= 3, `${draws - before} draws`);
  assert.ok(errors.some((e) => /zh\.json/.test(e)), errors.join('\n'));
  // The next switch tries the file again.
  await page.selectOption('#lang', 'en');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  await page.selectOption('#lang', 'zh');
  await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
  assert.equal(zhRequests(), 2);
});
