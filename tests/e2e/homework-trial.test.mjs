// A student's homework, in 中文 mostly (a trial): what the page claims
// must be true. η on the stability bound is not "converging"; a sweep
// whose loss is not monotone in η does not say "every η from here on
// diverges"; an undefined start is not "diverged at step 0"; a copied link
// says when it holds other values than the boxes show; a scheduled run is
// blamed on the rate it used.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserSuite, openPage, settled, noErrors, formulaError } from './support.mjs';

const suite = browserSuite();

const BOWL = '?f=quadratic&a=0.1&b=2&start=-5,-2&steps=100&conv=d2l';
const open = (t, q, opts) => openPage(suite.browser, t, suite.server.url + q, opts);
const messages = (page) => page.locator('#messages').innerText();
const summary = (page) => page.locator('#figure-summary').textContent();

test('GD with η = 2/L exactly: neither converging nor diverging, in the messages and the summary; both languages', async (t) => {
  const { page, errors } = await open(t, `${BOWL}&opt=gd:lr=0.5`);
  await page.waitForFunction(() => document.getElementById('figure-summary').textContent !== '');
  assert.match(await messages(page), /GD η=0\.5 neither converges nor diverges: η = 0\.5 = 2\/L = 2\/4, exactly the stability bound/);
  assert.match(await summary(page), /neither converging nor diverging/);
  assert.doesNotMatch(await summary(page), /converging,|converging\./);
  const { page: zh } = await open(t, `${BOWL}&opt=gd:lr=0.5&lang=zh`);
  await zh.waitForFunction(() => document.getElementById('figure-summary').textContent.includes('稳定界限'));
  assert.match(await messages(zh), /既不收敛也不发散：η = 0\.5 = 2\/L = 2\/4，正好在稳定界限上/);
  assert.doesNotMatch(await summary(zh), /正在收敛/);
  // Heavy ball on its bound swings wider than it started: the legend says
  // its loss, not "diverging".
  const { page: hb } = await open(t, `${BOWL}&opt=momentum:lr=0.75,gamma=0.5`);
  await hb.waitForFunction(() => document.getElementById('messages').textContent !== '');
  assert.match(await messages(hb), /neither converges nor diverges/);
  assert.doesNotMatch(await hb.locator('#legend').innerText(), /diverging/);
  // Just below: no message, converging.
  const { page: below } = await open(t, `${BOWL}&opt=gd:lr=0.49`);
  await below.waitForFunction(() => document.getElementById('figure-summary').textContent !== '');
  assert.equal((await messages(below)).trim(), '');
  assert.match(await summary(below), /converging/);
  noErrors(errors);
});

test('the sweep does not say "every larger η diverges" where larger ones recover', async (t) => {
  const q = '?f=expr&expr=x^4%20%2B%20y^2%20-%20x*y&start=-1.088,-0.3303&steps=100&conv=d2l&opt=rmsprop:lr=0.4';
  for (const [lang, words] of [
    ['en', /RMSProp: diverges first at η = [0-9.]+; up to η = [0-9.]+ the loss does not grow\. Not every larger η diverges: \d+ of the \d+ above η = [0-9.]+ do not, the largest η = [0-9.]+\./],
    ['zh', /RMSProp：η = [0-9.]+ 时首次发散；η ≤ [0-9.]+ 时损失不增长。更大的 η 并不都发散：大于 [0-9.]+ 的 \d+ 个 η 中有 \d+ 个不发散，最大为 η = [0-9.]+。/],
  ]) {
    const { page, errors } = await open(t, `${q}&lang=${lang}`);
    await page.evaluate(() => { document.getElementById('sweep-panel').open = true; });
    await page.waitForSelector('#sweep-lr[data-stale="false"][data-ready="true"]');
    const text = (await page.locator('#sweep-edges li[data-kind="rmsprop"]').innerText())
      .replace(/\u00a0/g, ' ').replace(/\u2060/g, '');
    assert.match(text, words, text);
    noErrors(errors);
  }
});

test('f undefined at the start: the legend says so, not "diverged at step 0"', async (t) => {
  const { page, errors } = await open(t, '?f=expr&expr=log(x)%2By^2&start=-1,-1&opt=gd:lr=0.1&lang=zh');
  await page.waitForFunction(() => document.getElementById('messages').textContent !== '');
  const legend = await page.locator('#legend').innerText();
  assert.match(legend, /f 在起点无定义/);
  assert.doesNotMatch(legend + await messages(page), /第 0 步发散/);
  assert.match(await messages(page), /无法开始：f 在起点处无定义/);
  noErrors(errors);
});

