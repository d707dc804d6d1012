// A slider drag draws the runs it does not move from kept pictures
// (src/web/draw/layers.rs, loss_chart.rs, explain/sweeps.rs): every frame
// of the drag must equal, byte for byte, the same frame drawn with nothing
// kept (redraw_exact), in the plot, the loss chart and the η sweep chart —
// after plain inputs and after changes of something else in the middle of
// the drag (the step, a run hidden, the view, the start). And once the drag
// rests, the picture is a fresh page's again. No timings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserSuite, canvasHash, openPage, settled } from './support.mjs';

const suite = browserSuite();

// 9 runs × 1000 steps on Rosenbrock (the benchmark's scene).
const OPT = 'gd:lr=0.001;momentum:lr=0.001,gamma=0.9;adagrad:lr=0.5;rmsprop:lr=0.01,gamma=0.9;' +
  'adam:lr=0.05;adam_l2:lr=0.05,lambda=0.01;adamw:lr=0.05,lambda=0.01;nadam:lr=0.05;adamax:lr=0.05';
const QUERY = `?f=rosenbrock&steps=1000&opt=${OPT}`;

// What `between` can do in the middle of a drag (in the page).
const CHANGES = {
  'the step moved': 'step',
  'a run hidden': 'hide',
  'the view zoomed': 'zoom',
  'the start moved (every run changed)': 'start',
};

// In the page: inputs on card `i`'s η slider (each its own task, as a drag
// delivers them), the change `between` (CHANGES) after input `at`,
// then — still inside the drag, before the rest timer — the frame as drawn,
// the same frame drawn afresh, and how many frames used kept pictures.
function dragAndCompare(page, { card, n, at = -1, between = '', move = 0.003 }) {
  return page.evaluate(async ({ card, n, at, between, move }) => {
    const hash = (id) => {
      const c = document.getElementById(id);
      const d = new Uint32Array(c.getContext('2d').getImageData(0, 0, c.width, c.height).data.buffer);
      let h = 2166136261 >>> 0;
      for (let k = 0; k < d.length; k++) h = Math.imul(h ^ d[k], 16777619) >>> 0;
      return `${c.width}x${c.height}:${h.toString(16)}`;
    };
    const plot = document.getElementById('plot');
    const input = document.querySelector(`section.opt-card[data-index="${card}"] input[type="range"][data-param="lr"]`);
    const lo = Number(input.min), hi = Number(input.max), v0 = Number(input.value);
    const loss = document.getElementById('loss');
    const kept0 = Number(plot.dataset.kept ?? 0), lossKept0 = Number(loss.dataset.kept ?? 0);
    const before = hash('plot');
    for (let k = 0; k < n; k++) {
      // Small moves down from where it is, as the benchmark's 1-px moves.
      input.value = String(Math.max(lo, v0 - (hi - lo) * move * (k + 1)));
      input.dispatchEvent(new Event('input', { bubbles: true }));
      if (k === at && between === 'step') {
        const s = document.getElementById('scrub');
        s.value = String(Number(s.value) - 300);
        s.dispatchEvent(new Event('input', { bubbles: true }));
      } else if (k === at && between === 'hide') {
        const c = document.querySelector('#legend li[data-index="3"] input[type=checkbox]');
        c.checked = false;
        c.dispatchEvent(new Event('change', { bubbles: true }));
      } else if (k === at && between === 'start') {
        const x = document.getElementById('start-x');
        x.value = String(Number(x.value) + 0.002);
        x.dispatchEvent(new Event('input', { bubbles: true }));
      } else if (k === at && between === 'zoom') {
        const r = plot.getBoundingClientRect();
        plot.dispatchEvent(new WheelEvent('wheel', {
          deltaY: -120, clientX: r.left + r.width / 3, clientY: r.top + r.height / 3, ctrlKey: true, bubbles: true, cancelable: true,
        }));
      }
      await new Promise((ok) => setTimeout(ok, 5));
    }
    // The sweep's charts follow a drag just after the paint (explain/mod.rs):
    // a frame, then a task after it, well before the rest timer.
    await new Promise((ok) => requestAnimationFrame(() => setTimeout(ok, 0)));
    const sweep = () => (document.getElementById('sweep-panel').open ? hash('sweep-lr') : null);
    const bias = () => (document.getElementById('state-panel').open && document.getElementById('bias-chart') ? hash('bias-chart') : null);
    // The sweep's words (edge list, criterion), kept while the sweep is the same.
    const words = () => (document.getElementById('sweep-panel').open
      ? document.getElementById('sweep-criterion').textContent + document.getElementById('sweep-edges').innerHTML : null);
    // The cards' η(t) charts: pixels, words and how often each was painted.
    const lr = () => [...document.querySelectorAll('#optimizers canvas.lr-chart')].map((c) => {
      c.id ||= `lr-chart-${c.dataset.index}`;
      return { hash: hash(c.id), label: c.getAttribute('aria-label'), draws: Number(c.dataset.draws ?? 0) };
    });
    const drawn = { plot: hash('plot'), loss: hash('loss'), sweep: sweep(), bias: bias(), words: words(), lr: lr() };
    const kept = Number(plot.dataset.kept ?? 0) - kept0;
    const lossKept = Number(loss.dataset.kept ?? 0) - lossKept0;
    window.wasmBindings.redraw_exact();
    const fresh = { plot: hash('plot'), loss: hash('loss'), sweep: sweep(), bias: bias(), words: words(), lr: lr() };
    return { before, drawn, fresh, kept, lossKept };
  }, { card, n, at, between, move });
}

