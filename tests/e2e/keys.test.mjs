// The new key types in the cards, as plain controls: Rprop's two pairs as
// two number fields each (typed, refused, put back), RMSProp's centered and
// NAdam's decoupled switches, and the new kinds added from the picker; the
// scene, the link and the run follow.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { playgroundSuite, state, act, setScene, card } from './support.mjs';

const { fresh, noConsoleErrors } = playgroundSuite();

const field = (page, i, p, part) => card(page, i).locator(`input.num[data-param="${p}"][data-part="${part}"]`);

test('a pair is typed in its two fields, refused when torch would, and put back', async (t) => {
  const { page } = await fresh(t);
  await setScene(page, { convention: 'pytorch', optimizers: [{ kind: 'rprop', lr: 0.1 }] });
  assert.equal(await field(page, 0, 'etas', 0).inputValue(), '0.5');
  assert.equal(await field(page, 0, 'etas', 1).inputValue(), '1.2');
  assert.equal(await field(page, 0, 'step_sizes', 1).inputValue(), '50');
  const before = await state(page);
  await act(page, async () => {
    await field(page, 0, 'etas', 0).fill('0.3');
    await field(page, 0, 'etas', 0).dispatchEvent('change');
  });
  const after = await state(page);
  assert.deepEqual(after.scene.optimizers[0].etas, [0.3, 1.2]);
  assert.notDeepEqual(after.runs[0].points, before.runs[0].points, 'the run follows');
  assert.match(await page.evaluate(() => location.search), /etas=0\.3~1\.2/);
  // η− = 1.5 > 1: torch refuses it, so does the card: the field is marked
  // with the pair's rule (as any refused value) and goes back when left.
  await field(page, 0, 'etas', 0).fill('1.5');
  await field(page, 0, 'etas', 0).dispatchEvent('change');
  await page.waitForSelector('#invalid-card-0-etas');
  assert.equal(await field(page, 0, 'etas', 0).getAttribute('aria-invalid'), 'true');
  assert.deepEqual((await state(page)).scene.optimizers[0].etas, [0.3, 1.2]);
  await field(page, 0, 'etas', 0).press('Escape');
  await page.waitForFunction(() => document.querySelector('input[data-param="etas"][data-part="0"]').value === '0.3');
  // Not a number: refused as unreadable, put back when left.
  await field(page, 0, 'step_sizes', 1).fill('');
  await field(page, 0, 'step_sizes', 1).dispatchEvent('change');
  await page.waitForSelector('#invalid-card-0-step_sizes');
  await field(page, 0, 'step_sizes', 1).blur();
  await page.waitForFunction(() => document.querySelector('input[data-param="step_sizes"][data-part="1"]').value === '50');
});

test('the new switches and kinds work from the cards and the picker', async (t) => {
  const { page } = await fresh(t);
  await setScene(page, { convention: 'pytorch', optimizers: [{ kind: 'rmsprop', lr: 0.01 }, { kind: 'nadam', lambda: 0.1 }] });
  // RMSProp's extras are off: behind "torch's other arguments"; NAdam's λ is
  // on, so its disclosure is open already.
  assert.equal(await card(page, 1).locator('details.extras').getAttribute('open'), '');
  await card(page, 0).locator('details.extras > summary').click();
  await act(page, () => card(page, 0).locator('input[type=checkbox][data-param="centered"]').check());
  let s = await state(page);
  assert.equal(s.scene.optimizers[0].centered, true);
  await act(page, () => card(page, 1).locator('input[type=checkbox][data-param="decoupled"]').check());
  s = await state(page);
  assert.equal(s.scene.optimizers[1].decoupled, true);
  for (const kind of ['adamax', 'radam', 'rprop', 'lion']) {
    await page.selectOption('#add-kind', kind);
    await act(page, () => page.click('#add-optimizer'));
  }
  s = await state(page);
  assert.deepEqual(s.scene.optimizers.map((o) => o.kind), ['rmsprop', 'nadam', 'adamax', 'radam', 'rprop', 'lion']);
  for (const r of s.runs) {
    assert.equal(r.stop.reason, 'completed', r.kind);
    assert.ok(r.points.every((p) => p.every(Number.isFinite)), r.kind);
  }
  // Lion's card has no ε; its legend label names it.
  assert.equal(await card(page, 5).locator('[data-param="eps"]').count(), 0);
  assert.match(await page.locator('#legend').textContent(), /Lion η=1e-4 β1=0\.9 β2=0\.99/);
});

noConsoleErrors();