test('a link copied while the formula box has an error says which formula it holds', async (t) => {
  const { page, errors } = await open(t, '?f=expr&expr=x^4%2By^2&start=-1,1&opt=gd:lr=0.05');
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.fill('#expr-input', 'x^4 + y^2 + 0.1*sin(x');
  await settled(page);
  assert.notEqual(await formulaError(page), '');
  await page.click('.share-panel > summary');
  await page.click('#copy-link');
  await page.waitForFunction(() => document.getElementById('share-status').textContent.includes('copied'));
  assert.match(await page.locator('#share-status').innerText(), /^Link copied\. It has the last formula that was read, x\^4\+y\^2: the one in the box has an error\.$/);
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(decodeURIComponent(copied), /expr=x\^4\+y\^2(&|$)|expr=x\^4 \+ y\^2/);
  noErrors(errors);
});

test('a scheduled run that diverges is blamed on the largest η it used, and the schedule options are worded', async (t) => {
  const q = `${BOWL.replace('steps=100', 'steps=40')}&conv=pytorch&opt=gd:lr=0.3,schedule=cyclic(max_lr=1.2,step_size_up=4,cycle_momentum=false)`;
  const { page, errors } = await open(t, `${q}&lang=zh`);
  await page.waitForFunction(() => document.getElementById('messages').textContent !== '');
  const m = await messages(page);
  assert.match(m, /调度下的学习率（最高到 η = 1\.2）对这个曲面太大/);
  assert.doesNotMatch(m, /η = 0\.3 对这个曲面太大/);
  const options = await page.locator('#optimizers select[data-arg="mode"] option').allInnerTexts();
  assert.deepEqual(options, ['三角波（triangular）', '三角波，每周期减半（triangular2）', '三角波，每步按 γ 缩小（exp_range）']);
  noErrors(errors);
});

test('中文 field messages: the name before its symbol, a decimal comma said in a schedule field too', async (t) => {
  const { page, errors } = await open(t, `${BOWL}&opt=gd:lr=0.4,schedule=step(step_size=5,gamma=0.5)&lang=zh`);
  const eta = page.locator('#optimizers section.opt-card[data-index="0"] input.num[data-param="lr"]');
  await eta.fill('0,5');
  await eta.press('Enter');
  await settled(page);
  assert.match(await page.locator('#optimizers').innerText(), /学习率 η 必须是大于 0 的有限数（输入为“0,5”）；保留 0\.4——小数请用小数点，如 0\.5/);
  const gamma = page.locator('#optimizers input[data-sched="arg"][data-arg="gamma"]');
  await gamma.fill('0,5');
  await gamma.press('Enter');
  await settled(page);
  assert.match(await page.locator('#optimizers .sched-error').innerText(), /——小数请用小数点，如 0\.5/);
  noErrors(errors);
});

// A Chinese input method's full stop typed once too often (`0.6。`) was
// refused as if 0.6 were not > 0; −1 was quoted unlike any other input.
test('中文 field messages: a trailing 。 is said as punctuation; every refused input quoted', async (t) => {
  const { page, errors } = await open(t, `${BOWL}&opt=gd:lr=0.4,schedule=step(step_size=5,gamma=0.5)&lang=zh`);
  const eta = page.locator('#optimizers section.opt-card[data-index="0"] input.num[data-param="lr"]');
  await eta.fill('0.6。');
  await eta.press('Enter');
  await settled(page);
  assert.match(await page.locator('#optimizers').innerText(), /学习率 η 必须是大于 0 的有限数（输入为“0\.6。”）；保留 0\.4——请删去末尾的中文标点“。”（可把输入法切换为英文标点）/);
  await eta.fill('-1');
  await eta.press('Enter');
  await settled(page);
  assert.match(await page.locator('#optimizers').innerText(), /学习率 η 必须是大于 0 的有限数（输入为“-1”）；保留 0\.4/);
  const gamma = page.locator('#optimizers input[data-sched="arg"][data-arg="gamma"]');
  await gamma.fill('0.5。');
  await gamma.press('Enter');
  await settled(page);
  assert.match(await page.locator('#optimizers .sched-error').innerText(), /——请删去末尾的中文标点“。”/);
  const steps = page.locator('#steps');
  await steps.fill('50，');
  await steps.press('Enter');
  await settled(page);
  assert.match(await page.locator('body').innerText(), /（输入为“50，”）——请删去末尾的中文标点“，”/);
  noErrors(errors);
});
