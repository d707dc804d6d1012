// The page draws the default scene: the seed's bowl f = 0.1·x² + 2·y² from
// (−5, −2), GD η = 0.4 and momentum η = 0.4, γ = 0.5, 20 steps.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, open, viridis, logScale, hexRgb, near } from './support.mjs';

let server, browser, page, errors;
const f = ([x, y]) => 0.1 * x * x + 2 * y * y;

before(async () => {
  server = await serve();
  browser = await launch();
  ({ page, errors } = await open(browser, server.url));
});
after(async () => {
  await browser?.close();
  await server?.close();
});

// RGBA of device pixels around a CSS point, read back from the canvas.
async function pixels(points, radius = 0) {
  return page.evaluate(({ points, radius }) => {
    const c = document.getElementById('plot');
    const ctx = c.getContext('2d');
    const k = c.width / c.getBoundingClientRect().width;
    return points.map(([x, y]) => {
      const px = Math.round(x * k), py = Math.round(y * k);
      const out = [];
      for (let dy = -radius; dy <= radius; dy++)
        for (let dx = -radius; dx <= radius; dx++) {
          const d = ctx.getImageData(px + dx, py + dy, 1, 1).data;
          out.push([d[0], d[1], d[2]]);
        }
      return out;
    });
  }, { points, radius });
}

async function geometry() {
  return page.evaluate(() => {
    const c = document.getElementById('plot');
    const r = c.getBoundingClientRect();
    const [x0, x1, y0, y1] = c.dataset.view.split(',').map(Number);
    return { w: r.width, h: r.height, devW: c.width, devH: c.height, x0, x1, y0, y1 };
  });
}

function toPx(g, [x, y]) {
  return [(x - g.x0) / (g.x1 - g.x0) * g.w, (g.y1 - y) / (g.y1 - g.y0) * g.h];
}

const median = (cols) => [0, 1, 2].map((i) => cols.map((c) => c[i]).sort((a, b) => a - b)[Math.floor(cols.length / 2)]);

test('no console errors while loading and drawing', () => {
  assert.deepEqual(errors, []);
});

test('the canvas is drawn at device resolution (crisp at devicePixelRatio 2)', async () => {
  const g = await geometry();
  assert.ok(g.w > 300 && g.h > 150, `canvas box ${g.w}×${g.h}`);
  assert.equal(g.devW, Math.round(g.w * 2));
  assert.equal(g.devH, Math.round(g.h * 2));
  assert.deepEqual([g.x0, g.x1, g.y0, g.y1], [-6, 1, -3.2, 2.2]);
});

test('the canvas is not blank', async () => {
  const g = await geometry();
  const pts = [];
  for (let i = 1; i < 20; i++) for (let j = 1; j < 12; j++) pts.push([g.w * i / 20, g.h * j / 12]);
  const cols = (await pixels(pts)).map((p) => p[0].join(','));
  assert.ok(new Set(cols).size > 40, `only ${new Set(cols).size} distinct colours`);
});

test('the heatmap colour at the minimum and at the far corner is what the colormap says', async () => {
  const g = await geometry();
  const lo = 0;
  const hi = f([g.x0, g.y0]); // the bottom-left corner is the window's maximum
  const t = logScale(lo, hi);
  // Near the minimum, to its right on the x1 axis (off the plus marker, off
  // the trails, half-way between the first two of the 14 isolines at
  // t = k/15), and near the far corner.
  const d = hi * 1e-4;
  const fNear = d * (Math.exp(1.5 / 15 * Math.log((hi + d) / d)) - 1);
  const probes = [[Math.sqrt(fNear / 0.1), 0], [g.x0 + 0.06, g.y0 + 0.06]];
  for (const p of probes) {
    const [got] = await pixels([toPx(g, p)], 2);
    const want = viridis(t(f(p)));
    const m = median(got);
    assert.ok(near(m, want, 14), `at (${p}): got ${m}, colormap says ${want.map(Math.round)} (t = ${t(f(p)).toFixed(3)})`);
  }
  // And the two ends really are the two ends of the map.
  const [cmin] = await pixels([toPx(g, probes[0])], 2);
  assert.ok(median(cmin)[2] > median(cmin)[1], 'purple-blue near the minimum');
  const [cmax] = await pixels([toPx(g, [g.x0 + 0.06, g.y0 + 0.06])], 2);
  assert.ok(median(cmax)[0] > 200 && median(cmax)[1] > 200, 'yellow at the far corner');
});

function trajectory(step, n) {
  const pts = [[-5, -2]];
  const state = { v: [0, 0] };
  for (let t = 0; t < n; t++) {
    const x = pts[pts.length - 1];
    pts.push(step(x, [0.2 * x[0], 4 * x[1]], state));
  }
  return pts;
}

test('the trails are where the scene puts them, a dot at every step', async () => {
  const g = await geometry();
  const gd = trajectory((x, gr) => [x[0] - 0.4 * gr[0], x[1] - 0.4 * gr[1]], 20);
  const mom = trajectory((x, gr, s) => {
    s.v = [0.5 * s.v[0] + 0.4 * gr[0], 0.5 * s.v[1] + 0.4 * gr[1]];
    return [x[0] - s.v[0], x[1] - s.v[1]];
  }, 20);
  const inside = (p) => {
    const [x, y] = toPx(g, p);
    return x > 4 && x < g.w - 4 && y > 4 && y < g.h - 4;
  };
  assert.ok(gd.filter(inside).length >= 15 && mom.filter(inside).length >= 15, 'the default view holds the trails');
  const orange = hexRgb('#E69F00');
  const blue = hexRgb('#56B4E9');
  // Momentum is drawn last: every one of its dots shows its colour.
  // (Dots under the current-point marker — momentum's disc, larger and
  // white-rimmed, at the last point — are covered by it.)
  const [lx, ly] = toPx(g, mom[mom.length - 1]);
  const clear = (p, i, all) => {
    const [x, y] = toPx(g, p);
    return i === all.length - 1 || Math.hypot(x - lx, y - ly) > 9;
  };
  const momIn = mom.filter(clear).filter(inside);
  const momCols = await pixels(momIn.map((p) => toPx(g, p)));
  momCols.forEach(([c], t) => assert.ok(near(c, blue, 10), `momentum point ${momIn[t]}: ${c}`));
  // GD's dots show orange unless momentum's trail crosses them.
  const gdCols = await pixels(gd.slice(2).filter(inside).map((p) => toPx(g, p)));
  const hits = gdCols.filter(([c]) => near(c, orange, 10)).length;
  assert.ok(hits >= 0.8 * gdCols.length, `only ${hits}/${gdCols.length} GD dots are orange`);
  const legend = await page.locator('#legend li').allTextContents();
  assert.equal(legend.length, 2);
  assert.match(legend[0], /GD η=0\.4/);
  assert.match(legend[1], /Momentum η=0\.4 γ=0\.5/);
});

test('the page text shows no NaN or Infinity', async () => {
  const text = await page.locator('body').innerText();
  assert.doesNotMatch(text, /NaN|Infinity/);
});
