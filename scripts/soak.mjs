// Soak test (on demand, not in CI): animate every optimizer at the top speed
// for SOAK_MINUTES (default 30) in headless Chromium and sample, every
// SOAK_SAMPLE_SECONDS (default 30), the JS heap after a forced garbage
// collection, the wasm memory, the frames drawn and the console errors.
// Prints a table and a verdict: memory must stay flat (trails are capped).
//
//   node scripts/soak.mjs            (after `node scripts/build.mjs`)
//   SOAK_MINUTES=2 node scripts/soak.mjs
import { serve, launch } from '../tests/e2e/support.mjs';

const minutes = Number(process.env.SOAK_MINUTES ?? 30);
const every = Number(process.env.SOAK_SAMPLE_SECONDS ?? 30) * 1000;
const KINDS = ['gd', 'momentum', 'adagrad', 'rmsprop', 'adam', 'adam_l2', 'adamw', 'nadam', 'adadelta'];
// Every optimizer, 100 000 steps, on Rosenbrock, some noise: long, busy trails.
const opt = KINDS.map((k) => `${k}:lr=${k === 'gd' || k === 'momentum' ? 0.001 : k === 'adadelta' ? 1 : 0.05}`).join(';');
const query = `?f=rosenbrock&steps=100000&sigma=0.5&seed=7&opt=${opt}`;

const server = await serve();
const browser = await launch();
const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 2 });
const page = await context.newPage();
const errors = [];
page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
page.on('pageerror', (e) => errors.push(String(e)));
const cdp = await context.newCDPSession(page);
await cdp.send('Performance.enable');
await page.goto(server.url + query);
await page.waitForSelector('canvas#plot[data-ready="true"]', { timeout: 30000 });
await page.waitForFunction(() => typeof window.wasmBindings?.page_state === 'function');
await page.selectOption('#speed', { index: (await page.locator('#speed option').count()) - 1 });
const speed = await page.inputValue('#speed');

// Read from the DOM: page_state() serializes every trajectory (900 000
// points here), which would dominate what is measured.
const playing = async () => (await page.getAttribute('#play', 'aria-label')) === 'Pause';
async function keepPlaying() {
  if (!(await playing())) {
    await page.keyboard.press('r');
    await page.click('#play');
  }
}
async function sample(elapsed) {
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const m = Object.fromEntries(metrics.map((x) => [x.name, x.value]));
  const page_ = await page.evaluate(() => ({
    wasm: window.wasmMemory ? window.wasmMemory.buffer.byteLength : NaN,
    draws: Number(document.getElementById('plot').dataset.draws),
    t: Number(document.getElementById('scrub').value),
  }));
  return { minute: elapsed / 60000, heapMB: m.JSHeapUsedSize / 2 ** 20, wasmMB: page_.wasm / 2 ** 20, nodes: m.Nodes, listeners: m.JSEventListeners, draws: page_.draws, t: page_.t };
}

await page.keyboard.press('r');
await page.click('#play');
const t0 = Date.now();
const rows = [await sample(0)];
console.log(`soak: ${minutes} min, speed ${speed} steps/s, ${KINDS.length} optimizers × 100000 steps on Rosenbrock`);
console.log('minute  JS heap MB  wasm MB  DOM nodes  listeners  frames drawn  step');
const show = (r) => console.log(`${r.minute.toFixed(1).padStart(6)}  ${r.heapMB.toFixed(2).padStart(10)}  ${r.wasmMB.toFixed(2).padStart(7)}  ${String(r.nodes).padStart(9)}  ${String(r.listeners).padStart(9)}  ${String(r.draws).padStart(12)}  ${r.t}`);
show(rows[0]);
let next = every;
while (Date.now() - t0 < minutes * 60000) {
  await page.waitForTimeout(1000);
  await keepPlaying();
  if (Date.now() - t0 >= next) {
    next += every;
    const r = await sample(Date.now() - t0);
    rows.push(r);
    show(r);
  }
}
rows.push(await sample(Date.now() - t0));
show(rows.at(-1));
await browser.close();
await server.close();

const warm = rows.find((r) => r.minute >= Math.min(2, minutes / 2)) ?? rows[1];
const last = rows.at(-1);
const grow = (a, b) => (b - a) / a;
const heapGrowth = grow(warm.heapMB, Math.max(...rows.filter((r) => r.minute >= warm.minute).map((r) => r.heapMB)));
const wasmGrowth = grow(warm.wasmMB, last.wasmMB);
console.log(`frames drawn: ${last.draws}; JS heap after warm-up ${warm.heapMB.toFixed(2)} MB, max later ${(warm.heapMB * (1 + heapGrowth)).toFixed(2)} MB (${(100 * heapGrowth).toFixed(1)} %); wasm ${warm.wasmMB.toFixed(2)} → ${last.wasmMB.toFixed(2)} MB; console errors: ${errors.length}`);
// Flat = at most 10 % or 1 MB above the warm-up level (a 2 MB heap wobbles by a few hundred KB).
const flat = (g, base) => g <= 0.1 || g * base <= 1;
const ok = flat(heapGrowth, warm.heapMB) && flat(wasmGrowth, warm.wasmMB) && errors.length === 0 && last.draws > rows[0].draws;
console.log(ok ? 'SOAK OK: memory flat, no errors' : 'SOAK FAILED');
process.exit(ok ? 0 : 1);
