// The formula field's error caret and the phone's controls, as a student
// sees them: the caret under a long formula's error is in view and under
// its character (wide characters of a Chinese input method included); on a
// phone the sliders' dot reaches the ends of their track and the steps
// field shows its word.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserSuite, settled, slide, noErrors, openIn, formulaError } from './support.mjs';

const suite = browserSuite();
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const DESKTOP = { viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 };

const open = (t, ctx, query) => openIn(suite.browser, t, ctx, suite.server.url + query);

// Where the caret box's `^` is drawn, and the character of column `col` of
// the formula line above it: read from the text as laid out (a Range per
// character), whatever elements hold it.
const caretFacts = (page, col) => page.evaluate((col) => {
  const pre = document.getElementById('expr-caret');
  const nodes = [];
  const walk = document.createTreeWalker(pre, NodeFilter.SHOW_TEXT);
  for (let n; (n = walk.nextNode());) nodes.push(n);
  const text = nodes.map((n) => n.data).join('');
  const rectAt = (i, len) => {
    let k = i;
    for (const n of nodes) {
      if (k < n.data.length) {
        const r = document.createRange();
        r.setStart(n, k);
        r.setEnd(n, k + len);
        return r.getBoundingClientRect();
      }
      k -= n.data.length;
    }
    return null;
  };
  const chars = [...text.slice(0, text.indexOf('\n'))];
  const at = chars.slice(0, col - 1).join('').length; // in UTF-16 units
  const box = (r) => ({ left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width });
  return {
    char: chars[col - 1],
    target: box(rectAt(at, chars[col - 1].length)),
    mark: box(rectAt(text.length - 1, 1)),
    markChar: text[text.length - 1],
    pre: box(pre.getBoundingClientRect()),
    vw: innerWidth,
  };
}, col);

async function assertCaretShows(page, formula, col, char, where) {
  await page.fill('#expr-input', formula);
  await settled(page);
  await formulaError(page);
  await assertCaretInView(page, col, char, where);
}

async function assertCaretInView(page, col, char, where) {
  await page.locator('#expr-caret').scrollIntoViewIfNeeded();
  const f = await caretFacts(page, col);
  assert.equal(f.markChar, '^');
  assert.equal(f.char, char, `${where}: column ${col} is '${char}'`);
  const inside = (r) => r.left >= f.pre.left - 0.5 && r.right <= f.pre.right + 0.5 && r.right <= f.vw;
  assert.ok(inside(f.mark), `${where}: the caret at ${JSON.stringify(f.mark)} is out of its box ${JSON.stringify(f.pre)}`);
  assert.ok(inside(f.target), `${where}: '${char}' at ${JSON.stringify(f.target)} is out of the box ${JSON.stringify(f.pre)}`);
  const centre = (r) => (r.left + r.right) / 2;
  assert.ok(Math.abs(centre(f.mark) - centre(f.target)) <= f.target.width / 2,
    `${where}: the caret (x ${centre(f.mark)}) is not under '${char}' (x ${f.target.left}–${f.target.right})`);
}

const LONG = '0.1*x^2 + 2*y^2 + 0.5*sin(3*x)*cos(2*y) + 0.01*(x^4 + y^4) - 0.3*exp(-(x-1)^2 - (y+2)^2) + abs(x*y) $ 3';

test('a long formula: the caret under its error is in view, under the character, on a laptop and a phone', async (t) => {
  for (const [ctx, size] of [[DESKTOP, '1280×800'], [PHONE, '390×844']]) {
    const { page, errors } = await open(t, ctx, '?f=expr');
    await assertCaretShows(page, LONG, LONG.indexOf('$') + 1, '$', `${size}, near the end`);
    // Then an error near the start of the same long formula: back in view.
    const early = '0.1*x^^2' + LONG.slice(7).replace('$', '+');
    await assertCaretShows(page, early, 7, '^', `${size}, near the start`);
    noErrors(errors);
  }
});

test('a long formula\'s caret shown while the Surface panel was closed (a language switch) is in view when the panel opens', async (t) => {
  const { page, errors } = await open(t, DESKTOP, '?f=expr');
  await assertCaretShows(page, LONG, LONG.indexOf('$') + 1, '$', 'open');
  await page.evaluate(() => { document.querySelector('.surface-panel').open = false; });
  await page.selectOption('#lang', 'zh');
  await settled(page);
  await page.evaluate(() => { document.querySelector('.surface-panel').open = true; });
  await settled(page);
  await assertCaretInView(page, LONG.indexOf('$') + 1, '$', 'reopened after 中文');
  noErrors(errors);
});

test('wide characters of a Chinese input method: the caret stands under the one the error names', async (t) => {
  const { page, errors } = await open(t, PHONE, '?f=expr&lang=zh');
  // `（` is accepted (as `(`), the last `）` is unmatched: column 10.
  await assertCaretShows(page, 'x²+（y-1）²）', 10, '）', 'short');
  assert.match(await page.locator('#expr-error').innerText(), /^第 10 列：多余的“）”/);
  // `×` quoted as typed, far along a long formula of wide characters.
  const long = '（x－1）²＋（y＋2）²＋'.repeat(4) + '2××x';
  await assertCaretShows(page, long, [...long].length - 1, '×', 'long');
  assert.match(await page.locator('#expr-error').innerText(), /却是“×”/);
  noErrors(errors);
});

