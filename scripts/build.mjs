#!/usr/bin/env node
// The release build of the page: www/ + the Rust crate → dist/.
//
//   node scripts/build.mjs [--dist DIR]      (DIR relative to the current directory; default ROOT/dist)
//
// What it does, in order (what `trunk build --release` did for us, so no
// Rust tool has to be compiled for it):
//   1. cargo build --release --target wasm32-unknown-unknown --lib of the
//      root package (RUSTFLAGS, CARGO_TARGET_DIR and .cargo/config.toml
//      apply as for any cargo build; the .wasm is found in cargo's JSON);
//   2. wasm-bindgen --target=web --no-typescript --out-name=gradscape;
//   3. wasm-opt WASM_OPT_ARGS (npm `binaryen`, node_modules/.bin/wasm-opt),
//      its output kept under CARGO_TARGET_DIR by the sha256 of its input,
//      arguments and version: a build whose wasm did not change (www/ edits
//      under `make serve`) reuses it instead of a minute of -Oz;
//   3b. zh.json: the Chinese message tables as data, written by the text
//      crate's example zh_data (a native cargo run): the page's wasm is
//      built without them (feature zh-data) and a 中文 page fetches them;
//   4. index.html from www/index.html: the marker comment
//      `<!-- build: assets … -->` becomes the preloads of the glue and the
//      wasm, the early start (www/early.js), the stylesheet and the loader
//      (www/boot.js, an external module: the CSP refuses inline script),
//      each with its sha384 integrity;
//   5. the www/ files of COPY and reveal.js (for examples/slides.html).
// Everything is written into a staging folder beside DIR, which replaces DIR
// only when complete: a server never serves a half-written dist/. URLs are
// relative (./) and names carry no hash, so dist/ works from any sub-path and
// pages can `import … from "…/gradscape.js"` (an npm package, www/package.json).
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

// wasm-opt's arguments, in one place (after wasm-bindgen, on gradscape_bg.wasm).
// -Oz less two passes that shrink the raw bytes but grow the gzip (inlining
// copies small functions that gzip had folded; local-cse makes repeated code
// differ): 444.9 → 428.8 KB gzip, 1,037.9 → 1,071.2 KB raw, the raster as
// fast (README, "What the bytes are"). --strip-producers: only the list of
// tools goes.
export const WASM_OPT_ARGS = ['-Oz', '--skip-pass=inlining-optimizing', '--skip-pass=local-cse', '--strip-producers'];
// binaryen's version: the npm package pinned in package.json (132 parses
// table.fill; Debian's 108 writes a wasm that fails in the browser).
const WASM_OPT_VERSION = '132';
// Files and folders of www/ copied as they are into the dist.
export const COPY = ['style.css', 'early.js', 'boot.js', 'gradscape-figure.js', 'package.json', 'examples'];
// reveal.js next to examples/slides.html, so the deck works offline (no CDN).
const REVEAL = ['LICENSE', 'dist/reveal.js', 'dist/reveal.css', 'dist/reset.css', 'dist/theme/white.css'];
// Where www/index.html asks for the build's tags: the comment that starts
// `<!-- build: assets` (it may go on to say what the build puts there).
export const MARKER = /<!-- build: assets\b[^]*?-->/g;

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const WWW = join(ROOT, 'www');
const BIN = join(ROOT, 'node_modules', '.bin');

export class BuildError extends Error {}
const fail = (msg) => {
  throw new BuildError(msg);
};
const say = (msg) => process.stderr.write(`\x1b[1m==> ${msg}\x1b[0m\n`);

function args(argv) {
  let dist = join(ROOT, 'dist');
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--dist' && argv[i + 1]) dist = resolve(argv[++i]);
    else if (a.startsWith('--dist=')) dist = resolve(a.slice('--dist='.length));
    else if (a === '--help' || a === '-h') {
      process.stdout.write('usage: node scripts/build.mjs [--dist DIR]\n');
      process.exit(0);
    } else fail(`unknown argument ${a} (usage: node scripts/build.mjs [--dist DIR])`);
  }
  return { dist };
}

