// Predict, then reveal: a quiz link (`quiz=predict(at,ahead,run)`) opens the
// figure paused at step `at` with nothing later on the page; a click places
// the guess; Reveal plays to at+ahead and reports the distance from the
// click's point of the plot to the run's point (as `simulate` computes it),
// in English and Chinese; the figure embedded, and presenter mode. And
// `quiz=which(at,ahead)`: the trails' names hidden until the reveal.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openPage, state, settled, geometry, toWorld } from './support.mjs';

let server, browser;
before(async () => {
  server = await serve();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const SCENE = 'opt=gd:lr=0.4;momentum:lr=0.4,gamma=0.5';
const QUIZ = 'quiz=predict(at=5,ahead=10,run=2)';
const open = (t, q, opts) => openPage(browser, t, `${server.url}?${q}`, opts).then((r) => r.page ?? r);

// The point of the asked run at `step` for the page's scene, from the core.
async function truthOf(page, run, step) {
  const s = await state(page);
  const out = JSON.parse(await page.evaluate((j) => window.wasmBindings.simulate_json(j), JSON.stringify(s.scene)));
  return out.runs[run].points[step];
}

// Click the plot at fractions of its box; the world point under the click.
async function clickPlot(page, fx, fy) {
  const g = await geometry(page);
  // Pointer events carry whole client pixels.
  const [cx, cy] = [Math.round(g.left + g.w * fx), Math.round(g.top + g.h * fy)];
  const px = [cx - g.left, cy - g.top];
  await page.mouse.click(cx, cy);
  await settled(page);
  return toWorld(g, px);
}

async function revealed(page) {
  await page.click('#quiz-reveal');
  await page.waitForFunction(() => JSON.parse(window.wasmBindings.page_state()).quiz?.phase === 'revealed', null, { timeout: 15000 });
  await settled(page);
}

// 3 significant digits, as the result sentence writes them.
const sig3 = (v) => String(Number(v.toPrecision(3)));

for (const lang of ['en', 'zh']) {
  test(`${lang}: paused at k, a click guesses, Reveal plays to k+n and reports the distance`, async (t) => {
    const page = await open(t, `${SCENE}&${QUIZ}${lang === 'zh' ? '&lang=zh' : ''}`);
    let s = await state(page);
    assert.equal(s.t, 5);
    assert.equal(s.quiz.phase, 'asking');
    assert.equal(await page.getAttribute('#plot', 'data-t'), '5');
    assert.equal(await page.getAttribute('#scrub', 'max'), '5');
    // Nothing past step 5 is on the page: the runs it draws end there.
    for (const r of s.runs) assert.equal(r.points.length, 6);
    assert.equal(s.quiz.answer, null);
    // The step keys, End, the scrubber and play cannot go past it.
    await page.locator('#play').focus();
    await page.keyboard.press('End');
    await page.locator('#scrub').evaluate((el) => { el.value = '20'; el.dispatchEvent(new Event('input', { bubbles: true })); });
    await page.click('#step');
    await settled(page);
    assert.equal((await state(page)).t, 5);
    // The prompt asks about the second run, by its mark as the captions
    // name runs, in the page's language.
    const prompt = await page.locator('#quiz-prompt').innerText();
    assert.match(prompt, lang === 'en' ? /^Where will Momentum η=0\.4 γ=0\.5 \(blue discs\) be after 10 more steps\? Click or tap the figure\.$/ : /^再走 10 步后，动量法 η=0\.4 γ=0\.5（蓝色圆点）会在哪里？请在图上点击或轻触。$/);
    // Click: the guess is the world point under the click; a second click moves it.
    await clickPlot(page, 0.3, 0.7);
    const guess = await clickPlot(page, 0.62, 0.45);
    s = await state(page);
    assert.ok(Math.hypot(s.quiz.guess[0] - guess[0], s.quiz.guess[1] - guess[1]) < 1e-9, `${s.quiz.guess} vs ${guess}`);
    await revealed(page);
    s = await state(page);
    assert.equal(s.t, 15);
    assert.equal(s.runs[1].points.length, 16);
    const truth = await truthOf(page, 1, 15);
    const dist = Math.hypot(guess[0] - truth[0], guess[1] - truth[1]);
    assert.ok(Math.abs(s.quiz.score.distance - dist) < 1e-9, `${s.quiz.score.distance} vs ${dist}`);
    const result = await page.locator('#quiz-result').innerText();
    assert.ok(result.includes(sig3(dist)), `${result} lacks ${sig3(dist)}`);
    assert.ok(result.includes(`${sig3(s.quiz.score.share * 100)} %`), result);
    if (lang === 'zh') {
      const words = JSON.parse(await page.evaluate((x) => window.wasmBindings.english_words(x), await page.locator('#quiz').innerText()));
      assert.deepEqual(words, [], 'English in the Chinese quiz');
    } else {
      assert.match(result, /^Step 15: Momentum η=0\.4 γ=0\.5 is at \(/);
      // Coordinates with a true minus, as the captions write them.
      assert.doesNotMatch(result, /\(-|, -/);
      assert.match(result, /(close!|not far\.|off\.)$/);
    }
    // Try again: back at step 5, nothing guessed.
    await page.click('#quiz-retry');
    await settled(page);
    s = await state(page);
    assert.equal(s.t, 5);
    assert.equal(s.quiz.phase, 'asking');
    assert.equal(s.quiz.guess, null);
    assert.match(await page.evaluate(() => location.search), /&quiz=predict\(at=5,ahead=10,run=2\)/);
  });
}

test('keys: the arrows move a guess cursor from the run, Enter places it', async (t) => {
  const page = await open(t, `${SCENE}&${QUIZ}&present`);
  const s0 = await state(page);
  const here = s0.runs[1].points[5];
  // Presenting, the question alone: how to click is not for the class's
  // screen (the hint's room is kept for the cursor's line).
  assert.equal(await page.locator('#quiz-hint').innerText(), '');
  const hintTop = (await page.locator('#quiz-hint').boundingBox()).y;
  await page.locator('#plot').focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowUp');
  await settled(page);
  // The cursor's place is said (a polite live region), then the guess.
  assert.equal(await page.getAttribute('#quiz-hint', 'aria-live'), 'polite');
  assert.match(await page.locator('#quiz-hint').innerText(), /^Cursor at \(−?[\d.]+, −?[\d.]+\): Enter places your guess here\.$/);
  assert.equal((await page.locator('#quiz-hint').boundingBox()).y, hintTop);
  await page.keyboard.press('Enter');
  await settled(page);
  assert.match(await page.locator('#quiz-hint').innerText(), /^Your guess: \(/);
  const s = await state(page);
  assert.equal(s.t, 5, 'the arrows did not step');
  const g = await geometry(page);
  const want = [here[0] + 2 * (g.x1 - g.x0) / 40, here[1] + (g.y1 - g.y0) / 40];
  assert.ok(Math.hypot(s.quiz.guess[0] - want[0], s.quiz.guess[1] - want[1]) < 1e-9, `${s.quiz.guess} vs ${want}`);
  assert.ok(await page.isVisible('#quiz-reveal'));
  // Presenting, the reveal's two-line verdict does not shrink the figure
  // (its ticks moved under the class's eyes).
  const height = () => page.evaluate(() => document.getElementById('plot').getBoundingClientRect().height);
  const before = await height();
  await revealed(page);
  assert.equal(await height(), before, 'the figure keeps its height at the reveal');
});

test('with prefers-reduced-motion the reveal jumps to the answer (in 中文 too)', async (t) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, reducedMotion: 'reduce' });
  t.after(() => context.close());
  const page = await context.newPage();
  await page.goto(`${server.url}?${SCENE}&${QUIZ}&lang=zh`);
  await page.waitForSelector('canvas#plot[data-ready="true"]');
  await page.locator('#plot').focus();
  await page.keyboard.press('ArrowLeft');
  await settled(page);
  assert.match(await page.locator('#quiz-hint').innerText(), /^光标在 \(/);
  await page.keyboard.press('Enter');
  await page.click('#quiz-reveal');
  // No frame in between: the next state is the answer.
  const s = await page.evaluate(() => JSON.parse(window.wasmBindings.page_state()));
  assert.equal(s.quiz.phase, 'revealed');
  assert.equal(s.t, 15);
  assert.equal(s.playing, false);
});

for (const [w, h] of [[640, 440], [320, 560]]) {
  test(`embedded at ${w}×${h}: the quiz fits the frame and works`, async (t) => {
    const page = await open(t, `${SCENE}&embed&${QUIZ}`, { viewport: { width: w, height: h } });
    assert.ok(await page.isVisible('#quiz-prompt'));
    await settled(page);
    const fit = await page.evaluate(() => [document.documentElement.scrollHeight, innerHeight, document.documentElement.scrollWidth, innerWidth]);
    assert.ok(fit[0] <= fit[1] + 1 && fit[2] <= fit[3], `page ${fit[2]}×${fit[0]} in a ${fit[3]}×${fit[1]} frame`);
    const box = await page.locator('#plot').boundingBox();
    assert.ok(box.height >= 120, `plot ${box.width}×${box.height}`);
    const guess = await clickPlot(page, 0.7, 0.5);
    await revealed(page);
    const s = await state(page);
    const truth = await truthOf(page, 1, 15);
    assert.ok(Math.abs(s.quiz.score.distance - Math.hypot(guess[0] - truth[0], guess[1] - truth[1])) < 1e-9);
    assert.match(await page.evaluate(() => location.search), /&quiz=predict\(at=5,ahead=10,run=2\)&embed$|&embed.*quiz=/);
  });
}

test('a bad argument is named with its range and its default used', async (t) => {
  const page = await open(t, `${SCENE}&quiz=predict(at=99,run=7)`);
  const notice = await page.locator('#notice-list').innerText();
  assert.match(notice, /quiz\.at: must be a whole number from 0 to 19 \(got “99”\); the default is used/);
  assert.match(notice, /quiz\.run: must be a whole number from 1 to 2 \(got “7”\)/);
  const s = await state(page);
  assert.deepEqual([s.quiz.at, s.quiz.ahead, s.quiz.run, s.t], [10, 10, 0, 10]);
  const zh = await open(t, `${SCENE}&quiz=guess(at=1)&lang=zh`);
  assert.match(await zh.locator('#notice-list').innerText(), /quiz：未知的类型“guess”/);
  assert.equal((await state(zh)).quiz, null);
});

// A run stopped before the pause (or never started) had a question and no
// answer: no quiz, said; one that stops between the pause and the answer
// says where, as its legend does.
test('a prediction about a run that stops before the pause is no quiz, said', async (t) => {
  for (const [q, words] of [
    ['f=rosenbrock&opt=gd:lr=0.6&quiz=predict(at=5)', /quiz: run 1 stops at step 3, before the pause at step 5, so there is nothing to predict; no quiz/],
    ['expr=ln(x)&start=-1,1&quiz=predict(at=5)&lang=zh', /quiz：第 1 次运行在第 0 步就停止了，早于暂停的第 5 步/],
  ]) {
    const page = await open(t, q);
    assert.match(await page.locator('#notice-list').innerText(), words, q);
    assert.equal((await state(page)).quiz, null, q);
  }
  const page = await open(t, 'f=rosenbrock&opt=gd:lr=0.6&quiz=predict(at=1,ahead=5)');
  await clickPlot(page, 0.5, 0.5);
  await revealed(page);
  assert.match(await page.locator('#quiz-result').innerText(), /^Step 2: .* It stopped at step 3, before the step asked about: this is its last point\.$/s);
});

// The quiz maker says what the link would say, instead of copying a link
// that opens to a notice and no quiz.
test('Share: a quiz link that could not ask is not made, and why is said', async (t) => {
  for (const [q, pick, words] of [
    ['f=rosenbrock&opt=gd:lr=0.6;gd:lr=0.001&t=10', '1', /quiz: run 1 stops at step 3, before the pause at step 10/],
    ['opt=gd&t=5', 'which', /quiz: which needs two runs at least/],
  ]) {
    const page = await open(t, q);
    await page.evaluate(() => { document.querySelector('.share-panel').open = true; });
    await page.selectOption('#quiz-run', pick);
    await page.click('#copy-quiz');
    await settled(page);
    assert.match(await page.locator('#share-status').innerText(), words, q);
  }
  const page = await open(t, `${SCENE}&t=18`);
  await page.evaluate(() => { document.querySelector('.share-panel').open = true; });
  await page.fill('#quiz-ahead', '1');
  await page.click('#copy-quiz');
  await settled(page);
  assert.match(await page.locator('#share-status').innerText(), /after one more step\./);
});

test('Share: "Copy quiz link" makes a link of this scene paused at this step', async (t) => {
  const page = await open(t, `${SCENE}&t=8`);
  await page.evaluate(() => { document.querySelector('.share-panel').open = true; });
  await page.fill('#quiz-ahead', '4');
  await page.selectOption('#quiz-run', '1');
  await page.click('#copy-quiz');
  await settled(page);
  const link = await page.locator('#embed-code').innerText();
  assert.match(link, /\?f=quadratic&.*&t=8&quiz=predict\(at=8,ahead=4,run=1\)$/);
  assert.match(await page.locator('#share-status').innerText(), /pauses at step 8 and asks where GD η=0\.4 will be after 4 more steps/);
  const quiz = await open(t, link.slice(link.indexOf('?') + 1));
  const s = await state(quiz);
  assert.deepEqual([s.t, s.quiz.at, s.quiz.ahead, s.quiz.run], [8, 8, 4, 0]);
});

test('Share: "reveal after (steps)" refuses what it cannot take, says so, and the link uses what the field shows', async (t) => {
  // 0, -3, 1,5, 999 and abc were taken with no mark, the link using 10 (or
  // the steps left) while the field still showed them.
  const page = await open(t, `${SCENE}&t=4`);
  await page.evaluate(() => { document.querySelector('.share-panel').open = true; });
  const field = page.locator('#quiz-ahead');
  await page.fill('#quiz-ahead', '6');
  for (const bad of ['0', '-3', '1,5', '999', 'abc']) {
    await field.fill(bad);
    await field.press('Enter');
    await page.waitForFunction(() => document.getElementById('quiz-ahead').getAttribute('aria-invalid') === 'true');
    const msg = await page.locator('#invalid-quiz-ahead').textContent();
    assert.equal(msg, `reveal after (steps) must be a whole number from 1 to 20 (got "${bad}"); kept 6`);
    assert.equal(await field.getAttribute('aria-describedby'), 'invalid-quiz-ahead');
    assert.equal(await page.textContent('#said'), msg, 'said to a screen reader');
    // Leaving the field (for the button) puts 6 back: the link asks that.
    await page.click('#copy-quiz');
    await settled(page);
    assert.equal(await field.inputValue(), '6');
    assert.equal(await field.getAttribute('aria-invalid'), null);
    assert.equal(await page.locator('#invalid-quiz-ahead').count(), 0);
    assert.match(await page.locator('#embed-code').innerText(), /quiz=predict\(at=4,ahead=6,run=1\)$/, bad);
  }
  // Text no more typing can mend is refused as it is typed, as in the
  // other fields; a value the field takes clears the mark at once.
  await field.fill('');
  await field.pressSequentially('1,', { delay: 30 });
  await page.waitForSelector('#invalid-quiz-ahead');
  await field.fill('7');
  assert.equal(await page.locator('#invalid-quiz-ahead').count(), 0);
  await field.fill('6');
  // Escape abandons the text; in 中文 the message is Chinese.
  await field.fill('0');
  await field.press('Escape');
  assert.equal(await field.inputValue(), '6');
  // Leaving a text not yet refused puts the value kept back and says
  // nothing (leaving sent `change`, said a refusal, then put 6 back).
  await page.evaluate(() => { document.getElementById('said').textContent = ''; });
  await field.fill('0');
  await page.click('#copy-quiz');
  await settled(page);
  assert.equal(await field.inputValue(), '6');
  assert.equal(await page.textContent('#said'), '', 'no refusal said for a text put back');
  await page.selectOption('#lang', 'zh');
  // The switch done (its words fetched, the keys given back to the figure)
  // before typing: on a loaded machine that focus move came after the
  // Enter, and leaving the field put the value kept back.
  await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
  await settled(page);
  await field.fill('0');
  await field.press('Enter');
  await page.waitForSelector('#invalid-quiz-ahead');
  assert.equal(await page.locator('#invalid-quiz-ahead').textContent(), '揭晓步数必须是 1 到 20 之间的整数（输入为“0”）；保留 6');
});

// Runs hidden in the legend stay hidden in the quiz link, never the one
// asked about; a quiz page draws what it asks about.
test('Share: a quiz link keeps the hidden runs but the one it asks about', async (t) => {
  const page = await open(t, `${SCENE}&t=4&hidden=2`);
  await page.evaluate(() => { document.querySelector('.share-panel').open = true; });
  await page.click('#copy-quiz');
  await settled(page);
  assert.match(await page.locator('#embed-code').innerText(), /&hidden=2&.*quiz=predict\(at=4,ahead=\d+,run=1\)$/);
  await page.selectOption('#quiz-run', '2');
  await page.click('#copy-quiz');
  await settled(page);
  const link = await page.locator('#embed-code').innerText();
  assert.match(link, /quiz=predict\(at=4,ahead=\d+,run=2\)$/);
  assert.doesNotMatch(link, /hidden=/, 'the run asked about is shown');
  // A hand-made link hiding the run asked about: the quiz page draws it.
  const quizPage = await open(t, `${SCENE}&hidden=1,2&quiz=predict(at=4,ahead=5,run=2)`);
  const hidden = await quizPage.evaluate(() => JSON.parse(window.wasmBindings.page_state()).hidden);
  assert.deepEqual(hidden, [true, false]);
});

// Copied at the last step (where a page opens), it asked about one step.
test('Share: a quiz link copied at the last step pauses halfway', async (t) => {
  const page = await open(t, SCENE);
  assert.equal((await state(page)).t, 20);
  await page.evaluate(() => { document.querySelector('.share-panel').open = true; });
  await page.fill('#quiz-ahead', '5');
  await page.click('#copy-quiz');
  await settled(page);
  assert.match(await page.locator('#embed-code').innerText(), /&t=10&quiz=predict\(at=10,ahead=5,run=1\)$/);
  assert.match(await page.locator('#share-status').innerText(), /pauses at step 10 and asks where .* will be after 5 more steps/);
  // More steps than are left: the link and the field say the 10 there are.
  await page.fill('#quiz-ahead', '15');
  await page.click('#copy-quiz');
  await settled(page);
  assert.match(await page.locator('#embed-code').innerText(), /quiz=predict\(at=10,ahead=10,run=1\)$/);
  assert.equal(await page.inputValue('#quiz-ahead'), '10');
});

for (const lang of ['en', 'zh']) {
  test(`${lang}: which trail is which: the names stay hidden until the reveal, which counts the right ones`, async (t) => {
    const page = await open(t, `opt=gd:lr=0.4;momentum:lr=0.4,gamma=0.5;adam:lr=0.5&quiz=which(at=6)${lang === 'zh' ? '&lang=zh' : ''}`);
    let s = await state(page);
    assert.equal(s.t, 6);
    assert.equal(s.quiz.mode, 'which');
    const labels = () => page.locator('#legend .run-label').allInnerTexts();
    assert.deepEqual(await labels(), lang === 'en' ? ['trail 1', 'trail 2', 'trail 3'] : ['路径 1', '路径 2', '路径 3']);
    // Nothing else on the page names a trail: the cards and messages are hidden.
    for (const sel of ['.opt-panel', '#messages', '.state-panel']) assert.equal(await page.isVisible(sel), false, sel);
    // The pickers list the names in another order than the trails'.
    const options = await page.locator('select.quiz-name').first().locator('option').evaluateAll((o) => o.map((x) => x.value));
    assert.equal(options.length, 4);
    assert.notDeepEqual(options.slice(1), ['0', '1', '2']);
    // Trail 1 named right, trails 2 and 3 swapped.
    const pick = page.locator('select.quiz-name');
    await pick.nth(0).selectOption('0');
    await pick.nth(1).selectOption('2');
    await pick.nth(2).selectOption('1');
    await settled(page);
    assert.deepEqual((await state(page)).quiz.names, [0, 2, 1]);
    await revealed(page);
    s = await state(page);
    assert.equal(s.t, 20);
    assert.equal(s.quiz.right, 1);
    assert.equal(await page.locator('#quiz-result').innerText(), lang === 'en' ? '1 of 3 named right.' : '答对 1 个，共 3 个。');
    const names = await labels();
    assert.match(names[0], lang === 'en' ? /^GD η=0\.4$/ : /^梯度下降 η=0\.4$/);
    const marks = await page.locator('#legend .quiz-mark').evaluateAll((m) => m.map((x) => x.dataset.right));
    assert.deepEqual(marks, ['true', 'false', 'false']);
    assert.ok(await page.isVisible('.opt-panel'));
    if (lang === 'zh') {
      const words = JSON.parse(await page.evaluate((x) => window.wasmBindings.english_words(x), await page.locator('#quiz').innerText()));
      assert.deepEqual(words, [], 'English in the Chinese quiz');
    }
  });
}

test('Share: the quiz link can ask which trail is which', async (t) => {
  const page = await open(t, `${SCENE}&t=3`);
  await page.evaluate(() => { document.querySelector('.share-panel').open = true; });
  await page.fill('#quiz-ahead', '7');
  await page.selectOption('#quiz-run', 'which');
  await page.click('#copy-quiz');
  await settled(page);
  const link = await page.locator('#embed-code').innerText();
  assert.match(link, /&t=3&quiz=which\(at=3,ahead=7\)$/);
  const quiz = await open(t, link.slice(link.indexOf('?') + 1));
  assert.deepEqual((await state(quiz)).quiz.names, [null, null]);
});

test('the state inspector shows the paused step, not the one after it, until the reveal', async (t) => {
  const page = await open(t, `${SCENE}&${QUIZ}`);
  await page.evaluate(() => { document.getElementById('state-panel').open = true; });
  // A step back and forward again: the panel redraws at step 5.
  await page.click('#step-back');
  await page.click('#step');
  await settled(page);
  await page.waitForFunction(() => /Step 5/.test(document.getElementById('state-body').textContent), null, { timeout: 10000 });
  const text = await page.locator('#state-body').innerText();
  assert.match(text, /^Step 5, the last step shown \(from step 4\); the next steps stay hidden until the reveal\./);
  assert.doesNotMatch(text, /Step 6/);
});

// A teacher's trial: the clicker's arrows moved the cursor, its PageDown
// revealed with no guess placed (no distance, no verdict).
test('presenting, the clicker\'s PageDown places the guess its arrows moved, then reveals with a verdict', async (t) => {
  const page = await open(t, `${SCENE}&${QUIZ}&present`);
  await page.locator('#plot').focus();
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowDown');
  await settled(page);
  const cursor = (await state(page)).quiz;
  assert.equal(cursor.guess ?? null, null, 'not placed yet');
  await page.keyboard.press('PageDown');
  await page.waitForFunction(() => document.querySelector('#quiz-result')?.dataset.verdict);
  const s = await state(page);
  assert.ok(s.quiz.guess, 'the guess placed at the cursor');
  assert.match(await page.locator('#quiz-result').innerText(), /away, [\d.]+ % of the view's diagonal: (close!|not far\.|off\.)$/);
});

// A phone student's trial: the hint read of arrow keys and Enter, which a
// phone has not. On a touch screen it says to tap, in both languages.
test('on a touch screen the hint says to tap (no keys), in English and 中文', async (t) => {
  for (const [lang, want] of [['en', /^Tap the figure to place your guess; tap again to move it\.$/], ['zh', /^轻触图形放置你的猜测，再次轻触可移动它。$/]]) {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, hasTouch: true, isMobile: true });
    t.after(() => context.close());
    const page = await context.newPage();
    await page.goto(`${server.url}?${SCENE}&${QUIZ}&lang=${lang}`);
    await page.waitForSelector('canvas#plot[data-ready="true"]');
    assert.equal(await page.evaluate(() => matchMedia('(pointer: coarse)').matches), true);
    assert.match(await page.locator('#quiz-hint').innerText(), want);
    // The question alone above it (it had said "Click or tap the figure."
    // too, the same instruction twice).
    assert.match(await page.locator('#quiz-prompt').innerText(), /[?？]$/);
  }
});
