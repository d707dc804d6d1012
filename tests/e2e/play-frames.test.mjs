// A playing frame is drawn from kept pictures (src/web/draw/layers.rs,
// plot.rs, live.rs, overlay.rs, loss_chart.rs): the trail layer, the axes'
// labels (or the Adam+L2 isolines' layer) composited by the tiles that hold
// their pixels, the frame drawn again only where the steps and the current
// points moved, and the loss chart with only the old cursor's columns put
// back.
// Each frame must equal, byte for byte, the same frame drawn with nothing
// of that kept (redraw_exact: those layers whole, the loss chart drawn and
// copied whole). No timings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserSuite, openPage, settled } from './support.mjs';

const suite = browserSuite();

// The playback benchmark's seven runs, shorter.
const OPT = 'gd:lr=0.001;momentum:lr=0.001,gamma=0.9;adagrad:lr=0.5;rmsprop:lr=0.01,gamma=0.9;' +
  'adam:lr=0.05;adam_l2:lr=0.05,lambda=0.01;adamw:lr=0.05,lambda=0.01';

// In the page, inside one task (no frame in between): the plot and the loss
// chart as shown, then drawn afresh; and the step shown.
const compare = (page) => page.evaluate(() => {
  const hash = (id) => {
    const c = document.getElementById(id);
    const d = new Uint32Array(c.getContext('2d').getImageData(0, 0, c.width, c.height).data.buffer);
    let h = 2166136261 >>> 0;
    for (let k = 0; k < d.length; k++) h = Math.imul(h ^ d[k], 16777619) >>> 0;
    return `${c.width}x${c.height}:${h.toString(16)}`;
  };
  const t = Number(document.getElementById('plot').dataset.t);
  const shown = { plot: hash('plot'), loss: hash('loss') };
  window.wasmBindings.redraw_exact();
  return { t, shown, fresh: { plot: hash('plot'), loss: hash('loss') } };
});

// With an Adam+L2 run the labels come with its isolines' layer (composited
// by its tiles); without, the labels by theirs.
const NO_L2 = OPT.split(';').filter((o) => !o.startsWith('adam_l2')).join(';');
// The last: runs that cross the bowl in long steps (each frame's new
// segments reach beyond the current points' regions).
const FAST = 'momentum:lr=0.09,gamma=0.97;nesterov:lr=0.09,gamma=0.97;gd:lr=0.45';
// The last value: whether frames are drawn by regions (draw/live.rs).
const CASES = [
  ['DPR 2, an Adam+L2 run', 2, { width: 1280, height: 800 }, `f=rosenbrock&steps=3000&t=500&opt=${OPT}`, '200', true],
  ['DPR 2, no Adam+L2 run', 2, { width: 1280, height: 800 }, `f=rosenbrock&steps=3000&t=500&opt=${NO_L2}`, '200', true],
  ['DPR 1, narrow, no Adam+L2 run', 1, { width: 700, height: 900 }, `f=rosenbrock&steps=3000&t=500&opt=${NO_L2}`, '200', true],
  ['DPR 2, long steps across the bowl', 2, { width: 1280, height: 800 }, `f=quadratic&steps=400&t=0&opt=${FAST}`, '50', true],
  // A run leaving the view (its current point a triangle on the edge): whole frames.
  ['DPR 2, a run leaving the view', 2, { width: 1280, height: 800 }, 'f=quadratic&steps=400&t=0&opt=gd:lr=0.55;momentum:lr=0.09,gamma=0.97', '20', false],
];

for (const [name, dpr, size, query, speed, byRegions] of CASES) {
  test(`playing (${name}): each frame from kept pictures equals the frame drawn afresh`, async (t) => {
    const { page, errors } = await openPage(suite.browser, t, `${suite.server.url}?${query}`, { viewport: size, dpr });
    await settled(page);
    await page.evaluate((value) => {
      const speed = document.getElementById('speed');
      speed.value = value;
      speed.dispatchEvent(new Event('change', { bubbles: true }));
      document.getElementById('play').click();
    }, speed);
    const steps = [];
    for (let k = 0; k < 6; k++) {
      // A few frames, so the cursor and the trails moved.
      await page.evaluate(() => new Promise((ok) => {
        let n = 0;
        const f = () => (++n >= 4 ? ok() : requestAnimationFrame(f));
        requestAnimationFrame(f);
      }));
      const r = await compare(page);
      steps.push(r.t);
      assert.equal(r.shown.plot, r.fresh.plot, `the plot at step ${r.t}`);
      assert.equal(r.shown.loss, r.fresh.loss, `the loss chart at step ${r.t}`);
    }
    const partial = await page.evaluate(() => Number(document.getElementById('plot').dataset.partial ?? 0));
    await page.evaluate(() => document.getElementById('play').click());
    assert.ok(new Set(steps).size >= 4, `it played: steps ${steps}`);
    // Most frames were drawn only where they changed (draw/live.rs), or
    // none while a run is off the view.
    if (byRegions) assert.ok(partial >= 6, `frames drawn by regions: ${partial}`);
    else assert.equal(partial, 0, 'frames drawn by regions with a run off the view');
    assert.deepEqual(errors, []);
  });
}
