#!/usr/bin/env node
// One offline file: turns the release build (dist/ from `node
// scripts/build.mjs`) into dist/gradscape.html, which opens by double-click from
// file://, a USB stick or a learning-management system, and fetches nothing.
//
//   node scripts/offline.mjs [DIST [OUT]]    (default dist → DIST/gradscape.html)
//
// From file:// a page cannot load module scripts or fetch its wasm, so
// everything goes inline: style.css in one <style>; the wasm-bindgen glue
// (gradscape.js, its exports gathered into one object) and the loader
// (boot.js, given that object and the wasm bytes instead of the two URLs)
// in one <script type="module">, with zh.json (the Chinese tables) as a
// string in it; the wasm gzipped and base64-encoded inside
// that script, unpacked with DecompressionStream('gzip') (Chromium 80,
// Firefox 113, Safari 16.4): 0.37 MB of text instead of 0.84 MB as plain
// base64, which matters for an upload limit or a USB copy, since nothing
// compresses the file there. The Content-Security-Policy stays strict: the
// two inline blocks are allowed by their SHA-256 hashes, plus
// 'wasm-unsafe-eval'; no 'self', and default-src 'none', so nothing can be
// requested. The examples/ folder is not part of the file.
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

// Replace `from` (exactly once) in `text`, or stop: a changed source must
// fail the build here, not produce a file that half works.
function replaceOnce(text, from, to, what) {
  const n = text.split(from).length - 1;
  if (n !== 1) throw new Error(`offline: expected one ${what} (${JSON.stringify(from)}), found ${n}`);
  return text.replace(from, () => to);
}

// The glue as a function body returning its exports: `export function f`
// and `export class C` lose the keyword, `export { a, b as default }` becomes
// the returned object's entries. Inside a function, its own top-level
// names cannot collide with the loader's.
function glueAsObject(glue) {
  if (/^\s*import\s/m.test(glue)) throw new Error('offline: the glue imports another module');
  const names = [];
  let body = glue.replace(/^export (function|class|const|let|async function) ([A-Za-z_$][\w$]*)/gm, (_, kind, name) => {
    names.push([name, name]);
    return `${kind} ${name}`;
  });
  body = body.replace(/^export \{([^}]*)\};?\s*$/gm, (_, list) => {
    for (const item of list.split(',').map((s) => s.trim()).filter(Boolean)) {
      const m = item.match(/^([\w$]+)(?:\s+as\s+([\w$]+))?$/);
      if (!m) throw new Error(`offline: unexpected export ${item}`);
      names.push([m[1], m[2] ?? m[1]]);
    }
    return '';
  });
  if (/^export\b/m.test(body)) throw new Error('offline: an export of the glue was not understood');
  if (!names.some(([, as]) => as === 'default')) throw new Error('offline: the glue has no default (init) export');
  const entries = names.map(([name, as]) => (name === as ? name : `${as}: ${name}`)).join(', ');
  return `(() => {\n${body}\nreturn Object.freeze({ ${entries} });\n})()`;
}

const sha256 = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

