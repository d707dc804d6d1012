// Shared helpers of the browser end-to-end tests: a static server for dist/
// on loopback and a headless Debian Chromium driven by playwright-core.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

// Content types of the files the page and the bench serve.
export const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

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
export async function open(browser, url, { width = 1280, height = 800, dpr = 2 } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: dpr });
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

// Wait until the plot stops redrawing (a change has been drawn).
export async function settled(page) {
  for (let i = 0; i < 40; i++) {
    const a = await draws(page);
    await frames(page, 2);
    if ((await draws(page)) === a) return;
  }
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
