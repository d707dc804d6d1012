// Starts gradscape. An external module (not Trunk's inline loader), so the
// page's Content-Security-Policy needs no inline script: it loads the wasm,
// exposes its exports as window.wasmBindings (as Trunk's loader does), and
// wires the error banner's buttons in plain JS, so they work even when the
// wasm has stopped.
import init, * as bindings from './gradscape.js';

const banner = document.getElementById('crash');
const showCrash = (detail) => {
  if (!banner) return;
  const d = document.getElementById('crash-detail');
  if (d && !d.textContent) d.textContent = String(detail);
  banner.hidden = false;
};
document.getElementById('crash-reload')?.addEventListener('click', () => location.reload());
// A wasm trap that escaped the panic hook (or a failed load) still shows the banner.
addEventListener('error', (e) => {
  if (e.error instanceof WebAssembly.RuntimeError) showCrash(e.error.message);
});
addEventListener('unhandledrejection', (e) => {
  if (e.reason instanceof WebAssembly.RuntimeError) showCrash(e.reason.message);
});

try {
  const wasm = await init({ module_or_path: new URL('./gradscape_bg.wasm', import.meta.url) });
  window.wasmBindings = bindings;
  window.wasmMemory = wasm.memory; // read by scripts/soak.mjs
  dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: {} }));
} catch (err) {
  showCrash(`The page could not start: ${err && err.message ? err.message : err}`);
}