// The first line a tool prints for --version, or null when it cannot run.
function version(cmd, env) {
  const r = spawnSync(cmd, ['--version'], { encoding: 'utf8', env });
  return r.status === 0 ? r.stdout.trim() : null;
}

function lockedVersion(name) {
  const lock = readFileSync(join(ROOT, 'Cargo.lock'), 'utf8');
  const m = lock.match(new RegExp(`\\[\\[package\\]\\]\\nname = "${name}"\\nversion = "([^"]+)"`));
  return m ? m[1] : null;
}

// The tools, checked before anything is built, each with how to get it.
function tools(env) {
  const out = { cargo: 'cargo', bindgen: 'wasm-bindgen', opt: join(BIN, 'wasm-opt') };
  if (!version('cargo', env)) fail('cargo not found: install Rust with rustup (https://rustup.rs), then: rustup target add wasm32-unknown-unknown');
  const want = lockedVersion('wasm-bindgen');
  if (!want) fail('Cargo.lock names no wasm-bindgen version');
  const have = version(out.bindgen, env);
  if (have !== `wasm-bindgen ${want}`) {
    fail(`wasm-bindgen ${want} (the version of the crate in Cargo.lock) is needed, found ${have ?? 'none'} on PATH: ` +
      `cargo install wasm-bindgen-cli --version ${want}   (or: bash scripts/dev.sh tools)`);
  }
  const opt = existsSync(out.opt) ? version(out.opt, env) : null;
  if (!opt || !opt.startsWith(`wasm-opt version ${WASM_OPT_VERSION}`)) {
    fail(`wasm-opt ${WASM_OPT_VERSION} (npm package binaryen) not found in node_modules/.bin (found ${opt ?? 'none'}): npm ci`);
  }
  out.optVersion = opt;
  return out;
}

// Runs a command with its output on our stderr; resolves to its stdout when
// `capture` (cargo's JSON), fails with the command named otherwise.
function run(cmd, argv, { env, capture = false } = {}) {
  return new Promise((ok, ko) => {
    const child = spawn(cmd, argv, { cwd: ROOT, env, stdio: ['ignore', capture ? 'pipe' : 'inherit', 'inherit'] });
    let out = '';
    child.stdout?.setEncoding('utf8').on('data', (d) => (out += d));
    child.on('error', (e) => ko(new BuildError(`${cmd} could not start: ${e.message}`)));
    child.on('close', (code, signal) => {
      if (code === 0) ok(out);
      else ko(new BuildError(`${cmd} ${argv.join(' ')} failed (${signal ?? `exit ${code}`})`));
    });
  });
}

// cargo's target dir (CARGO_TARGET_DIR, .cargo/config.toml or ROOT/target),
// from the path of the wasm it built: …/TARGET/wasm32-unknown-unknown/release/x.wasm.
const targetDir = (wasm) => resolve(dirname(wasm), '..', '..');

// wasm-opt on `bg` in place, or its kept output (in `cacheDir`) for the same
// input: wasm-opt is a pure function of the bytes, the arguments and its
// version. Returns whether the kept output was used.
export async function wasmOpt(tool, bg, cacheDir, env = process.env) {
  const key = createHash('sha256')
    .update(JSON.stringify([tool.optVersion, WASM_OPT_ARGS]))
    .update(readFileSync(bg))
    .digest('hex');
  const kept = join(cacheDir, `${key}.wasm`);
  try {
    cpSync(kept, bg);
    return true;
  } catch {
    // Not kept (or removed meanwhile by another build): run it.
  }
  await run(tool.opt, [...WASM_OPT_ARGS, bg, '-o', `${bg}.opt`], { env });
  renameSync(`${bg}.opt`, bg);
  try {
    // Written under a temporary name, then renamed, so a killed build never
    // leaves a partial file under its key; only the latest is kept.
    mkdirSync(cacheDir, { recursive: true });
    cpSync(bg, `${kept}.${process.pid}`);
    renameSync(`${kept}.${process.pid}`, kept);
    for (const name of readdirSync(cacheDir)) {
      if (/^[0-9a-f]{64}\.wasm$/.test(name) && name !== basename(kept)) rmSync(join(cacheDir, name), { force: true });
    }
  } catch (e) {
    process.stderr.write(`warning: could not keep wasm-opt's output in ${cacheDir}: ${e.message}\n`);
  }
  return false;
}