// Build the single file's text from the release folder's files.
export async function offlineHtml(dist) {
  const read = (name) => readFile(join(dist, name), 'utf8');
  const [index, css, boot, glue, wasm, zh] = await Promise.all([
    read('index.html'), read('style.css'), read('boot.js'), read('gradscape.js'),
    readFile(join(dist, 'gradscape_bg.wasm')), read('zh.json'),
  ]);

  // The loader, given the glue and the bytes instead of their URLs; the
  // rest of it (loading panel, error banner, window.wasmBindings) is as served.
  let loader = replaceOnce(boot, "import('./gradscape.js')", 'Promise.resolve(gradscapeGlue)', 'glue import in boot.js');
  loader = replaceOnce(loader, "new URL('./gradscape_bg.wasm', import.meta.url)", 'await gradscapeWasm()', 'wasm URL in boot.js');
  // The Chinese tables (zh.json) as a string: a Response of it stands for the fetch.
  loader = replaceOnce(loader, "fetch(new URL('./zh.json', import.meta.url))", 'Promise.resolve(new Response(gradscapeZhText))', 'zh.json fetch in boot.js');
  const packed = gzipSync(wasm, { level: 9 }).toString('base64');
  const script = [
    '// gradscape as one file (scripts/offline.mjs): the wasm-bindgen glue, the wasm and the loader (www/boot.js).',
    `const gradscapeGlue = ${glueAsObject(glue)};`,
    `const gradscapeZhText = ${JSON.stringify(zh)};`,
    '// The wasm, gzipped and base64-encoded, unpacked in memory (no fetch).',
    'const gradscapeWasm = async () => {',
    `  const packed = Uint8Array.from(atob('${packed}'), (c) => c.charCodeAt(0));`,
    "  const stream = new Blob([packed]).stream().pipeThrough(new DecompressionStream('gzip'));",
    '  return new Uint8Array(await new Response(stream).arrayBuffer());',
    '};',
    loader,
  ].join('\n');
  // Raw text elements end at the first `</script` / `</style`; `<!--` in a
  // script changes how the HTML parser reads it.
  if (/<\/script|<!--/i.test(script)) throw new Error('offline: the script contains </script or <!--');
  if (/<\/style/i.test(css)) throw new Error('offline: the CSS contains </style');

  const csp = [
    "default-src 'none'",
    `script-src ${sha256(script)} 'wasm-unsafe-eval'`,
    `style-src ${sha256(css)}`,
    'img-src data: blob:',
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');

  let html = index;
  html = html.replace(
    /<!--[^]*?-->\s*<meta http-equiv="Content-Security-Policy"[^>]*>/,
    () => '<!-- One file (scripts/offline.mjs): its only script and its only style are\n'
      + "       allowed by their SHA-256 hashes, WebAssembly by 'wasm-unsafe-eval'; nothing\n"
      + '       may be fetched (default-src \'none\'). -->\n'
      + `  <meta http-equiv="Content-Security-Policy"\n    content="${csp}" />`,
  );
  if (!html.includes(csp)) throw new Error('offline: the Content-Security-Policy of index.html was not found');
  html = html.replace(/<link rel="stylesheet" href="\.\/style\.css"[^>]*>/, '@@STYLE@@');
  html = html.replace(/<script type="module" src="\.\/boot\.js"><\/script>/, '@@SCRIPT@@');
  // The early start (www/early.js: a served page's head start; boot.js
  // does its work here) and the build's preload hints for the two files
  // that are now inline.
  html = html.replace(/<script src="\.\/early\.js"[^>]*><\/script>/, '');
  html = html.replace(/<link rel="(?:modulepreload|preload)" href="\.\/gradscape[^>]*>/g, '');
  // "Open the default scene" and "open in gradscape" lead to this file
  // (whatever it is called), not to its folder.
  html = html.replace(/ href="\.\/"/g, ' href="?"');
  if (!html.includes('@@STYLE@@') || !html.includes('@@SCRIPT@@')) {
    throw new Error('offline: index.html no longer links style.css and boot.js as expected');
  }
  // Nothing left that points at another file.
  const ref = html.match(/\s(?:src|href)="(?!data:|\?|#)[^"]*"/);
  if (ref) throw new Error(`offline: index.html still refers to a file: ${ref[0].trim()}`);
  return html
    .replace('@@STYLE@@', () => `<style>${css}</style>`)
    .replace('@@SCRIPT@@', () => `<script type="module">${script}</script>`);
}

// Write DIST/gradscape.html (or `out`); returns its path and sizes.
export async function writeOffline(dist = 'dist', out = join(dist, 'gradscape.html')) {
  const html = await offlineHtml(resolve(dist));
  await writeFile(out, html);
  const bytes = Buffer.byteLength(html);
  return { out, bytes, gzipped: gzipSync(html, { level: 9 }).length };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [dist = 'dist', out] = process.argv.slice(2);
  try {
    const r = await writeOffline(dist, out);
    const kb = (n) => `${(n / 1024).toFixed(0)} KB`;
    console.log(`${r.out}: ${kb(r.bytes)} (what a USB stick or an LMS upload holds; ${kb(r.gzipped)} if a server gzips it)`);
  } catch (e) {
    console.error(e.message);
    process.exit(1);
  }
}
