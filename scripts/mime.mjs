// Content types of the files gradscape serves: dist/ under `make serve`
// (scripts/serve.mjs), the browser tests' and the bench's servers
// (tests/e2e/support.mjs, scripts/bench-lib.mjs).
export const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.txt': 'text/plain; charset=utf-8',
};
