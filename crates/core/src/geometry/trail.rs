//! A trail at pixel resolution: which segments and dots are worth drawing,
//! and where a point outside the picture is pointed at from its edge.

use super::Viewport;
use crate::Vec2;
use std::collections::HashSet;

/// At most this many distinct segments of a trail are kept, walking back
/// from the current step: a chaotic run (η = 1000) keeps its latest 5000
/// jumps, which already cover the canvas. Dots: four times as many.
pub const SEGMENT_BUDGET: usize = 5000;

/// How far outside the rectangle (px) a dot is still drawn (it is 7 px wide).
const DOT_MARGIN: f64 = 10.0;

/// Whether a dot at pixel (`x`, `y`) can show (it may overhang the edge).
pub fn dot_shown(g: &Viewport, x: f64, y: f64) -> bool {
    !(x < g.left - DOT_MARGIN
        || y < g.top - DOT_MARGIN
        || x > g.left + g.w + DOT_MARGIN
        || y > g.top + g.h + DOT_MARGIN)
}

/// The trail `pts` (start … current step) as pixel polylines, listed from
/// the current step backwards. A point closer than half a pixel to the last
/// kept one is merged into it (the start never is); a segment off the
/// rectangle on one side, or one already drawn between the same 2 px cells,
/// is left out and breaks the line. Kept points are exactly
/// [`Viewport::px`] of a trail point. So a 100 000-step run bouncing across
/// the bowl strokes a few segments, not 100 000 overlapping ones (which
/// stalls a software canvas for minutes).
pub fn polylines(g: &Viewport, pts: &[Vec2]) -> Vec<Vec<(f64, f64)>> {
    let Some(last) = pts.len().checked_sub(1) else {
        return Vec::new();
    };
    let (right, bottom) = (g.left + g.w, g.top + g.h);
    let q = |v: f64| (v / 2.0).floor().clamp(-1e6, 1e6) as i32;
    let mut seen: HashSet<(i32, i32, i32, i32)> = HashSet::new();
    let mut lines: Vec<Vec<(f64, f64)>> = Vec::new();
    let mut cur: Vec<(f64, f64)> = Vec::new();
    let mut prev = g.px(pts[last]);
    cur.push(prev);
    for k in (0..last).rev() {
        if seen.len() >= SEGMENT_BUDGET {
            break;
        }
        let (x, y) = g.px(pts[k]);
        if (x - prev.0).abs() < 0.5 && (y - prev.1).abs() < 0.5 && k != 0 {
            continue;
        }
        let off = (x < g.left && prev.0 < g.left)
            || (x > right && prev.0 > right)
            || (y < g.top && prev.1 < g.top)
            || (y > bottom && prev.1 > bottom);
        let (a, b) = ((q(prev.0), q(prev.1)), (q(x), q(y)));
        let key = if a <= b {
            (a.0, a.1, b.0, b.1)
        } else {
            (b.0, b.1, a.0, a.1)
        };
        if off || !seen.insert(key) {
            if cur.len() > 1 {
                lines.push(std::mem::take(&mut cur));
            }
            cur.clear();
            cur.push((x, y));
        } else {
            if cur.is_empty() {
                cur.push(prev);
            }
            cur.push((x, y));
        }
        prev = (x, y);
    }
    if cur.len() > 1 {
        lines.push(cur);
    }
    lines
}

/// Where the dots of the trail `pts` go, from the current step backwards:
/// one per 2 px cell (a 100 000-step run that oscillates between two places
/// draws two dots, not 100 000), only those that can show, at most
/// 4 × [`SEGMENT_BUDGET`].
pub fn dots(g: &Viewport, pts: &[Vec2]) -> Vec<(f64, f64)> {
    let (cw, chh) = (
        (g.w / 2.0).ceil() as usize + 1,
        (g.h / 2.0).ceil() as usize + 1,
    );
    let mut seen = vec![false; cw * chh];
    let mut centres: Vec<(f64, f64)> = Vec::new();
    for p in pts.iter().rev() {
        if centres.len() >= 4 * SEGMENT_BUDGET {
            break;
        }
        let (x, y) = g.px(*p);
        if !dot_shown(g, x, y) {
            continue;
        }
        let (i, j) = (
            ((x - g.left).max(0.0) / 2.0) as usize,
            ((y - g.top).max(0.0) / 2.0) as usize,
        );
        let cell = j.min(chh - 1) * cw + i.min(cw - 1);
        if !seen[cell] {
            seen[cell] = true;
            centres.push((x, y));
        }
    }
    centres
}

/// A triangle on the edge pointing at a point outside the picture.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EdgeMarker {
    /// Where its centre sits, px.
    pub x: f64,
    /// Where its centre sits, px.
    pub y: f64,
    /// Its direction (radians, pixel axes: 0 points right, π/2 down).
    pub angle: f64,
}

