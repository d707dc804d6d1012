// "Try a smaller η" names one that was run: GD η = 0.01 on Rosenbrock
// diverges, and no bound is known in closed form; the message offers
// "Use η = 0.002" (a rerun of that η completes and ends below its start),
// the button sets it as one undo step, in English and 中文. While the η
// slider is dragged the reruns wait; the value appears once it rests. The
// reruns run just after the paint (Msg::FillCalmer): the tests wait for
// the sentence, as a reader's eye does for a frame.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { playgroundSuite, state, setScene, act, settled, calmed } from './support.mjs';

const { fresh, noConsoleErrors } = playgroundSuite();

// Until run 0's hint names its smaller η.
// Where card 0's η slider has its thumb (scrolled into view).
async function thumb(page) {
  const slider = page.locator('#optimizers .opt-card >> nth=0 >> input[type="range"][data-param="lr"]');
  await slider.scrollIntoViewIfNeeded();
  const box = await slider.boundingBox();
  const f = await slider.evaluate((i) => (Number(i.value) - Number(i.min)) / (Number(i.max) - Number(i.min)));
  return [box.x + 8 + f * (box.width - 16), box.y + box.height / 2];
}

const named = (page) => page.waitForFunction(() => /with η\u00a0=\u00a0|例如取 η\u00a0=\u00a0/.test(JSON.parse(window.wasmBindings.page_state()).runs[0].hint ?? ''));

const ROSEN = {
  landscape: { kind: 'rosenbrock' },
  start: [-1.5, 2],
  steps: 300,
  optimizers: [{ kind: 'gd', lr: 0.01 }, { kind: 'adam', lr: 0.1 }],
};

test('a diverged run on Rosenbrock is offered a smaller η that works, one press away', async (t) => {
  const { page } = await fresh(t);
  await setScene(page, ROSEN);
  await named(page);
  let s = await state(page);
  assert.equal(s.runs[0].health, 'diverged');
  assert.match(s.runs[0].hint, /Try a smaller η\. For example, with η\u00a0=\u00a00\.002 \(all else unchanged\) a rerun completes all its steps and ends with a loss below its start\.$/);
  assert.equal(s.runs[1].hint, null);
  const button = page.locator('#messages li[data-index="0"] button.use-calmer');
  assert.equal(await button.textContent(), 'Use η\u00a0=\u00a00.002');
  await act(page, () => button.click());
  s = await state(page);
  assert.equal(s.scene.optimizers[0].lr, 0.002);
  assert.equal(s.runs[0].health, 'ok');
  assert.ok(s.runs[0].loss.at(-1) <= s.runs[0].loss[0]);
  assert.equal(await page.locator('#messages li').count(), 0);
  assert.equal(await page.inputValue('#optimizers .opt-card >> nth=0 >> input.num[data-param="lr"]'), '0.002');
  // One undo step back to the diverged run and its message.
  await act(page, () => page.click('#undo'));
  await named(page);
  s = await state(page);
  assert.equal(s.scene.optimizers[0].lr, 0.01);
  assert.equal(await button.count(), 1);
  // 中文.
  await act(page, () => page.selectOption('#lang', 'zh'));
  await named(page);
  s = await state(page);
  assert.match(s.runs[0].hint, /试试更小的 η。例如取 η\u00a0=\u00a00\.002（其余不变）重新运行，能跑完全部步数，最终损失低于初始损失。$/);
  assert.equal(await button.textContent(), '改用 η\u00a0=\u00a00.002');
});

test('while the η slider is dragged the smaller η waits; it is named once the slider rests', async (t) => {
  const { page } = await fresh(t);
  await setScene(page, ROSEN);
  await named(page);
  const [x0, y] = await thumb(page);
  // What each input of the drag left in the hint, read as the input event
  // reaches the document (after the page's own listener): a pause of the
  // hand of 150 ms counts as resting, so the state is read at the input.
  await page.evaluate(() => {
    window.__mid = [];
    document.addEventListener('input', () => {
      const s = JSON.parse(window.wasmBindings.page_state());
      window.__mid.push([s.scene.optimizers[0].lr, s.runs[0].health, s.runs[0].hint]);
    });
  });
  await page.mouse.move(x0, y);
  await page.mouse.down();
  for (const dx of [3, 6, 9]) {
    await page.mouse.move(x0 + dx, y);
    await page.waitForTimeout(20);
  }
  const mid = await page.evaluate(() => window.__mid);
  assert.ok(mid.length >= 2 && mid.every(([lr]) => lr > 0.01), JSON.stringify(mid));
  for (const [lr, health, hint] of mid) {
    assert.equal(health, 'diverged', `η = ${lr} still diverges`);
    assert.doesNotMatch(hint, /For example/, `no rerun while the slider moves (η = ${lr})`);
  }
  let s;
  await page.mouse.up();
  await named(page);
  await settled(page);
  s = await state(page);
  const text = /with η\u00a0=\u00a0([0-9.e-]+) /.exec(s.runs[0].hint)[1];
  const lr = Number(text);
  assert.ok(lr > 0 && lr < s.scene.optimizers[0].lr, `${lr}`);
  assert.equal(await page.locator('#messages button.use-calmer').textContent(), `Use η\u00a0=\u00a0${text}`);
});

