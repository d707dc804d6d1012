// Starts the two slowest steps of gradscape's start while the page is still
// being parsed: the wasm's compilation (from the build's preload of it: the
// same request, URL, mode and integrity) and the glue's import. A classic
// script in <head>, not a module: modules (www/boot.js, which uses these)
// run only after the whole page is parsed, laid out and first painted,
// 40–60 ms later on loopback. boot.js does what is left, and compiles the
// wasm itself when this did not (a page without it, the one-file build, a
// server sending the wasm as another type).
(() => {
  const preload = document.querySelector('link[rel="preload"][as="fetch"][type="application/wasm"]');
  if (!preload || typeof WebAssembly.compileStreaming !== 'function') return;
  const compiled = WebAssembly.compileStreaming(fetch(preload.href, { integrity: preload.integrity }));
  const glue = import('./gradscape.js');
  // Failures are boot.js's to report (it awaits both).
  compiled.catch(() => {});
  glue.catch(() => {});
  globalThis.gradscapeEarly = { compiled, glue };
})();