/// The edge marker of the pixel position (`x`, `y`) outside the picture:
/// where the point would be, held inside the picture inset by `inset`
/// (left, top, right, bottom px: room for the triangle, and for the tick
/// labels along the bottom and left), pointing from there towards it. A run
/// that left through the top at x1 = −1.5 is marked above −1.5 (the ray
/// from the centre put it above the window's middle, next to another tick),
/// pointing up; past a corner, it points diagonally. None for a point
/// inside the inset picture or not finite.
pub fn edge_marker(g: &Viewport, x: f64, y: f64, inset: [f64; 4]) -> Option<EdgeMarker> {
    if !(x.is_finite() && y.is_finite()) {
        return None;
    }
    let [l, t, r, b] = inset;
    let (x0, x1) = (g.left + l, g.left + g.w - r);
    let (y0, y1) = (g.top + t, g.top + g.h - b);
    if x0 > x1 || y0 > y1 {
        return None;
    }
    let (mx, my) = (x.clamp(x0, x1), y.clamp(y0, y1));
    let (dx, dy) = (x - mx, y - my);
    if dx == 0.0 && dy == 0.0 {
        return None;
    }
    Some(EdgeMarker {
        x: mx,
        y: my,
        angle: crate::math::atan2(dy, dx),
    })
}

