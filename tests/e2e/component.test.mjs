// <gradscape-figure> (www/gradscape-figure.js) in its two example pages:
// examples/course-site.html (three elements in prose, as MkDocs or Quarto
// write raw HTML) and examples/slides.html (a reveal.js deck, reveal.js
// copied from node_modules at build time). Also the release folder's
// package.json, which must name files the build really writes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
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

async function open(path, viewport) {
  const ctx = await browser.newContext({ viewport });
  const page = await ctx.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') errors.push(m.text()); });
  await page.goto(server.url + path);
  return { ctx, page, errors };
}

// How many different colours a canvas shows (a blank one shows one or two).
const colours = (page, sel) => page.evaluate((sel) => {
  const c = document.querySelector(sel);
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  const seen = new Set();
  for (let i = 0; i < d.length; i += 4 * 997) seen.add(`${d[i]},${d[i + 1]},${d[i + 2]}`);
  return seen.size;
}, sel);

const sceneOf = (page, id) => page.evaluate((id) => JSON.parse(document.getElementById(id).figure.sceneJson()), id);

test('the course site draws all three figures, with their attributes', async () => {
  const { ctx, page, errors } = await open('examples/course-site.html', { width: 1280, height: 720 });
  try {
    for (const id of ['fig-gd', 'fig-momentum', 'fig-adaptive']) {
      await page.waitForSelector(`#${id} canvas.gs-plot[data-ready="true"]`, { state: 'attached' });
      assert.ok(await colours(page, `#${id} canvas.gs-plot`) > 20, `${id} looks blank`);
      assert.equal(await page.locator(`#${id} canvas.gs-plot`).count(), 1);
    }
    // loss: only the momentum figure has the chart
    assert.equal(await page.locator('#fig-momentum canvas.gs-loss').count(), 1);
    assert.equal(await page.locator('#fig-gd canvas.gs-loss').count(), 0);
    // controls: the play bar only where asked for
    assert.equal(await page.locator('#fig-gd .gs-bar').isVisible(), true);
    assert.equal(await page.locator('#fig-adaptive .gs-bar').isVisible(), false);
    // step="5" opens at step 5; the others open at their last step
    assert.equal(await page.evaluate(() => document.getElementById('fig-adaptive').figure.t), 5);
    assert.equal(await page.evaluate(() => document.getElementById('fig-gd').figure.t), 20);
    // the page's CSS is not replaced: the figure fills the prose column
    const w = await page.evaluate(() => document.querySelector('#fig-gd canvas.gs-plot').clientWidth);
    const col = await page.evaluate(() => document.querySelector('main').clientWidth);
    assert.ok(w > col - 40, `figure ${w}px in a ${col}px column`);
    // the play button of one figure plays that one only
    await page.click('#fig-gd .gs-play');
    await page.waitForFunction(() => { const t = document.getElementById('fig-gd').figure.t; return t > 0 && t < 20; });
    await page.evaluate(() => document.getElementById('fig-gd').pause());
    assert.equal(await page.evaluate(() => document.getElementById('fig-momentum').figure.t), 20);
    assert.deepEqual(errors, []);
  } finally {
    await ctx.close();
  }
});

