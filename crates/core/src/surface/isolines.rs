//! Marching-squares isolines of a grid.

use super::Grid;
use crate::Vec2;

const NONE: u32 = u32::MAX;

/// Isolines of a grid at one level, as polylines in world coordinates
/// (marching squares, segments chained through shared cell edges).
///
/// A crossing point is computed once per edge and named by a dense id in
/// the order of discovery (the rows above and to the left are remembered,
/// so no hash map is needed).
pub fn isolines(grid: &Grid, level: f64) -> Vec<Vec<Vec2>> {
    trace(grid, &Spans::of(grid), level)
}

/// [`isolines`] at each of several levels, the same lines in the same
/// order, from one pass over the cells: each corner's band (how many of
/// the levels it is not below) says which levels a cell crosses, so the
/// cells between two levels (most of them) are passed over once, not once
/// per level.
pub fn isolines_at(grid: &Grid, levels: &[f64]) -> Vec<Vec<Vec<Vec2>>> {
    // The levels in increasing order (a NaN level crosses nothing).
    // An insertion sort: a handful of levels, nearly always in order
    // already (a library sort costs the page's wasm 3 KB gzip).
    let mut order: Vec<usize> = Vec::with_capacity(levels.len());
    for k in (0..levels.len()).filter(|&k| !levels[k].is_nan()) {
        let at = order.partition_point(|&o| levels[o].total_cmp(&levels[k]).is_le());
        order.insert(at, k);
    }
    let sorted: Vec<f64> = order.iter().map(|&k| levels[k]).collect();
    let mut out: Vec<Vec<Vec<Vec2>>> = (0..levels.len()).map(|_| Vec::new()).collect();
    // A corner's band is a byte: at most 255 levels a pass (each level's
    // lines are its own, whatever the pass).
    for (g, group) in sorted.chunks(usize::from(u8::MAX)).enumerate() {
        for (k, lines) in Bands::new(grid, group).trace().into_iter().enumerate() {
            out[order[g * usize::from(u8::MAX) + k]] = lines;
        }
    }
    out
}

/// Whether a corner counts as below a level (a NaN is below none).
#[inline]
fn below(v: f64, level: f64) -> bool {
    v < level
}

/// The state of [`isolines_at`]'s pass: per level, as [`trace`] keeps for
/// one, its crossing points, segments and the ids of the edges above and
/// to the left (valid only where stamped with the current row or column,
/// so a level a cell does not cross costs nothing there).
struct Bands<'a> {
    grid: &'a Grid,
    levels: &'a [f64],
    points: Vec<Vec<Vec2>>,
    segs: Vec<Vec<(u32, u32)>>,
    /// Per level, per column: the id of the cell's top edge and the row
    /// it is the top of.
    above: Vec<(u32, u32)>,
    /// Per level: the id of the cell's left edge and the column it is the
    /// left of.
    left: Vec<(u32, u32)>,
}

