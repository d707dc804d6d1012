// "Copy as PyTorch" in Share and export: the clipboard gets exactly the
// script `gradscape code` prints for the page's scene, in the page's
// language, the status says so, and "Show the code" shows the same text and
// follows the scene.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, statSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { serve, launch, open } from './support.mjs';

const SCENE = '?f=quadratic&a=0.1&b=2&start=-5,-2&steps=25&conv=pytorch&opt=adam:lr=0.2;gd:lr=0.4';

let server, browser;
before(async () => {
  server = await serve();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

function cli() {
  const dirs = [process.env.CARGO_TARGET_DIR, 'target'].filter(Boolean);
  // The newest build: a stale one would not know `code`.
  const exe = dirs.flatMap((d) => [`${d}/debug/gradscape`, `${d}/release/gradscape`]).filter(existsSync)
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
  assert.ok(exe, 'the CLI is built by the native tests (cargo test --features cli) before this suite');
  return exe;
}

async function copied(query, message) {
  const { page, context, errors } = await open(browser, server.url + query);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.click('.share-panel > summary');
  await page.click('#copy-pytorch');
  await page.waitForFunction((m) => document.getElementById('share-status').textContent === m, message);
  const text = await page.evaluate(() => navigator.clipboard.readText());
  const scene = JSON.parse(await page.evaluate(() => window.wasmBindings.page_state())).scene;
  return { page, context, errors, text, scene };
}

test('the button copies the script gradscape code prints, and says so', async () => {
  const { page, context, errors, text, scene } = await copied(SCENE, 'PyTorch code copied');
  const want = execFileSync(cli(), ['code', '-'], { input: JSON.stringify(scene) }).toString('utf8');
  assert.equal(text, want);
  assert.match(text, /torch\.optim\.Adam\(params, lr=0\.2/);
  assert.match(text, /^# gradscape: this scene's runs, reproduced in Python \(pytorch convention\)\./);
  // "Show the code" holds the same text, and follows a change of the scene.
  await page.click('#pytorch-show > summary');
  assert.equal(await page.textContent('#pytorch-code'), text);
  await page.evaluate((s) => window.wasmBindings.set_scene_json(JSON.stringify({ ...s, steps: 12 })), scene);
  await page.waitForFunction(() => document.getElementById('pytorch-code').textContent.includes('STEPS = 12'));
  assert.deepEqual(errors, []);
  await context.close();
});

test('while playing, the shown code is left as it is (the step is not in it); a change of the scene rewrites it', async () => {
  const { page, context, errors } = await open(browser, `${server.url}?f=quadratic&a=0.1&b=2&steps=400&t=0&opt=adam:lr=0.2`);
  await page.click('.share-panel > summary');
  await page.click('#pytorch-show > summary');
  await page.waitForFunction(() => document.getElementById('pytorch-code').textContent.includes('STEPS = 400'));
  // Every rewrite of the text, counted from now.
  await page.evaluate(() => {
    window.__writes = 0;
    new MutationObserver((list) => { window.__writes += list.length; })
      .observe(document.getElementById('pytorch-code'), { childList: true, characterData: true, subtree: true });
  });
  const t0 = await page.evaluate(() => Number(document.getElementById('scrub').value));
  await page.selectOption('#speed', '200');
  await page.click('#play');
  await page.waitForFunction((t0) => Number(document.getElementById('scrub').value) >= t0 + 20, t0);
  await page.click('#play');
  assert.equal(await page.evaluate(() => window.__writes), 0, 'the same script was not written again per step');
  await page.fill('#steps', '30');
  await page.dispatchEvent('#steps', 'change');
  await page.waitForFunction(() => document.getElementById('pytorch-code').textContent.includes('STEPS = 30'));
  assert.ok(await page.evaluate(() => window.__writes) > 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('in 中文 the comments and the message are Chinese, the code the same', async () => {
  const { context, errors, text, scene } = await copied(SCENE + '&lang=zh', 'PyTorch 代码已复制');
  const want = execFileSync(cli(), ['--lang', 'zh', 'code', '-'], { input: JSON.stringify(scene) }).toString('utf8');
  assert.equal(text, want);
  assert.match(text, /^# gradscape：用 Python 重现本场景的各次运行/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the panel says what each convention\'s script is: plain floats in d2l, torch.optim in pytorch, in English and 中文', async () => {
  // It promised torch in both; the d2l script is the book's loop on floats.
  const { page, context } = await open(browser, server.url + '?opt=gd');
  const help = () => page.textContent('#code-help');
  assert.match(await help(), /plain Python floats/);
  await page.selectOption('#convention', 'pytorch');
  await page.waitForFunction(() => /torch\.optim/.test(document.getElementById('code-help').textContent));
  await page.selectOption('#lang', 'zh');
  await page.waitForFunction(() => /torch 自带优化器/.test(document.getElementById('code-help').textContent));
  await page.selectOption('#convention', 'd2l');
  await page.waitForFunction(() => /普通 Python 浮点数/.test(document.getElementById('code-help').textContent));
  await context.close();
});
