// Start-up and the link (issue 16): the heatmap is painted before the rest
// of the page is built, what the user does in between is not lost, and
// the link — written just after the frame that shows a change — is right.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserSuite, open, openPage, settled, state } from './support.mjs';

const suite = browserSuite();

test('the first picture comes before the cards, and a change made in between is applied', async () => {
  const context = await suite.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.addInitScript(() => {
    new MutationObserver((_, obs) => {
      const plot = document.getElementById('plot');
      if (plot?.dataset.painted !== 'true') return;
      obs.disconnect();
      // What is there when the first picture is drawn.
      window.__atPaint = {
        ready: plot.dataset.ready ?? null,
        draws: Number(plot.dataset.draws),
        cards: document.querySelectorAll('#optimizers .opt-card').length,
        loadingHidden: document.getElementById('loading')?.hidden ?? true,
      };
      // A user typing a start x before the rest of the page is built.
      const x = document.getElementById('start-x');
      x.value = '-4';
      x.dispatchEvent(new Event('change', { bubbles: true }));
    }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-painted'] });
  });
  await page.goto(`${suite.server.url}?f=quadratic&a=0.1&b=2`);
  await page.waitForSelector('canvas#plot[data-ready="true"]', { timeout: 20000 });
  await settled(page);
  const at = await page.evaluate(() => window.__atPaint);
  assert.deepEqual(at, { ready: null, draws: 1, cards: 0, loadingHidden: true }, 'the heatmap alone, drawn once, over no loading panel');
  assert.ok(await page.locator('#optimizers .opt-card').count() >= 1, 'the cards are built after');
  const s = await state(page);
  assert.equal(s.scene.start[0], -4, 'the change waited in the queue and was applied');
  await page.waitForFunction(() => /[?&]start=-4,/.test(location.search), null, { timeout: 5000 });
  const again = await open(suite.browser, suite.server.url + (await page.evaluate(() => location.search)));
  assert.deepEqual((await state(again.page)).scene.start, s.scene.start, 'the link holds the change');
  assert.deepEqual([...errors, ...again.errors], []);
  await again.context.close();
  await context.close();
});

test('the wasm is compiled and the glue imported while the page is parsed, each fetched once', async () => {
  const context = await suite.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const fetched = [];
  const warnings = [];
  page.on('console', (m) => { if (m.type() !== 'log') warnings.push(m.text()); });
  page.on('request', (r) => {
    const name = new URL(r.url()).pathname.split('/').pop();
    if (/^gradscape(_bg\.wasm|\.js)$/.test(name)) fetched.push(name);
  });
  await page.addInitScript(() => {
    // When the compilation starts: during parsing (early.js in <head>),
    // not after it (boot.js, a module, runs once the page is parsed).
    const compile = WebAssembly.compileStreaming;
    WebAssembly.compileStreaming = function (...args) {
      (window.__compiles ??= []).push(document.readyState);
      return compile.apply(this, args);
    };
  });
  await page.goto(`${suite.server.url}?f=quadratic`);
  await page.waitForSelector('canvas#plot[data-ready="true"]', { timeout: 20000 });
  assert.deepEqual(await page.evaluate(() => window.__compiles), ['loading']);
  // The preloads' own requests are the ones used (same URL, mode and
  // integrity): nothing fetched twice.
  assert.deepEqual(fetched.sort(), ['gradscape.js', 'gradscape_bg.wasm']);
  assert.equal(await page.evaluate(() => 'gradscapeEarly' in globalThis), false, 'boot.js took the early start');
  // No console warning (Chromium warns of an integrity on an as="fetch"
  // preload, which it ignores: the build writes it as data-integrity).
  assert.deepEqual(warnings, []);
  await context.close();
});

test('a wasm whose bytes are not the build\'s is refused by its integrity check', async () => {
  const context = await suite.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const console = [];
  page.on('console', (m) => console.push(m.text()));
  await page.route('**/gradscape_bg.wasm', async (route) => {
    const real = await route.fetch();
    // Still a valid module: an empty custom section named "x" appended.
    const body = Buffer.concat([await real.body(), Buffer.from([0, 2, 1, 0x78])]);
    return route.fulfill({ status: 200, headers: { ...real.headers(), 'content-length': String(body.length) }, body });
  });
  await page.goto(`${suite.server.url}?f=quadratic`);
  await page.locator('#loading .loading-error').waitFor({ state: 'visible', timeout: 10000 });
  assert.ok(console.some((t) => /integrity/i.test(t)), console.join('\n'));
  assert.equal(await page.locator('#plot[data-painted="true"]').count(), 0, 'nothing drawn');
  await context.close();
});

test('a wasm sent as another type is fetched once more and starts; a missing one is fetched once and shown as an error', async () => {
  for (const [status, type] of [[200, 'application/octet-stream'], [404, 'text/plain']]) {
    const context = await suite.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    let fetched = 0;
    let asked = 0;
    await page.route('**/gradscape_bg.wasm', async (route) => {
      if (route.request().method() === 'HEAD') {
        asked += 1;
        return route.fulfill({ status, contentType: type, body: '' });
      }
      fetched += 1;
      if (status === 404) return route.fulfill({ status, contentType: type, body: 'gone' });
      const real = await route.fetch();
      return route.fulfill({ status, headers: { ...real.headers(), 'content-type': type }, body: await real.body() });
    });
    await page.goto(`${suite.server.url}?f=quadratic`);
    if (status === 200) {
      await page.waitForSelector('canvas#plot[data-ready="true"]', { timeout: 20000 });
      assert.equal(fetched, 2, 'the streaming compile refused it; its bytes fetched once more');
      assert.equal(asked, 0);
    } else {
      await page.locator('#loading .loading-error').waitFor({ state: 'visible', timeout: 10000 });
      // The integrity check refuses the 404's body as a whole ("Failed to
      // fetch"); a HEAD asks why, and the detail names the status and file.
      assert.match(await page.locator('#loading .loading-detail').innerText(), /404.*gradscape_bg\.wasm/);
      assert.equal(fetched, 1, 'not fetched again');
      assert.equal(asked, 1, 'its status asked for once');
    }
    await context.close();
  }
});

test('after a surface change the link is written once the frame is painted, and it is right', async () => {
  const { page, context, errors } = await open(suite.browser, suite.server.url + '?f=quadratic&a=0.1&b=2', { dpr: 1 });
  await settled(page);
  const r = await page.evaluate(async () => {
    const before = location.search;
    const el = document.querySelector('#surface-params input[data-key="a"]');
    el.value = '0.5';
    el.dispatchEvent(new Event('change', { bubbles: true }));
    const sameTask = location.search;
    // Two frames: painted, then the write that follows the paint.
    await new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(ok, 0))));
    return { before, sameTask, after: location.search };
  });
  assert.equal(r.sameTask, r.before, 'not written inside input → paint');
  assert.notEqual(r.after, r.before, 'written right after the paint');
  const s = await state(page);
  const again = await open(suite.browser, suite.server.url + r.after, { dpr: 1 });
  assert.deepEqual((await state(again.page)).scene, s.scene, 'the link opens the changed scene');
  assert.deepEqual([...errors, ...again.errors], []);
  await again.context.close();
  await context.close();
});

