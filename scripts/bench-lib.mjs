// The browser half of `make bench`, shared by scripts/bench.mjs (the full
// run that writes BENCHMARKS.md) and tests/e2e/bench.test.mjs (a 2-repetition
// smoke run that checks the figures exist). No timing is asserted anywhere.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { extname, join, normalize, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { TYPES } from '../tests/e2e/support.mjs';


export const ROOT = resolve(new URL('..', import.meta.url).pathname);

// The seven optimizers of the slider benchmark (benches/race-7x1000.json).
export const RACE =
  'f=rosenbrock&opt=gd:lr=0.001;momentum:lr=0.001,gamma=0.9;adagrad:lr=0.5;' +
  'rmsprop:lr=0.01,gamma=0.9;adam:lr=0.05;adam_l2:lr=0.05,lambda=0.01;adamw:lr=0.05,lambda=0.01';

// A loopback server: `mounts` maps URL prefixes to folders, longest first.
// Cross-origin isolated (COOP/COEP), so performance.now() has a 5 µs grain.
export async function serveMounts(mounts) {
  const list = Object.entries(mounts).sort((a, b) => b[0].length - a[0].length);
  const server = createServer(async (req, res) => {
    try {
      const path = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
      const [prefix, dir] = list.find(([p]) => path.startsWith(p)) ?? [];
      if (!dir) return void res.writeHead(404).end();
      const file0 = normalize(join(dir, path.slice(prefix.length) || 'index.html'));
      if (!file0.startsWith(dir)) return void res.writeHead(403).end();
      const file = (await stat(file0)).isDirectory() ? join(file0, 'index.html') : file0;
      const body = await readFile(file);
      res.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'cross-origin-opener-policy': 'same-origin',
        'cross-origin-embedder-policy': 'require-corp',
        'cache-control': 'no-store',
      });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((ok) => server.close(ok)) };
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

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  if (!n) return NaN;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

async function newPage(browser) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 2 });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  return { context, page, errors };
}

// The bench page (www/bench/) against the wasm of the build served at `base`.
export async function benchPage(browser, base, { reps, warmup }) {
  const { context, page, errors } = await newPage(browser);
  await page.goto(`${base}/bench/?reps=${reps}&warmup=${warmup}`);
  await page.waitForFunction(() => window.benchResults, null, { timeout: 600000, polling: 200 });
  const r = await page.evaluate(() => window.benchResults);
  await context.close();
  if (r.error) throw new Error(`bench page: ${r.error}`);
  if (errors.length) throw new Error(`bench page errors: ${errors.join('; ')}`);
  return r;
}

