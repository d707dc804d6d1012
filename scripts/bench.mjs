#!/usr/bin/env node
// `make bench`: every row of issue 16's table measured on the real page (and
// the kernels of issue 7 beside them, natively and in the browser), in one
// run; prints the tables and writes BENCHMARKS.md (+ BENCHMARKS.json).
//
//   node scripts/bench.mjs [--only ROW,ROW…] [--reps N] [--warmup N]
//                          [--inputs N] [--skip-native] [--no-nosimd]
//                          [--no-profile] [--out FILE | --no-write]
//
// ROW is one of: drag-open, drag-closed, surface, raster, play, weight,
// first, native (default: all). --reps is the repetitions of each timed
// case (default 25; surface changes and throttled loads use fewer, see
// below), --inputs the slider inputs per drag row (default 40, at least 30).
// A run with --only writes its rows only; use --no-write to keep
// BENCHMARKS.md.
//
// Expects dist/ (node scripts/build.mjs) and, unless --no-nosimd, dist-nosimd/
// (the same build without wasm SIMD); scripts/dev.sh bench builds both.
// Native figures come from `cargo bench --bench surface` built with
// -C target-cpu=native (its own target dir), read from criterion's
// estimates.json.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import {
  ROOT, serveMounts, launch, benchPage, firstHeatmap, sliderDrag, surfaceChange, animationFrame, pageWeight,
} from './bench-lib.mjs';
import { render } from './bench-report.mjs';

const ROWS = ['drag-open', 'drag-closed', 'surface', 'raster', 'play', 'weight', 'first', 'native'];
const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const num = (name, dflt, min) => {
  const v = Number(opt(name, dflt));
  if (!Number.isInteger(v) || v < min) throw new Error(`${name} wants a whole number ≥ ${min}, got ${opt(name, dflt)}`);
  return v;
};
const REPS = num('--reps', 25, 1);
const WARMUP = num('--warmup', 5, 0);
const INPUTS = Math.max(30, num('--inputs', 40, 1));
const ONLY = opt('--only', ROWS.join(',')).split(',').filter(Boolean);
for (const r of ONLY) if (!ROWS.includes(r)) throw new Error(`--only: unknown row ${r} (rows: ${ROWS.join(', ')})`);
const want = (row) => ONLY.includes(row) && !(row === 'native' && flag('--skip-native'));
const OUT = opt('--out', join(ROOT, 'BENCHMARKS.md'));
const NATIVE_TARGET = join(ROOT, 'target', 'bench-native');
// The throttled first load of issue 16: 1.6 Mbps down and up, 150 ms RTT.
const SLOW = { latency: 150, kbps: 1600 };

function log(msg) { console.error(`==> ${msg}  [load ${loadavg()[0].toFixed(2)}]`); }

