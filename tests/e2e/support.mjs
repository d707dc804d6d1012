// Shared helpers of the browser end-to-end tests: a static server for dist/
// on loopback and a headless Debian Chromium driven by playwright-core.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import assert from 'node:assert/strict';
import { test, before, after } from 'node:test';
import { chromium } from 'playwright-core';
// Content types: one table for every server of the project.
import { TYPES } from '../../scripts/mime.mjs';

export const DIST = resolve(process.env.GRADSCAPE_DIST ?? 'dist');

// Serve `root` under the URL prefix `base` (e.g. '/' or '/notes/gradscape/'),
// with `headers` added to every response (e.g. a Content-Security-Policy)
// and `extra` files served from memory ({'/probe.js': 'text'}).
export async function serve(root = DIST, base = '/', headers = {}, extra = {}) {
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url, 'http://localhost');
      if (Object.hasOwn(extra, url.pathname)) {
        res.writeHead(200, { 'content-type': TYPES[extname(url.pathname)] ?? 'text/plain', ...headers });
        res.end(extra[url.pathname]);
        return;
      }
      if (!url.pathname.startsWith(base)) {
        res.writeHead(404).end('not found');
        return;
      }
      let rel = decodeURIComponent(url.pathname.slice(base.length)) || 'index.html';
      const path = normalize(join(root, rel));
      if (!path.startsWith(root)) {
        res.writeHead(403).end();
        return;
      }
      const file = (await stat(path)).isDirectory() ? join(path, 'index.html') : path;
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', ...headers });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}${base}`, close: () => new Promise((ok) => server.close(ok)) };
}

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
}

// Open the page, record console errors and page errors, wait for the first drawing.
export const open = (browser, url, { width = 1280, height = 800, dpr = 2 } = {}) =>
  opened(browser, { viewport: { width, height }, deviceScaleFactor: dpr }, url);

// A new context (`ctx`: viewport, touch, …), closed after test `t` when
// given, and its page at `url` with its console and page errors.
async function opened(browser, ctx, url, t) {
  const context = await browser.newContext(ctx);
  t?.after(() => context.close());
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(url);
  await page.waitForSelector('canvas#plot[data-ready="true"]', { timeout: 20000 });
  return { page, context, errors };
}

// Viridis (viridisLite's 10 colours at t = k/9), linearly interpolated: an
// independent statement of the documented colormap.
const VIRIDIS = ['#440154', '#482878', '#3e4989', '#31688e', '#26828e', '#1f9e89', '#35b779', '#6ece58', '#b5de2b', '#fde725']
  .map((h) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16)));
export function viridis(t) {
  const x = Math.min(1, Math.max(0, t)) * 9;
  const k = Math.min(8, Math.floor(x));
  const f = x - k;
  return VIRIDIS[k].map((c, i) => c + f * (VIRIDIS[k + 1][i] - c));
}

// The documented log scale: t = ln((f − lo + δ)/δ) / ln((hi − lo + δ)/δ), δ = (hi − lo)·1e-4.
export function logScale(lo, hi) {
  const d = (hi - lo) * 1e-4;
  return (f) => Math.log((Math.max(0, f - lo) + d) / d) / Math.log((hi - lo + d) / d);
}

export function hexRgb(h) {
  return [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16));
}

export function near(a, b, tol) {
  return a.every((v, i) => Math.abs(v - b[i]) <= tol);
}

// The page's state (scene, t, playing, runs) as the page reports it.
export const state = async (page) => JSON.parse(await page.evaluate(() => window.wasmBindings.page_state()));
// How many times the plot has been drawn.
export const draws = async (page) => Number(await page.getAttribute('#plot', 'data-draws'));
// Wait for n animation frames of the page.
export const frames = (page, n = 2) => page.evaluate((n) => new Promise((ok) => {
  const f = (k) => (k ? requestAnimationFrame(() => f(k - 1)) : ok());
  f(n);
}), n);

