//! A playing frame drawn only where it changed. Between two frames of the
//! same runs, surface, overlay and start, the picture changes only where
//! the trail layer got its new steps and where the current points were and
//! are: those regions (device-pixel rectangles) are drawn again, each
//! clipped, with the same operations in the same order as the whole frame,
//! so every pixel is the whole frame's (a rectangle clip on device pixels
//! cuts, it does not blend). The two full-canvas copies of a frame (the
//! trail layer, the isolines' layer or the labels) shrink to those regions.

use super::overlay::Overlay;
use super::Frame;
use super::Rect;

/// What the canvas shows after a playing frame: the frame's [`key`], its
/// step and where its current points are.
pub struct Shown {
    key: u64,
    t: usize,
    points: Vec<[f64; 4]>,
}

/// A hash of what a playing frame shows but its step: the trail layer's
/// key, the geometry, the line width, the start and the overlay's isolines
/// (by address). None when the frame has more that moves (the state
/// panel's arrows): such a frame is drawn whole.
pub fn key(f: &Frame, layer: u64, overlay: Option<&Overlay>) -> Option<u64> {
    if overlay.is_some_and(|o| !o.arrows.is_empty()) {
        return None;
    }
    let g = &f.geom;
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let l2 = overlay
        .and_then(|o| o.l2.as_ref())
        .map_or(0, |l| std::rc::Rc::as_ptr(l) as usize as u64);
    for v in [
        layer,
        g.view.x0.to_bits(),
        g.view.x1.to_bits(),
        g.view.y0.to_bits(),
        g.view.y1.to_bits(),
        g.w.to_bits(),
        g.h.to_bits(),
        g.dpr.to_bits(),
        f.style.line.to_bits(),
        f.style.text_px.to_bits(),
        f.start[0].to_bits(),
        f.start[1].to_bits(),
        u64::from(overlay.is_some()),
        l2,
    ] {
        h = (h ^ v).wrapping_mul(0x0000_0100_0000_01b3);
    }
    Some(h)
}

/// Where the current points of `f` are drawn (CSS px boxes: the disc, the
/// edge triangle or the divergence cross, with room for their strokes).
pub fn points(f: &Frame) -> Vec<[f64; 4]> {
    let vp = f.geom.viewport();
    let pad = f.style.px(16.0) + 3.0;
    f.visible()
        .filter_map(|(_, run)| {
            let p = run.points.get(f.t.min(run.points.len() - 1))?;
            let (x, y) = vp.px(*p);
            let (x, y) = if vp.inside(x, y) {
                (x, y)
            } else {
                let m = super::trails::edge_at(&vp, &f.style, x, y)?;
                (m.x, m.y)
            };
            Some([x - pad, y - pad, x + pad, y + pad])
        })
        .collect()
}

/// Whether every visible run's steps `from → to` and current point lie
/// inside the picture (a run off the view is drawn in whole frames: its
/// clamped segments and edge marker were seen to leave a region short).
fn inside(f: &Frame, from: usize) -> bool {
    let vp = f.geom.viewport();
    f.visible().all(|(_, run)| {
        let last = f.t.min(run.points.len() - 1);
        run.points[from.min(last)..=last].iter().all(|p| {
            let (x, y) = vp.px(*p);
            vp.inside(x, y)
        })
    })
}

/// Where the steps `from → to` of each visible run are drawn onto the
/// trail layer (their segments and dots, with room for the casing and the
/// largest marker).
fn steps(f: &Frame, from: usize, to: usize) -> Vec<[f64; 4]> {
    let vp = f.geom.viewport();
    let pad = f.style.px(12.0) + 3.0;
    f.visible()
        .filter_map(|(_, run)| {
            let last = to.min(run.points.len() - 1);
            if from >= last {
                return None;
            }
            let mut b = [
                f64::INFINITY,
                f64::INFINITY,
                f64::NEG_INFINITY,
                f64::NEG_INFINITY,
            ];
            for p in &run.points[from..=last] {
                let (x, y) = vp.px(*p);
                b = [b[0].min(x), b[1].min(y), b[2].max(x), b[3].max(y)];
            }
            Some([b[0] - pad, b[1] - pad, b[2] + pad, b[3] + pad])
        })
        .collect()
}

/// The regions to draw again (device px), after `shown`, for frame `f` at
/// `key` whose trail layer went from step `from` to `f.t`: None when the
/// frame must be drawn whole (something else changed, or the regions
/// cover most of the canvas). Always the new [`Shown`].
pub fn regions(
    shown: Option<Shown>,
    key: Option<u64>,
    from: Option<usize>,
    f: &Frame,
) -> (Option<Vec<Rect>>, Option<Shown>) {
    let now = points(f);
    let regions = match (shown, key, from) {
        (Some(s), Some(k), Some(from)) if s.key == k && s.t == from && inside(f, from) => {
            let mut boxes = s.points;
            boxes.extend(now.iter().copied());
            boxes.extend(steps(f, from, f.t));
            device(&mut boxes, f)
        }
        _ => None,
    };
    let next = key.map(|key| Shown {
        key,
        t: f.t,
        points: now,
    });
    (regions, next)
}

/// CSS-px boxes → device-pixel rectangles inside the canvas, overlapping
/// ones merged; None when they cover more than half of it.
fn device(boxes: &mut Vec<[f64; 4]>, f: &Frame) -> Option<Vec<Rect>> {
    let (pw, ph) = f.geom.device();
    let d = f.geom.dpr;
    let mut r: Vec<[f64; 4]> = boxes
        .drain(..)
        .map(|b| {
            [
                (b[0] * d).floor().clamp(0.0, pw as f64),
                (b[1] * d).floor().clamp(0.0, ph as f64),
                (b[2] * d).ceil().clamp(0.0, pw as f64),
                (b[3] * d).ceil().clamp(0.0, ph as f64),
            ]
        })
        .filter(|b| b[2] > b[0] && b[3] > b[1])
        .collect();
    // Merge overlapping rectangles until none overlap (a few dozen at most).
    let mut merged = true;
    while merged {
        merged = false;
        'outer: for i in 0..r.len() {
            for j in i + 1..r.len() {
                let (a, b) = (r[i], r[j]);
                if a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3] {
                    r[i] = [
                        a[0].min(b[0]),
                        a[1].min(b[1]),
                        a[2].max(b[2]),
                        a[3].max(b[3]),
                    ];
                    r.swap_remove(j);
                    merged = true;
                    break 'outer;
                }
            }
        }
    }
    let area: f64 = r.iter().map(|b| (b[2] - b[0]) * (b[3] - b[1])).sum();
    if area * 2.0 > f64::from(pw) * f64::from(ph) {
        return None;
    }
    Some(
        r.iter()
            .map(|b| {
                (
                    b[0] as u32,
                    b[1] as u32,
                    (b[2] - b[0]) as u32,
                    (b[3] - b[1]) as u32,
                )
            })
            .collect(),
    )
}