async function cargoWasm(env) {
  const json = await run('cargo', ['build', '--release', '--target', 'wasm32-unknown-unknown', '--lib',
    '--manifest-path', join(ROOT, 'Cargo.toml'), '--message-format=json-render-diagnostics'], { env, capture: true });
  // The root package's cdylib: the last artifact of our manifest with a .wasm.
  let wasm = null;
  for (const line of json.split('\n')) {
    if (!line.startsWith('{')) continue;
    const msg = JSON.parse(line);
    if (msg.reason !== 'compiler-artifact' || msg.manifest_path !== join(ROOT, 'Cargo.toml')) continue;
    wasm = msg.filenames.find((f) => f.endsWith('.wasm')) ?? wasm;
  }
  if (!wasm) fail('cargo built no .wasm for the root package (is crate-type "cdylib" still in Cargo.toml?)');
  return wasm;
}

// Subresource integrity as Trunk wrote it: sha384, base64.
export const sri = (file) => `sha384-${createHash('sha384').update(readFileSync(file)).digest('base64')}`;

// How big the wasm is, for the loading panel's words (a student on a slow
// link is told what is coming): raw to a tenth of a MB, gzip (what a
// compressing server sends) to ten KB, decimal units as the README's.
export function wasmSize(bytes) {
  return {
    raw: `${(bytes.length / 1e6).toFixed(1)} MB`,
    gzip: `${Math.round(gzipSync(bytes, { level: 9 }).length / 1e4) * 10} KB`,
  };
}

// The page: www/index.html with its marker replaced by the build's tags;
// `integrity(name)` gives the sha384 of a file of the dist, and `wasm` the
// wasm's bytes, whose sizes replace {wasm-raw} and {wasm-gzip}.
export function pageHtml(src, integrity, wasm) {
  if (/\{wasm-(?:raw|gzip)\}/.test(src)) {
    if (!wasm) fail('www/index.html names the wasm\'s size ({wasm-raw}, {wasm-gzip}): the build needs the wasm');
    const size = wasmSize(wasm);
    src = src.replaceAll('{wasm-raw}', size.raw).replaceAll('{wasm-gzip}', size.gzip);
  }
  const parts = src.split(MARKER);
  if (parts.length !== 2) fail(`www/index.html must hold the comment <!-- build: assets … --> exactly once (in <head>), found ${parts.length - 1}`);
  if (/\sdata-trunk\b/.test(src)) fail('www/index.html has data-trunk attributes: nothing reads them any more (see scripts/build.mjs)');
  // The preloads first: early.js (a classic script, run as soon as it is
  // in, before the stylesheet it would otherwise wait for) starts the
  // wasm's compilation as the wasm preload's own fetch and the glue's
  // import; boot.js (a module: it runs after the page is parsed) does the
  // rest. Not `async`: Chromium ran boot.js no sooner (after the first
  // paint of the parsed page) and it needs the whole document.
  const tags = [
    `<link rel="modulepreload" href="./gradscape.js" crossorigin="anonymous" integrity="${integrity('gradscape.js')}">` +
      // The wasm's hash as data: Chromium checks no integrity on an
      // as="fetch" preload (and warns of it on every load); the loaders'
      // fetch carries it, takes the preloaded response and checks it.
      `<link rel="preload" href="./gradscape_bg.wasm" crossorigin="anonymous" data-integrity="${integrity('gradscape_bg.wasm')}" as="fetch" type="application/wasm">`,
    `<script src="./early.js" integrity="${integrity('early.js')}"></script>`,
    `<link rel="stylesheet" href="./style.css" integrity="${integrity('style.css')}"/>`,
    '<script type="module" src="./boot.js"></script>',
  ];
  // The marker's indentation for each tag, so the page's source stays readable.
  const indent = parts[0].slice(parts[0].lastIndexOf('\n') + 1);
  return parts[0] + tags.join(`\n${indent}`) + parts[1];
}