// Navigation → the first contour drawn: the page marks the plot data-ready
// after its first draw (surface, isolines, trails); an init script notes the
// time then, after forcing the canvas to finish with a 1-pixel read.
export async function firstContour(browser, base, reps) {
  const ts = [];
  for (let i = 0; i < reps; i++) {
    const { context, page, errors } = await newPage(browser);
    await page.addInitScript(() => {
      new MutationObserver((_, obs) => {
        const c = document.getElementById('plot');
        if (c && c.getAttribute('data-ready') === 'true') {
          c.getContext('2d').getImageData(0, 0, 1, 1);
          window.__firstContour = performance.now();
          obs.disconnect();
        }
      }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-ready'] });
    });
    await page.goto(`${base}/`);
    await page.waitForFunction(() => window.__firstContour, null, { timeout: 30000 });
    ts.push(await page.evaluate(() => window.__firstContour));
    await context.close();
    if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
  }
  return { median: median(ts), min: Math.min(...ts), max: Math.max(...ts), n: ts.length };
}

// Open the playground on a query and wait for its first drawing.
async function openPlayground(browser, base, query) {
  const p = await newPage(browser);
  await p.page.goto(`${base}/?${query}`);
  await p.page.waitForSelector('canvas#plot[data-ready="true"]', { timeout: 30000 });
  return p;
}

// Slider change → finished frame: move optimizer 0's η slider (input event,
// as a drag sends), which replays every run and redraws the plot, the legend
// and the loss chart; the time runs until both canvases have finished
// drawing (a 1-pixel read forces that).
export async function sliderFrame(browser, base, { reps, warmup, steps }) {
  const { context, page, errors } = await openPlayground(browser, base, `${RACE}&steps=${steps}`);
  const r = await page.evaluate(({ reps, warmup }) => {
    const input = document.querySelector('section.opt-card[data-index="0"] input[type="range"][data-param="lr"]');
    const plot = document.getElementById('plot').getContext('2d');
    const loss = document.getElementById('loss').getContext('2d');
    const lo = Number(input.min), hi = Number(input.max);
    const ts = [];
    for (let i = 0; i < warmup + reps; i++) {
      const t0 = performance.now();
      input.value = String(lo + (hi - lo) * (0.3 + 0.2 * ((i % 7) / 7)));
      input.dispatchEvent(new Event('input', { bubbles: true }));
      plot.getImageData(0, 0, 1, 1);
      loss.getImageData(0, 0, 1, 1);
      if (i >= warmup) ts.push(performance.now() - t0);
    }
    return ts;
  }, { reps, warmup });
  await context.close();
  if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
  return { median: median(r), min: Math.min(...r), max: Math.max(...r), n: r.length };
}

// Playback: 7 runs of `steps` steps played at 1000 steps/s from the middle
// of the runs on, for 2 s. Every animation frame the page asks for is timed
// from the start of its requestAnimationFrame callback until both canvases
// have finished drawing (a wrapper added before the page loads); the first
// `warmup` frames are left out (the first draws the trail layer whole).
export async function animationFrame(browser, base, { reps, warmup, steps }) {
  const start = Math.floor(steps / 2);
  const { context, page, errors } = await newPage(browser);
  await page.addInitScript(() => {
    const raf = window.requestAnimationFrame.bind(window);
    window.__frames = [];
    window.requestAnimationFrame = (cb) => raf((ts) => {
      const t0 = performance.now();
      cb(ts);
      for (const id of ['plot', 'loss']) document.getElementById(id)?.getContext('2d').getImageData(0, 0, 1, 1);
      window.__frames.push(performance.now() - t0);
    });
  });
  await page.goto(`${base}/?${RACE}&steps=${steps}&t=${start}`);
  await page.waitForSelector('canvas#plot[data-ready="true"]', { timeout: 30000 });
  const r = await page.evaluate(async (minFrames) => {
    const speed = document.getElementById('speed');
    speed.value = '1000';
    speed.dispatchEvent(new Event('change', { bubbles: true }));
    const plot = document.getElementById('plot');
    const d0 = Number(plot.dataset.draws);
    window.__frames.length = 0;
    document.getElementById('play').click();
    const t0 = performance.now();
    while (performance.now() - t0 < 2000 || window.__frames.length < minFrames) {
      await new Promise((ok) => setTimeout(ok, 100));
      if (performance.now() - t0 > 20000) break;
    }
    const dt = (performance.now() - t0) / 1000;
    const frames = [...window.__frames];
    const draws = Number(plot.dataset.draws) - d0;
    document.getElementById('play').click();
    return { frames, framesPerSecond: frames.length / dt, drawsPerSecond: draws / dt };
  }, warmup + reps);
  await context.close();
  if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
  const f = r.frames.slice(warmup);
  return {
    median: median(f), min: Math.min(...f), max: Math.max(...f), n: f.length,
    first: r.frames[0], framesPerSecond: r.framesPerSecond, drawsPerSecond: r.drawsPerSecond,
  };
}

// Page weight of a build: raw and gzip -9 bytes of the wasm, the JS, the
// CSS and the HTML the page loads.
export async function pageWeight(dist) {
  const out = {};
  for (const [name, file] of [['wasm', 'gradscape_bg.wasm'], ['js', 'gradscape.js'], ['css', 'style.css'], ['html', 'index.html']]) {
    const body = await readFile(join(dist, file));
    out[name] = { raw: body.length, gzip: gzipSync(body, { level: 9 }).length };
  }
  out.total = {
    raw: Object.values(out).reduce((s, v) => s + v.raw, 0),
    gzip: Object.values(out).reduce((s, v) => s + v.gzip, 0),
  };
  return out;
}
