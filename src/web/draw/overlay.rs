//! What the state panel adds to the main canvas: at the current point of
//! each visible run, the step plain GD would take (−η·g, dashed white), the
//! actual step x_{t+1} − x_t (solid, the run's colour) and, for Adam+L2 and
//! AdamW, the weight-decay part of that step (dotted) — and, because that
//! part is a few pixels long, its direction again as a long arrow against a
//! faint line to the origin, labelled: AdamW's points at the origin,
//! Adam+L2's is bent by 1/√v̂ (the anisotropy lesson 9 is about); and, when
//! an Adam+L2 run is shown, the isolines of the L2-regularized loss
//! f + λ/2·‖x‖² (dashed white on a dark casing: white is no run's colour,
//! so they are never taken for a trail).
//!
//! The numbers (arrows, isolines) come from [`crate::inspect`]; the state
//! panel's refresh returns the [`Overlay`] and the page passes it to
//! `draw_plot` (a figure passes none). The pixel positions of the arrows are
//! written to the canvas as `data-arrows` (CSS pixels) for tests.

use super::Rect;
use super::{Frame, Geom, Style};
use crate::inspect::Arrows;
use crate::optim::OptKind;
use crate::surface::mark;
use crate::Vec2;
use gradscape_text::Lang;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// Everything drawn over the trails in one frame.
#[derive(Debug, Clone, Default)]
pub struct Overlay {
    /// One set of arrows per visible inspected run, with the run's index
    /// (its colour).
    pub arrows: Vec<(usize, Arrows)>,
    /// Isolines of the L2-regularized loss, world polylines.
    pub l2: Option<Rc<Vec<Vec<Vec2>>>>,
    /// The kind of each arrowed run (which decay label it gets).
    pub kinds: Vec<OptKind>,
    /// The language of the decay labels.
    pub lang: Lang,
}

/// The length (CSS px) of the decay-direction arrow.
const DECAY_DIR: f64 = 70.0;

thread_local! {
    /// The L2 isolines stroked once into their own layer with the axes'
    /// labels over them, blitted each frame in place of the labels alone
    /// (dashed strokes are the software canvas's slowest path, and each
    /// full-canvas blit costs as much as the trails: one blit, not two).
    static L2_LAYER: RefCell<Option<(L2Key, HtmlCanvasElement, Vec<Rect>)>> = const { RefCell::new(None) };
}

/// What the layer was drawn from: the lines (by address), the window, the
/// pixel size, the text sizes and the labels' canvas (whose picture
/// follows from the window, size and text sizes).
#[derive(Debug, Clone, PartialEq)]
struct L2Key {
    lines: usize,
    view: crate::landscape::View,
    w: f64,
    h: f64,
    dpr: f64,
    style: Style,
    labels: HtmlCanvasElement,
}

/// The layer of `lines` for geometry `g` with `labels` over them, drawn
/// when any of it changed, and the tiles of it that hold pixels.
fn l2_layer(
    canvas: &HtmlCanvasElement,
    g: &Geom,
    st: &Style,
    lines: &Rc<Vec<Vec<Vec2>>>,
    labels: &HtmlCanvasElement,
) -> Result<(HtmlCanvasElement, Vec<Rect>), JsValue> {
    let key = L2Key {
        lines: Rc::as_ptr(lines) as usize,
        view: g.view,
        w: g.w,
        h: g.h,
        dpr: g.dpr,
        style: *st,
        labels: labels.clone(),
    };
    L2_LAYER.with(|slot| {
        let mut slot = slot.borrow_mut();
        if let Some((k, layer, tiles)) = slot.as_ref() {
            if *k == key {
                return Ok((layer.clone(), tiles.clone()));
            }
        }
        let doc = canvas.owner_document().ok_or("no document")?;
        let layer: HtmlCanvasElement = match slot.take() {
            Some((_, c, _)) => c,
            None => doc.create_element("canvas")?.dyn_into()?,
        };
        layer.set_width((g.w * g.dpr).round().max(1.0) as u32);
        layer.set_height((g.h * g.dpr).round().max(1.0) as u32);
        let ctx = super::context(&layer)?;
        ctx.set_transform(g.dpr, 0.0, 0.0, g.dpr, 0.0, 0.0)?;
        ctx.clear_rect(0.0, 0.0, g.w, g.h);
        ctx.begin_path();
        for line in lines.iter() {
            polyline(&ctx, g, line);
        }
        dash(&ctx, &[7.0, 5.0])?;
        ctx.set_stroke_style_str("rgba(0,0,0,0.55)");
        ctx.set_line_width(3.0);
        ctx.stroke();
        ctx.set_stroke_style_str("rgba(255,255,255,0.95)");
        ctx.set_line_width(1.5);
        ctx.stroke();
        ctx.set_line_dash(&js_sys::Array::new())?;
        ctx.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0)?;
        ctx.draw_image_with_html_canvas_element(labels, 0.0, 0.0)?;
        let tiles = super::tiles(&layer)?;
        *slot = Some((key, layer.clone(), tiles.clone()));
        Ok((layer, tiles))
    })
}

