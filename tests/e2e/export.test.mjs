// Downloads: PNG of the figure, SVG from the CLI's renderer, the
// trajectories as CSV and JSON (the CLI's formats), and the scene JSON —
// which the CLI turns into the same trajectories the page shows.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { serve, launch, open, openPage } from './support.mjs';

let server, browser, page, errors;
before(async () => {
  server = await serve();
  browser = await launch();
  ({ page, errors } = await open(browser, server.url + '?f=quadratic&a=0.1&b=2&start=-5,-2&opt=gd:lr=0.4;momentum:lr=0.6,gamma=0.5;adam:lr=0.2'));
  await page.click('summary:has-text("Share and export")');
});
after(async () => {
  await browser?.close();
  await server?.close();
});

async function download(id) {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click(`#${id}`)]);
  return { name: dl.suggestedFilename(), body: await readFile(await dl.path()) };
}
const state = async () => JSON.parse(await page.evaluate(() => window.wasmBindings.page_state()));

test('PNG: the figure at the screen resolution, with a title band and a legend strip', async () => {
  const { name, body } = await download('export-png');
  assert.match(name, /^gradscape-quadratic-gd-momentum-adam\.png$/);
  assert.deepEqual([...body.subarray(1, 4)].map((c) => String.fromCharCode(c)).join(''), 'PNG');
  const [w, h] = [body.readUInt32BE(16), body.readUInt32BE(20)];
  const dev = await page.evaluate(() => [document.getElementById('plot').width, document.getElementById('plot').height]);
  // The plot's pixels, and more rows for the words (media-export.test.mjs
  // looks at them).
  assert.equal(w, dev[0]);
  assert.ok(h > dev[1], `${h} rows for a plot of ${dev[1]}`);
});

test('SVG: the render command\'s figure, with every run in the legend', async () => {
  const { name, body } = await download('export-svg');
  assert.match(name, /\.svg$/);
  const svg = body.toString('utf8');
  assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  for (const label of ['GD η=0.4', 'Momentum η=0.6 γ=0.5', 'Adam η=0.2']) assert.ok(svg.includes(label), label);
  assert.equal((svg.match(/<g class="run"/g) ?? []).length, 3);
  assert.doesNotMatch(svg, /step \d+ of/, 'at the last step: the whole runs, no step');
  // Sized for notes: render's default width whatever the window, the plot's shape.
  const [w, h] = svg.match(/^<svg [^>]*width="(\d+)" height="(\d+)"/).slice(1).map(Number);
  const plot = await page.evaluate(() => [document.getElementById('plot').clientWidth, document.getElementById('plot').clientHeight]);
  assert.equal(w, 800);
  assert.ok(Math.abs(h - Math.round(800 * plot[1] / plot[0])) <= 1, `${w}×${h} for a plot of ${plot}`);
});

// A run switched off in the legend is left out of the SVG as it is of the
// PNG (an author's handout had the run the notes had hidden); the others
// keep their marks.
test('SVG with a run switched off in the legend: that run left out, the others in their marks', async () => {
  const box = page.locator('#legend li[data-index="1"] input[type=checkbox]');
  await box.uncheck();
  try {
    const svg = (await download('export-svg')).body.toString('utf8');
    assert.ok(!svg.includes('Momentum η=0.6'), 'Momentum left out');
    assert.ok(svg.includes('GD η=0.4') && svg.includes('Adam η=0.2'));
    assert.equal((svg.match(/<g class="run"/g) ?? []).length, 2);
    const at = svg.indexOf('<g class="run" data-kind="adam">');
    assert.ok(at > 0);
    assert.ok(svg.slice(at, svg.indexOf('</g>', at)).includes('#009E73'), 'Adam keeps the third run\'s colour');
  } finally {
    await box.check();
  }
});

test('SVG at a step before the last: the figure as shown, the trails so far and "step k of n"', async () => {
  await page.locator('#plot').focus();
  await page.keyboard.press('Home');
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
  assert.equal((await state()).t, 5);
  const svg = (await download('export-svg')).body.toString('utf8');
  assert.match(svg, />step 5 of 20</);
  // GD's trail: its six points (steps 0–5) as squares, and its current
  // point as a larger white-rimmed square (its shape), besides the legend's.
  const gd = svg.slice(svg.indexOf('<g class="run" data-kind="gd">'), svg.indexOf('</g>', svg.indexOf('<g class="run" data-kind="gd">')));
  assert.equal((gd.match(/<rect /g) ?? []).length, 7, gd.slice(0, 400));
  assert.equal((gd.match(/<rect [^>]*stroke="white"/g) ?? []).length, 1, 'one current point');
  await page.keyboard.press('End');
});

