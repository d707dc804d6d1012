// The benchmark runs (`make bench`, scripts/bench.mjs): a one-repetition
// smoke run of every browser row against dist/. No timing is asserted: only
// that every figure is a finite number, that the wasm heatmap and the
// plain-JS baselines computed the same pixels (so the comparison is fair),
// that the drag's runs are the scene's runs simulated afresh, and that the
// report has a verdict for every row of issue 16's table.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { DIST } from './support.mjs';
import {
  ROOT, serveMounts, launch, benchPage, sliderDrag, surfaceChange, firstHeatmap, animationFrame, SURFACE_CASES,
} from '../../scripts/bench-lib.mjs';
import { render } from '../../scripts/bench-report.mjs';

let server, browser;
before(async () => {
  server = await serveMounts({ '/': DIST, '/bench/': join(ROOT, 'www', 'bench') });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const finite = (x, what) => assert.ok(Number.isFinite(x) && x >= 0, `${what}: ${x}`);
const report = { date: 'now', machine: { cpu: 'test', cores: 1, memGiB: '1' }, loadStart: '0', loadEnd: '0', reps: 1, warmup: 0, inputs: 5, rows: [], browser: 'test' };

test('the bench page times the page path, wasm and both JS baselines on the same pixels', async () => {
  const r = await benchPage(browser, server.url, { reps: 1, warmup: 0 });
  for (const key of ['bowl/1280x800', 'rosenbrock/1280x800', 'bowl/2560x1600', 'rosenbrock/2560x1600']) {
    const v = r.raster[key];
    assert.ok(v, `no figures for ${key}`);
    for (const k of ['page', 'wasm', 'js', 'jsFastLog', 'wasmSample', 'wasmColour']) finite(v[k], `${key} ${k}`);
    // Same colour table, same formulas: at most a few pixels one LUT step
    // apart (f64 Math.log vs the fast log at a rounding boundary).
    const [w, h] = key.split('/')[1].split('x').map(Number);
    assert.ok(v.channelsDifferingFromJs <= w * h * 4 * 1e-3, `${key}: ${v.channelsDifferingFromJs} channels differ`);
    assert.ok(v.maxChannelDifference <= 6, `${key}: a channel differs by ${v.maxChannelDifference}`);
  }
  finite(r.putImageData, 'putImageData');
  report.simd = r;
});

test('slider drags with every panel open and closed: each input painted, the runs fresh', async () => {
  // 100 steps instead of 1000 and drags of 10 moves: the same paths, a quicker test.
  for (const [key, open] of [['dragOpen', true], ['dragClosed', false]]) {
    const d = await sliderDrag(browser, server.url, { inputs: 5, steps: 100, open, profile: open, span: 5 });
    assert.ok(d.n >= 5, `${key}: ${d.n} inputs measured`);
    for (const k of ['median', 'p95', 'max', 'toFrame', 'drawsPerInput']) finite(d[k], `${key} ${k}`);
    assert.equal(d.unpainted, 0, `${key}: inputs never painted`);
    assert.ok(d.fresh, `${key}: the runs shown are not the scene's`);
    report[key] = d;
  }
  assert.ok(report.dragOpen.profile.top.length > 0 && report.dragOpen.profile.busyMs > 0, 'an empty CPU profile');
});

test('surface changes on the real page beside the plain-JS loop', async () => {
  const s = await surfaceChange(browser, server.url, { reps: 1, warmup: 0 });
  assert.deepEqual(Object.keys(s), SURFACE_CASES.map((c) => c.name));
  for (const [name, v] of Object.entries(s)) {
    for (const k of ['change', 'same', 'js']) finite(v[k], `${name} ${k}`);
    assert.ok(Number.isFinite(v.surface) && Number.isFinite(v.jsOverSurface), name);
    assert.deepEqual(v.device, [1750, 1020], `${name}: the plot's device size`);
  }
  report.surface = s;
});

test('playing, first heatmap on loopback and throttled, and what the first load fetched', async () => {
  const a = await animationFrame(browser, server.url, { reps: 5, warmup: 1, steps: 1000 });
  for (const k of ['median', 'framesPerSecond']) finite(a[k], `playing ${k}`);
  report.anim = a;
  // Every panel open, traced: the browser's whole frame too.
  const o = await animationFrame(browser, server.url, { reps: 5, warmup: 1, steps: 1000, open: true, trace: true });
  for (const k of ['median', 'framesPerSecond']) finite(o[k], `playing, panels open, ${k}`);
  for (const k of ['median', 'p95', 'max']) finite(o.main?.[k], `playing, panels open, the whole frame ${k}`);
  report.animOpen = o;
  const f = await firstHeatmap(browser, server.url, { reps: 2 });
  finite(f.median, 'first heatmap');
  const types = new Set(f.fetched.map((x) => x.file.split('.').pop()));
  for (const t of ['html', 'js', 'css', 'wasm']) assert.ok(types.has(t), `the first load fetched no .${t}`);
  for (const x of f.fetched) assert.ok(x.raw > 0 && x.wire > 0, x.file);
  report.first = f;
  report.weight = f.fetched.map((x) => ({ ...x, gzip: x.wire }));
  const slow = await firstHeatmap(browser, server.url, { reps: 1, network: { latency: 150, kbps: 1600 } });
  // Throttled at 1.6 Mbps the wasm alone takes longer than on loopback.
  assert.ok(slow.median > f.min, `throttled ${slow.median} ms vs loopback ${f.min} ms`);
  report.firstSlow = slow;
});

test('the report has a figure and a verdict for every row of the table', () => {
  const md = render(report);
  for (const row of [
    'every panel open: median', 'every panel open: p95', 'panels closed: median',
    ...SURFACE_CASES.map((c) => `change the surface: ${c.name}, 1750×1020`),
    'bowl, page path', 'rosenbrock, page path', 'playing 7 × 10 000 steps: frame',
    'playing 7 × 10 000 steps, every panel open: frames/s', 'page weight, gzip',
    'first heatmap, loopback', 'first heatmap, 1.6 Mbps',
  ]) {
    const line = md.split('\n').find((l) => l.includes(row));
    assert.ok(line, `no row "${row}"`);
    assert.match(line, /\| (met|\*\*missed\*\*) \|$/, line);
    assert.doesNotMatch(line, /n\/a|NaN/, line);
  }
});