fn polyline(ctx: &CanvasRenderingContext2d, g: &Geom, line: &[Vec2]) {
    for (i, p) in line.iter().enumerate() {
        let (x, y) = g.px(*p);
        if i == 0 {
            ctx.move_to(x, y);
        } else {
            ctx.line_to(x, y);
        }
    }
}

fn dash(ctx: &CanvasRenderingContext2d, pattern: &[f64]) -> Result<(), JsValue> {
    super::trails::set_dash(ctx, pattern);
    Ok(())
}

/// An arrow from `a` to `b` (CSS pixels), with a head when it is long
/// enough to show one.
fn arrow(
    ctx: &CanvasRenderingContext2d,
    a: (f64, f64),
    b: (f64, f64),
    colour: &str,
    width: f64,
    k: f64,
    pattern: &[f64],
) -> Result<(), JsValue> {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let len = dx.hypot(dy);
    if !(len.is_finite()) || len < 0.5 {
        return Ok(());
    }
    let (ux, uy) = (dx / len, dy / len);
    let head = (len * 0.5).min(10.0 * k);
    let path = |ctx: &CanvasRenderingContext2d| {
        ctx.begin_path();
        ctx.move_to(a.0, a.1);
        ctx.line_to(b.0, b.1);
    };
    let head_path = |ctx: &CanvasRenderingContext2d| {
        ctx.begin_path();
        ctx.move_to(b.0, b.1);
        ctx.line_to(
            b.0 - head * ux + head * 0.5 * uy,
            b.1 - head * uy - head * 0.5 * ux,
        );
        ctx.line_to(
            b.0 - head * ux - head * 0.5 * uy,
            b.1 - head * uy + head * 0.5 * ux,
        );
        ctx.close_path();
    };
    // A dark halo under the line so it reads on any colour of the map.
    dash(ctx, pattern)?;
    path(ctx);
    ctx.set_stroke_style_str("rgba(0,0,0,0.75)");
    ctx.set_line_width(width + 2.5);
    ctx.stroke();
    path(ctx);
    ctx.set_stroke_style_str(colour);
    ctx.set_line_width(width);
    ctx.stroke();
    dash(ctx, &[])?;
    if head >= 3.0 {
        head_path(ctx);
        ctx.set_fill_style_str(colour);
        ctx.fill();
        ctx.set_stroke_style_str("rgba(0,0,0,0.75)");
        ctx.set_line_width(1.2);
        ctx.stroke();
    }
    Ok(())
}

fn px_json(p: (f64, f64)) -> String {
    format!("[{:.2},{:.2}]", p.0, p.1)
}

