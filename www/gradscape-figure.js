// <gradscape-figure>: a gradscape figure as an HTML element, for course
// sites (MkDocs, Quarto, Jupyter Book) and reveal.js decks. One line loads it:
//   <script type="module" src="…/gradscape-figure.js"></script>
//   <gradscape-figure scene='{"optimizers":[{"kind":"momentum"}]}' loss controls></gradscape-figure>
// It is a thin layer over mount() (gradscape.js): the scene, the drawing,
// the words and their language are the wasm's; this file only maps
// attributes to mount()'s options and the element's life to the figure's.
//
// Attributes: scene (JSON text; none or empty = the default scene), loss
// (the loss chart), controls (the play bar; without it the figure is a
// picture that still plays, pauses and answers the pointer), lang (en|zh;
// else the nearest ancestor's lang, else <html lang>), autoplay (plays while
// on screen: in a reveal.js deck, while its slide is current), step (the
// opening step; default the last, or 0 with autoplay), width and height (CSS
// px, as an <img>'s: the figure at most that wide, and all of it — plot,
// bar, legend, loss chart — that tall, the plot taking what the rest leave;
// a height in the element's own style works the same). Else size it with CSS.

import init, { mount, install_zh } from './gradscape.js';

let ready;
// The wasm next to this module, whatever path or CDN serves the folder.
const start = () =>
  (ready ??= init({ module_or_path: new URL('./gradscape_bg.wasm', import.meta.url) }));
// The Chinese tables are data beside the wasm (zh.json), installed once,
// before the first Chinese figure mounts; a failed fetch leaves English words.
let zhReady = null;
const startZh = () =>
  (zhReady ??= fetch(new URL('./zh.json', import.meta.url))
    .then((r) => (r.ok ? r.text() : Promise.reject(new Error(`zh.json: HTTP ${r.status}`))))
    .then((text) => install_zh(text))
    .catch((e) => console.error(e)));

// The only words not from the wasm: said when the wasm itself cannot load.
const LOAD_FAILED = {
  en: 'The gradscape figure could not start: ',
  zh: 'gradscape 图未能启动：',
};

// Zero specificity (:where), so any rule of the host page wins. The
// figure inside is styled by mount() itself (src/web/figure/mod.rs).
const SHEET = `
:where(gradscape-figure) { display: block; }
:where(gradscape-figure .gs-error) { color: #b00020; font-size: 0.92em; margin: 0.3rem 0; white-space: pre-wrap; }
`;
let styled = false;
const style = () => {
  if (styled) return;
  styled = true;
  try {
    // A constructed sheet, not a <style> element: allowed under a strict CSP.
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(SHEET);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  } catch {
    // Old browsers: the figure works unstyled (the host page may style it).
  }
};

const OPTIONS = ['loss', 'controls', 'lang', 'autoplay', 'step', 'width', 'height'];

class GradscapeFigure extends HTMLElement {
  static observedAttributes = ['scene', ...OPTIONS];

  #figure = null;
  #host = null;
  #error = null;
  #active = false;
  #generation = 0;
  #observer = null;
  #resize = null;
  #onSlide = null;
  #onResize = null;
  #sizedWidth = false;

  /** The mounted Figure (play, pause, step, stepBack, seek, t, setScene, sceneJson), or null. */
  get figure() {
    return this.#figure;
  }

  play() {
    this.#safely(() => this.#figure?.play());
  }

  pause() {
    this.#safely(() => this.#figure?.pause());
  }

