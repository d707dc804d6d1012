// The browser half of `make bench`, shared by scripts/bench.mjs (the full
// run that writes BENCHMARKS.md) and tests/e2e/bench.test.mjs (a smoke run
// that checks every figure exists and is finite). No timing is asserted
// anywhere.
//
// "Input → painted frame" on the real page (a software canvas in headless
// Chromium) is measured one way everywhere: t0 is when the main thread
// starts handling the input (for a mouse drag, the pointer event that moved
// the slider); t1 is when the plot's draw counter (data-draws) has changed
// after the input and a 1-pixel read of the plot and the loss chart has
// forced both canvases to finish. Kept beside it: the same from the input's
// own event time ("from the event": adds Chromium's frame-aligned delivery
// of pointer moves, 0–16.7 ms on an idle page, and any wait for a main
// thread busy with the page's earlier work), and to the next animation
// frame after the paint ("to frame").
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { extname, join, normalize, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { TYPES } from './mime.mjs';


export const ROOT = resolve(new URL('..', import.meta.url).pathname);

// The seven optimizers of the playback benchmark (benches/race-7x1000.json).
export const RACE =
  'f=rosenbrock&opt=gd:lr=0.001;momentum:lr=0.001,gamma=0.9;adagrad:lr=0.5;' +
  'rmsprop:lr=0.01,gamma=0.9;adam:lr=0.05;adam_l2:lr=0.05,lambda=0.01;adamw:lr=0.05,lambda=0.01';
// The nine of the slider benchmark: the seven and NAdam and Adamax (all
// nine run their 1000 steps: none stops early at these rates).
export const RACE9 = `${RACE};nadam:lr=0.05;adamax:lr=0.05`;

// gzip -9 of a served file, kept per file and size.
const GZ = new Map();
function gzipped(file, raw) {
  const key = `${file}:${raw.length}`;
  if (!GZ.has(key)) GZ.set(key, gzipSync(raw, { level: 9 }));
  return GZ.get(key);
}

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
      const raw = await readFile(file);
      // gzip when asked, as any static host does, so a throttled load
      // moves the bytes a real visitor's would.
      const gz = /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
      const body = gz ? gzipped(file, raw) : raw;
      res.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'cross-origin-opener-policy': 'same-origin',
        'cross-origin-embedder-policy': 'require-corp',
        'cache-control': 'no-store',
        ...(gz ? { 'content-encoding': 'gzip' } : {}),
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

// The q-quantile (0..1) of xs, nearest rank.
export function quantile(xs, q) {
  const s = [...xs].sort((a, b) => a - b);
  if (!s.length) return NaN;
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
}

const stats = (xs) => ({
  median: median(xs), p95: quantile(xs, 0.95), min: Math.min(...xs), max: Math.max(...xs), n: xs.length,
});

// Navigation → the first heatmap: the page marks the plot data-painted after
// its first draw (surface, isolines, trails; data-ready once the rest of the
// page is built after it); an init script notes the time
// then, after forcing the canvas to finish with a 1-pixel read. With
// `network` ({ latency ms, kbps }) the load runs through Chromium's network
// throttling (CDP Network.emulateNetworkConditions, cache disabled). Each
// load also lists what it fetched until then: the page weight is the sum of
// their bytes on the wire (gzip, as the server sends them) and raw.
export async function firstHeatmap(browser, base, { reps, network = null }) {
  const ts = [];
  let fetched = null;
  for (let i = 0; i < reps; i++) {
    const { context, page, errors } = await newPage(browser);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    if (network) {
      const bps = (network.kbps * 1000) / 8;
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false, latency: network.latency, downloadThroughput: bps, uploadThroughput: bps,
      });
    }
    const files = new Map();
    cdp.on('Network.responseReceived', (e) => {
      files.set(e.requestId, { url: e.response.url, type: e.type, raw: 0, wire: 0 });
    });
    cdp.on('Network.dataReceived', (e) => {
      const f = files.get(e.requestId);
      if (f) f.raw += e.dataLength;
    });
    cdp.on('Network.loadingFinished', (e) => {
      const f = files.get(e.requestId);
      if (f) f.wire = e.encodedDataLength;
    });
    await page.addInitScript(() => {
      new MutationObserver((_, obs) => {
        const c = document.getElementById('plot');
        // `data-painted`: the first picture is drawn (the rest of the page
        // is built after it is painted, then `data-ready`).
        if (c && (c.getAttribute('data-painted') === 'true' || c.getAttribute('data-ready') === 'true')) {
          c.getContext('2d').getImageData(0, 0, 1, 1);
          window.__firstHeatmap = performance.now();
          obs.disconnect();
        }
      }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-ready', 'data-painted'] });
    });
    await page.goto(`${base}/`);
    await page.waitForFunction(() => window.__firstHeatmap, null, { timeout: 60000 });
    ts.push(await page.evaluate(() => window.__firstHeatmap));
    if (!fetched) {
      // What was fetched by the first picture (bytes still arriving after it
      // are not the first load's).
      fetched = [...files.values()].filter((f) => f.url.startsWith(base)).map((f) => ({
        file: new URL(f.url).pathname.replace(/^\//, '') || 'index.html', type: f.type, raw: f.raw, wire: f.wire,
      }));
    }
    await context.close();
    if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
  }
  return { ...stats(ts), fetched };
}

// Open the playground on a query and wait for its first drawing.
async function openPlayground(browser, base, query) {
  const p = await newPage(browser);
  await p.page.goto(`${base}/?${query}`);
  await p.page.waitForSelector('canvas#plot[data-ready="true"]', { timeout: 60000 });
  return p;
}

// Wait until the plot stops redrawing: two frames and `quiet` ms without a draw.
async function settle(page, quiet = 300) {
  await page.evaluate(async (quiet) => {
    const plot = document.getElementById('plot');
    const frame = () => new Promise((ok) => requestAnimationFrame(() => ok()));
    let d = plot.dataset.draws;
    for (let i = 0; i < 100; i++) {
      await frame();
      await frame();
      await new Promise((ok) => setTimeout(ok, quiet));
      if (plot.dataset.draws === d) return;
      d = plot.dataset.draws;
    }
  }, quiet);
}

// The in-page half of "input → painted frame" (see the top of this file):
// inputs on elements matching `selector` are noted with their event time (or
// the pointer event's before them); each is resolved at the first change of
// the plot's draw counter after it. Also counts draws and long tasks.
function installLatency(page, selector) {
  return page.evaluate((sel) => {
    const plot = document.getElementById('plot');
    const draws = () => Number(plot.dataset.draws);
    const L = { pending: [], done: [], ptr: 0, ptrNow: 0, long: [], draws0: draws(), inputs: 0 };
    window.__lat = L;
    // The first of a move's events: its time, and when the page got it.
    for (const t of ['pointerdown', 'pointermove', 'mousedown', 'mousemove']) {
      addEventListener(t, (e) => {
        if (L.ptr === e.timeStamp) return;
        L.ptr = e.timeStamp;
        L.ptrNow = performance.now();
      }, true);
    }
    for (const t of ['input', 'change']) {
      addEventListener(t, (e) => {
        if (!(e.target instanceof Element) || !e.target.matches(sel) || L.off) return;
        if (t === 'change' && e.target.type === 'range') return; // a drag's end, not a new value
        L.inputs++;
        const now = performance.now();
        L.pending.push({
          t0: L.ptr ? Math.min(L.ptrNow, now) : now,
          tEvent: L.ptr ? Math.min(L.ptr, e.timeStamp) : e.timeStamp,
          d0: draws(),
        });
        L.ptr = 0;
      }, true);
    }
    new MutationObserver(() => {
      const d = draws();
      const ready = L.pending.filter((p) => p.d0 < d);
      if (!ready.length) return;
      L.pending = L.pending.filter((p) => p.d0 >= d);
      for (const id of ['plot', 'loss']) document.getElementById(id)?.getContext('2d').getImageData(0, 0, 1, 1);
      const t1 = performance.now();
      const recs = ready.map((p) => ({ ms: t1 - p.t0, fromEvent: t1 - p.tEvent, frame: NaN }));
      L.done.push(...recs);
      requestAnimationFrame(() => {
        const t2 = performance.now();
        ready.forEach((p, i) => { recs[i].frame = t2 - p.t0; });
      });
    }).observe(plot, { attributes: true, attributeFilter: ['data-draws'] });
    try {
      new PerformanceObserver((l) => { for (const e of l.getEntries()) L.long.push(e.duration); })
        .observe({ type: 'longtask' });
    } catch { /* no long-task timing in this browser */ }
  }, selector);
}

// Whether the runs the page shows are the runs of its scene, simulated
// afresh (no stale numbers: the speed must not come from skipping work).
export function freshRuns(page) {
  return page.evaluate(() => {
    const st = JSON.parse(window.wasmBindings.page_state());
    const sim = JSON.parse(window.wasmBindings.simulate_json(JSON.stringify(st.scene)));
    return sim.runs.length === st.runs.length && sim.runs.every((r, i) => Object.keys(r)
      .every((k) => JSON.stringify(r[k]) === JSON.stringify(st.runs[i][k])));
  });
}

// Take the latency records so far (and reset them).
function takeLatency(page) {
  return page.evaluate(() => {
    const L = window.__lat;
    const plot = document.getElementById('plot');
    const out = {
      done: L.done, lost: L.pending.length, long: L.long, inputs: L.inputs,
      draws: Number(plot.dataset.draws) - L.draws0,
    };
    Object.assign(L, { done: [], pending: [], long: [], inputs: 0, draws0: Number(plot.dataset.draws) });
    return out;
  });
}

const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));