async function page(t) {
  const { page, errors } = await openPage(suite.browser, t, suite.server.url + QUERY, { viewport: { width: 1280, height: 800 }, dpr: 2 });
  await settled(page);
  return { page, errors };
}

for (const card of [0, 4, 8]) {
  test(`dragging card ${card}'s η: each frame from kept pictures equals the frame drawn afresh`, async (t) => {
    const { page: p, errors } = await page(t);
    const r = await dragAndCompare(p, { card, n: 12 });
    assert.notEqual(r.drawn.plot, r.before, 'the drag changed the picture');
    // The first input builds the pictures; every later one reuses them.
    assert.ok(r.kept >= 10, `frames drawn from kept pictures: ${r.kept}`);
    assert.ok(r.lossKept >= 10, `loss charts composed from kept pictures: ${r.lossKept}`);
    assert.equal(r.drawn.plot, r.fresh.plot, 'the plot');
    assert.equal(r.drawn.loss, r.fresh.loss, 'the loss chart');
    assert.deepEqual(errors, []);
  });
}

// Something else changed in the middle of a drag: the kept pictures must
// not survive it (each would leave the old picture under the next inputs).
for (const [name, between] of Object.entries(CHANGES)) {
  test(`a drag where ${name} in the middle: the frame equals the frame drawn afresh`, async (t) => {
    const { page: p, errors } = await page(t);
    const r = await dragAndCompare(p, { card: 0, n: 10, at: 5, between });
    assert.ok(r.kept >= 3, `frames drawn from kept pictures: ${r.kept}`);
    assert.ok(r.lossKept >= 3, `loss charts composed from kept pictures: ${r.lossKept}`);
    assert.equal(r.drawn.plot, r.fresh.plot, 'the plot');
    assert.equal(r.drawn.loss, r.fresh.loss, 'the loss chart');
    assert.deepEqual(errors, []);
  });
}

