// The live playground's layout: the canvas fully visible and the largest
// element at desktop sizes and on a phone, redrawn on resize, light and dark
// themes.
// Each test opens its own fresh page; every page must stay free of console
// errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { playgroundSuite, state, act, setScene, geometry, toPx, freeCanvasPoint, ALL9, noErrors, settled } from './support.mjs';

const { fresh, noConsoleErrors } = playgroundSuite();

// `skip`: a selector of elements not compared with the canvas.
const layoutFacts = (page, skip = null) => page.evaluate((skip) => {
  const c = document.getElementById('plot');
  const vw = innerWidth, vh = innerHeight;
  const clip = (r) => Math.max(0, Math.min(r.right, vw) - Math.max(r.left, 0)) * Math.max(0, Math.min(r.bottom, vh) - Math.max(r.top, 0));
  const shown = (el) => { const s = getComputedStyle(el); return s.display !== 'none' && s.visibility !== 'hidden' && Number(s.opacity) > 0; };
  const name = (el) => el.tagName.toLowerCase() + (el.id ? `#${el.id}` : '') + (typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : '');
  const cr = c.getBoundingClientRect();
  let biggest = null;
  for (const el of document.body.querySelectorAll('*')) {
    if (el === c || el.contains(c) || !shown(el) || (skip && el.closest(skip))) continue;
    const a = clip(el.getBoundingClientRect());
    if (!biggest || a > biggest.area) biggest = { area: a, what: name(el) };
  }
  return {
    vw, vh, dpr: devicePixelRatio, scrollWidth: document.documentElement.scrollWidth,
    canvas: { left: cr.left, right: cr.right, top: cr.top, bottom: cr.bottom, w: cr.width, h: cr.height, area: clip(cr), devW: c.width, devH: c.height },
    biggest,
  };
}, skip);

for (const [w, h, dpr] of [[1366, 768, 1], [1920, 1080, 1], [1366, 768, 2]]) {
  test(`layout at ${w}×${h} (dpr ${dpr}): the canvas is fully visible without scrolling and the largest element`, async (t) => {
    const { page, errors } = await fresh(t, { viewport: { width: w, height: h }, deviceScaleFactor: dpr });
    for (const scene of [{}, ALL9]) {
      await setScene(page, scene);
      const f = await layoutFacts(page);
      const where = `${w}×${h} with ${scene.optimizers?.length ?? 2} optimizers`;
      assert.ok(f.scrollWidth <= f.vw, `${where}: horizontal scroll (${f.scrollWidth} > ${f.vw})`);
      assert.ok(f.canvas.top >= 0 && f.canvas.left >= 0 && f.canvas.right <= f.vw && f.canvas.bottom <= f.vh,
        `${where}: canvas at ${JSON.stringify(f.canvas)} in ${f.vw}×${f.vh}`);
      assert.ok(f.canvas.area >= f.biggest.area, `${where}: ${f.biggest.what} (${Math.round(f.biggest.area)} px²) is larger than the canvas (${Math.round(f.canvas.area)} px²)`);
      assert.equal(f.canvas.devW, Math.round(f.canvas.w * dpr));
      assert.equal(f.canvas.devH, Math.round(f.canvas.h * dpr));
    }
    noErrors(errors);
  });
}