// The η slider of the first card (plain GD, η = 0.001 on Rosenbrock; the
// drag only lowers η, so every run keeps its 1000 steps).
export const ETA_SLIDER = 'section.opt-card[data-index="0"] input[type="range"][data-param="lr"]';

// Drag the slider with the mouse (real input events through Chromium's
// input pipeline): from the thumb 1 px at a time down `span` px and back
// (2·span moves, each a new value: the η slider has 1000 positions on
// ~130 px), at most one move per 16.7 ms (a drag's pace at 60 Hz; slower
// when the page is slower to take the next move).
async function drag(page, selector, span) {
  const el = page.locator(selector);
  await el.scrollIntoViewIfNeeded();
  const box = await el.boundingBox();
  const f = await el.evaluate((i) => (Number(i.value) - Number(i.min)) / (Number(i.max) - Number(i.min)));
  // The thumb's centre: the track is the box less a thumb width (≈ 16 px).
  const thumb = 8;
  const x0 = box.x + thumb + f * (box.width - 2 * thumb);
  const y = box.y + box.height / 2;
  await page.mouse.move(x0, y);
  await page.mouse.down();
  let last = performance.now();
  for (let i = 1; i <= 2 * span; i++) {
    const wait = 1000 / 60 - (performance.now() - last);
    if (wait > 0) await sleep(wait);
    last = performance.now();
    await page.mouse.move(x0 - (i <= span ? i : 2 * span - i), y);
  }
  await page.mouse.up();
}

