// The CLI's SVG renders the same in Chromium and in librsvg (rsvg-convert):
// a few example scenes, in English and 中文, one with a diverged run, are
// rasterized by both at the SVG's size and compared pixel by pixel.
//
// Both renderers see only the fonts the CLI embeds (assets/fonts/, through
// a fontconfig file of our own), so a difference is the SVG being read
// differently, not two machines' fonts. What remains is anti-aliasing:
// Skia and Cairo cover the edge pixels of thin lines and glyphs
// differently. Measured here (Chromium 156, librsvg 2.54): mean |Δ| 0.35
// (the bowl) to 1.56 (Rosenbrock's 14 dense isolines, 中文), and at most
// 0.26 % of pixels off by more than a quarter of the range. The limits
// (mean ≤ 2, ≤ 0.4 %) leave room for that and little more: without
// text-rendering="geometricPrecision" Chromium rounds glyph advances, the
// title drifts by 20 px and the same figures measure 2.2–2.3 and 0.55 %;
// a lost legend measures more still (the last test).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execFileSync } from 'node:child_process';
import { chromium } from 'playwright-core';

// Mean absolute difference per channel (0–255), and the fraction of pixels
// where some channel differs by more than 64 (a quarter of the range).
const MEAN_MAX = 2;
const FAR_MAX = 0.004;
const FAR = 64;

const ROOT = resolve('.');
const target = process.env.CARGO_TARGET_DIR ?? 'target';
const cli = [`${target}/debug/gradscape`, `${target}/release/gradscape`].find(existsSync);
const dir = mkdtempSync(join(tmpdir(), 'gradscape-svg-'));
const fontsConf = join(dir, 'fonts.conf');
writeFileSync(fontsConf, `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig><dir>${ROOT}/assets/fonts</dir><cachedir>${dir}/cache</cachedir></fontconfig>
`);
const env = { ...process.env, FONTCONFIG_FILE: fontsConf };

const DIVERGED = join(dir, 'diverged.json');
writeFileSync(DIVERGED, JSON.stringify({
  landscape: { kind: 'rosenbrock' }, steps: 100,
  optimizers: [{ kind: 'gd', lr: 0.01 }, { kind: 'adam', lr: 0.1 }],
}));
const CASES = [
  ['seed-default', 'en', 'examples/scenes/seed-default.json'],
  ['adam-l2-vs-adamw', 'zh', 'examples/scenes/adam-l2-vs-adamw.json'],
  ['gd-vs-momentum-0.6', 'zh', 'examples/scenes/gd-vs-momentum-eta-0.6.json'],
  ['diverged', 'en', DIVERGED],
  ['diverged', 'zh', DIVERGED],
];

let browser, page;
before(async () => {
  assert.ok(cli, 'the CLI is built by the native tests (cargo test --features cli) before this suite');
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--font-render-hinting=none'],
    env,
  });
  page = await (await browser.newContext({ viewport: { width: 800, height: 560 }, deviceScaleFactor: 1 })).newPage();
});
after(async () => { await browser?.close(); });

function svgOf(scene, lang, name) {
  const out = join(dir, `${name}-${lang}.svg`);
  execFileSync(cli, ['--lang', lang, 'render', scene, '-o', out]);
  return out;
}

function rsvg(svg) {
  const png = svg.replace(/\.svg$/, '.rsvg.png');
  execFileSync('rsvg-convert', ['-f', 'png', '-o', png, svg], { env });
  return png;
}

async function chromiumPng(svg) {
  const text = readFileSync(svg, 'utf8');
  await page.setContent(`<!doctype html><html><body style="margin:0">${text}</body></html>`);
  await page.evaluate(() => document.fonts.ready);
  const png = svg.replace(/\.svg$/, '.chromium.png');
  await page.screenshot({ path: png, clip: { x: 0, y: 0, width: 800, height: 560 } });
  return png;
}

// Decode both PNGs in the page (a canvas) and compare.
async function compare(a, b) {
  const url = (p) => 'data:image/png;base64,' + readFileSync(p).toString('base64');
  return page.evaluate(async ([ua, ub, FAR]) => {
    const pixels = async (u) => {
      const img = new Image();
      img.src = u;
      await img.decode();
      const c = document.createElement('canvas');
      c.width = img.naturalWidth; c.height = img.naturalHeight;
      const g = c.getContext('2d');
      g.drawImage(img, 0, 0);
      return { w: c.width, h: c.height, d: g.getImageData(0, 0, c.width, c.height).data };
    };
    const [p, q] = [await pixels(ua), await pixels(ub)];
    if (p.w !== q.w || p.h !== q.h) return { size: [p.w, p.h, q.w, q.h] };
    let sum = 0, far = 0, ink = 0;
    for (let i = 0; i < p.d.length; i += 4) {
      let m = 0;
      for (let k = 0; k < 3; k++) {
        const d = Math.abs(p.d[i + k] - q.d[i + k]);
        sum += d;
        m = Math.max(m, d);
      }
      if (m > FAR) far++;
      if (p.d[i] < 200 || p.d[i + 1] < 200) ink++;
    }
    const n = p.w * p.h;
    return { w: p.w, h: p.h, mean: sum / (3 * n), far: far / n, ink: ink / n };
  }, [url(a), url(b), FAR]);
}

for (const [name, lang, scene] of CASES) {
  test(`${name} (${lang}): rsvg-convert and Chromium draw the same figure`, async () => {
    const svg = svgOf(scene, lang, name);
    const r = await compare(rsvg(svg), await chromiumPng(svg));
    assert.deepEqual([r.w, r.h], [800, 560], JSON.stringify(r));
    assert.ok(r.ink > 0.02, `both drew the figure (ink ${r.ink})`);
    assert.ok(r.mean <= MEAN_MAX, `mean |Δ| ${r.mean.toFixed(3)} > ${MEAN_MAX}`);
    assert.ok(r.far <= FAR_MAX, `${(100 * r.far).toFixed(2)} % of pixels differ by > ${FAR} (max ${100 * FAR_MAX} %)`);
  });
}

test('the comparison sees a figure that lost its legend', async () => {
  const svg = svgOf(CASES[4][2], 'zh', 'nolegend');
  const text = readFileSync(svg, 'utf8');
  const cut = text.replace(/<g class="legend">[\s\S]*?<\/text><\/g>\n<\/g>/, '');
  assert.notEqual(cut, text, 'the legend was cut');
  const cutSvg = svg.replace(/\.svg$/, '-cut.svg');
  writeFileSync(cutSvg, cut);
  const r = await compare(rsvg(svg), await chromiumPng(cutSvg));
  console.log('without the legend:', JSON.stringify(r));
  assert.ok(r.mean > MEAN_MAX || r.far > FAR_MAX, JSON.stringify(r));
});
