// www/examples/course-notes.html: three of the seed's figures in a page of
// text, one as an iframe (embed mode) and two with mount(); the mounted
// figures play and step independently and expose setScene/destroy.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch } from './support.mjs';

let server, browser, page;
const errors = [];
before(async () => {
  server = await serve();
  browser = await launch();
  page = await browser.newPage({ viewport: { width: 1000, height: 900 } });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(server.url + 'examples/course-notes.html');
  await page.waitForSelector('body[data-ready="true"]');
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const t = (name) => page.evaluate((n) => window.figures[n].t, name);

test('the three figures are drawn: an iframe in embed mode and two mounted figures', async () => {
  const frame = page.frameLocator('#fig-gd');
  await frame.locator('canvas#plot[data-ready="true"]').waitFor();
  assert.equal(await frame.locator('.panel').isVisible(), false);
  assert.match(await frame.locator('#messages').innerText(), /2\/L = 2\/4 = 0\.5/);
  for (const id of ['fig-momentum', 'fig-adaptive']) {
    assert.equal(await page.getAttribute(`#${id} canvas.gs-plot`, 'data-ready'), 'true');
    const blank = await page.evaluate((id) => {
      const c = document.querySelector(`#${id} canvas.gs-plot`);
      const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      const seen = new Set();
      for (let i = 0; i < d.length; i += 4 * 997) seen.add(`${d[i]},${d[i + 1]},${d[i + 2]}`);
      return seen.size;
    }, id);
    assert.ok(blank > 20, `${id} looks blank`);
  }
  assert.match(await page.locator('#fig-momentum .gs-legend').innerText(), /Momentum η=0\.6 γ=0\.5/);
  assert.equal(await page.locator('#fig-adaptive canvas.gs-loss').count(), 1);
  assert.equal(await page.locator('#fig-momentum canvas.gs-loss').count(), 0);
});

test('two mounted figures step independently', async () => {
  assert.equal(await t('momentum'), 20);
  assert.equal(await t('adaptive'), 20);
  await page.evaluate(() => window.figures.momentum.stepBack());
  await page.evaluate(() => window.figures.momentum.stepBack());
  assert.equal(await t('momentum'), 18);
  assert.equal(await t('adaptive'), 20);
  await page.click('#fig-adaptive .gs-back');
  assert.equal(await t('adaptive'), 19);
  assert.equal(await t('momentum'), 18);
  assert.equal(await page.getAttribute('#fig-momentum', 'data-t'), '18');
  // play one from its end (it restarts at 0): it moves, the other does not
  await page.evaluate(() => window.figures.adaptive.step());
  assert.equal(await t('adaptive'), 20);
  await page.evaluate(() => window.figures.adaptive.play());
  await page.waitForFunction(() => window.figures.adaptive.t >= 2 && window.figures.adaptive.t < 20);
  await page.evaluate(() => window.figures.adaptive.pause());
  assert.equal(await t('momentum'), 18);
});

test('svg() gives the figure as shown: 800 px wide in the plot\'s shape, at its step', async () => {
  const svg = await page.evaluate(() => {
    const f = window.figures.momentum;
    const whole = f.svg();
    f.seek(5);
    const at5 = f.svg();
    f.seek(20);
    const c = document.querySelector('#fig-momentum canvas.gs-plot').getBoundingClientRect();
    return { whole, at5, shape: c.height / c.width };
  });
  const size = (text) => text.match(/^<svg [^>]*width="(\d+)" height="(\d+)"/).slice(1).map(Number);
  const [w, h] = size(svg.whole);
  assert.equal(w, 800);
  assert.ok(Math.abs(h / w - svg.shape) < 0.01, `${h}/${w} vs the plot's ${svg.shape}`);
  assert.match(svg.whole, /Momentum η=0\.6 γ=0\.5/);
  assert.notEqual(svg.at5, svg.whole, 'at step 5 the trails end there');
  assert.match(svg.at5, /step 5 (of|\/) 20/);
});

test('setScene replaces one figure\'s scene and refuses a bad one; destroy empties it', async () => {
  await page.evaluate(() => window.figures.momentum.setScene({ steps: 10, optimizers: [{ kind: 'gd', lr: 0.1 }] }));
  assert.equal(await t('momentum'), 10);
  assert.match(await page.locator('#fig-momentum .gs-legend').innerText(), /GD η=0\.1/);
  const err = await page.evaluate(() => { try { window.figures.momentum.setScene({ optimizers: [{ kind: 'gd', lr: -1 }] }); return null; } catch (e) { return String(e); } });
  assert.match(err, /optimizers\[0\]\.lr: must be a finite number > 0/);
  assert.equal(JSON.parse(await page.evaluate(() => window.figures.momentum.sceneJson())).steps, 10);
  assert.match(await page.locator('#fig-adaptive .gs-legend').innerText(), /AdaGrad/);
  await page.evaluate(() => window.figures.momentum.destroy());
  assert.equal(await page.locator('#fig-momentum canvas').count(), 0);
  assert.equal(await page.locator('#fig-adaptive canvas').count(), 2);
  assert.deepEqual(errors, []);
});

test('a figure mounted on a page with no stylesheet of its own is styled: a row of buttons, a legend of swatches', async () => {
  // The README's snippet alone showed a bulleted legend and bare buttons.
  const p = await browser.newPage({ viewport: { width: 800, height: 700 } });
  const errs = [];
  p.on('pageerror', (e) => errs.push(String(e)));
  await p.route(server.url + 'bare.html', (r) => r.fulfill({
    contentType: 'text/html',
    body: `<!doctype html><div id="fig"></div><script type="module">
      import init, { mount } from './gradscape.js';
      await init();
      window.fig = mount(document.getElementById('fig'), { optimizers: [{ kind: 'gd', lr: 0.4 }, { kind: 'momentum', lr: 0.4 }] });
      document.body.dataset.ready = 'true';
    </script>`,
  }));
  await p.goto(server.url + 'bare.html');
  await p.waitForSelector('body[data-ready="true"]');
  const look = await p.evaluate(() => ({
    legend: getComputedStyle(document.querySelector('#fig .gs-legend')).listStyleType,
    bar: getComputedStyle(document.querySelector('#fig .gs-bar')).display,
    row: getComputedStyle(document.querySelector('#fig .gs-legend li')).alignItems,
  }));
  assert.deepEqual(look, { legend: 'none', bar: 'flex', row: 'center' });
  // The host page's own rules still win.
  await p.addStyleTag({ content: '.gs-legend { list-style: square }' });
  assert.equal(await p.evaluate(() => getComputedStyle(document.querySelector('#fig .gs-legend')).listStyleType), 'square');
  assert.deepEqual(errs, []);
  await p.close();
});

// The README's 中文 snippet: install_zh, then mount; without it the figure
// is English, and the console says why (an author's lang: 'zh' had been
// silently English).
test("mount(…, {lang: 'zh'}) is worded in 中文 after install_zh, and says what is missing without it", async () => {
  const p = await browser.newPage({ viewport: { width: 800, height: 700 } });
  const warnings = [];
  p.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
  await p.route(server.url + 'zh.html', (r) => r.fulfill({
    contentType: 'text/html',
    body: `<!doctype html><div id="a"></div><div id="b"></div><script type="module">
      import init, { mount, install_zh } from './gradscape.js';
      await init();
      const scene = { optimizers: [{ kind: 'gd', lr: 0.4 }, { kind: 'momentum', lr: 0.4 }] };
      mount(document.getElementById('a'), scene, { lang: 'zh' });
      install_zh(await (await fetch('./zh.json')).text());
      mount(document.getElementById('b'), scene, { lang: 'zh' });
      document.body.dataset.ready = 'true';
    </script>`,
  }));
  await p.goto(server.url + 'zh.html');
  await p.waitForSelector('body[data-ready="true"]');
  const legend = (id) => p.locator(`#${id} .gs-legend`).innerText();
  assert.match(await legend('a'), /Momentum/);
  assert.ok(warnings.some((w) => w.includes('install_zh')), warnings.join('\n'));
  assert.match(await legend('b'), /动量法/);
  assert.equal(warnings.length, 1, 'the second figure, with the words installed, says nothing');
  await p.close();
});

test("a mounted figure's loss chart follows the host page's colours, not the system's theme", async () => {
  // Light notes on a system in dark mode drew its labels pale on white; a
  // page made dark by a class, dark on dark.
  const greys = async (scheme, hostCss, toggle) => {
    const ctx = await browser.newContext({ viewport: { width: 800, height: 900 }, colorScheme: scheme });
    const p = await ctx.newPage();
    await p.route(server.url + 'host.html', (r) => r.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><style>${hostCss}</style><div id="fig"></div><script type="module">
        import init, { mount } from './gradscape.js';
        await init();
        window.fig = mount(document.getElementById('fig'), { optimizers: [{ kind: 'gd', lr: 0.4 }] }, { loss: true });
        document.body.dataset.ready = 'true';
      </script>`,
    }));
    await p.goto(server.url + 'host.html');
    await p.waitForSelector('body[data-ready="true"]');
    await p.waitForTimeout(300);
    // The page switches its theme itself (no redraw() called).
    if (toggle) {
      await p.evaluate(toggle);
      await p.waitForTimeout(300);
    }
    // The chart's grey ink (labels, axes): its mean lightness.
    const luma = await p.evaluate(() => {
      const c = document.querySelector('#fig canvas.gs-loss');
      const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      let sum = 0, n = 0;
      for (let i = 0; i < d.length; i += 4) {
        const [r, g, b, a] = [d[i], d[i + 1], d[i + 2], d[i + 3]];
        if (a > 200 && Math.max(r, g, b) - Math.min(r, g, b) < 16 && r < 235) { sum += r; n++; }
      }
      return n ? sum / n : NaN;
    });
    await ctx.close();
    return luma;
  };
  const light = await greys('dark', 'body { background: #fff; color: #111 }');
  assert.ok(light < 128, `dark ink on a light page (${light})`);
  assert.ok((await greys('light', 'body { background: #111; color: #eee }')) > 128, 'light ink on a dark page');
  // A page's own dark-mode switch (a class on <html>), and back.
  const css = 'body { background: #fff; color: #111 } html.dark body { background: #111; color: #eee }';
  assert.ok((await greys('light', css, () => document.documentElement.classList.add('dark'))) > 128, 'light ink once the page turned dark');
  assert.ok((await greys('light', css, () => {
    document.documentElement.classList.add('dark');
    return new Promise((ok) => setTimeout(() => { document.documentElement.classList.remove('dark'); ok(); }, 100));
  })) < 128, 'dark ink once it turned light again');
});

test("a mounted figure draws lesson 9's dashed L2 isolines whenever an Adam+L2 run is shown, as the page does", async () => {
  // On the bowl Adam+L2 takes plain Adam's steps (the L2 term only rescales
  // each coordinate's gradient, which Adam divides out): the same trail,
  // so what differs is the isolines.
  const pixels = () => page.evaluate(() => {
    const c = document.getElementById('fig-adaptive').querySelector('canvas');
    return Array.from(c.getContext('2d').getImageData(0, 0, c.width, c.height).data);
  });
  const show = async (kind) => {
    const s = { landscape: { kind: 'quadratic', a: 0.1, b: 2 }, start: [-5, -2], steps: 20, optimizers: [{ kind, lr: 0.4, ...(kind === 'adam_l2' ? { lambda: 0.5 } : {}) }] };
    await page.evaluate((s) => window.figures.adaptive.setScene(s), s);
    await page.waitForTimeout(300);
    return pixels();
  };
  const differ = (a, b) => { let n = 0; for (let i = 0; i < a.length; i += 4) if (Math.abs(a[i] - b[i]) + Math.abs(a[i + 1] - b[i + 1]) + Math.abs(a[i + 2] - b[i + 2]) > 30) n++; return n; };
  const adam = await show('adam');
  assert.equal(differ(adam, await show('adam')), 0, 'the same figure twice');
  const l2 = await show('adam_l2');
  assert.ok(differ(adam, l2) > 300, `the isolines: ${differ(adam, l2)} pixels`);
  assert.deepEqual(errors, []);
});