// Open every panel (explainers, state, share, code, keys: whatever
// recomputes on input does it now), or close the lesson panels.
async function panels(page, open) {
  await page.evaluate((open) => {
    for (const d of document.querySelectorAll('details')) {
      if (open) d.open = true;
      else if (d.closest('#lesson-panels')) d.open = false;
    }
  }, open);
}

// Slider drag → painted frame: 9 optimizers × `steps` steps at DPR 2, the
// η slider dragged by mouse, one move per frame, drags of 2·`span` moves
// until ≥ `inputs` inputs are measured (after a warm-up drag). `open` opens every panel first.
// `profile` also records a CPU profile of one more drag (self time per
// function, the top ones).
export async function sliderDrag(browser, base, { inputs, steps, open, profile = false, span = 15 }) {
  const { context, page, errors } = await openPlayground(browser, base, `${RACE9}&steps=${steps}`);
  await panels(page, open);
  await settle(page);
  await installLatency(page, ETA_SLIDER);
  await drag(page, ETA_SLIDER, Math.min(5, span));
  await settle(page);
  await takeLatency(page);
  const all = [];
  const agg = { draws: 0, inputs: 0, lost: 0, long: [], fresh: true };
  for (let k = 0; all.length < inputs && k < 20; k++) {
    await drag(page, ETA_SLIDER, span);
    await settle(page);
    const r = await takeLatency(page);
    all.push(...r.done);
    agg.draws += r.draws;
    agg.inputs += r.inputs;
    agg.lost += r.lost;
    agg.long.push(...r.long);
    agg.fresh &&= await freshRuns(page);
  }
  const prof = profile ? await cpuProfile(page, () => drag(page, ETA_SLIDER, span)) : null;
  await context.close();
  if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
  const ms = all.map((r) => r.ms);
  return {
    ...stats(ms),
    toFrame: median(all.map((r) => r.frame).filter(Number.isFinite)),
    fromEvent: stats(all.map((r) => r.fromEvent)),
    drawsPerInput: agg.draws / Math.max(1, agg.inputs),
    unpainted: agg.lost,
    fresh: agg.fresh,
    longTasks: agg.long.length,
    longTaskMs: agg.long.reduce((a, b) => a + b, 0),
    profile: prof,
  };
}

