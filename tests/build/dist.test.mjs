// The release build (scripts/build.mjs) as it lands in dist/: the page's
// tags are the build's, every integrity hash is its file's, the copied files
// are www/'s, wasm-opt's kept output is what wasm-opt writes, and the build
// names a missing tool with its install command.
//   node --test tests/build/      (after node scripts/build.mjs; GRADSCAPE_DIST to test another dist)
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { test } from 'node:test';
import { COPY, WASM_OPT_ARGS, pageHtml, sri, wasmOpt, wasmSize } from '../../scripts/build.mjs';

const ROOT = resolve(import.meta.dirname, '../..');
const DIST = resolve(process.env.GRADSCAPE_DIST ?? join(ROOT, 'dist'));
const page = () => readFileSync(join(DIST, 'index.html'), 'utf8');

function filesUnder(dir) {
  if (!statSync(dir).isDirectory()) return [dir];
  return readdirSync(dir).flatMap((n) => filesUnder(join(dir, n)));
}

test('the built page has no build-time markup left', () => {
  const html = page();
  assert.doesNotMatch(html, /data-trunk/);
  assert.doesNotMatch(html, /<!-- build: assets/);
  assert.match(html, /<script type="module" src="\.\/boot\.js"><\/script>/);
});

test('every integrity hash in index.html is the sha384 of its file', () => {
  // The wasm preload's as data-integrity (what the loaders' fetch carries:
  // Chromium ignores, and warns of, integrity on an as="fetch" preload).
  const tags = page().match(/<(?:link|script)\b[^>]*\b(?:data-)?integrity="[^"]*"[^>]*>/g) ?? [];
  const named = tags.map((tag) => {
    const url = tag.match(/\b(?:href|src)="\.\/([^"]+)"/)[1];
    const attr = url === 'gradscape_bg.wasm' ? 'data-integrity' : 'integrity';
    assert.equal(tag.match(new RegExp(`\\s${attr}="([^"]*)"`))?.[1], sri(join(DIST, url)), `${url}'s ${attr}`);
    return url;
  });
  // The early start, the stylesheet, the glue and the wasm are checked, none left out.
  assert.deepEqual(named.sort(), ['early.js', 'gradscape.js', 'gradscape_bg.wasm', 'style.css']);
  // Cross-origin preloads, as the loader fetches them (else the browser fetches twice).
  for (const tag of tags.filter((t) => t.includes('preload'))) assert.match(tag, /crossorigin="anonymous"/);
});

test('index.html is www/index.html with the build tags at the marker', () => {
  const src = readFileSync(join(ROOT, 'www', 'index.html'), 'utf8');
  assert.equal(page(), pageHtml(src, (name) => sri(join(DIST, name)), readFileSync(join(DIST, 'gradscape_bg.wasm'))));
  // The loading panel says how big the wasm is, in both languages.
  const { raw, gzip } = wasmSize(readFileSync(join(DIST, 'gradscape_bg.wasm')));
  assert.match(raw, /^\d+\.\d MB$/);
  assert.match(gzip, /^\d+0 KB$/);
  assert.ok(page().includes(`(WebAssembly, ${raw}, about ${gzip} compressed)`));
  assert.ok(page().includes(`（WebAssembly，${raw}，压缩后约 ${gzip}）`));
  assert.doesNotMatch(page(), /\{wasm-/);
  assert.throws(() => pageHtml(src, (name) => sri(join(DIST, name))), /needs the wasm/);
});

test('the copied www/ files are in dist/ as they are, and the npm package is whole', () => {
  for (const name of COPY) {
    for (const file of filesUnder(join(ROOT, 'www', name))) {
      const rel = relative(join(ROOT, 'www'), file);
      assert.ok(readFileSync(join(DIST, rel)).equals(readFileSync(file)), `dist/${rel} differs from www/${rel}`);
    }
  }
  const pkg = JSON.parse(readFileSync(join(DIST, 'package.json'), 'utf8'));
  for (const name of pkg.files) assert.ok(existsSync(join(DIST, name)), `dist/${name} (in package.json's files)`);
  // The example deck's reveal.js (from node_modules) sits beside it.
  for (const f of ['reveal.js', 'reveal.css', 'reset.css', 'theme/white.css', 'LICENSE']) {
    assert.ok(existsSync(join(DIST, 'examples', 'reveal', f)), `dist/examples/reveal/${f}`);
  }
  // No staging or old copy left beside dist/.
  const left = readdirSync(resolve(DIST, '..')).filter((n) => n.startsWith(`${DIST.split('/').pop()}.`));
  assert.deepEqual(left, []);
});

test('the page template must keep exactly one marker and no data-trunk line', () => {
  const integrity = (name) => `sha384-${name}`;
  assert.throws(() => pageHtml('<head></head>', integrity), /<!-- build: assets … --> exactly once/);
  assert.throws(() => pageHtml('<head><!-- build: assets --><!-- build: assets --></head>', integrity), /found 2/);
  assert.throws(
    () => pageHtml('<head><!-- build: assets --><link data-trunk rel="css" href="a.css"/></head>', integrity),
    /data-trunk/,
  );
  const html = pageHtml('<head>\n  <!-- build: assets. A note\n  on two lines. -->\n</head>', integrity);
  assert.match(html, /^<head>\n {2}<link rel="modulepreload"/);
  // The early start and the loader after the wasm's preload, whose URL and
  // integrity they read (www/early.js, www/boot.js); the early start before
  // the stylesheet, so that it does not wait for it (a classic script
  // waits for the stylesheets above it).
  const at = (s) => html.indexOf(s);
  assert.ok(at('rel="preload" href="./gradscape_bg.wasm"') < at('src="./early.js"'), html);
  assert.ok(at('src="./early.js"') < at('href="./style.css"'), html);
  assert.ok(at('rel="preload" href="./gradscape_bg.wasm"') < at('src="./boot.js"'), html);
  assert.doesNotMatch(html, /A note/);
});

// Runs the build with only `tools` on PATH (shell scripts answering --version).
function buildWith(tools) {
  const dir = mkdtempSync(join(tmpdir(), 'gradscape-build-'));
  for (const [name, answer] of Object.entries(tools)) {
    writeFileSync(join(dir, name), `#!/bin/sh\necho '${answer}'\n`);
    chmodSync(join(dir, name), 0o755);
  }
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs'), '--dist', join(dir, 'dist')], {
    encoding: 'utf8',
    env: { ...process.env, PATH: dir },
  });
  const madeDist = readdirSync(dir).some((n) => n.startsWith('dist'));
  rmSync(dir, { recursive: true, force: true });
  return { ...r, madeDist };
}