/// Draw `overlay` on `canvas` (called by `draw_plot` after the trails,
/// with the context in CSS pixels); None clears the test attributes.
/// With L2 isolines the axes' `labels` come with them (one blit) and true
/// is returned: the caller then does not draw the labels again; `whole`
/// composites that layer whole, not by its tiles (the exact frame a test
/// compares with). (The
/// arrows are then drawn over the labels rather than under them: they
/// meet only where an arrow reaches the bottom or left edge.)
pub fn draw(
    canvas: &HtmlCanvasElement,
    ctx: &CanvasRenderingContext2d,
    f: &Frame,
    overlay: Option<&Overlay>,
    (labels, ticks): (&HtmlCanvasElement, &[[f64; 4]]),
    whole: bool,
) -> Result<bool, JsValue> {
    let (g, st) = (&f.geom, &f.style);
    let Some(o) = overlay else {
        canvas.remove_attribute("data-arrows")?;
        canvas.remove_attribute("data-l2-isolines")?;
        return Ok(false);
    };
    // The decay labels' font, set outside save/restore so the next frame
    // finds it set (see `set_font`).
    crate::web::draw::set_font(ctx, &label_font(st));
    ctx.save();
    let with_labels = if let Some(lines) = &o.l2 {
        let (layer, tiles) = l2_layer(canvas, g, st, lines, labels)?;
        // Device pixels, one to one (the layer is the canvas's size).
        ctx.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0)?;
        if whole {
            ctx.draw_image_with_html_canvas_element(&layer, 0.0, 0.0)?;
        } else {
            // Only the tiles with lines or labels: the same pixels.
            super::blit_tiles(ctx, &layer, &tiles)?;
        }
        ctx.set_transform(g.dpr, 0.0, 0.0, g.dpr, 0.0, 0.0)?;
        canvas.set_attribute("data-l2-isolines", &lines.len().to_string())?;
        true
    } else {
        canvas.remove_attribute("data-l2-isolines")?;
        false
    };
    let mut json = Vec::new();
    // The decay labels placed so far (CSS px boxes): a second one moves off
    // the first (Adam+L2's and AdamW's nearly parallel arrows at step 0 put
    // one label on the other).
    // The trails' points so far, which a decay label keeps off (lesson
    // 9's "AdamW decay" stood on AdamW's dots): only when one is drawn,
    // and at most 150 a run (a drag of nine runs of 1000 steps spent
    // 0.4 ms an input on all of them).
    let dots: Vec<(f64, f64)> = if o.arrows.iter().any(|(_, a)| a.decay.is_some()) {
        f.visible()
            .flat_map(|(_, run)| {
                let n = run.points.len().min(f.t + 1);
                run.points[..n].iter().step_by(n.div_ceil(150).max(1))
            })
            .map(|p| g.px(*p))
            .collect()
    } else {
        Vec::new()
    };
    let dots = &dots[..];
    // The view buttons' corner first: a label under ⊡ ⤢ is half hidden.
    let [cw, ch] = super::trails::buttons_corner(st);
    let mut placed: Vec<[f64; 4]> = vec![[g.w - cw, 0.0, g.w, ch]];
    // And the tick labels (a label on "2" hid the axis's number).
    placed.extend(ticks.iter().map(|[x, y, w, h]| [*x, *y, x + w, y + h]));
    // Every run's arrows before any label: the first label placed had not
    // known the other run's arrows, which then crossed it (lesson 9
    // presenting at 1366×768).
    for (_, a) in &o.arrows {
        let from = g.px(a.from);
        let tip = |v: Vec2| g.px([a.from[0] + v[0], a.from[1] + v[1]]);
        let decay = a.decay.and_then(|d| decay_tip(from, tip(d), st));
        for t in [Some(tip(a.gd)), Some(tip(a.step)), decay]
            .into_iter()
            .flatten()
        {
            placed.push(span(from, t));
        }
    }
    // Each run's decay direction arrow: a label must stand nearer its own
    // than another run's (lesson 9's AdamW label stood over Adam+L2's).
    let dirs: Vec<Segment> = o
        .arrows
        .iter()
        .filter_map(|(_, a)| {
            let from = g.px(a.from);
            let d = a.decay?;
            let end = g.px([a.from[0] + d[0], a.from[1] + d[1]]);
            Some((from, decay_tip(from, end, st)?))
        })
        .collect();
    // Last run first, so a shorter step of an earlier run (lesson 8's
    // corrected Adam under the uncorrected one) stays on top and visible.
    for (n, (index, a)) in o.arrows.iter().enumerate().rev() {
        let colour = mark(*index).colour;
        let from = g.px(a.from);
        let tip = |v: Vec2| g.px([a.from[0] + v[0], a.from[1] + v[1]]);
        let gd = tip(a.gd);
        let step = tip(a.step);
        arrow(ctx, from, gd, "#ffffff", st.px(2.0), st.line, &[5.0, 4.0])?;
        arrow(ctx, from, step, colour, st.px(3.0), st.line, &[])?;
        let mut item = format!(
            "{{\"index\":{},\"from\":{},\"gd\":{},\"step\":{}",
            index,
            px_json(from),
            px_json(gd),
            px_json(step)
        );
        if let Some(d) = a.decay {
            let dt = tip(d);
            arrow(ctx, from, dt, colour, st.px(2.5), st.line, &[2.0, 3.0])?;
            item += &format!(",\"decay\":{}", px_json(dt));
            let key = match o.kinds.get(n) {
                Some(OptKind::Adamw) => "overlay.decay.adamw",
                _ => "overlay.decay.l2",
            };
            let label = gradscape_text::tr(o.lang, key);
            let to = Label {
                text: label,
                colour,
                dots,
                arrows: &dirs,
            };
            if let Some(dir) = decay_direction(ctx, g, st, from, dt, &to, &mut placed)? {
                item += &format!(",\"decay_dir\":{}", px_json(dir));
                if let Some(b) = placed.last() {
                    item += &format!(
                        ",\"label\":[{:.1},{:.1},{:.1},{:.1}]",
                        b[0], b[1], b[2], b[3]
                    );
                }
            }
        }
        item.push('}');
        json.push(item);
    }
    ctx.restore();
    json.reverse();
    if json.is_empty() {
        canvas.remove_attribute("data-arrows")?;
    } else {
        canvas.set_attribute("data-arrows", &format!("[{}]", json.join(",")))?;
    }
    Ok(with_labels)
}

