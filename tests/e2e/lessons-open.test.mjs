// How the lessons open (step, window, panel, comparison runs), the "fit
// trails" view (button and F key), lesson 9's decay directions on the
// canvas, and sixteen runs told apart by colour, dash and dot shape in the
// legend and the SVG figure.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, state, settled, openPage, act, setScene, geometry, toPx } from './support.mjs';

let server, browser;
before(async () => {
  server = await serve();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const fresh = (t, query = '') => openPage(browser, t, server.url + query, { viewport: { width: 1280, height: 720 } });

// Every point of the shown runs up to the cursor, in canvas CSS pixels.
async function shownPoints(page) {
  const s = await state(page);
  const g = await geometry(page);
  const pts = s.runs.filter((_, i) => !s.hidden?.[i]).flatMap((r) => r.points.slice(0, s.t + 1));
  return { g, s, px: pts.map((p) => toPx(g, p)) };
}
const inside = ({ g, px }) => px.every(([x, y]) => x >= 0 && x <= g.w && y >= 0 && y <= g.h);

test('lesson 8 opens at step 0 with the state panel showing step 1: m₁ = 0.1·g₁, m̂₁ = g₁', async (t) => {
  const { page, errors } = await fresh(t, '?lesson=8');
  const s = await state(page);
  assert.equal(s.t, 0);
  assert.equal(await page.evaluate(() => document.getElementById('state-panel').open), true);
  const row = (key) => page.evaluate((key) => {
    const r = document.querySelector(`#state-bias tr[data-key="${key}"]`);
    return r ? [Number(r.dataset.x1), Number(r.dataset.x2)] : null;
  }, key);
  assert.equal(await page.getAttribute('#state-bias', 'data-k'), '1');
  const [g, m, mHat] = [await row('g'), await row('m'), await row('m_hat')];
  assert.deepEqual(g, [-1, -8]);
  for (let c = 0; c < 2; c++) {
    assert.ok(Math.abs(m[c] - 0.1 * g[c]) < 1e-12, `m₁ = 0.1·g₁ (${m[c]})`);
    assert.equal(mHat[c], g[c], 'm̂₁ = g₁');
  }
  assert.doesNotMatch(await page.locator('#state-panel').innerText(), /past the scene/);
  assert.deepEqual(errors, []);
});

test('lesson 2 opens at step 8 in a window that holds its zig-zag; lessons 3 and 4 have GD beside momentum', async (t) => {
  const { page, errors } = await fresh(t, '?lesson=2');
  const shown = await shownPoints(page);
  assert.equal(shown.s.t, 8);
  assert.ok(inside(shown), 'every point shown so far is inside the canvas');
  // Not a comb: the zig-zag spans most of the height.
  const ys = shown.px.map(([, y]) => y);
  assert.ok(Math.max(...ys) - Math.min(...ys) > 0.6 * shown.g.h);
  for (const [id, t0] of [[3, 20], [4, 6]]) {
    await act(page, () => page.selectOption('#lesson', String(id)));
    const sh = await shownPoints(page);
    const kinds = sh.s.scene.optimizers.map((o) => o.kind);
    assert.deepEqual(kinds, ['momentum', 'gd'], `lesson ${id}`);
    assert.equal(sh.s.scene.optimizers[0].lr, sh.s.scene.optimizers[1].lr, 'the same η');
    assert.equal(sh.s.t, t0);
    assert.ok(inside(sh), `lesson ${id}: both runs inside`);
  }
  assert.deepEqual(errors, []);
});

test('the fit button and the F key frame the trails up to the cursor, not the diverged part', async (t) => {
  const { page, errors } = await fresh(t, '?lesson=2');
  for (const lang of ['en', 'zh']) {
    if (lang === 'zh') await act(page, () => page.selectOption('#lang', 'zh'));
    const label = await page.getAttribute('#fit-view', 'aria-label');
    assert.ok(label && label === (await page.getAttribute('#fit-view', 'title')), 'named and titled');
    assert.match(label, lang === 'en' ? /Fit/ : /轨迹/);
  }
  // The whole run: x2 = −2·(−1.4)ᵗ grows to −1673 at step 20, far outside
  // the lesson's window.
  await act(page, () => page.evaluate(() => {
    const s = document.getElementById('scrub');
    s.value = '20';
    s.dispatchEvent(new Event('input', { bubbles: true }));
  }));
  assert.equal(inside(await shownPoints(page)), false);
  // Fitted: steps 0–8 (to −29.5, as the lesson opens) in view, a zig-zag
  // that spans the figure; the steps beyond fifteen times the bowl's window
  // (+41 at step 9 … −1673) are left to the edge markers, not a window
  // ±1900 high where every early step is a flat line (a student's trial).
  const framed = async (how) => {
    const { g, s, px } = await shownPoints(page);
    const early = px.slice(0, 9);
    assert.ok(inside({ g, px: early }), `${how}: steps 0–8 in view`);
    assert.ok(g.y1 - g.y0 < 80, `${how}: a window ${g.y0}…${g.y1}, not ±1900`);
    const ys = early.map(([, y]) => y);
    assert.ok(Math.max(...ys) - Math.min(...ys) > 0.6 * g.h, `${how}: the zig-zag spans the figure`);
    assert.equal(s.t, 20, 'the cursor stays');
  };
  await act(page, () => page.click('#fit-view'));
  await framed('the button');
  await act(page, () => page.click('#reset-view'));
  assert.equal(inside(await shownPoints(page)), false);
  await page.locator('#plot').focus();
  await act(page, () => page.keyboard.press('f'));
  await framed('F');
  // The link carries the fitted window in short numbers (not f64's 17
  // digits), a hair wider: opened, it frames the same early steps.
  await settled(page);
  const link = new URL(page.url()).search;
  const view = new URLSearchParams(link).get('view');
  assert.ok(view, link);
  const digits = (n) => n.replace(/^-/, '').replace(/e.*$/, '').replace('.', '').replace(/^0+/, '').length;
  assert.ok(view.split(',').every((n) => digits(n) <= 7), `view=${view}`);
  const opened = await fresh(t, link);
  const o = await shownPoints(opened.page);
  assert.ok(inside({ g: o.g, px: o.px.slice(0, 9) }), `${link}: steps 0–8 inside`);
  // A run that converges is framed whole: lesson 5 at step 20.
  await page.goto(server.url + '?lesson=5');
  await page.waitForSelector('canvas#plot[data-ready="true"]');
  await page.locator('#plot').focus();
  await act(page, () => page.keyboard.press('f'));
  assert.ok(inside(await shownPoints(page)), 'lesson 5: both trails whole');
  assert.deepEqual(errors, []);
  assert.deepEqual(opened.errors, []);
});

test('lesson 9: AdamW\'s decay points at the origin, Adam+L2\'s is bent by 1/√v̂', async (t) => {
  const { page, errors } = await fresh(t, '?lesson=9');
  const s = await state(page);
  assert.ok(s.t < s.scene.steps, 'opens before the last step, so the inspector has a next step');
  const arrows = JSON.parse(await page.getAttribute('#plot', 'data-arrows'));
  const g = await geometry(page);
  const o = toPx(g, [0, 0]);
  const angle = (a) => {
    const u = [a.decay_dir[0] - a.from[0], a.decay_dir[1] - a.from[1]];
    const v = [o[0] - a.from[0], o[1] - a.from[1]];
    const c = (u[0] * v[0] + u[1] * v[1]) / Math.hypot(...u) / Math.hypot(...v);
    return Math.acos(Math.min(1, c)) * 180 / Math.PI;
  };
  const byKind = Object.fromEntries(arrows.map((a) => [s.scene.optimizers[a.index].kind, a]));
  assert.ok(Math.hypot(byKind.adamw.decay_dir[0] - byKind.adamw.from[0], byKind.adamw.decay_dir[1] - byKind.adamw.from[1]) > 60, 'drawn large');
  assert.ok(angle(byKind.adamw) < 2, `AdamW towards the origin (${angle(byKind.adamw)}°)`);
  assert.ok(angle(byKind.adam_l2) > 15, `Adam+L2 bent away from it (${angle(byKind.adam_l2)}°)`);
  assert.deepEqual(errors, []);
});

test('sixteen runs: sixteen different marks in the legend and in the SVG figure', async (t) => {
  const { page, errors } = await fresh(t);
  const KINDS = ['gd', 'momentum', 'adagrad', 'rmsprop', 'adam', 'adam_l2', 'adamw', 'nadam', 'adadelta'];
  await setScene(page, { steps: 10, optimizers: Array.from({ length: 16 }, (_, i) => ({ kind: KINDS[i % 9] })) });
  const legend = await page.locator('#legend .swatch').evaluateAll((es) => es.map((e) => e.dataset.mark));
  assert.equal(legend.length, 16);
  assert.equal(new Set(legend).size, 16, legend.join(' | '));
  // Runs 1 and 8 share the orange, not the dash or the shape; the swatch draws it.
  assert.equal(legend[0].split(' ')[0], legend[7].split(' ')[0]);
  assert.notEqual(legend[0], legend[7]);
  assert.equal(await page.locator('#legend li[data-index="7"] .swatch svg line[stroke-dasharray]').count(), 1);
  assert.equal(await page.locator('#legend li[data-index="7"] .swatch svg circle').count(), 1);
  for (const d of await page.locator('details').all()) await d.evaluate((e) => { e.open = true; });
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#export-svg')]);
  const svg = (await import('node:fs/promises').then((fs) => dl.path().then((p) => fs.readFile(p)))).toString('utf8');
  const marks = [...svg.matchAll(/<g class="entry" data-mark="([^"]*)"/g)].map((m) => m[1]);
  assert.equal(marks.length, 16);
  assert.deepEqual(marks, legend, 'the figure marks the runs as the page does');
  assert.deepEqual(errors, []);
});

test("lesson 9 on a phone: a decay label stands clear of its own arrow and point, in both languages", async (t) => {
  // The narrow plot pulled "Adam+L2 衰减：被 1/√v̂ 扭偏" back over its arrow
  // and the run's current point.
  for (const lang of ['en', 'zh']) {
    const { page } = await openPage(browser, t, `${server.url}?lesson=9&lang=${lang}`, { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true });
    const arrows = JSON.parse(await page.getAttribute('#plot', 'data-arrows'));
    const labelled = arrows.filter((a) => a.label && a.decay_dir);
    assert.equal(labelled.length, 2, lang);
    for (const a of labelled) {
      const [x0, y0, x1, y1] = a.label;
      const box = [Math.min(a.from[0], a.decay_dir[0]), Math.min(a.from[1], a.decay_dir[1]), Math.max(a.from[0], a.decay_dir[0]), Math.max(a.from[1], a.decay_dir[1])];
      const meets = x0 < box[2] && box[0] < x1 && y0 < box[3] && box[1] < y1;
      assert.ok(!meets, `${lang}: run ${a.index}'s label ${a.label.map(Math.round)} on its arrow ${box.map(Math.round)}`);
    }
  }
});