// Until no hint waits for its smaller η (reruns just after the paint, one
// hint a frame: diagnose/calmer.rs).
export const calmed = (page) => page.waitForFunction(() => document.getElementById('messages')?.dataset.calmer !== 'pending', null, { timeout: 20000 });

// Wait until the plot stops redrawing (a change has been drawn) and the
// messages are complete.
export async function settled(page) {
  for (let i = 0; i < 40; i++) {
    const a = await draws(page);
    await frames(page, 2);
    if ((await draws(page)) === a) break;
  }
  await calmed(page);
}

// The formula box's error once it shows: the error of an unfinished
// formula waits for a pause in the typing (or Enter), so a test that types
// a bad formula waits for its message. (Input is handled synchronously: just
// after a `fill` the box shows no error, so this waits for the new one.)
export async function formulaError(page) {
  await page.waitForFunction(() => document.getElementById('expr-input').getAttribute('aria-invalid') === 'true'
    && document.getElementById('expr-error').textContent !== '');
  return page.locator('#expr-error').innerText();
}

// A fresh page of `url` for test `t` (closed after it), its console errors
// collected, ready when the plot is drawn and the wasm exports are there.
// `init` runs in the page before its own scripts.
export async function openPage(browser, t, url, { viewport = { width: 1280, height: 800 }, dpr = 1, init } = {}) {
  const context = await browser.newContext({ viewport, deviceScaleFactor: dpr });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  if (init) await page.addInitScript(init);
  t.after(() => context.close());
  await page.goto(url);
  await page.waitForSelector('canvas#plot[data-ready="true"]', { timeout: 20000 });
  await page.waitForFunction(() => typeof window.wasmBindings?.page_state === 'function');
  return { page, errors };
}

// A page in a context of its own (`ctx`: viewport, touch, …) at `url`,
// closed after test `t`, once the plot is ready.
export const openIn = (browser, t, ctx, url) => opened(browser, ctx, url, t);

// Everything the DOM says: visible and hidden text, form values, attributes.
export const domText = (page) => page.evaluate(() => {
  const parts = [document.title, document.body.innerText];
  const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walk.nextNode(); n; n = walk.nextNode()) {
    const p = n.parentElement?.tagName;
    if (p !== 'SCRIPT' && p !== 'STYLE') parts.push(n.data);
  }
  for (const el of document.querySelectorAll('*')) {
    if (typeof el.value === 'string') parts.push(el.value);
    for (const a of el.attributes) parts.push(a.value);
  }
  return parts.join('\n');
});

// No NaN, no Infinity, no inf anywhere in the DOM; no undefined or null in
// the visible text.
export async function assertNoBadNumbers(page, where) {
  const text = await domText(page);
  for (const bad of [/NaN/, /Infinity/, /\b-?inf\b/i]) {
    const m = text.match(bad);
    assert.equal(m, null, `${where}: the DOM shows ${m?.[0]} in …${m ? text.slice(Math.max(0, m.index - 80), m.index + 40) : ''}…`);
  }
  const shown = await page.evaluate(() => document.body.innerText);
  assert.doesNotMatch(shown, /\bundefined\b|\bnull\b/, `${where}: the page text shows undefined/null`);
}

// ------------------------------------------------------- the playground suites

// The live playground, driven as a student would drive it
// (tests/e2e/playground-*.test.mjs). Call at the top of a suite file: one
// static server and one browser for the file (its before/after hooks),
// `fresh(t)` opening a fresh page on them whose console errors are
// collected, and `noConsoleErrors()` to call after the file's last test:
// every page the file opened must stay free of console errors.
// One static server and one browser for a test file (its before/after
// hooks); `suite.server.url`, `suite.browser` once the tests run.
export function browserSuite() {
  const s = { server: null, browser: null };
  before(async () => {
    s.server = await serve();
    s.browser = await launch();
  });
  after(async () => {
    await s.browser?.close();
    await s.server?.close();
  });
  return s;
}

