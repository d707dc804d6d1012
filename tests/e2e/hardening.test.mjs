// Your own loss function, and a front door that bad input cannot break:
// the formula editor (live validation, errors with their column, the last
// valid surface kept, the formula in the link), extreme values through the
// link and the number fields, the Content-Security-Policy (served as a
// header too, with negative controls showing it is enforced), and the error
// banner a panic shows instead of a frozen canvas.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, state, frames, settled, openPage, assertNoBadNumbers, formulaError } from './support.mjs';

// The page's policy, also sent as a header (both must hold).
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data: blob:; object-src 'none'; base-uri 'none'; form-action 'none'";

let server, browser;
before(async () => {
  server = await serve(undefined, '/', { 'content-security-policy': CSP }, {
    // A script file of the page's own origin (allowed) that tries what the
    // policy forbids; DevTools' evaluate is exempt from CSP, so the attempt
    // must come from the page's own script.
    '/csp-probe.js': `
      const r = {};
      try { eval('1'); r.eval = 'ran'; } catch { r.eval = 'blocked'; }
      try { new Function('return 1')(); r.fn = 'ran'; } catch { r.fn = 'blocked'; }
      try { setTimeout('window.__timeoutRan = true', 0); } catch { /* refused */ }
      window.__probe = r;`,
  });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

// Every CSP violation of the page, recorded from the page itself.
const recordCsp = () => {
  window.__csp = [];
  document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
};
const fresh = (t, query = '') => openPage(browser, t, server.url + query, { init: recordCsp });

const canvasHash = (page) => page.evaluate(() => {
  const c = document.getElementById('plot');
  const d = new Uint32Array(c.getContext('2d').getImageData(0, 0, c.width, c.height).data.buffer);
  let h = 2166136261 >>> 0;
  for (let i = 0; i < d.length; i += 7) h = Math.imul(h ^ d[i], 16777619) >>> 0;
  return h;
});
async function typeFormula(page, text) {
  const input = page.locator('#expr-input');
  await input.fill(text);
  await settled(page);
}
// All text a user can see or a screen reader can read: no NaN, no Infinity.
function assertFinite(s, where) {
  for (const [i, r] of s.runs.entries()) {
    for (const p of r.points) assert.ok(p.every(Number.isFinite), `${where}: run ${i} kept a non-finite point ${p}`);
    for (const l of r.loss) assert.ok(Number.isFinite(l), `${where}: run ${i} kept a non-finite loss ${l}`);
  }
}
const cspViolations = (page) => page.evaluate(() => window.__csp);

// ------------------------------------------------------------ the formula

test('choosing "expr" opens the current surface as an editable formula: same picture, same runs', async (t) => {
  const { page, errors } = await fresh(t, '?f=rosenbrock&a=1&b=100&start=-1.5,2&steps=50&opt=gd:lr=0.001;adam:lr=0.1');
  const before = await state(page);
  assert.equal(await page.isVisible('#expr-box'), false, 'no formula editor for a built-in surface');
  await page.selectOption('#surface', 'expr');
  await settled(page);
  assert.equal(await page.isVisible('#expr-box'), true);
  assert.equal(await page.inputValue('#expr-input'), '(1 - x)^2 + 100*(y - x^2)^2');
  const s = await state(page);
  assert.deepEqual(s.scene.landscape, { kind: 'expr', expr: '(1 - x)^2 + 100*(y - x^2)^2' });
  assert.deepEqual(s.scene.start, before.scene.start);
  assert.deepEqual(s.scene.view, { x: [-2, 2], y: [-1, 3] }, 'the window it had, now explicit and editable');
  // Exact gradients: the formula's runs are Rosenbrock's, to rounding.
  for (const [i, r] of s.runs.entries()) {
    for (const [k, p] of r.points.entries()) {
      const q = before.runs[i].points[k];
      for (const c of [0, 1]) assert.ok(Math.abs(p[c] - q[c]) <= 1e-9 * Math.max(1, Math.abs(q[c])), `run ${i} step ${k}: ${p} vs ${q}`);
    }
  }
  // The view fields show the window.
  for (const [k, v] of [['x0', -2], ['x1', 2], ['y0', -1], ['y1', 3]]) {
    assert.equal(Number(await page.inputValue(`#view-fields input[data-view="${k}"]`)), v, `view ${k}`);
  }
  assert.deepEqual(errors, []);
});

test('typing: a valid formula redraws at once; an invalid one shows where and what, and keeps the last surface', async (t) => {
  const { page, errors } = await fresh(t, '?f=expr&expr=x%5E2%2B10*y%5E2&start=-4,3&steps=30&opt=gd:lr=0.05');
  assert.equal(await page.inputValue('#expr-input'), 'x^2+10*y^2');
  const h0 = await canvasHash(page);
  await typeFormula(page, 'sin(x)*cos(y) + 0.05*(x^2 + y^2)');
  let s = await state(page);
  assert.equal(s.scene.landscape.expr, 'sin(x)*cos(y) + 0.05*(x^2 + y^2)');
  assert.notEqual(await canvasHash(page), h0, 'the surface was redrawn');
  assert.equal(await page.getAttribute('#expr-input', 'aria-invalid'), 'false');
  assert.equal(await page.locator('#expr-error').innerText(), '');
  assert.match(page.url(), /[?&]f=expr&expr=sin\(x\)\*cos\(y\)%20%2B%200\.05\*\(x\^2%20%2B%20y\^2\)&/);
  const good = await canvasHash(page);
  const goodRuns = s.runs;

  // Every kind of mistake: message with the column, a caret under it, nothing else changes.
  for (const [text, col, what] of [
    ['sin(x', 6, "missing ')' to close 'sin(' at column 4"],
    ['2x + y', 2, "expected an operator before 'x' (multiplication needs '*', as in 2*x)"],
    ['x + foo(y)', 5, "unknown name 'foo'"],
    ['x ^ ', 5, 'the formula ends too early'],
    ['min(x)', 6, 'min takes 2 arguments (got 1)'],
    ['x # y', 3, "unexpected character '#'"],
    ['', 1, 'the formula is empty'],
    ['1e999*x', 1, 'the number 1e999 is too large'],
    ['x' + '+1'.repeat(260), 501, 'too long (521 characters; at most 500)'],
    ['('.repeat(40) + 'x' + ')'.repeat(40), 33, 'nested too deeply (at most 32 levels)'],
  ]) {
    await typeFormula(page, text);
    const msg = await formulaError(page);
    assert.ok(msg.startsWith(`column ${col}: `), `${text.slice(0, 30)}: ${msg}`);
    assert.ok(msg.includes(what), `${text.slice(0, 30)}: ${msg}\n  expected: ${what}`);
    assert.equal(await page.getAttribute('#expr-input', 'aria-invalid'), 'true');
    const caret = await page.locator('#expr-caret').textContent();
    const [line, mark] = caret.split('\n');
    assert.equal(line, text.slice(0, 500));
    // (the characters before it, hidden, then the caret: see formula-phone.test.mjs)
    assert.equal(mark, [...line].slice(0, col - 1).join('') + '^', `caret under column ${col}`);
    s = await state(page);
    assert.equal(s.scene.landscape.expr, 'sin(x)*cos(y) + 0.05*(x^2 + y^2)', 'the last valid formula stays');
    assert.deepEqual(s.runs, goodRuns);
    assert.equal(await canvasHash(page), good, 'the last valid surface stays on screen');
  }
  // Fixing it clears the error.
  await typeFormula(page, '(1-x)^2 + 100*(y-x^2)^2');
  assert.equal(await page.locator('#expr-error').innerText(), '');
  assert.equal(await page.isVisible('#expr-caret'), false);
  assert.equal((await state(page)).scene.landscape.expr, '(1-x)^2 + 100*(y-x^2)^2');
  assert.deepEqual(errors, []);
});

test('typed key by key, a formula shows no error on the way; an unfinished one shows its error once typing pauses', async (t) => {
  const { page, errors } = await fresh(t, '?f=expr&expr=x%5E2&start=-4,3&opt=gd:lr=0.05');
  const input = page.locator('#expr-input');
  await input.click();
  await input.fill('');
  await formulaError(page); // (an empty box, left a moment, says so)
  await input.press('x');
  const shown = () => page.evaluate(() => [
    document.getElementById('expr-error').textContent,
    document.getElementById('expr-input').getAttribute('aria-invalid'),
  ]);
  assert.deepEqual(await shown(), ['', 'false'], 'a valid formula clears the message at once');
  await input.fill('');
  // `0.1*x^`, `0.1*x^2 +`, … are unfinished: the picture follows each
  // prefix that parses, and no error flashes between the keys.
  const typed = '0.1*x^2 + 2*y^2';
  for (let k = 0; k < typed.length; k++) {
    await input.pressSequentially(typed[k]);
    assert.deepEqual(await shown(), ['', 'false'], `no error shown at '${typed.slice(0, k + 1)}'`);
  }
  assert.equal((await state(page)).scene.landscape.expr, typed);
  // Stopping on an unfinished formula: its error appears, said politely
  // (the box is a polite status region), the picture keeps the last valid one.
  await input.pressSequentially(' +');
  assert.deepEqual(await shown(), ['', 'false'], 'not at once');
  assert.match(await formulaError(page), /^column 18: the formula ends too early/);
  assert.equal(await page.getAttribute('#expr-error', 'aria-live'), 'polite');
  assert.equal((await state(page)).scene.landscape.expr.trim(), typed);
  // Finished, it is drawn and the message goes at once.
  await input.pressSequentially(' x');
  assert.deepEqual(await shown(), ['', 'false']);
  assert.equal((await state(page)).scene.landscape.expr, `${typed} + x`);
  // Enter on an unfinished one shows the error without waiting.
  await input.pressSequentially('*');
  await input.press('Enter');
  assert.notDeepEqual(await shown(), ['', 'false'], 'Enter shows it at once');
  assert.deepEqual(errors, []);
});

test('the formula travels in the link; example chips and the view fields edit the scene', async (t) => {
  const { page, errors } = await fresh(t, '?expr=abs(x)+10*abs(y)&steps=40&opt=gd:lr=0.1;rmsprop');
  let s = await state(page);
  assert.deepEqual(s.scene.landscape, { kind: 'expr', expr: 'abs(x)+10*abs(y)' }, "a typed '+' is a plus; expr= alone means f=expr");
  await page.click('#expr-examples button:has-text("banana")');
  await settled(page);
  s = await state(page);
  assert.equal(s.scene.landscape.expr, '(1 - x)^2 + 100*(y - x^2)^2');
  assert.equal(await page.inputValue('#expr-input'), '(1 - x)^2 + 100*(y - x^2)^2');
  // The view window, typed.
  await page.fill('#view-fields input[data-view="x0"]', '-2');
  await page.fill('#view-fields input[data-view="x1"]', '2');
  await page.fill('#view-fields input[data-view="y1"]', '3');
  await page.press('#view-fields input[data-view="y1"]', 'Enter');
  await settled(page);
  s = await state(page);
  assert.deepEqual(s.scene.view, { x: [-2, 2], y: [-5, 3] });
  // A window with min ≥ max is refused, naming the field; the window stays.
  await page.fill('#view-fields input[data-view="x0"]', '5');
  await page.press('#view-fields input[data-view="x0"]', 'Enter');
  await settled(page);
  // Said beside the field typed in, which is marked invalid.
  assert.equal(await page.getAttribute('#view-fields input[data-view="x0"]', 'aria-invalid'), 'true');
  assert.match(await page.locator('#invalid-view-x0').innerText(), /^view\.x: must be \[min, max\] with max − min ≥ 1e-9/);
  assert.deepEqual((await state(page)).scene.view, { x: [-2, 2], y: [-5, 3] });
  // The link reproduces the page in a new tab.
  const url = page.url();
  const { page: again } = await fresh(t, url.slice(server.url.length));
  const s2 = await state(again);
  assert.deepEqual(s2.scene, s.scene);
  assert.deepEqual(s2.runs, s.runs);
  assert.equal(await again.inputValue('#expr-input'), '(1 - x)^2 + 100*(y - x^2)^2');
  assert.equal(await again.isVisible('#notice'), false);
  // A bad formula in a link: named in the notice, the default formula used.
  const { page: bad } = await fresh(t, '?f=expr&expr=sin(x');
  assert.match(await bad.locator('#notice').innerText(), /expr: column 6: missing '\)'/);
  assert.equal((await state(bad)).scene.landscape.expr, '0.1*x^2 + 2*y^2');
  assert.deepEqual(errors, []);
});

test('what the student types is only ever text, never HTML', async (t) => {
  const { page, errors } = await fresh(t, '?f=expr');
  const attack = '<img src=x onerror="window.__pwned=1"><b>bold</b>';
  await typeFormula(page, attack);
  assert.match(await formulaError(page), /^column 1: unexpected character '<'/);
  assert.equal(await page.locator('#crash, #expr-box').locator('img, b').count(), 0, 'no element was made from the text');
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.ok((await page.locator('#expr-caret').textContent()).includes('<img src=x'), 'shown as text');
  assert.deepEqual(errors, []);
});

test('a formula undefined where the runs go stops them cleanly: no NaN on the page', async (t) => {
  const { page, errors } = await fresh(t, '?f=expr&start=-4,3&steps=50&opt=gd:lr=0.4;momentum;adagrad;rmsprop;adam;adam_l2;adamw;nadam;adadelta');
  for (const f of ['sqrt(-1 - x^2 - y^2)', 'ln(x) + y^2', '1/(x*y)', 'exp(x^2 + y^2)^10', 'sqrt(abs(x)) + y^2', '0*x']) {
    await typeFormula(page, f);
    const s = await state(page);
    assert.equal(s.scene.landscape.expr, f);
    assertFinite(s, f);
    await assertNoBadNumbers(page, f);
  }
  assert.deepEqual(errors, []);
});

// ------------------------------------------------------------ extreme values

test('extreme values through the link: taken when allowed, refused with the field and its range when not; no NaN', async (t) => {
  const all = 'gd:lr=1000;momentum:lr=1000,gamma=0.999999;adagrad:eps=0;rmsprop:gamma=0.999999,eps=0;'
    + 'adam:beta1=0.9999999,beta2=0.9999999,eps=0;adam_l2:lambda=1000000;adamw:lambda=1000000,lr=1000;nadam:eps=0;adadelta:eps=0';
  // ε = 0 with a zero gradient: start at the minimum.
  const { page, errors } = await fresh(t, `?f=quadratic&start=0,0&steps=100000&opt=${all}`);
  let s = await state(page);
  assert.equal(await page.isVisible('#notice'), false, 'every value above is allowed');
  assert.equal(s.scene.steps, 100000);
  assert.equal(s.scene.optimizers[1].gamma, 0.999999);
  assert.equal(s.scene.optimizers[4].beta1, 0.9999999);
  assert.equal(s.scene.optimizers[5].lambda, 1e6);
  assertFinite(s, 'start at the minimum');
  for (const r of s.runs) assert.deepEqual(r.points.at(-1), [0, 0], 'a zero gradient is a zero step, even with ε = 0');
  await assertNoBadNumbers(page, 'start at the minimum');
  // Far away and beyond: 1e300 is refused (start must stay within 1e12), β1 = 1 and γ = 1 too.
  const { page: far } = await fresh(t, `?start=1e300,-1e300&steps=1000000&opt=adam:beta1=1;momentum:gamma=1;gd:lr=1e300;adamw:lambda=1e6`);
  const notice = await far.locator('#notice').innerText();
  for (const needle of ['start', 'steps', 'optimizers[0].beta1: must be a number in [0, 1) (got 1)', 'optimizers[1].gamma: must be a number in [0, 1) (got 1)']) {
    assert.ok(notice.includes(needle), `notice names ${needle}: ${notice}`);
  }
  s = await state(far);
  assert.deepEqual(s.scene.start, [-5, -2]);
  assert.equal(s.scene.optimizers[2].lr, 1e300, 'η = 1e300 is allowed (finite, > 0) and diverges');
  assertFinite(s, 'far');
  await assertNoBadNumbers(far, 'far');
  assert.deepEqual(errors, []);
});

test('extreme values through the number fields: β1 → 1, γ = 0.999999, λ = 1e6, start 1e12; refusals name the range', async (t) => {
  const { page, errors } = await fresh(t, '?start=-5,-2&steps=2000&opt=momentum;adam;adamw');
  const field = (i, key) => page.locator(`#optimizers section.opt-card[data-index="${i}"] input.num[data-param="${key}"]`);
  const typeIn = async (loc, v) => {
    await loc.fill(String(v));
    await loc.press('Enter');
    await settled(page);
  };
  await typeIn(field(0, 'gamma'), 0.999999);
  await typeIn(field(1, 'beta1'), 0.9999999);
  await typeIn(field(1, 'beta2'), 0.99999999);
  await typeIn(field(2, 'lambda'), 1000000);
  let s = await state(page);
  assert.equal(s.scene.optimizers[0].gamma, 0.999999);
  assert.equal(s.scene.optimizers[1].beta1, 0.9999999);
  assert.equal(s.scene.optimizers[2].lambda, 1e6);
  assertFinite(s, 'near-1 decays');
  await assertNoBadNumbers(page, 'near-1 decays');
  for (const [i, key, v, range] of [[1, 'beta1', 1, '[0, 1)'], [0, 'gamma', 1.5, '[0, 1)'], [2, 'lambda', -1, '≥ 0'], [1, 'eps', -1e-9, '≥ 0'], [0, 'lr', 0, '> 0']]) {
    const before = await state(page);
    await typeIn(field(i, key), v);
    const text = await page.locator('#optimizers').innerText();
    assert.ok(text.includes(range), `${key} = ${v}: the message gives the range ${range}: ${text}`);
    assert.deepEqual((await state(page)).scene, before.scene, `${key} = ${v} refused, scene kept`);
  }
  // The start at the edge of what is allowed, by a set_scene_json call.
  await page.evaluate(() => window.wasmBindings.set_scene_json(JSON.stringify({ start: [1e12, -1e12], optimizers: [{ kind: 'adam', beta1: 0.9999999 }, { kind: 'momentum', gamma: 0.999999 }] })));
  await settled(page);
  s = await state(page);
  assertFinite(s, 'start 1e12');
  await assertNoBadNumbers(page, 'start 1e12');
  assert.deepEqual(errors, []);
});

// ------------------------------------------------------------ CSP

test('the Content-Security-Policy: no inline script, no eval, and the page works under it', async (t) => {
  const { page, errors } = await fresh(t, '?f=expr&expr=x%5E2%2B10*y%5E2&opt=gd:lr=0.05;adam');
  const meta = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
  assert.equal(meta, CSP);
  assert.doesNotMatch(meta, /'unsafe-eval'|'unsafe-inline'/);
  assert.match(meta, /script-src 'self' 'wasm-unsafe-eval'/);
  // Every script of the page is a file.
  const inline = await page.evaluate(() => [...document.scripts].filter((s) => !s.src).length);
  assert.equal(inline, 0, 'no inline <script>');
  // Negative controls: the policy is enforced (eval, Function, string timers, inline script).
  await page.evaluate(() => new Promise((ok) => {
    const s = document.createElement('script');
    s.src = '/csp-probe.js';
    s.onload = ok;
    document.body.appendChild(s);
  }));
  await frames(page, 3);
  assert.deepEqual(await page.evaluate(() => window.__probe), { eval: 'blocked', fn: 'blocked' });
  assert.equal(await page.evaluate(() => window.__timeoutRan), undefined, 'a string timer does not run');
  await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__inlineRan = true';
    document.body.appendChild(s);
  });
  await frames(page, 2);
  assert.equal(await page.evaluate(() => window.__inlineRan), undefined, 'an inline script does not run');
  const blocked = await cspViolations(page);
  assert.ok(blocked.some((v) => v.startsWith('script-src') && v.endsWith('inline')), `the inline script was reported: ${blocked}`);
  assert.ok(blocked.some((v) => v.startsWith('script-src') && v.endsWith('eval')), `eval was reported: ${blocked}`);
  await page.evaluate(() => { window.__csp = []; });
  // The page works under the policy: type, play, step, export, the swatches keep their colours.
  await typeFormula(page, 'sin(x) + y^2');
  await page.click('#play');
  await frames(page, 10);
  await page.click('#play');
  await page.keyboard.press('ArrowLeft');
  await settled(page);
  const swatch = await page.evaluate(() => getComputedStyle(document.querySelector('#legend .swatch')).color);
  assert.equal(swatch, 'rgb(230, 159, 0)', 'the first swatch is Okabe–Ito orange (its colour set through the CSSOM, drawn by its SVG in currentColor)');
  assert.deepEqual(await cspViolations(page), [], 'nothing the page does is blocked');
  assert.deepEqual(errors.filter((e) => !e.includes('Content Security Policy')), []);
  assert.ok(errors.every((e) => /inline|eval/i.test(e)), `only the negative controls were refused: ${errors}`);
});

