// A student's trial: a run hidden in the legend came back in the shared
// link, and two runs apart only in β2 had one name. The link carries the
// hidden runs (`hidden=`), embedded too; a bad value is a notice; the names
// say every setting that is not the default.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserSuite, openPage, settled, act, noErrors } from './support.mjs';

const suite = browserSuite();
const open = (t, q, opts) => openPage(suite.browser, t, suite.server.url + q, opts);
const box = (page, i) => page.locator(`#legend li[data-index="${i}"] input[type=checkbox]`);
// The figure's spoken label ("…, with the paths of GD η=0.4, …"), written
// once the page rests; `without`: once it no longer names that run.
const plotLabel = async (page, without = '\u0000') => {
  await page.waitForFunction((w) => {
    const l = document.getElementById('plot').getAttribute('aria-label') ?? '';
    return l.includes('paths of') && !l.includes(w);
  }, without, { timeout: 5000 });
  return page.getAttribute('#plot', 'aria-label');
};

test('a run hidden in the legend stays hidden in the copied link, and the link opens it so', async (t) => {
  const { page, errors } = await open(t, '');
  for (let k = 0; k < 2; k++) {
    await page.selectOption('#add-kind', 'adam');
    await act(page, () => page.click('#add-optimizer'));
  }
  await act(page, () => box(page, 1).uncheck());
  await plotLabel(page, 'Momentum');
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.click('.share-panel > summary');
  await page.click('#copy-link');
  await page.waitForFunction(() => document.getElementById('share-status').textContent.includes('copied'));
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(copied, /[?&]hidden=2(&|$)/);
  // The embed code too: an author's figure in the notes is the one set up.
  await page.click('#copy-embed');
  await page.waitForFunction(() => document.getElementById('embed-code').textContent.includes('iframe'));
  assert.match(await page.textContent('#embed-code'), /[?&]hidden=2&/);
  const { page: shared, errors: e2 } = await open(t, new URL(copied).search);
  await settled(shared);
  assert.equal(await box(shared, 1).isChecked(), false, 'Momentum is unticked');
  assert.equal(await box(shared, 0).isChecked(), true);
  assert.match(await plotLabel(shared, 'Momentum'), /GD η=0\.4, Adam η=0\.1, Adam η=0\.1/);
  assert.equal(await shared.isVisible('#notice'), false);
  // Ticked again: the link no longer says it.
  await act(shared, () => box(shared, 1).check());
  await settled(shared);
  assert.doesNotMatch(await shared.evaluate(() => location.search), /hidden=/);
  noErrors([...errors, ...e2]);
});

test('an embedded figure honours hidden=', async (t) => {
  const { page, errors } = await open(t, '?opt=gd;momentum;adam&hidden=1,3&embed');
  await settled(page);
  assert.deepEqual(
    await page.locator('#legend li input[type=checkbox]').evaluateAll((bs) => bs.map((b) => b.checked)),
    [false, true, false],
  );
  assert.match(await plotLabel(page), /Momentum/);
  assert.doesNotMatch(await plotLabel(page), /GD|Adam/);
  noErrors(errors);
});

test('a hidden= that names no run is a notice, in both languages, and every run is shown', async (t) => {
  for (const [q, re] of [
    ['?hidden=99', /hidden: must be run numbers from 1 to 2, separated by commas \(got "99"\); ignored/],
    ['?hidden=x', /hidden: must be run numbers from 1 to 2, separated by commas \(got "x"\); ignored/],
    ['?hidden=x&lang=zh', /hidden：应为 1 到 2 的运行编号，以逗号分隔（输入为“x”）；已忽略/],
  ]) {
    const { page, errors } = await open(t, q);
    assert.match(await page.locator('#notice').innerText(), re, q);
    assert.deepEqual(
      await page.locator('#legend li input[type=checkbox]').evaluateAll((bs) => bs.map((b) => b.checked)),
      [true, true],
      q,
    );
    noErrors(errors);
  }
});

test('two Adams apart only in β2 have two names: legend, card and quiz picker', async (t) => {
  const { page, errors } = await open(t, '?opt=adam:lr=0.1,beta2=0.95;adam:lr=0.1');
  const names = await page.locator('#legend li').allInnerTexts();
  assert.match(names[0], /Adam η=0\.1 β2=0\.95/);
  assert.match(names[1], /Adam η=0\.1/);
  assert.doesNotMatch(names[1], /β2/);
  const cards = await page.locator('section.opt-card').evaluateAll((cs) => cs.map((c) => c.getAttribute('aria-label')));
  assert.deepEqual(cards, ['Adam η=0.1 β2=0.95', 'Adam η=0.1']);
  const picker = await page.locator('#quiz-run option').allTextContents();
  assert.ok(picker.includes('1. Adam η=0.1 β2=0.95') && picker.includes('2. Adam η=0.1'), picker.join(' | '));
  noErrors(errors);
});