impl<'a> Bands<'a> {
    fn new(grid: &'a Grid, levels: &'a [f64]) -> Bands<'a> {
        let n = levels.len();
        Bands {
            grid,
            levels,
            points: (0..n).map(|_| Vec::new()).collect(),
            segs: (0..n).map(|_| Vec::new()).collect(),
            above: vec![(NONE, NONE); n * grid.w.saturating_sub(1)],
            left: vec![(NONE, NONE); n],
        }
    }

    /// How many of the (increasing, at most 255) levels `v` is not below:
    /// the levels an edge crosses are those from the smaller band of its
    /// ends up to, not including, the larger (NaN is below none, as
    /// `v < level` says). Walked from the band of a neighbour, which is
    /// mostly the same or next to it (two comparisons, no bisection).
    #[inline(always)]
    fn band(&self, v: f64, near: u8) -> u8 {
        let l = self.levels;
        let mut k = usize::from(near);
        while k < l.len() && !below(v, l[k]) {
            k += 1;
        }
        while k > 0 && below(v, l[k - 1]) {
            k -= 1;
        }
        k as u8
    }

    /// Edge a–b at level `k`: its crossing's id, or NONE (as [`trace`]).
    #[inline(always)]
    fn cross(&mut self, k: usize, a: (usize, usize), b: (usize, usize)) -> u32 {
        push_crossing(self.grid, a, b, self.levels[k], &mut self.points[k])
    }

    fn trace(mut self) -> Vec<Vec<Vec<Vec2>>> {
        let g = self.grid;
        let (w, h) = (g.w, g.h);
        let cells = w.saturating_sub(1);
        let mut top = vec![0u8; w];
        let mut bottom = vec![0u8; w];
        let mut near = 0;
        for (i, c) in top.iter_mut().enumerate() {
            near = self.band(g.values[i], near);
            *c = near;
        }
        // The top edges of row 0, each level's ids in column order.
        for i in 0..cells {
            for k in usize::from(top[i].min(top[i + 1]))..usize::from(top[i].max(top[i + 1])) {
                let id = self.cross(k, (i, 0), (i + 1, 0));
                self.above[k * cells + i] = (id, 0);
            }
        }
        for j in 0..h.saturating_sub(1) {
            for (i, c) in bottom.iter_mut().enumerate() {
                near = self.band(g.values[(j + 1) * w + i], near);
                *c = near;
            }
            for k in usize::from(top[0].min(bottom[0]))..usize::from(top[0].max(bottom[0])) {
                let id = self.cross(k, (0, j), (0, j + 1));
                self.left[k] = (id, 0);
            }
            let mut i = 0;
            while i < cells {
                // Eight cells at once where all their corners are in one
                // band (most cells: no level crosses them).
                if i + 8 < w {
                    let word =
                        |r: &[u8]| u64::from_le_bytes(r[i..][..8].try_into().unwrap_or([0; 8]));
                    let a = top[i];
                    let all = u64::from(a) * 0x0101_0101_0101_0101;
                    if word(&top) == all
                        && word(&bottom) == all
                        && top[i + 8] == a
                        && bottom[i + 8] == a
                    {
                        i += 8;
                        continue;
                    }
                }
                let (a, b, c, d) = (top[i], top[i + 1], bottom[i + 1], bottom[i]);
                let lo = a.min(b).min(c.min(d));
                let hi = a.max(b).max(c.max(d));
                for k in usize::from(lo)..usize::from(hi) {
                    self.cell(k, i, j);
                }
                i += 1;
            }
            std::mem::swap(&mut top, &mut bottom);
        }
        let Bands { points, segs, .. } = self;
        segs.iter().zip(&points).map(|(s, p)| chain(s, p)).collect()
    }

    /// Cell (i, j) at level `k` (it crosses it), as [`trace`]'s loop body.
    #[inline(always)]
    fn cell(&mut self, k: usize, i: usize, j: usize) {
        let cells = self.grid.w - 1;
        let (id, row) = self.above[k * cells + i];
        let top = if row == j as u32 { id } else { NONE };
        let right = self.cross(k, (i + 1, j), (i + 1, j + 1));
        let bottom = self.cross(k, (i, j + 1), (i + 1, j + 1));
        let (id, col) = self.left[k];
        let left = if col == i as u32 { id } else { NONE };
        let (g, level) = (self.grid, self.levels[k]);
        join(&mut self.segs[k], [top, right, bottom, left], || {
            centre_with_corner(g, i, j, level)
        });
        self.above[k * cells + i] = (bottom, j as u32 + 1);
        self.left[k] = (right, i as u32 + 1);
    }
}

/// Cells per span of a row.
const SPAN: usize = 16;

/// The smallest and largest corner value of each run of [`SPAN`] cells of
/// each row of cells: a level outside a span's range crosses none of its
/// edges, so the span is skipped without visiting its cells. A NaN corner
/// makes the span's range everything (always visited).
struct Spans {
    per_row: usize,
    range: Vec<(f64, f64)>,
}

impl Spans {
    fn of(grid: &Grid) -> Spans {
        let (w, h) = (grid.w, grid.h);
        let cells = w.saturating_sub(1);
        let per_row = cells.div_ceil(SPAN);
        let mut range = Vec::with_capacity(per_row * h.saturating_sub(1));
        for j in 0..h.saturating_sub(1) {
            let (top, bottom) = (&grid.values[j * w..][..w], &grid.values[(j + 1) * w..][..w]);
            for s in 0..per_row {
                let cols = s * SPAN..=((s + 1) * SPAN).min(cells);
                let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
                for v in top[cols.clone()].iter().chain(&bottom[cols]) {
                    if v.is_nan() {
                        (lo, hi) = (f64::NEG_INFINITY, f64::INFINITY);
                        break;
                    }
                    lo = if *v < lo { *v } else { lo };
                    hi = if *v > hi { *v } else { hi };
                }
                range.push((lo, hi));
            }
        }
        Spans { per_row, range }
    }

    /// Whether some corner of span `s` of row `j` is below the level and
    /// some is not (what an edge needs to cross it).
    fn brackets(&self, j: usize, s: usize, level: f64) -> bool {
        let (lo, hi) = self.range[j * self.per_row + s];
        lo < level && hi >= level
    }
}