/// The decay's direction made visible: a faint line from the current point
/// to the origin, the decay part drawn again as a 70 px arrow in its own
/// direction, and a short label clear of the labels `placed` before it
/// (its box is added). Returns the arrow's tip.
fn decay_direction(
    ctx: &CanvasRenderingContext2d,
    g: &Geom,
    st: &Style,
    from: (f64, f64),
    decay_end: (f64, f64),
    label: &Label,
    placed: &mut Vec<[f64; 4]>,
) -> Result<Option<(f64, f64)>, JsValue> {
    let Label {
        text,
        colour,
        dots,
        arrows,
    } = *label;
    let Some(tip) = decay_tip(from, decay_end, st) else {
        return Ok(None);
    };
    let dx = decay_end.0 - from.0;
    let origin = g.px([0.0, 0.0]);
    ctx.begin_path();
    ctx.move_to(from.0, from.1);
    ctx.line_to(origin.0, origin.1);
    dash(ctx, &[1.5, 4.0])?;
    ctx.set_stroke_style_str("rgba(255,255,255,0.7)");
    ctx.set_line_width(st.px(1.2));
    ctx.stroke();
    dash(ctx, &[])?;
    arrow(ctx, from, tip, colour, st.px(3.0), st.line, &[])?;
    // The font is `draw`'s (set before its save).
    // Beside the tip, on the side away from the point; or, where that is
    // on the trail (AdamW's decay points along its own walk to the
    // origin), beside the point on the other side. Kept inside the
    // canvas: big presenter type near an edge must not be cut.
    let right = dx >= 0.0;
    let tw = text_width(ctx, &label_font(st), text)?;
    let (pad, half) = label_margins(st);
    // The halo too (a label at x = 4 had its box, halo and all, at −3).
    let inside = |x: f64| x.min(g.w - tw - pad).max(pad);
    // The box, halo and air included, just clear of its own arrow (6 px
    // from the text had the presenter's wider halo over it, and the label
    // was pushed far away to find room).
    let off = pad + 3.0;
    // Or above or below the arrow, centred on it: beside its ends a long
    // presenter's label met ticks and arrows, and its search for room took
    // it next to the other run's arrow.
    let b = span(from, tip);
    let mid = inside((b[0] + b[2] - tw) / 2.0);
    let sides = [
        (
            inside(if right { tip.0 + off } else { tip.0 - off - tw }),
            tip.1,
        ),
        (
            inside(if right {
                from.0 - off - tw
            } else {
                from.0 + off
            }),
            from.1,
        ),
        (mid, b[1] - half - 3.0),
        (mid, b[3] + half + 3.0),
    ];
    // The trails' dots under the label's columns are in its way too (not
    // kept: the next label has its own columns).
    let r = st.px(4.0);
    let mut best: Option<(f64, f64, Cost)> = None;
    for (lx, y) in sides {
        // Only the dots the label could meet where they count (within
        // four label heights of its place, `clear_of`): a drag with nine
        // runs of 1000 steps passed every dot to every place tried.
        let reach = 4.0 * 2.0 * half + half + r;
        let soft: Vec<[f64; 4]> = dots
            .iter()
            .filter(|p| {
                (lx - pad - r..=lx + tw + pad + r).contains(&p.0) && (p.1 - y).abs() <= reach
            })
            .map(|p| [p.0 - r, p.1 - r, p.0 + r, p.1 + r])
            .collect();
        let (ly, cost) = clear_of(
            placed,
            &soft,
            [lx - pad, y - half, lx + tw + pad, y + half],
            g.h,
            r,
        );
        // Nearer another run's arrow than its own: as if 200 px away.
        let centre = (lx + tw / 2.0, ly);
        let own = crate::geometry::to_segment(centre, from, tip);
        let other = arrows
            .iter()
            .filter(|(f, _)| (f.0 - from.0).hypot(f.1 - from.1) > 0.5)
            .map(|&(f, t)| crate::geometry::to_segment(centre, f, t))
            .fold(f64::INFINITY, f64::min);
        let cost = if other < own {
            (cost.0, cost.1, cost.2 + 200.0)
        } else {
            cost
        };
        if best.is_none_or(|b| weigh(cost, r) < weigh(b.2, r)) {
            best = Some((lx, ly, cost));
        }
    }
    let Some((lx, ly, _)) = best else {
        return Ok(None);
    };
    placed.push([lx - pad, ly - half, lx + tw + pad, ly + half]);
    // The label from its kept picture, on the device-pixel grid (so it is
    // copied, not resampled): stroking text is the software canvas's
    // slowest text path, and a drag with the state panel open drew two
    // labels per input.
    let (sprite, pad, half) = label_sprite(ctx, st, g.dpr, text, tw)?;
    let dx = ((lx - pad) * g.dpr).round();
    let dy = ((ly - half) * g.dpr).round();
    ctx.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0)?;
    ctx.draw_image_with_html_canvas_element(&sprite, dx, dy)?;
    ctx.set_transform(g.dpr, 0.0, 0.0, g.dpr, 0.0, 0.0)?;
    Ok(Some(tip))
}

