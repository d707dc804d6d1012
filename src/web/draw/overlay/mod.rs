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

mod arrows;
mod decay;
mod l2;
mod label;
mod place;

use super::Frame;
use crate::inspect::Arrows;
use crate::optim::OptKind;
use crate::surface::mark;
use crate::Vec2;
use arrows::{arrow, decay_tip, span, Segment};
use decay::{decay_direction, Label};
use gradscape_text::Lang;
use l2::l2_layer;
use label::label_font;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
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

fn dash(ctx: &CanvasRenderingContext2d, pattern: &[f64]) -> Result<(), JsValue> {
    super::trails::set_dash(ctx, pattern);
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