// Native: criterion's median point estimate (ms) per benchmark id.
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
    return JSON.parse(readFileSync(f, 'utf8')).median.point_estimate / 1e6;
  };
  const out = {};
  for (const kind of ['bowl', 'rosenbrock']) {
    for (const size of ['1280x800', '2560x1600']) {
      out[`raster/${kind}/${size}`] = read(`raster/${kind}/${size}`);
      out[`isolines/${kind}/${size}`] = read(`isolines/${kind}/${size}`);
      out[`picture/${kind}/${size}`] = read(`picture/${kind}/${size}`);
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
  return { cpu: model, cores: c.length, memGiB: (totalmem() / 2 ** 30).toFixed(1) };
}

const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');

async function main() {
  const dist = join(ROOT, 'dist');
  const nosimd = join(ROOT, 'dist-nosimd');
  if (!existsSync(join(dist, 'index.html'))) throw new Error('no dist/: run node scripts/build.mjs (scripts/dev.sh bench does)');
  const withNoSimd = want('raster') && !flag('--no-nosimd');
  if (withNoSimd && !existsSync(join(nosimd, 'index.html'))) throw new Error('no dist-nosimd/: run scripts/dev.sh bench, or pass --no-nosimd');
  const report = {
    date: new Date().toISOString(), machine: machine(), loadStart: load(),
    reps: REPS, warmup: WARMUP, inputs: INPUTS, rows: ONLY,
  };
  log(`machine: ${report.machine.cpu}, ${report.machine.cores} cores; load average ${report.loadStart}`);
  if (want('native')) report.native = native();
  const mounts = { '/': dist, '/bench/': join(ROOT, 'www', 'bench') };
  if (withNoSimd) Object.assign(mounts, { '/nosimd/': nosimd, '/nosimd/bench/': join(ROOT, 'www', 'bench') });
  const server = await serveMounts(mounts);
  const browser = await launch();
  report.browser = `Chromium ${browser.version()}`;
  const o = { reps: REPS, warmup: WARMUP };
  const profile = !flag('--no-profile');
  try {
    if (want('drag-open')) {
      log(`η slider drag, 9 × 1000 steps, every panel open (≥ ${INPUTS} inputs)`);
      report.dragOpen = await sliderDrag(browser, server.url, { inputs: INPUTS, steps: 1000, open: true, profile });
    }
    if (want('drag-closed')) {
      log(`η slider drag, 9 × 1000 steps, panels closed (≥ ${INPUTS} inputs)`);
      report.dragClosed = await sliderDrag(browser, server.url, { inputs: INPUTS, steps: 1000, open: false, profile });
    }
    if (want('surface')) {
      // A surface change is 30–700 ms on today's page: 15 of each is enough for a median.
      const reps = Math.min(REPS, 15);
      log(`surface change → painted frame, 1750×1020 device px (${reps} reps per surface)`);
      report.surface = await surfaceChange(browser, server.url, { reps, warmup: Math.min(WARMUP, 2), profile });
    }
    if (want('raster')) {
      log(`bench page: the page's surface renderer and the kernels (wasm SIMD build, ${REPS} reps after ${WARMUP} warm-up)`);
      report.simd = await benchPage(browser, server.url, o);
      if (withNoSimd) {
        log('bench page (no-SIMD build)');
        report.plain = await benchPage(browser, `${server.url}/nosimd`, o);
      }
    }
    if (want('play')) {
      log('playing 7 × 10 000 steps at 1000 steps/s');
      report.anim = await animationFrame(browser, server.url, { ...o, steps: 10000 });
      // The browser's whole frame from a trace (not timed with the trace
      // running: it slows the page a little).
      log('the same traced, panels closed and every panel open');
      report.animTraced = await animationFrame(browser, server.url, { ...o, steps: 10000, trace: true });
      report.animOpen = await animationFrame(browser, server.url, { ...o, steps: 10000, open: true, trace: true });
    }
    if (want('first') || want('weight')) {
      log('navigation → first heatmap (loopback)');
      report.first = await firstHeatmap(browser, server.url, { reps: want('first') ? Math.max(3, REPS) : 1 });
      report.weight = report.first.fetched.map((f) => {
        const path = join(dist, f.file);
        return { ...f, gzip: existsSync(path) ? gzipSync(readFileSync(path), { level: 9 }).length : f.wire };
      });
      if (withNoSimd) report.weightNoSimd = await pageWeight(nosimd);
    }
    if (want('first')) {
      const reps = Math.max(2, Math.min(REPS, 5));
      log(`navigation → first heatmap at ${SLOW.kbps / 1000} Mbps, ${SLOW.latency} ms RTT (${reps} loads)`);
      report.firstSlow = await firstHeatmap(browser, server.url, { reps, network: SLOW });
    }
  } finally {
    await browser.close();
    await server.close();
  }
  report.loadEnd = load();
  const md = render(report);
  console.log(md);
  if (!flag('--no-write')) {
    writeFileSync(OUT, md);
    writeFileSync(OUT.replace(/\.md$/, '.json'), `${JSON.stringify(report, null, 1)}\n`);
    log(`wrote ${OUT}`);
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
