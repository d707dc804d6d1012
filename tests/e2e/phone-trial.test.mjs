// A student's trial on a phone, in 中文 (issue 16's session of 2026-12-05):
// lessons with a panel beside the figure on a wide screen keep the phone's
// own time bar (lesson 9 squeezed its scrubber to 86 px and hid the speed
// and steps words); a phone turned sideways keeps 44 px touch targets; a
// loss in a many-runs legend never breaks inside its number; a number
// typed in an input method's full-width mode is read; "Link copied." shows
// where the button is.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserSuite, settled, type, noErrors, openIn } from './support.mjs';

const suite = browserSuite();
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const SIDEWAYS = { viewport: { width: 844, height: 390 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

async function open(t, ctx, query) {
  const opened = await openIn(suite.browser, t, ctx, suite.server.url + query);
  await settled(opened.page);
  return opened;
}

const timebar = (page) => page.evaluate(() => {
  const box = (el) => el.getBoundingClientRect();
  const words = [...document.querySelectorAll('.timebar .compact > span')];
  return {
    scrub: Math.round(box(document.getElementById('scrub')).width),
    words: words.map((w) => box(w).width > 2 && getComputedStyle(w).clipPath === 'none'),
  };
});

test('a lesson with a panel keeps the phone\'s time bar (zh)', async (t) => {
  const { page, errors } = await open(t, PHONE, '?lesson=1&lang=zh');
  const plain = await timebar(page);
  for (const id of [5, 8, 9]) {
    await page.goto(`${suite.server.url}?lesson=${id}&lang=zh`);
    await page.waitForSelector('canvas#plot[data-ready="true"]');
    await settled(page);
    const bar = await timebar(page);
    assert.ok(bar.words.length >= 2 && bar.words.every(Boolean), `lesson ${id}: the speed and steps words show`);
    // (Its step label's digits move it a few px: "第 0 / 20 步".)
    assert.ok(bar.scrub >= 0.9 * plain.scrub, `lesson ${id}: scrubber ${bar.scrub} px, lesson 1's ${plain.scrub}`);
  }
  noErrors(errors);
});

test('a lesson about its panel shows it under the legend, before the cards', async (t) => {
  const { page, errors } = await open(t, PHONE, '?lesson=8&lang=zh');
  for (const id of [5, 8, 9]) {
    await page.goto(`${suite.server.url}?lesson=${id}&lang=zh`);
    await page.waitForSelector('canvas#plot[data-ready="true"]');
    await settled(page);
    const [panels, cards, legend] = await page.evaluate(() => ['.lesson-panels', '.opt-panel', '#legend']
      .map((s) => document.querySelector(s).getBoundingClientRect().top + scrollY));
    assert.ok(legend < panels && panels < cards, `lesson ${id}: legend ${legend}, panel ${panels}, cards ${cards}`);
  }
  noErrors(errors);
});

test('a phone turned sideways keeps 44 px touch targets', async (t) => {
  const { page, errors } = await open(t, SIDEWAYS, '?lesson=3&lang=zh');
  const small = await page.evaluate(() => {
    const out = [];
    const sel = '.timebar button, .opt-head button, .param .nudge, input.num, #legend label, input[type="range"]';
    for (const el of document.querySelectorAll(sel)) {
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.height < 43.5) out.push(`${el.id || el.className || el.tagName} ${r.height.toFixed(0)} px`);
    }
    return out;
  });
  assert.deepEqual(small, []);
  noErrors(errors);
});

test('a loss in a many-runs legend stays on one line, and a full-width number is read', async (t) => {
  const scene = JSON.stringify({
    landscape: { kind: 'quadratic', a: 0.1, b: 2 }, start: [-5, -2], steps: 20,
    optimizers: ['gd', 'momentum', 'adagrad', 'rmsprop', 'adam', 'adamw', 'nadam'].map((kind) => ({ kind })),
  });
  const { page, errors } = await open(t, PHONE, '?lang=zh');
  await page.evaluate((s) => window.wasmBindings.set_scene_json(s), scene);
  await settled(page);
  const broken = await page.evaluate(() => [...document.querySelectorAll('#legend .run-status')]
    .filter((s) => !s.hasAttribute('data-wrong'))
    .filter((s) => s.getClientRects().length > 1 || s.getBoundingClientRect().height > 1.6 * parseFloat(getComputedStyle(s).lineHeight || '20'))
    .map((s) => s.textContent));
  assert.deepEqual(broken, [], 'a loss broken over two lines');
  // η of the first card, typed in full width: ０．６ is 0.6.
  const eta = page.locator('#optimizers section.opt-card[data-index="0"] input.num[data-param="lr"]');
  await type(eta, '０．６');
  await eta.press('Enter');
  await settled(page);
  const s = JSON.parse(await page.evaluate(() => window.wasmBindings.page_state()));
  assert.equal(s.scene.optimizers[0].lr, 0.6);
  noErrors(errors);
});

test('"link copied" shows beside the button on a phone', async (t) => {
  const { page, errors } = await open(t, PHONE, '?lang=zh');
  await page.evaluate(() => { document.querySelector('.share-panel').open = true; });
  const button = page.locator('#copy-link');
  await button.scrollIntoViewIfNeeded();
  await button.tap();
  await page.waitForFunction(() => document.getElementById('share-status').textContent.trim() !== '');
  const [b, s] = await page.evaluate(() => ['copy-link', 'share-status'].map((id) => document.getElementById(id).getBoundingClientRect().bottom));
  assert.ok(s - b < 200, `the status is ${Math.round(s - b)} px below the button`);
  const vh = await page.evaluate(() => innerHeight);
  assert.ok(s <= vh, 'the status is on screen');
  noErrors(errors);
});

// The state panel on a phone: each quantity's rule has the row's width and
// shows whole (AdamW's −η·(m̂/(√v̂+ε) + λ·x) was cut after "λ·"), its two
// numbers under it, in both languages.
test('the state panel\'s rules show whole on a phone, the numbers under them', async (t) => {
  for (const lang of ['en', 'zh']) {
    const { page, errors } = await open(t, PHONE, `?opt=adam_l2:lr=0.1,lambda=0.5;adamw:lr=0.1,lambda=0.5&t=1&lang=${lang}`);
    await page.evaluate(() => { document.getElementById('state-panel').open = true; });
    await page.waitForSelector('.insp-table .rule math');
    const rules = await page.evaluate(() => [...document.querySelectorAll('.insp-table .rule')].map((r) => {
      const row = r.closest('tr').getBoundingClientRect();
      const nums = [...r.closest('tr').querySelectorAll('td.num')].map((n) => n.getBoundingClientRect());
      return { text: r.textContent, cut: r.scrollWidth - r.clientWidth, under: nums.every((n) => n.top >= r.getBoundingClientRect().bottom - 1 && n.right <= row.right + 1) };
    }));
    assert.ok(rules.length >= 10, `${lang}: rules shown (${rules.length})`);
    for (const r of rules) {
      assert.ok(r.cut <= 1, `${lang}: "${r.text}" cut by ${r.cut} px`);
      assert.ok(r.under, `${lang}: "${r.text}": its numbers under it`);
    }
    noErrors(errors);
  }
});

// An English student on a phone (session of 2026-12-06): erasing steps =
// 20 with Backspace took the 2 on the way, and Enter on the empty field
// said "kept 2"; erasing β1's 0.9 set β1 = 0.
test('erasing a number key by key takes nothing on the way', async (t) => {
  const { page, errors } = await open(t, PHONE, '');
  const steps = page.locator('#steps');
  const draws = Number(await page.getAttribute('#plot', 'data-draws'));
  await steps.tap();
  await page.keyboard.press('End');
  await page.keyboard.press('Backspace');
  await settled(page);
  let s = JSON.parse(await page.evaluate(() => window.wasmBindings.page_state()));
  assert.equal(s.scene.steps, 20, 'the 2 on the way to an empty field is not taken');
  assert.equal(Number(await page.getAttribute('#plot', 'data-draws')), draws, 'nothing redrawn');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('#steps[aria-invalid="true"]'));
  const message = await page.evaluate(() => document.querySelector('.field-error:not([hidden])')?.textContent ?? '');
  assert.match(message, /kept 20/, message);
  s = JSON.parse(await page.evaluate(() => window.wasmBindings.page_state()));
  assert.equal(s.scene.steps, 20);
  // A number typed after it is taken at once, as before.
  await page.keyboard.type('30');
  await page.waitForFunction(() => JSON.parse(window.wasmBindings.page_state()).scene.steps === 30);
  noErrors(errors);
});

