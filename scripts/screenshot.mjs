// Screenshot of the release build (run `make dist` first):
//   node scripts/screenshot.mjs OUT.png WIDTH HEIGHT DPR [light|dark] [SCENE.json | ?QUERY] [STEP]
// A SCENE.json is loaded into the default page and the whole page is shot;
// a ?QUERY (a link: `?lesson=3&present`) is opened and the window is shot,
// what a class sees. The README's pictures:
//   docs/screenshot.png 1366 768 1
//   docs/diverging.png 1366 768 1 light examples/scenes/gd-vs-momentum-eta-0.6.json 7
//   docs/presenter.png 1920 1080 1 light '?lesson=3&present'
//   docs/lesson-8.png 1280 720 1 light '?lesson=8'
//   docs/phone.png 390 844 2 light '?lesson=4'
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
  const query = scenePath?.startsWith('?') ? scenePath : '';
  await page.goto(server.url + query);
  await page.waitForSelector('canvas#plot[data-ready="true"]');
  if (scenePath && !query) {
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
  // Let the panels' deferred work (inspector, sweeps) land first.
  await page.waitForTimeout(600);
  await page.screenshot({ path: out, fullPage: !query });
} finally {
  await browser.close();
  await server.close();
}