test('a slider held still is not at rest: the smaller η waits for its release', async (t) => {
  // A 150 ms pause of the hand wrote the link and showed the sentence,
  // which the next move took away again (the messages jumped 26 px).
  const { page } = await fresh(t);
  await setScene(page, { ...ROSEN, optimizers: [{ kind: 'gd', lr: 0.001 }] });
  const [x0, y] = await thumb(page);
  await page.mouse.move(x0, y);
  await page.mouse.down();
  // Right until GD diverges, then held still for 0.6 s.
  for (let dx = 4; dx <= 60; dx += 4) {
    await page.mouse.move(x0 + dx, y);
    await page.waitForTimeout(10);
  }
  await page.waitForFunction(() => JSON.parse(window.wasmBindings.page_state()).runs[0].health === 'diverged');
  await page.waitForTimeout(600);
  let s = await state(page);
  assert.doesNotMatch(s.runs[0].hint, /For example/, 'held, not rested');
  assert.equal(await page.getAttribute('#messages', 'data-calmer'), 'pending');
  // A screen reader waits for the whole message (aria-busy).
  assert.equal(await page.getAttribute('#messages', 'aria-busy'), 'true');
  await page.mouse.up();
  await named(page);
  await calmed(page);
  s = await state(page);
  assert.match(s.runs[0].hint, /For example/);
  assert.equal(await page.getAttribute('#messages', 'aria-busy'), null);
});

test('a hint with an exact bound (GD on the bowl) offers the short η under it, one press away, en and 中文', async (t) => {
  // 2/L = 0.5 on the bowl of L = 4: "Try η below 0.5", and the button's
  // 0.49 (two digits strictly under the bound, run before it is offered).
  const { page } = await fresh(t);
  await setScene(page, { landscape: { kind: 'quadratic', a: 0.1, b: 2 }, start: [-5, -2], steps: 40, optimizers: [{ kind: 'gd', lr: 0.6 }] });
  const button = page.locator('#messages li[data-index="0"] button.use-calmer');
  await button.waitFor();
  let s = await state(page);
  assert.match(s.runs[0].hint, /η = 0\.6 > 2\/L = 2\/4 = 0\.5: .* Try η below 0\.5\.$/);
  assert.equal(await button.textContent(), 'Use η\u00a0=\u00a00.49');
  await act(page, () => button.click());
  s = await state(page);
  assert.equal(s.scene.optimizers[0].lr, 0.49);
  assert.equal(s.runs[0].health, 'ok');
  assert.equal(await page.locator('#messages li').count(), 0);
  await act(page, () => page.click('#undo'));
  await act(page, () => page.selectOption('#lang', 'zh'));
  await button.waitFor();
  assert.equal(await button.textContent(), '改用 η\u00a0=\u00a00.49');
  assert.equal((await state(page)).scene.optimizers[0].lr, 0.6);
});

test('a double click on "Use η" sets one run only; a key press moves the focus to the η it set', async (t) => {
  const { page } = await fresh(t);
  await setScene(page, { ...ROSEN, optimizers: [{ kind: 'gd', lr: 0.01 }, { kind: 'gd', lr: 0.02 }] });
  await page.waitForFunction(() => document.querySelectorAll('#messages button.use-calmer').length === 2);
  await act(page, () => page.dblclick('#messages li[data-index="0"] button.use-calmer'));
  let s = await state(page);
  assert.deepEqual(s.scene.optimizers.map((o) => o.lr), [0.002, 0.02], 'the second click did not reach run 2');
  await calmed(page);
  const second = page.locator('#messages li[data-index="1"] button.use-calmer');
  await second.focus();
  await act(page, () => page.keyboard.press('Enter'));
  s = await state(page);
  assert.ok(s.scene.optimizers[1].lr < 0.02, JSON.stringify(s.scene.optimizers));
  const focused = await page.evaluate(() => {
    const a = document.activeElement;
    return [a?.type, a?.dataset.param, a?.closest('section.opt-card')?.dataset.index];
  });
  assert.deepEqual(focused, ['range', 'lr', '1']);
});

