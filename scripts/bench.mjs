#!/usr/bin/env node
// `make bench`: the native and browser benchmarks side by side, in one run,
// with the budgets of issue 7; prints the table and writes BENCHMARKS.md.
//
//   node scripts/bench.mjs [--reps N] [--warmup N] [--skip-native]
//                          [--no-nosimd] [--out FILE | --no-write]
//
// Expects dist/ (node scripts/build.mjs) and, unless --no-nosimd,
// dist-nosimd/ (the same build without wasm SIMD); scripts/dev.sh bench
// builds both. Native figures come from `cargo bench --bench surface` built
// with -C target-cpu=native (its own target dir), read from criterion's
// estimates.json.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import {
  ROOT, serveMounts, launch, benchPage, firstContour, sliderFrame, animationFrame, pageWeight,
} from './bench-lib.mjs';

const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const REPS = Number(opt('--reps', 25));
const WARMUP = Number(opt('--warmup', 5));
const OUT = opt('--out', join(ROOT, 'BENCHMARKS.md'));
const NATIVE_TARGET = join(ROOT, 'target', 'bench-native');

function log(msg) { console.error(`==> ${msg}`); }

// Native: criterion's median point estimate (ns) per benchmark id.
function native() {
  log('cargo bench --bench surface (RUSTFLAGS=-C target-cpu=native, target/bench-native)');
  const r = spawnSync('cargo', ['bench', '--bench', 'surface'], {
    cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, RUSTFLAGS: '-C target-cpu=native', CARGO_TARGET_DIR: NATIVE_TARGET },
  });
  if (r.status !== 0) throw new Error('cargo bench failed');
  const read = (id) => {
    // criterion writes a function id "replay/7x1000" as the folder "replay_7x1000".
    const [group, ...rest] = id.split('/');
    const dir = rest.length === 1 ? `${group}_${rest[0]}` : id;
    const f = join(NATIVE_TARGET, 'criterion', dir, 'new', 'estimates.json');
    return JSON.parse(readFileSync(f, 'utf8')).median.point_estimate / 1e6; // ms
  };
  const out = {};
  for (const kind of ['bowl', 'rosenbrock']) {
    for (const size of ['1280x800', '2560x1600']) {
      out[`raster/${kind}/${size}`] = read(`raster/${kind}/${size}`);
      out[`isolines/${kind}/${size}`] = read(`isolines/${kind}/${size}`);
    }
  }
  out['replay/7x1000'] = read('replay/7x1000');
  return out;
}

function machine() {
  const c = cpus();
  let model = c[0]?.model ?? 'unknown';
  try {
    const flags = readFileSync('/proc/cpuinfo', 'utf8').match(/^flags\s*:(.*)$/m)?.[1] ?? '';
    const simd = ['avx512f', 'avx2', 'avx', 'sse4_2'].find((f) => flags.split(' ').includes(f));
    if (simd) model += ` (${simd})`;
  } catch { /* not Linux */ }
  return {
    cpu: model, cores: c.length, memGiB: (totalmem() / 2 ** 30).toFixed(1),
    load: loadavg().map((x) => x.toFixed(2)).join(' '),
  };
}

const ms = (x) => (Number.isFinite(x) ? (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2)) : 'n/a');
const kb = (b) => `${(b / 1024).toFixed(1)} KB`;
const ratio = (x) => (Number.isFinite(x) ? `${x.toFixed(2)}×` : 'n/a');
const verdict = (ok) => (ok === undefined ? '' : ok ? 'met' : '**missed**');