test('the η sweep chart, kept while η is dragged, equals the chart drawn afresh; also after the sweep is redone', async (t) => {
  const { page: p, errors } = await page(t);
  const computed = () => p.evaluate(() => Number(document.getElementById('sweep-lr').dataset.computed ?? 0));
  await p.evaluate(() => document.getElementById('sweep-panel').querySelector('summary').click());
  await p.waitForFunction(() => document.getElementById('sweep-lr').dataset.stale === 'false', null, { timeout: 30000 });
  const c0 = await computed();
  const before = await canvasHash(p, 'sweep-lr');
  const r = await dragAndCompare(p, { card: 0, n: 8 });
  assert.equal(await computed(), c0, 'an η drag does not redo the sweep');
  assert.notEqual(await canvasHash(p, 'sweep-lr'), before, 'the current η moved on the chart');
  assert.equal(r.drawn.sweep, r.fresh.sweep, 'the sweep chart during the drag');
  assert.ok(r.drawn.words.includes('data-edge'), 'the edge list is written');
  assert.equal(r.drawn.words, r.fresh.words, 'the edge list and criterion during the drag');
  // Something besides η (Rosenbrock's b): the sweep is redone (debounced),
  // then η dragged again.
  const sweptBefore = await canvasHash(p, 'sweep-lr');
  const wordsBefore = r.drawn.words;
  await p.evaluate(() => {
    const b = document.querySelector('#surface-params input[data-key="b"]');
    b.value = '20';
    b.dispatchEvent(new Event('change', { bubbles: true }));
  });
  await p.waitForFunction((c) => Number(document.getElementById('sweep-lr').dataset.computed) > c
    && document.getElementById('sweep-lr').dataset.stale === 'false', c0, { timeout: 30000 });
  await settled(p);
  assert.notEqual(await canvasHash(p, 'sweep-lr'), sweptBefore, 'the sweep changed (drawn for the new sweep)');
  const r2 = await dragAndCompare(p, { card: 0, n: 6 });
  assert.equal(r2.drawn.sweep, r2.fresh.sweep, 'the sweep chart after the sweep was redone');
  assert.notEqual(r2.drawn.words, wordsBefore, 'the edges moved with the sweep');
  assert.equal(r2.drawn.words, r2.fresh.words, 'the edge list and criterion after the sweep was redone');
  // Presenting rewrites the criterion's first words: the sweep's follow again.
  await p.evaluate(() => document.getElementById('present')?.click());
  await settled(p);
  const r3 = await dragAndCompare(p, { card: 0, n: 3 });
  assert.ok(r3.drawn.words?.includes('data-edge'), 'the edge list is shown when presenting');
  assert.equal(r3.drawn.words, r3.fresh.words, 'the edge list and criterion after presenting');
  assert.deepEqual(errors, []);
});

test('the state panel’s bias chart, drawn only when what it shows changed, equals the chart drawn afresh', async (t) => {
  const { page: p, errors } = await page(t);
  await p.evaluate(() => document.getElementById('state-panel').querySelector('summary').click());
  await p.waitForSelector('#bias-chart', { timeout: 30000 });
  // The state panel is rebuilt when a drag pauses (aria-busy meanwhile).
  const rested = async () => {
    await p.waitForFunction(() => !document.getElementById('state-body').hasAttribute('aria-busy'), null, { timeout: 30000 });
    await settled(p);
  };
  await rested();
  // Card 0 (GD) leaves Adam's bias-correction series alone; card 4 (Adam)
  // changes it: after each drag the chart must be the chart drawn afresh.
  for (const card of [0, 4, 0]) {
    const before = await canvasHash(p, 'bias-chart');
    await dragAndCompare(p, { card, n: 6, move: 0.02 });
    await rested();
    const shown = await canvasHash(p, 'bias-chart');
    if (card === 4) assert.notEqual(shown, before, 'the bias chart changed with Adam’s η');
    if (card === 0) assert.equal(shown, before, 'GD’s η leaves the bias chart alone');
    await p.evaluate(() => window.wasmBindings.redraw_exact());
    assert.equal(await canvasHash(p, 'bias-chart'), shown, `the bias chart after dragging card ${card}`);
  }
  assert.deepEqual(errors, []);
});

test('once the drag rests, the picture is drawn directly: a fresh page of the same link, pixel for pixel', async (t) => {
  const { page: p, errors } = await page(t);
  const r = await dragAndCompare(p, { card: 0, n: 8 });
  assert.ok(r.kept >= 6, `frames drawn from kept pictures: ${r.kept}`);
  // The rest (the Settle timer) draws once more, directly.
  await p.waitForTimeout(600);
  await settled(p);
  const url = await p.evaluate(() => location.search);
  assert.match(url, /lr=/);
  const picture = await canvasHash(p, 'plot');
  const loss = await canvasHash(p, 'loss');
  const { page: q, errors: e2 } = await openPage(suite.browser, t, suite.server.url + url, { viewport: { width: 1280, height: 800 }, dpr: 2 });
  await settled(q);
  assert.equal(picture, await canvasHash(q, 'plot'), 'the rested plot equals a fresh page');
  assert.equal(loss, await canvasHash(q, 'loss'), 'the rested loss chart equals a fresh page');
  assert.deepEqual(errors, []);
  assert.deepEqual(e2, []);
});