// Lesson 9's two decay labels on a 360 px phone stood on each other and on
// the ticks; at 1920 AdamW's stood on its own dots.
test('lesson 9\'s decay labels stand clear of each other, the view buttons and the arrows', async (t) => {
  for (const [ctx, q] of [[{ viewport: { width: 360, height: 640 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true }, '?lesson=9'],
    [PHONE, '?lesson=9&lang=zh'], [{ viewport: { width: 1920, height: 1080 } }, '?lesson=9&present'],
    [{ viewport: { width: 1366, height: 768 } }, '?lesson=9&present'], [{ viewport: { width: 1280, height: 720 } }, '?lesson=9&present&lang=zh']]) {
    const { page, errors } = await open(t, ctx, q);
    const { arrows, buttons } = await page.evaluate(() => {
      const plot = document.getElementById('plot').getBoundingClientRect();
      const b = [...document.querySelectorAll('.overlay-btn')].filter((e) => e.offsetParent)
        .map((e) => e.getBoundingClientRect()).map((r) => [r.left - plot.left, r.top - plot.top, r.right - plot.left, r.bottom - plot.top]);
      const ticks = JSON.parse(document.getElementById('plot').dataset.tickLabels).map(([x, y, w, h]) => [x, y, x + w, y + h]);
      return { arrows: JSON.parse(document.getElementById('plot').dataset.arrows), buttons: [...b, ...ticks] };
    });
    const labels = arrows.filter((a) => a.label).map((a) => a.label);
    assert.equal(labels.length, 2, q);
    const meet = (a, b) => a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
    assert.ok(!meet(labels[0], labels[1]), `${q}: the labels meet: ${JSON.stringify(labels)}`);
    for (const l of labels) {
      for (const b of buttons) assert.ok(!meet(l, b), `${q}: a label under a view button or on a tick label: ${JSON.stringify([l, b])}`);
      for (const a of arrows) {
        for (const tip of [a.gd, a.step, a.decay_dir].filter(Boolean)) {
          const box = [Math.min(a.from[0], tip[0]), Math.min(a.from[1], tip[1]), Math.max(a.from[0], tip[0]), Math.max(a.from[1], tip[1])];
          assert.ok(!meet(l, box), `${q}: a label on an arrow: ${JSON.stringify([l, box])}`);
        }
      }
    }
    noErrors(errors);
  }
});

// A tablet held upright (768×1024): the η slider stood 1,690 px down the
// page, and once it was on screen the figure had scrolled away.
test('on a tablet held upright the figure stays in view above the η slider', async (t) => {
  const TABLET = { viewport: { width: 768, height: 1024 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
  for (const q of ['', '?lesson=9']) {
    const { page, errors } = await open(t, TABLET, q);
    const slider = page.locator('section.opt-card[data-index="0"] input[type="range"][data-param="lr"]');
    await slider.scrollIntoViewIfNeeded();
    await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
    const r = await page.evaluate(() => {
      const p = document.getElementById('plot').getBoundingClientRect();
      const s = document.querySelector('section.opt-card[data-index="0"] input[type="range"][data-param="lr"]').getBoundingClientRect();
      return { plotTop: p.top, plotBottom: p.bottom, sliderTop: s.top, sliderBottom: s.bottom };
    });
    assert.ok(r.plotTop >= 0 && r.plotBottom <= r.sliderTop && r.sliderBottom <= 1024, `${q}: ${JSON.stringify(r)}`);
    noErrors(errors);
  }
});

// The surface's fields took nothing until Enter and named no range for
// text: typed key by key they work as the cards' fields do.
test('a surface field is typed like the others, its refusal naming the range', async (t) => {
  const { page, errors } = await open(t, PHONE, '');
  const a = page.locator('#surface-params input[data-key="a"]');
  await a.tap();
  await a.fill('');
  await a.pressSequentially('abc');
  await page.waitForFunction(() => document.querySelector('#surface-params input[data-key="a"][aria-invalid="true"]'));
  const text = await page.evaluate(() => [...document.querySelectorAll('.field-error')].map((e) => e.textContent).join(' | '));
  assert.equal(text, 'surface a must be a finite number with 1e-6 ≤ |value| ≤ 1e6 (got "abc"); kept 0.1');
  await a.fill('');
  await a.pressSequentially('0.3');
  await page.waitForFunction(() => JSON.parse(window.wasmBindings.page_state()).scene.landscape.a === 0.3);
  assert.equal(await page.evaluate(() => document.querySelectorAll('.field-error').length), 0);
  noErrors(errors);
});

// A 360 × 640 phone: a lesson's caption of 9–13 lines pushed ▶ below the
// screen while it said "press ▶". Its first four lines show, the rest
// behind Show all; a new lesson opens clamped again.
test('a phone shows a caption\'s first lines and ▶, the rest behind Show all', async (t) => {
  const SMALL = { viewport: { width: 360, height: 640 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
  for (const [lang, more, less] of [['en', 'Show all ▾', 'Show less ▴'], ['zh', '展开全文 ▾', '收起 ▴']]) {
    const { page, errors } = await open(t, SMALL, `?lesson=14&lang=${lang}`);
    const look = () => page.evaluate(() => {
      const p = document.getElementById('lesson-text');
      const b = document.getElementById('lesson-more');
      return { clipped: p.scrollHeight > p.clientHeight + 1, play: document.getElementById('play').getBoundingClientRect().bottom,
        label: b.textContent, expanded: b.getAttribute('aria-expanded') };
    });
    let c = await look();
    assert.deepEqual([c.clipped, c.label, c.expanded], [true, more, 'false'], lang);
    assert.ok(c.play <= 640, `${lang}: ▶ on screen (${c.play})`);
    await page.tap('#lesson-more');
    c = await look();
    assert.deepEqual([c.clipped, c.label, c.expanded], [false, less, 'true'], lang);
    // The next lesson opens clamped again.
    await page.tap('#lesson-next');
    await settled(page);
    c = await look();
    assert.deepEqual([c.clipped, c.expanded], [true, 'false'], lang);
    noErrors(errors);
  }
});

// A short window — a phone on its side (844×390), a 1366×768 laptop at
// 200 % zoom (683×384) — showed the whole caption over a third of the
// figure and no time bar: its first two lines there, Show all at the top
// right (the title's line clear of it), the plot on screen.
test('a short window shows a caption\'s first two lines, Show all beside the title, and the plot in view', async (t) => {
  for (const [ctx, lang] of [
    [{ viewport: { width: 844, height: 390 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true }, 'zh'],
    [{ viewport: { width: 683, height: 384 }, deviceScaleFactor: 2 }, 'en'],
  ]) {
    const { page, errors } = await open(t, ctx, `?lesson=3&lang=${lang}`);
    const look = () => page.evaluate(() => {
      const p = document.getElementById('lesson-text');
      const b = document.getElementById('lesson-more').getBoundingClientRect();
      const title = document.getElementById('lesson-title').getBoundingClientRect();
      const lines = Math.round(p.clientHeight / parseFloat(getComputedStyle(p).lineHeight));
      const plot = document.getElementById('plot').getBoundingClientRect();
      return { clipped: p.scrollHeight > p.clientHeight + 1, lines, seen: (Math.min(plot.bottom, innerHeight) - plot.top) / plot.height,
        button: [b.top, b.height], overlap: b.left < title.right && b.bottom > title.top && b.top < title.bottom };
    });
    let c = await look();
    const size = `${ctx.viewport.width}×${ctx.viewport.height}`;
    assert.equal(await page.getAttribute('#lesson-caption', 'data-clamped'), '', `${size}: marked as cut`);
    assert.deepEqual([c.clipped, c.lines, c.overlap], [true, 2, false], `${size}: ${JSON.stringify(c)}`);
    // (The figure's least height, 220 px, may reach past a 384 px window
    // whose header wraps; the whole caption left half of it off screen.)
    assert.ok(c.seen >= 0.9, `${size}: ${Math.round(100 * c.seen)} % of the plot in view`);
    assert.ok(c.button[1] >= (ctx.hasTouch ? 44 : 30), `${size}: the button is ${c.button[1]} px tall`);
    await (ctx.hasTouch ? page.tap('#lesson-more') : page.click('#lesson-more'));
    c = await look();
    assert.equal(c.clipped, false, `${size}: shown whole`);
    noErrors(errors);
    await page.context().close();
  }
});

// A student's trial (2026-12-06): at 360×640 the time bar wrapped to a
// third row and the steps field's bottom stood at 662 px; four-digit
// steps wrapped at 390 too. Two rows: the buttons, then the scrubber, the
// step, speed and steps, all on screen.
test('the time bar keeps two rows at 360 and 390 px, four-digit steps included', async (t) => {
  for (const [width, height] of [[360, 640], [390, 844]]) {
    for (const query of ['?lesson=9&lang=zh', '?steps=2000&lang=zh', '?steps=2000']) {
      const ctx = { ...PHONE, viewport: { width, height } };
      const { page, errors } = await open(t, ctx, query);
      const tops = await page.$$eval('#timebar > :is(button, #scrub, #step-label, label)', (els) => els
        .filter((e) => e.getBoundingClientRect().width > 0)
        .map((e) => { const r = e.getBoundingClientRect(); return Math.round(r.top + r.height / 2); }));
      const rows = [...new Set(tops.map((y) => Math.round(y / 20)))];
      assert.ok(rows.length <= 2, `${width}×${height} ${query}: rows at ${tops}`);
      const steps = await page.$eval('#steps', (e) => e.getBoundingClientRect().bottom);
      assert.ok(steps <= height, `${width}×${height} ${query}: the steps field ends at ${steps}`);
      noErrors(errors);
      await page.context().close();
    }
  }
});

// A phone student's trial (2026-12-07): turned sideways mid-lesson, the
// time bar stood under the screen's edge (中文 374–418 of 390; English
// wrapped it to a second row, 369–464), ▶ out of reach while playing.
test('a phone on its side keeps the whole time bar on screen as a lesson opens (en, zh)', async (t) => {
  for (const lang of ['zh', 'en']) {
    for (const id of [3, 8, 10]) {
      const { page, errors } = await open(t, SIDEWAYS, `?lesson=${id}&lang=${lang}`);
      const r = await page.evaluate(() => {
        const b = (s) => document.querySelector(s).getBoundingClientRect();
        const tops = [...document.querySelectorAll('#timebar > *')].filter((e) => e.getClientRects().length).map((e) => e.getBoundingClientRect().top);
        return { bar: b('#timebar').bottom, play: b('#play').bottom, plot: b('#plot').height, vh: innerHeight, tops };
      });
      const where = `lesson ${id} ${lang}`;
      assert.ok(r.bar <= r.vh && r.play <= r.vh, `${where}: the time bar ends at ${r.bar} of ${r.vh}`);
      assert.ok(Math.max(...r.tops) - Math.min(...r.tops) < 20, `${where}: the time bar wraps (${r.tops.map(Math.round)})`);
      assert.ok(r.plot >= 160, `${where}: the plot is ${r.plot} px`);
      noErrors(errors);
      await page.context().close();
    }
  }
});

// The "modified" mark is one word: 已修改 broke as 已修 | 改 at a line's end.
test('the caption\'s "modified" mark never breaks inside its word (zh, phone)', async (t) => {
  const { page, errors } = await open(t, PHONE, '?lesson=3&lang=zh');
  const eta = page.locator('section.opt-card[data-index="0"] input.num[data-param="lr"]');
  await type(eta, '0.5');
  await page.locator('#lesson-modified:not([hidden])').waitFor();
  const lines = await page.locator('#lesson-modified').evaluate((e) => new Set([...e.getClientRects()].map((r) => Math.round(r.top))).size);
  assert.equal(lines, 1);
  noErrors(errors);
});

// A re-check (2026-12-07): a quiz link on a phone on its side showed the
// figure and the time bar, its question, hint and Reveal below the edge
// (y 377 of 390). Its question stands above the figure there, compact; the
// bar stays on screen, after the reveal too.
test('a quiz on a phone on its side asks above the figure, Reveal and the time bar on screen (en, zh)', async (t) => {
  for (const lang of ['zh', 'en']) {
    const { page, errors } = await open(t, SIDEWAYS, `?lesson=3&quiz=predict(at=5,ahead=10,run=2)&lang=${lang}`);
    const boxes = () => page.evaluate(() => {
      const r = (s) => { const e = document.querySelector(s); return e && e.getClientRects().length ? e.getBoundingClientRect().toJSON() : null; };
      return { vh: innerHeight, prompt: r('#quiz-prompt'), reveal: r('#quiz-reveal'), result: r('#quiz-result'), retry: r('#quiz-retry'), plot: r('#plot'), bar: r('#timebar') };
    });
    let b = await boxes();
    assert.ok(b.prompt && b.prompt.bottom <= b.plot.top, `${lang}: the question above the figure`);
    assert.ok(b.reveal && b.reveal.bottom <= b.vh, `${lang}: Reveal on screen`);
    assert.ok(b.bar.bottom <= b.vh, `${lang}: the time bar ends at ${b.bar.bottom}`);
    await page.touchscreen.tap(b.plot.x + b.plot.width * 0.6, b.plot.y + b.plot.height * 0.5);
    await settled(page);
    await page.locator('#quiz-reveal').tap();
    await page.waitForFunction(() => document.querySelector('#quiz-result')?.dataset.verdict);
    await settled(page);
    b = await boxes();
    assert.ok(b.result && b.result.bottom <= b.plot.top && b.retry.bottom <= b.vh, `${lang}: the verdict and Try again on screen`);
    assert.ok(b.bar.bottom <= b.vh + 1, `${lang}: after the reveal the time bar ends at ${b.bar.bottom}`);
    noErrors(errors);
    await page.context().close();
  }
});
