// A student's trial of weight decay on a phone (issue 16's session of
// 2026-12-07): dragging λ on a card made the trail explode, but the
// message saying why stood under the legend, under the sticky figure. The
// time bar now shows how many messages there are (⚠ 1), and a tap scrolls
// them to just under the figure, then reads ↩ 1: a second tap goes back
// to the slider; not where the messages are in view (a wide screen) and
// not without messages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserSuite, settled, calmed, noErrors, openIn } from './support.mjs';

const suite = browserSuite();
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const TABLET = { viewport: { width: 820, height: 1180 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const LAPTOP = { viewport: { width: 1366, height: 768 }, deviceScaleFactor: 1 };

async function open(t, ctx, query) {
  const opened = await openIn(suite.browser, t, ctx, suite.server.url + query);
  await settled(opened.page);
  await calmed(opened.page);
  return opened;
}

const count = (page) => page.evaluate(() => {
  const b = document.getElementById('to-why');
  return { shown: getComputedStyle(b).display !== 'none' && !b.hidden, text: b.textContent.trim(), label: b.getAttribute('aria-label') };
});

// A finger on the count where it stands (page.tap would first scroll it
// into view, moving the page as no finger does).
async function tapWhy(page) {
  const b = await page.locator('#to-why').boundingBox();
  await page.touchscreen.tap(b.x + b.width / 2, b.y + b.height / 2);
}

// The messages' top and the sticky figure's bottom, in the window.
const where = (page) => page.evaluate(() => ({
  messages: document.getElementById('messages').getBoundingClientRect().top,
  figure: document.getElementById('figure').getBoundingClientRect().bottom,
  height: innerHeight,
}));

const DIVERGES = '?f=quadratic&a=0.1&b=2&start=-5,-2&steps=20&opt=gd:lr=0.4,lambda=3.31;adam:lr=0.1;momentum:lr=0.3';

for (const lang of ['en', 'zh']) {
  test(`a phone's sticky figure counts the messages it covers and a tap shows them (${lang})`, async (t) => {
    const { page, errors } = await open(t, PHONE, `${DIVERGES}&lang=${lang}`);
    const c = await count(page);
    assert.ok(c.shown, 'the count is shown');
    assert.equal(c.text, '⚠ 1');
    assert.equal(c.label, lang === 'en' ? 'Show the messages about the runs' : '查看关于运行的提示');
    // A finger down at the last card's η slider: the messages are under the figure.
    await page.evaluate(() => [...document.querySelectorAll('.opt-card')].pop().scrollIntoView({ block: 'end' }));
    const before = await where(page);
    assert.ok(before.messages < before.figure, `covered: messages at ${before.messages}, figure down to ${before.figure}`);
    const box = await page.locator('#to-why').boundingBox();
    assert.ok(box && box.y + box.height <= before.figure, 'the count is on the figure, in view');
    await tapWhy(page);
    await page.waitForFunction(() => {
      const m = document.getElementById('messages').getBoundingClientRect().top;
      return m >= document.getElementById('figure').getBoundingClientRect().bottom - 1;
    }, null, { timeout: 5000 });
    const after = await where(page);
    assert.ok(after.messages < after.height - 40, `the messages in view: ${after.messages} of ${after.height}`);
    // The count is now the way back to the slider, and a second tap takes it.
    const back = await count(page);
    assert.equal(back.text, '↩ 1');
    assert.equal(back.label, lang === 'en' ? 'Back to where you were' : '回到刚才的位置');
    await tapWhy(page);
    await page.waitForFunction((top) => Math.abs(document.getElementById('messages').getBoundingClientRect().top - top) < 2, before.messages, { timeout: 5000 });
    assert.equal((await count(page)).text, '⚠ 1', 'back: the count again');
    // Scrolled away by hand after the tap: the way back is forgotten.
    await tapWhy(page);
    await page.waitForFunction(() => document.getElementById('to-why').textContent.trim().startsWith('↩'));
    await page.evaluate(() => window.scrollBy(0, innerHeight));
    await page.waitForFunction(() => document.getElementById('to-why').textContent.trim().startsWith('⚠'), null, { timeout: 5000 });
    assert.equal((await count(page)).label, lang === 'en' ? 'Show the messages about the runs' : '查看关于运行的提示');
    noErrors(errors);
  });
}

test('no count without messages, nor where the messages are in view', async (t) => {
  const { page, errors } = await open(t, PHONE, '?f=quadratic&a=0.1&b=2&start=-5,-2&steps=20&opt=gd:lr=0.3');
  assert.equal((await count(page)).shown, false, 'no messages, no count');
  const tablet = await open(t, TABLET, DIVERGES);
  assert.ok((await count(tablet.page)).shown, 'an upright tablet keeps the figure sticky: counted');
  const laptop = await open(t, LAPTOP, DIVERGES);
  assert.equal((await count(laptop.page)).shown, false, 'a laptop shows the messages under the figure');
  noErrors(errors);
  noErrors(tablet.errors);
  noErrors(laptop.errors);
});
