//! Polylines simplified to a tolerance (Douglas–Peucker): the isolines
//! are traced on a grid every 2.5 CSS px, so a gentle curve arrives as
//! hundreds of short segments drawn one by one (by the pen, or a canvas
//! path). Points that lie within a quarter of a device pixel of the chord
//! that replaces them change no pixel one can see, and a stroke's cost
//! follows its points.

/// The points of `line` that [`simplify`] keeps, into `out` (cleared
/// first): the first and the last always, and every point farther than
/// `eps` from the chord between the kept points around it (recursively,
/// the farthest first). A closed line (first = last point) keeps the point
/// farthest from its start, so it stays closed and never collapses.
/// `stack` is kept scratch (no allocation when it is large enough).
pub fn simplify(
    line: &[(f64, f64)],
    eps: f64,
    stack: &mut Vec<(usize, usize)>,
    out: &mut Vec<(f64, f64)>,
) {
    simplify_by(farthest, line, eps, stack, out);
}

/// [`simplify`] measured one point at a time ([`farthest_exact`]): what
/// the wasm build's SIMD loop must give (tests/web.rs).
pub fn simplify_exact(
    line: &[(f64, f64)],
    eps: f64,
    stack: &mut Vec<(usize, usize)>,
    out: &mut Vec<(f64, f64)>,
) {
    simplify_by(farthest_exact, line, eps, stack, out);
}

#[inline(always)]
fn simplify_by(
    farthest: impl Fn(&[(f64, f64)], usize, usize) -> (usize, f64),
    line: &[(f64, f64)],
    eps: f64,
    stack: &mut Vec<(usize, usize)>,
    out: &mut Vec<(f64, f64)>,
) {
    out.clear();
    let n = line.len();
    if n <= 2 || eps.is_nan() || eps <= 0.0 {
        out.extend_from_slice(line);
        return;
    }
    stack.clear();
    stack.push((0, n - 1));
    let eps2 = eps * eps;
    // The left part of a split first: a part that needs no split gives
    // its first point, in the line's order (no per-point marks).
    while let Some((a, b)) = stack.pop() {
        if b > a + 1 {
            let (far, d2) = farthest(line, a, b);
            // A NaN distance (a non-finite point) keeps the point.
            if d2.is_nan() || d2 > eps2 {
                stack.push((far, b));
                stack.push((a, far));
                continue;
            }
        }
        out.push(line[a]);
    }
    out.push(line[n - 1]);
}

/// The point strictly between `a` and `b` farthest from the segment a–b
/// (from point a when the two coincide), with its squared distance: the
/// first of the farthest, or the first whose distance is NaN.
fn farthest(line: &[(f64, f64)], a: usize, b: usize) -> (usize, f64) {
    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    return wasm::farthest(line, a, b);
    #[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
    return farthest_exact(line, a, b);
}

/// [`farthest`], one point at a time: the definition the wasm build's two
/// lanes follow.
fn farthest_exact(line: &[(f64, f64)], a: usize, b: usize) -> (usize, f64) {
    let chord = Chord::new(line[a], line[b]);
    let mut best = (a + 1, -1.0);
    for (i, &p) in line.iter().enumerate().take(b).skip(a + 1) {
        if let Some(nan) = chord.keep_farther(&mut best, i, p) {
            return nan;
        }
    }
    best
}

/// The chord a–b a distance is measured to.
#[derive(Clone, Copy)]
struct Chord {
    a: (f64, f64),
    d: (f64, f64),
    len2: f64,
    /// 1 / len2: a multiplication per point, not a division (wasm's f64
    /// division takes several times as long).
    inv: f64,
}

impl Chord {
    fn new(a: (f64, f64), b: (f64, f64)) -> Chord {
        let d = (b.0 - a.0, b.1 - a.1);
        let len2 = d.0 * d.0 + d.1 * d.1;
        Chord {
            a,
            d,
            len2,
            inv: 1.0 / len2,
        }
    }

    /// Point `i` (at `p`) into `best` if it is farther (the first of
    /// equals stays); `(i, NaN)` when its distance is NaN, where the
    /// search stops.
    #[inline(always)]
    fn keep_farther(
        &self,
        best: &mut (usize, f64),
        i: usize,
        p: (f64, f64),
    ) -> Option<(usize, f64)> {
        let d2 = self.d2(p);
        if d2.is_nan() {
            return Some((i, f64::NAN));
        }
        if d2 > best.1 {
            *best = (i, d2);
        }
        None
    }

