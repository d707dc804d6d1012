// The release folder works from any sub-path of a static host and asks
// nothing of any other origin (no CDN, fonts or analytics).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch } from './support.mjs';

test('served from a sub-path, the page loads, draws and requests only its own origin', async () => {
  const server = await serve(undefined, '/notes/ml/gradscape/');
  const browser = await launch();
  try {
    const page = await browser.newPage();
    const requests = [];
    const errors = [];
    page.on('request', (r) => requests.push(r.url()));
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    await page.goto(server.url + '?opt=gd:lr=0.4');
    await page.waitForSelector('canvas#plot[data-ready="true"]');
    const origin = new URL(server.url).origin;
    const foreign = requests.filter((u) => !u.startsWith(origin) && !u.startsWith('data:'));
    assert.deepEqual(foreign, []);
    assert.ok(requests.some((u) => u.includes('/notes/ml/gradscape/') && u.endsWith('.wasm')), 'the wasm comes from the sub-path');
    assert.deepEqual(errors, []);
    const s = JSON.parse(await page.evaluate(() => window.wasmBindings.page_state()));
    assert.equal(s.scene.optimizers.length, 1);
  } finally {
    await browser.close();
    await server.close();
  }
});