// Where weight decay is what tips a run over, "Use λ = 0" beside "Use η":
// past GD's bound with λ (η·(L + λ) = 2.005, η·L = 1.604) and, where no
// bound is known, once a rerun with λ = 0 worked (the formula's λ = 1.5).
test('where λ tips a run over, "Use λ = 0" sets the card\'s λ to 0 (one undo step); not where λ = 0 would not help, nor where a link fixes λ', async (t) => {
  const { page } = await fresh(t);
  const bowl = { landscape: { kind: 'quadratic', a: 0.1, b: 2 }, start: [-5, -2], steps: 20, convention: 'd2l' };
  await setScene(page, { ...bowl, optimizers: [{ kind: 'gd', lr: 0.401, lambda: 1 }, { kind: 'gd', lr: 0.6, lambda: 1 }] });
  await calmed(page);
  const zero = (i) => page.locator(`#messages li[data-index="${i}"] button.use-no-decay`);
  assert.equal(await zero(0).textContent(), 'Use λ\u00a0=\u00a00');
  assert.equal(await zero(1).count(), 0, 'at η = 0.6 even λ = 0 is past 2/L');
  assert.equal(await page.locator('#messages li[data-index="0"] button.use-calmer').count(), 1, 'beside Use η');
  await act(page, () => zero(0).click());
  let s = await state(page);
  assert.deepEqual(s.scene.optimizers.map((o) => o.lambda ?? 0), [0, 1]);
  assert.equal(s.runs[0].hint, null, 'with λ = 0 the run converges: no message');
  assert.equal(await page.inputValue('#optimizers .opt-card >> nth=0 >> input.num[data-param="lambda"]'), '0');
  await act(page, () => page.click('#undo'));
  await calmed(page);
  s = await state(page);
  assert.equal(s.scene.optimizers[0].lambda, 1);
  // 中文; a key press moves the focus to the λ it set.
  await act(page, () => page.selectOption('#lang', 'zh'));
  await calmed(page);
  assert.equal(await zero(0).textContent(), '改用 λ\u00a0=\u00a00');
  await zero(0).focus();
  await act(page, () => page.keyboard.press('Enter'));
  const focused = await page.evaluate(() => [document.activeElement?.type, document.activeElement?.dataset.param]);
  assert.deepEqual(focused, ['range', 'lambda']);
  // No closed form: offered once the rerun with λ = 0 has worked.
  await act(page, () => page.selectOption('#lang', 'en'));
  await setScene(page, { landscape: { kind: 'expr', expr: '0.1*x^2 + 2*y^2' }, start: [-5, -2], steps: 20, convention: 'd2l', optimizers: [{ kind: 'gd', lr: 0.4, lambda: 1.5 }] });
  await calmed(page);
  s = await state(page);
  assert.match(s.runs[0].hint, /With λ = 0 instead of 1\.5/);
  await act(page, () => zero(0).click());
  s = await state(page);
  assert.equal(s.scene.optimizers[0].lambda ?? 0, 0);
  assert.equal(s.runs[0].health, 'ok');
  // A link that fixes λ: the words stay, no button.
  await page.goto(`${page.url().split('?')[0]}?f=quadratic&a=0.1&b=2&start=-5,-2&steps=20&opt=gd:lr=0.401,lambda=1&lock=lambda`);
  await page.waitForSelector('canvas#plot[data-ready="true"]');
  await calmed(page);
  s = await state(page);
  assert.match(s.runs[0].hint, /take λ below 0\.9875/);
  assert.equal(await zero(0).count(), 0);
  assert.equal(await page.locator('#messages button.use-calmer').count(), 1, 'η may still change');
});

