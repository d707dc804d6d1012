import { serve, launch } from './support.mjs';
const server = await serve();
const browser = await launch();
for (const [name, q, w, h] of JSON.parse(process.argv[2])) {
  const ctx = await browser.newContext({ viewport: { width: w, height: h } });
  const page = await ctx.newPage();
  await page.goto(server.url + q);
  await page.waitForFunction(() => document.querySelector('#plot')?.dataset.draws > 0, null, { timeout: 15000 }).catch(() => {});
  await page.click('.share-panel > summary');
  await page.selectOption('#video-size', '1080');
  await page.selectOption('#video-fps', '30');
  await page.click('#video-export');
  await page.waitForFunction(() => /(\d+)/.exec(document.getElementById('video-count').textContent)?.[1] >= 8);
  await page.evaluate(() => document.getElementById('video-part').scrollIntoView({ block: 'center' }));
  await page.screenshot({ path: `/tmp/video-${name}.png` });
  await page.click('#video-cancel');
  await page.waitForSelector('#video-part[data-state="idle"]');
  await page.screenshot({ path: `/tmp/video-${name}-idle.png` });
  await ctx.close();
}
await browser.close(); await server.close();
