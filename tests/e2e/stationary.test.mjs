// A run that ends on a stationary point that is not a minimum is told so:
// GD η = 0.5 on the saddle x² − y² from (−1.5, 0) lands on the saddle point
// in one step and stays; the legend keeps "f = 0" and the message under it
// says "ends at a saddle point", with the Hessian's eigenvalues, in English
// and 中文. (Newton's climb to Himmelblau's maximum uses the same words; the
// kind is wired into the page with the other new optimizers.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { playgroundSuite, state, setScene, act } from './support.mjs';

const { fresh, noConsoleErrors } = playgroundSuite();

const SADDLE = {
  landscape: { kind: 'saddle' },
  start: [-1.5, 0],
  steps: 5,
  optimizers: [{ kind: 'gd', lr: 0.5 }, { kind: 'gd', lr: 0.1 }],
};

test('GD stalled on the saddle point: the message names the saddle and its eigenvalues', async (t) => {
  const { page } = await fresh(t);
  await setScene(page, SADDLE);
  let s = await state(page);
  assert.deepEqual(s.runs[0].points.at(-1), [0, 0]);
  assert.equal(s.runs[0].health, 'ok');
  assert.equal(s.runs[0].status, 'f = 0');
  assert.match(s.runs[0].hint, /^The gradient vanishes at \(0, 0\) but the Hessian there is not positive definite \(its eigenvalues are −2 and 2\): a saddle point/);
  assert.equal(s.runs[1].hint, null, 'η = 0.1 has not reached it: nothing to say');
  assert.equal(await page.locator('#messages li').count(), 1);
  const msg = await page.textContent('#messages li');
  assert.ok(msg.startsWith('GD η=0.5 ends at a saddle point: ') && msg.includes(s.runs[0].hint), msg);
  // 中文.
  await act(page, () => page.selectOption('#lang', 'zh'));
  s = await state(page);
  assert.match(s.runs[0].hint, /^梯度在 \(0, 0\) 处为零，但那里的黑塞矩阵不是正定的/);
  assert.match(await page.textContent('#messages li'), /停在鞍点：/);
  // Off the ridge GD escapes: no saddle, but a fall with no bottom (its
  // falls grow ×4 a step along x2, 2.25 → −0.1 in 5 steps); η = 0.1's
  // falls still shrink (x1's descent): nothing to say.
  await setScene(page, { ...SADDLE, start: [-1.5, 0.01] });
  assert.equal(await page.locator('#messages li').count(), 1);
  assert.match(await page.textContent('#messages li'), /^梯度下降 η=0\.5 无限下降：损失从 2\.25 降到了 −0\.1024/, '(the page is in 中文 now)');
});

noConsoleErrors();
