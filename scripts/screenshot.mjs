// Screenshot of the release build: node scripts/screenshot.mjs OUT.png WIDTH HEIGHT DPR [dark]
// (run `make dist` first; the README screenshot is `docs/screenshot.png 1200 760 1`).
import { serve, launch, open } from '../tests/e2e/support.mjs';
const [,, out, w, h, dpr, dark] = process.argv;
const server = await serve('dist');
const browser = await launch();
const ctx = await browser.newContext({ viewport: { width: +w, height: +h }, deviceScaleFactor: +dpr, colorScheme: dark ? 'dark' : 'light' });
const page = await ctx.newPage();
await page.goto(server.url);
await page.waitForSelector('canvas#plot[data-ready="true"]');
await page.screenshot({ path: out, fullPage: true });
await browser.close(); await server.close();