test('a scene attribute change redraws that figure only; a bad one is shown and keeps the figure', async () => {
  const { ctx, page, errors } = await open('examples/course-site.html', { width: 1280, height: 720 });
  try {
    await page.waitForFunction(() => [...document.querySelectorAll('gradscape-figure')].every((f) => f.figure));
    const before = await Promise.all(['fig-gd', 'fig-momentum', 'fig-adaptive'].map((id) => sceneOf(page, id)));
    const pixels = await page.evaluate(() => document.querySelector('#fig-gd canvas.gs-plot').toDataURL());
    await page.evaluate(() => document.getElementById('fig-gd').setAttribute('scene',
      JSON.stringify({ landscape: { kind: 'rosenbrock' }, steps: 12, optimizers: [{ kind: 'adam', lr: 0.1 }] })));
    const gd = await sceneOf(page, 'fig-gd');
    assert.equal(gd.landscape.kind, 'rosenbrock');
    assert.equal(gd.steps, 12);
    assert.equal(gd.optimizers[0].kind, 'adam');
    assert.notEqual(await page.evaluate(() => document.querySelector('#fig-gd canvas.gs-plot').toDataURL()), pixels);
    assert.match(await page.locator('#fig-gd .gs-legend').innerText(), /Adam/);
    assert.deepEqual(await sceneOf(page, 'fig-momentum'), before[1]);
    assert.deepEqual(await sceneOf(page, 'fig-adaptive'), before[2]);
    // a bad scene: mount()'s field-named error inside the element, the figure stays
    await page.evaluate(() => document.getElementById('fig-gd').setAttribute('scene', '{"optimizers":[{"kind":"gd","lr":-1}]}'));
    const err = page.locator('#fig-gd .gs-error');
    assert.equal(await err.isVisible(), true);
    assert.match(await err.innerText(), /optimizers\[0\]\.lr: must be a finite number > 0/);
    assert.equal((await sceneOf(page, 'fig-gd')).landscape.kind, 'rosenbrock');
    assert.equal(await page.locator('#fig-gd canvas.gs-plot').count(), 1);
    // a good one again clears the error
    await page.evaluate(() => document.getElementById('fig-gd').setAttribute('scene', '{"steps":7}'));
    assert.equal(await err.isVisible(), false);
    assert.equal((await sceneOf(page, 'fig-gd')).steps, 7);
    // an option change re-mounts with the same scene: the loss chart appears
    await page.evaluate(() => document.getElementById('fig-gd').setAttribute('loss', ''));
    await page.waitForSelector('#fig-gd canvas.gs-loss');
    assert.equal(await page.locator('#fig-gd canvas.gs-plot').count(), 1);
    assert.equal((await sceneOf(page, 'fig-gd')).steps, 7);
    // a new element with a bad scene: the error alone, nothing thrown into the page
    await page.evaluate(() => {
      const el = document.createElement('gradscape-figure');
      el.id = 'fig-bad';
      el.setAttribute('scene', '{"steps":"many"}');
      document.querySelector('main').append(el);
    });
    await page.waitForSelector('#fig-bad .gs-error:not([hidden])');
    assert.match(await page.locator('#fig-bad .gs-error').innerText(), /steps/);
    assert.equal(await page.evaluate(() => document.getElementById('fig-bad').figure), null);
    assert.equal(await page.locator('#fig-bad canvas').count(), 0);
    // lang="zh" re-mounts in Chinese, keeping what the reader changed (a
    // start moved by Shift+click, the step shown)
    const moved = await page.evaluate(() => {
      const f = document.getElementById('fig-adaptive').figure;
      const s = JSON.parse(f.sceneJson());
      s.start = [-3.5, 1];
      f.setScene(JSON.stringify(s));
      f.seek(3);
      return f.sceneJson();
    });
    await page.evaluate(() => document.getElementById('fig-adaptive').setAttribute('lang', 'zh'));
    await page.waitForFunction(() => document.querySelector('#fig-adaptive canvas.gs-plot')?.getAttribute('aria-label') === '损失曲面与优化器的轨迹');
    assert.deepEqual(await page.evaluate(() => {
      const f = document.getElementById('fig-adaptive').figure;
      return [f.sceneJson(), f.t];
    }), [moved, 3]);
    assert.equal(await page.getAttribute('#fig-momentum canvas.gs-plot', 'aria-label'), 'Loss surface with optimizer trajectories');
    assert.deepEqual(errors, []);
  } finally {
    await ctx.close();
  }
});

test('width= and height= size the figure as an <img>\'s do: at most that wide, all of it that tall', async () => {
  const { ctx, page, errors } = await open('examples/course-site.html', { width: 1280, height: 720 });
  try {
    await page.waitForFunction(() => [...document.querySelectorAll('gradscape-figure')].every((f) => f.figure));
    const box = async () => page.evaluate(() => {
      const f = document.getElementById('fig-momentum');
      const host = f.querySelector('.gradscape-figure');
      const plot = f.querySelector('canvas.gs-plot');
      return { w: f.getBoundingClientRect().width, h: host.getBoundingClientRect().height, plot: plot.clientHeight };
    });
    const natural = await box();
    // With the loss chart, a legend and the bar: 360 × 300 in all.
    await page.evaluate(() => {
      const f = document.getElementById('fig-momentum');
      f.setAttribute('width', '360');
      f.setAttribute('height', '300');
    });
    await page.waitForFunction(() => document.querySelector('#fig-momentum canvas.gs-plot').clientWidth <= 360);
    const sized = await box();
    assert.equal(sized.w, 360);
    assert.ok(Math.abs(sized.h - 300) <= 2, `the figure is ${sized.h} px tall`);
    assert.ok(sized.plot >= 80 && sized.plot < natural.plot, `the plot ${sized.plot} px (was ${natural.plot})`);
    // Gone again: the figure as before.
    await page.evaluate(() => {
      const f = document.getElementById('fig-momentum');
      f.removeAttribute('width');
      f.removeAttribute('height');
    });
    await page.waitForFunction((w) => Math.abs(document.getElementById('fig-momentum').getBoundingClientRect().width - w) < 1, natural.w);
    assert.deepEqual(errors, []);
  } finally {
    await ctx.close();
  }
});