test('the state panel open: the arrows of each frame of a drag (runs not dragged keep their stepper) equal the frame drawn afresh', async (t) => {
  const { page: p, errors } = await page(t);
  await p.evaluate(() => document.getElementById('state-panel').querySelector('summary').click());
  await p.waitForSelector('#bias-chart', { timeout: 30000 });
  // A step in the middle of the runs, where every run has arrows to draw.
  await p.evaluate(() => {
    const s = document.getElementById('scrub');
    s.value = '300';
    s.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await settled(p);
  // The dragged card's arrows must move (a kept stepper of the card
  // dragged would leave them), the others' stay; the start moved in the
  // middle changes every run (no stepper may be kept then).
  for (const [card, between] of [[0, ''], [4, ''], [0, 'start'], [8, 'step']]) {
    const r = await dragAndCompare(p, { card, n: 6, at: 2, between, move: 0.01 });
    assert.notEqual(r.drawn.plot, r.before, `the drag of card ${card} changed the picture`);
    assert.equal(r.drawn.plot, r.fresh.plot, `the plot with the state panel's arrows, card ${card} ${between}`);
    await settled(p);
  }
  assert.deepEqual(errors, []);
});

test('the cards’ η(t) charts: only the dragged card’s is painted again, and each equals the chart drawn afresh', async (t) => {
  const q = '?f=rosenbrock&steps=200&opt=gd:lr=0.001,schedule=exponential(gamma=0.99);momentum:lr=0.001,gamma=0.9,schedule=one_cycle();' +
    'adam:lr=0.05,schedule=cyclic(max_lr=1)';
  const { page: p, errors } = await openPage(suite.browser, t, suite.server.url + q, { viewport: { width: 1280, height: 800 }, dpr: 2 });
  await settled(p);
  // Card 0's η dragged, then with the scrubber moved in the middle (every
  // cursor moves), then card 2's.
  const now = () => p.evaluate(() => [...document.querySelectorAll('#optimizers canvas.lr-chart')].map((c) => {
    const d = new Uint32Array(c.getContext('2d').getImageData(0, 0, c.width, c.height).data.buffer);
    let h = 2166136261 >>> 0;
    for (let k = 0; k < d.length; k++) h = Math.imul(h ^ d[k], 16777619) >>> 0;
    return { hash: `${c.width}x${c.height}:${h.toString(16)}`, draws: Number(c.dataset.draws ?? 0) };
  }));
  let last = await now();
  for (const [card, between, at] of [[0, '', -1], [0, 'step', 2], [2, '', -1]]) {
    const r = await dragAndCompare(p, { card, n: 5, at, between, move: 0.02 });
    assert.equal(r.drawn.lr.length, 3, 'three charts');
    for (let k = 0; k < 3; k++) {
      assert.equal(r.drawn.lr[k].hash, r.fresh.lr[k].hash, `chart ${k} after dragging card ${card} ${between}`);
      assert.equal(r.drawn.lr[k].label, r.fresh.lr[k].label, `chart ${k}'s words`);
      // Painted during this drag (the fresh redraw of the last one excluded).
      const painted = r.drawn.lr[k].draws - last[k].draws;
      if (k === card || between === 'step') assert.ok(painted >= 1, `chart ${k} painted again (${painted})`);
      else assert.equal(painted, 0, `chart ${k} left as it was`);
    }
    assert.notEqual(r.drawn.lr[card].hash, last[card].hash, 'the dragged card’s chart changed');
    await settled(p);
    // What the rest drew (if anything) counts as before the next drag.
    last = await now();
  }
  assert.deepEqual(errors, []);
});