test('layout at 390×844 (phone): no horizontal scroll, the canvas spans the width and is the largest element', async (t) => {
  const { page, errors } = await fresh(t, { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  const many = [{ kind: 'gd', lr: 0.6 }, ...ALL9.optimizers.slice(1)];
  for (const scene of [{}, { optimizers: many.slice(0, 9) }, { optimizers: many }]) {
    await setScene(page, scene);
    // The optimizer cards follow the figure on a phone (they are what a
    // student changes, under the sticky figure): not compared with it.
    const f = await layoutFacts(page, '.opt-panel');
    const where = `390×844 with ${scene.optimizers?.length ?? 2} optimizers`;
    assert.ok(f.scrollWidth <= f.vw, `${where}: horizontal scroll (${f.scrollWidth} > ${f.vw})`);
    assert.ok(f.canvas.left >= 0 && f.canvas.right <= f.vw, `${where}: canvas ${f.canvas.left}..${f.canvas.right}`);
    assert.ok(f.canvas.w >= f.vw - 48, `${where}: the canvas is only ${f.canvas.w} px wide`);
    assert.ok(f.canvas.top < f.vh / 2, `${where}: the canvas starts below the middle of the first screen (${f.canvas.top})`);
    // Up to the seed's nine runs the figure is the largest thing on the
    // page; with every kind raced the legend (two columns of labelled
    // runs, under the sticky figure) may grow past it.
    if (scene.optimizers === undefined || scene.optimizers.length <= 9) {
      assert.ok(f.canvas.area >= f.biggest.area, `${where}: ${f.biggest.what} (${Math.round(f.biggest.area)} px²) is larger than the canvas (${Math.round(f.canvas.area)} px²)`);
    }
    assert.equal(f.canvas.devW, Math.round(f.canvas.w * 2));
    assert.equal(f.canvas.devH, Math.round(f.canvas.h * 2));
    // Nothing sticks out to the right.
    const wide = await page.evaluate(() => [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > innerWidth + 0.5 && getComputedStyle(e).display !== 'none')
      .map((e) => e.tagName.toLowerCase() + (e.id ? `#${e.id}` : '')).slice(0, 5));
    assert.deepEqual(wide, [], `${where}: elements past the right edge`);
  }
  // A tap leaves the figure (a teacher taps to point); the start moves by
  // its ring, its handle or its fields (tests/e2e/classroom-keys.test.mjs).
  await setScene(page, {});
  const g = await geometry(page);
  const p = await freeCanvasPoint(page, [[0.5, 0.3], [0.6, 0.4], [0.4, 0.3]], [toPx(g, [-5, -2]), toPx(g, [0, 0])], 30);
  await page.evaluate(() => window.scrollTo(0, 0));
  const g2 = await geometry(page);
  const s0 = await state(page);
  await page.touchscreen.tap(g2.left + p[0], g2.top + p[1]);
  await page.waitForTimeout(200);
  const s = await state(page);
  assert.deepEqual(s.scene, s0.scene, 'a tap does not move the start');
  noErrors(errors);
});

test('the convention picker shows its chosen option whole at 1366×768 and 1280×800, in English and 中文', async (t) => {
  for (const [width, height] of [[1366, 768], [1280, 800]]) {
    const { page } = await fresh(t, { viewport: { width, height } });
    for (const lang of ['en', 'zh']) {
      await page.selectOption('#lang', lang);
      await page.waitForFunction((lang) => document.documentElement.lang.startsWith(lang), lang);
      for (const conv of ['d2l', 'pytorch']) {
        await page.selectOption('#convention', conv);
        // The picker against one holding only its chosen option, sized to
        // fit it (text, padding and arrow): as wide or narrower, nothing cut.
        const fit = await page.evaluate(() => {
          const s = document.getElementById('convention');
          const o = s.options[s.selectedIndex];
          const probe = document.createElement('select');
          probe.className = s.className;
          probe.style.cssText = 'position:absolute;visibility:hidden;width:auto;flex:none;max-width:none';
          probe.append(o.cloneNode(true));
          s.parentElement.append(probe);
          const need = probe.getBoundingClientRect().width;
          probe.remove();
          return { text: o.text, title: o.title, need, has: s.getBoundingClientRect().width };
        });
        assert.ok(fit.need <= fit.has + 0.5, `${width}×${height} ${lang}: "${fit.text}" needs ${fit.need} px, the picker has ${fit.has}`);
        if (conv === 'd2l') assert.match(fit.title, lang === 'en' ? /Dive into Deep Learning/ : /动手学深度学习/, 'the book named in full in its title');
      }
    }
  }
});

test('resizing the window redraws the canvas at its new size', async (t) => {
  const { page, errors } = await fresh(t, { viewport: { width: 1366, height: 768 }, deviceScaleFactor: 2 });
  const w0 = (await geometry(page)).w;
  await page.setViewportSize({ width: 800, height: 700 });
  await page.waitForFunction((w0) => {
    const c = document.getElementById('plot');
    const r = c.getBoundingClientRect();
    return r.width !== w0 && c.width === Math.round(r.width * 2) && c.height === Math.round(r.height * 2) && c.dataset.ready === 'true';
  }, w0, { timeout: 20000 });
  const f = await layoutFacts(page);
  assert.ok(f.scrollWidth <= f.vw);
  noErrors(errors);
});

// The plot's top is kept between draws (src/web/sizes.rs: reading it took
// a layout at every slider input); where the fit depends on it (a long
// lesson caption over the figure at 1366×768), every way the boxes above
// change (lessons by key, the language, "modified ↺ lesson" appearing)
// gives the figure the size a fresh page of the same link has.
test('the figure keeps the size a fresh page gives it as the boxes above it change', async (t) => {
  const { page, errors } = await fresh(t, { viewport: { width: 1366, height: 768 }, deviceScaleFactor: 1 });
  const height = () => page.evaluate(() => document.getElementById('plot').clientHeight);
  const other = await page.context().newPage();
  const freshHeight = async (url) => {
    await other.goto(url);
    await other.waitForSelector('canvas#plot[data-ready="true"]', { timeout: 20000 });
    await settled(other);
    return other.evaluate(() => document.getElementById('plot').clientHeight);
  };
  const same = async (what) => {
    await settled(page);
    const h = await height();
    assert.equal(h, await freshHeight(page.url()), `${what}: the plot is ${h} px tall`);
    return h;
  };
  await page.goto(`${page.url().split('?')[0]}?lesson=7`);
  await page.waitForSelector('canvas#plot[data-ready="true"]');
  await page.locator('#plot').focus();
  const seen = new Set([await same('lesson 7')]);
  for (const l of [8, 9, 10]) {
    await page.keyboard.press('PageDown');
    seen.add(await same(`PageDown to lesson ${l}`));
  }
  // The caption's height moves the plot here: the test would not see a stale top otherwise.
  assert.ok(seen.size >= 3, `the plot's heights in lessons 7–10: ${[...seen]}`);
  // "modified" (its ↺ button) makes the caption 3 px taller: the plot 3 px shorter.
  const slider = page.locator('section.opt-card[data-index="0"] input[type="range"][data-param="lr"]');
  await slider.focus();
  await page.keyboard.press('ArrowLeft');
  await page.locator('#lesson-modified:not([hidden])').waitFor();
  await same('lesson 10 modified');
  await page.selectOption('#lang', 'zh');
  await same('lesson 10 in 中文');
  await page.keyboard.press('PageUp');
  await same('PageUp to lesson 9');
  noErrors(errors);
});

test('the side column, stuck while the page scrolls, takes the window\'s height, its top in view at the page\'s end', async (t) => {
  for (const [w, h] of [[1366, 768], [1100, 700]]) {
    const { page, errors } = await fresh(t, { viewport: { width: w, height: h }, deviceScaleFactor: 1 });
    const box = () => page.evaluate(() => {
      const r = document.querySelector('.panel').getBoundingClientRect();
      return { top: r.top, bottom: r.bottom, vh: innerHeight };
    });
    const atTop = await box();
    assert.ok(atTop.bottom <= atTop.vh, `${w}×${h} at the top: the column ends in the window (${atTop.bottom} > ${atTop.vh})`);
    for (const y of [150, 100000]) {
      await page.evaluate((y) => scrollTo(0, y), y);
      await page.waitForFunction(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(() => ok(true)))));
      const b = await box();
      assert.ok(b.top >= 0, `${w}×${h} scrolled to ${y}: the column's top is off the window (${b.top})`);
      assert.ok(b.vh - b.bottom <= 20, `${w}×${h} scrolled to ${y}: a ${b.vh - b.bottom} px strip under the column`);
    }
    noErrors(errors);
  }
});

test('light and dark themes follow prefers-color-scheme', async (t) => {
  const bg = async (scheme) => {
    const { page, errors } = await fresh(t, { colorScheme: scheme });
    const r = await page.evaluate(() => {
      const lum = (c) => { const m = c.match(/\d+(\.\d+)?/g).map(Number); return 0.2126 * m[0] + 0.7152 * m[1] + 0.0722 * m[2]; };
      const b = getComputedStyle(document.body).backgroundColor;
      const h = getComputedStyle(document.documentElement).backgroundColor;
      const bgc = b === 'rgba(0, 0, 0, 0)' ? h : b;
      return { bg: bgc === 'rgba(0, 0, 0, 0)' ? 255 : lum(bgc), fg: lum(getComputedStyle(document.body).color) };
    });
    noErrors(errors);
    return r;
  };
  const light = await bg('light');
  const dark = await bg('dark');
  assert.ok(light.bg > light.fg, `light theme: background ${light.bg} brighter than text ${light.fg}`);
  assert.ok(dark.bg < dark.fg, `dark theme: background ${dark.bg} darker than text ${dark.fg}`);
});

noConsoleErrors();