test('phone: a run that begins to diverge mid-drag does not push the slider from under the finger', async (t) => {
  // The messages stand above the cards on a phone: the first red message
  // pushed the slider 96 px down while the finger held it.
  const { page } = await fresh(t, { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, hasTouch: true, isMobile: true });
  await setScene(page, { ...ROSEN, optimizers: [{ kind: 'gd', lr: 0.001 }] });
  const cdp = await page.context().newCDPSession(page);
  const touch = (type, points) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: points.map(([x, y], id) => ({ x, y, id })) });
  const slider = page.locator('#optimizers .opt-card >> nth=0 >> input[type="range"][data-param="lr"]');
  // Scrolled just enough to show it, at the screen's foot, as a student
  // does (the browser's scroll anchoring then keeps nothing in place).
  await slider.scrollIntoViewIfNeeded();
  await settled(page);
  assert.equal(await page.locator('#messages li').count(), 0);
  const box = await slider.boundingBox();
  const f = await slider.evaluate((i) => (Number(i.value) - Number(i.min)) / (Number(i.max) - Number(i.min)));
  const x0 = box.x + 22 + f * (box.width - 44);
  const y = box.y + box.height / 2;
  const top = async () => (await slider.boundingBox()).y;
  const top0 = await top();
  await touch('touchStart', [[x0, y]]);
  let dx = 0;
  while ((await state(page)).runs[0].health !== 'diverged' && dx < 150) {
    dx += 6;
    await touch('touchMove', [[x0 + dx, y]]);
  }
  assert.equal((await state(page)).runs[0].health, 'diverged', `diverged after ${dx} px`);
  assert.ok((await page.locator('#messages li').count()) > 0, 'its message is shown');
  assert.ok(Math.abs((await top()) - top0) < 2, `the slider stayed under the finger: ${top0} → ${await top()}`);
  await touch('touchEnd', []);
  await named(page);
  assert.ok(Math.abs((await top()) - top0) < 2, `and when the sentence came: ${top0} → ${await top()}`);
});

test('a link that fixes η shows the smaller η in words but offers no button', async (t) => {
  const { page } = await fresh(t);
  await page.goto(`${page.url().split('?')[0]}?f=rosenbrock&start=-1.5,2&steps=300&opt=gd:lr=0.01&lock=lr`);
  await page.waitForSelector('canvas#plot[data-ready="true"]');
  await named(page);
  const s = await state(page);
  assert.match(s.runs[0].hint, /For example, with η\u00a0=\u00a00\.002/);
  assert.ok(await page.locator('#optimizers input[type="range"][data-param="lr"]').first().isDisabled(), 'η is fixed by the link');
  assert.equal(await page.locator('#messages button.use-calmer').count(), 0);
});

noConsoleErrors();

// Just beyond 2/L the loss still falls for a while (x1's descent) while
// the zig-zag grows ×1.004 a step: the page gives the bound's message and
// its button, and the spoken summary says "diverging", not "converging".
// A saddle run falling away is named before its loss is huge.
test('GD at η = 0.501 on the bowl is told it diverges; a saddle run falls without bound; momentum inside its bound converges slowly', async (t) => {
  const { page } = await fresh(t);
  await setScene(page, { landscape: { kind: 'quadratic', a: 0.1, b: 2 }, start: [-5, -2], steps: 20, convention: 'd2l', optimizers: [{ kind: 'gd', lr: 0.501 }] });
  await calmed(page);
  let s = await state(page);
  assert.ok(s.runs[0].loss.at(-1) < s.runs[0].loss[0], 'the loss fell');
  assert.match(s.runs[0].hint, /^η = 0\.501 > 2\/L = 2\/4 = 0\.5/);
  assert.equal(await page.locator('#messages li[data-index="0"] button.use-calmer').textContent(), 'Use η\u00a0=\u00a00.49');
  await page.waitForFunction(() => /step 20 of 20, .*, diverging\./.test(document.getElementById('figure-summary').textContent));
  await setScene(page, { landscape: { kind: 'saddle' }, start: [-1.5, 0.1], steps: 20, convention: 'd2l', optimizers: [{ kind: 'gd', lr: 0.1 }] });
  await settled(page);
  s = await state(page);
  assert.match(s.runs[0].hint, /has no minimum anywhere, it falls without bound.*nor does another start/);
  await page.waitForFunction(() => /falling without bound/.test(document.getElementById('figure-summary').textContent));
  // Inside the bound with a loss still up after 20 steps (heavy ball
  // γ = 0.95, η = 0.9; ρ = 0.975): a slow start, not "η too large".
  await setScene(page, { landscape: { kind: 'quadratic', a: 0.1, b: 2 }, start: [-5, -2], steps: 20, convention: 'd2l', optimizers: [{ kind: 'momentum', lr: 0.9, gamma: 0.95 }] });
  await settled(page);
  s = await state(page);
  assert.equal(s.runs[0].health, 'ok');
  assert.match(await page.textContent('#messages li[data-index="0"]'), /^Momentum η=0\.9 γ=0\.95 converges, slowly: The loss is up from 10\.5 to 28\.0\d*, .*η·L = 3\.6 is below 3\.9, so the error shrinks ×0\.975 a step/);
  assert.equal(await page.locator('#messages button.use-calmer').count(), 0, 'no smaller η offered');
});