/// A decay label: its words, its run's colour (its arrow's) and the
/// trails' dots (CSS px) it keeps off.
struct Label<'a> {
    text: &'a str,
    colour: &'a str,
    dots: &'a [(f64, f64)],
    /// Every run's decay direction arrow (from, tip), its own among them.
    arrows: &'a [Segment],
}

/// A decay label drawn (white on a dark halo): the text, its font, the
/// scale and the line width (bits), and the picture.
type Sprite = (String, String, u64, u64, HtmlCanvasElement);

thread_local! {
    /// The decay labels drawn so far (a few: two texts per language).
    static SPRITES: RefCell<Vec<Sprite>> = const { RefCell::new(Vec::new()) };
}

/// The picture of the decay label `text` (`tw` CSS px wide in the labels'
/// font) at `dpr`, with its margin and half its height (CSS px): drawn once.
fn label_sprite(
    ctx: &CanvasRenderingContext2d,
    st: &Style,
    dpr: f64,
    text: &str,
    tw: f64,
) -> Result<(HtmlCanvasElement, f64, f64), JsValue> {
    let font = label_font(st);
    let (pad, half) = label_margins(st);
    let key = (dpr.to_bits(), st.line.to_bits());
    let found = SPRITES.with(|s| {
        s.borrow()
            .iter()
            .find(|e| e.0 == text && e.1 == font && (e.2, e.3) == key)
            .map(|e| e.4.clone())
    });
    if let Some(c) = found {
        return Ok((c, pad, half));
    }
    let doc = ctx
        .canvas()
        .and_then(|c| c.owner_document())
        .ok_or("no document")?;
    let c: HtmlCanvasElement = doc.create_element("canvas")?.dyn_into()?;
    c.set_width(((tw + 2.0 * pad) * dpr).ceil().max(1.0) as u32);
    c.set_height((2.0 * half * dpr).ceil().max(1.0) as u32);
    let lctx = super::context(&c)?;
    lctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0)?;
    crate::web::draw::set_font(&lctx, &font);
    lctx.set_text_align("left");
    lctx.set_text_baseline("middle");
    lctx.set_line_width(st.px(3.0));
    // Round joins: mitred, the halo had spikes at W, v̂ and t.
    lctx.set_line_join("round");
    lctx.set_stroke_style_str("rgba(0,0,0,0.8)");
    lctx.stroke_text(text, pad, half)?;
    lctx.set_fill_style_str("#ffffff");
    lctx.fill_text(text, pad, half)?;
    SPRITES.with(|s| {
        let mut s = s.borrow_mut();
        if s.len() >= 8 {
            s.remove(0);
        }
        s.push((text.to_string(), font, key.0, key.1, c.clone()));
    });
    Ok((c, pad, half))
}