/// The isolines at one level (see [`isolines`]).
fn trace(grid: &Grid, spans: &Spans, level: f64) -> Vec<Vec<Vec2>> {
    let (w, h) = (grid.w, grid.h);
    let mut points: Vec<Vec2> = Vec::new();
    let mut cross =
        |a: (usize, usize), b: (usize, usize)| push_crossing(grid, a, b, level, &mut points);
    // above[i]: the id of horizontal edge (i, j)-(i+1, j), the bottom of the
    // cell above (computed as the top of row 0).
    let mut above: Vec<u32> = (0..w.saturating_sub(1))
        .map(|i| cross((i, 0), (i + 1, 0)))
        .collect();
    let mut segs: Vec<(u32, u32)> = Vec::new();
    for j in 0..h.saturating_sub(1) {
        let mut left = cross((0, j), (0, j + 1));
        let mut i = 0;
        while i + 1 < w {
            if i % SPAN == 0 && !spans.brackets(j, i / SPAN, level) {
                // No edge of these cells crosses the level: the ids their
                // visit would leave (none), without the visit.
                let end = (i + SPAN).min(w - 1);
                above[i..end].fill(NONE);
                left = NONE;
                i = end;
                continue;
            }
            let top = above[i];
            let right = cross((i + 1, j), (i + 1, j + 1));
            let bottom = cross((i, j + 1), (i + 1, j + 1));
            join(&mut segs, [top, right, bottom, left], || {
                centre_with_corner(grid, i, j, level)
            });
            above[i] = bottom;
            left = right;
            i += 1;
        }
    }
    chain(&segs, &points)
}

/// Where edge a–b (grid indices) crosses `level`, pushed onto `points`:
/// its id, or NONE when both ends are on the same side (`v < level`).
#[inline(always)]
fn push_crossing(
    g: &Grid,
    a: (usize, usize),
    b: (usize, usize),
    level: f64,
    points: &mut Vec<Vec2>,
) -> u32 {
    let (va, vb) = (g.values[a.1 * g.w + a.0], g.values[b.1 * g.w + b.0]);
    if (va < level) == (vb < level) {
        return NONE;
    }
    let s = (level - va) / (vb - va);
    let s = if s.is_finite() {
        s.clamp(0.0, 1.0)
    } else {
        0.5
    };
    points.push(g.pos(
        a.0 as f64 + s * (b.0 as f64 - a.0 as f64),
        a.1 as f64 + s * (b.1 as f64 - a.1 as f64),
    ));
    (points.len() - 1) as u32
}

/// Whether the centre of cell (i, j) (its corners' mean) is on the same
/// side of `level` as its top-left corner.
fn centre_with_corner(g: &Grid, i: usize, j: usize, level: f64) -> bool {
    let val = |i: usize, j: usize| g.values[j * g.w + i];
    let centre = (val(i, j) + val(i + 1, j) + val(i + 1, j + 1) + val(i, j + 1)) / 4.0;
    (centre < level) == (val(i, j) < level)
}

/// A cell's segments from the ids of its crossed edges (top, right,
/// bottom, left; NONE where not crossed): two edges make one segment; four
/// (a saddle) make two, paired by whether the cell's centre is on the same
/// side of the level as its top-left corner ([`centre_with_corner`]).
#[inline(always)]
fn join(segs: &mut Vec<(u32, u32)>, edges: [u32; 4], centre_with_corner: impl Fn() -> bool) {
    let mut e = [NONE; 4];
    let mut n = 0;
    for id in edges {
        if id != NONE {
            e[n] = id;
            n += 1;
        }
    }
    match n {
        2 => segs.push((e[0], e[1])),
        4 => {
            if centre_with_corner() {
                segs.push((e[0], e[1]));
                segs.push((e[2], e[3]));
            } else {
                segs.push((e[0], e[3]));
                segs.push((e[1], e[2]));
            }
        }
        _ => {}
    }
}

fn chain(segs: &[(u32, u32)], points: &[Vec2]) -> Vec<Vec<Vec2>> {
    // at[id]: the (at most two) segments ending on edge `id`, in order.
    let mut at: Vec<[u32; 2]> = vec![[NONE; 2]; points.len()];
    for (k, &(a, b)) in segs.iter().enumerate() {
        for id in [a, b] {
            let slot = &mut at[id as usize];
            if slot[0] == NONE {
                slot[0] = k as u32;
            } else {
                slot[1] = k as u32;
            }
        }
    }
    let mut used = vec![false; segs.len()];
    let mut lines = Vec::new();
    let mut backward: Vec<u32> = Vec::new();
    let mut forward: Vec<u32> = Vec::new();
    let walk = |start_edge: u32, used: &mut [bool], ids: &mut Vec<u32>| {
        ids.clear();
        let mut edge = start_edge;
        loop {
            let [s0, s1] = at[edge as usize];
            let free = |k: u32| k != NONE && !used[k as usize];
            let k = if free(s0) {
                s0
            } else if free(s1) {
                s1
            } else {
                break;
            };
            used[k as usize] = true;
            let (a, b) = segs[k as usize];
            edge = if a == edge { b } else { a };
            ids.push(edge);
        }
    };
    for k in 0..segs.len() {
        if used[k] {
            continue;
        }
        used[k] = true;
        let (a, b) = segs[k];
        walk(b, &mut used, &mut forward);
        walk(a, &mut used, &mut backward);
        let mut line = Vec::with_capacity(backward.len() + 2 + forward.len());
        line.extend(backward.iter().rev().map(|&id| points[id as usize]));
        line.push(points[a as usize]);
        line.push(points[b as usize]);
        line.extend(forward.iter().map(|&id| points[id as usize]));
        lines.push(line);
    }
    lines
}
