// A figure at step t says the values at step t: the page legend, the PNG's
// legend, the SVG's, an embed's and a mounted figure's agree ("diverged at
// step k" and the like only once reached). A user trial found the PNG and
// the live legends showing the last step's values beside a trail that was
// not there yet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { browserSuite, openPage, state } from './support.mjs';

const suite = browserSuite();
const SCENE = '?f=quadratic&a=0.1&b=2&start=-5,-2&steps=20&conv=d2l&opt=gd:lr=0.6;momentum:lr=0.6,gamma=0.5';

// Every string the page draws on a canvas, from the moment `clear` is called.
const spy = () => {
  window.__drawn = [];
  const fill = CanvasRenderingContext2D.prototype.fillText;
  CanvasRenderingContext2D.prototype.fillText = function (text) {
    window.__drawn.push(String(text));
    return fill.apply(this, arguments);
  };
};

async function download(page, id) {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click(`#${id}`)]);
  return readFile(await dl.path());
}

// The words the PNG export drew (the spy's strings during the click).
async function pngWords(page) {
  await page.evaluate(() => { window.__drawn = []; });
  const body = await download(page, 'export-png');
  assert.equal(body.subarray(1, 4).toString('latin1'), 'PNG');
  return page.evaluate(() => window.__drawn.join('\n'));
}

// An entry's words, its status in a red <tspan> once the run went wrong.
const svgLegend = (svg) => [...svg.slice(svg.indexOf('class="legend"')).matchAll(/<text[^>]*>(.*?)<\/text>/g)].map((m) => m[1].replace(/<[^>]*>/g, ''));
const liveStatus = (page) => page.$$eval('#legend .run-status', (ss) => ss.map((s) => s.textContent));

test('at step 12 of 20 the PNG, the SVG and the page legend say step 12\'s values, not the last step\'s', async (t) => {
  const { page, errors } = await openPage(suite.browser, t, suite.server.url + SCENE + '&t=12', { init: spy });
  assert.equal((await state(page)).t, 12);
  // What `gradscape simulate` says at step 12: GD's loss ×2450 its start,
  // momentum at f = 0.007856 (the last step's: ×5.33e5 and f = 1.82e-5).
  assert.deepEqual(await liveStatus(page), ['diverging: loss ×2450', 'f = 0.007856']);
  await page.click('summary:has-text("Share and export")');
  const png = await pngWords(page);
  assert.match(png, /step 12 \/ 20|step 12/);
  for (const s of ['diverging: loss ×2450', 'f = 0.007856']) assert.ok(png.includes(s), `PNG legend lacks "${s}":\n${png}`);
  for (const s of ['5.33e5', '1.82e-5']) assert.ok(!png.includes(s), `PNG legend shows the last step's "${s}"`);
  const svg = svgLegend((await download(page, 'export-svg')).toString('utf8'));
  assert.deepEqual(svg, ['GD η=0.6 — diverging: loss ×2450', 'Momentum η=0.6 γ=0.5 — f = 0.007856']);
  assert.match((await download(page, 'export-svg')).toString('utf8'), /GD η=0\.6 — <tspan fill="#b3261e">diverging: loss ×2450<\/tspan>/);
  // The step's red: GD's loss is above its start by now; momentum's is not.
  assert.deepEqual(await page.$$eval('#legend .run-status', (ss) => ss.map((s) => s.hasAttribute('data-wrong'))), [true, false]);
  // Step 0: the start's loss (GD's grows from step 1: ×1.68), no "diverging" yet.
  await page.locator('#plot').focus();
  await page.keyboard.press('Home');
  const [gd0] = await liveStatus(page);
  assert.equal(gd0, 'f = 10.5');
  assert.ok((await pngWords(page)).includes(gd0));
  await page.keyboard.press('ArrowRight');
  assert.equal((await liveStatus(page))[0], 'diverging: loss ×1.68');
  // The end: how the runs end, in every picture.
  await page.keyboard.press('End');
  assert.deepEqual(await liveStatus(page), ['diverging: loss ×5.33e5', 'f = 1.82e-5']);
  assert.ok((await pngWords(page)).includes('diverging: loss ×5.33e5'));
  assert.deepEqual(errors, []);
});