/// [`edge_marker`], moved out of a box in the picture's top-right corner
/// (`corner`: its width and height, px; the view buttons stand there):
/// left of it for a point that left upwards, under it for one that left to
/// the right, still pointing at the point; `reach` the marker's size from
/// its centre.
pub fn edge_marker_clear(
    g: &Viewport,
    x: f64,
    y: f64,
    inset: [f64; 4],
    corner: [f64; 2],
    reach: f64,
) -> Option<EdgeMarker> {
    let mut m = edge_marker(g, x, y, inset)?;
    let (left, bottom) = (g.left + g.w - corner[0] - reach, g.top + corner[1] + reach);
    if m.x > left && m.y < bottom {
        if (y - m.y).abs() >= (x - m.x).abs() {
            m.x = left;
        } else {
            m.y = bottom;
        }
        m.angle = crate::math::atan2(y - m.y, x - m.x);
    }
    Some(m)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::landscape::View;

    fn vp() -> Viewport {
        Viewport::new(View::new([0.0, 10.0], [0.0, 10.0]), 100.0, 100.0)
    }

    #[test]
    fn an_edge_marker_stands_where_the_point_left_and_points_at_it() {
        let g = vp();
        let inset = [20.0, 10.0, 10.0, 25.0];
        // Far above, at x = 30 px: marked above x = 30, pointing up.
        let m = edge_marker(&g, 30.0, -1e9, inset).unwrap();
        assert_eq!((m.x, m.y), (30.0, 10.0));
        assert!((m.angle + std::f64::consts::FRAC_PI_2).abs() < 1e-12);
        // Right of it: at its height, pointing right.
        let m = edge_marker(&g, 500.0, 40.0, inset).unwrap();
        assert_eq!((m.x, m.y, m.angle), (90.0, 40.0, 0.0));
        // Past the bottom-left corner: in the corner, clear of the labels'
        // strips, pointing down-left.
        let m = edge_marker(&g, -100.0, 300.0, inset).unwrap();
        assert_eq!((m.x, m.y), (20.0, 75.0));
        assert!(m.angle > std::f64::consts::FRAC_PI_2 && m.angle < std::f64::consts::PI);
        // Inside the inset picture, or not a number: none.
        assert_eq!(edge_marker(&g, 50.0, 50.0, inset), None);
        assert_eq!(edge_marker(&g, f64::NAN, 50.0, inset), None);
    }

    fn kept(lines: &[Vec<(f64, f64)>]) -> Vec<(f64, f64)> {
        lines.iter().flatten().copied().collect()
    }

    #[test]
    fn keeps_endpoints_and_never_moves_a_point() {
        let g = vp();
        let pts: Vec<Vec2> = (0..200)
            .map(|k| {
                let t = k as f64 / 199.0;
                [1.0 + 8.0 * t, 5.0 + 3.0 * (6.0 * t).sin()]
            })
            .collect();
        let lines = polylines(&g, &pts);
        let all = kept(&lines);
        assert_eq!(all.first(), Some(&g.px(pts[199])));
        assert_eq!(all.last(), Some(&g.px(pts[0])));
        let exact: Vec<(f64, f64)> = pts.iter().map(|p| g.px(*p)).collect();
        for p in &all {
            assert!(exact.contains(p), "{p:?} is not a trail point");
        }
        assert!(all.len() < pts.len());
    }

    #[test]
    fn random_walks_keep_only_exact_trail_points() {
        // A small LCG: random walks, some wandering far off the canvas.
        let mut seed: u64 = 7;
        let mut rnd = || {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (seed >> 11) as f64 / (1u64 << 53) as f64 - 0.5
        };
        let g = vp();
        for case in 0..200 {
            let stride = if case % 3 == 0 { 8.0 } else { 0.5 };
            let mut p = [5.0, 5.0];
            let pts: Vec<Vec2> = (0..300)
                .map(|_| {
                    let q = p;
                    p = [p[0] + stride * rnd(), p[1] + stride * rnd()];
                    q
                })
                .collect();
            let exact: Vec<(f64, f64)> = pts.iter().map(|p| g.px(*p)).collect();
            let lines = polylines(&g, &pts);
            assert!(lines.iter().all(|l| l.len() >= 2));
            assert!(kept(&lines).iter().all(|p| exact.contains(p)));
            assert!(dots(&g, &pts).iter().all(|p| exact.contains(p)));
            if let Some(first) = lines.first().and_then(|l| l.first()) {
                // Lines run from the current step backwards.
                assert!(exact.contains(first));
            }
        }
    }

    #[test]
    fn sub_pixel_steps_merge_but_the_start_stays() {
        let g = vp();
        // 1000 steps within a tenth of a pixel of each other, then a jump.
        let mut pts: Vec<Vec2> = (0..1000).map(|k| [5.0 + k as f64 * 1e-6, 5.0]).collect();
        pts.push([8.0, 5.0]);
        let lines = polylines(&g, &pts);
        assert_eq!(lines.len(), 1);
        let line = &lines[0];
        assert_eq!(line.first(), Some(&g.px([8.0, 5.0])));
        assert_eq!(line.last(), Some(&g.px(pts[0])));
        assert!(line.len() <= 3);
    }

    #[test]
    fn a_bouncing_run_strokes_each_segment_once() {
        let g = vp();
        let pts: Vec<Vec2> = (0..100_000)
            .map(|k| if k % 2 == 0 { [2.0, 2.0] } else { [8.0, 8.0] })
            .collect();
        assert_eq!(kept(&polylines(&g, &pts)).len(), 2);
        assert_eq!(dots(&g, &pts).len(), 2);
    }

    #[test]
    fn segments_off_one_side_are_left_out() {
        let g = vp();
        let pts: Vec<Vec2> = vec![
            [5.0, 5.0],
            [-1.0, 5.0],
            [-2.0, 6.0],
            [-3.0, 4.0],
            [5.0, 6.0],
        ];
        let lines = polylines(&g, &pts);
        // The two segments left of the canvas are not drawn.
        assert_eq!(lines.len(), 2);
        assert!(kept(&lines).len() == 4);
        assert!(polylines(&g, &[]).is_empty());
        assert!(polylines(&g, &[[1.0, 1.0]]).is_empty());
    }

    #[test]
    fn dots_skip_far_points_and_shared_cells() {
        let g = vp();
        let pts: Vec<Vec2> = vec![[1.1, 1.1], [1.15, 1.15], [50.0, 50.0], [-0.5, 5.0]];
        let d = dots(&g, &pts);
        // Newest first; the 5 px-off point shows, the far one does not.
        assert_eq!(d, vec![g.px([-0.5, 5.0]), g.px([1.15, 1.15])]);
        assert!(dot_shown(&g, -10.0, 110.0) && !dot_shown(&g, -10.5, 50.0));
    }

    #[test]
    fn an_edge_marker_leaves_the_buttons_corner() {
        let g = vp();
        let (inset, corner) = ([12.0; 4], [30.0, 20.0]);
        // Left through the top, under the corner: moved left of it, up.
        let m = edge_marker_clear(&g, 90.0, -500.0, inset, corner, 5.0).unwrap();
        assert_eq!((m.x, m.y), (65.0, 12.0));
        assert!(m.angle < 0.0 && m.angle > -std::f64::consts::PI);
        // Left through the right side there: moved under it, pointing right.
        let m = edge_marker_clear(&g, 500.0, 15.0, inset, corner, 5.0).unwrap();
        assert_eq!((m.x, m.y), (88.0, 25.0));
        assert!(m.angle.abs() < 0.1);
        // Elsewhere, the plain marker.
        assert_eq!(
            edge_marker_clear(&g, 500.0, 60.0, inset, corner, 5.0),
            edge_marker(&g, 500.0, 60.0, inset)
        );
    }

    #[test]
    fn edge_marker_sits_on_the_inset_border_towards_the_point() {
        let g = vp();
        let inset = [12.0; 4];
        let m = edge_marker(&g, 250.0, 50.0, inset).unwrap();
        assert_eq!((m.x, m.y, m.angle), (88.0, 50.0, 0.0));
        let m = edge_marker(&g, 50.0, -1e5, inset).unwrap();
        assert_eq!((m.x, m.y), (50.0, 12.0));
        assert!((m.angle + std::f64::consts::FRAC_PI_2).abs() < 1e-12);
        let m = edge_marker(&g, -1000.0, -1000.0, inset).unwrap();
        assert!((m.x - 12.0).abs() < 1e-9 && (m.y - 12.0).abs() < 1e-9);
        assert_eq!(edge_marker(&g, 50.0, 50.0, inset), None);
    }
}