thread_local! {
    /// Widths measured: (font, text) → CSS px. `measureText` resolves the
    /// font like a font set (a style recalculation after any DOM change),
    /// at every frame of a drag with the state panel open; the page's
    /// canvas fonts are the system's, so a width never changes.
    static WIDTHS: std::cell::RefCell<Vec<(String, String, f64)>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// A decay label's margin around its text and half its height (CSS px).
fn label_margins(st: &Style) -> (f64, f64) {
    let pad = st.px(3.0) + 2.0;
    (pad, st.text_px * 0.75 + pad)
}

/// The middle y for a label box `b` (CSS px) clear, by 2 px, of the boxes `placed`
/// and, near its place (within four label heights), of the boxes `soft`
/// (the trails' dots), within a canvas `h` tall: the nearest free place
/// above or below, in half a label's height steps (first towards the side
/// of the box it meets that it is on); where none is free (a phone's
/// narrow plot), the place it overlaps least. Stepping one way a few
/// times had left two labels on each other at 360 px. With the y, what is
/// left in the way: (overlap of `placed`, of `soft`, distance moved).
fn clear_of(placed: &[[f64; 4]], soft: &[[f64; 4]], b: [f64; 4], h: f64, dot: f64) -> (f64, Cost) {
    // A little air too: a label flush against an arrow read as touching it.
    const GAP: f64 = 2.0;
    let b = [b[0] - GAP, b[1] - GAP, b[2] + GAP, b[3] + GAP];
    let tall = b[3] - b[1];
    let (lo, hi) = (tall / 2.0, (h - tall / 2.0).max(tall / 2.0));
    let mid = (b[1] + b[3]) / 2.0;
    // Only the boxes in the label's columns can meet it at any height.
    let columns = |boxes: &[[f64; 4]]| -> Vec<[f64; 4]> {
        boxes
            .iter()
            .filter(|a| a[0] < b[2] && b[0] < a[2])
            .copied()
            .collect()
    };
    let (placed, soft) = (&columns(placed)[..], &columns(soft)[..]);
    let overlap = |boxes: &[[f64; 4]], y: f64| -> f64 {
        let (y0, y1) = (y - tall / 2.0, y + tall / 2.0);
        boxes
            .iter()
            .map(|a| {
                let w = a[2].min(b[2]) - a[0].max(b[0]);
                let t = a[3].min(y1) - a[1].max(y0);
                if w > 0.0 && t > 0.0 {
                    w * t
                } else {
                    0.0
                }
            })
            .sum()
    };
    let up_first = placed
        .iter()
        .find(|a| overlap_one(a, b))
        .is_some_and(|a| mid <= (a[1] + a[3]) / 2.0);
    let sign = if up_first { -1.0 } else { 1.0 };
    let candidates = std::iter::once(mid.clamp(lo, hi)).chain((1..=40).flat_map(|k| {
        [sign, -sign]
            .into_iter()
            .map(move |s| mid + s * f64::from(k) * tall / 2.0)
            .filter(|y| (lo..=hi).contains(y))
    }));
    // The least in the way, the nearest first among equals.
    let mut best = (mid, (f64::INFINITY, f64::INFINITY, 0.0));
    for y in candidates {
        let moved = (y - mid).abs();
        // Past the dots' reach nothing beats a place clear of the rest.
        if moved > 4.0 * tall && best.1 .0 == 0.0 {
            break;
        }
        let hard = overlap(placed, y);
        let soft = if moved <= 4.0 * tall {
            overlap(soft, y)
        } else {
            f64::INFINITY
        };
        if hard == 0.0 && soft == 0.0 {
            let clear = (0.0, 0.0, moved);
            // The first clear place is the nearest clear one; a nearer one
            // over a dot or two may still be better.
            return if weigh(clear, dot) < weigh(best.1, dot) {
                (y, clear)
            } else {
                best
            };
        }
        if weigh((hard, soft, moved), dot) < weigh(best.1, dot) {
            best = (y, (hard, soft, moved));
        }
    }
    best
}

/// What is in a label's way at a place: the overlap of other labels and
/// arrows, of the trails' dots, and how far it moved (CSS px).
type Cost = (f64, f64, f64);

/// A place's cost as the labels weigh it: what stands on another label or
/// an arrow first; then covering a dot (radius `dot`) as much as moving 20
/// px away from its arrow (a label kept clear of every dot had gone next to
/// the other run's arrow).
fn weigh(c: Cost, dot: f64) -> (f64, f64) {
    let area = (2.0 * dot).powi(2).max(1.0);
    (c.0, c.1 / area * 20.0 + c.2)
}

/// The tip of the decay's direction arrow drawn from `from` towards the
/// decay's own tip `to`, [`DECAY_DIR`] long; none for a decay of no
/// length.
fn decay_tip(from: (f64, f64), to: (f64, f64), st: &Style) -> Option<(f64, f64)> {
    let (dx, dy) = (to.0 - from.0, to.1 - from.1);
    let len = dx.hypot(dy);
    let reach = DECAY_DIR * st.line;
    (len.is_finite() && len > 1e-9).then(|| (from.0 + dx / len * reach, from.1 + dy / len * reach))
}

/// An arrow as drawn: from, tip (CSS px).
type Segment = ((f64, f64), (f64, f64));

/// The box of the segment a–b (an arrow, for the labels to keep off).
fn span(a: (f64, f64), b: (f64, f64)) -> [f64; 4] {
    [a.0.min(b.0), a.1.min(b.1), a.0.max(b.0), a.1.max(b.1)]
}

/// Whether boxes `a` and `b` overlap.
fn overlap_one(a: &[f64; 4], b: [f64; 4]) -> bool {
    a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]
}

/// The decay labels' font.
fn label_font(st: &Style) -> String {
    format!("{}px system-ui, sans-serif", st.text_px)
}

/// The width of `text` in `font` (the context's), measured once per font.
fn text_width(ctx: &CanvasRenderingContext2d, font: &str, text: &str) -> Result<f64, JsValue> {
    if let Some(w) = WIDTHS.with(|c| {
        c.borrow()
            .iter()
            .find(|(f, t, _)| *f == font && t == text)
            .map(|e| e.2)
    }) {
        return Ok(w);
    }
    let w = ctx.measure_text(text)?.width();
    WIDTHS.with(|c| {
        let mut c = c.borrow_mut();
        if c.len() >= 32 {
            c.remove(0);
        }
        c.push((font.to_string(), text.to_string(), w));
    });
    Ok(w)
}