export function playgroundSuite() {
  const s = browserSuite();
  const allErrors = [];

  async function fresh(t, ctx = {}) {
    const context = await s.browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 2, ...ctx });
    const page = await context.newPage();
    const errors = [];
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    page.on('pageerror', (e) => errors.push(String(e)));
    allErrors.push({ test: t.name, errors });
    t.after(() => context.close());
    await page.goto(s.server.url);
    await page.waitForSelector('canvas#plot[data-ready="true"]', { timeout: 20000 });
    await page.waitForFunction(() => typeof window.wasmBindings?.page_state === 'function');
    return { page, errors };
  }

  const noConsoleErrors = () => consoleErrorsTest(allErrors);

  return { fresh, noConsoleErrors };
}

// The last test of a playground suite file.
const consoleErrorsTest = (allErrors) => test('no console errors in any of the pages above', () => {
  const bad = allErrors.filter((e) => e.errors.length);
  assert.deepEqual(bad, []);
});

// Wait until the plot has been redrawn after `before` and the redraws stopped.
export async function settle(page, before) {
  try {
    await page.waitForFunction((b) => Number(document.getElementById('plot').dataset.draws) > b, before, { timeout: 20000 });
  } catch (e) {
    throw new assert.AssertionError({ message: `the page did not redraw within 20 s of the change (frozen, or no redraw): ${e.message.split('\n')[0]}` });
  }
  for (let i = 0; i < 30; i++) {
    const a = await draws(page);
    await frames(page, 2);
    if ((await draws(page)) === a) break;
  }
  await calmed(page);
}

export async function act(page, fn) {
  const d = await draws(page);
  await fn();
  await settle(page, d);
}

export const setScene = (page, scene) => act(page, () => page.evaluate((s) => window.wasmBindings.set_scene_json(s), JSON.stringify(scene)));

// Open every card's "torch's other arguments" disclosure, as a user would
// to reach those keys (a rebuilt card keeps it open).
export const openExtras = (page) => page.evaluate(() => {
  for (const d of document.querySelectorAll('#optimizers details.extras')) d.open = true;
});

// setScene, then open the disclosures.
export async function setSceneOpen(page, scene) {
  await setScene(page, scene);
  await openExtras(page);
}

// A hash of every device pixel of a canvas.
export const canvasHash = (page, id = 'plot') => page.evaluate((id) => {
  const c = document.getElementById(id);
  const d = new Uint32Array(c.getContext('2d').getImageData(0, 0, c.width, c.height).data.buffer);
  let h = 2166136261 >>> 0;
  for (let i = 0; i < d.length; i++) h = Math.imul(h ^ d[i], 16777619) >>> 0;
  return `${c.width}x${c.height}:${h.toString(16)}`;
}, id);

// Set a range input as a drag does: new value, then an 'input' event.
export const slide = (loc, value) => loc.evaluate((el, v) => {
  el.value = String(v);
  el.dispatchEvent(new Event('input', { bubbles: true }));
}, value);

// Type a value into a number field and commit it with Enter.
export async function type(loc, text) {
  await loc.fill(String(text));
  await loc.press('Enter');
}

export function assertFinitePoints(s, where) {
  s.runs.forEach((r, i) => {
    assert.ok(r.points.length >= 1, `${where}: run ${i} has no points`);
    for (const p of r.points) assert.ok(p.every(Number.isFinite), `${where}: run ${i} has a non-finite point ${p}`);
    for (const l of r.loss) assert.ok(Number.isFinite(l), `${where}: run ${i} has a non-finite loss ${l}`);
  });
}

export async function geometry(page) {
  return page.evaluate(() => {
    const c = document.getElementById('plot');
    const r = c.getBoundingClientRect();
    const [x0, x1, y0, y1] = c.dataset.view.split(',').map(Number);
    return { left: r.left, top: r.top, w: r.width, h: r.height, x0, x1, y0, y1 };
  });
}

