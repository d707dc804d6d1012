// The page's media exports (src/web/video/): the PNG carries the title and
// the legend; the Animation part exports a WebM of the race, one frame per
// step, that Chromium's <video> decodes at the chosen size and length;
// Cancel stops it with no download; the part is worded in 中文 too and
// fits a phone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { serve, launch, act, slide, state } from './support.mjs';
import { blocks } from './webm.mjs';

const SCENE = '?f=quadratic&a=0.1&b=2&start=-5,-2&steps=20&opt=gd:lr=0.4;momentum:lr=0.6,gamma=0.5;gd:lr=1.1';
// A page without the app's Content-Security-Policy, to play blobs in.
const BLANK = { '/blank.html': '<!doctype html><meta charset="utf-8"><title>player</title><body></body>' };

let server, browser;
before(async () => {
  server = await serve(undefined, '/', {}, BLANK);
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

async function page(t, query = SCENE, size = {}, init) {
  const context = await browser.newContext({ viewport: { width: size.width ?? 1280, height: size.height ?? 800 }, deviceScaleFactor: size.dpr ?? 1 });
  t.after(() => context.close());
  if (init) await context.addInitScript(init);
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(server.url + query);
  await page.waitForSelector('canvas#plot[data-ready="true"]', { timeout: 20000 });
  await page.click('.share-panel > summary');
  return { page, errors };
}

async function exportVideo(p, { size = 'figure', fps = '10', caption = '' } = {}) {
  await p.selectOption('#video-size', size);
  await p.selectOption('#video-fps', fps);
  await p.fill('#video-caption', caption);
  const [dl] = await Promise.all([p.waitForEvent('download', { timeout: 60000 }), p.click('#video-export')]);
  const body = await readFile(await dl.path());
  await p.waitForSelector('#video-part[data-state="idle"]');
  return { name: dl.suggestedFilename(), body };
}

// Play `body` in a <video> in a fresh page: its size, duration, and the
// pixels of the frames shown at `times` (a 16×9 grid of RGB samples each).
async function play(body, times, type = 'video/webm') {
  const ctx = await browser.newContext();
  const p = await ctx.newPage();
  await p.goto(server.url + 'blank.html');
  const out = await p.evaluate(async ({ b64, times, type }) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const v = document.createElement('video');
    v.muted = true;
    v.src = URL.createObjectURL(new Blob([bytes], { type }));
    document.body.append(v);
    await new Promise((ok, no) => { v.onloadeddata = ok; v.onerror = () => no(new Error(v.error?.message)); });
    const c = document.createElement('canvas');
    c.width = v.videoWidth; c.height = v.videoHeight;
    const g = c.getContext('2d', { willReadFrequently: true });
    const shots = [];
    for (const t of times) {
      // Seeked, then the frame itself: under load `seeked` came before the
      // new frame could be drawn (frames 0 and 20 read the same once in CI).
      const shown = new Promise((ok) => {
        if (v.requestVideoFrameCallback) v.requestVideoFrameCallback(() => ok());
        setTimeout(ok, 1000);
      });
      v.currentTime = t;
      await new Promise((ok) => { v.onseeked = ok; });
      await shown;
      g.drawImage(v, 0, 0);
      const px = [];
      for (let j = 0; j < 9; j++) for (let i = 0; i < 16; i++) {
        const d = g.getImageData(Math.floor((i + 0.5) * c.width / 16), Math.floor((j + 0.5) * c.height / 9), 1, 1).data;
        px.push(d[0], d[1], d[2]);
      }
      shots.push(px);
    }
    return { w: v.videoWidth, h: v.videoHeight, duration: v.duration, shots };
  }, { b64: body.toString('base64'), times, type });
  await ctx.close();
  return out;
}

const differs = (a, b) => a.filter((v, i) => Math.abs(v - b[i]) > 40).length;

test('WebM at a slide preset: 21 frames for 20 steps, 1280×720, 2.1 s at 10 fps, decoded by <video>', async (t) => {
  const { page: p, errors } = await page(t);
  const { name, body } = await exportVideo(p, { size: '720', caption: 'Momentum overtakes GD' });
  assert.equal(name, 'gradscape-quadratic-gd-momentum-gd.webm');
  const w = blocks(body);
  assert.deepEqual([w.width, w.height, w.codec], [1280, 720, 'V_VP9']);
  assert.equal(w.blocks.length, 21, 'one frame per step 0..20');
  assert.deepEqual(w.blocks.map((b) => b.time), Array.from({ length: 21 }, (_, i) => i * 100));
  assert.deepEqual(w.blocks.filter((b) => b.key).map((b) => b.time), [0, 2000], 'a keyframe every 2 s');
  assert.equal(w.duration, 2100);
  const v = await play(body, [0, 1.05, 2.05]);
  assert.deepEqual([v.w, v.h], [1280, 720]);
  assert.ok(Math.abs(v.duration - 2.1) < 0.05, `duration ${v.duration}`);
  // The trails grow: the last frame differs from the first in many places.
  assert.ok(differs(v.shots[0], v.shots[2]) >= 5, `frames 0 and 20 differ in ${differs(v.shots[0], v.shots[2])} samples`);
  assert.match(await p.textContent('#video-status'), /^Animation downloaded: 21 frames, 1280×720 pixels, 2\.1 s\.$/);
  assert.equal(await p.isHidden('#video-progress-row'), true);
  assert.deepEqual(errors, []);
});

test('WebM at the figure\'s size: its width, the plot\'s height plus title and legend, 5 fps', async (t) => {
  const { page: p, errors } = await page(t);
  const plot = await p.evaluate(() => document.getElementById('plot').getBoundingClientRect().toJSON());
  const { body } = await exportVideo(p, { fps: '5' });
  const w = blocks(body);
  assert.equal(w.width, Math.floor(Math.round(plot.width) / 2) * 2);
  assert.ok(w.height > plot.height + 40 && w.height < plot.height + 200, `height ${w.height} for a plot ${plot.height} high`);
  assert.equal(w.height % 2, 0);
  assert.equal(w.blocks.length, 21);
  assert.equal(w.blocks[20].time, 4000);
  const v = await play(body, [4.1]);
  assert.deepEqual([v.w, v.h], [w.width, w.height]);
  assert.ok(Math.abs(v.duration - 4.2) < 0.05, `duration ${v.duration}`);
  assert.deepEqual(errors, []);
});

// The top-level boxes of an MP4 and its sample count (stsz).
function mp4(buf) {
  const top = [];
  let samples = -1;
  const walk = (at, end, depth) => {
    while (at < end) {
      const size = buf.readUInt32BE(at), kind = buf.toString('latin1', at + 4, at + 8);
      if (depth === 0) top.push(kind);
      if (kind === 'stsz') samples = buf.readUInt32BE(at + 16);
      if (['moov', 'trak', 'mdia', 'minf', 'stbl'].includes(kind)) walk(at + 8, at + size, depth + 1);
      at += size;
    }
  };
  walk(0, buf.length, 0);
  return { top, samples };
}

test('MP4 is offered exactly where the browser encodes H.264, and decodes', async (t) => {
  const { page: p, errors } = await page(t);
  const avc = await p.evaluate(async () => {
    for (const codec of ['avc1.42002a', 'avc1.4d002a', 'avc1.640028']) {
      const r = await VideoEncoder.isConfigSupported({ codec, width: 1920, height: 1080, bitrate: 4e6, framerate: 30 });
      if (r.supported) return true;
    }
    return false;
  });
  if (!avc) {
    await p.waitForTimeout(500);
    assert.equal(await p.locator('#video-format option[value="mp4"]').count(), 0);
    return;
  }
  await p.waitForSelector('#video-format option[value="mp4"]', { state: 'attached' });
  await p.selectOption('#video-format', 'mp4');
  const { name, body } = await exportVideo(p, { size: '720' });
  assert.match(name, /\.mp4$/);
  const m = mp4(body);
  assert.deepEqual(m.top, ['ftyp', 'moov', 'mdat'], 'the index before the data');
  assert.equal(m.samples, 21);
  const v = await play(body, [2.05], 'video/mp4');
  assert.deepEqual([v.w, v.h], [1280, 720]);
  assert.ok(Math.abs(v.duration - 2.1) < 0.05, `duration ${v.duration}`);
  assert.deepEqual(errors, []);
});

test('a long run: a frame every k steps, the picker says how many, at most 1000 frames; every 5 steps exports 5 frames', async (t) => {
  const { page: p, errors } = await page(t, SCENE.replace('steps=20', 'steps=100000'));
  await p.click('.share-panel > summary');
  // The fewest steps between frames that fit in 1000 frames: every 200.
  assert.equal(await p.inputValue('#video-every'), '200');
  const opts = await p.$$eval('#video-every option', (os) => os.map((o) => [o.value, o.textContent, o.disabled]));
  assert.deepEqual(opts.find((o) => o[0] === '200'), ['200', 'every 200 steps (501 frames)', false]);
  assert.deepEqual(opts.find((o) => o[0] === '1'), ['1', 'every step (100001 frames)', true]);
  assert.equal(opts.find((o) => o[0] === '100')[2], true, '1001 frames: past the limit');
  // A 20-step scene: every step by default; every 5 steps gives 0, 5, 10, 15, 20.
  await p.goto(server.url + SCENE);
  await p.waitForSelector('canvas#plot[data-ready="true"]');
  await p.click('.share-panel > summary');
  assert.equal(await p.inputValue('#video-every'), '1');
  assert.deepEqual(await p.$$eval('#video-every option', (os) => os.map((o) => o.value)), ['1', '2', '5', '10']);
  await p.selectOption('#video-every', '5');
  const { body } = await exportVideo(p, { size: '720' });
  const w = blocks(body);
  assert.equal(w.blocks.length, 5);
  assert.equal(w.duration, 500);
  assert.match(await p.textContent('#video-status'), /^Animation downloaded: 5 frames, 1280×720 pixels, 0\.5 s\.$/);
  // 中文 words.
  await p.goto(server.url + SCENE + '&lang=zh');
  await p.waitForSelector('canvas#plot[data-ready="true"]');
  assert.equal(await p.$eval('#video-every option[value="2"]', (o) => o.textContent), '每 2 步一帧（共 11 帧）');
  assert.deepEqual(errors, []);
});

test('Cancel stops a long export: no download, the part idle again, the next export works', async (t) => {
  const { page: p, errors } = await page(t, SCENE.replace('steps=20', 'steps=300'));
  await p.selectOption('#video-size', '1080');
  await p.selectOption('#video-fps', '30');
  let downloads = 0;
  p.on('download', () => downloads++);
  await p.click('#video-export');
  await p.waitForSelector('#video-part[data-state="running"]');
  await p.waitForFunction(() => /^frame ([3-9]|\d\d+) of 301$/.test(document.getElementById('video-count').textContent));
  assert.equal(await p.isVisible('#video-progress'), true);
  assert.equal(await p.isDisabled('#video-export'), true);
  // The page answers while it exports: a step of the time bar.
  const before = JSON.parse(await p.evaluate(() => window.wasmBindings.page_state())).t;
  await p.keyboard.press('Home');
  await p.waitForFunction((b) => JSON.parse(window.wasmBindings.page_state()).t !== b, before);
  await p.click('#video-cancel');
  await p.waitForSelector('#video-part[data-state="idle"]');
  assert.equal(await p.textContent('#video-status'), 'Export cancelled.');
  assert.equal(await p.isHidden('#video-cancel'), true);
  assert.equal(await p.isHidden('#video-progress-row'), true);
  assert.equal(await p.isEnabled('#video-export'), true);
  await p.waitForTimeout(1500);
  assert.equal(downloads, 0);
  // The encoder was freed: a new export runs to the end.
  await p.selectOption('#video-size', '720');
  await p.goto(server.url + SCENE);
  await p.waitForSelector('canvas#plot[data-ready="true"]');
  await p.click('.share-panel > summary');
  const { body } = await exportVideo(p, { size: '720', fps: '30' });
  assert.equal(blocks(body).blocks.length, 21);
  assert.deepEqual(errors, []);
});

test('PNG: the plot with the title above and the legend below, in every run\'s colour', async (t) => {
  const { page: p, errors } = await page(t, SCENE, { dpr: 2 });
  const [dl] = await Promise.all([p.waitForEvent('download'), p.click('#export-png')]);
  const body = await readFile(await dl.path());
  const [w, h] = [body.readUInt32BE(16), body.readUInt32BE(20)];
  const dev = await p.evaluate(() => [document.getElementById('plot').width, document.getElementById('plot').height]);
  assert.equal(w, dev[0]);
  assert.ok(h > dev[1] + 2 * 40, `the PNG (${h} px) holds the plot (${dev[1]} px), a title band and a legend strip`);
  // Decode it beside the page's own canvas: the plot rows match the page's
  // plot; the band and the strip are white with dark words and the marks.
  const r = await p.evaluate(async ({ b64 }) => {
    const img = new Image();
    img.src = 'data:image/png;base64,' + b64;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.width; c.height = img.height;
    const g = c.getContext('2d');
    g.drawImage(img, 0, 0);
    const plot = document.getElementById('plot');
    // Where the plot sits: the first row equal to the page's plot's first.
    const row = (ctx, y, w) => ctx.getImageData(0, y, w, 1).data;
    const first = row(plot.getContext('2d'), Math.floor(plot.height / 2), plot.width);
    let top = -1;
    for (let y = 0; y < c.height - plot.height && top < 0; y++) {
      const r = row(g, y + Math.floor(plot.height / 2), c.width);
      let bad = 0;
      for (let i = 0; i < r.length; i += 4) if (Math.abs(r[i] - first[i]) > 8) bad++;
      if (bad < c.width / 50) top = y;
    }
    const region = (y0, y1) => {
      const d = g.getImageData(0, y0, c.width, y1 - y0).data;
      const colours = new Set();
      let dark = 0, white = 0;
      for (let i = 0; i < d.length; i += 4) {
        colours.add('#' + [d[i], d[i + 1], d[i + 2]].map((v) => v.toString(16).padStart(2, '0')).join(''));
        if (d[i] < 60 && d[i + 1] < 60 && d[i + 2] < 60) dark++;
        if (d[i] > 250 && d[i + 1] > 250 && d[i + 2] > 250) white++;
      }
      return { colours: [...colours], dark, white, n: d.length / 4 };
    };
    return { top, band: top > 0 ? region(0, top) : null, strip: region(top + plot.height, c.height) };
  }, { b64: body.toString('base64') });
  assert.ok(r.top > 20, `the plot starts below a title band (at ${r.top})`);
  assert.ok(r.band.dark > 200, 'the title is written in the band');
  assert.ok(r.strip.white > r.strip.n / 2, 'the legend strip is white');
  assert.ok(r.strip.dark > 300, 'the legend has words');
  // The three runs' marks: GD orange, momentum sky blue, the third bluish green.
  for (const c of ['#e69f00', '#56b4e9', '#009e73']) assert.ok(r.strip.colours.includes(c), `${c} in the legend`);
  // GD η = 1.1 diverges: its status is written in the page legend's error red.
  const near = (h, [r0, g0, b0]) => Math.abs(parseInt(h.slice(1, 3), 16) - r0) + Math.abs(parseInt(h.slice(3, 5), 16) - g0) + Math.abs(parseInt(h.slice(5, 7), 16) - b0) < 24;
  assert.ok(r.strip.colours.filter((h) => near(h, [0xb3, 0x26, 0x1e])).length > 0, 'a diverging run\'s status in red');
  assert.equal(r.band.colours.filter((h) => near(h, [0xb3, 0x26, 0x1e])).length, 0, 'no red in the title');
  assert.deepEqual(errors, []);
});

test('中文: the Animation part and its progress speak Chinese, and it fits a 390×844 phone', async (t) => {
  const { page: p, errors } = await page(t, SCENE + '&lang=zh', { width: 390, height: 844 });
  assert.equal((await p.textContent('#video-export')).trim(), '导出动画');
  assert.equal((await p.textContent('#video-part legend')).trim(), '动画');
  const fits = await p.evaluate(() => {
    const part = document.getElementById('video-part').getBoundingClientRect();
    return part.left >= 0 && part.right <= window.innerWidth && document.documentElement.scrollWidth <= window.innerWidth;
  });
  assert.ok(fits, 'no sideways scrolling');
  const box = await p.locator('#video-export').boundingBox();
  assert.ok(box.height >= 24 && box.width >= 44, 'a button a finger can hit');
  const { body } = await exportVideo(p, { size: '720' });
  assert.equal(blocks(body).blocks.length, 21);
  assert.match(await p.textContent('#video-status'), /^动画已下载：21 帧，1280×720 像素，2\.1 秒。$/);
  assert.deepEqual(errors, []);
});

test('with a lesson open the caption offers its title, and keeps what the author types', async (t) => {
  const { page: p, errors } = await page(t, '?lesson=2');
  // The panel's toggle event (which fills the caption) is a task of its own.
  await p.waitForFunction(() => document.getElementById('video-caption').value !== '', null, { timeout: 5000 }).catch(() => {});
  const caption = await p.inputValue('#video-caption');
  const picked = await p.evaluate(() => { const s = document.getElementById('lesson'); return s.options[s.selectedIndex].textContent; });
  assert.ok(caption.length > 3 && picked.includes(caption), `caption "${caption}" from the lesson "${picked}"`);
  await p.fill('#video-caption', 'My slide');
  await p.click('.share-panel > summary');
  await p.click('.share-panel > summary');
  assert.equal(await p.inputValue('#video-caption'), 'My slide');
  // Without a lesson the caption is empty.
  const { page: q } = await page(t, SCENE);
  assert.equal(await q.inputValue('#video-caption'), '');
  assert.deepEqual(errors, []);
});

// The lesson picker's choice and the caption field, once the page has shown
// `lesson` (the caption is given a moment: it must follow the lesson).
async function captionAt(p, lesson) {
  await p.waitForFunction((n) => document.getElementById('lesson').value === String(n), lesson, { timeout: 5000 });
  const follows = () => {
    const s = document.getElementById('lesson');
    return document.getElementById('video-caption').value === s.options[s.selectedIndex].textContent;
  };
  await p.waitForFunction(follows, null, { timeout: 2000 }).catch(() => {});
  return p.evaluate(() => {
    const s = document.getElementById('lesson');
    return { title: s.options[s.selectedIndex].textContent, caption: document.getElementById('video-caption').value };
  });
}

test('the caption follows the lesson changed by ›, PageDown, the picker and the language; a typed caption stays', async (t) => {
  const { page: p, errors } = await page(t, '?lesson=1');
  let c = await captionAt(p, 1);
  assert.match(c.title, /^1\. /);
  assert.equal(c.caption, c.title, 'lesson 1 opened: its title');
  const first = c.title;
  // ›
  await p.click('#lesson-next');
  c = await captionAt(p, 2);
  assert.notEqual(c.caption, first, 'not lesson 1\'s title after ›');
  assert.equal(c.caption, c.title, '› to lesson 2: its title');
  // PageDown (the clicker's key)
  await p.keyboard.press('PageDown');
  c = await captionAt(p, 3);
  assert.equal(c.caption, c.title, 'PageDown to lesson 3: its title');
  // the lesson picker
  await p.selectOption('#lesson', '9');
  c = await captionAt(p, 9);
  assert.equal(c.caption, c.title, 'lesson 9 picked: its title');
  const english = c.title;
  // the language: the same lesson's title in 中文
  await p.selectOption('#lang', 'zh');
  await p.waitForFunction(() => document.documentElement.lang.startsWith('zh'));
  c = await captionAt(p, 9);
  assert.notEqual(c.title, english, 'the picker speaks 中文');
  assert.equal(c.caption, c.title, '中文: lesson 9\'s Chinese title');
  await p.selectOption('#lang', 'en');
  await p.waitForFunction(() => document.documentElement.lang === 'en');
  // A caption the author typed stays through lesson changes, by every way.
  await p.fill('#video-caption', 'My slide');
  await p.click('#lesson-next');
  assert.equal((await captionAt(p, 10)).caption, 'My slide', 'typed, then ›');
  await p.keyboard.press('PageDown');
  assert.equal((await captionAt(p, 11)).caption, 'My slide', 'typed, then PageDown');
  await p.selectOption('#lesson', '2');
  assert.equal((await captionAt(p, 2)).caption, 'My slide', 'typed, then the picker');
  await p.selectOption('#lang', 'zh');
  await p.waitForFunction(() => document.documentElement.lang.startsWith('zh'));
  assert.equal((await captionAt(p, 2)).caption, 'My slide', 'typed, then 中文');
  await p.selectOption('#lang', 'en');
  await p.waitForFunction(() => document.documentElement.lang === 'en');
  // Emptied, it stays empty while the scene is edited (no caption is a
  // choice too), and is the lesson's again from the next lesson on.
  await p.fill('#video-caption', '');
  await act(p, () => slide(p.locator('section.opt-card[data-index="0"] input[type="range"][data-param="lr"]'), 0.3));
  assert.equal((await state(p)).lesson, 2);
  assert.equal(await p.inputValue('#video-caption'), '', 'emptied, then η changed (lesson 2 modified): still empty');
  await p.click('#lesson-next');
  c = await captionAt(p, 3);
  assert.equal(c.caption, c.title, 'emptied, then ›: lesson 3\'s title');
  assert.deepEqual(errors, []);
});

test('without VideoEncoder the canvas is recorded in real time (MediaRecorder): a WebM all the same', async (t) => {
  const { page: p, errors } = await page(t, SCENE, {}, () => { delete window.VideoEncoder; delete window.VideoFrame; });
  assert.equal(await p.evaluate(() => typeof window.VideoEncoder), 'undefined');
  await p.selectOption('#video-size', '720');
  await p.selectOption('#video-fps', '10');
  const [dl] = await Promise.all([p.waitForEvent('download', { timeout: 60000 }), p.click('#video-export')]);
  const body = await readFile(await dl.path());
  assert.match(dl.suggestedFilename(), /\.webm$/);
  const w = blocks(body);
  assert.deepEqual([w.width, w.height], [1280, 720]);
  // Real time: about 21 frames over about 2.1 s, fewer on a loaded machine
  // (4 seen with two test files at once); what matters is a playable WebM
  // with more than the first frame.
  assert.ok(w.blocks.length >= 2, `${w.blocks.length} frames recorded`);
  const v = await play(body, [0]);
  assert.deepEqual([v.w, v.h], [1280, 720]);
  assert.match(await p.textContent('#video-status'), /recorded in real time, so frames may be dropped/);
  assert.deepEqual(errors, []);
});
