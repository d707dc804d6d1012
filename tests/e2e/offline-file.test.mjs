// The single offline file (scripts/offline.mjs run on ./dist into a temp
// folder, under a name with a space as a USB stick may have): opened from
// file:// in Chromium, it reads its link, draws, plays, exports, opens its
// panels, breaks no rule of its Content-Security-Policy and requests
// nothing but itself and data:/blob: URLs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launch, DIST, settled } from './support.mjs';
import { writeOffline } from '../../scripts/offline.mjs';

let dir, file, browser;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gradscape-offline-'));
  await mkdir(join(dir, 'USB stick'));
  file = join(dir, 'USB stick', 'gradscape.html');
  await writeOffline(DIST, file);
  browser = await launch();
});
after(async () => {
  await browser?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

// A page of the file with `query`, recording every request, console
// error, page error and CSP violation.
async function openFile(t, query, viewport = { width: 1280, height: 720 }) {
  const context = await browser.newContext({ viewport, acceptDownloads: true });
  t.after(() => context.close());
  const page = await context.newPage();
  const seen = { requests: [], errors: [], csp: [] };
  page.on('request', (r) => seen.requests.push(r.url()));
  page.on('console', (m) => {
    if (m.type() === 'error' || /Content.Security.Policy/i.test(m.text())) seen.errors.push(m.text());
  });
  page.on('pageerror', (e) => seen.errors.push(String(e)));
  await page.exposeFunction('reportCsp', (v) => seen.csp.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => window.reportCsp(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const url = pathToFileURL(file).href + query;
  await page.goto(url);
  await page.waitForSelector('canvas#plot[data-ready="true"]', { timeout: 20000 });
  await page.waitForFunction(() => typeof window.wasmBindings?.page_state === 'function');
  return { page, seen, url };
}
const state = async (page) => JSON.parse(await page.evaluate(() => window.wasmBindings.page_state()));

// Only the file itself (whatever its query) and in-memory URLs.
function onlyItself(seen) {
  const self = pathToFileURL(file).href;
  const other = seen.requests.filter((u) => u.split('?')[0] !== self && !u.startsWith('data:') && !u.startsWith('blob:'));
  assert.deepEqual(other, [], 'requests other than the file itself');
}

test('from file:// with ?lesson=2&lang=zh: draws, plays, exports, opens its panels, fetches nothing', async (t) => {
  const { page, seen } = await openFile(t, '?lesson=2&lang=zh');
  assert.ok(Number(await page.getAttribute('#plot', 'data-draws')) > 0, 'the canvas is drawn');
  let s = await state(page);
  assert.equal(s.lesson, 2, 'the lesson of the query string');
  assert.equal(s.lang, 'zh-CN', 'the language of the query string');
  assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
  assert.ok(s.runs.length > 0 && s.runs[0].points.length > 1);
  assert.equal(await page.isVisible('#loading'), false, 'the loading panel is gone');

  // Play from step 0: the step advances.
  await page.click('#reset');
  await settled(page);
  assert.equal((await state(page)).t, 0);
  await page.click('#play');
  await page.waitForFunction(() => JSON.parse(window.wasmBindings.page_state()).t >= 3);
  if ((await state(page)).playing) await page.click('#play');

  // Exports: each a download, with the content of its kind.
  await page.click('.share-panel > summary');
  const download = async (id) => {
    const [dl] = await Promise.all([page.waitForEvent('download'), page.click(`#${id}`)]);
    return { name: dl.suggestedFilename(), body: await readFile(await dl.path()) };
  };
  const png = await download('export-png');
  assert.match(png.name, /\.png$/);
  assert.equal(png.body.subarray(1, 4).toString('latin1'), 'PNG');
  const svg = await download('export-svg');
  assert.match(svg.name, /\.svg$/);
  assert.match(svg.body.toString('utf8'), /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  const csv = await download('export-csv');
  assert.match(csv.body.toString('utf8'), /^optimizer,step,x,y,loss\n/);
  const json = JSON.parse((await download('export-json')).body.toString('utf8'));
  s = await state(page);
  assert.deepEqual(json.runs.map((r) => r.points), s.runs.map((r) => r.points));

  // The panels: the EMA explainer, the sweeps, the optimizers' state.
  await page.evaluate(() => { document.getElementById('ema-panel').open = true; });
  await page.waitForSelector('#ema-weights[data-ready="true"]');
  await page.evaluate(() => { document.getElementById('sweep-panel').open = true; });
  await page.waitForSelector('#sweep-lr[data-stale="false"][data-ready="true"]');
  await page.waitForSelector('#sweep-map[data-ready="true"]', { state: 'attached' });
  if (!(await page.evaluate(() => document.getElementById('state-panel').open))) await page.click('#state-summary');
  await page.waitForSelector('#state-runs section.insp');
  assert.match(await page.textContent('#state-panel'), /[\u4e00-\u9fff]/, 'the state panel speaks Chinese');

  // The address bar keeps the link (replaceState on file://).
  await settled(page);
  assert.match(await page.evaluate(() => location.search), /lesson=2&lang=zh/);
  assert.deepEqual(seen.csp, [], 'CSP violations');
  assert.deepEqual(seen.errors, [], 'console errors');
  onlyItself(seen);
});

test('an embedded figure of the file: "open in gradscape" leads to the file itself', async (t) => {
  const { page, seen } = await openFile(t, '?opt=gd:lr=0.4&embed', { width: 480, height: 320 });
  assert.equal((await state(page)).scene.optimizers.length, 1);
  await settled(page);
  const href = await page.$eval('#open-full', (a) => a.href);
  const [path, query] = href.split('?');
  assert.equal(path, pathToFileURL(file).href);
  assert.match(query, /opt=gd:lr=0\.4/);
  assert.doesNotMatch(query, /embed/);
  assert.equal(await page.$eval('#crash-default', (a) => a.href), `${pathToFileURL(file).href}?`);
  assert.deepEqual(seen.csp, []);
  assert.deepEqual(seen.errors, []);
  onlyItself(seen);
});

test('the file\'s policy: no \'self\', nothing fetched, exactly its inline script and style allowed by hash', async () => {
  const html = await readFile(file, 'utf8');
  const csp = html.match(/<meta http-equiv="Content-Security-Policy"\s+content="([^"]*)"/)[1];
  const dir = Object.fromEntries(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
  assert.deepEqual(dir['default-src'], ["'none'"]);
  assert.ok(!csp.includes("'self'") && !csp.includes('unsafe-inline'), csp);
  const hash = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
  const scripts = [...html.matchAll(/<script\b[^>]*>([^]*?)<\/script>/g)];
  const styles = [...html.matchAll(/<style\b[^>]*>([^]*?)<\/style>/g)];
  assert.equal(scripts.length, 1);
  assert.equal(styles.length, 1);
  assert.deepEqual(dir['script-src'], [hash(scripts[0][1]), "'wasm-unsafe-eval'"]);
  assert.deepEqual(dir['style-src'], [hash(styles[0][1])]);
  // No file next to it is needed.
  assert.doesNotMatch(html, /\s(?:src|href)="(?:\.\/|[\w-]+\.(?:js|css|wasm))/);
});