function copyReveal(stage) {
  const src = join(ROOT, 'node_modules', 'reveal.js');
  if (!existsSync(join(src, 'dist', 'reveal.js'))) {
    process.stderr.write('warning: node_modules/reveal.js missing (run npm ci): examples/slides.html will not work\n');
    return;
  }
  for (const f of REVEAL) {
    const to = join(stage, 'examples', 'reveal', f.replace(/^dist\//, ''));
    mkdirSync(dirname(to), { recursive: true });
    cpSync(join(src, f), to);
  }
}

// Staging and old folders of builds that were killed (their process is
// gone): removed, so they do not pile up beside dist/.
function removeLeftovers(dist) {
  const mine = new RegExp(`^${basename(dist).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.(?:staging|old)-(\\d+)$`);
  for (const name of existsSync(dirname(dist)) ? readdirSync(dirname(dist)) : []) {
    const pid = Number(name.match(mine)?.[1]);
    if (!pid || pid === process.pid) continue;
    try {
      process.kill(pid, 0);
    } catch (e) {
      if (e.code === 'ESRCH') rmSync(join(dirname(dist), name), { recursive: true, force: true });
    }
  }
}

export async function build(dist) {
  const t0 = performance.now();
  const step = (name) => say(`${name} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  // node_modules/.bin first, as scripts/dev.sh does, so wasm-opt is binaryen 132.
  const env = { ...process.env, PATH: `${BIN}:${process.env.PATH ?? ''}` };
  const tool = tools(env);
  const stage = `${dist}.staging-${process.pid}`;
  removeLeftovers(dist);
  rmSync(stage, { recursive: true, force: true });
  mkdirSync(stage, { recursive: true });
  // Ctrl-C (make serve's too) leaves no half build behind.
  const stop = (sig) => {
    rmSync(stage, { recursive: true, force: true });
    process.exit(sig === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', stop).once('SIGTERM', stop);
  try {
    step('cargo build --release --target wasm32-unknown-unknown --lib');
    const wasm = await cargoWasm(env);
    step(`wasm-bindgen ${relative(ROOT, wasm)}`);
    await run(tool.bindgen, ['--target=web', '--no-typescript', '--out-name=gradscape', `--out-dir=${stage}`, wasm], { env });
    step(`wasm-opt ${WASM_OPT_ARGS.join(' ')}`);
    if (await wasmOpt(tool, join(stage, 'gradscape_bg.wasm'), join(targetDir(wasm), 'wasm-opt'), env)) {
      say('  the wasm did not change: wasm-opt\'s kept output of the same input');
    }
    step('zh.json (cargo run --release -p gradscape-text --example zh_data)');
    await run('cargo', ['run', '--release', '--quiet', '--manifest-path', join(ROOT, 'Cargo.toml'),
      '-p', 'gradscape-text', '--example', 'zh_data', '--', join(stage, 'zh.json')], { env });
    step('copying www/ and writing index.html');
    for (const name of COPY) cpSync(join(WWW, name), join(stage, name), { recursive: true });
    copyReveal(stage);
    const page = pageHtml(readFileSync(join(WWW, 'index.html'), 'utf8'), (name) => sri(join(stage, name)),
      readFileSync(join(stage, 'gradscape_bg.wasm')));
    writeFileSync(join(stage, 'index.html'), page);
    // Swap: the old dist is gone only once the new one is whole.
    const old = `${dist}.old-${process.pid}`;
    if (existsSync(dist)) renameSync(dist, old);
    renameSync(stage, dist);
    rmSync(old, { recursive: true, force: true });
  } catch (e) {
    rmSync(stage, { recursive: true, force: true });
    throw e;
  }
  const shown = relative(process.cwd(), dist);
  step(`${shown && !shown.startsWith('..') ? shown : dist}/ is ready`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    await build(args(process.argv.slice(2)).dist);
  } catch (e) {
    process.stderr.write(`error: ${e instanceof BuildError ? e.message : e.stack}\n`);
    process.exit(1);
  }
}