  // A figure's error is shown in the element, never thrown into the page.
  #safely(f) {
    try {
      f();
    } catch (e) {
      this.#say(String(e));
    }
  }

  connectedCallback() {
    style();
    this.#mount();
    this.#watch();
  }

  disconnectedCallback() {
    this.#generation += 1; // a mount still waiting for the wasm is dropped
    this.#unwatch();
    this.#figure?.destroy();
    this.#figure?.free();
    this.#figure = null;
    this.replaceChildren();
    this.#host = this.#error = null;
  }

  attributeChangedCallback(name, old, value) {
    if (old === value || !this.isConnected || !this.#error) return;
    if (name === 'scene' && this.#figure) {
      try {
        this.#figure.setScene(value || '{}');
        this.#say(null);
        this.#safely(() => this.#started());
      } catch (e) {
        // mount()'s field-named error; the last good figure stays.
        this.#say(String(e));
      }
    } else {
      // Another language, loss chart or bar is the same figure said or shown
      // differently: the reader's start and step stay (a new `step` is a
      // new opening step).
      this.#mount(['lang', 'loss', 'controls', 'width', 'height'].includes(name));
    }
  }

  // width= sets the element's width (never wider than its column); height=
  // (or an inline style height in px) is the whole figure's height, which
  // mount() fits the plot into.
  #size() {
    const px = (v) => (/^\s*\d+(\.\d+)?\s*(px)?\s*$/.test(v ?? '') ? parseFloat(v) : null);
    const width = px(this.getAttribute('width'));
    // An author's own inline width stays unless width= set it.
    if (width || this.#sizedWidth) {
      this.style.width = width ? `${width}px` : '';
      this.style.maxWidth = width ? '100%' : '';
      this.#sizedWidth = Boolean(width);
    }
    const height = px(this.getAttribute('height')) ?? px(this.style.height);
    return height ? { height } : {};
  }

  #lang() {
    const code = (this.closest('[lang]')?.getAttribute('lang') || '').toLowerCase();
    return code.startsWith('zh') ? 'zh' : 'en';
  }

  #say(text) {
    if (!this.#error) return;
    this.#error.textContent = text ?? '';
    this.#error.hidden = !text;
  }

  async #mount(keep = false) {
    const generation = ++this.#generation;
    if (!this.#error) {
      this.#error = document.createElement('p');
      this.#error.className = 'gs-error';
      this.#error.setAttribute('role', 'alert');
      this.#error.hidden = true;
      this.replaceChildren(this.#error);
    }
    try {
      await start();
      if (this.#lang() === 'zh') await startZh();
    } catch (e) {
      if (generation === this.#generation) this.#say(LOAD_FAILED[this.#lang()] + String(e));
      return;
    }
    if (generation !== this.#generation || !this.isConnected) return;
    const old = this.#figure;
    const kept = keep && old ? { scene: old.sceneJson(), t: old.t } : null;
    const scene = kept?.scene ?? (this.getAttribute('scene') || '{}');
    // A fresh host: mount() refuses a bad scene before it touches the host,
    // so on an error the last good figure stays as it was.
    // It is in the page while mounting, so the figure measures its width.
    const host = document.createElement('div');
    this.insertBefore(host, this.#host ?? this.#error);
    let figure;
    try {
      figure = mount(host, scene, { loss: this.hasAttribute('loss'), lang: this.#lang(), ...this.#size() });
    } catch (e) {
      host.remove();
      this.#say(String(e));
      return;
    }
    this.#say(null);
    if (old) {
      old.destroy();
      old.free();
    }
    this.#host?.remove();
    this.#host = host;
    this.#figure = figure;
    const bar = host.querySelector('.gs-bar');
    if (bar) bar.style.display = this.hasAttribute('controls') ? '' : 'none';
    // Without its bar, a figure of a set height gives the plot the room.
    if (bar && this.#size().height) this.#safely(() => figure.redraw());
    this.#safely(() => (kept ? figure.seek(kept.t) : this.#started()));
  }

  // The opening step, then play if autoplay and on screen.
  #started() {
    const f = this.#figure;
    if (!f) return;
    const step = this.getAttribute('step');
    if (step !== null && step.trim() !== '' && Number.isFinite(Number(step))) {
      f.seek(Number(step));
    } else if (this.hasAttribute('autoplay')) {
      f.seek(0);
    }
    if (this.hasAttribute('autoplay') && this.#active) f.play();
  }

  #setActive(active) {
    if (active === this.#active) return;
    this.#active = active;
    const f = this.#figure;
    if (!f) return;
    this.#safely(() => {
      if (active) {
        // Shown at last: measure the real width (a hidden slide had none).
        f.redraw();
        if (this.hasAttribute('autoplay')) f.play();
      } else {
        f.pause();
      }
    });
  }

  // When is the figure on screen? In a reveal.js deck: while its slide is
  // the current one (Reveal's events); anywhere else: while at least a
  // quarter of it is in the viewport.
  #watch() {
    const slide = this.closest('.reveal .slides section');
    const Reveal = window.Reveal;
    if (slide && Reveal?.on) {
      this.#onSlide = () => {
        const current = Reveal.getCurrentSlide?.();
        this.#setActive(!!current && (current === slide || current.contains(this) || slide.contains(current)));
      };
      Reveal.on('ready', this.#onSlide);
      Reveal.on('slidechanged', this.#onSlide);
      this.#onResize = () => this.#safely(() => this.#figure?.redraw());
      Reveal.on('resize', this.#onResize);
      if (Reveal.isReady?.()) this.#onSlide();
    } else if ('IntersectionObserver' in window) {
      this.#observer = new IntersectionObserver(
        (entries) => this.#setActive(entries.some((e) => e.isIntersecting)),
        { threshold: 0.25 },
      );
      this.#observer.observe(this);
    } else {
      this.#setActive(true);
    }
    if ('ResizeObserver' in window) {
      let width = this.clientWidth;
      this.#resize = new ResizeObserver(() => {
        if (this.clientWidth !== width && this.clientWidth > 0) {
          width = this.clientWidth;
          this.#safely(() => this.#figure?.redraw());
        }
      });
      this.#resize.observe(this);
    }
  }

  #unwatch() {
    this.#observer?.disconnect();
    this.#resize?.disconnect();
    this.#observer = this.#resize = null;
    if (this.#onSlide && window.Reveal?.off) {
      window.Reveal.off('ready', this.#onSlide);
      window.Reveal.off('slidechanged', this.#onSlide);
      window.Reveal.off('resize', this.#onResize);
    }
    this.#onSlide = this.#onResize = null;
    this.#active = false;
  }
}

if (!customElements.get('gradscape-figure')) {
  customElements.define('gradscape-figure', GradscapeFigure);
}

export { GradscapeFigure };
