// ?embed shows the figure alone for an iframe, parts chosen by hide=/show=,
// sized to its frame, with a link to the full page; "Embed code" gives the
// <iframe> of the current scene.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch } from './support.mjs';

let server, browser;
before(async () => {
  server = await serve();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

async function at(query, width = 480, height = 320) {
  const context = await browser.newContext({ viewport: { width, height } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(server.url + query);
  await page.waitForSelector('canvas#plot[data-ready="true"]');
  return { page, context, errors };
}

const visible = (page, sel) => page.isVisible(sel);

// The mean brightness (0-255) of a screenshot's pixels, read back in the page.
async function mean(page, png) {
  return page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = new OffscreenCanvas(img.width, img.height);
    const ctx = c.getContext('2d');
    ctx.drawImage(img, 0, 0);
    const d = ctx.getImageData(0, 0, img.width, img.height).data;
    let sum = 0;
    for (let i = 0; i < d.length; i += 4) sum += (d[i] + d[i + 1] + d[i + 2]) / 3;
    return Math.round(sum / (d.length / 4));
  }, png.toString('base64'));
}

test('embed at 480×320: canvas, legend and play bar only, fitting the frame', async () => {
  const { page, context, errors } = await at('?opt=gd:lr=0.4;momentum:lr=0.4,gamma=0.5&embed');
  for (const sel of ['.top', '.panel', '#loss']) assert.equal(await visible(page, sel), false, sel);
  for (const sel of ['#plot', '#legend', '.timebar', '#open-full']) assert.equal(await visible(page, sel), true, sel);
  const fit = await page.evaluate(() => [document.documentElement.scrollHeight, innerHeight, document.documentElement.scrollWidth, innerWidth]);
  assert.ok(fit[0] <= fit[1] + 1 && fit[2] <= fit[3], `page ${fit[2]}×${fit[0]} in a ${fit[3]}×${fit[1]} frame`);
  const box = await page.locator('#plot').boundingBox();
  assert.ok(box.width >= 470 && box.height >= 150, `canvas ${box.width}×${box.height}`);
  const href = await page.getAttribute('#open-full', 'href');
  // The scene as the page writes it: γ = 0.5 is momentum's default (d2l).
  assert.match(href, /opt=gd:lr=0\.4;momentum:lr=0\.4&/);
  assert.doesNotMatch(href, /embed/);
  assert.match(await page.evaluate(() => location.search), /&embed$/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('hide= and show= choose the parts', async () => {
  const { page, context } = await at('?opt=gd:lr=0.6&embed&hide=legend,bar&show=loss,messages');
  assert.equal(await visible(page, '#legend'), false);
  // The bar's controls go; "open in gradscape" stays where the bar was.
  for (const sel of ['#play', '#scrub', '#step-label']) assert.equal(await visible(page, sel), false, sel);
  assert.equal(await visible(page, '#open-full'), true);
  assert.equal(await visible(page, '#loss'), true);
  assert.equal(await visible(page, '#messages'), true);
  assert.match(await page.locator('#messages').innerText(), /2\/L = 2\/4 = 0\.5/);
  const fit = await page.evaluate(() => document.documentElement.scrollHeight <= innerHeight + 1);
  assert.ok(fit, 'fits the frame');
  await context.close();
});

test('"Embed code" gives an iframe of the current scene that opens in embed mode', async () => {
  const { page, context } = await at('?opt=adam:lr=0.2', 1280, 800);
  await page.click('summary:has-text("Share and export")');
  await page.click('#copy-embed');
  const code = await page.locator('#embed-code').innerText();
  const m = code.match(/^<iframe src="([^"]+)" width="\d+" height="\d+"[^>]*><\/iframe>$/);
  assert.ok(m, code);
  // Its language always (an author's English notes stay English for a
  // Chinese-first reader).
  assert.match(m[1], /opt=adam:lr=0\.2.*&lang=en&embed$/);
  const frame = await browser.newPage({ viewport: { width: 640, height: 440 } });
  await frame.goto(m[1]);
  await frame.waitForSelector('canvas#plot[data-ready="true"]');
  assert.equal(await frame.isVisible('.panel'), false);
  // No "Skip to the optimizers" in a frame without them: Tab reaches the figure.
  await frame.keyboard.press('Tab');
  assert.equal(await frame.evaluate(() => document.activeElement?.id), 'plot');
  const s = JSON.parse(await frame.evaluate(() => window.wasmBindings.page_state()));
  assert.equal(s.scene.optimizers[0].kind, 'adam');
  await frame.close();
  // Pasted into a phone's page of notes, it keeps to the column and its
  // proportions (a fixed 640 px made the notes scroll sideways).
  const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await phone.setContent(`<body style="margin:16px"><p>Notes</p>${code}</body>`);
  const box = await phone.evaluate(() => {
    const r = document.querySelector('iframe').getBoundingClientRect();
    return { w: r.width, h: r.height, scroll: document.documentElement.scrollWidth };
  });
  assert.ok(box.w <= 358 && box.scroll <= 390, `the iframe is ${box.w} px wide, the page scrolls to ${box.scroll}`);
  // Its proportions, but never under 320 px tall (at 358 px wide they
  // would leave 246 px: a strip of plot under the bar and legend).
  assert.ok(Math.abs(box.h - Math.max(320, (box.w * 440) / 640)) < 1.5, `its size: ${box.w}×${box.h}`);
  await phone.close();
  await context.close();
});

test('a short frame (a 640×440 iframe in a phone\'s column, 278×191) keeps the plot the larger part, every run named', async () => {
  const q = '?f=quadratic&a=0.1&b=2&start=-5,-2&steps=20&conv=d2l&opt=gd:lr=0.6;momentum:lr=0.6&t=20&embed';
  for (const lang of ['', '&lang=zh']) {
    const context = await browser.newContext({ viewport: { width: 278, height: 191 }, deviceScaleFactor: 2, hasTouch: true, isMobile: true });
    const page = await context.newPage();
    await page.goto(server.url + q + lang);
    await page.waitForSelector('canvas#plot[data-ready="true"]');
    assert.equal(await page.evaluate(() => document.body.hasAttribute('data-short')), true);
    const m = await page.evaluate(() => {
      const r = (s) => document.querySelector(s).getBoundingClientRect();
      const legend = r('#legend');
      const items = [...document.querySelectorAll('#legend li')].map((li) => {
        const b = li.getBoundingClientRect();
        return { inside: b.top >= legend.top - 1 && b.bottom <= legend.bottom + 1 && b.right <= innerWidth + 1, text: li.innerText };
      });
      return { plot: r('#plot').height, bar: r('#timebar').height, scroll: document.documentElement.scrollHeight, items, link: r('#open-full') };
    });
    // Was 80 px of 191: the bar's 44 px buttons and the link's own row.
    assert.ok(m.plot >= 85, `plot ${m.plot} px tall${lang}`);
    assert.ok(m.bar <= 40, `bar ${m.bar} px: one row`);
    assert.ok(m.scroll <= 192, `the frame scrolls to ${m.scroll}`);
    assert.equal(m.items.length, 2);
    for (const it of m.items) assert.ok(it.inside, `${it.text} shown whole`);
    assert.ok(m.link.width > 0 && m.link.right <= 278, 'the link to the full page, in the bar');
    // The link keeps its words as its accessible name (the arrow drawn
    // in their place adds nothing to it).
    const name = lang ? /^在 gradscape 中打开 ↗$/ : /^open in gradscape ↗$/;
    assert.equal(await page.getByRole('link', { name }).count(), 1);
    await context.close();
  }
});

test('"Embed code" of a lesson keeps the lesson (its caption comes along)', async () => {
  const { page, context } = await at('?lesson=4&lang=zh', 1280, 800);
  await page.click('#share-panel summary, summary:has-text("分享")');
  await page.click('#copy-embed');
  const code = await page.locator('#embed-code').innerText();
  const src = code.match(/src="([^"]+)"/)[1];
  assert.match(src, /&lesson=4&lang=zh/);
  const frame = await browser.newPage({ viewport: { width: 640, height: 440 } });
  await frame.goto(src);
  await frame.waitForSelector('canvas#plot[data-ready="true"]');
  assert.equal(await frame.isVisible('#lesson-caption'), true);
  assert.match(await frame.locator('#lesson-title').innerText(), /^4\./);
  await frame.close();
  await context.close();
});

// ------------------------------------------------- embeds that fit (issue 14)

// A figure embedded in an <iframe> of a page, as course notes do.
async function framed(query, width = 640, height = 440) {
  const context = await browser.newContext({ viewport: { width: width + 40, height: height + 40 } });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.setContent(`<iframe src="${server.url}${query}" width="${width}" height="${height}" style="border:0;display:block"></iframe>`);
  const frame = page.frames().find((f) => f !== page.mainFrame());
  await frame.waitForSelector('canvas#plot[data-ready="true"]');
  await frame.waitForTimeout(300);
  return { page, frame, context, errors };
}

const rect = (frame, sel) => frame.evaluate((s) => {
  const r = document.querySelector(s).getBoundingClientRect();
  return { x: r.left, y: r.top, w: r.width, h: r.height };
}, sel);
const overlap = (a, b) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

test('640×440 with show=loss,messages: the plot keeps most of the frame, the rest beside it', async () => {
  const { frame, context, errors } = await framed('?opt=gd:lr=0.6;momentum:lr=0.6,gamma=0.5&t=20&embed&show=loss,messages');
  const plot = await rect(frame, '#plot');
  assert.ok(plot.h >= 0.75 * 440, `the plot is ${plot.h} px tall in a 440 px frame`);
  assert.ok(plot.w * plot.h >= 0.5 * 640 * 440, `the plot is ${plot.w}×${plot.h}`);
  for (const sel of ['#legend', '#messages', '#loss', '#open-full']) {
    assert.equal(await frame.isVisible(sel), true, sel);
    const r = await rect(frame, sel);
    assert.ok(!overlap(r, plot), `${sel} covers the plot`);
    assert.ok(r.y >= 0 && r.y + r.h <= 440 + 1 && r.x + r.w <= 640 + 1, `${sel} is outside the frame: ${JSON.stringify(r)}`);
  }
  assert.match(await frame.locator('#messages').innerText(), /2\/L = 2\/4 = 0\.5/);
  const fits = await frame.evaluate(() => document.documentElement.scrollHeight <= innerHeight + 1 && document.documentElement.scrollWidth <= innerWidth);
  assert.ok(fits, 'nothing scrolls');
  assert.deepEqual(errors, []);
  await context.close();
});

test('"open in gradscape" never covers the plot: in the bar, also without it, in any frame', async () => {
  for (const [q, w, h] of [
    ['?embed', 640, 440], ['?embed&show=loss,messages', 480, 320], ['?lesson=2&embed', 400, 600],
    ['?embed&hide=bar', 640, 440], ['?embed&hide=bar,legend', 480, 320], ['?lesson=8&lang=zh&embed&show=loss', 640, 440],
  ]) {
    const { frame, context } = await framed(q, w, h);
    const link = await rect(frame, '#open-full');
    const plot = await rect(frame, '#plot');
    assert.ok(link.w > 0 && link.h > 0, `${q} at ${w}×${h}: the link is shown`);
    assert.ok(!overlap(link, plot), `${q} at ${w}×${h}: link ${JSON.stringify(link)} over plot ${JSON.stringify(plot)}`);
    assert.ok(link.y + link.h <= h + 1, `${q} at ${w}×${h}: the link is below the frame`);
    await context.close();
  }
});

test('an embedded lesson says what the figure shows, not which slider to move', async () => {
  const context = await browser.newContext({ viewport: { width: 640, height: 440 } });
  const page = await context.newPage();
  for (const lang of ['en', 'zh']) {
    for (const n of [1, 2, 8, 14]) {
      await page.goto(`${server.url}?lesson=${n}&lang=${lang}`);
      await page.waitForSelector('canvas#plot[data-ready="true"]');
      const full = await page.locator('#lesson-text').innerText();
      await page.goto(`${server.url}?lesson=${n}&lang=${lang}&embed`);
      await page.waitForSelector('canvas#plot[data-ready="true"]');
      const shown = await page.locator('#lesson-text').innerText();
      assert.match(full, /Try|Press|试一试|按 /, `lesson ${n} ${lang}: the full caption asks`);
      assert.doesNotMatch(shown, /Try|try |Press|slider|Shift|试一试|按 |滑块/, `lesson ${n} ${lang}: ${shown}`);
      assert.ok(shown.length >= 40 && full.startsWith(shown), `lesson ${n} ${lang}: ${shown}`);
    }
  }
  await context.close();
});

test('the default embed shrunk to any column keeps the plot the larger part: no cliff between the short and the wide frame', async () => {
  // 640×440 shrunk to columns of 436 … 698 px: the plot's share of the frame.
  for (const h of [300, 355, 365, 380, 400, 440]) {
    const w = Math.round((h * 640) / 440);
    const { page, context, errors } = await at('?lesson=3&embed', w, h);
    const plot = await page.evaluate(() => document.getElementById('plot').clientHeight);
    assert.ok(plot >= 0.5 * h, `${w}×${h}: a plot of ${plot} px`);
    assert.deepEqual(errors, []);
    await context.close();
  }
});

test('an embedded lesson\'s caption keeps whole lines in a low frame: three under 480 px, two under 360, the rest scrolls', async () => {
  for (const [w, h, lines] of [[576, 396, 3], [366, 320, 2], [900, 600, null]]) {
    for (const lang of ['en', 'zh']) {
      const { page, context, errors } = await at(`?lesson=3&lang=${lang}&embed`, w, h);
      // The text's lines as laid out (their bottoms), and the box's bottom.
      const box = await page.locator('#lesson-text').evaluate((p) => {
        const r = document.createRange();
        r.selectNodeContents(p);
        const rects = [...r.getClientRects()];
        const bottoms = [...new Set(rects.map((q) => Math.round(q.bottom)))].sort((a, b) => a - b);
        const tops = [...new Set(rects.map((q) => Math.round(q.top)))].sort((a, b) => a - b);
        return { client: p.clientHeight, scroll: p.scrollHeight, bottom: p.getBoundingClientRect().top + p.clientHeight, bottoms, tops };
      });
      const where = `${w}×${h} ${lang}`;
      if (lines === null) {
        assert.equal(box.client, box.scroll, `${where}: the whole caption`);
      } else {
        // n lines whole in the box, and none of the next one's glyphs: no
        // line cut through.
        const shown = box.bottoms.filter((b) => b <= box.bottom + 1);
        assert.equal(shown.length, lines, `${where}: ${JSON.stringify(box)}`);
        assert.ok(box.tops[lines] >= box.bottom - 1, `${where}: the next line starts under the box ${JSON.stringify(box)}`);
        assert.ok(box.scroll > box.client, `${where}: the rest scrolls`);
        // A shade at the box's bottom says more text is there (a phone
        // shows no scrollbar until touched); at the end it is gone, and
        // one at the top says text is above.
        const edges = async () => {
          const r = await page.locator('#lesson-text').boundingBox();
          const strip = async (y) => mean(page, await page.screenshot({ clip: { x: r.x + 20, y, width: Math.max(1, r.width - 40), height: 3 } }));
          return { top: await strip(r.y), bottom: await strip(r.y + r.height - 3) };
        };
        const start = await edges();
        await page.locator('#lesson-text').evaluate((e) => { e.scrollTop = e.scrollHeight; });
        const end = await edges();
        assert.ok(start.bottom < end.bottom - 3, `${where}: a shade at the bottom while more text is below (${start.bottom} vs ${end.bottom} at the end)`);
        assert.ok(end.top < start.top - 3, `${where}: a shade at the top once scrolled (${end.top} vs ${start.top})`);
      }
      assert.deepEqual(errors, []);
      await context.close();
    }
  }
});

// An author's modified lesson, embedded: "modified" says the figure is
// not the published one, and there is no ↺ lesson for a reader to replace
// it with the published lesson (an embed has no undo).
test('an embedded modified lesson says "modified" and offers no ↺ lesson', async () => {
  const context = await browser.newContext({ viewport: { width: 640, height: 440 } });
  const page = await context.newPage();
  for (const lang of ['en', 'zh']) {
    await page.goto(`${server.url}?lesson=9&opt=adam_l2:lr=0.1,lambda=0.5;adamw:lr=0.1,lambda=0.3&lang=${lang}`);
    await page.waitForSelector('canvas#plot[data-ready="true"]');
    assert.equal(await visible(page, '#restore-lesson'), true, `${lang}: the page offers it`);
    await page.goto(`${server.url}?lesson=9&opt=adam_l2:lr=0.1,lambda=0.5;adamw:lr=0.1,lambda=0.3&lang=${lang}&embed`);
    await page.waitForSelector('canvas#plot[data-ready="true"]');
    assert.equal(await visible(page, '#lesson-modified'), true, `${lang}: modified`);
    assert.equal(await visible(page, '#restore-lesson'), false, `${lang}: no ↺ lesson`);
  }
  await context.close();
});

test('"Embed code" says "Embed code copied" (and 嵌入代码已复制), with the code on the clipboard', async () => {
  for (const [lang, words] of [['en', /^Embed code copied/], ['zh', /^嵌入代码已复制/]]) {
    const { page, context } = await at(`?opt=adam:lr=0.2&lang=${lang}`, 1280, 800);
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.evaluate(() => { document.querySelector('.share-panel').open = true; });
    await page.click('#copy-embed');
    await page.waitForFunction(() => document.getElementById('share-status').textContent !== '');
    assert.match(await page.locator('#share-status').innerText(), words);
    const code = await page.locator('#embed-code').innerText();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), code);
    await context.close();
  }
});