// A CPU profile of `during()` (CDP Profiler): self time per function name,
// the top `top`, with the total sampled time.
async function cpuProfile(page, during, top = 12) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  await during();
  await settle(page);
  const { profile } = await cdp.send('Profiler.stop');
  await cdp.detach();
  const dt = profile.timeDeltas;
  const self = new Map();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  profile.samples.forEach((id, i) => {
    const n = byId.get(id);
    const name = n.callFrame.functionName || `(${n.callFrame.url.split('/').pop() || 'program'})`;
    self.set(name, (self.get(name) ?? 0) + (dt[i + 1] ?? 0) / 1000);
  });
  const busy = [...self].filter(([k]) => k !== '(idle)' && k !== '(program)');
  const total = busy.reduce((a, [, v]) => a + v, 0);
  return {
    busyMs: total,
    top: busy.sort((a, b) => b[1] - a[1]).slice(0, top).map(([name, ms]) => ({ name, ms, share: ms / total })),
  };
}

// The surface changes of the surface benchmark: where the page opens, which
// field is changed, and the two values it alternates between.
export const SURFACE_CASES = [
  { name: 'bowl', query: 'f=quadratic', field: '#surface-params input[data-key="a"]', event: 'change', values: ['0.1', '0.11'] },
  { name: 'rosenbrock', query: 'f=rosenbrock', field: '#surface-params input[data-key="b"]', event: 'change', values: ['100', '101'] },
  { name: 'rastrigin', query: 'f=rastrigin', field: '#surface-params input[data-key="a"]', event: 'change', values: ['10', '10.1'] },
  { name: 'bowl formula', query: `expr=${encodeURIComponent('0.1*x^2 + 2*y^2')}`, field: '#expr-input', event: 'input', values: ['0.1*x^2 + 2*y^2', '0.1*x^2 + 2.01*y^2'] },
  {
    name: 'egg-crate formula', query: `expr=${encodeURIComponent('sin(x)*cos(y) + 0.05*(x^2 + y^2)')}`, field: '#expr-input', event: 'input',
    values: ['sin(x)*cos(y) + 0.05*(x^2 + y^2)', 'sin(x)*cos(y) + 0.051*(x^2 + y^2)'],
  },
];

// Surface change → painted frame at 1280×800 CSS px, DPR 2 (the plot is
// 1750×1020 device px there): per case, `reps` changes of the surface (the
// field set to its other value and the page's event sent, as typing or a
// committed field does) interleaved with `reps` unchanged frames (the start
// point's x moved by 1e-9 through the same event: the same replay and
// redraw with the surface kept), after `warmup` of each; the surface's cost
// is the difference of the medians. Beside it, in the same page and run:
// the plain-JS loop (www/bench/baseline.js surfacePlain: f, Math.log, the
// page's colour table, putImageData) on the same pixels of the same view.
// `profile` adds a CPU profile of three more changes per surface.
export async function surfaceChange(browser, base, { reps, warmup, cases = SURFACE_CASES, profile = false }) {
  const out = {};
  for (const c of cases) {
    const { context, page, errors } = await openPlayground(browser, base, `${c.query}&steps=20`);
    await settle(page);
    // One input → painted frame: sent from a task (not inside a frame),
    // resolved at the draw-counter change and a 1-pixel read of both canvases.
    await page.evaluate((c) => {
      const plot = document.getElementById('plot');
      const loss = document.getElementById('loss');
      window.__once = (el, value) => new Promise((ok, fail) => {
        const d0 = Number(plot.dataset.draws);
        const obs = new MutationObserver(() => {
          if (Number(plot.dataset.draws) <= d0) return;
          obs.disconnect();
          plot.getContext('2d').getImageData(0, 0, 1, 1);
          loss.getContext('2d').getImageData(0, 0, 1, 1);
          ok(performance.now() - ev.timeStamp);
        });
        obs.observe(plot, { attributes: true, attributeFilter: ['data-draws'] });
        setTimeout(() => { obs.disconnect(); fail(new Error(`no draw after ${c.name}`)); }, 30000);
        el.value = value;
        const ev = new Event(c.event, { bubbles: true });
        el.dispatchEvent(ev);
      });
      const frame = () => new Promise((ok) => requestAnimationFrame(() => ok()));
      window.__rest = async () => { await frame(); await frame(); await new Promise((ok) => setTimeout(ok, 30)); };
    }, c);
    const r = await page.evaluate(async ({ c, reps, warmup, base }) => {
      const plot = document.getElementById('plot');
      const field = document.querySelector(c.field);
      const start = document.getElementById('start-x');
      const once = window.__once, rest = window.__rest;
      const x0 = Number(start.value);
      const change = [], same = [];
      for (let i = 0; i < warmup + reps; i++) {
        const a = await once(field, c.values[(i + 1) % 2]);
        await rest();
        const b = await once(start, String(x0 + (i % 2 ? 0 : 1e-9)));
        await rest();
        if (i >= warmup) { change.push(a); same.push(b); }
      }
      // The plain-JS loop on the same pixels: the plot's device size, its view.
      const { FUNCTIONS, surfacePlain } = await import(`${base}/bench/baseline.js`);
      const view = plot.dataset.view.split(',').map(Number);
      const canvas = document.createElement('canvas');
      canvas.width = plot.width;
      canvas.height = plot.height;
      const ctx = canvas.getContext('2d');
      const lut = window.wasmBindings.bench_lut();
      const buf = {};
      const js = [];
      for (let i = 0; i < warmup + reps; i++) {
        const t0 = performance.now();
        surfacePlain(FUNCTIONS[c.name], view, ctx, lut, buf);
        if (i >= warmup) js.push(performance.now() - t0);
        await rest();
      }
      return { change, same, js, device: [plot.width, plot.height], view };
    }, { c, reps, warmup, base });
    // Three more changes under the profiler (not timed).
    const prof = profile ? await cpuProfile(page, () => page.evaluate(async (c) => {
      const field = document.querySelector(c.field);
      // Each time the value the field does not hold (a change whatever
      // the timed loop's count left it at).
      for (let i = 0; i < 3; i++) {
        await window.__once(field, c.values[field.value === c.values[0] ? 1 : 0]);
        await window.__rest();
      }
    }, c), 8) : null;
    await context.close();
    if (errors.length) throw new Error(`page errors (${c.name}): ${errors.join('; ')}`);
    const change = median(r.change), same = median(r.same), js = median(r.js);
    out[c.name] = {
      change, same, surface: change - same, js, jsOverSurface: js / Math.max(change - same, 1e-3),
      changeP95: quantile(r.change, 0.95), device: r.device, view: r.view, n: r.change.length, profile: prof,
    };
  }
  return out;
}

