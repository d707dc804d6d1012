// "Try a smaller η" names one that was run: GD η = 0.01 on Rosenbrock
// diverges, and no bound is known in closed form; the message offers
// "Use η = 0.002" (a rerun of that η completes and ends below its start),
// the button sets it as one undo step, in English and 中文. While the η
// slider is dragged the reruns wait; the value appears once it rests.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { playgroundSuite, state, setScene, act, settled } from './support.mjs';

const { fresh, noConsoleErrors } = playgroundSuite();

const ROSEN = {
  landscape: { kind: 'rosenbrock' },
  start: [-1.5, 2],
  steps: 300,
  optimizers: [{ kind: 'gd', lr: 0.01 }, { kind: 'adam', lr: 0.1 }],
};

test('a diverged run on Rosenbrock is offered a smaller η that works, one press away', async (t) => {
  const { page } = await fresh(t);
  await setScene(page, ROSEN);
  let s = await state(page);
  assert.equal(s.runs[0].health, 'diverged');
  assert.match(s.runs[0].hint, /Try a smaller η\. For example, with η = 0\.002 \(all else unchanged\) the run completes and its loss ends no higher than where it started\.$/);
  assert.equal(s.runs[1].hint, null);
  const button = page.locator('#messages li[data-index="0"] button.use-calmer');
  assert.equal(await button.textContent(), 'Use η = 0.002');
  await act(page, () => button.click());
  s = await state(page);
  assert.equal(s.scene.optimizers[0].lr, 0.002);
  assert.equal(s.runs[0].health, 'ok');
  assert.ok(s.runs[0].loss.at(-1) <= s.runs[0].loss[0]);
  assert.equal(await page.locator('#messages li').count(), 0);
  assert.equal(await page.inputValue('#optimizers .opt-card >> nth=0 >> input.num[data-param="lr"]'), '0.002');
  // One undo step back to the diverged run and its message.
  await act(page, () => page.click('#undo'));
  s = await state(page);
  assert.equal(s.scene.optimizers[0].lr, 0.01);
  assert.equal(await button.count(), 1);
  // 中文.
  await act(page, () => page.selectOption('#lang', 'zh'));
  s = await state(page);
  assert.match(s.runs[0].hint, /试试更小的 η。例如取 η = 0\.002（其余不变），这次运行能跑完所有步数，最终损失不高于起点。$/);
  assert.equal(await button.textContent(), '改用 η = 0.002');
});

test('while the η slider is dragged the smaller η waits; it is named once the slider rests', async (t) => {
  const { page } = await fresh(t);
  await setScene(page, ROSEN);
  const slider = page.locator('#optimizers .opt-card >> nth=0 >> input[type="range"][data-param="lr"]');
  await slider.scrollIntoViewIfNeeded();
  const box = await slider.boundingBox();
  const y = box.y + box.height / 2;
  const f = await slider.evaluate((i) => (Number(i.value) - Number(i.min)) / (Number(i.max) - Number(i.min)));
  const x0 = box.x + 8 + f * (box.width - 16);
  await page.mouse.move(x0, y);
  await page.mouse.down();
  await page.mouse.move(x0 + 3, y);
  await page.waitForFunction(() => JSON.parse(window.wasmBindings.page_state()).scene.optimizers[0].lr !== 0.01);
  let s = await state(page);
  assert.equal(s.runs[0].health, 'diverged', 'a larger η still diverges');
  assert.doesNotMatch(s.runs[0].hint, /For example/, 'no rerun while the slider moves');
  await page.mouse.up();
  await page.waitForFunction(() => /For example, with η = /.test(JSON.parse(window.wasmBindings.page_state()).runs[0].hint ?? ''));
  await settled(page);
  s = await state(page);
  const lr = Number(/with η = ([0-9.e-]+) /.exec(s.runs[0].hint)[1]);
  assert.ok(lr > 0 && lr < s.scene.optimizers[0].lr, `${lr}`);
  assert.equal(await page.locator('#messages button.use-calmer').textContent(), `Use η = ${lr}`);
});

test('a link that fixes η shows the smaller η in words but offers no button', async (t) => {
  const { page } = await fresh(t);
  await page.goto(`${page.url().split('?')[0]}?f=rosenbrock&start=-1.5,2&steps=300&opt=gd:lr=0.01&lock=lr`);
  await page.waitForSelector('canvas#plot[data-ready="true"]');
  const s = await state(page);
  assert.match(s.runs[0].hint, /For example, with η = 0\.002/);
  assert.ok(await page.locator('#optimizers input[type="range"][data-param="lr"]').first().isDisabled(), 'η is fixed by the link');
  assert.equal(await page.locator('#messages button.use-calmer').count(), 0);
});

noConsoleErrors();
