// In front of a class, and for a screen reader: a refused value shows on
// its own field (red, aria-invalid, a message right under its row naming
// the field, its range and the value kept) and reverts when left; every
// slider says its value (aria-valuetext), the cards' readouts do not
// chatter during a drag, and a settled text summary describes the figure
// in English and 中文.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openPage, state, settled, slide, act, setScene, assertNoBadNumbers } from './support.mjs';

let server, browser;
before(async () => {
  server = await serve();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const LAPTOP = { width: 1366, height: 768 };
const fresh = (t, query = '', viewport = LAPTOP) => openPage(browser, t, server.url + query, { viewport });

// The page's --error colour in the light scheme (www/style.css).
const RED = 'rgb(179, 38, 30)';

const adamCard = (page) => page.locator('#optimizers section.opt-card[data-kind="adam"]');

// What a field shows about its refusal: its mark, its border colour, its
// message (through aria-describedby), the gap between the two in pixels,
// and whether the message is inside the window.
async function refusal(loc) {
  return loc.evaluate((f) => {
    const ids = (f.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
    const msg = ids.map((id) => document.getElementById(id)).find((e) => e && e.textContent.trim());
    const a = f.getBoundingClientRect();
    const b = msg?.getBoundingClientRect();
    const gap = b ? Math.hypot(Math.max(0, a.left - b.right, b.left - a.right), Math.max(0, a.top - b.bottom, b.top - a.bottom)) : Infinity;
    // The text itself, not its box: where its first line starts.
    const range = msg ? document.createRange() : null;
    range?.selectNodeContents(msg);
    const line = range?.getClientRects()[0];
    const textGap = line ? Math.hypot(Math.max(0, a.left - line.right, line.left - a.right), Math.max(0, a.top - line.bottom, line.top - a.bottom)) : Infinity;
    return {
      invalid: f.getAttribute('aria-invalid'),
      border: getComputedStyle(f).borderTopColor,
      text: msg?.textContent.trim() ?? '',
      said: document.getElementById('said')?.textContent.trim() ?? null,
      said_live: document.getElementById('said')?.getAttribute('aria-live') ?? null,
      gap, textGap,
      inWindow: !!b && b.bottom <= innerHeight && b.top >= 0,
      messages: document.querySelectorAll('.field-error').length,
    };
  });
}

test('η = −3 typed into Adam at 1366×768: the field is red and invalid, the message is beside it, a blur reverts', async (t) => {
  const { page, errors } = await fresh(t, '?opt=gd;adam');
  const card = adamCard(page);
  const eta = card.locator('input.num[data-param="lr"]');
  await eta.click();
  await eta.fill('');
  await page.keyboard.type('-3');
  await page.waitForFunction(() => document.querySelector('[aria-invalid="true"][data-param="lr"]'));
  let r = await refusal(eta);
  assert.equal(r.invalid, 'true');
  assert.equal(r.border, RED, 'the field turns red');
  assert.match(r.text, /η/, r.text);
  assert.match(r.text, /> 0/, `the allowed range: ${r.text}`);
  assert.match(r.text, /-3/, r.text);
  assert.match(r.text, /kept 0\.1$/, `says the value kept: ${r.text}`);
  // Said by the page's polite region (a region born with its text is not read).
  assert.equal(r.said_live, 'polite');
  assert.equal(r.said, r.text, 'the message is said');
  assert.ok(r.gap <= 100 && r.textGap <= 100, `the message is beside the field (${r.gap} px, text ${r.textGap} px)`);
  assert.ok(r.inWindow, 'the message is on screen, not below the fold');
  // Still typing: the field keeps what was typed; its row says the value in effect.
  assert.equal(await eta.inputValue(), '-3');
  assert.equal(await card.locator('output[data-param="lr"]').textContent(), 'η = 0.1');
  assert.equal((await state(page)).scene.optimizers[1].lr ?? 0.1, 0.1);
  // The bottom of the card has no message of its own any more.
  assert.equal(await card.locator('.error:not(.field-error)').count(), 0);
  // A blur: the value in effect again, no mark, no message.
  await page.keyboard.press('Tab');
  await page.waitForFunction(() => !document.querySelector('[aria-invalid="true"]'));
  assert.equal(await eta.inputValue(), '0.1');
  r = await refusal(eta);
  assert.equal(r.invalid, null);
  assert.equal(r.messages, 0);
  assert.notEqual(r.border, RED);
  assert.equal((await state(page)).scene.optimizers[1].lr ?? 0.1, 0.1, 'the value in effect stays 0.1');
  // Escape reverts too, and the focus stays.
  await eta.click();
  await eta.fill('-3');
  await page.waitForFunction(() => document.querySelector('[aria-invalid="true"]'));
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !document.querySelector('[aria-invalid="true"]'));
  assert.equal(await eta.inputValue(), '0.1');
  assert.equal(await eta.evaluate((e) => e === document.activeElement), true);
  // A valid value typed clears the mark at once, without leaving the field.
  await eta.fill('-3');
  await page.waitForFunction(() => document.querySelector('[aria-invalid="true"]'));
  await eta.fill('0.05');
  await page.waitForFunction(() => !document.querySelector('[aria-invalid="true"]') && !document.querySelector('.field-error'));
  assert.equal((await state(page)).scene.optimizers[1].lr, 0.05);
  // Unreadable text committed with Enter: named, with its range, kept.
  await eta.fill('');
  await eta.press('Enter');
  await page.waitForFunction(() => document.querySelector('[aria-invalid="true"]'));
  r = await refusal(eta);
  assert.match(r.text, /η.*> 0.*kept 0\.05/, r.text);
  assert.deepEqual(errors, []);
});

test('steps = −3: the same mark and message beside the field; the global line stays empty; a blur reverts', async (t) => {
  const { page, errors } = await fresh(t, '?opt=gd;adam');
  const steps = page.locator('#steps');
  await steps.click();
  await steps.fill('');
  await page.keyboard.type('-3');
  await page.waitForFunction(() => document.getElementById('steps').getAttribute('aria-invalid') === 'true');
  const r = await refusal(steps);
  assert.equal(r.border, RED);
  assert.match(r.text, /Number of steps/, r.text);
  assert.match(r.text, /from 0 to 100000/, r.text);
  assert.match(r.text, /kept 20$/, r.text);
  assert.ok(r.gap <= 100 && r.textGap <= 100, `the message is beside the field (${r.gap} px, text ${r.textGap} px)`);
  assert.ok(r.inWindow);
  assert.equal((await page.locator('#global-error').textContent()).trim(), '', 'not in the line under the surface panel');
  assert.equal((await state(page)).scene.steps, 20);
  await page.keyboard.press('Tab');
  await page.waitForFunction(() => !document.querySelector('[aria-invalid="true"]'));
  assert.equal(await steps.inputValue(), '20');
  assert.equal((await state(page)).scene.steps, 20);
  // The surface's parameters and σ work the same way, in 中文 too.
  // The switch waits for zh.json on a page that has not fetched it yet.
  await act(page, () => page.selectOption('#lang', 'zh'));
  const sigma = page.locator('#noise-sigma');
  await sigma.fill('-1');
  await page.waitForFunction(() => document.getElementById('noise-sigma').getAttribute('aria-invalid') === 'true');
  const z = await refusal(sigma);
  assert.match(z.text, /σ 梯度噪声.*保留 0$/, z.text);
  assert.ok(z.gap <= 100, `${z.gap} px`);
  const a = page.locator('#surface-params input[data-key="a"]');
  // Emptied: the browser reads no number.
  await a.fill('');
  await a.press('Enter');
  await page.waitForFunction(() => document.querySelector('#surface-params input[data-key="a"]')?.getAttribute('aria-invalid') === 'true');
  assert.equal(await sigma.getAttribute('aria-invalid'), null, 'one global error at a time: σ is back');
  assert.match((await refusal(a)).text, /保留 0\.1$/);
  await assertNoBadNumbers(page, 'refused global fields');
  assert.deepEqual(errors, []);
});

// Chromium's number inputs dropped what they could not read: "1,5" became
// 15 and "0x10" 10, taken without a word. The fields are text now and the
// core reads them (format::read_field): a plain decimal or nothing.
test('switching to 中文 leaves no English sentence in the polite region', async (t) => {
  // A refused λ said in English stayed in #said after the switch.
  const { page } = await fresh(t, '?opt=adamw');
  const lambda = page.locator('#optimizers section.opt-card[data-kind="adamw"] input.num[data-param="lambda"]');
  await lambda.click();
  await lambda.fill('');
  await page.keyboard.type('-1');
  await page.waitForFunction(() => /must be/.test(document.getElementById('said').textContent));
  await act(page, () => page.selectOption('#lang', 'zh'));
  const said = await page.textContent('#said');
  assert.doesNotMatch(said, /[A-Za-z]{3}/, `no English left: ${said}`);
});

test('malformed numbers are refused, not guessed: 1,5 and 0x10 are not 15 and 10, in English and 中文', async (t) => {
  const { page, errors } = await fresh(t, '?opt=gd;adam');
  const eta = adamCard(page).locator('input[data-param="lr"]:not([type=range])');
  const marked = (loc) => loc.evaluate((f) => new Promise((ok, no) => {
    const t0 = performance.now();
    const poll = () => (f.getAttribute('aria-invalid') === 'true' ? ok() : performance.now() - t0 > 4000 ? no(new Error(`${f.outerHTML} not marked invalid (value "${f.value}")`)) : requestAnimationFrame(poll));
    poll();
  }));
  const lr = async () => (await state(page)).scene.optimizers[1].lr ?? 0.1;
  // Pasted (one input event) and committed with Enter.
  await eta.click();
  await eta.fill('');
  await page.keyboard.insertText('1,5');
  await page.keyboard.press('Enter');
  await marked(eta);
  assert.equal(await eta.inputValue(), '1,5', 'the field keeps what was typed');
  let r = await refusal(eta);
  assert.equal(r.border, RED);
  assert.match(r.text, /^η learning rate must be a finite number > 0 \(got "1,5"\); kept 0\.1 — write a decimal with a point, as in 0\.5$/, r.text);
  assert.equal(await lr(), 0.1, 'η is not 15');
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !document.querySelector('[aria-invalid="true"]'));
  assert.equal(await eta.inputValue(), '0.1');
  // Typed key by key: the 0 alone is refused as it is typed, then the
  // whole text as unreadable; 0.1 stays in effect.
  await eta.fill('');
  await page.keyboard.type('0x10');
  await page.keyboard.press('Enter');
  await marked(eta);
  assert.equal(await eta.inputValue(), '0x10');
  assert.match((await refusal(eta)).text, /\(got "0x10"\); kept 0\.1$/);
  assert.equal(await lr(), 0.1, 'η is not 10');
  // A number past f64 is quoted as typed, not as the 0 or inf it reads as;
  // a number out of range is quoted too, as any typed text.
  for (const [typed, got] of [['1e-400', '"1e-400"'], ['1e400', '"1e400"'], ['-1', '"-1"']]) {
    await eta.fill(typed);
    await eta.press('Enter');
    await marked(eta);
    const text = (await refusal(eta)).text;
    assert.ok(text.startsWith(`η learning rate must be a finite number > 0 (got ${got})`), text);
    assert.equal(await lr(), 0.1, typed);
  }
  // Plain numbers are taken, with spaces around them.
  for (const [typed, v] of [[' .5 ', 0.5], ['5e-3', 0.005]]) {
    await eta.fill(typed);
    await eta.press('Enter');
    await page.waitForFunction(() => !document.querySelector('[aria-invalid="true"]'));
    assert.equal(await lr(), v, typed);
  }
  // A global field.
  const steps = page.locator('#steps');
  await steps.fill('1,5');
  await steps.press('Enter');
  await marked(steps);
  assert.match((await refusal(steps)).text, /Number of steps.*\(got "1,5"\); kept 20$/);
  assert.equal((await state(page)).scene.steps, 20);
  // 中文: the same refusals in Chinese.
  await act(page, () => page.selectOption('#lang', 'zh'));
  const sigma = page.locator('#noise-sigma');
  await sigma.fill('0,5');
  await sigma.press('Enter');
  await marked(sigma);
  assert.match((await refusal(sigma)).text, /σ 梯度噪声.*（输入为“0,5”）——小数请用小数点，如 0\.5；保留 0$/);
  assert.equal((await state(page)).scene.noise?.sigma ?? 0, 0);
  await eta.fill('0x10');
  await eta.press('Enter');
  await marked(eta);
  assert.match((await refusal(eta)).text, /^学习率 η.*（输入为“0x10”）；保留 0\.005$/);
  assert.equal(await lr(), 0.005);
  await assertNoBadNumbers(page, 'malformed numbers');
  assert.deepEqual(errors, []);
});

// Each range input's aria-valuetext against the value it stands for.
async function valueTexts(page) {
  return page.evaluate(() => [...document.querySelectorAll('input[type=range]')].map((r) => ({
    id: r.id || r.closest('.param')?.querySelector('output')?.textContent || '',
    text: r.getAttribute('aria-valuetext'),
    output: r.closest('.param')?.querySelector('output')?.textContent ?? null,
    number: r.closest('.param')?.querySelector('input.num')?.value ?? null,
    value: r.value,
  })));
}

test('every slider says its value: card parameters, the time scrubber, the EMA γ', async (t) => {
  const { page, errors } = await fresh(t, '?opt=gd;adam');
  const check = async (where) => {
    const s = await state(page);
    for (const r of await valueTexts(page)) {
      assert.ok(r.text, `${where}: ${r.id} has no aria-valuetext`);
      if (r.output !== null) {
        assert.equal(r.text, r.output, `${where}: a card slider says "symbol = value"`);
        assert.equal(Number(r.text.split(' = ')[1]), Number(r.number), `${where}: ${r.text} vs the field ${r.number}`);
      } else if (r.id === 'scrub') {
        assert.equal(r.text, `step ${s.t} of ${s.scene.steps}`);
      } else if (r.id === 'ema-gamma') {
        assert.ok(r.text.startsWith(`γ = ${Number(r.value)}`), r.text);
      }
    }
    return s;
  };
  await check('opened');
  // (GD's λ waits in the closed "torch's other arguments": not shown.)
  assert.equal(await page.locator('input[type=range]:visible').count(), 1 + 4 + 1, 'GD η, Adam η β1 β2 ε, the scrubber');
  assert.equal(await page.locator('input[type=range]').count(), 1 + 1 + 4 + 2, 'with GD\'s λ and the EMA γ (closed panels)');
  // A log slider says the value, not its position.
  const range = adamCard(page).locator('input[type=range][data-param="lr"]');
  await act(page, () => slide(range, 700));
  const s = await check('after a slide');
  const text = await range.getAttribute('aria-valuetext');
  assert.notEqual(text, 'η = 700');
  assert.equal(Number(text.split(' = ')[1]), s.scene.optimizers[1].lr);
  // The scrubber after a step.
  await act(page, () => page.click('#step-back'));
  assert.equal(await page.getAttribute('#scrub', 'aria-valuetext'), 'step 19 of 20');
  await check('after a step');
  // The EMA γ after a slide.
  await page.locator('#ema-panel').evaluate((d) => { d.open = true; });
  await slide(page.locator('#ema-gamma'), 0.5);
  await page.waitForFunction(() => document.getElementById('ema-gamma').getAttribute('aria-valuetext')?.startsWith('γ = 0.5'));
  // In 中文.
  // The switch waits for zh.json on a page that has not fetched it yet.
  await act(page, () => page.selectOption('#lang', 'zh'));
  assert.equal(await page.getAttribute('#scrub', 'aria-valuetext'), '第 19 步，共 20 步');
  assert.deepEqual(errors, []);
});

test('during a drag nothing in the cards is a live region, and the summary waits until it settles', async (t) => {
  const { page, errors } = await fresh(t, '?opt=gd;adam');
  await page.waitForFunction(() => document.getElementById('figure-summary').textContent.includes('Adam η=0.1'));
  const before = await page.textContent('#figure-summary');
  const range = adamCard(page).locator('input[type=range][data-param="lr"]');
  await range.focus();
  const live = () => page.evaluate(() => ({
    cards: [...document.querySelectorAll('#optimizers [aria-live], #optimizers output, #optimizers [role=status], #optimizers [role=alert], #optimizers [role=log]')]
      .map((e) => `${e.tagName}:${e.getAttribute('role') ?? ''}:${e.getAttribute('aria-live') ?? ''}`)
      .filter((d) => !d.endsWith(':off')),
    messages: document.getElementById('messages').getAttribute('aria-live'),
    summary: document.getElementById('figure-summary').textContent,
  }));
  // A drag through η = 0.1 … 5 (Adam diverges on the way): 20 moves, 60 ms apart.
  for (let k = 0; k < 20; k++) {
    await slide(range, 700 + k * 10);
    await page.waitForTimeout(60);
    const l = await live();
    assert.deepEqual(l.cards, [], `move ${k}: live regions in the cards`);
    assert.equal(l.messages, 'off', `move ${k}: the run messages are quiet while the figure moves`);
    assert.equal(l.summary, before, `move ${k}: the summary changed during the drag`);
  }
  // It rests: one new summary, with the new η.
  const lr = (await state(page)).scene.optimizers[1].lr;
  await page.waitForFunction((lr) => document.getElementById('figure-summary').textContent.includes(`Adam η=${lr}`), String(lr), { timeout: 5000 });
  assert.equal(await page.getAttribute('#messages', 'aria-live'), 'polite');
  assert.deepEqual(errors, []);
});

// The numbers of one run's sentence: step, position, loss, status.
const SENTENCE = /: step (\d+) of (\d+), at \((\S+), (\S+)\), loss (\S+), (.+?)\.(?= |$)/;
// The summary writes numbers as the captions do: "−" for minus (the
// exponent's sign stays ASCII, as typed: 1.5e-5).
const num = (s) => (s === '—' ? NaN : Number(s.replace('−', '-')));

test('the figure summary names every run with its step, position, loss and status, in English and 中文', async (t) => {
  const { page, errors } = await fresh(t, '?opt=gd;adam');
  await setScene(page, { steps: 20, optimizers: [{ kind: 'gd', lr: 0.4 }, { kind: 'gd', lr: 0.6 }, { kind: 'gd', lr: 1e150 }, { kind: 'adam' }] });
  await act(page, () => page.click('#step-back'));
  const s = await state(page);
  assert.equal(s.t, 19);
  const names = ['GD η=0.4', 'GD η=0.6', 'GD η=1e150', 'Adam η=0.1'];
  await page.waitForFunction((n) => document.getElementById('figure-summary').textContent.includes(`${n}: step 19`), names[3]);
  const text = await page.textContent('#figure-summary');
  assert.doesNotMatch(text, /NaN|Infinity|undefined/);
  assert.doesNotMatch(text, /(^|[^e])-\d/, 'a true minus sign, not a hyphen');
  assert.match(text, /−\d/);
  names.forEach((name, i) => {
    const at = text.indexOf(`${name}: `);
    assert.ok(at >= 0, `${name} is named: ${text}`);
    const m = text.slice(at + name.length).match(SENTENCE);
    assert.ok(m, `${name}: ${text}`);
    assert.deepEqual([Number(m[1]), Number(m[2])], [19, 20]);
    const run = s.runs[i];
    const k = Math.min(19, run.points.length - 1);
    const close = (a, b) => Math.abs(a - b) <= 1e-4 + 0.01 * Math.abs(b);
    assert.ok(close(num(m[3]), run.points[k][0]) && close(num(m[4]), run.points[k][1]), `${name}: position ${m[3]}, ${m[4]} vs ${run.points[k]}`);
    assert.ok(close(num(m[5]), run.loss[k]), `${name}: loss ${m[5]} vs ${run.loss[k]}`);
    // "Converging" where the theory says so (GD inside 2/L); Adam's says
    // what its loss did.
    const ok = i === 3 ? /^down from 10\.5 at the start$/ : /^converging$/;
    const status = { ok, diverging: /^diverging$/, diverged: /^diverged at step \d+$/ }[run.health];
    assert.match(m[6], status, `${name} (${run.health})`);
  });
  assert.deepEqual(s.runs.map((r) => r.health).sort(), ['diverged', 'diverging', 'ok', 'ok']);
  // The canvas points to it, and its label says what it shows.
  assert.equal(await page.getAttribute('#plot', 'aria-describedby'), 'figure-summary');
  const label = await page.getAttribute('#plot', 'aria-label');
  for (const name of names) assert.ok(label.includes(name), `the canvas label names ${name}: ${label}`);
  // A hidden run is left out.
  await act(page, () => page.locator('#legend li[data-index="0"] input').uncheck());
  await page.waitForFunction(() => !document.getElementById('figure-summary').textContent.includes('GD η=0.4'));
  assert.deepEqual(errors, []);
});

test('the summary in 中文', async (t) => {
  const { page, errors } = await fresh(t, '?opt=gd;gd:lr=0.6;adam&lang=zh');
  await page.waitForFunction(() => document.getElementById('figure-summary').textContent.includes('Adam'));
  const text = await page.textContent('#figure-summary');
  for (const name of ['梯度下降 η=0.4', '梯度下降 η=0.6', 'Adam η=0.1']) {
    assert.ok(text.includes(`${name}：第 20 步，共 20 步，位于 (`), `${name}: ${text}`);
  }
  assert.match(text, /损失 [\d.e-]+，正在收敛。/);
  assert.match(text, /正在发散/);
  assert.doesNotMatch(text, /step|loss|converging|diverg|NaN/);
  assert.match(await page.getAttribute('#plot', 'aria-label'), /优化路径：梯度下降 η=0\.4、/);
  assert.deepEqual(errors, []);
});

test('a mounted figure\'s scrubber says its step too', async (t) => {
  const context = await browser.newContext({ viewport: { width: 1000, height: 900 } });
  t.after(() => context.close());
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(server.url + 'examples/course-notes.html');
  await page.waitForSelector('body[data-ready="true"]');
  const scrub = page.locator('#fig-momentum .gs-scrub');
  assert.equal(await scrub.getAttribute('aria-valuetext'), 'step 20 of 20');
  await page.evaluate(() => window.figures.momentum.stepBack());
  assert.equal(await scrub.getAttribute('aria-valuetext'), 'step 19 of 20');
  assert.deepEqual(errors, []);
});

// A surface field's refusal names it as its row does and the number as typed
// (it said "landscape.a: … (got 99999999.0)").
test('a refused surface parameter is named as its row and the value as typed, in English and 中文', async (t) => {
  for (const [query, name] of [['?f=quadratic', /^surface a must be a finite number with 1e-6 ≤ \|value\| ≤ 1e6 \(got 99999999\)/], ['?f=quadratic&lang=zh', /^曲面参数 a 必须是满足 1e-6 ≤ \|值\| ≤ 1e6 的有限数/]]) {
    const { page, errors } = await fresh(t, query);
    const a = page.locator('#surface-params input[data-key="a"]');
    await a.fill('99999999');
    await a.press('Enter');
    await page.waitForFunction(() => document.querySelector('#surface-params input[data-key="a"]')?.getAttribute('aria-invalid') === 'true');
    const { text } = await refusal(a);
    assert.doesNotMatch(text, /landscape\./, text);
    assert.match(text, /99999999(?!\.0)/, text);
    assert.doesNotMatch(text, /99999999\.0/, text);
    assert.match(text, name, text);
    assert.deepEqual(errors, []);
  }
});

// A surface parameter's unreadable text is quoted, as the other fields'
// are, in both languages, with the range the scene reader names.
test('surface a = abc: the message quotes what was typed, in English and 中文', async (t) => {
  for (const [lang, want] of [['en', /^surface a must be a finite number with 1e-6 ≤ \|value\| ≤ 1e6 \(got "abc"\); kept 0\.1$/], ['zh', /^曲面参数 a 必须是满足 1e-6 ≤ \|值\| ≤ 1e6 的有限数（输入为 “abc”）；保留 0\.1$/]]) {
    const { page, errors } = await fresh(t, `?lang=${lang}`);
    const a = page.locator('#surface-params input[data-key="a"]');
    await a.click();
    await a.fill('abc');
    await a.press('Enter');
    await page.waitForFunction(() => document.querySelector('#surface-params input[data-key="a"][aria-invalid="true"]'));
    const r = await refusal(a);
    assert.match(r.text, want, r.text);
    assert.deepEqual(errors, []);
  }
});

// A student's trial: with a = −1 typed, the picker still read "quadratic —
// 0.1·x₁² + 2·x₂²" beside "f = −1·x₁² + 2·x₂²". The chosen surface is now
// named alone, its formula as it is now under the picker (the longer
// formulas were cut in the closed picker at 1366 px); the others keep theirs.
test('the surface picker names the chosen surface, its formula as it is now under it, in English and 中文', async (t) => {
  for (const [lang, want, other, expr] of [['en', 'quadratic', /^Rosenbrock — \(1 − x₁\)²/, 'your own formula'], ['zh', '二次函数', /^Rosenbrock — /, '自定义公式']]) {
    const { page, errors } = await fresh(t, `?lang=${lang}`);
    await page.setViewportSize({ width: 1366, height: 768 });
    const a = page.locator('#surface-params input[data-key="a"]');
    await a.click();
    await a.fill('-1');
    await a.press('Enter');
    await page.waitForFunction(() => document.querySelector('#formula').textContent === 'f = −x₁² + 2·x₂²');
    assert.equal(await page.textContent('#surface option[value="quadratic"]'), want);
    assert.match(await page.textContent('#surface option[value="rosenbrock"]'), other);
    // Each chosen surface's name whole in the closed picker.
    for (const [kind, name] of [['beale', 'Beale'], ['rosenbrock', 'Rosenbrock'], ['expr', expr]]) {
      await page.selectOption('#surface', kind);
      await page.waitForFunction((n) => document.querySelector('#surface').selectedOptions[0].textContent === n, name);
      const fits = await page.locator('#surface').evaluate((sel) => {
        const ctx = document.createElement('canvas').getContext('2d');
        const cs = getComputedStyle(sel);
        ctx.font = `${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
        return ctx.measureText(sel.selectedOptions[0].textContent).width <= sel.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight) - 20;
      });
      assert.ok(fits, `${lang} ${kind}: cut in the closed picker`);
      if (kind !== 'expr') assert.match(await page.textContent('#formula'), /^f = /);
    }
    assert.match(await page.textContent('#surface option[value="quadratic"]'), lang === 'en' ? /^quadratic — / : /^二次函数 — /);
    assert.deepEqual(errors, []);
  }
});

// A lesson that puts the state panel at the top of its column has it first
// in the markup too (Tab had gone from the explainers 1,500 px down back up
// to it); its title is a heading a screen reader's heading keys reach.
test('lesson 9: Tab reaches the state panel before the explainers; the lesson title is a heading; free play puts it back', async (t) => {
  const { page, errors } = await fresh(t, '?lesson=9');
  const order = () => page.evaluate(() => [...document.querySelectorAll('#state-summary, #ema-panel > summary, #sweep-panel > summary')]
    .map((s) => s.closest('details').id));
  assert.deepEqual(await order(), ['state-panel', 'ema-panel', 'sweep-panel']);
  const tops = await page.evaluate(() => ['state-panel', 'ema-panel'].map((id) => document.getElementById(id).getBoundingClientRect().top));
  assert.ok(tops[0] < tops[1], `and it stands first: ${tops}`);
  assert.equal(await page.getByRole('heading', { level: 2 }).first().textContent(), await page.textContent('#lesson-title'));
  assert.match(await page.textContent('#lesson-title'), /^9\./);
  await page.selectOption('#lesson', '');
  await settled(page);
  assert.deepEqual(await order(), ['ema-panel', 'sweep-panel', 'state-panel']);
  assert.deepEqual(errors, []);
});

// Lesson 11 is about RAdam, the bias chart can show only Adam: RAdam's
// table (the caption's rₜ) stands first, Adam's right under its chart.
test('lesson 11: RAdam\'s table above the bias chart, the chart\'s run (Adam) right under it', async (t) => {
  const { page, errors } = await fresh(t, '?lesson=11');
  await page.waitForSelector('#state-runs .insp[data-index="1"]');
  const top = (sel) => page.evaluate((sel) => document.querySelector(sel).getBoundingClientRect().top, sel);
  const radam = await top('#state-runs .insp[data-index="0"]');
  const chart = await top('#bias-chart');
  const adam = await top('#state-runs .insp[data-index="1"]');
  assert.ok(radam < chart && chart < adam, `RAdam ${radam}, chart ${chart}, Adam ${adam}`);
  assert.equal(await page.inputValue('#state-run'), '1');
  assert.deepEqual(errors, []);
});

// Escape ends presenter mode as it ends a slide show, but only on the
// figure: in a field its first Escape abandons the edit, in a control it
// gives the keys back, and on the black screen it only brings the page back.
test('Esc on the figure leaves presenter mode; in a field, a control or the black screen it does not', async (t) => {
  const { page, errors } = await fresh(t, '?present');
  const presenting = () => page.getAttribute('#present', 'aria-pressed');
  const field = page.locator('section.opt-card[data-index="0"] input.num[data-param="lr"]');
  await field.click();
  await field.fill('0.7x');
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !document.querySelector('[aria-invalid="true"]'));
  assert.equal(await field.evaluate((e) => e === document.activeElement), true, 'the field keeps the focus');
  assert.equal(await presenting(), 'true', 'a field\'s Escape drops its refusal');
  const slider = page.locator('section.opt-card[data-index="0"] input[type="range"][data-param="lr"]');
  await slider.focus();
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => document.activeElement?.id === 'plot');
  assert.equal(await presenting(), 'true', 'a control gives the keys back first');
  await page.keyboard.press('b');
  await page.keyboard.press('Escape');
  assert.equal(await presenting(), 'true', 'Escape on the black screen brings the page back only');
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => document.getElementById('present').getAttribute('aria-pressed') === 'false');
  assert.equal(await page.textContent('#said'), 'Presenter mode off');
  await page.waitForFunction(() => !location.search.includes('present'));
  assert.deepEqual(errors, []);
});

// Said in passing: presenter mode on and off (P re-read only the figure's
// summary), the black screen and its end (B had swallowed the next key
// without a word); the page opened presenting says nothing.
test('P and B are said to a screen reader; a page opened presenting says nothing', async (t) => {
  const { page, errors } = await fresh(t, '?lesson=2');
  const said = () => page.textContent('#said');
  await page.locator('#plot').focus();
  await page.keyboard.press('p');
  await page.waitForFunction(() => document.getElementById('said').textContent === 'Presenter mode on');
  await page.keyboard.press('p');
  await page.waitForFunction(() => document.getElementById('said').textContent === 'Presenter mode off');
  await page.keyboard.press('b');
  assert.equal(await said(), 'Black screen: press any key to bring the page back');
  await page.keyboard.press('x');
  assert.equal(await said(), 'The page is back');
  const { page: p2 } = await fresh(t, '?lesson=2&present');
  assert.equal(await p2.textContent('#said'), '');
  assert.equal(await p2.getAttribute('#present', 'aria-pressed'), 'true');
  assert.deepEqual(errors, []);
});

// The lesson picker at 1366 px showed "7. RMSProp: the rate no longer only
// shrin…" (and 中文 14's title cut): the longest titles whole, the tagline
// giving way.
test('the lesson picker shows the longest titles whole at 1366×768, in English and 中文', async (t) => {
  for (const [lang, id] of [['en', 7], ['zh', 14]]) {
    const { page, errors } = await fresh(t, `?lesson=${id}&lang=${lang}`);
    await page.setViewportSize({ width: 1366, height: 768 });
    const fit = await page.locator('#lesson').evaluate((sel) => {
      const ctx = document.createElement('canvas').getContext('2d');
      const cs = getComputedStyle(sel);
      ctx.font = `${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
      const text = sel.selectedOptions[0].textContent;
      return { text, width: ctx.measureText(text).width, room: sel.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight) - 20 };
    });
    assert.ok(fit.width <= fit.room, `${lang}: "${fit.text}" ${Math.round(fit.width)} px in ${Math.round(fit.room)}`);
    // The header stays one row.
    assert.ok((await page.locator('header.top').boundingBox()).height < 60);
    assert.deepEqual(errors, []);
  }
});
