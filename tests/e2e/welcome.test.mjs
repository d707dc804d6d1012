// The first visit's hint (src/web/welcome.rs): on the bare link only, in
// the page's language; it goes when closed or once the student has done
// what it says (played, moved the start, chose a lesson), and stays away
// in that browser afterwards.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserSuite, openPage, settled, noErrors } from './support.mjs';

const suite = browserSuite();
const shown = (page) => page.locator('#welcome').isVisible();
const text = (page) => page.locator('#welcome span').innerText();

test('the bare link shows the hint in its language; ✕ closes it, and a reload does not bring it back', async (t) => {
  const { page, errors } = await openPage(suite.browser, t, suite.server.url);
  assert.ok(await shown(page), 'a first visit sees the hint');
  assert.match(await text(page), /New here\? ▶ plays/);
  await page.locator('#welcome-close').click();
  assert.equal(await shown(page), false, '✕ closes it');
  await page.reload();
  await page.waitForSelector('canvas#plot[data-ready="true"]');
  assert.equal(await shown(page), false, 'closed once, gone in this browser');
  noErrors(errors);
});

test('in 中文 it speaks Chinese, and a language switch rewords it', async (t) => {
  const { page, errors } = await openPage(suite.browser, t, `${suite.server.url}?lang=zh`);
  assert.ok(await shown(page));
  assert.match(await text(page), /^第一次来？按 ▶/);
  assert.equal(await page.locator('#welcome-close').getAttribute('aria-label'), '关闭提示');
  await page.selectOption('#lang', 'en');
  await page.waitForFunction(() => document.querySelector('#welcome span').textContent.startsWith('New here?'));
  assert.ok(await shown(page), 'a language switch is not what the hint asked for');
  noErrors(errors);
});

test('it goes once the student plays, moves the start or chooses a lesson; changing η keeps it', async (t) => {
  for (const [what, act] of [
    ['▶', (page) => page.locator('#play').click()],
    ['Shift+click', async (page) => {
      const b = await page.locator('#plot').boundingBox();
      await page.keyboard.down('Shift');
      await page.mouse.click(b.x + b.width * 0.3, b.y + b.height * 0.7);
      await page.keyboard.up('Shift');
    }],
    ['a lesson', (page) => page.selectOption('#lesson', '1')],
  ]) {
    const { page, errors } = await openPage(suite.browser, t, suite.server.url);
    assert.ok(await shown(page), what);
    if (what === '▶') {
      await page.locator('section.opt-card[data-index="0"] input[data-param="lr"].num, section.opt-card[data-index="0"] input[type="text"]').first().focus();
      await page.locator('section.opt-card[data-index="0"] button', { hasText: '+' }).first().click();
      await settled(page);
      assert.ok(await shown(page), 'η changed: the hint stays');
    }
    await act(page);
    await page.waitForFunction(() => document.getElementById('welcome').hidden, null, { timeout: 5000 });
    await page.reload();
    await page.waitForSelector('canvas#plot[data-ready="true"]');
    assert.equal(await shown(page), false, `${what}: seen out, not shown again`);
    noErrors(errors);
  }
});

test('a link with a scene, a lesson, an embed or presenter mode is somebody\'s figure: no hint', async (t) => {
  for (const q of ['?f=rosenbrock', '?lesson=3', '?embed', '?present', '?opt=gd:lr=0.1&lang=zh']) {
    const { page, errors } = await openPage(suite.browser, t, `${suite.server.url}${q}`);
    await settled(page);
    assert.equal(await shown(page), false, q);
    noErrors(errors);
  }
});