test('removing an element destroys its figure; putting it back mounts it again', async () => {
  const { ctx, page, errors } = await open('examples/course-site.html', { width: 1280, height: 720 });
  try {
    await page.waitForFunction(() => [...document.querySelectorAll('gradscape-figure')].every((f) => f.figure));
    const left = await page.evaluate(() => {
      const el = document.getElementById('fig-momentum');
      el.play();
      window.kept = el;
      el.remove();
      return { figure: el.figure, children: el.childElementCount };
    });
    assert.deepEqual(left, { figure: null, children: 0 });
    assert.equal(await page.locator('gradscape-figure canvas.gs-plot').count(), 2);
    await page.waitForTimeout(300); // a stopped figure's animation frame must not throw
    await page.evaluate(() => document.querySelector('main').append(window.kept));
    await page.waitForSelector('#fig-momentum canvas.gs-plot[data-ready="true"]', { state: 'attached' });
    assert.equal(await page.locator('#fig-momentum canvas.gs-plot').count(), 1);
    assert.equal(await page.locator('#fig-momentum canvas.gs-loss').count(), 1);
    assert.equal((await sceneOf(page, 'fig-momentum')).optimizers[1].kind, 'momentum');
    assert.deepEqual(errors, []);
  } finally {
    await ctx.close();
  }
});

test('outside a deck, an autoplay figure plays while on screen and pauses when scrolled away', async () => {
  const { ctx, page, errors } = await open('examples/course-site.html', { width: 1280, height: 720 });
  try {
    await page.waitForFunction(() => [...document.querySelectorAll('gradscape-figure')].every((f) => f.figure));
    // far below the fold it does not play; its step="5" still opens it at 5
    await page.evaluate(() => document.getElementById('fig-adaptive').setAttribute('autoplay', ''));
    await page.waitForTimeout(500);
    assert.equal(await page.evaluate(() => document.getElementById('fig-adaptive').figure.t), 5);
    // without step, autoplay opens at 0 and waits there
    await page.evaluate(() => document.getElementById('fig-adaptive').removeAttribute('step'));
    await page.waitForFunction(() => document.getElementById('fig-adaptive').figure?.t === 0);
    await page.waitForTimeout(400);
    assert.equal(await page.evaluate(() => document.getElementById('fig-adaptive').figure.t), 0);
    // scrolled into view it plays; scrolled away it pauses
    await page.evaluate(() => document.getElementById('fig-adaptive').scrollIntoView());
    await page.waitForFunction(() => document.getElementById('fig-adaptive').figure.t > 0);
    await page.evaluate(() => window.scrollTo(0, 0));
    // Paused (its ▶ back), however long a busy machine takes to say it is
    // off screen (200 ms was too short for CI once: one step more).
    await page.waitForFunction(() => document.querySelector('#fig-adaptive .gs-play')?.textContent === '▶');
    const t = await page.evaluate(() => document.getElementById('fig-adaptive').figure.t);
    await page.waitForTimeout(400);
    assert.equal(await page.evaluate(() => document.getElementById('fig-adaptive').figure.t), t);
    assert.ok(t < 20, `t = ${t}`);
    assert.deepEqual(errors, []);
  } finally {
    await ctx.close();
  }
});

