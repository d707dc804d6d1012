//! Painting one run: its trail (segments, then a dot at every step), the
//! steps a playing frame adds, and its current point. Which segments and
//! dots are worth drawing is [`gradscape_core::geometry::trail`]'s call.

use super::{Geom, Style};
use crate::run::Trajectory;
use gradscape_core::geometry::trail::{dot_shown, dots, edge_marker_clear, polylines, EdgeMarker};
use gradscape_core::geometry::Viewport;
use gradscape_core::surface::{Mark, Marker};
use wasm_bindgen::prelude::*;
use web_sys::CanvasRenderingContext2d;

thread_local! {
    /// The dash patterns set so far as JS arrays (a few: the marks' and
    /// solid). `setLineDash` copies its argument, so one array per pattern
    /// serves every call; a new array per call was a playing frame's most
    /// frequent allocation.
    static DASHES: std::cell::RefCell<Vec<(Vec<f64>, js_sys::Array)>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// Set the line dash of a run's mark (an empty pattern: solid).
pub(crate) fn set_dash(ctx: &CanvasRenderingContext2d, dash: &[f64]) {
    let arr = DASHES.with(|d| {
        let mut d = d.borrow_mut();
        if let Some((_, a)) = d.iter().find(|(p, _)| p == dash) {
            return a.clone();
        }
        let arr = js_sys::Array::new();
        for v in dash {
            arr.push(&JsValue::from_f64(*v));
        }
        if d.len() >= 16 {
            d.remove(0);
        }
        d.push((dash.to_vec(), arr.clone()));
        arr
    });
    // Only fails for a non-array argument.
    let _ = ctx.set_line_dash(&arr);
}

/// Stroke the path `path` builds twice: a solid white casing, then the
/// colour in the mark's dash (the casing shows through its gaps).
fn cased(ctx: &CanvasRenderingContext2d, st: &Style, mark: Mark, path: impl Fn()) {
    ctx.set_line_join("round");
    path();
    ctx.set_stroke_style_str("rgba(255,255,255,0.9)");
    ctx.set_line_width(st.px(4.0));
    ctx.stroke();
    path();
    set_dash(ctx, mark.dash);
    ctx.set_stroke_style_str(mark.colour);
    ctx.set_line_width(st.px(2.0));
    ctx.stroke();
    set_dash(ctx, &[]);
}

/// Fill a dot of the mark's shape, `size` px across, at every centre.
pub(crate) fn paint_dots(
    ctx: &CanvasRenderingContext2d,
    mark: Mark,
    centres: impl Iterator<Item = (f64, f64)>,
    size: f64,
) {
    ctx.begin_path();
    for (x, y) in centres {
        match mark.marker {
            Marker::Square => ctx.rect(x - size / 2.0, y - size / 2.0, size, size),
            Marker::Circle => {
                ctx.move_to(x + size * 0.56, y);
                let _ = ctx.arc(x, y, size * 0.56, 0.0, std::f64::consts::TAU);
            }
            Marker::Triangle => {
                if let Some([a, b, c]) = mark.triangle(x, y, size) {
                    ctx.move_to(a.0, a.1);
                    ctx.line_to(b.0, b.1);
                    ctx.line_to(c.0, c.1);
                    ctx.close_path();
                }
            }
        }
    }
    ctx.fill();
}

/// The steps `from → to` of a trail (segments, then their dots) onto the
/// layer: what a playing frame adds. The dot at `from` is drawn again so
/// the new segment's white edge does not cut into it.
pub fn draw_steps(
    ctx: &CanvasRenderingContext2d,
    g: &Geom,
    st: &Style,
    run: &Trajectory,
    mark: Mark,
    from: usize,
    to: usize,
) {
    let last = to.min(run.points.len() - 1);
    if from >= last {
        return;
    }
    let vp = g.viewport();
    let pts = &run.points[from..=last];
    cased(ctx, st, mark, || {
        ctx.begin_path();
        let (x, y) = vp.px(pts[0]);
        ctx.move_to(x, y);
        for p in &pts[1..] {
            let (x, y) = vp.px(*p);
            ctx.line_to(x, y);
        }
    });
    for (size, style) in [(st.px(7.0), "#ffffff"), (st.px(5.0), mark.colour)] {
        ctx.set_fill_style_str(style);
        let shown = pts
            .iter()
            .map(|p| vp.px(*p))
            .filter(|&(x, y)| dot_shown(&vp, x, y));
        paint_dots(ctx, mark, shown, size);
    }
}

/// A whole trail up to step `t`: segments, then a dot at every step, both
/// thinned to pixel resolution.
pub fn draw_trail(
    ctx: &CanvasRenderingContext2d,
    g: &Geom,
    st: &Style,
    run: &Trajectory,
    mark: Mark,
    t: usize,
) -> Result<(), JsValue> {
    // A run whose start is outside the formula's domain has no point.
    let Some(last) = run.points.len().checked_sub(1).map(|n| t.min(n)) else {
        return Ok(());
    };
    let vp = g.viewport();
    let pts = &run.points[..=last];
    let lines = polylines(&vp, pts);
    cased(ctx, st, mark, || {
        ctx.begin_path();
        for line in &lines {
            for (i, &(x, y)) in line.iter().enumerate() {
                if i == 0 {
                    ctx.move_to(x, y);
                } else {
                    ctx.line_to(x, y);
                }
            }
        }
    });
    let centres = dots(&vp, pts);
    ctx.set_fill_style_str("#ffffff");
    paint_dots(ctx, mark, centres.iter().copied(), st.px(7.0));
    ctx.set_fill_style_str(mark.colour);
    paint_dots(ctx, mark, centres.iter().copied(), st.px(5.0));
    Ok(())
}

/// Where an edge marker may stand, inset from the plot's left, top, right
/// and bottom (CSS px): the whole triangle (10 px tip, 8 back, its rim)
/// inside the canvas, and clear of the tick labels along the bottom and
/// the left, which it covered.
pub(crate) fn edge_inset(st: &Style) -> [f64; 4] {
    let k = st.line;
    let t = st.text_px;
    [14.0 * k + 2.5 * t, 14.0 * k, 14.0 * k, 14.0 * k + 1.6 * t]
}

/// The corner the view buttons (⊡ ⤢) take in the plot's top right: about
/// 7.5 × 4 labels' heights (CSS px).
pub(crate) fn buttons_corner(st: &Style) -> [f64; 2] {
    [7.5 * st.text_px, 4.0 * st.text_px]
}

/// The edge marker of (`x`, `y`): inset by [`edge_inset`], out from under
/// the view buttons ([`buttons_corner`]).
pub(crate) fn edge_at(vp: &Viewport, st: &Style, x: f64, y: f64) -> Option<EdgeMarker> {
    edge_marker_clear(vp, x, y, edge_inset(st), buttons_corner(st), 12.0 * st.line)
}

/// The current point of a trail: the run's dot shape, or a triangle on the
/// edge when it is outside the view; a cross where a run diverged.
pub fn draw_current(
    ctx: &CanvasRenderingContext2d,
    g: &Geom,
    st: &Style,
    run: &Trajectory,
    mark: Mark,
    t: usize,
    diverged: bool,
) -> Result<(), JsValue> {
    let k = st.line;
    let vp = g.viewport();
    let last = t.min(run.points.len() - 1);
    let cur = run.points[last];
    let (cx, cy) = vp.px(cur);
    let inside = vp.inside(cx, cy);
    if inside {
        // The run's dot shape, as its trail and legend entry.
        ctx.set_fill_style_str(mark.colour);
        paint_dots(ctx, mark, std::iter::once((cx, cy)), 11.0 * k);
        ctx.set_stroke_style_str("#ffffff");
        ctx.set_line_width(2.0 * k);
        ctx.stroke();
    } else if let Some(m) = edge_at(&vp, st, cx, cy) {
        ctx.save();
        ctx.translate(m.x, m.y)?;
        ctx.rotate(m.angle)?;
        ctx.begin_path();
        ctx.move_to(10.0 * k, 0.0);
        ctx.line_to(-8.0 * k, -8.0 * k);
        ctx.line_to(-8.0 * k, 8.0 * k);
        ctx.close_path();
        // A dark rim outside the white one: an orange triangle on the
        // surface's yellow edge was hard to find from the back of a room.
        ctx.set_line_join("round");
        ctx.set_stroke_style_str("rgba(0,0,0,0.75)");
        ctx.set_line_width(4.0 * k);
        ctx.stroke();
        ctx.set_fill_style_str(mark.colour);
        ctx.fill();
        ctx.set_stroke_style_str("#ffffff");
        ctx.set_line_width(2.0 * k);
        ctx.stroke();
        ctx.restore();
    }
    if diverged && last == run.points.len() - 1 && inside {
        ctx.begin_path();
        let r = 9.0 * k;
        ctx.move_to(cx - r, cy - r);
        ctx.line_to(cx + r, cy + r);
        ctx.move_to(cx + r, cy - r);
        ctx.line_to(cx - r, cy + r);
        ctx.set_stroke_style_str("#ffffff");
        ctx.set_line_width(5.0 * k);
        ctx.stroke();
        ctx.set_stroke_style_str(mark.colour);
        ctx.set_line_width(3.0 * k);
        ctx.stroke();
    }
    Ok(())
}

/// A run's mark as an exported legend shows it: a cased line `len` px long
/// in its dash, with one dot of its shape in the middle (as the trail).
pub(crate) fn draw_swatch(
    ctx: &CanvasRenderingContext2d,
    st: &Style,
    mark: Mark,
    (x, y): (f64, f64),
    len: f64,
) {
    cased(ctx, st, mark, || {
        ctx.begin_path();
        ctx.move_to(x, y);
        ctx.line_to(x + len, y);
    });
    let mid = std::iter::once((x + len / 2.0, y));
    ctx.set_fill_style_str("#ffffff");
    paint_dots(ctx, mark, mid.clone(), st.px(9.0));
    ctx.set_fill_style_str(mark.colour);
    paint_dots(ctx, mark, mid, st.px(7.0));
}
