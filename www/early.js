// Starts the two slowest steps of gradscape's start while the page is still
// being parsed: the wasm's compilation (from the build's preload of it: the
// same request, URL, mode and integrity) and the glue's import. A classic
// script in <head>, not a module: modules (www/boot.js, which uses these)
// run only after the whole page is parsed, laid out and first painted,
// 40–60 ms later on loopback. boot.js does what is left, and compiles the
// wasm itself when this did not (the one-file build) or could not (a
// server sending the wasm as another type: from this fetch's response).
(() => {
  const preload = document.querySelector('link[rel="preload"][as="fetch"][type="application/wasm"]');
  // No WebAssembly at all (a locked-down browser): boot.js says so.
  if (!preload || typeof WebAssembly !== 'object' || typeof WebAssembly.compileStreaming !== 'function') return;
  const { href: url, dataset: { integrity = '' } } = preload;
  const response = fetch(url, { integrity });
  const compiled = WebAssembly.compileStreaming(response);
  const glue = import('./gradscape.js');
  // Failures are boot.js's to report (it awaits both) and, for the wasm,
  // to recover from (a server sending another type) from this response.
  response.catch(() => {});
  compiled.catch(() => {});
  glue.catch(() => {});
  globalThis.gradscapeEarly = { compiled, glue, response, url, integrity };
})();