async function main() {
  const dist = join(ROOT, 'dist');
  const nosimd = join(ROOT, 'dist-nosimd');
  if (!existsSync(join(dist, 'gradscape_bg.wasm'))) throw new Error('no dist/: run node scripts/build.mjs (scripts/dev.sh bench does)');
  const withNoSimd = !flag('--no-nosimd');
  if (withNoSimd && !existsSync(join(nosimd, 'gradscape_bg.wasm'))) throw new Error('no dist-nosimd/: run scripts/dev.sh bench, or pass --no-nosimd');
  const nat = flag('--skip-native') ? null : native();
  const mounts = { '/': dist, '/bench/': join(ROOT, 'www', 'bench') };
  if (withNoSimd) Object.assign(mounts, { '/nosimd/': nosimd, '/nosimd/bench/': join(ROOT, 'www', 'bench') });
  const server = await serveMounts(mounts);
  const browser = await launch();
  const o = { reps: REPS, warmup: WARMUP };
  try {
    log(`bench page (wasm SIMD build, ${REPS} reps after ${WARMUP} warm-up)`);
    const simd = await benchPage(browser, server.url, o);
    const plain = withNoSimd ? (log('bench page (no-SIMD build)'), await benchPage(browser, `${server.url}/nosimd`, o)) : null;
    log('slider change → finished frame (7 × 1000 steps)');
    const slider = await sliderFrame(browser, server.url, { ...o, steps: 1000 });
    log('animation frame (7 × 10 000 steps) and playback');
    const anim = await animationFrame(browser, server.url, { ...o, steps: 10000 });
    log('first contour after navigation');
    const first = await firstContour(browser, server.url, Math.max(REPS, 2));
    const weight = await pageWeight(dist);
    const weightNoSimd = withNoSimd ? await pageWeight(nosimd) : null;
    const report = {
      date: new Date().toISOString(), machine: machine(), browser: `Chromium ${browser.version()}`,
      reps: REPS, warmup: WARMUP, simd, plain, slider, anim, first, weight, weightNoSimd, native: nat,
    };
    const md = render(report);
    console.log(md);
    if (!flag('--no-write')) {
      writeFileSync(OUT, md);
      writeFileSync(OUT.replace(/\.md$/, '.json'), `${JSON.stringify(report, null, 1)}\n`);
      log(`wrote ${OUT}`);
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

function render(r) {
  const R = (k) => r.simd.raster[k];
  const N = (k) => r.native?.[k];
  const rows = [];
  const row = (what, value, budget, ok) => rows.push(`| ${what} | ${value} | ${budget} | ${verdict(ok)} |`);
  for (const kind of ['bowl', 'rosenbrock']) {
    const k = `${kind}/1280x800`;
    const w = R(k).wasm;
    row(`raster 1280×800 ${kind}, wasm SIMD`, `${ms(w)} ms`, '≤ 2 ms', w <= 2);
    if (r.plain) row(`raster 1280×800 ${kind}, wasm without SIMD`, `${ms(r.plain.raster[k].wasm)} ms`, '≤ 6.5 ms', r.plain.raster[k].wasm <= 6.5);
    row(`raster 1280×800 ${kind}, plain JS (Math.log)`, `${ms(R(k).js)} ms`, '', undefined);
    row(`raster 1280×800 ${kind}, JS with the fast log`, `${ms(R(k).jsFastLog)} ms`, '', undefined);
    if (N(`raster/${k}`) !== undefined) row(`raster 1280×800 ${kind}, native (target-cpu=native)`, `${ms(N(`raster/${k}`))} ms`, '', undefined);
    row(`ratio plain JS / wasm (${kind})`, ratio(R(k).js / w), '≥ 5×', R(k).js / w >= 5);
    row(`ratio fast-log JS / wasm (${kind})`, ratio(R(k).jsFastLog / w), '≥ 1.8×', R(k).jsFastLog / w >= 1.8);
    if (N(`raster/${k}`) !== undefined) row(`ratio wasm / native (${kind})`, ratio(w / N(`raster/${k}`)), '≤ 1.1×', w / N(`raster/${k}`) <= 1.1);
  }
  row('putImageData 1280×800 from wasm memory', `${ms(r.simd.putImageData)} ms`, '', undefined);
  row('slider change → finished frame, 7 × 1000 steps', `${ms(r.slider.median)} ms`, '≤ 8 ms', r.slider.median <= 8);
  row('animation frame while playing, 7 × 10 000 steps', `${ms(r.anim.median)} ms`, '≤ 4 ms', r.anim.median <= 4);
  row('playback at 1000 steps/s, 7 × 10 000 steps', `${r.anim.framesPerSecond.toFixed(0)} frames/s, ${r.anim.drawsPerSecond.toFixed(0)} draws/s`, '60/s', r.anim.framesPerSecond >= 55);
  const w = r.weight;
  row('page weight, gzip (wasm + JS + CSS + HTML)', `${kb(w.total.gzip)} (raw ${kb(w.total.raw)})`, '≤ 100 KB', w.total.gzip <= 100 * 1024);
  row('navigation → first contour (loopback)', `${ms(r.first.median)} ms`, '≤ 300 ms', r.first.median <= 300);

  const detail = [];
  detail.push('| figure | median | min | max |', '|---|---|---|---|');
  for (const [k, v] of Object.entries(r.simd.raster)) {
    detail.push(`| wasm SIMD ${k} | ${ms(v.wasm)} | ${ms(v.wasmMin)} | |`);
    detail.push(`| … of which sampling f | ${ms(v.wasmSample)} | | |`, `| … of which log scale → colour → RGBA | ${ms(v.wasmColour)} | | |`);
    if (r.plain) detail.push(`| wasm no SIMD ${k} | ${ms(r.plain.raster[k].wasm)} | ${ms(r.plain.raster[k].wasmMin)} | |`);
    detail.push(`| plain JS ${k} | ${ms(v.js)} | ${ms(v.jsMin)} | |`);
    detail.push(`| fast-log JS ${k} | ${ms(v.jsFastLog)} | ${ms(v.jsFastLogMin)} | |`);
    if (N(`raster/${k}`) !== undefined) detail.push(`| native ${k} | ${ms(N(`raster/${k}`))} | | |`);
  }
  detail.push(`| first playing frame (draws the trail layer whole) | ${ms(r.anim.first)} | | |`);
  for (const [name, v] of [['slider → frame', r.slider], ['animation frame', r.anim], ['first contour', r.first]]) {
    detail.push(`| ${name} | ${ms(v.median)} | ${ms(v.min)} | ${ms(v.max)} |`);
  }
  if (r.native) {
    for (const k of Object.keys(r.native).filter((k) => !k.startsWith('raster/'))) {
      detail.push(`| native ${k} | ${ms(r.native[k])} | | |`);
    }
  }
  const wt = ['| file | raw | gzip -9 |', '|---|---|---|'];
  for (const [k, v] of Object.entries(w)) wt.push(`| ${k} | ${v.raw} B | ${v.gzip} B |`);
  if (r.weightNoSimd) wt.push(`| total, no-SIMD build | ${r.weightNoSimd.total.raw} B | ${r.weightNoSimd.total.gzip} B |`);
  const check = Object.entries(r.simd.raster)
    .map(([k, v]) => `${k}: ${v.channelsDifferingFromJs} channel values differ (max by ${v.maxChannelDifference})`)
    .join('; ');
  return `# Benchmarks

Written by \`make bench\` (scripts/bench.mjs); numbers of the last run. Medians of
${r.reps} repetitions after ${r.warmup} warm-up runs, on a machine shared with other work
(expect noise; compare the ratios, measured in the same run).

- date: ${r.date}
- machine: ${r.machine.cpu}, ${r.machine.cores} cores, ${r.machine.memGiB} GiB; load average at the end ${r.machine.load}
- browser: ${r.browser} headless, software canvas (--disable-gpu), devicePixelRatio ${r.simd.devicePixelRatio}, viewport 1280×800${r.simd.crossOriginIsolated ? ', cross-origin isolated (5 µs timer)' : ''}
- native: ${r.native ? '`cargo bench --bench surface`, opt-level 3, `-C target-cpu=native`' : 'skipped (--skip-native)'}

## Budgets

| figure | this run | budget | |
|---|---|---|---|
${rows.join('\n')}

"raster" is value → log scale → colormap → RGBA for every device pixel
(1280×800 = 1 M samples) of the surface's default view, into kept buffers.
The JS versions compute the same pixels with the same colour table (${check}).
Slider and frame figures are timed on the real page, until both canvases
have finished drawing (forced by a 1-pixel read).

## Details (ms)

${detail.join('\n')}

## Page weight

${wt.join('\n')}
`;
}

main().catch((e) => { console.error(e); process.exit(1); });
