// In front of a class: the lesson panels beside the canvas on a laptop and
// a projector, presenter mode (?present, the button, P), readable sizes on a
// big screen, the phone layout (sticky figure, 44 px targets, fine adjust)
// and the static loading state (slow and failed WebAssembly).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, state, settled, act } from './support.mjs';

let server, browser;
const allErrors = [];
before(async () => {
  server = await serve();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

// A page of `query` at `width`×`height`, drawn and settled.
async function open(t, query, width, height, extra = {}) {
  const context = await browser.newContext({ viewport: { width, height }, ...extra });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  allErrors.push({ test: t.name, errors });
  t.after(() => context.close());
  await page.goto(server.url + query);
  await page.waitForSelector('canvas#plot[data-ready="true"]', { timeout: 20000 });
  await page.waitForFunction(() => typeof window.wasmBindings?.page_state === 'function');
  await settled(page);
  return page;
}

// Where an element is, and whether it is shown at all.
const box = (page, sel) => page.evaluate((sel) => {
  const el = document.querySelector(sel);
  if (!el) return null;
  const r = el.getBoundingClientRect();
  const s = getComputedStyle(el);
  return { top: r.top, bottom: r.bottom, left: r.left, right: r.right, w: r.width, h: r.height,
    shown: s.display !== 'none' && s.visibility !== 'hidden' && r.width > 0 && r.height > 0,
    vw: innerWidth, vh: innerHeight };
}, sel);

const inView = (b, what) => {
  assert.ok(b, `${what}: not on the page`);
  assert.ok(b.shown, `${what}: not shown`);
  assert.ok(b.top >= 0 && b.bottom <= b.vh + 0.5 && b.left >= 0 && b.right <= b.vw + 0.5,
    `${what}: at ${Math.round(b.left)},${Math.round(b.top)}–${Math.round(b.right)},${Math.round(b.bottom)}, outside ${b.vw}×${b.vh}`);
};

// What each lesson's panel must show without scrolling.
const ESSENTIAL = {
  5: { beside: 'ema', parts: ['#ema-panel[open] > summary', '#ema-gamma', '#ema-signal'] },
  8: { beside: 'bias', parts: ['#state-panel[open] > summary', '#bias-chart', '#state-runs > .insp:first-child .insp-table',
    // The step's sum under the table (5 px under a 1280×720 projector's edge once).
    '#state-runs > .insp:first-child .insp-subst'] },
  9: { beside: 'decay', parts: ['#state-panel[open] > summary', '#state-l2'] },
  // RAdam's first rectified step: ρ₆ and r₆ in its inspector.
  11: { beside: 'bias', parts: ['#state-panel[open] > summary', '#state-runs > .insp:first-child tr[data-key="rho"]', '#state-runs > .insp:first-child tr[data-key="rect"]'] },
};

// Presenting too, on the projectors a teacher meets (lesson 8's table ran
// 12 px under a 1080 px screen's edge, 40 px under 720).
for (const [w, h, lang] of [[1280, 720, ''], [1920, 1080, ''], [1280, 720, '&lang=zh'],
  [1280, 720, '&present'], [1920, 1080, '&present'], [1920, 1080, '&present&lang=zh'], [1280, 720, '&present&lang=zh']]) {
  for (const [lesson, { beside, parts }] of Object.entries(ESSENTIAL)) {
    test(`lesson ${lesson}${lang} at ${w}×${h}: its panel stands beside the canvas, its essentials in view, the canvas large`, async (t) => {
      const page = await open(t, `?lesson=${lesson}${lang}`, w, h);
      assert.equal(await page.getAttribute('body', 'data-beside'), beside);
      for (const sel of parts) inView(await box(page, sel), `lesson ${lesson}: ${sel}`);
      const c = await box(page, '#plot');
      inView(c, `lesson ${lesson}: the canvas`);
      assert.ok(c.w >= 0.55 * w, `lesson ${lesson}: the canvas is ${Math.round(c.w)} px of ${w}`);
      // Beside, not under: the panel starts right of the canvas, above its bottom.
      const p = await box(page, beside === 'ema' ? '#ema-panel' : '#state-panel');
      assert.ok(p.left >= c.right && p.top < c.bottom, `lesson ${lesson}: the panel is not beside the canvas`);
      // The time bar stays on one row under the narrower canvas.
      const bar = await page.evaluate(() => [...document.querySelectorAll('#timebar > *')].filter((e) => e.getClientRects().length).map((e) => e.getBoundingClientRect().top));
      assert.ok(Math.max(...bar) - Math.min(...bar) < 20, `lesson ${lesson}: the time bar wraps (${bar.map(Math.round)})`);
    });
  }
}

test('free play: no panel beside; a panel opened by the user stays under the loss chart', async (t) => {
  const page = await open(t, '?lesson=8', 1280, 720);
  await act(page, () => page.selectOption('#lesson', ''));
  assert.equal(await page.getAttribute('body', 'data-beside'), null);
  await page.evaluate(() => { document.getElementById('state-panel').open = true; });
  await settled(page);
  const loss = await box(page, '#loss');
  const panel = await box(page, '#state-panel');
  assert.ok(panel.top >= loss.bottom, `the state panel (top ${panel.top}) is not under the loss chart (bottom ${loss.bottom})`);
  const c = await box(page, '#plot');
  assert.ok(Math.abs(panel.left - c.left) < 1, 'the state panel is not in the canvas column');
});

test('normal mode on a 1920×1080 screen: readable page text, canvas ticks and chart labels', async (t) => {
  const page = await open(t, '?lesson=1', 1920, 1080);
  assert.ok(Number(await page.getAttribute('#plot', 'data-text-px')) >= 13);
  assert.ok(Number(await page.getAttribute('#loss', 'data-chart-px')) >= 12);
  const body = await page.evaluate(() => parseFloat(getComputedStyle(document.getElementById('lesson-text')).fontSize));
  assert.ok(body >= 17, `the caption's text is ${body} px`);
  assert.equal(await page.getAttribute('body', 'class'), null);
});

test('presenter mode: ?present, big type, only the cards; P and the button toggle it and the link follows', async (t) => {
  const page = await open(t, '?lesson=1&present', 1920, 1080);
  const facts = () => page.evaluate(() => ({
    present: document.body.classList.contains('present'),
    pressed: document.getElementById('present').getAttribute('aria-pressed'),
    caption: parseFloat(getComputedStyle(document.getElementById('lesson-text')).fontSize),
    text: Number(document.getElementById('plot').dataset.textPx),
    chart: Number(document.getElementById('loss').dataset.chartPx),
    hidden: ['.surface-panel', '.share-panel', '.keys-panel', '.tagline']
      .filter((s) => getComputedStyle(document.querySelector(s)).display === 'none'),
    cards: getComputedStyle(document.querySelector('.opt-panel')).display !== 'none',
    bg: getComputedStyle(document.body).backgroundColor,
    link: location.search,
  }));
  let f = await facts();
  assert.ok(f.present && f.pressed === 'true');
  assert.ok(f.caption >= 28, `caption ${f.caption} px`);
  assert.ok(f.text >= 20, `canvas text ${f.text} px`);
  assert.ok(f.chart >= 20, `loss chart labels ${f.chart} px`);
  assert.deepEqual(f.hidden, ['.surface-panel', '.share-panel', '.keys-panel', '.tagline']);
  assert.ok(f.cards, 'the optimizer cards are hidden');
  assert.equal(f.bg, 'rgb(255, 255, 255)');
  assert.match(f.link, /[?&]present(&|$)/);
  // The figure fills the screen: canvas and time bar in view.
  inView(await box(page, '#plot'), 'presenting: the canvas');
  inView(await box(page, '#timebar'), 'presenting: the time bar');
  const c = await box(page, '#plot');
  assert.ok(c.h >= 600, `presenting: the canvas is only ${c.h} px tall`);

  await page.locator('body').click({ position: { x: 5, y: 1070 } }).catch(() => {});
  await page.evaluate(() => document.activeElement?.blur());
  await act(page, () => page.keyboard.press('p'));
  f = await facts();
  assert.ok(!f.present && f.pressed === 'false');
  assert.ok(f.text >= 13 && f.text < 20, `canvas text back to ${f.text} px`);
  assert.doesNotMatch(f.link, /present/);
  assert.equal(JSON.parse(await page.evaluate(() => window.wasmBindings.page_state())).t, 20);

  await act(page, () => page.click('#present'));
  f = await facts();
  assert.ok(f.present && f.pressed === 'true');
  assert.match(f.link, /[?&]present(&|$)/);
  // The link round-trips: reopening it presents again.
  const again = await open(t, f.link, 1920, 1080);
  assert.ok(await again.evaluate(() => document.body.classList.contains('present')));
  assert.equal(await again.getAttribute('#present', 'aria-pressed'), 'true');
});

test('presenter mode at 1920×1080, lesson 5, system in dark mode: light projector palette, the EMA chart beside the canvas', async (t) => {
  const page = await open(t, '?lesson=5&present', 1920, 1080, { colorScheme: 'dark' });
  inView(await box(page, '#ema-signal'), 'presenting lesson 5: the EMA chart');
  assert.ok((await box(page, '#plot')).w >= 0.55 * 1920);
  const colours = () => page.evaluate(() => ({
    bg: getComputedStyle(document.body).backgroundColor,
    fg: getComputedStyle(document.body).color,
  }));
  assert.deepEqual(await colours(), { bg: 'rgb(255, 255, 255)', fg: 'rgb(0, 0, 0)' });
  // Off again: the system's dark theme comes back.
  await act(page, () => page.click('#present'));
  assert.notEqual((await colours()).bg, 'rgb(255, 255, 255)');
});

const PHONE = { isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

test('phone 390×844: one-row header, sticky figure next to the η slider, 44 px touch targets', async (t) => {
  const page = await open(t, '?lesson=5', 390, 844, PHONE);
  const prev = await box(page, '#lesson-prev');
  const next = await box(page, '#lesson-next');
  const sel = await box(page, '#lesson');
  assert.ok(Math.abs(prev.top - next.top) < 2 && Math.abs(sel.top - prev.top) < 8, '‹ select › are not on one row');
  assert.ok(sel.left > prev.left && next.left > sel.left);
  assert.equal((await box(page, '.tagline')).shown, false);
  assert.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= 390, 'horizontal scroll');

  // Scroll the first card's η slider into view: the canvas stays in view.
  const slider = '#optimizers section.opt-card[data-index="0"] input[type=range][data-param="lr"]';
  await page.locator(slider).evaluate((el) => el.scrollIntoView({ block: 'end' }));
  await page.waitForTimeout(100);
  assert.ok(await page.evaluate(() => scrollY) > 100, 'the page did not scroll');
  inView(await box(page, slider), 'phone: the η slider');
  inView(await box(page, '#plot'), 'phone: the canvas while the slider is in view');
  inView(await box(page, '#scrub'), 'phone: the time bar while the slider is in view');
  // Far down the page too (the surface panel, the loss chart): the figure
  // sticks to the window's top (a body that clips with `overflow: hidden`
  // is a scroll container of its own, and the figure stuck to it instead).
  await page.locator('.surface-panel').evaluate((el) => el.scrollIntoView({ block: 'end' }));
  await page.waitForTimeout(100);
  assert.ok(await page.evaluate(() => scrollY) > 900, 'the page did not scroll far');
  inView(await box(page, '#plot'), 'phone: the canvas far down the page');
  inView(await box(page, '#scrub'), 'phone: the time bar far down the page');
  // A control above, brought into view from down there as the keyboard's
  // Tab back does (the nearest edge: the top): it stops below the figure,
  // not under it.
  await page.evaluate(() => scrollTo(0, document.documentElement.scrollHeight));
  await page.locator('#optimizers section.opt-card[data-index="0"] input.num[data-param="lr"]')
    .evaluate((el) => el.scrollIntoView({ block: 'nearest' }));
  await page.waitForTimeout(100);
  const field = await box(page, '#optimizers section.opt-card[data-index="0"] input.num[data-param="lr"]');
  const figure = await box(page, '.figure');
  inView(field, 'phone: the η field brought into view');
  assert.ok(field.top >= figure.bottom - 0.5, `the η field (top ${field.top}) is under the figure (bottom ${figure.bottom})`);
  await page.evaluate(() => scrollTo(0, 0));
  // The slider has the card's full width.
  const s = await box(page, slider);
  const cardBox = await box(page, '#optimizers section.opt-card[data-index="0"]');
  assert.ok(s.w >= cardBox.w - 4, `the slider is ${s.w} px of the card's ${cardBox.w}`);

  // Touch targets in the header, the time bar, the legend and the cards.
  const small = await page.evaluate(() => {
    const sels = ['.top button', '.top select', '#timebar button', '#timebar select', '#timebar input',
      '#legend label', '.opt-panel button', '.opt-panel select', '.opt-panel input.num',
      '.opt-panel input[type=range]', '.opt-panel label.flag', 'summary'];
    const out = [];
    for (const sel of sels) {
      for (const el of document.querySelectorAll(sel)) {
        const r = el.getBoundingClientRect();
        if (getComputedStyle(el).display === 'none' || r.width === 0) continue;
        if (r.height < 44 || r.width < 44) out.push(`${sel} ${el.id || el.textContent.trim().slice(0, 20)} ${Math.round(r.width)}×${Math.round(r.height)}`);
      }
    }
    return out;
  });
  assert.deepEqual(small, []);
});

test('fine adjust: − and + move η to the next two-digit value, by click and by keyboard', async (t) => {
  const page = await open(t, '?lesson=1', 390, 844, PHONE);
  const card = '#optimizers section.opt-card[data-index="0"]';
  const up = page.locator(`${card} .nudge[data-dir=up][data-param=lr]`);
  const down = page.locator(`${card} .nudge[data-dir=down][data-param=lr]`);
  assert.match(await up.getAttribute('aria-label'), /Increase .*η|Increase .*learning rate/i);
  assert.match(await down.getAttribute('aria-label'), /Decrease/);
  const lr = async () => (await state(page)).scene.optimizers[0].lr;
  assert.equal(await lr(), 0.4);
  await act(page, () => up.click());
  assert.equal(await lr(), 0.41);
  await act(page, () => down.click());
  await act(page, () => down.click());
  assert.equal(await lr(), 0.39);
  await down.focus();
  await act(page, () => page.keyboard.press('Enter'));
  assert.equal(await lr(), 0.38);
  assert.equal(await page.inputValue(`${card} input.num[data-param=lr]`), '0.38');
  // Each tap is one undo step.
  await act(page, () => page.keyboard.press('Control+z'));
  assert.equal(await lr(), 0.39);
  await act(page, () => page.keyboard.press('Control+z'));
  assert.equal(await lr(), 0.4);
  await act(page, () => page.keyboard.press('Control+z'));
  assert.equal(await lr(), 0.41);
});

test('fine adjust at the end of the range: the button says it is spent, and keeps the focus', async (t) => {
  // β2's + at 0.9999 stayed lit and did nothing.
  const page = await open(t, '?opt=adam', 390, 844, PHONE);
  const card = '#optimizers section.opt-card[data-index="0"]';
  const up = page.locator(`${card} .nudge[data-dir=up][data-param=beta2]`);
  const down = page.locator(`${card} .nudge[data-dir=down][data-param=beta2]`);
  assert.equal(await up.getAttribute('aria-disabled'), null);
  await up.focus();
  await act(page, () => page.keyboard.press('Enter'));
  assert.equal((await state(page)).scene.optimizers[0].beta2, 0.9999);
  assert.equal(await up.getAttribute('aria-disabled'), 'true');
  assert.equal(await up.evaluate((b) => b === document.activeElement), true, 'the focus stays');
  assert.equal(await down.getAttribute('aria-disabled'), null);
  await act(page, () => down.click());
  assert.equal(await up.getAttribute('aria-disabled'), null);
  // A whole-number key too: L-BFGS's history size m at 100.
  const lb = await open(t, '?opt=lbfgs:history_size=100', 390, 844, PHONE);
  const m = (dir) => lb.locator(`${card} .nudge[data-dir=${dir}][data-param=history_size]`);
  assert.equal(await m('up').getAttribute('aria-disabled'), 'true');
  assert.equal(await m('down').getAttribute('aria-disabled'), null);
});

// A keyboard user on a parameter's slider: an arrow moves it about a
// hundredth of its length, on a log slider to a clean value (0.01 → 0.011
// → 0.012 → 0.015 …), Shift+arrow the finest step, PageUp ten arrows, each
// undone by the opposite key; Home and End its ends.
test('slider arrows: a hundredth of the slider a press, Shift+arrow the finest step', async (t) => {
  const page = await open(t, '?opt=adamw:lr=0.1,lambda=0.01', 1366, 768);
  const card = '#optimizers section.opt-card[data-index="0"]';
  const lambda = async () => (await state(page)).scene.optimizers[0].lambda;
  await page.focus(`${card} input[type=range][data-param=lambda]`);
  const v0 = await lambda();
  for (let i = 0; i < 10; i++) await act(page, () => page.keyboard.press('ArrowRight'));
  const v10 = await lambda();
  assert.ok(v10 > 2 * v0, `ten presses: λ ${v0} → ${v10}`);
  assert.equal(v10, 0.05, 'ten presses from 0.01 land on a clean value');
  await act(page, () => page.keyboard.press('Shift+ArrowLeft'));
  const fine = await lambda();
  assert.ok(fine < v10 && fine > 0.97 * v10, `Shift+←: the finest step (${v10} → ${fine})`);
  for (let i = 0; i < 10; i++) await act(page, () => page.keyboard.press('ArrowLeft'));
  assert.equal(await lambda(), v0, 'back where it was');
  // Shift's finest step and PageUp's ten arrows come back too.
  await act(page, () => page.keyboard.press('Shift+ArrowRight'));
  assert.equal(await lambda(), 0.0101);
  await act(page, () => page.keyboard.press('Shift+ArrowLeft'));
  assert.equal(await lambda(), v0);
  await act(page, () => page.keyboard.press('PageUp'));
  assert.equal(await lambda(), 0.05);
  await act(page, () => page.keyboard.press('PageDown'));
  assert.equal(await lambda(), v0);
  // The η of lesson 1's "try 0.6": from 0.4, two presses.
  const lr = async () => (await state(page)).scene.optimizers[0].lr;
  await page.focus(`${card} input[type=range][data-param=lr]`);
  await act(page, () => page.keyboard.press('ArrowRight'));
  await act(page, () => page.keyboard.press('ArrowRight'));
  assert.equal(await lr(), 0.12, 'η 0.1 → 0.11 → 0.12');
  assert.equal(await page.inputValue(`${card} input.num[data-param=lr]`), '0.12');
  assert.equal((await state(page)).lesson, null);
});

test('loading: a slow wasm shows what is loading, in the link\'s language, then goes', async (t) => {
  for (const [query, words, other] of [['', /Loading gradscape.*WebAssembly/, '正在加载'], ['?lang=zh', /正在加载.*WebAssembly/, 'Loading gradscape']]) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    t.after(() => context.close());
    const page = await context.newPage();
    let release;
    const gate = new Promise((ok) => { release = ok; });
    await page.route('**/*.wasm', async (route) => { await gate; await route.continue(); });
    await page.goto(server.url + query);
    await page.waitForTimeout(600);
    const loading = page.locator('#loading');
    assert.ok(await loading.isVisible(), `${query}: no loading panel`);
    const text = await loading.innerText();
    assert.match(text, words);
    assert.ok(!text.includes(other), `${query}: the other language shows too: ${text}`);
    assert.equal(await page.inputValue('#lang'), query ? 'zh' : 'en');
    const b = await box(page, '#loading');
    assert.ok(b.w > 400 && b.h > 150, `${query}: the loading panel is ${b.w}×${b.h}`);
    // The empty pickers say they are loading rather than look broken.
    for (const id of ['#lesson', '#surface', '#add-kind']) {
      assert.match(await page.locator(`${id} option`).first().innerText(), /Loading/);
    }
    release();
    await page.waitForSelector('canvas#plot[data-ready="true"]', { timeout: 20000 });
    assert.equal(await loading.isVisible(), false, `${query}: the loading panel stays after the start`);
    assert.ok((await page.locator('#lesson option').count()) > 5);
  }
});

test('loading: a wasm that cannot be fetched turns the panel into an error with Reload', async (t) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  t.after(() => context.close());
  const page = await context.newPage();
  await page.route('**/*.wasm', (route) => route.abort());
  await page.goto(server.url);
  const error = page.locator('#loading .loading-error');
  await error.waitFor({ state: 'visible', timeout: 10000 });
  assert.match(await page.locator('#loading').innerText(), /could not start/);
  assert.equal(await page.locator('#loading .loading-text').first().isVisible(), false);
  assert.equal(await page.getAttribute('#loading', 'role'), 'alert');
  const reload = page.locator('#loading-reload');
  assert.ok(await reload.isVisible());
  // Reload works once the network is back.
  await page.unroute('**/*.wasm');
  await reload.click();
  await page.waitForSelector('canvas#plot[data-ready="true"]', { timeout: 20000 });
  assert.equal(await page.locator('#loading').isVisible(), false);
});

