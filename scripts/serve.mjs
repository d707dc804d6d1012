#!/usr/bin/env node
// `make serve`: builds the page (scripts/build.mjs), then serves dist/ on
// http://127.0.0.1:8080 and rebuilds when a source changes.
//
//   node scripts/serve.mjs [--port N]
//
// It watches src/, crates/, www/, Cargo.toml and Cargo.lock; changes are
// gathered for DEBOUNCE_MS, then one build runs (a change during a build
// queues one more). A failed build prints its error and the server keeps
// serving the last good dist/ (scripts/build.mjs replaces dist/ only when a
// build is whole). Reload the page to see a rebuild: there is no autoreload
// script, since the page's CSP refuses inline script.
import { spawn } from 'node:child_process';
import { watch } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TYPES } from './mime.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DIST = join(ROOT, 'dist');
const HOST = '127.0.0.1';
const DEBOUNCE_MS = 300;
const WATCHED_DIRS = ['src', 'crates', 'www'];
const WATCHED_FILES = ['Cargo.toml', 'Cargo.lock'];


const log = (msg) => process.stderr.write(`\x1b[1m[serve] ${msg}\x1b[0m\n`);

let port = 8080;
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === '--port' && /^\d+$/.test(argv[i + 1] ?? '')) port = Number(argv[++i]);
  else {
    process.stderr.write('usage: node scripts/serve.mjs [--port N]\n');
    process.exit(2);
  }
}

// The file under dist/ for a URL path, or null outside it.
function fileFor(pathname) {
  let rel;
  try {
    rel = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  const path = normalize(join(DIST, rel));
  return path === DIST || path.startsWith(DIST + sep) ? path : null;
}

async function readServed(path) {
  const file = (await stat(path)).isDirectory() ? join(path, 'index.html') : path;
  return { file, body: await readFile(file) };
}

const server = createServer(async (req, res) => {
  const path = fileFor(new URL(req.url, 'http://localhost').pathname);
  if (!path) return res.writeHead(403).end('forbidden\n');
  let got;
  try {
    got = await readServed(path);
  } catch {
    // dist/ is swapped by two renames: a request that falls between them
    // finds nothing for a moment, so look once more.
    await new Promise((ok) => setTimeout(ok, 100));
    try {
      got = await readServed(path);
    } catch {
      return res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found\n');
    }
  }
  res.writeHead(200, {
    'content-type': TYPES[extname(got.file)] ?? 'application/octet-stream',
    // A reload always gets the latest build.
    'cache-control': 'no-store',
  });
  res.end(req.method === 'HEAD' ? undefined : got.body);
});

// --- builds --------------------------------------------------------------
let child = null;
let pending = [];
let listening = false;

function build(reasons) {
  if (child) {
    pending.push(...reasons);
    return;
  }
  const t0 = performance.now();
  log(reasons.length ? `rebuilding (${[...new Set(reasons)].slice(0, 5).join(', ')})` : 'building');
  child = spawn(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'inherit' });
  child.on('close', (code, signal) => {
    child = null;
    const s = ((performance.now() - t0) / 1000).toFixed(1);
    if (code === 0) log(`build done in ${s} s${listening ? ': reload the page' : ''}`);
    else log(`build FAILED (${signal ?? `exit ${code}`}) after ${s} s; serving the last good dist/ (if any)`);
    // The first build comes before the server, so the first page is the sources' page.
    if (!listening) listen();
    if (pending.length) {
      const again = pending;
      pending = [];
      build(again);
    }
  });
}

let timer = null;
let changed = [];
function changedFile(name) {
  // Editors' swap and backup files are not sources.
  if (!name || /(^|\/)(\.#|#)|~$|\.sw[px]$|(^|\/)4913$/.test(name)) return;
  changed.push(name);
  clearTimeout(timer);
  timer = setTimeout(() => {
    const reasons = changed;
    changed = [];
    build(reasons);
  }, DEBOUNCE_MS);
}

for (const dir of WATCHED_DIRS) {
  watch(join(ROOT, dir), { recursive: true }, (_, name) => name && changedFile(`${dir}/${name}`));
}
// The folder, not the two files: an editor that saves by renaming would
// leave a watch on the old file.
watch(ROOT, (_, name) => WATCHED_FILES.includes(name) && changedFile(name));

for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    child?.kill('SIGTERM');
    process.exit(0);
  });
}

server.on('error', (e) => {
  process.stderr.write(`error: cannot listen on ${HOST}:${port}: ${e.message} (another server running? try --port)\n`);
  process.exit(1);
});
function listen() {
  listening = true;
  server.listen(port, HOST, () => {
    log(`serving dist/ on http://${HOST}:${server.address().port}/ (Ctrl-C to stop); watching ${[...WATCHED_DIRS, ...WATCHED_FILES].join(', ')}`);
  });
}
build([]);
