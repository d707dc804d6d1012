// BENCHMARKS.md from one run of scripts/bench.mjs: issue 16's rows (what
// the user feels, each against its target), the kernels of issue 7, the
// details, the CPU profiles of the slider drags and what the first load
// fetched. Rows a run did not measure (--only) are left out.

const ms = (x) => (Number.isFinite(x) ? (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2)) : 'n/a');
const kb = (b) => `${(b / 1024).toFixed(1)} KB`;
const ratio = (x) => (Number.isFinite(x) ? `${x.toFixed(2)}×` : 'n/a');
const verdict = (ok) => (ok === undefined ? '' : ok ? 'met' : '**missed**');
const BUILTIN = ['bowl', 'rosenbrock', 'rastrigin'];

// A profile's top functions as a markdown table.
const table = (p) => ['| function | self ms | share |', '|---|---|---|',
  ...p.top.map((f) => `| \`${f.name}\` | ${ms(f.ms)} | ${(100 * f.share).toFixed(0)} % |`), ''];

export function render(r) {
  const rows = [];
  const row = (what, value, target, ok) => rows.push(`| ${what} | ${value} | ${target} | ${verdict(ok)} |`);
  const drag = (what, d, p95) => {
    row(`${what}: median`, `${ms(d.median)} ms`, '≤ 8 ms', d.median <= 8);
    if (p95) row(`${what}: p95`, `${ms(d.p95)} ms (max ${ms(d.max)})`, '≤ 16 ms', d.p95 <= 16);
  };
  if (r.dragOpen) drag('drag an η slider, 9 × 1000 steps, DPR 2, every panel open', r.dragOpen, true);
  if (r.dragClosed) drag('the same, panels closed', r.dragClosed, false);
  if (r.surface) {
    for (const [name, s] of Object.entries(r.surface)) {
      const limit = BUILTIN.includes(name) ? 8 : 20;
      const [w, h] = s.device;
      row(`change the surface: ${name}, ${w}×${h} device px`, `${ms(s.surface)} ms`, `≤ ${limit} ms`, s.surface <= limit);
      row(`… plain-JS loop, same pixels, same run / the page`, `${ms(s.js)} ms / ${ms(s.surface)} ms = ${ratio(s.jsOverSurface)}`, '≥ 4×', s.jsOverSurface >= 4);
    }
  }
  const nat = (k) => r.native?.[`raster/${k}`];
  // The same picture as the page path draws before putImageData (heatmap,
  // isolines and minima inked in: picture::Picture), natively.
  const natPic = (k) => r.native?.[`picture/${k}`];
  if (r.simd) {
    for (const kind of ['bowl', 'rosenbrock']) {
      const k = `${kind}/1280x800`;
      const v = r.simd.raster[k];
      row(`heatmap 1280×800 (1 M px) ${kind}, page path (the page's render_surface)`, `${ms(v.page)} ms`, '≤ 2 ms', v.page <= 2);
      if (natPic(k) !== undefined) row(`… / native, the same picture (heatmap, isolines, minima: ${ms(natPic(k))} ms, target-cpu=native)`, ratio(v.page / natPic(k)), '≤ 1.1×', v.page / natPic(k) <= 1.1);
      row(`… plain JS (${ms(v.js)} ms) / page path`, ratio(v.js / v.page), '≥ 6×', v.js / v.page >= 6);
      row(`… fast-log JS (${ms(v.jsFastLog)} ms) / page path`, ratio(v.jsFastLog / v.page), '≥ 2×', v.jsFastLog / v.page >= 2);
    }
  }
  if (r.anim) {
    row('playing 7 × 10 000 steps: frames/s', `${r.anim.framesPerSecond.toFixed(0)} frames/s (${r.anim.drawsPerSecond.toFixed(0)} draws/s)`, '60 frames/s', r.anim.framesPerSecond >= 55);
    row('playing 7 × 10 000 steps: frame', `${ms(r.anim.median)} ms`, '≤ 3 ms', r.anim.median <= 3);
  }
  if (r.animOpen) {
    row('playing 7 × 10 000 steps, every panel open: frames/s', `${r.animOpen.framesPerSecond.toFixed(0)} frames/s (${r.animOpen.drawsPerSecond.toFixed(0)} draws/s)`, '60 frames/s', r.animOpen.framesPerSecond >= 55);
  }
  if (r.weight) {
    const gz = r.weight.reduce((a, f) => a + f.gzip, 0);
    const raw = r.weight.reduce((a, f) => a + f.raw, 0);
    row(`page weight, gzip: what the first load fetches (${r.weight.length} files)`, `${kb(gz)} (raw ${kb(raw)})`, '≤ 100 KB', gz <= 100 * 1024);
  }
  if (r.first?.n > 1) row('navigation → first heatmap, loopback', `${ms(r.first.median)} ms`, '≤ 150 ms', r.first.median <= 150);
  if (r.firstSlow) row('navigation → first heatmap, 1.6 Mbps / 150 ms RTT', `${ms(r.firstSlow.median)} ms`, '≤ 1500 ms', r.firstSlow.median <= 1500);

  const kernel = [];
  const krow = (what, value, budget, ok) => kernel.push(`| ${what} | ${value} | ${budget} | ${verdict(ok)} |`);
  if (r.simd) {
    for (const kind of ['bowl', 'rosenbrock']) {
      const k = `${kind}/1280x800`;
      const v = r.simd.raster[k];
      krow(`raster kernel 1280×800 ${kind}, wasm SIMD`, `${ms(v.wasm)} ms`, '≤ 2 ms', v.wasm <= 2);
      if (r.plain) krow(`raster kernel 1280×800 ${kind}, wasm without SIMD`, `${ms(r.plain.raster[k].wasm)} ms`, '≤ 6.5 ms', r.plain.raster[k].wasm <= 6.5);
      krow(`raster 1280×800 ${kind}, plain JS (Math.log)`, `${ms(v.js)} ms`, '', undefined);
      krow(`raster 1280×800 ${kind}, JS with the fast log`, `${ms(v.jsFastLog)} ms`, '', undefined);
      if (nat(k) !== undefined) krow(`raster kernel 1280×800 ${kind}, native (target-cpu=native)`, `${ms(nat(k))} ms`, '', undefined);
      krow(`ratio plain JS / wasm kernel (${kind})`, ratio(v.js / v.wasm), '≥ 5×', v.js / v.wasm >= 5);
      krow(`ratio fast-log JS / wasm kernel (${kind})`, ratio(v.jsFastLog / v.wasm), '≥ 1.8×', v.jsFastLog / v.wasm >= 1.8);
      if (nat(k) !== undefined) krow(`ratio wasm kernel / native (${kind})`, ratio(v.wasm / nat(k)), '≤ 1.1×', v.wasm / nat(k) <= 1.1);
      if (v.picture !== undefined && natPic(k) !== undefined) {
        krow(`picture 1280×800 ${kind} (heatmap, isolines, minima), wasm / native`, `${ms(v.picture)} ms / ${ms(natPic(k))} ms = ${ratio(v.picture / natPic(k))}`, '', undefined);
      }
    }
    krow('putImageData 1280×800 from wasm memory', `${ms(r.simd.putImageData)} ms`, '', undefined);
  }

  const detail = ['| figure | median | p95 | min | max | n |', '|---|---|---|---|---|---|'];
  const d = (name, v) => detail.push(`| ${name} | ${ms(v.median)} | ${ms(v.p95)} | ${ms(v.min)} | ${ms(v.max)} | ${v.n ?? ''} |`);
  const counts = [];
  for (const [name, v] of [['drag, every panel open', r.dragOpen], ['drag, panels closed', r.dragClosed]]) {
    if (!v) continue;
    d(`${name}: input → painted`, v);
    if (v.fromEvent) d(`${name}: from the pointer event's time → painted`, v.fromEvent);
    detail.push(`| ${name}: input → the next frame after the paint | ${ms(v.toFrame)} | | | | |`);
    counts.push(`- ${name}: ${v.drawsPerInput.toFixed(2)} plot draws per input, ${v.longTasks} long tasks (> 50 ms) `
      + `totalling ${ms(v.longTaskMs)} ms, ${v.unpainted} inputs never painted; `
      + `after each drag the runs shown ${v.fresh ? 'were' : '**were not**'} the scene's runs simulated afresh`);
  }
  if (r.surface) {
    for (const [name, s] of Object.entries(r.surface)) {
      detail.push(`| surface ${name}: change → painted (p95 ${ms(s.changeP95)}) | ${ms(s.change)} | | | | ${s.n} |`);
      detail.push(`| surface ${name}: unchanged frame | ${ms(s.same)} | | | | ${s.n} |`);
      detail.push(`| surface ${name}: plain-JS loop, view ${s.view.join(', ')} | ${ms(s.js)} | | | | ${s.n} |`);
    }
  }
  if (r.simd) {
    for (const [k, v] of Object.entries(r.simd.raster)) {
      detail.push(`| page path (render_surface) ${k} | ${ms(v.page)} | | ${ms(v.pageMin)} | | |`);
      if (v.picture !== undefined) detail.push(`| … of which the picture in wasm (picture::Picture, no canvas) | ${ms(v.picture)} | | ${ms(v.pictureMin)} | | |`);
      detail.push(`| wasm SIMD kernel ${k} | ${ms(v.wasm)} | | ${ms(v.wasmMin)} | | |`);
      detail.push(`| … of which sampling f | ${ms(v.wasmSample)} | | | | |`, `| … of which log scale → colour → RGBA | ${ms(v.wasmColour)} | | | | |`);
      if (r.plain) detail.push(`| wasm no SIMD kernel ${k} | ${ms(r.plain.raster[k].wasm)} | | ${ms(r.plain.raster[k].wasmMin)} | | |`);
      detail.push(`| plain JS ${k} | ${ms(v.js)} | | ${ms(v.jsMin)} | | |`);
      detail.push(`| fast-log JS ${k} | ${ms(v.jsFastLog)} | | ${ms(v.jsFastLogMin)} | | |`);
      if (nat(k) !== undefined) detail.push(`| native kernel ${k} | ${ms(nat(k))} | | | | |`);
      if (natPic(k) !== undefined) detail.push(`| native picture (heatmap, isolines, minima) ${k} | ${ms(natPic(k))} | | | | |`);
    }
  }
  if (r.anim) {
    d('playing: animation frame', r.anim);
    detail.push(`| playing: first frame (draws the trail layer whole) | ${ms(r.anim.first)} | | | | |`);
  }
  for (const [what, a] of [['panels closed', r.animTraced], ['every panel open', r.animOpen]]) {
    if (a?.main) d(`playing, ${what}: the browser's whole frame (script, style, layout, paint, commit; traced)`, a.main);
  }
  if (r.animOpen) d('playing, every panel open: animation frame', r.animOpen);
  if (r.first?.n > 1) d('first heatmap, loopback', r.first);
  if (r.firstSlow) d('first heatmap, 1.6 Mbps / 150 ms RTT', r.firstSlow);
  if (r.native) {
    for (const k of Object.keys(r.native).filter((k) => !/^(raster|picture)\//.test(k))) detail.push(`| native ${k} | ${ms(r.native[k])} | | | | |`);
  }

  const profiles = [];
  for (const [name, v] of [['every panel open', r.dragOpen], ['panels closed', r.dragClosed]]) {
    if (!v?.profile) continue;
    profiles.push(`Drag, ${name}: ${ms(v.profile.busyMs)} ms busy in one more drag; self time per function:`, '',
      ...table(v.profile));
  }
  for (const [name, v] of Object.entries(r.surface ?? {})) {
    if (!v.profile) continue;
    profiles.push(`Surface change, ${name}: ${ms(v.profile.busyMs)} ms busy in three changes:`, '', ...table(v.profile));
  }

  const wt = ['| file | type | raw | gzip -9 | on the wire |', '|---|---|---|---|---|'];
  for (const f of r.weight ?? []) wt.push(`| ${f.file} | ${f.type} | ${f.raw} B | ${f.gzip} B | ${f.wire} B |`);
  if (r.weightNoSimd) wt.push(`| wasm + JS + CSS + HTML, no-SIMD build | | ${r.weightNoSimd.total.raw} B | ${r.weightNoSimd.total.gzip} B | |`);

  const check = r.simd ? Object.entries(r.simd.raster)
    .map(([k, v]) => `${k}: ${v.channelsDifferingFromJs} channel values differ (max by ${v.maxChannelDifference})`)
    .join('; ') : '';
  const dpr = r.simd?.devicePixelRatio ?? 2;
  return `# Benchmarks

Written by \`make bench\` (scripts/bench.mjs); numbers of the last run${r.rows.length < 8 ? ` (rows: ${r.rows.join(', ')})` : ''}.
Medians of ${r.reps} repetitions after ${r.warmup} warm-up runs unless a row says
otherwise, on a machine shared with other work (expect noise; compare the
ratios, measured in the same run, and the counts).

- date: ${r.date}
- machine: ${r.machine.cpu}, ${r.machine.cores} cores, ${r.machine.memGiB} GiB; load average at the start ${r.loadStart}, at the end ${r.loadEnd}
- browser: ${r.browser} headless, software canvas (--disable-gpu), devicePixelRatio ${dpr}, viewport 1280×800 (the plot is 1750×1020 device px), cross-origin isolated (5 µs timer)
- native: ${r.native ? '`cargo bench --bench surface`, opt-level 3, `-C target-cpu=native`' : 'not run'}

## What the user feels (issue 16)

| what the user does | this run | target | |
|---|---|---|---|
${rows.join('\n')}

How each row is measured (scripts/bench-lib.mjs):

- **Input → painted frame.** t0 is when the main thread starts handling
  the input (for the drag, the pointer event that moved the slider; for a
  field, the event sent); t1 is when the plot's draw counter
  (\`data-draws\`) has changed after the input and a 1-pixel
  \`getImageData\` of the plot and the loss chart has forced both canvases
  to finish their drawing. The details add the drag measured from the
  pointer event's own time (Chromium delivers pointer moves aligned to
  frames, 0–16.7 ms later on an idle page, and later still when the main
  thread is busy with the page's earlier work: the long tasks below) and to
  the next animation frame after the paint (when the compositor can show it).
- **Slider drag.** \`?…&steps=1000\` with 9 optimizers (GD, momentum,
  AdaGrad, RMSProp, Adam, Adam+L2, AdamW, NAdam, Adamax on Rosenbrock),
  DPR 2. The first card's η slider is dragged with the mouse (Chromium's
  own input pipeline): 1-pixel moves down and back (each a new value), at
  most one per 16.7 ms, ≥ ${r.inputs} inputs after a warm-up drag. "Every panel
  open" opens every \`<details>\` of the page (the EMA, sweep and state
  panels, Share, the PyTorch code, keys): whatever recomputes on input does.
- **Surface change.** The page opened on each surface (\`f=quadratic\`,
  \`f=rosenbrock\`, \`f=rastrigin\`, \`expr=0.1*x^2 + 2*y^2\`, and the page's
  own egg-crate example \`expr=sin(x)*cos(y) + 0.05*(x^2 + y^2)\`), its
  default optimizers, 20 steps; a parameter field changed (bowl a 0.1 ↔
  0.11, Rosenbrock b 100 ↔ 101, Rastrigin A 10 ↔ 10.1; its \`change\`
  event) or the formula retyped (a coefficient 2 ↔ 2.01 or 0.05 ↔ 0.051;
  its \`input\` event), interleaved with an unchanged frame (start x moved
  by 1e-9 through the same event: the same replay and redraw, the surface
  kept). The surface's cost is the change's median minus the unchanged
  frame's. Beside it, in the same page and run, the plain-JS loop of
  \`www/bench/baseline.js\` (\`surfacePlain\`: f at every device pixel of
  the plot's view, \`Math.log\`, the page's colour table, \`putImageData\`).
- **Heatmap, page path.** \`bench_page_surface\` (src/web/bench.rs) calls the
  page's own \`render_surface\` for the surface's default view at 1280×800
  device px (heatmap, isolines, axes, minima on a canvas, a 1-pixel read);
  native is \`cargo bench\`'s \`picture\` group: the same
  \`picture::Picture\` the page draws (heatmap, isolines and minima inked
  into the RGBA pixels, the page's line widths at DPR 1), less the canvas
  calls; the JS loops are the kernels below (a heatmap alone: they draw
  no isolines, so they do less than the page path).
- **Playing.** 7 optimizers × 10 000 steps played at 1000 steps/s from step
  5000 for 2 s; each frame the page asks for is timed from the start of its
  requestAnimationFrame callback until both canvases have finished. Again
  with every panel open (the state panel's numbers, the η(t) charts and
  the code follow each step), and both traced for the browser's whole
  frame on the main thread (\`ProxyMain::BeginMainFrame\`: the callback,
  then style, layout, paint and the commit to the compositor).
- **Page weight.** The files the first load fetched until the first
  heatmap (recorded by CDP), gzip -9 of each.
- **First heatmap.** Navigation → the plot's first painted picture
  (\`data-painted\`: heatmap, isolines, trails; the cards and panels are
  built right after it), a 1-pixel read; cache disabled; the server sends gzip. The slow row runs
  through CDP \`Network.emulateNetworkConditions\` (1.6 Mbps, 150 ms latency).

${counts.length ? `Counts (work, not time):\n\n${counts.join('\n')}\n` : ''}
${profiles.length ? `## CPU profiles\n\nCDP Profiler, 200 µs sampling, after the timed inputs (one more drag; three more surface changes); wasm functions are numbered (the release build keeps no names). \`getImageData\` is the canvas's deferred drawing, run when the benchmark's 1-pixel read forces it.\n\n${profiles.join('\n')}` : ''}
${kernel.length ? `## Kernels (issue 7 budgets)

| figure | this run | budget | |
|---|---|---|---|
${kernel.join('\n')}

"raster kernel" is value → log scale → colormap → RGBA for every device
pixel (1280×800 = 1 M samples) of the surface's default view into kept
buffers (\`Raster\`, the core kernel \`cargo bench\` times natively). The JS
versions compute the same pixels with the same colour table (${check}).
` : ''}
## Details (ms)

${detail.join('\n')}
${r.weight ? `
## What the first load fetches

${wt.join('\n')}
` : ''}`;
}