// A student scrolls the controls down to a third card to drag its slider:
// the controls' column scrolls on its own, and the figure stays in view
// (the whole page scrolled it away, the left half of the screen blank).
test('1366×768, three cards: scrolling the controls to the last card keeps the figure in view', async (t) => {
  const page = await open(t, '?opt=adam:lr=0.1;adam_l2:lr=0.1,lambda=0.5;adamw:lr=0.1,lambda=0.5', 1366, 768);
  await page.mouse.move(1366 - 150, 400);
  for (let i = 0; i < 12; i++) await page.mouse.wheel(0, 100);
  await page.waitForFunction(() => document.querySelector('.panel').scrollTop > 500);
  const last = 'section.opt-card[data-index="2"] input[type="range"][data-param="lambda"]';
  const at = await page.evaluate((last) => {
    const r = (el) => el.getBoundingClientRect();
    return { plot: r(document.getElementById('plot')), slider: r(document.querySelector(last)), h: innerHeight };
  }, last);
  assert.ok(at.slider.top >= 0 && at.slider.bottom <= at.h, `the last card's λ slider is in view (${at.slider.top})`);
  const shown = Math.min(at.plot.bottom, at.h) - Math.max(at.plot.top, 0);
  assert.ok(shown >= 0.75 * at.plot.height, `most of the figure in view: ${Math.round(shown)} of ${Math.round(at.plot.height)} px`);
});