test('简体中文: the PNG legend is the SVG legend and the page legend at the step', async (t) => {
  const { page, errors } = await openPage(suite.browser, t, suite.server.url + SCENE + '&t=12&lang=zh', { init: spy });
  const live = await liveStatus(page);
  assert.ok(live[1].includes('0.007856'), live.join(' | '));
  await page.click('.share-panel > summary');
  const png = await pngWords(page);
  const svg = svgLegend((await download(page, 'export-svg')).toString('utf8'));
  assert.equal(svg.length, 2);
  for (const [i, entry] of svg.entries()) {
    assert.ok(entry.endsWith(live[i]), `SVG "${entry}" vs page "${live[i]}"`);
    assert.ok(png.includes(live[i]), `PNG lacks "${live[i]}":\n${png}`);
  }
  assert.ok(!png.includes('5.33e5') && !png.includes('1.82e-5'), png);
  assert.deepEqual(errors, []);
});

test('an embed and a mounted figure paused at a step say that step\'s f', async (t) => {
  const { page } = await openPage(suite.browser, t, suite.server.url + SCENE + '&t=12&embed');
  assert.deepEqual(await liveStatus(page), ['diverging: loss ×2450', 'f = 0.007856']);
  const notes = await suite.browser.newPage();
  t.after(() => notes.close());
  await notes.goto(suite.server.url + 'examples/course-notes.html');
  await notes.waitForSelector('body[data-ready="true"]');
  await notes.evaluate(() => window.figures.momentum.setScene({
    landscape: { kind: 'quadratic', a: 0.1, b: 2 }, start: [-5, -2], steps: 20, convention: 'd2l',
    optimizers: [{ kind: 'gd', lr: 0.6 }, { kind: 'momentum', lr: 0.6, gamma: 0.5 }],
  }));
  const legend = () => notes.locator('#fig-momentum .gs-legend').innerText();
  assert.match(await legend(), /×5\.33e5[\s\S]*f = 1\.82e-5/);
  for (let i = 0; i < 8; i++) await notes.evaluate(() => window.figures.momentum.stepBack());
  assert.equal(await notes.evaluate(() => window.figures.momentum.t), 12);
  assert.match(await legend(), /GD η=0\.6 — diverging: loss ×2450[\s\S]*— f = 0\.007856/);
});

// A teacher's trial: lesson 9's PNG and SVG left out the dashed L2
// isolines its caption points at ("the centre of the dashed L2 isolines").
test('lesson 9: the PNG and the SVG draw the dashed L2 isolines the page draws; without an Adam+L2 run shown, none', async (t) => {
  const dashes = () => {
    window.__dash = [];
    const set = CanvasRenderingContext2D.prototype.setLineDash;
    CanvasRenderingContext2D.prototype.setLineDash = function (d) {
      window.__dash.push(JSON.stringify([...d]));
      return set.apply(this, arguments);
    };
  };
  const { page, errors } = await openPage(suite.browser, t, suite.server.url + '?lesson=9', { init: dashes });
  await page.click('.share-panel > summary');
  const pngDashes = async () => {
    await page.evaluate(() => { window.__dash = []; });
    const body = await download(page, 'export-png');
    assert.equal(body.subarray(1, 4).toString('latin1'), 'PNG');
    return page.evaluate(() => window.__dash);
  };
  assert.ok((await pngDashes()).includes('[7,5]'), 'the PNG strokes the dashed lines');
  const svg = (await download(page, 'export-svg')).toString('utf8');
  assert.match(svg, /<g class="l2"[^>]*stroke-dasharray="7 5"/);
  // Adam+L2 hidden in the legend: the page and the PNG drop its lines.
  await page.locator('#legend input[type=checkbox]').first().uncheck();
  assert.ok(!(await pngDashes()).includes('[7,5]'), 'no dashed lines without the run');
  assert.deepEqual(errors, []);
});