// ------------------------------------------------------------ panic banner

test('a panic in the wasm shows an error banner with a reload button, not a frozen canvas', async (t) => {
  const { page } = await fresh(t, '?f=expr&expr=x%5E2%2By%5E2&steps=30');
  assert.equal(await page.isVisible('#crash'), false, 'no banner while all is well');
  await page.evaluate(() => { try { window.wasmBindings.__panicForTest(); } catch { /* the trap */ } });
  await page.waitForSelector('#crash', { state: 'visible', timeout: 5000 });
  assert.match(await page.locator('#crash').innerText(), /gradscape stopped because of an internal error/);
  assert.match(await page.locator('#crash-detail').innerText(), /deliberate panic from __panicForTest/);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'crash-reload', 'the reload button has the focus');
  assert.deepEqual(await cspViolations(page), []);
  // Reload brings the page back with its scene (the link holds it).
  await Promise.all([page.waitForEvent('load'), page.click('#crash-reload')]);
  await page.waitForSelector('canvas#plot[data-ready="true"]', { timeout: 20000 });
  await page.waitForFunction(() => typeof window.wasmBindings?.page_state === 'function');
  assert.equal(await page.isVisible('#crash'), false);
  assert.equal((await state(page)).scene.landscape.expr, 'x^2+y^2');
});

test('a page that mounts figures gets a banner too', async (t) => {
  // Course notes have their own policy (this one has inline styles and a script).
  const plain = await serve();
  const context = await browser.newContext();
  t.after(async () => { await context.close(); await plain.close(); });
  const page = await context.newPage();
  await page.goto(plain.url + 'examples/course-notes.html');
  await page.waitForFunction(() => document.querySelectorAll('.gradscape-figure canvas').length >= 2, null, { timeout: 20000 });
  await page.evaluate(async () => {
    const m = await import('../gradscape.js');
    try { m.__panicForTest(); } catch { /* the trap */ }
  });
  await page.waitForSelector('#crash', { state: 'visible', timeout: 5000 });
  assert.match(await page.locator('#crash').innerText(), /internal error/);
  assert.equal(await page.getAttribute('#crash-reload', 'href'), page.url());
});