// A caption is not broken inside a hyphenated token ("2-D", "1.1e-4",
// "L-BFGS"): at a projector's widths they were, in both languages.
test('presenting, no caption line breaks inside "2-D", "1.1e-4" or "L-BFGS"', async (t) => {
  for (const [w, h] of [[1024, 768], [1280, 720], [1920, 1080]]) {
    for (const lang of ['en', 'zh']) {
      const page = await open(t, `?lesson=1&present&lang=${lang}`, w, h);
      for (let l = 1; l <= 15; l++) {
        if (l > 1) {
          await act(page, () => page.keyboard.press('PageDown'));
          await page.waitForFunction((l) => document.getElementById('lesson-caption').dataset.lesson === String(l), l);
        }
        const broken = await page.evaluate(() => {
          const node = document.getElementById('lesson-text').firstChild;
          return [...node.textContent.matchAll(/[\p{L}\p{N}.]+-\u2060?[\p{L}\p{N}.]+/gu)].filter((m) => {
            const r = document.createRange();
            r.setStart(node, m.index);
            r.setEnd(node, m.index + m[0].length);
            return new Set([...r.getClientRects()].map((q) => Math.round(q.top))).size > 1;
          }).map((m) => m[0]);
        });
        assert.deepEqual(broken, [], `${w}×${h} ${lang} lesson ${l}`);
      }
    }
  }
});