test('CSV and JSON: the trajectories the page shows, in simulate\'s formats', async () => {
  const s = await state();
  const csv = (await download('export-csv')).body.toString('utf8').trim().split('\n');
  assert.equal(csv[0], 'optimizer,step,x,y,loss');
  assert.equal(csv.length, 1 + s.runs.reduce((n, r) => n + r.points.length, 0));
  const row = csv.find((l) => l.startsWith('momentum,5,')).split(',');
  assert.deepEqual([Number(row[2]), Number(row[3])], s.runs[1].points[5]);
  const json = JSON.parse((await download('export-json')).body.toString('utf8'));
  assert.equal(json.version, 1);
  assert.deepEqual(json.runs.map((r) => r.points), s.runs.map((r) => r.points));
  assert.deepEqual(json.runs.map((r) => r.stop), s.runs.map((r) => r.stop));
});

// A start where f is undefined has no first point: the trajectories are
// refused with the command line's words, in the page's language; nothing
// is downloaded (it was a header alone and "points": []).
test('CSV, JSON and PyTorch of a scene whose start is undefined: refused, said, nothing downloaded', async (t) => {
  for (const [lang, words] of [['en', /^start: f is not defined \(or not finite\) at the start \[-1, 1\]/], ['zh', /^start：f 在起点 \[-1, 1\] 处无定义/]]) {
    const { page: p, errors: errs } = await openPage(browser, t, `${server.url}?expr=ln(x)&start=-1,1&lang=${lang}`);
    await p.click('.share-panel > summary');
    let downloads = 0;
    p.on('download', () => downloads++);
    for (const id of ['export-csv', 'export-json', 'copy-pytorch']) {
      await p.evaluate(() => { document.getElementById('share-status').textContent = ''; });
      await p.click(`#${id}`);
      await p.waitForFunction(() => document.getElementById('share-status').textContent !== '');
      assert.match(await p.locator('#share-status').innerText(), words, `${lang} ${id}`);
    }
    // The scene itself still downloads (it is what the user made).
    await Promise.all([p.waitForEvent('download'), p.click('#export-scene')]);
    assert.equal(downloads, 1, `${lang}: only the scene was downloaded`);
    assert.deepEqual(errs, []);
  }
});

test('scene JSON: the command line reads it and computes the same trajectories', async () => {
  const s = await state();
  const { name, body } = await download('export-scene');
  assert.match(name, /-scene\.json$/);
  const scene = JSON.parse(body.toString('utf8'));
  assert.deepEqual(scene, s.scene);
  const cli = ['target/debug/gradscape', 'target/release/gradscape'].find(existsSync);
  assert.ok(cli, 'the CLI is built by the native tests (cargo test --features cli) before this suite');
  const out = JSON.parse(execFileSync(cli, ['simulate', '-'], { input: body }).toString('utf8'));
  assert.deepEqual(out.runs.map((r) => r.points), s.runs.map((r) => r.points));
});

test('copy link puts the page URL, which holds the scene, on the clipboard', async () => {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.click('#copy-link');
  await page.waitForFunction(() => document.getElementById('share-status').textContent.includes('copied'));
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(copied, await page.evaluate(() => location.href));
  // η and what differs from the defaults only (not gamma=0.5,nesterov=false, beta1=0.9,…).
  assert.match(copied, /[?&]opt=gd:lr=0\.4;momentum:lr=0\.6;adam:lr=0\.2(&|$)/);
  assert.deepEqual(errors, []);
});

test('a figure downloads under a name that says its step and its language; data files do not', async (t) => {
  const { page: p } = await openPage(browser, t, server.url + '?f=quadratic&a=0.1&b=2&start=-5,-2&opt=gd:lr=0.4&t=10&lang=zh');
  await p.evaluate(() => { document.querySelector('.share-panel').open = true; });
  const name = async (id) => {
    const [dl] = await Promise.all([p.waitForEvent('download'), p.click(`#${id}`)]);
    return dl.suggestedFilename();
  };
  assert.equal(await name('export-svg'), 'gradscape-quadratic-gd-step10-zh.svg');
  assert.equal(await name('export-png'), 'gradscape-quadratic-gd-step10-zh.png');
  assert.equal(await name('export-csv'), 'gradscape-quadratic-gd.csv');
});
