// Screenshot of the release build (run `make dist` first):
//   node scripts/screenshot.mjs OUT.png WIDTH HEIGHT DPR [light|dark] [SCENE.json] [STEP]
// The README's pictures: docs/screenshot.png 1366 768 1, and
// docs/diverging.png 1366 768 1 light examples/scenes/gd-vs-momentum-eta-0.6.json 7.
import { readFile } from 'node:fs/promises';
import { serve, launch } from '../tests/e2e/support.mjs';

const [,, out, w = '1366', h = '768', dpr = '1', theme = 'light', scenePath, step] = process.argv;
const server = await serve('dist');
const browser = await launch();
try {
  const ctx = await browser.newContext({
    viewport: { width: +w, height: +h }, deviceScaleFactor: +dpr, colorScheme: theme === 'dark' ? 'dark' : 'light',
  });
  const page = await ctx.newPage();
  await page.goto(server.url);
  await page.waitForSelector('canvas#plot[data-ready="true"]');
  if (scenePath) {
    const text = await readFile(scenePath, 'utf8');
    await page.evaluate((t) => window.wasmBindings.set_scene_json(t), text);
  }
  if (step !== undefined) {
    await page.evaluate((s) => {
      const scrub = document.getElementById('scrub');
      scrub.value = s;
      scrub.dispatchEvent(new Event('input'));
    }, step);
  }
  await page.screenshot({ path: out, fullPage: true });
} finally {
  await browser.close();
  await server.close();
}