for (const [lang, query] of [['en', '?f=rosenbrock&lesson=2'], ['zh', '?f=rosenbrock&lesson=2&lang=zh']]) {
  test(`${lang}: the first picture is the one the built page shows, and its words are in place`, async (t) => {
    const init = () => {
      // The plot's pixels as a short digest (FNV-1a over every byte) and its size.
      const digest = () => {
        const c = document.getElementById('plot');
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let h = 0x811c9dc5;
        for (let i = 0; i < d.length; i++) h = Math.imul(h ^ d[i], 16777619) >>> 0;
        return `${c.width}×${c.height}:${h.toString(16)}`;
      };
      window.__digest = digest;
      new MutationObserver((_, obs) => {
        const plot = document.getElementById('plot');
        if (plot?.dataset.painted !== 'true') return;
        obs.disconnect();
        window.__atPaint = {
          pixels: digest(),
          tagline: document.querySelector('.tagline')?.textContent ?? '',
          kinds: [...document.querySelectorAll('#add-kind option')].map((o) => o.value),
        };
      }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-painted'] });
    };
    const { page, errors } = await openPage(suite.browser, t, suite.server.url + query, { init });
    await settled(page);
    const at = await page.evaluate(() => window.__atPaint);
    const now = await page.evaluate(() => window.__digest());
    assert.equal(at.pixels, now, 'the first picture and the built page\'s are the same pixels');
    const built = await page.evaluate(() => ({
      tagline: document.querySelector('.tagline').textContent,
      kind: document.getElementById('add-kind').value,
      kinds: [...document.querySelectorAll('#add-kind option')].map((o) => o.value),
      surface: document.getElementById('surface').value,
    }));
    assert.equal(built.surface, 'rosenbrock', 'the surface picker shows the scene\'s surface');
    assert.ok(built.kinds.length > 5 && built.kind === built.kinds[0], `the add picker holds the kinds, the first chosen: ${built.kind}`);
    if (lang === 'zh') {
      // Chinese before the first picture: no English word shows meanwhile.
      assert.match(at.tagline, /[\u4e00-\u9fff]/, `the tagline at the first picture: ${at.tagline}`);
      assert.deepEqual(at.kinds, built.kinds, 'the pickers are filled before the first picture');
    } else {
      assert.equal(built.tagline, at.tagline, 'an English page\'s markup words are its words');
    }
    assert.deepEqual(errors, []);
  });
}
