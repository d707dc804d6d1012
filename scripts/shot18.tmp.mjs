// Scratch: this round's user-facing changes, as a teacher and a student would see them.
import { serveMounts, launch } from './bench-lib.mjs';
const server = await serveMounts({ '/': 'dist' });
const browser = await launch();
const out = {};
for (const lang of ['en', 'zh']) {
  const errors = [];
  const watch = (page) => {
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') errors.push(m.text()); });
  };
  // Teacher: 1920×1080, presenter mode, lesson 8 → drag η with the mouse → clicker PageDown ×2 → lesson 10.
  let ctx = await browser.newContext({ viewport: { width: 1920, height: 1080 }, deviceScaleFactor: 1 });
  let page = await ctx.newPage(); watch(page);
  await page.goto(`${server.url}/?lesson=8&present&lang=${lang}`);
  await page.waitForSelector('canvas#plot[data-ready="true"]');
  await page.screenshot({ path: `/work/tmp/s18/teacher-l8-${lang}.png` });
  await page.focus('section.opt-card[data-index="0"] input[type="range"][data-param="lr"]');
  await page.keyboard.press('PageDown'); await page.waitForTimeout(300);
  await page.click('#present'); await page.click('#present'); await page.waitForTimeout(200);
  await page.keyboard.press('PageDown'); await page.waitForTimeout(300);
  await page.keyboard.press('Space'); await page.waitForTimeout(1500); await page.keyboard.press('Space');
  out[`teacher-${lang}`] = await page.evaluate(() => { const s = JSON.parse(window.wasmBindings.page_state()); return { lesson: s.lesson, t: s.t, state: document.getElementById('state-panel').open, present: document.body.classList.contains('present') }; });
  await page.screenshot({ path: `/work/tmp/s18/teacher-l10-${lang}.png` });
  await ctx.close();
  // Student: phone 390×844, a formula with a hole, the header and legend.
  ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true });
  page = await ctx.newPage(); watch(page);
  await page.goto(`${server.url}/?expr=ln(x)%2B0.5*y%5E2&lang=${lang}`);
  await page.waitForSelector('canvas#plot[data-ready="true"]');
  await page.waitForTimeout(300);
  await page.screenshot({ path: `/work/tmp/s18/phone-${lang}.png` });
  await page.goto(`${server.url}/?lesson=10&lang=${lang}`);
  await page.waitForSelector('canvas#plot[data-ready="true"]');
  await page.locator('#legend').scrollIntoViewIfNeeded();
  await page.waitForTimeout(300);
  await page.screenshot({ path: `/work/tmp/s18/phone-l10-${lang}.png` });
  await ctx.close();
  console.log(lang, errors.length ? errors : 'no errors');
}
console.log(JSON.stringify(out));
await browser.close();
process.exit(0);
