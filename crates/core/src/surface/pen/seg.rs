//! A segment as the pen keeps it: its frame, its pixel's profile and the
//! rows and columns it may cover.

use super::profile::{Box1, Profile, Trapezoid};
use super::slab::{max, min};

/// A segment as `Pen::rows` walks it: start, length, unit tangent and
/// normal, half width, the hairline's scales across and along, butt ends,
/// the turned pixel's components (`b` = 0: a box) and its rows.
#[derive(Debug, Clone, Copy)]
pub(super) struct Seg {
    pub(super) p: (f64, f64),
    pub(super) len: f64,
    pub(super) t: (f64, f64),
    pub(super) n: (f64, f64),
    pub(super) half: f64,
    pub(super) kd: f64,
    pub(super) ks: f64,
    pub(super) butt0: bool,
    pub(super) butt1: bool,
    pub(super) a: f64,
    pub(super) b: f64,
    /// How far from its axis and ends a pixel centre may be covered, and
    /// how far past its ends (more than `reach` only for a butt end of a
    /// thin hairline).
    pub(super) reach: f64,
    pub(super) along: f64,
    /// The rows and the x-range (device px) it may cover.
    pub(super) rows: (usize, usize),
    pub(super) cols: (f64, f64),
}

impl Seg {
    /// The segment p → q of half width `half`, with butt ends where
    /// `butt` says (else round: a joint), on a `w` × `h` picture; None
    /// when it draws nothing there.
    pub(super) fn new(
        p: (f64, f64),
        q: (f64, f64),
        half: f64,
        (butt0, butt1): (bool, bool),
        (w, h): (usize, usize),
    ) -> Option<Seg> {
        let (dx, dy) = (q.0 - p.0, q.1 - p.1);
        let len = (dx * dx + dy * dy).sqrt();
        // Nothing to draw (a zero-length butt segment is nothing on a
        // canvas too).
        if !len.is_finite() || len <= 1e-9 {
            return None;
        }
        let (tx, ty) = (dx / len, dy / len);
        let (nx, ny) = (-ty, tx);
        let (a, b) = if nx.abs() >= ny.abs() {
            (nx.abs(), ny.abs())
        } else {
            (ny.abs(), nx.abs())
        };
        // Below this, the trapezoid's quadratic parts are too thin to
        // divide by: the square is axis-aligned.
        let b = if b < 1e-6 { 0.0 } else { b };
        // A line at most one pixel wide is a canvas's hairline (Skia): one
        // pixel's worth of ink per step along the major axis, split between
        // the two pixels across it (a diagonal gets 1/√2 of the area's
        // ink). So across and along are measured on the axes, the pixel a
        // box: distances across scaled by 1/a, along by a.
        let hair = half <= 0.5;
        let (kd, ks, b) = if hair {
            (1.0 / a, a, 0.0)
        } else {
            (1.0, 1.0, b)
        };
        // The rows and columns it may cover, kept for `rows` and its bands.
        let outer = if b == 0.0 {
            Box1.outer()
        } else {
            Trapezoid::new(a, b).outer()
        };
        let reach = half + outer + 1e-9;
        // Past a butt end, `below(s · ks)` is 0 from `outer / ks` on: for a
        // thin diagonal hairline (its end measured on the axes) farther
        // than `reach`.
        let along = max(reach, outer / ks + 1e-9);
        // Round ends: within `reach` of the segment. A butt end's corners
        // (`along` past it, `reach / kd` across) reach farther on a turned
        // segment.
        let (ex, ey) = if butt0 || butt1 {
            let across = reach / kd;
            (
                max(reach, along * tx.abs() + across * nx.abs()),
                max(reach, along * ty.abs() + across * ny.abs()),
            )
        } else {
            (reach, reach)
        };
        let q = (p.0 + tx * len, p.1 + ty * len);
        let y_lo = (p.1.min(q.1) - ey - 0.5).floor().max(0.0);
        let y_hi = (p.1.max(q.1) + ey - 0.5).ceil().min(h as f64 - 1.0);
        let x_min = max(min(p.0, q.0) - ex, 0.0);
        let x_max = min(max(p.0, q.0) + ex, w as f64);
        // Far outside (or on no picture): nothing to keep.
        if y_lo > y_hi || x_min >= x_max {
            return None;
        }
        Some(Seg {
            p,
            len,
            t: (tx, ty),
            n: (nx, ny),
            half,
            kd,
            ks,
            butt0,
            butt1,
            a,
            b,
            reach,
            along,
            rows: (y_lo as usize, y_hi as usize),
            cols: (x_min, x_max),
        })
    }
}