export const toPx = (g, [x, y]) => [(x - g.x0) / (g.x1 - g.x0) * g.w, (g.y1 - y) / (g.y1 - g.y0) * g.h];

// A circle (x, y, r) against a box [x, y, w, h]: do they overlap?
export const hits = ([cx, cy, r], [x, y, w, h]) => {
  const dx = Math.max(x - cx, 0, cx - (x + w));
  const dy = Math.max(y - cy, 0, cy - (y + h));
  return Math.hypot(dx, dy) < r;
};

export const toWorld = (g, [px, py]) => [g.x0 + px / g.w * (g.x1 - g.x0), g.y1 - py / g.h * (g.y1 - g.y0)];

// A CSS point of the canvas (relative to its box) where the canvas itself is
// hit (no overlaid button), at least `away` px from each point of `avoid`.
export async function freeCanvasPoint(page, fracs, avoid = [], away = 40) {
  const g = await geometry(page);
  for (const [fx, fy] of fracs) {
    const p = [fx * g.w, fy * g.h];
    if (avoid.some((q) => Math.hypot(q[0] - p[0], q[1] - p[1]) < away)) continue;
    const hit = await page.evaluate(([x, y]) => document.elementFromPoint(x, y)?.id, [g.left + p[0], g.top + p[1]]);
    if (hit === 'plot') return p;
  }
  throw new Error('no free point on the canvas');
}

export const KINDS = ['gd', 'momentum', 'adagrad', 'rmsprop', 'adam', 'adam_l2', 'adamw', 'nadam', 'adadelta', 'adamax', 'radam', 'rprop', 'lion'];

export const PARAMS = {
  gd: ['lr', 'lambda'],
  momentum: ['lr', 'gamma', 'dampening', 'lambda'],
  adagrad: ['lr', 'eps', 'lr_decay', 'initial_accumulator_value', 'lambda'],
  rmsprop: ['lr', 'gamma', 'eps', 'momentum', 'lambda'],
  adam: ['lr', 'beta1', 'beta2', 'eps'],
  adam_l2: ['lr', 'beta1', 'beta2', 'eps', 'lambda'],
  adamw: ['lr', 'beta1', 'beta2', 'eps', 'lambda'],
  nadam: ['lr', 'beta1', 'beta2', 'eps', 'momentum_decay', 'lambda'],
  adadelta: ['lr', 'gamma', 'eps'],
  adamax: ['lr', 'beta1', 'beta2', 'eps', 'lambda'],
  radam: ['lr', 'beta1', 'beta2', 'eps', 'lambda'],
  rprop: ['lr'],
  lion: ['lr', 'beta1', 'beta2', 'lambda'],
};

export function label(kind, p) {
  if (p === 'gamma') return { momentum: 'γ momentum', rmsprop: 'γ decay', adadelta: 'ρ decay' }[kind];
  if (kind === 'lion' && p === 'beta1') return "β1 update's momentum weight";
  if (kind === 'lion' && p === 'beta2') return 'β2 momentum decay';
  return {
    lr: 'η learning rate', beta1: 'β1 first-moment decay', beta2: 'β2 second-moment decay', eps: 'ε epsilon',
    lambda: 'λ weight decay', momentum_decay: 'ψ momentum decay', dampening: 'τ dampening',
    lr_decay: 'κ learning-rate decay', initial_accumulator_value: 's₀ initial accumulator', momentum: 'μ momentum',
  }[p];
}

export const ADAM = { lr: 0.1, beta1: 0.9, beta2: 0.999, eps: 1e-6 };

export const ADAM_T = { lr: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8 };