test('a missing or wrong tool stops the build at once, named with how to install it', () => {
  const noCargo = buildWith({});
  assert.equal(noCargo.status, 1);
  assert.match(noCargo.stderr, /cargo not found: install Rust with rustup/);
  const lock = readFileSync(join(ROOT, 'Cargo.lock'), 'utf8');
  const want = lock.match(/name = "wasm-bindgen"\nversion = "([^"]+)"/)[1];
  const oldBindgen = buildWith({ cargo: 'cargo 1.95.0', 'wasm-bindgen': 'wasm-bindgen 0.2.1' });
  assert.equal(oldBindgen.status, 1);
  assert.match(oldBindgen.stderr, new RegExp(`found wasm-bindgen 0\\.2\\.1 .*cargo install wasm-bindgen-cli --version ${want.replaceAll('.', '\\.')}`));
  // Nothing was staged or written.
  assert.equal(oldBindgen.madeDist, false);
});

test("wasm-opt's kept output is byte for byte what wasm-opt writes, and only for the same input", async () => {
  const bin = join(ROOT, 'node_modules', '.bin');
  const dir = mkdtempSync(join(tmpdir(), 'gradscape-opt-'));
  try {
    const wat = (k) => `(module (func (export "f") (param i32) (result i32) (local i32)
      (local.set 1 (i32.add (local.get 0) (i32.const ${k}))) (i32.mul (local.get 1) (i32.const 2))))`;
    for (const k of [1, 7]) {
      writeFileSync(join(dir, `in${k}.wat`), wat(k));
      assert.equal(spawnSync(join(bin, 'wasm-as'), [join(dir, `in${k}.wat`), '-o', join(dir, `in${k}.wasm`)]).status, 0);
    }
    const direct = join(dir, 'direct.wasm');
    assert.equal(spawnSync(join(bin, 'wasm-opt'), [...WASM_OPT_ARGS, join(dir, 'in1.wasm'), '-o', direct]).status, 0);
    const want = readFileSync(direct);
    // The optimizer changes this module, so a copy of the input would not pass.
    assert.notDeepEqual(want, readFileSync(join(dir, 'in1.wasm')));
    const tool = { opt: join(bin, 'wasm-opt'), optVersion: 'wasm-opt version 132 (version_132)' };
    const cache = join(dir, 'cache');
    const opt = async (input, t = tool) => {
      const f = join(dir, `work-${Math.random()}.wasm`);
      writeFileSync(f, readFileSync(join(dir, input)));
      return { kept: await wasmOpt(t, f, cache), bytes: readFileSync(f) };
    };
    const first = await opt('in1.wasm');
    assert.equal(first.kept, false);
    assert.deepEqual(first.bytes, want);
    const second = await opt('in1.wasm');
    assert.equal(second.kept, true);
    assert.deepEqual(second.bytes, want);
    // Another version of wasm-opt runs again.
    assert.equal((await opt('in1.wasm', { ...tool, optVersion: 'wasm-opt version 133' })).kept, false);
    // Another input runs again and is optimized for itself; one output is kept.
    const other = await opt('in7.wasm');
    assert.equal(other.kept, false);
    assert.notDeepEqual(other.bytes, want);
    assert.equal(readdirSync(cache).length, 1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