    /// The squared distance of `p` to the segment (not the infinite line:
    /// a point beyond an end is measured to that end), or to point a when
    /// the chord has no length.
    #[inline(always)]
    fn d2(&self, (px, py): (f64, f64)) -> f64 {
        let (ux, uy) = (px - self.a.0, py - self.a.1);
        let (dx, dy) = self.d;
        if self.len2 > 0.0 {
            let s = ((ux * dx + uy * dy) * self.inv).clamp(0.0, 1.0);
            let (ex, ey) = (ux - s * dx, uy - s * dy);
            ex * ex + ey * ey
        } else {
            ux * ux + uy * uy
        }
    }
}

/// Two points at a time in wasm SIMD: the scalar operations of
/// [`Chord::d2`] in each lane (so the same bits), each lane keeping its
/// first farthest point; a page's isolines spend a quarter of their time
/// here.
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
mod wasm {
    use super::{farthest_exact, Chord};
    use core::arch::wasm32::*;

    pub(super) fn farthest(line: &[(f64, f64)], a: usize, b: usize) -> (usize, f64) {
        let c = Chord::new(line[a], line[b]);
        if b < a + 4 || c.len2.is_nan() || c.len2 <= 0.0 {
            return farthest_exact(line, a, b);
        }
        let (ax, ay) = (f64x2_splat(c.a.0), f64x2_splat(c.a.1));
        let (dx, dy) = (f64x2_splat(c.d.0), f64x2_splat(c.d.1));
        let inv = f64x2_splat(c.inv);
        let (zero, one) = (f64x2_splat(0.0), f64x2_splat(1.0));
        let mut best = f64x2_splat(-1.0);
        // Each lane's best index, as f64 (exact below 2⁵³).
        let mut at = f64x2_splat(0.0);
        let mut idx = f64x2((a + 1) as f64, (a + 2) as f64);
        let two = f64x2_splat(2.0);
        let inner = &line[a + 1..b];
        let (pairs, rest) = inner.as_chunks::<2>();
        for (k, &[p, q]) in pairs.iter().enumerate() {
            let ux = f64x2_sub(f64x2(p.0, q.0), ax);
            let uy = f64x2_sub(f64x2(p.1, q.1), ay);
            let t = f64x2_mul(f64x2_add(f64x2_mul(ux, dx), f64x2_mul(uy, dy)), inv);
            // clamp(t, 0, 1) as f64::clamp does it: `if t < 0 { 0 }`,
            // then `if t > 1 { 1 }` (NaN passes by), which is pmax, pmin.
            let s = f64x2_pmin(f64x2_pmax(t, zero), one);
            let ex = f64x2_sub(ux, f64x2_mul(s, dx));
            let ey = f64x2_sub(uy, f64x2_mul(s, dy));
            let d2 = f64x2_add(f64x2_mul(ex, ex), f64x2_mul(ey, ey));
            if v128_any_true(f64x2_ne(d2, d2)) {
                // The first NaN in order, as the scalar loop stops there.
                let i = a + 1 + 2 * k;
                let lane = if f64x2_extract_lane::<0>(d2).is_nan() {
                    0
                } else {
                    1
                };
                return (i + lane, f64::NAN);
            }
            let gt = f64x2_gt(d2, best);
            best = v128_bitselect(d2, best, gt);
            at = v128_bitselect(idx, at, gt);
            idx = f64x2_add(idx, two);
        }
        // The lanes' bests: the larger, and of equals the first (as the
        // scalar loop's strict `>` keeps).
        let (b0, b1) = (f64x2_extract_lane::<0>(best), f64x2_extract_lane::<1>(best));
        let (i0, i1) = (f64x2_extract_lane::<0>(at), f64x2_extract_lane::<1>(at));
        let mut out = if b1 > b0 || (b1 == b0 && i1 < i0) {
            (i1 as usize, b1)
        } else {
            (i0 as usize, b0)
        };
        if let Some(&p) = rest.first() {
            if let Some(nan) = c.keep_farther(&mut out, b - 1, p) {
                return nan;
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(line: &[(f64, f64)], eps: f64) -> Vec<(f64, f64)> {
        let mut out = Vec::new();
        simplify(line, eps, &mut Vec::new(), &mut out);
        out
    }

    use crate::geometry::to_segment as seg_dist;

    /// Every dropped point is within eps of the kept polyline's segment
    /// that replaced it, and the kept points are a subsequence with both ends.
    fn check(line: &[(f64, f64)], eps: f64) -> Vec<(f64, f64)> {
        let out = run(line, eps);
        assert_eq!(out.first(), line.first());
        assert_eq!(out.last(), line.last());
        let mut k = 0;
        for p in line {
            if k < out.len() && *p == out[k] {
                k += 1;
                continue;
            }
            assert!(k > 0 && k < out.len(), "a subsequence");
            let d = seg_dist(*p, out[k - 1], out[k]);
            assert!(d <= eps + 1e-12, "{p:?} is {d} from its chord");
        }
        assert_eq!(k, out.len(), "a subsequence of the line");
        out
    }

    #[test]
    fn a_circle_keeps_its_shape_within_eps_and_drops_most_points() {
        // An isoline of a bowl: radius 300 px, a point every 5 px, closed.
        let n = 377;
        let line: Vec<_> = (0..=n)
            .map(|i| {
                let t = i as f64 / n as f64 * std::f64::consts::TAU;
                (500.0 + 300.0 * t.cos(), 400.0 + 300.0 * t.sin())
            })
            .collect();
        let mut closed = line.clone();
        *closed.last_mut().unwrap() = closed[0];
        // A chord may stray sagitta = L²/8r ≤ eps from the arc: L ≤ 17 px
        // at eps 1/8 px, so about a quarter of the points at 5 px remain.
        let out = check(&closed, 0.125);
        assert!(
            out.len() < closed.len() / 2,
            "{} of {}",
            out.len(),
            closed.len()
        );
        assert!(out.len() > 8, "still a circle: {}", out.len());
    }

    #[test]
    fn small_loops_and_corners_are_kept() {
        // A 4-px square traced with points every px: every corner stays.
        let sq = [
            (0.0, 0.0),
            (1.0, 0.0),
            (2.0, 0.0),
            (2.0, 1.0),
            (2.0, 2.0),
            (1.0, 2.0),
            (0.0, 2.0),
            (0.0, 1.0),
            (0.0, 0.0),
        ];
        let out = check(&sq, 0.1);
        for c in [(2.0, 0.0), (2.0, 2.0), (0.0, 2.0)] {
            assert!(out.contains(&c), "{c:?} kept");
        }
        assert_eq!(out.len(), 5);
    }

    #[test]
    fn collinear_points_go_and_a_zigzag_above_eps_stays() {
        let straight: Vec<_> = (0..20).map(|i| (i as f64, 2.0 * i as f64)).collect();
        assert_eq!(check(&straight, 0.01), vec![(0.0, 0.0), (19.0, 38.0)]);
        let zig: Vec<_> = (0..20)
            .map(|i| (i as f64, if i % 2 == 0 { 0.0 } else { 0.3 }))
            .collect();
        assert_eq!(check(&zig, 0.1), zig, "every tooth is 0.3 px");
        assert_eq!(check(&zig, 0.5).len(), 2);
    }

    #[test]
    fn short_lines_bad_eps_and_non_finite_points_are_kept_as_they_are() {
        assert!(run(&[], 0.2).is_empty());
        assert_eq!(run(&[(1.0, 1.0)], 0.2), vec![(1.0, 1.0)]);
        let two = [(0.0, 0.0), (3.0, 4.0)];
        assert_eq!(run(&two, 0.2), two);
        let line = [(0.0, 0.0), (1.0, 0.01), (2.0, 0.0)];
        assert_eq!(run(&line, f64::NAN), line);
        assert_eq!(run(&line, 0.0), line);
        let bad = [(0.0, 0.0), (f64::NAN, 1.0), (2.0, 0.0)];
        assert_eq!(
            run(&bad, 0.2).len(),
            3,
            "a NaN point is never dropped silently"
        );
    }

    /// The page's isolines (a 1750×1020 device-px plot at DPR 2: traced on
    /// a grid every 2.5 CSS px, drawn in CSS px, simplified to a quarter
    /// of a device px): smooth surfaces lose most of their points, every
    /// dropped point stays within the tolerance. Prints the counts.
    #[test]
    fn the_page_isolines_of_the_built_ins_shrink() {
        use crate::landscape::Landscape;
        use crate::surface::{isolines_at, Grid, LogScale};
        let (w, h) = (875.0, 510.0);
        for (kind, at_most) in [("quadratic", 0.2), ("rosenbrock", 0.2), ("rastrigin", 0.7)] {
            let l = Landscape::from_kind(kind).unwrap();
            let view = l.default_view();
            let fine = Grid::sample(&l, view, 1750, 1020);
            let levels: Vec<f64> = LogScale::of(&fine).levels(14).iter().map(|l| l.1).collect();
            let coarse = Grid::sample(&l, view, (w / 2.5) as usize, (h / 2.5) as usize);
            let (mut before, mut after) = (0, 0);
            for line in isolines_at(&coarse, &levels).iter().flatten() {
                let px: Vec<(f64, f64)> = line
                    .iter()
                    .map(|p| {
                        (
                            (p[0] - view.x0) / view.width() * w,
                            (view.y1 - p[1]) / view.height() * h,
                        )
                    })
                    .collect();
                before += px.len();
                after += check(&px, 0.125).len();
            }
            println!("{kind}: {before} → {after} points");
            assert!(before > 500, "{kind}: {before}");
            assert!(
                (after as f64) < at_most * before as f64,
                "{kind}: {before} → {after}"
            );
        }
    }
}