// The colours along the middle line of a slider, from a screenshot:
// 'a' where the dot (the accent colour), 't' where the track (the edge
// colour), '.' elsewhere.
async function sliderLine(page, context, loc) {
  await loc.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  const uncovered = await loc.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2) === el;
  });
  assert.ok(uncovered, 'the slider is not under the figure');
  const colours = await page.evaluate(() => ['--accent', '--edge'].map((v) => {
    const probe = document.createElement('span');
    probe.style.color = `var(${v})`;
    document.body.append(probe);
    const c = getComputedStyle(probe).color.match(/\d+/g).map(Number);
    probe.remove();
    return c;
  }));
  const png = await loc.screenshot();
  const blank = await context.newPage();
  const line = await blank.evaluate(async ({ b64, colours }) => {
    const img = new Image();
    img.src = 'data:image/png;base64,' + b64;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.width;
    c.height = img.height;
    const g = c.getContext('2d');
    g.drawImage(img, 0, 0);
    const y = Math.floor(img.height / 2);
    const d = g.getImageData(0, y, img.width, 1).data;
    let s = '';
    for (let x = 0; x < img.width; x++) {
      const p = [d[4 * x], d[4 * x + 1], d[4 * x + 2]];
      const dist = (q) => Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]);
      s += dist(colours[0]) < 40 ? 'a' : dist(colours[1]) < 40 ? 't' : '.';
    }
    return s;
  }, { b64: png.toString('base64'), colours });
  await blank.close();
  return line;
}

test('phone: a slider at its minimum or maximum covers the end of its track, and keeps its 44 px target', async (t) => {
  const { page, context, errors } = await open(t, PHONE, '?opt=gd:lr=0.1');
  for (const sel of ['#optimizers .param input[type="range"]', '#scrub']) {
    const loc = page.locator(sel).first();
    const box = await loc.boundingBox();
    assert.ok(box.height >= 44, `${sel}: ${box.height} px tall`);
    const [lo, hi] = await loc.evaluate((el) => [el.min, el.max]);
    await slide(loc, lo);
    await settled(page);
    let line = await sliderLine(page, context, loc);
    assert.ok(line.includes('a') && line.includes('t'), `${sel}: ${line}`);
    assert.ok(line.indexOf('t') > line.indexOf('a'), `${sel} at its minimum: the track sticks out left of the dot: ${line}`);
    await slide(loc, hi);
    await settled(page);
    line = await sliderLine(page, context, loc);
    assert.ok(line.lastIndexOf('t') < line.lastIndexOf('a'), `${sel} at its maximum: the track sticks out right of the dot: ${line}`);
  }
  noErrors(errors);
});

test('phone: the steps field shows its word (and the speed picker its own), on the time bar’s two rows', async (t) => {
  for (const [lang, steps, speed, scrub] of [['en', 'steps', 'speed', 'Current step'], ['zh', '步数', '速度', '当前步']]) {
    const { page, errors } = await open(t, PHONE, `?lang=${lang}`);
    // The scrubber beside it is named apart (in 中文 both were 步数).
    assert.equal(await page.getAttribute('#scrub', 'aria-label'), scrub);
    for (const [id, word] of [['steps', steps], ['speed', speed]]) {
      const f = await page.evaluate((id) => {
        const field = document.getElementById(id);
        const span = field.closest('label').querySelector('span');
        const r = span.getBoundingClientRect();
        const b = field.getBoundingClientRect();
        const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        return {
          text: span.textContent, hit: span.contains(hit), px: parseFloat(getComputedStyle(span).fontSize),
          r: { left: r.left, right: r.right, top: r.top, bottom: r.bottom, w: r.width, h: r.height },
          b: { left: b.left, right: b.right, top: b.top, bottom: b.bottom },
          scrub: document.getElementById('scrub').getBoundingClientRect().top,
          vh: innerHeight,
        };
      }, id);
      const where = `${lang} #${id}: ${JSON.stringify(f)}`;
      assert.equal(f.text, word);
      assert.ok(f.r.w >= 15 && f.r.h >= 8 && f.px >= 10, `${where}: not visible`);
      assert.ok(f.hit, `${where}: covered or clipped`);
      assert.ok(f.r.top >= 0 && f.r.bottom <= f.vh, where);
      // On its field: over its top edge, within its width.
      assert.ok(f.r.left >= f.b.left && f.r.right <= f.b.right && f.r.top <= f.b.top && f.r.bottom >= f.b.top, `${where}: not on its field`);
      // The second row of the time bar, with the scrubber (still two rows).
      assert.ok(f.b.bottom > f.scrub && f.b.top < f.scrub + 44, `${where}: not on the scrubber's row`);
    }
    noErrors(errors);
  }
});
