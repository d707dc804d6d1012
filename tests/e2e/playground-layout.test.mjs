// The live playground's layout: the canvas fully visible and the largest
// element at desktop sizes and on a phone, redrawn on resize, light and dark
// themes.
// Each test opens its own fresh page; every page must stay free of console
// errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { playgroundSuite, state, act, setScene, geometry, toPx, freeCanvasPoint, ALL9, noErrors } from './support.mjs';

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
