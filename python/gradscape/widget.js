// The front end of gradscape.Figure and gradscape.Playground (anywidget).
// anywidget imports this module from a Blob URL, so nothing can be fetched
// relative to it: the wasm-bindgen glue arrives as text (`_glue`, imported
// from a Blob URL of its own), the wasm as bytes (`_wasm`) and the Chinese
// tables as text (`_zh`, installed once: the wasm is built without them). The figure is
// the release build's `mount()`; this file only wires it to the model.

// One instantiated module per page and glue text: a notebook with ten
// figures compiles the wasm once.
const loaded = (globalThis.__gradscapeWidget ??= new Map());

function bytesOf(v) {
  if (v instanceof DataView) return new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
  if (v instanceof ArrayBuffer) return new Uint8Array(v);
  if (ArrayBuffer.isView(v)) return new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
  throw new Error('gradscape: the wasm did not arrive as bytes');
}

function bindings(model) {
  const glue = model.get('_glue');
  let p = loaded.get(glue);
  if (!p) {
    p = (async () => {
      const url = URL.createObjectURL(new Blob([glue], { type: 'text/javascript' }));
      try {
        const mod = await import(/* webpackIgnore: true */ url);
        await mod.default({ module_or_path: bytesOf(model.get('_wasm')) });
        mod.install_zh(model.get('_zh'));
        return mod;
      } finally {
        URL.revokeObjectURL(url);
      }
    })();
    // A failed load is not cached: the next view tries again.
    p.catch(() => loaded.delete(glue));
    loaded.set(glue, p);
  }
  return p;
}

const message = (e) => String(e && e.message ? e.message : e);

// The page's learning-rate slider (crates/core/src/params.rs, ParamInfo::of
// for η): logarithmic over 1e-4..10 in 1000 positions, values rounded to 3
// significant digits.
const LR = { min: 1e-4, max: 10, positions: 1000 };
const lrToPos = (v) => {
  const p = (Math.log10(v) - Math.log10(LR.min)) / (Math.log10(LR.max) - Math.log10(LR.min));
  return Math.round(Math.min(1, Math.max(0, Number.isFinite(p) ? p : 0)) * LR.positions);
};
const posToLr = (pos) => {
  const p = Math.min(1, Math.max(0, pos / LR.positions));
  const e = Math.log10(LR.min) + p * (Math.log10(LR.max) - Math.log10(LR.min));
  return Number((10 ** e).toPrecision(3));
};

async function render({ model, el }) {
  el.classList.add('gradscape-widget');
  const host = document.createElement('div');
  const controls = document.createElement('div');
  controls.className = 'gs-controls';
  const error = document.createElement('p');
  error.className = 'gs-error';
  error.setAttribute('role', 'alert');
  error.hidden = true;
  el.append(host, controls, error);

  let gs;
  try {
    gs = await bindings(model);
  } catch (e) {
    error.textContent = message(e);
    error.hidden = false;
    model.set('error', message(e));
    model.save_changes();
    return;
  }

  let fig = null;
  // The scene (as JSON text) this view last drew or refused, so that its
  // own write-back does not redraw; and why it refused it ("" if drawn).
  let last = null;
  let refused = '';

  const report = (scene, err, out) => {
    model.set('error', err);
    model.set('trajectories', err ? { scene, error: err } : { scene, ...out });
    model.save_changes();
  };

  // Draw the model's scene; a refused scene shows the field-named error and
  // keeps the figure (and Python's `error`, `trajectories`) in step.
  const apply = () => {
    const scene = model.get('scene');
    const text = JSON.stringify(scene);
    if (text === last && fig) return;
    last = text;
    let err = '';
    try {
      if (fig) fig.setScene(scene);
      else fig = gs.mount(host, scene, { loss: model.get('loss'), lang: model.get('lang') });
    } catch (e) {
      err = message(e);
    }
    error.textContent = err;
    error.hidden = !err;
    let out = null;
    if (!err) {
      try {
        out = JSON.parse(gs.simulate_json(fig.sceneJson()));
      } catch (e) {
        err = message(e);
      }
    }
    refused = err;
    report(scene, err, out);
    if (model.get('_controls') && fig) sliders();
  };

  // Playground: one η slider per optimizer, named by the figure's legend
  // entry (its swatch and words, in the figure's language). Rows are kept
  // while the optimizers stay the same count, so a slider keeps the focus.
  let rows = [];
  const sliders = () => {
    const scene = JSON.parse(fig.sceneJson());
    const entries = host.querySelectorAll('.gs-legend li');
    if (rows.length !== scene.optimizers.length) {
      controls.textContent = '';
      rows = scene.optimizers.map((_, i) => row(i));
    }
    scene.optimizers.forEach((opt, i) => {
      const r = rows[i];
      const li = entries[i];
      r.swatch.textContent = '';
      const swatch = li?.querySelector('.gs-swatch')?.cloneNode(true);
      if (swatch) r.swatch.append(swatch);
      r.input.setAttribute('aria-label', (li?.textContent ?? '').split(' — ')[0]);
      if (document.activeElement !== r.input) r.input.value = String(lrToPos(opt.lr));
      r.value.textContent = String(opt.lr);
    });
  };
  const row = (i) => {
    const label = document.createElement('label');
    label.className = 'gs-lr';
    const swatch = document.createElement('span');
    const symbol = document.createElement('span');
    symbol.textContent = 'η';
    const input = document.createElement('input');
    input.type = 'range';
    input.min = '0';
    input.max = String(LR.positions);
    input.step = '1';
    const value = document.createElement('output');
    label.append(swatch, symbol, input, value);
    controls.append(label);
    const edited = () => {
      const next = JSON.parse(fig.sceneJson());
      next.optimizers[i].lr = posToLr(Number(input.value));
      value.textContent = String(next.optimizers[i].lr);
      return next;
    };
    // While dragging only the figure follows; on release the scene goes
    // back to Python (model.set fires change:scene, which redraws once).
    input.addEventListener('input', () => {
      try {
        fig.setScene(edited());
      } catch (e) {
        error.textContent = message(e);
        error.hidden = false;
      }
    });
    input.addEventListener('change', () => {
      model.set('scene', edited());
    });
    return { swatch, input, value };
  };

  // A new `loss` or `lang` rebuilds the figure, from the scene it shows (a
  // refused scene in the model stays refused, in the new language).
  const remount = () => {
    const keep = fig ? fig.sceneJson() : null;
    if (fig) {
      fig.destroy();
      fig.free();
    }
    fig = null;
    last = null;
    rows = [];
    controls.textContent = '';
    if (keep) fig = gs.mount(host, keep, { loss: model.get('loss'), lang: model.get('lang') });
    apply();
  };
  // Python's save_svg: the figure as shown, as SVG text, sent back with
  // the request's number. A view with no figure leaves it to another view
  // of the same widget (Python takes the first answer); one that refused
  // the model's scene says why rather than send the last good figure.
  const custom = (msg) => {
    if (msg?.type !== 'svg' || !fig) return;
    try {
      if (refused) throw new Error(refused);
      model.send({ type: 'svg', id: msg.id, svg: fig.svg() });
    } catch (e) {
      model.send({ type: 'svg', id: msg.id, error: message(e) });
    }
  };
  model.on('change:scene', apply);
  model.on('change:loss', remount);
  model.on('change:lang', remount);
  model.on('msg:custom', custom);
  apply();

  return () => {
    model.off('change:scene', apply);
    model.off('change:loss', remount);
    model.off('change:lang', remount);
    model.off('msg:custom', custom);
    if (fig) {
      fig.destroy();
      fig.free();
    }
  };
}

export default { render };