test('a tablet, 768×1024 and 1024×768: every lesson opens with its figure, x axis and ▶ on the screen, in both languages', async (t) => {
  // Lesson 9's figure ran 60 px past the bottom under its caption (portrait);
  // in landscape nine lessons' ▶ was below the screen.
  for (const [lang, w, h] of [['en', 768, 1024], ['zh', 768, 1024], ['en', 1024, 768], ['zh', 1024, 768]]) {
    const page = await open(t, `?lesson=1&lang=${lang}`, w, h, { deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    for (let n = 1; n <= 15; n++) {
      if (n > 1) await act(page, () => page.selectOption('#lesson', String(n)));
      await page.evaluate(() => window.scrollTo(0, 0));
      const r = await page.evaluate(() => {
        const box = (id) => document.getElementById(id).getBoundingClientRect();
        return { plot: box('plot').bottom, play: box('play').bottom, h: innerHeight };
      });
      assert.ok(r.plot <= r.h && r.play <= r.h, `lesson ${n} (${lang}, ${w}×${h}): the plot ends at ${r.plot}, ▶ at ${r.play}, the screen at ${r.h}`);
    }
  }
});

test('no console errors in any of the pages above', () => {
  assert.deepEqual(allErrors.filter((e) => e.errors.length), []);
});