export const DEFAULTS = {
  d2l: {
    gd: { lr: 0.4 }, momentum: { lr: 0.4, gamma: 0.5 }, adagrad: { lr: 0.4, eps: 1e-6 }, rmsprop: { lr: 0.4, gamma: 0.9, eps: 1e-6 },
    adam: ADAM, adam_l2: { ...ADAM, lambda: 0.01 }, adamw: { ...ADAM, lambda: 0.01 },
    nadam: { lr: 0.1, beta1: 0.9, beta2: 0.999, eps: 1e-8, momentum_decay: 0.004 }, adadelta: { lr: 1, gamma: 0.9, eps: 1e-5 },
    adamax: { ...ADAM, lr: 0.1, eps: 1e-8 }, radam: { ...ADAM, lr: 0.1, eps: 1e-8 }, rprop: { lr: 0.1 },
    lion: { lr: 0.1, beta1: 0.9, beta2: 0.99 },
  },
  pytorch: {
    gd: { lr: 1e-3 }, momentum: { lr: 1e-3, gamma: 0.9 }, adagrad: { lr: 1e-2, eps: 1e-10 }, rmsprop: { lr: 1e-2, gamma: 0.99, eps: 1e-8 },
    adam: ADAM_T, adam_l2: { ...ADAM_T, lambda: 0.01 }, adamw: { ...ADAM_T, lambda: 0.01 },
    nadam: { lr: 2e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8, momentum_decay: 0.004 }, adadelta: { lr: 1, gamma: 0.9, eps: 1e-6 },
    adamax: { ...ADAM_T, lr: 2e-3 }, radam: ADAM_T, rprop: { lr: 1e-2 }, lion: { lr: 1e-4, beta1: 0.9, beta2: 0.99 },
  },
};

// torch's extra arguments default to 0 (off) in every kind and convention.
for (const conv of Object.values(DEFAULTS)) {
  for (const [kind, params] of Object.entries(PARAMS)) {
    for (const p of params) if (!(p in conv[kind])) conv[kind][p] = 0;
  }
}

// The value an optimizer of the scene uses for `p` (given, or the convention's default).
export const eff = (scene, i, p) => scene.optimizers[i][p] ?? DEFAULTS[scene.convention ?? 'd2l'][scene.optimizers[i].kind][p];

// Every kind at its defaults, but Lion at η = 0.3: at its default 0.1 it
// glides down the bowl without ever crossing x2 = 0 in 20 steps, so the sign
// of its momentum — all Lion uses — does not depend on β1 or β2. And NAdam
// with decoupled decay: on the separable bowl g + λ·x = (2a + λ)·x only
// rescales each coordinate's gradient, which NAdam's normalisation undoes,
// so a coupled λ moves its trail by less than a pixel; Adamax and RAdam
// likewise unless ε is not negligible beside |g|.
const ALL9_EXTRA = { lion: { lr: 0.3 }, nadam: { decoupled: true }, adamax: { eps: 0.1 }, radam: { eps: 0.1 } };
export const ALL9 = { optimizers: KINDS.map((kind) => ({ kind, ...(ALL9_EXTRA[kind] ?? {}) })) };

export const closeTo = (a, b, rel) => Math.abs(a - b) <= rel * Math.abs(b) + 1e-15;

export const card = (page, i) => page.locator(`#optimizers section.opt-card[data-index="${i}"]`);

export const numberOf = (page, i, p) => card(page, i).locator(`input.num[data-param="${p}"]`);

// Every card's number fields show the values its optimizer uses.
export async function assertCardsShowScene(page, s, where) {
  for (let i = 0; i < s.scene.optimizers.length; i++) {
    const kind = s.scene.optimizers[i].kind;
    for (const p of PARAMS[kind]) {
      const shown = Number(await numberOf(page, i, p).inputValue());
      const want = eff(s.scene, i, p);
      assert.ok(closeTo(shown, want, 0.02), `${where}: card ${i} (${kind}) ${p} field shows ${shown}, the scene uses ${want}`);
    }
  }
}

export const noErrors = (errors) => assert.deepEqual(errors, [], 'console errors');
