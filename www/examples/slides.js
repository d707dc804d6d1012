// Starts the example deck (an external file: the page's CSP has no inline
// script). The figures need nothing else: <gradscape-figure> listens to
// Reveal's events itself, playing on its slide and pausing off it.
const deck = window.Reveal;
deck.initialize({ hash: true, width: 960, height: 700, transition: 'none' });

// A figure takes its height only once the wasm has loaded, after reveal.js
// has laid the slides out: a deck opened (or reloaded) at a figure's slide,
// #/1, centred that slide as if it held its heading alone, and the figure's
// lower half, play bar and legend fell below the screen. Whenever a
// figure's height changes, ask reveal.js to lay the slides out again (once
// per frame), as it does when one arrives at a slide.
if ('ResizeObserver' in window) {
  const heights = new WeakMap();
  let queued = false;
  const relayout = () => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => {
      queued = false;
      if (deck.isReady()) deck.layout();
    });
  };
  const watch = new ResizeObserver((entries) => {
    let changed = false;
    for (const e of entries) {
      const h = e.target.offsetHeight;
      if (heights.get(e.target) !== h) {
        heights.set(e.target, h);
        changed = true;
      }
    }
    if (changed) relayout();
  });
  for (const figure of document.querySelectorAll('.reveal gradscape-figure')) watch.observe(figure);
}