// The deck's GD figure has the view x ∈ [−6, 2], y ∈ [−3, 3]: the world point
// (x, y) is at the fraction ((x + 6) / 8, (3 − y) / 6) of its canvas.
async function deck(viewport) {
  const { ctx, page, errors } = await open('examples/slides.html', viewport);
  await page.waitForFunction(() => window.Reveal?.isReady() && document.getElementById('fig-gd')?.figure);
  // Off its slide, an autoplay figure waits at step 0.
  assert.equal(await page.evaluate(() => document.getElementById('fig-gd').figure.t), 0);
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.evaluate(() => window.Reveal.getIndices().h), 1);
  // it draws on its slide and plays
  await page.waitForFunction(() => { const t = document.getElementById('fig-gd').figure.t; return t > 0; });
  assert.ok(await colours(page, '#fig-gd canvas.gs-plot') > 20, 'the figure on the slide looks blank');
  assert.equal(await page.evaluate(() => document.getElementById('fig-momentum').figure.t), 0);
  return { ctx, page, errors };
}

async function shiftClickWorld(page, [x, y]) {
  const r = await page.evaluate(() => {
    const b = document.querySelector('#fig-gd canvas.gs-plot').getBoundingClientRect();
    return { left: b.left, top: b.top, width: b.width, height: b.height };
  });
  await page.keyboard.down('Shift');
  await page.mouse.click(r.left + ((x + 6) / 8) * r.width, r.top + ((3 - y) / 6) * r.height);
  await page.keyboard.up('Shift');
  return r;
}

for (const [viewport, how] of [[{ width: 800, height: 600 }, 'scaled down'], [{ width: 1600, height: 900 }, 'scaled up']]) {
  test(`reveal.js deck (${viewport.width}×${viewport.height}, slide ${how}): the figure plays on its slide and a Shift+click lands where clicked`, async () => {
    const { ctx, page, errors } = await deck(viewport);
    try {
      // the slide really is scaled: the canvas's box differs from its layout size
      const ratio = await page.evaluate(() => {
        const c = document.querySelector('#fig-gd canvas.gs-plot');
        return c.getBoundingClientRect().width / c.clientWidth;
      });
      assert.ok(Math.abs(ratio - 1) > 0.1, `the slide is not scaled (ratio ${ratio})`);
      await page.evaluate(() => document.getElementById('fig-gd').pause());
      for (const target of [[-1, 1], [1.5, -2.25]]) {
        await shiftClickWorld(page, target);
        const start = (await sceneOf(page, 'fig-gd')).start;
        // one screen pixel is at most 8 / 400 world units here
        assert.ok(Math.abs(start[0] - target[0]) < 0.04 && Math.abs(start[1] - target[1]) < 0.04,
          `start ${start} for a click at ${target}`);
      }
      // the next slide: this figure pauses, that one plays
      await page.evaluate(() => document.getElementById('fig-gd').play());
      await page.keyboard.press('ArrowRight');
      await page.waitForFunction(() => document.getElementById('fig-momentum').figure.t > 0);
      const t = await page.evaluate(() => document.getElementById('fig-gd').figure.t);
      await page.waitForTimeout(400);
      assert.equal(await page.evaluate(() => document.getElementById('fig-gd').figure.t), t);
      assert.equal(await page.getAttribute('#fig-gd .gs-play', 'aria-label'), 'Play');
      assert.deepEqual(errors, []);
    } finally {
      await ctx.close();
    }
  });
}

// The current slide's layout: reveal.js's top for it (it centres a slide by
// its height when it lays the deck out) and where its heading, plot, play
// bar, loss chart and legend are on screen.
const slideLayout = (page) => page.evaluate(() => {
  const s = window.Reveal.getCurrentSlide();
  const box = (sel) => {
    const e = s.querySelector(sel);
    if (!e) return null;
    const b = e.getBoundingClientRect();
    return { top: b.top, bottom: b.bottom };
  };
  return {
    id: s.id, top: s.style.top, vh: window.innerHeight,
    heading: box('h3'), plot: box('canvas.gs-plot'), bar: box('.gs-bar'), loss: box('canvas.gs-loss'), legend: box('.gs-legend'),
  };
});

// Until the figures on the page are drawn and two frames have passed.
const figuresDrawn = async (page) => {
  await page.waitForFunction(() => window.Reveal?.isReady()
    && [...document.querySelectorAll('gradscape-figure')].every((f) => f.querySelector('canvas.gs-plot[data-ready="true"]')));
  await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
};

