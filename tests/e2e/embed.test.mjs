// ?embed shows the figure alone for an iframe, parts chosen by hide=/show=,
// sized to its frame, with a link to the full page; "Embed code" gives the
// <iframe> of the current scene.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch } from './support.mjs';

let server, browser;
before(async () => {
  server = await serve();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

async function at(query, width = 480, height = 320) {
  const context = await browser.newContext({ viewport: { width, height } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(server.url + query);
  await page.waitForSelector('canvas#plot[data-ready="true"]');
  return { page, context, errors };
}

const visible = (page, sel) => page.isVisible(sel);

test('embed at 480×320: canvas, legend and play bar only, fitting the frame', async () => {
  const { page, context, errors } = await at('?opt=gd:lr=0.4;momentum:lr=0.4,gamma=0.5&embed');
  for (const sel of ['.top', '.panel', '#loss']) assert.equal(await visible(page, sel), false, sel);
  for (const sel of ['#plot', '#legend', '.timebar', '#open-full']) assert.equal(await visible(page, sel), true, sel);
  const fit = await page.evaluate(() => [document.documentElement.scrollHeight, innerHeight, document.documentElement.scrollWidth, innerWidth]);
  assert.ok(fit[0] <= fit[1] + 1 && fit[2] <= fit[3], `page ${fit[2]}×${fit[0]} in a ${fit[3]}×${fit[1]} frame`);
  const box = await page.locator('#plot').boundingBox();
  assert.ok(box.width >= 470 && box.height >= 150, `canvas ${box.width}×${box.height}`);
  const href = await page.getAttribute('#open-full', 'href');
  assert.match(href, /opt=gd:lr=0\.4;momentum:lr=0\.4,gamma=0\.5/);
  assert.doesNotMatch(href, /embed/);
  assert.match(await page.evaluate(() => location.search), /&embed$/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('hide= and show= choose the parts', async () => {
  const { page, context } = await at('?opt=gd:lr=0.6&embed&hide=legend,bar&show=loss,messages');
  assert.equal(await visible(page, '#legend'), false);
  assert.equal(await visible(page, '.timebar'), false);
  assert.equal(await visible(page, '#loss'), true);
  assert.equal(await visible(page, '#messages'), true);
  assert.match(await page.locator('#messages').innerText(), /2\/L = 2\/4 = 0\.5/);
  const fit = await page.evaluate(() => document.documentElement.scrollHeight <= innerHeight + 1);
  assert.ok(fit, 'fits the frame');
  await context.close();
});

test('"Embed code" gives an iframe of the current scene that opens in embed mode', async () => {
  const { page, context } = await at('?opt=adam:lr=0.2', 1280, 800);
  await page.click('summary:has-text("Share and export")');
  await page.click('#copy-embed');
  const code = await page.locator('#embed-code').innerText();
  const m = code.match(/^<iframe src="([^"]+)" width="\d+" height="\d+"[^>]*><\/iframe>$/);
  assert.ok(m, code);
  assert.match(m[1], /opt=adam:lr=0\.2.*&embed$/);
  const frame = await browser.newPage({ viewport: { width: 640, height: 440 } });
  await frame.goto(m[1]);
  await frame.waitForSelector('canvas#plot[data-ready="true"]');
  assert.equal(await frame.isVisible('.panel'), false);
  const s = JSON.parse(await frame.evaluate(() => window.wasmBindings.page_state()));
  assert.equal(s.scene.optimizers[0].kind, 'adam');
  await frame.close();
  await context.close();
});
