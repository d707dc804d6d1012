// What the page's bytes are: `node scripts/weight.mjs [wasm] [dist]`.
//
// Reads the wasm as wasm-bindgen writes it, before wasm-opt (by default
// it runs wasm-bindgen on the release build's
// target/wasm32-unknown-unknown/release/gradscape.wasm into a temporary
// folder: the name section is still there), groups the code section's function bodies by crate and module,
// splits the .rodata strings into Chinese, English and panic locations,
// and prints raw and gzip -9 KB per group as a Markdown table, then the
// shipped files of `dist` (default dist/). A group's gzip is its bodies
// compressed alone, scaled so the groups add up to the whole section's
// gzip (compressed apart they lose what they share).
import { readFileSync, existsSync, mkdtempSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

function bindgen() {
  const target = process.env.CARGO_TARGET_DIR ?? 'target';
  const built = join(target, 'wasm32-unknown-unknown/release/gradscape.wasm');
  if (!existsSync(built)) throw new Error(`${built} not found: build first (node scripts/build.mjs)`);
  const out = mkdtempSync(join(tmpdir(), 'gradscape-weight-'));
  execFileSync('wasm-bindgen', ['--target=web', '--no-typescript', '--out-name=gradscape', `--out-dir=${out}`, built]);
  return join(out, 'gradscape_bg.wasm');
}
const wasmPath = process.argv[2] ?? bindgen();
const dist = process.argv[3] ?? 'dist';
const gz = (b) => gzipSync(b, { level: 9 }).length;
const br = (b) => brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const kb = (n) => (n / 1000).toFixed(1);

function leb(b, i) {
  let r = 0, s = 0, x;
  do { x = b[i++]; r += (x & 0x7f) * 2 ** s; s += 7; } while (x & 0x80);
  return [r, i];
}
const str = (b, i) => { const [n, j] = leb(b, i); return [b.subarray(j, j + n).toString('utf8'), j + n]; };

const bin = readFileSync(wasmPath);
const secs = new Map(), custom = new Map();
for (let i = 8; i < bin.length;) {
  const id = bin[i++]; const [n, j] = leb(bin, i); const body = bin.subarray(j, j + n); i = j + n;
  if (id === 0) { const [name, k] = str(body, 0); custom.set(name, body.subarray(k)); } else secs.set(id, body);
}
// Imported functions come first in the function index space.
let imported = 0;
{
  const b = secs.get(2); let [n, i] = leb(b, 0);
  for (; n > 0; n--) {
    i = str(b, i)[1]; i = str(b, i)[1]; const kind = b[i++];
    if (kind === 0) { i = leb(b, i)[1]; imported++; }
    else if (kind === 1) { i++; const f = b[i++]; i = leb(b, i)[1]; if (f & 1) i = leb(b, i)[1]; }
    else if (kind === 2) { const f = b[i++]; i = leb(b, i)[1]; if (f & 1) i = leb(b, i)[1]; }
    else if (kind === 3) i += 2;
    else if (kind === 4) { i++; i = leb(b, i)[1]; }
  }
}
const code = secs.get(10); const bodies = [];
{ let [n, i] = leb(code, 0); for (; n > 0; n--) { const [len, j] = leb(code, i); bodies.push(code.subarray(j, j + len)); i = j + len; } }
const names = new Map();
const nameSec = custom.get('name');
if (!nameSec) throw new Error(`${wasmPath} has no name section: use the wasm before wasm-opt`);
for (let i = 0; i < nameSec.length;) {
  const sub = nameSec[i++]; const [len, j] = leb(nameSec, i); i = j + len;
  if (sub !== 1) continue;
  let [n, k] = leb(nameSec, j);
  for (; n > 0; n--) { const [idx, a] = leb(nameSec, k); const [name, c] = str(nameSec, a); names.set(idx, name); k = c; }
}

// First match wins; generic std code is counted apart (its callers are
// everywhere).
const GROUPS = [
  ['PyTorch script generator', /^gradscape_text::pytorch/],
  ['animation export (web::video, export::mp4/webm)', /^gradscape::(web::video|export)/],
  ['quiz', /^gradscape(_text|_core)?::(web::)?quiz|^gradscape_core::url::quiz/],
  ['lessons', /^gradscape(_text|_core)?::(lessons?|teach|web::teach)/],
  ['serde_json + indexmap + zmij', /^(&mut )?(serde_json|serde_core|serde|indexmap|zmij|f64 as zmij|itoa)/],
  ['float formatting and parsing (std)', /^(core::num::(flt2dec|dec2flt|fmt)|core::fmt::float|f(32|64) as core::(fmt|str::traits::FromStr))/],
  ['other formatting (format!, Debug)', /^core::fmt|as core::fmt::(Debug|Display)|^(u8|u16|u32|u64|usize|i32|i64)>::_fmt|^char>::escape/],
  ['text layer: lookup and wording', /^gradscape_text/],
  ['core: inspect (state panel rules)', /^gradscape_core::inspect/],
  ['core: scene read/write, schedules', /^gradscape_core::(scene|schedule)/],
  ['core: url', /^gradscape_core::url/],
  ['core: optimizers', /^gradscape_core::optim/],
  ['core: surface, landscape, expressions', /^gradscape_core::(surface|landscape|expr|geometry)/],
  ['core: other', /^gradscape_core/],
  ['web: canvas drawing', /^gradscape::web::draw/],
  ['web: explainers and state panels', /^gradscape::web::(explain|state)/],
  ['web: schedule editor', /^gradscape::web::schedule/],
  ['web: <gradscape-figure>, mount', /^gradscape::web::figure/],
  ['web: render, events, DOM, controls', /^gradscape::web/],
  ['app (Model, update)', /^gradscape::app/],
  ['gradscape: other', /^gradscape::/],
  ['wasm-bindgen, web-sys, js-sys glue', /^(wasm_bindgen|web_sys|js_sys|__wbg|__wbindgen|__externref|wasm_bindgen_futures|console_error_panic_hook)/],
  ['libm', /^(libm|hypot|exp|log|pow|sin|cos|tan|atan|cbrt)/],
  ['allocator (dlmalloc)', /^(dlmalloc|__rust_(alloc|dealloc|realloc))/],
  ['generic std code (Vec, iterators, HashMap, slices…)', /^(alloc|core|std|hashbrown|compiler_builtins|__rustc|T as|\[)/],
];
const group = (name) => {
  const s = name.replace(/\[[0-9a-f]{16}\]/g, '').replace(/^<+/, '');
  return (GROUPS.find(([, re]) => re.test(s)) ?? ['other'])[0];
};
const byGroup = new Map();
bodies.forEach((b, k) => {
  const g = group(names.get(imported + k) ?? '?');
  if (!byGroup.has(g)) byGroup.set(g, []);
  byGroup.get(g).push(b);
});
const codeGz = gz(code);
const rows = [...byGroup].map(([g, bs]) => { const all = Buffer.concat(bs); return [g, all.length, gz(all)]; });
const scale = codeGz / rows.reduce((a, r) => a + r[2], 0);

// .rodata: runs of text, by what they hold.
const data = secs.get(11);
const text = data.toString('utf8');
const runs = text.match(/[^\x00-\x08\x0e-\x1f\ufffd]{8,}/gu) ?? [];
const kinds = { 'Chinese text (tables, lessons)': [], 'panic locations (file paths)': [], 'English text, keys, JSON names': [] };
for (const r of runs) {
  if (/[\u3000-\u9fff\uff00-\uffef]/u.test(r)) kinds['Chinese text (tables, lessons)'].push(r);
  else if (/\.rs/.test(r) && /src\/|rustc|cargo/.test(r)) kinds['panic locations (file paths)'].push(r);
  else kinds['English text, keys, JSON names'].push(r);
}
const dataGz = gz(data);
const textRows = Object.entries(kinds).map(([k, v]) => { const b = Buffer.from(v.join('')); return [k, b.length, gz(b)]; });
const textRaw = textRows.reduce((a, r) => a + r[1], 0);
const textGz = textRows.reduce((a, r) => a + r[2], 0);

console.log(`${wasmPath}: ${kb(bin.length)} KB raw (name section ${kb(custom.get('name').length)} KB, dropped by wasm-opt)\n`);
console.log('| part of the wasm | raw KB | gzip KB |\n|---|---:|---:|');
for (const [g, r, z] of rows.sort((a, b) => b[2] - a[2])) console.log(`| code: ${g} | ${kb(r)} | ${kb(z * scale)} |`);
console.log(`| **code section** | **${kb(code.length)}** | **${kb(codeGz)}** |`);
for (const [g, r, z] of textRows) console.log(`| data: ${g} | ${kb(r)} | ${kb(z)} |`);
// The &str slices ((address, length) pairs into the segment): the
// message tables are arrays of them, gzip-hostile.
let slices = 0, sliceBytes = [];
{
  let i = 1; const flags = data[i++]; // one active segment at an i32.const offset
  let base = 0, s = 0, x; i++;
  do { x = data[i++]; base |= (x & 0x7f) << s; s += 7; } while (x & 0x80);
  if (x & 0x40) base -= 1 << s;
  i++; const [n, j] = leb(data, i); const seg = data.subarray(j, j + n);
  for (let k = 0; flags === 0 && k + 8 <= n; k += 4) {
    const p = seg.readUInt32LE(k), l = seg.readUInt32LE(k + 4);
    if (p >= base && l > 0 && l < 5000 && p + l <= base + n) { slices++; sliceBytes.push(seg.subarray(k, k + 8)); k += 4; }
  }
}
const sb = Buffer.concat(sliceBytes);
console.log(`| data: ${slices} string slices (address, length: the message tables' rows) | ${kb(sb.length)} | ${kb(gz(sb))} |`);
console.log(`| data: the rest (number tables, constants, other structs) | ${kb(data.length - textRaw - sb.length)} | ${kb(Math.max(0, dataGz - textGz - gz(sb)))} |`);
console.log(`| **data section** | **${kb(data.length)}** | **${kb(dataGz)}** |`);
const other = [...secs].filter(([id]) => id !== 10 && id !== 11).reduce((a, [, b]) => a + b.length, 0);
console.log(`| imports, exports, types, tables | ${kb(other)} | |`);

if (existsSync(dist)) {
  console.log('\n| shipped file | raw KB | gzip KB | brotli KB |\n|---|---:|---:|---:|');
  let raw = 0, z = 0, r = 0;
  for (const f of ['gradscape_bg.wasm', 'gradscape.js', 'early.js', 'boot.js', 'style.css', 'index.html']) {
    if (!existsSync(`${dist}/${f}`)) continue;
    const b = readFileSync(`${dist}/${f}`); raw += b.length; z += gz(b); r += br(b);
    console.log(`| ${f} | ${kb(b.length)} | ${kb(gz(b))} | ${kb(br(b))} |`);
  }
  console.log(`| **page** | **${kb(raw)}** | **${kb(z)}** | **${kb(r)}** |`);
}