// Opened (or reloaded) at a figure's slide, the deck was laid out before the
// figure had its height: the slide was centred as if it held its heading
// alone (top 315.5 px instead of 57.5 px at 1280×800) and the figure's lower
// half, play bar and legend were below the screen. slides.js lays the deck
// out again when a figure's height changes.
for (const viewport of [{ width: 1280, height: 800 }, { width: 960, height: 700 }]) {
  test(`reveal.js deck (${viewport.width}×${viewport.height}) opened at #/1 or #/2: laid out as when one arrives with →, the figure on screen`, async () => {
    // Arriving with →: the reference.
    const arrived = [];
    {
      const { ctx, page, errors } = await open('examples/slides.html', viewport);
      try {
        await figuresDrawn(page);
        for (const h of [1, 2]) {
          await page.keyboard.press('ArrowRight');
          await page.waitForFunction((h) => window.Reveal.getIndices().h === h, h);
          await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
          arrived[h] = await slideLayout(page);
        }
        assert.deepEqual(errors, []);
      } finally {
        await ctx.close();
      }
    }
    for (const h of [1, 2]) {
      const { ctx, page, errors } = await open(`examples/slides.html#/${h}`, viewport);
      try {
        await figuresDrawn(page);
        const want = arrived[h];
        // reveal.js lays out again on the next frame after the figure grows.
        await page.waitForFunction((top) => window.Reveal.getCurrentSlide().style.top === top, want.top, { timeout: 3000 }).catch(() => {});
        const got = await slideLayout(page);
        assert.equal(got.id, want.id);
        assert.equal(got.top, want.top, `#/${h}: the slide's top (${got.top}; arriving with →: ${want.top})`);
        for (const part of ['heading', 'plot', 'bar', 'loss', 'legend']) {
          if (!want[part]) continue;
          assert.ok(Math.abs(got[part].top - want[part].top) <= 1, `#/${h}: the ${part} at ${got[part].top} px, arriving with → at ${want[part].top} px`);
          assert.ok(got[part].top >= 0 && got[part].bottom <= got.vh, `#/${h}: the ${part} (${got[part].top}–${got[part].bottom} px) inside the ${got.vh} px viewport`);
        }
        assert.deepEqual(errors, []);
      } finally {
        await ctx.close();
      }
    }
  });
}

test('served from a sub-path (as from a CDN), the module finds its wasm there; loading it twice is harmless', async () => {
  const sub = await serve(undefined, '/cdn/gradscape@0.1.0/');
  const ctx = await browser.newContext({ viewport: { width: 1000, height: 700 } });
  try {
    const page = await ctx.newPage();
    const errors = [];
    const requests = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(sub.url + 'examples/course-site.html');
    await page.waitForSelector('#fig-gd canvas.gs-plot[data-ready="true"]', { state: 'attached' });
    assert.ok(requests.some((u) => u.endsWith('/cdn/gradscape@0.1.0/gradscape_bg.wasm')), requests.join('\n'));
    // a second copy of the module (another URL) neither throws nor redefines
    const same = await page.evaluate(async () => {
      const before = customElements.get('gradscape-figure');
      await import(new URL('../gradscape-figure.js?copy', location.href).href);
      return customElements.get('gradscape-figure') === before;
    });
    assert.equal(same, true);
    assert.deepEqual(errors, []);
  } finally {
    await ctx.close();
    await sub.close();
  }
});

test('the release folder is an npm package whose exports exist and whose version is the crate\'s', async () => {
  const dist = new URL('../../dist/', import.meta.url);
  const pkg = JSON.parse(await readFile(new URL('package.json', dist), 'utf8'));
  const cargo = await readFile(new URL('../../Cargo.toml', import.meta.url), 'utf8');
  assert.equal(pkg.version, cargo.match(/^version = "([^"]+)"/m)[1]);
  assert.equal(pkg.name, 'gradscape');
  assert.equal(pkg.type, 'module');
  assert.equal(pkg.exports['.'], './gradscape.js');
  assert.equal(pkg.exports['./figure'], './gradscape-figure.js');
  for (const file of [...Object.values(pkg.exports), ...pkg.files]) {
    await readFile(new URL(file, dist)); // throws when the build did not write it
  }
  // the element's module finds the wasm next to itself
  const fig = await readFile(new URL('gradscape-figure.js', dist), 'utf8');
  assert.match(fig, /new URL\('\.\/gradscape_bg\.wasm', import\.meta\.url\)/);
});
