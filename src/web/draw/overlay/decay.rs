//! The decay's direction made visible, with its label placed clear of the
//! other labels, the arrows and the trails' dots.

use super::arrows::{arrow, decay_tip, span, Segment};
use super::dash;
use super::label::{label_font, label_margins, label_sprite, text_width};
use super::place::{clear_of, weigh, Cost};
use crate::web::draw::{Geom, Style};
use wasm_bindgen::prelude::*;
use web_sys::CanvasRenderingContext2d;

/// The decay's direction made visible: a faint line from the current point
/// to the origin, the decay part drawn again as a 70 px arrow in its own
/// direction, and a short label clear of the labels `placed` before it
/// (its box is added). Returns the arrow's tip.
pub(super) fn decay_direction(
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
pub(super) struct Label<'a> {
    pub(super) text: &'a str,
    pub(super) colour: &'a str,
    pub(super) dots: &'a [(f64, f64)],
    /// Every run's decay direction arrow (from, tip), its own among them.
    pub(super) arrows: &'a [Segment],
}
