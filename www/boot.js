// Starts gradscape. An external module (not an inline loader), so the
// page's Content-Security-Policy needs no inline script: it loads the wasm,
// exposes its exports as window.wasmBindings (as Trunk's loader did), and
// wires the error banner's buttons in plain JS, so they work even when the
// wasm has stopped. Until the wasm has started, the static loading panel
// over the figure says what is loading (in the link's language); if the
// module or the wasm cannot be fetched or started, it becomes an error with
// a Reload button.
//
// What takes longest, the wasm's compilation (from the build's preload of
// it: the same request, same URL, mode and integrity) and the glue's
// import, side by side, were started by early.js while the page was parsed
// (or are started here, at once, without it).

// The wasm: its URL here (a served page) or its bytes (scripts/offline.mjs
// puts them in place of the URL).
const wasmSource = new URL('./gradscape_bg.wasm', import.meta.url);
// A streaming compile of `response` that failed: a server that sends the
// wasm as another type is compiled from its bytes (fetched again: the
// streaming compile may have read them); anything else is the error.
const recover = async (e, response, src, integrity) => {
  const r = await response.catch(async (err) => {
    // A fetch with an integrity fails as a whole ("Failed to fetch") when
    // the server answered with an error page: its status, asked for with
    // a HEAD (no body), names the problem (a missing file, not the
    // connection); without an answer it is the fetch's own error.
    const head = await fetch(src, { method: 'HEAD', cache: 'no-store' }).catch(() => null);
    if (head && !head.ok) return head;
    throw err;
  });
  if (!r.ok) throw new Error(`failed to fetch Wasm: ${r.status} ${r.statusText} fetching '${r.url}'`);
  if (r.headers.get('content-type') === 'application/wasm') throw e;
  const again = await fetch(src, { integrity });
  return WebAssembly.compile(await again.arrayBuffer());
};
const compileWasm = (src) => {
  if (!(src instanceof URL)) return WebAssembly.compile(src);
  // The preload's integrity (sha384, written by the build), so that this
  // fetch is the preloaded one and the bytes are checked as before.
  const preload = [...document.querySelectorAll('link[rel="preload"][as="fetch"]')].find((l) => l.href === src.href);
  const integrity = preload?.dataset.integrity ?? '';
  const response = fetch(src, { integrity });
  return WebAssembly.compileStreaming(response).catch((e) => recover(e, response, src, integrity));
};
// Started by early.js while the page was parsed, if it could (its failure
// handled as one here: no download again but for a wrong type); else now.
const early = globalThis.gradscapeEarly;
delete globalThis.gradscapeEarly;
const compiled = early
  ? early.compiled.catch((e) => recover(e, early.response, early.url, early.integrity))
  : compileWasm(wasmSource);
// Imported here, not at the top, so that a failed fetch of the glue is
// shown too (both are awaited below).
const glue = early?.glue ?? import('./gradscape.js');
compiled.catch(() => {});
glue.catch(() => {});

// The page's language as the wasm reads it: the link's (Lang::from_code),
// else the first of the browser's it speaks (web::link::browser_lang).
const speaks = (c) => /^(en|zh)(-|$)/.test(c);
const linkLang = (new URLSearchParams(location.search).get('lang') ?? '').trim().toLowerCase();
const langCode = speaks(linkLang)
  ? linkLang
  : ([...(navigator.languages ?? [])].map((c) => c.toLowerCase()).find(speaks) ?? 'en');
const zh = langCode.startsWith('zh');
// The Chinese tables are data, not part of the wasm (an English page never
// fetches them): a 中文 link fetches them alongside the wasm, so its first
// words are Chinese; an English page when the language picker is touched.
// A failed fetch is forgotten, so the next switch tries again.
let zhText = null;
const fetchZh = () => (zhText ??= fetch(new URL('./zh.json', import.meta.url))
  .then((r) => (r.ok ? r.text() : Promise.reject(new Error(`zh.json: HTTP ${r.status}`))))
  .catch((e) => {
    zhText = null;
    throw e;
  }));
if (zh) fetchZh().catch(() => {});

const loading = document.getElementById('loading');
if (loading) loading.dataset.lang = zh ? 'zh' : 'en';
// The picker shows the link's language while the rest still loads.
const langPicker = document.getElementById('lang');
if (langPicker && zh) langPicker.value = 'zh';

const banner = document.getElementById('crash');
const showCrash = (detail) => {
  if (!banner) return;
  const d = document.getElementById('crash-detail');
  if (d && !d.textContent) d.textContent = String(detail);
  banner.hidden = false;
};
const showLoadError = (detail) => {
  if (!loading) return showCrash(detail);
  loading.hidden = false;
  loading.classList.add('failed');
  loading.setAttribute('role', 'alert');
  const box = loading.querySelector('.loading-error');
  if (box) box.hidden = false;
  const d = loading.querySelector('.loading-detail');
  if (d) d.textContent = String(detail);
};
for (const id of ['crash-reload', 'loading-reload']) {
  document.getElementById(id)?.addEventListener('click', () => location.reload());
}
// A wasm trap that escaped the panic hook still shows the banner.
addEventListener('error', (e) => {
  if (e.error instanceof WebAssembly.RuntimeError) showCrash(e.error.message);
});
addEventListener('unhandledrejection', (e) => {
  if (e.reason instanceof WebAssembly.RuntimeError) showCrash(e.reason.message);
});

// A switch to 中文 before the tables are installed waits for them: the
// change event is held (capture phase, before the wasm's own listener) and
// sent again once they are in, so no English words show under 中文. The
// fetch starts as soon as the picker is touched. Without the file the
// switch goes through, in English words.
function wireLangPicker(b) {
  if (!langPicker || typeof b.install_zh !== 'function') return;
  for (const type of ['pointerdown', 'focus', 'keydown']) {
    langPicker.addEventListener(type, () => fetchZh().catch(() => {}), { once: true });
  }
  let releasing = false;
  addEventListener('change', (e) => {
    if (releasing || e.target !== langPicker || langPicker.value !== 'zh' || b.zh_installed()) return;
    e.stopImmediatePropagation();
    fetchZh()
      .then((text) => b.install_zh(text))
      .catch((err) => console.error(err))
      .finally(() => {
        // The held event, sent again (dispatchEvent runs its listeners now).
        releasing = true;
        try {
          langPicker.dispatchEvent(new Event('change', { bubbles: true }));
        } finally {
          releasing = false;
        }
      });
  }, true);
}

let bindings;
try {
  bindings = await glue;
  // Read by the wasm's start (src/web/zh.rs) before the first word; without
  // it (a failed fetch) the page still starts, in English words.
  if (zh) {
    globalThis.gradscapeZh = await fetchZh().catch((e) => {
      console.error(e);
      return null;
    });
  }
  const wasm = await bindings.default({ module_or_path: await compiled });
  window.wasmBindings = bindings;
  window.wasmMemory = wasm.memory; // read by scripts/soak.mjs
  if (loading) loading.hidden = true;
  delete globalThis.gradscapeZh;
  wireLangPicker(bindings);
  dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: {} }));
} catch (err) {
  const msg = err && err.message ? err.message : String(err);
  // A panic while starting already showed the banner; otherwise the wasm
  // never started: the loading panel's own error.
  if (banner && !banner.hidden) {
    if (loading) loading.hidden = true;
  } else if (loading && !loading.hidden) showLoadError(msg);
  else showCrash(`The page could not start: ${msg}`);
}