// Playback: 7 runs of `steps` steps played at 1000 steps/s from the middle
// of the runs on, for 2 s. Every animation frame the page asks for is timed
// from the start of its requestAnimationFrame callback until both canvases
// have finished drawing (a wrapper added before the page loads); the first
// `warmup` frames are left out (the first draws the trail layer whole).
// `open`: every panel open first (the state panel's numbers, the η(t)
// charts and the code follow each step). `trace`: also the browser's whole
// frame on the main thread (the callback, then style, layout, paint and
// the commit to the compositor: `ProxyMain::BeginMainFrame` in a trace),
// where the panels' cost shows.
export async function animationFrame(browser, base, { reps, warmup, steps, open = false, trace = false }) {
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
  if (open) {
    await panels(page, true);
    await page.waitForTimeout(300);
  }
  if (trace) await browser.startTracing(page, { categories: ['devtools.timeline', 'cc'] });
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
  let main = null;
  if (trace) {
    const events = JSON.parse((await browser.stopTracing()).toString()).traceEvents;
    const tid = events.find((e) => e.name === 'FireAnimationFrame')?.tid;
    const whole = events.filter((e) => e.ph === 'X' && e.tid === tid && e.name === 'ProxyMain::BeginMainFrame')
      .sort((a, b) => a.ts - b.ts).slice(warmup).map((e) => e.dur / 1000);
    if (whole.length) main = { median: median(whole), p95: quantile(whole, 0.95), min: Math.min(...whole), max: Math.max(...whole), n: whole.length };
  }
  await context.close();
  if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
  const f = r.frames.slice(warmup);
  return {
    median: median(f), p95: quantile(f, 0.95), min: Math.min(...f), max: Math.max(...f), n: f.length,
    first: r.frames[0], framesPerSecond: r.framesPerSecond, drawsPerSecond: r.drawsPerSecond, main,
  };
}

// The files of a build by name: raw and gzip -9 bytes of the wasm, the JS
// glue, the CSS and the HTML (the no-SIMD build's comparison; the page
// weight itself is what the first load fetched, see firstHeatmap).
export async function pageWeight(dist) {
  const out = {};
  for (const [name, file] of [['wasm', 'gradscape_bg.wasm'], ['js', 'gradscape.js'], ['css', 'style.css'], ['html', 'index.html']]) {
    const body = await readFile(join(dist, file)).catch(() => null);
    if (!body) continue; // a build that names its files otherwise
    out[name] = { raw: body.length, gzip: gzipSync(body, { level: 9 }).length };
  }
  out.total = {
    raw: Object.values(out).reduce((s, v) => s + v.raw, 0),
    gzip: Object.values(out).reduce((s, v) => s + v.gzip, 0),
  };
  return out;
}
