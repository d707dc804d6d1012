//! Where a label goes: the nearest place clear of what is in its way, or the
//! one it overlaps least.

/// The middle y for a label box `b` (CSS px) clear, by 2 px, of the boxes `placed`
/// and, near its place (within four label heights), of the boxes `soft`
/// (the trails' dots), within a canvas `h` tall: the nearest free place
/// above or below, in half a label's height steps (first towards the side
/// of the box it meets that it is on); where none is free (a phone's
/// narrow plot), the place it overlaps least. Stepping one way a few
/// times had left two labels on each other at 360 px. With the y, what is
/// left in the way: (overlap of `placed`, of `soft`, distance moved).
pub(super) fn clear_of(
    placed: &[[f64; 4]],
    soft: &[[f64; 4]],
    b: [f64; 4],
    h: f64,
    dot: f64,
) -> (f64, Cost) {
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
pub(super) type Cost = (f64, f64, f64);

/// A place's cost as the labels weigh it: what stands on another label or
/// an arrow first; then covering a dot (radius `dot`) as much as moving 20
/// px away from its arrow (a label kept clear of every dot had gone next to
/// the other run's arrow).
pub(super) fn weigh(c: Cost, dot: f64) -> (f64, f64) {
    let area = (2.0 * dot).powi(2).max(1.0);
    (c.0, c.1 / area * 20.0 + c.2)
}

/// Whether boxes `a` and `b` overlap.
fn overlap_one(a: &[f64; 4], b: [f64; 4]) -> bool {
    a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]
}
