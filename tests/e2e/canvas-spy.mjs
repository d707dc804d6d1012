// Runs in a page before its scripts (`page.addInitScript(canvasSpy)`): per
// canvas, what was drawn since it was last cleared whole or resized —
// `texts` (the text, its font size and ink box in device px), `strokes`
// (each stroke's width in device px) and `paths` (each stroked path's
// points in device px and its width in the canvas's units). A canvas drawn
// onto another at its own size (the kept pictures) passes its record on.
// `window.__drawn(canvas)` reads it.
export function canvasSpy() {
  const empty = () => ({ texts: [], strokes: [], paths: [] });
  const drawn = new WeakMap();
  const of = (c) => {
    if (!drawn.has(c)) drawn.set(c, empty());
    return drawn.get(c);
  };
  const reset = (c) => drawn.set(c, empty());
  const P = CanvasRenderingContext2D.prototype;
  const scale = (t) => Math.sqrt(Math.abs(t.a * t.d - t.b * t.c));
  const { fillText, stroke, clearRect, drawImage, beginPath, moveTo, lineTo } = P;
  const pts = new WeakMap();
  const at = (ctx, x, y) => {
    const t = ctx.getTransform();
    return [t.a * x + t.c * y + t.e, t.b * x + t.d * y + t.f];
  };
  P.beginPath = function () { pts.set(this, []); return beginPath.apply(this, arguments); };
  P.moveTo = function (x, y) { pts.get(this)?.push(at(this, x, y)); return moveTo.apply(this, arguments); };
  P.lineTo = function (x, y) { pts.get(this)?.push(at(this, x, y)); return lineTo.apply(this, arguments); };
  P.fillText = function (text, x, y, maxWidth) {
    const m = this.measureText(text);
    const t = this.getTransform();
    const sx = maxWidth !== undefined && m.width > maxWidth ? maxWidth / m.width : 1;
    const [l, r] = [x - m.actualBoundingBoxLeft * sx, x + m.actualBoundingBoxRight * sx];
    const [top, bottom] = [y - m.actualBoundingBoxAscent, y + m.actualBoundingBoxDescent];
    const corners = [[l, top], [r, top], [l, bottom], [r, bottom]].map(([u, v]) => at(this, u, v));
    const xs = corners.map((p) => p[0]);
    const ys = corners.map((p) => p[1]);
    const px = Number(/([\d.]+)px/.exec(this.font)?.[1]) * scale(t);
    of(this.canvas).texts.push({ text: String(text), px, box: [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)] });
    return fillText.apply(this, arguments);
  };
  P.stroke = function () {
    const d = of(this.canvas);
    d.strokes.push(this.lineWidth * scale(this.getTransform()));
    d.paths.push({ width: this.lineWidth, pts: [...(pts.get(this) ?? [])] });
    return stroke.apply(this, arguments);
  };
  P.clearRect = function (x, y, w, h) {
    const t = this.getTransform();
    const [x0, y0, x1, y1] = [t.a * x + t.e, t.d * y + t.f, t.a * (x + w) + t.e, t.d * (y + h) + t.f];
    if (x0 <= 0.5 && y0 <= 0.5 && x1 >= this.canvas.width - 1 && y1 >= this.canvas.height - 1) reset(this.canvas);
    return clearRect.apply(this, arguments);
  };
  P.drawImage = function (src, ...xy) {
    const t = this.getTransform();
    if (src instanceof HTMLCanvasElement && xy.length === 2 && t.a === 1 && t.d === 1 && drawn.has(src)) {
      const [dx, dy] = [xy[0] + t.e, xy[1] + t.f];
      const d = of(this.canvas);
      const s = drawn.get(src);
      for (const r of s.texts) d.texts.push({ ...r, box: [r.box[0] + dx, r.box[1] + dy, r.box[2] + dx, r.box[3] + dy] });
      d.strokes.push(...s.strokes);
      for (const p of s.paths) d.paths.push({ ...p, pts: p.pts.map(([x, y]) => [x + dx, y + dy]) });
    }
    return drawImage.apply(this, [src, ...xy]);
  };
  for (const k of ['width', 'height']) {
    const d = Object.getOwnPropertyDescriptor(HTMLCanvasElement.prototype, k);
    Object.defineProperty(HTMLCanvasElement.prototype, k, {
      get: d.get,
      set(v) { reset(this); d.set.call(this, v); },
      configurable: true,
    });
  }
  window.__drawn = (c) => drawn.get(c) ?? empty();
}
